/*
 * sampler.h — refrigerated automatic water sampler, 24 bottles.
 *
 * Scheduled samples every interval (aligned to local midnight: 1 h = on the hour) go into
 * the bottles in rotation (1, 2, ... 24, 1 ...), skipping retained bottles; a rotation
 * overwrites a bottle holding a scheduled sample. A trigger (over-limit retention or a
 * manual/remote sample) fills the next free bottle and retains it: rotation never
 * overwrites it until sampler_empty(). Each bottle keeps the TRUE quality it was filled
 * with (what the caller set with sampler_set_water), the time and the reason: the lab
 * check of a drill. The fridge follows its set point (or the room when it fails) with a
 * first-order lag. Registers: docs/registers.md.
 */
#ifndef SAMPLER_H
#define SAMPLER_H

#include "hwdev.h"
#include "hwreg.h"
#include "water.h"

enum { SAMPLER_BOTTLES = 24 };
enum { SAMPLER_EMPTY = 0, SAMPLER_FILLED = 1, SAMPLER_RETAINED = 2 };
enum { SAMPLER_SCHEDULED = 1, SAMPLER_OVERLIMIT = 2, SAMPLER_MANUAL = 3 };

typedef struct sampler_bottle {
    int state;   /* SAMPLER_EMPTY / FILLED / RETAINED */
    int reason;  /* SAMPLER_SCHEDULED / OVERLIMIT / MANUAL */
    double time; /* UTC s */
    double ml;
    water q; /* true quality */
} sampler_bottle;

typedef struct sampler_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    double interval_s;   /* default 3600; 0: no scheduled samples */
    double bottle_ml;    /* default 500 */
    double fridge_set;   /* degC, default 4 */
    double room_temp;    /* degC, default 25 */
    double fridge_tau;   /* s, default 1800 */
} sampler_config;

typedef struct sampler sampler;

void sampler_config_default(sampler_config *c);
sampler *sampler_new(const sampler_config *c);
void sampler_free(sampler *s);

void sampler_set_water(sampler *s, const water *w); /* what the sampler draws from now on */
void sampler_step(sampler *s, double dt);
double sampler_time(const sampler *s);
/* Takes and retains a sample now (reason OVERLIMIT or MANUAL). Returns the bottle index
 * (0-based), or -1 when every bottle is retained. */
int sampler_trigger(sampler *s, int reason);
int sampler_bottle_get(const sampler *s, int i, sampler_bottle *out); /* 0 or -1 */
void sampler_empty(sampler *s, int i);                                /* i < 0: all */
int sampler_set_interval(sampler *s, double seconds);                 /* 0 or -1 */
double sampler_fridge_temp(const sampler *s);
void sampler_set_fridge_fault(sampler *s, int on);
unsigned sampler_count(const sampler *s); /* samples taken */

/* Register fields: the ids of sampler_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    SAMPLER_R_STATUS = 1,
    SAMPLER_R_FRIDGE,
    SAMPLER_R_LAST,
    SAMPLER_R_LAST_TIME,
    SAMPLER_R_LAST_REASON,
    SAMPLER_R_FILLED,
    SAMPLER_R_RETAINED,
    SAMPLER_R_COUNT,
    SAMPLER_R_CLOCK,
    SAMPLER_R_INTERVAL,
    SAMPLER_R_TRIGGER,
    SAMPLER_R_BOTTLE = 100
};

extern const hwdev_ops sampler_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map sampler_regmap;
hwdev sampler_hwdev(sampler *s);

#endif
