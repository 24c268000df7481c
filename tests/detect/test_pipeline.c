/*
 * test_pipeline.c — detect.h: the platform pushes each committed batch to the engine. What
 * the engine is pushed equals what a reader of the database finds (replay.h): the same
 * alerts, byte for byte, for a stream with re-sent and partly re-sent records and a work
 * order from the records feed; each raise reaches the caller's callback; a platform
 * restarted on its database catches the engine up on the history first; the caller's batch
 * observer sees each commit's uploads with their packet text, with or without an engine.
 */
#include "client.h"
#include "detect.h"
#include "hj212.h"
#include "replay.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MN   "33040001DYE0009"
#define T0   1644249600000LL /* 2022-02-08 00:00 China time */
#define MIN  60000LL
#define HOUR 3600000LL

static int64_t fake_now;

static int64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now;
}

typedef struct run {
    detect *d;
    platform *p;
    int fd;
    hj212_packet *pkt;
    int raises; /* alert callbacks */
    char dir[64], db[96], records[96];
    char frame[2300]; /* the last frame sent */
} run;

static void on_alert(void *ctx, const engine_alert *a)
{
    run *r = ctx;
    assert_non_null(a->id);
    assert_true(a->time >= a->start);
    r->raises++;
}

static void path(const run *r, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", r->dir, name);
}

static void start(run *r, const char *alerts)
{
    char apath[128];
    path(r, alerts, apath, sizeof apath);
    detect_cfg dc;
    memset(&dc, 0, sizeof dc);
    dc.platform.db_path = r->db;
    dc.platform.records_path = r->records;
    dc.platform.sync = STORE_SYNC_NORMAL;
    dc.platform.idle_timeout_ms = -1;
    dc.platform.now_ms = fake_clock;
    dc.alerts_path = apath;
    dc.lang = "en";
    dc.on_alert = on_alert;
    dc.alert_ctx = r;
    char err[300] = "";
    r->d = detect_new(&dc, err, sizeof err);
    if (!r->d) fail_msg("detect_new: %s", err);
    r->p = detect_platform(r->d);
    int port = platform_listen(r->p, "127.0.0.1:0");
    assert_true(port > 0);
    r->fd = tc_connect(port);
    assert_true(r->fd >= 0);
}

static void stop(run *r)
{
    close(r->fd);
    detect_free(r->d);
    r->d = NULL;
}

/* Sends one upload (a CP segment's record) `times` times and waits until the platform has
 * taken every copy. */
static void send_record(run *r, const char *cp, int times)
{
    char seg[2048], frame[2300];
    snprintf(seg, sizeof seg,
             "QN=20220208000000000;ST=32;CN=2011;PW=123456;MN=" MN ";Flag=4;CP=&&%s&&", cp);
    hj212_opts o = {0, NULL};
    assert_int_equal(hj212_parse_segment(r->pkt, seg, strlen(seg), &o, NULL), HJ212_OK);
    hj212_err e = HJ212_OK;
    int n = hj212_encode(r->pkt, frame, sizeof frame, &o, &e);
    assert_true(n > 0);
    snprintf(r->frame, sizeof r->frame, "%.*s", n, frame);
    uint64_t want = platform_stats_get(r->p).packets + (uint64_t)times;
    for (int i = 0; i < times; i++)
        assert_int_equal(tc_send(r->fd, frame, (size_t)n), 0);
    for (int k = 0; k < 2000 && platform_stats_get(r->p).packets < want; k++)
        assert_true(platform_poll_once(r->p, 5) >= 0);
    assert_int_equal(platform_stats_get(r->p).packets, want);
}

static void hj_time(int64_t t, char *out, size_t cap)
{
    time_t s = (time_t)((t + 8 * HOUR) / 1000);
    struct tm tm;
    gmtime_r(&s, &tm);
    strftime(out, cap, "%Y%m%d%H%M%S", &tm);
}

/* The real-time record of minute m: COD and NH3-N measured hourly (a new SampleTime each
 * hour); COD falls to a third at 09:00 and is back at 10:00 (the sample cup). */
