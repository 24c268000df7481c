/*
 * gas.h — the composition of a flue-gas sample as physics hands it to the gas instruments,
 * the one mixing rule that dilutes it (air drawn into a probe, zero gas put on a cell, clean
 * air into a VOCs sample) and the moisture arithmetic of a cold-dry CEMS. Plain data.
 *
 * Concentrations are on a dry basis at standard conditions (273 K, 101.325 kPa), as HJ 75
 * reports them: mg/m3 for SO2, NO, NO2, CO and particulate; % by volume for O2 and CO2; THC
 * and CH4 in mg/m3 as carbon (HJ 1013: NMHC = THC - CH4). h2o is the moisture, % by volume
 * of the wet gas (Xsw x 100). Dependencies: libm.
 */
#ifndef GAS_H
#define GAS_H

typedef struct gas {
    double so2, no, no2, co; /* mg/m3 */
    double o2, co2;          /* % */
    double thc, ch4;         /* mg/m3 as C */
    double pm;               /* mg/m3 */
    double h2o;              /* % of the wet gas */
} gas;

/* The species, to address a gas by index (an analyzer's component). */
typedef enum gas_species {
    GAS_SO2 = 0,
    GAS_NO,
    GAS_NO2,
    GAS_CO,
    GAS_O2,
    GAS_CO2,
    GAS_THC,
    GAS_CH4,
    GAS_PM,
    GAS_H2O,
    GAS_SPECIES
} gas_species;

/* Species sp of g; NaN for an unknown species. */
double gas_get(const gas *g, int sp);
/* Sets species sp (unknown: no-op). */
void gas_set(gas *g, int sp, double v);
/* mg/m3 per ppm (umol/mol) at standard conditions: M / 22.414 (THC, CH4: as C, 12.011 /
 * 22.414); NaN for O2, CO2 (already %), PM and H2O. */
double gas_mg_per_ppm(int sp);

/* NOx as NO2 (HJ 75): NO x 46.006/30.006 + NO2, mg/m3. */
double gas_nox(const gas *g);
/* NMHC = THC - CH4 (as C), never below 0. */
double gas_nmhc(const gas *g);

/* out = (1 - f) a + f b for every species, f clamped to [0, 1]. f is the share of the dry
 * volume that b brings: exact for the dry-basis concentrations (h2o mixes the same way, a
 * close approximation). With b = gas_air this is GAS.md's leak: C' = (1 - f) C,
 * O2' = (1 - f) O2 + f 20.9. out may be a or b. */
void gas_mix(const gas *a, const gas *b, double f, gas *out);

/* Standard dry volume per actual volume of a gas at t_c degC, absolute pressure p_kpa and
 * moisture h2o_pct (HJ 75): 273/(273 + t) x p/101.325 x (1 - Xsw). Qsn = Qs x this; a
 * concentration measured in the actual gas is the standard dry one times this. */
double gas_std_dry_factor(double t_c, double p_kpa, double h2o_pct);

/* Saturation vapour pressure over water, kPa (Magnus, WMO 2008: 0.6112 e^(17.62 t /
 * (243.12 + t)); within 0.5 % of the steam tables from -40 to 60 degC, the range of dew
 * points in a flue gas). */
double gas_psat_kpa(double t_c);
/* Dew point, degC, of a gas holding h2o_pct % water at absolute pressure p_kpa (inverse of
 * gas_psat_kpa); -100 when there is no water. */
double gas_dew_point(double h2o_pct, double p_kpa);
/* Water left in a gas saturated at t_c (a chiller's outlet), % by volume, at p_kpa; never
 * more than h2o_pct, the water it came with. */
double gas_h2o_saturated(double t_c, double p_kpa, double h2o_pct);

/* Ambient air at a station (GAS.md: O2 20.9 %), the range's one definition of it: O2 20.9 %,
 * CO2 0.04 %, the background CH4 (about 2 ppm, 1.07 mg/m3 as C) and THC (1.25 as C), 1.4 %
 * water (20 degC, 60 % RH), traces of SO2, NOx, CO and dust. */
extern const gas gas_air;
/* Standard atmosphere, kPa. */
#define GAS_P0_KPA 101.325

#endif
