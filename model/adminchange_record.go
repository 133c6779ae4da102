package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// KindAdminChange is the record of an Annexe 3 form returned by a partner
// (records.md §2c): an administrator appointed, replacing another or not.
const KindAdminChange = "admin_change"

// AdminChangeRecord is what a returned Annexe 3 form says (records.md §2c).
// It is carried by a Record of kind admin_change (Record.Admin).
type AdminChangeRecord struct {
	NewAdmin NewAdmin `json:"new_admin"`
	// Replaces is nil when the box « non » is ticked (an administrator is
	// added, none replaced).
	Replaces *AdminRef `json:"replaces"`
	// SignedOn is the date written on the form (ISO), "" when none.
	SignedOn string `json:"signed_on" validate:"omitempty,isodate"`
	// FormRef is the reference printed on a form the pipeline pre-filled
	// (« A3-… »), "" on a blank form: it links the returned form to the
	// finding it answers. Not in records.md, which allows extra keys.
	FormRef string `json:"form_ref"`
	// Signatories are who signed for the partner and as the new
	// administrator, as written (kept for the history, not checked).
	PartnerSignatory Signatory `json:"partner_signatory"`
	AdminSignatory   Signatory `json:"admin_signatory"`
}

// NewAdmin is the administrator a form appoints. At least one phone and the
// e-mail are required (records.md §2c).
type NewAdmin struct {
	Name     string `json:"name" validate:"required"`
	Function string `json:"function"`
	Email    string `json:"email" validate:"required,email"`
	Phone    string `json:"phone" validate:"required_without=Mobile,omitempty,e164"`
	Mobile   string `json:"mobile" validate:"omitempty,e164"`
}

// AdminRef is the administrator a form says is replaced.
type AdminRef struct {
	Name  string `json:"name"`
	Email string `json:"email" validate:"omitempty,email"`
}

// Signatory is one signature block of the form: function and « Prénom NOM ».
type Signatory struct {
	Function string `json:"function"`
	Name     string `json:"name"`
}

// adminChangeJSON is the records.md §2c shape of an admin_change record.
type adminChangeJSON struct {
	Kind       string `json:"kind"`
	Convention struct {
		Number  string `json:"number"`
		Partner struct {
			Name  string `json:"name"`
			SIRET string `json:"siret,omitempty"`
		} `json:"partner"`
	} `json:"convention"`
	AdminChangeRecord
	Source   Source     `json:"source"`
	ToVerify []ToVerify `json:"to_verify"`
}

