-- An extract is kept row by row across imports (docs/estate.md): each row
-- has the fingerprint of its fields, a new import writes only the rows
-- whose fingerprint is not there yet and deletes the ones it no longer
-- has, and readers see the rows of the imports done so far.  An import
-- reads the comune's rows in the order of their ids (new rows come last,
-- so the index grows at its end); the fingerprints are compared in memory.
-- (SQLite adds the rowid, the id, to every index entry.)
ALTER TABLE residents ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE tari ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
DROP INDEX residents_import;
DROP INDEX tari_import;
CREATE INDEX residents_comune ON residents(comune_id);
CREATE INDEX tari_comune ON tari(comune_id);

-- Only the extract in force stays: the rows of earlier or unfinished
-- imports (left where a deletion failed) would now be read as current.
DELETE FROM residents WHERE import_id NOT IN (SELECT max(id) FROM imports
	WHERE kind = 'residents' AND state = 'done' GROUP BY comune_id);
DELETE FROM tari WHERE import_id NOT IN (SELECT max(id) FROM imports
	WHERE kind = 'tari' AND state = 'done' GROUP BY comune_id);
