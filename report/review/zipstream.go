package review

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/xuri/excelize/v2"
)

// sheetRows writes the data rows of a sheet (row 2 on) as SpreadsheetML.
type sheetRows func(e *rowEncoder) error

// streamZip is the excelize.ZipWriter of the review workbook. It writes the
// zip straight to the destination, and inserts the data rows of the large
// sheets into their XML while it is compressed.
//
// Why: excelize's File.WriteTo assembles the whole zip in memory, and its
// StreamWriter stages each streamed sheet in a bytes.Buffer of up to 16 MB
// (StreamChunkSize, a constant; the buffer doubles to 32 MB while crossing
// it) that stays referenced until File.Close. For 50,000 habilitations that
// was about 70 MB of working set, which the garbage collector's headroom
// doubles. Here excelize writes the large sheets in normal mode with their
// header row, settings, filters, drop-downs and protection, and the rows
// are encoded (rowEncoder) between the header and </sheetData> as the zip
// entry is written: they never exist in memory as a whole.
//
// excelize patches the local headers of zip entries over 4 GB in its
// in-memory buffer (writeZip64LFH); a streamed zip skips that patch. It only
// matters for an entry over 4 GB: at the 1.4 kB of XML a row of the
// 50,000-row benchmark, a sheet at Excel's limit of 1,048,576 rows is
// about 1.4 GB.
type streamZip struct {
	zw      *zip.Writer
	inject  map[string]sheetRows // zip path → rows to insert
	done    map[string]bool
	pending string       // the injected entry being received
	skel    bytes.Buffer // its XML as excelize made it (header row only)
	err     error        // first error: excelize drops some write errors
}

func newStreamZip(w io.Writer, inject map[string]sheetRows) *streamZip {
	return &streamZip{zw: zip.NewWriter(w), inject: inject, done: map[string]bool{}}
}

// sheetDataEnd is where the rows go: the end of the sheet's cell table,
// which comes once in every worksheet part.
var sheetDataEnd = []byte("</sheetData>")

// Create starts the zip entry name; an injected sheet is held until the
// next entry or Close, then written with its rows.
func (z *streamZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if _, ok := z.inject[name]; ok {
		z.pending = name
		z.skel.Reset()
		return &z.skel, nil
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, z.fail(err)
	}
	return stickyWriter{w, z}, nil
}

// finish writes the pending injected sheet: excelize's XML up to
// </sheetData>, the rows, then the rest.
func (z *streamZip) finish() error {
	if z.err != nil || z.pending == "" {
		return z.err
	}
	name := z.pending
	z.pending = ""
	xml := z.skel.Bytes()
	at := bytes.Index(xml, sheetDataEnd)
	if at < 0 {
		return z.fail(fmt.Errorf("zip entry %s: no %s in the sheet's XML", name, sheetDataEnd))
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return z.fail(err)
	}
	e := newRowEncoder(w)
	e.raw(xml[:at])
	if err := z.inject[name](e); err != nil {
		return z.fail(err)
	}
	e.raw(xml[at:])
	if err := e.flush(); err != nil {
		return z.fail(fmt.Errorf("zip entry %s: %w", name, err))
	}
	z.done[name] = true
	return nil
}

// AddFS is part of excelize.ZipWriter; the workbook does not use it.
func (z *streamZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.fail(z.zw.AddFS(fsys))
}

// Close writes the last pending sheet and the zip's directory. It fails if
// a sheet to fill never came: excelize named it otherwise, and the
// workbook would lack its rows.
func (z *streamZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for name := range z.inject {
		if !z.done[name] {
			return z.fail(fmt.Errorf("zip entry %s was not written", name))
		}
	}
	return z.fail(z.zw.Close())
}

func (z *streamZip) fail(err error) error {
	if z.err == nil && err != nil {
		z.err = err
	}
	return z.err
}

// stickyWriter keeps the first write error for Close: excelize's zip loop
// overwrites a write error with the next entry's.
type stickyWriter struct {
	w io.Writer
	z *streamZip
}

func (s stickyWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.z.fail(err)
	return n, err
}

// sheetPath is the zip path of a worksheet that NewSheet created: excelize
// names it after the sheet's id (streamZip.Close fails if that changes).
func sheetPath(f *excelize.File, sheet string) (string, error) {
	for id, name := range f.GetSheetMap() {
		if name == sheet {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id), nil
		}
	}
	return "", errors.New("no sheet " + sheet)
}
