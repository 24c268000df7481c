/*
 * test_hj212.c — HJ 212 codec: CRC, parse/encode round trips of the vectors and feature
 * packets, refusals (each error), mutations, lenient parsing, builders and replies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hj212.h"
#include "hj212_testutil.h"

static hj212_packet *pkt_new(void)
{
    hj212_packet *p = malloc(sizeof *p);
    assert_non_null(p);
    return p;
}

/* Bit-by-bit CRC straight from NOTES.md, to check the table-driven one. */
static uint16_t crc_ref(const unsigned char *p, size_t n, uint16_t reg)
{
    for (size_t i = 0; i < n; i++) {
        reg = (uint16_t)((reg >> 8) ^ p[i]);
        for (int b = 0; b < 8; b++)
            reg = (reg & 1) ? (uint16_t)((reg >> 1) ^ 0xA001) : (uint16_t)(reg >> 1);
    }
    return reg;
}

/* Frames a data segment with a correct CRC (and CR LF). */
static size_t frame(const char *seg, char *out)
{
    size_t n = strlen(seg);
    return (size_t)sprintf(out, "##%04zu%s%04X\r\n", n, seg, (unsigned)hj212_crc(seg, n));
}

static void test_crc(void **state)
{
    (void)state;
    assert_int_equal(hj212_crc("123456789", 9), 0x2F80);
    assert_int_equal(hj212_crc("", 0), 0xFFFF);
    assert_int_equal(hj212_crc("QN=20160801085857223;ST=91;CN=9014;PW=123456;"
                               "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&",
                               87),
                     0x3240);
    unsigned char buf[700];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    for (size_t n = 0; n <= sizeof buf; n += (n < 80 ? 1 : 37)) {
        assert_int_equal(hj212_crc(buf, n), crc_ref(buf, n, 0xFFFF));
        for (size_t k = 0; k <= n; k += 13) /* chaining over a split point */
            assert_int_equal(hj212_crc_update(hj212_crc(buf, k), buf + k, n - k),
                             crc_ref(buf, n, 0xFFFF));
    }
}

/* The CRC's 8-bit state evolves by a linear map M with M^8 = I: swapping two bytes 8 apart
 * (not the last byte) leaves it unchanged, e.g. digits of two values 8 bytes apart. A
 * documented weakness of the protocol: the fields must be validated too. */
static void test_crc_weakness(void **state)
{
    (void)state;
    char seg[] = "QN=20160801085857223;ST=91;CN=9014;PW=123456;"
                 "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&";
    size_t n = strlen(seg);
    uint16_t c = hj212_crc(seg, n);
    assert_int_equal(c, 0x3240);
    int same = 0, total = 0;
    for (size_t i = 0; i + 8 < n - 1; i++) {
        char t = seg[i];
        if (t == seg[i + 8]) continue;
        seg[i] = seg[i + 8];
        seg[i + 8] = t;
        total++;
        same += hj212_crc(seg, n) == c;
        assert_int_equal(crc_ref((const unsigned char *)seg, n, 0xFFFF), hj212_crc(seg, n));
        seg[i + 8] = seg[i];
        seg[i] = t;
    }
    assert_true(total > 50);
    assert_int_equal(same, total);
    /* while a swap of neighbours is seen */
    char t = seg[30];
    seg[30] = seg[31];
    seg[31] = t;
    assert_int_not_equal(hj212_crc(seg, n), c);
}

static void roundtrip_file(const char *name, int expect_min)
{
    tu_lines *l = malloc(sizeof *l);
    hj212_packet *p = pkt_new();
    char wire[TU_LINELEN + 4], out[TU_LINELEN + 4];
    assert_non_null(l);
    assert_true(tu_read(name, l) >= expect_min);
    for (int i = 0; i < l->n; i++) {
        const char *why = NULL;
        size_t wn = tu_wire(l->line[i], wire);
        hj212_err e = hj212_parse(p, l->line[i], strlen(l->line[i]), NULL, &why);
        if (e != HJ212_OK)
            fail_msg("%s line %d: %s (%s)", name, i, hj212_errname(e), why ? why : "");
        assert_true(p->warnings & HJ212_W_NOTRAILER); /* the file lines lack CR LF */
        e = hj212_parse(p, wire, wn, NULL, NULL);
        assert_int_equal(e, HJ212_OK);
        assert_false(p->warnings & HJ212_W_NOTRAILER);
        int n = hj212_encode(p, out, sizeof out, NULL, &e);
        assert_int_equal(e, HJ212_OK);
        assert_int_equal(n, (int)wn);
        assert_memory_equal(out, wire, wn);
    }
    free(p);
    free(l);
}

static void test_vectors_roundtrip(void **state)
{
    (void)state;
    roundtrip_file("vectors.txt", 13);
}

