/*
 * intake: validation of an application document.  See intake.h.
 *
 * Fields follow the Prato procedure (Modello 1 and its annexes; domain.md
 * §4): the applicant with identity document and residence permit, the
 * purpose (D.Lgs. 286/1998 and DPR 394/1999), the title on the dwelling, the
 * dwelling with its rooms, current residents and persons to be hosted, fees
 * and revenue stamps (DPR 642/1972), and the checklist of documents.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codice_fiscale.h"
#include "countries.h"
#include "date.h"
#include "decimal.h"
#include "i18n.h"
#include "eligibility.h"
#include "intake.h"
#include "phone.h"

const struct choice intake_purposes[] = {
	{"family_reunification", N_("Ricongiungimento familiare (art. 29 "
	    "D.Lgs. 286/1998)")},
	{"family_cohesion", N_("Coesione familiare / familiare al seguito "
	    "(artt. 29-30)")},
	{"work_contract", N_("Contratto di soggiorno per lavoro (art. 5-bis)")},
	{"eu_long_term_family", N_("Permesso UE per soggiornanti di lungo "
	    "periodo per familiari (art. 9)")},
	{"entry_quota_work", N_("Lavoro con decreto flussi (art. 22)")},
	{"self_employment", N_("Lavoro autonomo")},
	{"study", N_("Studio")},
	{"healthcare", N_("Cure mediche")},
	{"other", N_("Altro")},
	{NULL, NULL},
};

const struct choice intake_titles[] = {
	{"owner", N_("Proprietario")},
	{"tenant", N_("Locatario (contratto registrato)")},
	{"comodato", N_("Comodatario")},
	{"guest", N_("Ospite (dichiarazione di ospitalità)")},
	{"employer", N_("Alloggio fornito dal datore di lavoro")},
	{NULL, NULL},
};

const struct choice intake_documents[] = {
	{"id_document", N_("Documento d'identità")},
	{"residence_permit", N_("Permesso di soggiorno o ricevuta")},
	{"title_deed", N_("Titolo di disponibilità dell'alloggio")},
	{"floor_plan", N_("Planimetria con superfici e altezze")},
	{"hygiene_declaration", N_("Dichiarazione igienico-sanitaria del "
	    "proprietario")},
	{"conformity_declaration", N_("Conformità impianti (DM 37/2008)")},
	{"fee_receipt", N_("Ricevuta tariffa istruttoria")},
	{"stamps", N_("Marche da bollo")},
	{NULL, NULL},
};

const struct choice intake_payment_kinds[] = {
	{"fee", N_("Tariffa istruttoria")},
	{"stamp", N_("Marca da bollo")},
	{"copy", N_("Copia conforme")},
	{NULL, NULL},
};

/* How an application reached the office. */
const struct choice intake_channels[] = {
	{"counter", N_("Sportello")},
	{"association", N_("Associazione")},
	{"online", N_("Online")},
	{"api", N_("Sistema esterno (API)")},
	{NULL, NULL},
};

const struct choice intake_payment_channels[] = {
	{"pagopa", N_("PagoPA")},
	{"tserve", N_("Punto T-Serve")},
	{"cash", N_("Contanti allo sportello")},
	{"pos", N_("POS allo sportello")},
	{"tobacconist", N_("Tabaccheria (contrassegno)")},
	{"postal", N_("Bollettino postale")},
	{NULL, NULL},
};

const struct choice intake_languages[] = {
	{"it", "Italiano"}, {"zh", "中文"}, {"en", "English"},
	{"sq", "Shqip"}, {"ro", "Română"}, {"ur", "اردو"},
	{"ar", "العربية"}, {"fr", "Français"}, {"bn", "বাংলা"},
	{NULL, NULL},
};

const struct choice intake_id_doc_types[] = {
	{"passport", N_("Passaporto")},
	{"identity_card", N_("Carta d'identità")},
	{"other", N_("Altro documento")},
	{NULL, NULL},
};

const struct choice intake_permit_types[] = {
	{"permit", N_("Permesso di soggiorno")},
	{"receipt", N_("Ricevuta di rinnovo")},
	{"visa", N_("Visto d'ingresso")},
	{"none", N_("Non richiesto")},
	{NULL, NULL},
};

