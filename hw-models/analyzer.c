/* analyzer.c — batch analyzers: cycle state machine, sample cup, registers. */
#include "analyzer.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct kind_info {
    const char *name;
    int lin;               /* index in water_to_lin() of what it measures */
    double range_hi, dl;   /* mg/L */
    double temp, digest_s; /* nominal digestion */
    double sample_s, cool_s, read_s;
    double abs_per_unit; /* raw absorbance per mg/L (informational register) */
    double std_label, span_label;
} kind_info;

static const kind_info KINDS[ANALYZER_KIND_COUNT] = {
    [ANALYZER_COD] = {"cod", 0, 1000, 4, 165, 1200, 120, 300, 180, 0.0005, 100, 800},
    [ANALYZER_TOC] = {"toc", 1, 1000, 1, 680, 180, 60, 60, 180, 0.002, 100, 800},
    [ANALYZER_NH3N] = {"nh3n", 2, 50, 0.05, 37, 600, 120, 60, 180, 0.02, 5, 40},
    [ANALYZER_TP] = {"tp", 3, 10, 0.01, 120, 1800, 120, 300, 180, 0.1, 1, 8},
    [ANALYZER_TN] = {"tn", 4, 100, 0.05, 125, 1800, 120, 300, 180, 0.01, 10, 80},
};

/* Nominal oxidation is 99.9 %: k_nom · t_nom = ln 1000; the rate doubles per 10 degC. */
#define OX_KT 6.907755278982137

static const char *const PARAM_NAMES[ANALYZER_P_COUNT] = {
    "cycle",    "digestion_temp", "digestion_time", "range_low",  "range",
    "slope",    "intercept",      "standard_label", "span_label", "detection_limit",
    "dilution", "toc_factor",     "toc_offset",
};

struct analyzer {
    analyzer_kind kind;
    const kind_info *ki;
    hwreg_layout lay;
    hw_rng rng;
    double noise_rel;
    double t, clock_off; /* world clock; instrument clock = t + clock_off */
    double p[ANALYZER_P_COUNT];
    double std_true;
    int std_true_set;
    double init_s;

    double cup_cap, cup_v, cup[WATER_LIN], line[WATER_LIN], line_ml_s, draw_ml;

    double next_sched;
    int standby, maint, fault, frozen;
    double frozen_v;
    double init_end; /* NaN unless initialising */

    int cyc; /* running cycle: analyzer_cmd, 0 none */
    int cyc_manual, cyc_phase, cyc_nosample;
    double cyc_start, cyc_end, cyc_truth, cyc_truth2, cyc_temp, cyc_time;
    int cyc_source;

    double val, val_toc, val_time, val_abs;
    char val_flag;
    int val_manual, val_qual;
    unsigned count;
    double chk_val[4], chk_time[4], std_err;
    int std_result;
    double cal_time;
    int last_cmd, alarm;

    analyzer_meas log[ANALYZER_LOG_CAP];
    size_t log_n, log_head;
    analyzer_change chg[ANALYZER_CHANGE_CAP];
    size_t chg_n, chg_head;
    unsigned chg_counter;
};

void analyzer_config_default(analyzer_config *c, analyzer_kind kind)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->start = 0.0;
    hwreg_layout_default(&c->layout, 0x1000);
    c->seed = 1;
    c->noise_rel = 0.0;
    c->cup_ml = 100.0;
    c->draw_ml = 10.0;
    c->line_ml_s = 1.0;
    c->init_s = 300.0;
}

static double dev_time(const analyzer *a)
{
    return a->t + a->clock_off;
}

/* First aligned start at or after (inclusive) / strictly after t, in world time. */
static double sched_from(const analyzer *a, double t, int inclusive)
{
    double iv = a->p[ANALYZER_P_INTERVAL];
    double local = t + a->clock_off + a->lay.tz_s;
    double k = floor(local / iv);
    double next = k * iv;
    if (next < local || (!inclusive && next <= local)) next += iv;
    return next - a->lay.tz_s - a->clock_off;
}

