/*
 * Messages to the applicant: how the network bills an SMS (GSM-7 at
 * 160/153, UCS-2 at 70/67, 3GPP TS 23.038 and 23.040), named placeholders,
 * and every template in every language the intake offers: translated, with
 * the placeholders of the Italian source, and every SMS within two
 * messages with the longest values the renderer lets in.  A language with
 * no catalog gets Italian and English.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/fill.h"
#include "domain/sms_text.h"
#include "notify/render.h"
#include "notify/templates.h"

static struct sms_size
measure(const char *s)
{
	struct sms_size sz;

	assert_int_equal(sms_measure(s, &sz), 0);
	return sz;
}

static char *
repeat(const char *unit, int n)
{
	size_t	 len = strlen(unit);
	char	*s = malloc(len * n + 1);

	for (int i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

static void
expect(const char *unit, int n, enum sms_coding c, int units, int segments)
{
	char		*s = repeat(unit, n);
	struct sms_size	 sz = measure(s);

	assert_int_equal(sz.coding, c);
	assert_int_equal(sz.units, units);
	assert_int_equal(sz.segments, segments);
	free(s);
}

static void
gsm7_boundaries(void **state)
{
	expect("a", 160, SMS_GSM7, 160, 1);
	expect("a", 161, SMS_GSM7, 161, 2);
	expect("a", 306, SMS_GSM7, 306, 2);
	expect("a", 307, SMS_GSM7, 307, 3);
	/* Italian accents are in the default alphabet. */
	expect("è", 160, SMS_GSM7, 160, 1);
	/* The euro sign takes an escape: two septets. */
	expect("€", 80, SMS_GSM7, 160, 1);
	expect("€", 81, SMS_GSM7, 162, 2);
	/* An escape pair is never cut: 76 pairs fill 152 of a part's 153. */
	expect("€", 153, SMS_GSM7, 306, 3);
}

static void
ucs2_boundaries(void **state)
{
	expect("界", 70, SMS_UCS2, 70, 1);
	expect("界", 71, SMS_UCS2, 71, 2);
	expect("界", 134, SMS_UCS2, 134, 2);
	expect("界", 135, SMS_UCS2, 135, 3);
	/* One character outside GSM-7 makes the whole text UCS-2. */
	expect("ç", 1, SMS_UCS2, 1, 1);
	expect("ë", 70, SMS_UCS2, 70, 1);
	/* Outside the BMP: a surrogate pair, never cut. */
	expect("😀", 35, SMS_UCS2, 70, 1);
	expect("😀", 67, SMS_UCS2, 134, 3);
}

static void
not_utf8_is_refused(void **state)
{
	struct sms_size sz;

	assert_int_equal(sms_measure("\xC3", &sz), -1);
	assert_int_equal(sms_measure("\xC0\x80", &sz), -1);
	assert_int_equal(sms_measure("\xED\xA0\x80", &sz), -1);
}

static void
truncate_marks_the_cut(void **state)
{
	char out[64];

	sms_truncate("abcdefgh", 6, out, sizeof(out));
	assert_string_equal(out, "abc...");
	sms_truncate("abcdef", 6, out, sizeof(out));
	assert_string_equal(out, "abcdef");
	sms_truncate("案件案件案件案件", 6, out, sizeof(out));
	assert_string_equal(out, "案件案...");
}

static void
fill_placeholders(void **state)
{
	struct fill_var	 v[] = {{"case", "2026/0000001"}, {"code", "AB"}};
	char		*s, names[4][32];

	s = fill_dup("Pratica {case}, codice {code}; {case}", v, 2);
	assert_string_equal(s, "Pratica 2026/0000001, codice AB; 2026/0000001");
	free(s);
	s = fill_dup("{{x}} {case}", v, 2);
	assert_string_equal(s, "{x} 2026/0000001");
	free(s);
	assert_null(fill_dup("{missing}", v, 2));
	assert_null(fill_dup("a { b", v, 2));
	assert_null(fill_dup("a } b", v, 2));
	assert_int_equal(fill_names("{b} {a} {b}", names, 4), 2);
	assert_string_equal(names[0], "b");
	assert_string_equal(names[1], "a");
}

/* The longest values a message may carry (render.h cuts longer ones). */
static const struct fill_var longest[] = {
	{"case", "2026/0000123"}, {"code", "ABCDEFGHJK"},
	{"comune", "San Valentino in Abruzzo Citeriore"},
	{"office", "Servizio Immigrazione e Cittadinanza"},
	{"name", "Maria Guadalupe Fernández de la Concepción"},
	{"place", "Sportello Immigrazione, Piazza del Comune 2, 59100 Prato"},
	{"hours", "lunedì-venerdì 9-13, giovedì anche 15-17"},
	{"documents", "planimetria firmata da un tecnico, contratto registrato"},
	{"reason", "superficie insufficiente per il numero di persone richiesto"},
	{"text", "x"}, {"by", "31/12/2026"}, {"date", "31/12/2026"},
	{"expires", "31/12/2026"}, {"pickup", "482 913 075"},
	{"until", "31/12/2026"}, {"otp", "483920"},
	{"link", "https://servizi.comune.example.it/domanda/riprendi?t="
	    "Xq3v9dA0k2LmNw7pR5sT1uYbZc8eFgHiJoKl4MnOpQr"},
};
#define NLONGEST	(sizeof(longest) / sizeof(longest[0]))

/* The placeholders of a text, sorted, as one string. */
static void
names_of(const char *t, char *out, size_t outsz)
{
	char	 names[16][32];
	int	 n = fill_names(t, names, 16);

	assert_true(n >= 0);
	qsort(names, n, sizeof(names[0]), (int (*)(const void *,
	    const void *))strcmp);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strncat(out, names[i], outsz - strlen(out) - 2);
		strncat(out, " ", outsz - strlen(out) - 1);
	}
}

