/*
 * scen.h — the scenario runtime: SCENARIO-API.md on top of the sandbox (sandbox.h), the
 * virtual-time scheduler (vsched.h) and the range engine (range.h).
 *
 * Life of a scenario:
 *   scen_new        a sandbox with the API registered (scenario{}, station{}, records.*,
 *                   truth.*, at/every/after/sleep/now/cancel, rand/rand_normal/log)
 *   scen_load       runs the file's top level: scenario{} fixes start, end and seed;
 *                   station{} appends a station_cfg and returns its `st` object;
 *                   physical acts called at the top level are checked at once and
 *                   queued to happen at the start (before any DAU poll of that instant)
 *   scen_problems   what `hjrange check` reports: errors (what stops a run, or would when
 *                   reached) and warnings (the run goes on, but something the scenario
 *                   asks for does not happen: a time after the end, a refused command)
 *   scen_attach     binds the `st` objects to the range's stations (range_new was given
 *                   scen_stations()); from now on acts reach the stations
 *   scen_run_until  steps the stations to t and runs every coroutine due at or before t
 * `hjrange check` instead: scen_attach_models builds the stations as models only (no
 * endpoint, no DAU, no platform) and scen_check_run runs the whole timeline on them.
 *   scen_finish     closes the open truth events at the end time
 *   scen_write_*    truth.json, records.jsonl (DESIGN.md formats)
 * Errors are strings "file:line: message" (plus a traceback when Lua made them), in
 * scen_errmsg. Threading: everything on the range thread (the caller of range_run_*),
 * which is also the thread on which the DAUs call the scenario's st.dau:filter functions.
 * Dependencies: sandbox, vsched, station, range, dau, clock, rng, cJSON.
 */
#ifndef SCEN_H
#define SCEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "range.h"
#include "sandbox.h"
#include "station.h"

enum {
    SCEN_MAX_STATIONS = 1024,
    SCEN_NAME_MAX = 256,
    SCEN_MAX_EVENTS = 10000, /* truth events */
    SCEN_MAX_RECORDS = 100000
};

typedef struct scen scen;

typedef struct scen_opts {
    const char *lib_dir; /* require() directory (scenarios/lib); NULL: none */
    int seed_override;   /* 1: `seed` replaces scenario{ seed } (--seed) */
    uint64_t seed;
    const sandbox_limits *limits; /* NULL: the sandbox defaults */
    /* Run log (log(), print(), warn()): the virtual time and the text. NULL: stderr. */
    void (*log)(void *ctx, int64_t t_ms, const char *text);
    void *log_ctx;
    /* Sharding (`hjrange run --shard I/N`): 0 < shard_index <= shard_count; 0/0: none.
     * The whole file runs (same rand() draws in every shard); this process holds the
     * stations whose declaration index k (0-based) has k mod shard_count ==
     * shard_index - 1 (scen_station_local). Acts on the other stations are no-ops, their
     * O&M records are not kept, their truth events not written. */
    int shard_index, shard_count;
} scen_opts;

/* NULL with a message on failure. */
scen *scen_new(const scen_opts *opts, char *err, size_t errlen);
/* Frees the scheduler, the sandbox and everything recorded. NULL no-op. */
void scen_free(scen *s);

/* Runs the scenario file's top level. 0, or -1 (scen_errmsg). A scenario without
 * scenario{} or without a station is an error here too. */
int scen_load(scen *s, const char *path);
const char *scen_errmsg(const scen *s);

/* What `hjrange check` reports beyond load errors: "file:line: text" (errors during time
 * with their traceback), in the order found. The same problem found again (an every()
 * task failing each day) is one entry with a count. */
size_t scen_problem_count(const scen *s);
const char *scen_problem(const scen *s, size_t i);
int scen_problem_is_error(const scen *s, size_t i);
/* The virtual time it was first / last found (INT64_MIN: while the file loaded) and how
 * often. */
int64_t scen_problem_time(const scen *s, size_t i, int last);
unsigned scen_problem_repeats(const scen *s, size_t i);
size_t scen_error_count(const scen *s);
size_t scen_warning_count(const scen *s);

/* Declared by scenario{} (after scen_load). */
const char *scen_name(const scen *s);
uint64_t scen_seed(const scen *s);
int64_t scen_start(const scen *s);
int64_t scen_end(const scen *s);
/* The station{} configurations, in declaration order. */
size_t scen_station_count(const scen *s);
const station_cfg *scen_stations(const scen *s);

/* 1 when station i (declaration order) belongs to this process's shard (always 1
 * without sharding); scen_local_count: how many do. */
int scen_station_local(const scen *s, size_t i);
size_t scen_local_count(const scen *s);

/* Binds the scenario to a running range built from scen_stations() (borrowed; outlives
 * the runs); with sharding, from the local ones only, in declaration order
 * (range_count(r) == scen_local_count). 0 or -1. */
int scen_attach(scen *s, range *r);
/* Coroutine firings and wake-ups pending in the scheduler. */
size_t scen_pending(const scen *s);
/* 1 and the next time a coroutine is due; 0 when nothing is pending. */
int scen_next_time(const scen *s, int64_t *t);
/* Steps the stations to t, runs every coroutine due at or before t, then releases the
 * records whose time has come. 0, or -1 (scen_errmsg): a scenario error, or an error a
 * st.dau:filter function raised while the range ran (check scen_failed after
 * range_run_*). */
int scen_run_until(scen *s, int64_t t);
int scen_failed(const scen *s);

/* `hjrange check`: builds every station as a model (station_new: the same seed and start
 * as a run, no endpoint) and binds the scenario to them; no DAU, no platform. 0 or -1
 * (scen_errmsg). */
int scen_attach_models(scen *s);
/* Runs the timeline from the start to the end on the models: every task and act as in a
 * run (the models stepped on virtual time), and each st.dau:filter function once per DAU
 * poll (every minute) with the value the station's device shows. An error in a task or a
 * filter is a problem and the timeline goes on (the failed task or filter is dropped); a
 * kill of the sandbox stops it. Returns the number of errors found. */
size_t scen_check_run(scen *s);

/* Ends the open truth events at t (the end of the run, or where it stopped). */
void scen_finish(scen *s, int64_t t);
size_t scen_event_count(const scen *s);
/* Truth event i (0 .. scen_event_count - 1) as recorded so far; its texts are borrowed
 * until the scenario runs again. 0, or -1 when there is no such event. */
typedef struct scen_event_info {
    int id;
    const char *type, *mn;
    int64_t start, end; /* end 0 while open */
    int open;           /* under way: the scenario has not finished it yet */
} scen_event_info;
int scen_event_at(const scen *s, size_t i, scen_event_info *out);

/* The instructor's live staging: fraud.<type>(st, {at = at}) of the fraud library on
 * station idx (declaration order), run in the sandbox like the scenario's own code, so
 * that its acts and truth events follow at `at`. 0, or -1 with the error in err. */
int scen_stage(scen *s, int idx, const char *fraud, int64_t at, char *err, size_t errlen);

/* records.jsonl: lines are appended as their time comes (scen_run_until); open it with
 * scen_records_open before the run; scen_records_close writes the rest, in time order. */
int scen_records_open(scen *s, const char *path);
int scen_records_close(scen *s);
size_t scen_record_count(const scen *s);
/* truth.json (DESIGN.md). 0 or -1 with errno. */
int scen_write_truth(const scen *s, const char *path);

#endif
