/*
 * stack.c — a flue-gas or VOCs source on a fixed grid (stack.h, docs/gas.md).
 */
#include "stack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgerr.h"
#include "hjtime.h"

#define LOAD_TAU_S   900.0  /* the load follows its target */
#define FIRE_TAU_S   600.0  /* fuel on/off: the flue fills with flame gas or air */
#define NOISE_TAU_S  600.0  /* correlation of the load's variation */
#define FUEL_TAU_S   1800.0 /* correlation of the fuel's sulphur and ash */
#define FUEL_MIX_TAU_S 3600.0 /* a new fuel reaches the burners through bunkers and mills */
#define RTO_HEAT_TAU 1200.0
#define RTO_COOL_TAU 7200.0
#define RTO_FULL_C   760.0 /* full destruction at and above (GAS.md) */
#define RTO_ZERO_C   450.0 /* none at and below */
#define DRAUGHT      0.05  /* the flow of a stopped plant, share of the full flow */
#define SOOT_FACTOR  4.0

struct stack {
    stack_cfg cfg;
    rng r;
    int64_t t, step_ms;
    double sched;   /* scheduled load (knob) */
    int running;    /* knob */
    int soot;       /* knob */
    double fuel_k;  /* knob: the fuel's sulphur and ash, relative to the design fuel */
    double fuel_mix; /* what burns now: fuel_k through the bunker's mixing */
    int fac_on[STACK_FAC_COUNT];
    double bypass;  /* share */
    double load;    /* lagged target, before the variation */
    double fire;    /* 0..1: flame gas vs air in the flue */
    double x_load, x_fuel, x_nox; /* AR(1) variations, relative */
    double rto_c;
    stack_out out;
};

/* ---- profiles ---- */

static const char *const PROFILE_NAME[STACK_PROFILE_COUNT] = {
    [STACK_COAL_BOILER] = "coal_boiler",   [STACK_GAS_BOILER] = "gas_boiler",
    [STACK_GLASS_KILN] = "glass_kiln",     [STACK_WASTE_INCINERATOR] = "waste_incinerator",
    [STACK_COATING_VOCS] = "coating_vocs", [STACK_CHEMICAL_VOCS] = "chemical_vocs"};

static const char *const FAC_NAME[STACK_FAC_COUNT] = {
    [STACK_FAN] = "fan", [STACK_FGD] = "fgd", [STACK_SCR] = "scr", [STACK_BAG] = "bag_filter",
    [STACK_RTO] = "rto"};

/* One row per profile: the flow and excess air; the raw gas at full load and the reference
 * O2 (NOx as NO2, split 95 % NO by volume; THC and CH4 as C); the treatment; the section. */
typedef struct profile_row {
    double flue_nm3h, o2_full, o2_slope, o2_ref;
    double so2, nox, co, pm, nmhc, ch4, co2, h2o; /* raw at o2_ref (co2 too); h2o % wet */
    double eta[STACK_FAC_COUNT];                  /* 0: not fitted (the fan always is) */
    double t_c, area_m2, pattern_amp, pattern_peak_h, noise;
} profile_row;

static const profile_row ROWS[STACK_PROFILE_COUNT] = {
    [STACK_COAL_BOILER] = {250000, 5.5, 4.0, 6.0, 2000, 300, 80, 15000, 0.3, 1.1, 13.3, 12.0,
                           {[STACK_FGD] = 0.988, [STACK_SCR] = 0.85, [STACK_BAG] = 0.9995},
                           50, 7.07, 0.08, 10, 0.03},
    [STACK_GAS_BOILER] = {30000, 3.5, 3.0, 3.5, 5, 80, 20, 3, 0.5, 1.5, 9.8, 16.0,
                          {[STACK_SCR] = 0.6}, 80, 1.13, 0.15, 8, 0.04},
    [STACK_GLASS_KILN] = {60000, 8.0, 2.0, 8.0, 1200, 2000, 50, 200, 0.3, 1.1, 12.0, 10.0,
                          {[STACK_FGD] = 0.96, [STACK_SCR] = 0.88, [STACK_BAG] = 0.97},
                          150, 3.14, 0.02, 12, 0.02},
    [STACK_WASTE_INCINERATOR] = {80000, 9.0, 2.0, 11.0, 400, 350, 40, 3000, 1.0, 1.2, 9.0, 18.0,
                                 {[STACK_FGD] = 0.9, [STACK_SCR] = 0.6, [STACK_BAG] = 0.998},
                                 150, 3.8, 0.05, 11, 0.04},
    [STACK_COATING_VOCS] = {40000, 20.5, 0.0, 0.0, 0, 10, 20, 2, 600, 1.07, 0.3, 2.0,
                            {[STACK_RTO] = 0.97}, 80, 1.54, 0.2, 14, 0.05},
    [STACK_CHEMICAL_VOCS] = {15000, 20.0, 0.0, 0.0, 0, 5, 10, 1, 300, 3.1, 0.5, 3.0,
                             {[STACK_RTO] = 0.97}, 60, 0.64, 0.05, 14, 0.04},
};