static void test_features_roundtrip(void **state)
{
    (void)state;
    roundtrip_file("features.txt", 11);
}

static hj212_err parse_line(hj212_packet *p, const char *s)
{
    return hj212_parse(p, s, strlen(s), NULL, NULL);
}

static void str_is(hj212_str s, const char *want)
{
    assert_int_equal(s.n, strlen(want));
    assert_memory_equal(s.p, want, s.n);
}

static void test_vector_fields(void **state)
{
    (void)state;
    tu_lines *l = malloc(sizeof *l);
    hj212_packet *p = pkt_new();
    assert_int_equal(tu_read("vectors.txt", l), 13);
    /* the field capture: 2011 with 7 parameters */
    assert_int_equal(parse_line(p, l->line[1]), HJ212_OK);
    assert_int_equal(p->version, HJ212_V2017);
    assert_int_equal(p->cn_num, 2011);
    assert_int_equal(p->st_num, 32);
    assert_int_equal(p->flag, 5);
    assert_int_equal(p->crc, 0xD941);
    str_is(p->qn, "20240123123205877");
    str_is(p->mn, "000101");
    assert_int_equal(p->nitems, 8);
    assert_int_equal(p->nfields, 19);
    assert_int_equal(p->items[1].first, 1);
    assert_int_equal(p->items[1].count, 3);
    const hj212_field *f = hj212_find(p, "w01018-Rtd");
    assert_non_null(f);
    str_is(f->value, "4653.8");
    str_is(f->code, "w01018");
    str_is(f->suffix, "Rtd");
    f = hj212_find(p, "DataTime");
    assert_non_null(f);
    str_is(f->value, "20240123123200");
    assert_int_equal(f->suffix.n, 0);
    str_is(f->code, "DataTime");
    assert_null(hj212_find(p, "w01018"));
    assert_null(hj212_find(p, "w99999-Rtd"));
    /* EFlag and SampleTime suffixes */
    assert_int_equal(parse_line(p, l->line[2]), HJ212_OK);
    str_is(hj212_find(p, "w01018-EFlag")->value, "A01");
    str_is(hj212_find(p, "w01018-SampleTime")->value, "20160801070000");
    /* 2051: Cou Min Avg Max Flag */
    assert_int_equal(parse_line(p, l->line[4]), HJ212_OK);
    str_is(hj212_find(p, "w00000-Cou")->value, "10.5");
    str_is(hj212_find(p, "w01001-Max")->value, "7.8");
    /* 3020: PolId and i-codes with -Info */
    assert_int_equal(parse_line(p, l->line[7]), HJ212_OK);
    str_is(hj212_find(p, "PolId")->value, "w01018");
    str_is(hj212_find(p, "i13004-Info")->value, "168.0");
    /* 9014: empty CP */
    assert_int_equal(parse_line(p, l->line[3]), HJ212_OK);
    assert_int_equal(p->nfields, 0);
    assert_int_equal(p->cp.n, 0);
    free(p);
    free(l);
}

static void test_feature_fields(void **state)
{
    (void)state;
    tu_lines *l = malloc(sizeof *l);
    hj212_packet *p = pkt_new();
    assert_int_equal(tu_read("features.txt", l), 11);
    /* 2005, no QN, no Flag */
    assert_int_equal(parse_line(p, l->line[0]), HJ212_OK);
    assert_int_equal(p->version, HJ212_V2005);
    assert_false(p->has_qn);
    assert_false(p->has_flag);
    assert_true(p->warnings & HJ212_W_NOVERSION);
    str_is(hj212_find(p, "011-Rtd")->value, "0.9");
    assert_int_equal(parse_line(p, l->line[1]), HJ212_OK);
    assert_true(p->has_qn);
    assert_false(p->has_flag);
    assert_int_equal(p->version, HJ212_V2005);
    /* split part */
    assert_int_equal(parse_line(p, l->line[2]), HJ212_OK);
    assert_int_equal(p->pnum, 2);
    assert_int_equal(p->pno, 1);
    assert_true(p->flag & HJ212_FLAG_D);
    /* UTF-8 log with ; , = inside */
    assert_int_equal(parse_line(p, l->line[4]), HJ212_OK);
    assert_int_equal(p->nfields, 4);
    assert_int_equal(p->nitems, 4);
    str_is(hj212_find(p, "i11001-Info")->value, "//设备自检完成;状态=正常,流量计已校准//");
    str_is(hj212_find(p, "i12001-Info")->value, "0");
    assert_int_equal(p->seg.n, 205); /* bytes, not characters */
    /* 2025 */
    assert_int_equal(parse_line(p, l->line[5]), HJ212_OK);
    assert_int_equal(p->version, HJ212_V2025);
    assert_int_equal(p->flag, 9);
    assert_int_equal(HJ212_FLAG_VER(p->flag), HJ212_VERBITS_2025);
    assert_int_equal(p->warnings, HJ212_W_NOTRAILER);
    assert_int_equal(parse_line(p, l->line[6]), HJ212_OK);
    str_is(hj212_find(p, "RF")->value, "1");
    assert_int_equal(parse_line(p, l->line[7]), HJ212_OK);
    assert_int_equal(p->nhx, 1);
    str_is(p->hx[0].key, "RF");
    str_is(p->hx[0].value, "1");
    assert_int_equal(parse_line(p, l->line[8]), HJ212_OK);
    assert_int_equal(p->cn_num, 9015);
    assert_int_equal(p->version, HJ212_V2025);
    assert_int_equal(parse_line(p, l->line[9]), HJ212_OK);
    str_is(hj212_find(p, "SB3-RS")->value, "4");
    /* lowercase CRC */
    assert_int_equal(parse_line(p, l->line[10]), HJ212_OK);
    assert_true(p->warnings & HJ212_W_LOWERCRC);
    assert_int_equal(p->crc, 0xF281);
    free(p);
    free(l);
}

