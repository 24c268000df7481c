/*
 * rule-gas-chain.c — the sampling chain of a gas station (GAS.md; docs/detection.md "Gas and
 * VOCs stations"): air let into the probe (every extracted gas falls by one factor while the
 * fan and the flow hold: probe_dilution; NMHC and THC at a VOCs station: vocs_dilution), the
 * O2 reading lowered for the load (o2_tamper), the heated line or the chiller out of their
 * band with SO2 falling alone (heat_trace_off), one gas stepping down on its own
 * (dau_tamper) and a gas stepping down at a calibration (span_gas_tamper).
 *
 * A step is judged on windows of the minute ring: the last minutes (NOW) against the
 * minutes 45 to 85 before (REF); once a condition held, its episode keeps the levels of
 * REF as they were, so a fraud that lasts is still compared with the time before it.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NOW_MIN  10 /* the last minutes */
#define REF_FROM 45 /* the minutes before: [REF_FROM, REF_TO) ago */
#define REF_TO   85
#define HOLD_MIN 5    /* a condition holds this many minutes: a hit */
#define LAST_MIN 180  /* ... and this long: it lasted (strong) */
#define FAN_TOL  0.05 /* the fan current "held": within 5 % (a load change moves it 10 %+) */
#define FLOW_TOL 0.12 /* the flow "held" */
#define FALL                                                                                       \
    0.12 /* a fall of at least 12 %: at a fan held within 5 % the load, and with it every gas's     \
            level, moves by less than 7 %; fuel and combustion noise move one gas, not all */
#define FALL_VOCS                                                                                  \
    0.20 /* NMHC and THC: an honest VOCs line moves them together by up to some 15 % at a held    \
            fan (generated honest stations) */
#define COMMON   0.15 /* the gases' fall factors within this of each other */
#define TREAT_TOL 0.10 /* the treatment's current "held" (an RTO heating draws a third more) */
#define O2_DROP       1.5 /* O2 lower by 1.5 %-points at the same fan current (before learning) */
#define O2_DROP_FLOOR 0.3 /* ... once its honest steps are learned: SIGMAS of them, at least this */
#define O2_SIGMAS     6
#define O2_LEARN_MIN  120 /* minutes of O2 steps at a held fan learned */
#define O2_SETTLE_MIN 150 /* after a start the flame takes this long to bring O2 down from air */
#define O2_AIR   20.9

/* The REF level of a channel: the episode's when it holds, else the ring's. */
static double ref_of(const rule_gas *g, const gas_episode *e, int c, int converted)
{
    if (e->since) return e->ref[c];
    int n = 0;
    double m = gas_chan_window(g, c, converted, REF_FROM, REF_TO, &n);
    return n >= 20 ? m : NAN;
}

static double now_of(const rule_gas *g, int c, int converted, int mins)
{
    int n = 0;
    double m = gas_chan_window(g, c, converted, 0, mins, &n);
    return n >= mins / 2 + 1 ? m : NAN;
}

static double fan_ref(const rule_gas *g, const gas_episode *e)
{
    return e->since ? e->ref_fan : gas_fan_window(g, REF_FROM, REF_TO);
}

/* The episode takes the minute: it holds (its REF levels kept from its first minute) or
 * not (two minutes' grace). Returns the minutes it held. */
int gas_episode_tick(rule_gas *g, gas_episode *e, int holds, int64_t t, int converted)
{
    if (holds) {
        if (!e->since) {
            for (int c = 0; c < G_NCH; c++)
                e->ref[c] = ref_of(g, e, c, converted);
            e->ref_fan = gas_fan_window(g, REF_FROM, REF_TO);
            e->ref_treat = gas_window(g, g->treat_ring, REF_FROM, REF_TO, NULL);
            e->since = t;
        }
        e->run++;
        e->miss = 0;
        return e->run;
    }
    if (e->since && ++e->miss <= 2) return 0;
    memset(e, 0, sizeof *e);
    return 0;
}

