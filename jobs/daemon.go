package jobs

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// ErrDaemonRunning says a daemon (`habilitations serve`) already serves the
// data directory. The CLI maps it to exit code 3, like ErrLocked.
var ErrDaemonRunning = errors.New("a daemon already serves the data directory")

// DaemonLock marks a data directory as served by this process for as long
// as it is held. It is an open-file-description record lock (fcntl
// F_OFD_SETLK) on daemon.lock, not an flock: another process can ask the
// kernel whether it is held (F_OFD_GETLK) without taking it, so that
// `status` never gets in a starting daemon's way; unlike a classic POSIX
// lock it conflicts within one process too and is not dropped when some
// other descriptor of the file is closed. The kernel drops it when the
// process dies.
type DaemonLock struct {
	f *os.File
}

// DaemonPath is the daemon's lock file.
func (d *DataDir) DaemonPath() string { return d.Path("daemon.lock") }

// LockDaemon takes the daemon lock without waiting; ErrDaemonRunning when
// it is held. The file records the pid and start time, for status.
func (d *DataDir) LockDaemon(now time.Time) (*DaemonLock, error) {
	f, err := os.OpenFile(d.DaemonPath(), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("daemon lock %s: %w", d.DaemonPath(), err)
	}
	lk := unix.Flock_t{Type: unix.F_WRLCK}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk); err != nil {
		f.Close()
		if errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EACCES) {
			return nil, fmt.Errorf("%s: %w", d.Root, ErrDaemonRunning)
		}
		return nil, fmt.Errorf("daemon lock %s: %w", d.DaemonPath(), err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+now.Format(time.RFC3339)+"\n"), 0)
	}
	return &DaemonLock{f: f}, nil
}

// Unlock releases the daemon lock (closing its descriptor drops the lock).
func (l *DaemonLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// DaemonState tells whether a daemon serves a data directory.
type DaemonState struct {
	Running bool
	PID     int       // the daemon's process, when Running
	Since   time.Time // when it started, when Running and recorded
}

// Daemon asks the kernel whether a process holds the daemon lock, without
// taking it.
func (d *DataDir) Daemon() (DaemonState, error) {
	f, err := os.Open(d.DaemonPath())
	if errors.Is(err, os.ErrNotExist) {
		return DaemonState{}, nil
	}
	if err != nil {
		return DaemonState{}, fmt.Errorf("daemon lock %s: %w", d.DaemonPath(), err)
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_GETLK, &lk); err != nil {
		return DaemonState{}, fmt.Errorf("daemon lock %s: %w", d.DaemonPath(), err)
	}
	if lk.Type == unix.F_UNLCK {
		return DaemonState{}, nil
	}
	// An OFD lock has no owning pid (the kernel answers -1): the daemon
	// wrote its own.
	st := DaemonState{Running: true}
	if b, err := os.ReadFile(d.DaemonPath()); err == nil {
		pid, since, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
		st.PID, _ = strconv.Atoi(pid)
		st.Since, _ = time.Parse(time.RFC3339, since)
	}
	return st, nil
}
