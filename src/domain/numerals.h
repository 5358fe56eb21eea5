/*
 * numerals: numbers in a text as a reader of each language of the intake
 * writes them (the citizen's pages).
 */
#ifndef IDONEO_NUMERALS_H
#define IDONEO_NUMERALS_H

#include <stdbool.h>
#include <stddef.h>

void	 numerals_local(const char *lang, const char *in, char *out,
	    size_t size);

#endif
