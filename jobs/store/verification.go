package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"habilitations/model"
)

// insertPictures keeps the pictures of a record's values to verify.
func insertPictures(ctx context.Context, tx *sql.Tx, sha string, items []model.ToVerify) error {
	for _, v := range items {
		if len(v.Picture) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO verify_pictures (document_sha256, field, png) VALUES (?, ?, ?)`,
			sha, v.Field, v.Picture); err != nil {
			return fmt.Errorf("picture of %s: %w", v.Field, err)
		}
	}
	return nil
}

// Pictures returns the pictures of a document's values to verify, by field.
func (s *Store) Pictures(ctx context.Context, sha string) (map[string][]byte, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT field, png FROM verify_pictures WHERE document_sha256 = ?`, sha)
	if err != nil {
		return nil, fmt.Errorf("read pictures of %.12s: %w", sha, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var f string
		var b []byte
		if err := rows.Scan(&f, &b); err != nil {
			return nil, fmt.Errorf("read pictures of %.12s: %w", sha, err)
		}
		out[f] = b
	}
	return out, rows.Err()
}

// ToVerifyRecords returns the stored records that still hold values to
// verify, oldest first. SQLite's JSON functions pick them without decoding
// every record in Go: the nightly pass stays cheap on a large store.
func (s *Store) ToVerifyRecords(ctx context.Context) ([]StoredRecord, error) {
	return queryAll(ctx, s, "records to verify", scanStoredRecord, `SELECT r.id, r.document_sha256, d.name, r.received_at, r.signed_on, r.json
		FROM records r JOIN documents d ON d.sha256 = r.document_sha256
		WHERE json_array_length(r.json, '$.to_verify') > 0 ORDER BY r.id`)
}

// RecordOf returns the stored record of a document; ErrNotFound when the
// document has none.
func (s *Store) RecordOf(ctx context.Context, sha string) (StoredRecord, error) {
	rs, err := queryAll(ctx, s, "record", scanStoredRecord, `SELECT r.id, r.document_sha256, d.name, r.received_at, r.signed_on, r.json
		FROM records r JOIN documents d ON d.sha256 = r.document_sha256 WHERE r.document_sha256 = ?`, sha)
	if err != nil {
		return StoredRecord{}, err
	}
	if len(rs) == 0 {
		return StoredRecord{}, fmt.Errorf("record of %.12s: %w", sha, ErrNotFound)
	}
	return rs[0], nil
}

func scanStoredRecord(scan func(...any) error) (StoredRecord, error) {
	var sr StoredRecord
	var at, js string
	if err := scan(&sr.ID, &sr.DocumentSHA, &sr.DocumentName, &at, &sr.SignedOn, &js); err != nil {
		return sr, err
	}
	if err := json.Unmarshal([]byte(js), &sr.Record); err != nil {
		return sr, fmt.Errorf("record %d: %w", sr.ID, err)
	}
	sr.ReceivedAt = parseTS(at)
	return sr, nil
}

// VerificationWorkbook is a verification workbook issued for a document.
type VerificationWorkbook struct {
	ID          string
	DocumentSHA string
	Convention  string
	Items       int
	Path        string // relative to the data directory
	IssuedOn    string // YYYY-MM-DD
}

// SaveVerificationWorkbook records a workbook issued.
func (s *Store) SaveVerificationWorkbook(ctx context.Context, w VerificationWorkbook) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO verification_workbooks (id, document_sha256, convention, items, path, issued_on)
			VALUES (?, ?, ?, ?, ?, ?)`, w.ID, w.DocumentSHA, w.Convention, w.Items, w.Path, w.IssuedOn); err != nil {
			return fmt.Errorf("save verification workbook %s: %w", w.ID, err)
		}
		return s.auditTx(ctx, tx, "verify.issue", w.DocumentSHA, fmt.Sprintf("workbook=%s items=%d path=%s", w.ID, w.Items, AuditPath(w.Path)))
	})
}

func scanVerificationWorkbook(scan func(...any) error) (VerificationWorkbook, error) {
	var w VerificationWorkbook
	err := scan(&w.ID, &w.DocumentSHA, &w.Convention, &w.Items, &w.Path, &w.IssuedOn)
	return w, err
}

const verificationWorkbookCols = `id, document_sha256, convention, items, path, issued_on`

// VerificationWorkbookByID returns the workbook issued with that id.
func (s *Store) VerificationWorkbookByID(ctx context.Context, id string) (VerificationWorkbook, bool, error) {
	ws, err := queryAll(ctx, s, "verification workbook", scanVerificationWorkbook,
		`SELECT `+verificationWorkbookCols+` FROM verification_workbooks WHERE id = ?`, id)
	if err != nil || len(ws) == 0 {
		return VerificationWorkbook{}, false, err
	}
	return ws[0], true, nil
}

// VerificationWorkbooks returns every workbook issued, oldest first.
func (s *Store) VerificationWorkbooks(ctx context.Context) ([]VerificationWorkbook, error) {
	return queryAll(ctx, s, "verification workbooks", scanVerificationWorkbook,
		`SELECT `+verificationWorkbookCols+` FROM verification_workbooks ORDER BY issued_on, id`)
}
