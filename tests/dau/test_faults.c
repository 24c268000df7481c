/*
 * test_faults.c — what the DAU does when the link or the platform misbehaves:
 *   crash:   a real `hjrange detect` is SIGKILLed mid-run (twice) and restarted: every
 *            hourly record stored exactly once, with the values the DAU made;
 *   outage:  the link down 3 h (dau_offline): backfilled afterwards, oldest first, one
 *            acknowledged record at a time, nothing missing, nothing duplicated;
 *   power:   the DAU itself off 3 h (dau_power): nothing recorded or backfilled for the gap,
 *            a 2081 with its restart time when it is back, hourly records around the gap;
 *   restart: the DAU itself restarts with records on disk: backfilled by the new run;
 *   silence: a platform that accepts and never answers: the queue stays bounded;
 *   auth:    a wrong PW: nothing stored, nothing lost on the DAU side.
 */
#include "daut.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#define HOUR 3600000LL
#define MIN  60000LL

static int live_pid;

static int teardown(void **state)
{
    (void)state;
    daut_kill(live_pid, SIGKILL);
    live_pid = 0;
    return 0;
}

static range *make_range(const char *dir, station_cfg *sc, int n, int64_t t0, const char *plat_addr,
                         int in_process, const char *registry, const dau_cfg *dc)
{
    static char db[300], plat[64];
    static const char *plats[1];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = sc;
    rc.n_stations = (size_t)n;
    rc.seed = 11;
    rc.t0 = t0;
    rc.out_dir = dir;
    rc.state_dir = dir;
    rc.dau = dc;
    if (plat_addr) {
        snprintf(plat, sizeof plat, "%s", plat_addr);
        plats[0] = plat;
        rc.platforms = plats;
        rc.n_platforms = 1;
    }
    rc.in_process_platform = in_process;
    rc.platform_db = db;
    rc.platform_stations = registry;
    char err[256] = "";
    range *r = range_new(&rc, err, sizeof err);
    if (!r) fprintf(stderr, "range_new: %s\n", err);
    assert_non_null(r);
    return r;
}

static int start_detect(const char *db, int port)
{
    char listen[64];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
    static char alerts[320];
    snprintf(alerts, sizeof alerts, "%s.alerts", db);
    const char *args[] = {"--db", db, "--alerts", alerts, "--quiet", NULL};
    int pid = 0;
    int p = daut_spawn_detect(HJRANGE_BIN, listen, args, &pid);
    assert_true(p > 0);
    live_pid = pid;
    return p;
}

/* A port nobody listens on (for now). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
    close(fd);
    return ntohs(sa.sin_port);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Rows "mn,2061,datatime,code,field,value,flag" the log's 2061 records should store. */
static size_t expected_rows(const char *log, char ***out)
{
    size_t n = 0, cap = 1024;
    char **rows = malloc(cap * sizeof *rows);
    for (const char *l = log; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        char *line = strndup(l, len);
        l += len;
        if (!strstr(line, ";CN=2061;")) {
            free(line);
            continue;
        }
        char mn[32], dt[16];
        daut_field(line, "MN", mn, sizeof mn);
        daut_field(line, "DataTime", dt, sizeof dt);
        char *cp = strstr(line, "CP=&&") + 5;
        *strstr(cp, "&&") = 0;
        char *save = NULL;
        for (char *item = strtok_r(cp, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
            if (strncmp(item, "DataTime=", 9) == 0) continue;
            char code[16] = "", flag[4] = "";
            char *fsave = NULL;
            char fields[8][64];
            int nf = 0;
            for (char *f = strtok_r(item, ",", &fsave); f && nf < 8;
                 f = strtok_r(NULL, ",", &fsave))
                snprintf(fields[nf++], sizeof fields[0], "%s", f);
            for (int i = 0; i < nf; i++)
                if (strstr(fields[i], "-Flag="))
                    snprintf(flag, sizeof flag, "%s", strchr(fields[i], '=') + 1);
            for (int i = 0; i < nf; i++) {
                if (strstr(fields[i], "-Flag=")) continue;
                char *dash = strchr(fields[i], '-'), *eq = strchr(fields[i], '=');
                snprintf(code, sizeof code, "%.*s", (int)(dash - fields[i]), fields[i]);
                *eq = 0;
                if (n == cap) rows = realloc(rows, (cap *= 2) * sizeof *rows);
                char buf[200];
                snprintf(buf, sizeof buf, "%s,2061,%s,%s,%s,%s,%s", mn, dt, code, dash + 1, eq + 1,
                         flag);
                rows[n++] = strdup(buf);
            }
        }
        free(line);
    }
    qsort(rows, n, sizeof *rows, cmp_str);
    *out = rows;
    return n;
}

/* `hjrange db dump --cn 2061` must hold exactly the rows of the logs' 2061 records. */
static void check_dump(const char *db, const char *log)
{
    char cmd[600], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s db dump --db %s --cn 2061", HJRANGE_BIN, db);
    assert_int_equal(daut_run(cmd, &out), 0);
    char **got = NULL, **want = NULL;
    size_t ng = 0, cap = 1024;
    got = malloc(cap * sizeof *got);
    char *save = NULL;
    for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (strncmp(l, "mn,", 3) == 0) continue;
        if (ng == cap) got = realloc(got, (cap *= 2) * sizeof *got);
        got[ng++] = l;
    }
    qsort(got, ng, sizeof *got, cmp_str);
    size_t nw = expected_rows(log, &want);
    assert_true(nw > 0);
    for (size_t i = 0; i < nw && i < ng; i++)
        if (strcmp(got[i], want[i]) != 0)
            fail_msg("row %zu: stored %s, made %s", i, got[i], want[i]);
    assert_int_equal(ng, nw);
    for (size_t i = 0; i < nw; i++)
        free(want[i]);
    free(want);
    free(got);
    free(out);
}

