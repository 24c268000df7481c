/*
 * rule.c — the rules of one station: the table of rule descriptors, the table of checks in
 * the order they run, the stages a record goes through, and what the checks share (see
 * rule.h, rule-private.h; docs/detection.md). The checks are in one file per family:
 * rule-analyzer.c, rule-channel.c, rule-flow.c, rule-treatment.c, rule-flags.c,
 * rule-gaps.c, rule-camera-door.c, rule-params.c.
 *
 * Invariants: a station's state only ever moves forward with the records fed to it; a
 * baseline learns only from measurements flagged N that no rule found anomalous, and not
 * while an anomaly of the station is active, so a long fraud does not become the normal.
 * Every hit's time is the arrival of the record being fed (or later), never earlier.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the codes ---- */

const int RULE_CODE_ROWS[RULE_NCODES] = {
    HJCODE_COD, HJCODE_TOC, HJCODE_NH3N, HJCODE_TP, HJCODE_TN, HJCODE_FLOW, HJCODE_PH, HJCODE_COND,
};


/* ---- the checks, in the order they run within a stage ---- */

typedef struct rule_check {
    const char *name;
    rule_stage stage;
    rule_check_fn run;
} rule_check;

/* clang-format off */
static const rule_check CHECKS[] = {
    {"link outage backfilled",          RULE_AT_RECORD,    rule_check_outage},
    {"hole in the data",                RULE_AT_RECORD,    rule_check_gap},
    {"cameras",                         RULE_AT_SIGNAL,    rule_check_camera},
    {"door",                            RULE_AT_SIGNAL,    rule_check_door},
    {"over range, treatment off",       RULE_AT_FLAG,      rule_check_over_range},
    {"flag episode",                    RULE_AT_FLAG,      rule_check_flag},
    {"schedule",                        RULE_AT_SAMPLE,    rule_check_schedule},
    {"drop and rebound",                RULE_AT_SAMPLE,    rule_check_drop},
    {"identical values",                RULE_AT_SAMPLE,    rule_check_frozen},
    {"bunching under the limit",        RULE_AT_HISTORY,   rule_check_bunching},
    {"level after a calibration",       RULE_AT_HISTORY,   rule_check_calibration},
    {"level after a parameter change",  RULE_AT_HISTORY,   rule_check_level_shift},
    {"lab results waiting",             RULE_AT_HISTORY,   rule_check_pending_labs},
    {"rising, treatment off",           RULE_AT_HISTORY,   rule_check_conc_rise},
    {"flat values",                     RULE_AT_HISTORY,   rule_check_collapse},
    {"one analyzer fell: the cup",      RULE_AT_ANALYZERS, rule_check_cup},
    {"one analyzer decoupled",          RULE_AT_ANALYZERS, rule_check_decoupled},
    {"COD against its TOC",             RULE_AT_ANALYZERS, rule_check_toc},
    {"all analyzers stepped",           RULE_AT_ANALYZERS, rule_check_common_step},
    {"all analyzers fell",              RULE_AT_ANALYZERS, rule_check_fall},
    {"flow deficit",                    RULE_AT_FLOW,      rule_check_flow_deficit},
    {"flow step",                       RULE_AT_FLOW,      rule_check_flow_step},
    {"water let in",                    RULE_AT_SITE,      rule_check_inflow},
    {"treatment",                       RULE_AT_SITE,      rule_check_treatment},
    {"night flow",                      RULE_AT_SITE,      rule_check_night_flow},
    {"sample time stalled",             RULE_AT_ELAPSED,   rule_check_stall},
    {"analyzer status and parameters",  RULE_AT_STATUS,    rule_check_status},
    {"totalizer",                       RULE_AT_HOUR,      rule_check_totalizer},
    {"lab result",                      RULE_AT_LAB,       rule_check_lab},
    {"station silent",                  RULE_AT_SILENCE,   rule_check_silence},
    {"gas: flags against the fan",      RULE_AT_GAS,       rule_gas_check_flags},
    {"gas: identical values",           RULE_AT_GAS,       rule_gas_check_frozen},
    {"gas: air in the sample",          RULE_AT_GAS,       rule_gas_check_dilution},
    {"gas: O2 for the load",            RULE_AT_GAS,       rule_gas_check_o2},
    {"gas: one gas fell alone",         RULE_AT_GAS,       rule_gas_check_split},
    {"gas: level after a calibration",  RULE_AT_GAS,       rule_gas_check_span},
    {"gas: flow against the fan",       RULE_AT_GAS,       rule_gas_check_flow},
    {"gas: NMHC with the RTO drawing",  RULE_AT_GAS,       rule_gas_check_rto},
    {"gas: a code and its components",  RULE_AT_GAS,       rule_gas_check_sum},
    {"gas: analyzers and the line",     RULE_AT_GAS_STATUS, rule_gas_check_status},
};
/* clang-format on */
#define NCHECKS (sizeof CHECKS / sizeof CHECKS[0])

/* ---- the rules: what each is, what it reads, which checks raise it ---- */

#define IN(x)  RULE_IN_##x
#define FAM(x) RULE_FAMILY_##x

