/*
 * vsched.c — at/every/after/sleep on virtual time over the sandbox (see vsched.h).
 *
 * Lua side: functions and suspended coroutines are anchored in one table (registry ref
 * anchor_ref), the C heap holds their integer refs. The Lua closures reach the scheduler
 * through a userdata box that sched_free empties, so a script keeping `at` in a local
 * after the scheduler is gone gets an error, not a dangling pointer.
 */
#include "vsched.h"

#include "clock.h"
#include "scmsg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIME_STR_MAX  64 /* longest time or duration string looked at */
#define MAX_ORIGINS   4096 /* distinct scenario lines library tasks stand for */
#define ERR_MAX       (8192 + 64)
#define SCHED_STR2(x) #x
#define SCHED_STR(x)  SCHED_STR2(x)

enum ev_kind { EV_ONCE, EV_EVERY, EV_WAKE };

typedef struct sched_ev {
    int64_t t;
    uint64_t seq;
    uint64_t task;
    int64_t period, until; /* EV_EVERY */
    int ref;               /* anchor[ref]: function (ONCE, EVERY) or thread (WAKE) */
    int kind;
    int origin; /* origins[origin]: the scenario line a library's task stands for; -1 none */
} sched_ev;

typedef struct sched_box {
    sched *s;
} sched_box;

struct sched {
    sandbox *sb;
    sched_box *box;
    int anchor_ref;
    int64_t start, now;
    int started; /* time has advanced or something ran */
    int running; /* inside sched_run_until */
    sched_ev *heap;
    size_t n, cap, max;
    uint64_t seq, next_task;
    lua_State *current; /* coroutine being resumed by run_until */
    uint64_t cur_task;
    int sleep_req, cur_cancelled;
    char **origins; /* "file:line:" of the scenario lines that library tasks stand for */
    size_t norigins;
    int64_t wake;
    char err[ERR_MAX];
};

/* ---- time strings: the rules of clock.h ---- */

int sched_parse_duration(const char *str, int64_t *ms)
{
    if (str == NULL || strlen(str) > TIME_STR_MAX) return -1;
    return clock_parse_duration(str, ms);
}

int sched_parse_time(const sched *s, const char *str, int64_t *t)
{
    if (str == NULL || strlen(str) > TIME_STR_MAX) return -1;
    return clock_parse_time(str, s->start, t);
}

int sched_format_time(int64_t t, char *buf, size_t n)
{
    return hjtime_format(t, buf, n);
}

/* ---- the heap, ordered by (t, seq) ---- */

static int ev_before(const sched_ev *a, const sched_ev *b)
{
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void sift_up(sched_ev *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        sched_ev tmp;
        if (!ev_before(&h[i], &h[p])) break;
        tmp = h[i];
        h[i] = h[p];
        h[p] = tmp;
        i = p;
    }
}

static void sift_down(sched_ev *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        sched_ev tmp;
        if (l < n && ev_before(&h[l], &h[m])) m = l;
        if (r < n && ev_before(&h[r], &h[m])) m = r;
        if (m == i) break;
        tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
    }
}

static int heap_room(sched *s)
{
    if (s->n < s->cap) return 0;
    if (s->cap >= s->max) return -1;
    {
        size_t ncap = s->cap == 0 ? 64 : s->cap * 2;
        sched_ev *h = NULL;
        if (ncap > s->max) ncap = s->max;
        h = realloc(s->heap, ncap * sizeof *h);
        if (h == NULL) return -1;
        s->heap = h;
        s->cap = ncap;
    }
    return 0;
}

/* Queues ev with the next sequence number; the caller checked heap_room. */
static void heap_push(sched *s, sched_ev ev)
{
    ev.seq = ++s->seq;
    s->heap[s->n] = ev;
    sift_up(s->heap, s->n);
    s->n++;
}

static sched_ev heap_remove(sched *s, size_t i)
{
    sched_ev ev = s->heap[i];
    s->n--;
    if (i < s->n) {
        s->heap[i] = s->heap[s->n];
        sift_down(s->heap, s->n, i);
        sift_up(s->heap, i);
    }
    return ev;
}

/* ---- Lua API ---- */