typedef struct refusal {
    const char *seg; /* framed with a correct CRC, or NULL to use raw */
    const char *raw; /* exact input */
    size_t max_len;
    hj212_err want;
} refusal;

#define H17 "QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;"

static void test_refusals(void **state)
{
    (void)state;
    static const refusal tab[] = {
        {NULL, "#0101QN=20160801085857223", 0, HJ212_E_FRAME},
        {NULL, "", 0, HJ212_E_FRAME},
        {NULL, "##01x1QN=", 0, HJ212_E_LENGTH},
        {NULL, "##010", 0, HJ212_E_TRUNC},
        {NULL, "##0101QN=20160801085857223;ST=32;CN=1062", 0, HJ212_E_TRUNC},
        {H17 "Flag=5;CP=&&a=1&&", NULL, 50, HJ212_E_TOOBIG},
        {NULL,
         "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;"
         "Flag=4;CP=&&&&3240xx",
         0, HJ212_E_TRAILER},
        {NULL,
         "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;"
         "Flag=4;CP=&&&&3241\r\n",
         0, HJ212_E_CRC},
        {NULL,
         "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;"
         "Flag=4;CP=&&&&32G0\r\n",
         0, HJ212_E_CRC},
        {"QN=20160801085857223;ST=32;CN=2011 PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_SYNTAX},
        {"QN=20160801085857223;QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL,
         0, HJ212_E_SYNTAX},
        {"QN=20230229085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_QN},
        {"QN=20160801245857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_QN},
        {"QN=2016080108585722;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_QN},
        {"ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_QN},
        {"QN=20160801085857223;ST=3a;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_ST},
        {"QN=20160801085857223;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_ST},
        {"QN=20160801085857223;ST=32;CN=;PW=1;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_CN},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1234567;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_PW},
        {"QN=20160801085857223;ST=32;CN=2011;MN=1;Flag=5;CP=&&&&", NULL, 0, HJ212_E_PW},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=;Flag=5;CP=&&&&", NULL, 0, HJ212_E_MN},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=0123456789012345678901234;Flag=5;CP=&&&&",
         NULL, 0, HJ212_E_MN},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=13;CP=&&&&", NULL, 0, HJ212_E_FLAG},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=x;CP=&&&&", NULL, 0, HJ212_E_FLAG},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=7;CP=&&&&", NULL, 0, HJ212_E_SPLIT},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;PNUM=2;PNO=1;CP=&&&&", NULL, 0,
         HJ212_E_SPLIT},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=7;PNUM=2;PNO=3;CP=&&&&", NULL, 0,
         HJ212_E_SPLIT},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;", NULL, 0, HJ212_E_CP},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&a=1", NULL, 0, HJ212_E_CP},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&a=1;b&&", NULL, 0, HJ212_E_CP},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&a=//log&&", NULL, 0, HJ212_E_CP},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&a=1=2&&", NULL, 0, HJ212_E_CP},
        {"QN=20160801085857223;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&0123456789ABCDEF0123456789"
         "ABCDEF&&",
         NULL, 0, HJ212_E_CRYPT},
    };
    hj212_packet *p = pkt_new();
    char buf[2048];
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        hj212_opts o = {tab[i].max_len, NULL};
        size_t n = tab[i].seg ? frame(tab[i].seg, buf) : strlen(tab[i].raw);
        const char *in = tab[i].seg ? buf : tab[i].raw;
        const char *why = NULL;
        hj212_err e = hj212_parse(p, in, n, &o, &why);
        if (e != tab[i].want)
            fail_msg("case %zu: got %s, want %s (%s)", i, hj212_errname(e),
                     hj212_errname(tab[i].want), why ? why : "");
        assert_non_null(why);
    }
    /* the CRC detail names both values; QN is kept for the 9011 reply */
    const char *why = NULL;
    const char *bad = "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;"
                      "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3241\r\n";
    assert_int_equal(hj212_parse(p, bad, strlen(bad), NULL, &why), HJ212_E_CRC);
    assert_string_equal(why, "CRC computed 3240, received 3241");
    str_is(p->qn, "20160801085857223");
    str_is(p->mn, "010000A8900016F000169DC0");
    /* the limits: one field too many */
    char *big = malloc(HJ212_MAX_LIMIT + 64);
    size_t n = (size_t)sprintf(big, H17 "Flag=5;CP=&&");
    for (int i = 0; i <= HJ212_MAX_FIELDS; i++)
        n += (size_t)sprintf(big + n, "%sa=1", i ? "," : "");
    n += (size_t)sprintf(big + n, "&&");
    assert_true(n < 9999);
    assert_int_equal(hj212_parse_segment(p, big, n, NULL, &why), HJ212_E_LIMIT);
    n = (size_t)sprintf(big, H17 "Flag=5;CP=&&");
    for (int i = 0; i <= HJ212_MAX_ITEMS; i++)
        n += (size_t)sprintf(big + n, "%sa=1", i ? ";" : "");
    n += (size_t)sprintf(big + n, "&&");
    assert_int_equal(hj212_parse_segment(p, big, n, NULL, &why), HJ212_E_LIMIT);
    free(big);
    free(p);
}

static void test_wrong_length(void **state)
{
    (void)state;
    hj212_packet *p = pkt_new();
    const char *why = NULL;
    char buf[600];
    tu_lines *l = malloc(sizeof *l);
    assert_int_equal(tu_read("vectors.txt", l), 13);
    size_t n = tu_wire(l->line[1], buf); /* ##0437 */
    buf[4] = '4';                        /* 0447: longer than the data */
    assert_int_equal(hj212_parse(p, buf, n, NULL, &why), HJ212_E_LENGTH);
    assert_string_equal(why, "length field says 447, data segment has 437 bytes");
    buf[4] = '2'; /* 0427: shorter */
    assert_int_equal(hj212_parse(p, buf, n, NULL, &why), HJ212_E_LENGTH);
    assert_string_equal(why, "length field says 427, data segment has 437 bytes");
    buf[4] = '3';
    assert_int_equal(hj212_parse(p, buf, n, NULL, &why), HJ212_OK);
    /* cut short: every prefix is refused, except the one lacking only CR or CR LF */
    for (size_t k = 0; k < n; k++) {
        hj212_err e = hj212_parse(p, buf, k, NULL, &why);
        if (k >= n - 2)
            assert_int_equal(e, HJ212_OK);
        else if (k >= 2)
            assert_int_equal(e, HJ212_E_TRUNC);
        else
            assert_int_equal(e, HJ212_E_FRAME);
    }
    free(l);
    free(p);
}

/* Every single-byte change of every vector is refused, or parses into something that
 * re-encodes differently (the CRC is weak: about 1 in 256 corruptions pass it). */
static void test_mutations(void **state)
{
    (void)state;
    static const unsigned char repl[] = {'0', '9', 'A', 'a', ';',  ',',
                                         '=', '&', '#', ' ', 0x00, 0xFF};
    tu_lines *l = malloc(sizeof *l);
    hj212_packet *p = pkt_new();
    char wire[TU_LINELEN], mut[TU_LINELEN], out[TU_LINELEN];
    long total = 0, refused = 0, crc_refused = 0;
    assert_int_equal(tu_read("vectors.txt", l), 13);
    for (int i = 0; i < l->n; i++) {
        size_t n = tu_wire(l->line[i], wire);
        for (size_t pos = 0; pos < n; pos++) {
            for (size_t r = 0; r <= sizeof repl; r++) {
                unsigned char c = r < sizeof repl ? repl[r] : (unsigned char)(wire[pos] ^ 0x01);
                if ((unsigned char)wire[pos] == c) continue;
                memcpy(mut, wire, n);
                mut[pos] = (char)c;
                total++;
                hj212_err e = hj212_parse(p, mut, n, NULL, NULL);
                if (e != HJ212_OK) {
                    refused++;
                    crc_refused += e == HJ212_E_CRC;
                    continue;
                }
                int m = hj212_encode(p, out, sizeof out, NULL, &e);
                /* accepted: it must differ from the original, unless the change is in the
                 * trailer or the case of a CRC digit (both accepted with a warning) */
                int crc_case = pos >= n - 6 && pos < n - 2 && (c | 0x20) == (wire[pos] | 0x20);
                if (pos < n - 2 && !crc_case)
                    assert_false(m == (int)n && memcmp(out, wire, n) == 0);
                if (crc_case) assert_true(p->warnings & HJ212_W_LOWERCRC);
            }
        }
    }
    /* concrete figures for this vector set: most mutants die on the CRC */
    print_message("mutations: %ld, refused %ld (CRC %ld)\n", total, refused, crc_refused);
    assert_true(total > 30000);
    assert_true(total - refused <= 10); /* the fields catch what the weak CRC lets pass */
    assert_true(crc_refused * 100 > total * 90);
    free(p);
    free(l);
}

static void test_lenient(void **state)
{
    (void)state;
    hj212_packet *p = pkt_new();
    char buf[1024];
    const char *why = NULL;

    frame(H17 "Flag=5;CP=&& &&", buf);
    assert_int_equal(parse_line(p, buf), HJ212_OK);
    assert_int_equal(p->warnings, HJ212_W_EMPTYCP);
    assert_int_equal(p->nfields, 0);

    frame(H17 "Flag=5;CP=&&PolId=w01018;i12003-Info =0;i12001-Info= 1 &&", buf);
    assert_int_equal(parse_line(p, buf), HJ212_OK);
    assert_int_equal(p->warnings, HJ212_W_SPACES);
    str_is(hj212_find(p, "i12003-Info")->value, "0");
    str_is(hj212_find(p, "i12001-Info")->value, "1");
    assert_int_equal(p->nitems, 3);

    frame(H17 "Flag=5;CP=&&w01018-Rtd=2.2,w01018-Flag=N,w01001-Rtd=7.1,w01001-Flag=N&&", buf);
    assert_int_equal(parse_line(p, buf), HJ212_OK);
    assert_int_equal(p->warnings, HJ212_W_COMMAITEM);
    assert_int_equal(p->nitems, 2);
    assert_int_equal(p->items[1].first, 2);
    assert_int_equal(p->items[1].count, 2);
    /* the normalised encoding uses ';' between the items */
    assert_true(hj212_encode(p, buf, sizeof buf, NULL, NULL) > 0);
    assert_non_null(strstr(buf, "w01018-Flag=N;w01001-Rtd=7.1,w01001-Flag=N&&"));

    frame(H17 "Flag=5;CP=&&a=1;;b=2,,c=3;&&", buf);
    assert_int_equal(hj212_parse(p, buf, strlen(buf), NULL, &why), HJ212_OK);
    assert_int_equal(p->warnings, HJ212_W_EMPTYFIELD);
    assert_int_equal(p->nfields, 3);
    assert_int_equal(p->nitems, 2);

    /* a value with '&' inside, a log ending the CP, a log followed by ',' */
    frame(H17 "Flag=5;CP=&&a=x&y;i11001-Info=//a//b//,c=//;//&&", buf);
    assert_int_equal(parse_line(p, buf), HJ212_OK);
    str_is(hj212_find(p, "a")->value, "x&y");
    str_is(hj212_find(p, "i11001-Info")->value, "//a//b//");
    str_is(hj212_find(p, "c")->value, "//;//");

    /* LF only: accepted with a warning */
    size_t n = frame(H17 "Flag=5;CP=&&a=1&&", buf);
    buf[n - 2] = '\n';
    assert_int_equal(hj212_parse(p, buf, n - 1, NULL, NULL), HJ212_OK);
    assert_int_equal(p->warnings, HJ212_W_NOTRAILER);
    free(p);
}

static void test_builders(void **state)
{
    (void)state;
    hj212_packet *p = pkt_new(), *q = pkt_new();
    char out[1024];
    hj212_err e = HJ212_OK;
    tu_lines *l = malloc(sizeof *l);
    assert_int_equal(tu_read("vectors.txt", l), 13);

    /* rebuild vector 3 (2011, 6E80) field by field */
    hj212_init(p, HJ212_V2017, "20160801085857223", 32, 2011, "123456", "010000A8900016F000169DC0",
               HJ212_FLAG_A);
    assert_int_equal(hj212_add(p, "DataTime", "20160801085857", 1), 0);
    assert_int_equal(hj212_addf(p, "w01001-Rtd", 7.1, 1, 1), 0);
    assert_int_equal(hj212_add(p, "w01001-Flag", "N", 0), 0);
    assert_int_equal(hj212_add(p, "w01018-SampleTime", "20160801070000", 1), 0);
    assert_int_equal(hj212_addf(p, "w01018-Rtd", 2.2, 1, 0), 0);
    assert_int_equal(hj212_add(p, "w01018-Flag", "N", 0), 0);
    assert_int_equal(hj212_add(p, "w01018-EFlag", "A01", 0), 0);
    int n = hj212_encode(p, out, sizeof out, NULL, &e);
    char wire[600];
    size_t wn = tu_wire(l->line[2], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);
    assert_int_equal(p->flag, 5);

    /* 2025 version bits; decimals; parse back */
    hj212_init(p, HJ212_V2025, "20260301080000123", 32, 2061, "123456", "MN1", HJ212_FLAG_A);
    assert_int_equal(p->flag, 9);
    assert_int_equal(hj212_add(p, "DataTime", "20260301070000", 1), 0);
    assert_int_equal(hj212_add(p, "RF", "1", 1), 0);
    assert_int_equal(hj212_addf(p, "w01018-Avg", 35.04999, 2, 1), 0);
    assert_int_equal(hj212_addf(p, "w00000-Cou", -3.0, 0, 1), 0);
    assert_int_equal(hj212_addf(p, "x", 1.0 / 0.0, 2, 1), -1);
    n = hj212_encode(p, out, sizeof out, NULL, &e);
    assert_true(n > 0);
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);
    assert_int_equal(q->version, HJ212_V2025);
    str_is(hj212_find(q, "w01018-Avg")->value, "35.05");
    str_is(hj212_find(q, "w00000-Cou")->value, "-3");
    str_is(hj212_find(q, "RF")->value, "1");
    assert_int_equal(q->nitems, 4);

    /* 2005 style: no QN, no Flag */
    hj212_init(p, HJ212_V2005, NULL, 32, 2011, "123456", "88888880000001", 0);
    assert_int_equal(hj212_add(p, "DataTime", "20040516020111", 1), 0);
    assert_int_equal(hj212_add(p, "B01-Rtd", "26.0", 1), 0);
    assert_int_equal(hj212_add(p, "B01-Flag", "N", 0), 0);
    assert_int_equal(hj212_add(p, "011-Rtd", "0.9", 1), 0);
    assert_int_equal(hj212_add(p, "011-Flag", "N", 0), 0);
    n = hj212_encode(p, out, sizeof out, NULL, &e);
    tu_lines *f = malloc(sizeof *f);
    assert_int_equal(tu_read("features.txt", f), 11);
    wn = tu_wire(f->line[0], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);

    /* split part: D and PNUM/PNO */
    hj212_init(p, HJ212_V2017, "20240123130000001", 32, 2061, "123456", "010000A8900016F000169DC0",
               HJ212_FLAG_A | HJ212_FLAG_D);
    p->pnum = 2;
    p->pno = 2;
    assert_int_equal(hj212_add(p, "DataTime", "20240123120000", 1), 0);
    assert_int_equal(hj212_add(p, "w21003-Cou", "0.1", 1), 0);
    assert_int_equal(hj212_add(p, "w21003-Avg", "3.2", 0), 0);
    assert_int_equal(hj212_add(p, "w21003-Flag", "N", 0), 0);
    n = hj212_encode(p, out, sizeof out, NULL, &e);
    wn = tu_wire(f->line[3], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);

    /* full packet, small buffer, oversize */
    hj212_init(p, HJ212_V2017, "20160801085857223", 32, 2011, "123456", "M", 0);
    for (int i = 0; i < HJ212_MAX_FIELDS; i++)
        assert_int_equal(hj212_add(p, "k", "v", i % 2 == 0), 0);
    assert_int_equal(hj212_add(p, "k", "v", 0), -1);
    assert_int_equal(hj212_encode(p, out, 100, NULL, &e), -1);
    assert_int_equal(e, HJ212_E_SPACE);
    hj212_opts small = {200, NULL};
    char *big = malloc(20000);
    assert_int_equal(hj212_encode(p, big, 20000, &small, &e), -1);
    assert_int_equal(e, HJ212_E_TOOBIG);
    assert_true(hj212_encode(p, big, 20000, NULL, &e) > 0);
    free(big);
    free(f);
    free(l);
    free(q);
    free(p);
}

