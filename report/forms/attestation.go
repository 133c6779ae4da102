package forms

import (
	"fmt"
	"io"
	"strings"

	"habilitations/model"
)

// WriteAttestation writes the « attestation de revue des habilitations » of
// a: the convention, the reviewer and date, the count of each decision, the
// habilitations to remove and the profiles to change, and a signature block.
func WriteAttestation(w io.Writer, a model.Attestation) error {
	if strings.TrimSpace(a.Convention) == "" {
		return fmt.Errorf("attestation: no convention number")
	}
	return WritePDF(w, AttestationDocument(a))
}

// AttestationDocument lays out the attestation of a.
func AttestationDocument(a model.Attestation) Document {
	d := Document{Title: "Attestation de revue des habilitations – Convention n° " + a.Convention}
	d.Add(Block{Kind: KindTitle, Text: "Attestation de revue des habilitations"})
	d.Add(Block{Kind: KindCentered, Text: "« Mon Compte Partenaire » – Convention n° " + a.Convention})
	partner := a.Partner
	if a.PartnerSIRET != "" {
		partner += " (SIRET " + a.PartnerSIRET + ")"
	}
	facts := [][]string{
		{"Partenaire", partner},
		{"Caf", a.Caf},
		{"Revue réalisée par", a.Reviewer},
		{"Date de la revue", dateOrBlank(a.ReviewedOn)},
		{"Situation des habilitations au", dateOrBlank(a.AsOf)},
	}
	if a.File != "" {
		facts = append(facts, []string{"Classeur de revue", a.File})
	}
	if a.FileSHA256 != "" {
		facts = append(facts, []string{"Empreinte SHA-256 du classeur", groups(a.FileSHA256, 8)})
	}
	d.Add(Block{Kind: KindTable, Widths: []float64{0.32, 0.68}, Rows: facts, Keep: true})
	d.Add(Block{Kind: KindParagraph, Text: "Conformément à l'article 2.2.2 du contrat de service et à l'article 16 de la convention, " +
		"le gestionnaire principal des habilitations du partenaire atteste avoir revu l'ensemble des habilitations " +
		"attribuées au sein de son organisme. Les décisions prises sont les suivantes :"})
	counts := [][]string{}
	for _, dec := range model.Decisions {
		counts = append(counts, []string{string(dec), fmt.Sprint(a.Count(dec))})
	}
	counts = append(counts, []string{"Total des habilitations revues", fmt.Sprint(a.Total)})
	d.Add(Block{Kind: KindTable, Header: []string{"Décision", "Nombre d'habilitations"}, Widths: []float64{0.6, 0.4}, Rows: counts, Keep: true})
	actionTable(&d, fmt.Sprintf("Habilitations à supprimer (%d)", len(a.Removals)), a.Removals, false)
	actionTable(&d, fmt.Sprintf("Profils à modifier (%d)", len(a.Changes)), a.Changes, true)
	d.Add(Block{Kind: KindParagraph, Text: "Le partenaire s'engage à appliquer ces décisions dans le service d'habilitation " +
		"déléguée de « Mon Compte Partenaire ». La Caf vérifiera leur application lors du prochain contrôle des habilitations."})
	d.Add(Block{Kind: KindSignatures,
		Left:  []string{"Pour le Partenaire", "Le gestionnaire principal des habilitations", "Prénom NOM et signature :"},
		Right: []string{"Pour la Caf", "Visa de l'administrateur de la Caf", "Date et signature :"},
	})
	if !a.ProducedOn.IsZero() {
		d.Add(Block{Kind: KindNote, Text: "Attestation établie le " + model.FrenchDate(a.ProducedOn) +
			" à partir du classeur de revue renseigné par le partenaire."})
	}
	return d
}

func dateOrBlank(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return model.FrenchDate(d)
}

// actionTable lists removals or profile changes, or says there are none.
func actionTable(d *Document, title string, acts []model.Action, change bool) {
	d.Add(Block{Kind: KindHeading, Text: title})
	if len(acts) == 0 {
		d.Add(Block{Kind: KindParagraph, Text: "Aucune."})
		return
	}
	b := Block{Kind: KindTable, Header: []string{"Identifiant", "Titulaire", "Structure", "Profil", "Motif"},
		Widths: []float64{0.16, 0.24, 0.23, 0.1, 0.27}}
	if change {
		b.Header = []string{"Identifiant", "Titulaire", "Structure", "Profil actuel", "Nouveau profil", "Motif"}
		b.Widths = []float64{0.16, 0.19, 0.19, 0.12, 0.15, 0.19}
	}
	for _, act := range acts {
		holder := strings.TrimSpace(act.FirstName + " " + strings.ToUpper(act.LastName))
		row := []string{act.Account, holder, act.Unit, string(act.Profile)}
		if change {
			row = append(row, string(act.NewProfile))
		}
		b.Rows = append(b.Rows, append(row, act.Reason))
	}
	d.Add(b)
}

// groups splits a long hexadecimal digest into groups so that it wraps and
// can be read aloud.
func groups(s string, n int) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), " ")
}
