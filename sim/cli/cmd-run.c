/*
 * cmd-run.c — `hjrange run SCENARIO.lua` and `hjrange check SCENARIO.lua`.
 */
#include "cmd.h"
#include "i18n.h"
#include "scen.h"
#include "scmsg.h"

#include "hjtime.h"
#include "libdir.h"
#include "range.h"
#include "session.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum { RUN_MAX_PLATFORMS = 8, PATH_MAX_RUN = 1024 };
#define RUN_PROGRESS_S 5.0                  /* default of --progress */
#define FAST_SLICE_MS  (6 * HJTIME_HOUR_MS) /* --fast: progress and signals this often */

static volatile sig_atomic_t run_interrupted;
static void on_signal(int sig)
{
    (void)sig;
    run_interrupted = 1;
}

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- the run log: stdout and OUT/run.log ---- */

typedef struct run_log {
    FILE *f;
    int tty; /* a progress line may stand on stderr */
} run_log;

static void log_line(void *ctx, int64_t t, const char *text)
{
    run_log *lg = ctx;
    char ts[32];
    if (hjtime_format(t, ts, sizeof ts) < 0) snprintf(ts, sizeof ts, "?");
    if (lg->tty) fputs("\r\033[K", stderr);
    printf("[%s] %s\n", ts, text);
    fflush(stdout);
    if (lg->f) fprintf(lg->f, "[%s] %s\n", ts, text);
}

static void progress(int64_t t0, int64_t t1, int64_t now, double real_ms)
{
    double frac = t1 > t0 ? (double)(now - t0) / (double)(t1 - t0) : 1.0;
    if (frac < 0) frac = 0;
    if (frac > 1) frac = 1;
    char bar[31];
    int k = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < k ? '#' : '.';
    bar[30] = '\0';
    char ts[32];
    hjtime_format(now, ts, sizeof ts);
    double speed = real_ms > 0 ? (double)(now - t0) / real_ms : 0;
    fprintf(stderr, "\r\033[K[%s] %3d%%  %s  %.0fx", bar, (int)(frac * 100), ts, speed);
    fflush(stderr);
}

/* Off a terminal (a CI log): one line every --progress seconds, no control characters. */
static void progress_line(int64_t t0, int64_t t1, int64_t now, double real_ms)
{
    double frac = t1 > t0 ? (double)(now - t0) / (double)(t1 - t0) : 1.0;
    if (frac < 0) frac = 0;
    if (frac > 1) frac = 1;
    char ts[32], times[128];
    hjtime_format(now, ts, sizeof ts);
    cmd_progress_times(times, sizeof times, real_ms / 1000.0, frac);
    fprintf(stderr, "hjrange run: %3d%% %s, %s\n", (int)(frac * 100), ts, times);
    fflush(stderr);
}

/* ---- run ---- */

/* A city holds ~5 sockets per station (endpoint, its accepted connection, the DAU's
 * Modbus client, platform links): raise the soft limit on open files to the hard one. */
static void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max) return;
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
}

typedef struct run_opts {
    const char *file, *out, *lib;
    int fast, no_detect, modbus_port, seed_set;
    int shard_i, shard_n; /* --shard I/N; 0/0: all stations */
    double speed;
    double progress_s; /* --progress: seconds between progress lines off a terminal */
    uint64_t seed;
    const char *platforms[RUN_MAX_PLATFORMS];
    size_t nplat;
} run_opts;

static int parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    if (!s[0] || s[0] == '-') return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return -1;
    *out = v;
    return 0;
}

