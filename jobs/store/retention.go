package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SupersededExports returns the exports (outcome export, file still kept)
// that are current for no partner and whose every partner received a newer
// export before cutoff: their rows stopped being current data more than the
// retention period ago (contrat de service art. 5.3.2, see the README).
func (s *Store) SupersededExports(ctx context.Context, cutoff time.Time) ([]Export, error) {
	// For each (export, partner) the time the partner's next export arrived;
	// an export qualifies when none of its partners lacks one or got it after
	// cutoff.
	rows, err := s.db.QueryContext(ctx, `
		WITH sup AS (
			SELECT p.export_sha256 AS sha,
				(SELECT MIN(n.received_at) FROM export_partners np JOIN exports n ON n.sha256 = np.export_sha256
				 WHERE np.partner_key = p.partner_key AND n.outcome = 'export' AND n.sha256 <> e.sha256
				   AND (n.modified_at > e.modified_at OR (n.modified_at = e.modified_at AND n.received_at > e.received_at))
				) AS superseded_at
			FROM export_partners p JOIN exports e ON e.sha256 = p.export_sha256
			WHERE e.outcome = 'export' AND e.stored_path <> '')
		SELECT sha FROM sup GROUP BY sha
		HAVING SUM(CASE WHEN superseded_at IS NULL OR superseded_at >= ? THEN 1 ELSE 0 END) = 0
		ORDER BY sha`, ts(cutoff))
	if err != nil {
		return nil, fmt.Errorf("find superseded exports: %w", err)
	}
	var shas []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find superseded exports: %w", err)
		}
		shas = append(shas, sha)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find superseded exports: %w", err)
	}
	out := make([]Export, 0, len(shas))
	for _, sha := range shas {
		e, err := s.Export(ctx, sha)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// MarkExportPurged records that the file of an export was deleted: its
// stored path is cleared (the row stays, so the hash is still known) and the
// purge is audited with detail (counts, path; no personal data).
func (s *Store) MarkExportPurged(ctx context.Context, sha, detail string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE exports SET stored_path = '' WHERE sha256 = ?`, sha); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "retention.purge_export", sha, detail)
	})
	if err != nil {
		return fmt.Errorf("mark export %.12s purged: %w", sha, err)
	}
	return nil
}

// PurgeFindings deletes the findings of runs that a later reconciliation,
// itself before cutoff, superseded; the latest findings always stay. It
// returns how many findings were deleted and audits the purge.
func (s *Store) PurgeFindings(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE run_id IN (
			SELECT r.id FROM runs r WHERE r.has_findings = 1 AND EXISTS (
				SELECT 1 FROM runs n WHERE n.has_findings = 1 AND n.id > r.id AND n.started_at < ?))`, ts(cutoff))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return s.auditTx(ctx, tx, "retention.purge_findings", "", fmt.Sprintf("findings=%d superseded_before=%s", n, ts(cutoff)))
	})
	if err != nil {
		return 0, fmt.Errorf("purge findings: %w", err)
	}
	return n, nil
}

// PurgeDecisions deletes the review decisions (with their import rows and
// the checks of their actions) of a convention that a later review import,
// itself before cutoff, superseded.
// It returns how many decisions were deleted and audits the purge.
func (s *Store) PurgeDecisions(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old := `SELECT i.workbook_sha256 FROM review_imports i WHERE EXISTS (
			SELECT 1 FROM review_imports l WHERE l.convention = i.convention
			AND l.imported_at > i.imported_at AND l.imported_at < ?)`
		res, err := tx.ExecContext(ctx, `DELETE FROM review_decisions WHERE workbook_sha256 IN (`+old+`)`, ts(cutoff))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		// The checks of their actions against later exports name accounts too.
		if _, err := tx.ExecContext(ctx, `DELETE FROM review_action_checks WHERE workbook_sha256 IN (`+old+`)`, ts(cutoff)); err != nil {
			return err
		}
		imp, err := tx.ExecContext(ctx, `DELETE FROM review_imports WHERE workbook_sha256 IN (`+old+`)`, ts(cutoff))
		if err != nil {
			return err
		}
		m, err := imp.RowsAffected()
		if err != nil || n+m == 0 {
			return err
		}
		return s.auditTx(ctx, tx, "retention.purge_decisions", "", fmt.Sprintf("decisions=%d imports=%d superseded_before=%s", n, m, ts(cutoff)))
	})
	if err != nil {
		return 0, fmt.Errorf("purge review decisions: %w", err)
	}
	return n, nil
}

// ArchivedDocumentsBefore returns the stored paths of the archived copies of
// inbox documents (records and duplicates) received before cutoff and not
// received again since (archive copies are content-addressed, so a later
// drop of the same content shares the file).
func (s *Store) ArchivedDocumentsBefore(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT stored_path FROM receipts
		WHERE folder = 'inbox' AND outcome IN ('record', 'duplicate') AND stored_path <> '' AND received_at < ?
		AND stored_path NOT IN (SELECT stored_path FROM receipts WHERE received_at >= ?)
		ORDER BY stored_path`, ts(cutoff), ts(cutoff))
	if err != nil {
		return nil, fmt.Errorf("find archived documents: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("find archived documents: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
