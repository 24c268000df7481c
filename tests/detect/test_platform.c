/*
 * test_platform.c — the receiver over loopback: auth, replies, dedup, hostile clients.
 * The platform runs in a second thread (its own loop); the test plays the DAUs.
 */
#include "client.h"
#include "detect.h"
#include "hj212-sm4.h"
#include "hj212.h"
#include "platform.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

typedef struct server {
    detect *d; /* the pipeline with its engine, unless the test hooks the commits itself */
    platform *p;
    pthread_t th;
    atomic_int stop;
    int port;
} server;

static char dbpath[64], alertspath[64], stationspath[64];

static void *server_main(void *arg)
{
    server *s = arg;
    while (!atomic_load(&s->stop))
        platform_poll_once(s->p, 20);
    return NULL;
}

static void server_start(server *s, platform_cfg *cfg)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/hj_plat_%d.db", (int)getpid());
    snprintf(alertspath, sizeof alertspath, "/tmp/hj_plat_%d.alerts", (int)getpid());
    unlink(dbpath);
    cfg->db_path = dbpath;
    char err[300] = "";
    s->d = NULL;
    if (cfg->on_commit) {
        s->p = platform_new(cfg, err, sizeof err);
    } else {
        detect_cfg dc;
        memset(&dc, 0, sizeof dc);
        dc.platform = *cfg;
        dc.alerts_path = alertspath;
        s->d = detect_new(&dc, err, sizeof err);
        s->p = s->d ? detect_platform(s->d) : NULL;
    }
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

