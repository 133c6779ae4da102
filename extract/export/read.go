package export

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"habilitations/model"
)

// sniffSize is how much of the file is looked at to choose the format, the
// encoding, the delimiter and the header row.
const sniffSize = 64 << 10

// readers are the exports' buffered readers, kept for the next export: a
// night reads ten thousand small exports, and a 64 KB buffer allocated and
// cleared for each was a tenth of its reading.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, sniffSize) }}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xd0\xcf\x11\xe0") // Excel 97 .xls, or an encrypted .xlsx
)

// Read reads the export named name (used for the format and in messages) from
// r and calls fn with each good row, in file order. Bad rows are reported in
// Summary.RowErrors and skipped. The returned error is for the whole file: a
// missing required column (*MissingColumnError), no header (ErrNoHeader), a
// format that is neither CSV nor XLSX (ErrUnknownFormat), limits exceeded
// (ErrTooLarge), an unreadable file (ErrUnreadable), a cancelled context, or
// the first error fn returns. French(err) renders it for reports.
func Read(ctx context.Context, name string, r io.Reader, opts Options, fn func(model.Habilitation) error) (Summary, error) {
	opts = opts.withDefaults()
	sum := Summary{File: name, RowErrors: []RowError{}, Warnings: []RowError{}}
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); readers.Put(br) }()
	head, err := br.Peek(len(zipMagic))
	if err != nil && err != io.EOF {
		return sum, wrapFile(name, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, zipMagic):
		sum.Format = "xlsx"
		err = readXLSX(ctx, br, opts, &sum, fn)
	case bytes.HasPrefix(head, oleMagic):
		err = fmt.Errorf("%w: Excel 97 (.xls) or encrypted workbook", ErrUnknownFormat)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods":
		err = fmt.Errorf("%w: %s file is not a zip archive", ErrUnknownFormat, ext)
	default:
		sum.Format = "csv"
		err = readCSV(ctx, br, opts, &sum, fn)
	}
	return sum, wrapFile(name, err)
}

// emitter converts rows and hands them to fn, keeping the summary.
type emitter struct {
	ctx  context.Context
	conv *converter
	sum  *Summary
	max  int
	fn   func(model.Habilitation) error
}

// row handles one data row; a non-nil error stops the read.
func (e *emitter) row(cells []string, line int) error {
	if e.sum.Rows&1023 == 0 {
		if err := e.ctx.Err(); err != nil {
			return err
		}
	}
	if blank(cells) {
		return nil
	}
	h, rerr := e.conv.convert(cells, line)
	if rerr != nil {
		e.sum.addRowError(*rerr, e.max)
		return nil
	}
	if e.conv.warn != nil {
		e.sum.addWarning(*e.conv.warn, e.max)
	}
	e.sum.Rows++
	if err := e.fn(h); err != nil {
		return fmt.Errorf("line %d: %w", line, err)
	}
	return nil
}

// checkHeader turns the best header candidate into the file's error, if any.
func checkHeader(h header) error {
	if h.found < minHeaderColumns {
		return ErrNoHeader
	}
	if miss := h.missingRequired(); len(miss) > 0 {
		return &MissingColumnError{Columns: miss}
	}
	return nil
}
