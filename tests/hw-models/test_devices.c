/* test_devices.c — probe, flow meter, sampler, camera, door, facility current meter. */
#include "hwtest.h"
#include "camera.h"
#include "door.h"
#include "flowmeter.h"
#include "meter.h"
#include "probe.h"
#include "sampler.h"

#define T0 cst(2022, 2, 8, 0, 10, 0)

static void test_probe_lag_noise(void **state)
{
    probe_config c;
    probe_config_default(&c);
    c.start = T0;
    c.noise[PROBE_PH] = 0.0;
    c.noise[PROBE_TEMP] = 0.0;
    c.noise[PROBE_COND] = 0.0;
    probe *p = probe_new(&c);
    water w = {.ph = 9.0, .temp = 30.0, .cond = 1500.0};
    probe_set_water(p, &w);
    for (int i = 0; i < 30; i++)
        probe_step(p, 1.0);
    assert_near(probe_value(p, PROBE_PH), 9.0 - 2.0 * exp(-1.0), 1e-12);     /* tau 30 s */
    assert_near(probe_value(p, PROBE_TEMP), 30.0 - 10.0 * exp(-0.5), 1e-12); /* tau 60 s */
    assert_near(probe_value(p, PROBE_COND), 1500.0 - 1000.0 * exp(-1.5), 1e-9);
    hwdev d = probe_hwdev(p);
    uint16_t r[11];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 11, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == (float)(9.0 - 2.0 * exp(-1.0)));
    assert_true(hwreg_get_f32(r + 4, HWREG_CDAB) == (float)probe_value(p, PROBE_COND));
    assert_int_equal(r[6], 0);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(r + 8, HJTIME_TZ_S, &t), 0);
    assert_true(t == T0 + 30.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x0B, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0, 1, r), HWDEV_EX_ADDRESS);
    /* fault: readings hold */
    double held = probe_value(p, PROBE_PH);
    probe_set_fault(p, 3);
    probe_step(p, 100.0);
    assert_true(probe_value(p, PROBE_PH) == held);
    d.ops->read(d.dev, HWDEV_HOLDING, 6, 2, r);
    assert_int_equal(r[0], 2);
    assert_int_equal(r[1], 3);
    probe_free(p);

    /* noise: same seed same outputs; sd as configured */
    probe_config_default(&c);
    c.seed = 11;
    probe *a = probe_new(&c), *b = probe_new(&c);
    c.seed = 12;
    probe *e = probe_new(&c);
    water s = {.ph = 7.0, .temp = 20.0, .cond = 500.0};
    probe_set_water(a, &s);
    probe_set_water(b, &s);
    probe_set_water(e, &s);
    double sum2 = 0.0;
    int differ = 0;
    for (int i = 0; i < 20000; i++) {
        probe_step(a, 1.0);
        probe_step(b, 1.0);
        probe_step(e, 1.0);
        assert_true(probe_value(a, PROBE_PH) == probe_value(b, PROBE_PH));
        differ += probe_value(a, PROBE_PH) != probe_value(e, PROBE_PH);
        sum2 += (probe_value(a, PROBE_PH) - 7.0) * (probe_value(a, PROBE_PH) - 7.0);
    }
    assert_int_equal(differ, 20000);
    assert_near(sqrt(sum2 / 20000), 0.01, 0.0005);
    probe_free(a);
    probe_free(b);
    probe_free(e);
}

