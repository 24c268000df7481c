/* test_gasdev.c — the gas station's other devices: sampling system (leak, cold line, chiller,
 * blowback, filter), flue parameters (pitot, HJ 75 flows, parameter tamper), particulate
 * monitor (K factor, soiling, checks), bypass damper; the gas composition helpers. */
#include "hwtest.h"
#include "damper.h"
#include "flue.h"
#include "gas.h"
#include "gasan.h"
#include "pmmon.h"
#include "sampling.h"

#define T0 cst(2022, 2, 8, 0, 10, 0)

static gas stack_gas(void)
{
    gas g = {.so2 = 100, .no = 80, .no2 = 5, .co = 20, .o2 = 6, .co2 = 12, .pm = 10, .h2o = 12};
    return g;
}

static void test_gas_helpers(void **state)
{
    gas g = stack_gas(), m;
    gas_mix(&g, &gas_air, 0.4, &m);
    assert_near(m.so2, 0.6 * 100 + 0.4 * gas_air.so2, 1e-12);
    assert_near(m.o2, 0.6 * 6 + 0.4 * 20.9, 1e-12);
    gas_mix(&g, &gas_air, 2.0, &m); /* clamped: all air */
    assert_near(m.o2, 20.9, 0);
    gas_mix(&g, &gas_air, NAN, &m);
    assert_near(m.o2, 6.0, 0);
    assert_near(gas_nox(&g), 80 * 46.006 / 30.006 + 5, 1e-12);
    g.thc = 30;
    g.ch4 = 10;
    assert_near(gas_nmhc(&g), 20.0, 0);
    g.ch4 = 40;
    assert_near(gas_nmhc(&g), 0.0, 0);
    assert_near(gas_mg_per_ppm(GAS_SO2), 64.066 / 22.414, 1e-12);
    assert_true(isnan(gas_mg_per_ppm(GAS_O2)));
    assert_true(isnan(gas_get(&g, GAS_SPECIES)));
    gas_set(&g, GAS_CO, 7.0);
    assert_near(g.co, 7.0, 0);
    /* water: 12 % at 1 atm condenses below about 49.6 degC; psat and dew point invert */
    double dew = gas_dew_point(12.0, GAS_P0_KPA);
    assert_near(dew, 49.6, 0.2);
    assert_near(100.0 * gas_psat_kpa(dew) / GAS_P0_KPA, 12.0, 1e-9);
    assert_near(gas_psat_kpa(50.0), 12.35, 0.02); /* steam tables: 12.35 kPa */
    assert_near(gas_h2o_saturated(4.0, GAS_P0_KPA, 12.0), 100.0 * gas_psat_kpa(4.0) / GAS_P0_KPA,
                0);
    assert_near(gas_h2o_saturated(60.0, GAS_P0_KPA, 12.0), 12.0, 0);
    assert_near(gas_std_dry_factor(0.0, GAS_P0_KPA, 0.0), 1.0, 0);
    assert_near(gas_std_dry_factor(50.0, 101.125, 10.0), 273.0 / 323.0 * 101.125 / 101.325 * 0.9,
                1e-12);
}

static sampling *make_sampling(void)
{
    sampling_config c;
    sampling_config_default(&c);
    c.start = T0;
    c.noise_temp = 0.0;
    c.noise_flow = 0.0;
    c.clog_rate = 0.0;
    sampling *s = sampling_new(&c);
    assert_non_null(s);
    gas g = stack_gas();
    sampling_set_stack(s, &g, 55.0, GAS_P0_KPA);
    return s;
}

static void run_sampling(sampling *s, double t, double dt)
{
    while (sampling_time(s) < t) {
        double h = t - sampling_time(s);
        sampling_step(s, h < dt ? h : dt);
    }
}