/* The level to send for an episode that held `run` minutes since `since`. */
static int episode_level(const gas_episode *e, int64_t t)
{
    if (e->run < HOLD_MIN) return 0;
    return t - e->since >= LAST_MIN * MIN_MS ? 2 : 1;
}

/* "SO2 23.1 → 15.0, NOx 42.0 → 27.5" into out (both languages: names by language). */
static void list_falls(const rule_gas *g, const gas_episode *e, const int *chs, int n, int zh,
                       int converted, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        int c = chs[i];
        double before = e->ref[c], now = now_of(g, c, converted, NOW_MIN);
        if (isnan(before) || isnan(now)) continue;
        char b[32], a[32];
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s %s → %s", len ? (zh ? "，" : ", ") : "",
                 gas_name(c, zh), rule_num(before, b, sizeof b), rule_num(now, a, sizeof a));
    }
}

/* ---- air let into the sample ---- */

/* Every extracted gas at most (1 - FALL) of its level, the factors alike; the fan and the
 * flow held; O2 held (in situ) or rose toward air as the fall says (extractive). */
static int common_fall(const rule_gas *g, const gas_episode *e, const int *chs, int n, double fall,
                       double *factor)
{
    double lo = 1e9, hi = -1e9, sum = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
        int c = chs[i];
        if (!g->ch[c].have) continue;
        double before = ref_of(g, e, c, 0), now = now_of(g, c, 0, NOW_MIN);
        if (isnan(before) || isnan(now) || before <= 0.5) continue;
        if (gas_elevated(g, c, ref_of(g, e, c, 1))) return 0;
        double r = now / before;
        lo = r < lo ? r : lo;
        hi = r > hi ? r : hi;
        sum += r;
        k++;
    }
    if (k < 2 || hi > 1 - fall || hi - lo > COMMON) return 0;
    *factor = sum / k;
    double fan = gas_fan_window(g, 0, NOW_MIN) / fan_ref(g, e);
    double flow = now_of(g, G_FLOW, 0, NOW_MIN) / ref_of(g, e, G_FLOW, 0);
    if (!gas_steady(fan, FAN_TOL)) return 0;
    if (g->ch[G_FLOW].have && !gas_steady(flow, FLOW_TOL)) return 0;
    /* an RTO coming to its temperature after a restart burns at full fire, then settles: its
     * current steps down as the share it destroys reaches the design's, NMHC falling with it */
    if (g->vocs) {
        int n_now = 0;
        double tr_now = gas_window(g, g->treat_ring, 0, NOW_MIN, &n_now);
        double tr_ref = e->since ? e->ref_treat : gas_window(g, g->treat_ring, REF_FROM, REF_TO, NULL);
        if (n_now && tr_ref > 1 && !gas_steady(tr_now / tr_ref, TREAT_TOL)) return 0;
    }
    if (!g->ch[G_O2].have) return 1;
    double o2b = ref_of(g, e, G_O2, 0), o2n = now_of(g, G_O2, 0, NOW_MIN);
    if (isnan(o2b) || isnan(o2n)) return 0;
    if (fabs(o2n - o2b) < 1.0) return 1;     /* in situ: the stack's O2 */
    double f = (o2n - o2b) / (O2_AIR - o2b); /* extractive: the share of air it says */
    return f > 0 && fabs((1 - f) - *factor) <= COMMON;
}

