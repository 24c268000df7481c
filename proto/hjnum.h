/*
 * hjnum.h — numbers as the range writes them: a fixed-point text byte for byte what
 * printf's "%.*f" writes (correctly rounded, ties to even, "-0.00" for a negative value
 * that rounds to zero), without printf's cost on the paths that write one per value per
 * minute (the DAU's CP fields, series.csv).
 *
 * hjnum_fixed returns the length written (as snprintf), or -1 when out is too small (out
 * then holds ""). Values it cannot write exactly by its own means (NaN, infinities,
 * |v| >= 1e9, decimals outside 0..9) go through snprintf: the text is the same either way.
 * Dependencies: libc.
 */
#ifndef HJNUM_H
#define HJNUM_H

#include <stddef.h>

#define HJNUM_MAX 40 /* room for any text hjnum_fixed writes from its own means, NUL included */

int hjnum_fixed(char *out, size_t cap, double v, int decimals);

#endif
