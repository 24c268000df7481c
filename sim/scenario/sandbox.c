/*
 * sandbox.c — the Lua 5.4 state that runs untrusted scenarios. See sandbox.h for the
 * contract and docs/sandbox.md for what a scenario may do.
 *
 * Three guards work together: the counting allocator (memory), the count hook
 * (instructions, wall clock) and charge() in front of C library functions whose work
 * grows with their arguments (which the hook cannot see). Any of them kills the sandbox;
 * the state is closed when the outermost call into Lua returns.
 */
#include "sandbox.h"

#include "scmsg.h"

#include <lualib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SB_ERR_MAX       8192          /* longest error message kept, traceback included */
#define SB_REASON_MAX    256           /* kill reason */
#define SB_RESERVE_BYTES (1024 * 1024) /* heap allowed over the cap once killed: error text */
#define SB_MAX_DEPTH     8             /* nested calls into Lua (binding -> callback -> ...) */
#define SB_MODNAME_MAX   64
#define SB_PATH_MAX      4096
#define SB_STR_OVERHEAD  64 /* TString header, over string_bytes */
#define SB_FIRST_PERIOD  64  /* count-hook period a new thread starts with, paid in advance */
#define SB_CALL_COST     100 /* a call into Lua from C: the thread, the resume, the results */
#define SB_BIG_ALLOC     (64 * 1024) /* allocations from this size check the clock */
#define SB_STALL_MS      1000 /* CPU time without a charge while allocating (big_alloc_ok) */
#define SB_LINE_OVERHEAD 32   /* output bytes a log line counts over its text: stamp, newline */
#define SB_ORIGIN_MAX    (LUA_IDSIZE + 32)

static const char sb_loaded_key = 'L'; /* registry[&key] = modules loaded by require */
static char sb_loading = 'l';          /* sentinel while a module's chunk runs */

struct sandbox {
    lua_State *L; /* NULL once closed */
    sandbox_limits lim;
    size_t mem_used, mem_peak;
    int depth;      /* calls into Lua in progress */
    lua_State *cur; /* innermost coroutine we resumed: 'from' for nested calls */
    int uncapped;   /* > 0: sandbox's own bookkeeping, not charged to the cap */
    int killed;
    char reason[SB_REASON_MAX];
    char kill_where[LUA_IDSIZE + 32]; /* "file:line: " where the kill was first raised */
    uint64_t call_used, total_used;
    uint64_t call_start_ms;
    int stall_armed;       /* a large allocation since instructions were last charged */
    uint64_t stall_cpu_ms; /* the thread's CPU time at that allocation */
    int64_t now_ms;
    uint64_t out_bytes; /* counted against lim.output_bytes */
    sandbox_log_fn log_fn;
    void *log_ud;
    sandbox_uniform_fn uniform;
    sandbox_normal_fn normal;
    void *rng_ud;
    char *lib_dir;
    uint32_t nmodules;
    char main_src[SB_PATH_MAX + 2]; /* "@path" of the scenario file: never a library */
    char origin[SB_ORIGIN_MAX];     /* the running task's scenario line, "" when none */
    char err[SB_ERR_MAX];
};

void sandbox_limits_default(sandbox_limits *lim)
{
    lim->mem_bytes = (size_t)64 * 1024 * 1024;
    lim->string_bytes = (size_t)4 * 1024 * 1024;
    lim->call_instr = 10000000;
    lim->total_instr = 1000000000;
    lim->call_wall_ms = 5000;
    lim->hook_every = 1000;
    lim->log_bytes = 4096;
    lim->max_modules = 64;
    lim->output_bytes = (size_t)16 * 1024 * 1024;
}

static uint64_t mono_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* CPU time of the calling thread: unlike the wall clock, not stretched by a loaded machine. */
static uint64_t cpu_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

#if defined(__GNUC__)
#define SB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SB_PRINTF(f, a)
#endif

/* Marks the sandbox killed; the first reason wins (a scmsg text, one number). */
static void sb_kill(sandbox *sb, i18n_msg why, double a, double b)
{
    char x[SCMSG_NUM], y[SCMSG_NUM];
    if (sb->killed) return;
    sb->killed = 1;
    snprintf(x, sizeof x, "%.0f", a);
    snprintf(y, sizeof y, "%.0f", b);
    SCMSG(sb->reason, sizeof sb->reason, why, x, y);
}

/* ---- memory ---- */

/* A loop inside the Lua core runs no VM instruction, so the count hook never sees it: a
 * __call chain of non-functions (t's __call is t itself) makes luaD_precall shift its
 * growing argument list one slot a step, O(n^2), until the stack's 1e6 slots. What such
 * a loop does do is grow the stack, and large allocations are rare: they check the per-call
 * wall clock, and the CPU time spent since the first of them after instructions were last
 * charged. Between two charges runs bounded C work (a charged library call, a GC step,
 * parsing), far below SB_STALL_MS. Once killed, large allocations are refused at once, so
 * a pcall retry cannot loop again. 0 = refuse. */
static int big_alloc_ok(sandbox *sb)
{
    uint64_t cpu = 0;
    if (sb->killed) return 0;
    if (sb->lim.call_wall_ms != 0 && mono_ms() - sb->call_start_ms > sb->lim.call_wall_ms) {
        sb_kill(sb, MSG_SC_KILL_WALL, (double)sb->lim.call_wall_ms, 0);
        return 0;
    }
    cpu = cpu_ms();
    if (!sb->stall_armed) {
        sb->stall_armed = 1;
        sb->stall_cpu_ms = cpu;
    } else if (cpu - sb->stall_cpu_ms > SB_STALL_MS) {
        sb_kill(sb, MSG_SC_KILL_STALL, SB_STALL_MS, 0);
    }
    return !sb->killed;
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sandbox *sb = ud;
    size_t old = ptr != NULL ? osize : 0; /* with ptr NULL, osize is an object kind */
    void *p = NULL;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (sb->depth > 0 && sb->uncapped == 0 && nsize > old) {
        size_t cap = sb->lim.mem_bytes + (sb->killed ? SB_RESERVE_BYTES : 0);
        size_t room = sb->mem_used < cap ? cap - sb->mem_used : 0;
        if (nsize >= SB_BIG_ALLOC && !big_alloc_ok(sb)) return NULL;
        if (ptr == NULL && osize == LUA_TSTRING && nsize > sb->lim.string_bytes + SB_STR_OVERHEAD) {
            sb_kill(sb, MSG_SC_KILL_STRING, (double)nsize, (double)sb->lim.string_bytes);
            return NULL;
        }
        if (nsize - old > room) {
            sb_kill(sb, MSG_SC_KILL_MEMORY, (double)sb->lim.mem_bytes, 0);
            return NULL;
        }
    }
    p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    sb->mem_used = sb->mem_used - old + nsize;
    if (sb->mem_used > sb->mem_peak) sb->mem_peak = sb->mem_used;
    return p;
}

