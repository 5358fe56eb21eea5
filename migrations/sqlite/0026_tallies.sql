-- The totals the dashboard of every comune adds up (docs/stats.md): for a
-- month and a purpose, how many applications came by each channel, each
-- association and each citizenship, how many certificates were made ready
-- at each place of collection and in how many days, how many were handed
-- over at each T-Serve point and how many days after the code was given,
-- and how many steps each member of staff took; and, comune by comune,
-- how many applications each received and the days its certificates
-- took.  On a national database a year of the figures reads a few
-- thousand of these rows instead of every case of the year.  The figures of every comune are
-- kept with comune_id 0; those the comuni are compared by, with each
-- comune's id.
--
-- The totals are kept by triggers, in the transaction of the change, so
-- they stay exact whatever writes: a clerk who fixes a citizenship, a
-- collection moved to a point, a delivery that adds its days to a
-- certificate counted months before, a step recorded on an earlier day,
-- a comune's legal term changed.  Before a row that counts changes, its
-- case's share (the view case_tallies) is taken off the totals; after,
-- it is added back, each as rows of tally_deltas.  Rows left at 0 are
-- harmless: every reader skips them.  Cases and applicants are never
-- deleted.
-- The certificates handed over at the T-Serve points are counted in
-- Rome's days (docs/stats.md): the day the code was given (created_day, a
-- day number since 1970-01-01), the day of the handover (ended_on) and the
-- days between (collect_days), written by the points' steps
-- (src/points/pickup.c, src/service/handover.c).  For the codes given
-- before, they come from the UTC instants by the EU's summer time
-- (Directive 2000/84/EC: from 01:00 UTC of the last Sunday of March to
-- 01:00 UTC of the last Sunday of October, Rome is UTC+2; else UTC+1).
ALTER TABLE pickups ADD COLUMN created_day INTEGER;
ALTER TABLE pickups ADD COLUMN ended_on TEXT;
ALTER TABLE pickups ADD COLUMN collect_days INTEGER;
UPDATE pickups SET created_day = CAST(julianday(date(created_at, CASE WHEN created_at >= date(substr(created_at, 1, 4) ||
	'-03-25', 'weekday 0') || 'T01:00:00Z' AND created_at < date(substr(created_at, 1, 4)
	|| '-10-25', 'weekday 0') || 'T01:00:00Z' THEN '+2 hours' ELSE
	'+1 hours' END)) -
	2440587.5 AS INTEGER);
UPDATE pickups SET ended_on = date(ended_at, CASE WHEN ended_at >= date(substr(ended_at, 1, 4) ||
	'-03-25', 'weekday 0') || 'T01:00:00Z' AND ended_at < date(substr(ended_at, 1, 4)
	|| '-10-25', 'weekday 0') || 'T01:00:00Z' THEN '+2 hours' ELSE
	'+1 hours' END)
	WHERE ended_at IS NOT NULL;
UPDATE pickups SET collect_days = CAST(julianday(ended_on) - 2440587.5 AS
	INTEGER) - created_day WHERE ended_on IS NOT NULL;
CREATE INDEX pickups_handed ON pickups(comune_id, ended_on)
	WHERE status = 'delivered';
CREATE INDEX pickups_handed_day ON pickups(ended_on)
	WHERE status = 'delivered';

CREATE TABLE tallies (
	figure		TEXT NOT NULL,
	comune_id	INTEGER NOT NULL,	-- 0: every comune
	month		TEXT NOT NULL,		-- YYYY-MM
	purpose		TEXT NOT NULL,
	key		TEXT NOT NULL,
	num		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (figure, month, comune_id, purpose, key, num)
) WITHOUT ROWID;

-- The changes since the totals were last folded (src/stats/tally.c,
-- stats_fold): the triggers only append here, so writers of different
-- comuni never wait on, nor deadlock over, a total they share.  The
-- figures read both (tally_totals); reading them folds these rows into
-- the totals, in one statement that takes the rows it folds.
CREATE TABLE tally_deltas (
	figure		TEXT NOT NULL,
	comune_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	purpose		TEXT NOT NULL,
	key		TEXT NOT NULL,
	num		INTEGER NOT NULL,
	n		INTEGER NOT NULL
);
CREATE VIEW tally_totals AS
SELECT figure, comune_id, month, purpose, key, num, n FROM tallies
UNION ALL
SELECT figure, comune_id, month, purpose, key, num, n FROM tally_deltas;

