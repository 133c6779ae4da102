package extract_test

import (
	"context"
	"os"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
)

// BenchmarkExtractorCorpus reads every corpus dossier and bulletin (text
// layer, parser and validation, in-process) per iteration; pages/s counts
// the pages of the records read.
func BenchmarkExtractorCorpus(b *testing.B) {
	type input struct {
		name string
		data []byte
	}
	var ins []input
	pages := 0
	for _, c := range recordtest.CorpusCases(b) {
		if recordtest.LoadTruth(b, c.Truth).Rejection != nil {
			continue
		}
		data, err := os.ReadFile(c.PDF)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := pdftext.Extract(context.Background(), data, pdftext.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		pages += len(doc.Pages)
		ins = append(ins, input{c.Name, data})
	}
	var x extract.Extractor
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			if _, err := x.Extract(ctx, in.name, in.data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(ins)), "files/op")
}
