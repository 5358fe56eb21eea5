/*
 * file: the development transport.  Each message is written whole to its
 * own file in the folder of a file:/// URL ("ID.sms", "ID.eml"), written
 * aside and renamed, so a reader never sees half of one; the message
 * counts as delivered.  make run uses it when no gateway is configured.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "gateway.h"

/* Makes a folder and its parents, mode 0700. */
static int
make_dirs(const char *dir)
{
	char	 p[512];

	snprintf(p, sizeof(p), "%s", dir);
	for (char *s = p + 1; *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

void
file_send(struct transport *t, const struct outgoing *m, struct sent *r)
{
	char		 path[600], tmp[620];
	struct buf	 b;
	FILE		*f;
	int		 ok;

	snprintf(path, sizeof(path), "%s/%lld.%s", t->dir, (long long)m->id,
	    m->sms ? "sms" : "eml");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	buf_init(&b);
	if (m->sms)
		buf_printf(&b, "To: %s\nFrom: %s\nCoding: %s\n\n%s\n", m->to,
		    m->from ? m->from : "", m->coding == SMS_UCS2 ? "ucs2" :
		    "gsm7", m->text);
	else
		buf_printf(&b, "To: %s\nFrom: %s\nSubject: %s\n"
		    "Message-ID: <%s>\n\n%s\n", m->to, m->from, m->subject,
		    m->key, m->text);
	if (make_dirs(t->dir) < 0 || (f = fopen(tmp, "w")) == NULL) {
		r->outcome = SEND_TECHNICAL;
		snprintf(r->error, sizeof(r->error), "file: %s",
		    strerror(errno));
		buf_free(&b);
		return;
	}
	ok = fwrite(buf_str(&b), 1, b.len, f) == b.len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	buf_free(&b);
	if (!ok || rename(tmp, path) < 0) {
		unlink(tmp);
		r->outcome = SEND_TECHNICAL;
		snprintf(r->error, sizeof(r->error), "file: %s",
		    strerror(errno));
		return;
	}
	r->outcome = SEND_DELIVERED;
	snprintf(r->reference, sizeof(r->reference), "%lld.%s",
	    (long long)m->id, m->sms ? "sms" : "eml");
}
