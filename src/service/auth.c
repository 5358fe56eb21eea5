/*
 * auth: staff logins, sessions and API keys.  See auth.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/audit.h"
#include "auth.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/tcache.h"
#include "store/query.h"
#include "store/rows.h"

int
auth_init(void)
{
	if (sodium_init() < 0) {
		log_warn("auth: libsodium failed to initialise");
		return -1;
	}
	return 0;
}

/* Hashes a password with argon2id at libsodium's interactive cost. */
int
auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_warn("auth: out of memory hashing a password");
		return -1;
	}
	return 0;
}

/* A fresh 256-bit random token, base64url without padding. */
void
auth_random_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/*
 * A code a person can read aloud and type: n characters from an alphabet
 * without 0/O, 1/I/L, so a citizen quoting it on the phone is understood.
 */
void
auth_random_code(char *out, size_t n)
{
	auth_random_chars("ABCDEFGHJKMNPQRSTUVWXYZ23456789", out, n);
}

/*
 * n characters drawn uniformly from alphabet (at most 255 of them), and a
 * NUL: the tracking code, the certificate's verification code.
 */
void
auth_random_chars(const char *alphabet, char *out, size_t n)
{
	const unsigned	 k = (unsigned)strlen(alphabet);
	/*
	 * Random bytes come a pool at a time: each draw is a system call,
	 * costly under virtualisation, and one per character was ten per
	 * intake.  A byte at or above the largest multiple of k is drawn
	 * again, so that every character stays equally likely.
	 */
	const unsigned	 limit = 256 - 256 % k;
	unsigned char	 pool[64];
	size_t		 used = sizeof(pool), i = 0;

	while (i < n) {
		if (used == sizeof(pool)) {
			randombytes_buf(pool, sizeof(pool));
			used = 0;
		}
		if (pool[used] < limit)
			out[i++] = alphabet[pool[used] % k];
		used++;
	}
	sodium_memzero(pool, sizeof(pool));
	out[n] = '\0';
}

