/*
 * dau.h — the data acquisition unit (数采仪) of one station: polls the station's devices
 * over Modbus/TCP (libmodbus client), makes HJ 212 records (2011 2051 2061 2031 2021 3020),
 * keeps every unacknowledged record in a bounded on-disk queue per platform link, and sends
 * them over HJ 212/TCP (2017 or 2025) one acknowledged record at a time.
 *
 * Time: every decision runs on the caller's virtual clock (int64 ms UTC): poll and upload
 * times, QN, DataTime, OverTime. Only two waits are in real time: a Modbus response
 * (cfg.modbus_timeout_ms) and how long dau_io waits for an ack before the caller moves
 * the virtual clock on (cfg.ack_wait_ms, the caller's loop). The data a DAU makes depends
 * only on what it polled and on the virtual times it was run at (docs/dau.md).
 *
 * Not thread-safe: one thread (the range's) calls everything of one DAU. Its Modbus calls
 * block until the station's endpoint (served by another thread, or by cfg.serve on this
 * one) answers. A poll is one exchange: every device block requested at once on the one
 * Modbus/TCP connection (mbpipe.h), as a DAU polls the devices behind a gateway.
 * Dependencies: libmodbus, proto/hj212 (+ SM4) and proto/hjtime. Docs: docs/dau.md,
 * docs/hj212-profile.md.
 */
#ifndef DAU_H
#define DAU_H

#include <stddef.h>
#include <stdint.h>

enum {
    DAU_MAX_LINKS = 4,
    DAU_MAX_METERS = 16,
    DAU_CODE_MAX = 16, /* incl. NUL */
    DAU_MAX_FILTERS = 16
};

/* The water codes, in packet order (also the index of dau_sample). */
enum {
    DAU_C_FLOW = 0, /* w00000 L/s */
    DAU_C_PH,       /* w01001 */
    DAU_C_TEMP,     /* w01010 degC */
    DAU_C_COND,     /* w01014 uS/cm */
    DAU_C_COD,      /* w01018 mg/L (unit 1) */
    DAU_C_TN,       /* w21001 (unit 4) */
    DAU_C_NH3N,     /* w21003 (unit 2) */
    DAU_C_TP,       /* w21011 (unit 3) */
    DAU_C_COUNT
};

/* A flue-gas or VOCs station (ST 31, GAS.md): its devices on the units of docs/registers.md
 * "Gas and VOCs stations", the HJ 75 aggregation (docs/dau.md). */
typedef struct dau_gas_cfg {
    int on;        /* 1: a gas or VOCs station; the water fields above are ignored */
    int an[5];     /* gas analyzers fitted on units 1..5: SO2, NOx (NO, NO2), O2, CO, CO2 */
    int pm;        /* particulate monitor, unit 6 (dust at flue conditions) */
    int gcfid;     /* VOCs GC-FID, unit 13 (NMHC, THC, CH4) */
    int damper;    /* bypass damper, unit 12 */
    int o2_insitu; /* O2 measured in the stack: not held by a blowback */
    double o2_ref; /* reference O2 of the converted values (-ZsRtd, -ZsAvg), %; 0: none */
    int n_production; /* the first meters are the production's (the fan): all off = plant
                         stopped, flag F */
} dau_gas_cfg;

typedef struct dau_cfg {
    const char *mn, *pw;     /* required; copied */
    int protocol;            /* 2017 (default) or 2025 */
    int st;                  /* ST of data uploads, default 32 (wastewater) */
    const char *modbus_host; /* default "127.0.0.1" */
    int modbus_port;         /* required */
    int modbus_timeout_ms;   /* response timeout, default 1000 (real time) */
    /* What is fitted (units of station.h): analyzers on units 1..4 (w01018 w21003 w21011
     * w21001), the pH probe (5), the flow meter (6) always, the door (8), the cameras (9,
     * 10), meters on units 11.. (n_meters). toc: unit 1 is a TOC analyzer (also w01020). */
    int analyzer[4];
    int toc, ph, door, camera[2], n_meters;
    int meter_unit0;          /* the first meter's unit id: 0 means 11 (water); gas 21 */
    dau_gas_cfg gas;          /* gas and VOCs stations (ST 31) */
    int64_t poll_ms;          /* poll interval, default 60 s */
    int64_t rtd_ms;           /* RtdInterval (2011), default 60 s; 30 s .. 3600 s */
    int64_t min_ms;           /* MinInterval (2051 and the 2021 states), default 10 min */
    int rtd_on;               /* 2011 sent, default 1 (CN 2011/2012 from the platform switch it) */
    int over_time_s;          /* OverTime, default 10 */
    int recount;              /* ReCount, default 3 */
    int64_t reconnect_ms;     /* after a failed connect or ReCount silent resends: 60 s */
    int64_t heartbeat_ms;     /* 2025 9015 heartbeat when the link was idle this long: 60 s
                                 (0: none) */
    int ack_wait_ms;          /* real ms dau_busy() waits for an ack: default 2000 */
    const char *state_dir;    /* the queue files live here; NULL: memory only */
    size_t queue_max_records; /* per link; default 50000 */
    size_t queue_max_bytes;   /* per link; default 32 MiB */
    int queue_fsync;          /* fsync the queue file on every change (default 0) */
    const char *sm4_key;      /* 2025: 32 hex digits, CP sent encrypted; NULL: plaintext */
    size_t history_hours;     /* hourly records kept for the platform's history commands: 24*31 */
    /* One thread: while the DAU waits for its Modbus replies it also waits on serve_fd and
     * calls serve(serve_ctx) whenever that is readable, so that the caller serves the
     * station's endpoint on the DAU's own thread. serve NULL: another thread serves it. */
    int serve_fd;
    void (*serve)(void *ctx);
    void *serve_ctx;
    /* Every record made, as its first frame (no RF), in the order made. May be NULL. */
    void (*on_record)(void *ctx, int64_t t, int cn, const char *frame, size_t n);
    void *record_ctx;
    /* Every poll: reported values (after the filter knob, NAN when absent) and flags. */
    void (*on_poll)(void *ctx, int64_t t, const double *value, const char *flag, const int *fresh);
    void *poll_ctx;
    /* A gas or VOCs station's every poll, once its minute is flagged (the water side's
     * on_poll is not called for it): n codes (hjcode ids, in packet order) with their
     * reported values (after the filter knob) and flags; a value read this poll (flag not
     * B) is fresh. Called with poll_ctx. May be NULL. */
    void (*on_gas_poll)(void *ctx, int64_t t, int n, const int *code, const double *value,
                        const char *flag);
} dau_cfg;

