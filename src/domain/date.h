/*
 * date: calendar dates as whole days since 1970-01-01 (proleptic Gregorian).
 *
 * Procedure terms are counted in calendar days (L. 241/1990 art. 2; c.c. art.
 * 2963), so a plain day number is the right unit: adding a term is addition.
 * Pure functions, no time zone: the caller decides which day "today" is
 * (Europe/Rome, see base/clock.c).
 */
#ifndef IDONEO_DATE_H
#define IDONEO_DATE_H

#include <stdbool.h>

#define DATE_STRLEN	11	/* "YYYY-MM-DD" and its NUL */

bool	 date_from_ymd(int y, int m, int d, int *out);
void	 date_to_ymd(int day, int *y, int *m, int *d);
int	 date_add_months(int day, int months);
bool	 date_parse(const char *, int *out);
void	 date_format(int day, char out[DATE_STRLEN]);
void	 date_format_it(int day, char out[DATE_STRLEN]);

/* A day in a citizen's language: at most ten characters of 3 bytes each. */
#define DATE_LANG_STRLEN	32
void	 date_format_lang(int day, const char *lang,
	    char out[DATE_LANG_STRLEN]);
int	 date_weekday(int day);	/* 0 Monday … 6 Sunday */
int	 date_easter(int year);

#endif
