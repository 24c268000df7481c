/*
 * rule-channel.c — the analyzers together, against each other and against the channel's
 * probe (the water they are supposed to sample): dilution by tap water (proportional_fall,
 * toward_tap_water, flow_rise), a sample line on the tap or in a bucket (tap_level;
 * variance_collapse of all analyzers at once), values rewritten alike (uniform_scale) or
 * one analyzer's alone (decoupled_step). The conductivity's steps toward tap water are
 * tracked here.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the channel's conductivity ---- */

/* The conductivity (pH) `back` samples before the newest (0: the newest). */
static double cond_back(const rule_station *st, size_t back)
{
    return st->cond_ring[(st->cond_at + 24 - 1 - back) % 24];
}

static double ph_back(const rule_station *st, size_t back)
{
    return st->ph_ring[(st->cond_at + 24 - 1 - back) % 24];
}

/* Strong acidity [H+] - [OH-] (mol/L) of water at a pH, and back (25 degC, no buffering:
 * how the channel mixes waters, docs/physics.md). */
static double acidity(double ph)
{
    return pow(10, -ph) - pow(10, ph - 14);
}

static double ph_of(double a)
{
    return -log10((a + sqrt(a * a + 4e-14)) / 2);
}

/* Conductivity stepping toward tap water within minutes: water piped into the channel
 * (dilution, also rain) — a day's pattern or the plant's own variation moves it over
 * quarter hours and hours, and a channel that stood still takes the plant's water again when
 * production starts (the flow from nothing). The step stands while the conductivity stays at
 * least half way down it. */
void rule_channel_track(rule_station *st, int64_t t)
{
    if (!st->have[C_COND]) return;
    double cond = st->latest[C_COND], tap = st->cfg.tap_cond;
    if (st->cond_step.at &&
        cond > st->cond_step.before - 0.5 * (st->cond_step.before - st->cond_step.after))
        st->cond_step.at = 0;
    if (st->cond_step.at) st->diluted_at = t;
    st->cond_ring[st->cond_at] = cond;
    st->ph_ring[st->cond_at] = st->have[C_PH] ? st->latest[C_PH] : 0;
    st->cond_at = (st->cond_at + 1) % 24;
    if (st->ncond < 24) st->ncond++;
    if (st->ncond < 24) return;
    /* the last 3 samples against samples 10..20 before now */
    double now = 0, before = 0, sd = 0;
    for (size_t i = 0; i < 3; i++)
        now += st->cond_ring[(st->cond_at + 24 - 1 - i) % 24];
    now /= 3;
    for (size_t i = 10; i < 21; i++)
        before += st->cond_ring[(st->cond_at + 24 - 1 - i) % 24];
    before /= 11;
    for (size_t i = 10; i < 21; i++) {
        double d = st->cond_ring[(st->cond_at + 24 - 1 - i) % 24] - before;
        sd += d * d;
    }
    sd = sqrt(sd / 10);
    if (before - tap < 1) return;
    double drop = before - now;
    /* most of the fall within the last minutes (samples 4..6 still near the level before),
     * and the last three minutes' fall beyond what the channel does on its own in three */
    double mid = (cond_back(st, 4) + cond_back(st, 5) + cond_back(st, 6)) / 3;
    double pre = (cond_back(st, 3) + cond_back(st, 4) + cond_back(st, 5)) / 3;
    int step = before - mid <= 0.4 * drop && st->cond_jump.n >= 60 &&
               pre - now > 4 * sqrt(st->cond_jump.mean);
    /* a channel that stood (no flow) takes the plant's water again when it flows: the
     * conductivity steps from what stood there, no water was let in */
    double q_before = st->nring >= 20 ? st->ring_flow[(st->ring_at + 60 - 15) % 60] : -1;
    if (q_before >= 0 && q_before < 0.1 * st->latest[C_FLOW]) step = 0;
    if (drop >= 0.05 * (before - tap) && drop >= 6 * sd && (step || st->cond_step.at) &&
        (!st->cond_step.at || now < st->cond_step.after)) {
        if (!st->cond_step.at) {
            st->cond_step.at = t;
            st->cond_step.before = before;
        }
        st->cond_step.after = now;
        st->diluted_at = t;
    }
}

/* A calibration or a parameter change of the analyzer in the last day (their own rules). */
static int changed_lately(const rule_analyzer *an, int64_t t)
{
    int64_t day = 24 * HOUR_MS;
    return (an->calib.at && t - an->calib.at < day) || (an->shift.at && t - an->shift.at < day);
}

/* ---- one analyzer decoupled from the others ---- */

/* Each analyzer's newest value against its own recent mean (level[i] = the fall); ok[i]:
 * it has enough fresh values to be compared. */
static void recent_levels(const rule_station *st, int64_t t, double level[NBATCH], int ok[NBATCH])
{
    for (int i = 0; i < NBATCH; i++) {
        const rule_analyzer *an = &st->analyzers[i];
        level[i] = 0;
        ok[i] = 0;
        if (!an->seen || an->nhist < 4 || !rule_fresh(an, t)) continue;
        if (an->hist[an->nhist - 1].value <= 0) continue;
        size_t m = an->nhist - 1 < 6 ? an->nhist - 1 : 6;
        double mean = rule_tail_stats(an, 1, m, NULL);
        if (mean <= 0) continue;
        level[i] = 1 - an->hist[an->nhist - 1].value / mean;
        ok[i] = 1;
    }
}

