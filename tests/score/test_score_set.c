/*
 * test_score_set.c — score-set.h: the Wilson interval against values computed by hand, the
 * type an event was detected as, and a set of two runs pooled into totals, honest-station
 * false alarms and the confusion matrix (text and JSON).
 *
 * Wilson (z = 1.96): centre (p + z²/2n)/(1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²)/(1 +
 * z²/n). 8 of 10:  z²/n = 0.384160; centre (0.8 + 0.192080)/1.384160 = 0.716738; half sqrt(0.016 +
 * 0.009604)/1.384160 · 1.96 = 0.226620 → 0.490 .. 0.943 0 of 5:   lower 0; upper (0 +
 * 0.38416)/1.76832 + 1.96·sqrt(0.0384160)/1.76832 = 0.434482
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hjfraud.h"
#include "score-set.h"

static char err[8192];

static void assert_near(double got, double want, double eps)
{
    if (fabs(got - want) > eps) fail_msg("got %.9f, want %.9f", got, want);
}

static void test_wilson(void **state)
{
    (void)state;
    double lo = 0, hi = 0;
    score_wilson(8, 10, 1.96, &lo, &hi);
    assert_near(lo, 0.490162, 1e-5);
    assert_near(hi, 0.943318, 1e-5);
    score_wilson(0, 5, 1.96, &lo, &hi);
    assert_near(lo, 0.0, 1e-12);
    assert_near(hi, 0.434482, 1e-5);
    score_wilson(5, 5, 1.96, &lo, &hi);
    assert_near(lo, 1 - 0.434482, 1e-5);
    assert_near(hi, 1.0, 1e-12);
    score_wilson(0, 0, 1.96, &lo, &hi);
    assert_true(isnan(lo) && isnan(hi));
}

/* Run A: two stations, S1 with three events, S2 honest (one yellow false alarm on it).
 *   e1 sample_cup_injection, detected as it   (alert a1)
 *   e2 tap_water_dilution, detected as bypass (a2: bypass first; no dilution alert)
 *   e3 false_flag, missed
 * Run B: one station with one event, frozen_value detected as "unknown", and a red false
 * alarm outside the window on the same station (not an honest station). */
static const char TRUTH_A[] =
    "{\"scenario\": \"a\", \"seed\": 1, \"start\": \"2022-02-08T00:00:00+08:00\","
    " \"end\": \"2022-02-10T00:00:00+08:00\","
    " \"stations\": [{\"mn\": \"S1\", \"name\": \"\"}, {\"mn\": \"S2\", \"name\": \"\"}],"
    " \"events\": ["
    "{\"id\": 1, \"type\": \"sample_cup_injection\", \"mn\": \"S1\","
    " \"start\": \"2022-02-08T10:00:00+08:00\", \"end\": \"2022-02-08T11:00:00+08:00\"},"
    "{\"id\": 2, \"type\": \"tap_water_dilution\", \"mn\": \"S1\","
    " \"start\": \"2022-02-08T20:00:00+08:00\", \"end\": \"2022-02-09T04:00:00+08:00\"},"
    "{\"id\": 3, \"type\": \"false_flag\", \"mn\": \"S1\","
    " \"start\": \"2022-02-09T12:00:00+08:00\", \"end\": \"2022-02-09T14:00:00+08:00\"}]}";
static const char ALERTS_A[] =
    "{\"id\": \"a1\", \"mn\": \"S1\", \"time\": \"2022-02-08T10:30:00+08:00\", \"level\": "
    "\"red\", \"type\": \"sample_cup_injection\"}\n"
    "{\"id\": \"a2\", \"mn\": \"S1\", \"time\": \"2022-02-08T21:00:00+08:00\", \"level\": "
    "\"yellow\", \"type\": \"bypass_discharge\"}\n"
    "{\"id\": \"a3\", \"mn\": \"S1\", \"time\": \"2022-02-08T22:00:00+08:00\", \"level\": "
    "\"red\", \"type\": \"bypass_discharge\"}\n"
    "{\"id\": \"a4\", \"mn\": \"S2\", \"time\": \"2022-02-09T09:00:00+08:00\", \"level\": "
    "\"yellow\", \"type\": \"unknown\"}\n";
static const char TRUTH_B[] =
    "{\"scenario\": \"b\", \"seed\": 1, \"start\": \"2022-03-01T00:00:00+08:00\","
    " \"end\": \"2022-03-02T00:00:00+08:00\","
    " \"stations\": [{\"mn\": \"T1\", \"name\": \"\"}],"
    " \"events\": ["
    "{\"id\": 1, \"type\": \"frozen_value\", \"mn\": \"T1\","
    " \"start\": \"2022-03-01T02:00:00+08:00\", \"end\": \"2022-03-01T08:00:00+08:00\"}]}";
static const char ALERTS_B[] =
    "{\"id\": \"b1\", \"mn\": \"T1\", \"time\": \"2022-03-01T05:00:00+08:00\", \"level\": "
    "\"red\", \"type\": \"unknown\"}\n"
    "{\"id\": \"b2\", \"mn\": \"T1\", \"time\": \"2022-03-01T20:00:00+08:00\", \"level\": "
    "\"red\", \"type\": \"dau_tamper\"}\n";

