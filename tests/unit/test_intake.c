/* Intake validation: refusals name the field; normalisation is exact. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/date.h"
#include "domain/intake.h"

static const char good[] =
    "{\"purpose\":\"family_reunification\",\"title\":\"tenant\","
    "\"applicant\":{\"surname\":\"Hu\",\"given_names\":\"Wei\",\"sex\":\"F\","
    "\"birth_date\":\"15/06/1990\",\"birth_place\":\"Wenzhou\","
    "\"birth_country\":\"Cina\",\"citizenship\":\"Cina\","
    "\"codice_fiscale\":\"huxwei90h55z210h\",\"id_doc_type\":\"passport\","
    "\"id_doc_number\":\"E1\",\"permit_type\":\"permit\","
    "\"phone\":\"347 123 4567\",\"language\":\"zh\",\"notify_sms\":\"on\"},"
    "\"dwelling\":{\"street\":\"Via Roma\",\"house_number\":\"12/A\","
    "\"cap\":\"59100\"},"
    "\"rooms\":[{\"name\":\"Soggiorno\",\"use\":\"living\",\"area\":\"16,5\","
    "\"height\":\"2,70\"},{},{\"name\":\"Bagno\",\"use\":\"bathroom\","
    "\"area\":5,\"height\":2.4,\"fixtures\":[\"wc\",\"basin\"]}],"
    "\"payments\":[{\"kind\":\"fee\",\"amount\":\"30,50\","
    "\"channel\":\"pagopa\",\"reference\":\"X\"}],"
    "\"documents\":[\"id_document\",\"id_document\"]}";

static int today;

static int
setup(void **state)
{
	date_parse("2026-11-27", &today);
	return 0;
}

static json_t *
validate_with(const char *path_key, const char *sub, json_t *value,
    json_t *errors)
{
	json_t *in = json_loads(good, 0, NULL), *out;

	if (sub == NULL)
		json_object_set_new(in, path_key, value);
	else
		json_object_set_new(json_object_get(in, path_key), sub, value);
	out = intake_validate(in, today, false, errors);
	json_decref(in);
	return out;
}

static void
good_application_is_normalised(void **state)
{
	json_t *in = json_loads(good, 0, NULL), *errors = json_object();
	json_t *out = intake_validate(in, today, false, errors), *rooms, *a;

	assert_non_null(out);
	assert_int_equal(json_object_size(errors), 0);
	a = json_object_get(out, "applicant");
	assert_string_equal(json_string_value(json_object_get(a,
	    "codice_fiscale")), "HUXWEI90H55Z210H");
	assert_string_equal(json_string_value(json_object_get(a, "phone")),
	    "+393471234567");
	assert_string_equal(json_string_value(json_object_get(a,
	    "birth_date")), "1990-06-15");
	assert_true(json_is_true(json_object_get(a, "notify_sms")));
	rooms = json_object_get(out, "rooms");
	assert_int_equal(json_array_size(rooms), 2);	/* blank row skipped */
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(rooms, 0), "area")), 1650);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(rooms, 0), "height")), 270);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(rooms, 1), "height")), 240);
	assert_int_equal(json_array_size(json_object_get(json_array_get(rooms,
	    1), "fixtures")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(out, "payments"), 0), "amount")), 3050);
	assert_int_equal(json_array_size(json_object_get(out, "documents")), 1);
	json_decref(out);
	json_decref(in);
	json_decref(errors);
}

static void
refusal_names(const char *key, const char *sub, json_t *v, const char *path)
{
	json_t *errors = json_object();
	json_t *out = validate_with(key, sub, v, errors);

	assert_null(out);
	if (json_object_get(errors, path) == NULL) {
		char *s = json_dumps(errors, 0);
		fail_msg("no error for %s: %s", path, s);
	}
	json_decref(errors);
}

