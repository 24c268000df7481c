/*
 * test_hj212_split.c — reassembly of split packets (PNUM/PNO): order, duplicates,
 * timeout and bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hj212.h"
#include "hj212_testutil.h"

static hj212_packet *part[3], *out;
static tu_lines *feat;

static int setup(void **state)
{
    (void)state;
    feat = malloc(sizeof *feat);
    out = malloc(sizeof *out);
    for (int i = 0; i < 3; i++)
        part[i] = malloc(sizeof *part[i]);
    if (!feat || !out || tu_read("features.txt", feat) != 11) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        free(part[i]);
    free(out);
    free(feat);
    return 0;
}

static void load_pair(void)
{
    for (int i = 0; i < 2; i++)
        assert_int_equal(
            hj212_parse(part[i], feat->line[2 + i], strlen(feat->line[2 + i]), NULL, NULL),
            HJ212_OK);
}

static void check_joined(void)
{
    char buf[1024];
    hj212_err e = HJ212_OK;
    assert_int_equal(out->pnum, 0);
    assert_int_equal(out->flag, 5); /* D cleared */
    assert_int_equal(out->cn_num, 2061);
    assert_int_equal(out->nfields, 7); /* the repeated DataTime appears once */
    assert_int_equal(out->nitems, 3);
    assert_int_equal(out->items[1].first, 1);
    const hj212_field *f = hj212_find(out, "w21003-Avg");
    assert_non_null(f);
    assert_int_equal(f->value.n, 3);
    assert_memory_equal(f->value.p, "3.2", 3);
    int n = hj212_encode(out, buf, sizeof buf, NULL, &e);
    assert_true(n > 0);
    buf[n] = '\0';
    const char *want = "QN=20240123130000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                       "Flag=5;CP=&&DataTime=20240123120000;w01018-Cou=1.2,w01018-Avg=40.1,"
                       "w01018-Flag=N;w21003-Cou=0.1,w21003-Avg=3.2,w21003-Flag=N&&";
    assert_int_equal(strncmp(buf + 6, want, strlen(want)), 0);
}

static void test_in_order(void **state)
{
    (void)state;
    hj212_reasm *r = hj212_reasm_new(4, 65536, 10000);
    hj212_err e = HJ212_OK;
    load_pair();
    assert_int_equal(hj212_reasm_add(r, part[0], 0, out, &e), 0);
    assert_int_equal(hj212_reasm_pending(r), 1);
    assert_int_equal(hj212_reasm_add(r, part[1], 10, out, &e), 1);
    assert_int_equal(e, HJ212_OK);
    assert_int_equal(hj212_reasm_pending(r), 0);
    check_joined();
    hj212_reasm_free(r);
    hj212_reasm_free(NULL);
}

static void test_out_of_order_and_duplicate(void **state)
{
    (void)state;
    hj212_reasm *r = hj212_reasm_new(4, 65536, 10000);
    hj212_err e = HJ212_OK;
    load_pair();
    assert_int_equal(hj212_reasm_add(r, part[1], 0, out, &e), 0);
    assert_int_equal(hj212_reasm_add(r, part[1], 1, out, &e), -1);
    assert_int_equal(e, HJ212_E_SPLIT);
    assert_int_equal(hj212_reasm_pending(r), 1);
    assert_int_equal(hj212_reasm_add(r, part[0], 2, out, &e), 1);
    check_joined();
    hj212_reasm_free(r);
}

static void test_timeout(void **state)
{
    (void)state;
    hj212_reasm *r = hj212_reasm_new(4, 65536, 10000);
    hj212_err e = HJ212_OK;
    load_pair();
    assert_int_equal(hj212_reasm_add(r, part[0], 1000, out, &e), 0);
    assert_int_equal(hj212_reasm_expire(r, 11000), 0); /* exactly the timeout: kept */
    assert_int_equal(hj212_reasm_pending(r), 1);
    assert_int_equal(hj212_reasm_expire(r, 11001), 1);
    assert_int_equal(hj212_reasm_pending(r), 0);
    /* a late part 2 starts a new message that waits for a part 1 */
    assert_int_equal(hj212_reasm_add(r, part[1], 11002, out, &e), 0);
    /* add() expires too */
    assert_int_equal(hj212_reasm_add(r, part[0], 30000, out, &e), 0);
    assert_int_equal(hj212_reasm_pending(r), 1);
    hj212_reasm_free(r);
}