static void minute_cp(int m, char *cp, size_t cap)
{
    int h = m / 60;
    double cod = h == 9 ? 48.2 : 150 + 1.3 * h + (h % 3) * 0.7;
    double nh3 = 8 + 0.07 * h + (h % 2) * 0.05;
    char dt[16], st[16];
    hj_time(T0 + m * MIN, dt, sizeof dt);
    hj_time(T0 + h * HOUR, st, sizeof st);
    snprintf(cp, cap,
             "DataTime=%s;w01018-Rtd=%.1f,w01018-Flag=N,w01018-SampleTime=%s;"
             "w21003-Rtd=%.2f,w21003-Flag=N,w21003-SampleTime=%s;ea1001-Rtd=%.1f",
             dt, cod, st, nh3, st, 20.0 + (m % 5) * 0.1);
}

static char *slurp(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, buf, n + 1);
    return copy;
}

static int lines(const char *text)
{
    int n = 0;
    for (const char *c = text; *c; c++)
        n += *c == '\n';
    return n;
}

static void test_push_equals_replay(void **state)
{
    (void)state;
    run r;
    memset(&r, 0, sizeof r);
    snprintf(r.dir, sizeof r.dir, "/tmp/hj_pipe_XXXXXX");
    assert_non_null(mkdtemp(r.dir));
    path(&r, "p.db", r.db, sizeof r.db);
    path(&r, "records.jsonl", r.records, sizeof r.records);
    FILE *rec = fopen(r.records, "w");
    assert_non_null(rec);
    fputs("{\"kind\":\"work_order\",\"mn\":\"" MN "\",\"task\":\"calibration\","
          "\"start\":\"2022-02-08T03:00:00+08:00\",\"end\":\"2022-02-08T03:30:00+08:00\","
          "\"who\":\"O&M\"}\n",
          rec);
    fclose(rec);
    r.pkt = malloc(sizeof *r.pkt);
    assert_non_null(r.pkt);

    /* 12 hours through the pipeline: every 50th record sent twice, every 100th sent again
     * with a field more (a partial re-send: only that field is new) */
    start(&r, "pushed.jsonl");
    char cp[1024], more[1200];
    for (int m = 0; m < 12 * 60; m++) {
        fake_now = T0 + m * MIN + 1000;
        minute_cp(m, cp, sizeof cp);
        send_record(&r, cp, m % 50 == 49 ? 2 : 1);
        if (m % 100 == 99) {
            snprintf(more, sizeof more, "%s;ea1002-Rtd=3.5", cp);
            send_record(&r, more, 1);
        }
    }
    engine_stats pushed = engine_stats_get(detect_engine(r.d));
    int raises = r.raises;
    stop(&r);
    assert_int_equal(pushed.records, 12 * 60 + 7); /* the partial re-sends stored a field */
    assert_int_equal(pushed.work_orders, 1);
    assert_true(raises >= 1);

    /* the database read back into a fresh engine: the same alerts */
    char pushed_path[128], replayed_path[128], err[300] = "";
    path(&r, "pushed.jsonl", pushed_path, sizeof pushed_path);
    path(&r, "replayed.jsonl", replayed_path, sizeof replayed_path);
    engine_cfg ec = {NULL, "en", 0, NULL};
    engine *e = engine_new(&ec, err, sizeof err);
    assert_non_null(e);
    replay *rp = replay_open(r.db, err, sizeof err);
    assert_non_null(rp);
    FILE *out = fopen(replayed_path, "w");
    assert_non_null(out);
    assert_int_equal(replay_poll(rp, e, out), raises);
    fclose(out);
    assert_int_equal(engine_stats_get(e).records, pushed.records);
    replay_free(rp);
    engine_free(e);
    char *a = slurp(pushed_path), *b = slurp(replayed_path);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(lines(a), raises);
    assert_non_null(strstr(a, "\"type\":\"sample_cup_injection\""));
    assert_string_equal(a, b);

    /* restarted on its database: the history first (the same alerts again), then the new */
    r.raises = 0;
    start(&r, "restarted.jsonl");
    fake_now = T0 + 12 * HOUR + 1000;
    minute_cp(12 * 60, cp, sizeof cp);
    send_record(&r, cp, 1);
    assert_int_equal(engine_stats_get(detect_engine(r.d)).records, pushed.records + 1);
    stop(&r);
    char restarted_path[128];
    path(&r, "restarted.jsonl", restarted_path, sizeof restarted_path);
    char *c = slurp(restarted_path);
    assert_non_null(c);
    assert_memory_equal(c, a, strlen(a));
    assert_int_equal(lines(c), r.raises);
    free(a);
    free(b);
    free(c);
    free(r.pkt);
    const char *names[] = {"p.db",         "p.db-wal",       "p.db-shm",       "records.jsonl",
                           "pushed.jsonl", "replayed.jsonl", "restarted.jsonl"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[128];
        path(&r, names[i], p, sizeof p);
        unlink(p);
    }
    rmdir(r.dir);
}

