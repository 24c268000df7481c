/* test_analyzer.c — batch analyzer: cycle timing, sample cup, calibration, range,
 * freeze, registers, determinism. */
#include "hwtest.h"
#include "analyzer.h"

#include <string.h>

#define T0 cst(2022, 2, 8, 0, 10, 0) /* 00:10 local: the first scheduled start is 01:00 */

static analyzer *make(analyzer_kind kind, double start, double cod)
{
    analyzer_config c;
    analyzer_config_default(&c, kind);
    c.start = start;
    analyzer *a = analyzer_new(&c);
    assert_non_null(a);
    water w = {.cod = cod,
               .toc = cod / 2.5,
               .nh3n = 8,
               .tp = 0.8,
               .tn = 20,
               .ph = 7.5,
               .temp = 18,
               .cond = 900};
    analyzer_set_line(a, &w, 1.0);
    return a;
}

/* Steps to time t in steps of at most dt. */
static void run_to(analyzer *a, double t, double dt)
{
    while (analyzer_time(a) < t) {
        double h = t - analyzer_time(a);
        analyzer_step(a, h < dt ? h : dt);
    }
}

static int state_at(analyzer *a, double t, int *hj)
{
    analyzer_status st;
    run_to(a, t, 7.0);
    analyzer_get_status(a, &st);
    if (hj) *hj = st.i12001;
    return st.state;
}

static void test_cycle_timing(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 150.0);
    int hj = -1;
    assert_true(analyzer_cycle_seconds(a) == 1800.0); /* 120 + 1200 + 300 + 180 */
    assert_int_equal(state_at(a, cst(2022, 2, 8, 0, 59, 59), &hj), ANALYZER_IDLE);
    assert_int_equal(hj, 0);
    assert_int_equal(state_at(a, cst(2022, 2, 8, 1, 0, 1), &hj), ANALYZER_MEASURING);
    assert_int_equal(hj, 7);
    analyzer_status st;
    analyzer_get_status(a, &st);
    assert_int_equal(st.phase, ANALYZER_PH_SAMPLE);
    assert_int_equal(st.manual, 0);
    run_to(a, cst(2022, 2, 8, 1, 2, 1), 7.0);
    analyzer_get_status(a, &st);
    assert_int_equal(st.phase, ANALYZER_PH_DIGEST);
    run_to(a, cst(2022, 2, 8, 1, 22, 1), 7.0);
    analyzer_get_status(a, &st);
    assert_int_equal(st.phase, ANALYZER_PH_COOL);
    run_to(a, cst(2022, 2, 8, 1, 27, 1), 7.0);
    analyzer_get_status(a, &st);
    assert_int_equal(st.phase, ANALYZER_PH_READ);
    assert_int_equal(analyzer_log_count(a), 0);
    assert_int_equal(state_at(a, cst(2022, 2, 8, 1, 30, 0), &hj), ANALYZER_IDLE);
    assert_int_equal(analyzer_log_count(a), 1);
    analyzer_meas m;
    assert_int_equal(analyzer_log_get(a, 0, &m), 0);
    assert_true(m.sample_time == cst(2022, 2, 8, 1, 0, 0));
    assert_true(m.end_time == cst(2022, 2, 8, 1, 30, 0));
    assert_near(m.value, 150.0, 1e-9);
    assert_int_equal(m.flag, 'N');
    assert_int_equal(m.manual, 0);
    analyzer_get_status(a, &st);
    assert_true(st.value_time == cst(2022, 2, 8, 1, 0, 0));
    assert_int_equal(st.count, 1);

    /* manual start at 02:40 runs to 03:10: the 03:00 scheduled start is skipped */
    run_to(a, cst(2022, 2, 8, 2, 40, 0), 7.0);
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_MEASURE, HWDEV_SRC_SCENARIO), 0);
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_MEASURE, HWDEV_SRC_SCENARIO), HWDEV_EX_BUSY);
    analyzer_get_status(a, &st);
    assert_int_equal(st.manual, 1);
    run_to(a, cst(2022, 2, 8, 4, 40, 0), 7.0);
    assert_int_equal(analyzer_log_count(a), 4); /* 01:00, 02:00, 02:40 manual, 04:00 */
    double want[4] = {cst(2022, 2, 8, 4, 0, 0), cst(2022, 2, 8, 2, 40, 0), cst(2022, 2, 8, 2, 0, 0),
                      cst(2022, 2, 8, 1, 0, 0)};
    int manual[4] = {0, 1, 0, 0};
    for (size_t i = 0; i < 4; i++) {
        analyzer_log_get(a, i, &m);
        assert_true(m.sample_time == want[i]);
        assert_int_equal(m.manual, manual[i]);
    }
    analyzer_free(a);
}

