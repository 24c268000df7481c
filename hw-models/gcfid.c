/* gcfid.c — GC-FID VOCs analyzer: cycles, flame, cylinders, registers. */
#include "gcfid.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUPPLY_MIN 0.1  /* MPa */
#define SPAN_PASS  10.0 /* % of the label */
#define INJECT_S   15.0 /* phases of a cycle: inject, separate, backflush */
#define FLUSH_S    20.0

static const char *const PARAM_NAMES[GCFID_P_COUNT] = {
    "cycle",     "range",     "thc_slope",       "thc_intercept", "ch4_slope", "ch4_intercept",
    "thc_label", "ch4_label", "detection_limit", "cal_auto",      "cal_start",
};

enum { SRC_SAMPLE = 0, SRC_ZERO = 1, SRC_SPAN = 2 };

struct gcfid {
    hwreg_layout lay;
    hw_rng rng;
    double t, noise_rel, ignite_s;
    double p[GCFID_P_COUNT];
    gas sample, inj;
    double inj_f, h2, air;
    int lit;
    double ignite_end; /* NaN unless igniting */

    int cyc, cyc_src;
    double cyc_start, cyc_end, cyc_thc, cyc_ch4;
    double next_cyc, next_cal;
    int seq, seq_manual, seq_source; /* the check or calibration pending or running */
    int zero_done;                   /* calibrate: its zero-air cycle is done */
    double area_zero[2];

    double thc, ch4, nmhc, val_time, area[2];
    int qual, over;
    unsigned count;
    int frozen;
    double frozen_v[3]; /* nmhc, thc, ch4 */
    double zero_v[2], zero_time, span_v[2], span_err[2], span_time, cal_time;
    int span_result, cal_fail;
    int maint, fault, standby, hold_flag, last_cmd;
    double cyl[2][2]; /* [cylinder][thc, ch4] */
    int cyl_set[2];

    gcfid_result log[GCFID_LOG_CAP];
    size_t log_n, log_head;
    unsigned changes;
    int change_param, change_src;
};

void gcfid_config_default(gcfid_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->ignite_s = 600.0;
}

static int param_ok(int param, double v)
{
    if (!isfinite(v)) return 0;
    switch (param) {
    case GCFID_P_CYCLE:
        return v >= 60.0 && v <= 1800.0;
    case GCFID_P_RANGE:
    case GCFID_P_THC_LABEL:
    case GCFID_P_CH4_LABEL:
        return v > 0.0;
    case GCFID_P_SLOPE_THC:
    case GCFID_P_SLOPE_CH4:
        return v != 0.0;
    case GCFID_P_INTERCEPT_THC:
    case GCFID_P_INTERCEPT_CH4:
        return 1;
    case GCFID_P_DL:
        return v >= 0.0;
    case GCFID_P_CAL_AUTO:
        return v == 0.0 || v == 1.0;
    case GCFID_P_CAL_START:
        return v >= 0.0 && v < 86400.0;
    default:
        return 0;
    }
}

/* The first multiple of iv plus off after local midnight at or after (inclusive) or strictly
 * after t, in UTC. */
static double aligned(const gcfid *g, double t, double iv, double off, int inclusive)
{
    double local = t + g->lay.tz_s;
    double next = off + floor((local - off) / iv) * iv;
    if (next < local || (!inclusive && next <= local)) next += iv;
    return next - g->lay.tz_s;
}

gcfid *gcfid_new(const gcfid_config *c)
{
    if (!c || !isfinite(c->start) || !(c->noise_rel >= 0.0) || !(c->ignite_s >= 0.0)) return NULL;
    gcfid *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->lay = c->layout;
    hw_rng_seed(&g->rng, c->seed);
    g->t = c->start;
    g->noise_rel = c->noise_rel;
    g->ignite_s = c->ignite_s;
    g->p[GCFID_P_CYCLE] = 120.0;
    g->p[GCFID_P_RANGE] = 200.0;
    g->p[GCFID_P_SLOPE_THC] = 1.0;
    g->p[GCFID_P_SLOPE_CH4] = 1.0;
    g->p[GCFID_P_THC_LABEL] = 50.0;
    g->p[GCFID_P_CH4_LABEL] = 20.0;
    g->p[GCFID_P_DL] = 0.05;
    g->p[GCFID_P_CAL_AUTO] = 1.0;
    g->p[GCFID_P_CAL_START] = 2 * 3600.0;
    g->h2 = 0.3;
    g->air = 0.4;
    g->lit = 1;
    g->ignite_end = NAN;
    g->next_cyc = aligned(g, g->t, g->p[GCFID_P_CYCLE], 0.0, 1);
    g->next_cal = aligned(g, g->t, 86400.0, g->p[GCFID_P_CAL_START], 1);
    g->val_time = g->zero_time = g->span_time = g->cal_time = NAN;
    return g;
}

