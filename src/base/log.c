/*
 * log: key=value lines on stderr.  See log.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *log_proc = "idoneo";

void
log_init(const char *proc)
{
	log_proc = proc;
}

static void log_emit(const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

/*
 * Formats the whole line first and hands it to the kernel in one write: a
 * line costs one system call instead of three, and the lines of several
 * processes sharing stderr (a pipe, the journal) never mix.  A line longer
 * than the buffer is cut and ends with "...".
 */
static void
log_emit(const char *level, const char *fmt, va_list ap)
{
	char		 ts[32], line[4096];
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 len, off = 0;
	int		 n;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "ts=%s proc=%s level=%s ", ts,
	    log_proc, level);
	len = n < 0 ? 0 : (size_t)n;
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n >= 0 && len + (size_t)n < sizeof(line) - 1)
		len += (size_t)n;
	else {
		len = sizeof(line) - 1;
		memcpy(line + len - 3, "...", 3);
	}
	line[len++] = '\n';
	while (off < len) {
		ssize_t w = write(STDERR_FILENO, line + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_emit("info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_emit("warn", fmt, ap);
	va_end(ap);
}

void
log_fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_emit("fatal", fmt, ap);
	va_end(ap);
	exit(1);
}
