/*
 * test_commands.c — commands from the platform to the DAU (HJ 212 §6: 9011 QnRtn, the
 * data, 9012 ExeRtn, all echoing the request's QN): 1061/1062 RtdInterval, 1011 time,
 * 2061 history from the DAU's own store, 2012 stop real-time data, a wrong PW, an unknown
 * CN. The platform is a test thread that acknowledges every upload and records every
 * frame it receives.
 */
#include "daut.h"
#include "hj212.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#define HOUR 3600000LL
#define MIN  60000LL

typedef struct fake {
    int lfd;
    atomic_int fd;
    atomic_int stop;
    mtx_t mu;
    char *got; /* every frame received that is not an upload, one a line */
    size_t n, cap;
    int uploads;
} fake;

static void fake_keep(fake *f, const char *p, size_t n)
{
    mtx_lock(&f->mu);
    if (f->n + n + 1 > f->cap) {
        f->cap = (f->n + n + 1) * 2;
        f->got = realloc(f->got, f->cap);
    }
    memcpy(f->got + f->n, p, n);
    f->n += n;
    f->got[f->n] = 0;
    mtx_unlock(&f->mu);
}

static int fake_main(void *arg)
{
    fake *f = arg;
    struct pollfd lp = {f->lfd, POLLIN, 0};
    while (!atomic_load(&f->stop) && poll(&lp, 1, 10) <= 0) {
    }
    if (atomic_load(&f->stop)) return 0;
    int fd = accept(f->lfd, NULL, NULL);
    atomic_store(&f->fd, fd);
    static hj212_packet pkt;
    char buf[65536];
    size_t have = 0;
    while (!atomic_load(&f->stop)) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 10) <= 0) continue;
        ssize_t r = recv(fd, buf + have, sizeof buf - have, 0);
        if (r <= 0) break;
        have += (size_t)r;
        char *e;
        while ((e = memchr(buf, '\n', have)) != NULL) {
            size_t fl = (size_t)(e - buf) + 1;
            hj212_opts o = {0, NULL};
            const char *det = NULL;
            if (hj212_parse(&pkt, buf, fl, &o, &det) == HJ212_OK) {
                if (pkt.cn_num >= 2000 && pkt.cn_num < 4000 && (pkt.flag & HJ212_FLAG_A)) {
                    char out[256];
                    int n = hj212_reply(&pkt, 9014, 0, out, sizeof out, &o);
                    if (n > 0 && send(fd, out, (size_t)n, MSG_NOSIGNAL) != n) break;
                    f->uploads++;
                } else {
                    fake_keep(f, buf, fl);
                }
            }
            memmove(buf, buf + fl, have - fl);
            have -= fl;
        }
    }
    return 0;
}

static void send_cmd(fake *f, const char *qn, int cn, const char *pw, const char *mn,
                     const char *k1, const char *v1, const char *k2, const char *v2)
{
    static hj212_packet pkt;
    hj212_init(&pkt, HJ212_V2017, qn, 32, cn, pw, mn, HJ212_FLAG_A);
    if (k1) assert_int_equal(hj212_add(&pkt, k1, v1, 1), 0);
    if (k2) assert_int_equal(hj212_add(&pkt, k2, v2, 1), 0);
    char out[1024];
    hj212_opts o = {0, NULL};
    hj212_err e = HJ212_OK;
    int n = hj212_encode(&pkt, out, sizeof out, &o, &e);
    assert_true(n > 0);
    int fd = atomic_load(&f->fd);
    assert_true(fd >= 0);
    assert_int_equal(send(fd, out, (size_t)n, MSG_NOSIGNAL), n);
}

/* The frames received with this QN, in order, as "CN:key=value" summaries. */
static int replies(fake *f, const char *qn, char out[][1024], int max)
{
    int k = 0;
    char pat[32];
    snprintf(pat, sizeof pat, "QN=%s;", qn);
    mtx_lock(&f->mu);
    for (const char *l = f->got; l && *l && k < max;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        char *line = strndup(l, len);
        l += len;
        if (strstr(line, pat)) snprintf(out[k++], 1024, "%s", strstr(line, ";CN=") + 1);
        free(line);
    }
    mtx_unlock(&f->mu);
    return k;
}

static void settle(range *r, int64_t t)
{
    assert_int_equal(range_run_until(r, t), 0);
    struct timespec ts = {0, 100 * 1000000L};
    thrd_sleep(&ts, NULL); /* the fake platform's thread reads the answers */
}

