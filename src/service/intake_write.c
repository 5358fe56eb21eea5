/*
 * intake_write: an application taken in.  It is validated (domain/intake.c),
 * and its case, applicant, dwelling, rooms, persons, payments, documents,
 * assessment, first timeline row and audit row are written in one
 * transaction with the comune's next protocol number; on PostgreSQL under
 * `serve`, together with the other applications waiting (group writes).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "assess.h"
#include "auth.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "case_doc.h"
#include "comune_cache.h"
#include "domain/countries.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/search.h"
#include "domain/workflow.h"
#include "estate/cadastre.h"
#include "groupcommit.h"
#include "intake_write.h"
#include "notify/notify.h"
#include "points/pickup.h"
#include "rooms.h"
#include "store/audit.h"
#include "store/query.h"
#include "worker.h"

/*
 * An application on its way to the database: validated, with everything
 * computed that its rows need.
 */
struct intake {
	const struct principal	*p;
	const char		*channel;
	json_t			*doc;	/* as intake_validate normalised it */
	struct comune_info	 comune;	/* its rules, code and name */
	char			 now[CLOCK_STRLEN], today_s[DATE_STRLEN];
	char			 due[DATE_STRLEN], tracking[AUTH_TOKEN_LEN + 1];
	char			 key[SEARCH_KEY_MAX];
	int			 year;
	int64_t			 assoc, unit_id;
	struct groupcommit_item	 item;	/* in the queue of group writes */
	struct store_group	*rows;	/* its rows, collected for the group */
	int			 rc;	/* the group write's result */
	/* Run in the transaction, after the case's rows (cases_create_then). */
	int			(*then)(struct store *, int64_t, void *);
	void			*then_arg;
	/* Set by intake_write. */
	int64_t			 id;
	json_t			*ids;	/* the case row, as inserted */
	json_t			*written; /* each table's rows, as written */
	struct case_reads	 reads;
};

/*
 * Validates an application for p and computes what its rows need.
 * Returns SVC_OK with it->doc set, or the reason it cannot be taken.
 */
static enum svc_result
intake_prepare(struct store *st, const struct principal *p, const json_t *in,
    json_t *errors, struct intake *it)
{
	struct deadline_state	 ds;
	json_t			*a;
	char			 name[256];
	int			 today = clock_today(), mo, dd;

	if (!access_office(p) && p->role != ROLE_ASSOCIATION)
		return SVC_FORBIDDEN;
	if (p->role == ROLE_ASSOCIATION)
		it->assoc = p->association_id;
	it->doc = intake_validate(in, today, p->role == ROLE_ASSOCIATION,
	    errors);
	if (it->doc == NULL)
		return SVC_INVALID;
	/* A unit picked from the cadastre must be one of this comune's. */
	{
		const char *u = jfield_str(json_object_get(it->doc, "dwelling"),
		    "unit_id");

		if (u != NULL && *u != '\0') {
			json_t	*unit = NULL;

			if (strspn(u, "0123456789") == strlen(u))
				unit = cadastre_unit(st, strtoll(u, NULL, 10),
				    p->comune_id);
			if (unit == NULL) {
				json_object_set_new(errors, "dwelling.unit_id",
				    json_string(_("Unità catastale: non è tra "
				    "quelle del catasto del comune; cercarla di "
				    "nuovo")));
				return SVC_INVALID;
			}
			it->unit_id = json_integer_value(json_object_get(unit,
			    "id"));
			json_decref(unit);
		}
	}
	/* The point chosen for the collection must be open (pickup.c). */
	if (jfield_int(it->doc, "collection_point") > 0) {
		int ok = pickup_place_ok(st, p->comune_id,
		    jfield_int(it->doc, "collection_point"));

		if (ok < 0)
			return SVC_ERROR;
		if (ok == 0) {
			json_object_set_new(errors, "collection_point",
			    json_string(_("Luogo di ritiro: il punto scelto non "
			    "è un punto T-Serve aperto del comune; sceglierne "
			    "un altro o l'ufficio")));
			return SVC_INVALID;
		}
	}
	if (comune_cache_get(st, p->comune_id, &it->comune) < 0)
		return SVC_ERROR;
	clock_utc(clock_now(), it->now);
	date_format(today, it->today_s);
	date_to_ymd(today, &it->year, &mo, &dd);
	deadline_compute_totals(&it->comune.rules, today, 0, -1, today, &ds);
	date_format(ds.due, it->due);
	/* A short code the citizen can quote when asking about the case. */
	auth_random_code(it->tracking, 10);
	a = json_object_get(it->doc, "applicant");
	snprintf(name, sizeof(name), "%s %s", jfield_str(a, "surname"),
	    jfield_str(a, "given_names"));
	search_key(name, it->key);
	return SVC_OK;
}

