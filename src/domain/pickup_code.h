/*
 * pickup_code: the one-time code a citizen shows at the counter to collect
 * the certificate.  Nine digits, read aloud in three groups of three
 * ("482 913 075"): digits are the characters every applicant can say in
 * Italian whatever their language, with no letters to spell.  The code
 * space and the limits on guessing are in docs/points.md.
 */
#ifndef IDONEO_PICKUP_CODE_H
#define IDONEO_PICKUP_CODE_H

#include <stdbool.h>

#define PICKUP_CODE_LEN		9
#define PICKUP_CODE_STRLEN	(PICKUP_CODE_LEN + 1)
#define PICKUP_CODE_SHOWN_STRLEN (PICKUP_CODE_LEN + 3)	/* two spaces */

bool	 pickup_code_normalize(const char *typed,
	    char out[PICKUP_CODE_STRLEN]);
void	 pickup_code_show(const char *code,
	    char out[PICKUP_CODE_SHOWN_STRLEN]);
bool	 pickup_code_live(int expires_day, int today);
bool	 pickup_doc_matches(const char *expected, const char *typed);
void	 pickup_doc_tail(const char *number, char out[4]);

#endif
