/*
 * countries: the applicant's citizenship and country of birth as ISO
 * 3166-1 alpha-2 codes (docs/stats.md), kept beside the Italian names the
 * forms show.  The intake writes both.  An application taken before
 * migration 0019 named its countries in free text and has no code yet:
 * at start-up every name the list recognises ("cina", "Repubblica Ceca")
 * is rewritten to the list's name with its code, and a clerk corrects the
 * rest on the page /paesi, case by case.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "base/jfield.h"
#include "countries.h"
#include "domain/countries.h"
#include "domain/i18n.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/tx.h"

struct rename {
	const char	*field, *from;
	const struct country *to;
};

static enum svc_result
rename_write(struct store *st, const struct principal *p, void *arg)
{
	struct rename	*r = arg;
	char		 detail[300];

	if (store_exec(st, strcmp(r->field, "citizenship") == 0 ?
	    STMT_CITIZENSHIP_RENAME : STMT_BIRTH_COUNTRY_RENAME, "sss",
	    r->to->name, r->to->code, r->from) < 0)
		return SVC_ERROR;
	snprintf(detail, sizeof(detail), "%s: %s -> %s (%s)", r->field,
	    r->from, r->to->name, r->to->code);
	return audit_add(st, p, 0, "country_normalize", "applicants", 0,
	    detail) == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * Gives a code to every application whose country name the list
 * recognises, one name at a time (an audit row each), and reports each
 * name on out when it is not NULL.  Returns how many applications keep a
 * name the list does not know, or -1.
 */
long
countries_sync(struct store *st, FILE *out)
{
	json_t		*rows, *r;
	struct principal p;
	size_t		 i;
	long		 unknown = 0;

	if ((rows = store_rows(st, STMT_COUNTRY_VALUES, "")) == NULL)
		return -1;
	access_system(&p, 0, "countries");
	json_array_foreach(rows, i, r) {
		struct rename	 rn = {jfield_text(r, "field"),
				    jfield_text(r, "value"), NULL};
		long long	 n = (long long)jfield_int(r, "n");

		if ((rn.to = country_by_name(rn.from)) == NULL) {
			if (out != NULL)
				fprintf(out, "%s \"%s\" (%lld): not in the "
				    "list, to correct on /paesi\n", rn.field,
				    rn.from, n);
			unknown += (long)n;
			continue;
		}
		if (store_write(st, rename_write, &p, &rn) != SVC_OK) {
			json_decref(rows);
			return -1;
		}
		if (out != NULL)
			fprintf(out, "%s \"%s\" (%lld) is %s (%s)\n", rn.field,
			    rn.from, n, rn.to->name, rn.to->code);
	}
	json_decref(rows);
	return unknown;
}

/*
 * The applications of p's comune (all for an admin) with a country the
 * list does not know, at most limit of them, oldest first.
 */
json_t *
countries_open_cases(struct store *st, const struct principal *p, int limit)
{
	return store_rows(st, STMT_COUNTRY_OPEN_CASES, "iii", p->comune_id,
	    p->comune_id, (int64_t)limit);
}

struct correction {
	int64_t			 case_id;
	const struct country	*citizenship, *birth;
};

static enum svc_result
correct_write(struct store *st, const struct principal *p, void *arg)
{
	struct correction	*w = arg;
	struct case_row		 c;
	json_t			*old;
	char			 detail[400];
	int			 found = rows_case_get(st, w->case_id, &c);

	if (found < 0)
		return SVC_ERROR;
	if (found == 0 || !access_office(p) || !access_case(p, c.comune_id,
	    c.association_id))
		return SVC_NOT_FOUND;
	if (store_row(st, &old, STMT_APPLICANT_COUNTRY_GET, "i",
	    w->case_id) <= 0)
		return SVC_ERROR;
	snprintf(detail, sizeof(detail), "citizenship: %s -> %s (%s); "
	    "birth_country: %s -> %s (%s)", jfield_text(old, "citizenship"),
	    w->citizenship->name, w->citizenship->code,
	    jfield_text(old, "birth_country"), w->birth->name,
	    w->birth->code);
	json_decref(old);
	if (store_exec(st, STMT_APPLICANT_COUNTRY_SET, "ssssi",
	    w->citizenship->name, w->citizenship->code, w->birth->name,
	    w->birth->code, w->case_id) < 0)
		return SVC_ERROR;
	return audit_add(st, p, c.comune_id, "country_correct", "case",
	    w->case_id, detail) == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * A clerk's correction of an application's citizenship and country of
 * birth: in form, "citizenship" and "birth_country", each a name or a
 * code of the list.  The sealed certificate, if there is one, keeps what
 * it says; the record and the office's numbers take the correction.
 */
enum svc_result
countries_correct(struct store *st, const struct principal *p,
    int64_t case_id, const json_t *form, json_t *errors)
{
	struct correction	 w = {case_id, NULL, NULL};

	w.citizenship = country_by_name(jfield_str(form, "citizenship"));
	w.birth = country_by_name(jfield_str(form, "birth_country"));
	if (w.citizenship == NULL)
		json_object_set_new(errors, "citizenship", json_string(_("Scegliere "
		    "la cittadinanza dall'elenco.")));
	if (w.birth == NULL)
		json_object_set_new(errors, "birth_country", json_string(_(
		    "Scegliere lo stato di nascita dall'elenco.")));
	if (w.citizenship == NULL || w.birth == NULL)
		return SVC_INVALID;
	return store_write(st, correct_write, p, &w);
}
