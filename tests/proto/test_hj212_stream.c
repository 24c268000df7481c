/*
 * test_hj212_stream.c — streaming decoder: partial feeds, several packets per feed,
 * garbage, oversize, truncation at the end, corrupted lengths and cuts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hj212.h"
#include "hj212_testutil.h"

#define MAXEV 64

typedef struct evrec {
    hj212_err err;
    size_t rawlen, skipped;
    unsigned warnings;
    int cn;
} evrec;

typedef struct run {
    int n;
    evrec ev[MAXEV];
    hj212_stream_stats st;
} run;

/* Feeds in[0..n) in pieces of `chunk` bytes (0: all at once), draining events after each
 * feed, then finish() and drains again. */
static void feed_all(const hj212_opts *o, const char *in, size_t n, size_t chunk, run *r)
{
    hj212_stream *s = hj212_stream_new(o);
    hj212_event ev;
    assert_non_null(s);
    r->n = 0;
    for (size_t off = 0; off < n;) {
        size_t end = chunk ? (off + chunk < n ? off + chunk : n) : n;
        while (off < end) {
            off += hj212_stream_feed(s, in + off, end - off);
            while (hj212_stream_next(s, &ev)) {
                assert_true(r->n < MAXEV);
                r->ev[r->n].err = ev.err;
                r->ev[r->n].rawlen = ev.rawlen;
                r->ev[r->n].skipped = ev.skipped;
                r->ev[r->n].warnings = ev.pkt->warnings;
                r->ev[r->n].cn = ev.err == HJ212_OK ? ev.pkt->cn_num : -1;
                if (ev.err == HJ212_OK) { /* raw is the frame itself */
                    assert_true(ev.rawlen >= 10);
                    assert_memory_equal(ev.raw, "##", 2);
                }
                r->n++;
            }
        }
    }
    hj212_stream_finish(s);
    while (hj212_stream_next(s, &ev)) {
        assert_true(r->n < MAXEV);
        r->ev[r->n].err = ev.err;
        r->ev[r->n].rawlen = ev.rawlen;
        r->ev[r->n].skipped = ev.skipped;
        r->ev[r->n].warnings = ev.err == HJ212_OK ? ev.pkt->warnings : 0;
        r->ev[r->n].cn = ev.err == HJ212_OK ? ev.pkt->cn_num : -1;
        r->n++;
    }
    assert_int_equal(hj212_stream_next(s, &ev), 0);
    r->st = hj212_stream_stats_get(s);
    hj212_stream_free(s);
}

static tu_lines *vec;
static char wire[13][TU_LINELEN];
static size_t wlen[13];

static int setup(void **state)
{
    (void)state;
    vec = malloc(sizeof *vec);
    if (!vec || tu_read("vectors.txt", vec) != 13) return -1;
    for (int i = 0; i < 13; i++)
        wlen[i] = tu_wire(vec->line[i], wire[i]);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(vec);
    return 0;
}

static size_t cat(char *dst, size_t at, const char *s, size_t n)
{
    memcpy(dst + at, s, n);
    return at + n;
}

static void test_all_vectors_any_chunking(void **state)
{
    (void)state;
    static const size_t chunks[] = {1, 2, 3, 7, 64, 1000, 0};
    char *in = malloc(8192);
    size_t n = 0;
    for (int i = 0; i < 13; i++)
        n = cat(in, n, wire[i], wlen[i]);
    run *r = malloc(sizeof *r);
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        feed_all(NULL, in, n, chunks[c], r);
        assert_int_equal(r->n, 13);
        for (int i = 0; i < 13; i++) {
            assert_int_equal(r->ev[i].err, HJ212_OK);
            assert_int_equal(r->ev[i].rawlen, wlen[i]);
            assert_int_equal(r->ev[i].skipped, 0);
            assert_int_equal(r->ev[i].warnings, 0);
        }
        assert_int_equal(r->st.packets, 13);
        assert_int_equal(r->st.refused, 0);
        assert_int_equal(r->st.skipped_bytes, 0);
    }
    free(r);
    free(in);
}

