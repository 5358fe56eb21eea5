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
-- before, they come from the UTC instants in Europe/Rome.
ALTER TABLE pickups ADD COLUMN created_day BIGINT;
ALTER TABLE pickups ADD COLUMN ended_on TEXT;
ALTER TABLE pickups ADD COLUMN collect_days BIGINT;
UPDATE pickups SET created_day = (created_at::timestamptz AT TIME ZONE
	'Europe/Rome')::date - DATE '1970-01-01';
UPDATE pickups SET ended_on = to_char((ended_at::timestamptz AT TIME ZONE
	'Europe/Rome')::date, 'YYYY-MM-DD') WHERE ended_at IS NOT NULL;
UPDATE pickups SET collect_days = ended_on::date - DATE '1970-01-01' -
	created_day WHERE ended_on IS NOT NULL;
CREATE INDEX pickups_handed ON pickups(comune_id, ended_on)
	WHERE status = 'delivered';
CREATE INDEX pickups_handed_day ON pickups(ended_on)
	WHERE status = 'delivered';

CREATE TABLE tallies (
	figure		TEXT NOT NULL,
	comune_id	BIGINT NOT NULL,	-- 0: every comune
	month		TEXT NOT NULL,		-- YYYY-MM
	purpose		TEXT NOT NULL,
	key		TEXT NOT NULL,
	num		BIGINT NOT NULL,
	n		INTEGER NOT NULL,	-- sum(n) is a BIGINT, not a NUMERIC
	PRIMARY KEY (figure, month, comune_id, purpose, key, num)
);

-- The changes since the totals were last folded (src/stats/tally.c,
-- stats_fold): the triggers only append here, so writers of different
-- comuni never wait on, nor deadlock over, a total they share.  The
-- figures read both (tally_totals); reading them folds these rows into
-- the totals, in one statement that takes the rows it folds.
CREATE TABLE tally_deltas (
	figure		TEXT NOT NULL,
	comune_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	purpose		TEXT NOT NULL,
	key		TEXT NOT NULL,
	num		BIGINT NOT NULL,
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
	ELSE 0::bigint END AS comune_id,
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
	CASE f.figure WHEN 'channel' THEN 0::bigint
	WHEN 'association' THEN c.association_id
	WHEN 'citizenship' THEN CASE WHEN a.citizenship_code IS NULL THEN 0::bigint
	ELSE 1 END
	WHEN 'received' THEN 0::bigint
	-- The point of collection (0: the office).
	WHEN 'ready_place' THEN coalesce(co.point_id, 0::bigint)
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
SELECT k.case_id, 'handover', 0::bigint, substr(k.ended_on, 1, 7), c.purpose, '',
	k.point_id
	FROM pickups k JOIN cases c ON c.id = k.case_id
	WHERE k.status = 'delivered' AND k.point_id IS NOT NULL AND
	k.ended_on IS NOT NULL
UNION ALL
SELECT k.case_id, 'collect_days', 0::bigint, substr(k.ended_on, 1, 7), c.purpose,
	'', k.collect_days
	FROM pickups k JOIN cases c ON c.id = k.case_id
	WHERE k.status = 'delivered' AND k.point_id IS NOT NULL AND
	k.ended_on IS NOT NULL AND k.collect_days IS NOT NULL
UNION ALL
SELECT e.case_id, 'staff', 0::bigint, substr(e.effective_on, 1, 7), c.purpose,
	e.actor_name, 0::bigint
	FROM events e JOIN cases c ON c.id = e.case_id
	WHERE e.actor LIKE 'user:%';


-- Inserting (case, delta, figures) into tally_moves adds delta times the
-- case's share to the totals (of the figures named, between spaces, or of
-- every figure); the row itself is never kept.
CREATE TABLE tally_moves (
	case_id		BIGINT NOT NULL,
	delta		INTEGER NOT NULL,
	figures		TEXT
);
CREATE FUNCTION tallies_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT figure, comune_id, month, purpose, key, num,
	NEW.delta * count(*) FROM case_tallies WHERE case_id = NEW.case_id AND
	(NEW.figures IS NULL OR strpos(NEW.figures, ' ' || figure || ' ') > 0)
	GROUP BY figure, comune_id, month, purpose, key, num;
	RETURN NULL;
