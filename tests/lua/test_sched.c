/*
 * test_vsched.c — at/every/after/sleep/now/cancel on virtual time: parsing, the exact
 * firing order (ties by insertion), stepping with sched_next_time, errors with the virtual
 * time, file:line and traceback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sandbox.h"
#include "vsched.h"

#define MIN_MS   INT64_C(60000)
#define HOUR_MS  INT64_C(3600000)
#define DAY_MS   INT64_C(86400000)
#define START_MS INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */

typedef struct logbuf {
    int n;
    char line[64][128];
} logbuf;

/* Lines as "HH:MM text" with the time the sandbox handed to the log. */
static void log_cb(void *ud, int64_t t_ms, const char *text)
{
    logbuf *lb = ud;
    char when[32];
    if (lb->n >= 64) return;
    sched_format_time(t_ms, when, sizeof when);
    snprintf(lb->line[lb->n], sizeof lb->line[0], "%.5s %s", when + 11, text);
    lb->n++;
}

typedef struct fixture {
    sandbox *sb;
    sched *s;
    logbuf lb;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    f.sb = sandbox_new(NULL);
    if (f.sb == NULL) return -1;
    sandbox_set_log(f.sb, log_cb, &f.lb);
    sandbox_set_lib_dir(f.sb, HJ_LUA_TEST_DIR "/lib");
    f.s = sched_new(f.sb, START_MS, 0);
    if (f.s == NULL) return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sched_free(f->s);
    sandbox_free(f->sb);
    return 0;
}

static int run(fixture *f, const char *code, const char **err)
{
    lua_State *L = sandbox_state(f->sb);
    if (luaL_loadbufferx(L, code, strlen(code), "@t.lua", "t") != LUA_OK) {
        *err = lua_tostring(L, -1);
        return -1;
    }
    return sandbox_pcall(f->sb, 0, 0, err);
}

/* ---- parsing ---- */

static void test_parse_duration(void **state)
{
    static const struct {
        const char *s;
        int64_t ms;
    } good[] = {{"90s", 90000},
                {"15m", 15 * MIN_MS},
                {"2h", 2 * HOUR_MS},
                {"1h30m", 90 * MIN_MS},
                {"2d", 2 * DAY_MS},
                {"1d12h", 36 * HOUR_MS},
                {"0s", 0},
                {"1d2h3m4s", DAY_MS + 2 * HOUR_MS + 3 * MIN_MS + 4000},
                {"100000d", 100000 * DAY_MS}};
    static const char *bad[] = {"",
                                "h",
                                "1",
                                "1x",
                                "1m1h",
                                "1h1h",
                                "-1h",
                                "1.5h",
                                " 1h",
                                "1h ",
                                "+1h",
                                "1H",
                                "999999999999999d",
                                "1h30",
                                "s",
                                "1 h"};
    int64_t ms = 0;
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_int_equal(sched_parse_duration(good[i].s, &ms), 0);
        assert_int_equal(ms, good[i].ms);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (sched_parse_duration(bad[i], &ms) == 0) fail_msg("accepted \"%s\"", bad[i]);
    }
}

