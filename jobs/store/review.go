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

// ReviewWorkbook is a review workbook the pipeline generated.
type ReviewWorkbook struct {
	WorkbookID  string
	Convention  string
	AsOf, DueOn string // ISO dates
	Path        string // relative to the data directory
	Rows        int
	GeneratedAt time.Time
	Format      string // model.ReviewFormat, or model.ReviewFormatUnkeyed for those issued before the key
}

// SaveReviewWorkbook records a generated workbook (again: the latest path wins).
func (s *Store) SaveReviewWorkbook(ctx context.Context, w ReviewWorkbook) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO review_workbooks (workbook_id, convention, as_of, due_on, path, rows, generated_at, format)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workbook_id) DO UPDATE SET path = excluded.path, generated_at = excluded.generated_at,
			format = excluded.format`,
			w.WorkbookID, w.Convention, w.AsOf, w.DueOn, w.Path, w.Rows, ts(w.GeneratedAt), w.Format)
		if err != nil {
			return fmt.Errorf("save review workbook %s: %w", w.WorkbookID, err)
		}
		return s.auditTx(ctx, tx, "review.workbook", w.Convention, fmt.Sprintf("workbook=%s rows=%d path=%s", w.WorkbookID, w.Rows, w.Path))
	})
}

// ReviewWorkbookByID returns a generated workbook; ok is false when unknown.
func (s *Store) ReviewWorkbookByID(ctx context.Context, id string) (w ReviewWorkbook, ok bool, err error) {
	var gen string
	err = s.db.QueryRowContext(ctx, `SELECT workbook_id, convention, as_of, due_on, path, rows, generated_at, format FROM review_workbooks WHERE workbook_id = ?`, id).
		Scan(&w.WorkbookID, &w.Convention, &w.AsOf, &w.DueOn, &w.Path, &w.Rows, &gen, &w.Format)
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	}
	if err != nil {
		return w, false, fmt.Errorf("review workbook %s: %w", id, err)
	}
	w.GeneratedAt = parseTS(gen)
	return w, true, nil
}

// ReviewImport is one filled workbook imported back.
type ReviewImport struct {
	SHA256      string // of the file: the same file imported twice is one import
	Name        string
	WorkbookID  string
	Convention  string
	Reviewer    string
	ReviewedOn  string // ISO
	AsOf        string // ISO, the situation the workbook showed
	Rows        int
	ImportedAt  time.Time
	Attestation string // paths relative to the data directory, once written
	ActionsCSV  string
	ActionsXLSX string
}

// ImportReview stores an import and its decisions in one transaction. When
// the same file (same SHA-256) was imported before, nothing changes and
// imported is false.
func (s *Store) ImportReview(ctx context.Context, imp ReviewImport, ds []model.ReviewDecision) (imported bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO review_imports (workbook_sha256, name, convention, reviewer, imported_at, rows, workbook_id, reviewed_on, as_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workbook_sha256) DO NOTHING`,
			imp.SHA256, imp.Name, imp.Convention, imp.Reviewer, ts(imp.ImportedAt), len(ds), imp.WorkbookID, imp.ReviewedOn, imp.AsOf)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		imported = true
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO review_decisions (workbook_sha256, convention, row_key, decision, new_profile, justification, comment, reviewer, imported_at, row_json)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, d := range ds {
			b, err := json.Marshal(d)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, imp.SHA256, d.Convention, d.Key, string(d.Decision), string(d.NewProfile),
				d.Justification, d.Comment, imp.Reviewer, ts(imp.ImportedAt), string(b)); err != nil {
				return err
			}
		}
		return s.auditTx(ctx, tx, "review.import", imp.Convention, fmt.Sprintf("sha256=%s workbook=%s decisions=%d", imp.SHA256, imp.WorkbookID, len(ds)))
	})
	if err != nil {
		return false, fmt.Errorf("import review %s: %w", imp.Name, err)
	}
	return imported, nil
}

// SetReviewOutputs records the attestation and action files of an import.
func (s *Store) SetReviewOutputs(ctx context.Context, sha, attestation, csv, xlsx string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE review_imports SET attestation_path = ?, actions_csv = ?, actions_xlsx = ? WHERE workbook_sha256 = ?`,
			attestation, csv, xlsx, sha); err != nil {
			return fmt.Errorf("review outputs of %s: %w", sha, err)
		}
		return s.auditTx(ctx, tx, "review.outputs", "", fmt.Sprintf("sha256=%s attestation=%s actions=%s", sha, attestation, csv))
	})
}

// ReviewImportBySHA returns an import; ok is false when unknown.
func (s *Store) ReviewImportBySHA(ctx context.Context, sha string) (ReviewImport, bool, error) {
	ims, err := s.reviewImports(ctx, `WHERE workbook_sha256 = ?`, sha)
	if err != nil || len(ims) == 0 {
		return ReviewImport{}, false, err
	}
	return ims[0], true, nil
}

// LatestReviewImports returns the latest import of each convention.
func (s *Store) LatestReviewImports(ctx context.Context) ([]ReviewImport, error) {
	return s.reviewImports(ctx, `WHERE imported_at = (SELECT MAX(l.imported_at) FROM review_imports l WHERE l.convention = review_imports.convention) ORDER BY convention`)
}

func (s *Store) reviewImports(ctx context.Context, where string, args ...any) ([]ReviewImport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT workbook_sha256, name, workbook_id, convention, reviewer, reviewed_on, as_of, rows, imported_at,
		attestation_path, actions_csv, actions_xlsx FROM review_imports `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("review imports: %w", err)
	}
	defer rows.Close()
	var out []ReviewImport
	for rows.Next() {
		var r ReviewImport
		var at string
		if err := rows.Scan(&r.SHA256, &r.Name, &r.WorkbookID, &r.Convention, &r.Reviewer, &r.ReviewedOn, &r.AsOf, &r.Rows, &at,
			&r.Attestation, &r.ActionsCSV, &r.ActionsXLSX); err != nil {
			return nil, fmt.Errorf("review imports: %w", err)
		}
		r.ImportedAt = parseTS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewDecisions returns the decisions of an import, in key order.
func (s *Store) ReviewDecisions(ctx context.Context, sha string) ([]model.ReviewDecision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT row_json FROM review_decisions WHERE workbook_sha256 = ? ORDER BY row_key`, sha)
	if err != nil {
		return nil, fmt.Errorf("review decisions of %s: %w", sha, err)
	}
	defer rows.Close()
	var out []model.ReviewDecision
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, err
		}
		var d model.ReviewDecision
		if err := json.Unmarshal([]byte(js), &d); err != nil {
			return nil, fmt.Errorf("review decisions of %s: %w", sha, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
