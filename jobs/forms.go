package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/forms"
)

// FormsInput is what the forms step needs from the reconciliation of the
// same run: the effective records, the current export rows indexed by
// convention (the administrator rows of each at least) and the findings.
type FormsInput struct {
	AsOf     model.Date
	Records  []model.Record
	Rows     *model.ConventionRows
	Findings []model.Finding
	// Store records each form written with its reference (admin_forms),
	// so that the form returned is linked to it and a form already written
	// with the same content is not written again. nil: forms are written
	// every time and not recorded.
	Store *store.Store
	// Workers is how many forms are rendered at once (0: one per CPU).
	Workers int
}

// formsDir is the folder of the pre-filled forms of a date, relative to the
// data directory.
func formsDir(asOf model.Date) string { return reportsDir(asOf) + "/formulaires" }

// WriteAdminForms writes the pre-filled, fillable Annexe 3 form
// « modification d'un administrateur » of every undeclared_admin and
// missing_admin finding to reports/<as-of>/formulaires/, each with its
// reference (AdminFormRef) printed and in its form_ref field. A form the
// store already has with the same content and file (an earlier run of the
// same day) is counted as skipped. File names hold the convention, the
// case and an account id or a hash, never a name.
//
// Forms are rendered on in.Workers goroutines, batch by batch
// (forms_batch.go); what is decided (skipped or written, Files' order,
// the store's rows) is decided here, in the findings' order.
func WriteAdminForms(ctx context.Context, dd *DataDir, in FormsInput) (FilesSummary, error) {
	sum := FilesSummary{Files: []string{}}
	byNumber := make(map[string]model.Record, len(in.Records))
	for _, r := range in.Records {
		byNumber[r.Convention.Number] = r
	}
	b := formBatch{dd: dd, st: in.Store, workers: in.Workers, sum: &sum}
	rowsOf := map[string][]model.Habilitation{}
	for _, f := range in.Findings {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if f.Code != model.CodeMissingAdmin && f.Code != model.CodeUndeclaredAdmin {
			continue
		}
		rec, ok := byNumber[f.Convention]
		if !ok {
			return sum, fmt.Errorf("admin form: convention %s of a finding has no record", f.Convention)
		}
		rows, ok := rowsOf[f.Convention]
		if !ok {
			// A form names an administrator: AdminChangeFor takes the
			// holder from the account's administrator rows when it has any
			// (an undeclared_admin finding comes from one), which the index
			// keeps of every convention.
			if in.Rows.Complete(rec) {
				rows = in.Rows.Rows(rec)
			} else {
				rows = in.Rows.AdminRows(rec)
			}
			rowsOf[f.Convention] = rows
		}
		ac, err := model.AdminChangeFor(rec, f, rows)
		if err != nil {
			return sum, fmt.Errorf("admin form for convention %s: %w", f.Convention, err)
		}
		ac.FormRef = AdminFormRef(f)
		rel := path.Join(formsDir(in.AsOf), adminFormName(f))
		job := formJob{ac: ac, row: store.AdminForm{Ref: ac.FormRef, Convention: f.Convention, FindingKey: f.Key(),
			Code: string(f.Code), Fingerprint: formFingerprint(ac), Path: rel, SentOn: in.AsOf.String()}}
		if in.Store != nil {
			old, err := in.Store.AdminFormByRef(ctx, job.row.Ref)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return sum, err
			}
			_, serr := os.Stat(dd.Path(rel))
			job.skip = err == nil && serr == nil && old.Fingerprint == job.row.Fingerprint && old.Path == rel
		}
		if err := b.add(ctx, job); err != nil {
			return sum, err
		}
	}
	return sum, b.flush(ctx)
}

// adminFormName names the form of finding f: « annexe3-06-2017-
// administrateur-non-declare-u-10432.pdf » or, for a missing administrator
// (known by name only), a short hash of the name.
func adminFormName(f model.Finding) string {
	conv := fileSafe(f.Convention)
	if f.Code == model.CodeUndeclaredAdmin {
		return "annexe3-" + conv + "-administrateur-non-declare-" + fileSafe(f.Account) + ".pdf"
	}
	h := sha256.Sum256([]byte(model.Fold(f.Name)))
	return "annexe3-" + conv + "-administrateur-a-remplacer-" + hex.EncodeToString(h[:4]) + ".pdf"
}

// AdminFormRef is the reference of the form pre-filled for finding f:
// « A3-06-2017-1a2b3c4d », the convention and a hash of the finding's key.
// The same finding always gets the same reference, so that a form written
// again (a later run) is still the one the partner may return.
func AdminFormRef(f model.Finding) string {
	h := sha256.Sum256([]byte(f.Key()))
	return "A3-" + fileSafe(f.Convention) + "-" + hex.EncodeToString(h[:4])
}

// formFingerprint is a hash of a form's content: a form is written again
// only when it changes.
func formFingerprint(ac model.AdminChange) string {
	b, _ := json.Marshal(ac) // plain strings: cannot fail
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// AdminChangeFileName is the default file name of an on-demand form for
// convention number: « annexe3-06-2017.pdf ».
func AdminChangeFileName(number string) string {
	return "annexe3-" + fileSafe(number) + ".pdf"
}

// WriteAdminChangeFile writes the Annexe 3 form f to path, atomically and
// readable by the owner only (it holds personal data).
func WriteAdminChangeFile(path string, f model.AdminChange) error {
	var buf bytes.Buffer
	if err := forms.WriteAdminChange(&buf, f); err != nil {
		return fmt.Errorf("admin form %s: %w", path, err)
	}
	return writeFileAtomic(path, buf.Bytes())
}

// AdminChangeOnDemand completes a form typed on the command line with the
// convention's record: partner, number and the Caf's postal block; phones in
// E.164; « remplace » ticked oui when a replaced administrator is named, with
// their e-mail from Annexe 1 when not given. Invalid phones are an error.
func AdminChangeOnDemand(rec model.Record, f model.AdminChange) (model.AdminChange, error) {
	f.Partner = rec.Convention.Partner.Name
	f.Convention = rec.Convention.Number
	f.CafLines = model.CafPostalLines(rec.Convention.Caf)
	for _, p := range []*string{&f.Phone, &f.Mobile} {
		n, ok := model.NormalizePhone(*p)
		if !ok {
			return f, fmt.Errorf("invalid phone number %q", *p)
		}
		*p = n
	}
	if f.ReplacesName != "" {
		f.Replaces = model.AnswerYes
		if f.ReplacesEmail == "" {
			for _, c := range rec.PartnerAdmins() {
				if model.Fold(c.Name) == model.Fold(f.ReplacesName) {
					f.ReplacesName, f.ReplacesEmail = c.Name, c.Email
				}
			}
		}
	}
	return f, nil
}