analyzer *analyzer_new(const analyzer_config *c)
{
    if (!c || (int)c->kind < 0 || c->kind >= ANALYZER_KIND_COUNT || !(c->cup_ml > 0.0) ||
        !(c->draw_ml >= 0.0) || !(c->line_ml_s >= 0.0) || !isfinite(c->start))
        return NULL;
    analyzer *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    const kind_info *ki = &KINDS[c->kind];
    a->kind = c->kind;
    a->ki = ki;
    a->lay = c->layout;
    hw_rng_seed(&a->rng, c->seed);
    a->noise_rel = c->noise_rel;
    a->t = c->start;
    a->init_s = c->init_s;
    a->p[ANALYZER_P_INTERVAL] = 3600.0;
    a->p[ANALYZER_P_DIGEST_TEMP] = ki->temp;
    a->p[ANALYZER_P_DIGEST_TIME] = ki->digest_s;
    a->p[ANALYZER_P_RANGE_LO] = 0.0;
    a->p[ANALYZER_P_RANGE_HI] = ki->range_hi;
    a->p[ANALYZER_P_SLOPE] = 1.0;
    a->p[ANALYZER_P_INTERCEPT] = 0.0;
    a->p[ANALYZER_P_STD_LABEL] = ki->std_label;
    a->p[ANALYZER_P_SPAN_LABEL] = ki->span_label;
    a->p[ANALYZER_P_DETECTION_LIMIT] = ki->dl;
    a->p[ANALYZER_P_DILUTION] = 1.0;
    a->p[ANALYZER_P_TOC_FACTOR] = 2.5;
    a->p[ANALYZER_P_TOC_OFFSET] = 0.0;
    a->cup_cap = c->cup_ml;
    a->draw_ml = c->draw_ml;
    a->line_ml_s = c->line_ml_s;
    a->next_sched = sched_from(a, a->t, 1);
    a->init_end = NAN;
    a->val_time = NAN;
    a->val_flag = 'N';
    for (int i = 0; i < 4; i++) {
        a->chk_val[i] = 0.0;
        a->chk_time[i] = NAN;
    }
    a->cal_time = NAN;
    return a;
}

void analyzer_free(analyzer *a)
{
    free(a);
}

double analyzer_time(const analyzer *a)
{
    return a->t;
}

analyzer_kind analyzer_get_kind(const analyzer *a)
{
    return a->kind;
}

/* ---- sample cup ---- */

/* Mixes ml of lin (water_to_lin) into the cup; returns the volume then (overflow not taken
 * off). */
static double cup_pour(analyzer *a, const double lin[WATER_LIN], double ml)
{
    double l[2][WATER_LIN], v[2] = {a->cup_v, ml};
    memcpy(l[0], a->cup, sizeof l[0]);
    memcpy(l[1], lin, sizeof l[1]);
    return water_lin_mix(2, v, (const double(*)[WATER_LIN])l, a->cup);
}

/* Line flow for dt: fill until full (exact mixture), then overflow as a perfectly mixed cup. */
static void cup_advance(analyzer *a, double dt)
{
    double r = a->line_ml_s;
    if (!(dt > 0.0) || !(r > 0.0)) return;
    double room = a->cup_cap - a->cup_v;
    if (room > 0.0) {
        double add = r * dt;
        double tf = dt;
        if (add > room) {
            add = room;
            tf = room / r;
        }
        a->cup_v = cup_pour(a, a->line, add);
        if (add >= room) a->cup_v = a->cup_cap;
        dt -= tf;
        if (!(dt > 0.0)) return;
    }
    double keep = exp(-r * dt / a->cup_cap);
    for (int i = 0; i < WATER_LIN; i++)
        a->cup[i] = a->line[i] + (a->cup[i] - a->line[i]) * keep;
}

void analyzer_set_line(analyzer *a, const water *q, double ml_s)
{
    if (q) water_to_lin(q, a->line);
    a->line_ml_s = isfinite(ml_s) && ml_s > 0.0 ? ml_s : 0.0;
}

int analyzer_add_to_cup(analyzer *a, double ml, const water *q)
{
    if (!q || !isfinite(ml) || ml < 0.0) return -1;
    if (ml == 0.0) return 0;
    double lq[WATER_LIN];
    water_to_lin(q, lq);
    double v = cup_pour(a, lq, ml);
    a->cup_v = v > a->cup_cap ? a->cup_cap : v; /* overflow leaves at the mixture */
    return 0;
}

double analyzer_cup(const analyzer *a, water *q)
{
    if (q) water_from_lin(a->cup, q);
    return a->cup_v;
}

/* ---- logs ---- */

static void log_meas(analyzer *a, const analyzer_meas *m)
{
    a->log[a->log_head] = *m;
    a->log_head = (a->log_head + 1) % ANALYZER_LOG_CAP;
    if (a->log_n < ANALYZER_LOG_CAP) a->log_n++;
}

static void log_change(analyzer *a, int param, double old_v, double new_v, int source)
{
    analyzer_change c = {dev_time(a), param, old_v, new_v, source};
    a->chg[a->chg_head] = c;
    a->chg_head = (a->chg_head + 1) % ANALYZER_CHANGE_CAP;
    if (a->chg_n < ANALYZER_CHANGE_CAP) a->chg_n++;
    a->chg_counter++;
}

size_t analyzer_log_count(const analyzer *a)
{
    return a->log_n;
}

int analyzer_log_get(const analyzer *a, size_t i, analyzer_meas *out)
{
    if (i >= a->log_n) return -1;
    *out = a->log[(a->log_head + ANALYZER_LOG_CAP - 1 - i) % ANALYZER_LOG_CAP];
    return 0;
}

