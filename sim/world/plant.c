/*
 * plant.c — production schedule, raw wastewater, equalisation, treatment, facilities.
 * The profile table below is documented (with its sources and reasoning) in docs/physics.md.
 */
#include "plant.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgerr.h"
#include "hjtime.h"
#include "rng.h"

/* Quality carried through the tanks: water's linear quantities (water.h, pH as the net
 * strong acidity WATER_L_ACID), which the tanks mix. */
#define NLIN WATER_LIN
/* WATER_L_COD .. WATER_L_TN: the concentrations that treatment removes and upsets raise */
#define NCONC 5
enum {
    P_COD = WATER_L_COD,
    P_TOC = WATER_L_TOC,
    P_NH3N = WATER_L_NH3N,
    P_TP = WATER_L_TP,
    P_TN = WATER_L_TN,
    P_ACID = WATER_L_ACID,
    P_TEMP = WATER_L_TEMP,
    P_COND = WATER_L_COND
};

/* Noise processes: AR(1), unit variance, correlation time tau (h). */
enum { Z_FLOW, Z_COMMON, Z_COD, Z_NH3N, Z_TP, Z_TN, Z_PH, Z_TEMP, NZ };
static const double z_tau_h[NZ] = {0.5, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0};

typedef struct profile_def {
    const char *name;
    double flow_m3h;
    water raw, effluent; /* toc 0: from cod_toc */
    double noise, cod_toc, eq_h, hrt_h, lag_h;
    double flow_pat[24], conc_pat[24]; /* hourly factors from local midnight, mean 1 */
} profile_def;

/* Profile defaults. water order: cod toc nh3n tp tn ph temp cond (toc 0: cod / cod_toc).
 * Hourly patterns start at local midnight; plant_new normalises them to mean 1 over the
 * scheduled minutes. */