sandbox *sandbox_from_state(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

/* ---- instructions and wall clock ---- */

static void sb_hook(lua_State *L, lua_Debug *ar);

/* "file:line: " of the innermost Lua frame of co from level on, or "". */
static void where_of(lua_State *co, int level, char *buf, size_t n)
{
    lua_Debug ar;
    buf[0] = '\0';
    for (; lua_getstack(co, level, &ar); level++) {
        lua_getinfo(co, "Sl", &ar);
        if (ar.currentline > 0) {
            snprintf(buf, n, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
}

/* ---- the scenario's own lines (sandbox.h) ---- */

/* A chunk of a library module: "@lib/NAME.lua" as require names them, unless it is the
 * scenario file itself (run as lib/x.lua from its parent folder). */
static int is_lib_source(const sandbox *sb, const char *source)
{
    return source != NULL && strncmp(source, "@lib/", 5) == 0 && strcmp(source, sb->main_src) != 0;
}

/* The innermost Lua frame of L from level on whose chunk is (lib 1) or is not (lib 0) a
 * library's: "file:line:" into buf, or "". */
static void frame_where(lua_State *L, int level, int lib, char *buf, size_t n)
{
    sandbox *sb = sandbox_from_state(L);
    lua_Debug ar;
    buf[0] = '\0';
    for (; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline <= 0) continue;
        if (is_lib_source(sb, ar.source) == lib) {
            snprintf(buf, n, "%s:%d:", ar.short_src, ar.currentline);
            return;
        }
        if (lib) return; /* the innermost Lua frame is the scenario's */
    }
}

void sandbox_user_where(lua_State *L, char *buf, size_t n)
{
    frame_where(L, 0, 0, buf, n);
    if (buf[0] == '\0') snprintf(buf, n, "%s", sandbox_from_state(L)->origin);
}

void sandbox_lib_where(lua_State *L, char *buf, size_t n)
{
    frame_where(L, 0, 1, buf, n);
}

void sandbox_set_origin(sandbox *sb, const char *origin)
{
    snprintf(sb->origin, sizeof sb->origin, "%s", origin ? origin : "");
}

const char *sandbox_origin(const sandbox *sb)
{
    return sb->origin;
}

/* Length of a position "lib/NAME.lua:LINE: " at p, 0 when p does not start with one. */
static size_t lib_pos_len(const char *p)
{
    const char *q = p;
    if (strncmp(q, "lib/", 4) != 0) return 0;
    q += 4;
    while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
           *q == '_')
        q++;
    if (strncmp(q, ".lua:", 5) != 0) return 0;
    q += 5;
    if (*q < '0' || *q > '9') return 0;
    while (*q >= '0' && *q <= '9')
        q++;
    return q[0] == ':' && q[1] == ' ' ? (size_t)(q + 2 - p) : 0;
}

/* Pushes msg with a library position at its start moved to a second line and the
 * scenario's own line put first: "lib/fraud.lua:559: text" (co's innermost scenario
 * frame, else the task's origin, names the line) or "x.lua:5: lib/fraud.lua:559: text"
 * (a library that raised again at its caller's line). Otherwise msg as it is. */
static void push_user_message(sandbox *sb, lua_State *L, lua_State *co, const char *msg)
{
    char user[SB_ORIGIN_MAX] = "", lib[SB_ORIGIN_MAX], in[SB_ORIGIN_MAX + 64];
    const char *rest = NULL;
    size_t k = lib_pos_len(msg), lm = strlen(sb->main_src + 1);
    if (k > 0 && lm > 0 && strncmp(msg, sb->main_src + 1, lm) == 0 && msg[lm] == ':')
        k = 0; /* the scenario file itself is named lib/x.lua */
    if (k > 0) {
        frame_where(co, 0, 0, user, sizeof user);
        if (user[0] == '\0') snprintf(user, sizeof user, "%s", sb->origin);
        rest = msg + k;
    } else { /* "x.lua:5: lib/..." */
        const char *c = strstr(msg, ": lib/");
        if (c && (k = lib_pos_len(c + 2)) > 0 && (size_t)(c - msg) < sizeof user - 1) {
            const char *d = c;
            while (d > msg && d[-1] >= '0' && d[-1] <= '9')
                d--;
            if (d < c && d > msg && d[-1] == ':') {
                snprintf(user, sizeof user, "%.*s:", (int)(c - msg), msg);
                rest = c + 2 + k;
                msg = c + 2;
            }
        }
    }
    if (user[0] == '\0' || rest == NULL) {
        lua_pushstring(L, msg);
        return;
    }
    snprintf(lib, sizeof lib, "%.*s", (int)k - 2, msg); /* without ": " */
    SCMSG(in, sizeof in, MSG_SC_INSIDE_LIB, lib);
    lua_pushfstring(L, "%s %s\n\t%s", user, rest, in);
}

/* Raises the kill on L: "file:line: reason", the line where it was first raised (level
 * 0 in a hook, which adds no frame; 1 in a C function), the same text every time after,
 * whichever thread raises it. L's hook re-arms to fire on every instruction. */
static int raise_killed(lua_State *L, sandbox *sb, int level)
{
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
    if (sb->kill_where[0] == '\0') where_of(L, level, sb->kill_where, sizeof sb->kill_where);
    lua_pushfstring(L, "%s%s", sb->kill_where, sb->reason);
    return lua_error(L);
}

/* Adds cost to the budgets; kills when one is spent or the wall clock ran out. */
static void account(sandbox *sb, uint64_t cost)
{
    uint64_t now = 0;
    if (sb->killed) return;
    sb->stall_armed = 0;
    now = mono_ms();
    sb->call_used = cost > UINT64_MAX - sb->call_used ? UINT64_MAX : sb->call_used + cost;
    sb->total_used = cost > UINT64_MAX - sb->total_used ? UINT64_MAX : sb->total_used + cost;
    if (sb->call_used > sb->lim.call_instr)
        sb_kill(sb, MSG_SC_KILL_CALL_BUDGET, (double)sb->lim.call_instr, 0);
    else if (sb->lim.total_instr != 0 && sb->total_used > sb->lim.total_instr)
        sb_kill(sb, MSG_SC_KILL_RUN_BUDGET, (double)sb->lim.total_instr, 0);
    else if (sb->lim.call_wall_ms != 0 && now - sb->call_start_ms > sb->lim.call_wall_ms)
        sb_kill(sb, MSG_SC_KILL_WALL, (double)sb->lim.call_wall_ms, 0);
}

/* The count hook. The period that just ran was paid when it was set; pay the next one in
 * advance, doubling from the thread's first period up to hook_every. Paying in advance
 * charges every instruction of every thread (over by at most the unused rest of the last
 * period); charging afterwards would miss the tail of each thread, which for short
 * coroutines is all of it. */
static void sb_hook(lua_State *L, lua_Debug *ar)
{
    sandbox *sb = sandbox_from_state(L);
    (void)ar;
    if (!sb->killed) {
        int period = lua_gethookcount(L);
        int next = period > (int)sb->lim.hook_every / 2 ? (int)sb->lim.hook_every : 2 * period;
        account(sb, (uint64_t)next);
        if (!sb->killed && next != period) lua_sethook(L, sb_hook, LUA_MASKCOUNT, next);
    }
    if (sb->killed) raise_killed(L, sb, 0);
}

/* Arms a new thread's count hook (a new thread copies its creator's period but starts
 * its count afresh) with a short first period, paid now together with cost. */
static void start_thread(sandbox *sb, lua_State *co, uint64_t cost)
{
    int p = sb->lim.hook_every < SB_FIRST_PERIOD ? (int)sb->lim.hook_every : SB_FIRST_PERIOD;
    lua_sethook(co, sb_hook, LUA_MASKCOUNT, p);
    account(sb, (uint64_t)p + cost);
}

/* Charges a C library function's worst-case work before it runs (cost in instructions). */
static void charge(lua_State *L, double cost)
{
    sandbox *sb = sandbox_from_state(L);
    account(sb, cost >= 1.8e19 ? UINT64_MAX : (uint64_t)cost);
    if (sb->killed) raise_killed(L, sb, 1);
}

/* ---- charged wrappers around library functions ---- */

enum cost_kind {
    COST_BYTES,   /* linear in the bytes of the string arguments */
    COST_REP,     /* string.rep: result size and iterations */
    COST_FIND,    /* pattern functions: worst case of backtracking */
    COST_TLEN,    /* table.insert/remove with a position: #t moves */
    COST_RANGE23, /* table.move, table.unpack: elements in [arg2, arg3] */
    COST_CONCAT,  /* table.concat: elements in [i, j] */
    COST_SORT,    /* table.sort: n log n */
};

static double str_bytes(lua_State *L)
{
    double n = 0;
    int top = lua_gettop(L);
    for (int i = 1; i <= top; i++)
        if (lua_type(L, i) == LUA_TSTRING) n += (double)lua_rawlen(L, i);
    return n;
}

/* Index just past the pattern item starting at p[i] (as lstrlib's classEnd). */
static size_t pat_item_end(const char *p, size_t lp, size_t i)
{
    if (p[i] == '%') return i + 2 <= lp ? i + 2 : lp;
    if (p[i] == '[') {
        i++;
        if (i < lp && p[i] == '^') i++;
        do {
            if (i >= lp) return lp;
            if (p[i] == '%') i++;
            i++;
        } while (i < lp && p[i] != ']');
        return i < lp ? i + 1 : lp;
    }
    return i + 1;
}

/* Worst case of Lua's backtracking matcher: every start position times (n+1) per
 * quantified item ('*', '+', '-'), and per %b. */
static double pattern_cost(const char *p, size_t lp, size_t ls)
{
    double n1 = (double)ls + 1.0;
    double cost = 1.0;
    size_t i = 0;
    int anchored = lp > 0 && p[0] == '^';
    if (anchored) i = 1;
    while (i < lp) {
        int single = 1;
        if (p[i] == '(' || p[i] == ')') {
            i++;
            single = 0;
        } else if (p[i] == '%' && i + 1 < lp && p[i + 1] == 'b') {
            i += 4;
            cost *= n1;
            single = 0;
        } else if (p[i] == '%' && i + 1 < lp && p[i + 1] == 'f') {
            i += 2;
            if (i < lp) i = pat_item_end(p, lp, i);
            single = 0;
        } else {
            i = pat_item_end(p, lp, i);
        }
        if (single && i < lp && (p[i] == '*' || p[i] == '+' || p[i] == '-')) {
            cost *= n1;
            i++;
        } else if (single && i < lp && p[i] == '?') {
            cost *= 2;
            i++;
        }
        if (cost > 1e30) break;
    }
    return (anchored ? 1.0 : n1) * cost;
}

static double range_len(lua_State *L, int a, int b, lua_Integer dflt_b)
{
    int ok1 = 0, ok2 = 0;
    lua_Integer i = lua_isnoneornil(L, a) ? (ok1 = 1, 1) : lua_tointegerx(L, a, &ok1);
    lua_Integer j = lua_isnoneornil(L, b) ? (ok2 = 1, dflt_b) : lua_tointegerx(L, b, &ok2);
    if (!ok1 || !ok2 || j < i) return 0;
    return (double)j - (double)i + 1.0;
}

static lua_Integer table_len(lua_State *L)
{
    return lua_type(L, 1) == LUA_TTABLE ? luaL_len(L, 1) : 0;
}

static int sb_charged(lua_State *L)
{
    lua_CFunction orig = lua_tocfunction(L, lua_upvalueindex(1));
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    double cost = 1.0 + str_bytes(L) / 8.0;
    switch (kind) {
    case COST_REP: {
        size_t l = 0, ls = 0;
        lua_Integer n = lua_tointeger(L, 2);
        double total = 0;
        if (lua_type(L, 1) == LUA_TSTRING) l = lua_rawlen(L, 1);
        if (lua_type(L, 3) == LUA_TSTRING) ls = lua_rawlen(L, 3);
        if (n > 0) {
            total = (double)n * (double)(l + ls);
            if (total > (double)sandbox_from_state(L)->lim.string_bytes) {
                sandbox *sb = sandbox_from_state(L);
                sb_kill(sb, MSG_SC_KILL_STRING, total, (double)sb->lim.string_bytes);
                raise_killed(L, sb, 1);
            }
            cost += (double)n / 4.0 + total / 16.0; /* a loop of memcpy */
        }
        break;
    }
    case COST_FIND:
        if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING &&
            !(lua_toboolean(L, lua_upvalueindex(3)) && lua_toboolean(L, 4))) {
            size_t lp = 0;
            const char *p = lua_tolstring(L, 2, &lp);
            cost += pattern_cost(p, lp, lua_rawlen(L, 1)) / 8.0;
        }
        break;
    case COST_TLEN:
        if (lua_gettop(L) >= 3) cost += (double)table_len(L);
        break;
    case COST_RANGE23:
        if (lua_isnoneornil(L, 3) && lua_type(L, 1) == LUA_TTABLE)
            cost += range_len(L, 2, 3, table_len(L));
        else
            cost += range_len(L, 2, 3, 0);
        break;
    case COST_CONCAT:
        cost += range_len(L, 3, 4, lua_isnoneornil(L, 4) ? table_len(L) : 0);
        break;
    case COST_SORT: {
        double n = (double)table_len(L);
        cost += n > 1 ? n * log2(n) : 0;
        break;
    }
    default:
        break;
    }
    charge(L, cost);
    return orig(L); /* same frame: argument errors keep naming the function */
}

typedef struct wrap_spec {
    const char *name;
    int kind;
} wrap_spec;

/* Replaces lib[name] by a charged closure over the original C function. The
 * original functions must not use upvalues (true of Lua 5.4's string/table/utf8). */
static void wrap_lib(lua_State *L, const char *lib, const wrap_spec *w)
{
    lua_getglobal(L, lib);
    for (; w->name != NULL; w++) {
        lua_CFunction f = NULL;
        lua_getfield(L, -1, w->name);
        f = lua_tocfunction(L, -1);
        lua_pop(L, 1);
        if (f == NULL) continue;
        lua_pushcfunction(L, f);
        lua_pushinteger(L, w->kind);
        lua_pushboolean(L, strcmp(w->name, "find") == 0); /* only find has 'plain' */
        lua_pushcclosure(L, sb_charged, 3);
        lua_setfield(L, -2, w->name);
    }
    lua_pop(L, 1);
}

static const wrap_spec wrap_string[] = {{"byte", COST_BYTES},
                                        {"char", COST_BYTES},
                                        {"find", COST_FIND},
                                        {"format", COST_BYTES},
                                        {"gmatch", COST_FIND},
                                        {"gsub", COST_FIND},
                                        {"len", COST_BYTES},
                                        {"lower", COST_BYTES},
                                        {"match", COST_FIND},
                                        {"pack", COST_BYTES},
                                        {"rep", COST_REP},
                                        {"reverse", COST_BYTES},
                                        {"sub", COST_BYTES},
                                        {"unpack", COST_BYTES},
                                        {"upper", COST_BYTES},
                                        {"packsize", COST_BYTES},
                                        {NULL, 0}};
static const wrap_spec wrap_table[] = {{"concat", COST_CONCAT},
                                       {"insert", COST_TLEN},
                                       {"remove", COST_TLEN},
                                       {"move", COST_RANGE23},
                                       {"sort", COST_SORT},
                                       {"unpack", COST_RANGE23},
                                       {NULL, 0}};
static const wrap_spec wrap_utf8[] = {{"char", COST_BYTES},  {"codepoint", COST_BYTES},
                                      {"len", COST_BYTES},   {"offset", COST_BYTES},
                                      {"codes", COST_BYTES}, {NULL, 0}};

/* ---- base library replacements ---- */

static int l_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        /* Lua marks an object for finalisation only if its metatable has __gc when
         * set, so refusing it here is enough: a __gc added later is never called. */
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return scmsg_error0(L, MSG_SC_NO_GC);
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* A load() reader around the script's one: parsing is C work, charged by the byte. */
static int load_reader(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_call(L, 0, 1);
    if (lua_type(L, -1) == LUA_TSTRING) charge(L, 1.0 + (double)lua_rawlen(L, -1));
    return 1;
}

static int l_load(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_CFunction orig = lua_tocfunction(L, lua_upvalueindex(1));
    int n = 0;
    if (lua_type(L, 1) == LUA_TSTRING) {
        if (lua_tostring(L, 1)[0] == LUA_SIGNATURE[0])
            return scmsg_error0(L, MSG_SC_NO_BINARY);
        charge(L, 1.0 + (double)lua_rawlen(L, 1));
    } else if (lua_type(L, 1) == LUA_TFUNCTION) {
        lua_pushvalue(L, 1);
        lua_pushcclosure(L, load_reader, 1);
        lua_replace(L, 1);
    }
    if (lua_gettop(L) < 3) {
        lua_settop(L, 2);
        lua_pushliteral(L, "t");
    } else {
        lua_pushliteral(L, "t");
        lua_replace(L, 3);
    }
    n = orig(L);
    if (sb->killed) return raise_killed(L, sb, 1); /* the reader runs protected */
    return n;
}

/* The user's message handler, skipped once killed: after a kill the error comes from the
 * count hook, where hooks are off, and Lua would run the handler right there. */
static int xpcall_msgh(lua_State *L)
{
    if (sandbox_from_state(L)->killed) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* ---- what catches errors: a kill passes through ----
 *
 * pcall, xpcall, coroutine.resume, the function coroutine.wrap returns, coroutine.close
 * and load (whose reader runs protected) return to the script after an error. When the
 * sandbox is killed they raise the kill again instead, on the caller's thread (whose count
 * hook is not re-armed: the kill was raised on another thread, or by the allocator).
 * pcall and xpcall stay yieldable (lua_pcallk): sleep() works inside them. */

static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
    sandbox *sb = sandbox_from_state(L);
    if (sb->killed) return raise_killed(L, sb, 1);
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2); /* the error object */
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

