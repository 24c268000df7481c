/*
 * rule-private.h — what the rule files share: the code table, a station's state, the
 * sink hits go to, and the checks with the stages they run at (rule.c holds the table of
 * rule descriptors and drives the stages; one file per family holds the checks).
 *
 * A record is judged in stages, in this order for a real-time record (2011):
 *   RULE_AT_RECORD    before its values are read (link outages, gaps)
 *   RULE_AT_SIGNAL    each camera or door value (also a 3020 door log)
 *   RULE_AT_FLAG      each analyzer's flag and the value sent under it
 *   RULE_AT_SAMPLE    each new measurement, before it joins the analyzer's history
 *   RULE_AT_HISTORY   ... after it joined
 *   RULE_AT_ANALYZERS the analyzers together, when the record brought measurements
 *   RULE_AT_FLOW      flow against production
 *   RULE_AT_SITE      the facilities and the night (after the channel's recent history
 *                     took this record)
 *   RULE_AT_ELAPSED   what the time passed shows (a stalled SampleTime), once the
 *                     baselines learnt from the record
 * and RULE_AT_STATUS for each analyzer field of a 3020 upload, RULE_AT_HOUR for an hourly
 * record (2061), RULE_AT_LAB for a lab result, RULE_AT_SILENCE when the station has sent
 * nothing for the silence time (rule.h: rule_station_silence). Within a stage the checks run in the
 * order of the check table (rule.c); state that is no rule's (baselines, histories) is kept by the
 * stage drivers between stages.
 */
#ifndef RULE_PRIVATE_H
#define RULE_PRIVATE_H

#include "evidence.h"
#include "hjcode.h"
#include "hjtime.h"
#include "rule-gas.h"
#include "rule.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- time ---- */

#define MIN_MS  HJTIME_MINUTE_MS /* China time and the calendar: proto/hjtime.h */
#define HOUR_MS HJTIME_HOUR_MS

/* ---- the codes the rules read (docs/hj212-profile.md; one table: rule.c) ---- */

#define RULE_NCODES 8
#define NBATCH      5 /* RULE_CODE_ROWS[0..4]: batch analyzers */
#define C_COD       0
#define C_TOC       1 /* a TOC analyzer sends COD too: TOC times its factor */
#define C_FLOW      5
#define C_PH        6
#define C_COND      7
/* Other codes the rules read, by their rows in the code table. */
static inline const char *code_of(int row)
{
    return hjcode_at((size_t)row)->code;
}

/* A member of a family of the code table: its shared prefix and the six characters of an
 * HJ 212 code (ea1NNN: facility current of meter NNN, A; ecK00x: camera K: 1 deviation,
 * 2 persons, 3 loss, 4 cover, 5 score). */
static inline int code_in_family(const char *code, int row)
{
    const hjcode *c = hjcode_at((size_t)row);
    return strncmp(code, c->code, hjcode_prefix_len(c)) == 0 && strlen(code) == 6;
}

/* The codes by index (rule.c: rows of the vocabulary's code table, proto/hjcode.h). */
extern const int RULE_CODE_ROWS[RULE_NCODES];

static inline const hjcode *rule_code_row(int ci)
{
    return hjcode_at((size_t)RULE_CODE_ROWS[ci]);
}

static inline const char *rule_code(int ci)
{
    return rule_code_row(ci)->code;
}

/* Its name in running English / Chinese text ("NH3-N", "氨氮"), and its unit. */
static inline const char *code_en(int ci)
{
    return rule_code_row(ci)->name_en;
}

static inline const char *code_zh(int ci)
{
    return rule_code_row(ci)->short_zh;
}

static inline const char *code_unit(int ci)
{
    return rule_code_row(ci)->unit;
}

/* ---- a station's state ---- */

#define HIST      32 /* measurements kept per analyzer */
#define NLAB      32
#define NWO       128
#define NCTX      32
#define NPARAM    12
#define NMETER    16
#define WO_MARGIN (10 * MIN_MS)

/* One measurement of a batch analyzer. */
typedef struct rule_sample {
    int64_t sampled; /* its SampleTime */
    double value;
    char raw[24]; /* as sent */
} rule_sample;

