package dossier

import (
	"regexp"
	"strconv"
	"strings"

	"habilitations/model"
)

var (
	// reSigned reads « Fait à Dijon, le - 3 MAI 2017 » (on the fold; the
	// place is cut from the original text by rune offsets).
	reSigned = regexp.MustCompile(`^fait a\s+(.+?)\s*,?\s+le\b\s*(.*)$`)
	// reSignedDateFirst reads « Fait le 3 mai 2017 à Dijon ».
	reSignedDateFirst = regexp.MustCompile(`^fait le\s+(.+?)\s+a\s+(.+)$`)
	// reTerm reads the duration clause « établie pour une durée d'un an ».
	reTerm = regexp.MustCompile(`convention est (?:etablie|conclue|signee|consentie) pour (?:une (?:duree|periode) (?:de |d')\s*)?(\d+|[a-z]+)\s*(?:\(\s*\d+\s*\)\s*)?(ans|an|annees|annee|mois)\b`)
	// reTermLoose reads any « durée de N ans » of the duration article.
	reTermLoose = regexp.MustCompile(`(?:duree|periode) (?:de |d')\s*(\d+|[a-z]+)\s*(?:\(\s*\d+\s*\)\s*)?(ans|an|annees|annee|mois)\b`)
)

var numberWords = map[string]int{
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
	"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "dix-huit": 18, "vingt-quatre": 24, "trente-six": 36,
}

// contract fills the convention's term, renewal, management mode and the
// contrat de service's signature place and date.
func (p *parser) contract(conv *model.Convention) {
	p.term(conv)
	conv.Management = p.management()
	at, on, ok := p.contractSignature()
	if !ok {
		p.miss(fieldSignature)
		return
	}
	conv.SignedAt, conv.SignedOn = at, on
}

// term reads the duration article (« Durée et date d'effet de la
// convention »): term in months and tacit renewal.
func (p *parser) term(conv *model.Convention) {
	text := p.joinedFold(0, len(p.ls))
	loc := reTerm.FindStringSubmatchIndex(text)
	g := reTerm.FindStringSubmatch(text)
	if g == nil {
		if h := strings.Index(text, "duree et date d'effet"); h >= 0 {
			seg := text[h:min(h+600, len(text))]
			if g = reTermLoose.FindStringSubmatch(seg); g != nil {
				loc = []int{h, h + len(seg)}
			}
		}
	}
	if g == nil {
		if !strings.Contains(text, "duree indeterminee") {
			p.miss(fieldTerm)
		}
		return // an open-ended convention: term 0
	}
	n, ok := numberWords[g[1]]
	if !ok {
		var err error
		if n, err = strconv.Atoi(g[1]); err != nil || n <= 0 {
			p.miss(fieldTerm)
			return
		}
	}
	if !strings.HasPrefix(g[2], "mois") {
		n *= 12
	}
	conv.TermMonths = n
	// Tacit renewal is stated in the same sentence or the next one.
	clause := text[loc[0]:min(loc[0]+400, len(text))]
	if dot := strings.Index(clause, ". "); dot >= 0 {
		if next := strings.Index(clause[dot+2:], ". "); next >= 0 {
			clause = clause[:dot+2+next]
		}
	}
	conv.TacitRenewal = strings.Contains(clause, "tacite reconduction") &&
		!strings.Contains(clause, "sans tacite reconduction") && !strings.Contains(clause, "pas de tacite reconduction") &&
		!strings.Contains(clause, "n'est pas reconductible")
}

// management reads the mode the parties chose (« Les parties optent … pour
// le mode délégué de gestion des habilitations »), else the contrat de
// service's title « (mode gestion déléguée) ». The convention's default is
// the delegated mode.
func (p *parser) management() string {
	text := p.joinedFold(0, len(p.ls))
	if i := strings.Index(text, "les parties optent"); i >= 0 {
		clause := text[i:min(i+200, len(text))]
		if dot := strings.Index(clause, "."); dot >= 0 {
			clause = clause[:dot]
		}
		switch {
		case strings.Contains(clause, "delegu"):
			return model.ManagementDelegated
		case strings.Contains(clause, "mode caf") || strings.Contains(clause, "gestion par la caf") || strings.Contains(clause, "mode de gestion caf"):
			return model.ManagementCaf
		}
	}
	if strings.Contains(text, "(mode gestion caf)") || strings.Contains(text, "(mode de gestion caf)") {
		return model.ManagementCaf
	}
	return model.ManagementDelegated
}

