-- The documents uploaded for a case (docs/uploads.md): floor plans, IDs,
-- permits, leases, receipts.  The files live outside the database and the
-- web root, in IDONEO_FILES; a row says what each is: its kind (one of the
-- checklist's), the name it came with, its type as its content shows, its
-- size and SHA-256, where it is, and who uploaded it.  A file removed by
-- the retention policy keeps its row, with the day and the reason.
CREATE TABLE case_files (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL,
	name		TEXT NOT NULL,
	content_type	TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,
	path		TEXT NOT NULL,
	uploaded_at	TEXT NOT NULL,
	uploaded_by	TEXT NOT NULL,
	uploader_name	TEXT NOT NULL,
	deleted_at	TEXT,
	deleted_reason	TEXT
);
CREATE INDEX case_files_case ON case_files(case_id);
