// Package adminform reads an Annexe 3 form « Objet : modification d'un
// administrateur » returned by a partner into an admin_change record
// (records.md §2c), from either of its two forms:
//
//   - the fillable form's fields (FromFields), as a PDF reader or any tool
//     filled them, named as model.AdminFormTextFields says;
//   - its text (Parse), for a form typed and printed to PDF, or a fillable
//     form filled then printed (its fields flattened into the page). Parse
//     takes the same pdftext.Document the dossier parser takes, so that the
//     text recognised on a scan can be fed to it the same way.
//
// Both build the same Values and check them in one place (Values.Record):
// a form without the new administrator's e-mail or any phone is a
// *model.IncompleteError (Form set) naming the missing fields in French.
package adminform

import (
	"regexp"
	"strings"

	"habilitations/model"
)

// Values are the raw values of one form, as read (field name → text, plus
// the check boxes).
type Values struct {
	Text map[string]string // by field name (model.Field…)
	// Yes, No: the boxes « oui » and « non » of « remplace-t-il un
	// administrateur existant ».
	Yes, No bool
	Pages   int // pages of the file (the record's source)
}

func (v Values) get(name string) string { return clean(v.Text[name]) }

// reFill drops what stands for a blank line in a typed form: runs of dots,
// underscores or ellipses.
var reFill = regexp.MustCompile(`[._…]{3,}`)

// clean trims a value and removes fill characters and stray spaces.
func clean(s string) string {
	s = reFill.ReplaceAllString(s, " ")
	return model.CleanText(s)
}

// French names of the form's fields in rejection messages.
const (
	labelNumber   = "numéro de convention"
	labelName     = "prénom et nom de l'administrateur à habiliter"
	labelEmail    = "adresse mél de l'administrateur à habiliter"
	labelPhone    = "numéro de téléphone de l'administrateur à habiliter (fixe ou mobile)"
	labelReplaced = "prénom et nom ou adresse mél de l'administrateur à remplacer (case « oui » cochée)"
)

// Record checks the values and builds the admin_change record: the new
// administrator's name, e-mail and at least one valid phone are required;
// a date that does not read, an e-mail or a phone that is not valid are
// named as such.
func (v Values) Record() (model.Record, error) {
	var missing []string
	rec := model.Record{Kind: model.KindAdminChange, Contacts: []model.Contact{}, Source: model.BornDigital(max(v.Pages, 1))}
	rec.Convention.Number = model.NormalizeNumber(v.get(model.FieldConventionNumber))
	if rec.Convention.Number == "" {
		missing = append(missing, labelNumber)
	}
	a := &model.AdminChangeRecord{FormRef: strings.ReplaceAll(v.get(model.FieldFormRef), " ", "")}
	a.NewAdmin.Name = v.get(model.FieldNewAdminName)
	a.NewAdmin.Function = v.get(model.FieldNewAdminFunction)
	a.NewAdmin.Email = strings.ReplaceAll(v.get(model.FieldNewAdminEmail), " ", "")
	if a.NewAdmin.Name == "" {
		missing = append(missing, labelName)
	}
	switch {
	case a.NewAdmin.Email == "":
		missing = append(missing, labelEmail)
	case model.Validate(struct {
		E string `validate:"email"`
	}{a.NewAdmin.Email}) != nil:
		missing = append(missing, labelEmail+" (adresse invalide)")
	}
	phones := 0
	for _, p := range []struct {
		field, label string
		dst          *string
	}{
		{model.FieldNewAdminPhone, "téléphone fixe", &a.NewAdmin.Phone},
		{model.FieldNewAdminMobile, "téléphone mobile", &a.NewAdmin.Mobile},
	} {
		raw := v.get(p.field)
		if raw == "" {
			continue
		}
		n, ok := model.NormalizePhone(raw)
		if !ok || n == "" {
			missing = append(missing, p.label+" de l'administrateur à habiliter (numéro invalide)")
			continue
		}
		*p.dst = n
		phones++
	}
	if phones == 0 && v.get(model.FieldNewAdminPhone) == "" && v.get(model.FieldNewAdminMobile) == "" {
		missing = append(missing, labelPhone)
	}
	rname, remail := v.get(model.FieldReplacedName), strings.ReplaceAll(v.get(model.FieldReplacedEmail), " ", "")
	// « non » ticked: an administrator added, whatever was pre-filled;
	// otherwise a replaced administrator named (or « oui » ticked) is a
	// replacement.
	if !v.No && (v.Yes || rname != "" || remail != "") {
		if rname == "" && remail == "" {
			missing = append(missing, labelReplaced)
		}
		a.Replaces = &model.AdminRef{Name: rname, Email: remail}
	}
	if d := v.get(model.FieldSignedOn); d != "" {
		iso, ok := frenchDate(d)
		if !ok {
			missing = append(missing, "date du formulaire (JJ/MM/AAAA)")
		}
		a.SignedOn = iso
	}
	a.PartnerSignatory = model.Signatory{Function: v.get(model.FieldPartnerSignatoryFunc), Name: v.get(model.FieldPartnerSignatoryName)}
	a.AdminSignatory = model.Signatory{Function: v.get(model.FieldAdminSignatoryFunction), Name: v.get(model.FieldAdminSignatoryName)}
	rec.Admin = a
	if len(missing) > 0 {
		return model.Record{}, &model.IncompleteError{Fields: missing, Form: true}
	}
	if err := model.Validate(rec); err != nil {
		return model.Record{}, &model.IncompleteError{Fields: []string{"contenu du formulaire (" + err.Error() + ")"}, Form: true}
	}
	return rec, nil
}

// reDate reads JJ/MM/AAAA (or with dots or dashes, a two-digit year) and
// ISO dates.
var reDate = regexp.MustCompile(`^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$`)

// frenchDate returns an ISO date from a date as written on the form.
func frenchDate(s string) (string, bool) {
	if d, err := model.ParseISODate(s); err == nil {
		return d.String(), true
	}
	if m := reDate.FindStringSubmatch(s); m != nil {
		y := m[3]
		if len(y) == 2 {
			y = "20" + y
		}
		if d, err := model.ParseFrenchDate(m[1] + "/" + m[2] + "/" + y); err == nil {
			return d.String(), true
		}
	}
	if d, err := model.ParseFrenchDate(s); err == nil {
		return d.String(), true
	}
	return "", false
}
