package model

import (
	"fmt"
	"strings"
)

// French typography: no-break spaces inside guillemets and before a colon,
// so that a line never starts with « : » or »; both are written here once.
const nbsp = "\u00a0"

func guillemets(s string) string { return "«" + nbsp + s + nbsp + "»" }

// countWord returns "n word" with an s when n ≥ 2 (French: 0 and 1 are singular).
func countWord(n int, word string) string {
	if n >= 2 {
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%d %s", n, word)
}

// Title is the short French name of the finding's code, for column headers
// and summaries.
func (f Finding) Title() string {
	switch f.Code {
	case CodeQuotaExceeded:
		return "Quota dépassé"
	case CodeProfileNotAuthorized:
		return "Profil non autorisé"
	case CodeUnknownPartner:
		return "Partenaire inconnu"
	case CodeUnknownUnit:
		return "Structure inconnue"
	case CodeDormantAccount:
		return "Compte inactif"
	case CodeSharedMailbox:
		return "Adresse mél non nominative"
	case CodeDuplicateAccount:
		return "Comptes en double"
	case CodeUndeclaredAdmin:
		return "Administrateur non déclaré"
	case CodeMissingAdmin:
		return "Administrateur déclaré sans compte actif"
	}
	return "Constat " + string(f.Code)
}

// Description states the facts of the finding in one French sentence, with
// the default settings (see DescriptionWith).
func (f Finding) Description() string { return f.DescriptionWith(DefaultReconcileSettings()) }

// DescriptionWith states the facts in one French sentence; s gives the
// dormancy threshold the sentence quotes.
func (f Finding) DescriptionWith(s ReconcileSettings) string {
	s = s.withDefaults()
	conv := "convention n°" + nbsp + f.Convention // "(convention n° …)", "de la convention n° …"
	switch f.Code {
	case CodeQuotaExceeded:
		return fmt.Sprintf("Profil %s de la structure %s (%s, service %s)"+nbsp+": %s pour %s (%d en trop).",
			f.Profile, guillemets(f.Unit), conv, f.Service, countWord(f.Count, "habilitation"), countWord(f.Quota, "autorisée"), f.Count-f.Quota)
	case CodeProfileNotAuthorized:
		return fmt.Sprintf("Profil %s de la structure %s (%s, service %s)"+nbsp+": %s alors que le bulletin d'adhésion n'autorise aucun utilisateur pour ce profil.",
			f.Profile, guillemets(f.Unit), conv, f.Service, countWord(f.Count, "habilitation"))
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

// Action says what the Caf should do about the finding, in French.
func (f Finding) Action() string {
	switch f.Code {
	case CodeQuotaExceeded:
		return fmt.Sprintf("Demander au partenaire de désactiver %s %s dans cette structure, ou de signer un nouveau bulletin d'adhésion qui relève le quota.",
			countWord(f.Count-f.Quota, "habilitation"), f.Profile)
	case CodeProfileNotAuthorized:
		return fmt.Sprintf("Demander au partenaire de désactiver les habilitations %s de cette structure, ou de signer un bulletin d'adhésion qui autorise ce profil.", f.Profile)
	case CodeUnknownPartner:
		return "Vérifier si cet organisme a signé une convention (l'enregistrer si elle manque), sinon faire corriger l'organisme et le SIRET du compte ou le désactiver."
	case CodeUnknownUnit:
		return "Faire rattacher le compte à une structure de l'annexe 2, ou faire signer un bulletin d'adhésion pour cette structure."
	case CodeDormantAccount:
		return "Demander au partenaire de désactiver ce compte s'il n'est plus utilisé."
	case CodeSharedMailbox:
		return "Demander au partenaire une adresse mél nominative" + nbsp + ": un compte est personnel et ne peut pas utiliser une boîte partagée."
	case CodeDuplicateAccount:
		return "Demander au partenaire de ne garder qu'un compte pour cette personne et de désactiver les autres."
	case CodeUndeclaredAdmin:
		return "Faire remplir et signer par le partenaire le formulaire de changement d'administrateur (annexe 3), ou lui demander de retirer le rôle d'administrateur à ce compte."
	case CodeMissingAdmin:
		return "Vérifier auprès du partenaire" + nbsp + ": si cette personne n'est plus administrateur, faire remplir et signer le formulaire de changement d'administrateur (annexe 3)" + nbsp + "; sinon, lui faire ouvrir un compte administrateur."
	}
	return "Examiner ce constat avec le partenaire."
}

// frenchList joins ids as « a, b et c ».
func frenchList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " et " + xs[len(xs)-1]
}
