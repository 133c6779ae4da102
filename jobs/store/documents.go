package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"habilitations/model"
)

// Outcomes of a document or a receipt.
const (
	OutcomeRecord    = "record"
	OutcomeRejected  = "rejected"
	OutcomeExport    = "export"
	OutcomeDuplicate = "duplicate"
	// OutcomeReview is a receipt's: a filled review workbook imported.
	OutcomeReview = "review"
	// OutcomeVerification is a receipt's: a filled verification workbook
	// imported.
	OutcomeVerification = "verification"
)

// Folders files are taken from.
const (
	FolderInbox   = "inbox"
	FolderExports = "exports"
)

// Document is one unique content taken from the inbox.
type Document struct {
	SHA256     string
	Name       string // relative to inbox/
	ReceivedAt time.Time
	Size       int64
	Outcome    string // OutcomeRecord or OutcomeRejected
	Reason     model.Reason
	Message    string // French motif of a rejection
	StoredPath string // relative to the data directory
}

// Receipt is one file taken from inbox/ or exports/, duplicates included.
// Folder, Name, Size, MtimeNS, CtimeNS and SHA256 identify the file as it was
// in the folder, so that a file a crash left behind after its commit is
// recognised rather than counted again.
type Receipt struct {
	ID         int64
	Folder     string
	SHA256     string
	Name       string
	Size       int64
	MtimeNS    int64
	CtimeNS    int64
	ReceivedAt time.Time
	Outcome    string
	StoredPath string
}

// ErrNotFound is returned by lookups that find nothing.
var ErrNotFound = errors.New("not found")

// FindReceipt returns the receipt of exactly this file (same identity).
func (s *Store) FindReceipt(ctx context.Context, r Receipt) (Receipt, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+receiptCols+` FROM receipts
		WHERE folder = ? AND name = ? AND size = ? AND mtime_ns = ? AND ctime_ns = ? AND sha256 = ?`,
		r.Folder, r.Name, r.Size, r.MtimeNS, r.CtimeNS, r.SHA256)
	got, err := scanReceipt(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Receipt{}, ErrNotFound
	}
	return got, err
}

const documentCols = `sha256, name, received_at, size, outcome, reason, message, stored_path`

func scanDocument(scan func(...any) error) (Document, error) {
	var d Document
	var at, reason string
	err := scan(&d.SHA256, &d.Name, &at, &d.Size, &d.Outcome, &reason, &d.Message, &d.StoredPath)
	d.ReceivedAt, d.Reason = parseTS(at), model.Reason(reason)
	return d, err
}

// Document returns the document with this content hash, or ErrNotFound.
func (s *Store) Document(ctx context.Context, sha string) (Document, error) {
	d, err := scanDocument(s.db.QueryRowContext(ctx, `SELECT `+documentCols+` FROM documents WHERE sha256 = ?`, sha).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, fmt.Errorf("read document %.12s: %w", sha, err)
	}
	return d, nil
}

// SaveDocument stores, in one transaction, a new document, its record (nil
// for a rejection), its receipt and the audit entry.
func (s *Store) SaveDocument(ctx context.Context, d Document, rec *model.Record, r Receipt) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents (sha256, name, received_at, size, outcome, reason, message, stored_path)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.SHA256, d.Name, ts(d.ReceivedAt), d.Size, d.Outcome, string(d.Reason), d.Message, d.StoredPath); err != nil {
			return err
		}
		detail := d.Outcome
		if rec != nil {
			if err := s.insertRecord(ctx, tx, d, *rec); err != nil {
				return err
			}
			detail = fmt.Sprintf("%s kind=%s convention=%s services=%d", d.Outcome, rec.Kind, rec.Convention.Number, len(rec.Services))
			if rec.Kind == model.KindAdminChange && rec.Admin != nil {
				// The reference links the form to the finding it answers
				// (no name: the audit log holds none).
				detail = fmt.Sprintf("%s kind=%s convention=%s form_ref=%s", d.Outcome, rec.Kind, rec.Convention.Number, rec.Admin.FormRef)
				marked, err := markFormReturned(ctx, tx, rec.Admin.FormRef, d.SHA256, d.ReceivedAt.Local().Format(time.DateOnly))
				if err != nil {
					return err
				}
				if marked {
					detail += " form_returned=1"
				}
			}
		} else if d.Reason != "" {
			detail += " reason=" + string(d.Reason)
		}
		if err := insertReceipt(ctx, tx, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "ingest.document", d.SHA256, detail+" path="+AuditPath(d.StoredPath))
	})
	if err != nil {
		return fmt.Errorf("save document %.12s: %w", d.SHA256, err)
	}
	return nil
}

