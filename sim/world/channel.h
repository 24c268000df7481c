/*
 * channel.h — the discharge channel at the sampling point: a mass balance of its inflows.
 *
 * Inflows: the plant's outfall (set every step) plus added ones (a hidden tap-water pipe,
 * rain, a custom source), each with a flow and a quality. At the sampling point the
 * quality is the mixture of the inflows (water_mix: flow-weighted means, pH on the
 * [H+]/[OH-] balance). With no flow the channel is stagnant: the last quality stays. The
 * flow meter sits upstream of the added inflows (it sees the plant outfall only) or
 * downstream (it sees everything): a setting.
 *
 * Tap water is hw-models' water_tap (documented in docs/physics.md): municipal supply
 * meeting GB 5749-2022, typical of eastern China; its temperature follows the season here
 * (about 8 degC in late January, 25 degC in late July).
 * No allocation after channel_new. Dependencies: water.h, proto/hjtime, libm.
 */
#ifndef CHANNEL_H
#define CHANNEL_H

#include <stdint.h>

#include "water.h"

#define CHANNEL_MAX_INFLOWS 16

enum channel_source { CHANNEL_TAP, CHANNEL_RAIN, CHANNEL_CUSTOM };
enum channel_meter { CHANNEL_METER_DOWNSTREAM, CHANNEL_METER_UPSTREAM };

typedef struct channel_inflow {
    int source;    /* CHANNEL_TAP (tap quality of the moment), CHANNEL_RAIN, CHANNEL_CUSTOM */
    double m3h;    /* flow, >= 0 */
    int hidden;    /* not visible to the outfall camera (for the view) */
    water quality; /* CHANNEL_CUSTOM only */
} channel_inflow;

typedef struct channel_out {
    double plant_m3h;  /* the plant's outfall */
    double added_m3h;  /* sum of the added inflows */
    double sample_m3h; /* at the sampling point (everything) */
    water sample;      /* at the sampling point */
    double meter_m3h;  /* what passes the flow meter */
    water meter;       /* quality at the flow meter */
    water tap;         /* tap water of the moment */
} channel_out;

typedef struct channel channel;

channel *channel_new(void);
void channel_free(channel *ch);

/* Source names: "tap" "rain" "custom"; -1 if unknown. */
int channel_source_from_name(const char *name);
/* Adds an inflow; returns its handle (>= 1), or -1 when full or invalid. */
int channel_add_inflow(channel *ch, const channel_inflow *in);
/* Stops (removes) an inflow: 0, or -1 for an unknown handle. */
int channel_stop(channel *ch, int handle);
/* Changes an inflow's flow: 0 or -1. */
int channel_set_inflow_m3h(channel *ch, int handle, double m3h);
/* The i-th active inflow (0 .. count-1) and its handle; -1 past the end. */
int channel_inflow_count(const channel *ch);
int channel_inflow_get(const channel *ch, int i, channel_inflow *out, int *handle);

void channel_set_meter(channel *ch, int position); /* CHANNEL_METER_* */
int channel_meter(const channel *ch);

/* Tap and rain quality at time t (tap temperature follows the season). */
void channel_tap_quality(int64_t t, water *out);
void channel_rain_quality(int64_t t, water *out);

/* Mixes at time t with the plant's outfall flow and quality. */
void channel_step(channel *ch, int64_t t, double plant_m3h, const water *plant);
const channel_out *channel_output(const channel *ch);

#endif
