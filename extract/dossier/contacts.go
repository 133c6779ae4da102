package dossier

import (
	"regexp"
	"strings"
	"unicode"

	"habilitations/model"
)

var (
	rePhone = regexp.MustCompile(`(?:\+\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.\-]?\d{2}){4}`)
	// rePhoneTail reads the start of a phone number ending a cell.
	rePhoneTail = regexp.MustCompile(`(?:^|\s)((?:\+\s?33\s?|0)[1-9](?:[\s.\-]?\d{2}){0,3})$`)
	// rePhonePiece reads a cell holding only part of a phone number.
	rePhonePiece = regexp.MustCompile(`^\+?[0-9][0-9 .\-]*$`)
)

// contacts reads the two tables of Annexe 1, the partner's first then the
// Caf's. A Caf contact's phone is always "" (records.md §2).
func (p *parser) contacts() []model.Contact {
	cafAt := p.tableHeading(isCafContactsHeading)
	partnerAt := p.tableHeading(isPartnerContactsHeading)
	out := []model.Contact{}
	if partnerAt < 0 {
		p.miss(fieldContacts)
	} else {
		out = append(out, p.contactTable(partnerAt+1, model.SidePartner)...)
	}
	if cafAt >= 0 {
		for _, c := range p.contactTable(cafAt+1, model.SideCaf) {
			c.Phone = ""
			out = append(out, c)
		}
	}
	if partnerAt >= 0 && len(out) == 0 {
		p.miss(fieldContacts)
	}
	return out
}

// isCafContactsHeading reports « Les interlocuteurs à la Caf » and its
// variants (« Interlocuteurs de la Caf »).
func isCafContactsHeading(l line) bool {
	return reCafHeading.MatchString(l.fold)
}

// isPartnerContactsHeading reports « Les interlocuteurs chez le partenaire »
// and its variants; Annexe 1's title « les interlocuteurs des partenaires »
// (plural: both tables) is not one.
func isPartnerContactsHeading(l line) bool {
	return rePartnerHeading.MatchString(l.fold)
}

var (
	reCafHeading     = regexp.MustCompile(`^(?:les )?interlocuteurs (?:a la |de la |)caf\b`)
	rePartnerHeading = regexp.MustCompile(`^(?:les )?interlocuteurs (?:chez le |du |)partenaire\b`)
)

// annexOneStart returns the index of Annexe 1's first table heading, or -1.
func (p *parser) annexOneStart() int {
	a, b := p.tableHeading(isCafContactsHeading), p.tableHeading(isPartnerContactsHeading)
	if a < 0 || (b >= 0 && b < a) {
		return b
	}
	return a
}

// tableHeading returns the index of the heading line that introduces a
// table (a table-of-contents entry with the same words does not), or -1.
func (p *parser) tableHeading(is func(line) bool) int {
	for i, l := range p.ls {
		if !is(l) || isTOC(l) || len(l.text) > 60 {
			continue
		}
		for j := i + 1; j < min(i+4, len(p.ls)); j++ {
			if isContactHeader(p.ls[j]) || startsContact(p.ls[j]) {
				return i
			}
		}
	}
	return -1
}

// isContactHeader reports the header row and the sub-headings of a contact
// table (« Fonction et dénomination | Adresse mél | Téléphone »,
// « Administrateurs », « Autres interlocuteurs »).
func isContactHeader(l line) bool {
	f := l.fold
	if reEmail.MatchString(l.text) {
		return false
	}
	return strings.HasPrefix(f, "fonction") || strings.HasPrefix(f, "nom et fonction") ||
		strings.Contains(f, "adresse mel") || strings.Contains(f, "adresse mei") || strings.Contains(f, "courriel") ||
		strings.Contains(f, "adresse electronique") || strings.HasPrefix(f, "nom et prenom") || strings.HasPrefix(f, "nom, prenom") ||
		f == "telephone" || reSubheading.MatchString(f)
}

// reSubheading reads the sub-headings that group a contact table's rows.
var reSubheading = regexp.MustCompile(`^(?:administrateurs|administrateur\(s\)|autres (?:interlocuteurs|contacts|correspondants)|interlocuteurs|contacts|securite|securite et protection des donnees|protection des donnees)\s*:?$`)

// startsContact reports whether l opens a contact row: its first cell starts
// with a function label, or one of its first two cells is only a function
// label (a table with separate name and function columns).
func startsContact(l line) bool {
	f := l.filled()
	if len(f) == 0 {
		return false
	}
	if _, _, ok := splitRole(f[0]); ok || startsLabel(fold(f[0])) {
		return true
	}
	if len(f) >= 2 && !strings.Contains(f[1], "@") {
		_, rest, ok := splitRole(f[1])
		return ok && rest == ""
	}
	return false
}

// endsContacts reports a line that closes a contact table.
func endsContacts(l line) bool {
	f := l.fold
	return isCafContactsHeading(l) || isPartnerContactsHeading(l) ||
		strings.HasPrefix(f, "annexe") || strings.HasPrefix(f, "article") || strings.HasPrefix(f, "fait a ") ||
		strings.HasPrefix(f, "pour la caf") || strings.HasPrefix(f, "numero libelle")
}

// contactRow accumulates the lines of one table row, whose cells may wrap.
type contactRow struct {
	label   []string // the « Fonction et dénomination » text, over its lines
	email   string
	phone   string
	partial string // the start of an e-mail address cut by a wrap
	// phonePart gathers the pieces of a phone number wrapped in its cell.
	phonePart string
	opened    bool // opened by e-mail or phone pieces above its label line
}

