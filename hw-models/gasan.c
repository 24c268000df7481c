/* gasan.c — continuous gas analyzer: cells, drift, cylinders, calibration, registers. */
#include "gasan.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct kind_info {
    const char *name;
    int ncomp;
    int sp[GASAN_COMP_MAX];
    double range[GASAN_COMP_MAX], dl[GASAN_COMP_MAX], span[GASAN_COMP_MAX];
} kind_info;

/* Ranges of ultra-low-emission stacks; span cylinders at 80 % of the range (HJ 75), O2 on
 * instrument air. */
static const kind_info KINDS[GASAN_KIND_COUNT] = {
    [GASAN_SO2] = {"so2", 1, {GAS_SO2, -1}, {200, 0}, {1, 0}, {160, 0}},
    [GASAN_NOX] = {"nox", 2, {GAS_NO, GAS_NO2}, {200, 50}, {1, 1}, {160, 40}},
    [GASAN_O2] = {"o2", 1, {GAS_O2, -1}, {25, 0}, {0.1, 0}, {20.9, 0}},
    [GASAN_CO] = {"co", 1, {GAS_CO, -1}, {300, 0}, {1, 0}, {240, 0}},
    [GASAN_CO2] = {"co2", 1, {GAS_CO2, -1}, {20, 0}, {0.05, 0}, {16, 0}},
};

static const char *const PC_NAMES[GASAN_PC_COUNT] = {
    "range", "slope", "intercept", "zero_label", "span_label", "detection_limit", "t90",
};
static const char *const PC_NAMES2[GASAN_PC_COUNT] = {
    "no2_range",      "no2_slope",           "no2_intercept", "no2_zero_label",
    "no2_span_label", "no2_detection_limit", "no2_t90",
};
static const char *const PA_NAMES[GASAN_P_COUNT - GASAN_P_CAL_AUTO] = {
    "cal_auto", "cal_start", "cal_interval", "cal_gas", "purge",
};

#define LN10       2.302585092994046
#define DRIFT_PASS 2.5 /* % of the range (HJ 75) */

typedef struct cell {
    double y;            /* cell, lagged true */
    double z, s;         /* drift accumulated */
    double zrate, srate; /* per day */
    double cyl[2];       /* true content of the zero and span cylinders */
    int cyl_set[2];
    double r_zero; /* raw at the end of the zero gas of the running sequence */
    double val, raw;
    int qual;
    int frozen;
    double frozen_v;
} cell;

struct gasan {
    gasan_kind kind;
    const kind_info *ki;
    hwreg_layout lay;
    hw_rng rng;
    double noise_fs;
    double t, clock_off;
    double p[GASAN_P_COUNT];
    cell c[GASAN_COMP_MAX];
    gas sample, inj;
    double inj_f;

    int seq, seq_manual, seq_source, phase;
    double seq_end, next_cal;
    int maint, fault, hold_flag, last_cmd, alarm;
    double cal_time;
    double chk[4][3]; /* per record: value, error, time */
    int chk_result[4];
    unsigned chk_counter;

    gasan_check log[GASAN_LOG_CAP];
    size_t log_n, log_head;
    gasan_change chg[GASAN_CHANGE_CAP];
    size_t chg_n, chg_head;
    unsigned chg_counter;
};

void gasan_config_default(gasan_config *c, gasan_kind kind)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
}

static double dev_time(const gasan *a)
{
    return a->t + a->clock_off;
}

/* First start at cal_start + k interval after local midnight at or after (inclusive) /
 * strictly after t, in world time. */
static double cal_from(const gasan *a, double t, int inclusive)
{
    double iv = a->p[GASAN_P_CAL_INTERVAL], off = a->p[GASAN_P_CAL_START];
    double local = t + a->clock_off + a->lay.tz_s;
    double next = off + floor((local - off) / iv) * iv;
    if (next < local || (!inclusive && next <= local)) next += iv;
    return next - a->lay.tz_s - a->clock_off;
}

