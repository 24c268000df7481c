/*
 * test_range.c — the range engine with an in-process platform, over real Modbus/TCP and
 * HJ 212 sockets: a 3-station day passes the independent checker (--strict) and is stored
 * exactly; hourly/daily content against the polled values (series.csv); the M flag; loads;
 * 3020 on a parameter change; the filter knob; byte-identical logs from two runs; i13006
 * only with a calibration's date.
 */
#include "daut.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HOUR 3600000LL
#define MIN  60000LL

static const char *const KEY = "0123456789ABCDEF0123456789ABCDEF";

static range *make_range(const char *dir, station_cfg *sc, int n, const char *const *keys,
                         const char *registry)
{
    static char db[300];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = sc;
    rc.n_stations = (size_t)n;
    rc.seed = 7;
    rc.t0 = DAUT_T0;
    rc.out_dir = dir;
    rc.in_process_platform = 1;
    rc.platform_db = db;
    rc.platform_stations = registry;
    rc.sm4_keys = keys;
    char err[256] = "";
    range *r = range_new(&rc, err, sizeof err);
    if (!r) fprintf(stderr, "range_new: %s\n", err);
    assert_non_null(r);
    return r;
}

static void write_registry(const char *path, station_cfg *sc, int n, const char *const *keys)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s{\"mn\": \"%s\", \"pw\": \"%s\", \"protocol\": %d%s%s%s}", i ? "," : "",
                sc[i].mn, sc[i].pw, sc[i].protocol, keys && keys[i] ? ", \"key\": \"" : "",
                keys && keys[i] ? keys[i] : "", keys && keys[i] ? "\"" : "");
    fputs("]\n", f);
    fclose(f);
}

/* The frame of the log with this CN, MN and DataTime; NULL when absent. malloc'd. */
static char *find_record(const char *log, int cn, const char *mn, const char *dt)
{
    char pc[32], pm[64], pd[64];
    snprintf(pc, sizeof pc, ";CN=%d;", cn);
    snprintf(pm, sizeof pm, ";MN=%s;", mn);
    snprintf(pd, sizeof pd, "DataTime=%s", dt);
    for (const char *l = log; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        char *line = strndup(l, len);
        if (strstr(line, pc) && strstr(line, pm) && strstr(line, pd)) return line;
        free(line);
        l += len;
    }
    return NULL;
}

static double fnum(const char *frame, const char *key)
{
    char v[64];
    if (daut_field(frame, key, v, sizeof v) != 0) fail_msg("no %s in %s", key, frame);
    return atof(v);
}

/* Mean/min/max of series.csv rows (code, mn) in [t_from, t_to) local "HH:MM" of 2022-02-08,
 * only fresh rows, only flags in `flags`. */
typedef struct sstat {
    double sum, min, max;
    int n;
} sstat;

static sstat series_stat(const char *csv, const char *mn, const char *code, int h_from, int h_to,
                         const char *flags)
{
    sstat s = {0, 1e300, -1e300, 0};
    char pat[64];
    snprintf(pat, sizeof pat, ",%s,%s,", mn, code);
    for (const char *l = csv; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)len, l);
        l += len;
        if (!strstr(line, pat) || strncmp(line, "2022-02-08T", 11) != 0) continue;
        int hh = atoi(line + 11);
        if (hh < h_from || hh >= h_to) continue;
        char *p = strstr(line, pat) + strlen(pat);
        double truth = strtod(p, &p);
        (void)truth;
        double rep = strtod(p + 1, &p);
        char flag = p[1];
        int fresh = atoi(p + 3);
        if (!fresh || !strchr(flags, flag)) continue;
        s.sum += rep;
        s.n++;
        if (rep < s.min) s.min = rep;
        if (rep > s.max) s.max = rep;
    }
    return s;
}

