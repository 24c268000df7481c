/*
 * test_score.c — score/: time parsing, loaders and their errors, and every metric on
 * cases computed by hand (the arithmetic is in the comments; docs/scoring.md has the
 * definitions). NAB's scaled sigmoid: ss(y) = 2/(1+e^(5y)) - 1, maxTP = ss(-1) =
 * 0.98661430.
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

#include "score.h"

#define EPS 1e-6

static char err[8192];

static void assert_near(double got, double want, double eps)
{
    if (fabs(got - want) > eps) fail_msg("got %.9f, want %.9f", got, want);
}

static score_truth *truth(const char *text)
{
    err[0] = '\0';
    score_truth *t = score_truth_parse(text, "truth.json", err, sizeof err);
    if (!t) fail_msg("truth: %s", err);
    return t;
}

static score_alerts *alerts(const char *text)
{
    err[0] = '\0';
    score_alerts *a = score_alerts_parse(text, "alerts.jsonl", err, sizeof err);
    if (!a) fail_msg("alerts: %s", err);
    return a;
}

static score_result *compute(const char *tt, const char *at, int64_t grace_ms)
{
    score_truth *t = truth(tt);
    score_alerts *a = alerts(at);
    score_options o = score_options_default();
    o.grace_ms = grace_ms;
    o.team = "t";
    score_result *r = score_compute(t, a, &o, err, sizeof err);
    assert_non_null(r);
    score_alerts_free(a);
    score_truth_free(t);
    return r;
}

#define H (3600 * 1000LL)

/* ---- time (the files' times: hjtime_parse_iso_any, tests/proto/test_hjtime.c) ---- */

static void test_duration(void **state)
{
    (void)state;
    int64_t d = -1;
    assert_int_equal(score_parse_duration("2h", &d), 0);
    assert_int_equal(d, 2 * H);
    assert_int_equal(score_parse_duration("1h30m", &d), 0);
    assert_int_equal(d, 90 * 60000);
    assert_int_equal(score_parse_duration("90s", &d), 0);
    assert_int_equal(d, 90000);
    assert_int_equal(score_parse_duration("1d", &d), 0);
    assert_int_equal(d, 24 * H);
    assert_int_equal(score_parse_duration("0", &d), 0);
    assert_int_equal(d, 0);
    const char *bad[] = {"", "h", "2", "2x", "-1h", "1h-", "h2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (score_parse_duration(bad[i], &d) == 0) fail_msg("accepted \"%s\"", bad[i]);
}

/* ---- case A: 2 events of 60 min, one detected after 15 min, one missed ---- */

static const char *truth_a =
    "{\"scenario\": \"case_a\", \"seed\": 1,"
    " \"start\": \"2022-02-08T00:00:00+08:00\", \"end\": \"2022-02-09T00:00:00+08:00\","
    " \"stations\": [{\"mn\": \"S1\", \"name\": \"one\"}],"
    " \"events\": ["
    "  {\"id\": 1, \"type\": \"sample_cup_injection\", \"mn\": \"S1\","
    "   \"start\": \"2022-02-08T10:00:00+08:00\", \"end\": \"2022-02-08T11:00:00+08:00\"},"
    "  {\"id\": 2, \"type\": \"tap_water_dilution\", \"mn\": \"S1\","
    "   \"start\": \"2022-02-08T14:00:00+08:00\", \"end\": \"2022-02-08T15:00:00+08:00\"}]}";

