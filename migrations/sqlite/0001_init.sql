-- idoneo schema, version 1: comuni, staff, API clients, cases and their
-- timeline, and the audit log.  Times are UTC text "YYYY-MM-DDTHH:MM:SSZ";
-- calendar dates are "YYYY-MM-DD" in Europe/Rome; money is integer cents;
-- areas are integer hundredths of a square metre; lengths integer cm.

CREATE TABLE comuni (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,	-- Belfiore code, e.g. G999
	name		TEXT NOT NULL,
	province	TEXT NOT NULL,
	office		TEXT NOT NULL,
	signatory	TEXT NOT NULL,
	term_days	INTEGER NOT NULL CHECK (term_days > 0),
	legal_term_days	INTEGER NOT NULL CHECK (legal_term_days > 0),
	risk_days	TEXT NOT NULL,		-- e.g. "10,13"
	patron_month	INTEGER NOT NULL DEFAULT 0,
	patron_day	INTEGER NOT NULL DEFAULT 0,
	saturday_closed	INTEGER NOT NULL DEFAULT 0,
	rule_set	TEXT NOT NULL DEFAULT 'prato',
	fee_cents	INTEGER NOT NULL DEFAULT 0,	-- tariffa istruttoria
	stamp_cents	INTEGER NOT NULL DEFAULT 1600,	-- one marca da bollo
	stamps		INTEGER NOT NULL DEFAULT 2,
	validity_months	INTEGER NOT NULL DEFAULT 12,	-- 0: unlimited
	created_at	TEXT NOT NULL
);

CREATE TABLE associations (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	name		TEXT NOT NULL,
	UNIQUE (comune_id, name)
);

-- A user with no comune is an installation administrator.
CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER REFERENCES comuni(id),
	association_id	INTEGER REFERENCES associations(id),
	username	TEXT NOT NULL UNIQUE,
	full_name	TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN
			    ('admin', 'head', 'clerk', 'association', 'point')),
	password_hash	TEXT NOT NULL,		-- argon2id, libsodium string
	active		INTEGER NOT NULL DEFAULT 1,
	created_at	TEXT NOT NULL,
	CHECK (role = 'admin' OR comune_id IS NOT NULL),
	CHECK (role <> 'association' OR association_id IS NOT NULL)
);

