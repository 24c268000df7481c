/*
 * rule-gas.c — a flue-gas or VOCs station's minute (GAS.md; docs/detection.md "Gas and VOCs
 * stations"): the record read into the channels' ring, the baselines, the analyzers' 3020
 * parameters and the sampling system's temperatures; and the checks of the flags (a
 * stopped plant reported while its fan runs: fake_shutdown; calibration or maintenance
 * status beyond the schedule or at an exceedance: calibration_flag_abuse), identical values
 * (frozen_value, o2_tamper for the O2) and parameters changed without a work order
 * (analyzer_param_tamper, o2_tamper for the O2). The checks of the sampling chain are in
 * rule-gas-chain.c, those of the flow and the treatment in rule-gas-plant.c.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The channels' rows in the code table. */
static const int GAS_ROWS[G_NCH] = {
    HJCODE_SO2,  HJCODE_NOX, HJCODE_CO,  HJCODE_CO2,      HJCODE_O2,           HJCODE_PM,
    HJCODE_NMHC, HJCODE_THC, HJCODE_CH4, HJCODE_GAS_FLOW, HJCODE_GAS_VELOCITY,
};

/* The 3020 parameters the gas rules keep, by their rows. */
static const int GAS_PARAM_ROWS[G_NPARAM] = {HJCODE_I_RANGE, HJCODE_I_INTERCEPT, HJCODE_I_SLOPE,
                                             HJCODE_I_DL};

const hjcode *gas_code(int ch)
{
    return hjcode_at((size_t)GAS_ROWS[ch]);
}

int gas_channel(const char *code)
{
    for (int i = 0; i < G_NCH; i++) {
        const char *g = gas_code(i)->code;
        if (code[0] == g[0] && strcmp(code, g) == 0) return i; /* most codes differ at once */
    }
    return -1;
}

const char *gas_name(int ch, int zh)
{
    const hjcode *c = gas_code(ch);
    if (zh) return c->short_zh;
    return c->symbol ? c->symbol : c->name_en;
}

void gas_ewma_add(gas_ewma *e, double x, double alpha)
{
    if (e->n == 0) {
        e->mean = x;
        e->var = 0;
    } else {
        double a = e->n < 1.0 / alpha ? 1.0 / (double)(e->n + 1) : alpha;
        double d = x - e->mean;
        e->mean += a * d;
        e->var = (1 - a) * (e->var + a * d * d);
    }
    e->n++;
}

/* The ring's index of the minute `age` minutes before the newest. */
static int ring_index(const rule_gas *g, int age)
{
    return (g->ring_at - age + 2 * G_RING) % G_RING;
}

double gas_window(const rule_gas *g, const double *ring, int from, int to, int *n)
{
    double sum = 0;
    int k = 0;
    for (int age = from; age < to && age < g->nring; age++) {
        double v = ring[ring_index(g, age)];
        if (isnan(v)) continue;
        sum += v;
        k++;
    }
    if (n) *n = k;
    return k ? sum / k : NAN;
}

double gas_chan_window(const rule_gas *g, int ch, int converted, int from, int to, int *n)
{
    return gas_window(g, converted ? g->ch[ch].ring_z : g->ch[ch].ring_v, from, to, n);
}

double gas_fan_window(const rule_gas *g, int from, int to)
{
    int n = 0;
    double m = gas_window(g, g->fan_ring, from, to, &n);
    return n ? m : NAN;
}

int gas_steady(double ratio, double tol)
{
    return !isnan(ratio) && fabs(ratio - 1) <= tol;
}

double gas_limit(const rule_station *st, int ch)
{
    return rule_cfg_limit(&st->cfg, gas_code(ch)->code);
}

/* ---- a minute ---- */

static rule_gas *gas_get(rule_station *st)
{
    if (!st->gas) {
        st->gas = calloc(1, sizeof *st->gas);
        if (!st->gas) return NULL;
        for (int c = 0; c < G_NCH; c++) {
            st->gas->ch[c].state = -1;
            for (int i = 0; i < G_RING; i++)
                st->gas->ch[c].ring_v[i] = st->gas->ch[c].ring_z[i] = NAN;
        }
        for (int i = 0; i < G_RING; i++)
            st->gas->fan_ring[i] = st->gas->treat_ring[i] = NAN;
    }
    return st->gas;
}