/* Analyzer i's ratios to the others (the day's pattern and the plant's common variation
 * cancel in them) against their last 6 values — or, during an episode, against the ratios
 * before the step. */
typedef struct ratio_fall {
    int others;            /* analyzers compared with */
    double fall, cv;       /* mean fall of the ratios, mean CV of the recent ratios */
    double ratio[NBATCH];  /* the recent ratio to each other analyzer */
    int hold;              /* every other analyzer within 30 % of its own recent mean */
    char en[120], zh[120]; /* the others' levels, for the evidence */
} ratio_fall;

static void ratios_of(const rule_station *st, int i, const double level[NBATCH],
                      const int ok[NBATCH], ratio_fall *rf)
{
    const rule_analyzer *an = &st->analyzers[i];
    double v = an->hist[an->nhist - 1].value, fall_sum = 0, cv_sum = 0;
    memset(rf, 0, sizeof *rf);
    rf->hold = 1;
    for (int j = 0; j < NBATCH; j++) {
        const rule_analyzer *o = &st->analyzers[j];
        if (j == i || !ok[j]) continue;
        size_t m = an->nhist - 1 < o->nhist - 1 ? an->nhist - 1 : o->nhist - 1;
        if (m > 6) m = 6;
        double sum = 0, sq = 0, r[6];
        for (size_t q = 0; q < m; q++) {
            double den = o->hist[o->nhist - 2 - q].value;
            r[q] = den > 0 ? an->hist[an->nhist - 2 - q].value / den : 0;
            sum += r[q];
        }
        double mean = sum / (double)m;
        for (size_t q = 0; q < m; q++)
            sq += (r[q] - mean) * (r[q] - mean);
        double cv = mean > 0 && m > 1 ? sqrt(sq / (double)(m - 1)) / mean : 1;
        rf->ratio[j] = mean;
        double ref =
            an->decoupled.cycles && an->decoupled.ratio[j] > 0 ? an->decoupled.ratio[j] : mean;
        if (ref <= 0) continue;
        fall_sum += 1 - v / o->hist[o->nhist - 1].value / ref;
        cv_sum += cv;
        rf->others++;
        if (fabs(level[j]) > 0.3) rf->hold = 0;
        char what[16];
        snprintf(what, sizeof what, "%+.0f%%", -level[j] * 100);
        rule_list_item(rf->en, sizeof rf->en, rf->zh, sizeof rf->zh, j, what);
    }
    if (rf->others) {
        rf->fall = fall_sum / rf->others;
        rf->cv = cv_sum / rf->others;
    }
}

/* The episode of analyzer i is reported: decoupled_step. */
static void raise_decoupled(rule_sink *k, int i, const ratio_fall *rf, int probe)
{
    rule_analyzer *an = &k->st->analyzers[i];
    rule_hit *h =
        rule_raise(k, RULE_DECOUPLED_STEP, an->decoupled.from, an->hist[an->nhist - 1].sampled, 0);
    if (!h) return;
    char before_txt[32], mean_txt[32], hm[8];
    double before = an->decoupled.before, mean = an->decoupled.sum / an->decoupled.cycles;
    rule_format_hm(an->decoupled.from, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_DECOUPLED_STEP, code_en(i),
                rule_num(before, before_txt, sizeof before_txt),
                rule_num(mean, mean_txt, sizeof mean_txt), code_unit(i), (mean / before - 1) * 100,
                hm, an->decoupled.cycles, rf->en,
                probe ? evidence_word_en(EV_AND_CHANNEL_UNCHANGED) : "");
    evidence_zh(h->zh, sizeof h->zh, EV_DECOUPLED_STEP, code_zh(i), hm, before_txt, mean_txt,
                code_unit(i), (mean / before - 1) * 100, an->decoupled.cycles, rf->zh,
                probe ? evidence_word_zh(EV_AND_CHANNEL_UNCHANGED) : "");
}

/* One analyzer stepped down and stays down while the other analyzers hold and the channel's
 * probe did not move: the same water measured by the others is not diluted, so the value is
 * rewritten between the analyzer and the platform (DAU; a COD value scaled, a TOC station's
 * COD decoupled from its TOC). Its ratios fall >= max(0.25, 3 x their CV) — after an entry
 * into the station room in the 2 h before, >= max(0.15, 2.5 x CV) — and its level 20 % (12 %)
 * under its recent mean, from a normal value; half of that keeps the episode going, and its
 * mean over scale_cycles decides. No learned baseline needed. Not after a calibration or a
 * parameter change, not for identical values (frozen), not inside a work order, not a return
 * to the analyzer's usual level after a raised spell. */
