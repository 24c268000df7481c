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

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { RUN_MAX_PLATFORMS = 8, PATH_MAX_RUN = 1024 };
#define RUN_PROGRESS_S 5.0                 /* default of --progress */
#define FAST_SLICE_MS (6 * HJTIME_HOUR_MS) /* --fast: progress and signals this often */

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

/* ---- report.json ---- */

static void iso(int64_t t, char *b, size_t n)
{
    if (hjtime_format_iso(t, b, n) < 0) snprintf(b, n, "?");
}

static int write_report(const char *path, scen *s, range *r, const char *status, const char *error,
                        int64_t reached, double wall, int shard_i, int shard_n)
{
    char a[40], seed[32];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", scen_name(s));
    snprintf(seed, sizeof seed, "%" PRIu64, scen_seed(s));
    cJSON_AddItemToObject(o, "seed", cJSON_CreateRaw(seed));
    iso(scen_start(s), a, sizeof a);
    cJSON_AddStringToObject(o, "start", a);
    iso(scen_end(s), a, sizeof a);
    cJSON_AddStringToObject(o, "end", a);
    iso(reached, a, sizeof a);
    cJSON_AddStringToObject(o, "reached", a);
    cJSON_AddStringToObject(o, "status", status);
    if (error) cJSON_AddStringToObject(o, "error", error);
    if (shard_n > 0) {
        cJSON *sh = cJSON_AddObjectToObject(o, "shard");
        cJSON_AddNumberToObject(sh, "index", shard_i);
        cJSON_AddNumberToObject(sh, "count", shard_n);
        cJSON_AddNumberToObject(sh, "stations_total", (double)scen_station_count(s));
    }
    cJSON *sts = cJSON_AddArrayToObject(o, "stations");
    const station_cfg *cf = scen_stations(s);
    size_t k = 0; /* the station's index in the range */
    for (size_t i = 0; i < scen_station_count(s); i++) {
        if (!scen_station_local(s, i)) continue; /* another shard's */
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "mn", cf[i].mn);
        cJSON_AddStringToObject(x, "name", cf[i].name);
        cJSON_AddNumberToObject(x, "protocol", cf[i].protocol);
        cJSON *lim = cJSON_AddObjectToObject(x, "limits"); /* mg/L, for the report's lines */
        cJSON_AddNumberToObject(lim, "cod", cf[i].limits.cod);
        cJSON_AddNumberToObject(lim, "nh3n", cf[i].limits.nh3n);
        cJSON_AddNumberToObject(lim, "tp", cf[i].limits.tp);
        cJSON_AddNumberToObject(lim, "tn", cf[i].limits.tn);
        if (r) {
            cJSON_AddNumberToObject(x, "modbus_port", range_modbus_port(r, k));
            dau_stats d = dau_stats_get(range_dau(r, k));
            cJSON_AddNumberToObject(x, "records", (double)d.records);
            cJSON_AddNumberToObject(x, "sent", (double)d.sent);
            cJSON_AddNumberToObject(x, "acked", (double)d.acked);
        }
        cJSON_AddItemToArray(sts, x);
        k++;
    }
    if (r) {
        range_stats st = range_stats_get(r);
        cJSON *p = cJSON_AddObjectToObject(o, "packets");
        cJSON_AddNumberToObject(p, "records", (double)st.records);
        cJSON_AddNumberToObject(p, "sent", (double)st.sent);
        cJSON_AddNumberToObject(p, "acked", (double)st.acked);
        cJSON_AddNumberToObject(p, "resends", (double)st.resends);
        cJSON_AddNumberToObject(p, "refused", (double)st.refused);
        cJSON_AddNumberToObject(p, "dropped", (double)st.dropped);
        cJSON_AddNumberToObject(p, "queued", (double)st.queued);
        cJSON_AddNumberToObject(p, "polls", (double)st.polls);
        cJSON_AddNumberToObject(p, "modbus_errors", (double)st.modbus_errors);
        cJSON_AddNumberToObject(o, "range_events", (double)st.events);
    }
    cJSON_AddNumberToObject(o, "events", (double)scen_event_count(s));
    cJSON_AddNumberToObject(o, "records", (double)scen_record_count(s));
    cJSON_AddNumberToObject(o, "wall_s", wall / 1000.0);
    cJSON_AddNumberToObject(o, "speed", wall > 0 ? (double)(reached - scen_start(s)) / wall : 0);
    char *txt = cJSON_Print(o);
    cJSON_Delete(o);
    FILE *f = txt ? fopen(path, "wb") : NULL;
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "%s\n", txt);
        if (fclose(f) != 0) rc = -1;
    }
    cJSON_free(txt);
    return rc;
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

