package store

// schemaAdminChange adds the returned Annexe 3 forms:
//   - the record kind 'admin_change' (records.md §2c). SQLite cannot alter
//     a CHECK constraint: records, which no table references (it
//     references documents), is rebuilt with its rows and ids;
//   - admin_forms: the Annexe 3 forms the pipeline pre-filled for a
//     finding, by the reference printed on them (form_ref), and the form
//     returned for each, so that the Caf sees what was sent and what came
//     back.
const schemaAdminChange = `
CREATE TABLE records_v5 (
	id               INTEGER PRIMARY KEY,
	document_sha256  TEXT NOT NULL UNIQUE REFERENCES documents (sha256),
	kind             TEXT NOT NULL CHECK (kind IN ('dossier', 'bulletin', 'admin_change')),
	convention       TEXT NOT NULL,
	partner_siret    TEXT NOT NULL DEFAULT '',
	partner_name     TEXT NOT NULL DEFAULT '',
	signed_on        TEXT NOT NULL DEFAULT '', -- admin_change: the form's date, else its reception day
	received_at      TEXT NOT NULL,
	json             TEXT NOT NULL,
	created_at       TEXT NOT NULL
);
INSERT INTO records_v5 SELECT id, document_sha256, kind, convention, partner_siret, partner_name, signed_on, received_at, json, created_at FROM records;
DROP TABLE records;
ALTER TABLE records_v5 RENAME TO records;
CREATE INDEX records_convention ON records (convention);

CREATE TABLE admin_forms (
	ref              TEXT PRIMARY KEY,         -- « A3-<convention>-<hash of the finding key> », printed on the form
	convention       TEXT NOT NULL,
	finding_key      TEXT NOT NULL,
	code             TEXT NOT NULL,            -- undeclared_admin | missing_admin
	fingerprint      TEXT NOT NULL,            -- hash of the form's content: rewritten only when it changes
	path             TEXT NOT NULL,            -- relative to the data directory
	sent_on          TEXT NOT NULL,            -- YYYY-MM-DD: the run date the form was first written
	returned_sha256  TEXT NOT NULL DEFAULT '', -- the document of the form returned
	returned_on      TEXT NOT NULL DEFAULT ''  -- YYYY-MM-DD: when it was received
);
CREATE INDEX admin_forms_convention ON admin_forms (convention);
`
