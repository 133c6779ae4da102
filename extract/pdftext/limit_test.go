package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"

	"habilitations/model"
)

// TestReadingLimitsAreSaid: a file refused for a reading limit is a corrupt
// rejection that says so (model.ErrTooComplex), in process, in a worker and
// in the pool alike (the size is checked before the file is sent; the page
// limit inside the worker, and its answer crosses the protocol), while a
// damaged file is not.
func TestReadingLimitsAreSaid(t *testing.T) {
	var multi []byte
	for _, c := range corpusCases(t) {
		if b, err := os.ReadFile(c.path); err == nil && c.truth.Reason == "" && c.truth.Kind == "dossier" {
			multi = b
			break
		}
	}
	if multi == nil {
		t.Fatal("no corpus PDF of several pages")
	}
	for _, tc := range []struct {
		name string
		lim  Limits
		data []byte
	}{
		{"size", Limits{MaxBytes: 200}, onePage(helloPage + "\n" + helloPage)},
		{"pages", Limits{MaxPages: 1}, multi},
	} {
		extractors := modes(t, tc.lim)
		for name, extract := range extractors {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				if _, err := extract(context.Background(), tc.data); !errors.Is(err, model.ErrCorrupt) || !errors.Is(err, model.ErrTooComplex) {
					t.Fatalf("err = %v, want ErrCorrupt and ErrTooComplex", err)
				}
				if _, err := extract(context.Background(), []byte("%PDF-1.4\ngarbage")); !errors.Is(err, model.ErrCorrupt) || errors.Is(err, model.ErrTooComplex) {
					t.Fatalf("damaged file: err = %v, want ErrCorrupt only", err)
				}
			})
		}
	}
}
