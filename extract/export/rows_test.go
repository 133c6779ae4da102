package export

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// badRowsCSV: good rows mixed with bad ones, a quoted field spanning two lines
// (so later line numbers are file lines, not record numbers), and a blank line.
const badRowsCSV = goodHeader + // line 1
	goodRow + // 2
	";MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T1;Utilisateur;Actif;;\r\n" + // 3: empty id
	"u-3;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T9;Utilisateur;Actif;;\r\n" + // 4: unknown profile
	"u-4;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T1;Utilisateur;Bloqué;;\r\n" + // 5: unknown status
	"u-5;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T1;Utilisateur;Actif;31/02/2025;\r\n" + // 6: no such day
	"u-6;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T1;Gestionnaire;Actif;;\r\n" + // 7: unknown role
	"u-7;\"MARTIN\r\nBIS\";Léa;x@example.fr;CCAS;;;Cdap;T1;;actif;2025-02-05;hier\r\n" + // 8-9: bad last login
	";;;;;;;;;;;;\r\n" + // 10: blank, skipped silently
	"u-8;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;TD;Responsable des habilitations;Inactif;05/02/2025 10:12;2026-10-20T08:00:00\r\n" + // 11
	"u-9;MARTIN;Léa;x@example.fr;CCAS;;;Cdap;T1;Utilisateur;\r\n" + // 12: missing cells → empty status
	"u-10;MARTIN;Léa;x@example.fr;CCAS;\"2,63254E+13\";;Cdap;T1;;Actif;;\r\n" // 13: kept, SIRET dropped

// TestBadRows: each bad row is reported with its line and field, and skipped;
// the others are read. The XLSX case holds the same records, one per row (the
// two-line name is one row, so lines shift by one after it).
func TestBadRows(t *testing.T) {
	cr := csv.NewReader(strings.NewReader(badRowsCSV))
	cr.Comma, cr.FieldsPerRecord = ';', -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	fields := []string{"Identifiant", "Profil", "Statut", "Date de création", "Rôle", "Dernière connexion", "Statut"}
	french := []string{"identifiant vide", "profil inconnu « T9 »", "statut inconnu « Bloqué »",
		"date illisible « 31/02/2025 »", "rôle inconnu « Gestionnaire »", "date illisible « hier »", "statut vide"}
	tests := []struct {
		file     string
		data     []byte
		errLines []int
		rowLines []int
	}{
		{"bad.csv", []byte(badRowsCSV), []int{3, 4, 5, 6, 7, 8, 12}, []int{2, 11, 13}},
		{"bad.xlsx", xlsxOf(t, recs), []int{3, 4, 5, 6, 7, 8, 11}, []int{2, 10, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			sum, rows := MustReadAll(t, tt.file, tt.data, Options{})
			if len(sum.RowErrors) != len(fields) || sum.RowErrorCount != len(fields) {
				t.Fatalf("row errors = %v, want %d", sum.RowErrors, len(fields))
			}
			for i, e := range sum.RowErrors {
				line := tt.errLines[i]
				if e.Line != line || e.Field != fields[i] || e.File != tt.file {
					t.Errorf("got %s:%d %s, want line %d %s", e.File, e.Line, e.Field, line, fields[i])
				}
				if !strings.Contains(e.French(), french[i]) || !strings.Contains(e.French(), fmt.Sprintf("ligne %d", line)) {
					t.Errorf("French() = %q, want %q", e.French(), french[i])
				}
				if !strings.Contains(e.Error(), fmt.Sprintf("line %d", line)) || e.Msg == "" ||
					strings.ContainsAny(e.Msg, "\"«") {
					t.Errorf("Error() = %q (must not quote the cell)", e.Error())
				}
			}
			got := ""
			for _, h := range rows {
				got += fmt.Sprintf("%s@%d:%s/%s/%s/%s/%s ", h.Account, h.Line, h.Profile, h.Status, h.Role, h.Created, h.LastLogin)
			}
			l := tt.rowLines
			want := fmt.Sprintf("u-1@%d:T1/Actif/Utilisateur/2025-02-05/2026-10-20 "+
				"u-8@%d:T13/Désactivé/Responsable d'habilitations/2025-02-05/2026-10-20 "+
				"u-10@%d:T1/Actif/Utilisateur// ", l[0], l[1], l[2])
			if got != want || sum.Rows != 3 {
				t.Fatalf("rows = %q (%d), want %q", got, sum.Rows, want)
			}
			if len(sum.Warnings) != 1 || sum.Warnings[0].Line != l[2] || sum.Warnings[0].Field != "SIRET" ||
				rows[2].SIRET != "" || !strings.Contains(sum.Warnings[0].French(), "« 2,63254E+13 » invalide") {
				t.Errorf("warnings = %+v, SIRET %q", sum.Warnings, rows[2].SIRET)
			}
		})
	}
}

// TestRowErrorCap: Summary keeps MaxRowErrors errors but counts them all.
func TestRowErrorCap(t *testing.T) {
	bad := strings.Replace(goodRow, ";T1;", ";T7;", 1)
	sum, _ := MustReadAll(t, "e.csv", []byte(goodHeader+strings.Repeat(bad, 50)), Options{MaxRowErrors: 10})
	if len(sum.RowErrors) != 10 || sum.RowErrorCount != 50 {
		t.Errorf("kept %d, counted %d; want 10, 50", len(sum.RowErrors), sum.RowErrorCount)
	}
}

// TestPreamble: lines above the header (Excel's « sep=; » hint, a title, a
// blank line) are skipped and line numbers stay file lines.
func TestPreamble(t *testing.T) {
	tests := []struct {
		name, data string
		header     int
	}{
		{"sep hint", "sep=;\r\n" + goodHeader + goodRow, 2},
		{"title and blank", "Export des habilitations;;\r\n\r\nGénéré le 18/11/2026\r\n" + goodHeader + goodRow, 4},
		{"comma title", "Export, CCAS de Beaune\n" + strings.ReplaceAll(goodHeader+goodRow, ";", ","), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, rows := MustReadAll(t, "p.csv", []byte(tt.data), Options{})
			if sum.HeaderLine != tt.header || len(rows) != 1 || rows[0].Line != tt.header+1 || rows[0].Account != "u-1" {
				t.Errorf("header line %d, rows %+v", sum.HeaderLine, rows)
			}
		})
	}
}