static void test_garbage(void **state)
{
    (void)state;
    char in[4096];
    size_t n = 0;
    n = cat(in, n, "hello", 5);
    n = cat(in, n, wire[0], wlen[0]);
    n = cat(in, n, "junk#", 5);
    n = cat(in, n, wire[3], wlen[3]);
    n = cat(in, n, "#", 1); /* "###0087": the first '#' is garbage */
    n = cat(in, n, wire[10], wlen[10]);
    n = cat(in, n, "tail#", 5);
    run r;
    for (size_t chunk = 0; chunk <= 5; chunk += 1) {
        feed_all(NULL, in, n, chunk, &r);
        assert_int_equal(r.n, 4);
        assert_int_equal(r.ev[0].err, HJ212_OK);
        assert_int_equal(r.ev[0].skipped, 5);
        assert_int_equal(r.ev[0].cn, 1062);
        assert_int_equal(r.ev[1].err, HJ212_OK);
        assert_int_equal(r.ev[1].skipped, 5);
        assert_int_equal(r.ev[1].cn, 9014);
        assert_int_equal(r.ev[2].err, HJ212_OK);
        assert_int_equal(r.ev[2].skipped, 1);
        assert_int_equal(r.ev[2].cn, 9011);
        assert_int_equal(r.ev[3].err, HJ212_E_FRAME); /* garbage at the end */
        assert_int_equal(r.ev[3].skipped, 5);
        assert_int_equal(r.st.skipped_bytes, 16);
        assert_int_equal(r.st.packets, 3);
        assert_int_equal(r.st.refused, 1);
    }
}

static void test_oversize(void **state)
{
    (void)state;
    hj212_opts o = {200, NULL};
    char *in = malloc(40000);
    size_t n = 0;
    run r;
    /* a 437-byte packet over a 200-byte maximum, then a good one */
    n = cat(in, n, wire[1], wlen[1]);
    n = cat(in, n, wire[0], wlen[0]);
    for (size_t chunk = 0; chunk <= 3; chunk++) {
        feed_all(&o, in, n, chunk, &r);
        assert_int_equal(r.n, 2);
        assert_int_equal(r.ev[0].err, HJ212_E_TOOBIG);
        assert_int_equal(r.ev[0].rawlen, 6);
        assert_int_equal(r.ev[1].err, HJ212_OK);
        assert_int_equal(r.ev[1].skipped, 0); /* the oversize bytes and CR LF were discarded */
        assert_int_equal(r.ev[1].cn, 1062);
    }
    /* a 9999-byte claim with 30000 bytes of payload: all dropped, the buffer stays bounded */
    n = cat(in, 0, "##9999", 6);
    memset(in + n, 'x', 30000);
    n += 30000;
    n = cat(in, n, wire[3], wlen[3]);
    hj212_opts o2 = {5000, NULL};
    feed_all(&o2, in, n, 4096, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[0].err, HJ212_E_TOOBIG);
    assert_int_equal(r.ev[1].err, HJ212_OK);
    assert_int_equal(r.ev[1].skipped, 30000 - 10003);
    /* a corrupted length that looks oversize must not swallow the next packet */
    n = cat(in, 0, "##0999", 6);
    n = cat(in, n, wire[0] + 6, wlen[0] - 6);
    n = cat(in, n, wire[3], wlen[3]);
    feed_all(&o, in, n, 0, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[0].err, HJ212_E_TOOBIG);
    assert_int_equal(r.ev[1].err, HJ212_OK);
    assert_int_equal(r.ev[1].cn, 9014);
    free(in);
}

