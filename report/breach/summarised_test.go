package breach_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/report/breach"
)

// TestReportPastSheetRows: a detail sheet longer than a sheet holds made
// excelize fail, and with it the whole report (the nightly run's too). With
// a sheet of 12 rows, the corpus case's 29 accounts and 13 other findings
// are summarised and the report is written.
func TestReportPastSheetRows(t *testing.T) {
	breach.SetMaxSheetRows(t, 12)
	f := MustWriteWorkbook(t, MustCorpusInput(t))
	for _, s := range []string{"Comptes au-delà du quota", "Autres constats"} {
		if rows, _ := f.GetRows(s); len(rows) > 12 {
			t.Errorf("sheet %s: %d rows, past the 12 a sheet holds", s, len(rows))
		}
	}
}

// TestSummarisedSheets: past the limit, « Comptes au-delà du quota » and
// « Autres constats » list one row per convention and finding, with a note
// above the header and the counts of every finding (nothing dropped), and
// the Synthèse says so; « Dépassements » and the CSV files stay complete,
// and at or below the limit the workbook is the one without a limit.
func TestSummarisedSheets(t *testing.T) {
	full := writeWithLimit(t, 0)
	for _, tc := range []struct {
		limit                    int
		accountsSumm, othersSumm bool
	}{
		{limit: 29}, {limit: 1000},
		{limit: 28, accountsSumm: true},
		{limit: 13, accountsSumm: true},
		{limit: 12, accountsSumm: true, othersSumm: true},
		{limit: 1, accountsSumm: true, othersSumm: true},
	} {
		t.Run(fmt.Sprint(tc.limit), func(t *testing.T) {
			got := writeWithLimit(t, tc.limit)
			for _, n := range []string{"csv", "accounts", "json"} {
				if !bytes.Equal(got.files[n], full.files[n]) {
					t.Errorf("%s differs from the report without a limit", n)
				}
			}
			if !tc.accountsSumm && !tc.othersSumm {
				sameXLSX(t, full.xlsx, got.xlsx)
				return
			}
			f, err := excelize.OpenFile(got.xlsx)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if b, _ := f.GetRows("Dépassements"); len(b) != 3 {
				t.Errorf("Dépassements: %d rows, want its header and 2 breaches", len(b))
			}
			sum, _ := f.GetRows("Synthèse")
			synth := fmt.Sprint(sum)
			acc, _ := f.GetRows("Comptes au-delà du quota")
			if tc.accountsSumm {
				checkSummary(t, acc, tc.limit, "29 comptes", "comptes-au-dela-du-quota-2026-11-20.csv",
					[][]string{{"Quota dépassé", "04/2018", beaune, "1", "28", "3"}, {"Profil non autorisé", "04/2018", beaune, "1", "1", "1"}})
				if !strings.Contains(synth, nbsp("Feuille « Comptes au-delà du quota » : résumée")) {
					t.Errorf("Synthèse does not say the accounts are summarised: %s", synth)
				}
			} else if len(acc) != 30 {
				t.Errorf("accounts sheet: %d rows, want 30", len(acc))
			}
			oth, _ := f.GetRows("Autres constats")
			if tc.othersSumm {
				checkSummary(t, oth, tc.limit, "13 constats", "depassements-quotas-2026-11-20.csv", [][]string{
					{"Partenaire inconnu", "", "", "1", "0"}, {"Structure inconnue", "04/2018", beaune, "2", "0"},
					{"Compte inactif", "04/2018", beaune, "4", "4"}, {"Adresse mél non nominative", "04/2018", beaune, "2", "0"},
					{"Comptes en double", "04/2018", beaune, "2", "0"}, {"Administrateur non déclaré", "04/2018", beaune, "1", "0"},
					{"Administrateur déclaré sans compte actif", "04/2018", beaune, "1", "0"}})
				if !strings.Contains(synth, nbsp("Feuille « Autres constats » : résumée")) {
					t.Errorf("Synthèse does not say the findings are summarised: %s", synth)
				}
			} else if len(oth) != 14 {
				t.Errorf("others sheet: %d rows, want 14", len(oth))
			}
		})
	}
}

// nbsp puts French no-break spaces in s, as the report writes them.
func nbsp(s string) string {
	return strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»", " :", "\u00a0:", " ;", "\u00a0;").Replace(s)
}

const beaune = "Centre Communal d'Action Sociale de la Ville de Beaune"

type written struct {
	xlsx  string
	files map[string][]byte
}

func writeWithLimit(t *testing.T, limit int) written {
	t.Helper()
	in := MustCorpusInput(t)
	in.SheetLimit = limit
	p, err := breach.Write(context.Background(), filepath.Join(t.TempDir(), "r"), in)
	if err != nil {
		t.Fatal(err)
	}
	return written{p.XLSX, map[string][]byte{"csv": mustRead(t, p.CSV), "accounts": mustRead(t, p.AccountsCSV), "json": mustRead(t, p.JSON)}}
}

// checkSummary checks a summarised sheet: the note of row 1 (the limit, the
// count, the file), the header of row 2, then want's cells, each row's
// « À faire » naming the file and the column to filter.
func checkSummary(t *testing.T, rows [][]string, limit int, count, file string, want [][]string) {
	t.Helper()
	if len(rows) != 2+len(want) {
		t.Fatalf("%d rows, want note, header and %d: %q", len(rows), len(want), rows)
	}
	note := rows[0][0]
	lines := fmt.Sprintf("dépasserait %d lignes", limit)
	if limit == 1 {
		lines = "dépasserait 1 ligne"
	}
	for _, s := range []string{"Liste résumée", lines + " (" + count + ")", file, nbsp("« Convention »")} {
		if !strings.Contains(note, s) {
			t.Errorf("note lacks %q: %q", s, note)
		}
	}
	if rows[1][0] != "Constat" || rows[1][1] != "Convention" {
		t.Errorf("header %q", rows[1])
	}
	for i, w := range want {
		r := rows[2+i]
		for j, c := range w {
			if j >= len(r) || r[j] != c {
				t.Errorf("row %d: %q, want %q", i+3, r, w)
				break
			}
		}
		todo := r[len(r)-1]
		if !strings.Contains(todo, file) || !strings.Contains(todo, nbsp("« Constat »")) && !strings.Contains(todo, nbsp("« Convention »")) {
			t.Errorf("row %d: « À faire » %q does not say where the list is", i+3, todo)
		}
	}
}

// MustWriteWorkbook writes the report of in and opens its workbook (closed
// when the test ends); a report not written fails the test.
func MustWriteWorkbook(tb testing.TB, in breach.Input) *excelize.File {
	tb.Helper()
	p, err := breach.Write(context.Background(), filepath.Join(tb.TempDir(), "r"), in)
	if err != nil {
		tb.Fatalf("report lost: %v", err)
	}
	f, err := excelize.OpenFile(p.XLSX)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}
