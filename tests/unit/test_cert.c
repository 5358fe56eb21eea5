/*
 * The certificate's seal: the snapshot's canonical text is stable (one
 * spelling, whatever the order the case's fields came in), a seal
 * verifies and fails after a one-byte change, a rotated key still
 * verifies what it sealed and no longer seals, a key of another comune
 * or out of its period is refused, the seal line survives its trip
 * through a PDF, and verification codes are read as people type them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/clock.h"
#include "cert/keys.h"
#include "cert/pdf.h"
#include "cert/seal.h"
#include "domain/cert_code.h"
#include "domain/cert_snapshot.h"

static char	 keydir[64];

/* A case document as service/case_doc.c builds it, fields in order. */
static const char case_doc[] =
    "{\"comune_id\": 1, \"protocol\": \"2026/0000123\", "
    "\"purpose\": \"family_reunification\", \"surname\": \"Hu\", "
    "\"given_names\": \"Wei 伟\", \"sex\": \"M\", \"birth_date\": "
    "\"1985-03-12\", \"birth_place\": \"Wenzhou\", \"birth_country\": "
    "\"Cina\", \"citizenship\": \"Cina\", \"codice_fiscale\": null, "
    "\"id_doc_type\": \"passport\", \"id_doc_number\": \"E1234\", "
    "\"language\": \"zh\", \"street\": \"Via Pistoiese\", "
    "\"house_number\": \"12\", \"interno\": \"5\", \"scala\": \"\", "
    "\"floor\": \"2\", \"cap\": \"59100\", \"sezione\": \"\", "
    "\"foglio\": \"45\", \"particella\": \"123\", \"subalterno\": \"7\", "
    "\"category\": \"A/3\", "
    "\"rooms\": [{\"name\": \"Soggiorno\", \"use\": \"living\", "
    "\"area\": 1800}, {\"name\": \"Camera\", \"use\": \"bedroom\", "
    "\"area\": 1400}], "
    "\"documents\": [{\"kind\": \"hygiene_declaration\", \"received\": 1}], "
    "\"events\": [{\"action\": \"approve\", \"actor_name\": \"L. Bini\"}], "
    "\"payments\": [{\"kind\": \"stamp\", \"reference\": \"0123\"}], "
    "\"assessment\": {\"rule_set\": \"prato\", \"rule_version\": 1, "
    "\"max_occupants\": 3, \"habitable_area\": 3200, \"total_area\": 4100, "
    "\"residents\": 1, \"places_available\": 2}}";

static const char comune[] =
    "{\"code\": \"G999\", \"name\": \"Prato\", \"province\": \"PO\", "
    "\"office\": \"Servizio Immigrazione\", \"office_address\": \"Piazza\", "
    "\"logo_path\": \"\"}";

/* The canonical text of the snapshot of doc, sealed at sealed_at. */
static char *
snapshot_in(const char *doc, const char *sealed_at, const char *code)
{
	json_t			*c = json_loads(doc, 0, NULL);
	json_t			*co = json_loads(comune, 0, NULL);
	struct cert_issue	 is = {
		.comune = co, .number = "2026/0000012", .code = "KHRTMWACPXEN",
		.verify_url = "http://x/v/KHRTMWACPXEN", .issued_on =
		"2026-12-05", .valid_until = "2027-12-05", .sealed_at =
		sealed_at, .signatory = "L. Bini",
	};
	json_t			*s;
	char			*text;

	assert_non_null(c);
	json_object_set_new(co, "code", json_string(code));
	s = cert_snapshot_build(c, &is);
	assert_non_null(s);
	text = cert_snapshot_text(s);
	json_decref(s);
	json_decref(c);
	json_decref(co);
	return text;
}

static char *
snapshot_of(const char *doc, const char *sealed_at)
{
	return snapshot_in(doc, sealed_at, "G999");
}

static void
canonical_text_is_stable(void **state)
{
	char	*a = snapshot_of(case_doc, "2026-12-05T10:00:00Z");
	json_t	*doc = json_loads(case_doc, 0, NULL), *rev = json_object();
	const char *k;
	json_t	*v;
	char	*b, *doc2;

	/* The same fields in the opposite order give the same text. */
	{
		const char *keys[64];
		size_t n = 0;

		json_object_foreach(doc, k, v)
			keys[n++] = k;
		while (n-- > 0)
			json_object_set(rev, keys[n], json_object_get(doc,
			    keys[n]));
	}
	doc2 = json_dumps(rev, 0);
	b = snapshot_of(doc2, "2026-12-05T10:00:00Z");
	assert_string_equal(a, b);
	/* Compact, keys sorted, UTF-8 as is, areas as integers. */
	assert_non_null(strstr(a, "{\"applicant\":{\"birth_country\":\"Cina\""));
	assert_non_null(strstr(a, "\"given_names\":\"Wei 伟\""));
	assert_non_null(strstr(a, "\"rooms\":[{\"area\":1800,\"code\":"
	    "\"living\",\"label\":\"Soggiorno\",\"name\":\"Soggiorno\"}"));
	assert_non_null(strstr(a, "\"hygiene\":{\"basis\":\"declaration\","
	    "\"required\":true}"));
	assert_non_null(strstr(a, "\"language\":\"zh\""));
	assert_non_null(strstr(a, "\"stamp\":\"0123\""));
	assert_null(strchr(a, '\n'));
	assert_null(strstr(a, ": "));
	free(a);
	free(b);
	free(doc2);
	json_decref(doc);
	json_decref(rev);
}

