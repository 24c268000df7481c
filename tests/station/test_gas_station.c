/*
 * The gas and VOCs station assembly (sim/world/station-gas.c, stack.c): a coal boiler's
 * analyzers see the stack gas after the sampling chain; air drawn into the probe dilutes
 * every gas but leaves the in-situ O2; a cold line takes the SO2 and little NOx; the FGD
 * off raises the SO2; the bypass damper lowers the monitored flow; an RTO below its
 * temperature lets the NMHC through; every unit of the registers.md gas table answers;
 * the same seed gives the same registers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hjtime.h"
#include "station.h"

#define T_0208 INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */
#define MIN    HJTIME_MINUTE_MS
#define HOUR   HJTIME_HOUR_MS

static station *mk(int profile, uint64_t seed)
{
    station_cfg c;
    assert_int_equal(station_cfg_default_gas(&c, profile), 0);
    snprintf(c.mn, sizeof c.mn, "33040001GAS%04d", profile);
    c.gas.stack.noise = 0;
    c.gas.stack.pattern = 0;
    char err[160] = "";
    station *st = station_new(&c, seed, T_0208, err, sizeof err);
    if (!st) fail_msg("station_new: %s", err);
    return st;
}

static double val(station *st, int g)
{
    return gasan_value(station_gasan_at(st, g), 0);
}

static void coal_boiler_sees_its_stack(void **state)
{
    (void)state;
    station *st = mk(STACK_COAL_BOILER, 7);
    assert_int_equal(station_get_kind(st), STATION_GAS);
    station_step(st, T_0208 + 3 * HOUR + 30 * MIN); /* after the 02:00 calibration */
    const stack_out *o = stack_output(station_stack(st));
    double so2 = val(st, STATION_G_SO2), o2 = val(st, STATION_G_O2);
    /* the chiller leaves 0.8 % water in the sample: the analyzers read a little low */
    assert_true(fabs(so2 - o->g.so2) < 0.02 * o->g.so2 + 1);
    assert_true(fabs(o2 - o->g.o2) < 0.05); /* in situ */
    assert_true(o2 > 5.5 && o2 < 7.5);
    /* converted SO2 of the design: raw 2000 at 6 % O2, FGD 98.8 % */
    double zs = so2 * (21 - 6.0) / (21 - o2);
    assert_true(zs > 20 && zs < 28);
    assert_true(flue_qsn(station_flue(st)) > 0.9 * o->qsn && flue_qsn(station_flue(st)) < 1.1 * o->qsn);
    station_free(st);
}

static void probe_leak_dilutes_but_not_insitu_o2(void **state)
{
    (void)state;
    station *st = mk(STACK_COAL_BOILER, 7);
    station_step(st, T_0208 + 3 * HOUR);
    double so2 = val(st, STATION_G_SO2), nox = gasan_value(station_gasan_at(st, STATION_G_NOX), 0),
           o2 = val(st, STATION_G_O2);
    assert_int_equal(station_probe_leak(st, 0.4), 0);
    station_step(st, T_0208 + 3 * HOUR + 20 * MIN);
    assert_true(fabs(val(st, STATION_G_SO2) / so2 - 0.6) < 0.03);
    assert_true(fabs(gasan_value(station_gasan_at(st, STATION_G_NOX), 0) / nox - 0.6) < 0.03);
    assert_true(fabs(val(st, STATION_G_O2) - o2) < 0.05);
    assert_int_equal(station_probe_leak(st, 1.5), -1);
    station_free(st);
}

static void cold_line_takes_so2(void **state)
{
    (void)state;
    station *st = mk(STACK_COAL_BOILER, 7);
    station_step(st, T_0208 + 3 * HOUR);
    double so2 = val(st, STATION_G_SO2), no = gasan_value(station_gasan_at(st, STATION_G_NOX), 0);
    assert_int_equal(station_line_set(st, "heat", 0), 0);
    station_step(st, T_0208 + 6 * HOUR);
    assert_true(sampling_line_temp(station_sampling(st)) < 40);
    assert_true(val(st, STATION_G_SO2) < 0.3 * so2);
    assert_true(gasan_value(station_gasan_at(st, STATION_G_NOX), 0) > 0.9 * no);
    assert_int_equal(station_line_set(st, "no_such", 1), -1);
    station_free(st);
}

