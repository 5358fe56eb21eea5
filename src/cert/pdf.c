/*
 * pdf: see pdf.h.
 *
 * The text that flows (the applicant, the dwelling, the rooms) must end
 * above the block at the foot of the page (the QR code and the
 * signatory); when it would not, the whole text is set a step smaller and
 * measured again, so that forty rooms and a long name still make one page
 * and nothing is cut.  Names wrap instead of being clipped, and fontconfig finds a Noto
 * font for every script (fonts-noto-core, fonts-noto-cjk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <jansson.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "base/jfield.h"
#include "domain/cert_code.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/i18n.h"
#include "pdf.h"

/* A4 in points, and the margins (about 20 mm at the sides). */
#define PAGE_W		595.276
#define PAGE_H		841.890
#define MARGIN_X	56.0
#define MARGIN_TOP	44.0
#define MARGIN_BOTTOM	36.0
#define TEXT_W		(PAGE_W - 2 * MARGIN_X)
#define FOOT_H		150.0	/* the QR code, signatory and footer */
#define FONT		"Noto Sans"

/* The blue of the comune's header and the greys of labels and rules. */
#define INK_R	0.09
#define INK_G	0.20
#define INK_B	0.40

struct page {
	cairo_t			*cr;
	PangoLayout		*lay;
	const json_t		*s;	/* the snapshot */
	const char		*lang;	/* the second language, or NULL */
	cert_translate_fn	 tr;
	double			 y;	/* where the next line goes */
	double			 k;	/* the scale of every font size */
	int			 draw;	/* 0 while measuring */
};

/*
 * A label in Italian, followed by its translation into the second language
 * when there is one ("Richiedente / 申请人").
 */
static const char *
label(struct page *pg, const char *it, char *out, size_t size)
{
	const char *t = pg->lang != NULL && pg->tr != NULL ?
	    pg->tr(pg->lang, it) : it;

	if (t == it || strcmp(t, it) == 0)
		snprintf(out, size, "%s", it);
	else
		snprintf(out, size, "%s / %s", it, t);
	return out;
}

/*
 * Sets text in a box of width w at (x, y), in size pt (scaled), bold or
 * not, in grey or ink, aligned; draws it when drawing.  Returns its
 * height.
 */
enum tone { TONE_TEXT, TONE_LABEL, TONE_INK, TONE_ALERT };

