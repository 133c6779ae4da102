package store

// schemaReview adds what the annual review step needs beyond schemaV1: the
// workbooks generated (a review is « envoyée » once its workbook exists), the
// facts of each decision's row (so that the actions can be checked against
// the next export without the workbook), the outputs of an import, and the
// results of those checks.
const schemaReview = `
CREATE TABLE review_workbooks (
	workbook_id   TEXT PRIMARY KEY,
	convention    TEXT NOT NULL,
	as_of         TEXT NOT NULL,
	due_on        TEXT NOT NULL DEFAULT '',
	path          TEXT NOT NULL,            -- relative to the data directory
	rows          INTEGER NOT NULL,
	generated_at  TEXT NOT NULL
);
CREATE INDEX review_workbooks_convention ON review_workbooks (convention, due_on);

ALTER TABLE review_imports ADD COLUMN workbook_id TEXT NOT NULL DEFAULT '';
ALTER TABLE review_imports ADD COLUMN reviewed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE review_imports ADD COLUMN as_of TEXT NOT NULL DEFAULT '';
ALTER TABLE review_imports ADD COLUMN attestation_path TEXT NOT NULL DEFAULT '';
ALTER TABLE review_imports ADD COLUMN actions_csv TEXT NOT NULL DEFAULT '';
ALTER TABLE review_imports ADD COLUMN actions_xlsx TEXT NOT NULL DEFAULT '';

-- The row a decision was made on (model.ReviewDecision as JSON).
ALTER TABLE review_decisions ADD COLUMN row_json TEXT NOT NULL DEFAULT '{}';

-- The actions of an import checked against a later export.
CREATE TABLE review_action_checks (
	workbook_sha256  TEXT NOT NULL,
	row_key          TEXT NOT NULL,
	state            TEXT NOT NULL,          -- appliquée | non appliquée | partiellement appliquée
	detail           TEXT NOT NULL DEFAULT '',
	as_of            TEXT NOT NULL,          -- as-of date of the export checked
	checked_at       TEXT NOT NULL,
	PRIMARY KEY (workbook_sha256, row_key, as_of)
);
`