/* An honest system: the chiller leaves its saturation water, nothing else changes. */
static void test_sampling_honest_and_leak(void **state)
{
    sampling *s = make_sampling();
    run_sampling(s, T0 + 600.0, 10.0);
    gas out;
    double w = 100.0 * gas_psat_kpa(4.0) / GAS_P0_KPA; /* 0.80 % */
    assert_near(sampling_output(s, &out), 2.0, 0);
    assert_near(out.so2, 100.0 * (1.0 - w / 100.0), 1e-9);
    assert_near(out.no, 80.0 * (1.0 - w / 100.0), 1e-9);
    assert_near(out.o2, 6.0 * (1.0 - w / 100.0), 1e-9);
    assert_near(out.h2o, w, 1e-9);
    assert_near(out.pm, 0.0, 0); /* the probe filter */
    assert_int_equal(sampling_state(s), SAMPLING_SAMPLING);
    assert_int_equal(sampling_alarm(s), 0);
    assert_int_equal(sampling_hold(s), 0);
    /* air drawn in at the probe: everything falls alike, O2 rises toward 20.9 */
    sampling_leak(s, 0.4);
    sampling_step(s, 1.0);
    sampling_output(s, &out);
    double dry = 1.0 - w / 100.0;
    assert_near(out.so2, (0.6 * 100.0 + 0.4 * gas_air.so2) * dry, 1e-9);
    assert_near(out.co2, (0.6 * 12.0 + 0.4 * gas_air.co2) * dry, 1e-9);
    assert_near(out.o2, (0.6 * 6.0 + 0.4 * 20.9) * dry, 1e-9);
    assert_near(sampling_leak_fraction(s), 0.4, 0);
    sampling_leak(s, 0.0);
    sampling_free(s);
}

/* Heat trace off: the line cools toward the ambient; below the dew point (about 49.6 degC
 * for 12 % water) SO2 goes into the condensate, NOx hardly. */
static void test_sampling_cold_line(void **state)
{
    sampling *s = make_sampling();
    gas out, in = stack_gas();
    double dry = 1.0 - gas_psat_kpa(4.0) / GAS_P0_KPA;
    sampling_set_line_heat(s, 0);
    run_sampling(s, T0 + 600.0, 10.0);
    /* 600 s = one time constant: 20 + 130/e = 67.8 degC, still above the dew point */
    assert_near(sampling_line_temp(s), 20.0 + 130.0 * exp(-1.0), 1e-9);
    sampling_output(s, &out);
    assert_near(out.so2, 100.0 * dry, 1e-9);
    assert_true(sampling_alarm(s) & SAMPLING_ALARM_LINE_TEMP);
    run_sampling(s, T0 + 3 * 3600.0, 10.0);
    assert_near(sampling_line_temp(s), 20.0, 0.01);
    sampling_output(s, &out);
    /* full condensate share: SO2 keeps 10 %, NO 97 %, NO2 50 % */
    assert_near(out.so2, 100.0 * 0.1 * dry, 1e-6);
    assert_near(out.no, 80.0 * 0.97 * dry, 1e-6);
    assert_near(out.no2, 5.0 * 0.5 * dry, 1e-6);
    assert_near(out.o2, 6.0 * dry, 1e-9);
    double nox_loss = 1.0 - gas_nox(&out) / (gas_nox(&in) * dry);
    assert_true(nox_loss > 0.02 && nox_loss < 0.06);
    assert_true(out.so2 / (in.so2 * dry) < 0.15);
    /* heat back on: the line recovers, SO2 too */
    sampling_set_line_heat(s, 1);
    run_sampling(s, T0 + 6 * 3600.0, 10.0);
    sampling_output(s, &out);
    assert_near(out.so2, 100.0 * dry, 1e-6);
    assert_int_equal(sampling_alarm(s), 0);
    /* in between: the loss grows as the line goes below the dew point */
    sampling_set_line_heat(s, 0);
    double prev = 1e9;
    for (int i = 0; i < 30; i++) {
        run_sampling(s, sampling_time(s) + 120.0, 10.0);
        sampling_output(s, &out);
        assert_true(out.so2 <= prev + 1e-12);
        prev = out.so2;
    }
    sampling_free(s);
}

/* The chiller: warmer than the cabinet it condenses again downstream (loss, moisture
 * alarm); merely warmer it leaves more water in the sample. */
