/*
 * workflow: the states of a case and the transitions between them.
 *
 * The procedure follows L. 241/1990: the application opens the procedure
 * (art. 2), the responsible officer may stop the clock once to ask for
 * missing documents (art. 2 c.7), must send a notice of the reasons against
 * the application before rejecting it (art. 10-bis, 10 days to answer, clock
 * stopped), and decides with reasons (art. 3).  Who may do what is a table,
 * not scattered ifs.
 */
#ifndef IDONEO_WORKFLOW_H
#define IDONEO_WORKFLOW_H

#include <stdbool.h>

enum wf_state {
	WF_SUBMITTED,
	WF_IN_REVIEW,
	WF_SUSPENDED,		/* documents missing, clock stopped */
	WF_INSPECTION,		/* inspection (sopralluogo) scheduled */
	WF_REFUSAL_NOTICE,	/* art. 10-bis notice sent, clock stopped */
	WF_APPROVED,
	WF_CERT_READY,
	WF_DELIVERED,
	WF_REJECTED,
	WF_WITHDRAWN,
	WF_STATE__MAX
};

enum wf_role {
	ROLE_ADMIN,
	ROLE_HEAD,
	ROLE_CLERK,
	ROLE_ASSOCIATION,
	ROLE_POINT,
	ROLE__MAX
};

enum wf_action {
	WF_TAKE,		/* start the review */
	WF_SUSPEND,
	WF_RESUME,		/* documents arrived */
	WF_SCHEDULE_INSPECTION,
	WF_INSPECTION_DONE,
	WF_NOTICE_REFUSAL,
	WF_ANSWER_REFUSAL,	/* observations received or 10 days passed */
	WF_APPROVE,
	WF_REJECT,
	WF_CERT_READY_ACTION,
	WF_DELIVER,
	WF_WITHDRAW,
	WF_ACTION__MAX
};

/* What a transition does to the deadline clock. */
enum wf_clock {
	WF_CLOCK_KEEP,
	WF_CLOCK_STOP,
	WF_CLOCK_RESTART,
	WF_CLOCK_END,		/* the procedure is concluded */
};

struct wf_transition {
	const char	*name;		/* API and form name */
	const char	*label;		/* Italian, for buttons (N_) */
	unsigned	 from;		/* bit set of enum wf_state */
	enum wf_state	 to;
	unsigned	 roles;		/* bit set of enum wf_role */
	bool		 needs_reason;
	enum wf_clock	 clock;
};

enum wf_refusal {
	WF_ALLOWED,
	WF_BAD_ACTION,
	WF_WRONG_STATE,
	WF_FORBIDDEN_ROLE,
	WF_NEEDS_REASON,
	WF_NEEDS_NOTICE,	/* rejection without a prior 10-bis notice */
	WF_REFUSAL__MAX
};

extern const struct wf_transition wf_transitions[WF_ACTION__MAX];
extern const char *const wf_state_names[WF_STATE__MAX];
extern const char *const wf_state_labels[WF_STATE__MAX];
extern const char *const wf_role_names[ROLE__MAX];
extern const char *const wf_refusal_messages[WF_REFUSAL__MAX];

int		 wf_state_from_name(const char *);
int		 wf_action_from_name(const char *);
int		 wf_role_from_name(const char *);
bool		 wf_state_final(enum wf_state);

/*
 * The days an applicant has to answer a notice of refusal (L. 241/1990
 * art. 10-bis): see wf_clock_restart.
 */
#define WF_REFUSAL_ANSWER_DAYS	10

int		 wf_clock_restart(enum wf_state from, int stopped_on, int day,
		    bool observations);
bool		 wf_state_decided(int);
enum wf_refusal	 wf_check(enum wf_action, enum wf_state, enum wf_role,
		    bool has_reason, bool had_notice);

#endif