/* clang-format off */
static const rule_desc RULES[RULE__COUNT] = {
    {RULE_SUDDEN_DROP, "sudden_drop", FAM(CUP),
     IN(ANALYZER) | IN(LIMITS) | IN(DOOR) | IN(CAMERA) | IN(PROBE) | IN(ORDERS),
     {rule_check_drop, rule_check_cup}},
    {RULE_REBOUND, "rebound", FAM(CUP), IN(ANALYZER), {rule_check_drop}},
    {RULE_EXTRA_MEASUREMENT, "extra_measurement", FAM(CUP),
     IN(ANALYZER) | IN(STATUS) | IN(ORDERS), {rule_check_schedule}},
    {RULE_PROPORTIONAL_FALL, "proportional_fall", FAM(DILUTION), IN(ANALYZER) | IN(PROBE),
     {rule_check_fall}},
    {RULE_TOWARD_TAP, "toward_tap_water", FAM(DILUTION), IN(PROBE), {rule_check_fall}},
    {RULE_FLOW_RISE, "flow_rise", FAM(DILUTION), IN(FLOW), {rule_check_fall}},
    {RULE_VARIANCE_COLLAPSE, "variance_collapse", FAM(HOSE),
     IN(ANALYZER) | IN(PROBE) | IN(ORDERS), {rule_check_collapse, rule_check_common_step}},
    {RULE_TAP_LEVEL, "tap_level", FAM(HOSE), IN(ANALYZER) | IN(PROBE), {rule_check_fall}},
    {RULE_NIGHT_FLOW, "night_flow", FAM(NIGHT), IN(FLOW) | IN(CURRENT) | IN(ORDERS),
     {rule_check_night_flow}},
    {RULE_PARAM_CHANGE, "param_change", FAM(PARAM), IN(STATUS) | IN(ORDERS),
     {rule_check_status}},
    {RULE_LEVEL_SHIFT, "level_shift", FAM(PARAM), IN(ANALYZER) | IN(STATUS),
     {rule_check_level_shift}},
    {RULE_CALIBRATION_SHIFT, "calibration_shift", FAM(CALIB),
     IN(ANALYZER) | IN(STATUS) | IN(ORDERS), {rule_check_calibration, rule_check_status}},
    {RULE_LAB_MISMATCH, "lab_mismatch", FAM(CALIB), IN(ANALYZER) | IN(LAB),
     {rule_check_lab, rule_check_pending_labs}},
    {RULE_BUNCHING, "bunching_under_limit", FAM(DAU), IN(ANALYZER) | IN(LIMITS),
     {rule_check_bunching}},
    {RULE_FLOW_DEFICIT, "flow_deficit", FAM(FLOW), IN(FLOW) | IN(CURRENT) | IN(ORDERS),
     {rule_check_flow_deficit}},
    {RULE_TOTALIZER_MISMATCH, "totalizer_mismatch", FAM(FLOW), IN(TOTAL),
     {rule_check_totalizer}},
    {RULE_TREATMENT_OFF, "treatment_off", FAM(TREAT),
     IN(CURRENT) | IN(RUNNING) | IN(FLOW) | IN(ORDERS), {rule_check_treatment}},
    {RULE_CONC_RISE, "concentration_rise", FAM(TREAT), IN(ANALYZER) | IN(FLAG) | IN(CURRENT),
     {rule_check_conc_rise, rule_check_over_range}},
    {RULE_FLAG_AFTER_EXCEED, "flag_after_exceedance", FAM(FLAG),
     IN(FLAG) | IN(ANALYZER) | IN(LIMITS) | IN(ORDERS), {rule_check_flag}},
    {RULE_FLAG_WITHOUT_ORDER, "flag_without_order", FAM(FLAG), IN(FLAG) | IN(ORDERS),
     {rule_check_flag}},
    {RULE_DATA_GAP, "data_gap", FAM(GAP), IN(ARRIVAL) | IN(ORDERS), {rule_check_gap}},
    {RULE_GAP_AT_EXCEEDANCE, "gap_at_exceedance", FAM(GAP),
     IN(ARRIVAL) | IN(ANALYZER) | IN(LIMITS), {rule_check_gap}},
    {RULE_FROZEN_VALUE, "frozen_value", FAM(FROZEN), IN(ANALYZER) | IN(ORDERS),
     {rule_check_frozen}},
    {RULE_SAMPLETIME_STALLED, "sampletime_stalled", FAM(FROZEN),
     IN(ANALYZER) | IN(FLAG) | IN(ORDERS), {rule_check_stall}},
    {RULE_UNIFORM_SCALE, "uniform_scale", FAM(DAU), IN(ANALYZER) | IN(PROBE) | IN(ORDERS),
     {rule_check_common_step}},
    {RULE_FLOW_STEP, "flow_step", FAM(FLOW), IN(FLOW) | IN(CURRENT) | IN(ORDERS),
     {rule_check_flow_step}},
    {RULE_LINK_OUTAGE, "link_outage", FAM(GAP), IN(ARRIVAL) | IN(ANALYZER) | IN(LIMITS),
     {rule_check_outage}},
    {RULE_DECOUPLED_STEP, "decoupled_step", FAM(DAU),
     IN(ANALYZER) | IN(PROBE) | IN(DOOR) | IN(ORDERS), {rule_check_decoupled}},
    {RULE_SILENCE, "station_silent", FAM(GAP), IN(ARRIVAL) | IN(ORDERS), {rule_check_silence}},
    {RULE_WATER_INFLOW, "tap_water_inflow", FAM(DILUTION),
     IN(FLOW) | IN(PROBE) | IN(CAMERA) | IN(ORDERS), {rule_check_inflow}},
    {RULE_TOC_MISMATCH, "cod_toc_mismatch", FAM(DAU), IN(ANALYZER) | IN(STATUS) | IN(ORDERS),
     {rule_check_toc}},
    {RULE_CAMERA_MOVED, "camera_moved", FAM(CAMERA), IN(CAMERA), {rule_check_camera}},
    {RULE_CAMERA_COVERED, "camera_covered", FAM(CAMERA), IN(CAMERA), {rule_check_camera}},
    {RULE_VIDEO_LOSS, "video_loss", FAM(CAMERA), IN(CAMERA), {rule_check_camera}},
    {RULE_SCENE_CHANGE, "scene_change", FAM(CAMERA), IN(CAMERA), {rule_check_camera}},
    {RULE_DOOR_ENTRY, "door_entry", FAM(NONE), IN(DOOR), {rule_check_door}},
    {RULE_PERSON_SEEN, "person_seen", FAM(NONE), IN(CAMERA), {rule_check_camera}},
    {RULE_GAS_DILUTION, "gas_common_fall", FAM(GAS_PROBE),
     IN(ANALYZER) | IN(FLOW) | IN(CURRENT) | IN(ORDERS), {rule_gas_check_dilution}},
    {RULE_GAS_VOCS_FALL, "vocs_common_fall", FAM(VOCS),
     IN(ANALYZER) | IN(FLOW) | IN(CURRENT) | IN(ORDERS), {rule_gas_check_dilution}},
    {RULE_GAS_O2_LOW, "o2_low_for_load", FAM(GAS_O2),
     IN(ANALYZER) | IN(FLOW) | IN(CURRENT) | IN(STATUS) | IN(ORDERS),
     {rule_gas_check_o2, rule_gas_check_status}},
    {RULE_GAS_SPAN_STEP, "span_calibration_step", FAM(GAS_SPAN),
     IN(ANALYZER) | IN(FLAG) | IN(ORDERS), {rule_gas_check_span}},
    {RULE_GAS_SPAN_SLOPE, "span_slope_jump", FAM(GAS_SPAN), IN(FLAG) | IN(STATUS) | IN(ORDERS),
     {rule_gas_check_span}},
    {RULE_GAS_LINE_TEMP, "line_temperature", FAM(GAS_HEAT), IN(STATUS) | IN(ORDERS),
     {rule_gas_check_status}},
    {RULE_GAS_SO2_SPLIT, "so2_nox_split", FAM(GAS_HEAT), IN(ANALYZER) | IN(STATUS) | IN(CURRENT),
     {rule_gas_check_split}},
    {RULE_GAS_CAL_FLAG, "calibration_flag_beyond_schedule", FAM(GAS_CALFLAG),
     IN(FLAG) | IN(ANALYZER) | IN(LIMITS) | IN(ORDERS), {rule_gas_check_flags}},
    {RULE_GAS_F_RUNNING, "stopped_flag_running", FAM(GAS_SHUTDOWN),
     IN(FLAG) | IN(CURRENT) | IN(FLOW) | IN(ORDERS), {rule_gas_check_flags}},
    {RULE_GAS_FLOW_DEFICIT, "flue_flow_deficit", FAM(GAS_FLOW), IN(FLOW) | IN(CURRENT) | IN(ORDERS),
     {rule_gas_check_flow}},
    {RULE_GAS_RTO_RISE, "vocs_rise_rto_on", FAM(GAS_RTO), IN(ANALYZER) | IN(CURRENT) | IN(ORDERS),
     {rule_gas_check_rto}},
    {RULE_GAS_FROZEN, "gas_frozen_value", FAM(FROZEN), IN(ANALYZER) | IN(ORDERS),
     {rule_gas_check_frozen}},
    {RULE_GAS_PARAM, "gas_param_change", FAM(PARAM), IN(STATUS) | IN(ORDERS),
     {rule_gas_check_status}},
    {RULE_GAS_SUM_MISMATCH, "gas_sum_mismatch", FAM(DAU), IN(ANALYZER) | IN(ORDERS),
     {rule_gas_check_sum}},
};
/* clang-format on */

