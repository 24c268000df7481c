/*
 * test_mbserver.c — the Modbus/TCP endpoint on loopback: exact replies and exceptions,
 * writes reaching the model, pipelining, split frames, a stalled / garbage / flooding
 * client beside a normal one, the connection limit, the idle timeout, many endpoints on
 * one loop; the real device models' blocks and reserved words. The server runs its loop on a thread
 * of its own (C11 threads); the test is the client, and looks at the server and its models only
 * after that thread has stopped.
 */
#include "analyzer.h"
#include "camera.h"
#include "door.h"
#include "flowmeter.h"
#include "mbloop.h"
#include "mbserver.h"
#include "meter.h"
#include "probe.h"
#include "sampler.h"
#include "testdev.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <modbus.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

enum { NDEV = 6, LOGMAX = 64 };

typedef struct logent {
    int unit, function;
    uint16_t addr, n;
    uint16_t v[8];
    char client[64];
} logent;

typedef struct fix {
    mbloop *loop;
    mbserver *srv;
    int port;
    testdev dev[NDEV]; /* [u] serves unit u; 4 powered off, 5 read-only */
    thrd_t th;
    atomic_int stop;
    _Atomic int64_t fake_ms;
    logent log[LOGMAX];
    int nlog;
} fix;

/* A client served beside a hostile one is not blocked by it: a blocked read would wait for
 * the hostile one's timeout (seconds). The bound leaves room for a loaded machine; the
 * latency itself is a benchmark's figure (scripts/bench/modbus), not a test's. */
#define NOT_BLOCKED_MS 250.0

static void on_write(void *ctx, const mbserver_write *w)
{
    fix *f = ctx;
    if (f->nlog >= LOGMAX) return;
    logent *e = &f->log[f->nlog++];
    e->unit = w->unit;
    e->function = w->function;
    e->addr = w->addr;
    e->n = w->n;
    for (int i = 0; i < w->n && i < 8; i++)
        e->v[i] = w->values[i];
    snprintf(e->client, sizeof e->client, "%s", w->client);
}

static int64_t fake_clock(void *ctx)
{
    fix *f = ctx;
    return atomic_load(&f->fake_ms);
}

static int serve(void *p)
{
    fix *f = p;
    while (!atomic_load(&f->stop))
        mbloop_run_once(f->loop, 5);
    return 0;
}

/* The integration path: the owner polls mbloop_fd in its own loop and steps with 0. */
static int serve_poll(void *p)
{
    fix *f = p;
    struct pollfd pfd = {.fd = mbloop_fd(f->loop), .events = POLLIN};
    while (!atomic_load(&f->stop)) {
        if (poll(&pfd, 1, 5) > 0) mbloop_run_once(f->loop, 0);
    }
    return 0;
}

/* The server and its test devices, the loop not running yet: units may still be set. */
static fix *fix_new(const mbserver_config *cfg, int fake)
{
    fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char err[256] = "";
    f->loop = mbloop_new(err, sizeof err);
    assert_non_null(f->loop);
    if (fake) {
        atomic_store(&f->fake_ms, 1000000);
        mbloop_set_clock(f->loop, fake_clock, f);
    }
    f->srv = mbserver_new("127.0.0.1", 0, f->loop, cfg, err, sizeof err);
    if (!f->srv) fail_msg("mbserver_new: %s", err);
    f->port = mbserver_port(f->srv);
    assert_true(f->port > 0);
    for (int u = 1; u < NDEV; u++) {
        testdev_init(&f->dev[u], u);
        hwdev h = testdev_hwdev(&f->dev[u], u == 5);
        assert_int_equal(mbserver_set_unit(f->srv, u, &h), 0);
    }
    f->dev[4].powered = 0;
    mbserver_on_write(f->srv, on_write, f);
    return f;
}

/* Starts the loop thread: from here on only the client side may be touched. */
static void fix_run(fix *f)
{
    assert_int_equal(thrd_create(&f->th, serve, f), thrd_success);
}

static fix *fix_start(const mbserver_config *cfg, int fake)
{
    fix *f = fix_new(cfg, fake);
    fix_run(f);
    return f;
}

/* Stops the loop thread: after this the test may look at the server and the models. */
static void fix_halt(fix *f)
{
    atomic_store(&f->stop, 1);
    thrd_join(f->th, NULL);
}

