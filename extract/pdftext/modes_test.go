package pdftext

import (
	"context"
	"testing"
)

// extractFunc is one way of extracting a PDF.
type extractFunc func(context.Context, []byte) (Document, error)

// modes returns the ways the pipeline extracts a PDF under lim: in
// process, in a child process per file (Isolated), and in a reused child
// (Pool), so that a test checks an outcome survives the worker protocol.
func modes(t *testing.T, lim Limits) map[string]extractFunc {
	t.Helper()
	return map[string]extractFunc{
		"in process": func(ctx context.Context, b []byte) (Document, error) { return Extract(ctx, b, lim) },
		"worker":     testWorker(t, lim).Extract,
		"pool":       testPool(t, lim, 1).Extract,
	}
}
