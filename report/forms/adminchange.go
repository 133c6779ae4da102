package forms

import (
	"habilitations/model"
)

// AdminChangeBlocks adds the Annexe 3 form « modification d'un administrateur »
// pre-filled with f; empty values stay blank lines to fill by hand.
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