static void test_parse_time(void **state)
{
    fixture *f = *state;
    int64_t t = 0;
    char buf[32];
    static const char *bad[] = {"2022-02-30 10:00",
                                "2023-02-29 00:00",
                                "24:00",
                                "12:60",
                                "2022-2-8 10:00",
                                "2022-02-08T10:00",
                                "10:00:60",
                                "1:00",
                                "10:00 ",
                                "+",
                                "2022-13-01 00:00",
                                "2022-00-10 00:00",
                                "2022-02-08 10:00:5",
                                "ten o'clock"};
    assert_int_equal(sched_parse_time(f->s, "2022-02-08 10:05", &t), 0);
    assert_int_equal(t, START_MS + 10 * HOUR_MS + 5 * MIN_MS);
    assert_int_equal(sched_parse_time(f->s, "2024-02-29 23:59:59", &t), 0);
    assert_int_equal(sched_format_time(t, buf, sizeof buf), 19);
    assert_string_equal(buf, "2024-02-29 23:59:59");
    assert_int_equal(sched_parse_time(f->s, "+1h30m", &t), 0);
    assert_int_equal(t, START_MS + 90 * MIN_MS);
    assert_int_equal(sched_parse_time(f->s, "00:00", &t), 0); /* at the start counts */
    assert_int_equal(t, START_MS);
    assert_int_equal(sched_set_start(f->s, START_MS + 10 * HOUR_MS), 0);
    assert_int_equal(sched_parse_time(f->s, "09:00", &t), 0); /* next day */
    assert_int_equal(t, START_MS + DAY_MS + 9 * HOUR_MS);
    assert_int_equal(sched_parse_time(f->s, "10:00:01", &t), 0);
    assert_int_equal(t, START_MS + 10 * HOUR_MS + 1000);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (sched_parse_time(f->s, bad[i], &t) == 0) fail_msg("accepted \"%s\"", bad[i]);
    }
    assert_int_equal(sched_format_time(START_MS, buf, 10), -1);
    assert_string_equal(buf, "");
    assert_int_equal(sched_format_time(0, buf, sizeof buf), 19);
    assert_string_equal(buf, "1970-01-01 08:00:00");
}

/* ---- scheduling ---- */

static void test_order(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    static const char *expect[] = {
        "01:00 D plus 2022-02-08 01:00:00", "02:00 B after 2022-02-08 02:00:00",
        "02:00 E date 2022-02-08 02:00:00", "02:00 F hhmm 2022-02-08 02:00:00",
        "02:30 B woke 2022-02-08 02:30:00", "09:00 C every 2022-02-08 09:00:00",
        "10:05 A at 2022-02-08 10:05:00",   "15:00 C every 2022-02-08 15:00:00",
        "21:00 C every 2022-02-08 21:00:00"};
    assert_int_equal(sandbox_dofile(f->sb, HJ_LUA_TEST_DIR "/scen/order.lua", &err), 0);
    assert_int_equal(sched_pending(f->s), 6);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS - 1, &err), 9);
    assert_int_equal(f->lb.n, 9);
    for (int i = 0; i < 9; i++)
        assert_string_equal(f->lb.line[i], expect[i]);
    assert_int_equal(sched_now(f->s), START_MS + DAY_MS - 1);
    assert_int_equal(sched_pending(f->s), 1);              /* the every, next at 03:00 */
    assert_int_equal(sched_set_start(f->s, START_MS), -1); /* time has moved */
    assert_int_equal(lua_gettop(sandbox_state(f->sb)), 0); /* the main stack is balanced */
}

/* Fast mode: jump from due time to due time. */
static void test_next_time_stepping(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    int64_t t = 0, seen[16];
    int n = 0;
    static const int64_t expect_min[] = {60, 120, 150, 540, 605, 900, 1260, 1620};
    assert_int_equal(sandbox_dofile(f->sb, HJ_LUA_TEST_DIR "/scen/order.lua", &err), 0);
    while (sched_next_time(f->s, &t) && t < START_MS + 28 * HOUR_MS && n < 16) {
        seen[n++] = t;
        assert_true(sched_run_until(f->s, t, &err) >= 1);
        assert_int_equal(sched_now(f->s), t);
    }
    assert_int_equal(n, 8);
    for (int i = 0; i < n; i++)
        assert_int_equal(seen[i], START_MS + expect_min[i] * MIN_MS);
}

