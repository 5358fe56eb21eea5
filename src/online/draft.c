/*
 * draft: the online application's draft (online.h, docs/citizen.md).
 *
 * A draft is the application as the counter form would send it (JSON),
 * filled one step at a time.  Each step owns some of its keys: saving a
 * step replaces those keys with what the step's form sent, and checks
 * them with the intake's own rules (domain/intake.c), so the citizen sees
 * at each step what the counter would refuse at the end.  The draft is
 * kept even when a step has mistakes: nothing typed is lost.
 *
 * The draft is known by a random token in a cookie (and in the link sent
 * to resume it); only the token's hash is stored, and nothing personal
 * ever goes in a URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/protocol_label.h"
#include "notify/notify.h"
#include "online.h"
#include "service/access.h"
#include "service/follow.h"
#include "service/intake_write.h"
#include "service/rooms.h"
#include "service/worker.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

/* The keys of the application each step owns (domain/intake.c). */
static const char *const step_keys[ONLINE_SUMMARY][5] = {
	[ONLINE_APPLICANT] = {"purpose", "applicant", "consent", "notify_to",
	    NULL},
	[ONLINE_DWELLING] = {"title", "dwelling", "rooms", NULL},
	[ONLINE_PERSONS] = {"residents", "hosted", NULL},
	[ONLINE_DOCUMENTS] = {"documents", NULL},
	[ONLINE_FEES] = {"payments", "collection_point", "delegate",
	    "collection_near", NULL},
};

/* The step that owns an error's field ("applicant.phone": 1), or 0. */
int
online_step_of(const char *field)
{
	size_t	 n = strcspn(field, ".[");

	for (int s = ONLINE_APPLICANT; s < ONLINE_SUMMARY; s++)
		for (int k = 0; step_keys[s][k] != NULL; k++)
			if (strlen(step_keys[s][k]) == n &&
			    strncmp(step_keys[s][k], field, n) == 0)
				return s;
	return 0;
}

struct start {
	int64_t			 comune_id, assoc;
	const char		*lang;
	char			*token;
};

