/*
 * office_stats: /stats, the office's numbers (src/stats, docs/stats.md)
 * for the head of office (their comune) and the administrator (every
 * comune, or one), over a period: tables, each with its chart drawn as
 * SVG on the server (/stats/months.svg and the others, no JavaScript),
 * and the CSV export.
 */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/countries.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/workflow.h"
#include "handlers.h"
#include "page.h"
#include "service/admin.h"
#include "service/comune_cache.h"
#include "stats/stats.h"
#include "store/store.h"

/* The request's comune and period; false, with the page answered, when
 * they are wrong. */
struct period {
	int64_t	 comune_id;
	char	 code[16], purpose[40];
	char	 from[DATE_STRLEN], to[DATE_STRLEN];
};

static bool
period_of(struct http_req *req, struct http_resp *resp, struct period *p)
{
	const char	*from = http_query(req, "from");
	const char	*to = http_query(req, "to");
	const char	*code = http_query(req, "comune");
	const char	*purpose = http_query(req, "purpose");
	int		 today = clock_today(), f, t, y, m, d;

	memset(p, 0, sizeof(*p));
	/* A year to this day, from the first of the month. */
	date_to_ymd(today, &y, &m, &d);
	snprintf(p->from, sizeof(p->from), "%04u-%02u-01", (unsigned)(m == 12 ?
	    y : y - 1) % 10000u, (unsigned)(m == 12 ? 1 : m + 1) % 100u);
	date_format(today, p->to);
	if (from != NULL && *from != '\0')
		snprintf(p->from, sizeof(p->from), "%s", from);
	if (to != NULL && *to != '\0')
		snprintf(p->to, sizeof(p->to), "%s", to);
	if (!date_parse(p->from, &f) || !date_parse(p->to, &t) || f > t) {
		page_error(req, resp, 422, _("Periodo non valido: scrivere due "
		    "date AAAA-MM-GG, la prima non dopo la seconda."));
		return false;
	}
	if (purpose != NULL && *purpose != '\0') {
		if (choice_index(intake_purposes, purpose) < 0) {
			page_error(req, resp, 422, _("Motivo sconosciuto"));
			return false;
		}
		snprintf(p->purpose, sizeof(p->purpose), "%s", purpose);
	}
	/* A head sees their comune; an administrator any, or all. */
	p->comune_id = req->who.comune_id;
	if (req->who.role == ROLE_ADMIN && code != NULL && *code != '\0') {
		json_t	*all = admin_comuni(store_thread()), *c;
		size_t	 i;

		json_array_foreach(all, i, c)
			if (strcmp(jfield_text(c, "code"), code) == 0)
				p->comune_id = jfield_int(c, "id");
		json_decref(all);
		if (p->comune_id == 0) {
			page_error(req, resp, 404, _("Comune sconosciuto"));
			return false;
		}
		snprintf(p->code, sizeof(p->code), "%s", code);
	}
	return true;
}

/* The figures of the request's period: parts of them (stats.h), or all
 * for 0. */
static json_t *
figures(struct http_req *req, struct http_resp *resp, struct period *p,
    unsigned parts)
{
	json_t	*f = NULL;

	if (!period_of(req, resp, p))
		return NULL;
	if (stats_figures(store_thread(), &(struct stats_query){p->comune_id,
	    p->from, p->to, p->purpose, parts, false}, &f) < 0) {
		page_error(req, resp, 500, _("Errore interno"));
		return NULL;
	}
	return f;
}

/* The continents, as the JSON names them, in the reader's words. */
static const struct choice continents[] = {
	{"Europe", N_("Europa")}, {"Africa", N_("Africa")},
	{"Asia", N_("Asia")}, {"America", N_("America")},
	{"Oceania", N_("Oceania")}, {NULL, NULL},
};

