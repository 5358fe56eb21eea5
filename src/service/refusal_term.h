/*
 * refusal_term: the term to answer a notice of refusal, run out.
 */
#ifndef IDONEO_REFUSAL_TERM_H
#define IDONEO_REFUSAL_TERM_H

struct store;

int	 refusal_terms_expire(struct store *);
void	 refusal_term_add_worker(void);

#endif