/* Rated currents of the meters: fan, FGD pumps, ammonia skid, filter, RTO burner and fans. */
static const double NOMINAL_A[STACK_FAC_COUNT] = {80, 60, 10, 15, 40};
/* Load fraction of a running treatment facility's meter. */
static const double FAC_LOAD[STACK_FAC_COUNT] = {0, 0.85, 0.7, 0.6, 0.75};

int stack_profile_from_name(const char *name)
{
    for (int i = 0; name && i < STACK_PROFILE_COUNT; i++)
        if (strcmp(name, PROFILE_NAME[i]) == 0) return i;
    return -1;
}

const char *stack_profile_name(int p)
{
    return p >= 0 && p < STACK_PROFILE_COUNT ? PROFILE_NAME[p] : NULL;
}

int stack_profile_is_vocs(int p)
{
    return p == STACK_COATING_VOCS || p == STACK_CHEMICAL_VOCS;
}

const char *stack_fac_name(int f)
{
    return f >= 0 && f < STACK_FAC_COUNT ? FAC_NAME[f] : NULL;
}

int stack_fac_from_name(const char *name)
{
    for (int i = 0; name && i < STACK_FAC_COUNT; i++)
        if (strcmp(name, FAC_NAME[i]) == 0) return i;
    return -1;
}

int stack_cfg_default(stack_cfg *c, int profile)
{
    if (profile < 0 || profile >= STACK_PROFILE_COUNT) return -1;
    const profile_row *r = &ROWS[profile];
    memset(c, 0, sizeof *c);
    c->profile = profile;
    c->load = 0.85;
    c->flue_nm3h = r->flue_nm3h;
    c->pattern = 1;
    c->noise = r->noise;
    c->o2_full = r->o2_full;
    c->o2_slope = r->o2_slope;
    c->o2_ref = r->o2_ref;
    gas *g = &c->raw;
    g->so2 = r->so2;
    g->no2 = 0.05 * r->nox;
    g->no = 0.95 * r->nox / (46.006 / 30.006);
    g->co = r->co;
    g->pm = r->pm;
    g->ch4 = r->ch4;
    g->thc = r->nmhc + r->ch4;
    g->co2 = r->co2;
    g->o2 = r->o2_full;
    g->h2o = r->h2o;
    for (int f = 0; f < STACK_FAC_COUNT; f++) {
        c->eta[f] = r->eta[f];
        c->fitted[f] = f == STACK_FAN || r->eta[f] > 0;
        c->nominal_a[f] = NOMINAL_A[f];
    }
    c->t_c = r->t_c;
    c->ps_kpa = -0.2;
    c->ba_kpa = GAS_P0_KPA;
    c->area_m2 = r->area_m2;
    c->kv = 1.0;
    c->rto_set_c = 820;
    c->bypass = profile == STACK_COAL_BOILER;
    return 0;
}

/* -(the reason's code), with its English text in err. */
static int bad(char *err, unsigned n, cfgerr e)
{
    if (err && n) snprintf(err, n, "%s", cfgerr_en(e));
    return -(int)e;
}

static int within(double x, double lo, double hi)
{
    return x >= lo && x <= hi;
}

int stack_cfg_check(const stack_cfg *c, char *err, unsigned n)
{
    if (c->profile < 0 || c->profile >= STACK_PROFILE_COUNT) return bad(err, n, WMSG_CFG_STACK_PROFILE);
    if (!within(c->load, 0, 1.2)) return bad(err, n, WMSG_CFG_STACK_LOAD);
    if (!within(c->flue_nm3h, 1, 1e7)) return bad(err, n, WMSG_CFG_STACK_FLUE);
    if (!within(c->pattern, 0, 3)) return bad(err, n, WMSG_CFG_STACK_PATTERN);
    if (!within(c->noise, 0, 0.5)) return bad(err, n, WMSG_CFG_STACK_NOISE);
    if (!within(c->o2_full, 0, 20.9) || !within(c->o2_full + c->o2_slope, 0, 20.9))
        return bad(err, n, WMSG_CFG_STACK_O2);
    if (!within(c->o2_ref, 0, 20)) return bad(err, n, WMSG_CFG_STACK_O2_REF);
    if (!within(c->area_m2, 0.01, 200)) return bad(err, n, WMSG_CFG_STACK_AREA);
    if (!within(c->kv, 0.1, 2)) return bad(err, n, WMSG_CFG_STACK_KV);
    if (!within(c->t_c, -20, 600)) return bad(err, n, WMSG_CFG_STACK_TEMP);
    for (int f = 0; f < STACK_FAC_COUNT; f++)
        if (!within(c->eta[f], 0, 1)) return bad(err, n, WMSG_CFG_STACK_ETA);
    return 0;
}

