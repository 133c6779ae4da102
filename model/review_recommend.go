package model

import (
	"fmt"
	"slices"
	"strings"
)

// attachFindings gives each row the findings that concern it: account
// findings to the account's rows that hold a slot, quota findings to the rows
// beyond the quota (or all rows of a profile that is not authorised).
//
// The (row, finding) pairs are listed first, then every row's findings are
// cut from one array, in the order of rv.Findings: appending them row by row
// cost a 50,000-row review tens of megabytes of garbage.
func attachFindings(rv *Review, fc reviewFolds) {
	rows := rv.Rows
	// The slot-holding rows of each account: its last row, then a chain.
	last := make(map[string]int32, len(rows))
	prev := make([]int32, len(rows))
	byGroup := map[groupKey][]int{}
	for i := range rows {
		r := &rows[i]
		if !r.HoldsSlot() {
			continue
		}
		p, ok := last[r.Account]
		if !ok {
			p = -1
		}
		prev[i], last[r.Account] = p, int32(i)
		if r.UnitLabel != "" {
			g := groupOf(fc, r.UnitLabel, r.Service, r.Profile)
			byGroup[g] = append(byGroup[g], i)
		}
	}
	type pair struct{ row, finding int32 }
	var pairs []pair
	account := func(a string, fi int, keep func(int) bool) {
		i, ok := last[a]
		for ok && i >= 0 {
			if keep == nil || keep(int(i)) {
				pairs = append(pairs, pair{i, int32(fi)})
			}
			i = prev[i]
		}
	}
	for fi, f := range rv.Findings {
		switch f.Code {
		case CodeQuotaExceeded:
			for _, i := range beyondQuota(rows, byGroup[groupOf(fc, f.Unit, f.Service, f.Profile)], f.Quota) {
				pairs = append(pairs, pair{int32(i), int32(fi)})
			}
		case CodeProfileNotAuthorized:
			for _, i := range byGroup[groupOf(fc, f.Unit, f.Service, f.Profile)] {
				pairs = append(pairs, pair{int32(i), int32(fi)})
			}
		case CodeDormantAccount, CodeSharedMailbox, CodeUndeclaredAdmin:
			account(f.Account, fi, nil)
		case CodeDuplicateAccount:
			for _, a := range f.Accounts {
				account(a, fi, nil)
			}
		case CodeUnknownUnit:
			account(f.Account, fi, func(i int) bool {
				return rows[i].UnitLabel == "" && fc.fold(rows[i].Unit) == fc.fold(f.Unit)
			})
		}
	}
	if len(pairs) == 0 {
		return
	}
	start := make([]int32, len(rows)+1) // row i's findings: all[start[i]:start[i+1]]
	for _, p := range pairs {
		start[p.row+1]++
	}
	for i := range rows {
		start[i+1] += start[i]
	}
	all := make([]Finding, len(pairs))
	next := slices.Clone(start[:len(rows)])
	for _, p := range pairs { // in rv.Findings order: each row's stay in it
		all[next[p.row]] = rv.Findings[p.finding]
		next[p.row]++
	}
	for i := range rows {
		if a, b := start[i], start[i+1]; b > a {
			rows[i].Findings = all[a:b:b]
		}
	}
}

// reasons writes the recommendations of one review. The same reason comes
// back for thousands of rows (every account beyond one quota, the accounts
// dormant since the same day): each is made once and shared.
type reasons struct {
	asOf    Date
	quota   map[quotaKey]string
	dormant map[[2]Date]string
	texts   map[[3]string]string
	remove  []string // scratch for recommend
	check   []string
}

func newReasons(asOf Date) *reasons {
	return &reasons{asOf: asOf, quota: map[quotaKey]string{}, dormant: map[[2]Date]string{}, texts: map[[3]string]string{}}
}

