package extract_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/model"
)

// TestSeedTextPDF extracts the seed dossier's plain text rendered by
// LibreOffice (testdata/make-seed-pdf.sh: tab stops instead of table cells,
// rows that wrap) and expects the seed's golden record.
func TestSeedTextPDF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "seed-text-libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("dossier", "testdata", "convention-06-2017-ccas-dijon.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want model.Record
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	var x extract.Extractor
	got, err := x.Extract(context.Background(), "seed-text-libreoffice.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range recordtest.Diff(want, got) {
		t.Error(d)
	}
}