-- What one case adds to the totals, a row for each: the month is the one
-- of the day the figure counts by (received, made ready, the step's
-- effective day), as the figures' own statements count (stmts_stats.h).
-- The case's own figures come from one read of the case and what hangs
-- on it, once for each figure's name; a figure that does not apply (no
-- applicant yet, not ready, not delivered) has no month or no value.  The
-- channel and the association are the case's own: the intake writes a
-- case and its applicant in one transaction, so each case the figures
-- read (cases joined to applicants) has one.
CREATE VIEW case_tallies AS
SELECT case_id, figure, comune_id, month, purpose, key, num FROM (
SELECT c.id AS case_id, f.figure AS figure,
	CASE WHEN f.figure IN ('received', 'comune_ready') THEN c.comune_id
	ELSE 0 END AS comune_id,
	CASE WHEN f.figure = 'citizenship' THEN CASE WHEN a.case_id IS NOT
	NULL THEN substr(c.received_on, 1, 7) END
	WHEN f.figure IN ('channel', 'association', 'received') THEN
	substr(c.received_on, 1, 7)
	ELSE substr(c.ready_on, 1, 7) END AS month,
	c.purpose AS purpose,
	CASE f.figure WHEN 'channel' THEN c.channel
	-- The ISO code (num 1), or the name as written while it has none.
	WHEN 'citizenship' THEN coalesce(a.citizenship_code, a.citizenship, '')
	-- Whether within the case's term and within the comune's legal
	-- term ('1' or '0' each).
	WHEN 'ready_net' THEN CASE WHEN c.ready_days - c.stopped_days <=
	c.term_days THEN '1' ELSE '0' END || CASE WHEN c.ready_days -
	c.stopped_days <= m.legal_term_days THEN '1' ELSE '0' END
	WHEN 'comune_ready' THEN CASE WHEN c.ready_days - c.stopped_days <=
	c.term_days THEN '1' ELSE '0' END
	ELSE '' END AS key,
	CASE f.figure WHEN 'channel' THEN 0
	WHEN 'association' THEN c.association_id
	WHEN 'citizenship' THEN CASE WHEN a.citizenship_code IS NULL THEN 0
	ELSE 1 END
	WHEN 'received' THEN 0
	-- The point of collection (0: the office).
	WHEN 'ready_place' THEN coalesce(co.point_id, 0)
	WHEN 'ready_delivered' THEN c.delivered_days
	-- The net days: without those the clock stood still.
	WHEN 'ready_net' THEN c.ready_days - c.stopped_days
	ELSE c.ready_days END AS num
	FROM cases c JOIN comuni m ON m.id = c.comune_id
	LEFT JOIN applicants a ON a.case_id = c.id
	LEFT JOIN collections co ON co.case_id = c.id
	CROSS JOIN (SELECT 'channel' AS figure UNION ALL SELECT 'association'
	UNION ALL SELECT 'citizenship' UNION ALL SELECT 'received'
	UNION ALL SELECT 'ready_place' UNION ALL SELECT 'ready_days'
	UNION ALL SELECT 'ready_net' UNION ALL SELECT 'ready_delivered'
	-- Comune by comune, the days of each certificate and whether within
	-- its case's term (the comuni compared).
	UNION ALL SELECT 'comune_ready') f
) own WHERE month IS NOT NULL AND num IS NOT NULL
UNION ALL
-- The certificates handed over at a T-Serve point: by the point, and by
-- the days from the code given to the handover.
SELECT k.case_id, 'handover', 0, substr(k.ended_on, 1, 7), c.purpose, '',
	k.point_id
	FROM pickups k JOIN cases c ON c.id = k.case_id
	WHERE k.status = 'delivered' AND k.point_id IS NOT NULL AND
	k.ended_on IS NOT NULL
UNION ALL
SELECT k.case_id, 'collect_days', 0, substr(k.ended_on, 1, 7), c.purpose,
	'', k.collect_days
	FROM pickups k JOIN cases c ON c.id = k.case_id
	WHERE k.status = 'delivered' AND k.point_id IS NOT NULL AND
	k.ended_on IS NOT NULL AND k.collect_days IS NOT NULL
UNION ALL
SELECT e.case_id, 'staff', 0, substr(e.effective_on, 1, 7), c.purpose,
	e.actor_name, 0
	FROM events e JOIN cases c ON c.id = e.case_id
	WHERE e.actor LIKE 'user:%';

