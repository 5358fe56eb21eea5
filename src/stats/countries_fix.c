/*
 * countries_fix: `idoneo countries [--fix]` (docs/stats.md).  Applications
 * taken before the country became a choice from the ISO 3166-1 list name
 * it in free text.  This lists each name the applications use that is not
 * the list's own: those the list recognises ("cina", "Repubblica Ceca")
 * and, with --fix, rewrites them to the list's name (an audit row each);
 * and those it does not, for a clerk to correct.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/countries.h"
#include "service/access.h"
#include "stats.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

struct rename {
	const char	*field, *from, *to;
};

static enum svc_result
rename_write(struct store *st, const struct principal *p, void *arg)
{
	struct rename	*r = arg;
	char		 detail[300];

	if (store_exec(st, strcmp(r->field, "citizenship") == 0 ?
	    STMT_CITIZENSHIP_RENAME : STMT_BIRTH_COUNTRY_RENAME, "ss", r->to,
	    r->from) < 0)
		return SVC_ERROR;
	snprintf(detail, sizeof(detail), "%s: %s -> %s", r->field, r->from,
	    r->to);
	return audit_add(st, p, 0, "country_normalize", "applicants", 0,
	    detail) == 0 ? SVC_OK : SVC_ERROR;
}

/* argv[0] is "countries".  Returns the exit status: 0, or 3 when some
 * names are not in the list. */
int
stats_countries_cli(struct store *st, int argc, char **argv, FILE *out)
{
	bool		 fix = argc > 1 && strcmp(argv[1], "--fix") == 0;
	json_t		*rows, *r;
	struct principal p;
	size_t		 i, unknown = 0;

	if (argc > 2 || (argc == 2 && !fix)) {
		fputs("usage: idoneo countries [--fix]\n", stderr);
		return 2;
	}
	if ((rows = store_rows(st, STMT_COUNTRY_VALUES, "")) == NULL)
		return 1;
	access_system(&p, 0, "idoneo countries");
	json_array_foreach(rows, i, r) {
		const char		*v = jfield_text(r, "value");
		const struct country	*c = country_by_name(v);
		struct rename		 rn = {jfield_text(r, "field"), v, NULL};

		if (c != NULL && strcmp(c->name, v) == 0)
			continue;
		if (c == NULL) {
			fprintf(out, "%s \"%s\" (%lld): not in the list, to "
			    "correct by hand\n", rn.field, v,
			    (long long)jfield_int(r, "n"));
			unknown++;
			continue;
		}
		rn.to = c->name;
		fprintf(out, "%s \"%s\" (%lld) is %s (%s)%s\n", rn.field, v,
		    (long long)jfield_int(r, "n"), c->name, c->code, fix ?
		    ": rewritten" : "");
		if (fix && store_write(st, rename_write, &p, &rn) != SVC_OK) {
			json_decref(rows);
			return 1;
		}
	}
	json_decref(rows);
	return unknown > 0 ? 3 : 0;
}