void rule_check_decoupled(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t;
    int probe = 0;
    double moved = rule_tap_move(st, &probe);
    double level[NBATCH];
    int ok[NBATCH];
    recent_levels(st, t, level, ok);
    int covered = rule_station_covered(st, t, WO_MARGIN);
    /* the channel's water itself changed (a step toward tap water, or far toward it) */
    int diluted = probe && (st->cond_step.at || st->inflow.at || moved >= 0.3);
    for (int i = 0; i < NBATCH; i++) {
        rule_analyzer *an = &st->analyzers[i];
        if (!ok[i] || an->hist[an->nhist - 1].sampled == an->decoupled.judged) continue;
        an->decoupled.judged = an->hist[an->nhist - 1].sampled;
        double v = an->hist[an->nhist - 1].value;
        ratio_fall rf;
        ratios_of(st, i, level, ok, &rf);
        if (!rf.others) continue;
        int episode = an->decoupled.cycles > 0;
        double cv = episode ? an->decoupled.cv : rf.cv;
        /* someone in the station room (no work order) before it: a smaller step counts */
        int64_t from = episode ? an->decoupled.from : an->hist[an->nhist - 1].sampled;
        int onsite = rule_entered(st, from - 2 * HOUR_MS, from);
        double need = onsite ? fmax(0.15, 2.5 * cv) : fmax(0.25, 3 * cv);
        double fell = episode && an->decoupled.before > 0 ? 1 - v / an->decoupled.before : level[i];
        double fell_min = onsite ? 0.12 : 0.2;
        /* a step starts at full size; once started, half of it keeps the episode going and
         * its mean over the cycles decides */
        double part = episode ? 0.5 : 1;
        int low = rf.fall >= part * need && fell >= part * fell_min && rf.hold && !diluted &&
                  !changed_lately(an, t) && an->same == 0 && !covered;
        if (!low) {
            an->decoupled.cycles = 0;
            if (rf.fall < need / 2) an->decoupled.sent = 0;
            continue;
        }
        if (!episode) {
            /* it begins with a step from a normal value, not with a slow slide */
            size_t m = an->nhist - 1 < 6 ? an->nhist - 1 : 6;
            double before_cv = 0, before = rule_tail_stats(an, 1, m, &before_cv);
            if (an->hist[an->nhist - 2].value < (1 - need / 2) * before) continue;
            an->decoupled.from = an->hist[an->nhist - 1].sampled;
            an->decoupled.before = before;
            an->decoupled.cv = rf.cv;
            for (int j = 0; j < NBATCH; j++)
                an->decoupled.ratio[j] = rf.ratio[j];
            an->decoupled.sum = an->decoupled.fall_sum = 0;
        }
        an->decoupled.cycles++;
        an->decoupled.sum += v;
        an->decoupled.fall_sum += rf.fall;
        if (an->decoupled.cycles < c->scale_cycles || an->decoupled.sent) continue;
        double mean = an->decoupled.sum / an->decoupled.cycles;
        if (an->decoupled.fall_sum / an->decoupled.cycles < need ||
            1 - mean / an->decoupled.before < fell_min)
            continue;
        /* back to its usual level after a raised spell (the plant recovering from an upset or
         * a treatment stop): not a value rewritten under what the water shows */
        if (rule_warm(st, an) && mean >= 0.8 * an->base.mean) continue;
        an->decoupled.sent = 1;
        raise_decoupled(k, i, &rf, probe);
    }
}

/* ---- all analyzers stepped down together ---- */

/* Follows each fresh analyzer's step against its own last values (down 20 % from a normal
 * value; back at 90 %). Returns how many were judged; *all: every one of them is down;
 * [*first, *last]: when they stepped. */
static int follow_steps(rule_station *st, int64_t t, int *all, int64_t *first, int64_t *last)
{
    int n = 0;
    *all = 1;
    *first = INT64_MAX;
    *last = 0;
    for (int i = 0; i < NBATCH; i++) {
        rule_analyzer *an = &st->analyzers[i];
        if (!an->seen || an->nhist < 3 || !rule_fresh(an, t)) continue;
        const rule_sample *newest = &an->hist[an->nhist - 1];
        if (newest->sampled != an->step.judged) {
            an->step.judged = newest->sampled;
            if (!an->step.at) {
                size_t m = an->nhist - 1 < 6 ? an->nhist - 1 : 6;
                double cv = 0, mean = rule_tail_stats(an, 1, m, &cv);
                if (mean > 0 && newest->value < 0.8 * mean &&
                    an->hist[an->nhist - 2].value >= 0.85 * mean) {
                    an->step.at = newest->sampled;
                    an->step.before = mean;
                    an->step.before_cv = cv;
                }
            } else if (newest->value >= 0.9 * an->step.before) {
                an->step.at = 0; /* back */
            }
        }
        n++;
        if (!an->step.at) {
            *all = 0;
            continue;
        }
        if (an->step.at < *first) *first = an->step.at;
        if (an->step.at > *last) *last = an->step.at;
    }
    return n;
}

/* What the analyzers that stepped did since: each one's fall (min, max, sum) and variation
 * (now and before), flat or not. -1 when one of them does not make a common step (back at
 * its usual level, under 20 % down, under three cycles, or changed lately). */
typedef struct step_since {
    double fall_min, fall_max, fall_sum, cv_sum, cv_before_sum;
    int flat;
    char en[150], zh[150];
} step_since;

