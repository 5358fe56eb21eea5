/*
 * contact: how the online application reaches the citizen before there is
 * a case (online.h): the link that resumes a draft, and the one-time code
 * that confirms the phone or the address the messages will go to.
 *
 * The one-time code is the identity step of the online application: it
 * proves the applicant holds the contact, not who they are (the office
 * checks the identity document when the certificate is collected).  SPID
 * or CIE would be another way to set the draft's confirmed identity; see
 * docs/citizen.md, "Adding SPID or CIE".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/i18n.h"
#include "domain/phone.h"
#include "notify/notify.h"
#include "online.h"
#include "service/access.h"
#include "service/certificates.h"
#include "service/worker.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

/* The draft's mobile number (E.164) or e-mail address, "" when none. */
static void
contact_of(const struct online_draft *d, const char *channel, char out[256])
{
	const json_t	*a = json_object_get(d->data, "applicant");
	char		 ph[PHONE_MAX + 1];
	size_t		 i;

	out[0] = '\0';
	if (strcmp(channel, "sms") == 0) {
		if (phone_normalize(jfield_text(a, "phone"), ph, true) ==
		    PHONE_OK)
			snprintf(out, 256, "%s", ph);
		return;
	}
	snprintf(out, 256, "%s", jfield_text(a, "email"));
	for (i = 0; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	if (strchr(out, '@') == NULL)
		out[0] = '\0';
}

/*
 * Whether the applicant's phone or address, as the draft has them now, is
 * the one whose code was typed back.
 */
bool
online_contact_confirmed(const struct online_draft *d)
{
	char	 ph[256], em[256];

	if (d->confirmed[0] == '\0')
		return false;
	contact_of(d, "sms", ph);
	contact_of(d, "email", em);
	return strcmp(d->confirmed, ph) == 0 || strcmp(d->confirmed, em) == 0;
}

/* The hash of a code, bound to its draft. */
static void
otp_hash(int64_t draft_id, const char *code, char out[65])
{
	char	 s[64];

	snprintf(s, sizeof(s), "%lld:%s", (long long)draft_id, code);
	auth_hash_token(s, out);
}

struct sending {
	struct online_draft	*d;
	enum notify_event	 ev;
	const char		*channel, *to, *hash, *until;
	json_t			*params;
};

static enum svc_result
send_write(struct store *st, const struct principal *p, void *arg)
{
	struct sending	*s = arg;
	char		 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	if (s->hash != NULL && store_exec(st, STMT_DRAFT_OTP_SET, "ssssi",
	    s->hash, s->to, s->until, now, s->d->id) != 1)
		return SVC_CONFLICT;
	if (notify_draft(st, s->d->comune_id, s->ev, s->channel, s->to,
	    s->d->lang, s->params, p->actor) < 0)
		return SVC_ERROR;
	return audit_add(st, p, s->d->comune_id, s->hash != NULL ?
	    "draft_otp" : "draft_link", "draft", s->d->id, s->channel) == 0 ?
	    SVC_OK : SVC_ERROR;
}

/* Queues a draft's message on channel to the draft's contact. */
static enum svc_result
send(struct store *st, struct online_draft *d, enum notify_event ev,
    const char *channel, json_t *params, const char *hash,
    const char *until, json_t *errors)
{
	struct sending	 s = {d, ev, channel, NULL, hash, until, params};
	struct principal p;
	const json_t	*a = json_object_get(d->data, "applicant");
	char		 to[256];
	enum svc_result	 r;

	if (d->case_id != 0)
		return SVC_CONFLICT;
	if (channel == NULL || (strcmp(channel, "sms") != 0 &&
	    strcmp(channel, "email") != 0)) {
		json_object_set_new(errors, "channel", json_string(_("Scegli "
		    "SMS o e-mail.")));
		return SVC_INVALID;
	}
	contact_of(d, channel, to);
	if (to[0] == '\0') {
		json_object_set_new(errors, "channel", json_string(strcmp(
		    channel, "sms") == 0 ? _("Scrivi prima un numero di "
		    "cellulare valido, al passo 1.") : _("Scrivi prima un "
		    "indirizzo e-mail valido, al passo 1.")));
		return SVC_INVALID;
	}
	s.to = to;
	json_object_set_new(params, "given_names", json_string(jfield_text(a,
	    "given_names")));
	json_object_set_new(params, "surname", json_string(jfield_text(a,
	    "surname")));
	access_citizen(&p, d->comune_id);
	r = store_write(st, send_write, &p, &s);
	if (r == SVC_OK)
		worker_wake();
	if (r == SVC_OK && hash != NULL) {
		snprintf(d->otp_to, sizeof(d->otp_to), "%s", to);
		snprintf(d->otp_hash, sizeof(d->otp_hash), "%s", hash);
		snprintf(d->otp_until, sizeof(d->otp_until), "%s", until);
		d->otp_tries = 0;
	}
	return r;
}

/*
 * Sends the link that resumes the draft (token is its cookie's value) by
 * SMS or e-mail to the applicant's own contact.
 */
enum svc_result
online_send_link(struct store *st, struct online_draft *d, const char *token,
    const char *channel, json_t *errors)
{
	char		 link[400];
	json_t		*params;
	enum svc_result	 r;

	snprintf(link, sizeof(link), "%s/domanda/riprendi?t=%s",
	    certificates_public_url(), token);
	params = json_pack("{s:s}", "link", link);
	r = send(st, d, NOTIFY_DRAFT_LINK, channel, params, NULL, NULL, errors);
	json_decref(params);
	return r;
}

/*
 * Sends a new one-time code to the applicant's phone (channel "sms") or
 * address ("email").  ONLINE_LIMIT after ONLINE_OTP_SENDS codes.
 */
int
online_otp_send(struct store *st, struct online_draft *d, const char *channel,
    json_t *errors)
{
	char		 code[8], hash[65], until[CLOCK_STRLEN];
	json_t		*params;
	enum svc_result	 r;

	if (d->otp_sent >= ONLINE_OTP_SENDS) {
		json_object_set_new(errors, "channel", json_string(_("Hai già "
		    "chiesto troppi codici per questa domanda: rivolgiti "
		    "all'ufficio.")));
		return ONLINE_LIMIT;
	}
	snprintf(code, sizeof(code), "%06u",
	    (unsigned)randombytes_uniform(1000000));
	otp_hash(d->id, code, hash);
	clock_utc(clock_now() + ONLINE_OTP_SECONDS, until);
	params = json_pack("{s:s}", "otp", code);
	r = send(st, d, NOTIFY_OTP, channel, params, hash, until, errors);
	json_decref(params);
	sodium_memzero(code, sizeof(code));
	if (r == SVC_OK)
		d->otp_sent++;
	return r;
}

static enum svc_result
confirm_write(struct store *st, const struct principal *p, void *arg)
{
	struct online_draft	*d = arg;
	char			 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_DRAFT_CONFIRM, "si", now, d->id) != 1)
		return SVC_ERROR;
	return audit_add(st, p, d->comune_id, "draft_confirm", "draft", d->id,
	    "") == 0 ? SVC_OK : SVC_ERROR;
}

