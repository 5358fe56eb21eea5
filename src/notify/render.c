/*
 * render: see render.h.
 *
 * The catalogs are GNU gettext's, in the domain "idoneo" (po/), looked up
 * under the locale of the applicant's language, set for the calling
 * thread only (uselocale), so that the worker renders any language while
 * the rest of the process stays in C.UTF-8.  Debian's locales-all provides
 * the locales.
 */
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "domain/sms_text.h"
#include "render.h"
#include "templates.h"

#define RENDER_LANGS	16

static pthread_once_t	 render_once = PTHREAD_ONCE_INIT;
static locale_t		 locales[RENDER_LANGS];

/* Makes each language's locale once; a missing one is logged and its
 * messages go in Italian and English. */
static void
make_locales(void)
{
	locale_t base = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);

	for (int i = 0; notify_languages[i].code != NULL && i < RENDER_LANGS;
	    i++) {
		const char	*name = notify_languages[i].locale;
		locale_t	 l, copy;

		if (name == NULL)
			continue;
		copy = base != (locale_t)0 ? duplocale(base) : (locale_t)0;
		l = newlocale(LC_MESSAGES_MASK, name, copy);
		if (l == (locale_t)0) {
			if (copy != (locale_t)0)
				freelocale(copy);
			log_warn("notify: locale %s is missing (install "
			    "locales-all): %s messages go in Italian and "
			    "English", name, notify_languages[i].code);
		}
		locales[i] = l;
	}
	if (base != (locale_t)0)
		freelocale(base);
}

/* Binds the catalogs' folder (the build's po/, or the installed one). */
void
render_init(const char *localedir)
{
	bindtextdomain("idoneo", localedir);
	bind_textdomain_codeset("idoneo", "UTF-8");
	pthread_once(&render_once, make_locales);
}

static int
lang_index(const char *lang)
{
	for (int i = 0; notify_languages[i].code != NULL; i++)
		if (lang != NULL && strcmp(notify_languages[i].code, lang) == 0)
			return i;
	return -1;
}

/*
 * A template's text in lang; *missing says the catalog has none (the
 * Italian source comes back).  Italian itself is never missing.
 */
const char *
render_translate(const char *lang, const char *msgid, bool *missing)
{
	int		 i = lang_index(lang);
	locale_t	 old;
	const char	*s;

	pthread_once(&render_once, make_locales);
	*missing = false;
	if (i >= 0 && notify_languages[i].locale == NULL)
		return msgid;
	if (i < 0 || locales[i] == (locale_t)0) {
		*missing = true;
		return msgid;
	}
	old = uselocale(locales[i]);
	s = dgettext("idoneo", msgid);
	uselocale(old);
	*missing = s == msgid;
	return s;
}

/* The values for an SMS: the free texts and the place cut short. */
static void
sms_values(const struct fill_var *in, size_t n, struct fill_var *out,
    char cut[][160])
{
	for (size_t i = 0; i < n; i++) {
		size_t max = 0;

		out[i] = in[i];
		if (strcmp(in[i].name, "documents") == 0 ||
		    strcmp(in[i].name, "reason") == 0)
			max = RENDER_SMS_FREE;
		else if (strcmp(in[i].name, "place") == 0)
			max = RENDER_SMS_PLACE;
		else if (strcmp(in[i].name, "hours") == 0)
			max = RENDER_SMS_HOURS;
		if (max > 0 && in[i].value != NULL) {
			sms_truncate(in[i].value, max, cut[i], 160);
			out[i].value = cut[i];
		}
	}
}

/*
 * The SMS of an event.  Returns 0 with r->text set, or -1 when a template
 * does not fill (a translation names a value that is not there).
 */
int
render_sms(const char *lang, enum notify_event ev, const struct fill_var *vars,
    size_t n, struct rendered *r)
{
	struct fill_var	 v[RENDER_VARS];
	char		 cut[RENDER_VARS][160];
	const char	*t;
	bool		 missing;

	memset(r, 0, sizeof(*r));
	if (n > RENDER_VARS)
		return -1;
	sms_values(vars, n, v, cut);
	t = ev == NOTIFY_NOTE ? notify_templates[ev].sms :
	    render_translate(lang, notify_templates[ev].sms, &missing);
	if (ev == NOTIFY_NOTE || !missing)
		return (r->text = fill_dup(t, v, n)) != NULL ? 0 : -1;
	{
		char		*it = fill_dup(notify_templates[ev].sms, v, n);
		const char	*en_t = render_translate("en",
				    notify_templates[ev].sms, &missing);
		char		*en = missing ? NULL : fill_dup(en_t, v, n);
		struct buf	 b;

		if (it == NULL) {
			free(en);
			return -1;
		}
		buf_init(&b);
		buf_puts(&b, it);
		if (en != NULL) {
			buf_puts(&b, "\n");
			buf_puts(&b, en);
		}
		free(it);
		free(en);
		r->text = buf_steal(&b);
		r->fallback = true;
		return 0;
	}
}

/* Writes a plain text as HTML paragraphs: a blank line parts them, a line
 * break stays one. */
