/*
 * cli: `idoneo stats [--comune CODE] [--purpose P] --from DATE --to DATE
 * [--from-cases] [--json | --csv | --xlsx FILE | --pdf FILE]`, the office's
 * figures for scripts (docs/stats.md).  Without an option, one line a
 * figure, "name value", for a reader or grep; --csv prints the dashboard's
 * CSV.  --from-cases reads every figure from the cases, none from the
 * monthly totals, to check them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/date.h"
#include "service/comune_cache.h"
#include "stats.h"
#include "store/comuni.h"

static const char stats_usage[] =
    "usage: idoneo stats [--comune CODE] [--purpose PURPOSE] --from "
    "YYYY-MM-DD --to YYYY-MM-DD [--from-cases] [--json | --csv | --xlsx "
    "FILE | --pdf FILE]\n";

/* The report of the figures as a PDF file at path. */
static int
write_pdf(struct store *st, const json_t *f, int64_t comune_id,
    const char *path)
{
	struct comune_info	 c;
	struct buf		 b;
	FILE			*out;
	int			 rc = -1;

	buf_init(&b);
	if (stats_report_pdf(f, comune_id > 0 && comune_cache_get(st,
	    comune_id, &c) == 0 ? c.name : NULL, &b) == 0 &&
	    (out = fopen(path, "wb")) != NULL) {
		rc = fwrite(b.data, 1, b.len, out) == b.len ? 0 : -1;
		if (fclose(out) != 0)
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

/* argv[0] is "stats".  Returns the exit status. */
int
stats_cli(struct store *st, int argc, char **argv, FILE *out)
{
	const char	*from = NULL, *to = NULL, *code = NULL, *purpose = "";
	const char	*xlsx = NULL, *pdf = NULL;
	bool		 as_json = false, as_csv = false, from_cases = false;
	int64_t		 comune_id = 0;
	int		 day;
	json_t		*f;
	struct stats_query q;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			as_json = true;
		else if (strcmp(argv[i], "--csv") == 0)
			as_csv = true;
		else if (strcmp(argv[i], "--from-cases") == 0)
			from_cases = true;
		else if (i + 1 < argc && strcmp(argv[i], "--from") == 0)
			from = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--to") == 0)
			to = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--comune") == 0)
			code = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--purpose") == 0)
			purpose = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--xlsx") == 0)
			xlsx = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--pdf") == 0)
			pdf = argv[++i];
		else {
			fputs(stats_usage, stderr);
			return 2;
		}
	}
	if (from == NULL || to == NULL || !date_parse(from, &day) ||
	    !date_parse(to, &day) || (as_json + as_csv + (xlsx != NULL) +
	    (pdf != NULL)) > 1) {
		fputs(stats_usage, stderr);
		return 2;
	}
	if (code != NULL && (comune_id = comuni_id(st, code)) <= 0) {
		fprintf(stderr, "idoneo stats: unknown comune %s\n", code);
		return 2;
	}
	q = (struct stats_query){comune_id, from, to, purpose, 0, from_cases};
	if (stats_figures(st, &q, &f) < 0) {
		fprintf(stderr, "idoneo stats: the database cannot be read\n");
		return 1;
	}
	json_object_set_new(f, "comune", code ? json_string(code) :
	    json_null());
	/* Every comune's: the comuni side by side, as the administrator's
	 * dashboard shows them. */
	if (as_json && code == NULL)
		json_object_set_new(f, "comuni", stats_compare(st, &q));
	if (pdf != NULL) {
		if (write_pdf(st, f, comune_id, pdf) < 0) {
			fprintf(stderr, "idoneo stats: cannot write %s\n", pdf);
			json_decref(f);
			return 1;
		}
	} else if (xlsx != NULL) {
		if (stats_xlsx_file(f, xlsx) < 0) {
			fprintf(stderr, "idoneo stats: cannot write %s\n", xlsx);
			json_decref(f);
			return 1;
		}
	} else if (as_json) {
		json_dumpf(f, out, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', out);
	} else {
		struct buf	 b;

		buf_init(&b);
		stats_lines(&b, f, as_csv ? ';' : ' ');
		fwrite(b.data, 1, b.len, out);
		buf_free(&b);
	}
	json_decref(f);
	return 0;
}
