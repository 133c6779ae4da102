package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"habilitations/model"
)

// truthFile is the shape of the corpus' <export>.truth.json.
type truthFile struct {
	File      string               `json:"file"`
	Format    string               `json:"format"`
	Encoding  string               `json:"encoding"`
	Delimiter string               `json:"delimiter"`
	Columns   []string             `json:"columns"`
	Rows      []model.Habilitation `json:"rows"`
}

// MustReadTruth decodes a truth file.
func MustReadTruth(tb testing.TB, path string) truthFile {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var t truthFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return t
}

// MustReadAll reads an export fully; the read itself must not fail.
func MustReadAll(tb testing.TB, name string, data []byte, opts Options) (Summary, []model.Habilitation) {
	tb.Helper()
	sum, rows, err := readAll(name, data, opts)
	if err != nil {
		tb.Fatalf("read %s: %v", name, err)
	}
	return sum, rows
}

func readAll(name string, data []byte, opts Options) (Summary, []model.Habilitation, error) {
	var rows []model.Habilitation
	sum, err := Read(context.Background(), name, bytes.NewReader(data), opts, func(h model.Habilitation) error {
		rows = append(rows, h)
		return nil
	})
	return sum, rows, err
}

// compareRows reports, field by field (canonical JSON keys), how got differs
// from want.
func compareRows(t *testing.T, got, want []model.Habilitation) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rows, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := asMap(t, got[i]), asMap(t, want[i])
		for k, wv := range w {
			if g[k] != wv {
				t.Errorf("row %d (line %d) %s: got %q, want %q", i, got[i].Line, k, g[k], wv)
			}
		}
	}
}

func asMap(t *testing.T, h model.Habilitation) map[string]string {
	t.Helper()
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// corpusExports lists the corpus exports: the repository's copy and, when
// present, ../shared/corpus.
func corpusExports(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, root := range []string{"../../testdata/corpus/cases", "../../../shared/corpus/cases"} {
		for _, pat := range []string{"*/export*.csv", "*/export*.xlsx"} {
			m, err := filepath.Glob(filepath.Join(root, pat))
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, m...)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no corpus exports found")
	}
	return out
}
