/*
 * admin: see admin.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin.h"
#include "store/tx.h"
#include "base/jfield.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/deadline.h"
#include "domain/i18n.h"
#include "domain/workflow.h"
#include "notify/transport.h"
#include "rules.h"
#include "store/audit.h"
#include "store/comuni.h"
#include "store/query.h"

/* Everything the admin page lists; a list that cannot be read is null. */
json_t *
admin_lists(struct store *st)
{
	return json_pack("{s:o?, s:o?, s:o?, s:o?, s:o?}",
	    "comuni", store_rows(st, STMT_COMUNE_LIST, ""),
	    "associations", store_rows(st, STMT_ASSOC_LIST_ALL, ""),
	    "users", store_rows(st, STMT_USER_LIST_ALL, ""),
	    "keys", store_rows(st, STMT_APIKEY_LIST, ""),
	    "points", store_rows(st, STMT_POINT_LIST, "ii", 0, 0));
}

/* The comuni the installation serves; NULL on error. */
json_t *
admin_comuni(struct store *st)
{
	return store_rows(st, STMT_COMUNE_LIST, "");
}

/* Every version of every rule set; NULL on error. */
json_t *
admin_rule_sets(struct store *st)
{
	return store_rows(st, STMT_RULES_LIST, "");
}

/*
 * The point, by its id or its name (the command line's), if it exists, is
 * not closed and belongs to comune_id; else 0.
 */
static int64_t
point_of(struct store *st, int64_t comune_id, const char *id_text)
{
	json_t	*p = NULL;
	int64_t	 id = atoll(id_text), found = 0;

	if (*id_text != '\0' && strspn(id_text, "0123456789") !=
	    strlen(id_text) && store_int(st, &id, STMT_POINT_BY_NAME, "is",
	    comune_id, id_text) != 1)
		id = 0;
	if (id > 0 && store_row(st, &p, STMT_POINT_GET, "i", id) == 1 &&
	    jfield_int(p, "comune_id") == comune_id &&
	    strcmp(jfield_text(p, "status"), "closed") != 0)
		found = id;
	json_decref(p);
	return found;
}

/* The association id if it exists and belongs to comune_id, else 0. */
static int64_t
association_of(struct store *st, int64_t comune_id, const char *id_text)
{
	json_t	*rows, *v;
	size_t	 i;
	int64_t	 want = atoll(id_text), found = 0;

	if ((rows = store_rows(st, STMT_ASSOC_LIST, "i", comune_id)) == NULL)
		return 0;
	json_array_foreach(rows, i, v)
		if (jfield_int(v, "id") == want)
			found = want;
	json_decref(rows);
	return found;
}


struct user_new {
	int64_t		 comune_id, assoc, point, id;
	const char	*username, *name, *role, *password;
};

static enum svc_result
user_write(struct store *st, const struct principal *who, void *arg)
{
	struct user_new	*u = arg;

	u->id = auth_user_create(st, who, u->comune_id, u->assoc, u->username,
	    u->name, u->role, u->password);
	if (u->id >= 0 && u->point > 0 && store_exec(st, STMT_USER_SET_POINT,
	    "ii", u->point, u->id) != 1)
		return SVC_ERROR;
	return u->id == STORE_CONFLICT ? SVC_CONFLICT : u->id < 0 ? SVC_ERROR :
	    SVC_OK;
}

/*
 * Creates a staff user from form fields username, full_name, role,
 * password, comune (a Belfiore code; "" for an administrator) and
 * association (an id, for the association role).  Stores the new id in
 * *id.
 */
