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
	runs, err := queryAll(ctx, s, "runs", scanRun, `SELECT `+runCols+` FROM runs
		WHERE id IN (SELECT MAX(id) FROM runs GROUP BY kind)`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Run, len(runs))
	for _, r := range runs {
		out[r.Kind] = r
	}
	return out, nil
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

// CloseStaleRuns marks as failed the runs still recorded as running. Only
// the holder of the data directory lock may call it: no other process can
// then be running, so such a run died (kill -9, power loss) before it could
// record its end. It returns how many runs it closed and audits them.
func (s *Store) CloseStaleRuns(ctx context.Context) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE runs SET status = 'failed', finished_at = ?,
			error = 'the process stopped before the run ended (killed or crashed)' WHERE status = 'running'`, ts(s.now()))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return s.auditTx(ctx, tx, "run.close_stale", "", fmt.Sprintf("runs=%d", n))
	})
	if err != nil {
		return 0, fmt.Errorf("close stale runs: %w", err)
	}
	return n, nil
}
