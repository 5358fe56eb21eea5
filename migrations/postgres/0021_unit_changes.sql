-- The units an import found changed, one batch at a time: written in bulk,
-- applied to cadastral_units by one UPDATE, and emptied in the same
-- transaction (docs/estate.md, "How an import runs").
CREATE UNLOGGED TABLE cadastral_unit_changes (
	id		BIGINT PRIMARY KEY,
	comune_id	BIGINT NOT NULL,
	sezione		TEXT NOT NULL,
	immobile	BIGINT NOT NULL,
	progressivo	BIGINT NOT NULL,
	category	TEXT NOT NULL,
	residential	BIGINT NOT NULL,
	classe		TEXT NOT NULL,
	consistenza	BIGINT,
	measure		TEXT NOT NULL,
	superficie	BIGINT,
	rendita_cents	BIGINT,
	zona		TEXT NOT NULL,
	scala		TEXT NOT NULL,
	interno		TEXT NOT NULL,
	piano		TEXT NOT NULL,
	partita		TEXT NOT NULL,
	annotazione	TEXT NOT NULL,
	opened_on	TEXT NOT NULL,
	fingerprint	TEXT NOT NULL,
	import_id	BIGINT NOT NULL
);