static void test_interval_and_stop(void **state)
{
    analyzer *a = make(ANALYZER_NH3N, T0, 100.0);
    assert_int_equal(analyzer_set(a, ANALYZER_P_INTERVAL, 7200.0, HWDEV_SRC_SCENARIO), 0);
    run_to(a, cst(2022, 2, 8, 4, 59, 0), 13.0);
    analyzer_meas m;
    assert_int_equal(analyzer_log_count(a), 2); /* 02:00 and 04:00 */
    analyzer_log_get(a, 0, &m);
    assert_true(m.sample_time == cst(2022, 2, 8, 4, 0, 0));
    assert_true(m.end_time == cst(2022, 2, 8, 4, 16, 0)); /* NH3-N: 960 s */
    assert_near(m.value, 8.0, 1e-9);
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_STOP, HWDEV_SRC_PANEL), 0);
    int hj = 0;
    assert_int_equal(state_at(a, cst(2022, 2, 8, 8, 30, 0), &hj), ANALYZER_STANDBY);
    assert_int_equal(hj, 9);
    assert_int_equal(analyzer_log_count(a), 2);
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_INIT, HWDEV_SRC_PANEL), 0);
    assert_int_equal(state_at(a, cst(2022, 2, 8, 8, 34, 0), NULL), ANALYZER_INITIALISING);
    run_to(a, cst(2022, 2, 8, 10, 30, 0), 13.0);
    assert_int_equal(analyzer_log_count(a), 3); /* 10:00 */
    analyzer_set_fault(a, 5);
    assert_int_equal(state_at(a, cst(2022, 2, 8, 13, 0, 0), &hj), ANALYZER_FAULT);
    assert_int_equal(hj, 2);
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_MEASURE, HWDEV_SRC_PANEL), HWDEV_EX_FAILURE);
    assert_int_equal(analyzer_log_count(a), 3);
    analyzer_set_fault(a, 0);
    run_to(a, cst(2022, 2, 8, 14, 30, 0), 13.0);
    assert_int_equal(analyzer_log_count(a), 4);
    analyzer_free(a);
}

static void test_cup_mass_balance(void **state)
{
    analyzer_config c;
    analyzer_config_default(&c, ANALYZER_COD);
    c.start = T0;
    analyzer *a = analyzer_new(&c);
    water line = {.cod = 200, .ph = 7};
    water q;
    analyzer_set_line(a, &line, 0.5);
    analyzer_step(a, 60.0); /* 30 ml of 200 */
    assert_near(analyzer_cup(a, &q), 30.0, 1e-12);
    water pour = {.cod = 50, .ph = 7};
    assert_int_equal(analyzer_add_to_cup(a, 20.0, &pour), 0);
    assert_near(analyzer_cup(a, &q), 50.0, 1e-12);
    assert_near(q.cod, 140.0, 1e-9); /* (30·200 + 20·50) / 50 */
    line.cod = 100;
    analyzer_set_line(a, &line, 1.0);
    analyzer_step(a, 50.0);
    assert_near(analyzer_cup(a, &q), 100.0, 1e-12);
    assert_near(q.cod, 120.0, 1e-9); /* (50·140 + 50·100) / 100 */
    analyzer_step(a, 100.0);         /* overflowing: 100 + 20·e^(-100/100) */
    assert_near(analyzer_cup(a, &q), 100.0, 1e-12);
    assert_near(q.cod, 100.0 + 20.0 * exp(-1.0), 1e-9);
    /* the same 100 s in uneven steps gives the same content */
    analyzer *b = analyzer_new(&c);
    line.cod = 200;
    analyzer_set_line(b, &line, 0.5);
    analyzer_step(b, 60.0);
    analyzer_add_to_cup(b, 20.0, &pour);
    line.cod = 100;
    analyzer_set_line(b, &line, 1.0);
    for (int i = 0; i < 150; i++)
        analyzer_step(b, 1.0);
    analyzer_cup(b, &q);
    assert_near(q.cod, 100.0 + 20.0 * exp(-1.0), 1e-9);
    /* overflow on pouring: 100 ml full, 40 ml of tap -> mixture, cup keeps 100 ml */
    analyzer_set_line(b, &line, 0.0);
    double before = q.cod;
    water tap = {.cod = 0, .ph = 7};
    analyzer_add_to_cup(b, 40.0, &tap);
    assert_near(analyzer_cup(b, &q), 100.0, 1e-12);
    assert_near(q.cod, before * 100.0 / 140.0, 1e-9);
    assert_int_equal(analyzer_add_to_cup(b, -1.0, &tap), -1);
    analyzer_free(a);
    analyzer_free(b);
}

