/*
 * clock.c — civil-time conversions (days-from-civil after H. Hinnant, proleptic
 * Gregorian), strict parsers, formatters, and the (time, sequence) event heap.
 */
#include "clock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Floor division and modulo: times before 1970 are negative. */
static int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t floormod(int64_t a, int64_t b)
{
    return a - floordiv(a, b) * b;
}

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int clock_days_in_month(int year, int month)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return dm[month - 1] + (month == 2 && is_leap(year));
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floordiv(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floordiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void clock_to_local(int64_t t, clock_tm *out)
{
    /* t + TZ cannot overflow in practice; guard anyway with a saturating add. */
    int64_t lt = t > INT64_MAX - CLOCK_TZ_MS ? INT64_MAX : t + CLOCK_TZ_MS;
    int64_t days = floordiv(lt, CLOCK_DAY_MS);
    int64_t ms = floormod(lt, CLOCK_DAY_MS);
    int64_t y = 0;
    int m = 0, d = 0;
    civil_from_days(days, &y, &m, &d);
    out->year = (int)y;
    out->month = m;
    out->day = d;
    out->hour = (int)(ms / CLOCK_HOUR_MS);
    out->min = (int)(ms / CLOCK_MINUTE_MS % 60);
    out->sec = (int)(ms / 1000 % 60);
    out->msec = (int)(ms % 1000);
    out->wday = (int)floormod(days + 4, 7); /* 1970-01-01 was a Thursday */
    out->yday = (int)(days - days_from_civil(y, 1, 1));
}

int clock_from_local(const clock_tm *tm, int64_t *out)
{
    if (tm->year < -1000000 || tm->year > 1000000) return -1;
    if (tm->month < 1 || tm->month > 12) return -1;
    if (tm->day < 1 || tm->day > clock_days_in_month(tm->year, tm->month)) return -1;
    if (tm->hour < 0 || tm->hour > 23 || tm->min < 0 || tm->min > 59 || tm->sec < 0 ||
        tm->sec > 59 || tm->msec < 0 || tm->msec > 999)
        return -1;
    int64_t days = days_from_civil(tm->year, tm->month, tm->day);
    *out = days * CLOCK_DAY_MS + tm->hour * CLOCK_HOUR_MS + tm->min * CLOCK_MINUTE_MS +
           tm->sec * CLOCK_SECOND_MS + tm->msec - CLOCK_TZ_MS;
    return 0;
}

int64_t clock_local_ms_of_day(int64_t t)
{
    return floormod(floormod(t, CLOCK_DAY_MS) + CLOCK_TZ_MS, CLOCK_DAY_MS);
}

/* ---- parsing ---- */

static int isdig(char c)
{
    return c >= '0' && c <= '9';
}

/* Exactly n digits at *p; advances. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdig((*p)[i])) return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

/* "HH:MM" or "HH:MM:SS" at *p; advances. */
static int parse_hms(const char **p, int *h, int *mi, int *s)
{
    *s = 0;
    if (digits(p, 2, h) < 0 || **p != ':') return -1;
    (*p)++;
    if (digits(p, 2, mi) < 0) return -1;
    if (**p == ':') {
        (*p)++;
        if (digits(p, 2, s) < 0) return -1;
    }
    if (*h > 23 || *mi > 59 || *s > 59) return -1;
    return 0;
}

/* "YYYY-MM-DD" + sep + hms at *p; fills tm; advances. */
static int parse_date_time(const char **p, char sep, clock_tm *tm)
{
    memset(tm, 0, sizeof *tm);
    if (digits(p, 4, &tm->year) < 0 || **p != '-') return -1;
    (*p)++;
    if (digits(p, 2, &tm->month) < 0 || **p != '-') return -1;
    (*p)++;
    if (digits(p, 2, &tm->day) < 0 || **p != sep) return -1;
    (*p)++;
    return parse_hms(p, &tm->hour, &tm->min, &tm->sec);
}

int clock_parse_duration(const char *s, int64_t *out_ms)
{
    static const char units[] = "dhms";
    static const int64_t unit_ms[] = {CLOCK_DAY_MS, CLOCK_HOUR_MS, CLOCK_MINUTE_MS,
                                      CLOCK_SECOND_MS};
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

int clock_parse_datetime(const char *s, int64_t *out)
{
    if (!s) return -1;
    clock_tm tm;
    const char *p = s;
    if (parse_date_time(&p, ' ', &tm) < 0 || *p) return -1;
    return clock_from_local(&tm, out);
}

int clock_parse_iso(const char *s, int64_t *out)
{
    if (!s) return -1;
    clock_tm tm;
    const char *p = s;
    if (parse_date_time(&p, 'T', &tm) < 0) return -1;
    if (*p == '.') {
        p++;
        if (digits(&p, 3, &tm.msec) < 0) return -1;
    }
    int64_t off_ms = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        int oh = 0, om = 0;
        p++;
        if (digits(&p, 2, &oh) < 0 || *p != ':') return -1;
        p++;
        if (digits(&p, 2, &om) < 0 || oh > 14 || om > 59) return -1;
        off_ms = sign * (oh * CLOCK_HOUR_MS + om * CLOCK_MINUTE_MS);
    } else {
        return -1;
    }
    if (*p) return -1;
    int64_t t = 0;
    if (clock_from_local(&tm, &t) < 0) return -1;
    /* clock_from_local assumed +08:00; correct to the stated offset */
    *out = t + CLOCK_TZ_MS - off_ms;
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
        const char *p = s;
        int h = 0, mi = 0, sec = 0;
        if (parse_hms(&p, &h, &mi, &sec) < 0 || *p) return -1;
        int64_t want = h * CLOCK_HOUR_MS + mi * CLOCK_MINUTE_MS + sec * CLOCK_SECOND_MS;
        int64_t have = clock_local_ms_of_day(start);
        int64_t d = want - have;
        if (d < 0) d += CLOCK_DAY_MS;
        *out = start + d;
        return 0;
    }
    return clock_parse_datetime(s, out);
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

int clock_format(int64_t t, char *buf, size_t n)
{
    clock_tm tm;
    clock_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.year, tm.month, tm.day, tm.hour,
                     tm.min, tm.sec);
    return finish(r, buf, n);
}

int clock_format_iso(int64_t t, char *buf, size_t n)
{
    clock_tm tm;
    clock_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.year, tm.month, tm.day,
                     tm.hour, tm.min, tm.sec);
    return finish(r, buf, n);
}

int clock_format_hj212(int64_t t, int with_ms, char *buf, size_t n)
{
    clock_tm tm;
    clock_to_local(t, &tm);
    int r = 0;
    if (with_ms)
        r = snprintf(buf, n, "%04d%02d%02d%02d%02d%02d%03d", tm.year, tm.month, tm.day, tm.hour,
                     tm.min, tm.sec, tm.msec);
    else
        r = snprintf(buf, n, "%04d%02d%02d%02d%02d%02d", tm.year, tm.month, tm.day, tm.hour, tm.min,
                     tm.sec);
    return finish(r, buf, n);
}

int clock_format_duration(int64_t ms, char *buf, size_t n)
{
    static const char units[] = "dhms";
    static const int64_t unit_ms[] = {CLOCK_DAY_MS, CLOCK_HOUR_MS, CLOCK_MINUTE_MS,
                                      CLOCK_SECOND_MS};
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