static score_result *scored(const char *truth, const char *alerts)
{
    score_truth *t = score_truth_parse(truth, "truth.json", err, sizeof err);
    if (!t) fail_msg("truth: %s", err);
    score_alerts *a = score_alerts_parse(alerts, "alerts.jsonl", err, sizeof err);
    if (!a) fail_msg("alerts: %s", err);
    score_options o = score_options_default();
    score_result *r = score_compute(t, a, &o, err, sizeof err);
    assert_non_null(r);
    score_alerts_free(a);
    score_truth_free(t);
    return r;
}

static void test_detected_type(void **state)
{
    (void)state;
    score_result *r = scored(TRUTH_A, ALERTS_A);
    assert_string_equal(r->ev[0].detected_type, "sample_cup_injection");
    assert_string_equal(r->ev[1].detected_type, "bypass_discharge");
    assert_string_equal(r->ev[2].detected_type, "");
    score_result_free(r);
}

static size_t col(const char *key)
{
    return (size_t)hjfraud_index(hjfraud_find(key));
}

static void test_set(void **state)
{
    (void)state;
    score_result *a = scored(TRUTH_A, ALERTS_A), *b = scored(TRUTH_B, ALERTS_B);
    score_set *s = score_set_new();
    assert_non_null(s);
    assert_int_equal(score_set_add(s, a), 0);
    assert_int_equal(score_set_add(s, b), 0);
    score_set_totals t;
    score_set_totals_get(s, &t);
    assert_int_equal(t.runs, 2);
    assert_int_equal(t.events, 4);
    assert_int_equal(t.detected, 3);
    assert_int_equal(t.type_correct, 1);
    assert_near(t.recall, 0.75, 1e-12);
    /* 3 of 4: z²/n = 0.96040; centre (0.75 + 0.48020)/1.96040 = 0.627525; half
     * 1.96·sqrt(0.046875 + 0.060025)/1.96040 = 0.326889 */
    assert_near(t.recall_lo, 0.300636, 1e-5);
    assert_near(t.recall_hi, 0.954414, 1e-5);
    assert_int_equal(t.false_alarms, 2);     /* a4 (S2), b2 (T1 outside its window) */
    assert_int_equal(t.red_false_alarms, 1); /* b2 */
    assert_int_equal(t.honest_stations, 1);  /* S2 */
    assert_int_equal(t.honest_false_alarms, 1);
    assert_int_equal(t.honest_red_false_alarms, 0);
    assert_near(t.honest_station_days, 2.0, 1e-12);
    assert_near(t.false_alarms_per_honest_station_day, 0.5, 1e-12);
    assert_near(t.station_days, 5.0, 1e-12);
    /* TTDs 30, 60, 180 min: median 60 */
    assert_near(t.median_ttd_minutes, 60.0, 1e-9);

    assert_int_equal(score_set_cell(s, col("sample_cup_injection"), col("sample_cup_injection")),
                     1);
    assert_int_equal(score_set_cell(s, col("tap_water_dilution"), col("bypass_discharge")), 1);
    assert_int_equal(score_set_cell(s, col("tap_water_dilution"), col("tap_water_dilution")), 0);
    assert_int_equal(score_set_cell(s, col("false_flag"), SCORE_SET_MISSED), 1);
    assert_int_equal(score_set_cell(s, col("frozen_value"), SCORE_SET_UNKNOWN), 1);
    assert_int_equal(score_set_row(s, col("frozen_value")), 1);
    assert_int_equal(score_set_row(s, col("camera_tampering")), 0);

    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(score_set_write_json(m, s), 0);
    fclose(m);
    assert_non_null(strstr(buf, "\"recall\": 0.75, \"recall_ci95\": [0.300636, 0.954414]"));
    assert_non_null(strstr(buf, "\"columns\": [\"sample_cup_injection\", "));
    assert_non_null(strstr(buf, "\"unknown\", \"missed\"]"));
    assert_non_null(strstr(buf, "{\"truth\": \"false_flag\", \"events\": 1, \"detected\": 0, "
                                "\"type_correct\": 0, \"recall\": 0, \"counts\": [0, 0, 0, 0, 0, "
                                "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                                "0, 1]}"));
    assert_null(strstr(buf, "\"truth\": \"camera_tampering\"")); /* rows with events only */
    free(buf);

    buf = NULL;
    m = open_memstream(&buf, &len);
    assert_int_equal(score_set_write_text(m, s, NULL, NULL), 0);
    fclose(m);
    assert_non_null(strstr(buf, "recall 0.750 (3/4), 95 % interval (Wilson) 0.301 .. 0.954"));
    assert_non_null(strstr(buf, " 2 tap_water_dilution"));
    assert_non_null(strstr(buf, "per honest station-day 0.500"));
    free(buf);

    score_set_free(s);
    score_result_free(a);
    score_result_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_detected_type),
        cmocka_unit_test(test_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
