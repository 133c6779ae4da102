package dossier

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// TestParseVariants parses the seed dossier changed as other producers,
// layouts and wordings change it: each case names what it varies and checks
// the fields it affects (or the rejection it must cause).

func TestParseVariants(t *testing.T) {
	seed := MustSeed(t)
	quotaTable := "Profils\tNombre d'utilisateurs autorisés\nT1\t25\nT2\t\nT4\t\nT5\t\nT13\t6\n"
	for _, tc := range []struct {
		name   string
		mutate func(tb testing.TB, s string) string
		check  func(tb testing.TB, rec model.Record, err error)
	}{
		{"partner name over two lines", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "le Centre Communal d'Action Sociale de la Ville de Dijon\n11 Rue",
				"le Centre Communal d'Action Sociale de la\nVille de Dijon\n11 Rue", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Partner.Name != "Centre Communal d'Action Sociale de la Ville de Dijon" ||
				rec.Convention.Partner.Address != "11 Rue de l'Hopital - 21000 DIJON" {
				tb.Errorf("partner = %+v", rec.Convention.Partner)
			}
		}},
		{"partner name over two lines, no title-page heading", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Partenaires : Centre Communal d'Action Sociale de la Ville de\nDijon\n", "", -1)
			return mustReplace(tb, s, "le Centre Communal d'Action Sociale de la Ville de Dijon\n11 Rue",
				"le Centre Communal d'Action Sociale de la\nVille de Dijon\n11 Rue", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Partner.Name != "Centre Communal d'Action Sociale de la Ville de Dijon" ||
				rec.Convention.Partner.Address != "11 Rue de l'Hopital - 21000 DIJON" {
				tb.Errorf("partner = %+v", rec.Convention.Partner)
			}
		}},
		{"partner name over three lines on the title page and two in the parties", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Partenaires : Centre Communal d'Action Sociale de la Ville de\nDijon\n",
				"Partenaires : Centre Communal d'Action Sociale de la\nVille de\nDijon\n", -1)
			return mustReplace(tb, s, "le Centre Communal d'Action Sociale de la Ville de Dijon\n11 Rue",
				"le Centre Communal d'Action Sociale de la Ville de\nDijon\n11 Rue", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Partner.Name != "Centre Communal d'Action Sociale de la Ville de Dijon" ||
				rec.Convention.Partner.Address != "11 Rue de l'Hopital - 21000 DIJON" {
				tb.Errorf("partner = %+v", rec.Convention.Partner)
			}
		}},
		{"unit label wrapped in the Annexe 2 table", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Annexe 2.4\tService social gérontologique\n",
				"Annexe 2.4\tService social\n\tgérontologique\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if u := rec.Services[3].Unit; u != "Service social gérontologique" {
				tb.Errorf("unit %q", u)
			}
		}},
		{"cells centred vertically: labels, e-mails and phones straddle their row", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Annexe 2.1\tService social général\n", "Service social\nAnnexe 2.1\ngénéral\n", 1)
			s = mustReplace(tb, s, "Annexe 2.4\tService social gérontologique\n", "Service social\nAnnexe 2.4\ngérontologique\n", 1)
			s = mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr\n",
				"moncomptepartenaire.cafdijon@caf.cnafmail.f\nAdministrateur Thomas GRANGER\nr\n", 1)
			return mustReplace(tb, s, "Administrateur Aline BOUCHARD\tabouchard@ccas-dijon.fr\t03 80 44 10 21\n",
				"abouchard@ccas-\t03 80 44 10\nAdministrateur Aline BOUCHARD\ndijon.fr\t21\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Services[0].Unit != "Service social général" || rec.Services[3].Unit != "Service social gérontologique" ||
				rec.Services[2].Unit != "Service Domiciliation" {
				tb.Errorf("units %q, %q, %q", rec.Services[0].Unit, rec.Services[2].Unit, rec.Services[3].Unit)
			}
			for _, c := range []model.Contact{
				{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"},
				{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"},
			} {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
			if len(rec.Contacts) != 9 {
				tb.Errorf("%d contacts", len(rec.Contacts))
			}
		}},
		{"bulletins out of annex order", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Annexe 2.1 : Service social général")
			j := strings.Index(s, "Annexe 2.2 : Résidence Abrioux")
			if i < 0 || j < i {
				tb.Fatal("seed bulletins not found")
			}
			return s[:i] + s[j:] + "\n" + s[i:j]
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			var annexes []string
			for _, sv := range rec.Services {
				annexes = append(annexes, sv.Annex)
			}
			if strings.Join(annexes, " ") != "2.1 2.2 2.3 2.4" || rec.Services[0].Quotas.T1 != 25 {
				tb.Errorf("annexes %v, first %+v", annexes, rec.Services[0])
			}
		}},
		{"wrapped table-of-contents entries naming the bulletins", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Annexe 3 –Formulaire de changement d’administrateur partenaire\t7\n",
				"Annexe 3 –Formulaire de changement d’administrateur partenaire\t7\n"+
					"Annexe 2.1 : Service social général – Bulletin d'adhésion au service\n« Consultation du dossier allocataire » (Cdap)\t12\n"+
					"Annexe 2.2 : Résidence Abrioux – Bulletin d'adhésion au service\n« Consultation du dossier allocataire » (Cdap)\t14\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if len(rec.Services) != 4 || rec.Services[0].Quotas.T1 != 25 || rec.Services[1].Quotas.T1 != 3 {
				tb.Errorf("services %+v", rec.Services)
			}
		}},
		{"every bulletin opens a page with its wrapped heading", func(tb testing.TB, s string) string {
			s = strings.ReplaceAll(s, "Bulletin d'adhésion au service « Consultation", "Bulletin d'adhésion au service «\nConsultation")
			i := strings.Index(s, "Annexe 2.1 : Service social général")
			front, rest := s[:i], s[i:]
			half := strings.Index(front, "Article 9 – Engagements des parties\n\nArticle 9.1")
			for _, a := range []string{"Annexe 2.2 : ", "Annexe 2.3 : ", "Annexe 2.4 : "} {
				rest = strings.Replace(rest, a, "\f"+a, 1)
			}
			return front[:half] + "\f" + front[half:] + "\f" + rest
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if len(rec.Services) != 4 || rec.Services[3].Service != "Cdap" || rec.Services[3].Quotas.T1 != 15 {
				tb.Errorf("services %+v", rec.Services)
			}
		}},
		{"bulletin heading wrapped over two lines", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Annexe 2.1 : Service social général – Bulletin d'adhésion au service « Consultation",
				"Annexe 2.1 : Service social général – Bulletin d'adhésion au service «\nConsultation", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if s := rec.Services[0]; s.Annex != "2.1" || s.Service != "Cdap" || s.Quotas.T1 != 25 {
				tb.Errorf("service = %+v", s)
			}
		}},
		{"unit name wrapped in the heading, no Annexe 2 list", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Annexe 2.1\tService social général\n", "", 1)
			return mustReplace(tb, s, "Annexe 2.1 : Service social général – Bulletin",
				"Annexe 2.1 : Service social\ngénéral – Bulletin", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Services[0].Unit != "Service social général" {
				tb.Errorf("unit = %q", rec.Services[0].Unit)
			}
		}},
		{"T13 (TD) and TD rows", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "T5\t\nT13\t6\n", "T5\t\nT13 (TD)\t7\n", 1)
			return mustReplace(tb, s, "T5\t\nT13\t3\n", "T5\t\nTD\t4\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Services[0].Quotas.T13 != 7 || rec.Services[1].Quotas.T13 != 4 {
				tb.Errorf("T13 = %d, %d", rec.Services[0].Quotas.T13, rec.Services[1].Quotas.T13)
			}
		}},
		{"quota table split by a page break with header and footer", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "T2\t\nT4\t\nT5\t\nT13\t6\n",
				"T2\t\nPage 9 / 12\f Convention n° 06 / 2017 – Mon Compte Partenaire\nProfils\tNombre d'utilisateurs autorisés\nT4\t\nT5\t\nT13\t6\n", 1)
			return s
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if q := rec.Services[0].Quotas; q != (model.Quotas{T1: 25, T13: 6}) {
				tb.Errorf("quotas = %+v", q)
			}
		}},
		{"running headers and footers kept by the text layer", func(tb testing.TB, s string) string {
			return paginate(s, 37)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if len(rec.Contacts) != 9 || len(rec.Services) != 4 || rec.Convention.Partner.Name != "Centre Communal d'Action Sociale de la Ville de Dijon" {
				tb.Errorf("contacts %d, services %d, partner %q", len(rec.Contacts), len(rec.Services), rec.Convention.Partner.Name)
			}
		}},
		{"contact cells wrapped", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Administrateur Aline BOUCHARD\tabouchard@ccas-dijon.fr\t03 80 44 10 21",
				"Administrateur principal\tabouchard@ccas-dijon.fr\t03.80.44.10.21\nAline BOUCHARD", 1)
			s = mustReplace(tb, s, "CIL ou référent Informatique et Libertés Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24",
				"Délégué à la protection des données\talambert@grand-dijon.fr\t+33 3 80 74 10 24\n(DPO) Alain LAMBERT", 1)
			return mustReplace(tb, s, "Responsable Sécurité Tony SCHNEIDER\ttschneider@ville-dijon.fr\t03 80 74 10 23",
				"Responsable Sécurité Tony\ttschneider@ville-dijon.fr\t03 80 74 10 23\nSCHNEIDER", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := []model.Contact{
				{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"},
				{Side: "partner", Role: "privacy", Name: "Alain LAMBERT", Email: "alambert@grand-dijon.fr", Phone: "+33380741024"},
				{Side: "partner", Role: "security", Name: "Tony SCHNEIDER", Email: "tschneider@ville-dijon.fr", Phone: "+33380741023"},
			}
			if len(rec.Contacts) != 9 {
				tb.Errorf("%d contacts, want 9", len(rec.Contacts))
			}
			for _, c := range want {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
		}},
		{"e-mail wrapped inside its cell and onto the next line", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail. fr", 1)
			return mustReplace(tb, s, "Responsable sécurité Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Responsable sécurité Thomas\tmoncomptepartenaire.cafdijon@caf.\nGRANGER\tcnafmail.fr", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			for _, c := range []model.Contact{
				{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"},
				{Side: "caf", Role: "security", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"},
			} {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
		}},
		{"scan with text recognition: annex numbers without their dot", func(tb testing.TB, s string) string {
			// Tesseract loses the dot of « 2.2 » or reads it as a comma, in
			// the bulletins' headings and Annexe 2's list alike.
			s = mustReplace(tb, s, "Annexe 2.2 : Résidence Abrioux", "Annexe 22 : Résidence Abrioux", 1)
			s = mustReplace(tb, s, "Annexe 2.3 : Service Domiciliation", "Annexe 2,3 : Service Domiciliation", 1)
			return mustReplace(tb, s, "Annexe 2.2\tRésidence Abrioux", "Annexe 22\tRésidence Abrioux", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			var annexes []string
			for _, s := range rec.Services {
				annexes = append(annexes, s.Annex+" "+s.Unit)
			}
			want := []string{"2.1 Service social général", "2.2 Résidence Abrioux", "2.3 Service Domiciliation", "2.4 Service social gérontologique"}
			if !slices.Equal(annexes, want) {
				tb.Errorf("services %q, want %q", annexes, want)
			}
		}},
		{"scan with text recognition: profile codes misread", func(tb testing.TB, s string) string {
			// Tesseract reads « T4 » as « TA » and « T1 » as « Tl » in the
			// quota tables' first column.
			s = mustReplace(tb, s, "\nT4\t", "\nTA\t", -1)
			return mustReplace(tb, s, "\nT1\t", "\nTl\t", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := MustSeedRecord(tb)
			if !reflect.DeepEqual(rec.Services, want.Services) {
				tb.Errorf("services %+v, want %+v", rec.Services, want.Services)
			}
		}},
		{"scan with text recognition: table rules and split e-mails", func(tb testing.TB, s string) string {
			// Tesseract reads a quota table's rule before the number
			// (« T13 |6 », « T13 [3 ») and splits a long address with a space.
			s = mustReplace(tb, s, "\nT13\t6\n", "\nT13 |6\n", 1)
			s = mustReplace(tb, s, "\nT13\t3\n", "\nT13 [3\n", 1)
			return mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdij on@caf.cnafmail.fr", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := MustSeedRecord(tb)
			for _, d := range recordtest.Diff(want, rec) {
				tb.Errorf("differs from the seed's record: %s", d)
			}
		}},
		{"scan with text recognition: glued words", func(tb testing.TB, s string) string {
			// Tesseract glues « Il est » of the line that ends the parties (or,
			// at 150 dpi, reads « Il'est »), and reads a table's rule after a
			// name as « | ».
			s = mustReplace(tb, s, "Administrateur Aline BOUCHARD\tabouchard@ccas-dijon.fr",
				"Administrateur Aline BOUCHARD | abouchard@ccas-dijon.fr", 1)
			s = mustReplace(tb, s, "Il est convenu", "Ilest convenu", 1)
			return mustReplace(tb, s, "Il est convenu", "Il'est convenu", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if a := rec.Convention.Partner.Address; strings.Contains(a, "convenu") {
				tb.Errorf("partner address ran into the next clause: %q", a)
			}
			if !slices.ContainsFunc(rec.Contacts, func(c model.Contact) bool {
				return c.Name == "Aline BOUCHARD" && c.Email == "abouchard@ccas-dijon.fr"
			}) {
				tb.Errorf("« Aline BOUCHARD | abouchard@… » not read as Aline BOUCHARD: %+v", rec.Contacts)
			}
		}},
		{"label words broken by a narrow cell", func(tb testing.TB, s string) string {
			// A column narrower than « Administrateur » breaks it with no
			// hyphen; the text layer joins the cell's lines with a space.
			s = mustReplace(tb, s, "Fonction et dénomination\tAdresse méI", "Fonction et dénominatio n\tAdresse méI", 1)
			return mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Administrateu r Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			c := model.Contact{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"}
			if !slices.Contains(rec.Contacts, c) {
				tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
			}
		}},
		{"e-mail cut inside a word in its cell", func(tb testing.TB, s string) string {
			// A narrow column (a Word layout) breaks the address in the middle
			// of its domain; the text layer joins the two lines of the cell
			// with a space.
			return mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.f r", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			c := model.Contact{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"}
			if !slices.Contains(rec.Contacts, c) {
				tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
			}
		}},
		{"date forms", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Fait à Dijon, le - 3 MAI 2017\n\nPour la Caf de la Côte d'Or\tPour le Centre Communal d'Action Sociale de la Ville de Dijon\nLe Directeur Bernard VASSEUR \tLe Président Gérard MONTEIL \n\nAnnexe 1",
				"Fait à Dijon, le 3 mai 2017\n\nAnnexe 1", 1)
			s = mustReplace(tb, s, "T13\t6\n\nArticle 2 – Pour plus de renseignements\n\nUn dossier de description du service Cdap est mis à disposition sur « Mon Compte Partenaire » après authentification.\n\nFait à Dijon, le - 3 MAI 2017",
				"T13\t6\n\nFait à Dijon, le 1er juin 2021", 1)
			return mustReplace(tb, s, "T13\t3\n\nArticle 2 – Pour plus de renseignements\n\nUn dossier de description du service Cdap est mis à disposition sur « Mon Compte Partenaire » après authentification.\n\nFait à Dijon, le - 3 MAI 2017",
				"T13\t3\n\nFait à Chenôve, le 03/05/2018", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.SignedOn != "2017-05-03" || rec.Convention.SignedAt != "Dijon" {
				tb.Errorf("signed %q at %q", rec.Convention.SignedOn, rec.Convention.SignedAt)
			}
			if rec.Services[0].SignedOn != "2021-06-01" || rec.Services[1].SignedOn != "2018-05-03" {
				tb.Errorf("bulletins signed %q, %q", rec.Services[0].SignedOn, rec.Services[1].SignedOn)
			}
		}},
		{"signature written date first, merged with the signature column", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Article 6 – Engagement des parties")
			if i < 0 {
				tb.Fatal("no article 6")
			}
			return s[:i] + strings.Replace(s[i:], "Fait à Dijon, le - 3 MAI 2017\n", "Fait le 4 mai 2017 à Dijon\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.SignedOn != "2017-05-04" || rec.Convention.SignedAt != "Dijon" {
				tb.Errorf("signed %q at %q", rec.Convention.SignedOn, rec.Convention.SignedAt)
			}
		}},
		{"signature with copies and a merged cell", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Article 6 – Engagement des parties")
			return s[:i] + strings.Replace(s[i:], "Fait à Dijon, le - 3 MAI 2017\n",
				"Fait à Dijon, en deux exemplaires, le 5 mai 2017 Pour le Centre Communal\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.SignedOn != "2017-05-05" || rec.Convention.SignedAt != "Dijon" {
				tb.Errorf("signed %q at %q", rec.Convention.SignedOn, rec.Convention.SignedAt)
			}
		}},
		{"representative title first, Caf SIRET printed", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Représentée par Bernard VASSEUR, Directeur\n",
				"Représentée par son Directeur, Monsieur Bernard VASSEUR\nSIRET : 534 136 985 00018\n", 1)
			return s
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			c := rec.Convention
			if c.Caf.Representative != "Bernard VASSEUR" || c.Caf.Title != "Directeur" || c.Partner.SIRET != "26210106600252" {
				tb.Errorf("caf %+v, partner SIRET %q", c.Caf, c.Partner.SIRET)
			}
		}},
		{"open-ended term", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "pour une durée d'un an, reconductible chaque année par tacite reconduction.",
				"pour une durée indéterminée.", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if c := rec.Convention; c.TermMonths != 0 || c.TacitRenewal {
				tb.Errorf("term %d renewal %v", c.TermMonths, c.TacitRenewal)
			}
		}},
		{"other contact table headings", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "\nLes interlocuteurs à la Caf\n", "\nInterlocuteurs Caf\n", 1)
			return mustReplace(tb, s, "\nLes interlocuteurs chez le partenaire\n", "\nInterlocuteurs du partenaire\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if len(rec.Contacts) != 9 || rec.Contacts[0].Side != "partner" || rec.Contacts[8].Side != "caf" {
				tb.Errorf("contacts %+v", rec.Contacts)
			}
		}},
		{"e-mail wrapped at a hyphen, its end sharing a cell with the phone", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24",
				"Alain LAMBERT\talambert@grand-\ndijon.fr 03 80 74 10 24", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := model.Contact{Side: "partner", Role: "privacy", Name: "Alain LAMBERT", Email: "alambert@grand-dijon.fr", Phone: "+33380741024"}
			if !slices.Contains(rec.Contacts, want) {
				tb.Errorf("contacts %+v", rec.Contacts)
			}
		}},
		{"e-mail broken mid-word into two cells of one line", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Administrateur Thomas GRANGER\tmoncomptepartenaire.cafdijon@caf.cnafmail.fr",
				"Administrateur Thomas\tmoncomptepartenaire.cafdij\ton@caf.cnafmail.fr\nGRANGER\t", 1)
			return mustReplace(tb, s, "Administrateur Aline BOUCHARD\tabouchard@ccas-dijon.fr\t03 80 44 10 21",
				"Administrateur Aline BOUCHARD\tabouchard@ccas-\tdijon.fr\t03 80 44 10 21", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			for _, c := range []model.Contact{
				{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"},
				{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"},
			} {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
		}},
		{"phone and e-mail wrapped in their cells, role over three lines", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "CIL ou référent Informatique et Libertés Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24",
				"CIL ou référent\talambert@grand-\t03 80 74 10\nInformatique et Libertés\tdijon.fr\t24\nAlain LAMBERT\t\t", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := model.Contact{Side: "partner", Role: "privacy", Name: "Alain LAMBERT", Email: "alambert@grand-dijon.fr", Phone: "+33380741024"}
			if !slices.Contains(rec.Contacts, want) {
				tb.Errorf("contacts %+v", rec.Contacts)
			}
		}},
		{"no columns, vertically centred: label cut before « données », phone start merged with the name", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "CIL ou référent Informatique et Libertés Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24\n",
				"Délégué à la protection des\nalambert@grand-dijon.fr 03 80 74 10 24\ndonnées (DPO) Alain LAMBERT\n", 1)
			return mustReplace(tb, s, "Responsable Sécurité Tony SCHNEIDER\ttschneider@ville-dijon.fr\t03 80 74 10 23\n",
				"Responsable Sécurité Tony tschneider@ville-dijon.f 03 80 74 10\nSCHNEIDER\tr\t23\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			for _, c := range []model.Contact{
				{Side: "partner", Role: "privacy", Name: "Alain LAMBERT", Email: "alambert@grand-dijon.fr", Phone: "+33380741024"},
				{Side: "partner", Role: "security", Name: "Tony SCHNEIDER", Email: "tschneider@ville-dijon.fr", Phone: "+33380741023"},
			} {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
		}},
		{"an unrecognised label runs two rows together: rejected, not misread", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "CIL ou référent Informatique et Libertés Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24\n",
				"Correspondante RGPD et données Alain LAMBERT\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldContactName)
		}},
		{"an unknown label line glued to the row above: rejected", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "CIL ou référent Informatique et Libertés Alain LAMBERT\talambert@grand-dijon.fr\t03 80 74 10 24\n",
				"Chargée de mission Alain LAMBERT\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldContactName)
		}},
		{"two phone numbers in a cell", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "abouchard@ccas-dijon.fr\t03 80 44 10 21", "abouchard@ccas-dijon.fr\t03 80 44 10 21 ou 06 12 34 56 78", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := model.Contact{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"}
			if rec.Contacts[0] != want {
				tb.Errorf("contact %+v", rec.Contacts[0])
			}
		}},
		{"other sub-headings in the contact tables", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Autres interlocuteurs\t\t\n", "Autres contacts\t\t\n", 1)
			return mustReplace(tb, s, "Administrateurs\t\t\n", "Administrateur(s)\t\t\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if len(rec.Contacts) != 9 || rec.Contacts[1].Name != "Emmanuelle SAUVAGE" {
				tb.Errorf("contacts %+v", rec.Contacts)
			}
		}},
		{"separate name and function columns", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "Administrateur Aline BOUCHARD\tabouchard@ccas-dijon.fr",
				"Aline BOUCHARD\tAdministrateur\tabouchard@ccas-dijon.fr", 1)
			return mustReplace(tb, s, "Responsable Sécurité Tony SCHNEIDER\t", "Tony\tResponsable Sécurité\t", 1) + ""
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			for _, c := range []model.Contact{
				{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"},
				{Side: "partner", Role: "security", Name: "Tony", Email: "tschneider@ville-dijon.fr", Phone: "+33380741023"},
			} {
				if !slices.Contains(rec.Contacts, c) {
					tb.Errorf("contact %+v missing from %+v", c, rec.Contacts)
				}
			}
		}},
		{"three years, number with N°", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "pour une durée d'un an, reconductible chaque année par tacite reconduction.",
				"pour une durée de trois ans, reconductible par tacite\nreconduction pour une même durée.", 1)
			return mustReplace(tb, s, "Convention n° 06 / 2017", "Convention N° 2019-014", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if c := rec.Convention; c.TermMonths != 36 || !c.TacitRenewal || c.Number != "2019-014" {
				tb.Errorf("term %d renewal %v number %q", c.TermMonths, c.TacitRenewal, c.Number)
			}
		}},
		{"one (1) year, two-digit year", func(tb testing.TB, s string) string {
			s = mustReplace(tb, s, "pour une durée d'un an, reconductible",
				"pour une durée d'un (1) an, reconductible", 1)
			i := strings.Index(s, "Article 6 – Engagement des parties")
			return s[:i] + strings.Replace(s[i:], "Fait à Dijon, le - 3 MAI 2017\n", "Fait à Dijon, le 04/05/17\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if c := rec.Convention; c.TermMonths != 12 || !c.TacitRenewal || c.SignedOn != "2017-05-04" {
				tb.Errorf("term %d renewal %v signed %q", c.TermMonths, c.TacitRenewal, c.SignedOn)
			}
		}},
		{"number with letters", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Convention n° 06 / 2017", "Convention n° CAF21-06 / 2017", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if n := rec.Convention.Number; n != "CAF21-06/2017" {
				tb.Errorf("number %q", n)
			}
		}},
		{"eighteen months without renewal", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "pour une durée d'un an, reconductible chaque année par tacite reconduction.",
				"pour une durée de 18 mois, sans tacite reconduction.", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if c := rec.Convention; c.TermMonths != 18 || c.TacitRenewal {
				tb.Errorf("term %d renewal %v", c.TermMonths, c.TacitRenewal)
			}
		}},
		{"SIRET with spaces", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Numéro de SIRET : 26210106600252", "Numéro de SIRET : 262 101 066 00252", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Partner.SIRET != "26210106600252" {
				tb.Errorf("siret %q", rec.Convention.Partner.SIRET)
			}
		}},
		{"invalid SIRET", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Numéro de SIRET : 26210106600252", "Numéro de SIRET : 26210106600253", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldPartnerSIRET)
		}},
		{"no SIRET printed", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Numéro de SIRET : 26210106600252\n", "", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Partner.SIRET != "" {
				tb.Errorf("siret %q", rec.Convention.Partner.SIRET)
			}
		}},
		{"no convention number", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "Convention n° 06 / 2017", "Convention", -1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldNumber)
		}},
		{"no quota tables", func(tb testing.TB, s string) string {
			s = strings.ReplaceAll(s, quotaTable, "")
			for _, q := range []string{"T1\t3\n", "T1\t\n", "T1\t15\n", "T2\t\n", "T4\t\n", "T5\t\n", "T13\t3\n", "Profils\tNombre d'utilisateurs autorisés\n"} {
				s = strings.ReplaceAll(s, q, "")
			}
			return s
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldBulletins)
		}},
		{"one quota table missing", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, quotaTable, "", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, "tableau des quotas de profils du bulletin d'adhésion (annexe 2.1)")
		}},
		{"unreadable quota", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "T1\t25\n", "T1\tvingt-cinq 2\n", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, "quota du profil T1 du bulletin d'adhésion (annexe 2.1)")
		}},
		{"bulletin of a listed unit missing", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Annexe 2.4 : Service Social")
			if i < 0 {
				tb.Fatal("no bulletin 2.4")
			}
			return s[:i]
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, "bulletin d'adhésion de l'annexe 2.4 (Service social gérontologique)")
		}},
		{"no contract signature", func(tb testing.TB, s string) string {
			return strings.ReplaceAll(s, "Fait à Dijon, le - 3 MAI 2017", "Fait à Dijon, le ____")
		}, func(tb testing.TB, rec model.Record, err error) {
			incomplete(tb, err, fieldSignature)
		}},
		{"not a convention", func(tb testing.TB, s string) string {
			return "FACTURE N° 2026-0412\nSIRET : 512 904 337 00028\nTotal TTC : 955,68 €\n"
		}, func(tb testing.TB, rec model.Record, err error) {
			if !errors.Is(err, model.ErrNotConvention) {
				tb.Errorf("err = %v, want ErrNotConvention", err)
			}
		}},
		{"empty document", func(tb testing.TB, s string) string { return "" },
			func(tb testing.TB, rec model.Record, err error) {
				if !errors.Is(err, model.ErrNotConvention) {
					tb.Errorf("err = %v, want ErrNotConvention", err)
				}
			}},
		{"standalone bulletin", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Annexe 2.2 : Résidence Abrioux")
			j := strings.Index(s, "Annexe 2.3 : Service Domiciliation")
			return "Partenaire : Centre Communal d'Action Sociale de la Ville de\nDijon\nConvention n° 06 / 2017\nNuméro de SIRET : 26210106600252\n\n" +
				strings.Replace(s[i:j], "Fait à Dijon, le - 3 MAI 2017", "Fait à Dijon, le 14 septembre 2020", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			want := model.Record{Kind: "bulletin", Contacts: []model.Contact{},
				Convention: model.Convention{Number: "06/2017", Partner: model.Partner{
					Name: "Centre Communal d'Action Sociale de la Ville de Dijon", SIRET: "26210106600252"}},
				Services: []model.Service{{Annex: "2.2", Unit: "Résidence Abrioux", Service: "Cdap", SignedOn: "2020-09-14",
					Quotas: model.Quotas{T1: 3, T13: 3}}}}
			for _, d := range recordtest.Diff(want, rec) {
				tb.Error(d)
			}
		}},
		{"standalone bulletin recalling the convention's title", func(tb testing.TB, s string) string {
			i := strings.Index(s, "Annexe 2.3 : Service Domiciliation")
			return "Convention d'accès à « Mon Compte Partenaire »\nPartenaire : Centre Communal d'Action Sociale de la Ville de Dijon\nConvention n° 06 / 2017\n\n" + s[i:]
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Kind != model.KindBulletin || len(rec.Services) != 2 || rec.Convention.Partner.SIRET != "" {
				tb.Errorf("kind %q, %d services, SIRET %q", rec.Kind, len(rec.Services), rec.Convention.Partner.SIRET)
			}
		}},
		{"management by the Caf", func(tb testing.TB, s string) string {
			return mustReplace(tb, s, "pour le mode délégué de gestion des habilitations.", "pour le mode de gestion Caf des habilitations.", 1)
		}, func(tb testing.TB, rec model.Record, err error) {
			mustParse(tb, rec, err)
			if rec.Convention.Management != model.ManagementCaf {
				tb.Errorf("management %q", rec.Convention.Management)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(pdftext.FromText(tc.mutate(t, seed)))
			tc.check(t, rec, err)
			if err == nil {
				if verr := model.Validate(rec); verr != nil {
					t.Errorf("record does not validate: %v", verr)
				}
			}
		})
	}
}

// TestParseLayerInvariance: what a text layer may do to the same dossier —
// keep no columns, keep running headers and footers, use CRLF, no-break
// spaces or ligatures, scatter blank lines — must not change the record.
func TestParseLayerInvariance(t *testing.T) {
	seed := MustSeed(t)
	want, err := Parse(pdftext.FromText(seed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		text string
	}{
		{"cells merged into one", strings.ReplaceAll(seed, "\t", " ")},
		{"cells merged with wide gaps", strings.ReplaceAll(seed, "\t", "      ")},
		{"headers and footers on every page", paginate(seed, 29)},
		{"CRLF line ends", strings.ReplaceAll(seed, "\n", "\r\n")},
		{"no-break spaces", strings.ReplaceAll(strings.ReplaceAll(seed, " : ", "\u00a0: "), " / ", "\u202f/\u202f")},
		{"ligatures", strings.ReplaceAll(seed, "fi", "\ufb01")},
		{"blank lines", strings.ReplaceAll(seed, "\n", "\n \n")},
		{"empty trailing cells", strings.ReplaceAll(seed, "\n", "\t\t\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(pdftext.FromText(tc.text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for _, d := range recordtest.Diff(want, got) {
				t.Error(d)
			}
		})
	}
}
