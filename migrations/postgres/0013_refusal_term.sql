-- The notices of refusal whose ten days to answer may have run out
-- (service/refusal_term.c): a few among all the cases, found by their day.
CREATE INDEX cases_refusal_due ON cases(clock_stopped_on)
    WHERE state = 'refusal_notice';
