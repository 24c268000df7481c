/*
 * rule-flow.c — the flow against production: far less than production implies
 * (flow_deficit), a step down while production holds (flow_step), the hourly totalizer
 * against the mean flow (totalizer_mismatch): a meter scaled or an outlet opened; and flow
 * at night far above its hour's usual (night_flow).
 */
#include "rule-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The flow of the ring `back` samples before now (1: the last one before this record). */
static double ring_flow(const rule_station *st, size_t back)
{
    return st->ring_flow[(st->ring_at + 60 - back) % 60];
}

/* ---- meter or outlet: the edges of a step ---- */

/* The flow `back` samples before this record (0: this record's q, not yet in the ring). */
static double sample(const rule_station *st, double q, size_t back)
{
    return back ? ring_flow(st, back) : q;
}

/* The value at x of the straight line through samples [from, to] back (x = -back). */
static double line_at(const rule_station *st, double q, size_t from, size_t to, double x)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (size_t j = from; j <= to; j++) {
        double xj = -(double)j, y = sample(st, q, j);
        sx += xj;
        sy += y;
        sxx += xj * xj;
        sxy += xj * y;
        n++;
    }
    double den = n * sxx - sx * sx, b = den > 0 ? (n * sxy - sx * sy) / den : 0;
    return (sy - b * sx) / n + b * x;
}

/* An edge of the flow whose first sample after it is `first` to `first + 2` back (the one
 * with the largest change to the sample before it): the level just before it and just after
 * it, each side's line carried to the edge (a flow on its day's ramp keeps its slope on
 * either side). */
static void edge_levels(const rule_station *st, double q, size_t first, double *pre, double *post)
{
    size_t at = first;
    for (size_t j = first + 1; j <= first + 2; j++)
        if (fabs(sample(st, q, j) - sample(st, q, j + 1)) >
            fabs(sample(st, q, at) - sample(st, q, at + 1)))
            at = j;
    double x = -((double)at + 0.5);
    *post = line_at(st, q, 0, at, x);
    *pre = line_at(st, q, at + 1, at + 5, x);
}

/* The two edges of a step episode: fell by `fell` from `level` at the start, came back by
 * `rose` to `after` at the end. A meter scaled by k changes the flow by (1 - k) x the flow at
 * each edge, an outlet by the same amount: when the flow at the end differs from the flow at
 * the start by a fifth or more, the edges tell (1 the meter, 2 an outlet, 0 they cannot). */
static int edges_variant(double level, double fell, double after, double rose)
{
    if (level <= 0 || fell <= 0 || rose <= 0) return 0;
    double e = after / level, m = rose / fell;
    if (fabs(e - 1) < 0.2) return 0;
    double off_meter = fabs(m - e), off_outlet = fabs(m - 1);
    return off_meter < off_outlet / 2 ? 1 : off_outlet < off_meter / 2 ? 2 : 0;
}

/* The step's episode ended with the flow back up: its two edges say meter or outlet. */
static void raise_back(rule_sink *k, double q, int64_t t)
{
    rule_station *st = k->st;
    double pre = 0, post = 0;
    edge_levels(st, q, 5, &pre, &post); /* came back 5 to 7 samples ago */
    int variant = edges_variant(st->flow_step.edge_pre,
                                st->flow_step.edge_pre - st->flow_step.edge_post, post, post - pre);
    if (!variant) return;
    rule_hit *h = rule_raise(k, RULE_FLOW_STEP, st->flow_step.at, t, 0);
    if (!h) return;
    h->variant = variant;
    char hm_back[8], hm_step[8], a[32], b[32], c[32], d[32];
    rule_format_hm(t - 5 * MIN_MS, hm_back, sizeof hm_back);
    rule_format_hm(st->flow_step.at, hm_step, sizeof hm_step);
    rule_num(pre, a, sizeof a);
    rule_num(post, b, sizeof b);
    rule_num(st->flow_step.edge_pre, c, sizeof c);
    rule_num(st->flow_step.edge_post, d, sizeof d);
    evidence_id how = variant == 1 ? EV_FLOW_BY_FACTOR : EV_FLOW_BY_AMOUNT;
    evidence_en(h->en, sizeof h->en, EV_FLOW_BACK, a, b, hm_back, c, d, hm_step,
                evidence_word_en(how));
    evidence_zh(h->zh, sizeof h->zh, EV_FLOW_BACK, hm_back, a, b, hm_step, c, d,
                evidence_word_zh(how));
}

/* The deficit is reported (level 1 yellow, 2 strong), with what its flow looks like (meter
 * or outlet). */
