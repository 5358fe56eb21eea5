/*
 * figures: the office's numbers for a comune (or every comune) and a
 * period (docs/stats.md): what was received, what ended, the certificates
 * made ready and the days they took, the cases still open, and who was
 * served.  Days are calendar days between the dates the timeline records
 * (its effective days, in the comune's time: Europe/Rome), so a case's
 * figures do not move with the hour of the night it was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/countries.h"
#include "domain/date.h"
#include "domain/deadline.h"
#include "domain/distribution.h"
#include "service/comune_cache.h"
#include "stats.h"
#include "tally.h"
#include "store/query.h"

/* Adds n to counts[key] (a JSON object of integers). */
static void
add(json_t *counts, const char *key, json_int_t n)
{
	json_t	*v = json_object_get(counts, key);

	json_object_set_new(counts, key, json_integer(json_integer_value(v) +
	    n));
}

static void
count(json_t *counts, const char *key)
{
	add(counts, key, 1);
}

static json_t *
share(size_t within, size_t of)
{
	return json_pack("{s:I, s:f}", "count", (json_int_t)within, "share",
	    of ? (double)within / (double)of : 0.0);
}

/*
 * What was received: by purpose, channel, association and origin.  A row
 * of the cases counts in each; a row of the totals (tally.c) counts in the
 * channel (with the purpose and the sum), the association, or the origin
 * (country 1) it is of.
 */
static int
received(struct store *st, const struct stats_query *q,
    json_t *out)
{
	json_t	*rows, *r, *purpose, *channel, *assoc, *country, *continent;
	json_t	*unmatched;
	size_t	 i, unknown = 0;
	json_int_t total = 0;
	char	 key[24];

	if ((rows = stats_rows(st, q, STMT_STATS_RECEIVED,
	    STMT_STATS_TALLY_RECEIVED, true)) == NULL)
		return -1;
	purpose = json_object();
	channel = json_object();
	assoc = json_object();
	country = json_object();
	continent = json_object();
	unmatched = json_object();
	for (int k = 0; k < CONTINENT__MAX; k++)
		json_object_set_new(continent, continent_names[k],
		    json_integer(0));
	json_array_foreach(rows, i, r) {
		const struct country	*c = country_by_code(jfield_text(r,
					    "citizenship_code"));
		json_int_t		 n = jfield_int(r, "n");

		if (jfield_str(r, "channel") != NULL) {
			add(purpose, jfield_text(r, "purpose"), n);
			add(channel, jfield_text(r, "channel"), n);
			total += n;
		}
		if (jfield_int(r, "association_id") != 0) {
			snprintf(key, sizeof(key), "%lld",
			    (long long)jfield_int(r, "association_id"));
			add(assoc, key, n);
		}
		if (jfield_int(r, "country") == 0)
			continue;
		if (c != NULL) {
			add(country, c->code, n);
			add(continent, continent_names[c->continent], n);
		} else {
			unknown += (size_t)n;
			add(unmatched, jfield_text(r, "unmatched"), n);
		}
	}
	json_object_set_new(out, "received", json_integer(total));
	json_object_set_new(out, "by_purpose", purpose);
	json_object_set_new(out, "by_channel", channel);
	json_object_set_new(out, "by_association", assoc);
	json_object_set_new(out, "by_country", country);
	json_object_set_new(out, "by_continent", continent);
	json_object_set_new(out, "citizenship_unknown", json_integer(
	    (json_int_t)unknown));
	/* What the list does not know, for a clerk to correct. */
	json_object_set_new(out, "citizenship_unmatched", unmatched);
	json_decref(rows);
	return 0;
}

/* The histogram of release days: one bar a day up to 60, then one. */
#define HISTOGRAM_BARS	62

/* The summary of the days tallied from rows' column key, n of each. */
static json_t *
summary_of(const json_t *rows, const char *key)
{
	struct tally		*t = calloc(json_array_size(rows) + 1,
				    sizeof(*t));
	struct distribution	 d;
	size_t			 i, k = 0;
	json_t			*r;

	if (t == NULL)
		return NULL;
	json_array_foreach(rows, i, r)
		if (json_is_integer(json_object_get(r, key))) {
			t[k].value = (int)jfield_int(r, key);
			t[k++].count = (size_t)jfield_int(r, "n");
		}
	distribution_of_tallies(t, k, &d);
	free(t);
	return json_pack("{s:I, s:f, s:i, s:i}", "count", (json_int_t)d.count,
	    "median", d.median, "p90", d.p90, "max", d.max);
}