/* The production (fan) current of the minute: the production meters' sum; -1 none. */
static double fan_current(const rule_station *st, double *base)
{
    double sum = 0, b = 0;
    int n = 0;
    for (size_t i = 0; i < st->nmeters; i++)
        if (st->meters[i].production) {
            sum += st->meters[i].last;
            b += st->meters[i].base.mean;
            n++;
        }
    if (base) *base = b;
    return n ? sum : -1;
}

/* A channel's value of the minute into the ring, and its run of identical values. */
static void chan_minute(rule_gas *g, int c)
{
    gas_chan *ch = &g->ch[c];
    int at = g->ring_at;
    ch->ring_v[at] = ch->valid ? ch->v : NAN;
    ch->ring_z[at] = ch->valid ? ch->z : NAN;
}

int rule_gas_parse(rule_station *st, const rule_record *r, int64_t t)
{
    int any = 0;
    for (size_t i = 0; i < r->n && !any; i++) {
        const hjcode *c = hjcode_find(r->f[i].code);
        any = c && c->kind == HJCODE_GAS;
    }
    if (!any) return 0;
    rule_gas *g = gas_get(st);
    if (!g) return 0;
    if (g->last_t && t <= g->last_t) return 0;
    g->last_t = t;
    double fb = 0, fan = fan_current(st, &fb);
    g->fan = fan;
    g->running = fan < 0 || (fan > 1 && (g->fan_ewma.n < 30 || fan > 0.3 * g->fan_ewma.mean));
    for (int c = 0; c < G_NCH; c++) {
        g->ch[c].have = 0;
        g->ch[c].valid = 0;
        g->ch[c].z = NAN;
    }
    g->no.have = g->no2.have = 0;
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        int c = gas_channel(f->code);
        double v = 0;
        gas_part *part = strcmp(f->code, code_of(HJCODE_NO)) == 0    ? &g->no
                         : strcmp(f->code, code_of(HJCODE_NO2)) == 0 ? &g->no2
                                                                      : NULL;
        if (part && strcmp(f->field, "Rtd") == 0 && rule_parse_num(f->value, &v) == 0) {
            part->have = 1;
            part->v = v;
            part->flag = f->flag ? f->flag : 'N';
            if (part->flag == 'N' && strcmp(part->last_raw, f->value) == 0) {
                part->same++;
            } else if (part->flag == 'N') {
                if (part->last_raw[0]) part->changes++;
                if (part->last_raw[0] && part->same > part->longest) part->longest = part->same;
                snprintf(part->last_raw, sizeof part->last_raw, "%s", f->value);
                part->same = 1;
            }
        }
        if (c < 0 || rule_parse_num(f->value, &v) != 0) continue;
        gas_chan *ch = &g->ch[c];
        if (strcmp(f->field, "ZsRtd") == 0) ch->z = v;
        if (strcmp(f->field, "Rtd") != 0) continue;
        ch->have = 1;
        ch->v = v;
        ch->flag = f->flag ? f->flag : 'N';
        if (ch->flag != 'N') continue; /* runs of identical values count valid minutes */
        if (strcmp(ch->last_raw, f->value) == 0) {
            ch->same++;
            continue;
        }
        if (ch->last_raw[0]) {
            ch->changes++;
            if (ch->same > ch->longest) ch->longest = ch->same;
        }
        size_t n = strnlen(f->value, sizeof ch->last_raw - 1); /* as snprintf "%s" cuts it */
        memcpy(ch->last_raw, f->value, n);
        ch->last_raw[n] = '\0';
        ch->same = 1;
    }
    for (int c = 0; c < G_NCH; c++)
        if (isnan(g->ch[c].z)) g->ch[c].z = g->ch[c].v;
    if (g->ch[G_NMHC].have) g->vocs = 1;
    int stopped = !g->running;
    for (int c = 0; c < G_NCH; c++) {
        if (g->ch[c].have && g->ch[c].flag == 'C') g->ch[c].c_at = t;
        stopped |= g->ch[c].have && g->ch[c].flag == 'F';
    }
    if (stopped) g->run_since = 0;
    else if (!g->run_since) g->run_since = t;
    g->ring_at = (g->ring_at + 1) % G_RING;
    if (g->nring < G_RING) g->nring++;
    for (int c = 0; c < G_NCH; c++) {
        gas_chan *ch = &g->ch[c];
        ch->valid = ch->have && (ch->flag == 'N' || ch->flag == 'T') && g->running;
        chan_minute(g, c);
        double lim = gas_limit(st, c);
        if (ch->valid && lim > 0 && ch->z > lim) {
            ch->over_at = t;
            ch->over_value = ch->z;
        }
    }
    g->fan_ring[g->ring_at] = fan >= 0 && g->running ? fan : NAN;
    double treat = 0;
    int ntreat = 0;
    for (size_t i = 0; i < st->nmeters; i++)
        if (!st->meters[i].production) {
            treat += st->meters[i].last;
            ntreat++;
        }
    g->treat_ring[g->ring_at] = ntreat && g->running ? treat : NAN;
    g->fan_base = fb;
    g->minutes++;
    return 1;
}