typedef struct rule_ewma {
    double mean, var;
    long n;
} rule_ewma;

/* A 3020 parameter of an analyzer. */
typedef struct rule_param {
    char code[8];
    double registered, last;
} rule_param;

/* One batch analyzer (a code of RULE_CODE_ROWS[0..NBATCH)). */
typedef struct rule_analyzer {
    int seen;
    int64_t last_sampled;     /* SampleTime of the newest measurement */
    int64_t sampled_moved_at; /* DataTime at which SampleTime last advanced */
    char flag;                /* the latest real-time flag */
    rule_sample hist[HIST];   /* normal measurements, oldest first */
    size_t nhist;
    rule_ewma base;
    rule_ewma window_cv;   /* CV of collapse_cycles-long windows in normal operation */
    double last_window_cv; /* the newest window's CV, -1 unknown */
    double hour_mean[24];
    int hour_n[24];
    int64_t cycle, phase; /* schedule (ms); 0 unknown (phase: offset + 1) */
    int64_t cycle_seen;   /* a candidate cycle and how often it was seen */
    int ncycle_seen;
    int64_t cycle_set; /* measuring interval from 3020 i13003, ms */
    int restarted;     /* not measuring its schedule since its last measurement (stopped,
                          fault, maintenance, calibration, a hole in the data) */
    double last_value; /* the last value sent, flagged or not */
    struct {           /* a one-cycle drop waiting for its rebound */
        int pending;
        double before;
        int64_t at;
    } drop;
    struct { /* a small fall after an entry, judged at the next measurement */
        int pending;
        double before, value, ratio;
        int64_t from, sampled;
    } small_drop;
    struct {                       /* the newest value over the limit */
        int64_t sampled, reported; /* the result comes after the sample */
        double value;
    } exceed;
    int same;         /* identical consecutive values */
    int frozen_level; /* 0, 1 yellow sent, 2 red sent */
    int stall_sent;
    int bunching_sent;
    int collapse_sent;
    struct { /* a calibration (ms; 0 none) and the level after it */
        int64_t at;
        int shifted;
        int checked; /* the slope it set is known and moved the readings by little */
        double before, sum;
        int n;
    } calib;
    struct { /* a parameter changed without an order, and the level after it */
        int64_t at;
        double before, sum;
        int n;
    } shift;
    struct { /* the COD of a TOC analyzer against its own TOC (cod_toc_mismatch) */
        int64_t judged, from; /* the newest COD measurement judged, the first apart */
        int run, sent;        /* measurements apart in a row; 1 yellow, 2 red sent */
    } toc;
    struct { /* stepped down while the others held (decoupled_step) */
        int cycles, sent;
        int64_t judged, from;
        double before, cv, sum, fall_sum;
        double ratio[NBATCH]; /* to the other analyzers before the step */
    } decoupled;
    struct {                /* stepped down against its recent values (common step) */
        int64_t at, judged; /* SampleTime of the first low value (0 none), the newest judged */
        double before, before_cv;
    } step;
    rule_param params[NPARAM];
    size_t nparams;
    int64_t calibrated; /* the last calibration time seen (3020 i13006) */
    struct {            /* a flag episode: 0 none, 1 open (judged an hour in), 2 judged */
        int state;
        char flag;
        int after_exceed; /* it began right after a value over the limit */
        int64_t start, end, over_at;
        double over_value;
        int measured; /* new measurements on the analyzer's schedule under the flag */
    } episode;
    int hj_state, hj_alarm; /* its own work state and alarm (3020 i12001, i12003; 0 normal) */
} rule_analyzer;

/* A facility current meter. */
typedef struct rule_meter {
    char code[12];
    int production;
    double last;
    rule_ewma base;
    int running;     /* 2021 running state, -1 unknown */
    double ring[16]; /* its last currents, a minute apart */
    size_t nring, ring_at;
    struct { /* its current stepped down while production and the flow held; at 0: none */
        int64_t at;
        double before;
    } cut;
} rule_meter;

