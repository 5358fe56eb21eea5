/*
 * auth: passwords (argon2id), sessions, API keys and the login rate limit.
 *
 * Secrets are never stored: passwords as libsodium argon2id strings, session
 * tokens and API keys as BLAKE2b hashes (they are 256-bit random values, so
 * a fast hash is enough).  Tokens are compared by looking their hash up.
 */
#ifndef IDONEO_AUTH_H
#define IDONEO_AUTH_H

#include <sodium.h>

#include "domain/principal.h"
#include "store/store.h"

#define AUTH_TOKEN_LEN		43	/* base64url of 32 random bytes */
#define AUTH_SESSION_HOURS	10
#define AUTH_MAX_FAILURES	5	/* per user from one address (×4 per address) … */
#define AUTH_LOCK_MINUTES	15	/* … within this window */

enum auth_result {
	AUTH_OK,
	AUTH_BAD,	/* unknown user, wrong password or inactive */
	AUTH_LOCKED,	/* too many failures: try later */
	AUTH_ERROR,
};

int		 auth_init(void);
int		 auth_hash_password(const char *, char out[crypto_pwhash_STRBYTES]);
void		 auth_random_token(char out[AUTH_TOKEN_LEN + 1]);
void		 auth_random_code(char *out, size_t n);
void		 auth_random_chars(const char *alphabet, char *out, size_t n);
void		 auth_hash_token(const char *, char out[65]);
enum auth_result auth_login(struct store *, const char *user, const char *pw,
		    const char *ip, struct principal *,
		    char token[AUTH_TOKEN_LEN + 1]);
int		 auth_session(struct store *, const char *token,
		    struct principal *);
int		 auth_purge(struct store *);
int		 auth_logout(struct store *, const struct principal *,
		    const char *token);
int		 auth_api_key(struct store *, const char *key,
		    struct principal *);
int64_t		 auth_api_key_create(struct store *, int64_t comune_id,
		    int64_t association_id, int64_t point_id, const char *name,
		    const char *role, const char *key);
int64_t		 auth_user_create(struct store *, const struct principal *by,
		    int64_t comune_id, int64_t association_id,
		    const char *username, const char *full_name,
		    const char *role, const char *password);

#endif
