/*
 * sandbox.h — a Lua 5.4 state for untrusted scenario scripts.
 *
 * What a script gets: base (without dofile, loadfile; load of text only; collectgarbage
 * reduced to "count"; setmetatable refuses __gc; print/warn/log go to the log callback),
 * string (without dump), table, math (random from the owner's RNG, no randomseed), utf8,
 * coroutine, rand(), rand_normal(), log(), and a require() that loads plain module names
 * from one directory. No io, os, debug, package.
 *
 * Limits (sandbox_limits): a memory cap enforced by a counting allocator, an instruction
 * budget per call into Lua and in total, a wall-clock watchdog per call, a cap on the size
 * of one string, a cap on the script's total output. Every thread's instructions are
 * charged (a new thread pays a short first hook period up front), each call into Lua from
 * C costs a fixed amount, and C library functions whose work grows with their arguments
 * (string.rep, patterns, table.move, ...) and output are charged against the same budget
 * before they run. Large allocations check the clock, which catches loops inside the Lua
 * core that run no instruction.
 * Spending a budget, passing the wall-clock limit, the memory cap or the output cap KILLS
 * the sandbox: pcall, xpcall, coroutine.resume/wrap/close and load raise the kill again as
 * they return, the count hook re-arms itself to fire on every instruction, any call that
 * returns while killed fails, and when control is back in C the Lua state is closed.
 * Every later call then fails with "sandbox is dead: <reason>".
 *
 * Every call into Lua runs on a fresh coroutine (or the caller's, sandbox_resume) so that
 * the stack survives an error: messages are "file:line: message" plus a traceback, with
 * the file named as given ("@path" chunk names; Lua shortens names over 59 bytes).
 *
 * Bindings: register C functions into the global table (sandbox_register*), or work on
 * sandbox_state() directly. A binding called from a script runs inside the sandbox's
 * protected call, so it may raise with luaL_error; code the owner runs on the state
 * outside a call must stick to operations that cannot raise (or wrap them in
 * sandbox_pcall), and must not hand scripts io/os/debug-like powers. Allocations made
 * outside a script call are not capped. Threading: one thread owns a sandbox.
 * Dependencies: Lua 5.4, libc.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>

typedef struct sandbox sandbox;

typedef struct sandbox_limits {
    size_t mem_bytes;      /* heap cap of the Lua state; default 64 MiB */
    size_t string_bytes;   /* largest single string; default 4 MiB */
    uint64_t call_instr;   /* VM instructions per call into Lua; default 10 000 000 */
    uint64_t total_instr;  /* over the sandbox's life, 0 = no limit; default 1e9 */
    uint32_t call_wall_ms; /* wall clock per call into Lua; 0 = none; default 5000 */
    uint32_t hook_every;   /* count-hook period in instructions; default 1000 */
    uint32_t log_bytes;    /* longest log line, longer ones are cut; default 4096 */
    uint32_t max_modules;  /* distinct modules require() may load; default 64 */
    size_t output_bytes;   /* all print/log/warn lines, each counted with 32 bytes more for
                              its time stamp; past it the sandbox is killed; default 16 MiB */
} sandbox_limits;

/* Log sink: t_ms is the sandbox time (sandbox_set_time), text is NUL-terminated. */
typedef void (*sandbox_log_fn)(void *ud, int64_t t_ms, const char *text);
/* RNG: uniform in [0,1); normal may be NULL (then Box–Muller over uniform). */
typedef double (*sandbox_uniform_fn)(void *ud);
typedef double (*sandbox_normal_fn)(void *ud, double mu, double sigma);

void sandbox_limits_default(sandbox_limits *lim);

/* A new sandbox; lim NULL = defaults, zero fields of lim take their default (except
 * total_instr and call_wall_ms, where 0 means no limit). NULL on allocation failure. */
sandbox *sandbox_new(const sandbox_limits *lim);
void sandbox_free(sandbox *sb);

/* Callbacks and configuration; each returns 0, or -1 when the sandbox is dead. */
int sandbox_set_log(sandbox *sb, sandbox_log_fn fn, void *ud);
int sandbox_set_rng(sandbox *sb, sandbox_uniform_fn uniform, sandbox_normal_fn normal, void *ud);
/* The directory require() loads from (copied); NULL disables require. */
int sandbox_set_lib_dir(sandbox *sb, const char *dir);
/* Virtual time handed to the log callback (the scheduler keeps it current). */
void sandbox_set_time(sandbox *sb, int64_t t_ms);
int64_t sandbox_time(const sandbox *sb);

/* Bindings: a global function, or a global table of functions (luaL_Reg list). */
int sandbox_register(sandbox *sb, const char *name, lua_CFunction fn);
int sandbox_register_lib(sandbox *sb, const char *name, const luaL_Reg *fns);
/* The main state, NULL when dead. Borrowed; never lua_close it. */
lua_State *sandbox_state(sandbox *sb);
/* The sandbox owning a state (bindings use it to reach the sandbox). */
sandbox *sandbox_from_state(lua_State *L);

/* Loads and runs a scenario file (text only, chunk name "@path"). 0, or -1 and *errmsg
 * (owned by the sandbox, valid until its next call or free). */
int sandbox_dofile(sandbox *sb, const char *path, const char **errmsg);
/* Calls global function `name` without arguments. Same result convention. */
int sandbox_call_global(sandbox *sb, const char *name, const char **errmsg);
/* Calls the function below nargs arguments on sandbox_state(sb)'s stack, leaving
 * nresults results (LUA_MULTRET allowed) on success, nothing on error. */
int sandbox_pcall(sandbox *sb, int nargs, int nresults, const char **errmsg);
/* Resumes coroutine co (nargs arguments on its stack) under the per-call budget.
 * 0 = finished, 1 = yielded (*nres values on co's stack either way), -1 = error. */
int sandbox_resume(sandbox *sb, lua_State *co, int nargs, int *nres, const char **errmsg);

/* ---- the scenario's own lines ----
 * Code of library modules (require: chunks "lib/NAME.lua") runs on behalf of a line of the
 * scenario: the line that called into the library, or, for a task the library scheduled,
 * the line of the call that scheduled it (the task's origin, which the scheduler sets
 * while the task runs). Error messages whose position is in a library are rewritten to
 * name that line, the library position kept on a second line:
 *     scenarios/x.lua:5: attempt to index a nil value (field 'camera')
 *     	(inside lib/fraud.lua:559)
 */
/* "file:line:" of the scenario line responsible for the code running on L: the innermost
 * Lua frame not in a library, else the running task's origin; "" when neither. */
void sandbox_user_where(lua_State *L, char *buf, size_t n);
/* "lib/NAME.lua:line:" when the innermost Lua frame of L is a library's, else "". */
void sandbox_lib_where(lua_State *L, char *buf, size_t n);
/* The origin of the code about to run ("file:line:", copied; NULL: none). */
void sandbox_set_origin(sandbox *sb, const char *origin);
const char *sandbox_origin(const sandbox *sb);

/* Writes a line to the log callback as if the script had called log() (counted against
 * the output cap; dropped past it, and the sandbox is killed). */
void sandbox_log(sandbox *sb, const char *text);

/* 1 while usable; 0 once killed (the reason stays in sandbox_dead_reason). */
int sandbox_alive(const sandbox *sb);
const char *sandbox_dead_reason(const sandbox *sb);

/* Usage figures. */
size_t sandbox_mem_used(const sandbox *sb);
size_t sandbox_mem_peak(const sandbox *sb);
uint64_t sandbox_instr_total(const sandbox *sb);

#endif