static void test_cup_injection_measured(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 200.0);
    run_to(a, cst(2022, 2, 8, 10, 2, 0), 10.0);
    water tap = {.cod = 0, .toc = 0, .ph = 7.2, .temp = 15, .cond = 300};
    analyzer_add_to_cup(a, 40.0, &tap);
    assert_int_equal(analyzer_command(a, analyzer_cmd_by_name("restart"), HWDEV_SRC_SCENARIO), 0);
    run_to(a, cst(2022, 2, 8, 10, 40, 0), 10.0);
    analyzer_meas m;
    analyzer_log_get(a, 0, &m);
    assert_true(m.sample_time == cst(2022, 2, 8, 10, 2, 0));
    assert_int_equal(m.manual, 1);
    assert_near(m.value, 200.0 * 100.0 / 140.0, 1e-9); /* 142.857142857 */
    assert_near(m.truth, 200.0 * 100.0 / 140.0, 1e-9);
    /* the line flushes the cup: 11:00 reads 200 again (rebound) */
    run_to(a, cst(2022, 2, 8, 11, 40, 0), 10.0);
    analyzer_log_get(a, 0, &m);
    assert_int_equal(m.manual, 0);
    assert_near(m.value, 200.0, 1e-6);
    analyzer_free(a);
}

static void test_calibration_shift(void **state)
{
    /* bottle labelled 50 really holds 40: calibration sets slope 50/40 = 1.25 */
    analyzer *a = make(ANALYZER_COD, T0, 100.0);
    analyzer_set(a, ANALYZER_P_STD_LABEL, 50.0, HWDEV_SRC_PANEL);
    analyzer_set_standard(a, 40.0);
    unsigned before = 0;
    analyzer_status st;
    analyzer_get_status(a, &st);
    before = st.change_counter;
    assert_int_equal(analyzer_command(a, analyzer_cmd_by_name("calibrate"), HWDEV_SRC_SCENARIO), 0);
    int hj = 0;
    assert_int_equal(state_at(a, T0 + 60.0, &hj), ANALYZER_CALIBRATING);
    assert_int_equal(hj, 3);
    run_to(a, T0 + 1800.0, 10.0);
    assert_near(analyzer_get(a, ANALYZER_P_SLOPE), 1.25, 1e-12);
    analyzer_get_status(a, &st);
    assert_int_equal(st.change_counter, before + 1);
    analyzer_change ch;
    analyzer_change_get(a, 0, &ch);
    assert_int_equal(ch.param, ANALYZER_P_SLOPE);
    assert_near(ch.old_v, 1.0, 0);
    assert_near(ch.new_v, 1.25, 1e-12);
    assert_int_equal(ch.source, HWDEV_SRC_SCENARIO);
    /* the standard check now passes: the bottle reads its label */
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_STD_CHECK, HWDEV_SRC_SCENARIO), 0);
    assert_int_equal(state_at(a, T0 + 1900.0, &hj), ANALYZER_STD_CHECK);
    assert_int_equal(hj, 8);
    run_to(a, cst(2022, 2, 8, 2, 40, 0), 10.0); /* the check runs 00:40-01:10: 01:00 skipped */
    assert_int_equal(analyzer_log_count(a), 3);
    analyzer_meas m;
    analyzer_log_get(a, 0, &m);
    assert_int_equal(m.type, ANALYZER_CMD_MEASURE);
    assert_true(m.sample_time == cst(2022, 2, 8, 2, 0, 0));
    assert_near(m.value, 125.0, 1e-9); /* true 100 reads 125 */
    analyzer_log_get(a, 1, &m);
    assert_int_equal(m.type, ANALYZER_CMD_STD_CHECK);
    assert_near(m.value, 50.0, 1e-9);
    analyzer_free(a);

    /* the low-shifting tamper: a bottle labelled 50 holding 62.5 -> slope 0.8 */
    a = make(ANALYZER_COD, T0, 100.0);
    analyzer_set(a, ANALYZER_P_STD_LABEL, 50.0, HWDEV_SRC_PANEL);
    analyzer_set_standard(a, 62.5);
    analyzer_command(a, ANALYZER_CMD_CALIBRATE, HWDEV_SRC_SCENARIO);
    run_to(a, cst(2022, 2, 8, 1, 40, 0), 10.0);
    assert_near(analyzer_get(a, ANALYZER_P_SLOPE), 0.8, 1e-12);
    analyzer_log_get(a, 0, &m);
    assert_near(m.value, 80.0, 1e-9);
    analyzer_free(a);
}