static int steps_since(const rule_station *st, int64_t t, step_since *s)
{
    memset(s, 0, sizeof *s);
    s->fall_min = 2;
    s->fall_max = -2;
    s->flat = 1;
    for (int i = 0; i < NBATCH; i++) {
        const rule_analyzer *an = &st->analyzers[i];
        if (!an->seen || an->nhist < 3 || !an->step.at || !rule_fresh(an, t)) continue;
        if (changed_lately(an, t)) return -1;
        double sum = 0, sq = 0;
        size_t m = 0;
        for (size_t j = 0; j < an->nhist; j++)
            if (an->hist[j].sampled >= an->step.at) {
                sum += an->hist[j].value;
                m++;
            }
        if (m < 3) return -1; /* three cycles each */
        double mean = sum / (double)m;
        for (size_t j = 0; j < an->nhist; j++)
            if (an->hist[j].sampled >= an->step.at)
                sq += (an->hist[j].value - mean) * (an->hist[j].value - mean);
        double cv = mean > 0 ? sqrt(sq / (double)(m - 1)) / mean : 0;
        double fall = 1 - mean / an->step.before;
        if (fall < 0.2) return -1;
        /* back to the usual level after a raised spell (an upset, treatment off) */
        if (rule_warm(st, an) && mean >= 0.8 * an->base.mean) return -1;
        if (fall < s->fall_min) s->fall_min = fall;
        if (fall > s->fall_max) s->fall_max = fall;
        s->fall_sum += fall;
        /* flat: under a third of the variation before (taken as at least 6 %: a process
         * varies that much over hours), or under 3 %: an analyzer measuring one bucket
         * varies by its own precision only */
        /* at tap level (what a hose on the tap reads, at the analyzers' detection limits) it is
         * the sample line whatever its spread */
        double tap = rule_cfg_tap(&st->cfg, rule_code(i));
        int tapish = tap > 0 && mean <= 3 * tap;
        if (cv >= 0.35 * fmax(an->step.before_cv, 0.06) && cv >= 0.03 && !tapish) s->flat = 0;
        s->cv_sum += cv;
        s->cv_before_sum += an->step.before_cv;
        char before_txt[32], mean_txt[32], what[72];
        snprintf(what, sizeof what, "%s→%s",
                 rule_num(an->step.before, before_txt, sizeof before_txt),
                 rule_num(mean, mean_txt, sizeof mean_txt));
        rule_list_item(s->en, sizeof s->en, s->zh, sizeof s->zh, i, what);
    }
    return 0;
}

/* All analyzers (>= 2) stepped down together (within 90 min, each from a normal value,
 * against its own last values: no learned baseline needed) and stay down three cycles each,
 * while the channel's conductivity neither stepped nor moved 0.3 of the way to tap: the
 * analyzers no longer measure the channel's water as it is. Flat since (a bucket, the tap:
 * the sample line) — variance_collapse; or still varying as before and fallen alike (one
 * factor: values rewritten by the DAU) — uniform_scale. Not inside a work order. */
void rule_check_common_step(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t, first = 0, last = 0;
    int probe = 0, all = 1;
    double moved = rule_tap_move(st, &probe);
    int n = follow_steps(st, t, &all, &first, &last);
    if (n < 2 || !all) {
        if (n && !all) st->common_step_sent = 0;
        return;
    }
    if (st->common_step_sent || last - first > 90 * MIN_MS) return;
    if (probe && ((st->diluted_at && st->diluted_at >= first - HOUR_MS) || moved >= 0.3)) return;
    if (rule_station_covered(st, first, WO_MARGIN)) return;
    step_since s;
    if (steps_since(st, t, &s) != 0) return;
    /* rewritten alike: a larger fall than the day's pattern makes of all analyzers at once */
    int alike = s.fall_max - s.fall_min <= c->dilution_spread && s.fall_min >= c->scale_fall;
    if (!s.flat && !alike) return;
    st->common_step_sent = 1;
    char hm[8];
    rule_format_hm(first, hm, sizeof hm);
    const char *still_en = probe ? evidence_word_en(EV_WHILE_CHANNEL_UNCHANGED) : "";
    const char *still_zh = probe ? evidence_word_zh(EV_WHILE_CHANNEL_UNCHANGED) : "";
    rule_hit *h = rule_raise(k, s.flat ? RULE_VARIANCE_COLLAPSE : RULE_UNIFORM_SCALE, first, t, 0);
    if (!h) return;
    if (s.flat) {
        evidence_en(h->en, sizeof h->en, EV_COMMON_STEP_FLAT, hm, s.en, 100 * s.cv_sum / n,
                    100 * s.cv_before_sum / n, still_en);
        evidence_zh(h->zh, sizeof h->zh, EV_COMMON_STEP_FLAT, hm, s.zh, 100 * s.cv_sum / n,
                    100 * s.cv_before_sum / n, still_zh);
    } else {
        evidence_en(h->en, sizeof h->en, EV_COMMON_STEP_SCALED, hm, 100 * s.fall_sum / n, s.en,
                    still_en);
        evidence_zh(h->zh, sizeof h->zh, EV_COMMON_STEP_SCALED, hm, 100 * s.fall_sum / n, s.zh,
                    still_zh);
    }
}

/* ---- all analyzers fell against their baselines ---- */

/* Every warm, fresh analyzer's fall against its baseline. */
typedef struct fall_survey {
    int n; /* analyzers */
    double min, max, mean;
    int all_tap;           /* each at tap level: under tap_level_frac x baseline or 3 x tap water */
    int stepped;           /* each came from a normal value (a step, not a slow change) */
    int recent;            /* one of the two cycles before was still normal (a swap is abrupt) */
    int flat;              /* the first analyzer's window is flat */
    char en[150], zh[150]; /* the values, inside a longer line */
} fall_survey;