static void test_sampling_chiller(void **state)
{
    sampling *s = make_sampling();
    gas out;
    assert_int_equal(sampling_set(s, SAMPLING_P_CHILLER_SET, 18.0, HWDEV_SRC_SCENARIO), 0);
    run_sampling(s, T0 + 4 * 3600.0, 30.0);
    assert_near(sampling_chiller_temp(s), 18.0, 0.01);
    sampling_output(s, &out);
    double w = 100.0 * gas_psat_kpa(sampling_chiller_temp(s)) / GAS_P0_KPA; /* about 2 % */
    assert_near(out.so2, 100.0 * (1.0 - w / 100.0), 1e-9);
    assert_true(sampling_alarm(s) & SAMPLING_ALARM_CHILLER_TEMP);
    assert_false(sampling_alarm(s) & SAMPLING_ALARM_MOISTURE);
    /* chiller off in a cabinet at 20 degC... it warms to the cabinet: no condensate */
    sampling_set_ambient(s, 20.0, 20.0);
    sampling_set_chiller(s, 0);
    run_sampling(s, T0 + 10 * 3600.0, 30.0);
    assert_near(sampling_chiller_temp(s), 20.0, 0.01);
    assert_false(sampling_alarm(s) & SAMPLING_ALARM_MOISTURE);
    /* a chiller set to 30 in a 20 degC cabinet: condensate after it */
    sampling_set_chiller(s, 1);
    assert_int_equal(sampling_set(s, SAMPLING_P_CHILLER_SET, 30.0, HWDEV_SRC_SCENARIO), 0);
    run_sampling(s, T0 + 16 * 3600.0, 30.0);
    sampling_output(s, &out);
    double w2 = 100.0 * gas_psat_kpa(20.0) / GAS_P0_KPA;
    assert_near(out.so2, 100.0 * 0.1 * (1.0 - w2 / 100.0), 1e-3);
    assert_true(sampling_alarm(s) & SAMPLING_ALARM_MOISTURE);
    assert_int_equal(sampling_set(s, SAMPLING_P_CHILLER_SET, 400.0, HWDEV_SRC_SCENARIO), -1);
    sampling_free(s);
}

/* Blowback every 4 h from local midnight: 60 s blowing (no flow, the sample held), 120 s
 * recovery; the hold register meanwhile. The filter clogs and a blowback clears it. */