static void test_zero_and_two_point(void **state)
{
    analyzer *a = make(ANALYZER_TN, T0, 100.0); /* tn 20 */
    analyzer_set(a, ANALYZER_P_INTERCEPT, 5.0, HWDEV_SRC_PANEL);
    analyzer_set(a, ANALYZER_P_SLOPE, 0.5, HWDEV_SRC_PANEL);
    assert_int_equal(analyzer_command(a, analyzer_cmd_by_name("blank_check"), HWDEV_SRC_SCENARIO),
                     0);
    run_to(a, T0 + 2400.0, 10.0);
    uint16_t r[3];
    hwdev d = analyzer_hwdev(a);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1018, 2, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 5.0f); /* the blank reads the intercept */
    assert_int_equal(analyzer_command(a, ANALYZER_CMD_ZERO_CAL, HWDEV_SRC_PANEL), 0);
    run_to(a, T0 + 4800.0, 10.0);
    assert_near(analyzer_get(a, ANALYZER_P_INTERCEPT), 0.0, 0);
    analyzer_set(a, ANALYZER_P_STD_LABEL, 10.0, HWDEV_SRC_PANEL);
    analyzer_set(a, ANALYZER_P_INTERCEPT, -2.0, HWDEV_SRC_PANEL);
    assert_int_equal(
        analyzer_command(a, analyzer_cmd_by_name("two_point_calibrate"), HWDEV_SRC_PANEL), 0);
    run_to(a, T0 + 7200.0, 10.0);
    assert_near(analyzer_get(a, ANALYZER_P_INTERCEPT), 0.0, 0);
    assert_near(analyzer_get(a, ANALYZER_P_SLOPE), 1.0, 1e-12);
    analyzer_change ch;
    analyzer_change_get(a, 0, &ch);
    assert_int_equal(ch.param, ANALYZER_P_SLOPE);
    assert_int_equal(ch.source, HWDEV_SRC_PANEL);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10BC, 3, r), 0);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r, HJTIME_TZ_S, &t), 0);
    assert_true(t == T0 + 4800.0 + 2400.0); /* started 01:30, 40 min: 02:10 */
    analyzer_free(a);
}

