package model

// ConventionRows indexes export rows by the partners of records, by the rule
// of RowsOfConvention, in one pass over the rows: asking RowsOfConvention of
// every convention in turn reads every row once per convention, which at
// 10,000 conventions and 270,000 rows was most of a night's time.
type ConventionRows struct {
	rows []Habilitation
	fc   reviewFolds
	of   map[partnerID][]int32 // a partner's rows' indexes, in export order
	// tallies are the partners' slot-holding rows counted (tally), for
	// Quotas.
	tallies map[partnerID][]slotTally
}

// partnerID is what RowsOfConvention matches a row on: the SIRET when both
// sides print one, else the folded name.
type partnerID struct{ siret, name string }

// NewConventionRows indexes rows by the partners of records.
func NewConventionRows(records []Record, rows []Habilitation) *ConventionRows {
	x := &ConventionRows{rows: rows, fc: reviewFolds{}, of: map[partnerID][]int32{}}
	bySIRET := map[string][]partnerID{}      // SIRET → partners printing it
	withSIRET := map[string][]partnerID{}    // folded name → partners with a SIRET (rows without one)
	withoutSIRET := map[string][]partnerID{} // folded name → partners without SIRET (any row)
	for _, r := range records {
		id := x.id(r)
		if _, ok := x.of[id]; ok {
			continue
		}
		x.of[id] = nil
		if id.siret != "" {
			bySIRET[id.siret] = append(bySIRET[id.siret], id)
			withSIRET[id.name] = append(withSIRET[id.name], id)
		} else {
			withoutSIRET[id.name] = append(withoutSIRET[id.name], id)
		}
	}
	var lastOrg, lastFold string
	for i := range rows {
		h := &rows[i]
		if i == 0 || h.Organisme != lastOrg {
			lastOrg, lastFold = h.Organisme, x.fc.fold(h.Organisme)
		}
		ids := withSIRET[lastFold]
		if h.SIRET != "" {
			ids = bySIRET[h.SIRET]
		}
		for _, id := range ids {
			x.of[id] = append(x.of[id], int32(i))
		}
		for _, id := range withoutSIRET[lastFold] {
			x.of[id] = append(x.of[id], int32(i))
		}
	}
	return x
}

func (x *ConventionRows) id(r Record) partnerID {
	return partnerID{r.Convention.Partner.SIRET, x.fc.fold(r.Convention.Partner.Name)}
}

// Rows returns a copy of the rows of rec, in export order: what
// RowsOfConvention(rec, rows) returns (nil when none).
func (x *ConventionRows) Rows(rec Record) []Habilitation {
	idx, ok := x.of[x.id(rec)]
	if !ok {
		return RowsOfConvention(rec, x.rows) // a record not indexed
	}
	if len(idx) == 0 {
		return nil
	}
	out := make([]Habilitation, len(idx))
	for i, j := range idx {
		out[i] = x.rows[j]
	}
	return out
}

// Len is the number of rows of rec (len of Rows(rec)).
func (x *ConventionRows) Len(rec Record) int {
	if idx, ok := x.of[x.id(rec)]; ok {
		return len(idx)
	}
	return len(RowsOfConvention(rec, x.rows))
}

// Quotas returns the quota table of rec's review, BuildReview(rec,
// x.Rows(rec), …).Quotas, without building the review's rows: the Caf's
// overview shows every convention's quotas each night, and only the
// conventions falling due need their whole review.
func (x *ConventionRows) Quotas(rec Record) []QuotaUse {
	idx, ok := x.of[x.id(rec)]
	if !ok {
		return BuildReview(rec, RowsOfConvention(rec, x.rows), nil, Date{}).Quotas
	}
	units := newUnitIndex(rec, x.fc)
	used := map[groupKey]int{}
	for _, t := range x.tally(x.id(rec), idx) {
		if u := units.unit(t.unit); u != "" { // as quotaUses counts them
			used[groupOf(x.fc, u, t.service, t.profile)] += t.n
		}
	}
	return quotaTable(rec, used, x.fc)
}

// slotTally is the number of a partner's rows holding a slot with one
// Structure, Service and profile, as the export writes them.
type slotTally struct {
	unit, service string
	profile       Profile
	n             int
}

// tally returns the slot-holding rows of partner id, counted by Structure,
// Service and profile, computed once: a partner without SIRET may have
// thirty conventions (a hospital's successive ones), each of which takes
// all its rows, and counting them row by row for each was a second of a
// night with one large export.
func (x *ConventionRows) tally(id partnerID, idx []int32) []slotTally {
	if t, ok := x.tallies[id]; ok {
		return t
	}
	type key struct {
		unit, service string
		profile       Profile
	}
	at := map[key]int{}
	var out []slotTally
	for _, j := range idx {
		h := &x.rows[j]
		if !h.HoldsSlot() {
			continue
		}
		k := key{h.Unit, h.Service, h.Profile}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, slotTally{unit: h.Unit, service: h.Service, profile: h.Profile})
		}
		out[i].n++
	}
	if x.tallies == nil {
		x.tallies = map[partnerID][]slotTally{}
	}
	x.tallies[id] = out
	return out
}
