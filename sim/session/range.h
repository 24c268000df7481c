/*
 * range.h — the range engine: N stations (their Modbus/TCP endpoints on one loop), one
 * DAU per station, an optional in-process platform, external platforms, all on one
 * virtual clock: the lower half of a session (session.h), which adds the scenario and the
 * outputs and is what the commands drive. The wire is never skipped: stations ->
 * Modbus/TCP -> DAU -> HJ 212/TCP -> platform(s), in every mode.
 *
 * Threads (range.c, "Threading model of a run"): the caller's thread owns the virtual clock,
 * steps the stations and runs the DAUs; a net thread serves every station endpoint; the
 * in-process platform runs in its own thread (with cfg.one_thread, both on the caller's). Knobs that touch a station from the caller's
 * thread while the range runs go between range_lock() and range_unlock().
 *
 * Output (cfg.out_dir): hj212.log — every record the DAUs made, one frame a line (CR LF),
 * in (virtual time, station index, sequence) order, as first sent (docs/dau.md);
 * series.csv — per poll and code: time,mn,code,true,reported,flag,fresh.
 * Deterministic: same stations, seed, t0 and knob calls = byte-identical files.
 */
#ifndef RANGE_H
#define RANGE_H

#include "dau.h"
#include "engine.h"
#include "platform.h"
#include "station.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct range range;
struct registry_station; /* registry.h */

typedef struct range_cfg {
    const station_cfg *stations; /* n_stations of them, MNs unique */
    size_t n_stations;
    uint64_t seed;
    int64_t t0;                   /* virtual start, UTC ms */
    const char *out_dir;          /* hj212.log, series.csv; NULL: none */
    int modbus_port;              /* first endpoint; next ones +1 ...; 0: ephemeral */
    const char *modbus_addr;      /* default "127.0.0.1" */
    const char *const *platforms; /* "HOST:PORT" (IPv4) external platforms */
    size_t n_platforms;
    int in_process_platform;         /* a platform (detect/platform.h) on 127.0.0.1:ephemeral */
    const char *platform_db;         /* its SQLite file (required with it) */
    const char *platform_stations;   /* its registry; NULL: written by the range as
                                        out_dir/stations.json (range_write_registry: MN, PW,
                                        protocol, key, limits, production meters), or none
                                        without an out_dir: every MN accepted */
    const char *platform_alerts;     /* its alerts file: the built-in detection engine runs and
                                        writes it; NULL: no detection */
    const char *platform_records;    /* the O&M records feed it follows (records.jsonl;
                                        borrowed for the life of the range) */
    const char *platform_thresholds; /* detection thresholds; NULL: the compiled defaults
                                        (the stations' limits and production meters are in
                                        the registry) */
    int platform_sync_full;          /* fsync every commit (default 0: survives a crash of
                                        the process, not of the machine) */
    /* each raise of the in-process platform's detection engine (with platform_alerts),
     * called in the platform thread (detect.h); NULL: none */
    void (*platform_on_alert)(void *ctx, const engine_alert *a);
    void *platform_alert_ctx;
    /* the in-process platform's log sink (platform_cfg.log); NULL: silent */
    void (*platform_log)(void *ctx, platform_event ev, const char *peer, const char *mn,
                         const char *detail);
    void *platform_log_ctx;
    /* each batch the in-process platform committed (detect_cfg.on_batch), called in the
     * platform thread after its engine took it; NULL: none */
    void (*platform_on_batch)(void *ctx, const batch *b);
    void *platform_batch_ctx;
    const char *platform_lang;   /* its engine's "evidence" language; NULL: as engine.h picks */
    const char *state_dir;       /* the DAUs' queue files; NULL: memory only */
    const dau_cfg *dau;          /* DAU settings for every station (mn, pw, protocol,
                                    port, fitted devices are filled in); NULL: defaults */
    const char *const *sm4_keys; /* per station (n_stations), NULL entries: plaintext */
    int one_thread;              /* 1: no net or platform thread: the caller's thread serves
                                    the endpoints while its DAUs wait for their replies, and
                                    runs the in-process platform while they wait for its acks
                                    (no thread hand-off on the wire's path: --fast). Other
                                    Modbus clients are served only while the range runs */
    int stations_only;           /* 1: the stations and their endpoints only (`hjrange station`): no
                                    DAU, no platform, no output, no thread; the caller serves the
                                    endpoints between runs (range_serve) */
} range_cfg;

typedef struct range_stats {
    uint64_t events; /* virtual event times run */
    uint64_t polls, modbus_errors, modbus_exchanges;
    uint64_t records; /* records made = hj212.log lines */
    uint64_t sent, acked, resends, refused, dropped, queued, max_queued, commands;
    int64_t now; /* virtual time */
} range_stats;

/* Builds and starts everything (threads running, endpoints listening); the clock is at
 * cfg.t0 and nothing has been polled yet. NULL with a message. */
range *range_new(const range_cfg *cfg, char *err, size_t errlen);
/* Stops the threads, frees the DAUs, the platform (committing), the stations. NULL no-op. */
void range_free(range *r);

/* The earliest virtual time at which some DAU has work. */
int64_t range_next_event(const range *r);
/* Runs every event up to and including t (then the clock is t). 0, or -1 with a message
 * in range_errmsg. */
int range_run_until(range *r, int64_t t);
/* Paced: like range_run_until, but virtual time advances at most speed x real time. */
int range_run_paced(range *r, int64_t t, double speed);
int64_t range_now(const range *r);

size_t range_count(const range *r);
station *range_station(range *r, size_t i);
dau *range_dau(range *r, size_t i);
int range_modbus_port(const range *r, size_t i);
int range_platform_port(const range *r); /* the in-process platform's port, 0 when none */
/* With cfg.stations_only: serves the endpoints' ready requests on the caller's thread,
 * waiting up to timeout_ms (mbloop_run_once); never during range_run_until. */
int range_serve(range *r, int timeout_ms);
/* Around knob calls made while the net thread may serve the station. */
void range_lock(range *r);
void range_unlock(range *r);

range_stats range_stats_get(const range *r);
const char *range_errmsg(const range *r);

/* Makes folder dir and its missing parents (mkdir -p; mode 0777 less the umask): the
 * output folder of a run (cfg.out_dir, the drill's, the suite's). 0, or -1 with errno (a
 * part that exists and is not a folder; ENAMETOOLONG past 4095 bytes). */
int range_mkdir_p(const char *dir);

/* A station's entry in the platform's registry (detect/registry.h): MN, PW, protocol, the
 * SM4 key (NULL: none), its discharge limits and its production meters (ea1001 ... for the
 * production lines, in order). */
void range_registry_entry(const station_cfg *sc, const char *sm4_key, struct registry_station *out);
/* The registry of n stations (sm4_keys: per station, or NULL), in the file format. 0 or -1. */
int range_write_registry(const station_cfg *st, size_t n, const char *const *sm4_keys, FILE *out);

#endif
