/*
 * report: the monthly report of the office's numbers as an A4 PDF, to send
 * to the council (docs/stats.md).  It is drawn as the certificate is
 * (cert/pdf.c): cairo's PDF surface, pango for the text and the Noto
 * fonts; the release-time histogram is drawn with cairo, the comune's
 * target marked.  The same figures give the same bytes.
 */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "base/jfield.h"
#include "domain/countries.h"
#include "stats.h"

#define PT_MM		(72.0 / 25.4)
#define PAGE_W		(210 * PT_MM)
#define PAGE_H		(297 * PT_MM)
#define MARGIN		(20 * PT_MM)

struct sheet {
	cairo_t		*cr;
	PangoLayout	*lay;
	double		 y;
};

/* A figure that may be a real number (a median, a share). */
static double
number(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* Writes text at x on the current line, in font ("Noto Sans 10"). */
static double
text(struct sheet *s, double x, const char *font, const char *t)
{
	PangoFontDescription	*fd = pango_font_description_from_string(font);
	int			 w, h;

	pango_layout_set_font_description(s->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(s->lay, t, -1);
	cairo_move_to(s->cr, x, s->y);
	pango_cairo_show_layout(s->cr, s->lay);
	pango_layout_get_pixel_size(s->lay, &w, &h);
	return h;
}

/* A row of the table: a label and its value, then the next line. */
static void
row(struct sheet *s, const char *label, const char *value)
{
	double h = text(s, MARGIN, "Noto Sans 10", label);

	text(s, PAGE_W / 2 + 40, "Noto Sans Bold 10", value);
	s->y += h + 3;
}

static void
row_int(struct sheet *s, const char *label, json_int_t v)
{
	char	 b[32];

	snprintf(b, sizeof(b), "%lld", (long long)v);
	row(s, label, b);
}

/* The histogram of release days (0 to 60 and more), target marked. */
static void
histogram(struct sheet *s, const json_t *h, int target)
{
	double	 x0 = MARGIN, w = PAGE_W - 2 * MARGIN, height = 120;
	double	 bw = w / 62, top = 1, base;
	char	 b[48];

	for (size_t i = 0; i < json_array_size(h); i++)
		if (json_integer_value(json_array_get(h, i)) > top)
			top = (double)json_integer_value(json_array_get(h, i));
	base = s->y + height;
	cairo_set_source_rgb(s->cr, 0, 0.4, 0.8);
	for (size_t i = 0; i < json_array_size(h); i++) {
		double v = (double)json_integer_value(json_array_get(h, i));

		cairo_rectangle(s->cr, x0 + (double)i * bw + bw * 0.1,
		    base - v / top * height, bw * 0.8, v / top * height);
	}
	cairo_fill(s->cr);
	cairo_set_source_rgb(s->cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(s->cr, 0.6);
	cairo_move_to(s->cr, x0, base);
	cairo_line_to(s->cr, x0 + w, base);
	cairo_stroke(s->cr);
	cairo_set_source_rgb(s->cr, 0.65, 0.1, 0.1);
	cairo_set_line_width(s->cr, 1.2);
	cairo_move_to(s->cr, x0 + (target + 1) * bw, s->y);
	cairo_line_to(s->cr, x0 + (target + 1) * bw, base);
	cairo_stroke(s->cr);
	s->y += 2;
	snprintf(b, sizeof(b), "obiettivo: %d giorni", target);
	text(s, x0 + (target + 1) * bw + 3, "Noto Sans 8", b);
	cairo_set_source_rgb(s->cr, 0.1, 0.1, 0.1);
	s->y = base + 3;
	for (int d = 0; d <= 60; d += 10) {
		snprintf(b, sizeof(b), "%d", d);
		text(s, x0 + d * bw, "Noto Sans 8", b);
	}
	s->y += 22;
}

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Draws the report of the figures f for the comune named comune (NULL:
 * every comune) into out.  Returns 0, or -1.
 */
int
stats_report_pdf(const json_t *f, const char *comune, struct buf *out)
{
	cairo_surface_t	*sf;
	struct sheet	 s;
	const json_t	*rd = json_object_get(f, "release_days");
	const json_t	*net = json_object_get(f, "release_days_net");
	const json_t	*bl = json_object_get(f, "backlog");
	const json_t	*cont = json_object_get(f, "by_continent");
	json_int_t	 received = jfield_int(f, "received");
	char		 b[160];
	int		 rc;

	sf = cairo_pdf_surface_create_for_stream(collect, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	/* Fixed metadata: the same figures, the same bytes. */
	snprintf(b, sizeof(b), "%sT00:00:00", jfield_text(f, "to"));
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, b);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, b);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
	    "Idoneità alloggiativa: i numeri dell'ufficio");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "idoneo");
	s.cr = cairo_create(sf);
	s.lay = pango_cairo_create_layout(s.cr);
	s.y = MARGIN;
	cairo_set_source_rgb(s.cr, 0.09, 0.2, 0.42);
	snprintf(b, sizeof(b), "%s%s", comune ? "COMUNE DI " : "TUTTI I "
	    "COMUNI", comune ? comune : "");
	for (char *c = b; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	s.y += text(&s, MARGIN, "Noto Sans Bold 15", b) + 2;
	cairo_set_source_rgb(s.cr, 0.1, 0.1, 0.1);
	s.y += text(&s, MARGIN, "Noto Sans Bold 12", "Certificati di idoneità "
	    "alloggiativa: i numeri dell'ufficio") + 2;
	snprintf(b, sizeof(b), "Dal %s al %s (pratiche aperte al %s)",
	    jfield_text(f, "from"), jfield_text(f, "to"), jfield_text(f,
	    "today"));
	s.y += text(&s, MARGIN, "Noto Sans 10", b) + 14;

	s.y += text(&s, MARGIN, "Noto Sans Bold 11", "Volume") + 4;
	row_int(&s, "Domande ricevute", received);
	row_int(&s, "Certificati pronti", jfield_int(f, "certificates_issued"));
	row_int(&s, "Domande respinte", jfield_int(f, "rejected"));
	row_int(&s, "Domande ritirate", jfield_int(f, "withdrawn"));
	s.y += 10;
	s.y += text(&s, MARGIN, "Noto Sans Bold 11", "Tempi di rilascio "
	    "(giorni dalla domanda al certificato pronto)") + 4;
	snprintf(b, sizeof(b), "%.1f · %lld · %lld", number(rd, "median"),
	    (long long)jfield_int(rd, "p90"), (long long)jfield_int(rd, "max"));
	row(&s, "Mediana · 90° percentile · massimo", b);
	snprintf(b, sizeof(b), "%.1f · %lld · %lld", number(net, "median"),
	    (long long)jfield_int(net, "p90"), (long long)jfield_int(net,
	    "max"));
	row(&s, "Senza le sospensioni", b);
	snprintf(b, sizeof(b), "%lld (%.1f%%)", (long long)jfield_int(
	    json_object_get(f, "within_target"), "count"), 100.0 *
	    number(json_object_get(f, "within_target"), "share"));
	row(&s, "Entro l'obiettivo del comune", b);
	snprintf(b, sizeof(b), "%lld (%.1f%%)", (long long)jfield_int(
	    json_object_get(f, "within_legal_term"), "count"), 100.0 *
	    number(json_object_get(f, "within_legal_term"), "share"));
	row(&s, "Entro il termine di legge", b);
	s.y += 8;
	histogram(&s, json_object_get(f, "release_histogram"),
	    jfield_int(f, "target_days") > 0 ? (int)jfield_int(f,
	    "target_days") : 15);

	s.y += text(&s, MARGIN, "Noto Sans Bold 11", "Richiedenti per "
	    "continente di cittadinanza") + 4;
	for (int k = 0; k < CONTINENT__MAX; k++) {
		json_int_t n = jfield_int(cont, continent_names[k]);

		snprintf(b, sizeof(b), "%lld (%.2f%%)", (long long)n, received ?
		    100.0 * (double)n / (double)received : 0.0);
		row(&s, continent_names[k], b);
	}
	s.y += 10;
	s.y += text(&s, MARGIN, "Noto Sans Bold 11", "Pratiche aperte") + 4;
	row_int(&s, "Aperte", jfield_int(bl, "open"));
	row_int(&s, "A rischio", jfield_int(bl, "at_risk"));
	row_int(&s, "Oltre il termine", jfield_int(bl, "overdue"));

	g_object_unref(s.lay);
	cairo_show_page(s.cr);
	cairo_destroy(s.cr);
	cairo_surface_finish(sf);
	rc = cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(sf);
	return rc;
}