static void survey_fall(const rule_station *st, int64_t t, fall_survey *fs)
{
    const rule_cfg *c = &st->cfg;
    double sum = 0;
    memset(fs, 0, sizeof *fs);
    fs->min = 2;
    fs->max = -2;
    fs->all_tap = fs->stepped = 1;
    for (int i = 0; i < NBATCH; i++) {
        const rule_analyzer *an = &st->analyzers[i];
        if (!an->seen || an->nhist == 0 || !rule_warm(st, an) || !rule_fresh(an, t)) continue;
        double base = rule_base(an, t);
        if (base <= 0) continue;
        double v = an->hist[an->nhist - 1].value, fall = 1 - v / base;
        if (fall < fs->min) fs->min = fall;
        if (fall > fs->max) fs->max = fall;
        sum += fall;
        fs->n++;
        if (v > c->tap_level_frac * base && v > 3 * rule_cfg_tap(c, rule_code(i)))
            fs->all_tap = 0;
        char base_txt[32], value_txt[32], what[72];
        snprintf(what, sizeof what, "%s→%s", rule_num(base, base_txt, sizeof base_txt),
                 rule_num(v, value_txt, sizeof value_txt));
        rule_list_item(fs->en, sizeof fs->en, fs->zh, sizeof fs->zh, i, what);
    }
    fs->mean = fs->n ? sum / fs->n : 0;
    const rule_analyzer *first = &st->analyzers[0];
    fs->flat = first->window_cv.n >= 4 && first->last_window_cv >= 0 &&
               first->last_window_cv < c->collapse_ratio * first->window_cv.mean;
    for (int i = 0; i < NBATCH; i++) {
        const rule_analyzer *an = &st->analyzers[i];
        if (!an->seen || !rule_warm(st, an)) continue;
        if (st->scale_cycles == 0 && an->nhist >= 2 &&
            an->hist[an->nhist - 2].value < (1 - c->scale_fall / 2) * rule_base(an, t))
            fs->stepped = 0;
        for (size_t j = 2; j <= 3 && j <= an->nhist; j++)
            if (an->hist[an->nhist - j].value >=
                (1 - c->scale_fall / 2) * rule_base(an, an->hist[an->nhist - j].sampled))
                fs->recent = 1;
    }
}

/* The analyzers read tap (or bucket) water and the channel does not: the sample line. */
static void raise_tap_level(rule_sink *k, int64_t t, const fall_survey *fs, int probe)
{
    char hm[8];
    rule_format_hm(t, hm, sizeof hm);
    rule_hit *h = rule_raise(k, RULE_TAP_LEVEL, t - HOUR_MS, t, 0);
    if (h && fs->all_tap) {
        evidence_en(h->en, sizeof h->en, EV_TAP_LEVEL, hm, fs->en,
                    probe ? evidence_word_en(EV_WHILE_CHANNEL_UNCHANGED) : "");
        evidence_zh(h->zh, sizeof h->zh, EV_TAP_LEVEL, hm, fs->zh,
                    probe ? evidence_word_zh(EV_WHILE_CHANNEL_UNCHANGED) : "");
    } else if (h) {
        evidence_en(h->en, sizeof h->en, EV_SAMPLE_NOT_CHANNEL, fs->mean * 100, hm, fs->en);
        evidence_zh(h->zh, sizeof h->zh, EV_SAMPLE_NOT_CHANNEL, hm, fs->mean * 100, fs->zh);
    }
}

/* A dilution confirmed: the proportional fall, with the conductivity toward tap water and
 * the flow up as evidence beside it. */
static void raise_dilution(rule_sink *k, int64_t t, const fall_survey *fs, int probe, double moved)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    char hm[8], before_txt[32], now_txt[32];
    rule_format_hm(t, hm, sizeof hm);
    rule_hit *h =
        rule_raise(k, RULE_PROPORTIONAL_FALL, t - (int64_t)c->dilution_cycles * HOUR_MS, t, 0);
    if (h) {
        evidence_en(h->en, sizeof h->en, EV_PROPORTIONAL_FALL, fs->mean * 100, hm, fs->en);
        evidence_zh(h->zh, sizeof h->zh, EV_PROPORTIONAL_FALL, hm, fs->mean * 100, fs->zh);
    }
    if (probe && moved >= c->toward_tap_min) {
        h = rule_raise(k, RULE_TOWARD_TAP, t - HOUR_MS, t, 0);
        if (h) {
            evidence_en(h->en, sizeof h->en, EV_TOWARD_TAP,
                        rule_num(rule_ref(st, C_COND), before_txt, sizeof before_txt),
                        rule_num(st->latest[C_COND], now_txt, sizeof now_txt), moved * 100,
                        c->tap_cond, st->latest[C_PH]);
            evidence_zh(h->zh, sizeof h->zh, EV_TOWARD_TAP, before_txt, now_txt, c->tap_cond,
                        moved * 100, st->latest[C_PH]);
        }
    }
    if (st->have[C_FLOW] && st->continuous[C_FLOW].n > 30 &&
        st->latest[C_FLOW] > 1.15 * rule_ref(st, C_FLOW)) {
        h = rule_raise(k, RULE_FLOW_RISE, t - HOUR_MS, t, 0);
        if (h) {
            evidence_en(h->en, sizeof h->en, EV_FLOW_RISE,
                        rule_num(rule_ref(st, C_FLOW), before_txt, sizeof before_txt),
                        rule_num(st->latest[C_FLOW], now_txt, sizeof now_txt));
            evidence_zh(h->zh, sizeof h->zh, EV_FLOW_RISE, before_txt, now_txt);
        }
    }
}

