/* test_gasan.c — gas analyzer: lag (T90), drift, cylinders and calibration, the daily
 * automatic calibration, NOx, knobs and flags, registers. */
#include "hwtest.h"
#include "gasan.h"

#include <string.h>

#define T0 cst(2022, 2, 8, 0, 10, 0) /* 00:10 local: the first automatic calibration at 02:00 */

static gasan *make(gasan_kind kind, int auto_cal)
{
    gasan_config c;
    gasan_config_default(&c, kind);
    c.start = T0;
    gasan *a = gasan_new(&c);
    assert_non_null(a);
    assert_int_equal(gasan_set(a, GASAN_P_CAL_AUTO, auto_cal, HWDEV_SRC_SCENARIO), 0);
    return a;
}

static void run_to(gasan *a, double t, double dt)
{
    while (gasan_time(a) < t) {
        double h = t - gasan_time(a);
        gasan_step(a, h < dt ? h : dt);
    }
}

static gas so2_gas(double so2)
{
    gas g = {.so2 = so2, .no = 80, .no2 = 5, .o2 = 6, .co2 = 12, .co = 20};
    return g;
}

/* A step of the sample reaches 90 % in T90, exactly e^-(t ln 10 / T90) short of it. */
static void test_lag_t90(void **state)
{
    gasan *a = make(GASAN_SO2, 0);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    run_to(a, T0 + 89.0, 1.0);
    assert_true(gasan_value(a, 0) < 90.0);
    run_to(a, T0 + 90.0, 1.0);
    assert_near(gasan_value(a, 0), 90.0, 1e-9);
    run_to(a, T0 + 180.0, 7.0);
    assert_near(gasan_value(a, 0), 99.0, 1e-9);
    /* a slower analyzer: T90 = 200 s */
    gasan *b = make(GASAN_SO2, 0);
    assert_int_equal(gasan_set(b, GASAN_P_T90, 200.0, HWDEV_SRC_PANEL), 0);
    gasan_set_sample(b, &g);
    run_to(b, T0 + 200.0, 3.0);
    assert_near(gasan_value(b, 0), 90.0, 1e-9);
    assert_near(gasan_cell(b, 0), 90.0, 1e-9);
    /* settled: the cell at its input at once */
    gasan_settle(b);
    assert_near(gasan_value(b, 0), 100.0, 1e-12);
    gasan_free(a);
    gasan_free(b);
}

/* Zero drift (fraction of the range per day) and span drift (relative per day) add up. */
static void test_drift(void **state)
{
    gasan_config c;
    gasan_config_default(&c, GASAN_SO2);
    c.start = T0;
    c.zero_drift[0] = 0.01; /* 2 mg/m3 a day on the 200 range */
    c.span_drift[0] = 0.02;
    gasan *a = gasan_new(&c);
    gasan_set(a, GASAN_P_CAL_AUTO, 0, HWDEV_SRC_SCENARIO);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_settle(a);
    run_to(a, T0 + 86400.0, 60.0);
    assert_near(gasan_value(a, 0), 1.02 * 100.0 + 2.0, 1e-6);
    run_to(a, T0 + 2 * 86400.0, 600.0);
    assert_near(gasan_value(a, 0), 1.04 * 100.0 + 4.0, 1e-6);
    gasan_free(a);
}

/* Runs command cmd and waits for its end (cylinders flow long enough to settle exactly). */
static void run_sequence(gasan *a, int cmd)
{
    gasan_set(a, GASAN_P_CAL_GAS, 1800.0, HWDEV_SRC_PANEL);
    gasan_set(a, GASAN_P_PURGE, 1800.0, HWDEV_SRC_PANEL);
    assert_int_equal(gasan_command(a, cmd, HWDEV_SRC_SCENARIO), 0);
    gasan_status st;
    gasan_get_status(a, &st);
    assert_int_equal(st.seq, cmd);
    assert_int_equal(st.flag, 'C');
    run_to(a, gasan_time(a) + 3 * 1800.0 + 1.0, 30.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.seq, 0);
    assert_int_equal(st.state, GASAN_MEASURING);
}