// contractSignature returns the place and ISO date of the contrat de
// service's « Fait à …, le … »: the first one after the contract's title and
// before Annexe 1; failing a recognisable title, the last one before Annexe 1
// or the first bulletin.
func (p *parser) contractSignature() (at, on string, ok bool) {
	title := p.find(0, func(l line) bool {
		return strings.HasPrefix(l.fold, "contrat de service pris en application") && !isTOC(l)
	})
	stop := p.annexOneStart()
	if stop < 0 {
		stop = len(p.ls)
		for _, b := range p.bulletinHeadings() {
			if b.at > title {
				stop = b.at // the first bulletin after the contract
				break
			}
		}
	}
	if title >= 0 && title < stop {
		if at, on, ok = p.signature(title, stop, true); ok {
			return at, on, ok
		}
	}
	return p.signature(0, stop, false)
}

// signature returns the first (or last) « Fait à X, le D » in lines [from, to)
// whose date reads.
func (p *parser) signature(from, to int, first bool) (at, on string, ok bool) {
	for i := from; i < to && i < len(p.ls); i++ {
		a, o, found := p.signatureAt(i)
		if !found {
			continue
		}
		at, on, ok = a, o, true
		if first {
			return
		}
	}
	return
}

// signatureAt reads a « Fait à X, le D » (or « Fait le D à X ») at line i,
// in any of its cells; the date may wrap onto the next line, and text after
// it (a merged signature column) is ignored.
func (p *parser) signatureAt(i int) (at, on string, ok bool) {
	if !strings.Contains(p.ls[i].fold, "fait ") {
		return "", "", false
	}
	for _, c := range p.ls[i].filled() {
		f := fold(c)
		var place, date string
		if g := reSigned.FindStringSubmatchIndex(f); g != nil {
			place, date = sliceRunes(c, f, g[2], g[3]), f[g[4]:g[5]]
		} else if g := reSignedDateFirst.FindStringSubmatchIndex(f); g != nil {
			date, place = f[g[2]:g[3]], sliceRunes(c, f, g[4], g[5])
		} else {
			continue
		}
		// « Fait à Dijon, en deux exemplaires, le … »: the place ends at the comma.
		place, _, _ = strings.Cut(place, ",")
		place = strings.TrimSpace(place)
		d, found := findDate(date)
		if !found && strings.Trim(date, "-–— _.") == "" && i+1 < len(p.ls) {
			d, found = findDate(p.ls[i+1].fold)
		}
		if !found || place == "" {
			continue
		}
		return place, d, true
	}
	return "", "", false
}

// reDateIn finds a date inside folded text: « 3 mai 2017 », « 1er juin
// 2021 », « 03/05/2017 », « 2017-05-03 ».
var reDateIn = regexp.MustCompile(`\d{1,2}\s*(?:er)?\s+[a-z]+\.?\s+\d{4}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{4}-\d{2}-\d{2}`)

// reFirstMisread is « 1er » read as « ler » or « ier » before a month.
var reFirstMisread = regexp.MustCompile(`(^|\s)[li]er(\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b)`)

// reShortYear reads a numeric date with a two-digit year (« 3/5/17 »).
var reShortYear = regexp.MustCompile(`\b(\d{1,2})\s*([/.])\s*(\d{1,2})\s*[/.]\s*(\d{2})\b`)

// findDate returns the first date in folded text s that reads, as ISO. A
// two-digit year is of this century (signed dossiers are recent).
func findDate(s string) (string, bool) {
	// Text recognition reads « 1er » as « ler » or « ier » (« le ler février »).
	s = reFirstMisread.ReplaceAllString(s, "${1}1er${2}")
	if !reDateIn.MatchString(s) {
		s = reShortYear.ReplaceAllString(s, "$1/$3/20$4")
	}
	for _, m := range reDateIn.FindAllString(s, 4) {
		if d, err := model.ParseFrenchDate(m); err == nil {
			return d.String(), true
		}
	}
	return "", false
}

// sliceRunes returns the part of original s that folds to f[from:to].
func sliceRunes(s, f string, from, to int) string {
	head := cutRunes(s, len([]rune(f[:from])))
	tail := cutRunes(head, len([]rune(f[from:to])))
	return strings.TrimSpace(head[:len(head)-len(tail)])
}

// joinedFold returns the folded text of lines [from, to) joined by spaces,
// so that clauses wrapped over lines read as one.
func (p *parser) joinedFold(from, to int) string {
	var b strings.Builder
	for i := from; i < to && i < len(p.ls); i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.ls[i].fold)
	}
	return b.String()
}
