/*
 * case_files: the documents uploaded for a case (docs/uploads.md).
 *
 * The HTTP server streams an upload to a temporary file (src/http); here
 * it is read once, in pieces: its first and last bytes say what it is
 * (domain/file_type.c: PDF, JPEG or PNG by content, whole), its SHA-256 is
 * computed, and it is copied into IDONEO_FILES, outside the web root, as
 * COMUNE/YEAR/ID-RANDOM.EXT with mode 0600, written aside, synced and
 * renamed.  Then its row, the checklist's "received" and the audit row go
 * in one transaction; a failed transaction takes the file away again.  A
 * crash between the two leaves at most a file without a row, never a row
 * without its file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "case_files.h"
#include "domain/date.h"
#include "domain/file_type.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "worker.h"

static char	 files_dir[512] = "idoneo-files";

/*
 * Where the files go: IDONEO_FILES, or beside the SQLite database
 * (DB.files), or ./idoneo-files for PostgreSQL.  The folders are made with
 * the first file, mode 0700.
 */
int
case_files_init(const char *db)
{
	const char	*dir = getenv("IDONEO_FILES");

	if (dir != NULL && *dir != '\0')
		snprintf(files_dir, sizeof(files_dir), "%s", dir);
	else if (strncmp(db, "postgres", 8) == 0)
		snprintf(files_dir, sizeof(files_dir), "idoneo-files");
	else
		snprintf(files_dir, sizeof(files_dir), "%.500s.files", db);
	return 0;
}

/*
 * Whether kind is one a file may be: the intake's checklist, or another
 * document ("other"); if not, says so in errors.
 */
bool
case_files_kind_ok(const char *kind, json_t *errors)
{
	if (kind == NULL || (choice_index(intake_documents, kind) < 0 &&
	    strcmp(kind, "other") != 0)) {
		json_object_set_new(errors, "kind", json_string(_("Scegli che "
		    "documento è: planimetria, documento d'identità, permesso, "
		    "titolo dell'alloggio, ricevute o altro.")));
		return false;
	}
	return true;
}

/*
 * Copies the upload at src into the folder as rel (relative to files_dir),
 * hashing it, and says what it is.  Returns 0, or -1 on an I/O error.
 */
static int
store_copy(const char *src, const char *rel, char sha[65],
    enum file_type *type, bool *complete)
{
	unsigned char	 buf[65536], head[FILE_TYPE_HEAD], tail[FILE_TYPE_TAIL];
	unsigned char	 h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state s;
	char		 path[1100], tmp[1110];
	size_t		 nhead = 0, ntail = 0;
	ssize_t		 n;
	int		 in, out = -1, rc = -1;

	snprintf(path, sizeof(path), "%s/%s", files_dir, rel);
	snprintf(tmp, sizeof(tmp), "%s.part", path);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0)
		goto out;
	crypto_hash_sha256_init(&s);
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		size_t	 k = (size_t)n;

		if (nhead < sizeof(head)) {
			size_t c = k < sizeof(head) - nhead ? k :
			    sizeof(head) - nhead;

			memcpy(head + nhead, buf, c);
			nhead += c;
		}
		/* The last FILE_TYPE_TAIL bytes, kept as they pass. */
		if (k >= sizeof(tail)) {
			memcpy(tail, buf + k - sizeof(tail), sizeof(tail));
			ntail = sizeof(tail);
		} else {
			size_t keep = ntail + k > sizeof(tail) ?
			    sizeof(tail) - k : ntail;

			memmove(tail, tail + ntail - keep, keep);
			memcpy(tail + keep, buf, k);
			ntail = keep + k;
		}
		crypto_hash_sha256_update(&s, buf, k);
		if (write(out, buf, k) != n)
			goto out;
	}
	if (n < 0 || fsync(out) < 0 || close(out) < 0) {
		out = -1;
		goto out;
	}
	out = -1;
	if (rename(tmp, path) < 0)
		goto out;
	crypto_hash_sha256_final(&s, h);
	sodium_bin2hex(sha, 65, h, sizeof(h));
	*type = file_type_of(head, nhead);
	*complete = file_type_complete(*type, tail, ntail);
	rc = 0;
out:
	if (out >= 0)
		close(out);
	if (rc < 0)
		unlink(tmp);
	close(in);
	return rc;
}

/* A name for the file as it came, printable and short, for the pages. */
static void
clean_name(const char *in, char out[121])
{
	size_t	 n = 0;
	const char *base = strrchr(in, '/');

	base = base != NULL ? base + 1 : in;
	for (; *base != '\0' && n < 120; base++)
		out[n++] = (unsigned char)*base < 0x20 || *base == '"' ||
		    *base == '\\' ? '_' : *base;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, 121, "documento");
}

