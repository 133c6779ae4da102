package adminform

import (
	"fmt"
	"strings"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// textLabels maps the folded start of a form line to the field its value
// fills (the value follows the label's colon, or is on the next line).
var textLabels = []struct{ prefix, field string }{
	{"prenom et nom de l'administrateur a habiliter", model.FieldNewAdminName},
	{"precisez les prenoms et noms de l'administrateur a remplacer", model.FieldReplacedName},
	{"precisez l'adresse mel de l'administrateur a remplacer", model.FieldReplacedEmail},
	{"telephone fixe", model.FieldNewAdminPhone},
	{"telephone mobile", model.FieldNewAdminMobile},
	{"adresse mel personnelle et individuelle", model.FieldNewAdminEmail},
	{"fait le", model.FieldSignedOn},
	{"reference du formulaire", model.FieldFormRef},
	{"fonction :", model.FieldNewAdminFunction},
	{"fonction:", model.FieldNewAdminFunction},
}

// stops are the folded starts of the form's other lines: never a value
// continued from the line before.
var stops = []string{"si oui", "coordonnees", "numero de telephone", "ces coordonnees", "cet administrateur",
	"pour le partenaire", "l'administrateur", "formulaire pre-rempli", "objet", "fonction du signataire",
	"prenom nom et signature", "annexe 3", "partenaire :", "convention n"}

// Looks reports whether doc is an Annexe 3 form: its heading « Objet :
// modification d'un administrateur » and the new administrator's line. (A
// whole dossier holds a blank one in its annexes; the dossier parser takes
// those first.)
func Looks(doc pdftext.Document) bool {
	heading, name := false, false
	for _, l := range doc.Lines() {
		f := trimBullet(model.Fold(strings.Join(l.Cells, " ")))
		heading = heading || strings.Contains(f, "modification d'un administrateur")
		name = name || strings.HasPrefix(f, textLabels[0].prefix)
	}
	return heading && name
}

// Parse reads a form from its text (typed and printed, or filled and
// flattened; or, later, recognised on a scan) into an admin_change record.
// A document that is not an Annexe 3 form wraps model.ErrNotConvention.
func Parse(doc pdftext.Document) (model.Record, error) {
	v, err := TextValues(doc)
	if err != nil {
		return model.Record{}, err
	}
	return v.Record()
}

// TextValues reads the values of a form from its text.
func TextValues(doc pdftext.Document) (Values, error) {
	if !Looks(doc) {
		return Values{}, fmt.Errorf("no Annexe 3 heading found: %w", model.ErrNotConvention)
	}
	v := Values{Text: map[string]string{}, Pages: len(doc.Pages)}
	lines := doc.Lines()
	for i, l := range lines {
		text := model.CleanText(strings.Join(l.Cells, " "))
		f := trimBullet(model.Fold(text))
		switch {
		case strings.HasPrefix(f, "convention n"):
			v.setOnce(model.FieldConventionNumber, afterNumberSign(text))
			continue
		case strings.HasPrefix(f, "partenaire :"):
			continue // the store's name is the one kept
		case strings.HasPrefix(f, "cet administrateur remplace"):
			v.Yes, v.No = ticked(f)
			continue
		case strings.HasPrefix(f, "fonction du signataire"):
			v.signatories(lines, i, model.FieldPartnerSignatoryFunc, model.FieldAdminSignatoryFunction)
			continue
		case strings.HasPrefix(f, "prenom nom et signature"):
			v.signatories(lines, i, model.FieldPartnerSignatoryName, model.FieldAdminSignatoryName)
			continue
		}
		for _, lab := range textLabels {
			if !strings.HasPrefix(f, lab.prefix) {
				continue
			}
			val := afterColon(text)
			if i+1 < len(lines) {
				// The value on the next line: a blank label line, or a
				// long value wrapped (« cbertin@ccas- » / « beaune.fr »).
				if next := model.CleanText(strings.Join(lines[i+1].Cells, " ")); continuation(next) {
					val = joinWrapped(lab.field, clean(val), next)
				}
			}
			v.setOnce(lab.field, val)
			break
		}
	}
	return v, nil
}

// setOnce keeps the first value read for a field (a wrapped note or a
// second page never overrides the form's own line).
func (v Values) setOnce(field, val string) {
	if clean(v.Text[field]) == "" {
		v.Text[field] = val
	}
}

// signatories reads the line under a signature label: two cells are the
// partner's and the administrator's; one cell is the partner's.
func (v Values) signatories(lines []pdftext.Line, i int, left, right string) {
	if i+1 >= len(lines) {
		return
	}
	var cells []string
	for _, c := range lines[i+1].Cells {
		if c = clean(c); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) == 0 || !continuation(strings.Join(cells, " ")) {
		return
	}
	v.setOnce(left, cells[0])
	if len(cells) > 1 {
		v.setOnce(right, strings.Join(cells[1:], " "))
	}
}

// continuation reports whether a line can be the value of the label line
// before it: not another line of the form.
func continuation(s string) bool {
	f := trimBullet(model.Fold(s))
	if f == "" || strings.Contains(f, ":") {
		return false
	}
	for _, p := range stops {
		if strings.HasPrefix(f, p) {
			return false
		}
	}
	for _, lab := range textLabels {
		if strings.HasPrefix(f, lab.prefix) {
			return false
		}
	}
	return true
}

// joinWrapped joins a value and its continuation: without a space in an
// e-mail, or after a hyphen that cut a word.
func joinWrapped(field, val, next string) string {
	switch {
	case val == "":
		return next
	case field == model.FieldNewAdminEmail || field == model.FieldReplacedEmail || strings.HasSuffix(val, "-"):
		return val + next
	}
	return val + " " + next
}

// trimBullet drops a line's list mark (« - », « o », « • »).
func trimBullet(f string) string {
	for _, p := range []string{"- ", "o ", "• ", "◦ ", "-", "•"} {
		if strings.HasPrefix(f, p) {
			return strings.TrimSpace(f[len(p):])
		}
	}
	return f
}

// afterColon is the text after a label's first colon.
func afterColon(s string) string {
	if i := strings.IndexAny(s, ":："); i >= 0 {
		return strings.TrimSpace(s[i+len(string([]rune(s[i:])[0])):])
	}
	return ""
}

// afterNumberSign is the convention number of « Convention n° 06/2017 ».
func afterNumberSign(s string) string {
	for _, sign := range []string{"°", "º"} {
		if i := strings.Index(s, sign); i >= 0 {
			return strings.TrimSpace(s[i+len(sign):])
		}
	}
	f := strings.Fields(s)
	if len(f) >= 3 {
		return strings.Join(f[2:], " ")
	}
	return ""
}

// tickMarks are what a ticked box reads as: the form's own ☒, a reader's
// check mark, a typed X.
const tickMarks = "☒☑✔✓✗✘■xX"

// ticked reads « … existant : ☒ oui ☐ non » (folded): which answers have a
// tick mark just before them.
func ticked(f string) (yes, no bool) {
	rest := afterColon(f)
	words := strings.Fields(rest)
	for i, w := range words {
		if i == 0 {
			continue
		}
		prev := words[i-1]
		mark := strings.ContainsAny(prev, tickMarks) && !strings.Contains(prev, "☐")
		switch w {
		case "oui":
			yes = yes || mark
		case "non":
			no = no || mark
		}
	}
	return yes, no
}