gasan *gasan_new(const gasan_config *c)
{
    if (!c || (int)c->kind < 0 || c->kind >= GASAN_KIND_COUNT || !isfinite(c->start) ||
        !(c->noise_fs >= 0.0))
        return NULL;
    for (int i = 0; i < GASAN_COMP_MAX; i++)
        if (!isfinite(c->zero_drift[i]) || !isfinite(c->span_drift[i])) return NULL;
    gasan *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    const kind_info *ki = &KINDS[c->kind];
    a->kind = c->kind;
    a->ki = ki;
    a->lay = c->layout;
    hw_rng_seed(&a->rng, c->seed);
    a->noise_fs = c->noise_fs;
    a->t = c->start;
    for (int i = 0; i < GASAN_COMP_MAX; i++) {
        double *p = &a->p[GASAN_PC(i, 0)];
        int on = i < ki->ncomp;
        p[GASAN_P_RANGE] = on ? ki->range[i] : 0.0;
        p[GASAN_P_SLOPE] = 1.0;
        p[GASAN_P_INTERCEPT] = 0.0;
        p[GASAN_P_ZERO_LABEL] = 0.0;
        p[GASAN_P_SPAN_LABEL] = on ? ki->span[i] : 0.0;
        p[GASAN_P_DL] = on ? ki->dl[i] : 0.0;
        p[GASAN_P_T90] = on ? 90.0 : 0.0;
        a->c[i].zrate = c->zero_drift[i];
        a->c[i].srate = c->span_drift[i];
    }
    a->p[GASAN_P_CAL_AUTO] = 1.0;
    a->p[GASAN_P_CAL_START] = 2 * 3600.0;
    a->p[GASAN_P_CAL_INTERVAL] = 86400.0;
    a->p[GASAN_P_CAL_GAS] = 300.0;
    a->p[GASAN_P_PURGE] = 300.0;
    a->next_cal = cal_from(a, a->t, 1);
    a->cal_time = NAN;
    for (int k = 0; k < 4; k++)
        a->chk[k][2] = NAN;
    return a;
}

void gasan_free(gasan *a)
{
    free(a);
}

double gasan_time(const gasan *a)
{
    return a->t;
}

gasan_kind gasan_get_kind(const gasan *a)
{
    return a->kind;
}

int gasan_components(const gasan *a)
{
    return a->ki->ncomp;
}

int gasan_species(const gasan *a, int comp)
{
    return comp >= 0 && comp < a->ki->ncomp ? a->ki->sp[comp] : -1;
}

const char *gasan_kind_name(int kind)
{
    return kind >= 0 && kind < GASAN_KIND_COUNT ? KINDS[kind].name : NULL;
}

int gasan_kind_by_name(const char *name)
{
    for (int k = 0; name && k < GASAN_KIND_COUNT; k++)
        if (strcmp(name, KINDS[k].name) == 0) return k;
    return -1;
}

void gasan_set_sample(gasan *a, const gas *g)
{
    if (g) a->sample = *g;
}

void gasan_inject(gasan *a, const gas *g, double f)
{
    if (!g || !(f > 0.0)) {
        a->inj_f = 0.0;
        return;
    }
    a->inj = *g;
    a->inj_f = f > 1.0 ? 1.0 : f;
}

/* ---- logs ---- */

static void log_check(gasan *a, const gasan_check *k)
{
    a->log[a->log_head] = *k;
    a->log_head = (a->log_head + 1) % GASAN_LOG_CAP;
    if (a->log_n < GASAN_LOG_CAP) a->log_n++;
    a->chk_counter++;
}

static void log_change(gasan *a, int param, double old_v, double new_v, int source)
{
    gasan_change c = {dev_time(a), param, old_v, new_v, source};
    a->chg[a->chg_head] = c;
    a->chg_head = (a->chg_head + 1) % GASAN_CHANGE_CAP;
    if (a->chg_n < GASAN_CHANGE_CAP) a->chg_n++;
    a->chg_counter++;
}

size_t gasan_check_count(const gasan *a)
{
    return a->log_n;
}

int gasan_check_get(const gasan *a, size_t i, gasan_check *out)
{
    if (i >= a->log_n) return -1;
    *out = a->log[(a->log_head + GASAN_LOG_CAP - 1 - i) % GASAN_LOG_CAP];
    return 0;
}

size_t gasan_changes_count(const gasan *a)
{
    return a->chg_n;
}

int gasan_change_get(const gasan *a, size_t i, gasan_change *out)
{
    if (i >= a->chg_n) return -1;
    *out = a->chg[(a->chg_head + GASAN_CHANGE_CAP - 1 - i) % GASAN_CHANGE_CAP];
    return 0;
}

/* ---- parameters ---- */

int gasan_param_by_name(const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < GASAN_PC_COUNT; i++) {
        if (strcmp(name, PC_NAMES[i]) == 0) return GASAN_PC(0, i);
        if (strcmp(name, PC_NAMES2[i]) == 0) return GASAN_PC(1, i);
    }
    for (int i = GASAN_P_CAL_AUTO; i < GASAN_P_COUNT; i++)
        if (strcmp(name, PA_NAMES[i - GASAN_P_CAL_AUTO]) == 0) return i;
    return -1;
}

const char *gasan_param_name(int param)
{
    if (param < 0 || param >= GASAN_P_COUNT) return NULL;
    if (param >= GASAN_P_CAL_AUTO) return PA_NAMES[param - GASAN_P_CAL_AUTO];
    return param < GASAN_PC_COUNT ? PC_NAMES[param] : PC_NAMES2[param - GASAN_PC_COUNT];
}