-- Inserting (case, delta, figures) into tally_moves adds delta times the
-- case's share to the totals (of the figures named, between spaces, or of
-- every figure); the row itself is never kept.
CREATE TABLE tally_moves (
	case_id		INTEGER NOT NULL,
	delta		INTEGER NOT NULL,
	figures		TEXT
);
CREATE TRIGGER tallies_move BEFORE INSERT ON tally_moves BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT figure, comune_id, month, purpose, key, num,
	NEW.delta * count(*) FROM case_tallies WHERE case_id = NEW.case_id AND
	(NEW.figures IS NULL OR instr(NEW.figures, ' ' || figure || ' ') > 0)
	GROUP BY figure, comune_id, month, purpose, key, num;
	SELECT RAISE(IGNORE);
END;

-- A new case has no applicant, collection, code or step yet: what it adds
-- is its application's channel and association and the comune's count
-- (and, a case copied already ready by migrate-data, its certificate's
-- figures); its applicant adds the citizenship.  Both from their own row.
CREATE TRIGGER tallies_case_added AFTER INSERT ON cases BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	VALUES ('received', NEW.comune_id, substr(NEW.received_on, 1, 7),
	NEW.purpose, '', 0, 1), ('channel', 0, substr(NEW.received_on, 1, 7),
	NEW.purpose, NEW.channel, 0, 1);
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'association', 0, substr(NEW.received_on, 1, 7), NEW.purpose,
	'', NEW.association_id, 1 WHERE NEW.association_id IS NOT NULL;
	INSERT INTO tally_moves SELECT NEW.id, 1,
	' ready_place ready_days ready_net ready_delivered comune_ready ' WHERE NEW.ready_on IS NOT NULL;
END;
CREATE TRIGGER tallies_case_leaving BEFORE UPDATE ON cases
	WHEN OLD.received_on IS NOT NEW.received_on OR
	OLD.purpose IS NOT NEW.purpose OR OLD.channel IS NOT NEW.channel OR
	OLD.association_id IS NOT NEW.association_id OR
	OLD.comune_id IS NOT NEW.comune_id OR OLD.ready_on IS NOT NEW.ready_on
	OR OLD.ready_days IS NOT NEW.ready_days OR
	OLD.stopped_days IS NOT NEW.stopped_days AND NEW.ready_on IS NOT NULL
	OR OLD.term_days IS NOT NEW.term_days OR
	OLD.delivered_days IS NOT NEW.delivered_days
BEGIN
	INSERT INTO tally_moves VALUES (OLD.id, -1, NULL);
END;
CREATE TRIGGER tallies_case_changed AFTER UPDATE ON cases
	WHEN OLD.received_on IS NOT NEW.received_on OR
	OLD.purpose IS NOT NEW.purpose OR OLD.channel IS NOT NEW.channel OR
	OLD.association_id IS NOT NEW.association_id OR
	OLD.comune_id IS NOT NEW.comune_id OR OLD.ready_on IS NOT NEW.ready_on
	OR OLD.ready_days IS NOT NEW.ready_days OR
	OLD.stopped_days IS NOT NEW.stopped_days AND NEW.ready_on IS NOT NULL
	OR OLD.term_days IS NOT NEW.term_days OR
	OLD.delivered_days IS NOT NEW.delivered_days
BEGIN
	INSERT INTO tally_moves VALUES (NEW.id, 1, NULL);
END;

CREATE TRIGGER tallies_applicant_added AFTER INSERT ON applicants BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'citizenship', 0, substr(c.received_on, 1, 7), c.purpose,
	coalesce(NEW.citizenship_code, NEW.citizenship, ''),
	CASE WHEN NEW.citizenship_code IS NULL THEN 0 ELSE 1 END, 1
	FROM cases c WHERE c.id = NEW.case_id;
END;
CREATE TRIGGER tallies_citizenship_leaving BEFORE UPDATE OF citizenship,
	citizenship_code ON applicants
	WHEN OLD.citizenship IS NOT NEW.citizenship OR
	OLD.citizenship_code IS NOT NEW.citizenship_code
BEGIN
	INSERT INTO tally_moves VALUES (OLD.case_id, -1, ' citizenship ');
END;
CREATE TRIGGER tallies_citizenship_changed AFTER UPDATE OF citizenship,
	citizenship_code ON applicants
	WHEN OLD.citizenship IS NOT NEW.citizenship OR
	OLD.citizenship_code IS NOT NEW.citizenship_code
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, 1, ' citizenship ');
END;

