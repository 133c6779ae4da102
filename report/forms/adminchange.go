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
	if f.FormRef != "" {
		// Printed, so that a form printed, filled by hand and scanned still
		// says which finding it answers.
		d.Add(Block{Kind: KindNote, Text: formRefLabel + " ", Value: f.FormRef, Name: model.FieldFormRef})
	}
	return d
}

// formRefLabel introduces the form's reference on the page; the reader of
// returned forms looks for it (extract/adminform).
const formRefLabel = "Référence du formulaire :"

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
// administrateur » pre-filled with f as a fillable PDF (AcroForm, fields
// named as records.md §2c says): it prints as the paper form, with blank
// lines to fill by hand, and a PDF reader fills it on screen.
func WriteAdminChange(w io.Writer, f model.AdminChange) error {
	if strings.TrimSpace(f.Convention) == "" {
		return fmt.Errorf("admin change form: no convention number")
	}
	return WriteFillablePDF(w, AdminChangeDocument(f), map[string]bool{model.FieldConventionNumber: true, model.FieldFormRef: true})
}

// WriteAdminChangeTyped writes the form with f's values printed in the page
// (no fields): a form typed and printed to PDF as a partner would, for
// tests and the demo.
func WriteAdminChangeTyped(w io.Writer, f model.AdminChange) error {
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
	if numberText == "Convention n° "+f.Convention {
		// The number is the read-only field convention_number of the
		// fillable form (printed as the same line otherwise).
		d.Add(Block{Kind: KindParagraph, Text: "Convention n° ", Value: f.Convention, Name: model.FieldConventionNumber})
	} else {
		d.Add(Block{Kind: KindParagraph, Text: numberText})
	}
	for _, l := range f.CafLines {
		d.Add(Block{Kind: KindRight, Text: l})
	}
	d.Add(Block{Kind: KindRight, Text: "A l'attention de l'administrateur"})
	d.Add(Block{Kind: KindRight, Text: "« Mon Compte Partenaire »"})
	d.Add(Block{Kind: KindHeading, Text: "Objet : modification d'un administrateur"})
	d.Add(Block{Kind: KindField, Text: "Prénom et NOM de l'administrateur à habiliter :", Value: f.Name, Name: model.FieldNewAdminName})
	d.Add(Block{Kind: KindField, Text: "Fonction :", Value: f.Function, Name: model.FieldNewAdminFunction})
	d.Add(Block{Kind: KindCheck, Text: "Cet administrateur remplace-t-il un administrateur existant :", Value: string(f.Replaces), Name: "replaces"})
	d.Add(Block{Kind: KindParagraph, Text: "Si oui,"})
	d.Add(Block{Kind: KindField, Text: "- précisez les prénoms et noms de l'administrateur à remplacer :", Value: f.ReplacesName, Name: model.FieldReplacedName})
	d.Add(Block{Kind: KindField, Text: "- précisez l'adresse mél de l'administrateur à remplacer :", Value: f.ReplacesEmail, Name: model.FieldReplacedEmail})
	d.Add(Block{Kind: KindParagraph, Text: "Coordonnées :"})
	d.Add(Block{Kind: KindParagraph, Text: "- Numéro de téléphone (renseigner au moins un numéro) :"})
	d.Add(Block{Kind: KindField, Text: "o Téléphone fixe :", Value: PrintedPhone(f.Phone), Name: model.FieldNewAdminPhone})
	d.Add(Block{Kind: KindField, Text: "o Téléphone mobile :", Value: PrintedPhone(f.Mobile), Name: model.FieldNewAdminMobile})
	d.Add(Block{Kind: KindField, Text: "- Adresse mél personnelle et individuelle :", Value: f.Email, Name: model.FieldNewAdminEmail})
	d.Add(Block{Kind: KindParagraph, Text: "Ces coordonnées seront utilisées par la Caf uniquement dans le cadre de la gestion de l'accès à « Mon Compte Partenaire »."})
	d.Add(Block{Kind: KindField, Text: "Fait le :", Value: printedDate(f.SignedOn), Name: model.FieldSignedOn})
	d.Add(Block{Kind: KindSignatures,
		Left:        []string{"Pour le Partenaire", "Fonction du signataire :", "Prénom NOM et signature :"},
		Right:       []string{"L'administrateur", "Fonction du signataire :", "Prénom NOM et signature :"},
		LeftNames:   []string{"", model.FieldPartnerSignatoryFunc, model.FieldPartnerSignatoryName},
		RightNames:  []string{"", model.FieldAdminSignatoryFunction, model.FieldAdminSignatoryName},
		LeftValues:  []string{"", f.PartnerSignatory.Function, f.PartnerSignatory.Name},
		RightValues: []string{"", f.AdminSignatory.Function, f.AdminSignatory.Name},
	})
}

// printedDate writes an ISO date as JJ/MM/AAAA (the form's format); any
// other text is kept as it is.
func printedDate(iso string) string {
	if d, err := model.ParseISODate(iso); err == nil {
		return d.Time().Format("02/01/2006")
	}
	return iso
}