static void test_case_a(void **state)
{
    (void)state;
    score_result *r = compute(truth_a,
                              "{\"id\": \"a1\", \"mn\": \"S1\", \"time\": "
                              "\"2022-02-08T10:15:00+08:00\", \"level\": \"yellow\", "
                              "\"type\": \"sample_cup_injection\"}\n",
                              SCORE_GRACE_DEFAULT_MS);
    assert_int_equal(r->events, 2);
    assert_int_equal(r->detected, 1);
    assert_near(r->recall, 0.5, EPS);
    assert_near(r->type_accuracy, 1.0, EPS);
    assert_true(r->ev[0].detected);
    assert_false(r->ev[1].detected);
    assert_near(r->ev[0].ttd_minutes, 15.0, EPS);
    assert_true(isnan(r->ev[1].ttd_minutes));
    assert_int_equal(r->ev[0].n_alert_ids, 1);
    assert_string_equal(r->ev[0].alert_ids[0], "a1");
    assert_near(r->median_ttd_minutes, 15.0, EPS);
    assert_int_equal(r->false_alarms, 0);
    assert_near(r->false_alarms_per_station_day, 0.0, EPS);
    /* S_TTD = 1 - (15/60 + 1)/2 = 0.375 */
    assert_near(r->s_ttd, 0.375, EPS);
    /* 1440 bins; attack 120 (10:00-11:00, 14:00-15:00); a1 has no end: flags the bin
     * 10:15 only -> TP 1, TPR 1/120; no normal bin flagged, TNR 1.
     * S_CM = (1/120 + 1)/2 = 0.50416667; S = 0.5*0.375 + 0.5*0.50416667 = 0.43958333 */
    assert_near(r->tpr, 1.0 / 120.0, EPS);
    assert_near(r->tnr, 1.0, EPS);
    assert_near(r->s_cm, 0.50416667, EPS);
    assert_near(r->batadal_s, 0.43958333, EPS);
    /* NAB windows [10:00, 13:00] and [14:00, 17:00] (grace 2 h), width 180 min.
     * a1 at 10:15: position -(13:00-10:15)/180 = -165/180; ss(-0.916667) = 0.97976527;
     * TP = 0.97976527/0.98661430 = 0.99305805; window 2 missed: -1.
     * raw = -0.00694195; null = -2, perfect = +2: score = 100*(raw+2)/4 = 49.826451 */
    assert_int_equal(r->nab_windows, 2);
    assert_int_equal(r->nab_tp, 1);
    assert_int_equal(r->nab_fn, 1);
    assert_near(r->nab_raw, -0.00694195, EPS);
    assert_near(r->nab_score, 49.826451, 1e-5);
    score_result_free(r);
}

/* The perfect detector (one alert at each window start) scores NAB 100, S_TTD 1. */
static void test_perfect_and_null(void **state)
{
    (void)state;
    score_result *r =
        compute(truth_a,
                "{\"id\": 1, \"mn\": \"S1\", \"time\": \"2022-02-08T10:00:00+08:00\", \"level\": "
                "\"red\", \"type\": \"sample_cup_injection\"}\n"
                "{\"id\": 2, \"mn\": \"S1\", \"time\": \"2022-02-08T14:00:00+08:00\", \"level\": "
                "\"red\", \"type\": \"tap_water_dilution\"}\n",
                SCORE_GRACE_DEFAULT_MS);
    assert_near(r->nab_score, 100.0, EPS);
    assert_near(r->s_ttd, 1.0, EPS);
    assert_near(r->recall, 1.0, EPS);
    assert_near(r->type_accuracy, 1.0, EPS);
    assert_near(r->median_ttd_minutes, 0.0, EPS);
    assert_string_equal(r->ev[0].alert_ids[0], "1"); /* numeric id kept as text */
    score_result_free(r);

    /* No alerts (an empty file is valid): the null detector. recall 0, S_TTD 0,
     * TPR 0, TNR 1 -> S = 0.25; NAB raw -2 -> 0; type accuracy, median: n/a. */
    r = compute(truth_a, "", SCORE_GRACE_DEFAULT_MS);
    assert_int_equal(r->detected, 0);
    assert_near(r->recall, 0.0, EPS);
    assert_true(isnan(r->type_accuracy));
    assert_true(isnan(r->median_ttd_minutes));
    assert_near(r->s_ttd, 0.0, EPS);
    assert_near(r->tpr, 0.0, EPS);
    assert_near(r->tnr, 1.0, EPS);
    assert_near(r->batadal_s, 0.25, EPS);
    assert_near(r->nab_score, 0.0, EPS);
    assert_int_equal(r->false_alarms, 0);
    score_result_free(r);
}

/* An alert raised again and again at a station not in the truth (a vendor's engine keeps
 * raising its id each minute): every raise is one of the station's, one station listed,
 * one false alarm. The list of unknown stations once had a slot per id, not per raise. */
