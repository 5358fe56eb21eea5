/*
 * countries: ISO 3166-1 with Italian names and continents (countries.c).
 */
#ifndef IDONEO_COUNTRIES_H
#define IDONEO_COUNTRIES_H

enum continent {
	CONTINENT_EUROPE,
	CONTINENT_AFRICA,
	CONTINENT_ASIA,
	CONTINENT_AMERICA,
	CONTINENT_OCEANIA,
	CONTINENT__MAX
};

struct country {
	const char	*code;		/* ISO 3166-1 alpha-2 */
	const char	*name;		/* short Italian name */
	enum continent	 continent;
};

extern const char *const continent_names[CONTINENT__MAX];
extern const struct country countries[];	/* ended by a NULL code */

const struct country	*country_by_code(const char *);
const struct country	*country_by_name(const char *);
const char		*country_code_of(const char *);

#endif
