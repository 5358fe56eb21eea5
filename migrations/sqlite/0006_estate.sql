-- The comune's estate registers: the cadastre (FAB supply of the Agenzia
-- delle Entrate), the anagrafe (residents) and the waste-tax register
-- (TARI), each loaded by an import that leaves a row in imports.

-- One run of an import, with its summary and the first rejected lines.
CREATE TABLE imports (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER REFERENCES comuni(id),
	kind		TEXT NOT NULL CHECK (kind IN ('cadastre', 'residents', 'tari')),
	file_name	TEXT NOT NULL,
	file_hash	TEXT NOT NULL DEFAULT '',
	actor		TEXT NOT NULL,
	state		TEXT NOT NULL CHECK (state IN ('running', 'done', 'refused',
			    'failed', 'interrupted')),
	started_at	TEXT NOT NULL,
	heartbeat_at	TEXT NOT NULL,
	finished_at	TEXT,
	total_bytes	INTEGER NOT NULL DEFAULT 0,
	done_bytes	INTEGER NOT NULL DEFAULT 0,
	lines_read	INTEGER NOT NULL DEFAULT 0,
	inserted	INTEGER NOT NULL DEFAULT 0,
	updated		INTEGER NOT NULL DEFAULT 0,
	unchanged	INTEGER NOT NULL DEFAULT 0,
	skipped		INTEGER NOT NULL DEFAULT 0,
	rejected	INTEGER NOT NULL DEFAULT 0,
	errors		TEXT NOT NULL DEFAULT '[]',	-- [{"line", "field", "reason"}]
	message		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX imports_kind ON imports(comune_id, kind, id);

-- Lines of a cadastral import in progress, grouped by unit afterwards.
CREATE TABLE cadastre_stage (
	import_id	INTEGER NOT NULL,
	comune_id	INTEGER NOT NULL,
	sezione		TEXT NOT NULL,
	immobile	INTEGER NOT NULL,
	progressivo	INTEGER NOT NULL,
	record_type	INTEGER NOT NULL,
	line_no		INTEGER NOT NULL,
	line		TEXT NOT NULL
);
CREATE INDEX cadastre_stage_unit ON cadastre_stage(import_id, comune_id,
	sezione, immobile, progressivo, record_type, line_no);

-- The current situation of each cadastral unit (FAB record type 1).
CREATE TABLE cadastral_units (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	sezione		TEXT NOT NULL,
	immobile	INTEGER NOT NULL,
	progressivo	INTEGER NOT NULL,
	category	TEXT NOT NULL,		-- "A/2"
	residential	INTEGER NOT NULL,
	classe		TEXT NOT NULL,
	consistenza	INTEGER,		-- hundredths of the measure
	measure		TEXT NOT NULL,		-- vani, m2, m3 or ''
	superficie	INTEGER,		-- m² (DPR 138/98)
	rendita_cents	INTEGER,
	zona		TEXT NOT NULL,
	scala		TEXT NOT NULL,
	interno		TEXT NOT NULL,
	piano		TEXT NOT NULL,		-- "S1,T"
	partita		TEXT NOT NULL,
	annotazione	TEXT NOT NULL,
	opened_on	TEXT NOT NULL,
	fingerprint	TEXT NOT NULL,		-- of everything above and below
	import_id	INTEGER NOT NULL REFERENCES imports(id),	-- last change
	UNIQUE (comune_id, sezione, immobile)
);

-- Identifiers of a unit (FAB type 2); merged units have several.
CREATE TABLE cadastral_idents (
	unit_id		INTEGER NOT NULL REFERENCES cadastral_units(id),
	position	INTEGER NOT NULL,
	comune_id	INTEGER NOT NULL,
	sezione_urbana	TEXT NOT NULL,
	foglio		TEXT NOT NULL,
	particella	TEXT NOT NULL,
	denominatore	TEXT NOT NULL,
	subalterno	TEXT NOT NULL,
	edificialita	TEXT NOT NULL,
	PRIMARY KEY (unit_id, position)
);
CREATE INDEX cadastral_idents_parcel
	ON cadastral_idents(comune_id, foglio, particella, subalterno);

-- Addresses of a unit (FAB type 3), one row per house number.
CREATE TABLE cadastral_addresses (
	unit_id		INTEGER NOT NULL REFERENCES cadastral_units(id),
	position	INTEGER NOT NULL,
	comune_id	INTEGER NOT NULL,
	toponimo	INTEGER,
	dug		TEXT NOT NULL,
	street		TEXT NOT NULL,		-- as the cadastre writes it
	civico		TEXT NOT NULL,
	street_key	TEXT NOT NULL,		-- address.h
	number		INTEGER NOT NULL,
	esponente	TEXT NOT NULL,
	codice_strada	INTEGER,
	PRIMARY KEY (unit_id, position)
);
CREATE INDEX cadastral_addresses_street
	ON cadastral_addresses(comune_id, street_key, number);

-- The anagrafe extract: one row per resident person (docs/estate.md).
CREATE TABLE residents (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	import_id	INTEGER NOT NULL REFERENCES imports(id),
	codice_fiscale	TEXT NOT NULL,
	surname		TEXT NOT NULL,
	given_names	TEXT NOT NULL,
	birth_date	TEXT NOT NULL,
	citizenship	TEXT NOT NULL,
	family_id	TEXT NOT NULL,
	street		TEXT NOT NULL,
	house_number	TEXT NOT NULL,
	esponente	TEXT NOT NULL,
	interno		TEXT NOT NULL,
	scala		TEXT NOT NULL,
	street_key	TEXT NOT NULL,
	number		INTEGER NOT NULL,
	foglio		TEXT NOT NULL,
	particella	TEXT NOT NULL,
	subalterno	TEXT NOT NULL
);
CREATE INDEX residents_address ON residents(comune_id, street_key, number);
CREATE INDEX residents_parcel
	ON residents(comune_id, foglio, particella, subalterno);

-- The waste-tax (TARI) register: one row per registered dwelling.
CREATE TABLE tari (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	import_id	INTEGER NOT NULL REFERENCES imports(id),
	payer_cf	TEXT NOT NULL,
	payer_name	TEXT NOT NULL,
	street		TEXT NOT NULL,
	house_number	TEXT NOT NULL,
	esponente	TEXT NOT NULL,
	interno		TEXT NOT NULL,
	street_key	TEXT NOT NULL,
	number		INTEGER NOT NULL,
	foglio		TEXT NOT NULL,
	particella	TEXT NOT NULL,
	subalterno	TEXT NOT NULL,
	area_m2		INTEGER,
	since		TEXT NOT NULL,
	until		TEXT NOT NULL
);
CREATE INDEX tari_address ON tari(comune_id, street_key, number);
CREATE INDEX tari_parcel ON tari(comune_id, foglio, particella, subalterno);

-- The unit an application's dwelling was matched to, and the tolerance
-- between declared and cadastral floor area before the case shows it.
ALTER TABLE dwellings ADD COLUMN unit_id INTEGER REFERENCES cadastral_units(id);
CREATE INDEX dwellings_unit ON dwellings(unit_id);
ALTER TABLE comuni ADD COLUMN area_tolerance_pct INTEGER NOT NULL DEFAULT 25;
