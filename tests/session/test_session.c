/*
 * test_session.c — sim/session: the monitor (hand-made batches and raises: the packet
 * ring, a station's newest DataTime, series columns that keep the newest DataTime's value,
 * alerts raised again in place and the oldest one evicted); a session over a scenario
 * (stepped to the end or advanced in slices: the same hj212.log; the platform's screen,
 * the truth, the inspections, finish and score); the platform follows the scenario's O&M
 * records for the whole run; a session without a scenario (stations stepped and served on
 * the caller's thread).
 */
#include "batch.h"
#include "engine.h"
#include "hjtime.h"
#include "monitor.h"
#include "sampleline.h"
#include "session.h"

#include <math.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define T0 1644249600000LL /* 2022-02-08 00:00 China time */

/* One 2011 upload of mn at local time hhmm with a COD value (and its raw text). */
static void add_upload(batch_buf *b, const char *mn, const char *datatime, const char *cod)
{
    char raw[128];
    snprintf(raw, sizeof raw, "##0100QN=1;CN=2011;MN=%s;CP=&&DataTime=%s;w01018-Rtd=%s&&\r\n", mn,
             datatime, cod);
    assert_int_equal(batch_buf_upload(b, BATCH_TEXT_OF(mn), 2011, BATCH_TEXT_OF(datatime), 0), 0);
    assert_int_equal(batch_buf_raw(b, BATCH_TEXT_OF(raw)), 0);
    assert_int_equal(batch_buf_field(b, BATCH_TEXT_OF(""), BATCH_TEXT_OF("w01018"),
                                     BATCH_TEXT_OF("Rtd"), BATCH_TEXT_OF(cod), BATCH_TEXT_OF("N")),
                     0);
}

static void test_monitor_batches(void **state)
{
    (void)state;
    const char *mns[] = {"MN_B", "MN_A"};
    const char *codes[] = {"w01018"};
    monitor_cfg mc = {mns, 2, codes, 1, 24, T0, T0 + 24 * 3600000LL, 0};
    monitor *m = monitor_new(&mc);
    assert_non_null(m);
    batch_buf *b = batch_buf_new();
    assert_non_null(b);
    char dt[16], cod[16];
    for (int h = 0; h < 20; h++) { /* one upload an hour, 00:00 .. 19:00 */
        snprintf(dt, sizeof dt, "20220208%02d0000", h);
        snprintf(cod, sizeof cod, "%d", 100 + h);
        add_upload(b, "MN_A", dt, cod);
    }
    add_upload(b, "MN_X", "20220208230000", "1"); /* not a station of the range */
    monitor_batch(m, batch_buf_get(b));
    batch_buf_clear(b);
    add_upload(b, "MN_A", "20220208053000", "7"); /* older, later: its column keeps 05:30 */
    add_upload(b, "MN_A", "20220208050000", "8"); /* older than what column 5 holds */
    monitor_batch(m, batch_buf_get(b));

    char text[MONITOR_PACKETS][MONITOR_PACKET_TEXT];
    long total = 0;
    assert_int_equal(monitor_packets(m, text, 3, &total), 3);
    assert_int_equal(total, 23);
    assert_non_null(strstr(text[0], "DataTime=20220208230000")); /* oldest of the newest 3 */
    assert_non_null(strstr(text[2], "DataTime=20220208050000"));
    assert_int_equal(monitor_packets(m, text, 100, NULL), MONITOR_PACKETS);

    monitor_station a = monitor_station_get(m, 1), bst = monitor_station_get(m, 0);
    assert_int_equal(a.has_data, 1);
    assert_int_equal(a.last_data, T0 + 19 * 3600000LL);
    assert_int_equal(bst.has_data, 0);
    float col[24];
    assert_int_equal(monitor_series(m, 1, 0, col, 24), 0);
    assert_true(col[0] == 100.0f && col[19] == 119.0f && isnan(col[20]));
    assert_true(col[5] == 7.0f);
    assert_int_equal(monitor_series(m, 1, 1, col, 24), -1); /* no such series */
    assert_int_equal(monitor_series(m, 2, 0, col, 24), -1); /* no such station */
    batch_buf_free(b);
    monitor_free(m);
}

static void raise_alert(monitor *m, const char *id, const char *mn, int level, int64_t t)
{
    static const char *const en[] = {"evidence one", "evidence two"};
    static const char *const zh[] = {"证据一", "证据二"};
    static const char *const names[] = {"green", "yellow", "red"};
    engine_alert a = {id, mn, "sample_cup_injection", names[level], level, t, t - 60000, t, 0, 2,
                      en, zh};
    monitor_alert_raised(m, &a);
}

