package extract_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
)

// TestCorpusRewritten rewrites every corpus PDF that has a record with
// other producers found on the machine — cairo (pdftocairo: words placed
// one by one, no space characters) and Ghostscript's pdfwrite — and
// extracts the copies: each must still read to its truth.
func TestCorpusRewritten(t *testing.T) {
	producers := []struct {
		name string
		bin  string
		args func(in, out string) []string
	}{
		{"cairo", "pdftocairo", func(in, out string) []string { return []string{"-pdf", in, out} }},
		{"ghostscript", "gs", func(in, out string) []string {
			return []string{"-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-sOutputFile=" + out, in}
		}},
	}
	var x extract.Extractor
	ran := 0
	for _, pr := range producers {
		bin, err := exec.LookPath(pr.bin)
		if err != nil {
			t.Logf("%s not installed: %s copies not tested", pr.bin, pr.name)
			continue
		}
		for _, c := range recordtest.CorpusCases(t) {
			if recordtest.LoadTruth(t, c.Truth).Rejection != nil {
				continue
			}
			ran++
			t.Run(pr.name+"/"+c.Name, func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(t.TempDir(), filepath.Base(c.PDF))
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				if b, err := exec.CommandContext(ctx, bin, pr.args(c.PDF, out)...).CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%s", pr.bin, err, b)
				}
				checkCase(t, x, recordtest.Case{Name: c.Name, PDF: out, Truth: c.Truth})
			})
		}
	}
	if ran == 0 {
		t.Skip("neither pdftocairo nor gs installed")
	}
}
