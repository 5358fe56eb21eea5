-- An extract's rows by the import that loaded them: a new extract deletes
-- the rows of the earlier imports, and a refused one its own, without
-- reading every row of the comune (docs/estate.md).
CREATE INDEX residents_import ON residents(import_id);
CREATE INDEX tari_import ON tari(import_id);