END;
$$;
CREATE TRIGGER tallies_move BEFORE INSERT ON tally_moves FOR EACH ROW
	EXECUTE FUNCTION tallies_move();

-- The row triggers: before the change, the case's share comes off; after
-- it, it goes back on (the trigger's argument: the figures the table's
-- change can move, if not all).
CREATE FUNCTION tallies_case_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	delta	INTEGER := CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END;
	figures	TEXT := CASE WHEN TG_NARGS = 0 THEN NULL ELSE TG_ARGV[0] END;
BEGIN
	-- The place of collection counts for a certificate made ready.
	IF TG_TABLE_NAME = 'collections' THEN
		IF NOT EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND
		    ready_on IS NOT NULL) THEN
			RETURN NEW;
		END IF;
	END IF;
	IF TG_TABLE_NAME = 'cases' THEN
		INSERT INTO tally_moves VALUES (NEW.id, delta, figures);
	ELSIF TG_TABLE_NAME = 'comuni' THEN
		INSERT INTO tally_moves SELECT id, delta, figures FROM cases
		WHERE comune_id = NEW.id AND ready_on IS NOT NULL;
	ELSE
		INSERT INTO tally_moves VALUES (NEW.case_id, delta, figures);
	END IF;
	RETURN NEW;
END;
$$;

