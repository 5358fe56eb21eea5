/*
 * stats: the office's numbers (docs/stats.md): volume, release times,
 * deadlines kept and who is served, for a comune or every comune and a
 * period.
 */
#ifndef IDONEO_STATS_H
#define IDONEO_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"

struct store;

/* What the figures are of: a comune (0: every comune), a period of ISO
 * days (both included), a purpose ("": every purpose); parts, the figures
 * wanted (0: all of them); from_cases: every figure read from the cases,
 * none from the monthly totals (tally.c). */
#define STATS_RECEIVED	1u	/* received and who by: a chart's share */
#define STATS_READY	2u	/* certificates and their days */
struct stats_query {
	int64_t		 comune_id;
	const char	*from, *to, *purpose;
	unsigned	 parts;
	bool		 from_cases;
};

/* tally.c: the changes to the monthly totals folded into them (0 or -1),
 * now or by the worker. */
int	 stats_fold(struct store *);
void	 stats_add_worker(void);

/* figures.c */
int	 stats_figures(struct store *, const struct stats_query *,
	    json_t **out);

/* compare.c: every comune's main figures, keyed by id. */
json_t	*stats_compare(struct store *, const struct stats_query *);

/* delivery.c: messages and handovers at points. */
int	 stats_messages(struct store *, const struct stats_query *,
	    json_t *out);
int	 stats_handovers(struct store *, const struct stats_query *,
	    json_t *out);

/* chart.c */
void	 stats_chart_bars(struct buf *, const char *title, const char *desc,
	    const char *const *labels, const double *values, size_t n,
	    int mark, const char *mark_label);
void	 stats_chart_line(struct buf *, const char *title, const char *desc,
	    const char *const *labels, const double *values, size_t n);

/* export.c */
void	 stats_walk(const json_t *figures, const char *prefix,
	    void (*)(const char *path, const json_t *value, void *),
	    void *arg);
void	 stats_lines(struct buf *, const json_t *figures, char sep);

/* xlsx.c */
int	 stats_xlsx_file(const json_t *figures, const char *path);
int	 stats_xlsx(const json_t *figures, struct buf *);

/* report.c */
int	 stats_report_pdf(const json_t *figures, const char *comune,
	    struct buf *);

/* cli.c, countries_fix.c */
int	 stats_cli(struct store *, int argc, char **argv, FILE *);
int	 stats_countries_cli(struct store *, int argc, char **argv, FILE *);

#endif
