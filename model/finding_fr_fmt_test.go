package model

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestPropFrenchSentencesAsWithFmt: the descriptions and actions put
// together by concatenation are, byte for byte, those fmt.Sprintf wrote
// (the reports of earlier runs compare with them), whatever the fields
// hold: empty, %-signs, accents, negative or large counts.
func TestPropFrenchSentencesAsWithFmt(t *testing.T) {
	field := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", " ", "%s", "%d", "Service social général", "u-1"}))
	count := rapid.OneOf(rapid.IntRange(-3, 3), rapid.Int())
	codes := append(append([]Code{}, Codes[:]...), "code_inconnu", "")
	rapid.Check(t, func(rt *rapid.T) {
		f := Finding{Code: rapid.SampledFrom(codes).Draw(rt, "code"), Convention: field.Draw(rt, "convention"),
			Unit: field.Draw(rt, "unit"), Service: field.Draw(rt, "service"), Profile: Profile(field.Draw(rt, "profile")),
			Account: field.Draw(rt, "account"), Organisme: field.Draw(rt, "organisme"), Name: field.Draw(rt, "name"),
			Quota: count.Draw(rt, "quota"), Count: count.Draw(rt, "count"),
			Accounts: rapid.SliceOfN(field, 0, 4).Draw(rt, "accounts")}
		s := ReconcileSettings{DormantDays: rapid.IntRange(0, 1000).Draw(rt, "days")}
		if got, want := f.DescriptionWith(s), sprintfDescription(f, s); got != want {
			rt.Fatalf("description:\n got %q\nwant %q", got, want)
		}
		if got, want := f.Action(), sprintfAction(f); got != want {
			rt.Fatalf("action:\n got %q\nwant %q", got, want)
		}
	})
}

func sprintfCountWord(n int, word string) string {
	if n >= 2 {
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%d %s", n, word)
}

// sprintfDescription is DescriptionWith as it was written with fmt
// (before 2026-12-03): the reference its concatenations must equal.
func sprintfDescription(f Finding, s ReconcileSettings) string {
	s = s.withDefaults()
	conv := "convention n°" + nbsp + f.Convention // "(convention n° …)", "de la convention n° …"
	switch f.Code {
	case CodeQuotaExceeded:
		return fmt.Sprintf("Profil %s de la structure %s (%s, service %s)"+nbsp+": %s pour %s (%d en trop).",
			f.Profile, guillemets(f.Unit), conv, f.Service, sprintfCountWord(f.Count, "habilitation"), sprintfCountWord(f.Quota, "autorisée"), f.Count-f.Quota)
	case CodeProfileNotAuthorized:
		return fmt.Sprintf("Profil %s de la structure %s (%s, service %s)"+nbsp+": %s alors que le bulletin d'adhésion n'autorise aucun utilisateur pour ce profil.",
			f.Profile, guillemets(f.Unit), conv, f.Service, sprintfCountWord(f.Count, "habilitation"))
	case CodeUnknownPartner:
		return fmt.Sprintf("Le compte %s est rattaché à l'organisme %s, qui ne correspond à aucune convention connue (ni par le SIRET, ni par le nom).",
			f.Account, guillemets(f.Organisme))
	case CodeUnknownUnit:
		if strings.TrimSpace(f.Unit) == "" {
			return fmt.Sprintf("Le compte %s n'indique aucune structure, alors que la %s en compte plusieurs.", f.Account, conv)
		}
		return fmt.Sprintf("Le compte %s est rattaché à la structure %s, absente de l'annexe 2 de la %s.", f.Account, guillemets(strings.TrimSpace(f.Unit)), conv)
	case CodeDormantAccount:
		return fmt.Sprintf("Le compte %s (%s) est actif mais n'a pas été utilisé depuis plus de %d jours.", f.Account, conv, s.DormantDays)
	case CodeSharedMailbox:
		return fmt.Sprintf("L'adresse mél du compte %s (%s) ne contient pas le nom de son titulaire"+nbsp+": elle semble partagée entre plusieurs personnes.", f.Account, conv)
	case CodeDuplicateAccount:
		return fmt.Sprintf("Les comptes %s (%s) semblent appartenir à la même personne (même adresse mél ou mêmes nom et prénom).", frenchList(f.Accounts), conv)
	case CodeUndeclaredAdmin:
		return fmt.Sprintf("Le compte %s a un rôle d'administrateur, mais son titulaire n'est pas déclaré administrateur à l'annexe 1 de la %s.", f.Account, conv)
	case CodeMissingAdmin:
		return fmt.Sprintf("%s, déclaré(e) administrateur à l'annexe 1 de la %s, n'a aucun compte administrateur actif.", f.Name, conv)
	}
	return fmt.Sprintf("Constat %s sur %s.", f.Code, conv)
}

// sprintfAction is Action as it was written with fmt, for the two
// actions that were formatted.
func sprintfAction(f Finding) string {
	switch f.Code {
	case CodeQuotaExceeded:
		return fmt.Sprintf("Demander au partenaire de désactiver %s %s dans cette structure, ou de signer un nouveau bulletin d'adhésion qui relève le quota.",
			sprintfCountWord(f.Count-f.Quota, "habilitation"), f.Profile)
	case CodeProfileNotAuthorized:
		return fmt.Sprintf("Demander au partenaire de désactiver les habilitations %s de cette structure, ou de signer un bulletin d'adhésion qui autorise ce profil.", f.Profile)
	}
	return f.Action() // the other actions are constant sentences, unchanged
}

// BenchmarkFindingFrench: a description and an action of each code, put
// together by concatenation (as now) and with fmt (as before), side by side.
func BenchmarkFindingFrench(b *testing.B) {
	fs := make([]Finding, 0, len(Codes))
	for _, c := range Codes {
		fs = append(fs, Finding{Code: c, Convention: "04/2018", Unit: "Service social général", Service: "Cdap", Profile: T1,
			Quota: 25, Count: 28, Account: "u-12345", Organisme: "CCAS de Chenôve", Name: "Céline BERTIN", Accounts: []string{"u-6", "u-7"}})
	}
	s := DefaultReconcileSettings()
	for _, bc := range []struct {
		name         string
		desc, action func(Finding) string
	}{
		{"concat", func(f Finding) string { return f.DescriptionWith(s) }, Finding.Action},
		{"sprintf", func(f Finding) string { return sprintfDescription(f, s) }, sprintfAction},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range fs {
					_, _ = bc.desc(f), bc.action(f)
				}
			}
		})
	}
}
