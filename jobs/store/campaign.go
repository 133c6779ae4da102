package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"habilitations/model"
)

// UpdateFindingAges records the findings saved for run runID
// (SaveFindings), reconciled on asOf (ISO): a finding seen for the first
// time gets asOf as its first-seen date, one seen before keeps its date
// (the earlier of the two, should a run go back in time), and a finding no
// longer found is forgotten: if it comes back it is a new breach, with a
// new age. It returns the number of open findings; their dates are read
// convention by convention (EachConventionAges).
//
// The findings are aged from the run's rows inside the database: handing
// each one over again, as bound parameters, took a findings-heavy night
// (740,000 findings) seven seconds, to write what the findings table
// already holds.
func (s *Store) UpdateFindingAges(ctx context.Context, asOf string, runID int64) (int, error) {
	var open int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO finding_ages (key, convention, code, first_seen, last_seen)
			SELECT key, convention, code, ?1, ?1 FROM findings WHERE run_id = ?2
			ON CONFLICT (key) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
			asOf, runID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM finding_ages
			WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.run_id = ? AND f.key = finding_ages.key)`, runID)
		if err != nil {
			return err
		}
		closed, _ := res.RowsAffected()
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM finding_ages`).Scan(&open); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "campaign.finding_ages", "", fmt.Sprintf("as_of=%s open=%d closed=%d", asOf, open, closed))
	})
	if err != nil {
		return 0, fmt.Errorf("finding ages on %s: %w", asOf, err)
	}
	return open, nil
}

// EachConventionAges calls fn with the first-seen date (ISO) of every open
// finding by key, one convention at a time, conventions in increasing
// order ("" first: the findings without one). fn must not keep ages: the
// map is reused. Read so, a night of 900,000 open findings holds one
// convention's dates, not a map of every finding's key (120 MB).
func (s *Store) EachConventionAges(ctx context.Context, fn func(convention string, ages map[string]string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT convention, key, first_seen FROM finding_ages ORDER BY convention`)
	if err != nil {
		return fmt.Errorf("finding ages: %w", err)
	}
	defer rows.Close()
	ages := map[string]string{}
	var cur string
	for rows.Next() {
		var conv, k, d string
		if err := rows.Scan(&conv, &k, &d); err != nil {
			return fmt.Errorf("finding ages: %w", err)
		}
		if conv != cur && len(ages) > 0 {
			if err := fn(cur, ages); err != nil {
				return err
			}
			if len(ages) > 4096 { // a map cleared keeps its size
				ages = map[string]string{}
			} else {
				clear(ages)
			}
		}
		cur = conv
		ages[k] = d
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("finding ages: %w", err)
	}
	if len(ages) > 0 {
		return fn(cur, ages)
	}
	return nil
}

// RecordReviewReturn records that a filled workbook came back (outcome
// "imported" or "refused"); the same file again changes nothing, except that
// a refused file later imported (after a fix of the import) becomes imported.
func (s *Store) RecordReviewReturn(ctx context.Context, sha, convention, workbookID, outcome string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO review_returns (sha256, convention, workbook_id, outcome, returned_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (sha256) DO UPDATE SET outcome = CASE WHEN excluded.outcome = 'imported' THEN 'imported' ELSE outcome END`,
		sha, convention, workbookID, outcome, ts(s.now()))
	if err != nil {
		return fmt.Errorf("record return of %s: %w", sha, err)
	}
	return nil
}

// Cycle is what the store knows of one review cycle (a convention and a due
// date that a workbook was prepared for). Times are UTC; the caller turns
// them into dates in its time zone.
type Cycle struct {
	Convention, DueOn string
	SentOn            string // as-of date (ISO) of the first workbook of the cycle
	Returned          time.Time
	Decisions         time.Time // first accepted import
	Attested          time.Time // first import with an attestation
	Actions           int       // removals and profile changes of the latest import
	AppliedOn         string    // as-of date (ISO) of the export that showed them all applied
}