static void fix_free(fix *f)
{
    mbserver_free(f->srv);
    mbloop_free(f->loop);
    free(f);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A client socket connected to 127.0.0.1:port from the source address src (NULL: any). */
static int tcp_open_from(int port, int rcvbuf, const char *src)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    if (rcvbuf > 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (src) {
        struct sockaddr_in b;
        memset(&b, 0, sizeof b);
        b.sin_family = AF_INET;
        assert_int_equal(inet_pton(AF_INET, src, &b.sin_addr), 1);
        assert_int_equal(bind(fd, (struct sockaddr *)&b, sizeof b), 0);
    }
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    struct timeval tv = {3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int tcp_open(int port, int rcvbuf)
{
    return tcp_open_from(port, rcvbuf, NULL);
}

static void send_all(int fd, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n > 0) {
        ssize_t k = send(fd, b, n, MSG_NOSIGNAL);
        assert_true(k > 0);
        b += k;
        n -= (size_t)k;
    }
}

static size_t recv_n(int fd, uint8_t *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = recv(fd, p + got, n - got, 0);
        if (k <= 0) break;
        got += (size_t)k;
    }
    return got;
}

/* 1 when the server closed fd within ms (EOF or reset, after draining what it sent). */
static int wait_closed(int fd, int ms)
{
    double end = now_ms() + ms;
    struct timeval tv = {0, 20000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    uint8_t sink[4096];
    while (now_ms() < end) {
        ssize_t k = recv(fd, sink, sizeof sink, 0);
        if (k == 0) return 1;
        if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return 1; /* ECONNRESET, or ENOTCONN once a send has reported the reset */
    }
    return 0;
}

/* 1 when the server has closed fd already (EOF or reset once what it sent is drained). */
static int closed_now(int fd)
{
    uint8_t sink[512];
    for (;;) {
        ssize_t k = recv(fd, sink, sizeof sink, MSG_DONTWAIT);
        if (k == 0) return 1;
        if (k < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    }
}

static modbus_t *mb_open(int port, int unit)
{
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    assert_non_null(ctx);
    assert_int_equal(modbus_connect(ctx), 0);
    modbus_set_slave(ctx, unit);
    modbus_set_response_timeout(ctx, 2, 0);
    return ctx;
}

static void mb_close(modbus_t *ctx)
{
    modbus_close(ctx);
    modbus_free(ctx);
}

/* A raw request: MBAP(tid, unit) + pdu. Returns its length. */
static size_t frame(uint8_t *out, uint16_t tid, int unit, const uint8_t *pdu, size_t n)
{
    out[0] = (uint8_t)(tid >> 8);
    out[1] = (uint8_t)tid;
    out[2] = out[3] = 0;
    out[4] = (uint8_t)((n + 1) >> 8);
    out[5] = (uint8_t)(n + 1);
    out[6] = (uint8_t)unit;
    memcpy(out + 7, pdu, n);
    return n + 7;
}

static void expect_exception(int fd, uint16_t tid, int unit, const uint8_t *pdu, size_t n, int code)
{
    uint8_t req[300], rsp[9];
    size_t len = frame(req, tid, unit, pdu, n);
    send_all(fd, req, len);
    size_t got = recv_n(fd, rsp, sizeof rsp);
    if (got != sizeof rsp) fail_msg("tid %u: %zu reply bytes", tid, got);
    const uint8_t want[9] = {(uint8_t)(tid >> 8),      (uint8_t)tid, 0, 0, 0, 3, (uint8_t)unit,
                             (uint8_t)(pdu[0] | 0x80), (uint8_t)code};
    if (memcmp(rsp, want, sizeof want) != 0)
        fail_msg("unit %d fc %02x: reply %02x %02x code %02x, want exception %02x", unit, pdu[0],
                 rsp[6], rsp[7], rsp[8], code);
}

/* ---- tests ---- */

static void test_exact_replies(void **state)
{
    fix *f = fix_start(NULL, 0);
    int fd = tcp_open(f->port, 0);
    uint8_t req[64], rsp[64];

    /* 03: unit 1, status 0..2 = 100, 101, 102 */
    size_t n = frame(req, 0x1234, 1, (const uint8_t[]){0x03, 0x00, 0x00, 0x00, 0x03}, 5);
    send_all(fd, req, n);
    const uint8_t r03[] = {0x12, 0x34, 0, 0, 0, 9, 1, 3, 6, 0, 100, 0, 101, 0, 102};
    assert_int_equal(recv_n(fd, rsp, sizeof r03), sizeof r03);
    assert_memory_equal(rsp, r03, sizeof r03);

    /* 04: unit 2, input 0x1000.. = 2000, 2007 */
    n = frame(req, 0x0001, 2, (const uint8_t[]){0x04, 0x10, 0x00, 0x00, 0x02}, 5);
    send_all(fd, req, n);
    const uint8_t r04[] = {0, 1, 0, 0, 0, 7, 2, 4, 4, 0x07, 0xD0, 0x07, 0xD7};
    assert_int_equal(recv_n(fd, rsp, sizeof r04), sizeof r04);
    assert_memory_equal(rsp, r04, sizeof r04);

    /* 06: unit 3, param 0x21 := 0x1234; the reply echoes the request */
    n = frame(req, 0xBEEF, 3, (const uint8_t[]){0x06, 0x00, 0x21, 0x12, 0x34}, 5);
    send_all(fd, req, n);
    assert_int_equal(recv_n(fd, rsp, n), n);
    assert_memory_equal(rsp, req, n);

    /* 16: unit 1, params 0x20..0x22 := 1, 2, 3 */
    n = frame(req, 0x0002, 1,
              (const uint8_t[]){0x10, 0x00, 0x20, 0x00, 0x03, 0x06, 0, 1, 0, 2, 0, 3}, 12);
    send_all(fd, req, n);
    const uint8_t r16[] = {0, 2, 0, 0, 0, 6, 1, 0x10, 0x00, 0x20, 0x00, 0x03};
    assert_int_equal(recv_n(fd, rsp, sizeof r16), sizeof r16);
    assert_memory_equal(rsp, r16, sizeof r16);

    close(fd);
    fix_halt(f);
    assert_int_equal(f->dev[3].param[1], 0x1234);
    assert_int_equal(f->dev[1].param[0], 1);
    assert_int_equal(f->dev[1].param[1], 2);
    assert_int_equal(f->dev[1].param[2], 3);
    assert_int_equal(f->dev[1].param[3], 1 * 256 + 0x23); /* untouched */
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.requests, 4);
    assert_int_equal(st.exceptions, 0);
    assert_int_equal(st.writes, 2);
    fix_free(f);
}

static void test_exceptions(void **state)
{
    fix *f = fix_start(NULL, 0);
    int fd = tcp_open(f->port, 0);
    const uint8_t rd[] = {0x03, 0x00, 0x00, 0x00, 0x01};
    int ex = 0;

    /* Unknown units: the gateway's "target failed to respond". */
    expect_exception(fd, 1, 99, rd, 5, 0x0B), ex++;
    expect_exception(fd, 2, 0, rd, 5, 0x0B), ex++;
    expect_exception(fd, 3, 255, rd, 5, 0x0B), ex++;
    /* Functions other than 03/04/06/16. */
    expect_exception(fd, 4, 1, (const uint8_t[]){0x01, 0, 0, 0, 8}, 5, 1), ex++;
    expect_exception(fd, 5, 1, (const uint8_t[]){0x05, 0, 0x20, 0xFF, 0}, 5, 1), ex++;
    expect_exception(fd, 6, 1, (const uint8_t[]){0x17, 0, 0, 0, 1, 0, 0x20, 0, 1, 2, 0, 1}, 12, 1),
        ex++;
    expect_exception(fd, 7, 1, (const uint8_t[]){0x2B, 0x0E, 1, 0}, 4, 1), ex++;
    /* Quantities and lengths. */
    expect_exception(fd, 8, 1, (const uint8_t[]){0x03, 0, 0, 0, 0}, 5, 3), ex++;
    expect_exception(fd, 9, 1, (const uint8_t[]){0x03, 0, 0, 0, 126}, 5, 3), ex++;
    expect_exception(fd, 10, 1, (const uint8_t[]){0x04, 0x10, 0, 0x7F, 0xFF}, 5, 3), ex++;
    expect_exception(fd, 11, 1, (const uint8_t[]){0x03, 0, 0, 0, 1, 0}, 6, 3), ex++;
    expect_exception(fd, 12, 1, (const uint8_t[]){0x03}, 1, 3), ex++;
    {
        /* 124 registers would not fit in an ADU: quantity 124 with the bytes of 123. */
        uint8_t w[6 + 246] = {0x10, 0x00, 0x20, 0x00, 124, 246};
        expect_exception(fd, 13, 1, w, sizeof w, 3), ex++;
    }
    expect_exception(fd, 14, 1, (const uint8_t[]){0x10, 0, 0x20, 0, 2, 3, 0, 1, 0}, 9, 3), ex++;
    expect_exception(fd, 15, 1, (const uint8_t[]){0x10, 0, 0x20, 0, 2, 4, 0, 1, 0}, 9, 3), ex++;
    expect_exception(fd, 16, 1, (const uint8_t[]){0x06, 0, 0x20, 0, 1, 0}, 6, 3), ex++;
    /* Addresses: the hole, a range crossing into it, beyond 0xFFFF, unmapped input. */
    expect_exception(fd, 17, 1, (const uint8_t[]){0x03, 0, 0x10, 0, 1}, 5, 2), ex++;
    expect_exception(fd, 18, 1, (const uint8_t[]){0x03, 0, 0x0E, 0, 4}, 5, 2), ex++;
    expect_exception(fd, 19, 1, (const uint8_t[]){0x03, 0xFF, 0xFF, 0, 2}, 5, 2), ex++;
    expect_exception(fd, 20, 1, (const uint8_t[]){0x04, 0x10, 0x00, 0, 125}, 5, 2), ex++;
    expect_exception(fd, 21, 1, (const uint8_t[]){0x04, 0, 0, 0, 1}, 5, 2), ex++;
    /* The device's verdict on writes: read-only status, a value out of range. */
    expect_exception(fd, 22, 1, (const uint8_t[]){0x06, 0, 0x01, 0, 1}, 5, 2), ex++;
    expect_exception(fd, 23, 1, (const uint8_t[]){0x06, 0, 0x20, 0x4E, 0x21}, 5, 3), ex++;
    expect_exception(fd, 24, 1, (const uint8_t[]){0x10, 0, 0x26, 0, 3, 6, 0, 1, 0, 1, 0, 1}, 12, 2),
        ex++;
    /* Powered off: 4. Read-only device: writes are an unknown function. */
    expect_exception(fd, 25, 4, rd, 5, 4), ex++;
    expect_exception(fd, 26, 5, (const uint8_t[]){0x06, 0, 0x20, 0, 1}, 5, 1), ex++;
    expect_exception(fd, 28, 5, (const uint8_t[]){0x10, 0, 0x20, 0, 1, 2, 0, 1}, 8, 1), ex++;
    expect_exception(fd, 29, 1, (const uint8_t[]){0x10, 0xFF, 0xFF, 0, 2, 4, 0, 1, 0, 1}, 10, 2),
        ex++;
    /* The connection survived every exception: a normal read still works. */
    uint8_t req[16], rsp[16];
    size_t n = frame(req, 27, 5, (const uint8_t[]){0x03, 0, 0x0F, 0, 1}, 5);
    send_all(fd, req, n);
    const uint8_t ok[] = {0, 27, 0, 0, 0, 5, 5, 3, 2, 0x02, 0x03}; /* 5*100+15 = 515 */
    assert_int_equal(recv_n(fd, rsp, sizeof ok), sizeof ok);
    assert_memory_equal(rsp, ok, sizeof ok);
    close(fd);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.requests, ex + 1);
    assert_int_equal(st.exceptions, ex);
    assert_int_equal(st.writes, 0);
    assert_int_equal(st.bad_frames, 0);
    assert_int_equal(f->dev[1].param[0], 1 * 256 + 0x20); /* no refused write landed */
    assert_int_equal(f->nlog, 0);
    fix_free(f);
}

/* Every function code but 03/04/06/16 is exception 1 with the function code echoed as
 * fc | 0x80 (libmodbus alone wraps 0x80..0xFF to 0x00..0x7F); to an absent unit, 0x0B. A
 * PDU of the function code alone, and the same pipelined in one segment. */
static void test_every_function_code(void **state)
{
    fix *f = fix_start(NULL, 0);
    int fd = tcp_open(f->port, 0);
    int ex = 0;
    for (int fc = 0; fc <= 0xFF; fc++) {
        if (fc == 3 || fc == 4 || fc == 6 || fc == 16) continue;
        const uint8_t pdu[] = {(uint8_t)fc, 0, 0, 0, 1};
        expect_exception(fd, (uint16_t)(0x100 + fc), 1, pdu, sizeof pdu, 1), ex++;
        expect_exception(fd, (uint16_t)(0x200 + fc), 1, pdu, 1, 1), ex++;
        expect_exception(fd, (uint16_t)(0x300 + fc), 99, pdu, sizeof pdu, 0x0B), ex++;
    }
    /* 0x80..0xFF pipelined: answered in one batch, in order */
    uint8_t req[128 * 12], rsp[128 * 9];
    size_t n = 0;
    for (int fc = 0x80; fc <= 0xFF; fc++)
        n += frame(req + n, (uint16_t)fc, 2, (const uint8_t[]){(uint8_t)fc, 0, 0, 0, 1}, 5);
    send_all(fd, req, n);
    assert_int_equal(recv_n(fd, rsp, sizeof rsp), sizeof rsp);
    for (int i = 0; i < 128; i++) {
        const uint8_t want[9] = {0, (uint8_t)(0x80 + i), 0, 0, 0, 3, 2, (uint8_t)(0x80 + i), 1};
        if (memcmp(rsp + 9 * i, want, 9) != 0)
            fail_msg("pipelined fc %02x: reply fc %02x code %02x", 0x80 + i, rsp[9 * i + 7],
                     rsp[9 * i + 8]);
        ex++;
    }
    /* libmodbus as the client: a function it does not know, sent raw */
    modbus_t *ctx = mb_open(f->port, 1);
    const uint8_t raw[] = {1, 0x41, 0x00};
    uint8_t back[MODBUS_TCP_MAX_ADU_LENGTH];
    assert_true(modbus_send_raw_request(ctx, raw, sizeof raw) > 0);
    assert_int_equal(modbus_receive_confirmation(ctx, back), 9);
    assert_int_equal(back[7], 0xC1);
    assert_int_equal(back[8], 1);
    ex++;
    mb_close(ctx);
    close(fd);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.requests, ex);
    assert_int_equal(st.exceptions, ex);
    assert_int_equal(st.bad_frames, 0);
    fix_free(f);
}

