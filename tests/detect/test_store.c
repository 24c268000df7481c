/*
 * test_store.c — the platform store, the registry and the records feed.
 */
#include "records.h"
#include "registry.h"
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appendix C vectors (tests/data, /work/shared/hj212/vectors.txt). */
static const char v2061[] =
    "##0325QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Min=16.4,w00000-Avg=17.5,"
    "w00000-Max=20.1,w00000-Flag=N;w01001-Min=7.1,w01001-Avg=7.5,w01001-Max=7.8,"
    "w01001-Flag=N;w01018-Cou=63.0,w01018-Min=40.1,w01018-Avg=40.1,w01018-Max=40.1,"
    "w01018-Flag=N&&B7C1\r\n";
static const char v3020[] =
    "##0156QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&DataTime=20160801085857;PolId=w01018;i13004-Info=168.0;i13005-Info=40&&7640\r\n";

static char dbpath[64];

static int setup(void **state)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/hj_store_%d.db", (int)getpid());
    unlink(dbpath);
    char err[200];
    store *s = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof err);
    if (!s) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    store_close(*state);
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

static hj212_packet pkt;

static void parse(const char *frame)
{
    const char *detail = NULL;
    assert_int_equal(hj212_parse(&pkt, frame, strlen(frame), NULL, &detail), HJ212_OK);
}

static char *dump(store *s, const char *cn, const char *mn, long *rows)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    *rows = store_dump(s, cn, mn, f);
    fclose(f);
    return buf;
}

static void test_dedup(void **state)
{
    store *s = *state;
    parse(v2061);
    /* 11 values; the 3 flags live in the flag column */
    assert_int_equal(store_put_packet(s, &pkt, v2061, strlen(v2061), 1000), 11);
    assert_int_equal(store_put_packet(s, &pkt, v2061, strlen(v2061), 2000), 0);
    assert_int_equal(store_count(s, "packets"), 1);
    assert_int_equal(store_count(s, "readings"), 11);
    /* inside a batch as well */
    assert_int_equal(store_begin(s), 0);
    assert_int_equal(store_put_packet(s, &pkt, v2061, strlen(v2061), 3000), 0);
    assert_int_equal(store_commit(s), 0);
    assert_int_equal(store_count(s, "packets"), 1);

    long rows = 0;
    char *csv = dump(s, "2061", "010000A8900016F000169DC0", &rows);
    assert_int_equal(rows, 11);
    const char *want_head = "mn,cn,datatime,code,field,value,flag\n"
                            "010000A8900016F000169DC0,2061,20160801080000,w00000,Avg,17.5,N\n"
                            "010000A8900016F000169DC0,2061,20160801080000,w00000,Cou,63.0,N\n";
    assert_memory_equal(csv, want_head, strlen(want_head));
    assert_non_null(strstr(csv, ",w01018,Max,40.1,N\n"));
    free(csv);
    csv = dump(s, "2061", "OTHER", &rows);
    assert_int_equal(rows, 0);
    assert_string_equal(csv, "mn,cn,datatime,code,field,value,flag\n");
    free(csv);
}

static void test_polid_and_flag_only(void **state)
{
    store *s = *state;
    parse(v3020);
    assert_int_equal(store_put_packet(s, &pkt, v3020, strlen(v3020), 1000), 2);
    long rows = 0;
    char *csv = dump(s, "3020", NULL, &rows);
    assert_int_equal(rows, 2);
    assert_string_equal(csv, "mn,cn,datatime,code,field,value,flag\n"
                             "010000A8900016F000169DC0,3020,20160801085857,w01018/i13004,Info,"
                             "168.0,\n"
                             "010000A8900016F000169DC0,3020,20160801085857,w01018/i13005,Info,"
                             "40,\n");
    free(csv);
    /* a code that has only a Flag keeps it as a row of its own */
    static const char seg[] = "QN=20160801090000001;ST=32;CN=2011;PW=123456;MN=A1;Flag=5;"
                              "CP=&&DataTime=20160801080000;w01018-Flag=D&&";
    char frame[256];
    int n = snprintf(frame, sizeof frame, "##%04zu%s%04X\r\n", strlen(seg), seg,
                     hj212_crc(seg, strlen(seg)));
    assert_true(n > 0);
    parse(frame);
    assert_int_equal(store_put_packet(s, &pkt, frame, (size_t)n, 1000), 1);
    csv = dump(s, "2011", "A1", &rows);
    assert_string_equal(csv, "mn,cn,datatime,code,field,value,flag\n"
                             "A1,2011,20160801080000,w01018,Flag,D,D\n");
    free(csv);
}

