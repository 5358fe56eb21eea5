/*
 * countries_fix: `idoneo countries` (docs/stats.md).  Applications taken
 * before the country became a choice from the ISO 3166-1 list name it in
 * free text.  This gives the code to every name the list recognises
 * ("cina", "Repubblica Ceca"), as `migrate` and `serve` do at start, and
 * lists, with their counts, the names it does not, for a clerk to correct
 * on the page /paesi.
 */
#include <stdio.h>

#include "service/countries.h"
#include "stats.h"

/* argv[0] is "countries".  Returns the exit status: 0, or 3 when some
 * names are not in the list. */
int
stats_countries_cli(struct store *st, int argc, char **argv, FILE *out)
{
	long	 unknown;

	(void)argv;
	if (argc > 1) {
		fputs("usage: idoneo countries\n", stderr);
		return 2;
	}
	if ((unknown = countries_sync(st, out)) < 0)
		return 1;
	return unknown > 0 ? 3 : 0;
}
