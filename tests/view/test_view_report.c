/*
 * test_view_report.c — report.png of a hand-made out folder
 * (tests/view/data/report): a run 2022-02-08 00:00 .. 2022-02-09 00:00 (+08:00), one
 * station; COD polled from 00:00 but measured first at 01:00 (the DAU holds the register's
 * 0 before, fresh 0), then hourly, 150 mg/L, 40 during 11:00-11:59; NH3-N 8 mg/L from 00:30;
 * flow every 10 min. 16:00-17:59 the DAU is off (no rows); from 18:00 the COD analyzer is
 * empty again (0, fresh 0) until 19:00, NH3-N keeps its 8. Alerts a1 (evidence in both
 * languages) and a2, work orders in records.jsonl: for report.html, which
 * tests/suite/test_report_html.c checks.
 */
#include "report-png.h"

#include <SDL.h>
#include <SDL_image.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#define T0   1644249600000LL /* 2022-02-08T00:00:00+08:00 */
#define MIN  60000LL
#define HOUR 3600000LL
#define COD  "w01018"
#define NH3N "w21003"

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

/* VIEW_TEST_OUT/name with the files of data/report. */
static const char *make_dir(const char *name)
{
    static char dir[512];
    static const char *const files[] = {"truth.json", "series.csv", "alerts.jsonl", "records.jsonl",
                                        "report.json"};
    char parent[512];
    snprintf(parent, sizeof parent, "%s", VIEW_TEST_OUT);
    *strrchr(parent, '/') = '\0';
    mkdir(parent, 0777); /* VIEW_TEST_OUT is out/report of the test's folder */
    mkdir(VIEW_TEST_OUT, 0777);
    snprintf(dir, sizeof dir, "%s/%s", VIEW_TEST_OUT, name);
    mkdir(dir, 0777);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char a[1024], b[1024];
        snprintf(a, sizeof a, "%s/%s", VIEW_REPORT_DATA, files[i]);
        snprintf(b, sizeof b, "%s/%s", dir, files[i]);
        copy_file(a, b);
    }
    return dir;
}

static SDL_Surface *load_png(const char *dir)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/report.png", dir);
    SDL_Surface *raw = IMG_Load(p);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    return s;
}

static int is_rgb(const SDL_Surface *s, int x, int y, int r, int g, int b)
{
    const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
    return p[0] == r && p[1] == g && p[2] == b;
}

/* Pixels of colour (r, g, b) in columns [x0, x1) of the plot of a panel. */
static int count_in_plot(const SDL_Surface *s, int top, int x0, int x1, int r, int g, int b)
{
    int n = 0;
    for (int y = top + REPORT_PLOT_TOP; y <= top + REPORT_PLOT_BOT; y++)
        for (int x = x0; x < x1; x++)
            n += is_rgb(s, x, y, r, g, b);
    return n;
}

/* Before its first measurement a parameter has no value: the report draws nothing there
 * (it drew the register's 0 as a line along the bottom), the true value is drawn. */
static void test_no_value_before_first(void **state)
{
    (void)state;
    const char *dir = make_dir("first");
    char err[512] = "";
    report *r = report_load(dir, err, sizeof err);
    assert_non_null(r);
    int top = report_panel_top(r, 0, COD);
    assert_true(top > 0);
    int xa = report_time_x(r, T0 + 2 * MIN), xb = report_time_x(r, T0 + 55 * MIN);
    int xc = report_time_x(r, T0 + 2 * HOUR), xd = report_time_x(r, T0 + 9 * HOUR);
    int y0 = report_value_y(r, 0, COD, 0), y150 = report_value_y(r, 0, COD, 150);
    assert_int_equal(report_png_render(r, dir, "en", err, sizeof err), 0);
    report_free(r);
    SDL_Surface *s = load_png(dir);
    int before = count_in_plot(s, top, xa, xb, REPORT_C_REPORTED);
    int true_before = count_in_plot(s, top, xa, xb, REPORT_C_TRUE);
    int after = count_in_plot(s, top, xc, xd, REPORT_C_REPORTED);
    printf("reported pixels 00:02-00:55 %d (true %d), 02:00-09:00 %d; y(0)=%d y(150)=%d\n", before,
           true_before, after, y0, y150);
    assert_int_equal(before, 0);
    assert_true(true_before > 0);
    assert_true(after > (xd - xc)); /* the 150 line, 2 px thick */
    assert_true(is_rgb(s, (xc + xd) / 2, y150, REPORT_C_REPORTED));
    SDL_FreeSurface(s);
}

