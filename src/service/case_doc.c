/*
 * case_doc: see case_doc.h.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "case_doc.h"
#include "comune_cache.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/protocol_label.h"
#include "domain/workflow.h"
#include "store/query.h"

/*
 * Sends the three reads of case id.  Inside a batch (store_pipeline) they
 * are only queued, and their rows are there when the batch has ended well.
 */
int
case_reads_send(struct store *st, int64_t id, struct case_reads *r)
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

void
case_reads_free(struct case_reads *r)
{
	json_decref(r->cases);
	json_decref(r->children);
	json_decref(r->assessment);
	memset(r, 0, sizeof(*r));
}

/* The deadline of case c as it stands on day today. */
static json_t *
deadline_doc(const json_t *c, const struct deadline_rules *r, int today)
{
	struct deadline_state	 ds;
	char			 iso[DATE_STRLEN], it[DATE_STRLEN];
	int			 start = 0, open = -1;
	json_t			*dl = json_object();

	memset(&ds, 0, sizeof(ds));
	date_parse(jfield_str(c, "received_on"), &start);
	if (jfield_str(c, "clock_stopped_on") != NULL)
		date_parse(jfield_str(c, "clock_stopped_on"), &open);
	date_parse(jfield_str(c, "due_on"), &ds.due);
	if (wf_state_decided(wf_state_from_name(jfield_str(c, "state")))) {
		json_object_set_new(dl, "risk", json_string("closed"));
		json_object_set_new(dl, "running", json_false());
	} else {
		struct deadline_rules rr = *r;

		rr.term_days = (int)jfield_int(c, "term_days");
		deadline_compute_totals(&rr, start, (int)jfield_int(c,
		    "stopped_days"), open, today, &ds);
		json_object_set_new(dl, "risk",
		    json_string(deadline_risk_names[ds.risk]));
		json_object_set_new(dl, "running", json_boolean(ds.running));
		json_object_set_new(dl, "elapsed_days", json_integer(ds.elapsed));
		json_object_set_new(dl, "days_left", json_integer(ds.days_left));
		json_object_set_new(dl, "at_risk", json_boolean(
		    ds.risk == DEADLINE_WARNING || ds.risk == DEADLINE_CRITICAL ||
		    ds.risk == DEADLINE_OVERDUE));
	}
	date_format(ds.due, iso);
	date_format_it(ds.due, it);
	json_object_set_new(dl, "due_on", json_string(iso));
	json_object_set_new(dl, "due_on_it", json_string(it));
	json_object_set_new(dl, "term_days", json_integer(jfield_int(c,
	    "term_days")));
	return dl;
}

/*
 * Adds what a case row means to its row: its protocol and certificate
 * numbers as people write them, its state's label and its deadline.  The
 * queue's rows and the whole case share it.
 */
void
case_doc_summary(json_t *c, const struct deadline_rules *r, int today)
{
	char	 pl[PROTOCOL_LABEL_STRLEN];
	int	 st = wf_state_from_name(jfield_str(c, "state"));

	protocol_label(jfield_int(c, "protocol_year"),
	    jfield_int(c, "protocol_no"), pl, sizeof(pl));
	json_object_set_new(c, "protocol", json_string(pl));
	if (jfield_int(c, "certificate_no") > 0) {
		protocol_label(jfield_int(c, "certificate_year"),
		    jfield_int(c, "certificate_no"), pl, sizeof(pl));
		json_object_set_new(c, "certificate", json_string(pl));
	} else
		json_object_set_new(c, "certificate", json_null());
	json_object_set_new(c, "state_label", json_string(st >= 0 ?
	    _(wf_state_labels[st]) : jfield_str(c, "state")));
	json_object_set_new(c, "deadline", deadline_doc(c, r, today));
}

/*
 * The summaries of listed cases (rows, consumed); NULL when rows is NULL or
 * the comune's rules cannot be read.
 */
json_t *
case_doc_summaries(struct store *st, const struct principal *p, json_t *rows)
{
	struct deadline_rules	 rules;
	int			 today = clock_today();
	json_t			*v;
	size_t			 i;

	if (rows == NULL)
		return NULL;
	if (comune_cache_rules(st, p->comune_id, &rules) < 0) {
		json_decref(rows);
		return NULL;
	}
	json_array_foreach(rows, i, v)
		case_doc_summary(v, &rules, today);
	return rows;
}

