/*
 * test_sandbox.c — what a scenario may do in the sandbox: logging, deterministic random
 * numbers, require from the library directory, text load, metatables, bindings, the
 * error format, the memory cap, and calls from C.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sandbox.h"

/* ---- helpers ---- */

typedef struct logbuf {
    int n;
    int64_t t[16];
    char line[16][256];
} logbuf;

static void log_cb(void *ud, int64_t t_ms, const char *text)
{
    logbuf *lb = ud;
    if (lb->n >= 16) return;
    lb->t[lb->n] = t_ms;
    snprintf(lb->line[lb->n], sizeof lb->line[0], "%s", text);
    lb->n++;
}

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double uniform_cb(void *ud)
{
    return (double)(splitmix(ud) >> 11) * 0x1.0p-53;
}

static double normal_cb(void *ud, double mu, double sigma)
{
    (void)ud;
    return mu + 0.5 * sigma;
}

/* Runs a string chunk named "@name"; 0 or -1 and *err. */
static int run(sandbox *sb, const char *name, const char *code, const char **err)
{
    lua_State *L = sandbox_state(sb);
    char chunk[128];
    snprintf(chunk, sizeof chunk, "@%s", name);
    if (luaL_loadbufferx(L, code, strlen(code), chunk, "t") != LUA_OK) {
        *err = lua_tostring(L, -1);
        return -1;
    }
    return sandbox_pcall(sb, 0, 0, err);
}

