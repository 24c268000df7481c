/*
 * probe.h — continuous pH / temperature / conductivity probe.
 *
 * Each channel follows the water with a first-order lag (y += (x - y)(1 - e^(-dt/tau)),
 * exact for water held constant over a step) and reports y plus Gaussian noise drawn
 * from the probe's seeded generator once per step. A staged fault stops the readings
 * (they hold their last value) and sets the status. Registers: docs/registers.md.
 */
#ifndef PROBE_H
#define PROBE_H

#include "hwdev.h"
#include "hwreg.h"
#include "water.h"

enum { PROBE_PH = 0, PROBE_TEMP = 1, PROBE_COND = 2, PROBE_CH = 3 };

typedef struct probe_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double tau[PROBE_CH];   /* s; default 30, 60, 20 */
    double noise[PROBE_CH]; /* sd; default 0.01 pH, 0.05 degC, 1 uS/cm */
    water initial;          /* the sensor's state at creation; default pH 7, 20 degC, 500 */
} probe_config;

typedef struct probe probe;

void probe_config_default(probe_config *c);
probe *probe_new(const probe_config *c);
void probe_free(probe *p);

/* The water at the probe, held until the next call. */
void probe_set_water(probe *p, const water *w);
void probe_step(probe *p, double dt);
double probe_time(const probe *p);
/* Reported value of a channel (with noise, as last stepped). */
double probe_value(const probe *p, int ch);
/* The lagged sensor value without noise. */
double probe_sensor(const probe *p, int ch);
/* Calibration offset added to the reported channel (a tamper knob; 0 by default). */
void probe_set_offset(probe *p, int ch, double offset);
void probe_set_fault(probe *p, int code);
int probe_fault(const probe *p);

/* Register fields: the ids of probe_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    PROBE_R_PH = 1,
    PROBE_R_TEMP,
    PROBE_R_COND,
    PROBE_R_STATUS,
    PROBE_R_FAULT,
    PROBE_R_TIME,
    PROBE_R_TAU_PH,
    PROBE_R_TAU_TEMP,
    PROBE_R_TAU_COND
};

extern const hwdev_ops probe_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map probe_regmap;
hwdev probe_hwdev(probe *p);

#endif
