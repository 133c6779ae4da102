package main

import (
	"context"

	"habilitations/model"
)

// addBatch is how many rows the reader hands to the reconciler at a time.
const addBatch = 1024

// addExports reads the exports into rec, the reading (CSV parsing) in this
// goroutine and rec.Add in another, rows passed in batches: on two cores a
// million rows take the time of the longer of the two, not of both. The
// batches are reused, so at most three are alive.
func addExports(ctx context.Context, e *env, exports []string, rec *model.Reconciler) error {
	full := make(chan []model.Habilitation, 1)
	free := make(chan []model.Habilitation, 3) // room for every batch: the sender never blocks
	free <- make([]model.Habilitation, 0, addBatch)
	free <- make([]model.Habilitation, 0, addBatch)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			for i := range b {
				rec.Add(&b[i])
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
				cur = <-free
			}
		}, true)
		if err != nil {
			break
		}
	}
	if len(cur) > 0 {
		full <- cur
	}
	close(full)
	<-done
	return err
}
