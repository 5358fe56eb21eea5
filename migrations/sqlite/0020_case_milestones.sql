-- A case's milestones as columns (docs/stats.md): the day its certificate
-- was ready and the calendar days from the application to it, and the days
-- from the application to the delivery.  The transition writes them
-- (service/transition.c); the office's numbers read them from the cases,
-- by comune and day, instead of searching the timeline.  Earlier cases
-- take them from their timeline here.
ALTER TABLE cases ADD COLUMN ready_on TEXT;
ALTER TABLE cases ADD COLUMN ready_days INTEGER;
ALTER TABLE cases ADD COLUMN delivered_days INTEGER;
-- Set-based (UPDATE ... FROM, SQLite 3.33): a subquery per case would
-- search the timeline by step, all of it for every case.
UPDATE cases SET ready_on = r.day, ready_days = CAST(julianday(r.day) -
	julianday(cases.received_on) AS INTEGER)
	FROM (SELECT case_id, min(effective_on) AS day FROM events
	WHERE action = 'certificate_ready' GROUP BY case_id) r
	WHERE r.case_id = cases.id;
UPDATE cases SET delivered_days = CAST(julianday(d.day) -
	julianday(cases.received_on) AS INTEGER)
	FROM (SELECT case_id, min(effective_on) AS day FROM events
	WHERE action = 'deliver' GROUP BY case_id) d
	WHERE d.case_id = cases.id AND cases.ready_on IS NOT NULL;
CREATE INDEX cases_ready ON cases(comune_id, ready_on)
	WHERE ready_on IS NOT NULL;
CREATE INDEX cases_ready_day ON cases(ready_on) WHERE ready_on IS NOT NULL;
