/*
 * demo_history: years of synthetic cases for Prato (`idoneo demo
 * --history YEARS`, docs/stats.md), so that the dashboard has something
 * to show on a fresh machine.  Each case goes through the real intake and
 * the real steps, on the day each step happens (the clock is set to it):
 * about 200 certificates a month, applicants from the continents in the
 * 2007 Prato report's shares (Asia 58.20%, Europe 27.43%, Africa 11.76%,
 * America 2.59%), suspensions for missing documents, notices of refusal
 * answered or followed by a rejection, withdrawals, and deliveries: at
 * the office, and for two applicants in five at a T-Serve point, through
 * the point's own steps (the code, the document, the handover).  The
 * numbers come from a fixed seed: the same history every time.  The
 * applicants asked for no messages, so the history sends none: the clerk
 * gives the pickup code in person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "demo.h"
#include "domain/date.h"
#include "handover.h"
#include "intake_write.h"
#include "points/pickup.h"
#include "points/points.h"
#include "store/comuni.h"
#include "store/query.h"
#include "transition.h"

/* Who applies: a country, its share in a thousand, names and language. */
static const struct origin {
	const char	*country, *language;
	int		 per_mille;
	const char	*surnames[4], *given[4];
} origins[] = {
	{"Cina", "zh", 408, {"Chen", "Hu", "Wang", "Zhang"},
	    {"Wei", "Fang", "Ming", "Xiaoli"}},
	{"Pakistan", "ur", 70, {"Khan", "Ahmed", "Ali", "Hussain"},
	    {"Imran", "Ayesha", "Bilal", "Sana"}},
	{"Bangladesh", "bn", 70, {"Rahman", "Hossain", "Islam", "Akter"},
	    {"Nadia", "Rahim", "Karim", "Sumi"}},
	{"Filippine", "en", 34, {"Santos", "Reyes", "Cruz", "Garcia"},
	    {"Maria", "Jose", "Ana", "Mark"}},
	{"Albania", "sq", 170, {"Hoxha", "Gashi", "Krasniqi", "Berisha"},
	    {"Arben", "Elira", "Dritan", "Blerina"}},
	{"Ucraina", "en", 52, {"Shevchenko", "Kovalenko", "Bondarenko",
	    "Tkachenko"}, {"Olena", "Andriy", "Iryna", "Taras"}},
	{"Moldova", "ro", 52, {"Rusu", "Ceban", "Lungu", "Popa"},
	    {"Ion", "Maria", "Vasile", "Elena"}},
	{"Marocco", "ar", 60, {"El Amrani", "Benali", "Haddad", "Alaoui"},
	    {"Youssef", "Fatima", "Karim", "Salma"}},
	{"Nigeria", "en", 30, {"Okafor", "Adeyemi", "Eze", "Bello"},
	    {"Chinedu", "Ngozi", "Tunde", "Amaka"}},
	{"Senegal", "fr", 28, {"Diop", "Ndiaye", "Fall", "Sow"},
	    {"Mamadou", "Awa", "Cheikh", "Fatou"}},
	{"Perù", "it", 26, {"Quispe", "Flores", "Mamani", "Rojas"},
	    {"Luis", "Rosa", "Jorge", "Carmen"}},
};

static const char *const purposes[] = {"family_reunification",
    "family_reunification", "family_reunification", "work_contract",
    "work_contract", "eu_long_term_family", "self_employment", "other"};
static const char *const channels[] = {"counter", "counter", "counter",
    "association", "online", "api"};

/* The T-Serve points that hand over certificates, and their operators. */
#define HISTORY_POINTS	16
static struct principal	 operators[HISTORY_POINTS];
static int		 noperators;

/* A fixed sequence of numbers (xorshift64*). */
static uint64_t	 seed = 0x2007cafe2026beefULL;

static int
roll(int n)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (int)((seed * 0x2545F4914F6CDD1DULL >> 33) % (uint64_t)n);
}

/* Sets the clock to nine in the morning of day (Rome is UTC+1 or +2). */
static void
at_day(int day)
{
	clock_set((time_t)day * 86400 + 8 * 3600);
}