static int param_ok(const gasan *a, int param, double v)
{
    if (param < 0 || param >= GASAN_P_COUNT || !isfinite(v)) return 0;
    if (param < GASAN_P_CAL_AUTO) {
        if (param / GASAN_PC_COUNT >= a->ki->ncomp) return 0;
        switch (param % GASAN_PC_COUNT) {
        case GASAN_P_RANGE:
        case GASAN_P_SPAN_LABEL:
            return v > 0.0;
        case GASAN_P_SLOPE:
            return v != 0.0;
        case GASAN_P_ZERO_LABEL:
        case GASAN_P_DL:
            return v >= 0.0;
        case GASAN_P_T90:
            return v > 0.0 && v <= 3600.0;
        default: /* intercept */
            return 1;
        }
    }
    switch (param) {
    case GASAN_P_CAL_AUTO:
        return v == 0.0 || v == 1.0;
    case GASAN_P_CAL_START:
        return v >= 0.0 && v < 86400.0;
    case GASAN_P_CAL_INTERVAL:
        return v >= 3600.0 && v <= 7 * 86400.0;
    case GASAN_P_CAL_GAS:
        return v >= 30.0 && v <= 3600.0;
    default: /* purge */
        return v >= 0.0 && v <= 3600.0;
    }
}

int gasan_set(gasan *a, int param, double v, int source)
{
    if (!param_ok(a, param, v)) return -1;
    double old_v = a->p[param];
    a->p[param] = v;
    if (param == GASAN_P_CAL_START || param == GASAN_P_CAL_INTERVAL)
        a->next_cal = cal_from(a, a->t, 0);
    log_change(a, param, old_v, v, source);
    return 0;
}

double gasan_get(const gasan *a, int param)
{
    return param >= 0 && param < GASAN_P_COUNT ? a->p[param] : NAN;
}

static double pc(const gasan *a, int comp, int p)
{
    return a->p[GASAN_PC(comp, p)];
}

void gasan_set_cylinder(gasan *a, int comp, int cyl, double true_conc)
{
    if (comp < 0 || comp >= a->ki->ncomp || (cyl != GASAN_CYL_ZERO && cyl != GASAN_CYL_SPAN) ||
        !isfinite(true_conc) || true_conc < 0.0)
        return;
    a->c[comp].cyl[cyl] = true_conc;
    a->c[comp].cyl_set[cyl] = 1;
}

double gasan_cylinder(const gasan *a, int comp, int cyl)
{
    if (comp < 0 || comp >= a->ki->ncomp || (cyl != GASAN_CYL_ZERO && cyl != GASAN_CYL_SPAN))
        return NAN;
    if (a->c[comp].cyl_set[cyl]) return a->c[comp].cyl[cyl];
    return pc(a, comp, cyl == GASAN_CYL_ZERO ? GASAN_P_ZERO_LABEL : GASAN_P_SPAN_LABEL);
}

void gasan_set_drift(gasan *a, int comp, double zero_fs_day, double span_day)
{
    if (comp < 0 || comp >= a->ki->ncomp || !isfinite(zero_fs_day) || !isfinite(span_day)) return;
    a->c[comp].zrate = zero_fs_day;
    a->c[comp].srate = span_day;
}

void gasan_set_error(gasan *a, int comp, double z, double s)
{
    if (comp < 0 || comp >= a->ki->ncomp || !isfinite(z) || !isfinite(s)) return;
    a->c[comp].z = z;
    a->c[comp].s = s;
}

/* ---- the cells ---- */

/* What reaches component i's cell now. */
static double cell_input(const gasan *a, int i)
{
    if (a->phase == GASAN_PH_ZERO) return gasan_cylinder(a, i, GASAN_CYL_ZERO);
    if (a->phase == GASAN_PH_SPAN) return gasan_cylinder(a, i, GASAN_CYL_SPAN);
    int sp = a->ki->sp[i];
    return (1.0 - a->inj_f) * gas_get(&a->sample, sp) + a->inj_f * gas_get(&a->inj, sp);
}

/* Cells and drift over dt with the inputs held. */
static void advance(gasan *a, double dt)
{
    if (!(dt > 0.0)) return;
    for (int i = 0; i < a->ki->ncomp; i++) {
        cell *c = &a->c[i];
        double tau = pc(a, i, GASAN_P_T90) / LN10;
        c->y += (cell_input(a, i) - c->y) * (1.0 - exp(-dt / tau));
        c->z += c->zrate * a->ki->range[i] * dt / 86400.0;
        c->s += c->srate * dt / 86400.0;
    }
}

/* Raw signal of component i, with one noise draw. */
static double raw_of(gasan *a, int i)
{
    const cell *c = &a->c[i];
    double r = (1.0 + c->s) * c->y + c->z;
    if (a->noise_fs > 0.0) r += hw_rng_normal(&a->rng, 0.0, a->noise_fs * pc(a, i, GASAN_P_RANGE));
    return r;
}

