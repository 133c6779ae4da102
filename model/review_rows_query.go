package model

import (
	"fmt"
	"slices"
)

// Rows returns a copy of the rows of rec, in export order: what
// RowsOfConvention(rec, rows) returns (nil when none). Of an index that
// did not keep them (Complete is false) it panics: a review built on part
// of a partner's accounts would ask the partner to confirm a list it does
// not have, and the caller decides which records it keeps.
func (x *ConventionRows) Rows(rec Record) []Habilitation {
	if !x.Complete(rec) {
		panic(fmt.Sprintf("model: the rows of convention %q were not kept", rec.Convention.Number))
	}
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		return RowsOfConvention(rec, x.rows) // a record not indexed
	}
	return x.gather(cs, func(*Habilitation) bool { return true })
}

// AdminRows returns the rows of rec that give an administrator role, in
// export order (nil when none); they are kept for every record indexed.
func (x *ConventionRows) AdminRows(rec Record) []Habilitation {
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		cs = nil
		if x.keep == nil {
			return adminRows(RowsOfConvention(rec, x.rows))
		}
	}
	return x.gather(cs, (*Habilitation).IsAdmin)
}

// Complete reports whether the index holds every row of rec: always when
// built from the rows held (NewConventionRows); when streamed, for the
// records kept and those sharing all their classes with one.
func (x *ConventionRows) Complete(rec Record) bool {
	if x.keep == nil {
		return true
	}
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		return false
	}
	for _, c := range cs {
		if !x.whole[c] {
			return false
		}
	}
	return true
}

// gather copies the rows of the classes cs that ok accepts, in export order.
func (x *ConventionRows) gather(cs []int32, ok func(*Habilitation) bool) []Habilitation {
	var idx []int32
	for _, c := range cs {
		for _, i := range x.members[c] {
			if ok(&x.rows[i]) {
				idx = append(idx, i)
			}
		}
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

func adminRows(rows []Habilitation) []Habilitation {
	var out []Habilitation
	for i := range rows {
		if rows[i].IsAdmin() {
			out = append(out, rows[i])
		}
	}
	return out
}

// Len is the number of rows of rec (len of Rows(rec), kept or not).
func (x *ConventionRows) Len(rec Record) int {
	cs, ok := x.classes[x.id(rec)]
	if !ok {
		if x.keep != nil {
			return 0 // streamed: a record not indexed has no class
		}
		return len(RowsOfConvention(rec, x.rows))
	}
	n := 0
	for _, c := range cs {
		n += x.counts[c]
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
		var rows []Habilitation // streamed: a record not indexed has no class
		if x.keep == nil {
			rows = RowsOfConvention(rec, x.rows)
		}
		return BuildReview(rec, rows, nil, Date{}).Quotas
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
