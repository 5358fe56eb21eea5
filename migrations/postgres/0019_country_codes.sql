-- The applicant's citizenship and country of birth as ISO 3166-1 alpha-2
-- codes (docs/stats.md), beside the Italian names the forms show.  The
-- intake writes both; an application taken before has none until its
-- name is read against the list, at start-up (service/countries.c) or by
-- a clerk on the page /paesi.  The partial indexes find those quickly.
ALTER TABLE applicants ADD COLUMN citizenship_code TEXT
	CHECK (citizenship_code IS NULL OR length(citizenship_code) = 2);
ALTER TABLE applicants ADD COLUMN birth_country_code TEXT
	CHECK (birth_country_code IS NULL OR length(birth_country_code) = 2);
CREATE INDEX applicants_citizenship_open ON applicants(citizenship)
	WHERE citizenship_code IS NULL;
CREATE INDEX applicants_birth_country_open ON applicants(birth_country)
	WHERE birth_country_code IS NULL;
