package main

import (
	"context"
	"errors"

	"habilitations/model"
	"habilitations/report/breach"
)

// addBatch is how many rows the reader hands to the reconciler at a time.
const addBatch = 1024

// addExports reads the exports into rec (readExportsBatched), and into
// holders when not nil (the breach report's accounts): both keep a copy of
// what they need, so the rows are read transient.
func addExports(ctx context.Context, e *env, exports []string, rec *model.Reconciler, holders *breach.SlotHolders) error {
	return readExportsBatched(ctx, e, exports, func(b []model.Habilitation) error {
		for i := range b {
			rec.Add(&b[i])
		}
		if holders == nil {
			return nil
		}
		for i := range b {
			if err := holders.Add(&b[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// readExportsBatched reads the exports, the CSV parsing in this goroutine
// and take in another, rows passed in batches: on two cores a million rows
// take the time of the longer of the two, not of both. The batches are
// reused, so at most three are alive. take's first error stops the reading.
// The rows' strings may share the reader's buffers: take keeps none of them
// past its call (see readExportFile).
func readExportsBatched(ctx context.Context, e *env, exports []string, take func([]model.Habilitation) error) error {
	full := make(chan []model.Habilitation, 1)
	free := make(chan []model.Habilitation, 3) // room for every batch: the sender never blocks
	free <- make([]model.Habilitation, 0, addBatch)
	free <- make([]model.Habilitation, 0, addBatch)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			if err := take(b); err != nil {
				cancel(err)
				for range full { // let the reader finish its batch and stop
				}
				return
			}
			free <- b[:0]
		}
	}()
	cur := make([]model.Habilitation, 0, addBatch)
	var err error
	for _, p := range exports {
		if err = ctx.Err(); err != nil {
			break
		}
		err = readExportFile(ctx, e, p, func(h model.Habilitation) {
			if cur = append(cur, h); len(cur) == addBatch {
				full <- cur
				select {
				case cur = <-free:
				case <-ctx.Done(): // take failed: batches no longer come back
					cur = make([]model.Habilitation, 0, addBatch)
				}
			}
		})
		if err != nil {
			break
		}
	}
	if len(cur) > 0 && ctx.Err() == nil {
		full <- cur
	}
	close(full)
	<-done
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}