void rule_gas_check_dilution(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    if (!gas_warm(g)) return;
    static const int GAS[] = {G_SO2, G_NOX, G_CO, G_CO2};
    static const int VOC[] = {G_NMHC, G_THC};
    const int *chs = g->vocs ? VOC : GAS;
    int n = g->vocs ? 2 : 4;
    gas_episode *e = &g->dil;
    double factor = 1;
    int holds = g->running && common_fall(g, e, chs, n, g->vocs ? FALL_VOCS : FALL, &factor);
    int was = e->level;
    gas_episode_tick(g, e, holds, ev->t, 0);
    int level = episode_level(e, ev->t);
    if (!holds || level <= was || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    /* a gas whose value has not changed since the fall began was stopped, not diluted: the
     * identical values' check tells */
    for (int i = 0; i < n; i++)
        if (g->ch[chs[i]].have && gas_stopped_for(g, chs[i]) >= e->run) return;
    e->level = level;
    rule_hit *h = rule_raise(k, g->vocs ? RULE_GAS_VOCS_FALL : RULE_GAS_DILUTION, e->since, ev->t,
                             level == 2);
    if (!h) return;
    char hm[8], list_en[160], list_zh[160], fan_txt[32], o2_txt[48];
    rule_format_hm(e->since, hm, sizeof hm);
    list_falls(g, e, chs, n, 0, 0, list_en, sizeof list_en);
    list_falls(g, e, chs, n, 1, 0, list_zh, sizeof list_zh);
    rule_num(gas_fan_window(g, 0, NOW_MIN), fan_txt, sizeof fan_txt);
    o2_txt[0] = '\0';
    if (g->ch[G_O2].have) {
        char b[16], a[16];
        snprintf(o2_txt, sizeof o2_txt, "%s → %s", rule_num(e->ref[G_O2], b, sizeof b),
                 rule_num(now_of(g, G_O2, 0, NOW_MIN), a, sizeof a));
    } else {
        snprintf(o2_txt, sizeof o2_txt, "-");
    }
    evidence_id id = g->vocs ? EV_VOCS_FALL : EV_GAS_DILUTION;
    evidence_en(h->en, sizeof h->en, id, hm, (1 - factor) * 100, list_en, fan_txt, o2_txt);
    evidence_zh(h->zh, sizeof h->zh, id, hm, (1 - factor) * 100, list_zh, fan_txt, o2_txt);
}

/* ---- O2 lowered ---- */

/* O2 before less O2 now at the fan current and flow of before (NAN when they moved or a
 * window lacks): an episode's levels when it holds, else the ring's. */
static double o2_step(const rule_gas *g, const gas_episode *e)
{
    /* the flame settling after a start, or O2's drift removed by its calibration inside the
     * windows: a fall no tamper made */
    if (!g->run_since || g->last_t - g->run_since < O2_SETTLE_MIN * MIN_MS) return NAN;
    if (!e->since && g->ch[G_O2].c_at && g->last_t - g->ch[G_O2].c_at <= REF_TO * MIN_MS)
        return NAN;
    double o2b = ref_of(g, e, G_O2, 0), o2n = now_of(g, G_O2, 0, NOW_MIN);
    double fan = gas_fan_window(g, 0, NOW_MIN) / fan_ref(g, e);
    double flow = now_of(g, G_FLOW, 0, NOW_MIN) / ref_of(g, e, G_FLOW, 0);
    if (!gas_steady(fan, FAN_TOL) || (g->ch[G_FLOW].have && !gas_steady(flow, FLOW_TOL)))
        return NAN;
    return o2b - o2n;
}

double gas_o2_step(const rule_gas *g)
{
    static const gas_episode none;
    return g->ch[G_O2].have && gas_warm(g) ? o2_step(g, &none) : NAN;
}

/* The fall of O2 that no held fan explains: O2_SIGMAS of its steps learned in normal
 * operation at a held fan (what the load's own swings inside the fan's band and the
 * analyzer do), never less than O2_DROP_FLOOR, nor more than O2_DROP. */
static double o2_drop_needed(const rule_gas *g)
{
    if (g->o2_jump.n < O2_LEARN_MIN) return O2_DROP;
    double need = O2_SIGMAS * sqrt(g->o2_jump.mean);
    return need < O2_DROP_FLOOR ? O2_DROP_FLOOR : need > O2_DROP ? O2_DROP : need;
}

/* O2 lower at the same fan current and flow (excess air follows the load: O2 falls only
 * when the fan and the flow rise); CO2, when measured, did not rise as a lower O2 would
 * make it (CO2 ∝ 21 − O2 for one fuel). */
void rule_gas_check_o2(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    if (!gas_warm(g) || !g->ch[G_O2].have) return;
    gas_episode *e = &g->o2;
    double o2b = ref_of(g, e, G_O2, 0), o2n = now_of(g, G_O2, 0, NOW_MIN);
    double step = o2_step(g, e);
    int holds = g->running && !isnan(step) && step >= o2_drop_needed(g);
    int was = e->level;
    gas_episode_tick(g, e, holds, ev->t, 0);
    int level = episode_level(e, ev->t);
    /* CO2 that did not follow: two analyzers disagree about the same combustion */
    double co2_expect = (21 - o2n) / (21 - o2b), co2 = NAN;
    if (g->ch[G_CO2].have) co2 = now_of(g, G_CO2, 0, NOW_MIN) / e->ref[G_CO2];
    int co2_off = !isnan(co2) && co2 < co2_expect - 0.05;
    if (holds && co2_off && level == 1) level = 2;
    if (!holds || level <= was || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    e->level = level;
    rule_hit *h = rule_raise(k, RULE_GAS_O2_LOW, e->since, ev->t, level == 2);
    if (!h) return;
    char hm[8], b[16], a[16], fan_txt[32], co2_en[96] = "", co2_zh[96] = "";
    rule_format_hm(e->since, hm, sizeof hm);
    rule_num(o2b, b, sizeof b);
    rule_num(o2n, a, sizeof a);
    rule_num(gas_fan_window(g, 0, NOW_MIN), fan_txt, sizeof fan_txt);
    if (!isnan(co2)) {
        evidence_en(co2_en, sizeof co2_en, EV_GAS_CO2_FIT, (co2 - 1) * 100, (co2_expect - 1) * 100);
        evidence_zh(co2_zh, sizeof co2_zh, EV_GAS_CO2_FIT, (co2 - 1) * 100, (co2_expect - 1) * 100);
    }
    double conv = (21 - o2b) / (21 - o2n);
    evidence_en(h->en, sizeof h->en, EV_GAS_O2_LOW, hm, b, a, fan_txt, (conv - 1) * 100, co2_en);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_O2_LOW, hm, b, a, fan_txt, (conv - 1) * 100, co2_zh);
}

/* ---- the heated line, the chiller; one gas stepping on its own ---- */

#define LINE_MIN_C    120 /* HJ 75: the heated line 120 .. 180 °C */
#define LINE_MAX_C    185
#define CHILLER_MAX_C 8 /* a chiller dries the gas at about 4 °C */

void rule_gas_line_check(rule_sink *k, int64_t t)
{
    rule_gas *g = k->st->gas;
    if (!g->line_known) return;
    int bad = g->line_c < LINE_MIN_C || g->line_c > LINE_MAX_C || g->chiller_c > CHILLER_MAX_C;
    if (!bad) {
        g->line_bad = 0;
        return;
    }
    if (g->line_bad) return;
    g->line_bad = 1;
    g->line_bad_since = t;
    if (rule_covered_known(k->st, t, WO_MARGIN, k->time)) return;
    rule_hit *h = rule_raise(k, RULE_GAS_LINE_TEMP, t, t, 0);
    if (!h) return;
    char hm[8], lc[16], cc[16];
    rule_format_hm(t, hm, sizeof hm);
    rule_num(g->line_c, lc, sizeof lc);
    rule_num(g->chiller_c, cc, sizeof cc);
    evidence_en(h->en, sizeof h->en, EV_GAS_LINE_TEMP, hm, lc, cc);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_LINE_TEMP, hm, lc, cc);
}

