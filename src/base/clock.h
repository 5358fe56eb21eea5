/*
 * clock: the current time.  Stored times are UTC; calendar days (the legal
 * terms) are those of Europe/Rome, where every comune is.
 *
 * IDONEO_NOW=YYYY-MM-DDTHH:MM:SSZ fixes the clock, for tests and demos that
 * must show a case on a given day.  It is read once, at start.
 */
#ifndef IDONEO_CLOCK_H
#define IDONEO_CLOCK_H

#include <stddef.h>
#include <time.h>

#define CLOCK_STRLEN	21	/* "YYYY-MM-DDTHH:MM:SSZ" */

void	 clock_init(void);
time_t	 clock_now(void);
void	 clock_set(time_t);
void	 clock_utc(time_t, char out[CLOCK_STRLEN]);
int	 clock_today(void);
time_t	 clock_day_start(int day);
int	 clock_day_of(time_t);
void	 clock_local_text(const char *utc, char *out, size_t outsz);

#endif
