/*
 * rule-gaps.c — the gap family: holes in the real-time data that no backfill fills
 * (data_gap, gap_at_exceedance), outages the DAU backfilled late (link_outage), and a
 * station that stopped sending, while it is silent (station_silent).
 */
#include "rule-private.h"

/* The analyzer with the highest value near its limit (>= gap_near_limit x limit) within 2 h
 * of [from, to], or -1; its value in *value. */
static int near_limit(const rule_station *st, int64_t from, int64_t to, double *value)
{
    const rule_cfg *c = &st->cfg;
    int near = -1;
    double highest = 0;
    for (int ci = 0; ci < NBATCH; ci++) {
        const rule_analyzer *an = &st->analyzers[ci];
        double limit = rule_cfg_limit(c, rule_code(ci));
        if (limit <= 0) continue;
        for (size_t j = 0; j < an->nhist; j++) {
            const rule_sample *s = &an->hist[j];
            if (s->sampled >= from - 2 * HOUR_MS && s->sampled <= to + 2 * HOUR_MS &&
                s->value >= c->gap_near_limit * limit && s->value > highest) {
                near = ci;
                highest = s->value;
            }
        }
    }
    *value = highest;
    return near;
}

/* One more real-time record in the hour of t (a ring of the last hours). */
static void count_record(rule_station *st, int64_t t)
{
    int64_t hour = t - t % HOUR_MS;
    int slot = (int)((hour / HOUR_MS) % 4);
    if (st->rtd_count.hour[slot] != hour) {
        st->rtd_count.hour[slot] = hour;
        st->rtd_count.n[slot] = 0;
    }
    st->rtd_count.n[slot]++;
}

/* The DAU restarted at t (2081, after its power came back): its hour's totals begin anew
 * there, so the hour's records before it are not in them. */
void rule_hour_restart(rule_station *st, int64_t t)
{
    int64_t hour = t - t % HOUR_MS;
    int slot = (int)((hour / HOUR_MS) % 4);
    st->rtd_count.hour[slot] = hour;
    st->rtd_count.n[slot] = 0;
}

double rule_hour_coverage(const rule_station *st, int64_t hour)
{
    int slot = (int)((hour / HOUR_MS) % 4);
    if (!st->rtd_interval || st->rtd_count.hour[slot] != hour) return 0;
    double covered = (double)st->rtd_count.n[slot] * (double)st->rtd_interval / HOUR_MS;
    return covered < 1 ? covered : 1;
}

/* A hole in the real-time data: opened when a record comes more than gap_intervals
 * intervals after the one before, judged gap_grace_min after it closed — not filled by
 * half, not begun inside a work order nor brought back under one (the station room's power
 * restored by O&M on a repair order: the outage is the order's): data_gap, or gap_at_exceedance (strong) next to a value
 * near the limit. Late records fill it. */
void rule_check_gap(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t;
    count_record(st, t);
    if (st->gap.from && t > st->gap.from && t < st->gap.to) {
        st->gap.filled++;
        return;
    }
    if (st->last_rtd && t > st->last_rtd) {
        int64_t d = t - st->last_rtd;
        if (st->rtd_interval && !st->gap.from &&
            d > (int64_t)(c->gap_intervals * (double)st->rtd_interval) &&
            d >= c->gap_min_minutes * MIN_MS) {
            st->gap.from = st->last_rtd;
            st->gap.to = t;
            st->gap.filled = 0;
        } else if (!st->rtd_interval || d < st->rtd_interval) {
            if (d >= 1000) st->rtd_interval = d;
        }
    }
    if (!st->gap.from || t < st->gap.to + c->gap_grace_min * MIN_MS) return;
    int64_t from = st->gap.from, to = st->gap.to;
    st->gap.from = st->gap.to = 0;
    double expect = st->rtd_interval ? (double)(to - from) / (double)st->rtd_interval - 1 : 1;
    if ((double)st->gap.filled >= 0.5 * expect || rule_station_covered(st, from, WO_MARGIN) ||
        rule_station_covered(st, to, WO_MARGIN))
        return;
    double value = 0;
    int near = near_limit(st, from, to, &value);
    char hm_from[8], hm_to[8], value_txt[32], limit_txt[32];
    rule_format_hm(from, hm_from, sizeof hm_from);
    rule_format_hm(to, hm_to, sizeof hm_to);
    double hours = (double)(to - from) / HOUR_MS;
    rule_hit *h =
        rule_raise(k, near >= 0 ? RULE_GAP_AT_EXCEEDANCE : RULE_DATA_GAP, from, to, near >= 0);
    if (!h) return;
    if (near >= 0) {
        rule_num(value, value_txt, sizeof value_txt);
        rule_num(rule_cfg_limit(c, rule_code(near)), limit_txt, sizeof limit_txt);
        evidence_en(h->en, sizeof h->en, EV_GAP_NEAR_LIMIT, hm_from, hm_to, hours, code_en(near),
                    value_txt, code_unit(near), limit_txt);
        evidence_zh(h->zh, sizeof h->zh, EV_GAP_NEAR_LIMIT, hm_from, hm_to, hours, code_zh(near),
                    value_txt, code_unit(near), limit_txt);
    } else {
        evidence_en(h->en, sizeof h->en, EV_GAP, hm_from, hm_to, hours);
        evidence_zh(h->zh, sizeof h->zh, EV_GAP, hm_from, hm_to, hours);
    }
}