static void test_bounds(void **state)
{
    (void)state;
    hj212_err e = HJ212_OK;
    load_pair();
    /* one message at a time: a second message is refused */
    hj212_reasm *r = hj212_reasm_new(1, 65536, 10000);
    assert_int_equal(hj212_reasm_add(r, part[0], 0, out, &e), 0);
    memcpy(part[2], part[1], sizeof *part[2]);
    part[2]->qn.p = "20240123130000999";
    assert_int_equal(hj212_reasm_add(r, part[2], 0, out, &e), -1);
    assert_int_equal(e, HJ212_E_LIMIT);
    assert_int_equal(hj212_reasm_add(r, part[1], 0, out, &e), 1);
    hj212_reasm_free(r);
    /* byte bound: the first part's CP fits, the second does not */
    r = hj212_reasm_new(4, 800, 10000); /* ~700 for the message, 68 + 67 for the CPs */
    assert_int_equal(hj212_reasm_add(r, part[0], 0, out, &e), 0);
    assert_int_equal(hj212_reasm_add(r, part[1], 0, out, &e), -1);
    assert_int_equal(e, HJ212_E_LIMIT);
    assert_int_equal(hj212_reasm_pending(r), 1);
    hj212_reasm_free(r);
    /* nothing fits: refused and nothing kept */
    r = hj212_reasm_new(4, 10, 10000);
    assert_int_equal(hj212_reasm_add(r, part[0], 0, out, &e), -1);
    assert_int_equal(e, HJ212_E_LIMIT);
    assert_int_equal(hj212_reasm_pending(r), 0);
    hj212_reasm_free(r);
    /* not a split part, or a bad PNO */
    r = hj212_reasm_new(4, 65536, 10000);
    assert_int_equal(hj212_parse(part[2], feat->line[5], strlen(feat->line[5]), NULL, NULL),
                     HJ212_OK);
    assert_int_equal(hj212_reasm_add(r, part[2], 0, out, &e), -1);
    assert_int_equal(e, HJ212_E_SPLIT);
    memcpy(part[2], part[0], sizeof *part[2]);
    part[2]->pno = 3;
    assert_int_equal(hj212_reasm_add(r, part[2], 0, out, &e), -1);
    assert_int_equal(e, HJ212_E_SPLIT);
    assert_int_equal(hj212_reasm_pending(r), 0);
    hj212_reasm_free(r);
}

static void test_three_parts(void **state)
{
    (void)state;
    char buf[3][512], seg[400];
    hj212_err e = HJ212_OK;
    hj212_reasm *r = hj212_reasm_new(4, 65536, 10000);
    for (int i = 0; i < 3; i++) {
        size_t n = (size_t)snprintf(seg, sizeof seg,
                                    "QN=20240123130000001;ST=32;CN=3020;PW=123456;MN=M1;Flag=6;"
                                    "PNUM=3;PNO=%d;CP=&&DataTime=20240123120000;PolId=w0101%d;"
                                    "i13004-Info=16%d.0&&",
                                    i + 1, i, i);
        snprintf(buf[i], sizeof buf[i], "##%04zu%s%04X\r\n", n, seg, hj212_crc(seg, n));
    }
    static const int order[3] = {2, 0, 1};
    for (int k = 0; k < 3; k++) {
        int i = order[k];
        assert_int_equal(hj212_parse(part[i], buf[i], strlen(buf[i]), NULL, NULL), HJ212_OK);
        assert_int_equal(hj212_reasm_add(r, part[i], k, out, &e), k == 2 ? 1 : 0);
    }
    assert_int_equal(out->flag, 4);
    assert_int_equal(out->nfields, 7);
    assert_int_equal(out->fields[5].value.n, 6);
    assert_memory_equal(out->fields[5].value.p, "w01012", 6);
    assert_memory_equal(out->fields[6].value.p, "162.0", 5);
    hj212_reasm_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order),    cmocka_unit_test(test_out_of_order_and_duplicate),
        cmocka_unit_test(test_timeout),     cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_three_parts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
