/*
 * monitor.h — the in-process platform as its duty officer's screen shows it, kept in
 * bounded memory for a live display (the SDL view): the newest packets stored, per station
 * the newest DataTime stored, the highest alert level and its real-time (CN=2011) `Rtd`
 * (or `ZsRtd`, ...) values folded into columns over the run, and the newest alerts by id.
 *
 * Filled from the platform thread (monitor_batch: each committed batch, detect_cfg.on_batch;
 * monitor_alert: each raise of the engine, detect_cfg.on_alert) and read from any other
 * thread: every call takes the monitor's own lock, readers copy out. It sees only what the
 * platform stored and raised, never the simulator's memory.
 * Dependencies: proto's calendar (hjtime.h); detect's batch and alert structs (by pointer).
 */
#ifndef MONITOR_H
#define MONITOR_H

#include <stddef.h>
#include <stdint.h>

enum {
    MONITOR_PACKETS = 16,        /* newest packets kept */
    MONITOR_PACKET_TEXT = 256,   /* bytes of one packet's text kept, NUL included */
    MONITOR_ALERTS = 64,         /* alerts kept by id (the oldest first raised goes) */
    MONITOR_EVIDENCE = 10,       /* evidence lines of an alert (ENGINE_MAX_EVIDENCE) */
    MONITOR_EVIDENCE_TEXT = 320, /* bytes of one evidence line (RULE_TEXT) */
    MONITOR_MAX_SERIES = 16
};

typedef struct monitor monitor;
struct batch;        /* batch.h */
struct engine_alert; /* engine.h */

typedef struct monitor_cfg {
    const char *const *mns; /* the stations, by MN (copied) */
    size_t n;
    const char *const *codes; /* the series: codes whose CN=2011 Rtd values are folded;
                                 "CODE-Field" folds that field instead ("a21026-ZsRtd") */
    size_t ncodes;            /* at most MONITOR_MAX_SERIES; 0: none */
    int bins;                 /* columns over [t0, t1) */
    int64_t t0, t1;
    int zh; /* the alerts' evidence in Chinese (else English) */
} monitor_cfg;

/* A station as the platform saw it. */
typedef struct monitor_station {
    int has_data;      /* the platform stored an upload of it */
    int64_t last_data; /* the newest DataTime stored (ms); -1 when it is no date; 0: none */
    int level;         /* the highest alert level raised for it (0 green 1 yellow 2 red) */
} monitor_station;

/* An alert as last raised; an alert raised again keeps its place and its first time. */
typedef struct monitor_alert {
    char id[32], mn[32], type[40];
    int level;                /* 0 green 1 yellow 2 red */
    int64_t first;            /* when the id was first raised */
    int64_t time, start, end; /* of its last raise */
    char evidence[MONITOR_EVIDENCE][MONITOR_EVIDENCE_TEXT];
    int nevidence;
} monitor_alert;

/* NULL when out of memory. */
monitor *monitor_new(const monitor_cfg *cfg);
void monitor_free(monitor *m); /* NULL no-op */

/* The platform thread's side. */
void monitor_batch(monitor *m, const struct batch *b);
void monitor_alert_raised(monitor *m, const struct engine_alert *a);

/* The newest packets stored (up to max, oldest first) into text, cut to
 * MONITOR_PACKET_TEXT - 1 bytes; *total: how many were stored in all. Returns how many. */
size_t monitor_packets(monitor *m, char (*text)[MONITOR_PACKET_TEXT], size_t max, long *total);
/* Station i (cfg order); all zero when there is no such station. */
monitor_station monitor_station_get(monitor *m, size_t i);
/* Series k (cfg.codes order) of station i into out[0 .. bins - 1]: per column the value of
 * the newest DataTime in it, NAN where none. 0, or -1 (no such station or series). */
int monitor_series(monitor *m, size_t i, size_t k, float *out, int bins);
/* The alerts kept (up to max, in the order first raised) into out. Returns how many. */
size_t monitor_alerts(monitor *m, monitor_alert *out, size_t max);

#endif