/* An object of counts as rows {label, n}, labelled by choices if any. */
static json_t *
rows_of(const json_t *counts, const struct choice *choices)
{
	json_t		*out = json_array(), *v;
	const char	*k;

	json_object_foreach((json_t *)counts, k, v) {
		int	 i = choices ? choice_index(choices, k) : -1;

		json_array_append_new(out, json_pack("{s:s, s:I}", "label",
		    i >= 0 ? _(choices[i].label) : k, "n",
		    (json_int_t)json_integer_value(v)));
	}
	return out;
}

/* The open cases by state, each state by its label. */
static json_t *
states_of(const json_t *counts)
{
	json_t		*out = json_array(), *v;
	const char	*k;

	json_object_foreach((json_t *)counts, k, v) {
		int	 i = wf_state_from_name(k);

		json_array_append_new(out, json_pack("{s:s, s:I}", "label",
		    i >= 0 ? _(wf_state_labels[i]) : k, "n",
		    (json_int_t)json_integer_value(v)));
	}
	return out;
}

/* The tables of collection, staff and messages. */
static void
more_rows(json_t *ctx, const json_t *f)
{
	json_t		*places = rows_of(json_object_get(f,
			    "by_collection_place"), NULL), *r, *ch = json_array();
	const char	*k;
	json_t		*v;
	size_t		 i;

	/* The office by its name in the reader's language. */
	json_array_foreach(places, i, r)
		if (strcmp(jfield_text(r, "label"), "office") == 0)
			json_object_set_new(r, "label", json_string(
			    _("Ufficio del Comune")));
	json_object_foreach(json_object_get(json_object_get(f, "messages"),
	    "by_channel"), k, v) {
		json_t *row = json_deep_copy(v);

		json_object_set_new(row, "label", json_string(strcmp(k, "sms") ==
		    0 ? "SMS" : _("E-mail")));
		json_array_append_new(ch, row);
	}
	json_object_set_new(ctx, "places", places);
	json_object_set_new(ctx, "handovers", rows_of(json_object_get(
	    json_object_get(f, "points"), "handed_over"), NULL));
	json_object_set_new(ctx, "staff", rows_of(json_object_get(f,
	    "steps_by_staff"), NULL));
	json_object_set_new(ctx, "channels_sent", ch);
	json_object_set_new(ctx, "unmatched", rows_of(json_object_get(f,
	    "citizenship_unmatched"), NULL));
	json_object_set_new(ctx, "languages_sent", rows_of(json_object_get(
	    json_object_get(f, "messages"), "by_language"), intake_languages));
}

/*
 * The administrator's comparison of the comuni over the period: each
 * comune's volume, release time and share within its target.
 */
static json_t *
compare(const struct period *p)
{
	struct store	*st = store_thread();
	json_t		*all = admin_comuni(st), *out = json_array(), *c, *f;
	json_t		*by = stats_compare(st, &(struct stats_query){0, p->from,
			    p->to, p->purpose, 0, false});
	size_t		 i;
	char		 share[16], key[24];

	json_array_foreach(all, i, c) {
		snprintf(key, sizeof(key), "%lld", (long long)jfield_int(c,
		    "id"));
		f = json_object_get(by, key);
		snprintf(share, sizeof(share), "%.0f%%", 100.0 *
		    json_number_value(json_object_get(f, "share")));
		json_array_append_new(out, json_pack("{s:s, s:I, s:I, s:f, "
		    "s:s, s:I}", "name", jfield_text(c, "name"), "received",
		    (json_int_t)jfield_int(f, "received"), "certificates",
		    (json_int_t)jfield_int(f, "certificates"), "median",
		    json_number_value(json_object_get(f, "median")), "within",
		    share, "open", (json_int_t)jfield_int(f, "open")));
	}
	json_decref(by);
	json_decref(all);
	return out;
}