/* One application, as a clerk types it at the counter. */
static json_t *
application(const struct origin *o, int64_t point)
{
	json_t	*doc;
	char	 birth[DATE_STRLEN];

	snprintf(birth, sizeof(birth), "%04u-%02u-%02u", (unsigned)(1960 +
	    roll(40)) % 10000u, (unsigned)(1 + roll(12)) % 100u, (unsigned)(1 +
	    roll(28)) % 100u);
	doc = json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s, s:s, s:b, s:b}, s:{s:s, s:s, s:s}, "
	    "s:[{s:s, s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s, s:s}, "
	    "{s:s, s:s, s:s, s:s, s:s, s:[s, s, s, s]}], s:[{s:s, s:s}]}",
	    "purpose", purposes[roll(8)], "title", roll(5) ? "tenant" : "owner",
	    "applicant",
	    "surname", o->surnames[roll(4)], "given_names", o->given[roll(4)],
	    "sex", roll(2) ? "M" : "F", "birth_date", birth,
	    "birth_place", o->country, "birth_country", o->country,
	    "citizenship", o->country,
	    "cf_missing_reason", "in attesa di attribuzione",
	    "id_doc_type", "passport", "id_doc_number", "P1234567",
	    "permit_type", "permit", "language", o->language,
	    "notify_sms", 0, "notify_email", 0,
	    "dwelling", "street", "Via Pistoiese", "house_number", "120",
	    "cap", "59100",
	    "rooms",
	    "name", "Soggiorno", "use", "living", "area", "18,00", "height",
	    "2,70", "window", "2,40",
	    "name", "Camera", "use", "bedroom", "area", roll(3) ? "14,00" :
	    "9,00", "height", "2,70", "window", "1,80",
	    "name", "Bagno", "use", "bathroom", "area", "5,00", "height",
	    "2,40", "window", "0,60", "fixtures", "wc", "bidet", "basin",
	    "shower",
	    "hosted", "surname", o->surnames[roll(4)], "given_names",
	    o->given[roll(4)]);
	if (doc != NULL && point > 0)
		json_object_set_new(doc, "collection_point", json_integer(point));
	return doc;
}

/* Runs a step on day, if that day has come; false when it has not. */
static bool
step(struct store *st, const struct principal *p, int64_t id, int day,
    int today, const char *action, const char *reason)
{
	json_t	*errors;
	bool	 ok;

	if (day > today)
		return false;
	at_day(day);
	errors = json_object();
	ok = cases_transition(st, p, id, action, reason, NULL, errors) ==
	    SVC_OK;
	if (!ok) {
		char *e = json_dumps(errors, JSON_COMPACT);

		log_warn("demo history: %s refused: %s", action, e ? e : "");
		free(e);
	}
	json_decref(errors);
	return ok;
}

/*
 * The certificate collected at its point on day: the clerk gives the
 * pickup code in person the day it is ready (ready), and at the point the
 * operator types it, checks the passport and hands the certificate over.
 */
static void
collect_at_point(struct store *st, const struct principal *clerk,
    const struct principal *op, int64_t id, int ready, int day, int today)
{
	char		 code[PICKUP_CODE_SHOWN_STRLEN];
	json_t		*errors = json_object(), *found = NULL;
	int64_t		 pickup;

	if (day > today)
		goto out;
	at_day(ready);
	if (handover_new_code(st, clerk, id, code, errors) != SVC_OK)
		goto out;
	at_day(day);
	if (pickup_lookup(st, op, code, &found) != SVC_OK)
		goto out;
	pickup = jfield_int(found, "pickup");
	if (pickup_check(st, op, pickup, "passport", "P1234567", errors) !=
	    SVC_OK || handover_confirm(st, op, pickup, errors) != SVC_OK) {
		char *e = json_dumps(errors, JSON_COMPACT);

		log_warn("demo history: the handover at a point failed: %s",
		    e ? e : "");
		free(e);
	}
out:
	json_decref(found);
	json_decref(errors);
}