/*
 * Threading model of `hjrange run`.
 *  - The main thread (the "range thread") owns the virtual clock, the scenario's Lua
 *    sandbox and scheduler, the stations' models and the DAUs. It alternates: the range
 *    runs every DAU event strictly before the scenario's next due time T (range_run_until:
 *    stations stepped, DAUs poll over Modbus/TCP and send HJ 212, acks awaited); then the
 *    scenario steps the stations to T and runs its coroutines due at T (scen_run_until),
 *    whose acts reach the stations between range_lock/range_unlock; then the DAU events at
 *    T follow. So at one instant the scenario acts before the DAUs poll, in every mode.
 *    The scenario's st.dau:filter functions run inside dau_run on this same thread, under
 *    the sandbox's budget.
 *  - The range's net thread serves every station's Modbus/TCP endpoint (holding the range
 *    lock while it touches a model); the in-process platform runs in its own thread on
 *    the virtual clock (range.c has the details). Lua never runs on those threads.
 *  - --fast jumps from event to event (the earlier of the scheduler's next time and
 *    range_next_event); --speed N sleeps until the real time of the next event. Nothing
 *    skips the wire in either mode, and the outputs do not depend on the mode.
 *  - SIGINT/SIGTERM only set a flag that the main thread polls between slices.
 */
