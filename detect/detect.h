/*
 * detect.h — the platform as a pipeline, one owner per stage:
 *
 *   receiver (platform.h) ─> store (store.h: every SQL statement) ─ commit ─> batch (batch.h)
 *       ─> engine (engine.h: stations, incidents) ─> rules (rule.h) ─> fusion (fusion.h)
 *       ─> alerts.jsonl, and each raise to the caller's callback
 *
 * A detect object owns the platform and, when an alerts file is given, the detection engine
 * and that file; it connects them: every commit that stored data uploads pushes its batch
 * to the engine (platform_cfg.on_commit is the pipeline's), then to the caller's observer
 * (detect_cfg.on_batch) if any. The engine takes each
 * station's limits and production meters from the platform's registry.
 *
 * A platform restarted on a database that already holds data first catches its engine up:
 * at the first commit it replays the whole database (replay.h) instead of the batch, as a
 * fresh engine has to learn the stations' history again.
 *
 * Time passing: every platform_poll_once ticks the engine with the platform's clock, so that
 * a station that stops sending is judged while it is silent (engine_tick); detect_free
 * ticks it once more with the clock's time then.
 *
 * Threading: none of its own. Whoever calls platform_poll_once on detect_platform() runs
 * the whole pipeline, alert callbacks included, in that thread.
 */
#ifndef DETECT_H
#define DETECT_H

#include "engine.h"
#include "platform.h"

#include <stddef.h>

typedef struct detect detect;

typedef struct detect_cfg {
    platform_cfg platform;       /* the receiver: database, registry, records feed, clock, log
                                    (its on_commit is the pipeline's: leave it NULL) */
    const char *alerts_path;     /* alerts.jsonl, created and appended to: the detection engine
                                    runs and writes it; NULL: no detection (the platform stores
                                    and acknowledges only) */
    const char *thresholds_path; /* engine_cfg.thresholds_path */
    const char *lang;            /* engine_cfg.lang: the language of "evidence" */
    size_t max_stations;         /* without a registry anyone is a station: the engine keeps the
                                    state of this many, forgetting the least recently heard; 0: 4096 */
    /* Each raise (besides its line in the alerts file), in the polling thread; the alert is
     * valid during the call. May be NULL; detect_on_alert sets it later. */
    void (*on_alert)(void *ctx, const engine_alert *a);
    void *alert_ctx;
    /* Each committed batch (batch.h) after the engine took it, in the polling thread; the
     * batch is borrowed for the call. For a reader of what the platform stored besides the
     * engine (a live display); with or without an alerts file. NULL: none. */
    void (*on_batch)(void *ctx, const batch *b);
    void *batch_ctx;
} detect_cfg;

/* Opens the platform (store, registry), the alerts file and the engine. NULL on failure
 * with err. */
detect *detect_new(const detect_cfg *cfg, char *err, size_t errlen);
/* Frees the platform (it commits and closes), the engine, the alerts file. NULL no-op. */
void detect_free(detect *d);

platform *detect_platform(detect *d); /* borrowed: listen, poll, fd, stats, store */
engine *detect_engine(detect *d);     /* borrowed; NULL without an alerts file */
void detect_on_alert(detect *d, void (*fn)(void *ctx, const engine_alert *a), void *ctx);

#endif
