/*
 * flowmeter.h — electromagnetic flow meter with totalizer.
 *
 * The caller sets the true flow (m3/h), held constant until the next call. Reported flow =
 * factor × true flow (× (1 + noise) when noise_rel > 0, one draw per step); the totalizer
 * integrates the reported flow over each step exactly (compensated summation). A second,
 * true totalizer integrates the true flow (ground truth for drills). Registers:
 * docs/registers.md.
 */
#ifndef FLOWMETER_H
#define FLOWMETER_H

#include "hwdev.h"
#include "hwreg.h"

enum { FLOWMETER_OK = 0, FLOWMETER_EMPTY = 1, FLOWMETER_FAULT = 2, FLOWMETER_OVER = 3 };

typedef struct flowmeter_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    unsigned long long seed;
    double noise_rel; /* default 0 */
    double range_m3h; /* over it: status FLOWMETER_OVER; default 500 */
    double total0;    /* m3 on the totalizer at creation */
} flowmeter_config;

typedef struct flowmeter flowmeter;

void flowmeter_config_default(flowmeter_config *c);
flowmeter *flowmeter_new(const flowmeter_config *c);
void flowmeter_free(flowmeter *f);

void flowmeter_set_flow(flowmeter *f, double m3h); /* true flow; negative taken as 0 */
void flowmeter_step(flowmeter *f, double dt);
double flowmeter_time(const flowmeter *f);
double flowmeter_flow_m3h(const flowmeter *f); /* reported */
double flowmeter_flow_ls(const flowmeter *f);  /* reported, L/s */
double flowmeter_total(const flowmeter *f);    /* reported totalizer, m3 */
double flowmeter_true_total(const flowmeter *f);
/* Scale factor (tamper knob); returns -1 if not finite or < 0. Counts a parameter change. */
int flowmeter_set_factor(flowmeter *f, double factor, int source);
double flowmeter_factor(const flowmeter *f);
unsigned flowmeter_change_counter(const flowmeter *f);
int flowmeter_last_change_source(const flowmeter *f);
void flowmeter_set_fault(flowmeter *f, int code); /* reading 0, totalizer stops, status 2 */
int flowmeter_status(const flowmeter *f);

/* Register fields: the ids of flowmeter_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    FLOWMETER_R_M3H = 1,
    FLOWMETER_R_LS,
    FLOWMETER_R_TOTAL,
    FLOWMETER_R_TOTAL_INT,
    FLOWMETER_R_TOTAL_FRAC,
    FLOWMETER_R_STATUS,
    FLOWMETER_R_FAULT,
    FLOWMETER_R_TIME,
    FLOWMETER_R_FACTOR,
    FLOWMETER_R_RANGE,
    FLOWMETER_R_CHANGES
};

extern const hwdev_ops flowmeter_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map flowmeter_regmap;
hwdev flowmeter_hwdev(flowmeter *f);

#endif
