package store

// schemaReviewInbox adds what the keyed review workbooks and their return
// through the inbox need:
//   - the format each workbook was issued in: those issued before the key
//     (every row there already) keep the unkeyed control, and only they may
//     come back in that format;
//   - the receipt outcome 'review' (a filled review workbook taken from the
//     inbox and imported). SQLite cannot alter a CHECK constraint: the
//     receipts table, which no other table references, is rebuilt.
const schemaReviewInbox = `
ALTER TABLE review_workbooks ADD COLUMN format TEXT NOT NULL DEFAULT 'habilitations-revue/1';

CREATE TABLE receipts_v3 (
	id           INTEGER PRIMARY KEY,
	folder       TEXT NOT NULL CHECK (folder IN ('inbox', 'exports')),
	sha256       TEXT NOT NULL,
	name         TEXT NOT NULL,
	size         INTEGER NOT NULL,
	mtime_ns     INTEGER NOT NULL,
	ctime_ns     INTEGER NOT NULL,
	received_at  TEXT NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('record', 'rejected', 'export', 'duplicate', 'review')),
	stored_path  TEXT NOT NULL
);
INSERT INTO receipts_v3 SELECT id, folder, sha256, name, size, mtime_ns, ctime_ns, received_at, outcome, stored_path FROM receipts;
DROP TABLE receipts;
ALTER TABLE receipts_v3 RENAME TO receipts;
CREATE INDEX receipts_sha256 ON receipts (sha256);
CREATE UNIQUE INDEX receipts_identity ON receipts (folder, name, size, mtime_ns, ctime_ns, sha256);
`