static void
refusals(void **state)
{
	refusal_names("applicant", "codice_fiscale",
	    json_string("HUXWEI90H55Z210A"), "applicant.codice_fiscale");
	refusal_names("applicant", "phone", json_string("0574 123456"),
	    "applicant.phone");
	refusal_names("applicant", "birth_date", json_string("31/02/1990"),
	    "applicant.birth_date");
	refusal_names("applicant", "birth_date", json_string("2027-01-01"),
	    "applicant.birth_date");
	refusal_names("applicant", "surname", json_string("  "),
	    "applicant.surname");
	refusal_names("applicant", "email", json_string("no-at-sign"),
	    "applicant.email");
	refusal_names("purpose", NULL, json_string("tourism"), "purpose");
	refusal_names("dwelling", "cap", json_string("5910"), "dwelling.cap");
	refusal_names("rooms", NULL, json_pack("[{s:s, s:s, s:s, s:s}]",
	    "name", "X", "use", "living", "area", "-3", "height", "2.70"),
	    "rooms.0.area");
	refusal_names("rooms", NULL, json_pack("[{s:s, s:s, s:s, s:s}]",
	    "name", "X", "use", "living", "area", "14.001", "height", "2.70"),
	    "rooms.0.area");
	refusal_names("rooms", NULL, json_pack("[{s:s, s:s, s:s, s:s}]",
	    "name", "X", "use", "garage", "area", "14", "height", "2.70"),
	    "rooms.0.use");
	/* One bound with the eligibility engine: at most 20 m (issue 19). */
	refusal_names("rooms", NULL, json_pack("[{s:s, s:s, s:s, s:s}]",
	    "name", "X", "use", "living", "area", "14", "height", "20,01"),
	    "rooms.0.height");
	refusal_names("rooms", NULL, json_pack("[{s:s, s:s, s:s, s:I}]",
	    "name", "X", "use", "living", "area", "14", "height",
	    (json_int_t)10000000), "rooms.0.height");
	refusal_names("rooms", NULL, json_array(), "rooms");
	refusal_names("applicant", "codice_fiscale", json_null(),
	    "applicant.codice_fiscale");
}

/* An error names the field as a person reads it: row, label, message. */
static void
error_text(void **state)
{
	json_t *errors = json_object();

	(void)state;
	assert_null(validate_with("rooms", NULL, json_pack("[{s:s, s:s, "
	    "s:s, s:s}, {s:s, s:s, s:s, s:s}]", "name", "A", "use", "living",
	    "area", "14", "height", "2.70", "name", "B", "use", "living",
	    "area", "-3", "height", "2.70"), errors));
	assert_string_equal(json_string_value(json_object_get(errors,
	    "rooms.1.area")), "Stanza 2, superficie (m²): scrivere un "
	    "numero non negativo, per esempio 14,50");
	assert_null(json_object_get(errors, "rooms.0.area"));
	json_decref(errors);
	errors = json_object();
	assert_null(validate_with("applicant", "surname", json_string(" "),
	    errors));
	assert_string_equal(json_string_value(json_object_get(errors,
	    "applicant.surname")), "Cognome: campo obbligatorio");
	json_decref(errors);
}

static void
missing_cf_with_reason_is_fine(void **state)
{
	json_t *in = json_loads(good, 0, NULL), *errors = json_object(), *out;
	json_t *a = json_object_get(in, "applicant");

	json_object_del(a, "codice_fiscale");
	json_object_set_new(a, "cf_missing_reason", json_string("arrivato ieri"));
	out = intake_validate(in, today, false, errors);
	assert_non_null(out);
	json_decref(out);
	json_decref(in);
	json_decref(errors);
}

static void
association_needs_consent(void **state)
{
	json_t *in = json_loads(good, 0, NULL), *errors = json_object(), *out;

	out = intake_validate(in, today, true, errors);
	assert_null(out);
	assert_non_null(json_object_get(errors, "consent"));
	json_object_clear(errors);
	json_object_set_new(in, "consent", json_true());
	out = intake_validate(in, today, true, errors);
	assert_non_null(out);
	json_decref(out);
	json_decref(in);
	json_decref(errors);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_application_is_normalised),
		cmocka_unit_test(refusals),
		cmocka_unit_test(error_text),
		cmocka_unit_test(missing_cf_with_reason_is_fine),
		cmocka_unit_test(association_needs_consent),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