static void test_libmodbus_client_and_write_log(void **state)
{
    fix *f = fix_start(NULL, 0);
    modbus_t *ctx = mb_open(f->port, 2);
    uint16_t regs[16];
    assert_int_equal(modbus_read_registers(ctx, 0, 16, regs), 16);
    for (int i = 0; i < 16; i++)
        assert_int_equal(regs[i], 200 + i);
    assert_int_equal(modbus_read_input_registers(ctx, 0x1000, 10, regs), 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(regs[i], 2000 + 7 * i);
    assert_int_equal(modbus_write_register(ctx, 0x27, 9999), 1);
    const uint16_t w[4] = {10, 20, 30, 40};
    assert_int_equal(modbus_write_registers(ctx, 0x22, 4, w), 4);
    assert_int_equal(modbus_read_registers(ctx, 0x20, 8, regs), 8);
    const uint16_t want[8] = {2 * 256 + 0x20, 2 * 256 + 0x21, 10, 20, 30, 40, 2 * 256 + 0x26, 9999};
    assert_memory_equal(regs, want, sizeof want);
    /* libmodbus's own view of an exception. */
    assert_int_equal(modbus_read_registers(ctx, 0x10, 1, regs), -1);
    assert_int_equal(errno, EMBXILADD);
    modbus_set_slave(ctx, 42);
    assert_int_equal(modbus_read_registers(ctx, 0, 1, regs), -1);
    assert_int_equal(errno, EMBXGTAR);
    mb_close(ctx);
    fix_halt(f);
    assert_int_equal(f->dev[2].param[7], 9999);
    assert_int_equal(f->nlog, 2);
    assert_int_equal(f->log[0].unit, 2);
    assert_int_equal(f->log[0].function, 6);
    assert_int_equal(f->log[0].addr, 0x27);
    assert_int_equal(f->log[0].n, 1);
    assert_int_equal(f->log[0].v[0], 9999);
    assert_int_equal(f->log[1].function, 16);
    assert_int_equal(f->log[1].addr, 0x22);
    assert_int_equal(f->log[1].n, 4);
    assert_memory_equal(f->log[1].v, w, sizeof w);
    assert_true(strncmp(f->log[1].client, "127.0.0.1:", 10) == 0);
    fix_free(f);
}

static void test_pipelined_and_split(void **state)
{
    fix *f = fix_start(NULL, 0);
    int fd = tcp_open(f->port, 0);
    uint8_t req[64], rsp[64];
    size_t n = 0;
    n += frame(req + n, 1, 1, (const uint8_t[]){0x03, 0, 0x05, 0, 1}, 5);
    n += frame(req + n, 2, 2, (const uint8_t[]){0x06, 0, 0x20, 0, 77}, 5);
    n += frame(req + n, 3, 3, (const uint8_t[]){0x04, 0x10, 0x09, 0, 1}, 5);
    send_all(fd, req, n);                                             /* three frames, one write */
    const uint8_t want[] = {0, 1, 0, 0, 0, 5, 1, 3, 2, 0,    105,     /* 105 */
                            0, 2, 0, 0, 0, 6, 2, 6, 0, 0x20, 0,   77, /* echo */
                            0, 3, 0, 0, 0, 5, 3, 4, 2, 0x0B, 0xF7};   /* 3063 */
    assert_int_equal(recv_n(fd, rsp, sizeof want), sizeof want);
    assert_memory_equal(rsp, want, sizeof want);

    /* One byte per segment, 2 ms apart. */
    n = frame(req, 9, 1, (const uint8_t[]){0x03, 0, 0x20, 0, 2}, 5);
    for (size_t i = 0; i < n; i++) {
        send_all(fd, req + i, 1);
        usleep(2000);
    }
    const uint8_t want2[] = {0, 9, 0, 0, 0, 7, 1, 3, 4, 0x01, 0x20, 0x01, 0x21};
    assert_int_equal(recv_n(fd, rsp, sizeof want2), sizeof want2);
    assert_memory_equal(rsp, want2, sizeof want2);
    close(fd);
    fix_halt(f);
    assert_int_equal(f->dev[2].param[0], 77);
    fix_free(f);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* 100 libmodbus reads of 10 registers; returns the worst latency, prints median and max. */
static double timed_reads(modbus_t *ctx, int unit, const char *what)
{
    double t[100];
    uint16_t regs[10];
    for (int i = 0; i < 100; i++) {
        double t0 = now_ms();
        assert_int_equal(modbus_read_registers(ctx, 0, 10, regs), 10);
        t[i] = now_ms() - t0;
        assert_int_equal(regs[0], unit * 100);
        assert_int_equal(regs[9], unit * 100 + 9);
    }
    qsort(t, 100, sizeof t[0], cmp_double);
    printf("  %s: 100 reads, median %.3f ms, max %.3f ms\n", what, (t[49] + t[50]) / 2, t[99]);
    return t[99];
}

static void test_stalled_client(void **state)
{
    fix *f = fix_start(NULL, 0);
    uint8_t req[16], rsp[16];
    size_t n = frame(req, 7, 3, (const uint8_t[]){0x03, 0, 0, 0, 1}, 5);
    int stalled[4];
    for (int i = 0; i < 4; i++) {
        stalled[i] = tcp_open(f->port, 0);
        send_all(stalled[i], req, 3 + (size_t)i * 2); /* 3, 5, 7, 9 bytes of 12 */
    }
    modbus_t *ctx = mb_open(f->port, 1);
    double worst = timed_reads(ctx, 1, "beside 4 clients stalled mid-frame");
    assert_true(worst < NOT_BLOCKED_MS);
    /* The stalled clients finish their frames and are answered. */
    for (int i = 0; i < 4; i++) {
        send_all(stalled[i], req + 3 + i * 2, n - 3 - (size_t)i * 2);
        const uint8_t want[] = {0, 7, 0, 0, 0, 5, 3, 3, 2, 0x01, 0x2C}; /* 300 */
        assert_int_equal(recv_n(stalled[i], rsp, sizeof want), sizeof want);
        assert_memory_equal(rsp, want, sizeof want);
        close(stalled[i]);
    }
    mb_close(ctx);
    fix_halt(f);
    fix_free(f);
}

static void test_garbage_clients(void **state)
{
    fix *f = fix_start(NULL, 0);
    modbus_t *ctx = mb_open(f->port, 2);
    int g1 = tcp_open(f->port, 0);
    send_all(g1, "GET / HTTP/1.1\r\nHost: station\r\n\r\n", 33);
    int g2 = tcp_open(f->port, 0);
    send_all(g2, (const uint8_t[]){0, 1, 0, 0, 0x03, 0x00, 1, 3}, 8); /* length 768 */
    int g3 = tcp_open(f->port, 0);
    uint8_t junk[512];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (uint8_t)(x >> 16);
    }
    junk[2] = 0x55; /* not protocol 0 */
    send_all(g3, junk, sizeof junk);
    int g4 = tcp_open(f->port, 0);
    send_all(g4, (const uint8_t[]){0, 1, 0, 0, 0x00, 0x01, 1}, 7); /* length 1 */
    assert_true(wait_closed(g1, 1000));
    assert_true(wait_closed(g2, 1000));
    assert_true(wait_closed(g3, 1000));
    assert_true(wait_closed(g4, 1000));
    double worst = timed_reads(ctx, 2, "after 4 garbage clients");
    assert_true(worst < NOT_BLOCKED_MS);
    close(g1);
    close(g2);
    close(g3);
    close(g4);
    mb_close(ctx);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.bad_frames, 4);
    assert_int_equal(st.accepted, 5);
    fix_free(f);
}

