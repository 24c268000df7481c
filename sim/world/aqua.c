/*
 * aqua.c — pH on the [H+]/[OH-] balance; flow-weighted mixing.
 */
#include "aqua.h"

#include <math.h>

double aqua_ph_to_excess(double ph)
{
    double h = pow(10.0, -ph);
    return AQUA_KW / h - h;
}

double aqua_excess_to_ph(double b)
{
    /* the root written so that neither sign of b cancels digits */
    double r = sqrt(b * b + 4.0 * AQUA_KW);
    double h = b >= 0 ? 2.0 * AQUA_KW / (b + r) : (r - b) / 2.0;
    return -log10(h);
}

double aqua_mix(int n, const double *q, const water *w, water *out)
{
    double qt = 0, cod = 0, toc = 0, nh3n = 0, tp = 0, tn = 0, temp = 0, cond = 0, b = 0;
    for (int i = 0; i < n; i++) {
        double qi = q[i];
        if (!(qi > 0)) continue;
        qt += qi;
        cod += qi * w[i].cod;
        toc += qi * w[i].toc;
        nh3n += qi * w[i].nh3n;
        tp += qi * w[i].tp;
        tn += qi * w[i].tn;
        temp += qi * w[i].temp;
        cond += qi * w[i].cond;
        b += qi * aqua_ph_to_excess(w[i].ph);
    }
    if (qt <= 0) return 0;
    out->cod = cod / qt;
    out->toc = toc / qt;
    out->nh3n = nh3n / qt;
    out->tp = tp / qt;
    out->tn = tn / qt;
    out->temp = temp / qt;
    out->cond = cond / qt;
    out->ph = aqua_excess_to_ph(b / qt);
    return qt;
}
