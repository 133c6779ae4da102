package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"habilitations/extract"
	"habilitations/extract/export"
	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
	"habilitations/model"
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

// TestSampleExportRoundTrip checks that the exports report/sample writes (CSV
// and XLSX) are read back by extract/export to the same rows.
func TestSampleExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	var rows []model.Habilitation
	for _, p := range sample.Generate(31, 10, sample.Options{}) {
		rows = append(rows, p.Export...)
	}
	writers := map[string]func(io.Writer, []model.Habilitation) error{
		"export.csv":  sample.WriteExportCSV,
		"export.xlsx": sample.WriteExportXLSX,
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, rows); err != nil {
				t.Fatal(err)
			}
			var got []model.Habilitation
			sum, err := export.Read(ctx, name, &buf, export.Options{}, func(h model.Habilitation) error {
				h.Line = 0
				got = append(got, h)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.RowErrors) > 0 {
				t.Fatalf("row errors: %v", sum.RowErrors)
			}
			if len(got) != len(rows) {
				t.Fatalf("read %d rows, wrote %d", len(got), len(rows))
			}
			for i := range rows {
				if !reflect.DeepEqual(got[i], rows[i]) {
					t.Fatalf("row %d: got %+v, want %+v", i, got[i], rows[i])
				}
			}
		})
	}
}

// TestSampleRewritesCorpus writes every corpus dossier record back as a PDF
// with report/sample and checks the extractor reads the same record: the
// writer handles real-world values (no SIRET, N° numbers, three-year terms,
// Caf contacts without e-mail).
func TestSampleRewritesCorpus(t *testing.T) {
	ctx := context.Background()
	x := extract.Extractor{Limits: pdftext.DefaultLimits()}
	files, err := filepath.Glob("../testdata/corpus/cases/*/*.pdf.truth.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus truth: %v", err)
	}
	for _, f := range files {
		var r model.Record
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if json.Unmarshal(b, &r) != nil || r.Kind != model.KindDossier {
			continue // rejections and standalone bulletins
		}
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			var buf bytes.Buffer
			if err := sample.WriteDossierPDF(&buf, r); err != nil {
				t.Fatal(err)
			}
			got, err := x.Extract(ctx, filepath.Base(f), buf.Bytes())
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			for _, d := range recordtest.Diff(r, got) {
				t.Error(d)
			}
		})
	}
}
