package dossier

import (
	"regexp"
	"strings"
	"unicode"

	"habilitations/model"
)

var (
	// reRepresented strips « Représenté(e) par [Monsieur] » before « Nom, Titre ».
	reRepresented = regexp.MustCompile(`^(?i:represente(?:\(e\)|e)?\s+par)\s+`)
	reCivility    = regexp.MustCompile(`^(?:monsieur|madame|mademoiselle|m\.|mme|mlle|mr)\s+`)
	reArticle     = regexp.MustCompile(`^(?:le|la|les|l')\s*`)
	rePostcode    = regexp.MustCompile(`\b\d{5}\b`)
	reStreet      = regexp.MustCompile(`^(?:\d|rue\b|avenue\b|av\.|bd\b|boulevard\b|place\b|esplanade\b|chemin\b|allee\b|route\b|quai\b|cours\b|impasse\b|square\b|bp\b|cs\b|hotel de ville\b|parvis\b|mail\b|rond-point\b|immeuble\b|batiment\b|zone\b|za\b|zi\b)`)
)

// parties reads the clause « La présente convention est signée entre : » —
// the Caf (name, seat, representative) « et » the partner (name, address,
// representative) — filling conv.Caf and conv.Partner.
func (p *parser) parties(conv *model.Convention) {
	start := p.find(0, prefixed("la presente convention est signee entre"))
	if start < 0 {
		p.miss(fieldCafName)
		p.miss(fieldPartnerName)
		return
	}
	end := p.find(start, func(l line) bool { return prefixed("preambule", "article 1")(l) || isAgreedClause(l) })
	if end < 0 {
		end = min(start+30, len(p.ls))
	}
	block := p.ls[start+1 : end]
	and := -1
	for i, l := range block {
		if l.fold == "et" || l.fold == "et :" {
			and = i
			break
		}
	}
	if and < 0 {
		p.miss(fieldPartnerName)
		and = len(block)
	}
	p.cafBlock = [2]int{start + 1, start + 1 + and}
	p.partnerBlock = [2]int{start + 1 + and, end}
	conv.Caf = cafParty(block[:and])
	if conv.Caf.Name == "" {
		p.miss(fieldCafName)
	}
	if and < len(block) {
		conv.Partner = partnerParty(block[and+1:], p.headingPartner())
		if conv.Partner.Name == "" {
			p.miss(fieldPartnerName)
		}
	}
}

// cafParty reads the Caf's lines: its name up to « organisme visé … » or
// « dont le siège est situé … », its seat, then « Représentée par … ».
func cafParty(block []line) model.Party {
	var party model.Party
	var name, addr []string
	state := 0 // 0 name, 1 after « organisme visé », 2 address, 3 representative
	var rep []string
	for _, l := range block {
		switch {
		case strings.HasPrefix(l.fold, "ci - apres") || strings.HasPrefix(l.fold, "ci-apres"):
			state = 4
		case reSIRETLabel.MatchString(l.fold):
			// the Caf's own SIRET: not a party field
		case reRepresented.MatchString(l.fold):
			state = 3
			rep = append(rep, l.text)
		case strings.HasPrefix(l.fold, "dont le siege"):
			state = 2
			addr = append(addr, afterSeat(l.text))
		case strings.HasPrefix(l.fold, "organisme vise"):
			state = 1
		case state == 0:
			name = append(name, l.text)
		case state == 2:
			addr = append(addr, l.text)
		case state == 3:
			rep = append(rep, l.text)
		}
	}
	party.Name = stripArticle(strings.Join(name, " "))
	party.Address = strings.TrimSpace(strings.Join(addr, " "))
	party.Representative, party.Title = representative(strings.Join(rep, " "))
	return party
}

// afterSeat returns what follows « dont le siège est situé [au] ».
func afterSeat(s string) string {
	f := fold(s)
	for _, pre := range []string{"dont le siege est situe au ", "dont le siege est situe a ", "dont le siege est situe ", "dont le siege social est situe ", "dont le siege est "} {
		if strings.HasPrefix(f, pre) {
			return strings.TrimSpace(cutRunes(s, len([]rune(pre))))
		}
	}
	return s
}