void gcfid_free(gcfid *g)
{
    free(g);
}

double gcfid_time(const gcfid *g)
{
    return g->t;
}

void gcfid_set_sample(gcfid *g, const gas *s)
{
    if (s) g->sample = *s;
}

void gcfid_inject(gcfid *g, const gas *s, double f)
{
    if (!s || !(f > 0.0)) {
        g->inj_f = 0.0;
        return;
    }
    g->inj = *s;
    g->inj_f = f > 1.0 ? 1.0 : f;
}

static double cylinder(const gcfid *g, int cyl, int ch4)
{
    if (g->cyl_set[cyl]) return g->cyl[cyl][ch4];
    if (cyl == GCFID_CYL_ZERO) return 0.0;
    return g->p[ch4 ? GCFID_P_CH4_LABEL : GCFID_P_THC_LABEL];
}

void gcfid_set_cylinder(gcfid *g, int cyl, double thc, double ch4)
{
    if ((cyl != GCFID_CYL_ZERO && cyl != GCFID_CYL_SPAN) || !(thc >= 0.0) || !(ch4 >= 0.0) ||
        !isfinite(thc) || !isfinite(ch4))
        return;
    g->cyl[cyl][0] = thc;
    g->cyl[cyl][1] = ch4;
    g->cyl_set[cyl] = 1;
}

/* ---- the flame ---- */

static int supplies_ok(const gcfid *g)
{
    return g->h2 >= SUPPLY_MIN && g->air >= SUPPLY_MIN;
}

static void extinguish(gcfid *g)
{
    g->lit = 0;
    g->cyc = 0;
    g->ignite_end = NAN;
}

/* Puts the flame out without its supplies; starts reigniting once they are back. */
static void flame_check(gcfid *g)
{
    if (g->lit && !supplies_ok(g)) extinguish(g);
    if (!g->lit && !supplies_ok(g)) g->ignite_end = NAN; /* a supply lost while igniting */
    if (!g->lit && supplies_ok(g) && isnan(g->ignite_end)) g->ignite_end = g->t + g->ignite_s;
}

void gcfid_set_supply(gcfid *g, double h2_mpa, double air_mpa)
{
    if (isfinite(h2_mpa) && h2_mpa >= 0.0) g->h2 = h2_mpa;
    if (isfinite(air_mpa) && air_mpa >= 0.0) g->air = air_mpa;
    flame_check(g);
}

void gcfid_flame_out(gcfid *g)
{
    extinguish(g);
    flame_check(g);
}

int gcfid_flame(const gcfid *g)
{
    return g->lit;
}

/* ---- cycles ---- */

static void log_result(gcfid *g, const gcfid_result *r)
{
    g->log[g->log_head] = *r;
    g->log_head = (g->log_head + 1) % GCFID_LOG_CAP;
    if (g->log_n < GCFID_LOG_CAP) g->log_n++;
}

size_t gcfid_log_count(const gcfid *g)
{
    return g->log_n;
}

int gcfid_log_get(const gcfid *g, size_t i, gcfid_result *out)
{
    if (i >= g->log_n) return -1;
    *out = g->log[(g->log_head + GCFID_LOG_CAP - 1 - i) % GCFID_LOG_CAP];
    return 0;
}

static void log_change(gcfid *g, int param, int source)
{
    g->changes++;
    g->change_param = param;
    g->change_src = source;
}

