/*
 * seal: the certificate's contrassegno elettronico (CAD art. 23): an
 * Ed25519 signature (libsodium) over the snapshot's canonical text, made
 * with the comune's key (keys.h), and the line that carries both inside the
 * PDF, so that the file alone can be checked offline.
 */
#ifndef IDONEO_CERT_SEAL_H
#define IDONEO_CERT_SEAL_H

#include <stddef.h>

#include "keys.h"

/* base64url of 64 bytes, without padding, and its NUL. */
#define CERT_SIG_STRLEN		88

/* The original, a reprint marked as a copy, or a certified copy. */
enum cert_copy {
	CERT_ORIGINAL,
	CERT_COPY,
	CERT_CERTIFIED,
	CERT_COPY__MAX
};

extern const char *const cert_copy_names[CERT_COPY__MAX];

enum cert_check {
	CERT_CHECK_OK,
	CERT_CHECK_MALFORMED,	/* the snapshot is not one */
	CERT_CHECK_UNKNOWN_KEY,	/* no published key has that id */
	CERT_CHECK_WRONG_COMUNE,	/* the key is another comune's */
	CERT_CHECK_PERIOD,	/* sealed outside the key's period */
	CERT_CHECK_SIGNATURE,	/* the text is not what was signed */
	CERT_CHECK__MAX
};

extern const char *const cert_check_reasons[CERT_CHECK__MAX];

/* What a sealed PDF carries: the snapshot, its seal and its copy mark. */
struct cert_sealed {
	char		*snapshot;	/* owned, NUL-terminated */
	size_t		 len;
	char		 kid[CERT_KID_STRLEN];
	char		 sig[CERT_SIG_STRLEN];
	enum cert_copy	 copy;
	int		 copy_no;
};

int		 cert_seal_sign(const char *comune, const char *text,
		    char kid[CERT_KID_STRLEN], char sig[CERT_SIG_STRLEN]);
enum cert_check	 cert_seal_check(const char *text, size_t len,
		    const char *kid, const char *sig);
char		*cert_seal_line(const struct cert_sealed *);
int		 cert_seal_find(const char *pdf, size_t len,
		    struct cert_sealed *);
void		 cert_sealed_free(struct cert_sealed *);

#endif
