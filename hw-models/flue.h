/*
 * flue.h — flue-gas parameter monitor: velocity by an S-type pitot, flue temperature,
 * static pressure, humidity, and the flows it computes from them (HJ 75).
 *
 * The caller sets the stack's true state (flue_state), held until the next call. The pitot
 * sits at one point of the section: it sees v_point = v / Kv_stack (the stack's velocity
 * field coefficient: mean over point) and reads the differential pressure
 *   Pd = rho/2 (v_point / Kp_pitot)^2,  rho = rho_n 273/(273 + t) (Ba + Ps)/101.325
 * (rho_n: the gas's true standard density, the config's). The monitor computes from its readings
 * with its parameters Kv, Kp, A, rho_n: v   = Kv Kp sqrt(2 Pd / rho) m/s Qs  = v A 3600 m3/h,
 * actual Qsn = Qs 273/(273 + t) (Ba + Ps)/101.325 (1 - Xsw)            m3/h, standard dry With its
 * parameters equal to the stack's and the pitot's (the default) v is the mean velocity; a lowered
 * Kv, Kp or A (flow_param_tamper) lowers v or the flows in proportion. Pd, t, Ps and the humidity
 * follow with first-order lags and carry Gaussian noise drawn once per step (Pd relative) from the
 * monitor's seeded generator; a staged fault holds the readings. Registers: docs/registers.md.
 */
#ifndef FLUE_H
#define FLUE_H

#include "hwdev.h"
#include "hwreg.h"

/* The stack at the monitor's section. */
typedef struct flue_state {
    double v;   /* mean velocity over the section, m/s */
    double t;   /* degC */
    double ps;  /* static pressure, gauge, kPa */
    double h2o; /* moisture, % by volume (Xsw x 100) */
    double ba;  /* atmospheric pressure, kPa */
} flue_state;

/* Channels (lags, noise, offsets). */
enum { FLUE_PD = 0, FLUE_T = 1, FLUE_PS = 2, FLUE_H2O = 3, FLUE_CH = 4 };

/* Parameters. */
enum { FLUE_P_KV = 0, FLUE_P_KP, FLUE_P_AREA, FLUE_P_RHO_N, FLUE_P_COUNT };

typedef struct flue_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double kv;           /* the stack's velocity field coefficient, and the parameter; default 1 */
    double kp;           /* the pitot's factor, and the parameter; default 0.84 (S-type) */
    double area_m2;      /* section area; default 7.07 (3 m across) */
    double rho_n;        /* the gas's standard density, and the parameter, kg/m3; default 1.34 */
    double tau[FLUE_CH]; /* s; default 5, 30, 5, 60 */
    double noise[FLUE_CH]; /* sd; default Pd 1 % (relative), 0.2 degC, 0.01 kPa, 0.1 % */
    flue_state initial;    /* default 10 m/s, 50 degC, -0.2 kPa, 10 %, 101.325 kPa */
} flue_config;

typedef struct flue flue;

void flue_config_default(flue_config *c);
flue *flue_new(const flue_config *c);
void flue_free(flue *f);

void flue_set_state(flue *f, const flue_state *s);
void flue_step(flue *f, double dt);
double flue_time(const flue *f);

/* What the monitor reports (as last stepped). */
double flue_velocity(const flue *f); /* m/s */
double flue_temp(const flue *f);     /* degC */
double flue_pressure(const flue *f); /* static, kPa */
double flue_humidity(const flue *f); /* % */
double flue_pd(const flue *f);       /* Pa */
double flue_qs(const flue *f);       /* m3/h actual */
double flue_qsn(const flue *f);      /* m3/h standard dry */
double flue_density(const flue *f);  /* kg/m3 at flue conditions, from its readings */

/* Parameters: 0, or -1 unless 0 < v (Kv, Kp <= 2; A <= 200 m2; rho_n <= 5). Counted with
 * their source. */
int flue_set(flue *f, int param, double v, int source);
double flue_get(const flue *f, int param);
/* "kv" "kp" "area" "rho_n"; -1 if unknown. */
int flue_param_by_name(const char *name);
unsigned flue_change_counter(const flue *f);
/* Knob: an offset added to a reported channel (FLUE_T, FLUE_PS, FLUE_H2O; FLUE_PD in Pa). */
void flue_set_offset(flue *f, int ch, double offset);
/* Staged fault: readings hold, status 2; 0 clears. */
void flue_set_fault(flue *f, int code);

/* Register fields: the ids of flue_regmap (docs/registers.md). */
enum {
    FLUE_R_V = 1,
    FLUE_R_T,
    FLUE_R_PS,
    FLUE_R_H2O,
    FLUE_R_PD,
    FLUE_R_QS,
    FLUE_R_QSN,
    FLUE_R_BA,
    FLUE_R_RHO,
    FLUE_R_STATUS,
    FLUE_R_FAULT,
    FLUE_R_CLOCK,
    FLUE_R_CHG_COUNT,
    FLUE_R_CHG_PARAM,
    FLUE_R_CHG_SRC,
    FLUE_R_PARAM = 100 /* + FLUE_P_* */
};

extern const hwdev_ops flue_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map flue_regmap;
hwdev flue_hwdev(flue *f);

#endif
