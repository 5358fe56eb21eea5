/*
 * notify: what idoneo tells the applicant, by SMS and e-mail, in their
 * language, at every step that matters (docs/notifications.md).
 *
 * A message is written to the outbox (the messages table) in the
 * transaction of the event that causes it, and a worker sends it later
 * (notify_drain), tries again with a growing pause when the gateway cannot
 * take it, and falls back to the other channel when it fails for good.
 * Delivery reports come back over HTTP (notify_report).  Every change of a
 * message's status is kept with its time.
 */
#ifndef IDONEO_NOTIFY_H
#define IDONEO_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

struct store;

enum notify_event {
	NOTIFY_RECEIVED,		/* the intake: case number, tracking code */
	NOTIFY_DOCUMENTS_MISSING,	/* suspended: what, and by when */
	NOTIFY_REFUSAL_NOTICE,		/* art. 10-bis L. 241/1990 */
	NOTIFY_APPROVED,
	NOTIFY_CERT_READY,		/* where to collect it, hours, what to bring */
	NOTIFY_DELIVERED,
	NOTIFY_REJECTED,		/* with the reason */
	NOTIFY_EXPIRING,		/* the certificate ends in 30 days */
	NOTIFY_NOTE,			/* a free text from the desk */
	NOTIFY_PICKUP_REMINDER,		/* still waiting at the point */
	NOTIFY_RECALLED,		/* back at the office, a new code */
	NOTIFY_OTP,			/* a draft's one-time code (no case) */
	NOTIFY_DRAFT_LINK,		/* the link that resumes a draft */
	NOTIFY_EVENT__MAX
};

extern const char *const notify_event_names[NOTIFY_EVENT__MAX];
extern const char *const notify_event_labels[NOTIFY_EVENT__MAX];

int	 notify_event_from_name(const char *);

/* The outbox (outbox.c): writes, inside the caller's transaction. */
int	 notify_intake(struct store *, int64_t case_id, int64_t comune_id,
	    const json_t *applicant, const char *actor);
int	 notify_transition(struct store *, int64_t case_id, const char *action,
	    const char *reason, int effective_day, const char *actor,
	    const json_t *more);
int	 notify_case(struct store *, int64_t case_id, enum notify_event,
	    json_t *params, const char *only_channel, const char *actor);
int	 notify_recipients(struct store *, int64_t case_id,
	    const char *to_whom, const char *actor);

/* A draft's message, of no case yet (outbox.c).  params carries the
 * event's values and the applicant's names, if known. */
int	 notify_draft(struct store *, int64_t comune_id, enum notify_event,
	    const char *channel, const char *to, const char *lang,
	    json_t *params, const char *actor);

/* The desk (desk.c), inside the caller's transaction. */
enum notify_desk { NOTIFY_DESK_OK, NOTIFY_DESK_NOT_FOUND,
	NOTIFY_DESK_INVALID, NOTIFY_DESK_ERROR };
enum notify_desk notify_resend(struct store *, int64_t case_id,
	    int64_t message_id, const char *actor);
enum notify_desk notify_free_text(struct store *, int64_t case_id,
	    const char *channel, const char *text, const char *actor,
	    json_t *errors);
enum notify_desk notify_opt_out(struct store *, int64_t case_id,
	    const char *channel, const char *actor, json_t *errors);

/* Delivery reports (report.c). */
enum notify_report { NOTIFY_REPORT_OK, NOTIFY_REPORT_UNKNOWN,
	NOTIFY_REPORT_FORGED, NOTIFY_REPORT_ERROR };
enum notify_report notify_report_kannel(struct store *, int64_t id,
	    const char *token, int dlr, const char *reply);
enum notify_report notify_report_status(struct store *, int64_t id,
	    const char *token, const char *status, const char *detail);

/* The citizen's language on the public pages (render.c). */
void	*notify_speak(const char *lang);
void	 notify_speak_done(void *);
bool	 notify_language_known(const char *lang);
bool	 notify_language_rtl(const char *lang);

/* What the desk sees (views.c). */
json_t	*notify_case_messages(struct store *, int64_t case_id);
json_t	*notify_list(struct store *, int64_t comune_id, const char *status,
	    const char *channel, const char *from, const char *to);

/* The worker (drain.c). */
int	 notify_init(const char *db);
void	 notify_shutdown(void);
int	 notify_drain(struct store *, const char *worker);
int	 notify_fallbacks(struct store *);
int	 notify_expiring(struct store *);

#endif