static double reading(const gasan *a, int i, double raw)
{
    return pc(a, i, GASAN_P_SLOPE) * raw + pc(a, i, GASAN_P_INTERCEPT);
}

/* The reported values from the cells now (not in fault: values hold). */
static void publish(gasan *a)
{
    if (a->fault) return;
    a->alarm &= ~(GASAN_ALARM_OVER_RANGE | GASAN_ALARM_BELOW_DL);
    for (int i = 0; i < a->ki->ncomp; i++) {
        cell *c = &a->c[i];
        c->raw = raw_of(a, i);
        double v = reading(a, i, c->raw);
        c->qual = 0;
        if (v > pc(a, i, GASAN_P_RANGE)) {
            v = pc(a, i, GASAN_P_RANGE);
            c->qual = 2;
            a->alarm |= GASAN_ALARM_OVER_RANGE;
        } else if (v < pc(a, i, GASAN_P_DL)) {
            v = pc(a, i, GASAN_P_DL);
            c->qual = 1;
            a->alarm |= GASAN_ALARM_BELOW_DL;
        }
        c->val = v;
    }
}

/* ---- sequences ---- */

static void seq_start(gasan *a, int cmd, int manual, int source)
{
    a->seq = cmd;
    a->seq_manual = manual;
    a->seq_source = source;
    a->phase =
        cmd == GASAN_CMD_SPAN_CHECK || cmd == GASAN_CMD_SPAN_CAL ? GASAN_PH_SPAN : GASAN_PH_ZERO;
    a->seq_end = a->t + a->p[GASAN_P_CAL_GAS];
}

static void seq_end(gasan *a)
{
    a->seq = 0;
    a->phase = GASAN_PH_NONE;
}

static void cal_set(gasan *a, int param, double v)
{
    double old_v = a->p[param];
    a->p[param] = v;
    log_change(a, param, old_v, v, a->seq_source);
}

/* A calibration's result is accepted within slope 0.5-2 and |intercept| <= 20 % of range. */
static int cal_ok(const gasan *a, int i, double slope, double intercept)
{
    return isfinite(slope) && slope >= 0.5 && slope <= 2.0 && isfinite(intercept) &&
           fabs(intercept) <= 0.2 * pc(a, i, GASAN_P_RANGE);
}

/* The end of a cylinder's flow for component i: record the check, calibrate if the
 * sequence does. */
static void cylinder_done(gasan *a, int i, int cyl, double r)
{
    double range = pc(a, i, GASAN_P_RANGE);
    double label = pc(a, i, cyl == GASAN_CYL_ZERO ? GASAN_P_ZERO_LABEL : GASAN_P_SPAN_LABEL);
    double v = reading(a, i, r);
    int k = 2 * i + cyl;
    gasan_check rec = {.time = dev_time(a),
                       .comp = i,
                       .cyl = cyl,
                       .cmd = a->seq,
                       .manual = a->seq_manual,
                       .value = v,
                       .label = label,
                       .truth = gasan_cylinder(a, i, cyl),
                       .error = 100.0 * (v - label) / range};
    a->chk[k][0] = v;
    a->chk[k][1] = rec.error;
    a->chk[k][2] = rec.time;
    a->chk_result[k] = fabs(rec.error) <= DRIFT_PASS ? 1 : 2;
    /* the alarm: the last check of that cylinder failed on any component */
    int bit = cyl == GASAN_CYL_ZERO ? GASAN_ALARM_ZERO_FAIL : GASAN_ALARM_SPAN_FAIL;
    a->alarm &= ~bit;
    if (a->chk_result[cyl] == 2 || a->chk_result[2 + cyl] == 2) a->alarm |= bit;

    double slope = pc(a, i, GASAN_P_SLOPE), icpt = pc(a, i, GASAN_P_INTERCEPT);
    int cal = 0;
    if (a->seq == GASAN_CMD_ZERO_CAL) {
        icpt = label - slope * r;
        cal = 1;
    } else if (a->seq == GASAN_CMD_SPAN_CAL && cyl == GASAN_CYL_SPAN) {
        slope = r != 0.0 ? (label - icpt) / r : NAN;
        cal = 1;
    } else if (a->seq == GASAN_CMD_CALIBRATE && cyl == GASAN_CYL_SPAN) {
        double zl = pc(a, i, GASAN_P_ZERO_LABEL), dr = r - a->c[i].r_zero;
        slope = dr != 0.0 ? (label - zl) / dr : NAN;
        icpt = zl - slope * a->c[i].r_zero;
        cal = 1;
    }
    if (cal && cal_ok(a, i, slope, icpt)) {
        if (slope != pc(a, i, GASAN_P_SLOPE)) cal_set(a, GASAN_PC(i, GASAN_P_SLOPE), slope);
        if (icpt != pc(a, i, GASAN_P_INTERCEPT)) cal_set(a, GASAN_PC(i, GASAN_P_INTERCEPT), icpt);
        a->cal_time = rec.time;
        rec.calibrated = 1;
    } else if (cal) {
        a->alarm |= GASAN_ALARM_CAL_FAIL;
    }
    rec.slope = pc(a, i, GASAN_P_SLOPE);
    rec.intercept = pc(a, i, GASAN_P_INTERCEPT);
    log_check(a, &rec);
    if (cyl == GASAN_CYL_ZERO) a->c[i].r_zero = r;
}

