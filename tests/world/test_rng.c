/* RNG: reference vectors, determinism, streams, distribution moments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "rng.h"

static void test_reference_vectors(void **state)
{
    /* xoshiro256** from state {1,2,3,4}: the reference implementation's first outputs */
    rng r;
    const uint64_t s[4] = {1, 2, 3, 4};
    rng_set_state(&r, s);
    assert_int_equal(rng_u64(&r), UINT64_C(11520));
    assert_int_equal(rng_u64(&r), UINT64_C(0));
    assert_int_equal(rng_u64(&r), UINT64_C(0x5a007080));
    assert_int_equal(rng_u64(&r), UINT64_C(0x10e0000000009d80));
    assert_int_equal(rng_u64(&r), UINT64_C(0x10e0b61ce1009d80));
    /* splitmix64 from 0 */
    uint64_t x = 0;
    assert_int_equal(rng_splitmix64(&x), UINT64_C(0xe220a8397b1dcdaf));
    assert_int_equal(rng_splitmix64(&x), UINT64_C(0x6e789e6aa1b965f4));
    assert_int_equal(rng_splitmix64(&x), UINT64_C(0x06c45d188009454f));
}

static void test_seeded_outputs(void **state)
{
    /* the documented seeding (a contract: scenarios replay) — values from an independent
     * Python implementation */
    rng r;
    rng_seed(&r, 1, 0);
    assert_int_equal(rng_u64(&r), UINT64_C(0x1e69a7bac44b0b8d));
    assert_int_equal(rng_u64(&r), UINT64_C(0x85ac15d6536cedb4));
    assert_int_equal(rng_u64(&r), UINT64_C(0x7475a2f63b02f3b3));
    rng_seed(&r, 7, 5);
    assert_int_equal(rng_u64(&r), UINT64_C(0x621f37adb29f1953));
    assert_int_equal(rng_u64(&r), UINT64_C(0xe06385214eaa1e60));
}

static void test_determinism_and_streams(void **state)
{
    rng a, b, c, d;
    rng_seed(&a, 42, 3);
    rng_seed(&b, 42, 3);
    rng_seed(&c, 42, 4);
    rng_seed(&d, 43, 3);
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 1000; i++) {
        double x = rng_normal(&a, 0, 1);
        assert_true(x == rng_normal(&b, 0, 1));
        uint64_t ua = rng_u64(&a);
        assert_int_equal(ua, rng_u64(&b));
        same_c += ua == rng_u64(&c);
        same_d += ua == rng_u64(&d);
    }
    assert_int_equal(same_c, 0);
    assert_int_equal(same_d, 0);
    /* stream ids from names: stable, distinct */
    uint64_t s1 = rng_stream_id(0, "33040001DYE0001");
    assert_int_equal(s1, rng_stream_id(0, "33040001DYE0001"));
    assert_true(s1 != rng_stream_id(0, "33040001DYE0002"));
    assert_true(rng_stream_id(s1, "plant") != rng_stream_id(s1, "scenario"));
    /* empty name: the FNV offset basis */
    assert_int_equal(rng_stream_id(0, ""), UINT64_C(0xcbf29ce484222325));
    /* split: child depends on the parent's position */
    rng p1, p2, k1, k2;
    rng_seed(&p1, 9, 0);
    rng_seed(&p2, 9, 0);
    rng_split(&p1, 1, &k1);
    rng_split(&p2, 1, &k2);
    assert_int_equal(rng_u64(&k1), rng_u64(&k2));
    assert_int_equal(rng_u64(&p1), rng_u64(&p2));
}

static void test_moments(void **state)
{
    rng r;
    rng_seed(&r, 2022, 0);
    const int n = 200000;
    double s = 0, s2 = 0, us = 0, umin = 1, umax = 0;
    for (int i = 0; i < n; i++) {
        double x = rng_normal(&r, 10, 2);
        s += x;
        s2 += x * x;
        double u = rng_uniform(&r);
        us += u;
        umin = fmin(umin, u);
        umax = fmax(umax, u);
    }
    double mean = s / n, sd = sqrt(s2 / n - mean * mean);
    assert_true(fabs(mean - 10) < 0.03); /* 5 standard errors: 2/sqrt(2e5)*5 = 0.022 */
    assert_true(fabs(sd - 2) < 0.02);
    assert_true(fabs(us / n - 0.5) < 0.004);
    assert_true(umin >= 0 && umax < 1);
    /* bounded integers stay in range and hit every value */
    int seen[7] = {0};
    for (int i = 0; i < 7000; i++) {
        uint64_t v = rng_below(&r, 7);
        assert_true(v < 7);
        seen[v]++;
    }
    for (int i = 0; i < 7; i++)
        assert_true(seen[i] > 800 && seen[i] < 1200);
    assert_int_equal(rng_below(&r, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors),
        cmocka_unit_test(test_seeded_outputs),
        cmocka_unit_test(test_determinism_and_streams),
        cmocka_unit_test(test_moments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
