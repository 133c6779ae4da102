package extract_test

import (
	"bytes"
	"context"
	"testing"

	"habilitations/extract"
	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
	"habilitations/report/sample"
)

// TestSampleRoundTrip checks that the dossiers and standalone bulletins that
// report/sample writes (the workload of the ingest benchmark and the demo)
// are read back by the extractor to the records they were written from.
func TestSampleRoundTrip(t *testing.T) {
	ctx := context.Background()
	x := extract.Extractor{Limits: pdftext.DefaultLimits()}
	for _, p := range sample.Generate(2026, 8, sample.Options{BulletinRate: 0.5}) {
		t.Run(p.Stem, func(t *testing.T) {
			var buf bytes.Buffer
			if err := sample.WriteDossierPDF(&buf, p.Record); err != nil {
				t.Fatal(err)
			}
			got, err := x.Extract(ctx, p.Stem+".pdf", buf.Bytes())
			if err != nil {
				t.Fatalf("extract dossier: %v", err)
			}
			for _, d := range recordtest.Diff(p.Record, got) {
				t.Error(d)
			}
			for i, b := range p.Bulletins {
				buf.Reset()
				if err := sample.WriteBulletinPDF(&buf, b, p.Record); err != nil {
					t.Fatal(err)
				}
				got, err := x.Extract(ctx, p.Stem+"-bulletin.pdf", buf.Bytes())
				if err != nil {
					t.Fatalf("extract bulletin %d: %v", i, err)
				}
				for _, d := range recordtest.Diff(b, got) {
					t.Errorf("bulletin %d: %s", i, d)
				}
			}
		})
	}
}
