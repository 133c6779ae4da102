package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract/export"
	"habilitations/model"
	"habilitations/report/breach"
)

// mustReadRows reads every row of the export at path.
func mustReadRows(tb testing.TB, path string) []model.Habilitation {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows []model.Habilitation
	if _, err := export.Read(context.Background(), filepath.Base(path), f, export.Options{}, func(h model.Habilitation) error {
		rows = append(rows, h)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return rows
}

// checkSameReportFiles reports each of ref's CSV, accounts CSV and
// findings.json that the file of the same name in dir does not repeat
// byte for byte (the workbook's zip container differs from run to run).
func checkSameReportFiles(t *testing.T, ref breach.Paths, dir string) {
	t.Helper()
	for _, p := range []string{ref.CSV, ref.AccountsCSV, ref.JSON} {
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dir, filepath.Base(p)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the held report's (%d vs %d bytes, %v)", filepath.Base(p), len(b), len(a), err)
		}
	}
}