// SaveDuplicate stores the receipt of a file whose content was already seen.
func (s *Store) SaveDuplicate(ctx context.Context, r Receipt) error {
	r.Outcome = OutcomeDuplicate
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := insertReceipt(ctx, tx, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "ingest.duplicate", r.SHA256, "folder="+r.Folder+" path="+AuditPath(r.StoredPath))
	})
	if err != nil {
		return fmt.Errorf("save duplicate %.12s: %w", r.SHA256, err)
	}
	return nil
}

func (s *Store) insertRecord(ctx context.Context, tx *sql.Tx, d Document, rec model.Record) error {
	js, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO records (document_sha256, kind, convention, partner_siret, partner_name, signed_on, received_at, json, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.SHA256, rec.Kind, rec.Convention.Number, rec.Convention.Partner.SIRET,
		rec.Convention.Partner.Name, orderDate(rec, d.ReceivedAt), ts(d.ReceivedAt), string(js), ts(s.now()))
	if err != nil {
		return err
	}
	return insertPictures(ctx, tx, d.SHA256, rec.ToVerify)
}

// orderDate is recordSignedOn, or for a form without a date the day it was
// received: it applies after what was in force then.
func orderDate(r model.Record, received time.Time) string {
	if d := recordSignedOn(r); d != "" || r.Kind != model.KindAdminChange {
		return d
	}
	return received.Local().Format(time.DateOnly)
}

// recordSignedOn is the date that orders a record among those of its
// convention: the contrat de service's for a dossier, the latest bulletin's
// for a lone bulletin.
func recordSignedOn(r model.Record) string {
	if r.Kind == model.KindAdminChange && r.Admin != nil {
		return r.Admin.SignedOn
	}
	if r.Kind == model.KindDossier && r.Convention.SignedOn != "" {
		return r.Convention.SignedOn
	}
	d := r.Convention.SignedOn
	for _, sv := range r.Services {
		d = max(d, sv.SignedOn)
	}
	return d
}

func insertReceipt(ctx context.Context, tx *sql.Tx, r Receipt) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO receipts (folder, sha256, name, size, mtime_ns, ctime_ns, received_at, outcome, stored_path)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Folder, r.SHA256, r.Name, r.Size, r.MtimeNS, r.CtimeNS, ts(r.ReceivedAt), r.Outcome, r.StoredPath)
	return err
}

const receiptCols = `id, folder, sha256, name, size, mtime_ns, ctime_ns, received_at, outcome, stored_path`

func scanReceipt(scan func(...any) error) (Receipt, error) {
	var r Receipt
	var at string
	err := scan(&r.ID, &r.Folder, &r.SHA256, &r.Name, &r.Size, &r.MtimeNS, &r.CtimeNS, &at, &r.Outcome, &r.StoredPath)
	r.ReceivedAt = parseTS(at)
	return r, err
}

// Receipts lists every receipt of a folder ("" for all), oldest first.
func (s *Store) Receipts(ctx context.Context, folder string) ([]Receipt, error) {
	return queryAll(ctx, s, "receipts", scanReceipt,
		`SELECT `+receiptCols+` FROM receipts WHERE ? = '' OR folder = ? ORDER BY id`, folder, folder)
}

// Documents lists every document, oldest first.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	return queryAll(ctx, s, "documents", scanDocument,
		`SELECT `+documentCols+` FROM documents ORDER BY received_at, sha256`)
}

// ReceiptOf returns the first receipt of a content with this outcome; ok is
// false when there is none.
func (s *Store) ReceiptOf(ctx context.Context, sha, outcome string) (r Receipt, ok bool, err error) {
	r, err = scanReceipt(s.db.QueryRowContext(ctx, `SELECT `+receiptCols+` FROM receipts WHERE sha256 = ? AND outcome = ?
		ORDER BY id LIMIT 1`, sha, outcome).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("read receipt %.12s: %w", sha, err)
	}
	return r, true, nil
}

// SaveReviewReceipt stores the receipt of a review workbook taken from the
// inbox and imported (its decisions are stored by ImportReview).
func (s *Store) SaveReviewReceipt(ctx context.Context, r Receipt, convention string) error {
	r.Outcome = OutcomeReview
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := insertReceipt(ctx, tx, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "ingest.review", r.SHA256, "convention="+convention+" path="+AuditPath(r.StoredPath))
	})
	if err != nil {
		return fmt.Errorf("save review receipt %.12s: %w", r.SHA256, err)
	}
	return nil
}
