/*
 * keys: the comuni's Ed25519 sealing keys, kept outside the database in a
 * directory (IDONEO_KEYS, mode 0700).  Each key is two files: KID.pub, a
 * JSON document with the public key and its period of validity, which is
 * published (/.well-known/idoneo-keys.json); and KID.key, the 64-byte
 * secret key, mode 0600, which exists only while the key is in use.  A
 * rotation closes the old key's period and deletes its secret: the public
 * half stays, so that every certificate it sealed still verifies.
 */
#ifndef IDONEO_CERT_KEYS_H
#define IDONEO_CERT_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#define CERT_KID_STRLEN		48
#define CERT_PK_BYTES		32
#define CERT_SIG_BYTES		64
#define CERT_TIME_STRLEN	21	/* "YYYY-MM-DDTHH:MM:SSZ" */

struct cert_key {
	char		 kid[CERT_KID_STRLEN];
	char		 comune[8];
	unsigned char	 pk[CERT_PK_BYTES];
	char		 valid_from[CERT_TIME_STRLEN];
	char		 valid_until[CERT_TIME_STRLEN];	/* "": in use */
	bool		 has_secret;
};

int	 cert_keys_init(const char *dir);
const char *cert_keys_dir(void);
int	 cert_keys_list(struct cert_key **out, size_t *n);
int	 cert_key_find(const char *kid, struct cert_key *out);
int	 cert_keys_ensure(const char *comune, bool *created);
int	 cert_keys_rotate(const char *comune, char kid[CERT_KID_STRLEN]);
int	 cert_keys_sign(const char *comune, const void *msg, size_t len,
	    char kid[CERT_KID_STRLEN], unsigned char sig[CERT_SIG_BYTES]);
json_t	*cert_keys_published(void);

#endif
