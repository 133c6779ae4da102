package model

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// mailboxBufs are the buffers the mailbox rule reuses from account to
// account. The parts of each Nom used to be cached by Nom, for the whole
// reconciliation: an export of a million people of distinct names made
// that cache 150 MB, for parts that take less time to find again than a
// map lookup takes to miss.
type mailboxBufs struct {
	local []byte   // the e-mail's local part, letters only
	name  []byte   // the letters of the Nom's words, one after the other
	ends  []int    // where each word's letters end in name
	parts [][]byte // the parts looked for, slices of name
}

// sharedMailbox: the e-mail's local part, letters only and folded, contains
// no part of the Nom (split on spaces, hyphens and apostrophes) of at least
// MailboxMinPart letters. A Nom with no part that long is looked for whole;
// an account without e-mail has no mailbox to judge. nom is folded.
func (st *convState) sharedMailbox(email, nom string) bool {
	if strings.TrimSpace(email) == "" {
		return false
	}
	local := email
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	b := &st.mailbox
	b.local = st.f.letters(b.local[:0], local)
	for _, part := range st.partsOf(nom) {
		if bytes.Contains(b.local, part) {
			return false
		}
	}
	return true
}

// partsOf returns the parts of a folded Nom the mailbox rule looks for,
// valid until its next call.
func (st *convState) partsOf(nom string) [][]byte {
	b := &st.mailbox
	b.name, b.ends, b.parts = b.name[:0], b.ends[:0], b.parts[:0]
	for w := range strings.FieldsFuncSeq(nom, func(r rune) bool { return r == ' ' || r == '-' || r == '\'' }) {
		b.name = st.f.letters(b.name, w)
		b.ends = append(b.ends, len(b.name))
	}
	start := 0
	for _, end := range b.ends {
		if l := b.name[start:end]; utf8.RuneCount(l) >= st.s.MailboxMinPart {
			b.parts = append(b.parts, l)
		}
		start = end
	}
	if len(b.parts) == 0 && len(b.name) > 0 {
		b.parts = append(b.parts, b.name)
	}
	return b.parts
}