struct rule_station {
    rule_cfg cfg;
    rule_analyzer analyzers[NBATCH];
    rule_ewma continuous[RULE_NCODES]; /* flow, pH, conductivity baselines */
    double snapshot[4][RULE_NCODES];   /* hourly snapshots of continuous[].mean, oldest first */
    int nsnapshots;
    int64_t snapshot_hour;
    double latest[RULE_NCODES];
    int have[RULE_NCODES];
    double flow_hour[24]; /* flow by hour of day */
    int flow_hour_n[24];
    rule_ewma flow_per_amp;       /* flow per production ampere */
    double flow_per_amp_hour[24]; /* ... by hour of day (a plant's flow follows its day,
                                     its current not) */
    int flow_per_amp_hour_n[24];
    rule_meter meters[NMETER];
    size_t nmeters;
    double camera[3][6]; /* last camera values [1..2][1..5] */
    int door_open;
    int64_t minutes;      /* minutes of real-time data seen */
    int64_t last_rtd;     /* latest 2011 DataTime */
    int64_t rtd_interval; /* real-time interval (ms) */
    struct {              /* a hole in the real-time data waiting for a backfill */
        int64_t from, to;
        long filled;
    } gap;
    struct { /* data arriving late: a link outage being backfilled */
        int64_t from, to;
    } outage;
    int silence_judged; /* the current silence was judged (a record ends it) */
    struct { /* real-time records by the hour of their DataTime (the last few hours): how
                much of an hour the DAU was running, which an hourly total covers */
        int64_t hour[4];
        int n[4];
    } rtd_count;
    /* minute-level episodes */
    int64_t deficit_since, treat_since, night_since;
    double ring_flow[60], ring_prod[60]; /* the last hour of flow and production current */
    size_t nring, ring_at;
    double cond_ring[24]; /* the last conductivity samples */
    size_t ncond, cond_at;
    struct { /* conductivity stepped toward tap water (a pipe opened); at 0: none */
        int64_t at;
        double before, after;
    } cond_step;
    struct {        /* water let in at the sampling point (tap_water_inflow); at 0: none */
        int64_t at; /* the minute the flow and the conductivity stepped */
        double q0, q1, c0, c1; /* flow and conductivity just before and after */
        double share;          /* the water let in, as a share of what passes the probe */
        int metered;           /* the flow meter saw it (downstream of the inflow) */
        int kind;        /* the water let in: 1 tap water, 2 other (rain-like, a pH tap water does
                            not give, or seen coming in the open), 3 none (the plant's own), 0 not
                            known yet */
        int ph_known;    /* the pH tells too */
        double ph0, ph1; /* the pH just before and after */
        int sent;
        int64_t ended; /* the last one ended then (its end steps the flow down) */
    } inflow;
    int64_t diluted_at;   /* the channel's water was last seen diluted (a conductivity step or
                             an inflow standing) */
    int64_t cond_rose_at;   /* ... and its conductivity last stepped up (less water let in) */
    double cond_rose_share; /* ... by the share of clean water that would leave */
    rule_ewma cond_jump, flow_jump, ph_jump; /* mean square of their 3-minute changes, on
                                                their own (rule-channel.c; the flow's also for
                                                rule-flow.c) */
    double ph_ring[24];                      /* the pH at the conductivity's samples */
    int outfall_cam;                         /* an outfall camera reports */
    int64_t outfall_seen; /* ... and its scene score last said it saw something change */
    int common_step_sent; /* a common step of all analyzers was reported */
    int64_t prod_since;   /* producing since (0: not producing) */
    struct {              /* the flow stepped down */
        int64_t at;
        double before, sum, slope, first, prod;
        double edge_pre, edge_post; /* the flow just before and after the step's edge */
        int back;                   /* minutes since the flow came back (0: not yet) */
        int n, sent;
    } flow_step;
    struct {
        double sum, sq, n;
    } deficit;
    int deficit_level, treat_level, night_sent, rise_sent;
    int dilution_cycles, dilution_sent;
    int scale_cycles;
    int tap_level_sent;
    int channel_still;    /* analyzers fell but the channel's probe did not move */
    int64_t active_until; /* an anomaly is active: baselines hold */
    int64_t now;
    struct {
        char task[32];
        int64_t start, end, filed;
    } orders[NWO];
    size_t norders;
    struct {
        int ci;
        int64_t sampled;
        double value;
        int done;
    } labs[NLAB];
    size_t nlabs;
    rule_context contexts[NCTX];
    size_t ncontexts;
    unsigned long dropped;
    rule_gas *gas; /* a flue-gas or VOCs station's (rule-gas.c), NULL for water */
};