static void test_monitor_alerts(void **state)
{
    (void)state;
    const char *mns[] = {"MN_A"};
    monitor_cfg mc = {mns, 1, NULL, 0, 0, T0, T0 + 1, 1};
    monitor *m = monitor_new(&mc);
    assert_non_null(m);
    raise_alert(m, "a1", "MN_A", 1, T0 + 1000);
    raise_alert(m, "a2", "MN_A", 0, T0 + 2000);
    raise_alert(m, "a1", "MN_A", 2, T0 + 3000); /* raised again: in place, first kept */
    monitor_alert *out = calloc(MONITOR_ALERTS, sizeof *out);
    assert_non_null(out);
    assert_int_equal(monitor_alerts(m, out, MONITOR_ALERTS), 2);
    assert_string_equal(out[0].id, "a1");
    assert_int_equal(out[0].level, 2);
    assert_int_equal(out[0].first, T0 + 1000);
    assert_int_equal(out[0].time, T0 + 3000);
    assert_int_equal(out[0].nevidence, 2);
    assert_string_equal(out[0].evidence[1], "证据二"); /* cfg.zh */
    assert_int_equal(monitor_station_get(m, 0).level, 2);
    char id[16];
    for (int i = 3; i <= MONITOR_ALERTS + 1; i++) { /* one more than kept: a1 goes */
        snprintf(id, sizeof id, "a%d", i);
        raise_alert(m, id, "MN_A", 0, T0 + 1000 * i);
    }
    assert_int_equal(monitor_alerts(m, out, MONITOR_ALERTS), MONITOR_ALERTS);
    assert_string_equal(out[0].id, "a2");
    assert_string_equal(out[MONITOR_ALERTS - 1].id, "a65");
    assert_int_equal(out[MONITOR_ALERTS - 1].first, T0 + 65000); /* its own first raise */
    free(out);
    monitor_free(m);
}

