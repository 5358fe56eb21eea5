/*
 * cases: intake, access, queue and transitions.  See cases.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess.h"
#include "audit.h"
#include "auth.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "cases.h"
#include "domain/codice_fiscale.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/protocol_label.h"
#include "domain/search.h"
#include "domain/workflow.h"
#include "estate/cadastre.h"
#include "groupcommit.h"

static const char *
str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/*
 * Comuni change their rules rarely; each thread keeps them for a few seconds
 * instead of reading them at every request, one slot per comune id modulo
 * RULES_CACHE_SLOTS, so that an installation serving a province or a region
 * keeps every comune it serves at once.  The comune's code and name come
 * with them, for the answer to an intake (which may so show a name changed
 * in the last few seconds).
 */
#define RULES_CACHE_SECONDS	10
#define RULES_CACHE_SLOTS	256

struct comune_entry {
	int64_t			 comune_id;
	time_t			 until;
	struct deadline_rules	 rules;
	char			 code[16];
	char			 name[256];
};

static _Thread_local struct comune_entry rules_cache[RULES_CACHE_SLOTS];

/*
 * The thread's cached entry of a comune, read again when missing or old, or
 * always when the caller wants the comune row in *comune.  NULL on error.
 */
static const struct comune_entry *
comune_entry(struct store *st, int64_t comune_id, json_t **comune)
{
	struct comune_entry	*e;
	struct deadline_rules	*r;
	json_t			*c;
	time_t			 now = time(NULL);

	e = &rules_cache[(size_t)comune_id % RULES_CACHE_SLOTS];
	if (comune == NULL && e->comune_id == comune_id && e->until > now)
		return e;
	if (store_row(st, &c, STMT_COMUNE_GET, "i", comune_id) <= 0)
		return NULL;
	memset(e, 0, sizeof(*e));
	r = &e->rules;
	r->term_days = (int)num(c, "term_days");
	r->patron_month = (int)num(c, "patron_month");
	r->patron_day = (int)num(c, "patron_day");
	r->saturday_closed = num(c, "saturday_closed") != 0;
	if (deadline_rules_parse_risk(r, str(c, "risk_days")) < 0)
		log_warn("cases: comune %lld has bad risk_days",
		    (long long)comune_id);
	snprintf(e->code, sizeof(e->code), "%s", str(c, "code"));
	snprintf(e->name, sizeof(e->name), "%s", str(c, "name"));
	if (comune != NULL)
		*comune = c;
	else
		json_decref(c);
	e->comune_id = comune_id;
	e->until = now + RULES_CACHE_SECONDS;
	return e;
}

/*
 * Loads a comune's deadline rules (term, risk days, patron saint, Saturday
 * closure).  Stores the comune row in *comune if that is not NULL.
 */
int
cases_comune_rules(struct store *st, int64_t comune_id,
    struct deadline_rules *r, json_t **comune)
{
	const struct comune_entry *e = comune_entry(st, comune_id, comune);

	if (e == NULL)
		return -1;
	*r = e->rules;
	return 0;
}

/*
 * Inserts the rows of a JSON array with a *_INSERT_JSON statement; nothing is
 * sent for an empty array.  When into is not NULL it receives the rows as
 * written (in a batch, when the batch ends).
 */
static int
insert_json_rows(struct store *st, enum stmt stmt, int64_t id, json_t *rows,
    json_t *into)
{
	char	*text;
	int	 rc;

	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return 0;
	}
	text = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	rc = text == NULL ? -1 : store_rows_into(st, into, stmt, "is", id,
	    text);
	free(text);
	return rc < 0 ? -1 : 0;
}

/*
 * Writes a case's rooms, as intake_rooms normalised them, in order.  Runs
 * inside the caller's transaction; into as insert_json_rows.
 */
int
cases_insert_rooms(struct store *st, int64_t id, const json_t *rooms,
    json_t *into)
{
	struct buf	 fixtures;
	size_t		 i, k;
	json_t		*rows = json_array(), *v, *f;

	json_array_foreach(rooms, i, v) {
		buf_init(&fixtures);
		json_array_foreach(json_object_get(v, "fixtures"), k, f) {
			if (k > 0)
				buf_putc(&fixtures, ',');
			buf_puts(&fixtures, json_string_value(f));
		}
		json_array_append_new(rows, json_pack("{s:s?, s:s?, s:I, s:I, "
		    "s:I, s:s, s:i}", "name", str(v, "name"), "use", str(v, "use"),
		    "area", (json_int_t)num(v, "area"),
		    "height", (json_int_t)num(v, "height"),
		    "window_area", (json_int_t)num(v, "window"),
		    "fixtures", fixtures.data ? fixtures.data : "",
		    "extraction", json_is_true(json_object_get(v, "extraction"))));
		buf_free(&fixtures);
	}
	return insert_json_rows(st, STMT_ROOMS_INSERT_JSON, id, rows, into);
}

/*
 * The three reads a case document is built from: the case with applicant
 * and dwelling; its rooms, persons, payments, documents and timeline as
 * JSON arrays; its latest assessment.  Each is an array of rows.
 */
struct case_reads {
	json_t	*cases, *children, *assessment;
};

static void	 reads_free(struct case_reads *);
static enum cases_result build(struct store *, const struct principal *,
		    struct case_reads *, json_t **);