size_t analyzer_changes_count(const analyzer *a)
{
    return a->chg_n;
}

int analyzer_change_get(const analyzer *a, size_t i, analyzer_change *out)
{
    if (i >= a->chg_n) return -1;
    *out = a->chg[(a->chg_head + ANALYZER_CHANGE_CAP - 1 - i) % ANALYZER_CHANGE_CAP];
    return 0;
}

/* ---- parameters ---- */

int analyzer_param_by_name(const char *name)
{
    if (!name) return -1;
    if (strcmp(name, "interval") == 0) return ANALYZER_P_INTERVAL;
    if (strcmp(name, "range_high") == 0) return ANALYZER_P_RANGE_HI;
    if (strcmp(name, "standard") == 0) return ANALYZER_P_STD_LABEL;
    for (int i = 0; i < ANALYZER_P_COUNT; i++)
        if (strcmp(name, PARAM_NAMES[i]) == 0) return i;
    return -1;
}

const char *analyzer_param_name(int param)
{
    return param >= 0 && param < ANALYZER_P_COUNT ? PARAM_NAMES[param] : NULL;
}

static int param_ok(const analyzer *a, int param, double v)
{
    if (!isfinite(v)) return 0;
    switch (param) {
    case ANALYZER_P_INTERVAL:
        return v >= 60.0 && v <= 86400.0;
    case ANALYZER_P_DIGEST_TEMP:
        return v >= 0.0 && v <= 1200.0;
    case ANALYZER_P_DIGEST_TIME:
        return v > 0.0 && v <= 86400.0;
    case ANALYZER_P_RANGE_LO:
        return v >= 0.0 && v < a->p[ANALYZER_P_RANGE_HI];
    case ANALYZER_P_RANGE_HI:
        return v > a->p[ANALYZER_P_RANGE_LO];
    case ANALYZER_P_SLOPE:
    case ANALYZER_P_DILUTION:
    case ANALYZER_P_TOC_FACTOR:
        return v != 0.0;
    case ANALYZER_P_STD_LABEL:
    case ANALYZER_P_SPAN_LABEL:
        return v > 0.0;
    case ANALYZER_P_DETECTION_LIMIT:
        return v >= 0.0;
    case ANALYZER_P_INTERCEPT:
    case ANALYZER_P_TOC_OFFSET:
        return 1;
    default:
        return 0;
    }
}

int analyzer_set(analyzer *a, int param, double v, int source)
{
    if (param < 0 || param >= ANALYZER_P_COUNT || !param_ok(a, param, v)) return -1;
    double old_v = a->p[param];
    if (param == ANALYZER_P_STD_LABEL && !a->std_true_set)
        a->std_true = v; /* an untouched bottle holds what its label says */
    a->p[param] = v;
    if (param == ANALYZER_P_INTERVAL) a->next_sched = sched_from(a, a->t, 0);
    log_change(a, param, old_v, v, source);
    return 0;
}

double analyzer_get(const analyzer *a, int param)
{
    return param >= 0 && param < ANALYZER_P_COUNT ? a->p[param] : NAN;
}

void analyzer_set_standard(analyzer *a, double true_conc)
{
    if (!isfinite(true_conc) || true_conc < 0.0) return;
    a->std_true = true_conc;
    a->std_true_set = 1;
}

double analyzer_standard(const analyzer *a)
{
    return a->std_true_set ? a->std_true : a->p[ANALYZER_P_STD_LABEL];
}

/* ---- the cycle ---- */

double analyzer_cycle_seconds(const analyzer *a)
{
    return a->ki->sample_s + a->p[ANALYZER_P_DIGEST_TIME] + a->ki->cool_s + a->ki->read_s;
}

static double oxidation(const kind_info *ki, double temp, double time)
{
    double k = OX_KT / ki->digest_s * pow(2.0, (temp - ki->temp) / 10.0);
    double ox = 1.0 - exp(-k * time);
    return ox / (1.0 - exp(-OX_KT));
}

/* Raw (mg/L equivalent) of a drawn concentration with the digestion of the cycle. */
static double raw_of(analyzer *a, double conc)
{
    double raw = conc * oxidation(a->ki, a->cyc_temp, a->cyc_time);
    if (a->noise_rel > 0.0) raw *= 1.0 + hw_rng_normal(&a->rng, 0.0, a->noise_rel);
    return raw;
}

/* Instrument reading of raw before range/limit: TOC kind returns COD and sets *toc. */
static double reading(const analyzer *a, double raw, double *toc)
{
    double v =
        a->p[ANALYZER_P_DILUTION] * (a->p[ANALYZER_P_SLOPE] * raw + a->p[ANALYZER_P_INTERCEPT]);
    *toc = 0.0;
    if (a->kind == ANALYZER_TOC) {
        *toc = v;
        v = a->p[ANALYZER_P_TOC_FACTOR] * v + a->p[ANALYZER_P_TOC_OFFSET];
    }
    return v;
}