static void phase_next(gasan *a)
{
    int ph = a->phase;
    if (ph == GASAN_PH_PURGE) {
        seq_end(a);
        return;
    }
    int cyl = ph == GASAN_PH_ZERO ? GASAN_CYL_ZERO : GASAN_CYL_SPAN;
    if (a->seq == GASAN_CMD_ZERO_CAL || a->seq == GASAN_CMD_SPAN_CAL ||
        (a->seq == GASAN_CMD_CALIBRATE && cyl == GASAN_CYL_SPAN))
        a->alarm &= ~GASAN_ALARM_CAL_FAIL;
    for (int i = 0; i < a->ki->ncomp; i++)
        cylinder_done(a, i, cyl, raw_of(a, i));
    if (a->seq == GASAN_CMD_CALIBRATE && ph == GASAN_PH_ZERO) {
        a->phase = GASAN_PH_SPAN;
        a->seq_end = a->t + a->p[GASAN_P_CAL_GAS];
    } else {
        a->phase = GASAN_PH_PURGE;
        a->seq_end = a->t + a->p[GASAN_P_PURGE];
    }
}

static int cal_allowed(const gasan *a)
{
    return a->p[GASAN_P_CAL_AUTO] != 0.0 && !a->maint && !a->fault && !a->seq;
}

void gasan_step(gasan *a, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = a->t + dt;
    for (;;) { /* every event moves time forward or ends: the loop terminates */
        double next = a->next_cal;
        int ev = 2;
        if (a->seq && a->seq_end <= next) {
            next = a->seq_end;
            ev = 1;
        }
        if (next > t_end) break;
        advance(a, next - a->t);
        a->t = next;
        if (ev == 1) {
            phase_next(a);
        } else {
            if (cal_allowed(a)) seq_start(a, GASAN_CMD_CALIBRATE, 0, 0);
            a->next_cal = cal_from(a, a->t, 0);
        }
    }
    advance(a, t_end - a->t);
    a->t = t_end;
    publish(a);
}

void gasan_settle(gasan *a)
{
    for (int i = 0; i < a->ki->ncomp; i++)
        a->c[i].y = cell_input(a, i);
    publish(a);
}

int gasan_cmd_by_name(const char *name)
{
    static const struct {
        const char *name;
        int cmd;
    } names[] = {
        {"zero_check", GASAN_CMD_ZERO_CHECK},   {"span_check", GASAN_CMD_SPAN_CHECK},
        {"zero_calibrate", GASAN_CMD_ZERO_CAL}, {"span_calibrate", GASAN_CMD_SPAN_CAL},
        {"calibrate", GASAN_CMD_CALIBRATE},     {"abort", GASAN_CMD_ABORT},
    };
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) return names[i].cmd;
    return -1;
}

int gasan_command(gasan *a, int cmd, int source)
{
    if (cmd < GASAN_CMD_ZERO_CHECK || cmd > GASAN_CMD_MAINT_OFF) return HWDEV_EX_VALUE;
    if (a->fault && cmd != GASAN_CMD_MAINT_ON && cmd != GASAN_CMD_MAINT_OFF)
        return HWDEV_EX_FAILURE;
    a->last_cmd = cmd;
    switch (cmd) {
    case GASAN_CMD_ABORT:
        seq_end(a);
        return 0;
    case GASAN_CMD_MAINT_ON:
    case GASAN_CMD_MAINT_OFF:
        gasan_set_maintenance(a, cmd == GASAN_CMD_MAINT_ON);
        return 0;
    default:
        if (a->seq) return HWDEV_EX_BUSY;
        seq_start(a, cmd, 1, source);
        return 0;
    }
}

void gasan_freeze(gasan *a, int comp, double v)
{
    if (comp < 0 || comp >= a->ki->ncomp || !isfinite(v)) return;
    a->c[comp].frozen = 1;
    a->c[comp].frozen_v = v;
}

void gasan_unfreeze(gasan *a)
{
    for (int i = 0; i < GASAN_COMP_MAX; i++)
        a->c[i].frozen = 0;
}

void gasan_hold_cal_flag(gasan *a, int on)
{
    a->hold_flag = on != 0;
}