static enum svc_result
fail_write(struct store *st, const struct principal *p, void *arg)
{
	struct online_draft	*d = arg;

	return store_exec(st, STMT_DRAFT_OTP_FAIL, "i", d->id) == 1 &&
	    audit_add(st, p, d->comune_id, "draft_otp_wrong", "draft", d->id,
	    "") == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * Checks the one-time code typed back.  Right, the contact it went to is
 * confirmed; wrong, a try is counted, and after ONLINE_OTP_TRIES only a
 * new code will do.
 */
enum svc_result
online_otp_check(struct store *st, struct online_draft *d, const char *code,
    json_t *errors)
{
	struct principal p;
	char		 hash[65], typed[8], now[CLOCK_STRLEN];
	size_t		 n = 0;

	for (; code != NULL && *code != '\0' && n < 7; code++)
		if (isdigit((unsigned char)*code))
			typed[n++] = *code;
	typed[n] = '\0';
	clock_utc(clock_now(), now);
	access_citizen(&p, d->comune_id);
	if (d->otp_hash[0] == '\0' || strcmp(d->otp_until, now) < 0 ||
	    d->otp_tries >= ONLINE_OTP_TRIES) {
		json_object_set_new(errors, "otp", json_string(_("Il codice è "
		    "scaduto o usato troppe volte: chiedine uno nuovo.")));
		return SVC_INVALID;
	}
	otp_hash(d->id, typed, hash);
	if (n != 6 || sodium_memcmp(hash, d->otp_hash, 64) != 0) {
		if (store_write(st, fail_write, &p, d) != SVC_OK)
			return SVC_ERROR;
		d->otp_tries++;
		json_object_set_new(errors, "otp", json_string(_("Il codice "
		    "non è giusto: controlla il messaggio e riprova.")));
		return SVC_INVALID;
	}
	if (store_write(st, confirm_write, &p, d) != SVC_OK)
		return SVC_ERROR;
	snprintf(d->confirmed, sizeof(d->confirmed), "%s", d->otp_to);
	d->otp_hash[0] = '\0';
	return SVC_OK;
}
