package mails

import (
	"fmt"
	netmail "net/mail"
	"strings"
	"time"

	"habilitations/model"
)

// Campaign is what a campaign message says.
type Campaign struct {
	Kind       model.MailKind
	Convention model.Convention
	Due        model.Date // the review's due date
	AsOf       model.Date // the day the message is written
	DaysLate   int
	// NoticeSent and TerminationFrom are the formal notice's sending date
	// and the date the convention would be terminated (MailNotice only).
	NoticeSent, TerminationFrom model.Date
	From                        netmail.Address // the Caf
	To                          []netmail.Address
	Attachment                  *Attachment // the review workbook, or the letter
	Date                        time.Time
}

// CampaignMessage writes the French message of c.
func CampaignMessage(c Campaign) (Message, error) {
	num := c.Convention.Number
	var subject, body string
	switch c.Kind {
	case model.MailFirstReminder:
		subject = fmt.Sprintf("[CDAP] Revue annuelle des habilitations à rendre le %s – convention n° %s", model.FrenchDate(c.Due), num)
		body = firstReminder(c)
	case model.MailSecondReminder:
		subject = fmt.Sprintf("[CDAP] Rappel : revue annuelle des habilitations attendue le %s – convention n° %s", model.FrenchDate(c.Due), num)
		body = secondReminder(c)
	case model.MailNotice:
		subject = fmt.Sprintf("[CDAP] Mise en demeure – convention n° %s", num)
		body = noticeCopy(c)
	default:
		return Message{}, fmt.Errorf("message of %s: unknown kind %q", num, c.Kind)
	}
	m := Message{From: c.From, To: c.To, Subject: subject, Body: body, Date: c.Date, MessageID: MessageID(c.Kind, num, c.Due, c.From.Address)}
	if c.Attachment != nil {
		m.Attachments = []Attachment{*c.Attachment}
	}
	return m, nil
}

// MessageID is the stable id of a campaign message: one per kind,
// convention and cycle, as the store keeps them, so that a recipient's
// client or a server log tells a message sent twice.
func MessageID(kind model.MailKind, convention string, due model.Date, from string) string {
	domain := "habilitations.invalid"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i < len(from)-1 {
		domain = from[i+1:]
	}
	conv := strings.NewReplacer("/", "-", " ", "-").Replace(convention)
	return fmt.Sprintf("campagne.%s.%s.%s@%s", kind, conv, due.String(), domain)
}

func longDate(d model.Date) string {
	return model.FrenchDayMonth(d) + " " + fmt.Sprint(d.Time().Year())
}

// greeting opens every message: the administrators are addressed by their
// function, their names are in the headers.
const greeting = "Madame, Monsieur,\n\n"

func signature(c Campaign) string {
	return "\nCordialement,\n\nL'administrateur des habilitations\n" + c.Convention.Caf.Name + "\n" + c.From.Address + "\n"
}

func firstReminder(c Campaign) string {
	var b strings.Builder
	b.WriteString(greeting)
	fmt.Fprintf(&b, "Le gestionnaire principal des habilitations de %s est tenu de faire chaque année une revue des habilitations "+
		"de son organisme et d'en transmettre le résultat à la Caf (article 2.2.2 du contrat de service de la convention "+
		"d'accès à « Mon Compte Partenaire » n° %s).\n\n", c.Convention.Partner.Name, c.Convention.Number)
	fmt.Fprintf(&b, "Votre revue est à nous retourner au plus tard le %s. ", longDate(c.Due))
	b.WriteString(workbookLine(c))
	b.WriteString(instructions)
	b.WriteString(signature(c))
	return b.String()
}

func secondReminder(c Campaign) string {
	var b strings.Builder
	b.WriteString(greeting)
	if c.DaysLate > 0 {
		fmt.Fprintf(&b, "La revue annuelle des habilitations de %s (convention n° %s) était attendue le %s ; "+
			"elle ne nous est pas parvenue et accuse %d jours de retard.\n\n", c.Convention.Partner.Name, c.Convention.Number, longDate(c.Due), c.DaysLate)
	} else {
		fmt.Fprintf(&b, "La revue annuelle des habilitations de %s (convention n° %s) est attendue ce jour, %s ; "+
			"elle ne nous est pas encore parvenue.\n\n", c.Convention.Partner.Name, c.Convention.Number, longDate(c.Due))
	}
	b.WriteString("Nous vous remercions de nous la retourner sans tarder. " + workbookLine(c))
	b.WriteString("Sans réponse de votre part, la Caf pourra vous adresser une mise en demeure par lettre recommandée " +
		"(article 17.2 de la convention) et suspendre les habilitations à titre conservatoire (article 2.2.1 du contrat de service).\n\n")
	b.WriteString(instructions)
	b.WriteString(signature(c))
	return b.String()
}

func noticeCopy(c Campaign) string {
	var b strings.Builder
	b.WriteString(greeting)
	fmt.Fprintf(&b, "Une mise en demeure relative à la convention d'accès à « Mon Compte Partenaire » n° %s a été adressée le %s "+
		"à %s par lettre recommandée avec demande d'avis de réception. Vous en trouverez la copie jointe.\n\n",
		c.Convention.Number, longDate(c.NoticeSent), c.Convention.Partner.Name)
	b.WriteString("À défaut d'exécution dans le délai d'un mois après sa réception, la convention sera résiliée de plein droit " +
		"(article 17.2 de la convention)")
	if !c.TerminationFrom.IsZero() {
		fmt.Fprintf(&b, ", soit à compter du %s", longDate(c.TerminationFrom))
	}
	b.WriteString(".\n\nPour toute question, vous pouvez répondre à ce message.\n")
	b.WriteString(signature(c))
	return b.String()
}

func workbookLine(c Campaign) string {
	if c.Attachment == nil {
		return "\n\n"
	}
	return fmt.Sprintf("Le classeur de revue de votre organisme est joint à ce message (%s).\n\n", c.Attachment.Name)
}

// instructions say how to fill the workbook (README, « The annual review »).
const instructions = "Pour chaque habilitation de la feuille « Habilitations », choisissez une décision (Maintenir, Supprimer, " +
	"Modifier le profil ou Ne sait pas), justifiez-la lorsqu'elle s'écarte de la recommandation de la Caf, renseignez " +
	"dans la feuille « Synthèse » votre nom, votre fonction et la date de la revue, puis retournez le classeur, " +
	"enregistré sous le même nom, en réponse à ce message.\n"
