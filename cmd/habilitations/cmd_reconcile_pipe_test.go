//go:build unix

package main

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestReconcileOutFromPipe: `reconcile --out` reads an export given as a
// pipe (a FIFO, /dev/stdin of a shell pipeline), which can be read only
// once. The breach report's accounts used to be gathered by opening the
// export a second time: the command then waited for a second writer for
// ever (and a pipe already at its end would have listed no account).
func TestReconcileOutFromPipe(t *testing.T) {
	dir := t.TempDir()
	case4 := "../../testdata/corpus/cases/04-nord-ch-roubaix"
	src := filepath.Join(case4, "export-habilitations-ch-roubaix.csv")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "export.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	go func() {
		// Opened for writing once: a second reader would wait for ever.
		if err := os.WriteFile(fifo, data, 0o600); err != nil {
			t.Error(err)
		}
	}()
	out := filepath.Join(dir, "reports")
	record := filepath.Join(case4, "convention-03-2024-ch-roubaix.pdf.truth.json")
	done := make(chan int, 1)
	var stderr string
	go func() {
		var code int
		code, _, stderr = runMain(t, "reconcile", "--records", record, "--export", fifo, "--as-of", "2026-11-20", "--out", out)
		done <- code
	}()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("reconcile --out on a pipe still running after 2 minutes: it waits for the pipe to be written again")
	}
	got := csvAccounts(t, filepath.Join(out, "comptes-au-dela-du-quota-2026-11-20.csv"))
	want := expectedHolders(t, record, src, "2026-11-20")
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("accounts beyond quota: got %v, want %v", got, want)
	}
}
