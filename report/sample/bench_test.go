package sample

import (
	"io"
	"testing"
)

// BenchmarkGenerate measures drawing partners (records and exports).
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(1, 100, Options{})
	}
}

// BenchmarkWriteDossierPDF measures writing one ~20-page dossier PDF, the
// unit of the ingest benchmark's workload.
func BenchmarkWriteDossierPDF(b *testing.B) {
	p := Generate(1, 1, Options{})[0]
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDossierPDF(io.Discard, p.Record); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteExportCSV measures writing a 50,000-row export.
func BenchmarkWriteExportCSV(b *testing.B) {
	rows := Generate(1, 1, Options{QuotaScale: 1})[0].Export
	for len(rows) < 50000 {
		rows = append(rows, rows...)
	}
	rows = rows[:50000]
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteExportCSV(io.Discard, rows); err != nil {
			b.Fatal(err)
		}
	}
}
