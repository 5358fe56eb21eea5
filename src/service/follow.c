/*
 * follow: the citizen follows their own case online (/segui,
 * docs/citizen.md).  The case number and the tracking code of the
 * "received" message open a session of an hour, in a cookie, bound to
 * that case alone; nothing personal goes in a URL.  From there the citizen
 * sees the state, the deadline, what is missing, where to collect the
 * certificate and the messages sent, and can upload a missing document
 * (which resumes a suspended case), answer a notice of refusal within its
 * ten days, change the place of collection, or withdraw.
 *
 * idoneo acts for the citizen as a clerk of the case's comune whose actor
 * is "citizen" (the timeline and the audit log say so), and only on the
 * session's case: every function here takes the case from the session.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "access.h"
#include "auth.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "case_doc.h"
#include "case_files.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/protocol_label.h"
#include "domain/workflow.h"
#include "follow.h"
#include "handover.h"
#include "notify/notify.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/tx.h"
#include "transition.h"

#define FOLLOW_SECONDS	3600

/* The principal that acts for the citizen on their case. */
static void
citizen(struct principal *p, int64_t comune_id, const char *csrf)
{
	access_citizen(p, comune_id);
	snprintf(p->csrf, sizeof(p->csrf), "%s", csrf ? csrf : "");
}

/* A tracking code as typed: capitals, without spaces or dashes. */
static void
code_clean(const char *in, char *out, size_t size)
{
	size_t	 n = 0;

	for (; in != NULL && *in != '\0' && n + 1 < size; in++)
		if (isalnum((unsigned char)*in))
			out[n++] = (char)toupper((unsigned char)*in);
	out[n] = '\0';
}

struct opening {
	const char	*number, *code;
	char		*token;
};

/*
 * Opens a session of an hour on case_id for token (the caller's random
 * value), in the caller's transaction.  Returns 0, or -1.
 */
int
follow_session_add(struct store *st, int64_t comune_id, int64_t case_id,
    const char *token)
{
	struct principal p;
	char		 th[65], csrf[AUTH_TOKEN_LEN + 1];
	char		 now[CLOCK_STRLEN], until[CLOCK_STRLEN];

	auth_random_token(csrf);
	auth_hash_token(token, th);
	clock_utc(clock_now(), now);
	clock_utc(clock_now() + FOLLOW_SECONDS, until);
	citizen(&p, comune_id, csrf);
	return store_exec(st, STMT_FOLLOW_INSERT, "sisss", th, case_id, csrf,
	    now, until) == 1 && audit_add(st, &p, comune_id, "follow_open",
	    "case", case_id, "") == 0 ? 0 : -1;
}

