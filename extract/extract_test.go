package extract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/model"
)

// TestExtractErrors: errors name the file, keep their sentinel through the
// wrapping, and a cancelled context stops the work.
func TestExtractErrors(t *testing.T) {
	pdf := filepath.Join(recordtest.RepoRoot(t), "testdata", "corpus", "cases", "04-nord-ch-roubaix", "convention-03-2024-ch-roubaix.pdf")
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var x extract.Extractor
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name   string
		ctx    context.Context
		data   []byte
		is     error
		reason model.Reason
	}{
		{"cancelled", cancelled, data, context.Canceled, ""},
		{"not a pdf", context.Background(), []byte("Convention n° 06 / 2017\n"), model.ErrNotPDF, model.ReasonNotPDF},
		{"empty", context.Background(), nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Extract(tc.ctx, "dossier-x.pdf", tc.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "dossier-x.pdf") {
				t.Errorf("error %q does not name the file", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if tc.reason != "" && model.ReasonOf(err) != tc.reason {
				t.Errorf("reason %q, want %q", model.ReasonOf(err), tc.reason)
			}
		})
	}
	rec, err := x.Extract(context.Background(), "ok.pdf", data)
	if err != nil || rec.Convention.Number != "03/2024" {
		t.Fatalf("Extract = %v, %v", rec.Convention.Number, err)
	}
}
