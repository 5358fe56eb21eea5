/*
 * cli: the command-line faces of the estate registers:
 *
 *   idoneo import-cadastre [--dry-run] [--quiet] FILE.FAB
 *   idoneo cadastre find [--comune G999] --foglio F --particella P [--sub S]
 *   idoneo cadastre find [--comune G999] --address "VIA ROMA 12/A"
 *   idoneo import-residents --comune G999 FILE.csv
 *   idoneo import-tari --comune G999 FILE.csv
 *
 * argv starts at the command's own arguments (options of the store, such
 * as --db, already taken out).  Exit status: 0 done, 1 failed, 2 refused or
 * bad usage.
 */
#ifndef IDONEO_ESTATE_CLI_H
#define IDONEO_ESTATE_CLI_H

#include "store/store.h"

int	 estate_cli_import_cadastre(struct store *, int argc, char **argv);
int	 estate_cli_cadastre(struct store *, int argc, char **argv);
int	 estate_cli_import_extract(struct store *, int argc, char **argv);

#endif