static void test_sampling_blowback(void **state)
{
    sampling *s = make_sampling();
    hwdev d = sampling_hwdev(s);
    uint16_t r[0x1C];
    gas out;
    run_sampling(s, cst(2022, 2, 8, 3, 59, 59), 10.0);
    assert_int_equal(sampling_state(s), SAMPLING_SAMPLING);
    gas held;
    sampling_output(s, &held);
    run_sampling(s, cst(2022, 2, 8, 4, 0, 1), 1.0);
    assert_int_equal(sampling_state(s), SAMPLING_BLOWBACK);
    assert_int_equal(sampling_hold(s), 1);
    gas g2 = stack_gas();
    g2.so2 = 300.0;
    sampling_set_stack(s, &g2, 55.0, GAS_P0_KPA);
    sampling_step(s, 1.0);
    assert_near(sampling_output(s, &out), 0.0, 0);
    assert_near(out.so2, held.so2, 0); /* no flow: the last sample held */
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x1C, r), 0);
    assert_int_equal(r[0x0C], SAMPLING_BLOWBACK);
    assert_int_equal(r[0x0D], 1);
    assert_true(r[0x10] & SAMPLING_OUT_BLOWBACK);
    assert_int_equal(r[0x12], 1);
    assert_int_equal(r[0x11], 58); /* seconds left of the 60 */
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r + 0x13, HJTIME_TZ_S, &t), 0);
    assert_true(t == cst(2022, 2, 8, 4, 0, 0));
    run_sampling(s, cst(2022, 2, 8, 4, 1, 1), 1.0);
    assert_int_equal(sampling_state(s), SAMPLING_RECOVERY);
    assert_int_equal(sampling_hold(s), 1);
    assert_true(sampling_output(s, &out) > 0.0);
    assert_true(out.so2 > 250.0);
    run_sampling(s, cst(2022, 2, 8, 4, 3, 0), 1.0);
    assert_int_equal(sampling_state(s), SAMPLING_SAMPLING);
    assert_int_equal(sampling_hold(s), 0);
    /* one now by command; a second while it runs is busy */
    uint16_t cmd = SAMPLING_CMD_BLOWBACK;
    assert_int_equal(d.ops->write(d.dev, 0x30, 1, &cmd), 0);
    assert_int_equal(d.ops->write(d.dev, 0x30, 1, &cmd), HWDEV_EX_BUSY);
    assert_int_equal(sampling_blowbacks(s), 2);
    run_sampling(s, cst(2022, 2, 8, 4, 10, 0), 5.0);
    /* clogging: 60 % clogged, 40 % of the flow; a blowback leaves a fifth of it */
    sampling_set_clog(s, 0.6);
    sampling_step(s, 1.0);
    assert_near(sampling_output(s, NULL), 0.8, 1e-12);
    assert_true(sampling_alarm(s) & SAMPLING_ALARM_LOW_FLOW);
    assert_int_equal(sampling_blowback(s, HWDEV_SRC_SCENARIO), 0);
    assert_near(sampling_clog(s), 0.12, 1e-12);
    /* the hold flag kept on by a knob while it samples */
    run_sampling(s, cst(2022, 2, 8, 5, 0, 0), 5.0);
    sampling_hold_flag(s, 1);
    assert_int_equal(sampling_hold(s), 1);
    assert_int_equal(sampling_state(s), SAMPLING_SAMPLING);
    sampling_hold_flag(s, 0);
    /* maintenance skips the scheduled one and holds */
    sampling_set_maintenance(s, 1);
    run_sampling(s, cst(2022, 2, 8, 8, 5, 0), 5.0);
    assert_int_equal(sampling_blowbacks(s), 3);
    assert_int_equal(sampling_hold(s), 1);
    sampling_free(s);

    /* dust clogs the filter while it samples: c = 1 - e^(-k t), k = 0.01/h at 10 mg/m3 */
    sampling_config c;
    sampling_config_default(&c);
    c.start = T0;
    c.bb_interval = 0.0;
    s = sampling_new(&c);
    gas g = stack_gas();
    sampling_set_stack(s, &g, 55.0, GAS_P0_KPA);
    run_sampling(s, T0 + 10 * 3600.0, 60.0);
    assert_near(sampling_clog(s), 1.0 - exp(-0.1), 1e-9);
    sampling_free(s);
}

