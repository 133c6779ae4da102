package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

// maxSeedBytes leaves the big corpus files (the 2 MB scan) out of the seeds:
// mutating them is slow and finds nothing the small ones do not.
const maxSeedBytes = 200 << 10

// FuzzExtract: no input makes Extract panic, hang past its limits, return an
// error that is not one of the rejection sentinels, or produce cells that
// would break the tab/newline text form.
func FuzzExtract(f *testing.F) {
	for _, m := range malformed() {
		f.Add(m.data)
	}
	for _, dir := range corpusDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeedBytes {
				f.Add(data)
			}
		}
	}
	lim := Limits{MaxBytes: 4 << 20, MaxPages: 50, Timeout: 2 * time.Second, MaxMemory: 2 << 30}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := abandoned.Load()
		doc, err := Extract(context.Background(), data, lim)
		if abandoned.Load() != before {
			t.Fatalf("the pdf library did not return within the time limit: %v", err)
		}
		if err != nil {
			if !errors.Is(err, model.ErrNotPDF) && !errors.Is(err, model.ErrCorrupt) &&
				!errors.Is(err, model.ErrEncrypted) && !errors.Is(err, model.ErrNoText) {
				t.Fatalf("error wraps no rejection sentinel: %v", err)
			}
			return
		}
		for _, l := range doc.Lines() {
			for _, c := range l.Cells {
				if strings.ContainsAny(c, "\t\n\f\r") {
					t.Fatalf("cell %q holds a separator", c)
				}
			}
		}
	})
}
