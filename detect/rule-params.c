/*
 * rule-params.c — the analyzers' status (3020) and what checks them: a parameter changed
 * without a work order (param_change, strong) and the level after it (level_shift); a
 * calibration and the level after it, or a slope/intercept a calibration without an order
 * set (calibration_shift); lab results that disagree with the analyzer (lab_mismatch).
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- lab results ---- */

void rule_lab_check(rule_sink *k, int ci, int64_t t, double value, int *done)
{
    rule_station *st = k->st;
    const rule_analyzer *an = &st->analyzers[ci];
    const rule_sample *best = NULL;
    for (size_t i = 0; i < an->nhist; i++)
        if (llabs(an->hist[i].sampled - t) <= st->cfg.lab_window_min * MIN_MS &&
            (!best || llabs(an->hist[i].sampled - t) < llabs(best->sampled - t)))
            best = &an->hist[i];
    if (!best) return;
    *done = 1;
    if (value <= 0 || best->value >= (1 - st->cfg.lab_tol) * value) return;
    int64_t from = best->sampled < t ? best->sampled : t;
    /* the level has been low since a calibration that shifted it: the lab speaks of that */
    if (an->calib.shifted && an->calib.at && an->calib.at < from &&
        from - an->calib.at < 7 * 24 * HOUR_MS)
        from = an->calib.at;
    rule_hit *h = rule_raise(k, RULE_LAB_MISMATCH, from, best->sampled > t ? best->sampled : t, 0);
    if (!h) return;
    if (h->time < t) h->time = t;
    char lab_txt[32], analyzer_txt[32], hm[8];
    rule_format_hm(t, hm, sizeof hm);
    double pct = (best->value - value) / value * 100;
    evidence_en(h->en, sizeof h->en, EV_LAB_MISMATCH, code_en(ci),
                rule_num(value, lab_txt, sizeof lab_txt), code_unit(ci), hm,
                rule_num(best->value, analyzer_txt, sizeof analyzer_txt), pct);
    evidence_zh(h->zh, sizeof h->zh, EV_LAB_MISMATCH, code_zh(ci), lab_txt, code_unit(ci), hm,
                analyzer_txt, pct);
}

/* A lab result: against the measurement nearest its sample time, or kept until the
 * analyzer has measured past it. */
void rule_check_lab(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    int done = 0;
    rule_lab_check(k, ev->ci, ev->t, ev->value, &done);
    if (done) return;
    if (st->nlabs == NLAB) {
        memmove(st->labs, st->labs + 1, (NLAB - 1) * sizeof st->labs[0]);
        st->nlabs--;
    }
    st->labs[st->nlabs].ci = ev->ci;
    st->labs[st->nlabs].sampled = ev->t;
    st->labs[st->nlabs].value = ev->value;
    st->labs[st->nlabs].done = 0;
    st->nlabs++;
}

/* A measurement past a waiting lab result's sample time: the nearest is known now. */
void rule_check_pending_labs(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_measurement *m = ev->m;
    for (size_t i = 0; i < st->nlabs; i++)
        if (!st->labs[i].done && st->labs[i].ci == m->ci && m->sampled >= st->labs[i].sampled)
            rule_lab_check(k, m->ci, st->labs[i].sampled, st->labs[i].value, &st->labs[i].done);
}

/* ---- the level after a calibration or a parameter change ---- */

/* The mean of shift_cycles values after a calibration under (1 - max(shift_ratio, 2 x the
 * analyzer's CV)) x the baseline before it: the standard solution shifted it — unless the
 * slope the calibration set is known (3020) and moved the readings by little. */