static void test_sampling_registers(void **state)
{
    sampling *s = make_sampling();
    hwdev d = sampling_hwdev(s);
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0);
    uint16_t w[2], r[0x1C];
    sampling_step(s, 1.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x1C, r), 0);
    assert_near(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_LINE_T, 0, 0x1C, r), 150.0, 1e-4);
    assert_near(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_CHILLER_T, 0, 0x1C, r), 4.0, 1e-4);
    assert_near(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_FLOW, 0, 0x1C, r), 2.0, 1e-6);
    assert_near(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_FILTER_DP, 0, 0x1C, r), 0.2, 1e-6);
    assert_near(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_OUTPUTS, 0, 0x1C, r), 15, 0);
    assert_true(isnan(hwreg_decode(&sampling_regmap, &lay, SAMPLING_R_BB_TIME, 0, 0x1C, r)));
    /* the line's set point by FC 16: read back, counted with its source */
    hwreg_put_f32(w, 120.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x22, 2, w), 0);
    assert_near(sampling_get(s, SAMPLING_P_LINE_SET), 120.0, 0);
    hwreg_put_f32(w, 120.0f, HWREG_CDAB); /* interval 120 min */
    assert_int_equal(d.ops->write(d.dev, 0x26, 2, w), 0);
    assert_near(sampling_get(s, SAMPLING_P_BB_INTERVAL), 7200.0, 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x19, 3, r), 0);
    assert_int_equal(r[0], 2);
    assert_int_equal(r[1], HWDEV_SRC_MODBUS);
    assert_int_equal(r[2], 0x26);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x20, 0x0C, r), 0);
    assert_near(hwreg_get_f32(r + 6, HWREG_CDAB), 120.0, 0);
    hwreg_put_f32(w, 1.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x26, 2, w), HWDEV_EX_VALUE); /* 1 min: too short */
    assert_int_equal(d.ops->write(d.dev, 0x00, 2, w), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x1C, 1, r), HWDEV_EX_ADDRESS);
    /* heaters off by command */
    uint16_t cmd = SAMPLING_CMD_HEAT_OFF;
    assert_int_equal(d.ops->write(d.dev, 0x30, 1, &cmd), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10, 1, r), 0);
    assert_int_equal(r[0], SAMPLING_OUT_CHILLER | SAMPLING_OUT_PUMP);
    cmd = 0;
    assert_int_equal(d.ops->write(d.dev, 0x30, 1, &cmd), HWDEV_EX_VALUE);
    assert_int_equal(sampling_param_by_name("chiller_c"), SAMPLING_P_CHILLER_SET);
    /* pump off: stopped, no flow */
    sampling_set_pump(s, 0);
    sampling_step(s, 1.0);
    assert_int_equal(sampling_state(s), SAMPLING_STOPPED);
    assert_near(sampling_output(s, NULL), 0.0, 0);
    assert_true(sampling_alarm(s) & SAMPLING_ALARM_LOW_FLOW);
    sampling_set_fault(s, 3);
    assert_int_equal(sampling_blowback(s, HWDEV_SRC_SCENARIO), HWDEV_EX_FAILURE);
    assert_int_equal(sampling_state(s), SAMPLING_FAULT);
    sampling_free(s);
}

static flue *make_flue(double kv)
{
    flue_config c;
    flue_config_default(&c);
    c.start = T0;
    c.kv = kv;
    for (int i = 0; i < FLUE_CH; i++) {
        c.tau[i] = 0.0;
        c.noise[i] = 0.0;
    }
    flue *f = flue_new(&c);
    assert_non_null(f);
    flue_state s = {.v = 12.0, .t = 50.0, .ps = -0.2, .h2o = 10.0, .ba = 101.0};
    flue_set_state(f, &s);
    flue_step(f, 1.0);
    return f;
}

