/* Sample line: transport delay and source switching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "sampleline.h"

static water wq(double cod)
{
    water w = {.cod = cod,
               .toc = cod / 3,
               .nh3n = 1,
               .tp = 0.1,
               .tn = 2,
               .ph = 7,
               .temp = 20,
               .cond = 500};
    return w;
}

static void test_delay(void **state)
{
    water init = wq(100), tap = wq(2);
    sampleline *sl = sampleline_new(90000, 10000, 0, &init);
    assert_non_null(sl);
    assert_int_equal(sampleline_delay(sl), 90000);
    assert_int_equal(sampleline_source(sl), SAMPLELINE_CHANNEL);
    /* the channel ramps: cod = t in seconds; what arrives is 90 s old */
    for (int64_t t = 10000; t <= 600000; t += 10000) {
        water ch = wq((double)(t / 1000));
        sampleline_step(sl, t, &ch, &tap);
        double want = t < 100000 ? 100 : (double)(t / 1000 - 90);
        if (sampleline_output(sl)->cod != want)
            fail_msg("t=%lld got %g want %g", (long long)t, sampleline_output(sl)->cod, want);
        assert_true(sampleline_intake(sl)->cod == (double)(t / 1000));
    }
    sampleline_free(sl);
}

static void test_switch(void **state)
{
    water ch = wq(150), tap = wq(2), bucket = wq(40);
    sampleline *sl = sampleline_new(60000, 5000, 1000000, &ch);
    int64_t t = 1000000;
    for (; t < 1300000;) {
        t += 5000;
        sampleline_step(sl, t, &ch, &tap);
    }
    assert_true(sampleline_output(sl)->cod == 150);
    /* hose onto the tap right after the step at t1: the first tap water is taken in by
     * the next step (bin t1 + 5 s) and arrives 60 s later */
    int64_t t1 = t;
    assert_int_equal(sampleline_connect(sl, SAMPLELINE_TAP, NULL), 0);
    while (t < t1 + 60000) {
        t += 5000;
        sampleline_step(sl, t, &ch, &tap);
        assert_true(sampleline_output(sl)->cod == 150);
    }
    t += 5000;
    sampleline_step(sl, t, &ch, &tap); /* t1 + 65 s */
    assert_true(sampleline_output(sl)->cod == 2);
    /* a bucket: copied at connect time */
    int64_t t2 = t;
    assert_int_equal(sampleline_connect(sl, SAMPLELINE_BUCKET, &bucket), 0);
    bucket.cod = 999;
    assert_int_equal(sampleline_connect(sl, SAMPLELINE_BUCKET, NULL), -1);
    assert_int_equal(sampleline_connect(sl, 9, NULL), -1);
    assert_int_equal(sampleline_source(sl), SAMPLELINE_BUCKET);
    while (t < t2 + 65000) {
        t += 5000;
        sampleline_step(sl, t, &ch, &tap);
    }
    assert_true(sampleline_output(sl)->cod == 40);
    /* back to the channel, with a jump of an hour (longer than the line) */
    sampleline_connect(sl, SAMPLELINE_CHANNEL, NULL);
    t += 3600000;
    sampleline_step(sl, t, &ch, &tap);
    assert_true(sampleline_output(sl)->cod == 150);
    /* a step back in time is ignored */
    water odd = wq(7);
    sampleline_step(sl, t - 1, &odd, &odd);
    assert_true(sampleline_intake(sl)->cod == 150);
    sampleline_free(sl);
}

static void test_names_and_limits(void **state)
{
    water w = wq(1);
    assert_int_equal(sampleline_source_from_name("channel"), SAMPLELINE_CHANNEL);
    assert_int_equal(sampleline_source_from_name("tap"), SAMPLELINE_TAP);
    assert_int_equal(sampleline_source_from_name("bucket"), SAMPLELINE_BUCKET);
    assert_int_equal(sampleline_source_from_name("river"), -1);
    assert_null(sampleline_new(-1, 1000, 0, &w));
    assert_null(sampleline_new(1000, 0, 0, &w));
    assert_null(sampleline_new(SAMPLELINE_MAX_BINS * INT64_C(1000), 1000, 0, &w));
    sampleline *sl = sampleline_new(0, 1000, 0, &w); /* no delay: intake at once */
    water x = wq(5);
    sampleline_step(sl, 1000, &x, &x);
    assert_true(sampleline_output(sl)->cod == 5);
    sampleline_free(sl);
    sl = sampleline_new(94000, 10000, 0, &w); /* rounded to whole bins */
    assert_int_equal(sampleline_delay(sl), 90000);
    sampleline_free(sl);
    sampleline_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delay),
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_names_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
