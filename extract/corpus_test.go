package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/model"
)

// TestCorpus extracts every corpus PDF (testdata/corpus/cases and
// ../shared/corpus/cases; no list is kept) and compares the outcome with its
// truth file: a record field by field (contacts as a set), or a rejection
// by its normative reason, with its file name and a French message.
func TestCorpus(t *testing.T) {
	cases := recordtest.CorpusCases(t)
	if len(cases) == 0 {
		t.Fatal("no corpus case found")
	}
	var x extract.Extractor
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			checkCase(t, x, c)
		})
	}
}

// checkCase extracts one PDF and compares it with its truth.
func checkCase(t *testing.T, x extract.Extractor, c recordtest.Case) {
	t.Helper()
	truth := recordtest.LoadTruth(t, c.Truth)
	data, err := os.ReadFile(c.PDF)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(c.PDF)
	rec, err := x.Extract(context.Background(), name, data)
	if truth.Rejection != nil {
		if err == nil {
			t.Fatalf("got a record, want rejection %q", truth.Rejection.Reason)
		}
		rej := model.NewRejection(name, err)
		if rej.Reason != truth.Rejection.Reason {
			t.Fatalf("reason %q (%v), want %q", rej.Reason, err, truth.Rejection.Reason)
		}
		if rej.File != truth.Rejection.File || rej.Message == "" {
			t.Errorf("rejection %+v, want file %q and a message", rej, truth.Rejection.File)
		}
		return
	}
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	for _, d := range recordtest.Diff(truth.Record, rec) {
		t.Error(d)
	}
	// Diff compares contacts as a set; the JSON must still hold arrays.
	if b, _ := json.Marshal(rec); bytes.Contains(b, []byte(":null")) {
		t.Errorf("record JSON holds a null: %s", b)
	}
}
