/* test_gcfid.c — VOCs GC-FID: cycles, NMHC = THC - CH4, the flame and its supplies,
 * cylinders and calibration, dilution of the sample, registers. */
#include "hwtest.h"
#include "gcfid.h"

#define T0 cst(2022, 2, 8, 0, 10, 30) /* between cycles: the next starts at 00:12:00 */

static gcfid *make(int auto_cal)
{
    gcfid_config c;
    gcfid_config_default(&c);
    c.start = T0;
    gcfid *g = gcfid_new(&c);
    assert_non_null(g);
    assert_int_equal(gcfid_set(g, GCFID_P_CAL_AUTO, auto_cal, HWDEV_SRC_SCENARIO), 0);
    gas s = {.thc = 30.0, .ch4 = 10.0, .o2 = 19.0};
    gcfid_set_sample(g, &s);
    return g;
}

static void run_to(gcfid *g, double t, double dt)
{
    while (gcfid_time(g) < t) {
        double h = t - gcfid_time(g);
        gcfid_step(g, h < dt ? h : dt);
    }
}

/* Cycles every 120 s from local midnight; each result at the cycle's end, stamped with its
 * start; NMHC = THC - CH4. */
static void test_cycles(void **state)
{
    gcfid *g = make(0);
    run_to(g, cst(2022, 2, 8, 0, 13, 59), 7.0);
    assert_int_equal(gcfid_log_count(g), 0);
    assert_int_equal(gcfid_state(g), GCFID_ANALYSING);
    run_to(g, cst(2022, 2, 8, 0, 14, 0), 7.0);
    assert_int_equal(gcfid_log_count(g), 1);
    assert_near(gcfid_thc(g), 30.0, 1e-12);
    assert_near(gcfid_ch4(g), 10.0, 1e-12);
    assert_near(gcfid_nmhc(g), 20.0, 1e-12);
    gcfid_result r;
    assert_int_equal(gcfid_log_get(g, 0, &r), 0);
    assert_true(r.sample_time == cst(2022, 2, 8, 0, 12, 0));
    assert_int_equal(r.flag, 'N');
    assert_int_equal(r.published, 1);
    /* the sample is taken at the cycle's start: a change after it waits for the next */
    run_to(g, cst(2022, 2, 8, 0, 14, 30), 7.0);
    gas s = {.thc = 80.0, .ch4 = 20.0};
    gcfid_set_sample(g, &s);
    run_to(g, cst(2022, 2, 8, 0, 16, 0), 7.0);
    assert_near(gcfid_nmhc(g), 20.0, 1e-12);
    run_to(g, cst(2022, 2, 8, 0, 18, 0), 7.0);
    assert_near(gcfid_nmhc(g), 60.0, 1e-12);
    assert_int_equal(gcfid_log_count(g), 3);
    /* CH4 above THC (noise at low levels): NMHC 0, qualifier bit 0 */
    s.thc = 5.0;
    s.ch4 = 6.0;
    gcfid_set_sample(g, &s);
    run_to(g, cst(2022, 2, 8, 0, 22, 0), 7.0);
    assert_near(gcfid_nmhc(g), 0.0, 0);
    hwdev d = gcfid_hwdev(g);
    uint16_t q;
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x0A, 1, &q), 0);
    assert_int_equal(q & 1, 1);
    /* over range: the top, flag T */
    s.thc = 500.0;
    s.ch4 = 10.0;
    gcfid_set_sample(g, &s);
    run_to(g, cst(2022, 2, 8, 0, 26, 0), 7.0);
    assert_near(gcfid_thc(g), 200.0, 0);
    assert_int_equal(gcfid_flag(g), 'T');
    /* clean air into the sample at half the flow: both fall toward the background */
    s.thc = 30.0;
    gcfid_set_sample(g, &s);
    gcfid_inject(g, &gas_air, 0.5);
    run_to(g, cst(2022, 2, 8, 0, 30, 0), 7.0);
    assert_near(gcfid_thc(g), 0.5 * 30.0 + 0.5 * gas_air.thc, 1e-12);
    assert_near(gcfid_ch4(g), 0.5 * 10.0 + 0.5 * gas_air.ch4, 1e-12);
    assert_near(gcfid_nmhc(g), 0.5 * 20.0 + 0.5 * (gas_air.thc - gas_air.ch4), 1e-9);
    gcfid_inject(g, NULL, 0.0);
    /* a longer cycle from now on */
    assert_int_equal(gcfid_set(g, GCFID_P_CYCLE, 300.0, HWDEV_SRC_PANEL), 0);
    size_t n = gcfid_log_count(g);
    run_to(g, cst(2022, 2, 8, 1, 0, 0), 7.0);
    /* the running 120 s cycle (00:30), then 00:35 00:40 00:45 00:50 00:55 */
    assert_int_equal(gcfid_log_count(g), n + 6);
    gcfid_free(g);
}