/* The array of written rows of a table (intake.written). */
static json_t *
written(struct intake *it, const char *table)
{
	return json_object_get(it->written, table);
}

/*
 * Queues the rows of an application, with a placeholder protocol number.
 * Runs inside intake_write's transaction and batch.  Each insert gives its
 * rows back into it->written.
 */
static int
intake_send(struct store *st, struct intake *it)
{
	const struct principal	*p = it->p;
	json_t			*doc = it->doc, *a, *d, *v, *rows;
	size_t			 i;
	int64_t			 placeholder;

	a = json_object_get(doc, "applicant");
	d = json_object_get(doc, "dwelling");
	it->ids = json_array();
	it->written = json_pack("{s:[], s:[], s:[], s:[], s:[], s:[], s:[], "
	    "s:[], s:[], s:[], s:[]}", "case", "applicant", "dwelling", "rooms",
	    "persons", "payments", "documents", "events", "assessment",
	    "association", "collection");
	if (it->id == 0 && store_next_id(st, STMT_CASE_IDS, &it->id) < 0)
		return -1;
	/*
	 * Negative, so no real number collides with it, and unlike that of
	 * any other intake running: the reserved id's (PostgreSQL), or -1
	 * where one writer runs at a time (SQLite).
	 */
	placeholder = -it->id - 1;
	if (store_rows_into(st, it->ids, STMT_CASE_INSERT,
	    "IiidssIIIsssssdsssss", it->id, p->comune_id, placeholder,
	    it->year, it->tracking, it->channel, it->assoc,
	    p->user_id, p->api_key_id, jfield_str(doc, "purpose"),
	    jfield_str(doc, "title"),
	    json_is_true(json_object_get(doc, "consent")) ? it->now : NULL,
	    wf_state_names[WF_SUBMITTED], it->today_s,
	    it->comune.rules.term_days, it->due, jfield_str(doc, "notes") ?
	    jfield_str(doc, "notes") : "", it->now, it->now, it->key) < 0)
		return -1;
	/* Without a reserved id (SQLite), the insert's answer gives it. */
	if (it->id == 0 && (store_pipeline(st, false) != 0 ||
	    (it->id = jfield_int(json_array_get(it->ids, 0), "id")) <= 0 ||
	    store_pipeline(st, true) < 0))
		return -1;
	if (store_rows_into(st, written(it, "applicant"), STMT_APPLICANT_INSERT,
	    "issssssssssssssssssbbss",
	    it->id, jfield_str(a, "surname"), jfield_str(a, "given_names"),
	    jfield_str(a, "sex"), jfield_str(a, "birth_date"),
	    jfield_str(a, "birth_place"), jfield_str(a, "birth_country"),
	    jfield_str(a, "citizenship"), jfield_str(a, "codice_fiscale"),
	    jfield_str(a, "cf_missing_reason"), jfield_str(a, "id_doc_type"),
	    jfield_str(a, "id_doc_number"), jfield_str(a, "id_doc_expiry"),
	    jfield_str(a, "permit_type"), jfield_str(a, "permit_number") ?
	    jfield_str(a, "permit_number") : "", jfield_str(a, "permit_expiry"),
	    jfield_str(a, "phone"), jfield_str(a, "email"), jfield_str(a, "language"),
	    json_is_true(json_object_get(a, "notify_sms")),
	    json_is_true(json_object_get(a, "notify_email")),
	    country_code_of(jfield_str(a, "citizenship")),
	    country_code_of(jfield_str(a, "birth_country"))) < 0)
		return -1;
#define OPT(k) (jfield_str(d, k) ? jfield_str(d, k) : "")
	if (store_rows_into(st, written(it, "dwelling"), STMT_DWELLING_INSERT,
	    "isssssssssssI", it->id,
	    jfield_str(d, "street"), jfield_str(d, "house_number"), OPT("interno"),
	    OPT("scala"), OPT("floor"), jfield_str(d, "cap"), OPT("sezione"),
	    OPT("foglio"), OPT("particella"), OPT("subalterno"),
	    OPT("category"), it->unit_id) < 0)
		return -1;
#undef OPT
	if (cases_insert_rooms(st, it->id, json_object_get(doc, "rooms"),
	    written(it, "rooms")) < 0)
		return -1;
	rows = json_array();
	for (int kind = 0; kind < 2; kind++) {
		const char *list = kind == 0 ? "residents" : "hosted";

		json_array_foreach(json_object_get(doc, list), i, v)
			json_array_append_new(rows, json_pack("{s:s, s:s?, "
			    "s:s?, s:s?, s:s, s:s?}",
			    "kind", kind == 0 ? "resident" : "hosted",
			    "surname", jfield_str(v, "surname"),
			    "given_names", jfield_str(v, "given_names"),
			    "birth_date", jfield_str(v, "birth_date"),
			    "relation", jfield_str(v, "relation") ?
			    jfield_str(v, "relation") : "",
			    "codice_fiscale", jfield_str(v, "codice_fiscale")));
	}
	if (store_insert_json(st, STMT_PERSONS_INSERT_JSON, it->id, rows,
	    written(it, "persons")) < 0)
		return -1;
	rows = json_array();
	json_array_foreach(json_object_get(doc, "payments"), i, v)
		json_array_append_new(rows, json_pack("{s:s?, s:I, s:s?, "
		    "s:s?, s:s?}", "kind", jfield_str(v, "kind"),
		    "amount_cents", (json_int_t)jfield_int(v, "amount"),
		    "channel", jfield_str(v, "channel"),
		    "reference", jfield_str(v, "reference"),
		    "paid_on", jfield_str(v, "paid_on")));
	if (store_insert_json(st, STMT_PAYMENTS_INSERT_JSON, it->id, rows,
	    written(it, "payments")) < 0)
		return -1;
	{
		/* The whole checklist in one statement. */
		json_t	*vals = json_array();
		int	 n = 0, rc;

		for (const struct choice *c = intake_documents; c->value; c++) {
			json_array_append_new(vals, json_integer(it->id));
			json_array_append_new(vals, json_string(c->value));
			json_array_append_new(vals, json_integer(intake_has_string(
			    json_object_get(doc, "documents"), c->value)));
			n++;
		}
		if (n != 8)
			log_fatal("intake_write: the checklist has %d kinds, the "
			    "statement takes 8", n);
		rc = store_rows_into_json(st, written(it, "documents"),
		    STMT_DOCUMENTS_INSERT_8, vals);
		json_decref(vals);
		if (rc < 0)
			return -1;
	}
	/* The dwelling's eligibility, with the comune's rules of today. */
	if (rooms_assess(st, p, it->id, p->comune_id,
	    json_object_get(doc, "rooms"),
	    (int)json_array_size(json_object_get(doc, "residents")),
	    (int)json_array_size(json_object_get(doc, "hosted")), false,
	    written(it, "assessment")) < 0)
		return -1;
	/* Where the certificate will be collected, if not the office. */
	if (jfield_int(doc, "collection_point") > 0 ||
	    json_object_get(doc, "delegate") != NULL) {
		json_t *dl = json_object_get(doc, "delegate");

		if (store_rows_into(st, written(it, "collection"),
		    STMT_COLLECTION_UPSERT, "iIssss", it->id,
		    jfield_int(doc, "collection_point"),
		    dl ? jfield_str(dl, "name") : "",
		    dl ? jfield_str(dl, "doc_type") : "",
		    dl ? jfield_str(dl, "doc_number") : "", it->now) < 0)
			return -1;
	}
	if (store_rows_into(st, written(it, "events"), STMT_EVENT_INSERT,
	    "isssssssss", it->id, it->now,
	    it->today_s, p->actor, p->name, "submit", NULL,
	    wf_state_names[WF_SUBMITTED], it->channel, it->due) < 0)
		return -1;
	if (audit_add(st, p, p->comune_id, "case_create", "case", it->id,
	    it->channel) < 0)
		return -1;
	/* "Application received", in the same transaction (notify/). */
	if (notify_intake(st, it->id, p->comune_id, a, p->actor) < 0)
		return -1;
	/* The association's name, for an association's application. */
	if (it->assoc != 0 && store_rows_into(st, written(it, "association"),
	    STMT_ASSOC_GET, "i", it->assoc) < 0)
		return -1;
	return 0;
}