const rule_desc *rule_describe(rule_id id)
{
    return (unsigned)id < RULE__COUNT ? &RULES[id] : NULL;
}

const char *rule_name(rule_id id)
{
    return (unsigned)id < RULE__COUNT ? RULES[id].name : "?";
}

rule_family rule_family_of(rule_id id)
{
    return (unsigned)id < RULE__COUNT ? RULES[id].family : RULE_FAMILY_NONE;
}

unsigned rule_inputs(rule_id id)
{
    return (unsigned)id < RULE__COUNT ? RULES[id].inputs : 0;
}

int rule_is_context(rule_id id)
{
    return id >= RULE_CAMERA_MOVED && id <= RULE_PERSON_SEEN;
}

size_t rule_checks(const char **names, rule_stage *stages, rule_check_fn *fns, size_t cap)
{
    for (size_t i = 0; i < NCHECKS && i < cap; i++) {
        if (names) names[i] = CHECKS[i].name;
        if (stages) stages[i] = CHECKS[i].stage;
        if (fns) fns[i] = CHECKS[i].run;
    }
    return NCHECKS;
}

/* Runs the checks of a stage, in the table's order. */
static void run_stage(rule_sink *k, rule_stage stage, rule_event *ev)
{
    for (size_t i = 0; i < NCHECKS; i++)
        if (CHECKS[i].stage == stage) CHECKS[i].run(k, ev);
}

