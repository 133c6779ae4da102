package model

// Account statuses in the partner's export (records.md §3).
const (
	StatusActive    = "Actif"
	StatusSuspended = "Suspendu"
	StatusDisabled  = "Désactivé"
)

// Account roles in the partner's export (records.md §3).
const (
	RoleUser          = "Utilisateur"
	RoleAdministrator = "Administrateur"
	RoleDeputyAdmin   = "Administrateur suppléant"
	RoleHabManager    = "Responsable d'habilitations"
)

// Habilitation is one row of a user export: one profile of one account.
// The JSON keys are those of the corpus' *.csv.truth.json (canonical rows).
type Habilitation struct {
	Account   string  `json:"identifiant" validate:"required"`
	LastName  string  `json:"nom"`
	FirstName string  `json:"prenom"`
	Email     string  `json:"email"`
	Organisme string  `json:"organisme"`
	SIRET     string  `json:"siret"`
	Unit      string  `json:"structure"`
	Service   string  `json:"service"`
	Profile   Profile `json:"profil" validate:"profile"`
	Role      string  `json:"role"`
	Status    string  `json:"statut" validate:"oneof=Actif Suspendu Désactivé"`
	Created   Date    `json:"date_creation"`
	LastLogin Date    `json:"derniere_connexion"`

	// Line is the 1-based line (CSV) or row (XLSX) of the export it came from,
	// for messages; it is not part of the canonical JSON.
	Line int `json:"-"`
}

// HoldsSlot reports whether the habilitation counts against a quota:
// Actif and Suspendu hold a slot, Désactivé does not (records.md §4).
func (h Habilitation) HoldsSlot() bool {
	return h.Status == StatusActive || h.Status == StatusSuspended
}

// IsAdmin reports whether the row gives the administrator role (principal or
// suppléant) declared through Annexe 1.
func (h Habilitation) IsAdmin() bool {
	return h.Role == RoleAdministrator || h.Role == RoleDeputyAdmin
}

// LastActivity is the last login, or the creation date for an account that
// never logged in.
func (h Habilitation) LastActivity() Date {
	if h.LastLogin.IsZero() {
		return h.Created
	}
	return h.LastLogin
}
