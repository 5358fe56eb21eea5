/*
 * demo: the demonstration data `idoneo demo` and `make run` load: the seven
 * comuni of the Province of Prato, one user per role, two API keys, a few
 * cases and a small cadastre, anagrafe and TARI extract of Prato.  The logins are printed and listed in README.md.
 */
#ifndef IDONEO_DEMO_H
#define IDONEO_DEMO_H

#include <stdbool.h>

#include "store/store.h"

#define DEMO_API_KEY_CLERK	"demo-prato-clerk-key-0123456789abcdef01234"
#define DEMO_API_KEY_ASSOC	"demo-prato-assoc-key-0123456789abcdef01234"
#define DEMO_API_KEY_POINT	"demo-prato-point-key-0123456789abcdef01234"

int	 demo_load(struct store *, bool estate);
int		 demo_history(struct store *, int years);
void	 demo_print_logins(void);

#endif
