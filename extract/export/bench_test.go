package export

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// benchRows is the size of the reconcile benchmark's workload (issue 4).
const benchRows = 1_000_000

// writeWorkload writes a deterministic export of n rows spread over 5,000
// partners, in the corpus' shape (UTF-8 BOM, « ; », CRLF, JJ/MM/AAAA).
func writeWorkload(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("\ufeff" + goodHeader)
	last := [...]string{"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT"}
	first := [...]string{"Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé", "Noël", "Anaïs", "Gaëlle"}
	units := [...]string{"Service social général", "Pôle insertion", "Service Domiciliation", "Pôle seniors"}
	profiles := [...]string{"T1", "T1", "T1", "T2", "T4", "T5", "T13", "TD", "T13 (TD)"}
	statuses := [...]string{"Actif", "Actif", "Actif", "Actif", "Suspendu", "Désactivé"}
	x := uint64(42)
	next := func(m int) int { // xorshift: deterministic, cheap
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(m))
	}
	for i := range n {
		p := next(5000)
		ln, fn := last[next(len(last))], first[next(len(first))]
		login := ""
		if next(4) > 0 {
			login = fmt.Sprintf("%02d/%02d/2026", 1+next(28), 1+next(11))
		}
		fmt.Fprintf(w, "u-%07d;%s;%s;%c%s%d@partenaire-%04d.fr;CCAS PARTENAIRE %04d;;%s;Cdap;%s;Utilisateur;%s;%02d/%02d/%d;%s\r\n",
			i, ln, fn, fn[0], ln, i, p, p, units[next(len(units))], profiles[next(len(profiles))],
			statuses[next(len(statuses))], 1+next(28), 1+next(12), 2015+next(11), login)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkReadCSV reads a 1,000,000-row export from disk; rows go to a
// callback that keeps nothing, so the memory measured is the reader's.
func BenchmarkReadCSV(b *testing.B) { benchReadCSV(b, Options{}) }

// BenchmarkReadCSVTransient is BenchmarkReadCSV with transient rows, as
// « habilitations reconcile » reads its exports.
func BenchmarkReadCSVTransient(b *testing.B) { benchReadCSV(b, Options{Transient: true}) }

func benchReadCSV(b *testing.B, opts Options) {
	path := filepath.Join(b.TempDir(), "export.csv")
	writeWorkload(b, path, benchRows)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		sum, err := Read(context.Background(), "export.csv", f, opts, func(h model.Habilitation) error {
			n++
			return nil
		})
		f.Close()
		if err != nil || n != benchRows || sum.RowErrorCount != 0 {
			b.Fatalf("read %d rows, %d row errors: %v", n, sum.RowErrorCount, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// benchXLSXRows is the XLSX benchmark's size: a large partner's export (XLSX
// exports are much smaller than the national CSV workload).
const benchXLSXRows = 50_000

// writeXLSXWorkload writes the CSV workload's first n rows as a workbook, with
// excelize's stream writer (shared strings off: inline strings, as many tools).
func writeXLSXWorkload(tb testing.TB, csvPath, path string, n int) {
	tb.Helper()
	data, err := os.ReadFile(csvPath)
	if err != nil {
		tb.Fatal(err)
	}
	recs := 0
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	for line := range strings.Lines(strings.TrimPrefix(string(data), "\ufeff")) {
		if recs > n {
			break
		}
		cells := strings.Split(strings.TrimRight(line, "\r\n"), ";")
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, recs+1)
		if err := sw.SetRow(cell, vals); err != nil {
			tb.Fatal(err)
		}
		recs++
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkReadXLSX reads a 100,000-row workbook.
func BenchmarkReadXLSX(b *testing.B) {
	dir := b.TempDir()
	csvPath, path := filepath.Join(dir, "export.csv"), filepath.Join(dir, "export.xlsx")
	writeWorkload(b, csvPath, benchXLSXRows)
	writeXLSXWorkload(b, csvPath, path, benchXLSXRows)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		sum, err := Read(context.Background(), "export.xlsx", f, Options{}, func(h model.Habilitation) error {
			n++
			return nil
		})
		f.Close()
		if err != nil || n != benchXLSXRows || sum.RowErrorCount != 0 {
			b.Fatalf("read %d rows, %d row errors: %v", n, sum.RowErrorCount, err)
		}
	}
	b.ReportMetric(float64(benchXLSXRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadCSVKeep reads the 1,000,000-row export and keeps every row, as
// the reconcile command does, reporting the heap the rows' strings retain per
// row beyond the preallocated []model.Habilitation (232 bytes a row).
func BenchmarkReadCSVKeep(b *testing.B) {
	path := filepath.Join(b.TempDir(), "export.csv")
	writeWorkload(b, path, benchRows)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows := make([]model.Habilitation, 0, benchRows)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		_, err = Read(context.Background(), "export.csv", f, Options{}, func(h model.Habilitation) error {
			rows = append(rows, h)
			return nil
		})
		f.Close()
		if err != nil || len(rows) != benchRows {
			b.Fatalf("read %d rows: %v", len(rows), err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/benchRows, "strings-B/row")
		runtime.KeepAlive(rows)
	}
}
