-- The citizen's online application (/domanda, docs/citizen.md): a draft
-- filled in steps, kept for thirty days and resumed from the link sent by
-- SMS or e-mail.  Only the hashes of its token and of its one-time code are
-- kept.  data is the application as the counter form sends it (JSON);
-- confirmed is the phone or address whose one-time code was typed back.
CREATE TABLE drafts (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	token_hash	TEXT NOT NULL UNIQUE,
	csrf		TEXT NOT NULL,
	language	TEXT NOT NULL,
	data		TEXT NOT NULL DEFAULT '{}',
	step		INTEGER NOT NULL DEFAULT 1,
	association_id	INTEGER REFERENCES associations(id),
	otp_hash	TEXT NOT NULL DEFAULT '',
	otp_to		TEXT NOT NULL DEFAULT '',
	otp_until	TEXT NOT NULL DEFAULT '',
	otp_tries	INTEGER NOT NULL DEFAULT 0,
	otp_sent	INTEGER NOT NULL DEFAULT 0,
	confirmed	TEXT NOT NULL DEFAULT '',
	case_id		INTEGER REFERENCES cases(id),
	created_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	expires_at	TEXT NOT NULL
);
CREATE INDEX drafts_expiry ON drafts(expires_at);

-- The documents uploaded with a draft: they become the case's files
-- (case_files) when the draft is submitted, and go with it when it ends.
CREATE TABLE draft_files (
	id		INTEGER PRIMARY KEY,
	draft_id	INTEGER NOT NULL REFERENCES drafts(id),
	kind		TEXT NOT NULL,
	name		TEXT NOT NULL,
	content_type	TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,
	path		TEXT NOT NULL,
	uploaded_at	TEXT NOT NULL
);
CREATE INDEX draft_files_draft ON draft_files(draft_id);