/* ---- a station ---- */

rule_station *rule_station_new(const rule_cfg *cfg)
{
    rule_station *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->cfg = *cfg;
    for (size_t i = 0; i < NMETER; i++)
        st->meters[i].running = -1;
    return st;
}

void rule_station_free(rule_station *st)
{
    if (st) free(st->gas);
    free(st);
}

unsigned long rule_station_dropped(const rule_station *st)
{
    return st->dropped;
}

int64_t rule_station_now(const rule_station *st)
{
    return st->now;
}

rule_hit *rule_raise(rule_sink *k, rule_id id, int64_t start, int64_t end, int strong)
{
    if (k->n == k->cap) {
        k->st->dropped++;
        return NULL;
    }
    rule_hit *h = &k->out[k->n++];
    memset(h, 0, sizeof *h);
    h->id = id;
    h->time = k->time;
    h->start = start;
    h->end = end > start ? end : start;
    h->strong = strong;
    if (!rule_is_context(id)) k->st->active_until = k->time + 2 * HOUR_MS;
    return h;
}

/* ---- what the checks share ---- */

void rule_ewma_add(rule_ewma *e, double x, double alpha)
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

const char *rule_num(double v, char *buf, size_t cap)
{
    if (fabs(v) >= 1000)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.3g", v);
    return buf;
}

int rule_parse_num(const char *text, double *out)
{
    char *end = NULL;
    double d = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(d)) return -1;
    *out = d;
    return 0;
}

int rule_code_index(const char *code)
{
    for (int i = 0; i < RULE_NCODES; i++)
        if (strcmp(rule_code(i), code) == 0) return i;
    return -1;
}

int rule_is_night(const rule_cfg *c, int hour)
{
    return c->night_start_h > c->night_end_h ? (hour >= c->night_start_h || hour < c->night_end_h)
                                             : (hour >= c->night_start_h && hour < c->night_end_h);
}

int rule_station_covered(const rule_station *st, int64_t t, int64_t margin_ms)
{
    for (size_t i = 0; i < st->norders; i++)
        if (t >= st->orders[i].start - margin_ms && t <= st->orders[i].end + margin_ms) return 1;
    return 0;
}

int rule_station_overlaps(const rule_station *st, int64_t from, int64_t to, int64_t margin_ms)
{
    for (size_t i = 0; i < st->norders; i++)
        if (st->orders[i].start - margin_ms <= to && st->orders[i].end + margin_ms >= from)
            return 1;
    return 0;
}

int rule_station_order_filed(const rule_station *st, int64_t from, int64_t to, int64_t known_at)
{
    for (size_t i = 0; i < st->norders; i++)
        if (st->orders[i].filed <= known_at && st->orders[i].start - WO_MARGIN <= to &&
            st->orders[i].end + WO_MARGIN >= from)
            return 1;
    return 0;
}

int rule_covered_known(const rule_station *st, int64_t t, int64_t margin_ms, int64_t known_at)
{
    for (size_t i = 0; i < st->norders; i++)
        if (st->orders[i].filed <= known_at && t >= st->orders[i].start - margin_ms &&
            t <= st->orders[i].end + margin_ms)
            return 1;
    return 0;
}

double rule_ref(const rule_station *st, int ci)
{
    return st->nsnapshots ? st->snapshot[0][ci] : st->continuous[ci].mean;
}

double rule_base(const rule_analyzer *an, int64_t t)
{
    int h = rule_local_hour(t);
    if (an->hour_n[h] >= 2) return 0.5 * (an->hour_mean[h] + an->base.mean);
    return an->base.mean;
}

int rule_learning(const rule_station *st, int64_t now)
{
    return now >= st->active_until && !st->deficit_since && !st->night_since && !st->treat_since &&
           !st->flow_step.at && !st->dilution_sent && !st->scale_cycles && !st->tap_level_sent &&
           !st->outage.from && !st->inflow.at;
}

int rule_warm(const rule_station *st, const rule_analyzer *an)
{
    return an->base.n >= st->cfg.warmup_cycles;
}

int rule_fresh(const rule_analyzer *an, int64_t t)
{
    return t - an->hist[an->nhist - 1].sampled <= 2 * (an->cycle ? an->cycle : HOUR_MS);
}

double rule_tail_stats(const rule_analyzer *an, size_t skip, size_t m, double *cv)
{
    size_t end = an->nhist - skip;
    double sum = 0, sq = 0;
    for (size_t q = end - m; q < end; q++)
        sum += an->hist[q].value;
    double mean = sum / (double)m;
    for (size_t q = end - m; q < end; q++)
        sq += (an->hist[q].value - mean) * (an->hist[q].value - mean);
    if (cv) *cv = mean > 0 && m > 1 ? sqrt(sq / (double)(m - 1)) / mean : 1;
    return mean;
}

