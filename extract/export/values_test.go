package export

import (
	"strings"
	"testing"

	"habilitations/model"
)

// TestHeaderAliases: every alias of records.md §3 and the issue is recognised
// whatever its case, accents, spaces and punctuation; look-alikes are not.
func TestHeaderAliases(t *testing.T) {
	tests := []struct {
		cell string
		col  column
		ok   bool
	}{
		{"Identifiant", colAccount, true}, {"LOGIN", colAccount, true}, {"Identifiant de connexion", colAccount, true},
		{"compte", colAccount, true}, {"Nom", colLastName, true}, {"Nom de famille", colLastName, true},
		{"PRENOM", colFirstName, true}, {"Prénom", colFirstName, true}, {"Adresse mél", colEmail, true},
		{"adresse mel", colEmail, true}, {"Courriel", colEmail, true}, {"E-mail", colEmail, true},
		{"Email", colEmail, true}, {"Mél", colEmail, true}, {"Mail", colEmail, true},
		{"Organisme", colOrganisme, true}, {"Partenaire", colOrganisme, true}, {"Raison sociale", colOrganisme, true},
		{"SIRET", colSIRET, true}, {"N° SIRET", colSIRET, true}, {"Structure", colUnit, true},
		{"Unité", colUnit, true}, {"Groupe", colUnit, true}, {"Service", colService, true},
		{"Profil", colProfile, true}, {"Profil d’habilitation", colProfile, true}, {"Rôle", colRole, true},
		{"Role", colRole, true}, {"Statut", colStatus, true}, {"Etat", colStatus, true}, {"État", colStatus, true},
		{"Date de création", colCreated, true}, {"Créé le", colCreated, true}, {"Date création", colCreated, true},
		{"Dernière connexion", colLastLogin, true}, {"Date de dernière connexion", colLastLogin, true},
		{"Dernier accès", colLastLogin, true}, {"  date_de_creation ", colCreated, true},
		{"Fonction", 0, false}, {"Service utilisateur", 0, false}, {"Remarque", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			a, ok := aliases[headerKey(tt.cell)]
			if ok != tt.ok || ok && a.col != tt.col {
				t.Errorf("%q → %v %v, want %v %v", tt.cell, columnNames[a.col], ok, columnNames[tt.col], tt.ok)
			}
		})
	}
}

