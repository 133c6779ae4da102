package breach

import (
	"bufio"
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
