package dossier

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"habilitations/model"
)

var (
	// reBulletin reads a bulletin's heading once its wrapped lines are joined:
	// « Annexe 2.1 : Service social général – Bulletin d'adhésion au service
	// « Consultation du dossier allocataire par les partenaires » (Cdap) ».
	//
	// Text recognition loses or changes the dot of the annex number
	// (« Annexe 22 », « Annexe 2,2 »): annexNumber reads it back.
	reBulletin = regexp.MustCompile(`^annexe\s+(2\s*[.,]?\s*\d{1,3})\s*[:\-]?\s*(.*?)\s*[\-:]?\s*bulletin d'adhesion\b(.*)$`)
	// Recognition reads a parenthesis as a brace or a bracket (« {Cdap) »).
	reService = regexp.MustCompile(`»\s*[({\[]\s*([a-z][a-z0-9\-]{1,20})\s*[)}\]]`)
	reUnitRow = regexp.MustCompile(`^annexe\s+(2\s*[.,]?\s*\d{1,3})\s*(?:[:\-–]\s*)?(.*)$`)
)

// heading is one bulletin d'adhésion heading found in the text.
type heading struct {
	at      int    // index of its first line
	next    int    // index of the first line after the heading
	annex   string // « 2.1 »
	unit    string // as printed in the heading
	service string // « Cdap »
}

// bulletinHeadings finds every « Annexe 2.N : <unité> – Bulletin
// d'adhésion … (Cdap) » heading, joining up to three wrapped lines.
func (p *parser) bulletinHeadings() []heading {
	if p.headings != nil {
		return *p.headings
	}
	var hs []heading
	for i := 0; i < len(p.ls); i++ {
		if !strings.HasPrefix(p.ls[i].fold, "annexe") || isTOC(p.ls[i]) {
			continue
		}
		for n := 1; n <= 4 && i+n <= len(p.ls); n++ {
			joined := strings.Join(texts(p.ls[i:i+n]), " ")
			f := fold(joined)
			g := reBulletin.FindStringSubmatchIndex(f)
			if g == nil || (n > 1 && strings.HasPrefix(p.ls[i+n-1].fold, "annexe")) {
				continue
			}
			h := heading{at: i, next: i + n, annex: annexNumber(f[g[2]:g[3]])}
			h.unit = strings.Trim(sliceRunes(joined, f, g[4], g[5]), " –—-:")
			// The service code is the parenthesis after the service's name,
			// possibly some lines further when the heading wraps.
			tail := f[g[6]:g[7]]
			for j := i + n; j < min(i+n+5, len(p.ls)) && !strings.ContainsAny(tail, "({[") && !endsHeading(p.ls[j]); j++ {
				tail += " " + p.ls[j].fold
			}
			if s := reService.FindStringSubmatch(tail); s != nil {
				h.service = serviceName(s[1])
			} else if strings.Contains(tail, "consultation du dossier al") {
				h.service = "Cdap"
			}
			hs = append(hs, h)
			i += n - 1
			break
		}
	}
	p.headings = &hs
	return hs
}

// endsHeading reports a line that follows a bulletin heading rather than
// continues it.
func endsHeading(l line) bool {
	for _, pre := range []string{"le service", "article", "annexe", "profil", "fait a"} {
		if strings.HasPrefix(l.fold, pre) {
			return true
		}
	}
	return false
}

// serviceName spells a service code as the record keeps it (« Cdap »).
func serviceName(code string) string {
	if code == "" {
		return ""
	}
	return strings.ToUpper(code[:1]) + code[1:]
}

func texts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

// services reads one service per bulletin, in annex order: its unit (the
// Annexe 2 label when the dossier lists it), service, quotas and signature
// date (the convention's when the bulletin prints none). When an annex's
// heading appears twice (a wrapped table-of-contents entry, a bulletin
// printed twice), the one with a quota table is kept.
func (p *parser) services(kind, signedOn string) []model.Service {
	hs := p.bulletinHeadings()
	units := p.unitList()
	if len(hs) == 0 {
		p.miss(fieldBulletins)
		return nil
	}
	var chosen []bulletin
	for k, h := range hs {
		end := len(p.ls)
		if k+1 < len(hs) {
			end = hs[k+1].at
		}
		b := p.bulletin(h, end, unitOf(units, h.annex), kind, signedOn)
		i := slices.IndexFunc(chosen, func(c bulletin) bool { return c.svc.Annex == h.annex })
		switch {
		case i < 0:
			chosen = append(chosen, b)
		case !chosen[i].quotasOK && b.quotasOK:
			chosen[i] = b
		}
	}
	var out []model.Service
	var noQuotas []string
	for _, b := range chosen {
		out = append(out, b.svc)
		if !b.quotasOK {
			noQuotas = append(noQuotas, b.svc.Annex)
		}
		for _, f := range b.missing {
			p.miss(f)
		}
	}
	if len(noQuotas) == len(chosen) {
		p.miss(fieldBulletins)
	} else {
		for _, a := range noQuotas {
			p.miss(fmt.Sprintf(fieldBulletinQuotas, a))
		}
	}
	for _, u := range units {
		if !hasAnnex(out, u.annex) {
			p.miss(fmt.Sprintf(fieldMissingBulletn, u.annex, u.label))
		}
	}
	slices.SortStableFunc(out, func(a, b model.Service) int { return compareAnnex(a.Annex, b.Annex) })
	return out
}