/* The flame: no hydrogen, no flame, no cycles, flag D; back, it reignites in 600 s. */
static void test_flame(void **state)
{
    gcfid *g = make(0);
    run_to(g, cst(2022, 2, 8, 0, 15, 0), 5.0); /* one result, a cycle running */
    assert_int_equal(gcfid_log_count(g), 1);
    gcfid_set_supply(g, 0.0, 0.4);
    assert_int_equal(gcfid_flame(g), 0);
    assert_int_equal(gcfid_state(g), GCFID_FLAME_OUT);
    assert_int_equal(gcfid_flag(g), 'D');
    assert_true(gcfid_alarm(g) & GCFID_ALARM_FLAME_OUT);
    assert_true(gcfid_alarm(g) & GCFID_ALARM_LOW_H2);
    gas s = {.thc = 90.0, .ch4 = 10.0};
    gcfid_set_sample(g, &s);
    run_to(g, cst(2022, 2, 8, 1, 0, 0), 5.0);
    assert_int_equal(gcfid_log_count(g), 1); /* the running cycle was lost, no more */
    assert_near(gcfid_nmhc(g), 20.0, 0);     /* held */
    assert_int_equal(gcfid_command(g, GCFID_CMD_ZERO_CHECK, HWDEV_SRC_PANEL), HWDEV_EX_FAILURE);
    gcfid_set_supply(g, 0.3, 0.4);
    assert_int_equal(gcfid_state(g), GCFID_IGNITING);
    run_to(g, cst(2022, 2, 8, 1, 9, 59), 5.0);
    assert_int_equal(gcfid_flame(g), 0);
    run_to(g, cst(2022, 2, 8, 1, 10, 0), 5.0);
    assert_int_equal(gcfid_flame(g), 1);
    run_to(g, cst(2022, 2, 8, 1, 14, 0), 5.0);
    assert_int_equal(gcfid_log_count(g), 3); /* 01:10 and 01:12 */
    assert_near(gcfid_nmhc(g), 80.0, 1e-12);
    /* the knob: blown out, it relights by itself once stabilised */
    gcfid_flame_out(g);
    assert_int_equal(gcfid_state(g), GCFID_IGNITING);
    hwdev d = gcfid_hwdev(g);
    uint16_t r[0x14];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x30, 0x14, r), 0);
    assert_int_equal(r[0], GCFID_IGNITING);
    assert_int_equal(r[1], 0);
    assert_int_equal(r[6], 0);
    assert_near(hwreg_get_f32(r + 7, HWREG_CDAB), 0.3, 1e-7);
    /* air lost while it ignites: it waits for the air */
    gcfid_set_supply(g, 0.3, 0.05);
    run_to(g, cst(2022, 2, 8, 2, 0, 0), 5.0);
    assert_int_equal(gcfid_state(g), GCFID_FLAME_OUT);
    assert_true(gcfid_alarm(g) & GCFID_ALARM_LOW_AIR);
    gcfid_free(g);
}

/* Calibration: zero air then the span cylinder; a span cylinder holding more than its
 * labels makes every later value low. */