/* Without an alerts file there is no engine: the platform stores and acknowledges only. */
static void test_no_detection(void **state)
{
    (void)state;
    char dir[] = "/tmp/hj_pipe_none_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char db[96];
    snprintf(db, sizeof db, "%s/p.db", dir);
    detect_cfg dc;
    memset(&dc, 0, sizeof dc);
    dc.platform.db_path = db;
    char err[300] = "";
    detect *d = detect_new(&dc, err, sizeof err);
    assert_non_null(d);
    assert_non_null(detect_platform(d));
    assert_null(detect_engine(d));
    detect_on_alert(d, on_alert, NULL); /* no engine: nothing to register with */
    detect_free(d);
    detect_free(NULL);
    /* a bad alerts path fails the start, naming it */
    dc.alerts_path = "/nonexistent/dir/alerts.jsonl";
    assert_null(detect_new(&dc, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/dir/alerts.jsonl"));
    char side[128];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", db, suffix[i]);
        unlink(side);
    }
    rmdir(dir);
}

/* What the batch observer saw. */
typedef struct seen {
    int batches, uploads, fields;
    char raw[2300], mn[32];
} seen;

static void on_batch(void *ctx, const batch *b)
{
    seen *w = ctx;
    w->batches++;
    for (size_t i = 0; i < b->nuploads; i++) {
        w->uploads++;
        w->fields += (int)b->uploads[i].nfields;
        snprintf(w->raw, sizeof w->raw, "%s", b->uploads[i].raw);
        snprintf(w->mn, sizeof w->mn, "%s", b->uploads[i].mn);
    }
}

/* The caller's observer gets every commit that stored uploads, without an engine too: the
 * uploads as stored (a re-send is not listed), each with its packet text as received. */
static void test_batch_observer(void **state)
{
    (void)state;
    for (int with_engine = 0; with_engine < 2; with_engine++) {
        run r;
        memset(&r, 0, sizeof r);
        snprintf(r.dir, sizeof r.dir, "/tmp/hj_pipe_obs_XXXXXX");
        assert_non_null(mkdtemp(r.dir));
        path(&r, "p.db", r.db, sizeof r.db);
        r.pkt = malloc(sizeof *r.pkt);
        assert_non_null(r.pkt);
        seen w;
        memset(&w, 0, sizeof w);
        char apath[128];
        path(&r, "alerts.jsonl", apath, sizeof apath);
        detect_cfg dc;
        memset(&dc, 0, sizeof dc);
        dc.platform.db_path = r.db;
        dc.platform.sync = STORE_SYNC_NORMAL;
        dc.platform.now_ms = fake_clock;
        dc.alerts_path = with_engine ? apath : NULL;
        dc.on_batch = on_batch;
        dc.batch_ctx = &w;
        char err[300] = "";
        r.d = detect_new(&dc, err, sizeof err);
        assert_non_null(r.d);
        assert_true((detect_engine(r.d) != NULL) == with_engine);
        r.p = detect_platform(r.d);
        int port = platform_listen(r.p, "127.0.0.1:0");
        assert_true(port > 0);
        r.fd = tc_connect(port);
        assert_true(r.fd >= 0);
        char cp[1024];
        for (int m = 0; m < 3; m++) {
            fake_now = T0 + m * MIN + 1000;
            minute_cp(m, cp, sizeof cp);
            send_record(&r, cp, m == 1 ? 2 : 1);
        }
        stop(&r);
        assert_true(w.batches >= 1);
        assert_int_equal(w.uploads, 3);
        assert_int_equal(w.fields, 3 * 5); /* the -Flag values ride on their siblings */
        assert_string_equal(w.mn, MN);
        assert_string_equal(w.raw, r.frame);
        free(r.pkt);
        const char *names[] = {"p.db", "p.db-wal", "p.db-shm", "alerts.jsonl"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            char p[128];
            path(&r, names[i], p, sizeof p);
            unlink(p);
        }
        rmdir(r.dir);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_equals_replay),
        cmocka_unit_test(test_no_detection),
        cmocka_unit_test(test_batch_observer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