static enum svc_result
start_write(struct store *st, const struct principal *p, void *arg)
{
	struct start	*s = arg;
	char		 th[65], csrf[AUTH_TOKEN_LEN + 1];
	char		 now[CLOCK_STRLEN], until[CLOCK_STRLEN];
	int64_t		 id;

	auth_random_token(s->token);
	auth_random_token(csrf);
	auth_hash_token(s->token, th);
	clock_utc(clock_now(), now);
	clock_utc(clock_now() + ONLINE_DAYS * 86400, until);
	if (store_int(st, &id, STMT_DRAFT_INSERT, "issssIsss", s->comune_id,
	    th, csrf, s->lang, "{}", s->assoc, now, now, until) != 1)
		return SVC_ERROR;
	return audit_add(st, p, s->comune_id, "draft_start", "draft", id,
	    "") == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * Starts a draft for comune_id in lang; assoc, when not NULL, is the
 * association operator filling it.  token gets the cookie's value.
 */
enum svc_result
online_start(struct store *st, int64_t comune_id, const char *lang,
    const struct principal *assoc, char token[AUTH_TOKEN_LEN + 1])
{
	struct start	 s = {comune_id, assoc ? assoc->association_id : 0,
			    lang, token};
	struct principal p;

	if (assoc != NULL)
		p = *assoc;
	else
		access_citizen(&p, comune_id);
	return store_write(st, start_write, &p, &s);
}

static void
copy(char *dst, size_t size, const json_t *row, const char *key)
{
	snprintf(dst, size, "%s", jfield_text(row, key));
}

/* The row of token's draft, unexpired: 1, 0 when there is none, or -1. */
static int
draft_row(struct store *st, const char *token, json_t **r)
{
	char	 th[65], now[CLOCK_STRLEN];

	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return 0;
	auth_hash_token(token, th);
	clock_utc(clock_now(), now);
	return store_row(st, r, STMT_DRAFT_GET, "ss", th, now);
}

/*
 * The draft of token, unexpired.  Returns 1 with d filled (free it with
 * online_free), 0 when there is none, or -1.
 */
int
online_load(struct store *st, const char *token, struct online_draft *d)
{
	json_t	*r;
	int	 rc;

	memset(d, 0, sizeof(*d));
	if ((rc = draft_row(st, token, &r)) <= 0)
		return rc;
	d->id = jfield_int(r, "id");
	d->comune_id = jfield_int(r, "comune_id");
	d->association_id = jfield_int(r, "association_id");
	d->case_id = jfield_int(r, "case_id");
	d->step = (int)jfield_int(r, "step");
	d->otp_tries = (int)jfield_int(r, "otp_tries");
	d->otp_sent = (int)jfield_int(r, "otp_sent");
	copy(d->csrf, sizeof(d->csrf), r, "csrf");
	copy(d->lang, sizeof(d->lang), r, "language");
	copy(d->otp_to, sizeof(d->otp_to), r, "otp_to");
	copy(d->confirmed, sizeof(d->confirmed), r, "confirmed");
	copy(d->otp_until, sizeof(d->otp_until), r, "otp_until");
	copy(d->otp_hash, sizeof(d->otp_hash), r, "otp_hash");
	copy(d->tracking_code, sizeof(d->tracking_code), r, "tracking_code");
	if (d->case_id != 0)
		protocol_label(jfield_int(r, "protocol_year"),
		    jfield_int(r, "protocol_no"), d->case_label,
		    sizeof(d->case_label));
	d->data = json_loads(jfield_text(r, "data"), 0, NULL);
	if (!json_is_object(d->data)) {
		json_decref(d->data);
		d->data = json_object();
	}
	json_decref(r);
	d->files = store_rows(st, STMT_DRAFT_FILES, "i", d->id);
	if (d->files == NULL) {
		online_free(d);
		return -1;
	}
	return 1;
}

/*
 * The principal of a draft's pages: the citizen, on the draft's comune,
 * with the draft's CSRF token.  Returns 1, 0 without a live draft, or -1.
 */
int
online_session(struct store *st, const char *token, struct principal *p)
{
	json_t	*r;
	int	 rc;

	/* The row alone: the handler loads the draft it needs. */
	if ((rc = draft_row(st, token, &r)) <= 0)
		return rc;
	access_citizen(p, jfield_int(r, "comune_id"));
	snprintf(p->csrf, sizeof(p->csrf), "%s", jfield_text(r, "csrf"));
	json_decref(r);
	return 1;
}

struct reopening {
	int64_t	 id;
	char	 token[AUTH_TOKEN_LEN + 1];
};

static enum svc_result
reopen_write(struct store *st, const struct principal *p, void *arg)
{
	struct reopening	*o = arg;
	char			 th[65], now[CLOCK_STRLEN];

	auth_random_token(o->token);
	auth_hash_token(o->token, th);
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_DRAFT_RETOKEN, "ssiis", th, now, o->id,
	    p->association_id, now) != 1)
		return SVC_NOT_FOUND;
	return audit_add(st, p, p->comune_id, "draft_reopen", "draft", o->id,
	    "") == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * An association operator opens again one of the association's drafts:
 * it gets a new token (the old link stops working).
 */
enum svc_result
online_reopen(struct store *st, const struct principal *p, int64_t draft_id,
    char token[AUTH_TOKEN_LEN + 1])
{
	struct reopening arg = {draft_id, ""};
	enum svc_result	 r;

	if (p->role != ROLE_ASSOCIATION || p->association_id == 0)
		return SVC_FORBIDDEN;
	r = store_write(st, reopen_write, p, &arg);
	snprintf(token, AUTH_TOKEN_LEN + 1, "%s", arg.token);
	return r;
}