/* Staff of the office: the roles that handle every case of their comune. */
static bool
office_role(const struct principal *p)
{
	return p->role == ROLE_HEAD || p->role == ROLE_CLERK;
}

/*
 * An application on its way to the database: validated, with everything
 * computed that its rows need.
 */
struct intake {
	const struct principal	*p;
	const char		*channel;
	json_t			*doc;	/* as intake_validate normalised it */
	struct deadline_rules	 rules;
	char			 now[CLOCK_STRLEN], today_s[DATE_STRLEN];
	char			 due[DATE_STRLEN], tracking[AUTH_TOKEN_LEN + 1];
	char			 key[SEARCH_KEY_MAX];
	int			 year;
	int64_t			 assoc, unit_id;
	char			 comune_code[16], comune_name[256];
	struct groupcommit_item	 item;	/* in the queue of group writes */
	struct store_group	*rows;	/* its rows, collected for the group */
	int			 rc;	/* the group write's result */
	/* Set by intake_write. */
	int64_t			 id;
	json_t			*ids;	/* the case row, as inserted */
	json_t			*written; /* each table's rows, as written */
	struct case_reads	 reads;
};

/*
 * Validates an application for p and computes what its rows need.
 * Returns CASES_OK with it->doc set, or the reason it cannot be taken.
 */
static enum cases_result
intake_prepare(struct store *st, const struct principal *p, const json_t *in,
    json_t *errors, struct intake *it)
{
	struct deadline_state	 ds;
	json_t			*a;
	char			 name[256];
	int			 today = clock_today(), mo, dd;

	if (!office_role(p) && p->role != ROLE_ASSOCIATION)
		return CASES_FORBIDDEN;
	if (p->role == ROLE_ASSOCIATION)
		it->assoc = p->association_id;
	it->doc = intake_validate(in, today, p->role == ROLE_ASSOCIATION,
	    errors);
	if (it->doc == NULL)
		return CASES_INVALID;
	/* A unit picked from the cadastre must be one of this comune's. */
	{
		const char *u = str(json_object_get(it->doc, "dwelling"),
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
				return CASES_INVALID;
			}
			it->unit_id = json_integer_value(json_object_get(unit,
			    "id"));
			json_decref(unit);
		}
	}
	{
		const struct comune_entry *e = comune_entry(st, p->comune_id,
		    NULL);

		if (e == NULL)
			return CASES_ERROR;
		it->rules = e->rules;
		memcpy(it->comune_code, e->code, sizeof(it->comune_code));
		memcpy(it->comune_name, e->name, sizeof(it->comune_name));
	}
	clock_utc(clock_now(), it->now);
	date_format(today, it->today_s);
	date_to_ymd(today, &it->year, &mo, &dd);
	deadline_compute_totals(&it->rules, today, 0, -1, today, &ds);
	date_format(ds.due, it->due);
	/* A short code the citizen can quote when asking about the case. */
	auth_random_code(it->tracking, 10);
	a = json_object_get(it->doc, "applicant");
	snprintf(name, sizeof(name), "%s %s", str(a, "surname"),
	    str(a, "given_names"));
	search_key(name, it->key);
	return CASES_OK;
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
	    "s:[], s:[], s:[]}", "case", "applicant", "dwelling", "rooms",
	    "persons", "payments", "documents", "events", "assessment",
	    "association");
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
	    p->user_id, p->api_key_id, str(doc, "purpose"), str(doc, "title"),
	    json_is_true(json_object_get(doc, "consent")) ? it->now : NULL,
	    wf_state_names[WF_SUBMITTED], it->today_s, it->rules.term_days,
	    it->due, str(doc, "notes") ? str(doc, "notes") : "", it->now,
	    it->now, it->key) < 0)
		return -1;
	/* Without a reserved id (SQLite), the insert's answer gives it. */
	if (it->id == 0 && (store_pipeline(st, false) != 0 ||
	    (it->id = num(json_array_get(it->ids, 0), "id")) <= 0 ||
	    store_pipeline(st, true) < 0))
		return -1;
	if (store_rows_into(st, written(it, "applicant"), STMT_APPLICANT_INSERT,
	    "issssssssssssssssssbb",
	    it->id, str(a, "surname"), str(a, "given_names"), str(a, "sex"),
	    str(a, "birth_date"), str(a, "birth_place"), str(a, "birth_country"),
	    str(a, "citizenship"), str(a, "codice_fiscale"),
	    str(a, "cf_missing_reason"), str(a, "id_doc_type"),
	    str(a, "id_doc_number"), str(a, "id_doc_expiry"),
	    str(a, "permit_type"), str(a, "permit_number") ?
	    str(a, "permit_number") : "", str(a, "permit_expiry"),
	    str(a, "phone"), str(a, "email"), str(a, "language"),
	    json_is_true(json_object_get(a, "notify_sms")),
	    json_is_true(json_object_get(a, "notify_email"))) < 0)
		return -1;