static int state_of_cmd(int cmd)
{
    switch (cmd) {
    case ANALYZER_CMD_MEASURE:
        return ANALYZER_MEASURING;
    case ANALYZER_CMD_STD_CHECK:
        return ANALYZER_STD_CHECK;
    case ANALYZER_CMD_BLANK_CHECK:
        return ANALYZER_BLANK_CHECK;
    case ANALYZER_CMD_ZERO_CHECK:
        return ANALYZER_ZERO_CHECK;
    case ANALYZER_CMD_SPAN_CHECK:
        return ANALYZER_SPAN_CHECK;
    default:
        return ANALYZER_CALIBRATING;
    }
}

/* Concentration in the bottle a cycle type draws from. */
static double bottle_of(const analyzer *a, int cmd)
{
    switch (cmd) {
    case ANALYZER_CMD_STD_CHECK:
    case ANALYZER_CMD_CALIBRATE:
    case ANALYZER_CMD_TWO_POINT_CAL:
        return analyzer_standard(a);
    case ANALYZER_CMD_SPAN_CHECK:
    case ANALYZER_CMD_SPAN_CAL:
        return a->p[ANALYZER_P_SPAN_LABEL];
    default:
        return 0.0; /* blank, zero: pure water */
    }
}

static void cycle_start(analyzer *a, int cmd, int manual, int source)
{
    a->cyc = cmd;
    a->cyc_manual = manual;
    a->cyc_source = source;
    a->cyc_start = a->t;
    a->cyc_phase = ANALYZER_PH_SAMPLE;
    a->cyc_end = a->t + a->ki->sample_s;
    a->cyc_temp = a->p[ANALYZER_P_DIGEST_TEMP];
    a->cyc_time = a->p[ANALYZER_P_DIGEST_TIME];
    a->cyc_nosample = 0;
    a->cyc_truth2 = 0.0;
    if (cmd == ANALYZER_CMD_MEASURE) {
        /* the sample is drawn from the cup now: SampleTime */
        if (a->cup_v + 1e-9 < a->draw_ml || a->cup_v <= 0.0) {
            a->cyc_nosample = 1;
            a->cyc_truth = 0.0;
        } else {
            a->cyc_truth = a->cup[a->ki->lin];
            a->cup_v -= a->draw_ml;
            if (a->cup_v < 0.0) a->cup_v = 0.0;
        }
    } else {
        a->cyc_truth = bottle_of(a, cmd);
    }
}

static void publish(analyzer *a, const analyzer_meas *m, double abs_raw, int qual)
{
    if (a->frozen) return;
    a->val = m->value;
    a->val_toc = m->toc;
    a->val_time = m->sample_time;
    a->val_flag = m->flag;
    a->val_manual = m->manual;
    a->val_qual = qual;
    a->val_abs = abs_raw;
    a->count++;
}

static void cal_set(analyzer *a, int param, double v)
{
    if (!param_ok(a, param, v)) {
        a->alarm |= ANALYZER_ALARM_CAL_FAIL;
        return;
    }
    double old_v = a->p[param];
    a->p[param] = v;
    log_change(a, param, old_v, v, a->cyc_source);
}