int cmd_run(int argc, char **argv)
{
    run_opts o;
    int urc = parse_run_args(argc, argv, &o, 0);
    if (urc) return urc;
    signal(SIGPIPE, SIG_IGN);
    if (range_mkdir_p(o.out) != 0) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), o.out, strerror(errno));
        return 1;
    }
    char path[PATH_MAX_RUN + 64], lib[PATH_MAX_RUN];
    run_log lg = {NULL, isatty(2)};
    snprintf(path, sizeof path, "%s/run.log", o.out);
    lg.f = fopen(path, "wb");
    libdir_pick(o.file, o.lib, lib, sizeof lib);
    scen_opts so;
    memset(&so, 0, sizeof so);
    so.lib_dir = lib;
    so.seed_override = o.seed_set;
    so.seed = o.seed;
    so.log = log_line;
    so.log_ctx = &lg;
    so.shard_index = o.shard_i;
    so.shard_count = o.shard_n;
    raise_nofile();
    char err[512] = "";
    scen *s = scen_new(&so, err, sizeof err);
    if (!s) {
        print_load_error(err);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    if (scen_load(s, o.file) != 0) {
        print_load_error(scen_errmsg(s));
        scen_free(s);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    for (size_t i = 0; i < scen_problem_count(s); i++)
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_WARNING), scen_problem(s, i));

    /* the range */
    char db[PATH_MAX_RUN + 64];
    snprintf(db, sizeof db, "%s/platform.db", o.out);
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) { /* a fresh platform every run */
        char p[PATH_MAX_RUN + 80];
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        remove(p);
    }
    /* this shard's stations, in declaration order (all of them without --shard) */
    size_t n_all = scen_station_count(s), n_loc = scen_local_count(s);
    station_cfg *loc = calloc(n_loc ? n_loc : 1, sizeof *loc);
    if (!loc) {
        fprintf(stderr, "hjrange: %s: out of memory\n", i18n(MSG_RUN_RANGE_FAIL));
        scen_free(s);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    for (size_t i = 0, k = 0; i < n_all; i++)
        if (scen_station_local(s, i)) loc[k++] = scen_stations(s)[i];
    if (n_loc == 0) {
        fprintf(stderr, "hjrange: %s: shard %d/%d: no station (the scenario has %zu)\n",
                i18n(MSG_RUN_RANGE_FAIL), o.shard_i, o.shard_n, n_all);
        free(loc);
        scen_free(s);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = loc;
    rc.n_stations = n_loc;
    rc.seed = scen_seed(s);
    rc.t0 = scen_start(s);
    rc.out_dir = o.out;
    rc.modbus_port = o.modbus_port;
    rc.platforms = o.platforms;
    rc.n_platforms = o.nplat;
    rc.in_process_platform = !o.no_detect;
    rc.platform_db = db;
    /* the in-process platform's detection engine writes the alerts; it follows the O&M
     * records feed as the scenario appends to it */
    char alerts_path[1024], records_path[1024];
    snprintf(alerts_path, sizeof alerts_path, "%s/alerts.jsonl", o.out);
    snprintf(records_path, sizeof records_path, "%s/records.jsonl", o.out);
    FILE *af = fopen(alerts_path, "wb");
    if (af) fclose(af);
    if (!o.no_detect) {
        rc.platform_alerts = alerts_path;
        rc.platform_records = records_path;
    }
    range *r = range_new(&rc, err, sizeof err);
    if (!r) {
        free(loc);
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_RANGE_FAIL), err);
        scen_free(s);
        if (lg.f) fclose(lg.f);
        return 1;
    }
    /* cannot fail: the range is built from scen_local_count stations */
    if (scen_attach(s, r) != 0) {
        fprintf(stderr, "hjrange: %s: attach\n", i18n(MSG_RUN_RANGE_FAIL));
        scen_free(s);
        range_free(r);
        free(loc); /* the range may keep pointers into its cfgs */
        if (lg.f) fclose(lg.f);
        return 1;
    }
    snprintf(path, sizeof path, "%s/records.jsonl", o.out);
    int io_fail = scen_records_open(s, path) != 0;
    if (!af) io_fail = 1; /* the alerts file could not be created */
    if (io_fail) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), o.out, strerror(errno));
        scen_free(s);
        range_free(r);
        free(loc); /* the range may keep pointers into its cfgs */
        if (lg.f) fclose(lg.f);
        return 1;
    }
    for (size_t i = 0; i < range_count(r); i++)
        printf("%s %s 127.0.0.1:%d\n", i18n(MSG_RUN_ENDPOINT), station_mn(range_station(r, i)),
               range_modbus_port(r, i));
    if (range_platform_port(r) > 0)
        printf("%s 127.0.0.1:%d\n", i18n(MSG_RUN_PLATFORM), range_platform_port(r));
    fflush(stdout);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    /* the loop: see the threading model above */
    const int64_t t0 = scen_start(s), t_end = scen_end(s);
    int64_t now = t0;
    const char *status = "ok", *error = NULL;
    char errbuf[SCEN_NAME_MAX + 512];
    double real0 = wall_ms(), last_bar = lg.tty ? 0 : real0;
    int exit_code = 0;
    for (;;) {
        if (run_interrupted) {
            status = "interrupted";
            exit_code = 130;
            break;
        }
        int64_t ts = INT64_MAX;
        if (!scen_next_time(s, &ts) || ts > t_end) ts = INT64_MAX;
        int64_t target = ts < t_end ? ts : t_end;
        int64_t stop = target; /* the range runs up to stop (inclusive) in this step */
        int at_scen = ts == target && ts != INT64_MAX;
        if (at_scen) stop = ts - 1;
        if (o.fast) {
            if (stop > now + FAST_SLICE_MS) {
                stop = now + FAST_SLICE_MS;
                at_scen = 0;
            }
        } else {
            int64_t e = range_next_event(r);
            int64_t slice = (int64_t)(o.speed * 250.0) + 1;
            int64_t lim = e > now ? e : now + 1;
            if (now + slice < lim) lim = now + slice;
            if (stop > lim) {
                stop = lim;
                at_scen = 0;
            }
            double due = real0 + (double)(stop - t0) / o.speed;
            double wait = due - wall_ms();
            if (wait > 0) {
                struct timespec sl = {
                    (time_t)(wait / 1000),
                    (long)((wait - 1000.0 * (double)(time_t)(wait / 1000)) * 1e6)};
                nanosleep(&sl, NULL);
            }
        }
        if (stop >= now && range_run_until(r, stop) != 0) {
            snprintf(errbuf, sizeof errbuf, "%s", range_errmsg(r));
            status = "error";
            error = errbuf;
            exit_code = 1;
            break;
        }
        if (stop > now) now = stop;
        if (scen_failed(s)) break;
        if (at_scen) {
            if (o.fast == 0) { /* the scenario's instant comes at its real time too */
                double due = real0 + (double)(ts - t0) / o.speed, wait = due - wall_ms();
                if (wait > 0) {
                    struct timespec sl = {
                        (time_t)(wait / 1000),
                        (long)((wait - 1000.0 * (double)(time_t)(wait / 1000)) * 1e6)};
                    nanosleep(&sl, NULL);
                }
            }
            if (scen_run_until(s, ts) != 0) break;
            now = ts;
        }
        if (lg.tty && wall_ms() - last_bar > 200) {
            last_bar = wall_ms();
            progress(t0, t_end, now, last_bar - real0);
        } else if (!lg.tty && o.progress_s > 0 && now < t_end &&
                   wall_ms() - last_bar >= o.progress_s * 1000.0) {
            last_bar = wall_ms();
            progress_line(t0, t_end, now, last_bar - real0);
        }
        if (now >= t_end && !at_scen) break;
    }
    if (scen_failed(s)) {
        status = "error";
        error = scen_errmsg(s);
        exit_code = 1;
    }
    double wall = wall_ms() - real0;
    if (lg.tty) fputs("\r\033[K", stderr);
    if (error) fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_SCEN_ERROR), error);
    if (exit_code == 130) fprintf(stderr, "hjrange: %s\n", i18n(MSG_RUN_INTERRUPTED));

    /* outputs */
    scen_finish(s, now);
    snprintf(path, sizeof path, "%s/truth.json", o.out);
    int werr = scen_write_truth(s, path) != 0;
    werr |= scen_records_close(s) != 0;
    snprintf(path, sizeof path, "%s/report.json", o.out);
    werr |= write_report(path, s, r, status, error, now, wall, o.shard_i, o.shard_n) != 0;
    if (werr) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), o.out);
        if (exit_code == 0) exit_code = 1;
    }
    range_stats st = range_stats_get(r);
    char a[32], b[32];
    hjtime_format(t0, a, sizeof a);
    hjtime_format(now, b, sizeof b);
    printf("%s \"%s\" seed %" PRIu64 ": %s .. %s, %s %zu\n", i18n(MSG_RUN_SUMMARY_SCEN),
           scen_name(s), scen_seed(s), a, b, i18n(MSG_RUN_SUMMARY_STATIONS), range_count(r));
    printf("%s: %" PRIu64 " / %" PRIu64 " / %" PRIu64 " / %" PRIu64 "\n",
           i18n(MSG_RUN_SUMMARY_PACKETS), st.records, st.sent, st.acked, st.resends);
    printf("%s: %zu / %zu\n", i18n(MSG_RUN_SUMMARY_EVENTS), scen_event_count(s),
           scen_record_count(s));
    printf("%s: %.2f s, %.0fx\n", i18n(MSG_RUN_SUMMARY_TIME), wall / 1000.0,
           wall > 0 ? (double)(now - t0) / wall : 0.0);
    printf("%s: %s\n", i18n(MSG_RUN_SUMMARY_OUT), o.out);
    scen_free(s); /* before the range: it removes its DAU filters */
    range_free(r); /* the platform's last commit: the alerts are complete now */
    free(loc);     /* the range may keep pointers into its cfgs */
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
