/*
 * test_mbframe.c — MBAP framing: any split, several frames per read, bad headers.
 */
#include "mbframe.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

/* FC03 unit 1, tid 0x0102, addr 0x0010, qty 2. */
static const uint8_t READ1[12] = {0x01, 0x02, 0x00, 0x00, 0x00, 0x06,
                                  0x01, 0x03, 0x00, 0x10, 0x00, 0x02};
/* FC16 unit 7, tid 0x0A0B, addr 0x0020, qty 2, values 0x1111 0x2222. */
static const uint8_t WRITE2[17] = {0x0A, 0x0B, 0x00, 0x00, 0x00, 0x0B, 0x07, 0x10, 0x00,
                                   0x20, 0x00, 0x02, 0x04, 0x11, 0x11, 0x22, 0x22};

static void push(mbframe_buf *b, const uint8_t *p, size_t n)
{
    size_t avail = 0;
    uint8_t *dst = mbframe_space(b, &avail);
    assert_true(avail >= n);
    memcpy(dst, p, n);
    mbframe_commit(b, n);
}

static void test_byte_at_a_time(void **state)
{
    mbframe_buf b;
    mbframe_init(&b);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    for (size_t i = 0; i < sizeof READ1; i++) {
        push(&b, READ1 + i, 1);
        int rc = mbframe_next(&b, &f, &len, &why);
        if (i + 1 < sizeof READ1) {
            assert_int_equal(rc, 0);
        } else {
            assert_int_equal(rc, 1);
            assert_int_equal(len, 12);
            assert_memory_equal(f, READ1, 12);
        }
    }
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 0);
    /* Then a second frame, again a byte at a time, after the buffer was compacted. */
    for (size_t i = 0; i < sizeof WRITE2; i++) {
        push(&b, WRITE2 + i, 1);
        assert_int_equal(mbframe_next(&b, &f, &len, &why), i + 1 < sizeof WRITE2 ? 0 : 1);
    }
    assert_int_equal(len, 17);
    assert_memory_equal(f, WRITE2, 17);
}

static void test_two_frames_one_read(void **state)
{
    mbframe_buf b;
    mbframe_init(&b);
    uint8_t two[sizeof READ1 + sizeof WRITE2 + 5];
    memcpy(two, READ1, sizeof READ1);
    memcpy(two + sizeof READ1, WRITE2, sizeof WRITE2);
    memcpy(two + sizeof READ1 + sizeof WRITE2, READ1, 5); /* start of a third */
    push(&b, two, sizeof two);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(mbframe_ready(&b), 1);
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_int_equal(len, 12);
    assert_memory_equal(f, READ1, 12);
    assert_int_equal(mbframe_ready(&b), 1); /* the second is whole too */
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_int_equal(mbframe_ready(&b), 0); /* only 5 bytes of the third */
    assert_int_equal(len, 17);
    assert_memory_equal(f, WRITE2, 17);
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 0);
    /* The partial third frame moved to the front; its rest completes it. */
    assert_int_equal(b.off, 0);
    assert_int_equal(b.len, 5);
    push(&b, READ1 + 5, sizeof READ1 - 5);
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_memory_equal(f, READ1, 12);
}

static void test_many_pipelined_fill_buffer(void **state)
{
    /* 170 frames of 12 bytes = 2040 bytes: one full buffer, all come out in order. */
    mbframe_buf b;
    mbframe_init(&b);
    uint8_t fr[12];
    memcpy(fr, READ1, sizeof fr);
    for (int i = 0; i < 170; i++) {
        fr[0] = (uint8_t)(i >> 8);
        fr[1] = (uint8_t)i;
        push(&b, fr, sizeof fr);
    }
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    for (int i = 0; i < 170; i++) {
        assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
        assert_int_equal((f[0] << 8) | f[1], i);
    }
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 0);
    size_t avail = 0;
    mbframe_space(&b, &avail);
    assert_int_equal(avail, MBFRAME_BUFSIZE);
}

static void expect_bad(const uint8_t *p, size_t n, const char *needle)
{
    mbframe_buf b;
    mbframe_init(&b);
    push(&b, p, n);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(mbframe_next(&b, &f, &len, &why), -1);
    assert_non_null(why);
    assert_non_null(strstr(why, needle));
}

static void test_bad_protocol_id(void **state)
{
    uint8_t p[12];
    memcpy(p, READ1, sizeof p);
    p[3] = 0x01;
    expect_bad(p, sizeof p, "protocol");
    /* Judged on the first 6 bytes, before the body arrives. */
    expect_bad(p, 6, "protocol");
    /* An HTTP request on the Modbus port. */
    expect_bad((const uint8_t *)"GET / HTTP/1.0\r\n", 16, "protocol");
}

static void test_bad_length(void **state)
{
    uint8_t p[12];
    memcpy(p, READ1, sizeof p);
    p[4] = 0;
    p[5] = 0;
    expect_bad(p, sizeof p, "below 2");
    p[5] = 1;
    expect_bad(p, sizeof p, "below 2");
    /* Length 2 (unit + function only) is a valid frame of 8 bytes. */
    mbframe_buf b;
    mbframe_init(&b);
    p[5] = 2;
    push(&b, p, 8);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_int_equal(len, 8);
}

static void test_oversize(void **state)
{
    uint8_t p[6] = {0, 1, 0, 0, 0x00, 0xFF}; /* 255: ADU of 261 */
    expect_bad(p, sizeof p, "above 254");
    p[4] = 0xFF; /* 65535 */
    expect_bad(p, sizeof p, "above 254");
    /* 254 is the largest: a 260-byte frame. */
    uint8_t big[MBFRAME_MAX_ADU];
    memset(big, 0xAB, sizeof big);
    big[2] = big[3] = 0;
    big[4] = 0;
    big[5] = 254;
    mbframe_buf b;
    mbframe_init(&b);
    push(&b, big, sizeof big - 1);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 0);
    push(&b, big + sizeof big - 1, 1);
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_int_equal(len, MBFRAME_MAX_ADU);
}

static void test_bad_after_good(void **state)
{
    /* A good frame then garbage in the same read: the good one is served first. */
    uint8_t p[12 + 8];
    memcpy(p, READ1, 12);
    memcpy(p + 12, "\xde\xad\xbe\xef\x00\x10\x01\x03", 8);
    mbframe_buf b;
    mbframe_init(&b);
    push(&b, p, sizeof p);
    const uint8_t *f = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(mbframe_next(&b, &f, &len, &why), 1);
    assert_int_equal(mbframe_next(&b, &f, &len, &why), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byte_at_a_time),
        cmocka_unit_test(test_two_frames_one_read),
        cmocka_unit_test(test_many_pipelined_fill_buffer),
        cmocka_unit_test(test_bad_protocol_id),
        cmocka_unit_test(test_bad_length),
        cmocka_unit_test(test_oversize),
        cmocka_unit_test(test_bad_after_good),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