static void test_unknown_station_raised_again(void **state)
{
    (void)state;
    static const char *tt =
        "{\"scenario\": \"u\", \"start\": \"2022-02-08T00:00:00+08:00\","
        " \"end\": \"2022-02-09T00:00:00+08:00\", \"stations\": [{\"mn\": \"S1\"}], \"events\": []}";
    static const char *at =
        "{\"id\": \"x\", \"mn\": \"Z1\", \"time\": \"2022-02-08T01:00:00+08:00\", \"level\": \"yellow\", \"type\": \"unknown\"}\n"
        "{\"id\": \"x\", \"mn\": \"Z1\", \"time\": \"2022-02-08T01:01:00+08:00\", \"level\": \"yellow\", \"type\": \"unknown\"}\n"
        "{\"id\": \"x\", \"mn\": \"Z1\", \"time\": \"2022-02-08T01:02:00+08:00\", \"level\": \"red\", \"type\": \"unknown\"}\n"
        "{\"id\": \"x\", \"mn\": \"Z1\", \"time\": \"2022-02-08T01:03:00+08:00\", \"level\": \"red\", \"type\": \"unknown\"}\n"
        "{\"id\": \"y\", \"mn\": \"Z2\", \"time\": \"2022-02-08T02:00:00+08:00\", \"level\": \"yellow\", \"type\": \"unknown\"}\n";
    score_result *r = compute(tt, at, SCORE_GRACE_DEFAULT_MS);
    assert_int_equal(r->unknown_station_alerts, 2);
    assert_int_equal(r->n_unknown_mns, 2);
    assert_string_equal(r->unknown_mns[0], "Z1");
    assert_string_equal(r->unknown_mns[1], "Z2");
    assert_int_equal(r->false_alarms, 2);
    assert_int_equal(r->red_false_alarms, 1);
    score_result_free(r);
}

/* ---- case B: false alarms, re-raise, unknown station, green, end + grace ---- */

static const char *truth_b =
    "{\"scenario\": \"case_b\","
    " \"start\": \"2022-02-08T00:00:00+08:00\", \"end\": \"2022-02-10T00:00:00+08:00\","
    " \"stations\": [{\"mn\": \"S1\"}, {\"mn\": \"S2\"}],"
    " \"events\": [{\"id\": 7, \"type\": \"sample_cup_injection\", \"mn\": \"S1\","
    "   \"start\": \"2022-02-08T10:00:00+08:00\", \"end\": \"2022-02-08T11:00:00+08:00\"}]}";

#define AL(id, mn, time, level, type)                                                              \
    "{\"id\": \"" id "\", \"mn\": \"" mn "\", \"time\": \"" time "\", \"level\": \"" level         \
    "\", \"type\": \"" type "\"}\n"

static const char *alerts_b =
    /* green inside the window: ignored for detection */
    AL("g1", "S1", "2022-02-08T10:05:00+08:00", "green", "sample_cup_injection")
    /* exactly at end + grace (11:00 + 2 h): detects, TTD 180 min, wrong type */
    AL("b1", "S1", "2022-02-08T13:00:00+08:00", "yellow", "tap_water_dilution")
    /* one second after end + grace: a false alarm */
    AL("f3", "S1", "2022-02-08T13:00:01+08:00", "yellow", "unknown")
    /* raised yellow, raised again red: one false alarm, a red one */
    AL("f1", "S1", "2022-02-08T20:00:00+08:00", "yellow", "unknown")
        AL("f1", "S1", "2022-02-08T21:00:00+08:00", "red", "frozen_value")
    /* a station without events */
    AL("f2", "S2", "2022-02-09T08:00:00+08:00", "yellow", "frozen_value")
    /* a station not in the truth: counted apart and as a (red) false alarm */
    AL("u1", "X9", "2022-02-08T12:00:00+08:00", "red", "dau_tamper")
    /* green for an unknown station: counted apart, not a false alarm */
    AL("u2", "X9", "2022-02-08T12:30:00+08:00", "green", "unknown");