// Cycles returns every review cycle with a workbook, by convention then due date.
func (s *Store) Cycles(ctx context.Context) ([]Cycle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT w.convention, w.due_on, MIN(w.as_of),
		(SELECT MIN(r.returned_at) FROM review_returns r JOIN review_workbooks rw ON rw.workbook_id = r.workbook_id
			WHERE rw.convention = w.convention AND rw.due_on = w.due_on),
		(SELECT MIN(i.imported_at) FROM review_imports i JOIN review_workbooks iw ON iw.workbook_id = i.workbook_id
			WHERE iw.convention = w.convention AND iw.due_on = w.due_on),
		(SELECT MIN(i.imported_at) FROM review_imports i JOIN review_workbooks iw ON iw.workbook_id = i.workbook_id
			WHERE iw.convention = w.convention AND iw.due_on = w.due_on AND i.attestation_path <> ''),
		(SELECT i.workbook_sha256 FROM review_imports i JOIN review_workbooks iw ON iw.workbook_id = i.workbook_id
			WHERE iw.convention = w.convention AND iw.due_on = w.due_on ORDER BY i.imported_at DESC LIMIT 1)
		FROM review_workbooks w WHERE w.due_on <> '' GROUP BY w.convention, w.due_on ORDER BY w.convention, w.due_on`)
	if err != nil {
		return nil, fmt.Errorf("review cycles: %w", err)
	}
	var out []Cycle
	var shas []string
	for rows.Next() {
		var c Cycle
		var ret, dec, att, sha sql.NullString
		if err := rows.Scan(&c.Convention, &c.DueOn, &c.SentOn, &ret, &dec, &att, &sha); err != nil {
			rows.Close()
			return nil, fmt.Errorf("review cycles: %w", err)
		}
		c.Returned, c.Decisions, c.Attested = parseTS(ret.String), parseTS(dec.String), parseTS(att.String)
		if c.Returned.IsZero() || (!c.Decisions.IsZero() && c.Decisions.Before(c.Returned)) {
			c.Returned = c.Decisions // imported before returns were recorded
		}
		out = append(out, c)
		shas = append(shas, sha.String)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review cycles: %w", err)
	}
	for i, sha := range shas {
		if sha == "" {
			continue
		}
		if err := s.applied(ctx, sha, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// applied fills the actions of an import and the as-of date of the first
// export in which all of them were found applied (an import without action
// is applied on its import date).
func (s *Store) applied(ctx context.Context, sha string, c *Cycle) error {
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM review_decisions WHERE workbook_sha256 = ? AND decision IN (?, ?)`,
		sha, string(model.DecisionRemove), string(model.DecisionChangeProfile)).Scan(&c.Actions)
	if err != nil {
		return fmt.Errorf("actions of %s: %w", sha, err)
	}
	if c.Actions == 0 {
		c.AppliedOn = c.Decisions.Format(time.DateOnly)
		return nil
	}
	var on sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT MIN(as_of) FROM (SELECT as_of FROM review_action_checks WHERE workbook_sha256 = ?
		GROUP BY as_of HAVING SUM(state = ?) >= ?)`, sha, string(model.ActionApplied), c.Actions).Scan(&on)
	if err != nil {
		return fmt.Errorf("actions of %s: %w", sha, err)
	}
	c.AppliedOn = on.String
	return nil
}

// StoredNotice is a formal notice as stored.
type StoredNotice struct {
	Convention, DueOn string
	Path              string // relative to the data directory
	WrittenOn         string
	SentOn            string
	ReceivedOn        string
	ReviewMissing     bool
	Findings          []string
}

// SaveNotice records a formal notice written for a cycle (again: replaced,
// but the sending dates already entered are kept).
func (s *Store) SaveNotice(ctx context.Context, n StoredNotice) error {
	keys, err := json.Marshal(append([]string{}, n.Findings...))
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO campaign_notices (convention, due_on, path, written_on, review_missing, findings)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (convention, due_on) DO UPDATE SET path = excluded.path, written_on = excluded.written_on,
			review_missing = excluded.review_missing, findings = excluded.findings`,
			n.Convention, n.DueOn, n.Path, n.WrittenOn, n.ReviewMissing, string(keys))
		if err != nil {
			return fmt.Errorf("save notice of %s: %w", n.Convention, err)
		}
		return s.auditTx(ctx, tx, "campaign.notice_written", n.Convention, fmt.Sprintf("due_on=%s path=%s breaches=%d review_missing=%t",
			n.DueOn, n.Path, len(n.Findings), n.ReviewMissing))
	})
}

// Notices returns every formal notice, by convention then due date.
func (s *Store) Notices(ctx context.Context) ([]StoredNotice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT convention, due_on, path, written_on, sent_on, received_on, review_missing, findings
		FROM campaign_notices ORDER BY convention, due_on`)
	if err != nil {
		return nil, fmt.Errorf("notices: %w", err)
	}
	defer rows.Close()
	var out []StoredNotice
	for rows.Next() {
		var n StoredNotice
		var keys string
		if err := rows.Scan(&n.Convention, &n.DueOn, &n.Path, &n.WrittenOn, &n.SentOn, &n.ReceivedOn, &n.ReviewMissing, &keys); err != nil {
			return nil, fmt.Errorf("notices: %w", err)
		}
		if err := json.Unmarshal([]byte(keys), &n.Findings); err != nil {
			return nil, fmt.Errorf("notice of %s: %w", n.Convention, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetNoticeSent records the sending date of the notice of a convention's
// cycle (and its receipt, when received is not ""), as the agent entered them.
func (s *Store) SetNoticeSent(ctx context.Context, convention, dueOn, sent, received string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE campaign_notices SET sent_on = ?, received_on = CASE WHEN ? = '' THEN received_on ELSE ? END
			WHERE convention = ? AND due_on = ?`, sent, received, received, convention, dueOn)
		if err != nil {
			return fmt.Errorf("notice of %s: %w", convention, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("notice of %s due %s: not found", convention, dueOn)
		}
		return s.auditTx(ctx, tx, "campaign.notice_sent", convention, fmt.Sprintf("due_on=%s sent_on=%s received_on=%s", dueOn, sent, received))
	})
}