// recommend derives the recommendation of a row from its findings: removal
// for a dormant account, a habilitation beyond its quota or a profile the
// bulletin does not authorise; a check for a probable shared mailbox, a
// duplicate, an undeclared administrator or a unit missing from Annexe 2;
// keeping otherwise. Every reason is given, removal reasons first.
func (rs *reasons) recommend(r *ReviewRow) Recommendation {
	remove, check := rs.remove[:0], rs.check[:0]
	defer func() { rs.remove, rs.check = remove[:0], check[:0] }()
	for _, f := range r.Findings {
		switch f.Code {
		case CodeDormantAccount:
			remove = append(remove, rs.dormantReason(r.Habilitation))
		case CodeQuotaExceeded, CodeProfileNotAuthorized:
			remove = append(remove, rs.quotaReason(f))
		case CodeSharedMailbox:
			check = append(check, "adresse mél sans rapport avec le nom du titulaire : boîte partagée probable")
		case CodeDuplicateAccount:
			others := make([]string, 0, len(f.Accounts))
			for _, a := range f.Accounts {
				if a != r.Account {
					others = append(others, a)
				}
			}
			check = append(check, "même personne que "+plural(len(others), "le compte ", "les comptes ")+shortList(others, 5))
		case CodeUndeclaredAdmin:
			check = append(check, "administrateur non déclaré en Annexe 1 : à régulariser par le formulaire Annexe 3 ou à retirer")
		case CodeUnknownUnit:
			check = append(check, fmt.Sprintf("structure « %s » absente de l'Annexe 2 de la convention", r.Unit))
		}
	}
	switch {
	case len(remove) > 0:
		return Recommendation{VerdictRemove, rs.sentence(append(remove, check...))}
	case len(check) > 0:
		return Recommendation{VerdictCheck, rs.sentence(check)}
	case !r.HoldsSlot():
		return Recommendation{VerdictKeep, "Compte désactivé : il n'occupe aucune place du quota."}
	}
	return Recommendation{VerdictKeep, "Aucune anomalie relevée."}
}

// quotaKey is what the text of a quota reason depends on.
type quotaKey struct {
	code         Code
	profile      Profile
	unit         string
	quota, count int
}

// quotaReason says why a row beyond a quota, or of a profile not
// authorised, is to be removed: the same words for every row of the group.
func (rs *reasons) quotaReason(f Finding) string {
	k := quotaKey{f.Code, f.Profile, f.Unit, f.Quota, f.Count}
	if s, ok := rs.quota[k]; ok {
		return s
	}
	var s string
	if f.Code == CodeQuotaExceeded {
		s = fmt.Sprintf("au-delà du quota %s de « %s » (%d autorisé%s, %d utilisé%s) : compte parmi les %d créés le plus récemment",
			f.Profile, f.Unit, f.Quota, sIf(f.Quota), f.Count, sIf(f.Count), f.Count-f.Quota)
	} else {
		s = fmt.Sprintf("profil %s non autorisé pour « %s » (aucun utilisateur prévu au bulletin d'adhésion)", f.Profile, f.Unit)
	}
	rs.quota[k] = s
	return s
}

// dormantReason says how long the account has been inactive.
func (rs *reasons) dormantReason(h Habilitation) string {
	k := [2]Date{h.LastLogin, h.Created}
	if s, ok := rs.dormant[k]; ok {
		return s
	}
	s := dormantReason(h, rs.asOf)
	rs.dormant[k] = s
	return s
}

// sentence is sentence(parts), one string for every row with the same
// reasons (looked up by its parts when there are at most three, as nearly
// always, so that the sentence is not written again to be found).
func (rs *reasons) sentence(parts []string) string {
	var k [3]string
	if len(parts) <= len(k) {
		copy(k[:], parts)
		if s, ok := rs.texts[k]; ok {
			return s
		}
	}
	s := sentence(parts)
	if len(parts) <= len(k) {
		rs.texts[k] = s
	}
	return s
}

// shortList joins at most n ids, then says how many more there are.
func shortList(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s et %d autres", strings.Join(ids[:n], ", "), len(ids)-n)
}

// dormantReason says how long the account has been inactive.
func dormantReason(h Habilitation, asOf Date) string {
	days := asOf.DaysSince(h.LastActivity())
	if h.LastLogin.IsZero() {
		return fmt.Sprintf("compte jamais utilisé depuis sa création le %s (%d jours)", FrenchDate(h.Created), days)
	}
	return fmt.Sprintf("compte inactif depuis %d jours (dernière connexion le %s)", days, FrenchDate(h.LastLogin))
}

// sentence joins reasons into one French sentence with a capital and a full stop.
func sentence(parts []string) string {
	s := strings.Join(parts, " ; ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func sIf(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
