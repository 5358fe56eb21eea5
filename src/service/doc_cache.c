/*
 * doc_cache: the serialised case documents the API hands out, kept per
 * thread and checked against the case's version at every request, so a
 * partner system polling a case costs one small query instead of eight.  A
 * document depends on the case (id, version), on the day (the deadline
 * fields) and on who asks (the actions offered), so all of those are part of
 * the key.
 */
#include <stdlib.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/tcache.h"
#include "case_doc.h"
#include "doc_cache.h"
#include "store/query.h"
#include "store/rows.h"

#define DOC_CACHE_SLOTS	256

struct doc_entry {
	int64_t		 id, version, comune_id, association_id;
	int		 today;
	enum wf_role	 role;
	char		*json;
	size_t		 len;
};

static void
doc_cache_clear(void *p)
{
	struct doc_entry *e = p;

	for (int i = 0; i < DOC_CACHE_SLOTS; i++)
		free(e[i].json);
}

static struct tcache doc_tcache = TCACHE_INIT(
    DOC_CACHE_SLOTS * sizeof(struct doc_entry), doc_cache_clear);

static int
dump_cb(const char *p, size_t n, void *arg)
{
	buf_append(arg, p, n);
	return 0;
}

/* Whether entry e holds the document p would get of case id today. */
static bool
doc_fresh(const struct doc_entry *e, const struct principal *p, int64_t id,
    int64_t version, int today)
{
	return e->json != NULL && e->id == id && e->version == version &&
	    e->today == today && e->role == p->role &&
	    e->comune_id == p->comune_id &&
	    e->association_id == p->association_id;
}

/*
 * Appends the JSON document of case id, as cases_load builds it, to out.
 * Returns SVC_OK, or the reason there is none.
 */
enum svc_result
cases_load_json(struct store *st, const struct principal *p, int64_t id,
    struct buf *out)
{
	struct doc_entry	*e = tcache_get(&doc_tcache);
	struct case_row		 row;
	json_t			*c;
	int64_t			 version;
	int			 today = clock_today(), rc;
	enum svc_result		 r;
	struct buf		 b;

	e += (uint64_t)id % DOC_CACHE_SLOTS;
	if ((rc = rows_case_version_get(st, id, &row)) < 0)
		return SVC_ERROR;
	if (rc == 0 || !access_case(p, row.comune_id, row.association_id))
		return SVC_NOT_FOUND;
	version = row.version;
	if (doc_fresh(e, p, id, version, today)) {
		buf_append(out, e->json, e->len);
		return SVC_OK;
	}
	if ((r = cases_load(st, p, id, &c)) != SVC_OK)
		return r;
	buf_init(&b);
	if (json_dump_callback(c, dump_cb, &b, JSON_COMPACT) < 0) {
		json_decref(c);
		buf_free(&b);
		return SVC_ERROR;
	}
	buf_putc(&b, '\n');
	/* Keyed by the version the document was built from. */
	version = jfield_int(c, "version");
	json_decref(c);
	buf_append(out, b.data, b.len);
	free(e->json);
	e->id = id;
	e->version = version;
	e->today = today;
	e->role = p->role;
	e->comune_id = p->comune_id;
	e->association_id = p->association_id;
	e->len = b.len;
	e->json = buf_steal(&b);
	return SVC_OK;
}
