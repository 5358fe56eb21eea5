-- Jobs: work for background workers (the notification outbox of a later
-- issue, deadline alerts).  A worker claims one due job at a time; on
-- PostgreSQL many workers claim concurrently with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL,
	payload		TEXT NOT NULL,
	run_after	TEXT NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	claimed_by	TEXT,
	claimed_until	TEXT,			-- the claim lapses after this
	done_at		TEXT,
	created_at	TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs(kind, done_at, run_after);
