/*
 * page: layout, error pages and API problem documents.  See page.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/i18n.h"
#include "base/jfield.h"
#include "domain/countries.h"
#include "domain/date.h"
#include "domain/eligibility.h"
#include "domain/intake.h"
#include "domain/workflow.h"
#include "notify/notify.h"
#include "page.h"
#include "tmpl.h"

/*
 * The citizen's pages speak the language chosen with ?lang=CODE, which a
 * cookie remembers for a year; Italian otherwise.
 */
bool
page_citizen_path(const char *path)
{
	return strcmp(path, "/") == 0 || strncmp(path, "/segui", 6) == 0 ||
	    strncmp(path, "/domanda", 8) == 0;
}

/*
 * Renders tmpl inside the layout.  ctx (consumed) gets the common fields:
 * the page title, the user, the CSRF token for forms, and the menu for the
 * user's role.
 */
void
page_render(struct http_req *req, struct http_resp *resp, int status,
    const char *tmpl, const char *title, json_t *ctx)
{
	struct principal	*w = &req->who;
	json_t			*nav = json_array();

	if (ctx == NULL)
		ctx = json_object();
	json_object_set_new(ctx, "title", json_string(title));
	/* The page's language and direction (Arabic and Urdu: right to
	 * left), for the citizen's pages; Italian for the rest. */
	json_object_set_new(ctx, "lang", json_string(req->lang[0] ?
	    req->lang : "it"));
	json_object_set_new(ctx, "dir", json_string(notify_language_rtl(
	    req->lang) ? "rtl" : "ltr"));
	/* The citizen's pages offer every language, each in its own; staff
	 * pages Italian and English. */
	if (req->lang[0] != '\0' && !page_citizen_path(req->path))
		json_object_set_new(ctx, "staff_langs", json_pack(
		    "[{s:s, s:s, s:b}, {s:s, s:s, s:b}]", "code", "it", "name",
		    "Italiano", "current", strcmp(req->lang, "en") != 0, "code",
		    "en", "name", "English", "current", strcmp(req->lang, "en") ==
		    0));
	else if (req->lang[0] != '\0') {
		static const char *const names[][2] = {
			{"it", "Italiano"}, {"zh", "中文"}, {"en", "English"},
			{"sq", "Shqip"}, {"ro", "Română"}, {"ur", "اردو"},
			{"ar", "العربية"}, {"fr", "Français"}, {"bn", "বাংলা"},
		};
		json_t *langs = json_array();

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			json_array_append_new(langs, json_pack("{s:s, s:s, s:b}",
			    "code", names[i][0], "name", names[i][1], "current",
			    strcmp(names[i][0], req->lang) == 0));
		json_object_set_new(ctx, "languages", langs);
		json_object_set_new(ctx, "lang_nav", json_true());
	}
	if (w->authenticated && (w->case_id > 0 || strcmp(w->actor,
	    "citizen") == 0)) {
		/* A citizen on their case or draft: its forms' token, no
		 * staff menu. */
		json_object_set_new(ctx, "csrf", json_string(w->csrf));
	} else if (w->authenticated) {
		json_object_set_new(ctx, "user", json_pack("{s:s, s:s, s:s}",
		    "name", w->name, "username", w->username,
		    "role", wf_role_names[w->role]));
		json_object_set_new(ctx, "csrf", json_string(w->csrf));
		if (w->role == ROLE_HEAD || w->role == ROLE_CLERK ||
		    w->role == ROLE_ASSOCIATION) {
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/cases", "label", _("Pratiche")));
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/cases/new", "label", _("Nuova domanda")));
		}
		if (w->role == ROLE_ASSOCIATION)
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/associazione", "label",
			    _("Domande online")));
		if (w->role == ROLE_ADMIN) {
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/admin", "label", _("Amministrazione")));
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/admin/imports", "label",
			    _("Banche dati del comune")));
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/admin/points", "label",
			    _("Punti T-Serve")));
		}
		if (w->role == ROLE_HEAD || w->role == ROLE_CLERK)
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/pickups", "label", _("Ritiri")));
		if (w->role == ROLE_HEAD || w->role == ROLE_ADMIN) {
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/messages", "label", _("Messaggi")));
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/stats", "label", _("Statistiche")));
		}
		if (w->role == ROLE_POINT)
			json_array_append_new(nav, json_pack("{s:s, s:s}",
			    "href", "/point", "label", _("Punto T-Serve")));
	}
	json_object_set_new(ctx, "nav", nav);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	buf_reset(&resp->body);
	if (tmpl_render(&resp->body, tmpl, ctx) < 0) {
		buf_reset(&resp->body);
		resp->status = 500;
		resp->content_type = "text/plain; charset=utf-8";
		buf_puts(&resp->body, "Errore interno nella pagina.\n");
	}
	json_decref(ctx);
}

void
page_error(struct http_req *req, struct http_resp *resp, int status,
    const char *message)
{
	page_render(req, resp, status, "error.html", _("Errore"),
	    json_pack("{s:s, s:i}", "message", _(message), "status", status));
}

static int
dump_to_buf(const char *p, size_t n, void *arg)
{
	buf_append(arg, p, n);
	return 0;
}

/* Writes doc (consumed) as the UTF-8 JSON body of the response. */
void
api_json(struct http_resp *resp, int status, json_t *doc)
{
	resp->status = status;
	resp->content_type = "application/json";
	buf_reset(&resp->body);
	api_json_append(&resp->body, doc);
	json_decref(doc);
}