void gasan_set_fault(gasan *a, int code)
{
    a->fault = code;
    if (code) {
        seq_end(a);
        a->alarm |= GASAN_ALARM_FAULT;
    } else {
        a->alarm &= ~GASAN_ALARM_FAULT;
    }
}

void gasan_set_maintenance(gasan *a, int on)
{
    a->maint = on != 0;
}

double gasan_value(const gasan *a, int comp)
{
    if (comp < 0 || comp >= a->ki->ncomp) return NAN;
    return a->c[comp].frozen ? a->c[comp].frozen_v : a->c[comp].val;
}

double gasan_cell(const gasan *a, int comp)
{
    return comp >= 0 && comp < a->ki->ncomp ? a->c[comp].y : NAN;
}

static int cur_state(const gasan *a)
{
    if (a->fault) return GASAN_FAULT;
    if (a->seq == GASAN_CMD_ZERO_CHECK) return GASAN_ZERO_CHECK;
    if (a->seq == GASAN_CMD_SPAN_CHECK) return GASAN_SPAN_CHECK;
    if (a->seq || a->hold_flag) return GASAN_CALIBRATING;
    if (a->maint) return GASAN_MAINTENANCE;
    return GASAN_MEASURING;
}

static int hj_state(int st)
{
    static const int HJ[] = {
        [GASAN_MEASURING] = 0,   [GASAN_ZERO_CHECK] = 8,  [GASAN_SPAN_CHECK] = 8,
        [GASAN_CALIBRATING] = 3, [GASAN_MAINTENANCE] = 1, [GASAN_FAULT] = 2,
    };
    return HJ[st];
}

static char cur_flag(const gasan *a)
{
    int st = cur_state(a);
    if (st == GASAN_FAULT) return GASAN_FLAG_D;
    if (st == GASAN_MAINTENANCE) return GASAN_FLAG_M;
    if (st != GASAN_MEASURING) return GASAN_FLAG_C;
    for (int i = 0; i < a->ki->ncomp; i++)
        if ((a->c[i].qual & 2) && !a->c[i].frozen) return GASAN_FLAG_T;
    return GASAN_FLAG_N;
}

static double nox_of(const gasan *a)
{
    if (a->kind != GASAN_NOX) return 0.0;
    gas g = {0};
    g.no = gasan_value(a, 0);
    g.no2 = gasan_value(a, 1);
    return gas_nox(&g);
}

void gasan_get_status(const gasan *a, gasan_status *st)
{
    memset(st, 0, sizeof *st);
    st->state = cur_state(a);
    st->i12001 = hj_state(st->state);
    st->phase = a->phase;
    st->seq = a->seq;
    st->manual = a->seq ? a->seq_manual : 0;
    st->alarm = a->alarm;
    st->fault = a->fault;
    st->flag = cur_flag(a);
    for (int i = 0; i < a->ki->ncomp; i++)
        st->value[i] = gasan_value(a, i);
    st->nox = nox_of(a);
    st->cal_time = a->cal_time;
    st->next_cal = a->next_cal;
    st->change_counter = a->chg_counter;
}

/* ---- registers ---- */

#define W 1
#define R 0
#define CHECK_FIELDS(k)                                                                            \
    {0x20 + 8 * (k), HWREG_F32, R, GASAN_R_CHECK(k, GASAN_R_CHK_VALUE)},                           \
        {0x22 + 8 * (k), HWREG_F32, R, GASAN_R_CHECK(k, GASAN_R_CHK_ERROR)},                       \
        {0x24 + 8 * (k), HWREG_BCD, R, GASAN_R_CHECK(k, GASAN_R_CHK_TIME)},                        \
    {                                                                                              \
        0x27 + 8 * (k), HWREG_U16, R, GASAN_R_CHECK(k, GASAN_R_CHK_RESULT)                         \
    }
#define COMP_PARAMS(c)                                                                             \
    {0x60 + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_RANGE)},                 \
        {0x62 + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_SLOPE)},             \
        {0x64 + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_INTERCEPT)},         \
        {0x66 + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_ZERO_LABEL)},        \
        {0x68 + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_SPAN_LABEL)},        \
        {0x6A + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_DL)},                \
    {                                                                                              \
        0x6C + 0x10 * (c), HWREG_F32, W, GASAN_R_PARAM + GASAN_PC(c, GASAN_P_T90)                  \
    }
