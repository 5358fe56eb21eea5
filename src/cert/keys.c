/*
 * keys: see keys.h.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/log.h"
#include "keys.h"

static char	 keydir[512];

/* A Belfiore code (A000-Z999): the only comune names that reach a path. */
static bool
comune_ok(const char *c)
{
	return c != NULL && strlen(c) == 4 && c[0] >= 'A' && c[0] <= 'Z' &&
	    strspn(c + 1, "0123456789") == 3;
}

/* A key id as keys_new makes them: capitals, digits and dashes. */
static bool
kid_ok(const char *k)
{
	size_t n = k != NULL ? strlen(k) : 0;

	return n > 0 && n < CERT_KID_STRLEN && strspn(k,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-abcdef") == n;
}

static int
path_of(char *out, size_t size, const char *kid, const char *ext)
{
	return (size_t)snprintf(out, size, "%s/%s.%s", keydir, kid, ext) <
	    size ? 0 : -1;
}

/*
 * Opens the key directory, making it (mode 0700) when it is not there.  An
 * existing one is narrowed to 0700: the secrets in it are the comuni's
 * seals.
 */
int
cert_keys_init(const char *dir)
{
	if ((size_t)snprintf(keydir, sizeof(keydir), "%s", dir) >=
	    sizeof(keydir) - 64) {
		log_warn("keys: the key directory's path is too long");
		return -1;
	}
	if (mkdir(keydir, 0700) < 0 && errno != EEXIST) {
		log_warn("keys: cannot make %s: %s", keydir, strerror(errno));
		return -1;
	}
	if (chmod(keydir, 0700) < 0) {
		log_warn("keys: cannot protect %s: %s", keydir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

const char *
cert_keys_dir(void)
{
	return keydir;
}

/* Reads KID.pub; 0, or -1 when it is missing or malformed. */
static int
read_pub(const char *path, struct cert_key *k)
{
	json_t		*j = json_load_file(path, 0, NULL);
	const char	*kid, *comune, *pk, *from, *until;
	size_t		 pklen = 0;
	char		 sec[600];
	int		 rc = -1;

	memset(k, 0, sizeof(*k));
	if (j == NULL)
		return -1;
	kid = json_string_value(json_object_get(j, "kid"));
	comune = json_string_value(json_object_get(j, "comune"));
	pk = json_string_value(json_object_get(j, "public_key"));
	from = json_string_value(json_object_get(j, "valid_from"));
	until = json_string_value(json_object_get(j, "valid_until"));
	if (!kid_ok(kid) || !comune_ok(comune) || pk == NULL ||
	    from == NULL || strlen(from) >= CERT_TIME_STRLEN ||
	    (until != NULL && strlen(until) >= CERT_TIME_STRLEN) ||
	    sodium_base642bin(k->pk, sizeof(k->pk), pk, strlen(pk), NULL,
	    &pklen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    pklen != CERT_PK_BYTES)
		goto out;
	snprintf(k->kid, sizeof(k->kid), "%s", kid);
	snprintf(k->comune, sizeof(k->comune), "%s", comune);
	snprintf(k->valid_from, sizeof(k->valid_from), "%s", from);
	snprintf(k->valid_until, sizeof(k->valid_until), "%s",
	    until ? until : "");
	k->has_secret = path_of(sec, sizeof(sec), kid, "key") == 0 &&
	    access(sec, F_OK) == 0;
	rc = 0;
out:
	json_decref(j);
	return rc;
}

/* The public document of key k, as published and as stored. */
static json_t *
pub_doc(const struct cert_key *k)
{
	char	 b64[sodium_base64_ENCODED_LEN(CERT_PK_BYTES,
		    sodium_base64_VARIANT_ORIGINAL)];

	sodium_bin2base64(b64, sizeof(b64), k->pk, sizeof(k->pk),
	    sodium_base64_VARIANT_ORIGINAL);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "kid", k->kid,
	    "comune", k->comune, "alg", "Ed25519", "public_key", b64,
	    "valid_from", k->valid_from, "valid_until", k->valid_until[0] ?
	    json_string(k->valid_until) : json_null());
}

/* Writes KID.pub whole or not at all (a new file renamed over the old). */
static int
write_pub(const struct cert_key *k)
{
	char	 path[600], tmp[620];
	json_t	*doc = pub_doc(k);
	int	 fd, rc = -1;

	if (path_of(path, sizeof(path), k->kid, "pub") < 0)
		goto out;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		goto out;
	if (json_dumpfd(doc, fd, JSON_INDENT(2) | JSON_SORT_KEYS) < 0 ||
	    fsync(fd) < 0) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	rc = rename(tmp, path);
out:
	if (rc < 0)
		log_warn("keys: cannot write the public key %s", k->kid);
	json_decref(doc);
	return rc;
}

static int
kid_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cert_key *)a)->kid,
	    ((const struct cert_key *)b)->kid);
}

