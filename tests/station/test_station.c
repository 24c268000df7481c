/*
 * The station assembly: hourly results near the plant's means, tap water on the sample
 * line, a hidden dilution pipe by the mass balance, treatment stopped, a facility
 * switched off, a camera turned, a door card, determinism over a day, absent units.
 * Register reads go through the devices' hwdev views, as the endpoint serves them.
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
#include "hwreg.h"
#include "station.h"

#define T_0208 INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */
#define MIN    HJTIME_MINUTE_MS
#define HOUR   HJTIME_HOUR_MS

static station *mk_cfg(const station_cfg *c, uint64_t seed)
{
    char err[160] = "";
    station *st = station_new(c, seed, T_0208, err, sizeof err);
    if (!st) fail_msg("station_new: %s", err);
    return st;
}

static void cfg_of(station_cfg *c, int profile, const char *mn)
{
    assert_int_equal(station_cfg_default(c, profile), 0);
    snprintf(c->mn, sizeof c->mn, "%s", mn);
}

/* A dyeing station without noise or daily patterns: exact means, exact mass balances. */
static station *mk_flat(void)
{
    station_cfg c;
    cfg_of(&c, PLANT_DYEING, "33040001DYE0001");
    c.world.plant.noise = 0;
    c.world.plant.pattern = 0;
    c.analyzer_noise = 0;
    return mk_cfg(&c, 7);
}

/* Registers through the device's Modbus view; fails the test on an exception. */
static void regs(station *st, int unit, uint16_t addr, uint16_t n, uint16_t *out)
{
    hwdev d = station_device(st, unit);
    assert_non_null(d.ops);
    int ex = d.ops->read(d.dev, HWDEV_HOLDING, addr, n, out);
    if (ex) fail_msg("unit %d addr %#x: exception %d", unit, addr, ex);
}

static double reg_f32(station *st, int unit, uint16_t addr)
{
    uint16_t w[2];
    regs(st, unit, addr, 2, w);
    return hwreg_get_f32(w, HWREG_CDAB);
}

static uint16_t reg_u16(station *st, int unit, uint16_t addr)
{
    uint16_t w = 0;
    regs(st, unit, addr, 1, &w);
    return w;
}

/* The published result whose sample was drawn at t (model log), or fail. */
static analyzer_meas meas_at(station *st, const char *param, int64_t t)
{
    analyzer *a = station_analyzer(st, param);
    assert_non_null(a);
    analyzer_meas m;
    for (size_t i = 0; analyzer_log_get(a, i, &m) == 0; i++)
        if (m.sample_time == (double)t / 1000.0) return m;
    fail_msg("%s: no measurement drawn at %lld", param, (long long)t);
    return m;
}

/* A day of a noisy dyeing station: 24 hourly results per analyzer, their means near the
 * profile's effluent means (COD 150, NH3-N 8, TP 0.8), and the registers show the last. */
static void test_hourly_means(void **state)
{
    station_cfg c;
    cfg_of(&c, PLANT_DYEING, "33040001DYE0001");
    station *st = mk_cfg(&c, 7);
    station_step(st, T_0208 + 24 * HOUR);
    const char *params[] = {"cod", "nh3n", "tp"};
    const double means[] = {150, 8, 0.8};
    for (int k = 0; k < 3; k++) {
        double sum = 0;
        int n = 0;
        for (int h = 0; h < 24; h++) {
            analyzer_meas m = meas_at(st, params[k], T_0208 + h * HOUR);
            assert_int_equal(m.flag, 'N');
            assert_int_equal(m.published, 1);
            sum += m.value;
            n++;
        }
        double mean = sum / n;
        printf("  %s: 24 hourly results, mean %.3f (profile %.3f)\n", params[k], mean, means[k]);
        assert_true(fabs(mean - means[k]) < 0.15 * means[k]);
    }
    /* TN is not fitted on a dyeing station by default */
    assert_null(station_analyzer(st, "tn"));
    /* the registers show the 23:00 result (COD cycle: 30 min, done at 23:30) */
    analyzer_meas last = meas_at(st, "cod", T_0208 + 23 * HOUR);
    assert_float_equal(reg_f32(st, STATION_UNIT_COD, 0x1000), (float)last.value, 1e-3);
    uint16_t bcd[3];
    regs(st, STATION_UNIT_COD, 0x1002, 3, bcd);
    assert_int_equal(bcd[0], 0x2202);
    assert_int_equal(bcd[1], 0x0823);
    assert_int_equal(bcd[2], 0x0000);
    station_free(st);
}

