/*
 * world.c — one station's site on a fixed grid.
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>

#include "hjtime.h"
#include "rng.h"

struct world {
    int64_t step, t;
    plant *p;
    channel *ch;
    sampleline *sl;
    world_out out;
};

int world_cfg_default(world_cfg *cfg, int profile)
{
    if (plant_cfg_default(&cfg->plant, profile) < 0) return -1;
    cfg->step_ms = 10 * HJTIME_SECOND_MS;
    cfg->sample_delay_ms = 90 * HJTIME_SECOND_MS;
    cfg->meter = CHANNEL_METER_DOWNSTREAM;
    return 0;
}

static void collect(world *w)
{
    w->out.t = w->t;
    w->out.plant = *plant_output(w->p);
    w->out.channel = *channel_output(w->ch);
    w->out.line = *sampleline_output(w->sl);
}

world *world_new(const world_cfg *cfg, uint64_t seed, uint64_t stream, int64_t t0, char *err,
                 size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (cfg->step_ms < HJTIME_SECOND_MS || cfg->step_ms > 10 * HJTIME_MINUTE_MS) {
        if (err && errlen) snprintf(err, errlen, "world: step must be 1 s .. 10 min");
        return NULL;
    }
    if (cfg->sample_delay_ms < 0 || cfg->sample_delay_ms > HJTIME_HOUR_MS ||
        cfg->sample_delay_ms / cfg->step_ms + 1 > SAMPLELINE_MAX_BINS) {
        if (err && errlen) snprintf(err, errlen, "world: sample delay must be 0 .. 1 h");
        return NULL;
    }
    world *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->step = cfg->step_ms;
    w->t = t0;
    w->p = plant_new(&cfg->plant, seed, rng_stream_id(stream, "plant"), t0, err, errlen);
    w->ch = channel_new();
    if (!w->p || !w->ch) goto err;
    channel_set_meter(w->ch, cfg->meter);
    const plant_out *po = plant_output(w->p);
    channel_step(w->ch, t0, po->outfall_m3h, &po->effluent);
    w->sl = sampleline_new(cfg->sample_delay_ms, cfg->step_ms, t0, &channel_output(w->ch)->sample);
    if (!w->sl) goto err;
    collect(w);
    return w;
err:
    world_free(w);
    return NULL;
}

void world_free(world *w)
{
    if (!w) return;
    plant_free(w->p);
    channel_free(w->ch);
    sampleline_free(w->sl);
    free(w);
}

int64_t world_step(world *w, int64_t t)
{
    int64_t n = 0;
    while (t - w->t >= w->step) {
        w->t += w->step;
        plant_step(w->p, w->t);
        const plant_out *po = plant_output(w->p);
        channel_step(w->ch, w->t, po->outfall_m3h, &po->effluent);
        const channel_out *co = channel_output(w->ch);
        sampleline_step(w->sl, w->t, &co->sample, &co->tap);
        n++;
    }
    if (n) collect(w);
    return n;
}

const world_out *world_output(const world *w)
{
    return &w->out;
}

plant *world_plant(world *w)
{
    return w->p;
}

channel *world_channel(world *w)
{
    return w->ch;
}

sampleline *world_sampleline(world *w)
{
    return w->sl;
}
