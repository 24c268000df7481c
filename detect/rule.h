/*
 * rule.h — the detection rules of one station: online baselines and the per-signature
 * checks of FRAUD-CATALOGUE.md, fed with what the platform received (HJ 212 records and
 * the O&M records feed). Never the simulator, the scenario or the truth.
 *
 * A rule_station is fed records in the order the platform committed them. Each call
 * returns the rule hits it caused (rule_hit: which rule, the interval it saw, the time it
 * may be raised at — never before the record that shows it arrived — and evidence in
 * English and Chinese) and the context events it saw (door, person, camera), which fusion
 * uses to corroborate hits. Times are ms since the epoch (UTC); HJ 212 times are China
 * local time (UTC+8).
 *
 * Each rule has a descriptor (rule.c: id, name, family, the inputs it reads, the checks
 * that raise it); the checks live in one file per family (rule-analyzer.c, rule-channel.c,
 * rule-flow.c, rule-treatment.c, rule-flags.c, rule-gaps.c, rule-camera-door.c,
 * rule-params.c) and run in the stages rule-private.h lists. Their evidence texts are in
 * evidence-en.h and evidence-zh.h.
 *
 * The thresholds live in rule_cfg (rule-cfg.c: one table of keys with their compiled
 * defaults are detect/thresholds.json, compiled in; rule_cfg_parse reads that file's format).
 * The codes the rules read are in one table in rule.c (docs/hj212-profile.md names them).
 */
#ifndef RULE_H
#define RULE_H

#include "batch.h"

#include <stddef.h>
#include <stdint.h>

#define RULE_MAX_LIMITS 8
#define RULE_MAX_PROD   8
#define RULE_MAX_TAP    8
#define RULE_TEXT       320 /* one evidence line, bytes incl. NUL */

/* Rules (and context signals) by id; names in rule_name(). At most 64. */
typedef enum rule_id {
    RULE_SUDDEN_DROP = 0,    /* one-cycle drop of more than drop_ratio */
    RULE_REBOUND,            /* ... and the next cycle back up */
    RULE_EXTRA_MEASUREMENT,  /* a measurement off the analyzer's schedule */
    RULE_PROPORTIONAL_FALL,  /* all parameters fall by one factor */
    RULE_TOWARD_TAP,         /* pH / conductivity move toward tap water */
    RULE_FLOW_RISE,          /* flow up while production current is not */
    RULE_VARIANCE_COLLAPSE,  /* flat analyzer values, decoupled from flow */
    RULE_TAP_LEVEL,          /* analyzers near tap water while the probe is not */
    RULE_NIGHT_FLOW,         /* flow at night far above its hour-of-day baseline */
    RULE_PARAM_CHANGE,       /* 3020 parameter changed without a work order */
    RULE_LEVEL_SHIFT,        /* level stepped after a parameter change */
    RULE_CALIBRATION_SHIFT,  /* level stepped down after a calibration */
    RULE_LAB_MISMATCH,       /* lab result disagrees with the analyzer */
    RULE_BUNCHING,           /* values bunch just under the limit */
    RULE_FLOW_DEFICIT,       /* flow far below what production current implies */
    RULE_TOTALIZER_MISMATCH, /* hourly Cou vs Avg x 3600 */
    RULE_TREATMENT_OFF,      /* treatment current ~0 while production runs */
    RULE_CONC_RISE,          /* concentrations rising (with treatment off) */
    RULE_FLAG_AFTER_EXCEED,  /* M/D/C flag within an hour of an exceedance, no order */
    RULE_FLAG_WITHOUT_ORDER, /* M/C flag with no work order */
    RULE_DATA_GAP,           /* data missing and not backfilled */
    RULE_GAP_AT_EXCEEDANCE,  /* ... next to an over-limit value */
    RULE_FROZEN_VALUE,       /* identical values for many cycles */
    RULE_SAMPLETIME_STALLED, /* SampleTime not advancing */
    RULE_UNIFORM_SCALE,      /* all analyzers scaled alike, channel unchanged (DAU) */
    RULE_FLOW_STEP,          /* flow stepped down while production did not */
    RULE_LINK_OUTAGE,        /* data backfilled late after a link outage */
    RULE_DECOUPLED_STEP,     /* one analyzer stepped down, the others and the channel held */
    RULE_SILENCE,            /* the station stopped sending (judged while it lasts) */
    RULE_WATER_INFLOW,       /* clean water let in at the sampling point: flow and conductivity */
    RULE_TOC_MISMATCH,       /* a TOC analyzer's COD sent apart from its own TOC (DAU) */
    RULE_CAMERA_MOVED,       /* context: preset deviation */
    RULE_CAMERA_COVERED,     /* context: occlusion */
    RULE_VIDEO_LOSS,         /* context: video lost */
    RULE_SCENE_CHANGE,       /* context: scene-change score high */
    RULE_DOOR_ENTRY,         /* context: door opened / card / forced */
    RULE_PERSON_SEEN,        /* context: person(s) on camera */
    /* gas and VOCs stations (GAS.md; rule-gas*.c) */
    RULE_GAS_DILUTION,     /* every extracted gas fell by one factor, fan and flow held */
    RULE_GAS_VOCS_FALL,    /* NMHC and THC fell together, fan and flow held */
    RULE_GAS_O2_LOW,       /* O2 lower for the same load, frozen, or its parameters changed */
    RULE_GAS_SPAN_STEP,    /* a gas stepped down at a calibration, its companion did not */
    RULE_GAS_SPAN_SLOPE,   /* a calibration moved the slope far */
    RULE_GAS_LINE_TEMP,    /* heated line or chiller out of their band (3020 i33001/i33002) */
    RULE_GAS_SO2_SPLIT,    /* SO2 fell, NOx held, the line out of its band */
    RULE_GAS_CAL_FLAG,     /* C/M beyond the schedule or at an exceedance, no work order */
    RULE_GAS_F_RUNNING,    /* F (stopped) while the fan runs and the flue carries gas */
    RULE_GAS_FLOW_DEFICIT, /* monitored flow fell, the fan current held */
    RULE_GAS_RTO_RISE,     /* NMHC rose, fan and flow held, the RTO still draws */
    RULE_GAS_FROZEN,       /* a gas channel identical for many valid minutes */
    RULE_GAS_PARAM,        /* a gas analyzer's parameter changed, no calibration, no order */
    RULE_GAS_SUM_MISMATCH, /* NOx sent apart from its NO and NO2, NMHC from THC - CH4 (DAU) */
    RULE__COUNT
} rule_id;

