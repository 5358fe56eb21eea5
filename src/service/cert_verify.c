/*
 * cert_verify: `idoneo verify FILE.pdf | CODE` and `idoneo keys`, the
 * checks a Questura or the comune's IT staff run offline, with the
 * published keys in the key directory (certificates.h).
 *
 * A file is valid when its seal line carries a snapshot that the named
 * key signed, and when rendering that snapshot again gives exactly the
 * file's bytes: a changed name, number or date in the page, or a changed
 * byte anywhere, makes it fail.  A code is valid when its certificate is
 * in the database, its seal holds, and it is neither expired, revoked nor
 * superseded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "cert/keys.h"
#include "cert/pdf.h"
#include "cert/seal.h"
#include "certificates.h"
#include "domain/date.h"

#define VERIFY_MAX_BYTES	(16 * 1024 * 1024)

/* Reads a whole file of at most VERIFY_MAX_BYTES into b: 0, or -1. */
static int
slurp(const char *path, struct buf *b)
{
	FILE	*f = fopen(path, "rb");
	char	 chunk[65536];
	size_t	 n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(b, chunk, n);
		if (b->len > VERIFY_MAX_BYTES) {
			fclose(f);
			return -1;
		}
	}
	n = ferror(f) ? 1 : 0;
	fclose(f);
	return n == 0 ? 0 : -1;
}

/* Prints what a snapshot states: the certificate, its comune and dates. */
static void
describe(FILE *out, const json_t *s)
{
	fprintf(out, "  certificate %s of the Comune di %s\n  issued on %s, "
	    "valid until %s\n  maximum occupants %lld\n",
	    jfield_text(s, "number"), jfield_text(json_object_get(s,
	    "comune"), "name"), jfield_text(s, "issued_on"),
	    jfield_str(s, "valid_until") ? jfield_str(s, "valid_until") :
	    "(no expiry)", (long long)jfield_int(s, "max_occupants"));
}

/* Whether the snapshot's validity has ended today. */
static bool
expired(const json_t *s, char until[DATE_STRLEN])
{
	int	 d;

	until[0] = '\0';
	if (!date_parse(jfield_text(s, "valid_until"), &d))
		return false;
	date_format(d, until);
	return clock_today() > d;
}

/*
 * `idoneo verify FILE.pdf`: prints why, and returns CERT_VERIFY_VALID,
 * _INVALID (changed, or sealed by no published key, or expired) or
 * _UNREADABLE (no such file, or not a PDF).
 */
int
certificates_verify_file(const char *path, FILE *out)
{
	struct buf		 file, again;
	struct cert_sealed	 s;
	enum cert_check		 chk;
	json_t			*snap = NULL;
	char			 until[DATE_STRLEN];
	int			 rc = CERT_VERIFY_INVALID;

	buf_init(&file);
	buf_init(&again);
	memset(&s, 0, sizeof(s));
	if (slurp(path, &file) < 0) {
		fprintf(out, "unreadable: %s cannot be read (missing, or larger "
		    "than 16 MB)\n", path);
		rc = CERT_VERIFY_UNREADABLE;
		goto out;
	}
	if (file.len < 5 || memcmp(file.data, "%PDF-", 5) != 0) {
		fprintf(out, "unreadable: %s is not a PDF file\n", path);
		rc = CERT_VERIFY_UNREADABLE;
		goto out;
	}
	if (cert_seal_find(file.data, file.len, &s) < 0) {
		fprintf(out, "INVALID: %s carries no readable idoneo seal: it "
		    "is not an idoneo certificate, or it was altered\n", path);
		goto out;
	}
	if ((chk = cert_seal_check(s.snapshot, s.len, s.kid, s.sig)) !=
	    CERT_CHECK_OK) {
		fprintf(out, "INVALID: %s (key %s)\n", cert_check_reasons[chk],
		    s.kid);
		goto out;
	}
	/* A sealed snapshot is valid JSON: cert_seal_check read it. */
	snap = json_loadb(s.snapshot, s.len, 0, NULL);
	if (cert_pdf_render(&s, certificates_translate, &again) < 0 ||
	    again.len != file.len || memcmp(again.data, file.data,
	    file.len) != 0) {
		fprintf(out, "INVALID: the seal is genuine, but the file differs "
		    "from the document it seals: it was changed after issue\n");
		describe(out, snap);
		goto out;
	}
	if (expired(snap, until)) {
		fprintf(out, "INVALID: the seal is genuine, but the certificate "
		    "expired on %s\n", until);
		describe(out, snap);
		goto out;
	}
	fprintf(out, "VALID: sealed by key %s%s\n", s.kid, s.copy ==
	    CERT_ORIGINAL ? "" : s.copy == CERT_COPY ? " (a copy)" :
	    " (a certified copy)");
	describe(out, snap);
	fprintf(out, "  revocation is not in the file: the verification page "
	    "shows it\n");
	rc = CERT_VERIFY_VALID;
out:
	json_decref(snap);
	cert_sealed_free(&s);
	buf_free(&file);
	buf_free(&again);
	return rc;
}

