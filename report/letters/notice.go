package letters

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"habilitations/model"
	"habilitations/report/forms"
)

// Notice is what a formal notice says: the convention's parties, the date
// and place of the letter, the missing review and the breaches.
type Notice struct {
	Convention model.Convention // number, Caf and partner (name, address, representative, title)
	Date       model.Date       // date of the letter
	Place      string           // « Dijon »: where the Caf writes from
	// Due is the date the review was due on; ReviewMissing says the notice
	// names it, with DaysLate and the reminders already sent.
	Due           model.Date
	ReviewMissing bool
	DaysLate      int
	Reminders     []model.Date
	// Breaches are the quota breaches and profiles without authorisation
	// open too long, with the date each was first seen.
	Breaches []model.OpenFinding
	// Signatory and SignatoryTitle sign for the Caf (its director by default).
	Signatory, SignatoryTitle string
	// Contact is the Caf's address for questions (its Annexe 1 mailbox).
	Contact string
}

// TerminationFrom is the earliest date the convention would be terminated
// as of right: one month after the letter's date (the month runs from its
// receipt, which cannot come before it).
func (n Notice) TerminationFrom() model.Date { return model.AddMonths(n.Date, 1) }

// WriteNotice writes the formal notice n as an A4 PDF.
func WriteNotice(w io.Writer, n Notice) error {
	if strings.TrimSpace(n.Convention.Number) == "" {
		return errors.New("formal notice: no convention number")
	}
	if !n.ReviewMissing && len(n.Breaches) == 0 {
		return fmt.Errorf("formal notice of %s: nothing to notify", n.Convention.Number)
	}
	if err := forms.WritePDF(w, NoticeDocument(n)); err != nil {
		return fmt.Errorf("formal notice of %s: %w", n.Convention.Number, err)
	}
	return nil
}

// LongDate writes d in words as a letter dates itself: « 2 juin 2026 »,
// « 1er juillet 2026 ».
func LongDate(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return model.FrenchDayMonth(d) + " " + strconv.Itoa(d.Time().Year())
}

// NoticeDocument lays out the formal notice n.
func NoticeDocument(n Notice) forms.Document {
	c := n.Convention
	caf, partner := c.Caf, c.Partner
	d := forms.Document{Title: "Mise en demeure – Convention n° " + c.Number}
	for _, l := range nonEmpty(caf.Name, caf.Address, n.Contact) {
		d.Add(forms.Block{Kind: forms.KindParagraph, Text: l})
	}
	recipient := []string{partner.Name}
	if partner.Representative != "" {
		recipient = append(recipient, "À l'attention de "+joinComma(partner.Representative, partner.Title))
	}
	recipient = append(recipient, partner.Address)
	for _, l := range nonEmpty(recipient...) {
		d.Add(forms.Block{Kind: forms.KindRight, Text: l})
	}
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: ""})
	dateLine := "Le " + LongDate(n.Date)
	if n.Place != "" {
		dateLine = n.Place + ", le " + LongDate(n.Date)
	}
	d.Add(forms.Block{Kind: forms.KindRight, Text: dateLine})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: ""})
	d.Add(forms.Block{Kind: forms.KindSubheading, Text: "Lettre recommandée avec demande d'avis de réception"})
	d.Add(forms.Block{Kind: forms.KindSubheading, Text: "Objet : mise en demeure – convention d'accès à « Mon Compte Partenaire » n° " + c.Number})
	ref := "Réf. : convention n° " + c.Number
	if s, err := model.ParseISODate(c.SignedOn); err == nil {
		ref += " signée le " + LongDate(s)
	}
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: ref + " ; article 17.2 de la convention ; articles 2.2.1 et 2.2.2 du contrat de service."})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Madame, Monsieur,"})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: fmt.Sprintf("Votre organisme, %s, a conclu avec la %s la convention d'accès à « Mon Compte Partenaire » "+
		"n° %s, en mode de gestion déléguée des habilitations. Nos contrôles font apparaître les manquements suivants à vos obligations.",
		partner.Name, caf.Name, c.Number)})
	if n.ReviewMissing {
		missingReview(&d, n)
	}
	if len(n.Breaches) > 0 {
		breaches(&d, n.Breaches)
	}
	demand(&d, n)
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: ""})
	for _, l := range nonEmpty("Pour la "+caf.Name, n.SignatoryTitle, n.Signatory) {
		d.Add(forms.Block{Kind: forms.KindRight, Text: l})
	}
	return d
}