/* The signature a rule is part of (FRAUD-CATALOGUE.md): an alert is one family's incident,
 * whose type and level fusion.h decides. */
typedef enum rule_family {
    RULE_FAMILY_CUP = 0,      /* sudden_drop, rebound, extra_measurement */
    RULE_FAMILY_DILUTION,     /* proportional_fall, toward_tap_water, flow_rise, tap_water_inflow */
    RULE_FAMILY_HOSE,         /* variance_collapse, tap_level */
    RULE_FAMILY_NIGHT,        /* night_flow */
    RULE_FAMILY_CAMERA,       /* camera_moved, camera_covered, video_loss, scene_change */
    RULE_FAMILY_PARAM,        /* param_change, level_shift */
    RULE_FAMILY_CALIB,        /* calibration_shift, lab_mismatch */
    RULE_FAMILY_DAU,          /* bunching_under_limit, uniform_scale, decoupled_step, cod_toc_mismatch,
                                 gas_sum_mismatch */
    RULE_FAMILY_FLOW,         /* flow_deficit, flow_step, totalizer_mismatch */
    RULE_FAMILY_TREAT,        /* treatment_off, concentration_rise */
    RULE_FAMILY_FLAG,         /* flag_after_exceedance, flag_without_order */
    RULE_FAMILY_GAP,          /* data_gap, gap_at_exceedance, link_outage, station_silent */
    RULE_FAMILY_FROZEN,       /* frozen_value, sampletime_stalled, gas_frozen_value */
    RULE_FAMILY_GAS_PROBE,    /* gas_common_fall */
    RULE_FAMILY_VOCS,         /* vocs_common_fall */
    RULE_FAMILY_GAS_O2,       /* o2_low_for_load */
    RULE_FAMILY_GAS_SPAN,     /* span_calibration_step, span_slope_jump */
    RULE_FAMILY_GAS_HEAT,     /* line_temperature, so2_nox_split */
    RULE_FAMILY_GAS_CALFLAG,  /* calibration_flag_abuse's flags */
    RULE_FAMILY_GAS_SHUTDOWN, /* stopped_flag_running */
    RULE_FAMILY_GAS_FLOW,     /* flue_flow_deficit */
    RULE_FAMILY_GAS_RTO,      /* vocs_rise_rto_on */
    RULE_FAMILY__COUNT,
    RULE_FAMILY_NONE = -1 /* door_entry, person_seen: context only */
} rule_family;