/* The baselines learn from the minute (no anomaly of the station going on). */
void rule_gas_learn(rule_sink *k, int64_t t)
{
    rule_station *st = k->st;
    rule_gas *g = st->gas;
    (void)t;
    if (!g || !rule_learning(st, k->time)) return;
    /* nor while a gas check's condition holds (a fraud that lasts is not the normal) */
    const gas_episode *eps[] = {&g->dil, &g->o2, &g->split, &g->flow, &g->rto};
    for (size_t i = 0; i < sizeof eps / sizeof eps[0]; i++)
        if (eps[i]->since) return;
    if (g->f_since) return;
    if (g->running && g->fan > 0) gas_ewma_add(&g->fan_ewma, g->fan, 0.01);
    double o2 = g->running ? gas_o2_step(g) : NAN;
    if (!isnan(o2)) gas_ewma_add(&g->o2_jump, o2 * o2, 0.01);
    /* slow upward (a day): hours of a rise missed by the checks do not make it the normal */
    for (int c = 0; c < G_NCH; c++)
        if (g->ch[c].valid)
            gas_ewma_add(&g->ch[c].base, g->ch[c].z,
                         g->ch[c].z > g->ch[c].base.mean ? 0.001 : 0.01);
}

int gas_elevated(const rule_gas *g, int c, double before)
{
    const gas_ewma *b = &g->ch[c].base;
    return b->n >= 100 && before > 1.3 * b->mean;
}

int gas_stopped_for(const rule_gas *g, int c)
{
    int same = g->ch[c].same;
    if (c == G_NOX && g->no.have && g->no.flag == 'N' && g->no.same > same) same = g->no.same;
    return g->ch[c].valid ? same : 0;
}

int gas_warm(const rule_gas *g)
{
    return g->minutes >= 120 && g->nring >= 85;
}

/* ---- the sampling system and the analyzers' parameters (3020) ---- */

/* An analyzer's 3020: its parameters and its last calibration. A calibration that moved
 * the slope is kept for the span check; a change without a calibration and without a work
 * order is a parameter changed. */
static void analyzer_status(rule_sink *k, rule_gas *g, int c, const rule_record *r, int64_t t)
{
    gas_chan *ch = &g->ch[c];
    double p[G_NPARAM];
    int have[G_NPARAM] = {0};
    int64_t cal = 0;
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->code, code_of(HJCODE_I_CAL_TIME)) == 0) cal = rule_parse_hj212_time(f->value);
        double state = 0;
        if (strcmp(f->code, code_of(HJCODE_I_STATE)) == 0 && rule_parse_num(f->value, &state) == 0 &&
            state >= 0 && state < 100)
            ch->state = (int)state;
        for (int q = 0; q < G_NPARAM; q++)
            if (strcmp(f->code, code_of(GAS_PARAM_ROWS[q])) == 0 &&
                rule_parse_num(f->value, &p[q]) == 0)
                have[q] = 1;
    }
    int calibrated = cal > 0 && cal != ch->cal_time;
    if (cal > 0) ch->cal_time = cal;
    double range = ch->params_known && ch->param[0] > 0 ? ch->param[0] : 0;
    int any = 0;
    for (int q = 0; q < G_NPARAM; q++) {
        any |= have[q];
        if (!have[q]) continue;
        double before = ch->param[q];
        /* an intercept moves by a share of the range, the others by a share of themselves */
        double tol = GAS_PARAM_ROWS[q] == HJCODE_I_INTERCEPT ? 0.005 * range : 0.02 * fabs(before);
        int moved = ch->params_known && fabs(p[q] - before) > 1e-6 + tol;
        ch->param[q] = p[q];
        if (!moved) continue;
        if (calibrated && GAS_PARAM_ROWS[q] == HJCODE_I_SLOPE) {
            ch->slope_at = t;
            ch->slope_from = before;
            ch->slope_to = p[q];
        }
        if (!calibrated) rule_gas_param_changed(k, c, GAS_PARAM_ROWS[q], before, p[q], t);
    }
    if (any) ch->params_known = 1; /* a 3020 of its work state alone tells no parameter */
}

