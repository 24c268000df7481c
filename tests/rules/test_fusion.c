/*
 * test_fusion.c — fusion on its own (detect/fusion.c): the level and type each family's
 * combinations of rules, other incidents' rules and context signals give (FRAUD-CATALOGUE.md
 * warning levels), and an incident built from hits: which evidence lines it carries, when
 * it is raised again, that its level never falls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fusion.h"

#include <stdio.h>
#include <string.h>

#define BIT(id) FUSION_BIT(RULE_##id)
#define MIN     60000LL
#define HOUR    3600000LL

enum { NONE = 0, STATION = 1, OUTFALL = 2 };

typedef struct decision_case {
    const char *what;
    rule_family family;
    uint64_t rules, others, ctx;
    int where; /* the context's camera/door: STATION, OUTFALL */
    int strong, flowmeter, night;
    const char *type;
    int level;
} decision_case;

/* clang-format off */
static const decision_case CASES[] = {
    /* the sample cup: a drop or an extra cycle is yellow; both, or with someone in the
     * station room, red */
    {"cup: nothing", RULE_FAMILY_CUP, BIT(REBOUND), 0, 0, NONE, 0, 0, 0,
     "sample_cup_injection", FUSION_GREEN},
    {"cup: drop", RULE_FAMILY_CUP, BIT(SUDDEN_DROP), 0, 0, NONE, 0, 0, 0,
     "sample_cup_injection", FUSION_YELLOW},
    {"cup: extra cycle", RULE_FAMILY_CUP, BIT(EXTRA_MEASUREMENT), 0, 0, NONE, 0, 0, 0,
     "sample_cup_injection", FUSION_YELLOW},
    {"cup: drop + extra", RULE_FAMILY_CUP, BIT(SUDDEN_DROP) | BIT(EXTRA_MEASUREMENT), 0, 0,
     NONE, 0, 0, 0, "sample_cup_injection", FUSION_RED},
    {"cup: drop + door", RULE_FAMILY_CUP, BIT(SUDDEN_DROP), 0, BIT(DOOR_ENTRY), STATION, 0, 0,
     0, "sample_cup_injection", FUSION_RED},
    {"cup: extra + door", RULE_FAMILY_CUP, BIT(EXTRA_MEASUREMENT), 0, BIT(DOOR_ENTRY),
     STATION, 0, 0, 0, "sample_cup_injection", FUSION_RED},
    {"cup: drop + outfall camera", RULE_FAMILY_CUP, BIT(SUDDEN_DROP), 0, BIT(CAMERA_MOVED),
     OUTFALL, 0, 0, 0, "sample_cup_injection", FUSION_RED},
    /* dilution: data only is yellow; any context red */
    {"dilution: toward tap alone", RULE_FAMILY_DILUTION, BIT(TOWARD_TAP), 0, 0, NONE, 0, 0, 0,
     "tap_water_dilution", FUSION_GREEN},
    {"dilution: proportional fall", RULE_FAMILY_DILUTION,
     BIT(PROPORTIONAL_FALL) | BIT(TOWARD_TAP) | BIT(FLOW_RISE), 0, 0, NONE, 0, 0, 0,
     "tap_water_dilution", FUSION_YELLOW},
    {"dilution: with a person", RULE_FAMILY_DILUTION, BIT(PROPORTIONAL_FALL), 0,
     BIT(PERSON_SEEN), STATION, 0, 0, 0, "tap_water_dilution", FUSION_RED},
    /* the sample line; the night discharge when the night or the outfall camera and the
     * flow or treatment are around */
    {"hose: tap level", RULE_FAMILY_HOSE, BIT(TAP_LEVEL), 0, 0, NONE, 0, 0, 0,
     "sampling_hose_swap", FUSION_YELLOW},
    {"hose: at night with night flow", RULE_FAMILY_HOSE, BIT(VARIANCE_COLLAPSE),
     BIT(NIGHT_FLOW), 0, NONE, 0, 0, 1, "night_discharge", FUSION_RED},
    {"hose: treatment off by day", RULE_FAMILY_HOSE, BIT(TAP_LEVEL), BIT(TREATMENT_OFF), 0,
     NONE, 0, 0, 0, "sampling_hose_swap", FUSION_RED},
    {"hose: outfall camera at night", RULE_FAMILY_HOSE, BIT(TAP_LEVEL), 0, BIT(CAMERA_MOVED),
     OUTFALL, 0, 0, 1, "night_discharge", FUSION_RED},
    /* night flow */
    {"night: alone", RULE_FAMILY_NIGHT, BIT(NIGHT_FLOW), 0, 0, NONE, 0, 0, 1,
     "night_discharge", FUSION_YELLOW},
    {"night: with the hose", RULE_FAMILY_NIGHT, BIT(NIGHT_FLOW), BIT(TAP_LEVEL), 0, NONE, 0,
     0, 1, "night_discharge", FUSION_RED},
    /* cameras are yellow at most, even with a door */
    {"camera: moved", RULE_FAMILY_CAMERA, BIT(CAMERA_MOVED), 0, BIT(DOOR_ENTRY), STATION, 0,
     0, 0, "camera_tampering", FUSION_YELLOW},
    {"camera: nothing of its own", RULE_FAMILY_CAMERA, 0, 0, 0, NONE, 0, 0, 0,
     "camera_tampering", FUSION_GREEN},
    /* parameters without an order are red */
    {"param: change", RULE_FAMILY_PARAM, BIT(PARAM_CHANGE), 0, 0, NONE, 1, 0, 0,
     "analyzer_param_tamper", FUSION_RED},
    {"param: level shift alone", RULE_FAMILY_PARAM, BIT(LEVEL_SHIFT), 0, 0, NONE, 0, 0, 0,
     "analyzer_param_tamper", FUSION_YELLOW},
    /* calibration and lab: the type from what is around */
    {"calib: nothing", RULE_FAMILY_CALIB, 0, BIT(PARAM_CHANGE), 0, NONE, 0, 0, 0, "unknown",
     FUSION_GREEN},
    {"calib: shift", RULE_FAMILY_CALIB, BIT(CALIBRATION_SHIFT), 0, 0, NONE, 0, 0, 0,
     "standard_solution_tamper", FUSION_YELLOW},
    {"calib: shift + lab", RULE_FAMILY_CALIB, BIT(CALIBRATION_SHIFT) | BIT(LAB_MISMATCH), 0, 0,
     NONE, 0, 0, 0, "standard_solution_tamper", FUSION_RED},
    {"calib: lab with a parameter change", RULE_FAMILY_CALIB, BIT(LAB_MISMATCH),
     BIT(PARAM_CHANGE), 0, NONE, 0, 0, 0, "analyzer_param_tamper", FUSION_RED},
    {"calib: lab with the DAU", RULE_FAMILY_CALIB, BIT(LAB_MISMATCH), BIT(UNIFORM_SCALE), 0,
     NONE, 0, 0, 0, "dau_tamper", FUSION_RED},
    {"calib: a calibration without an order", RULE_FAMILY_CALIB, BIT(CALIBRATION_SHIFT), 0, 0,
     NONE, 1, 0, 0, "standard_solution_tamper", FUSION_RED},
    /* the DAU */
    {"dau: bunching", RULE_FAMILY_DAU, BIT(BUNCHING), 0, 0, NONE, 0, 0, 0, "dau_tamper",
     FUSION_YELLOW},
    {"dau: with a lab mismatch", RULE_FAMILY_DAU, BIT(DECOUPLED_STEP), BIT(LAB_MISMATCH), 0,
     NONE, 0, 0, 0, "dau_tamper", FUSION_RED},
    /* flow: the meter when the flow looks scaled, an outlet when it is short by an amount;
     * when it cannot tell, the meter when the station room or the totalizer speaks */
    {"flow: deficit", RULE_FAMILY_FLOW, BIT(FLOW_DEFICIT), 0, 0, NONE, 0, 0, 0,
     "bypass_discharge", FUSION_YELLOW},
    {"flow: deficit lasting", RULE_FAMILY_FLOW, BIT(FLOW_DEFICIT), 0, 0, NONE, 1, 0, 0,
     "bypass_discharge", FUSION_RED},
    {"flow: deficit + totalizer", RULE_FAMILY_FLOW,
     BIT(FLOW_DEFICIT) | BIT(TOTALIZER_MISMATCH), 0, 0, NONE, 0, 0, 0, "flowmeter_tamper",
     FUSION_RED},
    {"flow: step with a door", RULE_FAMILY_FLOW, BIT(FLOW_STEP), 0, BIT(DOOR_ENTRY), STATION,
     0, 1, 0, "flowmeter_tamper", FUSION_RED},
    {"flow: step with the outfall camera", RULE_FAMILY_FLOW, BIT(FLOW_STEP), 0,
     BIT(CAMERA_MOVED), OUTFALL, 0, 0, 0, "bypass_discharge", FUSION_RED},
    {"flow: scaled, nobody around", RULE_FAMILY_FLOW, BIT(FLOW_STEP), 0, 0, NONE, 0, 1, 0,
     "flowmeter_tamper", FUSION_YELLOW},
    {"flow: short by an amount, a door", RULE_FAMILY_FLOW, BIT(FLOW_STEP), 0, BIT(DOOR_ENTRY),
     STATION, 0, 2, 0, "bypass_discharge", FUSION_RED},
    {"flow: cannot tell, a door", RULE_FAMILY_FLOW, BIT(FLOW_STEP), 0, BIT(DOOR_ENTRY),
     STATION, 0, 0, 0, "flowmeter_tamper", FUSION_RED},
    /* treatment */
    {"treat: off", RULE_FAMILY_TREAT, BIT(TREATMENT_OFF), 0, 0, NONE, 0, 0, 0,
     "treatment_stopped", FUSION_YELLOW},
    {"treat: off + rise", RULE_FAMILY_TREAT, BIT(TREATMENT_OFF) | BIT(CONC_RISE), 0, 0, NONE,
     0, 0, 0, "treatment_stopped", FUSION_RED},
    {"treat: at night, outfall camera", RULE_FAMILY_TREAT, BIT(TREATMENT_OFF), 0,
     BIT(CAMERA_COVERED), OUTFALL, 0, 0, 1, "night_discharge", FUSION_RED},
    /* flags */
    {"flag: without order", RULE_FAMILY_FLAG, BIT(FLAG_WITHOUT_ORDER), 0, 0, NONE, 0, 0, 0,
     "false_flag", FUSION_YELLOW},
    {"flag: after an exceedance", RULE_FAMILY_FLAG, BIT(FLAG_AFTER_EXCEED), 0, 0, NONE, 1, 0,
     0, "false_flag", FUSION_RED},
    /* gaps: a backfilled outage alone stays green */
    {"gap: outage backfilled", RULE_FAMILY_GAP, BIT(LINK_OUTAGE), 0, 0, NONE, 0, 0, 0,
     "transmission_cut", FUSION_GREEN},
    {"gap: outage with analyzers stopped", RULE_FAMILY_GAP, BIT(LINK_OUTAGE),
     BIT(SAMPLETIME_STALLED), 0, NONE, 0, 0, 0, "transmission_cut", FUSION_RED},
    {"gap: outage after a door", RULE_FAMILY_GAP, BIT(LINK_OUTAGE), 0, BIT(DOOR_ENTRY),
     STATION, 0, 0, 0, "transmission_cut", FUSION_RED},
    {"gap: hole", RULE_FAMILY_GAP, BIT(DATA_GAP), 0, 0, NONE, 0, 0, 0, "transmission_cut",
     FUSION_YELLOW},
    /* a power failure leaves the same hole at the same values: red wants a signal beside it */
    {"gap: hole at an exceedance", RULE_FAMILY_GAP, BIT(GAP_AT_EXCEEDANCE), 0, 0, NONE, 1, 0,
     0, "transmission_cut", FUSION_YELLOW},
    {"gap: hole at an exceedance + door", RULE_FAMILY_GAP, BIT(GAP_AT_EXCEEDANCE), 0,
     BIT(DOOR_ENTRY), STATION, 1, 0, 0, "transmission_cut", FUSION_RED},
    {"gap: hole at an exceedance, treatment off", RULE_FAMILY_GAP, BIT(GAP_AT_EXCEEDANCE),
     BIT(TREATMENT_OFF), 0, NONE, 1, 0, 0, "transmission_cut", FUSION_RED},
    /* frozen */
    {"frozen: six cycles", RULE_FAMILY_FROZEN, BIT(FROZEN_VALUE), 0, 0, NONE, 0, 0, 0,
     "frozen_value", FUSION_YELLOW},
    {"frozen: twelve cycles", RULE_FAMILY_FROZEN, BIT(FROZEN_VALUE), 0, 0, NONE, 1, 0, 0,
     "frozen_value", FUSION_RED},
    /* no family: context only */
    {"no family", RULE_FAMILY_NONE, BIT(DOOR_ENTRY), 0, 0, NONE, 0, 0, 0, "unknown",
     FUSION_GREEN},
};
/* clang-format on */