void
auth_hash_token(const char *token, char out[65])
{
	unsigned char	 h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Fills a principal from a user (a login, or a session's). */
static void
principal_from_user(struct principal *p, const struct user_row *u)
{
	int	 r = wf_role_from_name(u->role);

	p->authenticated = r >= 0;
	p->role = r >= 0 ? (enum wf_role)r : ROLE_POINT;
	p->user_id = u->id;
	p->api_key_id = 0;
	p->comune_id = u->comune_id;
	p->association_id = u->association_id;
	p->point_id = u->point_id;
	snprintf(p->actor, sizeof(p->actor), "user:%lld", (long long)u->id);
	snprintf(p->name, sizeof(p->name), "%s", u->full_name);
	snprintf(p->username, sizeof(p->username), "%s", u->username);
}

/*
 * Reserves a checked attempt at user's password from ip, or says no.  In
 * one write transaction, serialised per user name (an advisory lock on
 * PostgreSQL, the single writer on SQLite), it counts the failures of the
 * last AUTH_LOCK_MINUTES for the user from ip and from ip for anyone, and
 * under the limits records this attempt as a failure, until its password
 * proves right (STMT_LOGIN_OK).  So simultaneous guesses get no more than
 * AUTH_MAX_FAILURES checks between them.  A refused attempt is not
 * recorded: the lock-out ends AUTH_LOCK_MINUTES after the failures that
 * caused it, however often the door is knocked on, and one address cannot
 * lock an account for the others.  Returns 1 with the attempt's id, 0 when
 * locked out, -1 on error.
 */
static int
attempt_reserve(struct store *st, const char *user, const char *ip,
    const char *now, const char *since, int64_t *attempt)
{
	int64_t	 fu = 0, fi = 0;

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	if (store_exec(st, STMT_LOGIN_LOCK, "s", user) < 0 ||
	    store_int(st, &fu, STMT_LOGIN_FAILS_USER, "sss", user, ip,
	    since) < 0 ||
	    store_int(st, &fi, STMT_LOGIN_FAILS_IP, "ss", ip, since) < 0)
		goto fail;
	if (fu >= AUTH_MAX_FAILURES || fi >= AUTH_MAX_FAILURES * 4)
		return store_tx(st, STORE_COMMIT) < 0 ? -1 : 0;
	if (store_int(st, attempt, STMT_LOGIN_INSERT, "ssds", user, ip, 0,
	    now) <= 0)
		goto fail;
	return store_tx(st, STORE_COMMIT) < 0 ? -1 : 1;
fail:
	store_tx(st, STORE_ROLLBACK);
	return -1;
}

/*
 * Whether pw is user's password and the account may log in, in u.  The
 * same work is done whether the user exists, is active or not, so the
 * answer's time tells nobody which.  Returns 1, 0, or -1 on error.
 */
static int
password_ok(struct store *st, const char *user, const char *pw,
    struct user_row *u)
{
	char	 dummy[crypto_pwhash_STRBYTES];
	json_t	*row;
	bool	 verified;
	int	 rc;

	if (store_row(st, &row, STMT_USER_BY_NAME, "s", user) < 0)
		return -1;
	if (row == NULL) {
		auth_hash_password(pw, dummy);
		return 0;
	}
	rc = rows_user(row, u);
	json_decref(row);
	if (rc < 0)
		return -1;
	verified = crypto_pwhash_str_verify(u->password_hash, pw,
	    strlen(pw)) == 0;
	return verified && u->active ? 1 : 0;
}

/*
 * Checks a username and password.  On success creates a session, stores its
 * token (to be set as a cookie) in token and fills p.  Every checked attempt
 * is recorded; after AUTH_MAX_FAILURES failures for the user from one
 * address, or four times as many from the address, in AUTH_LOCK_MINUTES,
 * even the right password is refused there until the window passes, which
 * stops password guessing (attempt_reserve).
 */
enum auth_result
auth_login(struct store *st, const char *user, const char *pw,
    const char *ip, struct principal *p, char token[AUTH_TOKEN_LEN + 1])
{
	char		 now[CLOCK_STRLEN], since[CLOCK_STRLEN];
	char		 expires[CLOCK_STRLEN], th[65], csrf[AUTH_TOKEN_LEN + 1];
	struct user_row	 u = {0};
	int64_t		 attempt = 0;
	enum auth_result res = AUTH_ERROR;
	time_t		 t = clock_now();
	int		 rc;

	clock_utc(t, now);
	clock_utc(t - AUTH_LOCK_MINUTES * 60, since);
	clock_utc(t + AUTH_SESSION_HOURS * 3600, expires);
	if ((rc = attempt_reserve(st, user, ip, now, since, &attempt)) <= 0)
		return rc == 0 ? AUTH_LOCKED : AUTH_ERROR;
	if ((rc = password_ok(st, user, pw, &u)) <= 0) {
		res = rc == 0 ? AUTH_BAD : AUTH_ERROR;
		goto out;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto out;
	principal_from_user(p, &u);
	snprintf(p->ip, sizeof(p->ip), "%s", ip);
	auth_random_token(token);
	auth_random_token(csrf);
	auth_hash_token(token, th);
	if (store_exec(st, STMT_LOGIN_OK, "i", attempt) != 1 ||
	    store_exec(st, STMT_SESSION_INSERT, "sisss", th, p->user_id, csrf,
	    now, expires) < 0 ||
	    audit_add(st, p, p->comune_id, "login", "user", p->user_id, "") < 0)
		goto rollback;
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	snprintf(p->csrf, sizeof(p->csrf), "%s", csrf);
	res = AUTH_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	return res;
}

/* Looks a session token up.  Returns 1 and fills p, 0 if none, -1 on error. */
int
auth_session(struct store *st, const char *token, struct principal *p)
{
	char		 th[65], now[CLOCK_STRLEN];
	json_t		*row;
	struct user_row	 u;
	int		 rc;

	auth_hash_token(token, th);
	clock_utc(clock_now(), now);
	if ((rc = store_row(st, &row, STMT_SESSION_GET, "ss", th, now)) <= 0)
		return rc;
	rc = rows_user(row, &u);
	json_decref(row);
	if (rc < 0)
		return -1;
	principal_from_user(p, &u);
	snprintf(p->csrf, sizeof(p->csrf), "%s", u.csrf);
	return p->authenticated ? 1 : 0;
}

int
auth_logout(struct store *st, const struct principal *p, const char *token)
{
	char	 th[65];
	int	 rc;

	auth_hash_token(token, th);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	rc = store_exec(st, STMT_SESSION_DELETE, "s", th);
	if (rc < 0 || audit_add(st, p, p->comune_id, "logout", "user",
	    p->user_id, "") < 0) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	return store_tx(st, STORE_COMMIT);
}

/*
 * Partner systems send the same key at every request; each thread remembers
 * the keys it has seen for a few seconds.  A revoked key stops working
 * within AUTH_KEY_CACHE_SECONDS.
 */
#define AUTH_KEY_CACHE_SECONDS	3
#define AUTH_KEY_CACHE_SLOTS	64

struct key_slot {
	char			 hash[65];
	time_t			 until;
	struct principal	 who;
};

static struct tcache key_tcache = TCACHE_INIT(
    AUTH_KEY_CACHE_SLOTS * sizeof(struct key_slot), NULL);

/* Looks an API key up.  Returns 1 and fills p, 0 if unknown, -1 on error. */
int
auth_api_key(struct store *st, const char *key, struct principal *p)
{
	struct key_slot	*key_cache = tcache_get(&key_tcache);
	char		 kh[65];
	json_t		*row;
	int		 rc, r;
	size_t		 slot;
	time_t		 now = time(NULL);

	auth_hash_token(key, kh);
	/* The hash is uniform: its first hex digits pick the slot. */
	slot = (size_t)strtoul((char[]){ kh[0], kh[1], kh[2], '\0' }, NULL,
	    16) % AUTH_KEY_CACHE_SLOTS;
	if (key_cache[slot].until > now &&
	    strcmp(key_cache[slot].hash, kh) == 0) {
		*p = key_cache[slot].who;
		return 1;
	}
	if ((rc = store_row(st, &row, STMT_APIKEY_BY_HASH, "s", kh)) <= 0)
		return rc;
	r = wf_role_from_name(json_string_value(json_object_get(row, "role")));
	memset(p, 0, sizeof(*p));
	p->authenticated = r >= 0;
	p->role = r >= 0 ? (enum wf_role)r : ROLE_POINT;
	p->api_key_id = json_integer_value(json_object_get(row, "id"));
	p->comune_id = json_integer_value(json_object_get(row, "comune_id"));
	p->association_id = json_integer_value(json_object_get(row,
	    "association_id"));
	p->point_id = json_integer_value(json_object_get(row, "point_id"));
	snprintf(p->actor, sizeof(p->actor), "api:%lld",
	    (long long)p->api_key_id);
	snprintf(p->name, sizeof(p->name), "API: %s",
	    json_string_value(json_object_get(row, "name")));
	json_decref(row);
	if (p->authenticated) {
		memcpy(key_cache[slot].hash, kh, sizeof(kh));
		key_cache[slot].who = *p;
		key_cache[slot].until = now + AUTH_KEY_CACHE_SECONDS;
	}
	return p->authenticated ? 1 : 0;
}

/*
 * Registers an API key.  key is the secret the client will send; only its
 * hash and its first 8 characters are kept.  Returns the new id or -1.
 */
int64_t
auth_api_key_create(struct store *st, int64_t comune_id,
    int64_t association_id, int64_t point_id, const char *name,
    const char *role, const char *key)
{
	char	 kh[65], prefix[9], now[CLOCK_STRLEN];
	int64_t	 id;

	auth_hash_token(key, kh);
	snprintf(prefix, sizeof(prefix), "%s", key);
	clock_utc(clock_now(), now);
	if (store_int(st, &id, STMT_APIKEY_INSERT, "iIsssssI", comune_id,
	    association_id, name, role, prefix, kh, now, point_id) <= 0)
		return -1;
	return id;
}

/*
 * Creates a staff user with an argon2id password hash and audits it as done
 * by by.  Runs inside the caller's transaction.  Returns the new id, -1 on
 * error or STORE_CONFLICT when the username is taken.
 */
int64_t
auth_user_create(struct store *st, const struct principal *by,
    int64_t comune_id, int64_t association_id, const char *username,
    const char *full_name, const char *role, const char *password)
{
	char	 hash[crypto_pwhash_STRBYTES], now[CLOCK_STRLEN];
	int64_t	 id;
	int	 rc;

	if (auth_hash_password(password, hash) < 0)
		return -1;
	clock_utc(clock_now(), now);
	rc = store_int(st, &id, STMT_USER_INSERT, "IIsssss", comune_id,
	    association_id, username, full_name, role, hash, now);
	if (rc <= 0)
		return rc == STORE_CONFLICT ? STORE_CONFLICT : -1;
	if (audit_add(st, by, comune_id, "user_create", "user", id, role) < 0)
		return -1;
	return id;
}

/*
 * Deletes what the login keeps no longer than it needs: sessions past
 * their expiry, and login attempts older than a day (the lock looks back
 * AUTH_LOCK_MINUTES).  The audit log keeps who logged in.  Returns 0 or -1.
 */
int
auth_purge(struct store *st)
{
	char	 now[CLOCK_STRLEN], day_ago[CLOCK_STRLEN];
	time_t	 t = clock_now();
	int	 rc;

	clock_utc(t, now);
	clock_utc(t - 24 * 3600, day_ago);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	if (store_exec(st, STMT_SESSION_PURGE, "s", now) < 0 ||
	    store_exec(st, STMT_FOLLOW_PURGE, "s", now) < 0 ||
	    store_exec(st, STMT_LOGIN_PURGE, "s", day_ago) < 0) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	rc = store_tx(st, STORE_COMMIT);
	return rc;
}
