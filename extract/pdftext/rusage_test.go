package pdftext

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user + system) used so far by this process and
// its waited-for children: on a shared, loaded machine it measures the work
// better than the wall clock, which benchmarks report too.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err != nil {
			tb.Fatal(err)
		}
		total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return total
}

// reportCPU adds the CPU time per page since start as a metric.
func reportCPU(b *testing.B, start time.Duration, pages int) {
	b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/float64(pages*b.N), "cpu-µs/page")
}