static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, R, GASAN_R_VALUE},
    {0x02, HWREG_F32, R, GASAN_R_PPM},
    {0x04, HWREG_F32, R, GASAN_R_RAW},
    {0x06, HWREG_U16, R, GASAN_R_QUAL},
    {0x07, HWREG_U16, R, GASAN_R_FLAG},
    {0x08, HWREG_F32, R, GASAN_R_VALUE2},
    {0x0A, HWREG_F32, R, GASAN_R_PPM2},
    {0x0C, HWREG_F32, R, GASAN_R_RAW2},
    {0x0E, HWREG_U16, R, GASAN_R_QUAL2},
    {0x10, HWREG_F32, R, GASAN_R_NOX},
    {0x12, HWREG_BCD, R, GASAN_R_CLOCK},
    {0x15, HWREG_U16, R, GASAN_R_KIND},
    {0x16, HWREG_U16, R, GASAN_R_NCOMP},
    CHECK_FIELDS(0),
    CHECK_FIELDS(1),
    CHECK_FIELDS(2),
    CHECK_FIELDS(3),
    {0x40, HWREG_U16, R, GASAN_R_STATE},
    {0x41, HWREG_U16, R, GASAN_R_HJSTATE},
    {0x42, HWREG_U16, R, GASAN_R_MODE},
    {0x43, HWREG_U16, R, GASAN_R_ALARM},
    {0x44, HWREG_U16, R, GASAN_R_FAULT},
    {0x45, HWREG_U16, R, GASAN_R_PHASE},
    {0x46, HWREG_U16, R, GASAN_R_REMAIN},
    {0x47, HWREG_U16, R, GASAN_R_SEQ},
    {0x48, HWREG_U16, R, GASAN_R_SEQ_MANUAL},
    {0x49, HWREG_BCD, R, GASAN_R_CAL_TIME},
    {0x4C, HWREG_BCD, R, GASAN_R_NEXT_CAL},
    {0x4F, HWREG_U16, R, GASAN_R_CHG_COUNT},
    {0x50, HWREG_U16, R, GASAN_R_CHG_PARAM},
    {0x51, HWREG_F32, R, GASAN_R_CHG_OLD},
    {0x53, HWREG_F32, R, GASAN_R_CHG_NEW},
    {0x55, HWREG_BCD, R, GASAN_R_CHG_TIME},
    {0x58, HWREG_U16, R, GASAN_R_CHG_SRC},
    {0x59, HWREG_U16, R, GASAN_R_CHK_COUNT},
    COMP_PARAMS(0),
    COMP_PARAMS(1),
    {0x80, HWREG_F32, W, GASAN_R_PARAM + GASAN_P_CAL_AUTO},
    {0x82, HWREG_F32, W, GASAN_R_PARAM + GASAN_P_CAL_START},
    {0x84, HWREG_F32, W, GASAN_R_PARAM + GASAN_P_CAL_INTERVAL},
    {0x86, HWREG_F32, W, GASAN_R_PARAM + GASAN_P_CAL_GAS},
    {0x88, HWREG_F32, W, GASAN_R_PARAM + GASAN_P_PURGE},
    {0x100, HWREG_U16, W, GASAN_R_CMD},
    {0x101, HWREG_BCD, W, GASAN_R_CMD_TIME},
};
#undef CHECK_FIELDS
#undef COMP_PARAMS
#undef W
#undef R

/* The blocks of docs/registers.md; reserved inside them: 0x000F, 0x006E-0x006F,
 * 0x007E-0x007F. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x17, "data"},       {0x20, 0x20, "checks"}, {0x40, 0x1A, "status"},
    {0x60, 0x2A, "parameters"}, {0x100, 4, "commands"},
};
const hwreg_map gasan_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

/* Parameter in register units: cal_start in minutes, cal_interval in hours. */
static double param_reg(int param, double v)
{
    if (param == GASAN_P_CAL_START) return v / 60.0;
    if (param == GASAN_P_CAL_INTERVAL) return v / 3600.0;
    return v;
}

static uint16_t param_addr(const gasan *a, int param)
{
    const hwreg_field *f = hwreg_field_of(&gasan_regmap, GASAN_R_PARAM + param);
    return f ? (uint16_t)(a->lay.base + f->off) : 0;
}

static double ppm_of(const gasan *a, int i)
{
    double k = gas_mg_per_ppm(a->ki->sp[i]);
    return isnan(k) ? gasan_value(a, i) : gasan_value(a, i) / k;
}

/* Component i's data registers (value, ppm, raw, qualifier: n 0..3). */
static double comp_reg(const gasan *a, int i, int n)
{
    if (i >= a->ki->ncomp) return 0;
    switch (n) {
    case 0:
        return gasan_value(a, i);
    case 1:
        return ppm_of(a, i);
    case 2:
        return a->c[i].raw;
    default:
        return a->c[i].qual;
    }
}

static double check_reg(const gasan *a, int id)
{
    int k = (id - GASAN_R_CHK) / 4, f = (id - GASAN_R_CHK) % 4;
    if (f == GASAN_R_CHK_RESULT) return a->chk_result[k];
    return a->chk[k][f];
}

