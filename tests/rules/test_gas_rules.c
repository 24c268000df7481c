/*
 * test_gas_rules.c — the gas rules (detect/rule-gas*.c) on synthetic records of a coal
 * boiler's CEMS: each signature of GAS.md raises its rule, and its honest look-alike (a
 * load swing, the daily calibration, a stopped plant, work under an order) does not.
 * Minute records (2011) are built as the DAU sends them: -Rtd, -ZsRtd, -Flag per code, the
 * fan (production, ea1001) and FGD (ea1002) currents; 3020 records for the analyzers'
 * parameters and the sampling system's temperatures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fusion.h"
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define T0 1730649600000LL /* 2024-11-04 00:00 +08:00 */

/* One minute of the stack as the DAU reports it. */
typedef struct minute {
    double so2, nox, co, o2, flow, vel, fan, fgd, nmhc, thc, ch4;
    char flag; /* of the gases */
    int vocs;
    char dau_flag;  /* the DAU's own flag on SO2 and NOx (NMHC), the analyzers' outputs left */
    double sent_k;  /* the DAU's factor on NOx (NMHC) as sent, its components left; 0: none */
} minute;

typedef struct rig {
    rule_station *st;
    rule_hit hits[64];
    uint64_t seen; /* the rules hit so far */
    int64_t t;
    uint32_t rng;
} rig;

static double noise(rig *r, double sd)
{
    r->rng = r->rng * 1664525u + 1013904223u;
    return sd * ((double)(r->rng >> 8) / (double)(1u << 24) - 0.5) * 3.46;
}

static void feed(rig *r, int cn, int64_t t, const rule_field *f, size_t n)
{
    rule_record rec = {cn, t, t, f, n};
    size_t k = rule_station_feed(r->st, &rec, r->hits, 64);
    for (size_t i = 0; i < k; i++)
        r->seen |= FUSION_BIT(r->hits[i].id);
}

/* A 2011 record of m at r->t, then the clock a minute on. */
static void send(rig *r, minute m)
{
    static char text[48][32];
    rule_field f[48];
    size_t n = 0;
    char flag = m.flag ? m.flag : 'N';
    double zsk = (21 - 6) / (21 - (m.o2 > 19 ? 19 : m.o2));
#define VAL(row, field, v, fl)                                                                     \
    do {                                                                                           \
        snprintf(text[n], sizeof text[n], "%.3f", (v));                                            \
        f[n] = (rule_field){"", hjcode_at(row)->code, field, text[n], (fl)};                       \
        n++;                                                                                       \
    } while (0)
    char dflag = m.dau_flag ? m.dau_flag : flag;
    double k = m.sent_k > 0 ? m.sent_k : 1;
    if (m.vocs) {
        /* one GC-FID cycle: NMHC = THC - CH4 (m.thc is not read: the rig keeps them one) */
        double nmhc = m.nmhc + noise(r, 0.02 * m.nmhc);
        VAL(HJCODE_NMHC, "Rtd", nmhc * k, dflag);
        VAL(HJCODE_THC, "Rtd", nmhc + m.ch4, flag);
        VAL(HJCODE_CH4, "Rtd", m.ch4, flag);
    } else {
        double so2 = m.so2 + noise(r, 0.02 * m.so2), nox = m.nox + noise(r, 0.02 * m.nox);
        double co = m.co + noise(r, 0.02 * m.co), o2 = m.o2 + noise(r, 0.03);
        VAL(HJCODE_SO2, "Rtd", so2, dflag);
        VAL(HJCODE_SO2, "ZsRtd", so2 * zsk, dflag);
        VAL(HJCODE_NOX, "Rtd", nox * k, dflag);
        VAL(HJCODE_NOX, "ZsRtd", nox * k * zsk, dflag);
        /* the NOx analyzer's own outputs: 95 % of it NO (as NO2), the rest NO2 */
        VAL(HJCODE_NO, "Rtd", 0.95 * nox * 30.006 / 46.006, flag);
        VAL(HJCODE_NO2, "Rtd", 0.05 * nox, flag);
        VAL(HJCODE_CO, "Rtd", co, flag);
        VAL(HJCODE_CO, "ZsRtd", co * zsk, flag);
        VAL(HJCODE_O2, "Rtd", o2, flag == 'F' ? 'F' : 'N');
    }
    VAL(HJCODE_GAS_FLOW, "Rtd", m.flow + noise(r, 0.01 * m.flow), 'N');
    VAL(HJCODE_GAS_VELOCITY, "Rtd", m.vel, 'N');
    snprintf(text[n], sizeof text[n], "%.2f", m.fan + noise(r, 0.3));
    f[n] = (rule_field){"", "ea1001", "Rtd", text[n], 0};
    n++;
    snprintf(text[n], sizeof text[n], "%.2f", m.fgd);
    f[n] = (rule_field){"", "ea1002", "Rtd", text[n], 0};
    n++;
#undef VAL
    feed(r, 2011, r->t, f, n);
    r->t += MIN_MS;
}