/* GET /stats */
void
h_stats(struct http_req *req, struct http_resp *resp)
{
	struct period	 p;
	json_t		*f, *ctx, *nations = json_array(), *v;
	const char	*k;
	char		 q[160];

	if ((f = figures(req, resp, &p, 0)) == NULL) {
		json_decref(nations);
		return;
	}
	json_object_foreach(json_object_get(f, "by_country"), k, v) {
		const struct country *c = country_by_code(k);

		json_array_append_new(nations, json_pack("{s:s, s:I}",
		    "label", c ? c->name : k, "n",
		    (json_int_t)json_integer_value(v)));
	}
	snprintf(q, sizeof(q), "from=%s&to=%s%s%s%s%s", p.from, p.to,
	    *p.code ? "&comune=" : "", p.code, *p.purpose ? "&purpose=" : "",
	    p.purpose);
	ctx = json_pack("{s:O, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o}", "f", f, "from", p.from, "to", p.to, "comune",
	    p.code, "q", q, "admin", req->who.role == ROLE_ADMIN,
	    "purposes", rows_of(json_object_get(f, "by_purpose"),
	    intake_purposes),
	    "channels", rows_of(json_object_get(f, "by_channel"),
	    intake_channels),
	    "continents", rows_of(json_object_get(f, "by_continent"),
	    continents),
	    "countries", nations,
	    "months", rows_of(json_object_get(f, "certificates_by_month"),
	    NULL),
	    "states", states_of(json_object_get(json_object_get(f, "backlog"),
	    "by_state")), "purpose_choices", page_choices(intake_purposes,
	    p.purpose));
	more_rows(ctx, f);
	/* A head corrects the names the list did not know on /paesi. */
	json_object_set_new(ctx, "can_correct", json_boolean(req->who.role ==
	    ROLE_HEAD && json_object_size(json_object_get(f,
	    "citizenship_unmatched")) > 0));
	/* This month's certificates, whatever the period shown. */
	{
		char	 month[8];

		snprintf(month, sizeof(month), "%.7s", jfield_text(f, "today"));
		json_object_set_new(ctx, "this_month", json_pack("{s:s, s:I}",
		    "month", month, "n", (json_int_t)jfield_int(json_object_get(
		    f, "certificates_by_month"), month)));
	}
	if (req->who.role == ROLE_ADMIN && p.comune_id == 0) {
		json_object_set_new(ctx, "comparison", compare(&p));
		json_object_set_new(ctx, "compare_on", json_true());
	}
	json_decref(f);
	page_render(req, resp, 200, "stats.html", _("I numeri dell'ufficio"),
	    ctx);
}

/* Sends a chart of counts (an object: label to number), as bars or, for
 * the months, a line. */
static void
send_chart(struct http_resp *resp, const char *title, const char *desc,
    const json_t *counts, bool line)
{
	const char	*labels[64], *k;
	double		 values[64];
	size_t		 n = 0;
	json_t		*v;

	json_object_foreach((json_t *)counts, k, v)
		if (n < 64) {
			labels[n] = k;
			values[n++] = (double)json_integer_value(v);
		}
	resp->status = 200;
	resp->content_type = "image/svg+xml";
	if (line)
		stats_chart_line(&resp->body, title, desc, labels, values, n);
	else
		stats_chart_bars(&resp->body, title, desc, labels, values, n,
		    -1, NULL);
}

/* The chart of one of the figures' counts (key), for the request's period. */
static void
counts_chart(struct http_req *req, struct http_resp *resp, const char *key,
    const char *title, const char *desc)
{
	struct period	 p;
	json_t		*f = figures(req, resp, &p, strcmp(key,
			    "by_continent") == 0 ? STATS_RECEIVED : STATS_READY);

	if (f == NULL)
		return;
	send_chart(resp, title, desc, json_object_get(f, key), strcmp(key,
	    "certificates_by_month") == 0);
	json_decref(f);
}

/* GET /stats/months.svg: certificates made ready, month by month. */
void
h_stats_months(struct http_req *req, struct http_resp *resp)
{
	counts_chart(req, resp, "certificates_by_month",
	    _("Certificati pronti per mese"), _("Linea: i certificati pronti "
	    "in ogni mese del periodo; la tabella accanto riporta gli stessi "
	    "numeri."));
}

