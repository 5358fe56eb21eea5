-- Each step of the timeline carries its case's comune (docs/stats.md): the
-- workload by member of staff counts a comune's steps of a period from the
-- index by comune and day, instead of every comune's steps of the period
-- (on a national database, 1.2 s for a year of one comune of a hundred).
-- The insert takes the comune from the case (stmts_pg.c
-- STMT_EVENT_INSERT).  The timeline refuses updates: the trigger is set
-- aside for the backfill alone.
ALTER TABLE events ADD COLUMN comune_id BIGINT REFERENCES comuni(id);
ALTER TABLE events DISABLE TRIGGER events_no_update;
UPDATE events e SET comune_id = c.comune_id FROM cases c
	WHERE c.id = e.case_id;
ALTER TABLE events ENABLE TRIGGER events_no_update;
CREATE INDEX events_comune_day ON events(comune_id, effective_on);