static int gas_status(rule_sink *k, const rule_record *r, int64_t t)
{
    rule_station *st = k->st;
    const char *polid = "";
    int line = 0;
    double lc = NAN, cc = NAN;
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (f->polid[0]) polid = f->polid;
        double v;
        if (rule_parse_num(f->value, &v) != 0) continue;
        if (strcmp(f->code, code_of(HJCODE_I_LINE_T)) == 0) {
            lc = v;
            line = 1;
        }
        if (strcmp(f->code, code_of(HJCODE_I_CHILLER_T)) == 0) {
            cc = v;
            line = 1;
        }
    }
    int c = polid[0] ? gas_channel(polid) : -1;
    if (c < 0 && !line) return 0;
    rule_gas *g = gas_get(st);
    if (!g) return 0;
    if (c >= 0) analyzer_status(k, g, c, r, t);
    if (line) {
        if (!isnan(lc)) g->line_c = lc;
        if (!isnan(cc)) g->chiller_c = cc;
        g->line_known = 1;
    }
    return 1;
}

/* ---- flags: fake_shutdown, calibration_flag_abuse ---- */

/* F on the gases while the fan draws its running current and the flue carries gas. */
static void fake_shutdown(rule_sink *k, rule_gas *g, int64_t t)
{
    int f = 0;
    for (int c = 0; c < G_FLOW; c++)
        f |= g->ch[c].have && g->ch[c].flag == 'F';
    double fan = g->fan, base = g->fan_ewma.mean;
    double flow = g->ch[G_FLOW].v, flow_base = g->ch[G_FLOW].base.mean;
    int runs = fan > 5 && g->fan_ewma.n > 60 && fan >= 0.5 * base &&
               (!g->ch[G_FLOW].have || flow_base <= 0 || flow >= 0.3 * flow_base);
    if (!f || !runs) {
        g->f_since = 0;
        g->f_level = 0;
        return;
    }
    if (!g->f_since) g->f_since = t;
    long long mins = (t - g->f_since) / MIN_MS + 1;
    int level = mins >= 15 ? 2 : mins >= 5 ? 1 : 0;
    if (level <= g->f_level || rule_station_covered(k->st, t, WO_MARGIN)) return;
    g->f_level = level;
    rule_hit *h = rule_raise(k, RULE_GAS_F_RUNNING, g->f_since, t, level == 2);
    if (!h) return;
    char hm[8], fan_txt[32], base_txt[32], flow_txt[32];
    rule_format_hm(g->f_since, hm, sizeof hm);
    rule_num(fan, fan_txt, sizeof fan_txt);
    rule_num(base, base_txt, sizeof base_txt);
    rule_num(flow, flow_txt, sizeof flow_txt);
    evidence_en(h->en, sizeof h->en, EV_GAS_F_RUNNING, hm, mins, fan_txt, base_txt, flow_txt);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_F_RUNNING, hm, mins, fan_txt, base_txt, flow_txt);
}

/* The local minute of day of t. */
static int minute_of_day(int64_t t)
{
    int64_t local = t + 8 * HOUR_MS;
    return (int)((local / MIN_MS) % (24 * 60));
}

/* A C episode at the minute of day the analyzers calibrate (the daily automatic one). */
static int on_schedule(const rule_gas *g, int64_t t)
{
    int m = minute_of_day(t);
    for (int i = 0; i < g->ncal; i++) {
        int d = abs(m - g->cal_minutes[i]);
        if (d > 720) d = 1440 - d;
        if (d <= 20) return 1;
    }
    return 0;
}

#define FLAG_LONG_MIN   30 /* C or M this long: beyond any schedule */
#define FLAG_EXCEED_MIN 15 /* ... or starting this soon after an exceedance */
#define FLAG_SHORT_MIN  5  /* ... and lasting this long */
#define SEQ_WINDOW_MIN  90 /* calibration or blowback sequences started within this ... */
#define SEQ_COUNT       3  /* ... this many times: the schedule runs one a day, a blowback every
                              few hours */

