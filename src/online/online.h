/*
 * online: the citizen's application on the web (/domanda,
 * docs/citizen.md).  A draft is filled in five steps that follow the
 * counter form, saved at each step, resumed from a link sent by SMS or
 * e-mail, and submitted, once the applicant's phone or address has been
 * confirmed with a one-time code, as an application of channel "online".
 * Associations fill drafts for the citizens they help (their workspace).
 */
#ifndef IDONEO_ONLINE_H
#define IDONEO_ONLINE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/clock.h"
#include "domain/principal.h"
#include "domain/result.h"
#include "service/auth.h"

struct store;

/* The steps of the form, then the summary (ONLINE_SUMMARY). */
enum online_step {
	ONLINE_APPLICANT = 1,	/* the applicant and the purpose */
	ONLINE_DWELLING,	/* the title, the dwelling, its rooms */
	ONLINE_PERSONS,		/* the residents and the persons to host */
	ONLINE_DOCUMENTS,	/* the documents, uploaded or to bring */
	ONLINE_FEES,		/* the fees and the place of collection */
	ONLINE_SUMMARY
};

#define ONLINE_DAYS		30	/* a draft is kept this long */
#define ONLINE_OTP_SECONDS	900	/* a one-time code is good this long */
#define ONLINE_OTP_TRIES	5	/* wrong codes before a new one */
#define ONLINE_OTP_SENDS	5	/* codes a draft may ask for */
#define ONLINE_FILES		12	/* documents a draft takes */

/* online_otp_send's answer when the draft asked for too many codes. */
#define ONLINE_LIMIT		(SVC__MAX + 2)	/* after CASE_FILES_TYPE */

struct online_draft {
	int64_t		 id, comune_id, association_id, case_id;
	int		 step, otp_tries, otp_sent;
	char		 csrf[AUTH_TOKEN_LEN + 1];
	char		 lang[8];
	char		 otp_to[256], confirmed[256];
	char		 otp_until[CLOCK_STRLEN], otp_hash[65];
	char		 case_label[32], tracking_code[24];
	json_t		*data;		/* the application as typed */
	json_t		*files;		/* its uploaded documents */
};

/* draft.c */
enum svc_result	 online_start(struct store *, int64_t comune_id,
		    const char *lang, const struct principal *assoc,
		    char token[AUTH_TOKEN_LEN + 1]);
int		 online_load(struct store *, const char *token,
		    struct online_draft *);
void		 online_free(struct online_draft *);
int		 online_session(struct store *, const char *token,
		    struct principal *);
enum svc_result	 online_reopen(struct store *, const struct principal *,
		    int64_t draft_id, char token[AUTH_TOKEN_LEN + 1]);
enum svc_result	 online_save(struct store *, struct online_draft *,
		    int step, const json_t *form, bool advance,
		    json_t *errors);
int		 online_step_of(const char *field);
void		 online_step_errors(const struct online_draft *, int step,
		    json_t *errors);
json_t		*online_eligibility(struct store *, const struct online_draft *,
		    json_t *errors);
enum svc_result	 online_submit(struct store *, struct online_draft *,
		    const json_t *form, const struct principal *who,
		    json_t *errors,
		    char follow_token[AUTH_TOKEN_LEN + 1]);
json_t		*online_of_association(struct store *,
		    const struct principal *, const char *q);
int		 online_purge(struct store *);
void		 online_add_worker(void);

/* contact.c: the link back, and the one-time code (identity). */
enum svc_result	 online_send_link(struct store *, struct online_draft *,
		    const char *token, const char *channel, json_t *errors);
int		 online_otp_send(struct store *, struct online_draft *,
		    const char *channel, json_t *errors);
enum svc_result	 online_otp_check(struct store *, struct online_draft *,
		    const char *code, json_t *errors);
bool		 online_contact_confirmed(const struct online_draft *);

/* association.c: the workspace's own settings. */
json_t		*online_association(struct store *, const struct principal *);
enum svc_result	 online_association_contacts(struct store *,
		    const struct principal *, const json_t *form,
		    json_t *errors);

/* files.c */
int		 online_file_add(struct store *, struct online_draft *,
		    const char *kind, const char *upload, const char *name,
		    int64_t size, json_t *errors);
enum svc_result	 online_file_remove(struct store *, struct online_draft *,
		    int64_t file_id);
int		 online_files_move(struct store *, int64_t draft_id,
		    int64_t case_id);
void		 online_files_drop(struct store *, int64_t draft_id);

#endif
