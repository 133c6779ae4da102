package jobs

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"habilitations/extract/ocr"
	"habilitations/jobs/store"
	"habilitations/model"
)

// prefetch parses the PDFs of a batch ahead of the commit loop, on several
// goroutines: parsing is the slow part and is pure (bytes in, record out),
// while archiving, committing and removing stay one file at a time, in
// order, so crash safety is unchanged. At most `workers` files are held in
// memory by it at once.
type prefetch struct {
	mu      sync.Mutex
	futures map[string]*future // by content hash
}

// future is the parse of one content, done when done is closed.
type future struct {
	done chan struct{}
	rec  model.Record
	err  error
}

// startPrefetch launches the parsing of the new PDFs of ready. It stops
// launching when ctx is done; parses already started finish (each is bounded
// by the extractor's limits) and are simply not used.
func (in *intake) startPrefetch(ctx context.Context, ready []dropped) *prefetch {
	p := &prefetch{futures: map[string]*future{}}
	workers := in.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers < 2 || len(ready) < 2 {
		return p // nothing to overlap: the commit loop parses in place
	}
	sem := make(chan struct{}, workers)
	go func() {
		for _, f := range ready {
			select {
			case <-ctx.Done():
				return
			case sem <- struct{}{}:
			}
			fut, name, data := in.claim(ctx, p, f)
			if fut == nil {
				<-sem
				continue
			}
			go func() {
				defer func() { <-sem }()
				fut.rec, fut.err = in.x.Extract(context.WithoutCancel(ctx), name, data)
				close(fut.done)
			}()
		}
	}()
	return p
}

// claim reads f and registers a future for its content, unless the content
// needs no parse (not a PDF, too large, already known, already claimed).
func (in *intake) claim(ctx context.Context, p *prefetch, f dropped) (*future, string, []byte) {
	data, err := readDropped(f, in.opts.MaxBytes)
	if err != nil || (!looksPDF(data) && ocr.SniffImage(data) == "" && displayExt(f.Rel) != ".pdf") {
		return nil, "", nil
	}
	sha := sha256Hex(data)
	if _, err := in.st.Document(ctx, sha); !errors.Is(err, store.ErrNotFound) {
		return nil, "", nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.futures[sha]; ok {
		return nil, "", nil
	}
	fut := &future{done: make(chan struct{})}
	p.futures[sha] = fut
	return fut, safeName(f.Rel), data
}

// extract returns the parse of data: the one started ahead for this content
// when there is one, else one done now (registered, so that the parsing
// ahead does not start it a second time).
func (in *intake) extract(ctx context.Context, name string, data []byte, sha string) (model.Record, error) {
	if in.pre == nil {
		return in.x.Extract(ctx, name, data)
	}
	in.pre.mu.Lock()
	fut, ok := in.pre.futures[sha]
	if !ok {
		fut = &future{done: make(chan struct{})}
		in.pre.futures[sha] = fut
	}
	in.pre.mu.Unlock()
	if !ok {
		fut.rec, fut.err = in.x.Extract(ctx, name, data)
		close(fut.done)
	}
	<-fut.done
	return fut.rec, fut.err
}