#define ALONE_FALL 0.30 /* one gas down 30 % */
#define ALONE_HOLD 0.12 /* ... while another holds within 12 % */

/* The gas that fell alone (converted: the load does not move them), -1 none; *other the
 * gas that held. */
static int fell_alone(const rule_gas *g, const gas_episode *e, int *other, double *ratio)
{
    /* the extracted gases (the dust is measured in the stack and spikes at soot blowing) */
    static const int GAS[] = {G_SO2, G_NOX, G_CO};
    int fell = -1, held = -1;
    for (int i = 0; i < 3; i++) {
        int c = GAS[i];
        if (!g->ch[c].have) continue;
        double before = ref_of(g, e, c, 1), now = now_of(g, c, 1, NOW_MIN);
        if (isnan(before) || isnan(now) || before <= 0.5) continue;
        double r = now / before;
        if (r <= 1 - ALONE_FALL && fell < 0 && !gas_elevated(g, c, before)) {
            fell = c;
            *ratio = r;
        } else if (fabs(r - 1) <= ALONE_HOLD && held < 0) {
            held = c;
        }
    }
    *other = held;
    return held >= 0 ? fell : -1;
}

void rule_gas_check_split(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    if (!gas_warm(g) || g->vocs) return;
    gas_episode *e = &g->split;
    int other = -1;
    double ratio = 1;
    int c = fell_alone(g, e, &other, &ratio);
    double fan = gas_fan_window(g, 0, NOW_MIN) / fan_ref(g, e);
    /* not at a calibration (the span check judges those) */
    int calibrated = c >= 0 && g->ch[c].c_end && ev->t - g->ch[c].c_end < 3 * HOUR_MS;
    int holds = g->running && c >= 0 && gas_steady(fan, 2 * FAN_TOL) && !calibrated;
    int was = e->level;
    gas_episode_tick(g, e, holds, ev->t, 1);
    if (!holds) return;
    /* the line's temperature tells SO2 lost in condensate from a value rewritten */
    int cold = c == G_SO2 && g->line_bad;
    /* its parameters changed without an order: the level it stepped to is the change's */
    int changed = g->ch[c].param_at && ev->t - g->ch[c].param_at <= 12 * HOUR_MS;
    /* SO2 alone with the line not (yet) reported out of band: the line's 3020 comes with its
     * alarm or on the hour; a rewritten value waits for it */
    int wait = cold || changed ? HOLD_MIN : c == G_SO2 ? 60 : 2 * HOLD_MIN;
    if (e->run < wait) return;
    /* its value has not changed since the step: stopped, not rewritten (the identical values'
     * check tells) */
    if (gas_stopped_for(g, c) >= e->run) return;
    int level = episode_level(e, ev->t);
    if (level <= was || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    e->level = level;
    rule_id id = cold ? RULE_GAS_SO2_SPLIT : changed ? RULE_LEVEL_SHIFT : RULE_DECOUPLED_STEP;
    rule_hit *h = rule_raise(k, id, e->since, ev->t, level == 2 && (cold || changed));
    if (!h) return;
    char hm[8], b[32], a[32], ob[32], oa[32];
    rule_format_hm(e->since, hm, sizeof hm);
    rule_num(e->ref[c], b, sizeof b);
    rule_num(now_of(g, c, 1, NOW_MIN), a, sizeof a);
    rule_num(e->ref[other], ob, sizeof ob);
    rule_num(now_of(g, other, 1, NOW_MIN), oa, sizeof oa);
    evidence_id text = cold ? EV_GAS_SO2_SPLIT : changed ? EV_GAS_PARAM_LEVEL : EV_GAS_ALONE;
    evidence_en(h->en, sizeof h->en, text, gas_name(c, 0), b, a, (ratio - 1) * 100, hm,
                gas_name(other, 0), ob, oa);
    evidence_zh(h->zh, sizeof h->zh, text, gas_name(c, 1), b, a, (ratio - 1) * 100, hm,
                gas_name(other, 1), ob, oa);
}

/* ---- a step at a calibration ---- */

#define SPAN_STEP                                                                                  \
    0.25                    /* the level after a calibration 25 % under the level before,          \
                               against a gas not calibrated with it */
#define SPAN_SLOPE     0.15 /* a calibration moving the slope this much */
#define SPAN_AFTER_MIN 30   /* the level after: this many valid minutes */
#define SPAN_CAL_MAX   30   /* a calibration lasts at most this long */

static int companion(const rule_gas *g, int c)
{
    static const int ORDER[] = {G_NOX, G_SO2, G_CO, G_CO2};
    for (int i = 0; i < 4; i++)
        if (ORDER[i] != c && g->ch[ORDER[i]].have) return ORDER[i];
    return -1;
}

static void span_hit(rule_sink *k, rule_gas *g, int c, double rel, int64_t t)
{
    gas_chan *ch = &g->ch[c];
    int slope = ch->slope_at && ch->slope_at >= ch->c_start - 10 * MIN_MS &&
                fabs(ch->slope_to / ch->slope_from - 1) >= SPAN_SLOPE && ch->slope_from > 0;
    int step = rel <= 1 - SPAN_STEP;
    if (!step && !slope) return;
    char hm[8], b[32], a[32], sb[16], sa[16];
    rule_format_hm(ch->c_start, hm, sizeof hm);
    if (step) {
        rule_hit *h = rule_raise(k, RULE_GAS_SPAN_STEP, ch->c_start, t, 0);
        if (h) {
            rule_num(ch->c_before, b, sizeof b);
            rule_num(now_of(g, c, 1, SPAN_AFTER_MIN), a, sizeof a);
            evidence_en(h->en, sizeof h->en, EV_GAS_SPAN_STEP, gas_name(c, 0), b, a, hm,
                        (rel - 1) * 100);
            evidence_zh(h->zh, sizeof h->zh, EV_GAS_SPAN_STEP, gas_name(c, 1), b, a, hm,
                        (rel - 1) * 100);
        }
    }
    if (slope) {
        rule_hit *h = rule_raise(k, RULE_GAS_SPAN_SLOPE, ch->c_start, t, 0);
        if (h) {
            rule_num(ch->slope_from, sb, sizeof sb);
            rule_num(ch->slope_to, sa, sizeof sa);
            evidence_en(h->en, sizeof h->en, EV_GAS_SPAN_SLOPE, gas_name(c, 0), hm, sb, sa,
                        (ch->slope_to / ch->slope_from - 1) * 100);
            evidence_zh(h->zh, sizeof h->zh, EV_GAS_SPAN_SLOPE, gas_name(c, 1), hm, sb, sa,
                        (ch->slope_to / ch->slope_from - 1) * 100);
        }
    }
}

void rule_gas_check_span(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    static const int CAL[] = {G_SO2, G_NOX, G_CO, G_CO2, G_NMHC};
    for (int i = 0; i < 5; i++) {
        int c = CAL[i];
        gas_chan *ch = &g->ch[c];
        if (!ch->have) continue;
        int o = companion(g, c);
        if (ch->flag == 'C') {
            if (!ch->c_start || ch->c_end) { /* a calibration begins: the hour before it */
                int n = 0;
                ch->c_start = ev->t;
                ch->c_end = 0;
                ch->c_judge = 0;
                ch->c_before = gas_chan_window(g, c, 1, 1, 61, &n);
                if (n < 30) ch->c_before = NAN;
                ch->c_companion = o >= 0 ? gas_chan_window(g, o, 1, 1, 61, &n) : NAN;
            }
            continue;
        }
        if (ch->c_start && !ch->c_end && ch->flag == 'N') {
            /* a calibration's length (the longer ones are the flags' check) */
            ch->c_end = ev->t;
            ch->c_judge = !isnan(ch->c_before) && ch->c_before > 0.5 &&
                          ev->t - ch->c_start <= SPAN_CAL_MAX * MIN_MS;
        }
        if (!ch->c_judge || ev->t - ch->c_end < (SPAN_AFTER_MIN + 5) * MIN_MS) continue;
        ch->c_judge = 0;
        double after = now_of(g, c, 1, SPAN_AFTER_MIN);
        if (isnan(after)) continue;
        double rel = after / ch->c_before;
        if (o >= 0 && !isnan(ch->c_companion) && ch->c_companion > 0.5) {
            double oa = now_of(g, o, 1, SPAN_AFTER_MIN);
            /* the companion calibrated with it and fell alike: no check of one gas */
            if (!isnan(oa)) rel /= oa / ch->c_companion;
        }
        if (rule_covered_known(k->st, ch->c_start, WO_MARGIN, k->time)) continue;
        span_hit(k, g, c, rel, ev->t);
    }
}

/* ---- a code against its own components ---- */

/* One analyzer reads a code and its components in one exchange: NOx = NO x 46/30 + NO2 (as
 * NO2), NMHC = THC - CH4 (as C). Sent apart by more than their rounding, the code was changed
 * after the analyzer (on site: the analyzer's own record and the upload disagree). */
#define SUM_TOL      0.05 /* apart by this share of the larger ... */
#define SUM_ULP      3    /* ... plus three roundings of the code */
#define SUM_HOLD_MIN 5    /* valid minutes apart: a hit */
#define SUM_LAST_MIN 30   /* ... apart this long: strong */
#define NO_AS_NO2    (46.006 / 30.006)

static int part_ok(const gas_part *p)
{
    return p->have && (p->flag == 'N' || p->flag == 'T') && isfinite(p->v);
}

/* The code to check this minute (-1 none), its value and its components' sum. */
static int sum_minute(const rule_gas *g, double *sent, double *parts)
{
    const gas_chan *nox = &g->ch[G_NOX];
    if (nox->valid && part_ok(&g->no) && part_ok(&g->no2)) {
        *sent = nox->v;
        *parts = g->no.v * NO_AS_NO2 + g->no2.v;
        return G_NOX;
    }
    const gas_chan *nmhc = &g->ch[G_NMHC], *thc = &g->ch[G_THC], *ch4 = &g->ch[G_CH4];
    if (nmhc->valid && thc->valid && ch4->valid) {
        *sent = nmhc->v;
        *parts = thc->v > ch4->v ? thc->v - ch4->v : 0;
        return G_NMHC;
    }
    return -1;
}

void rule_gas_check_sum(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    double sent = NAN, parts = NAN;
    int c = g->running ? sum_minute(g, &sent, &parts) : -1;
    if (c < 0 || !isfinite(sent) || !isfinite(parts)) return; /* no telling: the run waits */
    double ulp = SUM_ULP * pow(10, -gas_code(c)->decimals);
    double big = fabs(sent) > fabs(parts) ? fabs(sent) : fabs(parts);
    int apart = big > 20 * ulp && fabs(sent - parts) > SUM_TOL * big + ulp;
    if (!apart) {
        if (g->sum.since && ++g->sum.miss <= 2) return;
        memset(&g->sum, 0, sizeof g->sum);
        return;
    }
    if (!g->sum.since) g->sum.since = ev->t;
    g->sum.run++;
    g->sum.miss = 0;
    g->sum.ch = c;
    g->sum.sent = sent;
    g->sum.parts = parts;
    int level = g->sum.run < SUM_HOLD_MIN                              ? 0
                : ev->t - g->sum.since >= (SUM_LAST_MIN - 1) * MIN_MS ? 2
                                                                       : 1;
    if (level <= g->sum.level || rule_station_covered(k->st, ev->t, WO_MARGIN)) return;
    g->sum.level = level;
    rule_hit *h = rule_raise(k, RULE_GAS_SUM_MISMATCH, g->sum.since, ev->t, level == 2);
    if (!h) return;
    char hm[8], s_txt[32], p_txt[32];
    rule_format_hm(g->sum.since, hm, sizeof hm);
    rule_num(sent, s_txt, sizeof s_txt);
    rule_num(parts, p_txt, sizeof p_txt);
    double off = parts > 0 ? (sent / parts - 1) * 100 : 0;
    const char *en = c == G_NOX ? "NO and NO2" : "THC - CH4";
    const char *zh = c == G_NOX ? "NO 与 NO2" : "总烃减甲烷";
    evidence_en(h->en, sizeof h->en, EV_GAS_SUM, gas_name(c, 0), s_txt, hm, en, p_txt, off,
                g->sum.run);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_SUM, gas_name(c, 1), s_txt, hm, zh, p_txt, off,
                g->sum.run);
}
