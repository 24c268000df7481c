/*
 * test_mbpipe.c — pipelined Modbus/TCP reads (sim/dau/mbpipe.h) against a scripted peer on
 * a socket pair: the requests' bytes, replies in any order, exceptions, a stray or
 * malformed reply, a reply taken past the deadline, silence (timeout), a closed peer, and a server run by the waiting
 * caller itself (the range's one-thread mode).
 */
#include "mbpipe.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int sp[2]; /* sp[0]: the DAU's end, sp[1]: the scripted device's */

static int setup(void **state)
{
    (void)state;
    return socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
}

static int teardown(void **state)
{
    (void)state;
    close(sp[0]);
    if (sp[1] >= 0) close(sp[1]);
    return 0;
}

/* A read reply to transaction tid: n registers, register i = base + i. */
static size_t reply_regs(uint8_t *out, uint16_t tid, uint8_t unit, uint16_t n, uint16_t base)
{
    size_t len = 9u + 2u * n;
    uint8_t h[9] = {tid >> 8, tid & 0xFF, 0, 0, 0, (uint8_t)(3 + 2 * n), unit, 3, (uint8_t)(2 * n)};
    memcpy(out, h, 9);
    for (uint16_t i = 0; i < n; i++) {
        uint16_t v = (uint16_t)(base + i);
        out[9 + 2 * i] = (uint8_t)(v >> 8);
        out[10 + 2 * i] = (uint8_t)(v & 0xFF);
    }
    return len;
}

static size_t reply_ex(uint8_t *out, uint16_t tid, uint8_t unit, uint8_t code)
{
    uint8_t h[9] = {tid >> 8, tid & 0xFF, 0, 0, 0, 3, unit, 0x83, code};
    memcpy(out, h, 9);
    return 9;
}

static void put(const uint8_t *p, size_t n)
{
    assert_int_equal(write(sp[1], p, n), (ssize_t)n);
}

static void test_requests_and_any_order(void **state)
{
    (void)state;
    uint16_t w0[4], w1[2], w2[3];
    mbpipe_read r[3] = {{6, 0x10, 4, 0, w0}, {1, 0x80, 2, 0, w1}, {9, 0x00, 3, 0, w2}};
    uint16_t tid = 0xFFFE; /* ids wrap */
    uint8_t b[256];
    size_t n = reply_regs(b, 0x0000, 9, 3, 300); /* the third first, the first in two writes */
    n += reply_regs(b + n, 0xFFFF, 1, 2, 200);
    size_t first = reply_regs(b + n, 0xFFFE, 6, 4, 100);
    put(b, n + 5);
    put(b + n + 5, first - 5);
    assert_int_equal(mbpipe_read_all(sp[0], r, 3, 1000, &tid, NULL), 0);
    assert_int_equal(tid, 0x0001);
    assert_int_equal(r[0].rc, 0);
    assert_int_equal(r[1].rc, 0);
    assert_int_equal(r[2].rc, 0);
    assert_int_equal(w0[0], 100);
    assert_int_equal(w0[3], 103);
    assert_int_equal(w1[1], 201);
    assert_int_equal(w2[2], 302);
    /* what went out: three FC03 requests in one piece */
    uint8_t req[64];
    assert_int_equal(read(sp[1], req, sizeof req), 36);
    static const uint8_t want0[12] = {0xFF, 0xFE, 0, 0, 0, 6, 6, 3, 0x00, 0x10, 0, 4};
    static const uint8_t want2[12] = {0x00, 0x00, 0, 0, 0, 6, 9, 3, 0x00, 0x00, 0, 3};
    assert_memory_equal(req, want0, 12);
    assert_memory_equal(req + 24, want2, 12);
}