static void cycle_finish(analyzer *a)
{
    int cmd = a->cyc;
    analyzer_meas m = {0};
    double toc = 0.0;
    m.sample_time = a->cyc_start + a->clock_off;
    m.end_time = dev_time(a);
    m.manual = a->cyc_manual;
    m.type = cmd;
    m.truth = a->cyc_truth;
    m.flag = 'N';
    m.published = cmd == ANALYZER_CMD_MEASURE && !a->frozen;
    double raw = raw_of(a, a->cyc_truth);
    double v = reading(a, raw, &toc);
    double abs_raw = raw * a->ki->abs_per_unit;

    a->cyc = 0;
    a->cyc_phase = ANALYZER_PH_NONE;
    switch (cmd) {
    case ANALYZER_CMD_MEASURE: {
        int qual = 0;
        a->alarm &=
            ~(ANALYZER_ALARM_OVER_RANGE | ANALYZER_ALARM_BELOW_DL | ANALYZER_ALARM_NO_SAMPLE);
        if (a->cyc_nosample) {
            v = 0.0;
            toc = 0.0;
            m.flag = 'D';
            a->alarm |= ANALYZER_ALARM_NO_SAMPLE;
        } else if (v > a->p[ANALYZER_P_RANGE_HI]) {
            v = a->p[ANALYZER_P_RANGE_HI];
            m.flag = 'T';
            qual |= 2;
            a->alarm |= ANALYZER_ALARM_OVER_RANGE;
        } else if (v < a->p[ANALYZER_P_DETECTION_LIMIT]) {
            v = a->p[ANALYZER_P_DETECTION_LIMIT];
            m.below_dl = 1;
            qual |= 1;
            a->alarm |= ANALYZER_ALARM_BELOW_DL;
        }
        m.value = v;
        m.toc = toc;
        log_meas(a, &m);
        publish(a, &m, abs_raw, qual);
        return;
    }
    case ANALYZER_CMD_STD_CHECK: {
        double label = a->p[ANALYZER_P_STD_LABEL];
        a->chk_val[0] = v;
        a->chk_time[0] = m.sample_time;
        a->std_err = 100.0 * (v - label) / label;
        a->std_result = fabs(a->std_err) <= 10.0 ? 1 : 2;
        if (a->std_result == 2)
            a->alarm |= ANALYZER_ALARM_STD_FAIL;
        else
            a->alarm &= ~ANALYZER_ALARM_STD_FAIL;
        break;
    }
    case ANALYZER_CMD_BLANK_CHECK:
        a->chk_val[1] = v;
        a->chk_time[1] = m.sample_time;
        break;
    case ANALYZER_CMD_ZERO_CHECK:
        a->chk_val[2] = v;
        a->chk_time[2] = m.sample_time;
        break;
    case ANALYZER_CMD_SPAN_CHECK:
        a->chk_val[3] = v;
        a->chk_time[3] = m.sample_time;
        break;
    case ANALYZER_CMD_ZERO_CAL:
        cal_set(a, ANALYZER_P_INTERCEPT, -a->p[ANALYZER_P_SLOPE] * raw);
        a->cal_time = m.end_time;
        break;
    case ANALYZER_CMD_SPAN_CAL:
    case ANALYZER_CMD_CALIBRATE:
    case ANALYZER_CMD_TWO_POINT_CAL: {
        double label =
            a->p[cmd == ANALYZER_CMD_SPAN_CAL ? ANALYZER_P_SPAN_LABEL : ANALYZER_P_STD_LABEL];
        a->alarm &= ~ANALYZER_ALARM_CAL_FAIL;
        if (cmd == ANALYZER_CMD_TWO_POINT_CAL) /* zero solution first: raw 0 (no reagent blank) */
            cal_set(a, ANALYZER_P_INTERCEPT, -a->p[ANALYZER_P_SLOPE] * raw_of(a, 0.0));
        if (raw > 0.0)
            cal_set(a, ANALYZER_P_SLOPE,
                    (label / a->p[ANALYZER_P_DILUTION] - a->p[ANALYZER_P_INTERCEPT]) / raw);
        else
            a->alarm |= ANALYZER_ALARM_CAL_FAIL;
        a->cal_time = m.end_time;
        break;
    }
    default:
        break;
    }
    m.value = reading(a, raw, &m.toc); /* checks and calibrations: the reading after it */
    log_meas(a, &m);
}

static void cycle_abort(analyzer *a)
{
    a->cyc = 0;
    a->cyc_phase = ANALYZER_PH_NONE;
}

static void phase_next(analyzer *a)
{
    switch (a->cyc_phase) {
    case ANALYZER_PH_SAMPLE:
        a->cyc_phase = ANALYZER_PH_DIGEST;
        a->cyc_end = a->t + a->cyc_time;
        break;
    case ANALYZER_PH_DIGEST:
        a->cyc_phase = ANALYZER_PH_COOL;
        a->cyc_end = a->t + a->ki->cool_s;
        break;
    case ANALYZER_PH_COOL:
        a->cyc_phase = ANALYZER_PH_READ;
        a->cyc_end = a->t + a->ki->read_s;
        break;
    default:
        cycle_finish(a);
        break;
    }
}

static int scheduling(const analyzer *a)
{
    return !a->standby && !a->maint && !a->fault;
}

void analyzer_step(analyzer *a, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = a->t + dt;
    for (;;) { /* every event moves time forward or ends: the loop terminates */
        double next = INFINITY;
        int ev = 0;
        if (a->cyc && a->cyc_end < next) {
            next = a->cyc_end;
            ev = 1;
        }
        if (!isnan(a->init_end) && a->init_end < next) {
            next = a->init_end;
            ev = 2;
        }
        if (a->next_sched < next) {
            next = a->next_sched;
            ev = 3;
        }
        if (next > t_end) break;
        cup_advance(a, next - a->t);
        a->t = next;
        if (ev == 1) {
            phase_next(a);
        } else if (ev == 2) {
            a->init_end = NAN;
        } else {
            /* a start that finds the instrument busy is skipped, as real ones do */
            if (scheduling(a) && !a->cyc && isnan(a->init_end))
                cycle_start(a, ANALYZER_CMD_MEASURE, 0, 0);
            a->next_sched = sched_from(a, a->t, 0);
        }
    }
    cup_advance(a, t_end - a->t);
    a->t = t_end;
}