/*
 * A child table's rows from the children read: JSON text as the database
 * aggregated it, or an array already (an intake's rows as written).
 */
static json_t *
child_rows(const json_t *kids, const char *table)
{
	json_t	*v = json_object_get(kids, table);

	if (json_is_array(v))
		return json_incref(v);
	return json_loads(json_is_string(v) ? json_string_value(v) : "[]", 0,
	    NULL);
}

/* The latest assessment, with its explanation as an array of lines. */
static json_t *
assessment_doc(json_t *v)
{
	json_t	*lines;

	if (v == NULL)
		return json_null();
	lines = json_loads(jfield_str(v, "explanation"), 0, NULL);
	json_object_set_new(v, "explanation", lines ? lines : json_array());
	json_object_set_new(v, "fits", json_boolean(jfield_int(v, "fits")));
	json_object_del(v, "case_id");
	return json_incref(v);
}

/* The transitions p may take now on case c. */
static json_t *
actions_doc(const json_t *c, const struct principal *p)
{
	json_t	*acts = json_array();
	int	 state = wf_state_from_name(jfield_str(c, "state"));

	for (int a = 0; state >= 0 && a < WF_ACTION__MAX; a++) {
		const struct wf_transition *t = &wf_transitions[a];

		if (wf_check(a, state, p->role, true,
		    jfield_int(c, "had_refusal_notice") != 0) != WF_ALLOWED)
			continue;
		json_array_append_new(acts, json_pack("{s:s, s:s, s:b, s:b}",
		    "name", t->name, "label", _(t->label), "needs_reason",
		    t->needs_reason, "clock", t->clock == WF_CLOCK_STOP ||
		    t->clock == WF_CLOCK_RESTART));
	}
	return acts;
}

/*
 * Builds the whole case for p from its reads.  Returns SVC_NOT_FOUND for a
 * case p may not see, so that nobody learns that another comune's case
 * exists.
 */
enum svc_result
case_doc_build(struct store *st, const struct principal *p,
    const struct case_reads *rd, json_t **out)
{
	static const char *const tables[] = {
		"rooms", "persons", "payments", "documents", "events",
	};
	struct deadline_rules	 rules;
	json_t			*c, *kids, *rows;

	*out = NULL;
	if ((c = json_array_get(rd->cases, 0)) == NULL)
		return SVC_NOT_FOUND;
	if (!access_case(p, jfield_int(c, "comune_id"),
	    jfield_int(c, "association_id")))
		return SVC_NOT_FOUND;
	if (comune_cache_rules(st, p->comune_id, &rules) < 0 ||
	    (kids = json_array_get(rd->children, 0)) == NULL)
		return SVC_ERROR;
	/* The reads are the caller's to free: the document takes the row. */
	json_incref(c);
	case_doc_summary(c, &rules, clock_today());
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if ((rows = child_rows(kids, tables[i])) == NULL) {
			json_decref(c);
			return SVC_ERROR;
		}
		json_object_set_new(c, tables[i], rows);
	}
	json_object_set_new(c, "assessment", assessment_doc(json_array_get(
	    rd->assessment, 0)));
	json_object_set_new(c, "actions", actions_doc(c, p));
	*out = c;
	return SVC_OK;
}

/*
 * Loads a whole case for p (see case_doc_build).  The reads run in one read
 * transaction, which sees one snapshot of the database (REPEATABLE READ on
 * PostgreSQL, a read transaction on SQLite), sent as one batch with its
 * BEGIN and COMMIT: one round trip on PostgreSQL.
 */
enum svc_result
cases_load(struct store *st, const struct principal *p, int64_t id,
    json_t **out)
{
	struct case_reads	 reads = {NULL, NULL, NULL};
	enum svc_result		 r = SVC_ERROR;
	int			 n = 0;

	*out = NULL;
	do {
		if (store_pipeline(st, true) == 0 &&
		    store_tx(st, STORE_BEGIN_READ) == 0 &&
		    case_reads_send(st, id, &reads) == 0 &&
		    store_tx(st, STORE_COMMIT) == 0 &&
		    store_pipeline(st, false) == 0) {
			r = case_doc_build(st, p, &reads, out);
			case_reads_free(&reads);
			return r;
		}
		case_reads_free(&reads);
		store_pipeline(st, false);
		store_tx(st, STORE_ROLLBACK);
	} while (store_retryable(st) && ++n < STORE_RETRIES);
	return r;
}