// bulletin is one bulletin read from its heading to the next one.
type bulletin struct {
	svc      model.Service
	quotasOK bool
	missing  []string
}

// bulletin reads the bulletin whose heading is h, up to line end.
func (p *parser) bulletin(h heading, end int, listed, kind, signedOn string) bulletin {
	b := bulletin{svc: model.Service{Annex: h.annex, Unit: h.unit, Service: h.service}}
	if listed != "" {
		b.svc.Unit = listed
	}
	if b.svc.Unit == "" {
		b.missing = append(b.missing, fmt.Sprintf("structure du bulletin d'adhésion (annexe %s)", h.annex))
	}
	if b.svc.Service == "" {
		b.missing = append(b.missing, fmt.Sprintf("service du bulletin d'adhésion (annexe %s)", h.annex))
	}
	var bad []string
	b.svc.Quotas, b.quotasOK, bad = p.quotas(h.next, end, h.annex)
	b.missing = append(b.missing, bad...)
	if _, on, found := p.signature(h.next, end, true); found {
		b.svc.SignedOn = on
	} else if kind == model.KindDossier && signedOn != "" {
		b.svc.SignedOn = signedOn
	} else {
		b.missing = append(b.missing, fmt.Sprintf(fieldBulletinDate, h.annex))
	}
	return b
}

func hasAnnex(ss []model.Service, annex string) bool {
	for _, s := range ss {
		if s.Annex == annex {
			return true
		}
	}
	return false
}

// unit is one row of Annexe 2's list of the partner's units.
type unit struct{ annex, label string }

func unitOf(us []unit, annex string) string {
	for _, u := range us {
		if u.annex == annex {
			return u.label
		}
	}
	return ""
}

// unitList reads Annexe 2's table « Numéro | Libellé » (« Annexe 2.1 |
// Service social général »); a label wrapped onto the next line is joined.
// In a table centred vertically, a two-line label straddles its number's
// line: a row with no label takes the lines wrapped after the row above.
func (p *parser) unitList() []unit {
	start := -1
	for i, l := range p.ls {
		if strings.HasPrefix(l.fold, "annexe 2") && strings.Contains(l.fold, "liste des services") && !isTOC(l) &&
			!strings.Contains(l.fold, "bulletin") {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	type row struct {
		annex   string
		own     []string // the label on the number's line
		wrapped []string // lines after it
	}
	var rows []row
	var before []string // label lines before the first number
	for i := start + 1; i < len(p.ls); i++ {
		l := p.ls[i]
		if strings.HasPrefix(l.fold, "numero") {
			continue
		}
		g := reUnitRow.FindStringSubmatch(l.fold)
		if g == nil {
			if len(l.filled()) != 1 || !continuesLabel(l) {
				break
			}
			if len(rows) == 0 {
				if before = append(before, l.text); len(before) > 2 {
					break
				}
				continue
			}
			rows[len(rows)-1].wrapped = append(rows[len(rows)-1].wrapped, l.text)
			continue
		}
		if strings.Contains(l.fold, "bulletin") || strings.HasPrefix(l.fold, "annexe 3") {
			break
		}
		r := row{annex: annexNumber(g[1])}
		if label := strings.Trim(sliceRunes(l.text, l.fold, len(l.fold)-len(g[2]), len(l.fold)), " –—-:"); label != "" {
			r.own = []string{label}
		} else if len(rows) == 0 {
			r.own = before
		} else {
			prev := &rows[len(rows)-1]
			r.own, prev.wrapped = prev.wrapped, nil
		}
		rows = append(rows, r)
	}
	us := make([]unit, 0, len(rows))
	for _, r := range rows {
		us = append(us, unit{annex: r.annex, label: strings.Join(append(r.own, r.wrapped...), " ")})
	}
	return us
}

// continuesLabel reports whether l can end a unit label wrapped from the row
// above (not a heading, a form field or page furniture).
func continuesLabel(l line) bool {
	f := l.fold
	for _, pre := range []string{"annexe", "partenaire", "convention", "article", "objet", "page "} {
		if strings.HasPrefix(f, pre) {
			return false
		}
	}
	return !strings.ContainsAny(f, ":«»") && len(strings.Fields(f)) <= 8
}

// compareAnnex orders annex numbers numerically (« 2.2 » before « 2.10 »).
func compareAnnex(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, errx := strconv.Atoi(pa[i])
		y, erry := strconv.Atoi(pb[i])
		if errx != nil || erry != nil {
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// annexNumber writes an Annexe 2 number as « 2.N »: without spaces, the
// comma or the lost dot of text recognition put back (« 2,2 », « 22 »).
func annexNumber(s string) string {
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), ""), ",", ".")
	if !strings.Contains(s, ".") && len(s) > 1 {
		s = s[:1] + "." + s[1:]
	}
	return s
}