static void test_calibration(void **state)
{
    gcfid *g = make(0);
    run_to(g, cst(2022, 2, 8, 0, 13, 0), 5.0); /* the 00:12 cycle runs on: it stays sample */
    assert_int_equal(gcfid_command(g, GCFID_CMD_CALIBRATE, HWDEV_SRC_SCENARIO), 0);
    assert_int_equal(gcfid_command(g, GCFID_CMD_SPAN_CHECK, HWDEV_SRC_SCENARIO), HWDEV_EX_BUSY);
    run_to(g, cst(2022, 2, 8, 0, 14, 10), 5.0);
    assert_int_equal(gcfid_state(g), GCFID_CALIBRATING);
    assert_int_equal(gcfid_flag(g), 'C');
    gcfid_set_cylinder(g, GCFID_CYL_SPAN, 60.0, 25.0); /* labels 50 and 20 */
    run_to(g, cst(2022, 2, 8, 0, 18, 0), 5.0);         /* zero 00:14, span 00:16 */
    assert_int_equal(gcfid_state(g), GCFID_ANALYSING);
    assert_near(gcfid_get(g, GCFID_P_SLOPE_THC), 50.0 / 60.0, 1e-12);
    assert_near(gcfid_get(g, GCFID_P_SLOPE_CH4), 20.0 / 25.0, 1e-12);
    assert_near(gcfid_nmhc(g), 20.0, 1e-12); /* held through the calibration */
    run_to(g, cst(2022, 2, 8, 0, 20, 0), 5.0);
    assert_near(gcfid_thc(g), 25.0, 1e-9);
    assert_near(gcfid_ch4(g), 8.0, 1e-9);
    assert_near(gcfid_nmhc(g), 17.0, 1e-9);
    gcfid_result r;
    assert_int_equal(gcfid_log_get(g, 1, &r), 0); /* the span cycle */
    assert_int_equal(r.source, 2);
    assert_int_equal(r.published, 0);
    assert_near(r.true_thc, 60.0, 0);
    /* the span check after it passes: the cylinder reads its labels */
    assert_int_equal(gcfid_command(g, GCFID_CMD_SPAN_CHECK, HWDEV_SRC_SCENARIO), 0);
    run_to(g, cst(2022, 2, 8, 0, 24, 0), 5.0);
    hwdev d = gcfid_hwdev(g);
    uint16_t c[0x13];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10, 0x13, c), 0);
    assert_near(hwreg_get_f32(c + 7, HWREG_CDAB), 50.0, 1e-4);
    assert_near(hwreg_get_f32(c + 9, HWREG_CDAB), 20.0, 1e-4);
    assert_near(hwreg_get_f32(c + 0x0B, HWREG_CDAB), 0.0, 1e-4);
    assert_int_equal(c[0x12], 1);
    /* the daily calibration at 02:00 */
    assert_int_equal(gcfid_set(g, GCFID_P_CAL_AUTO, 1, HWDEV_SRC_SCENARIO), 0);
    gcfid_set_cylinder(g, GCFID_CYL_SPAN, 50.0, 20.0);
    run_to(g, cst(2022, 2, 8, 2, 0, 30), 5.0);
    assert_int_equal(gcfid_state(g), GCFID_CALIBRATING);
    run_to(g, cst(2022, 2, 8, 2, 6, 0), 5.0);
    assert_near(gcfid_get(g, GCFID_P_SLOPE_THC), 1.0, 1e-12);
    assert_near(gcfid_thc(g), 30.0, 1e-9);
    /* a calibration outside its limits is refused */
    gcfid_set_cylinder(g, GCFID_CYL_SPAN, 5.0, 2.0);
    assert_int_equal(gcfid_command(g, GCFID_CMD_CALIBRATE, HWDEV_SRC_SCENARIO), 0);
    run_to(g, cst(2022, 2, 8, 2, 12, 0), 5.0);
    assert_true(gcfid_alarm(g) & GCFID_ALARM_CAL_FAIL);
    assert_near(gcfid_get(g, GCFID_P_SLOPE_THC), 1.0, 1e-12);
    gcfid_free(g);
}