/* The hose swapped onto the tap at 10:20: the 11:00 cycle reads tap water (COD 2 < the
 * detection limit 4: the limit is reported with qualifier bit 0; NH3-N 0.05; TP 0.02). */
static void test_tap_on_sample_line(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 10 * HOUR + 20 * MIN);
    analyzer_meas before = meas_at(st, "cod", T_0208 + 9 * HOUR);
    assert_float_equal(before.value, 150.0, 0.5);
    assert_int_equal(station_sample_line_connect(st, "tap", NULL), 0);
    assert_int_equal(station_sample_line_connect(st, "garden_hose", NULL), -1);
    assert_int_equal(station_sample_line_connect(st, "bucket", NULL), -1);
    station_step(st, T_0208 + 12 * HOUR);
    analyzer_meas cod = meas_at(st, "cod", T_0208 + 11 * HOUR);
    assert_float_equal(cod.value, 4.0, 1e-9);
    assert_int_equal(cod.below_dl, 1);
    assert_float_equal(cod.truth, 2.0, 0.05);
    assert_float_equal(meas_at(st, "nh3n", T_0208 + 11 * HOUR).value, 0.05, 0.005);
    assert_float_equal(meas_at(st, "tp", T_0208 + 11 * HOUR).value, 0.02, 0.002);
    assert_int_equal(reg_u16(st, STATION_UNIT_COD, 0x1007) & 1, 1); /* below DL */
    /* the station camera sees the hose on the tap */
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_STATION, 0x000E), CAMERA_HOSE_TAP);
    /* back on the channel: the 13:00 cycle reads the effluent again */
    assert_int_equal(station_sample_line_connect(st, "channel", NULL), 0);
    station_step(st, T_0208 + 14 * HOUR);
    assert_float_equal(meas_at(st, "cod", T_0208 + 13 * HOUR).value, 150.0, 0.5);
    /* a bucket of prepared water */
    water b;
    station_tap_water(st, &b);
    b.cod = 40;
    assert_int_equal(station_sample_line_connect(st, "bucket", &b), 0);
    station_step(st, T_0208 + 16 * HOUR);
    assert_float_equal(meas_at(st, "cod", T_0208 + 15 * HOUR).value, 40.0, 0.1);
    station_free(st);
}

/* A hidden 25 m3/h tap pipe into the 80 m3/h outfall: COD (80·150 + 25·2)/105 = 114.76
 * at the sampling point and in the analyzer; the downstream flow meter reads 105. */
static void test_hidden_pipe_dilution(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 6 * HOUR);
    assert_float_equal(reg_f32(st, STATION_UNIT_FLOW, 0x0000), 80.0, 1e-3);
    int h = station_add_inflow(st, "tap", 25, 1, NULL);
    assert_true(h >= 1);
    assert_int_equal(station_add_inflow(st, "sewer", 25, 1, NULL), -1);
    station_step(st, T_0208 + 8 * HOUR);
    water tap;
    station_tap_water(st, &tap);
    double want = (80 * 150 + 25 * tap.cod) / 105.0;
    assert_float_equal(want, 114.76, 0.01);
    analyzer_meas m = meas_at(st, "cod", T_0208 + 7 * HOUR);
    printf("  dilution: COD %.3f, mass balance %.3f\n", m.value, want);
    assert_float_equal(m.value, want, 0.001 * want);
    double want_nh3n = (80 * 8 + 25 * tap.nh3n) / 105.0;
    assert_float_equal(meas_at(st, "nh3n", T_0208 + 7 * HOUR).value, want_nh3n, 0.001 * want_nh3n);
    assert_float_equal(reg_f32(st, STATION_UNIT_FLOW, 0x0000), 105.0, 1e-3);
    /* hidden: the outfall camera sees no pipe; a visible one it sees */
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x000F), 0);
    assert_int_equal(station_inflow_stop(st, h), 0);
    assert_int_equal(station_inflow_stop(st, h), -1);
    int h2 = station_add_inflow(st, "tap", 10, 0, NULL);
    assert_true(h2 >= 1);
    station_step(st, T_0208 + 8 * HOUR + MIN);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x000F), 1);
    assert_float_equal(reg_f32(st, STATION_UNIT_FLOW, 0x0000), 90.0, 1e-3);
    station_free(st);
}