static enum svc_result
open_write(struct store *st, const struct principal *who, void *arg)
{
	struct opening	*o = arg;
	json_t		*c;
	char		 code[24];
	int		 year = 0, no = 0, rc;
	enum svc_result	 r = SVC_NOT_FOUND;

	(void)who;
	code_clean(o->code, code, sizeof(code));
	if (o->number == NULL || (sscanf(o->number, "%d/%d", &year, &no) != 2 &&
	    sscanf(o->number, "%d-%d", &year, &no) != 2) || *code == '\0')
		return SVC_NOT_FOUND;
	if ((rc = store_row(st, &c, STMT_FOLLOW_CASE, "s", code)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	if (jfield_int(c, "protocol_year") != year ||
	    jfield_int(c, "protocol_no") != no)
		goto out;
	auth_random_token(o->token);
	r = follow_session_add(st, jfield_int(c, "comune_id"), jfield_int(c,
	    "id"), o->token) == 0 ? SVC_OK : SVC_ERROR;
out:
	json_decref(c);
	return r;
}

/*
 * Opens a session on the case numbered number ("2026/0000123") whose
 * tracking code is code: token gets the cookie's value.  A wrong pair is
 * SVC_NOT_FOUND, whichever half is wrong; the caller limits the tries.
 */
enum svc_result
follow_open(struct store *st, const char *number, const char *code,
    char token[AUTH_TOKEN_LEN + 1])
{
	struct opening	 o = {number, code, token};
	struct principal nobody;

	token[0] = '\0';
	memset(&nobody, 0, sizeof(nobody));
	return store_write(st, open_write, &nobody, &o);
}

/*
 * The session of a cookie: 1 with p acting for the citizen (its CSRF
 * token set) and *case_id, 0 for none or an expired one, -1.
 */
int
follow_session(struct store *st, const char *token, struct principal *p,
    int64_t *case_id)
{
	json_t	*row;
	char	 th[65], now[CLOCK_STRLEN];
	int	 rc;

	*case_id = 0;
	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return 0;
	auth_hash_token(token, th);
	clock_utc(clock_now(), now);
	if ((rc = store_row(st, &row, STMT_FOLLOW_GET, "ss", th, now)) <= 0)
		return rc;
	citizen(p, jfield_int(row, "comune_id"), jfield_text(row, "csrf"));
	*case_id = jfield_int(row, "case_id");
	json_decref(row);
	return 1;
}

/* Ends a session (the page's "Esci"). */
int
follow_close(struct store *st, const char *token)
{
	char	 th[65];

	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return 0;
	auth_hash_token(token, th);
	return store_exec(st, STMT_FOLLOW_DELETE, "s", th) < 0 ? -1 : 0;
}

/* Whether a notice of refusal's ten days to answer still run. */
static bool
answer_open(const json_t *c)
{
	int	 stopped;

	return strcmp(jfield_text(c, "state"), "refusal_notice") == 0 &&
	    date_parse(jfield_text(c, "clock_stopped_on"), &stopped) &&
	    clock_today() <= stopped + WF_REFUSAL_ANSWER_DAYS;
}

/* The messages sent about the case: what, how and when, no more. */
static json_t *
citizen_messages(struct store *st, int64_t case_id)
{
	json_t	*all = notify_case_messages(st, case_id), *out = json_array();
	json_t	*m;
	size_t	 i;
	char	 at[64];

	json_array_foreach(all, i, m) {
		int e = notify_event_from_name(jfield_text(m, "event"));

		clock_local_text(jfield_text(m, "created_at"), at, sizeof(at));
		json_array_append_new(out, json_pack("{s:s, s:s, s:s}",
		    "event_label", e >= 0 ? _(notify_event_labels[e]) : "",
		    "channel", strcmp(jfield_text(m, "channel"), "sms") == 0 ?
		    "SMS" : "e-mail", "at", at));
	}
	json_decref(all);
	return out;
}

/*
 * What the citizen sees of their case: its number, state and dates, what
 * is missing, where to collect the certificate, the documents uploaded and
 * the messages sent; and what they may do now.
 */
enum svc_result
follow_view(struct store *st, const struct principal *p, int64_t case_id,
    json_t **out)
{
	json_t		*c, *missing = json_array(), *v, *files = NULL, *msgs;
	enum svc_result	 r;
	size_t		 i;
	int		 state, stopped;
	char		 by[DATE_STRLEN];

	*out = NULL;
	if ((r = cases_load(st, p, case_id, &c)) != SVC_OK) {
		json_decref(missing);
		return r;
	}
	state = wf_state_from_name(jfield_text(c, "state"));
	json_array_foreach(json_object_get(c, "documents"), i, v)
		if (!json_is_true(json_object_get(v, "received")) &&
		    jfield_int(v, "received") == 0) {
			const char *l = choice_label(intake_documents,
			    jfield_text(v, "kind"));

			json_array_append_new(missing, json_pack("{s:s, s:s}",
			    "kind", jfield_text(v, "kind"), "label", l ? _(l) :
			    jfield_text(v, "kind")));
		}
	case_files_list(st, p, case_id, &files);
	msgs = citizen_messages(st, case_id);
	*out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:o, s:o, s:o, "
	    "s:s*, s:s*, s:b, s:b, s:b}",
	    "id", (json_int_t)case_id,
	    "protocol", jfield_text(c, "protocol"),
	    "state", jfield_text(c, "state"),
	    "state_label", state >= 0 ? _(wf_state_labels[state]) : "",
	    "received_on", jfield_text(c, "received_on"),
	    "due_on", wf_state_final(state) ? NULL : jfield_str(c, "due_on"),
	    "missing", missing,
	    "files", files ? files : json_array(),
	    "messages", msgs ? msgs : json_array(),
	    "collection_point_name", jfield_str(c, "collection_point_name"),
	    "delegate_name", jfield_str(c, "delegate_name"),
	    "can_change", !wf_state_final(state),
	    "can_answer", answer_open(c),
	    "can_withdraw", !wf_state_final(state) && state !=
	    WF_APPROVED && state != WF_CERT_READY);
	if (answer_open(c) && date_parse(jfield_text(c, "clock_stopped_on"),
	    &stopped)) {
		date_format(stopped + WF_REFUSAL_ANSWER_DAYS, by);
		json_object_set_new(*out, "answer_by", json_string(by));
	}
	json_decref(c);
	return SVC_OK;
}

/*
 * A document the citizen uploads; a case suspended for missing documents
 * resumes with it, and its deadline moves on (transition.c).  Returns
 * what case_files_add does.
 */
int
follow_upload(struct store *st, const struct principal *p, int64_t case_id,
    const char *kind, const char *upload, const char *name, int64_t size,
    json_t *errors)
{
	struct case_row	 c;
	int64_t		 id;
	int		 r;

	r = case_files_add(st, p, case_id, kind, upload, name, size, errors,
	    &id);
	if (r != SVC_OK || rows_case_get(st, case_id, &c) != 1 ||
	    strcmp(c.state, "suspended") != 0)
		return r;
	return cases_transition(st, p, case_id, "resume", "Documenti caricati "
	    "dal richiedente online", NULL, errors);
}

/*
 * The citizen's observations to a notice of refusal, within its ten days
 * (art. 10-bis): they go on the timeline as the answer, and the clock
 * restarts ten days after them (domain/workflow.c).
 */
enum svc_result
follow_observations(struct store *st, const struct principal *p,
    int64_t case_id, const char *text, json_t *errors)
{
	char	 reason[2100];

	if (text == NULL || *text == '\0' || strlen(text) > 1900) {
		json_object_set_new(errors, "observations", json_string(
		    _("Scriva le sue osservazioni (al massimo 1900 "
		    "caratteri).")));
		return SVC_INVALID;
	}
	/* The timeline is the office's: in Italian, whatever the page. */
	snprintf(reason, sizeof(reason), "Osservazioni del richiedente "
	    "(online): %s", text);
	return cases_transition(st, p, case_id, "answer_refusal", reason, NULL,
	    errors);
}

/* The citizen withdraws the application, with the reason they give. */
enum svc_result
follow_withdraw(struct store *st, const struct principal *p, int64_t case_id,
    const char *why, json_t *errors)
{
	char	 reason[2100];

	snprintf(reason, sizeof(reason), "Ritirata dal richiedente online%s%s",
	    why && *why ? ": " : "", why ? why : "");
	return cases_transition(st, p, case_id, "withdraw", reason, NULL,
	    errors);
}
