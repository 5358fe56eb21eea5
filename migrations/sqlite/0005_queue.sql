-- The work queue at national scale: open cases of a comune by deadline
-- come from a partial index, all cases from a plain one, so a city with a
-- hundred thousand closed cases answers as fast as a village.
CREATE INDEX cases_open ON cases(comune_id, due_on, id)
	WHERE state NOT IN ('delivered', 'rejected', 'withdrawn');
CREATE INDEX cases_due ON cases(comune_id, due_on, id);
