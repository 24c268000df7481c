/*
 * test_report_html.c — the report of a run without its picture (sim/session/report.h):
 * the layout of a loaded out folder and report.html, in a build with or without the view.
 * The pixels of report.png are checked by tests/view/ (test_view_report*).
 *
 * data/run1 (HJ_SUITE_DATA): run 2022-02-08 00:00 .. 2022-02-09 00:00 (+08:00), one station
 * with COD and flow every 10 min, event 10:00-14:00, alert a1 yellow 11:00 then red 12:00,
 * a2 yellow 20:00 (a false alarm); COD limit 200 in report.json.
 * data/report (HJ_VIEW_REPORT_DATA): the same day, alerts with evidence in both languages
 * and work orders in records.jsonl (tests/view/test_view_report.c describes it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0   1644249600000LL /* 2022-02-08T00:00:00+08:00 */
#define HOUR 3600000LL

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    assert_non_null(a);
    assert_non_null(b);
    char buf[8192];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, a)) > 0)
        assert_int_equal(fwrite(buf, 1, n, b), n);
    fclose(a);
    assert_int_equal(fclose(b), 0);
}

/* A temporary out folder with the given files of the folder from. */
static void make_dir(char *dir, const char *from, const char *const *files)
{
    strcpy(dir, "/tmp/hj_report_html_XXXXXX");
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; files[i]; i++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", from, files[i]);
        snprintf(b, sizeof b, "%s/%s", dir, files[i]);
        copy_file(a, b);
    }
}

static void remove_dir(const char *dir)
{
    static const char *const all[] = {"truth.json",    "series.csv",  "alerts.jsonl",
                                      "records.jsonl", "report.json", "report.html"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, all[i]);
        unlink(p);
    }
    assert_int_equal(rmdir(dir), 0); /* nothing else was written (no report.png) */
}

