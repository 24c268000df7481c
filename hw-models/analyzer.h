/*
 * analyzer.h — batch wet-chemistry analyzers: COD (dichromate), TOC (reports COD = k·TOC + b),
 * NH3-N, TP, TN.
 *
 * A pure state machine on a virtual clock (UTC seconds, double). Each cycle: draw a sample
 * (from the sample cup, or from a standard bottle for checks and calibrations), digest at
 * the digestion temperature for the digestion time, cool, read. Result:
 *   raw    = C_true · ox(T, t) / ox(T_nominal, t_nominal)  (incomplete oxidation reads low)
 *   value  = dilution · (slope · raw + intercept)           (TOC kind: that is TOC, and
 *   COD    = toc_factor · TOC + toc_offset is the reported value)
 * then the detection limit (below: the limit is reported, qualifier bit 1) and the range
 * (above the range top: the top is reported with flag 'T').
 * Measurements run on a schedule aligned to local midnight (interval 1 h: on the hour);
 * a measurement started by command is marked manual. SampleTime is when the sample was
 * drawn (the cycle's start). The register map is in docs/registers.md.
 */
#ifndef ANALYZER_H
#define ANALYZER_H

#include <stddef.h>

#include "hwdev.h"
#include "hwreg.h"
#include "water.h"

typedef enum analyzer_kind {
    ANALYZER_COD = 0,
    ANALYZER_TOC,
    ANALYZER_NH3N,
    ANALYZER_TP,
    ANALYZER_TN,
    ANALYZER_KIND_COUNT
} analyzer_kind;

/* Commands, numbered as written to the command register (0x1200). */
typedef enum analyzer_cmd {
    ANALYZER_CMD_MEASURE = 1,
    ANALYZER_CMD_STD_CHECK = 2,     /* standard-solution check */
    ANALYZER_CMD_BLANK_CHECK = 3,   /* blank (pure water) check */
    ANALYZER_CMD_ZERO_CHECK = 4,    /* zero-solution check */
    ANALYZER_CMD_SPAN_CHECK = 5,    /* span-solution check */
    ANALYZER_CMD_ZERO_CAL = 6,      /* intercept so that the zero solution reads 0 */
    ANALYZER_CMD_SPAN_CAL = 7,      /* slope so that the span bottle reads its label */
    ANALYZER_CMD_TWO_POINT_CAL = 8, /* zero then standard: intercept and slope */
    ANALYZER_CMD_CALIBRATE = 9,     /* slope so that the standard bottle reads its label */
    ANALYZER_CMD_INIT = 10,         /* abort, initialise (flush) for init_s, then idle */
    ANALYZER_CMD_STOP = 11,         /* abort, standby: no scheduled measurements */
    ANALYZER_CMD_RESTART = 12,      /* abort any cycle, leave standby, measure now (manual) */
    ANALYZER_CMD_SET_TIME = 13      /* set the instrument clock (registers only) */
} analyzer_cmd;

/* Device work state (status register 0x1080). */
typedef enum analyzer_state {
    ANALYZER_IDLE = 0,
    ANALYZER_MEASURING = 1,
    ANALYZER_STD_CHECK = 2,
    ANALYZER_BLANK_CHECK = 3,
    ANALYZER_ZERO_CHECK = 4,
    ANALYZER_SPAN_CHECK = 5,
    ANALYZER_INITIALISING = 6,
    ANALYZER_MAINTENANCE = 7,
    ANALYZER_FAULT = 8,
    ANALYZER_CALIBRATING = 9,
    ANALYZER_STANDBY = 10
} analyzer_state;

/* Cycle phases. */
enum {
    ANALYZER_PH_NONE = 0,
    ANALYZER_PH_SAMPLE = 1,
    ANALYZER_PH_DIGEST = 2,
    ANALYZER_PH_COOL = 3,
    ANALYZER_PH_READ = 4
};

/* Parameters (C API units: seconds, degC, mg/L). */
typedef enum analyzer_param {
    ANALYZER_P_INTERVAL = 0, /* s, measuring interval ("cycle") */
    ANALYZER_P_DIGEST_TEMP,  /* degC */
    ANALYZER_P_DIGEST_TIME,  /* s */
    ANALYZER_P_RANGE_LO,     /* mg/L */
    ANALYZER_P_RANGE_HI,     /* mg/L ("range") */
    ANALYZER_P_SLOPE,
    ANALYZER_P_INTERCEPT,       /* mg/L */
    ANALYZER_P_STD_LABEL,       /* mg/L, calibration standard: the bottle's label */
    ANALYZER_P_SPAN_LABEL,      /* mg/L, span bottle */
    ANALYZER_P_DETECTION_LIMIT, /* mg/L */
    ANALYZER_P_DILUTION,        /* multiplier */
    ANALYZER_P_TOC_FACTOR,      /* k of COD = k·TOC + b */
    ANALYZER_P_TOC_OFFSET,      /* b, mg/L */
    ANALYZER_P_COUNT
} analyzer_param;