/* lbaselib's pcall and xpcall, finishing through finish_pcall. */
static int l_pcall(lua_State *L)
{
    int status = 0;
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1); /* first result if no errors */
    lua_insert(L, 1);
    status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

static int l_xpcall(lua_State *L)
{
    int status = 0, n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_msgh, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1); /* first result */
    lua_pushvalue(L, 1);   /* function */
    lua_rotate(L, 3, 2);   /* both below the function's arguments */
    status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

/* lcorolib's auxresume: resumes co with narg arguments from L's top; the number of
 * results moved to L, or -1 with the error object on L. */
static int auxresume(lua_State *L, lua_State *co, int narg)
{
    int status = 0, nres = 0;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    status = lua_resume(co, L, narg, &nres);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);
    return -1;
}

static int l_cocreate(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_State *co = NULL;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    co = lua_newthread(L);
    start_thread(sb, co, 0);
    if (sb->killed) return raise_killed(L, sb, 1);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    return 1;
}

static int l_coresume(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_State *co = lua_tothread(L, 1);
    int r = 0;
    luaL_argexpected(L, co != NULL, 1, "coroutine");
    r = auxresume(L, co, lua_gettop(L) - 1);
    if (sb->killed) return raise_killed(L, sb, 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2; /* false, message */
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

/* The function coroutine.wrap returns (lcorolib's auxwrap): errors propagate, with the
 * caller's position added to a string message. */
static int l_auxwrap(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = auxresume(L, co, lua_gettop(L));
    if (sb->killed) return raise_killed(L, sb, 1);
    if (r < 0) {
        int stat = lua_status(co);
        if (stat != LUA_OK && stat != LUA_YIELD) { /* an error in the coroutine */
            stat = lua_resetthread(co);            /* close its tbc variables */
            if (sb->killed) return raise_killed(L, sb, 1);
            lua_xmove(co, L, 1);
        }
        if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return r;
}

static int l_cowrap(lua_State *L)
{
    l_cocreate(L);
    lua_pushcclosure(L, l_auxwrap, 1);
    return 1;
}

/* coroutine.close runs the coroutine's pending __close handlers. */
static int l_coclose(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    lua_CFunction orig = lua_tocfunction(L, lua_upvalueindex(1));
    int n = orig(L);
    if (sb->killed) return raise_killed(L, sb, 1);
    return n;
}

static int l_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return scmsg_error0(L, MSG_SC_GC_COUNT);
    lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) +
                          (lua_Number)lua_gc(L, LUA_GCCOUNTB) / 1024.0);
    return 1;
}