/* Every command of the range's profile, built field by field, encodes and parses back. */
static void test_all_commands(void **state)
{
    (void)state;
    static const struct {
        int cn, st;
        const char *cp; /* items ';', fields ',' */
    } t[] = {
        {2011, 32, "DataTime=20260301080000;w01018-Rtd=35.2,w01018-Flag=N"},
        {2051, 32, "DataTime=20260301074000;w00000-Cou=1.2,w00000-Min=1,w00000-Avg=2,w00000-Max=3"},
        {2061, 32, "DataTime=20260301070000;w21003-Avg=1.2,w21003-Flag=T"},
        {2031, 32, "DataTime=20260228000000;w21011-Avg=0.2,w21011-Flag=N"},
        {2021, 52, "DataTime=20260301080000;SB1-RS=1;SB2-RS=5"},
        {2041, 52, "DataTime=20260228000000;SB1-RT=23.5;SB2-RT=0.0"},
        {2081, 32, "DataTime=20260301080000;RestartTime=20260301075500"},
        {3020, 32,
         "DataTime=20260301080000;PolId=w01018;i11001-Info=//自检完成 ok//;i13008-Info=1.02"},
        {3021, 32, "PolId=w01018;i13003-Info=60"},
        {1011, 32, "PolId=w01018"},
        {1012, 32, "SystemTime=20260301080000"},
        {1000, 32, "OverTime=10;ReCount=3"},
        {1061, 32, "RtdInterval=30"},
        {1062, 32, "RtdInterval=30"},
        {1063, 32, "MinInterval=10"},
        {1064, 32, "MinInterval=10"},
        {9011, 91, "QnRtn=1"},
        {9012, 91, "ExeRtn=1"},
        {9013, 91, ""},
        {9014, 91, ""},
        {9015, 91, ""},
    };
    hj212_packet *p = pkt_new(), *q = pkt_new();
    char out[1024], cp[256];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        for (int v = 0; v < 2; v++) {
            hj212_init(p, v ? HJ212_V2025 : HJ212_V2017, "20260301080000123", t[i].st, t[i].cn,
                       "123456", "010000A8900016F000169DC0", t[i].st == 91 ? 0 : HJ212_FLAG_A);
            snprintf(cp, sizeof cp, "%s", t[i].cp);
            int newitem = 1;
            for (char *f = cp; *f;) {
                size_t n = strcspn(f, ",;");
                char sep = f[n], *eq = strchr(f, '=');
                f[n] = '\0';
                assert_non_null(eq);
                *eq = '\0';
                assert_int_equal(hj212_add(p, f, eq + 1, newitem), 0);
                newitem = sep == ';';
                f += n + (sep != '\0');
            }
            hj212_err e = HJ212_OK;
            int n = hj212_encode(p, out, sizeof out, NULL, &e);
            assert_true(n > 0);
            assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);
            assert_int_equal(q->cn_num, t[i].cn);
            assert_int_equal(q->version, v ? HJ212_V2025 : HJ212_V2017);
            assert_int_equal(q->nfields, p->nfields);
            assert_int_equal(q->nitems, p->nitems);
            assert_int_equal(q->cp.n, strlen(t[i].cp));
            assert_memory_equal(q->cp.p, t[i].cp, q->cp.n);
        }
    }
    free(q);
    free(p);
}

