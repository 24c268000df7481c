/*
 * test_cli.c — `hjrange detect --records` (bad lines reported by number), a clean stop on
 * SIGTERM, `hjrange db dump`, and usage errors.
 */
#include "client.h"
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp[5][80];

static int live_pid; /* the platform process, killed if a check fails */

static int teardown(void **state)
{
    if (live_pid > 0) {
        kill(live_pid, SIGKILL);
        waitpid(live_pid, NULL, 0);
        live_pid = 0;
    }
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_detect_records_dump(void **state)
{
    const char *names[5] = {"db", "alerts", "records.jsonl", "stderr", "dump"};
    for (int i = 0; i < 5; i++)
        snprintf(tmp[i], sizeof tmp[i], "/tmp/hj_cli_%d.%s", (int)getpid(), names[i]);
    unlink(tmp[0]);
    FILE *f = fopen(tmp[2], "w");
    assert_non_null(f);
    fputs("{\"kind\": \"work_order\", \"mn\": \"CLI01\", \"task\": \"calibration\", \"start\": "
          "\"2022-02-08T09:00:00+08:00\", \"end\": \"2022-02-08T10:00:00+08:00\", \"who\": \"W\"}\n"
          "{\"kind\": \"work_order\", \"mn\": \"CLI01\", \"task\": \"calibration\"}\n"
          "{\"kind\": \"lab\", \"mn\": \"CLI01\", \"param\": \"w01018\", \"time\": "
          "\"2022-02-08T10:00:00+08:00\", \"value\": 182.0}\n"
          "{\"kind\": \"lab\", \"mn\": \"CLI01\", \"param\": \"w01018\", \"time\": \"x\", "
          "\"value\": \"high\"}\n",
          f);
    fclose(f);
    const char *args[] = {"--db", tmp[0], "--alerts", tmp[1], "--records", tmp[2], NULL};
    int pid = 0;
    int port = tc_spawn_detect(HJ_DETECT_BIN, args, tmp[3], &pid);
    assert_true(port > 0);
    live_pid = pid;
    int fd = tc_connect(port);
    assert_true(fd >= 0);
    char frame[512], reply[512];
    int n = tc_upload(frame, sizeof frame, 2061, "CLI01", "123456", 1644285600000LL,
                      "20220208100000", 182.5);
    assert_int_equal(tc_send(fd, frame, (size_t)n), 0);
    tc_reader r = {{0}, 0};
    assert_true(tc_read_frame(fd, &r, reply, sizeof reply, 5000) > 0);
    assert_non_null(strstr(reply, "CN=9014;"));
    close(fd);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    live_pid = 0;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    char *err = slurp(tmp[3]);
    assert_non_null(err);
    char want[160];
    snprintf(want, sizeof want,
             "%s:2: bad line, skipped: field missing or of the wrong type: start", tmp[2]);
    assert_non_null(strstr(err, want));
    snprintf(want, sizeof want,
             "%s:4: bad line, skipped: field missing or of the wrong type: value", tmp[2]);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "work orders, lab results, already stored, bad lines: 1, 1, 0, 2"));
    assert_non_null(strstr(err, "no --stations registry"));
    assert_non_null(strstr(err, "stopped; database committed and closed"));
    assert_null(strstr(err, ":1: bad line"));
    assert_null(strstr(err, ":3: bad line"));
    /* the alerts file exists (the detection engine appends to it) */
    assert_int_equal(access(tmp[1], F_OK), 0);

    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s db dump --db %s --cn 2061 --mn CLI01 > %s", HJ_DETECT_BIN, tmp[0],
             tmp[4]);
    assert_int_equal(system(cmd), 0);
    assert_string_equal(slurp(tmp[4]), "mn,cn,datatime,code,field,value,flag\n"
                                       "CLI01,2061,20220208100000,w00000,Avg,12.50,N\n"
                                       "CLI01,2061,20220208100000,w01018,Avg,182.5,N\n");
    char e2[200];
    store *s = store_open(tmp[0], STORE_SYNC_NORMAL, e2, sizeof e2);
    assert_non_null(s);
    assert_int_equal(store_count(s, "work_orders"), 1);
    assert_int_equal(store_count(s, "lab_results"), 1);
    store_close(s);

    /* usage errors exit with 2 */
    snprintf(cmd, sizeof cmd, "%s detect --db %s 2>/dev/null", HJ_DETECT_BIN, tmp[0]);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc));
    assert_int_equal(WEXITSTATUS(rc), 2);
    snprintf(cmd, sizeof cmd, "%s db dump --db %s 2>/dev/null", HJ_DETECT_BIN, tmp[0]);
    rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 2);
    snprintf(cmd, sizeof cmd, "%s db dump --db /nonexistent/x.db --cn 2061 2>/dev/null",
             HJ_DETECT_BIN);
    rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 1);

    /* start-up failures exit with 1: a database that cannot be created, a malformed
     * registry (named entry) */
    snprintf(cmd, sizeof cmd,
             "HJRANGE_LANG=en %s detect --listen 127.0.0.1:0 --db /nonexistent/x.db --alerts %s "
             "2>%s",
             HJ_DETECT_BIN, tmp[1], tmp[3]);
    rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 1);
    assert_non_null(strstr(slurp(tmp[3]), "cannot start the platform: /nonexistent/x.db"));
    f = fopen(tmp[2], "w");
    assert_non_null(f);
    fputs("[{\"mn\": \"A\", \"pw\": \"123456\"}, {\"mn\": \"B\"}]", f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "HJRANGE_LANG=en %s detect --listen 127.0.0.1:0 --db %s --alerts %s "
             "--stations %s 2>%s",
             HJ_DETECT_BIN, tmp[0], tmp[1], tmp[2], tmp[3]);
    rc = system(cmd);
    assert_int_equal(WEXITSTATUS(rc), 1);
    assert_non_null(strstr(slurp(tmp[3]), "entry 2: \"pw\" missing or not 1..6 characters"));

    for (int i = 0; i < 5; i++)
        unlink(tmp[i]);
    char p[96];
    snprintf(p, sizeof p, "%s-wal", tmp[0]);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", tmp[0]);
    unlink(p);
    (void)state;
}