static void fgd_off_and_bypass(void **state)
{
    (void)state;
    station *st = mk(STACK_COAL_BOILER, 7);
    station_step(st, T_0208 + 3 * HOUR);
    double so2 = val(st, STATION_G_SO2), q = flue_qsn(station_flue(st));
    assert_int_equal(station_facility_set(st, "fgd", 0), 0);
    station_step(st, T_0208 + 3 * HOUR + 15 * MIN);
    assert_true(val(st, STATION_G_SO2) > 5 * so2); /* up to the range's top */
    assert_int_equal(station_meter_count(st), 4);  /* fan, FGD, SCR, bag filter */
    assert_string_equal(station_meter_name(st, 1), "fgd");
    assert_int_equal(station_damper_set(st, 0.5), 0);
    station_step(st, T_0208 + 3 * HOUR + 30 * MIN);
    assert_true(fabs(flue_qsn(station_flue(st)) / q - 0.5) < 0.05);
    assert_int_equal(station_facility_set(st, "rto", 0), -1); /* not fitted */
    station_free(st);
}

static void plant_stop_fills_with_air(void **state)
{
    (void)state;
    station *st = mk(STACK_GAS_BOILER, 3);
    station_step(st, T_0208 + 3 * HOUR);
    int off = 0;
    assert_int_equal(station_gas_plant(st, NULL, &off, NULL, NULL), 0);
    station_step(st, T_0208 + 5 * HOUR);
    assert_true(val(st, STATION_G_O2) > 20.5);
    assert_true(val(st, STATION_G_SO2) < 1.5);
    int on = 0;
    assert_int_equal(station_meter_feed(st, 0, &on, NULL, NULL), 0);
    assert_int_equal(on, 0); /* the fan stopped */
    station_free(st);
}

static void rto_cold_lets_nmhc_through(void **state)
{
    (void)state;
    station *st = mk(STACK_COATING_VOCS, 5);
    assert_int_equal(station_get_kind(st), STATION_VOCS);
    assert_non_null(station_gcfid(st));
    assert_null(station_gasan_at(st, STATION_G_SO2));
    station_step(st, T_0208 + 4 * HOUR);
    double nmhc = gcfid_nmhc(station_gcfid(st));
    assert_true(nmhc > 10 && nmhc < 30); /* 600 mg/m3 raw, 97 % destroyed */
    assert_int_equal(station_rto_set(st, 600), 0);
    station_step(st, T_0208 + 8 * HOUR);
    assert_true(gcfid_nmhc(station_gcfid(st)) > 3 * nmhc);
    station_free(st);
}

static void every_unit_answers(void **state)
{
    (void)state;
    station *st = mk(STACK_COAL_BOILER, 7);
    station_step(st, T_0208 + 10 * MIN);
    static const int units[] = {1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        hwdev d = station_device(st, units[i]);
        if (!d.ops) fail_msg("unit %d absent", units[i]);
        uint16_t w[2];
        assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 2, w), 0);
    }
    assert_null(station_device(st, 5).ops);  /* no CO2 analyzer by default */
    assert_null(station_device(st, 13).ops); /* no GC-FID on a boiler */
    assert_null(station_device(st, 25).ops);
    station_free(st);
}

static void same_seed_same_registers(void **state)
{
    (void)state;
    station_cfg c;
    assert_int_equal(station_cfg_default_gas(&c, STACK_WASTE_INCINERATOR), 0);
    snprintf(c.mn, sizeof c.mn, "33040001WTE0001");
    station *a = station_new(&c, 11, T_0208, NULL, 0), *b = station_new(&c, 11, T_0208, NULL, 0);
    assert_non_null(a);
    assert_non_null(b);
    station_step(a, T_0208 + 5 * HOUR);
    for (int64_t t = T_0208; t <= T_0208 + 5 * HOUR; t += 7 * MIN)
        station_step(b, t); /* cut otherwise */
    station_step(b, T_0208 + 5 * HOUR);
    for (int u = 1; u <= 24; u++) {
        hwdev da = station_device(a, u), db = station_device(b, u);
        if (!da.ops) continue;
        uint16_t wa[16], wb[16];
        assert_int_equal(da.ops->read(da.dev, HWDEV_HOLDING, 0, 16, wa), db.ops->read(db.dev, HWDEV_HOLDING, 0, 16, wb));
        assert_memory_equal(wa, wb, sizeof wa);
    }
    station_free(a);
    station_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(coal_boiler_sees_its_stack), cmocka_unit_test(probe_leak_dilutes_but_not_insitu_o2),
        cmocka_unit_test(cold_line_takes_so2),        cmocka_unit_test(fgd_off_and_bypass),
        cmocka_unit_test(plant_stop_fills_with_air),  cmocka_unit_test(rto_cold_lets_nmhc_through),
        cmocka_unit_test(every_unit_answers),         cmocka_unit_test(same_seed_same_registers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