static void
hygiene_only_where_the_purpose_wants_it(void **state)
{
	assert_true(cert_hygiene_required("family_reunification"));
	assert_true(cert_hygiene_required("family_cohesion"));
	assert_false(cert_hygiene_required("work_contract"));
	assert_false(cert_hygiene_required(NULL));
}

static void
seal_verifies_and_one_byte_breaks_it(void **state)
{
	char	*text = snapshot_of(case_doc, "2099-01-01T00:00:00Z");
	char	 kid[CERT_KID_STRLEN], sig[CERT_SIG_STRLEN];
	size_t	 n = strlen(text);

	assert_int_equal(cert_seal_sign("G999", text, kid, sig), 0);
	assert_int_equal(strncmp(kid, "G999-", 5), 0);
	assert_int_equal(cert_seal_check(text, n, kid, sig), CERT_CHECK_OK);
	/* Every single byte matters: the maximum occupants, a name. */
	for (size_t i = 0; i < n; i += 7) {
		char saved = text[i];

		text[i] = (char)(saved ^ 0x01);
		assert_int_not_equal(cert_seal_check(text, n, kid, sig),
		    CERT_CHECK_OK);
		text[i] = saved;
	}
	assert_int_equal(cert_seal_check(text, n, kid, sig), CERT_CHECK_OK);
	/* A changed signature, an unknown key. */
	sig[3] = sig[3] == 'A' ? 'B' : 'A';
	assert_int_equal(cert_seal_check(text, n, kid, sig),
	    CERT_CHECK_SIGNATURE);
	assert_int_equal(cert_seal_check(text, n, "G999-20000101-00000000",
	    sig), CERT_CHECK_UNKNOWN_KEY);
	free(text);
}

static void
another_comunes_key_is_refused(void **state)
{
	char	*text = snapshot_of(case_doc, "2099-01-01T00:00:00Z");
	char	 kid[CERT_KID_STRLEN], sig[CERT_SIG_STRLEN];

	/* Signed with Vaiano's key, the snapshot says Prato. */
	assert_int_equal(cert_seal_sign("L537", text, kid, sig), 0);
	assert_int_equal(cert_seal_check(text, strlen(text), kid, sig),
	    CERT_CHECK_WRONG_COMUNE);
	free(text);
}