static void test_replies(void **state)
{
    (void)state;
    hj212_packet *p = pkt_new(), *q = pkt_new();
    char out[512], wire[600];
    tu_lines *l = malloc(sizeof *l);
    assert_int_equal(tu_read("vectors.txt", l), 13);
    assert_int_equal(parse_line(p, l->line[2]), HJ212_OK);
    /* 9014, 9011 and 9012 exactly as in the standard's examples (QN echoed) */
    int n = hj212_reply(p, 9014, 0, out, sizeof out, NULL);
    size_t wn = tu_wire(l->line[3], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);
    n = hj212_reply(p, 9011, 1, out, sizeof out, NULL);
    wn = tu_wire(l->line[10], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);
    n = hj212_reply(p, 9012, 1, out, sizeof out, NULL);
    wn = tu_wire(l->line[11], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);
    n = hj212_reply(p, 9013, 0, out, sizeof out, NULL);
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);
    assert_int_equal(q->cn_num, 9013);
    assert_int_equal(q->st_num, 91);
    assert_int_equal(q->flag, 4);
    assert_int_equal(hj212_reply(p, 2011, 0, out, sizeof out, NULL), -1);
    assert_int_equal(hj212_reply(p, 9014, 0, out, 20, NULL), -1);

    /* 2025: Flag=8 (version bits, A=0), 9015 heartbeat */
    tu_lines *f = malloc(sizeof *f);
    assert_int_equal(tu_read("features.txt", f), 11);
    assert_int_equal(parse_line(p, f->line[5]), HJ212_OK);
    n = hj212_reply(p, 9014, 0, out, sizeof out, NULL);
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);
    assert_int_equal(q->flag, 8);
    assert_int_equal(q->version, HJ212_V2025);
    str_is(q->qn, "20260301080000123");
    assert_int_equal(parse_line(p, f->line[8]), HJ212_OK);
    n = hj212_reply(p, 9015, 0, out, sizeof out, NULL);
    wn = tu_wire(f->line[8], wire);
    assert_int_equal(n, (int)wn);
    assert_memory_equal(out, wire, wn);

    /* 2005 without QN/Flag: neither in the reply */
    assert_int_equal(parse_line(p, f->line[0]), HJ212_OK);
    n = hj212_reply(p, 9014, 0, out, sizeof out - 1, NULL);
    assert_true(n > 0);
    out[n] = '\0';
    assert_null(strstr(out, "QN="));
    assert_null(strstr(out, "Flag="));
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);

    /* a refused packet still gets its 9011 with the QnRtn of its error */
    const char *bad = "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;"
                      "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3241\r\n";
    hj212_err e = hj212_parse(p, bad, strlen(bad), NULL, NULL);
    assert_int_equal(e, HJ212_E_CRC);
    n = hj212_reply(p, 9011, hj212_qnrtn(e), out, sizeof out, NULL);
    assert_int_equal(hj212_parse(q, out, (size_t)n, NULL, NULL), HJ212_OK);
    str_is(hj212_find(q, "QnRtn")->value, "9");
    str_is(q->qn, "20160801085857223");
    free(f);
    free(l);
    free(q);
    free(p);
}