static void emit_log(sandbox *sb, const char *text)
{
    if (sb->log_fn != NULL) sb->log_fn(sb->log_ud, sb->now_ms, text);
}

/* Counts a line of len bytes against the output cap: 1, or 0 and killed past it. */
static int output_room(sandbox *sb, size_t len)
{
    uint64_t n = (uint64_t)len + SB_LINE_OVERHEAD;
    if (sb->killed) return 0;
    if (sb->out_bytes + n > sb->lim.output_bytes) {
        sb_kill(sb, MSG_SC_KILL_OUTPUT, (double)sb->lim.output_bytes, 0);
        return 0;
    }
    sb->out_bytes += n;
    return 1;
}

/* print/log/warn: tostring of every argument joined by sep, cut at log_bytes. */
static int log_joined(lua_State *L, const char *sep, const char *prefix)
{
    sandbox *sb = sandbox_from_state(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, prefix);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addstring(&b, sep);
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
        if (luaL_bufflen(&b) > sb->lim.log_bytes) break;
    }
    luaL_pushresult(&b);
    {
        size_t l = 0;
        const char *text = lua_tolstring(L, -1, &l);
        if (l > sb->lim.log_bytes) {
            l = sb->lim.log_bytes;
            lua_pushlstring(L, text, l);
            lua_replace(L, -2);
        }
        charge(L, 1.0 + (double)(l + SB_LINE_OVERHEAD) / 8.0); /* writing is C work */
        if (!output_room(sb, l)) return raise_killed(L, sb, 1);
    }
    emit_log(sb, lua_tostring(L, -1));
    return 0;
}

