/*
 * test_hostile.c — every file in tests/lua/hostile/ must be stopped quickly with a clear
 * message (the file, the line, the reason) and a non-zero result. A case that kills the
 * sandbox must leave it dead. Usage: test_lua_hostile [NAME-PATTERN] (ctest runs one
 * case per entry, each with its own timeout).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sandbox.h"
#include "vsched.h"

#define START_MS INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */

typedef struct hostile {
    const char *name;   /* hostile/NAME.lua */
    int line;           /* expected "NAME.lua:LINE:" somewhere in the message; 0 = none */
    const char *expect; /* substring of the message */
    int kills;          /* the sandbox must be dead afterwards */
    int run_sched;      /* also run the scheduler for a day */
    int wall;           /* keep the default wall clock (loops the count hook misses); the
                           wall-clock kill is then accepted for expect */
} hostile;

static const hostile cases[] = {
    {"io", 2, "attempt to index a nil value (global 'io')", 0, 0, 0},
    {"os", 2, "attempt to index a nil value (global 'os')", 0, 0, 0},
    {"require_os", 2, "module 'os' not found", 0, 0, 0},
    {"require_dotdot", 2, "bad module name \"../x\"", 0, 0, 0},
    {"require_path", 2, "bad module name \"/etc/passwd\"", 0, 0, 0},
    {"dofile", 2, "attempt to call a nil value (global 'dofile')", 0, 0, 0},
    {"loadfile", 2, "attempt to call a nil value (global 'loadfile')", 0, 0, 0},
    {"load_bytecode", 3, "binary chunks are not allowed", 0, 0, 0},
    {"load_endless", 3, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"load_reader", 3, "attempt to load a binary chunk (mode is 't')", 0, 0, 0},
    {"string_dump", 2, "attempt to call a nil value (field 'dump')", 0, 0, 0},
    {"debug", 2, "attempt to index a nil value (global 'debug')", 0, 0, 0},
    {"infinite_loop", 3, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"pcall_loop", 0, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"coroutine_loop", 0, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"xpcall_handler", 0, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"close_loop", 0, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"gc_loop", 2, "__gc metamethods are not allowed", 0, 0, 0},
    {"gc_placeholder", 3, "__gc metamethods are not allowed", 0, 0, 0},
    {"mem_table", 3, "memory cap of 67108864 bytes exceeded", 1, 0, 0},
    {"mem_strings", 3, "memory cap of 67108864 bytes exceeded", 1, 0, 0},
    {"string_rep", 2, "over the limit of 4194304 bytes", 1, 0, 0},
    {"rep_empty", 2, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"gsub_bomb", 3, "over the limit of 4194304 bytes", 1, 0, 0},
    {"pattern_bomb", 3, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"table_move", 2, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"table_insert_len", 3, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"recursion", 2, "memory cap of 67108864 bytes exceeded", 1, 0, 0}, /* before 1e6 slots */
    {"c_recursion", 2, "stack overflow", 0, 0, 0},
    {"syntax", 4, "unexpected symbol near '='", 0, 0, 0},
    {"at_type", 2, "bad argument #1 to 'at' (a time string expected (\"HH:MM\", \"YYYY-MM-DD HH:MM\" or \"+DURATION\"), got number)", 0, 0, 0},
    {"at_date", 2, "bad argument #1 to 'at' (bad time \"2022-02-30 10:00\"", 0, 0, 0},
    {"every_fn", 2, "bad argument #2 to 'every' (function expected, got string)", 0, 0, 0},
    {"sleep_main", 2, "sleep: only inside a function started by at, every or after", 0, 0, 0},
    {"yield_main", 2, "attempt to yield from outside a coroutine", 0, 0, 0},
    {"error_table", 2, "(error object is a table value)", 0, 0, 0},
    {"collectgarbage", 2, "only \"count\" is available", 0, 0, 0},
    {"randomseed", 2, "attempt to call a nil value (field 'randomseed')", 0, 0, 0},
    {"string_meta", 0, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"coroutine_many", 3, "instruction budget of 10000000 per call exhausted", 1, 0, 0},
    {"call_loop", 3, "no instruction ran for 1000 ms", 1, 0, 1},
    {"call_loop_retry", 3, "no instruction ran for 1000 ms", 1, 0, 1},
    {"call_loop_string", 3, "no instruction ran for 1000 ms", 1, 0, 1},
};