int analyzer_cmd_by_name(const char *name)
{
    static const struct {
        const char *name;
        int cmd;
    } names[] = {
        {"measure", ANALYZER_CMD_MEASURE},
        {"standard_check", ANALYZER_CMD_STD_CHECK},
        {"blank_check", ANALYZER_CMD_BLANK_CHECK},
        {"zero_check", ANALYZER_CMD_ZERO_CHECK},
        {"span_check", ANALYZER_CMD_SPAN_CHECK},
        {"zero_calibrate", ANALYZER_CMD_ZERO_CAL},
        {"span_calibrate", ANALYZER_CMD_SPAN_CAL},
        {"two_point_calibrate", ANALYZER_CMD_TWO_POINT_CAL},
        {"calibrate", ANALYZER_CMD_CALIBRATE},
        {"initialise", ANALYZER_CMD_INIT},
        {"initialize", ANALYZER_CMD_INIT},
        {"stop", ANALYZER_CMD_STOP},
        {"restart", ANALYZER_CMD_RESTART},
    };
    if (!name) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) return names[i].cmd;
    return -1;
}

int analyzer_command(analyzer *a, int cmd, int source)
{
    if (cmd < ANALYZER_CMD_MEASURE || cmd > ANALYZER_CMD_RESTART) return HWDEV_EX_VALUE;
    if (a->fault && cmd != ANALYZER_CMD_STOP) return HWDEV_EX_FAILURE;
    a->last_cmd = cmd;
    switch (cmd) {
    case ANALYZER_CMD_INIT:
        cycle_abort(a);
        a->standby = 0;
        a->init_end = a->t + a->init_s;
        return 0;
    case ANALYZER_CMD_STOP:
        cycle_abort(a);
        a->init_end = NAN;
        a->standby = 1;
        return 0;
    case ANALYZER_CMD_RESTART:
        cycle_abort(a);
        a->init_end = NAN;
        a->standby = 0;
        cycle_start(a, ANALYZER_CMD_MEASURE, 1, source);
        return 0;
    default:
        if (a->cyc || !isnan(a->init_end)) return HWDEV_EX_BUSY;
        cycle_start(a, cmd, 1, source);
        return 0;
    }
}

void analyzer_freeze(analyzer *a, double v)
{
    a->frozen = 1;
    a->frozen_v = v;
}

void analyzer_unfreeze(analyzer *a)
{
    a->frozen = 0;
}

void analyzer_set_fault(analyzer *a, int code)
{
    a->fault = code;
    if (code) {
        cycle_abort(a);
        a->init_end = NAN;
        a->alarm |= ANALYZER_ALARM_FAULT;
    } else {
        a->alarm &= ~ANALYZER_ALARM_FAULT;
    }
}

void analyzer_set_maintenance(analyzer *a, int on)
{
    a->maint = on != 0;
    if (a->maint) cycle_abort(a);
}

static int cur_state(const analyzer *a)
{
    if (a->fault) return ANALYZER_FAULT;
    if (a->cyc) return state_of_cmd(a->cyc);
    if (a->maint) return ANALYZER_MAINTENANCE;
    if (!isnan(a->init_end)) return ANALYZER_INITIALISING;
    if (a->standby) return ANALYZER_STANDBY;
    return ANALYZER_IDLE;
}

static int hj_state(int st)
{
    switch (st) {
    case ANALYZER_MEASURING:
        return 7;
    case ANALYZER_STD_CHECK:
    case ANALYZER_BLANK_CHECK:
    case ANALYZER_ZERO_CHECK:
    case ANALYZER_SPAN_CHECK:
        return 8;
    case ANALYZER_CALIBRATING:
        return 3;
    case ANALYZER_FAULT:
        return 2;
    case ANALYZER_MAINTENANCE:
        return 1;
    case ANALYZER_STANDBY:
        return 9;
    default:
        return 0; /* idle, initialising: running */
    }
}

void analyzer_get_status(const analyzer *a, analyzer_status *st)
{
    memset(st, 0, sizeof *st);
    st->state = cur_state(a);
    st->i12001 = hj_state(st->state);
    st->phase = a->cyc_phase;
    st->manual = a->cyc ? a->cyc_manual : 0;
    st->alarm = a->alarm;
    st->fault = a->fault;
    st->value = a->frozen ? a->frozen_v : a->val;
    st->toc = a->val_toc;
    st->value_time = a->val_time;
    st->flag = a->val_flag;
    st->count = a->count;
    st->change_counter = a->chg_counter;
    st->next_scheduled = a->next_sched;
}

/* ---- registers ---- */