static void test_day_strict(void **state)
{
    (void)state;
    const char *dir = daut_dir("day");
    station_cfg sc[3];
    for (int i = 0; i < 3; i++)
        daut_station(&sc[i], i);
    const char *keys[3] = {NULL, NULL, NULL};
    char reg[300];
    snprintf(reg, sizeof reg, "%s/stations.json", dir);
    write_registry(reg, sc, 3, keys);
    range *r = make_range(dir, sc, 3, keys, reg);
    assert_int_equal(range_run_until(r, DAUT_T0 + 24 * HOUR), 0);
    range_stats s = range_stats_get(r);
    for (int i = 0; i < 3; i++) {
        dau_stats ds = dau_stats_get(range_dau(r, i));
        if (ds.acked != ds.records)
            fprintf(stderr,
                    "%s: records %llu sent %llu acked %llu resends %llu refused %llu "
                    "queued %llu connects %llu rejected %llu\n",
                    sc[i].mn, (unsigned long long)ds.records, (unsigned long long)ds.sent,
                    (unsigned long long)ds.acked, (unsigned long long)ds.resends,
                    (unsigned long long)ds.refused, (unsigned long long)ds.queued,
                    (unsigned long long)ds.connects, (unsigned long long)ds.rejected);
    }
    range_free(r);
    assert_int_equal(s.polls, 3 * 1441);
    assert_int_equal(s.modbus_errors, 0);
    assert_int_equal(s.acked, s.records);
    assert_int_equal(s.queued, 0);
    assert_int_equal(s.resends, 0);

    char path[300], cmd[800], *out = NULL;
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s --strict %s 2>&1", HJ_CHECK, path);
    int rc = daut_run(cmd, &out);
    char want[64];
    snprintf(want, sizeof want, "%llu passed, 0 failed", (unsigned long long)s.records);
    if (rc != 0 || !strstr(out, want)) fail_msg("hj212check: %s", out);
    free(out);

    char *log = daut_slurp(path, NULL);
    assert_non_null(log);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(daut_count_cn(log, 2011, sc[i].mn), 1441);
        assert_int_equal(daut_count_cn(log, 2051, sc[i].mn), 144);
        assert_int_equal(daut_count_cn(log, 2061, sc[i].mn), 24);
        assert_int_equal(daut_count_cn(log, 2031, sc[i].mn), 1);
        assert_true(daut_count_cn(log, 3020, sc[i].mn) >= 3); /* the start-up parameters */
    }
    /* the 2025 station's frames carry the 2025 version bits; the TOC analyzer adds w01020 */
    char *rt = find_record(log, 2011, sc[1].mn, "20220208120000");
    assert_non_null(rt);
    assert_non_null(strstr(rt, ";Flag=9;"));
    assert_non_null(strstr(rt, "w01020-Rtd="));
    assert_non_null(strstr(rt, "w21001-Rtd=")); /* municipal: TN fitted */
    free(rt);

    /* every record stored once by the platform */
    char db[300];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets"), (long long)s.records);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2061"), 72);

    /* daily record: flow volume = sum of the hours, load = sum of hourly loads, mean =
     * flow-weighted (load / volume) */
    for (int i = 0; i < 3; i++) {
        char *day = find_record(log, 2031, sc[i].mn, "20220208000000");
        assert_non_null(day);
        double vsum = 0, csum = 0, wsum = 0;
        for (int h = 0; h < 24; h++) {
            char dt[32];
            snprintf(dt, sizeof dt, "202202080%d0000", 0);
            snprintf(dt, sizeof dt, "20220208%02d0000", h);
            char *hr = find_record(log, 2061, sc[i].mn, dt);
            assert_non_null(hr);
            double v = fnum(hr, "w00000-Cou");
            vsum += v;
            csum += fnum(hr, "w01018-Cou");
            wsum += fnum(hr, "w01018-Avg") * v;
            free(hr);
        }
        assert_true(fabs(fnum(day, "w00000-Cou") - vsum) < 0.001 * 24);
        assert_true(fabs(fnum(day, "w01018-Cou") - csum) < 0.0001 * 24 + 1e-9);
        double avg = fnum(day, "w01018-Avg");
        assert_true(fabs(avg - wsum / vsum) < 0.01);
        assert_true(fabs(fnum(day, "w01018-Cou") - avg * fnum(day, "w00000-Cou") / 1000) <
                    0.002 * fnum(day, "w01018-Cou") + 0.001);
        free(day);
    }
    free(log);
}

static double clamp_nh3n(void *ctx, const char *code, double v)
{
    (void)code;
    (void)ctx;
    return v > 1.0 ? 1.0 : v;
}

