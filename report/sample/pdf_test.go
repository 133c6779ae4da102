package sample

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/model"
)

// pdfText returns the text pdftotext reads from pdf, white space collapsed,
// or skips the test when poppler-utils is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	p := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestWriteDossierPDF(t *testing.T) {
	for _, p := range Generate(11, 6, Options{}) {
		t.Run(p.Stem, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteDossierPDF(&buf, p.Record); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			text := pdfText(t, buf.Bytes())
			c := p.Record.Convention
			want := []string{c.Partner.Name, c.Caf.Name, c.Caf.Representative, c.Partner.Representative,
				"Fait à " + c.SignedAt, "Nombre d'utilisateurs autorisés", "Objet : modification d'un administrateur"}
			if c.Partner.SIRET != "" {
				want = append(want, "Numéro de SIRET : "+c.Partner.SIRET)
			}
			for _, ct := range p.Record.Contacts {
				want = append(want, ct.Name, ct.Email)
			}
			for _, s := range p.Record.Services {
				want = append(want, "Annexe "+s.Annex+" : "+s.Unit+" – Bulletin d'adhésion")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
}

func TestWriteBulletinPDF(t *testing.T) {
	for _, p := range Generate(5, 40, Options{BulletinRate: 1}) {
		b := p.Bulletins[0]
		var buf bytes.Buffer
		if err := WriteBulletinPDF(&buf, b, p.Record); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		s := b.Services[0]
		for _, w := range []string{"Partenaire : " + b.Convention.Partner.Name, s.Unit,
			fmt.Sprintf("T1 %s", blankZero(s.Quotas.T1))} {
			if !strings.Contains(text, strings.TrimSpace(w)) {
				t.Errorf("%s: bulletin text lacks %q", p.Stem, w)
			}
		}
		return
	}
}

func blankZero(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func TestFrenchForms(t *testing.T) {
	tests := []struct{ got, want string }{
		{frenchDate("2017-05-03", 0), "- 3 MAI 2017"},
		{frenchDate("2021-06-01", 1), "1er juin 2021"},
		{frenchDate("2024-05-03", 2), "03/05/2024"},
		{numberLine("06/2017", true), "Convention n° 06 / 2017"},
		{numberLine("2019-014", true), "Convention N° 2019-014"},
		{article("Union Départementale des Associations Familiales"), "l'"},
		{article("Commune de Sète"), "la "},
		{article("Centre Hospitalier de Roubaix"), "le "},
		{titleArticle("Vice-Présidente"), "La"},
		{titleArticle("Directeur général"), "Le"},
		{cafShort("Caisse d'Allocations familiales de l'Hérault"), "Caf de l'Hérault"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if _, err := model.ParseFrenchDate(frenchDate("2017-05-03", 0)); err != nil {
		t.Error(err)
	}
}