void
online_free(struct online_draft *d)
{
	json_decref(d->data);
	json_decref(d->files);
	d->data = d->files = NULL;
}

/*
 * The mistakes of a step's fields, as the intake would find them when the
 * application is submitted (step 0: every step's).
 */
void
online_step_errors(const struct online_draft *d, int step, json_t *errors)
{
	json_t		*all = json_object(), *v, *out;
	const char	*k;

	out = intake_validate(d->data, clock_today(), d->association_id != 0,
	    all);
	json_decref(out);
	json_object_foreach(all, k, v)
		if (step == 0 || online_step_of(k) == step)
			json_object_set(errors, k, v);
	json_decref(all);
}

struct saving {
	struct online_draft	*d;
	int			 step;
	char			*data;
};

static enum svc_result
save_write(struct store *st, const struct principal *p, void *arg)
{
	struct saving	*s = arg;
	char		 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_DRAFT_SAVE, "sissi", s->data, s->step,
	    s->d->lang, now, s->d->id) != 1)
		return SVC_CONFLICT;
	return audit_add(st, p, s->d->comune_id, "draft_save", "draft",
	    s->d->id, "") == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * Saves what a step's form sent into the draft.  With advance, and no
 * mistakes in the step, the draft moves to the next step.  Returns SVC_OK,
 * SVC_INVALID (saved, with the step's mistakes in errors), SVC_CONFLICT
 * for a draft already submitted, or SVC_ERROR.
 */
enum svc_result
online_save(struct store *st, struct online_draft *d, int step,
    const json_t *form, bool advance, json_t *errors)
{
	struct saving	 s = {d, d->step, NULL};
	struct principal p;
	enum svc_result	 r;

	if (d->case_id != 0)
		return SVC_CONFLICT;
	if (step < ONLINE_APPLICANT || step >= ONLINE_SUMMARY)
		return SVC_INVALID;
	for (int k = 0; step_keys[step][k] != NULL; k++) {
		json_t *v = json_object_get(form, step_keys[step][k]);

		if (v != NULL)
			json_object_set(d->data, step_keys[step][k], v);
		else
			json_object_del(d->data, step_keys[step][k]);
	}
	/* The documents the citizen uploaded count as given. */
	if (step == ONLINE_DOCUMENTS) {
		json_t	*docs = json_object_get(d->data, "documents");
		json_t	*f, *list = json_array();
		size_t	 i;

		if (json_is_string(docs))
			json_array_append(list, docs);
		else if (json_is_array(docs))
			json_array_extend(list, docs);
		json_array_foreach(d->files, i, f)
			if (!intake_has_string(list, jfield_str(f, "kind")) &&
			    strcmp(jfield_text(f, "kind"), "other") != 0)
				json_array_append_new(list, json_string(
				    jfield_str(f, "kind")));
		json_object_set_new(d->data, "documents", list);
	}
	online_step_errors(d, step, errors);
	if (advance && json_object_size(errors) == 0 && step + 1 > s.step)
		s.step = step + 1;
	if ((s.data = json_dumps(d->data, JSON_COMPACT)) == NULL)
		return SVC_ERROR;
	if (d->association_id != 0)
		access_system(&p, d->comune_id, "Associazione (online)");
	else
		access_citizen(&p, d->comune_id);
	r = store_write(st, save_write, &p, &s);
	free(s.data);
	if (r != SVC_OK)
		return r;
	d->step = s.step;
	return json_object_size(errors) > 0 ? SVC_INVALID : SVC_OK;
}

/*
 * The eligibility of the draft's rooms, as the counter's form shows it
 * (service/rooms.c), with its explanation in the thread's language; NULL
 * with errors when the rooms cannot be assessed yet.
 */
json_t *
online_eligibility(struct store *st, const struct online_draft *d,
    json_t *errors)
{
	struct principal p;

	access_citizen(&p, d->comune_id);
	return rooms_preview(st, &p, d->data, errors);
}

/*
 * Who receives an association's case messages, as its draft says
 * ("applicant", "association", "both"); the association must have a
 * contact for the last two.  NULL, with errors, when it cannot be.
 */
static const char *
recipients(struct store *st, const struct online_draft *d,
    const struct principal *who, json_t *errors)
{
	static const char *const to[] = {"applicant", "association", "both"};
	const char	*v = jfield_text(d->data, "notify_to");
	json_t		*a;
	bool		 reachable;
	size_t		 i;

	if (*v == '\0')
		return to[0];
	for (i = 0; i < 3 && strcmp(v, to[i]) != 0; i++)
		;
	if (i == 3) {
		json_object_set_new(errors, "notify_to", json_string(_("Scegli "
		    "chi riceve i messaggi.")));
		return NULL;
	}
	if (i == 0)
		return to[0];
	a = online_association(st, who);
	reachable = a != NULL && (*jfield_text(a, "phone") != '\0' ||
	    *jfield_text(a, "email") != '\0');
	json_decref(a);
	if (reachable)
		return to[i];
	json_object_set_new(errors, "notify_to", json_string(_("L'associazione "
	    "non ha un cellulare né un'e-mail per ricevere i messaggi: "
	    "aggiungili nella pagina Domande online, o scegli il "
	    "richiedente.")));
	return NULL;
}

struct submission {
	struct online_draft	*d;
	char			*follow;	/* NULL: an association's */
	const struct principal	*p;		/* who sends it */
	const char		*notify_to;	/* an association's choice */
};

/* In the application's transaction: the draft, its files, the session. */
static int
submit_then(struct store *st, int64_t case_id, void *arg)
{
	struct submission	*s = arg;
	char			 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_DRAFT_SUBMITTED, "isi", case_id, now,
	    s->d->id) != 1 || online_files_move(st, s->d->id, case_id) < 0 ||
	    audit_add(st, s->p, s->d->comune_id, "draft_submit", "draft",
	    s->d->id, "") < 0)
		return -1;
	if (s->follow != NULL && follow_session_add(st, s->d->comune_id,
	    case_id, s->follow) < 0)
		return -1;
	return notify_recipients(st, case_id, s->notify_to, s->p->actor);
}

