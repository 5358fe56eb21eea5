/*
 * http: requests and responses as idoneo's handlers see them.  Only
 * server.c knows libmicrohttpd; handlers read a struct http_req and fill a
 * struct http_resp.
 */
#ifndef IDONEO_HTTP_H
#define IDONEO_HTTP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/principal.h"

#define HTTP_MAX_BODY	(1024 * 1024)
/* A text field of a form, uploads aside. */
#define HTTP_MAX_FIELD	(64 * 1024)
/* A file uploaded with multipart/form-data: a whole FAB supply. */
#define HTTP_MAX_UPLOAD	(INT64_C(2) * 1024 * 1024 * 1024)
#define HTTP_MAX_HEADERS	8

struct http_req {
	const char		*method;
	const char		*path;	/* without the query string */
	void			*conn;	/* the server's connection */
	json_t			*form;	/* urlencoded fields, nested by "a.0.b" */
	struct buf		 body;	/* the raw body */
	char			 ip[64];
	struct principal	 who;
	int64_t			 id;	/* the {id} of the route, if any */
	char			 session_token[64];
	/*
	 * The file of a multipart/form-data upload (HTTP_UPLOAD_PATHS only),
	 * streamed to a temporary file that is deleted when the request ends
	 * unless the handler renames it away.  upload_path is "" without one.
	 */
	char			 upload_path[256];
	char			 upload_name[256];
	int64_t			 upload_size;
	/* The largest file the route takes (its gate sets it; 0: the
	 * default, HTTP_MAX_UPLOAD). */
	int64_t			 upload_max;
	/* The citizen's language on the public pages ("it" when none). */
	char			 lang[8];
};

struct http_header {
	const char	*name;
	char		*value;	/* owned */
};

struct http_resp {
	int			 status;
	const char		*content_type;
	struct buf		 body;
	struct http_header	 headers[HTTP_MAX_HEADERS];
	int			 nheaders;
	bool			 cacheable;	/* static files */
};

struct config;

/*
 * The text fields of a form (urlencoded or multipart), collected as the
 * server's post processor hands them over, a field in pieces: each field's
 * pieces are appended to one buffer and become its value when the next
 * field starts or the form ends, so collecting costs time in proportion to
 * the form's size.  A repeated name (checkboxes) makes an array.  A form
 * with too many fields, a name over 99 bytes, a field over HTTP_MAX_FIELD,
 * a NUL byte or text that is not UTF-8 is bad as a whole: why says why.
 */
struct form_fields {
	json_t		*flat;		/* name → string or array */
	struct buf	 field;		/* the field being collected */
	char		 key[128];
	bool		 open;
	const char	*why;		/* set when the form is bad */
};

void		 form_fields_init(struct form_fields *);
void		 form_fields_free(struct form_fields *);
bool		 form_fields_piece(struct form_fields *, const char *key,
		    const char *data, uint64_t off, size_t size);
bool		 form_fields_end(struct form_fields *);

const char	*http_header(const struct http_req *, const char *);
const char	*http_cookie(const struct http_req *, const char *);
const char	*http_query(const struct http_req *, const char *);
const char	*http_field(const struct http_req *, const char *);
void		 http_add_header(struct http_resp *, const char *name,
		    const char *value);
void		 http_redirect(struct http_resp *, const char *location);
typedef void	 (*http_handler)(struct http_req *, struct http_resp *);

/*
 * What the application says of a request before a byte of its body is
 * read (headers and cookies only): whether it may stream a file to disk
 * (multipart/form-data), only for a route that takes uploads and a caller
 * allowed there.  Every other body is kept in memory up to HTTP_MAX_BODY,
 * and a multipart body that is not admitted is thrown away as it arrives.
 */
enum http_admit {
	HTTP_ADMIT_FORM,	/* a body in memory, up to HTTP_MAX_BODY */
	HTTP_ADMIT_UPLOAD,	/* a file to disk, up to HTTP_MAX_UPLOAD */
	HTTP_ADMIT_DENY,	/* the body is thrown away; the handler refuses */
};

typedef enum http_admit (*http_admit_fn)(struct http_req *);

/* The multipart parser's fuzz target (server.c). */
int		 http_fuzz_start(http_handler, http_admit_fn);
ssize_t		 http_fuzz_request(const void *, size_t);
void		 http_fuzz_stop(void);

int		 http_serve(const struct config *, http_handler,
		    http_admit_fn);
json_t		*form_nest(json_t *flat);

#endif