static void server_free(server *s)
{
    if (s->d)
        detect_free(s->d);
    else
        platform_free(s->p);
    char p[80];
    unlink(dbpath);
    unlink(alertspath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

/* Sends a frame and reads the one reply; returns the reply's CN (-1: none). */
static int exchange(int fd, tc_reader *r, const char *frame, size_t n, char *reply, size_t cap)
{
    assert_int_equal(tc_send(fd, frame, n), 0);
    if (tc_read_frame(fd, r, reply, cap, 3000) <= 0) return -1;
    char cn[8];
    if (tc_field(reply, "CN", cn, sizeof cn) != 0) return -1;
    return atoi(cn);
}

static void expect_qnrtn(const char *reply, int code)
{
    char v[8];
    assert_int_equal(tc_field(reply, "QnRtn", v, sizeof v), 0);
    assert_int_equal(atoi(v), code);
}

static void test_auth(void **state)
{
    FILE *f =
        fopen((snprintf(stationspath, sizeof stationspath, "/tmp/hj_plat_%d.json", (int)getpid()),
               stationspath),
              "w");
    assert_non_null(f);
    fputs("[{\"mn\": \"ST01\", \"pw\": \"123456\", \"protocol\": 2017}]\n", f);
    fclose(f);
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.stations_path = stationspath;
    server s;
    server_start(&s, &cfg);
    assert_int_equal(platform_stations(s.p), 1);

    int fd = tc_connect(s.port);
    assert_true(fd >= 0);
    tc_reader r = {{0}, 0};
    char frame[1024], reply[1024], qn[24];
    /* wrong PW -> 9011 QnRtn=3, QN echoed */
    int n = tc_upload(frame, sizeof frame, 2061, "ST01", "999999", 1644285600000LL,
                      "20220208100000", 182.0);
    assert_true(n > 0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
    expect_qnrtn(reply, 3);
    assert_int_equal(tc_field(reply, "QN", qn, sizeof qn), 0);
    assert_string_equal(qn, "20220208100000000");
    /* unknown MN -> 9011 QnRtn=4 */
    n = tc_upload(frame, sizeof frame, 2061, "ST99", "123456", 1644285600001LL, "20220208100000",
                  182.0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
    expect_qnrtn(reply, 4);
    /* a CRC error -> 9011 QnRtn=9 (the QN could be read) */
    n = tc_upload(frame, sizeof frame, 2061, "ST01", "123456", 1644285600002LL, "20220208100000",
                  182.0);
    frame[n - 3] = frame[n - 3] == '0' ? '1' : '0';
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9011);
    expect_qnrtn(reply, 9);
    /* a notification with A=1 -> 9013 */
    static const char seg[] =
        "QN=20220208100000003;ST=32;CN=1062;PW=123456;MN=ST01;Flag=5;CP=&&RtdInterval=30&&";
    n = snprintf(frame, sizeof frame, "##%04zu%s%04X\r\n", strlen(seg), seg,
                 hj212_crc(seg, strlen(seg)));
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9013);
    /* the right PW -> 9014 */
    n = tc_upload(frame, sizeof frame, 2061, "ST01", "123456", 1644285600004LL, "20220208100000",
                  182.0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    assert_int_equal(tc_field(reply, "QN", qn, sizeof qn), 0);
    assert_string_equal(qn, "20220208100000004");
    close(fd);

    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.auth_pw, 1);
    assert_int_equal(st.auth_mn, 1);
    assert_int_equal(st.refused, 1);
    assert_int_equal(st.stored, 1);
    assert_int_equal(st.acks, 1);
    /* only the authorised upload is stored: its 2 readings (COD and flow averages) */
    assert_int_equal(store_count(platform_store(s.p), "packets"), 1);
    assert_int_equal(store_count(platform_store(s.p), "readings"), 2);
    server_free(&s);
    unlink(stationspath);
    (void)state;
}

typedef struct hook_log {
    int calls, records, new_readings, resent, wrong;
} hook_log;

/* Runs in the platform's thread: it records, the test thread checks. */
static void on_commit(void *ctx, const batch *b)
{
    hook_log *h = ctx;
    h->calls++;
    h->resent += (int)b->resent;
    h->records += (int)(b->nuploads + b->resent);
    for (size_t i = 0; i < b->nuploads; i++) {
        const batch_upload *u = &b->uploads[i];
        h->new_readings += (int)u->nfields;
        if (strcmp(u->mn, "ST02") != 0 || strcmp(u->datatime, "20220208100000") != 0 ||
            u->cn != 2061 || u->received_ms <= 0)
            h->wrong++;
        /* the readings in the store's key order (sent w01018 first), with their flag */
        if (u->nfields != 2 || strcmp(u->fields[0].code, "w00000") != 0 ||
            strcmp(u->fields[1].code, "w01018") != 0 || strcmp(u->fields[1].value, "40.1") != 0)
            h->wrong++;
        for (size_t k = 0; k < u->nfields; k++)
            if (strcmp(u->fields[k].field, "Avg") != 0 || u->fields[k].flag != 'N') h->wrong++;
    }
}

static void test_dedup(void **state)
{
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    hook_log hook = {0, 0, 0, 0, 0};
    cfg.on_commit = on_commit;
    cfg.commit_ctx = &hook;
    server s;
    server_start(&s, &cfg);
    char frame[1024], reply[1024];
    int n = tc_upload(frame, sizeof frame, 2061, "ST02", "123456", 1644285600000LL,
                      "20220208100000", 40.1);
    for (int round = 0; round < 2; round++) { /* twice on one connection, once on another */
        int fd = tc_connect(s.port);
        assert_true(fd >= 0);
        tc_reader r = {{0}, 0};
        for (int k = 0; k < (round == 0 ? 2 : 1); k++) {
            assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
        }
        close(fd);
    }
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.acks, 3);
    assert_int_equal(st.stored, 1);
    assert_int_equal(st.duplicates, 2);
    assert_int_equal(store_count(platform_store(s.p), "packets"), 1);
    assert_int_equal(store_count(platform_store(s.p), "readings"), 2);
    /* the detection hook saw each commit: three records, new readings only in the first */
    assert_int_equal(hook.calls, 3);
    assert_int_equal(hook.records, 3);
    assert_int_equal(hook.new_readings, 2);
    assert_int_equal(hook.resent, 2);
    assert_int_equal(hook.wrong, 0);
    server_free(&s);
    (void)state;
}

static atomic_llong fake_now;

static int64_t fake_clock(void *ctx)
{
    return atomic_load(&fake_now);
}

/* Time-outs follow the caller's clock (the range's virtual clock in `hjrange run`). */
static void test_virtual_clock_idle(void **state)
{
    atomic_store(&fake_now, 1644285600000LL);
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.now_ms = fake_clock;
    cfg.idle_timeout_ms = 60000;
    server s;
    server_start(&s, &cfg);
    int fd = tc_connect(s.port);
    tc_reader r = {{0}, 0};
    char frame[512], reply[512];
    int n = tc_upload(frame, sizeof frame, 2011, "VCLK", "123456", 1644285600000LL,
                      "20220208100000", 1.0);
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    /* 59 virtual seconds: still open; 61: closed */
    atomic_store(&fake_now, 1644285600000LL + 59000);
    assert_int_equal(tc_read_frame(fd, &r, reply, sizeof reply, 300), -1);
    atomic_store(&fake_now, 1644285600000LL + 61000);
    assert_int_equal(tc_read_frame(fd, &r, reply, sizeof reply, 3000), 0);
    close(fd);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.timeouts, 1);
    server_free(&s);
    (void)state;
}

#define MANY 1000

