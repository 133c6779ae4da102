package sample

import (
	"bytes"
	_ "embed"
	"fmt"
	"hash/fnv"
	"strings"
	"text/template"

	"habilitations/model"
	"habilitations/report/forms"
)

// The boilerplate of the convention, contrat de service and bulletin, taken
// from the seed dossier. One block per line: a one-letter kind, « | », text
// (see parseMarkup).
var (
	//go:embed convention.tmpl
	conventionText string
	//go:embed bulletin.tmpl
	bulletinText string

	conventionTmpl = template.Must(template.New("convention").Parse(conventionText))
)

// view is what the templates print, derived from a record only, so that any
// record (generated or parsed) can be written back as a dossier.
type view struct {
	NumberLine      string
	Partner         model.Partner
	Caf             model.Party
	CafCivility     string
	PartnerArticle  string
	PartnerCivility string
	TermSentence    string
	DeskEmail       string
}

// variant picks a deterministic presentation variant for a record (date and
// number forms), so that generated dossiers vary like real ones.
func variant(r model.Record, n int) int {
	h := fnv.New32a()
	h.Write([]byte(r.Convention.Number + r.Convention.Partner.Name))
	return int(h.Sum32() % uint32(n))
}

func newView(r model.Record) view {
	c := r.Convention
	return view{
		NumberLine:      numberLine(c.Number, variant(r, 2) == 0),
		Partner:         c.Partner,
		Caf:             c.Caf,
		CafCivility:     civility(c.Caf.Representative),
		PartnerArticle:  article(c.Partner.Name),
		PartnerCivility: civility(c.Partner.Representative),
		TermSentence:    termSentence(c.TermMonths, c.TacitRenewal),
		DeskEmail:       deskEmail(r),
	}
}

// numberLine prints the convention number as dossiers do: « Convention n° 06 /
// 2017 » (spaced or not) or « Convention N° 2019-014 ».
func numberLine(number string, spaced bool) string {
	if a, b, ok := strings.Cut(number, "/"); ok {
		if spaced {
			return "Convention n° " + a + " / " + b
		}
		return "Convention n° " + a + "/" + b
	}
	return "Convention N° " + number
}

var termWords = map[int]string{12: "d'un an", 24: "de deux ans", 36: "de trois ans", 48: "de quatre ans", 60: "de cinq ans"}

func termSentence(months int, tacit bool) string {
	d, ok := termWords[months]
	if !ok {
		d = fmt.Sprintf("de %d mois", months)
	}
	s := "La présente convention est établie pour une durée " + d
	switch {
	case tacit && months == 12:
		s += ", reconductible chaque année par tacite reconduction."
	case tacit:
		s += ", reconductible par tacite reconduction pour une même durée."
	default:
		s += ", non reconductible."
	}
	return s
}

// deskEmail is the Caf's service-desk address: the first Caf contact e-mail.
func deskEmail(r model.Record) string {
	for _, c := range r.Contacts {
		if c.Side == model.SideCaf && c.Email != "" {
			return c.Email
		}
	}
	return "moncomptepartenaire@caf.cnafmail.fr"
}

// renderMarkup executes a boilerplate template and appends its blocks to d.
func renderMarkup(d *forms.Document, t *template.Template, data any) error {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", t.Name(), err)
	}
	appendMarkup(d, buf.String())
	return nil
}

// appendMarkup reads the one-block-per-line markup of the .tmpl files.
func appendMarkup(d *forms.Document, text string) {
	for _, line := range strings.Split(text, "\n") {
		k, rest, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		switch k {
		case "X":
			if rest == "pagebreak" {
				d.Add(forms.Block{Kind: forms.KindPageBreak})
			}
		case "T":
			d.Add(forms.Block{Kind: forms.KindTitle, Text: rest})
		case "C":
			d.Add(forms.Block{Kind: forms.KindCentered, Text: rest})
		case "H":
			d.Add(forms.Block{Kind: forms.KindHeading, Text: rest})
		case "S":
			d.Add(forms.Block{Kind: forms.KindSubheading, Text: rest})
		case "B":
			d.Add(forms.Block{Kind: forms.KindBullet, Text: rest})
		case "b":
			d.Add(forms.Block{Kind: forms.KindSubBullet, Text: rest})
		case "O":
			t, p, _ := strings.Cut(rest, "|")
			d.Add(forms.Block{Kind: forms.KindTOC, Text: t, Page: p})
		default:
			d.Add(forms.Block{Kind: forms.KindParagraph, Text: rest})
		}
	}
}