static void cycle_start(gcfid *g)
{
    g->cyc = 1;
    g->cyc_start = g->t;
    g->cyc_end = g->t + g->p[GCFID_P_CYCLE];
    g->cyc_src = SRC_SAMPLE;
    if (g->seq == GCFID_CMD_SPAN_CHECK || (g->seq == GCFID_CMD_CALIBRATE && g->zero_done))
        g->cyc_src = SRC_SPAN;
    else if (g->seq)
        g->cyc_src = SRC_ZERO;
    if (g->cyc_src == SRC_SAMPLE) {
        gas s;
        gas_mix(&g->sample, &g->inj, g->inj_f, &s);
        g->cyc_thc = s.thc;
        g->cyc_ch4 = s.ch4;
    } else {
        int cyl = g->cyc_src == SRC_ZERO ? GCFID_CYL_ZERO : GCFID_CYL_SPAN;
        g->cyc_thc = cylinder(g, cyl, 0);
        g->cyc_ch4 = cylinder(g, cyl, 1);
    }
}

static double peak(gcfid *g, double c)
{
    double a = c > 0.0 ? c : 0.0;
    return g->noise_rel > 0.0 ? a * (1.0 + hw_rng_normal(&g->rng, 0.0, g->noise_rel)) : a;
}

static void publish(gcfid *g, double thc, double ch4, gcfid_result *r)
{
    double range = g->p[GCFID_P_RANGE], dl = g->p[GCFID_P_DL];
    g->over = thc > range;
    g->qual = g->over ? 2 : 0;
    if (thc > range) thc = range;
    if (ch4 > range) ch4 = range;
    if (thc < dl) thc = dl;
    if (ch4 < dl) ch4 = dl;
    double nmhc = thc - ch4;
    if (nmhc < 0.0) {
        nmhc = 0.0;
        g->qual |= 1;
    }
    r->thc = thc;
    r->ch4 = ch4;
    r->nmhc = nmhc;
    r->flag = g->over ? 'T' : 'N';
    r->published = !g->frozen;
    if (g->frozen) return;
    g->thc = thc;
    g->ch4 = ch4;
    g->nmhc = nmhc;
    g->val_time = g->cyc_start;
    g->count++;
}

static void cal_param(gcfid *g, int param, double v)
{
    if (g->p[param] == v) return;
    g->p[param] = v;
    log_change(g, param, g->seq_source);
}

/* The span cylinder's cycle: check, and with calibrate the two-point calibration. */
static void span_done(gcfid *g, const double v[2], const double a[2])
{
    static const int LABEL[2] = {GCFID_P_THC_LABEL, GCFID_P_CH4_LABEL};
    static const int SLOPE[2] = {GCFID_P_SLOPE_THC, GCFID_P_SLOPE_CH4};
    static const int ICPT[2] = {GCFID_P_INTERCEPT_THC, GCFID_P_INTERCEPT_CH4};
    int fail = 0;
    for (int k = 0; k < 2; k++) {
        g->span_v[k] = v[k];
        g->span_err[k] = 100.0 * (v[k] - g->p[LABEL[k]]) / g->p[LABEL[k]];
        fail |= fabs(g->span_err[k]) > SPAN_PASS;
    }
    g->span_time = g->t;
    g->span_result = fail ? 2 : 1;
    if (g->seq != GCFID_CMD_CALIBRATE) return;
    double s[2], b[2];
    int ok = 1;
    for (int k = 0; k < 2; k++) {
        double da = a[k] - g->area_zero[k];
        s[k] = da != 0.0 ? g->p[LABEL[k]] / da : NAN;
        b[k] = -s[k] * g->area_zero[k];
        ok &= isfinite(s[k]) && s[k] >= 0.5 && s[k] <= 2.0;
    }
    g->cal_fail = !ok;
    if (!ok) return;
    for (int k = 0; k < 2; k++) {
        cal_param(g, SLOPE[k], s[k]);
        cal_param(g, ICPT[k], b[k]);
    }
    g->cal_time = g->t;
}