static int kill_later(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 40 * 1000000L};
    thrd_sleep(&ts, NULL);
    kill(live_pid, SIGKILL);
    return 0;
}

static void test_crash(void **state)
{
    (void)state;
    const char *dir = daut_dir("crash");
    char db[300], plat[64];
    snprintf(db, sizeof db, "%s/detect.db", dir);
    int port = start_detect(db, 0);
    snprintf(plat, sizeof plat, "127.0.0.1:%d", port);
    station_cfg sc[2];
    for (int i = 0; i < 2; i++)
        daut_station(&sc[i], i);
    range *r = make_range(dir, sc, 2, DAUT_T0, plat, 0, NULL, NULL);
    assert_int_equal(range_run_until(r, DAUT_T0 + 3 * HOUR + 30 * MIN), 0);
    daut_kill(live_pid, SIGKILL); /* mid-run: records in flight are lost on its side */
    assert_int_equal(range_run_until(r, DAUT_T0 + 5 * HOUR + 5 * MIN), 0);
    range_stats mid = range_stats_get(r);
    assert_true(mid.queued > 100); /* about 1.5 h of records waiting */
    start_detect(db, port);
    /* once more from another thread while the range streams (records in flight) */
    thrd_t killer;
    assert_int_equal(thrd_create(&killer, kill_later, NULL), thrd_success);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    /* a day and more of two stations: long enough on any machine for the kill to land in it */
    assert_int_equal(range_run_until(r, DAUT_T0 + 32 * HOUR + 1), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    thrd_join(killer, NULL);
    /* the kill (at 40 ms) landed inside the run, not after it */
    double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    print_message("run with the kill in it: %.0f ms\n", ms);
    if (ms <= 60) fail_msg("the run took %.0f ms: over before the kill at 40 ms", ms);
    daut_kill(live_pid, SIGKILL); /* reaps it */
    start_detect(db, port);
    assert_int_equal(range_run_until(r, DAUT_T0 + 36 * HOUR), 0);
    range_stats s = range_stats_get(r);
    range_free(r);
    assert_int_equal(s.queued, 0);
    assert_int_equal(s.dropped, 0);
    daut_kill(live_pid, SIGTERM);
    live_pid = 0;

    char path[300];
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log = daut_slurp(path, NULL);
    assert_non_null(log);
    assert_int_equal(daut_count_cn(log, 2061, NULL), 2 * 36);
    check_dump(db, log);
    /* every record of the run stored, none twice */
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets"), (long long)s.records);
    assert_int_equal(daut_sql_int(db, "SELECT count(DISTINCT mn || qn) FROM packets"),
                     (long long)s.records);
    free(log);
}

static void test_outage(void **state)
{
    (void)state;
    const char *dir = daut_dir("outage");
    station_cfg sc[2];
    daut_station(&sc[0], 0); /* 2017 */
    daut_station(&sc[1], 1); /* 2025: re-sent data marked RF=1 */
    range *r = make_range(dir, sc, 2, DAUT_T0, NULL, 1, NULL, NULL);
    assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR), 0);
    for (int i = 0; i < 2; i++)
        dau_offline(range_dau(r, i), 1);
    assert_int_equal(range_run_until(r, DAUT_T0 + 5 * HOUR), 0);
    dau_stats off[2];
    for (int i = 0; i < 2; i++) {
        off[i] = dau_stats_get(range_dau(r, i));
        assert_true(off[i].queued >= 3 * 60 + 3 * 6); /* 3 h of 2011 and 2051 at least */
        assert_int_equal(dau_backlog(range_dau(r, i), 0), (long)off[i].queued);
        dau_offline(range_dau(r, i), 0);
    }
    assert_int_equal(range_run_until(r, DAUT_T0 + 8 * HOUR), 0);
    dau_stats s[2];
    for (int i = 0; i < 2; i++)
        s[i] = dau_stats_get(range_dau(r, i));
    range_free(r);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(s[i].queued, 0);
        assert_int_equal(s[i].acked, s[i].records);
        assert_int_equal(s[i].resends, 0); /* nothing sent twice */
        assert_int_equal(s[i].sent, s[i].records);
    }

    char db[300], path[300], q[300];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log = daut_slurp(path, NULL);
    check_dump(db, log);
    free(log);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets"),
                     (long long)(s[0].records + s[1].records));
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2061"), 16);
    /* the backfill came oldest first, one at a time: arrival order (id) = QN order */
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets a JOIN packets b ON "
                                      "a.mn = b.mn AND a.id < b.id AND a.qn > b.qn"),
                     0);
    /* hours 02, 03, 04 were made offline and arrived at 05:00 (virtual clock) */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM packets WHERE cn=2061 AND received BETWEEN %lld AND %lld",
             DAUT_T0 + 5 * HOUR, DAUT_T0 + 5 * HOUR + MIN - 1);
    assert_int_equal(daut_sql_int(db, q), 2 * 3);
    /* 2025: exactly the backfilled records carry RF=1; 2017 never */
    snprintf(q, sizeof q, "SELECT count(*) FROM packets WHERE mn='%s' AND raw LIKE '%%;RF=1;%%'",
             sc[1].mn);
    assert_int_equal(daut_sql_int(db, q), (long long)off[1].queued);
    snprintf(q, sizeof q, "SELECT count(*) FROM packets WHERE mn='%s' AND raw LIKE '%%RF=%%'",
             sc[0].mn);
    assert_int_equal(daut_sql_int(db, q), 0);
}