static void test_digestion(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 200.0);
    analyzer_set(a, analyzer_param_by_name("digestion_temp"), 150.0, HWDEV_SRC_SCENARIO);
    analyzer_set(a, analyzer_param_by_name("digestion_time"), 600.0, HWDEV_SRC_SCENARIO);
    assert_true(analyzer_cycle_seconds(a) == 1200.0);
    run_to(a, cst(2022, 2, 8, 1, 30, 0), 10.0);
    analyzer_meas m;
    analyzer_log_get(a, 0, &m);
    assert_true(m.end_time == cst(2022, 2, 8, 1, 20, 0));
    double k = log(1000.0) / 1200.0 * pow(2.0, -1.5);
    double want = 200.0 * (1.0 - exp(-k * 600.0)) / (1.0 - 1e-3);
    assert_near(m.value, want, 1e-9);
    assert_near(m.value, 141.16, 0.01); /* incomplete oxidation: low */
    analyzer_free(a);
}

static void test_toc_range_dl(void **state)
{
    analyzer *a = make(ANALYZER_TOC, T0, 100.0); /* toc 40 */
    run_to(a, cst(2022, 2, 8, 1, 10, 0), 10.0);
    analyzer_meas m;
    analyzer_log_get(a, 0, &m);
    assert_true(m.end_time == cst(2022, 2, 8, 1, 8, 0)); /* 60 + 180 + 60 + 180 */
    assert_near(m.toc, 40.0, 1e-9);
    assert_near(m.value, 100.0, 1e-9); /* 2.5 · 40 */
    analyzer_set(a, analyzer_param_by_name("toc_factor"), 2.0, HWDEV_SRC_SCENARIO);
    analyzer_set(a, ANALYZER_P_TOC_OFFSET, 5.0, HWDEV_SRC_SCENARIO);
    run_to(a, cst(2022, 2, 8, 2, 10, 0), 10.0);
    analyzer_log_get(a, 0, &m);
    assert_near(m.value, 85.0, 1e-9);
    analyzer_free(a);

    a = make(ANALYZER_COD, T0, 150.0);
    assert_int_equal(analyzer_set(a, analyzer_param_by_name("range"), 100.0, HWDEV_SRC_SCENARIO),
                     0);
    run_to(a, cst(2022, 2, 8, 1, 40, 0), 10.0);
    analyzer_log_get(a, 0, &m);
    assert_near(m.value, 100.0, 0);
    assert_int_equal(m.flag, 'T');
    analyzer_status st;
    analyzer_get_status(a, &st);
    assert_int_equal(st.flag, 'T');
    assert_true(st.alarm & ANALYZER_ALARM_OVER_RANGE);
    water low = {.cod = 1.5, .ph = 7};
    analyzer_set_line(a, &low, 1.0);
    run_to(a, cst(2022, 2, 8, 2, 40, 0), 10.0); /* cup flushed for an hour: 1.5 */
    analyzer_log_get(a, 0, &m);
    assert_near(m.value, 4.0, 0); /* the detection limit is reported */
    assert_int_equal(m.below_dl, 1);
    assert_int_equal(m.flag, 'N');
    assert_int_equal(analyzer_set(a, ANALYZER_P_RANGE_HI, -1.0, HWDEV_SRC_SCENARIO), -1);
    assert_int_equal(analyzer_set(a, ANALYZER_P_SLOPE, 0.0, HWDEV_SRC_SCENARIO), -1);
    analyzer_free(a);
}

static void test_freeze(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 150.0);
    run_to(a, cst(2022, 2, 8, 1, 40, 0), 10.0);
    analyzer_freeze(a, 42.0);
    run_to(a, cst(2022, 2, 8, 3, 40, 0), 10.0);
    analyzer_status st;
    analyzer_get_status(a, &st);
    assert_near(st.value, 42.0, 0);
    assert_true(st.value_time == cst(2022, 2, 8, 1, 0, 0)); /* time stops advancing */
    assert_int_equal(st.count, 1);
    assert_int_equal(analyzer_log_count(a), 3);
    analyzer_meas m;
    analyzer_log_get(a, 0, &m);
    assert_int_equal(m.published, 0);
    uint16_t r[2];
    hwdev d = analyzer_hwdev(a);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 2, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 42.0f);
    analyzer_unfreeze(a);
    run_to(a, cst(2022, 2, 8, 4, 40, 0), 10.0);
    analyzer_get_status(a, &st);
    assert_near(st.value, 150.0, 1e-9);
    assert_true(st.value_time == cst(2022, 2, 8, 4, 0, 0));
    analyzer_free(a);
}