/* "file:line: " of the innermost Lua frame of L from level on, or "". */
static void where_of(lua_State *L, int level, char *buf, size_t n)
{
    lua_Debug ar;
    buf[0] = '\0';
    for (; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            snprintf(buf, n, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
}

/* Raises "file:line: text" at the innermost Lua frame: these functions may be called
 * through a binding (scen.c wraps at/after/every), where luaL_error's level 1 is C. */
static int sched_error(lua_State *L, const char *text)
{
    char where[LUA_IDSIZE + 32];
    where_of(L, 1, where, sizeof where);
    lua_pushstring(L, where);
    lua_pushstring(L, text);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Lua's "bad argument #arg to 'fname' (...)" around one of our texts. */
static int sched_argerror(lua_State *L, int arg, const char *fname, const char *msg)
{
    return sched_error(L, lua_pushfstring(L, "bad argument #%d to '%s' (%s)", arg, fname, msg));
}

static int too_many(lua_State *L, const sched *s)
{
    char num[SCMSG_NUM];
    return sched_error(L, SCMSG_PUSH(L, MSG_SC_TOO_MANY_TASKS, scmsg_int(num, (long long)s->max)));
}

static sched *check_sched(lua_State *L)
{
    sched_box *box = lua_touserdata(L, lua_upvalueindex(1));
    if (box == NULL || box->s == NULL) scmsg_error0(L, MSG_SC_SCHED_GONE);
    return box->s;
}

/* A time (time 1) or duration (0) string argument, or Lua's "bad argument" listing the
 * forms. */
static const char *check_timestr(lua_State *L, int arg, const char *fname, int time)
{
    if (lua_type(L, arg) != LUA_TSTRING)
        sched_argerror(L, arg, fname,
                       SCMSG_PUSH(L, time ? MSG_SC_TIME_TYPE : MSG_SC_DURATION_TYPE,
                                  i18n(time ? MSG_LIB_TIME_FORMS : MSG_LIB_DURATION_FORMS),
                                  luaL_typename(L, arg)));
    return lua_tostring(L, arg);
}

static int64_t check_duration(lua_State *L, int arg, const char *fname)
{
    const char *str = check_timestr(L, arg, fname, 0);
    int64_t ms = 0;
    if (sched_parse_duration(str, &ms) < 0)
        sched_argerror(L, arg, fname,
                       SCMSG_PUSH(L, MSG_SC_BAD_DURATION, str, i18n(MSG_LIB_DURATION_FORMS)));
    return ms;
}

static int64_t check_time(lua_State *L, sched *s, int arg, const char *fname)
{
    const char *str = check_timestr(L, arg, fname, 1);
    int64_t t = 0;
    if (sched_parse_time(s, str, &t) < 0)
        sched_argerror(L, arg, fname, SCMSG_PUSH(L, MSG_SC_BAD_TIME, str, i18n(MSG_LIB_TIME_FORMS)));
    return t;
}

static void push_fmt_time(lua_State *L, int64_t t)
{
    char buf[48];
    sched_format_time(t, buf, sizeof buf);
    lua_pushstring(L, buf);
}

/* The origin of a task scheduled now from L: when a library (lib/NAME.lua) schedules it,
 * the scenario line the library runs for (sandbox_user_where), kept once in s->origins;
 * -1 when the scenario itself schedules it (its errors name its own lines). */
static int origin_of(lua_State *L, sched *s)
{
    char lib[LUA_IDSIZE + 32], user[LUA_IDSIZE + 32];
    sandbox_lib_where(L, lib, sizeof lib);
    if (lib[0] == '\0') return -1;
    sandbox_user_where(L, user, sizeof user);
    if (user[0] == '\0') return -1;
    for (size_t i = 0; i < s->norigins; i++)
        if (strcmp(s->origins[i], user) == 0) return (int)i;
    if (s->norigins >= MAX_ORIGINS) return -1;
    if (s->norigins % 64 == 0) {
        char **o = realloc(s->origins, (s->norigins + 64) * sizeof *o);
        if (o == NULL) return -1;
        s->origins = o;
    }
    s->origins[s->norigins] = strdup(user);
    return s->origins[s->norigins] ? (int)s->norigins++ : -1;
}

/* Anchors the function at fn_arg and queues its first firing; returns the task id. */
static int schedule(lua_State *L, sched *s, int fn_arg, int kind, int64_t t, int64_t period,
                    int64_t until)
{
    sched_ev ev;
    int origin = origin_of(L, s);
    if (heap_room(s) < 0) return too_many(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->anchor_ref);
    lua_pushvalue(L, fn_arg);
    memset(&ev, 0, sizeof ev);
    ev.ref = luaL_ref(L, -2);
    lua_pop(L, 1);
    ev.t = t;
    ev.kind = kind;
    ev.period = period;
    ev.until = until;
    ev.origin = origin;
    ev.task = ++s->next_task;
    heap_push(s, ev);
    lua_pushinteger(L, (lua_Integer)ev.task);
    return 1;
}

static int l_at(lua_State *L)
{
    sched *s = check_sched(L);
    int64_t t = check_time(L, s, 1, "at");
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (t < s->now) {
        push_fmt_time(L, t);
        push_fmt_time(L, s->now);
        return sched_argerror(L, 1, "at",
                              SCMSG_PUSH(L, MSG_SC_IN_PAST, lua_tostring(L, -2), lua_tostring(L, -1)));
    }
    return schedule(L, s, 2, EV_ONCE, t, 0, 0);
}

static int l_after(lua_State *L)
{
    sched *s = check_sched(L);
    int64_t d = check_duration(L, 1, "after");
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (d > INT64_MAX - s->now) return sched_argerror(L, 1, "after", i18n(MSG_SC_TOO_LONG_DURATION));
    return schedule(L, s, 2, EV_ONCE, s->now + d, 0, 0);
}

/* opts[key] as a time: 1 and *t, 0 when absent; raises naming argument arg. */
static int opt_time(lua_State *L, sched *s, int arg, const char *key, int64_t *t)
{
    int ty = lua_getfield(L, arg, key);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TSTRING)
        sched_argerror(L, arg, "every",
                       SCMSG_PUSH(L, MSG_SC_TIME_EXPECTED, key, i18n(MSG_LIB_TIME_FORMS),
                                  luaL_typename(L, -1)));
    if (sched_parse_time(s, lua_tostring(L, -1), t) < 0)
        sched_argerror(L, arg, "every",
                       SCMSG_PUSH(L, MSG_SC_KEY_BAD_TIME, key, lua_tostring(L, -1),
                                  i18n(MSG_LIB_TIME_FORMS)));
    lua_pop(L, 1);
    return 1;
}

static int l_every(lua_State *L)
{
    sched *s = check_sched(L);
    int64_t period = check_duration(L, 1, "every");
    int64_t first = 0, until = INT64_MAX;
    int has_from = 0;
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (period <= 0) return sched_argerror(L, 1, "every", i18n(MSG_SC_PERIOD_ZERO));
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lua_settop(L, 3);
        lua_pushnil(L);
        while (lua_next(L, 3) != 0) { /* strict: unknown options are mistakes */
            const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
            if (strcmp(k, "from") != 0 && strcmp(k, "to") != 0)
                return sched_argerror(L, 3, "every", i18n(MSG_SC_EVERY_OPTION));
            lua_pop(L, 1);
        }
        has_from = opt_time(L, s, 3, "from", &first);
        opt_time(L, s, 3, "to", &until);
    }
    if (!has_from) {
        if (period > INT64_MAX - s->now) return sched_argerror(L, 1, "every", i18n(MSG_SC_TOO_LONG_DURATION));
        first = s->now + period;
    } else if (first < s->now) { /* catch up to the first firing not in the past */
        int64_t k = (s->now - first + period - 1) / period;
        if (k > (INT64_MAX - first) / period)
            return sched_argerror(L, 3, "every", i18n(MSG_SC_FROM_EARLY));
        first += k * period;
    }
    if (first > until) return 0; /* nothing to run: no id */
    return schedule(L, s, 2, EV_EVERY, first, period, until);
}

static int l_sleep(lua_State *L)
{
    sched *s = check_sched(L);
    int64_t d = check_duration(L, 1, "sleep");
    if (L != s->current)
        return scmsg_error0(L, MSG_SC_SLEEP_OUTSIDE);
    if (!lua_isyieldable(L)) return scmsg_error0(L, MSG_SC_SLEEP_CALLBACK);
    if (d > INT64_MAX - s->now) return sched_argerror(L, 1, "sleep", i18n(MSG_SC_TOO_LONG_DURATION));
    if (heap_room(s) < 0) return too_many(L, s);
    s->sleep_req = 1;
    s->wake = s->now + d;
    return lua_yield(L, 0);
}

static int l_now(lua_State *L)
{
    push_fmt_time(L, check_sched(L)->now);
    return 1;
}

static void drop_ev(sched *s, lua_State *L, const sched_ev *ev)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->anchor_ref);
    luaL_unref(L, -1, ev->ref);
    lua_pop(L, 1);
}

