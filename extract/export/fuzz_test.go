package export

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/model"
)

// fuzzOptions keep a fuzzed workbook small and fast.
var fuzzOptions = Options{MaxBytes: 1 << 20, UnzipSizeLimit: 8 << 20, UnzipXMLSizeLimit: 1 << 20, MaxRowErrors: 20}

// checkRead reads data and checks what must hold for any input: no panic, an
// error has a French message, rows are well formed and in line order.
func checkRead(t *testing.T, name string, data []byte) {
	var rows []model.Habilitation
	sum, err := Read(context.Background(), name, bytes.NewReader(data), fuzzOptions, func(h model.Habilitation) error {
		rows = append(rows, h)
		return nil
	})
	if err != nil {
		if French(err) == "" || len(rows) > 0 && !strings.Contains(err.Error(), name) {
			t.Fatalf("error without French message or file: %v", err)
		}
		return
	}
	if sum.Rows != len(rows) || len(sum.RowErrors) > fuzzOptions.MaxRowErrors || sum.RowErrorCount < len(sum.RowErrors) {
		t.Fatalf("summary rows %d / callbacks %d / errors %d of %d", sum.Rows, len(rows), len(sum.RowErrors), sum.RowErrorCount)
	}
	last := sum.HeaderLine
	for _, h := range rows {
		if h.Account == "" || h.Line <= last {
			t.Fatalf("bad row %+v after line %d", h, last)
		}
		last = h.Line
		if err := model.Validate(h); err != nil {
			t.Fatalf("row %d does not validate: %v", h.Line, err)
		}
	}
	for _, e := range sum.RowErrors {
		if e.Line <= 0 || e.Msg == "" || e.FrenchMsg == "" {
			t.Fatalf("bad row error %+v", e)
		}
	}
}

// seedFiles returns the first kilobytes of the corpus and fixture files whose
// name matches suffix.
func seedFiles(tb testing.TB, suffix string, limit int) [][]byte {
	tb.Helper()
	var out [][]byte
	paths := corpusExports(tb)
	fx, _ := filepath.Glob("testdata/*")
	for _, p := range append(paths, fx...) {
		if !strings.HasSuffix(p, suffix) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if limit > 0 && len(b) > limit {
			b = b[:limit]
		}
		out = append(out, b)
	}
	return out
}

func FuzzReadCSV(f *testing.F) {
	for _, suffix := range []string{".csv", ".txt"} {
		for _, b := range seedFiles(f, suffix, 2048) {
			f.Add(b)
		}
	}
	f.Add([]byte(badRowsCSV))
	f.Add([]byte("Login,Nom,Organisme,Profil,Etat\n\"a\"\"b\",\"x\ny\",o,TD,actif\n"))
	f.Add([]byte("titre\n\nIdentifiant\tNom\tOrganisme\tProfil\tStatut\tCréé le\nu\tn\to\tT2\tSuspendu\t45000\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.csv", data) })
}

// withSheet returns the workbook template with its first sheet's XML replaced,
// so that the fuzzer explores the sheet parser instead of zip checksums.
func withSheet(tb testing.TB, template, sheet []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(template), int64(len(template)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		if err != nil {
			tb.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			_, err = w.Write(sheet)
		} else {
			var rc io.ReadCloser
			if rc, err = zf.Open(); err == nil {
				_, err = io.Copy(w, rc)
				rc.Close()
			}
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXML extracts the first sheet's XML of a workbook.
func sheetXML(tb testing.TB, book []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		tb.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		tb.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// FuzzReadXLSX fuzzes either a whole file (wrap false) or the XML of the
// first sheet of a small valid workbook (wrap true).
func FuzzReadXLSX(f *testing.F) {
	recs := [][]string{
		strings.Split(strings.TrimSpace(goodHeader), ";"),
		strings.Split(strings.TrimSpace(goodRow), ";"),
		{"u-2", "DURAND", "Paul", "p@example.fr", "CCAS", "", "", "Cdap", "TD", "", "Suspendu", "45000", ""},
	}
	template := xlsxOf(f, recs)
	f.Add(template, false)
	f.Add(sheetXML(f, template), true)
	for _, b := range seedFiles(f, ".xlsx", 0) {
		f.Add(b, false)
	}
	f.Add(zipBomb(f, 2<<20), false)
	f.Fuzz(func(t *testing.T, data []byte, wrap bool) {
		if wrap {
			data = withSheet(t, template, data)
		}
		checkRead(t, "fuzz.xlsx", data)
	})
}