static minute normal(void)
{
    minute m = {23, 42, 80, 6, 212000, 11.2, 71, 51, 0, 0, 0, 'N', 0, 0, 0};
    return m;
}

static minute vocs_normal(void)
{
    minute m = {0, 0, 0, 0, 34000, 8.1, 70, 30, 16.5, 17.6, 1.06, 'N', 1, 0, 0};
    return m;
}

static void run(rig *r, minute m, int minutes)
{
    for (int i = 0; i < minutes; i++)
        send(r, m);
}

static int setup(void **state)
{
    static rig r;
    memset(&r, 0, sizeof r);
    rule_cfg c;
    rule_cfg_default(&c);
    c.nprod = 1;
    snprintf(c.prod[0], sizeof c.prod[0], "ea1001");
    c.nlimits = 2;
    snprintf(c.limits[0].code, sizeof c.limits[0].code, "%s", hjcode_at(HJCODE_SO2)->code);
    c.limits[0].value = 35;
    snprintf(c.limits[1].code, sizeof c.limits[1].code, "%s", hjcode_at(HJCODE_NMHC)->code);
    c.limits[1].value = 60;
    r.st = rule_station_new(&c);
    r.t = T0;
    r.rng = 12345;
    *state = &r;
    return r.st ? 0 : -1;
}

static int teardown(void **state)
{
    rig *r = *state;
    rule_station_free(r->st);
    return 0;
}

#define HIT(r, id) (((r)->seen & FUSION_BIT(id)) != 0)

/* A 3020 of an analyzer (polid: a code row) or of the sampling system (polid < 0). */
static void status(rig *r, int polid, const char *cal, double slope, double intercept,
                   double line_c, double chiller_c)
{
    static char text[8][32];
    rule_field f[8];
    size_t n = 0;
    const char *pol = polid >= 0 ? hjcode_at((size_t)polid)->code : "";
    if (polid >= 0) {
        snprintf(text[n], 32, "200");
        f[n] = (rule_field){pol, hjcode_at(HJCODE_I_RANGE)->code, "Info", text[n], 0};
        n++;
        snprintf(text[n], 32, "%.4f", intercept);
        f[n] = (rule_field){pol, hjcode_at(HJCODE_I_INTERCEPT)->code, "Info", text[n], 0};
        n++;
        snprintf(text[n], 32, "%.4f", slope);
        f[n] = (rule_field){pol, hjcode_at(HJCODE_I_SLOPE)->code, "Info", text[n], 0};
        n++;
        if (cal) f[n++] = (rule_field){pol, hjcode_at(HJCODE_I_CAL_TIME)->code, "Info", cal, 0};
    } else {
        snprintf(text[n], 32, "%.1f", line_c);
        f[n] = (rule_field){"", hjcode_at(HJCODE_I_LINE_T)->code, "Info", text[n], 0};
        n++;
        snprintf(text[n], 32, "%.1f", chiller_c);
        f[n] = (rule_field){"", hjcode_at(HJCODE_I_CHILLER_T)->code, "Info", text[n], 0};
        n++;
    }
    feed(r, 3020, r->t, f, n);
}

/* ---- air in the sample ---- */

static void test_dilution(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.so2 *= 0.65;
    m.nox *= 0.65;
    m.co *= 0.65; /* in situ O2, the fan and the flow unchanged */
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_DILUTION));
    assert_false(HIT(r, RULE_GAS_O2_LOW));
}

