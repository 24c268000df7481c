/*
 * test_view_report_run1.c — report.png of a hand-made out folder (tests/suite/data/run1):
 * size, and the colours of chosen pixels (truth window, alert markers, limit, reported
 * line), read back from the PNG. Its geometry and report.html without the picture:
 * tests/suite/test_report_html.c. Layout of data/run1: run 2022-02-08 00:00 .. 2022-02-09
 * 00:00 (+08:00), one station with COD and flow every 10 min, event 10:00-14:00, alert a1
 * yellow 11:00 then red 12:00, a2 yellow 20:00 (a false alarm); COD limit 200 in
 * report.json.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report-png.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef HJ_SUITE_DATA
#define HJ_SUITE_DATA "tests/suite/data"
#endif

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

/* A temporary out folder with the given files of data/run1. */
static void make_dir(char *dir, const char *const *files)
{
    strcpy(dir, "/tmp/hj_report_XXXXXX");
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; files[i]; i++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/run1/%s", HJ_SUITE_DATA, files[i]);
        snprintf(b, sizeof b, "%s/%s", dir, files[i]);
        copy_file(a, b);
    }
}

static void remove_dir(const char *dir)
{
    static const char *const all[] = {"truth.json",  "series.csv", "alerts.jsonl",
                                      "report.json", "report.png", "report.html"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, all[i]);
        unlink(p);
    }
    rmdir(dir);
}

static SDL_Surface *load_png(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/report.png", dir);
    SDL_Surface *raw = IMG_Load(p);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    return s;
}

static void assert_pixel(SDL_Surface *s, int x, int y, int r, int g, int b)
{
    const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
    if (p[0] != r || p[1] != g || p[2] != b)
        fail_msg("pixel (%d,%d) is (%d,%d,%d), expected (%d,%d,%d)", x, y, p[0], p[1], p[2], r, g,
                 b);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static const char *const ALL[] = {"truth.json", "series.csv", "alerts.jsonl", "report.json", NULL};

static void check_pixels(const char *lang)
{
    char dir[64], err[512] = "";
    make_dir(dir, ALL);
    assert_int_equal(report_png_render_dir(dir, lang, err, sizeof err), 0);
    SDL_Surface *s = load_png(dir);
    assert_int_equal(s->w, REPORT_WIDTH);
    assert_int_equal(s->h, 572);
    assert_pixel(s, 800, 315, REPORT_C_WINDOW);   /* COD panel, inside 10:00-14:00, low */
    assert_pixel(s, 800, 515, REPORT_C_WINDOW);   /* flow panel */
    assert_pixel(s, 650, 315, 255, 255, 255);     /* before the window: white */
    assert_pixel(s, 840, 156, REPORT_C_RED);      /* a1 red at 12:00, marker in the strip */
    assert_pixel(s, 780, 156, REPORT_C_YELLOW);   /* a1 yellow at 11:00 */
    assert_pixel(s, 1313, 156, REPORT_C_YELLOW);  /* a2 yellow at 20:00 */
    assert_pixel(s, 1000, 156, 255, 255, 255);    /* no alert at 15:00 */
    assert_pixel(s, 132, 222, REPORT_C_LIMIT);    /* first dash of the limit at 200 */
    assert_pixel(s, 400, 246, REPORT_C_REPORTED); /* COD reported 150 before the event */
    assert_pixel(s, 800, 299, REPORT_C_REPORTED); /* and 40 during it */
    SDL_FreeSurface(s);
    char p[512];
    snprintf(p, sizeof p, "%s/report.html", dir);
    const char *html = read_all(p);
    assert_non_null(strstr(html, "<img src=\"report.png\""));
    assert_non_null(strstr(html, "report unit test"));
    assert_non_null(strstr(html, "TTD 60"));
    assert_non_null(strstr(html, "NAB 94.0"));
    remove_dir(dir);
}

static void test_pixels_en(void **state)
{
    (void)state;
    check_pixels("en");
}

static void test_pixels_zh(void **state)
{
    (void)state;
    check_pixels("zh");
    char dir[64], err[512] = "";
    make_dir(dir, ALL);
    assert_int_equal(report_png_render_dir(dir, "zh", err, sizeof err), 0);
    char p[512];
    snprintf(p, sizeof p, "%s/report.html", dir);
    const char *html = read_all(p);
    assert_non_null(strstr(html, "lang=\"zh-CN\""));
    assert_non_null(strstr(html, "真值事件"));
    remove_dir(dir);
}

/* Without alerts.jsonl and report.json: no markers, no limit, still a score (0 alerts). */
static void test_no_alerts(void **state)
{
    (void)state;
    static const char *const files[] = {"truth.json", "series.csv", NULL};
    char dir[64], err[512] = "";
    make_dir(dir, files);
    assert_int_equal(report_png_render_dir(dir, "en", err, sizeof err), 0);
    SDL_Surface *s = load_png(dir);
    assert_int_equal(s->h, 572);
    assert_pixel(s, 840, 156, 255, 255, 255);
    assert_pixel(s, 800, 315, REPORT_C_WINDOW);
    SDL_FreeSurface(s);
    char p[512];
    snprintf(p, sizeof p, "%s/report.html", dir);
    assert_non_null(strstr(read_all(p), "NAB 0.0"));
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pixels_en),
        cmocka_unit_test(test_pixels_zh),
        cmocka_unit_test(test_no_alerts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
