/*
 * water.h — the quality of a body of water, as physics hands it to the instruments, and
 * the one mass balance that mixes waters (analyzer cups, the discharge channel, the
 * plant's tanks). Plain data. Concentrations in mg/L, temperature in degC, conductivity in
 * uS/cm. Dependencies: libm.
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
 * Mixing by volume (mass balance). The linear quantities (water_to_lin, in WATER_L_*
 * order) mix as volume-weighted means: the concentrations, temperature, conductivity, and
 * for pH the net strong acidity a = [H+] - [OH-] (mol/L, unbuffered water, Kw = 1e-14),
 * which is conserved when waters mix; the mixture's [H+] is the positive root of
 * [H+]^2 - a [H+] - Kw = 0. Mixing is exact in these quantities.
 */
#define WATER_KW 1e-14
enum {
    WATER_L_COD = 0,
    WATER_L_TOC,
    WATER_L_NH3N,
    WATER_L_TP,
    WATER_L_TN,
    WATER_L_ACID, /* [H+] - [OH-] */
    WATER_L_TEMP,
    WATER_L_COND,
    WATER_LIN
};
/* Net strong acidity [H+] - [OH-] (mol/L) of a water at this pH (negative when basic). */
double water_ph_to_acid(double ph);
/* pH of a water with net strong acidity a; inverse of water_ph_to_acid. */
double water_acid_to_ph(double a);
void water_to_lin(const water *w, double lin[WATER_LIN]);
void water_from_lin(const double lin[WATER_LIN], water *w);
/* The mass balance on linear quantities: out = sum of v[i] lin[i] / sum of v[i], over the
 * i with v[i] > 0 (a zero, negative or NaN volume adds nothing). Returns the total volume;
 * when it is 0, out is left as it was. out may be one of the lin[i]. */
double water_lin_mix(int n, const double *v, const double (*lin)[WATER_LIN], double out[WATER_LIN]);
/* The same on waters: the mixture of n <= WATER_MIX_MAX waters w[i] in volumes (or
 * flows) v[i], any unit. Returns the total; when it is 0 (or n is too large), *out is
 * left as it was (a stagnant water). */
#define WATER_MIX_MAX 64
double water_mix(int n, const double *v, const water *w, water *out);

/* Tap water: the municipal supply meeting GB 5749-2022, typical of eastern China
 * (docs/physics.md), the range's one definition of it. temp is the annual mean: the
 * water follows the season by WATER_TAP_TEMP_AMP degC around it (channel_tap_quality). */
extern const water water_tap;
#define WATER_TAP_TEMP_AMP 8.5

#endif
