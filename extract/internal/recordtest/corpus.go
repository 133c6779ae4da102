package recordtest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"habilitations/model"
)

// Case is one input PDF of a corpus with its truth file.
type Case struct {
	Name  string // e.g. testdata/01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf
	PDF   string // path of the PDF
	Truth string // path of PDF + ".truth.json"
}

// Truth is the expected outcome of one PDF: a record, or a rejection.
type Truth struct {
	Record    model.Record
	Rejection *model.Rejection
}

// CorpusCases lists every PDF that has a truth file under the repository's
// testdata/corpus/cases and, when present, ../shared/corpus/cases: no list
// is kept, so a case dropped there is tested.
func CorpusCases(tb testing.TB) []Case {
	tb.Helper()
	root := RepoRoot(tb)
	var out []Case
	for _, dir := range []struct{ label, path string }{
		{"testdata", filepath.Join(root, "testdata", "corpus", "cases")},
		{"shared", filepath.Join(root, "..", "shared", "corpus", "cases")},
	} {
		out = append(out, Walk(tb, dir.label, dir.path)...)
	}
	return out
}

// Walk lists the PDFs with a truth file under dir (recursively), named with
// label and their path relative to dir. A missing dir yields none.
func Walk(tb testing.TB, label, dir string) []Case {
	tb.Helper()
	var out []Case
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".pdf" {
			return nil
		}
		truth := path + ".truth.json"
		if _, err := os.Stat(truth); err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, Case{Name: label + "/" + filepath.ToSlash(rel), PDF: path, Truth: truth})
		return nil
	})
	if err != nil {
		tb.Fatalf("walk %s: %v", dir, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LoadTruth reads a truth file: a rejection when it has a "reason", else a
// record (unknown fields are an error, so a truth file cannot drift).
func LoadTruth(tb testing.TB, path string) Truth {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read truth: %v", err)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	if _, ok := probe["reason"]; ok {
		var rej model.Rejection
		if err := json.Unmarshal(b, &rej); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		return Truth{Rejection: &rej}
	}
	var rec model.Record
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return Truth{Record: rec}
}

// RepoRoot returns the directory holding go.mod, from the test's directory up.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}
