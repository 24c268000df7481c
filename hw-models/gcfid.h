/*
 * gcfid.h — VOCs analyzer: gas chromatograph with a flame ionisation detector (GC-FID)
 * measuring THC and CH4 in each cycle; NMHC = THC - CH4, all as carbon (HJ 1013).
 *
 * A pure state machine on a virtual clock (UTC seconds). Cycles run back to back, starting
 * at every multiple of the cycle time from local midnight: the sample loop fills at the
 * cycle's start (SampleTime) from the sample the caller sets (mixed with an injected gas at
 * a fraction f when a knob puts one in); the THC peak (the sample straight to the FID) and
 * the CH4 peak (after the column) are read at its end:
 *   area_x = C_x (1 + noise)              x = THC, CH4 (the FID's response: 1 per mg/m3 C)
 *   X      = slope_x area_x + intercept_x
 *   NMHC   = THC - CH4                    (negative: 0 reported, qualifier bit 0)
 * Above the range the range's top is reported with flag 'T'.
 * The flame burns hydrogen in zero air: when either supply is below its minimum (0.1 MPa),
 * or the flame_out knob blows it out, the running cycle is lost and the analyzer stops:
 * state flame out, flag 'D', the values hold. Once both supplies are back it reignites and
 * stabilises for ignite_s (state igniting, no cycles), then measures again.
 * Cylinders: zero air and a span cylinder of CH4 and propane in air, with labels (THC and
 * CH4 as C; the parameters) and true contents (by default the labels; gcfid_set_cylinder
 * stages another). A check or calibration takes the next cycles from the cylinders instead
 * of the sample (flag 'C'; the sample values hold): zero check one zero-air cycle, span check
 * one span cycle, calibrate both, then intercept_x = Z_label - slope'_x area_zero and
 * slope'_x = (S_label - Z_label)/(area_span - area_zero) (Z_label: 0). The automatic
 * calibration runs "calibrate" daily at cal_start (when cal_auto). A calibration that would
 * set a slope outside 0.5-2 is refused (alarm). Registers: docs/registers.md.
 */
#ifndef GCFID_H
#define GCFID_H

#include <stddef.h>

#include "gas.h"
#include "hwdev.h"
#include "hwreg.h"

/* State (register 0x0030). */
enum {
    GCFID_ANALYSING = 0,
    GCFID_ZERO_CHECK = 1,
    GCFID_SPAN_CHECK = 2,
    GCFID_CALIBRATING = 3,
    GCFID_MAINTENANCE = 4,
    GCFID_FLAME_OUT = 5,
    GCFID_IGNITING = 6,
    GCFID_STANDBY = 7,
    GCFID_FAULT = 8
};

/* Cycle phases. */
enum { GCFID_PH_NONE = 0, GCFID_PH_INJECT = 1, GCFID_PH_SEPARATE = 2, GCFID_PH_BACKFLUSH = 3 };

enum {
    GCFID_ALARM_OVER_RANGE = 1,
    GCFID_ALARM_FLAME_OUT = 2,
    GCFID_ALARM_LOW_H2 = 4,
    GCFID_ALARM_LOW_AIR = 8,
    GCFID_ALARM_SPAN_FAIL = 16, /* last span check beyond +-10 % of its label */
    GCFID_ALARM_CAL_FAIL = 32,
    GCFID_ALARM_FAULT = 0x8000
};

enum {
    GCFID_CMD_ZERO_CHECK = 1,
    GCFID_CMD_SPAN_CHECK = 2,
    GCFID_CMD_CALIBRATE = 3,
    GCFID_CMD_ABORT = 4, /* drop a pending or running check: the next cycle takes sample */
    GCFID_CMD_MAINT_ON = 5,
    GCFID_CMD_MAINT_OFF = 6,
    GCFID_CMD_STOP = 7, /* standby: no cycles */
    GCFID_CMD_START = 8 /* leave standby */
};

enum {
    GCFID_P_CYCLE = 0, /* s, 60..1800 */
    GCFID_P_RANGE,     /* mg/m3 as C */
    GCFID_P_SLOPE_THC,
    GCFID_P_INTERCEPT_THC,
    GCFID_P_SLOPE_CH4,
    GCFID_P_INTERCEPT_CH4,
    GCFID_P_THC_LABEL, /* span cylinder, mg/m3 as C */
    GCFID_P_CH4_LABEL,
    GCFID_P_DL,
    GCFID_P_CAL_AUTO,
    GCFID_P_CAL_START, /* s after local midnight */
    GCFID_P_COUNT
};

enum { GCFID_CYL_ZERO = 0, GCFID_CYL_SPAN = 1 };
enum { GCFID_LOG_CAP = 128 };