static void
same_placeholders(const char *lang, const char *msgid)
{
	bool		 missing;
	const char	*t = render_translate(lang, msgid, &missing);
	char		 a[256], b[256];

	if (missing)
		fail_msg("%s has no translation of \"%.40s\"", lang, msgid);
	names_of(msgid, a, sizeof(a));
	names_of(t, b, sizeof(b));
	if (strcmp(a, b) != 0)
		fail_msg("%s: \"%.40s\" names {%s}, its translation {%s}", lang,
		    msgid, a, b);
}

/*
 * Two SMS at most, with the longest values; three for the messages of the
 * collection, which carry a place, its hours and a code or a date, and for
 * a draft's link, which is long.
 */
static int
max_segments(int e)
{
	return e == NOTIFY_CERT_READY || e == NOTIFY_RECALLED ||
	    e == NOTIFY_PICKUP_REMINDER || e == NOTIFY_DRAFT_LINK ? 3 : 2;
}

static void
every_language_every_event(void **state)
{
	for (int l = 0; notify_languages[l].code != NULL; l++) {
		const char *lang = notify_languages[l].code;

		for (int e = 0; e < NOTIFY_EVENT__MAX; e++) {
			struct rendered	 r;
			struct sms_size	 sz;

			if (e != NOTIFY_NOTE && l > 0) {
				same_placeholders(lang, notify_templates[e].sms);
				same_placeholders(lang,
				    notify_templates[e].subject);
				same_placeholders(lang, notify_templates[e].body);
			}
			assert_int_equal(render_sms(lang, e, longest, NLONGEST,
			    &r), 0);
			assert_false(r.fallback);
			assert_int_equal(sms_measure(r.text, &sz), 0);
			if (sz.segments > max_segments(e))
				fail_msg("%s %s: %d SMS: %s", lang,
				    notify_event_names[e], sz.segments, r.text);
			render_free(&r);
			assert_int_equal(render_email(lang, e, longest, NLONGEST,
			    &r), 0);
			assert_false(r.fallback);
			assert_null(strchr(r.subject, '{'));
			assert_non_null(strstr(r.html, notify_languages[l].rtl ?
			    "dir=\"rtl\"" : "dir=\"ltr\""));
			render_free(&r);
		}
		if (l > 0) {
			same_placeholders(lang, notify_greeting);
			same_placeholders(lang, notify_footer);
		}
	}
}

static void
chinese_is_chinese(void **state)
{
	struct rendered r;

	assert_int_equal(render_sms("zh", NOTIFY_RECEIVED, longest, NLONGEST,
	    &r), 0);
	assert_non_null(strstr(r.text, "申请已收到"));
	assert_non_null(strstr(r.text, "ABCDEFGHJK"));
	render_free(&r);
	assert_int_equal(render_email("ur", NOTIFY_REJECTED, longest, NLONGEST,
	    &r), 0);
	/* The e-mail carries the whole reason; the SMS a cut one. */
	assert_non_null(strstr(r.text, "superficie insufficiente per il "
	    "numero di persone richiesto"));
	assert_non_null(strstr(r.html, "lang=\"ur\""));
	render_free(&r);
}

static void
unknown_language_gets_italian_and_english(void **state)
{
	struct rendered	 r;
	struct sms_size	 sz;

	for (int e = 0; e < NOTIFY_EVENT__MAX; e++) {
		if (e == NOTIFY_NOTE)
			continue;
		assert_int_equal(render_sms("de", e, longest, NLONGEST, &r), 0);
		assert_true(r.fallback);
		assert_int_equal(sms_measure(r.text, &sz), 0);
		/* Italian and English are GSM-7: both fit in two (three). */
		if (sz.segments > max_segments(e))
			fail_msg("de %s: %d SMS", notify_event_names[e],
			    sz.segments);
		render_free(&r);
	}
	assert_int_equal(render_email("de", NOTIFY_RECEIVED, longest, NLONGEST,
	    &r), 0);
	assert_true(r.fallback);
	assert_non_null(strstr(r.text, "ha ricevuto la sua domanda"));
	assert_non_null(strstr(r.text, "has received your application"));
	assert_non_null(strstr(r.subject, "Domanda ricevuta"));
	assert_non_null(strstr(r.subject, "Application received"));
	render_free(&r);
}

static void
html_is_escaped(void **state)
{
	struct fill_var	 v[NLONGEST];
	struct rendered	 r;

	memcpy(v, longest, sizeof(v));
	for (size_t i = 0; i < NLONGEST; i++)
		if (strcmp(v[i].name, "reason") == 0)
			v[i].value = "<script>alert(1)</script> & co";
	assert_int_equal(render_email("it", NOTIFY_REJECTED, v, NLONGEST, &r),
	    0);
	assert_null(strstr(r.html, "<script>"));
	assert_non_null(strstr(r.html, "&lt;script&gt;"));
	render_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gsm7_boundaries),
		cmocka_unit_test(ucs2_boundaries),
		cmocka_unit_test(not_utf8_is_refused),
		cmocka_unit_test(truncate_marks_the_cut),
		cmocka_unit_test(fill_placeholders),
		cmocka_unit_test(every_language_every_event),
		cmocka_unit_test(chinese_is_chinese),
		cmocka_unit_test(unknown_language_gets_italian_and_english),
		cmocka_unit_test(html_is_escaped),
	};

	unsetenv("LANGUAGE");
	render_init(BUILD_LOCALEDIR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