static void cycle_finish(gcfid *g)
{
    double a[2] = {peak(g, g->cyc_thc), peak(g, g->cyc_ch4)};
    double v[2] = {g->p[GCFID_P_SLOPE_THC] * a[0] + g->p[GCFID_P_INTERCEPT_THC],
                   g->p[GCFID_P_SLOPE_CH4] * a[1] + g->p[GCFID_P_INTERCEPT_CH4]};
    gcfid_result r = {g->cyc_start, g->cyc_src, v[0], v[1], v[0] - v[1],
                      g->cyc_thc,   g->cyc_ch4, 'C',  0};
    g->cyc = 0;
    g->area[0] = a[0];
    g->area[1] = a[1];
    if (g->cyc_src == SRC_SAMPLE) {
        publish(g, v[0], v[1], &r);
    } else if (g->cyc_src == SRC_ZERO) {
        g->zero_v[0] = v[0];
        g->zero_v[1] = v[1];
        g->zero_time = g->t;
        if (g->seq == GCFID_CMD_CALIBRATE) {
            g->zero_done = 1; /* the span cylinder next */
            g->area_zero[0] = a[0];
            g->area_zero[1] = a[1];
        } else {
            g->seq = 0;
        }
    } else {
        span_done(g, v, a);
        g->seq = 0;
    }
    log_result(g, &r);
}

static int can_run(const gcfid *g)
{
    return g->lit && !g->fault && !g->standby;
}

static void seq_begin(gcfid *g, int cmd, int manual, int source)
{
    g->seq = cmd;
    g->seq_manual = manual;
    g->seq_source = source;
    g->zero_done = 0;
}

void gcfid_step(gcfid *g, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = g->t + dt;
    flame_check(g);
    for (;;) { /* every event moves time forward or ends: the loop terminates */
        double next = g->next_cyc;
        int ev = 3;
        if (g->cyc && g->cyc_end <= next) {
            next = g->cyc_end;
            ev = 1;
        }
        /* at one instant: the daily calibration, then relighting, then the cycles */
        if (!isnan(g->ignite_end) && g->ignite_end <= next) {
            next = g->ignite_end;
            ev = 2;
        }
        if (g->next_cal <= next) {
            next = g->next_cal;
            ev = 4;
        }
        if (next > t_end) break;
        g->t = next;
        if (ev == 1) {
            cycle_finish(g);
        } else if (ev == 2) {
            g->lit = 1;
            g->ignite_end = NAN;
        } else if (ev == 3) {
            /* a cycle still running (a longer cycle set meanwhile) skips this start */
            if (can_run(g) && !g->cyc) cycle_start(g);
            g->next_cyc = aligned(g, g->t, g->p[GCFID_P_CYCLE], 0.0, 0);
        } else {
            if (g->p[GCFID_P_CAL_AUTO] != 0.0 && !g->seq && !g->maint && can_run(g))
                seq_begin(g, GCFID_CMD_CALIBRATE, 0, 0);
            g->next_cal = aligned(g, g->t, 86400.0, g->p[GCFID_P_CAL_START], 0);
        }
    }
    g->t = t_end;
}

int gcfid_cmd_by_name(const char *name)
{
    static const struct {
        const char *name;
        int cmd;
    } names[] = {
        {"zero_check", GCFID_CMD_ZERO_CHECK},
        {"span_check", GCFID_CMD_SPAN_CHECK},
        {"calibrate", GCFID_CMD_CALIBRATE},
        {"abort", GCFID_CMD_ABORT},
        {"stop", GCFID_CMD_STOP},
        {"start", GCFID_CMD_START},
    };
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) return names[i].cmd;
    return -1;
}

int gcfid_command(gcfid *g, int cmd, int source)
{
    if (cmd < GCFID_CMD_ZERO_CHECK || cmd > GCFID_CMD_START) return HWDEV_EX_VALUE;
    if (g->fault && cmd != GCFID_CMD_MAINT_ON && cmd != GCFID_CMD_MAINT_OFF)
        return HWDEV_EX_FAILURE;
    g->last_cmd = cmd;
    switch (cmd) {
    case GCFID_CMD_ABORT:
        if (g->cyc && g->cyc_src != SRC_SAMPLE) g->cyc = 0; /* the cylinder's cycle is lost */
        g->seq = 0;
        return 0;
    case GCFID_CMD_MAINT_ON:
    case GCFID_CMD_MAINT_OFF:
        g->maint = cmd == GCFID_CMD_MAINT_ON;
        return 0;
    case GCFID_CMD_STOP:
        g->standby = 1;
        g->cyc = 0;
        return 0;
    case GCFID_CMD_START:
        g->standby = 0;
        return 0;
    default:
        if (g->seq) return HWDEV_EX_BUSY;
        if (!g->lit) return HWDEV_EX_FAILURE;
        seq_begin(g, cmd, 1, source);
        return 0;
    }
}