static void test_flooding_client(void **state)
{
    fix *f = fix_start(NULL, 0);
    modbus_t *ctx = mb_open(f->port, 1);
    /* The flooder asks for 125 registers (259-byte replies) and never reads. */
    int fl = tcp_open(f->port, 4096);
    fcntl(fl, F_SETFL, O_NONBLOCK);
    uint8_t burst[100 * 12];
    for (int i = 0; i < 100; i++)
        frame(burst + i * 12, (uint16_t)i, 1, (const uint8_t[]){0x04, 0x10, 0, 0, 10}, 5);
    double worst = 0, end = now_ms() + 5000;
    int dropped = 0, rounds = 0;
    uint16_t regs[10];
    while (now_ms() < end && !dropped) {
        size_t off = 0;
        while (off < sizeof burst) {
            ssize_t k = send(fl, burst + off, sizeof burst - off, MSG_NOSIGNAL);
            if (k > 0) {
                off += (size_t)k;
                continue;
            }
            if (k < 0 && (errno == EPIPE || errno == ECONNRESET)) dropped = 1;
            break;
        }
        if (++rounds % 20 == 0) {
            double t0 = now_ms();
            assert_int_equal(modbus_read_registers(ctx, 0, 10, regs), 10);
            double dt = now_ms() - t0;
            if (dt > worst) worst = dt;
            assert_int_equal(regs[3], 103);
        }
        if (off < sizeof burst) usleep(200);
    }
    if (!dropped) dropped = wait_closed(fl, 1000);
    assert_true(dropped);
    printf("  flood: dropped after %d bursts of 100 requests; other client worst %.3f ms\n", rounds,
           worst);
    assert_true(worst < NOT_BLOCKED_MS);
    double w2 = timed_reads(ctx, 1, "after the flooder was dropped");
    assert_true(w2 < NOT_BLOCKED_MS);
    close(fl);
    mb_close(ctx);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.dropped_overflow, 1);
    assert_true(st.requests > 1000);
    fix_free(f);
}