/* clang-format off */
static const profile_def profiles[PLANT_PROFILE_COUNT] = {
    [PLANT_DYEING] = {
        .name = "dyeing", .flow_m3h = 80,
        .raw      = {1500, 0, 30, 6.0, 60, 10.5, 38, 5000},
        .effluent = { 150, 0,  8, 0.8, 20,  7.6, 30, 4200},
        .noise = 0.08, .cod_toc = 3.0, .eq_h = 6, .hrt_h = 8, .lag_h = 0.25,
        .flow_pat = {0.95, 0.92, 0.90, 0.90, 0.92, 0.95, 1.00, 1.05, 1.08, 1.10, 1.08, 1.05,
                     1.00, 1.02, 1.06, 1.08, 1.07, 1.04, 1.00, 0.98, 0.97, 0.96, 0.96, 0.95},
        .conc_pat = {0.92, 0.90, 0.90, 0.92, 0.95, 0.98, 1.02, 1.08, 1.12, 1.10, 1.06, 1.02,
                     0.98, 1.02, 1.08, 1.12, 1.10, 1.04, 0.98, 0.95, 0.94, 0.93, 0.92, 0.92}},
    [PLANT_ELECTROPLATING] = {
        .name = "electroplating", .flow_m3h = 20,
        .raw      = {200, 0, 25, 10.0, 40, 3.0, 25, 3000},
        .effluent = { 50, 0,  8,  0.5, 15, 7.5, 22, 3500},
        .noise = 0.12, .cod_toc = 3.5, .eq_h = 4, .hrt_h = 3, .lag_h = 0.25,
        .flow_pat = {0.90, 0.88, 0.88, 0.88, 0.88, 0.90, 0.95, 1.05, 1.12, 1.12, 1.10, 1.05,
                     0.98, 1.05, 1.10, 1.12, 1.10, 1.02, 0.95, 0.92, 0.92, 0.90, 0.90, 0.90},
        .conc_pat = {0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.98, 1.05, 1.10, 1.08, 1.05, 1.02,
                     0.98, 1.02, 1.06, 1.08, 1.05, 1.00, 0.97, 0.96, 0.96, 0.95, 0.95, 0.95}},
    [PLANT_CHEMICAL] = {
        .name = "chemical", .flow_m3h = 50,
        .raw      = {3000, 0, 80, 5.0, 120, 6.0, 35, 6000},
        .effluent = { 200, 0, 15, 1.0,  30, 7.5, 30, 5000},
        .noise = 0.10, .cod_toc = 3.0, .eq_h = 12, .hrt_h = 10, .lag_h = 0.5,
        .flow_pat = {1.00, 0.99, 0.98, 0.98, 0.98, 0.99, 1.00, 1.01, 1.02, 1.02, 1.02, 1.01,
                     1.00, 1.01, 1.02, 1.02, 1.02, 1.01, 1.00, 1.00, 0.99, 0.99, 0.99, 1.00},
        .conc_pat = {0.99, 0.98, 0.98, 0.98, 0.98, 0.99, 1.00, 1.01, 1.02, 1.03, 1.02, 1.01,
                     1.00, 1.01, 1.02, 1.03, 1.02, 1.01, 1.00, 0.99, 0.99, 0.99, 0.99, 0.99}},
    [PLANT_FOOD] = {
        .name = "food", .flow_m3h = 30,
        .raw      = {2500, 0, 40, 15.0, 80, 6.5, 30, 2000},
        .effluent = { 120, 0, 10,  1.5, 25, 7.3, 25, 1800},
        .noise = 0.15, .cod_toc = 2.7, .eq_h = 4, .hrt_h = 10, .lag_h = 0.25,
        .flow_pat = {0.50, 0.45, 0.45, 0.45, 0.45, 0.50, 0.70, 1.00, 1.30, 1.45, 1.50, 1.30,
                     1.10, 1.35, 1.45, 1.50, 1.40, 1.35, 1.55, 1.40, 0.95, 0.75, 0.60, 0.55},
        .conc_pat = {0.70, 0.65, 0.65, 0.65, 0.65, 0.70, 0.85, 1.05, 1.20, 1.25, 1.25, 1.15,
                     1.05, 1.15, 1.25, 1.30, 1.25, 1.15, 1.00, 0.95, 0.90, 0.85, 0.80, 0.75}},
    [PLANT_MUNICIPAL] = {
        .name = "municipal", .flow_m3h = 2000,
        .raw      = {300, 0, 30.0, 4.0, 40, 7.3, 18, 900},
        .effluent = { 30, 0,  1.5, 0.3, 12, 7.0, 18, 850},
        .noise = 0.06, .cod_toc = 3.0, .eq_h = 2, .hrt_h = 8, .lag_h = 0.5,
        .flow_pat = {0.80, 0.68, 0.58, 0.52, 0.50, 0.55, 0.70, 0.95, 1.20, 1.32, 1.30, 1.25,
                     1.20, 1.12, 1.05, 1.02, 1.05, 1.12, 1.22, 1.30, 1.28, 1.18, 1.05, 0.92},
        .conc_pat = {0.88, 0.84, 0.80, 0.78, 0.78, 0.80, 0.88, 1.00, 1.10, 1.15, 1.14, 1.12,
                     1.10, 1.06, 1.03, 1.02, 1.04, 1.08, 1.12, 1.15, 1.12, 1.06, 0.98, 0.92}},
};
/* clang-format on */

enum { TF_AERATION, TF_PUMP, TF_OTHER };

typedef struct facility {
    char name[PLANT_NAME_MAX];
    int kind;    /* PLANT_FAC_* */
    int tkind;   /* TF_* for treatment facilities */
    int enabled; /* 0: switched off by hand */
    double load;
} facility;

struct plant {
    plant_cfg cfg;
    plant_knobs knobs;
    rng r;
    int64_t t;
    double flow_pat[24], conc_pat[24]; /* normalised to mean 1 */
    double raw_mean[NLIN], eff_ratio[NLIN];
    double eff_acid;                 /* acidity of the treated water mean (WATER_L_ACID) */
    double v_eq, v_tr;               /* tank volumes, m3 (0: no tank) */
    double z[NZ];                    /* noise processes */
    double z_dt_h, z_a[NZ], z_b[NZ]; /* AR(1) coefficients for the last step length */
    double lag_f;                    /* flow-lag factor for that step length */
    double q;                        /* raw flow, m3/h (lagged) */
    double eq[NLIN];                 /* equalisation tank */
    double tr[NLIN];                 /* treatment train */
    facility fac[2 * PLANT_MAX_FACILITIES];
    int nfac;
    plant_out out;
};

/* ---- configuration ---- */

int plant_profile_from_name(const char *name)
{
    for (int i = 0; name && i < PLANT_PROFILE_COUNT; i++)
        if (strcmp(name, profiles[i].name) == 0) return i;
    return -1;
}

