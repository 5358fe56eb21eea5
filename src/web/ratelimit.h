/*
 * ratelimit: counts a caller's failures (a wrong verification code, a
 * wrong pickup code) in a sliding window, in memory, per key ("ip:…",
 * "user:…"), so that guessing codes stays slow.  A process forgets on
 * restart, which costs a guesser nothing worth having.
 */
#ifndef IDONEO_RATELIMIT_H
#define IDONEO_RATELIMIT_H

#include <stdbool.h>

bool	 ratelimit_blocked(const char *key, int max, int window_s,
	    int *retry_after);
void	 ratelimit_fail(const char *key, int window_s);

#endif