typedef struct dau dau;

/* Per-record filter knob: returns the value to report instead of v. */
typedef double (*dau_filter_fn)(void *ctx, const char *code, double v);

typedef struct dau_stats {
    uint64_t polls, modbus_errors;
    uint64_t modbus_exchanges; /* pipelined exchanges (mbpipe_read_all calls): one per poll,
                                  plus the lone reads a poll's findings ask for */
    uint64_t records;    /* records made (hj212.log lines) */
    uint64_t sent;       /* frames written, first sends and resends, all links */
    uint64_t resends;    /* resends after OverTime, or of a record sent before a reconnect */
    uint64_t acked;      /* 9014 matched */
    uint64_t refused;    /* 9011 QnRtn 2/3/4 (rejected, PW, MN): kept, retried later */
    uint64_t rejected;   /* 9011 with another QnRtn (the frame refused): dropped */
    uint64_t dropped;    /* records dropped from full queues (oldest first) */
    uint64_t queued;     /* records waiting now, all links */
    uint64_t max_queued; /* high-water mark of one link's queue */
    uint64_t connects, disconnects, commands, heartbeats;
    uint64_t uploads_3020;
    uint64_t power_offs; /* times the DAU was switched off (dau_power) */
} dau_stats;

/* Defaults for every field (mn, pw, modbus_port left empty). */
void dau_cfg_default(dau_cfg *cfg);

/* A DAU that starts at virtual time t0 (first poll at t0). Reopens the queues of its
 * links from cfg.state_dir when links are added. NULL with a message. */
dau *dau_new(const dau_cfg *cfg, int64_t t0, char *err, size_t errlen);
void dau_free(dau *d); /* closes sockets and queue files; NULL is a no-op */

/* Adds a platform link (connected lazily at the next dau_run). Its queue file is
 * STATE_DIR/MN-IDX.q (IDX = 0, 1, ... in order of adding): records left there by an
 * earlier run are backfilled first. Returns the link index, or -1. */
int dau_add_link(dau *d, const char *host, int port, char *err, size_t errlen);

/* The next virtual time at which dau_run has work (poll, upload, resend, reconnect). */
int64_t dau_next_event(const dau *d);
/* Does everything due at t (t never goes back): polls, makes records, queues them,
 * connects, sends/resends. Returns 0, or -1 only on a broken invariant (message in
 * dau_errmsg). Modbus and network failures are handled (flag B, reconnect), not errors. */
int dau_run(dau *d, int64_t t);
/* Reads what the platforms sent (acks, commands), sends the next queued record on each
 * link whose previous one was acknowledged. Never blocks. */
void dau_io(dau *d, int64_t t);
/* Descriptors to wait on for dau_io (readable), at most max; returns how many. */
int dau_fds(const dau *d, int *fds, int max);
/* 1 while a link has a record in flight sent less than cfg.ack_wait_ms (real) ago. */
int dau_busy(const dau *d);

/* ---- scenario knobs (SCENARIO-API.md: st.dau) ---- */

/* Reported value of code = fn(ctx, code, value); fn NULL removes. 0 or -1 (unknown code,
 * too many filters). */
int dau_filter(dau *d, const char *code, dau_filter_fn fn, void *ctx);
/* Forces the data flag of a code (N F M S D C T B); flag 0 releases. 0 or -1. */
int dau_flag(dau *d, const char *code, char flag);
/* Link to every platform down (cable pulled) or back. Records keep being queued. */
void dau_offline(dau *d, int offline);
/* The DAU itself off (on = 0) or on again at virtual time t. While off nothing is polled,
 * recorded or sent, so that time is never backfilled; records queued before stay queued
 * (its storage keeps them). On again it starts as after a power cut: periods from its
 * first poll, a 2081 record (RestartTime), the links reconnect. */
void dau_power(dau *d, int on, int64_t t);

dau_stats dau_stats_get(const dau *d);
const char *dau_errmsg(const dau *d);
const char *dau_mn(const dau *d);
/* The HJ 212 code of a DAU_C_* index ("w01018"); NULL outside. */
const char *dau_code_name(int c);
/* Queue length of a link (records waiting, incl. the one in flight); -1 for a bad index. */
long dau_backlog(const dau *d, int link);

#endif