static int l_cancel(lua_State *L)
{
    sched *s = check_sched(L);
    lua_Integer id = luaL_checkinteger(L, 1);
    int found = 0;
    for (size_t i = 0; i < s->n;) {
        if (s->heap[i].task == (uint64_t)id) {
            sched_ev ev = heap_remove(s, i);
            drop_ev(s, L, &ev);
            found = 1;
        } else {
            i++;
        }
    }
    if (s->current != NULL && s->cur_task == (uint64_t)id) {
        s->cur_cancelled = 1; /* the running coroutine ends at its next sleep */
        found = 1;
    }
    lua_pushboolean(L, found);
    return 1;
}

/* ---- construction ---- */

sched *sched_new(sandbox *sb, int64_t start_ms, size_t max_events)
{
    static const luaL_Reg fns[] = {{"at", l_at},       {"every", l_every}, {"after", l_after},
                                   {"sleep", l_sleep}, {"now", l_now},     {"cancel", l_cancel},
                                   {NULL, NULL}};
    lua_State *L = sandbox_state(sb);
    sched *s = NULL;
    if (L == NULL || !lua_checkstack(L, 4)) return NULL;
    s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->sb = sb;
    s->start = s->now = start_ms;
    s->max = max_events != 0 ? max_events : SCHED_MAX_TASKS;
    if (heap_room(s) < 0) {
        free(s);
        return NULL;
    }
    lua_newtable(L);
    s->anchor_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    s->box = lua_newuserdatauv(L, sizeof *s->box, 0);
    s->box->s = s;
    lua_pushglobaltable(L);
    lua_insert(L, -2);
    luaL_setfuncs(L, fns, 1); /* every function shares the box */
    lua_pop(L, 1);
    sandbox_set_time(sb, s->now);
    return s;
}