/* Compares two rows by the integer key arg names (rows_by). */
static int
row_cmp(const void *a, const void *b, void *arg)
{
	int64_t x = jfield_int(*(json_t *const *)a, arg);
	int64_t y = jfield_int(*(json_t *const *)b, arg);

	return (x > y) - (x < y);
}

/*
 * The rows in the order of an integer key, as the reads of a case list a
 * table's rows (SQLite gives RETURNING rows in no promised order); without
 * the key if drop.  The rows themselves move to the new array: an intake's
 * written rows serve once.
 */
static json_t *
rows_by(json_t *rows, const char *key, bool drop)
{
	size_t	 n = json_array_size(rows), i;
	json_t	**v = calloc(n + 1, sizeof(*v)), *out = json_array();

	if (v == NULL)
		log_fatal("intake_write: out of memory");
	for (i = 0; i < n; i++)
		v[i] = json_array_get(rows, i);
	qsort_r(v, n, sizeof(*v), row_cmp, (void *)key);
	for (i = 0; i < n; i++) {
		json_array_append(out, v[i]);
		if (drop)
			json_object_del(v[i], key);
	}
	free(v);
	return out;
}

/*
 * Turns the rows an intake wrote into the three reads build() takes, as
 * cases_load would read them: the case with its applicant and dwelling,
 * the child tables, the assessment.
 */