/*
 * Every key in the directory, by key id (so by comune, then by date).
 * *out is the caller's to free.  Returns 0, or -1.
 */
int
cert_keys_list(struct cert_key **out, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	struct cert_key	*v = NULL, k;
	size_t		 cap = 0;
	char		 path[800];

	*out = NULL;
	*n = 0;
	if ((d = opendir(keydir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".pub") != 0 ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", keydir,
		    e->d_name) >= sizeof(path) || read_pub(path, &k) < 0)
			continue;
		if (*n == cap) {
			struct cert_key *nv;

			cap = cap ? cap * 2 : 8;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				closedir(d);
				return -1;
			}
			v = nv;
		}
		v[(*n)++] = k;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), kid_cmp);
	*out = v;
	return 0;
}

/* The key named kid: 1, 0 when there is none, -1 on a bad name. */
int
cert_key_find(const char *kid, struct cert_key *out)
{
	char	 path[600];

	if (!kid_ok(kid) || path_of(path, sizeof(path), kid, "pub") < 0)
		return -1;
	return read_pub(path, out) == 0 ? 1 : 0;
}

/* The key comune seals with now, into k: 1, 0 when there is none, -1. */
static int
active_key(const char *comune, struct cert_key *k)
{
	struct cert_key	*v;
	size_t		 n;
	int		 found = 0;

	if (cert_keys_list(&v, &n) < 0)
		return -1;
	/* The newest open key with its secret. */
	for (size_t i = n; i-- > 0 && !found;)
		if (strcmp(v[i].comune, comune) == 0 &&
		    v[i].valid_until[0] == '\0' && v[i].has_secret) {
			*k = v[i];
			found = 1;
		}
	free(v);
	return found;
}

