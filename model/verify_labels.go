package model

import (
	"fmt"
	"regexp"
	"strconv"
)

// fieldLabels name in French the leaf fields a value to verify can be.
var fieldLabels = map[string]string{
	"convention.number":                 "Numéro de la convention",
	"convention.signed_on":              "Date de signature (contrat de service)",
	"convention.signed_at":              "Lieu de signature (« Fait à »)",
	"convention.caf.name":               "Caf : nom",
	"convention.caf.address":            "Caf : adresse",
	"convention.caf.representative":     "Caf : représentant",
	"convention.caf.title":              "Caf : qualité du représentant",
	"convention.partner.name":           "Partenaire : nom",
	"convention.partner.address":        "Partenaire : adresse",
	"convention.partner.representative": "Partenaire : représentant",
	"convention.partner.title":          "Partenaire : qualité du représentant",
	"convention.partner.siret":          "Partenaire : SIRET",
	"new_admin.name":                    "Nouvel administrateur : nom",
	"new_admin.function":                "Nouvel administrateur : fonction",
	"new_admin.email":                   "Nouvel administrateur : adresse mél",
	"new_admin.phone":                   "Nouvel administrateur : téléphone",
	"new_admin.mobile":                  "Nouvel administrateur : portable",
	"replaces.name":                     "Administrateur remplacé : nom",
	"replaces.email":                    "Administrateur remplacé : adresse mél",
	"signed_on":                         "Date du formulaire",
}

var (
	contactRe = regexp.MustCompile(`^contacts\[(\d+)\]\.(\w+)$`)
	serviceRe = regexp.MustCompile(`^services\[(\d+)\]\.(\w+)(?:\.(T\d+))?$`)
)

var contactLeaf = map[string]string{"name": "nom", "email": "adresse mél", "phone": "téléphone"}
var serviceLeaf = map[string]string{"annex": "numéro d'annexe", "unit": "structure", "service": "service", "signed_on": "date du bulletin"}
var roleLabels = map[string]string{RoleAdmin: "administrateur", RoleSecurity: "responsable sécurité", RolePrivacy: "référent Informatique et Libertés"}

// VerifyFieldLabel names in French, for the person who checks a scan, the
// field of rec at path (records.md §2b): « Contact 2 (partenaire,
// administrateur) : adresse mél », « Annexe 2.1 (Service social général) :
// quota du profil T13 ». An unknown path is returned as it is.
func VerifyFieldLabel(rec Record, path string) string {
	if l, ok := fieldLabels[path]; ok {
		return l
	}
	if m := contactRe.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		who := "Contact " + strconv.Itoa(i+1)
		if i < len(rec.Contacts) {
			side := "partenaire"
			if rec.Contacts[i].Side == SideCaf {
				side = "Caf"
			}
			who += " (" + side + ", " + roleLabels[rec.Contacts[i].Role] + ")"
		}
		if l, ok := contactLeaf[m[2]]; ok {
			return who + " : " + l
		}
	}
	if m := serviceRe.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		what := fmt.Sprintf("Bulletin %d", i+1)
		if i < len(rec.Services) {
			sv := rec.Services[i]
			what = "Annexe " + sv.Annex
			if sv.Unit != "" {
				what += " (" + sv.Unit + ")"
			}
		}
		if m[2] == "quotas" && m[3] != "" {
			return what + " : quota du profil " + m[3]
		}
		if l, ok := serviceLeaf[m[2]]; ok {
			return what + " : " + l
		}
	}
	return path
}

// Label is the reason in French, for the verification workbook.
func (r VerifyReason) Label() string {
	switch r {
	case VerifyLowConfidence:
		return "Lecture incertaine"
	case VerifyRepaired:
		return "Valeur non retrouvée telle quelle sur le scan (rectifiée à la lecture)"
	case VerifyAmbiguous:
		return "Deux lectures différentes"
	case VerifyUnreadable:
		return "Illisible"
	}
	return string(r)
}
