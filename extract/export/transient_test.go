package export

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestTransientRowsAreTheSame: reading transient (no interning, no
// packing) gives the same rows and summary as reading rows to keep, on
// every export fixture, CSV and XLSX.
func TestTransientRowsAreTheSame(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range paths {
		if filepath.Ext(p) == ".json" {
			continue
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			kept, keptRows, err1 := readAll(filepath.Base(p), data, Options{})
			tr, trRows, err2 := readAll(filepath.Base(p), data, Options{Transient: true})
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("errors differ: %v / %v", err1, err2)
			}
			if !reflect.DeepEqual(kept, tr) || !reflect.DeepEqual(keptRows, trRows) {
				t.Fatalf("transient reading differs: %d rows vs %d", len(trRows), len(keptRows))
			}
		})
		n++
	}
	if n < 5 {
		t.Fatalf("only %d export fixtures found", n)
	}
}