static void test_registers(void **state)
{
    gcfid *g = make(1);
    run_to(g, cst(2022, 2, 8, 0, 14, 0), 5.0);
    hwdev d = gcfid_hwdev(g);
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0);
    uint16_t r[0x16], w[2];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x10, r), 0);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_NMHC, 0, 0x10, r), 20.0, 1e-5);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_THC, 0, 0x10, r), 30.0, 1e-5);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_CH4, 0, 0x10, r), 10.0, 1e-5);
    assert_true(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_TIME, 0, 0x10, r) ==
                cst(2022, 2, 8, 0, 12, 0));
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_FLAG, 0, 0x10, r), 'N', 0);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_COUNT, 0, 0x10, r), 1, 0);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_AREA_THC, 0, 0x10, r), 30.0, 1e-5);
    /* the phase of the running cycle: 00:14:10 is in injection, 00:15 separating */
    run_to(g, cst(2022, 2, 8, 0, 14, 10), 5.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x32, 2, r), 0);
    assert_int_equal(r[0], GCFID_PH_INJECT);
    assert_int_equal(r[1], 110);
    run_to(g, cst(2022, 2, 8, 0, 15, 0), 5.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x32, 1, r), 0);
    assert_int_equal(r[0], GCFID_PH_SEPARATE);
    run_to(g, cst(2022, 2, 8, 0, 15, 50), 5.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x32, 1, r), 0);
    assert_int_equal(r[0], GCFID_PH_BACKFLUSH);
    /* parameters by FC 16: the THC slope, read back, counted */
    hwreg_put_f32(w, 0.5f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x54, 2, w), 0);
    assert_near(gcfid_get(g, GCFID_P_SLOPE_THC), 0.5, 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x41, 3, r), 0);
    assert_int_equal(r[0], 2); /* cal_auto by make(), then this */
    assert_int_equal(r[1], 0x54);
    assert_int_equal(r[2], HWDEV_SRC_MODBUS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x50, 0x16, r), 0);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_PARAM + GCFID_P_CAL_START, 0x50, 0x16, r),
                120.0, 0);
    assert_near(hwreg_decode(&gcfid_regmap, &lay, GCFID_R_PARAM + GCFID_P_CYCLE, 0x50, 0x16, r),
                120.0, 0);
    hwreg_put_f32(w, 30.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x50, 2, w), HWDEV_EX_VALUE); /* cycle under 60 s */
    assert_int_equal(d.ops->write(d.dev, 0x00, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x23, 1, r), HWDEV_EX_ADDRESS);
    /* stop and start by FC 16 */
    uint16_t cmd = GCFID_CMD_STOP;
    assert_int_equal(d.ops->write(d.dev, 0x70, 1, &cmd), 0);
    assert_int_equal(gcfid_state(g), GCFID_STANDBY);
    size_t n = gcfid_log_count(g);
    run_to(g, cst(2022, 2, 8, 0, 30, 0), 5.0);
    assert_int_equal(gcfid_log_count(g), n);
    cmd = GCFID_CMD_START;
    assert_int_equal(d.ops->write(d.dev, 0x70, 1, &cmd), 0);
    run_to(g, cst(2022, 2, 8, 0, 34, 0), 5.0);
    assert_int_equal(gcfid_log_count(g), n + 1);
    cmd = 42;
    assert_int_equal(d.ops->write(d.dev, 0x70, 1, &cmd), HWDEV_EX_VALUE);
    /* knobs: frozen, the calibration flag held, a fault */
    gcfid_freeze(g, 9.0, 19.0, 10.0);
    assert_near(gcfid_nmhc(g), 9.0, 0);
    gcfid_hold_cal_flag(g, 1);
    assert_int_equal(gcfid_flag(g), 'C');
    gcfid_hold_cal_flag(g, 0);
    gcfid_set_maintenance(g, 1);
    assert_int_equal(gcfid_flag(g), 'M');
    gcfid_set_fault(g, 5);
    assert_int_equal(gcfid_flag(g), 'D');
    assert_int_equal(gcfid_state(g), GCFID_FAULT);
    assert_int_equal(gcfid_param_by_name("ch4_label"), GCFID_P_CH4_LABEL);
    assert_int_equal(gcfid_cmd_by_name("calibrate"), GCFID_CMD_CALIBRATE);
    gcfid_free(g);
}

/* The same seed, the same noisy results. */
static void test_noise(void **state)
{
    gcfid_config c;
    gcfid_config_default(&c);
    c.start = T0;
    c.noise_rel = 0.02;
    c.seed = 9;
    gcfid *a = gcfid_new(&c), *b = gcfid_new(&c);
    gas s = {.thc = 30.0, .ch4 = 10.0};
    gcfid_set_sample(a, &s);
    gcfid_set_sample(b, &s);
    double sum = 0.0;
    for (int i = 0; i < 200; i++) {
        run_to(a, T0 + 600.0 + 120.0 * i, 30.0);
        run_to(b, T0 + 600.0 + 120.0 * i, 30.0);
        assert_true(gcfid_nmhc(a) == gcfid_nmhc(b));
        sum += gcfid_thc(a);
    }
    assert_near(sum / 200.0, 30.0, 0.3);
    gcfid_free(a);
    gcfid_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycles),      cmocka_unit_test(test_flame),
        cmocka_unit_test(test_calibration), cmocka_unit_test(test_registers),
        cmocka_unit_test(test_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
