package model

import "slices"

// linkPerson links account a with the accounts already seen with the same
// folded e-mail or the same folded Nom and Prénom as row h.
func (st *convState) linkPerson(a int32, h *crow) {
	if e := st.f.fold(st.tab.str(h.email)); e != "" {
		if j, ok := st.emailKeys[e]; ok {
			st.union(a, j)
		} else {
			st.emailKeys[e] = a
		}
	}
	if n := st.folded[h.last]; n != "" {
		k := [2]string{n, st.folded[h.first]}
		if j, ok := st.nameKeys[k]; ok {
			st.union(a, j)
		} else {
			st.nameKeys[k] = a
		}
	}
}

// duplicates: duplicate_account, one finding per person. Accounts holding a
// slot are linked when they share a folded e-mail or a folded Nom+Prénom;
// links are transitive (A and B share an e-mail, B and C a name: one person).
func (st *convState) duplicates(c *convEntry, out []Finding) []Finding {
	// Most accounts are alone: size the groups first, so that only the
	// accounts of a real group are collected.
	st.size = st.size[:0]
	for range st.accs {
		st.size = append(st.size, 0)
	}
	for i := range st.accs {
		if st.accs[i].slot {
			st.size[st.find(int32(i))]++
		}
	}
	var groups map[int32][]string
	for i := range st.accs {
		r := st.find(int32(i))
		if !st.accs[i].slot || st.size[r] < 2 {
			continue
		}
		if groups == nil {
			groups = map[int32][]string{}
		}
		groups[r] = append(groups[r], st.tab.str(st.accs[i].id))
	}
	for _, ids := range groups {
		slices.Sort(ids)
		out = st.emit(out, Finding{Code: CodeDuplicateAccount, Convention: c.number, Accounts: ids})
	}
	return out
}

func (st *convState) find(i int32) int32 {
	for st.parent[i] != i {
		st.parent[i] = st.parent[st.parent[i]]
		i = st.parent[i]
	}
	return i
}

func (st *convState) union(i, j int32) {
	ri, rj := st.find(i), st.find(j)
	if ri != rj {
		st.parent[max(ri, rj)] = min(ri, rj)
	}
}

// admins: undeclared_admin and missing_admin. An account is an Actif
// administrator when it is Actif (records.md §4: any of its rows) and one of
// its slot-holding rows has the role Administrateur or Administrateur
// suppléant (a Désactivé row no longer gives the role). It matches an
// Annexe 1 partner administrator when such a row's folded « Prénom Nom »
// equals the contact's folded name, or its folded e-mail the contact's.
// A convention known only by its bulletins has no Annexe 1 to compare with.
func (st *convState) admins(c *convEntry, out []Finding) []Finding {
	if !c.annex1 {
		return out
	}
	var found uint64
	for i := range st.accs {
		a := &st.accs[i]
		if !a.active || !a.admin {
			continue
		}
		found |= a.declared
		if a.declared == 0 {
			out = st.emit(out, Finding{Code: CodeUndeclaredAdmin, Convention: c.number, Account: st.tab.str(a.id)})
		}
	}
	for j, ad := range c.admins {
		if found&(1<<j) == 0 {
			out = st.emit(out, Finding{Code: CodeMissingAdmin, Convention: c.number, Name: ad.name})
		}
	}
	return out
}

// matchAdmin returns the Annexe 1 partner administrators of c (bit j for
// c.admins[j]) that the holder of row h is.
func (st *convState) matchAdmin(c *convEntry, h *crow) uint64 {
	if len(c.admins) == 0 {
		return 0
	}
	full := joinFolded(st.folded[h.first], st.folded[h.last])
	email := st.f.fold(st.tab.str(h.email))
	var m uint64
	for j, ad := range c.admins {
		if (full != "" && full == ad.foldName) || (email != "" && email == ad.foldEmail) {
			m |= 1 << j
		}
	}
	return m
}

func joinFolded(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
