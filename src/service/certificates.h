/*
 * certificates: the certificate as a document (docs/certificates.md).  It
 * is issued in the transaction that numbers it (transition.c), frozen as a
 * snapshot and sealed (src/cert); the PDF is rendered again from the
 * snapshot whenever it is asked for.  Here too: reprints and certified
 * copies, revocation, correction by a new certificate that supersedes the
 * old, the public verification by code, and the offline checks of
 * `idoneo verify`.
 */
#ifndef IDONEO_CERTIFICATES_H
#define IDONEO_CERTIFICATES_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

/* The certificate statuses, in the order they win. */
enum cert_status {
	CERT_VALID,
	CERT_EXPIRED,
	CERT_SUPERSEDED,
	CERT_REVOKED,
	CERT_STATUS__MAX
};

extern const char *const cert_status_names[CERT_STATUS__MAX];
extern const char *const cert_status_labels[CERT_STATUS__MAX];

/* Exit statuses of `idoneo verify`. */
#define CERT_VERIFY_VALID	0
#define CERT_VERIFY_INVALID	1
#define CERT_VERIFY_UNREADABLE	2

int		 certificates_init(const char *db, const char *listen);
const char	*certificates_public_url(void);
int		 certificates_issue(struct store *, const struct principal *,
		    int64_t case_id, int day, const json_t *old);
enum svc_result	 certificates_of_case(struct store *,
		    const struct principal *, int64_t case_id, json_t **out);
enum svc_result	 certificates_pdf(struct store *, const struct principal *,
		    int64_t case_id, int64_t cert_id, const char *copy,
		    int copy_no, struct buf *pdf, char *name, size_t size);
enum svc_result	 certificates_act(struct store *, const struct principal *,
		    int64_t case_id, const char *what, const char *reason,
		    json_t *errors, char *next, size_t size);
enum svc_result	 certificates_public(struct store *, const char *code,
		    const char *proof, json_t **out);
json_t		*certificates_of_unit(struct store *,
		    const struct principal *, int64_t unit_id);
json_t		*certificates_keys(void);
int		 certificates_verify_file(const char *path, FILE *);
int		 certificates_verify_code(struct store *, const char *code,
		    FILE *);
int		 certificates_keys_cli(int argc, char **argv);
const char	*certificates_translate(const char *lang, const char *msgid);

#endif
