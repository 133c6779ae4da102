package dossier

import (
	"regexp"
	"strings"
)

var (
	reEmail     = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	reEmailFull = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
	reEmailTail = regexp.MustCompile(`^[a-z0-9._\-]+$`)
)

// emailIn finds the e-mail address in a cell, joining the pieces of an
// address wrapped inside its cell (the text layer joins them with a space:
// « …@caf.cnafmail. fr »), and returns the rest of the cell.
func emailIn(c string) (email, rest string) {
	toks := strings.Fields(c)
	at := -1
	for i, t := range toks {
		if strings.Contains(t, "@") {
			at = i
			break
		}
	}
	if at < 0 {
		return "", c
	}
	joins := func(a, b string) bool {
		return strings.ContainsAny(a[len(a)-1:], ".@-_") || strings.ContainsAny(b[:1], ".@-_")
	}
	from, to := at, at+1
	for from > 0 && (joins(toks[from-1], toks[from]) || isEmailPiece(toks[from-1])) && reEmailTail.MatchString(strings.ToLower(toks[from-1])) {
		// A piece that can only be part of an address joins too: text
		// recognition splits one with a space (« …cafdij on@caf… »).
		from--
	}
	for to < len(toks) && joins(toks[to-1], toks[to]) && reEmailTail.MatchString(toks[to]) {
		to++
	}
	// An address cut inside a word by a narrow cell (« …@caf.cnafmail.f »
	// then « r »): the next piece joins when the address is not whole
	// without it and is with it.
	for to < len(toks) && !reEmailFull.MatchString(strings.Join(toks[from:to], "")) &&
		reEmailTail.MatchString(toks[to]) && reEmailFull.MatchString(strings.Join(toks[from:to+1], "")) {
		to++
	}
	email = strings.Join(toks[from:to], "")
	// Trailing punctuation is not part of the address; trailing address
	// characters (« …cnafmail.f » then « r ») are a cut address, kept whole.
	if m := reEmail.FindString(email); m != "" && strings.HasPrefix(email, m) && !reEmailTail.MatchString(strings.ToLower(email[len(m):])) {
		email = m
	}
	rest = strings.Join(append(append([]string{}, toks[:from]...), toks[to:]...), " ")
	return email, rest
}

// joinEmailCells rejoins an e-mail address that a text layer split into two
// cells of one line (a browser breaks a long address anywhere:
// « moncomptepartenaire.cafdij | on@caf.cnafmail.fr »): a lower-case piece
// with a dot, a dash or a digit and no space, followed by a cell that starts
// the rest of the address.
func joinEmailCells(cells []string) []string {
	out := make([]string, 0, len(cells))
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if i+1 < len(cells) && isEmailPiece(c) && strings.Contains(cells[i+1], "@") {
			next := strings.Fields(cells[i+1])
			if len(next) > 0 && strings.Contains(next[0], "@") && reEmailFull.MatchString(c+next[0]) {
				out = append(out, strings.Join(append([]string{c + next[0]}, next[1:]...), " "))
				i++
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// isEmailPiece reports a cell that can only be part of an e-mail address.
func isEmailPiece(c string) bool {
	return reEmailTail.MatchString(c) && strings.ContainsAny(c, ".-_0123456789")
}

// extendEmail joins the end of an e-mail address wrapped onto the next line
// (« …@caf.cnafmail. » then « fr », or « …@grand- » then « dijon.fr » before
// the phone) and returns what is left of the cell.
func (r *contactRow) extendEmail(c string) (rest string, joined bool) {
	if r.partial == "" {
		return c, false
	}
	head, tail, _ := strings.Cut(strings.TrimSpace(c), " ")
	if !reEmailTail.MatchString(head) {
		return c, false
	}
	if d := r.partial + head; reEmailFull.MatchString(d) {
		r.setEmail(d)
		return tail, true
	}
	return c, false
}

func (r *contactRow) setEmail(e string) {
	if r.email == "" {
		r.email = e
	}
	r.partial = ""
}