/* The gases an analyzer or the sampling system flags (O2 in situ is neither's). */
static const int FLAG_GASES[] = {G_SO2, G_NOX, G_CO, G_CO2, G_NMHC, G_THC, G_CH4};
#define NFLAG_GASES (int)(sizeof FLAG_GASES / sizeof FLAG_GASES[0])

static int unflagged(char f)
{
    return f == 'N' || f == 'T';
}

/* A flag a sampling system's hold would have made M (the DAU keeps the worst: N S T C < M). */
static int under_hold(char f)
{
    return f == 'N' || f == 'T' || f == 'S' || f == 'C';
}

/* Whose a minute's flag (C or M) is. An analyzer flags all its outputs alike and reports its
 * work state in 3020 (i12001: 3 calibrating, 8 checking, 1 maintenance); the sampling
 * system's hold (a blowback, maintenance) flags every extracted gas; the DAU can flag any
 * code on its own. Returns 1 when the devices' status explains the flag, -1 when it
 * contradicts it (a code flagged C while its analyzer reports measuring, an output of an
 * analyzer unflagged beside a flagged one, an extracted gas unflagged or flagged C beside one
 * flagged M with no analyzer in maintenance: a hold would have made it M), 0 when it cannot
 * tell. */
static int flag_source(const rule_gas *g, char flag)
{
    int dev = 0, dau = 0, split = 0, any = 0;
    for (int i = 0; i < NFLAG_GASES; i++) {
        int c = FLAG_GASES[i];
        const gas_chan *ch = &g->ch[c];
        if (!ch->have) continue;
        if (ch->flag != flag) {
            split |= under_hold(ch->flag);
            continue;
        }
        any = 1;
        if (c == G_NOX) { /* NO and NO2 are the NOx analyzer's outputs too */
            dau |= (g->no.have && unflagged(g->no.flag)) || (g->no2.have && unflagged(g->no2.flag));
        }
        if (c == G_NMHC) { /* the GC-FID's THC and CH4 */
            dau |= (g->ch[G_THC].have && unflagged(g->ch[G_THC].flag)) ||
                   (g->ch[G_CH4].have && unflagged(g->ch[G_CH4].flag));
        }
        if (ch->state < 0 || c == G_THC || c == G_CH4) continue;
        if (flag == 'C' && (ch->state == 3 || ch->state == 8)) dev = 1;
        if (flag == 'M' && ch->state == 1) dev = 1;
        if (flag == 'C' && ch->state == 0) dau = 1;
    }
    if (!any) return 0;
    if (flag == 'M' && !dev) {
        split |= (g->no.have && under_hold(g->no.flag)) || (g->no2.have && under_hold(g->no2.flag));
        if (split) dau = 1; /* not the sampling system's hold: it holds every extracted gas */
        else dev = 1;
    }
    return dau ? -1 : dev ? 1 : 0;
}

/* The flagged gases' names ("SO2, NOx") into out. */
static void flagged_names(const rule_gas *g, char flag, int zh, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < NFLAG_GASES; i++) {
        int c = FLAG_GASES[i];
        if (!g->ch[c].have || g->ch[c].flag != flag) continue;
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? (zh ? "、" : ", ") : "", gas_name(c, zh));
    }
    if (!out[0]) snprintf(out, cap, "%s", zh ? "各气体" : "gases");
}