/*
 * The certificates made ready, by month and place, and the days they
 * took: two grouped statements over the cases' milestones, so the work
 * in C follows the number of distinct days, not of certificates.
 */
static int
ready(struct store *st, const struct stats_query *q,
    json_t *out)
{
	json_t		*rows, *r, *months = json_object();
	json_t		*places = json_object(), *h = json_array();
	json_int_t	 n = 0, target = 0, legal = 0, bins[HISTOGRAM_BARS] = {0};
	size_t		 i;

	if ((rows = stats_rows(st, q, STMT_STATS_READY, STMT_STATS_TALLY_READY,
	    true)) == NULL)
		goto fail;
	json_array_foreach(rows, i, r) {
		add(months, jfield_text(r, "month"), jfield_int(r, "n"));
		/* The office, or the T-Serve point chosen for collection. */
		add(places, *jfield_text(r, "place") ? jfield_text(r, "place") :
		    "office", jfield_int(r, "n"));
	}
	json_decref(rows);
	/* A row of the totals holds the days, or the net days, or the days
	 * to delivery; a row of the cases holds all three. */
	if ((rows = stats_rows(st, q, STMT_STATS_READY_DAYS,
	    STMT_STATS_TALLY_READY_DAYS, true)) == NULL)
		goto fail;
	json_array_foreach(rows, i, r) {
		json_int_t	 k = jfield_int(r, "n");
		json_int_t	 d = jfield_int(r, "days");

		/* Suspensions and the ten days of a notice of refusal
		 * (L. 241/1990 artt. 2 c.7 and 10-bis) do not count. */
		target += jfield_int(r, "in_target") * k;
		legal += jfield_int(r, "in_legal") * k;
		if (!json_is_integer(json_object_get(r, "days")))
			continue;
		n += k;
		bins[d < 0 ? 0 : d > 60 ? 61 : d] += k;
	}
	for (int b = 0; b < HISTOGRAM_BARS; b++)
		json_array_append_new(h, json_integer(bins[b]));
	json_object_set_new(out, "by_collection_place", places);
	json_object_set_new(out, "certificates_issued", json_integer(n));
	json_object_set_new(out, "certificates_by_month", months);
	json_object_set_new(out, "release_days", summary_of(rows, "days"));
	json_object_set_new(out, "release_days_net", summary_of(rows, "net"));
	json_object_set_new(out, "delivery_days", summary_of(rows,
	    "delivered"));
	json_object_set_new(out, "within_target", share((size_t)target,
	    (size_t)n));
	json_object_set_new(out, "within_legal_term", share((size_t)legal,
	    (size_t)n));
	json_object_set_new(out, "release_histogram", h);
	json_decref(rows);
	return 0;
fail:
	json_decref(months);
	json_decref(places);
	json_decref(h);
	return -1;
}

/* The cases that ended without a certificate. */
static int
ended(struct store *st, const struct stats_query *q,
    json_t *out)
{
	json_t	*rows, *r;
	size_t	 i;

	if ((rows = store_rows(st, STMT_STATS_ENDED, "iissss",
	    q->comune_id, q->comune_id, q->from, q->to, q->purpose,
	    q->purpose)) == NULL)
		return -1;
	json_object_set_new(out, "rejected", json_integer(0));
	json_object_set_new(out, "withdrawn", json_integer(0));
	json_array_foreach(rows, i, r)
		json_object_set_new(out, jfield_text(r, "state"), json_integer(
		    jfield_int(r, "n")));
	json_decref(rows);
	return 0;
}

/* The steps each member of staff took in the period (their workload). */
static int
staff(struct store *st, const struct stats_query *q,
    json_t *out)
{
	json_t	*rows, *r, *by = json_object();
	size_t	 i;

	if ((rows = stats_rows(st, q, STMT_STATS_STAFF, STMT_STATS_TALLY_STAFF,
	    true)) == NULL) {
		json_decref(by);
		return -1;
	}
	json_array_foreach(rows, i, r)
		add(by, jfield_text(r, "actor_name"), jfield_int(r, "n"));
	json_object_set_new(out, "steps_by_staff", by);
	json_decref(rows);
	return 0;
}

