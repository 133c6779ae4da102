package model

import (
	"slices"
	"strings"
)

// slotGroup is where the slots of one unit and service of a convention
// are counted.
type slotGroup struct {
	unit, service string // labels for findings
	quotas        Quotas
	local         int32 // its index among its convention's groups
}

type slotGroupKey struct {
	conv int32
	unit int
	svc  string
}

// slotGroup returns the slot group of row h of convention c, or -1 when its
// unit is unknown to c. A convention's rows use few spellings of its units
// and services: they are looked up in a short list of the convention's own
// (compared with ==, cheaper than hashing in a map of every convention's),
// then in a map past the first few.
func (r *Reconciler) slotGroup(c int32, h *Habilitation) int32 {
	seen := r.spellings[c]
	for i := range seen {
		if seen[i].unit == h.Unit && seen[i].service == h.Service {
			return seen[i].group
		}
	}
	k := slotWritten{c, h.Unit, h.Service}
	if len(seen) == maxSpellings {
		if g, ok := r.slots[k]; ok {
			return g
		}
	}
	g := int32(-1)
	if sl, ok := r.idx.convs[c].slotOf(r.f, h.Unit, h.Service); ok {
		gk := slotGroupKey{conv: c, unit: sl.unitIdx, svc: sl.svcKey}
		if g, ok = r.groupBy[gk]; !ok {
			g = int32(len(r.groups))
			gk.svc = strings.Clone(gk.svc)
			r.groupBy[gk] = g
			r.groups = append(r.groups, slotGroup{unit: sl.unit, service: r.keep(sl.service), quotas: sl.quotas, local: int32(len(r.convGroups[c]))})
			r.convGroups[c] = append(r.convGroups[c], g)
		}
	}
	sp := spelling{unit: strings.Clone(h.Unit), service: strings.Clone(h.Service), group: g}
	if len(seen) < maxSpellings {
		r.spellings[c] = append(seen, sp)
	} else {
		k.unit, k.service = sp.unit, sp.service
		r.slots[k] = g
	}
	return g
}

// spelling is a Structure and Service as an export writes them, and the
// slot group they resolve to.
type spelling struct {
	unit, service string
	group         int32
}

const maxSpellings = 8

// slotRef is where a row's slots are counted: a unit and service of a
// convention, with the quotas of its bulletin.
type slotRef struct {
	unitIdx       int
	svcKey        string // folded service
	unit, service string // labels for findings
	quotas        Quotas
}

// slotOf resolves the Structure and Service of a row in c; ok is false when
// the unit is unknown. A service without a bulletin in the unit has zero
// quotas: it authorises nobody.
func (c *convEntry) slotOf(f *foldCache, unit, service string) (slotRef, bool) {
	u := c.unitOf(f.fold(unit))
	if u < 0 {
		return slotRef{}, false
	}
	sf := f.fold(service)
	svcs := c.units[u].svcs
	i := slices.IndexFunc(svcs, func(s convService) bool { return s.fold == sf })
	if i < 0 && sf == "" && len(svcs) == 1 {
		i = 0
	}
	if i < 0 {
		return slotRef{unitIdx: u, svcKey: sf, unit: c.units[u].label, service: CleanText(service)}, true
	}
	return slotRef{unitIdx: u, svcKey: svcs[i].fold, unit: c.units[u].label, service: svcs[i].label, quotas: svcs[i].quotas}, true
}

func slotProfileIndex(p Profile) int {
	switch p {
	case T1:
		return 0
	case T2:
		return 1
	case T4:
		return 2
	case T5:
		return 3
	case T13:
		return 4
	}
	if q, ok := ParseProfile(string(p)); ok && q != p {
		return slotProfileIndex(q)
	}
	return -1
}

func (st *convState) quotaFindings(r *Reconciler, ci int32, out []Finding) []Finding {
	c := &r.idx.convs[ci]
	for _, gi := range r.convGroups[ci] {
		g := &r.groups[gi]
		for p, n := range st.counts[g.local] {
			q := g.quotas.Get(Profiles[p])
			if n <= q {
				continue
			}
			code := CodeQuotaExceeded
			if q == 0 {
				code = CodeProfileNotAuthorized
			}
			out = st.emit(out, Finding{Code: code, Convention: c.number, Unit: g.unit, Service: g.service,
				Profile: Profiles[p], Quota: q, Count: n})
		}
	}
	return out
}