/* n pipelined reads of the 16 status registers of unit 1, tids 0..n-1. */
static uint8_t *pipelined_reads(int n)
{
    uint8_t *req = malloc((size_t)n * 12);
    assert_non_null(req);
    for (int i = 0; i < n; i++)
        frame(req + i * 12, (uint16_t)i, 1, (const uint8_t[]){0x03, 0, 0, 0, 16}, 5);
    return req;
}

static void test_slow_reader(void **state)
{
    /* Small kernel buffers so that the server's own queue takes the backlog. */
    mbserver_config cfg = mbserver_defaults();
    cfg.sockbuf = 4096;
    cfg.out_limit = 64 * 1024;
    fix *f = fix_start(&cfg, 0);

    /* 1000 requests sent before reading a byte: 41 kB of replies, within the limit. */
    int fd = tcp_open(f->port, 4096);
    uint8_t *req = pipelined_reads(1000);
    send_all(fd, req, 1000 * 12);
    usleep(200000);
    uint8_t rsp[41];
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(recv_n(fd, rsp, sizeof rsp), sizeof rsp);
        assert_int_equal(rsp[0] << 8 | rsp[1], i);
        assert_int_equal(rsp[5], 35);
        assert_int_equal(rsp[8], 32);
        assert_int_equal(rsp[9] << 8 | rsp[10], 100);
        assert_int_equal(rsp[39] << 8 | rsp[40], 115);
    }
    close(fd);
    free(req);

    /* Requests never read (4000 are 164 kB of replies): dropped once over the limit. The
     * client only sends, so that nothing but the server's limit relieves the pressure. */
    fd = tcp_open(f->port, 4096);
    req = pipelined_reads(4000);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    size_t off = 0, total = 0;
    int dropped = 0;
    double end = now_ms() + 10000;
    while (!dropped && now_ms() < end) {
        ssize_t k = send(fd, req + off, 4000 * 12 - off, MSG_NOSIGNAL);
        if (k > 0) {
            off = (off + (size_t)k) % (4000 * 12);
            total += (size_t)k;
        } else if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            dropped = 1;
        } else {
            usleep(1000);
        }
    }
    close(fd);
    free(req);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    if (!dropped)
        fail_msg("not dropped: sent %zu bytes; server: %llu requests", total,
                 (unsigned long long)st.requests);
    assert_int_equal(st.dropped_overflow, 1);
    assert_true(st.requests >= 1000 + 64 * 1024 / 41);
    fix_free(f);
}

/* One FC03 read of 1 register at 0 on a raw socket; 1 when answered with unit * 100. */
static int raw_read(int fd, int unit)
{
    uint8_t req[12], rsp[11];
    size_t n = frame(req, 0x77, unit, (const uint8_t[]){0x03, 0, 0, 0, 1}, 5);
    if (send(fd, req, n, MSG_NOSIGNAL) != (ssize_t)n) return 0;
    return recv_n(fd, rsp, sizeof rsp) == sizeof rsp && rsp[7] == 3 &&
           (rsp[9] << 8 | rsp[10]) == unit * 100;
}

static void test_connection_limit(void **state)
{
    mbserver_config cfg = mbserver_defaults();
    cfg.max_conns = 4;
    fix *f = fix_start(&cfg, 0);
    int idle[3];
    for (int i = 0; i < 3; i++)
        idle[i] = tcp_open(f->port, 0);
    modbus_t *ctx = mb_open(f->port, 3);
    uint16_t regs[10];
    assert_int_equal(modbus_read_registers(ctx, 0, 10, regs), 10); /* all 4 accepted now */
    /* Full: a new client takes the slot of the oldest one that never sent a request. */
    int extra = tcp_open(f->port, 0);
    assert_true(wait_closed(idle[0], 1000));
    close(idle[0]);
    assert_true(raw_read(extra, 2));
    /* Full of clients that all sent a request: the new one is closed at once. */
    assert_true(raw_read(idle[1], 1));
    assert_true(raw_read(idle[2], 1));
    int over = tcp_open(f->port, 0);
    assert_true(wait_closed(over, 1000));
    close(over);
    double worst = timed_reads(ctx, 3, "at the connection limit");
    assert_true(worst < NOT_BLOCKED_MS);
    assert_true(raw_read(idle[1], 1));
    assert_true(raw_read(extra, 2));
    /* A slot freed is a slot for the next client. */
    close(idle[1]);
    usleep(100000);
    modbus_t *ctx2 = mb_open(f->port, 1);
    assert_int_equal(modbus_read_registers(ctx2, 0, 10, regs), 10);
    assert_int_equal(regs[0], 100);
    fix_halt(f);
    assert_int_equal(mbserver_clients(f->srv), 4); /* idle[2], extra, ctx, ctx2 */
    mb_close(ctx2);
    mb_close(ctx);
    close(idle[2]);
    close(extra);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.refused, 1);
    assert_int_equal(st.evicted, 1);
    assert_int_equal(st.refused_source, 0);
    assert_int_equal(st.accepted, 6);
    fix_free(f);
}

static void test_idle_timeout(void **state)
{
    mbserver_config cfg = mbserver_defaults();
    cfg.idle_ms = 1000;
    fix *f = fix_start(&cfg, 1);
    int silent = tcp_open(f->port, 0);
    modbus_t *ctx = mb_open(f->port, 1);
    uint16_t regs[1];
    assert_int_equal(modbus_read_registers(ctx, 0, 1, regs), 1);
    atomic_fetch_add(&f->fake_ms, 600);
    assert_int_equal(modbus_read_registers(ctx, 0, 1, regs), 1); /* activity at +600 */
    usleep(30000);
    assert_false(wait_closed(silent, 50)); /* 600 ms silent: kept */
    atomic_fetch_add(&f->fake_ms, 600);    /* silent 1200 ms, the other 600 ms */
    assert_true(wait_closed(silent, 1000));
    assert_int_equal(modbus_read_registers(ctx, 0, 1, regs), 1);
    assert_int_equal(regs[0], 100);
    close(silent);
    mb_close(ctx);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.dropped_idle, 1);
    fix_free(f);
}

/* 40 clients that trickle one byte of a frame every 100 ms (the slow-loris): each is
 * closed frame_ms after its first byte although bytes keep coming, the 8 beyond the 32
 * slots evict the oldest of them; then a real client is served. Real clock. */
