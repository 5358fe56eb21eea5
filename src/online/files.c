/*
 * files: the documents a citizen uploads with a draft (online.h).  They
 * are checked and kept as a case's documents are (service/case_files.c,
 * docs/uploads.md), and become the case's documents in the transaction
 * that submits the draft.
 */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/i18n.h"
#include "online.h"
#include "service/access.h"
#include "service/case_files.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

/*
 * Adds the uploaded file at upload to the draft as a document of kind.
 * Returns SVC_OK; SVC_INVALID with errors; CASE_FILES_TYPE for a file
 * that is not PDF, JPEG or PNG; SVC_CONFLICT for a submitted draft.
 */
int
online_file_add(struct store *st, struct online_draft *d, const char *kind,
    const char *upload, const char *name, int64_t size, json_t *errors)
{
	struct principal p;
	const char	*mime;
	char		 rel[160], sha[65], nice[121], owner[32];
	char		 now[CLOCK_STRLEN];
	int64_t		 id;
	int		 r;

	if (d->case_id != 0)
		return SVC_CONFLICT;
	if (!case_files_kind_ok(kind, errors))
		return SVC_INVALID;
	if (json_array_size(d->files) >= ONLINE_FILES) {
		json_object_set_new(errors, "file", json_string(_("La domanda "
		    "ha già abbastanza file: togline uno prima di aggiungerne "
		    "un altro.")));
		return SVC_INVALID;
	}
	snprintf(owner, sizeof(owner), "draft%lld", (long long)d->id);
	if ((r = case_files_keep(d->comune_id, owner, upload, name, size,
	    errors, rel, sha, &mime, nice)) != SVC_OK)
		return r;
	clock_utc(clock_now(), now);
	access_citizen(&p, d->comune_id);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto fail;
	if (store_int(st, &id, STMT_DRAFT_FILE_INSERT, "isssisss", d->id, kind,
	    nice, mime, size, sha, rel, now) != 1 ||
	    audit_add(st, &p, d->comune_id, "draft_file", "draft", d->id,
	    kind) < 0 || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto fail;
	}
	json_array_append_new(d->files, json_pack("{s:I, s:s, s:s, s:s, s:I}",
	    "id", (json_int_t)id, "kind", kind, "name", nice, "content_type",
	    mime, "size", (json_int_t)size));
	return SVC_OK;
fail:
	case_files_unlink(rel);
	return SVC_ERROR;
}

/* Removes a document from the draft, and its file. */
enum svc_result
online_file_remove(struct store *st, struct online_draft *d, int64_t file_id)
{
	struct principal p;
	json_t		*gone = NULL;
	size_t		 i;
	json_t		*f;

	if (d->case_id != 0)
		return SVC_CONFLICT;
	access_citizen(&p, d->comune_id);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if (store_row(st, &gone, STMT_DRAFT_FILE_DELETE, "ii", file_id,
	    d->id) != 1 || audit_add(st, &p, d->comune_id, "draft_file_remove",
	    "draft", d->id, "") < 0 || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		json_decref(gone);
		return gone == NULL ? SVC_NOT_FOUND : SVC_ERROR;
	}
	case_files_unlink(jfield_text(gone, "path"));
	json_decref(gone);
	json_array_foreach(d->files, i, f)
		if (jfield_int(f, "id") == file_id) {
			json_array_remove(d->files, i);
			break;
		}
	return SVC_OK;
}

/*
 * In the submission's transaction: the draft's documents become the new
 * case's, each marking its kind received.  Returns 0, or -1.
 */
int
online_files_move(struct store *st, int64_t draft_id, int64_t case_id)
{
	json_t	*rows, *f;
	size_t	 i;
	int64_t	 id;
	int	 rc = 0;

	if ((rows = store_rows(st, STMT_DRAFT_FILES, "i", draft_id)) == NULL)
		return -1;
	json_array_foreach(rows, i, f)
		if (store_int(st, &id, STMT_FILE_INSERT, "isssisssss", case_id,
		    jfield_str(f, "kind"), jfield_str(f, "name"),
		    jfield_str(f, "content_type"), jfield_int(f, "size"),
		    jfield_str(f, "sha256"), jfield_str(f, "path"),
		    jfield_str(f, "uploaded_at"), "citizen",
		    "Richiedente (online)") != 1 || store_exec(st,
		    STMT_FILE_DOC_RECEIVED, "is", case_id, jfield_str(f,
		    "kind")) < 0) {
			rc = -1;
			break;
		}
	json_decref(rows);
	if (rc == 0 && store_exec(st, STMT_DRAFT_FILES_DELETE, "i",
	    draft_id) < 0)
		rc = -1;
	return rc;
}

/* Deletes a draft's documents and their files (its purge). */
void
online_files_drop(struct store *st, int64_t draft_id)
{
	json_t	*rows, *f;
	size_t	 i;

	if ((rows = store_rows(st, STMT_DRAFT_FILES, "i", draft_id)) == NULL)
		return;
	if (store_tx(st, STORE_BEGIN_WRITE) == 0 && store_exec(st,
	    STMT_DRAFT_FILES_DELETE, "i", draft_id) >= 0 &&
	    store_tx(st, STORE_COMMIT) == 0)
		json_array_foreach(rows, i, f)
			case_files_unlink(jfield_text(f, "path"));
	else
		store_tx(st, STORE_ROLLBACK);
	json_decref(rows);
}
