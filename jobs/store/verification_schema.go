package store

// schemaVerification adds what the values read from scans and checked by a
// person need (records.md §2b):
//   - verify_pictures: for each value to verify of a record, the picture of
//     the region of the scan it was read from (the page images are not
//     kept; these few kilobytes are);
//   - verification_workbooks: the workbooks issued, by the id printed in
//     them: only those are imported;
//   - verifications: the values checked, with who checked them and the
//     workbook they came back in: the history of a record's corrections;
//   - the receipt outcome 'verification' (a filled verification workbook
//     taken from the inbox). The receipts table is rebuilt as before.
const schemaVerification = `
CREATE TABLE verify_pictures (
	document_sha256  TEXT NOT NULL REFERENCES documents (sha256),
	field            TEXT NOT NULL,          -- the value's path, as to_verify names it
	png              BLOB NOT NULL,
	PRIMARY KEY (document_sha256, field)
);

CREATE TABLE verification_workbooks (
	id               TEXT PRIMARY KEY,       -- « V-… », printed in the workbook's control sheet
	document_sha256  TEXT NOT NULL REFERENCES documents (sha256),
	convention       TEXT NOT NULL,
	items            INTEGER NOT NULL,
	path             TEXT NOT NULL,          -- relative to the data directory
	issued_on        TEXT NOT NULL           -- YYYY-MM-DD
);
CREATE INDEX verification_workbooks_document ON verification_workbooks (document_sha256);

CREATE TABLE verifications (
	id               INTEGER PRIMARY KEY,
	document_sha256  TEXT NOT NULL REFERENCES documents (sha256),
	workbook_id      TEXT NOT NULL,
	workbook_sha256  TEXT NOT NULL,          -- the filled workbook imported
	field            TEXT NOT NULL,
	value_read       TEXT NOT NULL,
	value_checked    TEXT NOT NULL,
	note             TEXT NOT NULL DEFAULT '',
	verifier         TEXT NOT NULL,
	verified_on      TEXT NOT NULL,          -- YYYY-MM-DD, as written in the workbook
	created_at       TEXT NOT NULL
);
CREATE INDEX verifications_document ON verifications (document_sha256);
CREATE INDEX verifications_workbook ON verifications (workbook_sha256);

CREATE TABLE receipts_v6 (
	id           INTEGER PRIMARY KEY,
	folder       TEXT NOT NULL CHECK (folder IN ('inbox', 'exports')),
	sha256       TEXT NOT NULL,
	name         TEXT NOT NULL,
	size         INTEGER NOT NULL,
	mtime_ns     INTEGER NOT NULL,
	ctime_ns     INTEGER NOT NULL,
	received_at  TEXT NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('record', 'rejected', 'export', 'duplicate', 'review', 'verification')),
	stored_path  TEXT NOT NULL
);
INSERT INTO receipts_v6 SELECT id, folder, sha256, name, size, mtime_ns, ctime_ns, received_at, outcome, stored_path FROM receipts;
DROP TABLE receipts;
ALTER TABLE receipts_v6 RENAME TO receipts;
CREATE INDEX receipts_sha256 ON receipts (sha256);
CREATE UNIQUE INDEX receipts_identity ON receipts (folder, name, size, mtime_ns, ctime_ns, sha256);
`
