/*
 * date: day numbers for calendar arithmetic.  See date.h.
 *
 * The conversions are the well-known "days from civil" algorithm on 400-year
 * eras of 146097 days; Easter uses the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher).
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "numerals.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/*
 * Stores in *out the day number of y-m-d.  Returns false, leaving *out alone,
 * when the date does not exist (31 April, 29 February 2023) or lies outside
 * the years 1800-9999, which no certificate needs.
 */
bool
date_from_ymd(int y, int m, int d, int *out)
{
	int	 era, yoe, doy, doe, mp;

	if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return false;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	mp = (m + 9) % 12;
	doy = (153 * mp + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return true;
}

void
date_to_ymd(int day, int *y, int *m, int *d)
{
	int	 z, era, doe, yoe, doy, mp;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * The same day of the month, months later: a validity of 12 months from
 * 5 December ends on 5 December.  The 31st of a shorter month becomes its
 * last day (29 February only in a leap year).
 */
int
date_add_months(int day, int months)
{
	int	 y, m, d, out = day;

	date_to_ymd(day, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	while (!date_from_ymd(y, m, d, &out) && d > 28)
		d--;
	return out;
}

/* Reads exactly n decimal digits from s. */
static bool
digits(const char *s, int n, int *out)
{
	int	 v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * Parses a date written as ISO 8601 "YYYY-MM-DD" (HTML date inputs, the API)
 * or the Italian "DD/MM/YYYY" that clerks type.  Nothing may follow it.
 */
bool
date_parse(const char *s, int *out)
{
	int	 y, m, d;

	if (s == NULL)
		return false;
	if (strlen(s) != 10)
		return false;
	if (s[4] == '-' && s[7] == '-') {
		if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
		    !digits(s + 8, 2, &d))
			return false;
	} else if (s[2] == '/' && s[5] == '/') {
		if (!digits(s, 2, &d) || !digits(s + 3, 2, &m) ||
		    !digits(s + 6, 4, &y))
			return false;
	} else
		return false;
	return date_from_ymd(y, m, d, out);
}

void
date_format(int day, char out[DATE_STRLEN])
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, DATE_STRLEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/* The form Italian readers expect: 05/01/2027. */
void
date_format_it(int day, char out[DATE_STRLEN])
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, DATE_STRLEN, "%02u/%02u/%04u", (unsigned)d % 100u,
	    (unsigned)m % 100u, (unsigned)y % 10000u);
}

/*
 * A day as a reader of lang writes it (the citizen's pages): 12/11/2026 in
 * Italian, English, French and Urdu; 12.11.2026 in Romanian and Albanian;
 * 2026年11月12日 in Chinese; with Arabic-Indic digits in Arabic
 * (١٢/١١/٢٠٢٦) and Bengali digits in Bengali (১২/১১/২০২৬).  out takes
 * DATE_LANG_STRLEN bytes.
 */
void
date_format_lang(int day, const char *lang, char out[DATE_LANG_STRLEN])
{
	const char	*sep = lang != NULL && (strcmp(lang, "ro") == 0 ||
			    strcmp(lang, "sq") == 0) ? "." : "/";
	char		 ascii[DATE_STRLEN];
	int		 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (lang != NULL && strcmp(lang, "zh") == 0) {
		snprintf(out, DATE_LANG_STRLEN, "%04u年%u月%u日",
		    (unsigned)y % 10000u, (unsigned)m % 100u,
		    (unsigned)d % 100u);
		return;
	}
	snprintf(ascii, sizeof(ascii), "%02u%s%02u%s%04u", (unsigned)d % 100u,
	    sep, (unsigned)m % 100u, sep, (unsigned)y % 10000u);
	numerals_local(lang, ascii, out, DATE_LANG_STRLEN);
}

/* 1970-01-01 was a Thursday (3 when Monday is 0). */
int
date_weekday(int day)
{
	int	 w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

/* Easter Sunday of the given Gregorian year, as a day number. */
int
date_easter(int year)
{
	int	 a, b, c, d, e, f, g, h, i, k, l, m, month, dom, out = 0;

	a = year % 19;
	b = year / 100;
	c = year % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - d - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	month = (h + l - 7 * m + 114) / 31;
	dom = (h + l - 7 * m + 114) % 31 + 1;
	date_from_ymd(year, month, dom, &out);
	return out;
}
