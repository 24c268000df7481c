/*
 * session.h — one run of the range: a scenario (scen.h) and its world, the stations'
 * Modbus/TCP endpoints, one DAU per station, the in-process platform with its detection
 * engine (range.h), and the outputs, behind one small API. `hjrange run` and `hjrange
 * view` drive a session (and `hjrange suite` through one `hjrange run` per scenario);
 * `hjrange station` drives one without a scenario: plain stations and their endpoints.
 *
 * Life:
 *   session_open     loads the scenario (its problems, name, times and stations are known)
 *   session_start    builds and starts the range: stations, endpoints listening, DAUs, the
 *                    platform; opens the outputs; the clock stands at the scenario's start
 *   session_step     one step of virtual time toward a goal (the run's loop: between steps
 *                    the driver shows progress and looks at signals)
 *   session_advance  steps to a time as fast as it goes, within a wall-time budget (the view)
 *   session_finish   ends the run where it stands: truth.json, records.jsonl, report.json
 *   session_close    stops the threads; the platform's last commit; frees everything
 *
 * At one instant the scenario acts before the DAUs poll, in every mode and at every pace;
 * the outputs depend on the scenario, the seed and the knobs only, never on the pace or on
 * how a driver cuts time.
 *
 * Threads: the caller's thread owns the session: the virtual clock, the scenario's Lua
 * sandbox and scheduler, the stations' models and the DAUs (the scenario's st.dau:filter
 * functions run inside the DAUs' polls, on this thread). The range's net thread serves the
 * endpoints and its platform thread runs the platform and its engine (range.h), or with
 * cfg.one_thread (`hjrange run --fast`) the caller's thread does both; what the platform
 * reports (alerts, committed batches) reaches the driver only through the
 * monitor (monitor.h), which has a lock of its own. A driver that reads or changes a
 * station while the session runs does so between session_lock and session_unlock.
 *
 * Outputs (cfg.out_dir): platform.db (fresh each run), stations.json, hj212.log,
 * series.csv (range.h), alerts.jsonl (the engine; created empty without it),
 * records.jsonl (the scenario's O&M records, followed by the platform), truth.json and,
 * with cfg.report, report.json (session_finish).
 * Dependencies: scen, range (world, modbus, dau, detect), score, libdir, proto's calendar.
 */
#ifndef SESSION_H
#define SESSION_H

#include "monitor.h"
#include "station.h"

#include <stddef.h>
#include <stdint.h>

typedef struct session session;

/* What failed when session_open or session_start did not succeed. */
typedef enum session_fail {
    SESSION_FAIL_NONE = 0,
    SESSION_FAIL_SCENARIO, /* the scenario did not load (scen_new, scen_load) */
    SESSION_FAIL_RANGE,    /* the range could not be built (range_new, no local station) */
    SESSION_FAIL_OUTPUT    /* an output could not be made (the folder, records, alerts) */
} session_fail;

typedef struct session_cfg {
    /* the scenario */
    const char *scenario; /* SCENARIO.lua; NULL: `stations` below, without a scenario */
    const char *lib_dir;  /* require() folder; NULL: picked for the file (libdir.h) */
    int seed_set;         /* 1: `seed` replaces scenario{ seed } (--seed) */
    uint64_t seed;
    int shard_index, shard_count; /* --shard I/N (scen_opts); 0/0: every station */
    void (*log)(void *ctx, int64_t t_ms, const char *text); /* its log(); NULL: stderr */
    void *log_ctx;
    /* without a scenario (`hjrange station`): these stations and their endpoints only, on
     * the caller's thread (session_serve); no DAU, no platform, no output */
    const station_cfg *stations;
    size_t n_stations;
    int64_t t0; /* their start (and `seed` theirs) */
    /* the range */
    const char *out_dir;          /* the outputs; NULL: none (without a scenario only) */
    const char *modbus_addr;      /* the endpoints' address; NULL: 127.0.0.1 */
    int modbus_port;              /* the first endpoint's port, +1 ...; 0: ephemeral */
    const char *const *platforms; /* "HOST:PORT" external platforms every DAU sends to */
    size_t n_platforms;
    int detect;       /* 1: the in-process platform with its detection engine */
    const char *lang; /* "zh" or "en": the engine's evidence; NULL: as engine.h picks */
    int report;       /* 1: session_finish writes report.json */
    int one_thread;   /* 1: the wire's other ends (endpoints, platform) served on the
                         caller's thread, no net or platform thread (range_cfg.one_thread):
                         for a driver that only steps the run as fast as it goes */
    /* the platform's screen (session_monitor): cfg.detect with these series */
    int monitor;
    const char *const *series_codes; /* CN=2011 Rtd codes folded into columns */
    size_t n_series;
    int series_bins; /* columns over the scenario's time */
} session_cfg;

