package model

import (
	"cmp"
	"slices"
)

// ReviewRow is one habilitation as the annual review shows it.
type ReviewRow struct {
	Habilitation
	// Key is ReviewRowKey of the row: it matches decisions read back.
	Key string
	// UnitLabel is the Annexe 2 label of the row's unit, "" when the export's
	// Structure matches no unit of the convention.
	UnitLabel string
	// Findings are the findings that concern this habilitation.
	Findings []Finding
	Recommendation
}

// QuotaUse is one line of a convention's quota table: a unit, service and
// profile with the number of users authorised and the slots held.
type QuotaUse struct {
	Annex, Unit, Service string
	Profile              Profile
	Authorised, Used     int
}

// Gap is the number of places left (negative when the quota is exceeded).
func (q QuotaUse) Gap() int { return q.Authorised - q.Used }

// QuotaState is the French status of a quota line, as the workbook colours it.
type QuotaState string

// The quota states.
const (
	QuotaWithin        QuotaState = "Conforme"
	QuotaFull          QuotaState = "Quota atteint"
	QuotaExceeded      QuotaState = "Dépassement"
	QuotaNotAuthorised QuotaState = "Profil non autorisé"
)

// State classifies the line.
func (q QuotaUse) State() QuotaState {
	switch {
	case q.Authorised == 0 && q.Used > 0:
		return QuotaNotAuthorised
	case q.Used > q.Authorised:
		return QuotaExceeded
	case q.Used == q.Authorised && q.Used > 0:
		return QuotaFull
	}
	return QuotaWithin
}

// Review is the annual review of one convention, prepared as of AsOf.
type Review struct {
	Record   Record
	AsOf     Date
	Due      Date
	Rows     []ReviewRow
	Quotas   []QuotaUse
	Findings []Finding // the convention's findings, sorted
}

// BuildReview prepares the review of the effective record rec from the rows of
// its export (RowsOfConvention) and the findings of reconciliation (those of
// other conventions are ignored). Rows keep the export's order.
func BuildReview(rec Record, rows []Habilitation, findings []Finding, asOf Date) Review {
	num := rec.Convention.Number
	rv := Review{Record: rec, AsOf: asOf, Due: ReviewDue(rec.Convention.SignedOn, asOf)}
	n := 0
	for i := range findings {
		if findings[i].Convention == num {
			n++
		}
	}
	if n > 0 { // counted first: a large export has tens of thousands
		rv.Findings = make([]Finding, 0, n)
		for _, f := range findings {
			if f.Convention == num {
				rv.Findings = append(rv.Findings, f)
			}
		}
	}
	SortFindings(rv.Findings)
	fc := reviewFolds{}
	units := newUnitIndex(rec, fc)
	rv.Rows = make([]ReviewRow, len(rows))
	for i, h := range rows {
		u := units.unit(h.Unit)
		keyUnit := u
		if keyUnit == "" {
			keyUnit = h.Unit
		}
		rv.Rows[i] = ReviewRow{Habilitation: h, UnitLabel: u,
			Key: reviewRowKey(fc, num, h.Account, keyUnit, h.Service, h.Profile)}
	}
	rv.Quotas = quotaUses(rec, rv.Rows, fc)
	attachFindings(&rv, fc)
	rs := newReasons(asOf)
	for i := range rv.Rows {
		rv.Rows[i].Recommendation = rs.recommend(&rv.Rows[i])
	}
	return rv
}

// groupKey identifies a unit, service and profile by their folds.
type groupKey struct {
	unit, service string
	profile       Profile
}

func groupOf(fc reviewFolds, unit, service string, p Profile) groupKey {
	return groupKey{fc.fold(unit), fc.fold(service), p}
}

// quotaUses builds the quota table: every profile authorised or used, per
// bulletin, in the record's order.
func quotaUses(rec Record, rows []ReviewRow, fc reviewFolds) []QuotaUse {
	used := map[groupKey]int{}
	for _, r := range rows {
		if r.HoldsSlot() && r.UnitLabel != "" {
			used[groupOf(fc, r.UnitLabel, r.Service, r.Profile)]++
		}
	}
	return quotaTable(rec, used, fc)
}

// quotaTable is the quota table of rec given the slots used per group.
func quotaTable(rec Record, used map[groupKey]int, fc reviewFolds) []QuotaUse {
	var out []QuotaUse
	for _, s := range rec.Services {
		for _, p := range Profiles {
			q := QuotaUse{Annex: s.Annex, Unit: s.Unit, Service: s.Service, Profile: p,
				Authorised: s.Quotas.Get(p), Used: used[groupOf(fc, s.Unit, s.Service, p)]}
			if q.Authorised > 0 || q.Used > 0 {
				out = append(out, q)
			}
		}
	}
	return out
}

// beyondQuota returns, for a group over its quota, the indexes of the rows
// beyond it: the excess among the slot-holding rows, most recently created
// first (the accounts added after the quota was reached), then the most
// recent login, then the account id — the order of SlotHolders, so that the
// review and the breach report name the same accounts.
func beyondQuota(rows []ReviewRow, idx []int, quota int) []int {
	if len(idx) <= quota {
		return nil
	}
	idx = slices.Clone(idx)
	slices.SortStableFunc(idx, func(a, b int) int {
		ra, rb := rows[a], rows[b]
		return cmp.Or(rb.Created.Time().Compare(ra.Created.Time()), rb.LastLogin.Time().Compare(ra.LastLogin.Time()),
			cmp.Compare(ra.Account, rb.Account))
	})
	return idx[:len(idx)-quota]
}
