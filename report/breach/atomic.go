package breach

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFile writes path atomically with owner-only permissions: a temporary
// file in the same directory, fsynced, then renamed over path, so that a
// reader never sees half a report and a crash leaves the old one.
func writeFile(path string, write func(w io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	// A large buffer: the CSV writer hands over 4 KB at a time, and a
	// findings-heavy report writes hundreds of megabytes (a system call per
	// 4 KB was two seconds of a million findings' report).
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// stagedFiles are files written under temporary names beside their final
// ones and renamed over them only once every one is written: a report's
// files go together, never some of this run beside others of the run
// before (a cancelled or failed report leaves the previous one whole).
type stagedFiles struct{ tmp, final []string }

// stage returns the temporary name path is written under (an empty
// owner-only file, which writeFile replaces).
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