/* All analyzers against their baselines: at tap level (or fallen from a normal value by
 * sample_fall) while the channel did not move — tap_level; every one dilution_fall under,
 * alike, for dilution_cycles, with a step of the channel's conductivity toward tap water (or
 * the channel half way to tap) — proportional_fall. A common fall alike with the channel
 * unchanged is neither: the common step's. */
void rule_check_fall(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t;
    fall_survey fs;
    survey_fall(st, t, &fs);
    if (fs.n == 0) return;
    int probe = 0;
    double moved = rule_tap_move(st, &probe);
    int start_ok = fs.min >= c->dilution_fall;
    st->channel_still = probe && moved < c->toward_tap_min;
    int alike = fs.n >= 2 && fs.max - fs.min <= c->dilution_spread;
    if (st->channel_still && alike && fs.min >= c->scale_fall && !fs.all_tap && !fs.flat &&
        fs.stepped) {
        /* reported by the common step; the fall is no dilution or hose swap either */
        ++st->scale_cycles;
        return;
    }
    st->scale_cycles = 0;
    if (start_ok && (fs.all_tap || (probe && fs.n >= 2 && fs.min >= c->sample_fall && fs.recent)) &&
        (!probe || moved < c->toward_tap_min)) {
        if (!st->tap_level_sent) {
            st->tap_level_sent = 1;
            raise_tap_level(k, t, &fs, probe);
        }
        return;
    }
    if (!start_ok) st->tap_level_sent = 0;
    int prop = start_ok && fs.n >= 2 && fs.max - fs.min <= c->dilution_spread && fs.max < 0.95;
    if (prop && probe && moved < c->toward_tap_min) prop = 0; /* channel unchanged */
    /* water let in is a step of the channel's conductivity (the day's pattern is not) */
    if (prop && probe && !st->cond_step.at) prop = 0;
    /* the channel itself is mostly tap water (a hidden pipe while production is stopped):
     * every analyzer reads tap levels, so their spread says nothing */
    if (start_ok && probe && moved >= 0.5) prop = 1;
    /* rain-like water let in (rain into a combined channel; an inflow in the open, which
     * the outfall camera saw come) dilutes too */
    if (st->inflow.at && st->inflow.kind == 2) prop = 0;
    if (!prop) {
        st->dilution_cycles = 0;
        st->dilution_sent = 0;
        return;
    }
    if (++st->dilution_cycles < c->dilution_cycles || st->dilution_sent) return;
    st->dilution_sent = 1;
    raise_dilution(k, t, &fs, probe, moved);
}

/* ---- water let in at the sampling point ---- */

/* The flow `back` samples before the newest (0: the newest; the ring holds this record). */
static double flow_back(const rule_station *st, size_t back)
{
    return st->ring_flow[(st->ring_at + 60 - 1 - back) % 60];
}

/* A step of a minute signal: the mean of its last 3 samples (*after) against the 3 before
 * them (*before: 3..5 back). It stepped when that change is over `times` x its usual size
 * (jump: the learned mean square of the same change, the plant's own variation and the
 * probe's noise) and happened within those minutes (the samples 3..5 are still near the
 * mean of the 10 before them: no ramp). */
typedef double (*sample_fn)(const rule_station *st, size_t back);

static double change_of(const rule_station *st, sample_fn at, double *before, double *after)
{
    double now = 0, pre = 0;
    for (size_t i = 0; i < 3; i++) {
        now += at(st, i) / 3;
        pre += at(st, i + 3) / 3;
    }
    *before = pre;
    *after = now;
    return now - pre;
}

static int stepped(const rule_station *st, sample_fn at, const rule_ewma *jump, double times,
                   double *before, double *after)
{
    double change = fabs(change_of(st, at, before, after)), base = 0;
    for (size_t i = 6; i < 16; i++)
        base += at(st, i) / 10;
    return jump->n >= 60 && change > times * sqrt(jump->mean) &&
           fabs(*before - base) <= 0.4 * change;
}

/* Learns how much a minute signal changes from one 3 minutes to the next on its own (a
 * change over 4 x that is left out: a step does not teach its own size). */
static void learn_jump(rule_station *st, sample_fn at, rule_ewma *jump)
{
    double before = 0, after = 0, d = change_of(st, at, &before, &after);
    if (jump->n < 60 || d * d <= 16 * jump->mean) rule_ewma_add(jump, d * d, 0.01);
}

/* The outfall camera on its preset and seeing (its values say so). */
static int outfall_watching(const rule_station *st)
{
    const rule_cfg *c = &st->cfg;
    return st->outfall_cam && fabs(st->camera[2][1]) < c->camera_dev_deg && st->camera[2][3] < 1 &&
           st->camera[2][4] < 1;
}

