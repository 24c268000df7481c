/* water.c — mixing water qualities by volume. */
#include "water.h"

#include <math.h>

#define KW 1e-14

void water_to_lin(const water *w, double lin[WATER_LIN])
{
    lin[0] = w->cod;
    lin[1] = w->toc;
    lin[2] = w->nh3n;
    lin[3] = w->tp;
    lin[4] = w->tn;
    lin[5] = pow(10.0, -w->ph) - pow(10.0, w->ph - 14.0);
    lin[6] = w->temp;
    lin[7] = w->cond;
}

void water_from_lin(const double lin[WATER_LIN], water *w)
{
    double net = lin[5];
    /* [H+] - Kw/[H+] = net  =>  [H+] = (net + sqrt(net^2 + 4 Kw)) / 2 */
    double h = 0.0;
    if (net >= 0.0)
        h = 0.5 * (net + sqrt(net * net + 4.0 * KW));
    else
        h = 2.0 * KW / (sqrt(net * net + 4.0 * KW) - net); /* same root, no cancellation */
    w->cod = lin[0];
    w->toc = lin[1];
    w->nh3n = lin[2];
    w->tp = lin[3];
    w->tn = lin[4];
    w->ph = -log10(h);
    w->temp = lin[6];
    w->cond = lin[7];
}

water water_mix(const water *a, double va, const water *b, double vb)
{
    double la[WATER_LIN], lb[WATER_LIN], lm[WATER_LIN];
    water out = {0};
    double v = va + vb;
    water_to_lin(a, la);
    water_to_lin(b, lb);
    for (int i = 0; i < WATER_LIN; i++)
        lm[i] = v > 0.0 ? (la[i] * va + lb[i] * vb) / v : 0.0;
    water_from_lin(lm, &out);
    return out;
}
