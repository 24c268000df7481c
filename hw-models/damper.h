/*
 * damper.h — bypass flue damper with its position transmitter and limit switches.
 *
 * The plant (the caller) commands a target opening, 0 closed (all the flue gas through the
 * monitored stack) to 1 open; the actuator moves toward it at 1/stroke_s per second. The
 * share of the flue gas that leaves by the bypass, unmonitored, is the opening (linear, a
 * simplification: GAS.md's bypass = 0.5 is half the gas). Limit switches: closed at or below
 * 2 %, open at or above 98 %. The transmitter reports the opening; a knob makes it report a
 * fixed value instead (the signal faked closed while the damper stands open), and the limit
 * switches and the counters follow what it reports; a staged fault jams the actuator where
 * it is. Counters: openings (each time the reported opening leaves the closed switch) and
 * hours off the closed switch. Registers (read only): docs/registers.md.
 */
#ifndef DAMPER_H
#define DAMPER_H

#include "hwdev.h"
#include "hwreg.h"

enum { DAMPER_CLOSED = 0, DAMPER_OPEN = 1, DAMPER_MOVING = 2, DAMPER_PART = 3, DAMPER_FAULT = 4 };

typedef struct damper_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    double stroke_s;     /* full stroke, s; default 60 */
    double initial;      /* opening at creation; default 0 */
} damper_config;

typedef struct damper damper;

void damper_config_default(damper_config *c);
damper *damper_new(const damper_config *c);
void damper_free(damper *d);

/* The plant's command: the opening to move to, 0..1 (clamped). */
void damper_set_target(damper *d, double opening);
void damper_step(damper *d, double dt);
double damper_time(const damper *d);
/* The true opening, 0..1: the share of the flue gas that bypasses the monitored stack. */
double damper_bypass_fraction(const damper *d);
/* What the transmitter reports (the faked value when the knob is on), 0..1. */
double damper_reported(const damper *d);
int damper_state(const damper *d); /* as reported */
/* Seconds the damper truly stood off its closed switch (ground truth). */
double damper_true_open_seconds(const damper *d);

/* Knobs: the transmitter reports v (0..1) whatever the damper does; NaN releases it. */
void damper_fake_signal(damper *d, double v);
/* Staged fault: the actuator jams; 0 clears (it moves on to the target). */
void damper_set_fault(damper *d, int code);

/* Register fields: the ids of damper_regmap (docs/registers.md). */
enum {
    DAMPER_R_POSITION = 1,
    DAMPER_R_TARGET,
    DAMPER_R_STATE,
    DAMPER_R_CLOSED_SW,
    DAMPER_R_OPEN_SW,
    DAMPER_R_FAULT,
    DAMPER_R_OPENINGS,
    DAMPER_R_OPEN_H,
    DAMPER_R_LAST_OPEN,
    DAMPER_R_CLOCK
};

extern const hwdev_ops damper_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map damper_regmap;
hwdev damper_hwdev(damper *d);

#endif
