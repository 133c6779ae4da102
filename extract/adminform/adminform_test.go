package adminform

import (
	"errors"
	"strings"
	"testing"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// typed is the text of an Annexe 3 form typed in and printed (fictional
// people), as the text layer gives it.
const typed = `Annexe 3 – Formulaire de changement d'administrateur partenaire
Partenaire : Centre Communal d'Action Sociale de la Ville de Dijon
Convention n° 06/2017
Objet : modification d'un administrateur
Prénom et NOM de l'administrateur à habiliter : Julie MARCHAND
Fonction : Responsable du pôle accueil
Cet administrateur remplace-t-il un administrateur existant : ☒ oui ☐ non
Si oui,
- précisez les prénoms et noms de l'administrateur à remplacer : Aline BOUCHARD
- précisez l'adresse mél de l'administrateur à remplacer : abouchard@ccas-dijon.fr
Coordonnées :
- Numéro de téléphone (renseigner au moins un numéro) :
o Téléphone fixe : 03 80 44 10 99
o Téléphone mobile : ........................
- Adresse mél personnelle et individuelle : jmarchand@ccas-dijon.fr
Fait le : 30/11/2026
Pour le Partenaire	L'administrateur
Fonction du signataire :	Fonction du signataire :
Président	Responsable du pôle accueil
Prénom NOM et signature :	Prénom NOM et signature :
Gérard MONTEIL	Julie MARCHAND
Référence du formulaire : A3-06-2017-0a1b2c3d
`

func TestParseText(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		check   func(*testing.T, model.Record)
		missing []string // fields named by the incomplete error
	}{
		{name: "typed", edit: func(s string) string { return s }, check: func(t *testing.T, r model.Record) {
			a := r.Admin
			if r.Kind != model.KindAdminChange || r.Convention.Number != "06/2017" || a.NewAdmin.Name != "Julie MARCHAND" ||
				a.NewAdmin.Function != "Responsable du pôle accueil" || a.NewAdmin.Phone != "+33380441099" || a.NewAdmin.Mobile != "" ||
				a.NewAdmin.Email != "jmarchand@ccas-dijon.fr" || a.Replaces == nil || a.Replaces.Name != "Aline BOUCHARD" ||
				a.Replaces.Email != "abouchard@ccas-dijon.fr" || a.SignedOn != "2026-11-30" || a.FormRef != "A3-06-2017-0a1b2c3d" ||
				a.PartnerSignatory.Name != "Gérard MONTEIL" || a.AdminSignatory.Function != "Responsable du pôle accueil" {
				t.Errorf("record = %+v %+v", r, a)
			}
			if r.Source.Pages != 1 || len(r.ToVerify) != 0 {
				t.Errorf("source %+v to_verify %v", r.Source, r.ToVerify)
			}
		}},
		{name: "non ticked: added", edit: func(s string) string {
			return strings.Replace(s, "☒ oui ☐ non", "☐ oui ☒ non", 1)
		}, check: func(t *testing.T, r model.Record) {
			if r.Admin.Replaces != nil {
				t.Errorf("replaces = %+v", r.Admin.Replaces)
			}
		}},
		{name: "no box, replaced named", edit: func(s string) string {
			return strings.Replace(s, "☒ oui ☐ non", "☐ oui ☐ non", 1)
		}, check: func(t *testing.T, r model.Record) {
			if r.Admin.Replaces == nil {
				t.Error("replaces nil")
			}
		}},
		{name: "value on the next line", edit: func(s string) string {
			return strings.Replace(s, "individuelle : jmarchand@ccas-dijon.fr", "individuelle :\njmarchand@ccas-dijon.fr", 1)
		}, check: func(t *testing.T, r model.Record) {
			if r.Admin.NewAdmin.Email != "jmarchand@ccas-dijon.fr" {
				t.Errorf("email = %q", r.Admin.NewAdmin.Email)
			}
		}},
		{name: "no phone", edit: func(s string) string {
			return strings.Replace(s, "fixe : 03 80 44 10 99", "fixe :", 1)
		}, missing: []string{labelPhone}},
		{name: "no e-mail, no name", edit: func(s string) string {
			s = strings.Replace(s, "individuelle : jmarchand@ccas-dijon.fr", "individuelle : ____", 1)
			return strings.Replace(s, "habiliter : Julie MARCHAND", "habiliter :", 1)
		}, missing: []string{labelName, labelEmail}},
		{name: "bad phone and date", edit: func(s string) string {
			s = strings.Replace(s, "03 80 44 10 99", "03 80", 1)
			return strings.Replace(s, "30/11/2026", "31/02/2026", 1)
		}, missing: []string{"téléphone fixe de l'administrateur à habiliter (numéro invalide)", "date du formulaire (JJ/MM/AAAA)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(pdftext.FromText(tc.edit(typed)))
			if tc.missing != nil {
				var inc *model.IncompleteError
				if !errors.As(err, &inc) || !inc.Form {
					t.Fatalf("err = %v, want an incomplete form", err)
				}
				for _, m := range tc.missing {
					if !strings.Contains(strings.Join(inc.Fields, "|"), m) {
						t.Errorf("fields %q lack %q", inc.Fields, m)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, rec)
		})
	}
	t.Run("not a form", func(t *testing.T) {
		_, err := Parse(pdftext.FromText("Facture n° 12\nMontant : 30 €\n"))
		if !errors.Is(err, model.ErrNotConvention) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestFromFields(t *testing.T) {
	base := map[string]string{
		model.FieldConventionNumber: "06/2017", model.FieldFormRef: "A3-06-2017-0a1b2c3d",
		model.FieldNewAdminName: "Julie MARCHAND", model.FieldNewAdminEmail: " jmarchand@ccas-dijon.fr ",
		model.FieldNewAdminMobile: "06 12 34 56 78", model.FieldReplacedName: "Aline BOUCHARD",
		model.FieldReplacesYes: "Yes", model.FieldReplacesNo: "", model.FieldSignedOn: "30/11/2026", "unrelated": "x",
	}
	tests := []struct {
		name     string
		edit     map[string]string
		replaces bool
		wantErr  bool
	}{
		{"replacement", nil, true, false},
		{"non ticked", map[string]string{model.FieldReplacesYes: "Off", model.FieldReplacesNo: "/Yes"}, false, false},
		{"no phone", map[string]string{model.FieldNewAdminMobile: ""}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range base {
				m[k] = v
			}
			for k, v := range tc.edit {
				m[k] = v
			}
			v, ok, err := FromFields(m)
			if !ok || err != nil {
				t.Fatalf("ok %v err %v", ok, err)
			}
			rec, err := v.Record()
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (rec.Admin.Replaces != nil) != tc.replaces {
				t.Errorf("replaces = %+v", rec.Admin.Replaces)
			}
			if err == nil && (rec.Admin.NewAdmin.Mobile != "+33612345678" || rec.Admin.NewAdmin.Email != "jmarchand@ccas-dijon.fr") {
				t.Errorf("new admin = %+v", rec.Admin.NewAdmin)
			}
		})
	}
	if _, ok, _ := FromFields(map[string]string{"name": "x"}); ok {
		t.Error("a form without the Annexe 3 fields is taken")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(typed)
	f.Add("Objet : modification d'un administrateur\nPrénom et NOM de l'administrateur à habiliter :\n:\nConvention n°")
	f.Fuzz(func(t *testing.T, s string) {
		rec, err := Parse(pdftext.FromText(s))
		if err == nil {
			if verr := model.Validate(rec); verr != nil {
				t.Fatalf("record returned without error fails validation: %v", verr)
			}
		}
	})
}

func FuzzReadFields(f *testing.F) {
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/Catalog/AcroForm<</Fields[]>>>>endobj\ntrailer<</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _ = ReadFields(b)
	})
}