static void test_registers(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 182.3);
    hwdev d = analyzer_hwdev(a);
    assert_string_equal(d.ops->kind, "analyzer");
    run_to(a, cst(2022, 2, 8, 1, 40, 0), 10.0);
    uint16_t r[64] = {0};
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 11, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == (float)182.3);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r + 2, HJTIME_TZ_S, &t), 0);
    assert_true(t == cst(2022, 2, 8, 1, 0, 0));
    assert_int_equal(r[2], 0x2202);
    assert_int_equal(r[3], 0x0801);
    assert_int_equal(r[4], 0x0000);
    assert_int_equal(r[5], 'N');
    assert_int_equal(r[6], 0);
    assert_int_equal(r[10], 1);
    /* status during a cycle */
    run_to(a, cst(2022, 2, 8, 2, 5, 0), 10.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1080, 10, r), 0);
    assert_int_equal(r[0], ANALYZER_MEASURING);
    assert_int_equal(r[1], 7);
    assert_int_equal(r[5], ANALYZER_PH_DIGEST);
    assert_int_equal(r[6], 1020); /* digestion ends 02:22:00 */
    assert_int_equal(hwreg_get_bcd(r + 7, HJTIME_TZ_S, &t), 0);
    assert_true(t == cst(2022, 2, 8, 2, 5, 0));
    /* parameter block */
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10A0, 31, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 60.0f);      /* interval, min */
    assert_true(hwreg_get_f32(r + 2, HWREG_CDAB) == 165.0f); /* digestion temp */
    assert_true(hwreg_get_f32(r + 4, HWREG_CDAB) == 20.0f);  /* digestion time, min */
    assert_true(hwreg_get_f32(r + 8, HWREG_CDAB) == 1000.0f);
    assert_true(hwreg_get_f32(r + 10, HWREG_CDAB) == 1.0f);
    assert_true(hwreg_get_f32(r + 16, HWREG_CDAB) == (float)(182.3 * 0.0005));
    assert_true(hwreg_get_f32(r + 18, HWREG_CDAB) == 4.0f);
    /* reserved words inside a block read 0 (test_reserved_words); outside every block: 2 */
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x0000, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10BF, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_INPUT, 0x1000, 2, r), HWDEV_EX_ADDRESS);
    /* parameter write: slope 0.6 with FC 16, logged with source modbus */
    uint16_t w[4] = {0};
    hwreg_put_f32(w, 0.6f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x10AA, 2, w), 0);
    assert_true(analyzer_get(a, ANALYZER_P_SLOPE) == (double)0.6f);
    analyzer_change ch;
    analyzer_change_get(a, 0, &ch);
    assert_int_equal(ch.param, ANALYZER_P_SLOPE);
    assert_int_equal(ch.source, HWDEV_SRC_MODBUS);
    assert_true(ch.time == cst(2022, 2, 8, 2, 5, 0));
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x108A, 10, r), 0);
    assert_int_equal(r[0], 1);
    assert_int_equal(r[1], 0x10AA);
    assert_true(hwreg_get_f32(r + 2, HWREG_CDAB) == 1.0f);
    assert_true(hwreg_get_f32(r + 4, HWREG_CDAB) == 0.6f);
    assert_int_equal(r[9], HWDEV_SRC_MODBUS);
    /* interval in minutes */
    hwreg_put_f32(w, 30.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x10A0, 2, w), 0);
    assert_true(analyzer_get(a, ANALYZER_P_INTERVAL) == 1800.0);
    /* refused writes */
    hwreg_put_f32(w, 0.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x10AA, 2, w), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->write(d.dev, 0x10AA, 1, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x1000, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x10B0, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x3000, 1, w), HWDEV_EX_ADDRESS);
    /* commands: busy now; stop, then measure by register: manual */
    w[0] = ANALYZER_CMD_MEASURE;
    assert_int_equal(d.ops->write(d.dev, 0x1200, 1, w), HWDEV_EX_BUSY);
    w[0] = ANALYZER_CMD_STOP;
    assert_int_equal(d.ops->write(d.dev, 0x1200, 1, w), 0);
    w[0] = ANALYZER_CMD_MEASURE;
    assert_int_equal(d.ops->write(d.dev, 0x1200, 1, w), 0);
    analyzer_status st;
    analyzer_get_status(a, &st);
    assert_int_equal(st.state, ANALYZER_MEASURING);
    assert_int_equal(st.manual, 1);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1080, 21, r), 0);
    assert_int_equal(r[0], ANALYZER_MEASURING);
    assert_int_equal(r[1], 7);
    assert_int_equal(r[2], 1);  /* mode: standby (stopped), measuring by hand */
    assert_int_equal(r[20], 1); /* the running cycle is manual */
    w[0] = 99;
    assert_int_equal(d.ops->write(d.dev, 0x1200, 1, w), HWDEV_EX_VALUE);
    /* set time: command 13 + BCD date */
    w[0] = ANALYZER_CMD_SET_TIME;
    hwreg_put_bcd(w + 1, cst(2022, 2, 8, 3, 0, 0), HJTIME_TZ_S);
    assert_int_equal(d.ops->write(d.dev, 0x1200, 1, w), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->write(d.dev, 0x1200, 4, w), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1087, 3, r), 0);
    hwreg_get_bcd(r, HJTIME_TZ_S, &t);
    assert_true(t == cst(2022, 2, 8, 3, 0, 0));
    analyzer_free(a);
}

