package model

// The names of the fillable Annexe 3 form's fields (records.md §2c): the
// contract between the form's writer (report/forms) and its reader
// (extract/adminform), and what any PDF tool fills. Never rename one: forms
// already sent come back with these names.
const (
	FieldConventionNumber       = "convention_number" // read-only
	FieldFormRef                = "form_ref"          // read-only
	FieldNewAdminName           = "new_admin_name"
	FieldNewAdminFunction       = "new_admin_function"
	FieldNewAdminPhone          = "new_admin_phone"
	FieldNewAdminMobile         = "new_admin_mobile"
	FieldNewAdminEmail          = "new_admin_email"
	FieldReplacedName           = "replaced_name"
	FieldReplacedEmail          = "replaced_email"
	FieldPartnerSignatoryFunc   = "partner_signatory_function"
	FieldPartnerSignatoryName   = "partner_signatory_name"
	FieldAdminSignatoryFunction = "admin_signatory_function"
	FieldAdminSignatoryName     = "admin_signatory_name"
	FieldSignedOn               = "signed_on" // JJ/MM/AAAA
	FieldReplacesYes            = "replaces_yes"
	FieldReplacesNo             = "replaces_no"
)

// AdminFormTextFields lists the text fields of the form, in reading order.
var AdminFormTextFields = []string{
	FieldConventionNumber, FieldFormRef, FieldNewAdminName, FieldNewAdminFunction, FieldReplacedName,
	FieldReplacedEmail, FieldNewAdminPhone, FieldNewAdminMobile, FieldNewAdminEmail, FieldSignedOn,
	FieldPartnerSignatoryFunc, FieldPartnerSignatoryName, FieldAdminSignatoryFunction, FieldAdminSignatoryName,
}

// AdminFormCheckBoxes lists the check boxes of the form.
var AdminFormCheckBoxes = []string{FieldReplacesYes, FieldReplacesNo}
