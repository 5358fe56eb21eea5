/*
 * outbox: messages written in the transaction of the event that causes
 * them.  A message goes on each channel the applicant chose (SMS, e-mail,
 * or both) for which there is a contact, unless its recipient opted out
 * (STMT_MSG_INSERT skips them).  On PostgreSQL under `serve`, an intake's
 * messages are written with the other applications of its group
 * (store_group_collect): STMT_MSG_INSERT has a group form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/date.h"
#include "outbox.h"
#include "settings.h"
#include "store/query.h"

/*
 * Writes one queued message.  params is the event's values as JSON text;
 * fallback_of the message it stands in for, or 0.  Returns 1, 0 when the
 * recipient opted out of the channel, or -1.
 */
int
outbox_add(struct store *st, int64_t comune_id, int64_t case_id,
    const char *event, const char *channel, const char *to, const char *lang,
    const char *params, int64_t fallback_of, const char *actor)
{
	char		 now[CLOCK_STRLEN], expires[CLOCK_STRLEN];
	char		 token[OUTBOX_TOKEN_LEN + 1];
	unsigned char	 raw[OUTBOX_TOKEN_LEN / 2];
	time_t		 t = clock_now();

	clock_utc(t, now);
	clock_utc(t + notify_cfg.expiry, expires);
	/* The delivery report's secret: only the gateway we told knows it. */
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	return store_exec(st, STMT_MSG_INSERT, "IIsssssIsssss", comune_id,
	    case_id, event, channel, to, lang ? lang : "it", params,
	    fallback_of, now, expires, token, actor, now);
}

/*
 * A draft's message (NOTIFY_OTP, NOTIFY_DRAFT_LINK): no case, only the
 * comune, and params (borrowed) carry the values.  Returns 1, 0 when the
 * recipient opted out, or -1.
 */
int
notify_draft(struct store *st, int64_t comune_id, enum notify_event ev,
    const char *channel, const char *to, const char *lang, json_t *params,
    const char *actor)
{
	char	*ptext = json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
	int	 rc;

	if (ptext == NULL)
		return -1;
	rc = outbox_add(st, comune_id, 0, notify_event_names[ev], channel, to,
	    lang, ptext, 0, actor);
	free(ptext);
	return rc;
}

/*
 * The "application received" messages of an intake, from its validated
 * applicant (domain/intake.c).  Returns 0, or -1.
 */
int
notify_intake(struct store *st, int64_t case_id, int64_t comune_id,
    const json_t *a, const char *actor)
{
	static const struct { const char *channel, *pref, *contact; } ch[] = {
		{"sms", "notify_sms", "phone"},
		{"email", "notify_email", "email"},
	};

	for (size_t i = 0; i < sizeof(ch) / sizeof(ch[0]); i++) {
		const char *to = jfield_str(a, ch[i].contact);

		if (!json_is_true(json_object_get(a, ch[i].pref)) ||
		    to == NULL || *to == '\0')
			continue;
		if (outbox_add(st, comune_id, case_id,
		    notify_event_names[NOTIFY_RECEIVED], ch[i].channel, to,
		    jfield_str(a, "language"), "{}", 0, actor) < 0)
			return -1;
	}
	return 0;
}

/*
 * Writes an event's messages for a case: to the applicant on the channels
 * they chose, and to the association that filed it on each channel it
 * has, as the case's recipients say (case_recipients: the applicant alone,
 * the association alone, or both); on only_channel alone when given (the
 * desk's choice); with association_only, the association's alone.  params
 * (JSON, borrowed) are the event's values.  Returns how many were written (none
 * to a recipient who opted out), or -1.
 */
