/*
 * plant.h — the polluter: production, raw wastewater, treatment, facilities, bypass.
 *
 * Model (docs/physics.md has the equations and the profile table):
 *   production load P = production knob x schedule (shifts) x share of lines switched on
 *   raw flow        Q   follows flow_m3h x P x daily flow pattern x noise, lag lag_h
 *                       (patterns have mean 1 over the scheduled minutes)
 *   raw quality         raw means x daily concentration pattern x upset knob
 *   equalisation tank   first-order mixing, volume eq_h x flow_m3h
 *   treatment           C_in x ((1-k) + k x effluent/raw), k = treatment knob x share of
 *                       treatment facilities switched on; pH: ion excess (1-k) b_eq + k b_eff
 *   treatment train     first-order mixing, volume hrt_h x flow_m3h: a treatment stop
 *                       reaches the outlet with time constant hrt_h (at flow_m3h)
 *   outlet              x autocorrelated lognormal noise (relative sd = noise)
 *   bypass              min(bypass_m3h, Q) leaves before the monitored outfall
 * Deterministic: one rng stream per plant, a fixed number of draws per step.
 * No allocation after plant_new. Dependencies: clock, rng, water.h, libm.
 */
#ifndef PLANT_H
#define PLANT_H

#include <stddef.h>
#include <stdint.h>

#include "water.h"

enum plant_profile {
    PLANT_DYEING,
    PLANT_ELECTROPLATING,
    PLANT_CHEMICAL,
    PLANT_FOOD,
    PLANT_MUNICIPAL,
    PLANT_PROFILE_COUNT
};

enum plant_facility_kind { PLANT_FAC_PRODUCTION, PLANT_FAC_TREATMENT };

#define PLANT_MAX_SHIFTS     8
#define PLANT_MAX_FACILITIES 16 /* of each kind */
#define PLANT_NAME_MAX       32 /* facility name, incl. NUL */

/* A production period in local minutes of the day: [start, end), 0 <= start < 1440,
 * 0 < end <= 1440; start > end wraps over midnight ("22:00-06:00"). */
typedef struct plant_shift {
    int start_min, end_min;
} plant_shift;

/* Every field has a default from the profile (plant_cfg_default); the scenario overrides
 * single fields. In raw and effluent, toc <= 0 means "cod / cod_toc". An effluent mean
 * above the raw one raises the raw mean to keep the profile's removal (plant_config shows
 * the result). */
typedef struct plant_cfg {
    int profile;
    double flow_m3h; /* mean discharge when producing (over the daily pattern) */
    water effluent;  /* treated effluent, means */
    water raw;       /* untreated wastewater, means */
    plant_shift shifts[PLANT_MAX_SHIFTS];
    int nshifts;    /* 0 = around the clock */
    double noise;   /* relative sd of the outlet concentrations, 0 .. 1 */
    double pattern; /* amplitude of the daily patterns: 1 = the profile's, 0 = flat */
    double cod_toc; /* COD/TOC ratio of this wastewater */
    double eq_h;    /* equalisation tank residence time at flow_m3h, hours (>= 0) */
    double hrt_h;   /* treatment train residence time at flow_m3h, hours (>= 0) */
    double lag_h;   /* time constant from production change to raw flow, hours (>= 0) */
    char production[PLANT_MAX_FACILITIES][PLANT_NAME_MAX]; /* production lines */
    int nproduction;
    char treatment[PLANT_MAX_FACILITIES][PLANT_NAME_MAX]; /* treatment facilities */
    int ntreatment;
    int named; /* bit PLANT_FAC_x set once plant_cfg_add_facility named that kind */
} plant_cfg;

/* The scenario's knobs (st.plant:set{...}). */
typedef struct plant_knobs {
    double production;   /* multiplies the scheduled load: 1 as scheduled, 0 stopped (0..2) */
    double treatment;    /* scales treatment efficiency: 1 normal, 0 stopped (0..1) */
    double bypass_m3h;   /* discharge that skips the monitored outfall (>= 0) */
    double upset;        /* multiplies raw concentrations (cod toc nh3n tp tn), 1 normal */
    int64_t upset_until; /* the upset ends at this time (0 = until changed) */
} plant_knobs;

