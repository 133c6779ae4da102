package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"habilitations/model"
)

// spinEnv makes the test binary run spinChild: the in-process watchdog is
// tested in a process of its own, so that the goroutine it abandons (still
// spinning in the library) dies with that process instead of burning a core
// for the rest of the test run.
const spinEnv = "PDFTEXT_TEST_SPIN"

const spinTimeout = 500 * time.Millisecond

// spinChild extracts spinPDF in process and exits 0 when the watchdog
// returned a time limit refusal in time.
func spinChild() int {
	start := time.Now()
	_, err := Extract(context.Background(), spinPDF(true), Limits{Timeout: spinTimeout})
	switch {
	case !errors.Is(err, model.ErrCorrupt) || !errors.Is(err, errLimit):
		fmt.Fprintln(os.Stderr, "err =", err, "want a time limit refusal")
		return 1
	case abandoned.Load() != 1:
		fmt.Fprintln(os.Stderr, "the watchdog did not fire: the input no longer makes the library spin")
		return 1
	case time.Since(start) > spinTimeout+watchdogGrace+2*time.Second:
		fmt.Fprintln(os.Stderr, "returned after", time.Since(start))
		return 1
	}
	return 0
}

// TestWatchdog: the library spinning without reading (spinPDF) does not
// hold Extract past its time limit, and a Pool worker that had to abandon
// such an extraction is replaced.
func TestWatchdog(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), spinEnv+"=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("in process: %v: %s", err, out)
	}

	p := testPool(t, Limits{Timeout: spinTimeout}, 1)
	if _, err := p.Extract(context.Background(), spinPDF(true)); !errors.Is(err, model.ErrCorrupt) {
		t.Fatalf("pool: err = %v, want ErrCorrupt", err)
	}
	if _, err := p.Extract(context.Background(), onePage(helloPage)); err != nil {
		t.Fatalf("pool after the spinning file: %v", err)
	}
}
