package extract_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"habilitations/extract/dossier"
	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
)

// TestCorpusWithoutColumns reads every corpus dossier whose truth is a
// record through the text layer, then merges each line's cells into one, as
// a text layer that failed to see the table columns would: the parser must
// still find the same record (it reads rows by their content, not by
// column positions).
func TestCorpusWithoutColumns(t *testing.T) {
	ran := 0
	for _, c := range recordtest.CorpusCases(t) {
		truth := recordtest.LoadTruth(t, c.Truth)
		if truth.Rejection != nil {
			continue
		}
		ran++
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(c.PDF)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := pdftext.Extract(context.Background(), data, pdftext.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range doc.Pages {
				for j, l := range doc.Pages[i].Lines {
					doc.Pages[i].Lines[j].Cells = []string{strings.Join(l.Cells, " ")}
				}
			}
			rec, err := dossier.Parse(doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for _, d := range recordtest.Diff(truth.Record, rec) {
				t.Error(d)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no corpus record")
	}
}
