package extract_test

import (
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
)

// TestCorpusRetypeset extracts corpus dossiers re-typeset by LibreOffice and
// Chromium from their text (testdata/make-corpus-html.sh: tables whose
// columns change or vanish, wrapped labels, e-mails, phones and headings,
// cells centred vertically): each must read to its source's truth.
func TestCorpusRetypeset(t *testing.T) {
	cases := recordtest.Walk(t, "retypeset", filepath.Join("testdata", "retypeset"))
	if len(cases) == 0 {
		t.Fatal("no fixture under testdata/retypeset")
	}
	var x extract.Extractor
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			checkCase(t, x, c)
		})
	}
}
