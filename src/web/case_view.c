/*
 * case_view: see case_view.h.
 */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "case_view.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/eligibility.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/workflow.h"

/* Sets key to the translated label of o's field k, or to the value itself
 * when the vocabulary lacks it. */
static void
set_label(json_t *o, const char *key, const struct choice *c, const char *k)
{
	const char	*v = jfield_str(o, k);
	const char	*l = choice_label(c, v);

	if (v != NULL)
		json_object_set_new(o, key, json_string(l ? _(l) : v));
}

/* Sets key to an amount in hundredths as people write it: "16,00". */
static void
set_dec2(json_t *o, const char *key, const char *k)
{
	char	 b[DEC2_STRLEN];

	dec2_format(jfield_int(o, k), b, ',');
	json_object_set_new(o, key, json_string(b));
}

/* Sets key to a stored UTC time shown in Europe/Rome. */
void
case_view_local(json_t *o, const char *key, const char *k)
{
	char	 local[32];

	if (jfield_str(o, k) == NULL)
		return;
	clock_local_text(jfield_str(o, k), local, sizeof(local));
	json_object_set_new(o, key, json_string(local));
}

/* What a row of the queue and a whole case show alike. */
static void
case_view_summary(json_t *c)
{
	json_t	*dl = json_object_get(c, "deadline");
	char	 flag[32];

	set_label(c, "purpose_label", intake_purposes, "purpose");
	/* "risk_warning": true, for templates to style on. */
	if (jfield_str(dl, "risk") != NULL &&
	    strcmp(jfield_str(dl, "risk"), "closed") != 0) {
		snprintf(flag, sizeof(flag), "risk_%s", jfield_str(dl, "risk"));
		json_object_set_new(dl, flag, json_true());
	}
}

/* The rows of the work queue and of a search. */
void
case_view_rows(json_t *rows)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(rows, i, v)
		case_view_summary(v);
}

static void
view_room(json_t *r)
{
	unsigned	 fx = elig_fixtures_parse(jfield_str(r, "fixtures"));
	char		 list[128];
	size_t		 len = 0;

	set_dec2(r, "area_m2", "area");
	set_dec2(r, "height_m", "height");
	set_dec2(r, "window_m2", "window");
	set_label(r, "use_label", elig_uses, "use");
	/* "wc,bidet" → "vaso, bidet" */
	list[0] = '\0';
	for (int f = 0; f < FIX__MAX; f++)
		if (fx & (1u << f))
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%s", len > 0 ? ", " : "",
			    _(elig_fixtures[f].label));
	json_object_set_new(r, "fixtures_label", json_string(list));
}

static void
view_event(json_t *v)
{
	int	 s = wf_state_from_name(jfield_str(v, "to_state"));
	int	 a = wf_action_from_name(jfield_str(v, "action"));

	json_object_set_new(v, "to_label", json_string(s >= 0 ?
	    _(wf_state_labels[s]) : ""));
	json_object_set_new(v, "action_label", json_string(a >= 0 ?
	    _(wf_transitions[a].label) : strcmp(jfield_str(v, "action"),
	    "rooms_update") == 0 ? _("Stanze modificate") :
	    _("Domanda presentata")));
	case_view_local(v, "at_local", "at");
}

/*
 * Adds to case c what the case page shows: labels, Italian dates and
 * measures, and whether p may ask for the eligibility again.
 */
void
case_view(json_t *c, const struct principal *p)
{
	json_t	*v, *a;
	size_t	 i;
	int	 bd;
	char	 it[DATE_STRLEN];

	case_view_summary(c);
	set_label(c, "title_label", intake_titles, "title");
	set_label(c, "channel_label", intake_channels, "channel");
	/* Language names are written in their own language: no _(). */
	if (choice_label(intake_languages, jfield_str(c, "language")) != NULL)
		json_object_set_new(c, "language_label", json_string(
		    choice_label(intake_languages, jfield_str(c, "language"))));
	if (date_parse(jfield_str(c, "birth_date"), &bd)) {
		date_format_it(bd, it);
		json_object_set_new(c, "birth_date_it", json_string(it));
	}
	json_array_foreach(json_object_get(c, "rooms"), i, v)
		view_room(v);
	json_array_foreach(json_object_get(c, "persons"), i, v)
		json_object_set_new(v, "kind_label", json_string(strcmp(
		    jfield_str(v, "kind"), "resident") == 0 ? _("Residente") :
		    _("Da ospitare")));
	json_array_foreach(json_object_get(c, "payments"), i, v) {
		set_dec2(v, "amount_eur", "amount_cents");
		set_label(v, "kind_label", intake_payment_kinds, "kind");
		set_label(v, "channel_label", intake_payment_channels,
		    "channel");
	}
	json_array_foreach(json_object_get(c, "documents"), i, v)
		set_label(v, "label", intake_documents, "kind");
	json_array_foreach(json_object_get(c, "events"), i, v)
		view_event(v);
	if (json_is_object(a = json_object_get(c, "assessment"))) {
		case_view_local(a, "at_local", "at");
		set_dec2(a, "habitable_m2", "habitable_area");
		set_dec2(a, "total_m2", "total_area");
	}
	json_object_set_new(c, "can_assess", json_boolean(
	    p->role == ROLE_HEAD || p->role == ROLE_CLERK));
	/* A country the ISO list did not know, for the office to correct
	 * (web/office_countries.c). */
	json_object_set_new(c, "country_open", json_boolean((p->role ==
	    ROLE_HEAD || p->role == ROLE_CLERK) && (*jfield_text(c,
	    "citizenship_code") == '\0' || *jfield_text(c,
	    "birth_country_code") == '\0')));
}