int gcfid_set(gcfid *g, int param, double v, int source)
{
    if (param < 0 || param >= GCFID_P_COUNT || !param_ok(param, v)) return -1;
    g->p[param] = v;
    if (param == GCFID_P_CYCLE) g->next_cyc = aligned(g, g->t, v, 0.0, 0);
    if (param == GCFID_P_CAL_START) g->next_cal = aligned(g, g->t, 86400.0, v, 0);
    log_change(g, param, source);
    return 0;
}

double gcfid_get(const gcfid *g, int param)
{
    return param >= 0 && param < GCFID_P_COUNT ? g->p[param] : NAN;
}

int gcfid_param_by_name(const char *name)
{
    for (int i = 0; name && i < GCFID_P_COUNT; i++)
        if (strcmp(name, PARAM_NAMES[i]) == 0) return i;
    return -1;
}

void gcfid_freeze(gcfid *g, double nmhc, double thc, double ch4)
{
    if (!isfinite(nmhc) || !isfinite(thc) || !isfinite(ch4)) return;
    g->frozen = 1;
    g->frozen_v[0] = nmhc;
    g->frozen_v[1] = thc;
    g->frozen_v[2] = ch4;
}

void gcfid_unfreeze(gcfid *g)
{
    g->frozen = 0;
}

void gcfid_hold_cal_flag(gcfid *g, int on)
{
    g->hold_flag = on != 0;
}

void gcfid_set_fault(gcfid *g, int code)
{
    g->fault = code;
    if (code) {
        g->cyc = 0;
        g->seq = 0;
    }
}

void gcfid_set_maintenance(gcfid *g, int on)
{
    g->maint = on != 0;
}

double gcfid_nmhc(const gcfid *g)
{
    return g->frozen ? g->frozen_v[0] : g->nmhc;
}

double gcfid_thc(const gcfid *g)
{
    return g->frozen ? g->frozen_v[1] : g->thc;
}

double gcfid_ch4(const gcfid *g)
{
    return g->frozen ? g->frozen_v[2] : g->ch4;
}

int gcfid_state(const gcfid *g)
{
    if (g->fault) return GCFID_FAULT;
    if (!g->lit) return isnan(g->ignite_end) ? GCFID_FLAME_OUT : GCFID_IGNITING;
    if (g->cyc && g->cyc_src != SRC_SAMPLE) {
        if (g->seq == GCFID_CMD_ZERO_CHECK) return GCFID_ZERO_CHECK;
        if (g->seq == GCFID_CMD_SPAN_CHECK) return GCFID_SPAN_CHECK;
        return GCFID_CALIBRATING;
    }
    if (g->hold_flag) return GCFID_CALIBRATING;
    if (g->maint) return GCFID_MAINTENANCE;
    if (g->standby) return GCFID_STANDBY;
    return GCFID_ANALYSING;
}

static int hj_state(int st)
{
    static const int HJ[] = {
        [GCFID_ANALYSING] = 0,   [GCFID_ZERO_CHECK] = 8,  [GCFID_SPAN_CHECK] = 8,
        [GCFID_CALIBRATING] = 3, [GCFID_MAINTENANCE] = 1, [GCFID_FLAME_OUT] = 2,
        [GCFID_IGNITING] = 0,    [GCFID_STANDBY] = 9,     [GCFID_FAULT] = 2,
    };
    return HJ[st];
}

char gcfid_flag(const gcfid *g)
{
    switch (gcfid_state(g)) {
    case GCFID_FAULT:
    case GCFID_FLAME_OUT:
    case GCFID_IGNITING:
        return 'D';
    case GCFID_ZERO_CHECK:
    case GCFID_SPAN_CHECK:
    case GCFID_CALIBRATING:
        return 'C';
    case GCFID_MAINTENANCE:
        return 'M';
    default:
        return g->over && !g->frozen ? 'T' : 'N';
    }
}

