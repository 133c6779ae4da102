package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// producerFixture reads a dossier of ../../testdata/producers (the same
// dossier printed by several PDF producers) and its page count.
func producerFixture(tb testing.TB, name string) (data []byte, pages int) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "producers", name))
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := Extract(context.Background(), data, DefaultLimits())
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return data, len(doc.Pages)
}

// benchmarkProducer extracts one producer fixture, one file at a time.
func benchmarkProducer(b *testing.B, name string) {
	data, pages := producerFixture(b, name)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cpu := cpuTime(b)
	for b.Loop() {
		if _, err := Extract(context.Background(), data, DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	reportCPU(b, cpu, pages)
}

// BenchmarkExtractFpdf extracts the dossier written by go-pdf/fpdf, whose
// fonts carry no subset tag and an identity ToUnicode CMap over all 65,536
// two-byte codes: the case of the document-wide font cache and of CMap
// ranges kept as ranges.
func BenchmarkExtractFpdf(b *testing.B) { benchmarkProducer(b, "fpdf.pdf") }

// BenchmarkExtractLibreOffice extracts the LibreOffice twin of the fpdf
// dossier (subset fonts with small CMaps), for comparison.
func BenchmarkExtractLibreOffice(b *testing.B) { benchmarkProducer(b, "libreoffice.pdf") }
