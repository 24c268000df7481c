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
 * QN could be read and that reply is itself a valid packet (an MN cut short, say, would
 * make one no DAU can read), else it is dropped and counted. An upload whose DataTime is not a
 * date (YYYYMMDDhhmmss), or lies further ahead of the platform's clock than future_ms, gets
 * 9011 QnRtn=100 and nothing of it is stored.
 *
 * The platform knows nothing of detection: after each commit it hands what it stored to
 * cfg.on_commit (batch.h); detect.h's pipeline connects that to the engine.
 *
 * Durability: the packets read in one platform_poll_once are stored in one transaction;
 * the replies of that iteration are released to the sockets only after the commit. If the
 * commit fails, the iteration's replies are withdrawn and the DAUs will resend. The parts
 * of a split message (Flag D) are stored as they come (store.h, split_parts), so a part is
 * acknowledged only once it is durable; the message is joined and stored when its last
 * part arrives, in that part's transaction. A part that would take its station over a cap
 * (messages in assembly, bytes of one message) is refused at once with 9011 QnRtn=100.
 *
 * Who holds a connection slot: idle and frame time count from a connection's last valid
 * packet (accepted by the codec and, with a registry, authenticated), never from bytes
 * that make none. When the slots (max_conns) or one source address's share (max_per_addr)
 * run out, the oldest connection that has never sent a valid packet is closed to make
 * room; when there is none, the newcomer is refused.
 *
 * Logging: each event kind is logged at most PLATFORM_LOG_BURST times per log interval;
 * the rest are counted and summed up in one PLATFORM_EV_SUPPRESSED line per interval.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include "batch.h"
#include "records.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct platform platform;
struct registry; /* registry.h */

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
    PLATFORM_EV_DATATIME,   /* an upload refused for its DataTime; detail: why */
    PLATFORM_EV_EVICT,      /* a connection that never sent a valid packet closed for room */
    PLATFORM_EV_SUPPRESSED, /* events not logged one by one; detail: "kind count, ..." */
    PLATFORM_EV__COUNT
} platform_event;

#define PLATFORM_NO_LIMIT ((size_t)-1)
#define PLATFORM_LOG_BURST 10 /* lines of one event kind per log interval */

typedef struct platform_cfg {
    const char *db_path;       /* required */
    const char *stations_path; /* registry (registry.h); NULL: every MN is accepted */
    /* The O&M records feed (records.jsonl), followed: read at start (or once it appears)
     * and again whenever it has grown by whole lines, as an O&M system appends to it, or has
     * been replaced by a new file. NULL: none. Bad lines go to records_report (line number,
     * reason) and are skipped. */
    const char *records_path;
    void (*records_report)(void *ctx, unsigned long line, int err, const char *detail);
    void *records_ctx;
    store_sync sync;           /* STORE_SYNC_FULL by default */
    size_t max_conns;          /* 0: 2048 */
    size_t max_per_addr;       /* connections from one source address; 0: 256;
                                  PLATFORM_NO_LIMIT: none */
    size_t max_packet;         /* largest data segment accepted; 0: HJ212_MAX_DEFAULT */
    size_t max_out;            /* unsent output per connection; 0: 64 KiB */
    int idle_timeout_ms;       /* no valid packet for this long: close; 0: 2 h; <0: never */
    int frame_timeout_ms;      /* bytes that make no valid packet for this long: close; 0: 30 s */
    int64_t future_ms;         /* DataTime ahead of the clock by more than this: refused;
                                  0: 1 day; <0: no such check */
    size_t split_msgs;         /* split messages in assembly per station; 0: 8 */
    size_t split_bytes;        /* CP bytes of one split message; 0: one packet's worth */
    size_t split_all;          /* split messages in assembly in all (without a registry
                                  anyone is a station); the oldest goes; 0: 4096 */
    int64_t split_timeout_ms;  /* a split message whose newest part is older: dropped; 0: 1 h */
    int log_interval_ms;       /* 0: 10 s */
    /* The clock (ms since the epoch): received times and timeouts. NULL: wall clock. */
    int64_t (*now_ms)(void *ctx);
    void *clock_ctx;
    /* Log sink; NULL: silent. peer is "addr:port", mn may be NULL. */
    void (*log)(void *ctx, platform_event ev, const char *peer, const char *mn, const char *detail);
    void *log_ctx;
    /* Called after each commit that stored data uploads (new or re-sent) with what it
     * stored, and the work orders and lab results the records feed stored since the call
     * before (batch.h); the batch is borrowed for the call. NULL: the platform keeps no
     * batch. detect.h connects it to the detection engine. */
    void (*on_commit)(void *ctx, const batch *b);
    void *commit_ctx;
    /* Called at the end of every platform_poll_once with the clock's time read at its start
     * (after that iteration's commit): time passed, also with no data (detect.h makes
     * silent stations known with it). NULL: none. */
    void (*on_tick)(void *ctx, int64_t now);
    void *tick_ctx;
} platform_cfg;

typedef struct platform_stats {
    uint64_t accepted, refused_conns, closed, timeouts, out_limit, current_conns;
    uint64_t evicted;    /* connections closed to make room (never sent a valid packet) */
    uint64_t packets;    /* valid frames received */
    uint64_t stored;     /* data packets committed with new readings */
    uint64_t duplicates; /* data packets already stored (acknowledged again) */
    uint64_t readings;   /* new readings committed */
    uint64_t acks;       /* 9014 sent (released after commit) */
    uint64_t replies;    /* all replies released (9011/9013/9014/9015) */
    uint64_t refused;    /* frames the codec refused */
    uint64_t dropped;    /* refused or unauthorised and not answered */
    uint64_t auth_mn, auth_pw;
    uint64_t datatime;   /* uploads refused for their DataTime */
    uint64_t garbage_bytes;
    uint64_t commits, store_errors;
    uint64_t split_parts, split_joined;
    uint64_t split_refused; /* parts refused (caps, bad parts) */
    uint64_t split_dropped; /* messages given up (expired, evicted, over a cap) */
    uint64_t log_suppressed; /* log lines not written (counted in the summaries) */
} platform_stats;

/* Opens the store, loads the registry. NULL on failure with err. */
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
int64_t platform_clock(const platform *p); /* cfg.now_ms now (ms since the epoch) */
const char *platform_errmsg(const platform *p);
/* A short name of an event kind ("refused", "unknown_mn" ...), as the summaries use. */
const char *platform_event_name(platform_event ev);
/* Reads the records feed if it has grown (platform_poll_once does this itself); 1 when
 * something new was read, with the counts of that read in *st (may be NULL). */
int platform_records_follow(platform *p, records_stats *st);
store *platform_store(platform *p);          /* borrowed: e.g. for records_load */
size_t platform_stations(const platform *p); /* registry size; 0 when none loaded */
const struct registry *platform_registry(const platform *p); /* borrowed; NULL: none loaded */

#endif