/* ---- hits ---- */

/* Where the hits of one record go. */
typedef struct rule_sink {
    rule_station *st;
    rule_hit *out;
    size_t cap, n;
    int64_t time; /* raise time: never before the record arrived */
    int measured; /* a batch measurement in this record */
    struct {      /* drops of this record, decided once every analyzer was read */
        int marked;
        double before, value;
        int64_t from, sampled;
    } drop[NBATCH];
} rule_sink;

/* A hit of rule id into the sink (NULL when full: counted as dropped). */
rule_hit *rule_raise(rule_sink *k, rule_id id, int64_t start, int64_t end, int strong);

/* ---- stages and checks ---- */

typedef enum rule_stage {
    RULE_AT_RECORD,
    RULE_AT_SIGNAL,
    RULE_AT_FLAG,
    RULE_AT_SAMPLE,
    RULE_AT_HISTORY,
    RULE_AT_ANALYZERS,
    RULE_AT_FLOW,
    RULE_AT_SITE,
    RULE_AT_ELAPSED,
    RULE_AT_STATUS,
    RULE_AT_HOUR,
    RULE_AT_LAB,
    RULE_AT_SILENCE,
    RULE_AT_GAS,        /* a gas station's minute (rule-gas*.c) */
    RULE_AT_GAS_STATUS, /* ... its 3020 (once per record) */
    RULE_STAGES
} rule_stage;

/* A new measurement of one analyzer (RULE_AT_SAMPLE, RULE_AT_HISTORY). */
typedef struct rule_measurement {
    int ci;          /* the analyzer */
    int64_t sampled; /* its SampleTime */
    double value;
    const char *raw;  /* as sent */
    int64_t datatime; /* of the record that brought it */
    int covered;      /* inside a work order */
    double limit;     /* its discharge limit, 0 when none */
    int extra;        /* off the schedule (the schedule check says) */
    int anomalous;    /* a check found it anomalous: the baselines do not learn it */
    double window_cv; /* CV of the newest collapse_cycles values, -1 unknown */
} rule_measurement;

/* The plant at a real-time record (RULE_AT_FLOW, RULE_AT_SITE). */
typedef struct rule_minute {
    double flow;
    double prod, prod_base;        /* production current now, and its usual */
    int nprod;                     /* production meters */
    int warmed;                    /* warmup_minutes of real-time data seen */
    int producing, steady;         /* production on; ... for prod_steady_min */
    int covered;                   /* inside a work order */
    double recent_mean, recent_sd; /* the flow's last 30 samples before this one */
    size_t recent_n;
    int hour;                /* local hour */
    double expected_per_amp; /* flow per production ampere to expect now */
} rule_minute;

/* What a check is shown; which parts are set depends on the stage. */
typedef struct rule_event {
    const rule_record *record; /* NULL for a lab result */
    int64_t t;                 /* the record's DataTime (a lab result: its sample time) */
    const rule_field *field;   /* SIGNAL, STATUS */
    double value;              /* SIGNAL: the field's (2011); FLAG: the value sent; LAB */
    int ci;                    /* FLAG, LAB: the analyzer */
    char flag, flag_before;    /* FLAG */
    rule_measurement *m;       /* SAMPLE, HISTORY */
    rule_minute *minute;       /* FLOW, SITE */
} rule_event;

typedef void (*rule_check_fn)(rule_sink *k, rule_event *ev);

/* A rule: what it is, what it reads, the checks that raise it. */
typedef struct rule_desc {
    rule_id id;
    const char *name; /* as alerts.jsonl's "rules" names it */
    rule_family family;
    unsigned inputs;         /* RULE_IN_* */
    rule_check_fn checks[2]; /* the second may be NULL */
} rule_desc;

