package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is the state database. It is safe for concurrent use; writes are
// serialised by SQLite (BEGIN IMMEDIATE, busy timeout).
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// Actor of the audit entries the pipeline writes itself.
const ActorPipeline = "pipeline"

// Open opens (creating it if needed, with owner-only permissions) the database
// at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open state database %s: %w", path, err)
	}
	f.Close()
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open state database %s: %w", path, err)
	}
	s := &Store{db: db, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("state database %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB gives the other steps' methods (in new files of this package) their
// handle; callers outside the package should prefer methods.
func (s *Store) DB() *sql.DB { return s.db }

// SetClock replaces the clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Version is the schema version the code brings databases to.
func Version() int { return len(migrations) }

// migrate applies the migrations the database has not seen, each in its own
// transaction together with the new user_version.
func (s *Store) migrate(ctx context.Context) error {
	for {
		var v int
		if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program (%d)", v, len(migrations))
		}
		if v == len(migrations) {
			return nil
		}
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
	}
}

// tx runs fn in one write transaction (BEGIN IMMEDIATE), committing when fn
// returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	ended := false
	defer func() {
		if !ended { // fn panicked: the connection must not stay in the transaction
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		ended = true
		return errors.Join(err, tx.Rollback())
	}
	ended = true
	return tx.Commit()
}

// ts formats a time for the database.
func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTS reads a time written by ts; the zero time for "".
func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
