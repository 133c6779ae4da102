package model

import "cmp"

// SlotMatcher tells which quota finding's slot a row holds, by the matching
// rules of SlotHolders, without keeping the row: a caller that spools the
// accounts of a million-row export to disk holds none of them.
type SlotMatcher struct {
	f    *foldCache
	idx  *convIndex
	want map[slotKey]int
}

// NewSlotMatcher returns a matcher for the quota findings of fs
// (quota_exceeded and profile_not_authorized; the others are never
// matched). Match gives indexes into fs; when two findings count the same
// slot, the later one is given, as SlotHolders keys the slot.
func NewSlotMatcher(records []Record, fs []Finding) *SlotMatcher {
	m := &SlotMatcher{want: map[slotKey]int{}}
	for i, f := range fs {
		if f.Code == CodeQuotaExceeded || f.Code == CodeProfileNotAuthorized {
			m.want[slotKey{f.Convention, f.Unit, f.Service, f.Profile}] = i
		}
	}
	if len(m.want) > 0 {
		m.f = newFoldCache()
		m.idx = buildConvIndex(MergeBulletins(records), m.f)
	}
	return m
}

// Match returns the index in fs of the finding whose slot h holds, and
// false when h holds no breached slot (not Actif or Suspendu, another
// convention, unit, service or profile). SlotHolders keeps one row per
// account and finding: the caller removes an account's later rows.
func (m *SlotMatcher) Match(h *Habilitation) (int, bool) {
	if len(m.want) == 0 || !h.HoldsSlot() {
		return 0, false
	}
	c := m.idx.match(h)
	if c < 0 {
		return 0, false
	}
	conv := &m.idx.convs[c]
	sl, ok := conv.slotOf(m.f, h.Unit, h.Service)
	p := slotProfileIndex(h.Profile)
	if !ok || p < 0 {
		return 0, false
	}
	i, ok := m.want[slotKey{conv.number, sl.unit, sl.service, Profiles[p]}]
	return i, ok
}

// CompareSlotHolders orders the rows holding one slot as SlotHolders lists
// them: most recently created first, then the latest login, then the
// account identifier (the accounts beyond the quota come first).
func CompareSlotHolders(a, b Habilitation) int {
	return cmp.Or(b.Created.Time().Compare(a.Created.Time()), b.LastLogin.Time().Compare(a.LastLogin.Time()),
		cmp.Compare(a.Account, b.Account))
}