static void test_flowmeter_totalizer(void **state)
{
    flowmeter_config c;
    flowmeter_config_default(&c);
    c.start = T0;
    flowmeter *f = flowmeter_new(&c);
    flowmeter_set_flow(f, 36.0);
    for (int i = 0; i < 100000; i++) /* 10000 s at 36 m3/h */
        flowmeter_step(f, 0.1);
    assert_rel(flowmeter_total(f), 100.0, 1e-9);
    assert_int_equal(flowmeter_set_factor(f, 0.5, HWDEV_SRC_SCENARIO), 0);
    double expect = 100.0;
    double q[5] = {80.0, 12.5, 0.0, 333.3, 47.11};
    double dt[5] = {0.7, 1.3, 5.0, 0.01, 2.9};
    for (int k = 0; k < 20000; k++) {
        flowmeter_set_flow(f, q[k % 5]);
        flowmeter_step(f, dt[k % 5]);
        expect += 0.5 * q[k % 5] * dt[k % 5] / 3600.0;
    }
    assert_rel(flowmeter_total(f), expect, 1e-9);
    assert_rel(flowmeter_true_total(f), 100.0 + 2.0 * (expect - 100.0), 1e-9);
    flowmeter_set_flow(f, 36.0);
    flowmeter_step(f, 1.0);
    assert_near(flowmeter_flow_m3h(f), 18.0, 0);
    assert_near(flowmeter_flow_ls(f), 5.0, 1e-12);
    hwdev d = flowmeter_hwdev(f);
    uint16_t r[0x12];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x12, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 18.0f);
    assert_true(hwreg_get_f32(r + 2, HWREG_CDAB) == 5.0f);
    assert_true(hwreg_get_f64(r + 4, HWREG_CDAB) == flowmeter_total(f));
    assert_int_equal(hwreg_get_u32(r + 8, HWREG_CDAB), (uint32_t)floor(flowmeter_total(f)));
    assert_int_equal(r[0x0C], FLOWMETER_OK);
    assert_int_equal(r[0x11], 1);
    /* factor via registers: counted, source modbus */
    uint16_t w[2];
    hwreg_put_f32(w, 0.25f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x20, 2, w), 0);
    assert_true(flowmeter_factor(f) == 0.25);
    assert_int_equal(flowmeter_change_counter(f), 2);
    assert_int_equal(flowmeter_last_change_source(f), HWDEV_SRC_MODBUS);
    hwreg_put_f32(w, -1.0f, HWREG_CDAB);
    assert_int_equal(d.ops->write(d.dev, 0x20, 2, w), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x12, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(d.ops->write(d.dev, 0x00, 2, w), HWDEV_EX_ADDRESS);
    flowmeter_set_fault(f, 1);
    flowmeter_step(f, 10.0);
    assert_int_equal(flowmeter_status(f), FLOWMETER_FAULT);
    assert_near(flowmeter_flow_m3h(f), 0.0, 0);
    flowmeter_free(f);
}