/* Removes a kept file (rel, relative to the files' folder). */
void
case_files_unlink(const char *rel)
{
	char path[1100];

	snprintf(path, sizeof(path), "%s/%s", files_dir, rel);
	unlink(path);
}

/*
 * Keeps the uploaded file at upload (named name by the client, size bytes)
 * in the files' folder under COMUNE/YEAR/OWNER-RANDOM, if it is a whole
 * PDF, JPEG or PNG: rel gets where, sha its SHA-256, *mime its type and
 * nice its name for the pages.  Returns SVC_OK; SVC_INVALID with errors
 * (no file, an empty or damaged one); CASE_FILES_TYPE for another type;
 * SVC_ERROR.  Nothing is kept unless it returns SVC_OK.
 */
int
case_files_keep(int64_t comune_id, const char *owner, const char *upload,
    const char *name, int64_t size, json_t *errors, char rel[160],
    char sha[65], const char **mime, char nice[121])
{
	enum file_type	 type;
	bool		 complete;
	char		 dir[700], rnd[17];
	unsigned char	 r8[8];
	int		 year, mo, dd;

	if (upload == NULL || *upload == '\0' || size <= 0) {
		json_object_set_new(errors, "file", json_string(_("Nessun file "
		    "è arrivato, oppure è vuoto: sceglilo di nuovo.")));
		return SVC_INVALID;
	}
	date_to_ymd(clock_today(), &year, &mo, &dd);
	snprintf(dir, sizeof(dir), "%s/%lld", files_dir, (long long)comune_id);
	if ((mkdir(files_dir, 0700) < 0 && errno != EEXIST) ||
	    (mkdir(dir, 0700) < 0 && errno != EEXIST)) {
		log_warn("case_files: cannot create the files folder");
		return SVC_ERROR;
	}
	snprintf(dir, sizeof(dir), "%s/%lld/%d", files_dir,
	    (long long)comune_id, year);
	if ((mkdir(dir, 0700) < 0 && errno != EEXIST))
		return SVC_ERROR;
	randombytes_buf(r8, sizeof(r8));
	sodium_bin2hex(rnd, sizeof(rnd), r8, sizeof(r8));
	snprintf(rel, 160, "%lld/%d/%s-%s", (long long)comune_id, year, owner,
	    rnd);
	if (store_copy(upload, rel, sha, &type, &complete) < 0)
		return SVC_ERROR;
	if (type == FILE_TYPE_OTHER || !complete) {
		case_files_unlink(rel);
		if (type == FILE_TYPE_OTHER) {
			json_object_set_new(errors, "file", json_string(_("Il "
			    "file non è un PDF, un JPEG o un PNG (conta il "
			    "contenuto, non il nome).")));
			return CASE_FILES_TYPE;
		}
		json_object_set_new(errors, "file", json_string(_("Il file è "
		    "danneggiato o incompleto: salvalo o scansionalo di nuovo e "
		    "ricaricalo.")));
		return SVC_INVALID;
	}
	*mime = file_type_mime(type);
	clean_name(name != NULL ? name : "", nice);
	return SVC_OK;
}

/*
 * Adds the uploaded file at upload (named name by the client, size bytes)
 * to a case as a document of kind.  Returns SVC_OK with *id set;
 * SVC_INVALID with errors (the kind, a file that is empty or damaged);
 * CASE_FILES_TYPE for a type that is not PDF, JPEG or PNG; SVC_NOT_FOUND
 * for a case p may not see.
 */
int
case_files_add(struct store *st, const struct principal *p, int64_t case_id,
    const char *kind, const char *upload, const char *name, int64_t size,
    json_t *errors, int64_t *id)
{
	struct case_row	 c;
	const char	*mime;
	char		 rel[160], sha[65], now[CLOCK_STRLEN], nice[121];
	char		 owner[24];
	int		 found, res;

	*id = 0;
	if (!access_office(p) && p->role != ROLE_ASSOCIATION)
		return SVC_FORBIDDEN;
	if ((found = rows_case_get(st, case_id, &c)) < 0)
		return SVC_ERROR;
	if (found == 0 || !access_case(p, c.comune_id, c.association_id))
		return SVC_NOT_FOUND;
	if (!case_files_kind_ok(kind, errors))
		return SVC_INVALID;
	snprintf(owner, sizeof(owner), "%lld", (long long)case_id);
	if ((res = case_files_keep(c.comune_id, owner, upload, name, size,
	    errors, rel, sha, &mime, nice)) != SVC_OK)
		return res;
	clock_utc(clock_now(), now);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto unlink;
	if (store_int(st, id, STMT_FILE_INSERT, "isssisssss", case_id, kind,
	    nice, mime, size, sha, rel, now, p->actor, p->name) != 1 ||
	    store_exec(st, STMT_FILE_DOC_RECEIVED, "is", case_id, kind) < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1 ||
	    audit_add(st, p, c.comune_id, "file_upload", "case", case_id,
	    kind) < 0 || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto unlink;
	}
	return SVC_OK;
unlink:
	case_files_unlink(rel);
	return SVC_ERROR;
}