/* Treatment stopped at 06:00: COD climbs toward the equalised raw water (1500) with the
 * treatment train's time constant (8 h): 150 + 1350 (1 - e^(-T/8h)); over the limit
 * (200) the sampler retains a sample. */
static void test_treatment_stopped(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 6 * HOUR);
    assert_int_equal(station_plant_treatment(st, 0.0), 0);
    assert_int_equal(station_plant_treatment(st, 1.5), -1);
    station_step(st, T_0208 + 13 * HOUR);
    double prev = 0;
    for (int k = 1; k <= 6; k++) {
        double v = meas_at(st, "cod", T_0208 + (6 + k) * HOUR).value;
        double want = 150 + 1350 * (1 - exp(-k / 8.0));
        printf("  treatment 0, +%dh: COD %.1f (first order %.1f)\n", k, v, want);
        assert_true(v > prev);
        assert_float_equal(v, want, 0.03 * want);
        prev = v;
    }
    int retained = 0;
    for (int i = 0; i < SAMPLER_BOTTLES; i++) {
        sampler_bottle b;
        assert_int_equal(sampler_bottle_get(station_sampler(st), i, &b), 0);
        if (b.state == SAMPLER_RETAINED && b.reason == SAMPLER_OVERLIMIT) retained++;
    }
    assert_true(retained >= 1);
    assert_true(reg_u16(st, STATION_UNIT_SAMPLER, 0x0009) >= 1);
    station_free(st);
}

/* The blower switched off: its meter reads 0 A and state off; the lift pump runs. */
static void test_facility_off(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 2 * HOUR);
    assert_int_equal(station_meter_count(st), 3);
    assert_string_equal(station_meter_name(st, 0), "line1");
    assert_string_equal(station_meter_name(st, 1), "blower");
    assert_string_equal(station_meter_name(st, 2), "lift_pump");
    int blower = STATION_UNIT_METER0 + 1;
    assert_true(reg_f32(st, blower, 0x0000) > 10.0);
    assert_int_equal(reg_u16(st, blower, 0x0008), METER_RUNNING);
    assert_int_equal(station_facility_set(st, "blower", 0), 0);
    assert_int_equal(station_facility_set(st, "no_such", 0), -1);
    station_step(st, T_0208 + 2 * HOUR + MIN);
    assert_float_equal(reg_f32(st, blower, 0x0000), 0.0, 1e-9);
    assert_int_equal(reg_u16(st, blower, 0x0008), METER_OFF);
    assert_int_equal(reg_u16(st, blower, 0x0009), 0);
    assert_true(reg_f32(st, STATION_UNIT_METER0 + 2, 0x0000) > 5.0);
    assert_true(meter_current(station_meter(st, "line1")) > 10.0);
    /* a blower off halves the treatment: effluent COD rises over hours */
    station_step(st, T_0208 + 8 * HOUR);
    assert_true(meas_at(st, "cod", T_0208 + 7 * HOUR).value > 300.0);
    assert_int_equal(station_facility_set(st, "blower", 1), 0);
    station_step(st, T_0208 + 8 * HOUR + MIN);
    assert_true(reg_f32(st, blower, 0x0000) > 10.0);
    station_free(st);
}

/* The outfall camera turned 120 degrees: deviation 120 in its registers, the target out
 * of view, the deviation alarm; turned back: 0. Covered and powered off as well. */