/* A load swing: the measured gases fall with O2 rising and the fan and the flow falling. */
static void test_load_swing(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.o2 = 8.5;
    m.so2 *= (21 - 8.5) / 15.0 * 0.9;
    m.nox *= (21 - 8.5) / 15.0 * 0.9;
    m.co *= (21 - 8.5) / 15.0 * 0.9;
    m.flow *= 0.7;
    m.vel *= 0.7;
    m.fan = 56;
    run(r, m, 240);
    assert_int_equal(r->seen, 0);
}

static void test_vocs_dilution(void **state)
{
    rig *r = *state;
    run(r, vocs_normal(), 180);
    minute m = vocs_normal();
    m.nmhc *= 0.4;
    m.thc = m.nmhc + m.ch4;
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_VOCS_FALL));
}

/* ---- O2 ---- */

static void test_o2_low(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.o2 -= 2.5;
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_O2_LOW));
    assert_false(HIT(r, RULE_GAS_DILUTION));
}

/* ---- the flow against the fan ---- */

static void test_flow_deficit(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.flow *= 0.6;
    m.vel *= 0.6;
    run(r, m, 15);
    assert_true(HIT(r, RULE_GAS_FLOW_DEFICIT));
}

/* ---- flags ---- */

static void test_f_running(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.flag = 'F';
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_F_RUNNING));
}

/* A real stop: F with the fan off and a draught of flow. */
static void test_f_stopped(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.flag = 'F';
    m.fan = 0;
    m.fgd = 0;
    m.flow = 12000;
    m.o2 = 20.8;
    run(r, m, 240);
    assert_int_equal(r->seen, 0);
}

static void test_calibration_flag(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.flag = 'C'; /* the daily calibration: a quarter of an hour */
    run(r, m, 15);
    run(r, normal(), 120);
    assert_int_equal(r->seen, 0);
    run(r, m, 40); /* beyond any schedule, no order */
    assert_true(HIT(r, RULE_GAS_CAL_FLAG));
}

static void test_calibration_flag_ordered(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    rule_station_work_order(r->st, "maintenance", r->t, r->t + 60 * MIN_MS, r->t, "");
    minute m = normal();
    m.flag = 'M';
    run(r, m, 45);
    assert_int_equal(r->seen, 0);
}

static void test_flag_at_exceedance(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.so2 = 60; /* over the limit (35, converted) */
    run(r, m, 3);
    m.flag = 'D';
    run(r, m, 10);
    assert_true(HIT(r, RULE_FLAG_AFTER_EXCEED));
}

/* ---- identical values ---- */

static void test_frozen(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    static char text[8][32];
    for (int i = 0; i < 100; i++) {
        rule_field f[3];
        snprintf(text[0], 32, "21.500");
        snprintf(text[1], 32, "%.2f", 71 + noise(r, 0.3));
        f[0] = (rule_field){"", hjcode_at(HJCODE_SO2)->code, "Rtd", text[0], 'N'};
        f[1] = (rule_field){"", "ea1001", "Rtd", text[1], 0};
        feed(r, 2011, r->t, f, 2);
        r->t += MIN_MS;
    }
    assert_true(HIT(r, RULE_GAS_FROZEN));
}

/* ---- the line, one gas alone ---- */

static void test_heat_trace(void **state)
{
    rig *r = *state;
    status(r, -1, NULL, 0, 0, 150, 4);
    run(r, normal(), 180);
    assert_int_equal(r->seen, 0);
    status(r, -1, NULL, 0, 0, 60, 4);
    assert_true(HIT(r, RULE_GAS_LINE_TEMP));
    minute m = normal();
    m.so2 *= 0.3; /* SO2 in the condensate, NOx little */
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_SO2_SPLIT));
    assert_false(HIT(r, RULE_DECOUPLED_STEP));
}

static void test_alone(void **state)
{
    rig *r = *state;
    status(r, -1, NULL, 0, 0, 150, 4);
    run(r, normal(), 180);
    minute m = normal();
    m.nox *= 0.55; /* NOx rewritten; SO2 and the line as they were */
    run(r, m, 20);
    assert_true(HIT(r, RULE_DECOUPLED_STEP));
    assert_false(HIT(r, RULE_GAS_SO2_SPLIT));
}

/* ---- calibration and parameters ---- */