const struct choice intake_sexes[] = {
	{"M", N_("Maschio")},
	{"F", N_("Femmina")},
	{NULL, NULL},
};

enum ftype {
	F_TEXT,
	F_BIRTH,	/* a date in the past */
	F_DATE,		/* any real date (expiry) */
	F_CF,
	F_PHONE,
	F_EMAIL,
	F_CHOICE,
	F_BOOL,
	F_AREA,		/* m² with two decimals → hundredths */
	F_HEIGHT,	/* m with two decimals → cm */
	F_MONEY,	/* € with two decimals → cents */
	F_COUNTRY,	/* ISO 3166-1: its Italian name or its code */
};

struct field {
	const char		*key;
	const char		*label;
	enum ftype		 type;
	bool			 required;
	int			 maxlen;
	const struct choice	*choices;
};

static const struct field applicant_fields[] = {
	{"surname", N_("Cognome"), F_TEXT, true, 100, NULL},
	{"given_names", N_("Nome"), F_TEXT, true, 100, NULL},
	{"sex", N_("Sesso"), F_CHOICE, true, 0, intake_sexes},
	{"birth_date", N_("Data di nascita"), F_BIRTH, true, 0, NULL},
	{"birth_place", N_("Luogo di nascita"), F_TEXT, true, 100, NULL},
	{"birth_country", N_("Stato di nascita"), F_COUNTRY, true, 100, NULL},
	{"citizenship", N_("Cittadinanza"), F_COUNTRY, true, 100, NULL},
	{"codice_fiscale", N_("Codice fiscale"), F_CF, false, 0, NULL},
	{"cf_missing_reason", N_("Motivo dell'assenza del codice fiscale"),
	    F_TEXT, false, 200, NULL},
	{"id_doc_type", N_("Tipo di documento d'identità"), F_CHOICE, true, 0,
	    intake_id_doc_types},
	{"id_doc_number", N_("Numero del documento d'identità"), F_TEXT, true,
	    40, NULL},
	{"id_doc_expiry", N_("Scadenza del documento d'identità"), F_DATE,
	    false, 0, NULL},
	{"permit_type", N_("Titolo di soggiorno"), F_CHOICE, true, 0,
	    intake_permit_types},
	{"permit_number", N_("Numero del titolo di soggiorno"), F_TEXT, false,
	    40, NULL},
	{"permit_expiry", N_("Scadenza del titolo di soggiorno"), F_DATE,
	    false, 0, NULL},
	{"phone", N_("Cellulare"), F_PHONE, false, 0, NULL},
	{"email", N_("E-mail"), F_EMAIL, false, 254, NULL},
	{"language", N_("Lingua preferita"), F_CHOICE, true, 0,
	    intake_languages},
	{"notify_sms", N_("Avvisi via SMS"), F_BOOL, false, 0, NULL},
	{"notify_email", N_("Avvisi via e-mail"), F_BOOL, false, 0, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

static const struct field dwelling_fields[] = {
	{"street", N_("Indirizzo (via/piazza)"), F_TEXT, true, 150, NULL},
	{"house_number", N_("Numero civico"), F_TEXT, true, 20, NULL},
	{"interno", N_("Interno"), F_TEXT, false, 10, NULL},
	{"scala", N_("Scala"), F_TEXT, false, 10, NULL},
	{"floor", N_("Piano"), F_TEXT, false, 10, NULL},
	{"cap", N_("CAP"), F_TEXT, true, 5, NULL},
	{"sezione", N_("Sezione catastale"), F_TEXT, false, 3, NULL},
	{"foglio", N_("Foglio"), F_TEXT, false, 5, NULL},
	{"particella", N_("Particella"), F_TEXT, false, 10, NULL},
	{"subalterno", N_("Subalterno"), F_TEXT, false, 5, NULL},
	{"category", N_("Categoria catastale"), F_TEXT, false, 5, NULL},
	{"unit_id", N_("Unità catastale"), F_TEXT, false, 12, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

static const struct field room_fields[] = {
	{"name", N_("nome"), F_TEXT, true, 60, NULL},
	{"use", N_("destinazione"), F_CHOICE, true, 0, elig_uses},
	{"area", N_("superficie (m²)"), F_AREA, true, 0, NULL},
	{"height", N_("altezza (m)"), F_HEIGHT, true, 0, NULL},
	{"window", N_("superficie finestrata (m²)"), F_AREA, false, 0, NULL},
	{"extraction", N_("aspirazione meccanica"), F_BOOL, false, 0, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

static const struct field person_fields[] = {
	{"surname", N_("cognome"), F_TEXT, true, 100, NULL},
	{"given_names", N_("nome"), F_TEXT, true, 100, NULL},
	{"birth_date", N_("data di nascita"), F_BIRTH, false, 0, NULL},
	{"relation", N_("rapporto con il richiedente"), F_TEXT, false, 60,
	    NULL},
	{"codice_fiscale", N_("codice fiscale"), F_CF, false, 0, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

static const struct field payment_fields[] = {
	{"kind", N_("voce"), F_CHOICE, true, 0, intake_payment_kinds},
	{"amount", N_("importo (€)"), F_MONEY, true, 0, NULL},
	{"channel", N_("canale"), F_CHOICE, true, 0, intake_payment_channels},
	{"reference", N_("riferimento (IUV, n. marca, ricevuta)"), F_TEXT,
	    true, 60, NULL},
	{"paid_on", N_("data del pagamento"), F_DATE, false, 0, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

static const struct field case_fields[] = {
	{"purpose", N_("Motivo della richiesta"), F_CHOICE, true, 0,
	    intake_purposes},
	{"title", N_("Titolo sull'alloggio"), F_CHOICE, true, 0,
	    intake_titles},
	{"notes", N_("Note"), F_TEXT, false, 2000, NULL},
	{NULL, NULL, F_TEXT, false, 0, NULL},
};

/* Records the first error for a field as "Label: message". */
static void
fail(json_t *errors, const char *path, const char *label, const char *msg)
{
	char	 text[512];

	if (json_object_get(errors, path) != NULL)
		return;
	snprintf(text, sizeof(text), "%s: %s", label, msg);
	json_object_set_new(errors, path, json_string(text));
}

/*
 * Where a field is, for its error: the path and label of its row (empty
 * for the top level) and the field.  The two are joined only when the
 * field fails, not for every field that passes.
 */
struct where {
	const char		*prefix, *label_prefix;
	const struct field	*f;
};

static void
fail_at(json_t *errors, const struct where *w, const char *msg)
{
	char	 path[128], label[256];

	snprintf(path, sizeof(path), "%s%s", w->prefix, w->f->key);
	snprintf(label, sizeof(label), "%s%s", w->label_prefix,
	    _(w->f->label));
	fail(errors, path, label, msg);
}

/*
 * Reads a field as text.  JSON numbers become their decimal text (the API
 * may send 16.5 or "16,5"); absent, null and blank values give NULL.
 */
static const char *
text_of(const json_t *v, char *tmp, size_t tmpsz)
{
	const char	*s;

	if (json_is_string(v)) {
		s = json_string_value(v);
		while (isspace((unsigned char)*s))
			s++;
		return *s == '\0' ? NULL : s;
	}
	if (json_is_integer(v)) {
		snprintf(tmp, tmpsz, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	return NULL;
}

/* Copies s without leading and trailing spaces; NULL if too long or bad. */
static json_t *
clean_text(const char *s, int maxlen)
{
	size_t	 n = strlen(s), chars = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return NULL;
		if ((c & 0xc0) != 0x80)
			chars++;
	}
	if (maxlen > 0 && chars > (size_t)maxlen)
		return NULL;
	return json_stringn(s, n);
}

static bool
valid_email(const char *s)
{
	const char	*at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	if (strchr(at + 1, '.') == NULL || at[1] == '.' ||
	    s[strlen(s) - 1] == '.')
		return false;
	for (; *s != '\0'; s++)
		if (isspace((unsigned char)*s) || (unsigned char)*s < 0x21)
			return false;
	return true;
}

/*
 * Validates one value.  On success stores the normalised value under key in
 * out and returns true; on failure records the error and returns false.
 */
static bool
check_field(const struct field *f, const json_t *v, const struct where *w,
    int today, json_t *out, json_t *errors)
{
	char		 tmp[64], cf[CF_LEN + 1], ph[PHONE_MAX + 1];
	const char	*s;
	int64_t		 n;
	int		 day;
	enum dec2_result dr;
	json_t		*clean;

	if (f->type == F_BOOL) {
		bool b = json_is_true(v);

		if (json_is_string(v))
			b = strcmp(json_string_value(v), "on") == 0 ||
			    strcmp(json_string_value(v), "1") == 0 ||
			    strcmp(json_string_value(v), "true") == 0;
		json_object_set_new(out, f->key, json_boolean(b));
		return true;
	}
	if ((f->type == F_AREA || f->type == F_HEIGHT || f->type == F_MONEY) &&
	    json_is_real(v)) {
		if ((dr = dec2_from_double(json_real_value(v), &n)) != DEC2_OK) {
			fail_at(errors, w, _(dec2_messages[dr]));
			return false;
		}
		goto number;
	}
	if (v != NULL && !json_is_null(v) && !json_is_string(v) &&
	    !json_is_integer(v)) {
		fail_at(errors, w, _("valore del tipo sbagliato"));
		return false;
	}
	s = text_of(v, tmp, sizeof(tmp));
	if (s == NULL) {
		if (f->required) {
			fail_at(errors, w, _("campo obbligatorio"));
			return false;
		}
		json_object_set_new(out, f->key, json_null());
		return true;
	}
	switch (f->type) {
	case F_TEXT:
		if ((clean = clean_text(s, f->maxlen)) == NULL) {
			snprintf(tmp, sizeof(tmp),
			    _("al massimo %d caratteri, senza caratteri di "
			    "controllo"), f->maxlen);
			fail_at(errors, w, tmp);
			return false;
		}
		json_object_set_new(out, f->key, clean);
		return true;
	case F_BIRTH:
	case F_DATE:
		if (!date_parse(s, &day)) {
			fail_at(errors, w, _("data non valida: scrivere "
			    "GG/MM/AAAA"));
			return false;
		}
		if (f->type == F_BIRTH && (day > today || day < -25567)) {
			fail_at(errors, w, _("la data deve essere nel "
			    "passato e dopo il 1900"));
			return false;
		}
		date_format(day, tmp);
		json_object_set_new(out, f->key, json_string(tmp));
		return true;
	case F_CF: {
		enum cf_result r = cf_validate(s, cf);

		if (r != CF_OK) {
			fail_at(errors, w, _(cf_messages[r]));
			return false;
		}
		json_object_set_new(out, f->key, json_string(cf));
		return true;
	}
	case F_PHONE: {
		/* Any number a person answers; SMS need a mobile (below). */
		enum phone_result r = phone_normalize(s, ph, false);

		if (r != PHONE_OK) {
			fail_at(errors, w, _(phone_messages[r]));
			return false;
		}
		json_object_set_new(out, f->key, json_string(ph));
		return true;
	}
	case F_EMAIL:
		if (strlen(s) > (size_t)f->maxlen || !valid_email(s)) {
			fail_at(errors, w, _("indirizzo e-mail non "
			    "valido"));
			return false;
		}
		json_object_set_new(out, f->key, json_string(s));
		return true;
	case F_COUNTRY: {
		/* Kept as the country's Italian name in the list, which
		 * stands for its ISO code one to one (domain/countries.c). */
		const struct country *c = country_by_name(s);

		if (c == NULL) {
			fail_at(errors, w, _("paese sconosciuto: sceglierlo "
			    "dall'elenco (il nome italiano, per esempio Cina, o il "
			    "codice ISO, per esempio CN)"));
			return false;
		}
		json_object_set_new(out, f->key, json_string(c->name));
		return true;
	}
	case F_CHOICE:
		if (choice_label(f->choices, s) == NULL) {
			fail_at(errors, w, _("valore non previsto"));
			return false;
		}
		json_object_set_new(out, f->key, json_string(s));
		return true;
	case F_AREA:
	case F_HEIGHT:
	case F_MONEY:
		if ((dr = dec2_parse(s, &n)) != DEC2_OK) {
			fail_at(errors, w, _(dec2_messages[dr]));
			return false;
		}
		goto number;
	case F_BOOL:
		break;
	}
	return false;
number:
	if (n == 0 && (f->type == F_AREA || f->type == F_HEIGHT) &&
	    f->required) {
		fail_at(errors, w, _("deve essere maggiore di zero"));
		return false;
	}
	/* The eligibility engine's own bound (domain/eligibility.h). */
	if (f->type == F_HEIGHT && n > ELIG_MAX_HEIGHT) {
		fail_at(errors, w, _("l'altezza in metri deve essere tra 0,01 "
		    "e 20,00"));
		return false;
	}
	json_object_set_new(out, f->key, json_integer(n));
	return true;
}

/* Validates every field of the table in the object in. */
static void
check_object(const struct field *fields, const json_t *in,
    const char *prefix, const char *label_prefix, int today, json_t *out,
    json_t *errors)
{
	for (const struct field *f = fields; f->key != NULL; f++) {
		struct where w = { prefix, label_prefix, f };

		check_field(f, json_object_get(in, f->key), &w, today, out,
		    errors);
	}
}

/* A row of the form with nothing typed in it is not a row. */
static bool
row_blank(const struct field *fields, const json_t *row)
{
	for (const struct field *f = fields; f->key != NULL; f++) {
		const json_t	*v = json_object_get(row, f->key);
		char		 tmp[32];

		if (f->type == F_BOOL || f->type == F_CHOICE)
			continue;
		if (json_is_real(v) || text_of(v, tmp, sizeof(tmp)) != NULL)
			return false;
	}
	return true;
}

/* Validates an array of rows; returns the normalised array. */
static json_t *
check_rows(const struct field *fields, const json_t *in, const char *key,
    const char *row_label, size_t max, int today, json_t *errors)
{
	json_t	*out = json_array();
	size_t	 i, shown = 0;
	json_t	*row;
	char	 prefix[64], label[96];

	if (in != NULL && !json_is_array(in) && !json_is_null(in)) {
		fail(errors, key, _(row_label), _("deve essere un elenco"));
		return out;
	}
	json_array_foreach(in, i, row) {
		json_t *o;

		if (!json_is_object(row) || row_blank(fields, row))
			continue;
		if (++shown > max) {
			fail(errors, key, _(row_label), _("troppe righe"));
			break;
		}
		snprintf(prefix, sizeof(prefix), "%s.%zu.", key, i);
		snprintf(label, sizeof(label), "%s %zu, ", _(row_label), shown);
		o = json_object();
		check_object(fields, row, prefix, label, today, o, errors);
		json_array_append_new(out, o);
	}
	return out;
}

/* Reads a list of choice values given as an array or one string. */
static json_t *
check_set(const json_t *in, const struct choice *choices, const char *path,
    const char *label, json_t *errors)
{
	json_t	*out = json_array(), *v;
	size_t	 i;

	if (json_is_string(in)) {
		json_t *one = json_pack("[O]", in);

		json_decref(out);
		out = check_set(one, choices, path, label, errors);
		json_decref(one);
		return out;
	}
	json_array_foreach(in, i, v) {
		if (!json_is_string(v) ||
		    choice_label(choices, json_string_value(v)) == NULL) {
			fail(errors, path, label, _("valore non previsto"));
			continue;
		}
		if (!intake_has_string(out, json_string_value(v)))
			json_array_append(out, v);
	}
	return out;
}

bool
intake_has_string(const json_t *a, const char *s)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(a, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/*
 * Validates the room rows of an application (or of the eligibility preview
 * on the counter form) and returns them normalised; errors get a message
 * per bad field.
 */
json_t *
intake_rooms(const json_t *in, json_t *errors)
{
	json_t	*rooms, *v;
	size_t	 i;
	char	 path[64];

	rooms = check_rows(room_fields, in, "rooms", N_("Stanza"),
	    INTAKE_MAX_ROOMS, 0, errors);
	json_array_foreach(in, i, v) {
		json_t *fx;

		if (!json_is_object(v) || row_blank(room_fields, v))
			continue;
		snprintf(path, sizeof(path), "rooms.%zu.fixtures", i);
		fx = check_set(json_object_get(v, "fixtures"), elig_fixtures,
		    path, _("Sanitari"), errors);
		/* Rows were appended in the same order, blank rows skipped. */
		for (size_t k = 0; k < json_array_size(rooms); k++) {
			json_t *r = json_array_get(rooms, k);

			if (json_object_get(r, "fixtures") == NULL) {
				json_object_set_new(r, "fixtures", fx);
				fx = NULL;
				break;
			}
		}
		json_decref(fx);
	}
	if (json_array_size(rooms) == 0)
		fail(errors, "rooms", _("Stanze"), _("indicare almeno una "
		    "stanza con destinazione, superficie e altezza"));
	return rooms;
}

/* How many person rows of the form have something typed in them. */
int
intake_count_persons(const json_t *rows)
{
	size_t	 i;
	json_t	*v;
	int	 n = 0;

	json_array_foreach(rows, i, v)
		if (json_is_object(v) && !row_blank(person_fields, v))
			n++;
	return n;
}

/*
 * Validates an application.  today is the current day number (birth dates
 * must precede it); need_consent is true when an association files on the
 * applicant's behalf and must record the applicant's consent.  Returns the
 * normalised document (the caller owns it) or NULL when errors holds at
 * least one message.
 */
static void	 check_collection(const json_t *, json_t *, json_t *);

/*
 * Where the certificate is collected: collection_point, a point's id
 * (absent, null, 0, "" or "office": the office), and a delegate named in
 * advance, with their identity document: all three of name, doc_type and
 * doc_number, or none.  The service checks that the point is open.
 */
json_t *
intake_check_collection(const json_t *in, json_t *errors)
{
	json_t	*out = json_object();
	size_t	 before = json_object_size(errors);

	check_collection(in, out, errors);
	if (json_object_size(errors) > before) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static void
check_collection(const json_t *in, json_t *out, json_t *errors)
{
	const json_t	*v = json_object_get(in, "collection_point");
	const json_t	*d = json_object_get(in, "delegate");
	const char	*name, *type, *number;
	json_int_t	 id = 0;
	char		*end;

	if (json_is_integer(v))
		id = json_integer_value(v);
	else if (json_is_string(v) && *json_string_value(v) != '\0' &&
	    strcmp(json_string_value(v), "office") != 0) {
		id = strtoll(json_string_value(v), &end, 10);
		if (*end != '\0')
			id = -1;
	} else if (v != NULL && !json_is_null(v) && !json_is_string(v))
		id = -1;
	if (id < 0 || id > INT64_MAX / 2)
		fail(errors, "collection_point", _("Luogo di ritiro"),
		    _("scegliere l'ufficio o un punto T-Serve dell'elenco"));
	json_object_set_new(out, "collection_point", json_integer(id > 0 ?
	    id : 0));
	if (d == NULL || json_is_null(d))
		return;
	name = json_is_object(d) ? json_string_value(json_object_get(d,
	    "name")) : NULL;
	type = json_is_object(d) ? json_string_value(json_object_get(d,
	    "doc_type")) : NULL;
	number = json_is_object(d) ? json_string_value(json_object_get(d,
	    "doc_number")) : NULL;
	if ((name == NULL || *name == '\0') && (number == NULL ||
	    *number == '\0'))
		return;
	if (name == NULL || *name == '\0' || strlen(name) > 120)
		fail(errors, "delegate.name", _("Delegato al ritiro"),
		    _("scrivere nome e cognome (al massimo 120 caratteri)"));
	else if (type == NULL || choice_index(intake_id_doc_types, type) < 0)
		fail(errors, "delegate.doc_type", _("Delegato al ritiro"),
		    _("scegliere il tipo di documento"));
	else if (number == NULL || *number == '\0' || strlen(number) > 40)
		fail(errors, "delegate.doc_number", _("Delegato al ritiro"),
		    _("scrivere il numero del documento (al massimo 40 "
		    "caratteri)"));
	else
		json_object_set_new(out, "delegate", json_pack("{s:s, s:s, s:s}",
		    "name", name, "doc_type", type, "doc_number", number));
}

json_t *
intake_validate(const json_t *in, int today, bool need_consent,
    json_t *errors)
{
	json_t		*out = json_object(), *app, *dw, *rooms, *v;

	if (!json_is_object(in)) {
		fail(errors, "", _("Domanda"), _("il corpo deve essere un "
		    "oggetto JSON"));
		json_decref(out);
		return NULL;
	}
	check_object(case_fields, in, "", "", today, out, errors);

	app = json_object();
	check_object(applicant_fields, json_object_get(in, "applicant"),
	    "applicant.", "", today, app, errors);
	if (json_is_null(json_object_get(app, "codice_fiscale")) &&
	    json_is_null(json_object_get(app, "cf_missing_reason")))
		fail(errors, "applicant.codice_fiscale", _("Codice fiscale"),
		    _("indicare il codice fiscale oppure il motivo per cui "
		    "manca (per esempio: appena arrivato in Italia)"));
	if (json_is_true(json_object_get(app, "notify_sms")) &&
	    json_is_null(json_object_get(app, "phone")) &&
	    json_object_get(errors, "applicant.phone") == NULL)
		fail(errors, "applicant.phone", _("Cellulare"),
		    _("serve un cellulare per gli avvisi via SMS"));
	else if (json_is_true(json_object_get(app, "notify_sms")) &&
	    json_is_string(json_object_get(app, "phone"))) {
		char	 ph[PHONE_MAX + 1];

		if (phone_normalize(json_string_value(json_object_get(app,
		    "phone")), ph, true) == PHONE_NOT_MOBILE)
			fail(errors, "applicant.phone", _("Cellulare"),
			    _(phone_messages[PHONE_NOT_MOBILE]));
	}
	if (json_is_true(json_object_get(app, "notify_email")) &&
	    json_is_null(json_object_get(app, "email")) &&
	    json_object_get(errors, "applicant.email") == NULL)
		fail(errors, "applicant.email", _("E-mail"),
		    _("serve un indirizzo per gli avvisi via e-mail"));
	json_object_set_new(out, "applicant", app);

	dw = json_object();
	check_object(dwelling_fields, json_object_get(in, "dwelling"),
	    "dwelling.", "", today, dw, errors);
	if (json_is_string(json_object_get(dw, "cap"))) {
		const char *cap = json_string_value(json_object_get(dw, "cap"));

		if (strlen(cap) != 5 || strspn(cap, "0123456789") != 5)
			fail(errors, "dwelling.cap", _("CAP"),
			    _("il CAP ha 5 cifre"));
	}
	json_object_set_new(out, "dwelling", dw);

	rooms = intake_rooms(json_object_get(in, "rooms"), errors);
	json_object_set_new(out, "rooms", rooms);

	json_object_set_new(out, "residents", check_rows(person_fields,
	    json_object_get(in, "residents"), "residents",
	    N_("Residente"), INTAKE_MAX_PERSONS, today, errors));
	json_object_set_new(out, "hosted", check_rows(person_fields,
	    json_object_get(in, "hosted"), "hosted",
	    N_("Persona da ospitare"), INTAKE_MAX_PERSONS, today, errors));
	json_object_set_new(out, "payments", check_rows(payment_fields,
	    json_object_get(in, "payments"), "payments", N_("Pagamento"),
	    INTAKE_MAX_PAYMENTS, today, errors));
	json_object_set_new(out, "documents", check_set(json_object_get(in,
	    "documents"), intake_documents, "documents", _("Documenti"),
	    errors));

	check_collection(in, out, errors);

	v = json_object_get(in, "consent");
	if (need_consent && !(json_is_true(v) || (json_is_string(v) &&
	    (strcmp(json_string_value(v), "on") == 0 ||
	    strcmp(json_string_value(v), "true") == 0))))
		fail(errors, "consent", _("Consenso"), _("l'associazione deve "
		    "registrare il consenso del richiedente"));
	json_object_set_new(out, "consent", json_boolean(need_consent));

	if (json_object_size(errors) > 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}
