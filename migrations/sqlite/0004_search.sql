-- Case search: a normalised key of the applicant's name on the case, so a
-- clerk finds "Rossi Mario" by typing "rossi", "ROSSI M" or "Rossì", and
-- an index per comune to keep it fast on a national installation.
ALTER TABLE cases ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_search ON cases(comune_id, search_key);
CREATE INDEX applicants_cf ON applicants(codice_fiscale);