static void test_finish(void **state)
{
    (void)state;
    char in[2048];
    run r;
    size_t n = cat(in, 0, wire[0], wlen[0]);
    n = cat(in, n, wire[1], 100);
    feed_all(NULL, in, n, 0, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[0].err, HJ212_OK);
    assert_int_equal(r.ev[1].err, HJ212_E_TRUNC);
    assert_int_equal(r.ev[1].rawlen, 100);
    /* a last frame without its CR LF is still delivered, with the warning */
    n = cat(in, 0, wire[0], wlen[0]);
    n = cat(in, n, wire[3], wlen[3] - 2);
    for (size_t chunk = 0; chunk <= 2; chunk++) {
        feed_all(NULL, in, n, chunk, &r);
        assert_int_equal(r.n, 2);
        assert_int_equal(r.ev[1].err, HJ212_OK);
        assert_int_equal(r.ev[1].warnings, HJ212_W_NOTRAILER);
        assert_int_equal(r.ev[1].rawlen, wlen[3] - 2);
    }
    /* CR without LF at the end */
    in[n] = '\r';
    feed_all(NULL, in, n + 1, 0, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[1].err, HJ212_OK);
    assert_int_equal(r.ev[1].warnings, HJ212_W_NOTRAILER);
    assert_int_equal(r.ev[1].rawlen, wlen[3] - 1);
    /* only the header */
    feed_all(NULL, "##01", 4, 1, &r);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ev[0].err, HJ212_E_TRUNC);
    /* nothing at all */
    feed_all(NULL, "", 0, 0, &r);
    assert_int_equal(r.n, 0);
}

static void test_corrupted_length(void **state)
{
    (void)state;
    char in[4096];
    run r;
    for (int sign = -1; sign <= 1; sign += 2) {
        size_t n = cat(in, 0, wire[1], wlen[1]); /* ##0437 */
        in[4] = sign > 0 ? '4' : '2';
        n = cat(in, n, wire[0], wlen[0]);
        n = cat(in, n, wire[3], wlen[3]);
        static const size_t chunks[] = {0, 1, 5, 100};
        for (size_t c = 0; c < 4; c++) {
            feed_all(NULL, in, n, chunks[c], &r);
            assert_int_equal(r.n, 3);
            assert_int_equal(r.ev[0].err, HJ212_E_LENGTH);
            assert_int_equal(r.ev[0].rawlen, wlen[1]);
            assert_int_equal(r.ev[1].err, HJ212_OK);
            assert_int_equal(r.ev[1].cn, 1062);
            assert_int_equal(r.ev[1].skipped, 0);
            assert_int_equal(r.ev[2].err, HJ212_OK);
            assert_int_equal(r.ev[2].cn, 9014);
        }
    }
    /* a length field that is not a number */
    size_t n = cat(in, 0, "##01x1", 6);
    n = cat(in, n, wire[0] + 6, wlen[0] - 6);
    n = cat(in, n, wire[3], wlen[3]);
    feed_all(NULL, in, n, 3, &r);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[0].err, HJ212_E_LENGTH);
    assert_int_equal(r.ev[1].err, HJ212_OK);
    assert_int_equal(r.ev[1].cn, 9014);
    assert_int_equal(r.ev[1].skipped, wlen[0] - 2);
}

static void test_cut_and_corrupt(void **state)
{
    (void)state;
    char in[4096];
    run r;
    /* a packet cut short, then a good one: the good one is not lost or delayed */
    size_t n = cat(in, 0, wire[1], 200);
    n = cat(in, n, wire[0], wlen[0]);
    static const size_t chunks[] = {0, 1, 9};
    for (size_t c = 0; c < 3; c++) {
        feed_all(NULL, in, n, chunks[c], &r);
        assert_int_equal(r.n, 2);
        assert_int_equal(r.ev[0].err, HJ212_E_TRUNC);
        assert_int_equal(r.ev[0].rawlen, 200);
        assert_int_equal(r.ev[1].err, HJ212_OK);
        assert_int_equal(r.ev[1].cn, 1062);
    }
    /* without finish: the good packet comes out as soon as it is complete */
    hj212_stream *s = hj212_stream_new(NULL);
    hj212_event ev;
    assert_int_equal(hj212_stream_feed(s, in, n), n);
    assert_int_equal(hj212_stream_next(s, &ev), 1);
    assert_int_equal(ev.err, HJ212_E_TRUNC);
    assert_int_equal(hj212_stream_next(s, &ev), 1);
    assert_int_equal(ev.err, HJ212_OK);
    assert_int_equal(hj212_stream_next(s, &ev), 0);
    hj212_stream_free(s);
    /* one changed byte: refused on the CRC, the next packet intact */
    n = cat(in, 0, wire[2], wlen[2]);
    in[50] = 'X';
    n = cat(in, n, wire[3], wlen[3]);
    for (size_t c = 0; c < 3; c++) {
        feed_all(NULL, in, n, chunks[c], &r);
        assert_int_equal(r.n, 2);
        assert_int_equal(r.ev[0].err, HJ212_E_CRC);
        assert_int_equal(r.ev[0].rawlen, wlen[2]);
        assert_int_equal(r.ev[1].err, HJ212_OK);
        assert_int_equal(r.ev[1].skipped, 0);
    }
}