-- The cases and applicants an INSERT added, all at once and from their
-- own rows: the intake writes a group of applications with one statement
-- per table (docs/architecture.md, "Group writes").  A new case has no
-- applicant, collection, code or step yet: what it adds is its
-- application's channel and association and the comune's count (and, a
-- case copied already ready by migrate-data, its certificate's figures);
-- its applicant adds the citizenship.
CREATE FUNCTION tallies_cases_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT f.figure, CASE WHEN f.figure = 'received' THEN a.comune_id
	ELSE 0 END, substr(a.received_on, 1, 7), a.purpose,
	CASE WHEN f.figure = 'channel' THEN a.channel ELSE '' END,
	CASE WHEN f.figure = 'association' THEN a.association_id ELSE 0 END,
	count(*)
	FROM added a CROSS JOIN (VALUES ('received'), ('channel'),
	('association')) f(figure)
	WHERE f.figure <> 'association' OR a.association_id IS NOT NULL
	GROUP BY 1, 2, 3, 4, 5, 6;
	INSERT INTO tally_moves SELECT id, 1,
	' ready_place ready_days ready_net ready_delivered comune_ready ' FROM added
	WHERE ready_on IS NOT NULL;
	RETURN NULL;
END;
$$;
-- The cases are looked up by the ids as values: the planner knows nothing
-- of the rows added, and joined to them it would read every case.
CREATE FUNCTION tallies_applicants_added() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	ids	BIGINT[] := ARRAY(SELECT case_id FROM added);
BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'citizenship', 0, substr(c.received_on, 1, 7), c.purpose,
	coalesce(a.citizenship_code, a.citizenship, ''),
	CASE WHEN a.citizenship_code IS NULL THEN 0 ELSE 1 END, count(*)
	FROM cases c JOIN added a ON a.case_id = c.id WHERE c.id = ANY (ids)
	GROUP BY 1, 2, 3, 4, 5, 6;
	RETURN NULL;
END;
$$;

CREATE TRIGGER tallies_case_added AFTER INSERT ON cases
	REFERENCING NEW TABLE AS added FOR EACH STATEMENT
	EXECUTE FUNCTION tallies_cases_added();
CREATE TRIGGER tallies_case_leaving BEFORE UPDATE ON cases FOR EACH ROW
	WHEN (OLD.received_on IS DISTINCT FROM NEW.received_on OR
	OLD.purpose IS DISTINCT FROM NEW.purpose OR
	OLD.channel IS DISTINCT FROM NEW.channel OR
	OLD.association_id IS DISTINCT FROM NEW.association_id OR
	OLD.comune_id IS DISTINCT FROM NEW.comune_id OR
	OLD.ready_on IS DISTINCT FROM NEW.ready_on OR
	OLD.ready_days IS DISTINCT FROM NEW.ready_days OR
	OLD.stopped_days IS DISTINCT FROM NEW.stopped_days AND
	NEW.ready_on IS NOT NULL OR
	OLD.term_days IS DISTINCT FROM NEW.term_days OR
	OLD.delivered_days IS DISTINCT FROM NEW.delivered_days)
	EXECUTE FUNCTION tallies_case_row();
CREATE TRIGGER tallies_case_changed AFTER UPDATE ON cases FOR EACH ROW
	WHEN (OLD.received_on IS DISTINCT FROM NEW.received_on OR
	OLD.purpose IS DISTINCT FROM NEW.purpose OR
	OLD.channel IS DISTINCT FROM NEW.channel OR
	OLD.association_id IS DISTINCT FROM NEW.association_id OR
	OLD.comune_id IS DISTINCT FROM NEW.comune_id OR
	OLD.ready_on IS DISTINCT FROM NEW.ready_on OR
	OLD.ready_days IS DISTINCT FROM NEW.ready_days OR
	OLD.stopped_days IS DISTINCT FROM NEW.stopped_days AND
	NEW.ready_on IS NOT NULL OR
	OLD.term_days IS DISTINCT FROM NEW.term_days OR
	OLD.delivered_days IS DISTINCT FROM NEW.delivered_days)
	EXECUTE FUNCTION tallies_case_row();

CREATE TRIGGER tallies_applicant_added AFTER INSERT ON applicants
	REFERENCING NEW TABLE AS added FOR EACH STATEMENT
	EXECUTE FUNCTION tallies_applicants_added();
CREATE TRIGGER tallies_citizenship_leaving BEFORE UPDATE OF citizenship,
	citizenship_code ON applicants FOR EACH ROW
	WHEN (OLD.citizenship IS DISTINCT FROM NEW.citizenship OR
	OLD.citizenship_code IS DISTINCT FROM NEW.citizenship_code)
	EXECUTE FUNCTION tallies_case_row(' citizenship ');
CREATE TRIGGER tallies_citizenship_changed AFTER UPDATE OF citizenship,
	citizenship_code ON applicants FOR EACH ROW
	WHEN (OLD.citizenship IS DISTINCT FROM NEW.citizenship OR
	OLD.citizenship_code IS DISTINCT FROM NEW.citizenship_code)
	EXECUTE FUNCTION tallies_case_row(' citizenship ');

-- A collection chosen: before it, the certificate counted at the office.
CREATE FUNCTION tallies_collection_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND
	    ready_on IS NOT NULL) THEN
		RETURN NEW;
	END IF;
	INSERT INTO tally_moves VALUES (NEW.case_id, 1, ' ready_place ');
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'ready_place', 0, substr(ready_on, 1, 7), purpose, '', 0, -1
	FROM cases WHERE id = NEW.case_id;
	RETURN NEW;
END;
$$;
CREATE TRIGGER tallies_collection_added AFTER INSERT ON collections
	FOR EACH ROW EXECUTE FUNCTION tallies_collection_added();
CREATE TRIGGER tallies_collection_leaving BEFORE UPDATE OF point_id
	ON collections FOR EACH ROW
	WHEN (OLD.point_id IS DISTINCT FROM NEW.point_id)
	EXECUTE FUNCTION tallies_case_row(' ready_place ');
