package store

// migrations is the ordered schema history: migrations[i] brings the database
// from user_version i to i+1. Never edit a migration that has shipped; append
// a new one.
var migrations = []string{
	schemaV1,
	schemaReview,       // review_schema.go (annual review step)
	schemaReviewInbox,  // review_key_schema.go (keyed workbooks, returned through the inbox)
	schemaCampaign,     // campaign_schema.go (follow-up of the review campaign)
	schemaAdminChange,  // adminform_schema.go (returned Annexe 3 forms)
	schemaVerification, // verification_schema.go (values read from scans, checked by a person)
}

// schemaV1 is the first full schema, designed for every step of the pipeline.
// Times are TEXT in RFC 3339 UTC with nanoseconds (sortable as text).
const schemaV1 = `
-- Unique contents taken from inbox/ (PDFs). One row per SHA-256: identical
-- content dropped again is a receipt with outcome 'duplicate', not a document.
CREATE TABLE documents (
	sha256       TEXT PRIMARY KEY,
	name         TEXT NOT NULL,             -- original name, relative to inbox/
	received_at  TEXT NOT NULL,
	size         INTEGER NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('record', 'rejected')),
	reason       TEXT NOT NULL DEFAULT '',  -- model.Reason when rejected
	message      TEXT NOT NULL DEFAULT '',  -- French motif when rejected
	stored_path  TEXT NOT NULL              -- relative to the data directory: archive/… or rejected/…
);

-- Every file taken from inbox/ or exports/, including duplicates. The
-- identity columns (folder, name, size, mtime_ns, ctime_ns) tell a file left
-- in the inbox by a crash after its commit from a new drop of the same content.
CREATE TABLE receipts (
	id           INTEGER PRIMARY KEY,
	folder       TEXT NOT NULL CHECK (folder IN ('inbox', 'exports')),
	sha256       TEXT NOT NULL,
	name         TEXT NOT NULL,
	size         INTEGER NOT NULL,
	mtime_ns     INTEGER NOT NULL,
	ctime_ns     INTEGER NOT NULL,
	received_at  TEXT NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('record', 'rejected', 'export', 'duplicate')),
	stored_path  TEXT NOT NULL
);
CREATE INDEX receipts_sha256 ON receipts (sha256);
CREATE UNIQUE INDEX receipts_identity ON receipts (folder, name, size, mtime_ns, ctime_ns, sha256);

-- One record per document that yielded one (records.md §2 JSON).
CREATE TABLE records (
	id               INTEGER PRIMARY KEY,
	document_sha256  TEXT NOT NULL UNIQUE REFERENCES documents (sha256),
	kind             TEXT NOT NULL CHECK (kind IN ('dossier', 'bulletin')),
	convention       TEXT NOT NULL,          -- number as in the record (06/2017)
	partner_siret    TEXT NOT NULL DEFAULT '',
	partner_name     TEXT NOT NULL DEFAULT '',
	signed_on        TEXT NOT NULL DEFAULT '', -- dossier: contrat de service; bulletin: latest bulletin date
	received_at      TEXT NOT NULL,
	json             TEXT NOT NULL,
	created_at       TEXT NOT NULL
);
CREATE INDEX records_convention ON records (convention);

-- Unique user exports taken from exports/ (CSV or XLSX), archived.
CREATE TABLE exports (
	sha256       TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	received_at  TEXT NOT NULL,
	modified_at  TEXT NOT NULL,              -- the file's mtime when dropped: orders exports of a partner
	size         INTEGER NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('export', 'rejected')),
	format       TEXT NOT NULL DEFAULT '',   -- csv | xlsx
	rows         INTEGER NOT NULL DEFAULT 0,
	row_errors   INTEGER NOT NULL DEFAULT 0,
	message      TEXT NOT NULL DEFAULT '',   -- French motif when rejected
	stored_path  TEXT NOT NULL               -- archive/… (re-read with extract/export) or rejected/…
);

-- Which partners an export covers. Partner key: 'siret:<14 digits>' when the
-- row has a SIRET, else 'nom:<folded Organisme>'. The newest export covering a
-- partner is its current one.
CREATE TABLE export_partners (
	export_sha256  TEXT NOT NULL REFERENCES exports (sha256),
	partner_key    TEXT NOT NULL,
	siret          TEXT NOT NULL DEFAULT '',
	organisme      TEXT NOT NULL DEFAULT '',
	rows           INTEGER NOT NULL,
	PRIMARY KEY (export_sha256, partner_key)
);
CREATE INDEX export_partners_key ON export_partners (partner_key);

-- Pipeline runs (one-shot or scheduled).
CREATE TABLE runs (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL,             -- ingest | run | reconcile | review | purge | …
	started_at    TEXT NOT NULL,
	finished_at   TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
	as_of         TEXT NOT NULL DEFAULT '',
	has_findings  INTEGER NOT NULL DEFAULT 0, -- 1 once SaveFindings ran, even with zero findings
	summary       TEXT NOT NULL DEFAULT '{}',
	error         TEXT NOT NULL DEFAULT ''
);

-- Findings of a run (records.md §4 JSON), keyed by model.Finding.Key.
CREATE TABLE findings (
	run_id      INTEGER NOT NULL REFERENCES runs (id),
	key         TEXT NOT NULL,
	code        TEXT NOT NULL,
	convention  TEXT NOT NULL DEFAULT '',
	json        TEXT NOT NULL,
	PRIMARY KEY (run_id, key)
);
CREATE INDEX findings_convention ON findings (convention);

-- Review workbooks imported back (one row per file content).
CREATE TABLE review_imports (
	workbook_sha256  TEXT PRIMARY KEY,
	name             TEXT NOT NULL,
	convention       TEXT NOT NULL,
	reviewer         TEXT NOT NULL DEFAULT '',
	imported_at      TEXT NOT NULL,
	rows             INTEGER NOT NULL DEFAULT 0
);

-- Reviewers' decisions, one per workbook row (stable hidden key).
CREATE TABLE review_decisions (
	id               INTEGER PRIMARY KEY,
	workbook_sha256  TEXT NOT NULL,
	convention       TEXT NOT NULL,
	row_key          TEXT NOT NULL,
	decision         TEXT NOT NULL,          -- Maintenir | Supprimer | Modifier le profil | Ne sait pas
	new_profile      TEXT NOT NULL DEFAULT '',
	justification    TEXT NOT NULL DEFAULT '',
	comment          TEXT NOT NULL DEFAULT '',
	reviewer         TEXT NOT NULL DEFAULT '',
	imported_at      TEXT NOT NULL,
	UNIQUE (workbook_sha256, row_key)
);
CREATE INDEX review_decisions_convention ON review_decisions (convention, row_key);

-- Small named values for the scheduler and status (e.g. last error).
CREATE TABLE meta (
	key    TEXT PRIMARY KEY,
	value  TEXT NOT NULL
);

-- Append-only audit log of what the pipeline did (contrat de service art. 5.3):
-- hashes, numbers and counts; never names, e-mails or phones.
CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	actor   TEXT NOT NULL,
	action  TEXT NOT NULL,
	object  TEXT NOT NULL DEFAULT '',
	detail  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`
