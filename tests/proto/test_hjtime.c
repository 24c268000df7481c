/* hjtime: the calendar, China time, strict parsing and formatting of every time string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hjtime.h"

/* 2022-02-08 00:00 +08:00 = 2022-02-07T16:00:00Z */
#define T_0208 INT64_C(1644249600000)
#define H      HJTIME_HOUR_MS
#define M      HJTIME_MINUTE_MS
#define D      HJTIME_DAY_MS

static void test_leap_years(void **state)
{
    (void)state;
    assert_true(hjtime_is_leap(2000));
    assert_false(hjtime_is_leap(1900));
    assert_false(hjtime_is_leap(2100));
    assert_true(hjtime_is_leap(2024));
    assert_false(hjtime_is_leap(2023));
    assert_true(hjtime_is_leap(0));
    assert_true(hjtime_is_leap(-4));
    assert_int_equal(hjtime_days_in_month(2024, 2), 29);
    assert_int_equal(hjtime_days_in_month(2000, 2), 29);
    assert_int_equal(hjtime_days_in_month(1900, 2), 28);
    assert_int_equal(hjtime_days_in_month(2100, 2), 28);
    assert_int_equal(hjtime_days_in_month(2022, 4), 30);
    assert_int_equal(hjtime_days_in_month(2022, 12), 31);
    assert_int_equal(hjtime_days_in_month(2022, 13), 0);
    assert_int_equal(hjtime_days_in_month(2022, 0), 0);
}