/* A case from the day it arrives to where it stands today. */
static int
one_case(struct store *st, const struct principal *clerk,
    const struct principal *head, int day, int today)
{
	const struct origin	*o = &origins[0];
	json_t			*doc, *errors = json_object();
	int64_t			 id = 0;
	int			 pick = roll(1000), fate = roll(100), d = day;
	const struct principal	*op = NULL;
	enum svc_result		 r;

	for (size_t i = 0; i < sizeof(origins) / sizeof(origins[0]); i++) {
		if (pick < origins[i].per_mille) {
			o = &origins[i];
			break;
		}
		pick -= origins[i].per_mille;
	}
	/* Two in five collect at a T-Serve point. */
	if (noperators > 0 && roll(5) < 2)
		op = &operators[roll(noperators)];
	at_day(day);
	doc = application(o, op != NULL ? op->point_id : 0);
	r = cases_create(st, clerk, doc, channels[roll(6)], &id, errors, NULL);
	json_decref(doc);
	json_decref(errors);
	if (r != SVC_OK)
		return -1;
	if (!step(st, clerk, id, d += 1 + roll(2), today, "take", NULL))
		return 0;
	if (fate < 3) {
		step(st, clerk, id, d + 2 + roll(5), today, "withdraw",
		    "Richiesta del richiedente");
		return 0;
	}
	/* One case in five waits for a document, three to fifteen days. */
	if (fate < 23) {
		if (!step(st, clerk, id, d += 2, today, "suspend",
		    "Manca la planimetria firmata") ||
		    !step(st, clerk, id, d += 3 + roll(13), today, "resume",
		    NULL))
			return 0;
	}
	/* Five in a hundred get a notice of refusal: two answer within the
	 * ten days and go on; for three the days pass, and they are
	 * rejected (art. 10-bis L. 241/1990). */
	if (fate >= 95) {
		if (!step(st, head, id, d += 2 + roll(4), today,
		    "notice_refusal", "Superficie insufficiente") ||
		    !step(st, clerk, id, d += fate >= 97 ? 11 : 3 + roll(6),
		    today, "answer_refusal", fate >= 97 ? "Termine scaduto" :
		    "Osservazioni con la nuova planimetria"))
			return 0;
		if (fate >= 97) {
			step(st, head, id, d + 1, today, "reject",
			    "Nessuna osservazione nei dieci giorni");
			return 0;
		}
	}
	if (!step(st, head, id, d += 3 + roll(8), today, "approve", NULL) ||
	    !step(st, clerk, id, d += roll(3), today, "certificate_ready",
	    NULL))
		return 0;
	if (op != NULL)
		collect_at_point(st, clerk, op, id, d, d + 1 + roll(10), today);
	else
		step(st, clerk, id, d + 1 + roll(10), today, "deliver", NULL);
	return 0;
}

/* An operator at each point of Prato that hands over certificates. */
static int
point_operators(struct store *st, int64_t comune_id)
{
	json_t	*pts = points_nearest(st, comune_id, NULL, 100), *v;
	size_t	 i;

	if (pts == NULL)
		return -1;
	noperators = 0;
	json_array_foreach(pts, i, v) {
		struct principal *op = &operators[noperators];
		char		  name[128];

		if (strcmp(jfield_text(v, "kind"), "office") == 0 ||
		    noperators == HISTORY_POINTS)
			continue;
		snprintf(name, sizeof(name), "%.100s", jfield_text(v, "name"));
		access_system(op, comune_id, name);
		op->role = ROLE_POINT;
		op->point_id = jfield_int(v, "id");
		noperators++;
	}
	json_decref(pts);
	return 0;
}

/* The principal of one of the demo's users. */
static int
as_user(struct store *st, int64_t comune_id, const char *username,
    enum wf_role role, struct principal *p)
{
	json_t	*u;

	access_system(p, comune_id, username);
	if (store_row(st, &u, STMT_USER_BY_NAME, "s", username) != 1)
		return -1;
	p->role = role;
	p->user_id = jfield_int(u, "id");
	snprintf(p->actor, sizeof(p->actor), "user:%lld",
	    (long long)p->user_id);
	snprintf(p->name, sizeof(p->name), "%s", jfield_text(u, "full_name"));
	json_decref(u);
	return 0;
}

/*
 * Adds years of history before today to Prato, unless it has some already
 * (a case older than a week).  Returns 0, or -1.
 */
int
demo_history(struct store *st, int years)
{
	struct principal	 clerk, head;
	int64_t			 prato = comuni_id(st, "G999"), old = 0;
	int			 today = clock_today(), first, n = 0;
	char			 week[DATE_STRLEN];

	if (years <= 0 || prato <= 0)
		return years <= 0 ? 0 : -1;
	date_format(today - 7, week);
	if (store_int(st, &old, STMT_DEMO_OLD_CASES, "is", prato, week) < 0)
		return -1;
	if (old > 0) {
		log_info("demo history: already there");
		return 0;
	}
	/* The demo's clerk and head take the steps, as at the counter. */
	if (as_user(st, prato, "sportello", ROLE_CLERK, &clerk) < 0 ||
	    as_user(st, prato, "capo", ROLE_HEAD, &head) < 0 ||
	    point_operators(st, prato) < 0)
		return -1;
	first = today - years * 365;
	for (int day = first; day < today; day++) {
		int	 wd = date_weekday(day), k;

		if (wd >= 5)
			continue;
		/* About eleven a working day: two hundred certificates a
		 * month once refusals and withdrawals are out. */
		for (k = 8 + roll(7); k > 0; k--, n++)
			if (one_case(st, &clerk, &head, day, today) < 0) {
				clock_init();
				return -1;
			}
	}
	clock_init();
	log_info("demo history: %d applications over %d years", n, years);
	return 0;
}