// partnerParty reads the partner's lines after « et »: name, address,
// « Représenté(e) par … », SIRET. heading is the name the title page gives
// (« Partenaires : … »), used to tell a name wrapped over two lines from the
// address.
func partnerParty(block []line, heading string) model.Partner {
	var body []line
	var rep []string
	inRep := false
	for _, l := range block {
		if strings.HasPrefix(l.fold, "ci - apres") || strings.HasPrefix(l.fold, "ci-apres") || strings.Contains(l.fold, "siret") {
			inRep = false
			continue
		}
		if reRepresented.MatchString(l.fold) {
			inRep = true
			rep = append(rep, l.text)
			continue
		}
		if inRep {
			rep = append(rep, l.text)
			continue
		}
		body = append(body, l)
	}
	var party model.Partner
	party.Representative, party.Title = representative(strings.Join(rep, " "))
	nameEnd := splitNameAddress(body, heading)
	var name, addr []string
	for i, l := range body {
		if i < nameEnd {
			name = append(name, l.text)
		} else {
			addr = append(addr, l.text)
		}
	}
	party.Name = stripArticle(strings.Join(name, " "))
	party.Address = strings.Join(addr, " ")
	return party
}

// splitNameAddress returns how many of the lines hold the partner's name:
// as many as spell the heading's name when they do, otherwise up to the first
// line that looks like an address (a number, a street word, a postcode).
func splitNameAddress(body []line, heading string) int {
	if heading != "" {
		want := fold(heading)
		var acc []string
		for i, l := range body {
			acc = append(acc, l.text)
			if fold(stripArticle(strings.Join(acc, " "))) == want {
				return i + 1
			}
		}
	}
	for i := 1; i < len(body); i++ {
		if reStreet.MatchString(body[i].fold) || rePostcode.MatchString(body[i].fold) {
			return i
		}
	}
	if len(body) > 1 {
		return len(body) - 1
	}
	return len(body)
}

// representative splits « Représenté(e) par Monsieur Gérard MONTEIL, Président »
// into the person (without civility) and their title.
func representative(s string) (name, title string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	if m := reRepresented.FindStringIndex(fold(s)); m != nil {
		s = strings.TrimSpace(cutRunes(s, len([]rune(fold(s)[:m[1]]))))
	}
	if m := reCivility.FindStringIndex(fold(s)); m != nil {
		s = strings.TrimSpace(cutRunes(s, len([]rune(fold(s)[:m[1]]))))
	}
	name, title, _ = strings.Cut(s, ",")
	name, title = strings.TrimSpace(name), strings.TrimSpace(strings.TrimRight(title, " ."))
	// « Représentée par sa Directrice, Madame Nathalie HENRY »: the title
	// comes first.
	if m := rePossessive.FindStringIndex(fold(name)); m != nil && title != "" {
		name, title = cleanName(title), strings.TrimSpace(cutRunes(name, len([]rune(fold(name)[:m[1]]))))
	}
	return name, title
}

var rePossessive = regexp.MustCompile(`^(?:son|sa|leur)\s+`)

// stripArticle drops the article before an organisation's name (« le Centre
// Communal … », « l'Union … »).
func stripArticle(s string) string {
	s = strings.TrimSpace(s)
	f := fold(s)
	if m := reArticle.FindStringIndex(f); m != nil && m[1] < len(f) {
		return strings.TrimSpace(cutRunes(s, len([]rune(f[:m[1]]))))
	}
	return s
}

// cutRunes drops from s the runes that fold to the first n runes of
// fold(s), so that a prefix matched on the fold can be cut from the
// original text (accents dropped keep one rune; « œ » folds to two).
func cutRunes(s string, n int) string {
	count := 0
	for i, r := range s {
		if count >= n {
			return s[i:]
		}
		if unicode.IsSpace(r) {
			count++
			continue
		}
		count += foldLen(r)
	}
	return ""
}

// isAgreedClause reports « Il est convenu ce qui suit », which ends the
// parties, read on its letters alone: text recognition glues the two short
// words or adds an apostrophe (« Ilest », « Il'est »).
func isAgreedClause(l line) bool {
	var b strings.Builder
	for _, r := range l.fold {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
			if b.Len() >= len("ilestconvenu") {
				break
			}
		}
	}
	return b.String() == "ilestconvenu" && !isTOC(l)
}