static double
text(struct page *pg, double x, double y, double w, const char *s,
    double size, int bold, enum tone tone, PangoAlignment align)
{
	PangoFontDescription	*fd = pango_font_description_new();
	int			 pw, ph;

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * pg->k *
	    PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pg->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(pg->lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(pg->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(pg->lay, align);
	pango_layout_set_text(pg->lay, s, -1);
	pango_layout_get_size(pg->lay, &pw, &ph);
	if (pg->draw) {
		switch (tone) {
		case TONE_LABEL:
			cairo_set_source_rgb(pg->cr, 0.35, 0.35, 0.38);
			break;
		case TONE_INK:
			cairo_set_source_rgb(pg->cr, INK_R, INK_G, INK_B);
			break;
		case TONE_ALERT:
			cairo_set_source_rgb(pg->cr, 0.70, 0.05, 0.05);
			break;
		default:
			cairo_set_source_rgb(pg->cr, 0, 0, 0);
		}
		cairo_move_to(pg->cr, x, y);
		pango_cairo_show_layout(pg->cr, pg->lay);
	}
	return (double)ph / PANGO_SCALE;
}

static void
rule(struct page *pg, double y, double width, double grey)
{
	if (!pg->draw)
		return;
	cairo_set_source_rgb(pg->cr, grey, grey, grey);
	cairo_set_line_width(pg->cr, width);
	cairo_move_to(pg->cr, MARGIN_X, y);
	cairo_line_to(pg->cr, PAGE_W - MARGIN_X, y);
	cairo_stroke(pg->cr);
}

/* A section's heading, in small capitals of ink, with a hairline. */
static void
heading(struct page *pg, const char *it)
{
	char	 l[256];

	pg->y += 7 * pg->k;
	pg->y += text(pg, MARGIN_X, pg->y, TEXT_W, label(pg, it, l,
	    sizeof(l)), 8.5, 1, TONE_INK, PANGO_ALIGN_LEFT);
	rule(pg, pg->y + 1, 0.4, 0.6);
	pg->y += 4 * pg->k;
}

/* A row of a label and its value; the value wraps in its column. */
static void
field(struct page *pg, const char *it, const char *value, int bold)
{
	char	 l[256];
	double	 lw = 150, hl, hv;

	hl = text(pg, MARGIN_X, pg->y, lw - 8, label(pg, it, l, sizeof(l)),
	    8, 0, TONE_LABEL, PANGO_ALIGN_LEFT);
	hv = text(pg, MARGIN_X + lw, pg->y - 0.8 * pg->k, TEXT_W - lw, value,
	    9.5, bold, TONE_TEXT, PANGO_ALIGN_LEFT);
	pg->y += (hl > hv ? hl : hv) + 2.5 * pg->k;
}

/* The comune's header: the logo, the comune, its office and address. */
static void
header(struct page *pg)
{
	const json_t	*co = json_object_get(pg->s, "comune");
	const char	*logo = jfield_text(co, "logo");
	char		 b[512];
	double		 x = MARGIN_X, y = MARGIN_TOP, h = 0, rw = 170;

	if (*logo != '\0') {
		cairo_surface_t *img;

		img = cairo_image_surface_create_from_png(logo);
		if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS &&
		    cairo_image_surface_get_height(img) > 0) {
			double sc = 52.0 / cairo_image_surface_get_height(img);
			double lw = cairo_image_surface_get_width(img) * sc;

			if (lw > 120) {
				sc *= 120 / lw;
				lw = 120;
			}
			if (pg->draw) {
				cairo_save(pg->cr);
				cairo_translate(pg->cr, x, y);
				cairo_scale(pg->cr, sc, sc);
				cairo_set_source_surface(pg->cr, img, 0, 0);
				cairo_paint(pg->cr);
				cairo_restore(pg->cr);
			}
			x += lw + 12;
		}
		cairo_surface_destroy(img);
	}
	snprintf(b, sizeof(b), "COMUNE DI %s", jfield_text(co, "name"));
	for (char *p = b; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	h += text(pg, x, y + h, TEXT_W - (x - MARGIN_X) - rw, b, 15, 1,
	    TONE_INK, PANGO_ALIGN_LEFT);
	snprintf(b, sizeof(b), "Provincia di %s", jfield_text(co, "province"));
	h += text(pg, x, y + h, TEXT_W - (x - MARGIN_X) - rw, b, 8, 0,
	    TONE_LABEL, PANGO_ALIGN_LEFT);
	h += text(pg, x, y + h, TEXT_W - (x - MARGIN_X) - rw,
	    jfield_text(co, "office"), 10, 1, TONE_TEXT, PANGO_ALIGN_LEFT);
	if (*jfield_text(co, "address") != '\0')
		h += text(pg, x, y + h, TEXT_W - (x - MARGIN_X) - rw,
		    jfield_text(co, "address"), 8, 0, TONE_LABEL,
		    PANGO_ALIGN_LEFT);
	/* The number, at the right, as on every municipal act. */
	{
		char	 l[256];
		double	 r = 0;

		r += text(pg, PAGE_W - MARGIN_X - rw, y, rw, label(pg,
		    N_("Certificato n."), l, sizeof(l)), 8, 0, TONE_LABEL,
		    PANGO_ALIGN_RIGHT);
		r += text(pg, PAGE_W - MARGIN_X - rw, y + r, rw,
		    jfield_text(pg->s, "number"), 13, 1, TONE_TEXT,
		    PANGO_ALIGN_RIGHT);
		snprintf(b, sizeof(b), "%s %s", "Pratica", jfield_text(pg->s,
		    "protocol"));
		r += text(pg, PAGE_W - MARGIN_X - rw, y + r, rw, b, 8, 0,
		    TONE_LABEL, PANGO_ALIGN_RIGHT);
		if (r > h)
			h = r;
	}
	if (h < 52 && *logo != '\0')
		h = 52;
	pg->y = y + h + 6;
	rule(pg, pg->y, 1.2, 0.15);
	pg->y += 8 * pg->k;
}

/* "COPIA" or "COPIA CONFORME", boxed, on every copy after the original. */
static void
copy_mark(struct page *pg, enum cert_copy copy, int no)
{
	char	 b[160];
	double	 h;

	if (copy == CERT_ORIGINAL)
		return;
	snprintf(b, sizeof(b), copy == CERT_COPY ?
	    "COPIA n. %d - duplicato del certificato originale" :
	    "COPIA CONFORME ALL'ORIGINALE n. %d", no);
	h = text(pg, MARGIN_X, pg->y + 3, TEXT_W, b, 10, 1, TONE_ALERT,
	    PANGO_ALIGN_CENTER);
	if (pg->draw) {
		cairo_set_source_rgb(pg->cr, 0.70, 0.05, 0.05);
		cairo_set_line_width(pg->cr, 1);
		cairo_rectangle(pg->cr, MARGIN_X, pg->y, TEXT_W, h + 6);
		cairo_stroke(pg->cr);
	}
	pg->y += h + 12;
}

/* The title, the law it rests on, and the four facts of the act. */
static void
title(struct page *pg)
{
	static const char *const heads[] = {
		N_("Numero"), N_("Data di rilascio"), N_("Valido fino al"),
		N_("Motivo della richiesta"),
	};
	const char	*it = N_("CERTIFICATO DI IDONEITÀ ALLOGGIATIVA");
	char		 vals[4][256], l[256];
	double		 cw[4] = {95, 85, 85, TEXT_W - 265}, x, hmax = 0;
	int		 d;

	pg->y += text(pg, MARGIN_X, pg->y, TEXT_W, it, 16, 1, TONE_TEXT,
	    PANGO_ALIGN_CENTER);
	if (pg->lang != NULL && pg->tr != NULL && strcmp(pg->tr(pg->lang,
	    it), it) != 0)
		pg->y += text(pg, MARGIN_X, pg->y, TEXT_W, pg->tr(pg->lang,
		    it), 10, 0, TONE_LABEL, PANGO_ALIGN_CENTER);
	pg->y += text(pg, MARGIN_X, pg->y + 1, TEXT_W, "D.Lgs. 25 luglio "
	    "1998 n. 286 e D.P.R. 31 agosto 1999 n. 394; D.M. Sanità 5 luglio "
	    "1975", 7.5, 0, TONE_LABEL, PANGO_ALIGN_CENTER) + 8 * pg->k;

	snprintf(vals[0], sizeof(vals[0]), "%s", jfield_text(pg->s, "number"));
	vals[1][0] = vals[2][0] = '\0';
	if (date_parse(jfield_text(pg->s, "issued_on"), &d))
		date_format_it(d, vals[1]);
	if (date_parse(jfield_text(pg->s, "valid_until"), &d))
		date_format_it(d, vals[2]);
	else
		snprintf(vals[2], sizeof(vals[2]), "%s", "senza scadenza");
	snprintf(vals[3], sizeof(vals[3]), "%s",
	    jfield_text(json_object_get(pg->s, "purpose"), "label"));
	x = MARGIN_X;
	for (int i = 0; i < 4; i++) {
		double h = text(pg, x, pg->y, cw[i] - 6, label(pg, heads[i], l,
		    sizeof(l)), 7, 0, TONE_LABEL, PANGO_ALIGN_LEFT);

		h += text(pg, x, pg->y + h, cw[i] - 6, vals[i], 9.5, 1,
		    TONE_TEXT, PANGO_ALIGN_LEFT);
		if (h > hmax)
			hmax = h;
		x += cw[i];
	}
	pg->y += hmax + 4 * pg->k;
}

static void
applicant(struct page *pg)
{
	const json_t	*a = json_object_get(pg->s, "applicant");
	char		 b[1024], born[DATE_STRLEN] = "";
	int		 d;

	heading(pg, N_("Richiedente"));
	snprintf(b, sizeof(b), "%s %s", jfield_text(a, "surname"),
	    jfield_text(a, "given_names"));
	field(pg, N_("Cognome e nome"), b, 1);
	if (date_parse(jfield_text(a, "birth_date"), &d))
		date_format_it(d, born);
	snprintf(b, sizeof(b), "%s, %s (%s)", born,
	    jfield_text(a, "birth_place"), jfield_text(a, "birth_country"));
	field(pg, N_("Nascita"), b, 0);
	field(pg, N_("Cittadinanza"), jfield_text(a, "citizenship"), 0);
	if (*jfield_text(a, "codice_fiscale") != '\0')
		field(pg, N_("Codice fiscale"), jfield_text(a,
		    "codice_fiscale"), 0);
	snprintf(b, sizeof(b), "%s n. %s", strcmp(jfield_text(a,
	    "id_doc_type"), "passport") == 0 ? "Passaporto" :
	    strcmp(jfield_text(a, "id_doc_type"),
	    "identity_card") == 0 ? "Carta d'identità" : "Documento",
	    jfield_text(a, "id_doc_number"));
	field(pg, N_("Documento"), b, 0);
}

static void
dwelling(struct page *pg)
{
	const json_t	*d = json_object_get(pg->s, "dwelling");
	const json_t	*k = json_object_get(d, "cadastre");
	struct buf	 b;

	heading(pg, N_("Alloggio"));
	buf_init(&b);
	buf_printf(&b, "%s %s", jfield_text(d, "street"), jfield_text(d,
	    "house_number"));
	if (*jfield_text(d, "scala") != '\0')
		buf_printf(&b, ", scala %s", jfield_text(d, "scala"));
	if (*jfield_text(d, "interno") != '\0')
		buf_printf(&b, ", interno %s", jfield_text(d, "interno"));
	if (*jfield_text(d, "floor") != '\0')
		buf_printf(&b, ", piano %s", jfield_text(d, "floor"));
	buf_printf(&b, " - %s %s", jfield_text(d, "cap"),
	    jfield_text(json_object_get(pg->s, "comune"), "name"));
	field(pg, N_("Indirizzo"), buf_str(&b), 1);
	buf_reset(&b);
	if (*jfield_text(k, "sezione") != '\0')
		buf_printf(&b, "Sezione %s, ", jfield_text(k, "sezione"));
	buf_printf(&b, "Foglio %s, Particella %s", jfield_text(k, "foglio"),
	    jfield_text(k, "particella"));
	if (*jfield_text(k, "subalterno") != '\0')
		buf_printf(&b, ", Subalterno %s", jfield_text(k, "subalterno"));
	if (*jfield_text(k, "category") != '\0')
		buf_printf(&b, ", Categoria %s", jfield_text(k, "category"));
	field(pg, N_("Dati catastali"), buf_str(&b), 0);
	buf_free(&b);
}

/* The rooms: number, name, use and area, with the two totals. */
static void
rooms(struct page *pg)
{
	static const char *const heads[] = {
		N_("N."), N_("Vano"), N_("Destinazione"), N_("Superficie m²"),
	};
	const double	 cw[4] = {26, 190, 160, TEXT_W - 376};
	const json_t	*r;
	char		 a[DEC2_STRLEN], n[24], l[256];
	size_t		 i;
	double		 x, h, hmax;

	heading(pg, N_("Vani dell'alloggio"));
	x = MARGIN_X;
	hmax = 0;
	for (int c = 0; c < 4; c++) {
		h = text(pg, x, pg->y, cw[c] - 6, label(pg, heads[c], l,
		    sizeof(l)), 7, 1, TONE_LABEL, c == 3 ? PANGO_ALIGN_RIGHT :
		    PANGO_ALIGN_LEFT);
		hmax = h > hmax ? h : hmax;
		x += cw[c];
	}
	pg->y += hmax + 1.5 * pg->k;
	json_array_foreach(json_object_get(pg->s, "rooms"), i, r) {
		const char *cells[4];

		snprintf(n, sizeof(n), "%zu", i + 1);
		dec2_format(jfield_int(r, "area"), a, ',');
		cells[0] = n;
		cells[1] = jfield_text(r, "name");
		cells[2] = jfield_text(r, "label");
		cells[3] = a;
		if (pg->draw && i % 2 == 0) {
			cairo_set_source_rgb(pg->cr, 0.94, 0.95, 0.97);
			cairo_rectangle(pg->cr, MARGIN_X - 3, pg->y - 0.5,
			    TEXT_W + 6, 12.2 * pg->k);
			cairo_fill(pg->cr);
		}
		x = MARGIN_X;
		hmax = 0;
		for (int c = 0; c < 4; c++) {
			h = text(pg, x, pg->y, cw[c] - 6, cells[c], 8.5, 0,
			    TONE_TEXT, c == 3 ? PANGO_ALIGN_RIGHT :
			    PANGO_ALIGN_LEFT);
			hmax = h > hmax ? h : hmax;
			x += cw[c];
		}
		pg->y += hmax + 0.8 * pg->k;
	}
	rule(pg, pg->y + 1, 0.4, 0.6);
	pg->y += 3 * pg->k;
	{
		static const char *const totals[] = {
			N_("Superficie abitabile"), N_("Superficie totale"),
		};
		static const char *const keys[] = {
			"habitable_area", "total_area",
		};

		for (int t = 0; t < 2; t++) {
			dec2_format(jfield_int(pg->s, keys[t]), a, ',');
			h = text(pg, MARGIN_X + 26, pg->y, 350, label(pg,
			    totals[t], l, sizeof(l)), 8.5, 1, TONE_TEXT,
			    PANGO_ALIGN_LEFT);
			text(pg, MARGIN_X + 376, pg->y, cw[3] - 6, a, 8.5, 1,
			    TONE_TEXT, PANGO_ALIGN_RIGHT);
			pg->y += h + 0.5 * pg->k;
		}
	}
}

/* A line of the finding: a label, and its number at the right. */
static void
result_row(struct page *pg, const char *it, int64_t n)
{
	char	 b[32], l[256];
	double	 h;

	snprintf(b, sizeof(b), "%lld", (long long)n);
	h = text(pg, MARGIN_X + 8, pg->y, 300, label(pg, it, l, sizeof(l)), 9,
	    0, TONE_TEXT, PANGO_ALIGN_LEFT);
	text(pg, PAGE_W - MARGIN_X - 108, pg->y, 100, b, 9.5, 1, TONE_TEXT,
	    PANGO_ALIGN_RIGHT);
	pg->y += h + 1 * pg->k;
}

/* The finding, in a box: what the certificate is for. */
static void
result(struct page *pg)
{
	char	 b[512], l[256];
	double	 top, h;

	pg->y += 8 * pg->k;
	top = pg->y;
	pg->y += 6 * pg->k;
	snprintf(b, sizeof(b), "Visti gli atti e gli accertamenti d'ufficio, "
	    "SI CERTIFICA che l'alloggio sopra descritto è idoneo ad "
	    "ospitare al massimo %lld persone.", (long long)jfield_int(pg->s,
	    "max_occupants"));
	pg->y += text(pg, MARGIN_X + 8, pg->y, TEXT_W - 16, b, 9, 0,
	    TONE_TEXT, PANGO_ALIGN_LEFT) + 3 * pg->k;
	h = text(pg, MARGIN_X + 8, pg->y, 300, label(pg,
	    N_("Numero massimo di occupanti"), l, sizeof(l)), 10, 1,
	    TONE_INK, PANGO_ALIGN_LEFT);
	snprintf(b, sizeof(b), "%lld", (long long)jfield_int(pg->s,
	    "max_occupants"));
	{
		/* The number, large, on the label's line and its own height. */
		double hn = text(pg, PAGE_W - MARGIN_X - 108, pg->y - 4 * pg->k,
		    100, b, 18, 1, TONE_INK, PANGO_ALIGN_RIGHT) - 4 * pg->k;

		pg->y += (hn > h ? hn : h) + 3 * pg->k;
	}
	result_row(pg, N_("Residenti attuali"), jfield_int(pg->s, "residents"));
	result_row(pg, N_("Posti ancora disponibili"), jfield_int(pg->s,
	    "places_available"));
	pg->y += 5 * pg->k;
	if (pg->draw) {
		cairo_set_source_rgb(pg->cr, INK_R, INK_G, INK_B);
		cairo_set_line_width(pg->cr, 1.2);
		cairo_rectangle(pg->cr, MARGIN_X, top, TEXT_W, pg->y - top);
		cairo_stroke(pg->cr);
	}
	pg->y += 6 * pg->k;
}

/* The hygiene attestation, the rules applied, the stamp, the correction. */
static void
notes(struct page *pg)
{
	const json_t	*hy = json_object_get(pg->s, "hygiene");
	const json_t	*ru = json_object_get(pg->s, "rules");
	const char	*basis = jfield_text(hy, "basis");
	char		 b[512];

	if (json_is_true(json_object_get(hy, "required")))
		field(pg, N_("Idoneità igienico-sanitaria"),
		    strcmp(basis, "inspection") == 0 ? "Attestata a seguito "
		    "di sopralluogo dell'ufficio" : strcmp(basis,
		    "declaration") == 0 ? "Attestata sulla base della "
		    "dichiarazione del proprietario" : "Non attestata", 0);
	else
		field(pg, N_("Idoneità igienico-sanitaria"), "Non richiesta "
		    "per il motivo della richiesta", 0);
	snprintf(b, sizeof(b), "Regole \"%s\", versione %lld (D.M. Sanità "
	    "5 luglio 1975 e regolamento comunale)", jfield_text(ru, "id"),
	    (long long)jfield_int(ru, "version"));
	field(pg, N_("Criteri di calcolo"), b, 0);
	if (*jfield_text(pg->s, "stamp") != '\0')
		field(pg, N_("Marca da bollo"), jfield_text(pg->s, "stamp"), 0);
	if (*jfield_text(pg->s, "supersedes") != '\0') {
		snprintf(b, sizeof(b), "Il presente certificato annulla e "
		    "sostituisce il certificato n. %s", jfield_text(pg->s,
		    "supersedes"));
		field(pg, N_("Rettifica"), b, 1);
	}
}

/*
 * The QR code of url, size points wide, its corner at (x, y): one pixel
 * per module, scaled up without smoothing, which keeps the modules sharp
 * and the file small.
 */
static void
qr(struct page *pg, double x, double y, double size, const char *url)
{
	cairo_surface_t	*img;
	cairo_pattern_t	*pat;
	QRcode		*q;
	unsigned char	*px;
	int		 stride;

	if (!pg->draw || (q = QRcode_encodeString(url, 0, QR_ECLEVEL_M,
	    QR_MODE_8, 1)) == NULL)
		return;
	img = cairo_image_surface_create(CAIRO_FORMAT_A8, q->width, q->width);
	cairo_surface_flush(img);
	px = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (int r = 0; px != NULL && r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			px[r * stride + c] = q->data[r * q->width + c] & 1 ?
			    255 : 0;
	cairo_surface_mark_dirty(img);
	cairo_save(pg->cr);
	cairo_translate(pg->cr, x, y);
	cairo_scale(pg->cr, size / q->width, size / q->width);
	cairo_set_source_rgb(pg->cr, 0, 0, 0);
	pat = cairo_pattern_create_for_surface(img);
	cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
	cairo_mask(pg->cr, pat);
	cairo_pattern_destroy(pat);
	cairo_restore(pg->cr);
	cairo_surface_destroy(img);
	QRcode_free(q);
}

/* The foot: the QR code and how to verify; the signatory; the seal. */
static void
foot(struct page *pg, const struct cert_sealed *sealed)
{
	const json_t	*sg = json_object_get(pg->s, "signatory");
	char		 code[CERT_CODE_SHOWN_STRLEN], b[512], l[256];
	double		 top = PAGE_H - MARGIN_BOTTOM - FOOT_H, y, qs = 92;
	double		 tx = MARGIN_X + qs + 12, tw = 170;
	double		 sx = MARGIN_X + TEXT_W - 200, sw = 200;

	rule(pg, top, 0.8, 0.15);
	top += 10;
	qr(pg, MARGIN_X, top, qs, jfield_text(pg->s, "verify_url"));
	y = top;
	y += text(pg, tx, y, tw, label(pg, N_("Verifica del certificato"), l,
	    sizeof(l)), 8, 1, TONE_INK, PANGO_ALIGN_LEFT) + 2;
	y += text(pg, tx, y, tw, "Inquadrare il codice QR o aprire l'indirizzo "
	    "e digitare il codice di verifica:", 7, 0, TONE_LABEL,
	    PANGO_ALIGN_LEFT) + 2;
	snprintf(b, sizeof(b), "%s", jfield_text(pg->s, "verify_url"));
	{
		/* The address without the code, which follows in large. */
		char *slash = strrchr(b, '/');

		if (slash != NULL && slash > b)
			slash[1] = '\0';
	}
	y += text(pg, tx, y, tw, b, 7.5, 0, TONE_TEXT, PANGO_ALIGN_LEFT) + 2;
	cert_code_show(jfield_text(pg->s, "code"), code);
	text(pg, tx, y, tw, code, 12, 1, TONE_TEXT, PANGO_ALIGN_LEFT);

	y = top;
	y += text(pg, sx, y, sw, "Il responsabile del procedimento", 8, 0,
	    TONE_LABEL, PANGO_ALIGN_CENTER);
	y += text(pg, sx, y, sw, jfield_text(sg, "name"), 10, 1, TONE_TEXT,
	    PANGO_ALIGN_CENTER);
	if (*jfield_text(sg, "title") != '\0' && strcmp(jfield_text(sg,
	    "title"), jfield_text(sg, "name")) != 0)
		y += text(pg, sx, y, sw, jfield_text(sg, "title"), 7.5, 0,
		    TONE_LABEL, PANGO_ALIGN_CENTER);
	y += 6;
	text(pg, sx, y, sw, "Firma autografa sostituita a mezzo stampa / "
	    "contrassegno elettronico (art. 23 CAD, D.Lgs. 82/2005)", 7, 0,
	    TONE_LABEL, PANGO_ALIGN_CENTER);

	snprintf(b, sizeof(b), "Documento sigillato elettronicamente "
	    "(Ed25519), chiave %s. Pagina 1 di 1.", sealed->kid);
	text(pg, MARGIN_X, PAGE_H - MARGIN_BOTTOM - 10, TEXT_W, b, 6.5, 0,
	    TONE_LABEL, PANGO_ALIGN_CENTER);
}

/* Lays out (or draws) everything above the foot; returns where it ends. */
static double
body(struct page *pg, const struct cert_sealed *sealed)
{
	pg->y = MARGIN_TOP;
	header(pg);
	copy_mark(pg, sealed->copy, sealed->copy_no);
	title(pg);
	applicant(pg);
	dwelling(pg);
	rooms(pg);
	result(pg);
	notes(pg);
	return pg->y;
}

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Renders the certificate sealed into out (appended).  tr translates the
 * labels into the second language.  Returns 0, or -1 when the snapshot is
 * not a certificate's or cairo fails.
 */
int
cert_pdf_render(const struct cert_sealed *sealed, cert_translate_fn tr,
    struct buf *out)
{
	cairo_surface_t	*sf;
	struct page	 pg;
	json_t		*s;
	char		*seal = NULL, date[32], title[160];
	int		 rc = -1;

	if ((s = json_loadb(sealed->snapshot, sealed->len, 0, NULL)) == NULL ||
	    !json_is_object(s))
		goto out_json;
	memset(&pg, 0, sizeof(pg));
	pg.s = s;
	pg.tr = tr;
	pg.lang = json_string_value(json_object_get(s, "language"));
	pg.k = 1.0;
	sf = cairo_pdf_surface_create_for_stream(collect, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	/*
	 * Fixed metadata: the issue date stands for both dates, so the bytes
	 * depend on the snapshot only.
	 */
	snprintf(date, sizeof(date), "%sT00:00:00", jfield_text(s,
	    "issued_on"));
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE,
	    date);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
	snprintf(title, sizeof(title), "Certificato di idoneità alloggiativa "
	    "n. %s", jfield_text(s, "number"));
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	snprintf(title, sizeof(title), "Comune di %s",
	    jfield_text(json_object_get(s, "comune"), "name"));
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR, title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "idoneo");
	if ((seal = cert_seal_line(sealed)) != NULL)
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_KEYWORDS, seal);
	/*
	 * The body is drawn into a group and measured; when it ends above
	 * the foot the group is painted on the page, else it is dropped and
	 * drawn again a step smaller.  One layout pass, not two, when it
	 * fits (bench/cert).
	 */
	pg.draw = 1;
	pg.cr = cairo_create(sf);
	pg.lay = pango_cairo_create_layout(pg.cr);
	for (;;) {
		cairo_pattern_t	*group;
		double		 end;

		cairo_push_group(pg.cr);
		end = body(&pg, sealed);
		group = cairo_pop_group(pg.cr);
		if (end <= PAGE_H - MARGIN_BOTTOM - FOOT_H - 6 ||
		    pg.k <= 0.55) {
			cairo_set_source(pg.cr, group);
			cairo_paint(pg.cr);
			cairo_pattern_destroy(group);
			break;
		}
		cairo_pattern_destroy(group);
		pg.k -= 0.05;
	}
	pg.k = 1.0;
	foot(&pg, sealed);
	g_object_unref(pg.lay);
	cairo_show_page(pg.cr);
	cairo_destroy(pg.cr);
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS && seal != NULL)
		rc = 0;
	cairo_surface_destroy(sf);
	free(seal);
out_json:
	json_decref(s);
	return rc;
}
