package sample

import (
	"fmt"
	"text/template"

	"habilitations/model"
	"habilitations/report/forms"
)

var bulletinTmpl = template.Must(template.New("bulletin").Parse(bulletinText))

// DossierDocument lays out the whole signed dossier of r: convention,
// contrat de service, Annexes 1 to 3 and one bulletin per unit, with the
// wording of the seed dossier.
func DossierDocument(r model.Record) (forms.Document, error) {
	d := forms.Document{Title: numberLine(r.Convention.Number, true) + " – " + r.Convention.Partner.Name}
	v := newView(r)
	if err := renderMarkup(&d, conventionTmpl, v); err != nil {
		return d, err
	}
	signatures(&d, r, r.Convention.SignedOn)
	annexe1(&d, r)
	annexe2(&d, r)
	annexe3(&d, r)
	for _, s := range r.Services {
		if err := bulletin(&d, r, s); err != nil {
			return d, err
		}
	}
	return d, nil
}

// BulletinDocument lays out a standalone bulletin b (kind bulletin) signed
// later for the convention of dossier, which gives the Caf and signatories.
func BulletinDocument(b, dossier model.Record) (forms.Document, error) {
	d := forms.Document{Title: "Bulletin d'adhésion – " + numberLine(b.Convention.Number, true)}
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Partenaire : " + b.Convention.Partner.Name})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: numberLine(b.Convention.Number, variant(dossier, 2) == 0)})
	if b.Convention.Partner.SIRET != "" {
		d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Numéro de SIRET : " + b.Convention.Partner.SIRET})
	}
	for _, s := range b.Services {
		if err := bulletin(&d, dossier, s); err != nil {
			return d, err
		}
	}
	return d, nil
}

// signatures adds « Fait à X, le D » and the two signature columns.
func signatures(d *forms.Document, r model.Record, signedOn string) {
	c := r.Convention
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: fmt.Sprintf("Fait à %s, le %s", c.SignedAt, frenchDate(signedOn, variant(r, 3)))})
	d.Add(forms.Block{Kind: forms.KindSignatures,
		Left:  []string{"Pour la " + cafShort(c.Caf.Name), titleArticle(c.Caf.Title) + " " + c.Caf.Title + " " + c.Caf.Representative},
		Right: []string{"Pour " + article(c.Partner.Name) + c.Partner.Name, titleArticle(c.Partner.Title) + " " + c.Partner.Title + " " + c.Partner.Representative},
	})
}

var roleLabels = map[string]string{
	model.RoleAdmin:    "Administrateur",
	model.RoleSecurity: "Responsable sécurité",
	model.RolePrivacy:  "CIL ou référent Informatique et Libertés",
}

// annexe1 adds the two contact tables, administrators first then the others.
func annexe1(d *forms.Document, r model.Record) {
	d.Add(forms.Block{Kind: forms.KindPageBreak})
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Annexe 1 – les interlocuteurs des partenaires"})
	for _, side := range []string{model.SideCaf, model.SidePartner} {
		var admins, others [][]string
		for _, c := range r.Contacts {
			if c.Side != side {
				continue
			}
			row := []string{roleLabels[c.Role] + " " + c.Name, c.Email}
			if side == model.SidePartner {
				row = append(row, forms.PrintedPhone(c.Phone))
			}
			if c.Role == model.RoleAdmin {
				admins = append(admins, row)
			} else {
				others = append(others, row)
			}
		}
		b := forms.Block{Kind: forms.KindTable, Header: []string{"Fonction et dénomination", "Adresse mél"}, Widths: []float64{0.5, 0.5}}
		title := "Les interlocuteurs à la Caf"
		if side == model.SidePartner {
			title = "Les interlocuteurs chez le partenaire"
			b.Header = append(b.Header, "Téléphone")
			b.Widths = []float64{0.42, 0.36, 0.22}
		}
		b.Rows = append(b.Rows, []string{"Administrateurs"})
		b.Rows = append(b.Rows, admins...)
		b.Rows = append(b.Rows, []string{"Autres interlocuteurs"})
		b.Rows = append(b.Rows, others...)
		d.Add(forms.Block{Kind: forms.KindSubheading, Text: title})
		d.Add(b)
	}
}

func annexe2(d *forms.Document, r model.Record) {
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Annexe 2 – Liste des services"})
	b := forms.Block{Kind: forms.KindTable, Header: []string{"Numéro", "Libellé"}, Widths: []float64{0.3, 0.7}}
	for _, s := range r.Services {
		b.Rows = append(b.Rows, []string{"Annexe " + s.Annex, s.Unit})
	}
	d.Add(b)
}

// annexe3 adds the blank administrator-change form, as printed in dossiers.
func annexe3(d *forms.Document, r model.Record) {
	d.Add(forms.Block{Kind: forms.KindPageBreak})
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Annexe 3 – Formulaire"})
	forms.AdminChangeBlocks(d, model.AdminChange{
		Partner:    r.Convention.Partner.Name,
		Convention: r.Convention.Number,
		CafLines:   model.CafPostalLines(r.Convention.Caf),
	}, numberLine(r.Convention.Number, true))
}

// bulletin adds the bulletin d'adhésion of service s with its quota table.
func bulletin(d *forms.Document, r model.Record, s model.Service) error {
	d.Add(forms.Block{Kind: forms.KindPageBreak})
	d.Add(forms.Block{Kind: forms.KindHeading, Text: fmt.Sprintf("Annexe %s : %s – Bulletin d'adhésion au service « Consultation du dossier allocataire par les partenaires » (%s).", s.Annex, s.Unit, s.Service)})
	if err := renderMarkup(d, bulletinTmpl, nil); err != nil {
		return err
	}
	q := forms.Block{Kind: forms.KindTable, Header: []string{"Profils", "Nombre d'utilisateurs autorisés"}, Widths: []float64{0.4, 0.6}, Keep: true}
	td := variant(r, 2) == 0
	for _, p := range model.Profiles {
		label := string(p)
		if p == model.T13 && td {
			label = "T13 (TD)"
		}
		n := ""
		if v := s.Quotas.Get(p); v > 0 {
			n = fmt.Sprint(v)
		}
		q.Rows = append(q.Rows, []string{label, n})
	}
	d.Add(q)
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Article 2 – Pour plus de renseignements"})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Un dossier de description du service " + s.Service + " est mis à disposition sur « Mon Compte Partenaire » après authentification."})
	signatures(d, r, s.SignedOn)
	return nil
}