static void test_commands(void **state)
{
    (void)state;
    const char *dir = daut_dir("cmd");
    fake f;
    memset(&f, 0, sizeof f);
    atomic_store(&f.fd, -1);
    mtx_init(&f.mu, mtx_plain);
    f.lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    assert_int_equal(bind(f.lfd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(f.lfd, 8), 0);
    getsockname(f.lfd, (struct sockaddr *)&sa, &sl);
    char plat[64];
    snprintf(plat, sizeof plat, "127.0.0.1:%d", ntohs(sa.sin_port));
    thrd_t th;
    assert_int_equal(thrd_create(&th, fake_main, &f), thrd_success);

    station_cfg sc[1];
    daut_station(&sc[0], 0);
    const char *mn = sc[0].mn;
    const char *plats[1] = {plat};
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = sc;
    rc.n_stations = 1;
    rc.seed = 3;
    rc.t0 = DAUT_T0;
    rc.out_dir = dir;
    rc.platforms = plats;
    rc.n_platforms = 1;
    char err[256] = "";
    range *r = range_new(&rc, err, sizeof err);
    assert_non_null(r);
    settle(r, DAUT_T0 + 2 * HOUR + 10 * MIN);
    assert_true(atomic_load(&f.fd) >= 0);

    static char rep[8][1024];
    /* 1061: read RtdInterval */
    send_cmd(&f, "20220208021000100", 1061, "123456", mn, NULL, NULL, NULL, NULL);
    settle(r, DAUT_T0 + 2 * HOUR + 11 * MIN);
    assert_int_equal(replies(&f, "20220208021000100", rep, 8), 3);
    assert_non_null(strstr(rep[0], "CN=9011;"));
    assert_non_null(strstr(rep[0], "QnRtn=1&&"));
    assert_non_null(strstr(rep[1], "CN=1061;"));
    assert_non_null(strstr(rep[1], "RtdInterval=60&&"));
    assert_non_null(strstr(rep[2], "CN=9012;"));
    assert_non_null(strstr(rep[2], "ExeRtn=1&&"));

    /* 1011: the DAU's clock is the virtual clock (the command is read at 02:12) */
    send_cmd(&f, "20220208021100200", 1011, "123456", mn, NULL, NULL, NULL, NULL);
    settle(r, DAUT_T0 + 2 * HOUR + 12 * MIN);
    assert_int_equal(replies(&f, "20220208021100200", rep, 8), 3);
    assert_non_null(strstr(rep[1], "SystemTime=20220208021200&&"));

    /* 2061: the DAU's own hourly history, 00:00 and 01:00 */
    send_cmd(&f, "20220208021200300", 2061, "123456", mn, "BeginTime", "20220208000000", "EndTime",
             "20220208010000");
    settle(r, DAUT_T0 + 2 * HOUR + 13 * MIN);
    assert_int_equal(replies(&f, "20220208021200300", rep, 8), 4);
    assert_non_null(strstr(rep[1], "CN=2061;"));
    assert_non_null(strstr(rep[1], "DataTime=20220208000000;w00000-Avg="));
    assert_non_null(strstr(rep[2], "DataTime=20220208010000;w00000-Avg="));
    assert_non_null(strstr(rep[3], "ExeRtn=1&&"));
    /* the answer carries what the DAU uploaded for that hour */
    char path[300];
    snprintf(path, sizeof path, "%s/hj212.log", dir);
    char *log = daut_slurp(path, NULL);
    char avg_hist[32], avg_log[32];
    daut_field(rep[1], "w01018-Avg", avg_hist, sizeof avg_hist);
    const char *h0 =
        strstr(log, "CN=2061;PW=123456;MN=33040001DAU0000;Flag=5;CP=&&DataTime=20220208000000;");
    assert_non_null(h0);
    daut_field(h0, "w01018-Avg", avg_log, sizeof avg_log);
    assert_string_equal(avg_hist, avg_log);
    free(log);

    /* 1062: RtdInterval 300 s -> 2011 every 5 minutes from now on */
    send_cmd(&f, "20220208021300400", 1062, "123456", mn, "RtdInterval", "300", NULL, NULL);
    settle(r, DAUT_T0 + 2 * HOUR + 14 * MIN);
    assert_int_equal(replies(&f, "20220208021300400", rep, 8), 2);
    assert_non_null(strstr(rep[1], "ExeRtn=1&&"));
    log = daut_slurp(path, NULL);
    int before = daut_count_cn(log, 2011, mn);
    free(log);
    settle(r, DAUT_T0 + 2 * HOUR + 44 * MIN);
    log = daut_slurp(path, NULL);
    assert_int_equal(daut_count_cn(log, 2011, mn) - before, 6); /* 02:15 .. 02:40 */
    free(log);

    /* a bad RtdInterval: ExeRtn 3; a wrong PW: QnRtn 3; an unknown CN: QnRtn 8 */
    send_cmd(&f, "20220208024400500", 1062, "123456", mn, "RtdInterval", "5", NULL, NULL);
    send_cmd(&f, "20220208024400600", 1061, "999999", mn, NULL, NULL, NULL, NULL);
    send_cmd(&f, "20220208024400700", 3015, "123456", mn, NULL, NULL, NULL, NULL);
    settle(r, DAUT_T0 + 2 * HOUR + 45 * MIN);
    assert_int_equal(replies(&f, "20220208024400500", rep, 8), 2);
    assert_non_null(strstr(rep[1], "ExeRtn=3&&"));
    assert_int_equal(replies(&f, "20220208024400600", rep, 8), 1);
    assert_non_null(strstr(rep[0], "QnRtn=3&&"));
    assert_int_equal(replies(&f, "20220208024400700", rep, 8), 1);
    assert_non_null(strstr(rep[0], "QnRtn=8&&"));

    /* 2012: real-time data stops */
    send_cmd(&f, "20220208024500800", 2012, "123456", mn, NULL, NULL, NULL, NULL);
    settle(r, DAUT_T0 + 2 * HOUR + 46 * MIN);
    log = daut_slurp(path, NULL);
    before = daut_count_cn(log, 2011, mn);
    free(log);
    settle(r, DAUT_T0 + 3 * HOUR + 30 * MIN);
    log = daut_slurp(path, NULL);
    assert_int_equal(daut_count_cn(log, 2011, mn), before);
    assert_int_equal(daut_count_cn(log, 2061, mn), 3); /* the hourly data goes on */
    free(log);

    dau_stats ds = dau_stats_get(range_dau(r, 0));
    range_free(r);
    atomic_store(&f.stop, 1);
    thrd_join(th, NULL);
    assert_int_equal(ds.commands, 8);
    assert_int_equal(ds.queued, 0);
    assert_int_equal((uint64_t)f.uploads, ds.acked);
    close(f.lfd);
    if (atomic_load(&f.fd) >= 0) close(atomic_load(&f.fd));
    free(f.got);
    mtx_destroy(&f.mu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commands),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (failed == 0) daut_cleanup(); /* kept for a look when something failed */
    return failed;
}