static void test_decisions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const decision_case *c = &CASES[i];
        fusion_input in = {
            c->rules,  c->others,    c->ctx,  c->where == STATION, c->where == OUTFALL,
            c->strong, c->flowmeter, c->night};
        fusion_result r = fusion_decide(c->family, &in);
        if (strcmp(r.type, c->type) != 0 || r.level != c->level)
            fail_msg("%s: %s %s, want %s %s", c->what, r.type, fusion_level_name(r.level), c->type,
                     fusion_level_name(c->level));
    }
    assert_string_equal(fusion_level_name(FUSION_GREEN), "green");
    assert_string_equal(fusion_level_name(FUSION_YELLOW), "yellow");
    assert_string_equal(fusion_level_name(FUSION_RED), "red");
}

static rule_hit hit(rule_id id, int64_t start, int64_t end, int64_t time, const char *en)
{
    rule_hit h;
    memset(&h, 0, sizeof h);
    h.id = id;
    h.start = start;
    h.end = end;
    h.time = time;
    snprintf(h.en, sizeof h.en, "%s", en);
    snprintf(h.zh, sizeof h.zh, "%s (zh)", en);
    return h;
}

static rule_context signal(rule_id id, int which, int64_t start, int covered, const char *en)
{
    rule_context c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.which = which;
    c.start = c.end = start;
    c.covered = covered;
    snprintf(c.en, sizeof c.en, "%s", en);
    snprintf(c.zh, sizeof c.zh, "%s (zh)", en);
    return c;
}