typedef struct bad_line {
    unsigned long line;
    records_err err;
    char detail[32];
} bad_line;

typedef struct bad_list {
    bad_line v[16];
    int n;
} bad_list;

static void on_bad(void *ctx, unsigned long line, records_err err, const char *detail)
{
    bad_list *b = ctx;
    if (b->n == 16) return;
    b->v[b->n].line = line;
    b->v[b->n].err = err;
    snprintf(b->v[b->n].detail, sizeof b->v[b->n].detail, "%s", detail ? detail : "");
    b->n++;
}

static void test_records(void **state)
{
    store *s = *state;
    static const char text[] =
        "{\"kind\": \"work_order\", \"mn\": \"M1\", \"task\": \"calibration\", \"start\": "
        "\"2022-02-08T09:00:00+08:00\", \"end\": \"2022-02-08T10:00:00+08:00\", \"who\": "
        "\"运维 张工\"}\n"
        "{\"kind\": \"lab\", \"mn\": \"M1\", \"param\": \"w01018\", \"time\": "
        "\"2022-02-08T10:00:00+08:00\", \"value\": 182.0}\n"
        "\n"
        "{\"kind\": \"lab\", \"mn\": \"M1\", \"param\": \"w01018\", \"time\": \"t\"}\n" /* 4 */
        "not json at all\n"                                                             /* 5 */
        "{\"kind\": \"party\", \"mn\": \"M1\"}\n"                                       /* 6 */
        "[1, 2]\n"                                                                      /* 7 */
        "{\"kind\": \"work_order\", \"mn\": \"M1\", \"task\": \"x\"}\n"                 /* 8 */
        "{\"kind\": \"lab\", \"mn\": \"M1\", \"param\": \"w01018\", \"time\": "
        "\"2022-02-08T10:00:00+08:00\", \"value\": 182.0}\n" /* 9: duplicate of 2 */
        "{\"kind\": \"lab\", \"mn\": \"M2\", \"param\": \"w21003\", \"time\": \"t2\", "
        "\"value\": 3.5}"; /* 10, no final newline */
    bad_list bad;
    memset(&bad, 0, sizeof bad);
    records_stats st;
    assert_int_equal(records_load_text(s, text, strlen(text), on_bad, &bad, NULL, &st), 0);
    assert_int_equal(st.lines, 10);
    assert_int_equal(st.work_orders, 1);
    assert_int_equal(st.labs, 2);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(st.bad, 5);
    assert_int_equal(bad.n, 5);
    assert_int_equal(bad.v[0].line, 4);
    assert_int_equal(bad.v[0].err, RECORDS_E_FIELD);
    assert_string_equal(bad.v[0].detail, "value");
    assert_int_equal(bad.v[1].line, 5);
    assert_int_equal(bad.v[1].err, RECORDS_E_JSON);
    assert_int_equal(bad.v[2].line, 6);
    assert_int_equal(bad.v[2].err, RECORDS_E_KIND);
    assert_string_equal(bad.v[2].detail, "party");
    assert_int_equal(bad.v[3].line, 7);
    assert_int_equal(bad.v[3].err, RECORDS_E_JSON);
    assert_int_equal(bad.v[4].line, 8);
    assert_string_equal(bad.v[4].detail, "start");
    assert_int_equal(store_count(s, "work_orders"), 1);
    assert_int_equal(store_count(s, "lab_results"), 2);
    /* reading it again stores nothing twice */
    memset(&bad, 0, sizeof bad);
    assert_int_equal(records_load_text(s, text, strlen(text), on_bad, &bad, NULL, &st), 0);
    assert_int_equal(st.duplicates, 4);
    assert_int_equal(store_count(s, "lab_results"), 2);
}

