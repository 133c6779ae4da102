package jobs

import (
	"context"
	"runtime"
	"sync"

	"habilitations/jobs/store"
	"habilitations/model"
)

// exportsAhead is how many exports may be read ahead of the one whose rows
// are being taken: enough to keep every processor busy on a night of ten
// thousand small exports, few enough that rows read ahead stay a small part
// of what the night holds.
const exportsAhead = 8

// exportRead is the outcome of readCurrentRows for one export.
type exportRead struct {
	rows   []model.Habilitation
	n, bad int
	err    error
}

// readExports reads the current rows of every export, one worker per
// processor, and gives each export's outcome to take in the order of
// exports (the rows' order does not depend on the workers). It stops at
// the first error take returns or an export gives, which it returns.
func readExports(ctx context.Context, dataDir string, exports []store.Export, take func(store.Export, exportRead) error) error {
	ctx, cancel := context.WithCancel(ctx)
	results := make([]chan exportRead, len(exports))
	for i := range results {
		results[i] = make(chan exportRead, 1)
	}
	work := make(chan int)
	window := make(chan struct{}, exportsAhead)
	var wg sync.WaitGroup
	wg.Go(func() { // hands out exports, at most exportsAhead ahead
		defer close(work)
		for i := range exports {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	for range min(runtime.GOMAXPROCS(0), max(1, len(exports))) {
		wg.Go(func() {
			for i := range work {
				// Sized from the rows counted at intake (an upper bound): a
				// 100,000-row export grown by appending left as much garbage.
				r := exportRead{rows: make([]model.Habilitation, 0, exports[i].Rows)}
				r.n, r.bad, r.err = readCurrentRows(ctx, dataDir, exports[i], func(h model.Habilitation) { r.rows = append(r.rows, h) })
				results[i] <- r
			}
		})
	}
	defer func() { cancel(); wg.Wait() }() // cancelled first: the hand-out may wait for room
	for i, e := range exports {
		var r exportRead
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if r.err != nil {
			return r.err
		}
		if err := take(e, r); err != nil {
			return err
		}
	}
	return nil
}