/*
 * The cases open today: by state, by age (days since they were received),
 * at risk (past an alert day of their comune) and past their deadline.
 */
static int
backlog(struct store *st, const struct stats_query *q, int today, json_t *out)
{
	static const struct { const char *name; int upto; } ages[] = {
		{"0-7", 7}, {"8-15", 15}, {"16-30", 30}, {"31+", 1 << 30},
	};
	json_t	*rows, *r, *states = json_object(), *age = json_object();
	size_t	 i, risk = 0, overdue = 0;

	if ((rows = store_rows(st, STMT_STATS_OPEN, "iiss", q->comune_id,
	    q->comune_id, q->purpose, q->purpose)) == NULL)
		return -1;
	for (size_t k = 0; k < 4; k++)
		json_object_set_new(age, ages[k].name, json_integer(0));
	json_array_foreach(rows, i, r) {
		struct deadline_rules	 rules;
		struct deadline_state	 ds;
		int			 start = today, open = -1;

		count(states, jfield_text(r, "state"));
		date_parse(jfield_text(r, "received_on"), &start);
		for (size_t k = 0; k < 4; k++)
			if (today - start <= ages[k].upto) {
				count(age, ages[k].name);
				break;
			}
		if (comune_cache_rules(st, jfield_int(r, "comune_id"),
		    &rules) < 0)
			continue;
		rules.term_days = (int)jfield_int(r, "term_days");
		if (jfield_str(r, "clock_stopped_on") != NULL)
			date_parse(jfield_str(r, "clock_stopped_on"), &open);
		deadline_compute_totals(&rules, start, (int)jfield_int(r,
		    "stopped_days"), open, today, &ds);
		overdue += ds.risk == DEADLINE_OVERDUE;
		risk += ds.risk == DEADLINE_WARNING ||
		    ds.risk == DEADLINE_CRITICAL;
	}
	json_object_set_new(out, "backlog", json_pack("{s:I, s:o, s:o, s:I, "
	    "s:I}", "open", (json_int_t)json_array_size(rows), "by_state",
	    states, "by_age", age, "at_risk", (json_int_t)risk, "overdue",
	    (json_int_t)overdue));
	json_decref(rows);
	return 0;
}

/*
 * The figures of the query's comune, period and purpose, with the backlog
 * as it stands today.  Returns 0 with *out set, or -1.
 */
int
stats_figures(struct store *st, const struct stats_query *q, json_t **out)
{
	json_t	*o = json_object();
	char	 today_s[DATE_STRLEN];
	int	 today = clock_today();

	date_format(today, today_s);
	json_object_set_new(o, "from", json_string(q->from));
	json_object_set_new(o, "to", json_string(q->to));
	json_object_set_new(o, "today", json_string(today_s));
	json_object_set_new(o, "purpose", *q->purpose ? json_string(
	    q->purpose) : json_null());
	/* The comune's own target (the office's term: Prato's 15 days). */
	if (q->comune_id > 0) {
		struct deadline_rules rules;

		if (comune_cache_rules(st, q->comune_id, &rules) == 0)
			json_object_set_new(o, "target_days",
			    json_integer(rules.term_days));
	}
	unsigned parts = q->parts ? q->parts : ~0u;
	bool	 all = q->parts == 0;

	/* A whole page's figures fold the totals' changes first (a chart
	 * reads them with the totals as they are); a head's figures do not
	 * read the totals, but fold them too, so that they stay few. */
	if (all && !q->from_cases)
		stats_fold(st);
	/* A chart asks only for its part: it is drawn once per page. */
	if (((parts & STATS_RECEIVED) && received(st, q, o) < 0) ||
	    ((parts & STATS_READY) && ready(st, q, o) < 0) || (all &&
	    (ended(st, q, o) < 0 || backlog(st, q, today, o) < 0 ||
	    staff(st, q, o) < 0 || stats_messages(st, q, o) < 0 ||
	    stats_handovers(st, q, o) < 0))) {
		json_decref(o);
		*out = NULL;
		return -1;
	}
	*out = o;
	return 0;
}
