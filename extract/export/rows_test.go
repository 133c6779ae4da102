package export

import (
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
// the others are read.
func TestBadRows(t *testing.T) {
	sum, rows := MustReadAll(t, "bad.csv", []byte(badRowsCSV), Options{})
	want := []struct {
		line  int
		field string
		fr    string
	}{
		{3, "Identifiant", "identifiant vide"},
		{4, "Profil", "profil inconnu « T9 »"},
		{5, "Statut", "statut inconnu « Bloqué »"},
		{6, "Date de création", "date illisible « 31/02/2025 »"},
		{7, "Rôle", "rôle inconnu « Gestionnaire »"},
		{8, "Dernière connexion", "date illisible « hier »"},
		{12, "Statut", "statut vide"},
	}
	if len(sum.RowErrors) != len(want) || sum.RowErrorCount != len(want) {
		t.Fatalf("row errors = %v, want %d", sum.RowErrors, len(want))
	}
	for i, w := range want {
		e := sum.RowErrors[i]
		t.Run(fmt.Sprint(w.line), func(t *testing.T) {
			if e.Line != w.line || e.Field != w.field || e.File != "bad.csv" {
				t.Errorf("got %s:%d %s, want line %d %s", e.File, e.Line, e.Field, w.line, w.field)
			}
			if !strings.Contains(e.French(), w.fr) || !strings.Contains(e.French(), fmt.Sprintf("ligne %d", w.line)) {
				t.Errorf("French() = %q, want %q", e.French(), w.fr)
			}
			if !strings.Contains(e.Error(), fmt.Sprintf("line %d", w.line)) || e.Msg == "" ||
				strings.ContainsAny(e.Msg, "\"«") {
				t.Errorf("Error() = %q (must not quote the cell)", e.Error())
			}
		})
	}
	got := ""
	for _, h := range rows {
		got += fmt.Sprintf("%s@%d:%s/%s/%s/%s/%s ", h.Account, h.Line, h.Profile, h.Status, h.Role, h.Created, h.LastLogin)
	}
	wantRows := "u-1@2:T1/Actif/Utilisateur/2025-02-05/2026-10-20 " +
		"u-8@11:T13/Désactivé/Responsable d'habilitations/2025-02-05/2026-10-20 " +
		"u-10@13:T1/Actif/Utilisateur// "
	if got != wantRows || sum.Rows != 3 {
		t.Errorf("rows = %q (%d), want %q", got, sum.Rows, wantRows)
	}

	if len(sum.Warnings) != 1 || sum.Warnings[0].Line != 13 || sum.Warnings[0].Field != "SIRET" ||
		rows[2].SIRET != "" || !strings.Contains(sum.Warnings[0].French(), "« 2,63254E+13 » invalide") {
		t.Errorf("warnings = %+v, SIRET %q", sum.Warnings, rows[len(rows)-1].SIRET)
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