const char *plant_profile_name(int profile)
{
    return profile >= 0 && profile < PLANT_PROFILE_COUNT ? profiles[profile].name : NULL;
}

int plant_cfg_default(plant_cfg *cfg, int profile)
{
    if (profile < 0 || profile >= PLANT_PROFILE_COUNT) return -1;
    const profile_def *pr = &profiles[profile];
    memset(cfg, 0, sizeof *cfg);
    cfg->profile = profile;
    cfg->flow_m3h = pr->flow_m3h;
    cfg->raw = pr->raw;
    cfg->effluent = pr->effluent;
    cfg->nshifts = 0;
    cfg->noise = pr->noise;
    cfg->pattern = 1.0;
    cfg->cod_toc = pr->cod_toc;
    cfg->eq_h = pr->eq_h;
    cfg->hrt_h = pr->hrt_h;
    cfg->lag_h = pr->lag_h;
    snprintf(cfg->production[0], PLANT_NAME_MAX, "line1");
    cfg->nproduction = 1;
    snprintf(cfg->treatment[0], PLANT_NAME_MAX, "blower");
    snprintf(cfg->treatment[1], PLANT_NAME_MAX, "lift_pump");
    cfg->ntreatment = 2;
    cfg->named = 0;
    return 0;
}

static int parse_hhmm(const char *s, int *min)
{
    if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' && s[3] >= '0' &&
          s[3] <= '9' && s[4] >= '0' && s[4] <= '9'))
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
    *min = h * 60 + m;
    return 0;
}

int plant_parse_shift(const char *s, plant_shift *out)
{
    int a = 0, b = 0;
    if (!s || strlen(s) != 11 || s[5] != '-') return -1;
    if (parse_hhmm(s, &a) < 0 || parse_hhmm(s + 6, &b) < 0) return -1;
    if (a == 1440 || b == 0 || a == b) return -1;
    out->start_min = a;
    out->end_min = b;
    return 0;
}

int plant_cfg_add_shift(plant_cfg *cfg, const char *s)
{
    plant_shift sh;
    if (cfg->nshifts < 0 || cfg->nshifts >= PLANT_MAX_SHIFTS) return -1;
    if (plant_parse_shift(s, &sh) < 0) return -1;
    cfg->shifts[cfg->nshifts++] = sh;
    return 0;
}

int plant_cfg_add_facility(plant_cfg *cfg, int kind, const char *name)
{
    int *n = kind == PLANT_FAC_PRODUCTION  ? &cfg->nproduction
             : kind == PLANT_FAC_TREATMENT ? &cfg->ntreatment
                                           : NULL;
    if (!n || !name || !*name || strlen(name) >= PLANT_NAME_MAX) return -1;
    if (!(cfg->named & (1 << kind))) *n = 0; /* the first name replaces the defaults */
    cfg->named |= 1 << kind;
    if (*n >= PLANT_MAX_FACILITIES) return -1;
    char(*names)[PLANT_NAME_MAX] = kind == PLANT_FAC_PRODUCTION ? cfg->production : cfg->treatment;
    snprintf(names[*n], PLANT_NAME_MAX, "%s", name);
    (*n)++;
    return 0;
}

/* -(the reason's code), with its English text in err. */
static int bad(char *err, size_t n, cfgerr e)
{
    if (err && n) snprintf(err, n, "%s", cfgerr_en(e));
    return -(int)e;
}

static int water_ok(const water *w)
{
    const double v[] = {w->cod, w->toc, w->nh3n, w->tp, w->tn, w->cond};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!(v[i] >= 0 && v[i] < 1e7)) return 0;
    return w->ph >= 0 && w->ph <= 14 && w->temp > -5 && w->temp < 100;
}

