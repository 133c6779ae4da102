package model

import "slices"

// group returns the slot group of row h, or -1 when its unit is unknown.
func (st *convState) group(c *convEntry, h *Habilitation) int32 {
	k := [2]string{h.Unit, h.Service}
	if g, ok := st.groupOf[k]; ok {
		return g
	}
	g := int32(-1)
	if sl, ok := c.slotOf(st.f, h.Unit, h.Service); ok {
		gk := slotGroupKey{unit: sl.unitIdx, svc: sl.svcKey}
		if g, ok = st.groupBy[gk]; !ok {
			g = int32(len(st.groups))
			st.groupBy[gk] = g
			st.groups = append(st.groups, slotGroup{unit: sl.unit, service: sl.service, quotas: sl.quotas})
		}
	}
	st.groupOf[k] = g
	return g
}

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

func (st *convState) quotaFindings(c *convEntry, out []Finding) []Finding {
	for _, g := range st.groups {
		for p, n := range g.counts {
			q := g.quotas.Get(Profiles[p])
			if n <= q {
				continue
			}
			code := CodeQuotaExceeded
			if q == 0 {
				code = CodeProfileNotAuthorized
			}
			out = append(out, Finding{Code: code, Convention: c.number, Unit: g.unit, Service: g.service,
				Profile: Profiles[p], Quota: q, Count: n})
		}
	}
	return out
}