static void
intake_reads(struct intake *it)
{
	json_t	*c = json_copy(json_array_get(it->ids, 0));

	if (c == NULL)
		c = json_object();
	/* The insert gave the placeholder; the number came last. */
	json_object_set(c, "protocol_no", json_object_get(json_array_get(
	    written(it, "case"), 0), "protocol_no"));
	json_object_set_new(c, "comune_code", json_string(it->comune.code));
	json_object_set_new(c, "comune_name", json_string(it->comune.name));
	{
		json_t *n = json_object_get(json_array_get(written(it,
		    "association"), 0), "name");

		json_object_set_new(c, "association_name", n != NULL ?
		    json_incref(n) : json_null());
	}
	{
		/* Where it is collected: the office unless a row says. */
		static const char *const keys[] = {"collection_point",
		    "collection_point_name", "delegate_name",
		    "delegate_doc_type", "delegate_doc_number"};
		json_t *k = json_array_get(written(it, "collection"), 0);

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			json_object_set_new(c, keys[i], k != NULL ?
			    json_incref(json_object_get(k, keys[i])) :
			    json_null());
	}
	json_object_update(c, json_array_get(written(it, "applicant"), 0));
	json_object_update(c, json_array_get(written(it, "dwelling"), 0));
	it->reads.cases = json_pack("[o]", c);
	it->reads.children = json_pack("[{s:o, s:o, s:o, s:o, s:O}]",
	    "rooms", rows_by(written(it, "rooms"), "position", false),
	    "persons", rows_by(written(it, "persons"), "id", true),
	    "payments", rows_by(written(it, "payments"), "id", true),
	    "documents", rows_by(written(it, "documents"), "id", true),
	    "events", written(it, "events"));
	it->reads.assessment = json_incref(written(it, "assessment"));
}

