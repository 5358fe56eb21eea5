/*
 * housekeeping: the worker's periodic jobs that keep the database lean.
 */
#ifndef IDONEO_HOUSEKEEPING_H
#define IDONEO_HOUSEKEEPING_H

void	 housekeeping_add(void);

#endif