/* A work order's optional filing time is kept; one that is not a string is a bad line. */
static void test_records_filed(void **state)
{
    store *s = *state;
    static const char text[] =
        "{\"kind\": \"work_order\", \"mn\": \"F1\", \"task\": \"maintenance\", \"start\": "
        "\"2022-02-08T10:00:00+08:00\", \"end\": \"2022-02-08T11:00:00+08:00\", \"who\": "
        "\"W\", \"filed\": \"2022-02-09T08:00:00+08:00\"}\n"
        "{\"kind\": \"work_order\", \"mn\": \"F1\", \"task\": \"calibration\", \"start\": "
        "\"2022-02-08T12:00:00+08:00\", \"end\": \"2022-02-08T13:00:00+08:00\", \"who\": "
        "\"W\", \"filed\": 5}\n";
    bad_list bad;
    memset(&bad, 0, sizeof bad);
    records_stats st;
    assert_int_equal(records_load_text(s, text, strlen(text), on_bad, &bad, NULL, &st), 0);
    assert_int_equal(st.work_orders, 1);
    assert_int_equal(bad.n, 1);
    assert_int_equal(bad.v[0].line, 2);
    assert_string_equal(bad.v[0].detail, "filed");
    assert_int_equal(store_count(s, "work_orders"), 1);
}

/* Collects reported readings as "polid/code-field=value:flag;" */
static void collect(void *ctx, const store_reading *r)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 4096 - n, "%.*s/%.*s-%.*s=%.*s:%.*s;", (int)r->polid.n, r->polid.p,
             (int)r->code.n, r->code.p, (int)r->field.n, r->field.p, (int)r->value.n,
             r->value.p, r->flag.p ? (int)r->flag.n : 4, r->flag.p ? r->flag.p : "NULL");
}

static void parse_seg(const char *seg, char *frame, size_t cap)
{
    int n = snprintf(frame, cap, "##%04zu%s%04X\r\n", strlen(seg), seg,
                     hj212_crc(seg, strlen(seg)));
    assert_true(n > 0 && (size_t)n < cap);
    parse(frame);
}

/* What an upload stored, as the engine is fed it: the readings in the store's key order,
 * the same as a reader finds them under the packet; a partial re-send reports only what it
 * added, a key repeated within an upload once (the first value). */
static void test_put_upload_report(void **state)
{
    store *s = *state;
    static char got[4096], back[4096];
    got[0] = back[0] = '\0';
    parse(v2061);
    assert_int_equal(store_put_upload(s, &pkt, v2061, strlen(v2061), 1000, collect, got), 11);
    assert_string_equal(got, "/w00000-Avg=17.5:N;/w00000-Cou=63.0:N;/w00000-Max=20.1:N;"
                             "/w00000-Min=16.4:N;/w01001-Avg=7.5:N;/w01001-Max=7.8:N;"
                             "/w01001-Min=7.1:N;/w01018-Avg=40.1:N;/w01018-Cou=63.0:N;"
                             "/w01018-Max=40.1:N;/w01018-Min=40.1:N;");
    store_packet_row rows[4];
    assert_int_equal(store_read_packets(s, 0, rows, 4), 1);
    assert_string_equal(rows[0].mn, "010000A8900016F000169DC0");
    assert_string_equal(rows[0].datatime, "20160801080000");
    assert_int_equal(rows[0].cn, 2061);
    assert_int_equal(rows[0].received_ms, 1000);
    assert_int_equal(store_read_readings(s, &rows[0], collect, back), 0);
    assert_string_equal(back, got);
    /* the same again: nothing stored, nothing reported */
    got[0] = '\0';
    assert_int_equal(store_put_upload(s, &pkt, v2061, strlen(v2061), 2000, collect, got), 0);
    assert_string_equal(got, "");

    char frame[512];
    parse_seg("QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
              "CP=&&DataTime=20160801080000;w21003-Avg=1.5,w21003-Flag=T;w01018-Avg=99;"
              "ea1001-Avg=3&&",
              frame, sizeof frame);
    assert_int_equal(store_put_upload(s, &pkt, frame, strlen(frame), 3000, collect, got), 2);
    assert_string_equal(got, "/ea1001-Avg=3:NULL;/w21003-Avg=1.5:T;");
    parse_seg("QN=20160801090000001;ST=32;CN=3020;PW=123456;MN=A1;Flag=5;"
              "CP=&&DataTime=20160801080000;PolId=w01018,i13008-Info=2;PolId=w01018,"
              "i13008-Info=3,i13007-Info=0&&",
              frame, sizeof frame);
    got[0] = '\0';
    assert_int_equal(store_put_upload(s, &pkt, frame, strlen(frame), 4000, collect, got), 2);
    assert_string_equal(got, "w01018/i13007-Info=0:NULL;w01018/i13008-Info=2:NULL;");
    assert_int_equal(store_has_data(s), 1);
    (void)state;
}

