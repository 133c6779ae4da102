package export

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCorpusExports reads every export of the corpus and compares it, field by
// field, with its truth file: rows, format, encoding, delimiter and columns.
func TestCorpusExports(t *testing.T) {
	for _, path := range corpusExports(t) {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			truth := MustReadTruth(t, path+".truth.json")
			sum, rows := MustReadAll(t, filepath.Base(path), data, Options{})
			if len(sum.RowErrors) > 0 || len(sum.Warnings) > 0 || len(sum.Missing) > 0 {
				t.Errorf("row errors %v, warnings %v, missing %v", sum.RowErrors, sum.Warnings, sum.Missing)
			}
			if sum.File != truth.File || sum.Format != truth.Format || sum.Encoding != truth.Encoding ||
				sum.Delimiter != truth.Delimiter {
				t.Errorf("summary file/format/encoding/delimiter = %q/%q/%q/%q, want %q/%q/%q/%q",
					sum.File, sum.Format, sum.Encoding, sum.Delimiter,
					truth.File, truth.Format, truth.Encoding, truth.Delimiter)
			}
			if !slices.Equal(sum.Columns, truth.Columns) {
				t.Errorf("columns = %q, want %q", sum.Columns, truth.Columns)
			}
			if sum.Rows != len(truth.Rows) {
				t.Errorf("summary rows = %d, want %d", sum.Rows, len(truth.Rows))
			}
			compareRows(t, rows, truth.Rows)
			for i, h := range rows { // one record per line in the corpus, header on line 1
				if h.Line != i+2 {
					t.Errorf("row %d: line %d, want %d", i, h.Line, i+2)
				}
			}
		})
	}
}
