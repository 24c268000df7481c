/*
 * test_view_report.c — report.png and report.html of a hand-made out folder
 * (tests/view/data/report): a run 2022-02-08 00:00 .. 2022-02-09 00:00 (+08:00), one
 * station; COD polled from 00:00 but measured first at 01:00 (the DAU holds the register's
 * 0 before, fresh 0), then hourly, 150 mg/L, 40 during 11:00-11:59; flow every 10 min.
 */
#include "report.h"

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
    static const char *const files[] = {"truth.json", "series.csv", "alerts.jsonl",
                                        "records.jsonl", "report.json"};
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
    assert_int_equal(report_render(r, dir, "en", err, sizeof err), 0);
    report_free(r);
    SDL_Surface *s = load_png(dir);
    int before = count_in_plot(s, top, xa, xb, REPORT_C_REPORTED);
    int true_before = count_in_plot(s, top, xa, xb, REPORT_C_TRUE);
    int after = count_in_plot(s, top, xc, xd, REPORT_C_REPORTED);
    printf("reported pixels 00:02-00:55 %d (true %d), 02:00-09:00 %d; y(0)=%d y(150)=%d\n",
           before, true_before, after, y0, y150);
    assert_int_equal(before, 0);
    assert_true(true_before > 0);
    assert_true(after > (xd - xc)); /* the 150 line, 2 px thick */
    assert_true(is_rgb(s, (xc + xd) / 2, y150, REPORT_C_REPORTED));
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_value_before_first),
    };
    if (getenv("VIEW_TEST")) cmocka_set_test_filter(getenv("VIEW_TEST")); /* one test by name */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