static void
rotated_key_still_verifies_old_seals(void **state)
{
	char		*old = snapshot_in(case_doc, "2099-01-01T00:00:00Z", "B626");
	char		 kid1[CERT_KID_STRLEN], sig1[CERT_SIG_STRLEN];
	char		 kid2[CERT_KID_STRLEN], sig2[CERT_SIG_STRLEN];
	char		 path[300];
	struct cert_key	 k;
	struct stat	 sb;

	assert_int_equal(cert_seal_sign("B626", old, kid1, sig1), 0);
	assert_int_equal(cert_keys_rotate("B626", kid2), 0);
	assert_string_not_equal(kid1, kid2);
	/* The old key: published with its period closed, its secret gone. */
	assert_int_equal(cert_key_find(kid1, &k), 1);
	assert_true(k.valid_until[0] != '\0');
	assert_false(k.has_secret);
	snprintf(path, sizeof(path), "%s/%s.key", keydir, kid1);
	assert_int_not_equal(stat(path, &sb), 0);
	/* The new key is private to its owner. */
	snprintf(path, sizeof(path), "%s/%s.key", keydir, kid2);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(keydir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/*
	 * A seal that claims a time after the key was retired is refused:
	 * the old key sealed nothing after its period.
	 */
	assert_int_equal(cert_seal_check(old, strlen(old), kid1, sig1),
	    CERT_CHECK_PERIOD);
	/* New seals use the new key. */
	assert_int_equal(cert_seal_sign("B626", old, kid2, sig2), 0);
	assert_string_not_equal(kid2, kid1);
	assert_int_equal(cert_seal_check(old, strlen(old), kid2, sig2),
	    CERT_CHECK_OK);
	free(old);
}

static void
old_seal_within_period_verifies_after_rotation(void **state)
{
	char		 kid1[CERT_KID_STRLEN], sig1[CERT_SIG_STRLEN];
	char		 kid2[CERT_KID_STRLEN], now[CLOCK_STRLEN];
	char		*text;
	struct cert_key	 k;

	/* A snapshot sealed now, by the key in use now. */
	clock_utc(clock_now(), now);
	text = snapshot_in(case_doc, now, "F572");
	assert_int_equal(cert_seal_sign("F572", text, kid1, sig1), 0);
	assert_int_equal(cert_keys_rotate("F572", kid2), 0);
	assert_int_equal(cert_key_find(kid1, &k), 1);
	assert_int_equal(cert_seal_check(text, strlen(text), kid1, sig1),
	    CERT_CHECK_OK);
	free(text);
}

static void
seal_line_survives_the_pdf(void **state)
{
	char			*text = snapshot_of(case_doc,
				    "2099-01-01T00:00:00Z");
	struct cert_sealed	 s, back;
	struct buf		 pdf, again;

	memset(&s, 0, sizeof(s));
	s.snapshot = text;
	s.len = strlen(text);
	assert_int_equal(cert_seal_sign("G999", text, s.kid, s.sig), 0);
	s.copy = CERT_CERTIFIED;
	s.copy_no = 2;
	buf_init(&pdf);
	buf_init(&again);
	assert_int_equal(cert_pdf_render(&s, NULL, &pdf), 0);
	assert_int_equal(memcmp(pdf.data, "%PDF-", 5), 0);
	assert_int_equal(cert_seal_find(pdf.data, pdf.len, &back), 0);
	assert_int_equal(back.len, s.len);
	assert_memory_equal(back.snapshot, text, s.len);
	assert_string_equal(back.kid, s.kid);
	assert_string_equal(back.sig, s.sig);
	assert_int_equal(back.copy, CERT_CERTIFIED);
	assert_int_equal(back.copy_no, 2);
	/* The same input gives the same bytes. */
	assert_int_equal(cert_pdf_render(&back, NULL, &again), 0);
	assert_int_equal(again.len, pdf.len);
	assert_memory_equal(again.data, pdf.data, pdf.len);
	cert_sealed_free(&back);
	/* A file without the line has no seal. */
	assert_int_equal(cert_seal_find("%PDF-1.5 nothing", 16, &back), -1);
	buf_free(&pdf);
	buf_free(&again);
	free(text);
}

static void
codes_as_people_type_them(void **state)
{
	char	 c[CERT_CODE_STRLEN], shown[CERT_CODE_SHOWN_STRLEN];

	assert_true(cert_code_normalize("KHRT-MWAC-PXEN", c));
	assert_string_equal(c, "KHRTMWACPXEN");
	assert_true(cert_code_normalize(" khrt mwac pxen ", c));
	assert_string_equal(c, "KHRTMWACPXEN");
	cert_code_show(c, shown);
	assert_string_equal(shown, "KHRT-MWAC-PXEN");
	/* Too short, too long, letters that read as digits, other bytes. */
	assert_false(cert_code_normalize("KHRT-MWAC-PXE", c));
	assert_false(cert_code_normalize("KHRT-MWAC-PXENA", c));
	assert_false(cert_code_normalize("KHRT-MWAC-PXE0", c));
	assert_false(cert_code_normalize("KHRT-MWAC-PXEO", c));
	assert_false(cert_code_normalize("KHRT/MWAC/PXEN", c));
	assert_false(cert_code_normalize("", c));
	assert_false(cert_code_normalize(NULL, c));
	for (const char *a = cert_code_alphabet; *a; a++)
		assert_null(strchr("BGIOQSZ0123456789", *a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_text_is_stable),
		cmocka_unit_test(hygiene_only_where_the_purpose_wants_it),
		cmocka_unit_test(seal_verifies_and_one_byte_breaks_it),
		cmocka_unit_test(another_comunes_key_is_refused),
		cmocka_unit_test(rotated_key_still_verifies_old_seals),
		cmocka_unit_test(old_seal_within_period_verifies_after_rotation),
		cmocka_unit_test(seal_line_survives_the_pdf),
		cmocka_unit_test(codes_as_people_type_them),
	};
	char	 cmd[128];
	int	 rc;

	clock_init();
	snprintf(keydir, sizeof(keydir), "/tmp/idoneo-test-keys-XXXXXX");
	if (mkdtemp(keydir) == NULL || chmod(keydir, 0755) < 0 ||
	    cert_keys_init(keydir) < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", keydir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