static void test_content(void **state)
{
    (void)state;
    const char *dir = daut_dir("content");
    station_cfg sc[1];
    daut_station(&sc[0], 0);
    range *r = make_range(dir, sc, 1, NULL, NULL);
    dau *d = range_dau(r, 0);
    assert_int_equal(dau_filter(d, "w21003", clamp_nh3n, NULL), 0);
    assert_int_equal(dau_filter(d, "x99999", clamp_nh3n, NULL), -1);
    assert_int_equal(range_run_until(r, DAUT_T0 + HOUR + 10 * MIN - 1), 0);
    assert_int_equal(dau_flag(d, "w01001", 'M'), 0);
    assert_int_equal(dau_flag(d, "w01001", 'X'), -1);
    assert_int_equal(range_run_until(r, DAUT_T0 + HOUR + 20 * MIN), 0); /* polls 01:10..01:20 */
    assert_int_equal(dau_flag(d, "w01001", 0), 0);
    assert_int_equal(range_run_until(r, DAUT_T0 + HOUR + 30 * MIN + 1), 0);
    range_lock(r);
    assert_int_equal(station_analyzer_set(range_station(r, 0), "cod", "slope", 0.8), 0);
    range_unlock(r);
    assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR + 1), 0);
    range_free(r);

    char path[300];
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log = daut_slurp(path, NULL);
    snprintf(path, sizeof path, "%s/series.csv", dir);
    char *csv = daut_slurp(path, NULL);
    assert_non_null(log);
    assert_non_null(csv);
    const char *mn = sc[0].mn;
    char *h1 = find_record(log, 2061, mn, "20220208010000");
    assert_non_null(h1);

    /* pH: 60 polls in the hour, 11 flagged M and excluded; the hour takes the flag M */
    sstat all = series_stat(csv, mn, "w01001", 1, 2, "NMCDFBTS");
    sstat ok = series_stat(csv, mn, "w01001", 1, 2, "NTS");
    sstat m = series_stat(csv, mn, "w01001", 1, 2, "M");
    assert_int_equal(all.n, 60);
    assert_int_equal(m.n, 11);
    assert_int_equal(ok.n, 49);
    assert_true(fabs(fnum(h1, "w01001-Avg") - ok.sum / ok.n) <= 0.005 + 1e-9);
    assert_true(fabs(fnum(h1, "w01001-Min") - ok.min) <= 0.005 + 1e-9);
    assert_true(fabs(fnum(h1, "w01001-Max") - ok.max) <= 0.005 + 1e-9);
    char f[8];
    assert_int_equal(daut_field(h1, "w01001-Flag", f, sizeof f), 0);
    assert_string_equal(f, "M");
    assert_int_equal(daut_field(h1, "w00000-Flag", f, sizeof f), 0);
    assert_string_equal(f, "N");

    /* flow: mean of the 60 polled values; COD: the measurement(s) published in the hour;
     * load in kg = Avg mg/L x volume m3 / 1000 */
    sstat fl = series_stat(csv, mn, "w00000", 1, 2, "N");
    assert_int_equal(fl.n, 60);
    assert_true(fabs(fnum(h1, "w00000-Avg") - fl.sum / fl.n) <= 0.0005 + 1e-9);
    double vol = fnum(h1, "w00000-Cou");
    assert_true(fabs(vol - fl.sum / fl.n * 3.6) < 0.02 * vol); /* totalizer vs mean x 1 h */
    sstat cod = series_stat(csv, mn, "w01018", 1, 2, "NT");
    assert_true(cod.n >= 1);
    double cavg = fnum(h1, "w01018-Avg");
    assert_true(fabs(cavg - cod.sum / cod.n) <= 0.005 + 1e-9);
    assert_true(fabs(fnum(h1, "w01018-Cou") - cavg * vol / 1000.0) <=
                0.005 * vol / 1000.0 + 0.0001);
    assert_true(cavg > 50); /* a dyeing plant's effluent, not zero */

    /* the filter knob: NH3-N reported through min(v, 1) everywhere */
    assert_true(fnum(h1, "w21003-Max") <= 1.0);
    char *rt = find_record(log, 2011, mn, "20220208015000");
    assert_non_null(rt);
    assert_true(fnum(rt, "w21003-Rtd") <= 1.0);
    assert_non_null(strstr(rt, "w01018-SampleTime=20220208"));
    free(rt);

    /* the slope change at 01:30 -> 3020 at the next poll (01:31) with i13008 and a log */
    char *p3 = find_record(log, 3020, mn, "20220208013100");
    assert_non_null(p3);
    assert_non_null(strstr(p3, "PolId=w01018"));
    assert_true(fabs(fnum(p3, "i13008-Info") - 0.8) < 1e-9);
    assert_non_null(strstr(p3, "i11001-Info=//slope 1->0.8//"));
    free(p3);
    free(h1);
    free(log);
    free(csv);
}

