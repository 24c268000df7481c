/*
 * clock.h — virtual time of the range, and the event queue that jumps through it.
 *
 * Time base: int64 milliseconds since the Unix epoch, UTC. Every time a person reads or
 * writes is China local time: fixed UTC+8, no daylight saving (CLOCK_TZ_MS).
 * Parsers are strict: they refuse garbage, trailing text, impossible dates (2022-02-30),
 * leap seconds and overflow, and return -1 then. Formatters return the length written,
 * or -1 when the buffer is too small (the buffer then holds "").
 *
 * Event queue (clockq_*): a binary heap of events ordered by (time, insertion sequence),
 * so events at the same virtual time come out in the order they were pushed. It grows
 * up to a limit fixed at creation. Dependencies: libc.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define CLOCK_TZ_MS     (8 * 3600 * INT64_C(1000)) /* China local time = UTC + 8 h */
#define CLOCK_SECOND_MS INT64_C(1000)
#define CLOCK_MINUTE_MS INT64_C(60000)
#define CLOCK_HOUR_MS   INT64_C(3600000)
#define CLOCK_DAY_MS    INT64_C(86400000)

/* Broken-down local time (UTC+8). month 1..12, day 1..31, wday 0 = Sunday, yday 0..365. */
typedef struct clock_tm {
    int year, month, day;
    int hour, min, sec, msec;
    int wday, yday;
} clock_tm;

/* UTC ms -> local broken-down time. Valid for any int64 whose year fits in an int. */
void clock_to_local(int64_t t, clock_tm *out);
/* Local broken-down time (year..msec; wday/yday ignored) -> UTC ms. -1 if a field is out
 * of range (incl. day 30 of February) or the result overflows. */
int clock_from_local(const clock_tm *tm, int64_t *out);
/* Milliseconds since local midnight, 0 .. CLOCK_DAY_MS-1. */
int64_t clock_local_ms_of_day(int64_t t);
/* Days in a month of a year (proleptic Gregorian); 0 if month is out of 1..12. */
int clock_days_in_month(int year, int month);

/* "90s" "15m" "2h" "1h30m" "2d" "1d12h": unit groups d h m s, each at most once, in that
 * order, non-negative integers. */
int clock_parse_duration(const char *s, int64_t *out_ms);
/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", local time. */
int clock_parse_datetime(const char *s, int64_t *out);
/* ISO 8601 with an offset: "2022-02-08T10:05:00+08:00", "...Z", optional ".sss". */
int clock_parse_iso(const char *s, int64_t *out);
/* A scenario time: "YYYY-MM-DD HH:MM[:SS]"; "HH:MM[:SS]" = the first such local moment
 * at or after start; "+DURATION" = start + duration. */
int clock_parse_time(const char *s, int64_t start, int64_t *out);

/* "2022-02-08 10:05:00" (local). */
int clock_format(int64_t t, char *buf, size_t n);
/* "2022-02-08T10:05:00+08:00" (local with offset), the file-format contract. */
int clock_format_iso(int64_t t, char *buf, size_t n);
/* HJ 212 DataTime "20220208100500" (local); with_ms appends milliseconds (QN form). */
int clock_format_hj212(int64_t t, int with_ms, char *buf, size_t n);
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
