/*
 * gasan.h — continuous gas analyzer of an extractive CEMS: SO2, NOx (NO and NO2), O2, CO,
 * CO2, with its calibration cylinders and its daily automatic calibration.
 *
 * A pure state machine on a virtual clock (UTC seconds). One analyzer measures one kind: one
 * component (SO2, O2, CO, CO2) or two (NOx: NO and NO2, each with its own cell, parameters
 * and cylinders; the analyzer also reports NOx as NO2). Per component, at every instant:
 *   x  what reaches the cell: the sample the caller sets (dry basis, as the conditioned
 *     sample or an in-situ O2 probe sees it), mixed with an injected gas at a fraction f
 *     when a knob puts one on the cell; while a check or a calibration flows a cylinder,
 *     the cylinder's true content
 *   y  the cell follows x with a first-order lag, tau = T90 / ln 10 (y covers 90 % of a
 *     step in T90 seconds), exact for x held over a step
 *   r  the raw signal: r = (1 + s) y + z (+ noise), where the zero drift z (the component's
 *     unit) and the span drift s (relative) grow at their rates per day
 *   v  the reading: v = slope r + intercept, reported with the range and the detection
 *     limit as the water analyzers do: above the range its top with flag 'T'; below the
 *     detection limit the limit itself, qualifier bit 0.
 * Cylinders: per component a zero and a span cylinder, each with a label (what the
 * analyzer is told: the zero_label and span_label parameters) and a true content (by
 * default its label; gasan_set_cylinder stages a mislabelled or swapped one). A check flows
 * the cylinder for cal_gas seconds and records the reading at its end and its error in %
 * of the range (HJ 75 drift: pass within +-2.5 %); a zero calibration then sets the
 * intercept so that the zero cylinder reads its label, a span calibration the slope so that
 * the span cylinder does (slope' = (label - intercept) / r). The automatic calibration (and
 * command "calibrate") is zero gas (zero check), span gas (span check) and the two-point
 * calibration from both: slope' = (S_label - Z_label)/(r_span - r_zero), intercept' =
 * Z_label - slope' r_zero. So a span cylinder holding more than its label makes every later
 * reading low by label/true content. Every sequence ends with purge seconds of sample while
 * the cell recovers; the whole sequence is flagged 'C'. A calibration that would set a
 * slope outside 0.5-2 or an intercept beyond 20 % of the range is refused (alarm).
 * Automatic calibrations start at cal_start after local midnight, every cal_interval; a
 * start that finds a sequence running, maintenance or a fault is skipped.
 * Register map: docs/registers.md.
 */
#ifndef GASAN_H
#define GASAN_H

#include <stddef.h>

#include "gas.h"
#include "hwdev.h"
#include "hwreg.h"

typedef enum gasan_kind {
    GASAN_SO2 = 0,
    GASAN_NOX, /* components NO, NO2 */
    GASAN_O2,
    GASAN_CO,
    GASAN_CO2,
    GASAN_KIND_COUNT
} gasan_kind;

enum { GASAN_COMP_MAX = 2 };
enum { GASAN_CYL_ZERO = 0, GASAN_CYL_SPAN = 1 };

/* Commands, numbered as written to the command register (0x0100). */
typedef enum gasan_cmd {
    GASAN_CMD_ZERO_CHECK = 1,
    GASAN_CMD_SPAN_CHECK = 2,
    GASAN_CMD_ZERO_CAL = 3,
    GASAN_CMD_SPAN_CAL = 4,
    GASAN_CMD_CALIBRATE = 5, /* the automatic sequence now: zero, span, two-point */
    GASAN_CMD_ABORT = 6,     /* end any sequence at once, the cell back on sample */
    GASAN_CMD_MAINT_ON = 7,
    GASAN_CMD_MAINT_OFF = 8,
    GASAN_CMD_SET_TIME = 9 /* set the instrument clock (registers only) */
} gasan_cmd;

/* Work state (status register 0x0040). */
typedef enum gasan_state {
    GASAN_MEASURING = 0,
    GASAN_ZERO_CHECK = 1,
    GASAN_SPAN_CHECK = 2,
    GASAN_CALIBRATING = 3,
    GASAN_MAINTENANCE = 4,
    GASAN_FAULT = 5
} gasan_state;

/* Sequence phases: which gas flows to the cell (also the valve register). */
enum { GASAN_PH_NONE = 0, GASAN_PH_ZERO = 1, GASAN_PH_SPAN = 2, GASAN_PH_PURGE = 3 };

/* Parameters. Per component (C API units: the component's unit, seconds), component c's
 * parameter p is GASAN_PC(c, p); then the analyzer's own. */