void sched_free(sched *s)
{
    if (s == NULL) return;
    for (size_t i = 0; i < s->norigins; i++)
        free(s->origins[i]);
    free(s->origins);
    if (sandbox_alive(s->sb)) {
        s->box->s = NULL;
        luaL_unref(sandbox_state(s->sb), LUA_REGISTRYINDEX, s->anchor_ref);
    }
    free(s->heap);
    free(s);
}

int sched_set_start(sched *s, int64_t start_ms)
{
    if (s->started) return -1;
    s->start = s->now = start_ms;
    sandbox_set_time(s->sb, start_ms);
    return 0;
}

int64_t sched_start(const sched *s)
{
    return s->start;
}

int64_t sched_now(const sched *s)
{
    return s->now;
}

int sched_next_time(const sched *s, int64_t *t)
{
    if (s->n == 0) return 0;
    *t = s->heap[0].t;
    return 1;
}

size_t sched_pending(const sched *s)
{
    return s->n;
}

/* ---- running ---- */

static const char *sched_fail(sched *s, const char *msg)
{
    char when[48];
    sched_format_time(s->now, when, sizeof when);
    snprintf(s->err, sizeof s->err, "[%s] %s", when, msg);
    return s->err;
}

/* "file:line: " of a pending event: where its sleeping coroutine stands, or where its
 * function is defined. Leaves L's stack as it was. */
static void where_of_ev(sched *s, lua_State *L, const sched_ev *ev, char *buf, size_t n)
{
    lua_Debug ar;
    buf[0] = '\0';
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->anchor_ref);
    lua_rawgeti(L, -1, ev->ref);
    if (lua_type(L, -1) == LUA_TTHREAD) {
        where_of(lua_tothread(L, -1), 0, buf, n);
        lua_pop(L, 2);
    } else if (lua_type(L, -1) == LUA_TFUNCTION) {
        if (lua_getinfo(L, ">S", &ar) && ar.linedefined > 0) /* pops the function */
            snprintf(buf, n, "%s:%d: ", ar.short_src, ar.linedefined);
        lua_pop(L, 1);
    } else {
        lua_pop(L, 2);
    }
    if (ev->origin >= 0 && strncmp(buf, "lib/", 4) == 0) /* a library's task: its line */
        snprintf(buf, n, "%s ", s->origins[ev->origin]);
}