/* Forgets what a failed write left in an intake. */
static void
intake_reset(struct intake *it)
{
	json_decref(it->ids);
	it->ids = NULL;
	json_decref(it->written);
	it->written = NULL;
	case_reads_free(&it->reads);
	it->id = 0;
}

/*
 * Writes an application in one transaction, sent as one batch: one round
 * trip on PostgreSQL.  BEGIN, the case row under an id reserved ahead
 * (store_next_id), every other row, the protocol number and COMMIT.  Each
 * insert gives back the row it wrote, and the answer is built from those:
 * no read after the write.
 *
 * The protocol number is taken last, just before the commit: the counter
 * row stays locked until the transaction ends, and every other intake of
 * the comune waits for it.  Until then the case holds a placeholder.
 */
static int
intake_write(struct store *st, struct intake *it)
{
	if (store_pipeline(st, true) < 0 ||
	    store_tx(st, STORE_BEGIN_WRITE) < 0 || intake_send(st, it) < 0 ||
	    store_exec(st, STMT_COUNTER_NEXT, "ids", it->p->comune_id,
	    it->year, "protocol") < 0 ||
	    store_rows_into(st, written(it, "case"), STMT_CASE_SET_PROTOCOL,
	    "i", it->id) < 0 || (it->then != NULL && (store_pipeline(st,
	    false) != 0 || it->then(st, it->id, it->then_arg) < 0)) ||
	    store_tx(st, STORE_COMMIT) < 0 || store_pipeline(st, false) != 0) {
		store_pipeline(st, false);
		store_tx(st, STORE_ROLLBACK);
		intake_reset(it);
		return -1;
	}
	if (jfield_int(json_array_get(written(it, "case"), 0), "protocol_no") <= 0)
		log_warn("intake_write: case %lld has no protocol number",
		    (long long)it->id);
	intake_reads(it);
	return 0;
}

/* The (comune, year) counter of an intake, to sort a group's by. */
static int
intake_counter_cmp(const void *a, const void *b)
{
	const struct intake *x = *(struct intake *const *)a;
	const struct intake *y = *(struct intake *const *)b;

	if (x->p->comune_id != y->p->comune_id)
		return x->p->comune_id < y->p->comune_id ? -1 : 1;
	return (x->year > y->year) - (x->year < y->year);
}

/*
 * Queues the protocol numbers of a group, first thing in its transaction:
 * each counter it uses moves on once by its count of the group's cases,
 * the counters taken in the order of (comune, year), so that two groups
 * written at once lock them in the same order.  Each case then takes its
 * counter's new value less how many cases of the same counter follow it
 * in the group: in g, the case insert's protocol parameter
 * (STMT_CASE_INSERT_PROTOCOL) becomes that count.  Numbers follow the
 * order of the group.
 */
static int
group_numbers(struct store *st, struct intake **its, int n,
    struct store_group *g)
{
	struct intake		*sorted[GROUPCOMMIT_MAX];
	struct store_ints	 comune = {0}, year = {0}, count = {0};
	struct store_ints	 later = {0};
	int			 rc, i, k;