int plant_cfg_check(const plant_cfg *cfg, char *err, size_t errlen)
{
    if (cfg->profile < 0 || cfg->profile >= PLANT_PROFILE_COUNT)
        return bad(err, errlen, WMSG_CFG_PLANT_PROFILE);
    if (!(cfg->flow_m3h >= 0 && cfg->flow_m3h <= 1e6))
        return bad(err, errlen, WMSG_CFG_PLANT_FLOW);
    if (!water_ok(&cfg->raw)) return bad(err, errlen, WMSG_CFG_PLANT_RAW);
    if (!water_ok(&cfg->effluent)) return bad(err, errlen, WMSG_CFG_PLANT_EFFLUENT);
    if (!(cfg->noise >= 0 && cfg->noise <= 1)) return bad(err, errlen, WMSG_CFG_PLANT_NOISE);
    if (!(cfg->pattern >= 0 && cfg->pattern <= 1))
        return bad(err, errlen, WMSG_CFG_PLANT_PATTERN);
    if (!(cfg->cod_toc >= 1 && cfg->cod_toc <= 10))
        return bad(err, errlen, WMSG_CFG_PLANT_COD_TOC);
    if (!(cfg->eq_h >= 0 && cfg->eq_h <= 240) || !(cfg->hrt_h >= 0 && cfg->hrt_h <= 240) ||
        !(cfg->lag_h >= 0 && cfg->lag_h <= 48))
        return bad(err, errlen, WMSG_CFG_PLANT_HOURS);
    if (cfg->nshifts < 0 || cfg->nshifts > PLANT_MAX_SHIFTS)
        return bad(err, errlen, WMSG_CFG_PLANT_SHIFTS);
    for (int i = 0; i < cfg->nshifts; i++) {
        const plant_shift *s = &cfg->shifts[i];
        if (s->start_min < 0 || s->start_min >= 1440 || s->end_min <= 0 || s->end_min > 1440 ||
            s->start_min == s->end_min)
            return bad(err, errlen, WMSG_CFG_PLANT_SHIFT);
    }
    if (cfg->nproduction < 0 || cfg->nproduction > PLANT_MAX_FACILITIES || cfg->ntreatment < 0 ||
        cfg->ntreatment > PLANT_MAX_FACILITIES)
        return bad(err, errlen, WMSG_CFG_PLANT_FACILITIES);
    return 0;
}

/* ---- the model ---- */

/* water_to_lin, with a profile's TOC (0: not given) from its COD. */
static void lin_from_water(const water *w, double cod_toc, double *v)
{
    water_to_lin(w, v);
    if (!(v[P_TOC] > 0)) v[P_TOC] = w->cod / cod_toc;
}

/* Hourly table at hour h (0 <= h < 24), linear between hour marks. */
static double table_at(const double *tbl, double h)
{
    int i = (int)h;
    if (i > 23) i = 23;
    double f = h - i;
    return tbl[i] * (1 - f) + tbl[(i + 1) % 24] * f;
}

/* Daily pattern at local time t, amplitude amp (0 = flat). */
static double pattern_at(const double *tbl, double amp, int64_t t)
{
    double h = (double)hjtime_local_ms_of_day(t) / (double)HJTIME_HOUR_MS;
    return 1.0 + amp * (table_at(tbl, h) - 1.0);
}

/* Minute m of the day (0..1439) inside a shift of cfg (always without shifts). */
static int minute_scheduled(const plant_cfg *c, int m)
{
    if (c->nshifts == 0) return 1;
    for (int i = 0; i < c->nshifts; i++) {
        const plant_shift *s = &c->shifts[i];
        if (s->start_min < s->end_min ? (m >= s->start_min && m < s->end_min)
                                      : (m >= s->start_min || m < s->end_min))
            return 1;
    }
    return 0;
}

/* Scales tbl so that its mean over the scheduled minutes is 1: flow_m3h and the effluent
 * means then hold while producing, whatever the shifts. */
static void normalise_scheduled(const plant_cfg *c, double *tbl)
{
    double s = 0;
    int n = 0;
    for (int m = 0; m < 1440; m++) {
        if (!minute_scheduled(c, m)) continue;
        s += table_at(tbl, m / 60.0);
        n++;
    }
    if (n == 0 || !(s > 0)) return;
    for (int i = 0; i < 24; i++)
        tbl[i] *= n / s;
}

static void normalise(const double *in, double *out)
{
    double s = 0;
    for (int i = 0; i < 24; i++)
        s += in[i];
    for (int i = 0; i < 24; i++)
        out[i] = in[i] * 24.0 / s;
}

static int tkind_of(const char *name)
{
    if (strstr(name, "blower") || strstr(name, "aerat") || strstr(name, "fan")) return TF_AERATION;
    if (strstr(name, "pump")) return TF_PUMP;
    return TF_OTHER;
}

int plant_scheduled(const plant *p, int64_t t)
{
    return minute_scheduled(&p->cfg, (int)(hjtime_local_ms_of_day(t) / HJTIME_MINUTE_MS));
}