/* Records arriving long after their DataTime: the link was down and the DAU backfills.
 * Honest by itself (the data is complete); reported when the records come in time again,
 * so that fusion can weigh what the backfilled hours hold (stopped analyzers, values near
 * the limit, a door before it). */
void rule_check_outage(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    int64_t t = ev->t;
    int64_t late = ev->record->arrived - t;
    if (late > c->gap_min_minutes * MIN_MS) {
        if (!st->outage.from) st->outage.from = t;
        if (t > st->outage.to) st->outage.to = t;
        return;
    }
    if (!st->outage.from || late > 2 * MIN_MS) return;
    int64_t from = st->outage.from, to = st->outage.to;
    st->outage.from = st->outage.to = 0;
    if (to - from < c->gap_min_minutes * MIN_MS) return;
    double value = 0;
    int near = near_limit(st, from, to, &value);
    rule_hit *h = rule_raise(k, RULE_LINK_OUTAGE, from, to, 0); /* backfilled: values are there */
    if (!h) return;
    char hm_from[8], hm_to[8], value_txt[32];
    rule_format_hm(from, hm_from, sizeof hm_from);
    rule_format_hm(to, hm_to, sizeof hm_to);
    double hours = (double)(to - from) / HOUR_MS;
    if (near >= 0) {
        rule_num(value, value_txt, sizeof value_txt);
        evidence_en(h->en, sizeof h->en, EV_OUTAGE_NEAR_LIMIT, hm_from, hm_to, hours, code_en(near),
                    value_txt, code_unit(near));
        evidence_zh(h->zh, sizeof h->zh, EV_OUTAGE_NEAR_LIMIT, hm_from, hm_to, hours, code_zh(near),
                    value_txt, code_unit(near));
    } else {
        evidence_en(h->en, sizeof h->en, EV_OUTAGE, hm_from, hm_to, hours);
        evidence_zh(h->zh, sizeof h->zh, EV_OUTAGE, hm_from, hm_to, hours);
    }
}

int64_t rule_silence_ms(const rule_station *st)
{
    const rule_cfg *c = &st->cfg;
    int64_t ms = c->gap_min_minutes * MIN_MS;
    int64_t holes = (int64_t)(c->gap_intervals * (double)st->rtd_interval);
    return holes > ms ? holes : ms;
}

/* The station has sent nothing for the silence time: a cable pulled, the power cut, or a
 * link down that the DAU will backfill — the platform cannot tell which while it lasts.
 * Raised once per silence, at the moment it became one (the engine drives it on elapsed
 * time, not on a record); alone it is nothing (green), fusion weighs what is around it: an
 * entry into the station room just before the station went dark. Not inside a work order. */
void rule_check_silence(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    int64_t from = st->last_rtd, t = ev->t;
    if (rule_station_covered(st, from, WO_MARGIN)) return;
    rule_hit *h = rule_raise(k, RULE_SILENCE, from, t, 0);
    if (!h) return;
    char hm[8];
    rule_format_hm(from, hm, sizeof hm);
    long long mins = (long long)((t - from) / MIN_MS);
    evidence_en(h->en, sizeof h->en, EV_SILENCE, hm, mins);
    evidence_zh(h->zh, sizeof h->zh, EV_SILENCE, hm, mins);
}