func marshalAdminChange(r Record) ([]byte, error) {
	var j adminChangeJSON
	j.Kind = r.Kind
	j.Convention.Number = r.Convention.Number
	j.Convention.Partner.Name = r.Convention.Partner.Name
	j.Convention.Partner.SIRET = r.Convention.Partner.SIRET
	if r.Admin != nil {
		j.AdminChangeRecord = *r.Admin
	}
	j.Source, j.ToVerify = r.Source, r.ToVerify
	if j.ToVerify == nil {
		j.ToVerify = []ToVerify{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads any record of records.md §2: a dossier or bulletin, or
// the §2c shape of an admin_change.
func (r *Record) UnmarshalJSON(b []byte) error {
	var head struct {
		Kind string `json:"kind"`
	}
	// Most records have no kind: their bytes are decoded once, not a
	// second time to learn that (a fifth of reading 5,000 records).
	if mayHaveKey(b, "kind") {
		if err := json.Unmarshal(b, &head); err != nil {
			return err
		}
	}
	if head.Kind != KindAdminChange {
		type plain Record // without this method
		if err := json.Unmarshal(b, (*plain)(r)); err != nil {
			return err
		}
		if len(r.ToVerify) == 0 {
			r.ToVerify = nil // as built: MarshalJSON writes [] for nil
		}
		return nil
	}
	var j adminChangeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Record{Kind: j.Kind, Contacts: []Contact{}, Source: j.Source}
	if len(j.ToVerify) > 0 {
		r.ToVerify = j.ToVerify
	}
	r.Convention.Number = j.Convention.Number
	r.Convention.Partner.Name = j.Convention.Partner.Name
	r.Convention.Partner.SIRET = j.Convention.Partner.SIRET
	a := j.AdminChangeRecord
	r.Admin = &a
	return nil
}

// validateAdminChange checks an admin_change record: its convention number
// and the form's content (a name, the e-mail and at least one phone).
func (val *Validator) validateAdminChange(r Record) error {
	out := &ValidationError{}
	if !reConvNumber.MatchString(r.Convention.Number) {
		out.Fields = append(out.Fields, FieldError{Path: "convention.number", Rule: "convnumber", Value: r.Convention.Number})
	}
	if r.Admin == nil {
		out.Fields = append(out.Fields, FieldError{Path: "new_admin", Rule: "required"})
		return out
	}
	if err := val.Validate(*r.Admin); err != nil {
		ve, ok := err.(*ValidationError)
		if !ok {
			return err
		}
		out.Fields = append(out.Fields, ve.Fields...)
	}
	if len(out.Fields) == 0 {
		return nil
	}
	return out
}

// SameAdmin reports whether contact c is the person ref names, matched as
// reconciliation matches administrators (records.md §4): equal folded
// names, or equal e-mails.
func SameAdmin(c Contact, ref AdminRef) bool {
	if ref.Email != "" && c.Email != "" && strings.EqualFold(strings.TrimSpace(c.Email), strings.TrimSpace(ref.Email)) {
		return true
	}
	return ref.Name != "" && Fold(c.Name) == Fold(ref.Name)
}

// ApplyAdminChange applies a returned form to the effective record r: the
// replaced administrator (if any) stops being a partner admin contact, and
// the new one becomes one (once: a contact already matching them is
// updated). It returns the contacts removed. r's contacts are copied, never
// modified in place.
func ApplyAdminChange(r *Record, c AdminChangeRecord) (removed []Contact) {
	contacts := make([]Contact, 0, len(r.Contacts)+1)
	newRef := AdminRef{Name: c.NewAdmin.Name, Email: c.NewAdmin.Email}
	added := Contact{Side: SidePartner, Role: RoleAdmin, Name: c.NewAdmin.Name, Email: c.NewAdmin.Email, Phone: c.NewAdmin.Phone}
	if added.Phone == "" {
		added.Phone = c.NewAdmin.Mobile
	}
	placed := false
	for _, ct := range r.Contacts {
		isAdmin := ct.Side == SidePartner && ct.Role == RoleAdmin
		switch {
		case isAdmin && SameAdmin(ct, newRef):
			if !placed {
				contacts, placed = append(contacts, added), true
			}
		case isAdmin && c.Replaces != nil && SameAdmin(ct, *c.Replaces):
			removed = append(removed, ct)
			if !placed { // the new administrator takes the replaced one's place
				contacts, placed = append(contacts, added), true
			}
		default:
			contacts = append(contacts, ct)
		}
	}
	if !placed {
		contacts = append(contacts, added)
	}
	r.Contacts = contacts
	return removed
}

// mayHaveKey reports whether JSON text b may hold the object key key:
// false only when no string of b equals it as encoding/json matches keys
// (case-insensitively, with Unicode folding). With no backslash in b, its
// quotes pair up, each pair a string; with one, it may.
func mayHaveKey(b []byte, key string) bool {
	if bytes.IndexByte(b, '\\') >= 0 {
		return true
	}
	for {
		i := bytes.IndexByte(b, '"')
		if i < 0 {
			return false
		}
		j := bytes.IndexByte(b[i+1:], '"')
		if j < 0 {
			return true // not JSON: let the decoder say so
		}
		if bytes.EqualFold(b[i+1:i+1+j], []byte(key)) {
			return true
		}
		b = b[i+1+j+1:]
	}
}