/* --records names a file that a run will write later: the platform starts, says so, and
 * reads it once it appears (and again when a new run writes it afresh). */
static void test_detect_records_later(void **state)
{
    char db[80], alerts[80], rec[80], err[80];
    snprintf(db, sizeof db, "/tmp/hj_later_%d.db", (int)getpid());
    snprintf(alerts, sizeof alerts, "/tmp/hj_later_%d.alerts", (int)getpid());
    snprintf(rec, sizeof rec, "/tmp/hj_later_%d.records.jsonl", (int)getpid());
    snprintf(err, sizeof err, "/tmp/hj_later_%d.stderr", (int)getpid());
    unlink(db);
    unlink(rec);
    const char *args[] = {"--db", db, "--alerts", alerts, "--records", rec, NULL};
    int pid = 0;
    int port = tc_spawn_detect(HJ_DETECT_BIN, args, err, &pid);
    assert_true(port > 0);
    live_pid = pid;
    assert_non_null(strstr(slurp(err), "not there yet; it is read as soon as it appears"));
    static const char wo[] =
        "{\"kind\": \"work_order\", \"mn\": \"LATE01\", \"task\": \"calibration\", \"start\": "
        "\"2022-02-08T09:00:00+08:00\", \"end\": \"2022-02-08T10:00:00+08:00\", \"who\": \"W\"}\n";
    char tmpname[96];
    snprintf(tmpname, sizeof tmpname, "%s.part", rec);
    FILE *f = fopen(tmpname, "w");
    assert_non_null(f);
    fputs(wo, f);
    fclose(f);
    assert_int_equal(rename(tmpname, rec), 0);
    usleep(1500 * 1000); /* the platform's loop wakes at least every 500 ms */
    /* a new run writes the file afresh, shorter than before: read again */
    f = fopen(tmpname, "w");
    assert_non_null(f);
    fputs("{\"kind\": \"lab\", \"mn\": \"LATE01\", \"param\": \"w01018\", \"time\": "
          "\"2022-02-08T10:00:00+08:00\", \"value\": 1}\n",
          f);
    fclose(f);
    assert_int_equal(rename(tmpname, rec), 0);
    usleep(1500 * 1000);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    live_pid = 0;
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char emsg[96];
    store *s = store_open(db, STORE_SYNC_NORMAL, emsg, sizeof emsg);
    assert_non_null(s);
    assert_int_equal(store_count(s, "work_orders"), 1);
    assert_int_equal(store_count(s, "lab_results"), 1);
    store_close(s);
    unlink(db);
    unlink(alerts);
    unlink(rec);
    unlink(err);
    (void)state;
}