static void test_every_after_cancel(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f,
                         "every('1h', function() log('h', now()) end, {to = '03:00'})\n"
                         "local id = every('25m', function() log('q') end)\n"
                         "after('1h', function() log('cancel', cancel(id), cancel(9999)) end)\n"
                         "local none = every('1h', function() end, {from = '05:00', to = "
                         "'04:00'})\nlog('none', none)\n"
                         "after('4h', function()\n"
                         "  every('1d', function() log('late every') end, {from = '01:00'})\n"
                         "end)",
                         &err),
                     0);
    assert_int_equal(sched_run_until(f->s, START_MS + 2 * DAY_MS, &err), 8);
    assert_int_equal(f->lb.n, 8);
    assert_string_equal(f->lb.line[0], "00:00 none nil");
    assert_string_equal(f->lb.line[1], "00:25 q");
    assert_string_equal(f->lb.line[2], "00:50 q");
    assert_string_equal(f->lb.line[3], "01:00 h 2022-02-08 01:00:00");
    assert_string_equal(f->lb.line[4], "01:00 cancel true false");
    assert_string_equal(f->lb.line[5], "02:00 h 2022-02-08 02:00:00");
    assert_string_equal(f->lb.line[6], "03:00 h 2022-02-08 03:00:00");
    /* from = 01:00 is past at 04:00: catch up to the next firing, 2022-02-09 01:00 */
    assert_string_equal(f->lb.line[7], "01:00 late every");
}

static void test_now_and_start(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f, "log(now())", &err), 0);
    assert_string_equal(f->lb.line[0], "00:00 2022-02-08 00:00:00");
    assert_int_equal(sched_set_start(f->s, START_MS + 8 * HOUR_MS + 30 * MIN_MS + 15000), 0);
    assert_int_equal(run(f, "log(now())\nat('08:00', function() log('next day', now()) end)", &err),
                     0);
    assert_string_equal(f->lb.line[1], "08:30 2022-02-08 08:30:15");
    assert_int_equal(sched_run_until(f->s, START_MS + 2 * DAY_MS, &err), 1);
    assert_string_equal(f->lb.line[2], "08:00 next day 2022-02-09 08:00:00");
}

static void test_sleep_rules(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f,
                         "at('01:00', function()\n"
                         "  local co = coroutine.wrap(function() sleep('1m') end)\n"
                         "  ok, msg = pcall(co)\n"
                         "  ok2, msg2 = pcall(sleep, 'soon')\n"
                         "  pcall(sleep, '5m')\n"
                         "  log('after pcall sleep', now())\n"
                         "  local ok3, v = xpcall(function() sleep('5m') return 7 end, print)\n"
                         "  log('xpcall', ok3, v, now())\n"
                         "end)",
                         &err),
                     0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), 3);
    {
        lua_State *L = sandbox_state(f->sb);
        lua_getglobal(L, "msg");
        assert_non_null(strstr(lua_tostring(L, -1), "t.lua:2: sleep: only inside a function"));
        lua_getglobal(L, "msg2");
        assert_non_null(strstr(lua_tostring(L, -1), "bad argument #1 to 'sleep' (bad duration "
                                                    "\"soon\""));
        lua_pop(L, 2);
    }
    assert_string_equal(f->lb.line[0], "01:05 after pcall sleep 2022-02-08 01:05:00");
    assert_string_equal(f->lb.line[1], "01:10 xpcall true 7 2022-02-08 01:10:00");
}

/* A script closing a sleeping task's coroutine ends that task, nothing else. */
static void test_closed_sleeper(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f,
                         "at('01:00', function() sleeper = coroutine.running() sleep('1h') "
                         "log('not reached') end)\n"
                         "at('01:30', function() log('close', coroutine.close(sleeper)) end)\n"
                         "at('03:00', function() log('still running') end)",
                         &err),
                     0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), 3);
    assert_int_equal(f->lb.n, 2);
    assert_string_equal(f->lb.line[0], "01:30 close true");
    assert_string_equal(f->lb.line[1], "03:00 still running");
}