static void test_slow_clients(void **state)
{
    enum { NSLOW = 40 };
    mbserver_config cfg = mbserver_defaults();
    cfg.max_per_source = -1; /* every test client is 127.0.0.1 */
    cfg.idle_ms = 1000;
    cfg.frame_ms = 300;
    fix *f = fix_start(&cfg, 0);
    uint8_t req[12];
    size_t n = frame(req, 5, 1, (const uint8_t[]){0x03, 0, 0, 0, 1}, 5);
    int slow[NSLOW];
    for (int i = 0; i < NSLOW; i++)
        slow[i] = tcp_open(f->port, 0);
    /* 11 rounds: the frame (12 bytes) is never complete */
    double t0 = now_ms();
    for (size_t k = 0; k + 1 < n; k++) {
        for (int i = 0; i < NSLOW; i++)
            send(slow[i], req + k, 1, MSG_NOSIGNAL | MSG_DONTWAIT); /* fails once closed */
        usleep(100000);
    }
    usleep(100000); /* the last byte 200 ms ago: well within the idle time */
    double t1 = now_ms();
    int closed = 0;
    for (int i = 0; i < NSLOW; i++)
        closed += closed_now(slow[i]);
    printf("  %d of %d slow clients closed %.0f ms after their first byte (frame time 300 ms)\n",
           closed, NSLOW, t1 - t0);
    assert_int_equal(closed, NSLOW);
    modbus_t *ctx = mb_open(f->port, 2);
    uint16_t regs[10];
    assert_int_equal(modbus_read_registers(ctx, 0, 10, regs), 10);
    assert_int_equal(regs[0], 200);
    mb_close(ctx);
    for (int i = 0; i < NSLOW; i++)
        close(slow[i]);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.evicted, NSLOW - 32);
    assert_int_equal(st.dropped_frame, 32);
    assert_int_equal(st.refused, 0);
    assert_int_equal(st.requests, 1);
    fix_free(f);
}

/* Send n bytes and give the loop time to read them at the current fake time. */
static void send_settle(int fd, const uint8_t *p, size_t n)
{
    send_all(fd, p, n);
    usleep(50000);
}

static void fake_at(fix *f, int64_t ms)
{
    atomic_store(&f->fake_ms, 1000000 + ms);
    usleep(30000);
}

/* Idle time runs from the last complete, valid request and the frame time from a frame's
 * first byte; the bytes of a partial frame refresh neither. A frame split over 2 s is
 * served. Fake clock: idle 10 s, frame 5 s. */
static void test_partial_bytes_do_not_refresh(void **state)
{
    mbserver_config cfg = mbserver_defaults();
    cfg.max_per_source = -1;
    cfg.idle_ms = 10000;
    cfg.frame_ms = 5000;
    fix *f = fix_start(&cfg, 1);
    uint8_t req[12];
    frame(req, 0x77, 1, (const uint8_t[]){0x03, 0, 0, 0, 1}, 5);
    int a = tcp_open(f->port, 0), b = tcp_open(f->port, 0), c = tcp_open(f->port, 0);
    assert_true(raw_read(a, 1)); /* t = 0: a and c valid */
    assert_true(raw_read(c, 1));
    send_settle(b, req, 1); /* b trickles its frame */
    fake_at(f, 3000);
    send_settle(b, req + 1, 1);
    fake_at(f, 5500); /* b's frame began 5.5 s ago */
    assert_true(wait_closed(b, 1000));
    assert_false(wait_closed(a, 50));
    fake_at(f, 6000); /* d sends one frame in three parts over 2 s */
    int d = tcp_open(f->port, 0);
    send_settle(d, req, 4);
    fake_at(f, 7000);
    send_settle(d, req + 4, 4);
    fake_at(f, 8000);
    send_all(d, req + 8, 4);
    uint8_t rsp[11];
    assert_int_equal(recv_n(d, rsp, sizeof rsp), sizeof rsp);
    assert_int_equal(rsp[7], 3);
    fake_at(f, 9000); /* c starts a frame 9 s after its request: no new idle time */
    send_settle(c, req, 3);
    fake_at(f, 10000);
    assert_true(wait_closed(a, 1000));
    assert_true(wait_closed(c, 1000));
    assert_true(raw_read(d, 1)); /* valid at 8 s */
    close(a);
    close(b);
    close(c);
    close(d);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.dropped_frame, 1);
    assert_int_equal(st.dropped_idle, 2);
    fix_free(f);
}

/* The defaults and a DAU polling every 60 s (the range's DAU): its connection is never
 * closed by the idle time between two polls, even when the next poll comes late. */
static void test_dau_poll_interval(void **state)
{
    fix *f = fix_start(NULL, 1);
    int dau = tcp_open(f->port, 0);
    for (int k = 1; k <= 3; k++) {
        assert_true(raw_read(dau, 1));
        fake_at(f, 60000 * k + 500 * k); /* each poll a little late */
    }
    assert_true(raw_read(dau, 1));
    fake_at(f, 180000 + 1500 + 120000);
    assert_true(wait_closed(dau, 1000));
    close(dau);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.dropped_idle, 1);
    assert_int_equal(st.requests, 4);
    fix_free(f);
}

/* All 32 slots held: one by a client that sent a request (the oldest), 31 by connections
 * that never did. A new client evicts the oldest of those, never the valid one; 31 more
 * newcomers evict the rest, and the valid clients keep being served. */
static void test_never_valid_evicted_first(void **state)
{
    enum { NSLOT = 32 };
    mbserver_config cfg = mbserver_defaults();
    cfg.max_per_source = -1;
    fix *f = fix_start(&cfg, 0);
    int v = tcp_open(f->port, 0);
    assert_true(raw_read(v, 1));
    int idle[NSLOT - 1];
    for (int i = 0; i < NSLOT - 1; i++) {
        idle[i] = tcp_open(f->port, 0);
        send_all(idle[i], "\0", 1); /* a partial frame */
    }
    usleep(50000);
    modbus_t *ctx = mb_open(f->port, 3);
    uint16_t regs[10];
    if (modbus_read_registers(ctx, 0, 10, regs) != 10)
        fail_msg("a new client beside 31 never-valid connections: %s", modbus_strerror(errno));
    assert_int_equal(regs[0], 300);
    assert_true(wait_closed(idle[0], 1000));
    assert_false(wait_closed(idle[1], 50));
    assert_true(raw_read(v, 1));
    int late[NSLOT - 2];
    for (int i = 0; i < NSLOT - 2; i++)
        late[i] = tcp_open(f->port, 0);
    for (int i = 1; i < NSLOT - 1; i++)
        assert_true(wait_closed(idle[i], 1000));
    assert_true(raw_read(v, 1));
    assert_int_equal(modbus_read_registers(ctx, 0, 10, regs), 10);
    assert_true(raw_read(late[NSLOT - 3], 2));
    mb_close(ctx);
    close(v);
    for (int i = 0; i < NSLOT - 1; i++)
        close(idle[i]);
    for (int i = 0; i < NSLOT - 2; i++)
        close(late[i]);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.evicted, NSLOT - 1);
    assert_int_equal(st.refused, 0);
    fix_free(f);
}

/* max_per_source 3: a fourth client from 127.0.0.1 is closed at once while the three
 * have sent requests, another source is not affected, and a never-valid connection of
 * the source gives its slot to the newcomer. */
