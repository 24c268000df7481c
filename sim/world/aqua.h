/*
 * aqua.h — water chemistry shared by the plant and the channel: pH as an ion balance and
 * the mass balance of mixed flows.
 *
 * pH mixes on ions, not linearly: each water carries an excess of strong base
 *   b = [OH-] - [H+] = Kw/[H+] - [H+]   (mol/L, Kw = 1e-14 at 25 degC, no buffering)
 * which is conserved when waters mix; the mixture's [H+] is the positive root of
 *   [H+]^2 + b [H+] - Kw = 0.
 * Concentrations, temperature and conductivity mix as flow-weighted means.
 * Dependencies: hw-models/water.h, libm.
 */
#ifndef AQUA_H
#define AQUA_H

#include "water.h"

#define AQUA_KW 1e-14

/* Strong-base excess b (mol/L) of a water at this pH (negative when acidic). */
double aqua_ph_to_excess(double ph);
/* pH of a water with strong-base excess b; inverse of aqua_ph_to_excess. */
double aqua_excess_to_ph(double b);
/* Flow-weighted mixture of n waters with flows q[i] >= 0 (any unit). Returns the total
 * flow; when it is 0, *out is left unchanged. */
double aqua_mix(int n, const double *q, const water *w, water *out);

#endif
