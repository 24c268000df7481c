/*
 * ingest_load.c — load generator for scripts/bench/ingest: many DAU-like connections, each
 * keeping a window of hourly/real-time uploads (Flag A=1) in flight and counting the 9014
 * replies of the platform. One thread, one epoll loop, non-blocking sockets.
 *
 * usage: ingest_load --port P [--conns 200] [--window 8] [--seconds 5] [--codes 4]
 *                    [--cn 2011] [--tag STR]
 * Prints: packets=N records=R seconds=S packets_per_s=X records_per_s=Y
 *         lat_avg_ms=A lat_max_ms=M
 * A "record" is one reading (one code's value) that the platform stores.
 */
#define _GNU_SOURCE /* memmem */
#include "hj212.h"
#include "hjtime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_WINDOW 256

typedef struct lconn {
    int fd;
    int idx;
    long seq; /* next record to send */
    long acked;
    int inflight;
    double sent_at[MAX_WINDOW]; /* FIFO of send times: acks come back in order */
    int head;
    char rbuf[8192];
    size_t rn;
    char obuf[MAX_WINDOW * 512];
    size_t oo, on;
    int out_armed;
} lconn;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const codes[] = {"w01018", "w21003", "w00000", "w01001",
                                    "w21011", "w21001", "w01010", "w01014"};

/* Appends one upload frame for (conn, seq) to c->obuf. */
static void build(lconn *c, int cn, int ncodes, const char *tag)
{
    char seg[1024], qn[18], dt[16];
    time_t t = (time_t)(1640966400L + c->seq * (cn == 2061 ? 3600 : 1)); /* from 2022-01-01 */
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(dt, sizeof dt, "%Y%m%d%H%M%S", &tm);
    hjtime_format_qn((int64_t)1640966400000LL + c->seq, qn, sizeof qn);
    int n =
        snprintf(seg, sizeof seg, "QN=%s;ST=32;CN=%d;PW=123456;MN=%s%05d;Flag=5;CP=&&DataTime=%s",
                 qn, cn, tag, c->idx, dt);
    for (int k = 0; k < ncodes; k++)
        n += snprintf(seg + n, sizeof seg - (size_t)n, ";%s-Rtd=%ld.%ld,%s-Flag=N", codes[k],
                      (c->seq % 500) + k, c->seq % 10, codes[k]);
    n += snprintf(seg + n, sizeof seg - (size_t)n, "&&");
    int m = snprintf(c->obuf + c->on, sizeof c->obuf - c->on, "##%04d%s%04X\r\n", n, seg,
                     hj212_crc(seg, (size_t)n));
    c->on += (size_t)m;
    c->sent_at[(c->head + c->inflight) % MAX_WINDOW] = now_s();
    c->inflight++;
    c->seq++;
}

/* Sends what is buffered; 0, or -1 when the connection failed. */
static int flush(lconn *c)
{
    while (c->oo < c->on) {
        ssize_t k = send(c->fd, c->obuf + c->oo, c->on - c->oo, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
            fprintf(stderr, "ingest_load: send: %s\n", strerror(errno));
            return -1;
        }
        c->oo += (size_t)k;
    }
    c->oo = c->on = 0;
    return 0;
}

/* EPOLLOUT only while output waits: level-triggered writability would spin the loop. */
static void want_out(int ep, lconn *c)
{
    int want = c->oo < c->on;
    if (want == c->out_armed) return;
    struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0u), .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    c->out_armed = want;
}

int main(int argc, char **argv)
{
    int port = 0, nconns = 200, window = 8, ncodes = 4, cn = 2011;
    double seconds = 5;
    const char *tag = "BENCH";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0)
            port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--conns") == 0)
            nconns = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--window") == 0)
            window = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--codes") == 0)
            ncodes = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--cn") == 0)
            cn = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--tag") == 0)
            tag = argv[i + 1];
    }
    if (port <= 0 || nconns < 1 || window < 1 || window > MAX_WINDOW || ncodes < 1 || ncodes > 8 ||
        strlen(tag) > 12) {
        fprintf(stderr, "usage: ingest_load --port P [--conns N] [--window 1..256] "
                        "[--seconds S] [--codes 1..8] [--cn CN] [--tag STR]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)nconns + 64) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    lconn *cs = calloc((size_t)nconns, sizeof *cs);
    int ep = epoll_create1(0);
    if (!cs || ep < 0) return 1;
    for (int i = 0; i < nconns; i++) {
        lconn *c = &cs[i];
        c->idx = i;
        c->fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_port = htons((unsigned short)port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) {
            fprintf(stderr, "ingest_load: connect %d: %s\n", i, strerror(errno));
            return 1;
        }
        fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
    }
    for (int i = 0; i < nconns; i++) { /* the first window of every connection */
        lconn *c = &cs[i];
        while (c->inflight < window)
            build(c, cn, ncodes, tag);
        if (flush(c) != 0) return 1;
        want_out(ep, c);
    }
    double t0 = now_s(), tend = t0 + seconds;
    long packets = 0;
    double lat_sum = 0, lat_max = 0;
    struct epoll_event evs[512];
    int sending = 1;
    double last = t0;
    while (1) {
        double t = now_s();
        if (sending && t >= tend) sending = 0;
        long inflight = 0;
        for (int i = 0; i < nconns && !sending; i++)
            inflight += cs[i].inflight;
        if (!sending && (inflight == 0 || t > tend + 10)) break;
        int n = epoll_wait(ep, evs, 512, 100);
        for (int e = 0; e < n; e++) {
            lconn *c = evs[e].data.ptr;
            if (evs[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                ssize_t k = recv(c->fd, c->rbuf + c->rn, sizeof c->rbuf - c->rn, 0);
                if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
                    fprintf(stderr, "ingest_load: connection %d closed by the platform\n", c->idx);
                    return 1;
                }
                if (k > 0) c->rn += (size_t)k;
                size_t start = 0;
                for (size_t i = 1; i < c->rn; i++) {
                    if (c->rbuf[i - 1] != '\r' || c->rbuf[i] != '\n') continue;
                    if (memmem(c->rbuf + start, i + 1 - start, "CN=9014;", 8) && c->inflight) {
                        double lat = now_s() - c->sent_at[c->head];
                        c->head = (c->head + 1) % MAX_WINDOW;
                        c->inflight--;
                        c->acked++;
                        lat_sum += lat;
                        if (lat > lat_max) lat_max = lat;
                        packets++;
                        last = now_s();
                    }
                    start = i + 1;
                }
                memmove(c->rbuf, c->rbuf + start, c->rn - start);
                c->rn -= start;
            }
            while (sending && c->inflight < window && c->on + 1024 < sizeof c->obuf)
                build(c, cn, ncodes, tag);
            if (flush(c) != 0) return 1;
            want_out(ep, c);
        }
    }
    double el = last - t0;
    printf("packets=%ld records=%ld seconds=%.2f packets_per_s=%.0f records_per_s=%.0f "
           "lat_avg_ms=%.2f lat_max_ms=%.2f\n",
           packets, packets * ncodes, el, packets / el, packets * ncodes / el,
           packets ? lat_sum / (double)packets * 1000 : 0, lat_max * 1000);
    for (int i = 0; i < nconns; i++)
        close(cs[i].fd);
    free(cs);
    close(ep);
    return 0;
}
