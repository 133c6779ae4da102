package breach

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

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