/* Share of facilities of a kind that are enabled (1 when there are none). */
static double share_on(const plant *p, int kind)
{
    int n = 0, on = 0;
    for (int i = 0; i < p->nfac; i++) {
        if (p->fac[i].kind != kind) continue;
        n++;
        on += p->fac[i].enabled;
    }
    return n ? (double)on / n : 1.0;
}

/* Mean-one lognormal multiplier for a unit-variance deviate u and relative sd s. */
static double lognorm(double s, double u)
{
    return exp(s * u - 0.5 * s * s);
}

/* Fraction of the way a well-mixed tank of volume v moves toward its inflow when q m3/h
 * flow through it for dt_h hours. */
static double tank_alpha(double v, double q, double dt_h)
{
    if (v <= 0) return 1.0;
    if (q <= 0) return 0.0;
    return -expm1(-q * dt_h / v);
}

/* Computes the outputs for the current state at time t (noise already drawn). */
static void compute_out(plant *p, int64_t t, double sched, double prod, double k)
{
    const plant_cfg *c = &p->cfg;
    plant_out *o = &p->out;
    double s = c->noise;
    double u[NCONC];
    /* per-parameter noise: 0.8 common + 0.6 own (unit variance); TOC shares COD's */
    u[P_COD] = 0.8 * p->z[Z_COMMON] + 0.6 * p->z[Z_COD];
    u[P_TOC] = u[P_COD];
    u[P_NH3N] = 0.8 * p->z[Z_COMMON] + 0.6 * p->z[Z_NH3N];
    u[P_TP] = 0.8 * p->z[Z_COMMON] + 0.6 * p->z[Z_TP];
    u[P_TN] = 0.8 * p->z[Z_COMMON] + 0.6 * p->z[Z_TN];

    double fc = pattern_at(p->conc_pat, c->pattern, t);
    double raw[NLIN], eff[NLIN];
    for (int i = 0; i < NLIN; i++) {
        raw[i] = p->raw_mean[i];
        eff[i] = p->tr[i];
    }
    for (int i = 0; i < NCONC; i++) {
        double m = lognorm(s, u[i]);
        raw[i] *= fc * p->knobs.upset * m;
        eff[i] *= m;
    }
    double mc = lognorm(0.5 * s, p->z[Z_COMMON]);
    raw[P_COND] *= mc;
    eff[P_COND] *= mc;
    raw[P_TEMP] += 6.0 * s * p->z[Z_TEMP];
    eff[P_TEMP] += 6.0 * s * p->z[Z_TEMP];

    o->t = t;
    o->scheduled = sched > 0;
    o->production = prod;
    o->treatment = k;
    o->raw_m3h = p->q;
    o->bypass_m3h = fmin(p->knobs.bypass_m3h, p->q);
    o->outfall_m3h = p->q - o->bypass_m3h;
    water_from_lin(raw, &o->raw);
    o->raw.ph = fmin(14, fmax(0, c->raw.ph + 1.5 * s * p->z[Z_PH]));
    water_from_lin(p->eq, &o->equalised);
    water_from_lin(eff, &o->effluent);
    o->effluent.ph = fmin(14, fmax(0, o->effluent.ph + 1.5 * s * p->z[Z_PH]));

    /* facility loads (fractions of rated power, sized so that jitter rarely clips at 1):
     * lines follow the production load, treatment follows k and the hydraulic load */
    double qn = c->flow_m3h > 0 ? fmin(1.4, p->q / c->flow_m3h) : 0.0;
    double jitter = 1.0 + 0.5 * s * p->z[Z_FLOW];
    for (int i = 0; i < p->nfac; i++) {
        facility *f = &p->fac[i];
        double l = 0;
        if (f->kind == PLANT_FAC_PRODUCTION)
            l = 0.85 * p->knobs.production * sched * jitter;
        else if (f->tkind == TF_AERATION)
            l = p->knobs.treatment * 0.8 * (0.6 + 0.4 * qn) * jitter;
        else if (f->tkind == TF_PUMP)
            l = p->knobs.treatment * 0.7 * qn * jitter;
        else
            l = p->knobs.treatment * 0.7 * (0.5 + 0.5 * qn);
        f->load = f->enabled ? fmin(1.0, fmax(0.0, l)) : 0.0;
    }
}

