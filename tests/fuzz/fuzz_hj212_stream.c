/*
 * fuzz_hj212_stream.c — libFuzzer target for the HJ 212 streaming decoder.
 *
 * The input is fed in pieces whose sizes come from a PRNG seeded by the input (so the same
 * bytes are also tried at other split points), with a small maximum length on some inputs.
 * Every accepted packet is re-encoded: the encoding must parse again and encode to the
 * same bytes. Split parts go through the reassembler (on a fake clock), whose joined
 * packets must re-parse after encoding; replies are built for accepted and refused
 * packets. A toy XOR "cipher" (harness only, not cryptography) exercises the encrypted-CP
 * paths.
 */
#include "hj212.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int toy_encrypt(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t pad = 16 - n % 16;
    (void)ctx;
    if (cap < n + pad) return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] ^ 0x5A;
    for (size_t i = 0; i < pad; i++)
        out[n + i] = (unsigned char)pad ^ 0x5A;
    return (int)(n + pad);
}

static int toy_decrypt(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    (void)ctx;
    if (n == 0 || n % 16 != 0 || cap < n) return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] ^ 0x5A;
    unsigned pad = out[n - 1];
    if (pad < 1 || pad > 16) return -1;
    return (int)(n - pad);
}

static const hj212_cipher toy = {toy_encrypt, toy_decrypt, NULL};

static char enc1[HJ212_MAX_LIMIT + 64], enc2[HJ212_MAX_LIMIT + 64], rep[512];
static hj212_packet pk, joined;

static void check_packet(const hj212_packet *p, const hj212_opts *o)
{
    hj212_err e = HJ212_OK;
    int n = hj212_encode(p, enc1, sizeof enc1, o, &e);
    if (n < 0) abort(); /* a parsed packet always re-encodes (normalising never grows it) */
    if (hj212_parse(&pk, enc1, (size_t)n, o, NULL) != HJ212_OK) abort();
    int m = hj212_encode(&pk, enc2, sizeof enc2, o, &e);
    if (m != n || memcmp(enc1, enc2, (size_t)n) != 0) abort(); /* encoding is a fixed point */
    if (pk.nfields != p->nfields || pk.nitems != p->nitems) abort();
    for (unsigned i = 0; i < p->nfields; i++) {
        const hj212_field *a = &p->fields[i], *b = &pk.fields[i];
        if (a->key.n != b->key.n || a->value.n != b->value.n ||
            memcmp(a->key.p, b->key.p, a->key.n) != 0 ||
            memcmp(a->value.p, b->value.p, a->value.n) != 0)
            abort();
    }
    n = hj212_reply(p, 9014, 0, rep, sizeof rep, o);
    if (n > 0 && hj212_parse(&pk, rep, (size_t)n, o, NULL) != HJ212_OK) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t x = 0x9E3779B97F4A7C15ull ^ size;
    for (size_t i = 0; i < size && i < 16; i++)
        x = (x ^ data[i]) * 0x100000001B3ull;
    static hj212_stream *streams[4]; /* kept across runs, reset: as a server reuses them */
    int kind = ((x & 3) == 0) | ((x & 4) ? 2 : 0);
    hj212_opts o = {kind & 1 ? 300 : 0, kind & 2 ? &toy : NULL};
    if (!streams[kind]) streams[kind] = hj212_stream_new(&o);
    hj212_stream *s = streams[kind];
    hj212_stream_reset(s);
    hj212_reasm *r = hj212_reasm_new(4, 8192, 1000);
    hj212_event ev;
    int64_t now = 0;
    if (!s || !r) abort();
    for (size_t off = 0; off < size;) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t piece = (x & 7) == 0 ? size - off : 1 + (size_t)(x >> 33) % 97;
        if (piece > size - off) piece = size - off;
        size_t end = off + piece;
        while (off < end) {
            off += hj212_stream_feed(s, (const char *)data + off, end - off);
            while (hj212_stream_next(s, &ev)) {
                now += 100;
                if (ev.err != HJ212_OK) {
                    (void)hj212_reply(ev.pkt, 9011, hj212_qnrtn(ev.err), rep, sizeof rep, &o);
                    continue;
                }
                check_packet(ev.pkt, &o);
                if (ev.pkt->pnum > 0) {
                    hj212_err e = HJ212_OK;
                    if (hj212_reasm_add(r, ev.pkt, now, &joined, &e) == 1) {
                        int n = hj212_encode(&joined, enc1, sizeof enc1, &o, &e);
                        if (n > 0 && hj212_parse(&pk, enc1, (size_t)n, &o, NULL) != HJ212_OK)
                            abort();
                    }
                }
            }
        }
    }
    hj212_stream_finish(s);
    while (hj212_stream_next(s, &ev))
        if (ev.err == HJ212_OK) check_packet(ev.pkt, &o);
    hj212_stream_stats st = hj212_stream_stats_get(s);
    if (st.skipped_bytes > size) abort();
    (void)hj212_reasm_expire(r, now + 5000);
    if (hj212_reasm_pending(r) != 0) abort();
    hj212_reasm_free(r);
    return 0;
}
