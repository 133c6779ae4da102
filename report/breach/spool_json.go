package breach

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"habilitations/model"
)

// WriteJSON writes the findings JSON of records.md §4 of every finding
// added, byte for byte what WriteFindingsJSONSeq writes of All(): the
// findings' text was rendered when they were added, one file per code in
// code order, and is copied out file after file.
func (s *Spool) WriteJSON(w io.Writer, asOf model.Date) error {
	if s.keep&KeepJSON == 0 {
		if s.keep&KeepFindings == 0 {
			return errors.New("findings spool: findings not kept")
		}
		return WriteFindingsJSONSeq(w, asOf, s.All())
	}
	if err := s.flush(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeJSONHead(bw, asOf); err != nil {
		return err
	}
	bw.WriteByte('[')
	first := true
	for b := range bucketBreaches {
		if s.counts[b] == 0 {
			continue
		}
		skip := int64(0)
		if first { // every finding's text begins with the comma that separates it from the one before
			first, skip = false, 1
		}
		if err := s.copyFile(bw, jsonFile+b, skip); err != nil {
			return err
		}
	}
	if !first {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// copyFile copies spool file i, from byte skip, to w. The file is opened
// again, and handed to io.Copy as an *os.File: when the findings JSON goes
// to a file, the kernel copies it (copy_file_range) instead of a hundred
// megabytes going through this process; and the spool's own handle keeps
// its offset, where findings are appended.
func (s *Spool) copyFile(w io.Writer, i int, skip int64) error {
	f, err := os.Open(s.files[i].Name())
	if err != nil {
		return fmt.Errorf("findings spool: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(skip, io.SeekStart); err != nil {
		return fmt.Errorf("findings spool: %w", err)
	}
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("findings spool: %w", err)
	}
	return nil
}
