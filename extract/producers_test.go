package extract_test

import (
	"path/filepath"
	"strings"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/model"
)

// TestProducers extracts the same dossier printed by several PDF producers
// (testdata/producers: LibreOffice, Chromium, Ghostscript, qpdf object
// streams, fpdf, Word through LibreOffice Writer, other fonts, a quota
// table split across pages), and likewise one standalone bulletin
// (testdata/producers/bulletins). Each must read to its truth, and every
// truth must equal its folder's LibreOffice twin's, so that no producer is
// tested against a weaker expectation.
func TestProducers(t *testing.T) {
	root := filepath.Join(recordtest.RepoRoot(t), "testdata", "producers")
	for _, sub := range []string{".", "bulletins"} {
		dir, label := filepath.Join(root, sub), filepath.Join("producers", sub)
		var cases []recordtest.Case
		for _, c := range recordtest.Walk(t, label, dir) {
			if filepath.Dir(c.PDF) == filepath.Clean(dir) { // not a sub-folder's
				cases = append(cases, c)
			}
		}
		if len(cases) < 3 {
			t.Fatalf("%d fixtures under %s", len(cases), dir)
		}
		want := recordtest.LoadTruth(t, filepath.Join(dir, "libreoffice.pdf.truth.json"))
		var x extract.Extractor
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				got := recordtest.LoadTruth(t, c.Truth)
				for _, d := range recordtest.Diff(want.Record, got.Record) {
					t.Errorf("truth differs from the LibreOffice twin: %s", d)
				}
				checkCase(t, x, c)
			})
		}
	}
}

// TestOCRScans extracts dossiers and a bulletin that were printed, scanned
// at 200 dpi and given a text layer by Tesseract (testdata/producers/ocr;
// the page images are stripped to keep them small: extraction reads the
// text layer only). Each reads to its truth, and a dossier's truth differs
// from the LibreOffice twin's in the Caf's address alone, where text
// recognition reads the en dash as an em dash or a hyphen.
func TestOCRScans(t *testing.T) {
	root := filepath.Join(recordtest.RepoRoot(t), "testdata", "producers")
	cases := recordtest.Walk(t, "producers/ocr", filepath.Join(root, "ocr"))
	if len(cases) < 4 {
		t.Fatalf("%d OCR fixtures", len(cases))
	}
	twins := map[string]recordtest.Truth{
		model.KindDossier:  recordtest.LoadTruth(t, filepath.Join(root, "libreoffice.pdf.truth.json")),
		model.KindBulletin: recordtest.LoadTruth(t, filepath.Join(root, "bulletins", "libreoffice.pdf.truth.json")),
	}
	var x extract.Extractor
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got := recordtest.LoadTruth(t, c.Truth)
			twin, ok := twins[got.Record.Kind]
			if !ok {
				t.Fatalf("truth of kind %q", got.Record.Kind)
			}
			for _, d := range recordtest.Diff(twin.Record, got.Record) {
				if !strings.HasPrefix(d, "convention.caf.address") {
					t.Errorf("truth differs from the twin beyond the Caf's address: %s", d)
				}
			}
			checkCase(t, x, c)
		})
	}
}
