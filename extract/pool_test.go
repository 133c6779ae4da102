package extract_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
)

// workerEnv makes the test binary act as the extract-worker child (the
// stream protocol of pdftext.Pool), so that Extractor.Pool is tested end to
// end without building the command.
const workerEnv = "EXTRACT_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		os.Exit(serveWorker())
	}
	os.Exit(m.Run())
}

// serveWorker parses the flags that pdftext.WorkerArgs and the pool pass,
// as the habilitations extract-worker command does.
func serveWorker() int {
	lim := pdftext.DefaultLimits()
	fs := flag.NewFlagSet("worker", flag.ExitOnError)
	fs.Int64Var(&lim.MaxBytes, "max-bytes", lim.MaxBytes, "")
	fs.IntVar(&lim.MaxPages, "max-pages", lim.MaxPages, "")
	fs.DurationVar(&lim.Timeout, "timeout", lim.Timeout, "")
	fs.Int64Var(&lim.MaxMemory, "max-memory", lim.MaxMemory, "")
	stream := fs.Bool("stream", false, "")
	fs.Parse(os.Args[1:])
	serve := pdftext.ServeWorker
	if *stream {
		serve = pdftext.ServeWorkerStream
	}
	if err := serve(context.Background(), os.Stdin, os.Stdout, lim); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// workerCommand is the test binary as the worker command.
func workerCommand(t *testing.T) []string {
	t.Helper()
	t.Setenv(workerEnv, "1") // inherited by the children
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return []string{exe}
}

// TestPooled extracts the corpus and the producer fixtures through a pool of
// two workers, from concurrent goroutines, to their truths.
func TestPooled(t *testing.T) {
	x := extract.NewPooled(pdftext.DefaultLimits(), workerCommand(t), 2)
	t.Cleanup(func() { x.Close() })
	cases := recordtest.CorpusCases(t)
	cases = append(cases, recordtest.Walk(t, "producers", filepath.Join(recordtest.RepoRoot(t), "testdata", "producers"))...)
	if len(cases) == 0 {
		t.Fatal("no case found")
	}
	t.Run("cases", func(t *testing.T) { // returns when the parallel subtests end, before Cleanup
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				checkCase(t, x, c)
			})
		}
	})
}

// TestPoolPrecedence: a Pool is used in preference to WorkerCommand and to
// in-process extraction, and Close is harmless without one.
func TestPoolPrecedence(t *testing.T) {
	cmd := workerCommand(t)
	data, err := os.ReadFile(filepath.Join(recordtest.RepoRoot(t), "testdata", "producers", "fpdf.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	missing := []string{filepath.Join(t.TempDir(), "no-such-worker")}
	good := pdftext.NewPool(cmd, pdftext.DefaultLimits(), 1)
	broken := pdftext.NewPool(missing, pdftext.DefaultLimits(), 1)
	t.Cleanup(func() { good.Close(); broken.Close() })
	tests := []struct {
		name    string
		x       extract.Extractor
		wantErr error
	}{
		{"in-process", extract.Extractor{}, nil},
		{"worker per file", extract.Extractor{WorkerCommand: cmd}, nil},
		{"pool over a missing worker command", extract.Extractor{WorkerCommand: missing, Pool: good}, nil},
		{"pool with a missing command over a good one", extract.Extractor{WorkerCommand: cmd, Pool: broken}, pdftext.ErrWorker},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.x.Extract(context.Background(), "fpdf.pdf", data)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err := tt.x.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
}