/* ---- stepping ---- */

static double local_hour(int64_t t)
{
    return (double)hjtime_local_ms_of_day(t) / 3.6e6;
}

static double pattern(const stack *s, int64_t t)
{
    const profile_row *r = &ROWS[s->cfg.profile];
    double a = r->pattern_amp * s->cfg.pattern;
    return 1 + a * cos(2 * M_PI * (local_hour(t) - r->pattern_peak_h) / 24.0);
}

/* An AR(1) step with correlation time tau and stationary sd sd. */
static double ar1(rng *r, double x, double dt, double tau, double sd)
{
    double a = exp(-dt / tau);
    return a * x + sqrt(1 - a * a) * rng_normal(r, 0, sd);
}

static double lag(double y, double x, double dt, double tau)
{
    return x + (y - x) * exp(-dt / tau);
}

/* The RTO's share destroyed at chamber temperature t. */
static double rto_eta(double design, double t)
{
    double k = (t - RTO_ZERO_C) / (RTO_FULL_C - RTO_ZERO_C);
    return design * (k < 0 ? 0 : k > 1 ? 1 : k);
}

/* The flame gas at load L after treatment, concentrations at its own O2 (dry). */
static void flame_gas(const stack *s, double L, gas *g, double *o2)
{
    const stack_cfg *c = &s->cfg;
    *o2 = c->o2_full + c->o2_slope * (1 - L);
    double ref = c->o2_ref > 0 ? c->o2_ref : c->o2_full;
    double k = (21 - *o2) / (21 - ref); /* dilution by excess air from the reference */
    double fuel = s->fuel_mix * (1 + s->x_fuel), nox = (0.8 + 0.2 * L) * (1 + s->x_nox);
    double eta_fgd = s->fac_on[STACK_FGD] ? c->eta[STACK_FGD] : 0;
    double eta_scr = s->fac_on[STACK_SCR] ? c->eta[STACK_SCR] : 0;
    double eta_bag = s->fac_on[STACK_BAG] ? c->eta[STACK_BAG] : 0;
    double eta_rto = s->fac_on[STACK_RTO] || s->rto_c > RTO_ZERO_C ? rto_eta(c->eta[STACK_RTO], s->rto_c) : 0;
    *g = c->raw;
    g->so2 = c->raw.so2 * k * fuel * (1 - eta_fgd);
    g->no = c->raw.no * k * nox * (1 - eta_scr);
    g->no2 = c->raw.no2 * k * nox * (1 - eta_scr);
    g->co = c->raw.co * k * (1 + 2 * (1 - L) * (1 - L));
    g->pm = c->raw.pm * k * fuel * (1 - eta_bag) * (s->soot ? SOOT_FACTOR : 1);
    double nmhc = (c->raw.thc - c->raw.ch4) * k * (1 + s->x_load) * (1 - eta_rto);
    g->ch4 = c->raw.ch4;
    g->thc = g->ch4 + (nmhc > 0 ? nmhc : 0);
    g->co2 = c->raw.co2 * k;
    g->o2 = *o2;
}