void rule_check_calibration(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    if (!an->calib.at || m->sampled <= an->calib.at || an->calib.n >= c->shift_cycles ||
        an->calib.checked)
        return;
    an->calib.sum += m->value;
    if (++an->calib.n != c->shift_cycles || an->calib.before <= 0) return;
    double mean = an->calib.sum / an->calib.n, before = an->calib.before;
    /* down by shift_ratio, and by more than the analyzer's own variation (two values: 2 x
     * its CV) */
    double cv = an->base.mean > 0 ? sqrt(an->base.var) / an->base.mean : 0;
    if (mean >= (1 - fmax(c->shift_ratio, 2 * cv)) * before) return;
    an->calib.shifted = 1;
    rule_hit *h = rule_raise(k, RULE_CALIBRATION_SHIFT, an->calib.at, m->sampled, 0);
    if (h) {
        char hm[8], before_txt[32], mean_txt[32];
        rule_format_hm(an->calib.at, hm, sizeof hm);
        evidence_en(h->en, sizeof h->en, EV_CALIBRATION_SHIFT, code_en(m->ci),
                    rule_num(before, before_txt, sizeof before_txt),
                    rule_num(mean, mean_txt, sizeof mean_txt), code_unit(m->ci),
                    (mean - before) / before * 100, hm);
        evidence_zh(h->zh, sizeof h->zh, EV_CALIBRATION_SHIFT, code_zh(m->ci), hm, before_txt,
                    mean_txt, code_unit(m->ci), (mean - before) / before * 100);
    }
    m->anomalous = 1;
}

/* The mean of shift_cycles values after a parameter change moved by shift_ratio. */
void rule_check_level_shift(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    const rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    if (!an->shift.at || m->sampled <= an->shift.at || an->shift.n >= c->shift_cycles) return;
    an->shift.sum += m->value;
    if (++an->shift.n != c->shift_cycles || an->shift.before <= 0) return;
    double mean = an->shift.sum / an->shift.n, before = an->shift.before;
    if (fabs(mean - before) <= c->shift_ratio * before) return;
    rule_hit *h = rule_raise(k, RULE_LEVEL_SHIFT, an->shift.at, m->sampled, 1);
    if (!h) return;
    char hm[8], before_txt[32], mean_txt[32];
    rule_format_hm(an->shift.at, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_LEVEL_SHIFT, code_en(m->ci),
                rule_num(before, before_txt, sizeof before_txt),
                rule_num(mean, mean_txt, sizeof mean_txt), code_unit(m->ci),
                (mean - before) / before * 100, hm);
    evidence_zh(h->zh, sizeof h->zh, EV_LEVEL_SHIFT, code_zh(m->ci), hm, before_txt, mean_txt,
                code_unit(m->ci), (mean - before) / before * 100);
}

/* ---- 3020: work state, calibration time, parameters ---- */

/* A calibration begins at t: the level after it is watched. */
static void calibration_begins(const rule_station *st, rule_analyzer *an, int64_t t)
{
    an->calib.at = t;
    an->calib.checked = 0;
    an->calib.before = rule_warm(st, an) ? rule_base(an, t) : 0;
    an->calib.sum = 0;
    an->calib.n = 0;
}

/* A calibration begun within 2 h that set the slope or the intercept (work order or not). */
static int set_by_calibration(const rule_analyzer *an, const rule_param *p, int64_t t)
{
    return an->calib.at && t >= an->calib.at && t - an->calib.at <= 2 * HOUR_MS &&
           (strcmp(p->code, code_of(HJCODE_I_INTERCEPT)) == 0 ||
            strcmp(p->code, code_of(HJCODE_I_SLOPE)) == 0);
}

/* The analyzer's parameter `code` changed to v (old before, p its record) at t, with no
 * work order. A slope or intercept set by a calibration begun within 2 h (no work order):
 * the standard solution decides them — calibration_shift, strong all the same; any other:
 * param_change (strong), and the level after it is watched. */
