/*
 * test_hjnum.c — fixed-point texts (proto/hjnum.h): byte for byte what snprintf's "%.*f"
 * writes, for the values the range writes (sensor readings, flows, totals, tiny and negative
 * ones), for exact ties (0.125, 2.5: to even), for the values it hands to snprintf (NaN,
 * infinities, large), and for a buffer too small.
 */
#include "hjnum.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void same(double v, int d)
{
    char want[400], got[400];
    int wn = snprintf(want, sizeof want, "%.*f", d, v);
    int gn = hjnum_fixed(got, sizeof got, v, d);
    if (gn != wn || strcmp(got, want) != 0) fail_msg("%.17g, %d decimals: \"%s\", printf \"%s\"", v, d, got, want);
}

static void test_cases(void **state)
{
    (void)state;
    static const double vals[] = {0.0,       -0.0,       0.5,        1.5,          2.5,
                                  0.125,     0.375,      -0.125,     2.675,        1.005,
                                  209046.66, 41.816,     -0.200,     6.34,         0.0001,
                                  -1e-9,     1e-30,      -1e-300,    5e-324,       999999999.9,
                                  0.9999995, 9.9999995,  123456.789, 0.045,        1e-7,
                                  0.05,      0.0000005,  0.0000015,  4294967295.0, 1e9 - 0.5};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        for (int d = 0; d <= 9; d++)
            same(vals[i], d);
    same(NAN, 2);
    same(-NAN, 3);
    same(INFINITY, 1);
    same(-INFINITY, 0);
    same(1e20, 4);
    same(-3e15, 2);
    same(1.5, 12); /* decimals past 9: printf's */
}

/* Every decimal tie k + 0.5 (and k / 8 steps) is exact in binary: printf rounds it to even. */
static void test_ties(void **state)
{
    (void)state;
    for (int k = -2000; k <= 2000; k++) {
        same(k + 0.5, 0);
        same(k / 8.0, 2);
        same(k / 16.0, 3);
        same(k / 1024.0, 9);
    }
}

/* Random values over the magnitudes the range writes, with random decimals. */
static void test_random(void **state)
{
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 400000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double mant = (double)(s >> 11) / 9007199254740992.0; /* [0, 1) */
        int ex = (int)((s >> 3) % 40) - 28;                  /* 1e-28 .. 1e11 */
        double v = mant * pow(10.0, ex);
        if (s & 1) v = -v;
        same(v, (int)(s % 10));
        /* a value as a sensor gives it: a decimal text read back */
        char t[40];
        snprintf(t, sizeof t, "%.*f", (int)((s >> 5) % 7), v);
        same(strtod(t, NULL), (int)((s >> 9) % 10));
    }
}

static void test_small_buffer(void **state)
{
    (void)state;
    char b[8];
    assert_int_equal(hjnum_fixed(b, sizeof b, 3.25, 2), 4);
    assert_string_equal(b, "3.25");
    assert_int_equal(hjnum_fixed(b, sizeof b, 1234.5678, 4), -1); /* 9 bytes with NUL */
    assert_string_equal(b, "");
    assert_int_equal(hjnum_fixed(b, sizeof b, 123.5678, 3), 7);
    assert_string_equal(b, "123.568");
    assert_int_equal(hjnum_fixed(b, sizeof b, NAN, 2), 3);
    assert_int_equal(hjnum_fixed(b, sizeof b, 1e12, 2), -1);
    assert_string_equal(b, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