const rule_desc *rule_describe(rule_id id); /* NULL for an unknown id */
/* The checks in the order they run (names, stages, functions: any may be NULL); returns
 * how many there are. For tests of the tables. */
size_t rule_checks(const char **names, rule_stage *stages, rule_check_fn *fns, size_t cap);

/* rule-gaps.c */
void rule_check_outage(rule_sink *k, rule_event *ev);
void rule_check_gap(rule_sink *k, rule_event *ev);
void rule_check_silence(rule_sink *k, rule_event *ev);
int64_t rule_silence_ms(const rule_station *st); /* how long a silence is */
/* The share (0..1) of the hour starting at `hour` the DAU sent real-time records for. */
double rule_hour_coverage(const rule_station *st, int64_t hour);
void rule_hour_restart(rule_station *st, int64_t t);
/* rule-camera-door.c */
void rule_check_camera(rule_sink *k, rule_event *ev);
void rule_check_door(rule_sink *k, rule_event *ev);
/* rule-treatment.c */
void rule_check_over_range(rule_sink *k, rule_event *ev);
void rule_check_conc_rise(rule_sink *k, rule_event *ev);
void rule_check_treatment(rule_sink *k, rule_event *ev);
void rule_meter_states(rule_station *st, const rule_record *r); /* 2021: no rule of its own */
/* rule-flags.c */
void rule_check_flag(rule_sink *k, rule_event *ev);
/* rule-analyzer.c */
void rule_check_schedule(rule_sink *k, rule_event *ev);
void rule_check_drop(rule_sink *k, rule_event *ev);
void rule_check_frozen(rule_sink *k, rule_event *ev);
void rule_check_bunching(rule_sink *k, rule_event *ev);
void rule_check_collapse(rule_sink *k, rule_event *ev);
void rule_check_cup(rule_sink *k, rule_event *ev);
void rule_check_stall(rule_sink *k, rule_event *ev);
/* rule-params.c */
void rule_check_calibration(rule_sink *k, rule_event *ev);
void rule_check_level_shift(rule_sink *k, rule_event *ev);
void rule_check_pending_labs(rule_sink *k, rule_event *ev);
void rule_check_status(rule_sink *k, rule_event *ev);
void rule_check_lab(rule_sink *k, rule_event *ev);
/* rule-channel.c */
void rule_check_decoupled(rule_sink *k, rule_event *ev);
void rule_check_toc(rule_sink *k, rule_event *ev);
void rule_check_common_step(rule_sink *k, rule_event *ev);
void rule_check_fall(rule_sink *k, rule_event *ev);
void rule_check_inflow(rule_sink *k, rule_event *ev);
void rule_channel_track(rule_station *st, int64_t t); /* the conductivity's steps */
/* rule-flow.c */
void rule_check_flow_deficit(rule_sink *k, rule_event *ev);
void rule_check_flow_step(rule_sink *k, rule_event *ev);
void rule_check_night_flow(rule_sink *k, rule_event *ev);
void rule_check_totalizer(rule_sink *k, rule_event *ev);

/* rule-gas.c */
int rule_gas_parse(rule_station *st, const rule_record *r, int64_t t); /* 1: a gas minute */
void rule_gas_learn(rule_sink *k, int64_t t);
void rule_gas_check_flags(rule_sink *k, rule_event *ev);
void rule_gas_check_frozen(rule_sink *k, rule_event *ev);
void rule_gas_check_status(rule_sink *k, rule_event *ev);
void rule_gas_param_changed(rule_sink *k, int c, int row, double before, double after, int64_t t);
const hjcode *gas_code(int ch);
int gas_channel(const char *code);
const char *gas_name(int ch, int zh);
void gas_ewma_add(gas_ewma *e, double x, double alpha);
double gas_window(const rule_gas *g, const double *ring, int from, int to, int *n);
double gas_chan_window(const rule_gas *g, int ch, int converted, int from, int to, int *n);
double gas_fan_window(const rule_gas *g, int from, int to);
int gas_steady(double ratio, double tol); /* |ratio - 1| <= tol */
double gas_limit(const rule_station *st, int ch);
int gas_warm(const rule_gas *g);
/* The valid minutes a channel's value has not changed (NOx: or its NO's), 0 when invalid. */
int gas_stopped_for(const rule_gas *g, int c);
/* A level before a fall (converted) well above the channel's baseline: the fall is a
 * return to normal (treatment back on, an upset over), not a fall. */