static void test_coroutine_error(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(sandbox_dofile(f->sb, HJ_LUA_TEST_DIR "/scen/co_error.lua", &err), 0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), -1);
    assert_non_null(strstr(err, "[2022-02-08 10:06:00] "));
    assert_non_null(strstr(err, "co_error.lua:5: attempt to index a nil value (local 'x')"));
    assert_non_null(strstr(err, "stack traceback:"));
    assert_non_null(strstr(err, "co_error.lua:5: in function <"));
    assert_true(sandbox_alive(f->sb)); /* an error is not a kill: the owner decides */
}

static void test_runtime_errors(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f, "at('02:00', function() at('01:00', function() end) end)", &err), 0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), -1);
    assert_non_null(strstr(err, "t.lua:1: bad argument #1 to 'at' (2022-02-08 01:00:00 is in "
                                "the past (now 2022-02-08 02:00:00))"));
    assert_int_equal(run(f, "after('1m', function() coroutine.yield() end)", &err), 0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), -1);
    assert_non_null(strstr(err, "coroutine.yield at the top of a scheduled function"));
    assert_int_equal(run(f, "every('0s', function() end)", &err), -1);
    assert_non_null(strstr(err, "bad argument #1 to 'every' (the period must be longer"));
    assert_int_equal(run(f, "every('1h', function() end, {form = '09:00'})", &err), -1);
    assert_non_null(strstr(err, "bad argument #3 to 'every' (unknown option"));
    assert_int_equal(run(f, "every('1h', function() end, {from = 9})", &err), -1);
    assert_non_null(strstr(err, "bad argument #3 to 'every' (from: a time string expected"));
    assert_int_equal(run(f, "after('1h')", &err), -1);
    assert_non_null(strstr(err, "bad argument #2 to 'after' (function expected, got no value)"));
    /* raised inside a library module: the scenario's line first, the module's kept */
    assert_int_equal(run(f, "require('mod_bad').go()", &err), -1);
    assert_non_null(strstr(err, "t.lua:1: bad argument #1 to 'at' (bad time \"25:00\""));
    assert_non_null(strstr(err, "\n\t(inside lib/mod_bad.lua:2)\n"));
    /* a task a module scheduled (and its wake-ups) stands for the line that called it */
    assert_int_equal(run(f, "\nrequire('mod_late').go()", &err), 0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), -1);
    assert_non_null(strstr(err, "] t.lua:2: attempt to index a nil value (local 'x')"));
    assert_non_null(strstr(err, "\n\t(inside lib/mod_late.lua:2)\n"));
}

static void test_runaway_same_instant(void **state)
{
    fixture *f = *state;
    const char *err = NULL;
    assert_int_equal(run(f, "local function f() after('0s', f) end\nafter('0s', f)", &err), 0);
    assert_int_equal(sched_run_until(f->s, START_MS + DAY_MS, &err), -1);
    assert_non_null(strstr(err, "t.lua:1: more than 100000 coroutine steps at one virtual time"));
}

static void test_event_limit(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    sched *s = sched_new(sb, START_MS, 3);
    lua_State *L = sandbox_state(sb);
    (void)state;
    assert_int_equal(luaL_loadstring(L, "for i = 1, 4 do after('1m', function() end) end"), LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), -1);
    assert_non_null(strstr(err, "]:1: too many scheduled tasks (limit 3)"));
    assert_int_equal(sched_pending(s), 3);
    /* the scheduler freed first: a saved `at` fails cleanly */
    assert_int_equal(luaL_loadstring(L, "saved = at"), LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), 0);
    sched_free(s);
    assert_int_equal(luaL_loadstring(L, "saved('01:00', print)"), LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), -1);
    assert_non_null(strstr(err, "the scheduler is gone"));
    sandbox_free(sb);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_duration),
        T(test_parse_time),
        T(test_order),
        T(test_next_time_stepping),
        T(test_every_after_cancel),
        T(test_now_and_start),
        T(test_sleep_rules),
        T(test_closed_sleeper),
        T(test_coroutine_error),
        T(test_runtime_errors),
        T(test_runaway_same_instant),
        cmocka_unit_test(test_event_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