static int l_print(lua_State *L)
{
    return log_joined(L, "\t", "");
}

static int l_log(lua_State *L)
{
    return log_joined(L, " ", "");
}

static int l_warn(lua_State *L)
{
    char prefix[64];
    SCMSG(prefix, sizeof prefix, MSG_SC_WARNING_LINE, ""); /* "warning: " */
    return log_joined(L, "", prefix);
}

/* ---- random numbers from the owner's RNG ---- */

static double rng_uniform(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    double u = 0;
    if (sb->uniform == NULL) SCMSG_ERROR(L, MSG_SC_NO_RNG, "rand");
    u = sb->uniform(sb->rng_ud);
    if (!(u >= 0.0)) u = 0.0;
    if (u >= 1.0) u = nextafter(1.0, 0.0);
    return u;
}

static int l_rand(lua_State *L)
{
    lua_pushnumber(L, rng_uniform(L));
    return 1;
}

static int l_rand_normal(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    double mu = luaL_optnumber(L, 1, 0.0);
    double sigma = luaL_optnumber(L, 2, 1.0);
    if (!(sigma >= 0.0 && isfinite(sigma))) return SCMSG_ARGERROR(L, 2, MSG_SC_SIGMA, "sigma");
    if (!isfinite(mu)) return SCMSG_ARGERROR(L, 1, MSG_SC_MU, "mu");
    if (sb->uniform == NULL) return SCMSG_ERROR(L, MSG_SC_NO_RNG, "rand_normal");
    if (sb->normal != NULL) {
        lua_pushnumber(L, sb->normal(sb->rng_ud, mu, sigma));
    } else {
        double u1 = rng_uniform(L), u2 = rng_uniform(L);
        lua_pushnumber(L, mu + sigma * sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2));
    }
    return 1;
}

/* math.random with Lua's signature over the owner's RNG. */
static int l_math_random(lua_State *L)
{
    lua_Integer low = 1, up = 0;
    double u = 0;
    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, rng_uniform(L));
        return 1;
    case 1:
        up = luaL_checkinteger(L, 1);
        break;
    case 2:
        low = luaL_checkinteger(L, 1);
        up = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    luaL_argcheck(L, low <= up, lua_gettop(L), "interval is empty");
    u = rng_uniform(L);
    {
        lua_Unsigned span = (lua_Unsigned)up - (lua_Unsigned)low;
        lua_Unsigned off = (lua_Unsigned)(u * ((double)span + 1.0));
        if (off > span) off = span;
        lua_pushinteger(L, (lua_Integer)((lua_Unsigned)low + off));
    }
    return 1;
}

/* ---- require from the library directory ---- */

static int valid_modname(const char *s, size_t l)
{
    if (l == 0 || l > SB_MODNAME_MAX) return 0;
    for (size_t i = 0; i < l; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return 0;
    }
    return 1;
}

/* lua_Reader over a module file. Parsing is C work: charged by the byte, as load().
 * Skips a UTF-8 BOM and a first line starting with '#' (keeping its newline, so line
 * numbers stay right), as luaL_loadfilex does. */
typedef struct file_reader {
    sandbox *sb;
    FILE *f;
    int start, skipping;
    char buf[4096];
} file_reader;

