-- Who receives an association's case messages (docs/citizen.md): the
-- association's own contacts, which its operators keep, and the choice made
-- on the application (absent: the applicant alone, as for any case).
ALTER TABLE associations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE associations ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE TABLE case_recipients (
	case_id		INTEGER PRIMARY KEY REFERENCES cases(id),
	notify_to	TEXT NOT NULL CHECK (notify_to IN ('association', 'both'))
);
