package forms

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/model"
)

var keep = flag.String("keep", "", "write the generated PDFs into this directory (to look at them)")

// beaune is the record of a corpus dossier (fictional people).
func beaune(tb testing.TB) model.Record {
	tb.Helper()
	b, err := os.ReadFile("../../testdata/corpus/cases/01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf.truth.json")
	if err != nil {
		tb.Fatal(err)
	}
	var r model.Record
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

// pdfText returns pdftotext's reading of pdf with white space collapsed, or
// skips when poppler-utils is absent.
func pdfText(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	if *keep != "" {
		if err := os.WriteFile(filepath.Join(*keep, name), pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestWriteAdminChange(t *testing.T) {
	rec := beaune(t)
	rows := []model.Habilitation{{Account: "u-20001", LastName: "Lefèvre", FirstName: "Hélène", Email: "hlefevre@ccas-beaune.fr",
		Role: model.RoleDeputyAdmin, Status: model.StatusActive, Profile: model.T1}}
	missing, err := model.AdminChangeFor(rec, model.Finding{Code: model.CodeMissingAdmin, Convention: "04/2018", Name: "Céline BERTIN"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	undeclared, err := model.AdminChangeFor(rec, model.Finding{Code: model.CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-20001"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	onDemand := model.AdminChange{Partner: rec.Convention.Partner.Name, Convention: "04/2018",
		CafLines: model.CafPostalLines(rec.Convention.Caf), Name: "Agnès GUÉRIN", Function: "Responsable du pôle accueil",
		Phone: "+33380221133", Mobile: "+33612345678", Email: "aguerin@ccas-beaune.fr", Replaces: model.AnswerYes,
		ReplacesName: "Coralie ÉTIENNE", ReplacesEmail: "cetienne@ccas-beaune.fr"}
	common := []string{"Partenaire : Centre Communal d'Action Sociale de la Ville de Beaune", "Convention n° 04/2018",
		"Caisse d'Allocations familiales de la Côte d'Or", "8 Bd Clemenceau 21000 DIJON",
		"A l'attention de l'administrateur « Mon Compte Partenaire »", "Objet : modification d'un administrateur",
		"Pour le Partenaire", "L'administrateur", "Fonction du signataire :", "Prénom NOM et signature :"}
	tests := []struct {
		name string
		form model.AdminChange
		want []string
		not  []string
	}{
		{"missing", missing, []string{"☒ oui ☐ non", "Céline BERTIN", "cbertin@ccas-beaune.fr", "n'a plus de compte administrateur actif"}, nil},
		{"undeclared", undeclared, []string{"☐ oui ☐ non", "Hélène LEFÈVRE", "hlefevre@ccas-beaune.fr", "ne figure pas en Annexe 1"}, []string{"☒"}},
		{"on-demand", onDemand, []string{"☒ oui ☐ non", "Agnès GUÉRIN", "Responsable du pôle accueil", "03 80 22 11 33",
			"06 12 34 56 78", "aguerin@ccas-beaune.fr", "Coralie ÉTIENNE", "cetienne@ccas-beaune.fr"}, []string{"Formulaire pré-rempli"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			// The form typed and printed: the values in the page (the
			// fillable form: fillable_test.go).
			if err := WriteAdminChangeTyped(&buf, tt.form); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, "annexe3-"+tt.name+".pdf", buf.Bytes())
			for _, w := range append(common, tt.want...) {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("text has %q", w)
				}
			}
		})
	}
	// The typed form is deterministic; the fillable one is not (pdfcpu
	// dates it and gives it a random file ID).
	var a, b bytes.Buffer
	if err := WriteAdminChangeTyped(&a, missing); err != nil {
		t.Fatal(err)
	}
	if err := WriteAdminChangeTyped(&b, missing); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same form gave different bytes")
	}
	if err := WriteAdminChange(&bytes.Buffer{}, model.AdminChange{}); err == nil {
		t.Error("a form without convention was written")
	}
}

func TestWriteAttestation(t *testing.T) {
	rec := beaune(t)
	ds := []model.ReviewDecision{
		{Convention: "04/2018", Account: "u-10980", LastName: "ANDRÉ", FirstName: "Delphine", Unit: "Service social général",
			Service: "Cdap", Profile: model.T1, Decision: model.DecisionKeep},
		{Convention: "04/2018", Account: "u-10953", LastName: "Aubert", FirstName: "Lionel", Unit: "Résidence Les Tilleuls",
			Service: "Cdap", Profile: model.T1, Decision: model.DecisionRemove, Justification: "Agent parti à la retraite en août"},
		{Convention: "04/2018", Account: "u-10918", LastName: "BARBIER", FirstName: "Inès", Unit: "Service Domiciliation",
			Service: "Cdap", Profile: model.T1, Decision: model.DecisionChangeProfile, NewProfile: model.T13, Comment: "Accueil administratif"},
		{Convention: "04/2018", Account: "u-10497", LastName: "BARON", FirstName: "Sandrine", Decision: model.DecisionUnsure},
	}
	a := model.NewAttestation(rec.Convention, "Céline BERTIN", model.NewDate(2026, 12, 3), model.NewDate(2026, 11, 20), ds)
	a.File, a.FileSHA256, a.ProducedOn = "revue-04-2018.xlsx", strings.Repeat("ab", 32), model.NewDate(2026, 12, 4)
	var buf bytes.Buffer
	if err := WriteAttestation(&buf, a); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, "attestation.pdf", buf.Bytes())
	for _, w := range []string{"Attestation de revue des habilitations", "Convention n° 04/2018",
		"Centre Communal d'Action Sociale de la Ville de Beaune (SIRET 26325410637533)",
		"Caisse d'Allocations familiales de la Côte d'Or", "Céline BERTIN", "03/12/2026", "20/11/2026", "revue-04-2018.xlsx",
		"Maintenir 1", "Supprimer 1", "Modifier le profil 1", "Ne sait pas 1", "Total des habilitations revues 4",
		"Habilitations à supprimer (1)", "u-10953", "Lionel AUBERT", "Résidence Les Tilleuls", "Agent parti à la retraite en août",
		"Profils à modifier (1)", "Inès BARBIER", "T13", "Accueil administratif", "Pour le Partenaire", "Pour la Caf",
		"Attestation établie le 04/12/2026"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	if strings.Contains(text, "Delphine") {
		t.Error("a kept habilitation is listed")
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Céline BERTIN « Mon Compte »", "Céline BERTIN « Mon Compte »"},
		{"a\tb\nc", "a b c"},
		{"emoji 😀", "emoji \uFFFD"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{strings.Repeat("é", maxText+10), strings.Repeat("é", maxText) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 12)], func(t *testing.T) {
			if got := printable(tt.in); got != tt.want {
				t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
