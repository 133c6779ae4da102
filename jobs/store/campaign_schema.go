package store

// schemaCampaign adds the follow-up of the review campaign (issue #13): the
// date each open finding was first seen, the filled workbooks that came back
// (refused ones too: a return is a fact of the campaign even when the
// workbook must be corrected), the formal notices, and the messages written
// and sent. Dates of the campaign (first_seen, written_on, sent_on…) are ISO
// calendar dates; *_at columns are RFC 3339 UTC times.
const schemaCampaign = `
CREATE TABLE finding_ages (
	key         TEXT PRIMARY KEY,          -- model.Finding.Key
	convention  TEXT NOT NULL DEFAULT '',
	code        TEXT NOT NULL,
	first_seen  TEXT NOT NULL,             -- as-of date of the first run that found it
	last_seen   TEXT NOT NULL
);
CREATE INDEX finding_ages_convention ON finding_ages (convention);

CREATE TABLE review_returns (
	sha256       TEXT PRIMARY KEY,         -- of the file returned
	convention   TEXT NOT NULL,
	workbook_id  TEXT NOT NULL DEFAULT '',
	outcome      TEXT NOT NULL CHECK (outcome IN ('imported', 'refused')),
	returned_at  TEXT NOT NULL
);
CREATE INDEX review_returns_workbook ON review_returns (workbook_id);

-- One formal notice (mise en demeure, convention art. 17.2) per convention
-- and review cycle.
CREATE TABLE campaign_notices (
	convention      TEXT NOT NULL,
	due_on          TEXT NOT NULL,
	path            TEXT NOT NULL,          -- the letter, relative to the data directory
	written_on      TEXT NOT NULL,
	sent_on         TEXT NOT NULL DEFAULT '', -- entered by the agent: starts the month
	received_on     TEXT NOT NULL DEFAULT '', -- acknowledgement of receipt, when entered
	review_missing  INTEGER NOT NULL DEFAULT 0,
	findings        TEXT NOT NULL DEFAULT '[]', -- JSON array of the finding keys notified
	PRIMARY KEY (convention, due_on)
);

-- The campaign's messages: one per convention, cycle and kind, written as
-- an .eml file, then sent when SMTP is configured. A failed send stays
-- 'failed' and is tried again by the next run.
CREATE TABLE campaign_mails (
	id          INTEGER PRIMARY KEY,
	convention  TEXT NOT NULL,
	due_on      TEXT NOT NULL,
	kind        TEXT NOT NULL,             -- model.MailKind
	message_id  TEXT NOT NULL,
	path        TEXT NOT NULL,             -- the .eml, relative to the data directory
	recipients  INTEGER NOT NULL,
	written_on  TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'written' CHECK (status IN ('written', 'sent', 'failed')),
	attempts    INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT NOT NULL DEFAULT '',
	sent_at     TEXT NOT NULL DEFAULT '',
	UNIQUE (convention, due_on, kind)
);
`