/* One cycle's result (the model's log: ground truth for drills). */
typedef struct gcfid_result {
    double sample_time;    /* cycle start, UTC s */
    int source;            /* 0 sample, 1 zero air, 2 span cylinder */
    double thc, ch4, nmhc; /* reported */
    double true_thc, true_ch4;
    char flag;
    int published; /* 0: frozen, or a cylinder cycle */
} gcfid_result;

typedef struct gcfid_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double noise_rel; /* of the peak areas; default 0 */
    double ignite_s;  /* reignition and stabilisation; default 600 */
} gcfid_config;

typedef struct gcfid gcfid;

void gcfid_config_default(gcfid_config *c);
gcfid *gcfid_new(const gcfid_config *c);
void gcfid_free(gcfid *g);

void gcfid_set_sample(gcfid *g, const gas *s);
void gcfid_step(gcfid *g, double dt);
double gcfid_time(const gcfid *g);

/* Supplies at the analyzer, MPa (default 0.3 hydrogen, 0.4 zero air). */
void gcfid_set_supply(gcfid *g, double h2_mpa, double air_mpa);
int gcfid_flame(const gcfid *g); /* 1 lit */

int gcfid_command(gcfid *g, int cmd, int source); /* 0 or HWDEV_EX_* */
/* "zero_check" "span_check" "calibrate" "abort" "stop" "start"; -1 if unknown. */
int gcfid_cmd_by_name(const char *name);
int gcfid_set(gcfid *g, int param, double v, int source); /* 0 or -1; logged */
double gcfid_get(const gcfid *g, int param);
/* "cycle" "range" "thc_slope" "thc_intercept" "ch4_slope" "ch4_intercept" "thc_label"
 * "ch4_label" "detection_limit" "cal_auto" "cal_start"; -1 if unknown. */
int gcfid_param_by_name(const char *name);

/* Knobs. */
/* Gas g into the sample at fraction f (clean air into the NMHC sample); f = 0 removes it. */
void gcfid_inject(gcfid *g, const gas *s, double f);
/* What a cylinder really holds (as C); its labels stay the parameters (zero air: 0). */
void gcfid_set_cylinder(gcfid *g, int cyl, double thc, double ch4);
void gcfid_flame_out(gcfid *g);
void gcfid_freeze(gcfid *g, double nmhc, double thc, double ch4);
void gcfid_unfreeze(gcfid *g);
void gcfid_hold_cal_flag(gcfid *g, int on); /* flag 'C' kept on while it analyses */
void gcfid_set_fault(gcfid *g, int code);
void gcfid_set_maintenance(gcfid *g, int on);

/* Reported values (held, frozen): NMHC, THC, CH4 as C. */
double gcfid_nmhc(const gcfid *g);
double gcfid_thc(const gcfid *g);
double gcfid_ch4(const gcfid *g);
int gcfid_state(const gcfid *g);
char gcfid_flag(const gcfid *g);
int gcfid_alarm(const gcfid *g);
size_t gcfid_log_count(const gcfid *g);
int gcfid_log_get(const gcfid *g, size_t i, gcfid_result *out); /* i = 0 newest; 0 or -1 */

/* Register fields: the ids of gcfid_regmap (docs/registers.md). */
enum {
    GCFID_R_NMHC = 1,
    GCFID_R_THC,
    GCFID_R_CH4,
    GCFID_R_TIME,
    GCFID_R_FLAG,
    GCFID_R_QUAL,
    GCFID_R_COUNT,
    GCFID_R_AREA_THC,
    GCFID_R_AREA_CH4,
    GCFID_R_ZERO_THC,
    GCFID_R_ZERO_CH4,
    GCFID_R_ZERO_TIME,
    GCFID_R_SPAN_THC,
    GCFID_R_SPAN_CH4,
    GCFID_R_SPAN_ERR_THC,
    GCFID_R_SPAN_ERR_CH4,
    GCFID_R_SPAN_TIME,
    GCFID_R_SPAN_RESULT,
    GCFID_R_STATE,
    GCFID_R_HJSTATE,
    GCFID_R_PHASE,
    GCFID_R_REMAIN,
    GCFID_R_ALARM,
    GCFID_R_FAULT,
    GCFID_R_FLAME,
    GCFID_R_H2,
    GCFID_R_AIR,
    GCFID_R_CLOCK,
    GCFID_R_CAL_TIME,
    GCFID_R_CHG_COUNT,
    GCFID_R_CHG_PARAM,
    GCFID_R_CHG_SRC,
    GCFID_R_CMD,
    GCFID_R_PARAM = 100 /* + GCFID_P_* */
};

extern const hwdev_ops gcfid_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map gcfid_regmap;
hwdev gcfid_hwdev(gcfid *g);

#endif
