/* Channel: mass balance, pH on ions, tap water, meter position, inflow handles. (The
 * mixing itself: water_mix, tests/hw-models/test_hwreg.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "channel.h"

#define T_0208 INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */

static void near_abs(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol)) fail_msg("got %.15g want %.15g", got, want);
}

static water effluent(void)
{
    water w = {
        .cod = 150, .toc = 50, .nh3n = 8, .tp = 0.8, .tn = 20, .ph = 7.6, .temp = 30, .cond = 4200};
    return w;
}

static void test_tap_dilution(void **state)
{
    channel *ch = channel_new();
    water e = effluent(), tap;
    channel_tap_quality(T_0208, &tap);
    near_abs(tap.cod, 2.0, 0);
    near_abs(tap.nh3n, 0.05, 0);
    near_abs(tap.ph, 7.2, 0);
    near_abs(tap.cond, 300, 0);
    assert_true(tap.temp > 7 && tap.temp < 10); /* early February */
    channel_step(ch, T_0208, 80, &e);
    const channel_out *o = channel_output(ch);
    near_abs(o->sample.cod, 150, 0);
    near_abs(o->sample_m3h, 80, 0);
    channel_inflow in = {.source = CHANNEL_TAP, .m3h = 25, .hidden = 1};
    int h = channel_add_inflow(ch, &in);
    assert_true(h >= 1);
    channel_step(ch, T_0208 + 1000, 80, &e);
    near_abs(o->sample_m3h, 105, 1e-12);
    near_abs(o->added_m3h, 25, 0);
    near_abs(o->sample.cod, (80 * 150 + 25 * tap.cod) / 105.0, 1e-9);
    near_abs(o->sample.cod, 114.76190476190476, 1e-9);
    near_abs(o->sample.nh3n, (80 * 8 + 25 * 0.05) / 105.0, 1e-9);
    near_abs(o->sample.tp, (80 * 0.8 + 25 * 0.02) / 105.0, 1e-9);
    near_abs(o->sample.tn, (80 * 20 + 25 * 1.0) / 105.0, 1e-9);
    near_abs(o->sample.toc, (80 * 50 + 25 * 1.0) / 105.0, 1e-9);
    near_abs(o->sample.cond, (80 * 4200 + 25 * 300) / 105.0, 1e-9);
    near_abs(o->sample.temp, (80 * 30 + 25 * tap.temp) / 105.0, 1e-9);
    /* mass balance: load in = load out */
    near_abs(o->sample.cod * o->sample_m3h, 80 * 150 + 25 * tap.cod, 1e-9);
    /* meter downstream (default) sees the pipe */
    near_abs(o->meter_m3h, 105, 1e-12);
    channel_set_meter(ch, CHANNEL_METER_UPSTREAM);
    channel_step(ch, T_0208 + 2000, 80, &e);
    near_abs(o->meter_m3h, 80, 0);
    near_abs(o->meter.cod, 150, 0);
    near_abs(o->sample.cod, 114.76190476190476, 1e-9); /* sampling point still diluted */
    /* stop the pipe */
    channel_inflow got;
    int gh = 0;
    assert_int_equal(channel_inflow_count(ch), 1);
    assert_int_equal(channel_inflow_get(ch, 0, &got, &gh), 0);
    assert_int_equal(gh, h);
    assert_int_equal(got.hidden, 1);
    assert_int_equal(channel_inflow_get(ch, 1, &got, &gh), -1);
    assert_int_equal(channel_stop(ch, h), 0);
    assert_int_equal(channel_stop(ch, h), -1);
    channel_step(ch, T_0208 + 3000, 80, &e);
    near_abs(o->sample.cod, 150, 1e-12);
    near_abs(o->sample_m3h, 80, 0);
    channel_free(ch);
}

static void test_channel_ph_and_rain(void **state)
{
    channel *ch = channel_new();
    water e = effluent();
    e.ph = 9.0;
    channel_inflow in = {.source = CHANNEL_TAP, .m3h = 80};
    channel_add_inflow(ch, &in);
    channel_step(ch, T_0208, 80, &e);
    const channel_out *o = channel_output(ch);
    double acid = 0.5 * (water_ph_to_acid(9.0) + water_ph_to_acid(7.2));
    near_abs(o->sample.ph, water_acid_to_ph(acid), 1e-9);
    assert_true(o->sample.ph > 8.7); /* 8.72, not the linear 8.1 */
    /* rain and a custom source */
    water rain, custom = effluent();
    channel_rain_quality(T_0208, &rain);
    custom.cod = 1000;
    channel_inflow r = {.source = CHANNEL_RAIN, .m3h = 20};
    channel_inflow c = {.source = CHANNEL_CUSTOM, .m3h = 10, .quality = custom};
    int hr = channel_add_inflow(ch, &r), hc = channel_add_inflow(ch, &c);
    assert_true(hr > 0 && hc > hr);
    channel_step(ch, T_0208 + 1, 80, &e);
    water tap;
    channel_tap_quality(T_0208 + 1, &tap);
    near_abs(o->sample.cod, (80 * 150 + 80 * tap.cod + 20 * rain.cod + 10 * 1000) / 190.0, 1e-9);
    assert_int_equal(channel_set_inflow_m3h(ch, hc, 0), 0);
    assert_int_equal(channel_set_inflow_m3h(ch, hc, -1), -1);
    channel_step(ch, T_0208 + 2, 80, &e);
    near_abs(o->sample.cod, (80 * 150 + 80 * tap.cod + 20 * rain.cod) / 180.0, 1e-9);
    channel_free(ch);
}

static void test_stagnant_and_limits(void **state)
{
    channel *ch = channel_new();
    water e = effluent();
    channel_step(ch, T_0208, 80, &e);
    water e2 = e;
    e2.cod = 999;
    channel_step(ch, T_0208 + 1, 0, &e2); /* no flow: the channel keeps its water */
    const channel_out *o = channel_output(ch);
    near_abs(o->sample.cod, 150, 0);
    near_abs(o->sample_m3h, 0, 0);
    /* a pipe into a dry channel: pure tap water at the sampling point */
    channel_inflow in = {.source = CHANNEL_TAP, .m3h = 5};
    channel_add_inflow(ch, &in);
    channel_step(ch, T_0208 + 2, 0, &e2);
    near_abs(o->sample.cod, 2.0, 1e-12);
    /* bad inflows, full table */
    channel_inflow bad = {.source = 7, .m3h = 1};
    assert_int_equal(channel_add_inflow(ch, &bad), -1);
    bad.source = CHANNEL_TAP;
    bad.m3h = NAN;
    assert_int_equal(channel_add_inflow(ch, &bad), -1);
    for (int i = 1; i < CHANNEL_MAX_INFLOWS; i++)
        assert_true(channel_add_inflow(ch, &in) > 0);
    assert_int_equal(channel_add_inflow(ch, &in), -1);
    channel_free(ch);
    channel_free(NULL);
    assert_int_equal(channel_source_from_name("tap"), CHANNEL_TAP);
    assert_int_equal(channel_source_from_name("rain"), CHANNEL_RAIN);
    assert_int_equal(channel_source_from_name("custom"), CHANNEL_CUSTOM);
    assert_int_equal(channel_source_from_name("river"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_dilution),
        cmocka_unit_test(test_channel_ph_and_rain),
        cmocka_unit_test(test_stagnant_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