#define W 1
#define R 0
static const hwreg_field MAP[] = {
    {0x000, HWREG_F32, R, ANALYZER_R_VALUE},
    {0x002, HWREG_BCD, R, ANALYZER_R_VALUE_TIME},
    {0x005, HWREG_U16, R, ANALYZER_R_FLAG},
    {0x006, HWREG_U16, R, ANALYZER_R_TRIGGER},
    {0x007, HWREG_U16, R, ANALYZER_R_QUAL},
    {0x008, HWREG_F32, R, ANALYZER_R_TOC},
    {0x00A, HWREG_U16, R, ANALYZER_R_COUNT},
    {0x010, HWREG_F32, R, ANALYZER_R_STD_VAL},
    {0x012, HWREG_BCD, R, ANALYZER_R_STD_TIME},
    {0x015, HWREG_U16, R, ANALYZER_R_STD_RESULT},
    {0x016, HWREG_F32, R, ANALYZER_R_STD_ERR},
    {0x018, HWREG_F32, R, ANALYZER_R_BLANK_VAL},
    {0x01A, HWREG_BCD, R, ANALYZER_R_BLANK_TIME},
    {0x020, HWREG_F32, R, ANALYZER_R_ZERO_VAL},
    {0x022, HWREG_BCD, R, ANALYZER_R_ZERO_TIME},
    {0x028, HWREG_F32, R, ANALYZER_R_SPAN_VAL},
    {0x02A, HWREG_BCD, R, ANALYZER_R_SPAN_TIME},
    {0x080, HWREG_U16, R, ANALYZER_R_STATE},
    {0x081, HWREG_U16, R, ANALYZER_R_HJSTATE},
    {0x082, HWREG_U16, R, ANALYZER_R_MODE},
    {0x083, HWREG_U16, R, ANALYZER_R_ALARM},
    {0x084, HWREG_U16, R, ANALYZER_R_FAULT},
    {0x085, HWREG_U16, R, ANALYZER_R_PHASE},
    {0x086, HWREG_U16, R, ANALYZER_R_REMAIN},
    {0x087, HWREG_BCD, R, ANALYZER_R_CLOCK},
    {0x08A, HWREG_U16, R, ANALYZER_R_CHG_COUNT},
    {0x08B, HWREG_U16, R, ANALYZER_R_CHG_PARAM},
    {0x08C, HWREG_F32, R, ANALYZER_R_CHG_OLD},
    {0x08E, HWREG_F32, R, ANALYZER_R_CHG_NEW},
    {0x090, HWREG_BCD, R, ANALYZER_R_CHG_TIME},
    {0x093, HWREG_U16, R, ANALYZER_R_CHG_SRC},
    {0x094, HWREG_U16, R, ANALYZER_R_CYC_MANUAL},
    {0x0A0, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_INTERVAL},
    {0x0A2, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_DIGEST_TEMP},
    {0x0A4, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_DIGEST_TIME},
    {0x0A6, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_RANGE_LO},
    {0x0A8, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_RANGE_HI},
    {0x0AA, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_SLOPE},
    {0x0AC, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_INTERCEPT},
    {0x0AE, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_STD_LABEL},
    {0x0B0, HWREG_F32, R, ANALYZER_R_ABS},
    {0x0B2, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_DETECTION_LIMIT},
    {0x0B4, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_DILUTION},
    {0x0B6, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_TOC_FACTOR},
    {0x0B8, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_TOC_OFFSET},
    {0x0BA, HWREG_F32, W, ANALYZER_R_PARAM + ANALYZER_P_SPAN_LABEL},
    {0x0BC, HWREG_BCD, R, ANALYZER_R_CAL_TIME},
    {0x200, HWREG_U16, W, ANALYZER_R_CMD},
    {0x201, HWREG_BCD, W, ANALYZER_R_CMD_TIME},
};
#undef W
#undef R

/* The blocks of docs/registers.md; the words between fields inside them are reserved
 * (0x100B-0x100F, 0x101D-0x101F, 0x1025-0x1027 at the default base). */
static const hwreg_block BLOCKS[] = {
    {0x000, 0x2D, "data"},
    {0x080, 0x15, "status"},
    {0x0A0, 0x1F, "parameters"},
    {0x200, 4, "commands"},
};
const hwreg_map analyzer_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

/* Parameter in register units: interval and digestion time in minutes. */
static double param_reg(int param, double v)
{
    return param == ANALYZER_P_INTERVAL || param == ANALYZER_P_DIGEST_TIME ? v / 60.0 : v;
}

static uint16_t param_addr(const analyzer *a, int param)
{
    for (size_t i = 0; i < sizeof MAP / sizeof MAP[0]; i++)
        if (MAP[i].id == ANALYZER_R_PARAM + param) return (uint16_t)(a->lay.base + MAP[i].off);
    return 0;
}

