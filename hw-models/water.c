/* water.c — the quality of water: pH on the ion balance, mixing by volume, tap water. */
#include "water.h"

#include <math.h>

const water water_tap = {
    .cod = 2.0,
    .toc = 1.0,
    .nh3n = 0.05,
    .tp = 0.02,
    .tn = 1.0,
    .ph = 7.2,
    .temp = 16.5,
    .cond = 300.0,
};

double water_ph_to_acid(double ph)
{
    double h = pow(10.0, -ph);
    return h - WATER_KW / h;
}

double water_acid_to_ph(double a)
{
    /* the root written so that neither sign of a cancels digits */
    double r = sqrt(a * a + 4.0 * WATER_KW);
    double h = a <= 0 ? 2.0 * WATER_KW / (r - a) : (r + a) / 2.0;
    return -log10(h);
}

void water_to_lin(const water *w, double lin[WATER_LIN])
{
    lin[WATER_L_COD] = w->cod;
    lin[WATER_L_TOC] = w->toc;
    lin[WATER_L_NH3N] = w->nh3n;
    lin[WATER_L_TP] = w->tp;
    lin[WATER_L_TN] = w->tn;
    lin[WATER_L_ACID] = water_ph_to_acid(w->ph);
    lin[WATER_L_TEMP] = w->temp;
    lin[WATER_L_COND] = w->cond;
}

void water_from_lin(const double lin[WATER_LIN], water *w)
{
    w->cod = lin[WATER_L_COD];
    w->toc = lin[WATER_L_TOC];
    w->nh3n = lin[WATER_L_NH3N];
    w->tp = lin[WATER_L_TP];
    w->tn = lin[WATER_L_TN];
    w->ph = water_acid_to_ph(lin[WATER_L_ACID]);
    w->temp = lin[WATER_L_TEMP];
    w->cond = lin[WATER_L_COND];
}

double water_lin_mix(int n, const double *v, const double (*lin)[WATER_LIN], double out[WATER_LIN])
{
    double total = 0, sum[WATER_LIN] = {0};
    for (int i = 0; i < n; i++) {
        if (!(v[i] > 0)) continue;
        total += v[i];
        for (int k = 0; k < WATER_LIN; k++)
            sum[k] += v[i] * lin[i][k];
    }
    if (total <= 0) return 0;
    for (int k = 0; k < WATER_LIN; k++)
        out[k] = sum[k] / total;
    return total;
}

double water_mix(int n, const double *v, const water *w, water *out)
{
    double lin[WATER_MIX_MAX][WATER_LIN], mixed[WATER_LIN];
    if (n > WATER_MIX_MAX) return 0;
    for (int i = 0; i < n; i++)
        if (v[i] > 0) water_to_lin(&w[i], lin[i]);
    double total = water_lin_mix(n, v, (const double(*)[WATER_LIN])lin, mixed);
    if (total > 0) water_from_lin(mixed, out);
    return total;
}
