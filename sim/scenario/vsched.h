/*
 * vsched.h — the scenario's coroutine scheduler on virtual time.
 *
 * sched_new registers into the sandbox's globals: at(TIME, fn), every(DUR, fn,
 * {from=TIME, to=TIME}), after(DUR, fn), sleep(DUR), now(), cancel(id). Each at/every/
 * after firing runs fn as a new coroutine; sleep() suspends it until the virtual time has
 * advanced by DUR. Pending wake-ups sit in a heap ordered by (virtual time, insertion
 * sequence): coroutines due at the same time run in the order they were scheduled, so a
 * run is deterministic. The owner drives time: sched_next_time gives the next due time
 * (fast mode jumps there), sched_run_until runs everything due.
 *
 * Time base: int64 ms since the Unix epoch, UTC; people read and write China local time,
 * fixed UTC+8 (as clock.h). Durations "90s" "15m" "2h" "1h30m" "2d" (groups d h m s, each
 * at most once, in that order). Times "HH:MM[:SS]" (the first such moment at or after the
 * start), "YYYY-MM-DD HH:MM[:SS]" (local), "+DURATION" (start + DURATION). Parsers are
 * strict: garbage, impossible dates and overflow are refused.
 *
 * A coroutine's error (or a kill of the sandbox) stops sched_run_until with -1 and a
 * message "[virtual time] file:line: ...\nstack traceback:...". Every error names the
 * script's file:line. Each firing and wake-up is a call into the sandbox, charged to its
 * instruction budget. Free the scheduler before its sandbox.
 * Dependencies: sandbox, Lua 5.4, libc.
 */
#ifndef VSCHED_H
#define VSCHED_H

#include <stddef.h>
#include <stdint.h>

#include "sandbox.h"

#define SCHED_MAX_PER_INSTANT 100000 /* coroutine steps at one virtual time: runaway guard */
#define SCHED_MAX_TASKS       10000  /* default cap on pending events (see sched_new) */

typedef struct sched sched;

/* A scheduler whose virtual time starts at start_ms, holding at most max_events pending
 * events (0 = SCHED_MAX_TASKS): at/after firings to come, every() tasks, sleeping
 * coroutines. Past it at/after/every/sleep raise "file:line: too many scheduled tasks
 * (limit N)". Registers the globals above into sb (borrowed). NULL if sb is dead, a
 * binding cannot be registered, or on allocation failure. */
sched *sched_new(sandbox *sb, int64_t start_ms, size_t max_events);
void sched_free(sched *s);

/* Moves the scenario start (scenario{} declares it); also the current time while
 * nothing has run yet. -1 once time has advanced. */
int sched_set_start(sched *s, int64_t start_ms);
int64_t sched_start(const sched *s);
int64_t sched_now(const sched *s);

/* 1 and the earliest pending time in *t, 0 when nothing is pending. */
int sched_next_time(const sched *s, int64_t *t);
size_t sched_pending(const sched *s);
/* Runs, in (time, sequence) order, every coroutine due at or before t_ms, including
 * those scheduled meanwhile; then now = max(now, t_ms). Returns the number of coroutine
 * steps run, or -1 and *errmsg (valid until the next call on s or its sandbox). */
long sched_run_until(sched *s, int64_t t_ms, const char **errmsg);

/* The parsers behind the Lua API, for bindings: 0 or -1. */
int sched_parse_duration(const char *str, int64_t *ms);
int sched_parse_time(const sched *s, const char *str, int64_t *t);
/* "YYYY-MM-DD HH:MM:SS" local; the length, or -1 if n is too small. */
int sched_format_time(int64_t t, char *buf, size_t n);

#endif