/* Every line of the log with this CN and MN, counted; those containing `what` in k. */
static int count_with(const char *log, int cn, const char *mn, const char *what, int *k)
{
    char pc[32], pm[64];
    snprintf(pc, sizeof pc, ";CN=%d;", cn);
    snprintf(pm, sizeof pm, ";MN=%s;", mn);
    int n = 0;
    *k = 0;
    for (const char *l = log; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        char *line = strndup(l, len);
        if (strstr(line, pc) && strstr(line, pm)) {
            n++;
            if (strstr(line, what)) ++*k;
        }
        free(line);
        l += len;
    }
    return n;
}

/* i13006 (calibration time, YYYYMMDDhhmmss in the standard's table): analyzers never
 * calibrated send 3020 without it (it was "0", which a parser following the table
 * refuses); after a calibration it carries the calibration's date. The whole log passes
 * the independent checker, which checks the field formats of the table. */
static void test_calibration_time(void **state)
{
    (void)state;
    const char *dir = daut_dir("caltime");
    station_cfg sc[1];
    daut_station(&sc[0], 0);
    range *r = make_range(dir, sc, 1, NULL, NULL);
    /* from 01:00, at the first minute the analyzer is not busy measuring */
    int busy = -1;
    for (int m = 0; m < 60 && busy != 0; m++) {
        assert_int_equal(range_run_until(r, DAUT_T0 + HOUR + m * MIN), 0);
        range_lock(r);
        busy = station_analyzer_command(range_station(r, 0), "cod", "calibrate");
        range_unlock(r);
    }
    assert_int_equal(busy, 0);
    assert_int_equal(range_run_until(r, DAUT_T0 + 4 * HOUR), 0);
    range_free(r);

    char path[300], cmd[800], *out = NULL;
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log = daut_slurp(path, NULL);
    assert_non_null(log);
    const char *mn = sc[0].mn;
    /* start-up: every analyzer's parameters, none calibrated yet: no i13006 */
    char *p0 = find_record(log, 3020, mn, "20220208000000");
    assert_non_null(p0);
    assert_non_null(strstr(p0, "i13008-Info="));
    assert_null(strstr(p0, "i13006"));
    free(p0);
    int k = 0;
    assert_true(count_with(log, 3020, mn, "i13006-Info=0;", &k) >= 3);
    assert_int_equal(k, 0);
    assert_null(strstr(log, "i13006-Info=0&&"));
    /* the calibration: a 3020 of w01018 with its date, on the day and after 01:00 */
    count_with(log, 3020, mn, "i13006-Info=20220208", &k);
    assert_true(k >= 1);
    const char *c = strstr(log, "i13006-Info=20220208");
    assert_true(strncmp(c + 20, "01", 2) >= 0 && strncmp(c + 20, "04", 2) < 0);

    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s --strict %s 2>&1", HJ_CHECK, path);
    int rc = daut_run(cmd, &out);
    if (rc != 0 || !strstr(out, " 0 failed")) fail_msg("hj212check: %s", out);
    free(out);
    free(log);
}

static void test_determinism(void **state)
{
    (void)state;
    char *logs[2], *series[2];
    size_t ln[2], sn[2];
    for (int k = 0; k < 2; k++) {
        const char *dir = daut_dir(k ? "det1" : "det0");
        station_cfg sc[2];
        for (int i = 0; i < 2; i++)
            daut_station(&sc[i], i);
        range *r = make_range(dir, sc, 2, NULL, NULL);
        /* a knob call at the same virtual time in both runs */
        assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR), 0);
        range_lock(r);
        station_plant_bypass(range_station(r, 0), 20.0);
        range_unlock(r);
        assert_int_equal(range_run_until(r, DAUT_T0 + 6 * HOUR), 0);
        range_free(r);
        char path[300];
        snprintf(path, sizeof path, "%s/hj212.log", dir);
        logs[k] = daut_slurp(path, &ln[k]);
        snprintf(path, sizeof path, "%s/series.csv", dir);
        series[k] = daut_slurp(path, &sn[k]);
        assert_non_null(logs[k]);
        assert_non_null(series[k]);
    }
    assert_true(ln[0] > 100000);
    assert_int_equal(ln[0], ln[1]);
    assert_memory_equal(logs[0], logs[1], ln[0]);
    assert_int_equal(sn[0], sn[1]);
    assert_memory_equal(series[0], series[1], sn[0]);
    for (int k = 0; k < 2; k++) {
        free(logs[k]);
        free(series[k]);
    }
}

