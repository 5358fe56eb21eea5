/*
 * server: the libmicrohttpd adapter, the only file that includes
 * <microhttpd.h>.
 *
 * MHD runs a pool of threads with epoll.  For each request we collect the
 * body (at most HTTP_MAX_BODY), decode urlencoded forms with MHD's own post
 * processor, then hand a struct http_req to the router and send back what
 * it put in struct http_resp, with the security headers every response
 * carries.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/config.h"
#include "base/log.h"
#include "deadline.h"
#include "http.h"

struct ctx {
	struct http_req		 req;
	struct MHD_PostProcessor *pp;
	json_t			*flat;	/* field name → string or array */
	bool			 too_big;
	bool			 bad_form;
	const char		*bad_why;	/* why the form is bad */
	struct form_fields	 ff;		/* its text fields */
	bool			 multipart;
	bool			 discard;	/* a body not admitted */
	int			 upload_fd;	/* -1 when none is open */
	int64_t			 received;
	struct timespec		 start;
};

/* The application's handler of every request, and its gate (http_serve). */
static http_handler	 dispatch;
static http_admit_fn	 admit;

/*
 * Writes a piece of the uploaded file.  The first piece creates the
 * temporary file; a second file in the same request makes the form bad:
 * one upload is one file.
 */
static bool
upload_piece(struct ctx *c, const char *filename, const char *data,
    uint64_t off, size_t size)
{
	if (c->upload_fd >= 0 && off == 0) {
		c->bad_why = "un solo file per invio";
		return false;
	}
	if (c->upload_fd < 0) {
		const char	*tmp = getenv("TMPDIR");

		if (off != 0 || c->req.upload_path[0] != '\0')
			return false;
		snprintf(c->req.upload_path, sizeof(c->req.upload_path),
		    "%s/idoneo-upload-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if ((c->upload_fd = mkstemp(c->req.upload_path)) < 0) {
			log_warn("http: cannot create an upload file");
			c->req.upload_path[0] = '\0';
			return false;
		}
		snprintf(c->req.upload_name, sizeof(c->req.upload_name), "%s",
		    filename);
	}
	while (size > 0) {
		ssize_t	 n = write(c->upload_fd, data, size);

		if (n <= 0)
			return false;
		data += n;
		size -= (size_t)n;
		c->req.upload_size += n;
	}
	return true;
}

static const char *const security_headers[][2] = {
	{"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
	    "style-src 'self'; script-src 'self'; font-src 'self'; "
	    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Referrer-Policy", "same-origin"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
};

const char *
http_header(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
http_cookie(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *
http_query(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	    name);
}

/* A top-level form field as a string (the first value if repeated). */
const char *
http_field(const struct http_req *r, const char *name)
{
	json_t	*v = json_object_get(r->form, name);

	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_string_value(v);
}

void
http_add_header(struct http_resp *resp, const char *name, const char *value)
{
	if (resp->nheaders == HTTP_MAX_HEADERS)
		log_fatal("http: too many headers");
	resp->headers[resp->nheaders].name = name;
	if ((resp->headers[resp->nheaders].value = strdup(value)) == NULL)
		log_fatal("http: out of memory");
	resp->nheaders++;
}

/* A 303 See Other, the answer to a successful form POST. */
void
http_redirect(struct http_resp *resp, const char *location)
{
	resp->status = 303;
	http_add_header(resp, "Location", location);
}

/*
 * Collects a piece of a form field (form_fields_piece) or of the uploaded
 * file (upload_piece).  A bad piece makes the whole form bad.
 */
static enum MHD_Result
post_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *ctype, const char *enc,
    const char *data, uint64_t off, size_t size)
{
	struct ctx	*c = cls;
	bool		 ok;

	/* A part without a name (a broken header): the form is bad.  Found
	 * by fuzz_multipart; it crashed the server. */
	if (key == NULL) {
		c->bad_why = "una parte del modulo non ha nome";
		c->bad_form = true;
		return MHD_NO;
	}
	if (filename != NULL)
		ok = c->multipart && form_fields_end(&c->ff) &&
		    upload_piece(c, filename, data, off, size);
	else
		ok = form_fields_piece(&c->ff, key, data, off, size);
	if (ok)
		return MHD_YES;
	if (c->bad_why == NULL)
		c->bad_why = c->ff.why;
	c->bad_form = true;
	return MHD_NO;
}

static void
client_ip(struct MHD_Connection *conn, char out[64])
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;

	snprintf(out, 64, "-");
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    out, 64);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, out, 64);
}