static const char *read_html(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/report.html", dir);
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* report_load + report_write_html into dir; the HTML read back. */
static const char *write_html(const char *dir, const char *lang, int with_png)
{
    char err[512] = "";
    report *r = report_load(dir, err, sizeof err);
    if (!r) fail_msg("report_load: %s", err);
    assert_int_equal(report_write_html(r, dir, lang, with_png, err, sizeof err), 0);
    report_free(r);
    return read_html(dir);
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static const char *const RUN1[] = {"truth.json", "series.csv", "alerts.jsonl", "report.json", NULL};

static void test_geometry(void **state)
{
    (void)state;
    char dir[64], err[512] = "";
    make_dir(dir, HJ_SUITE_DATA "/run1", RUN1);
    report *r = report_load(dir, err, sizeof err);
    assert_non_null(r);
    /* title 118 + station header 30 + 2 panels (COD, flow) x 200 + gap 12 + footer 12 */
    assert_int_equal(report_height(r), 572);
    /* plot 130..1550 (1420 px) over 24 h */
    assert_int_equal(report_time_x(r, T0), 130);
    assert_int_equal(report_time_x(r, T0 + 10 * HOUR), 721);
    assert_int_equal(report_time_x(r, T0 + 12 * HOUR), 840);
    assert_int_equal(report_time_x(r, T0 + 24 * HOUR), 1549);
    assert_int_equal(report_panel_top(r, 0, "w01018"), 148);
    assert_int_equal(report_panel_top(r, 0, "w00000"), 348);
    assert_int_equal(report_panel_top(r, 0, "w21003"), -1); /* no NH3-N in series.csv */
    /* COD axis: max(160, limit 200) x 1.08 -> step 100, 0..300 over y 318..174 */
    assert_int_equal(report_value_y(r, 0, "w01018", 0), 318);
    assert_int_equal(report_value_y(r, 0, "w01018", 300), 174);
    assert_int_equal(report_value_y(r, 0, "w01018", 200), 222);
    /* what the drawing reads */
    assert_int_equal(report_nstations(r), 1);
    assert_int_equal(report_ndrawn(r), 1);
    assert_string_equal(report_seed(r), "7");
    const report_station *s = report_station_at(r, 0);
    assert_non_null(s);
    assert_string_equal(s->mn, "33040001DYE0001");
    assert_true(s->limit[REPORT_COD] == 200);
    assert_non_null(s->s[REPORT_COD].cols);
    assert_null(s->s[REPORT_NH3N].cols);
    assert_null(report_station_at(r, 1));
    assert_string_equal(report_code(REPORT_COD)->code, "w01018");
    assert_int_equal(score_alerts_count(report_alerts(r)), 3); /* raises, not alerts */
    assert_true(report_alert_start(r, 0) == T0 + 10 * HOUR);
    assert_true(report_alert_start(r, 2) == INT64_MIN); /* a2 has no start */
    report_free(r);
    remove_dir(dir);
}

/* The score line and the picture: shown with the view, left out without it. */
static void test_html_png(void **state)
{
    (void)state;
    char dir[64];
    make_dir(dir, HJ_SUITE_DATA "/run1", RUN1);
    const char *html = write_html(dir, "en", 1);
    assert_non_null(strstr(html, "<img src=\"report.png\""));
    assert_non_null(strstr(html, "report unit test"));
    assert_non_null(strstr(html, "TTD 60"));
    assert_non_null(strstr(html, "NAB 94.0"));
    html = write_html(dir, "en", 0);
    assert_null(strstr(html, "<img"));
    assert_non_null(strstr(html, "<p>report.png is not drawn: this hjrange is built without the "
                                 "view (HJ_HEADLESS)</p>"));
    assert_non_null(strstr(html, "NAB 94.0"));
    html = write_html(dir, "zh", 0);
    assert_non_null(strstr(html, "lang=\"zh-CN\""));
    assert_non_null(strstr(html, "真值事件"));
    assert_non_null(strstr(html, "未绘制 report.png"));
    remove_dir(dir);
}

/* Without alerts.jsonl and report.json: still a score (0 alerts). */
static void test_no_alerts(void **state)
{
    (void)state;
    static const char *const files[] = {"truth.json", "series.csv", NULL};
    char dir[64];
    make_dir(dir, HJ_SUITE_DATA "/run1", files);
    assert_non_null(strstr(write_html(dir, "en", 0), "NAB 0.0"));
    remove_dir(dir);
}

/* A bad alerts line: without alerts and without a score; no truth: an error. */
static void test_bad_input(void **state)
{
    (void)state;
    static const char *const files[] = {"truth.json", "series.csv", NULL};
    char dir[64], err[512] = "";
    make_dir(dir, HJ_SUITE_DATA "/run1", files);
    char p[512];
    snprintf(p, sizeof p, "%s/alerts.jsonl", dir);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs("{\"id\": \"x\", \"mn\": \"33040001DYE0001\", \"time\": \"yesterday\"}\n", f);
    fclose(f);
    assert_non_null(strstr(write_html(dir, "en", 0), "no score: alerts.jsonl unreadable"));
    snprintf(p, sizeof p, "%s/truth.json", dir);
    unlink(p);
    assert_null(report_load(dir, err, sizeof err));
    assert_non_null(strstr(err, "truth.json"));
    remove_dir(dir);
}

static const char *const REPORT[] = {"truth.json",    "series.csv",  "alerts.jsonl",
                                     "records.jsonl", "report.json", NULL};

/* The row of one alert (up to its </tr>), copied to buf. */
static const char *alert_row(const char *html, const char *id, char *buf, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, "<tr id=\"alert-%s\"", id);
    const char *a = strstr(html, key);
    assert_non_null(a);
    const char *b = strstr(a, "</tr>");
    assert_non_null(b);
    snprintf(buf, n, "%.*s", (int)(b - a), a);
    return buf;
}

/* report.html: one row per alert id (not per raise): its highest level (the last raise of
 * it), when it was first raised, its evidence lines, and the work orders of its station
 * within 2 h of its window (records.jsonl). */
static void test_html_alerts(void **state)
{
    (void)state;
    char dir[64], row[8192];
    make_dir(dir, HJ_VIEW_REPORT_DATA, REPORT);
    const char *html = write_html(dir, "en", 1);
    assert_int_equal(count(html, "<tr id=\"alert-"), 2);
    assert_non_null(strstr(html, "alerts (2)"));
    alert_row(html, "a1", row, sizeof row);
    printf("%s\n", row);
    assert_non_null(strstr(row, "class=\"red\""));
    assert_null(strstr(row, "yellow"));
    assert_non_null(strstr(row, "2022-02-08 11:05")); /* first raised */
    assert_non_null(strstr(row, "2022-02-08 12:10")); /* its last raise */
    assert_non_null(strstr(row, "sample cup injection"));
    assert_int_equal(count(row, "<li>"), 3 + 1); /* 3 evidence lines, 1 work order */
    assert_non_null(strstr(row, "COD back to 150 mg/L at 12:00"));
    assert_non_null(strstr(row, "door opened 10:32 card 0031"));
    assert_non_null(strstr(row, "calibration"));
    assert_non_null(strstr(row, "运维 张工"));
    assert_null(strstr(row, "运维 王工")); /* 03:00, far from 10:00-12:00 */
    assert_null(strstr(row, "运维 李工")); /* another station */
    alert_row(html, "a2", row, sizeof row);
    assert_non_null(strstr(row, "class=\"yellow\""));
    assert_non_null(strstr(row, "COD unchanged for 3 h"));
    assert_non_null(strstr(row, "运维 赵工"));
    assert_non_null(strstr(row, "unknown"));
    /* the truth table names the type too */
    assert_int_equal(count(html, "sample cup injection"), 2);
    remove_dir(dir);
}

/* The same in Chinese: type names, levels, evidence and headings in Chinese. */
static void test_html_zh(void **state)
{
    (void)state;
    char dir[64], row[8192];
    make_dir(dir, HJ_VIEW_REPORT_DATA, REPORT);
    const char *html = write_html(dir, "zh", 1);
    assert_non_null(strstr(html, "lang=\"zh-CN\""));
    assert_int_equal(count(html, "样品杯注水"), 2);
    assert_null(strstr(html, "sample_cup_injection"));
    alert_row(html, "a1", row, sizeof row);
    assert_non_null(strstr(row, "红色"));
    assert_non_null(strstr(row, "COD 于 12:00 回升至 150 mg/L"));
    assert_null(strstr(row, "COD back to"));
    assert_non_null(strstr(row, "校准")); /* the work order's task */
    alert_row(html, "a2", row, sizeof row);
    assert_non_null(strstr(row, "黄色"));
    assert_non_null(strstr(row, "未知类型"));
    assert_null(strstr(html, ">red<"));
    assert_null(strstr(html, ">yellow<"));
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry),    cmocka_unit_test(test_html_png),
        cmocka_unit_test(test_no_alerts),   cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_html_alerts), cmocka_unit_test(test_html_zh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