static void step_once(stack *s, int64_t t, double dt)
{
    const stack_cfg *c = &s->cfg;
    double target = s->running ? s->sched * pattern(s, t) : 0;
    s->load = lag(s->load, target, dt, LOAD_TAU_S);
    s->fire = lag(s->fire, s->running ? 1 : 0, dt, FIRE_TAU_S);
    s->fuel_mix = lag(s->fuel_mix, s->fuel_k, dt, FUEL_MIX_TAU_S);
    s->x_load = ar1(&s->r, s->x_load, dt, NOISE_TAU_S, c->noise);
    s->x_fuel = ar1(&s->r, s->x_fuel, dt, FUEL_TAU_S, c->noise);
    s->x_nox = ar1(&s->r, s->x_nox, dt, NOISE_TAU_S, c->noise);
    double rto_target = s->fac_on[STACK_RTO] ? c->rto_set_c : 25;
    s->rto_c = lag(s->rto_c, rto_target, dt, s->fac_on[STACK_RTO] ? RTO_HEAT_TAU : RTO_COOL_TAU);

    double L = s->load * (1 + s->x_load);
    if (L < 0) L = 0;
    if (L > 1.2) L = 1.2;
    gas fg;
    double o2 = 0;
    flame_gas(s, L, &fg, &o2);
    stack_out *o = &s->out;
    o->t = t;
    o->running = s->running;
    o->load = L * s->fire;
    gas_mix(&fg, &gas_air, 1 - s->fire, &o->g);
    double flame_q = c->flue_nm3h * (L > DRAUGHT ? L : DRAUGHT) * (21 - c->o2_full) / (21 - o2);
    o->qsn_total = s->fire * flame_q + (1 - s->fire) * DRAUGHT * c->flue_nm3h;
    o->qsn = o->qsn_total * (1 - s->bypass);
    o->t_c = c->t_c;
    o->ps_kpa = c->ps_kpa;
    o->ba_kpa = c->ba_kpa;
    double f = gas_std_dry_factor(o->t_c, o->ba_kpa + o->ps_kpa, o->g.h2o);
    o->v = o->qsn / f / 3600.0 / c->area_m2;
    o->rto_c = s->rto_c;
    for (int k = 0; k < STACK_FAC_COUNT; k++) {
        o->fac_on[k] = c->fitted[k] && s->fac_on[k];
        o->fac_load[k] = o->fac_on[k] ? FAC_LOAD[k] : 0;
    }
    o->fac_on[STACK_FAN] = s->running || s->fire > 0.02;
    double share = o->qsn_total / c->flue_nm3h;
    o->fac_load[STACK_FAN] = o->fac_on[STACK_FAN] ? 0.25 + 0.75 * (share > 1.2 ? 1.2 : share) : 0;
    if (o->fac_on[STACK_RTO] && s->rto_c < c->rto_set_c - 20) o->fac_load[STACK_RTO] = 1.0;
}

stack *stack_new(const stack_cfg *c, uint64_t seed, uint64_t stream, int64_t t0, int64_t step_ms)
{
    if (stack_cfg_check(c, NULL, 0) < 0 || step_ms <= 0) return NULL;
    stack *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cfg = *c;
    rng_seed(&s->r, seed, rng_stream_id(stream, "stack"));
    s->t = t0;
    s->step_ms = step_ms;
    s->sched = c->load;
    s->running = 1;
    s->fuel_k = s->fuel_mix = 1;
    for (int f = 0; f < STACK_FAC_COUNT; f++)
        s->fac_on[f] = c->fitted[f];
    s->fire = 1;
    s->load = c->load * pattern(s, t0); /* a plant that has been running */
    s->rto_c = c->fitted[STACK_RTO] ? c->rto_set_c : 25;
    step_once(s, t0, 0);
    return s;
}

void stack_free(stack *s)
{
    free(s);
}

int64_t stack_step(stack *s, int64_t t)
{
    int64_t n = 0;
    while (t - s->t >= s->step_ms) {
        s->t += s->step_ms;
        step_once(s, s->t, (double)s->step_ms / 1000.0);
        n++;
    }
    return n;
}

const stack_out *stack_output(const stack *s)
{
    return &s->out;
}

const stack_cfg *stack_config(const stack *s)
{
    return &s->cfg;
}

int stack_set_load(stack *s, double load)
{
    if (!within(load, 0, 1.2)) return -1;
    s->sched = load;
    return 0;
}

void stack_set_running(stack *s, int on)
{
    s->running = on != 0;
}

void stack_set_soot_blowing(stack *s, int on)
{
    s->soot = on != 0;
}

int stack_set_fuel(stack *s, double k)
{
    if (!within(k, STACK_FUEL_MIN, STACK_FUEL_MAX)) return -1;
    s->fuel_k = k;
    return 0;
}

int stack_fac_set(stack *s, int fac, int on)
{
    if (fac < 0 || fac >= STACK_FAC_COUNT || !s->cfg.fitted[fac]) return -1;
    if (fac == STACK_FAN) {
        s->running = on != 0; /* the fan off stops the plant */
        return 0;
    }
    s->fac_on[fac] = on != 0;
    return 0;
}

int stack_rto_set(stack *s, double temp_c)
{
    if (!s->cfg.fitted[STACK_RTO] || !within(temp_c, 0, 1100)) return -1;
    s->cfg.rto_set_c = temp_c;
    return 0;
}

void stack_set_bypass(stack *s, double share)
{
    s->bypass = share < 0 ? 0 : share > 1 ? 1 : share;
}