/* The sample cup: a drop is yellow with its evidence; the door seen later makes it red and
 * its line joins the evidence (not a covered entry, not one that has not arrived); the
 * rebound joins a raised alert and raises it again; a level never falls. */
static void test_incident_cup(void **state)
{
    (void)state;
    const int64_t t0 = 1644285600000LL;
    fusion_incident inc;
    rule_hit drop = hit(RULE_SUDDEN_DROP, t0, t0 + HOUR, t0 + HOUR, "COD 182 → 41 mg/L");
    fusion_incident_open(&inc, RULE_FAMILY_CUP, &drop);
    assert_string_equal(inc.type, "unknown");
    assert_int_equal(fusion_incident_add(&inc, &drop), 0);
    fusion_around none = {NULL, 0, 0, 0, t0 + HOUR, 0, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&inc, &none, 0), 1);
    assert_int_equal(inc.level, FUSION_YELLOW);
    assert_string_equal(inc.type, "sample_cup_injection");
    assert_int_equal(inc.nevidence, 1);
    /* the same again: nothing new to raise */
    assert_int_equal(fusion_incident_judge(&inc, &none, 0), 0);

    rule_context covered = signal(RULE_DOOR_ENTRY, 0, t0 - 10 * MIN, 1, "door 09:50 (O&M)");
    rule_context later = signal(RULE_PERSON_SEEN, 1, t0 + 2 * HOUR, 0, "person 12:00");
    rule_context door = signal(RULE_DOOR_ENTRY, 0, t0 - 5 * MIN, 0, "door opened 09:55");
    const rule_context *around_sig[] = {&covered, &later, &door};
    fusion_around around = {around_sig, 3, 0, 0, t0 + HOUR, 0, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&inc, &around, 0), 1);
    assert_int_equal(inc.level, FUSION_RED);
    assert_int_equal(inc.nevidence, 2);
    assert_string_equal(inc.en[0], "COD 182 → 41 mg/L");
    assert_string_equal(inc.en[1], "door opened 09:55");
    assert_string_equal(inc.zh[1], "door opened 09:55 (zh)");
    assert_true(inc.rules & BIT(DOOR_ENTRY));
    assert_false(inc.rules & BIT(PERSON_SEEN)); /* not arrived by now */

    rule_hit rebound = hit(RULE_REBOUND, t0 + HOUR, t0 + 2 * HOUR, t0 + 2 * HOUR, "COD back");
    assert_int_equal(fusion_incident_add(&inc, &rebound), 1); /* joined a raised alert */
    assert_int_equal(inc.end, t0 + 2 * HOUR);
    assert_int_equal(inc.last, t0 + 2 * HOUR);
    assert_int_equal(fusion_incident_judge(&inc, &around, 1), 1); /* raised again */
    assert_int_equal(inc.nevidence, 3);
    /* the door out of the window now: red stays red, nothing is raised */
    assert_int_equal(fusion_incident_judge(&inc, &none, 0), 0);
    assert_int_equal(inc.level, FUSION_RED);
}