static void test_case_b(void **state)
{
    (void)state;
    score_result *r = compute(truth_b, alerts_b, SCORE_GRACE_DEFAULT_MS);
    assert_int_equal(r->detected, 1);
    assert_near(r->ev[0].ttd_minutes, 180.0, EPS);
    assert_int_equal(r->ev[0].n_alert_ids, 1); /* b1 only: g1 is green */
    assert_string_equal(r->ev[0].alert_ids[0], "b1");
    assert_false(r->ev[0].type_correct);
    assert_near(r->type_accuracy, 0.0, EPS);
    /* f1, f2, f3, u1; red: f1 (reached red), u1 */
    assert_int_equal(r->false_alarms, 4);
    assert_int_equal(r->red_false_alarms, 2);
    assert_int_equal(r->unknown_station_alerts, 2);
    assert_int_equal(r->n_unknown_mns, 1);
    assert_string_equal(r->unknown_mns[0], "X9");
    /* 2 stations x 2 days = 4 station-days: 4/4 = 1 */
    assert_near(r->station_days, 4.0, EPS);
    assert_near(r->false_alarms_per_station_day, 1.0, EPS);
    /* sorted by first raise time: u1 12:00, f3 13:00:01, f1 20:00, f2 next day */
    assert_string_equal(r->fa[0].id, "u1");
    assert_true(r->fa[0].unknown_station);
    assert_string_equal(r->fa[1].id, "f3");
    assert_string_equal(r->fa[2].id, "f1");
    assert_int_equal(r->fa[2].level, SCORE_RED);
    assert_string_equal(r->fa[2].time, "2022-02-08T20:00:00+08:00");
    assert_string_equal(r->fa[3].id, "f2");
    assert_int_equal(r->fa[3].level, SCORE_YELLOW);
    /* TTD 180 > 60: capped to the duration, S_TTD = 1 - 60/60 = 0. */
    assert_near(r->s_ttd, 0.0, EPS);
    /* 2 x 2880 = 5760 bins, attack 60, none flagged: TPR 0. Flagged normal bins: S1
     * 13:00 (b1 and f3), 20:00, 21:00; S2 08:00 = 4 -> TNR 5696/5700.
     * S_CM = 0.49964912, S = 0.5*0 + 0.5*S_CM = 0.24982456 */
    assert_near(r->tpr, 0.0, EPS);
    assert_near(r->tnr, 5696.0 / 5700.0, EPS);
    assert_near(r->batadal_s, 0.24982456, EPS);
    /* NAB: S1 window [10:00, 13:00], 180 min. b1 at its right edge: ss(0) = 0 -> TP 0.
     * f3 1 s after: 0.11*ss(1/10800) = -0.0000254630; f1 7 h after: 0.11*ss(7/3) =
     * -0.1099981135 (its red re-raise is the same alert); f2 (no window on S2) -0.11;
     * u1 (unknown station) -0.11. raw = -0.3300235765; score = 100*(raw+1)/2 = 33.498821 */
    assert_int_equal(r->nab_tp, 1);
    assert_int_equal(r->nab_fp, 4);
    assert_int_equal(r->nab_fn, 0);
    assert_near(r->nab_raw, -0.3300235765, 1e-8);
    assert_near(r->nab_score, 33.498821, 1e-5);
    score_result_free(r);

    /* With grace 0 b1 is a false alarm too and the event is missed. */
    r = compute(truth_b, alerts_b, 0);
    assert_int_equal(r->detected, 0);
    assert_int_equal(r->false_alarms, 5);
    assert_int_equal(r->red_false_alarms, 2);
    score_result_free(r);
}

/* ---- case C: overlapping events, alert coverage by "end", merged NAB windows ---- */

static const char *truth_c =
    "{\"start\": \"2022-02-08T00:00:00+08:00\", \"end\": \"2022-02-08T06:00:00+08:00\","
    " \"stations\": [{\"mn\": \"S1\"}],"
    " \"events\": ["
    "  {\"id\": 1, \"type\": \"frozen_value\", \"mn\": \"S1\","
    "   \"start\": \"2022-02-08T01:00:00+08:00\", \"end\": \"2022-02-08T03:00:00+08:00\"},"
    "  {\"id\": 2, \"type\": \"false_flag\", \"mn\": \"S1\","
    "   \"start\": \"2022-02-08T02:00:00+08:00\", \"end\": \"2022-02-08T04:00:00+08:00\"}]}";

