package model

import (
	"cmp"
	"strings"
)

// SlotMatcher tells which quota finding's slot a row holds, by the matching
// rules of SlotHolders, without keeping the row: a caller that spools the
// accounts of a million-row export to disk holds none of them.
type SlotMatcher struct {
	f    *foldCache
	idx  *convIndex
	want map[slotKey]int
	// spelled is, per convention and unit and service as a row writes
	// them, the finding of each quota profile (-1: none): a million rows
	// spell a few thousand, and folding both and hashing the finding's key
	// on every row was most of the time of gathering a breach report's
	// accounts.
	spelled map[spelledSlot][len(Profiles)]int32
}

type spelledSlot struct {
	conv          int32
	unit, service string
}

// maxSpelled bounds SlotMatcher.spelled; past it, rows are resolved
// without it.
const maxSpelled = 1 << 16

// NewSlotMatcher returns a matcher for the quota findings of fs
// (quota_exceeded and profile_not_authorized; the others are never
// matched). Match gives indexes into fs; when two findings count the same
// slot, the later one is given, as SlotHolders keys the slot.
func NewSlotMatcher(records []Record, fs []Finding) *SlotMatcher {
	m := &SlotMatcher{want: map[slotKey]int{}, spelled: map[spelledSlot][len(Profiles)]int32{}}
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
	p := slotProfileIndex(h.Profile)
	if p < 0 {
		return 0, false
	}
	k := spelledSlot{c, h.Unit, h.Service}
	ids, ok := m.spelled[k]
	if !ok {
		ids = m.resolve(c, h.Unit, h.Service)
		if len(m.spelled) < maxSpelled {
			// Copied: the row's strings may be the reader's.
			k.unit, k.service = strings.Clone(k.unit), strings.Clone(k.service)
			m.spelled[k] = ids
		}
	}
	return int(ids[p]), ids[p] >= 0
}

// resolve gives the finding of each quota profile of the slot that unit and
// service, as written, are in convention c (-1: none).
func (m *SlotMatcher) resolve(c int32, unit, service string) [len(Profiles)]int32 {
	var ids [len(Profiles)]int32
	for p := range ids {
		ids[p] = -1
	}
	conv := &m.idx.convs[c]
	sl, ok := conv.slotOf(m.f, unit, service)
	if !ok {
		return ids
	}
	for p := range ids {
		if i, ok := m.want[slotKey{conv.number, sl.unit, sl.service, Profiles[p]}]; ok {
			ids[p] = int32(i)
		}
	}
	return ids
}

// CompareSlotHolders orders the rows holding one slot as SlotHolders lists
// them: most recently created first, then the latest login, then the
// account identifier (the accounts beyond the quota come first).
func CompareSlotHolders(a, b Habilitation) int {
	return cmp.Or(b.Created.Time().Compare(a.Created.Time()), b.LastLogin.Time().Compare(a.LastLogin.Time()),
		cmp.Compare(a.Account, b.Account))
}
