/*
 * workflow: the case state machine.  See workflow.h.
 */
#include <string.h>

#include "i18n.h"
#include "names.h"
#include "workflow.h"

#define S(x)	(1u << (x))
#define R(x)	(1u << (x))
#define OFFICE	(R(ROLE_HEAD) | R(ROLE_CLERK))
#define OPEN	(S(WF_SUBMITTED) | S(WF_IN_REVIEW) | S(WF_SUSPENDED) | \
		 S(WF_INSPECTION) | S(WF_REFUSAL_NOTICE))

const char *const wf_state_names[WF_STATE__MAX] = {
	"submitted", "in_review", "suspended", "inspection", "refusal_notice",
	"approved", "certificate_ready", "delivered", "rejected", "withdrawn",
};

const char *const wf_state_labels[WF_STATE__MAX] = {
	N_("Presentata"), N_("In istruttoria"), N_("Sospesa (documenti mancanti)"),
	N_("Sopralluogo programmato"), N_("Preavviso di rigetto (art. 10-bis)"),
	N_("Approvata"), N_("Certificato pronto"), N_("Consegnato"),
	N_("Respinta"), N_("Ritirata"),
};

const char *const wf_role_names[ROLE__MAX] = {
	"admin", "head", "clerk", "association", "point",
};

const char *const wf_refusal_messages[WF_REFUSAL__MAX] = {
	N_("consentito"),
	N_("azione sconosciuta"),
	N_("questa azione non è possibile nello stato attuale della pratica"),
	N_("il tuo ruolo non permette questa azione"),
	N_("questa azione richiede una motivazione"),
	N_("prima di respingere la domanda va inviato il preavviso di rigetto "
	    "(L. 241/1990 art. 10-bis)"),
};

/*
 * The transitions.  Deciding (approve, reject, 10-bis notice) belongs to the
 * head of office as responsabile del procedimento (L. 241/1990 art. 6); the
 * clerk instructs the case; the association may only withdraw an
 * application it filed, at the applicant's request.
 */
const struct wf_transition wf_transitions[WF_ACTION__MAX] = {
	[WF_TAKE] = {"take", N_("Avvia istruttoria"), S(WF_SUBMITTED),
	    WF_IN_REVIEW, OFFICE, false, WF_CLOCK_KEEP},
	[WF_SUSPEND] = {"suspend", N_("Sospendi per documenti mancanti"),
	    S(WF_SUBMITTED) | S(WF_IN_REVIEW) | S(WF_INSPECTION),
	    WF_SUSPENDED, OFFICE, true, WF_CLOCK_STOP},
	[WF_RESUME] = {"resume", N_("Riprendi: documenti ricevuti"),
	    S(WF_SUSPENDED), WF_IN_REVIEW, OFFICE, false, WF_CLOCK_RESTART},
	[WF_SCHEDULE_INSPECTION] = {"schedule_inspection",
	    N_("Programma sopralluogo"), S(WF_IN_REVIEW), WF_INSPECTION,
	    OFFICE, true, WF_CLOCK_KEEP},
	[WF_INSPECTION_DONE] = {"inspection_done", N_("Sopralluogo eseguito"),
	    S(WF_INSPECTION), WF_IN_REVIEW, OFFICE, true, WF_CLOCK_KEEP},
	[WF_NOTICE_REFUSAL] = {"notice_refusal",
	    N_("Invia preavviso di rigetto"),
	    S(WF_IN_REVIEW) | S(WF_INSPECTION), WF_REFUSAL_NOTICE,
	    R(ROLE_HEAD), true, WF_CLOCK_STOP},
	[WF_ANSWER_REFUSAL] = {"answer_refusal",
	    N_("Osservazioni ricevute / termine scaduto"),
	    S(WF_REFUSAL_NOTICE), WF_IN_REVIEW, OFFICE, false,
	    WF_CLOCK_RESTART},
	[WF_APPROVE] = {"approve", N_("Approva"), S(WF_IN_REVIEW),
	    WF_APPROVED, R(ROLE_HEAD), false, WF_CLOCK_END},
	[WF_REJECT] = {"reject", N_("Respingi"), S(WF_IN_REVIEW),
	    WF_REJECTED, R(ROLE_HEAD), true, WF_CLOCK_END},
	[WF_CERT_READY_ACTION] = {"certificate_ready",
	    N_("Certificato pronto"), S(WF_APPROVED), WF_CERT_READY, OFFICE,
	    false, WF_CLOCK_KEEP},
	/* At the office, or at a T-Serve point (service/handover.c). */
	[WF_DELIVER] = {"deliver", N_("Consegna al richiedente"),
	    S(WF_CERT_READY), WF_DELIVERED, OFFICE | R(ROLE_POINT), false,
	    WF_CLOCK_KEEP},
	[WF_WITHDRAW] = {"withdraw", N_("Ritira su richiesta del richiedente"),
	    OPEN, WF_WITHDRAWN, OFFICE | R(ROLE_ASSOCIATION), true,
	    WF_CLOCK_END},
};

