package store

import (
	"context"
	"encoding/json"
	"fmt"

	"habilitations/model"
)

// DeltaBeforeDate compares the findings saved for run runID (SaveFindings)
// with those of the latest earlier run with findings and an earlier as-of
// date: which are new (all of them, and ok false, when there is no such
// run) and which were resolved, sorted (model.SortFindings). It gives what
// FindingsBeforeDate then model.DiffFindings give.
//
// The two runs are compared inside the database, by the findings' saved
// keys (the table's primary key is the run and the key), and only the
// findings resolved are decoded: a findings-heavy night (740,000 findings,
// mostly dormant accounts) no longer builds a map of its own keys nor
// decodes the previous night's copy of them to find a handful changed.
func (s *Store) DeltaBeforeDate(ctx context.Context, runID int64, asOf string) (prevID int64, added model.NewFindings, resolved []model.Finding, ok bool, err error) {
	if prevID, ok, err = s.runBeforeDate(ctx, runID, asOf); err != nil {
		return 0, added, nil, false, err
	} else if !ok {
		return 0, model.AllNew(), nil, false, nil
	}
	if added, err = s.added(ctx, runID, prevID); err != nil {
		return 0, added, nil, false, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT json FROM findings p WHERE p.run_id = ?1
		AND NOT EXISTS (SELECT 1 FROM findings c WHERE c.run_id = ?2 AND c.key = p.key)`, prevID, runID)
	if err != nil {
		return 0, added, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var js string
		var f model.Finding
		if err := rows.Scan(&js); err != nil {
			return 0, added, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
		}
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			return 0, added, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
		}
		resolved = append(resolved, f)
	}
	if err := rows.Err(); err != nil {
		return 0, added, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
	}
	model.SortFindings(resolved)
	return prevID, added, resolved, true, nil
}

// added tells which findings of run run other does not have. It holds
// the keys of the smaller side (model.NewFindings): those new when few
// are, those kept when most are new.
func (s *Store) added(ctx context.Context, run, other int64) (model.NewFindings, error) {
	var total, kept int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM findings p WHERE p.run_id = ?2 AND p.key = c.key)), 0)
		FROM findings c WHERE c.run_id = ?1`, run, other).Scan(&total, &kept)
	if err != nil {
		return model.NewFindings{}, fmt.Errorf("compare findings of runs %d and %d: %w", run, other, err)
	}
	if total == kept {
		return model.NewFindings{}, nil
	}
	fewNew := total-kept <= kept
	q := `SELECT key FROM findings c WHERE c.run_id = ?1 AND NOT EXISTS (SELECT 1 FROM findings p WHERE p.run_id = ?2 AND p.key = c.key)`
	if !fewNew {
		q = `SELECT key FROM findings c WHERE c.run_id = ?1 AND EXISTS (SELECT 1 FROM findings p WHERE p.run_id = ?2 AND p.key = c.key)`
	}
	keys, err := s.keySet(ctx, q, run, other)
	if err != nil {
		return model.NewFindings{}, fmt.Errorf("compare findings of runs %d and %d: %w", run, other, err)
	}
	if fewNew {
		return model.NewWithKeys(keys), nil
	}
	return model.NewExceptKeys(keys), nil
}

// keySet returns the keys query q selects.
func (s *Store) keySet(ctx context.Context, q string, args ...any) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}