/* What a rule reads (rule_inputs): bits. */
enum {
    RULE_IN_ANALYZER = 1 << 0, /* batch analyzers: values, SampleTime */
    RULE_IN_FLAG = 1 << 1,     /* the analyzers' data flags */
    RULE_IN_FLOW = 1 << 2,     /* flow (w00000) */
    RULE_IN_PROBE = 1 << 3,    /* pH, conductivity */
    RULE_IN_CURRENT = 1 << 4,  /* facility currents (ea1nnn), production meters */
    RULE_IN_RUNNING = 1 << 5,  /* facilities' running state (2021 SBn-RS) */
    RULE_IN_CAMERA = 1 << 6,   /* cameras (ecKnnn) */
    RULE_IN_DOOR = 1 << 7,     /* the door (ed1001, 3020 door log) */
    RULE_IN_STATUS = 1 << 8,   /* 3020 work state and parameters */
    RULE_IN_TOTAL = 1 << 9,    /* hourly totals (2061 Cou, Avg) */
    RULE_IN_ORDERS = 1 << 10,  /* work orders */
    RULE_IN_LAB = 1 << 11,     /* lab results */
    RULE_IN_LIMITS = 1 << 12,  /* discharge limits */
    RULE_IN_ARRIVAL = 1 << 13  /* receive times against DataTime */
};

const char *rule_name(rule_id id); /* "sudden_drop" ... */
rule_family rule_family_of(rule_id id);
unsigned rule_inputs(rule_id id); /* RULE_IN_* */
int rule_is_context(rule_id id);  /* door, person, camera: corroborating signals */

/* A number for a code (a limit, a tap-water reading). */
typedef struct rule_code_value {
    char code[12];
    double value;
} rule_code_value;

