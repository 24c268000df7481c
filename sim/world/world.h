/*
 * world.h — the physics of one station's site: plant -> channel -> sample line, on a
 * fixed time grid.
 *
 * The world advances in steps of cfg.step_ms on a grid anchored at t0, whatever times the
 * caller asks for: world_step(w, t) runs every grid step up to t, and the outputs are
 * those of the last grid step <= t. So a run that jumps from event to event (--fast) and a
 * paced run see the same numbers at the same virtual times. Act on knobs at time t
 * only after world_step(w, t). Same (seed, stream) and same calls = same world.
 * Cost: one grid step is one plant step (8 normal deviates, ~20 exp) + a channel mix +
 * a ring write, no allocation (tests/world/test_world.c prints the measured ns/step).
 * Dependencies: plant, channel, sampleline, rng, clock, water.h.
 */
#ifndef WORLD_H
#define WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "plant.h"
#include "sampleline.h"
#include "water.h"

typedef struct world_cfg {
    plant_cfg plant;
    int64_t step_ms;         /* grid step, default 10 s (1 s .. 10 min) */
    int64_t sample_delay_ms; /* sample line transport delay, default 90 s (0 .. 1 h) */
    int meter;               /* CHANNEL_METER_DOWNSTREAM (default) or _UPSTREAM */
} world_cfg;

/* Everything the instruments and the facility meters need, after the last grid step. */
typedef struct world_out {
    int64_t t;           /* time of the last grid step */
    plant_out plant;     /* flows (raw, outfall, bypass), raw and treated quality */
    channel_out channel; /* sampling point and flow meter: flow and quality; tap water */
    water line;          /* what the sample line delivers to the analyzers */
} world_out;

typedef struct world world;

/* Defaults for a profile; -1 for an unknown one. */
int world_cfg_default(world_cfg *cfg, int profile);
/* A world at t0; plant noise from stream rng_stream_id(stream, "plant"). NULL with a
 * message on a bad cfg, NULL without one on allocation failure. */
world *world_new(const world_cfg *cfg, uint64_t seed, uint64_t stream, int64_t t0, char *err,
                 size_t errlen);
void world_free(world *w);

/* Runs the grid steps up to t. Returns the number of grid steps run. */
int64_t world_step(world *w, int64_t t);
const world_out *world_output(const world *w);

/* The parts, for the scenario's knobs (plant_set_*, channel_add_inflow,
 * sampleline_connect, plant_facility_*). Borrowed. */
plant *world_plant(world *w);
channel *world_channel(world *w);
sampleline *world_sampleline(world *w);

#endif
