/*
 * import_job: see import_job.h.
 *
 * The uploaded file becomes the job's: it is renamed beside itself
 * ("….import") when the job is queued, and deleted when the job is done.
 * A worker that dies leaves the file and the job; the job's lease lapses
 * and the import runs again from the start (imports are idempotent and
 * atomic: docs/estate.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jfield.h"
#include "base/log.h"
#include "estate/cadastre.h"
#include "estate/extract.h"
#include "import_job.h"
#include "store/audit.h"
#include "store/jobs.h"
#include "store/query.h"
#include "worker.h"

/* The principal a job runs as: who started it, as the audit log says. */
static json_t *
principal_json(const struct principal *p)
{
	return json_pack("{s:i, s:I, s:I, s:s, s:s, s:s, s:s}", "role",
	    (int)p->role, "user_id", (json_int_t)p->user_id, "comune_id",
	    (json_int_t)p->comune_id,
	    "actor", p->actor, "name", p->name, "username", p->username,
	    "ip", p->ip);
}

static void
principal_from(const json_t *o, struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->authenticated = true;
	p->role = (enum wf_role)jfield_int(o, "role");
	p->user_id = jfield_int(o, "user_id");
	p->comune_id = jfield_int(o, "comune_id");
	snprintf(p->actor, sizeof(p->actor), "%s", jfield_str(o, "actor") ?
	    jfield_str(o, "actor") : "system");
	snprintf(p->name, sizeof(p->name), "%s", jfield_str(o, "name") ?
	    jfield_str(o, "name") : "");
	snprintf(p->username, sizeof(p->username), "%s",
	    jfield_str(o, "username") ? jfield_str(o, "username") : "");
	snprintf(p->ip, sizeof(p->ip), "%s", jfield_str(o, "ip") ?
	    jfield_str(o, "ip") : "");
}

/*
 * Queues the import of the file at path (a checked upload; it becomes the
 * job's) of kind cadastre, residents or tari into comune_id, with an audit
 * row, and wakes the worker.  name is the file's name as uploaded.
 */
enum svc_result
import_job_submit(struct store *st, const struct principal *who,
    const char *kind, int64_t comune_id, const char *path, const char *name)
{
	char	 spool[300];
	char	*text;
	json_t	*payload;
	int64_t	 id;

	snprintf(spool, sizeof(spool), "%s.import", path);
	if (rename(path, spool) < 0) {
		log_warn("import_job: cannot keep the upload for its job");
		return SVC_ERROR;
	}
	payload = json_pack("{s:s, s:s, s:s, s:I, s:o}", "kind", kind,
	    "path", spool, "name", name, "comune_id", (json_int_t)comune_id,
	    "who", principal_json(who));
	text = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);
	if (text == NULL || store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto fail;
	if ((id = jobs_enqueue(st, "import", text, NULL)) < 0 ||
	    audit_add(st, who, comune_id, "import_queue", "job", id,
	    kind) < 0 || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto fail;
	}
	free(text);
	worker_wake();
	return SVC_OK;
fail:
	free(text);
	unlink(spool);
	return SVC_ERROR;
}

/*
 * Runs a queued import.  Its outcome is in the imports table, where the
 * page shows it; only a busy import (another process runs the same) comes
 * back, to run later.
 */
/* The job and the connection an import renews its claim with. */
struct import_beat {
	struct store			*st;
	const struct worker_job		*job;
};

/* At each heartbeat of the import, the job's claim is renewed. */
static void
import_beat(void *arg)
{
	struct import_beat	*b = arg;

	if (jobs_renew(b->st, b->job->id, b->job->worker, b->job->lease) < 0)
		log_warn("import_job: job %lld lost its claim",
		    (long long)b->job->id);
}

static enum worker_outcome
import_job_run(struct store *st, const struct worker_job *job)
{
	const json_t		*payload = job->payload;
	struct principal	 who;
	struct import_run	 run;
	struct import_beat	 beat = {st, job};
	const char		*kind = jfield_str(payload, "kind");
	const char		*path = jfield_str(payload, "path");
	int64_t			 comune_id = jfield_int(payload, "comune_id");
	char			 msg[512];
	int			 rc;

	if (kind == NULL || path == NULL) {
		log_warn("import_job: a job without kind or file");
		return WORKER_DONE;
	}
	principal_from(json_object_get(payload, "who"), &who);
	memset(&run, 0, sizeof(run));
	run.beat = import_beat;
	run.beat_arg = &beat;
	if (strcmp(kind, "cadastre") == 0) {
		struct cadastre_opts o = {.display_name = jfield_str(payload,
		    "name"), .only_comune = comune_id, .quiet = true};

		rc = (int)cadastre_import(st, &who, path, &o, &run, msg,
		    sizeof(msg));
		if (rc == CADASTRE_BUSY)
			return WORKER_LATER;
	} else {
		rc = (int)extract_import(st, &who, strcmp(kind, "tari") == 0 ?
		    EXTRACT_TARI : EXTRACT_RESIDENTS, comune_id, path,
		    jfield_str(payload, "name"), true, &run, msg, sizeof(msg));
		if (rc == EXTRACT_BUSY)
			return WORKER_LATER;
	}
	if (rc != 0)
		log_warn("import_job: %s import of comune %lld ended with %d",
		    kind, (long long)comune_id, rc);
	unlink(path);
	return WORKER_DONE;
}

/*
 * Adds the imports to the worker (before worker_start).  A claim lasts
 * timeout seconds (IDONEO_IMPORT_TIMEOUT) and is renewed at each heartbeat
 * of the import: a worker that dies lets its import go that soon, and the
 * next worker finds the dead run's heartbeat just as old (import_begin
 * marks it interrupted) and runs the import again from the start.
 */
void
import_job_add(int timeout)
{
	import_set_timeout(timeout);
	worker_add("import", timeout, 0, import_job_run);
}