static void test_per_source_limit(void **state)
{
    mbserver_config cfg = mbserver_defaults();
    cfg.max_per_source = 3;
    fix *f = fix_start(&cfg, 0);
    int a[3];
    for (int i = 0; i < 3; i++) {
        a[i] = tcp_open_from(f->port, 0, "127.0.0.1");
        assert_true(raw_read(a[i], 1));
    }
    int a4 = tcp_open_from(f->port, 0, "127.0.0.1");
    assert_true(wait_closed(a4, 1000));
    close(a4);
    int b = tcp_open_from(f->port, 0, "127.0.0.2");
    assert_true(raw_read(b, 2));
    for (int i = 0; i < 3; i++)
        assert_true(raw_read(a[i], 1));
    /* a never-valid connection of the source is the one to go */
    close(a[2]);
    usleep(50000);
    int a5 = tcp_open_from(f->port, 0, "127.0.0.1");
    usleep(50000);
    int a6 = tcp_open_from(f->port, 0, "127.0.0.1");
    assert_true(wait_closed(a5, 1000));
    assert_true(raw_read(a6, 3));
    assert_true(raw_read(a[0], 1));
    assert_true(raw_read(a[1], 1));
    assert_true(raw_read(b, 2));
    close(a5);
    close(a6);
    close(a[0]);
    close(a[1]);
    close(b);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.refused_source, 1);
    assert_int_equal(st.evicted, 1);
    assert_int_equal(st.refused, 0);
    fix_free(f);
}

/* A handler that removes another watch of the same batch: the removed watch's event is
 * not dispatched (its owner may free it at once). */
typedef struct pairw {
    mbloop_watch w;
    mbloop *loop;
    struct pairw *other;
    int ran;
} pairw;

static void pair_fn(void *ctx, unsigned re)
{
    pairw *p = ctx;
    p->ran++;
    mbloop_del(p->loop, &p->other->w);
    p->other->w.fd = -1;
}

static void test_loop_del_in_batch(void **state)
{
    char err[256] = "";
    mbloop *loop = mbloop_new(err, sizeof err);
    assert_non_null(loop);
    int s1[2], s2[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s1), 0);
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s2), 0);
    pairw p1 = {{s1[0], MBLOOP_IN, pair_fn, &p1}, loop, NULL, 0};
    pairw p2 = {{s2[0], MBLOOP_IN, pair_fn, &p2}, loop, NULL, 0};
    p1.other = &p2;
    p2.other = &p1;
    assert_int_equal(mbloop_add(loop, &p1.w), 0);
    assert_int_equal(mbloop_add(loop, &p2.w), 0);
    assert_int_equal(write(s1[1], "x", 1), 1);
    assert_int_equal(write(s2[1], "x", 1), 1);
    assert_int_equal(mbloop_run_once(loop, 1000), 2); /* both ready in one batch */
    assert_int_equal(p1.ran + p2.ran, 1);
    close(s1[0]);
    close(s1[1]);
    close(s2[0]);
    close(s2[1]);
    mbloop_free(loop);
}

static void test_many_endpoints_one_loop(void **state)
{
    enum { NSRV = 476 }; /* a city */
    char err[256] = "";
    mbloop *loop = mbloop_new(err, sizeof err);
    assert_non_null(loop);
    static testdev devs[NSRV];
    mbserver *srv[NSRV];
    for (int i = 0; i < NSRV; i++) {
        srv[i] = mbserver_new("127.0.0.1", 0, loop, NULL, err, sizeof err);
        if (!srv[i]) fail_msg("station %d: %s", i, err);
        testdev_init(&devs[i], 1);
        devs[i].input[0] = (uint16_t)i; /* station i's device says so */
        devs[i].input[1] = (uint16_t)(60000 - i);
        hwdev h = testdev_hwdev(&devs[i], 0);
        assert_int_equal(mbserver_set_unit(srv[i], 1, &h), 0);
    }
    /* The owner's loop: poll on mbloop_fd, step with timeout 0 (the integration path). */
    fix f;
    memset(&f, 0, sizeof f);
    f.loop = loop;
    assert_int_equal(thrd_create(&f.th, serve_poll, &f), thrd_success);
    for (int i = 0; i < NSRV; i++) {
        modbus_t *ctx = mb_open(mbserver_port(srv[i]), 1);
        uint16_t v[2];
        assert_int_equal(modbus_read_input_registers(ctx, 0x1000, 2, v), 2);
        assert_int_equal(v[0], i);
        assert_int_equal(v[1], 60000 - i);
        mb_close(ctx);
    }
    atomic_store(&f.stop, 1);
    thrd_join(f.th, NULL);
    for (int i = 0; i < NSRV; i++) {
        assert_int_equal(mbserver_get_stats(srv[i]).requests, 1);
        mbserver_free(srv[i]);
    }
    mbloop_free(loop);
}

/* 2022-02-08 00:10 China time, as UTC seconds. */
#define T0_2022 1644250200.0

/* A COD analyzer that has published its 01:00 result. */
static analyzer *cod_analyzer(int strict)
{
    analyzer_config c;
    analyzer_config_default(&c, ANALYZER_COD);
    c.start = T0_2022;
    c.layout.strict = strict;
    analyzer *a = analyzer_new(&c);
    assert_non_null(a);
    water w = {.cod = 182.3, .ph = 7.5, .temp = 18, .cond = 900};
    analyzer_set_line(a, &w, 1.0);
    while (analyzer_time(a) < T0_2022 + 5400.0)
        analyzer_step(a, 10.0);
    return a;
}

/* A DAU reading an analyzer's whole data block (16 registers from 0x1000) gets the values
 * and 0 in the reserved words 0x100B..0x100F. */
static void test_analyzer_data_block(void **state)
{
    fix *f = fix_new(NULL, 0);
    analyzer *a = cod_analyzer(0);
    hwdev h = analyzer_hwdev(a);
    assert_int_equal(mbserver_set_unit(f->srv, 10, &h), 0);
    fix_run(f);
    modbus_t *ctx = mb_open(f->port, 10);
    uint16_t want[11], got[16], one[1] = {0xFFFF};
    memset(got, 0xAB, sizeof got);
    assert_int_equal(modbus_read_registers(ctx, 0x1000, 11, want), 11);
    if (modbus_read_registers(ctx, 0x1000, 16, got) != 16)
        fail_msg("16 registers from 0x1000: %s", modbus_strerror(errno));
    assert_memory_equal(got, want, sizeof want);
    for (int i = 11; i < 16; i++)
        assert_int_equal(got[i], 0);
    float v = 0; /* the value itself, CDAB */
    uint32_t u = (uint32_t)got[1] << 16 | got[0];
    memcpy(&v, &u, sizeof v);
    assert_true(v == (float)182.3);
    assert_int_equal(modbus_read_registers(ctx, 0x100B, 1, one), 1);
    assert_int_equal(one[0], 0);
    mb_close(ctx);
    fix_halt(f);
    mbserver_stats st = mbserver_get_stats(f->srv);
    assert_int_equal(st.exceptions, 0);
    fix_free(f);
    analyzer_free(a);
}

/* Every block of every device kind on the wire: read whole, and one word beyond either
 * end (when no other block is there) is exception 2; a strict analyzer refuses its data
 * block (reserved words), serves the others; writes to reserved words are refused. */
