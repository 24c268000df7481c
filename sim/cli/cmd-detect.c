/*
 * cmd-detect.c — `hjrange detect` (the platform as a server) and `hjrange db dump`.
 *
 * Threading model: one thread. The pipeline (detect/detect.h: the platform, which owns every
 * socket and the database, and the detection engine it pushes to) is driven from here:
 * this file only parses options, installs SIGINT/SIGTERM handlers that set a flag, and
 * calls platform_poll_once until the flag is set, then frees the pipeline (the platform
 * commits and closes). Nothing else runs concurrently.
 */
#include "cmd.h"
#include "detect.h"
#include "i18n.h"
#include "platform.h"
#include "records.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile sig_atomic_t detect_stop;

static void on_signal(int sig)
{
    detect_stop = sig;
}

typedef struct detect_log {
    int quiet;
} detect_log;

static const i18n_msg event_msg[PLATFORM_EV__COUNT] = {
    [PLATFORM_EV_ACCEPT] = MSG_DET_EV_ACCEPT,
    [PLATFORM_EV_CLOSE] = MSG_DET_EV_CLOSE,
    [PLATFORM_EV_CONN_LIMIT] = MSG_DET_EV_CONN_LIMIT,
    [PLATFORM_EV_TIMEOUT] = MSG_DET_EV_TIMEOUT,
    [PLATFORM_EV_OUT_LIMIT] = MSG_DET_EV_OUT_LIMIT,
    [PLATFORM_EV_GARBAGE] = MSG_DET_EV_GARBAGE,
    [PLATFORM_EV_REFUSED] = MSG_DET_EV_REFUSED,
    [PLATFORM_EV_UNKNOWN_MN] = MSG_DET_EV_UNKNOWN_MN,
    [PLATFORM_EV_BAD_PW] = MSG_DET_EV_BAD_PW,
    [PLATFORM_EV_SPLIT] = MSG_DET_EV_SPLIT,
    [PLATFORM_EV_STORE] = MSG_DET_EV_STORE,
    [PLATFORM_EV_DATATIME] = MSG_DET_EV_DATATIME,
    [PLATFORM_EV_EVICT] = MSG_DET_EV_EVICT,
    [PLATFORM_EV_SUPPRESSED] = MSG_DET_EV_SUPPRESSED,
};

static void log_event(void *ctx, platform_event ev, const char *peer, const char *mn,
                      const char *detail)
{
    const detect_log *l = ctx;
    if (l->quiet &&
        (ev == PLATFORM_EV_ACCEPT || ev == PLATFORM_EV_CLOSE || ev == PLATFORM_EV_TIMEOUT ||
         ev == PLATFORM_EV_GARBAGE || ev == PLATFORM_EV_EVICT))
        return;
    /* a refusal's detail is "<codec error name>[: <the codec's detail>]": the reason in the
     * user's language, the codec's detail (byte positions, field names) as it is */
    char why[512];
    if (ev == PLATFORM_EV_REFUSED && detail && i18n_get() == I18N_ZH) {
        size_t n = strcspn(detail, ":");
        for (int e = 1; e < HJ212_E__COUNT; e++) {
            const char *name = hj212_errname((hj212_err)e);
            if (strlen(name) != n || strncmp(detail, name, n) != 0) continue;
            const char *rest = detail[n] == ':' ? detail + n + 1 + (detail[n + 1] == ' ') : "";
            snprintf(why, sizeof why, "%s%s%s%s", cmd_hj212_err_text((hj212_err)e),
                     *rest ? "（" : "", rest, *rest ? "）" : "");
            detail = why;
            break;
        }
    }
    fprintf(stderr, "hjrange detect: %s%s%s%s%s: %s%s%s\n", peer && *peer ? peer : "",
            peer && *peer ? " " : "", mn ? "MN=" : "", mn ? mn : "", mn ? " " : "",
            i18n(event_msg[ev]), detail ? ": " : "", detail ? detail : "");
}

typedef struct records_ctx {
    const char *path;
} records_ctx;

static void report_record(void *ctx, unsigned long line, int err, const char *detail)
{
    const records_ctx *r = ctx;
    i18n_msg why = err == RECORDS_E_JSON    ? MSG_DET_REC_JSON
                   : err == RECORDS_E_KIND  ? MSG_DET_REC_KIND
                   : err == RECORDS_E_FIELD ? MSG_DET_REC_FIELD
                   : err == RECORDS_E_LONG  ? MSG_DET_REC_LONG
                                            : MSG_DET_REC_STORE;
    fprintf(stderr, "hjrange detect: %s:%lu: %s: %s%s%s\n", r->path, line,
            i18n(MSG_DET_REC_BAD_LINE), i18n(why), detail ? ": " : "", detail ? detail : "");
}

