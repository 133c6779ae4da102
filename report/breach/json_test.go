package breach

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestWriteFindingsJSONIsEncoderOutput: the streamed document is, byte for
// byte, what a json.Encoder with the same settings writes of the whole.
func TestWriteFindingsJSONIsEncoderOutput(t *testing.T) {
	w := modeltest.Generate(2, modeltest.Options{Conventions: 40, Rows: 4000})
	all := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	asOf := model.NewDate(2026, time.November, 20)
	odd := model.Finding{Code: model.CodeUnknownPartner, Account: "a<b>&c", Organisme: "« Les Tilleuls » \"&\" \u2028"}
	for _, tc := range []struct {
		name string
		fs   []model.Finding
	}{{"nil", nil}, {"empty", []model.Finding{}}, {"one", []model.Finding{odd}}, {"workload", all}} {
		t.Run(tc.name, func(t *testing.T) {
			doc := model.Findings{AsOf: asOf, Findings: tc.fs}
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			if err := WriteFindingsJSON(&got, doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("streamed JSON differs (%d vs %d bytes)\n%.400s", got.Len(), want.Len(), got.String())
			}
		})
	}
}

// TestPropFindingsJSONIsEncoderOutput: for findings of any code with any
// strings (controls, HTML characters, invalid UTF-8, U+2028), the fast
// layout is the json.Encoder's, byte for byte.
func TestPropFindingsJSONIsEncoderOutput(t *testing.T) {
	codes := append(model.Codes[:], "autre")
	rapid.Check(t, func(t *rapid.T) {
		str := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", "a<b>&c", "\u2028\u2029", "\xff\xfe", "tab\there", `"q"\`, "Léa ANDRÉ"}))
		var fs []model.Finding
		for range rapid.IntRange(0, 5).Draw(t, "n") {
			f := model.Finding{Code: rapid.SampledFrom(codes).Draw(t, "code"), Convention: str.Draw(t, "conv"), Unit: str.Draw(t, "unit"),
				Service: str.Draw(t, "service"), Profile: model.Profile(str.Draw(t, "profile")), Quota: rapid.Int().Draw(t, "quota"),
				Count: rapid.Int().Draw(t, "count"), Account: str.Draw(t, "account"), Organisme: str.Draw(t, "org"), Name: str.Draw(t, "name")}
			if rapid.Bool().Draw(t, "accounts") {
				f.Accounts = rapid.SliceOfN(str, 0, 3).Draw(t, "accs")
			}
			fs = append(fs, f)
		}
		doc := model.Findings{AsOf: model.NewDate(2026, time.November, 20), Findings: fs}
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if err := WriteFindingsJSON(&got, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("differs:\n%s\nwant\n%s", got.String(), want.String())
		}
	})
}
