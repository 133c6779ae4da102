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
// conventions (modeltest.NewStream, seed 1) as the pipeline reads an
// export: rows are generated one at a time and given to a model.Reconciler,
// so the process holds only what the reconciliation keeps of them. The time
// includes generating the rows (BenchmarkGenerate1M alone). Besides time and
// allocations it reports the heap growth during the reconciliation
// (peak-heap-MB, sampled by a goroutine) and the CPU time of the process
// per reconciliation (cpu-s/op, all threads: GC included), which the load
// of a shared machine changes less than the wall time.
func BenchmarkReconcile1M(b *testing.B) {
	s := modeltest.NewStream(1, modeltest.Options{})
	benchMeasure(b, func() []model.Finding {
		r := model.NewReconciler(s.Records, s.AsOf, model.DefaultReconcileSettings())
		for h := range s.Rows() {
			r.Add(&h)
		}
		return r.Findings()
	})
}

// BenchmarkReconcile1MSlice is the same workload held as a slice of rows
// and given to model.Reconcile, as the nightly run does (it keeps the rows
// for the reports).
func BenchmarkReconcile1MSlice(b *testing.B) {
	benchReconcile(b, modeltest.Generate(1, modeltest.Options{}))
}

// BenchmarkReconcile1MByPartner is the slice workload with the rows of each
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
	benchMeasure(b, func() []model.Finding {
		return model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	})
}

// benchMeasure runs reconcile once per iteration and reports its CPU time,
// the number of findings, the live heap before it (input-MB) and the
// heap's growth during it (peak-heap-MB).
func benchMeasure(b *testing.B, reconcile func() []model.Finding) {
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
		fs := reconcile()
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

// BenchmarkGenerate1M measures the row generator alone, rows dropped as
// they come: the part of BenchmarkReconcile1M that is not reconciliation.
func BenchmarkGenerate1M(b *testing.B) {
	s := modeltest.NewStream(1, modeltest.Options{})
	for b.Loop() {
		n := 0
		for range s.Rows() {
			n++
		}
		if n != 1_000_000 || len(s.Records) != 5000 {
			b.Fatalf("%d rows, %d records", n, len(s.Records))
		}
	}
}

// BenchmarkGenerate1MSlice collects the rows in a slice: its peak RSS
// (/usr/bin/time -v) is the baseline that BenchmarkReconcile1MSlice adds to.
func BenchmarkGenerate1MSlice(b *testing.B) {
	for b.Loop() {
		w := modeltest.Generate(1, modeltest.Options{})
		if len(w.Rows) != 1_000_000 || len(w.Records) != 5000 {
			b.Fatalf("%d rows, %d records", len(w.Rows), len(w.Records))
		}
	}
}