plant *plant_new(const plant_cfg *cfg, uint64_t seed, uint64_t stream, int64_t t0, char *err,
                 size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (plant_cfg_check(cfg, err, errlen) < 0) return NULL;
    plant *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->cfg = *cfg;
    p->knobs.production = 1.0;
    p->knobs.treatment = 1.0;
    p->knobs.bypass_m3h = 0.0;
    p->knobs.upset = 1.0;
    p->knobs.upset_until = 0;
    rng_seed(&p->r, seed, stream);
    p->t = t0;
    const profile_def *pr = &profiles[cfg->profile];
    normalise(pr->flow_pat, p->flow_pat);
    normalise(pr->conc_pat, p->conc_pat);
    normalise_scheduled(cfg, p->flow_pat);
    normalise_scheduled(cfg, p->conc_pat);

    /* an effluent mean above the raw one (only the effluent was given): raise the raw
     * mean so that the profile's removal holds */
    double *rw[NCONC] = {&p->cfg.raw.cod, &p->cfg.raw.toc, &p->cfg.raw.nh3n, &p->cfg.raw.tp,
                         &p->cfg.raw.tn};
    const double ef[NCONC] = {cfg->effluent.cod, cfg->effluent.toc, cfg->effluent.nh3n,
                              cfg->effluent.tp, cfg->effluent.tn};
    const double pr_rw[NCONC] = {pr->raw.cod, pr->raw.cod, pr->raw.nh3n, pr->raw.tp, pr->raw.tn};
    const double pr_ef[NCONC] = {pr->effluent.cod, pr->effluent.cod, pr->effluent.nh3n,
                                 pr->effluent.tp, pr->effluent.tn};
    for (int i = 0; i < NCONC; i++)
        if (ef[i] > *rw[i] && *rw[i] > 0) *rw[i] = ef[i] * pr_rw[i] / pr_ef[i];
    cfg = &p->cfg;

    double effm[NLIN];
    lin_from_water(&cfg->raw, cfg->cod_toc, p->raw_mean);
    lin_from_water(&cfg->effluent, cfg->cod_toc, effm);
    for (int i = 0; i < NLIN; i++)
        p->eff_ratio[i] = p->raw_mean[i] > 0 ? effm[i] / p->raw_mean[i] : 1.0;
    p->eff_acid = effm[P_ACID];
    p->v_eq = cfg->eq_h * cfg->flow_m3h;
    p->v_tr = cfg->hrt_h * cfg->flow_m3h;

    for (int i = 0; i < cfg->nproduction; i++) {
        facility *f = &p->fac[p->nfac++];
        snprintf(f->name, PLANT_NAME_MAX, "%s", cfg->production[i]);
        f->kind = PLANT_FAC_PRODUCTION;
        f->enabled = 1;
    }
    for (int i = 0; i < cfg->ntreatment; i++) {
        facility *f = &p->fac[p->nfac++];
        snprintf(f->name, PLANT_NAME_MAX, "%s", cfg->treatment[i]);
        f->kind = PLANT_FAC_TREATMENT;
        f->tkind = tkind_of(f->name);
        f->enabled = 1;
    }

    /* steady state at t0: noise from its stationary law, tanks at their means */
    for (int i = 0; i < NZ; i++)
        p->z[i] = rng_normal(&p->r, 0, 1);
    double sched = plant_scheduled(p, t0);
    double prod = p->knobs.production * sched * share_on(p, PLANT_FAC_PRODUCTION);
    p->q = cfg->flow_m3h * prod * pattern_at(p->flow_pat, cfg->pattern, t0) *
           lognorm(cfg->noise, p->z[Z_FLOW]);
    for (int i = 0; i < NLIN; i++) {
        p->eq[i] = p->raw_mean[i];
        p->tr[i] = effm[i];
    }
    compute_out(p, t0, sched, prod, p->knobs.treatment);
    return p;
}

void plant_free(plant *p)
{
    free(p);
}

const plant_cfg *plant_config(const plant *p)
{
    return &p->cfg;
}

