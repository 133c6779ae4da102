package jobs

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// createAtomic writes path through fill: into a temporary file in the same
// folder (owner-only), buffered, fsynced, then renamed over path, and the
// folder fsynced, so that a reader never sees half a file and after a crash
// path holds either its old content or all of the new. Large reports are
// written this way without being held in memory whole.
func createAtomic(path string, fill func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	name, err := fillTemp(dir, fill)
	if err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return syncDir(dir)
}

// fillTemp writes through fill a new temporary file of dir (owner-only,
// buffered, fsynced, closed) and returns its name; on error nothing is
// left. Callers put it in place: createAtomic by renaming it over its
// path, the review key by linking it where no file may be replaced.
func fillTemp(dir string, fill func(w io.Writer) error) (string, error) {
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	err = tmp.Chmod(FileMode)
	if err == nil {
		bw := bufio.NewWriterSize(tmp, 64<<10)
		if err = fill(bw); err == nil {
			err = bw.Flush()
		}
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// writeBytes is a fill of createAtomic that writes data.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
