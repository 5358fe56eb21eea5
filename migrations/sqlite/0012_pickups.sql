-- Collecting the certificate (docs/points.md).
--
-- Where the applicant collects it: the office (point_id NULL) or a T-Serve
-- point, chosen at intake and changeable until the handover, with the
-- delegate named in advance, if any.  A case without a row collects at the
-- office.
CREATE TABLE collections (
	case_id		INTEGER PRIMARY KEY REFERENCES cases(id),
	point_id	INTEGER REFERENCES points(id),
	delegate_name	TEXT NOT NULL DEFAULT '',
	delegate_doc_type TEXT NOT NULL DEFAULT '',
	delegate_doc_number TEXT NOT NULL DEFAULT '',
	updated_at	TEXT NOT NULL
);
CREATE INDEX collections_point ON collections(point_id);

-- A one-time pickup code, given when the certificate is ready.  Only its
-- hash is kept (the code itself is in the message).  A code is active
-- until it is used (delivered), replaced (the place changed), or recalled
-- to the office when it expires uncollected.  The lookup and the identity
-- check are tied to the operator who made them, so that each step of the
-- handover needs the one before it, by the same person, shortly before.
CREATE TABLE pickups (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	point_id	INTEGER REFERENCES points(id),
	code_hash	TEXT NOT NULL UNIQUE,
	status		TEXT NOT NULL CHECK (status IN
			    ('active', 'delivered', 'replaced', 'recalled')),
	created_at	TEXT NOT NULL,
	expires_on	TEXT NOT NULL,		-- its last day; then recalled
	remind_on	TEXT NOT NULL,		-- the reminder, if still there
	reminded_at	TEXT,
	looked_up_by	TEXT,
	looked_up_at	TEXT,
	checked_by	TEXT,
	checked_at	TEXT,
	check_fails	INTEGER NOT NULL DEFAULT 0,
	checked_doc	TEXT NOT NULL DEFAULT '',
	ended_at	TEXT,
	ended_by	TEXT
);
CREATE INDEX pickups_case ON pickups(case_id, status);
CREATE INDEX pickups_stock ON pickups(comune_id, status, point_id);

-- How long a pickup code lasts (then the certificate is recalled to the
-- office), and after how many days an uncollected one sends a reminder.
ALTER TABLE comuni ADD COLUMN pickup_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE comuni ADD COLUMN pickup_reminder_days INTEGER NOT NULL
    DEFAULT 10;

-- A payment taken at a point names it.
ALTER TABLE payments ADD COLUMN point_id INTEGER REFERENCES points(id);

-- API keys for a network of points (role point), bound to one point.
-- SQLite cannot widen a CHECK in place: the table is built again, its
-- rows kept, with the foreign keys that name it checked at the commit.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE api_keys_kept AS SELECT * FROM api_keys;
DROP TABLE api_keys;
CREATE TABLE api_keys (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	association_id	INTEGER REFERENCES associations(id),
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN
			    ('clerk', 'association', 'point')),
	prefix		TEXT NOT NULL,		-- first characters, to tell keys apart
	key_hash	TEXT NOT NULL UNIQUE,
	active		INTEGER NOT NULL DEFAULT 1,
	created_at	TEXT NOT NULL,
	point_id	INTEGER REFERENCES points(id),
	CHECK ((role = 'point') = (point_id IS NOT NULL))
);
INSERT INTO api_keys (id, comune_id, association_id, name, role, prefix,
    key_hash, active, created_at)
    SELECT id, comune_id, association_id, name, role, prefix, key_hash,
    active, created_at FROM api_keys_kept;
DROP TABLE api_keys_kept;

-- The comune's streets, each with a point on it (its stradario), so that
-- the T-Serve points nearest a dwelling are found from stored coordinates,
-- with no external service.  street_key is the name as domain/address.c
-- normalises it ("REPUBBLICA" for "Viale della Repubblica").
CREATE TABLE streets (
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	street_key	TEXT NOT NULL,
	name		TEXT NOT NULL,
	lat_e6		INTEGER NOT NULL,
	lon_e6		INTEGER NOT NULL,
	PRIMARY KEY (comune_id, street_key)
);
