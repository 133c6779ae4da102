package model

import "fmt"

// ActionState is whether an action of a review was carried out in the
// partner's tool, as the next export shows.
type ActionState string

// The action states (French labels for the reports).
const (
	ActionApplied       ActionState = "appliquée"
	ActionNotApplied    ActionState = "non appliquée"
	ActionPartlyApplied ActionState = "partiellement appliquée"
)

// ActionResult is an action with what the next export shows of it.
type ActionResult struct {
	Action
	State  ActionState
	Detail string // French explanation
}

// CheckActions compares the actions of a review with the rows of a newer
// export. A removal is applied when the habilitation no longer holds a slot
// (absent or Désactivé), partly applied when it is only Suspendu (it still
// counts against the quota), not applied otherwise. A profile change is
// applied when the account holds the new profile and no longer the old one,
// partly applied when only one of the two happened, not applied when
// neither did. Rows are matched by folded account, service and unit (an
// empty unit on either side matches, as single-unit conventions allow).
func CheckActions(actions []Action, rows []Habilitation) []ActionResult {
	fc := reviewFolds{}
	byAccount := map[string][]Habilitation{}
	for _, h := range rows {
		k := fc.fold(h.Account)
		byAccount[k] = append(byAccount[k], h)
	}
	out := make([]ActionResult, 0, len(actions))
	for _, a := range actions {
		held := func(p Profile) (active, suspended bool) {
			for _, h := range byAccount[fc.fold(a.Account)] {
				if h.Profile != p || fc.fold(h.Service) != fc.fold(a.Service) || !sameUnit(fc, h.Unit, a.Unit) {
					continue
				}
				switch h.Status {
				case StatusActive:
					active = true
				case StatusSuspended:
					suspended = true
				}
			}
			return
		}
		r := ActionResult{Action: a}
		oldActive, oldSuspended := held(a.Profile)
		switch a.Kind {
		case ActionRemove:
			switch {
			case oldActive:
				r.State, r.Detail = ActionNotApplied, fmt.Sprintf("L'habilitation %s est toujours active.", a.Profile)
			case oldSuspended:
				r.State, r.Detail = ActionPartlyApplied, fmt.Sprintf("L'habilitation %s est suspendue mais occupe toujours une place : la désactiver ou la supprimer.", a.Profile)
			default:
				r.State, r.Detail = ActionApplied, fmt.Sprintf("L'habilitation %s n'apparaît plus parmi les habilitations actives.", a.Profile)
			}
		case ActionChangeProfile:
			newActive, newSuspended := held(a.NewProfile)
			hasOld, hasNew := oldActive || oldSuspended, newActive || newSuspended
			switch {
			case hasNew && !hasOld:
				r.State, r.Detail = ActionApplied, fmt.Sprintf("Le profil %s a remplacé le profil %s.", a.NewProfile, a.Profile)
			case hasNew && hasOld:
				r.State, r.Detail = ActionPartlyApplied, fmt.Sprintf("Le profil %s a été attribué mais le profil %s est toujours actif : le retirer.", a.NewProfile, a.Profile)
			case !hasNew && !hasOld:
				r.State, r.Detail = ActionPartlyApplied, fmt.Sprintf("Le profil %s a été retiré mais le profil %s n'a pas été attribué.", a.Profile, a.NewProfile)
			default:
				r.State, r.Detail = ActionNotApplied, fmt.Sprintf("Le compte a toujours le profil %s et pas le profil %s.", a.Profile, a.NewProfile)
			}
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

func sameUnit(fc reviewFolds, a, b string) bool {
	return a == "" || b == "" || fc.fold(a) == fc.fold(b)
}
