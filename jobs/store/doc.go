// Package store is the pipeline's durable state: an embedded SQLite database
// (modernc.org/sqlite, pure Go) in the data directory's state.db.
//
// It holds every document and export seen (by SHA-256), every record with its
// provenance, the runs and their findings, the reviewers' decisions and an
// append-only audit log. The effective view of a convention (later bulletins
// and re-signed dossiers applied) is computed from the stored records, so it
// can never disagree with them; its history says which document contributed
// what and what it replaced.
//
// The schema is versioned in code (schema.go, PRAGMA user_version). Packages
// that need their own queries add methods in new files of this package; a new
// table is a new migration appended to the list, never an edit of an old one.
package store