/* How session_step moves virtual time. */
typedef struct session_pace {
    double speed;     /* 0: as fast as it goes; N: N x real time (it sleeps) */
    int64_t slice_ms; /* as fast: the most virtual time one step runs; 0: 10 min */
} session_pace;

/* Loads the scenario, or takes the stations (cfg.scenario NULL); makes cfg.out_dir. NULL
 * with a message (and what failed in *why, which may be NULL). */
session *session_open(const session_cfg *cfg, session_fail *why, char *err, size_t errlen);
/* Builds and starts the range and opens the outputs. 0, or -1 with a message and *why. */
int session_start(session *ss, session_fail *why, char *err, size_t errlen);
/* Stops and frees everything (records.jsonl completed if session_finish did not). NULL
 * no-op. */
void session_close(session *ss);

/* Declared by the scenario (cfg.t0 and INT64_MAX without one). */
const char *session_name(const session *ss);
uint64_t session_seed(const session *ss);
int64_t session_t0(const session *ss);
int64_t session_t_end(const session *ss);
int64_t session_now(const session *ss); /* virtual time reached */
/* What the scenario's load found to warn about ("file:line: text"). */
size_t session_problem_count(const session *ss);
const char *session_problem(const session *ss, size_t i);

/* The stations of this process (all without --shard), in declaration order. Their
 * configurations are known after session_open, the stations themselves after
 * session_start (borrowed; between session_lock and session_unlock while it runs). */
size_t session_station_count(const session *ss);
const station_cfg *session_station_cfg(const session *ss, size_t i);
station *session_station(session *ss, size_t i);
int session_modbus_port(const session *ss, size_t i);
int session_platform_port(const session *ss); /* the in-process platform's; 0: none */
void session_lock(session *ss);
void session_unlock(session *ss);

/* One step toward virtual time goal (at most the end): the range up to just before the
 * scenario's next instant or to the goal (as fast: at most pace.slice_ms ahead; paced:
 * at most a quarter of a second of real time ahead, after sleeping until its real time),
 * then that instant's coroutines when they are due. pace NULL: as fast, 10 min. Returns
 * 1 while the goal is not reached, 0 once it is (its DAU events run too), -1 when the run
 * failed (session_errmsg: a DAU error, a scenario error, a st.dau:filter error). */
int session_step(session *ss, int64_t goal, const session_pace *pace);
/* Steps as fast as it goes until virtual time t (at most the end) is reached or the wall
 * time spent passes budget_ms (0: no budget); stops at a scenario instant at t before the
 * DAU events of t. 0, or -1 (session_errmsg). */
int session_advance(session *ss, int64_t t, double budget_ms);
/* Without a scenario: serves the endpoints' ready requests, waiting up to timeout_ms
 * (mbloop_run_once: the number handled, or -1 with errno). */
int session_serve(session *ss, int timeout_ms);
const char *session_errmsg(const session *ss);

/* What the inspectors find on site at station i (the trainee's actions): the source the
 * sample line draws from (SAMPLELINE_*), the hidden inflows of the channel (how many; their
 * flow in m3/h) and the water in the channel (a grab sample). */
int session_inspect_line(session *ss, size_t i);
int session_inspect_channel(session *ss, size_t i, double *hidden_m3h);
water session_grab_sample(session *ss, size_t i);
/* The instructor's live staging: fraud type `fraud` (the catalogue's key) on station i,
 * starting at `at`, through the scenario's fraud library. 0, or -1 with a message. */
int session_stage(session *ss, size_t i, const char *fraud, int64_t at, char *err, size_t errlen);

/* The truth as recorded so far (the instructor's list): event i. 0, or -1 (none). */
typedef struct session_truth {
    char type[40], mn[32];
    int64_t start, end; /* end 0 while open */
    int open;           /* under way: the scenario has not finished it yet */
} session_truth;
size_t session_truth_count(const session *ss);
int session_truth_at(const session *ss, size_t i, session_truth *out);

/* The platform's screen (cfg.monitor): what the in-process platform stored and raised.
 * NULL without one. */
monitor *session_monitor(session *ss);

/* Ends the run where it stands: the open truth events end now, truth.json, the rest of
 * records.jsonl and (cfg.report) report.json with `status` ("ok", "error",
 * "interrupted") and the error of a failed run. 0, or -1 when an output could not be
 * written (session_errmsg). */
int session_finish(session *ss, const char *status);

/* A findings (or alerts) file scored against the truth.json session_finish wrote. */
typedef struct session_score {
    size_t events, detected, type_correct, false_alarms;
    double nab;
} session_score;
int session_score_file(session *ss, const char *path, const char *team, session_score *out,
                       char *err, size_t errlen);

typedef struct session_stats {
    uint64_t records, sent, acked, resends; /* the DAUs' HJ 212 records (range_stats) */
    size_t truth_events, om_records;        /* the scenario's truth events and O&M records */
    double wall_ms; /* wall time from session_start to session_finish (or now) */
} session_stats;
session_stats session_stats_get(const session *ss);

#endif