// waiting reports whether the row has an e-mail or a phone number cut by a
// wrap whose end has not come yet.
func (r *contactRow) waiting() bool {
	if r.partial != "" {
		return true
	}
	p := strings.TrimSpace(r.phonePart)
	return p != "" && r.phone == "" && !rePhone.MatchString(p)
}

// onlyPieces reports a line holding nothing but e-mail addresses, pieces of
// them or of phone numbers (no function or name).
func onlyPieces(l line) bool {
	for _, c := range l.filled() {
		if strings.Contains(c, "@") && !strings.Contains(c, " ") || rePhonePiece.MatchString(c) || isEmailPiece(c) {
			continue
		}
		return false
	}
	return len(l.filled()) > 0
}

// contactTable reads the rows of one contact table starting at line from.
func (p *parser) contactTable(from int, side string) []model.Contact {
	end := from
	for end < len(p.ls) && !endsContacts(p.ls[end]) {
		end++
	}
	mendAcrossLines(p.ls, from, end)
	var rows []*contactRow
	for i := from; i < len(p.ls); i++ {
		l := p.ls[i]
		if endsContacts(l) {
			break
		}
		if isContactHeader(l) {
			continue
		}
		var cur *contactRow
		if startsContact(l) || len(rows) == 0 {
			cur = &contactRow{}
			rows = append(rows, cur)
		} else {
			cur = rows[len(rows)-1]
		}
		// In a table whose cells are centred vertically, the first line of a
		// wrapped e-mail or phone cell comes before the row's label line:
		// a line of such pieces alone, just before a row, when the current
		// row waits for nothing, opens the next row.
		if !startsContact(l) && onlyPieces(l) && !cur.waiting() && i+1 < len(p.ls) && startsContact(p.ls[i+1]) {
			cur = &contactRow{}
			rows = append(rows, cur)
			cur.add(l, false)
			cur.opened = true
			continue
		}
		if startsContact(l) && len(rows) > 1 && rows[len(rows)-2].opened && len(rows[len(rows)-2].label) == 0 {
			// the row opened by the pieces above: this is its label line
			rows = rows[:len(rows)-1]
			cur = rows[len(rows)-1]
			cur.opened = false
		}
		cur.add(l, startsContact(l))
	}
	var out []model.Contact
	for _, r := range rows {
		if r.phone == "" {
			r.phone = rePhone.FindString(strings.TrimSpace(r.phonePart))
		}
		if r.email == "" && r.partial != "" {
			if m := reEmail.FindString(r.partial); m != "" {
				r.email = m // no continuation came: keep what reads
			}
		}
		role, name, ok := splitRole(strings.Join(r.label, " "))
		if !ok || name == "" {
			role, name, ok = splitRoleCells(r.label)
		}
		if !ok || name == "" {
			continue
		}
		if !plausibleName(name) {
			// Better a rejection naming Annexe 1 than a wrong contact.
			p.miss(fieldContactName)
			continue
		}
		c := model.Contact{Side: side, Role: role, Name: name, Email: r.email}
		if side == model.SidePartner {
			phone, ok := model.NormalizePhone(r.phone)
			if !ok {
				p.miss("téléphone de " + roleFrench(role) + " (annexe 1)")
			}
			c.Phone = phone
		}
		out = append(out, c)
	}
	return out
}

// add reads one line of the row, cell by cell: the e-mail (a cell with « @ »;
// a long address wraps inside its cell, or onto the next line), the phone,
// and the function-and-name text.
func (r *contactRow) add(l line, first bool) {
	pieces := onlyPieces(l) // no label column on this line
	for k, c := range joinEmailCells(l.filled()) {
		if rest, joined := r.extendEmail(c); joined {
			if c = rest; c == "" {
				continue
			}
		}
		if strings.Contains(c, "@") {
			email, rest := emailIn(c)
			switch {
			case reEmailFull.MatchString(email) && !strings.HasSuffix(email, "."):
				r.setEmail(email)
			case email != "":
				r.partial = email // the address goes on on the next line
			}
			c = rest
		}
		if (k > 0 || pieces) && rePhonePiece.MatchString(c) && !rePhone.MatchString(c) {
			r.phonePart += " " + c // a phone number wrapped inside its cell
			continue
		}
		if m := rePhoneTail.FindStringSubmatchIndex(c); m != nil && !rePhone.MatchString(c) {
			// a label cell merged with the start of a wrapped phone number
			r.phonePart += " " + c[m[2]:m[3]]
			c = c[:m[0]]
		}
		if m := rePhone.FindString(c); m != "" {
			if r.phone == "" {
				r.phone = m // the first of several numbers
			}
			if k > 0 {
				continue // a phone cell holds phones only (« … ou 06 … »)
			}
			c = rePhone.ReplaceAllString(c, " ")
		}
		c = strings.Join(strings.Fields(c), " ")
		if !strings.ContainsFunc(c, unicode.IsLetter) {
			continue // what is left of a phone cell: « / », « ou »
		}
		if c != "" && (first || looksLikeNamePart(c)) {
			r.label = append(r.label, c)
		}
	}
}

// looksLikeNamePart reports whether a wrapped line can continue a contact's
// function or name (and is not page furniture left between two rows).
func looksLikeNamePart(s string) bool {
	if strings.ContainsAny(s, "0123456789:«»") {
		return false
	}
	return len(strings.Fields(s)) <= 6
}

func roleFrench(role string) string {
	switch role {
	case model.RoleSecurity:
		return "responsable sécurité"
	case model.RolePrivacy:
		return "référent Informatique et Libertés"
	}
	return "administrateur"
}