static double reg_get(void *dev, int id)
{
    analyzer *a = dev;
    analyzer_change c = {0};
    int has_chg = analyzer_change_get(a, 0, &c) == 0;
    if (id >= ANALYZER_R_PARAM)
        return param_reg(id - ANALYZER_R_PARAM, a->p[id - ANALYZER_R_PARAM]);
    switch (id) {
    case ANALYZER_R_VALUE:
        return a->frozen ? a->frozen_v : a->val;
    case ANALYZER_R_VALUE_TIME:
        return a->val_time;
    case ANALYZER_R_FLAG:
        return (double)(unsigned char)a->val_flag;
    case ANALYZER_R_TRIGGER:
        return a->val_manual;
    case ANALYZER_R_QUAL:
        return a->val_qual;
    case ANALYZER_R_TOC:
        return a->val_toc;
    case ANALYZER_R_COUNT:
        return a->count % 65536u;
    case ANALYZER_R_STD_VAL:
        return a->chk_val[0];
    case ANALYZER_R_STD_TIME:
        return a->chk_time[0];
    case ANALYZER_R_STD_RESULT:
        return a->std_result;
    case ANALYZER_R_STD_ERR:
        return a->std_err;
    case ANALYZER_R_BLANK_VAL:
        return a->chk_val[1];
    case ANALYZER_R_BLANK_TIME:
        return a->chk_time[1];
    case ANALYZER_R_ZERO_VAL:
        return a->chk_val[2];
    case ANALYZER_R_ZERO_TIME:
        return a->chk_time[2];
    case ANALYZER_R_SPAN_VAL:
        return a->chk_val[3];
    case ANALYZER_R_SPAN_TIME:
        return a->chk_time[3];
    case ANALYZER_R_STATE:
        return cur_state(a);
    case ANALYZER_R_HJSTATE:
        return hj_state(cur_state(a));
    case ANALYZER_R_MODE:
        return a->maint ? 2 : a->standby ? 1 : 0;
    case ANALYZER_R_ALARM:
        return a->alarm;
    case ANALYZER_R_FAULT:
        return a->fault;
    case ANALYZER_R_PHASE:
        return a->cyc_phase;
    case ANALYZER_R_REMAIN:
        return a->cyc ? ceil(a->cyc_end - a->t) : 0;
    case ANALYZER_R_CLOCK:
    case ANALYZER_R_CMD_TIME:
        return dev_time(a);
    case ANALYZER_R_CHG_COUNT:
        return a->chg_counter % 65536u;
    case ANALYZER_R_CHG_PARAM:
        return has_chg ? param_addr(a, c.param) : 0;
    case ANALYZER_R_CHG_OLD:
        return has_chg ? param_reg(c.param, c.old_v) : 0;
    case ANALYZER_R_CHG_NEW:
        return has_chg ? param_reg(c.param, c.new_v) : 0;
    case ANALYZER_R_CHG_TIME:
        return has_chg ? c.time : NAN;
    case ANALYZER_R_CHG_SRC:
        return has_chg ? c.source : 0;
    case ANALYZER_R_ABS:
        return a->val_abs;
    case ANALYZER_R_CAL_TIME:
        return a->cal_time;
    case ANALYZER_R_CYC_MANUAL:
        return a->cyc ? a->cyc_manual : 0;
    case ANALYZER_R_CMD:
        return a->last_cmd;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    analyzer *a = dev;
    if (id >= ANALYZER_R_PARAM) {
        int param = id - ANALYZER_R_PARAM;
        if (param == ANALYZER_P_INTERVAL || param == ANALYZER_P_DIGEST_TIME) v *= 60.0;
        return analyzer_set(a, param, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    }
    if (id == ANALYZER_R_CMD) {
        if (v != ANALYZER_CMD_SET_TIME) return analyzer_command(a, (int)v, HWDEV_SRC_MODBUS);
        a->last_cmd = ANALYZER_CMD_SET_TIME; /* the date follows in the same request */
        return 0;
    }
    if (id == ANALYZER_R_CMD_TIME) {
        a->clock_off = v - a->t;
        a->next_sched = sched_from(a, a->t, 0);
        return 0;
    }
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    analyzer *a = dev;
    return hwreg_read(&analyzer_regmap, &a->lay, table, addr, n, out, reg_get, a);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    analyzer *a = dev;
    uint16_t cmd_addr = (uint16_t)(a->lay.base + 0x200);
    /* set time is one request: command 13 followed by the date; the date alone is refused */
    if (addr == cmd_addr && n >= 1 && in[0] == ANALYZER_CMD_SET_TIME && n != 4)
        return HWDEV_EX_VALUE;
    if (addr == cmd_addr + 1 || (addr == cmd_addr && n == 4 && in[0] != ANALYZER_CMD_SET_TIME))
        return HWDEV_EX_VALUE;
    return hwreg_write(&analyzer_regmap, &a->lay, addr, n, in, reg_set, a);
}

const hwdev_ops analyzer_hwdev_ops = {
    .kind = "analyzer",
    .read = ops_read,
    .write = ops_write,
};

hwdev analyzer_hwdev(analyzer *a)
{
    hwdev d = {&analyzer_hwdev_ops, a};
    return d;
}