#define OPT(k) (str(d, k) ? str(d, k) : "")
	if (store_rows_into(st, written(it, "dwelling"), STMT_DWELLING_INSERT,
	    "isssssssssssI", it->id,
	    str(d, "street"), str(d, "house_number"), OPT("interno"),
	    OPT("scala"), OPT("floor"), str(d, "cap"), OPT("sezione"),
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
			    "surname", str(v, "surname"),
			    "given_names", str(v, "given_names"),
			    "birth_date", str(v, "birth_date"),
			    "relation", str(v, "relation") ?
			    str(v, "relation") : "",
			    "codice_fiscale", str(v, "codice_fiscale")));
	}
	if (insert_json_rows(st, STMT_PERSONS_INSERT_JSON, it->id, rows,
	    written(it, "persons")) < 0)
		return -1;
	rows = json_array();
	json_array_foreach(json_object_get(doc, "payments"), i, v)
		json_array_append_new(rows, json_pack("{s:s?, s:I, s:s?, "
		    "s:s?, s:s?}", "kind", str(v, "kind"),
		    "amount_cents", (json_int_t)num(v, "amount"),
		    "channel", str(v, "channel"),
		    "reference", str(v, "reference"),
		    "paid_on", str(v, "paid_on")));
	if (insert_json_rows(st, STMT_PAYMENTS_INSERT_JSON, it->id, rows,
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
			log_fatal("cases: the checklist has %d kinds, the "
			    "statement takes 8", n);
		rc = store_rows_into_json(st, written(it, "documents"),
		    STMT_DOCUMENTS_INSERT_8, vals);
		json_decref(vals);
		if (rc < 0)
			return -1;
	}
	/* The dwelling's eligibility, with the comune's rules of today. */
	if (assess_case_rooms(st, p, it->id, p->comune_id,
	    json_object_get(doc, "rooms"),
	    (int)json_array_size(json_object_get(doc, "residents")),
	    (int)json_array_size(json_object_get(doc, "hosted")), false,
	    written(it, "assessment")) < 0)
		return -1;
	if (store_rows_into(st, written(it, "events"), STMT_EVENT_INSERT,
	    "isssssssss", it->id, it->now,
	    it->today_s, p->actor, p->name, "submit", NULL,
	    wf_state_names[WF_SUBMITTED], it->channel, it->due) < 0)
		return -1;
	if (audit_add(st, p, p->comune_id, "case_create", "case", it->id,
	    it->channel) < 0)
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
	int64_t x = num(*(json_t *const *)a, arg);
	int64_t y = num(*(json_t *const *)b, arg);

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
		log_fatal("cases: out of memory");
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
	json_object_set_new(c, "comune_code", json_string(it->comune_code));
	json_object_set_new(c, "comune_name", json_string(it->comune_name));
	{
		json_t *n = json_object_get(json_array_get(written(it,
		    "association"), 0), "name");

		json_object_set_new(c, "association_name", n != NULL ?
		    json_incref(n) : json_null());
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
	reads_free(&it->reads);
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
	    "i", it->id) < 0 ||
	    store_tx(st, STORE_COMMIT) < 0 || store_pipeline(st, false) != 0) {
		store_pipeline(st, false);
		store_tx(st, STORE_ROLLBACK);
		intake_reset(it);
		return -1;
	}
	if (num(json_array_get(written(it, "case"), 0), "protocol_no") <= 0)
		log_warn("cases: case %lld has no protocol number",
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
 * in the group: in g, the case insert's third parameter becomes that
 * count (STMT_CASE_INSERT_GROUP).  Numbers follow the order of the group.
 */
static int
group_numbers(struct store *st, struct intake **its, int n,
    struct store_group *g)
{
	struct intake		*sorted[GROUPCOMMIT_MAX];
	struct store_array	 comune = {0}, year = {0}, count = {0};
	struct store_array	 later = {0};
	int			 rc, i, k;

	memcpy(sorted, its, n * sizeof(*its));
	qsort(sorted, n, sizeof(*sorted), intake_counter_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n &&
		    intake_counter_cmp(&sorted[i], &sorted[k]) == 0; k++)
			;
		store_array_int(&comune, sorted[i]->p->comune_id);
		store_array_int(&year, sorted[i]->year);
		store_array_int(&count, k - i);
	}
	for (i = 0; i < n; i++) {
		int after = 0;

		for (k = i + 1; k < n; k++)
			after += intake_counter_cmp(&its[i], &its[k]) == 0;
		store_array_int(&later, after);
	}
	store_group_replace(g, STMT_CASE_INSERT, 2, &later);
	rc = store_exec(st, STMT_COUNTER_NEXT_GROUP, "sss",
	    store_array_end(&comune), store_array_end(&year),
	    store_array_end(&count)) < 0 ? -1 : 0;
	store_array_free(&comune);
	store_array_free(&year);
	store_array_free(&count);
	store_array_free(&later);
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
			log_warn("cases: a group of %d applications failed; "
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
		if (num(json_array_get(written(it, "case"), 0),
		    "protocol_no") <= 0)
			log_warn("cases: case %lld has no protocol number",
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
enum cases_result
cases_create(struct store *st, const struct principal *p, const json_t *in,
    const char *channel, int64_t *id, json_t *errors, json_t **out)
{
	struct intake		 it;
	enum cases_result	 r;
	int			 rc;

	memset(&it, 0, sizeof(it));
	it.p = p;
	it.channel = channel;
	if ((r = intake_prepare(st, p, in, errors, &it)) == CASES_OK) {
		if (store_groups(st) && groupcommit_writers(&intake_queue) > 0)
			rc = intake_write_grouped(st, &it);
		else
			rc = intake_write_retried(st, &it);
		r = rc == 0 ? CASES_OK : CASES_ERROR;
	}
	if (r == CASES_OK) {
		*id = it.id;
		log_info("case=%lld created channel=%s", (long long)it.id,
		    channel);
		/* The answer: the case as it was just written. */
		if (out != NULL && build(st, p, &it.reads, out) != CASES_OK)
			*out = json_pack("{s:I}", "id", (json_int_t)it.id);
	}
	json_decref(it.doc);
	intake_reset(&it);
	return r;
}

static const struct choice channels[] = {
	{"counter", N_("Sportello")},
	{"association", N_("Associazione")},
	{"online", N_("Online")},
	{"api", N_("Sistema esterno (API)")},
	{NULL, NULL},
};

/* The label of a value, or the value itself if the table lacks it. */
static const char *
label_or(const struct choice *c, const char *value)
{
	const char *l = value ? intake_label(c, value) : NULL;

	return l != NULL ? l : (value ? value : "");
}

/* Whether p may see case c at all: same comune, and for an association,
 * one of its own applications. */
static bool
may_see(const struct principal *p, const json_t *c)
{
	if (num(c, "comune_id") != p->comune_id)
		return false;
	if (office_role(p))
		return true;
	if (p->role == ROLE_ASSOCIATION)
		return num(c, "association_id") == p->association_id &&
		    p->association_id != 0;
	return false;
}

/* Adds the computed fields both the pages and the API show. */
static void
decorate(json_t *c, const struct deadline_rules *r, int today)
{
	struct deadline_state	 ds;
	char			 buf[DATE_STRLEN], it[DATE_STRLEN];
	char			 pl[PROTOCOL_LABEL_STRLEN];
	int			 start = 0, open = -1, st;
	const char		*state = str(c, "state");
	json_t			*dl = json_object();

	protocol_label(num(c, "protocol_year"), num(c, "protocol_no"), pl,
	    sizeof(pl));
	json_object_set_new(c, "protocol", json_string(pl));
	if (num(c, "certificate_no") > 0) {
		protocol_label(num(c, "certificate_year"),
		    num(c, "certificate_no"), pl, sizeof(pl));
		json_object_set_new(c, "certificate", json_string(pl));
	} else
		json_object_set_new(c, "certificate", json_null());
	st = wf_state_from_name(state);
	json_object_set_new(c, "state_label", json_string(st >= 0 ?
	    _(wf_state_labels[st]) : state));
	json_object_set_new(c, "purpose_label", json_string(_(label_or(
	    intake_purposes, str(c, "purpose")))));
	if (str(c, "title") != NULL)
		json_object_set_new(c, "title_label", json_string(_(label_or(
		    intake_titles, str(c, "title")))));
	if (str(c, "language") != NULL)
		json_object_set_new(c, "language_label", json_string(label_or(
		    intake_languages, str(c, "language"))));
	json_object_set_new(c, "channel_label", json_string(_(label_or(
	    channels, str(c, "channel")))));
	if (str(c, "birth_date") != NULL) {
		int bd;
		char bits[DATE_STRLEN];

		if (date_parse(str(c, "birth_date"), &bd)) {
			date_format_it(bd, bits);
			json_object_set_new(c, "birth_date_it", json_string(bits));
		}
	}
	date_parse(str(c, "received_on"), &start);
	if (str(c, "clock_stopped_on") != NULL)
		date_parse(str(c, "clock_stopped_on"), &open);
	date_parse(str(c, "due_on"), &ds.due);
	if (st >= 0 && (wf_state_final(st) || st == WF_APPROVED ||
	    st == WF_CERT_READY)) {
		json_object_set_new(dl, "risk", json_string("closed"));
		json_object_set_new(dl, "running", json_false());
	} else {
		struct deadline_rules rr = *r;

		rr.term_days = (int)num(c, "term_days");
		deadline_compute_totals(&rr, start, (int)num(c, "stopped_days"),
		    open, today, &ds);
		json_object_set_new(dl, "risk",
		    json_string(deadline_risk_names[ds.risk]));
		json_object_set_new(dl, "running", json_boolean(ds.running));
		json_object_set_new(dl, "elapsed_days", json_integer(ds.elapsed));
		json_object_set_new(dl, "days_left", json_integer(ds.days_left));
		json_object_set_new(dl, "at_risk", json_boolean(
		    ds.risk == DEADLINE_WARNING || ds.risk == DEADLINE_CRITICAL ||
		    ds.risk == DEADLINE_OVERDUE));
		{
			char flag[32];

			/* "risk_warning": true, for templates to style on. */
			snprintf(flag, sizeof(flag), "risk_%s",
			    deadline_risk_names[ds.risk]);
			json_object_set_new(dl, flag, json_true());
		}
	}
	date_format(ds.due, buf);
	date_format_it(ds.due, it);
	json_object_set_new(dl, "due_on", json_string(buf));
	json_object_set_new(dl, "due_on_it", json_string(it));
	json_object_set_new(dl, "term_days", json_integer(num(c, "term_days")));
	json_object_set_new(c, "deadline", dl);
}

static int
dump_cb(const char *p, size_t n, void *arg)
{
	buf_append(arg, p, n);
	return 0;
}

/* Formats the integer measures of a room for people: "16,00". */
static void
decorate_room(json_t *r)
{
	char	 b[DEC2_STRLEN];

	dec2_format(num(r, "area"), b, ',');
	json_object_set_new(r, "area_m2", json_string(b));
	dec2_format(num(r, "height"), b, ',');
	json_object_set_new(r, "height_m", json_string(b));
	dec2_format(num(r, "window"), b, ',');
	json_object_set_new(r, "window_m2", json_string(b));
	json_object_set_new(r, "use_label", json_string(_(label_or(
	    intake_room_uses, str(r, "use")))));
	{
		/* "wc,bidet" → "vaso, bidet" */
		struct buf	 fx;
		const char	*p = str(r, "fixtures");

		buf_init(&fx);
		while (p != NULL && *p != '\0') {
			size_t	 n = strcspn(p, ",");
			char	 one[16];

			snprintf(one, sizeof(one), "%.*s", (int)n, p);
			if (fx.len > 0)
				buf_puts(&fx, ", ");
			buf_puts(&fx, _(label_or(intake_fixtures, one)));
			p += n + (p[n] == ',');
		}
		json_object_set_new(r, "fixtures_label", json_string(
		    fx.data ? fx.data : ""));
		buf_free(&fx);
	}
}

/*
 * A child table's rows from the children read: JSON text as the database
 * aggregated it, or an array already (an intake's rows as written).
 */
static json_t *
child_rows(json_t *kids, const char *table)
{
	json_t	*v = json_object_get(kids, table);

	if (json_is_array(v))
		return json_incref(v);
	return json_loads(json_is_string(v) ? json_string_value(v) : "[]", 0,
	    NULL);
}

/*
 * Sends the three reads of case id.  Inside a batch (store_pipeline) they
 * are only queued, and their rows are there when the batch has ended well.
 */
static int
reads_send(struct store *st, int64_t id, struct case_reads *r)
{
	r->cases = json_array();
	r->children = json_array();
	r->assessment = json_array();
	if (store_rows_into(st, r->cases, STMT_CASE_GET, "i", id) < 0 ||
	    store_rows_into(st, r->children, STMT_CASE_CHILDREN, "iiiii", id,
	    id, id, id, id) < 0 ||
	    store_rows_into(st, r->assessment, STMT_ASSESSMENT_LATEST, "i",
	    id) < 0)
		return -1;
	return 0;
}

static void
reads_free(struct case_reads *r)
{
	json_decref(r->cases);
	json_decref(r->children);
	json_decref(r->assessment);
	memset(r, 0, sizeof(*r));
}

/*
 * Builds the whole case for p from its reads: the case with applicant and
 * dwelling, rooms, persons, payments, documents, timeline, deadline and the
 * actions p may take now.  Returns CASES_NOT_FOUND for a case p may not
 * see, so that nobody learns that another comune's case exists.
 */
static enum cases_result
build(struct store *st, const struct principal *p, struct case_reads *rd,
    json_t **out)
{
	struct deadline_rules	 rules;
	json_t			*c, *rows, *acts, *v, *kids;
	int			 state;
	size_t			 i;
	char			 b[DEC2_STRLEN];

	*out = NULL;
	if ((c = json_array_get(rd->cases, 0)) == NULL)
		return CASES_NOT_FOUND;
	json_incref(c);
	if (!may_see(p, c)) {
		json_decref(c);
		return CASES_NOT_FOUND;
	}
	if (cases_comune_rules(st, p->comune_id, &rules, NULL) < 0 ||
	    (kids = json_array_get(rd->children, 0)) == NULL) {
		json_decref(c);
		return CASES_ERROR;
	}
	decorate(c, &rules, clock_today());
#define CHILD(k) child_rows(kids, k)
	if ((rows = CHILD("rooms")) == NULL)
		goto err;
	json_array_foreach(rows, i, v)
		decorate_room(v);
	json_object_set_new(c, "rooms", rows);
	if ((rows = CHILD("persons")) == NULL)
		goto err;
	json_array_foreach(rows, i, v)
		json_object_set_new(v, "kind_label", json_string(strcmp(str(v,
		    "kind"), "resident") == 0 ? _("Residente") :
		    _("Da ospitare")));
	json_object_set_new(c, "persons", rows);
	if ((rows = CHILD("payments")) == NULL)
		goto err;
	json_array_foreach(rows, i, v) {
		dec2_format(num(v, "amount_cents"), b, ',');
		json_object_set_new(v, "amount_eur", json_string(b));
		json_object_set_new(v, "kind_label", json_string(_(label_or(
		    intake_payment_kinds, str(v, "kind")))));
		json_object_set_new(v, "channel_label", json_string(_(label_or(
		    intake_payment_channels, str(v, "channel")))));
	}
	json_object_set_new(c, "payments", rows);
	if ((rows = CHILD("documents")) == NULL)
		goto err;
	json_array_foreach(rows, i, v)
		json_object_set_new(v, "label", json_string(_(label_or(
		    intake_documents, str(v, "kind")))));
	json_object_set_new(c, "documents", rows);
	if ((rows = CHILD("events")) == NULL)
		goto err;
#undef CHILD
	json_array_foreach(rows, i, v) {
		int	 s = wf_state_from_name(str(v, "to_state"));
		int	 a = wf_action_from_name(str(v, "action"));
		char	 local[32];

		json_object_set_new(v, "to_label", json_string(s >= 0 ?
		    _(wf_state_labels[s]) : ""));
		json_object_set_new(v, "action_label", json_string(a >= 0 ?
		    _(wf_transitions[a].label) : strcmp(str(v, "action"),
		    "rooms_update") == 0 ? _("Stanze modificate") :
		    _("Domanda presentata")));
		clock_local_text(str(v, "at"), local, sizeof(local));
		json_object_set_new(v, "at_local", json_string(local));
	}
	json_object_set_new(c, "events", rows);

	if ((v = json_array_get(rd->assessment, 0)) != NULL) {
		json_t *lines = json_loads(str(v, "explanation"), 0, NULL);
		char a[DEC2_STRLEN];

		json_object_set_new(v, "explanation", lines ? lines :
		    json_array());
		json_object_set_new(v, "fits", json_boolean(num(v, "fits")));
		{
			char local[32];

			clock_local_text(str(v, "at"), local, sizeof(local));
			json_object_set_new(v, "at_local", json_string(local));
		}
		dec2_format(num(v, "habitable_area"), a, ',');
		json_object_set_new(v, "habitable_m2", json_string(a));
		dec2_format(num(v, "total_area"), a, ',');
		json_object_set_new(v, "total_m2", json_string(a));
		json_object_del(v, "case_id");
		json_object_set(c, "assessment", v);
	} else
		json_object_set_new(c, "assessment", json_null());

	acts = json_array();
	state = wf_state_from_name(str(c, "state"));
	for (int a = 0; state >= 0 && a < WF_ACTION__MAX; a++) {
		const struct wf_transition *t = &wf_transitions[a];
		enum wf_refusal r = wf_check(a, state, p->role, true,
		    num(c, "had_refusal_notice") != 0);

		if (r != WF_ALLOWED)
			continue;
		json_array_append_new(acts, json_pack("{s:s, s:s, s:b, s:b}",
		    "name", t->name, "label", _(t->label), "needs_reason",
		    t->needs_reason, "clock", t->clock == WF_CLOCK_STOP ||
		    t->clock == WF_CLOCK_RESTART));
	}
	json_object_set_new(c, "actions", acts);
	json_object_set_new(c, "can_assess", json_boolean(office_role(p)));
	*out = c;
	return CASES_OK;
err:
	json_decref(c);
	return CASES_ERROR;
}

/*
 * Loads a whole case for p (see build).  The reads run in one read
 * transaction, for a consistent snapshot, sent as one batch with its BEGIN
 * and COMMIT: one round trip on PostgreSQL.
 */
enum cases_result
cases_load(struct store *st, const struct principal *p, int64_t id,
    json_t **out)
{
	struct case_reads	 reads = {NULL, NULL, NULL};
	enum cases_result	 r = CASES_ERROR;
	int			 n = 0;

	*out = NULL;
	do {
		if (store_pipeline(st, true) == 0 &&
		    store_tx(st, STORE_BEGIN_READ) == 0 &&
		    reads_send(st, id, &reads) == 0 &&
		    store_tx(st, STORE_COMMIT) == 0 &&
		    store_pipeline(st, false) == 0) {
			r = build(st, p, &reads, out);
			reads_free(&reads);
			return r;
		}
		reads_free(&reads);
		store_pipeline(st, false);
		store_tx(st, STORE_ROLLBACK);
	} while (store_retryable(st) && ++n < STORE_RETRIES);
	return r;
}

/*
 * Adds the deadline and labels to listed cases (rows, consumed); NULL when
 * rows is NULL or the comune's rules cannot be read.
 */
static json_t *
decorate_rows(struct store *st, const struct principal *p, json_t *rows)
{
	struct deadline_rules	 rules;
	int			 today = clock_today();
	json_t			*v;
	size_t			 i;

	if (rows == NULL)
		return NULL;
	if (cases_comune_rules(st, p->comune_id, &rules, NULL) < 0) {
		json_decref(rows);
		return NULL;
	}
	json_array_foreach(rows, i, v)
		decorate(v, &rules, today);
	return rows;
}

static json_t *
list(struct store *st, const struct principal *p, const char *state,
    bool open_only, int limit, int offset)
{
	json_t	*rows;

	if (office_role(p) && state[0] != '\0')
		rows = store_rows(st, STMT_CASE_QUEUE, "isdd", p->comune_id,
		    state, limit, offset);
	else if (office_role(p))
		rows = store_rows(st, open_only ? STMT_CASE_QUEUE_OPEN :
		    STMT_CASE_QUEUE_ALL, "idd", p->comune_id, limit, offset);
	else if (p->role == ROLE_ASSOCIATION)
		rows = store_rows(st, STMT_CASE_LIST_ASSOC, "issdd",
		    p->association_id, state, state, limit, offset);
	else
		return NULL;
	return decorate_rows(st, p, rows);
}

/*
 * The work queue for p: for the office, the comune's cases by deadline,
 * open ones only if open_only; for an association, its own applications.
 * Returns NULL on error or for a role with no queue.
 */
json_t *
cases_list(struct store *st, const struct principal *p, const char *state,
    bool open_only, int limit, int offset)
{
	json_t	*rows;

	if (state == NULL)
		state = "";
	if (store_tx(st, STORE_BEGIN_READ) < 0)
		return NULL;
	rows = list(st, p, state, open_only, limit, offset);
	store_tx(st, STORE_COMMIT);
	return rows;
}

/*
 * Finds cases of p's comune (an association: its own) by what a clerk
 * types: the applicant's name or its beginning ("rossi", "Hu W"), a
 * codice fiscale, a tracking code, or a protocol or certificate number
 * ("2026/123": the cases with either).
 * Returns NULL on error.
 */
json_t *
cases_search(struct store *st, const struct principal *p, const char *q,
    int limit)
{
	char			 key[SEARCH_KEY_MAX], upper[SEARCH_KEY_MAX];
	char			 cf[CF_LEN + 1], code[16];
	int			 year = 0, no = 0;
	json_t			*rows;

	if (p->role != ROLE_HEAD && p->role != ROLE_CLERK &&
	    p->role != ROLE_ASSOCIATION)
		return NULL;
	search_key(q, key);
	if (search_upper_bound(key, upper) < 0) {
		/* Nothing searchable in q: no name matches. */
		key[0] = '\x01';
		key[1] = '\0';
		upper[0] = '\x01';
		upper[1] = '\0';
	}
	if (cf_validate(q, cf) != CF_OK)
		cf[0] = '\0';
	snprintf(code, sizeof(code), "%.15s", q);
	for (char *c = code; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	if (sscanf(q, "%d/%d", &year, &no) != 2)
		year = no = 0;
	rows = store_rows(st, STMT_CASE_SEARCH, "issisisiddiddiid",
	    p->comune_id, key, upper, p->comune_id, code, p->comune_id,
	    cf[0] ? cf : "-", p->comune_id, year, no, p->comune_id, year, no,
	    p->role == ROLE_ASSOCIATION ? p->association_id : 0,
	    p->association_id, limit);
	return decorate_rows(st, p, rows);
}

/*
 * Applies a transition.  reason is the motivation (required where the law
 * wants one); effective is the day the event happened (ISO or Italian
 * date), defaulting to today, which matters when the clock stops or
 * restarts: a clerk records on Monday documents that arrived on Friday.  It
 * may not be in the future nor before the last event.  The deadline is
 * recomputed and stored; the timeline and the audit log get a row each.
 */
static enum cases_result transition_once(struct store *,
    const struct principal *, int64_t, const char *, const char *,
    const char *, json_t *);

enum cases_result
cases_transition(struct store *st, const struct principal *p, int64_t id,
    const char *action, const char *reason, const char *effective,
    json_t *errors)
{
	enum cases_result	 r;
	int			 n = 0;

	do
		r = transition_once(st, p, id, action, reason, effective,
		    errors);
	while (r == CASES_ERROR && store_retryable(st) && ++n < STORE_RETRIES);
	return r;
}

static enum cases_result
transition_once(struct store *st, const struct principal *p, int64_t id,
    const char *action, const char *reason, const char *effective,
    json_t *errors)
{
	struct deadline_rules		 rules;
	struct deadline_state		 ds;
	const struct wf_transition	*t;
	json_t				*c = NULL, *last;
	int				 a, from, eff, today = clock_today();
	int				 start = 0, open = -1, stopped, lastday;
	enum wf_refusal			 r;
	enum cases_result		 res = CASES_ERROR;
	char				 now[CLOCK_STRLEN], effs[DATE_STRLEN];
	char				 due[DATE_STRLEN];
	const char			*stopped_on, *decided;
	bool				 notice;

	if (reason != NULL && strlen(reason) > 2000) {
		json_object_set_new(errors, "reason", json_string(
		    _("Motivazione: al massimo 2000 caratteri")));
		return CASES_INVALID;
	}
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if ((a = wf_action_from_name(action ? action : "")) < 0) {
		json_object_set_new(errors, "action", json_string(
		    _(wf_refusal_messages[WF_BAD_ACTION])));
		return CASES_INVALID;
	}
	t = &wf_transitions[a];
	eff = today;
	if (effective != NULL && *effective != '\0' &&
	    !date_parse(effective, &eff)) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: data non valida, scrivere GG/MM/AAAA")));
		return CASES_INVALID;
	}
	if (eff > today) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: non può essere nel futuro")));
		return CASES_INVALID;
	}

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return CASES_ERROR;
	if (store_row(st, &c, STMT_CASE_GET, "i", id) < 0)
		goto rollback;
	if (c == NULL || !may_see(p, c)) {
		res = CASES_NOT_FOUND;
		goto rollback;
	}
	from = wf_state_from_name(str(c, "state"));
	notice = num(c, "had_refusal_notice") != 0;
	r = wf_check(a, from, p->role, reason != NULL, notice);
	if (r != WF_ALLOWED) {
		json_object_set_new(errors, r == WF_NEEDS_REASON ? "reason" :
		    "action", json_string(_(wf_refusal_messages[r])));
		res = r == WF_FORBIDDEN_ROLE ? CASES_FORBIDDEN :
		    r == WF_NEEDS_REASON ? CASES_INVALID : CASES_CONFLICT;
		goto rollback;
	}
	/* An association acts only on its own applications (may_see). */

	if ((last = store_rows(st, STMT_CASE_EVENTS, "i", id)) == NULL)
		goto rollback;
	lastday = 0;
	date_parse(str(json_array_get(last, json_array_size(last) - 1),
	    "effective_on"), &lastday);
	json_decref(last);
	if (eff < lastday) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: non può precedere l'ultimo evento "
		    "della pratica")));
		res = CASES_INVALID;
		goto rollback;
	}

	if (cases_comune_rules(st, p->comune_id, &rules, NULL) < 0)
		goto rollback;
	rules.term_days = (int)num(c, "term_days");
	date_parse(str(c, "received_on"), &start);
	stopped = (int)num(c, "stopped_days");
	stopped_on = str(c, "clock_stopped_on");
	if (stopped_on != NULL)
		date_parse(stopped_on, &open);
	decided = str(c, "decided_on");
	date_format(eff, effs);

	switch (t->clock) {
	case WF_CLOCK_STOP:
		open = eff;
		break;
	case WF_CLOCK_RESTART:
		if (open >= 0)
			stopped += eff - open;
		open = -1;
		break;
	case WF_CLOCK_END:
		decided = effs;
		break;
	case WF_CLOCK_KEEP:
		break;
	}
	if (a == WF_NOTICE_REFUSAL)
		notice = true;
	deadline_compute_totals(&rules, start, stopped, open, eff, &ds);
	date_format(ds.due, due);
	if (t->clock == WF_CLOCK_END || t->clock == WF_CLOCK_KEEP)
		snprintf(due, sizeof(due), "%s", str(c, "due_on"));
	if (t->clock == WF_CLOCK_STOP) {
		/* While stopped the stored deadline stays the running one. */
		snprintf(due, sizeof(due), "%s", str(c, "due_on"));
	}
	{
		char os[DATE_STRLEN];

		if (open >= 0)
			date_format(open, os);
		clock_utc(clock_now(), now);
		if (store_exec(st, STMT_CASE_UPDATE_STATE, "sssdbssis",
		    wf_state_names[t->to], due, open >= 0 ? os : NULL, stopped,
		    notice, decided, now, id, str(c, "state")) != 1)
			goto rollback;
	}
	if (store_exec(st, STMT_EVENT_INSERT, "isssssssss", id, now, effs,
	    p->actor, p->name, t->name, str(c, "state"), wf_state_names[t->to],
	    reason ? reason : "", due) < 0)
		goto rollback;
	if (audit_add(st, p, p->comune_id, t->name, "case", id,
	    wf_state_names[t->to]) < 0)
		goto rollback;
	/*
	 * The certificate is issued: it takes the comune's next number for
	 * the year of the event, last before the commit (the counter row
	 * stays locked until then), as the protocol number does.
	 */
	if (t->to == WF_CERT_READY && num(c, "certificate_no") <= 0) {
		int	year, mo, dd;

		date_to_ymd(eff, &year, &mo, &dd);
		if (store_exec(st, STMT_COUNTER_NEXT, "ids",
		    num(c, "comune_id"), year, "certificate") < 0 ||
		    store_exec(st, STMT_CASE_SET_CERTIFICATE, "ddi", year, year,
		    id) != 1)
			goto rollback;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	log_info("case=%lld action=%s state=%s", (long long)id, t->name,
	    wf_state_names[t->to]);
	res = CASES_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(c);
	return res;
}