/* Calibration brings a drifted analyzer back to the labels; a span cylinder holding more
 * than its label then makes it read low by label/true. */
static void test_calibration(void **state)
{
    gasan *a = make(GASAN_SO2, 0);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_set_error(a, 0, 4.0, 0.05); /* zero +4 mg/m3, span +5 % */
    gasan_settle(a);
    assert_near(gasan_value(a, 0), 109.0, 1e-9);
    run_sequence(a, GASAN_CMD_CALIBRATE);
    assert_near(gasan_value(a, 0), 100.0, 1e-6);
    /* the records: zero check 4 (2 % of the range: pass), span check 172 (6 %: fail) */
    assert_int_equal(gasan_check_count(a), 2);
    gasan_check k;
    assert_int_equal(gasan_check_get(a, 1, &k), 0);
    assert_int_equal(k.cyl, GASAN_CYL_ZERO);
    assert_near(k.value, 4.0, 1e-6);
    assert_near(k.error, 2.0, 1e-6);
    assert_int_equal(k.calibrated, 0);
    assert_int_equal(gasan_check_get(a, 0, &k), 0);
    assert_int_equal(k.cyl, GASAN_CYL_SPAN);
    assert_near(k.value, 1.05 * 160.0 + 4.0, 1e-6);
    assert_near(k.truth, 160.0, 0);
    assert_int_equal(k.calibrated, 1);
    assert_near(k.slope, 160.0 / 168.0, 1e-9);
    assert_near(k.intercept, -4.0 * 160.0 / 168.0, 1e-6);
    gasan_status st;
    gasan_get_status(a, &st);
    assert_true(st.alarm & GASAN_ALARM_SPAN_FAIL);
    assert_false(st.alarm & GASAN_ALARM_ZERO_FAIL);
    assert_false(isnan(st.cal_time));
    /* the calibration is logged as parameter changes with the command's source */
    gasan_change ch;
    assert_int_equal(gasan_change_get(a, 0, &ch), 0);
    assert_int_equal(ch.param, GASAN_PC(0, GASAN_P_INTERCEPT));
    assert_int_equal(ch.source, HWDEV_SRC_SCENARIO);

    /* the span cylinder swapped: labelled 160, it holds 200 */
    gasan_set_cylinder(a, 0, GASAN_CYL_SPAN, 200.0);
    assert_near(gasan_cylinder(a, 0, GASAN_CYL_SPAN), 200.0, 0);
    run_sequence(a, GASAN_CMD_CALIBRATE);
    assert_near(gasan_value(a, 0), 80.0, 1e-6);
    /* and the span check after it passes: the cylinder reads its label */
    run_sequence(a, GASAN_CMD_SPAN_CHECK);
    assert_int_equal(gasan_check_get(a, 0, &k), 0);
    assert_near(k.value, 160.0, 1e-6);
    assert_near(k.truth, 200.0, 0);
    assert_int_equal(k.calibrated, 0);
    gasan_get_status(a, &st);
    assert_false(st.alarm & GASAN_ALARM_SPAN_FAIL);

    gasan_free(a);

    /* a span calibration alone keeps the intercept: exact for a span drift */
    gasan *b = make(GASAN_SO2, 0);
    gasan_set_sample(b, &g);
    gasan_set_error(b, 0, 0.0, 0.05);
    run_sequence(b, GASAN_CMD_SPAN_CAL);
    assert_near(gasan_get(b, GASAN_P_SLOPE), 160.0 / 168.0, 1e-9);
    assert_near(gasan_value(b, 0), 100.0, 1e-6);
    /* a zero calibration on a zero cylinder that holds 10 (labelled 0): every value 10 low */
    gasan_set_cylinder(b, 0, GASAN_CYL_ZERO, 10.0);
    run_sequence(b, GASAN_CMD_ZERO_CAL);
    assert_near(gasan_value(b, 0), 90.0, 1e-6);
    /* a calibration beyond the analyzer's limits is refused: nothing changes */
    gasan_set_cylinder(b, 0, GASAN_CYL_ZERO, 0.0);
    gasan_set_cylinder(b, 0, GASAN_CYL_SPAN, 20.0);
    double slope = gasan_get(b, GASAN_P_SLOPE);
    run_sequence(b, GASAN_CMD_CALIBRATE);
    gasan_get_status(b, &st);
    assert_true(st.alarm & GASAN_ALARM_CAL_FAIL);
    assert_true(gasan_get(b, GASAN_P_SLOPE) == slope);
    assert_near(gasan_value(b, 0), 90.0, 1e-6);
    gasan_free(b);
}

