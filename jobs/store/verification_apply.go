package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"habilitations/model"
)

// VerifiedValue is one value a person checked against the scan.
type VerifiedValue struct {
	Field     string
	ValueRead string
	Value     any // as model.CheckedValue returns it
	Note      string
}

// VerificationImport is a filled verification workbook to apply.
type VerificationImport struct {
	WorkbookID  string
	WorkbookSHA string // of the filled file
	DocumentSHA string
	Verifier    string
	VerifiedOn  string // YYYY-MM-DD
	Values      []VerifiedValue
	// Receipt, when the workbook came through the inbox, is stored in the
	// same transaction (outcome OutcomeVerification).
	Receipt *Receipt
}

// VerificationOutcome says what applying a workbook did.
type VerificationOutcome struct {
	Applied    int  // values written into the record
	Already    int  // values checked by an earlier workbook: left as they are
	Remaining  int  // values of the record still to verify
	Again      bool // this very file was imported before: nothing done
	Convention string
}

// ApplyVerification writes the checked values into the document's record
// and takes them off its to_verify list, keeps each with the value read
// and who checked it (the record's history), and audits the import, in one
// transaction. The record is validated as a whole before it is written.
func (s *Store) ApplyVerification(ctx context.Context, imp VerificationImport) (VerificationOutcome, error) {
	var out VerificationOutcome
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM verifications WHERE workbook_sha256 = ?`, imp.WorkbookSHA).Scan(&n); err != nil {
			return err
		}
		var js string
		if err := tx.QueryRowContext(ctx, `SELECT json FROM records WHERE document_sha256 = ?`, imp.DocumentSHA).Scan(&js); err != nil {
			if err == sql.ErrNoRows {
				return fmt.Errorf("record of %.12s: %w", imp.DocumentSHA, ErrNotFound)
			}
			return err
		}
		var rec model.Record
		if err := json.Unmarshal([]byte(js), &rec); err != nil {
			return err
		}
		out.Convention = rec.Convention.Number
		if n > 0 {
			out.Again, out.Remaining = true, len(rec.ToVerify)
			return nil
		}
		now := ts(s.now())
		for _, v := range imp.Values {
			if !slices.ContainsFunc(rec.ToVerify, func(t model.ToVerify) bool { return t.Field == v.Field }) {
				out.Already++
				continue
			}
			next, err := model.ApplyVerified(rec, v.Field, v.Value)
			if err != nil {
				return err
			}
			rec = next
			out.Applied++
			if _, err := tx.ExecContext(ctx, `INSERT INTO verifications (document_sha256, workbook_id, workbook_sha256, field,
				value_read, value_checked, note, verifier, verified_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				imp.DocumentSHA, imp.WorkbookID, imp.WorkbookSHA, v.Field, v.ValueRead, fmt.Sprint(v.Value), v.Note,
				imp.Verifier, imp.VerifiedOn, now); err != nil {
				return err
			}
		}
		var target any = rec
		if rec.Kind == model.KindAdminChange { // validated as the form reader does
			target = rec.Admin
		}
		if err := model.Validate(target); err != nil {
			return fmt.Errorf("record of %.12s once checked: %w", imp.DocumentSHA, err)
		}
		out.Remaining, out.Convention = len(rec.ToVerify), rec.Convention.Number
		if err := updateRecord(ctx, tx, imp.DocumentSHA, rec); err != nil {
			return err
		}
		if imp.Receipt != nil {
			r := *imp.Receipt
			r.Outcome = OutcomeVerification
			if err := insertReceipt(ctx, tx, r); err != nil {
				return err
			}
		}
		return s.auditTx(ctx, tx, "verify.import", imp.DocumentSHA, fmt.Sprintf("workbook=%s file=%.12s applied=%d already=%d remaining=%d",
			imp.WorkbookID, imp.WorkbookSHA, out.Applied, out.Already, out.Remaining))
	})
	if err != nil {
		return out, fmt.Errorf("apply verification %s: %w", imp.WorkbookID, err)
	}
	return out, nil
}

// updateRecord rewrites a document's record and the columns drawn from it
// (a checked convention number or SIRET moves it where it belongs).
func updateRecord(ctx context.Context, tx *sql.Tx, sha string, rec model.Record) error {
	js, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	var received string
	if err := tx.QueryRowContext(ctx, `SELECT received_at FROM records WHERE document_sha256 = ?`, sha).Scan(&received); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE records SET json = ?, convention = ?, partner_siret = ?, partner_name = ?, signed_on = ?
		WHERE document_sha256 = ?`, string(js), rec.Convention.Number, rec.Convention.Partner.SIRET, rec.Convention.Partner.Name,
		orderDate(rec, parseTS(received)), sha)
	return err
}

// Verification is one value checked, for a record's history.
type Verification struct {
	DocumentSHA, WorkbookID, Field, ValueRead, ValueChecked, Note, Verifier, VerifiedOn string
}

// Verifications returns the values checked of the listed documents, in the
// order they were.
func (s *Store) Verifications(ctx context.Context, shas []string) ([]Verification, error) {
	var out []Verification
	for _, sha := range shas {
		vs, err := queryAll(ctx, s, "verifications", func(scan func(...any) error) (Verification, error) {
			var v Verification
			err := scan(&v.DocumentSHA, &v.WorkbookID, &v.Field, &v.ValueRead, &v.ValueChecked, &v.Note, &v.Verifier, &v.VerifiedOn)
			return v, err
		}, `SELECT document_sha256, workbook_id, field, value_read, value_checked, note, verifier, verified_on
			FROM verifications WHERE document_sha256 = ? ORDER BY id`, sha)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}