static void test_case_c(void **state)
{
    (void)state;
    score_result *r =
        compute(truth_c,
                /* covers [02:30, 03:30): 60 attack bins */
                "{\"id\": \"a1\", \"mn\": \"S1\", \"time\": \"2022-02-08T02:30:00+08:00\", "
                "\"level\": \"red\", \"type\": \"false_flag\", \"start\": "
                "\"2022-02-08T02:00:00+08:00\", \"end\": \"2022-02-08T03:30:00+08:00\", "
                "\"rules\": [\"x\"], \"evidence\": [\"y\"]}\n"
                /* end before time: flags the one bin of its time, 05:00 */
                "{\"id\": \"a2\", \"mn\": \"S1\", \"time\": \"2022-02-08T05:00:00+08:00\", "
                "\"level\": \"yellow\", \"type\": \"unknown\", \"end\": "
                "\"2022-02-08T04:50:00+08:00\"}\n",
                0);
    /* a1 detects both: event 1 after 90 min (wrong type), event 2 after 30 min. */
    assert_int_equal(r->detected, 2);
    assert_near(r->ev[0].ttd_minutes, 90.0, EPS);
    assert_false(r->ev[0].type_correct);
    assert_near(r->ev[1].ttd_minutes, 30.0, EPS);
    assert_true(r->ev[1].type_correct);
    assert_near(r->type_accuracy, 0.5, EPS);
    assert_near(r->median_ttd_minutes, 60.0, EPS); /* (30 + 90)/2 */
    assert_int_equal(r->false_alarms, 1);          /* a2 */
    assert_int_equal(r->red_false_alarms, 0);
    /* S_TTD = 1 - (90/120 + 30/120)/2 = 0.5 */
    assert_near(r->s_ttd, 0.5, EPS);
    /* 360 bins; attack = union 01:00-04:00 = 180, TP 60 -> TPR 1/3; normal 180, one
     * flagged -> TNR 179/180. S_CM = 0.66388889, S = 0.25 + 0.33194444 = 0.58194444 */
    assert_near(r->tpr, 1.0 / 3.0, EPS);
    assert_near(r->tnr, 179.0 / 180.0, EPS);
    assert_near(r->batadal_s, 0.58194444, EPS);
    /* NAB: the windows [01:00, 03:00] and [02:00, 04:00] merge into [01:00, 04:00].
     * a1: position -90/180 = -0.5, ss = 0.84828364, TP = 0.85979257.
     * a2: 60 min after a 180-min window: 0.11*ss(1/3) = -0.07504880.
     * raw = 0.78474377; score = 100*(raw+1)/2 = 89.237188 */
    assert_int_equal(r->nab_windows, 1);
    assert_near(r->nab_raw, 0.78474377, EPS);
    assert_near(r->nab_score, 89.237188, 1e-5);
    score_result_free(r);
}

/* ---- case D: no events ---- */

static void test_no_events(void **state)
{
    (void)state;
    score_result *r =
        compute("{\"start\": \"2022-02-08T00:00:00+08:00\", \"end\": \"2022-02-09T00:00:00+08:00\","
                " \"stations\": [{\"mn\": \"S1\"}], \"events\": []}",
                AL("f", "S1", "2022-02-08T09:00:00+08:00", "yellow", "unknown"), 2 * H);
    assert_int_equal(r->events, 0);
    assert_true(isnan(r->recall));
    assert_true(isnan(r->nab_score));
    assert_int_equal(r->false_alarms, 1);
    /* S_TTD 1 and TPR 1 (nothing to detect); TNR 1439/1440.
     * S = 0.5 + 0.5*(1 + 1439/1440)/2 = 0.99982639 */
    assert_near(r->s_ttd, 1.0, EPS);
    assert_near(r->tpr, 1.0, EPS);
    assert_near(r->batadal_s, 0.99982639, EPS);
    assert_int_equal(r->nab_fp, 1);
    assert_near(r->nab_raw, -0.11, EPS);
    score_result_free(r);
}

/* ---- leaderboard ---- */