/* The daily automatic calibration: 02:00 local, 15 minutes of flag C, then measuring. */
static void test_auto_calibration(void **state)
{
    gasan *a = make(GASAN_SO2, 1);
    gas g = so2_gas(50.0);
    gasan_set_sample(a, &g);
    gasan_settle(a);
    gasan_status st;
    gasan_get_status(a, &st);
    assert_true(st.next_cal == cst(2022, 2, 8, 2, 0, 0));
    run_to(a, cst(2022, 2, 8, 1, 59, 59), 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.state, GASAN_MEASURING);
    assert_int_equal(st.flag, 'N');
    run_to(a, cst(2022, 2, 8, 2, 0, 1), 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.state, GASAN_CALIBRATING);
    assert_int_equal(st.i12001, 3);
    assert_int_equal(st.phase, GASAN_PH_ZERO);
    assert_int_equal(st.manual, 0);
    assert_int_equal(st.flag, 'C');
    run_to(a, cst(2022, 2, 8, 2, 5, 1), 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.phase, GASAN_PH_SPAN);
    run_to(a, cst(2022, 2, 8, 2, 10, 1), 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.phase, GASAN_PH_PURGE);
    run_to(a, cst(2022, 2, 8, 2, 15, 0), 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.state, GASAN_MEASURING);
    assert_true(st.cal_time == cst(2022, 2, 8, 2, 10, 0));
    assert_true(st.next_cal == cst(2022, 2, 9, 2, 0, 0));
    assert_int_equal(gasan_check_count(a), 2);
    /* maintenance skips it; a manual command still runs */
    gasan_set_maintenance(a, 1);
    run_to(a, cst(2022, 2, 9, 2, 30, 0), 60.0);
    assert_int_equal(gasan_check_count(a), 2);
    gasan_get_status(a, &st);
    assert_int_equal(st.flag, 'M');
    assert_int_equal(st.i12001, 1);
    gasan_set_maintenance(a, 0);
    /* moved to 03:30 (register units: minutes) */
    hwdev d = gasan_hwdev(a);
    uint16_t w[2];
    hwreg_put_f32(w, 210.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x82, 2, w), 0);
    gasan_get_status(a, &st);
    assert_true(st.next_cal == cst(2022, 2, 9, 3, 30, 0));
    gasan_free(a);
}