/* CPU seconds of this process since t0: the measure survives a loaded machine. */
static double cpu_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static double elapsed_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_hostile(void **state)
{
    const hostile *h = *state;
    char path[512], where[128];
    const char *err = NULL;
    struct timespec t0;
    sandbox_limits lim;
    sandbox *sb = NULL;
    sched *s = NULL;
    int rc = 0;
    sandbox_limits_default(&lim);
    if (!h->wall) lim.call_wall_ms = 0; /* the reason under test must not race the clock */
    sb = sandbox_new(&lim);
    assert_non_null(sb);
    assert_int_equal(sandbox_set_lib_dir(sb, HJ_LUA_TEST_DIR "/lib"), 0);
    s = sched_new(sb, START_MS, 0);
    assert_non_null(s);
    snprintf(path, sizeof path, "%s/hostile/%s.lua", HJ_LUA_TEST_DIR, h->name);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    rc = sandbox_dofile(sb, path, &err);
    print_message("  %s: %.3f s CPU, peak %zu bytes\n  %s\n", h->name, cpu_s(&t0),
                  sandbox_mem_peak(sb), err);
    assert_int_equal(rc, -1);
    assert_true(cpu_s(&t0) < (h->wall ? 6.0 : 3.0));
    /* on a loaded machine the wall clock may pass its 5 s before the CPU its 1 s */
    assert_true(strstr(err, h->expect) != NULL ||
                (h->wall && strstr(err, "wall-clock limit of 5000 ms per call exceeded") != NULL));
    if (h->line > 0) {
        snprintf(where, sizeof where, "%s.lua:%d:", h->name, h->line);
        assert_non_null(strstr(err, where));
    } else {
        snprintf(where, sizeof where, "%s.lua:", h->name);
        assert_non_null(strstr(err, where));
    }
    assert_int_equal(sandbox_alive(sb), !h->kills);
    if (h->kills) { /* dead: every later call fails clearly */
        const char *err2 = NULL;
        assert_int_equal(sandbox_dofile(sb, path, &err2), -1);
        assert_non_null(strstr(err2, "sandbox is dead: "));
        assert_null(sandbox_state(sb));
        assert_int_equal(sched_run_until(s, START_MS + 86400000, &err2), -1);
        assert_non_null(strstr(err2, "sandbox is dead"));
    }
    sched_free(s);
    sandbox_free(sb);
}

/* A binary file given as a scenario is refused at load, naming the file. */
static void test_binary_file(void **state)
{
    char path[] = "/tmp/hj-lua-binXXXXXX";
    static const char bin[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    int fd = mkstemp(path);
    FILE *f = NULL;
    (void)state;
    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    assert_non_null(f);
    fwrite(bin, 1, sizeof bin - 1, f);
    fclose(f);
    assert_int_equal(sandbox_dofile(sb, path, &err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "attempt to load a binary chunk (mode is 't')"));
    remove(path);
    sandbox_free(sb);
}

/* Wall clock as the second line: a huge instruction budget, a 300 ms watchdog. */
static void test_wall_clock(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    struct timespec t0;
    sandbox *sb = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.call_instr = UINT64_MAX;
    lim.total_instr = 0;
    lim.call_wall_ms = 300;
    sb = sandbox_new(&lim);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(sandbox_dofile(sb, HJ_LUA_TEST_DIR "/hostile/pcall_loop.lua", &err), -1);
    assert_true(elapsed_s(&t0) >= 0.3 && elapsed_s(&t0) < 5.0);
    assert_non_null(strstr(err, "wall-clock limit of 300 ms per call exceeded"));
    assert_non_null(strstr(err, "pcall_loop.lua:"));
    assert_false(sandbox_alive(sb));
    sandbox_free(sb);
}

/* A scheduled infinite loop stops the run with the virtual time, file:line, traceback. */
static void test_sched_loop(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    sched *s = sched_new(sb, START_MS, 0);
    (void)state;
    assert_int_equal(sandbox_dofile(sb, HJ_LUA_TEST_DIR "/scen/co_loop.lua", &err), 0);
    assert_int_equal(sched_run_until(s, START_MS + 86400000, &err), -1);
    assert_non_null(strstr(err, "[2022-02-08 01:00:00] "));
    assert_non_null(strstr(err, "co_loop.lua:3: instruction budget of 10000000 per call"));
    assert_non_null(strstr(err, "stack traceback:"));
    assert_false(sandbox_alive(sb));
    sched_free(s);
    sandbox_free(sb);
}

/* The total budget: each call is cheap, the sum is not. */
static void test_total_budget(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    sched *s = NULL;
    lua_State *L = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.total_instr = 2000000;
    sb = sandbox_new(&lim);
    s = sched_new(sb, START_MS, 0);
    L = sandbox_state(sb);
    assert_int_equal(luaL_loadstring(L, "every('1m', function() for i = 1, 10000 do end end)"),
                     LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), 0);
    assert_int_equal(sched_run_until(s, START_MS + 86400000, &err), -1);
    assert_non_null(strstr(err, "instruction budget of 2000000 for the run exhausted"));
    /* 10 000 iterations of an empty loop are ~10 000 instructions; a firing pays them in
     * hook periods (64, 128, 256, 512, then 1000: ~11 000) and 164 for the call and its
     * new thread: 180 firings fit */
    print_message("  stopped at minute %lld\n", (long long)((sched_now(s) - START_MS) / 60000));
    assert_true(sched_now(s) >= START_MS + 170 * 60000 && sched_now(s) <= START_MS + 190 * 60000);
    sched_free(s);
    sandbox_free(sb);
}

