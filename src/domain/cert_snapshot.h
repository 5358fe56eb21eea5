/*
 * cert_snapshot: what a certificate states (docs/certificates.md, CAD art.
 * 23, ../domain.md §7), taken from the case when it is issued and frozen as
 * canonical JSON: the text the seal signs and the PDF is drawn from.
 * Editing the case afterwards changes nothing here.  Pure: JSON in, JSON
 * out.
 */
#ifndef IDONEO_CERT_SNAPSHOT_H
#define IDONEO_CERT_SNAPSHOT_H

#include <stdbool.h>

#include <jansson.h>

#define CERT_SNAPSHOT_VERSION	1

/* What the issue adds to the case: the comune, the numbers, the times. */
struct cert_issue {
	const json_t	*comune;	/* the comuni row */
	const char	*number;	/* "2026/0000012" */
	const char	*code;		/* twelve letters */
	const char	*verify_url;	/* where the QR code leads */
	const char	*issued_on;	/* YYYY-MM-DD */
	const char	*valid_until;	/* YYYY-MM-DD, or NULL: no expiry */
	const char	*sealed_at;	/* UTC time of the seal */
	const char	*supersedes;	/* number of the corrected one, or NULL */
	const char	*signatory;	/* the head who approved */
};

bool	 cert_hygiene_required(const char *purpose);
json_t	*cert_snapshot_build(const json_t *casedoc, const struct cert_issue *);
char	*cert_snapshot_text(const json_t *);

#endif
