/*
 * test_view_png.c — `hjrange view --at T --screenshot F` under Xvfb (xvfb-run), in
 * English and Chinese, for the platform screen, the station room and the camera feeds;
 * checks the pixels: the red station marker where the engine raised a red alert, the
 * chart line, the packet console, CJK glyphs, a covered camera dark grey, a powered-off
 * one black, a turned camera's red cone; a CEMS room and the gas charts. Also runs the
 * frame-time bench.
 */
#include <SDL.h>
#include <SDL_image.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

static void shot(const char *scenario, const char *lang, const char *t, const char *screen,
                 const char *png)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s && xvfb-run -a %s --lang %s view %s --out %s/run-%s-%s --at %s "
             "--screen %s --screenshot %s/%s > /dev/null",
             VIEW_TEST_OUT, HJRANGE_BIN, lang, scenario, VIEW_TEST_OUT, lang, screen, t, screen,
             VIEW_TEST_OUT, png);
    int rc = system(cmd);
    if (rc != 0) fprintf(stderr, "failed (%d): %s\n", rc, cmd);
    assert_int_equal(rc, 0);
}

static SDL_Surface *load(const char *png)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", VIEW_TEST_OUT, png);
    SDL_Surface *s = IMG_Load(path);
    assert_non_null(s);
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s);
    assert_non_null(c);
    assert_int_equal(c->w, 1600);
    assert_int_equal(c->h, 900);
    return c;
}

static void px(const SDL_Surface *s, int x, int y, int *r, int *g, int *b)
{
    Uint32 p = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
    *r = (int)((p >> 16) & 255);
    *g = (int)((p >> 8) & 255);
    *b = (int)(p & 255);
}

/* Pixels of a rectangle within tol of a colour. */
static long count_rgb(const SDL_Surface *s, int x0, int y0, int w, int h, int R, int G, int B,
                      int tol)
{
    long n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            int r, g, b;
            px(s, x, y, &r, &g, &b);
            if (abs(r - R) <= tol && abs(g - G) <= tol && abs(b - B) <= tol) n++;
        }
    return n;
}

/* Pixels whose brightest channel is at most max (dark) or at least min (bright). */
static long count_max(const SDL_Surface *s, int x0, int y0, int w, int h, int lo, int hi)
{
    long n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            int r, g, b;
            px(s, x, y, &r, &g, &b);
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
            if (mx >= lo && mx <= hi) n++;
        }
    return n;
}

static void test_platform(void **state)
{
    (void)state;
    const char *demo = HJ_SRC "/scenarios/demo.lua";
    shot(demo, "en", "12:00", "platform", "platform-en.png");
    shot(demo, "zh", "12:00", "platform", "platform-zh.png");
    SDL_Surface *en = load("platform-en.png"), *zh = load("platform-zh.png");
    /* the station marker: red, the engine raised a red alert at 11:05 */
    long red = count_rgb(en, 14, 94, 24, 24, 228, 62, 56, 20);
    printf("station marker red pixels: %ld\n", red);
    assert_true(red > 150);
    /* the COD line (orange) in the first chart, on the left half only (up to 12:00) */
    long left = count_rgb(en, 372, 80, 400, 230, 250, 150, 60, 30);
    long right = count_rgb(en, 800, 80, 360, 230, 250, 150, 60, 30);
    printf("COD line pixels left/right of now: %ld / %ld\n", left, right);
    assert_true(left > 500);
    assert_true(right < 20);
    /* the packet console: green text lines */
    long pk = count_rgb(en, 320, 780, 850, 105, 56, 190, 92, 60);
    printf("packet console pixels %ld\n", pk);
    assert_true(pk > 2000);
    /* CJK: the first tab reads 监控平台 — glyph pixels, and not the English label */
    long zh_text = count_rgb(zh, 12, 8, 140, 28, 222, 228, 238, 40);
    long en_text = count_rgb(en, 12, 8, 140, 28, 222, 228, 238, 40);
    long diff = 0;
    for (int y = 8; y < 36; y++)
        for (int x = 12; x < 152; x++) {
            int r1, g1, b1, r2, g2, b2;
            px(en, x, y, &r1, &g1, &b1);
            px(zh, x, y, &r2, &g2, &b2);
            if (abs(r1 - r2) + abs(g1 - g2) + abs(b1 - b2) > 60) diff++;
        }
    printf("tab text pixels en %ld zh %ld, differing %ld\n", en_text, zh_text, diff);
    assert_true(zh_text > 60);
    assert_true(diff > 60);
    SDL_FreeSurface(en);
    SDL_FreeSurface(zh);
}