void rule_push_sample(rule_analyzer *an, int64_t sampled, double v, const char *raw)
{
    if (an->nhist == HIST) {
        memmove(an->hist, an->hist + 1, (HIST - 1) * sizeof an->hist[0]);
        an->nhist--;
    }
    rule_sample *s = &an->hist[an->nhist++];
    s->sampled = sampled;
    s->value = v;
    snprintf(s->raw, sizeof s->raw, "%s", raw);
}

double rule_tap_move(const rule_station *st, int *probe)
{
    double moved = 0;
    *probe = st->have[C_COND] && st->continuous[C_COND].n > 30;
    if (*probe) {
        double before = rule_ref(st, C_COND), now = st->latest[C_COND];
        if (before > 0 && fabs(before - st->cfg.tap_cond) > 1) /* 0: no reference yet */
            moved = (before - now) / (before - st->cfg.tap_cond);
    }
    return moved;
}

void rule_list_item(char *en, size_t cap_en, char *zh, size_t cap_zh, int ci, const char *what)
{
    size_t len_en = strlen(en), len_zh = strlen(zh);
    /* room for the separator and a space (the Chinese check keeps one byte more) */
    if (len_en + strlen(code_en(ci)) + strlen(what) + 3 < cap_en)
        snprintf(en + len_en, cap_en - len_en, "%s%s %s",
                 len_en ? evidence_word_en(EV_LIST_SEPARATOR) : "", code_en(ci), what);
    if (len_zh + strlen(code_zh(ci)) + strlen(what) + 5 < cap_zh)
        snprintf(zh + len_zh, cap_zh - len_zh, "%s%s %s",
                 len_zh ? evidence_word_zh(EV_LIST_SEPARATOR) : "", code_zh(ci), what);
}

rule_meter *rule_meter_get(rule_station *st, const char *code)
{
    for (size_t i = 0; i < st->nmeters; i++)
        if (strcmp(st->meters[i].code, code) == 0) return &st->meters[i];
    if (st->nmeters == NMETER) return NULL;
    rule_meter *m = &st->meters[st->nmeters++];
    snprintf(m->code, sizeof m->code, "%s", code);
    m->production = 0;
    for (size_t i = 0; i < st->cfg.nprod; i++)
        if (strcmp(st->cfg.prod[i], code) == 0) m->production = 1;
    m->running = -1;
    return m;
}

/* ---- work orders and context signals ---- */

void rule_station_work_order(rule_station *st, const char *task, int64_t start, int64_t end,
                             int64_t filed, const char *who)
{
    (void)who;
    if (st->norders == NWO) { /* keep the newest */
        memmove(st->orders, st->orders + 1, (NWO - 1) * sizeof st->orders[0]);
        st->norders--;
    }
    snprintf(st->orders[st->norders].task, sizeof st->orders[0].task, "%s", task);
    st->orders[st->norders].start = start;
    st->orders[st->norders].end = end;
    st->orders[st->norders].filed = filed;
    st->norders++;
    /* a door entry inside the order is the O&M staff */
    for (size_t i = 0; i < st->ncontexts; i++)
        if (rule_station_covered(st, st->contexts[i].start, WO_MARGIN)) st->contexts[i].covered = 1;
}

size_t rule_station_context(const rule_station *st, int64_t from, int64_t to,
                            const rule_context **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < st->ncontexts && n < cap; i++)
        if (st->contexts[i].start <= to && st->contexts[i].end >= from) out[n++] = &st->contexts[i];
    return n;
}

/* Records a context signal; also returned as a hit (fusion re-evaluates open alerts). */
rule_context *rule_context_add(rule_sink *k, rule_id id, int which, int64_t t, int lasting)
{
    rule_station *st = k->st;
    /* the same signal again within 5 minutes (door state and door log) is one */
    for (size_t i = st->ncontexts; i-- > 0;) {
        const rule_context *c = &st->contexts[i];
        if (c->id == id && c->which == which && llabs(c->start - t) <= 5 * MIN_MS) return NULL;
    }
    if (st->ncontexts == NCTX) {
        memmove(st->contexts, st->contexts + 1, (NCTX - 1) * sizeof st->contexts[0]);
        st->ncontexts--;
    }
    rule_context *c = &st->contexts[st->ncontexts++];
    memset(c, 0, sizeof *c);
    c->id = id;
    c->which = which;
    c->start = t;
    c->end = lasting ? INT64_MAX : t;
    c->covered = rule_station_covered(st, t, WO_MARGIN);
    rule_hit *h = rule_raise(k, id, t, t, 0);
    if (h) h->variant = which;
    return c;
}

void rule_context_text(rule_sink *k, rule_context *c, const char *en, const char *zh)
{
    if (!c) return;
    snprintf(c->en, sizeof c->en, "%s", en);
    snprintf(c->zh, sizeof c->zh, "%s", zh);
    rule_hit *h = k->n ? &k->out[k->n - 1] : NULL;
    if (h && h->id == c->id) {
        snprintf(h->en, sizeof h->en, "%s", en);
        snprintf(h->zh, sizeof h->zh, "%s", zh);
    }
}

void rule_context_end(rule_station *st, rule_id id, int which, int64_t t)
{
    for (size_t i = st->ncontexts; i-- > 0;)
        if (st->contexts[i].id == id && st->contexts[i].which == which &&
            st->contexts[i].end == INT64_MAX)
            st->contexts[i].end = t;
}