/*
 * Submits the draft as an application: every step without mistakes, the
 * declaration ticked (form "truthful"), and the applicant's phone or
 * address confirmed.  who is the association operator, or NULL for the
 * citizen, who gets a session on the new case (follow_token: /segui).
 * Returns SVC_OK with d->case_id set, SVC_INVALID with errors, SVC_CONFLICT
 * when it was submitted already, or SVC_ERROR.
 */
enum svc_result
online_submit(struct store *st, struct online_draft *d, const json_t *form,
    const struct principal *who, json_t *errors,
    char follow_token[AUTH_TOKEN_LEN + 1])
{
	struct principal p;
	struct submission s = {d, who == NULL ? follow_token : NULL, &p,
			    NULL};
	json_t		*app, *a;
	int64_t		 id = 0;
	enum svc_result	 r;

	if (d->case_id != 0)
		return SVC_CONFLICT;
	online_step_errors(d, 0, errors);
	if (strcmp(jfield_text(form, "truthful"), "on") != 0)
		json_object_set_new(errors, "truthful", json_string(_("Conferma "
		    "che i dati sono veri: è una dichiarazione sostitutiva "
		    "(artt. 46 e 47 del DPR 445/2000).")));
	if (who == NULL && !online_contact_confirmed(d))
		json_object_set_new(errors, "contact", json_string(_("Conferma "
		    "il cellulare o l'e-mail con il codice che ti inviamo.")));
	if (who != NULL)
		s.notify_to = recipients(st, d, who, errors);
	if (json_object_size(errors) > 0)
		return SVC_INVALID;
	app = json_deep_copy(d->data);
	a = json_object_get(app, "applicant");
	if (json_is_object(a) && jfield_str(a, "language") == NULL)
		json_object_set_new(a, "language", json_string(d->lang));
	/* The association alone receives them: none to the applicant. */
	if (json_is_object(a) && s.notify_to != NULL && strcmp(s.notify_to,
	    "association") == 0) {
		json_object_set_new(a, "notify_sms", json_false());
		json_object_set_new(a, "notify_email", json_false());
	}
	if (who != NULL)
		p = *who;
	else
		access_citizen(&p, d->comune_id);
	if (follow_token != NULL)
		auth_random_token(follow_token);
	r = cases_create_then(st, &p, app, who != NULL ? "association" :
	    "online", submit_then, &s, &id, errors, NULL);
	json_decref(app);
	if (r == SVC_OK)
		d->case_id = id;
	return r;
}

