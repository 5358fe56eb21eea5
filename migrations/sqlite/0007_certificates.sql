-- The certificate's number (it states one: docs/procedure.md), given when
-- the case reaches certificate_ready, from the comune's counter of kind
-- 'certificate' for the year of issue: gap-free and unique per comune and
-- year, as protocol numbers are.  Empty until then; the index holds only
-- the numbered cases, so an intake does not write to it.
ALTER TABLE cases ADD COLUMN certificate_year INTEGER;
ALTER TABLE cases ADD COLUMN certificate_no INTEGER;
CREATE UNIQUE INDEX cases_certificate
	ON cases(comune_id, certificate_year, certificate_no)
	WHERE certificate_no IS NOT NULL;