static int
case_messages(struct store *st, int64_t case_id, enum notify_event ev,
    json_t *params, const char *only_channel, const char *actor,
    bool association_only)
{
	json_t		*c;
	char		*ptext;
	const char	*to_whom;
	int		 n = 0, rc;

	if ((rc = store_row(st, &c, STMT_MSG_CONTACTS, "i", case_id)) <= 0)
		return rc;
	to_whom = jfield_text(c, "notify_to");
	ptext = params != NULL ? json_dumps(params, JSON_COMPACT |
	    JSON_SORT_KEYS) : strdup("{}");
	for (int k = 0; k < 4 && ptext != NULL; k++) {
		bool		 assoc = k >= 2;
		const char	*channel = k % 2 == 0 ? "sms" : "email";
		const char	*to = jfield_str(c, assoc ? (k == 2 ?
				    "assoc_phone" : "assoc_email") : (k == 0 ?
				    "phone" : "email"));
		bool		 chosen;

		if (assoc)
			chosen = strcmp(to_whom, "applicant") != 0;
		else
			chosen = !association_only && strcmp(to_whom,
			    "association") != 0 && (only_channel != NULL ||
			    jfield_int(c, k == 0 ? "notify_sms" :
			    "notify_email") != 0);
		if (only_channel != NULL && strcmp(only_channel, channel) != 0)
			chosen = false;
		if (!chosen || to == NULL || *to == '\0')
			continue;
		/* The association's operators read Italian. */
		if ((rc = outbox_add(st, jfield_int(c, "comune_id"), case_id,
		    notify_event_names[ev], channel, to, assoc ? "it" :
		    jfield_str(c, "language"), ptext, 0, actor)) < 0) {
			n = -1;
			break;
		}
		n += rc;
	}
	if (ptext == NULL)
		n = -1;
	free(ptext);
	json_decref(c);
	return n;
}

int
notify_case(struct store *st, int64_t case_id, enum notify_event ev,
    json_t *params, const char *only_channel, const char *actor)
{
	return case_messages(st, case_id, ev, params, only_channel, actor,
	    false);
}

/*
 * Sets who receives a case's messages ("applicant", "association" or
 * "both"), in the transaction that registers it, after the intake wrote
 * the applicant's "application received" (none when the association alone
 * receives them: the caller turned the applicant's off): the association
 * gets its own.  Returns 0, or -1.
 */
int
notify_recipients(struct store *st, int64_t case_id, const char *to_whom,
    const char *actor)
{
	if (to_whom == NULL || strcmp(to_whom, "applicant") == 0)
		return 0;
	if (store_exec(st, STMT_RECIPIENTS_SET, "is", case_id, to_whom) != 1)
		return -1;
	return case_messages(st, case_id, NOTIFY_RECEIVED, NULL, NULL, actor,
	    true) < 0 ? -1 : 0;
}

/*
 * The messages of a step of the procedure (service/transition.c), in its
 * transaction: which step tells the applicant what.  effective is the
 * step's day.  Returns 0, or -1.
 */
int
notify_transition(struct store *st, int64_t case_id, const char *action,
    const char *reason, int effective, const char *actor, const json_t *more)
{
	char		 by[DATE_STRLEN];
	json_t		*p = json_object();
	enum notify_event ev;
	int		 rc;

	if (strcmp(action, "suspend") == 0) {
		/* The suspension lasts at most 30 days (L. 241/1990, art. 2
		 * c. 7). */
		ev = NOTIFY_DOCUMENTS_MISSING;
		date_format(effective + 30, by);
		json_object_set_new(p, "documents", json_string(reason ?
		    reason : ""));
		json_object_set_new(p, "by", json_string(by));
	} else if (strcmp(action, "notice_refusal") == 0) {
		/* Ten days to answer a notice of refusal (art. 10-bis). */
		ev = NOTIFY_REFUSAL_NOTICE;
		date_format(effective + 10, by);
		json_object_set_new(p, "reason", json_string(reason ?
		    reason : ""));
		json_object_set_new(p, "by", json_string(by));
	} else if (strcmp(action, "approve") == 0)
		ev = NOTIFY_APPROVED;
	else if (strcmp(action, "certificate_ready") == 0)
		ev = NOTIFY_CERT_READY;
	else if (strcmp(action, "deliver") == 0) {
		ev = NOTIFY_DELIVERED;
		date_format(effective, by);
		json_object_set_new(p, "date", json_string(by));
	} else if (strcmp(action, "reject") == 0) {
		ev = NOTIFY_REJECTED;
		json_object_set_new(p, "reason", json_string(reason ?
		    reason : ""));
	} else {
		json_decref(p);
		return 0;
	}
	if (more != NULL)
		json_object_update(p, (json_t *)more);
	rc = notify_case(st, case_id, ev, p, NULL, actor);
	json_decref(p);
	return rc < 0 ? -1 : 0;
}
