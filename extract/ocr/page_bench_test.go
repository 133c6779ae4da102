package ocr

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPDFPages recognises the committed 300 dpi G4 scan of case 01's
// bulletin (2 pages, rendered at 200 dpi, straightened, one recognition
// each), pages in parallel within the engine's slots: the cost of a page
// end to end, Tesseract included. It needs Tesseract; run by hand:
//
//	go test -run '^$' -bench PDFPages -benchtime 5x ./extract/ocr
func BenchmarkPDFPages(b *testing.B) {
	e, err := Find(0)
	if err != nil {
		b.Skip(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scans", "bulletin-2-1-service-social-general-2020.300-g4.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		pages, err := e.PDFPages(context.Background(), nil, data, []int{1, 2}, func(int) bool { return false })
		if err != nil || len(pages) != 2 || len(pages[0].Words) == 0 {
			b.Fatalf("%d pages, %v", len(pages), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(2*b.N), "s/page")
}
