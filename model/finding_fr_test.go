package model_test

import (
	"strings"
	"testing"

	"habilitations/model"
)

func TestFindingFrench(t *testing.T) {
	const nb = "\u00a0"
	tests := []struct {
		f         model.Finding
		title     string
		descHas   []string
		actionHas []string
	}{
		{model.Finding{Code: model.CodeQuotaExceeded, Convention: "04/2018", Unit: "Service social général", Service: "Cdap", Profile: model.T1, Quota: 25, Count: 28},
			"Quota dépassé",
			[]string{"Profil T1 de la structure «" + nb + "Service social général" + nb + "»", ":" + " 28 habilitations pour 25 autorisées (3 en trop)."},
			[]string{"désactiver 3 habilitations T1", "bulletin d'adhésion"}},
		{model.Finding{Code: model.CodeQuotaExceeded, Convention: "04/2018", Unit: "U", Service: "Cdap", Profile: model.T13, Quota: 1, Count: 2},
			"Quota dépassé", []string{"2 habilitations pour 1 autorisée (1 en trop)."}, []string{"désactiver 1 habilitation T13 "}},
		{model.Finding{Code: model.CodeProfileNotAuthorized, Convention: "04/2018", Unit: "U", Service: "Cdap", Profile: model.T2, Count: 1},
			"Profil non autorisé", []string{"1 habilitation alors que", "n'autorise aucun utilisateur"}, []string{"autorise ce profil"}},
		{model.Finding{Code: model.CodeUnknownPartner, Account: "u-1", Organisme: "CCAS de Chenôve"},
			"Partenaire inconnu", []string{"u-1", "CCAS de Chenôve", "aucune convention"}, []string{"convention"}},
		{model.Finding{Code: model.CodeUnknownUnit, Convention: "04/2018", Unit: "Service Logement", Account: "u-2"},
			"Structure inconnue", []string{"Service Logement", "annexe 2 de la convention n°" + nb + "04/2018"}, []string{"annexe 2"}},
		{model.Finding{Code: model.CodeUnknownUnit, Convention: "04/2018", Account: "u-3"},
			"Structure inconnue", []string{"n'indique aucune structure"}, []string{"structure"}},
		{model.Finding{Code: model.CodeDormantAccount, Convention: "04/2018", Account: "u-4"},
			"Compte inactif", []string{"plus de 180 jours"}, []string{"désactiver ce compte"}},
		{model.Finding{Code: model.CodeSharedMailbox, Convention: "04/2018", Account: "u-5"},
			"Adresse mél non nominative", []string{"u-5", "partagée"}, []string{"nominative"}},
		{model.Finding{Code: model.CodeDuplicateAccount, Convention: "04/2018", Accounts: []string{"u-6", "u-7", "u-8"}},
			"Comptes en double", []string{"u-6, u-7 et u-8", "même personne"}, []string{"qu'un compte"}},
		{model.Finding{Code: model.CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-9"},
			"Administrateur non déclaré", []string{"u-9", "annexe 1"}, []string{"formulaire de changement d'administrateur (annexe 3)"}},
		{model.Finding{Code: model.CodeMissingAdmin, Convention: "04/2018", Name: "Céline BERTIN"},
			"Administrateur déclaré sans compte actif", []string{"Céline BERTIN", "annexe 1"}, []string{"formulaire de changement d'administrateur (annexe 3)"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.f.Code), func(t *testing.T) {
			if got := tc.f.Title(); got != tc.title {
				t.Errorf("Title = %q, want %q", got, tc.title)
			}
			d, a := tc.f.Description(), tc.f.Action()
			for _, s := range tc.descHas {
				if !strings.Contains(d, s) {
					t.Errorf("Description %q lacks %q", d, s)
				}
			}
			for _, s := range tc.actionHas {
				if !strings.Contains(a, s) {
					t.Errorf("Action %q lacks %q", a, s)
				}
			}
			for _, s := range []string{d, a} {
				if !strings.HasSuffix(s, ".") || strings.Count(s, ". ") > 0 || strings.Contains(s, " :") || strings.Contains(s, "« ") {
					t.Errorf("not one well-typeset sentence: %q", s)
				}
			}
		})
	}
	for _, c := range model.Codes {
		f := model.Finding{Code: c}
		if strings.HasPrefix(f.Title(), "Constat") {
			t.Errorf("no title for %s", c)
		}
	}
	if got := (model.Finding{Code: model.CodeDormantAccount, Account: "x"}).DescriptionWith(model.ReconcileSettings{DormantDays: 90}); !strings.Contains(got, "90 jours") {
		t.Errorf("DescriptionWith ignores the threshold: %q", got)
	}
}

func TestDiffFindings(t *testing.T) {
	q := model.Finding{Code: model.CodeQuotaExceeded, Convention: "1", Unit: "U", Service: "Cdap", Profile: model.T1, Quota: 1, Count: 3}
	q2 := q
	q2.Count = 5 // same finding, other count: neither new nor resolved
	d := model.Finding{Code: model.CodeDormantAccount, Convention: "1", Account: "a"}
	m := model.Finding{Code: model.CodeMissingAdmin, Convention: "1", Name: "X"}
	added, resolved := model.DiffFindings([]model.Finding{q, d}, []model.Finding{q2, m})
	if len(added) != 1 || added[0].Code != m.Code || len(resolved) != 1 || resolved[0].Code != d.Code {
		t.Fatalf("added %v, resolved %v", added, resolved)
	}
}