static void test_camera_turned(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + HOUR);
    assert_float_equal(reg_f32(st, STATION_UNIT_CAM_OUTFALL, 0x0008), 0.0, 1e-9);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x000D), 1);
    assert_int_equal(station_camera_turn(st, "outfall", 120, 0), 0);
    assert_int_equal(station_camera_turn(st, "roof", 120, 0), -1);
    station_step(st, T_0208 + HOUR + MIN);
    assert_float_equal(reg_f32(st, STATION_UNIT_CAM_OUTFALL, 0x0004), 120.0, 1e-4);
    assert_float_equal(reg_f32(st, STATION_UNIT_CAM_OUTFALL, 0x0008), 120.0, 1e-4);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x000D), 0);
    assert_true(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x0017) & CAMERA_ALARM_DEVIATION);
    assert_float_equal(reg_f32(st, STATION_UNIT_CAM_STATION, 0x0008), 0.0, 1e-9);
    assert_int_equal(station_camera_turn(st, "outfall", 0, 0), 0);
    station_step(st, T_0208 + HOUR + 2 * MIN);
    assert_float_equal(reg_f32(st, STATION_UNIT_CAM_OUTFALL, 0x0008), 0.0, 1e-9);
    assert_int_equal(station_camera_cover(st, "station", 1), 0);
    assert_int_equal(station_camera_power(st, "outfall", 0), 0);
    station_step(st, T_0208 + HOUR + 3 * MIN);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_STATION, 0x0002), 1);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_OUTFALL, 0x0001), 1);
    station_free(st);
}

/* A card opens the door (logged with the card), the door closes behind the operator, the
 * station camera counts the person; a forced entry raises the alarm. */
static void test_door_card(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 10 * HOUR + MIN);
    assert_int_equal(station_person_enters(st, "operator", "0012"), 0);
    assert_int_equal(station_person_enters(st, "x", "12ab"), -1);
    assert_int_equal(reg_u16(st, STATION_UNIT_DOOR, 0x0000), 1);
    uint16_t ev[8];
    regs(st, STATION_UNIT_DOOR, 0x0010, 8, ev);
    assert_int_equal(ev[0], 1);            /* seq */
    assert_int_equal(ev[1], DOOR_EV_CARD); /* type */
    assert_int_equal(ev[2], 0x2202);       /* 2022-02 */
    assert_int_equal(ev[3], 0x0810);       /* 08 10h */
    assert_int_equal(ev[4], 0x0100);       /* 01:00 */
    assert_int_equal(hwreg_get_u32(ev + 5, HWREG_CDAB), 12);
    assert_int_equal(ev[7], 1);
    station_step(st, T_0208 + 10 * HOUR + 2 * MIN);
    assert_int_equal(reg_u16(st, STATION_UNIT_DOOR, 0x0000), 0); /* closed behind */
    regs(st, STATION_UNIT_DOOR, 0x0010, 2, ev);
    assert_int_equal(ev[0], 2);
    assert_int_equal(ev[1], DOOR_EV_CLOSE);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_STATION, 0x000A), 1);
    assert_int_equal(station_people(st), 1);
    assert_int_equal(station_person_leaves(st, "visitor"), -1);
    assert_int_equal(station_person_leaves(st, "operator"), 0);
    station_step(st, T_0208 + 10 * HOUR + 3 * MIN);
    assert_int_equal(reg_u16(st, STATION_UNIT_CAM_STATION, 0x000A), 0);
    assert_int_equal(station_person_enters(st, "intruder", NULL), 0);
    assert_int_equal(reg_u16(st, STATION_UNIT_DOOR, 0x0001) & DOOR_ALARM_FORCED, 1);
    regs(st, STATION_UNIT_DOOR, 0x0010, 8, ev);
    assert_int_equal(ev[1], DOOR_EV_FORCED);
    assert_int_equal(ev[7], 0);
    station_free(st);
}

/* Every register of every unit, one at a time (exceptions compared too). */
static int dump_all(station *st, uint16_t *vals, int *codes, size_t cap)
{
    size_t k = 0;
    for (int u = 1; u <= STATION_UNIT_LAST; u++) {
        hwdev d = station_device(st, u);
        for (unsigned a = 0; a < 0x1210; a++) {
            assert_true(k < cap);
            vals[k] = 0;
            codes[k] = d.ops ? d.ops->read(d.dev, HWDEV_HOLDING, (uint16_t)a, 1, &vals[k]) : -1;
            k++;
        }
    }
    return (int)k;
}

