package letters

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

// keep writes the letters rendered by the tests to this folder, to look at
// them (go test ./report/letters -keep /tmp/letters).
var keep = flag.String("keep", "", "folder where the tests write the letters they render")

func dijon(t *testing.T) model.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "extract", "dossier", "testdata", "convention-06-2017-ccas-dijon.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r model.Record
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func date(t *testing.T, s string) model.Date {
	t.Helper()
	d, err := model.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

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

func TestWriteNotice(t *testing.T) {
	rec := dijon(t)
	breach := model.OpenFinding{Finding: &model.Finding{Code: model.CodeQuotaExceeded, Convention: "06/2017", Unit: "Service social général",
		Service: "Cdap", Profile: model.T1, Quota: 25, Count: 27}, FirstSeen: date(t, "2026-03-01")}
	notAuth := model.OpenFinding{Finding: &model.Finding{Code: model.CodeProfileNotAuthorized, Convention: "06/2017", Unit: "Service social général",
		Service: "Cdap", Profile: model.T5, Quota: 0, Count: 2}, FirstSeen: date(t, "2026-03-15")}
	base := Notice{Convention: rec.Convention, Date: date(t, "2026-06-02"), Place: "Dijon", Due: date(t, "2026-05-03"),
		Signatory: "Bernard VASSEUR", SignatoryTitle: "Directeur", Contact: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"}
	common := []string{"Caisse d'Allocations familiales de la Côte d'Or", "8 Bd Clemenceau – 21000 DIJON",
		"moncomptepartenaire.cafdijon@caf.cnafmail.fr", "Centre Communal d'Action Sociale de la Ville de Dijon",
		"À l'attention de Gérard MONTEIL, Président", "11 Rue de l'Hopital - 21000 DIJON", "Dijon, le 2 juin 2026",
		"Lettre recommandée avec demande d'avis de réception", "n° 06/2017", "signée le 3 mai 2017", "article 17.2",
		"un mois après la réception", "résiliée de plein droit", "au plus tôt le 2 juillet 2026", "Pour la Caisse d'Allocations familiales de la Côte d'Or",
		"Directeur Bernard VASSEUR", "Madame, Monsieur,"}
	cases := []struct {
		name      string
		edit      func(n *Notice)
		want, not []string
	}{
		{"missing review", func(n *Notice) {
			n.ReviewMissing, n.DaysLate, n.Reminders = true, 30, []model.Date{date(t, "2026-04-18"), date(t, "2026-05-03")}
		}, []string{"Revue annuelle des habilitations non transmise", "attendue pour le 3 mai 2026", "rappels du 18 avril 2026 et du 3 mai 2026",
			"30 jours de retard", "article 2.2.2", "nous transmettant la revue annuelle"}, []string{"Habilitations au-delà", "ramenant le nombre"}},
		{"breaches only", func(n *Notice) { n.Breaches = []model.OpenFinding{breach, notAuth} },
			[]string{"Habilitations au-delà du nombre autorisé", "Service social général Cdap T1 25 27 01/03/2026", "Service social général Cdap T5 0 2 15/03/2026",
				"article 2.2.1", "ramenant le nombre"}, []string{"non transmise", "nous transmettant"}},
		{"both", func(n *Notice) {
			n.ReviewMissing, n.DaysLate, n.Breaches = true, 45, []model.OpenFinding{breach}
		}, []string{"non transmise", "45 jours de retard", "Service social général Cdap T1 25 27 01/03/2026"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := base
			c.edit(&n)
			var buf bytes.Buffer
			if err := WriteNotice(&buf, n); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, "mise-en-demeure-"+strings.ReplaceAll(c.name, " ", "-")+".pdf", buf.Bytes())
			for _, w := range append(append([]string{}, common...), c.want...) {
				if !strings.Contains(text, w) {
					t.Errorf("letter lacks %q:\n%s", w, text)
				}
			}
			for _, w := range c.not {
				if strings.Contains(text, w) {
					t.Errorf("letter holds %q", w)
				}
			}
			var again bytes.Buffer
			if err := WriteNotice(&again, n); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("the same notice gives different bytes (%v)", err)
			}
		})
	}
}

func TestWriteNoticeRefusesNothing(t *testing.T) {
	if err := WriteNotice(&bytes.Buffer{}, Notice{Convention: model.Convention{Number: "06/2017"}}); err == nil {
		t.Error("a notice with nothing to notify was written")
	}
	if err := WriteNotice(&bytes.Buffer{}, Notice{ReviewMissing: true}); err == nil {
		t.Error("a notice without a convention number was written")
	}
}
