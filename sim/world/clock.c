/*
 * clock.c — scenario times and durations over hjtime's calendar, and the (time, sequence)
 * event heap.
 */
#include "clock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int isdig(char c)
{
    return c >= '0' && c <= '9';
}

int clock_parse_duration(const char *s, int64_t *out_ms)
{
    static const char units[] = "dhms";
    static const int64_t unit_ms[] = {HJTIME_DAY_MS, HJTIME_HOUR_MS, HJTIME_MINUTE_MS,
                                      HJTIME_SECOND_MS};
    if (!s || !*s) return -1;
    const char *p = s;
    int next_unit = 0; /* units must come in order d h m s, each once */
    int64_t total = 0;
    while (*p) {
        if (!isdig(*p)) return -1;
        int64_t v = 0;
        while (isdig(*p)) {
            if (v > (INT64_MAX - 9) / 10) return -1;
            v = v * 10 + (*p - '0');
            p++;
        }
        const char *u = *p ? strchr(units, *p) : NULL;
        if (!u) return -1;
        int ui = (int)(u - units);
        if (ui < next_unit) return -1;
        next_unit = ui + 1;
        p++;
        if (v > INT64_MAX / unit_ms[ui]) return -1;
        v *= unit_ms[ui];
        if (total > INT64_MAX - v) return -1;
        total += v;
    }
    *out_ms = total;
    return 0;
}

int clock_parse_time(const char *s, int64_t start, int64_t *out)
{
    if (!s) return -1;
    if (s[0] == '+') {
        int64_t d = 0;
        if (clock_parse_duration(s + 1, &d) < 0) return -1;
        if (start > 0 && d > INT64_MAX - start) return -1;
        *out = start + d;
        return 0;
    }
    if (strlen(s) <= 8) { /* "HH:MM" or "HH:MM:SS" */
        int64_t want = 0;
        if (hjtime_parse_clock(s, &want) < 0) return -1;
        int64_t have = hjtime_local_ms_of_day(start);
        int64_t d = want - have;
        if (d < 0) d += HJTIME_DAY_MS;
        *out = start + d;
        return 0;
    }
    return hjtime_parse_datetime(s, out);
}

/* ---- formatting ---- */

static int finish(int r, char *buf, size_t n)
{
    if (r < 0 || (size_t)r >= n) {
        if (n) buf[0] = '\0';
        return -1;
    }
    return r;
}

int clock_format_duration(int64_t ms, char *buf, size_t n)
{
    static const char units[] = "dhms";
    static const int64_t unit_ms[] = {HJTIME_DAY_MS, HJTIME_HOUR_MS, HJTIME_MINUTE_MS,
                                      HJTIME_SECOND_MS};
    if (ms < 0) return finish(-1, buf, n);
    char tmp[96];
    size_t len = 0;
    int64_t rest = ms;
    for (int i = 0; i < 4; i++) {
        int64_t v = rest / unit_ms[i];
        rest -= v * unit_ms[i];
        if (v == 0) continue;
        int r = snprintf(tmp + len, sizeof tmp - len, "%lld%c", (long long)v, units[i]);
        if (r < 0) return finish(-1, buf, n);
        len += (size_t)r;
    }
    if (len == 0) {
        memcpy(tmp, "0s", 3);
        len = 2;
    }
    return finish(snprintf(buf, n, "%s", tmp), buf, n);
}

/* ---- event queue ---- */

struct clockq {
    clockq_ev *heap;
    size_t len, cap, max;
    uint64_t next_seq;
};

static int ev_before(const clockq_ev *a, const clockq_ev *b)
{
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void sift_up(clockq_ev *h, size_t i)
{
    clockq_ev e = h[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!ev_before(&e, &h[parent])) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = e;
}

static void sift_down(clockq_ev *h, size_t len, size_t i)
{
    clockq_ev e = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= len) break;
        if (c + 1 < len && ev_before(&h[c + 1], &h[c])) c++;
        if (!ev_before(&h[c], &e)) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = e;
}

clockq *clockq_new(size_t max_events)
{
    if (max_events == 0 || max_events > SIZE_MAX / sizeof(clockq_ev)) return NULL;
    clockq *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->max = max_events;
    q->next_seq = 1;
    return q;
}

void clockq_free(clockq *q)
{
    if (!q) return;
    free(q->heap);
    free(q);
}

uint64_t clockq_push(clockq *q, int64_t t, uint64_t id, clockq_fn fn, void *arg)
{
    if (q->len >= q->max) {
        errno = ENOSPC;
        return 0;
    }
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        if (cap > q->max) cap = q->max;
        clockq_ev *h = realloc(q->heap, cap * sizeof *h);
        if (!h) return 0;
        q->heap = h;
        q->cap = cap;
    }
    clockq_ev *e = &q->heap[q->len];
    e->t = t;
    e->seq = q->next_seq++;
    e->id = id;
    e->fn = fn;
    e->arg = arg;
    sift_up(q->heap, q->len);
    q->len++;
    return q->next_seq - 1;
}

int clockq_peek(const clockq *q, clockq_ev *out)
{
    if (q->len == 0) return 0;
    *out = q->heap[0];
    return 1;
}

static void remove_at(clockq *q, size_t i)
{
    q->len--;
    if (i == q->len) return;
    q->heap[i] = q->heap[q->len];
    sift_down(q->heap, q->len, i);
    sift_up(q->heap, i);
}

int clockq_pop(clockq *q, clockq_ev *out)
{
    if (q->len == 0) return 0;
    *out = q->heap[0];
    remove_at(q, 0);
    return 1;
}

int clockq_cancel(clockq *q, uint64_t seq)
{
    for (size_t i = 0; i < q->len; i++) {
        if (q->heap[i].seq == seq) {
            remove_at(q, i);
            return 0;
        }
    }
    return -1;
}

size_t clockq_len(const clockq *q)
{
    return q->len;
}

size_t clockq_run(clockq *q, int64_t until)
{
    size_t n = 0;
    clockq_ev e;
    while (q->len > 0 && q->heap[0].t <= until) {
        clockq_pop(q, &e);
        if (e.fn) e.fn(e.arg, e.t);
        n++;
    }
    return n;
}