/* A flag the analyzers' own status contradicts: the DAU's (false_flag). */
static void dau_flag_hit(rule_sink *k, rule_gas *g, int64_t t, long long mins)
{
    int exceed = g->flags.at_exceed;
    rule_hit *h = rule_raise(k, exceed ? RULE_FLAG_AFTER_EXCEED : RULE_FLAG_WITHOUT_ORDER,
                             g->flags.start, t, exceed);
    if (!h) return;
    char hm[8], hm_over[8], value_txt[32], limit_txt[32], names_en[96], names_zh[96];
    char flag = g->flags.flag;
    rule_format_hm(g->flags.start, hm, sizeof hm);
    flagged_names(g, flag, 0, names_en, sizeof names_en);
    flagged_names(g, flag, 1, names_zh, sizeof names_zh);
    evidence_id meaning = flag == 'C' ? EV_FLAG_C : flag == 'D' ? EV_FLAG_D : EV_FLAG_M;
    evidence_id why = g->flags.state_said ? EV_GAS_WHY_MEASURING : EV_GAS_WHY_PARTS;
    if (!exceed) {
        evidence_en(h->en, sizeof h->en, EV_GAS_FLAG_DAU, names_en, flag, evidence_word_en(meaning),
                    hm, mins, evidence_word_en(why));
        evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLAG_DAU, names_zh, flag, evidence_word_zh(meaning),
                    hm, mins, evidence_word_zh(why));
        return;
    }
    const hjcode *row = hjcode_at((size_t)g->flags.code_row);
    rule_format_hm(g->flags.over_at, hm_over, sizeof hm_over);
    rule_num(g->flags.over_value, value_txt, sizeof value_txt);
    rule_num(rule_cfg_limit(&k->st->cfg, row->code), limit_txt, sizeof limit_txt);
    evidence_en(h->en, sizeof h->en, EV_GAS_FLAG_DAU_EXCEED, names_en, flag,
                evidence_word_en(meaning), hm, mins, evidence_word_en(why),
                row->symbol ? row->symbol : row->name_en, value_txt, limit_txt, hm_over);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLAG_DAU_EXCEED, names_zh, flag,
                evidence_word_zh(meaning), hm, mins, evidence_word_zh(why), row->short_zh,
                value_txt, limit_txt, hm_over);
}

static void flag_hit(rule_sink *k, rule_gas *g, int64_t t, long long mins)
{
    g->flags.judged = 1;
    /* C or M the analyzers' own status contradicts is the DAU's: a false flag, as on the
     * water side */
    if (g->flags.flag != 'D' && g->flags.dau > g->flags.dev) {
        dau_flag_hit(k, g, t, mins);
        return;
    }
    /* a fault (D) is no calibration: a false flag (flag_after_exceedance is abuse by itself,
     * a long fault without an order is a data anomaly) */
    rule_id id = g->flags.flag != 'D' ? RULE_GAS_CAL_FLAG
                 : g->flags.at_exceed ? RULE_FLAG_AFTER_EXCEED
                                      : RULE_FLAG_WITHOUT_ORDER;
    rule_hit *h = rule_raise(k, id, g->flags.start, t, id != RULE_FLAG_WITHOUT_ORDER);
    if (!h) return;
    char hm[8], hm_over[8], value_txt[32], limit_txt[32];
    rule_format_hm(g->flags.start, hm, sizeof hm);
    evidence_id meaning = g->flags.flag == 'C'   ? EV_FLAG_C
                          : g->flags.flag == 'D' ? EV_FLAG_D
                                                 : EV_FLAG_M;
    if (g->flags.at_exceed) {
        const hjcode *row = hjcode_at((size_t)g->flags.code_row);
        rule_format_hm(g->flags.over_at, hm_over, sizeof hm_over);
        rule_num(g->flags.over_value, value_txt, sizeof value_txt);
        rule_num(rule_cfg_limit(&k->st->cfg, row->code), limit_txt, sizeof limit_txt);
        const char *en = row->symbol ? row->symbol : row->name_en;
        evidence_en(h->en, sizeof h->en, EV_GAS_FLAG_EXCEED, g->flags.flag,
                    evidence_word_en(meaning), hm, mins, en, value_txt, limit_txt, hm_over);
        evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLAG_EXCEED, g->flags.flag,
                    evidence_word_zh(meaning), hm, mins, row->short_zh, value_txt, limit_txt,
                    hm_over);
        return;
    }
    evidence_en(h->en, sizeof h->en, EV_GAS_FLAG_LONG, g->flags.flag, evidence_word_en(meaning), hm,
                mins);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLAG_LONG, g->flags.flag, evidence_word_zh(meaning), hm,
                mins);
}

/* The newest exceedance of the gases before t (within FLAG_EXCEED_MIN). */
static void exceedance_before(rule_gas *g, int64_t t)
{
    g->flags.at_exceed = 0;
    for (int c = 0; c < G_CO2; c++) {
        const gas_chan *ch = &g->ch[c];
        if (ch->over_at && t - ch->over_at <= FLAG_EXCEED_MIN * MIN_MS) {
            g->flags.at_exceed = 1;
            g->flags.over_at = ch->over_at;
            g->flags.over_value = ch->over_value;
            g->flags.code_row = GAS_ROWS[c];
        }
    }
    if (g->ch[G_NMHC].over_at && t - g->ch[G_NMHC].over_at <= FLAG_EXCEED_MIN * MIN_MS) {
        g->flags.at_exceed = 1;
        g->flags.over_at = g->ch[G_NMHC].over_at;
        g->flags.over_value = g->ch[G_NMHC].over_value;
        g->flags.code_row = GAS_ROWS[G_NMHC];
    }
}

