package model

import (
	"bytes"
	"strings"
)

// convState applies the rules to the rows of one convention at a time; its
// maps are cleared, not reallocated, between conventions.
type convState struct {
	f             *foldCache
	s             ReconcileSettings
	dormantBefore Date // last activity before this day: dormant
	nameParts     map[string][][]byte

	accIdx  map[string]int32
	accs    []accAgg
	groupOf map[[2]string]int32    // (Structure, Service) as written → slot group, -1: unknown unit
	groupBy map[slotGroupKey]int32 // (unit, folded service) → slot group
	groups  []slotGroup
	seen    map[uint64]struct{} // (account, group, profile) already counted
	unknown map[[2]string]struct{}
	keys    map[dupKey]int32 // duplicate detection: e-mail or name key → account
	parent  []int32
	size    []int32
	buf     []byte
}

type slotGroupKey struct {
	unit int
	svc  string
}

// slotGroup counts the slots held in one unit and service of a convention.
type slotGroup struct {
	unit, service string
	quotas        Quotas
	counts        [len(Profiles)]int
}

// accAgg is what the rules need to know of one account (one Identifiant).
// Rows of one account may disagree (two e-mails): every slot-holding row
// is judged, so that the findings do not depend on the order of the rows.
type accAgg struct {
	id                 string
	active, slot       bool   // Actif / holds a slot on any row
	admin              bool   // an administrator role on a slot-holding row
	declared           uint64 // the Annexe 1 administrators such rows match (bit j: admin j)
	shared             bool   // some slot-holding row has a non-nominative e-mail
	lastLogin, created Date
	// the identity last judged, to skip rows that repeat it
	email, nom, prenom string
	judged             bool
}

func newConvState(f *foldCache, asOf Date, s ReconcileSettings) *convState {
	return &convState{
		f: f, s: s, dormantBefore: asOf.AddDays(-s.DormantDays), nameParts: map[string][][]byte{},
		accIdx: map[string]int32{}, groupOf: map[[2]string]int32{}, groupBy: map[slotGroupKey]int32{},
		seen: map[uint64]struct{}{}, unknown: map[[2]string]struct{}{}, keys: map[dupKey]int32{},
	}
}

func (st *convState) reset() {
	clear(st.accIdx)
	clear(st.groupOf)
	clear(st.groupBy)
	clear(st.seen)
	clear(st.unknown)
	clear(st.keys)
	st.accs = st.accs[:0]
	st.groups = st.groups[:0]
	st.parent = st.parent[:0]
}

// run appends the findings of convention c, whose rows are rows[bucket[i]].
func (st *convState) run(c *convEntry, rows []Habilitation, bucket []int32, out []Finding) []Finding {
	st.reset()
	for _, ri := range bucket {
		h := &rows[ri]
		a := st.account(c, h)
		g := st.group(c, h)
		if g < 0 {
			k := [2]string{h.Unit, h.Account}
			if _, dup := st.unknown[k]; !dup {
				st.unknown[k] = struct{}{}
				out = append(out, Finding{Code: CodeUnknownUnit, Convention: c.number, Unit: h.Unit, Account: h.Account})
			}
			continue
		}
		p := slotProfileIndex(h.Profile)
		if p < 0 || !h.HoldsSlot() {
			continue
		}
		k := uint64(a)<<32 | uint64(int(g)*len(Profiles)+p)
		if _, dup := st.seen[k]; !dup {
			st.seen[k] = struct{}{}
			st.groups[g].counts[p]++
		}
	}
	out = st.quotaFindings(c, out)
	out = st.accountFindings(c, out)
	out = st.duplicates(c, out)
	return st.admins(c, out)
}

// account folds row h into its account's aggregate and returns its index.
func (st *convState) account(c *convEntry, h *Habilitation) int32 {
	a, ok := st.accIdx[h.Account]
	if !ok {
		a = int32(len(st.accs))
		st.accIdx[h.Account] = a
		st.accs = append(st.accs, accAgg{id: h.Account, created: h.Created})
		st.parent = append(st.parent, a)
	}
	g := &st.accs[a]
	if h.HoldsSlot() {
		g.slot = true
		if !g.judged || g.email != h.Email || g.nom != h.LastName || g.prenom != h.FirstName {
			g.judged = true
			g.email, g.nom, g.prenom = h.Email, h.LastName, h.FirstName
			g.shared = g.shared || st.sharedMailbox(h.Email, h.LastName)
			st.linkPerson(a, h)
		}
	}
	if h.Status == StatusActive {
		g.active = true
	}
	if h.HoldsSlot() && h.IsAdmin() {
		g.admin = true
		g.declared |= st.matchAdmin(c, h)
	}
	if g.lastLogin.Before(h.LastLogin) {
		g.lastLogin = h.LastLogin
	}
	if !h.Created.IsZero() && (g.created.IsZero() || h.Created.Before(g.created)) {
		g.created = h.Created
	}
	return a
}

// accountFindings: dormant_account and shared_mailbox.
func (st *convState) accountFindings(c *convEntry, out []Finding) []Finding {
	for i := range st.accs {
		a := &st.accs[i]
		if a.active {
			last := a.lastLogin
			if last.IsZero() {
				last = a.created
			}
			if !last.IsZero() && last.Before(st.dormantBefore) {
				out = append(out, Finding{Code: CodeDormantAccount, Convention: c.number, Account: a.id})
			}
		}
		if a.shared {
			out = append(out, Finding{Code: CodeSharedMailbox, Convention: c.number, Account: a.id})
		}
	}
	return out
}

// sharedMailbox: the e-mail's local part, letters only and folded, contains
// no part of the Nom (split on spaces, hyphens and apostrophes) of at least
// MailboxMinPart letters. A Nom with no part that long is looked for whole;
// an account without e-mail has no mailbox to judge.
func (st *convState) sharedMailbox(email, nom string) bool {
	if strings.TrimSpace(email) == "" {
		return false
	}
	local := email
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	st.buf = st.f.letters(st.buf[:0], local)
	for _, part := range st.partsOf(nom) {
		if bytes.Contains(st.buf, part) {
			return false
		}
	}
	return true
}

// partsOf returns the parts of a Nom the mailbox rule looks for (cached).
func (st *convState) partsOf(nom string) [][]byte {
	if p, ok := st.nameParts[nom]; ok {
		return p
	}
	var parts [][]byte
	var all []byte
	for _, w := range strings.FieldsFunc(st.f.fold(nom), func(r rune) bool { return r == ' ' || r == '-' || r == '\'' }) {
		l := st.f.letters(nil, w)
		all = append(all, l...)
		if len([]rune(string(l))) >= st.s.MailboxMinPart {
			parts = append(parts, l)
		}
	}
	if len(parts) == 0 && len(all) > 0 {
		parts = [][]byte{all}
	}
	st.nameParts[nom] = parts
	return parts
}
