package pdftext

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"habilitations/model"
)

// workerEnv makes the test binary act as the extract-worker child, so that
// Isolated is tested end to end without building the command.
const workerEnv = "PDFTEXT_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(spinEnv) == "1" {
		os.Exit(spinChild())
	}
	if os.Getenv(workerEnv) == "1" {
		lim := DefaultLimits()
		fs := flag.NewFlagSet("worker", flag.ExitOnError)
		fs.Int64Var(&lim.MaxBytes, "max-bytes", lim.MaxBytes, "")
		fs.IntVar(&lim.MaxPages, "max-pages", lim.MaxPages, "")
		fs.DurationVar(&lim.Timeout, "timeout", lim.Timeout, "")
		fs.Int64Var(&lim.MaxMemory, "max-memory", lim.MaxMemory, "")
		stream := fs.Bool("stream", false, "")
		fs.Parse(os.Args[1:])
		serve := ServeWorker
		if *stream {
			serve = ServeWorkerStream
		}
		if err := serve(context.Background(), os.Stdin, os.Stdout, lim); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func testWorker(t *testing.T, lim Limits) Isolated {
	t.Helper()
	t.Setenv(workerEnv, "1")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Isolated{Command: []string{exe}, Limits: lim}
}

// TestIsolated: the child gives the same document as in-process extraction,
// the same rejection classes, and is bounded on a bomb.
func TestIsolated(t *testing.T) {
	x := testWorker(t, DefaultLimits())
	for _, c := range corpusCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			want, wantErr := Extract(context.Background(), data, DefaultLimits())
			got, err := x.Extract(context.Background(), data)
			if wantErr != nil {
				if model.ReasonOf(err) != model.ReasonOf(wantErr) || errors.Is(err, ErrWorker) {
					t.Fatalf("isolated err = %v, in-process err = %v", err, wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("isolated: %v", err)
			}
			if got.String() != want.String() {
				t.Errorf("isolated text differs from in-process text")
			}
		})
	}
}

func TestIsolatedBomb(t *testing.T) {
	bomb := bombPDF(t, 1024)
	x := testWorker(t, Limits{MaxMemory: 128 << 20, Timeout: 20 * time.Second})
	start := time.Now()
	_, err := x.Extract(context.Background(), bomb)
	if !errors.Is(err, model.ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	if d := time.Since(start); d > 25*time.Second {
		t.Errorf("refused after %v", d)
	}
	t.Log(err)
}

func TestIsolatedMissingWorker(t *testing.T) {
	x := Isolated{Command: []string{"/nonexistent/habilitations", "extract-worker"}}
	if _, err := x.Extract(context.Background(), onePage("")); !errors.Is(err, ErrWorker) {
		t.Fatalf("err = %v, want ErrWorker", err)
	}
}
