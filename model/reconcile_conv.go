package model

// convState applies the rules to the rows of one convention at a time; its
// maps are cleared, not reallocated, between conventions.
type convState struct {
	f             *foldCache
	s             ReconcileSettings
	dormantBefore Date // last activity before this day: dormant
	mailbox       mailboxBufs

	accIdx map[string]int32
	accs   []accAgg
	counts [][len(Profiles)]int // per slot group of the convention (slotGroup.local)
	seen   map[uint64]struct{}  // (account, group, profile) already counted
	// duplicate detection: folded e-mail, or folded Nom and Prénom →
	// account. Two maps, not one of a key with both: a million accounts
	// of unique names made that map 110 MB.
	emailKeys map[string]int32
	nameKeys  map[[2]string]int32
	parent    []int32
	size      []int32
	names     []string // Reconciler.nameTab: crow.last and crow.first
	folded    []string // Reconciler.nameFold: the same, folded
	tab       *strTab  // Reconciler.tab: crow.account and crow.email

	// spill (nil: none) takes the findings out of the slice being
	// appended to every spillAt findings (emit), for Findings, which
	// gathers them in chunks anyway: the slice of a convention of a
	// million dormant accounts, grown by appending, was briefly twice its
	// findings, and then copied whole into the chunks.
	spill *findingChunks
}

// spillAt is how many findings emit lets gather before spilling them.
const spillAt = 2048

// emit appends f to out, or spills out first when it is full.
func (st *convState) emit(out []Finding, f Finding) []Finding {
	if st.spill != nil && len(out) >= spillAt {
		st.spill.add(out)
		out = out[:0]
	}
	return append(out, f)
}

// accAgg is what the rules need to know of one account (one Identifiant).
// Rows of one account may disagree (two e-mails): every slot-holding row
// is judged, so that the findings do not depend on the order of the rows.
//
// It holds no pointer (its strings are refs in Reconciler.tab): a
// convention of a million accounts is then 56 MB the collector need not
// scan, where two string headers an account made it 80 MB and two million
// pointers.
type accAgg struct {
	id                 strRef
	active, slot       bool   // Actif / holds a slot on any row
	admin              bool   // an administrator role on a slot-holding row
	declared           uint64 // the Annexe 1 administrators such rows match (bit j: admin j)
	shared             bool   // some slot-holding row has a non-nominative e-mail
	lastLogin, created Date
	// the identity last judged, to skip rows that repeat it
	email       strRef
	nom, prenom uint32 // indexes in Reconciler.nameTab
	judged      bool
}

func newConvState(f *foldCache, asOf Date, s ReconcileSettings) *convState {
	return &convState{
		f: f, s: s, dormantBefore: asOf.AddDays(-s.DormantDays),
		accIdx: map[string]int32{}, seen: map[uint64]struct{}{}, emailKeys: map[string]int32{}, nameKeys: map[[2]string]int32{},
	}
}

func (st *convState) reset() {
	clear(st.accIdx)
	clear(st.seen)
	clear(st.emailKeys)
	clear(st.nameKeys)
	st.accs = st.accs[:0]
	st.parent = st.parent[:0]
}

// shrinkAbove is the most accounts a convention may have for the state's
// maps and slices to be kept, cleared, for the next one.
const shrinkAbove = 1 << 16

// shrink drops the maps and slices of a convention of more than
// shrinkAbove accounts: cleared, they would keep its size (250 MB for a
// million accounts) beside the findings being gathered, and for every
// convention after it.
func (st *convState) shrink() {
	if cap(st.accs) <= shrinkAbove {
		return
	}
	st.accIdx, st.seen, st.emailKeys, st.nameKeys = map[string]int32{}, map[uint64]struct{}{}, map[string]int32{}, map[[2]string]int32{}
	st.accs, st.parent, st.size = nil, nil, nil
}

// run appends the findings of convention ci of r, from its rows (some of
// them spilled first when st.spill is set).
func (st *convState) run(r *Reconciler, ci int32, out []Finding) []Finding {
	st.reset()
	st.names, st.folded, st.tab = r.nameTab, r.nameFold, &r.tab
	c := &r.idx.convs[ci]
	st.counts = append(st.counts[:0], make([][len(Profiles)]int, len(r.convGroups[ci]))...)
	r.rows.each(ci, func(row *crow) {
		a := st.account(c, row)
		if row.group < 0 || row.profile < 0 || !row.holdsSlot() {
			return
		}
		g := r.groups[row.group].local
		k := uint64(a)<<32 | uint64(int(g)*len(Profiles)+int(row.profile))
		if _, dup := st.seen[k]; !dup {
			st.seen[k] = struct{}{}
			st.counts[g][row.profile]++
		}
	})
	out = st.quotaFindings(r, ci, out)
	out = st.accountFindings(c, out)
	out = st.duplicates(c, out)
	return st.admins(c, out)
}

// account folds row h into its account's aggregate and returns its index.
func (st *convState) account(c *convEntry, h *crow) int32 {
	id := st.tab.str(h.account)
	a, ok := st.accIdx[id]
	if !ok {
		a = int32(len(st.accs))
		st.accIdx[id] = a
		st.accs = append(st.accs, accAgg{id: h.account, created: h.created})
		st.parent = append(st.parent, a)
	}
	g := &st.accs[a]
	if h.holdsSlot() {
		g.slot = true
		if email := st.tab.str(h.email); !g.judged || st.tab.str(g.email) != email || g.nom != h.last || g.prenom != h.first {
			g.judged = true
			g.email, g.nom, g.prenom = h.email, h.last, h.first
			g.shared = g.shared || st.sharedMailbox(email, st.folded[h.last])
			st.linkPerson(a, h)
		}
	}
	if h.active() {
		g.active = true
	}
	if h.holdsSlot() && h.admin() {
		g.admin = true
		g.declared |= st.matchAdmin(c, h)
	}
	if g.lastLogin.Before(h.lastLogin) {
		g.lastLogin = h.lastLogin
	}
	if !h.created.IsZero() && (g.created.IsZero() || h.created.Before(g.created)) {
		g.created = h.created
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
				out = st.emit(out, Finding{Code: CodeDormantAccount, Convention: c.number, Account: st.tab.str(a.id)})
			}
		}
		if a.shared {
			out = st.emit(out, Finding{Code: CodeSharedMailbox, Convention: c.number, Account: st.tab.str(a.id)})
		}
	}
	return out
}
