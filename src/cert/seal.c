/*
 * seal: see seal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "seal.h"

const char *const cert_copy_names[CERT_COPY__MAX] = {
	"original", "copy", "certified",
};

const char *const cert_check_reasons[CERT_CHECK__MAX] = {
	"the seal is valid",
	"the sealed content is not a certificate",
	"the seal names a key that is not published",
	"the seal's key belongs to another comune",
	"the seal was made outside its key's period of validity",
	"the signature does not match the content: it was changed",
};

/* The mark that opens the seal line in the PDF's Keywords. */
#define SEAL_MARK	"idoneo-seal/1 "

/*
 * Seals text with comune's key: kid and sig (base64url) receive the seal.
 * Returns 0, or -1.
 */
int
cert_seal_sign(const char *comune, const char *text,
    char kid[CERT_KID_STRLEN], char sig[CERT_SIG_STRLEN])
{
	unsigned char	 raw[CERT_SIG_BYTES];

	if (cert_keys_sign(comune, text, strlen(text), kid, raw) < 0)
		return -1;
	sodium_bin2base64(sig, CERT_SIG_STRLEN, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

/*
 * Checks the seal of len bytes of text: the key kid must be published,
 * be the comune's the snapshot names, and have been in use when the
 * snapshot says it was sealed (sealed_at); then the signature must match.
 */
enum cert_check
cert_seal_check(const char *text, size_t len, const char *kid,
    const char *sig)
{
	struct cert_key	 k;
	unsigned char	 raw[CERT_SIG_BYTES];
	size_t		 rawlen = 0;
	json_t		*s;
	const char	*comune, *at;
	enum cert_check	 r = CERT_CHECK_MALFORMED;

	if ((s = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return CERT_CHECK_MALFORMED;
	comune = json_string_value(json_object_get(json_object_get(s,
	    "comune"), "code"));
	at = json_string_value(json_object_get(s, "sealed_at"));
	if (comune == NULL || at == NULL)
		goto out;
	r = CERT_CHECK_UNKNOWN_KEY;
	if (cert_key_find(kid, &k) != 1)
		goto out;
	r = CERT_CHECK_WRONG_COMUNE;
	if (strcmp(k.comune, comune) != 0)
		goto out;
	/*
	 * The times are all "YYYY-MM-DDTHH:MM:SSZ": text order is time's.  A
	 * seal must come before its key's retirement, to the second, and not
	 * before the day the key was made (to the day: a clock set a little
	 * differently in another process must not void a certificate).
	 */
	r = CERT_CHECK_PERIOD;
	if (strlen(at) < 10 || strncmp(at, k.valid_from, 10) < 0 ||
	    (k.valid_until[0] != '\0' && strcmp(at, k.valid_until) > 0))
		goto out;
	r = CERT_CHECK_SIGNATURE;
	if (sig == NULL || sodium_base642bin(raw, sizeof(raw), sig,
	    strlen(sig), NULL, &rawlen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    rawlen != sizeof(raw))
		goto out;
	if (crypto_sign_verify_detached(raw, (const unsigned char *)text, len,
	    k.pk) == 0)
		r = CERT_CHECK_OK;
out:
	json_decref(s);
	return r;
}

/*
 * The line the PDF carries in its Keywords: the mark, the key id, the
 * signature, the copy mark and number, and the snapshot in base64url.  It
 * is plain ASCII without parentheses or backslashes, so cairo writes it
 * as one literal string that cert_seal_find reads back.  The caller frees
 * it.
 */
char *
cert_seal_line(const struct cert_sealed *s)
{
	size_t	 b64 = sodium_base64_ENCODED_LEN(s->len,
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	size_t	 n = sizeof(SEAL_MARK) + strlen(s->kid) + strlen(s->sig) +
		    48 + b64;
	char	*line = malloc(n);
	int	 head;

	if (line == NULL)
		return NULL;
	head = snprintf(line, n, SEAL_MARK "%s %s %s %d ", s->kid, s->sig,
	    cert_copy_names[s->copy], s->copy_no);
	sodium_bin2base64(line + head, n - (size_t)head,
	    (const unsigned char *)s->snapshot, s->len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return line;
}

/* The length of a run of characters of set from s, up to end. */
static size_t
span(const char *s, const char *end, const char *set)
{
	const char *p = s;

	while (p < end && *p != '\0' && strchr(set, *p) != NULL)
		p++;
	return (size_t)(p - s);
}

#define B64URL	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
		"0123456789-_"

/*
 * Finds the seal line in a PDF's bytes and reads it into out (free it with
 * cert_sealed_free).  Returns 0, or -1 when the file carries none or it is
 * damaged.
 */
int
cert_seal_find(const char *pdf, size_t len, struct cert_sealed *out)
{
	const char	*end = pdf + len, *p, *q;
	char		 kind[16];
	size_t		 n;
	unsigned char	*bin;

	memset(out, 0, sizeof(*out));
	p = memmem(pdf, len, "(" SEAL_MARK, sizeof(SEAL_MARK));
	if (p == NULL)
		return -1;
	p += sizeof(SEAL_MARK);
	/* The key id, the signature, the copy mark, its number. */
	if ((n = span(p, end, B64URL)) == 0 || n >= CERT_KID_STRLEN)
		return -1;
	memcpy(out->kid, p, n);
	p += n;
	if (p >= end || *p++ != ' ' || (n = span(p, end, B64URL)) == 0 ||
	    n >= CERT_SIG_STRLEN)
		return -1;
	memcpy(out->sig, p, n);
	p += n;
	if (p >= end || *p++ != ' ' || (n = span(p, end,
	    "abcdefghijklmnopqrstuvwxyz")) == 0 || n >= sizeof(kind))
		return -1;
	memcpy(kind, p, n);
	kind[n] = '\0';
	p += n;
	for (out->copy = CERT_ORIGINAL; out->copy < CERT_COPY__MAX &&
	    strcmp(cert_copy_names[out->copy], kind) != 0; out->copy++)
		;
	if (out->copy == CERT_COPY__MAX || p >= end || *p++ != ' ' ||
	    (n = span(p, end, "0123456789")) == 0 || n > 6)
		return -1;
	/* Digit by digit: the file's bytes end where they end, not at a NUL. */
	for (out->copy_no = 0; n-- > 0; p++)
		out->copy_no = out->copy_no * 10 + (*p - '0');
	if (p >= end || *p++ != ' ' || (n = span(p, end, B64URL)) == 0)
		return -1;
	q = p + n;
	if (q >= end || *q != ')' || (bin = malloc(n + 1)) == NULL)
		return -1;
	if (sodium_base642bin(bin, n, p, n, NULL, &out->len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		free(bin);
		return -1;
	}
	bin[out->len] = '\0';
	out->snapshot = (char *)bin;
	return 0;
}

void
cert_sealed_free(struct cert_sealed *s)
{
	free(s->snapshot);
	s->snapshot = NULL;
}
