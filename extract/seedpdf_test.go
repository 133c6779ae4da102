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

// TestSeedRendered extracts the seed dossier rendered by other producers and
// expects the seed's golden record: its plain text by LibreOffice
// (testdata/make-seed-pdf.sh: tab stops instead of table cells, rows that
// wrap, an e-mail cut at its hyphen) and its HTML by Chromium and LibreOffice
// (testdata/make-seed-html.sh: real tables; an e-mail broken mid-word; a
// phone, an e-mail and a function wrapped over three lines; cells centred
// vertically, so that wrapped e-mails, phones and unit labels straddle their
// row).
func TestSeedRendered(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("dossier", "testdata", "convention-06-2017-ccas-dijon.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want model.Record
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	var x extract.Extractor
	for _, name := range []string{"seed-text-libreoffice.pdf", "seed-html-chromium.pdf", "seed-html-chromium-narrow.pdf",
		"seed-html-chromium-centred.pdf", "seed-html-libreoffice.pdf", "seed-html-libreoffice-sans.pdf"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := x.Extract(context.Background(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range recordtest.Diff(want, got) {
				t.Error(d)
			}
		})
	}
}