/* Evidence lines: a line already there is not repeated; when the list is full a newer line
 * of the same rule replaces the older one and other rules' lines are left out. */
static void test_incident_evidence_full(void **state)
{
    (void)state;
    const int64_t t0 = 1644285600000LL;
    fusion_incident inc;
    char text[64];
    rule_hit first = hit(RULE_FROZEN_VALUE, t0, t0, t0, "frozen 0");
    fusion_incident_open(&inc, RULE_FAMILY_FROZEN, &first);
    fusion_incident_add(&inc, &first);
    fusion_incident_add(&inc, &first); /* the same line */
    assert_int_equal(inc.nevidence, 1);
    for (int i = 1; i < FUSION_MAX_EVIDENCE; i++) {
        snprintf(text, sizeof text, "frozen %d", i);
        rule_hit h = hit(RULE_FROZEN_VALUE, t0, t0 + i * MIN, t0 + i * MIN, text);
        fusion_incident_add(&inc, &h);
    }
    assert_int_equal(inc.nevidence, FUSION_MAX_EVIDENCE);
    rule_hit stalled = hit(RULE_SAMPLETIME_STALLED, t0, t0 + HOUR, t0 + HOUR, "stalled");
    fusion_incident_add(&inc, &stalled); /* full, and no line of its rule: left out */
    assert_true(inc.rules & BIT(SAMPLETIME_STALLED));
    rule_hit newest = hit(RULE_FROZEN_VALUE, t0, t0 + HOUR, t0 + HOUR, "frozen newest");
    fusion_incident_add(&inc, &newest);
    assert_int_equal(inc.nevidence, FUSION_MAX_EVIDENCE);
    assert_string_equal(inc.en[FUSION_MAX_EVIDENCE - 1], "frozen newest");
    for (size_t i = 0; i < inc.nevidence; i++)
        assert_string_not_equal(inc.en[i], "stalled");
    /* an empty line is no evidence */
    rule_hit silent = hit(RULE_FROZEN_VALUE, t0, t0, t0, "");
    fusion_incident_open(&inc, RULE_FAMILY_FROZEN, &silent);
    fusion_incident_add(&inc, &silent);
    assert_int_equal(inc.nevidence, 0);
}