/* Same seed and MN: the same registers after a day, whether stepped in one call or in
 * ragged chunks; another seed differs. */
static void test_determinism(void **state)
{
    station_cfg c;
    cfg_of(&c, PLANT_MUNICIPAL, "MUNI0001");
    station *a = mk_cfg(&c, 42), *b = mk_cfg(&c, 42), *d = mk_cfg(&c, 43);
    assert_non_null(station_analyzer(a, "tn")); /* municipal: TN fitted */
    station_step(a, T_0208 + HJTIME_DAY_MS);
    for (int64_t t = T_0208, k = 0; t < T_0208 + HJTIME_DAY_MS; k++) {
        t += 7 * HJTIME_SECOND_MS + (k * 7919 % 300) * HJTIME_SECOND_MS;
        station_step(b, t < T_0208 + HJTIME_DAY_MS ? t : T_0208 + HJTIME_DAY_MS);
    }
    station_step(d, T_0208 + HJTIME_DAY_MS);
    assert_int_equal(station_time(a), station_time(b));
    size_t cap = (size_t)STATION_UNIT_LAST * 0x1210;
    uint16_t *va = calloc(cap, 2), *vb = calloc(cap, 2), *vd = calloc(cap, 2);
    int *ca = calloc(cap, sizeof(int)), *cb = calloc(cap, sizeof(int)),
        *cd = calloc(cap, sizeof(int));
    assert_true(va && vb && vd && ca && cb && cd);
    int n = dump_all(a, va, ca, cap);
    assert_int_equal(dump_all(b, vb, cb, cap), n);
    dump_all(d, vd, cd, cap);
    int mapped = 0, diff_seed = 0;
    for (int i = 0; i < n; i++) {
        if (ca[i] != cb[i] || va[i] != vb[i])
            fail_msg("unit %d addr %#x: %d/%u vs %d/%u", i / 0x1210 + 1, i % 0x1210, ca[i], va[i],
                     cb[i], vb[i]);
        mapped += ca[i] == 0;
        diff_seed += va[i] != vd[i];
    }
    printf("  determinism: %d mapped registers equal; %d differ with another seed\n", mapped,
           diff_seed);
    assert_true(mapped > 500);
    assert_true(diff_seed > 20);
    free(va), free(vb), free(vd), free(ca), free(cb), free(cd);
    station_free(a), station_free(b), station_free(d);
}

/* Absent devices have no unit; bad configurations are refused with a message. */
static void test_units_and_cfg(void **state)
{
    station_cfg c;
    cfg_of(&c, PLANT_FOOD, "FOOD01");
    c.fitted[STATION_P_TP] = 0;
    c.camera[STATION_CAM_OUTFALL] = 0;
    c.cod = STATION_COD_TOC;
    station *st = mk_cfg(&c, 1);
    assert_null(station_device(st, STATION_UNIT_TP).ops);
    assert_null(station_device(st, STATION_UNIT_TN).ops);
    assert_null(station_device(st, STATION_UNIT_CAM_OUTFALL).ops);
    assert_null(station_device(st, STATION_UNIT_METER0 + 3).ops);
    assert_null(station_device(st, 0).ops);
    assert_string_equal(station_device(st, STATION_UNIT_COD).ops->kind, "analyzer");
    assert_int_equal(analyzer_get_kind(station_analyzer(st, "toc")), ANALYZER_TOC);
    assert_string_equal(station_device(st, STATION_UNIT_METER0 + 2).ops->kind, "meter");
    assert_string_equal(station_mn(st), "FOOD01");
    assert_string_equal(station_pw(st), "123456");
    assert_int_equal(station_protocol(st), 2017);
    /* TOC: COD = k·TOC with k the wastewater's COD/TOC ratio (food 2.7) */
    station_step(st, T_0208 + 3 * HOUR);
    analyzer_meas m = meas_at(st, "cod", T_0208 + 2 * HOUR);
    assert_float_equal(m.value, 2.7 * m.toc, 1e-6 * m.value);
    station_free(st);

    char err[160];
    cfg_of(&c, PLANT_DYEING, "");
    assert_null(station_new(&c, 1, T_0208, err, sizeof err));
    assert_non_null(strstr(err, "mn"));
    cfg_of(&c, PLANT_DYEING, "A1");
    c.protocol = 2019;
    assert_null(station_new(&c, 1, T_0208, err, sizeof err));
    assert_non_null(strstr(err, "protocol"));
    cfg_of(&c, PLANT_DYEING, "A1");
    c.limits.ph_lo = 9, c.limits.ph_hi = 6;
    assert_null(station_new(&c, 1, T_0208, err, sizeof err));
    cfg_of(&c, PLANT_DYEING, "A1");
    c.cycle_ms = 10 * HJTIME_SECOND_MS;
    assert_null(station_new(&c, 1, T_0208, err, sizeof err));
    assert_non_null(strstr(err, "cycle"));
    cfg_of(&c, PLANT_DYEING, "A1");
    c.world.plant.noise = 3;
    assert_null(station_new(&c, 1, T_0208, err, sizeof err));
    assert_non_null(strstr(err, "noise"));
    assert_int_equal(station_cfg_default(&c, 99), -1);
    station_limits l;
    assert_int_equal(station_limits_default(&l, PLANT_MUNICIPAL), 0);
    assert_float_equal(l.cod, 50, 0);
    station_free(NULL);
}