/* Raises the soft descriptor limit toward the hard one so that max_conns fit. */
static void raise_nofile(size_t want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int parse_num(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* What `hjrange detect` was told. */
typedef struct detect_opts {
    const char *listen_addr, *records, *alerts, *thresholds;
    size_t max_stations;
    int quiet;
    platform_cfg platform;
} detect_opts;

/* The options into o_; -1 when they are all good, else the exit code of a usage error. */
static int detect_options(int argc, char **argv, detect_opts *o_)
{
    memset(o_, 0, sizeof *o_);
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *o = cmd_opt_name(argv[i], name, sizeof name);
        if (strcmp(o, "--quiet") == 0) {
            if (cmd_opt_no_value(argv[i])) return 2;
            o_->quiet = 1;
            continue;
        }
        static const char *const with_value[] = {
            "--listen",    "--db",         "--alerts",        "--stations",      "--records",
            "--max-conns", "--idle",       "--frame-timeout", "--max-out",       "--max",
            "--sync",      "--thresholds", "--max-per-addr",  "--future-margin", "--max-stations"};
        int known = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            if (strcmp(o, with_value[k]) == 0) known = 1;
        if (!known) return cmd_usage_error(MSG_UNKNOWN_OPT, argv[i]);
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, o);
        long n = 0;
        if (strcmp(o, "--listen") == 0) {
            const char *colon = strrchr(v, ':');
            if (!colon || colon == v || parse_num(colon + 1, 0, 65535, &n) != 0)
                return cmd_bad_value(o, v, i18n(MSG_OPT_HOSTPORT));
            o_->listen_addr = v;
        } else if (strcmp(o, "--db") == 0) {
            o_->platform.db_path = v;
        } else if (strcmp(o, "--alerts") == 0) {
            o_->alerts = v;
        } else if (strcmp(o, "--stations") == 0) {
            o_->platform.stations_path = v;
        } else if (strcmp(o, "--records") == 0) {
            o_->records = v;
        } else if (strcmp(o, "--thresholds") == 0) {
            o_->thresholds = v;
        } else if (strcmp(o, "--sync") == 0) {
            if (strcmp(v, "full") == 0)
                o_->platform.sync = STORE_SYNC_FULL;
            else if (strcmp(v, "normal") == 0)
                o_->platform.sync = STORE_SYNC_NORMAL;
            else
                return cmd_bad_choice(o, v, "full|normal");
        } else if (strcmp(o, "--max-conns") == 0) {
            if (parse_num(v, 1, 1000000, &n) != 0) return cmd_bad_int(o, v, 1, 1000000);
            o_->platform.max_conns = (size_t)n;
        } else if (strcmp(o, "--max-per-addr") == 0) {
            if (parse_num(v, 0, 1000000, &n) != 0) return cmd_bad_int(o, v, 0, 1000000);
            o_->platform.max_per_addr = n ? (size_t)n : PLATFORM_NO_LIMIT;
        } else if (strcmp(o, "--future-margin") == 0) {
            if (parse_num(v, 0, 86400L * 3650, &n) != 0)
                return cmd_bad_int(o, v, 0, 86400LL * 3650);
            o_->platform.future_ms = n ? (int64_t)n * 1000 : -1;
        } else if (strcmp(o, "--max-stations") == 0) {
            if (parse_num(v, 1, 10000000, &n) != 0) return cmd_bad_int(o, v, 1, 10000000);
            o_->max_stations = (size_t)n;
        } else if (strcmp(o, "--idle") == 0) {
            if (parse_num(v, 1, 86400 * 7, &n) != 0) return cmd_bad_int(o, v, 1, 86400 * 7);
            o_->platform.idle_timeout_ms = (int)(n * 1000);
        } else if (strcmp(o, "--frame-timeout") == 0) {
            if (parse_num(v, 1, 3600, &n) != 0) return cmd_bad_int(o, v, 1, 3600);
            o_->platform.frame_timeout_ms = (int)(n * 1000);
        } else if (strcmp(o, "--max-out") == 0) {
            if (parse_num(v, 1024, 1L << 30, &n) != 0) return cmd_bad_int(o, v, 1024, 1LL << 30);
            o_->platform.max_out = (size_t)n;
        } else { /* --max */
            if (parse_num(v, 64, HJ212_MAX_LIMIT, &n) != 0)
                return cmd_bad_int(o, v, 64, HJ212_MAX_LIMIT);
            o_->platform.max_packet = (size_t)n;
        }
    }
    if (!o_->listen_addr) return cmd_usage_error(MSG_DET_MISSING_OPT, "--listen");
    if (!o_->platform.db_path) return cmd_usage_error(MSG_DET_MISSING_OPT, "--db");
    return -1;
}

/* Serves until SIGINT or SIGTERM; the platform's counts at the end. 0, or 1 on an error. */
static int detect_serve(platform *p)
{
    int rc = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: epoll_wait returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    detect_stop = 0;
    while (!detect_stop) {
        if (platform_poll_once(p, 500) < 0) {
            fprintf(stderr, "hjrange detect: %s\n", platform_errmsg(p));
            rc = 1;
            break;
        }
    }
    platform_stats s = platform_stats_get(p);
    fprintf(stderr, "hjrange detect: %s: %llu, %llu, %llu, %llu, %llu, %llu, %llu\n",
            i18n(MSG_DET_SUMMARY), (unsigned long long)s.packets, (unsigned long long)s.stored,
            (unsigned long long)s.duplicates, (unsigned long long)s.acks,
            (unsigned long long)s.refused, (unsigned long long)s.dropped,
            (unsigned long long)(s.auth_mn + s.auth_pw));
    return rc;
}