/* The inflow confirmed: tap_water_inflow. */
static void raise_inflow(rule_sink *k, int64_t t)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_hit *h = rule_raise(k, RULE_WATER_INFLOW, st->inflow.at, t, 0);
    if (!h) return;
    char hm[8], q0[32], q1[32], c0[32], c1[32];
    rule_format_hm(st->inflow.at, hm, sizeof hm);
    rule_num(st->inflow.q0, q0, sizeof q0);
    rule_num(st->inflow.q1, q1, sizeof q1);
    rule_num(st->inflow.c0, c0, sizeof c0);
    rule_num(st->inflow.c1, c1, sizeof c1);
    const char *unseen_en = outfall_watching(st) ? evidence_word_en(EV_CAMERA_SAW_NOTHING) : "";
    const char *unseen_zh = outfall_watching(st) ? evidence_word_zh(EV_CAMERA_SAW_NOTHING) : "";
    if (st->inflow.metered) {
        evidence_en(h->en, sizeof h->en, EV_INFLOW, hm, q0, q1, c0, c1, st->inflow.share * 100,
                    c->tap_cond, unseen_en);
        evidence_zh(h->zh, sizeof h->zh, EV_INFLOW, hm, q0, q1, c0, c1, st->inflow.share * 100,
                    c->tap_cond, unseen_zh);
    } else {
        evidence_en(h->en, sizeof h->en, EV_INFLOW_UNMETERED, hm, c0, c1, st->inflow.share * 100,
                    c->tap_cond, q1, unseen_en);
        evidence_zh(h->zh, sizeof h->zh, EV_INFLOW_UNMETERED, hm, c0, c1, st->inflow.share * 100,
                    c->tap_cond, q1, unseen_zh);
    }
}

/* What the water let in is, by the conductivity the mixing implies for it (c0 -> c1 the
 * channel's, share the water's share by the flow, q1 the flow after; its uncertainty from the
 * usual size of the two signals' 3-minute changes) and by the pH after (st->inflow): 1 tap
 * water (clearly nearer tap_cond than rain_cond, by a standard deviation of the estimate),
 * 2 other water (clearly nearer rain_cond — runoff is nearly pure water — or a pH tap water
 * does not give), 3 none let in (the conductivity is the plant's own water's), 0 cannot tell
 * (a small share). */
static int water_kind(const rule_station *st, double c0, double c1, double q1, double share)
{
    const rule_cfg *c = &st->cfg;
    double added = c0 - (c0 - c1) / share;
    double jc = sqrt(st->cond_jump.mean), jq = sqrt(st->flow_jump.mean);
    double sd_share = q1 > 0 ? jq / q1 : 1;
    /* the channel's own drift while the probe settles: over about three 3-minute changes */
    double sd = sqrt(4 * jc * jc / (share * share) +
                     (c0 - c1) * (c0 - c1) * sd_share * sd_share / (share * share * share * share));
    sd = fmax(sd, c->inflow_tap_tol * c->tap_cond); /* tap water itself varies */
    double to_tap = fabs(added - c->tap_cond) / sd, to_rain = fabs(added - c->rain_cond) / sd;
    if (to_tap > 3 && to_rain > 3)
        return 3; /* neither: the plant's own water (a channel that
                     stood takes it again) */
    /* the pH: tap water mixed in at that share moves it where the acidities' balance says
     * (tap_ph); rain is more acid, and a pH far from that is other water */
    if (st->inflow.ph_known) {
        double a = (1 - share) * acidity(st->inflow.ph0) + share * acidity(c->tap_ph);
        double sd_ph = fmax(0.1, 4 * sqrt(st->ph_jump.mean));
        if (fabs(st->inflow.ph1 - ph_of(a)) > sd_ph) return 2;
    }
    return to_tap < to_rain - 1 ? 1 : to_rain < to_tap - 1 ? 2 : 0;
}

/* Water let in at the sampling point: the channel's conductivity steps toward tap water
 * within minutes and the flow steps up at the same minutes — the flow meter downstream of
 * the inflow — (one of them by 5 x its usual 3-minute change, the other by 4 x and 3 x) by at
 * least inflow_share; the
 * conductivity the mixing implies for the water let in is tap water's (tap_like), and it
 * stands for inflow_min: tap_water_inflow. A dilution however weak: all parameters fall by
 * that share, within the plant's own variation when it is small. With the flow unchanged
 * (the meter upstream of the inflow) only a step of the conductivity of twice dilution_fall's
 * half and 8 x its usual change counts. A bypass or a meter lowers the flow and leaves the
 * water as it is; production and the day move the flow over quarter hours and leave the
 * conductivity. Other water (rain, far less conductive than tap water) is followed while it
 * stands but not raised (proportional_fall and the common step leave it alone); tap-like
 * water the outfall camera saw come (its scene score over inflow_seen around the step: an
 * inflow in the open, rain too when the share is too small to tell) is not raised either.
 * Not inside a work order (a probe cleaned or calibrated). */