static void test_days(void **state)
{
    (void)state;
    assert_int_equal(hjtime_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(hjtime_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(hjtime_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(hjtime_days_from_civil(2000, 2, 29), 11016);
    assert_int_equal(hjtime_days_from_civil(1900, 3, 1) - hjtime_days_from_civil(1900, 2, 28), 1);
    assert_int_equal(hjtime_days_from_civil(2100, 3, 1) - hjtime_days_from_civil(2100, 2, 28), 1);
    assert_int_equal(hjtime_days_from_civil(2024, 3, 1) - hjtime_days_from_civil(2024, 2, 28), 2);
    /* 400 years are 146097 days, whatever the era */
    assert_int_equal(hjtime_days_from_civil(2400, 1, 1) - hjtime_days_from_civil(2000, 1, 1),
                     146097);
    assert_int_equal(hjtime_days_from_civil(-400, 1, 1) - hjtime_days_from_civil(-800, 1, 1),
                     146097);
    /* every day from 1600 to 2500 round-trips, and the dates are consecutive */
    int64_t y0 = 0;
    int m0 = 0, d0 = 0;
    hjtime_civil_from_days(hjtime_days_from_civil(1600, 1, 1) - 1, &y0, &m0, &d0);
    assert_int_equal(y0, 1599);
    assert_int_equal(m0, 12);
    assert_int_equal(d0, 31);
    for (int64_t z = hjtime_days_from_civil(1600, 1, 1); z < hjtime_days_from_civil(2500, 1, 1);
         z++) {
        int64_t y = 0;
        int m = 0, d = 0;
        hjtime_civil_from_days(z, &y, &m, &d);
        assert_int_equal(hjtime_days_from_civil(y, m, d), z);
        if (d == 1) {
            assert_int_equal(d0, hjtime_days_in_month(y0, m0));
            assert_true(m == m0 % 12 + 1);
        } else {
            assert_int_equal(d, d0 + 1);
        }
        y0 = y, m0 = m, d0 = d;
    }
}

static void test_local(void **state)
{
    (void)state;
    hjtime_tm tm;
    hjtime_to_local(T_0208 + 10 * H, &tm);
    assert_int_equal(tm.year, 2022);
    assert_int_equal(tm.month, 2);
    assert_int_equal(tm.day, 8);
    assert_int_equal(tm.hour, 10);
    assert_int_equal(tm.wday, 2); /* Tuesday */
    assert_int_equal(tm.yday, 38);
    hjtime_to_local(-1, &tm); /* before the epoch: floor, not truncation */
    assert_int_equal(tm.year, 1970);
    assert_int_equal(tm.hour, 7);
    assert_int_equal(tm.msec, 999);
    /* UTC 16:00 is already the next local day */
    hjtime_to_local(T_0208 - 1, &tm);
    assert_int_equal(tm.day, 7);
    assert_int_equal(tm.hour, 23);
    assert_int_equal(hjtime_local_ms_of_day(T_0208 + 10 * H), 10 * H);
    assert_int_equal(hjtime_local_ms_of_day(-HJTIME_TZ_MS - 1), D - 1);
    assert_int_equal(hjtime_local_day(T_0208), hjtime_days_from_civil(2022, 2, 8));
    assert_int_equal(hjtime_local_day(T_0208 - 1), hjtime_days_from_civil(2022, 2, 7));
    assert_int_equal(hjtime_local_day(-HJTIME_TZ_MS - 1), -1);
    /* the next boundary strictly after t, counted from local midnight */
    assert_int_equal(hjtime_local_next(T_0208, H), T_0208 + H);
    assert_int_equal(hjtime_local_next(T_0208 - 1, H), T_0208);
    assert_int_equal(hjtime_local_next(T_0208 + 5, D), T_0208 + D);
    assert_int_equal(hjtime_local_next(T_0208 + 10 * M + 1, 10 * M), T_0208 + 20 * M);
    assert_int_equal(hjtime_local_next(-HJTIME_TZ_MS - 1, D), -HJTIME_TZ_MS);
    /* from local */
    int64_t t = 0;
    hjtime_tm in = {2022, 2, 8, 10, 5, 0, 250, 0, 0};
    assert_int_equal(hjtime_from_local(&in, &t), 0);
    assert_int_equal(t, T_0208 + 10 * H + 5 * M + 250);
    static const hjtime_tm bad[] = {
        {2022, 2, 29, 0, 0, 0, 0, 0, 0},   {2022, 2, 31, 0, 0, 0, 0, 0, 0},
        {2100, 2, 29, 0, 0, 0, 0, 0, 0},   {2022, 4, 31, 0, 0, 0, 0, 0, 0},
        {2022, 13, 1, 0, 0, 0, 0, 0, 0},   {2022, 0, 1, 0, 0, 0, 0, 0, 0},
        {2022, 2, 0, 0, 0, 0, 0, 0, 0},    {2022, 2, 8, 24, 0, 0, 0, 0, 0},
        {2022, 2, 8, 0, 60, 0, 0, 0, 0},   {2022, 2, 8, 0, 0, 60, 0, 0, 0},
        {2022, 2, 8, 0, 0, 0, 1000, 0, 0}, {2022, 2, 8, -1, 0, 0, 0, 0, 0},
        {2000000, 1, 1, 0, 0, 0, 0, 0, 0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        assert_int_equal(hjtime_from_local(&bad[i], &t), -1);
        assert_int_equal(t, 42);
    }
    in = (hjtime_tm){2000, 2, 29, 0, 0, 0, 0, 0, 0};
    assert_int_equal(hjtime_from_local(&in, &t), 0);
}

static void test_datetime(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_int_equal(hjtime_parse_datetime("2022-02-08 00:00", &t), 0);
    assert_int_equal(t, T_0208);
    assert_int_equal(hjtime_parse_datetime("2022-02-08 10:05:30", &t), 0);
    assert_int_equal(t, T_0208 + 10 * H + 5 * M + 30000);
    assert_int_equal(hjtime_parse_datetime("1970-01-01 08:00", &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(hjtime_parse_datetime("1970-01-01 00:00", &t), 0);
    assert_int_equal(t, -HJTIME_TZ_MS);
    assert_int_equal(hjtime_parse_datetime("2024-02-29 23:59:59", &t), 0);
    assert_int_equal(hjtime_parse_datetime("2000-02-29 12:00", &t), 0);
    assert_int_equal(t, INT64_C(951796800000));
    static const char *bad[] = {"2022-02-30 00:00",          "2022-02-29 00:00",
                                "2022-02-31 00:00",          "1900-02-29 00:00",
                                "2100-02-29 00:00",          "2022-13-01 00:00",
                                "2022-00-10 00:00",          "2022-04-31 10:00",
                                "2022-02-08 24:00",          "2022-02-08 10:60",
                                "2022-02-08 10:05:60",       "2022-02-08",
                                "2022-2-08 10:00",           "2022-02-08 1:00",
                                "2022-02-08T10:00",          "2022-02-08 10:00 ",
                                " 2022-02-08 10:00",         "2022-02-08 10:00:0",
                                "x022-02-08 10:00",          "",
                                "2022-02-08 10:00:00+08:00", "2022-02-00 10:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        if (hjtime_parse_datetime(bad[i], &t) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(t, 42);
    }
    assert_int_equal(hjtime_parse_datetime(NULL, &t), -1);
}

static void test_clock(void **state)
{
    (void)state;
    int64_t ms = 0;
    assert_int_equal(hjtime_parse_clock("10:05", &ms), 0);
    assert_int_equal(ms, 10 * H + 5 * M);
    assert_int_equal(hjtime_parse_clock("23:59:59", &ms), 0);
    assert_int_equal(ms, D - 1000);
    assert_int_equal(hjtime_parse_clock("00:00", &ms), 0);
    assert_int_equal(ms, 0);
    static const char *bad[] = {"24:00", "9:00", "10:60", "10:05:60", "10:05 ", "10", "", "10:5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hjtime_parse_clock(bad[i], &ms) != -1) fail_msg("accepted \"%s\"", bad[i]);
}

static void test_iso(void **state)
{
    (void)state;
    int64_t t = 0, u = 0;
    assert_int_equal(hjtime_parse_iso("2022-02-08T10:05:00+08:00", &t), 0);
    assert_int_equal(t, T_0208 + 10 * H + 5 * M);
    assert_int_equal(hjtime_parse_iso("2022-02-08T02:05:00Z", &u), 0);
    assert_int_equal(u, t);
    assert_int_equal(hjtime_parse_iso("2022-02-07T21:05:00.250-05:00", &u), 0);
    assert_int_equal(u, t + 250);
    assert_int_equal(hjtime_parse_iso("2022-02-08T10:05+08:00", &u), 0);
    assert_int_equal(u, t);
    assert_int_equal(hjtime_parse_iso("2022-02-08T10:05:00+14:00", &u), 0);
    assert_int_equal(u, t - 6 * H);
    static const char *bad[] = {
        "2022-02-08T10:05:00",       "2022-02-08 10:05:00+08:00", "2022-02-30T10:05:00+08:00",
        "2022-02-31T10:05:00+08:00", "2022-02-08T10:05:00+0800",  "2022-02-08T24:00:00+08:00",
        "2022-02-08T10:05:00+15:00", "2022-02-08T10:05:00+08:60", "2022-02-08T10:05:00.25Z",
        "2022-02-08T10:05:00z",      "2022-02-08T10:05:00Zx",     "2100-02-29T00:00:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hjtime_parse_iso(bad[i], &u) != -1) fail_msg("accepted \"%s\"", bad[i]);
    /* every 37 hours over 30 years: format then parse gives the same second */
    char b[40];
    for (int64_t x = -D * 400; x < D * 20000; x += 37 * H) {
        assert_true(hjtime_format_iso(x, b, sizeof b) > 0);
        assert_int_equal(hjtime_parse_iso(b, &u), 0);
        assert_int_equal(u, x);
    }
}

static void test_iso_any(void **state)
{
    (void)state;
    int64_t a = 0, b = 0, c = 0;
    assert_int_equal(hjtime_parse_iso_any("2022-02-08T10:05:00+08:00", &a), 0);
    assert_int_equal(a, 1644285900000LL); /* = 2022-02-08T02:05:00Z */
    assert_int_equal(hjtime_parse_iso_any("2022-02-08T02:05:00Z", &b), 0);
    assert_int_equal(hjtime_parse_iso_any("2022-02-07T21:05:00-05:00", &c), 0);
    assert_int_equal(a, b);
    assert_int_equal(a, c);
    assert_int_equal(hjtime_parse_iso_any("2022-02-08T10:05+0800", &c), 0);
    assert_int_equal(a, c);
    assert_int_equal(hjtime_parse_iso_any("2022-02-08 10:05:00+08", &c), 0);
    assert_int_equal(a, c);
    assert_int_equal(hjtime_parse_iso_any("2022-02-08t02:05:00z", &c), 0);
    assert_int_equal(a, c);
    assert_int_equal(hjtime_parse_iso_any("2022-02-08T02:05:00.25Z", &c), 0);
    assert_int_equal(c, a + 250);
    assert_int_equal(hjtime_parse_iso_any("2022-02-08T02:05:00,123456789Z", &c), 0);
    assert_int_equal(c, a + 123);
    assert_int_equal(hjtime_parse_iso_any("1970-01-01T00:00:00Z", &c), 0);
    assert_int_equal(c, 0);
    assert_int_equal(hjtime_parse_iso_any("2024-02-29T00:00:00+08:00", &c), 0);
    assert_int_equal(hjtime_parse_iso_any("2000-02-29T00:00:00Z", &c), 0);
    const char *bad[] = {
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2022-02-30T00:00:00+08:00",
        "2022-02-31T00:00:00+08:00",
        "2022-13-01T00:00:00Z",
        "2022-00-10T00:00:00Z",
        "2022-02-08T24:00:00Z",
        "2022-02-08T10:60:00Z",
        "2022-02-08T10:05:60Z",
        "2022-02-08T10:05:00",
        "2022-02-08T10:05:00+08:00x",
        "garbage",
        "",
        "2022-02-08",
        "2022-02-08T10:05:00+24:00",
        "2022-2-8T10:05:00Z",
        "2022-02-08T10:05:00.Z",
        "2022-02-08T10:05:00.1234567890Z",
        "2022-02-08T10:05:00+8",
        "0000-01-01T00:00:00Z",
        "２０２２-02-08T10:05:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hjtime_parse_iso_any(bad[i], &c) == 0) fail_msg("accepted \"%s\"", bad[i]);
}

/* A DataTime is a date: exactly YYYYMMDDhhmmss with a real calendar day, China time. */
static void test_hj212(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_int_equal(hjtime_parse_hj212("20220208100000", 14, &t), 0);
    assert_int_equal(t, 1644285600000LL); /* 2022-02-08 10:00 +08:00 */
    assert_int_equal(hjtime_parse_hj212("20240229235959", 14, &t), 0);
    assert_int_equal(hjtime_parse_hj212("19700101080000", 14, &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(hjtime_parse_hj212("19000101000000", 14, &t), 0);
    assert_int_equal(hjtime_parse_hj212("20000229000000", 14, NULL), 0);
    static const char *const bad[] = {"abc",
                                      "20221301000000",
                                      "20220230100000",
                                      "20220231100000",
                                      "20230229000000",
                                      "21000229000000",
                                      "19000229000000",
                                      "20220208240000",
                                      "20220208106000",
                                      "20220208100060",
                                      "20220008100000",
                                      "20220200100000",
                                      "18991231235959",
                                      "2022020810000",
                                      "202202081000000",
                                      "2022-02-08 10:0",
                                      "2022020810000a",
                                      "20220208 00000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        if (hjtime_parse_hj212(bad[i], strlen(bad[i]), &t) != -1) fail_msg("accepted %s", bad[i]);
        assert_int_equal(t, 42);
    }
    assert_int_equal(hjtime_parse_qn("20160801085857223", 17, &t), 0);
    assert_int_equal(t, 1470013137223LL);
    assert_int_equal(hjtime_parse_qn("20240229000000999", 17, &t), 0);
    assert_int_equal(hjtime_parse_qn("2016080108585722", 16, &t), -1);
    assert_int_equal(hjtime_parse_qn("20160801085857223", 14, &t), -1);
    assert_int_equal(hjtime_parse_qn("21000229000000000", 17, &t), -1);
    assert_int_equal(hjtime_parse_qn("20230431000000000", 17, &t), -1);
    assert_int_equal(hjtime_parse_qn("20231231236000000", 17, &t), -1);
    assert_int_equal(hjtime_parse_qn("2023123123595900a", 17, &t), -1);
    assert_int_equal(hjtime_stamp_valid("20240229000000"), 1);
    assert_int_equal(hjtime_stamp_valid("20230229000000"), 0);
    assert_int_equal(hjtime_stamp_valid("20230228240000"), 0);
}

static void test_format(void **state)
{
    (void)state;
    char b[64];
    int64_t t = T_0208 + 10 * H + 5 * M + 123;
    assert_int_equal(hjtime_format(t, b, sizeof b), 19);
    assert_string_equal(b, "2022-02-08 10:05:00");
    assert_int_equal(hjtime_format_iso(t, b, sizeof b), 25);
    assert_string_equal(b, "2022-02-08T10:05:00+08:00");
    assert_int_equal(hjtime_format_hj212(t, b, sizeof b), 14);
    assert_string_equal(b, "20220208100500");
    assert_int_equal(hjtime_format_qn(t, b, sizeof b), 17);
    assert_string_equal(b, "20220208100500123");
    assert_int_equal(hjtime_format_qn(1470013137223LL, b, 18), 17);
    assert_string_equal(b, "20160801085857223");
    assert_int_equal(hjtime_format_qn(0, b, 18), 17);
    assert_string_equal(b, "19700101080000000");
    assert_int_equal(hjtime_format_iso(t, b, 25), -1); /* no room for the NUL */
    assert_string_equal(b, "");
    assert_int_equal(hjtime_format_qn(t, b, 17), -1);
    assert_string_equal(b, "");
    /* before the epoch: floor, not truncation */
    assert_int_equal(hjtime_format(-1, b, sizeof b), 19);
    assert_string_equal(b, "1970-01-01 07:59:59");
    /* the last moment of a leap day and of a century year that is not one */
    assert_int_equal(hjtime_parse_datetime("2024-02-29 23:59:59", &t), 0);
    hjtime_format_hj212(t + 1000, b, sizeof b);
    assert_string_equal(b, "20240301000000");
    assert_int_equal(hjtime_parse_datetime("2100-02-28 23:59:59", &t), 0);
    hjtime_format(t + 1000, b, sizeof b);
    assert_string_equal(b, "2100-03-01 00:00:00");
    /* formats parse back */
    int64_t u = 0;
    hjtime_format_hj212(t, b, sizeof b);
    assert_int_equal(hjtime_parse_hj212(b, strlen(b), &u), 0);
    assert_int_equal(u, t);
    hjtime_format(t, b, sizeof b);
    assert_int_equal(hjtime_parse_datetime(b, &u), 0);
    assert_int_equal(u, t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years), cmocka_unit_test(test_days),
        cmocka_unit_test(test_local),      cmocka_unit_test(test_datetime),
        cmocka_unit_test(test_clock),      cmocka_unit_test(test_iso),
        cmocka_unit_test(test_iso_any),    cmocka_unit_test(test_hj212),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
