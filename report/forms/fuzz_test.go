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

// TestBlankConventionRefused: a form without a convention number (empty or
// blank) is refused, whether fillable or typed, and nothing is written.
func TestBlankConventionRefused(t *testing.T) {
	for _, conv := range []string{"", " ", "\t\n"} {
		for name, write := range map[string]func(io.Writer, model.AdminChange) error{
			"fillable": WriteAdminChange, "typed": WriteAdminChangeTyped,
		} {
			var b strings.Builder
			if err := write(&b, model.AdminChange{Convention: conv, Name: "Céline BERTIN"}); err == nil || b.Len() > 0 {
				t.Errorf("%s, convention %q: err = %v, %d bytes written; want an error and nothing", name, conv, err, b.Len())
			}
		}
	}
}