static bool	 trust_proxy;

/*
 * Behind a reverse proxy on the same machine every peer is 127.0.0.1; with
 * --trust-proxy the address the proxy puts in X-Real-IP is the client's,
 * and it is what the audit log records.  Only a loopback peer is believed.
 */
static void
proxied_ip(struct MHD_Connection *conn, char ip[64])
{
	const char	*real;
	unsigned char	 tmp[16];

	if (!trust_proxy || (strcmp(ip, "127.0.0.1") != 0 &&
	    strcmp(ip, "::1") != 0))
		return;
	real = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
	if (real == NULL || strlen(real) >= 64 ||
	    (inet_pton(AF_INET, real, tmp) != 1 &&
	    inet_pton(AF_INET6, real, tmp) != 1))
		return;
	snprintf(ip, 64, "%s", real);
}

static enum MHD_Result
send_resp(struct MHD_Connection *conn, struct ctx *c, struct http_resp *r)
{
	struct MHD_Response	*mr;
	enum MHD_Result		 ret;
	struct timespec		 end;
	long			 us;

	/* The body is copied, not changed: the cast drops const only. */
	mr = MHD_create_response_from_buffer(r->body.len,
	    (void *)buf_str(&r->body), MHD_RESPMEM_MUST_COPY);
	if (mr == NULL)
		return MHD_NO;
	for (size_t i = 0; i < sizeof(security_headers) /
	    sizeof(security_headers[0]); i++)
		MHD_add_response_header(mr, security_headers[i][0],
		    security_headers[i][1]);
	MHD_add_response_header(mr, "Cache-Control", r->cacheable ?
	    "public, max-age=3600" : "no-store");
	if (r->content_type != NULL)
		MHD_add_response_header(mr, "Content-Type", r->content_type);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(mr, r->headers[i].name,
		    r->headers[i].value);
	ret = MHD_queue_response(conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	clock_gettime(CLOCK_MONOTONIC, &end);
	us = (end.tv_sec - c->start.tv_sec) * 1000000L +
	    (end.tv_nsec - c->start.tv_nsec) / 1000;
	/* The path carries ids only; the query string is not logged. */
	if (r->status >= 500 || getenv("IDONEO_ACCESS_LOG") != NULL)
		log_info("req method=%s path=%s status=%d us=%ld",
		    c->req.method, c->req.path, r->status, us);
	return ret;
}

/* The socket of a connection, or -1. */
static int
conn_fd(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_CONNECTION_FD);

	return ci != NULL ? (int)ci->connect_fd : -1;
}

