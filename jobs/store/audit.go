package store

import (
	"context"
	"database/sql"
	"fmt"
	"path"
	"strings"
	"time"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string
	Action string
	Object string // a hash, a convention number, a run id: never a person
	Detail string // counts, reasons, paths
}

// Audit appends an entry by the pipeline. Detail must hold no personal data.
func (s *Store) Audit(ctx context.Context, action, object, detail string) error {
	return s.AuditAs(ctx, ActorPipeline, action, object, detail)
}

// AuditAs appends an entry by the given actor (e.g. "reviewer").
func (s *Store) AuditAs(ctx context.Context, actor, action, object, detail string) error {
	_, err := s.db.ExecContext(ctx, auditInsert, ts(s.now()), actor, action, object, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

const auditInsert = `INSERT INTO audit (at, actor, action, object, detail) VALUES (?, ?, ?, ?, ?)`

// auditTx appends an entry inside a transaction.
func (s *Store) auditTx(ctx context.Context, tx *sql.Tx, action, object, detail string) error {
	_, err := tx.ExecContext(ctx, auditInsert, ts(s.now()), ActorPipeline, action, object, detail)
	return err
}

// AuditLog returns the entries with id > after, oldest first, at most limit
// (0: no limit).
func (s *Store) AuditLog(ctx context.Context, after int64, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, at, actor, action, object, detail FROM audit WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Object, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditPath is what the audit log says of a stored file: the path itself when
// it is content-addressed (archive/ab/<sha256>.pdf), else only its folder,
// since a name kept from the dropped file may name a person.
func AuditPath(p string) string {
	dir, name := path.Split(p)
	if strings.HasPrefix(p, "archive/") && !strings.HasPrefix(p, "archive/duplicates/") && len(name) >= 64 {
		return p
	}
	return dir
}
