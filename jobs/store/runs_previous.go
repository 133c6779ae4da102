package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"habilitations/model"
)

// FindingsBeforeDate returns the findings of the latest run other than runID
// that saved findings for an as-of date before asOf (ISO). Comparing with the
// previous day rather than the previous run makes a re-run of the same day
// reproduce that day's new and resolved findings. ok is false when there is
// no such run (everything is new).
func (s *Store) FindingsBeforeDate(ctx context.Context, runID int64, asOf string) (prevID int64, fs []model.Finding, ok bool, err error) {
	if prevID, ok, err = s.runBeforeDate(ctx, runID, asOf); err != nil || !ok {
		return 0, nil, false, err
	}
	fs, err = s.Findings(ctx, prevID)
	if err != nil {
		return 0, nil, false, err
	}
	return prevID, fs, true, nil
}

// runBeforeDate returns the latest run other than runID that saved
// findings for an as-of date before asOf (ISO); ok is false when there is
// none.
func (s *Store) runBeforeDate(ctx context.Context, runID int64, asOf string) (prevID int64, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id FROM runs
		WHERE has_findings = 1 AND id <> ? AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1`, runID, asOf).Scan(&prevID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read previous findings: %w", err)
	}
	return prevID, true, nil
}
