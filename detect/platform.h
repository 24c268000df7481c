/*
 * platform.h — the platform's HJ 212 receiver: many DAU connections, one event loop,
 * authentication against the station registry, durable batched storage, replies.
 *
 * The object owns its listening sockets, connections, store and registry. It never
 * blocks except inside platform_poll_once (up to timeout_ms) and never starts threads;
 * a caller drives it: `hjrange detect` in a loop until a signal, `hjrange run` from the
 * range's own loop (platform_fd() is readable when platform_poll_once has work).
 *
 * Reply rules (HJ 212): a data upload (2011 2021 2031 2041 2051 2061 2081 3020, any other
 * 2xxx) with Flag A=1 gets 9014 once it is committed; 9015 (heartbeat) gets 9015; a
 * reply from the DAU (9011..9014) gets nothing; any other command with A=1 gets 9013.
 * Unknown MN -> 9011 QnRtn=4, wrong PW -> 9011 QnRtn=3 (when A=1; dropped otherwise),
 * nothing stored. A packet the codec refuses gets 9011 with the codec's QnRtn when its
 * QN could be read, else it is dropped and counted.
 *
 * Durability: the packets read in one platform_poll_once are stored in one transaction;
 * the replies of that iteration are released to the sockets only after the commit. If the
 * commit fails, the iteration's replies are withdrawn and the DAUs will resend.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include "records.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct platform platform;

typedef enum platform_event {
    PLATFORM_EV_ACCEPT,     /* a connection; detail NULL */
    PLATFORM_EV_CLOSE,      /* a connection ended; detail: why */
    PLATFORM_EV_CONN_LIMIT, /* a connection refused: max_conns reached or no descriptors */
    PLATFORM_EV_TIMEOUT,    /* closed: idle, or a frame left unfinished (slowloris) */
    PLATFORM_EV_OUT_LIMIT,  /* closed: unsent replies over max_out (peer not reading) */
    PLATFORM_EV_GARBAGE,    /* bytes skipped before a frame; detail: how many */
    PLATFORM_EV_REFUSED,    /* the codec refused a packet; detail: reason */
    PLATFORM_EV_UNKNOWN_MN, /* MN not in the registry; nothing stored */
    PLATFORM_EV_BAD_PW,     /* PW does not match the registry; nothing stored */
    PLATFORM_EV_SPLIT,      /* a split packet part refused by the reassembler; detail */
    PLATFORM_EV_STORE,      /* the store failed; detail: SQLite message */
    PLATFORM_EV__COUNT
} platform_event;

/* A packet stored in the commit that just happened (for the detection hook). */
typedef struct platform_record {
    char mn[25];
    char datatime[24];
    int cn;
    int new_readings; /* 0: a re-sent record, nothing new */
} platform_record;

typedef struct platform_cfg {
    const char *db_path;       /* required */
    const char *stations_path; /* registry (registry.h); NULL: every MN is accepted */
    const char *alerts_path;   /* opened for appending (created); NULL: none */
    const char *thresholds_path; /* detection thresholds (detect/thresholds.json format, with
                                    per-station entries); NULL: engine default */
    /* The O&M records feed (records.jsonl), followed: read at start and again whenever it
     * has grown by whole lines, as an O&M system appends to it. NULL: none. Bad lines go to
     * records_report (line number, reason) and are skipped. */
    const char *records_path;
    void (*records_report)(void *ctx, unsigned long line, int err, const char *detail);
    void *records_ctx;
    store_sync sync;           /* STORE_SYNC_FULL by default */
    size_t max_conns;          /* 0: 2048 */
    size_t max_packet;         /* largest data segment accepted; 0: HJ212_MAX_DEFAULT */
    size_t max_out;            /* unsent output per connection; 0: 64 KiB */
    int idle_timeout_ms;       /* no complete frame for this long: close; 0: 2 h; <0: never */
    int frame_timeout_ms;      /* a started frame unfinished this long: close; 0: 30 s */
    /* The clock (ms since the epoch): received times and timeouts. NULL: wall clock. */
    int64_t (*now_ms)(void *ctx);
    void *clock_ctx;
    /* Log sink; NULL: silent. peer is "addr:port", mn may be NULL. */
    void (*log)(void *ctx, platform_event ev, const char *peer, const char *mn, const char *detail);
    void *log_ctx;
    /* Detection hook: called after each commit with the packets it stored; alerts is the
     * alerts file (NULL when none). */
    void (*on_commit)(void *ctx, FILE *alerts, const platform_record *recs, size_t n);
    void *commit_ctx;
} platform_cfg;

typedef struct platform_stats {
    uint64_t accepted, refused_conns, closed, timeouts, out_limit, current_conns;
    uint64_t packets;    /* valid frames received */
    uint64_t stored;     /* data packets committed with new readings */
    uint64_t duplicates; /* data packets already stored (acknowledged again) */
    uint64_t readings;   /* new readings committed */
    uint64_t acks;       /* 9014 sent (released after commit) */
    uint64_t replies;    /* all replies released (9011/9013/9014/9015) */
    uint64_t refused;    /* frames the codec refused */
    uint64_t dropped;    /* refused or unauthorised and not answered */
    uint64_t auth_mn, auth_pw;
    uint64_t garbage_bytes;
    uint64_t commits, store_errors;
    uint64_t split_parts, split_joined;
} platform_stats;

/* Opens the store, loads the registry, opens the alerts file. NULL on failure with err. */
platform *platform_new(const platform_cfg *cfg, char *err, size_t errlen);
void platform_free(platform *p); /* commits, closes every socket and file; NULL no-op */

/* Listens on "ADDR:PORT" ("127.0.0.1:0", "0.0.0.0:9000", "[::1]:9000"). Returns the bound
 * port, or -1 with platform_errmsg(). May be called more than once. */
int platform_listen(platform *p, const char *addr_port);

/* One iteration: wait up to timeout_ms for sockets, read, store, commit, reply, expire.
 * Returns the number of socket events handled (0 on timeout or EINTR), -1 on a fatal
 * error (platform_errmsg()). */
int platform_poll_once(platform *p, int timeout_ms);

/* A descriptor that is readable when platform_poll_once has work (for an outside loop). */
int platform_fd(const platform *p);

platform_stats platform_stats_get(const platform *p);
const char *platform_errmsg(const platform *p);
/* Reads the records feed if it has grown (platform_poll_once does this itself); 1 when
 * something new was read, with the counts of that read in *st (may be NULL). */
int platform_records_follow(platform *p, records_stats *st);
store *platform_store(platform *p);          /* borrowed: e.g. for records_load */
size_t platform_stations(const platform *p); /* registry size; 0 when none loaded */

#endif