/* A packet cut short in its MN: the codec refuses it having read its QN.
 * A 9011 to it would carry "MN=;", a packet no DAU (nor our codec) can read: it is not
 * sent; the valid packet that follows is acknowledged as usual. */
static void test_refused_reply_readable(void **state)
{
    (void)state;
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    server s;
    server_start(&s, &cfg);
    int fd = tc_connect(s.port);
    assert_true(fd >= 0);
    /* its claimed 268 bytes end in what follows, where no CRC is */
    char cut[400];
    int k = snprintf(cut, sizeof cut, "##0268QN=20220314000000000;ST=32;CN=3020;PW=123456;MN=33");
    memset(cut + k, 'x', 300);
    memcpy(cut + k + 300, "\r\n", 2);
    assert_int_equal(tc_send(fd, cut, (size_t)k + 302), 0);
    char frame[1024], reply[1024];
    int n = tc_upload(frame, sizeof frame, 2061, "33040001CUT0001", "123456", 1644285600000LL,
                      "20220208100000", 1.0);
    tc_reader r = {{0}, 0};
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    hj212_packet pk;
    assert_int_equal(hj212_parse(&pk, reply, strlen(reply), NULL, NULL), HJ212_OK);
    close(fd);
    server_stop(&s);
    assert_true(platform_stats_get(s.p).dropped >= 1);
    server_free(&s);
}

