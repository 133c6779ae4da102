package extract_test

import (
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
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
