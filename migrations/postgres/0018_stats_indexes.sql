-- The office's numbers (docs/stats.md) read the timeline by step and day,
-- the cases by comune and day received, and the messages by day written.
CREATE INDEX events_action_day ON events(action, effective_on);
CREATE INDEX events_day ON events(effective_on);
CREATE INDEX cases_received ON cases(comune_id, received_on);
CREATE INDEX messages_written ON messages(comune_id, created_at);
