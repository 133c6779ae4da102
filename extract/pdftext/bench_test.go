package pdftext

import (
	"context"
	"os"
	"path/filepath"
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
	for b.Loop() {
		doc, err := Extract(context.Background(), data, DefaultLimits())
		if err != nil || len(doc.Pages) != 12 {
			b.Fatalf("pages %d, err %v", len(doc.Pages), err)
		}
	}
	b.ReportMetric(float64(12*b.N)/b.Elapsed().Seconds(), "pages/s")
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
	for b.Loop() {
		for _, r := range ExtractAll(context.Background(), files, DefaultLimits(), 0) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}
