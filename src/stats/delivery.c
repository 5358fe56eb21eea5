/*
 * delivery: what reached the applicants (docs/stats.md): the messages
 * written in the period, sent, delivered and failed by channel and
 * language, the fallbacks and the SMS billed; and the certificates handed
 * over at each T-Serve point, with the days from ready to collected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/date.h"
#include "domain/distribution.h"
#include "stats.h"
#include "store/query.h"
#include "tally.h"

static void
add(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(json_integer_value(
	    json_object_get(o, key)) + n));
}

/*
 * The period as UTC instants (the messages' and pickups' times are UTC):
 * from Rome's midnight that begins from to the one that ends to, so a
 * message written at half past midnight in Rome is that day's, also on
 * the days the clocks change.
 */
static void
bounds(const struct stats_query *q, char start[CLOCK_STRLEN],
    char end[CLOCK_STRLEN])
{
	int	 a = 0, b = 0;

	date_parse(q->from, &a);
	date_parse(q->to, &b);
	clock_utc(clock_day_start(a), start);
	clock_utc(clock_day_start(b + 1), end);
}

int
stats_messages(struct store *st, const struct stats_query *q, json_t *out)
{
	json_t		*rows, *r, *by = json_object(), *lang = json_object();
	json_int_t	 fallbacks = 0, segments = 0;
	char		 start[CLOCK_STRLEN], end[CLOCK_STRLEN];
	size_t		 i;

	bounds(q, start, end);
	if ((rows = store_rows(st, STMT_STATS_MESSAGES, "iissss", q->comune_id,
	    q->comune_id, start, end, q->purpose, q->purpose)) == NULL) {
		json_decref(by);
		json_decref(lang);
		return -1;
	}
	json_array_foreach(rows, i, r) {
		const char	*status = jfield_text(r, "status");
		const char	*ch = jfield_text(r, "channel");
		bool		 sent = strcmp(status, "sent") == 0 ||
				    strcmp(status, "delivered") == 0;
		bool		 failed = strcmp(status, "permanent-failure") ==
				    0 || strcmp(status, "expired") == 0;
		json_t		*c = json_object_get(by, ch);

		if (c == NULL) {
			c = json_pack("{s:i, s:i, s:i, s:i}", "written", 0,
			    "sent", 0, "delivered", 0, "failed", 0);
			json_object_set_new(by, ch, c);
		}
		add(c, "written", 1);
		add(c, "sent", sent);
		add(c, "delivered", strcmp(status, "delivered") == 0);
		add(c, "failed", failed);
		add(lang, jfield_text(r, "language"), 1);
		fallbacks += jfield_int(r, "fallback") != 0;
		if (strcmp(ch, "sms") == 0)
			segments += jfield_int(r, "segments");
	}
	json_object_set_new(out, "messages", json_pack("{s:o, s:o, s:I, s:I}",
	    "by_channel", by, "by_language", lang, "fallbacks", fallbacks,
	    "sms_segments", segments));
	json_decref(rows);
	return 0;
}

/*
 * The certificates handed over at each point in the period, and the days
 * from the code given to the handover, in Rome's days (migration 0026).
 * A row of the cases holds both; a row of the totals (tally.c) one.
 */
int
stats_handovers(struct store *st, const struct stats_query *q, json_t *out)
{
	json_t		*rows, *r, *per = json_object();
	struct tally	*t;
	size_t		 i, k = 0;
	struct distribution d;

	if ((rows = stats_rows(st, q, STMT_STATS_HANDOVERS,
	    STMT_STATS_TALLY_HANDOVERS, true)) == NULL) {
		json_decref(per);
		return -1;
	}
	if ((t = calloc(json_array_size(rows) + 1, sizeof(*t))) == NULL) {
		json_decref(rows);
		json_decref(per);
		return -1;
	}
	json_array_foreach(rows, i, r) {
		json_int_t	 n = jfield_int(r, "n");

		if (jfield_str(r, "name") != NULL)
			add(per, jfield_text(r, "name"), n);
		if (json_is_integer(json_object_get(r, "days")) &&
		    jfield_int(r, "days") >= 0) {
			t[k].value = (int)jfield_int(r, "days");
			t[k++].count = (size_t)n;
		}
	}
	distribution_of_tallies(t, k, &d);
	json_object_set_new(out, "points", json_pack("{s:o, s:{s:I, s:f, s:i, "
	    "s:i}}", "handed_over", per, "days_to_collect", "count",
	    (json_int_t)d.count, "median", d.median, "p90", d.p90, "max",
	    d.max));
	free(t);
	json_decref(rows);
	return 0;
}