/* The truth window's fraud type is named in the station's first panel, in the report's
 * language (the pixels of the label differ between en and zh). */
static void test_png_type_label(void **state)
{
    (void)state;
    SDL_Surface *s[2];
    int x0 = 0, y0 = 0;
    for (int k = 0; k < 2; k++) {
        const char *dir = make_dir(k ? "type-zh" : "type-en");
        char err[512] = "";
        report *r = report_load(dir, err, sizeof err);
        assert_non_null(r);
        x0 = report_time_x(r, T0 + 10 * HOUR + 30 * MIN);
        y0 = report_panel_top(r, 0, COD) + REPORT_PLOT_TOP;
        assert_int_equal(report_png_render(r, dir, k ? "zh" : "en", err, sizeof err), 0);
        report_free(r);
        s[k] = load_png(dir);
    }
    int ink[2] = {0, 0}, diff = 0;
    for (int y = y0; y < y0 + 20; y++)
        for (int x = x0; x < x0 + 120; x++) {
            const Uint8 *p[2];
            for (int k = 0; k < 2; k++) {
                p[k] = (const Uint8 *)s[k]->pixels + y * s[k]->pitch + x * 4;
                if (abs(p[k][0] - 140) < 40 && abs(p[k][1] - 60) < 40 && p[k][2] < 60) ink[k]++;
            }
            if (abs(p[0][0] - p[1][0]) + abs(p[0][1] - p[1][1]) + abs(p[0][2] - p[1][2]) > 60)
                diff++;
        }
    printf("type label ink en %d zh %d, differing %d\n", ink[0], ink[1], diff);
    assert_true(ink[0] > 30);
    assert_true(ink[1] > 30);
    assert_true(diff > 30);
    SDL_FreeSurface(s[0]);
    SDL_FreeSurface(s[1]);
}

/* After an outage (no rows while the DAU was off) the same: an analyzer that restarted
 * empty has no value until it measures (nothing drawn 18:00-18:55), while a value held
 * through the outage is drawn (NH3-N 8 from 18:00); the lines break over the gap. */
static void test_no_value_after_outage(void **state)
{
    (void)state;
    const char *dir = make_dir("outage");
    char err[512] = "";
    report *r = report_load(dir, err, sizeof err);
    assert_non_null(r);
    int cod = report_panel_top(r, 0, COD), nh3n = report_panel_top(r, 0, NH3N);
    assert_true(cod > 0 && nh3n > 0);
    int gap0 = report_time_x(r, T0 + 16 * HOUR + 5 * MIN), gap1 = report_time_x(r, T0 + 18 * HOUR);
    int xa = report_time_x(r, T0 + 18 * HOUR + 2 * MIN),
        xb = report_time_x(r, T0 + 18 * HOUR + 55 * MIN);
    int xc = report_time_x(r, T0 + 19 * HOUR + 10 * MIN), xd = report_time_x(r, T0 + 23 * HOUR);
    assert_int_equal(report_png_render(r, dir, "en", err, sizeof err), 0);
    report_free(r);
    SDL_Surface *s = load_png(dir);
    int cod_gap = count_in_plot(s, cod, gap0, gap1 - 2, REPORT_C_REPORTED);
    int cod_empty = count_in_plot(s, cod, xa, xb, REPORT_C_REPORTED);
    int cod_after = count_in_plot(s, cod, xc, xd, REPORT_C_REPORTED);
    int nh3n_held = count_in_plot(s, nh3n, xa, xb, REPORT_C_REPORTED);
    printf("COD reported pixels: in the outage %d, 18:02-18:55 %d, 19:10-23:00 %d; NH3-N held "
           "18:02-18:55 %d\n",
           cod_gap, cod_empty, cod_after, nh3n_held);
    assert_int_equal(cod_gap, 0);
    assert_int_equal(cod_empty, 0);
    assert_true(cod_after > xd - xc);
    assert_true(nh3n_held >= xb - xa);
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_value_before_first),
        cmocka_unit_test(test_no_value_after_outage),
        cmocka_unit_test(test_png_type_label),
    };
    if (getenv("VIEW_TEST")) cmocka_set_test_filter(getenv("VIEW_TEST")); /* one test by name */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
