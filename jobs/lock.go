package jobs

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// ErrLocked says another process (a one-shot run or the daemon's job) is
// working on the data directory. The CLI maps it to exit code 3.
var ErrLocked = errors.New("another run holds the data directory")

// Lock is the exclusive hold on a data directory. It is an flock(2) on the
// lock file: the kernel releases it when the process dies, even by kill -9,
// so a crash never leaves a stale lock behind.
type Lock struct {
	f *os.File
}

// Lock takes the data directory without waiting; ErrLocked when another
// process holds it. The lock file holds the holder's pid, for people only.
func (d *DataDir) Lock() (*Lock, error) {
	f, err := os.OpenFile(d.LockPath(), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", d.LockPath(), err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", d.Root, ErrLocked)
		}
		return nil, fmt.Errorf("lock %s: %w", d.LockPath(), err)
	}
	// Best effort: the pid helps whoever wonders which process holds it.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Unlock releases the data directory. The lock file stays: removing it would
// let a third process lock a new file while a second still waits on the old.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err = errors.Join(err, l.f.Close())
	l.f = nil
	return err
}