/*
 * The serialised case documents the API hands out, kept per thread and
 * checked against the case's version at every request, so a partner system
 * polling a case costs one small query instead of eight.  A document depends
 * on the case (id, version), on the day (the deadline fields) and on who
 * asks (the actions offered), so all of those are part of the key.
 */
#define DOC_CACHE_SLOTS	256

struct doc_entry {
	int64_t		 id, version, comune_id, association_id;
	int		 today;
	enum wf_role	 role;
	char		*json;
	size_t		 len;
};

static pthread_key_t	 doc_key;
static pthread_once_t	 doc_once = PTHREAD_ONCE_INIT;

static void
doc_cache_free(void *p)
{
	struct doc_entry *e = p;

	for (int i = 0; i < DOC_CACHE_SLOTS; i++)
		free(e[i].json);
	free(e);
}

static void
doc_key_make(void)
{
	pthread_key_create(&doc_key, doc_cache_free);
}

static struct doc_entry *
doc_slot(int64_t id)
{
	struct doc_entry	*t;

	pthread_once(&doc_once, doc_key_make);
	if ((t = pthread_getspecific(doc_key)) == NULL) {
		if ((t = calloc(DOC_CACHE_SLOTS, sizeof(*t))) == NULL)
			log_fatal("cases: out of memory");
		pthread_setspecific(doc_key, t);
	}
	return &t[(uint64_t)id % DOC_CACHE_SLOTS];
}