static void test_blocks_every_device(void **state)
{
    fix *f = fix_new(NULL, 0);
    analyzer *an = cod_analyzer(0), *strict = cod_analyzer(1);
    probe_config pc;
    probe_config_default(&pc);
    probe *pr = probe_new(&pc);
    flowmeter_config fc;
    flowmeter_config_default(&fc);
    flowmeter *fm = flowmeter_new(&fc);
    sampler_config sc;
    sampler_config_default(&sc);
    sampler *sa = sampler_new(&sc);
    door_config dc;
    door_config_default(&dc);
    door *dr = door_new(&dc);
    camera_config cc;
    camera_config_default(&cc);
    camera *ca = camera_new(&cc);
    meter_config mc;
    meter_config_default(&mc);
    meter *me = meter_new(&mc);
    assert_true(pr && fm && sa && dr && ca && me);
    const struct {
        int unit;
        hwdev h;
        const hwreg_map *map;
        uint16_t base;
        int strict;
    } devs[] = {
        {10, analyzer_hwdev(an), &analyzer_regmap, 0x1000, 0},
        {11, analyzer_hwdev(strict), &analyzer_regmap, 0x1000, 1},
        {12, probe_hwdev(pr), &probe_regmap, 0, 0},
        {13, flowmeter_hwdev(fm), &flowmeter_regmap, 0, 0},
        {14, sampler_hwdev(sa), &sampler_regmap, 0, 0},
        {15, door_hwdev(dr), &door_regmap, 0, 0},
        {16, camera_hwdev(ca), &camera_regmap, 0, 0},
        {17, meter_hwdev(me), &meter_regmap, 0, 0},
    };
    enum { NKIND = sizeof devs / sizeof devs[0] };
    for (int i = 0; i < NKIND; i++)
        assert_int_equal(mbserver_set_unit(f->srv, devs[i].unit, &devs[i].h), 0);
    fix_run(f);
    modbus_t *ctx = mb_open(f->port, 1);
    uint16_t r[MODBUS_MAX_READ_REGISTERS + 1];
    int blocks = 0;
    for (int i = 0; i < NKIND; i++) {
        const hwreg_map *m = devs[i].map;
        modbus_set_slave(ctx, devs[i].unit);
        for (size_t b = 0; b < m->nblocks; b++) {
            unsigned at = devs[i].base + m->blocks[b].off, n = m->blocks[b].n, end = at + n;
            int next_adjacent = b + 1 < m->nblocks && m->blocks[b + 1].off == m->blocks[b].off + n;
            int prev_adjacent =
                b > 0 && m->blocks[b - 1].off + m->blocks[b - 1].n == m->blocks[b].off;
            /* the analyzer's data block is the one with reserved words */
            int refused = devs[i].strict && b == 0;
            int rc = modbus_read_registers(ctx, (int)at, (int)n, r);
            if (refused ? !(rc == -1 && errno == EMBXILADD) : rc != (int)n)
                fail_msg("unit %d block %s %#x+%u: rc %d (%s)", devs[i].unit, m->blocks[b].name, at,
                         n, rc, modbus_strerror(errno));
            if (!next_adjacent && end <= 0xFFFF) {
                if (modbus_read_registers(ctx, (int)end, 1, r) != -1 || errno != EMBXILADD)
                    fail_msg("unit %d: %#x after block %s answered", devs[i].unit, end,
                             m->blocks[b].name);
                if (n < MODBUS_MAX_READ_REGISTERS &&
                    (modbus_read_registers(ctx, (int)at, (int)n + 1, r) != -1 ||
                     errno != EMBXILADD))
                    fail_msg("unit %d: block %s + 1 word answered", devs[i].unit,
                             m->blocks[b].name);
            }
            if (!prev_adjacent && at > 0 &&
                (modbus_read_registers(ctx, (int)at - 1, 1, r) != -1 || errno != EMBXILADD))
                fail_msg("unit %d: %#x before block %s answered", devs[i].unit, at - 1,
                         m->blocks[b].name);
            blocks++;
        }
    }
    assert_int_equal(blocks, 2 * 4 + 2 + 2 + 2 + 2 + 2 + 1);
    /* reserved words are not writable, in either layout */
    uint16_t w[2] = {0, 0};
    modbus_set_slave(ctx, 10);
    assert_int_equal(modbus_write_register(ctx, 0x100B, 0), -1);
    assert_int_equal(errno, EMBXILADD);
    assert_int_equal(modbus_write_registers(ctx, 0x100C, 2, w), -1);
    assert_int_equal(errno, EMBXILADD);
    modbus_set_slave(ctx, 11);
    assert_int_equal(modbus_write_register(ctx, 0x100B, 0), -1);
    assert_int_equal(errno, EMBXILADD);
    mb_close(ctx);
    fix_halt(f);
    assert_int_equal(f->nlog, 0);
    fix_free(f);
    analyzer_free(an);
    analyzer_free(strict);
    probe_free(pr);
    flowmeter_free(fm);
    sampler_free(sa);
    door_free(dr);
    camera_free(ca);
    meter_free(me);
}

static void test_api_errors(void **state)
{
    mbserver_config dc = mbserver_defaults(); /* as docs/station.md states them */
    assert_int_equal(dc.max_conns, 32);
    assert_int_equal(dc.max_per_source, 8);
    assert_int_equal(dc.idle_ms, 120000);
    assert_int_equal(dc.frame_ms, 10000);
    assert_int_equal(dc.out_limit, 64 * 1024);
    char err[256] = "";
    mbloop *loop = mbloop_new(err, sizeof err);
    mbserver *a = mbserver_new("127.0.0.1", 0, loop, NULL, err, sizeof err);
    assert_non_null(a);
    /* The same port twice: a message, no server. */
    err[0] = 0;
    assert_null(mbserver_new("127.0.0.1", mbserver_port(a), loop, NULL, err, sizeof err));
    assert_non_null(strstr(err, "listen"));
    assert_null(mbserver_new("no.such.host.invalid", 0, loop, NULL, err, sizeof err));
    assert_null(mbserver_new("127.0.0.1", 70000, loop, NULL, err, sizeof err));
    testdev d;
    testdev_init(&d, 1);
    hwdev h = testdev_hwdev(&d, 0);
    assert_int_equal(mbserver_set_unit(a, 0, &h), -1);
    assert_int_equal(mbserver_set_unit(a, 248, &h), -1);
    assert_int_equal(mbserver_set_unit(a, 247, &h), 0);
    assert_int_equal(mbserver_set_unit(a, 247, NULL), 0);
    mbserver_free(a);
    mbserver_free(NULL);
    mbloop_free(loop);
    mbloop_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_replies),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_every_function_code),
        cmocka_unit_test(test_libmodbus_client_and_write_log),
        cmocka_unit_test(test_pipelined_and_split),
        cmocka_unit_test(test_stalled_client),
        cmocka_unit_test(test_garbage_clients),
        cmocka_unit_test(test_flooding_client),
        cmocka_unit_test(test_slow_reader),
        cmocka_unit_test(test_connection_limit),
        cmocka_unit_test(test_idle_timeout),
        cmocka_unit_test(test_slow_clients),
        cmocka_unit_test(test_partial_bytes_do_not_refresh),
        cmocka_unit_test(test_dau_poll_interval),
        cmocka_unit_test(test_never_valid_evicted_first),
        cmocka_unit_test(test_per_source_limit),
        cmocka_unit_test(test_loop_del_in_batch),
        cmocka_unit_test(test_many_endpoints_one_loop),
        cmocka_unit_test(test_analyzer_data_block),
        cmocka_unit_test(test_blocks_every_device),
        cmocka_unit_test(test_api_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
