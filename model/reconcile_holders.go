package model

import (
	"cmp"
	"slices"
	"strings"
)

// SlotHolders returns, for each quota finding of fs (quota_exceeded and
// profile_not_authorized), the rows that hold the slots it counts, keyed by
// Finding.Key: one row per account, by the matching rules of Reconcile,
// most recently created first (then latest login, then identifier). The
// quota-breach report lists them as the accounts beyond the quota.
func SlotHolders(records []Record, rows []Habilitation, fs []Finding) map[string][]Habilitation {
	s := newSlotHolderSet(records, fs) // the caller holds rows: no copies
	for i := range rows {
		s.Add(&rows[i])
	}
	return s.Holders()
}

// SlotHolderSet gathers SlotHolders from rows given one at a time, as an
// export reader yields them: only the rows of the breached slots are kept.
type SlotHolderSet struct {
	clone bool // copy the rows kept (they may share memory with a reader's line)
	f     *foldCache
	idx   *convIndex
	want  map[slotKey]string
	seen  map[[2]string]struct{} // (finding key, account)
	out   map[string][]Habilitation
}

type slotKey struct {
	conv, unit, service string
	profile             Profile
}

// NewSlotHolderSet returns an empty set for the quota findings of fs.
func NewSlotHolderSet(records []Record, fs []Finding) *SlotHolderSet {
	s := newSlotHolderSet(records, fs)
	s.clone = true
	return s
}

func newSlotHolderSet(records []Record, fs []Finding) *SlotHolderSet {
	s := &SlotHolderSet{want: map[slotKey]string{}, seen: map[[2]string]struct{}{}, out: map[string][]Habilitation{}}
	for _, f := range fs {
		if f.Code == CodeQuotaExceeded || f.Code == CodeProfileNotAuthorized {
			s.want[slotKey{f.Convention, f.Unit, f.Service, f.Profile}] = f.Key()
		}
	}
	if len(s.want) > 0 {
		s.f = newFoldCache()
		s.idx = buildConvIndex(MergeBulletins(records), s.f)
	}
	return s
}

// Add keeps h when it holds a slot of a breached quota (for a set made by
// NewSlotHolderSet, a copy whose strings share nothing with h's).
func (s *SlotHolderSet) Add(h *Habilitation) {
	if len(s.want) == 0 || !h.HoldsSlot() {
		return
	}
	c := s.idx.match(h)
	if c < 0 {
		return
	}
	conv := &s.idx.convs[c]
	sl, ok := conv.slotOf(s.f, h.Unit, h.Service)
	p := slotProfileIndex(h.Profile)
	if !ok || p < 0 {
		return
	}
	key, ok := s.want[slotKey{conv.number, sl.unit, sl.service, Profiles[p]}]
	if !ok {
		return
	}
	if _, dup := s.seen[[2]string{key, h.Account}]; dup {
		return
	}
	kept := *h
	if s.clone {
		kept = cloneRow(kept)
	}
	s.seen[[2]string{key, kept.Account}] = struct{}{}
	s.out[key] = append(s.out[key], kept)
}

// Holders returns the rows kept, per finding key, in SlotHolders' order.
func (s *SlotHolderSet) Holders() map[string][]Habilitation {
	for _, hs := range s.out {
		slices.SortFunc(hs, func(a, b Habilitation) int {
			return cmp.Or(b.Created.Time().Compare(a.Created.Time()), b.LastLogin.Time().Compare(a.LastLogin.Time()),
				cmp.Compare(a.Account, b.Account))
		})
	}
	return s.out
}

// cloneRow copies the strings of h: a reader's row may share memory with a
// whole line of the export.
func cloneRow(h Habilitation) Habilitation {
	for _, p := range []*string{&h.Account, &h.LastName, &h.FirstName, &h.Email, &h.Organisme, &h.SIRET,
		&h.Unit, &h.Service, &h.Role, &h.Status} {
		*p = strings.Clone(*p)
	}
	h.Profile = Profile(strings.Clone(string(h.Profile)))
	return h
}
