/*
 * water.h — the quality of a body of water, as physics hands it to the instruments.
 * Plain data. Concentrations in mg/L, temperature in degC, conductivity in uS/cm.
 */
#ifndef WATER_H
#define WATER_H

typedef struct water {
    double cod;  /* chemical oxygen demand (dichromate), mg/L */
    double toc;  /* total organic carbon, mg/L */
    double nh3n; /* ammonia nitrogen, mg/L */
    double tp;   /* total phosphorus, mg/L */
    double tn;   /* total nitrogen, mg/L */
    double ph;   /* pH (mixing is done on [H+]/[OH-], not on pH) */
    double temp; /* degC */
    double cond; /* uS/cm */
} water;

/*
 * Mixing by volume (mass balance). WATER_LIN quantities mix linearly: the concentrations,
 * temperature, conductivity, and for pH the net strong acidity [H+] - [OH-] (mol/L,
 * unbuffered water, Kw = 1e-14). water_mix() is exact in these quantities.
 */
enum { WATER_LIN = 8 };
void water_to_lin(const water *w, double lin[WATER_LIN]);
void water_from_lin(const double lin[WATER_LIN], water *w);
/* Mixture of va litres (or any volume unit) of a and vb of b; va + vb > 0. */
water water_mix(const water *a, double va, const water *b, double vb);

#endif