enum svc_result
admin_user_create(struct store *st, const struct principal *who,
    const json_t *form, int64_t *id, const char **why)
{
	struct user_new	 u;
	enum svc_result	 r;

	memset(&u, 0, sizeof(u));
	u.username = jfield_text(form, "username");
	u.name = jfield_text(form, "full_name");
	u.role = jfield_text(form, "role");
	u.password = jfield_text(form, "password");
	*why = NULL;
	if (*u.username == '\0' || *u.name == '\0' ||
	    strlen(u.username) > 64 || strlen(u.name) > 128 ||
	    wf_role_from_name(u.role) < 0 ||
	    strspn(u.username, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    strlen(u.username))
		*why = _("Compila nome utente (lettere minuscole, cifre, "
		    ". _ -), nome e ruolo.");
	else if (strlen(u.password) < 12 || strlen(u.password) > 256)
		*why = _("La password deve avere almeno 12 caratteri.");
	else if (strcmp(u.role, "admin") != 0 &&
	    (u.comune_id = comuni_id(st, jfield_text(form, "comune"))) == 0)
		*why = _("Scegli il comune.");
	else if (strcmp(u.role, "association") == 0 &&
	    (u.assoc = association_of(st, u.comune_id,
	    jfield_text(form, "association"))) == 0)
		*why = _("Scegli un'associazione del comune.");
	else if (strcmp(u.role, "point") == 0 &&
	    (u.point = point_of(st, u.comune_id, jfield_text(form,
	    "point"))) == 0)
		*why = _("Scegli il punto T-Serve, non chiuso, del comune in cui "
		    "lavora l'operatore.");
	if (*why != NULL)
		return SVC_INVALID;
	r = store_write(st, user_write, who, &u);
	if (r == SVC_CONFLICT)
		*why = _("Nome utente già in uso.");
	*id = u.id;
	return r;
}

struct user_active {
	int64_t	 id;
	bool	 on;
};

static enum svc_result
user_active_write(struct store *st, const struct principal *who, void *arg)
{
	struct user_active	*a = arg;
	int			 rc;

	/* Turning a user off also ends the user's sessions, at once. */
	if ((rc = store_exec(st, STMT_USER_SET_ACTIVE, "di", a->on,
	    a->id)) < 0)
		return SVC_ERROR;
	if (rc == 0)
		return SVC_NOT_FOUND;
	if ((!a->on && store_exec(st, STMT_SESSION_DELETE_USER, "i",
	    a->id) < 0) ||
	    audit_add(st, who, 0, a->on ? "user_enable" : "user_disable",
	    "user", a->id, "") < 0)
		return SVC_ERROR;
	return SVC_OK;
}

/* Turns a user off, or on again.  Nobody turns themselves off. */
enum svc_result
admin_user_set_active(struct store *st, const struct principal *who,
    int64_t id, bool on, const char **why)
{
	struct user_active	 a = {id, on};

	*why = NULL;
	if (id == who->user_id && !on) {
		*why = _("Non puoi disattivare te stesso.");
		return SVC_CONFLICT;
	}
	return store_write(st, user_active_write, who, &a);
}

struct assoc_new {
	int64_t		 comune_id;
	const char	*name;
};

static enum svc_result
assoc_write(struct store *st, const struct principal *who, void *arg)
{
	struct assoc_new	*a = arg;
	int64_t			 id;
	int			 rc;

	if ((rc = store_int(st, &id, STMT_ASSOC_INSERT, "is", a->comune_id,
	    a->name)) == STORE_CONFLICT)
		return SVC_CONFLICT;
	if (rc <= 0 || audit_add(st, who, a->comune_id, "association_create",
	    "association", id, "") < 0)
		return SVC_ERROR;
	return SVC_OK;
}

/* Adds an association of a comune: form fields comune and name. */
enum svc_result
admin_association_create(struct store *st, const struct principal *who,
    const json_t *form, const char **why)
{
	struct assoc_new	 a;
	enum svc_result		 r;

	a.comune_id = comuni_id(st, jfield_text(form, "comune"));
	a.name = jfield_text(form, "name");
	*why = NULL;
	if (a.comune_id == 0 || *a.name == '\0' || strlen(a.name) > 150) {
		*why = _("Indica comune e nome dell'associazione.");
		return SVC_INVALID;
	}
	if ((r = store_write(st, assoc_write, who, &a)) == SVC_CONFLICT)
		*why = _("Associazione già presente.");
	return r;
}

struct key_new {
	int64_t		 comune_id, assoc, point;
	const char	*name, *role, *key;
};

static enum svc_result
key_write(struct store *st, const struct principal *who, void *arg)
{
	struct key_new	*k = arg;
	int64_t		 id;

	if ((id = auth_api_key_create(st, k->comune_id, k->assoc, k->point,
	    k->name, k->role, k->key)) < 0 || audit_add(st, who, k->comune_id,
	    "apikey_create", "api_key", id, k->role) < 0)
		return SVC_ERROR;
	return SVC_OK;
}

/*
 * Creates an API key for a partner system: form fields comune, name, role
 * (clerk or association) and association.  The key is random, written to
 * key for the page to show once, and stored only as a hash.
 */
enum svc_result
admin_key_create(struct store *st, const struct principal *who,
    const json_t *form, char key[AUTH_TOKEN_LEN + 1], const char **why)
{
	struct key_new	 k;

	memset(&k, 0, sizeof(k));
	k.comune_id = comuni_id(st, jfield_text(form, "comune"));
	k.name = jfield_text(form, "name");
	k.role = jfield_text(form, "role");
	*why = NULL;
	key[0] = '\0';
	if (k.comune_id == 0 || *k.name == '\0' || strlen(k.name) > 100 ||
	    (strcmp(k.role, "clerk") != 0 &&
	    strcmp(k.role, "association") != 0 &&
	    strcmp(k.role, "point") != 0))
		*why = _("Indica comune, nome del sistema e ruolo della "
		    "chiave.");
	else if (strcmp(k.role, "association") == 0 &&
	    (k.assoc = association_of(st, k.comune_id,
	    jfield_text(form, "association"))) == 0)
		*why = _("Scegli un'associazione del comune.");
	else if (strcmp(k.role, "point") == 0 && (k.point = point_of(st,
	    k.comune_id, jfield_text(form, "point"))) == 0)
		*why = _("Scegli un punto T-Serve aperto del comune.");
	if (*why != NULL)
		return SVC_INVALID;
	auth_random_token(key);
	k.key = key;
	return store_write(st, key_write, who, &k);
}

static enum svc_result
key_revoke_write(struct store *st, const struct principal *who, void *arg)
{
	int64_t	 id = *(int64_t *)arg;
	int	 rc;

	if ((rc = store_exec(st, STMT_APIKEY_SET_ACTIVE, "di", 0, id)) < 0)
		return SVC_ERROR;
	if (rc == 0)
		return SVC_NOT_FOUND;
	return audit_add(st, who, 0, "apikey_revoke", "api_key", id, "") < 0 ?
	    SVC_ERROR : SVC_OK;
}

/* Revokes an API key: it stops working within the key cache's seconds. */
enum svc_result
admin_key_revoke(struct store *st, const struct principal *who, int64_t id)
{
	return store_write(st, key_revoke_write, who, &id);
}

/*
 * A comune's settings for its form, with the fees as euros, and the rule
 * sets it may pick (one row per id, the current one selected).
 */
enum svc_result
admin_comune_get(struct store *st, int64_t id, json_t **comune,
    json_t **rule_sets)
{
	json_t		*c, *rows, *ids, *v;
	const char	*cur, *prev = NULL;
	char		 b[DEC2_STRLEN];
	size_t		 i;
	int		 rc;

	*comune = *rule_sets = NULL;
	if ((rc = store_row(st, &c, STMT_COMUNE_GET, "i", id)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	dec2_format(jfield_int(c, "fee_cents"), b, ',');
	json_object_set_new(c, "fee_eur", json_string(b));
	dec2_format(jfield_int(c, "stamp_cents"), b, ',');
	json_object_set_new(c, "stamp_eur", json_string(b));
	dec2_format(jfield_int(c, "copy_fee_cents"), b, ',');
	json_object_set_new(c, "copy_fee_eur", json_string(b));
	if ((rows = store_rows(st, STMT_RULES_LIST, "")) == NULL) {
		json_decref(c);
		return SVC_ERROR;
	}
	cur = jfield_str(c, "rule_set");
	ids = json_array();
	json_array_foreach(rows, i, v) {
		const char *rid = jfield_str(v, "id");

		if (prev != NULL && strcmp(rid, prev) == 0)
			continue;
		prev = rid;
		json_array_append_new(ids, json_pack("{s:s, s:b}", "id", rid,
		    "selected", cur != NULL && strcmp(cur, rid) == 0));
	}
	json_decref(rows);
	*comune = c;
	*rule_sets = ids;
	return SVC_OK;
}

/* Reads a whole number in [min, max] from a form field. */
static bool
int_field(const json_t *form, const char *name, int min, int max, int *out)
{
	const char	*s = jfield_text(form, name);
	char		*end;
	long		 v;

	if (*s == '\0')
		return false;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

/* Reads an amount in euros, at most € 1,000.00, as cents. */
static bool
money_field(const json_t *form, const char *name, int64_t *out)
{
	return dec2_parse(jfield_text(form, name), out) == DEC2_OK &&
	    *out <= 100000;
}

struct comune_settings {
	int64_t		 id, fee, stamp;
	int		 term, legal, pm, pd, stamps, validity, tolerance;
	bool		 saturday_closed;
	const char	*office, *signatory, *risk, *rule_set;
	/* What messages say and how they go (notify/). */
	const char	*notify[6];
	/* The certificate's logo (a PNG file) and certified copy's fee. */
	const char	*logo;
	int64_t		 copy_fee;
	/* How long a pickup code lasts, and its reminder (points/). */
	int		 pickup_days, reminder_days;
};

/* The messaging settings, in the order of STMT_COMUNE_UPDATE_NOTIFY. */
static const char *const notify_fields[6] = {"office_address",
    "office_hours", "sms_sender", "mail_from", "sms_url", "smtp_url"};

static enum svc_result
comune_write(struct store *st, const struct principal *who, void *arg)
{
	struct comune_settings	*s = arg;

	if (store_exec(st, STMT_COMUNE_UPDATE, "ssddsddbiidddi", s->office,
	    s->signatory, s->term, s->legal, s->risk, s->pm, s->pd,
	    s->saturday_closed, s->fee, s->stamp, s->stamps, s->validity,
	    s->tolerance, s->id) != 1 ||
	    store_exec(st, STMT_COMUNE_UPDATE_NOTIFY, "ssssssi", s->notify[0],
	    s->notify[1], s->notify[2], s->notify[3], s->notify[4],
	    s->notify[5], s->id) != 1 ||
	    store_exec(st, STMT_COMUNE_SET_RULES, "si", s->rule_set,
	    s->id) != 1 ||
	    store_exec(st, STMT_COMUNE_UPDATE_CERT, "sii", s->logo,
	    s->copy_fee, s->id) != 1 ||
	    store_exec(st, STMT_COMUNE_UPDATE_PICKUP, "ddi", s->pickup_days,
	    s->reminder_days, s->id) != 1 ||
	    audit_add(st, who, s->id, "comune_update", "comune", s->id,
	    "") < 0)
		return SVC_ERROR;
	return SVC_OK;
}

/*
 * Checks the messaging settings.  The address and the hours go into the
 * "certificate ready" SMS (cut there to fit, render.h); an SMS sender id
 * is at most 11 letters and digits, or a number (GSM 03.40 TP-OA).
 */
static const char *
notify_check(const struct comune_settings *s)
{
	char		 why[128];
	const char	*sender = s->notify[2], *from = s->notify[3];

	for (int i = 0; i < 6; i++)
		if (strlen(s->notify[i]) > 200 || strpbrk(s->notify[i],
		    "\r\n") != NULL)
			return _("Impostazioni dei messaggi: al massimo 200 "
			    "caratteri, su una riga.");
	if (strlen(sender) > 16 || strspn(sender, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+") != strlen(sender) ||
	    (strlen(sender) > 11 && strspn(sender, "+0123456789") !=
	    strlen(sender)))
		return _("Mittente degli SMS: al massimo 11 lettere e cifre, "
		    "oppure un numero.");
	if (*from != '\0' && (strchr(from, '@') == NULL || strpbrk(from,
	    " <>\"") != NULL))
		return _("Indirizzo del mittente delle e-mail non valido.");
	if (*s->notify[4] != '\0' && transport_check(s->notify[4], true, why,
	    sizeof(why)) < 0)
		return _("Gateway SMS: indicare kannel://, http+json://, "
		    "https+json:// o file:///.");
	if (*s->notify[5] != '\0' && transport_check(s->notify[5], false, why,
	    sizeof(why)) < 0)
		return _("Server di posta: indicare smtp://, smtp+starttls://, "
		    "smtps:// o file:///.");
	return NULL;
}

/*
 * Whether path names a PNG file the server can read (its signature, RFC
 * 2083 §3.1), or is empty: the certificate's header draws it.
 */
static bool
logo_ok(const char *path)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n'};
	unsigned char	 head[8];
	FILE		*f;
	bool		 ok;

	size_t		 n = strlen(path);

	if (n == 0)
		return true;
	/*
	 * Only a file named .png is opened: closing any descriptor of the
	 * database file would drop this process's SQLite locks on it.
	 */
	if (path[0] != '/' || n > 250 || n < 5 || strcasecmp(path + n - 4,
	    ".png") != 0 || (f = fopen(path, "rb")) == NULL)
		return false;
	ok = fread(head, 1, sizeof(head), f) == sizeof(head) &&
	    memcmp(head, png, sizeof(png)) == 0;
	fclose(f);
	return ok;
}

/* Checks a comune's settings form; returns why it is refused, or NULL. */
static const char *
comune_check(struct store *st, const json_t *form,
    struct comune_settings *s)
{
	struct deadline_rules	 r;
	struct elig_rules	 er;
	char			 rerr[256];
	int			 day;

	memset(&r, 0, sizeof(r));
	if (*s->office == '\0' || *s->signatory == '\0' ||
	    strlen(s->office) > 150 || strlen(s->signatory) > 150)
		return _("Indica ufficio e firmatario.");
	if (!int_field(form, "term_days", 1, 365, &s->term) ||
	    !int_field(form, "legal_term_days", 1, 365, &s->legal))
		return _("I termini sono giorni di calendario, da 1 a 365.");
	if (deadline_rules_parse_risk(&r, s->risk) < 0 ||
	    (r.nrisk > 0 && r.risk_days[r.nrisk - 1] > s->term))
		return _("I giorni di allerta sono numeri crescenti separati "
		    "da virgole, entro il termine (per esempio 10,13).");
	if ((*jfield_text(form, "patron_month") != '\0' ||
	    *jfield_text(form, "patron_day") != '\0') &&
	    (!int_field(form, "patron_month", 1, 12, &s->pm) ||
	    !int_field(form, "patron_day", 1, 31, &s->pd) ||
	    !date_from_ymd(2024, s->pm, s->pd, &day)))
		return _("Il giorno del santo patrono non è una data valida.");
	if (!money_field(form, "fee", &s->fee) ||
	    !money_field(form, "stamp", &s->stamp) ||
	    !int_field(form, "stamps", 0, 10, &s->stamps))
		return _("Importi in euro con al massimo due decimali.");
	if (!int_field(form, "validity_months", 0, 120, &s->validity))
		return _("Validità in mesi, da 0 (illimitata) a 120.");
	if (*jfield_text(form, "area_tolerance_pct") != '\0' &&
	    !int_field(form, "area_tolerance_pct", 0, 100, &s->tolerance))
		return _("Tolleranza sulla superficie in percentuale, da 0 a "
		    "100.");
	if (rules_load(st, s->rule_set, &er, rerr, sizeof(rerr)) < 0)
		return _("Scegli un insieme di regole esistente.");
	if (json_object_get(form, "copy_fee") != NULL &&
	    !money_field(form, "copy_fee", &s->copy_fee))
		return _("Importi in euro con al massimo due decimali.");
	if ((json_object_get(form, "pickup_days") != NULL &&
	    !int_field(form, "pickup_days", 1, 365, &s->pickup_days)) ||
	    (json_object_get(form, "pickup_reminder_days") != NULL &&
	    !int_field(form, "pickup_reminder_days", 0, 365,
	    &s->reminder_days)))
		return _("Ritiro: giorni di validità del codice da 1 a 365, "
		    "promemoria da 0 (nessuno) a 365.");
	if (!logo_ok(s->logo))
		return _("Logo del certificato: il percorso assoluto di un file "
		    "PNG leggibile dal server, o vuoto.");
	return notify_check(s);
}

/*
 * Saves a comune's settings.  The term, the risk days (ascending, inside
 * the term), the patron saint's day (a real date, or none), fees, validity
 * and the rule set are checked; a bad value is refused and nothing
 * changes.
 */
enum svc_result
admin_comune_update(struct store *st, const struct principal *who,
    int64_t id, const json_t *form, const char **why)
{
	struct comune_settings	 s;
	json_t			*c;
	int			 rc;

	*why = NULL;
	if ((rc = store_row(st, &c, STMT_COMUNE_GET, "i", id)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	memset(&s, 0, sizeof(s));
	s.id = id;
	/* A form without the tolerance (an older one) keeps the current. */
	s.tolerance = (int)jfield_int(c, "area_tolerance_pct");
	/* So does one without the messaging settings. */
	for (int i = 0; i < 6; i++)
		s.notify[i] = json_object_get(form, notify_fields[i]) != NULL ?
		    jfield_text(form, notify_fields[i]) : jfield_text(c,
		    notify_fields[i]);
	s.logo = json_object_get(form, "logo_path") != NULL ?
	    jfield_text(form, "logo_path") : jfield_text(c, "logo_path");
	s.copy_fee = jfield_int(c, "copy_fee_cents");
	s.pickup_days = (int)jfield_int(c, "pickup_days");
	s.reminder_days = (int)jfield_int(c, "pickup_reminder_days");
	s.office = jfield_text(form, "office");
	s.signatory = jfield_text(form, "signatory");
	s.risk = jfield_text(form, "risk_days");
	s.rule_set = jfield_text(form, "rule_set");
	s.saturday_closed = strcmp(jfield_text(form, "saturday_closed"), "on") == 0;
	if ((*why = comune_check(st, form, &s)) != NULL) {
		json_decref(c);
		return SVC_INVALID;
	}
	{
		enum svc_result r = store_write(st, comune_write, who, &s);

		json_decref(c);
		return r;
	}
}