int
wf_state_from_name(const char *s)
{
	return names_index(wf_state_names, WF_STATE__MAX, s);
}

int
wf_role_from_name(const char *s)
{
	return names_index(wf_role_names, ROLE__MAX, s);
}

int
wf_action_from_name(const char *s)
{
	for (int i = 0; s != NULL && i < WF_ACTION__MAX; i++)
		if (strcmp(wf_transitions[i].name, s) == 0)
			return i;
	return -1;
}

/*
 * The day the clock restarts, for a step on day that leaves state from
 * whose clock stopped on stopped_on.  After a suspension it is the day the
 * documents arrived (art. 2 c. 7).  After a notice of refusal, art. 10-bis
 * as DL 76/2020 (L. 120/2020) wrote it: the terms "ricominciano a decorrere
 * dieci giorni dopo la presentazione delle osservazioni o, in mancanza
 * delle stesse, dalla scadenza del termine" of ten days to present them.
 * Observations that come after those ten days restart nothing: the clock
 * had restarted when the term ran out.  The day may be in the future (the
 * ten days after observations received today): the deadline counts them.
 */
int
wf_clock_restart(enum wf_state from, int stopped_on, int day,
    bool observations)
{
	int	 term = stopped_on + WF_REFUSAL_ANSWER_DAYS;

	if (from != WF_REFUSAL_NOTICE)
		return day;
	if (observations && day <= term)
		return day + WF_REFUSAL_ANSWER_DAYS;
	return term;
}

bool
wf_state_final(enum wf_state s)
{
	return s == WF_DELIVERED || s == WF_REJECTED || s == WF_WITHDRAWN;
}

/*
 * Whether a case in state s is decided: approved, its certificate issued,
 * or concluded.  Its deadline no longer runs (L. 241/1990 art. 2: the term
 * ends with the decision) and the rooms it was decided on stay as they are.
 * An unknown state (-1) counts as decided: nothing may change it.
 */
bool
wf_state_decided(int s)
{
	return s < 0 || s >= WF_STATE__MAX || wf_state_final((enum wf_state)s) ||
	    s == WF_APPROVED || s == WF_CERT_READY;
}

/*
 * Says whether role may apply action to a case in state from.  A rejection
 * needs an earlier 10-bis notice on the same case (had_notice): the law
 * makes the notice a condition of a negative decision.
 */
enum wf_refusal
wf_check(enum wf_action a, enum wf_state from, enum wf_role role,
    bool has_reason, bool had_notice)
{
	const struct wf_transition *t;

	if ((unsigned)a >= WF_ACTION__MAX)
		return WF_BAD_ACTION;
	t = &wf_transitions[a];
	if ((unsigned)role >= ROLE__MAX || (t->roles & R(role)) == 0)
		return WF_FORBIDDEN_ROLE;
	/* A state the case cannot be in (an unknown name read as -1). */
	if ((unsigned)from >= WF_STATE__MAX || (t->from & S(from)) == 0)
		return WF_WRONG_STATE;
	if (t->needs_reason && !has_reason)
		return WF_NEEDS_REASON;
	if (a == WF_REJECT && !had_notice)
		return WF_NEEDS_NOTICE;
	return WF_ALLOWED;
}