/* A DAU reading the whole data block gets the values and 0 in the reserved words; the
 * strict layout keeps them unmapped; past the end of a block stays exception 2. */
static void test_reserved_words(void **state)
{
    analyzer *a = make(ANALYZER_COD, T0, 182.3);
    run_to(a, cst(2022, 2, 8, 1, 40, 0), 10.0);
    hwdev d = analyzer_hwdev(a);
    uint16_t r[125], want[16];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 11, want), 0);
    memset(r, 0xAB, sizeof r);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 16, r), 0);
    assert_memory_equal(r, want, 11 * sizeof r[0]);
    for (int i = 11; i < 16; i++)
        assert_int_equal(r[i], 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == (float)182.3);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x100B, 1, r), 0);
    assert_int_equal(r[0], 0);
    /* every block whole, and one word more is refused */
    static const uint16_t blocks[][2] = {
        {0x1000, 0x2D}, {0x1080, 0x15}, {0x10A0, 0x1F}, {0x1200, 4}};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        uint16_t at = blocks[i][0], n = blocks[i][1];
        assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, at, n, r), 0);
        assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, at, (uint16_t)(n + 1), r),
                         HWDEV_EX_ADDRESS);
        assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, (uint16_t)(at + n), 1, r),
                         HWDEV_EX_ADDRESS);
        assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, (uint16_t)(at - 1), 1, r),
                         HWDEV_EX_ADDRESS);
    }
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 125, r), HWDEV_EX_ADDRESS);
    /* reserved words are not writable */
    uint16_t w[2] = {0};
    assert_int_equal(d.ops->write(d.dev, 0x100B, 1, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x100C, 2, w), HWDEV_EX_ADDRESS);
    analyzer_free(a);

    analyzer_config c;
    analyzer_config_default(&c, ANALYZER_COD);
    assert_int_equal(c.layout.strict, 0);
    c.start = T0;
    c.layout.strict = 1;
    a = analyzer_new(&c);
    d = analyzer_hwdev(a);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 16, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x100B, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1000, 11, r), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1080, 0x15, r), 0);
    analyzer_free(a);
}