static void test_power(void **state)
{
    (void)state;
    const char *dir = daut_dir("power");
    station_cfg sc[1];
    daut_station(&sc[0], 0);
    range *r = make_range(dir, sc, 1, DAUT_T0, NULL, 1, NULL, NULL);
    assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR + 30 * MIN), 0);
    dau *d = range_dau(r, 0);
    dau_stats before = dau_stats_get(d);
    dau_power(d, 0, DAUT_T0 + 2 * HOUR + 30 * MIN);
    assert_int_equal(range_run_until(r, DAUT_T0 + 5 * HOUR + 30 * MIN), 0);
    dau_stats off = dau_stats_get(d);
    assert_int_equal(off.records, before.records); /* nothing made while off */
    assert_int_equal(off.polls, before.polls);
    assert_int_equal(off.power_offs, 1);
    dau_power(d, 1, DAUT_T0 + 5 * HOUR + 30 * MIN);
    assert_int_equal(range_run_until(r, DAUT_T0 + 8 * HOUR), 0);
    dau_stats s = dau_stats_get(d);
    range_free(r);
    assert_int_equal(s.queued, 0);
    assert_int_equal(s.acked, s.records);

    char db[300], q[300];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    /* hourly records for 01..02, the part of 05 it ran (05:30..06:00, labelled by the
     * hour: DataTime 05:00:00), 06..07; none for 03, 04, and none labelled by the power-on
     * minute */
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2081"), 1);
    snprintf(q, sizeof q, "SELECT count(*) FROM packets WHERE cn=2061 AND datatime IN "
                          "('20220208030000', '20220208040000')");
    assert_int_equal(daut_sql_int(db, q), 0);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2061 AND datatime "
                                      "= '20220208050000'"),
                     1);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn IN (2051, 2061) "
                                      "AND substr(datatime, 11, 4) NOT IN ('0000', '1000', "
                                      "'2000', '3000', '4000', '5000')"),
                     0);
    /* no minute record inside the gap */
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2051 AND datatime "
                                      "> '20220208023000' AND datatime < '20220208053000'"),
                     0);
    assert_true(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2051 AND datatime "
                                 ">= '20220208053000'") >= 12);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets WHERE cn=2081 AND raw LIKE "
                                      "'%RestartTime=20220208053000%'"),
                     1);
}