static void raise_deficit(rule_sink *k, const rule_minute *mi, int64_t t, int level, int64_t mins)
{
    rule_station *st = k->st;
    rule_hit *h = rule_raise(k, RULE_FLOW_DEFICIT, st->deficit_since, t, level == 2);
    if (!h) return;
    double expect = mi->expected_per_amp * mi->prod;
    double mean = st->deficit.sum / st->deficit.n;
    char hm[8], mean_txt[32], expect_txt[32], prod_txt[32];
    rule_format_hm(st->deficit_since, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_FLOW_DEFICIT, rule_num(mean, mean_txt, sizeof mean_txt),
                rule_num(expect, expect_txt, sizeof expect_txt),
                rule_num(mi->prod, prod_txt, sizeof prod_txt), hm, (long long)mins);
    evidence_zh(h->zh, sizeof h->zh, EV_FLOW_DEFICIT, hm, mean_txt, prod_txt, expect_txt,
                (long long)mins);
}

/* Flow under flow_deficit_ratio x what production implies (flow per ampere x production
 * current; and under that ratio of its hour's usual), production steady: yellow after
 * flow_deficit_min, strong after flow_deficit_red_min, outside a work order. Without a
 * deficit the flow per ampere is learned. */
void rule_check_flow_deficit(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    const rule_minute *mi = ev->minute;
    int64_t t = ev->t;
    double q = mi->flow;
    int hr = mi->hour;
    int below_hour = st->flow_hour_n[hr] < 10 || q < c->flow_deficit_ratio * st->flow_hour[hr];
    if (mi->warmed && st->have[C_FLOW] && mi->steady && st->flow_per_amp.n > 60 && below_hour &&
        q < c->flow_deficit_ratio * mi->expected_per_amp * mi->prod) {
        if (!st->deficit_since) {
            st->deficit_since = t;
            st->deficit.sum = st->deficit.sq = st->deficit.n = 0;
        }
        st->deficit.sum += q;
        st->deficit.sq += q * q;
        st->deficit.n += 1;
        int64_t mins = (t - st->deficit_since) / MIN_MS;
        int level = mins >= c->flow_deficit_red_min ? 2 : mins >= c->flow_deficit_min ? 1 : 0;
        if (level > st->deficit_level && !mi->covered) {
            st->deficit_level = level;
            raise_deficit(k, mi, t, level, mins);
        }
    } else if (st->deficit_since) {
        st->deficit_since = 0;
        st->deficit_level = 0;
    } else if (st->have[C_FLOW] && mi->steady && rule_learning(st, k->time) && q > 0) {
        double ratio = q / mi->prod;
        rule_ewma_add(&st->flow_per_amp, ratio, 0.01);
        st->flow_per_amp_hour[hr] =
            st->flow_per_amp_hour_n[hr]
                ? st->flow_per_amp_hour[hr] + 0.05 * (ratio - st->flow_per_amp_hour[hr])
                : ratio;
        st->flow_per_amp_hour_n[hr]++;
    }
}

/* A step down begins: against the level of the last 3 samples (a flow ramping with the day
 * has left its half-hour mean behind), most of the fall within the last 5 minutes (a step,
 * not a decline over the half hour), production holding (within 15 % of its last 5). */
static int step_begins(const rule_station *st, const rule_minute *mi)
{
    const rule_cfg *c = &st->cfg;
    size_t rn = mi->recent_n;
    double q = mi->flow, highest = q, level = 0, prod5 = 0;
    for (size_t i = 1; i <= 5 && i <= rn; i++)
        if (ring_flow(st, i) > highest) highest = ring_flow(st, i);
    for (size_t i = 1; i <= 3 && i <= rn; i++)
        level += ring_flow(st, i) / (double)(rn < 3 ? rn : 3);
    for (size_t i = 1; i <= 5 && i <= rn; i++)
        prod5 += st->ring_prod[(st->ring_at + 60 - i) % 60] / (double)(rn < 5 ? rn : 5);
    return st->have[C_FLOW] && mi->steady && rn >= 10 && !st->flow_step.at && !st->flow_step.sent &&
           level > 0 && q < (1 - c->flow_step) * level && highest - q >= 0.6 * (level - q) &&
           fabs(mi->prod - prod5) <= 0.15 * prod5 && !mi->covered;
}

/* The flow steps up (the end of a step episode, maybe at another time of the day): the mean
 * of its last 3 samples over (1 + flow_step) x the mean of the 3 before them, and over 5 x
 * the usual size of such a change (the plant's own variation, learned in rule-channel.c). */
static int steps_up(const rule_station *st, const rule_minute *mi)
{
    if (mi->recent_n < 5 || st->flow_jump.n < 60) return 0;
    double after = (mi->flow + ring_flow(st, 1) + ring_flow(st, 2)) / 3;
    double before = (ring_flow(st, 3) + ring_flow(st, 4) + ring_flow(st, 5)) / 3;
    return before > 0 && after > (1 + st->cfg.flow_step) * before &&
           after - before > 5 * sqrt(st->flow_jump.mean);
}

