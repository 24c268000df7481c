/*
 * cmd-view.c — `hjrange view SCENARIO.lua`: the SDL2 training range (view.h, view-sdl.h).
 *
 * Threading model: the main thread runs the SDL loop, the view core and its session (the
 * session's net and platform threads are its own, session.h). Headless modes (--at with
 * --screenshot, --bench-frames) draw into an off-screen surface or a window and exit.
 */
#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "view-sdl.h"
#include "view.h"

#include <errno.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct view_args {
    view_opts o;
    const char *at, *shot, *screen;
    int bench;
} view_args;

static int parse_args(int argc, char **argv, view_args *a)
{
    memset(a, 0, sizeof *a);
    a->o.lang = i18n_get();
    a->o.out_dir = "out/view";
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *k = cmd_opt_name(argv[i], name, sizeof name);
        if (k[0] != '-') {
            if (a->o.scenario) return cmd_usage_error(MSG_BAD_VALUE, k);
            a->o.scenario = k;
            continue;
        }
        const char *val = cmd_opt_value(argc, argv, &i);
        if (!val) return cmd_usage_error(MSG_MISSING_ARG, k);
        char *end = NULL;
        if (strcmp(k, "--role") == 0) {
            if (strcmp(val, "trainee") == 0)
                a->o.role = VIEW_TRAINEE;
            else if (strcmp(val, "instructor") == 0)
                a->o.role = VIEW_INSTRUCTOR;
            else
                return cmd_bad_choice(k, val, "trainee|instructor");
        } else if (strcmp(k, "--out") == 0) {
            if (!val[0] || strlen(val) > 900) return cmd_bad_value(k, val, i18n(MSG_OPT_PATH));
            a->o.out_dir = val;
        } else if (strcmp(k, "--lib") == 0) {
            a->o.lib_dir = val;
        } else if (strcmp(k, "--speed") == 0) {
            a->o.speed = strtod(val, &end);
            if (end == val || *end || !(a->o.speed > 0 && a->o.speed <= 1e6))
                return cmd_bad_number(k, val, "(0, 1e6]");
        } else if (strcmp(k, "--seed") == 0) {
            errno = 0;
            unsigned long long s = strtoull(val, &end, 10);
            if (errno || end == val || *end || val[0] == '-' || s > (unsigned long long)INT64_MAX)
                return cmd_bad_int(k, val, 0, INT64_MAX);
            a->o.seed = s;
            a->o.seed_set = 1;
        } else if (strcmp(k, "--at") == 0) {
            int64_t t = 0; /* the form now; the time once the scenario's start is known */
            if (clock_parse_time(val, 0, &t) != 0) return cmd_bad_form(k, val, MSG_OPT_FORMS_TIME);
            a->at = val;
        } else if (strcmp(k, "--screenshot") == 0) {
            a->shot = val;
        } else if (strcmp(k, "--screen") == 0) {
            if (strcmp(val, "platform") && strcmp(val, "room") && strcmp(val, "camera"))
                return cmd_bad_choice(k, val, "platform|room|camera");
            a->screen = val;
        } else if (strcmp(k, "--bench-frames") == 0) {
            long n = strtol(val, &end, 10);
            if (end == val || *end || n < 1 || n > 100000) return cmd_bad_int(k, val, 1, 100000);
            a->bench = (int)n;
        } else {
            return cmd_usage_error(MSG_UNKNOWN_OPT, k);
        }
    }
    if (!a->o.scenario) return cmd_usage_error(MSG_VW_NEEDS_FILE, NULL);
    if (a->shot && !a->at) return cmd_usage_error(MSG_VW_SHOT_NEEDS_AT, NULL);
    return 0;
}

int cmd_view(int argc, char **argv)
{
    view_args a;
    int urc = parse_args(argc, argv, &a);
    if (urc) return urc;
    signal(SIGPIPE, SIG_IGN);
    char err[1024] = "";
    int headless = a.shot != NULL || a.bench > 0;
    /* before the drill starts (and a new drill clears DIR): a window nobody sees would run
     * until killed */
    char driver[64] = "";
    if (!headless && !view_sdl_can_show(driver, sizeof driver)) {
        fprintf(stderr, "hjrange: %s (%s: %s)\nhjrange: %s\n", i18n(MSG_VW_NO_DISPLAY),
                i18n(MSG_VW_VIDEO_DRIVER), driver[0] ? driver : "-", i18n(MSG_VW_NO_DISPLAY_HINT));
        return 1;
    }
    view *v = view_new(&a.o, err, sizeof err);
    if (!v) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_VW_FAIL), err);
        return 1;
    }
    int rc = 0;
    if (a.at) {
        int64_t t = 0;
        if (view_parse_time(v, a.at, &t) != 0) {
            view_free(v);
            return cmd_bad_form("--at", a.at, MSG_OPT_FORMS_TIME);
        }
        if (view_run_to(v, t) != 0) {
            fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_VW_FAIL), view_errmsg(v));
            rc = 1;
        }
    }
    if (a.screen) {
        int s = strcmp(a.screen, "room") == 0     ? VIEW_SCREEN_ROOM
                : strcmp(a.screen, "camera") == 0 ? VIEW_SCREEN_CAMERA
                                                  : VIEW_SCREEN_PLATFORM;
        view_do(v, VIEW_A_SCREEN, s);
    }
    /* a window when there is a display; the headless modes fall back to a surface */
    view_sdl *d = rc ? NULL : view_sdl_new(!a.shot, err, sizeof err);
    if (!d && !rc && headless && !a.shot) d = view_sdl_new(0, err, sizeof err);
    if (!d && !rc) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_VW_FAIL), err);
        rc = 1;
    }
    if (!rc && a.shot) {
        view_sdl_draw(d, v);
        if (view_sdl_save_png(d, a.shot, err, sizeof err) != 0) {
            fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_VW_FAIL), err);
            rc = 1;
        } else {
            printf("%s: %s\n", i18n(MSG_VW_SHOT_SAVED), a.shot);
        }
    }
    if (!rc && a.bench > 0) {
        view_sdl_bench_result br;
        view_sdl_bench(d, v, a.bench, &br);
        printf("%s: %d frames, mean %.2f ms (draw %.2f ms, present %.2f ms), max %.2f ms, "
               "%.0f fps%s\n",
               i18n(MSG_VW_BENCH), a.bench, br.frame_ms, br.draw_ms, br.frame_ms - br.draw_ms,
               br.max_ms, br.frame_ms > 0 ? 1000.0 / br.frame_ms : 0.0,
               br.windowed ? "" : " (off-screen)");
    }
    if (!rc && !headless && view_sdl_run(d, v) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_VW_FAIL), view_errmsg(v));
        rc = 1;
    }
    view_sdl_free(d);
    view_free(v);
    return rc;
}