static void test_span(void **state)
{
    rig *r = *state;
    status(r, HJCODE_SO2, "20241103021000", 1.0, 0, 0, 0);
    run(r, normal(), 180);
    minute m = normal();
    m.flag = 'C';
    run(r, m, 10);
    status(r, HJCODE_SO2, "20241104031000", 0.667, 0, 0, 0);
    run(r, m, 5);
    m = normal();
    m.so2 *= 0.667;
    run(r, m, 40);
    assert_true(HIT(r, RULE_GAS_SPAN_STEP));
    assert_true(HIT(r, RULE_GAS_SPAN_SLOPE));
    assert_false(HIT(r, RULE_GAS_PARAM));
}

/* An honest daily calibration: the slope moves a little, the level holds. */
static void test_span_honest(void **state)
{
    rig *r = *state;
    status(r, HJCODE_SO2, "20241103021000", 1.0, 0, 0, 0);
    run(r, normal(), 180);
    minute m = normal();
    m.flag = 'C';
    run(r, m, 10);
    status(r, HJCODE_SO2, "20241104031000", 1.01, -0.01, 0, 0);
    run(r, m, 5);
    run(r, normal(), 60);
    assert_int_equal(r->seen, 0);
}

static void test_param_change(void **state)
{
    rig *r = *state;
    status(r, HJCODE_NOX, "20241103021000", 1.0, 0, 0, 0);
    run(r, normal(), 30);
    status(r, HJCODE_NOX, "20241103021000", 0.6, 0, 0, 0);
    assert_true(HIT(r, RULE_GAS_PARAM));
}

/* ---- the RTO ---- */

static void test_rto(void **state)
{
    rig *r = *state;
    run(r, vocs_normal(), 180);
    minute m = vocs_normal();
    m.nmhc *= 2.5; /* the chamber cooled; the RTO still draws */
    m.thc = m.nmhc + m.ch4;
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_RTO_RISE));
    assert_false(HIT(r, RULE_GAS_VOCS_FALL));
}

/* ---- fusion of the gas families ---- */

static void test_fusion(void **state)
{
    (void)state;
    fusion_input in = {0};
    in.rules = FUSION_BIT(RULE_GAS_SPAN_STEP);
    fusion_result d = fusion_decide(RULE_FAMILY_GAS_SPAN, &in);
    assert_string_equal(d.type, "span_gas_tamper");
    assert_int_equal(d.level, FUSION_YELLOW);
    in.rules |= FUSION_BIT(RULE_GAS_SPAN_SLOPE);
    assert_int_equal(fusion_decide(RULE_FAMILY_GAS_SPAN, &in).level, FUSION_RED);
    in = (fusion_input){0};
    in.rules = FUSION_BIT(RULE_GAS_LINE_TEMP);
    assert_int_equal(fusion_decide(RULE_FAMILY_GAS_HEAT, &in).level, FUSION_YELLOW);
    in.rules |= FUSION_BIT(RULE_GAS_SO2_SPLIT);
    d = fusion_decide(RULE_FAMILY_GAS_HEAT, &in);
    assert_string_equal(d.type, "heat_trace_off");
    assert_int_equal(d.level, FUSION_RED);
    in = (fusion_input){0};
    in.rules = FUSION_BIT(RULE_GAS_FLOW_DEFICIT);
    assert_string_equal(fusion_decide(RULE_FAMILY_GAS_FLOW, &in).type, "bypass_flue");
    in.ctx_station = 1;
    in.ctx = FUSION_BIT(RULE_DOOR_ENTRY);
    d = fusion_decide(RULE_FAMILY_GAS_FLOW, &in);
    assert_string_equal(d.type, "flow_param_tamper");
    assert_int_equal(d.level, FUSION_RED);
    in = (fusion_input){0};
    in.rules = FUSION_BIT(RULE_GAS_DILUTION);
    d = fusion_decide(RULE_FAMILY_GAS_PROBE, &in);
    assert_string_equal(d.type, "probe_dilution");
    assert_int_equal(d.level, FUSION_YELLOW);
    in.strong = 1;
    assert_int_equal(fusion_decide(RULE_FAMILY_GAS_PROBE, &in).level, FUSION_RED);
}

/* ---- whose flag: the analyzers' own status against the DAU's ---- */

