package forms

import (
	"fmt"
	"io"
	"strings"

	"habilitations/model"
)

// AdminChangeDocument lays out the Annexe 3 form for f on its own, with a
// note saying why the Caf pre-filled it.
func AdminChangeDocument(f model.AdminChange) Document {
	d := Document{Title: "Modification d'un administrateur – Convention n° " + f.Convention}
	d.Add(Block{Kind: KindCentered, Text: "Annexe 3 – Formulaire de changement d'administrateur partenaire"})
	AdminChangeBlocks(&d, f, "Convention n° "+f.Convention)
	if n := adminChangeNote(f); n != "" {
		d.Add(Block{Kind: KindNote, Text: n})
	}
	return d
}

// adminChangeNote explains a pre-filled form to the partner.
func adminChangeNote(f model.AdminChange) string {
	switch f.Code {
	case model.CodeMissingAdmin:
		return fmt.Sprintf("Formulaire pré-rempli par la Caf : %s, administrateur déclaré en Annexe 1, n'a plus de compte "+
			"administrateur actif. Indiquez la personne qui le remplace, complétez ses coordonnées et signez.", f.ReplacesName)
	case model.CodeUndeclaredAdmin:
		return fmt.Sprintf("Formulaire pré-rempli par la Caf : un compte administrateur actif est attribué à %s, qui ne figure pas "+
			"en Annexe 1. Complétez et signez ce formulaire pour le déclarer, ou retirez-lui le rôle d'administrateur.", f.Name)
	}
	return ""
}

// WriteAdminChange writes the Annexe 3 form « Objet : modification d'un
// administrateur » pre-filled with f as a PDF. Unknown values are left as
// blank lines to fill by hand.
func WriteAdminChange(w io.Writer, f model.AdminChange) error {
	if strings.TrimSpace(f.Convention) == "" {
		return fmt.Errorf("admin change form: no convention number")
	}
	return WritePDF(w, AdminChangeDocument(f))
}

// AdminChangeBlocks adds the Annexe 3 form « modification d'un administrateur »
// pre-filled with f; empty values stay blank lines to fill by hand.
// numberText is the convention line as printed (« Convention n° 06 / 2017 »).
func AdminChangeBlocks(d *Document, f model.AdminChange, numberText string) {
	d.Add(Block{Kind: KindParagraph, Text: "Partenaire : " + f.Partner})
	d.Add(Block{Kind: KindParagraph, Text: numberText})
	for _, l := range f.CafLines {
		d.Add(Block{Kind: KindRight, Text: l})
	}
	d.Add(Block{Kind: KindRight, Text: "A l'attention de l'administrateur"})
	d.Add(Block{Kind: KindRight, Text: "« Mon Compte Partenaire »"})
	d.Add(Block{Kind: KindHeading, Text: "Objet : modification d'un administrateur"})
	d.Add(Block{Kind: KindField, Text: "Prénom et NOM de l'administrateur à habiliter :", Value: f.Name})
	d.Add(Block{Kind: KindField, Text: "Fonction :", Value: f.Function})
	d.Add(Block{Kind: KindCheck, Text: "Cet administrateur remplace-t-il un administrateur existant :", Value: string(f.Replaces)})
	d.Add(Block{Kind: KindParagraph, Text: "Si oui,"})
	d.Add(Block{Kind: KindField, Text: "- précisez les prénoms et noms de l'administrateur à remplacer :", Value: f.ReplacesName})
	d.Add(Block{Kind: KindField, Text: "- précisez l'adresse mél de l'administrateur à remplacer :", Value: f.ReplacesEmail})
	d.Add(Block{Kind: KindParagraph, Text: "Coordonnées :"})
	d.Add(Block{Kind: KindParagraph, Text: "- Numéro de téléphone (renseigner au moins un numéro) :"})
	d.Add(Block{Kind: KindField, Text: "o Téléphone fixe :", Value: PrintedPhone(f.Phone)})
	d.Add(Block{Kind: KindField, Text: "o Téléphone mobile :", Value: PrintedPhone(f.Mobile)})
	d.Add(Block{Kind: KindField, Text: "- Adresse mél personnelle et individuelle :", Value: f.Email})
	d.Add(Block{Kind: KindParagraph, Text: "Ces coordonnées seront utilisées par la Caf uniquement dans le cadre de la gestion de l'accès à « Mon Compte Partenaire »."})
	d.Add(Block{Kind: KindSignatures,
		Left:  []string{"Pour le Partenaire", "Fonction du signataire :", "Prénom NOM et signature :"},
		Right: []string{"L'administrateur", "Fonction du signataire :", "Prénom NOM et signature :"},
	})
}