/* Measurement flags: 'N' normal, 'T' over range, 'D' fault (no sample). */
typedef struct analyzer_meas {
    double sample_time; /* when the sample was drawn (UTC s, instrument clock) */
    double end_time;    /* when the result was ready */
    double value;       /* reported value (COD for TOC kind) */
    double toc;         /* TOC kind: the TOC value; else 0 */
    double truth;       /* the true concentration drawn (model ground truth) */
    char flag;
    int manual;    /* 1: started by command */
    int type;      /* analyzer_cmd that ran (MEASURE, STD_CHECK, ...) */
    int below_dl;  /* 1: below the detection limit, the limit was reported */
    int published; /* 0: output frozen, not shown in the data block */
} analyzer_meas;

typedef struct analyzer_change {
    double time; /* UTC s, instrument clock */
    int param;   /* analyzer_param */
    double old_v, new_v;
    int source; /* HWDEV_SRC_* */
} analyzer_change;

typedef struct analyzer_status {
    int state;  /* analyzer_state */
    int i12001; /* HJ 212 work state: 0 running, 1 maintenance, 2 fault, 3 calibration,
                   7 measuring, 8 standardisation, 9 standby */
    int phase;  /* ANALYZER_PH_* */
    int manual; /* the running cycle was started by command */
    int alarm;  /* ANALYZER_ALARM_* bits */
    int fault;  /* staged fault code, 0 none */
    double value, toc, value_time; /* published (NaN time: none yet) */
    char flag;
    unsigned count;          /* published measurements */
    unsigned change_counter; /* parameter changes */
    double next_scheduled;   /* next scheduled start (UTC s, world clock) */
} analyzer_status;

enum {
    ANALYZER_ALARM_OVER_RANGE = 1,
    ANALYZER_ALARM_BELOW_DL = 2,
    ANALYZER_ALARM_STD_FAIL = 4,
    ANALYZER_ALARM_NO_SAMPLE = 8,
    ANALYZER_ALARM_CAL_FAIL = 16,
    ANALYZER_ALARM_FAULT = 0x8000
};

enum { ANALYZER_LOG_CAP = 256, ANALYZER_CHANGE_CAP = 128 };

typedef struct analyzer_config {
    analyzer_kind kind;
    double start;        /* UTC s: the clock at creation */
    hwreg_layout layout; /* default base 0x1000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double noise_rel; /* relative measurement noise (sd); default 0: exact */
    double cup_ml;    /* sample cup volume, default 100 */
    double draw_ml;   /* drawn per measurement, default 10 */
    double line_ml_s; /* default sample-line flow into the cup, 1 ml/s */
    double init_s;    /* initialisation time, default 300 */
} analyzer_config;

typedef struct analyzer analyzer;

void analyzer_config_default(analyzer_config *c, analyzer_kind kind);
analyzer *analyzer_new(const analyzer_config *c);
void analyzer_free(analyzer *a);

/* Advances the clock by dt seconds (dt >= 0), running every event inside at its own time. */
void analyzer_step(analyzer *a, double dt);
double analyzer_time(const analyzer *a); /* world clock */

/* What the sample line delivers into the cup from now on: quality and flow (ml/s, 0 stops
 * it). The cup fills, then overflows (perfectly mixed: content -> line quality with time
 * constant cup_ml / flow). */
void analyzer_set_line(analyzer *a, const water *q, double ml_s);
/* Pours ml of q into the cup: mixes by volume, overflow above the cup volume is discarded.
 * q is a whole water: a binding given only some fields (add_to_cup{ml = 40, cod = 0})
 * fills the rest, e.g. from tap water.
 * Returns 0, -1 when ml < 0 or not finite. */
int analyzer_add_to_cup(analyzer *a, double ml, const water *q);
/* Cup content: volume (ml) and quality. */
double analyzer_cup(const analyzer *a, water *q);