/*
 * Appends the JSON document of case id, as cases_load builds it, to out.
 * Returns CASES_OK, or the reason there is none.
 */
enum cases_result
cases_load_json(struct store *st, const struct principal *p, int64_t id,
    struct buf *out)
{
	struct doc_entry	*e = doc_slot(id);
	json_t			*v, *c;
	int64_t			 version;
	int			 today = clock_today(), rc;
	enum cases_result	 r;
	struct buf		 b;

	if ((rc = store_row(st, &v, STMT_CASE_VERSION, "i", id)) < 0)
		return CASES_ERROR;
	if (rc == 0)
		return CASES_NOT_FOUND;
	if (!may_see(p, v)) {
		json_decref(v);
		return CASES_NOT_FOUND;
	}
	version = num(v, "version");
	json_decref(v);
	if (e->json != NULL && e->id == id && e->version == version &&
	    e->today == today && e->role == p->role &&
	    e->comune_id == p->comune_id &&
	    e->association_id == p->association_id) {
		buf_append(out, e->json, e->len);
		return CASES_OK;
	}
	if ((r = cases_load(st, p, id, &c)) != CASES_OK)
		return r;
	buf_init(&b);
	if (json_dump_callback(c, dump_cb, &b, JSON_COMPACT) < 0) {
		json_decref(c);
		buf_free(&b);
		return CASES_ERROR;
	}
	buf_putc(&b, '\n');
	/* Keyed by the version the document was built from. */
	version = num(c, "version");
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
	return CASES_OK;
}
