package dossier

import (
	"regexp"
	"strings"

	"habilitations/model"
)

var (
	// reNumber reads « Convention n° 06 / 2017 », « Convention N° 2019-014 »
	// and the running header « Convention n° 12/2021 – Mon Compte Partenaire ».
	reNumber     = regexp.MustCompile(`^convention\s+(?:n\s*[°ºo]|no|numero|num\.)\s*:?\s*((?:[0-9]|[a-z]+[0-9])[0-9a-z]*(?:\s*[/.\-]\s*[0-9][0-9a-z]*)*)`)
	reSIRETLabel = regexp.MustCompile(`\bsiret\b\s*(?:n\s*[°º]\s*)?:?\s*([0-9][0-9 .]{12,20}[0-9])`)
)

// number returns the convention number as the record keeps it (« 06/2017 »),
// from the first « Convention n° … » line.
func (p *parser) number() string {
	for _, l := range p.ls {
		if g := reNumber.FindStringSubmatchIndex(l.fold); g != nil {
			// Cut from the original text: a number may hold capitals.
			return strings.Join(strings.Fields(sliceRunes(l.text, l.fold, g[2], g[3])), "")
		}
	}
	return ""
}

// siret returns the partner's SIRET, "" when none is printed: in a dossier
// the one of the partner's block of the parties clause, else the first one
// printed outside the Caf's block (a bulletin prints it in its heading). A
// printed SIRET that is not 14 digits passing the Luhn check is recorded as
// an invalid field.
func (p *parser) siret() string {
	g := p.siretIn(p.partnerBlock[0], p.partnerBlock[1])
	if g == "" {
		for i := range p.ls {
			if i >= p.cafBlock[0] && i < p.cafBlock[1] {
				continue
			}
			if g = p.siretIn(i, i+1); g != "" {
				break
			}
		}
	}
	if g == "" {
		return ""
	}
	s := model.NormalizeSIRET(g)
	if !model.ValidSIRET(s) {
		p.miss(fieldPartnerSIRET)
		return ""
	}
	return s
}

// siretIn returns the first SIRET printed in lines [from, to), as printed.
func (p *parser) siretIn(from, to int) string {
	for i := from; i < to && i < len(p.ls); i++ {
		if g := reSIRETLabel.FindStringSubmatch(p.ls[i].fold); g != nil {
			return g[1]
		}
	}
	return ""
}

// headingPartner returns the partner named on a title page or a bulletin's
// heading: « Partenaires : … » or « Partenaire : … », possibly wrapped over
// the next lines (up to three).
func (p *parser) headingPartner() string {
	i := p.find(0, prefixed("partenaires :", "partenaire :", "partenaires:", "partenaire:"))
	if i < 0 {
		return ""
	}
	_, first, _ := strings.Cut(p.ls[i].text, ":")
	parts := []string{strings.TrimSpace(first)}
	for j := i + 1; j < min(i+4, len(p.ls)) && continuesName(p.ls[j]); j++ {
		parts = append(parts, p.ls[j].text) // a long name wraps over lines
	}
	return stripArticle(strings.Join(parts, " "))
}

// continuesName reports whether l can be the end of a name wrapped from the
// line before: not a heading, label or table row of its own.
func continuesName(l line) bool {
	if len(l.filled()) != 1 || len(l.text) > 60 {
		return false
	}
	for _, pre := range []string{"sommaire", "convention", "numero", "siret", "n° siret", "annexe", "la presente", "preambule", "article", "objet", "contrat"} {
		if strings.HasPrefix(l.fold, pre) {
			return false
		}
	}
	return !strings.Contains(l.fold, ":")
}