enum {
    GASAN_P_RANGE = 0,                                  /* range top (the range starts at 0) */
    GASAN_P_SLOPE,                                      /* != 0 */
    GASAN_P_INTERCEPT,                                  /* in the component's unit */
    GASAN_P_ZERO_LABEL,                                 /* the zero cylinder's label */
    GASAN_P_SPAN_LABEL,                                 /* the span cylinder's label */
    GASAN_P_DL,                                         /* detection limit */
    GASAN_P_T90,                                        /* s, response time */
    GASAN_PC_COUNT,                                     /* parameters per component */
    GASAN_P_CAL_AUTO = GASAN_COMP_MAX * GASAN_PC_COUNT, /* 1: daily automatic calibration */
    GASAN_P_CAL_START,                                  /* s after local midnight */
    GASAN_P_CAL_INTERVAL,                               /* s, 3600 to 7 days */
    GASAN_P_CAL_GAS,                                    /* s a cylinder flows in a check */
    GASAN_P_PURGE,                                      /* s of sample after a sequence */
    GASAN_P_COUNT
};
#define GASAN_PC(comp, p) ((comp)*GASAN_PC_COUNT + (p))

enum {
    GASAN_ALARM_OVER_RANGE = 1,
    GASAN_ALARM_BELOW_DL = 2,
    GASAN_ALARM_ZERO_FAIL = 4, /* last zero check beyond +-2.5 % of the range */
    GASAN_ALARM_SPAN_FAIL = 8, /* last span check beyond +-2.5 % of the range */
    GASAN_ALARM_CAL_FAIL = 16, /* a calibration refused */
    GASAN_ALARM_FAULT = 0x8000
};

/* Flags of the reported values, as HJ 75/212 write them. */
enum {
    GASAN_FLAG_N = 'N', /* normal */
    GASAN_FLAG_C = 'C', /* check or calibration (or its flag held on) */
    GASAN_FLAG_M = 'M', /* maintenance */
    GASAN_FLAG_D = 'D', /* fault: the values hold */
    GASAN_FLAG_T = 'T'  /* over range */
};

enum { GASAN_LOG_CAP = 64, GASAN_CHANGE_CAP = 64 };

/* One check (and calibration) record: ground truth for drills. */
typedef struct gasan_check {
    double time;  /* end of the cylinder's flow (UTC s, instrument clock) */
    int comp;     /* component */
    int cyl;      /* GASAN_CYL_ZERO / SPAN */
    int cmd;      /* the sequence: gasan_cmd */
    int manual;   /* 1: started by command */
    double value; /* reading before any adjustment */
    double label, truth;
    double error;            /* (value - label) / range, % */
    int calibrated;          /* 1: slope/intercept set from it */
    double slope, intercept; /* after it */
} gasan_check;

typedef struct gasan_change {
    double time; /* UTC s, instrument clock */
    int param;
    double old_v, new_v;
    int source; /* HWDEV_SRC_* */
} gasan_change;

typedef struct gasan_status {
    int state;  /* gasan_state */
    int i12001; /* HJ 212 work state: 0 running, 1 maintenance, 2 fault, 3 calibration,
                   8 check */
    int phase;  /* GASAN_PH_* */
    int seq;    /* the running sequence (gasan_cmd), 0 none */
    int manual; /* it was started by command */
    int alarm, fault;
    char flag;
    double value[GASAN_COMP_MAX]; /* reported */
    double nox;                   /* NOx kind: NO x 46/30 + NO2; else 0 */
    double cal_time;              /* last calibration (NaN: never), instrument clock */
    double next_cal;              /* next automatic calibration (UTC s, world clock) */
    unsigned change_counter;
} gasan_status;

typedef struct gasan_config {
    gasan_kind kind;
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double noise_fs;                   /* noise sd, fraction of the range; default 0 */
    double zero_drift[GASAN_COMP_MAX]; /* fraction of the range per day; default 0 */
    double span_drift[GASAN_COMP_MAX]; /* relative per day; default 0 */
} gasan_config;

typedef struct gasan gasan;

void gasan_config_default(gasan_config *c, gasan_kind kind);
gasan *gasan_new(const gasan_config *c);
void gasan_free(gasan *a);

/* Advances the clock by dt seconds, running every event inside at its own time. */
void gasan_step(gasan *a, double dt);
double gasan_time(const gasan *a);
gasan_kind gasan_get_kind(const gasan *a);
int gasan_components(const gasan *a);
/* The gas species of component comp (GAS_SO2 ...); -1 when none. */
int gasan_species(const gasan *a, int comp);
/* "so2" "nox" "o2" "co" "co2"; the kind of a name, -1 if unknown. */
const char *gasan_kind_name(int kind);
int gasan_kind_by_name(const char *name);

/* The sample at the analyzer's inlet from now on (each component takes its species). */
void gasan_set_sample(gasan *a, const gas *g);
/* The cells at their inputs now, the values published: an analyzer that has been running
 * on this sample (the cells start at 0 otherwise and follow with their lag). */
void gasan_settle(gasan *a);
/* Knob: gas g on the cell at fraction f of its flow (zero gas on an O2 cell, ambient air
 * into the line after the sampling system); f = 0 or g = NULL removes it. */
void gasan_inject(gasan *a, const gas *g, double f);

