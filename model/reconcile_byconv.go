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
	return r.byConvention(false)
}

// FindingsByConventionToKeep is FindingsByConvention for a caller that
// keeps every batch (the night, ConventionFindings.Keep): each slice
// yielded is its own, at its size, never reused. A convention's findings
// are gathered in chunks, then put end to end once: a million dormant
// accounts in one slice grown by appending, then copied to be kept, were
// briefly two and a half times their size.
func (r *Reconciler) FindingsByConventionToKeep() iter.Seq2[string, []Finding] {
	return r.byConvention(true)
}

func (r *Reconciler) byConvention(own bool) iter.Seq2[string, []Finding] {
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
		// batch gathers convention k's findings into out and sorts them;
		// when own, out is only scratch, spilled into chunks every
		// spillAt findings, and the batch a new slice of its size.
		batch := func(st *convState, k string, out []Finding) []Finding {
			out = append(out[:0], early[k]...)
			for _, c := range convsOf[k] {
				out = st.run(r, c, out)
			}
			st.shrink() // before the batch is put end to end
			switch {
			case own && st.spill.n == 0: // fewer than spillAt findings
				out = append(make([]Finding, 0, len(out)), out...)
			case own:
				st.spill.add(out)
				out = concatChunks([]findingChunks{*st.spill})
				*st.spill = findingChunks{}
			}
			SortFindings(out)
			return out
		}
		newState := func(fw *foldCache) *convState {
			st := newConvState(fw, r.asOf, r.s)
			if own {
				st.spill = &findingChunks{}
			}
			return st
		}
		workers := 1
		if int(r.rows.n) >= parallelRows {
			workers = min(runtime.GOMAXPROCS(0), maxWorkers, max(1, len(keys)))
		}
		if workers == 1 {
			st := newState(r.f)
			var scratch []Finding
			for _, k := range keys {
				out := batch(st, k, scratch)
				if !yield(k, out) {
					return
				}
				if !own && cap(out) <= reuseMax {
					scratch = out
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
				st := newState(fw)
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
			if own || cap(b) > reuseMax {
				// The caller's (own), or too large to keep for reuse: the
				// slice of a convention of a million findings would live
				// until the last convention.
				b = nil
			}
			free[i%workers] <- b[:0]
		}
	}
}

// batchesAhead is how many conventions' findings a worker may have ready
// before they are taken.
const batchesAhead = 2

// reuseMax is the largest batch slice (in findings) given back to its
// worker to be reused.
const reuseMax = 1 << 16