static void parameter_changed(rule_sink *k, int ci, rule_param *p, double old, int64_t t)
{
    rule_station *st = k->st;
    rule_analyzer *an = &st->analyzers[ci];
    double v = p->last;
    /* a numeric parameter by its name in the code table; any other by its code */
    const hjcode *row = hjcode_find(p->code);
    int named = row && row->decimals >= 0;
    const char *name_en = named ? row->name_en : p->code;
    const char *name_zh = named ? row->name_zh : p->code;
    char hm[8], old_txt[32], new_txt[32], registered_txt[32];
    int by_calibration = set_by_calibration(an, p, t);
    if (by_calibration) {
        p->registered = v;
        rule_hit *h = rule_raise(k, RULE_CALIBRATION_SHIFT, an->calib.at, t, 1);
        if (!h) return;
        rule_format_hm(an->calib.at, hm, sizeof hm);
        rule_num(old, old_txt, sizeof old_txt);
        rule_num(v, new_txt, sizeof new_txt);
        evidence_en(h->en, sizeof h->en, EV_CALIBRATION_SET, code_en(ci), name_en, old_txt, new_txt,
                    p->code, hm);
        evidence_zh(h->zh, sizeof h->zh, EV_CALIBRATION_SET, code_zh(ci), name_zh, old_txt, new_txt,
                    p->code, hm);
        return;
    }
    rule_hit *h = rule_raise(k, RULE_PARAM_CHANGE, t, t, 1);
    if (h) {
        rule_format_hm(t, hm, sizeof hm);
        rule_num(old, old_txt, sizeof old_txt);
        rule_num(v, new_txt, sizeof new_txt);
        rule_num(p->registered, registered_txt, sizeof registered_txt);
        evidence_en(h->en, sizeof h->en, EV_PARAM_CHANGE, code_en(ci), name_en, old_txt, new_txt,
                    p->code, registered_txt, hm);
        evidence_zh(h->zh, sizeof h->zh, EV_PARAM_CHANGE, code_zh(ci), name_zh, old_txt, new_txt,
                    p->code, registered_txt, hm);
    }
    if (!an->shift.at || t - an->shift.at > HOUR_MS) {
        an->shift.at = t;
        an->shift.before = rule_warm(st, an) ? rule_base(an, t)
                           : an->nhist       ? an->hist[an->nhist - 1].value
                                             : 0;
        an->shift.sum = 0;
        an->shift.n = 0;
    }
}

/* A calibration under a work order set the slope (or the intercept) old -> v: every reading
 * from then on moves by that factor (or by that amount against the usual level). On a
 * standard that holds what its label says a calibration moves them by the analyzer's
 * repeatability only; calib_effect or more, either way, means the standard was not what
 * its label says (a weaker bottle reads high, a stronger one low) — calibration_shift,
 * data only (the order makes the job routine, not the bottle true). */
static void calibration_effect(rule_sink *k, int ci, const rule_param *p, double old, int64_t t)
{
    rule_station *st = k->st;
    const rule_analyzer *an = &st->analyzers[ci];
    double v = p->last, effect = 0;
    if (strcmp(p->code, code_of(HJCODE_I_SLOPE)) == 0) {
        if (old <= 0 || v <= 0) return;
        effect = v / old - 1;
    } else {
        double level = an->base.n ? an->base.mean : an->nhist ? an->hist[an->nhist - 1].value : 0;
        if (level <= 0) return;
        effect = (v - old) / level;
    }
    if (fabs(effect) < st->cfg.calib_effect) return;
    rule_hit *h = rule_raise(k, RULE_CALIBRATION_SHIFT, an->calib.at, t, 0);
    if (!h) return;
    const hjcode *row = hjcode_find(p->code);
    int named = row && row->decimals >= 0;
    char hm[8], old_txt[32], new_txt[32];
    rule_format_hm(an->calib.at, hm, sizeof hm);
    rule_num(old, old_txt, sizeof old_txt);
    rule_num(v, new_txt, sizeof new_txt);
    evidence_en(h->en, sizeof h->en, EV_CALIBRATION_EFFECT, code_en(ci), hm,
                named ? row->name_en : p->code, old_txt, new_txt, p->code, effect * 100);
    evidence_zh(h->zh, sizeof h->zh, EV_CALIBRATION_EFFECT, code_zh(ci), hm,
                named ? row->name_zh : p->code, old_txt, new_txt, p->code, effect * 100);
}