	memcpy(sorted, its, n * sizeof(*its));
	qsort(sorted, n, sizeof(*sorted), intake_counter_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n &&
		    intake_counter_cmp(&sorted[i], &sorted[k]) == 0; k++)
			;
		store_ints_add(&comune, sorted[i]->p->comune_id);
		store_ints_add(&year, sorted[i]->year);
		store_ints_add(&count, k - i);
	}
	for (i = 0; i < n; i++) {
		int after = 0;

		for (k = i + 1; k < n; k++)
			after += intake_counter_cmp(&its[i], &its[k]) == 0;
		store_ints_add(&later, after);
	}
	store_group_replace(g, STMT_CASE_INSERT, STMT_CASE_INSERT_PROTOCOL,
	    &later);
	rc = store_exec(st, STMT_COUNTER_NEXT_GROUP, "aaa", &comune, &year,
	    &count) < 0 ? -1 : 0;
	store_ints_free(&comune);
	store_ints_free(&year);
	store_ints_free(&count);
	store_ints_free(&later);
	return rc;
}

/*
 * Writes a group of applications in one transaction, sent as one batch:
 * the protocol numbers first, then the rows each thread collected for its
 * application (intake.rows), joined and sent with one statement per table
 * (store_group).  The counters stay locked for the whole transaction,
 * which one writer per process makes cheap.  All are written or none;
 * after a failure the intakes are as they were, to be written again.
 */
static int
group_write(struct store *st, struct intake **its, int n)
{
	struct store_group	*g = store_group_new();
	int			 rc = -1;

	for (int i = 0; i < n; i++)
		store_group_merge(g, its[i]->rows);
	if (store_pipeline(st, true) < 0 ||
	    store_tx(st, STORE_BEGIN_WRITE) < 0 ||
	    group_numbers(st, its, n, g) < 0 ||
	    store_group_send(st, g) < 0 ||
	    store_tx(st, STORE_COMMIT) < 0 || store_pipeline(st, false) != 0) {
		store_pipeline(st, false);
		store_tx(st, STORE_ROLLBACK);
		goto out;
	}
	store_group_deliver(g);
	/* The case as inserted has its number: the plain way's last row. */
	for (int i = 0; i < n; i++) {
		json_t *c = json_array_get(its[i]->ids, 0);

		json_array_append_new(written(its[i], "case"), json_pack(
		    "{s:O?, s:O?}", "id", json_object_get(c, "id"),
		    "protocol_no", json_object_get(c, "protocol_no")));
	}
	rc = 0;
out:
	store_group_free(g);
	return rc;
}

/* Writes one application alone, running it again after a conflict. */
static int
intake_write_retried(struct store *st, struct intake *it)
{
	int	 tries = 0, rc;

	do
		rc = intake_write(st, it);
	while (rc < 0 && store_retryable(st) && ++tries < STORE_RETRIES);
	return rc;
}

/*
 * The group queue's write function: a group of one goes the plain way; a
 * group that conflicted with another runs again; a group that still fails
 * is written one application at a time, so that one application's fault
 * costs no other its place.
 */
static void
intake_group_write(struct groupcommit_item **items, int n, void *ctx)
{
	struct store	*st = ctx;
	struct intake	*its[GROUPCOMMIT_MAX];
	int64_t		 id;
	int		 tries = 0, rc = -1;

	for (int i = 0; i < n; i++)
		its[i] = (struct intake *)(void *)((char *)items[i] -
		    offsetof(struct intake, item));
	if (n > 1) {
		do
			rc = group_write(st, its, n);
		while (rc < 0 && store_retryable(st) &&
		    ++tries < STORE_RETRIES);
		if (rc < 0)
			log_warn("intake_write: a group of %d applications failed; "
			    "writing them one at a time", n);
	}
	for (int i = 0; i < n; i++) {
		if (rc == 0) {
			its[i]->rc = 0;
			continue;
		}
		/* The plain way sends the rows itself, under the same id. */
		id = its[i]->id;
		intake_reset(its[i]);
		its[i]->id = id;
		its[i]->rc = intake_write_retried(st, its[i]);
	}
}

