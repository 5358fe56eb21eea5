/*
 * xlsx: the figures as a workbook for the office's spreadsheets
 * (libxlsxwriter): a sheet of every figure, one a row, then a sheet for
 * each breakdown (months, continents, countries, purposes, channels), with
 * numbers as numbers so that the office can chart and sum them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/buf.h"
#include "stats.h"

struct sheet {
	lxw_worksheet	*ws;
	lxw_row_t	 row;
};

/* A figure as a row: its name and value (a number when it is one). */
static void
summary_row(const char *path, const json_t *v, void *arg)
{
	struct sheet	*sh = arg;

	if (json_is_array(v))
		return;		/* the histogram: it has its own chart */
	worksheet_write_string(sh->ws, sh->row, 0, path, NULL);
	if (json_is_number(v))
		worksheet_write_number(sh->ws, sh->row, 1, json_number_value(v),
		    NULL);
	else if (json_is_string(v))
		worksheet_write_string(sh->ws, sh->row, 1, json_string_value(v),
		    NULL);
	sh->row++;
}

/* A sheet of one breakdown: its keys and counts, under two headings. */
static void
breakdown(lxw_workbook *wb, const char *name, const char *heading,
    const json_t *counts)
{
	lxw_worksheet	*ws = workbook_add_worksheet(wb, name);
	lxw_row_t	 row = 1;
	const char	*k;
	json_t		*v;

	worksheet_write_string(ws, 0, 0, heading, NULL);
	worksheet_write_string(ws, 0, 1, "n", NULL);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	json_object_foreach((json_t *)counts, k, v) {
		worksheet_write_string(ws, row, 0, k, NULL);
		worksheet_write_number(ws, row++, 1, json_number_value(v), NULL);
	}
}

/*
 * Writes the figures as an XLSX workbook at path.  Returns 0, or -1 (the
 * file may then be incomplete: the caller removes it).
 */
int
stats_xlsx_file(const json_t *f, const char *path)
{
	lxw_workbook_options	 opt = {.constant_memory = LXW_FALSE,
				    .tmpdir = NULL};
	lxw_workbook		*wb = workbook_new_opt(path, &opt);
	struct sheet		 sh;

	if (wb == NULL)
		return -1;
	sh.ws = workbook_add_worksheet(wb, "Figures");
	sh.row = 1;
	worksheet_write_string(sh.ws, 0, 0, "figure", NULL);
	worksheet_write_string(sh.ws, 0, 1, "value", NULL);
	worksheet_set_column(sh.ws, 0, 0, 40, NULL);
	stats_walk(f, "", summary_row, &sh);
	breakdown(wb, "Months", "month",
	    json_object_get(f, "certificates_by_month"));
	breakdown(wb, "Continents", "continent",
	    json_object_get(f, "by_continent"));
	breakdown(wb, "Countries", "country (ISO 3166-1)",
	    json_object_get(f, "by_country"));
	breakdown(wb, "Purposes", "purpose", json_object_get(f, "by_purpose"));
	breakdown(wb, "Channels", "channel", json_object_get(f, "by_channel"));
	breakdown(wb, "Places", "place of collection",
	    json_object_get(f, "by_collection_place"));
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* The workbook in memory, through a private temporary file. */
int
stats_xlsx(const json_t *f, struct buf *out)
{
	char	 path[] = "/tmp/idoneo-stats-XXXXXX";
	char	 chunk[65536];
	int	 fd = mkstemp(path), rc = -1;
	size_t	 n;
	FILE	*in;

	if (fd < 0)
		return -1;
	close(fd);
	if (stats_xlsx_file(f, path) == 0 && (in = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
			buf_append(out, chunk, n);
		rc = ferror(in) ? -1 : 0;
		fclose(in);
	}
	unlink(path);
	return rc;
}