int cmd_detect(int argc, char **argv)
{
    detect_opts o;
    int usage = detect_options(argc, argv, &o);
    if (usage >= 0) return usage;
    platform_cfg cfg = o.platform;
    detect_log lg = {0};
    lg.quiet = o.quiet;
    const char *records = o.records, *alerts = o.alerts;
    /* With --alerts the built-in detection engine is fed every commit (detect.h) and
     * writes the alerts file; without it the platform stores and acknowledges only. The
     * records feed is followed as the O&M system appends to it. */
    static records_ctx rctx;
    rctx.path = records;
    cfg.records_path = records;
    cfg.records_report = report_record;
    cfg.records_ctx = &rctx;

    cfg.log = log_event;
    cfg.log_ctx = &lg;
    raise_nofile((cfg.max_conns ? cfg.max_conns : 2048) + 64);
    char err[300] = "";
    detect_cfg dc;
    memset(&dc, 0, sizeof dc);
    dc.platform = cfg;
    dc.alerts_path = alerts;
    dc.thresholds_path = o.thresholds;
    dc.max_stations = o.max_stations;
    detect *d = detect_new(&dc, err, sizeof err);
    if (!d) {
        fprintf(stderr, "hjrange detect: %s: %s\n", i18n(MSG_DET_START_FAILED), err);
        return 1;
    }
    platform *p = detect_platform(d);
    int rc = 0;
    if (records) {
        records_stats rs = {0, 0, 0, 0, 0};
        if (!platform_records_follow(p, &rs) && access(records, F_OK) != 0)
            fprintf(stderr, "hjrange detect: %s %s: %s\n", i18n(MSG_DET_RECORDS), records,
                    i18n(MSG_DET_REC_WAITING)); /* followed once it appears */
        else
            fprintf(stderr, "hjrange detect: %s %s: %s: %lu, %lu, %lu, %lu\n",
                    i18n(MSG_DET_RECORDS), records, i18n(MSG_DET_REC_SUMMARY), rs.work_orders,
                    rs.labs, rs.duplicates, rs.bad);
    }
    if (platform_stations(p))
        fprintf(stderr, "hjrange detect: %zu %s\n", platform_stations(p), i18n(MSG_DET_STATIONS));
    else
        fprintf(stderr, "hjrange detect: %s\n", i18n(MSG_DET_NO_REGISTRY));
    if (!alerts) fprintf(stderr, "hjrange detect: %s\n", i18n(MSG_DET_NO_ALERTS));
    int port = platform_listen(p, o.listen_addr);
    if (port < 0) {
        fprintf(stderr, "hjrange detect: %s: %s\n", i18n(MSG_DET_START_FAILED), platform_errmsg(p));
        rc = 1;
        goto out;
    }
    printf("%s %s %s %d\n", i18n(MSG_DET_LISTENING), o.listen_addr, i18n(MSG_DET_PORT), port);
    fflush(stdout);

    rc = detect_serve(p);
out:
    detect_free(d);
    if (rc == 0) fprintf(stderr, "hjrange detect: %s\n", i18n(MSG_DET_STOPPED));
    return rc;
}

int cmd_db(int argc, char **argv)
{
    const char *db = NULL, *cn = NULL, *mn = NULL;
    if (argc < 2 || strcmp(argv[1], "dump") != 0)
        return cmd_usage_error(MSG_UNKNOWN_CMD, argc < 2 ? "db" : argv[1]);
    for (int i = 2; i < argc; i++) {
        char name[16];
        const char *o = cmd_opt_name(argv[i], name, sizeof name);
        const char **dst = strcmp(o, "--db") == 0   ? &db
                           : strcmp(o, "--cn") == 0 ? &cn
                           : strcmp(o, "--mn") == 0 ? &mn
                                                    : NULL;
        if (!dst) return cmd_usage_error(MSG_UNKNOWN_OPT, argv[i]);
        if (!(*dst = cmd_opt_value(argc, argv, &i))) return cmd_usage_error(MSG_MISSING_ARG, o);
    }
    if (!db) return cmd_usage_error(MSG_DET_MISSING_OPT, "--db");
    long cnv = 0;
    if (!cn) return cmd_usage_error(MSG_DET_MISSING_OPT, "--cn");
    if (parse_num(cn, 1, 9999, &cnv) != 0) return cmd_bad_int("--cn", cn, 1, 9999);
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "hjrange db: %s: %s\n", db, strerror(errno));
        return 1;
    }
    char err[300] = "";
    store *s = store_open(db, STORE_SYNC_NORMAL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "hjrange db: %s\n", err);
        return 1;
    }
    long rows = store_dump(s, cn, mn, stdout);
    int rc = 0;
    if (rows < 0) {
        fprintf(stderr, "hjrange db: %s\n", store_errmsg(s));
        rc = 1;
    }
    store_close(s);
    return rc;
}
