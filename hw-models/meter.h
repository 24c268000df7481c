/*
 * meter.h — current meter on a production or treatment facility (工况).
 *
 * Current follows the facility: on ? nominal × load × (1 + noise) : 0 (noise drawn once per
 * step from the seeded generator, current held over the step). Power = sqrt(3)·V·I·pf;
 * kWh integrates it exactly over each step. Running state as HJ 212 SBn-RS: 0 off
 * (current below threshold_rel × nominal), 1 running, 3 maintenance (knob), 4 alarm
 * (fault, or current above 1.2 × nominal). Registers: docs/registers.md.
 */
#ifndef METER_H
#define METER_H

#include "hwdev.h"
#include "hwreg.h"

enum { METER_OFF = 0, METER_RUNNING = 1, METER_MAINTENANCE = 3, METER_ALARM = 4 };

typedef struct meter_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double nominal_a;     /* default 30 A */
    double voltage;       /* line voltage, default 380 V */
    double pf;            /* default 0.85 */
    double noise_rel;     /* default 0.02 */
    double threshold_rel; /* running above this fraction of nominal; default 0.1 */
} meter_config;

typedef struct meter meter;

void meter_config_default(meter_config *c);
meter *meter_new(const meter_config *c);
void meter_free(meter *m);

void meter_set_on(meter *m, int on);
void meter_set_load(meter *m, double fraction); /* >= 0; 1 nominal */
void meter_set_fault(meter *m, int code);
void meter_set_maintenance(meter *m, int on);
void meter_step(meter *m, double dt);
double meter_time(const meter *m);
double meter_current(const meter *m); /* A, as last stepped */
double meter_power_kw(const meter *m);
double meter_kwh(const meter *m);
double meter_run_seconds(const meter *m); /* time in state running */
int meter_state(const meter *m);          /* SBn-RS */

/* Register fields: the ids of meter_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    METER_R_CURRENT = 1,
    METER_R_KW,
    METER_R_KWH,
    METER_R_RS,
    METER_R_ON,
    METER_R_LOAD,
    METER_R_NOMINAL,
    METER_R_RUN_H,
    METER_R_CLOCK,
    METER_R_FAULT
};

extern const hwdev_ops meter_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map meter_regmap;
hwdev meter_hwdev(meter *m);

#endif