/* Holds the directory's lock while keys are made or retired. */
static int
lock_dir(void)
{
	char	 path[600];
	int	 fd;

	snprintf(path, sizeof(path), "%s/.lock", keydir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return -1;
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Makes a new key for comune, valid from now: its id is the comune's code,
 * the day and eight hex digits of the public key's hash
 * ("G999-20261205-3fa9c2d1").  The secret is written first (mode 0600),
 * then the public half that makes the key visible.
 */
static int
new_key(const char *comune, struct cert_key *k)
{
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES], h[4];
	char		 now[CERT_TIME_STRLEN], path[600];
	int		 fd, rc = -1;

	memset(k, 0, sizeof(*k));
	crypto_sign_keypair(k->pk, sk);
	crypto_generichash(h, sizeof(h), k->pk, sizeof(k->pk), NULL, 0);
	clock_utc(clock_now(), now);
	snprintf(k->kid, sizeof(k->kid), "%s-%.4s%.2s%.2s-%02x%02x%02x%02x",
	    comune, now, now + 5, now + 8, h[0], h[1], h[2], h[3]);
	snprintf(k->comune, sizeof(k->comune), "%s", comune);
	snprintf(k->valid_from, sizeof(k->valid_from), "%s", now);
	k->has_secret = true;
	if (path_of(path, sizeof(path), k->kid, "key") < 0 ||
	    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0)
		goto out;
	if (write(fd, sk, sizeof(sk)) != (ssize_t)sizeof(sk) ||
	    fsync(fd) < 0) {
		close(fd);
		unlink(path);
		goto out;
	}
	close(fd);
	if (write_pub(k) < 0) {
		unlink(path);
		goto out;
	}
	log_info("keys: new sealing key %s", k->kid);
	rc = 0;
out:
	sodium_memzero(sk, sizeof(sk));
	if (rc < 0)
		log_warn("keys: cannot make a key for %s in %s", comune,
		    keydir);
	return rc;
}

/*
 * The key comune seals with, into k, made when there is none (under the
 * directory's lock, so two processes make one); *created says whether it
 * was.  Returns 0, or -1.
 */
static int
ensure(const char *comune, struct cert_key *k, bool *created)
{
	int	 fd, found, rc = -1;

	*created = false;
	if (!comune_ok(comune) || (fd = lock_dir()) < 0)
		return -1;
	if ((found = active_key(comune, k)) == 1)
		rc = 0;
	else if (found == 0 && (rc = new_key(comune, k)) == 0)
		*created = true;
	close(fd);
	return rc;
}

/*
 * Makes sure comune has a key to seal with; *created (may be NULL) says
 * whether one was made.  Returns 0, or -1.
 */
int
cert_keys_ensure(const char *comune, bool *created)
{
	struct cert_key	 k;
	bool		 made;

	if (ensure(comune, &k, &made) < 0)
		return -1;
	if (created != NULL)
		*created = made;
	return 0;
}

/*
 * Retires comune's key and makes the next: the old public half gets the
 * end of its period, and its secret is deleted.  kid receives the new
 * key's id.  Returns 0, or -1.
 */
int
cert_keys_rotate(const char *comune, char kid[CERT_KID_STRLEN])
{
	struct cert_key	 old, k;
	char		 path[600];
	int		 fd, found, rc = -1;

	if (!comune_ok(comune) || (fd = lock_dir()) < 0)
		return -1;
	if ((found = active_key(comune, &old)) < 0 || new_key(comune, &k) < 0)
		goto out;
	if (found == 1) {
		clock_utc(clock_now(), old.valid_until);
		if (write_pub(&old) < 0 || path_of(path, sizeof(path),
		    old.kid, "key") < 0 || unlink(path) < 0)
			goto out;
		log_info("keys: %s retired", old.kid);
	}
	snprintf(kid, CERT_KID_STRLEN, "%s", k.kid);
	rc = 0;
out:
	close(fd);
	return rc;
}

/*
 * Signs len bytes of msg with comune's key in use, making one when there
 * is none; kid receives its id.  Returns 0, or -1.
 */
int
cert_keys_sign(const char *comune, const void *msg, size_t len,
    char kid[CERT_KID_STRLEN], unsigned char sig[CERT_SIG_BYTES])
{
	struct cert_key	 k;
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES];
	char		 path[600];
	int		 fd, rc = -1;
	ssize_t		 got;
	bool		 made;

	if (ensure(comune, &k, &made) < 0 || path_of(path, sizeof(path), k.kid,
	    "key") < 0)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	got = read(fd, sk, sizeof(sk));
	close(fd);
	if (got == (ssize_t)sizeof(sk) && crypto_sign_detached(sig, NULL, msg,
	    len, sk) == 0) {
		snprintf(kid, CERT_KID_STRLEN, "%s", k.kid);
		rc = 0;
	}
	sodium_memzero(sk, sizeof(sk));
	if (rc < 0)
		log_warn("keys: cannot seal with %s", k.kid);
	return rc;
}

/* The document of GET /.well-known/idoneo-keys.json, or NULL. */
json_t *
cert_keys_published(void)
{
	struct cert_key	*v;
	size_t		 n;
	json_t		*keys;

	if (cert_keys_list(&v, &n) < 0)
		return NULL;
	keys = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(keys, pub_doc(&v[i]));
	free(v);
	return json_pack("{s:s, s:o}", "alg", "Ed25519", "keys", keys);
}