static void test_rank(void **state)
{
    (void)state;
    score_result *a = compute(truth_a, "", SCORE_GRACE_DEFAULT_MS); /* NAB 0 */
    score_result *b = compute(truth_a, AL("x", "S1", "2022-02-08T10:15:00+08:00", "red", "unknown"),
                              SCORE_GRACE_DEFAULT_MS); /* NAB 49.83 */
    score_result *c = compute(truth_a,
                              AL("x", "S1", "2022-02-08T10:15:00+08:00", "red", "unknown")
                                  AL("y", "S1", "2022-02-08T20:15:00+08:00", "red", "unknown"),
                              SCORE_GRACE_DEFAULT_MS); /* NAB lower: one FP */
    score_result *d = compute(truth_a, "", SCORE_GRACE_DEFAULT_MS);
    snprintf(a->team, sizeof a->team, "zeta");
    snprintf(b->team, sizeof b->team, "beta");
    snprintf(c->team, sizeof c->team, "gamma");
    snprintf(d->team, sizeof d->team, "alpha");
    const score_result *r[4] = {a, b, c, d};
    size_t order[4] = {0}, rank[4] = {0};
    score_rank(r, 4, order, rank);
    assert_int_equal(order[0], 1); /* beta */
    assert_int_equal(order[1], 2); /* gamma */
    assert_int_equal(order[2], 3); /* alpha: ties with zeta on every metric, name first */
    assert_int_equal(order[3], 0);
    assert_int_equal(rank[0], 1);
    assert_int_equal(rank[1], 2);
    assert_int_equal(rank[2], 3);
    assert_int_equal(rank[3], 3); /* shared rank */

    /* The same NAB: recall decides, then fewer false alarms. */
    b->nab_score = c->nab_score;
    score_rank(r, 4, order, rank);
    assert_int_equal(order[0], 1); /* beta: 0 false alarms against gamma's 1 */
    assert_int_equal(order[1], 2);
    c->false_alarms = 0;
    c->median_ttd_minutes = 14.0;
    score_rank(r, 4, order, rank);
    assert_int_equal(order[0], 2); /* gamma: lower median TTD */

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(score_write_leaderboard_json(f, r, 4), 0);
    fclose(f);
    assert_non_null(strstr(buf, "\"rank\":\t1"));
    assert_non_null(strstr(buf, "\"leaderboard\""));
    free(buf);
    score_result_free(a);
    score_result_free(b);
    score_result_free(c);
    score_result_free(d);
}

/* ---- reports ---- */

static void test_reports(void **state)
{
    (void)state;
    score_result *r = compute(truth_b, alerts_b, SCORE_GRACE_DEFAULT_MS);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(score_write_json(f, r), 0);
    fclose(f);
    const char *keys[] = {"\"events\":\t1",
                          "\"detected\":\t1",
                          "\"recall\":\t1",
                          "\"type_accuracy\":\t0",
                          "\"false_alarms\":\t4",
                          "\"red_false_alarms\":\t2",
                          "\"false_alarms_per_station_day\":\t1",
                          "\"median_ttd_minutes\":\t180",
                          "\"batadal_s\":\t0.249825",
                          "\"nab_score\":\t33.498821",
                          "\"alert_ids\":\t[\"b1\"]",
                          "\"ttd_minutes\":\t180",
                          "\"type_correct\":\tfalse",
                          "\"unknown_stations\":\t[\"X9\"]"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(buf, keys[i])) fail_msg("JSON lacks %s:\n%s", keys[i], buf);
    free(buf);

    f = open_memstream(&buf, &len);
    const score_result *rr[1] = {r};
    assert_int_equal(score_write_junit(f, rr, 1), 0);
    fclose(f);
    /* 1 event (wrong type: a failure) + 4 false alarms = 5 tests, 5 failures */
    assert_non_null(strstr(buf, "tests=\"5\" failures=\"5\""));
    assert_non_null(strstr(buf, "type=\"wrong_type\""));
    assert_non_null(strstr(buf, "name=\"alert f1 S1\""));
    free(buf);

    /* the suite's form: a run testcase per scenario, a run that failed, one escaper */
    f = open_memstream(&buf, &len);
    const score_junit_suite js[2] = {{"b_dilution", r, 1, 1.25, NULL, NULL, NULL},
                                     {"broken", NULL, 1, 0.5, "run_failed",
                                      "exit status 1: it's <bad> & \"q\"",
                                      "[C]: in function 'error'\x01\n"}};
    assert_int_equal(score_write_junit_suites(f, "hjrange suite", js, 2), 0);
    fclose(f);
    /* 5 + 1 run + 1 failed run; failures 5 + 1 */
    assert_non_null(strstr(buf, "<testsuites name=\"hjrange suite\" tests=\"7\" failures=\"6\">"));
    assert_non_null(strstr(buf, "<testsuite name=\"b_dilution\" tests=\"6\" failures=\"5\" "
                                "errors=\"0\" skipped=\"0\" time=\"1.250\">"));
    assert_non_null(strstr(buf, "<testcase classname=\"b_dilution.run\" name=\"run\" "
                                "time=\"1.250\"/>\n  </testsuite>"));
    assert_non_null(strstr(buf, "<failure type=\"run_failed\" message=\"exit status 1: it's "
                                "&lt;bad&gt; &amp; &quot;q&quot;\">[C]: in function 'error' \n"
                                "</failure>"));
    free(buf);

    f = open_memstream(&buf, &len);
    assert_int_equal(score_write_text(f, r, NULL), 0);
    fclose(f);
    assert_non_null(strstr(buf, "red false alarms"));
    assert_non_null(strstr(buf, "33.50 (TP 1, FP 4, FN 0)"));
    free(buf);
    score_result_free(r);
}