static double status_reg(const gasan *a, int id)
{
    gasan_change c = {0};
    int has = gasan_change_get(a, 0, &c) == 0;
    switch (id) {
    case GASAN_R_STATE:
        return cur_state(a);
    case GASAN_R_HJSTATE:
        return hj_state(cur_state(a));
    case GASAN_R_MODE:
        return a->maint;
    case GASAN_R_ALARM:
        return a->alarm;
    case GASAN_R_FAULT:
        return a->fault;
    case GASAN_R_PHASE:
        return a->phase;
    case GASAN_R_REMAIN:
        return a->seq ? ceil(a->seq_end - a->t) : 0;
    case GASAN_R_SEQ:
        return a->seq;
    case GASAN_R_SEQ_MANUAL:
        return a->seq ? a->seq_manual : 0;
    case GASAN_R_CAL_TIME:
        return a->cal_time;
    case GASAN_R_NEXT_CAL:
        return a->p[GASAN_P_CAL_AUTO] != 0.0 ? a->next_cal + a->clock_off : NAN;
    case GASAN_R_CHG_COUNT:
        return a->chg_counter % 65536u;
    case GASAN_R_CHG_PARAM:
        return has ? param_addr(a, c.param) : 0;
    case GASAN_R_CHG_OLD:
        return has ? param_reg(c.param, c.old_v) : 0;
    case GASAN_R_CHG_NEW:
        return has ? param_reg(c.param, c.new_v) : 0;
    case GASAN_R_CHG_TIME:
        return has ? c.time : NAN;
    case GASAN_R_CHG_SRC:
        return has ? c.source : 0;
    case GASAN_R_CHK_COUNT:
        return a->chk_counter % 65536u;
    default:
        return 0;
    }
}

static double reg_get(void *dev, int id)
{
    const gasan *a = dev;
    if (id >= GASAN_R_CHK) return check_reg(a, id);
    if (id >= GASAN_R_PARAM) return param_reg(id - GASAN_R_PARAM, a->p[id - GASAN_R_PARAM]);
    if (id >= GASAN_R_STATE) {
        if (id == GASAN_R_CMD) return a->last_cmd;
        if (id == GASAN_R_CMD_TIME) return dev_time(a);
        return status_reg(a, id);
    }
    switch (id) {
    case GASAN_R_VALUE:
    case GASAN_R_PPM:
    case GASAN_R_RAW:
    case GASAN_R_QUAL:
        return comp_reg(a, 0, id - GASAN_R_VALUE);
    case GASAN_R_VALUE2:
    case GASAN_R_PPM2:
    case GASAN_R_RAW2:
    case GASAN_R_QUAL2:
        return comp_reg(a, 1, id - GASAN_R_VALUE2);
    case GASAN_R_FLAG:
        return (double)(unsigned char)cur_flag(a);
    case GASAN_R_NOX:
        return nox_of(a);
    case GASAN_R_CLOCK:
        return dev_time(a);
    case GASAN_R_KIND:
        return a->kind;
    case GASAN_R_NCOMP:
        return a->ki->ncomp;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    gasan *a = dev;
    if (id >= GASAN_R_PARAM && id < GASAN_R_CHK) {
        int param = id - GASAN_R_PARAM;
        if (param < GASAN_P_CAL_AUTO && param / GASAN_PC_COUNT >= a->ki->ncomp)
            return HWDEV_EX_ADDRESS; /* no such component */
        if (param == GASAN_P_CAL_START) v *= 60.0;
        if (param == GASAN_P_CAL_INTERVAL) v *= 3600.0;
        return gasan_set(a, param, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    }
    if (id == GASAN_R_CMD) {
        if (v != GASAN_CMD_SET_TIME) return gasan_command(a, (int)v, HWDEV_SRC_MODBUS);
        a->last_cmd = GASAN_CMD_SET_TIME; /* the date follows in the same request */
        return 0;
    }
    if (id == GASAN_R_CMD_TIME) {
        a->clock_off = v - a->t;
        a->next_cal = cal_from(a, a->t, 0);
        return 0;
    }
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    gasan *a = dev;
    return hwreg_read(&gasan_regmap, &a->lay, table, addr, n, out, reg_get, a);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    gasan *a = dev;
    uint16_t cmd_addr = (uint16_t)(a->lay.base + 0x100);
    /* set time is one request: command 9 followed by the date; the date alone is refused */
    if (addr == cmd_addr && n >= 1 && in[0] == GASAN_CMD_SET_TIME && n != 4) return HWDEV_EX_VALUE;
    if (addr == cmd_addr + 1 || (addr == cmd_addr && n == 4 && in[0] != GASAN_CMD_SET_TIME))
        return HWDEV_EX_VALUE;
    return hwreg_write(&gasan_regmap, &a->lay, addr, n, in, reg_set, a);
}

const hwdev_ops gasan_hwdev_ops = {.kind = "gasan", .read = ops_read, .write = ops_write};

hwdev gasan_hwdev(gasan *a)
{
    hwdev d = {&gasan_hwdev_ops, a};
    return d;
}