/* A calibration or blowback sequence of the devices began at t (not under an order): three
 * within SEQ_WINDOW_MIN are no schedule's (calibration_flag_abuse by sequences started by
 * hand, each too short for the length check). */
static void sequence_started(rule_sink *k, rule_gas *g, int64_t t, char flag)
{
    if (g->nseq && t - g->seq_starts[g->nseq - 1] > SEQ_WINDOW_MIN * MIN_MS) g->seq_level = 0;
    if (g->nseq == 4) memmove(g->seq_starts, g->seq_starts + 1, 3 * sizeof g->seq_starts[0]);
    g->seq_starts[g->nseq < 4 ? g->nseq++ : 3] = t;
    int n = 0;
    int64_t first = t;
    for (int i = 0; i < g->nseq; i++)
        if (t - g->seq_starts[i] <= SEQ_WINDOW_MIN * MIN_MS) {
            n++;
            if (g->seq_starts[i] < first) first = g->seq_starts[i];
        }
    if (n < SEQ_COUNT || g->seq_level) return;
    g->seq_level = 1;
    rule_hit *h = rule_raise(k, RULE_GAS_CAL_FLAG, first, t, 1);
    if (!h) return;
    char hm[8], hm_last[8];
    rule_format_hm(first, hm, sizeof hm);
    rule_format_hm(t, hm_last, sizeof hm_last);
    evidence_en(h->en, sizeof h->en, EV_GAS_FLAG_REPEAT, n, flag, hm, hm_last);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_FLAG_REPEAT, n, flag, hm, hm_last);
}

/* C or M on the measured gases: an episode; the daily calibration's time is learned from
 * the C episodes that are neither long nor at an exceedance. Whose the flag is (the
 * devices' or the DAU's) is counted minute by minute. */
static void flag_episode(rule_sink *k, rule_gas *g, int64_t t)
{
    char flag = 0;
    for (int c = 0; c < G_FLOW && !flag; c++)
        if (g->ch[c].have && strchr("CMD", g->ch[c].flag) && g->ch[c].flag && c != G_PM)
            flag = g->ch[c].flag;
    /* the devices' sequence (a calibration) ended into a flag of the DAU's: two episodes */
    int handover = flag && g->flags.start && flag != g->flags.flag && g->flags.dev > 0 &&
                   !g->flags.dau && flag_source(g, flag) < 0;
    if (!flag || handover) {
        if (g->flags.start && g->flags.flag == 'C' && !g->flags.judged && !g->flags.at_exceed &&
            g->flags.dau <= g->flags.dev) {
            if (g->ncal == 4) memmove(g->cal_minutes, g->cal_minutes + 1, 3 * sizeof(int));
            g->cal_minutes[g->ncal < 4 ? g->ncal++ : 3] = minute_of_day(g->flags.start);
        }
        g->flags.start = 0;
        if (!flag) return;
    }
    int fresh = !g->flags.start;
    if (fresh) {
        memset(&g->flags, 0, sizeof g->flags);
        g->flags.start = t;
        g->flags.flag = flag;
        exceedance_before(g, t);
        if (flag == 'C' && on_schedule(g, t)) g->flags.at_exceed = 0;
    }
    if (flag == 'C' || (flag == 'D' && g->flags.flag == 'M')) g->flags.flag = flag;
    int src = flag_source(g, g->flags.flag);
    if (src > 0) g->flags.dev++;
    if (src < 0) {
        g->flags.dau++;
        for (int i = 0; i < NFLAG_GASES; i++) {
            const gas_chan *ch = &g->ch[FLAG_GASES[i]];
            if (ch->have && ch->flag == g->flags.flag && ch->state == 0) g->flags.state_said = 1;
        }
    }
    int covered = rule_station_covered(k->st, g->flags.start, WO_MARGIN) ||
                  rule_station_covered(k->st, t, WO_MARGIN);
    if (fresh && src >= 0 && flag != 'D' && !covered) sequence_started(k, g, t, flag);
    long long mins = (t - g->flags.start) / MIN_MS + 1;
    if (g->flags.judged || covered) return;
    if (mins >= FLAG_LONG_MIN || (g->flags.at_exceed && mins >= FLAG_SHORT_MIN))
        flag_hit(k, g, t, mins);
}