/* A parameter upload (i13xxx): the first is the registered value; a change under a work
 * order becomes the registered one (a calibration's slope or intercept is judged for what
 * it does to the readings); one without an order is reported once. */
static void parameter(rule_sink *k, int ci, const rule_field *f, int64_t t)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_analyzer *an = &st->analyzers[ci];
    double v = 0;
    if (strncmp(f->code, "i13", 3) != 0 || rule_parse_num(f->value, &v) != 0) return;
    int interval = strcmp(f->code, code_of(HJCODE_I_INTERVAL)) == 0 && v > 0 && v < 1e6;
    rule_param *p = NULL;
    for (size_t j = 0; j < an->nparams; j++)
        if (strcmp(an->params[j].code, f->code) == 0) p = &an->params[j];
    if (!p) {
        if (an->nparams == NPARAM) return;
        p = &an->params[an->nparams++];
        snprintf(p->code, sizeof p->code, "%s", f->code);
        p->registered = p->last = v; /* the first upload is the registered value */
        if (interval) an->cycle_set = (int64_t)(v * MIN_MS);
        return;
    }
    double old = p->last;
    p->last = v;
    if (interval) an->cycle_set = (int64_t)(v * MIN_MS);
    /* the slope a calibration set (or kept): moved by little, the level after it is the
     * water's, not the calibration's */
    if (strcmp(p->code, code_of(HJCODE_I_SLOPE)) == 0 && set_by_calibration(an, p, t) && old > 0 &&
        fabs(v / old - 1) < c->calib_effect)
        an->calib.checked = 1;
    if (fabs(v - p->registered) <= c->param_rel_tol * fmax(fabs(p->registered), 1e-9)) return;
    if (rule_station_covered(st, t, WO_MARGIN)) {
        if (set_by_calibration(an, p, t)) calibration_effect(k, ci, p, old, t);
        p->registered = v; /* changed under a work order: the new registered value */
        return;
    }
    if (fabs(v - old) <= c->param_rel_tol * fmax(fabs(old), 1e-9)) return; /* told already */
    parameter_changed(k, ci, p, old, t);
}

/* A field of an analyzer's 3020 upload (PolId = its code): work state 3 (i12001) or a new
 * calibration time (i13006) is a calibration; i13xxx are its parameters. */
void rule_check_status(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_field *f = ev->field;
    int64_t t = ev->t;
    int ci = rule_code_index(f->polid);
    if (ci < 0 || ci >= NBATCH) return;
    rule_analyzer *an = &st->analyzers[ci];
    double v = 0;
    if (strcmp(f->code, code_of(HJCODE_I_STATE)) == 0) {
        int state = rule_parse_num(f->value, &v) == 0 && v >= 0 && v <= 99 ? (int)v : -1;
        an->hj_state = state;
        /* maintenance, fault, calibration, standardisation, standby: off its schedule */
        if (state == 1 || state == 2 || state == 3 || state == 8 || state == 9) an->restarted = 1;
        if (state == 3 && t - an->calib.at > HOUR_MS) {
            calibration_begins(st, an, t);
            an->calib.shifted = 0;
        }
        return;
    }
    if (strcmp(f->code, code_of(HJCODE_I_ALARM)) == 0) {
        an->hj_alarm = rule_parse_num(f->value, &v) == 0 && v == 0 ? 0 : 1;
        return;
    }
    if (strcmp(f->code, code_of(HJCODE_I_CAL_TIME)) == 0) {
        int64_t when = rule_parse_hj212_time(f->value);
        if (when > 0 && an->calibrated && when != an->calibrated && t - an->calib.at > HOUR_MS)
            calibration_begins(st, an, t);
        if (when > 0) an->calibrated = when;
        return;
    }
    parameter(k, ci, f, t);
}