static int global_bool(sandbox *sb, const char *name)
{
    lua_State *L = sandbox_state(sb);
    int v = 0;
    lua_getglobal(L, name);
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

static double global_num(sandbox *sb, const char *name)
{
    lua_State *L = sandbox_state(sb);
    double v = 0;
    lua_getglobal(L, name);
    v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

/* ---- tests ---- */

static void test_limits_default(void **state)
{
    sandbox_limits lim;
    (void)state;
    sandbox_limits_default(&lim);
    assert_int_equal(lim.mem_bytes, 64u * 1024 * 1024);
    assert_int_equal(lim.string_bytes, 4u * 1024 * 1024);
    assert_int_equal(lim.call_instr, 10000000);
    assert_int_equal(lim.total_instr, 1000000000);
    assert_int_equal(lim.call_wall_ms, 5000);
    assert_int_equal(lim.hook_every, 1000);
    assert_int_equal(lim.output_bytes, 16u * 1024 * 1024);
    sandbox_free(NULL);
}

static void test_print_log_warn(void **state)
{
    logbuf lb;
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    (void)state;
    memset(&lb, 0, sizeof lb);
    sandbox_limits_default(&lim);
    lim.log_bytes = 16;
    sb = sandbox_new(&lim);
    sandbox_set_log(sb, log_cb, &lb);
    sandbox_set_time(sb, 1234);
    assert_int_equal(run(sb, "p.lua",
                         "print('a', 1, nil)\nlog('x =', 2.5)\nwarn('w', 'x')\n"
                         "log(string.rep('y', 100))\nlog(setmetatable({}, {__tostring = "
                         "function() return 'T' end}))",
                         &err),
                     0);
    assert_int_equal(lb.n, 5);
    assert_string_equal(lb.line[0], "a\t1\tnil");
    assert_string_equal(lb.line[1], "x = 2.5");
    assert_string_equal(lb.line[2], "warning: wx");
    assert_string_equal(lb.line[3], "yyyyyyyyyyyyyyyy"); /* cut at log_bytes */
    assert_string_equal(lb.line[4], "T");
    assert_int_equal(lb.t[0], 1234);
    sandbox_log(sb, "from C");
    assert_string_equal(lb.line[5], "from C");
    sandbox_free(sb);
}

static void test_rand_deterministic(void **state)
{
    const char *code = "r1, r2, r3, r4 = rand(), rand(), math.random(1, 6), rand_normal(10, 2)\n"
                       "r5 = math.random(3)\nr6 = math.random()";
    double expect[6];
    uint64_t seed = 7;
    (void)state;
    {
        double u1 = uniform_cb(&seed), u2 = uniform_cb(&seed), u3 = uniform_cb(&seed);
        double u4 = uniform_cb(&seed), u5 = uniform_cb(&seed), u6 = uniform_cb(&seed);
        expect[0] = u1;
        expect[1] = u2;
        expect[2] = 1 + floor(u3 * 6);
        expect[3] = 10 + 2 * sqrt(-2.0 * log(1.0 - u4)) * cos(2.0 * M_PI * u5);
        expect[4] = 1 + floor(u6 * 3);
        expect[5] = uniform_cb(&seed);
    }
    for (int round = 0; round < 2; round++) {
        const char *err = NULL;
        sandbox *sb = sandbox_new(NULL);
        seed = 7;
        sandbox_set_rng(sb, uniform_cb, NULL, &seed);
        assert_int_equal(run(sb, "r.lua", code, &err), 0);
        assert_true(global_num(sb, "r1") == expect[0]);
        assert_true(global_num(sb, "r2") == expect[1]);
        assert_true(global_num(sb, "r3") == expect[2]);
        assert_true(global_num(sb, "r4") == expect[3]);
        assert_true(global_num(sb, "r5") == expect[4]);
        assert_true(global_num(sb, "r6") == expect[5]);
        sandbox_free(sb);
    }
    { /* the owner's normal generator, when given, is used */
        const char *err = NULL;
        sandbox *sb = sandbox_new(NULL);
        sandbox_set_rng(sb, uniform_cb, normal_cb, &seed);
        assert_int_equal(run(sb, "r.lua", "n = rand_normal(10, 2)", &err), 0);
        assert_true(global_num(sb, "n") == 11.0);
        assert_int_equal(run(sb, "r.lua", "n = rand_normal(10, -1)", &err), -1);
        assert_non_null(strstr(err, "bad argument #2 to 'rand_normal'"));
        sandbox_free(sb);
    }
    { /* no RNG configured: a clear error */
        const char *err = NULL;
        sandbox *sb = sandbox_new(NULL);
        assert_int_equal(run(sb, "r.lua", "\nx = rand()", &err), -1);
        assert_non_null(strstr(err, "r.lua:2: rand: no random source configured"));
        sandbox_free(sb);
    }
}

static void test_require(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    (void)state;
    assert_int_equal(run(sb, "q.lua", "require 'mod_a'", &err), -1);
    assert_non_null(strstr(err, "module 'mod_a' not found")); /* no directory yet */
    assert_int_equal(sandbox_set_lib_dir(sb, HJ_LUA_TEST_DIR "/lib"), 0);
    assert_int_equal(run(sb, "q.lua",
                         "local a = require 'mod_a'\nlocal b = require 'mod_a'\n"
                         "same = rawequal(a, b)\nname = a.name\ntwice = a.twice(21)\n"
                         "nilmod = require 'nil_mod'",
                         &err),
                     0);
    assert_true(global_bool(sb, "same"));
    assert_true(global_num(sb, "loads") == 1); /* cached: the chunk ran once */
    assert_true(global_num(sb, "twice") == 42);
    assert_true(global_bool(sb, "nilmod"));
    assert_true(global_bool(sb, "nil_mod_ran"));
    {
        lua_State *L = sandbox_state(sb);
        lua_getglobal(L, "name");
        assert_string_equal(lua_tostring(L, -1), "mod_a");
        lua_pop(L, 1);
    }
    assert_int_equal(run(sb, "q.lua", "require 'mod_err'", &err), -1);
    /* raised inside the module: the scenario's line first, the module's on a second line */
    assert_non_null(strstr(err, "q.lua:1: module broke\n\t(inside lib/mod_err.lua:3)\n"));
    assert_null(strstr(err, HJ_LUA_TEST_DIR)); /* the module, not the machine's path */
    assert_non_null(strstr(err, "stack traceback:"));
    assert_non_null(strstr(err, "q.lua:1: in main chunk"));
    assert_int_equal(run(sb, "q.lua", "require 'mod_err'", &err), -1);
    assert_non_null(strstr(err, "q.lua:1: require: module 'mod_err' is being loaded or failed"));
    assert_int_equal(run(sb, "q.lua", "require 'mod_cycle'", &err), -1);
    assert_non_null(strstr(err, "module 'mod_cycle' is being loaded"));
    assert_int_equal(run(sb, "q.lua", "require 'missing'", &err), -1);
    assert_non_null(strstr(err, "q.lua:1: require: module 'missing' not found (no lib/missing.lua)"));
    assert_null(strstr(err, HJ_LUA_TEST_DIR));
    assert_int_equal(run(sb, "q.lua", "require 'mod_syntax'", &err), -1);
    assert_non_null(strstr(err, "q.lua:1: require: module 'mod_syntax': lib/mod_syntax.lua:2:"));
    assert_null(strstr(err, HJ_LUA_TEST_DIR));
    assert_int_equal(run(sb, "q.lua", "require 'mod_bom'", &err), -1); /* BOM, '#' line skipped */
    assert_non_null(strstr(err, "q.lua:1: line three\n\t(inside lib/mod_bom.lua:3)"));
    assert_int_equal(run(sb, "q.lua", "require 'mod.a'", &err), -1);
    assert_non_null(strstr(err, "bad module name \"mod.a\""));
    assert_int_equal(run(sb, "q.lua", "require(42)", &err), -1);
    assert_non_null(strstr(err, "bad argument #1 to 'require' (string expected, got number)"));
    assert_true(sandbox_alive(sb));
    sandbox_free(sb);
}

static void test_load_text(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    (void)state;
    assert_int_equal(run(sb, "l.lua",
                         "x = 7\na = load('return 1 + 1')()\nb = load('return x', 'c', 't', "
                         "{x = 5})()\nc = load('return x')()\n"
                         "local f, msg = load('return +')\nd = (f == nil) and msg\n"
                         "e = select(2, load('\\27Lua', 'bin', 'bt'))",
                         &err),
                     -1);
    assert_non_null(strstr(err, "l.lua:7: load: binary chunks are not allowed"));
    assert_true(global_num(sb, "a") == 2);
    assert_true(global_num(sb, "b") == 5);
    assert_true(global_num(sb, "c") == 7);
    {
        lua_State *L = sandbox_state(sb);
        lua_getglobal(L, "d");
        assert_non_null(strstr(lua_tostring(L, -1), "unexpected symbol"));
        lua_pop(L, 1);
    }
    sandbox_free(sb);
}

static void test_metatables(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    lua_State *L = NULL;
    (void)state;
    assert_int_equal(run(sb, "m.lua",
                         "local t = setmetatable({}, {__index = function(_, k) return k .. '!' "
                         "end})\nv = t.hi\nlocal p = setmetatable({}, {__metatable = 'locked'})\n"
                         "locked = not pcall(setmetatable, p, {})\n"
                         "local mt = {}\nlocal g = setmetatable({}, mt)\n"
                         "mt.__gc = function() gc_ran = true end\ng = nil\n"
                         "for i = 1, 20000 do local junk = {i} end\n"
                         "kb = collectgarbage('count')",
                         &err),
                     0);
    L = sandbox_state(sb);
    lua_gc(L, LUA_GCCOLLECT);
    lua_gc(L, LUA_GCCOLLECT);
    lua_getglobal(L, "v");
    assert_string_equal(lua_tostring(L, -1), "hi!");
    lua_pop(L, 1);
    assert_true(global_bool(sb, "locked"));
    assert_false(global_bool(sb, "gc_ran")); /* a __gc added later is never called */
    assert_true(global_num(sb, "kb") > 10 && global_num(sb, "kb") < 1024);
    sandbox_free(sb);
}

static void test_error_format(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    (void)state;
    assert_int_equal(run(sb, "scen/x.lua",
                         "local function inner() error('deep') end\n"
                         "local function outer() inner() end\nouter()",
                         &err),
                     -1);
    assert_memory_equal(err, "scen/x.lua:1: deep\nstack traceback:", 33);
    assert_non_null(strstr(err, "scen/x.lua:2: in "));
    assert_non_null(strstr(err, "scen/x.lua:3: in main chunk"));
    /* a name too long for Lua's chunk id keeps its tail */
    assert_int_equal(run(sb, "a/very/long/directory/name/that/goes/on/and/on/for/ever/scenario.lua",
                         "\nerror('x')", &err),
                     -1);
    assert_memory_equal(err, "...directory/name/that/goes/on/and/on/for/ever/scenario.lua:2: x\n",
                        64);
    assert_true(sandbox_alive(sb));
    sandbox_free(sb);
}

static int c_add(lua_State *L)
{
    lua_pushinteger(L, luaL_checkinteger(L, 1) + luaL_checkinteger(L, 2));
    return 1;
}

static int c_fail(lua_State *L)
{
    return luaL_error(L, "station: mn is required");
}

/* Calls its function argument back through the sandbox: nesting must stop cleanly. */
static int c_reenter(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_State *M = sandbox_state(sb);
    const char *err = NULL;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_xmove(L, M, 1);
    if (sandbox_pcall(sb, 0, 0, &err) < 0) return luaL_error(L, "%s", err);
    return 0;
}

static void test_bindings_and_calls(void **state)
{
    static const luaL_Reg lib[] = {{"add", c_add}, {"fail", c_fail}, {NULL, NULL}};
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    lua_State *L = sandbox_state(sb);
    (void)state;
    assert_ptr_equal(sandbox_from_state(L), sb);
    assert_int_equal(sandbox_register(sb, "add", c_add), 0);
    assert_int_equal(sandbox_register(sb, "reenter", c_reenter), 0);
    assert_int_equal(sandbox_register_lib(sb, "st", lib), 0);
    assert_int_equal(run(sb, "b.lua",
                         "sum = add(2, 3) + st.add(10, 20)\nfunction hello(a, b) greeted = true "
                         "return a + b, a * b end",
                         &err),
                     0);
    assert_true(global_num(sb, "sum") == 35);
    assert_int_equal(sandbox_call_global(sb, "hello", &err), -1); /* a + nil */
    assert_non_null(strstr(err, "attempt to perform arithmetic on a nil value (local 'a')"));
    assert_int_equal(sandbox_call_global(sb, "nope", &err), -1);
    assert_string_equal(err, "global 'nope' is not a function");
    lua_getglobal(L, "hello");
    lua_pushinteger(L, 3);
    lua_pushinteger(L, 4);
    assert_int_equal(sandbox_pcall(sb, 2, LUA_MULTRET, &err), 0);
    assert_int_equal(lua_gettop(L), 2);
    assert_int_equal(lua_tointeger(L, 1), 7);
    assert_int_equal(lua_tointeger(L, 2), 12);
    lua_settop(L, 0);
    lua_getglobal(L, "hello");
    lua_pushinteger(L, 3);
    lua_pushinteger(L, 4);
    assert_int_equal(sandbox_pcall(sb, 2, 3, &err), 0);
    assert_int_equal(lua_gettop(L), 3);
    assert_int_equal(lua_tointeger(L, 1), 7);
    assert_true(lua_isnil(L, 3));
    lua_settop(L, 0);
    assert_int_equal(run(sb, "b.lua", "\n\nst.fail()", &err), -1);
    assert_non_null(strstr(err, "b.lua:3: station: mn is required"));
    assert_int_equal(lua_gettop(L), 0); /* nothing left behind on error */
    assert_int_equal(run(sb, "b.lua", "local function f() reenter(f) end\nf()", &err), -1);
    assert_non_null(strstr(err, "nested too deeply"));
    assert_true(sandbox_alive(sb));
    sandbox_free(sb);
}

static void test_memory_cap(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.mem_bytes = 2 * 1024 * 1024;
    sb = sandbox_new(&lim);
    assert_int_equal(run(sb, "mem.lua", "local t = {}\nfor i = 1, 1e7 do t[i] = {i} end", &err),
                     -1);
    print_message("  %s\n  peak %zu bytes\n", err, sandbox_mem_peak(sb));
    assert_non_null(strstr(err, "mem.lua:2: memory cap of 2097152 bytes exceeded"));
    assert_true(sandbox_mem_peak(sb) <= 3 * 1024 * 1024); /* cap + 1 MiB reserve */
    assert_false(sandbox_alive(sb));
    assert_null(sandbox_state(sb)); /* the state is closed */
    assert_int_equal(sandbox_call_global(sb, "print", &err), -1);
    assert_string_equal(err, "sandbox is dead: memory cap of 2097152 bytes exceeded");
    sandbox_free(sb);
}

/* Lua's own limits give clean errors: the Lua stack (1e6 slots, reached when the heap
 * cap is large enough) and the C stack (200 nested C calls). */
static void test_stack_limits(void **state)
{
    sandbox_limits lim;
    const char *err = NULL;
    sandbox *sb = NULL;
    (void)state;
    sandbox_limits_default(&lim);
    lim.mem_bytes = (size_t)512 * 1024 * 1024;
    lim.call_wall_ms = 0; /* the instruction and stack limits, not a loaded machine, decide */
    sb = sandbox_new(&lim);
    assert_int_equal(run(sb, "deep.lua", "local function f() return 1 + f() end\nf()", &err), -1);
    assert_memory_equal(err, "deep.lua:1: stack overflow", 26);
    assert_true(sandbox_alive(sb)); /* an ordinary error: the script could have caught it */
    assert_int_equal(run(sb, "deep.lua",
                         "local t = setmetatable({}, {__index = function(t, k) return t[k] end})"
                         "\nlocal ok, msg = pcall(function() return t.x end)\nerror(msg, 0)",
                         &err),
                     -1);
    assert_non_null(strstr(err, "stack overflow"));
    assert_int_equal(run(sb, "deep.lua", "x = 1", &err), 0);
    sandbox_free(sb);
}

static void test_charged_functions_still_work(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    lua_State *L = NULL;
    (void)state;
    assert_int_equal(run(sb, "s.lua",
                         "local r = {}\n"
                         "r[#r+1] = (('a,b,c'):gsub(',', ';'))\n"
                         "r[#r+1] = string.rep('ab', 3, '-')\n"
                         "r[#r+1] = tostring(('x.y'):find('.', 1, true))\n"
                         "r[#r+1] = ('2022-02-08 10:05'):match('^(%d+)%-(%d+)%-(%d+)')\n"
                         "local t = {}\nfor i = 1, 1000 do t[i] = (i * 7919) % 1000 end\n"
                         "table.sort(t)\nr[#r+1] = tostring(t[1]) .. '..' .. tostring(t[1000])\n"
                         "table.insert(t, 1, -1)\nr[#r+1] = tostring(table.remove(t, 1))\n"
                         "r[#r+1] = table.concat({table.unpack({1, 2, 3})}, '+')\n"
                         "r[#r+1] = tostring(utf8.len('污染源'))\n"
                         "for w in ('a b c'):gmatch('%a') do r[#r+1] = w end\n"
                         "out = table.concat(r, '|')",
                         &err),
                     0);
    L = sandbox_state(sb);
    lua_getglobal(L, "out");
    assert_string_equal(lua_tostring(L, -1), "a;b;c|ab-ab-ab|2|2022|0..999|-1|1+2+3|3|a|b|c");
    lua_pop(L, 1);
    assert_true(sandbox_instr_total(sb) > 0);
    sandbox_free(sb);
}

/* Figures for the report: instructions per second with the hook on. */
static void test_hook_speed(void **state)
{
    const char *err = NULL;
    sandbox *sb = sandbox_new(NULL);
    struct timespec t0, t1;
    double s = 0;
    (void)state;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(run(sb, "speed.lua", "local n = 0\nfor i = 1, 2000000 do n = n + i end", &err),
                     0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("  2e6 loop iterations: %llu instructions counted, %.3f s\n",
                  (unsigned long long)sandbox_instr_total(sb), s);
    assert_true(sandbox_instr_total(sb) >= 3000000 && sandbox_instr_total(sb) <= 5000000);
    sandbox_free(sb);
}

/* Calls its function argument through the sandbox and ignores the result. */
static int c_swallow(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    const char *err = NULL;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_xmove(L, sandbox_state(sb), 1);
    (void)sandbox_pcall(sb, 0, 0, &err);
    return 0;
}

/* A kill ends the call whatever catches errors on the way: pcall, xpcall, coroutine.resume,
 * the function coroutine.wrap returns, coroutine.close, load's reader, a binding that
 * ignores a failed sandbox_pcall. Nothing of the script runs after it (the log stays
 * empty) and the call fails naming the line that was running when the budget ran out. */
static void test_kill_not_caught(void **state)
{
    static const struct {
        const char *code;
        int line;
    } cases[] = {
        {"pcall(coroutine.wrap(function()\n  while true do end end))\nlog('after')", 2},
        {"print(coroutine.resume(coroutine.create(function()\n  while true do end end)))\n"
         "log('after')",
         2},
        {"print(xpcall(coroutine.wrap(function()\n  while true do end end),\n"
         "  function(m) log('handler') return m end))\nlog('after')",
         2},
        {"pcall(coroutine.wrap(function()\n"
         "  coroutine.resume(coroutine.create(function()\n"
         "    pcall(coroutine.wrap(function()\n"
         "      while true do end end))\n"
         "    log('inner') end))\n"
         "  log('middle') end))\n"
         "log('after')",
         4},
        {"local co = coroutine.create(function()\n"
         "  local x <close> = setmetatable({}, {__close = function()\n"
         "    while true do end end})\n"
         "  coroutine.yield() end)\n"
         "coroutine.resume(co)\nprint(coroutine.close(co))\nlog('after')",
         3},
        {"print(load(function()\n  while true do end end))\nlog('after')", 2},
        /* the caller used to run on for up to hook_every instructions */
        {"pcall(coroutine.wrap(function()\n  while true do end end))\nfor i = 1, 100 do log(i) end",
         2},
        {"for i = 1, 3 do\n  pcall(coroutine.wrap(function()\n  while true do end end))\nend\n"
         "log('after')",
         3},
        {"swallow(function()\n  while true do end end)\nlog('after')", 2},
        /* a kill inside sleep-able code: pcall inside a coroutine that yields */
        {"local co = coroutine.wrap(function()\n  pcall(function() coroutine.yield()\n"
         "    while true do end end) log('inner') end)\nco()\nco()\nlog('after')",
         3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        logbuf lb;
        sandbox_limits lim;
        const char *err = NULL;
        char where[32];
        sandbox *sb = NULL;
        int rc = 0;
        memset(&lb, 0, sizeof lb);
        sandbox_limits_default(&lim);
        lim.call_instr = 1000000;
        lim.call_wall_ms = 0;
        sb = sandbox_new(&lim);
        sandbox_set_log(sb, log_cb, &lb);
        assert_int_equal(sandbox_register(sb, "swallow", c_swallow), 0);
        rc = run(sb, "k.lua", cases[i].code, &err);
        print_message("  case %zu: rc %d, %d log lines, %.80s\n", i, rc, lb.n, err ? err : "");
        assert_int_equal(rc, -1);
        assert_non_null(strstr(err, "instruction budget of 1000000 per call exhausted"));
        snprintf(where, sizeof where, "k.lua:%d:", cases[i].line);
        assert_non_null(strstr(err, where));
        assert_int_equal(lb.n, 0);
        assert_false(sandbox_alive(sb));
        sandbox_free(sb);
    }
}

/* Counts what reaches the log. */
static void count_cb(void *ud, int64_t t_ms, const char *text)
{
    size_t *n = ud;
    (void)t_ms;
    *n += strlen(text) + 1;
}

/* print/log/warn stop at the output cap (16 MiB by default, each line counted with 32
 * bytes for its time stamp): a kill naming the line, and nothing past the cap. */
static void test_output_cap(void **state)
{
    static const char *const codes[] = {
        "local s = string.rep('x', 4000)\nwhile true do print(s) end",
        "\nwhile true do log() end",
        "\nfor i = 1, 1e9 do warn(i) end",
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        size_t bytes = 0;
        const char *err = NULL;
        sandbox *sb = sandbox_new(NULL);
        sandbox_set_log(sb, count_cb, &bytes);
        assert_int_equal(run(sb, "flood.lua", codes[i], &err), -1);
        print_message("  %zu bytes logged: %.100s\n", bytes, err);
        assert_non_null(strstr(err, "flood.lua:2: output cap of 16777216 bytes exceeded"));
        assert_true(bytes <= 16u * 1024 * 1024);
        assert_false(sandbox_alive(sb));
        sandbox_free(sb);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits_default),
        cmocka_unit_test(test_print_log_warn),
        cmocka_unit_test(test_rand_deterministic),
        cmocka_unit_test(test_require),
        cmocka_unit_test(test_load_text),
        cmocka_unit_test(test_metatables),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_bindings_and_calls),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_stack_limits),
        cmocka_unit_test(test_charged_functions_still_work),
        cmocka_unit_test(test_hook_speed),
        cmocka_unit_test(test_kill_not_caught),
        cmocka_unit_test(test_output_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