static void test_shimadzu_layout(void **state)
{
    analyzer_config c;
    analyzer_config_default(&c, ANALYZER_TOC);
    c.start = T0;
    c.layout.base = 0x0000;
    c.layout.order = HWREG_ABCD;
    c.layout.table = HWDEV_INPUT;
    analyzer *a = analyzer_new(&c);
    water w = {.toc = 20, .cod = 50, .ph = 7};
    analyzer_set_line(a, &w, 1.0);
    run_to(a, cst(2022, 2, 8, 1, 10, 0), 30.0);
    hwdev d = analyzer_hwdev(a);
    uint16_t r[10];
    assert_int_equal(d.ops->read(d.dev, HWDEV_INPUT, 0x0000, 10, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_ABCD) == 50.0f);
    assert_true(hwreg_get_f32(r + 8, HWREG_ABCD) == 20.0f);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x0000, 2, r), HWDEV_EX_ADDRESS);
    uint16_t v[2];
    hwreg_put_f32(v, 3.0f, HWREG_ABCD);
    assert_int_equal(d.ops->write(d.dev, 0x00B6, 2, v), 0);
    assert_true(analyzer_get(a, ANALYZER_P_TOC_FACTOR) == 3.0);
    analyzer_free(a);
}

static void test_determinism(void **state)
{
    double vals[3][6];
    unsigned long long seeds[3] = {7, 7, 8};
    for (int k = 0; k < 3; k++) {
        analyzer_config c;
        analyzer_config_default(&c, ANALYZER_TP);
        c.start = T0;
        c.seed = seeds[k];
        c.noise_rel = 0.02;
        analyzer *a = analyzer_new(&c);
        water w = {.tp = 0.8, .ph = 7};
        analyzer_set_line(a, &w, 1.0);
        run_to(a, cst(2022, 2, 8, 6, 50, 0), 17.0);
        assert_int_equal(analyzer_log_count(a), 6);
        for (size_t i = 0; i < 6; i++) {
            analyzer_meas m;
            analyzer_log_get(a, i, &m);
            vals[k][i] = m.value;
            assert_near(m.value, 0.8, 0.8 * 0.1);
        }
        analyzer_free(a);
    }
    for (int i = 0; i < 6; i++)
        assert_true(vals[0][i] == vals[1][i]);
    assert_true(vals[0][0] != vals[2][0]);
    assert_true(vals[0][0] != vals[0][1]);
}

static void test_names(void **state)
{
    assert_int_equal(analyzer_cmd_by_name("measure"), 1);
    assert_int_equal(analyzer_cmd_by_name("standard_check"), 2);
    assert_int_equal(analyzer_cmd_by_name("calibrate"), 9);
    assert_int_equal(analyzer_cmd_by_name("stop"), 11);
    assert_int_equal(analyzer_cmd_by_name("restart"), 12);
    assert_int_equal(analyzer_cmd_by_name("dance"), -1);
    const char *names[] = {"slope",          "intercept",      "range",           "cycle",
                           "digestion_temp", "digestion_time", "detection_limit", "toc_factor"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_true(analyzer_param_by_name(names[i]) >= 0);
    assert_int_equal(analyzer_param_by_name("range"), ANALYZER_P_RANGE_HI);
    assert_int_equal(analyzer_param_by_name("cycle"), ANALYZER_P_INTERVAL);
    assert_int_equal(analyzer_param_by_name("nope"), -1);
    analyzer_free(NULL);
    analyzer_config c;
    analyzer_config_default(&c, ANALYZER_COD);
    c.cup_ml = 0;
    assert_null(analyzer_new(&c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycle_timing),
        cmocka_unit_test(test_interval_and_stop),
        cmocka_unit_test(test_cup_mass_balance),
        cmocka_unit_test(test_cup_injection_measured),
        cmocka_unit_test(test_calibration_shift),
        cmocka_unit_test(test_zero_and_two_point),
        cmocka_unit_test(test_digestion),
        cmocka_unit_test(test_toc_range_dl),
        cmocka_unit_test(test_freeze),
        cmocka_unit_test(test_registers),
        cmocka_unit_test(test_reserved_words),
        cmocka_unit_test(test_shimadzu_layout),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