/* A 3020 of an analyzer with its work state (i12001: 0 measuring, 3 calibrating). */
static void work_state(rig *r, int polid, int state)
{
    static char text[32];
    snprintf(text, sizeof text, "%d", state);
    rule_field f[1] = {{hjcode_at((size_t)polid)->code, hjcode_at(HJCODE_I_STATE)->code, "Info",
                        text, 0}};
    feed(r, 3020, r->t, f, 1);
}

/* The same state for the SO2 and NOx analyzers, and for CO when with_co. */
static void work_states(rig *r, int state, int with_co)
{
    work_state(r, HJCODE_SO2, state);
    work_state(r, HJCODE_NOX, state);
    if (with_co) work_state(r, HJCODE_CO, state);
}

/* C on SO2 and NOx while both analyzers report measuring and NO, NO2 and CO stay unflagged:
 * the DAU's flag (false_flag), not a calibration held on (calibration_flag_abuse). */
static void test_flag_dau(void **state)
{
    rig *r = *state;
    work_states(r, 0, 0);
    run(r, normal(), 180);
    minute m = normal();
    m.dau_flag = 'C';
    run(r, m, 40);
    assert_true(HIT(r, RULE_FLAG_WITHOUT_ORDER));
    assert_false(HIT(r, RULE_GAS_CAL_FLAG));
}

/* ... and right after an exceedance, M set by the DAU: flag_after_exceedance. */
static void test_flag_dau_exceed(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.so2 = 60;
    run(r, m, 3);
    m.dau_flag = 'M';
    run(r, m, 10);
    assert_true(HIT(r, RULE_FLAG_AFTER_EXCEED));
    assert_false(HIT(r, RULE_GAS_CAL_FLAG));
}

/* M set by the DAU on SO2 and NOx across the daily calibration: the analyzers calibrate
 * (3020, their outputs C) under it; a sampling system's hold would have made every extracted
 * gas M, so the M stays the DAU's. */
static void test_flag_dau_over_calibration(void **state)
{
    rig *r = *state;
    work_states(r, 0, 1);
    run(r, normal(), 180);
    minute m = normal();
    m.dau_flag = 'M';
    run(r, m, 5);
    work_states(r, 3, 1);
    m.flag = 'C';
    run(r, m, 15);
    work_states(r, 0, 1);
    m.flag = 'N';
    run(r, m, 20);
    assert_true(HIT(r, RULE_FLAG_WITHOUT_ORDER));
    assert_false(HIT(r, RULE_GAS_CAL_FLAG));
}

/* ... and set right after the daily calibration ended: the calibration is one episode (the
 * analyzers'), the M after it another (the DAU's). */
static void test_flag_dau_after_calibration(void **state)
{
    rig *r = *state;
    work_states(r, 0, 1);
    run(r, normal(), 180);
    work_states(r, 3, 1);
    minute m = normal();
    m.flag = 'C';
    run(r, m, 15);
    work_states(r, 0, 1);
    m.flag = 'N';
    m.dau_flag = 'M';
    run(r, m, 40);
    assert_true(HIT(r, RULE_FLAG_WITHOUT_ORDER));
    assert_false(HIT(r, RULE_GAS_CAL_FLAG));
}

/* The analyzers calibrating by their own 3020 (a status held at the panel): abuse of the
 * calibration status. */
static void test_flag_held_at_analyzer(void **state)
{
    rig *r = *state;
    work_states(r, 0, 0);
    run(r, normal(), 180);
    work_states(r, 3, 0);
    minute m = normal();
    m.flag = 'C';
    run(r, m, 40);
    assert_true(HIT(r, RULE_GAS_CAL_FLAG));
    assert_false(HIT(r, RULE_FLAG_WITHOUT_ORDER));
}

/* Blowbacks started by hand every 20 min (the sampling system's hold: M on every extracted
 * gas, 3 min each); the scheduled ones, every 4 h, are nothing. */
static void test_blowback_repeated(void **state)
{
    rig *r = *state;
    minute m = normal();
    m.flag = 'M';
    for (int i = 0; i < 3; i++) { /* the schedule: every 4 h */
        run(r, normal(), 237);
        run(r, m, 3);
    }
    assert_int_equal(r->seen, 0);
    run(r, normal(), 60);
    for (int i = 0; i < 3; i++) {
        run(r, m, 3);
        run(r, normal(), 17);
    }
    assert_true(HIT(r, RULE_GAS_CAL_FLAG));
}

