package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ledongthuc/pdf"

	"habilitations/model"
)

// Extract reads the text of the PDF in data. It never panics: every call into
// the PDF library is guarded, and the work is bounded by lim (zero fields take
// DefaultLimits). Errors wrap model.ErrNotPDF, ErrEncrypted, ErrCorrupt or
// ErrNoText (no text layer, or text that fails the quality gate); a done ctx
// returns ctx.Err().
//
// The guards run inside the library's reads, so they stop a bomb mid-stream;
// but the library has loops that read nothing (a hex string left open at the
// end of an object stream spins forever). A watchdog therefore returns at
// the time limit whatever happens, abandoning such a goroutine; Isolated,
// whose child is killed, has no such leak and is what the pipeline uses.
func Extract(ctx context.Context, data []byte, lim Limits) (Document, error) {
	lim = lim.withDefaults()
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := extract(ctx, data, lim, secondChances)
		done <- result{doc, err}
	}()
	timer := time.NewTimer(lim.Timeout + watchdogGrace)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-timer.C:
		abandoned.Add(1)
		return Document{}, fmt.Errorf("no answer from the pdf library within %v: %w: %w", lim.Timeout, errLimit, model.ErrCorrupt)
	}
}

// watchdogGrace is how long the watchdog waits past the time limit, which
// the guards normally enforce themselves.
const watchdogGrace = time.Second

// abandoned counts the extractions given up by the watchdog (their goroutine
// is still spinning in the library); the fuzz test checks it stays zero.
var abandoned atomic.Int64

// secondChances bounds how many rewritten copies of a file extract tries
// (decrypted, then re-filtered): each rewrite runs extract again.
const secondChances = 2

// extract reads data; chances is how many rewritten copies (decrypted,
// re-filtered) it may still try when data itself cannot be read.
func extract(ctx context.Context, data []byte, lim Limits, chances int) (Document, error) {
	pages, err := extractPages(ctx, data, lim)
	if errors.Is(err, model.ErrCorrupt) && !errors.Is(err, errLimit) && ctx.Err() == nil && !hasEncrypt(data) {
		// A damaged cross-reference table in a complete file: rebuild it.
		if p, perr := prepare(data); perr == nil {
			if fixed := repair(p); fixed != nil {
				if rp, rerr := extractPages(ctx, fixed, lim); rerr == nil {
					pages, err = rp, nil
				}
			}
		}
	}
	if err == nil {
		doc := assemble(pages)
		if err = checkQuality(&doc); err == nil {
			return doc, nil
		}
	}
	// An encrypted file the library opened but decrypted wrongly (it
	// mishandles some RC4 revisions) reads as damaged streams or garbled
	// text: it is the encryption that keeps it from being read.
	if (errors.Is(err, model.ErrCorrupt) && !errors.Is(err, errLimit) || errors.Is(err, errGarbled)) &&
		!errors.Is(err, model.ErrEncrypted) && hasEncrypt(data) {
		err = fmt.Errorf("encrypted file not decrypted (%v): %w", err, model.ErrEncrypted)
	}
	if chances > 0 && ctx.Err() == nil {
		switch {
		case errors.Is(err, model.ErrEncrypted) && hasEncrypt(data):
			return extractDecrypted(ctx, data, lim, err, chances-1)
		case errors.Is(err, model.ErrCorrupt) && !errors.Is(err, errLimit) && !hasEncrypt(data) && foreignFilters(data):
			return extractRefiltered(ctx, data, lim, err, chances-1)
		}
	}
	return Document{}, err
}

// rawPage is a laid-out page before the document-wide passes (headers,
// footers, footnotes, tables across pages).
type rawPage struct {
	number int
	height float64
	lines  []*tline
	images int
}

func extractPages(ctx context.Context, data []byte, lim Limits) ([]rawPage, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("empty file: %w", model.ErrCorrupt)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("file is %d bytes, more than the limit of %d: %w: %w", len(data), lim.MaxBytes, errLimit, model.ErrCorrupt)
	}
	data, err := prepare(data)
	if err != nil {
		return nil, err
	}
	if err := checkSanity(data); err != nil {
		return nil, err
	}
	if !hasEncrypt(data) { // encrypted object streams cannot be checked
		if err := checkObjectStreams(data); err != nil {
			return nil, err
		}
	}
	g := newGuard(ctx, lim)
	rd, err := open(data, g)
	if err != nil {
		return nil, err
	}
	var kids []pdf.Value
	if err := guarded(g, 0, func() { kids = pageList(rd, lim.MaxPages, g) }); err != nil {
		return nil, err
	}
	if len(kids) == 0 {
		return nil, fmt.Errorf("no pages: %w", model.ErrCorrupt)
	}
	in := &interp{g: g, fonts: newFontCache(g), intern: map[string]string{}}
	out := make([]rawPage, 0, len(kids))
	for i, kid := range kids {
		rp := rawPage{number: i + 1}
		err := guarded(g, i+1, func() {
			g.check()
			in.out = pageContent{glyphs: make([]glyph, 0, len(in.out.glyphs)+len(in.out.glyphs)/4)}
			x0, y0, w, h := pageBox(kid)
			// Page space with the media box's origin at 0, 0.
			in.run(kid.Key("Contents"), inherited(kid, "Resources"), matrix{1, 0, 0, 1, -x0, -y0}, 0)
			rp.images = in.out.images
			rp.height = upright(&in.out, w, h)
			rp.lines = layoutPage(in.out)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, rp)
	}
	return out, nil
}

// guarded runs fn, turning a panic of the PDF library into an error that
// wraps model.ErrCorrupt and names the page (0: the document structure).
func guarded(g *guard, page int, fn func()) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		where := "document structure"
		if page > 0 {
			where = fmt.Sprintf("page %d", page)
		}
		if a, ok := r.(abort); ok {
			if errors.Is(a.err, context.Canceled) || errors.Is(a.err, context.DeadlineExceeded) {
				err = a.err
				return
			}
			err = fmt.Errorf("%s: %w: %w", where, a.err, model.ErrCorrupt)
			return
		}
		err = fmt.Errorf("%s: unreadable: %v: %w", where, r, model.ErrCorrupt)
	}()
	fn()
	return nil
}

// open opens the PDF with the library and classifies its refusals.
func open(data []byte, g *guard) (*pdf.Reader, error) {
	var rd *pdf.Reader
	var oerr error
	err := guarded(g, 0, func() {
		rd, oerr = pdf.NewReader(guardedReader{bytes.NewReader(data), g}, int64(len(data)))
	})
	if err == nil {
		err = oerr
	}
	if g.err != nil { // the guard tripped inside the library, which may have turned it into an error
		if errors.Is(g.err, context.Canceled) || errors.Is(g.err, context.DeadlineExceeded) {
			return nil, g.err
		}
		return nil, fmt.Errorf("opening: %w: %w", g.err, model.ErrCorrupt)
	}
	if err != nil {
		if hasEncrypt(data) {
			return nil, fmt.Errorf("opening: %v: %w", err, model.ErrEncrypted)
		}
		if errors.Is(err, model.ErrCorrupt) {
			return nil, err
		}
		return nil, fmt.Errorf("opening: %v: %w", err, model.ErrCorrupt)
	}
	return rd, nil
}