/* Every single-byte change in a stream of three packets: the unchanged neighbours always
 * come through. */
static void test_mutated_stream(void **state)
{
    (void)state;
    char in[4096], mut[4096];
    size_t n = cat(in, 0, wire[3], wlen[3]);
    size_t a = n;
    n = cat(in, n, wire[2], wlen[2]);
    size_t b = n;
    n = cat(in, n, wire[10], wlen[10]);
    run *r = malloc(sizeof *r);
    for (size_t pos = a; pos < b; pos++) {
        for (int k = 0; k < 3; k++) {
            memcpy(mut, in, n);
            mut[pos] = k == 0 ? '#' : k == 1 ? (char)(in[pos] ^ 0x10) : '\n';
            if (mut[pos] == in[pos]) continue;
            feed_all(NULL, mut, n, k == 2 ? 7 : 0, r);
            assert_true(r->n >= 2);
            assert_int_equal(r->ev[0].err, HJ212_OK);
            assert_int_equal(r->ev[0].cn, 9014);
            assert_int_equal(r->ev[r->n - 1].err, HJ212_OK);
            assert_int_equal(r->ev[r->n - 1].cn, 9011);
        }
    }
    free(r);
}

static void test_reset(void **state)
{
    (void)state;
    hj212_stream *s = hj212_stream_new(NULL);
    hj212_event ev;
    assert_int_equal(hj212_stream_feed(s, "junk", 4), 4);
    assert_int_equal(hj212_stream_feed(s, wire[1], 100), 100);
    assert_int_equal(hj212_stream_next(s, &ev), 0);
    assert_int_equal(hj212_stream_stats_get(s).skipped_bytes, 4);
    hj212_stream_reset(s); /* a new connection: the half packet is gone */
    assert_int_equal(hj212_stream_stats_get(s).skipped_bytes, 0);
    assert_int_equal(hj212_stream_feed(s, wire[0], wlen[0]), wlen[0]);
    assert_int_equal(hj212_stream_next(s, &ev), 1);
    assert_int_equal(ev.err, HJ212_OK);
    assert_int_equal(ev.skipped, 0);
    assert_int_equal(ev.rawlen, wlen[0]);
    assert_int_equal(hj212_stream_stats_get(s).packets, 1);
    hj212_stream_free(s);
    hj212_stream_free(NULL);
}

/* An SM4-encrypted frame whose CRC over the ciphertext happens to equal the CRC field (over
 * the plaintext, about 1 in 256 frames): without a key it must be refused as encrypted
 * (so a platform can retry with the station's key), never as a corrupted length, whatever
 * the chunking. */
static void test_encrypted_crc_collision(void **state)
{
    (void)state;
    char buf[4096];
    FILE *f = fopen(HJ_TEST_DATA "/hj212/sm4-crc-collision.txt", "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 2, f);
    fclose(f);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) n--;
    memcpy(buf + n, "\r\n", 2);
    n += 2;
    for (size_t chunk = 1; chunk < 4096; chunk = chunk * 2 + 1) {
        hj212_stream *s = hj212_stream_new(NULL);
        hj212_event ev;
        int events = 0;
        for (size_t off = 0; off < n; off += chunk) {
            size_t k = n - off < chunk ? n - off : chunk;
            assert_int_equal(hj212_stream_feed(s, buf + off, k), k);
            while (hj212_stream_next(s, &ev) == 1) {
                assert_int_equal(ev.err, HJ212_E_CRYPT);
                assert_int_equal(ev.rawlen, n);
                events++;
            }
        }
        assert_int_equal(events, 1);
        hj212_stream_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_vectors_any_chunking),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_oversize),
        cmocka_unit_test(test_finish),
        cmocka_unit_test(test_corrupted_length),
        cmocka_unit_test(test_cut_and_corrupt),
        cmocka_unit_test(test_mutated_stream),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_encrypted_crc_collision),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