/* The pitot and the HJ 75 flows; Kv, Kp and area tampered. */
static void test_flue(void **state)
{
    flue *f = make_flue(0.84);
    double rho = 1.34 * 273.0 / 323.0 * (101.0 - 0.2) / GAS_P0_KPA;
    double vp = 12.0 / 0.84 / 0.84;
    assert_near(flue_pd(f), rho / 2.0 * vp * vp, 1e-9);
    assert_near(flue_density(f), rho, 1e-12);
    assert_near(flue_velocity(f), 12.0, 1e-9);
    double qs = 12.0 * 7.07 * 3600.0;
    assert_near(flue_qs(f), qs, 1e-6);
    double qsn = qs * 273.0 / 323.0 * (101.0 - 0.2) / GAS_P0_KPA * 0.9;
    assert_near(flue_qsn(f), qsn, 1e-6);
    assert_near(flue_temp(f), 50.0, 0);
    assert_near(flue_pressure(f), -0.2, 0);
    assert_near(flue_humidity(f), 10.0, 0);
    /* Kv lowered from 0.84 to 0.6: velocity and flows fall by 0.6/0.84 */
    assert_int_equal(flue_set(f, FLUE_P_KV, 0.6, HWDEV_SRC_SCENARIO), 0);
    assert_near(flue_velocity(f), 12.0 * 0.6 / 0.84, 1e-9);
    assert_near(flue_qsn(f), qsn * 0.6 / 0.84, 1e-6);
    assert_int_equal(flue_change_counter(f), 1);
    /* the area by FC 16 */
    hwdev d = flue_hwdev(f);
    uint16_t w[2], r[0x1A];
    hwreg_put_f32(w, 3.5f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x24, 2, w), 0);
    assert_near(flue_qs(f), 12.0 * 0.6 / 0.84 * 3.5 * 3600.0, 1e-3);
    hwreg_put_f32(w, 0.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x20, 2, w), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x1A, r), 0);
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_V, 0, 0x1A, r), 12.0 * 0.6 / 0.84, 1e-5);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_QSN, 0, 0x1A, r), flue_qsn(f), 0.1);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_PS, 0, 0x1A, r), -0.2, 1e-6);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_BA, 0, 0x1A, r), 101.0, 1e-5);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_CHG_COUNT, 0, 0x1A, r), 2, 0);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_CHG_PARAM, 0, 0x1A, r), 0x24, 0);
    assert_near(hwreg_decode(&flue_regmap, &lay, FLUE_R_CHG_SRC, 0, 0x1A, r), HWDEV_SRC_MODBUS, 0);
    /* a temperature offset; a fault holds the readings */
    flue_set_offset(f, FLUE_T, -20.0);
    flue_step(f, 1.0);
    assert_near(flue_temp(f), 30.0, 0);
    flue_set_fault(f, 2);
    flue_state s = {.v = 20.0, .t = 80.0, .ps = -0.2, .h2o = 10.0, .ba = 101.0};
    flue_set_state(f, &s);
    flue_step(f, 10.0);
    assert_near(flue_temp(f), 30.0, 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x12, 2, r), 0);
    assert_int_equal(r[0], 2);
    assert_int_equal(r[1], 2);
    assert_int_equal(flue_param_by_name("area"), FLUE_P_AREA);
    flue_free(f);

    /* lags and noise: the temperature's 30 s time constant */
    flue_config c;
    flue_config_default(&c);
    c.start = T0;
    c.noise[FLUE_T] = 0.0;
    flue *g = flue_new(&c);
    s = (flue_state){.v = 10.0, .t = 80.0, .ps = -0.2, .h2o = 10.0, .ba = GAS_P0_KPA};
    flue_set_state(g, &s);
    for (int i = 0; i < 30; i++)
        flue_step(g, 1.0);
    assert_near(flue_temp(g), 80.0 - 30.0 * exp(-1.0), 1e-9);
    assert_near(flue_velocity(g), 10.0, 0.5); /* 1 % noise on Pd */
    flue_free(g);
}

