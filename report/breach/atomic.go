package breach

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFile writes a file staged by stagedFiles (owner-only, under its
// temporary name) and fsyncs it: the staging's rename, once every file of
// the report is written, is what makes the report appear whole, and a
// crash leaves the old one.
func writeFile(path string, write func(w io.Writer) error) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	// A large buffer: the CSV writer hands over 4 KB at a time, and a
	// findings-heavy report writes hundreds of megabytes (a system call per
	// 4 KB was two seconds of a million findings' report).
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// stagedFiles are files written under temporary names beside their final
// ones and renamed over them only once every one is written: a report's
// files go together, never some of this run beside others of the run
// before (a cancelled or failed report leaves the previous one whole).
type stagedFiles struct{ tmp, final []string }

// stage returns the temporary name path is written under: an empty
// owner-only file beside it, which writeFile fills.
func (s *stagedFiles) stage(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	s.tmp, s.final = append(s.tmp, f.Name()), append(s.final, path)
	return f.Name(), nil
}

// commit renames every file to its final name. A folder in the way of one
// is found before any is renamed; a rename that fails all the same stops
// it and removes the files not renamed yet.
func (s *stagedFiles) commit() error {
	for _, f := range s.final {
		if fi, err := os.Lstat(f); err == nil && fi.IsDir() {
			s.abort()
			return fmt.Errorf("%s: a folder is in the way", f)
		}
	}
	for i := range s.tmp {
		if err := os.Rename(s.tmp[i], s.final[i]); err != nil {
			for _, t := range s.tmp[i:] {
				os.Remove(t)
			}
			return fmt.Errorf("%s: %w", s.final[i], err)
		}
	}
	return nil
}

// abort removes the files staged.
func (s *stagedFiles) abort() {
	for _, t := range s.tmp {
		os.Remove(t)
	}
}
