package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"runtime/metrics"
	"time"

	"habilitations/model"
)

// errLimit marks a refusal because a resource limit was reached; it is
// rejected as corrupt (records.md §2 has no better reason), with a message
// that says a limit was reached (model.ErrTooComplex).
var errLimit = model.ErrTooComplex

// abort is the panic value the guard raises to unwind out of the PDF library,
// which has no cancellation of its own. Extract recovers it.
type abort struct{ err error }

// guard checks the time and memory budget of one extraction. The PDF library
// calls back into it through guardedReader.ReadAt (every object or stream
// chunk it reads, including while inflating a stream) and the content
// interpreter calls it between operators, so a bomb is stopped mid-stream.
type guard struct {
	ctx      context.Context
	deadline time.Time
	maxMem   int64
	calls    int
	err      error // sticky: once tripped, every later check panics again
	sample   []metrics.Sample
	baseHeap int64 // heap when the extraction started: the bound is on growth
}

func newGuard(ctx context.Context, lim Limits) *guard {
	g := &guard{
		ctx:      ctx,
		deadline: time.Now().Add(lim.Timeout),
		maxMem:   lim.MaxMemory,
		sample:   []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}},
	}
	g.baseHeap = g.heap()
	return g
}

// heap is the process's current heap in bytes (objects, live or not yet
// collected). In process it is shared with the rest of the program, so the
// guard bounds its growth during the extraction rather than its size.
func (g *guard) heap() int64 {
	metrics.Read(g.sample)
	if v := g.sample[0].Value; v.Kind() == metrics.KindUint64 {
		return int64(v.Uint64())
	}
	return 0
}

// check panics with abort when the context is done, the time budget is spent
// or the heap grew past the memory bound.
func (g *guard) check() {
	if g.err != nil {
		panic(abort{g.err})
	}
	g.calls++
	if err := g.ctx.Err(); err != nil {
		g.err = err
		panic(abort{err})
	}
	if time.Now().After(g.deadline) {
		g.err = fmt.Errorf("time limit exceeded: %w", errLimit)
		panic(abort{g.err})
	}
	if g.calls%8 == 0 && g.maxMem > 0 && g.heap()-g.baseHeap > g.maxMem {
		g.err = fmt.Errorf("memory limit exceeded: %w", errLimit)
		panic(abort{g.err})
	}
}

// guardedReader is the io.ReaderAt handed to the PDF library.
type guardedReader struct {
	r *bytes.Reader
	g *guard
}

func (gr guardedReader) ReadAt(p []byte, off int64) (int, error) {
	gr.g.check()
	return gr.r.ReadAt(p, off)
}
