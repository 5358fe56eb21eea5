-- The certificate as a document (CAD art. 23): what it states, frozen at
-- issue as canonical JSON (snapshot), sealed with the comune's Ed25519 key
-- (key_id, signature), and found again by its verification code.  The PDF
-- is rendered again from the snapshot whenever it is asked for: the same
-- snapshot gives the same bytes.  A correction is a new certificate; the
-- old one points at it (superseded_by).  Expiry is read from valid_until,
-- never written.
CREATE TABLE certificates (
	id		INTEGER PRIMARY KEY,
	comune_id	INTEGER NOT NULL REFERENCES comuni(id),
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	year		INTEGER NOT NULL,
	number		INTEGER NOT NULL,
	code		TEXT NOT NULL UNIQUE,	-- 12 letters, no dashes
	issued_on	TEXT NOT NULL,
	valid_until	TEXT,			-- NULL: no expiry
	snapshot	TEXT NOT NULL,
	key_id		TEXT NOT NULL,
	signature	TEXT NOT NULL,		-- base64url
	revoked_on	TEXT,
	revoked_reason	TEXT NOT NULL DEFAULT '',
	revoked_by	TEXT NOT NULL DEFAULT '',
	superseded_by	INTEGER REFERENCES certificates(id),
	reprints	INTEGER NOT NULL DEFAULT 0,
	certified_copies INTEGER NOT NULL DEFAULT 0,
	created_at	TEXT NOT NULL,
	actor		TEXT NOT NULL,
	UNIQUE (comune_id, year, number)
);
CREATE INDEX certificates_case ON certificates(case_id, id);

-- Every copy printed after the original: a reprint ('copy', marked as a
-- copy) or a certified copy ('certified', with its fee).
CREATE TABLE certificate_copies (
	id		INTEGER PRIMARY KEY,
	certificate_id	INTEGER NOT NULL REFERENCES certificates(id),
	kind		TEXT NOT NULL CHECK (kind IN ('copy', 'certified')),
	copy_no		INTEGER NOT NULL,
	fee_cents	INTEGER NOT NULL DEFAULT 0,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	UNIQUE (certificate_id, kind, copy_no)
);

-- The certificate's settings per comune: a PNG logo for its header, and
-- the certified copy's fee (Prato: 6 euro).
ALTER TABLE comuni ADD COLUMN logo_path TEXT NOT NULL DEFAULT '';
ALTER TABLE comuni ADD COLUMN copy_fee_cents INTEGER NOT NULL DEFAULT 0;
