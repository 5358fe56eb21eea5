-- The citizen following a case online (/segui, docs/citizen.md): after the
-- case number and the tracking code, a short session in a cookie, like the
-- staff's, bound to that one case.  Only the token's hash is kept.
CREATE TABLE follow_sessions (
	token_hash	TEXT PRIMARY KEY,
	case_id		BIGINT NOT NULL REFERENCES cases(id),
	csrf		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	expires_at	TEXT NOT NULL
);
CREATE INDEX follow_sessions_expiry ON follow_sessions(expires_at);