static void test_sampler(void **state)
{
    sampler_config c;
    sampler_config_default(&c);
    c.start = T0;
    sampler *s = sampler_new(&c);
    for (int k = 0; k < 200; k++) { /* 00:10 .. 03:30, quality changes every minute */
        water w = {.cod = 100.0 + k, .ph = 7.0};
        sampler_set_water(s, &w);
        sampler_step(s, 60.0);
    }
    assert_true(sampler_time(s) == cst(2022, 2, 8, 3, 30, 0));
    sampler_bottle b;
    for (int i = 0; i < 3; i++) {
        sampler_bottle_get(s, i, &b);
        assert_int_equal(b.state, SAMPLER_FILLED);
        assert_int_equal(b.reason, SAMPLER_SCHEDULED);
        assert_true(b.time == cst(2022, 2, 8, 1 + i, 0, 0));
        /* the water set for the step that contains the hour */
        assert_near(b.q.cod, 100.0 + 49 + 60 * i, 0);
    }
    sampler_bottle_get(s, 3, &b);
    assert_int_equal(b.state, SAMPLER_EMPTY);
    assert_int_equal(sampler_trigger(s, SAMPLER_OVERLIMIT), 3);
    sampler_bottle_get(s, 3, &b);
    assert_int_equal(b.state, SAMPLER_RETAINED);
    assert_near(b.q.cod, 299.0, 0);
    assert_true(b.time == cst(2022, 2, 8, 3, 30, 0));
    /* a day later: rotation wrapped and skipped the retained bottle */
    water w = {.cod = 50.0};
    sampler_set_water(s, &w);
    for (int k = 0; k < 24 * 60; k++)
        sampler_step(s, 60.0);
    assert_int_equal(sampler_count(s), 3 + 1 + 24);
    sampler_bottle_get(s, 3, &b);
    assert_int_equal(b.state, SAMPLER_RETAINED);
    assert_near(b.q.cod, 299.0, 0);
    sampler_bottle_get(s, 4, &b);
    assert_true(b.time == cst(2022, 2, 9, 3, 0, 0)); /* the first after the trigger: 04:00 */
    hwdev d = sampler_hwdev(s);
    uint16_t r[0x60];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x11, r), 0);
    assert_near(hwreg_get_f32(r + 1, HWREG_CDAB), 4.0, 1e-6);
    assert_int_equal(r[8], 24);
    assert_int_equal(r[9], 1);
    assert_int_equal(r[10], 28);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x40, 0x60, r), 0);
    assert_int_equal(r[3 * 4], SAMPLER_RETAINED | SAMPLER_OVERLIMIT << 8);
    double bt = 0;
    assert_int_equal(hwreg_get_bcd(r + 3 * 4 + 1, HJTIME_TZ_S, &bt), 0);
    assert_true(bt == cst(2022, 2, 8, 3, 30, 0));
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0xA0, 1, r), HWDEV_EX_ADDRESS);
    uint16_t cmd = 2;
    assert_int_equal(d.ops->write(d.dev, 0x10, 1, &cmd), 0);
    assert_int_equal(sampler_count(s), 29);
    /* fridge failure: towards 25 degC with tau 1800 s */
    sampler_set_fridge_fault(s, 1);
    sampler_step(s, 1800.0);
    assert_near(sampler_fridge_temp(s), 25.0 - 21.0 * exp(-1.0), 1e-9);
    sampler_free(s);
}

static void test_camera(void **state)
{
    camera_config c;
    camera_config_default(&c);
    c.start = T0;
    camera *k = camera_new(&c);
    camera_scene sc = {.people = 2, .hose = CAMERA_HOSE_CHANNEL};
    camera_set_scene(k, &sc);
    camera_step(k, 1.0);
    camera_view v;
    camera_get_view(k, &v);
    assert_int_equal(v.visible, 1);
    assert_int_equal(v.people, 2);
    assert_int_equal(v.hose, CAMERA_HOSE_CHANNEL);
    assert_near(v.score, 0.0, 0);
    camera_step(k, 600.0);
    /* turned 40 degrees: beyond half the 60 degree field of view */
    camera_turn(k, 40.0, 0.0);
    camera_step(k, 1.0);
    camera_get_view(k, &v);
    assert_int_equal(v.visible, 0);
    assert_int_equal(v.people, 0);
    assert_int_equal(v.hose, 0);
    assert_near(v.deviation, 40.0, 0);
    assert_near(v.score, 1.0, 0); /* the turn itself */
    assert_true(v.alarm & CAMERA_ALARM_DEVIATION);
    camera_step(k, 600.0);
    camera_get_view(k, &v);
    assert_near(v.score, 40.0 / 60.0, 1e-12); /* stays off the reference view */
    /* 20 degrees: still sees the target, still deviated */
    camera_turn(k, 20.0, 0.0);
    camera_step(k, 1.0);
    camera_get_view(k, &v);
    assert_int_equal(v.visible, 1);
    assert_int_equal(v.people, 2);
    assert_true(v.alarm & CAMERA_ALARM_DEVIATION);
    camera_turn(k, 0.0, 0.0);
    camera_step(k, 600.0);
    /* people change: transient 0.25·4 = 1, decaying with tau 60 s */
    sc.people = 6;
    camera_set_scene(k, &sc);
    camera_step(k, 1.0);
    camera_get_view(k, &v);
    assert_near(v.score, 1.0, 0);
    camera_step(k, 60.0);
    camera_get_view(k, &v);
    assert_near(v.score, exp(-1.0), 1e-12);
    /* covered */
    camera_cover(k, 1);
    camera_step(k, 300.0);
    camera_get_view(k, &v);
    assert_int_equal(v.people, 0);
    assert_int_equal(v.covered, 1);
    assert_near(v.score, 1.0, 0);
    assert_true(v.alarm & CAMERA_ALARM_OCCLUSION);
    camera_cover(k, 0);
    /* power off: video loss */
    camera_power(k, 0);
    camera_step(k, 1.0);
    camera_get_view(k, &v);
    assert_int_equal(v.video_loss, 1);
    assert_int_equal(v.people, 0);
    assert_near(v.score, 0.0, 0);
    assert_int_equal(v.alarm, CAMERA_ALARM_VIDEO_LOSS);
    hwdev d = camera_hwdev(k);
    uint16_t r[0x19];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x19, r), 0);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[1], 1);
    assert_int_equal(r[0x17], CAMERA_ALARM_VIDEO_LOSS);
    camera_power(k, 1);
    camera_turn(k, 12.5, -3.0);
    camera_step(k, 1.0);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x19, r), 0);
    assert_int_equal(r[0], 1);
    assert_true(hwreg_get_f32(r + 4, HWREG_CDAB) == 12.5f);
    assert_true(hwreg_get_f32(r + 6, HWREG_CDAB) == -3.0f);
    assert_true(hwreg_get_f32(r + 8, HWREG_CDAB) == (float)sqrt(12.5 * 12.5 + 9.0));
    assert_int_equal(r[0x0A], 6);
    assert_int_equal(r[0x0D], 1);
    camera_get_view(k, &v);
    assert_true(hwreg_get_f32(r + 0x0B, HWREG_CDAB) == (float)v.score);
    assert_int_equal(r[0x18], v.events % 65536u);
    uint16_t p = 1;
    assert_int_equal(d.ops->write(d.dev, 0x20, 1, &p), 0);
    camera_get_view(k, &v);
    assert_near(v.deviation, 0.0, 0);
    p = 5;
    assert_int_equal(d.ops->write(d.dev, 0x20, 1, &p), HWDEV_EX_VALUE);
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0x19, 1, r), HWDEV_EX_ADDRESS);
    camera_free(k);
}