/* Runs a command (source HWDEV_SRC_*). 0, or HWDEV_EX_*: BUSY when a sequence runs (checks,
 * calibrations), FAILURE in fault, VALUE for an unknown command. */
int gasan_command(gasan *a, int cmd, int source);
/* "zero_check" "span_check" "zero_calibrate" "span_calibrate" "calibrate" "abort"; -1 if
 * unknown. */
int gasan_cmd_by_name(const char *name);

/* Sets a parameter, logs the change with its source. 0, or -1 for a bad value or a
 * component the kind does not have. */
int gasan_set(gasan *a, int param, double v, int source);
double gasan_get(const gasan *a, int param);
/* "range" "slope" "intercept" "zero_label" "span_label" "detection_limit" "t90" (component
 * 0; "no2_range" ... component 1 of NOx), "cal_auto" "cal_start" "cal_interval" "cal_gas"
 * "purge"; -1 if unknown. */
int gasan_param_by_name(const char *name);
/* The name of a parameter ("range", "no2_slope", "cal_start"); NULL if none. */
const char *gasan_param_name(int param);

/* Knob: what the cylinder really holds (GASAN_CYL_ZERO or SPAN of component comp); its
 * label stays the parameter. Until set, a cylinder holds its label. */
void gasan_set_cylinder(gasan *a, int comp, int cyl, double true_conc);
double gasan_cylinder(const gasan *a, int comp, int cyl);

/* Knob: drift rates from now on (zero: fraction of the range per day; span: relative per
 * day), and the drift accumulated so far (z in the unit, s relative). */
void gasan_set_drift(gasan *a, int comp, double zero_fs_day, double span_day);
void gasan_set_error(gasan *a, int comp, double z, double s);

/* Knob: reported value of comp stuck at v (the cell and checks go on). unfreeze: all. */
void gasan_freeze(gasan *a, int comp, double v);
void gasan_unfreeze(gasan *a);
/* Knob: the status shows a calibration (state, HJ 212 3, flag 'C') while the analyzer
 * measures the sample: a calibration flag kept on. */
void gasan_hold_cal_flag(gasan *a, int on);
/* Staged fault: code != 0 aborts any sequence, holds the values, flag 'D'; 0 clears. */
void gasan_set_fault(gasan *a, int code);
/* Maintenance (panel): flag 'M', no automatic calibration. */
void gasan_set_maintenance(gasan *a, int on);

/* Reported value of a component (frozen, held, clamped as the registers show it). */
double gasan_value(const gasan *a, int comp);
/* The cell's lagged true concentration (no drift, no noise). */
double gasan_cell(const gasan *a, int comp);
void gasan_get_status(const gasan *a, gasan_status *st);

/* Logs: i = 0 is the newest; 0, or -1 when i >= count. */
size_t gasan_check_count(const gasan *a);
int gasan_check_get(const gasan *a, size_t i, gasan_check *out);
size_t gasan_changes_count(const gasan *a);
int gasan_change_get(const gasan *a, size_t i, gasan_change *out);

/* Register fields: the ids of gasan_regmap (docs/registers.md). Check record k (0 zero and
 * 1 span of component 0, 2 and 3 of component 1), field f: GASAN_R_CHECK(k, f). */
enum {
    GASAN_R_VALUE = 1,
    GASAN_R_PPM,
    GASAN_R_RAW,
    GASAN_R_QUAL,
    GASAN_R_FLAG,
    GASAN_R_VALUE2,
    GASAN_R_PPM2,
    GASAN_R_RAW2,
    GASAN_R_QUAL2,
    GASAN_R_NOX,
    GASAN_R_CLOCK,
    GASAN_R_KIND,
    GASAN_R_NCOMP,
    GASAN_R_STATE,
    GASAN_R_HJSTATE,
    GASAN_R_MODE,
    GASAN_R_ALARM,
    GASAN_R_FAULT,
    GASAN_R_PHASE,
    GASAN_R_REMAIN,
    GASAN_R_SEQ,
    GASAN_R_SEQ_MANUAL,
    GASAN_R_CAL_TIME,
    GASAN_R_NEXT_CAL,
    GASAN_R_CHG_COUNT,
    GASAN_R_CHG_PARAM,
    GASAN_R_CHG_OLD,
    GASAN_R_CHG_NEW,
    GASAN_R_CHG_TIME,
    GASAN_R_CHG_SRC,
    GASAN_R_CHK_COUNT,
    GASAN_R_CMD,
    GASAN_R_CMD_TIME,
    GASAN_R_PARAM = 100, /* + parameter */
    GASAN_R_CHK = 200    /* + 4 k + field */
};
enum { GASAN_R_CHK_VALUE = 0, GASAN_R_CHK_ERROR, GASAN_R_CHK_TIME, GASAN_R_CHK_RESULT };
#define GASAN_R_CHECK(k, f) (GASAN_R_CHK + 4 * (k) + (f))

extern const hwdev_ops gasan_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map gasan_regmap;
hwdev gasan_hwdev(gasan *a);

#endif