CREATE TRIGGER tallies_collection_changed AFTER UPDATE OF point_id
	ON collections FOR EACH ROW
	WHEN (OLD.point_id IS DISTINCT FROM NEW.point_id)
	EXECUTE FUNCTION tallies_case_row(' ready_place ');

-- A code added already delivered (a copy, migrate-data: before its row,
-- the case's other codes), and a code ended.  A code given counts for
-- nothing until it is delivered.
CREATE TRIGGER tallies_pickup_adding BEFORE INSERT ON pickups FOR EACH ROW
	WHEN (NEW.status = 'delivered')
	EXECUTE FUNCTION tallies_case_row(' handover collect_days ');
CREATE TRIGGER tallies_pickup_added AFTER INSERT ON pickups FOR EACH ROW
	WHEN (NEW.status = 'delivered')
	EXECUTE FUNCTION tallies_case_row(' handover collect_days ');
CREATE TRIGGER tallies_pickup_leaving BEFORE UPDATE OF status, point_id,
	ended_on, collect_days ON pickups FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR
	OLD.point_id IS DISTINCT FROM NEW.point_id OR
	OLD.ended_on IS DISTINCT FROM NEW.ended_on OR
	OLD.collect_days IS DISTINCT FROM NEW.collect_days)
	EXECUTE FUNCTION tallies_case_row(' handover collect_days ');
CREATE TRIGGER tallies_pickup_changed AFTER UPDATE OF status, point_id,
	ended_on, collect_days ON pickups FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR
	OLD.point_id IS DISTINCT FROM NEW.point_id OR
	OLD.ended_on IS DISTINCT FROM NEW.ended_on OR
	OLD.collect_days IS DISTINCT FROM NEW.collect_days)
	EXECUTE FUNCTION tallies_case_row(' handover collect_days ');

-- Whether a certificate was within the legal term reads the comune's.
CREATE TRIGGER tallies_legal_term_leaving BEFORE UPDATE OF legal_term_days
	ON comuni FOR EACH ROW
	WHEN (OLD.legal_term_days IS DISTINCT FROM NEW.legal_term_days)
	EXECUTE FUNCTION tallies_case_row(' ready_net ');
CREATE TRIGGER tallies_legal_term_changed AFTER UPDATE OF legal_term_days
	ON comuni FOR EACH ROW
	WHEN (OLD.legal_term_days IS DISTINCT FROM NEW.legal_term_days)
	EXECUTE FUNCTION tallies_case_row(' ready_net ');

-- A step by a member of staff (the timeline is append-only).
CREATE FUNCTION tallies_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO tally_deltas (figure, comune_id, month, purpose, key, num, n)
	SELECT 'staff', 0, substr(NEW.effective_on, 1, 7), c.purpose,
	NEW.actor_name, 0, 1 FROM cases c WHERE c.id = NEW.case_id;
	RETURN NEW;
END;
$$;
CREATE TRIGGER tallies_step AFTER INSERT ON events FOR EACH ROW
	WHEN (NEW.actor LIKE 'user:%') EXECUTE FUNCTION tallies_step();

-- The days at the ends of a period of every comune are read from the
-- cases (src/stats/tally.c), by the day alone (the days made ready have
-- theirs since 0020).
CREATE INDEX cases_received_day ON cases(received_on);

-- The triggers' statements that read the tables are planned at each run,
-- not once: a plan cached while the tables were small (a new
-- installation, a click day's first minute) would go on scanning them
-- whole as they grow.  The new cases' own statement reads only the rows
-- added, and keeps its plan.
ALTER FUNCTION tallies_move() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION tallies_case_row() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION tallies_applicants_added()
	SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION tallies_collection_added()
	SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION tallies_step() SET plan_cache_mode = force_custom_plan;

-- The totals of the cases already there.
INSERT INTO tallies (figure, comune_id, month, purpose, key, num, n)
	SELECT figure, comune_id, month, purpose, key, num, count(*)
	FROM case_tallies
	GROUP BY figure, comune_id, month, purpose, key, num;
ANALYZE tallies;
