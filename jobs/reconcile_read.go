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

// An export's rows are handed over in batches of batchRows, at most
// batchesAhead batches of each export waiting: a million-row export was
// read whole into one slice before its first row was taken (232 bytes a
// row, plus its text), and that slice was the night's peak.
const (
	batchRows    = 1024
	batchesAhead = 4
)

// exportRead is a batch of the rows readCurrentRows keeps of one export;
// the last batch of an export (done) carries its counts or its error.
type exportRead struct {
	rows   []model.Habilitation
	done   bool
	n, bad int
	err    error
}

// readExports reads the current rows of every export, one worker per
// processor, and gives each export's rows to take in batches, in the order
// of exports and of their rows (the order does not depend on the workers);
// the last call of each export has done set. It stops at the first error
// take returns or an export gives, which it returns.
func readExports(ctx context.Context, dataDir string, exports []store.Export, take func(store.Export, exportRead) error) error {
	ctx, cancel := context.WithCancel(ctx)
	// Export i's batches go through slot i%exportsAhead: the window lets
	// export i+exportsAhead start only once export i is taken whole, so a
	// slot serves one export at a time.
	slots := make([]chan exportRead, min(exportsAhead, len(exports)))
	for i := range slots {
		slots[i] = make(chan exportRead, batchesAhead)
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
				readBatches(ctx, dataDir, exports[i], slots[i%len(slots)])
			}
		})
	}
	defer func() { cancel(); wg.Wait() }() // cancelled first: the hand-out and the workers may wait for room
	for i, e := range exports {
		for {
			var r exportRead
			select {
			case r = <-slots[i%len(slots)]:
			case <-ctx.Done():
				return ctx.Err()
			}
			if r.err != nil {
				return r.err
			}
			if err := take(e, r); err != nil {
				return err
			}
			if r.done {
				break
			}
		}
		<-window
	}
	return nil
}

// readBatches reads e's current rows into out, batchRows at a time, and
// ends with a done batch; it gives up when ctx is cancelled.
func readBatches(ctx context.Context, dataDir string, e store.Export, out chan<- exportRead) {
	send := func(r exportRead) error {
		select {
		case out <- r:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var batch []model.Habilitation
	n, bad, err := readCurrentRows(ctx, dataDir, e, func(h model.Habilitation) error {
		if batch == nil {
			batch = make([]model.Habilitation, 0, min(batchRows, max(e.Rows, 1)))
		}
		batch = append(batch, h)
		if len(batch) < batchRows {
			return nil
		}
		b := batch
		batch = nil
		return send(exportRead{rows: b})
	})
	if ctx.Err() != nil {
		return // the reader has stopped waiting
	}
	send(exportRead{rows: batch, done: true, n: n, bad: bad, err: err})
}
