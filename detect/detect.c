/*
 * detect.c — the pipeline: platform -> batch -> engine -> alerts (see detect.h).
 */
#include "detect.h"

#include "registry.h"
#include "replay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DETECT_MAX_STATIONS 4096

struct detect {
    platform *plat;
    engine *eng;
    FILE *alerts;
    int catch_up; /* the database held data when opened: replayed at the first commit */
    void (*on_batch)(void *ctx, const batch *b);
    void *batch_ctx;
};

/* The committed batch to the engine. */
static void push_engine(detect *d, const batch *b)
{
    if (d->catch_up) {
        /* the whole database, this batch included: the history first, in commit order */
        d->catch_up = 0;
        replay *r = replay_new(platform_store(d->plat));
        if (r) {
            replay_poll(r, d->eng, d->alerts);
            replay_free(r);
            return;
        }
    }
    engine_push(d->eng, b, d->alerts);
}

/* platform_cfg.on_commit: the engine, then the caller's observer. */
static void on_commit(void *ctx, const batch *b)
{
    detect *d = ctx;
    if (d->eng) push_engine(d, b);
    if (d->on_batch) d->on_batch(d->batch_ctx, b);
}

/* platform_cfg.on_tick: time passed (silent stations). */
static void on_tick(void *ctx, int64_t now)
{
    detect *d = ctx;
    if (d->eng && !d->catch_up) engine_tick(d->eng, now, d->alerts);
}

detect *detect_new(const detect_cfg *cfg, char *err, size_t errlen)
{
    detect *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->on_batch = cfg->on_batch;
    d->batch_ctx = cfg->batch_ctx;
    platform_cfg pc = cfg->platform;
    pc.on_commit = cfg->alerts_path || cfg->on_batch ? on_commit : NULL;
    pc.commit_ctx = d;
    pc.on_tick = cfg->alerts_path ? on_tick : NULL;
    pc.tick_ctx = d;
    d->plat = platform_new(&pc, err, errlen);
    if (!d->plat) goto fail;
    if (!cfg->alerts_path) return d;
    d->alerts = fopen(cfg->alerts_path, "a");
    if (!d->alerts) {
        snprintf(err, errlen, "%s: %s", cfg->alerts_path, strerror(errno));
        goto fail;
    }
    const registry *reg = platform_registry(d->plat);
    engine_cfg ec;
    memset(&ec, 0, sizeof ec);
    ec.thresholds_path = cfg->thresholds_path;
    ec.lang = cfg->lang;
    ec.stations = reg;
    /* a registry bounds the stations; without one anyone is a station */
    ec.max_stations = reg ? 0 : cfg->max_stations ? cfg->max_stations : DETECT_MAX_STATIONS;
    d->eng = engine_new(&ec, err, errlen);
    if (!d->eng) goto fail;
    engine_on_alert(d->eng, cfg->on_alert, cfg->alert_ctx);
    d->catch_up = store_has_data(platform_store(d->plat)) > 0;
    return d;
fail:
    detect_free(d);
    return NULL;
}

void detect_free(detect *d)
{
    if (!d) return;
    /* the time the run ended at: a silence due by then is judged whatever the last poll saw */
    if (d->eng && d->plat && !d->catch_up) engine_tick(d->eng, platform_clock(d->plat), d->alerts);
    platform_free(d->plat);
    engine_free(d->eng);
    if (d->alerts) fclose(d->alerts);
    free(d);
}

platform *detect_platform(detect *d)
{
    return d->plat;
}

engine *detect_engine(detect *d)
{
    return d->eng;
}

void detect_on_alert(detect *d, void (*fn)(void *ctx, const engine_alert *a), void *ctx)
{
    if (d->eng) engine_on_alert(d->eng, fn, ctx);
}