/* Red pixels (limits, their labels) of a row of a chart's plot. */
static int red_row(const SDL_Surface *s, int x0, int x1, int y)
{
    int n = 0;
    for (int x = x0; x < x1; x++) {
        int r, g, b;
        px(s, x, y, &r, &g, &b);
        n += abs(r - 228) < 30 && abs(g - 62) < 30 && abs(b - 56) < 30;
    }
    return n;
}

/* The charts at 23:30: the NH3-N / TP chart has a legend and two limit lines (NH3-N and
 * TP); the conductivity / pH chart is drawn; the COD limit's label is not crossed by the
 * COD line (it sat at the right end, where the trace runs at the limit late in the day). */
static void test_charts(void **state)
{
    (void)state;
    const char *demo = HJ_SRC "/scenarios/demo.lua";
    shot(demo, "en", "23:30", "platform", "charts-en.png");
    SDL_Surface *s = load("charts-en.png");
    /* NH3-N / TP: panel y 284..464, plot x 378..1108 */
    int lines = 0, prev = 0;
    for (int y = 300; y < 440; y++) {
        int dash = red_row(s, 378, 1108, y) > 250; /* a dashed line across the plot */
        if (dash && !prev) lines++;
        prev = dash;
    }
    long nh3n = count_rgb(s, 800, 290, 370, 16, 120, 200, 250, 20);
    long tp = count_rgb(s, 800, 290, 370, 16, 236, 190, 48, 20);
    printf("NH3-N/TP chart: %d limit lines, legend swatches %ld / %ld\n", lines, nh3n, tp);
    assert_int_equal(lines, 2);
    assert_true(nh3n >= 40 && tp >= 40);
    /* conductivity / pH: panel y 602..752 */
    long cond = count_rgb(s, 378, 640, 730, 90, 200, 140, 250, 20);
    long ph = count_rgb(s, 378, 640, 730, 90, 240, 120, 180, 20);
    printf("conductivity / pH pixels %ld / %ld\n", cond, ph);
    assert_true(cond > 800 && ph > 800);
    /* COD: the limit line is the reddest row; red pixels off it are its label */
    int ly = 0, best = 0;
    for (int y = 86; y < 254; y++) {
        int n = red_row(s, 378, 1160, y);
        if (n > best) {
            best = n;
            ly = y;
        }
    }
    int x0 = 1600, x1 = 0, y0 = 900, y1 = 0;
    for (int y = 86; y < 254; y++) {
        if (abs(y - ly) <= 1) continue;
        for (int x = 378; x < 1160; x++) {
            int r, g, b;
            px(s, x, y, &r, &g, &b);
            if (abs(r - 228) < 30 && abs(g - 62) < 30 && abs(b - 56) < 30) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
        }
    }
    assert_true(x1 > x0 && y1 > y0);
    long cross = count_rgb(s, x0, y0, x1 - x0 + 1, y1 - y0 + 1, 250, 150, 60, 40);
    printf("COD limit at y %d, label %d,%d .. %d,%d, COD line pixels in it %ld\n", ly, x0, y0, x1,
           y1, cross);
    assert_int_equal(cross, 0);
    SDL_FreeSurface(s);
}

static void test_camera(void **state)
{
    (void)state;
    const char *tamper = HJ_SRC "/tests/view/tamper.lua";
    shot(tamper, "en", "01:00", "camera", "camera-tamper-en.png");
    shot(tamper, "zh", "01:00", "camera", "camera-tamper-zh.png");
    shot(HJ_SRC "/scenarios/demo.lua", "en", "08:00", "camera", "camera-demo-en.png");
    for (int k = 0; k < 2; k++) {
        SDL_Surface *s = load(k ? "camera-tamper-zh.png" : "camera-tamper-en.png");
        const long area = 780L * 440;
        /* station camera covered: dark grey */
        long grey = count_rgb(s, 10, 56, 780, 440, 38, 38, 40, 6);
        /* outfall camera powered off: black */
        long black = count_max(s, 806, 56, 780, 440, 0, 20);
        printf("covered feed grey %.3f, dark feed black %.3f\n", (double)grey / area,
               (double)black / area);
        assert_true(grey > area * 85 / 100);
        assert_true(black > area * 85 / 100);
        SDL_FreeSurface(s);
    }
    SDL_Surface *s = load("camera-demo-en.png");
    long bright = count_max(s, 10, 56, 780, 440, 120, 255);
    long dark = count_max(s, 10, 56, 780, 440, 0, 50);
    assert_true(bright > 780L * 440 / 2); /* a lit room, the analyzer rack */
    assert_true(dark < 780L * 440 / 10);
    /* the rack holds what the station has: COD, NH3-N, TP (no TN): 3 cabinets across the
     * middle of the feed (it drew 4) */
    int cabinets = 0, in = 0;
    for (int x = 10; x < 790; x++) {
        int r, g, b;
        px(s, x, 56 + 260, &r, &g, &b);
        int cab = abs(r - 220) < 6 && abs(g - 222) < 6 && abs(b - 216) < 6;
        if (cab && !in) cabinets++;
        in = cab;
    }
    printf("analyzer cabinets in the station camera's feed: %d\n", cabinets);
    assert_int_equal(cabinets, 3);
    SDL_FreeSurface(s);
}

