package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkExtract12 extracts the 12-page dossier cut from a corpus dossier
// (testdata/dossier-12p.pdf, see testdata/README.md), one file at a time.
func BenchmarkExtract12(b *testing.B) {
	data, err := os.ReadFile("testdata/dossier-12p.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cpu := cpuTime(b)
	for b.Loop() {
		doc, err := Extract(context.Background(), data, DefaultLimits())
		if err != nil || len(doc.Pages) != 12 {
			b.Fatalf("pages %d, err %v", len(doc.Pages), err)
		}
	}
	b.ReportMetric(float64(12*b.N)/b.Elapsed().Seconds(), "pages/s")
	reportCPU(b, cpu, 12)
}

// corpusDossiers reads the corpus files that have a text layer: the batch
// workload, the same files pdftotext is timed on in BENCHMARKS.md.
func corpusDossiers(b *testing.B) (files [][]byte, pages int) {
	b.Helper()
	paths, _ := filepath.Glob("../../testdata/corpus/cases/*/*.pdf")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := Extract(context.Background(), data, DefaultLimits())
		if err != nil {
			continue
		}
		files = append(files, data)
		pages += len(doc.Pages)
	}
	return files, pages
}

// BenchmarkExtractAll extracts the corpus dossiers with a pool of
// GOMAXPROCS workers.
func BenchmarkExtractAll(b *testing.B) {
	files, pages := corpusDossiers(b)
	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		for _, r := range ExtractAll(context.Background(), files, DefaultLimits(), 0) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
	reportCPU(b, cpu, pages)
}

// BenchmarkIsolatedAll extracts the corpus dossiers each in its own worker
// process (the test binary acting as extract-worker), GOMAXPROCS at a time:
// the pipeline's mode, process start included.
func BenchmarkIsolatedAll(b *testing.B) {
	files, pages := corpusDossiers(b)
	b.Setenv(workerEnv, "1")
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	x := Isolated{Command: []string{exe}, Limits: DefaultLimits()}
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan []byte)
		errs := make(chan error, len(files))
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for data := range next {
					if _, err := x.Extract(context.Background(), data); err != nil {
						errs <- err
					}
				}
			}()
		}
		for _, f := range files {
			next <- f
		}
		close(next)
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
	reportCPU(b, cpu, pages)
}

// BenchmarkPoolAll extracts the corpus dossiers in a Pool of GOMAXPROCS
// long-lived worker processes: the isolation of BenchmarkIsolatedAll
// without a process start per file.
func BenchmarkPoolAll(b *testing.B) {
	files, pages := corpusDossiers(b)
	b.Setenv(workerEnv, "1")
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	p := NewPool([]string{exe}, DefaultLimits(), runtime.GOMAXPROCS(0))
	defer p.Close()
	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		var wg sync.WaitGroup
		for _, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := p.Extract(context.Background(), f); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	p.Close() // let the workers exit, so that their CPU time is counted
	reportCPU(b, cpu, pages)
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkExtractClasses extracts each fixture of issue #11
// (testdata/classes): what reading a font's program (CFF encoding,
// TrueType cmap), glyph names or a re-filtered or decrypted copy costs.
func BenchmarkExtractClasses(b *testing.B) {
	for _, fx := range classFixtures {
		data, err := os.ReadFile("testdata/classes/" + fx.name + ".pdf")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fx.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(context.Background(), data, DefaultLimits()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