/* Thresholds (docs/detection.md explains each). */
typedef struct rule_cfg {
    int warmup_cycles;       /* analyzer cycles before baseline rules speak */
    int warmup_minutes;      /* minutes of real-time data before flow/current rules speak */
    double drop_ratio;       /* one-cycle fall of at least this fraction */
    double drop_ctx_ratio;   /* ... or of this much (and 3 x its recent CV) after an entry */
    double drop_min_frac;    /* previous value at least this fraction of the limit */
    double rebound_ratio;    /* next cycle >= this x the value before the drop */
    double extra_interval;   /* a cycle shorter than this x the schedule is extra */
    int phase_tol_min;       /* SampleTime off the schedule's phase by more than this */
    int context_before_min;  /* door/person/camera this long before an anomaly */
    int context_after_min;   /* ... or this long after */
    double dilution_fall;    /* every parameter at least this fraction under its baseline */
    double dilution_spread;  /* their fall factors within this of each other */
    int dilution_cycles;     /* consecutive cycles */
    double toward_tap_min;   /* conductivity moved this fraction of the way to tap */
    double inflow_share;     /* water let in: at least this share of the channel's flow */
    double inflow_tap_tol;   /* tap water's conductivity varies by this x tap_cond */
    double rain_cond;        /* rain runoff: the probe's reading (nearly pure water) */
    int inflow_min;          /* ... and it stands this long */
    double inflow_seen;      /* the outfall camera's scene score that says it saw it come */
    double tap_cond, tap_ph; /* tap water: the probe's readings */
    double tap_level_frac;   /* analyzers under this x baseline: tap or bucket water */
    double sample_fall;      /* analyzers this far under baseline, channel unchanged */
    double scale_fall;       /* all analyzers this far under alike, channel unchanged */
    int scale_cycles;        /* ... for this many cycles: values rewritten */
    double collapse_ratio;   /* window CV under this x the baseline CV */
    int collapse_cycles;     /* the window */
    double night_flow_ratio; /* night flow over this x its hour-of-day baseline */
    int night_start_h, night_end_h;
    int night_minutes;         /* sustained */
    double camera_dev_deg;     /* preset deviation that counts as moved */
    double scene_score;        /* scene-change score that counts */
    double param_rel_tol;      /* relative change of a 3020 parameter that counts */
    double shift_ratio;        /* level step (fraction) after calibration / parameter change */
    double calib_effect;       /* a calibration moving the readings this much (slope, intercept) */
    int shift_cycles;          /* cycles averaged after the event */
    double lab_tol;            /* |analyzer - lab| / lab over this disagrees */
    double toc_tol;            /* |COD - k TOC| / (k TOC) over this: not the analyzer's */
    int toc_red_cycles;        /* ... for this many measurements running: red */
    int lab_window_min;        /* analyzer measurement this close to the lab sample time */
    double bunch_band;         /* [1 - band, 1) x limit */
    int bunch_window;          /* last N cycles */
    double bunch_frac;         /* at least this fraction in the band, none over */
    double bunch_squeeze;      /* ... and their spread under this x the usual spread */
    double flow_deficit_ratio; /* flow / (learned flow per production ampere) under this */
    int flow_deficit_min;      /* sustained minutes: yellow */
    int flow_deficit_red_min;  /* sustained minutes: red */
    double prod_on_frac;       /* production current over this x its baseline: producing */
    int prod_steady_min;       /* producing this long before flow is judged against it */
    double flow_step;          /* flow falls this fraction in a minute, production steady */
    double night_excess;       /* night flow excess at least this x the mean flow */
    double totalizer_tol;      /* |Cou - Avg x 3.6| / Cou over this */
    double treat_off_frac;     /* treatment current under this x its baseline: off */
    double treat_low_frac;     /* ... under this (flow not low): running at part load */
    double treat_cut;          /* ... or stepped down this much, production and flow held */
    int treat_min;             /* sustained minutes: yellow */
    int treat_red_min;         /* sustained minutes: red */
    double conc_rise_ratio;    /* concentration over this x baseline: rising */
    int flag_window_min;       /* flag this soon after an exceedance */
    double gap_intervals;      /* a hole longer than this x the real-time interval */
    int gap_min_minutes;       /* ... and at least this long */
    int gap_grace_min;         /* wait this long for a backfill */
    double gap_near_limit;     /* a value over this x the limit counts at a gap */
    int frozen_cycles;         /* identical values: yellow */
    int frozen_red_cycles;     /* identical values: red */
    double stall_cycles;       /* SampleTime not advancing for this many cycles */
    int incident_gap_min;      /* hits further apart than this open a new alert */
    int incident_join_min;     /* a hit starting this soon after an alert's end joins it */
    int order_filing_min;      /* a work order may be filed this long after its job's end: a
                                  red that the job would explain waits for it (fusion.h) */
    /* limits by code (the platform does not receive them; per site config) */
    size_t nlimits;
    rule_code_value limits[RULE_MAX_LIMITS];
    /* current meters of production facilities (the others are treatment); per station:
     * "stations": {"MN": {"limits": ..., "production_meters": [...], any key}} */
    size_t nprod;
    char prod[RULE_MAX_PROD][12];
    /* tap water as the analyzers read it, by code (physics.md: what the range pours) */
    size_t ntap;
    rule_code_value tap[RULE_MAX_TAP];
} rule_cfg;

/* The defaults: detect/thresholds.json as the build compiled it in. */
void rule_cfg_default(rule_cfg *c);
/* 0 when a thresholds JSON text names every key and list (a file that can stand as the
 * defaults); -1 with err naming the first one it lacks. */
int rule_cfg_complete(const char *json, char *err, size_t errlen);
/* Reads a thresholds JSON text (detect/thresholds.json format) over c: keys present
 * override, unknown keys are an error. 0, or -1 with err. */
int rule_cfg_parse(rule_cfg *c, const char *json, char *err, size_t errlen);
/* The same, then the "stations" entry of mn (if any) over it. */
int rule_cfg_parse_station(rule_cfg *c, const char *json, const char *mn, char *err, size_t errlen);
double rule_cfg_limit(const rule_cfg *c, const char *code); /* 0 when none */
double rule_cfg_tap(const rule_cfg *c, const char *code);   /* 0 when none */
int rule_is_night(const rule_cfg *c, int hour); /* night_start_h <= hour < night_end_h */