/* A camera incident is not corroborated by cameras: the outfall camera turned stays
 * yellow with the other camera around; the flow step's look decides meter vs outlet and a
 * later deficit does not overrule it; a more specific type at the same level is raised. */
static void test_incident_camera_and_flow(void **state)
{
    (void)state;
    const int64_t t0 = 1644285600000LL;
    fusion_incident cam;
    rule_hit moved = hit(RULE_CAMERA_MOVED, t0, t0, t0, "outfall camera turned");
    fusion_incident_open(&cam, RULE_FAMILY_CAMERA, &moved);
    fusion_incident_add(&cam, &moved);
    rule_context other = signal(RULE_CAMERA_COVERED, 1, t0, 0, "station camera covered");
    const rule_context *sig[] = {&other};
    fusion_around around = {sig, 1, 0, 0, t0 + MIN, 0, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&cam, &around, 0), 1);
    assert_int_equal(cam.level, FUSION_YELLOW);
    assert_int_equal(cam.nevidence, 1);

    fusion_incident flow;
    rule_hit step = hit(RULE_FLOW_STEP, t0, t0 + 30 * MIN, t0 + 30 * MIN, "flow stepped");
    step.variant = 0; /* half an hour of flow: cannot tell yet */
    rule_hit deficit = hit(RULE_FLOW_DEFICIT, t0, t0 + HOUR, t0 + HOUR, "flow deficit");
    deficit.variant = 1; /* an hour: scaled, the meter */
    deficit.strong = 1;
    fusion_incident_open(&flow, RULE_FAMILY_FLOW, &step);
    fusion_incident_add(&flow, &step);
    fusion_around nothing = {NULL, 0, 0, 0, t0 + HOUR, 0, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&flow, &nothing, 0), 1);
    assert_string_equal(flow.type, "bypass_discharge");
    assert_int_equal(fusion_incident_add(&flow, &deficit), 1);
    assert_int_equal(flow.flowmeter, 1);
    assert_int_equal(fusion_incident_judge(&flow, &nothing, 1), 1);
    assert_int_equal(flow.level, FUSION_RED);
    assert_string_equal(flow.type, "flowmeter_tamper");
    /* a later look that cannot tell leaves what the flow said */
    rule_hit later = hit(RULE_FLOW_DEFICIT, t0, t0 + 2 * HOUR, t0 + 2 * HOUR, "flow deficit 2 h");
    fusion_incident_add(&flow, &later);
    assert_int_equal(flow.flowmeter, 1);
    /* the flow short by an amount: an outlet, whoever entered the station room; the type
     * changes at the same level: raised again */
    rule_hit outlet = hit(RULE_FLOW_DEFICIT, t0, t0 + 3 * HOUR, t0 + 3 * HOUR, "flow short");
    outlet.variant = 2;
    fusion_incident_add(&flow, &outlet);
    rule_context door = signal(RULE_DOOR_ENTRY, 0, t0 - 10 * MIN, 0, "door opened");
    const rule_context *with_door[] = {&door};
    fusion_around around_door = {with_door, 1, 0, 0, t0 + 3 * HOUR, 0, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&flow, &around_door, 0), 1);
    assert_string_equal(flow.type, "bypass_discharge");
    assert_int_equal(flow.level, FUSION_RED);
}

