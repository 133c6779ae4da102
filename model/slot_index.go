package model

import (
	"cmp"
	"slices"
	"strings"
)

// SlotIndex numbers the quota slots rows hold (a convention, one of its
// units and services as its bulletins name them, a profile) by the
// matching rules of SlotHolders, before any finding is known: `reconcile
// --out` spools each slot-holding row with its slot as it reads an export,
// the only time it reads it, and keeps those of the breached slots once the
// findings are known (Breaches). It keeps no row.
type SlotIndex struct {
	f   *foldCache
	idx *convIndex
	// base is the first slot of each unit and service of a convention (as
	// its bulletins name them); the slots of its profiles follow, in
	// Profiles order. n is the number of slots numbered.
	base map[slotUnit]int32
	n    int32
	// spelled is, per convention and unit and service as a row writes
	// them, the slot of each quota profile (-1: none): a million rows
	// spell a few thousand, and folding both on every row was most of the
	// time of gathering a breach report's accounts.
	spelled map[spelledSlot][len(Profiles)]int32
}

type slotUnit struct{ conv, unit, service string }

type spelledSlot struct {
	conv          int32
	unit, service string
}

// maxSpelled bounds SlotIndex.spelled; past it, rows are resolved
// without it.
const maxSpelled = 1 << 16

// NewSlotIndex returns an index of the slots of records' conventions.
func NewSlotIndex(records []Record) *SlotIndex {
	f := newFoldCache()
	return newSlotIndex(buildConvIndex(MergeBulletins(records), f), f)
}

// SlotIndex returns an index of the slots of r's conventions that shares
// r's index of them and its fold cache (for 5,000 conventions, 25 MB not
// built twice): use it from the goroutine that calls Add, and not while
// findings are being computed.
func (r *Reconciler) SlotIndex() *SlotIndex { return newSlotIndex(r.idx, r.f) }

func newSlotIndex(idx *convIndex, f *foldCache) *SlotIndex {
	return &SlotIndex{f: f, idx: idx, base: map[slotUnit]int32{}, spelled: map[spelledSlot][len(Profiles)]int32{}}
}

// Slot returns the slot h holds, numbered from 0 in the order first held,
// and false when it holds none (not Actif or Suspendu, no convention,
// a unit unknown to it, not a quota profile). SlotHolders keeps one row per
// account and slot: the caller removes an account's later rows.
func (s *SlotIndex) Slot(h *Habilitation) (int32, bool) {
	if !h.HoldsSlot() {
		return -1, false
	}
	c := s.idx.match(h)
	if c < 0 {
		return -1, false
	}
	p := slotProfileIndex(h.Profile)
	if p < 0 {
		return -1, false
	}
	k := spelledSlot{c, h.Unit, h.Service}
	ids, ok := s.spelled[k]
	if !ok {
		ids = s.resolve(c, h.Unit, h.Service)
		if len(s.spelled) < maxSpelled {
			// Copied: the row's strings may be the reader's.
			k.unit, k.service = strings.Clone(k.unit), strings.Clone(k.service)
			s.spelled[k] = ids
		}
	}
	return ids[p], ids[p] >= 0
}

// resolve gives the slot of each quota profile of the unit and service, as
// written, in convention c (-1 for all: the unit is unknown).
func (s *SlotIndex) resolve(c int32, unit, service string) [len(Profiles)]int32 {
	var ids [len(Profiles)]int32
	conv := &s.idx.convs[c]
	sl, ok := conv.slotOf(s.f, unit, service)
	if !ok {
		for p := range ids {
			ids[p] = -1
		}
		return ids
	}
	k := slotUnit{conv.number, sl.unit, sl.service}
	base, seen := s.base[k]
	if !seen {
		base = s.n
		s.n += int32(len(Profiles))
		s.base[k] = base
	}
	for p := range ids {
		ids[p] = base + int32(p)
	}
	return ids
}

// Breaches maps each slot numbered so far to the index in fs of the quota
// finding (quota_exceeded or profile_not_authorized) that counts it, -1 for
// a slot within its quota; when two findings count the same slot, the
// later one, as SlotHolders keys the slot.
func (s *SlotIndex) Breaches(fs []Finding) []int32 {
	out := make([]int32, s.n)
	for i := range out {
		out[i] = -1
	}
	for i, f := range fs {
		if f.Code != CodeQuotaExceeded && f.Code != CodeProfileNotAuthorized {
			continue
		}
		base, ok := s.base[slotUnit{f.Convention, f.Unit, f.Service}]
		// The profile as SlotHolders keys it: exactly one of Profiles.
		if p := slices.Index(Profiles[:], f.Profile); ok && p >= 0 {
			out[base+int32(p)] = int32(i)
		}
	}
	return out
}

// CompareSlotHolders orders the rows holding one slot as SlotHolders lists
// them: most recently created first, then the latest login, then the
// account identifier (the accounts beyond the quota come first).
func CompareSlotHolders(a, b Habilitation) int {
	return cmp.Or(b.Created.Time().Compare(a.Created.Time()), b.LastLogin.Time().Compare(a.LastLogin.Time()),
		cmp.Compare(a.Account, b.Account))
}
