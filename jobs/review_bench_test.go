package jobs

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"habilitations/model/modeltest"
)

// BenchmarkReviewWorkbook50k writes the review workbook of a convention
// with 50,000 habilitations (modeltest.Review: ≈ 27,000 findings) as the
// pipeline does (writeReviewFile: straight into a temporary file then
// renamed, the heap bounded by withHeapBound). The process's peak RSS
// (peak-RSS-MB, or /usr/bin/time -v) includes generating the workload and
// reconciling it; setup-RSS-MB is the peak before the first workbook.
func BenchmarkReviewWorkbook50k(b *testing.B) {
	rv := modeltest.Review(50_000)
	runtime.GC()
	setup := peakRSS(false)
	path := filepath.Join(b.TempDir(), "revue.xlsx")
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := writeReviewFile(context.Background(), path, rv, nil, []byte("benchmark key")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MB/workbook")
	}
	b.ReportMetric(setup, "setup-RSS-MB")
	b.ReportMetric(peakRSS(false), "peak-RSS-MB")
}
