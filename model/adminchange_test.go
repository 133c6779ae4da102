package model

import (
	"reflect"
	"testing"
)

func TestCafPostalLines(t *testing.T) {
	tests := []struct {
		caf  Party
		want []string
	}{
		{Party{Name: "Caisse d'Allocations familiales de la Côte d'Or", Address: "8 Bd Clemenceau – 21000 DIJON"},
			[]string{"Caisse d'Allocations familiales", "de la Côte d'Or", "8 Bd Clemenceau", "21000 DIJON"}},
		{Party{Name: "Caf du Nord", Address: "82 rue Brûle Maison - 59000 LILLE"},
			[]string{"Caf du Nord", "82 rue Brûle Maison", "59000 LILLE"}},
		{Party{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.caf.Name, func(t *testing.T) {
			if got := CafPostalLines(tt.caf); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAdminChangeFor(t *testing.T) {
	rec := Record{Kind: KindDossier,
		Convention: Convention{Number: "04/2018",
			Caf:     Party{Name: "Caisse d'Allocations familiales de la Côte d'Or", Address: "8 Bd Clemenceau – 21000 DIJON"},
			Partner: Partner{Name: "Centre Communal d'Action Sociale de la Ville de Beaune"}},
		Contacts: []Contact{
			{Side: SidePartner, Role: RoleAdmin, Name: "Céline BERTIN", Email: "cbertin@ccas-beaune.fr"},
			{Side: SidePartner, Role: RoleSecurity, Name: "Fabrice LAPORTE", Email: "flaporte@beaune.fr"},
		}}
	rows := []Habilitation{
		{Account: "u-1", LastName: "Lefèvre", FirstName: "Hélène", Email: "hlefevre@ccas-beaune.fr", Role: RoleUser, Profile: T1},
		{Account: "u-1", LastName: "Lefèvre", FirstName: "Hélène", Email: "h.lefevre@ccas-beaune.fr", Role: RoleDeputyAdmin, Profile: T13},
	}
	base := AdminChange{Partner: rec.Convention.Partner.Name, Convention: "04/2018",
		CafLines: []string{"Caisse d'Allocations familiales", "de la Côte d'Or", "8 Bd Clemenceau", "21000 DIJON"}}
	missing := base
	missing.Code, missing.Subject, missing.Replaces = CodeMissingAdmin, "celine bertin", AnswerYes
	missing.ReplacesName, missing.ReplacesEmail = "Céline BERTIN", "cbertin@ccas-beaune.fr"
	unknown := base
	unknown.Code, unknown.Subject, unknown.Replaces, unknown.ReplacesName = CodeMissingAdmin, "Paul X", AnswerYes, "Paul X"
	undeclared := base
	undeclared.Code, undeclared.Subject, undeclared.Name, undeclared.Email = CodeUndeclaredAdmin, "u-1", "Hélène LEFÈVRE", "h.lefevre@ccas-beaune.fr"
	tests := []struct {
		name    string
		f       Finding
		want    AdminChange
		wantErr bool
	}{
		{"missing admin of Annexe 1", Finding{Code: CodeMissingAdmin, Convention: "04/2018", Name: "celine bertin"}, missing, false},
		{"missing admin not in Annexe 1", Finding{Code: CodeMissingAdmin, Convention: "04/2018", Name: "Paul X"}, unknown, false},
		{"undeclared admin: the admin row's e-mail", Finding{Code: CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-1"}, undeclared, false},
		{"undeclared admin without row", Finding{Code: CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-9"}, AdminChange{}, true},
		{"other code", Finding{Code: CodeDormantAccount, Convention: "04/2018", Account: "u-1"}, AdminChange{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AdminChangeFor(rec, tt.f, rows)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