static int parse_run_args(int argc, char **argv, run_opts *o, int check_only)
{
    memset(o, 0, sizeof *o);
    o->out = "out";
    o->speed = 0;
    o->progress_s = RUN_PROGRESS_S;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (o->file) return cmd_usage_error(MSG_BAD_VALUE, a);
            o->file = a;
            continue;
        }
        int flag = strcmp(a, "--fast") == 0 || strcmp(a, "--no-detect") == 0;
        int valued = strcmp(a, "--lib") == 0 || strcmp(a, "--speed") == 0 ||
                     strcmp(a, "--seed") == 0 || strcmp(a, "--out") == 0 ||
                     strcmp(a, "--platform") == 0 || strcmp(a, "--modbus-port") == 0 ||
                     strcmp(a, "--shard") == 0 || strcmp(a, "--progress") == 0;
        if ((!flag && !valued) || (check_only && strcmp(a, "--lib") != 0))
            return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        if (flag) {
            if (cmd_opt_no_value(argv[i])) return 2;
            if (strcmp(a, "--fast") == 0)
                o->fast = 1;
            else
                o->no_detect = 1;
            continue;
        }
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
        if (strcmp(a, "--lib") == 0) {
            o->lib = v;
        } else if (strcmp(a, "--speed") == 0) {
            char *end = NULL;
            double sp = strtod(v, &end);
            if (end == v || *end || !(sp > 0 && sp <= 1e9)) return cmd_bad_number(a, v, "(0, 1e9]");
            o->speed = sp;
        } else if (strcmp(a, "--progress") == 0) {
            char *end = NULL;
            double ps = strtod(v, &end);
            if (end == v || *end || !(ps >= 0 && ps <= 86400))
                return cmd_bad_number(a, v, "[0, 86400]");
            o->progress_s = ps;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_u64(v, &o->seed) < 0 || o->seed > (uint64_t)INT64_MAX)
                return cmd_bad_int(a, v, 0, INT64_MAX);
            o->seed_set = 1;
        } else if (strcmp(a, "--shard") == 0) {
            int si = 0, sn = 0, used = 0;
            if (sscanf(v, "%d/%d%n", &si, &sn, &used) != 2 || v[used] != '\0' || sn < 1 ||
                sn > SCEN_MAX_STATIONS || si < 1 || si > sn) {
                char what[64];
                snprintf(what, sizeof what, "I/N, 1 <= I <= N <= %d", SCEN_MAX_STATIONS);
                return cmd_bad_value(a, v, what);
            }
            o->shard_i = si;
            o->shard_n = sn;
        } else if (strcmp(a, "--out") == 0) {
            if (!v[0] || strlen(v) > 900) return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
            o->out = v;
        } else if (strcmp(a, "--platform") == 0) {
            const char *colon = strrchr(v, ':');
            uint64_t port = 0;
            if (!colon || colon == v || parse_u64(colon + 1, &port) < 0 || port == 0 ||
                port > 65535)
                return cmd_bad_value(a, v, i18n(MSG_OPT_HOSTPORT));
            if (o->nplat >= RUN_MAX_PLATFORMS) return cmd_usage_error(MSG_BAD_VALUE, a);
            o->platforms[o->nplat++] = v;
        } else { /* --modbus-port */
            uint64_t port = 0;
            if (parse_u64(v, &port) < 0 || port > 65535) return cmd_bad_int(a, v, 0, 65535);
            o->modbus_port = (int)port;
        }
    }
    if (!o->file) return cmd_usage_error(MSG_RUN_NEEDS_FILE, NULL);
    if (o->fast && o->speed > 0) return cmd_usage_error(MSG_RUN_FAST_SPEED, NULL);
    if (!o->fast && o->speed <= 0) o->speed = 1;
    return 0;
}

static void print_load_error(const char *msg)
{
    fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_SCEN_ERROR), msg);
}

/* The session of a run: the scenario, this shard's stations, the platform(s), the
 * outputs in o->out, the scenario's log into lg. */
static session_cfg run_session_cfg(const run_opts *o, run_log *lg)
{
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.scenario = o->file;
    sc.lib_dir = o->lib;
    sc.seed_set = o->seed_set;
    sc.seed = o->seed;
    sc.shard_index = o->shard_i;
    sc.shard_count = o->shard_n;
    sc.log = log_line;
    sc.log_ctx = lg;
    sc.out_dir = o->out;
    sc.modbus_port = o->modbus_port;
    sc.platforms = o->platforms;
    sc.n_platforms = o->nplat;
    sc.detect = !o->no_detect;
    sc.report = 1;
    sc.one_thread = o->fast; /* nothing between the steps needs the wire's other ends */
    return sc;
}

/* A failed session_open or session_start, as run has always said it. */
static void print_start_error(session_fail why, const char *err)
{
    if (why == SESSION_FAIL_SCENARIO)
        print_load_error(err);
    else
        fprintf(stderr, "hjrange: %s: %s\n",
                i18n(why == SESSION_FAIL_OUTPUT ? MSG_RUN_OUT_FAIL : MSG_RUN_RANGE_FAIL), err);
}

/* The endpoints as they listen. */
static void print_endpoints(session *ss)
{
    for (size_t i = 0; i < session_station_count(ss); i++)
        printf("%s %s 127.0.0.1:%d\n", i18n(MSG_RUN_ENDPOINT), station_mn(session_station(ss, i)),
               session_modbus_port(ss, i));
    if (session_platform_port(ss) > 0)
        printf("%s 127.0.0.1:%d\n", i18n(MSG_RUN_PLATFORM), session_platform_port(ss));
    fflush(stdout);
}

/* The loop of the threading model below: steps to the end, with the progress bar (or
 * lines) and the signal flag looked at between steps. The exit status; *status for
 * report.json. */
