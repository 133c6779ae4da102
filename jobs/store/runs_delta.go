package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"habilitations/model"
)

// DeltaBeforeDate is FindingsBeforeDate then FindingsDelta(prev, cur),
// reading the previous findings one at a time and keeping only those
// resolved: a night whose findings are mostly dormant accounts does not
// hold the previous night's copy of them beside its own. added keeps cur's
// order and resolved is sorted (model.SortFindings), as FindingsDelta gives
// them of Findings' sorted list.
func (s *Store) DeltaBeforeDate(ctx context.Context, runID int64, asOf string, cur []model.Finding) (prevID int64, added, resolved []model.Finding, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id FROM runs
		WHERE has_findings = 1 AND id <> ? AND as_of < ? ORDER BY as_of DESC, id DESC LIMIT 1`, runID, asOf).Scan(&prevID)
	if errors.Is(err, sql.ErrNoRows) {
		added, _ = FindingsDelta(nil, cur)
		return 0, added, nil, false, nil
	}
	if err != nil {
		return 0, nil, nil, false, fmt.Errorf("read previous findings: %w", err)
	}
	seen := make(map[string]bool, len(cur)) // key of a current finding → also in the previous run
	for _, f := range cur {
		seen[f.Key()] = false
	}
	rows, err := s.db.QueryContext(ctx, `SELECT json FROM findings WHERE run_id = ?`, prevID)
	if err != nil {
		return 0, nil, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var js string
		var f model.Finding
		if err := rows.Scan(&js); err != nil {
			return 0, nil, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
		}
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			return 0, nil, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
		}
		k := f.Key()
		if _, ok := seen[k]; ok {
			seen[k] = true
			continue
		}
		resolved = append(resolved, f)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, nil, false, fmt.Errorf("read findings of run %d: %w", prevID, err)
	}
	model.SortFindings(resolved)
	for _, f := range cur {
		if !seen[f.Key()] {
			added = append(added, f)
		}
	}
	return prevID, added, resolved, true, nil
}
