package extract_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCorpusCopyInStep checks that testdata/corpus is a faithful copy of
// ../shared/corpus when that folder is present, so that a case added to the
// shared corpus is not silently missing from the tests that must stand alone
// (testdata/sync-corpus.sh brings the copy in step).
func TestCorpusCopyInStep(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("no shared corpus at %s on this machine", shared)
	}
	local := filepath.Join("..", "testdata", "corpus")
	err := filepath.WalkDir(shared, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(shared, path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(local, rel))
		if err != nil {
			t.Errorf("%s is in the shared corpus but not in testdata/corpus: run testdata/sync-corpus.sh", rel)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/corpus/%s differs from the shared corpus: run testdata/sync-corpus.sh", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