-- Only a hash of the session token is stored.
CREATE TABLE sessions (
	token_hash	TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	csrf		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	expires_at	TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL,
	ip		TEXT NOT NULL,
	ok		INTEGER NOT NULL,
	at		TEXT NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts(username, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

-- API keys for partner systems: the key is shown once; only its hash is kept.
CREATE TABLE api_keys (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	association_id	INTEGER REFERENCES associations(id),
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('clerk', 'association')),
	prefix		TEXT NOT NULL,		-- first characters, to tell keys apart
	key_hash	TEXT NOT NULL UNIQUE,
	active		INTEGER NOT NULL DEFAULT 1,
	created_at	TEXT NOT NULL
);

-- Gap-free numbering per comune, year and kind ('protocol', 'certificate').
CREATE TABLE counters (
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	year		INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (comune_id, year, kind)
);

CREATE TABLE cases (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	protocol_year	INTEGER NOT NULL,
	protocol_no	INTEGER NOT NULL,
	tracking_code	TEXT NOT NULL UNIQUE,
	channel		TEXT NOT NULL CHECK (channel IN
			    ('counter', 'association', 'online', 'api')),
	association_id	INTEGER REFERENCES associations(id),
	created_by	INTEGER REFERENCES users(id),
	api_key_id	INTEGER REFERENCES api_keys(id),
	purpose		TEXT NOT NULL,
	title		TEXT NOT NULL,
	consent_at	TEXT,			-- applicant's consent (associations)
	state		TEXT NOT NULL,
	received_on	TEXT NOT NULL,		-- the clock starts here
	term_days	INTEGER NOT NULL,
	due_on		TEXT NOT NULL,		-- kept current at every transition
	clock_stopped_on TEXT,			-- NULL while the clock runs
	stopped_days	INTEGER NOT NULL DEFAULT 0,
	had_refusal_notice INTEGER NOT NULL DEFAULT 0,
	decided_on	TEXT,
	notes		TEXT NOT NULL DEFAULT '',
	created_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,	-- +1 at every change
	UNIQUE (comune_id, protocol_year, protocol_no)
);
CREATE INDEX cases_queue ON cases(comune_id, state, due_on);
CREATE INDEX cases_assoc ON cases(association_id, created_at);

CREATE TABLE applicants (
	case_id		INTEGER PRIMARY KEY REFERENCES cases(id),
	surname		TEXT NOT NULL,
	given_names	TEXT NOT NULL,
	sex		TEXT NOT NULL CHECK (sex IN ('M', 'F')),
	birth_date	TEXT NOT NULL,
	birth_place	TEXT NOT NULL,
	birth_country	TEXT NOT NULL,
	citizenship	TEXT NOT NULL,
	codice_fiscale	TEXT,
	cf_missing_reason TEXT,
	id_doc_type	TEXT NOT NULL,
	id_doc_number	TEXT NOT NULL,
	id_doc_expiry	TEXT,
	permit_type	TEXT NOT NULL,
	permit_number	TEXT NOT NULL,
	permit_expiry	TEXT,
	phone		TEXT,
	email		TEXT,
	language	TEXT NOT NULL,
	notify_sms	INTEGER NOT NULL,
	notify_email	INTEGER NOT NULL,
	CHECK (codice_fiscale IS NOT NULL OR cf_missing_reason IS NOT NULL)
);

CREATE TABLE dwellings (
	case_id		INTEGER PRIMARY KEY REFERENCES cases(id),
	street		TEXT NOT NULL,
	house_number	TEXT NOT NULL,
	interno		TEXT NOT NULL DEFAULT '',
	scala		TEXT NOT NULL DEFAULT '',
	floor		TEXT NOT NULL DEFAULT '',
	cap		TEXT NOT NULL,
	sezione		TEXT NOT NULL DEFAULT '',
	foglio		TEXT NOT NULL DEFAULT '',
	particella	TEXT NOT NULL DEFAULT '',
	subalterno	TEXT NOT NULL DEFAULT '',
	category	TEXT NOT NULL DEFAULT ''
);

CREATE TABLE rooms (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	position	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	use		TEXT NOT NULL,
	area		INTEGER NOT NULL CHECK (area > 0),	-- 1/100 m²
	height		INTEGER NOT NULL CHECK (height > 0),	-- cm
	window_area	INTEGER NOT NULL DEFAULT 0,		-- 1/100 m²
	fixtures	TEXT NOT NULL DEFAULT '',	-- "wc,bidet,basin,shower"
	extraction	INTEGER NOT NULL DEFAULT 0,
	UNIQUE (case_id, position)
);

-- People already living in the dwelling and people to be hosted.
CREATE TABLE persons (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL CHECK (kind IN ('resident', 'hosted')),
	surname		TEXT NOT NULL,
	given_names	TEXT NOT NULL,
	birth_date	TEXT,
	relation	TEXT NOT NULL DEFAULT '',
	codice_fiscale	TEXT
);
CREATE INDEX persons_case ON persons(case_id);

CREATE TABLE payments (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL CHECK (kind IN ('fee', 'stamp', 'copy')),
	amount_cents	INTEGER NOT NULL CHECK (amount_cents >= 0),
	channel		TEXT NOT NULL,
	reference	TEXT NOT NULL,
	paid_on		TEXT
);
CREATE INDEX payments_case ON payments(case_id);

CREATE TABLE documents (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL,
	received	INTEGER NOT NULL,
	UNIQUE (case_id, kind)
);

-- The case timeline, one row per transition (and per intake).
CREATE TABLE events (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	at		TEXT NOT NULL,
	effective_on	TEXT NOT NULL,
	actor		TEXT NOT NULL,		-- "user:12" or "api:3"
	actor_name	TEXT NOT NULL,
	action		TEXT NOT NULL,
	from_state	TEXT,
	to_state	TEXT NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	due_on		TEXT NOT NULL
);
CREATE INDEX events_case ON events(case_id, id);

-- The append-only audit log: who did what, when, from where.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	comune_id	INTEGER,
	actor		TEXT NOT NULL,
	ip		TEXT NOT NULL,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	INTEGER,
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'the case timeline is append-only');
END;