static int run_loop(session *ss, const run_opts *o, const run_log *lg, const char **status)
{
    session_pace pace = {o->fast ? 0 : o->speed, FAST_SLICE_MS};
    const int64_t t0 = session_t0(ss), t_end = session_t_end(ss);
    double real0 = wall_ms(), last_bar = lg->tty ? 0 : real0;
    for (;;) {
        if (run_interrupted) {
            *status = "interrupted";
            return 130;
        }
        int rc = session_step(ss, t_end, &pace);
        if (rc < 0) {
            *status = "error";
            return 1;
        }
        int64_t now = session_now(ss);
        if (lg->tty && wall_ms() - last_bar > 200) {
            last_bar = wall_ms();
            progress(t0, t_end, now, last_bar - real0);
        } else if (!lg->tty && o->progress_s > 0 && now < t_end &&
                   wall_ms() - last_bar >= o->progress_s * 1000.0) {
            last_bar = wall_ms();
            progress_line(t0, t_end, now, last_bar - real0);
        }
        if (rc == 0) return 0;
    }
}

/* The run in a few lines on stdout. */
static void print_summary(const session *ss, const char *out)
{
    session_stats st = session_stats_get(ss);
    char a[32], b[32];
    hjtime_format(session_t0(ss), a, sizeof a);
    hjtime_format(session_now(ss), b, sizeof b);
    printf("%s \"%s\" seed %" PRIu64 ": %s .. %s, %s %zu\n", i18n(MSG_RUN_SUMMARY_SCEN),
           session_name(ss), session_seed(ss), a, b, i18n(MSG_RUN_SUMMARY_STATIONS),
           session_station_count(ss));
    printf("%s: %" PRIu64 " / %" PRIu64 " / %" PRIu64 " / %" PRIu64 "\n",
           i18n(MSG_RUN_SUMMARY_PACKETS), st.records, st.sent, st.acked, st.resends);
    printf("%s: %zu / %zu\n", i18n(MSG_RUN_SUMMARY_EVENTS), st.truth_events, st.om_records);
    printf("%s: %.2f s, %.0fx\n", i18n(MSG_RUN_SUMMARY_TIME), st.wall_ms / 1000.0,
           st.wall_ms > 0 ? (double)(session_now(ss) - session_t0(ss)) / st.wall_ms : 0.0);
    printf("%s: %s\n", i18n(MSG_RUN_SUMMARY_OUT), out);
}

/*
 * Threading model of `hjrange run`: the session's (session.h). The main thread owns the
 * session — the virtual clock, the scenario's Lua sandbox and scheduler, the stations'
 * models and the DAUs — and steps it to the scenario's end; the range's net thread serves
 * the endpoints and the in-process platform runs in its own thread (range.c), except with
 * --fast, where the main thread serves both itself (session_cfg.one_thread: no thread
 * hand-off per Modbus or HJ 212 round trip). Lua never runs on those threads.
 *  - --fast jumps from event to event (at most FAST_SLICE_MS of virtual time a step);
 *    --speed N sleeps until the real time of the next event. Nothing skips the wire in
 *    either mode, and the outputs do not depend on the mode.
 *  - SIGINT/SIGTERM only set a flag that the main thread polls between steps.
 */
int cmd_run(int argc, char **argv)
{
    run_opts o;
    int urc = parse_run_args(argc, argv, &o, 0);
    if (urc) return urc;
    signal(SIGPIPE, SIG_IGN);
    if (range_mkdir_p(o.out) != 0) { /* run.log goes there before the scenario loads */
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), o.out, strerror(errno));
        return 1;
    }
    char path[PATH_MAX_RUN + 64], err[512] = "";
    run_log lg = {NULL, isatty(2)};
    snprintf(path, sizeof path, "%s/run.log", o.out);
    lg.f = fopen(path, "wb");
    raise_nofile();
    session_cfg sc = run_session_cfg(&o, &lg);
    session_fail why = SESSION_FAIL_NONE;
    session *ss = session_open(&sc, &why, err, sizeof err);
    for (size_t i = 0; ss && i < session_problem_count(ss); i++)
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_WARNING), session_problem(ss, i));
    if (!ss || session_start(ss, &why, err, sizeof err) != 0) {
        print_start_error(why, err);
        session_close(ss);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    print_endpoints(ss);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    const char *status = "ok";
    int exit_code = run_loop(ss, &o, &lg, &status);
    if (lg.tty) fputs("\r\033[K", stderr);
    if (exit_code == 1)
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_SCEN_ERROR), session_errmsg(ss));
    if (exit_code == 130) fprintf(stderr, "hjrange: %s\n", i18n(MSG_RUN_INTERRUPTED));
    if (session_finish(ss, status) != 0) { /* truth.json, records.jsonl, report.json */
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), o.out);
        if (exit_code == 0) exit_code = 1;
    }
    print_summary(ss, o.out);
    session_close(ss); /* the platform's last commit: the alerts are complete now */
    char rerr[256] = "";
    if (cmd_write_report(o.out, rerr, sizeof rerr) < 0) {
        fprintf(stderr, "hjrange: report.png: %s\n", rerr);
        if (exit_code == 0) exit_code = 1;
    }
    if (lg.f) fclose(lg.f);
    return exit_code;
}

