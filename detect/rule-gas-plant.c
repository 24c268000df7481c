/*
 * rule-gas-plant.c — the flue and the treatment of a gas station (GAS.md; docs/detection.md
 * "Gas and VOCs stations"): the monitored flow falling while the fan draws the same current
 * (a lowered velocity coefficient, area or pitot factor: flow_param_tamper; the bypass damper
 * opened: bypass_flue), and a VOCs station's NMHC rising while the fan and the flow hold and
 * the RTO's meter still draws (the chamber cooled or bypassed: rto_bypass). A treatment
 * facility switched off is the treatment rule's (rule-treatment.c), as on the water side.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NOW_MIN   5  /* the last minutes */
#define REF_FROM  45 /* against the minutes [REF_FROM, REF_TO) ago */
#define REF_TO    85
#define HOLD_MIN  5
#define FLOW_FALL 0.20 /* the flow down 20 % ... */
#define FAN_TOL                                                                                    \
    0.05              /* ... while the fan current held within 5 % (its share of the flow is       \
                         three quarters: 20 % less gas is 15 % less current) */
#define FLOW_LAST 120 /* it lasted: strong */

static double window_of(const rule_gas *g, const gas_episode *e, int c, int from, int to, int ref)
{
    if (ref && e->since) return e->ref[c];
    int n = 0;
    double m = gas_chan_window(g, c, 0, from, to, &n);
    return n >= (to - from) / 2 ? m : NAN;
}

void rule_gas_check_flow(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    if (!gas_warm(g) || !g->ch[G_FLOW].have || g->fan < 0) return;
    gas_episode *e = &g->flow;
    double before = window_of(g, e, G_FLOW, REF_FROM, REF_TO, 1);
    double now = window_of(g, e, G_FLOW, 0, NOW_MIN, 0);
    double fan_b = e->since ? e->ref_fan : gas_fan_window(g, REF_FROM, REF_TO);
    double fan = gas_fan_window(g, 0, NOW_MIN) / fan_b;
    int holds =
        g->running && before > 0 && now / before <= 1 - FLOW_FALL && gas_steady(fan, FAN_TOL);
    int was = e->level;
    gas_episode_tick(g, e, holds, ev->t, 0);
    if (!holds || e->run < HOLD_MIN) return;
    int level = ev->t - e->since >= FLOW_LAST * MIN_MS ? 2 : 1;
    if (level <= was || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    e->level = level;
    rule_hit *h = rule_raise(k, RULE_GAS_FLOW_DEFICIT, e->since, ev->t, level == 2);
    if (!h) return;
    /* a VOCs line has no bypass flue: a parameter of the flue monitor */
    h->variant = g->vocs ? 1 : 0;
    char hm[8], b[32], a[32], vb[16], va[16], fan_txt[32];
    rule_format_hm(e->since, hm, sizeof hm);
    rule_num(before, b, sizeof b);
    rule_num(now, a, sizeof a);
    rule_num(e->ref[G_VEL], vb, sizeof vb);
    rule_num(window_of(g, e, G_VEL, 0, NOW_MIN, 0), va, sizeof va);
    rule_num(gas_fan_window(g, 0, NOW_MIN), fan_txt, sizeof fan_txt);
    evidence_en(h->en, sizeof h->en, EV_GAS_FLOW, hm, b, a, (now / before - 1) * 100, vb, va,
                fan_txt);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLOW, hm, b, a, (now / before - 1) * 100, vb, va,
                fan_txt);
}

#define RTO_RISE 1.8 /* NMHC 1.8 x its level before */
#define RTO_HOLD 10
#define RTO_LAST 60

/* The treatment meters' current now against the episode's start (the RTO's draw). */
static double treatment_current(const rule_station *st)
{
    double sum = 0;
    for (size_t i = 0; i < st->nmeters; i++)
        if (!st->meters[i].production) sum += st->meters[i].last;
    return sum;
}

void rule_gas_check_rto(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    if (!gas_warm(g) || !g->vocs) return;
    gas_episode *e = &g->rto;
    int n = 0;
    double before = e->since ? e->ref[G_NMHC] : gas_chan_window(g, G_NMHC, 1, REF_FROM, REF_TO, &n);
    if (!e->since && n < 20) before = NAN;
    double now = gas_chan_window(g, G_NMHC, 1, 0, 10, &n);
    double fan_b = e->since ? e->ref_fan : gas_fan_window(g, REF_FROM, REF_TO);
    double fan = gas_fan_window(g, 0, 10) / fan_b;
    double treat = treatment_current(k->st);
    /* above its baseline too: not the way back from a fall */
    const gas_ewma *usual = &g->ch[G_NMHC].base;
    int above = usual->n >= 100 && now >= RTO_RISE * usual->mean;
    int holds = g->running && n >= 5 && before > 0.5 && now >= RTO_RISE * before && above &&
                gas_steady(fan, 2 * FAN_TOL) && treat > 1; /* a meter off: treatment_stopped */
    int was = e->level;
    gas_episode_tick(g, e, holds, ev->t, 1);
    if (!holds || e->run < RTO_HOLD) return;
    double lim = gas_limit(k->st, G_NMHC);
    int level = ev->t - e->since >= RTO_LAST * MIN_MS || (lim > 0 && now > lim) ? 2 : 1;
    if (level <= was || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    e->level = level;
    rule_hit *h = rule_raise(k, RULE_GAS_RTO_RISE, e->since, ev->t, level == 2);
    if (!h) return;
    char hm[8], b[32], a[32], fan_txt[32], tr[32];
    rule_format_hm(e->since, hm, sizeof hm);
    rule_num(before, b, sizeof b);
    rule_num(now, a, sizeof a);
    rule_num(gas_fan_window(g, 0, 10), fan_txt, sizeof fan_txt);
    rule_num(treat, tr, sizeof tr);
    evidence_en(h->en, sizeof h->en, EV_GAS_RTO, hm, b, a, fan_txt, tr);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_RTO, hm, b, a, fan_txt, tr);
}