/* ---- bad input ---- */

static void expect_truth_error(const char *text, const char *want)
{
    err[0] = '\0';
    score_truth *t = score_truth_parse(text, "truth.json", err, sizeof err);
    if (t) {
        score_truth_free(t);
        fail_msg("accepted truth expected to fail with \"%s\"", want);
    }
    if (!strstr(err, want)) fail_msg("error \"%s\" lacks \"%s\"", err, want);
    if (strncmp(err, "truth.json", 10) != 0) fail_msg("error \"%s\" does not name the file", err);
}

#define RUN       "\"start\": \"2022-02-08T00:00:00+08:00\", \"end\": \"2022-02-09T00:00:00+08:00\""
#define ST        "\"stations\": [{\"mn\": \"S1\"}]"
#define EV(extra) "\"events\": [{\"id\": 1, \"type\": \"frozen_value\", \"mn\": \"S1\", " extra "}]"
#define EVT       "\"start\": \"2022-02-08T01:00:00+08:00\", \"end\": \"2022-02-08T02:00:00+08:00\""

static void test_bad_truth(void **state)
{
    (void)state;
    expect_truth_error("{\"start\": \n  \"2022\",, }", "truth.json:2:");
    expect_truth_error("[1, 2]", "not a JSON object");
    expect_truth_error("{" ST ", " EV(EVT) "}", "run: missing \"start\"");
    expect_truth_error("{" RUN ", " ST "}", "\"events\" is missing");
    expect_truth_error("{" RUN ", \"stations\": [], " EV(EVT) "}", "\"stations\" is empty");
    expect_truth_error("{" RUN ", " ST ", " EV("\"end\": \"2022-02-08T02:00:00+08:00\"") "}",
                       "event 1: missing \"start\"");
    expect_truth_error("{" RUN ", " ST ", " EV("\"start\": \"2022-02-08 1am\", \"end\": "
                                               "\"2022-02-08T02:00:00+08:00\"") "}",
                       "event 1: \"start\" is not an ISO 8601 time");
    expect_truth_error("{" RUN ", " ST ", " EV("\"start\": \"2022-02-30T01:00:00+08:00\", \"end\": "
                                               "\"2022-02-08T02:00:00+08:00\"") "}",
                       "2022-02-30T01:00:00+08:00");
    expect_truth_error("{" RUN ", " ST ", " EV("\"start\": \"2022-02-08T03:00:00+08:00\", \"end\": "
                                               "\"2022-02-08T02:00:00+08:00\"") "}",
                       "is not after start");
    expect_truth_error("{" RUN ", \"stations\": [{\"mn\": \"S2\"}], " EV(EVT) "}",
                       "mn S1 is not among \"stations\"");
    expect_truth_error("{" RUN ", " ST ", \"events\": [{\"id\": 1, \"type\": \"magic\", \"mn\": "
                       "\"S1\", " EVT "}]}",
                       "\"magic\" is not a fraud type");
    expect_truth_error("{" RUN ", " ST ", \"events\": [{\"id\": \"one\", \"type\": "
                       "\"frozen_value\", \"mn\": \"S1\", " EVT "}]}",
                       "events[0]: \"id\" is not an integer");
    expect_truth_error("{\"start\": \"2022-02-09T00:00:00+08:00\", \"end\": "
                       "\"2022-02-08T00:00:00+08:00\", " ST ", \"events\": []}",
                       "end must be after start");
    expect_truth_error("{" RUN ", " ST ", " EV("\"start\": \"2022-02-07T23:00:00+08:00\", "
                                               "\"end\": \"2022-02-08T02:00:00+08:00\"") "}",
                       "is not inside the run");
    expect_truth_error("", "malformed JSON");
    err[0] = '\0';
    assert_null(score_truth_load("/nonexistent/truth.json", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/truth.json"));
}

static void expect_alert_error(const char *text, const char *want)
{
    err[0] = '\0';
    score_alerts *a = score_alerts_parse(text, "alerts.jsonl", err, sizeof err);
    if (a) {
        score_alerts_free(a);
        fail_msg("accepted alerts expected to fail with \"%s\"", want);
    }
    if (!strstr(err, want)) fail_msg("error \"%s\" lacks \"%s\"", err, want);
}

#define GOOD AL("a1", "S1", "2022-02-08T10:15:00+08:00", "yellow", "unknown")

static void test_bad_alerts(void **state)
{
    (void)state;
    expect_alert_error(GOOD "{\"id\": \"a2\", \"mn\": \n", "alerts.jsonl:2: malformed JSON");
    expect_alert_error(GOOD GOOD "nonsense\n", "alerts.jsonl:3: malformed JSON");
    /* every bad line is reported, not only the first */
    expect_alert_error("x\n" GOOD "y\n", "alerts.jsonl:1: malformed JSON (column 1)\n"
                                         "alerts.jsonl:3: malformed JSON");
    expect_alert_error(AL("a1", "S1", "2022-02-08 10:15", "yellow", "unknown"),
                       "alerts.jsonl:1: alert: \"time\" is not an ISO 8601 time");
    expect_alert_error(AL("a1", "S1", "2022-02-08T10:15:00+08:00", "orange", "unknown"),
                       "alerts.jsonl:1: alert: level \"orange\"");
    expect_alert_error(AL("a1", "S1", "2022-02-08T10:15:00+08:00", "red", "magic"),
                       "alerts.jsonl:1: alert: type \"magic\"");
    expect_alert_error(GOOD "{\"id\": \"a9\", \"time\": \"2022-02-08T10:15:00+08:00\", "
                            "\"level\": \"red\", \"type\": \"unknown\"}\n",
                       "alerts.jsonl:2: alert: missing \"mn\"");
    expect_alert_error(GOOD AL("a1", "S2", "2022-02-08T11:15:00+08:00", "red", "unknown"),
                       "alerts.jsonl:2: alert a1 re-raised for station S2");
    expect_alert_error(GOOD "[1]\n", "alerts.jsonl:2: not a JSON object");
    expect_alert_error(GOOD "{} {}\n", "alerts.jsonl:2: text after the JSON object");
    expect_alert_error("{\"id\": \"a\", \"mn\": \"S1\", \"time\": \"2022-02-08T10:15:00Z\", "
                       "\"level\": \"red\", \"type\": \"unknown\", \"end\": \"soon\"}\n",
                       "alerts.jsonl:1: alert: \"end\" is not an ISO 8601 time");
    /* more bad lines than listed: a count at the end */
    char many[4096] = "";
    for (int i = 0; i < 30; i++)
        strcat(many, "bad\n");
    expect_alert_error(many, "alerts.jsonl: 30 bad lines in all");

    /* valid: an empty file, blank lines, CR LF line ends, no final newline */
    score_alerts *a = alerts("");
    assert_int_equal(score_alerts_count(a), 0);
    score_alerts_free(a);
    a = alerts("\n  \n" GOOD "\r\n" AL("a2", "S1", "2022-02-08T10:16:00Z", "red", "unknown"));
    assert_int_equal(score_alerts_count(a), 2);
    assert_int_equal(score_alerts_get(a, 0)->line, 3);
    assert_int_equal(score_alerts_get(a, 1)->line, 5); /* line 4 is a lone CR */
    score_alerts_free(a);
    a = alerts("{\"id\":\"c\",\"mn\":\"S1\",\"time\":\"2022-02-08T10:15:00Z\",\"level\":"
               "\"red\",\"type\":\"unknown\"}\r\n");
    assert_int_equal(score_alerts_count(a), 1);
    score_alerts_free(a);
    a = alerts("{\"id\":\"z\",\"mn\":\"S1\",\"time\":\"2022-02-08T10:15:00Z\",\"level\":"
               "\"green\",\"type\":\"unknown\"}");
    assert_int_equal(score_alerts_count(a), 1);
    score_alerts_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration),
        cmocka_unit_test(test_case_a),
        cmocka_unit_test(test_perfect_and_null),
        cmocka_unit_test(test_case_b),
        cmocka_unit_test(test_unknown_station_raised_again),
        cmocka_unit_test(test_case_c),
        cmocka_unit_test(test_no_events),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_bad_truth),
        cmocka_unit_test(test_bad_alerts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
