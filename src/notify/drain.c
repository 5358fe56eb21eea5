/*
 * drain: the worker's side of the outbox.  A worker claims a batch of due
 * messages for a lease (STMT_MSG_CLAIM: on PostgreSQL, rows another worker
 * holds are skipped, so several workers never take the same message),
 * renders each in its language, hands it to its transport and records what
 * happened, one message at a time, so that a worker killed at any moment
 * leaves at most the message in its hands uncertain.  That one is claimed
 * again when the lease lapses: if the gateway had taken it, its delivery
 * report has usually come by then and it is not sent again; otherwise it
 * is sent again, and counted in "uncertain" (a possible duplicate).  An
 * e-mail keeps its Message-ID and a REST provider gets the same
 * Idempotency-Key, so they can drop a second copy.
 *
 * A gateway that cannot take a message now gets it again after 30 s, 60 s,
 * 2 min ... up to an hour between tries (±10 %), until the message
 * expires.  One thread per process drains (the transports keep their
 * connections between messages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "domain/date.h"
#include "domain/protocol_label.h"
#include "domain/sms_text.h"
#include "render.h"
#include "settings.h"
#include "store/query.h"
#include "transport.h"

#define DRAIN_TRANSPORTS	16
#define BACKOFF_FIRST		30
#define BACKOFF_MAX		3600

/* The transports in use, by URL: the installation's and comuni's. */
static struct {
	char			*url;
	struct transport	*t;
	struct timespec		 last;	/* the last SMS it took (rate) */
} transports[DRAIN_TRANSPORTS];

