package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract/ocr"
	"habilitations/model"
)

// The quota tables of a scan are read a second time cell by cell: on the
// truth record the cells agree (nothing listed), and a quota the first
// reading got wrong (here: the truth altered) is listed as ambiguous.
func TestCellReadingOfQuotaTables(t *testing.T) {
	x := Extractor{OCR: mustOCR(t)}
	for _, name := range []string{
		"bulletin-2-1-service-social-general-2020.300-g4.pdf",
		"bulletin-2-1-service-social-general-2020.upside.pdf",
		"bulletin-2-1-service-social-general-2020.tif",
		os.Getenv("HABILITATIONS_CELLS_EXTRA"), // a longer scan, by hand
	} {
		if name == "" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "testdata", "scans", name))
			if err != nil {
				t.Fatal(err)
			}
			ws, err := ocr.NewWorkspace()
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			doc, sc, err := x.textOf(context.Background(), ws, data)
			if err != nil {
				t.Fatal(err)
			}
			truth := twinTruth(t, name)
			if got := x.cellDoubts(context.Background(), sc, doc, truth); len(got) != 0 {
				t.Errorf("cells disagree with the truth: %+v", got)
			}
			wrong := truth
			wrong.Services = append([]model.Service(nil), truth.Services...)
			q := wrong.Services[0].Quotas
			q.Set(model.T1, q.Get(model.T1)-2)
			q.Set(model.T5, 3)
			wrong.Services[0].Quotas = q
			got := x.cellDoubts(context.Background(), sc, doc, wrong)
			fields := map[string]model.VerifyReason{}
			for _, v := range got {
				fields[v.Field] = v.Reason
				if v.Box == nil || v.Page == 0 {
					t.Errorf("%s: no place on the page", v.Field)
				}
			}
			if len(got) != 2 || fields["services[0].quotas.T1"] != model.VerifyAmbiguous || fields["services[0].quotas.T5"] != model.VerifyAmbiguous {
				t.Errorf("wrong quotas not caught by the cells: %+v", got)
			}
		})
	}
}
