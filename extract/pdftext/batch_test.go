package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"

	"habilitations/model"
)

// TestExtractAll: results come back in the order of the files, equal to
// one-by-one extraction; a cancelled context stops the batch.
func TestExtractAll(t *testing.T) {
	var files [][]byte
	var want []string
	for _, c := range corpusCases(t) {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
		doc, err := Extract(context.Background(), data, DefaultLimits())
		want = append(want, outcome(doc, err))
	}
	for i, r := range ExtractAll(context.Background(), files, DefaultLimits(), 3) {
		if got := outcome(r.Doc, r.Err); got != want[i] {
			t.Errorf("file %d: batch result differs from Extract", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, r := range ExtractAll(ctx, files, DefaultLimits(), 0) {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("file %d: err = %v, want context.Canceled", i, r.Err)
		}
	}
}

// outcome is the text of doc, or the rejection reason of err.
func outcome(doc Document, err error) string {
	if err != nil {
		return "rejected: " + string(model.ReasonOf(err))
	}
	return doc.String()
}