-- The place of collection counts for a certificate made ready (at the
-- intake, a case is not).
CREATE TRIGGER tallies_collection_added AFTER INSERT ON collections
	WHEN (SELECT ready_on FROM cases WHERE id = NEW.case_id) IS NOT NULL
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, 1, ' ready_place ');
	-- Before, the certificate counted at the office.
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'ready_place', 0, substr(ready_on, 1, 7), purpose, '', 0, -1
	FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER tallies_collection_leaving BEFORE UPDATE OF point_id
	ON collections WHEN OLD.point_id IS NOT NEW.point_id AND
	(SELECT ready_on FROM cases WHERE id = NEW.case_id) IS NOT NULL
BEGIN
	INSERT INTO tally_moves VALUES (OLD.case_id, -1, ' ready_place ');
END;
CREATE TRIGGER tallies_collection_changed AFTER UPDATE OF point_id
	ON collections WHEN OLD.point_id IS NOT NEW.point_id AND
	(SELECT ready_on FROM cases WHERE id = NEW.case_id) IS NOT NULL
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, 1, ' ready_place ');
END;

-- A code added already delivered (a copy, migrate-data: before its row,
-- the case's other codes), and a code ended.  A code given counts for
-- nothing until it is delivered.
CREATE TRIGGER tallies_pickup_adding BEFORE INSERT ON pickups
	WHEN NEW.status = 'delivered'
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, -1,
	' handover collect_days ');
END;
CREATE TRIGGER tallies_pickup_added AFTER INSERT ON pickups
	WHEN NEW.status = 'delivered'
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, 1,
	' handover collect_days ');
END;
CREATE TRIGGER tallies_pickup_leaving BEFORE UPDATE OF status, point_id,
	ended_on, collect_days ON pickups
	WHEN OLD.status IS NOT NEW.status OR OLD.point_id IS NOT NEW.point_id
	OR OLD.ended_on IS NOT NEW.ended_on OR
	OLD.collect_days IS NOT NEW.collect_days
BEGIN
	INSERT INTO tally_moves VALUES (OLD.case_id, -1,
	' handover collect_days ');
END;
CREATE TRIGGER tallies_pickup_changed AFTER UPDATE OF status, point_id,
	ended_on, collect_days ON pickups
	WHEN OLD.status IS NOT NEW.status OR OLD.point_id IS NOT NEW.point_id
	OR OLD.ended_on IS NOT NEW.ended_on OR
	OLD.collect_days IS NOT NEW.collect_days
BEGIN
	INSERT INTO tally_moves VALUES (NEW.case_id, 1,
	' handover collect_days ');
END;

-- Whether a certificate was within the legal term reads the comune's.
CREATE TRIGGER tallies_legal_term_leaving BEFORE UPDATE OF legal_term_days
	ON comuni WHEN OLD.legal_term_days IS NOT NEW.legal_term_days
BEGIN
	INSERT INTO tally_moves SELECT id, -1, ' ready_net ' FROM cases
	WHERE comune_id = OLD.id AND ready_on IS NOT NULL;
END;
CREATE TRIGGER tallies_legal_term_changed AFTER UPDATE OF legal_term_days
	ON comuni WHEN OLD.legal_term_days IS NOT NEW.legal_term_days
BEGIN
	INSERT INTO tally_moves SELECT id, 1, ' ready_net ' FROM cases
	WHERE comune_id = NEW.id AND ready_on IS NOT NULL;
END;

-- A step by a member of staff (the timeline is append-only).
CREATE TRIGGER tallies_step AFTER INSERT ON events
	WHEN NEW.actor LIKE 'user:%'
BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'staff', 0, substr(NEW.effective_on, 1, 7), c.purpose,
	NEW.actor_name, 0, 1 FROM cases c WHERE c.id = NEW.case_id;
END;

-- The days at the ends of a period of every comune are read from the
-- cases (src/stats/tally.c), by the day alone (the days made ready have
-- theirs since 0020).
CREATE INDEX cases_received_day ON cases(received_on);

-- The totals of the cases already there.
INSERT INTO tallies (figure, comune_id, month, purpose, key, num, n)
	SELECT figure, comune_id, month, purpose, key, num, count(*)
	FROM case_tallies WHERE true
	GROUP BY figure, comune_id, month, purpose, key, num;
