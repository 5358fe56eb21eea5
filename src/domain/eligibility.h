/*
 * eligibility: the maximum number of people who may live in a dwelling.
 *
 * National rules: DM Sanità 5 luglio 1975 (heights art. 1, surfaces and
 * bedrooms art. 2, single-room dwellings art. 3, windows art. 5, bathroom
 * art. 7).  Where the DM is silent or read differently by comuni (which
 * surface counts, what a failing room does, tables instead of the formula,
 * mountain heights, the 2024 "Salva Casa" derogations, whether the kitchen
 * is habitable) the answer is a switch of the rule set, never a constant.
 *
 * All measures are integers: areas in hundredths of m², heights in cm, so
 * 8.99 against 9.00 m² is compared exactly.  Pure code: no I/O, no globals.
 */
#ifndef IDONEO_ELIGIBILITY_H
#define IDONEO_ELIGIBILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "names.h"

#define ELIG_MAX_ROOMS		60
#define ELIG_MAX_TABLE		16
#define ELIG_MAX_LINES		(ELIG_MAX_ROOMS + 16)
#define ELIG_LINE		320
#define ELIG_NAME		64

enum elig_use {
	USE_LIVING, USE_BEDROOM, USE_KITCHEN, USE_STUDY, USE_KITCHENETTE,
	USE_BATHROOM, USE_WC, USE_CORRIDOR, USE_STORAGE, USE_OTHER, USE__MAX
};

enum elig_fixture {
	FIX_WC, FIX_BIDET, FIX_BASIN, FIX_BATH, FIX_SHOWER, FIX__MAX
};

enum elig_basis { BASIS_HABITABLE, BASIS_TOTAL };
enum elig_failing { FAILING_EXCLUDE, FAILING_REJECT };
enum elig_regime { REGIME_FORMULA, REGIME_TABLE };

/* A rule set: which reading of the DM a comune applies, and its numbers. */
struct elig_rules {
	char			 id[32];
	int			 version;
	enum elig_basis		 basis;
	enum elig_failing	 failing;
	enum elig_regime	 regime;
	bool			 kitchen_habitable;
	bool			 bedrooms_bind;	/* bedrooms limit the result */
	bool			 mountain;	/* comune above 1000 m (art. 1) */
	bool			 salva_casa;	/* DL 69/2024 derogations */
	int			 height_cm;		/* 270 */
	int			 mountain_height_cm;	/* 255 */
	int			 accessory_height_cm;	/* 240 */
	int			 salva_height_cm;	/* 240 */
	int64_t			 first_area;		/* 1400 per person … */
	int			 first_persons;		/* … for the first 4 */
	int64_t			 next_area;		/* 1000 for each further */
	int64_t			 table[ELIG_MAX_TABLE];	/* table regime */
	int			 ntable;
	int64_t			 table_step;		/* beyond the table */
	int64_t			 single_bedroom;	/* 900 */
	int64_t			 double_bedroom;	/* 1400 */
	int64_t			 living_min;		/* 1400 */
	int64_t			 studio_one;		/* 2800 (art. 3) */
	int64_t			 studio_two;		/* 3800 */
	int64_t			 salva_studio_one;	/* 2000 */
	int64_t			 salva_studio_two;	/* 2800 */
	int			 window_num;		/* 1 … */
	int			 window_den;		/* … / 8 (art. 5) */
};

struct elig_room {
	char		 name[ELIG_NAME];
	enum elig_use	 use;
	int64_t		 area;		/* 1/100 m² */
	int		 height;	/* cm */
	int64_t		 window;	/* 1/100 m², openable */
	unsigned	 fixtures;	/* bits of enum elig_fixture */
	bool		 extraction;	/* mechanical extraction */
};

struct elig_dwelling {
	struct elig_room	 rooms[ELIG_MAX_ROOMS];
	int			 nrooms;
	int			 residents;
	int			 requested;
};

enum elig_binding {
	BIND_NONE,		/* nothing limits: not reached */
	BIND_SURFACE,
	BIND_BEDROOMS,
	BIND_BOTH,		/* surface and bedrooms give the same number */
	BIND_STUDIO,		/* single-room dwelling, art. 3 */
	BIND_NO_LIVING,		/* no living room of 14 m² (art. 2) */
	BIND_NO_BATHROOM,	/* no complete bathroom (art. 7) */
	BIND_FAILING_ROOM,	/* a room fails and the rules reject it */
	BIND_NO_HABITABLE,	/* no room counts as habitable */
	BIND__MAX
};

extern const char *const elig_binding_names[BIND__MAX];
extern const struct choice elig_uses[USE__MAX + 1];
extern const struct choice elig_fixtures[FIX__MAX + 1];

struct elig_result {
	int		 max_occupants;
	int		 surface_capacity;
	int		 bedroom_capacity;
	int64_t		 habitable_area;	/* qualifying habitable rooms */
	int64_t		 total_area;		/* every room */
	int64_t		 surface_used;		/* the basis the rule set uses */
	enum elig_binding binding;
	int		 places_available;
	bool		 fits;
	char		 rules_id[32];
	int		 rules_version;
	char		 lines[ELIG_MAX_LINES][ELIG_LINE];
	int		 nlines;
};

void	 elig_rules_dm1975(struct elig_rules *);
int64_t	 elig_required_surface(const struct elig_rules *, int persons);
int	 elig_surface_capacity(const struct elig_rules *, int64_t area);
void	 elig_evaluate(const struct elig_rules *, const struct elig_dwelling *,
	    struct elig_result *);
int	 elig_use_from_name(const char *);
int	 elig_fixture_from_name(const char *);
/*
 * The highest room a dwelling may declare, in cm: 20 m.  One bound for the
 * intake form, the API and the eligibility file alike.
 */
#define ELIG_MAX_HEIGHT	2000

/* "wc,bidet,basin,bath,shower" and its NUL. */
#define ELIG_FIXTURES_STRLEN	32
unsigned elig_fixtures_parse(const char *);
void	 elig_fixtures_text(unsigned, char out[ELIG_FIXTURES_STRLEN]);

#endif
