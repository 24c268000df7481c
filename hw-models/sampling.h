/*
 * sampling.h — the extractive sampling and conditioning system of a cold-dry CEMS: the
 * heated probe with its filter and blowback, the heated line, the chiller and the pump, and
 * the PLC that runs them and answers on one unit id.
 *
 * The caller sets the stack gas at the probe (dry-basis concentrations with its moisture
 * h2o, the stack temperature and absolute pressure) and the temperatures around the system;
 * sampling_output hands the analyzers the conditioned sample:
 *   leak     air drawn in at the probe at fraction f (a knob): g1 = (1 - f) g + f air
 *            (gas_mix; O2 rises toward 20.9, everything else falls alike)
 *   probe,   a heated part below the dew point of g1 condenses water, and the condensate
 *   line     dissolves a share of each gas: keep = 1 - k u, u = min(1, (T_dew - T)/10 degC)
 *            (k: SO2 0.9, NO2 0.5, NO 0.03, the non-methane hydrocarbons 0.3, the others 0),
 *            once for the probe and once for the line
 *   chiller  the sample leaves saturated at the chiller temperature; a chiller warmer than
 *            the analyzer cabinet condenses again in the cabinet's tubing (the same loss
 *            against the cabinet temperature, and the moisture alarm)
 *   water    the water left in the sample dilutes it as the analyzers see it (they are
 *            calibrated on dry gas): x' = x (1 - w/100), w = the moisture after the cabinet
 *   filter   the probe filter stops the dust (the sample carries no particulate) and clogs:
 *            c -> 1 - (1 - c) e^(-k dt), k = clog_rate x pm/10 mg/m3 per hour while
 *            sampling; a blowback leaves blowback_residual of it; flow = nominal (1 - c).
 * Temperatures follow their targets with first-order lags: a heater on heats to its set
 * point (never below what surrounds it), off it cools to the stack (probe) or the ambient
 * (line); the chiller on cools to its set point, off it warms to the cabinet. There is no
 * transport delay (the analyzers' T90 stands for the system's response).
 * Blowback: every blowback_interval from local midnight (and on command) the sample valve
 * closes and air blows back through the probe for blowback_s, then recovery_s while the
 * sample refills the system. While it lasts (and in maintenance, or while the hold flag is
 * kept on by a knob) the hold register is 1: the DAU holds and flags those minutes. Without
 * flow (blowback, pump off, fault) the output is the last sample, held.
 * Register map: docs/registers.md.
 */
#ifndef SAMPLING_H
#define SAMPLING_H

#include "gas.h"
#include "hwdev.h"
#include "hwreg.h"

/* State (register 0x000C). */
enum {
    SAMPLING_SAMPLING = 0,
    SAMPLING_BLOWBACK = 1,
    SAMPLING_RECOVERY = 2,
    SAMPLING_MAINTENANCE = 3,
    SAMPLING_STOPPED = 4, /* pump off */
    SAMPLING_FAULT = 5
};

enum {
    SAMPLING_ALARM_PROBE_TEMP = 1,   /* probe more than 20 degC below its set point */
    SAMPLING_ALARM_LINE_TEMP = 2,    /* line more than 10 degC below its set point, or < 120 */
    SAMPLING_ALARM_CHILLER_TEMP = 4, /* chiller above 6 degC or 3 degC above its set point */
    SAMPLING_ALARM_LOW_FLOW = 8,     /* sampling with flow below half the nominal, pump off */
    SAMPLING_ALARM_FILTER = 16,      /* filter clogged above 60 % */
    SAMPLING_ALARM_MOISTURE = 32,    /* condensate after the chiller */
    SAMPLING_ALARM_FAULT = 0x8000
};

/* Outputs (register 0x0010), bits. */
enum {
    SAMPLING_OUT_PROBE_HEAT = 1,
    SAMPLING_OUT_LINE_HEAT = 2,
    SAMPLING_OUT_CHILLER = 4,
    SAMPLING_OUT_PUMP = 8,
    SAMPLING_OUT_BLOWBACK = 16
};

/* Settings (C API units: degC, seconds). */
enum {
    SAMPLING_P_PROBE_SET = 0,
    SAMPLING_P_LINE_SET,
    SAMPLING_P_CHILLER_SET,
    SAMPLING_P_BB_INTERVAL, /* s, 0: no scheduled blowback */
    SAMPLING_P_BB_DURATION, /* s */
    SAMPLING_P_BB_RECOVERY, /* s */
    SAMPLING_P_COUNT
};

/* Commands (register 0x0030). */
enum {
    SAMPLING_CMD_BLOWBACK = 1,
    SAMPLING_CMD_PUMP_ON = 2,
    SAMPLING_CMD_PUMP_OFF = 3,
    SAMPLING_CMD_HEAT_ON = 4, /* probe and line heaters */
    SAMPLING_CMD_HEAT_OFF = 5,
    SAMPLING_CMD_CHILLER_ON = 6,
    SAMPLING_CMD_CHILLER_OFF = 7,
    SAMPLING_CMD_MAINT_ON = 8,
    SAMPLING_CMD_MAINT_OFF = 9
};

