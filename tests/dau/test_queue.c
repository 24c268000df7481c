/*
 * test_queue.c — the DAU's on-disk queue: FIFO order, bounds (oldest dropped, counted),
 * reopening after a restart, a partial last line cut off, compaction.
 */
#include "dau_queue.h"
#include "daut.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void push_s(dau_queue *q, const char *s)
{
    assert_int_equal(dau_queue_push(q, s, strlen(s)), 0);
}

static void test_fifo_reopen(void **state)
{
    (void)state;
    const char *dir = daut_dir("queue");
    char path[300], err[128];
    snprintf(path, sizeof path, "%s/q", dir);
    dau_queue *q = dau_queue_open(path, 100, 1 << 20, 0, err, sizeof err);
    assert_non_null(q);
    push_s(q, "r1");
    push_s(q, "r2");
    push_s(q, "r3");
    push_s(q, "r4");
    assert_int_equal(dau_queue_len(q), 4);
    size_t n = 0;
    assert_string_equal(dau_queue_head(q, &n), "r1");
    assert_int_equal(n, 2);
    assert_int_equal(dau_queue_pop(q), 0);
    assert_int_equal(dau_queue_pop(q), 0);
    assert_string_equal(dau_queue_head(q, NULL), "r3");
    assert_int_equal(dau_queue_push(q, "a\nb", 3), -1); /* no newline inside */
    dau_queue_close(q);

    /* a restart resumes after the acknowledged prefix */
    q = dau_queue_open(path, 100, 1 << 20, 0, err, sizeof err);
    assert_non_null(q);
    assert_int_equal(dau_queue_len(q), 2);
    assert_string_equal(dau_queue_head(q, NULL), "r3");
    dau_queue_close(q);

    /* a crash in the middle of an append leaves a partial line: cut off */
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs("r5-partial", f);
    fclose(f);
    q = dau_queue_open(path, 100, 1 << 20, 0, err, sizeof err);
    assert_non_null(q);
    assert_int_equal(dau_queue_len(q), 2);
    push_s(q, "r6");
    assert_int_equal(dau_queue_len(q), 3);
    dau_queue_pop(q);
    dau_queue_pop(q);
    assert_string_equal(dau_queue_head(q, NULL), "r6");
    dau_queue_close(q);
    q = dau_queue_open(path, 100, 1 << 20, 0, err, sizeof err);
    assert_int_equal(dau_queue_len(q), 1);
    assert_string_equal(dau_queue_head(q, NULL), "r6");
    dau_queue_close(q);
}

static void test_bounds(void **state)
{
    (void)state;
    const char *dir = daut_dir("qbound");
    char path[300], err[128], rec[32];
    snprintf(path, sizeof path, "%s/q", dir);
    dau_queue *q = dau_queue_open(path, 5, 1 << 20, 0, err, sizeof err);
    assert_non_null(q);
    for (int i = 1; i <= 12; i++) {
        snprintf(rec, sizeof rec, "rec%02d", i);
        push_s(q, rec);
    }
    assert_int_equal(dau_queue_len(q), 5);
    assert_int_equal(dau_queue_dropped(q), 7);
    assert_string_equal(dau_queue_head(q, NULL), "rec08");
    dau_queue_close(q);
    q = dau_queue_open(path, 5, 1 << 20, 0, err, sizeof err);
    assert_int_equal(dau_queue_len(q), 5);
    assert_int_equal(dau_queue_dropped(q), 7);
    assert_string_equal(dau_queue_head(q, NULL), "rec08");
    dau_queue_close(q);
    /* byte bound: 10 bytes hold two 5-byte records */
    q = dau_queue_open(NULL, 100, 10, 0, err, sizeof err);
    push_s(q, "aaaaa");
    push_s(q, "bbbbb");
    push_s(q, "ccccc");
    assert_int_equal(dau_queue_len(q), 2);
    assert_int_equal(dau_queue_bytes(q), 10);
    assert_string_equal(dau_queue_head(q, NULL), "bbbbb");
    assert_int_equal(dau_queue_push(q, "0123456789X", 11), -1); /* larger than the bound */
    dau_queue_close(q);
}

static void test_compaction(void **state)
{
    (void)state;
    const char *dir = daut_dir("qcompact");
    char path[300], err[128], rec[600];
    snprintf(path, sizeof path, "%s/q", dir);
    dau_queue *q = dau_queue_open(path, 100000, 64 << 20, 0, err, sizeof err);
    memset(rec, 'x', 500);
    for (int i = 0; i < 6000; i++) {
        snprintf(rec + 500, 20, "%05d", i);
        push_s(q, rec);
        if (i >= 10) dau_queue_pop(q); /* keep 10 queued: the dead prefix grows */
    }
    assert_int_equal(dau_queue_len(q), 10);
    dau_queue_close(q);
    size_t n = 0;
    char *all = daut_slurp(path, &n);
    assert_non_null(all);
    assert_true(n < (2u << 20)); /* compacted: far below 6000 x 506 bytes */
    free(all);
    q = dau_queue_open(path, 100000, 64 << 20, 0, err, sizeof err);
    assert_int_equal(dau_queue_len(q), 10);
    assert_string_equal(dau_queue_head(q, NULL) + 500, "05990");
    dau_queue_close(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fifo_reopen),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_compaction),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (failed == 0) daut_cleanup(); /* kept for a look when something failed */
    return failed;
}
