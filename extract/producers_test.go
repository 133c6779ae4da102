package extract_test

import (
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
)

// TestProducers extracts the same dossier printed by several PDF producers
// (testdata/producers: LibreOffice, Chromium, Ghostscript, qpdf object
// streams, fpdf, other fonts, a quota table split across pages). Each must
// read to its truth, and every truth must equal the LibreOffice twin's, so
// that no producer is tested against a weaker expectation.
func TestProducers(t *testing.T) {
	dir := filepath.Join(recordtest.RepoRoot(t), "testdata", "producers")
	cases := recordtest.Walk(t, "producers", dir)
	if len(cases) == 0 {
		t.Fatalf("no fixture under %s", dir)
	}
	twin := filepath.Join(dir, "libreoffice.pdf.truth.json")
	want := recordtest.LoadTruth(t, twin)
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