static session *open_scenario(const char *out)
{
    static const char *const codes[] = {"w01018", "w00000"};
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.scenario = HJ_SRC "/tests/view/tamper.lua";
    sc.out_dir = out;
    sc.detect = 1;
    sc.lang = "en";
    sc.monitor = 1;
    sc.series_codes = codes;
    sc.n_series = 2;
    sc.series_bins = 48;
    sc.report = 1;
    char err[512] = "";
    session_fail why = SESSION_FAIL_NONE;
    session *ss = session_open(&sc, &why, err, sizeof err);
    if (!ss || session_start(ss, &why, err, sizeof err) != 0)
        fail_msg("session: %s (%d)", err, (int)why);
    return ss;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The same scenario stepped to its end and advanced in half hours: the same packets. */
static void test_session_scenario(void **state)
{
    (void)state;
    session *a = open_scenario(SESSION_TEST_OUT "/stepped");
    int64_t t0 = session_t0(a), t_end = session_t_end(a);
    assert_int_equal(t_end - t0, 4 * 3600000LL);
    assert_int_equal((int)session_station_count(a), 1);
    assert_string_equal(session_station_cfg(a, 0)->mn, "33040001VIEW001");
    assert_true(session_modbus_port(a, 0) > 0 && session_platform_port(a) > 0);
    session_pace fast = {0, 6 * 3600000LL};
    int rc = 0, steps = 0;
    while ((rc = session_step(a, t_end, &fast)) > 0)
        steps++;
    assert_int_equal(rc, 0);
    assert_true(steps >= 1);
    assert_int_equal(session_now(a), t_end);
    /* on site: the hose on the tap, the hidden pipe; the truth */
    assert_int_equal(session_inspect_line(a, 0), SAMPLELINE_TAP);
    double m3h = 0;
    assert_int_equal(session_inspect_channel(a, 0, &m3h), 1);
    assert_true(fabs(m3h - 30) < 1e-9);
    assert_true(session_grab_sample(a, 0).cod > 0);
    assert_int_equal((int)session_truth_count(a), 1);
    session_truth tr;
    assert_int_equal(session_truth_at(a, 0, &tr), 0);
    assert_string_equal(tr.type, "camera_tampering");
    assert_int_equal(tr.open, 0);
    assert_int_equal(tr.end, t0 + 150 * 60000LL);
    assert_int_equal(session_truth_at(a, 1, &tr), -1);
    /* the platform's screen */
    monitor *m = session_monitor(a);
    assert_non_null(m);
    monitor_station ms = monitor_station_get(m, 0);
    assert_int_equal(ms.has_data, 1);
    assert_true(ms.last_data > t0 && ms.last_data <= t_end);
    long total = 0;
    char text[2][MONITOR_PACKET_TEXT];
    assert_int_equal(monitor_packets(m, text, 2, &total), 2);
    assert_true(total > 200);
    assert_non_null(strstr(text[1], "MN=33040001VIEW001"));
    float flow[48];
    assert_int_equal(monitor_series(m, 0, 1, flow, 48), 0);
    int cols = 0;
    for (int b = 0; b < 48; b++)
        cols += !isnan(flow[b]);
    assert_int_equal(cols, 48);
    assert_int_equal(session_finish(a, "ok"), 0);
    session_score sc;
    char err[256] = "";
    assert_int_equal(session_score_file(a, SESSION_TEST_OUT "/stepped/alerts.jsonl", "engine", &sc,
                                        err, sizeof err),
                     0);
    assert_int_equal((int)sc.events, 1);
    session_stats st = session_stats_get(a);
    assert_true(st.records > 0 && st.acked == st.sent);
    assert_int_equal((int)st.truth_events, 1);
    session_close(a);

    session *b = open_scenario(SESSION_TEST_OUT "/advanced");
    for (int64_t t = t0; t < t_end;) {
        t += 30 * 60000LL;
        assert_int_equal(session_advance(b, t, 0), 0);
        assert_int_equal(session_now(b), t);
    }
    while ((rc = session_step(b, t_end, NULL)) > 0) /* the DAU events at the end */
        ;
    assert_int_equal(rc, 0);
    assert_int_equal(session_finish(b, "ok"), 0);
    session_close(b);
    char *la = slurp(SESSION_TEST_OUT "/stepped/hj212.log");
    char *lb = slurp(SESSION_TEST_OUT "/advanced/hj212.log");
    assert_true(strlen(la) > 1000);
    assert_string_equal(la, lb);
    free(la);
    free(lb);
    la = slurp(SESSION_TEST_OUT "/stepped/truth.json");
    lb = slurp(SESSION_TEST_OUT "/advanced/truth.json");
    assert_string_equal(la, lb);
    free(la);
    free(lb);
    la = slurp(SESSION_TEST_OUT "/stepped/report.json");
    assert_non_null(strstr(la, "\"status\":\t\"ok\""));
    free(la);
}

static int count_rows(sqlite3 *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* The platform follows records.jsonl as the scenario appends to it, all the run long: the
 * work order and both lab results are in its store. */
static void test_session_records(void **state)
{
    (void)state;
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.scenario = HJ_SRC "/tests/scen/records.lua";
    sc.out_dir = SESSION_TEST_OUT "/records";
    sc.detect = 1;
    char err[512] = "";
    session *ss = session_open(&sc, NULL, err, sizeof err);
    assert_non_null(ss);
    assert_int_equal(session_start(ss, NULL, err, sizeof err), 0);
    int rc = 0;
    while ((rc = session_step(ss, session_t_end(ss), NULL)) > 0)
        ;
    assert_int_equal(rc, 0);
    assert_int_equal(session_finish(ss, "ok"), 0);
    assert_int_equal((int)session_stats_get(ss).om_records, 4);
    session_close(ss);
    sqlite3 *db = NULL;
    assert_int_equal(
        sqlite3_open_v2(SESSION_TEST_OUT "/records/platform.db", &db, SQLITE_OPEN_READONLY, NULL),
        SQLITE_OK);
    assert_true(count_rows(db, "work_orders") >= 1);
    assert_int_equal(count_rows(db, "lab_results"), 2);
    sqlite3_close(db);
}

/* A bad scenario fails session_open, saying where. */
static void test_session_bad(void **state)
{
    (void)state;
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.scenario = SESSION_TEST_OUT "/no-such-file.lua";
    sc.out_dir = SESSION_TEST_OUT "/bad";
    char err[512] = "";
    session_fail why = SESSION_FAIL_NONE;
    assert_null(session_open(&sc, &why, err, sizeof err));
    assert_int_equal(why, SESSION_FAIL_SCENARIO);
    assert_non_null(strstr(err, "no-such-file.lua"));
    session_close(NULL);
}

/* Without a scenario: the stations stepped by the caller and served on its thread. */
static void test_session_stations(void **state)
{
    (void)state;
    station_cfg cfgs[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(station_cfg_default(&cfgs[i], 0), 0);
        snprintf(cfgs[i].mn, sizeof cfgs[i].mn, "HJSESSION%07d", i + 1);
    }
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.stations = cfgs;
    sc.n_stations = 2;
    sc.seed = 1;
    sc.t0 = T0;
    char err[256] = "";
    session *ss = session_open(&sc, NULL, err, sizeof err);
    assert_non_null(ss);
    assert_int_equal(session_start(ss, NULL, err, sizeof err), 0);
    assert_int_equal(session_t_end(ss), INT64_MAX);
    assert_int_equal(session_advance(ss, T0 + 3600000LL, 0), 0);
    assert_int_equal(session_now(ss), T0 + 3600000LL);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(station_time(session_station(ss, i)), T0 + 3600000LL);
        assert_true(session_modbus_port(ss, i) > 0);
    }
    assert_true(session_serve(ss, 0) >= 0);
    assert_null(session_monitor(ss));
    assert_int_equal(session_platform_port(ss), 0);
    assert_int_equal(session_finish(ss, "ok"), 0);
    session_close(ss);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monitor_batches),  cmocka_unit_test(test_monitor_alerts),
        cmocka_unit_test(test_session_scenario), cmocka_unit_test(test_session_records),
        cmocka_unit_test(test_session_bad),      cmocka_unit_test(test_session_stations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
