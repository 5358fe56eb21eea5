-- Eligibility: rule sets as versioned data, and the assessments of a case.

-- A rule set is a JSON definition (see rules/*.json and docs/rules.md);
-- a new version is a new row, so every assessment can name the exact rules
-- it was made with.
CREATE TABLE rule_sets (
	id		TEXT NOT NULL,
	version		INTEGER NOT NULL,
	definition	TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	PRIMARY KEY (id, version)
);

-- Each computation of the maximum occupants stored on a case, newest last.
CREATE TABLE assessments (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	rule_set	TEXT NOT NULL,
	rule_version	INTEGER NOT NULL,
	max_occupants	INTEGER NOT NULL,
	surface_capacity INTEGER NOT NULL,
	bedroom_capacity INTEGER NOT NULL,
	habitable_area	INTEGER NOT NULL,	-- 1/100 m²
	total_area	INTEGER NOT NULL,	-- 1/100 m²
	binding		TEXT NOT NULL,
	residents	INTEGER NOT NULL,
	requested	INTEGER NOT NULL,
	places_available INTEGER NOT NULL,
	fits		INTEGER NOT NULL,
	explanation	TEXT NOT NULL,		-- JSON array of sentences
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX assessments_case ON assessments(case_id, id);
