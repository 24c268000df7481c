/*
 * engine.h — the detection engine: per-station rules (rule.h) and fusion (fusion.h) into
 * green/yellow/red alerts with evidence, written to alerts.jsonl as data is committed.
 *
 * Fairness: the engine sees only what the platform receives — HJ 212 records (as the
 * platform stored them, or fed directly) and the O&M records feed (work orders, lab
 * results).
 *
 * Feeding: whoever runs the platform pushes each committed batch (batch.h: the work orders
 * and lab results the records feed stored, the uploads with the readings they stored, in
 * commit order) with engine_push — detect.h's pipeline does. replay.h feeds an engine
 * from a database written elsewhere. Tests and other drivers may call engine_feed /
 * engine_feed_packet / engine_work_order / engine_lab directly. The engine never reads the
 * database itself.
 *
 * Alerts (DESIGN.md): {"id","mn","time","level","type","start","end","rules","evidence"}
 * plus "evidence_en" and "evidence_zh" (both languages; "evidence" is in cfg.lang).
 * `time` is the arrival of the record that raised it (its receive time when that is
 * plausible, else the end of the data's own period): never before the data. An alert is
 * raised again with the same id when its level rises (or its type becomes more specific
 * at the same level). Single-threaded: one caller drives an engine.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "batch.h"
#include "hj212.h"
#include "rule.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ENGINE_MAX_EVIDENCE 10

typedef struct engine engine;
struct registry; /* registry.h */

typedef struct engine_cfg {
    const char *thresholds_path; /* thresholds JSON (detect/thresholds.json format); NULL:
                                    $HJRANGE_THRESHOLDS when set, else the compiled defaults;
                                    "": the compiled defaults, whatever the environment says */
    const char *lang;            /* "en" or "zh" for "evidence"; NULL: HJRANGE_LANG/LC_ALL/LANG */
    size_t max_stations;         /* stations kept; beyond, the least recently fed one is
                                    forgotten (its state, not its alerts); 0: no limit */
    const struct registry *stations; /* borrowed (registry.h): a station's limits and
                                        production meters, over the thresholds file's; NULL:
                                        none. An entry with more production meters than the
                                        rules hold (RULE_MAX_PROD) is not applied */
} engine_cfg;

/* One raise of an alert (valid during the callback). */
typedef struct engine_alert {
    const char *id, *mn, *type, *level; /* level: "green" "yellow" "red" */
    int level_num;                      /* 0 1 2 */
    int64_t time, start, end;           /* ms UTC */
    uint64_t rules;                     /* FUSION_BIT(rule_id) set */
    size_t nevidence;
    const char *const *evidence_en;
    const char *const *evidence_zh;
} engine_alert;

typedef struct engine_stats {
    unsigned long records, stations, hits, raises, work_orders, labs;
    unsigned long evicted; /* stations forgotten for max_stations */
} engine_stats;

engine *engine_new(const engine_cfg *cfg, char *err, size_t errlen);
void engine_free(engine *e); /* NULL is a no-op */

/* Called for every raise (in addition to the line written to the alerts file). */
void engine_on_alert(engine *e, void (*fn)(void *ctx, const engine_alert *a), void *ctx);

/* One record as stored (store.h readings): fields of one packet. datatime "YYYYMMDDhhmmss"
 * (may be "" for none); received_ms: the platform's receive time (<0: unknown). Alerts go
 * to out (may be NULL). Returns the number of raises, or -1 on bad input. */
int engine_feed(engine *e, const char *mn, int cn, const char *datatime, int64_t received_ms,
                const rule_field *f, size_t n, FILE *out);
/* The same from a parsed packet. */
int engine_feed_packet(engine *e, const hj212_packet *pkt, int64_t received_ms, FILE *out);
/* The records feed (times ISO 8601 as in records.jsonl). 0, or -1 for a bad time. */
int engine_work_order(engine *e, const char *mn, const char *task, const char *start,
                      const char *end, const char *who, const char *filed /* NULL: start */);
int engine_lab(engine *e, const char *mn, const char *param, const char *time, double value,
               FILE *out);

/* Time passed: now (ms, the platform's clock). A station that has sent nothing for the
 * silence time (rule.h: rule_station_silent_at) is judged at the moment it became silent,
 * and its alert carries that time (never later than now). Feeding does the same up to each
 * record's arrival first, so that what a run raises does not depend on when the caller
 * ticks: ticking only makes the silence known while it lasts. Returns the raises. */
int engine_tick(engine *e, int64_t now, FILE *alerts);

/* One committed batch: its work orders, then its uploads, then its lab results (batch.h).
 * Alerts go to `alerts` (may be NULL). Returns the number of raises. */
int engine_push(engine *e, const batch *b, FILE *alerts);

engine_stats engine_stats_get(const engine *e);
const rule_cfg *engine_rule_cfg(const engine *e);
const char *engine_errmsg(const engine *e);

#endif