int gas_elevated(const rule_gas *g, int c, double before);
/* rule-gas-chain.c */
int gas_episode_tick(rule_gas *g, gas_episode *e, int holds, int64_t t, int converted);
void rule_gas_check_dilution(rule_sink *k, rule_event *ev);
void rule_gas_check_o2(rule_sink *k, rule_event *ev);
/* O2's fall over the last hour at a held fan and flow, NAN when they moved (its honest
 * spread is learned: rule_gas_learn). */
double gas_o2_step(const rule_gas *g);
void rule_gas_line_check(rule_sink *k, int64_t t);
void rule_gas_check_split(rule_sink *k, rule_event *ev);
void rule_gas_check_span(rule_sink *k, rule_event *ev);
void rule_gas_check_sum(rule_sink *k, rule_event *ev);
/* rule-gas-plant.c */
void rule_gas_check_flow(rule_sink *k, rule_event *ev);
void rule_gas_check_rto(rule_sink *k, rule_event *ev);

/* ---- shared helpers (rule.c) ---- */

void rule_ewma_add(rule_ewma *e, double x, double alpha);
/* "%.3g", or "%.0f" from 1000 on: a number in an evidence line. */
const char *rule_num(double v, char *buf, size_t cap);
int rule_parse_num(const char *text, double *out); /* 0, or -1: not a finite number */
int rule_code_index(const char *code);             /* RULE_CODE_ROWS index, -1 */
/* A work order overlaps [from, to] (with margin_ms on both sides). */
int rule_station_overlaps(const rule_station *st, int64_t from, int64_t to, int64_t margin_ms);
/* Covered by an order the O&M system had received by known_at. */
int rule_covered_known(const rule_station *st, int64_t t, int64_t margin_ms, int64_t known_at);
/* A continuous signal's baseline as it was about three hours ago. */
double rule_ref(const rule_station *st, int ci);
/* An analyzer's baseline at t (its hour of day once learned). */
double rule_base(const rule_analyzer *an, int64_t t);
/* Baselines learn: no anomaly of the station is going on (or just was). */
int rule_learning(const rule_station *st, int64_t now);
int rule_warm(const rule_station *st, const rule_analyzer *an);
/* The analyzer's newest measurement is recent (within two of its cycles). */
int rule_fresh(const rule_analyzer *an, int64_t t);
/* Whether a measurement sampled at t lies on the analyzer's schedule (its cycle and phase
 * known, within phase_tol_min). */
int rule_on_schedule(const rule_cfg *c, const rule_analyzer *an, int64_t sampled);
/* Mean (and CV) of m measurements ending skip before the newest; they must exist. */
double rule_tail_stats(const rule_analyzer *an, size_t skip, size_t m, double *cv);
void rule_push_sample(rule_analyzer *an, int64_t sampled, double v, const char *raw);
/* How far the channel's conductivity moved toward tap water (0 none, 1 all the way);
 * *probe: there is a probe with a baseline. */
double rule_tap_move(const rule_station *st, int *probe);
/* Appends "NAME what" to lists in both languages (whole items only). */
void rule_list_item(char *en, size_t cap_en, char *zh, size_t cap_zh, int ci, const char *what);
rule_meter *rule_meter_get(rule_station *st, const char *code);
/* context signals (door, person, camera) */
rule_context *rule_context_add(rule_sink *k, rule_id id, int which, int64_t t, int lasting);
void rule_context_text(rule_sink *k, rule_context *c, const char *en, const char *zh);
void rule_context_end(rule_station *st, rule_id id, int which, int64_t t);
/* A door entry or a person in the station room, outside any work order, in [from, to]. */
int rule_entered(const rule_station *st, int64_t from, int64_t to);
/* rule-params.c: a lab result against the measurements around it (done: judged). */
void rule_lab_check(rule_sink *k, int ci, int64_t t, double value, int *done);

#endif