int rule_entered(const rule_station *st, int64_t from, int64_t to)
{
    for (size_t i = 0; i < st->ncontexts; i++) {
        const rule_context *c = &st->contexts[i];
        if (c->covered || c->start > to || c->end < from) continue;
        if (c->id == RULE_DOOR_ENTRY || (c->id == RULE_PERSON_SEEN && c->which != 2)) return 1;
    }
    return 0;
}

/* ---- a real-time record (2011): the stages ---- */

/* The continuous values and currents (state), and the camera and door values (signals). */
static void rtd_values(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_record *r = ev->record;
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->field, "Rtd") != 0) continue;
        double v = 0;
        if (rule_parse_num(f->value, &v) != 0) continue;
        int ci = rule_code_index(f->code);
        if (ci >= C_FLOW) {
            /* valid (HJ 356): N, and T over the meter's range, S set by hand */
            if (f->flag && f->flag != 'N' && f->flag != 'T' && f->flag != 'S') continue;
            st->latest[ci] = v;
            st->have[ci] = 1;
        } else if (code_in_family(f->code, HJCODE_CURRENT)) {
            rule_meter *m = rule_meter_get(st, f->code);
            if (m) m->last = v;
        } else if (ci < 0) {
            ev->field = f;
            ev->value = v;
            run_stage(k, RULE_AT_SIGNAL, ev);
        }
    }
    ev->field = NULL;
}

/* A new SampleTime of an analyzer: a new measurement, judged before and after it joins the
 * analyzer's history; the baselines learn from it when nothing found it anomalous. */
static void new_measurement(rule_sink *k, rule_measurement *m, char flag)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_analyzer *an = &st->analyzers[m->ci];
    an->last_sampled = m->sampled;
    an->sampled_moved_at = m->datatime;
    an->stall_sent = 0;
    if (flag != 'N') return; /* flagged data is judged by the flag rules */
    m->covered = rule_station_covered(st, m->sampled, WO_MARGIN);
    if (m->limit > 0 && m->value > m->limit) { /* for the flags and bunching */
        an->exceed.sampled = m->sampled;
        an->exceed.reported = m->datatime > m->sampled ? m->datatime : m->sampled;
        an->exceed.value = m->value;
    }
    rule_event ev = {0};
    ev.t = m->datatime;
    ev.m = m;
    run_stage(k, RULE_AT_SAMPLE, &ev);
    rule_push_sample(an, m->sampled, m->value, m->raw);
    /* the CV of the newest window (variance collapse; its usual value is learned) */
    an->last_window_cv = -1;
    if (an->nhist >= (size_t)c->collapse_cycles && c->collapse_cycles >= 2) {
        size_t w = (size_t)c->collapse_cycles;
        double sum = 0, sq = 0;
        for (size_t i = an->nhist - w; i < an->nhist; i++)
            sum += an->hist[i].value;
        double mean = sum / (double)w;
        for (size_t i = an->nhist - w; i < an->nhist; i++)
            sq += (an->hist[i].value - mean) * (an->hist[i].value - mean);
        m->window_cv = mean > 0 ? sqrt(sq / (double)(w - 1)) / mean : -1;
        an->last_window_cv = m->window_cv;
    }
    run_stage(k, RULE_AT_HISTORY, &ev);
    k->measured = 1;
    if (!m->anomalous && !an->decoupled.cycles && rule_learning(st, k->time)) {
        double v = m->value;
        if (m->window_cv >= 0) rule_ewma_add(&an->window_cv, m->window_cv, 0.1);
        /* slower upward: a real upset does not make its own end look like a fall */
        rule_ewma_add(&an->base, v, v > an->base.mean ? 0.02 : 0.05);
        int hr = rule_local_hour(m->sampled);
        double alpha = v > an->hour_mean[hr] ? 0.1 : 0.2;
        an->hour_mean[hr] =
            an->hour_n[hr] ? an->hour_mean[hr] + alpha * (v - an->hour_mean[hr]) : v;
        an->hour_n[hr]++;
    }
}

/* Each analyzer of the record: its flag, then a new SampleTime is a new measurement. */
static void rtd_analyzers(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_record *r = ev->record;
    int64_t t = ev->t;
    for (int ci = 0; ci < NBATCH; ci++) {
        const rule_field *val = NULL;
        int64_t sampled = -1;
        for (size_t i = 0; i < r->n; i++) {
            if (strcmp(r->f[i].code, rule_code(ci)) != 0) continue;
            if (strcmp(r->f[i].field, "Rtd") == 0) val = &r->f[i];
            if (strcmp(r->f[i].field, "SampleTime") == 0)
                sampled = rule_parse_hj212_time(r->f[i].value);
        }
        if (!val) continue;
        int sample_time_sent = sampled >= 0;
        rule_analyzer *an = &st->analyzers[ci];
        double v = 0;
        char flag = val->flag ? val->flag : 'N';
        if (rule_parse_num(val->value, &v) != 0) continue;
        ev->ci = ci;
        ev->value = v;
        ev->flag = flag;
        ev->flag_before = an->flag;
        an->flag = flag;
        /* standby, fault, maintenance, calibration: not measuring its schedule (the next
         * measurement is a start, not an extra one) */
        if (flag == 'F' || flag == 'D' || flag == 'M' || flag == 'C') an->restarted = 1;
        run_stage(k, RULE_AT_FLAG, ev);
        /* no SampleTime: a changed value is a new measurement (against the last value sent,
         * flagged or not: a flag lifted is no measurement) */
        if (sampled < 0) sampled = (an->seen && an->last_value == v) ? an->last_sampled : t;
        an->last_value = v;
        if (!an->seen) {
            an->seen = 1;
            an->sampled_moved_at = t;
            an->last_sampled = sampled;
            if (flag == 'N') rule_push_sample(an, sampled, v, val->value);
            continue;
        }
        if (sampled == an->last_sampled) continue;
        /* the analyzer measuring on its schedule under a flag (the flag rules weigh it): told
         * by the SampleTime it sent (without one, a changed value is all there is), one cycle
         * after the measurement before (a stopped analyzer restarted skips its schedule) */
        if (an->episode.state == 1 && flag != 'N' && sample_time_sent &&
            rule_on_schedule(&st->cfg, an, sampled) &&
            llabs(sampled - an->last_sampled - an->cycle) <= st->cfg.phase_tol_min * MIN_MS)
            an->episode.measured++;
        rule_measurement m = {
            ci, sampled, v, val->value, t, 0, rule_cfg_limit(&st->cfg, rule_code(ci)),
            0,  0,       -1};
        new_measurement(k, &m, flag);
    }
}

