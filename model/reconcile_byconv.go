package model

import (
	"cmp"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// FindingsByConvention yields the findings of the rows added so far one
// convention at a time, in the order of convention numbers (the findings
// without a convention, unknown_partner, first), each batch sorted with
// SortFindings. Stable-sorting the concatenated batches with SortFindings
// gives Findings; and since that order is by code, then convention,
// appending each batch's findings to one list per code gives it too, with
// only one convention's findings in memory at a time (what a report of a
// million rows needs when most accounts are dormant).
//
// A batch is only valid until the next one is yielded. Workers compute the
// next conventions ahead, as Findings does.
func (r *Reconciler) FindingsByConvention() iter.Seq2[string, []Finding] {
	return func(yield func(string, []Finding) bool) {
		early := map[string][]Finding{}
		for _, f := range concatChunks([]findingChunks{r.early}) {
			early[f.Convention] = append(early[f.Convention], f)
		}
		convsOf := map[string][]int32{}
		for c := range r.idx.convs {
			if r.rows.has(int32(c)) {
				n := r.idx.convs[c].number
				convsOf[n] = append(convsOf[n], int32(c))
			}
		}
		var keys []string
		for k := range convsOf {
			keys = append(keys, k)
		}
		for k := range early {
			if _, ok := convsOf[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, cmp.Compare)
		batch := func(st *convState, k string, out []Finding) []Finding {
			out = append(out[:0], early[k]...)
			for _, c := range convsOf[k] {
				out = st.run(r, c, out)
			}
			SortFindings(out)
			return out
		}
		workers := 1
		if int(r.rows.n) >= parallelRows {
			workers = min(runtime.GOMAXPROCS(0), maxWorkers, max(1, len(keys)))
		}
		if workers == 1 {
			st := newConvState(r.f, r.asOf, r.s)
			var out []Finding
			for _, k := range keys {
				if out = batch(st, k, out); !yield(k, out) {
					return
				}
			}
			return
		}
		// Worker w computes keys w, w+workers…, each into a channel of its
		// own; the batches are taken back in key order. A batch's slice goes
		// back to its worker once yielded: a million findings are then
		// written into a few slices, not grown afresh convention after
		// convention (which was most of what the collector had to do).
		done := make(chan struct{})
		chans := make([]chan []Finding, workers)
		free := make([]chan []Finding, workers)
		var wg sync.WaitGroup
		for w := range workers {
			chans[w] = make(chan []Finding, batchesAhead)
			free[w] = make(chan []Finding, batchesAhead+1)
			for range batchesAhead + 1 {
				free[w] <- nil
			}
			fw := r.f
			if w > 0 {
				fw = newFoldCache()
			}
			wg.Go(func() {
				defer close(chans[w])
				st := newConvState(fw, r.asOf, r.s)
				for i := w; i < len(keys); i += workers {
					var out []Finding
					select {
					case out = <-free[w]:
					case <-done:
						return
					}
					select {
					case chans[w] <- batch(st, keys[i], out):
					case <-done:
						return
					}
				}
			})
		}
		defer wg.Wait()
		defer close(done)
		for i, k := range keys {
			b := <-chans[i%workers]
			if !yield(k, b) {
				return
			}
			free[i%workers] <- b[:0]
		}
	}
}

// batchesAhead is how many conventions' findings a worker may have ready
// before they are taken.
const batchesAhead = 2