int gcfid_alarm(const gcfid *g)
{
    return (g->over ? GCFID_ALARM_OVER_RANGE : 0) | (!g->lit ? GCFID_ALARM_FLAME_OUT : 0) |
           (g->h2 < SUPPLY_MIN ? GCFID_ALARM_LOW_H2 : 0) |
           (g->air < SUPPLY_MIN ? GCFID_ALARM_LOW_AIR : 0) |
           (g->span_result == 2 ? GCFID_ALARM_SPAN_FAIL : 0) |
           (g->cal_fail ? GCFID_ALARM_CAL_FAIL : 0) | (g->fault ? GCFID_ALARM_FAULT : 0);
}

static int phase(const gcfid *g)
{
    if (!g->cyc) return GCFID_PH_NONE;
    double in = g->t - g->cyc_start;
    if (in < INJECT_S) return GCFID_PH_INJECT;
    if (g->cyc_end - g->t <= FLUSH_S) return GCFID_PH_BACKFLUSH;
    return GCFID_PH_SEPARATE;
}

/* ---- registers ---- */

#define W 1
#define R 0
static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, R, GCFID_R_NMHC},
    {0x02, HWREG_F32, R, GCFID_R_THC},
    {0x04, HWREG_F32, R, GCFID_R_CH4},
    {0x06, HWREG_BCD, R, GCFID_R_TIME},
    {0x09, HWREG_U16, R, GCFID_R_FLAG},
    {0x0A, HWREG_U16, R, GCFID_R_QUAL},
    {0x0B, HWREG_U16, R, GCFID_R_COUNT},
    {0x0C, HWREG_F32, R, GCFID_R_AREA_THC},
    {0x0E, HWREG_F32, R, GCFID_R_AREA_CH4},
    {0x10, HWREG_F32, R, GCFID_R_ZERO_THC},
    {0x12, HWREG_F32, R, GCFID_R_ZERO_CH4},
    {0x14, HWREG_BCD, R, GCFID_R_ZERO_TIME},
    {0x17, HWREG_F32, R, GCFID_R_SPAN_THC},
    {0x19, HWREG_F32, R, GCFID_R_SPAN_CH4},
    {0x1B, HWREG_F32, R, GCFID_R_SPAN_ERR_THC},
    {0x1D, HWREG_F32, R, GCFID_R_SPAN_ERR_CH4},
    {0x1F, HWREG_BCD, R, GCFID_R_SPAN_TIME},
    {0x22, HWREG_U16, R, GCFID_R_SPAN_RESULT},
    {0x30, HWREG_U16, R, GCFID_R_STATE},
    {0x31, HWREG_U16, R, GCFID_R_HJSTATE},
    {0x32, HWREG_U16, R, GCFID_R_PHASE},
    {0x33, HWREG_U16, R, GCFID_R_REMAIN},
    {0x34, HWREG_U16, R, GCFID_R_ALARM},
    {0x35, HWREG_U16, R, GCFID_R_FAULT},
    {0x36, HWREG_U16, R, GCFID_R_FLAME},
    {0x37, HWREG_F32, R, GCFID_R_H2},
    {0x39, HWREG_F32, R, GCFID_R_AIR},
    {0x3B, HWREG_BCD, R, GCFID_R_CLOCK},
    {0x3E, HWREG_BCD, R, GCFID_R_CAL_TIME},
    {0x41, HWREG_U16, R, GCFID_R_CHG_COUNT},
    {0x42, HWREG_U16, R, GCFID_R_CHG_PARAM},
    {0x43, HWREG_U16, R, GCFID_R_CHG_SRC},
    {0x50, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_CYCLE},
    {0x52, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_RANGE},
    {0x54, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_SLOPE_THC},
    {0x56, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_INTERCEPT_THC},
    {0x58, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_SLOPE_CH4},
    {0x5A, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_INTERCEPT_CH4},
    {0x5C, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_THC_LABEL},
    {0x5E, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_CH4_LABEL},
    {0x60, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_DL},
    {0x62, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_CAL_AUTO},
    {0x64, HWREG_F32, W, GCFID_R_PARAM + GCFID_P_CAL_START},
    {0x70, HWREG_U16, W, GCFID_R_CMD},
};
#undef W
#undef R
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x10, "data"},       {0x10, 0x13, "checks"}, {0x30, 0x14, "status"},
    {0x50, 0x16, "parameters"}, {0x70, 1, "command"},
};
const hwreg_map gcfid_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    const gcfid *g = dev;
    if (id >= GCFID_R_PARAM) {
        int param = id - GCFID_R_PARAM;
        return param == GCFID_P_CAL_START ? g->p[param] / 60.0 : g->p[param];
    }
    switch (id) {
    case GCFID_R_NMHC:
        return gcfid_nmhc(g);
    case GCFID_R_THC:
        return gcfid_thc(g);
    case GCFID_R_CH4:
        return gcfid_ch4(g);
    case GCFID_R_TIME:
        return g->val_time;
    case GCFID_R_FLAG:
        return (double)(unsigned char)gcfid_flag(g);
    case GCFID_R_QUAL:
        return g->qual;
    case GCFID_R_COUNT:
        return g->count % 65536u;
    case GCFID_R_AREA_THC:
    case GCFID_R_AREA_CH4:
        return g->area[id - GCFID_R_AREA_THC];
    case GCFID_R_ZERO_THC:
    case GCFID_R_ZERO_CH4:
        return g->zero_v[id - GCFID_R_ZERO_THC];
    case GCFID_R_ZERO_TIME:
        return g->zero_time;
    case GCFID_R_SPAN_THC:
    case GCFID_R_SPAN_CH4:
        return g->span_v[id - GCFID_R_SPAN_THC];
    case GCFID_R_SPAN_ERR_THC:
    case GCFID_R_SPAN_ERR_CH4:
        return g->span_err[id - GCFID_R_SPAN_ERR_THC];
    case GCFID_R_SPAN_TIME:
        return g->span_time;
    case GCFID_R_SPAN_RESULT:
        return g->span_result;
    case GCFID_R_STATE:
        return gcfid_state(g);
    case GCFID_R_HJSTATE:
        return hj_state(gcfid_state(g));
    case GCFID_R_PHASE:
        return phase(g);
    case GCFID_R_REMAIN:
        return g->cyc ? ceil(g->cyc_end - g->t) : 0;
    case GCFID_R_ALARM:
        return gcfid_alarm(g);
    case GCFID_R_FAULT:
        return g->fault;
    case GCFID_R_FLAME:
        return g->lit;
    case GCFID_R_H2:
        return g->h2;
    case GCFID_R_AIR:
        return g->air;
    case GCFID_R_CLOCK:
        return g->t;
    case GCFID_R_CAL_TIME:
        return g->cal_time;
    case GCFID_R_CHG_COUNT:
        return g->changes % 65536u;
    case GCFID_R_CHG_PARAM:
        return g->changes ? g->lay.base + 0x50 + 2 * g->change_param : 0;
    case GCFID_R_CHG_SRC:
        return g->changes ? g->change_src : 0;
    case GCFID_R_CMD:
        return g->last_cmd;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    gcfid *g = dev;
    if (id >= GCFID_R_PARAM) {
        int param = id - GCFID_R_PARAM;
        if (param == GCFID_P_CAL_START) v *= 60.0;
        return gcfid_set(g, param, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    }
    if (id == GCFID_R_CMD) return gcfid_command(g, (int)v, HWDEV_SRC_MODBUS);
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    gcfid *g = dev;
    return hwreg_read(&gcfid_regmap, &g->lay, table, addr, n, out, reg_get, g);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    gcfid *g = dev;
    return hwreg_write(&gcfid_regmap, &g->lay, addr, n, in, reg_set, g);
}

const hwdev_ops gcfid_hwdev_ops = {.kind = "gcfid", .read = ops_read, .write = ops_write};

hwdev gcfid_hwdev(gcfid *g)
{
    hwdev d = {&gcfid_hwdev_ops, g};
    return d;
}
