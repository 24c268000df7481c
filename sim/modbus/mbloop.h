/*
 * mbloop.h — the one event loop of the Modbus/TCP side (Linux epoll).
 *
 * Threading model of the network side. One thread owns one mbloop and every mbserver
 * created on it (a city: 476 stations, one endpoint each, one loop): their listening and
 * client sockets, buffers, counters and the device models they call. Nothing in mbloop or
 * mbserver locks or starts threads; device reads/writes and the write callback run on the
 * loop's thread, inside mbloop_run_once. The owner drives the loop in one of two ways:
 *   - step it: mbloop_run_once(loop, timeout_ms) waits at most timeout_ms for socket
 *     events, handles them, runs the idle sweeps, returns; the range calls it from its
 *     virtual-clock main loop (timeout 0 when it has other work due);
 *   - fold it into its own poll()/epoll: mbloop_fd() is readable whenever some socket of
 *     the loop has an event; then call mbloop_run_once(loop, 0). Call it now and then
 *     without an event too (e.g. on the owner's poll timeout): idle sweeps run there.
 * Several loops may live in several threads as long as no object is shared between them.
 * Descriptors: 3 per loop (epoll, the reply socketpair), 1 per endpoint, 1 per client; a
 * city (476 endpoints, their DAUs' connections in the same process) needs RLIMIT_NOFILE
 * above the usual soft limit of 1024.
 *
 * Time: idle and frame timeouts run on the loop's clock, by default CLOCK_MONOTONIC in
 * milliseconds (wall time, network side only: the virtual clock jumps in --fast mode and
 * would drop healthy connections). mbloop_set_clock replaces it (tests).
 */
#ifndef MBLOOP_H
#define MBLOOP_H

#include <stddef.h>
#include <stdint.h>

typedef struct mbloop mbloop;
typedef struct mbreply mbreply;

enum { MBLOOP_IN = 1, MBLOOP_OUT = 2, MBLOOP_ERR = 4 };

/* An fd watched by the loop. Embedded in its owner; stays put while registered. */
typedef struct mbloop_watch {
    int fd;
    unsigned events; /* MBLOOP_IN | MBLOOP_OUT currently asked for */
    void (*fn)(void *ctx, unsigned revents);
    void *ctx;
} mbloop_watch;

/* A hook run after each batch of events; returns the ms until it wants to run again,
 * or -1 when it has no deadline. Used for idle sweeps. */
typedef struct mbloop_tick {
    int64_t (*fn)(void *ctx, int64_t now_ms);
    void *ctx;
    struct mbloop_tick *prev, *next;
} mbloop_tick;

typedef int64_t (*mbloop_clock_fn)(void *ctx);

mbloop *mbloop_new(char *err, size_t errlen);
/* Frees the loop; every server on it must have been freed first. */
void mbloop_free(mbloop *loop);

/* The epoll fd: readable when mbloop_run_once(loop, 0) has work. */
int mbloop_fd(const mbloop *loop);

/* Waits up to timeout_ms (-1: until an event or the next tick deadline, 0: no wait) and
 * handles what is ready. Returns the number of fd events handled, or -1 (error in errno;
 * EINTR is returned as 0). */
int mbloop_run_once(mbloop *loop, int timeout_ms);

void mbloop_set_clock(mbloop *loop, mbloop_clock_fn fn, void *ctx);
int64_t mbloop_now(const mbloop *loop);

/* For the servers of this loop. */
int mbloop_add(mbloop *loop, mbloop_watch *w); /* 0 or -1 (errno) */
int mbloop_modify(mbloop *loop, mbloop_watch *w, unsigned events);
/* Stops watching w; its events still pending in the current batch are dropped, so its
 * owner may free it at once, even from another watch's handler. */
void mbloop_del(mbloop *loop, mbloop_watch *w);
void mbloop_tick_add(mbloop *loop, mbloop_tick *t);
/* Asks for the ticks to run at at_ms (loop clock) or earlier: for a deadline set between
 * two runs of the ticks, shorter than the ones they returned. */
void mbloop_tick_due(mbloop *loop, int64_t at_ms);
void mbloop_tick_del(mbloop *loop, mbloop_tick *t);
/* The reply formatter shared by the servers of this loop (owned by the loop). */
mbreply *mbloop_reply(mbloop *loop);

#endif
