package model

import "slices"

// Rows returns a copy of the rows of rec, in export order: what
// RowsOfConvention(rec, rows) returns (nil when none).
func (x *ConventionRows) Rows(rec Record) []Habilitation {
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		return RowsOfConvention(rec, x.rows) // a record not indexed
	}
	var idx []int32
	for _, c := range cs {
		idx = append(idx, x.members[c]...)
	}
	if len(idx) == 0 {
		return nil
	}
	slices.Sort(idx) // classes interleave in the export
	out := make([]Habilitation, len(idx))
	for i, j := range idx {
		out[i] = x.rows[j]
	}
	return out
}

// Len is the number of rows of rec (len of Rows(rec)).
func (x *ConventionRows) Len(rec Record) int {
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		return len(RowsOfConvention(rec, x.rows))
	}
	n := 0
	for _, c := range cs {
		n += len(x.members[c])
	}
	return n
}

// Quotas returns the quota table of rec's review, BuildReview(rec,
// x.Rows(rec), …).Quotas, without building the review's rows: the Caf's
// overview shows every convention's quotas each night, and only the
// conventions falling due need their whole review.
func (x *ConventionRows) Quotas(rec Record) []QuotaUse {
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		return BuildReview(rec, RowsOfConvention(rec, x.rows), nil, Date{}).Quotas
	}
	units := newUnitIndex(rec, x.fc)
	used := map[groupKey]int{}
	for _, c := range cs {
		for _, t := range x.tallies[c] {
			if u := units.unit(t.unit); u != "" { // as quotaUses counts them
				used[groupOf(x.fc, u, t.service, t.profile)] += t.n
			}
		}
	}
	return quotaTable(rec, used, x.fc)
}
