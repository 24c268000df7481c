/*
 * engine.h — the detection engine: per-station rules (rule.h) and fusion (fusion.h) into
 * green/yellow/red alerts with evidence, written to alerts.jsonl as data is committed.
 *
 * Fairness: the engine sees only what the platform receives — HJ 212 records (from the
 * store, or fed directly) and the O&M records feed (work orders, lab results).
 *
 * Feeding: the platform's commit hook (engine_on_commit, platform_cfg.on_commit) reads
 * every packet committed since the last call from the platform's database (its own
 * read-only SQLite connection on cfg.db_path; WAL lets it read what was committed) in
 * commit order, and the work orders / lab results added since. Tests and other drivers
 * may instead call engine_feed / engine_feed_packet / engine_work_order / engine_lab.
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

#include "hj212.h"
#include "platform.h"
#include "rule.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ENGINE_MAX_EVIDENCE 10

typedef struct engine engine;

typedef struct engine_cfg {
    const char *db_path;         /* the platform's database (for engine_on_commit); may be NULL */
    const char *thresholds_path; /* thresholds JSON (detect/thresholds.json format); NULL:
                                    $HJRANGE_THRESHOLDS when set, else the compiled defaults */
    const char *lang;            /* "en" or "zh" for "evidence"; NULL: HJRANGE_LANG/LC_ALL/LANG */
    size_t max_stations;         /* stations kept; beyond, the least recently fed one is
                                    forgotten (its state, not its alerts); 0: no limit */
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
    unsigned long records, stations, hits, raises, work_orders, labs, db_errors, dropped;
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

/* The platform's commit hook: ctx is the engine. Reads what was committed since the last
 * call from cfg.db_path and feeds it; alerts go to `alerts`. */
void engine_on_commit(void *ctx, FILE *alerts, const platform_record *recs, size_t n);
/* The same, driven by hand (e.g. after records_load): returns the raises or -1. */
int engine_poll_db(engine *e, FILE *alerts);

engine_stats engine_stats_get(const engine *e);
const rule_cfg *engine_rule_cfg(const engine *e);
const char *engine_errmsg(const engine *e);

#endif
