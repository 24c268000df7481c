/*
 * pmmon.h — in-situ particulate monitor (laser back-scatter) with its K factor.
 *
 * The monitor sees the dust in the stack as it is: mg/m3 of the actual wet flue gas (the DAU
 * converts to standard dry with the flue parameters, gas_std_dry_factor). Its raw signal,
 * in scatter units (1 SU: the light 1 mg/m3 of the reference dust scatters), follows
 *   raw = (1 - soiling) c / Kd (+ noise)
 * with a first-order lag (T90), where Kd is the dust's true factor (config dust_k) and
 * soiling the window's contamination (a knob, 0 clean). The reported concentration is
 *   c' = K raw + B
 * with K and B from the comparison with manual gravimetric sampling (parameters; K starts
 * at the dust's factor, so a clean monitor reports c). A lowered K lowers every value in
 * proportion; a soiled window reads low. Checks (by command, and daily at check_start when
 * check_auto): zero (a light trap: raw 0) then span (a reference scatterer of span_ref SU,
 * dimmed by the soiling) for check_s each; the output holds meanwhile, flag 'C'; the
 * readings and the span error (% of the range: pass within +-2.5) are recorded, nothing is
 * adjusted. Above the range its top is reported with flag 'T'. Registers: docs/registers.md.
 */
#ifndef PMMON_H
#define PMMON_H

#include "hwdev.h"
#include "hwreg.h"

enum {
    PMMON_MEASURING = 0,
    PMMON_ZERO_CHECK = 1,
    PMMON_SPAN_CHECK = 2,
    PMMON_MAINTENANCE = 3,
    PMMON_FAULT = 4
};

enum {
    PMMON_ALARM_OVER_RANGE = 1,
    PMMON_ALARM_SOILED = 2,     /* window contamination above 30 % */
    PMMON_ALARM_CHECK_FAIL = 4, /* last span check beyond +-2.5 % of the range */
    PMMON_ALARM_FAULT = 0x8000
};

enum {
    PMMON_P_K = 0,
    PMMON_P_B,           /* mg/m3 */
    PMMON_P_RANGE,       /* mg/m3 */
    PMMON_P_T90,         /* s */
    PMMON_P_SPAN_REF,    /* SU of the reference scatterer */
    PMMON_P_CHECK_AUTO,  /* 1: daily checks */
    PMMON_P_CHECK_START, /* s after local midnight */
    PMMON_P_COUNT
};

enum {
    PMMON_CMD_ZERO_CHECK = 1,
    PMMON_CMD_SPAN_CHECK = 2,
    PMMON_CMD_CHECK = 3, /* zero then span */
    PMMON_CMD_MAINT_ON = 4,
    PMMON_CMD_MAINT_OFF = 5,
    PMMON_CMD_ABORT = 6
};

typedef struct pmmon_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double dust_k;   /* the dust's true factor, mg/m3 per SU; default 1 */
    double noise_fs; /* noise sd, fraction of the range; default 0 */
    double check_s;  /* s of each check; default 120 */
    double initial;  /* mg/m3 at creation (a monitor that has been running); default 0 */
} pmmon_config;

typedef struct pmmon pmmon;

void pmmon_config_default(pmmon_config *c);
pmmon *pmmon_new(const pmmon_config *c);
void pmmon_free(pmmon *p);

/* The dust at the monitor, mg/m3 at actual conditions, held until the next call. */
void pmmon_set_dust(pmmon *p, double mg_m3);
void pmmon_step(pmmon *p, double dt);
double pmmon_time(const pmmon *p);
double pmmon_value(const pmmon *p); /* reported, mg/m3 (held, frozen, clamped) */
double pmmon_raw(const pmmon *p);   /* SU */
int pmmon_state(const pmmon *p);
char pmmon_flag(const pmmon *p); /* 'N' 'C' 'M' 'D' 'T' */
int pmmon_alarm(const pmmon *p);

int pmmon_set(pmmon *p, int param, double v, int source); /* 0 or -1; counted */
double pmmon_get(const pmmon *p, int param);
/* "k" "b" "range" "t90" "span_ref" "check_auto" "check_start"; -1 if unknown. */
int pmmon_param_by_name(const char *name);
int pmmon_command(pmmon *p, int cmd, int source); /* 0 or HWDEV_EX_* */

/* Knobs. */
void pmmon_set_soiling(pmmon *p, double s); /* 0..1 */
void pmmon_freeze(pmmon *p, double v);
void pmmon_unfreeze(pmmon *p);
void pmmon_hold_cal_flag(pmmon *p, int on); /* flag 'C' kept on while it measures */
void pmmon_set_fault(pmmon *p, int code);   /* output holds, flag 'D' */
void pmmon_set_maintenance(pmmon *p, int on);

/* Register fields: the ids of pmmon_regmap (docs/registers.md). */
enum {
    PMMON_R_VALUE = 1,
    PMMON_R_RAW,
    PMMON_R_MA,
    PMMON_R_FLAG,
    PMMON_R_STATE,
    PMMON_R_ALARM,
    PMMON_R_FAULT,
    PMMON_R_SOILING,
    PMMON_R_CLOCK,
    PMMON_R_CHG_COUNT,
    PMMON_R_ZERO_VAL,
    PMMON_R_ZERO_TIME,
    PMMON_R_SPAN_VAL,
    PMMON_R_SPAN_ERR,
    PMMON_R_SPAN_TIME,
    PMMON_R_CMD,
    PMMON_R_PARAM = 100 /* + PMMON_P_* */
};

extern const hwdev_ops pmmon_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map pmmon_regmap;
hwdev pmmon_hwdev(pmmon *p);

#endif
