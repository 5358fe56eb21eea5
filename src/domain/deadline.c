/*
 * deadline: terms, stopped clocks and holidays.  See deadline.h.
 */
#include <stdlib.h>

#include "date.h"
#include "deadline.h"

const char *const deadline_risk_names[DEADLINE__MAX] = {
	"ok", "warning", "critical", "overdue", "paused",
};

/*
 * National public holidays: L. 260/1949 as amended by L. 54/1977, DPR
 * 792/1985 (6 January) and L. 336/2000 (2 June); 4 October (San Francesco
 * d'Assisi) again a national holiday from 2026 (L. 151/2025).  Easter
 * Monday follows Easter.  Sundays are always holidays.
 */
bool
deadline_is_holiday(const struct deadline_rules *r, int day)
{
	static const struct { int m, d; } fixed[] = {
		{1, 1}, {1, 6}, {4, 25}, {5, 1}, {6, 2}, {8, 15}, {11, 1},
		{12, 8}, {12, 25}, {12, 26},
	};
	int	 y, m, d, wd;

	wd = date_weekday(day);
	if (wd == 6 || (wd == 5 && r->saturday_closed))
		return true;
	date_to_ymd(day, &y, &m, &d);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i].m == m && fixed[i].d == d)
			return true;
	if (y >= 2026 && m == 10 && d == 4)
		return true;
	if (day == date_easter(y) + 1)
		return true;
	return r->patron_month == m && r->patron_day == d;
}

/* The first day on or after day that is not a holiday. */
int
deadline_next_working(const struct deadline_rules *r, int day)
{
	while (deadline_is_holiday(r, day))
		day++;
	return day;
}

/*
 * Computes where a case stands on day today from totals: the term starts on
 * start (the day the application was received, which is not counted: c.c.
 * art. 2963 c.2), closed stops add stopped days to the deadline, and a stop
 * still open since open_since (or -1) counts up to today, so the deadline
 * shown while the clock is stopped is the one that would hold if it
 * restarted today.
 */
void
deadline_compute_totals(const struct deadline_rules *r, int start,
    int stopped, int open_since, int today, struct deadline_state *st)
{
	int	 level;

	st->running = open_since < 0;
	if (!st->running && today > open_since)
		stopped += today - open_since;
	st->stopped = stopped;
	st->elapsed = today - start - stopped;
	if (st->elapsed < 0)
		st->elapsed = 0;
	st->due = deadline_next_working(r, start + r->term_days + stopped);
	st->days_left = st->due - today;
	if (!st->running) {
		st->risk = DEADLINE_PAUSED;
		return;
	}
	if (today > st->due) {
		st->risk = DEADLINE_OVERDUE;
		return;
	}
	level = 0;
	for (int i = 0; i < r->nrisk; i++)
		if (st->elapsed >= r->risk_days[i])
			level = i + 1;
	if (level == 0)
		st->risk = DEADLINE_OK;
	else if (level < r->nrisk)
		st->risk = DEADLINE_WARNING;
	else
		st->risk = DEADLINE_CRITICAL;
}

/*
 * The same from the list of stops, in order and not overlapping; only the
 * last may be open (to < 0).  Returns -1 if the list is not like that.
 */
int
deadline_compute(const struct deadline_rules *r, int start,
    const struct deadline_stop *stops, size_t n, int today,
    struct deadline_state *st)
{
	int	 stopped = 0, last = start, open_since = -1;

	for (size_t i = 0; i < n; i++) {
		if (stops[i].from < last)
			return -1;
		if (stops[i].to < 0) {
			if (i != n - 1)
				return -1;
			open_since = stops[i].from;
			break;
		}
		if (stops[i].to < stops[i].from)
			return -1;
		stopped += stops[i].to - stops[i].from;
		last = stops[i].to;
	}
	deadline_compute_totals(r, start, stopped, open_since, today, st);
	return 0;
}

/*
 * Reads the risk days from configuration text such as "10,13": at most
 * DEADLINE_MAX_RISK ascending positive numbers.  Returns -1 on anything else.
 */
int
deadline_rules_parse_risk(struct deadline_rules *r, const char *s)
{
	int	 n = 0, prev = 0;

	while (*s != '\0') {
		char	*end;
		long	 v = strtol(s, &end, 10);

		if (end == s || v <= prev || v > 3650 || n == DEADLINE_MAX_RISK)
			return -1;
		r->risk_days[n++] = (int)v;
		prev = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s != '\0')
			return -1;
	}
	r->nrisk = n;
	return 0;
}
