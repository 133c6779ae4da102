package model

// Record kinds (records.md §2).
const (
	KindDossier  = "dossier"  // a convention with its contrat de service, annexes and bulletins
	KindBulletin = "bulletin" // a bulletin d'adhésion that arrived alone
	// KindAdminChange (adminchange_record.go): a returned Annexe 3 form.
)

// Management modes of the habilitations (convention art. 9.1).
const (
	ManagementDelegated = "delegated"
	ManagementCaf       = "caf"
)

// Record is the structured content of one signed PDF (records.md §2).
type Record struct {
	Kind       string     `json:"kind" validate:"oneof=dossier bulletin admin_change"`
	Convention Convention `json:"convention"`
	Contacts   []Contact  `json:"contacts" validate:"dive"`
	Services   []Service  `json:"services" validate:"min=1,dive"`
	// Source and ToVerify say where the text came from and which values
	// read from a scan a person must check (records.md §2b; source.go).
	Source   Source     `json:"source"`
	ToVerify []ToVerify `json:"to_verify"`
	// Admin is the content of a returned Annexe 3 form, for a record of
	// kind admin_change only (records.md §2c; its JSON has that shape).
	Admin *AdminChangeRecord `json:"-"`
}

// Convention is the convention d'accès and its contrat de service.
// For a bulletin record only Number, Partner.Name and Partner.SIRET are meaningful.
type Convention struct {
	Number       string  `json:"number" validate:"required,convnumber"`
	Caf          Party   `json:"caf"`
	Partner      Partner `json:"partner"`
	SignedOn     string  `json:"signed_on" validate:"omitempty,isodate"`
	SignedAt     string  `json:"signed_at"`
	Management   string  `json:"management" validate:"omitempty,oneof=delegated caf"`
	TermMonths   int     `json:"term_months" validate:"gte=0,lte=120"`
	TacitRenewal bool    `json:"tacit_renewal"`
}

// Party is one signatory of the convention.
type Party struct {
	Name           string `json:"name"`
	Address        string `json:"address"`
	Representative string `json:"representative"`
	Title          string `json:"title"`
}

// Partner is the partner party; its SIRET is empty when not printed.
type Partner struct {
	Name           string `json:"name" validate:"required"`
	Address        string `json:"address"`
	Representative string `json:"representative"`
	Title          string `json:"title"`
	SIRET          string `json:"siret" validate:"omitempty,siret"`
}

// Contact sides and roles (Annexe 1).
const (
	SidePartner = "partner"
	SideCaf     = "caf"

	RoleAdmin    = "admin"    // administrateur, principal or suppléant
	RoleSecurity = "security" // responsable sécurité
	RolePrivacy  = "privacy"  // CIL, DPO or référent Informatique et Libertés
)

// Contact is one row of the Annexe 1 tables.
type Contact struct {
	Side  string `json:"side" validate:"oneof=partner caf"`
	Role  string `json:"role" validate:"oneof=admin security privacy"`
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"omitempty,email"`
	Phone string `json:"phone" validate:"omitempty,e164"`
}

// Service is one bulletin d'adhésion: a unit of Annexe 2, a service (Cdap) and
// its quota table.
type Service struct {
	Annex    string `json:"annex" validate:"required"`
	Unit     string `json:"unit" validate:"required"`
	Service  string `json:"service" validate:"required"`
	SignedOn string `json:"signed_on" validate:"omitempty,isodate"`
	Quotas   Quotas `json:"quotas"`
}

// IsDossier reports whether r is a whole dossier rather than a lone bulletin.
func (r Record) IsDossier() bool { return r.Kind == KindDossier }

// PartnerAdmins returns the partner administrators declared in Annexe 1.
func (r Record) PartnerAdmins() []Contact {
	var out []Contact
	for _, c := range r.Contacts {
		if c.Side == SidePartner && c.Role == RoleAdmin {
			out = append(out, c)
		}
	}
	return out
}
