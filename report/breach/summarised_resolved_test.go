package breach_test

import (
	"fmt"
	"strings"
	"testing"

	"habilitations/model"
	"habilitations/report/breach"
)

// TestResolvedSummarised: « Résolus depuis dernier passage » follows the
// sheet limit like the other detail sheets. A partner that deletes its
// dormant accounts makes as many resolved findings the next night: past
// the limit they were listed one by one all the same (past a sheet's
// 1,048,576 rows, excelize failed and the night's report with it). Past the
// limit the sheet lists one row per convention and finding with its count;
// at or below it, each finding as before.
func TestResolvedSummarised(t *testing.T) {
	in := MustCorpusInput(t)
	in.Resolved = nil
	for i := range 30 {
		in.Resolved = append(in.Resolved, model.Finding{Code: model.CodeDormantAccount, Convention: "04/2018", Account: fmt.Sprintf("ancien-%02d", i)})
	}
	in.Resolved = append(in.Resolved,
		model.Finding{Code: model.CodeSharedMailbox, Convention: "04/2018", Account: "accueil"},
		model.Finding{Code: model.CodeUnknownPartner, Account: "x-1", Organisme: "Mairie de Nulle-Part"})
	for _, tc := range []struct {
		name    string
		limit   int
		maxRows int // a sheet's rows (0: excelize's)
		summ    bool
	}{
		{name: "below", limit: 32},
		{name: "above", limit: 31, summ: true},
		{name: "past a sheet", maxRows: 12, summ: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.maxRows > 0 {
				breach.SetMaxSheetRows(t, tc.maxRows)
			}
			in := in
			in.SheetLimit = tc.limit
			f := MustWriteWorkbook(t, in)
			rows, _ := f.GetRows("Résolus depuis dernier passage")
			if !tc.summ {
				if len(rows) != 33 {
					t.Fatalf("%d rows, want the header and 32 findings", len(rows))
				}
				return
			}
			want := [][]string{{"Partenaire inconnu", "", "", "1"}, {"Compte inactif", "04/2018", beaune, "30"},
				{"Adresse mél non nominative", "04/2018", beaune, "1"}}
			if len(rows) != 2+len(want) {
				t.Fatalf("%d rows, want note, header and %d: %q", len(rows), len(want), rows)
			}
			limit := tc.limit
			if tc.maxRows > 0 {
				limit = tc.maxRows - 2
			}
			for _, s := range []string{"Liste résumée", fmt.Sprintf("dépasserait %d lignes (32 constats)", limit), "rien à faire"} {
				if !strings.Contains(rows[0][0], s) {
					t.Errorf("note lacks %q: %q", s, rows[0][0])
				}
			}
			if rows[1][0] != "Constat" || rows[1][3] != "Constats résolus" {
				t.Errorf("header %q", rows[1])
			}
			for i, w := range want {
				if r := rows[2+i]; fmt.Sprint(r[:min(len(r), 4)]) != fmt.Sprint(w) {
					t.Errorf("row %d: %q, want %q", i+3, r, w)
				}
			}
			sum, _ := f.GetRows("Synthèse")
			if s := fmt.Sprint(sum); !strings.Contains(s, nbsp("Feuille « Résolus depuis dernier passage » : résumée")) {
				t.Errorf("Synthèse does not say the resolved findings are summarised: %s", s)
			}
		})
	}
}
