package store

import (
	"context"
	"database/sql"
	"fmt"

	"habilitations/model"
)

// ReviewStatuses returns, per convention, where its review for the cycle
// ending on due (ISO) stands: an attestation written after an import of a
// workbook of that cycle, decisions received, a workbook sent, or nothing.
func (s *Store) ReviewStatuses(ctx context.Context, due map[string]string) (map[string]model.ReviewStatus, error) {
	// Two grouped queries, not two per convention: a national Caf has ten
	// thousand conventions and a few hundred workbooks.
	type cycle struct {
		conv, due string
		sent      int
		att       sql.NullString
	}
	sentRows, err := queryAll(ctx, s, "review statuses", func(scan func(...any) error) (cycle, error) {
		var c cycle
		return c, scan(&c.conv, &c.due, &c.sent)
	}, `SELECT convention, due_on, COUNT(*) FROM review_workbooks GROUP BY convention, due_on`)
	if err != nil {
		return nil, err
	}
	attRows, err := queryAll(ctx, s, "review statuses", func(scan func(...any) error) (cycle, error) {
		var c cycle
		return c, scan(&c.conv, &c.due, &c.att)
	}, `SELECT w.convention, w.due_on, MAX(i.attestation_path) FROM review_imports i
		JOIN review_workbooks w ON w.workbook_id = i.workbook_id GROUP BY w.convention, w.due_on`)
	if err != nil {
		return nil, err
	}
	sent := map[[2]string]int{}
	for _, c := range sentRows {
		sent[[2]string{c.conv, c.due}] = c.sent
	}
	atts := map[[2]string]sql.NullString{}
	for _, c := range attRows {
		atts[[2]string{c.conv, c.due}] = c.att
	}
	out := make(map[string]model.ReviewStatus, len(due))
	for conv, d := range due {
		c := [2]string{conv, d}
		att := atts[c] // no import: not Valid, as MAX over no row
		switch {
		case att.Valid && att.String != "":
			out[conv] = model.ReviewAttestation
		case att.Valid:
			out[conv] = model.ReviewDecisions
		case sent[c] > 0:
			out[conv] = model.ReviewSent
		default:
			out[conv] = model.ReviewToPrepare
		}
	}
	return out, nil
}

// SaveActionChecks stores the check of an import's actions against the
// export of asOf (again on the same date: replaced).
func (s *Store) SaveActionChecks(ctx context.Context, sha, asOf string, rs []model.ActionResult) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_action_checks (workbook_sha256, row_key, state, detail, as_of, checked_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workbook_sha256, row_key, as_of) DO UPDATE SET state = excluded.state,
				detail = excluded.detail, checked_at = excluded.checked_at`, sha, r.Key, string(r.State), r.Detail, asOf, ts(s.now())); err != nil {
				return fmt.Errorf("save action checks of %s: %w", sha, err)
			}
		}
		counts := map[model.ActionState]int{}
		for _, r := range rs {
			counts[r.State]++
		}
		return s.auditTx(ctx, tx, "review.actions_checked", "", fmt.Sprintf("sha256=%s as_of=%s applied=%d partly=%d not_applied=%d",
			sha, asOf, counts[model.ActionApplied], counts[model.ActionPartlyApplied], counts[model.ActionNotApplied]))
	})
}