static struct groupcommit intake_queue = GROUPCOMMIT_INIT(intake_group_write);

/*
 * Writes an application through the queue of group writes: its rows are
 * collected here, in the request's own thread, and a writer sends them
 * with those of the others waiting.
 */
static int
intake_write_grouped(struct store *st, struct intake *it)
{
	int	 rc;

	it->rows = store_group_new();
	store_group_collect(st, it->rows);
	rc = intake_send(st, it);
	store_group_collect(st, NULL);
	if (rc == 0) {
		groupcommit_submit(&intake_queue, &it->item, st);
		rc = it->rc;
	}
	/* The plain way, when it wrote it, built the reads itself. */
	if (rc == 0 && it->reads.cases == NULL) {
		if (jfield_int(json_array_get(written(it, "case"), 0),
		    "protocol_no") <= 0)
			log_warn("intake_write: case %lld has no protocol number",
			    (long long)it->id);
		intake_reads(it);
	}
	store_group_free(it->rows);
	it->rows = NULL;
	return rc;
}

/*
 * Lets up to writers threads write applications at once, each a group of
 * those that wait (PostgreSQL only).  0, as before any call, writes each
 * application at once in its own thread.  Call before serving.
 */
void
cases_set_group_writers(int writers)
{
	groupcommit_set_writers(&intake_queue, writers);
}

/* How many groups and applications the group writers have written. */
void
cases_group_stats(int64_t *groups, int64_t *items)
{
	groupcommit_stats(&intake_queue, groups, items);
}

/*
 * Registers an application.  The document is validated by intake_validate;
 * on success the case, applicant, dwelling, rooms, persons, payments,
 * documents, the first timeline row and the audit row are written in one
 * transaction, with the next protocol number of the comune and year; on
 * PostgreSQL under `serve`, in the transaction of a group write with the
 * other applications waiting (intake_write_grouped).  A transaction that
 * lost a conflict with another (PostgreSQL) is run again, up to
 * STORE_RETRIES times.  When out is not NULL it receives the new case as
 * cases_load would give it, built from the rows as they were written.
 */
enum svc_result
cases_create(struct store *st, const struct principal *p, const json_t *in,
    const char *channel, int64_t *id, json_t *errors, json_t **out)
{
	return cases_create_then(st, p, in, channel, NULL, NULL, id, errors,
	    out);
}

/*
 * As cases_create, and then (when not NULL) runs in the same transaction,
 * after the case's rows, with the new case's id; its failure (-1) undoes
 * the whole application.  Such an application is written on its own,
 * never in a group.
 */
enum svc_result
cases_create_then(struct store *st, const struct principal *p,
    const json_t *in, const char *channel,
    int (*then)(struct store *, int64_t, void *), void *arg, int64_t *id,
    json_t *errors, json_t **out)
{
	struct intake		 it;
	enum svc_result	 r;
	int			 rc;

	memset(&it, 0, sizeof(it));
	it.p = p;
	it.channel = channel;
	it.then = then;
	it.then_arg = arg;
	if ((r = intake_prepare(st, p, in, errors, &it)) == SVC_OK) {
		if (then == NULL && store_groups(st) &&
		    groupcommit_writers(&intake_queue) > 0)
			rc = intake_write_grouped(st, &it);
		else
			rc = intake_write_retried(st, &it);
		r = rc == 0 ? SVC_OK : SVC_ERROR;
	}
	if (r == SVC_OK) {
		*id = it.id;
		log_info("case=%lld created channel=%s", (long long)it.id,
		    channel);
		worker_wake();		/* its "application received" */
		/* The answer: the case as it was just written. */
		if (out != NULL && case_doc_build(st, p, &it.reads, out) != SVC_OK)
			*out = json_pack("{s:I}", "id", (json_int_t)it.id);
	}
	json_decref(it.doc);
	intake_reset(&it);
	return r;
}