/* Coroutines cannot hide instructions: each new thread starts with a short prepaid hook
 * period, so 5000 coroutines of ~160 instructions a firing are charged (192 each), and
 * the run budget stops the every() in its 11th firing (uncharged, it ran all day). */
static void test_coroutine_run_budget(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    sched *s = NULL;
    lua_State *L = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.total_instr = 10000000;
    lim.call_wall_ms = 0;
    sb = sandbox_new(&lim);
    s = sched_new(sb, START_MS, 0);
    L = sandbox_state(sb);
    assert_int_equal(luaL_loadstring(L, "every('1h', function()\n"
                                        "  for i = 1, 5000 do\n"
                                        "    coroutine.wrap(function() for j = 1, 150 do end end)()\n"
                                        "  end\n"
                                        "end)"),
                     LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), 0);
    assert_int_equal(sched_run_until(s, START_MS + 86400000, &err), -1);
    print_message("  stopped at hour %lld: %s\n", (long long)((sched_now(s) - START_MS) / 3600000),
                  err);
    assert_non_null(strstr(err, "instruction budget of 10000000 for the run exhausted"));
    assert_true(sched_now(s) <= START_MS + 12 * 3600000);
    sched_free(s);
    sandbox_free(sb);
}

/* Timers cannot flood: every firing costs instructions even when the function is empty,
 * so 5000 every("1s") stop on the run budget within a minute of virtual time. */
static void test_timer_flood(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    sched *s = NULL;
    lua_State *L = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.total_instr = 20000000;
    lim.call_wall_ms = 0;
    sb = sandbox_new(&lim);
    s = sched_new(sb, START_MS, 0);
    L = sandbox_state(sb);
    assert_int_equal(luaL_loadstring(L, "for i = 1, 5000 do every('1s', function() end) end"),
                     LUA_OK);
    assert_int_equal(sandbox_pcall(sb, 0, 0, &err), 0);
    assert_int_equal(sched_run_until(s, START_MS + 3600000, &err), -1);
    print_message("  stopped at second %lld: %s\n", (long long)((sched_now(s) - START_MS) / 1000),
                  err);
    assert_non_null(strstr(err, "instruction budget of 20000000 for the run exhausted"));
    assert_true(sched_now(s) <= START_MS + 60000);
    sched_free(s);
    sandbox_free(sb);
}

int main(int argc, char **argv)
{
    enum { N = sizeof cases / sizeof cases[0] };
    struct CMUnitTest tests[N + 6];
    for (size_t i = 0; i < N; i++) {
        tests[i].name = cases[i].name;
        tests[i].test_func = test_hostile;
        tests[i].setup_func = NULL;
        tests[i].teardown_func = NULL;
        tests[i].initial_state = (void *)(uintptr_t)&cases[i];
    }
    tests[N] = (struct CMUnitTest)cmocka_unit_test(test_binary_file);
    tests[N + 1] = (struct CMUnitTest)cmocka_unit_test(test_wall_clock);
    tests[N + 2] = (struct CMUnitTest)cmocka_unit_test(test_sched_loop);
    tests[N + 3] = (struct CMUnitTest)cmocka_unit_test(test_total_budget);
    tests[N + 4] = (struct CMUnitTest)cmocka_unit_test(test_coroutine_run_budget);
    tests[N + 5] = (struct CMUnitTest)cmocka_unit_test(test_timer_flood);
    if (argc > 1) { /* a hostile file without a case must fail, not pass vacuously */
        int known = 0;
        for (size_t i = 0; i < N + 6; i++)
            known |= strcmp(tests[i].name, argv[1]) == 0;
        if (!known) {
            fprintf(stderr, "no test case named %s\n", argv[1]);
            return 1;
        }
        cmocka_set_test_filter(argv[1]);
    }
    return _cmocka_run_group_tests("hostile", tests, N + 6, NULL, NULL);
}