/* The flow's level before the step, and its trend over the last 10 minutes (a flow rising
 * with the day's pattern would have gone on rising). */
static void step_start(rule_station *st, const rule_minute *mi, int64_t t)
{
    size_t rn = mi->recent_n;
    double level = 0;
    for (size_t i = 1; i <= 3 && i <= rn; i++)
        level += ring_flow(st, i) / (double)(rn < 3 ? rn : 3);
    st->flow_step.at = t;
    st->flow_step.before = level;
    st->flow_step.prod = mi->prod;
    st->flow_step.first = mi->flow;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t sn = rn < 10 ? rn : 10;
    for (size_t i = 1; i <= sn; i++) {
        double x = -(double)i, y = ring_flow(st, i);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    double den = (double)sn * sxx - sx * sx;
    st->flow_step.slope = den > 0 ? fmax(0, ((double)sn * sxy - sx * sy) / den) : 0;
    st->flow_step.sum = 0;
    st->flow_step.n = 0;
}

/* A step down of the flow while production holds: the meter or an outlet opened (no ratio
 * needed: caught even before one is learned, also where the flow follows a city's day and
 * not production). Confirmed when the flow stays under 90 % of the level before (carried on
 * by its trend) for 30 samples and the step was not the end of water let in at the sampling
 * point (rule-channel.c: its conductivity steps back up). */
void rule_check_flow_step(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    const rule_minute *mi = ev->minute;
    int64_t t = ev->t;
    double q = mi->flow;
    if (st->flow_step.back && ++st->flow_step.back == 6) {
        raise_back(k, q, t); /* five minutes after the flow came back: its edge is known */
        st->flow_step.back = 0;
        st->flow_step.at = 0;
    }
    if (step_begins(st, mi)) step_start(st, mi, t);
    /* less water let in at the sampling point (the conductivity steps back up with it, by at
     * least a third of what clean water leaving that share of the flow would do: a pipe
     * closed, rain easing): not water taken out or a meter */
    double share = st->flow_step.before > 0 ? 1 - st->flow_step.first / st->flow_step.before : 0;
    if (st->flow_step.at && !st->flow_step.sent &&
        (llabs(st->inflow.ended - st->flow_step.at) <= 5 * MIN_MS ||
         (llabs(st->cond_rose_at - st->flow_step.at) <= 5 * MIN_MS &&
          st->cond_rose_share >= share / 3)))
        st->flow_step.at = 0;
    if (st->flow_step.at && !st->flow_step.back) {
        st->flow_step.sum += q;
        st->flow_step.n++;
        if (st->flow_step.n == 6) /* the step's edge (5 samples back), five minutes after it */
            edge_levels(st, q, 4, &st->flow_step.edge_pre, &st->flow_step.edge_post);
        double mean = st->flow_step.sum / st->flow_step.n;
        double before = st->flow_step.before + st->flow_step.slope * (st->flow_step.n + 1) / 2.0;
        if (!mi->producing || (!st->flow_step.sent && mean >= (1 - c->flow_step / 2) * before)) {
            st->flow_step.at = 0; /* it came back (a fluctuation), or production stopped */
        } else if (st->flow_step.n >= 30 && !st->flow_step.sent) {
            st->flow_step.sent = 1;
            double mean_ratio = mean / before;
            rule_hit *h = rule_raise(k, RULE_FLOW_STEP, st->flow_step.at, t, 0);
            if (h) {
                char hm[8], before_txt[32], first_txt[32], prod_txt[32], mean_txt[32];
                rule_format_hm(st->flow_step.at, hm, sizeof hm);
                evidence_en(h->en, sizeof h->en, EV_FLOW_STEP,
                            rule_num(st->flow_step.before, before_txt, sizeof before_txt),
                            rule_num(st->flow_step.first, first_txt, sizeof first_txt), hm,
                            rule_num(mi->prod, prod_txt, sizeof prod_txt),
                            rule_num(mean, mean_txt, sizeof mean_txt), (mean_ratio - 1) * 100);
                evidence_zh(h->zh, sizeof h->zh, EV_FLOW_STEP, hm, before_txt, first_txt, prod_txt,
                            mean_txt, (mean_ratio - 1) * 100);
            }
        }
    }
    if (st->flow_step.sent && !st->flow_step.at && mi->recent_n && q >= 0.8 * st->flow_step.before)
        st->flow_step.sent = 0;
    if (st->flow_step.sent && st->flow_step.at && !st->flow_step.back) {
        double prod5 = st->ring_prod[(st->ring_at + 60 - 5) % 60];
        int held = fabs(mi->prod - prod5) <= 0.15 * prod5;
        if (held && steps_up(st, mi)) {
            st->flow_step.sent = 0;
            st->flow_step.back = 1; /* the flow came back: its edge is judged in five minutes */
        } else if (q >= 0.8 * st->flow_step.before &&
                   fabs(mi->prod - st->flow_step.prod) <= 0.15 * st->flow_step.prod) {
            st->flow_step.at = 0; /* back by degrees: no edge to judge */
            st->flow_step.sent = 0;
        }
    }
}

/* The usual flow at this hour: learned, else the mean of the night hours learned so far. */
static double usual_night_flow(const rule_station *st, int hour)
{
    if (st->flow_hour_n[hour] >= 10) return st->flow_hour[hour];
    double sum = 0;
    int n = 0;
    for (int h = 0; h < 24; h++)
        if (rule_is_night(&st->cfg, h) && st->flow_hour_n[h] >= 10) {
            sum += st->flow_hour[h];
            n++;
        }
    return n ? sum / n : 0;
}

/* Night flow (night_start_h .. night_end_h) over night_flow_ratio x its hour's usual by
 * night_excess x the mean flow, more than the production of the last hour explains (a tank
 * drains for a while after production stops) and not clean water let in at the sampling
 * point (the conductivity would fall with it), for night_minutes, outside a work order. */
void rule_check_night_flow(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    const rule_minute *mi = ev->minute;
    int64_t t = ev->t;
    double q = mi->flow, usual = usual_night_flow(st, mi->hour);
    double highest_prod = mi->prod;
    for (size_t i = 0; i < st->nring; i++)
        if (st->ring_prod[i] > highest_prod) highest_prod = st->ring_prod[i];
    int unexplained =
        !mi->nprod || st->flow_per_amp.n <= 60 || q > 1.5 * st->flow_per_amp.mean * highest_prod;
    /* the excess is clean water let in at the sampling point (rain into a combined channel,
     * a pipe): the conductivity moved toward clean water by a like share — not the plant's
     * wastewater discharged */
    int probe = 0;
    double moved = rule_tap_move(st, &probe);
    if (probe && q > 0 && moved >= 0.5 * (q - usual) / q) unexplained = 0;
    if (!(mi->warmed && rule_is_night(c, mi->hour) && usual > 0 &&
          q > c->night_flow_ratio * usual && unexplained &&
          q - usual >= c->night_excess * rule_ref(st, C_FLOW))) {
        st->night_since = 0;
        st->night_sent = 0;
        return;
    }
    if (!st->night_since) st->night_since = t;
    if (st->night_sent || t - st->night_since < c->night_minutes * MIN_MS || mi->covered) return;
    st->night_sent = 1;
    rule_hit *h = rule_raise(k, RULE_NIGHT_FLOW, st->night_since, t, 0);
    if (!h) return;
    char hm[8], flow_txt[32], usual_txt[32];
    rule_format_hm(st->night_since, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_NIGHT_FLOW, rule_num(q, flow_txt, sizeof flow_txt), hm,
                q / usual, rule_num(usual, usual_txt, sizeof usual_txt));
    evidence_zh(h->zh, sizeof h->zh, EV_NIGHT_FLOW, hm, flow_txt, usual_txt, q / usual);
}

/* An hourly record (2061): the totalizer (Cou, m3) against the mean flow (Avg, L/s) over
 * the part of the hour the DAU was running (its real-time records: a DAU powered on in the
 * middle of the hour totals from then), off by more than totalizer_tol, the flow flagged N.
 * An hour the DAU ran less than half of is not judged. */
void rule_check_totalizer(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_record *r = ev->record;
    double avg = -1, cou = -1;
    char flag = 'N';
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->code, rule_code(C_FLOW)) != 0) continue;
        if (f->flag) flag = f->flag;
        if (strcmp(f->field, "Avg") == 0) rule_parse_num(f->value, &avg);
        if (strcmp(f->field, "Cou") == 0) rule_parse_num(f->value, &cou);
    }
    if (flag != 'N' || avg <= 0 || cou <= 1) return;
    double ran = rule_hour_coverage(st, r->datatime);
    if (ran < 0.5) return;
    double expect = avg * 3.6 * (ran > 0.9 ? 1 : ran); /* L/s over the hour it ran, m3 */
    if (fabs(cou - expect) / cou <= st->cfg.totalizer_tol) return;
    rule_hit *h = rule_raise(k, RULE_TOTALIZER_MISMATCH, r->datatime, r->datatime + HOUR_MS, 0);
    if (!h) return;
    char hm[8], total_txt[32], expect_txt[32];
    rule_format_hm(r->datatime, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_TOTALIZER, hm, rule_num(cou, total_txt, sizeof total_txt),
                rule_num(expect, expect_txt, sizeof expect_txt));
    evidence_zh(h->zh, sizeof h->zh, EV_TOTALIZER, hm, total_txt, expect_txt);
}
