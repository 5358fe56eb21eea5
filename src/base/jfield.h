/*
 * jfield: a field of a JSON object as C reads it: a string or NULL, an
 * integer or 0.  For documents built elsewhere (a form, a rule set); rows of
 * the database come as typed structs where they are read most.
 */
#ifndef IDONEO_JFIELD_H
#define IDONEO_JFIELD_H

#include <stdint.h>

#include <jansson.h>

static inline const char *
jfield_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The string, or "" where there is none: for text shown or compared. */
static inline const char *
jfield_text(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static inline int64_t
jfield_int(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

#endif
