/*
 * names: the index of a string in a table of names indexed by an enum
 * (wf_state_names …), or -1; and the vocabularies of choices with their labels,
 * ended by a {NULL, NULL} row (elig_uses, intake_purposes …).
 */
#ifndef IDONEO_NAMES_H
#define IDONEO_NAMES_H

/* A value of a closed vocabulary and its Italian label (N_). */
struct choice {
	const char	*value;
	const char	*label;
};

int	 names_index(const char *const *names, int n, const char *s);
int	 choice_index(const struct choice *, const char *value);
const char *choice_label(const struct choice *, const char *value);

#endif
