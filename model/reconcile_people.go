package model

import "slices"

// duplicates: duplicate_account, one finding per person. Accounts holding a
// slot are linked when they share a folded e-mail or a folded Nom+Prénom;
// links are transitive (A and B share an e-mail, B and C a name: one person).
func (st *convState) duplicates(c *convEntry, out []Finding) []Finding {
	clear(st.keys)
	st.parent = st.parent[:0]
	for i := range st.accs {
		st.parent = append(st.parent, int32(i))
	}
	link := func(key dupKey, i int32) {
		if j, ok := st.keys[key]; ok {
			st.union(i, j)
		} else {
			st.keys[key] = i
		}
	}
	linked := false
	for i := range st.accs {
		a := &st.accs[i]
		if !a.slot {
			continue
		}
		if e := st.f.fold(a.email); e != "" {
			link(dupKey{a: e}, int32(i))
		}
		if n := st.f.fold(a.nom); n != "" {
			link(dupKey{name: true, a: n, b: st.f.fold(a.prenom)}, int32(i))
		}
		linked = true
	}
	if !linked {
		return out
	}
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
		groups[r] = append(groups[r], st.accs[i].id)
	}
	for _, ids := range groups {
		slices.Sort(ids)
		out = append(out, Finding{Code: CodeDuplicateAccount, Convention: c.number, Accounts: ids})
	}
	return out
}

// dupKey is a folded e-mail (name false) or a folded Nom and Prénom.
type dupKey struct {
	name bool
	a, b string
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

// admins: undeclared_admin and missing_admin. An Actif administrator account
// matches an Annexe 1 partner administrator when its folded « Prénom Nom »
// equals the contact's folded name, or its folded e-mail the contact's.
// A convention known only by its bulletins has no Annexe 1 to compare with.
func (st *convState) admins(c *convEntry, out []Finding) []Finding {
	if !c.annex1 {
		return out
	}
	found := make([]bool, len(c.admins))
	for i := range st.accs {
		a := &st.accs[i]
		if !a.admin {
			continue
		}
		full := joinFolded(st.f.fold(a.prenom), st.f.fold(a.nom))
		email := st.f.fold(a.email)
		declared := false
		for j, ad := range c.admins {
			if (full != "" && full == ad.foldName) || (email != "" && email == ad.foldEmail) {
				declared, found[j] = true, true
			}
		}
		if !declared {
			out = append(out, Finding{Code: CodeUndeclaredAdmin, Convention: c.number, Account: a.id})
		}
	}
	for j, ad := range c.admins {
		if !found[j] {
			out = append(out, Finding{Code: CodeMissingAdmin, Convention: c.number, Name: ad.name})
		}
	}
	return out
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