static void test_restart(void **state)
{
    (void)state;
    const char *dir = daut_dir("restart");
    char db[300], plat[64], path[300];
    snprintf(db, sizeof db, "%s/detect.db", dir);
    int port = free_port();
    snprintf(plat, sizeof plat, "127.0.0.1:%d", port);
    station_cfg sc[1];
    daut_station(&sc[0], 2);
    /* run 1: the platform is down, everything queues on disk */
    range *r = make_range(dir, sc, 1, DAUT_T0, plat, 0, NULL, NULL);
    assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR), 0);
    range_stats s1 = range_stats_get(r);
    range_free(r);
    assert_int_equal(s1.queued, s1.records);
    assert_int_equal(s1.acked, 0);
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log1 = daut_slurp(path, NULL);
    /* run 2 (after 5 minutes of reboot): a new DAU on the same state dir, the platform up */
    start_detect(db, port);
    r = make_range(dir, sc, 1, DAUT_T0 + 2 * HOUR + 5 * MIN, plat, 0, NULL, NULL);
    range_stats s0 = range_stats_get(r);
    assert_int_equal(s0.queued, s1.records); /* reloaded from the queue file */
    assert_int_equal(range_run_until(r, DAUT_T0 + 3 * HOUR), 0);
    range_stats s2 = range_stats_get(r);
    range_free(r);
    daut_kill(live_pid, SIGTERM);
    live_pid = 0;
    assert_int_equal(s2.queued, 0);
    assert_int_equal(s2.acked, s1.records + s2.records);
    char *log2 = daut_slurp(path, NULL);
    size_t l1 = strlen(log1), l2 = strlen(log2);
    char *both = malloc(l1 + l2 + 1);
    memcpy(both, log1, l1);
    memcpy(both + l1, log2, l2 + 1);
    check_dump(db, both);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets"),
                     (long long)(s1.records + s2.records));
    free(both);
    free(log1);
    free(log2);
}

static void test_silence(void **state)
{
    (void)state;
    const char *dir = daut_dir("silence");
    /* a platform that accepts (the kernel's backlog) and never reads nor answers */
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(lfd, 1024), 0);
    getsockname(lfd, (struct sockaddr *)&sa, &sl);
    char plat[64];
    snprintf(plat, sizeof plat, "127.0.0.1:%d", ntohs(sa.sin_port));
    dau_cfg dc;
    dau_cfg_default(&dc);
    dc.queue_max_records = 40;
    dc.ack_wait_ms = 5;
    station_cfg sc[1];
    daut_station(&sc[0], 0);
    range *r = make_range(dir, sc, 1, DAUT_T0, plat, 0, NULL, &dc);
    assert_int_equal(range_run_until(r, DAUT_T0 + 2 * HOUR), 0);
    dau_stats s = dau_stats_get(range_dau(r, 0));
    range_free(r);
    close(lfd);
    assert_true(s.records > 120 + 12);
    assert_int_equal(s.acked, 0);
    assert_true(s.max_queued <= 40);
    assert_int_equal(s.queued, 40);
    assert_int_equal(s.dropped, s.records - 40);
    assert_true(s.resends > 100);  /* OverTime 10 s, ReCount 3 */
    assert_true(s.connects >= 10); /* reconnects after ReCount silent resends */
    /* the queue file holds what is queued, bounded */
    char path[300];
    snprintf(path, sizeof path, "%s/%s-0.q", dir, sc[0].mn);
    size_t n = 0;
    char *q = daut_slurp(path, &n);
    assert_non_null(q);
    assert_true(n < (size_t)(2u << 20));
    free(q);
}

static void test_auth(void **state)
{
    (void)state;
    const char *dir = daut_dir("auth");
    station_cfg sc[1];
    daut_station(&sc[0], 0);
    char reg[300];
    snprintf(reg, sizeof reg, "%s/stations.json", dir);
    FILE *f = fopen(reg, "w");
    fprintf(f, "[{\"mn\": \"%s\", \"pw\": \"654321\"}]\n", sc[0].mn);
    fclose(f);
    range *r = make_range(dir, sc, 1, DAUT_T0, NULL, 1, reg, NULL);
    assert_int_equal(range_run_until(r, DAUT_T0 + HOUR), 0);
    dau_stats s = dau_stats_get(range_dau(r, 0));
    range_free(r);
    assert_int_equal(s.acked, 0);
    assert_true(s.refused >= 10); /* refused, retried every reconnect interval */
    assert_int_equal(s.rejected, 0);
    assert_int_equal(s.queued, s.records); /* kept for when the setting is fixed */
    char db[300];
    snprintf(db, sizeof db, "%s/platform.db", dir);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM packets"), 0);
    assert_int_equal(daut_sql_int(db, "SELECT count(*) FROM readings"), 0);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_outage, teardown),
        cmocka_unit_test_teardown(test_power, teardown),
        cmocka_unit_test_teardown(test_auth, teardown),
        cmocka_unit_test_teardown(test_silence, teardown),
        cmocka_unit_test_teardown(test_restart, teardown),
        cmocka_unit_test_teardown(test_crash, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (failed == 0) daut_cleanup(); /* kept for a look when something failed */
    return failed;
}
