/*
 * test_hj212_sm4.c — SM4-ECB CP encryption (HJ 212-2025): the GB/T 32907 known answer,
 * key parsing, and packets encrypted by the openssl tool (tests/data/hj212/sm4.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hj212-sm4.h"
#include "hj212_testutil.h"

static const char *const KEYHEX = "0123456789ABCDEFFEDCBA9876543210";

static void test_known_answer(void **state)
{
    (void)state;
    unsigned char key[16], out[64], back[64];
    static const unsigned char want[16] = {0x68, 0x1E, 0xDF, 0x34, 0xD2, 0x06, 0x96, 0x5E,
                                           0x86, 0xB3, 0xE9, 0x4F, 0x53, 0x6E, 0x42, 0x46};
    assert_int_equal(hj212_sm4_key_parse(KEYHEX, key), 0);
    hj212_cipher *c = hj212_sm4_new(key);
    assert_non_null(c);
    /* plaintext = the key, as in GB/T 32907 appendix A.1; PKCS#7 adds a block */
    int n = c->encrypt(c->ctx, key, 16, out, sizeof out);
    assert_int_equal(n, 32);
    assert_memory_equal(out, want, 16);
    assert_int_equal(c->decrypt(c->ctx, out, 32, back, sizeof back), 16);
    assert_memory_equal(back, key, 16);
    assert_int_equal(c->encrypt(c->ctx, key, 16, out, 20), -1); /* no room */
    assert_int_equal(c->decrypt(c->ctx, out, 31, back, sizeof back), -1);
    out[31] ^= 1; /* broken padding */
    assert_int_equal(c->decrypt(c->ctx, out, 32, back, sizeof back), -1);
    hj212_sm4_free(c);
    hj212_sm4_free(NULL);
}

static void test_key_parse(void **state)
{
    (void)state;
    unsigned char key[16] = {0};
    assert_int_equal(hj212_sm4_key_parse("0123456789abcdeffedcba9876543210", key), 0);
    assert_int_equal(key[0], 0x01);
    assert_int_equal(key[15], 0x10);
    assert_int_equal(hj212_sm4_key_parse("0123456789ABCDEFFEDCBA987654321", key), -1);
    assert_int_equal(hj212_sm4_key_parse("0123456789ABCDEFFEDCBA98765432100", key), -1);
    assert_int_equal(hj212_sm4_key_parse("0123456789ABCDEFFEDCBA987654321G", key), -1);
}

static void test_packets(void **state)
{
    (void)state;
    tu_lines *l = malloc(sizeof *l);
    hj212_packet *p = malloc(sizeof *p), *q = malloc(sizeof *q);
    unsigned char key[16];
    char wire[TU_LINELEN], out[TU_LINELEN];
    hj212_err e = HJ212_OK;
    const char *why = NULL;

    assert_int_equal(tu_read("sm4.txt", l), 2);
    assert_int_equal(hj212_sm4_key_parse(KEYHEX, key), 0);
    hj212_cipher *c = hj212_sm4_new(key);
    hj212_opts o = {0, c};
    /* plaintext and encrypted packets carry the same CRC (over the plaintext) */
    assert_int_equal(hj212_parse(q, l->line[0], strlen(l->line[0]), NULL, NULL), HJ212_OK);
    size_t wn = tu_wire(l->line[1], wire);
    assert_int_equal(hj212_parse(p, wire, wn, &o, &why), HJ212_OK);
    assert_true(p->encrypted);
    assert_int_equal(p->crc, q->crc);
    assert_int_equal(p->cp.n, q->cp.n);
    assert_memory_equal(p->cp.p, q->cp.p, q->cp.n);
    assert_int_equal(p->nfields, 5);
    const hj212_field *f = hj212_find(p, "w21003-Rtd");
    assert_non_null(f);
    assert_memory_equal(f->value.p, "1.25", 4);
    /* re-encoding encrypts again: byte for byte what the openssl tool produced */
    int n = hj212_encode(p, out, sizeof out, &o, &e);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);
    /* without the key: refused as encrypted; and it cannot be re-encoded */
    assert_int_equal(hj212_parse(q, wire, wn, NULL, &why), HJ212_E_CRYPT);
    assert_int_equal(hj212_encode(p, out, sizeof out, NULL, &e), -1);
    assert_int_equal(e, HJ212_E_CRYPT);
    /* with a wrong key: the padding check fails */
    unsigned char k2[16];
    memcpy(k2, key, 16);
    k2[0] ^= 0x80;
    hj212_cipher *c2 = hj212_sm4_new(k2);
    hj212_opts o2 = {0, c2};
    assert_int_equal(hj212_parse(q, wire, wn, &o2, &why), HJ212_E_CRYPT);
    /* one changed ciphertext digit: decryption garbage, refused */
    wire[200] = wire[200] == 'A' ? 'B' : 'A';
    e = hj212_parse(q, wire, wn, &o, &why);
    assert_true(e == HJ212_E_CRYPT || e == HJ212_E_CRC);
    /* a plaintext packet still parses with a key configured */
    assert_int_equal(hj212_parse(q, l->line[0], strlen(l->line[0]), &o, NULL), HJ212_OK);
    assert_false(q->encrypted);

    /* builder with encryption, and an encrypted reply to an encrypted request */
    hj212_init(q, HJ212_V2025, "20260301080000123", 32, 2011, "123456", "MN1", HJ212_FLAG_A);
    assert_int_equal(hj212_add(q, "DataTime", "20260301080000", 1), 0);
    assert_int_equal(hj212_add(q, "i11001-Info", "//日志;a=b//", 1), 0);
    q->encrypted = 1;
    n = hj212_encode(q, out, sizeof out, &o, &e);
    assert_true(n > 0);
    assert_int_equal(hj212_parse(p, out, (size_t)n, &o, &why), HJ212_OK);
    assert_true(p->encrypted);
    assert_int_equal(p->nfields, 2);
    n = hj212_reply(p, 9011, 1, out, sizeof out, &o);
    assert_true(n > 0);
    assert_int_equal(hj212_parse(q, out, (size_t)n, &o, &why), HJ212_OK);
    assert_true(q->encrypted);
    assert_memory_equal(hj212_find(q, "QnRtn")->value.p, "1", 1);
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, &why), HJ212_E_CRYPT);
    /* the streaming decoder decrypts too */
    hj212_stream *s = hj212_stream_new(&o);
    hj212_event ev;
    wn = tu_wire(l->line[1], wire);
    assert_int_equal(hj212_stream_feed(s, wire, wn), wn);
    assert_int_equal(hj212_stream_next(s, &ev), 1);
    assert_int_equal(ev.err, HJ212_OK);
    assert_true(ev.pkt->encrypted);
    hj212_stream_free(s);

    hj212_sm4_free(c2);
    hj212_sm4_free(c);
    free(q);
    free(p);
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_answer),
        cmocka_unit_test(test_key_parse),
        cmocka_unit_test(test_packets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