/* NOx: two components, NO and NO2, and NOx as NO2. */
static void test_nox(void **state)
{
    gasan *a = make(GASAN_NOX, 0);
    assert_int_equal(gasan_components(a), 2);
    assert_int_equal(gasan_species(a, 0), GAS_NO);
    assert_int_equal(gasan_species(a, 1), GAS_NO2);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_settle(a);
    gasan_status st;
    gasan_get_status(a, &st);
    assert_near(st.value[0], 80.0, 1e-12);
    assert_near(st.value[1], 5.0, 1e-12);
    assert_near(st.nox, 80.0 * 46.006 / 30.006 + 5.0, 1e-9);
    hwdev d = gasan_hwdev(a);
    uint16_t r[0x20];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x17, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 80.0f);
    assert_near(hwreg_get_f32(r + 2, HWREG_CDAB), 80.0 / (30.006 / 22.414), 1e-3); /* ppm */
    assert_true(hwreg_get_f32(r + 8, HWREG_CDAB) == 5.0f);
    assert_near(hwreg_get_f32(r + 0x10, HWREG_CDAB), st.nox, 1e-4);
    assert_int_equal(r[0x0F], 0); /* reserved */
    assert_int_equal(r[0x15], GASAN_NOX);
    assert_int_equal(r[0x16], 2);
    /* the NO2 component calibrates on its own cylinder */
    gasan_set_cylinder(a, 1, GASAN_CYL_SPAN, 50.0); /* labelled 40 */
    run_sequence(a, GASAN_CMD_CALIBRATE);
    assert_near(gasan_value(a, 0), 80.0, 1e-6);
    assert_near(gasan_value(a, 1), 4.0, 1e-6);
    assert_int_equal(gasan_check_count(a), 4);
    assert_near(gasan_get(a, GASAN_PC(1, GASAN_P_SLOPE)), 0.8, 1e-9);
    /* a span check that fails on NO and passes on NO2 raises the alarm all the same */
    gasan_set_cylinder(a, 0, GASAN_CYL_SPAN, 200.0);
    run_sequence(a, GASAN_CMD_SPAN_CHECK);
    gasan_get_status(a, &st);
    assert_true(st.alarm & GASAN_ALARM_SPAN_FAIL);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x20, 0x20, r), 0);
    assert_int_equal(r[0x0F], 2); /* record 1: NO span, failed */
    assert_int_equal(r[0x1F], 1); /* record 3: NO2 span, passed */
    /* an SO2 analyzer has no second component */
    gasan *s = make(GASAN_SO2, 0);
    assert_int_equal(gasan_set(s, GASAN_PC(1, GASAN_P_SLOPE), 2.0, HWDEV_SRC_PANEL), -1);
    hwdev ds = gasan_hwdev(s);
    uint16_t w[2];
    hwreg_put_f32(w, 2.0f, HWREG_CDAB);
    assert_int_equal(ds.ops->write(ds.dev, 0x72, 2, w), HWDEV_EX_ADDRESS);
    assert_true(isnan(gasan_value(s, 1)));
    gasan_free(a);
    gasan_free(s);
}

/* Knobs: gas on the cell, freeze, the calibration flag held, fault, range and detection
 * limit. */
static void test_knobs(void **state)
{
    gasan *a = make(GASAN_O2, 0);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_settle(a);
    assert_near(gasan_value(a, 0), 6.0, 1e-12);
    gas n2 = {0};
    gasan_inject(a, &n2, 0.5); /* nitrogen on the O2 cell: half the reading */
    gasan_settle(a);
    assert_near(gasan_value(a, 0), 3.0, 1e-12);
    gasan_inject(a, NULL, 0);
    gasan_settle(a);
    assert_near(gasan_value(a, 0), 6.0, 1e-12);
    /* frozen: the value stays, the cell goes on */
    gasan_freeze(a, 0, 4.5);
    g.o2 = 10.0;
    gasan_set_sample(a, &g);
    run_to(a, T0 + 600.0, 10.0);
    assert_near(gasan_value(a, 0), 4.5, 0);
    assert_near(gasan_cell(a, 0), 10.0, 1e-5);
    gasan_unfreeze(a);
    gasan_step(a, 1.0);
    assert_near(gasan_value(a, 0), 10.0, 1e-5);
    /* the calibration flag held on while it measures */
    gasan_hold_cal_flag(a, 1);
    gasan_status st;
    gasan_get_status(a, &st);
    assert_int_equal(st.state, GASAN_CALIBRATING);
    assert_int_equal(st.flag, 'C');
    assert_int_equal(st.seq, 0);
    assert_near(st.value[0], 10.0, 1e-6);
    gasan_hold_cal_flag(a, 0);
    /* fault: values hold, flag D, commands refused */
    gasan_set_fault(a, 7);
    g.o2 = 15.0;
    gasan_set_sample(a, &g);
    run_to(a, T0 + 1200.0, 10.0);
    gasan_get_status(a, &st);
    assert_int_equal(st.flag, 'D');
    assert_int_equal(st.i12001, 2);
    assert_near(st.value[0], 10.0, 1e-6);
    assert_int_equal(gasan_command(a, GASAN_CMD_ZERO_CHECK, HWDEV_SRC_MODBUS), HWDEV_EX_FAILURE);
    gasan_set_fault(a, 0);
    /* over range: the top, flag T; below the detection limit: the limit, qualifier 1 */
    gasan *s = make(GASAN_SO2, 0);
    g = so2_gas(250.0);
    gasan_set_sample(s, &g);
    gasan_settle(s);
    gasan_get_status(s, &st);
    assert_near(st.value[0], 200.0, 0);
    assert_int_equal(st.flag, 'T');
    assert_true(st.alarm & GASAN_ALARM_OVER_RANGE);
    g = so2_gas(0.2);
    gasan_set_sample(s, &g);
    gasan_settle(s);
    gasan_get_status(s, &st);
    assert_near(st.value[0], 1.0, 0);
    assert_int_equal(st.flag, 'N');
    assert_true(st.alarm & GASAN_ALARM_BELOW_DL);
    /* busy while a sequence runs; abort ends it */
    assert_int_equal(gasan_command(s, GASAN_CMD_ZERO_CHECK, HWDEV_SRC_PANEL), 0);
    assert_int_equal(gasan_command(s, GASAN_CMD_SPAN_CHECK, HWDEV_SRC_PANEL), HWDEV_EX_BUSY);
    gasan_get_status(s, &st);
    assert_int_equal(st.state, GASAN_ZERO_CHECK);
    assert_int_equal(st.i12001, 8);
    assert_int_equal(gasan_command(s, GASAN_CMD_ABORT, HWDEV_SRC_PANEL), 0);
    gasan_get_status(s, &st);
    assert_int_equal(st.state, GASAN_MEASURING);
    assert_int_equal(gasan_command(s, 99, HWDEV_SRC_PANEL), HWDEV_EX_VALUE);
    gasan_free(a);
    gasan_free(s);
}

