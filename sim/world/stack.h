/*
 * stack.h — the physics of a flue-gas or VOCs source (GAS.md): the plant by its profile
 * (load, excess air, daily pattern, start-up and shut-down), the treatment facilities
 * (FGD, SCR, bag filter, RTO) whose efficiency follows their state, and the stack gas at
 * the monitoring section (composition, temperature, pressure, moisture, flow), on a fixed
 * grid like world.h.
 *
 * Model (docs/gas.md has the equations and the profile table):
 *   load     target = scheduled load x daily pattern (1 + A cos(2 pi (h - h_peak)/24)),
 *            0 while stopped; the actual load follows the target with a 15 min lag, plus
 *            an AR(1) variation (relative sd cfg.noise, 10 min correlation).
 *   O2       excess air: O2 = o2_full + o2_slope (1 - load) while firing; with the fuel off
 *            the flue fills with air (O2 -> 20.9 with a 10 min lag).
 *   flow     Qsn = flue_nm3h x fuel x (21 - o2_full)/(21 - O2): fuel is the load (never
 *            below the ID fan's draught, 5 % of the full flow, while stopped).
 *   raw      each pollutant's raw concentration is the profile's at the reference O2 and
 *            full load, carried to the actual O2 by (21 - O2)/(21 - O2_ref), so the
 *            converted raw value does not move with the excess air; NOx rises with the
 *            load (x 0.8 + 0.2 load), CO with the part load (x 1 + 2 (1 - load)^2).
 *   treated  C = raw x (1 - eta); eta = the design efficiency x the facility's state:
 *            FGD (slurry pumps on), SCR (ammonia injection on), bag filter (on), RTO
 *            (chamber temperature: full at >= 760 degC, falling linearly to 0 at 450 degC;
 *            the chamber heats to its set point with a 20 min lag, cools to 25 degC with a
 *            2 h lag when off). Soot blowing multiplies the dust after the filter by 4.
 *   bypass   the damper's share leaves unmonitored: the monitored flow is (1 - share) Qsn.
 * Noise from rng stream rng_stream_id(stream, "stack"): same (seed, stream, calls) = same
 * numbers. Facility meters: the fan follows the load, the treatment units their state.
 * Dependencies: rng, gas.h (hw-models), libm.
 */
#ifndef STACK_H
#define STACK_H

#include <stdint.h>

#include "gas.h"
#include "rng.h"

enum stack_profile {
    STACK_COAL_BOILER,
    STACK_GAS_BOILER,
    STACK_GLASS_KILN,
    STACK_WASTE_INCINERATOR,
    STACK_COATING_VOCS,
    STACK_CHEMICAL_VOCS,
    STACK_PROFILE_COUNT
};

/* The facilities of a source, in meter order: the fan (production) first. */
enum stack_fac { STACK_FAN, STACK_FGD, STACK_SCR, STACK_BAG, STACK_RTO, STACK_FAC_COUNT };

typedef struct stack_cfg {
    int profile;
    double load;           /* scheduled load, 0..1 (default 0.85) */
    double flue_nm3h;      /* standard dry flow at full load and full-load O2 */
    double pattern;        /* amplitude of the daily pattern: 1 the profile's, 0 flat */
    double noise;          /* relative variability of the load; default per profile */
    double o2_full;        /* % O2 at full load */
    double o2_slope;       /* % O2 more at no load */
    double o2_ref;         /* the reference O2 of the converted values, %; 0: none */
    gas raw;               /* raw gas at full load and o2_ref (o2, co2, h2o: at full load) */
    double eta[STACK_FAC_COUNT]; /* design efficiency of each treatment facility */
    int fitted[STACK_FAC_COUNT]; /* which facilities the source has (the fan always) */
    double nominal_a[STACK_FAC_COUNT]; /* rated current of each facility's meter, A */
    double t_c;            /* flue temperature at the monitoring section, degC */
    double ps_kpa;         /* static pressure, gauge, kPa */
    double ba_kpa;         /* atmospheric pressure, kPa */
    double area_m2;        /* section area */
    double kv;             /* the stack's velocity field coefficient (true) */
    double rto_set_c;      /* RTO chamber set point, degC */
    int bypass;            /* a bypass flue with its damper */
} stack_cfg;

typedef struct stack_out {
    int64_t t;
    int running;           /* the plant fires / produces */
    double load;           /* actual, 0..1 */
    gas g;                 /* the stack gas at the monitoring section (dry; h2o wet %) */
    double qsn_total;      /* standard dry flow of the source, m3/h */
    double qsn;            /* through the monitored stack: (1 - bypass share) x total */
    double v;              /* true mean velocity at the section, m/s */
    double t_c, ps_kpa, ba_kpa;
    double rto_c;          /* RTO chamber temperature */
    int fac_on[STACK_FAC_COUNT];
    double fac_load[STACK_FAC_COUNT]; /* load fraction of each facility's meter */
} stack_out;

typedef struct stack stack;

int stack_profile_from_name(const char *name); /* -1 unknown */
const char *stack_profile_name(int profile);   /* NULL outside */
/* A VOCs profile (GC-FID, RTO, no O2 conversion by default). */
int stack_profile_is_vocs(int profile);
/* The name of a facility ("fan", "fgd", "scr", "bag_filter", "rto"); -1 / NULL. */
const char *stack_fac_name(int fac);
int stack_fac_from_name(const char *name);

/* The profile's defaults; -1 for an unknown one. */
int stack_cfg_default(stack_cfg *c, int profile);
/* 0, or -(the reason's code, cfgerr.h) with its English text, naming the bad field, in
 * err (i18n_cfgerr gives it in the CLI's language). */
int stack_cfg_check(const stack_cfg *c, char *err, unsigned errlen);

/* A source at t0 with grid step step_ms. NULL on a bad cfg or no memory. */
stack *stack_new(const stack_cfg *c, uint64_t seed, uint64_t stream, int64_t t0, int64_t step_ms);
void stack_free(stack *s);
/* Runs the grid steps up to t; returns how many. */
int64_t stack_step(stack *s, int64_t t);
const stack_out *stack_output(const stack *s);
const stack_cfg *stack_config(const stack *s);

/* ---- knobs (st.plant, st.facility, st.damper) ---- */

/* st.plant:set{load = x}: the scheduled load, 0..1.2; -1 outside. */
int stack_set_load(stack *s, double load);
/* st.plant:set{running = b}: fire or stop (start-up and shut-down follow the lags). */
void stack_set_running(stack *s, int on);
/* st.plant:set{soot_blowing = b}. */
void stack_set_soot_blowing(stack *s, int on);
/* st.plant:set{fuel = k}: a fuel change (a new coal batch, another oil): the sulphur and
 * ash of the fuel relative to the design fuel (1), STACK_FUEL_MIN..STACK_FUEL_MAX; raw SO2
 * and dust follow it as the new fuel reaches the burners (an hour's mixing in the bunkers
 * and mills). -1 outside the range. */
#define STACK_FUEL_MIN 0.2
#define STACK_FUEL_MAX 5.0
int stack_set_fuel(stack *s, double k);
/* st.facility.X:set{on = b}: -1 for a facility the source does not have. */
int stack_fac_set(stack *s, int fac, int on);
/* st.facility.rto:set{temp_c = x}: the chamber's set point, 0..1100 degC. */
int stack_rto_set(stack *s, double temp_c);
/* The share of the flue gas that leaves by the bypass (the damper's true opening). */
void stack_set_bypass(stack *s, double share);

#endif
