/*
 * clock: UTC instants and Europe/Rome days.  See clock.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"

static time_t	 fixed_now = -1;
static time_t	 fixed_at;

void
clock_init(void)
{
	const char	*s = getenv("IDONEO_NOW");
	struct tm	 tm;

	setenv("TZ", "Europe/Rome", 1);
	tzset();
	fixed_now = -1;
	if (s == NULL || *s == '\0')
		return;
	memset(&tm, 0, sizeof(tm));
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		log_fatal("clock: IDONEO_NOW must look like 2026-11-27T10:00:00Z");
	fixed_now = timegm(&tm);
	fixed_at = time(NULL);
	log_info("clock: fixed by IDONEO_NOW");
}

/*
 * Sets the clock to t, running on from there: the demo's history writes
 * each step on its own day.  clock_init puts it back.
 */
void
clock_set(time_t t)
{
	fixed_now = t;
	fixed_at = time(NULL);
}

/* The current instant; with IDONEO_NOW it runs on from the fixed one. */
time_t
clock_now(void)
{
	if (fixed_now >= 0)
		return fixed_now + (time(NULL) - fixed_at);
	return time(NULL);
}

void
clock_utc(time_t t, char out[CLOCK_STRLEN])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, CLOCK_STRLEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * The calendar day of instant t in Europe/Rome, as a day number: days since
 * 1 January 1970, the numbering of domain/date.h.
 */
int
clock_day_of(time_t t)
{
	struct tm	 tm, midnight;

	localtime_r(&t, &tm);
	memset(&midnight, 0, sizeof(midnight));
	midnight.tm_year = tm.tm_year;
	midnight.tm_mon = tm.tm_mon;
	midnight.tm_mday = tm.tm_mday;
	return (int)(timegm(&midnight) / 86400);
}

/*
 * The instant Rome's day number day begins (its local midnight: 23:00 UTC
 * the evening before in winter, 22:00 in summer; the days the clocks move
 * are 23 and 25 hours long).
 */
time_t
clock_day_start(int day)
{
	time_t		 t = (time_t)day * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int
clock_today(void)
{
	return clock_day_of(clock_now());
}

/*
 * Rewrites a stored UTC time "2026-11-02T09:00:00Z" as Rome's local time for
 * people: "02/11/2026 10:00".  Leaves anything else as it is.
 */
void
clock_local_text(const char *utc, char *out, size_t outsz)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL) {
		snprintf(out, outsz, "%s", utc ? utc : "");
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(out, outsz, "%d/%m/%Y %H:%M", &tm);
}