static const char *read_file(lua_State *L, void *ud, size_t *size)
{
    file_reader *r = ud;
    const char *p = r->buf;
    size_t n = 0;
    (void)L;
    for (;;) {
        n = r->sb->killed ? 0 : fread(r->buf, 1, sizeof r->buf, r->f);
        if (n == 0) {
            *size = 0;
            return NULL;
        }
        p = r->buf;
        if (r->start) {
            r->start = 0;
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
            }
            r->skipping = n > 0 && *p == '#';
        }
        if (r->skipping) {
            const char *nl = memchr(p, '\n', n);
            if (nl == NULL) continue; /* all of it comment */
            r->skipping = 0;
            n -= (size_t)(nl - p);
            p = nl;
        }
        if (n > 0) break;
    }
    account(r->sb, 1 + n);
    *size = n;
    return p;
}

static int l_require(lua_State *L)
{
    sandbox *sb = sandbox_from_state(L);
    size_t l = 0;
    const char *name = NULL;
    char path[SB_PATH_MAX], shown[SB_MODNAME_MAX + 16];
    file_reader *rd = NULL;
    int n = 0, st = 0, rerr = 0;
    if (lua_type(L, 1) != LUA_TSTRING) return luaL_typeerror(L, 1, "string");
    name = lua_tolstring(L, 1, &l);
    if (!valid_modname(name, l))
        return SCMSG_ERROR(L, MSG_SC_REQ_NAME, name);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &sb_loaded_key);
    if (lua_getfield(L, -1, name) != LUA_TNIL) {
        if (lua_touserdata(L, -1) == &sb_loading)
            return SCMSG_ERROR(L, MSG_SC_REQ_LOADING, name);
        return 1;
    }
    lua_pop(L, 1);
    if (sb->lib_dir == NULL) return SCMSG_ERROR(L, MSG_SC_REQ_NOT_FOUND, name, "lib/");
    if (sb->nmodules >= sb->lim.max_modules) {
        char num[SCMSG_NUM];
        return SCMSG_ERROR(L, MSG_SC_REQ_MAX, scmsg_int(num, sb->lim.max_modules));
    }
    n = snprintf(path, sizeof path, "%s/%s.lua", sb->lib_dir, name);
    if (n < 0 || (size_t)n >= sizeof path) return scmsg_error0(L, MSG_SC_REQ_PATH);
    /* messages and tracebacks name the module, never the machine's path */
    snprintf(shown, sizeof shown, "lib/%s.lua", name);
    lua_pushlightuserdata(L, &sb_loading);
    lua_setfield(L, -2, name);
    sb->nmodules++;
    lua_pushfstring(L, "@%s", shown);
    rd = lua_newuserdatauv(L, sizeof *rd, 0); /* nothing raises while the file is open */
    memset(rd, 0, sizeof *rd);
    rd->sb = sb;
    rd->start = 1;
    rd->f = fopen(path, "rb");
    if (rd->f == NULL) return SCMSG_ERROR(L, MSG_SC_REQ_NOT_FOUND, name, shown);
    st = lua_load(L, read_file, rd, lua_tostring(L, -2), "t");
    rerr = ferror(rd->f);
    fclose(rd->f);
    if (sb->killed) return raise_killed(L, sb, 1);
    if (rerr) return SCMSG_ERROR(L, MSG_SC_REQ_READ, name, shown);
    if (st != LUA_OK) return SCMSG_ERROR(L, MSG_SC_REQ_ERROR, name, lua_tostring(L, -1));
    lua_replace(L, -3); /* the chunk where its name was, then the reader off */
    lua_pop(L, 1);
    lua_pushstring(L, name);
    lua_pushstring(L, shown);
    lua_call(L, 2, 1); /* errors keep the module's frames for the traceback */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    return 1;
}

/* ---- state construction ---- */

static void open_libs(lua_State *L)
{
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                    {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},
                                    {LUA_COLIBNAME, luaopen_coroutine},
                                    {NULL, NULL}};
    static const luaL_Reg base[] = {{"setmetatable", l_setmetatable},
                                    {"collectgarbage", l_collectgarbage},
                                    {"print", l_print},
                                    {"warn", l_warn},
                                    {"log", l_log},
                                    {"rand", l_rand},
                                    {"rand_normal", l_rand_normal},
                                    {"require", l_require},
                                    {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func != NULL; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    luaL_setfuncs(L, base, 0);
    lua_pushnil(L);
    lua_setfield(L, -2, "dofile");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadfile");
    lua_getfield(L, -1, "load");
    lua_pushcclosure(L, l_load, 1);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, l_pcall);
    lua_setfield(L, -2, "pcall");
    lua_pushcfunction(L, l_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pop(L, 1);

    lua_getglobal(L, LUA_COLIBNAME);
    lua_pushcfunction(L, l_cocreate);
    lua_setfield(L, -2, "create");
    lua_pushcfunction(L, l_coresume);
    lua_setfield(L, -2, "resume");
    lua_pushcfunction(L, l_cowrap);
    lua_setfield(L, -2, "wrap");
    lua_getfield(L, -1, "close");
    lua_pushcclosure(L, l_coclose, 1);
    lua_setfield(L, -2, "close");
    lua_pop(L, 1);

    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    lua_getglobal(L, LUA_MATHLIBNAME);
    lua_pushcfunction(L, l_math_random);
    lua_setfield(L, -2, "random");
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);
    wrap_lib(L, LUA_STRLIBNAME, wrap_string);
    wrap_lib(L, LUA_TABLIBNAME, wrap_table);
    wrap_lib(L, LUA_UTF8LIBNAME, wrap_utf8);

    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &sb_loaded_key);
}

static int sb_panic(lua_State *L)
{
    (void)L;
    return 0; /* Lua aborts after this; only a failure outside any call gets here */
}

sandbox *sandbox_new(const sandbox_limits *lim)
{
    sandbox_limits d;
    sandbox *sb = calloc(1, sizeof *sb);
    if (sb == NULL) return NULL;
    sandbox_limits_default(&d);
    if (lim != NULL) {
        sb->lim = *lim;
        if (sb->lim.mem_bytes == 0) sb->lim.mem_bytes = d.mem_bytes;
        if (sb->lim.string_bytes == 0) sb->lim.string_bytes = d.string_bytes;
        if (sb->lim.call_instr == 0) sb->lim.call_instr = d.call_instr;
        if (sb->lim.hook_every == 0) sb->lim.hook_every = d.hook_every;
        if (sb->lim.log_bytes == 0) sb->lim.log_bytes = d.log_bytes;
        if (sb->lim.max_modules == 0) sb->lim.max_modules = d.max_modules;
        if (sb->lim.output_bytes == 0) sb->lim.output_bytes = d.output_bytes;
    } else {
        sb->lim = d;
    }
    if (sb->lim.hook_every > INT32_MAX) sb->lim.hook_every = d.hook_every;
    sb->L = lua_newstate(sb_alloc, sb);
    if (sb->L == NULL) {
        free(sb);
        return NULL;
    }
    lua_atpanic(sb->L, sb_panic);
    open_libs(sb->L);
    lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, (int)sb->lim.hook_every);
    return sb;
}