/* Registers: parameters round-trip through FC 16 and the change log; commands; time. */
static void test_registers(void **state)
{
    gasan *a = make(GASAN_SO2, 1);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_settle(a);
    hwdev d = gasan_hwdev(a);
    uint16_t w[4], r[0x2A];
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0);
    /* slope 0.9 by FC 16: the value follows, the change is logged with source modbus */
    hwreg_put_f32(w, 0.9f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x62, 2, w), 0);
    assert_near(gasan_get(a, GASAN_P_SLOPE), 0.9, 1e-7);
    gasan_step(a, 1.0);
    assert_near(gasan_value(a, 0), 90.0, 1e-5);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x40, 0x1A, r), 0);
    uint16_t addr = 0x40, n = 0x1A;
    assert_near(hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHG_PARAM, addr, n, r), 0x62, 0);
    assert_near(hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHG_NEW, addr, n, r), 0.9, 1e-7);
    assert_near(hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHG_SRC, addr, n, r), HWDEV_SRC_MODBUS,
                0);
    assert_true(hwreg_decode(&gasan_regmap, &lay, GASAN_R_NEXT_CAL, addr, n, r) ==
                cst(2022, 2, 8, 2, 0, 0));
    assert_true(isnan(hwreg_decode(&gasan_regmap, &lay, GASAN_R_CAL_TIME, addr, n, r)));
    /* every parameter reads back what the model holds */
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x60, 0x2A, r), 0);
    for (int p = GASAN_PC(0, 0); p < GASAN_PC_COUNT; p++)
        assert_near(hwreg_decode(&gasan_regmap, &lay, GASAN_R_PARAM + p, 0x60, 0x2A, r),
                    gasan_get(a, p), 1e-4);
    assert_near(hwreg_decode(&gasan_regmap, &lay, GASAN_R_PARAM + GASAN_P_CAL_START, 0x60, 0x2A, r),
                120.0, 0);
    assert_near(
        hwreg_decode(&gasan_regmap, &lay, GASAN_R_PARAM + GASAN_P_CAL_INTERVAL, 0x60, 0x2A, r),
        24.0, 0);
    assert_int_equal(r[0x0E], 0); /* reserved 0x6E */
    /* bad values and read-only words */
    hwreg_put_f32(w, 0.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x62, 2, w), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->write(d.dev, 0x00, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x6E, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x17, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x5A, 1, r), HWDEV_EX_ADDRESS);
    /* a zero check by FC 16; its record lands in the checks block */
    w[0] = GASAN_CMD_ZERO_CHECK;
    assert_int_equal(d.ops->write(d.dev, 0x100, 1, w), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x40, 1, r), 0);
    assert_int_equal(r[0], GASAN_ZERO_CHECK);
    gasan_step(a, 301.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x20, 0x20, r), 0);
    assert_near(
        hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHECK(0, GASAN_R_CHK_VALUE), 0x20, 0x20, r), 0.0,
        0.1);
    assert_true(hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHECK(0, GASAN_R_CHK_TIME), 0x20, 0x20,
                             r) == T0 + 301.0);
    assert_near(
        hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHECK(0, GASAN_R_CHK_RESULT), 0x20, 0x20, r), 1,
        0);
    assert_true(isnan(
        hwreg_decode(&gasan_regmap, &lay, GASAN_R_CHECK(1, GASAN_R_CHK_TIME), 0x20, 0x20, r)));
    /* set time: one request of four registers */
    uint16_t st[4] = {GASAN_CMD_SET_TIME, 0, 0, 0};
    assert_int_equal(hwreg_put_bcd(st + 1, cst(2022, 2, 8, 12, 0, 0), HJTIME_TZ_S), 0);
    assert_int_equal(d.ops->write(d.dev, 0x100, 1, st), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->write(d.dev, 0x101, 3, st + 1), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->write(d.dev, 0x100, 4, st), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x12, 3, r), 0);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r, HJTIME_TZ_S, &t), 0);
    assert_true(t == cst(2022, 2, 8, 12, 0, 0));
    /* names */
    assert_int_equal(gasan_param_by_name("no2_span_label"), GASAN_PC(1, GASAN_P_SPAN_LABEL));
    assert_int_equal(gasan_param_by_name("cal_start"), GASAN_P_CAL_START);
    assert_string_equal(gasan_param_name(GASAN_PC(1, GASAN_P_T90)), "no2_t90");
    assert_int_equal(gasan_param_by_name("cycle"), -1);
    assert_int_equal(gasan_cmd_by_name("calibrate"), GASAN_CMD_CALIBRATE);
    assert_int_equal(gasan_kind_by_name("co2"), GASAN_CO2);
    assert_string_equal(gasan_kind_name(GASAN_NOX), "nox");
    gasan_free(a);
}