/* The particulate monitor: K factor, soiling, checks. */
static void test_pmmon(void **state)
{
    pmmon_config c;
    pmmon_config_default(&c);
    c.start = T0;
    c.dust_k = 1.5;
    c.initial = 8.0;
    pmmon *p = pmmon_new(&c);
    assert_non_null(p);
    pmmon_set_dust(p, 8.0);
    pmmon_step(p, 10.0);
    assert_near(pmmon_value(p), 8.0, 1e-12);
    assert_near(pmmon_raw(p), 8.0 / 1.5, 1e-12);
    /* a step of the dust reaches 90 % in T90 = 60 s */
    pmmon_set_dust(p, 18.0);
    pmmon_step(p, 60.0);
    assert_near(pmmon_value(p), 17.0, 1e-9);
    pmmon_step(p, 600.0);
    /* K lowered by a third: every value too */
    assert_int_equal(pmmon_set(p, PMMON_P_K, 1.0, HWDEV_SRC_MODBUS), 0);
    pmmon_step(p, 1.0);
    assert_near(pmmon_value(p), 12.0, 1e-6);
    assert_int_equal(pmmon_set(p, PMMON_P_K, 1.5, HWDEV_SRC_MODBUS), 0);
    /* a soiled window reads low */
    pmmon_set_soiling(p, 0.2);
    pmmon_step(p, 600.0);
    assert_near(pmmon_value(p), 14.4, 1e-6);
    assert_true(pmmon_alarm(p) == 0);
    /* the checks: the output holds, flag C; the span check shows the soiling */
    assert_int_equal(pmmon_command(p, PMMON_CMD_CHECK, HWDEV_SRC_PANEL), 0);
    assert_int_equal(pmmon_state(p), PMMON_ZERO_CHECK);
    assert_int_equal(pmmon_flag(p), 'C');
    pmmon_set_dust(p, 100.0);
    pmmon_step(p, 121.0);
    assert_int_equal(pmmon_state(p), PMMON_SPAN_CHECK);
    assert_near(pmmon_value(p), 14.4, 1e-6);
    pmmon_step(p, 120.0);
    assert_int_equal(pmmon_state(p), PMMON_MEASURING);
    hwdev d = pmmon_hwdev(p);
    uint16_t r[0x0C];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10, 0x0C, r), 0);
    assert_near(hwreg_get_f32(r, HWREG_CDAB), 0.0, 0);
    assert_near(hwreg_get_f32(r + 5, HWREG_CDAB), 0.8 * 160.0, 1e-4); /* span_ref 160/1.5 SU */
    assert_near(hwreg_get_f32(r + 7, HWREG_CDAB), -16.0, 1e-4);       /* -32 of 200 */
    assert_true(pmmon_alarm(p) & PMMON_ALARM_CHECK_FAIL);
    /* over range: the top, flag T; the 4-20 mA output at 20 */
    pmmon_set_soiling(p, 0.0);
    pmmon_set_dust(p, 500.0);
    pmmon_step(p, 600.0);
    assert_near(pmmon_value(p), 200.0, 0);
    assert_int_equal(pmmon_flag(p), 'T');
    uint16_t m[0x10];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x10, m), 0);
    assert_near(hwreg_get_f32(m + 4, HWREG_CDAB), 20.0, 1e-5);
    assert_int_equal(m[6], 'T');
    /* K by FC 16; the daily check at 02:30 */
    uint16_t w[2];
    hwreg_put_f32(w, 2.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x20, 2, w), 0);
    assert_near(pmmon_get(p, PMMON_P_K), 2.0, 0);
    while (pmmon_time(p) < cst(2022, 2, 8, 2, 30, 30))
        pmmon_step(p, 30.0);
    assert_int_equal(pmmon_state(p), PMMON_ZERO_CHECK);
    pmmon_freeze(p, 3.0);
    pmmon_set_fault(p, 4);
    assert_int_equal(pmmon_flag(p), 'D');
    assert_near(pmmon_value(p), 3.0, 0);
    assert_int_equal(pmmon_command(p, PMMON_CMD_SPAN_CHECK, 0), HWDEV_EX_FAILURE);
    pmmon_free(p);
}