void sandbox_free(sandbox *sb)
{
    if (sb == NULL) return;
    if (sb->L != NULL) lua_close(sb->L);
    free(sb->lib_dir);
    free(sb);
}

/* ---- configuration ---- */

int sandbox_alive(const sandbox *sb)
{
    return sb->L != NULL && !sb->killed;
}

const char *sandbox_dead_reason(const sandbox *sb)
{
    return sb->killed ? sb->reason : "";
}

int sandbox_set_log(sandbox *sb, sandbox_log_fn fn, void *ud)
{
    sb->log_fn = fn;
    sb->log_ud = ud;
    return sandbox_alive(sb) ? 0 : -1;
}

int sandbox_set_rng(sandbox *sb, sandbox_uniform_fn uniform, sandbox_normal_fn normal, void *ud)
{
    sb->uniform = uniform;
    sb->normal = normal;
    sb->rng_ud = ud;
    return sandbox_alive(sb) ? 0 : -1;
}

int sandbox_set_lib_dir(sandbox *sb, const char *dir)
{
    char *copy = NULL;
    if (dir != NULL) {
        size_t n = strlen(dir);
        if (n == 0 || n > SB_PATH_MAX - SB_MODNAME_MAX - 8) return -1;
        copy = malloc(n + 1);
        if (copy == NULL) return -1;
        memcpy(copy, dir, n + 1);
    }
    free(sb->lib_dir);
    sb->lib_dir = copy;
    return sandbox_alive(sb) ? 0 : -1;
}

void sandbox_set_time(sandbox *sb, int64_t t_ms)
{
    sb->now_ms = t_ms;
}

int64_t sandbox_time(const sandbox *sb)
{
    return sb->now_ms;
}

int sandbox_register(sandbox *sb, const char *name, lua_CFunction fn)
{
    if (!sandbox_alive(sb) || sb->depth > 0) return -1;
    lua_pushcfunction(sb->L, fn);
    lua_setglobal(sb->L, name);
    return 0;
}

int sandbox_register_lib(sandbox *sb, const char *name, const luaL_Reg *fns)
{
    if (!sandbox_alive(sb) || sb->depth > 0) return -1;
    lua_newtable(sb->L);
    luaL_setfuncs(sb->L, fns, 0);
    lua_setglobal(sb->L, name);
    return 0;
}

lua_State *sandbox_state(sandbox *sb)
{
    return sandbox_alive(sb) ? sb->L : NULL;
}

void sandbox_log(sandbox *sb, const char *text)
{
    size_t l = strlen(text);
    if (sb->depth > 0) account(sb, 1 + (l + SB_LINE_OVERHEAD) / 8); /* for a script's call */
    if (output_room(sb, l)) emit_log(sb, text);
}

size_t sandbox_mem_used(const sandbox *sb)
{
    return sb->mem_used;
}

size_t sandbox_mem_peak(const sandbox *sb)
{
    return sb->mem_peak;
}

uint64_t sandbox_instr_total(const sandbox *sb)
{
    return sb->total_used;
}

/* ---- calls into Lua ---- */

static const char *fail(sandbox *sb, const char *fmt, ...) SB_PRINTF(2, 3);
static const char *fail(sandbox *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sb->err, sizeof sb->err, fmt, ap);
    va_end(ap);
    return sb->err;
}

static const char *fail_dead(sandbox *sb)
{
    char text[SB_REASON_MAX + 64];
    SCMSG(text, sizeof text, MSG_SC_DEAD, sb->killed ? sb->reason : i18n(MSG_SC_CLOSED));
    return fail(sb, "%s", text);
}

/* Closes the state once a killed sandbox is back outside every call. */
static void reap(sandbox *sb)
{
    if (sb->killed && sb->depth == 0 && sb->L != NULL) {
        lua_close(sb->L);
        sb->L = NULL;
    }
}

/* Message of a failed coroutine plus its traceback (its stack is intact) into sb->err.
 * A killed sandbox gives the kill, whatever co returned. */
static void error_from(sandbox *sb, lua_State *co, int status)
{
    lua_State *L = sb->L;
    const char *msg = NULL;
    char where[LUA_IDSIZE + 32];
    sb->uncapped++;
    where_of(co, 0, where, sizeof where);
    if (where[0] == '\0' && lua_status(co) == LUA_OK && lua_gettop(co) > 0) {
        lua_Debug ar; /* not started: where its function is defined */
        lua_pushvalue(co, 1);
        if (lua_getinfo(co, ">S", &ar) && ar.linedefined > 0)
            snprintf(where, sizeof where, "%s:%d: ", ar.short_src, ar.linedefined);
    }
    if (sb->killed && sb->kill_where[0] == '\0') snprintf(sb->kill_where, sizeof sb->kill_where, "%s", where);
    if (lua_type(co, -1) == LUA_TSTRING || lua_type(co, -1) == LUA_TNUMBER)
        msg = lua_tostring(co, -1);
    lua_checkstack(L, 6);
    if (sb->killed)
        lua_pushfstring(L, "%s%s", sb->kill_where, sb->reason);
    else if (status == LUA_ERRMEM)
        lua_pushfstring(L, "%snot enough memory", where);
    else if (status == LUA_YIELD)
        lua_pushfstring(L, "%sattempt to yield from outside a coroutine", where);
    else if (msg != NULL)
        lua_pushstring(L, msg);
    else
        lua_pushfstring(L, "%s(error object is a %s value)", where, luaL_typename(co, -1));
    push_user_message(sb, L, co, lua_tostring(L, -1));
    lua_remove(L, -2);
    luaL_traceback(L, co, lua_tostring(L, -1), 0);
    snprintf(sb->err, sizeof sb->err, "%s", lua_tostring(L, -1));
    lua_pop(L, 2);
    sb->uncapped--;
}

