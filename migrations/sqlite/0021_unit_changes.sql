-- The units an import found changed, one batch at a time: written in bulk,
-- applied to cadastral_units by one UPDATE, and emptied in the same
-- transaction (docs/estate.md, "How an import runs").
CREATE TABLE cadastral_unit_changes (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL,
	sezione		TEXT NOT NULL,
	immobile	INTEGER NOT NULL,
	progressivo	INTEGER NOT NULL,
	category	TEXT NOT NULL,
	residential	INTEGER NOT NULL,
	classe		TEXT NOT NULL,
	consistenza	INTEGER,
	measure		TEXT NOT NULL,
	superficie	INTEGER,
	rendita_cents	INTEGER,
	zona		TEXT NOT NULL,
	scala		TEXT NOT NULL,
	interno		TEXT NOT NULL,
	piano		TEXT NOT NULL,
	partita		TEXT NOT NULL,
	annotazione	TEXT NOT NULL,
	opened_on	TEXT NOT NULL,
	fingerprint	TEXT NOT NULL,
	import_id	INTEGER NOT NULL
);

-- The identifiers and addresses are kept in the order of their primary key
-- (WITHOUT ROWID): an import writes one b-tree per row instead of two, and
-- reading a unit's rows reads them together.
CREATE TABLE cadastral_idents_new (
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
) WITHOUT ROWID;
INSERT INTO cadastral_idents_new (unit_id, position, comune_id,
	sezione_urbana, foglio, particella, denominatore, subalterno,
	edificialita)
	SELECT unit_id, position, comune_id, sezione_urbana, foglio,
	particella, denominatore, subalterno, edificialita
	FROM cadastral_idents;
DROP TABLE cadastral_idents;
ALTER TABLE cadastral_idents_new RENAME TO cadastral_idents;
CREATE INDEX cadastral_idents_parcel
	ON cadastral_idents(comune_id, foglio, particella, subalterno);

CREATE TABLE cadastral_addresses_new (
	unit_id		INTEGER NOT NULL REFERENCES cadastral_units(id),
	position	INTEGER NOT NULL,
	comune_id	INTEGER NOT NULL,
	toponimo	INTEGER,
	dug		TEXT NOT NULL,
	street		TEXT NOT NULL,
	civico		TEXT NOT NULL,
	street_key	TEXT NOT NULL,
	number		INTEGER NOT NULL,
	esponente	TEXT NOT NULL,
	codice_strada	INTEGER,
	PRIMARY KEY (unit_id, position)
) WITHOUT ROWID;
INSERT INTO cadastral_addresses_new (unit_id, position, comune_id, toponimo,
	dug, street, civico, street_key, number, esponente, codice_strada)
	SELECT unit_id, position, comune_id, toponimo, dug, street, civico,
	street_key, number, esponente, codice_strada
	FROM cadastral_addresses;
DROP TABLE cadastral_addresses;
ALTER TABLE cadastral_addresses_new RENAME TO cadastral_addresses;
CREATE INDEX cadastral_addresses_street
	ON cadastral_addresses(comune_id, street_key, number);