/* Connections open and close: their header deadline (deadline.c). */
static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		deadline_open(conn_fd(conn));
	else
		deadline_close(conn_fd(conn));
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *data,
    size_t *size, void **con_cls)
{
	struct ctx		*c = *con_cls;
	struct http_resp	 resp;
	enum MHD_Result		 ret;
	const char		*ct;
	bool			 bad;

	if (c == NULL) {
		/* The headers are in: the connection met its deadline. */
		deadline_headers(conn_fd(conn));
		if ((c = calloc(1, sizeof(*c))) == NULL)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		c->req.method = method;
		c->req.path = url;
		c->req.conn = conn;
		buf_init(&c->req.body);
		form_fields_init(&c->ff);
		c->upload_fd = -1;
		client_ip(conn, c->req.ip);
		proxied_ip(conn, c->req.ip);
		ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_TYPE);
		if (ct != NULL && strncasecmp(ct,
		    MHD_HTTP_POST_ENCODING_FORM_URLENCODED, 33) == 0)
			c->pp = MHD_create_post_processor(conn, 16384,
			    post_field, c);
		else if (ct != NULL && strncasecmp(ct,
		    MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA, 19) == 0) {
			/*
			 * A file goes to disk only where the application
			 * admits it, from the headers: an anonymous or
			 * unauthorised upload is thrown away unread.
			 */
			switch (admit(&c->req)) {
			case HTTP_ADMIT_UPLOAD:
				c->multipart = true;
				c->pp = MHD_create_post_processor(conn, 65536,
				    post_field, c);
				break;
			case HTTP_ADMIT_DENY:
				c->discard = true;
				break;
			case HTTP_ADMIT_FORM:
				c->bad_why = "questa pagina non riceve file";
				c->discard = c->bad_form = true;
				break;
			}
		}
		*con_cls = c;
		return MHD_YES;
	}
	if (*size > 0 && c->discard) {
		*size = 0;
		return MHD_YES;
	}
	if (*size > 0 && c->multipart) {
		/* The file goes to disk as it comes; nothing is kept here. */
		c->received += (int64_t)*size;
		if (c->received > (c->req.upload_max > 0 ?
		    c->req.upload_max : HTTP_MAX_UPLOAD))
			c->too_big = true;
		else if (c->pp != NULL && !c->bad_form && !c->too_big &&
		    MHD_post_process(c->pp, data, *size) != MHD_YES)
			c->bad_form = true;
		*size = 0;
		return MHD_YES;
	}
	if (*size > 0) {
		if (c->req.body.len + *size > HTTP_MAX_BODY)
			c->too_big = true;
		else {
			buf_append(&c->req.body, data, *size);
			if (c->pp != NULL && !c->bad_form &&
			    MHD_post_process(c->pp, data, *size) != MHD_YES)
				c->bad_form = true;
		}
		*size = 0;
		return MHD_YES;
	}

	memset(&resp, 0, sizeof(resp));
	buf_init(&resp.body);
	if (c->upload_fd >= 0) {
		close(c->upload_fd);
		c->upload_fd = -1;
	}
	/*
	 * A refused upload goes before the answer leaves, so that a client
	 * that has its answer never finds the file still on disk.
	 */
	bad = !c->too_big && (c->bad_form || !form_fields_end(&c->ff));
	if ((c->too_big || bad) && c->req.upload_path[0] != '\0') {
		unlink(c->req.upload_path);
		c->req.upload_path[0] = '\0';
	}
	if (c->too_big) {
		int64_t	 max = c->req.upload_max > 0 ? c->req.upload_max :
			    HTTP_MAX_UPLOAD;
		bool	 api = strncmp(c->req.path, "/api/", 5) == 0;

		resp.status = 413;
		resp.content_type = api ? "application/problem+json" :
		    "text/plain; charset=utf-8";
		if (api)
			buf_printf(&resp.body, "{\"title\": \"File troppo "
			    "grande\", \"status\": 413, \"detail\": \"The "
			    "largest file this call takes is %lld MiB.\"}\n",
			    (long long)(max >> 20));
		else if (c->multipart)
			buf_printf(&resp.body, "File troppo grande (massimo "
			    "%lld MiB).\n", (long long)(max >> 20));
		else
			buf_puts(&resp.body, "Richiesta troppo grande (massimo "
			    "1 MiB).\n");
	} else if (bad) {
		if (c->bad_why == NULL)
			c->bad_why = c->ff.why;
		resp.status = 400;
		resp.content_type = "text/plain; charset=utf-8";
		buf_printf(&resp.body, "Modulo non valido: %s.\n", c->bad_why ?
		    c->bad_why : "testo non UTF-8 o troppi campi");
	} else {
		c->req.form = form_nest(c->ff.flat);
		dispatch(&c->req, &resp);
	}
	ret = send_resp(conn, c, &resp);
	buf_free(&resp.body);
	for (int i = 0; i < resp.nheaders; i++)
		free(resp.headers[i].value);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct ctx	*c = *con_cls;

	if (c == NULL)
		return;
	if (c->pp != NULL)
		MHD_destroy_post_processor(c->pp);
	if (c->upload_fd >= 0)
		close(c->upload_fd);
	/* An upload the handler did not take away goes. */
	if (c->req.upload_path[0] != '\0')
		unlink(c->req.upload_path);
	form_fields_free(&c->ff);
	json_decref(c->req.form);
	buf_free(&c->req.body);
	free(c);
	*con_cls = NULL;
}

