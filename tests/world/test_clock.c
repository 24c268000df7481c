/* Clock: scenario times and durations (over hjtime, tests/proto/test_hjtime.c), event
 * queue order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "clock.h"

/* 2022-02-08 00:00 +08:00 = 2022-02-07T16:00:00Z */
#define T_0208 INT64_C(1644249600000)

static void test_duration(void **state)
{
    int64_t d = 0;
    assert_int_equal(clock_parse_duration("90s", &d), 0);
    assert_int_equal(d, 90000);
    assert_int_equal(clock_parse_duration("15m", &d), 0);
    assert_int_equal(d, 900000);
    assert_int_equal(clock_parse_duration("2h", &d), 0);
    assert_int_equal(d, 7200000);
    assert_int_equal(clock_parse_duration("1h30m", &d), 0);
    assert_int_equal(d, 5400000);
    assert_int_equal(clock_parse_duration("2d", &d), 0);
    assert_int_equal(d, 172800000);
    assert_int_equal(clock_parse_duration("1d2h3m4s", &d), 0);
    assert_int_equal(d, 93784000);
    assert_int_equal(clock_parse_duration("0s", &d), 0);
    assert_int_equal(d, 0);
    static const char *bad[] = {"",
                                "90",
                                "h",
                                "1.5h",
                                "-1h",
                                " 1h",
                                "1h ",
                                "1hh",
                                "30m1h",
                                "1h1h",
                                "2x",
                                "1H",
                                "m5",
                                "1h-5m",
                                "99999999999999999999s",
                                "106751991168d",
                                "9223372036854775807s"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = 7;
        if (clock_parse_duration(bad[i], &d) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(d, 7);
    }
    /* the largest representable day count still parses */
    assert_int_equal(clock_parse_duration("106751991167d", &d), 0);
}

static void test_parse_time(void **state)
{
    int64_t start = T_0208 + 9 * HJTIME_HOUR_MS; /* 2022-02-08 09:00 */
    int64_t t = 0;
    assert_int_equal(clock_parse_time("10:05", start, &t), 0);
    assert_int_equal(t, T_0208 + 10 * HJTIME_HOUR_MS + 5 * HJTIME_MINUTE_MS);
    assert_int_equal(clock_parse_time("09:00", start, &t), 0); /* at: the same moment */
    assert_int_equal(t, start);
    assert_int_equal(clock_parse_time("08:59", start, &t), 0); /* next day */
    assert_int_equal(t, T_0208 + HJTIME_DAY_MS + 8 * HJTIME_HOUR_MS + 59 * HJTIME_MINUTE_MS);
    assert_int_equal(clock_parse_time("+6h", start, &t), 0);
    assert_int_equal(t, start + 6 * HJTIME_HOUR_MS);
    assert_int_equal(clock_parse_time("2022-02-09 00:00", start, &t), 0);
    assert_int_equal(t, T_0208 + HJTIME_DAY_MS);
    assert_int_equal(clock_parse_time("24:00", start, &t), -1);
    assert_int_equal(clock_parse_time("9:00", start, &t), -1);
    assert_int_equal(clock_parse_time("+", start, &t), -1);
    assert_int_equal(clock_parse_time("+6", start, &t), -1);
    assert_int_equal(clock_parse_time("tomorrow", start, &t), -1);
}

static void test_format_duration(void **state)
{
    char b[64];
    assert_int_equal(clock_format_duration(5400000, b, sizeof b), 5);
    assert_string_equal(b, "1h30m");
    assert_int_equal(clock_format_duration(0, b, sizeof b), 2);
    assert_string_equal(b, "0s");
    assert_int_equal(clock_format_duration(93784000, b, sizeof b), 8);
    assert_string_equal(b, "1d2h3m4s");
    assert_int_equal(clock_format_duration(-1, b, sizeof b), -1);
    assert_string_equal(b, "");
}

static void test_queue_order(void **state)
{
    clockq *q = clockq_new(100);
    assert_non_null(q);
    /* ties at t=50 keep insertion order; ids record the push order */
    const int64_t ts[] = {50, 10, 50, 30, 50, 10, 70, 30};
    for (uint64_t i = 0; i < 8; i++)
        assert_int_equal(clockq_push(q, ts[i], i, NULL, NULL), i + 1);
    clockq_ev e;
    assert_int_equal(clockq_peek(q, &e), 1);
    assert_int_equal(e.t, 10);
    assert_int_equal(e.id, 1);
    assert_int_equal(clockq_len(q), 8);
    const uint64_t want[] = {1, 5, 3, 7, 0, 2, 4, 6};
    for (int i = 0; i < 8; i++) {
        assert_int_equal(clockq_pop(q, &e), 1);
        assert_int_equal(e.id, want[i]);
    }
    assert_int_equal(clockq_pop(q, &e), 0);
    assert_int_equal(clockq_peek(q, &e), 0);
    clockq_free(q);
}

static void test_queue_cancel_limit(void **state)
{
    clockq *q = clockq_new(3);
    uint64_t a = clockq_push(q, 5, 1, NULL, NULL);
    uint64_t b = clockq_push(q, 5, 2, NULL, NULL);
    uint64_t c = clockq_push(q, 1, 3, NULL, NULL);
    assert_true(a && b && c);
    assert_int_equal(clockq_push(q, 9, 4, NULL, NULL), 0); /* full */
    assert_int_equal(clockq_cancel(q, a), 0);
    assert_int_equal(clockq_cancel(q, a), -1);
    clockq_ev e;
    assert_int_equal(clockq_pop(q, &e), 1);
    assert_int_equal(e.id, 3);
    assert_int_equal(clockq_pop(q, &e), 1);
    assert_int_equal(e.id, 2);
    assert_int_equal(clockq_len(q), 0);
    clockq_free(q);
    clockq_free(NULL);
    assert_null(clockq_new(0));
}

typedef struct rec {
    clockq *q;
    int64_t seen[16];
    int n;
} rec;

static void cb(void *arg, int64_t t)
{
    rec *r = arg;
    r->seen[r->n++] = t;
    if (t == 20) clockq_push(r->q, 25, 0, cb, r);              /* a callback schedules more */
    if (t == 25 && r->n == 3) clockq_push(r->q, 25, 0, cb, r); /* same t: runs after */
}

static void test_queue_run(void **state)
{
    rec r = {0};
    r.q = clockq_new(16);
    clockq_push(r.q, 40, 0, cb, &r);
    clockq_push(r.q, 20, 0, cb, &r);
    clockq_push(r.q, 10, 0, cb, &r);
    assert_int_equal(clockq_run(r.q, 30), 4);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.seen[0], 10);
    assert_int_equal(r.seen[1], 20);
    assert_int_equal(r.seen[2], 25);
    assert_int_equal(r.seen[3], 25);
    assert_int_equal(clockq_len(r.q), 1); /* the event at 40 */
    assert_int_equal(clockq_run(r.q, 100), 1);
    assert_int_equal(r.seen[4], 40);
    clockq_free(r.q);
}