/*
 * `idoneo verify CODE`: the certificate of that verification code in the
 * database, its seal checked with the published keys, and its status.
 */
int
certificates_verify_code(struct store *st, const char *code, FILE *out)
{
	json_t		*o = NULL;
	enum svc_result	 r = certificates_public(st, code, NULL, &o);
	int		 rc;

	if (r == SVC_INVALID) {
		fprintf(out, "unreadable: %s is not a verification code (twelve "
		    "letters, such as KHRT-MWAC-PXEN)\n", code);
		return CERT_VERIFY_UNREADABLE;
	}
	if (r == SVC_NOT_FOUND) {
		fprintf(out, "INVALID: no certificate has the code %s\n", code);
		return CERT_VERIFY_INVALID;
	}
	if (r != SVC_OK) {
		fprintf(out, "unreadable: the database could not be read\n");
		return CERT_VERIFY_UNREADABLE;
	}
	rc = json_is_true(json_object_get(o, "seal_valid")) && strcmp(
	    jfield_text(o, "status"), "valid") == 0 ? CERT_VERIFY_VALID :
	    CERT_VERIFY_INVALID;
	fprintf(out, "%s: certificate %s of the Comune di %s is %s; %s\n",
	    rc == CERT_VERIFY_VALID ? "VALID" : "INVALID",
	    jfield_text(o, "number"), jfield_text(json_object_get(o, "comune"),
	    "name"), jfield_text(o, "status"), jfield_text(o, "seal"));
	fprintf(out, "  issued on %s, valid until %s\n  maximum occupants "
	    "%lld\n  %s\n", jfield_text(o, "issued_on"), jfield_str(o,
	    "valid_until") ? jfield_str(o, "valid_until") : "(no expiry)",
	    (long long)jfield_int(o, "max_occupants"), jfield_text(o,
	    "address"));
	if (jfield_str(o, "superseded_by") != NULL)
		fprintf(out, "  superseded by certificate %s\n",
		    jfield_str(o, "superseded_by"));
	if (jfield_str(o, "revoked_on") != NULL)
		fprintf(out, "  revoked on %s\n", jfield_str(o, "revoked_on"));
	json_decref(o);
	return rc;
}

/*
 * `idoneo keys list` and `idoneo keys rotate --comune CODE`.  Returns the
 * exit status.
 */
int
certificates_keys_cli(int argc, char **argv)
{
	struct cert_key	*v;
	size_t		 n;
	char		 kid[CERT_KID_STRLEN];

	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		if (cert_keys_list(&v, &n) < 0) {
			fprintf(stderr, "idoneo: cannot read the key directory "
			    "%s\n", cert_keys_dir());
			return 1;
		}
		printf("%-28s %-6s %-21s %-21s %s\n", "KEY", "COMUNE",
		    "VALID FROM", "VALID UNTIL", "SEALS");
		for (size_t i = 0; i < n; i++)
			printf("%-28s %-6s %-21s %-21s %s\n", v[i].kid,
			    v[i].comune, v[i].valid_from, v[i].valid_until[0] ?
			    v[i].valid_until : "-", v[i].has_secret ? "yes" :
			    "no (retired)");
		free(v);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "rotate") == 0 &&
	    strcmp(argv[2], "--comune") == 0) {
		if (cert_keys_rotate(argv[3], kid) < 0) {
			fprintf(stderr, "idoneo: cannot rotate the key of %s "
			    "(a Belfiore code such as G999) in %s\n", argv[3],
			    cert_keys_dir());
			return 1;
		}
		printf("new key %s; the old one's public half stays published, "
		    "so its certificates still verify\n", kid);
		return 0;
	}
	fprintf(stderr, "usage: idoneo keys list | idoneo keys rotate "
	    "--comune CODE\n");
	return 2;
}
