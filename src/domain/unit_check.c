/*
 * unit_check: see unit_check.h.
 */
#include <string.h>

#include "unit_check.h"

/* Main rooms: one vano each (DPR 1142/1949 art. 45). */
static const char *const main_rooms[] = {
	"living", "bedroom", "kitchen", "study", NULL
};

/* Accessories that serve the dwelling directly: a third of a vano. */
static const char *const accessories[] = {
	"bathroom", "wc", "corridor", "storage", "kitchenette", NULL
};

static bool
in(const char *const *list, const char *s)
{
	for (int i = 0; list[i] != NULL; i++)
		if (s != NULL && strcmp(list[i], s) == 0)
			return true;
	return false;
}

/*
 * The declared rooms counted as the cadastre counts vani, in hundredths,
 * rounded to the nearest half vano as consistenza is written.
 */
int64_t
unit_check_vani(const char *const *uses, int n)
{
	int	 mains = 0, acc = 0;
	int64_t	 x6;

	for (int i = 0; i < n; i++) {
		if (in(main_rooms, uses[i]))
			mains++;
		else if (in(accessories, uses[i]))
			acc++;
	}
	/* In sixths of a vano: 6 per main room, 2 per accessory. */
	x6 = (int64_t)mains * 6 + (int64_t)acc * 2;
	/* To the nearest half (3 sixths), halves rounding up. */
	return (x6 + 1) / 3 * 50;
}

/* More than one vano apart is worth a look. */
enum unit_check
unit_check_rooms(int64_t cadastral_x100, int64_t declared_x100)
{
	int64_t	 d = cadastral_x100 - declared_x100;

	return d > 100 || d < -100 ? UNIT_CHECK_WARN : UNIT_CHECK_OK;
}

/*
 * The declared net area against the superficie catastale; *deviation_pct
 * is how much smaller (positive) or larger (negative) the declared area
 * is, in percent of the cadastral one.  A declared area larger than the
 * gross cadastral one is always shown.
 */
enum unit_check
unit_check_area(int64_t superficie_m2, int64_t declared_x100,
    int tolerance_pct, int *deviation_pct)
{
	int64_t	 cad = superficie_m2 * 100, diff;

	*deviation_pct = 0;
	if (cad <= 0)
		return UNIT_CHECK_OK;
	diff = cad - declared_x100;
	*deviation_pct = (int)((diff * 100 + (diff >= 0 ? cad / 2 : -cad / 2)) /
	    cad);
	if (diff < 0)
		return UNIT_CHECK_WARN;
	return *deviation_pct > tolerance_pct ? UNIT_CHECK_WARN : UNIT_CHECK_OK;
}