static void test_door(void **state)
{
    door_config c;
    door_config_default(&c);
    c.start = cst(2022, 2, 8, 10, 0, 0);
    door *d = door_new(&c);
    door_step(d, 60.0);
    door_card(d, "0012"); /* 10:01 */
    assert_int_equal(door_is_open(d), 1);
    assert_int_equal(door_alarm(d), 0);
    door_step(d, 30.0);
    door_close(d);
    door_step(d, 600.0);
    door_open(d); /* 10:11:30 forced */
    assert_int_equal(door_alarm(d), DOOR_ALARM_FORCED);
    for (int i = 0; i < 200; i++)
        door_step(d, 1.0);
    assert_int_equal(door_alarm(d), DOOR_ALARM_FORCED | DOOR_ALARM_HELD);
    door_close(d);
    assert_int_equal(door_counter(d), 5);
    door_event e;
    door_log_get(d, 4, &e);
    assert_int_equal(e.seq, 1);
    assert_int_equal(e.type, DOOR_EV_CARD);
    assert_string_equal(e.card, "0012");
    assert_true(e.time == cst(2022, 2, 8, 10, 1, 0));
    door_log_get(d, 2, &e);
    assert_int_equal(e.type, DOOR_EV_FORCED);
    assert_string_equal(e.card, "");
    door_log_get(d, 1, &e);
    assert_int_equal(e.type, DOOR_EV_HELD_OPEN);
    assert_true(e.time == cst(2022, 2, 8, 10, 13, 30));
    hwdev h = door_hwdev(d);
    uint16_t r[0x50];
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0, 0x0F, r), HWDEV_EX_ADDRESS);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0, 6, r), 0);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0x10, 0x40, r + 0x10), 0);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[1], 0);
    assert_int_equal(r[2], 5);
    const uint16_t *ev = r + 0x10 + 8 * 4; /* the 5th newest: the card */
    assert_int_equal(ev[0], 1);
    assert_int_equal(ev[1], DOOR_EV_CARD);
    double t = 0;
    assert_int_equal(hwreg_get_bcd(ev + 2, HJTIME_TZ_S, &t), 0);
    assert_true(t == cst(2022, 2, 8, 10, 1, 0));
    assert_int_equal(hwreg_get_u32(ev + 5, HWREG_CDAB), 12);
    assert_int_equal(ev[7], 1);
    ev = r + 0x10 + 8 * 5; /* no 6th event */
    assert_int_equal(ev[0], 0);
    assert_int_equal(ev[2] | ev[3] | ev[4], 0);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0x50, 1, r), HWDEV_EX_ADDRESS);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, 0x06, 4, r), HWDEV_EX_ADDRESS);
    /* the ring keeps the last 64 */
    for (int i = 0; i < 100; i++) {
        door_card(d, "7");
        door_close(d);
    }
    assert_int_equal(door_log_count(d), DOOR_LOG_CAP);
    assert_int_equal(door_counter(d), 205);
    door_log_get(d, 63, &e);
    assert_int_equal(e.seq, 142);
    door_free(d);
}

