package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// LatestRunByKind returns the latest run of each kind, keyed by kind
// (habilitations status).
func (s *Store) LatestRunByKind(ctx context.Context) (map[string]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+runCols+` FROM runs
		WHERE id IN (SELECT MAX(id) FROM runs GROUP BY kind)`)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	defer rows.Close()
	out := map[string]Run{}
	for rows.Next() {
		r, err := scanRun(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("read runs: %w", err)
		}
		out[r.Kind] = r
	}
	return out, rows.Err()
}

// LastFailedRun returns the latest failed run; ok is false when no run failed.
func (s *Store) LastFailedRun(ctx context.Context) (r Run, ok bool, err error) {
	r, err = scanRun(s.db.QueryRowContext(ctx,
		`SELECT `+runCols+` FROM runs WHERE status = 'failed' ORDER BY id DESC LIMIT 1`).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, false, nil
	}
	if err != nil {
		return Run{}, false, fmt.Errorf("read runs: %w", err)
	}
	return r, true, nil
}