/* A DataTime is a date: exactly YYYYMMDDhhmmss with a real calendar day, China time. */
static void test_datatime(void **state)
{
    int64_t t = 0;
    assert_int_equal(hj212_datatime("20220208100000", 14, &t), 1);
    assert_int_equal(t, 1644285600000LL); /* 2022-02-08 10:00 +08:00 */
    assert_int_equal(hj212_datatime("20240229235959", 14, &t), 1);
    assert_int_equal(hj212_datatime("19700101080000", 14, &t), 1);
    assert_int_equal(t, 0);
    assert_int_equal(hj212_datatime("20000229000000", 14, NULL), 1);
    static const char *const bad[] = {"abc",           "20221301000000", "20220230100000",
                                      "20230229000000", "21000229000000", "20220208240000",
                                      "20220208106000", "20220208100060", "20220008100000",
                                      "20220200100000", "18991231235959", "2022020810000",
                                      "202202081000000", "2022-02-08 10:0", "2022020810000a",
                                      "20220208 00000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(hj212_datatime(bad[i], strlen(bad[i]), &t), 0);
    (void)state;
}

static void test_qn(void **state)
{
    (void)state;
    /* QN calendar checks (hjtime's, tests/proto/test_hjtime.c): leap years */
    hj212_packet *p = pkt_new();
    char buf[256];
    static const struct {
        const char *qn;
        hj212_err want;
    } t[] = {{"20240229000000999", HJ212_OK},   {"20000229235959000", HJ212_OK},
             {"21000229000000000", HJ212_E_QN}, {"20230431000000000", HJ212_E_QN},
             {"20231301000000000", HJ212_E_QN}, {"20231200000000000", HJ212_E_QN},
             {"20231231236000000", HJ212_E_QN}, {"2023123123595900a", HJ212_E_QN}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char seg[200];
        snprintf(seg, sizeof seg, "QN=%s;ST=32;CN=2011;PW=1;MN=1;Flag=5;CP=&&&&", t[i].qn);
        frame(seg, buf);
        assert_int_equal(parse_line(p, buf), t[i].want);
    }
    free(p);
}

static void test_names(void **state)
{
    (void)state;
    for (int i = 0; i < HJ212_E__COUNT; i++) {
        assert_string_not_equal(hj212_errname((hj212_err)i), "unknown");
        assert_true(strlen(hj212_strerror((hj212_err)i)) > 5);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(hj212_errname((hj212_err)i), hj212_errname((hj212_err)j));
    }
    assert_string_equal(hj212_errname(HJ212_E_CRC), "crc");
    assert_string_equal(hj212_errname(HJ212_E__COUNT), "unknown");
    assert_int_equal(hj212_qnrtn(HJ212_E_PW), 3);
    assert_int_equal(hj212_qnrtn(HJ212_E_MN), 4);
    assert_int_equal(hj212_qnrtn(HJ212_E_ST), 5);
    assert_int_equal(hj212_qnrtn(HJ212_E_FLAG), 6);
    assert_int_equal(hj212_qnrtn(HJ212_E_QN), 7);
    assert_int_equal(hj212_qnrtn(HJ212_E_CN), 8);
    assert_int_equal(hj212_qnrtn(HJ212_E_CRC), 9);
    assert_int_equal(hj212_qnrtn(HJ212_E_SYNTAX), 100);
    for (unsigned b = 0; b < HJ212_W__COUNT; b++)
        assert_string_not_equal(hj212_warnname(1u << b), "unknown");
    assert_string_equal(hj212_warnname(HJ212_W_LOWERCRC), "lowercrc");
    assert_string_equal(hj212_warnname(3), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc),
        cmocka_unit_test(test_crc_weakness),
        cmocka_unit_test(test_vectors_roundtrip),
        cmocka_unit_test(test_features_roundtrip),
        cmocka_unit_test(test_vector_fields),
        cmocka_unit_test(test_feature_fields),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_wrong_length),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_lenient),
        cmocka_unit_test(test_builders),
        cmocka_unit_test(test_all_commands),
        cmocka_unit_test(test_replies),
        cmocka_unit_test(test_qn),
        cmocka_unit_test(test_datatime),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