/* Runs a command (source HWDEV_SRC_*). Returns 0, or an HWDEV_EX_* code: BUSY when a cycle
 * runs (measure, checks, calibrations), FAILURE in fault, VALUE for an unknown command. */
int analyzer_command(analyzer *a, int cmd, int source);
/* "measure" "standard_check" "blank_check" "zero_check" "span_check" "zero_calibrate"
 * "span_calibrate" "two_point_calibrate" "calibrate" "initialise" "stop" "restart";
 * -1 if unknown. */
int analyzer_cmd_by_name(const char *name);

/* Sets a parameter, logs the change with its source. Returns 0, -1 for a bad value. */
int analyzer_set(analyzer *a, int param, double v, int source);
double analyzer_get(const analyzer *a, int param);
/* "cycle" (or "interval") "digestion_temp" "digestion_time" "range" (or "range_high")
 * "range_low" "slope" "intercept" "standard_label" "span_label" "detection_limit"
 * "dilution" "toc_factor" "toc_offset"; -1 if unknown. */
int analyzer_param_by_name(const char *name);
const char *analyzer_param_name(int param);

/* The true concentration of the standard-solution bottle (default: its label). A
 * calibration makes the bottle read its label: slope' = (label/dilution - b) / raw_bottle. */
void analyzer_set_standard(analyzer *a, double true_conc);
double analyzer_standard(const analyzer *a);

/* Output stuck at v (the data block's value and time stop; cycles still run and are
 * logged with published = 0). analyzer_unfreeze releases. */
void analyzer_freeze(analyzer *a, double v);
void analyzer_unfreeze(analyzer *a);
/* Staged fault: code != 0 aborts the cycle, work state fault; 0 clears it. */
void analyzer_set_fault(analyzer *a, int code);
/* Maintenance mode (panel): no scheduled measurements, HJ 212 state 1. */
void analyzer_set_maintenance(analyzer *a, int on);

void analyzer_get_status(const analyzer *a, analyzer_status *st);
analyzer_kind analyzer_get_kind(const analyzer *a);
/* Seconds of one measuring cycle with the current parameters. */
double analyzer_cycle_seconds(const analyzer *a);

/* Logs: i = 0 is the newest. Return 0, or -1 when i >= count. */
size_t analyzer_log_count(const analyzer *a);
int analyzer_log_get(const analyzer *a, size_t i, analyzer_meas *out);
size_t analyzer_changes_count(const analyzer *a);
int analyzer_change_get(const analyzer *a, size_t i, analyzer_change *out);

/* Modbus view (see docs/registers.md). */
/* Register fields: the ids of analyzer_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    ANALYZER_R_VALUE = 1,
    ANALYZER_R_VALUE_TIME,
    ANALYZER_R_FLAG,
    ANALYZER_R_TRIGGER,
    ANALYZER_R_QUAL,
    ANALYZER_R_TOC,
    ANALYZER_R_COUNT,
    ANALYZER_R_STD_VAL,
    ANALYZER_R_STD_TIME,
    ANALYZER_R_STD_RESULT,
    ANALYZER_R_STD_ERR,
    ANALYZER_R_BLANK_VAL,
    ANALYZER_R_BLANK_TIME,
    ANALYZER_R_ZERO_VAL,
    ANALYZER_R_ZERO_TIME,
    ANALYZER_R_SPAN_VAL,
    ANALYZER_R_SPAN_TIME,
    ANALYZER_R_STATE,
    ANALYZER_R_HJSTATE,
    ANALYZER_R_MODE,
    ANALYZER_R_ALARM,
    ANALYZER_R_FAULT,
    ANALYZER_R_PHASE,
    ANALYZER_R_REMAIN,
    ANALYZER_R_CLOCK,
    ANALYZER_R_CHG_COUNT,
    ANALYZER_R_CHG_PARAM,
    ANALYZER_R_CHG_OLD,
    ANALYZER_R_CHG_NEW,
    ANALYZER_R_CHG_TIME,
    ANALYZER_R_CHG_SRC,
    ANALYZER_R_ABS,
    ANALYZER_R_CAL_TIME,
    ANALYZER_R_CMD,
    ANALYZER_R_CMD_TIME,
    ANALYZER_R_CYC_MANUAL,
    ANALYZER_R_PARAM = 100 /* + analyzer_param */
};

extern const hwdev_ops analyzer_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map analyzer_regmap;
hwdev analyzer_hwdev(analyzer *a);

#endif