static void
html_paragraphs(struct buf *b, const char *text)
{
	buf_puts(b, "<p>");
	for (const char *s = text; *s != '\0';) {
		const char	*nl = strchr(s, '\n');
		size_t		 len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		char		*line = strndup(s, len);

		if (line == NULL)
			log_fatal("notify: out of memory");
		buf_html(b, line);
		free(line);
		if (nl == NULL)
			break;
		if (nl[1] == '\n') {
			buf_puts(b, "</p>\n<p>");
			s = nl + 2;
		} else {
			buf_puts(b, "<br>\n");
			s = nl + 1;
		}
	}
	buf_puts(b, "</p>\n");
}

/*
 * One language's e-mail text: greeting, body, footer.  NULL when a
 * template does not fill; *missing when lang has no translation of one.
 */
static char *
email_text(const char *lang, enum notify_event ev, const struct fill_var *v,
    size_t n, char **subject, bool *missing)
{
	const char	*parts[4];
	char		*filled[4] = {NULL, NULL, NULL, NULL};
	struct buf	 b;
	bool		 m;

	*missing = false;
	parts[0] = render_translate(lang, notify_templates[ev].subject, &m);
	*missing |= m;
	parts[1] = render_translate(lang, notify_greeting, &m);
	*missing |= m;
	if (ev == NOTIFY_NOTE)
		parts[2] = notify_templates[ev].body;
	else {
		parts[2] = render_translate(lang, notify_templates[ev].body, &m);
		*missing |= m;
	}
	parts[3] = render_translate(lang, notify_footer, &m);
	*missing |= m;
	for (int i = 0; i < 4; i++)
		if ((filled[i] = fill_dup(parts[i], v, n)) == NULL) {
			for (int k = 0; k < i; k++)
				free(filled[k]);
			return NULL;
		}
	buf_init(&b);
	buf_printf(&b, "%s\n\n%s\n\n-- \n%s\n", filled[1], filled[2],
	    filled[3]);
	*subject = filled[0];
	free(filled[1]);
	free(filled[2]);
	free(filled[3]);
	return buf_steal(&b);
}

/*
 * The e-mail of an event: subject, plain text and HTML.  Returns 0, or -1
 * when a template does not fill.
 */
int
render_email(const char *lang, enum notify_event ev,
    const struct fill_var *vars, size_t n, struct rendered *r)
{
	int		 li = lang_index(lang);
	bool		 missing, rtl = li >= 0 && notify_languages[li].rtl;
	const char	*html_lang = li >= 0 ? lang : "it";
	char		*subject = NULL, *text;
	struct buf	 h;

	memset(r, 0, sizeof(*r));
	if ((text = email_text(lang, ev, vars, n, &subject, &missing)) == NULL)
		return -1;
	if (missing) {
		/* Italian first, then English where there is one. */
		char	*en_subject = NULL, *en;
		bool	 en_missing;

		free(text);
		free(subject);
		if ((text = email_text("it", ev, vars, n, &subject,
		    &en_missing)) == NULL)
			return -1;
		en = email_text("en", ev, vars, n, &en_subject, &en_missing);
		if (en != NULL && !en_missing) {
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "%s\n\n%s", text, en);
			free(text);
			text = buf_steal(&b);
			buf_init(&b);
			buf_printf(&b, "%s / %s", subject, en_subject);
			free(subject);
			subject = buf_steal(&b);
		}
		free(en);
		free(en_subject);
		r->fallback = true;
		rtl = false;
		html_lang = "it";
	}
	buf_init(&h);
	buf_printf(&h, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n"
	    "<head><meta charset=\"utf-8\"><title>", html_lang,
	    rtl ? "rtl" : "ltr");
	buf_html(&h, subject);
	buf_puts(&h, "</title></head>\n<body style=\"font-family: sans-serif; "
	    "line-height: 1.5\">\n");
	html_paragraphs(&h, text);
	buf_puts(&h, "</body>\n</html>\n");
	r->subject = subject;
	r->text = text;
	r->html = buf_steal(&h);
	return 0;
}

void
render_free(struct rendered *r)
{
	free(r->subject);
	free(r->text);
	free(r->html);
	memset(r, 0, sizeof(*r));
}

/*
 * The public pages speak the citizen's language (web/): lang's catalog on
 * this thread, until notify_speak_done with what this returned.  Italian,
 * or a language without its locale, leaves the thread as it was (NULL).
 */
void *
notify_speak(const char *lang)
{
	int	 i = lang_index(lang);

	pthread_once(&render_once, make_locales);
	if (i < 0 || locales[i] == (locale_t)0)
		return NULL;
	return (void *)uselocale(locales[i]);
}

void
notify_speak_done(void *old)
{
	if (old != NULL)
		uselocale((locale_t)old);
}

/* Whether lang is one the intake offers; and whether it reads right to
 * left (Arabic, Urdu). */
bool
notify_language_known(const char *lang)
{
	return lang_index(lang) >= 0;
}

bool
notify_language_rtl(const char *lang)
{
	int	 i = lang_index(lang);

	return i >= 0 && notify_languages[i].rtl;
}
