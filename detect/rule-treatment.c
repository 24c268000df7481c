/*
 * rule-treatment.c — the treatment family: treatment facilities stopped, or run at part
 * load, while production runs (treatment_off), and the concentrations that then rise
 * (concentration_rise) — also a value over the analyzer's range (flag T). The facilities'
 * current meters and their running states (2021) are kept here.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SBn-RS of a 2021 record: the running state of meter ea1nnn. */
void rule_meter_states(rule_station *st, const rule_record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strncmp(f->code, "SB", 2) != 0 || strcmp(f->field, "RS") != 0) continue;
        int n = atoi(f->code + 2);
        char code[12];
        hjcode_format(hjcode_at(HJCODE_CURRENT), n > 0 && n < 1000 ? n : 0, code, sizeof code);
        rule_meter *m = rule_meter_get(st, code);
        if (m) m->running = atoi(f->value);
    }
}

/* An analyzer flagged T (over its range) while treatment is off: the rise, as high as it
 * reads. */
void rule_check_over_range(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    if (ev->flag == ev->flag_before || ev->flag != 'T' || !st->treat_since || st->rise_sent) return;
    st->rise_sent = 1;
    rule_hit *h = rule_raise(k, RULE_CONC_RISE, st->treat_since, ev->t, 0);
    if (!h) return;
    char hm[8];
    rule_format_hm(ev->t, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_OVER_RANGE, code_en(ev->ci), hm);
    evidence_zh(h->zh, sizeof h->zh, EV_OVER_RANGE, code_zh(ev->ci), hm);
}

/* A measurement over conc_rise_ratio x its baseline while treatment is off. */
void rule_check_conc_rise(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_measurement *m = ev->m;
    const rule_analyzer *an = &st->analyzers[m->ci];
    if (!rule_warm(st, an)) return;
    double base = rule_base(an, m->sampled);
    if (!(base > 0 && m->value > st->cfg.conc_rise_ratio * base && st->treat_since &&
          !st->rise_sent))
        return;
    st->rise_sent = 1;
    rule_hit *h = rule_raise(k, RULE_CONC_RISE, st->treat_since, m->sampled, 0);
    if (!h) return;
    char base_txt[32], value_txt[32];
    evidence_en(h->en, sizeof h->en, EV_CONC_RISE, code_en(m->ci),
                rule_num(base, base_txt, sizeof base_txt),
                rule_num(m->value, value_txt, sizeof value_txt), code_unit(m->ci));
    evidence_zh(h->zh, sizeof h->zh, EV_CONC_RISE, code_zh(m->ci), base_txt, value_txt,
                code_unit(m->ci));
}

/* The mean of meter m's currents [from, to] minutes back (0: this minute). */
static double meter_back(const rule_meter *m, size_t from, size_t to)
{
    double sum = 0;
    for (size_t i = from; i <= to; i++)
        sum += m->ring[(m->ring_at + 16 - 1 - i) % 16];
    return sum / (double)(to - from + 1);
}

/* The production current or the flow `back` minutes ago (the channel's ring holds this
 * minute). */
static double ring_back(const double *ring, const rule_station *st, size_t back)
{
    return ring[(st->ring_at + 60 - 1 - back) % 60];
}

/* Each treatment meter's current this minute: a cut to part load is a step down by
 * treat_cut within minutes (the minutes just before still at the quarter hour's level: no
 * slow change with the load), while production and the flow held (a pump follows the flow
 * it lifts: the flow would fall with it); it stands while the current stays half that way
 * down. */
static void follow_cuts(rule_station *st, const rule_minute *mi, int64_t t)
{
    const rule_cfg *c = &st->cfg;
    int held =
        st->nring >= 6 && !mi->covered &&
        fabs(mi->prod - ring_back(st->ring_prod, st, 5)) <=
            0.15 * ring_back(st->ring_prod, st, 5) &&
        fabs(mi->flow - ring_back(st->ring_flow, st, 5)) <= 0.1 * ring_back(st->ring_flow, st, 5);
    for (size_t i = 0; i < st->nmeters; i++) {
        rule_meter *m = &st->meters[i];
        if (m->production) continue;
        m->ring[m->ring_at] = m->last;
        m->ring_at = (m->ring_at + 1) % 16;
        if (m->nring < 16) m->nring++;
        if (m->cut.at) {
            if (m->last >= (1 - c->treat_cut / 2) * m->cut.before) m->cut.at = 0;
            continue;
        }
        if (m->nring < 16 || !held) continue;
        double now = meter_back(m, 0, 2), pre = meter_back(m, 3, 5), base = meter_back(m, 6, 15);
        if (pre > 1 && now < (1 - c->treat_cut) * pre && fabs(pre - base) <= 0.4 * (pre - now)) {
            m->cut.at = t - 2 * MIN_MS;
            m->cut.before = pre;
        }
    }
}

/* The treatment meter that is off (*off) or at part load (*cut: stepped down), or NULL. A
 * facility that reports itself stopped (2021 running state 0 at 0 A) counts with no history
 * (*state_only). */