static void test_hostile(void **state)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < 2 * MANY + 100 && rl.rlim_max >= 2 * MANY + 100) {
        rl.rlim_cur = 2 * MANY + 100;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.frame_timeout_ms = 1000;
    cfg.max_packet = 2048;
    cfg.max_per_addr = PLATFORM_NO_LIMIT; /* every station here is on 127.0.0.1 */
    server s;
    server_start(&s, &cfg);
    char frame[1024], reply[1024];

    /* a thousand stations connect and each sends one hourly record */
    static int many[MANY];
    for (int i = 0; i < MANY; i++) {
        char mn[16];
        snprintf(mn, sizeof mn, "M%04d", i);
        many[i] = tc_connect(s.port);
        assert_true(many[i] >= 0);
        int n = tc_upload(frame, sizeof frame, 2061, mn, "123456", 1644285600000LL + i,
                          "20220208100000", 1.0 + i);
        assert_int_equal(tc_send(many[i], frame, (size_t)n), 0);
    }
    /* garbage (no "##" in it), then a valid packet on the same connection */
    int garbage = tc_connect(s.port);
    static char junk[100000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = "garbage!\r\n"[i % 10];
    assert_int_equal(tc_send(garbage, junk, sizeof junk), 0);
    int n = tc_upload(frame, sizeof frame, 2061, "GARB", "123456", 1644285600000LL,
                      "20220208100000", 3.0);
    assert_int_equal(tc_send(garbage, frame, (size_t)n), 0);
    /* oversize: a length beyond max_packet, with its bytes, then a valid packet */
    int big = tc_connect(s.port);
    static char huge[4200];
    memset(huge, 'A', sizeof huge);
    memcpy(huge, "##4000QN=20220208100000000;", 27);
    assert_int_equal(tc_send(big, huge, sizeof huge), 0);
    n = tc_upload(frame, sizeof frame, 2061, "BIG", "123456", 1644285600000LL, "20220208100000",
                  3.0);
    assert_int_equal(tc_send(big, frame, (size_t)n), 0);
    /* slowloris: a started frame, one byte now and then */
    int slow = tc_connect(s.port);
    static const char slowbytes[] = "##0101QN=20160801085857223;ST=32;CN=1062;";
    size_t slow_sent = 0;

    /* the good client: every record acknowledged promptly in the middle of all this */
    int good = tc_connect(s.port);
    tc_reader gr = {{0}, 0};
    long long worst = 0;
    int slow_closed = 0;
    long long t0 = tc_now_ms();
    for (int i = 0; i < 40; i++) {
        char dt[16];
        snprintf(dt, sizeof dt, "2022020810%02d00", i % 60);
        n = tc_upload(frame, sizeof frame, 2051, "GOOD", "123456", 1644285700000LL + i, dt, 2.0);
        long long a = tc_now_ms();
        assert_int_equal(exchange(good, &gr, frame, (size_t)n, reply, sizeof reply), 9014);
        long long lat = tc_now_ms() - a;
        if (lat > worst) worst = lat;
        if (!slow_closed && slow_sent < sizeof slowbytes - 1) {
            if (send(slow, slowbytes + slow_sent, 1, MSG_NOSIGNAL) == 1)
                slow_sent++;
            else
                slow_closed = 1;
        }
        usleep(50 * 1000);
    }
    long long elapsed = tc_now_ms() - t0;
    assert_true(elapsed >= 2000); /* 40 x 50 ms: well past the 1 s frame timeout */
    assert_true(worst < 1000);

    /* the slowloris connection was closed by the platform */
    char b[16];
    tc_reader sr = {{0}, 0};
    assert_int_equal(tc_read_frame(slow, &sr, b, sizeof b, 3000), 0);
    /* the packets after the garbage and after the oversize frame were taken */
    tc_reader r1 = {{0}, 0}, r2 = {{0}, 0};
    assert_true(tc_read_frame(garbage, &r1, reply, sizeof reply, 3000) > 0);
    assert_non_null(strstr(reply, "CN=9014;"));
    assert_true(tc_read_frame(big, &r2, reply, sizeof reply, 3000) > 0);
    assert_non_null(strstr(reply, "CN=9014;"));
    /* every one of the thousand got its 9014 */
    for (int i = 0; i < MANY; i++) {
        tc_reader r = {{0}, 0};
        assert_true(tc_read_frame(many[i], &r, reply, sizeof reply, 5000) > 0);
        assert_non_null(strstr(reply, "CN=9014;"));
        close(many[i]);
    }
    close(garbage);
    close(big);
    close(slow);
    close(good);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    /* the junk, and the 190 bytes of the oversize send beyond its 4010-byte frame */
    assert_int_equal(st.garbage_bytes, sizeof junk + sizeof huge - 4010);
    assert_true(st.refused >= 1); /* the oversize frame */
    assert_int_equal(st.timeouts, 1);
    assert_int_equal(st.stored, MANY + 40 + 2);
    assert_int_equal(store_count(platform_store(s.p), "packets"), MANY + 40 + 2);
    assert_true(st.accepted >= MANY + 4);
    print_message("hostile: worst ack latency %lld ms, %llu refused, %llu garbage bytes\n", worst,
                  (unsigned long long)st.refused, (unsigned long long)st.garbage_bytes);
    server_free(&s);
    (void)state;
}

/* Frames a data segment (length, CRC, CR LF). */
static int frame_seg(char *out, size_t cap, const char *seg)
{
    return snprintf(out, cap, "##%04zu%s%04X\r\n", strlen(seg), seg, hj212_crc(seg, strlen(seg)));
}

static void test_split_heartbeat_sm4(void **state)
{
    snprintf(stationspath, sizeof stationspath, "/tmp/hj_plat_%d.json", (int)getpid());
    FILE *f = fopen(stationspath, "w");
    assert_non_null(f);
    fputs("[{\"mn\": \"SPLIT\", \"pw\": \"123456\"},"
          " {\"mn\": \"ENC25\", \"pw\": \"123456\", \"protocol\": 2025,"
          "  \"key\": \"0123456789ABCDEF0123456789ABCDEF\"}]",
          f);
    fclose(f);
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.stations_path = stationspath;
    server s;
    server_start(&s, &cfg);
    int fd = tc_connect(s.port);
    tc_reader r = {{0}, 0};
    char frame[1024], reply[1024];

    /* a split hourly record: each part acknowledged, the message stored once complete */
    int n = frame_seg(frame, sizeof frame,
                      "QN=20220208100000001;ST=32;CN=2061;PW=123456;MN=SPLIT;Flag=7;PNUM=2;"
                      "PNO=1;CP=&&DataTime=20220208100000;w01018-Avg=41.0,w01018-Flag=N&&");
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    n = frame_seg(frame, sizeof frame,
                  "QN=20220208100000001;ST=32;CN=2061;PW=123456;MN=SPLIT;Flag=7;PNUM=2;"
                  "PNO=2;CP=&&DataTime=20220208100000;w00000-Avg=12.0,w00000-Flag=N&&");
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);

    /* a 2025 heartbeat with A=1 gets 9015 */
    n = frame_seg(frame, sizeof frame,
                  "QN=20220208100000002;ST=32;CN=9015;PW=123456;MN=SPLIT;Flag=9;CP=&&&&");
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9015);

    /* a 2025 upload with CP encrypted under the station's SM4 key */
    unsigned char key[16];
    assert_int_equal(hj212_sm4_key_parse("0123456789ABCDEF0123456789ABCDEF", key), 0);
    hj212_cipher *c = hj212_sm4_new(key);
    assert_non_null(c);
    static hj212_packet pkt;
    hj212_init(&pkt, HJ212_V2025, "20220208100000003", 32, 2061, "123456", "ENC25", HJ212_FLAG_A);
    hj212_add(&pkt, "DataTime", "20220208100000", 1);
    hj212_add(&pkt, "w01018-Avg", "182.0", 1);
    hj212_add(&pkt, "w01018-Flag", "N", 0);
    pkt.encrypted = 1;
    hj212_opts o = {0, c};
    hj212_err e = HJ212_OK;
    n = hj212_encode(&pkt, frame, sizeof frame, &o, &e);
    assert_true(n > 0);
    assert_null(strstr(frame, "w01018")); /* the CP is ciphertext on the wire */
    assert_int_equal(exchange(fd, &r, frame, (size_t)n, reply, sizeof reply), 9014);
    hj212_sm4_free(c);
    close(fd);

    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.split_parts, 2);
    assert_int_equal(st.split_joined, 1);
    assert_int_equal(st.stored, 2);
    assert_int_equal(st.replies, 4);
    assert_int_equal(store_count(platform_store(s.p), "packets"), 2);
    /* split: COD and flow; encrypted: COD */
    assert_int_equal(store_count(platform_store(s.p), "readings"), 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(store_dump(platform_store(s.p), "2061", NULL, m), 3);
    fclose(m);
    assert_string_equal(buf, "mn,cn,datatime,code,field,value,flag\n"
                             "ENC25,2061,20220208100000,w01018,Avg,182.0,N\n"
                             "SPLIT,2061,20220208100000,w00000,Avg,12.0,N\n"
                             "SPLIT,2061,20220208100000,w01018,Avg,41.0,N\n");
    free(buf);
    server_free(&s);
    unlink(stationspath);
    (void)state;
}

