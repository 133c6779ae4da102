package forms

import (
	"io"
	"strings"
	"testing"

	"habilitations/model"
)

// FuzzWriteAdminChange: values come from parsed PDFs and exports (untrusted);
// whatever they hold, writing the form neither panics nor fails. A blank
// convention number is refused by design (the form would name no
// convention): the fuzzer's blank ones are replaced.
func FuzzWriteAdminChange(f *testing.F) {
	f.Add("Céline BERTIN", "cbertin@ccas-beaune.fr", "03 80 22 11 33", "04/2018")
	f.Add("\x00\xff\xfe", "😀 ☃ \u202e", "", "0")
	f.Add(string(make([]byte, 3000)), "a\nb\tc", "\r\n", "x/y")
	f.Fuzz(func(t *testing.T, name, email, phone, conv string) {
		if strings.TrimSpace(conv) == "" {
			conv = "1"
		}
		a := model.AdminChange{Partner: name + email, Convention: conv, CafLines: []string{name, email},
			Name: name, Function: email, Phone: phone, Mobile: phone, Email: email, Replaces: model.AnswerYes,
			ReplacesName: name, ReplacesEmail: email, Code: model.CodeMissingAdmin}
		if err := WriteAdminChange(io.Discard, a); err != nil {
			t.Fatalf("write: %v", err)
		}
	})
}