/* A large random heap pops in (t, seq) order. */
static void test_queue_many(void **state)
{
    clockq *q = clockq_new(20000);
    uint64_t x = 12345;
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        assert_true(clockq_push(q, (int64_t)(x >> 54), (uint64_t)i, NULL, NULL) > 0);
    }
    clockq_ev prev = {0}, e;
    assert_int_equal(clockq_pop(q, &prev), 1);
    int n = 1;
    while (clockq_pop(q, &e)) {
        assert_true(e.t > prev.t || (e.t == prev.t && e.seq > prev.seq));
        prev = e;
        n++;
    }
    assert_int_equal(n, 20000);
    clockq_free(q);
}

/* Random strings over the parsers' alphabet: no crash, and whatever is accepted
 * formats back to itself (datetimes) or to the same value (durations). */
static void test_parse_garbage(void **state)
{
    static const char alpha[] = "0123456789-: +dhmsTZ.x";
    uint64_t x = 99;
    char s[24], b[64];
    int accepted = 0;
    for (int i = 0; i < 200000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int len = (int)(x >> 60) + 4;
        for (int j = 0; j < len; j++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            s[j] = alpha[(x >> 33) % (sizeof alpha - 1)];
        }
        s[len] = '\0';
        int64_t t = 0, u = 0;
        if (hjtime_parse_datetime(s, &t) == 0) {
            accepted++;
            assert_true(hjtime_format(t, b, sizeof b) > 0);
            assert_int_equal(hjtime_parse_datetime(b, &u), 0);
            assert_int_equal(u, t);
        }
        if (clock_parse_duration(s, &t) == 0) {
            accepted++;
            assert_true(t >= 0);
            assert_true(clock_format_duration(t, b, sizeof b) > 0);
            assert_int_equal(clock_parse_duration(b, &u), 0);
            assert_int_equal(u, t);
        }
        clock_parse_time(s, 0, &t);
        hjtime_parse_iso(s, &t);
    }
    assert_true(accepted > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration),           cmocka_unit_test(test_parse_time),
        cmocka_unit_test(test_format_duration),    cmocka_unit_test(test_queue_order),
        cmocka_unit_test(test_queue_cancel_limit), cmocka_unit_test(test_queue_run),
        cmocka_unit_test(test_queue_many),         cmocka_unit_test(test_parse_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
