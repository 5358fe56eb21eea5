/*
 * form: turns flat form field names into the nested document the intake
 * validator reads, so that the counter form and the JSON API share one
 * shape: "applicant.surname" → {"applicant": {"surname": …}} and
 * "rooms.2.area" → {"rooms": [_, _, {"area": …}]}.  Numeric parts index
 * arrays (at most 99); missing elements are empty objects.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

#define FORM_MAX_INDEX	99

static bool
is_index(const char *s, size_t n)
{
	if (n == 0 || n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Places v at the dotted path in root; ignores paths that clash. */
static void
place(json_t *root, const char *path, json_t *v)
{
	json_t		*cur = root;
	const char	*p = path;

	for (;;) {
		const char	*dot = strchr(p, '.');
		size_t		 n = dot ? (size_t)(dot - p) : strlen(p);
		char		 key[101];
		bool		 idx = is_index(p, n);
		json_t		*next;

		if (n == 0 || n >= sizeof(key))
			return;
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_is_array(cur) != idx || (idx && atoi(key) > FORM_MAX_INDEX))
			return;
		if (dot == NULL) {
			if (idx) {
				size_t i = (size_t)atoi(key);

				while (json_array_size(cur) <= i)
					json_array_append_new(cur, json_object());
				json_array_set(cur, i, v);
			} else
				json_object_set(cur, key, v);
			return;
		}
		{
			const char *after = dot + 1, *d2 = strchr(after, '.');
			size_t n2 = d2 ? (size_t)(d2 - after) : strlen(after);
			bool want_array = is_index(after, n2);

			if (idx) {
				size_t i = (size_t)atoi(key);

				if (i > FORM_MAX_INDEX)
					return;
				while (json_array_size(cur) <= i)
					json_array_append_new(cur, want_array ?
					    json_array() : json_object());
				next = json_array_get(cur, i);
			} else {
				next = json_object_get(cur, key);
				if (next == NULL) {
					next = want_array ? json_array() :
					    json_object();
					if (json_object_set_new(cur, key, next) < 0)
						return;
				}
			}
		}
		/* "a=1" and "a.b=2" clash: the first one wins. */
		if (!json_is_object(next) && !json_is_array(next))
			return;
		cur = next;
		p = dot + 1;
	}
}

/* Returns a new nested object built from flat (which is not changed). */
json_t *
form_nest(json_t *flat)
{
	json_t		*root = json_object(), *v;
	const char	*k;

	json_object_foreach(flat, k, v)
		place(root, k, v);
	return root;
}

void
form_fields_init(struct form_fields *ff)
{
	memset(ff, 0, sizeof(*ff));
	ff->flat = json_object();
	buf_init(&ff->field);
}

void
form_fields_free(struct form_fields *ff)
{
	json_decref(ff->flat);
	buf_free(&ff->field);
	ff->flat = NULL;
}

/* Ends the field being collected: its value goes into the form. */
bool
form_fields_end(struct form_fields *ff)
{
	json_t	*old, *piece, *arr;

	if (!ff->open)
		return true;
	ff->open = false;
	piece = json_stringn(buf_str(&ff->field), ff->field.len);
	buf_reset(&ff->field);
	if (piece == NULL) {
		ff->why = "testo non UTF-8";
		return false;
	}
	old = json_object_get(ff->flat, ff->key);
	if (old == NULL)
		json_object_set_new(ff->flat, ff->key, piece);
	else if (json_is_array(old))
		json_array_append_new(old, piece);
	else {
		arr = json_pack("[O]", old);
		json_array_append_new(arr, piece);
		json_object_set_new(ff->flat, ff->key, arr);
	}
	return true;
}

/*
 * Collects a piece of field key: off is 0 for a field's first piece (a
 * repeated name starts a new value), more for the next pieces.
 */
bool
form_fields_piece(struct form_fields *ff, const char *key, const char *data,
    uint64_t off, size_t size)
{
	if (key == NULL || json_object_size(ff->flat) > 2000 ||
	    strlen(key) >= 100) {
		ff->why = "troppi campi, o un nome troppo lungo";
		return false;
	}
	if (size > 0 && memchr(data, '\0', size) != NULL) {
		ff->why = "un campo contiene il carattere NUL";
		return false;
	}
	if (off == 0 || !ff->open || strcmp(key, ff->key) != 0) {
		if (!form_fields_end(ff))
			return false;
		snprintf(ff->key, sizeof(ff->key), "%s", key);
		ff->open = true;
	}
	if (ff->field.len + size > HTTP_MAX_FIELD) {
		ff->why = "un campo supera i 64 KiB";
		return false;
	}
	buf_append(&ff->field, data, size);
	return true;
}
