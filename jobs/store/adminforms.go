package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"habilitations/model"
)

// AdminForm is an Annexe 3 form the pipeline pre-filled for a finding, and
// the form returned for it, if any.
type AdminForm struct {
	Ref         string // printed on the form and held in its form_ref field
	Convention  string
	FindingKey  string
	Code        string
	Fingerprint string // hash of the form's content
	Path        string // relative to the data directory
	SentOn      string // YYYY-MM-DD
	ReturnedSHA string // "" until returned
	ReturnedOn  string // YYYY-MM-DD, "" until returned
}

const adminFormCols = `ref, convention, finding_key, code, fingerprint, path, sent_on, returned_sha256, returned_on`

func scanAdminForm(scan func(...any) error) (AdminForm, error) {
	var f AdminForm
	err := scan(&f.Ref, &f.Convention, &f.FindingKey, &f.Code, &f.Fingerprint, &f.Path, &f.SentOn, &f.ReturnedSHA, &f.ReturnedOn)
	return f, err
}

// SaveAdminForm records a pre-filled form written. A form written again
// for the same reference keeps the date it was first sent and its return.
func (s *Store) SaveAdminForm(ctx context.Context, f AdminForm) error {
	return s.SaveAdminForms(ctx, []AdminForm{f})
}

// SaveAdminForms records forms written, as SaveAdminForm does, in one
// transaction: a first night writes thousands, and one commit (one sync of
// the journal) each cost more than the rows.
func (s *Store) SaveAdminForms(ctx context.Context, forms []AdminForm) error {
	var at string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, f := range forms {
			at = f.Ref
			res, err := tx.ExecContext(ctx, `INSERT INTO admin_forms (ref, convention, finding_key, code, fingerprint, path, sent_on)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (ref) DO UPDATE SET fingerprint = excluded.fingerprint, path = excluded.path
			WHERE fingerprint <> excluded.fingerprint OR path <> excluded.path`,
				f.Ref, f.Convention, f.FindingKey, f.Code, f.Fingerprint, f.Path, f.SentOn)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if err := s.auditTx(ctx, tx, "forms.admin_change", f.Ref,
				"convention="+f.Convention+" code="+f.Code+" path="+AuditPath(f.Path)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save admin form %s: %w", at, err)
	}
	return nil
}

// AdminFormByRef returns the form with this reference, or ErrNotFound.
func (s *Store) AdminFormByRef(ctx context.Context, ref string) (AdminForm, error) {
	f, err := scanAdminForm(s.db.QueryRowContext(ctx, `SELECT `+adminFormCols+` FROM admin_forms WHERE ref = ?`, ref).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return AdminForm{}, ErrNotFound
	}
	if err != nil {
		return AdminForm{}, fmt.Errorf("read admin form %s: %w", ref, err)
	}
	return f, nil
}

// AdminForms lists the pre-filled forms of a convention ("" for all), by
// date sent then reference.
func (s *Store) AdminForms(ctx context.Context, convention string) ([]AdminForm, error) {
	return queryAll(ctx, s, "admin forms", scanAdminForm, `SELECT `+adminFormCols+` FROM admin_forms
		WHERE ? = '' OR convention = ? ORDER BY sent_on, ref`, convention, convention)
}

// markFormReturned links a returned form (its document) to the form sent
// with that reference; the first return counts. It reports whether a form
// was marked.
func markFormReturned(ctx context.Context, tx *sql.Tx, ref, sha, day string) (bool, error) {
	if ref == "" {
		return false, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE admin_forms SET returned_sha256 = ?, returned_on = ?
		WHERE ref = ? AND returned_sha256 = ''`, sha, day, ref)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// KnownConvention returns the convention number as the store has it (from
// a dossier or a bulletin) for a number written on a returned form
// (compared by model.NormalizeNumber: « 06 / 2017 » is 06/2017), with its
// partner's name; ok is false when no dossier or bulletin has it.
func (s *Store) KnownConvention(ctx context.Context, number string) (canonical, partner string, ok bool, err error) {
	want := model.NormalizeNumber(number)
	rows, err := s.db.QueryContext(ctx, `SELECT convention, partner_name FROM records
		WHERE kind IN ('dossier', 'bulletin') ORDER BY kind = 'dossier' DESC, id DESC`)
	if err != nil {
		return "", "", false, fmt.Errorf("read conventions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, p string
		if err := rows.Scan(&c, &p); err != nil {
			return "", "", false, fmt.Errorf("read conventions: %w", err)
		}
		if model.NormalizeNumber(c) == want {
			return c, p, true, nil
		}
	}
	return "", "", false, rows.Err()
}