/* What the plant hands to the channel and the instruments after a step. */
typedef struct plant_out {
    int64_t t;          /* time of the step */
    int scheduled;      /* 1 inside a shift */
    double production;  /* effective production load P (0..2) */
    double treatment;   /* effective treatment k (0..1) */
    double raw_m3h;     /* wastewater generated and treated */
    double outfall_m3h; /* into the monitored channel: raw_m3h - bypass_m3h */
    double bypass_m3h;  /* actually bypassed (<= raw_m3h) */
    water raw;          /* raw wastewater entering equalisation */
    water equalised;    /* leaving the equalisation tank */
    water effluent;     /* treated effluent at the outfall */
} plant_out;

typedef struct plant_facility {
    const char *name; /* borrowed from the plant */
    int kind;         /* PLANT_FAC_PRODUCTION or PLANT_FAC_TREATMENT */
    double load;      /* 0..1 of rated power, for a current meter */
    int on;           /* running (load above 5 %) */
    int enabled;      /* 0 when switched off by hand (plant_facility_enable) */
} plant_facility;

typedef struct plant plant;

/* Profile names: "dyeing" "electroplating" "chemical" "food" "municipal". */
int plant_profile_from_name(const char *name);
const char *plant_profile_name(int profile);
/* Fills cfg with the profile's defaults; -1 for an unknown profile. */
int plant_cfg_default(plant_cfg *cfg, int profile);
/* "08:00-20:00" (also "22:00-06:00", "00:00-24:00"); -1 on bad syntax or an empty span. */
int plant_parse_shift(const char *s, plant_shift *out);
/* Appends a shift / a named facility; -1 when full, on bad syntax or an over-long name.
 * The first call of each replaces the profile's default list. */
int plant_cfg_add_shift(plant_cfg *cfg, const char *s);
int plant_cfg_add_facility(plant_cfg *cfg, int kind, const char *name);
/* 0, or -(the reason's code, cfgerr.h) with its English text, naming the bad field, in
 * err (i18n_cfgerr gives it in the CLI's language). */
int plant_cfg_check(const plant_cfg *cfg, char *err, size_t errlen);

/* A plant in steady state at t0, its noise from stream (seed, stream). NULL with a
 * message on a bad cfg, NULL without one on allocation failure. */
plant *plant_new(const plant_cfg *cfg, uint64_t seed, uint64_t stream, int64_t t0, char *err,
                 size_t errlen);
void plant_free(plant *p);
const plant_cfg *plant_config(const plant *p);

/* Advances the plant to time t (no-op if t is not after the last step). The knobs in force
 * apply to the whole interval: step at most a minute at a time for smooth schedules. */
void plant_step(plant *p, int64_t t);
const plant_out *plant_output(const plant *p);
/* 1 if t falls in a shift (always 1 without shifts). */
int plant_scheduled(const plant *p, int64_t t);

/* Knobs: 0, or -1 (value out of range, NaN) leaving the knob unchanged. */
int plant_set_production(plant *p, double production);
int plant_set_treatment(plant *p, double treatment);
int plant_set_bypass(plant *p, double m3h);
/* Raw concentrations x factor (> 0) until `until` (0 = until changed). */
int plant_set_upset(plant *p, double factor, int64_t until);
const plant_knobs *plant_get_knobs(const plant *p);

/* Facilities: production lines first, then treatment facilities. */
int plant_facility_count(const plant *p);
int plant_facility_find(const plant *p, const char *name); /* index or -1 */
int plant_facility_get(const plant *p, int i, plant_facility *out);
/* Switches a facility off by hand (enabled 0: load 0, its share of production or
 * treatment lost) or back to automatic (1). -1 on a bad index. */
int plant_facility_enable(plant *p, int i, int enabled);

#endif
