/*
 * names: the index of a string in a table of names indexed by an enum
 * (wf_state_names, elig_use_names …), or -1.
 */
#ifndef IDONEO_NAMES_H
#define IDONEO_NAMES_H

int	 names_index(const char *const *names, int n, const char *s);

#endif
