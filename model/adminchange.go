package model

import (
	"fmt"
	"strings"
)

// Answer is a box of a form that may be ticked « oui », « non », or left for
// the partner to tick when the pipeline cannot know.
type Answer string

// The answers of a oui/non box.
const (
	AnswerUnknown Answer = ""
	AnswerYes     Answer = "oui"
	AnswerNo      Answer = "non"
)

// AdminChange is the content of the Annexe 3 form « Objet : modification d'un
// administrateur ». Empty fields are printed as blank lines to fill by hand.
type AdminChange struct {
	Partner    string   // partner name
	Convention string   // convention number as in the record (« 06/2017 »)
	CafLines   []string // the Caf's postal block, one line each

	Name     string // Prénom NOM of the administrator to appoint
	Function string
	Phone    string // fixed line, E.164 or as typed
	Mobile   string
	Email    string // personal, individual e-mail

	Replaces      Answer // does this administrator replace an existing one?
	ReplacesName  string
	ReplacesEmail string

	// SignedOn (ISO) and the signatories, when known (a form typed on
	// demand); the pre-filled forms leave them to the partner.
	SignedOn         string
	PartnerSignatory Signatory
	AdminSignatory   Signatory

	// FormRef is the form's reference (« A3-… »), printed on it and held in
	// its read-only field form_ref, so that the form returned is linked to
	// the finding it was written for; "" for a form typed on demand.
	FormRef string

	// Code and Subject say why the form was pre-filled (the finding and its
	// account or name); they are not printed on the form.
	Code    Code
	Subject string
}

// CafPostalLines returns the Caf's postal block from its party: the name on
// two lines (« Caisse d'Allocations familiales » / « de la Côte d'Or ») then
// the address split on its dashes.
func CafPostalLines(caf Party) []string {
	var out []string
	const prefix = "Caisse d'Allocations familiales "
	name := CleanText(caf.Name)
	if strings.HasPrefix(name, prefix) {
		out = append(out, strings.TrimSpace(prefix), strings.TrimPrefix(name, prefix))
	} else if name != "" {
		out = append(out, name)
	}
	addr := CleanText(caf.Address)
	for _, sep := range []string{" – ", " — ", " - "} {
		addr = strings.ReplaceAll(addr, sep, "\n")
	}
	for _, l := range strings.Split(addr, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// HolderName is the account holder's « Prénom NOM ».
func (h Habilitation) HolderName() string {
	return strings.TrimSpace(CleanText(h.FirstName) + " " + strings.ToUpper(CleanText(h.LastName)))
}

// AdminChangeFor pre-fills the Annexe 3 form for a finding of record r:
//   - missing_admin (an Annexe 1 administrator without an active
//     administrator account): the form to appoint a replacement, « remplace »
//     ticked oui, the missing administrator as the one replaced, the new
//     administrator left blank;
//   - undeclared_admin (an active administrator account not declared): the
//     form to declare that person, with the holder's name and e-mail from the
//     export rows; « remplace » left unticked.
//
// Other codes are an error.
func AdminChangeFor(r Record, f Finding, rows []Habilitation) (AdminChange, error) {
	a := AdminChange{
		Partner:    r.Convention.Partner.Name,
		Convention: r.Convention.Number,
		CafLines:   CafPostalLines(r.Convention.Caf),
		Code:       f.Code,
	}
	switch f.Code {
	case CodeMissingAdmin:
		a.Subject = f.Name
		a.Replaces = AnswerYes
		a.ReplacesName = f.Name
		for _, c := range r.PartnerAdmins() {
			if Fold(c.Name) == Fold(f.Name) {
				a.ReplacesName, a.ReplacesEmail = c.Name, c.Email
				break
			}
		}
	case CodeUndeclaredAdmin:
		a.Subject = f.Account
		found := false
		for _, h := range rows {
			if h.Account != f.Account {
				continue
			}
			if !found || h.IsAdmin() {
				a.Name, a.Email = h.HolderName(), h.Email
			}
			found = true
		}
		if !found {
			return a, fmt.Errorf("admin change for account %q: no export row", f.Account)
		}
	default:
		return a, fmt.Errorf("admin change: finding %q is not an administrator finding", f.Code)
	}
	return a, nil
}
