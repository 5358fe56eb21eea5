-- The T-Serve network (docs/points.md): accredited shops, and the comune's
-- own offices, where a citizen collects the certificate.  Coordinates are
-- WGS 84 microdegrees, for the points nearest a place (domain/geo.c).  A
-- point is accredited, suspended (for now no releases) or closed (for
-- good); it is never deleted, so every handover keeps its place.
CREATE TABLE points (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN
			    ('tobacconist', 'newsagent', 'office')),
	address		TEXT NOT NULL,
	lat_e6		INTEGER NOT NULL,
	lon_e6		INTEGER NOT NULL,
	hours		TEXT NOT NULL DEFAULT '',
	contact		TEXT NOT NULL DEFAULT '',
	releases	INTEGER NOT NULL DEFAULT 1,	-- hands over certificates
	collects_fees	INTEGER NOT NULL DEFAULT 0,	-- takes fees and stamps
	status		TEXT NOT NULL DEFAULT 'accredited' CHECK (status IN
			    ('accredited', 'suspended', 'closed')),
	created_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	UNIQUE (comune_id, name)
);
CREATE INDEX points_comune ON points(comune_id, status);