static void test_limits(void **state)
{
    char reply[512];
    platform_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.max_conns = 2;
    cfg.max_out = 4096;
    server s;
    server_start(&s, &cfg);
    /* a peer that never reads its replies is closed once they pass max_out */
    int deaf = socket(AF_INET, SOCK_STREAM, 0);
    int small = 4096; /* a small receive window: replies pile up on the platform's side */
    setsockopt(deaf, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)s.port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(deaf, (struct sockaddr *)&a, sizeof a), 0);
    int second = tc_connect(s.port);
    assert_true(second >= 0);
    /* both are DAUs: each has sent a valid packet */
    char frame[512];
    tc_reader rd = {{0}, 0}, r2 = {{0}, 0};
    int n = tc_upload(frame, sizeof frame, 2011, "DEAF", "123456", 1644285500000LL,
                      "20220207100000", 1.0);
    assert_int_equal(exchange(deaf, &rd, frame, (size_t)n, reply, sizeof reply), 9014);
    n = tc_upload(frame, sizeof frame, 2011, "OTHER", "123456", 1644285500000LL,
                  "20220207100000", 1.0);
    assert_int_equal(exchange(second, &r2, frame, (size_t)n, reply, sizeof reply), 9014);
    /* the third connection is over max_conns: accepted and closed at once */
    int third = tc_connect(s.port);
    assert_true(third >= 0);
    tc_reader r3 = {{0}, 0};
    assert_int_equal(tc_read_frame(third, &r3, reply, sizeof reply, 3000), 0);
    close(third);

    int sent = 0;
    for (int i = 0; i < 20000; i++) {
        char dt[16];
        snprintf(dt, sizeof dt, "2022%02d%02d%02d0000", 1 + i / 720 % 12, 1 + i / 24 % 28, i % 24);
        n =
            tc_upload(frame, sizeof frame, 2011, "DEAF", "123456", 1644285600000LL + i, dt, 1.0);
        if (send(deaf, frame, (size_t)n, MSG_NOSIGNAL) != n) break;
        sent++;
    }
    assert_true(sent > 0);
    /* the other connection is unaffected */
    n = tc_upload(frame, sizeof frame, 2011, "OTHER", "123456", 1644285600000LL,
                      "20220208100000", 1.0);
    assert_int_equal(exchange(second, &r2, frame, (size_t)n, reply, sizeof reply), 9014);
    close(second);
    close(deaf);
    server_stop(&s);
    platform_stats st = platform_stats_get(s.p);
    assert_int_equal(st.refused_conns, 1);
    assert_int_equal(st.out_limit, 1);
    print_message("limits: the deaf peer was closed after %llu replies\n",
                  (unsigned long long)st.acks);
    server_free(&s);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_auth),    cmocka_unit_test(test_dedup),
        cmocka_unit_test(test_hostile), cmocka_unit_test(test_split_heartbeat_sm4),
        cmocka_unit_test(test_limits),  cmocka_unit_test(test_virtual_clock_idle),
        cmocka_unit_test(test_refused_reply_readable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
