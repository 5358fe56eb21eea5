-- A point operator (role point) works at one T-Serve point
-- (docs/points.md): the point whose certificates, and only those, they
-- may hand over.  NULL for every other role.
ALTER TABLE users ADD COLUMN point_id INTEGER REFERENCES points(id);