/*
 * An association's drafts and the applications they became, newest
 * first; q (may be NULL) keeps those whose applicant's name has it.
 */
json_t *
online_of_association(struct store *st, const struct principal *p,
    const char *q)
{
	json_t	*rows, *out, *r;
	char	 now[CLOCK_STRLEN], label[32];
	size_t	 i;

	if (p->role != ROLE_ASSOCIATION || p->association_id == 0)
		return json_array();
	clock_utc(clock_now(), now);
	if ((rows = store_rows(st, STMT_DRAFTS_OF_ASSOC, "is",
	    p->association_id, now)) == NULL)
		return NULL;
	out = json_array();
	json_array_foreach(rows, i, r) {
		json_t		*data = json_loads(jfield_text(r, "data"), 0,
				    NULL);
		json_t		*a = json_object_get(data, "applicant");
		char		 name[210];

		snprintf(name, sizeof(name), "%s %s", jfield_text(a,
		    "surname"), jfield_text(a, "given_names"));
		if (q != NULL && *q != '\0' && strcasestr(name, q) == NULL) {
			json_decref(data);
			continue;
		}
		label[0] = '\0';
		if (jfield_int(r, "case_id") != 0)
			protocol_label(jfield_int(r, "protocol_year"),
			    jfield_int(r, "protocol_no"), label, sizeof(label));
		json_array_append_new(out, json_pack("{s:I, s:s, s:I, s:s, "
		    "s:I, s:s, s:s}", "id", (json_int_t)jfield_int(r, "id"),
		    "name", name, "step", (json_int_t)jfield_int(r, "step"),
		    "updated_at", jfield_text(r, "updated_at"), "case_id",
		    (json_int_t)jfield_int(r, "case_id"), "case", label,
		    "state", jfield_text(r, "state")));
		json_decref(data);
	}
	json_decref(rows);
	return out;
}

/*
 * Deletes the drafts past their thirty days, with the files of those never
 * submitted.  A worker round; returns how many it deleted, or -1.
 */
int
online_purge(struct store *st)
{
	json_t	*rows, *r;
	char	 now[CLOCK_STRLEN];
	size_t	 i;
	int	 n = 0;
	struct principal p;

	clock_utc(clock_now(), now);
	if ((rows = store_rows(st, STMT_DRAFT_EXPIRED, "s", now)) == NULL)
		return -1;
	json_array_foreach(rows, i, r) {
		int64_t id = jfield_int(r, "id");

		access_system(&p, 0, "Pulizia delle bozze");
		online_files_drop(st, id);
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			break;
		if (store_exec(st, STMT_DRAFT_DELETE, "i", id) < 0 ||
		    audit_add(st, &p, 0, "draft_expired", "draft", id, "") < 0 ||
		    store_tx(st, STORE_COMMIT) < 0) {
			store_tx(st, STORE_ROLLBACK);
			break;
		}
		n++;
	}
	json_decref(rows);
	return n;
}

void
online_add_worker(void)
{
	worker_add_round("drafts", 600, 3600, online_purge);
}