/* ---- check ---- */

static void check_log(void *ctx, int64_t t, const char *text)
{
    (void)ctx; /* the scenario's log lines are the run's business; its problems are listed */
    (void)t;
    (void)text;
}

/* One problem of check on stderr: the prefix of run ("hjrange: scenario error: " or
 * "hjrange: warning: "), the virtual time when it was found during time, the text, and
 * how often it came when more than once. */
static void print_problem(const scen *s, size_t i)
{
    const char *text = scen_problem(s, i);
    int64_t t0 = scen_problem_time(s, i, 0), t1 = scen_problem_time(s, i, 1);
    unsigned n = scen_problem_repeats(s, i);
    char ts[32] = "";
    fprintf(stderr, "hjrange: %s: ",
            i18n(scen_problem_is_error(s, i) ? MSG_RUN_SCEN_ERROR : MSG_RUN_WARNING));
    if (t0 != INT64_MIN && hjtime_format(t0, ts, sizeof ts) >= 0) fprintf(stderr, "[%s] ", ts);
    /* the first line, then the repeats, then the traceback (if any) */
    const char *nl = strchr(text, '\n');
    fprintf(stderr, "%.*s", nl ? (int)(nl - text) : (int)strlen(text), text);
    if (n > 1) {
        char cnt[SCMSG_NUM], last[32] = "?", buf[160];
        if (t1 != INT64_MIN) hjtime_format(t1, last, sizeof last);
        SCMSG(buf, sizeof buf, MSG_CHECK_REPEATS, scmsg_int(cnt, n), last);
        fprintf(stderr, " %s", buf);
    }
    fprintf(stderr, "%s\n", nl ? nl : "");
}

/*
 * `hjrange check`: the file's top level, then its whole timeline against the stations as
 * models (scen_attach_models: the physics and the instruments stepped on virtual time, no
 * Modbus endpoint, no DAU socket, no platform), every task and act applied to them. Errors
 * are what stops a run (or would when reached); warnings what a run goes on after, though
 * something the scenario asks for does not happen. Exit 1 when there is an error.
 */
int cmd_check(int argc, char **argv)
{
    run_opts o;
    int urc = parse_run_args(argc, argv, &o, 1);
    if (urc) return urc;
    char lib[PATH_MAX_RUN], err[512] = "";
    libdir_pick(o.file, o.lib, lib, sizeof lib);
    scen_opts so;
    memset(&so, 0, sizeof so);
    so.lib_dir = lib;
    so.log = check_log;
    scen *s = scen_new(&so, err, sizeof err);
    if (!s) {
        print_load_error(err);
        return 1;
    }
    if (scen_load(s, o.file) != 0) {
        print_load_error(scen_errmsg(s));
        printf("%s: 1 %s\n", o.file, i18n(MSG_CHECK_ERRORS));
        scen_free(s);
        return 1;
    }
    size_t tasks = scen_pending(s); /* what the top level scheduled */
    if (scen_attach_models(s) != 0) {
        print_load_error(scen_errmsg(s));
        printf("%s: 1 %s\n", o.file, i18n(MSG_CHECK_ERRORS));
        scen_free(s);
        return 1;
    }
    scen_check_run(s);
    size_t ne = scen_error_count(s), nw = scen_warning_count(s);
    for (size_t i = 0; i < scen_problem_count(s); i++)
        print_problem(s, i);
    if (ne) {
        printf("%s: %zu %s, %zu %s\n", o.file, ne, i18n(MSG_CHECK_ERRORS), nw,
               i18n(MSG_CHECK_WARNINGS));
        scen_free(s);
        return 1;
    }
    char a[32], b[32];
    hjtime_format(scen_start(s), a, sizeof a);
    hjtime_format(scen_end(s), b, sizeof b);
    printf("%s: %s: \"%s\" %s .. %s, %s %zu:", o.file, i18n(MSG_CHECK_OK), scen_name(s), a, b,
           i18n(MSG_RUN_SUMMARY_STATIONS), scen_station_count(s));
    for (size_t i = 0; i < scen_station_count(s); i++)
        printf(" %s", scen_stations(s)[i].mn);
    printf(", %s %zu", i18n(MSG_CHECK_TASKS), tasks);
    if (nw) printf(", %zu %s", nw, i18n(MSG_CHECK_WARNINGS));
    printf("\n");
    scen_free(s);
    return 0;
}