/* The bypass damper: the actuator's stroke, limit switches, counters, a faked signal. */
static void test_damper(void **state)
{
    damper_config c;
    damper_config_default(&c);
    c.start = T0;
    damper *d = damper_new(&c);
    assert_non_null(d);
    assert_int_equal(damper_state(d), DAMPER_CLOSED);
    damper_set_target(d, 0.5);
    damper_step(d, 10.0);
    assert_int_equal(damper_state(d), DAMPER_MOVING);
    damper_step(d, 20.0);
    assert_near(damper_bypass_fraction(d), 0.5, 1e-12);
    assert_int_equal(damper_state(d), DAMPER_PART);
    /* off the 2 % switch from 1.2 s on: 28.8 s open */
    assert_near(damper_true_open_seconds(d), 30.0 - 0.02 * 60.0, 1e-9);
    damper_step(d, 3600.0);
    hwdev h = damper_hwdev(d);
    uint16_t r[0x11];
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0, 0x11, r), 0);
    assert_near(hwreg_get_f32(r, HWREG_CDAB), 50.0, 1e-5);
    assert_int_equal(r[4], DAMPER_PART);
    assert_int_equal(r[5], 0);
    assert_int_equal(r[6], 0);
    assert_int_equal(r[8], 1);
    assert_near(hwreg_get_f32(r + 9, HWREG_CDAB), (3630.0 - 1.2) / 3600.0, 1e-6);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r + 0x0B, HJTIME_TZ_S, &t), 0);
    assert_true(t == T0 + 10.0); /* the step in which it left the switch */
    /* the signal faked closed while it stands half open */
    damper_fake_signal(d, 0.0);
    damper_step(d, 3600.0);
    assert_near(damper_bypass_fraction(d), 0.5, 0);
    assert_int_equal(damper_state(d), DAMPER_CLOSED);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0, 0x11, r), 0);
    assert_near(hwreg_get_f32(r, HWREG_CDAB), 0.0, 0);
    assert_int_equal(r[5], 1);
    assert_near(hwreg_get_f32(r + 9, HWREG_CDAB), (3630.0 - 1.2) / 3600.0, 1e-6);
    assert_near(damper_true_open_seconds(d), 7230.0 - 1.2, 1e-6);
    damper_fake_signal(d, NAN);
    assert_int_equal(damper_state(d), DAMPER_PART);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 8, 1, r), 0);
    assert_int_equal(r[0], 2); /* the release shows as an opening */
    /* full open, then jammed on the way back */
    damper_set_target(d, 1.0);
    damper_step(d, 60.0);
    assert_int_equal(damper_state(d), DAMPER_OPEN);
    damper_set_target(d, 0.0);
    damper_step(d, 30.0);
    damper_set_fault(d, 1);
    damper_step(d, 60.0);
    assert_near(damper_bypass_fraction(d), 0.5, 1e-12);
    assert_int_equal(damper_state(d), DAMPER_FAULT);
    damper_set_fault(d, 0);
    damper_step(d, 60.0);
    assert_near(damper_bypass_fraction(d), 0.0, 0);
    assert_int_equal(damper_state(d), DAMPER_CLOSED);
    uint16_t w = 1;
    assert_int_equal(h.ops->write(h.dev, 0, 1, &w), HWDEV_EX_ADDRESS);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0x11, 1, r), HWDEV_EX_ADDRESS);
    damper_free(d);
}

/* Layouts: the same maps at another base, another word order, on input registers, strict. */
static void test_layouts(void **state)
{
    flue_config c;
    flue_config_default(&c);
    c.start = T0;
    hwreg_layout_default(&c.layout, 0x0100);
    c.layout.order = HWREG_ABCD;
    c.layout.table = HWDEV_INPUT;
    flue *f = flue_new(&c);
    flue_step(f, 1.0);
    hwdev d = flue_hwdev(f);
    uint16_t r[0x20];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x0100, 2, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_INPUT, 0x0000, 2, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_INPUT, 0x0100, 0x1A, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_ABCD) == (float)flue_velocity(f));
    assert_true(hwreg_decode(&flue_regmap, &c.layout, FLUE_R_QSN, 0x0100, 0x1A, r) ==
                (float)flue_qsn(f));
    uint16_t w[2];
    hwreg_put_f32(w, 0.5f, HWREG_ABCD);
    assert_int_equal(d.ops->write(d.dev, 0x0120, 2, w), 0);
    assert_near(flue_get(f, FLUE_P_KV), 0.5, 0);
    flue_free(f);
    /* a strict gas analyzer: the reserved words of its blocks are unmapped */
    gasan_config gc;
    gasan_config_default(&gc, GASAN_SO2);
    gc.layout.strict = 1;
    gasan *a = gasan_new(&gc);
    d = gasan_hwdev(a);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x00, 0x17, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x00, 0x0F, r), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10, 7, r), 0);
    gasan_free(a);
    /* blocks side by side read as one (the particulate monitor's data and checks) */
    pmmon_config pc;
    pmmon_config_default(&pc);
    pmmon *q = pmmon_new(&pc);
    d = pmmon_hwdev(q);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x00, 0x1C, r), 0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x10, 0x0D, r), HWDEV_EX_ADDRESS);
    pmmon_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gas_helpers),
        cmocka_unit_test(test_sampling_honest_and_leak),
        cmocka_unit_test(test_sampling_cold_line),
        cmocka_unit_test(test_sampling_chiller),
        cmocka_unit_test(test_sampling_blowback),
        cmocka_unit_test(test_sampling_registers),
        cmocka_unit_test(test_flue),
        cmocka_unit_test(test_pmmon),
        cmocka_unit_test(test_damper),
        cmocka_unit_test(test_layouts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