void plant_step(plant *p, int64_t t)
{
    if (t <= p->t) return;
    const plant_cfg *c = &p->cfg;
    double dt_h = (double)(t - p->t) / (double)HJTIME_HOUR_MS;
    p->t = t;
    if (p->knobs.upset_until != 0 && t >= p->knobs.upset_until) {
        p->knobs.upset = 1.0;
        p->knobs.upset_until = 0;
    }

    /* noise: exact AR(1) discretisation, always NZ draws so the stream stays aligned;
     * coefficients cached per step length (the world steps on a fixed grid) */
    if (dt_h != p->z_dt_h) {
        p->z_dt_h = dt_h;
        for (int i = 0; i < NZ; i++) {
            p->z_a[i] = exp(-dt_h / z_tau_h[i]);
            p->z_b[i] = sqrt(1 - p->z_a[i] * p->z_a[i]);
        }
        p->lag_f = c->lag_h > 0 ? -expm1(-dt_h / c->lag_h) : 1.0;
    }
    for (int i = 0; i < NZ; i++)
        p->z[i] = p->z_a[i] * p->z[i] + p->z_b[i] * rng_normal(&p->r, 0, 1);

    double sched = plant_scheduled(p, t);
    double prod = p->knobs.production * sched * share_on(p, PLANT_FAC_PRODUCTION);
    double k = p->knobs.treatment * share_on(p, PLANT_FAC_TREATMENT);

    double q_target = c->flow_m3h * prod * pattern_at(p->flow_pat, c->pattern, t) *
                      lognorm(c->noise, p->z[Z_FLOW]);
    p->q += (q_target - p->q) * p->lag_f;
    if (q_target == 0 && p->q < 1e-3) p->q = 0; /* below a litre an hour: dry */

    /* raw water (deterministic part) into equalisation */
    double fc = pattern_at(p->conc_pat, c->pattern, t);
    double a_eq = tank_alpha(p->v_eq, p->q, dt_h);
    for (int i = 0; i < NLIN; i++) {
        double in = p->raw_mean[i] * (i < NCONC ? fc * p->knobs.upset : 1.0);
        p->eq[i] += a_eq * (in - p->eq[i]); /* the acidity too: factor 1 */
    }

    /* treatment, then the treatment train */
    double a_tr = tank_alpha(p->v_tr, p->q, dt_h);
    for (int i = 0; i < NLIN; i++) {
        if (i == P_ACID) continue; /* treatment neutralises: a mixture, not a ratio */
        double in = p->eq[i] * ((1 - k) + k * p->eff_ratio[i]);
        p->tr[i] += a_tr * (in - p->tr[i]);
    }
    p->tr[P_ACID] += a_tr * ((1 - k) * p->eq[P_ACID] + k * p->eff_acid - p->tr[P_ACID]);

    compute_out(p, t, sched, prod, k);
}

const plant_out *plant_output(const plant *p)
{
    return &p->out;
}

static int finite_in(double x, double lo, double hi)
{
    return x >= lo && x <= hi; /* false for NaN */
}

int plant_set_production(plant *p, double production)
{
    if (!finite_in(production, 0, 2)) return -1;
    p->knobs.production = production;
    return 0;
}

int plant_set_treatment(plant *p, double treatment)
{
    if (!finite_in(treatment, 0, 1)) return -1;
    p->knobs.treatment = treatment;
    return 0;
}

int plant_set_bypass(plant *p, double m3h)
{
    if (!finite_in(m3h, 0, 1e6)) return -1;
    p->knobs.bypass_m3h = m3h;
    return 0;
}

int plant_set_upset(plant *p, double factor, int64_t until)
{
    if (!finite_in(factor, 1e-3, 1e3)) return -1;
    p->knobs.upset = factor;
    p->knobs.upset_until = until;
    return 0;
}

const plant_knobs *plant_get_knobs(const plant *p)
{
    return &p->knobs;
}

int plant_facility_count(const plant *p)
{
    return p->nfac;
}

int plant_facility_find(const plant *p, const char *name)
{
    for (int i = 0; name && i < p->nfac; i++)
        if (strcmp(p->fac[i].name, name) == 0) return i;
    return -1;
}

int plant_facility_get(const plant *p, int i, plant_facility *out)
{
    if (i < 0 || i >= p->nfac) return -1;
    const facility *f = &p->fac[i];
    out->name = f->name;
    out->kind = f->kind;
    out->load = f->load;
    out->on = f->load > 0.05;
    out->enabled = f->enabled;
    return 0;
}

int plant_facility_enable(plant *p, int i, int enabled)
{
    if (i < 0 || i >= p->nfac) return -1;
    p->fac[i].enabled = enabled != 0;
    return 0;
}