/* Under --lang zh the platform's log gives a refused packet's reason in Chinese (the codec's
 * reason), the codec's own detail beside it as it is. */
static void test_detect_log_zh(void **state)
{
    char db[80], err[80];
    snprintf(db, sizeof db, "/tmp/hj_zh_%d.db", (int)getpid());
    snprintf(err, sizeof err, "/tmp/hj_zh_%d.stderr", (int)getpid());
    unlink(db);
    const char *args[] = {"--db", db, "--lang", "zh", NULL};
    int pid = 0;
    int port = tc_spawn_detect(HJ_DETECT_BIN, args, err, &pid);
    assert_true(port > 0);
    live_pid = pid;
    int fd = tc_connect(port);
    assert_true(fd >= 0);
    /* a packet whose CRC field is no hex, then a valid one (its 9014: the first was read) */
    static const char bad[] = "##0050QN=20220208100000000;ST=32;CN=2061;PW=123456;MN=ZH01;CP=&&&&XYZW\r\n";
    assert_int_equal(tc_send(fd, bad, sizeof bad - 1), 0);
    char frame[1024], reply[1024];
    tc_reader r = {{0}, 0};
    int n = tc_upload(frame, sizeof frame, 2061, "ZH01", "123456", 1644285600000LL,
                      "20220208100000", 40.0);
    assert_int_equal(tc_send(fd, frame, (size_t)n), 0);
    assert_true(tc_read_frame(fd, &r, reply, sizeof reply, 10000) > 0);
    close(fd);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    live_pid = 0;
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    const char *log = slurp(err);
    if (!strstr(log, "报文被拒收: CRC 校验错误（")) fail_msg("no Chinese reason in: %s", log);
    unlink(db);
    unlink(err);
    char p[96];
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    (void)state;
}

/* 10 MB of "##9999" (each an oversize frame, refused) to `hjrange detect --quiet`: the log
 * stays a few lines a second, the rest summed up, and a DAU is still served. */
static void test_detect_log_flood(void **state)
{
    char db[80], alerts[80], err[80];
    snprintf(db, sizeof db, "/tmp/hj_flood_%d.db", (int)getpid());
    snprintf(alerts, sizeof alerts, "/tmp/hj_flood_%d.alerts", (int)getpid());
    snprintf(err, sizeof err, "/tmp/hj_flood_%d.stderr", (int)getpid());
    unlink(db);
    const char *args[] = {"--db", db, "--alerts", alerts, "--quiet", NULL};
    int pid = 0;
    int port = tc_spawn_detect(HJ_DETECT_BIN, args, err, &pid);
    assert_true(port > 0);
    live_pid = pid;
    static char chunk[6 * 65536];
    for (size_t i = 0; i < sizeof chunk; i += 6)
        memcpy(chunk + i, "##9999", 6);
    int fd = tc_connect(port);
    assert_true(fd >= 0);
    for (int i = 0; i < 26; i++) /* 26 x 393 KB = 10 MB */
        assert_int_equal(tc_send(fd, chunk, sizeof chunk), 0);
    char frame[1024], reply[1024];
    int good = tc_connect(port);
    tc_reader r = {{0}, 0};
    int n = tc_upload(frame, sizeof frame, 2061, "FLOOD01", "123456", 1644285600000LL,
                      "20220208100000", 40.0);
    assert_int_equal(tc_send(good, frame, (size_t)n), 0);
    assert_true(tc_read_frame(good, &r, reply, sizeof reply, 10000) > 0);
    assert_non_null(strstr(reply, "CN=9014;"));
    close(good);
    close(fd);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    live_pid = 0;
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    FILE *f = fopen(err, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    print_message("log flood: %ld bytes of stderr for 10 MB of refused frames\n", size);
    assert_true(size < 16384);
    unlink(db);
    unlink(alerts);
    unlink(err);
    char p[96];
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    (void)state;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_detect_records_dump, teardown),
        cmocka_unit_test_teardown(test_detect_records_later, teardown),
        cmocka_unit_test_teardown(test_detect_log_flood, teardown),
        cmocka_unit_test_teardown(test_detect_log_zh, teardown)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