/* The same seed gives the same noisy values; the noise has the configured spread. */
static void test_noise(void **state)
{
    gasan_config c;
    gasan_config_default(&c, GASAN_CO);
    c.start = T0;
    c.noise_fs = 0.01; /* 3 mg/m3 on the 300 range */
    c.seed = 5;
    gasan *a = gasan_new(&c), *b = gasan_new(&c);
    gas g = so2_gas(100.0);
    gasan_set_sample(a, &g);
    gasan_set_sample(b, &g);
    gasan_settle(a);
    gasan_settle(b);
    double sum2 = 0.0;
    for (int i = 0; i < 5000; i++) {
        gasan_step(a, 1.0);
        gasan_step(b, 1.0);
        assert_true(gasan_value(a, 0) == gasan_value(b, 0));
        double e = gasan_value(a, 0) - 20.0;
        sum2 += e * e;
    }
    assert_near(sqrt(sum2 / 5000), 3.0, 0.15);
    gasan_free(a);
    gasan_free(b);
    c.kind = GASAN_KIND_COUNT;
    assert_null(gasan_new(&c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lag_t90),     cmocka_unit_test(test_drift),
        cmocka_unit_test(test_calibration), cmocka_unit_test(test_auto_calibration),
        cmocka_unit_test(test_nox),         cmocka_unit_test(test_knobs),
        cmocka_unit_test(test_registers),   cmocka_unit_test(test_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
