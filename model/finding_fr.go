package model

import (
	"strconv"
	"strings"
)

// French typography: no-break spaces inside guillemets and before a colon,
// so that a line never starts with « : » or »; both are written here once.
const nbsp = "\u00a0"

func guillemets(s string) string { return "«" + nbsp + s + nbsp + "»" }

// countWord returns "n word" with an s when n ≥ 2 (French: 0 and 1 are singular).
func countWord(n int, word string) string {
	if n >= 2 {
		return strconv.Itoa(n) + " " + word + "s"
	}
	return strconv.Itoa(n) + " " + word
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
// dormancy threshold the sentence quotes. The sentences are put together
// by concatenation, not fmt: a findings-heavy report writes a million of
// them, and fmt's parsing of the format took a tenth of its time.
func (f Finding) DescriptionWith(s ReconcileSettings) string {
	s = s.withDefaults()
	conv := "convention n°" + nbsp + f.Convention // "(convention n° …)", "de la convention n° …"
	switch f.Code {
	case CodeQuotaExceeded:
		return "Profil " + string(f.Profile) + " de la structure " + guillemets(f.Unit) + " (" + conv + ", service " + f.Service + ")" + nbsp + ": " +
			countWord(f.Count, "habilitation") + " pour " + countWord(f.Quota, "autorisée") + " (" + strconv.Itoa(f.Count-f.Quota) + " en trop)."
	case CodeProfileNotAuthorized:
		return "Profil " + string(f.Profile) + " de la structure " + guillemets(f.Unit) + " (" + conv + ", service " + f.Service + ")" + nbsp + ": " +
			countWord(f.Count, "habilitation") + " alors que le bulletin d'adhésion n'autorise aucun utilisateur pour ce profil."
	case CodeUnknownPartner:
		return "Le compte " + f.Account + " est rattaché à l'organisme " + guillemets(f.Organisme) +
			", qui ne correspond à aucune convention connue (ni par le SIRET, ni par le nom)."
	case CodeUnknownUnit:
		if strings.TrimSpace(f.Unit) == "" {
			return "Le compte " + f.Account + " n'indique aucune structure, alors que la " + conv + " en compte plusieurs."
		}
		return "Le compte " + f.Account + " est rattaché à la structure " + guillemets(strings.TrimSpace(f.Unit)) + ", absente de l'annexe 2 de la " + conv + "."
	case CodeDormantAccount:
		return "Le compte " + f.Account + " (" + conv + ") est actif mais n'a pas été utilisé depuis plus de " + strconv.Itoa(s.DormantDays) + " jours."
	case CodeSharedMailbox:
		return "L'adresse mél du compte " + f.Account + " (" + conv + ") ne contient pas le nom de son titulaire" + nbsp +
			": elle semble partagée entre plusieurs personnes."
	case CodeDuplicateAccount:
		return "Les comptes " + frenchList(f.Accounts) + " (" + conv + ") semblent appartenir à la même personne (même adresse mél ou mêmes nom et prénom)."
	case CodeUndeclaredAdmin:
		return "Le compte " + f.Account + " a un rôle d'administrateur, mais son titulaire n'est pas déclaré administrateur à l'annexe 1 de la " + conv + "."
	case CodeMissingAdmin:
		return f.Name + ", déclaré(e) administrateur à l'annexe 1 de la " + conv + ", n'a aucun compte administrateur actif."
	}
	return "Constat " + string(f.Code) + " sur " + conv + "."
}

// Action says what the Caf should do about the finding, in French.
func (f Finding) Action() string {
	switch f.Code {
	case CodeQuotaExceeded:
		return "Demander au partenaire de désactiver " + countWord(f.Count-f.Quota, "habilitation") + " " + string(f.Profile) +
			" dans cette structure, ou de signer un nouveau bulletin d'adhésion qui relève le quota."
	case CodeProfileNotAuthorized:
		return "Demander au partenaire de désactiver les habilitations " + string(f.Profile) +
			" de cette structure, ou de signer un bulletin d'adhésion qui autorise ce profil."
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
