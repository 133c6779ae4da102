// Package xlsxout writes excelize workbooks straight to their destination.
//
// excelize's File.WriteTo assembles the whole zip in a buffer before
// copying it out (8 MB for a 50,000-row review workbook, grown by
// doubling); its documented SetZipWriter hook lets the zip go to the
// destination as it is compressed instead. excelize's fix-up of zip64 local
// headers works on that buffer: it matters only for one part over 4 GB.
package xlsxout

import (
	"archive/zip"
	"io"

	"github.com/xuri/excelize/v2"
)

// Write writes f to w as a zip made on the fly, and returns w's first
// error: excelize drops the errors of some of its writes, so they are
// kept here and every later write fails.
func Write(f *excelize.File, w io.Writer) error {
	sw := &stickyWriter{w: w}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(sw) })
	if _, err := f.WriteTo(sw); err != nil {
		return err
	}
	return sw.err
}

// stickyWriter fails every write after the first failure.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}