/* GET /stats/continents.svg: applications by the applicant's continent. */
void
h_stats_continents(struct http_req *req, struct http_resp *resp)
{
	counts_chart(req, resp, "by_continent", _("Domande per continente"),
	    _("Barre: le domande ricevute per continente della cittadinanza "
	    "del richiedente; la tabella accanto riporta gli stessi numeri."));
}

/*
 * GET /stats/release.svg: how many certificates took each number of days,
 * with the comune's target marked (the office's term, 15 days in Prato).
 */
void
h_stats_release(struct http_req *req, struct http_resp *resp)
{
	struct period	 p;
	json_t		*f = figures(req, resp, &p, STATS_READY);
	const char	*labels[62];
	double		 values[62];
	char		 names[62][8], mark[48];
	int		 target = 15;

	if (f == NULL)
		return;
	for (size_t i = 0; i < 62; i++) {
		snprintf(names[i], sizeof(names[i]), i == 61 ? "61+" : "%zu",
		    i);
		labels[i] = names[i];
		values[i] = (double)json_integer_value(json_array_get(
		    json_object_get(f, "release_histogram"), i));
	}
	if (jfield_int(f, "target_days") > 0)
		target = (int)jfield_int(f, "target_days");
	snprintf(mark, sizeof(mark), _("obiettivo: %d giorni"), target);
	resp->status = 200;
	resp->content_type = "image/svg+xml";
	stats_chart_bars(&resp->body, _("Giorni dalla domanda al certificato"),
	    _("Istogramma: quanti certificati hanno richiesto ciascun numero "
	    "di giorni dalla domanda al certificato pronto; la linea segna "
	    "l'obiettivo del comune."), labels, values, 62, target, mark);
	json_decref(f);
}

/* Sends the figures as a file to download: "csv" or "xlsx". */
static void
download(struct http_req *req, struct http_resp *resp, const char *ext)
{
	struct period	 p;
	json_t		*f = figures(req, resp, &p, 0);
	bool		 xlsx = strcmp(ext, "xlsx") == 0;
	char		 cd[96];

	if (f == NULL)
		return;
	if (xlsx && stats_xlsx(f, &resp->body) < 0) {
		buf_reset(&resp->body);
		page_error(req, resp, 500, _("Errore interno"));
		json_decref(f);
		return;
	}
	if (!xlsx)
		stats_lines(&resp->body, f, ';');
	resp->status = 200;
	resp->content_type = xlsx ? "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
	snprintf(cd, sizeof(cd), "attachment; filename=\"idoneo-%s-%s.%s\"",
	    p.from, p.to, ext);
	http_add_header(resp, "Content-Disposition", cd);
	json_decref(f);
}

/* GET /stats/report.pdf: the report to send to the council. */
void
h_stats_report(struct http_req *req, struct http_resp *resp)
{
	struct period		 p;
	struct comune_info	 c;
	json_t			*f = figures(req, resp, &p, 0);
	struct buf		 pdf;
	char			 name[96];

	if (f == NULL)
		return;
	buf_init(&pdf);
	if (stats_report_pdf(f, p.comune_id > 0 && comune_cache_get(
	    store_thread(), p.comune_id, &c) == 0 ? c.name : NULL, &pdf) < 0)
		page_error(req, resp, 500, _("Errore interno"));
	else {
		snprintf(name, sizeof(name), "idoneo-%s-%s.pdf", p.from, p.to);
		page_send_pdf(resp, &pdf, name);
	}
	buf_free(&pdf);
	json_decref(f);
}

/* GET /stats.xlsx: the figures as a workbook. */
void
h_stats_xlsx(struct http_req *req, struct http_resp *resp)
{
	download(req, resp, "xlsx");
}

/* GET /stats.csv: every figure, one a line ("figure;value"). */
void
h_stats_csv(struct http_req *req, struct http_resp *resp)
{
	download(req, resp, "csv");
}
