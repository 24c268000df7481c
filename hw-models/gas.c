/* gas.c — flue-gas composition, mixing, moisture. */
#include "gas.h"

#include <math.h>
#include <stddef.h>

#define M_SO2 64.066
#define M_NO  30.006
#define M_NO2 46.006
#define M_CO  28.010
#define M_C   12.011
#define VM    22.414 /* L/mol at 273.15 K, 101.325 kPa */

const gas gas_air = {
    .so2 = 0.01,
    .no = 0.01,
    .no2 = 0.03,
    .co = 0.8,
    .o2 = 20.9,
    .co2 = 0.04,
    .thc = 1.25,
    .ch4 = 1.07,
    .pm = 0.05,
    .h2o = 1.4,
};

static const size_t OFF[GAS_SPECIES] = {
    [GAS_SO2] = offsetof(gas, so2), [GAS_NO] = offsetof(gas, no),   [GAS_NO2] = offsetof(gas, no2),
    [GAS_CO] = offsetof(gas, co),   [GAS_O2] = offsetof(gas, o2),   [GAS_CO2] = offsetof(gas, co2),
    [GAS_THC] = offsetof(gas, thc), [GAS_CH4] = offsetof(gas, ch4), [GAS_PM] = offsetof(gas, pm),
    [GAS_H2O] = offsetof(gas, h2o),
};

double gas_get(const gas *g, int sp)
{
    if (sp < 0 || sp >= GAS_SPECIES) return NAN;
    return *(const double *)(const void *)((const char *)g + OFF[sp]);
}

void gas_set(gas *g, int sp, double v)
{
    if (sp < 0 || sp >= GAS_SPECIES) return;
    *(double *)(void *)((char *)g + OFF[sp]) = v;
}

double gas_mg_per_ppm(int sp)
{
    switch (sp) {
    case GAS_SO2:
        return M_SO2 / VM;
    case GAS_NO:
        return M_NO / VM;
    case GAS_NO2:
        return M_NO2 / VM;
    case GAS_CO:
        return M_CO / VM;
    case GAS_THC:
    case GAS_CH4:
        return M_C / VM;
    default:
        return NAN;
    }
}

double gas_nox(const gas *g)
{
    return g->no * (M_NO2 / M_NO) + g->no2;
}

double gas_nmhc(const gas *g)
{
    double d = g->thc - g->ch4;
    return d > 0.0 ? d : 0.0;
}

void gas_mix(const gas *a, const gas *b, double f, gas *out)
{
    if (!(f > 0.0)) f = 0.0; /* NaN: no mixing */
    if (f > 1.0) f = 1.0;
    gas r;
    for (int i = 0; i < GAS_SPECIES; i++)
        gas_set(&r, i, (1.0 - f) * gas_get(a, i) + f * gas_get(b, i));
    *out = r;
}

double gas_std_dry_factor(double t_c, double p_kpa, double h2o_pct)
{
    return 273.0 / (273.0 + t_c) * (p_kpa / GAS_P0_KPA) * (1.0 - h2o_pct / 100.0);
}

double gas_psat_kpa(double t_c)
{
    return 0.6112 * exp(17.62 * t_c / (243.12 + t_c));
}

double gas_dew_point(double h2o_pct, double p_kpa)
{
    double pw = h2o_pct / 100.0 * p_kpa;
    if (!(pw > 0.0)) return -100.0;
    double l = log(pw / 0.6112);
    return 243.12 * l / (17.62 - l);
}

double gas_h2o_saturated(double t_c, double p_kpa, double h2o_pct)
{
    double sat = 100.0 * gas_psat_kpa(t_c) / p_kpa;
    return sat < h2o_pct ? sat : h2o_pct;
}
