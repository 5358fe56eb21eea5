/*
 * desk: what the office does with messages on a case: send one again,
 * write a free text, record that the applicant wants no more messages on
 * a channel.  Each runs in the caller's transaction (service/messages.c
 * checks access and writes the audit row).
 */
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/i18n.h"
#include "domain/sms_text.h"
#include "notify.h"
#include "outbox.h"
#include "store/query.h"

#define DESK_TEXT_MAX	1000	/* characters of a free text */

/* Queues a copy of a message of the case, on its channel, to the same
 * recipient. */
enum notify_desk
notify_resend(struct store *st, int64_t case_id, int64_t message_id,
    const char *actor)
{
	json_t	*m;
	int	 rc;

	if ((rc = store_row(st, &m, STMT_MSG_GET, "i", message_id)) < 0)
		return NOTIFY_DESK_ERROR;
	if (rc == 0 || jfield_int(m, "case_id") != case_id) {
		json_decref(m);
		return NOTIFY_DESK_NOT_FOUND;
	}
	rc = outbox_add(st, jfield_int(m, "comune_id"), case_id,
	    jfield_str(m, "event"), jfield_str(m, "channel"),
	    jfield_str(m, "recipient"), jfield_str(m, "language"),
	    jfield_str(m, "params"), 0, actor);
	json_decref(m);
	return rc < 0 ? NOTIFY_DESK_ERROR : NOTIFY_DESK_OK;
}

static bool
channel_ok(const char *channel, json_t *errors)
{
	if (channel != NULL && (strcmp(channel, "sms") == 0 ||
	    strcmp(channel, "email") == 0))
		return true;
	json_object_set_new(errors, "channel", json_string(
	    _("Canale: scegliere SMS o e-mail")));
	return false;
}

/*
 * Queues a clerk's own text on one channel.  An SMS must fit in two
 * messages.
 */
enum notify_desk
notify_free_text(struct store *st, int64_t case_id, const char *channel,
    const char *text, const char *actor, json_t *errors)
{
	struct sms_size	 size;
	json_t		*p;
	int		 n;

	if (!channel_ok(channel, errors))
		return NOTIFY_DESK_INVALID;
	if (text == NULL || *text == '\0' || sms_measure(text, &size) < 0) {
		json_object_set_new(errors, "text", json_string(
		    _("Testo: scrivere il messaggio")));
		return NOTIFY_DESK_INVALID;
	}
	if (strlen(text) > DESK_TEXT_MAX * 4 || (strcmp(channel, "sms") == 0 &&
	    size.segments > 2)) {
		json_object_set_new(errors, "text", json_string(
		    strcmp(channel, "sms") == 0 ?
		    _("Testo: un SMS può essere lungo al massimo due messaggi "
		    "(306 caratteri senza accenti particolari, 134 con "
		    "caratteri non latini)") :
		    _("Testo: al massimo 1000 caratteri")));
		return NOTIFY_DESK_INVALID;
	}
	p = json_pack("{s:s}", "text", text);
	n = notify_case(st, case_id, NOTIFY_NOTE, p, channel, actor);
	json_decref(p);
	if (n < 0)
		return NOTIFY_DESK_ERROR;
	if (n == 0) {
		json_object_set_new(errors, "channel", json_string(
		    strcmp(channel, "sms") == 0 ?
		    _("Canale: il richiedente non ha un cellulare o ha chiesto "
		    "di non ricevere SMS") :
		    _("Canale: il richiedente non ha un indirizzo e-mail o ha "
		    "chiesto di non ricevere e-mail")));
		return NOTIFY_DESK_INVALID;
	}
	return NOTIFY_DESK_OK;
}

/*
 * Records that the applicant of a case wants no more messages on a
 * channel, and stops those still waiting to go.
 */
enum notify_desk
notify_opt_out(struct store *st, int64_t case_id, const char *channel,
    const char *actor, json_t *errors)
{
	json_t		*c;
	const char	*to;
	char		 now[CLOCK_STRLEN];
	int		 rc;

	if (!channel_ok(channel, errors))
		return NOTIFY_DESK_INVALID;
	if ((rc = store_row(st, &c, STMT_MSG_CONTACTS, "i", case_id)) < 0)
		return NOTIFY_DESK_ERROR;
	if (rc == 0)
		return NOTIFY_DESK_NOT_FOUND;
	to = jfield_str(c, strcmp(channel, "sms") == 0 ? "phone" : "email");
	if (to == NULL || *to == '\0') {
		json_object_set_new(errors, "channel", json_string(
		    _("Canale: il richiedente non ha questo recapito")));
		json_decref(c);
		return NOTIFY_DESK_INVALID;
	}
	clock_utc(clock_now(), now);
	rc = store_exec(st, STMT_OPTOUT_INSERT, "ssss", channel, to, now,
	    actor) < 0 || store_exec(st, STMT_MSG_CANCEL_OPTED, "sss", now,
	    channel, to) < 0 ? -1 : 0;
	json_decref(c);
	return rc < 0 ? NOTIFY_DESK_ERROR : NOTIFY_DESK_OK;
}
