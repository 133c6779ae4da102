package model

import (
	"cmp"
	"slices"
)

// ReviewDecision is the reviewer's decision on one habilitation, read back
// from a filled review workbook, with the facts of the row it was made on.
type ReviewDecision struct {
	Key                                 string
	Convention                          string
	Account, LastName, FirstName, Email string
	Unit, Service                       string
	Profile                             Profile
	Recommendation                      Verdict
	RecommendationReason                string // the Caf's reason, as the workbook showed it
	Decision                            Decision
	NewProfile                          Profile // only for DecisionChangeProfile
	Justification, Comment              string
	// Row is the sheet row it was read from, for messages.
	Row int `json:"-"`
}

// ActionKind is what must be done in the partner's administration tool.
type ActionKind string

// The action kinds. Keeping or not deciding asks for nothing.
const (
	ActionRemove        ActionKind = "remove"
	ActionChangeProfile ActionKind = "change_profile"
)

// Label is the French wording of the action for the partner's administrator.
func (k ActionKind) Label() string {
	if k == ActionChangeProfile {
		return "Modifier le profil"
	}
	return "Supprimer l'habilitation"
}

// Action is one change to apply in the partner's tool after the review.
type Action struct {
	Kind                                ActionKind
	Key, Convention                     string
	Account, LastName, FirstName, Email string
	Unit, Service                       string
	Profile                             Profile
	NewProfile                          Profile // for ActionChangeProfile
	Reason                              string  // the reviewer's justification or comment, else the Caf's reason
}

// ActionsFrom derives the actions from review decisions: removals then
// profile changes, each by account. Decisions to keep, or not taken, give none.
func ActionsFrom(ds []ReviewDecision) []Action {
	var out []Action
	for _, d := range ds {
		a := Action{Key: d.Key, Convention: d.Convention, Account: d.Account, LastName: d.LastName,
			FirstName: d.FirstName, Email: d.Email, Unit: d.Unit, Service: d.Service, Profile: d.Profile,
			Reason: cmp.Or(d.Justification, d.Comment, d.RecommendationReason)}
		switch d.Decision {
		case DecisionRemove:
			a.Kind = ActionRemove
		case DecisionChangeProfile:
			a.Kind, a.NewProfile = ActionChangeProfile, d.NewProfile
		default:
			continue
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b Action) int {
		return cmp.Or(cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), cmp.Compare(a.Convention, b.Convention),
			cmp.Compare(a.Account, b.Account), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Profile, b.Profile))
	})
	return out
}

// kindRank lists removals before profile changes.
func kindRank(k ActionKind) int {
	if k == ActionRemove {
		return 0
	}
	return 1
}

// Attestation is the content of the « attestation de revue des
// habilitations » that the import of a filled workbook produces
// (report/forms writes it as a PDF).
type Attestation struct {
	Convention   string // convention number
	Partner      string // partner name
	PartnerSIRET string
	Caf          string // the Caf's name
	Reviewer     string // who reviewed, as written in the workbook
	ReviewedOn   Date   // review date written in the workbook
	AsOf         Date   // the situation the workbook showed
	ProducedOn   Date   // when the attestation was written
	File         string // name of the imported workbook
	FileSHA256   string // its SHA-256, hex

	Total                                 int // habilitations reviewed
	Kept, Removed, ProfileChanged, Unsure int // per decision
	Removals                              []Action
	Changes                               []Action
}

// Count returns the number of habilitations that received decision d.
func (a Attestation) Count(d Decision) int {
	switch d {
	case DecisionKeep:
		return a.Kept
	case DecisionRemove:
		return a.Removed
	case DecisionChangeProfile:
		return a.ProfileChanged
	case DecisionUnsure:
		return a.Unsure
	}
	return 0
}

// NewAttestation counts the decisions and lists the removals and changes.
// The caller fills File, FileSHA256 and ProducedOn.
func NewAttestation(c Convention, reviewer string, reviewedOn, asOf Date, ds []ReviewDecision) Attestation {
	a := Attestation{Convention: c.Number, Partner: c.Partner.Name, PartnerSIRET: c.Partner.SIRET,
		Caf: c.Caf.Name, Reviewer: reviewer, ReviewedOn: reviewedOn, AsOf: asOf, Total: len(ds)}
	for _, d := range ds {
		switch d.Decision {
		case DecisionKeep:
			a.Kept++
		case DecisionRemove:
			a.Removed++
		case DecisionChangeProfile:
			a.ProfileChanged++
		case DecisionUnsure:
			a.Unsure++
		}
	}
	for _, act := range ActionsFrom(ds) {
		if act.Kind == ActionRemove {
			a.Removals = append(a.Removals, act)
		} else {
			a.Changes = append(a.Changes, act)
		}
	}
	return a
}