void
api_json_append(struct buf *b, const json_t *doc)
{
	if (json_dump_callback(doc, dump_to_buf, b, JSON_COMPACT) < 0)
		buf_puts(b, "null");
	buf_putc(b, '\n');
}

/*
 * An RFC 7807 problem document.  errors (consumed, may be NULL) is an object
 * field path → message, sent as an array of {field, message}.
 */
void
api_problem(struct http_resp *resp, int status, const char *title,
    const char *detail, json_t *errors)
{
	json_t		*doc = json_pack("{s:s, s:s, s:i}", "type",
	    "about:blank", "title", title, "status", status);
	const char	*k;
	json_t		*v;

	if (detail != NULL)
		json_object_set_new(doc, "detail", json_string(detail));
	if (errors != NULL) {
		json_t *arr = json_array();

		json_object_foreach(errors, k, v)
			json_array_append_new(arr, json_pack("{s:s, s:O}",
			    "field", k, "message", v));
		json_object_set_new(doc, "errors", arr);
		json_decref(errors);
	}
	api_json(resp, status, doc);
	resp->content_type = "application/problem+json";
}

/* Options for a <select>, with the current value marked. */
json_t *
page_choices(const struct choice *c, const char *selected)
{
	json_t	*a = json_array();

	for (; c->value != NULL; c++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value",
		    c->value, "label", _(c->label), "selected",
		    selected != NULL && strcmp(selected, c->value) == 0));
	return a;
}

/* Rows for a repeated part of the form, with what was typed in them. */
json_t *
page_rows(const json_t *typed, int n, const struct choice *choices,
    const char *choice_key)
{
	json_t	*a = json_array();

	for (int i = 0; i < n; i++) {
		json_t *t = json_array_get(typed, (size_t)i);
		json_t *r = json_is_object(t) ? json_deep_copy(t) :
		    json_object();

		json_object_set_new(r, "i", json_integer(i));
		json_object_set_new(r, "n", json_integer(i + 1));
		if (choices != NULL)
			json_object_set_new(r, "options", page_choices(choices,
			    jfield_str(t, choice_key)));
		if (choices == elig_uses) {
			json_t *fx = json_object_get(t, "fixtures");
			json_t *opts = json_array();

			for (const struct choice *c = elig_fixtures; c->value;
			    c++)
				json_array_append_new(opts, json_pack(
				    "{s:s, s:s, s:b}", "value", c->value,
				    "label", _(c->label), "checked",
				    intake_has_string(fx, c->value) ||
				    (json_is_string(fx) && strcmp(
				    json_string_value(fx), c->value) == 0)));
			json_object_set_new(r, "fixture_options", opts);
		}
		json_array_append_new(a, r);
	}
	return a;
}

/*
 * The T-Serve points offered for collection (points_nearest's list,
 * consumed; NULL for none), the one whose id is cur marked selected.
 */
json_t *
page_points(json_t *pts, const char *cur)
{
	json_t	*v;
	size_t	 i;
	char	 id[24];

	if (pts == NULL)
		pts = json_array();
	json_array_foreach(pts, i, v) {
		snprintf(id, sizeof(id), "%lld", (long long)jfield_int(v, "id"));
		json_object_set_new(v, "selected", json_boolean(cur != NULL &&
		    strcmp(id, cur) == 0));
	}
	return pts;
}

/* The intake's checklist of documents, those in dv (a list or one) ticked. */
json_t *
page_checklist(const json_t *dv)
{
	json_t	*docs = json_array();

	for (const struct choice *c = intake_documents; c->value; c++)
		json_array_append_new(docs, json_pack("{s:s, s:s, s:b}",
		    "value", c->value, "label", _(c->label), "checked",
		    intake_has_string(dv, c->value) || (json_is_string(dv) &&
		    strcmp(json_string_value(dv), c->value) == 0)));
	return docs;
}

static const struct country	*sorted_countries[300];
static size_t			 ncountries;
static pthread_once_t		 countries_once = PTHREAD_ONCE_INIT;

static int
by_name(const void *a, const void *b)
{
	const struct country *const *x = a, *const *y = b;

	return strcoll((*x)->name, (*y)->name);
}

/* The list never changes: it is sorted once. */
static void
sort_countries(void)
{
	for (const struct country *c = countries; c->code && ncountries < 300;
	    c++)
		sorted_countries[ncountries++] = c;
	qsort(sorted_countries, ncountries, sizeof(sorted_countries[0]),
	    by_name);
}

/*
 * The countries of ISO 3166-1 as the options of a select, by their Italian
 * names in order, the one named selected (a name or a code) marked.
 */
json_t *
page_countries(const char *selected)
{
	const struct country	*want = country_by_name(selected);
	json_t			*out = json_array();

	pthread_once(&countries_once, sort_countries);
	for (size_t i = 0; i < ncountries; i++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value",
		    sorted_countries[i]->name, "label",
		    sorted_countries[i]->name, "selected",
		    sorted_countries[i] == want));
	return out;
}

/* The day of a stored date or time of row, in the Italian form, as key_it. */
void
page_day_it(json_t *row, const char *key, const char *key_it)
{
	char	 iso[DATE_STRLEN], d[DATE_STRLEN];
	int	 day;

	snprintf(iso, sizeof(iso), "%s", jfield_text(row, key));
	if (date_parse(iso, &day)) {
		date_format_it(day, d);
		json_object_set_new(row, key_it, json_string(d));
	}
}
