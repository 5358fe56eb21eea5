-- Messages to the applicant (SMS and e-mail): the outbox.  A message is
-- written in the transaction of the event that causes it (the intake, a
-- transition) and sent later by a worker, which claims due messages for a
-- lease: a worker that dies lets them go, and another sends them.  Every
-- change of status is kept in message_status with its time.
--
-- status: queued, sending, sent, delivered, temporary-failure,
-- permanent-failure, technical-failure, expired.  A message in a
-- temporary or technical failure is tried again at due_at until
-- expires_at.  "recovered" is 1 when the claim found the message still
-- "sending" under a lapsed lease (its worker died while handing it over);
-- "uncertain" counts such hand-overs, which may have reached the gateway:
-- a later one may be a duplicate.
CREATE TABLE messages (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	case_id		INTEGER REFERENCES cases(id),
	event		TEXT NOT NULL,
	channel		TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
	recipient	TEXT NOT NULL,		-- E.164 number or address
	language	TEXT NOT NULL,
	params		TEXT NOT NULL DEFAULT '{}',	-- the event's values
	fallback_of	INTEGER REFERENCES messages(id),
	status		TEXT NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	recovered	INTEGER NOT NULL DEFAULT 0,
	uncertain	INTEGER NOT NULL DEFAULT 0,
	fallback_checked INTEGER NOT NULL DEFAULT 0,	-- 1: the other channel was considered
	due_at		TEXT NOT NULL,
	expires_at	TEXT NOT NULL,
	claimed_by	TEXT,
	claimed_until	TEXT,
	subject		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',	-- as sent
	coding		TEXT NOT NULL DEFAULT '',	-- gsm7, ucs2 (SMS)
	segments	INTEGER NOT NULL DEFAULT 0,	-- SMS parts billed
	reference	TEXT NOT NULL DEFAULT '',	-- the gateway's, or Message-ID
	token		TEXT NOT NULL,		-- a delivery report carries it
	error		TEXT NOT NULL DEFAULT '',
	actor		TEXT NOT NULL,		-- who caused it
	created_at	TEXT NOT NULL,
	sent_at		TEXT,
	updated_at	TEXT NOT NULL
);
CREATE INDEX messages_due ON messages(due_at)
	WHERE status IN ('queued', 'sending', 'temporary-failure',
	    'technical-failure');
CREATE INDEX messages_case ON messages(case_id, id);
CREATE INDEX messages_list ON messages(comune_id, created_at);
-- The messages whose other channel is to be considered: failed for good,
-- or an SMS still waiting for its delivery report.
CREATE INDEX messages_fallback ON messages(id)
	WHERE fallback_checked = 0 AND (status IN ('permanent-failure',
	    'expired') OR (status = 'sent' AND channel = 'sms'));

CREATE TABLE message_status (
	id		INTEGER PRIMARY KEY,
	message_id	INTEGER NOT NULL REFERENCES messages(id),
	status		TEXT NOT NULL,
	at		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX message_status_message ON message_status(message_id, id);

-- A recipient who asked to receive no more messages on a channel.
-- Every change of a message's status, kept with its time (a new attempt
-- counts as one even when the status stays "sending").
CREATE TRIGGER messages_created AFTER INSERT ON messages BEGIN
	INSERT INTO message_status (message_id, status, at, detail)
	VALUES (NEW.id, NEW.status, NEW.updated_at, NEW.error);
END;
CREATE TRIGGER messages_changed AFTER UPDATE OF status, attempts ON messages
	WHEN NEW.status <> OLD.status OR NEW.attempts <> OLD.attempts
BEGIN
	INSERT INTO message_status (message_id, status, at, detail)
	VALUES (NEW.id, NEW.status, NEW.updated_at, NEW.error);
END;

CREATE TABLE notify_optouts (
	channel		TEXT NOT NULL,
	recipient	TEXT NOT NULL,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	PRIMARY KEY (channel, recipient)
);

-- What a message names and how it goes, per comune: the office's address
-- and hours (the "certificate ready" message), the SMS sender id, the
-- From address, and transports that override the installation's
-- (IDONEO_SMS, IDONEO_SMTP; empty: the installation's).
ALTER TABLE comuni ADD COLUMN office_address TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN office_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN sms_sender TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN sms_url TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN smtp_url TEXT NOT NULL DEFAULT '';