static const rule_meter *treatment_down(const rule_station *st, const rule_minute *mi, int *off,
                                        int *state_only, int *cut)
{
    const rule_cfg *c = &st->cfg;
    const rule_meter *down = NULL;
    int part = 0;
    /* part load counts while the flow it treats is not low: pumps follow the flow */
    int flow_ok = mi->steady &&
                  (!st->have[C_FLOW] ||
                   (st->flow_per_amp.n > 60 && mi->flow >= 0.7 * st->flow_per_amp.mean * mi->prod));
    *off = *state_only = *cut = 0;
    for (size_t i = 0; i < st->nmeters; i++) {
        const rule_meter *m = &st->meters[i];
        if (m->production) continue;
        if (m->running == 0 && m->last < 0.5 && mi->steady &&
            (m->base.n <= 30 || m->base.mean <= 1)) {
            if (!*off) *state_only = 1;
            *off = 1;
            down = m;
            continue;
        }
        if (m->base.n <= 30 || m->base.mean <= 1) continue;
        if (m->last < c->treat_off_frac * m->base.mean) {
            *state_only = *cut = 0;
            *off = 1;
            down = m;
        } else if (!*off && m->cut.at) {
            part = *cut = 1;
            down = m;
        } else if (!*off && !*cut && flow_ok && m->last < c->treat_low_frac * m->base.mean) {
            part = 1;
            down = m;
        }
    }
    return *off || part ? down : NULL;
}

/* Treatment stopped (a meter under treat_off_frac of its usual current) or at part load
 * (under treat_low_frac) while production runs: yellow after treat_min, strong after
 * treat_red_min when stopped, outside a work order. */
void rule_check_treatment(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    const rule_minute *mi = ev->minute;
    int64_t t = ev->t;
    int off = 0, state_only = 0, cut = 0;
    follow_cuts(st, mi, t);
    const rule_meter *down = treatment_down(st, mi, &off, &state_only, &cut);
    if (!down) {
        st->treat_since = 0;
        st->treat_level = 0;
        st->rise_sent = 0;
        return;
    }
    if (!mi->producing) {
        /* a plant not producing needs no treatment: the episode ends, and a part load's step
         * is no reference for the next production (its pumps start again with the flow) */
        st->treat_since = 0;
        st->treat_level = 0;
        st->rise_sent = 0;
        for (size_t i = 0; i < st->nmeters; i++)
            st->meters[i].cut.at = 0;
        return;
    }
    if (!mi->warmed && !state_only) return;
    /* an episode begins once production is steady: while it starts, the pumps follow the
     * flow as it rises */
    if (!st->treat_since && !mi->steady) return;
    if (!st->treat_since) st->treat_since = t;
    int64_t mins = (t - st->treat_since) / MIN_MS;
    /* part load is one data anomaly (yellow); a concentration rise corroborates it */
    int level = mins >= c->treat_red_min && off ? 2 : mins >= c->treat_min ? 1 : 0;
    if (level <= st->treat_level || mi->covered) return;
    st->treat_level = level;
    rule_hit *h = rule_raise(k, RULE_TREATMENT_OFF, st->treat_since, t, level == 2);
    if (!h) return;
    char hm[8], now_txt[32], usual_txt[32], prod_txt[32];
    rule_format_hm(st->treat_since, hm, sizeof hm);
    if (cut) { /* stepped down while production and the flow held */
        char before_txt[32];
        rule_format_hm(down->cut.at, hm, sizeof hm);
        rule_num(down->cut.before, before_txt, sizeof before_txt);
        rule_num(down->last, now_txt, sizeof now_txt);
        rule_num(mi->prod, prod_txt, sizeof prod_txt);
        double pct = (down->last / down->cut.before - 1) * 100;
        evidence_en(h->en, sizeof h->en, EV_TREATMENT_CUT, down->code, before_txt, now_txt, pct, hm,
                    prod_txt, (long long)mins);
        evidence_zh(h->zh, sizeof h->zh, EV_TREATMENT_CUT, hm, down->code, before_txt, now_txt, pct,
                    prod_txt, (long long)mins);
        return;
    }
    if (state_only) { /* no usual current known yet: the facility says it */
        evidence_en(h->en, sizeof h->en, EV_TREATMENT_STATE_OFF, down->code,
                    rule_num(down->last, now_txt, sizeof now_txt),
                    rule_num(mi->prod, prod_txt, sizeof prod_txt), hm, (long long)mins);
        evidence_zh(h->zh, sizeof h->zh, EV_TREATMENT_STATE_OFF, hm, down->code, now_txt, prod_txt,
                    (long long)mins);
        return;
    }
    evidence_en(h->en, sizeof h->en, EV_TREATMENT_OFF, down->code,
                rule_num(down->last, now_txt, sizeof now_txt),
                rule_num(down->base.mean, usual_txt, sizeof usual_txt),
                rule_num(mi->prod, prod_txt, sizeof prod_txt), hm, (long long)mins,
                down->running == 0 ? evidence_word_en(EV_RUNNING_STATE_OFF) : "");
    evidence_zh(h->zh, sizeof h->zh, EV_TREATMENT_OFF, hm, down->code, now_txt, usual_txt, prod_txt,
                (long long)mins, down->running == 0 ? evidence_word_zh(EV_RUNNING_STATE_OFF) : "");
}