/* Paced at 12000x real time: the same records as a fast run, and it takes the time. */
static void test_paced(void **state)
{
    (void)state;
    char *logs[2];
    size_t ln[2];
    double ms = 0;
    for (int k = 0; k < 2; k++) {
        const char *dir = daut_dir(k ? "paced1" : "paced0");
        station_cfg sc[1];
        daut_station(&sc[0], 2);
        range *r = make_range(dir, sc, 1, NULL, NULL);
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        if (k)
            assert_int_equal(range_run_paced(r, DAUT_T0 + 20 * MIN, 12000.0), 0);
        else
            assert_int_equal(range_run_until(r, DAUT_T0 + 20 * MIN), 0);
        clock_gettime(CLOCK_MONOTONIC, &b);
        ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        assert_int_equal(range_now(r), DAUT_T0 + 20 * MIN);
        range_free(r);
        char path[300];
        snprintf(path, sizeof path, "%s/hj212.log", dir);
        logs[k] = daut_slurp(path, &ln[k]);
        assert_non_null(logs[k]);
    }
    assert_true(ms >= 95.0); /* 1200 s virtual / 12000 = 100 ms */
    assert_true(ln[0] > 5000);
    assert_int_equal(ln[0], ln[1]);
    assert_memory_equal(logs[0], logs[1], ln[0]);
    free(logs[0]);
    free(logs[1]);
}

/* HJ 212-2025 with SM4: the CP goes encrypted, the platform decrypts with the registry's
 * key and stores every record; heartbeats (9015) are answered. Six hours: long enough to
 * meet frames whose CRC over the ciphertext equals the plaintext CRC (about 1 in 256),
 * which the decoder must still refuse as encrypted, not as a corrupted length. */
static void test_sm4(void **state)
{
    (void)state;
    const char *dir = daut_dir("sm4");
    station_cfg sc[2];
    daut_station(&sc[0], 1);
    daut_station(&sc[1], 0);
    const char *keys[2] = {KEY, NULL};
    char reg[300];
    snprintf(reg, sizeof reg, "%s/stations.json", dir);
    write_registry(reg, sc, 2, keys);
    range *r = make_range(dir, sc, 2, keys, reg);
    assert_int_equal(range_run_until(r, DAUT_T0 + 6 * 60 * MIN), 0);
    dau_stats d0 = dau_stats_get(range_dau(r, 0));
    range_free(r);
    assert_true(d0.records > 60);
    assert_int_equal(d0.acked, d0.records);
    assert_int_equal(d0.rejected, 0);
    char db[300], q[200];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    snprintf(q, sizeof q, "SELECT count(*) FROM packets WHERE mn='%s'", sc[0].mn);
    assert_int_equal(daut_sql_int(db, q), (long long)d0.records);
    /* stored as received: ciphertext, so no plaintext field in the raw frame */
    snprintf(q, sizeof q, "SELECT count(*) FROM packets WHERE mn='%s' AND raw LIKE '%%w00000%%'",
             sc[0].mn);
    assert_int_equal(daut_sql_int(db, q), 0);
    /* but decrypted into readings */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM readings WHERE mn='%s' AND cn=2011 AND "
             "code='w00000' AND field='Rtd'",
             sc[0].mn);
    assert_int_equal(daut_sql_int(db, q), 361); /* 00:00 .. 06:00 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content),    cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_day_strict), cmocka_unit_test(test_sm4),
        cmocka_unit_test(test_paced),      cmocka_unit_test(test_calibration_time),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (failed == 0) daut_cleanup(); /* kept for a look when something failed */
    return failed;
}