/* The plant at this record: production, the flow's recent level, what to expect. */
static void minute_state(const rule_station *st, int64_t t, rule_minute *mi)
{
    const rule_cfg *c = &st->cfg;
    memset(mi, 0, sizeof *mi);
    for (size_t i = 0; i < st->nmeters; i++)
        if (st->meters[i].production) {
            mi->prod += st->meters[i].last;
            mi->prod_base += st->meters[i].base.mean;
            mi->nprod++;
        }
    mi->warmed = st->minutes >= c->warmup_minutes;
    mi->producing = mi->nprod && mi->prod_base > 1 && mi->prod >= c->prod_on_frac * mi->prod_base;
    mi->covered = rule_station_covered(st, t, WO_MARGIN);
    mi->flow = st->latest[C_FLOW];
    /* the last 30 samples before now (ring), for the flow's recent level and spread */
    size_t rn = st->nring < 30 ? st->nring : 30;
    double mean = 0, sd = 0;
    for (size_t i = 0; i < rn; i++)
        mean += st->ring_flow[(st->ring_at + 60 - 1 - i) % 60];
    if (rn) {
        mean /= (double)rn;
        for (size_t i = 0; i < rn; i++) {
            size_t j = (st->ring_at + 60 - 1 - i) % 60;
            sd += (st->ring_flow[j] - mean) * (st->ring_flow[j] - mean);
        }
        sd = rn > 1 ? sqrt(sd / (double)(rn - 1)) : 0;
    }
    mi->recent_mean = mean;
    mi->recent_sd = sd;
    mi->recent_n = rn;
    /* flow per production ampere overall, or at this hour of day once learned if lower, else
     * the lowest hourly ratio seen (a day's pattern is no deficit) */
    mi->hour = rule_local_hour(t);
    double expect = st->flow_per_amp.mean;
    if (st->flow_per_amp_hour_n[mi->hour] >= 30) {
        if (st->flow_per_amp_hour[mi->hour] < expect) expect = st->flow_per_amp_hour[mi->hour];
    } else {
        for (int h = 0; h < 24; h++)
            if (st->flow_per_amp_hour_n[h] >= 30 && st->flow_per_amp_hour[h] < expect)
                expect = st->flow_per_amp_hour[h];
    }
    mi->expected_per_amp = expect;
}

/* What the continuous signals learn from this record (while no anomaly is going on). */
static void minute_baselines(rule_sink *k, const rule_minute *mi, int64_t t, int64_t dt)
{
    rule_station *st = k->st;
    if (t / HOUR_MS != st->snapshot_hour) {
        st->snapshot_hour = t / HOUR_MS;
        if (st->nsnapshots == 4) {
            memmove(st->snapshot, st->snapshot + 1, 3 * sizeof st->snapshot[0]);
            st->nsnapshots--;
        }
        for (size_t i = 0; i < RULE_NCODES; i++)
            st->snapshot[st->nsnapshots][i] = st->continuous[i].mean;
        st->nsnapshots++;
    }
    if (rule_learning(st, k->time)) {
        for (int i = C_FLOW; i < RULE_NCODES; i++)
            if (st->have[i]) rule_ewma_add(&st->continuous[i], st->latest[i], 0.01);
        if (st->have[C_FLOW]) {
            int hr = mi->hour;
            st->flow_hour[hr] = st->flow_hour_n[hr]
                                    ? st->flow_hour[hr] + 0.02 * (mi->flow - st->flow_hour[hr])
                                    : mi->flow;
            st->flow_hour_n[hr]++;
        }
        for (size_t i = 0; i < st->nmeters; i++)
            if (st->meters[i].last > 0.5 || st->meters[i].base.n == 0)
                rule_ewma_add(&st->meters[i].base, st->meters[i].last, 0.01);
    }
    st->minutes += dt / MIN_MS > 0 ? dt / MIN_MS : 1;
}

/* Flow, facilities and night after the analyzers: the minute's checks with the channel's
 * recent history moved on in between, the baselines, then what the time passed shows. */
