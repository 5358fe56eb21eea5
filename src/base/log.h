/*
 * log: one line per event on stderr, as key=value pairs that journald and
 * grep read well.  Never pass personal data (names, codici fiscali, phone
 * numbers, request bodies, tokens): log ids.
 */
#ifndef IDONEO_LOG_H
#define IDONEO_LOG_H

void	 log_init(const char *proc);
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