void rule_check_inflow(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t;
    if (!ev->minute->covered && !st->inflow.at) {
        if (st->have[C_FLOW] && st->nring >= 6) learn_jump(st, flow_back, &st->flow_jump);
        if (st->have[C_COND] && st->ncond >= 6) learn_jump(st, cond_back, &st->cond_jump);
        if (st->have[C_PH] && st->ncond >= 6) learn_jump(st, ph_back, &st->ph_jump);
    }
    if (!st->have[C_COND] || st->ncond < 24 || !st->have[C_FLOW] || st->nring < 16) return;
    double c0 = 0, c1 = 0, q0 = 0, q1 = 0, tap = c->tap_cond;
    int cond_step = stepped(st, cond_back, &st->cond_jump, 3, &c0, &c1);
    int cond_sure = cond_step && fabs(c1 - c0) > 5 * sqrt(st->cond_jump.mean);
    /* less water let in (rain easing, a pipe closed): the flow falls with it */
    if (cond_sure && c1 > c0 && c1 - tap > 1) {
        st->cond_rose_at = t;
        st->cond_rose_share = (c1 - c0) / (c1 - tap);
    }
    /* an inflow: does it stand? (the last 5 minutes: a probe is noisy) */
    if (st->inflow.at) {
        double cond = 0, q = 0;
        for (size_t i = 0; i < 5; i++) {
            cond += cond_back(st, i) / 5;
            q += flow_back(st, i) / 5;
        }
        int stands =
            cond <= st->inflow.c0 - 0.3 * (st->inflow.c0 - st->inflow.c1) &&
            (!st->inflow.metered || q >= st->inflow.q0 + 0.3 * (st->inflow.q1 - st->inflow.q0));
        if (!stands) {
            st->inflow.at = 0;
            st->inflow.ended = t;
            st->inflow.sent = 0;
            return;
        }
        st->diluted_at = t;
        if (t - st->inflow.at <= 6 * MIN_MS) { /* the probe's response settles: the levels after */
            st->inflow.c1 = (cond_back(st, 0) + cond_back(st, 1) + cond_back(st, 2)) / 3;
            st->inflow.q1 = (flow_back(st, 0) + flow_back(st, 1) + flow_back(st, 2)) / 3;
            st->inflow.ph1 = (ph_back(st, 0) + ph_back(st, 1) + ph_back(st, 2)) / 3;
            st->inflow.share = st->inflow.metered && st->inflow.q1 > 0
                                   ? 1 - st->inflow.q0 / st->inflow.q1
                                   : (st->inflow.c0 - st->inflow.c1) / (st->inflow.c0 - tap);
            if (st->inflow.metered && st->inflow.share > 0)
                st->inflow.kind =
                    water_kind(st, st->inflow.c0, st->inflow.c1, st->inflow.q1, st->inflow.share);
            if (st->inflow.kind == 3) { /* no water let in after all */
                st->inflow.at = 0;
                return;
            }
        }
        if (st->inflow.sent || t - st->inflow.at < c->inflow_min * MIN_MS) return;
        st->inflow.sent = 1; /* raised or not, once; it stands until it ends */
        /* what the conductivity cannot tell, the outfall camera may for a small share (whose
         * look changes the channel's colour by less than the camera calls a change): an
         * inflow it saw come is in the open (rain, a drain), the pipe of a dilution is hidden */
        int seen = outfall_watching(st) && st->outfall_seen &&
                   llabs(st->outfall_seen - st->inflow.at) <= 3 * MIN_MS;
        if (st->inflow.kind == 0) st->inflow.kind = seen && st->inflow.share < 0.25 ? 2 : 1;
        if (st->inflow.kind == 1 && !ev->minute->covered) raise_inflow(k, t);
        return;
    }
    if (!cond_step || c1 >= c0 || c0 - tap < 1) return;
    double share_c = (c0 - c1) / (c0 - tap), share = share_c;
    if (share_c < c->inflow_share) return;
    /* the flow, at the very minutes the conductivity stepped: one of the two beyond doubt
     * (5 x its usual change), the other clear (3 x, 4 x) */
    int flow_step = stepped(st, flow_back, &st->flow_jump, cond_sure ? 4 : 5, &q0, &q1);
    int metered = 0;
    if (flow_step && q1 > q0 && q1 > 0) {
        share = 1 - q0 / q1;
        metered = 1;
    } else if ((q0 > 0 && fabs(q1 - q0) > c->inflow_share * q0) || share_c < c->dilution_fall ||
               !stepped(st, cond_back, &st->cond_jump, 8, &c0, &c1)) {
        return; /* the flow moved otherwise, or a step of the conductivity alone not beyond doubt */
    }
    st->inflow.ph_known = st->have[C_PH] && st->ph_jump.n >= 60;
    st->inflow.ph0 = (ph_back(st, 3) + ph_back(st, 4) + ph_back(st, 5)) / 3;
    st->inflow.ph1 = (ph_back(st, 0) + ph_back(st, 1) + ph_back(st, 2)) / 3;
    int kind = metered ? water_kind(st, c0, c1, q1, share) : 0;
    if (kind == 3) return;
    st->inflow.at = t - 2 * MIN_MS;
    st->inflow.q0 = q0;
    st->inflow.q1 = q1;
    st->inflow.c0 = c0;
    st->inflow.c1 = c1;
    st->inflow.share = share;
    st->inflow.metered = metered;
    st->inflow.kind = kind;
    st->inflow.sent = 0;
    st->diluted_at = t;
}