/* A flag right after an exceedance with the door before it: an O&M job's red. Yellow (held)
 * while its order may still be filed; red at the end of the filing window with its line;
 * yellow for good once an order filed covers it; red at once with the treatment off beside
 * it (no analyzer job stops the treatment). */
static void test_incident_order_window(void **state)
{
    (void)state;
    const int64_t t0 = 1644285600000LL;
    rule_hit flag = hit(RULE_FLAG_AFTER_EXCEED, t0, t0 + HOUR, t0 + HOUR, "COD flagged D");
    flag.strong = 1;
    rule_context door = signal(RULE_DOOR_ENTRY, 0, t0 - 5 * MIN, 0, "door opened 09:55");
    const rule_context *sig[] = {&door};
    for (int filed = 0; filed <= 1; filed++) {
        fusion_incident inc;
        fusion_incident_open(&inc, RULE_FAMILY_FLAG, &flag);
        fusion_incident_add(&inc, &flag);
        int64_t due = t0 + 13 * HOUR;
        fusion_around around = {sig, 1, 0, 0, t0 + HOUR, due, 0, "no order by 23:00", "无工单"};
        assert_int_equal(fusion_incident_judge(&inc, &around, 0), 1);
        assert_int_equal(inc.level, FUSION_YELLOW);
        assert_string_equal(inc.type, "false_flag");
        assert_int_equal(inc.held, 1);
        around.now = due - MIN;
        assert_int_equal(fusion_incident_judge(&inc, &around, 0), 0);
        assert_int_equal(inc.held, 1);
        around.now = due;
        around.order_filed = filed;
        assert_int_equal(fusion_incident_judge(&inc, &around, 0), !filed);
        assert_int_equal(inc.level, filed ? FUSION_YELLOW : FUSION_RED);
        assert_int_equal(inc.held, 0);
        if (!filed) assert_string_equal(inc.en[inc.nevidence - 1], "no order by 23:00");
    }
    fusion_incident inc;
    fusion_incident_open(&inc, RULE_FAMILY_FLAG, &flag);
    fusion_incident_add(&inc, &flag);
    fusion_around treat = {sig, 1, BIT(TREATMENT_OFF), 0, t0 + HOUR, t0 + 13 * HOUR, 0, NULL, NULL};
    assert_int_equal(fusion_incident_judge(&inc, &treat, 0), 1);
    assert_int_equal(inc.level, FUSION_RED);
    assert_int_equal(inc.held, 0);
    /* a stopped analyzer's sample time with the door: the job's (held); identical values on
     * new measurements with the door: no job leaves them (red at once) */
    fusion_around around = {sig, 1, 0, 0, t0 + HOUR, t0 + 13 * HOUR, 0, NULL, NULL};
    for (int frozen = 0; frozen <= 1; frozen++) {
        rule_hit h = hit(frozen ? RULE_FROZEN_VALUE : RULE_SAMPLETIME_STALLED, t0, t0 + HOUR,
                         t0 + HOUR, "COD");
        fusion_incident_open(&inc, RULE_FAMILY_FROZEN, &h);
        fusion_incident_add(&inc, &h);
        assert_int_equal(fusion_incident_judge(&inc, &around, 0), 1);
        assert_string_equal(inc.type, "frozen_value");
        assert_int_equal(inc.level, frozen ? FUSION_RED : FUSION_YELLOW);
        assert_int_equal(inc.held, !frozen);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decisions),
        cmocka_unit_test(test_incident_cup),
        cmocka_unit_test(test_incident_evidence_full),
        cmocka_unit_test(test_incident_camera_and_flow),
        cmocka_unit_test(test_incident_order_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
