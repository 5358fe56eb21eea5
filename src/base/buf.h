/*
 * buf: the one growable byte string of idoneo.
 *
 * Every piece of output (HTML, JSON, SQL parameters, log lines) is built in a
 * struct buf.  Once anything is appended the data is NUL-terminated and the
 * length is tracked, so no caller needs strcat or sprintf; a buffer nothing
 * was appended to has no data (NULL), and buf_str gives "" for it.
 * Allocation failure aborts: a server that cannot allocate a few bytes has
 * no sensible way to go on.
 */
#ifndef IDONEO_BUF_H
#define IDONEO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated, owned; NULL until used */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_html(struct buf *, const char *);
char	*buf_steal(struct buf *);
const char *buf_str(const struct buf *);

#endif
