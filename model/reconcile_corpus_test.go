package model_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"habilitations/model"
)

// corpusCase is one corpus case with a findings.truth.json: the records of its
// PDFs (from their truth files, so that this test does not depend on the
// PDF parser), its export paths and the expected findings.
type corpusCase struct {
	Dir     string
	Records []model.Record
	Exports []string // the exports as dropped (CSV/XLSX)
	Want    model.Findings
}

// corpusDirs returns the corpus case directories: the module's copy, and the
// shared corpus when present.
func corpusDirs(tb testing.TB) []string {
	tb.Helper()
	var dirs []string
	for _, root := range []string{"../testdata/corpus/cases", "../../shared/corpus/cases"} {
		ds, _ := filepath.Glob(filepath.Join(root, "*", "findings.truth.json"))
		for _, d := range ds {
			dirs = append(dirs, filepath.Dir(d))
		}
	}
	if len(dirs) == 0 {
		tb.Fatal("no corpus case with findings.truth.json")
	}
	return dirs
}

// MustLoadCase reads the truth files of the case in dir.
func MustLoadCase(tb testing.TB, dir string) corpusCase {
	tb.Helper()
	c := corpusCase{Dir: dir}
	mustJSON(tb, filepath.Join(dir, "findings.truth.json"), &c.Want)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf.truth.json"))
	for _, p := range pdfs {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if bytes.Contains(b, []byte(`"reason"`)) {
			continue // a rejection: no record
		}
		var r model.Record
		mustJSON(tb, p, &r)
		c.Records = append(c.Records, r)
	}
	all, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range all {
		if ext := strings.ToLower(filepath.Ext(p)); ext == ".csv" || ext == ".xlsx" {
			c.Exports = append(c.Exports, p)
		}
	}
	return c
}

// MustTruthRows reads the canonical rows of export p (p + ".truth.json").
func MustTruthRows(tb testing.TB, p string) []model.Habilitation {
	tb.Helper()
	var t struct {
		Rows []model.Habilitation `json:"rows"`
	}
	mustJSON(tb, p+".truth.json", &t)
	return t.Rows
}

func mustJSON(tb testing.TB, p string, v any) {
	tb.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("%s: %v", p, err)
	}
}

// fataler is what findingKeys needs of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// findingKeys returns the findings as sorted JSON lines (a set, with counts).
func findingKeys(tb fataler, fs []model.Finding) []string {
	tb.Helper()
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		b, err := json.Marshal(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// assertSameFindings fails with the findings missing and unexpected.
func assertSameFindings(t *testing.T, got, want []model.Finding) {
	t.Helper()
	g, w := findingKeys(t, got), findingKeys(t, want)
	for _, x := range w {
		if _, ok := slices.BinarySearch(g, x); !ok {
			t.Errorf("missing finding %s", x)
		}
	}
	for _, x := range g {
		if _, ok := slices.BinarySearch(w, x); !ok {
			t.Errorf("unexpected finding %s", x)
		}
	}
}

// TestReconcileCorpus: for every corpus case with an export, the findings
// from the truth records and the truth rows equal findings.truth.json.
func TestReconcileCorpus(t *testing.T) {
	for _, dir := range corpusDirs(t) {
		t.Run(dir, func(t *testing.T) {
			c := MustLoadCase(t, dir)
			var rows []model.Habilitation
			for _, e := range c.Exports {
				rows = append(rows, MustTruthRows(t, e)...)
			}
			if len(rows) == 0 {
				t.Fatal("case has findings but no export rows")
			}
			got := model.Reconcile(c.Records, rows, c.Want.AsOf, model.DefaultReconcileSettings())
			assertSameFindings(t, got, c.Want.Findings)
		})
	}
}