/* ---- a code against its own components ---- */

static void test_nox_sum(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    assert_int_equal(r->seen, 0);
    minute m = normal();
    m.sent_k = 0.8; /* NOx sent x0.8, its NO and NO2 as measured */
    run(r, m, 40);
    assert_true(HIT(r, RULE_GAS_SUM_MISMATCH));
    fusion_input in = {0};
    in.rules = FUSION_BIT(RULE_GAS_SUM_MISMATCH);
    fusion_result d = fusion_decide(RULE_FAMILY_DAU, &in);
    assert_string_equal(d.type, "dau_tamper");
    assert_int_equal(d.level, FUSION_YELLOW);
    in.strong = 1;
    assert_int_equal(fusion_decide(RULE_FAMILY_DAU, &in).level, FUSION_RED);
}

static void test_nmhc_sum(void **state)
{
    rig *r = *state;
    run(r, vocs_normal(), 180);
    assert_int_equal(r->seen, 0);
    minute m = vocs_normal();
    m.sent_k = 0.85;
    run(r, m, 40);
    assert_true(HIT(r, RULE_GAS_SUM_MISMATCH));
}

/* ---- smaller falls told by physics ---- */

/* Air at 15 % of the sample: every gas 15 % down at a held fan (no load does that). */
static void test_dilution_small(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    minute m = normal();
    m.so2 *= 0.85;
    m.nox *= 0.85;
    m.co *= 0.85;
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_DILUTION));
}

/* O2 lowered by a seventh (zero gas on the cell) at a held fan: under the 1.5 points of
 * before, far over the O2's honest steps. */
static void test_o2_small(void **state)
{
    rig *r = *state;
    run(r, normal(), 360);
    assert_int_equal(r->seen, 0);
    minute m = normal();
    m.o2 = 6 * 0.86;
    run(r, m, 20);
    assert_true(HIT(r, RULE_GAS_O2_LOW));
}

/* ---- honest steps and stopped values the falls must leave ---- */

/* A start: the fan comes up in minutes, the flame brings O2 down from air over an hour and
 * more at a fan already held: no O2 lowered. */
static void test_o2_startup(void **state)
{
    rig *r = *state;
    run(r, normal(), 240);
    minute m = normal();
    m.flag = 'F';
    m.fan = 0;
    m.fgd = 0;
    m.o2 = 20.9;
    m.flow = 12000;
    run(r, m, 60);
    for (int i = 0; i < 180; i++) { /* O2 falls toward 6 % with a time constant of 40 min */
        minute s = normal();
        s.o2 = 6 + (20.9 - 6) * exp(-(i + 10) / 40.0);
        s.fan = i < 10 ? 71 * (i + 1) / 10.0 : 71;
        run(r, s, 1);
    }
    assert_false(HIT(r, RULE_GAS_O2_LOW));
}

/* The O2 analyzer's daily calibration takes out 0.6 points of drift: a step at its C minutes,
 * no O2 lowered. */
static void test_o2_calibrated(void **state)
{
    rig *r = *state;
    minute m = normal();
    m.o2 = 6.6; /* drifted */
    run(r, m, 300);
    static char text[2][32];
    for (int i = 0; i < 15; i++) { /* the O2 analyzer alone calibrates */
        rule_field f[2];
        snprintf(text[0], 32, "%.2f", 6.0);
        snprintf(text[1], 32, "%.2f", 71 + noise(r, 0.3));
        f[0] = (rule_field){"", hjcode_at(HJCODE_O2)->code, "Rtd", text[0], 'C'};
        f[1] = (rule_field){"", "ea1001", "Rtd", text[1], 0};
        feed(r, 2011, r->t, f, 2);
        r->t += MIN_MS;
    }
    run(r, normal(), 120);
    assert_false(HIT(r, RULE_GAS_O2_LOW));
}

/* NOx analyzer's NO held at a value while its NO2 stays live: a frozen value (its NOx still
 * moves a little), not a value rewritten. */