void rule_gas_check_flags(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    fake_shutdown(k, g, ev->t);
    flag_episode(k, g, ev->t);
}

/* ---- identical values ---- */

#define FROZEN_MIN                                                                                 \
    90 /* identical valid minutes at the least (a GC-FID repeats a cycle's value,                  \
          a quiet stack reads 0 for a while: 3 x its longest honest run) */

void rule_gas_check_frozen(rule_sink *k, rule_event *ev)
{
    rule_gas *g = k->st->gas;
    for (int c = 0; c < G_NCH; c++) {
        gas_chan *ch = &g->ch[c];
        if (c == G_CH4 || !ch->valid) {
            if (!ch->valid && ch->flag != 'N') continue;
            ch->frozen_level = 0;
            continue;
        }
        const char *raw = ch->last_raw, *en = gas_name(c, 0), *zh = gas_name(c, 1);
        int same = ch->same, longest = ch->longest;
        long changes = ch->changes;
        /* a NOx analyzer whose NO stopped: its NOx still moves with the live NO2 */
        if (c == G_NOX && g->no.have && g->no.flag == 'N' && g->no.same > same) {
            raw = g->no.last_raw;
            same = g->no.same;
            longest = g->no.longest;
            changes = g->no.changes;
            en = zh = hjcode_at(HJCODE_NO)->symbol ? hjcode_at(HJCODE_NO)->symbol : "NO";
        }
        int yellow = FROZEN_MIN > 3 * longest ? FROZEN_MIN : 3 * longest;
        int level = same >= 2 * yellow ? 2 : same >= yellow ? 1 : 0;
        if (same < 2) ch->frozen_level = 0;
        if (level <= ch->frozen_level || changes < 30) continue;
        if (rule_station_covered(k->st, ev->t, WO_MARGIN)) continue;
        ch->frozen_level = level;
        int64_t from = ev->t - (int64_t)(same - 1) * MIN_MS;
        rule_id id = c == G_O2 ? RULE_GAS_O2_LOW : RULE_GAS_FROZEN;
        rule_hit *h = rule_raise(k, id, from, ev->t, level == 2);
        if (!h) continue;
        char hm[8];
        rule_format_hm(from, hm, sizeof hm);
        evidence_en(h->en, sizeof h->en, EV_GAS_FROZEN, en, raw, gas_code(c)->unit, hm, same);
        evidence_zh(h->zh, sizeof h->zh, EV_GAS_FROZEN, zh, raw, gas_code(c)->unit, hm, same);
    }
}

/* ---- parameters changed ---- */

void rule_gas_param_changed(rule_sink *k, int c, int row, double before, double after, int64_t t)
{
    if (rule_covered_known(k->st, t, WO_MARGIN, k->time)) return;
    k->st->gas->ch[c].param_at = t;
    rule_hit *h = rule_raise(k, c == G_O2 ? RULE_GAS_O2_LOW : RULE_GAS_PARAM, t, t, 1);
    if (!h) return;
    char hm[8], b[32], a[32];
    rule_format_hm(t, hm, sizeof hm);
    rule_num(before, b, sizeof b);
    rule_num(after, a, sizeof a);
    evidence_en(h->en, sizeof h->en, EV_GAS_PARAM, gas_name(c, 0), hjcode_at((size_t)row)->name_en,
                b, a, code_of(row), hm);
    evidence_zh(h->zh, sizeof h->zh, EV_GAS_PARAM, gas_name(c, 1), hjcode_at((size_t)row)->name_zh,
                b, a, code_of(row), hm);
}

/* A 3020 of a gas station: an analyzer's parameters (changed without a calibration or a
 * work order), the sampling system's temperatures (heat_trace_off: rule-gas-chain.c). */
void rule_gas_check_status(rule_sink *k, rule_event *ev)
{
    if (!ev->record) return;
    if (gas_status(k, ev->record, ev->t) && k->st->gas) rule_gas_line_check(k, ev->t);
}
