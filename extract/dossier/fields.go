package dossier

import (
	"errors"
	"fmt"
	"strings"

	"habilitations/model"
)

// French names of the fields a rejection message lists. They read after
// « Le dossier de convention est incomplet : » and before « est absent ou
// illisible », so each is a singular noun phrase.
const (
	fieldNumber         = "numéro de convention"
	fieldPartnerName    = "nom du partenaire"
	fieldPartnerSIRET   = "SIRET du partenaire (clé de contrôle invalide)"
	fieldCafName        = "nom de la Caf"
	fieldSignature      = "lieu et date de signature du contrat de service (« Fait à …, le … »)"
	fieldTerm           = "durée de la convention"
	fieldContacts       = "annexe 1 (interlocuteurs du partenaire)"
	fieldContactName    = "nom d'un interlocuteur de l'annexe 1"
	fieldBulletins      = "tableau des quotas de profils des bulletins d'adhésion"
	fieldBulletinDate   = "date de signature du bulletin d'adhésion (annexe %s)"
	fieldBulletinQuotas = "tableau des quotas de profils du bulletin d'adhésion (annexe %s)"
	fieldBulletinQuota  = "quota du profil %s du bulletin d'adhésion (annexe %s)"
	fieldMissingBulletn = "bulletin d'adhésion de l'annexe %s (%s)"
)

// validationLabels names in French the record paths model.Validate reports.
var validationLabels = map[string]string{
	"convention.number":        fieldNumber,
	"convention.partner.name":  fieldPartnerName,
	"convention.partner.siret": fieldPartnerSIRET,
	"convention.signed_on":     "date de signature du contrat de service",
	"convention.term_months":   fieldTerm,
	"services":                 fieldBulletins,
}

// validationFields turns a validation error into French field names, so that
// a record that fails validation is an incomplete dossier, never a crash.
func validationFields(err error) []string {
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return []string{fmt.Sprintf("contenu du dossier (%v)", err)}
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range ve.Fields {
		name, ok := validationLabels[f.Path]
		if !ok {
			name = frenchPath(f.Path)
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// frenchPath names a nested record path (contacts[2].email, services[0].unit)
// in French for the rejection message.
func frenchPath(path string) string {
	last := path[strings.LastIndexByte(path, '.')+1:]
	if strings.HasPrefix(path, "contacts") {
		switch last {
		case "email":
			return "adresse mél d'un interlocuteur (annexe 1)"
		case "phone":
			return "téléphone d'un interlocuteur (annexe 1)"
		}
		return "interlocuteur de l'annexe 1"
	}
	if strings.HasPrefix(path, "services") {
		return "bulletin d'adhésion (" + last + ")"
	}
	return "champ " + path
}
