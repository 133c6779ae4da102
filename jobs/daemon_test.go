package jobs

import (
	"errors"
	"testing"
	"time"
)

// TestDaemonLock: one daemon per data directory; status sees it, with its
// pid and start, without taking the lock; and sees it gone once released.
func TestDaemonLock(t *testing.T) {
	dd, err := OpenDataDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if st, err := dd.Daemon(); err != nil || st.Running {
		t.Fatalf("before any daemon: %+v, %v", st, err)
	}
	start := time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	l, err := dd.LockDaemon(start)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // asking twice: asking never releases nor takes the lock
		st, err := dd.Daemon()
		if err != nil || !st.Running || st.PID <= 0 || !st.Since.Equal(start) {
			t.Fatalf("while serving: %+v, %v", st, err)
		}
	}
	if _, err := dd.LockDaemon(start); !errors.Is(err, ErrDaemonRunning) {
		t.Fatalf("second daemon: %v, want ErrDaemonRunning", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if st, err := dd.Daemon(); err != nil || st.Running {
		t.Fatalf("after the daemon stopped: %+v, %v", st, err)
	}
	l2, err := dd.LockDaemon(start)
	if err != nil {
		t.Fatalf("a new daemon after the first stopped: %v", err)
	}
	l2.Unlock()
}