static void test_exception(void **state)
{
    (void)state;
    uint16_t w0[2], w1[2];
    mbpipe_read r[2] = {{8, 0, 2, 0, w0}, {11, 0, 2, 0, w1}};
    uint16_t tid = 7;
    uint8_t b[64];
    size_t n = reply_ex(b, 7, 8, 0x0B);
    n += reply_regs(b + n, 8, 11, 2, 5);
    put(b, n);
    assert_int_equal(mbpipe_read_all(sp[0], r, 2, 1000, &tid, NULL), 0);
    assert_int_equal(r[0].rc, 0x0B);
    assert_int_equal(r[1].rc, 0);
    assert_int_equal(w1[1], 6);
}

static void test_stray_and_malformed(void **state)
{
    (void)state;
    uint16_t w[2];
    mbpipe_read r = {5, 0, 2, 0, w};
    uint16_t tid = 40;
    uint8_t b[64];
    put(b, reply_regs(b, 41, 5, 2, 0)); /* answers nothing we asked */
    assert_int_equal(mbpipe_read_all(sp[0], &r, 1, 1000, &tid, NULL), -1);
    assert_int_equal(r.rc, -1);
    char junk[64];
    while (recv(sp[1], junk, sizeof junk, MSG_DONTWAIT) > 0)
        ;
    put(b, reply_regs(b, 42, 5, 3, 0)); /* three registers for two */
    tid = 42;
    assert_int_equal(mbpipe_read_all(sp[0], &r, 1, 1000, &tid, NULL), -1);
    assert_int_equal(r.rc, -1);
}

/* A thread kept from a core past the deadline still takes the reply that is there. */
static void test_late_reply_taken(void **state)
{
    (void)state;
    uint16_t w[2];
    mbpipe_read r = {6, 0, 2, 0, w};
    uint16_t tid = 3;
    uint8_t b[64];
    put(b, reply_regs(b, 3, 6, 2, 9));
    assert_int_equal(mbpipe_read_all(sp[0], &r, 1, 0, &tid, NULL), 0);
    assert_int_equal(r.rc, 0);
    assert_int_equal(w[1], 10);
}

static void test_silence_and_close(void **state)
{
    (void)state;
    uint16_t w[1];
    mbpipe_read r = {5, 0, 1, 0, w};
    uint16_t tid = 0;
    assert_int_equal(mbpipe_read_all(sp[0], &r, 1, 50, &tid, NULL), -1);
    assert_int_equal(r.rc, -1);
    close(sp[1]);
    sp[1] = -1;
    assert_int_equal(mbpipe_read_all(sp[0], &r, 1, 1000, &tid, NULL), -1);
}

/* The device's side run by the waiting caller: answers every whole request it finds. */
static int served;
static void serve(void *ctx)
{
    (void)ctx;
    uint8_t q[12], b[300];
    while (recv(sp[1], q, sizeof q, MSG_DONTWAIT) == (ssize_t)sizeof q) {
        uint16_t tid = (uint16_t)(q[0] << 8 | q[1]), n = (uint16_t)(q[10] << 8 | q[11]);
        put(b, reply_regs(b, tid, q[6], n, (uint16_t)(q[6] * 10)));
        served++;
    }
}

static void test_served_by_the_caller(void **state)
{
    (void)state;
    uint16_t w[MBPIPE_MAX][2];
    mbpipe_read r[MBPIPE_MAX];
    for (int i = 0; i < MBPIPE_MAX; i++)
        r[i] = (mbpipe_read){(uint8_t)(i + 1), 0, 2, 0, w[i]};
    uint16_t tid = 1;
    mbpipe_serve sv = {sp[1], serve, NULL};
    served = 0;
    assert_int_equal(mbpipe_read_all(sp[0], r, MBPIPE_MAX, 1000, &tid, &sv), 0);
    assert_int_equal(served, MBPIPE_MAX);
    for (int i = 0; i < MBPIPE_MAX; i++) {
        assert_int_equal(r[i].rc, 0);
        assert_int_equal(w[i][1], (i + 1) * 10 + 1);
    }
    assert_int_equal(mbpipe_read_all(sp[0], r, MBPIPE_MAX + 1, 1000, &tid, &sv), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_requests_and_any_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exception, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stray_and_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_reply_taken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_silence_and_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_served_by_the_caller, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
