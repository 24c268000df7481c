/*
 * test_platform_hostile.c — what outside clients found in the receiver, each case kept as a
 * regression test: a reset after a reply, split parts acknowledged but not durable or
 * over a cap, a DataTime that is no date or lies in the future, slots held by peers that
 * never send a valid packet, a log that grows with the garbage, state per unknown MN.
 * The platform runs in a second thread (its own loop); the test plays the peers.
 */
#include "client.h"
#include "hj212.h"
#include "platform.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct server {
    platform *p;
    pthread_t th;
    atomic_int stop;
    int port;
} server;

static char dbpath[64], stationspath[64];

static void *server_main(void *arg)
{
    server *s = arg;
    while (!atomic_load(&s->stop))
        platform_poll_once(s->p, 10);
    return NULL;
}

static void server_open(server *s, platform_cfg *cfg, int fresh)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/hj_hostile_%d.db", (int)getpid());
    if (fresh) unlink(dbpath);
    cfg->db_path = dbpath;
    char err[300] = "";
    s->p = platform_new(cfg, err, sizeof err);
    if (!s->p) fail_msg("platform_new: %s", err);
    s->port = platform_listen(s->p, "127.0.0.1:0");
    assert_true(s->port > 0);
    atomic_store(&s->stop, 0);
    assert_int_equal(pthread_create(&s->th, NULL, server_main, s), 0);
}

static void server_stop(server *s)
{
    atomic_store(&s->stop, 1);
    pthread_join(s->th, NULL);
}