// missingReview states the review that did not come (contrat de service art. 2.2.2).
func missingReview(d *forms.Document, n Notice) {
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Revue annuelle des habilitations non transmise"})
	text := "Le gestionnaire principal des habilitations est tenu de faire chaque année une revue des habilitations et " +
		"d'en transmettre le résultat à la Caf comme preuve de sa réalisation (article 2.2.2 du contrat de service). " +
		"La revue de votre organisme était attendue pour le " + LongDate(n.Due) + "."
	if len(n.Reminders) > 0 {
		var ds []string
		for _, r := range n.Reminders {
			ds = append(ds, LongDate(r))
		}
		text += " Malgré nos rappels du " + strings.Join(ds, " et du ") + ", elle ne nous est pas parvenue"
	} else {
		text += " Elle ne nous est pas parvenue"
	}
	if n.DaysLate > 0 {
		text += fmt.Sprintf(" : elle accuse %d jours de retard.", n.DaysLate)
	} else {
		text += "."
	}
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: text})
}

// breaches lists the quotas exceeded and the profiles used without authorisation.
func breaches(d *forms.Document, bs []model.OpenFinding) {
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Habilitations au-delà du nombre autorisé"})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "La Caf détermine pour chaque service et chaque profil le nombre maximal " +
		"d'habilitations que le partenaire peut créer (article 2.2.1 du contrat de service et bulletins d'adhésion). " +
		"Ce nombre est dépassé, de façon persistante, dans les cas suivants :"})
	t := forms.Block{Kind: forms.KindTable, Header: []string{"Structure", "Service", "Profil", "Autorisés", "Attribués", "Constaté depuis le"},
		Widths: []float64{0.3, 0.12, 0.1, 0.14, 0.14, 0.2}}
	for _, b := range bs {
		f := b.Finding
		t.Rows = append(t.Rows, []string{f.Unit, f.Service, string(f.Profile), strconv.Itoa(f.Quota), strconv.Itoa(f.Count), model.FrenchDate(b.FirstSeen)})
	}
	d.Add(t)
}

// demand is the formal notice itself and what follows without effect (convention art. 17.2).
func demand(d *forms.Document, n Notice) {
	d.Add(forms.Block{Kind: forms.KindHeading, Text: "Mise en demeure"})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "En application de l'article 17.2 de la convention, nous vous mettons en demeure " +
		"de vous conformer à vos obligations, en :"})
	if n.ReviewMissing {
		d.Add(forms.Block{Kind: forms.KindBullet, Text: "nous transmettant la revue annuelle des habilitations, sur le classeur de revue " +
			"joint à nos rappels, complété et signé par le gestionnaire principal des habilitations ;"})
	}
	if len(n.Breaches) > 0 {
		d.Add(forms.Block{Kind: forms.KindBullet, Text: "ramenant le nombre d'habilitations de chaque profil dans la limite autorisée, " +
			"ou en nous adressant un bulletin d'adhésion modifiant ce nombre ;"})
	}
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "À défaut d'exécution dans le délai d'un mois après la réception de la présente lettre, " +
		"la convention sera résiliée de plein droit, sans qu'il soit besoin de remplir aucune autre formalité, soit au plus tôt le " +
		LongDate(n.TerminationFrom()) + ". Cette résiliation entraîne celle du contrat de service et la fermeture des accès de votre " +
		"organisme à « Mon Compte Partenaire »."})
	d.Add(forms.Block{Kind: forms.KindParagraph, Text: "Nous vous rappelons par ailleurs qu'en cas de manquement constaté dans la gestion des " +
		"habilitations, la Caf peut suspendre à tout moment les habilitations à titre conservatoire (article 2.2.1 du contrat de service)."})
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func joinComma(a, b string) string { return strings.Join(nonEmpty(a, b), ", ") }
