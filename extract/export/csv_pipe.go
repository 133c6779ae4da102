package export

import (
	"encoding/csv"
	"errors"
	"io"
)

// pipeBatch is how many CSV records the reading goroutine hands over at a
// time: small enough that three batches are nothing, large enough that the
// channel costs nothing per record.
const pipeBatch = 256

// recordPipe runs csv.Reader.Read in a goroutine of its own, one batch of
// records ahead of the conversion of the rows. On two cores a million-row
// export is split three ways (CSV parsing here, conversion in the caller,
// the caller's use of the rows in a third goroutine) instead of two, of
// which the CSV parsing and conversion together were the longer: the
// reading of « reconcile » waited on it. Every record and error comes out
// in the order Read gave it, so the caller's handling of malformed lines,
// line numbers and the header is the same as reading inline.
type recordPipe struct {
	full chan *csvBatch
	free chan *csvBatch
	done chan struct{} // closed by close: the reader stops
	exit chan struct{} // closed by the reader when it has stopped
	cur  *csvBatch
	i    int
}

// csvBatch is a run of Read results; the cells of all its records are in
// one slice (Read reuses its record: ReuseRecord).
type csvBatch struct {
	items []csvItem
	cells []string
}

// csvItem is one Read result: a record's line and cells (cells[lo:hi]), or
// its error.
type csvItem struct {
	line, lo, hi int
	err          error
}

// pipeAfter is how many records are read inline before the pipe starts:
// most partners' exports are a few dozen rows, for which a goroutine and
// its batches cost more than they save (BenchmarkReadCSVSmall).
const pipeAfter = 1024

// recordSource gives the records of r in order: the first pipeAfter read
// inline, the rest through a recordPipe.
type recordSource struct {
	r     *csv.Reader
	guard *recordGuard
	n     int
	pipe  *recordPipe
}

// next returns the next Read result; ok is false at the end of the input.
// Inline, cells is the reader's record, valid until the next call.
func (s *recordSource) next() (it csvItem, cells []string, ok bool) {
	if s.pipe == nil && s.n == pipeAfter {
		s.pipe = startRecordPipe(s.r, s.guard)
	}
	if s.pipe != nil {
		return s.pipe.next()
	}
	s.n++
	it, cells, eof := readRecord(s.r, s.guard)
	return it, cells, !eof
}

// readRecord is one Read of r, with its line; guard learns where the next
// record starts.
func readRecord(r *csv.Reader, guard *recordGuard) (it csvItem, rec []string, eof bool) {
	rec, err := r.Read()
	if err == io.EOF {
		return csvItem{}, nil, true
	}
	guard.start = r.InputOffset()
	it.err = err
	if err == nil {
		it.line, _ = r.FieldPos(0)
	}
	return it, rec, false
}

// close stops the pipe, if it was started.
func (s *recordSource) close() {
	if s.pipe != nil {
		s.pipe.close()
	}
}

// startRecordPipe starts reading r; guard's record start is kept up to
// date by the reading goroutine, the only one that reads through guard.
func startRecordPipe(r *csv.Reader, guard *recordGuard) *recordPipe {
	p := &recordPipe{full: make(chan *csvBatch, 1), free: make(chan *csvBatch, 3),
		done: make(chan struct{}), exit: make(chan struct{})}
	for range 3 {
		p.free <- &csvBatch{}
	}
	go p.read(r, guard)
	return p
}

func (p *recordPipe) read(r *csv.Reader, guard *recordGuard) {
	defer close(p.exit)
	defer close(p.full)
	for {
		var b *csvBatch
		select {
		case b = <-p.free:
		case <-p.done:
			return
		}
		b.items, b.cells = b.items[:0], b.cells[:0]
		last := false
		for len(b.items) < pipeBatch && !last {
			it, rec, eof := readRecord(r, guard)
			if eof {
				last = true
				break
			}
			var perr *csv.ParseError
			switch {
			case it.err == nil:
				it.lo = len(b.cells)
				b.cells = append(b.cells, rec...)
				it.hi = len(b.cells)
			case !errors.As(it.err, &perr):
				last = true // not a malformed line: the file stops here
			}
			b.items = append(b.items, it)
		}
		select {
		case p.full <- b:
		case <-p.done:
			return
		}
		if last {
			return
		}
	}
}

// next returns the next Read result; ok is false at the end of the input.
func (p *recordPipe) next() (it csvItem, cells []string, ok bool) {
	for p.cur == nil || p.i == len(p.cur.items) {
		if p.cur != nil {
			p.free <- p.cur
			p.cur = nil
		}
		b, more := <-p.full
		if !more {
			return csvItem{}, nil, false
		}
		p.cur, p.i = b, 0
	}
	it = p.cur.items[p.i]
	p.i++
	return it, p.cur.cells[it.lo:it.hi], true
}

// close stops the reading and waits for it: once readCSV returns, nothing
// reads its input any more.
func (p *recordPipe) close() {
	close(p.done)
	for range p.full { // a batch being sent
	}
	<-p.exit
}
