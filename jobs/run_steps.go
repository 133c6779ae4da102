package jobs

import (
	"context"
	"errors"
)

// ingestStep takes the inbox and exports folders.
func (w *workspace) ingestStep(ctx context.Context, rep *RunReport) error {
	if w.opts.Extractor == nil {
		return errors.New("no PDF extractor configured")
	}
	sum, err := Ingest(ctx, w.dd, w.st, w.opts.Extractor, IngestOptions{
		Settle:   w.opts.Config.Inbox.Settle.Duration,
		MaxBytes: w.opts.Config.Extraction.MaxBytes,
		Log:      w.log,
		Now:      w.opts.Now,
	})
	rep.Ingest = &sum
	return err
}

// The steps below are wired to their packages as those land (WIP).

func (w *workspace) formsStep(ctx context.Context, rep *RunReport) error   { return nil }
func (w *workspace) reviewsStep(ctx context.Context, rep *RunReport) error { return nil }
func (w *workspace) writeBreachReports(ctx context.Context, res ReconcileResult) ([]string, error) {
	return nil, nil
}