static void test_room(void **state)
{
    (void)state;
    const char *demo = HJ_SRC "/scenarios/demo.lua";
    shot(demo, "en", "22:00", "room", "room-en.png");
    shot(demo, "zh", "22:00", "room", "room-zh.png");
    shot(demo, "en", "20:00", "room", "room-before-en.png");
    shot(demo, "en", "12:00", "room", "room-noon-en.png");
    SDL_Surface *s = load("room-en.png"), *b = load("room-before-en.png");
    /* 21:30 the outfall camera was turned 120° off its preset: its cone is drawn red and
     * points up-left (where the on-preset cone never reaches) */
    long cone = 0, cone0 = 0;
    for (int y = 380; y < 560; y++)
        for (int x = 760; x < 940; x++) {
            int r, g, bb, r0, g0, b0;
            px(s, x, y, &r, &g, &bb);
            px(b, x, y, &r0, &g0, &b0);
            if (r > g + 30 && r > bb + 30) cone++;
            if (r0 > g0 + 30 && r0 > b0 + 30) cone0++;
        }
    printf("red cone pixels turned %ld, on preset %ld\n", cone, cone0);
    assert_true(cone > 3000);
    assert_true(cone0 < 100);
    /* the station camera's field of view lies under the equipment: the sampler (and its
     * label) are not washed over by the cone */
    SDL_Surface *n = load("room-noon-en.png");
    long sampler = count_rgb(n, 502, 134, 106, 86, 44, 52, 68, 3);
    printf("sampler box in its own colour: %.2f\n", sampler / (106.0 * 86));
    assert_true(sampler > 106L * 86 * 85 / 100);
    SDL_FreeSurface(n);
    SDL_FreeSurface(s);
    SDL_FreeSurface(b);
    s = load("room-zh.png");
    assert_true(count_rgb(s, 10, 56, 400, 24, 222, 228, 238, 40) > 100); /* the Chinese title */
    SDL_FreeSurface(s);
}

/* A CEMS (tests/view/gas.lua) in both languages: the platform's SO2 chart with its
 * converted values (orange) under the converted limit (a red dashed line), the flow and
 * O2 chart; the room with the heated line hot at 05:00 and cold at 09:00 (it was switched
 * off at 07:00), the bypass damper's blade red once opened, the Chinese title. */
static void test_gas(void **state)
{
    (void)state;
    const char *gas = HJ_SRC "/tests/view/gas.lua";
    shot(gas, "en", "09:30", "platform", "gas-platform-en.png");
    shot(gas, "zh", "05:00", "room", "gas-room-0500-zh.png");
    shot(gas, "en", "09:00", "room", "gas-room-0900-en.png");
    SDL_Surface *p = load("gas-platform-en.png");
    long so2 = count_rgb(p, 378, 86, 780, 150, 250, 150, 60, 30);
    int dash = 0;
    for (int y = 86; y < 220; y++)
        if (red_row(p, 378, 1160, y) > 250) dash++;
    long flow = count_rgb(p, 378, 480, 730, 110, 110, 220, 170, 20);
    long o2 = count_rgb(p, 378, 480, 730, 110, 240, 120, 180, 20);
    printf("gas platform: SO2 converted pixels %ld, limit rows %d, flow %ld, O2 %ld\n", so2, dash,
           flow, o2);
    assert_true(so2 > 800);
    assert_true(dash >= 1);
    assert_true(flow > 500 && o2 > 500);
    SDL_FreeSurface(p);
    SDL_Surface *hot = load("gas-room-0500-zh.png"), *cold = load("gas-room-0900-en.png");
    /* the heated line's run from the probe (y 430..436, x 340..460) */
    long h_red = 0, h_blue = 0, c_red = 0, c_blue = 0;
    for (int y = 431; y < 436; y++)
        for (int x = 340; x < 460; x++) {
            int r, g, b;
            px(hot, x, y, &r, &g, &b);
            h_red += r > b + 60;
            h_blue += b > r + 60;
            px(cold, x, y, &r, &g, &b);
            c_red += r > b + 60;
            c_blue += b > r + 60;
        }
    printf("heated line at 05:00 red %ld blue %ld; at 09:00 red %ld blue %ld\n", h_red, h_blue,
           c_red, c_blue);
    assert_true(h_red > 500 && h_blue == 0);
    assert_true(c_blue > 500 && c_red == 0);
    /* the damper's blade (duct at x 10..170, y 700..750): red when open (05:00 on) */
    long blade = count_rgb(cold, 60, 700, 60, 50, 228, 62, 56, 20);
    printf("damper blade red pixels %ld\n", blade);
    assert_true(blade > 40);
    assert_true(count_rgb(hot, 10, 56, 400, 24, 222, 228, 238, 40) > 100); /* Chinese title */
    SDL_FreeSurface(hot);
    SDL_FreeSurface(cold);
    /* the cameras: the cabinet inside (a display per extractive analyzer: SO2, NOx, CO),
     * the stack outside with the bypass flue's outlet once its damper opened (05:00) */
    shot(gas, "en", "04:00", "camera", "gas-camera-0400-en.png");
    shot(gas, "en", "06:00", "camera", "gas-camera-0600-en.png");
    SDL_Surface *c4 = load("gas-camera-0400-en.png"), *c6 = load("gas-camera-0600-en.png");
    int displays = 0, in = 0;
    for (int y = 100; y < 400; y++) {
        int r, g, b;
        px(c4, 205, y, &r, &g, &b);
        int disp = abs(r - 30) < 6 && abs(g - 90) < 6 && abs(b - 70) < 6;
        if (disp && !in) displays++;
        in = disp;
    }
    long stack = count_rgb(c4, 806, 56, 780, 440, 170, 170, 165, 4);
    long bypass4 = count_rgb(c4, 806, 56, 780, 440, 110, 105, 100, 4);
    long bypass6 = count_rgb(c6, 806, 56, 780, 440, 110, 105, 100, 4);
    printf("cabinet displays %d, stack pixels %ld, bypass outlet %ld -> %ld\n", displays, stack,
           bypass4, bypass6);
    assert_int_equal(displays, 3);
    assert_true(stack > 10000);
    assert_true(bypass4 == 0 && bypass6 > 500);
    SDL_FreeSurface(c4);
    SDL_FreeSurface(c6);
}