/* Resumes co under the budgets: LUA_OK, LUA_YIELD or an error status (sb->err set). */
static int run(sandbox *sb, lua_State *co, int nargs, int *nres)
{
    int st = 0;
    lua_State *prev = sb->cur;
    *nres = 0;
    if (sb->depth == 0) {
        sb->call_used = 0;
        sb->call_start_ms = mono_ms();
        sb->stall_armed = 0;
    }
    if (lua_status(co) == LUA_OK) /* a new thread: its function is to start */
        start_thread(sb, co, SB_CALL_COST);
    else
        account(sb, SB_CALL_COST);
    if (sb->killed) { /* the budget ran out before the call */
        error_from(sb, co, LUA_ERRRUN);
        return LUA_ERRRUN;
    }
    sb->depth++;
    sb->cur = co;
    /* resuming from the caller's thread carries its C-call count: nesting stays bounded */
    st = lua_resume(co, prev != NULL ? prev : sb->L, nargs, nres);
    sb->cur = prev;
    sb->depth--;
    if (sb->killed) {
        /* whatever caught the kill on the way out, the call failed; a caller below that
         * ignores it (a binding) stops at its next instruction */
        if (st == LUA_OK || st == LUA_YIELD) lua_pop(co, *nres);
        *nres = 0;
        st = LUA_ERRRUN;
        if (prev != NULL) lua_sethook(prev, sb_hook, LUA_MASKCOUNT, 1);
    }
    if (st != LUA_OK && st != LUA_YIELD) error_from(sb, co, st);
    return st;
}

int sandbox_resume(sandbox *sb, lua_State *co, int nargs, int *nres, const char **errmsg)
{
    int st = 0;
    *nres = 0;
    if (!sandbox_alive(sb)) {
        *errmsg = fail_dead(sb);
        return -1;
    }
    if (sb->depth >= SB_MAX_DEPTH) {
        *errmsg = fail(sb, "%s", i18n(MSG_SC_TOO_DEEP));
        return -1;
    }
    st = run(sb, co, nargs, nres);
    *errmsg = sb->err;
    if (st != LUA_OK && st != LUA_YIELD) {
        reap(sb);
        return -1;
    }
    return st == LUA_YIELD ? 1 : 0;
}

/* Runs the function and nargs arguments on top of L on a fresh coroutine; a yield back
 * to us is an error. Leaves the thread below nresults results, or alone on error. */
static int call_on_thread(sandbox *sb, int nargs, int nresults)
{
    lua_State *L = sb->L;
    lua_State *co = NULL;
    int nres = 0, st = 0;
    if (!lua_checkstack(L, 2)) return fail(sb, "stack overflow"), -1;
    co = lua_newthread(L);
    lua_rotate(L, -(nargs + 2), 1); /* thread below the function */
    lua_xmove(L, co, nargs + 1);
    st = run(sb, co, nargs, &nres);
    if (st == LUA_YIELD) {
        error_from(sb, co, st);
        return -1;
    }
    if (st != LUA_OK) return -1;
    if (nresults != LUA_MULTRET) {
        if (nres > nresults) {
            lua_pop(co, nres - nresults);
        } else {
            if (!lua_checkstack(co, nresults - nres)) return fail(sb, "stack overflow"), -1;
            for (; nres < nresults; nres++)
                lua_pushnil(co);
        }
        nres = nresults;
    }
    if (!lua_checkstack(L, nres + 1)) return fail(sb, "too many results"), -1;
    lua_xmove(co, L, nres);
    return nres;
}

int sandbox_pcall(sandbox *sb, int nargs, int nresults, const char **errmsg)
{
    int top = 0, n = 0;
    if (!sandbox_alive(sb)) {
        *errmsg = fail_dead(sb);
        return -1;
    }
    top = lua_gettop(sb->L) - nargs - 1;
    if (sb->depth >= SB_MAX_DEPTH) {
        lua_settop(sb->L, top);
        *errmsg = fail(sb, "%s", i18n(MSG_SC_TOO_DEEP));
        return -1;
    }
    n = call_on_thread(sb, nargs, nresults);
    *errmsg = sb->err;
    if (n < 0) {
        lua_settop(sb->L, top);
        reap(sb);
        return -1;
    }
    lua_remove(sb->L, top + 1); /* the thread */
    return 0;
}

int sandbox_call_global(sandbox *sb, const char *name, const char **errmsg)
{
    if (!sandbox_alive(sb)) {
        *errmsg = fail_dead(sb);
        return -1;
    }
    if (lua_getglobal(sb->L, name) != LUA_TFUNCTION) {
        lua_pop(sb->L, 1);
        *errmsg = fail(sb, "global '%s' is not a function", name);
        return -1;
    }
    return sandbox_pcall(sb, 0, 0, errmsg);
}

/* Lua's chunkid for "@path": the name as messages show it. */
static void chunk_short(const char *path, char *out, size_t n)
{
    size_t l = strlen(path);
    if (l <= LUA_IDSIZE - 1)
        snprintf(out, n, "%s", path);
    else
        snprintf(out, n, "...%s", path + l - (LUA_IDSIZE - 4));
}

int sandbox_dofile(sandbox *sb, const char *path, const char **errmsg)
{
    lua_State *L = NULL;
    int st = 0;
    if (!sandbox_alive(sb)) {
        *errmsg = fail_dead(sb);
        return -1;
    }
    L = sb->L;
    snprintf(sb->main_src, sizeof sb->main_src, "@%s", path);
    sb->call_start_ms = mono_ms();
    sb->stall_armed = 0;
    sb->depth++; /* parse under the memory cap */
    st = luaL_loadfilex(L, path, "t");
    sb->depth--;
    if (st != LUA_OK) {
        char shortname[LUA_IDSIZE + 4];
        const char *msg = lua_tostring(L, -1);
        chunk_short(path, shortname, sizeof shortname);
        if (st == LUA_ERRMEM)
            *errmsg = fail(sb, "%s: %s", path, sb->killed ? sb->reason : "not enough memory");
        else if (msg == NULL)
            *errmsg = fail(sb, "%s: %s", path, i18n(MSG_SC_CANNOT_LOAD));
        else if (strncmp(msg, shortname, strlen(shortname)) == 0 || strncmp(msg, "cannot ", 7) == 0)
            *errmsg = fail(sb, "%s", msg); /* syntax errors: "file:line: ..." */
        else
            *errmsg = fail(sb, "%s: %s", path, msg); /* e.g. a binary chunk */
        lua_pop(L, 1);
        reap(sb);
        return -1;
    }
    return sandbox_pcall(sb, 0, 0, errmsg);
}