/* Work orders and lab results read back in the order they were stored. */
static void orders_seen(void *ctx, const store_order_row *o)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 4096 - n, "%lld %s %s %s;", (long long)o->rowid, o->mn, o->task,
             o->filed ? o->filed : "-");
}

static void labs_seen(void *ctx, const store_lab_row *l)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 4096 - n, "%lld %s %s %g;", (long long)l->rowid, l->mn, l->param, l->value);
}

static void test_read_back(void **state)
{
    store *s = *state;
    static char got[4096];
    got[0] = '\0';
    assert_int_equal(store_has_data(s), 0);
    assert_int_equal(store_put_work_order(s, "A1", "calibration", "t1", "t2", "who", NULL), 1);
    assert_int_equal(store_put_work_order(s, "B2", "maintenance", "t1", "t2", "who", "t0"), 1);
    assert_int_equal(store_put_lab(s, "A1", "w01018", "t1", 182.5), 1);
    assert_int_equal(store_has_data(s), 1);
    assert_int_equal(store_read_orders(s, 0, orders_seen, got), 2);
    assert_string_equal(got, "1 A1 calibration -;2 B2 maintenance t0;");
    got[0] = '\0';
    assert_int_equal(store_read_orders(s, 1, orders_seen, got), 1);
    assert_string_equal(got, "2 B2 maintenance t0;");
    got[0] = '\0';
    assert_int_equal(store_read_labs(s, 0, labs_seen, got), 1);
    assert_string_equal(got, "1 A1 w01018 182.5;");
    /* read-only: the same rows; writes refused */
    char err[200] = "";
    store *ro = store_open_readonly(dbpath, err, sizeof err);
    assert_non_null(ro);
    got[0] = '\0';
    assert_int_equal(store_read_orders(ro, 0, orders_seen, got), 2);
    assert_int_equal(store_put_lab(ro, "A1", "w01018", "t9", 1), -1);
    store_close(ro);
    assert_null(store_open_readonly("/nonexistent/x.db", err, sizeof err));
    (void)state;
}

static void test_registry(void **state)
{
    char err[200] = "";
    registry *r = registry_parse("[{\"mn\": \"B2\", \"pw\": \"654321\", \"protocol\": 2025,"
                                 "  \"key\": \"0123456789abcdef0123456789ABCDEF\"},"
                                 " {\"mn\": \"A1\", \"pw\": \"123456\"}]",
                                 err, sizeof err);
    assert_non_null(r);
    assert_int_equal(registry_count(r), 2);
    const registry_station *a = registry_find(r, "A1", 2);
    assert_non_null(a);
    assert_string_equal(a->pw, "123456");
    assert_int_equal(a->protocol, 2017);
    assert_null(a->cipher);
    const registry_station *b = registry_find(r, "B2xyz", 2);
    assert_non_null(b);
    assert_int_equal(b->protocol, 2025);
    assert_non_null(b->cipher);
    assert_null(registry_find(r, "C3", 2));
    registry_free(r);

    assert_null(registry_parse("[{\"mn\": \"A\", \"pw\": \"1234567\"}]", err, sizeof err));
    assert_string_equal(err, "entry 1: \"pw\" missing or not 1..6 characters");
    assert_null(registry_parse("[{\"mn\":\"A\",\"pw\":\"1\"},{\"mn\":\"A\",\"pw\":\"2\"}]", err,
                               sizeof err));
    assert_string_equal(err, "MN A listed twice");
    assert_null(registry_parse("[{\"mn\":\"A\",\"pw\":\"1\",\"protocol\":2019}]", err, sizeof err));
    assert_string_equal(err, "entry 1: \"protocol\" must be 2017 or 2025");
    assert_null(registry_parse("[{\"mn\":\"A\",\"pw\":\"1\",\"key\":\"12\"}]", err, sizeof err));
    assert_string_equal(err, "entry 1: \"key\" must be 32 hex digits");
    assert_null(registry_parse("{}", err, sizeof err));
    (void)state;
}