static void rtd_minute(rule_sink *k, rule_event *ev, int64_t dt)
{
    rule_station *st = k->st;
    int64_t t = ev->t;
    rule_minute mi;
    minute_state(st, t, &mi);
    if (mi.producing) {
        if (!st->prod_since) st->prod_since = t;
    } else {
        st->prod_since = 0;
    }
    mi.steady = mi.producing && t - st->prod_since >= st->cfg.prod_steady_min * MIN_MS;
    ev->minute = &mi;
    run_stage(k, RULE_AT_FLOW, ev);
    rule_channel_track(st, t);
    if (st->have[C_FLOW]) {
        st->ring_flow[st->ring_at] = mi.flow;
        st->ring_prod[st->ring_at] = mi.prod;
        st->ring_at = (st->ring_at + 1) % 60;
        if (st->nring < 60) st->nring++;
    }
    run_stage(k, RULE_AT_SITE, ev);
    minute_baselines(k, &mi, t, dt);
    run_stage(k, RULE_AT_ELAPSED, ev);
    ev->minute = NULL;
}

static void feed_rtd(rule_sink *k, const rule_record *r)
{
    rule_station *st = k->st;
    int64_t t = r->datatime;
    if (t < 0) return;
    rule_event ev = {0};
    ev.record = r;
    ev.t = t;
    run_stage(k, RULE_AT_RECORD, &ev);
    if (st->last_rtd && t <= st->last_rtd) return; /* late (backfilled): fills a hole only */
    int64_t dt = st->last_rtd ? t - st->last_rtd : 0;
    if (dt >= st->cfg.gap_min_minutes * MIN_MS) /* a hole: what the analyzers did is unknown */
        for (int ci = 0; ci < NBATCH; ci++)
            st->analyzers[ci].restarted = 1;
    rtd_values(k, &ev);
    rtd_analyzers(k, &ev);
    if (k->measured) run_stage(k, RULE_AT_ANALYZERS, &ev);
    if (rule_gas_parse(st, r, t)) { /* a gas station's minute */
        run_stage(k, RULE_AT_GAS, &ev);
        rule_gas_learn(k, t);
    }
    rtd_minute(k, &ev, dt);
    st->last_rtd = t;
}

/* ---- the other records ---- */

static void feed_3020(rule_sink *k, const rule_record *r)
{
    rule_event ev = {0};
    ev.record = r;
    ev.t = r->datatime >= 0 ? r->datatime : k->st->now;
    for (size_t i = 0; i < r->n; i++) {
        ev.field = &r->f[i];
        /* the door's uploads are a signal; the analyzers' their status */
        run_stage(k, strcmp(r->f[i].polid, code_of(HJCODE_DOOR)) == 0 ? RULE_AT_SIGNAL : RULE_AT_STATUS, &ev);
    }
    ev.field = NULL;
    run_stage(k, RULE_AT_GAS_STATUS, &ev); /* a gas station's analyzer or sampling system */
}

size_t rule_station_feed(rule_station *st, const rule_record *r, rule_hit *out, size_t cap)
{
    if (r->arrived > st->now) st->now = r->arrived;
    st->silence_judged = 0; /* it spoke */
    rule_sink k;
    memset(&k, 0, sizeof k);
    k.st = st;
    k.out = out;
    k.cap = cap;
    k.time = r->arrived; /* never before this record arrived */
    rule_event ev = {0};
    ev.record = r;
    ev.t = r->datatime;
    switch (r->cn) {
    case 2011:
        feed_rtd(&k, r);
        break;
    case 3020:
        feed_3020(&k, r);
        break;
    case 2061:
        run_stage(&k, RULE_AT_HOUR, &ev);
        break;
    case 2021:
        rule_meter_states(st, r);
        break;
    case 2081: /* the DAU restarted: its periods begin anew */
        if (r->datatime >= 0) rule_hour_restart(st, r->datatime);
        break;
    default:
        break;
    }
    return k.n;
}

int64_t rule_station_silent_at(const rule_station *st)
{
    if (!st->last_rtd || st->silence_judged) return INT64_MAX;
    return st->now + rule_silence_ms(st);
}

size_t rule_station_silence(rule_station *st, rule_hit *out, size_t cap)
{
    int64_t at = rule_station_silent_at(st);
    if (at == INT64_MAX) return 0;
    st->silence_judged = 1;
    rule_sink k;
    memset(&k, 0, sizeof k);
    k.st = st;
    k.out = out;
    k.cap = cap;
    k.time = at; /* the platform sees the silence then */
    rule_event ev = {0};
    ev.t = at;
    run_stage(&k, RULE_AT_SILENCE, &ev);
    return k.n;
}

size_t rule_station_lab(rule_station *st, const char *param, int64_t t, double value, rule_hit *out,
                        size_t cap)
{
    int ci = -1;
    for (int i = 0; i < NBATCH && ci < 0; i++)
        if (strcmp(param, rule_code(i)) == 0 || strcmp(param, rule_code_row(i)->alias) == 0) ci = i;
    if (ci < 0) return 0;
    rule_sink k;
    memset(&k, 0, sizeof k);
    k.st = st;
    k.out = out;
    k.cap = cap;
    k.time = st->now > t ? st->now : t;
    rule_event ev = {0};
    ev.t = t;
    ev.ci = ci;
    ev.value = value;
    run_stage(&k, RULE_AT_LAB, &ev);
    return k.n;
}
