/*
 * clock.h — virtual time of the range: scenario times and durations, and the event queue
 * that jumps through it.
 *
 * Time base: int64 milliseconds since the Unix epoch, UTC. The calendar, China time and
 * the date-time strings are proto's (hjtime.h): this adds what scenarios write on top of
 * them. Parsers are strict and return -1 on anything else; formatters return the length
 * written, or -1 when the buffer is too small (the buffer then holds "").
 *
 * Event queue (clockq_*): a binary heap of events ordered by (time, insertion sequence),
 * so events at the same virtual time come out in the order they were pushed. It grows
 * up to a limit fixed at creation. Dependencies: libc, proto/hjtime.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "hjtime.h"

/* "90s" "15m" "2h" "1h30m" "2d" "1d12h": unit groups d h m s, each at most once, in that
 * order, non-negative integers. */
int clock_parse_duration(const char *s, int64_t *out_ms);
/* A scenario time: "YYYY-MM-DD HH:MM[:SS]"; "HH:MM[:SS]" = the first such local moment
 * at or after start; "+DURATION" = start + duration. */
int clock_parse_time(const char *s, int64_t start, int64_t *out);
/* "1d2h3m4s" (largest units first, zero groups left out, "0s" for 0; ms dropped). */
int clock_format_duration(int64_t ms, char *buf, size_t n);

/* ---- event queue ---- */

typedef struct clockq clockq;
typedef void (*clockq_fn)(void *arg, int64_t t);

typedef struct clockq_ev {
    int64_t t;    /* virtual time, UTC ms */
    uint64_t seq; /* insertion sequence, unique, >= 1: the tie order */
    uint64_t id;  /* caller's tag */
    clockq_fn fn; /* may be NULL: the caller dispatches on id */
    void *arg;
} clockq_ev;

/* A queue holding at most max_events (>= 1). NULL on allocation failure or bad limit. */
clockq *clockq_new(size_t max_events);
void clockq_free(clockq *q);
/* Queues an event; returns its sequence number (>= 1), 0 when full or out of memory. */
uint64_t clockq_push(clockq *q, int64_t t, uint64_t id, clockq_fn fn, void *arg);
/* 1 and the earliest event (not removed), 0 when empty. */
int clockq_peek(const clockq *q, clockq_ev *out);
/* 1 and the earliest event, removed; 0 when empty. */
int clockq_pop(clockq *q, clockq_ev *out);
/* Removes the event with that sequence number: 0, or -1 if it is not queued. */
int clockq_cancel(clockq *q, uint64_t seq);
size_t clockq_len(const clockq *q);
/* Pops and calls (fn) every event with t <= until, in order, including events that the
 * callbacks push at times <= until. Events without fn are popped and dropped. Returns
 * the number of events run. */
size_t clockq_run(clockq *q, int64_t until);

#endif