/* A station's limits and production meters (the detection engine's settings), and the file
 * written back as it was read. */
static void test_registry_settings(void **state)
{
    char err[200] = "";
    const char *text = "[{\"mn\": \"A1\", \"pw\": \"123456\", \"limits\": {\"w01018\": 500,"
                       " \"w21011\": 0.5}, \"production_meters\": [\"ea1001\", \"ea1002\"]},"
                       " {\"mn\": \"B2\", \"pw\": \"1\", \"protocol\": 2025,"
                       " \"key\": \"0123456789abcdef0123456789ABCDEF\", \"limits\": {},"
                       " \"production_meters\": []},"
                       " {\"mn\": \"C3\", \"pw\": \"2\"}]";
    registry *r = registry_parse(text, err, sizeof err);
    assert_non_null(r);
    const registry_station *a = registry_find(r, "A1", 2);
    assert_true(a->has_limits && a->has_meters);
    assert_int_equal(a->nlimits, 2);
    assert_string_equal(a->limits[1].code, "w21011");
    assert_true(a->limits[1].value == 0.5);
    assert_int_equal(a->nmeters, 2);
    assert_string_equal(a->production_meters[1], "ea1002");
    const registry_station *b = registry_find(r, "B2", 2);
    assert_true(b->has_limits && b->has_meters && !b->nlimits && !b->nmeters); /* given empty */
    assert_string_equal(b->key, "0123456789abcdef0123456789ABCDEF");
    const registry_station *c = registry_find(r, "C3", 2);
    assert_true(!c->has_limits && !c->has_meters); /* not given: the thresholds decide */

    /* written one station a line, and read back the same */
    registry_station all[3] = {*a, *b, *c};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(registry_write(f, all, 3), 0);
    fclose(f);
    assert_string_equal(buf,
                        "[\n"
                        "  {\"mn\":\"A1\",\"pw\":\"123456\",\"protocol\":2017,\"limits\":{\"w01018\":500,"
                        "\"w21011\":0.5},\"production_meters\":[\"ea1001\",\"ea1002\"]},\n"
                        "  {\"mn\":\"B2\",\"pw\":\"1\",\"protocol\":2025,\"key\":"
                        "\"0123456789abcdef0123456789ABCDEF\",\"limits\":{},\"production_meters\":[]},\n"
                        "  {\"mn\":\"C3\",\"pw\":\"2\",\"protocol\":2017}\n"
                        "]\n");
    registry *back = registry_parse(buf, err, sizeof err);
    assert_non_null(back);
    assert_memory_equal(registry_find(back, "A1", 2)->limits, a->limits, sizeof a->limits);
    registry_free(back);
    free(buf);
    registry_free(r);

    assert_null(registry_parse("[{\"mn\":\"A\",\"pw\":\"1\",\"limits\":[1]}]", err, sizeof err));
    assert_string_equal(err, "entry 1: \"limits\" must be an object");
    assert_null(
        registry_parse("[{\"mn\":\"A\",\"pw\":\"1\",\"limits\":{\"w01018\":\"x\"}}]", err, sizeof err));
    assert_non_null(strstr(err, "entry 1: \"limits\" must map"));
    assert_null(registry_parse("[{\"mn\":\"A\",\"pw\":\"1\",\"production_meters\":\"ea1001\"}]",
                               err, sizeof err));
    assert_string_equal(err, "entry 1: \"production_meters\" must be an array");
    assert_null(registry_parse(
        "[{\"mn\":\"A\",\"pw\":\"1\",\"key\":\"0123456789abcdef0123456789ABCDEF\","
        "\"production_meters\":[\"ea1001_far_too_long\"]}]",
        err, sizeof err));
    assert_non_null(strstr(err, "entry 1: \"production_meters\" must list"));
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dedup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_polid_and_flag_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records_filed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_upload_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_back, setup, teardown),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_registry_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