static void test_nox_frozen(void **state)
{
    rig *r = *state;
    run(r, normal(), 180);
    static char text[12][32];
    for (int i = 0; i < 100; i++) {
        rule_field f[12];
        size_t n = 0;
        double no = 15.4 * 30.006 / 46.006, no2 = 0.05 * 42 + noise(r, 0.05);
        double so2 = 23 + noise(r, 0.4), co = 80 + noise(r, 1.5), o2 = 6 + noise(r, 0.03);
        snprintf(text[n], 32, "%.3f", no * 46.006 / 30.006 + no2);
        f[n] = (rule_field){"", hjcode_at(HJCODE_NOX)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.3f", no);
        f[n] = (rule_field){"", hjcode_at(HJCODE_NO)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.3f", no2);
        f[n] = (rule_field){"", hjcode_at(HJCODE_NO2)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.3f", so2);
        f[n] = (rule_field){"", hjcode_at(HJCODE_SO2)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.3f", co);
        f[n] = (rule_field){"", hjcode_at(HJCODE_CO)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.2f", o2);
        f[n] = (rule_field){"", hjcode_at(HJCODE_O2)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.0f", 212000 + noise(r, 2000));
        f[n] = (rule_field){"", hjcode_at(HJCODE_GAS_FLOW)->code, "Rtd", text[n], 'N'}, n++;
        snprintf(text[n], 32, "%.2f", 71 + noise(r, 0.3));
        f[n] = (rule_field){"", "ea1001", "Rtd", text[n], 0}, n++;
        feed(r, 2011, r->t, f, n);
        r->t += MIN_MS;
    }
    assert_true(HIT(r, RULE_GAS_FROZEN));
    assert_false(HIT(r, RULE_DECOUPLED_STEP));
    assert_false(HIT(r, RULE_GAS_SUM_MISMATCH));
}

/* An honest VOCs line: NMHC and THC 15 % down together at a held fan. */
static void test_vocs_swing(void **state)
{
    rig *r = *state;
    run(r, vocs_normal(), 180);
    minute m = vocs_normal();
    m.nmhc *= 0.85;
    run(r, m, 60);
    assert_int_equal(r->seen, 0);
}

/* An RTO back on after a stop: its burner at full fire while the chamber heats (the meter
 * draws a third more), NMHC falling by a third as the chamber reaches its temperature and the
 * burner settles: no air in the sample. */
static void test_rto_settling(void **state)
{
    rig *r = *state;
    minute m = vocs_normal();
    m.nmhc *= 1.5;
    m.thc = m.nmhc + m.ch4;
    m.fgd = 40; /* the RTO heating */
    run(r, m, 240);
    m = vocs_normal();
    run(r, m, 60);
    assert_false(HIT(r, RULE_GAS_VOCS_FALL));
}

/* ---- hostile input ---- */

/* ST 31 records a broken or hostile DAU could send: NaN, inf, 1e400, empty and garbage
 * values, unknown flags, missing O2 and missing fields, a NO2 without its NOx, 3020 work
 * states and parameters out of any range, times going back and repeated, no DataTime. No
 * crash (ASan/UBSan), and garbage alone raises nothing: a value that is no number is no
 * value. */
static void test_hostile(void **state)
{
    rig *r = *state;
    run(r, normal(), 150);
    assert_int_equal(r->seen, 0);
    static const char *const bad[] = {"nan", "NaN", "inf", "-inf", "1e400", "-1e400", "", "abc",
                                      "1.2.3", "0x", "--5", "12abc", " ", "1e", "+", "\x7f\xff"};
    static const int rows[] = {HJCODE_SO2, HJCODE_NOX, HJCODE_NO,       HJCODE_NO2,
                               HJCODE_CO,  HJCODE_O2,  HJCODE_GAS_FLOW, HJCODE_NMHC,
                               HJCODE_THC, HJCODE_CH4, HJCODE_CO2,      HJCODE_GAS_VELOCITY};
    static const char *const fields[] = {"Rtd", "ZsRtd", "Flag", "Avg", "", "Rtd\x01"};
    static const char flags[] = {'N', 'C', 'M', 'D', 'F', 'T', 'Z', 0, '\x80'};
    size_t nb = sizeof bad / sizeof bad[0], nr = sizeof rows / sizeof rows[0];
    rule_field f[64];
    for (int i = 0; i < 200; i++) {
        size_t n = 0;
        for (size_t j = 0; j < nr && n < 60; j++) {
            const char *code = hjcode_at((size_t)rows[j])->code;
            f[n++] = (rule_field){"", code, fields[(i + j) % 6], bad[(i * 7 + j) % nb],
                                  flags[(i + 3 * j) % 9]};
        }
        f[n++] = (rule_field){"", "ea1001", "Rtd", bad[i % nb], 0};
        /* a minute on, a minute back, the same minute again, no DataTime */
        int64_t t = i % 4 == 1 ? r->t - 5 * MIN_MS : i % 4 == 2 ? r->t - MIN_MS : r->t;
        feed(r, 2011, i % 9 == 8 ? -1 : t, f, n);
        if (i % 4 == 0) r->t += MIN_MS;
        /* a 3020 of nonsense: work states, parameters, calibration times */
        rule_field s3[6] = {
            {hjcode_at((size_t)rows[i % nr])->code, hjcode_at(HJCODE_I_STATE)->code, "Info",
             bad[i % nb], 0},
            {hjcode_at(HJCODE_NOX)->code, hjcode_at(HJCODE_I_SLOPE)->code, "Info",
             bad[(i + 1) % nb], 0},
            {hjcode_at(HJCODE_SO2)->code, hjcode_at(HJCODE_I_CAL_TIME)->code, "Info",
             i % 2 ? "99999999999999" : "2024110", 0},
            {"", hjcode_at(HJCODE_I_LINE_T)->code, "Info", bad[(i + 2) % nb], 0},
            {"", hjcode_at(HJCODE_I_CHILLER_T)->code, "Info", bad[(i + 3) % nb], 0},
            {"a99999", hjcode_at(HJCODE_I_STATE)->code, "Info", "3", 0},
        };
        feed(r, 3020, i % 5 == 4 ? -1 : r->t, s3, 6);
    }
    assert_int_equal(r->seen, 0);
    /* huge, negative and zero numbers where gases belong, O2 missing or past 21 %: values,
     * not garbage; whatever they raise is a rule of the table, and nothing breaks */
    static const char *const odd[] = {"1e308", "-1e308", "0", "-0", "1e-320", "4e9", "-3"};
    for (int i = 0; i < 120; i++) {
        size_t n = 0;
        for (size_t j = 0; j < nr; j++) {
            if (rows[j] == HJCODE_O2 && i % 3 == 0) continue;
            f[n++] = (rule_field){"", hjcode_at((size_t)rows[j])->code, j % 2 ? "Rtd" : "ZsRtd",
                                  odd[(i + j) % 7], "NNCM"[(i + j) % 4]};
        }
        f[n++] = (rule_field){"", hjcode_at(HJCODE_O2)->code, "Rtd", i % 2 ? "25" : "21", 'N'};
        f[n++] = (rule_field){"", "ea1001", "Rtd", odd[i % 7], 0};
        feed(r, 2011, r->t, f, n);
        r->t += MIN_MS;
        rule_field s3[2] = {
            {hjcode_at(HJCODE_SO2)->code, hjcode_at(HJCODE_I_STATE)->code, "Info", odd[i % 7], 0},
            {hjcode_at(HJCODE_SO2)->code, hjcode_at(HJCODE_I_SLOPE)->code, "Info", odd[(i + 1) % 7],
             0},
        };
        feed(r, 3020, r->t, s3, 2);
    }
    for (int id = 0; id < 64; id++)
        if (r->seen & FUSION_BIT(id)) assert_in_range(id, 0, RULE__COUNT - 1);
    /* and the station is judged as before once sane minutes come back */
    run(r, normal(), 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dilution, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_swing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vocs_dilution, setup, teardown),
        cmocka_unit_test_setup_teardown(test_o2_low, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_deficit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_f_running, setup, teardown),
        cmocka_unit_test_setup_teardown(test_f_stopped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calibration_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calibration_flag_ordered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_at_exceedance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frozen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heat_trace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_span, setup, teardown),
        cmocka_unit_test_setup_teardown(test_span_honest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_param_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rto, setup, teardown),
        cmocka_unit_test(test_fusion),
        cmocka_unit_test_setup_teardown(test_flag_dau, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_dau_exceed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_dau_over_calibration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_dau_after_calibration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_held_at_analyzer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blowback_repeated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nox_sum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nmhc_sum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dilution_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_o2_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_o2_startup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_o2_calibrated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nox_frozen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vocs_swing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rto_settling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