/* One field of a received record, as stored (batch.h: the readings of an upload). */
typedef batch_field rule_field;

typedef struct rule_record {
    int cn;
    int64_t datatime; /* ms UTC, from DataTime; -1 when absent */
    int64_t arrived;  /* when it can be said to have arrived (>= the data's own end) */
    const rule_field *f;
    size_t n;
} rule_record;

typedef struct rule_hit {
    rule_id id;
    int64_t time;       /* raise time: the arrival of the record that showed it */
    int64_t start, end; /* what the data shows */
    int strong;         /* the rule alone is abuse (parameter/flag without order) or lasted */
    int variant;        /* flow rules: 1 the flow looks scaled (a meter), 2 short by an amount
                           (an outlet), 0 cannot tell; camera rules: the camera (1 station
                           room, 2 outfall) */
    char en[RULE_TEXT];
    char zh[RULE_TEXT];
} rule_hit;

typedef struct rule_station rule_station;

rule_station *rule_station_new(const rule_cfg *cfg);
void rule_station_free(rule_station *s);

/* Feeds one record. Writes up to cap hits into out; returns how many (further hits of
 * the same call are dropped and counted in rule_station_dropped). */
size_t rule_station_feed(rule_station *s, const rule_record *r, rule_hit *out, size_t cap);
/* Silence: the time at which the station will have sent nothing for the silence time (the
 * hole rule's: gap_intervals real-time intervals, at least gap_min_minutes) since its last
 * record arrived; INT64_MAX when nothing is due (no real-time data yet, or this silence was
 * judged). rule_station_silence judges it then: hits at that time. A record fed ends it. */
int64_t rule_station_silent_at(const rule_station *s);
size_t rule_station_silence(rule_station *s, rule_hit *out, size_t cap);
/* A work order (times ms UTC); filed: when it reached the O&M system (its start when not
 * given). A flag episode is judged against the orders filed by the time it is judged. */
void rule_station_work_order(rule_station *s, const char *task, int64_t start, int64_t end,
                             int64_t filed, const char *who);
/* A lab result (param "w01018" or "cod"); may produce hits (time = max(now, t)). */
size_t rule_station_lab(rule_station *s, const char *param, int64_t t, double value, rule_hit *out,
                        size_t cap);
/* Whether a work order covers t (with margin_ms on both sides). */
int rule_station_covered(const rule_station *s, int64_t t, int64_t margin_ms);
/* Whether a work order filed by known_at overlaps [from, to] (with the work orders' margin of
 * 10 min on both sides). */
int rule_station_order_filed(const rule_station *s, int64_t from, int64_t to, int64_t known_at);
unsigned long rule_station_dropped(const rule_station *s);
/* A context signal (door, person, camera) kept for corroboration: [start, end]; end is
 * INT64_MAX while it lasts (a camera still turned). covered: inside a work order. */
typedef struct rule_context {
    rule_id id;
    int which; /* camera 1/2; 0 for the door */
    int64_t start, end;
    int covered;
    char en[RULE_TEXT];
    char zh[RULE_TEXT];
} rule_context;

/* The context signals overlapping [from, to], oldest first; returns how many (<= cap). */
size_t rule_station_context(const rule_station *s, int64_t from, int64_t to,
                            const rule_context **out, size_t cap);
/* The latest data arrival seen (ms), for context look-ups. */
int64_t rule_station_now(const rule_station *s);

/* Time helpers (China local time, UTC+8). */
int64_t rule_parse_hj212_time(const char *s); /* "YYYYMMDDhhmmss[zzz]" -> ms, -1 bad */
int64_t rule_parse_iso(const char *s);        /* "2022-02-08T10:05:00+08:00" -> ms, -1 bad */
void rule_format_iso(int64_t t, char *out, size_t cap); /* "2022-02-08T10:05:00+08:00" */
void rule_format_hm(int64_t t, char *out, size_t cap);  /* "10:05" */
int rule_local_hour(int64_t t);                         /* 0..23 */

#endif
