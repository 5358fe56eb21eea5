/*
 * deadline: the legal term of a case as a first-class value.
 *
 * A case has a term in calendar days from the day its application was
 * received (L. 241/1990 art. 2 c.2-6).  The clock stops while the case waits
 * for the applicant (art. 2 c.7, documents missing) or after a notice of
 * refusal (art. 10-bis), and the deadline moves by the days it stood still.
 * A deadline that falls on a holiday moves to the next working day (c.c. art.
 * 2963 c.3; art. 155 c.p.c. c.4).
 */
#ifndef IDONEO_DEADLINE_H
#define IDONEO_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#define DEADLINE_MAX_RISK	4

struct deadline_rules {
	int	 term_days;		/* e.g. 15 (Prato's target) or 30 */
	int	 risk_days[DEADLINE_MAX_RISK];	/* ascending elapsed days */
	int	 nrisk;
	int	 patron_month;		/* the comune's patron saint, 0 if none */
	int	 patron_day;
	bool	 saturday_closed;	/* the office does not work on Saturdays */
};

/* A stretch during which the clock stood still: [from, to), to < 0 if open. */
struct deadline_stop {
	int	 from;
	int	 to;
};

enum deadline_risk {
	DEADLINE_OK,		/* inside the term, no flag */
	DEADLINE_WARNING,	/* reached the first risk day */
	DEADLINE_CRITICAL,	/* reached the last risk day */
	DEADLINE_OVERDUE,	/* the deadline has passed */
	DEADLINE_PAUSED,	/* the clock is stopped */
	DEADLINE__MAX
};

extern const char *const deadline_risk_names[DEADLINE__MAX];

struct deadline_state {
	bool			 running;	/* false while stopped */
	int			 elapsed;	/* days counted so far */
	int			 stopped;	/* days the clock stood still */
	int			 due;		/* day number of the deadline */
	int			 days_left;	/* due - today, may be negative */
	enum deadline_risk	 risk;
};

bool	 deadline_is_holiday(const struct deadline_rules *, int day);
int	 deadline_next_working(const struct deadline_rules *, int day);
void	 deadline_compute_totals(const struct deadline_rules *, int start,
	    int stopped, int open_since, int today, struct deadline_state *);
int	 deadline_compute(const struct deadline_rules *, int start,
	    const struct deadline_stop *, size_t nstops, int today,
	    struct deadline_state *);
int	 deadline_rules_parse_risk(struct deadline_rules *, const char *);

#endif
