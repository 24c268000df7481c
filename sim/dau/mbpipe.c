/*
 * mbpipe.c — pipelined Modbus/TCP reads; see mbpipe.h.
 */
#include "mbpipe.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum {
    REQ_LEN = 12,  /* MBAP (7) + FC + address + count */
    ADU_MAX = 260, /* Modbus/TCP maximum frame */
    FC_READ = 3
};

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until fd is ready for events or the deadline passed: 1 ready, 0 timeout, -1.
 * With sv, serves sv's fd whenever it is readable meanwhile. A timeout is judged by a look
 * that found nothing ready (and, past the deadline, after at most a few more serves): a
 * thread that was kept from a core past the deadline still takes a reply that is there. */
static int wait_fd(int fd, short events, long long deadline, const mbpipe_serve *sv)
{
    int late = 0; /* serves past the deadline: an accept, then the request */
    for (;;) {
        long long left = deadline - mono_ms();
        if (left < 0) left = 0;
        struct pollfd p[2] = {{fd, events, 0}, {sv ? sv->fd : -1, POLLIN, 0}};
        int k = poll(p, sv ? 2 : 1, left > 60000 ? 60000 : (int)left);
        if (k < 0 && errno != EINTR) return -1;
        if (k < 0) continue;
        if (k == 0) {
            if (left == 0) return 0;
            continue;
        }
        if (p[0].revents & events) return 1;
        if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL)) return -1;
        if (sv && p[1].revents) {
            if (left == 0 && ++late > 4) return 0;
            sv->fn(sv->ctx);
        }
    }
}

static int send_all(int fd, const uint8_t *p, size_t len, long long deadline,
                    const mbpipe_serve *sv)
{
    while (len > 0) {
        ssize_t w = send(fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w > 0) {
            p += w;
            len -= (size_t)w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (wait_fd(fd, POLLOUT, deadline, sv) != 1) return -1;
        } else {
            return -1;
        }
    }
    return 0;
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)(v & 0xFF);
}

/* Takes one whole reply frame f of flen bytes: 0 taken, -1 malformed or unexpected. */
static int take_reply(mbpipe_read *r, int n, uint16_t tid0, const uint8_t *f, size_t flen)
{
    uint16_t k = (uint16_t)(be16(f) - tid0);
    if (k >= n || r[k].rc != -1 || f[6] != r[k].unit) return -1;
    uint8_t fc = f[7];
    if (fc == (FC_READ | 0x80) && flen == 9 && f[8] != 0) {
        r[k].rc = f[8];
        return 0;
    }
    if (fc != FC_READ || flen != 9u + 2u * r[k].n || f[8] != 2u * r[k].n) return -1;
    for (uint16_t i = 0; i < r[k].n; i++)
        r[k].w[i] = be16(f + 9 + 2 * i);
    r[k].rc = 0;
    return 0;
}

int mbpipe_read_all(int fd, mbpipe_read *r, int n, int timeout_ms, uint16_t *tid,
                    const mbpipe_serve *sv)
{
    if (n <= 0) return 0;
    if (n > MBPIPE_MAX) return -1;
    for (int i = 0; i < n; i++)
        r[i].rc = -1;
    long long deadline = mono_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    uint16_t tid0 = *tid;
    *tid = (uint16_t)(tid0 + n);
    uint8_t req[MBPIPE_MAX * REQ_LEN];
    for (int i = 0; i < n; i++) {
        if (r[i].n < 1 || r[i].n > MBPIPE_MAX_REGS) return -1;
        uint8_t *q = req + REQ_LEN * i;
        put16(q, (uint16_t)(tid0 + i)); /* transaction id */
        put16(q + 2, 0);                /* protocol: Modbus */
        put16(q + 4, 6);                /* unit id + PDU */
        q[6] = r[i].unit;
        q[7] = FC_READ;
        put16(q + 8, r[i].addr);
        put16(q + 10, r[i].n);
    }
    if (send_all(fd, req, (size_t)n * REQ_LEN, deadline, sv) != 0) return -1;

    /* replies: whole frames are taken as they come; a partial one waits in buf */
    uint8_t buf[4 * ADU_MAX];
    size_t len = 0;
    int answered = 0;
    if (sv) sv->fn(sv->ctx); /* the requests are there: have them answered */
    if (wait_fd(fd, POLLIN, deadline, sv) != 1) return -1;
    while (answered < n) {
        ssize_t got = recv(fd, buf + len, sizeof buf - len, MSG_DONTWAIT);
        if (got == 0) return -1;
        if (got < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
            if (wait_fd(fd, POLLIN, deadline, sv) != 1) return -1;
            continue;
        }
        len += (size_t)got;
        size_t off = 0;
        while (len - off >= 7) {
            const uint8_t *f = buf + off;
            uint16_t mlen = be16(f + 4);
            if (be16(f + 2) != 0 || mlen < 2 || mlen > ADU_MAX - 6) return -1;
            size_t flen = 6u + mlen;
            if (len - off < flen) break;
            if (take_reply(r, n, tid0, f, flen) != 0) return -1;
            answered++;
            off += flen;
        }
        memmove(buf, buf + off, len - off);
        len -= off;
    }
    return len == 0 ? 0 : -1; /* bytes beyond the last reply answer nothing we asked */
}
