/*
 * test_crash.c — `hjrange detect` is SIGKILLed twice while a DAU-like client streams hourly
 * records; the client resends every unacknowledged record after reconnecting to the
 * restarted platform. Afterwards every record is stored exactly once.
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

#define NREC   600
#define WINDOW 24

static char dbpath[64], alertspath[64];
static char qns[NREC][18];
static int acked[NREC];

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

static int start(int *pid)
{
    const char *args[] = {"--db", dbpath, "--alerts", alertspath, "--quiet", NULL};
    int port = tc_spawn_detect(HJ_DETECT_BIN, args, NULL, pid);
    assert_true(port > 0);
    live_pid = *pid;
    return port;
}

static int find_qn(const char *qn)
{
    for (int i = 0; i < NREC; i++)
        if (strcmp(qns[i], qn) == 0) return i;
    return -1;
}

static void test_crash(void **state)
{
    snprintf(dbpath, sizeof dbpath, "/tmp/hj_crash_%d.db", (int)getpid());
    snprintf(alertspath, sizeof alertspath, "/tmp/hj_crash_%d.alerts", (int)getpid());
    unlink(dbpath);
    static char frames[NREC][512];
    static int lens[NREC];
    const long long base_ms = 1640966400000LL; /* 2022-01-01T00:00:00+08:00 */
    for (int i = 0; i < NREC; i++) {
        char dt[16];
        long long h = i;
        /* hourly DataTime: day and hour from the index (25 days of 24 hours) */
        snprintf(dt, sizeof dt, "202201%02lld%02lld0000", 1 + h / 24, h % 24);
        lens[i] = tc_upload(frames[i], sizeof frames[i], 2061, "CRASH01", "123456", base_ms + i, dt,
                            100.0 + i);
        assert_true(lens[i] > 0);
        snprintf(qns[i], sizeof qns[i], "%.17s", strstr(frames[i], "QN=") + 3);
    }

    int pid = 0;
    int port = start(&pid);
    int fd = tc_connect(port);
    assert_true(fd >= 0);
    tc_reader r = {{0}, 0};
    int nacked = 0, outstanding = 0, next = 0, kills = 0, sent_total = 0;
    char reply[512];
    while (nacked < NREC) {
        while (outstanding < WINDOW && next < NREC) {
            if (!acked[next]) {
                assert_int_equal(tc_send(fd, frames[next], (size_t)lens[next]), 0);
                outstanding++;
                sent_total++;
            }
            next++;
        }
        if (kills < 2 && nacked >= (kills + 1) * NREC / 3) {
            /* the window is full of records in flight: kill the platform now */
            kill(pid, SIGKILL);
            int status = 0;
            waitpid(pid, &status, 0);
            live_pid = 0;
            assert_true(WIFSIGNALED(status));
            kills++;
            close(fd);
            port = start(&pid);
            fd = tc_connect(port);
            assert_true(fd >= 0);
            memset(&r, 0, sizeof r);
            outstanding = 0;
            next = 0; /* resend every unacknowledged record, oldest first */
            continue;
        }
        int n = tc_read_frame(fd, &r, reply, sizeof reply, 10000);
        assert_true(n > 0);
        char qn[24];
        assert_int_equal(tc_field(reply, "QN", qn, sizeof qn), 0);
        assert_non_null(strstr(reply, "CN=9014;"));
        int idx = find_qn(qn);
        assert_true(idx >= 0);
        if (!acked[idx]) {
            acked[idx] = 1;
            nacked++;
        }
        outstanding--;
    }
    close(fd);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    live_pid = 0;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(kills, 2);
    assert_true(sent_total > NREC); /* records were resent */

    char err[200];
    store *s = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof err);
    assert_non_null(s);
    /* exactly once: one packet and two readings (COD, flow) per hourly record */
    assert_int_equal(store_count(s, "packets"), NREC);
    assert_int_equal(store_count(s, "readings"), 2 * NREC);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(store_dump(s, "2061", "CRASH01", f), 2 * NREC);
    fclose(f);
    /* the first and last hours, with their values */
    assert_non_null(strstr(buf, "CRASH01,2061,20220101000000,w01018,Avg,100.0,N\n"));
    assert_non_null(strstr(buf, "CRASH01,2061,20220125230000,w01018,Avg,699.0,N\n"));
    free(buf);
    store_close(s);
    print_message("crash: %d records, %d sent in all, 2 kills\n", NREC, sent_total);
    char p[80];
    unlink(dbpath);
    unlink(alertspath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    (void)state;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {cmocka_unit_test_teardown(test_crash, teardown)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