/* A case's files, for its page and the API (SVC_NOT_FOUND as above). */
enum svc_result
case_files_list(struct store *st, const struct principal *p, int64_t case_id,
    json_t **out)
{
	struct case_row	 c;
	int		 found;

	*out = NULL;
	if ((found = rows_case_get(st, case_id, &c)) < 0)
		return SVC_ERROR;
	if (found == 0 || !access_case(p, c.comune_id, c.association_id))
		return SVC_NOT_FOUND;
	return (*out = store_rows(st, STMT_FILES_OF_CASE, "i", case_id)) ==
	    NULL ? SVC_ERROR : SVC_OK;
}

/*
 * One file's bytes, for the office or the association that filed the
 * case: into body, with its type and name.  A file the retention policy
 * removed is SVC_CONFLICT.
 */
enum svc_result
case_files_read(struct store *st, const struct principal *p, int64_t file_id,
    struct buf *body, char *type, size_t tsize, char *name, size_t nsize)
{
	json_t		*f;
	char		 path[1100], chunk[65536];
	enum svc_result	 r = SVC_ERROR;
	FILE		*in;
	size_t		 n;
	int		 rc;

	if ((rc = store_row(st, &f, STMT_FILE_GET, "i", file_id)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	if (!access_case(p, jfield_int(f, "comune_id"), jfield_int(f,
	    "association_id"))) {
		r = SVC_NOT_FOUND;
		goto out;
	}
	if (jfield_str(f, "deleted_at") != NULL) {
		r = SVC_CONFLICT;
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s", files_dir, jfield_text(f,
	    "path"));
	if ((in = fopen(path, "rbe")) == NULL)
		goto out;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		buf_append(body, chunk, n);
	fclose(in);
	snprintf(type, tsize, "%s", jfield_text(f, "content_type"));
	snprintf(name, nsize, "%s", jfield_text(f, "name"));
	r = SVC_OK;
out:
	json_decref(f);
	return r;
}

/*
 * The retention policy: the files of a case concluded (delivered,
 * rejected, withdrawn) more than IDONEO_FILE_RETENTION_DAYS ago (default
 * 1825, five years; 0 keeps them for ever) are removed from the disk; their
 * rows stay, with the day and the reason.
 */
int
case_files_purge(struct store *st)
{
	const char	*env = getenv("IDONEO_FILE_RETENTION_DAYS");
	long		 days = env != NULL && *env != '\0' ? strtol(env, NULL,
			    10) : 1825;
	char		 before[CLOCK_STRLEN], now[CLOCK_STRLEN], path[1100];
	json_t		*due, *f;
	size_t		 i;
	int		 n = 0;

	if (days <= 0)
		return 0;
	clock_utc(clock_now() - days * 86400, before);
	if ((due = store_rows(st, STMT_FILES_EXPIRED, "s", before)) == NULL)
		return -1;
	json_array_foreach(due, i, f) {
		struct principal sys;

		access_system(&sys, jfield_int(f, "comune_id"), "idoneo");
		clock_utc(clock_now(), now);
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			break;
		if (store_exec(st, STMT_FILE_DELETED, "ssi", now,
		    "retention", jfield_int(f, "id")) != 1 || audit_add(st,
		    &sys, jfield_int(f, "comune_id"), "file_purge", "case",
		    jfield_int(f, "case_id"), "retention") < 0 ||
		    store_tx(st, STORE_COMMIT) < 0) {
			store_tx(st, STORE_ROLLBACK);
			continue;
		}
		/* The row says it is gone first: a crash here leaves a file
		 * to remove by hand, never a row without its file. */
		snprintf(path, sizeof(path), "%s/%s", files_dir, jfield_text(f,
		    "path"));
		if (unlink(path) < 0 && errno != ENOENT)
			log_warn("case_files: a purged file stays on disk");
		n++;
	}
	json_decref(due);
	return n;
}

void
case_files_add_worker(void)
{
	worker_add_round("file_retention", 600, 86400, case_files_purge);
}
