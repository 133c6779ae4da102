package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"habilitations/model"
)

// Run statuses.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunFailed      = "failed"
	RunInterrupted = "interrupted"
)

// Run is one execution of a pipeline step or of the whole pipeline.
type Run struct {
	ID          int64
	Kind        string
	StartedAt   time.Time
	FinishedAt  time.Time // zero while running
	Status      string
	AsOf        string
	HasFindings bool
	Summary     json.RawMessage
	Error       string
}

// StartRun records the start of a run of the given kind and returns its id.
func (s *Store) StartRun(ctx context.Context, kind, asOf string) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (kind, started_at, as_of) VALUES (?, ?, ?)`, kind, ts(s.now()), asOf)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "run.start", fmt.Sprint(id), "kind="+kind)
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// FinishRun records the end of a run: its status, a summary (marshalled to
// JSON; counts and paths only) and the error, if any. A nil runErr with a
// context error is RunInterrupted.
func (s *Store) FinishRun(ctx context.Context, id int64, summary any, runErr error) error {
	status, msg := RunOK, ""
	if runErr != nil {
		status, msg = RunFailed, runErr.Error()
		if errors.Is(runErr, context.Canceled) || errors.Is(runErr, context.DeadlineExceeded) {
			status = RunInterrupted
		}
	}
	js := []byte("{}")
	if summary != nil {
		var err error
		if js, err = json.Marshal(summary); err != nil {
			return fmt.Errorf("finish run %d: summary: %w", id, err)
		}
	}
	// The run's own context may be cancelled (SIGTERM): still record the end.
	ctx = context.WithoutCancel(ctx)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, status = ?, summary = ?, error = ? WHERE id = ?`,
			ts(s.now()), status, string(js), msg, id); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "run.finish", fmt.Sprint(id), "status="+status)
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

const runCols = `id, kind, started_at, finished_at, status, as_of, has_findings, summary, error`

func scanRun(scan func(...any) error) (Run, error) {
	var r Run
	var started, finished, summary string
	err := scan(&r.ID, &r.Kind, &started, &finished, &r.Status, &r.AsOf, &r.HasFindings, &summary, &r.Error)
	r.StartedAt, r.FinishedAt, r.Summary = parseTS(started), parseTS(finished), json.RawMessage(summary)
	return r, err
}

// Runs returns the latest runs, newest first, at most limit (0: all).
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	if limit <= 0 {
		limit = -1
	}
	return queryAll(ctx, s, "runs", scanRun, `SELECT `+runCols+` FROM runs ORDER BY id DESC LIMIT ?`, limit)
}

// SaveFindings stores the findings of a run (replacing any saved before for
// that run) and marks the run as having findings, even when there are none,
// so that the next run can tell what was resolved.
func (s *Store) SaveFindings(ctx context.Context, runID int64, fs []model.Finding) error {
	_, err := s.SaveFindingsSeq(ctx, runID, func(yield func([]model.Finding, error) bool) { yield(fs, nil) })
	return err
}

// SaveFindingsSeq is SaveFindings of the findings seq gives, batch after
// batch, in one transaction: the night saves each convention's findings as
// the rules make them, and a batch's slice may be reused once the next is
// asked for. An error of seq undoes the whole save. It returns the number
// of findings saved.
func (s *Store) SaveFindingsSeq(ctx context.Context, runID int64, seq iter.Seq2[[]model.Finding, error]) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE run_id = ?`, runID); err != nil {
			return err
		}
		ins := newBatchInsert(ctx, tx, `INSERT OR REPLACE INTO findings (run_id, key, code, convention, json)`, "", 5)
		defer ins.close()
		var js []byte
		for fs, err := range seq {
			if err != nil {
				return err
			}
			for i := range fs {
				f := &fs[i]
				js = f.AppendJSON(js[:0]) // what json.Marshal gives, without its reflection
				if err := ins.row(runID, f.Key(), string(f.Code), f.Convention, string(js)); err != nil {
					return err
				}
			}
			n += len(fs)
		}
		if err := ins.flush(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE runs SET has_findings = 1 WHERE id = ?`, runID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "findings.save", fmt.Sprint(runID), fmt.Sprintf("count=%d", n))
	})
	if err != nil {
		return 0, fmt.Errorf("save findings of run %d: %w", runID, err)
	}
	return n, nil
}

// Findings returns the findings saved for a run, sorted (model.SortFindings).
func (s *Store) Findings(ctx context.Context, runID int64) ([]model.Finding, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT json FROM findings WHERE run_id = ?`, runID)
	if err != nil {
		return nil, fmt.Errorf("read findings of run %d: %w", runID, err)
	}
	defer rows.Close()
	out := []model.Finding{}
	for rows.Next() {
		var js string
		var f model.Finding
		if err := rows.Scan(&js); err != nil {
			return nil, fmt.Errorf("read findings of run %d: %w", runID, err)
		}
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			return nil, fmt.Errorf("read findings of run %d: %w", runID, err)
		}
		out = append(out, f)
	}
	model.SortFindings(out)
	return out, rows.Err()
}

// PreviousFindings returns the latest run before the run `before` (0: before
// any run, i.e. the latest) that saved findings, and those findings. It
// returns ErrNotFound when there is none (first run: everything is new).
func (s *Store) PreviousFindings(ctx context.Context, before int64) (Run, []model.Finding, error) {
	q := `SELECT ` + runCols + ` FROM runs WHERE has_findings = 1 AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT 1`
	r, err := scanRun(s.db.QueryRowContext(ctx, q, before, before).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, nil, ErrNotFound
	}
	if err != nil {
		return Run{}, nil, fmt.Errorf("read previous findings: %w", err)
	}
	fs, err := s.Findings(ctx, r.ID)
	return r, fs, err
}
