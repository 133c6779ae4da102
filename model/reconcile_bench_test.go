package model_test

import (
	"cmp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// BenchmarkReconcile1M reconciles 1,000,000 export rows against 5,000
// conventions (modeltest.Generate, seed 1). Besides time and allocations it
// reports the heap growth during Reconcile (peak-heap-MB, sampled by a
// goroutine), the live input size (input-MB) and the CPU time of the
// process per reconciliation (cpu-s/op, all threads: GC included), which
// the load of a shared machine changes less than the wall time.
func BenchmarkReconcile1M(b *testing.B) {
	benchReconcile(b, modeltest.Generate(1, modeltest.Options{}))
}

// BenchmarkReconcile1MByPartner is the same workload with the rows of each
// partner together, as they come when each export is one partner's.
func BenchmarkReconcile1MByPartner(b *testing.B) {
	w := modeltest.Generate(1, modeltest.Options{})
	// The generator names partner i « …Commune-i » (in four spellings):
	// sort by that number, folding nothing.
	partner := func(h model.Habilitation) string {
		return h.Organisme[strings.LastIndexByte(h.Organisme, '-')+1:]
	}
	slices.SortStableFunc(w.Rows, func(x, y model.Habilitation) int { return cmp.Compare(partner(x), partner(y)) })
	benchReconcile(b, w)
}

func benchReconcile(b *testing.B, w modeltest.Workload) {
	runtime.GC()
	input := heapLive()
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	var growth uint64
	var cpu time.Duration
	for b.Loop() {
		// Each iteration starts from a collected heap, so that the peak
		// sampled is this iteration's own.
		b.StopTimer()
		runtime.GC()
		base := heapLive()
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() { done <- samplePeak(stop) }()
		b.StartTimer()
		c0 := cpuTime()
		fs := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
		cpu += cpuTime() - c0
		b.StopTimer()
		close(stop)
		if p := <-done; p > base {
			growth = max(growth, p-base)
		}
		n = len(fs)
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "findings")
	b.ReportMetric(float64(input)/(1<<20), "input-MB")
	b.ReportMetric(float64(growth)/(1<<20), "peak-heap-MB")
}

func heapLive() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeak samples the heap every millisecond until stop is closed; the
// sample buffer is reused so that sampling itself does not allocate.
func samplePeak(stop <-chan struct{}) uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	var peak uint64
	for {
		metrics.Read(s)
		peak = max(peak, s[0].Value.Uint64())
		select {
		case <-stop:
			metrics.Read(s)
			return max(peak, s[0].Value.Uint64())
		case <-t.C:
		}
	}
}

// BenchmarkGenerate1M measures the workload generator alone: its peak RSS
// (/usr/bin/time -v) is the baseline that BenchmarkReconcile1M adds to.
func BenchmarkGenerate1M(b *testing.B) {
	for b.Loop() {
		w := modeltest.Generate(1, modeltest.Options{})
		if len(w.Rows) != 1_000_000 || len(w.Records) != 5000 {
			b.Fatalf("%d rows, %d records", len(w.Rows), len(w.Records))
		}
	}
}