/* Resumes the coroutine on top of L's stack (it is popped). 0 or -1 with *errmsg. */
static int step(sched *s, uint64_t task, int origin, const char **errmsg)
{
    lua_State *L = sandbox_state(s->sb);
    lua_State *co = lua_tothread(L, -1);
    int nres = 0, r = 0;
    const char *msg = NULL;
    s->current = co;
    s->cur_task = task;
    s->sleep_req = 0;
    s->cur_cancelled = 0;
    sandbox_set_origin(s->sb, origin >= 0 ? s->origins[origin] : NULL);
    r = sandbox_resume(s->sb, co, 0, &nres, &msg);
    if (sandbox_alive(s->sb)) sandbox_set_origin(s->sb, NULL);
    s->current = NULL;
    if (r < 0) {
        *errmsg = sched_fail(s, msg);
        if (sandbox_alive(s->sb)) lua_pop(L, 1); /* a dead sandbox has no stack */
        return -1;
    }
    if (r == 1 && !s->sleep_req) {
        char where[LUA_IDSIZE + 32], msgbuf[LUA_IDSIZE + 96];
        where_of(co, 0, where, sizeof where);
        snprintf(msgbuf, sizeof msgbuf, "%s%s", where, i18n(MSG_SC_TOP_YIELD));
        *errmsg = sched_fail(s, msgbuf);
        lua_pop(L, 1);
        return -1;
    }
    if (r == 1 && !s->cur_cancelled) {
        sched_ev ev;
        memset(&ev, 0, sizeof ev);
        lua_settop(co, 0);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->anchor_ref);
        lua_insert(L, -2);
        ev.ref = luaL_ref(L, -2); /* pops the thread */
        lua_pop(L, 1);
        ev.t = s->wake;
        ev.kind = EV_WAKE;
        ev.task = task;
        ev.origin = origin;
        heap_push(s, ev); /* l_sleep checked the room */
        return 0;
    }
    lua_pop(L, 1);
    return 0;
}

long sched_run_until(sched *s, int64_t t_ms, const char **errmsg)
{
    lua_State *L = sandbox_state(s->sb);
    long steps = 0, same = 0;
    *errmsg = "";
    if (L == NULL) {
        SCMSG(s->err, sizeof s->err, MSG_SC_DEAD, sandbox_dead_reason(s->sb));
        *errmsg = s->err;
        return -1;
    }
    if (s->running) {
        *errmsg = "sched_run_until called from inside the scheduler";
        return -1;
    }
    s->running = 1;
    s->started = 1;
    while (s->n > 0 && s->heap[0].t <= t_ms) {
        sched_ev ev = heap_remove(s, 0);
        same = ev.t == s->now ? same + 1 : 1;
        if (ev.t > s->now) s->now = ev.t;
        sandbox_set_time(s->sb, s->now);
        if (same > SCHED_MAX_PER_INSTANT) {
            char where[LUA_IDSIZE + 32], msg[LUA_IDSIZE + 400], text[360];
            where_of_ev(s, L, &ev, where, sizeof where);
            drop_ev(s, L, &ev);
            SCMSG(text, sizeof text, MSG_SC_RUNAWAY, SCHED_STR(SCHED_MAX_PER_INSTANT));
            snprintf(msg, sizeof msg, "%s%s", where, text);
            *errmsg = sched_fail(s, msg);
            s->running = 0;
            return -1;
        }
        lua_checkstack(L, 3);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->anchor_ref);
        lua_rawgeti(L, -1, ev.ref);
        if (ev.kind == EV_WAKE) {
            luaL_unref(L, -2, ev.ref);
            lua_remove(L, -2); /* thread on top */
            if (lua_status(lua_tothread(L, -1)) != LUA_YIELD) {
                lua_pop(L, 1); /* the script closed or finished it meanwhile: done */
                continue;
            }
        } else {
            lua_State *co = lua_newthread(L);
            lua_rotate(L, -2, 1); /* anchor, thread, fn */
            lua_xmove(L, co, 1);
            if (ev.kind == EV_EVERY && ev.t <= ev.until - ev.period) {
                sched_ev next = ev;
                if (heap_room(s) < 0) { /* cannot happen: ev was just taken out */
                    char where[LUA_IDSIZE + 32], msg[LUA_IDSIZE + 256], num[SCMSG_NUM], text[200];
                    lua_pop(L, 2);
                    where_of_ev(s, L, &ev, where, sizeof where);
                    SCMSG(text, sizeof text, MSG_SC_TOO_MANY_TASKS, scmsg_int(num, (long long)s->max));
                    snprintf(msg, sizeof msg, "%s%s", where, text);
                    *errmsg = sched_fail(s, msg);
                    s->running = 0;
                    return -1;
                }
                next.t = ev.t + ev.period; /* queued before it runs: cancel() finds it */
                heap_push(s, next);
            } else {
                luaL_unref(L, -2, ev.ref);
            }
            lua_remove(L, -2);
        }
        steps++;
        if (step(s, ev.task, ev.origin, errmsg) < 0) {
            s->running = 0;
            return -1;
        }
    }
    if (t_ms > s->now) s->now = t_ms;
    sandbox_set_time(s->sb, s->now);
    s->running = 0;
    return steps;
}
