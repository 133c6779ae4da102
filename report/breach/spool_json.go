package breach

import (
	"bufio"
	"errors"
	"fmt"
	"io"

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
		r := io.NewSectionReader(s.files[jsonFile+b], 0, 1<<62)
		if first { // every finding's text begins with the comma that separates it from the one before
			first = false
			if _, err := r.Seek(1, io.SeekStart); err != nil {
				return fmt.Errorf("findings spool: %w", err)
			}
		}
		if _, err := io.Copy(bw, r); err != nil {
			return fmt.Errorf("findings spool: %w", err)
		}
	}
	if !first {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}
