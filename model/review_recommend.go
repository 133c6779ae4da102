package model

import (
	"fmt"
	"strings"
)

// attachFindings gives each row the findings that concern it: account
// findings to the account's rows that hold a slot, quota findings to the rows
// beyond the quota (or all rows of a profile that is not authorised).
func attachFindings(rv *Review, fc reviewFolds) {
	byAccount := map[string][]int{}
	byGroup := map[groupKey][]int{}
	for i, r := range rv.Rows {
		if !r.HoldsSlot() {
			continue
		}
		byAccount[r.Account] = append(byAccount[r.Account], i)
		if r.UnitLabel != "" {
			g := groupOf(fc, r.UnitLabel, r.Service, r.Profile)
			byGroup[g] = append(byGroup[g], i)
		}
	}
	add := func(idx []int, f Finding) {
		for _, i := range idx {
			rv.Rows[i].Findings = append(rv.Rows[i].Findings, f)
		}
	}
	for _, f := range rv.Findings {
		switch f.Code {
		case CodeQuotaExceeded:
			add(beyondQuota(rv.Rows, byGroup[groupOf(fc, f.Unit, f.Service, f.Profile)], f.Quota), f)
		case CodeProfileNotAuthorized:
			add(byGroup[groupOf(fc, f.Unit, f.Service, f.Profile)], f)
		case CodeDormantAccount, CodeSharedMailbox, CodeUndeclaredAdmin:
			add(byAccount[f.Account], f)
		case CodeDuplicateAccount:
			for _, a := range f.Accounts {
				add(byAccount[a], f)
			}
		case CodeUnknownUnit:
			for _, i := range byAccount[f.Account] {
				if rv.Rows[i].UnitLabel == "" && fc.fold(rv.Rows[i].Unit) == fc.fold(f.Unit) {
					add([]int{i}, f)
				}
			}
		}
	}
}

// recommend derives the recommendation of a row from its findings: removal
// for a dormant account, a habilitation beyond its quota or a profile the
// bulletin does not authorise; a check for a probable shared mailbox, a
// duplicate, an undeclared administrator or a unit missing from Annexe 2;
// keeping otherwise. Every reason is given, removal reasons first.
func recommend(r ReviewRow, asOf Date) Recommendation {
	var remove, check []string
	for _, f := range r.Findings {
		switch f.Code {
		case CodeDormantAccount:
			remove = append(remove, dormantReason(r.Habilitation, asOf))
		case CodeQuotaExceeded:
			remove = append(remove, fmt.Sprintf("au-delà du quota %s de « %s » (%d autorisé%s, %d utilisé%s) : compte parmi les %d créés le plus récemment",
				f.Profile, f.Unit, f.Quota, sIf(f.Quota), f.Count, sIf(f.Count), f.Count-f.Quota))
		case CodeProfileNotAuthorized:
			remove = append(remove, fmt.Sprintf("profil %s non autorisé pour « %s » (aucun utilisateur prévu au bulletin d'adhésion)", f.Profile, f.Unit))
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
		return Recommendation{VerdictRemove, sentence(append(remove, check...))}
	case len(check) > 0:
		return Recommendation{VerdictCheck, sentence(check)}
	case !r.HoldsSlot():
		return Recommendation{VerdictKeep, "Compte désactivé : il n'occupe aucune place du quota."}
	}
	return Recommendation{VerdictKeep, "Aucune anomalie relevée."}
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