/* Binds host:port on loopback or any address given. */
static int
bind_listen(const char *listen_on)
{
	char			 host[128];
	const char		*colon = strrchr(listen_on, ':');
	struct sockaddr_in	 sa;
	int			 fd, one = 1;

	if (colon == NULL || (size_t)(colon - listen_on) >= sizeof(host)) {
		log_warn("serve: --listen must be HOST:PORT");
		return -1;
	}
	memcpy(host, listen_on, (size_t)(colon - listen_on));
	host[colon - listen_on] = '\0';
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)atoi(colon + 1));
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		log_warn("serve: %s is not an IPv4 address", host);
		return -1;
	}
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* Several serve processes may listen on one port; the kernel spreads
	 * the connections between them. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 512) < 0) {
		log_warn("serve: cannot listen on %s", listen_on);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Runs the server until SIGINT or SIGTERM, handing every request that got
 * through the transport's checks to handler, and asking gate before the
 * body of a file upload is read (web/router.c's dispatcher and gate: the
 * server knows nothing of the routes).
 */
int
http_serve(const struct config *cfg, http_handler handler, http_admit_fn gate)
{
	struct MHD_Daemon	*d;
	sigset_t		 stop;
	int			 fd, sig;

	trust_proxy = cfg->trust_proxy;
	dispatch = handler;
	admit = gate;
	if ((fd = bind_listen(cfg->listen)) < 0)
		return -1;
	/*
	 * SIGINT and SIGTERM are blocked before the worker threads start, so
	 * that they inherit the mask and only this thread takes the signal,
	 * in sigwait below.  A handler would run in whichever thread the
	 * kernel picked, and a pause() here would then never return.
	 */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	/* Not ignored, even when started in the background by a shell. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	if (deadline_start(cfg->header_timeout) < 0) {
		close(fd);
		return -1;
	}
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
	    MHD_OPTION_CONNECTION_LIMIT, 1000u,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->conn_per_ip > 0 ?
	    cfg->conn_per_ip : 0),
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		log_warn("serve: libmicrohttpd failed to start");
		deadline_stop();
		close(fd);
		return -1;
	}
	log_info("serve: listening on http://%s", cfg->listen);
	printf("idoneo: listening on http://%s/\n", cfg->listen);
	fflush(stdout);
	while (sigwait(&stop, &sig) != 0)
		;
	log_info("serve: stopping");
	MHD_stop_daemon(d);
	deadline_stop();
	close(fd);
	return 0;
}

/*
 * The fuzz target of the multipart parser (tests/fuzz/fuzz_multipart.c)
 * drives these: the same callbacks as http_serve's, the same
 * libmicrohttpd post processor, but a request comes as bytes on a socket
 * pair instead of from a listening socket.
 */
static struct MHD_Daemon	*fuzz_daemon;

int
http_fuzz_start(http_handler handler, http_admit_fn gate)
{
	dispatch = handler;
	admit = gate;
	signal(SIGPIPE, SIG_IGN);
	fuzz_daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC, 0, NULL, NULL, on_request,
	    NULL, MHD_OPTION_CONNECTION_TIMEOUT, 5u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	return fuzz_daemon != NULL ? 0 : -1;
}

/*
 * Sends one whole request (n bytes) and reads the answer to its end.
 * Returns the answer's byte count, -1 when none came, or -2 when the
 * request could not be made (no descriptor left, the server busy closing
 * the earlier ones): try again.
 */
ssize_t
http_fuzz_request(const void *request, size_t n)
{
	struct sockaddr_in	 sa;
	const char		*p = request;
	char			 buf[4096];
	ssize_t			 got = 0, k;
	int			 sv[2];

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fuzz_daemon == NULL || socketpair(AF_UNIX, SOCK_STREAM |
	    SOCK_CLOEXEC, 0, sv) < 0)
		return -2;
	if (MHD_add_connection(fuzz_daemon, sv[0], (struct sockaddr *)&sa,
	    sizeof(sa)) != MHD_YES) {
		close(sv[1]);
		return -2;
	}
	/*
	 * A server that answers early stops reading: so be it.  The writing
	 * side stays open (a half-closed socket reads as a client that went
	 * away); "Connection: close" ends the answer.
	 */
	while (n > 0 && (k = write(sv[1], p, n)) > 0) {
		p += k;
		n -= (size_t)k;
	}
	while ((k = read(sv[1], buf, sizeof(buf))) > 0)
		got += k;
	close(sv[1]);
	return got > 0 ? got : -1;
}

void
http_fuzz_stop(void)
{
	if (fuzz_daemon != NULL)
		MHD_stop_daemon(fuzz_daemon);
	fuzz_daemon = NULL;
}
