package review_test

import (
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"habilitations/model"
	"habilitations/report/review"
)

// countingWriter counts the bytes of the workbook without keeping them.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// BenchmarkWrite50k writes the review workbook of a convention with 50,000
// habilitations (modeltest.Review: the deterministic workload generator)
// with review.Write alone, under the garbage collector's default settings.
// The pipeline writes it to a file with the heap bounded: that is
// jobs.BenchmarkReviewWorkbook50k, the figure of issue 5. The review itself
// (BuildReview) is built once, outside the timer: the figure is the
// workbook writer's. Memory metrics: the live heap of the inputs,
// the process's peak resident set during the setup (generator,
// reconciliation, BuildReview), then, after the peak is reset (Linux
// /proc/self/clear_refs) with -review.writepeak, the peak while writing
// with the inputs resident. Without that flag, the last metric and
// /usr/bin/time -v give the process's peak.
func BenchmarkWrite50k(b *testing.B) {
	rv := sampleReview(b, 50_000)
	setup := peakRSS(b)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := float64(ms.HeapAlloc) / (1 << 20)
	reset := *writePeak && resetPeakRSS()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	var size int64
	for b.Loop() {
		var w countingWriter
		if _, err := review.Write(context.Background(), &w, rv, nil, testKey); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(size)/(1<<20), "MB/workbook")
	b.ReportMetric(setup, "MB-peak-RSS-setup")
	b.ReportMetric(live, "MB-live-heap-of-inputs")
	if reset {
		b.ReportMetric(peakRSS(b), "MB-peak-RSS-write")
	} else {
		b.ReportMetric(peakRSS(b), "MB-peak-RSS")
	}
	runtime.KeepAlive(rv)
}

// writePeak makes BenchmarkWrite50k reset the peak resident set after the
// setup, to measure the writer's. Off by default: the reset also resets
// what /usr/bin/time -v reports as the process's peak.
var writePeak = flag.Bool("review.writepeak", false, "report the peak RSS of Write alone (resets the process peak after the setup)")

// resetPeakRSS returns to the system what the heap can give back, then
// resets the process's peak resident set (VmHWM) to the current one; false
// where Linux's /proc/self/clear_refs is not available.
func resetPeakRSS() bool {
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// cpuTime is the process's user and system CPU time: on a loaded machine
// it tells the work done apart from the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS reads the process's peak resident set (VmHWM) in MB, 0 where
// /proc is not available.
func peakRSS(tb testing.TB) float64 {
	tb.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkBuildReview50k measures the domain step (keys, quota use,
// recommendations) for the same convention.
func BenchmarkBuildReview50k(b *testing.B) {
	rec := sampleRecord()
	rows := sampleRows(50_000)
	fs := model.Reconcile([]model.Record{rec}, rows, sampleAsOf, model.DefaultReconcileSettings())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		model.BuildReview(rec, rows, fs, sampleAsOf)
	}
}