/* Knobs on the analyzers: a pour plus restart measures the mixture; parameters and
 * freeze act on the model and are logged with source panel. */
static void test_analyzer_knobs(void **state)
{
    station *st = mk_flat();
    station_step(st, T_0208 + 10 * HOUR + 2 * MIN);
    water q;
    station_tap_water(st, &q);
    q.cod = 0;
    assert_int_equal(station_add_to_cup(st, "cod", 40, &q), 0);
    assert_int_equal(station_analyzer_command(st, "cod", "restart"), 0);
    assert_int_equal(station_analyzer_command(st, "cod", "dance"), -1);
    station_step(st, T_0208 + 10 * HOUR + 40 * MIN);
    analyzer_status s;
    analyzer_get_status(station_analyzer(st, "cod"), &s);
    assert_float_equal(s.value, 150.0 * 100 / 140, 0.01); /* 100 ml at 150 + 40 at 0 */
    assert_int_equal(station_analyzer_set(st, "cod", "slope", 0.6), 0);
    assert_int_equal(station_analyzer_set(st, "cod", "bogus", 0.6), -1);
    assert_int_equal(station_analyzer_set(st, "tn", "slope", 0.6), -1);
    assert_float_equal(reg_f32(st, STATION_UNIT_COD, 0x10AA), 0.6, 1e-6);
    assert_int_equal(reg_u16(st, STATION_UNIT_COD, 0x1093), HWDEV_SRC_PANEL);
    station_step(st, T_0208 + 12 * HOUR);
    assert_float_equal(meas_at(st, "cod", T_0208 + 11 * HOUR).value, 90.0, 0.1);
    assert_int_equal(station_analyzer_freeze(st, "cod", 42.0), 0);
    station_step(st, T_0208 + 13 * HOUR);
    assert_float_equal(reg_f32(st, STATION_UNIT_COD, 0x1000), 42.0, 1e-6);
    assert_int_equal(station_analyzer_unfreeze(st, "cod"), 0);
    assert_int_equal(station_flow_factor(st, 0.5), 0);
    assert_int_equal(station_flow_factor(st, -1), -1);
    station_step(st, T_0208 + 13 * HOUR + MIN);
    assert_float_equal(reg_f32(st, STATION_UNIT_FLOW, 0x0000), 40.0, 1e-3);
    assert_int_equal(station_analyzer_standard(st, "cod", 62.5), 0);
    assert_float_equal(analyzer_standard(station_analyzer(st, "cod")), 62.5, 0);
    station_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hourly_means),
        cmocka_unit_test(test_tap_on_sample_line),
        cmocka_unit_test(test_hidden_pipe_dilution),
        cmocka_unit_test(test_treatment_stopped),
        cmocka_unit_test(test_facility_off),
        cmocka_unit_test(test_camera_turned),
        cmocka_unit_test(test_door_card),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_units_and_cfg),
        cmocka_unit_test(test_analyzer_knobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