static void test_bench(void **state)
{
    (void)state;
    char cmd[2048];
    /* A real X11 window, leak-checked like the rest (under the sanitizers the modules
     * SDL unloads stay mapped: tests/view/keep_modules.c, CMakeLists.txt) */
    snprintf(cmd, sizeof cmd,
             "xvfb-run -a %s --lang en view %s/scenarios/demo.lua --out %s/bench --at 12:00 "
             "--bench-frames 120",
             HJRANGE_BIN, HJ_SRC, VIEW_TEST_OUT);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512] = "", got[512] = "";
    while (fgets(line, sizeof line, p))
        if (strstr(line, "mean")) snprintf(got, sizeof got, "%s", line);
    assert_int_equal(pclose(p), 0);
    printf("%s", got);
    const char *m = strstr(got, "mean ");
    assert_non_null(m);
    double ms = atof(m + 5);
    assert_true(ms > 0 && ms < 1000);
}

/* Without a display, `hjrange view` (interactive) says so and exits non-zero at once,
 * instead of running in SDL's invisible "offscreen" driver; --screenshot needs no display. */
static void no_display(const char *lang, const char *needle)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 60 %s --lang %s view "
             "%s/scenarios/demo.lua --out %s/nodisp-%s 2>&1",
             HJRANGE_BIN, lang, HJ_SRC, VIEW_TEST_OUT, lang);
    Uint64 t0 = SDL_GetTicks64();
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char out[4096] = "";
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    double s = (double)(SDL_GetTicks64() - t0) / 1000.0;
    printf("[%s] exit %d after %.1f s: %s", lang, WEXITSTATUS(st), s, out);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 1); /* not 124: timeout killed it */
    assert_non_null(strstr(out, needle));
    assert_true(s < 20);
}

static void test_no_display(void **state)
{
    (void)state;
    no_display("en", "no display");
    no_display("zh", "没有显示");
    /* the headless screenshot still works without any display */
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER %s --lang en view "
             "%s/scenarios/demo.lua --out %s/nodisp-shot --at 01:00 --screenshot "
             "%s/nodisp.png > /dev/null",
             HJRANGE_BIN, HJ_SRC, VIEW_TEST_OUT, VIEW_TEST_OUT);
    assert_int_equal(system(cmd), 0);
    SDL_FreeSurface(load("nodisp.png"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_display), cmocka_unit_test(test_platform),
        cmocka_unit_test(test_charts),     cmocka_unit_test(test_camera),
        cmocka_unit_test(test_room),       cmocka_unit_test(test_bench),
        cmocka_unit_test(test_gas),
    };
    if (getenv("VIEW_TEST")) cmocka_set_test_filter(getenv("VIEW_TEST")); /* one test by name */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
