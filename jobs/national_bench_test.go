package jobs

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"habilitations/extract"
	"habilitations/model"
)

// BenchmarkNationalNight is the national night of BENCHMARKS.md, opt-in:
// HABILITATIONS_BENCH_NATIONAL=DIR builds DIR/night1 once (jobs.WriteWorkload,
// seed 42, $HABILITATIONS_BENCH_PARTNERS partners, 10,000 by default, with
// their bulletins and exports, then its first night as of 2026-11-25: about
// 15 minutes on two cores) and reuses it after. Each iteration runs the
// night after (nothing new) on a copy of night1: files hard-linked, the
// store copied. Reports CPU seconds and the process' peak RSS.
func BenchmarkNationalNight(b *testing.B) {
	dir := os.Getenv("HABILITATIONS_BENCH_NATIONAL")
	if dir == "" {
		b.Skip("set HABILITATIONS_BENCH_NATIONAL=DIR (built once, reused) to run the national night")
	}
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("HABILITATIONS_BENCH_PARTNERS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	first := model.NewDate(2026, 11, 25)
	night1 := filepath.Join(dir, "night1")
	cfg := DefaultConfig()
	cfg.Inbox.Settle = Duration{0}
	if _, err := os.Stat(filepath.Join(night1, "state.db")); err != nil {
		cfg.DataDir = night1
		dd, err := OpenDataDir(night1)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := WriteWorkload(ctx, dd, 42, n, WorkloadOptions{Bulletins: true, Exports: true}); err != nil {
			b.Fatal(err)
		}
		if _, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: first, Extractor: extract.Extractor{}}); err != nil {
			b.Fatal(err)
		}
	}
	var cpu float64
	for b.Loop() {
		b.StopTimer()
		cfg.DataDir = filepath.Join(b.TempDir(), "night2")
		if err := linkTree(night1, cfg.DataDir); err != nil {
			b.Fatal(err)
		}
		peakRSS(true)
		c0 := cpuTime()
		b.StartTimer()
		if _, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: first.AddDays(1), Extractor: noExtractor{}}); err != nil {
			b.Fatal(err)
		}
		cpu += (cpuTime() - c0).Seconds()
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	b.ReportMetric(peakRSS(false), "peak-RSS-MB")
}

// linkTree copies the data directory src to dst: files hard-linked (a run
// replaces files, never writes into them), but the store, which SQLite
// writes in place, and the lock, copied.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		if base := filepath.Base(p); base != "lock" && base != "state.db" && filepath.Ext(base) != ".db-wal" && filepath.Ext(base) != ".db-shm" {
			return os.Link(p, to)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