typedef struct sampling_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double probe_set, line_set, chiller_set;      /* degC; default 180, 150, 4 */
    double probe_tau, line_tau, chiller_tau;      /* s; default 300, 600, 900 */
    double flow_lpm;                              /* nominal sample flow; default 2 L/min */
    double bb_interval, bb_duration, bb_recovery; /* s; default 14400, 60, 120 */
    double clog_rate;                             /* per hour at 10 mg/m3 of dust; default 0.01 */
    double blowback_residual; /* share of the clogging a blowback leaves; default 0.2 */
    double noise_temp;        /* sd of the temperature readings, degC; default 0.2 */
    double noise_flow;        /* sd of the flow reading, L/min; default 0.01 */
} sampling_config;

typedef struct sampling sampling;

void sampling_config_default(sampling_config *c);
sampling *sampling_new(const sampling_config *c);
void sampling_free(sampling *s);

/* The stack gas at the probe, the stack temperature (degC) and absolute pressure (kPa),
 * held until the next call. Defaults: no gas, 20 degC, 101.325 kPa. */
void sampling_set_stack(sampling *s, const gas *g, double t_c, double p_kpa);
/* Ambient temperature along the line and the analyzer cabinet's (degC; default 20, 25). */
void sampling_set_ambient(sampling *s, double ambient_c, double cabinet_c);
void sampling_step(sampling *s, double dt);
double sampling_time(const sampling *s);

/* The conditioned sample at the analyzers' inlet (into *out) and the flow, L/min; without
 * flow the last sample is held (and 0 is returned). */
double sampling_output(const sampling *s, gas *out);
/* 1 while the analyzers' data are to be held and flagged (blowback, recovery, maintenance,
 * or the hold kept on by a knob). */
int sampling_hold(const sampling *s);
int sampling_state(const sampling *s);
int sampling_alarm(const sampling *s);
/* The true temperatures (no noise), degC. */
double sampling_probe_temp(const sampling *s);
double sampling_line_temp(const sampling *s);
double sampling_chiller_temp(const sampling *s);
double sampling_clog(const sampling *s); /* 0..1 */
unsigned sampling_blowbacks(const sampling *s);

/* Knobs. leak: air drawn in at the probe, share f of the sample (0 none). */
void sampling_leak(sampling *s, double f);
double sampling_leak_fraction(const sampling *s);
/* One blowback now (source HWDEV_SRC_*): 0, or HWDEV_EX_BUSY while one runs, FAILURE in
 * fault. */
int sampling_blowback(sampling *s, int source);
/* The hold flag kept on (blowback status abused) while the system samples normally. */
void sampling_hold_flag(sampling *s, int on);
void sampling_set_probe_heat(sampling *s, int on);
void sampling_set_line_heat(sampling *s, int on);
void sampling_set_chiller(sampling *s, int on);
void sampling_set_pump(sampling *s, int on);
void sampling_set_clog(sampling *s, double c); /* 0 <= c < 1 */
/* Staged fault: the pump stops, state fault; 0 clears. */
void sampling_set_fault(sampling *s, int code);
void sampling_set_maintenance(sampling *s, int on);
/* Settings: 0, or -1 for a bad value (set points -50..300 degC; interval 0 or 600 s..1 day;
 * duration 5..600 s; recovery 0..1800 s). Counted with their source. */
int sampling_set(sampling *s, int param, double v, int source);
double sampling_get(const sampling *s, int param);
/* "probe_c" "line_c" "chiller_c" "blowback_interval" "blowback_s" "recovery_s"; -1. */
int sampling_param_by_name(const char *name);
/* A command as the register takes it: 0 or HWDEV_EX_*. */
int sampling_command(sampling *s, int cmd, int source);

/* Register fields: the ids of sampling_regmap (docs/registers.md). */
enum {
    SAMPLING_R_PROBE_T = 1,
    SAMPLING_R_LINE_T,
    SAMPLING_R_CHILLER_T,
    SAMPLING_R_FLOW,
    SAMPLING_R_FILTER_DP,
    SAMPLING_R_CABINET_T,
    SAMPLING_R_STATE,
    SAMPLING_R_HOLD,
    SAMPLING_R_ALARM,
    SAMPLING_R_FAULT,
    SAMPLING_R_OUTPUTS,
    SAMPLING_R_REMAIN,
    SAMPLING_R_BB_COUNT,
    SAMPLING_R_BB_TIME,
    SAMPLING_R_CLOCK,
    SAMPLING_R_CHG_COUNT,
    SAMPLING_R_CHG_SRC,
    SAMPLING_R_CHG_PARAM,
    SAMPLING_R_CMD,
    SAMPLING_R_PARAM = 100 /* + SAMPLING_P_* */
};

extern const hwdev_ops sampling_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map sampling_regmap;
hwdev sampling_hwdev(sampling *s);

#endif
