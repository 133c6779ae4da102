package export

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// buildXLSX writes the rows into the second sheet of a workbook, under a title
// line and a blank line (header on row 3). Date de création is a date cell,
// Dernière connexion text, SIRET a number: the shapes real workbooks mix.
func buildXLSX(tb testing.TB, rows []model.Habilitation) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Lisez-moi"))
	must(f.SetCellValue("Lisez-moi", "A1", "Export de l'outil de gestion déléguée – personnes fictives"))
	const sh = "Habilitations"
	_, err := f.NewSheet(sh)
	must(err)
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellValue(sh, "A1", "Export des habilitations au 18/11/2026"))
	hdr := make([]any, len(canonicalHeader))
	for i, h := range canonicalHeader {
		hdr[i] = h
	}
	must(f.SetSheetRow(sh, "A3", &hdr))
	for i, h := range rows {
		r := i + 4
		c := canonical(h, frenchDate)
		vals := make([]any, len(c))
		for j, v := range c {
			vals[j] = v
		}
		if h.SIRET != "" {
			vals[5] = mustAtoi64(tb, h.SIRET)
		}
		vals[11] = nil
		cell, _ := excelize.CoordinatesToCellName(1, r)
		must(f.SetSheetRow(sh, cell, &vals))
		if !h.Created.IsZero() {
			cell, _ = excelize.CoordinatesToCellName(12, r)
			must(f.SetCellValue(sh, cell, h.Created.Time()))
			must(f.SetCellStyle(sh, cell, cell, dateStyle))
		}
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func mustAtoi64(tb testing.TB, s string) int64 {
	tb.Helper()
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			tb.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// xlsxOf writes records as text cells of the first sheet.
func xlsxOf(tb testing.TB, recs [][]string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, rec := range recs {
		vals := make([]any, len(rec))
		for j, v := range rec {
			vals[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXDate1904: a workbook of the 1904 date system reads its date cells
// right (serials are 1,462 days smaller).
func TestXLSXDate1904(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	hdr := []any{"Identifiant", "Nom", "Organisme", "Profil", "Statut", "Date de création"}
	row := []any{"u-1", "MARTIN", "CCAS", "T1", "Actif", model.NewDate(2025, 2, 5).Time()}
	if err := f.SetSheetRow("Sheet1", "A1", &hdr); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Sheet1", "A2", &row); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, rows := MustReadAll(t, "mac.xlsx", buf.Bytes(), Options{})
	if len(rows) != 1 || rows[0].Created.String() != "2025-02-05" {
		t.Errorf("rows = %+v", rows)
	}
}