// TestHeaderPrecedence: when two headers name one column, the canonical name
// (or the better alias) wins whatever the order; otherwise the first.
func TestHeaderPrecedence(t *testing.T) {
	tests := []struct {
		cells []string
		col   column
		want  int
	}{
		{[]string{"ID", "Login", "Nom"}, colAccount, 1},
		{[]string{"Login", "Identifiant"}, colAccount, 1},
		{[]string{"Nom d'usage", "Nom de famille", "Nom"}, colLastName, 2},
		{[]string{"Statut", "Statut"}, colStatus, 0},
		{[]string{"Remarque", "Etat"}, colStatus, 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.cells, ","), func(t *testing.T) {
			if h := parseHeader(tt.cells); h.index[tt.col] != tt.want {
				t.Errorf("%s at %d, want %d", columnNames[tt.col], h.index[tt.col], tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in     string
		serial bool
		d1904  bool
		want   string
		ok     bool
	}{
		{"05/02/2025", false, false, "2025-02-05", true}, {"2025-02-05", false, false, "2025-02-05", true},
		{"", false, false, "", true}, {"  ", false, false, "", true}, {"5/2/2025", false, false, "2025-02-05", true},
		{"05/02/2025 14:32", false, false, "2025-02-05", true}, {"2025-02-05T14:32:00Z", false, false, "2025-02-05", true},
		{"3 mai 2017", false, false, "2017-05-03", true}, {"45693", true, false, "2025-02-05", true},
		{"45693.75", true, false, "2025-02-05", true}, {"45693", false, false, "", false}, {"31/02/2025", false, false, "", false},
		{"00/01/2025", false, false, "", false}, {"05/13/2025", false, false, "", false}, {"hier", false, false, "", false},
		{"-1", true, false, "", false}, {"1e300", true, false, "", false},
		{"44231", true, true, "2025-02-05", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDate(tt.in, tt.serial, tt.d1904)
			if ok != tt.ok || ok && d.String() != tt.want {
				t.Errorf("parseDate(%q, %v) = %q %v, want %q %v", tt.in, tt.serial, d, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNormalisedValues(t *testing.T) {
	c := newConverter("t.csv", parseHeader(nil), false)
	tests := []struct {
		name string
		fn   func(string) (string, bool)
		in   string
		want string
		ok   bool
	}{
		{"status", c.status, "Actif", model.StatusActive, true},
		{"status", c.status, "ACTIVE", model.StatusActive, true},
		{"status", c.status, "suspendue", model.StatusSuspended, true},
		{"status", c.status, "Désactivée", model.StatusDisabled, true},
		{"status", c.status, "desactive", model.StatusDisabled, true},
		{"status", c.status, "Inactif", model.StatusDisabled, true},
		{"status", c.status, "Bloqué", "", false},
		{"status", c.status, "D\xe9sactiv\xe9", model.StatusDisabled, true}, // stray Windows-1252
		{"role", c.role, "", "", true},
		{"role", c.role, "administrateur suppléant", model.RoleDeputyAdmin, true},
		{"role", c.role, "Responsable des habilitations", model.RoleHabManager, true},
		{"role", c.role, "ADMINISTRATEUR", model.RoleAdministrator, true},
		{"role", c.role, "Directeur", "", false},
		{"profile", func(s string) (string, bool) { p, ok := c.profile(s); return string(p), ok }, "T13 (TD)", "T13", true},
		{"profile", func(s string) (string, bool) { p, ok := c.profile(s); return string(p), ok }, " td ", "T13", true},
		{"profile", func(s string) (string, bool) { p, ok := c.profile(s); return string(p), ok }, "T3", "", false},
		{"siret", func(s string) (string, bool) { return siret(s), true }, "263 254 106 37533", "26325410637533", true},
		{"siret", func(s string) (string, bool) { return siret(s), true }, "2.6325410637533E+13", "26325410637533", true},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.in, func(t *testing.T) {
			for range 2 { // the second call goes through the cache
				got, ok := tt.fn(tt.in)
				if ok != tt.ok || ok && got != tt.want {
					t.Errorf("%q → %q %v, want %q %v", tt.in, got, ok, tt.want, tt.ok)
				}
			}
		})
	}
}

// TestMixedEncodings: cells are decoded one by one, so a UTF-8 file with a
// Windows-1252 line (early or past the first 64 KB) reads both right.
func TestMixedEncodings(t *testing.T) {
	pad := strings.Repeat(goodRow, sniffSize/len(goodRow)+1)
	late := "u-late;B\xc9RARD;No\xebl;nb@example.fr;CCAS DE BEAUNE;;Service social g\xe9n\xe9ral;Cdap;T1;Utilisateur;D\xe9sactiv\xe9;;\r\n"
	tests := []struct {
		name, data, encoding string
	}{
		{"late", goodHeader + pad + late, "utf-8"},
		{"early", goodHeader + late + pad, "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, rows := MustReadAll(t, "mixed.csv", []byte(tt.data), Options{})
			if sum.Encoding != tt.encoding || sum.Rows != len(rows) || len(sum.RowErrors) > 0 {
				t.Fatalf("encoding %q, %d rows, errors %v", sum.Encoding, sum.Rows, sum.RowErrors)
			}
			for _, h := range rows {
				switch h.Account {
				case "u-late":
					if h.LastName != "BÉRARD" || h.FirstName != "Noël" || h.Unit != "Service social général" ||
						h.Status != model.StatusDisabled {
						t.Errorf("Windows-1252 row read as %+v", h)
					}
				default:
					if h.FirstName != "Léa" || h.Unit != "Service social général" {
						t.Errorf("UTF-8 row read as %+v", h)
					}
				}
			}
		})
	}
}