static void test_meter(void **state)
{
    meter_config c;
    meter_config_default(&c);
    c.start = T0;
    c.noise_rel = 0.0;
    meter *m = meter_new(&c);
    meter_step(m, 10.0);
    assert_int_equal(meter_state(m), METER_OFF);
    meter_set_on(m, 1);
    meter_set_load(m, 0.5);
    for (int i = 0; i < 3600; i++)
        meter_step(m, 1.0);
    double kw = sqrt(3.0) * 380.0 * 15.0 * 0.85 / 1000.0; /* 8.3918 kW */
    assert_near(meter_current(m), 15.0, 0);
    assert_rel(meter_kwh(m), kw, 1e-9);
    assert_int_equal(meter_state(m), METER_RUNNING);
    assert_near(meter_run_seconds(m), 3600.0, 1e-9);
    hwdev d = meter_hwdev(m);
    uint16_t r[0x16];
    assert_int_equal(d.ops->read(d.dev, HWDEV_HOLDING, 0, 0x16, r), 0);
    assert_true(hwreg_get_f32(r, HWREG_CDAB) == 15.0f);
    assert_true(hwreg_get_f32(r + 2, HWREG_CDAB) == (float)kw);
    assert_true(hwreg_get_f64(r + 4, HWREG_CDAB) == meter_kwh(m));
    assert_int_equal(r[8], METER_RUNNING);
    assert_true(hwreg_get_f64(r + 0x0E, HWREG_CDAB) == 1.0);
    meter_set_on(m, 0);
    meter_step(m, 1.0);
    assert_int_equal(meter_state(m), METER_OFF);
    assert_near(meter_current(m), 0.0, 0);
    meter_set_on(m, 1);
    meter_set_load(m, 1.5);
    meter_step(m, 1.0);
    assert_int_equal(meter_state(m), METER_ALARM);
    assert_int_equal(d.ops->write(d.dev, 0, 1, r), HWDEV_EX_ADDRESS);
    meter_free(m);

    /* noise: seeded */
    meter_config_default(&c);
    c.seed = 3;
    meter *a = meter_new(&c), *b = meter_new(&c);
    meter_set_on(a, 1);
    meter_set_on(b, 1);
    for (int i = 0; i < 1000; i++) {
        meter_step(a, 1.0);
        meter_step(b, 1.0);
        assert_true(meter_current(a) == meter_current(b));
        assert_near(meter_current(a), 30.0, 30.0 * 0.02 * 6);
    }
    assert_true(meter_kwh(a) == meter_kwh(b));
    meter_free(a);
    meter_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_lag_noise),
        cmocka_unit_test(test_flowmeter_totalizer),
        cmocka_unit_test(test_sampler),
        cmocka_unit_test(test_camera),
        cmocka_unit_test(test_door),
        cmocka_unit_test(test_meter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