static struct transport *
transport_for(const char *url, int *slot)
{
	int free_slot = -1;

	for (int i = 0; i < DRAIN_TRANSPORTS; i++) {
		if (transports[i].url != NULL &&
		    strcmp(transports[i].url, url) == 0) {
			*slot = i;
			return transports[i].t;
		}
		if (transports[i].url == NULL && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0) {
		/* Many comuni with their own gateways: start again. */
		for (int i = 0; i < DRAIN_TRANSPORTS; i++) {
			transport_free(transports[i].t);
			free(transports[i].url);
			transports[i].t = NULL;
			transports[i].url = NULL;
		}
		free_slot = 0;
	}
	if ((transports[free_slot].t = transport_new(url)) == NULL)
		return NULL;
	transports[free_slot].url = strdup(url);
	*slot = free_slot;
	return transports[free_slot].t;
}

/* Waits so that a transport takes at most IDONEO_SMS_RATE SMS a second. */
static void
pace(int slot)
{
	struct timespec	 now, gap;
	double		 since, interval;

	if (notify_cfg.sms_rate <= 0)
		return;
	interval = 1.0 / notify_cfg.sms_rate;
	clock_gettime(CLOCK_MONOTONIC, &now);
	since = (now.tv_sec - transports[slot].last.tv_sec) +
	    (now.tv_nsec - transports[slot].last.tv_nsec) / 1e9;
	if (since < interval) {
		double wait = interval - since;

		gap.tv_sec = (time_t)wait;
		gap.tv_nsec = (long)((wait - gap.tv_sec) * 1e9);
		nanosleep(&gap, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
	}
	transports[slot].last = now;
}

/* Whether SMS may go now: not in the quiet hours (Europe/Rome). */
static bool
sms_allowed(time_t now)
{
	struct tm	 tm;
	int		 f = notify_cfg.quiet_from, t = notify_cfg.quiet_to;

	if (f == t || strncmp(notify_cfg.sms, "file:", 5) == 0)
		return true;
	localtime_r(&now, &tm);
	if (f > t)
		return !(tm.tm_hour >= f || tm.tm_hour < t);
	return !(tm.tm_hour >= f && tm.tm_hour < t);
}

/* The pause before try number attempts + 1, with ±10 % jitter. */
static int
backoff(int64_t attempts)
{
	int64_t	 d = BACKOFF_FIRST;

	for (int64_t i = 1; i < attempts && d < BACKOFF_MAX; i++)
		d *= 2;
	if (d > BACKOFF_MAX)
		d = BACKOFF_MAX;
	return (int)(d - d / 10 + randombytes_uniform((uint32_t)(d / 5 + 1)));
}

/* A stored ISO day as the message writes it: dd/mm/yyyy. */
static void
day_it(const char *iso, char out[DATE_STRLEN])
{
	int d;

	if (iso != NULL && date_parse(iso, &d))
		date_format_it(d, out);
	else
		snprintf(out, DATE_STRLEN, "%s", iso ? iso : "");
}

/* The values a message's templates name, from its case and params. */
struct values {
	struct fill_var	 v[RENDER_VARS];
	size_t		 n;
	char		 label[PROTOCOL_LABEL_STRLEN], name[300], place[300];
	char		 by[DATE_STRLEN], date[DATE_STRLEN], exp[DATE_STRLEN];
	char		 until[DATE_STRLEN];
};

static void
put(struct values *vs, const char *name, const char *value)
{
	if (vs->n < sizeof(vs->v) / sizeof(vs->v[0])) {
		vs->v[vs->n].name = name;
		vs->v[vs->n++].value = value ? value : "";
	}
}

static void
values(struct values *vs, const json_t *ctx, const json_t *params)
{
	const char *addr = jfield_str(ctx, "office_address");
	const char *hours = jfield_str(ctx, "office_hours");

	vs->n = 0;
	protocol_label(jfield_int(ctx, "protocol_year"),
	    jfield_int(ctx, "protocol_no"), vs->label, sizeof(vs->label));
	snprintf(vs->name, sizeof(vs->name), "%s %s",
	    jfield_str(ctx, "given_names") ? jfield_str(ctx, "given_names") :
	    "", jfield_str(ctx, "surname") ? jfield_str(ctx, "surname") : "");
	snprintf(vs->place, sizeof(vs->place), "%s%s%s",
	    jfield_str(ctx, "office") ? jfield_str(ctx, "office") : "",
	    addr != NULL && *addr != '\0' ? ", " : "", addr ? addr : "");
	/* A T-Serve point's place and hours replace the office's. */
	if (jfield_str(params, "place") != NULL) {
		snprintf(vs->place, sizeof(vs->place), "%s",
		    jfield_str(params, "place"));
		hours = jfield_str(params, "hours");
	}
	day_it(jfield_str(params, "by"), vs->by);
	day_it(jfield_str(params, "date"), vs->date);
	day_it(jfield_str(params, "expires"), vs->exp);
	day_it(jfield_str(params, "until"), vs->until);
	put(vs, "case", vs->label);
	put(vs, "code", jfield_str(ctx, "tracking_code"));
	put(vs, "comune", jfield_str(ctx, "comune_name"));
	put(vs, "office", jfield_str(ctx, "office"));
	put(vs, "name", vs->name);
	put(vs, "place", vs->place);
	put(vs, "hours", hours != NULL && *hours != '\0' ? hours : "-");
	put(vs, "documents", jfield_str(params, "documents"));
	put(vs, "reason", jfield_str(params, "reason"));
	put(vs, "text", jfield_str(params, "text"));
	put(vs, "by", vs->by);
	put(vs, "date", vs->date);
	put(vs, "expires", vs->exp);
	put(vs, "pickup", jfield_str(params, "pickup"));
	put(vs, "until", vs->until);
	put(vs, "otp", jfield_str(params, "otp"));
	put(vs, "link", jfield_str(params, "link"));
}

/*
 * What the worker writes back about one message.  Outcomes are written
 * RECORD_GROUP at a time, or RECORD_WAIT_MS after the first waiting one,
 * in one short transaction (one fsync for several), and never with a
 * transaction open while a gateway answers.  A worker killed before the
 * write leaves those messages "sending": claimed again after the lease,
 * they are sent again unless their delivery report came (see above).
 */
#define RECORD_GROUP	16
#define RECORD_WAIT_MS	200

struct record {
	int64_t		 id;
	const char	*status;	/* a literal */
	char		*subject, *body;	/* owned */
	const char	*coding;	/* a literal */
	int		 segments;
	char		 reference[128], error[256];
	char		 due[CLOCK_STRLEN];
	bool		 sent;		/* sets sent_at */
	bool		 settled;	/* no fallback to consider */
};

static struct record	 pending[RECORD_GROUP];
static int		 npending;
static struct timespec	 first_pending;

/* Writes the waiting outcomes, as worker. */
static void
flush(struct store *st, const char *worker)
{
	char	 now[CLOCK_STRLEN];
	int	 ok;

	if (npending == 0)
		return;
	clock_utc(clock_now(), now);
	ok = store_tx(st, STORE_BEGIN_WRITE) == 0;
	for (int i = 0; ok && i < npending; i++) {
		struct record *r = &pending[i];

		ok = store_exec(st, STMT_MSG_RECORD, "ssssdssssbsis", r->status,
		    r->subject ? r->subject : "", r->body ? r->body : "",
		    r->coding ? r->coding : "", r->segments, r->reference,
		    r->error, r->due[0] ? r->due : now, r->sent ? now : NULL,
		    r->settled, now, r->id, worker) >= 0;
	}
	if (!ok || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		log_warn("notify: the outcome of %d messages could not be "
		    "recorded; they will be claimed again", npending);
	}
	for (int i = 0; i < npending; i++) {
		free(pending[i].subject);
		free(pending[i].body);
	}
	npending = 0;
}

/* Queues an outcome, and writes the waiting ones when it is time. */
static void
record(struct store *st, const char *worker, struct record *r)
{
	struct timespec	 now;

	if (npending == 0)
		clock_gettime(CLOCK_MONOTONIC, &first_pending);
	pending[npending++] = *r;
	r->subject = r->body = NULL;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (npending == RECORD_GROUP || (now.tv_sec - first_pending.tv_sec) *
	    1000 + (now.tv_nsec - first_pending.tv_nsec) / 1000000 >=
	    RECORD_WAIT_MS)
		flush(st, worker);
}

/* Renders, sends and records one claimed message. */
static void
send_one(struct store *st, const char *worker, const json_t *m)
{
	int64_t		 id = jfield_int(m, "id");
	bool		 sms = strcmp(jfield_str(m, "channel"), "sms") == 0;
	int		 ev = notify_event_from_name(jfield_str(m, "event"));
	json_t		*ctx = NULL, *params;
	struct values	 vs;
	struct rendered	 text;
	struct outgoing	 out;
	struct sent	 res;
	struct record	 rec;
	struct sms_size	 size = {SMS_GSM7, 0, 0};
	struct transport *t;
	struct buf	 dlr, from;
	char		 key[64], now[CLOCK_STRLEN];
	const char	*url;
	int		 slot = -1;
	time_t		 tnow = clock_now();

	memset(&rec, 0, sizeof(rec));
	rec.id = id;
	memset(&text, 0, sizeof(text));
	clock_utc(tnow, now);
	if (strcmp(jfield_str(m, "expires_at"), now) < 0) {
		rec.status = "expired";
		snprintf(rec.error, sizeof(rec.error), "expired");
		record(st, worker, &rec);
		return;
	}
	params = json_loads(jfield_str(m, "params"), 0, NULL);
	/* A draft's message has no case: its comune, and the names the
	 * draft gave in params. */
	if (jfield_int(m, "case_id") == 0) {
		if (store_row(st, &ctx, STMT_MSG_CONTEXT_COMUNE, "i",
		    jfield_int(m, "comune_id")) <= 0)
			ctx = NULL;
		else if (json_is_object(params))
			json_object_update_missing(ctx, params);
	} else if (store_row(st, &ctx, STMT_MSG_CONTEXT, "i",
	    jfield_int(m, "case_id")) <= 0)
		ctx = NULL;
	if (ev < 0 || ctx == NULL) {
		rec.status = "permanent-failure";
		snprintf(rec.error, sizeof(rec.error), "no case");
		record(st, worker, &rec);
		json_decref(params);
		return;
	}
	values(&vs, ctx, params);
	if ((sms ? render_sms(jfield_str(m, "language"), ev, vs.v, vs.n,
	    &text) : render_email(jfield_str(m, "language"), ev, vs.v, vs.n,
	    &text)) < 0) {
		rec.status = "permanent-failure";
		snprintf(rec.error, sizeof(rec.error), "template");
		record(st, worker, &rec);
		json_decref(params);
		json_decref(ctx);
		return;
	}
	if (sms)
		sms_measure(text.text, &size);
	url = sms ? jfield_str(ctx, "sms_url") : jfield_str(ctx, "smtp_url");
	if (url == NULL || *url == '\0')
		url = sms ? notify_cfg.sms : notify_cfg.smtp;
	snprintf(key, sizeof(key), "idoneo-%lld-%.8s", (long long)id,
	    jfield_str(m, "token"));
	buf_init(&dlr);
	buf_init(&from);
	if (notify_cfg.public_url[0] != '\0')
		buf_printf(&dlr, sms && strncmp(url, "kannel:", 7) == 0 ?
		    "%s/notify/dlr/%lld?t=%s&s=%%d&a=%%A" :
		    "%s/notify/report/%lld?t=%s", notify_cfg.public_url,
		    (long long)id, jfield_str(m, "token"));
	if (sms)
		buf_puts(&from, jfield_str(ctx, "sms_sender") ?
		    jfield_str(ctx, "sms_sender") : "");
	else {
		const char *mf = jfield_str(ctx, "mail_from");

		buf_printf(&from, "Comune di %s <%s>",
		    jfield_str(ctx, "comune_name"), mf != NULL && *mf != '\0' ?
		    mf : notify_cfg.mail_from);
	}
	out = (struct outgoing){id, sms, jfield_str(m, "recipient"),
	    buf_str(&from), text.subject, text.text, text.html, size.coding,
	    dlr.len > 0 ? buf_str(&dlr) : NULL, key};
	if ((t = transport_for(url, &slot)) == NULL) {
		res.outcome = SEND_TECHNICAL;
		res.reports = false;
		res.reference[0] = '\0';
		snprintf(res.error, sizeof(res.error), "transport URL");
	} else {
		if (sms && !transport_is_file(t))
			pace(slot);
		transport_send(t, &out, &res);
	}
	rec.subject = text.subject;
	rec.body = text.text;
	text.subject = text.text = NULL;
	/* A one-time code or a draft's link is not kept: whoever reads the
	 * outbox must not be able to use it. */
	if (ev == NOTIFY_OTP || ev == NOTIFY_DRAFT_LINK) {
		free(rec.body);
		free(rec.subject);
		rec.body = strdup(notify_event_labels[ev]);
		rec.subject = strdup(sms ? "" : notify_event_labels[ev]);
	}
	rec.coding = sms ? (size.coding == SMS_UCS2 ? "ucs2" : "gsm7") : "";
	rec.segments = sms ? size.segments : 0;
	snprintf(rec.reference, sizeof(rec.reference), "%s", res.reference);
	snprintf(rec.error, sizeof(rec.error), "%s", res.error);
	switch (res.outcome) {
	case SEND_ACCEPTED:
		rec.status = "sent";
		rec.sent = true;
		rec.settled = !(sms && res.reports);
		break;
	case SEND_DELIVERED:
		rec.status = "delivered";
		rec.sent = rec.settled = true;
		break;
	case SEND_PERMANENT:
		rec.status = "permanent-failure";
		break;
	case SEND_TEMPORARY:
	case SEND_TECHNICAL: {
		time_t	 next = tnow + backoff(jfield_int(m, "attempts"));
		char	 nexts[CLOCK_STRLEN];

		clock_utc(next, nexts);
		if (strcmp(nexts, jfield_str(m, "expires_at")) > 0)
			rec.status = "expired";
		else {
			rec.status = res.outcome == SEND_TEMPORARY ?
			    "temporary-failure" : "technical-failure";
			snprintf(rec.due, sizeof(rec.due), "%s", nexts);
		}
		break;
	}
	}
	record(st, worker, &rec);
	if (res.outcome != SEND_ACCEPTED && res.outcome != SEND_DELIVERED)
		log_info("notify: message %lld (%s) %s: %s", (long long)id,
		    sms ? "sms" : "email", rec.status, res.error);
	buf_free(&dlr);
	buf_free(&from);
	render_free(&text);
	json_decref(params);
	json_decref(ctx);
}

/*
 * Claims and sends one batch of due messages as worker.  Returns how many
 * it sent (or tried), or -1 when the database failed.
 */
int
notify_drain(struct store *st, const char *worker)
{
	char	 now[CLOCK_STRLEN], until[CLOCK_STRLEN];
	time_t	 t = clock_now();
	json_t	*batch, *m;
	size_t	 i;

	clock_utc(t, now);
	clock_utc(t + notify_cfg.lease, until);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	batch = store_rows(st, STMT_MSG_CLAIM, "sssssbd", worker, until, until,
	    now, now, sms_allowed(t), notify_cfg.batch);
	if (batch == NULL || store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		json_decref(batch);
		return -1;
	}
	json_array_foreach(batch, i, m) {
		if (jfield_int(m, "recovered") != 0)
			log_warn("notify: message %lld was being sent when its "
			    "worker stopped; sending it again (a possible "
			    "duplicate)", (long long)jfield_int(m, "id"));
		send_one(st, worker, m);
	}
	flush(st, worker);
	i = json_array_size(batch);
	json_decref(batch);
	return (int)i;
}

/* Closes the transports' connections, once the worker has stopped. */
void
notify_shutdown(void)
{
	for (int i = 0; i < DRAIN_TRANSPORTS; i++) {
		transport_free(transports[i].t);
		free(transports[i].url);
		transports[i].t = NULL;
		transports[i].url = NULL;
	}
	curl_global_cleanup();
}
