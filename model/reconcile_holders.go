package model

import (
	"cmp"
	"slices"
)

// SlotHolders returns, for each quota finding of fs (quota_exceeded and
// profile_not_authorized), the rows that hold the slots it counts, keyed by
// Finding.Key: one row per account, by the matching rules of Reconcile,
// most recently created first (then latest login, then identifier). The
// quota-breach report lists them as the accounts beyond the quota.
func SlotHolders(records []Record, rows []Habilitation, fs []Finding) map[string][]Habilitation {
	type slotKey struct {
		conv, unit, service string
		profile             Profile
	}
	want := map[slotKey]string{}
	for _, f := range fs {
		if f.Code == CodeQuotaExceeded || f.Code == CodeProfileNotAuthorized {
			want[slotKey{f.Convention, f.Unit, f.Service, f.Profile}] = f.Key()
		}
	}
	out := map[string][]Habilitation{}
	if len(want) == 0 {
		return out
	}
	f := newFoldCache()
	idx := buildConvIndex(MergeBulletins(records), f)
	seen := map[[2]string]struct{}{} // (finding key, account)
	for i := range rows {
		h := &rows[i]
		if !h.HoldsSlot() {
			continue
		}
		c := idx.match(h)
		if c < 0 {
			continue
		}
		conv := &idx.convs[c]
		sl, ok := conv.slotOf(f, h.Unit, h.Service)
		p := slotProfileIndex(h.Profile)
		if !ok || p < 0 {
			continue
		}
		key, ok := want[slotKey{conv.number, sl.unit, sl.service, Profiles[p]}]
		if !ok {
			continue
		}
		if _, dup := seen[[2]string{key, h.Account}]; dup {
			continue
		}
		seen[[2]string{key, h.Account}] = struct{}{}
		out[key] = append(out[key], *h)
	}
	for _, hs := range out {
		slices.SortFunc(hs, func(a, b Habilitation) int {
			return cmp.Or(b.Created.Time().Compare(a.Created.Time()), b.LastLogin.Time().Compare(a.LastLogin.Time()),
				cmp.Compare(a.Account, b.Account))
		})
	}
	return out
}