static void server_free(server *s, int remove)
{
    platform_free(s->p);
    s->p = NULL;
    if (!remove) return;
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static void write_registry(const char *json)
{
    snprintf(stationspath, sizeof stationspath, "/tmp/hj_hostile_%d.json", (int)getpid());
    FILE *f = fopen(stationspath, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
}

/* Frames a data segment (length, CRC, CR LF). */
static int frame_seg(char *out, size_t cap, const char *seg)
{
    return snprintf(out, cap, "##%04zu%s%04X\r\n", strlen(seg), seg, hj212_crc(seg, strlen(seg)));
}

/* Sends a frame and reads the one reply; returns the reply's CN (-1: none, 0: closed). */
static int exchange(int fd, tc_reader *r, const char *frame, size_t n, char *reply, size_t cap)
{
    if (tc_send(fd, frame, n) != 0) return -1;
    int got = tc_read_frame(fd, r, reply, cap, 3000);
    if (got <= 0) return got;
    char cn[8];
    if (tc_field(reply, "CN", cn, sizeof cn) != 0) return -1;
    return atoi(cn);
}

static int qnrtn(const char *reply)
{
    char v[8];
    if (tc_field(reply, "QnRtn", v, sizeof v) != 0) return -1;
    return atoi(v);
}

/* One upload from a good DAU on a new connection: its reply's CN. */
static int good_dau(int port, const char *mn, long long qn_ms, const char *datatime)
{
    char frame[1024], reply[1024];
    int fd = tc_connect(port);
    if (fd < 0) return -1;
    tc_reader r = {{0}, 0};
    int n = tc_upload(frame, sizeof frame, 2061, mn, "123456", qn_ms, datatime, 50.0);
    int cn = exchange(fd, &r, frame, (size_t)n, reply, sizeof reply);
    close(fd);
    return cn;
}

/* Connects, sends, and resets the connection at once (SO_LINGER 0: RST, not FIN). */
static void send_and_reset(int port, const char *frame, size_t n)
{
    int fd = tc_connect(port);
    assert_true(fd >= 0);
    assert_int_equal(tc_send(fd, frame, n), 0);
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    close(fd);
}

/* Every packet that earns a reply, then a reset before the reply is read: the platform's
 * send fails and the connection is condemned while its replies are being released. */
static void test_reset_after_reply(void **state)
{
    write_registry("[{\"mn\": \"RST01\", \"pw\": \"123456\"}]");
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.stations_path = stationspath;
    server s;
    server_open(&s, &cfg, 1);

    char kinds[5][1024];
    int len[5];
    /* an unknown MN (9011 QnRtn=4), a bad CRC (9011 QnRtn=9), a valid upload (9014), a
     * notification (9013), a heartbeat (9015) */
    len[0] = tc_upload(kinds[0], sizeof kinds[0], 2061, "NOSUCH", "123456", 1644285600000LL,
                       "20220208100000", 1.0);
    len[1] = tc_upload(kinds[1], sizeof kinds[1], 2061, "RST01", "123456", 1644285600000LL,
                       "20220208100000", 1.0);
    kinds[1][len[1] - 3] = kinds[1][len[1] - 3] == '0' ? '1' : '0';
    len[2] = tc_upload(kinds[2], sizeof kinds[2], 2061, "RST01", "123456", 1644285600000LL,
                       "20220208100000", 1.0);
    len[3] = frame_seg(kinds[3], sizeof kinds[3],
                       "QN=20220208100000003;ST=32;CN=1062;PW=123456;MN=RST01;Flag=5;"
                       "CP=&&RtdInterval=30&&");
    len[4] = frame_seg(kinds[4], sizeof kinds[4],
                       "QN=20220208100000004;ST=32;CN=9015;PW=123456;MN=RST01;Flag=9;CP=&&&&");
    for (int k = 0; k < 5; k++)
        for (int i = 0; i < 100; i++)
            send_and_reset(s.port, kinds[k], (size_t)len[k]);
    /* the platform is alive and a good DAU still gets its 9014 */
    assert_int_equal(good_dau(s.port, "RST01", 1644285600100LL, "20220208110000"), 9014);
    usleep(200 * 1000); /* its close reaches the platform */
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_true(st.accepted >= 501);
    assert_int_equal(st.current_conns, 0);
    server_free(&s, 1);
    unlink(stationspath);
    (void)state;
}

static int part_frame(char *out, size_t cap, const char *mn, const char *qn, int pnum, int pno,
                      const char *cp)
{
    char seg[2048];
    snprintf(seg, sizeof seg, "QN=%s;ST=32;CN=2061;PW=123456;MN=%s;Flag=7;PNUM=%d;PNO=%d;CP=&&%s&&",
             qn, mn, pnum, pno, cp);
    return frame_seg(out, cap, seg);
}

/* Acknowledged parts are in the database: a platform restarted between the parts of a
 * message still joins it. */
static void test_split_durable(void **state)
{
    write_registry("[{\"mn\": \"SPL01\", \"pw\": \"123456\"}]");
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.stations_path = stationspath;
    server s;
    server_open(&s, &cfg, 1);
    char frame[2048], reply[512];
    static const char *const cps[3] = {"DataTime=20220208100000;w01018-Avg=41.0,w01018-Flag=N",
                                       "DataTime=20220208100000;w00000-Avg=12.0,w00000-Flag=N",
                                       "DataTime=20220208100000;w21003-Avg=1.5,w21003-Flag=N"};
    int fd = tc_connect(s.port);
    tc_reader r = {{0}, 0};
    for (int pno = 1; pno <= 2; pno++) {
        int n = part_frame(frame, sizeof frame, "SPL01", "20220208100000001", 3, pno, cps[pno - 1]);
        assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    }
    close(fd);
    server_stop(&s);
    server_free(&s, 0); /* the platform goes away with two parts acknowledged */

    server_open(&s, &cfg, 0);
    fd = tc_connect(s.port);
    tc_reader r2 = {{0}, 0};
    int n = part_frame(frame, sizeof frame, "SPL01", "20220208100000001", 3, 3, cps[2]);
    assert_int_equal(exchange(fd, &r2, frame, (size_t)n, reply, sizeof reply), 9014);
    close(fd);
    server_stop(&s);
    /* the whole message is stored: the three averages, and no part is left over */
    assert_int_equal(store_count(platform_store(s.p), "readings"), 3);
    assert_int_equal(store_count(platform_store(s.p), "split_parts"), 0);
    server_free(&s, 1);
    unlink(stationspath);
    (void)state;
}

/* A message too large to join is refused at its first part; one station cannot fill the
 * assembly for the others. */
static void test_split_caps(void **state)
{
    write_registry("[{\"mn\": \"BIGSPL\", \"pw\": \"123456\"}, {\"mn\": \"OTHER\", \"pw\": \"123456\"}]");
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.stations_path = stationspath;
    server s;
    server_open(&s, &cfg, 1);
    char frame[2048], reply[512], cp[1200];
    int fd = tc_connect(s.port);
    tc_reader r = {{0}, 0};

    /* 50 parts of ~1 KB cannot make one packet: refused at the first, nothing kept */
    int k = snprintf(cp, sizeof cp, "DataTime=20220208100000;w01018-Info=");
    memset(cp + k, 'x', 1000);
    cp[k + 1000] = '\0';
    int n = part_frame(frame, sizeof frame, "BIGSPL", "20220208100000001", 50, 1, cp);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
    assert_int_equal(qnrtn(reply), 100);

    /* first parts of 300 messages from one station: only its share is kept */
    int acked = 0;
    for (int i = 0; i < 300; i++) {
        char qn[24];
        snprintf(qn, sizeof qn, "2022020810%02d%02d000", i / 60, i % 60);
        n = part_frame(frame, sizeof frame, "BIGSPL", qn, 2, 1,
                       "DataTime=20220208100000;w01018-Avg=41.0");
        int cn = exchange(fd, &r, frame, (size_t)n, reply, sizeof reply);
        assert_true(cn == 9014 || cn == 9011);
        acked += cn == 9014;
    }
    assert_true(acked > 0 && acked <= 16);
    /* another station's split message goes through */
    int fd2 = tc_connect(s.port);
    tc_reader r2 = {{0}, 0};
    for (int pno = 1; pno <= 2; pno++) {
        n = part_frame(frame, sizeof frame, "OTHER", "20220208100000009", 2, pno,
                       pno == 1 ? "DataTime=20220208100000;w01018-Avg=41.0"
                                : "DataTime=20220208100000;w00000-Avg=12.0");
        assert_int_equal(exchange(fd2, &r2, frame, (size_t)n, reply, sizeof reply), 9014);
    }
    close(fd);
    close(fd2);
    server_stop(&s);
    assert_int_equal(store_count(platform_store(s.p), "readings"), 2);
    server_free(&s, 1);
    unlink(stationspath);
    (void)state;
}

/* A DataTime that is not a date, or too far ahead, is refused and nothing is stored; the
 * real record of that hour is then stored, not taken for a duplicate. */
static void test_datatime(void **state)
{
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    server s;
    server_open(&s, &cfg, 1);
    static const char *const bad[] = {"abc", "20221301000000", "20220230100000",
                                      "2022020810000000000000000000000000000000", "2022020810000",
                                      "20220208250000"};
    char frame[1024], reply[512];
    int fd = tc_connect(s.port);
    tc_reader r = {{0}, 0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int n = tc_upload(frame, sizeof frame, 2061, "DT01", "123456", 1644285600000LL + (long long)i,
                          bad[i], 50.0);
        assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
        assert_int_equal(qnrtn(reply), 100);
    }
    /* two days ahead of the platform's (wall) clock: refused; an hour ahead: taken */
    time_t now = time(NULL);
    char ahead[16], soon[16];
    time_t t2 = now + 2 * 86400 + 8 * 3600, t1 = now + 3600 + 8 * 3600;
    struct tm tm;
    gmtime_r(&t2, &tm);
    strftime(ahead, sizeof ahead, "%Y%m%d%H0000", &tm);
    gmtime_r(&t1, &tm);
    strftime(soon, sizeof soon, "%Y%m%d%H0000", &tm);
    int n = tc_upload(frame, sizeof frame, 2061, "DT01", "123456", 1644285600100LL, ahead, 50.0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
    assert_int_equal(qnrtn(reply), 100);
    n = tc_upload(frame, sizeof frame, 2061, "DT01", "123456", 1644285600101LL, soon, 50.0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    close(fd);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.stored, 1); /* the hour ahead only */
    assert_int_equal(store_count(platform_store(s.p), "packets"), 1);
    server_free(&s, 1);
    (void)state;
}

/* A refused frame now and then does not keep a slot: idle and frame time count from the
 * last valid packet. */
static void test_trickle_closed(void **state)
{
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.idle_timeout_ms = 1500;
    cfg.frame_timeout_ms = 1000;
    server s;
    server_open(&s, &cfg, 1);
    char bad[256];
    int n = frame_seg(bad, sizeof bad, "ST=32;CN=2011;PW=123456;MN=TRICKLE;CP=&&&&");
    bad[n - 3] = bad[n - 3] == '0' ? '1' : '0'; /* CRC: refused, no QN: no reply */
    int fd = tc_connect(s.port);
    long long t0 = tc_now_ms();
    int closed = 0;
    while (tc_now_ms() - t0 < 5000) {
        if (send(fd, bad, (size_t)n, MSG_NOSIGNAL) != n) {
            closed = 1;
            break;
        }
        tc_reader r = {{0}, 0};
        char b[64];
        if (tc_read_frame(fd, &r, b, sizeof b, 200) == 0) {
            closed = 1;
            break;
        }
    }
    long long took = tc_now_ms() - t0;
    close(fd);
    server_stop(&s);
    assert_true(closed);
    assert_true(took < 3000);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.timeouts, 1);
    server_free(&s, 1);
    (void)state;
}

/* All slots held by silent connections: a DAU still gets in (the oldest silent one goes);
 * with every slot held by DAUs, the newcomer is refused. */
static void test_slots_evict(void **state)
{
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.max_conns = 16;
    server s;
    server_open(&s, &cfg, 1);
    int silent[16];
    for (int i = 0; i < 16; i++) {
        silent[i] = tc_connect(s.port);
        assert_true(silent[i] >= 0);
    }
    usleep(100 * 1000);
    assert_int_equal(good_dau(s.port, "SLOT01", 1644285600000LL, "20220208100000"), 9014);
    /* the oldest silent connection was the one closed */
    tc_reader r = {{0}, 0};
    char b[64];
    assert_int_equal(tc_read_frame(silent[0], &r, b, sizeof b, 2000), 0);
    for (int i = 0; i < 16; i++)
        close(silent[i]);
    usleep(100 * 1000);

    /* 16 DAUs that sent a valid packet hold every slot: the 17th is refused */
    int daus[16];
    char frame[1024], reply[512];
    for (int i = 0; i < 16; i++) {
        char mn[16];
        snprintf(mn, sizeof mn, "DAU%02d", i);
        daus[i] = tc_connect(s.port);
        tc_reader rr = {{0}, 0};
        int n = tc_upload(frame, sizeof frame, 2061, mn, "123456", 1644285600000LL + i,
                          "20220208100000", 1.0);
        assert_int_equal(exchange(daus[i], &rr, frame, (size_t)n, reply, sizeof reply), 9014);
    }
    int late = tc_connect(s.port);
    tc_reader rl = {{0}, 0};
    assert_int_equal(tc_read_frame(late, &rl, b, sizeof b, 2000), 0);
    close(late);
    for (int i = 0; i < 16; i++)
        close(daus[i]);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_true(st.evicted >= 1);
    assert_true(st.refused_conns >= 1);
    server_free(&s, 1);
    (void)state;
}

/* One source address gets at most max_per_addr slots. */
static void test_per_address(void **state)
{
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.max_per_addr = 4;
    server s;
    server_open(&s, &cfg, 1);
    int daus[4];
    char frame[1024], reply[512], b[64];
    for (int i = 0; i < 4; i++) {
        char mn[16];
        snprintf(mn, sizeof mn, "ADDR%02d", i);
        daus[i] = tc_connect(s.port);
        tc_reader rr = {{0}, 0};
        int n = tc_upload(frame, sizeof frame, 2061, mn, "123456", 1644285600000LL + i,
                          "20220208100000", 1.0);
        assert_int_equal(exchange(daus[i], &rr, frame, (size_t)n, reply, sizeof reply), 9014);
    }
    int fifth = tc_connect(s.port);
    tc_reader r = {{0}, 0};
    assert_int_equal(tc_read_frame(fifth, &r, b, sizeof b, 2000), 0);
    close(fifth);
    /* a slot given back is free again */
    close(daus[3]);
    usleep(100 * 1000);
    assert_int_equal(good_dau(s.port, "ADDR09", 1644285600009LL, "20220208100000"), 9014);
    for (int i = 0; i < 3; i++)
        close(daus[i]);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.refused_conns, 1);
    server_free(&s, 1);
    (void)state;
}

typedef struct log_count {
    atomic_ulong lines, suppressed;
} log_count;

static void count_log(void *ctx, platform_event ev, const char *peer, const char *mn,
                      const char *detail)
{
    log_count *l = ctx;
    atomic_fetch_add(&l->lines, 1);
    if (ev == PLATFORM_EV_SUPPRESSED) atomic_fetch_add(&l->suppressed, 1);
    (void)peer;
    (void)mn;
    (void)detail;
}

/* 20,000 refused frames give a bounded number of log lines, the rest summed up. */
static void test_log_bounded(void **state)
{
    log_count lc;
    atomic_init(&lc.lines, 0);
    atomic_init(&lc.suppressed, 0);
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.log = count_log;
    cfg.log_ctx = &lc;
    cfg.log_interval_ms = 500;
    server s;
    server_open(&s, &cfg, 1);
    static char flood[20000 * 6];
    for (size_t i = 0; i < sizeof flood; i += 6)
        memcpy(flood + i, "##9999", 6);
    int fd = tc_connect(s.port);
    assert_int_equal(tc_send(fd, flood, sizeof flood), 0);
    usleep(700 * 1000);
    close(fd);
    usleep(700 * 1000); /* an interval ends: its summary line */
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    unsigned long lines = atomic_load(&lc.lines);
    print_message("log: %lu lines for %llu refusals, %llu left out\n", lines,
                  (unsigned long long)st.refused, (unsigned long long)st.log_suppressed);
    assert_true(st.refused >= 1000);
    assert_true(lines < 100);
    assert_true(atomic_load(&lc.suppressed) >= 1);
    assert_true(st.log_suppressed > 0);
    server_free(&s, 1);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_after_reply), cmocka_unit_test(test_split_durable),
        cmocka_unit_test(test_split_caps),        cmocka_unit_test(test_datatime),
        cmocka_unit_test(test_trickle_closed),    cmocka_unit_test(test_slots_evict),
        cmocka_unit_test(test_per_address),       cmocka_unit_test(test_log_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
