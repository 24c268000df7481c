/*
 * scen.c — the scenario runtime: scenario{}, station{}, records.*, truth.*, the time
 * wrappers, and the outputs (truth.json, records.jsonl). Objects and acts: scen_obj.c.
 */
#include "scen_private.h"

#include "clock.h"
#include "hjcode.h"
#include "hjfraud.h"
#include "hjtime.h"
#include "scmsg.h"
#include "plant.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char REG_KEY = 'S'; /* registry key: the scen */

scen *scen_of(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &REG_KEY);
    scen *s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!s) luaL_error(L, "scenario runtime missing"); /* a binding used outside scen */
    return s;
}

void scen_fail(scen *s, const char *fmt, ...)
{
    if (s->failed) return;
    s->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
}

void scen_problem_add(scen *s, int severity, int64_t t, const char *where, const char *text)
{
    size_t n = strlen(where) + strlen(text) + 3;
    char *line = malloc(n);
    if (!line) return;
    snprintf(line, n, "%s%s%s", where, where[0] ? " " : "", text);
    for (size_t i = 0; i < s->nprob; i++) { /* found again: counted */
        scen_problem_t *p = &s->problems[i];
        if (p->error == severity && strcmp(p->text, line) == 0) {
            p->count++;
            p->last = t;
            free(line);
            return;
        }
    }
    if (s->nprob >= SCEN_MAX_PROBLEMS) {
        free(line);
        return;
    }
    if (s->nprob == s->cap_prob) {
        size_t cap = s->cap_prob ? 2 * s->cap_prob : 16;
        scen_problem_t *p = realloc(s->problems, cap * sizeof *p);
        if (!p) {
            free(line);
            return;
        }
        s->problems = p;
        s->cap_prob = cap;
    }
    s->problems[s->nprob++] = (scen_problem_t){line, severity, 1, t, t};
}

/* "file:line:" of the Lua code calling the running C function. */
static void where_of(lua_State *L, char *buf, size_t n)
{
    luaL_where(L, 1);
    snprintf(buf, n, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    size_t k = strlen(buf);
    if (k && buf[k - 1] == ' ') buf[k - 1] = '\0';
}

static void fmt_local(int64_t t, char *buf, size_t n)
{
    if (hjtime_format(t, buf, n) < 0) snprintf(buf, n, "?");
}

/* ---- table helpers ---- */

void scen_check_fields(lua_State *L, int t, const char *fname, const char *const *known)
{
    t = lua_absindex(L, t);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            if (lua_type(L, -1) == LUA_TNUMBER)
                SCMSG_ERROR(L, MSG_SC_LIST_ITEM, fname, lua_tostring(L, -1));
            SCMSG_ERROR(L, MSG_SC_FIELD_NAMES, fname);
        }
        const char *k = lua_tostring(L, -1);
        int ok = 0;
        for (size_t i = 0; known[i]; i++)
            if (strcmp(k, known[i]) == 0) ok = 1;
        if (!ok) {
            const char *pick = scmsg_suggest(k, known);
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (size_t i = 0; known[i]; i++) {
                if (i) luaL_addstring(&b, ", ");
                luaL_addstring(&b, known[i]);
            }
            luaL_pushresult(&b);
            if (pick)
                SCMSG_ERROR(L, MSG_SC_UNKNOWN_FIELD_MEAN, fname, k, pick, lua_tostring(L, -1));
            SCMSG_ERROR(L, MSG_SC_UNKNOWN_FIELD, fname, k, lua_tostring(L, -1));
        }
    }
}

static void check_table(lua_State *L, int arg, const char *fname)
{
    if (lua_type(L, arg) != LUA_TTABLE)
        SCMSG_ERROR(L, MSG_SC_TABLE_EXPECTED, fname, luaL_typename(L, arg));
}

/* t.key as a string: 1 and *out, 0 when nil; raises on another type. */
static int opt_string(lua_State *L, int t, const char *fname, const char *key, const char **out)
{
    int ty = lua_getfield(L, t, key);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TSTRING)
        SCMSG_ERROR(L, MSG_SC_MUST_STRING, fname, key, luaL_typename(L, -1));
    *out = lua_tostring(L, -1);
    lua_pop(L, 1); /* the string stays referenced by the table */
    return 1;
}

int scen_opt_number(lua_State *L, int t, const char *fname, const char *key, double *out)
{
    int ty = lua_getfield(L, t, key);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TNUMBER)
        SCMSG_ERROR(L, MSG_SC_MUST_NUMBER, fname, key, luaL_typename(L, -1));
    *out = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (!isfinite(*out)) SCMSG_ERROR(L, MSG_SC_MUST_FINITE, fname, key);
    return 1;
}

/* A scenario time field (required or not) resolved against the start. */
static int opt_time(lua_State *L, scen *s, int t, const char *fname, const char *key, int64_t *out)
{
    const char *str = NULL;
    int ty = lua_getfield(L, t, key);
    if (ty != LUA_TNIL && ty != LUA_TSTRING)
        SCMSG_ERROR(L, MSG_SC_TIME_FIELD_TYPE, fname, key, i18n(MSG_LIB_TIME_FORMS),
                    luaL_typename(L, -1));
    lua_pop(L, 1);
    if (!opt_string(L, t, fname, key, &str)) return 0;
    if (clock_parse_time(str, s->start, out) < 0 || strlen(str) > 64)
        SCMSG_ERROR(L, MSG_SC_BAD_TIME_FIELD, fname, key, str, i18n(MSG_LIB_TIME_FORMS));
    return 1;
}

static const char *const WATER_KEYS[] = {"cod", "toc",  "nh3n", "tp", "tn",
                                         "ph",  "temp", "cond", NULL};

void scen_check_water(lua_State *L, int idx, const char *what, water *q, int st_idx)
{
    idx = lua_absindex(L, idx);
    check_table(L, idx, what);
    scen_check_fields(L, idx, what, WATER_KEYS);
    double *f[] = {&q->cod, &q->toc, &q->nh3n, &q->tp, &q->tn, &q->ph, &q->temp, &q->cond};
    int got[8] = {0};
    for (int i = 0; i < 8; i++) {
        double v = 0;
        if (scen_opt_number(L, idx, what, WATER_KEYS[i], &v)) {
            if (i == 5 ? !(v >= 0 && v <= 14) : !(v >= 0 && v <= 1e6))
                if (i != 6 || !(v >= -5 && v <= 100))
                {
                    char num[SCMSG_NUM];
                    SCMSG_ERROR(L, MSG_SC_OUT_OF_RANGE, what, WATER_KEYS[i], scmsg_num(num, v));
                }
            *f[i] = v;
            got[i] = 1;
        }
    }
    if (got[0] && !got[1]) {
        scen *s = scen_of(L);
        double k = st_idx >= 0 && (size_t)st_idx < s->n ? s->cfgs[st_idx].world.plant.cod_toc : 3.0;
        q->toc = q->cod / (k > 0 ? k : 3.0);
    }
}

/* ---- scenario{} ---- */

static int l_scenario(lua_State *L)
{
    scen *s = scen_of(L);
    const char *fn = "scenario{}";
    check_table(L, 1, fn);
    static const char *const known[] = {"name", "start", "duration", "seed", NULL};
    scen_check_fields(L, 1, fn, known);
    if (s->have_scenario) return SCMSG_ERROR(L, MSG_SC_TWICE, fn);
    if (!s->loading) return SCMSG_ERROR(L, MSG_SC_TOP_LEVEL, fn);
    const char *name = NULL, *start = NULL, *dur = NULL;
    if (!opt_string(L, 1, fn, "name", &name) || !name[0])
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_STRING, fn, "name");
    char num[SCMSG_NUM];
    if (strlen(name) >= SCEN_NAME_MAX)
        return SCMSG_ERROR(L, MSG_SC_TOO_LONG, fn, "name", scmsg_int(num, SCEN_NAME_MAX - 1));
    if (!opt_string(L, 1, fn, "start", &start))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "start", "\"YYYY-MM-DD HH:MM\"");
    int64_t t0 = 0, d = 0;
    if (strlen(start) > 64 || hjtime_parse_datetime(start, &t0) < 0)
        return SCMSG_ERROR(L, MSG_SC_BAD_DATE, fn, "start", start);
    if (!opt_string(L, 1, fn, "duration", &dur))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "duration", i18n(MSG_LIB_DURATION_FORMS));
    if (sched_parse_duration(dur, &d) < 0)
        return SCMSG_ERROR(L, MSG_SC_BAD_DURATION_FIELD, fn, "duration", dur,
                           i18n(MSG_LIB_DURATION_FORMS));
    if (d < HJTIME_MINUTE_MS || d > 366 * HJTIME_DAY_MS)
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "duration", "1m .. 366d");
    uint64_t seed = 1;
    int ty = lua_getfield(L, 1, "seed");
    if (ty != LUA_TNIL) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
            return SCMSG_ERROR(L, MSG_SC_NONNEG_INTEGER, fn, "seed");
        seed = (uint64_t)lua_tointeger(L, -1);
    }
    lua_pop(L, 1);
    if (sched_set_start(s->sc, t0) < 0) return SCMSG_ERROR(L, MSG_SC_TIME_RUNS, fn);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->start = t0;
    s->end = t0 + d;
    s->seed = s->opts.seed_override ? s->opts.seed : seed;
    rng_seed(&s->rng, s->seed, rng_stream_id(0, "scenario"));
    s->have_scenario = 1;
    return 0;
}

/* ---- station{} ---- */

static int opt_bool(lua_State *L, int t, const char *fname, const char *key, int *out)
{
    int ty = lua_getfield(L, t, key);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (ty != LUA_TBOOLEAN)
        SCMSG_ERROR(L, MSG_SC_MUST_BOOL, fname, key, luaL_typename(L, -1));
    *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return 1;
}

/* plant.effluent / plant.raw over the profile's means; cod without toc: toc derived (0). */
static void plant_water(lua_State *L, int t, const char *key, water *w)
{
    if (lua_getfield(L, t, key) != LUA_TNIL) {
        char what[64];
        snprintf(what, sizeof what, "station{}: plant.%s", key);
        water q = *w;
        double toc = q.toc;
        scen_check_water(L, -1, what, &q, -1);
        int has_toc = lua_getfield(L, -1, "toc") != LUA_TNIL;
        lua_pop(L, 1);
        q.toc = has_toc ? q.toc : (q.cod != w->cod ? 0 : toc);
        *w = q;
    }
    lua_pop(L, 1);
}

static void parse_plant(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: plant";
    static const char *const known[] = {"profile", "flow_m3h", "effluent", "raw",
                                        "shifts",  "noise",    "pattern",  "cod_toc",
                                        "eq_h",    "hrt_h",    "lag_h",    NULL};
    scen_check_fields(L, t, fn, known);
    plant_cfg *p = &c->world.plant;
    double v = 0;
    if (scen_opt_number(L, t, fn, "flow_m3h", &v)) p->flow_m3h = v;
    if (scen_opt_number(L, t, fn, "noise", &v)) p->noise = v;
    if (scen_opt_number(L, t, fn, "pattern", &v)) p->pattern = v;
    if (scen_opt_number(L, t, fn, "cod_toc", &v)) p->cod_toc = v;
    if (scen_opt_number(L, t, fn, "eq_h", &v)) p->eq_h = v;
    if (scen_opt_number(L, t, fn, "hrt_h", &v)) p->hrt_h = v;
    if (scen_opt_number(L, t, fn, "lag_h", &v)) p->lag_h = v;
    plant_water(L, t, "effluent", &p->effluent);
    plant_water(L, t, "raw", &p->raw);
    if (lua_getfield(L, t, "shifts") != LUA_TNIL) {
        if (!lua_istable(L, -1)) SCMSG_ERROR(L, MSG_SC_SHIFTS, fn);
        lua_Integer n = luaL_len(L, -1);
        p->nshifts = 0;
        for (lua_Integer i = 1; i <= n; i++) {
            char a[SCMSG_NUM], b[SCMSG_NUM];
            lua_geti(L, -1, i);
            if (lua_type(L, -1) != LUA_TSTRING)
                SCMSG_ERROR(L, MSG_SC_SHIFT_STRING, fn, scmsg_int(a, i));
            if (plant_cfg_add_shift(p, lua_tostring(L, -1)) < 0)
                SCMSG_ERROR(L, MSG_SC_SHIFT_BAD, fn, scmsg_int(a, i), lua_tostring(L, -1),
                            scmsg_int(b, PLANT_MAX_SHIFTS));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

static void parse_facilities(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: facilities";
    static const char *const known[] = {"production", "treatment", NULL};
    scen_check_fields(L, t, fn, known);
    plant_cfg *p = &c->world.plant;
    for (int kind = 0; kind < 2; kind++) {
        const char *key = kind == PLANT_FAC_PRODUCTION ? "production" : "treatment";
        if (lua_getfield(L, t, key) != LUA_TNIL) {
            if (!lua_istable(L, -1)) SCMSG_ERROR(L, MSG_SC_NAME_LIST, fn, key);
            lua_Integer n = luaL_len(L, -1);
            if (kind == PLANT_FAC_PRODUCTION)
                p->nproduction = 0;
            else
                p->ntreatment = 0;
            p->named |= 1 << kind;
            for (lua_Integer i = 1; i <= n; i++) {
                char a[SCMSG_NUM], b[SCMSG_NUM], m[SCMSG_NUM];
                lua_geti(L, -1, i);
                const char *name = lua_tostring(L, -1);
                if (lua_type(L, -1) != LUA_TSTRING || !name[0])
                    SCMSG_ERROR(L, MSG_SC_NAME_ITEM, fn, key, scmsg_int(a, i));
                for (int k = 0; k < p->nproduction; k++)
                    if (strcmp(p->production[k], name) == 0)
                        SCMSG_ERROR(L, MSG_SC_DUP_FACILITY, fn, name);
                for (int k = 0; k < p->ntreatment; k++)
                    if (strcmp(p->treatment[k], name) == 0)
                        SCMSG_ERROR(L, MSG_SC_DUP_FACILITY, fn, name);
                if (plant_cfg_add_facility(p, kind, name) < 0)
                    SCMSG_ERROR(L, MSG_SC_TOO_MANY_FACILITIES, fn, key, scmsg_int(a, i),
                                scmsg_int(b, PLANT_MAX_FACILITIES), scmsg_int(m, PLANT_NAME_MAX - 1));
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
}

static void parse_limits(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: limits";
    static const char *const known[] = {"cod", "nh3n", "tp", "tn", "ph", NULL};
    scen_check_fields(L, t, fn, known);
    double v = 0;
    if (scen_opt_number(L, t, fn, "cod", &v)) c->limits.cod = v;
    if (scen_opt_number(L, t, fn, "nh3n", &v)) c->limits.nh3n = v;
    if (scen_opt_number(L, t, fn, "tp", &v)) c->limits.tp = v;
    if (scen_opt_number(L, t, fn, "tn", &v)) c->limits.tn = v;
    if (lua_getfield(L, t, "ph") != LUA_TNIL) {
        if (!lua_istable(L, -1) || luaL_len(L, -1) != 2 || lua_geti(L, -1, 1) != LUA_TNUMBER ||
            lua_geti(L, -2, 2) != LUA_TNUMBER)
            SCMSG_ERROR(L, MSG_SC_PH_PAIR, fn);
        c->limits.ph_lo = lua_tonumber(L, -2);
        c->limits.ph_hi = lua_tonumber(L, -1);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

static void parse_analyzers(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: analyzers";
    static const char *const known[] = {"cod", "nh3n", "tp", "tn", "ph", NULL};
    scen_check_fields(L, t, fn, known);
    int ty = lua_getfield(L, t, "cod");
    if (ty == LUA_TSTRING) {
        const char *k = lua_tostring(L, -1);
        if (strcmp(k, "cod") == 0)
            c->cod = STATION_COD_DICHROMATE;
        else if (strcmp(k, "toc") == 0)
            c->cod = STATION_COD_TOC;
        else
            SCMSG_ERROR(L, MSG_SC_COD_KIND, fn, lua_pushfstring(L, "\"%s\"", k));
    } else if (ty == LUA_TBOOLEAN) {
        c->cod = lua_toboolean(L, -1) ? STATION_COD_DICHROMATE : STATION_COD_NONE;
    } else if (ty != LUA_TNIL) {
        SCMSG_ERROR(L, MSG_SC_COD_KIND, fn, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    c->fitted[STATION_P_COD] = c->cod != STATION_COD_NONE;
    int b = 0;
    if (opt_bool(L, t, fn, "nh3n", &b)) c->fitted[STATION_P_NH3N] = b;
    if (opt_bool(L, t, fn, "tp", &b)) c->fitted[STATION_P_TP] = b;
    if (opt_bool(L, t, fn, "tn", &b)) c->fitted[STATION_P_TN] = b;
    if (opt_bool(L, t, fn, "ph", &b)) c->ph = b;
}

/* The fields only a water station has: plant, limits, analyzers, facilities, cycle,
 * sample_delay, flow_meter. */
static void parse_water(lua_State *L, station_cfg *c)
{
    const char *fn = "station{}", *str = NULL;
    if (lua_getfield(L, 1, "plant") != LUA_TNIL) parse_plant(L, lua_gettop(L), c);
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "limits") != LUA_TNIL) {
        check_table(L, -1, "station{}: limits");
        parse_limits(L, lua_gettop(L), c);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "analyzers") != LUA_TNIL) {
        check_table(L, -1, "station{}: analyzers");
        parse_analyzers(L, lua_gettop(L), c);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "facilities") != LUA_TNIL) {
        check_table(L, -1, "station{}: facilities");
        parse_facilities(L, lua_gettop(L), c);
    }
    lua_pop(L, 1);
    if (opt_string(L, 1, fn, "cycle", &str)) {
        int64_t d = 0;
        if (sched_parse_duration(str, &d) < 0)
            SCMSG_ERROR(L, MSG_SC_BAD_DURATION_FIELD, fn, "cycle", str, i18n(MSG_LIB_DURATION_FORMS));
        c->cycle_ms = d;
    }
    if (opt_string(L, 1, fn, "sample_delay", &str)) {
        int64_t d = 0;
        if (sched_parse_duration(str, &d) < 0)
            SCMSG_ERROR(L, MSG_SC_BAD_DURATION_FIELD, fn, "sample_delay", str,
                        i18n(MSG_LIB_DURATION_FORMS));
        c->world.sample_delay_ms = d;
    }
    if (opt_string(L, 1, fn, "flow_meter", &str)) {
        if (strcmp(str, "downstream") == 0)
            c->world.meter = CHANNEL_METER_DOWNSTREAM;
        else if (strcmp(str, "upstream") == 0)
            c->world.meter = CHANNEL_METER_UPSTREAM;
        else
            SCMSG_ERROR(L, MSG_SC_FLOW_METER, fn);
    }
}

/* kind = "water" (default) | "gas" | "vocs" (GAS.md). */
static int station_kind_arg(lua_State *L)
{
    int kind = STATION_WATER;
    if (lua_getfield(L, 1, "kind") != LUA_TNIL) {
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        if (strcmp(k, "gas") == 0)
            kind = STATION_GAS;
        else if (strcmp(k, "vocs") == 0)
            kind = STATION_VOCS;
        else if (strcmp(k, "water") != 0)
            SCMSG_ERROR(L, MSG_SC_KIND, "station{}", luaL_tolstring(L, -1, NULL));
    }
    lua_pop(L, 1);
    return kind;
}

/* The profile named by plant.profile (water or stack profiles by kind); -1 for none. */
static int station_profile_arg(lua_State *L, int kind)
{
    int profile = -1;
    if (lua_getfield(L, 1, "plant") != LUA_TNIL) {
        if (!lua_istable(L, -1)) SCMSG_ERROR(L, MSG_SC_TABLE_EXPECTED, "station{}: plant", luaL_typename(L, -1));
        const char *pn = NULL;
        if (opt_string(L, -1, "station{}: plant", "profile", &pn)) {
            profile = kind == STATION_WATER ? plant_profile_from_name(pn) : stack_profile_from_name(pn);
            if (profile < 0)
                SCMSG_ERROR(L, kind == STATION_WATER ? MSG_SC_PROFILE : MSG_SC_GAS_PROFILE, "station{}", pn);
        }
    }
    lua_pop(L, 1);
    return profile;
}

static void station_identity(lua_State *L, scen *s, station_cfg *c)
{
    const char *fn = "station{}", *str = NULL;
    char num[SCMSG_NUM];
    if (!opt_string(L, 1, fn, "mn", &str)) SCMSG_ERROR(L, MSG_SC_REQUIRED_STRING, fn, "mn");
    if (strlen(str) >= sizeof c->mn) SCMSG_ERROR(L, MSG_SC_MN_LONG, fn);
    snprintf(c->mn, sizeof c->mn, "%s", str);
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->cfgs[i].mn, c->mn) == 0) SCMSG_ERROR(L, MSG_SC_DUP_MN, fn, c->mn, s->where[i]);
    if (opt_string(L, 1, fn, "name", &str)) {
        if (strlen(str) >= sizeof c->name)
            SCMSG_ERROR(L, MSG_SC_TOO_LONG, fn, "name", scmsg_int(num, sizeof c->name - 1));
        snprintf(c->name, sizeof c->name, "%s", str);
    }
    if (opt_string(L, 1, fn, "pw", &str)) {
        if (strlen(str) >= sizeof c->pw || !str[0])
            SCMSG_ERROR(L, MSG_SC_BAD_PW, fn, scmsg_int(num, sizeof c->pw - 1));
        snprintf(c->pw, sizeof c->pw, "%s", str);
    }
    int ty = lua_getfield(L, 1, "protocol");
    if (ty != LUA_TNIL) {
        const char *p = lua_tostring(L, -1);
        if ((ty != LUA_TSTRING && ty != LUA_TNUMBER) || !p ||
            (strcmp(p, "2017") != 0 && strcmp(p, "2025") != 0))
            SCMSG_ERROR(L, MSG_SC_PROTOCOL, fn);
        c->protocol = atoi(p);
    }
    lua_pop(L, 1);
}

static void station_cameras(lua_State *L, station_cfg *c)
{
    const char *fn = "station{}";
    char num[SCMSG_NUM];
    if (lua_getfield(L, 1, "cameras") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            SCMSG_ERROR(L, MSG_SC_CAMERAS, fn);
        c->camera[STATION_CAM_STATION] = c->camera[STATION_CAM_OUTFALL] = 0;
        lua_Integer n = luaL_len(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_geti(L, -1, i);
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
            if (strcmp(k, "station") == 0)
                c->camera[STATION_CAM_STATION] = 1;
            else if (strcmp(k, "outfall") == 0)
                c->camera[STATION_CAM_OUTFALL] = 1;
            else
                SCMSG_ERROR(L, MSG_SC_CAMERA_ITEM, fn, scmsg_int(num, i));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

static int l_station(lua_State *L)
{
    scen *s = scen_of(L);
    const char *fn = "station{}";
    check_table(L, 1, fn);
    static const char *const known[] = {
        "mn",    "name",    "pw",         "protocol",     "plant",      "limits", "analyzers",
        "cycle", "cameras", "facilities", "sample_delay", "flow_meter", "kind",   NULL};
    static const char *const gas_known[] = {"kind",   "mn",        "name",  "pw",      "protocol",
                                            "plant",  "limits",    "analyzers", "stack", "cameras",
                                            NULL};
    int kind = station_kind_arg(L);
    scen_check_fields(L, 1, fn, kind == STATION_WATER ? known : gas_known);
    char num[SCMSG_NUM];
    if (!s->have_scenario) return SCMSG_ERROR(L, MSG_SC_SCENARIO_FIRST, fn);
    if (!s->loading) return SCMSG_ERROR(L, MSG_SC_TOP_LEVEL, fn);
    if (s->n >= SCEN_MAX_STATIONS)
        return SCMSG_ERROR(L, MSG_SC_MAX_STATIONS, fn, scmsg_int(num, SCEN_MAX_STATIONS));
    /* the profile first: every other field defaults from it */
    int profile = station_profile_arg(L, kind);
    station_cfg c;
    if (kind == STATION_WATER) {
        station_cfg_default(&c, profile < 0 ? PLANT_DYEING : profile);
    } else {
        if (profile < 0) profile = kind == STATION_VOCS ? STACK_COATING_VOCS : STACK_COAL_BOILER;
        station_cfg_default_gas(&c, profile);
        c.kind = kind;
        if (kind == STATION_VOCS) c.gas.nmhc = 1;
    }
    station_identity(L, s, &c);
    if (kind == STATION_WATER)
        parse_water(L, &c);
    else
        scen_gas_parse(L, &c);
    station_cameras(L, &c);
    char err[256] = "";
    int bad = station_cfg_check(&c, err, sizeof err);
    if (bad < 0) return luaL_error(L, "station{}: %s", i18n_cfgerr(-bad));
    /* append */
    station_cfg *nc = realloc(s->cfgs, (s->n + 1) * sizeof *nc);
    if (!nc) return SCMSG_ERROR(L, MSG_SC_NO_MEMORY, fn);
    s->cfgs = nc;
    char(*nw)[128] = realloc(s->where, (s->n + 1) * sizeof *nw);
    if (!nw) return SCMSG_ERROR(L, MSG_SC_NO_MEMORY, fn);
    s->where = nw;
    s->cfgs[s->n] = c;
    where_of(L, s->where[s->n], sizeof s->where[s->n]);
    size_t k = strlen(s->where[s->n]);
    if (k && s->where[s->n][k - 1] == ':') s->where[s->n][k - 1] = '\0';
    s->n++;
    scen_obj_push_station(L, s, (int)s->n - 1);
    return 1;
}

/* ---- the time functions: the scheduler's, with a check against the run's span ---- */

void scen_warn(lua_State *L, scen *s, const char *text)
{
    char w[SCEN_WHERE_MAX], lib[SCEN_WHERE_MAX], body[SCEN_WHERE_MAX * 2 + 1024];
    sandbox_user_where(L, w, sizeof w);
    sandbox_lib_where(L, lib, sizeof lib);
    if (lib[0] && w[0]) { /* a library's act: the scenario line first, the library's kept */
        char in[SCEN_WHERE_MAX + 64];
        lib[strlen(lib) - 1] = '\0';
        SCMSG(in, sizeof in, MSG_SC_INSIDE_LIB, lib);
        snprintf(body, sizeof body, "%s %s", text, in);
    } else {
        snprintf(body, sizeof body, "%s", text);
    }
    scen_problem_add(s, SCEN_WARNING, s->loading ? INT64_MIN : sched_now(s->sc), w, body);
    if (!s->loading) { /* while loading, run prints the problems at its start */
        char whole[sizeof body + SCEN_WHERE_MAX + 2], line[sizeof whole + 64];
        snprintf(whole, sizeof whole, "%s%s%s", w, w[0] ? " " : "", body);
        SCMSG(line, sizeof line, MSG_SC_WARNING_LINE, whole);
        sandbox_log(s->sb, line);
    }
}

static void note_outside(lua_State *L, scen *s, const char *fname, const char *arg, int64_t t)
{
    if (!s->have_scenario || t <= s->end) return;
    char a[32], b[32], text[400];
    fmt_local(t, a, sizeof a);
    fmt_local(s->end, b, sizeof b);
    SCMSG(text, sizeof text, MSG_SC_AFTER_END, fname, arg, a, b);
    scen_warn(L, s, text);
}

/* Calls the scheduler's own function (registry ref) with the arguments of this call. */
static int call_orig(lua_State *L, int ref)
{
    int n = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

static void need_scenario(lua_State *L, scen *s, const char *fname)
{
    if (!s->have_scenario)
        SCMSG_ERROR(L, MSG_SC_SCENARIO_FIRST, fname);
}

static int l_at(lua_State *L)
{
    scen *s = scen_of(L);
    need_scenario(L, s, "at");
    /* the checks of the scheduler's at(), so that its messages keep naming 'at' */
    if (lua_type(L, 1) != LUA_TSTRING)
        return SCMSG_ARGERROR(L, 1, MSG_SC_TIME_TYPE, i18n(MSG_LIB_TIME_FORMS), luaL_typename(L, 1));
    const char *str = lua_tostring(L, 1);
    int64_t t = 0;
    if (sched_parse_time(s->sc, str, &t) < 0)
        return SCMSG_ARGERROR(L, 1, MSG_SC_BAD_TIME, str, i18n(MSG_LIB_TIME_FORMS));
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (t < sched_now(s->sc)) {
        char a[32], b[32];
        fmt_local(t, a, sizeof a);
        fmt_local(sched_now(s->sc), b, sizeof b);
        return SCMSG_ARGERROR(L, 1, MSG_SC_IN_PAST, a, b);
    }
    note_outside(L, s, "at", str, t);
    lua_settop(L, 2);
    return call_orig(L, s->at_ref);
}

static int l_after(lua_State *L)
{
    scen *s = scen_of(L);
    need_scenario(L, s, "after");
    if (lua_type(L, 1) != LUA_TSTRING)
        return SCMSG_ARGERROR(L, 1, MSG_SC_DURATION_TYPE, i18n(MSG_LIB_DURATION_FORMS),
                              luaL_typename(L, 1));
    const char *str = lua_tostring(L, 1);
    int64_t d = 0;
    if (sched_parse_duration(str, &d) < 0)
        return SCMSG_ARGERROR(L, 1, MSG_SC_BAD_DURATION, str, i18n(MSG_LIB_DURATION_FORMS));
    luaL_checktype(L, 2, LUA_TFUNCTION);
    int64_t now = sched_now(s->sc);
    if (d <= INT64_MAX - now) note_outside(L, s, "after", str, now + d);
    lua_settop(L, 2);
    return call_orig(L, s->after_ref);
}

static int l_every(lua_State *L)
{
    scen *s = scen_of(L);
    need_scenario(L, s, "every");
    if (lua_type(L, 1) != LUA_TSTRING)
        return SCMSG_ARGERROR(L, 1, MSG_SC_DURATION_TYPE, i18n(MSG_LIB_DURATION_FORMS),
                              luaL_typename(L, 1));
    const char *str = lua_tostring(L, 1);
    int64_t d = 0;
    if (sched_parse_duration(str, &d) < 0 || d <= 0)
        return SCMSG_ARGERROR(L, 1, MSG_SC_BAD_PERIOD, str, i18n(MSG_LIB_DURATION_FORMS));
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const known[] = {"from", "to", NULL};
        scen_check_fields(L, 3, "every", known);
        int64_t t = 0;
        if (opt_time(L, s, 3, "every", "from", &t)) {
            lua_getfield(L, 3, "from");
            note_outside(L, s, "every{from}", lua_tostring(L, -1), t);
            lua_pop(L, 1);
        }
        opt_time(L, s, 3, "every", "to", &t);
    }
    lua_settop(L, 3);
    return call_orig(L, s->every_ref);
}

/* ---- records ---- */

/* A lab parameter: a water code of the code table, or its short name ("cod"). */
static const char *hj_code_of(const char *p)
{
    const hjcode *c = hjcode_lookup(p);
    return c && c->kind == HJCODE_WATER ? c->code : NULL;
}

static int mn_local(const scen *s, const char *mn);

static void add_record(lua_State *L, scen *s, int64_t t, cJSON *o)
{
    const cJSON *mn = cJSON_GetObjectItemCaseSensitive(o, "mn");
    if (cJSON_IsString(mn) && !mn_local(s, mn->valuestring)) { /* another shard's */
        ++s->rec_seq;
        cJSON_Delete(o);
        return;
    }
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!line) SCMSG_ERROR(L, MSG_SC_NO_MEMORY, "records");
    if (s->nrec >= SCEN_MAX_RECORDS) {
        char num[SCMSG_NUM];
        cJSON_free(line);
        SCMSG_ERROR(L, MSG_SC_MAX_RECORDS, "records", scmsg_int(num, SCEN_MAX_RECORDS));
    }
    if (s->nrec == s->cap_rec) {
        size_t cap = s->cap_rec ? 2 * s->cap_rec : 64;
        scen_record *r = realloc(s->rec, cap * sizeof *r);
        if (!r) {
            cJSON_free(line);
            SCMSG_ERROR(L, MSG_SC_NO_MEMORY, "records");
        }
        s->rec = r;
        s->cap_rec = cap;
    }
    s->rec[s->nrec++] = (scen_record){t, ++s->rec_seq, line};
}

static const char *station_mn_arg(lua_State *L, scen *s, int t, const char *fname)
{
    if (lua_getfield(L, t, "station") == LUA_TNIL) {
        lua_pop(L, 1);
        if (s->n == 1) return s->cfgs[0].mn;
        SCMSG_ERROR(L, MSG_SC_STATION_REQUIRED, fname);
    }
    int i = -1;
    if (lua_type(L, -1) == LUA_TSTRING) {
        for (size_t k = 0; k < s->n; k++)
            if (strcmp(s->cfgs[k].mn, lua_tostring(L, -1)) == 0) i = (int)k;
        if (i < 0)
            SCMSG_ERROR(L, MSG_SC_NO_SUCH_MN, fname, lua_tostring(L, -1));
    } else {
        i = scen_obj_check_station(L, -1);
    }
    lua_pop(L, 1);
    return s->cfgs[i].mn;
}

static void iso(int64_t t, char *buf, size_t n)
{
    if (hjtime_format_iso(t, buf, n) < 0) snprintf(buf, n, "?");
}

/* The fields of records.work_order (SCENARIO-API.md), the one list of them. `filed`: when
 * the order reached the O&M system (default: its start); written after "who" when given. */
static const char *const WORK_ORDER_FIELDS[] = {"station", "task", "start", "end",
                                                "who",     "filed", NULL};

static int l_work_order(lua_State *L)
{
    scen *s = scen_of(L);
    const char *fn = "records.work_order";
    need_scenario(L, s, fn);
    check_table(L, 1, fn);
    scen_check_fields(L, 1, fn, WORK_ORDER_FIELDS);
    const char *mn = station_mn_arg(L, s, 1, fn);
    const char *task = NULL, *who = "O&M";
    if (!opt_string(L, 1, fn, "task", &task) || !task[0])
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "task", "\"calibration\", \"maintenance\" ...");
    opt_string(L, 1, fn, "who", &who);
    if (!who[0]) return SCMSG_ERROR(L, MSG_SC_EMPTY, fn, "who");
    int64_t t0 = 0, t1 = 0;
    if (!opt_time(L, s, 1, fn, "start", &t0))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "start", i18n(MSG_LIB_TIME_FORMS));
    if (!opt_time(L, s, 1, fn, "end", &t1))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "end", i18n(MSG_LIB_TIME_FORMS));
    if (t1 < t0) return SCMSG_ERROR(L, MSG_SC_BEFORE, fn, "end", "start");
    int64_t tf = 0;
    /* any time: an order filed after its end is paperwork done afterwards */
    int filed = opt_time(L, s, 1, fn, "filed", &tf);
    char a[40], b[40], f[40];
    iso(t0, a, sizeof a);
    iso(t1, b, sizeof b);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "work_order");
    cJSON_AddStringToObject(o, "mn", mn);
    cJSON_AddStringToObject(o, "task", task);
    cJSON_AddStringToObject(o, "start", a);
    cJSON_AddStringToObject(o, "end", b);
    cJSON_AddStringToObject(o, "who", who);
    if (filed) {
        iso(tf, f, sizeof f);
        cJSON_AddStringToObject(o, "filed", f);
    }
    /* the platform sees an order from when it was filed (SCENARIO-API.md), else its start */
    add_record(L, s, filed ? tf : t0, o);
    return 0;
}

static int l_lab(lua_State *L)
{
    scen *s = scen_of(L);
    const char *fn = "records.lab";
    need_scenario(L, s, fn);
    check_table(L, 1, fn);
    static const char *const known[] = {"station", "param", "time", "value", NULL};
    scen_check_fields(L, 1, fn, known);
    const char *mn = station_mn_arg(L, s, 1, fn);
    const char *param = NULL;
    if (!opt_string(L, 1, fn, "param", &param))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "param", "cod, nh3n, tp, tn, ph ...");
    const char *code = hj_code_of(param);
    if (!code)
        return SCMSG_ERROR(L, MSG_SC_UNKNOWN_LAB_PARAM, fn, param);
    int64_t t = 0;
    if (!opt_time(L, s, 1, fn, "time", &t))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "time", i18n(MSG_LIB_TIME_FORMS));
    double v = 0;
    if (!scen_opt_number(L, 1, fn, "value", &v)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "value");
    char a[40];
    iso(t, a, sizeof a);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "lab");
    cJSON_AddStringToObject(o, "mn", mn);
    cJSON_AddStringToObject(o, "param", code);
    cJSON_AddStringToObject(o, "time", a);
    cJSON_AddNumberToObject(o, "value", v);
    add_record(L, s, t, o);
    return 0;
}

/* ---- truth ---- */

static int l_truth_begin(lua_State *L)
{
    scen *s = scen_of(L);
    const char *fn = "truth.begin";
    need_scenario(L, s, fn);
    check_table(L, 1, fn);
    static const char *const known[] = {"type", "station", "note", NULL};
    scen_check_fields(L, 1, fn, known);
    const char *type = NULL, *note = "";
    if (!opt_string(L, 1, fn, "type", &type))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED_FORM, fn, "type", "sample_cup_injection ...");
    if (!hjfraud_find(type)) {
        const char *pick = scmsg_suggest(type, hjfraud_keys());
        if (pick) return SCMSG_ERROR(L, MSG_SC_UNKNOWN_TYPE_MEAN, fn, type, pick);
        return SCMSG_ERROR(L, MSG_SC_UNKNOWN_TYPE, fn, type);
    }
    const char *mn = station_mn_arg(L, s, 1, fn);
    opt_string(L, 1, fn, "note", &note);
    if (s->nev >= SCEN_MAX_EVENTS)
        return SCMSG_ERROR(L, MSG_SC_MAX_EVENTS, fn, scmsg_int((char[SCMSG_NUM]){0}, SCEN_MAX_EVENTS));
    if (s->nev == s->cap_ev) {
        size_t cap = s->cap_ev ? 2 * s->cap_ev : 16;
        scen_event *e = realloc(s->ev, cap * sizeof *e);
        if (!e) return SCMSG_ERROR(L, MSG_SC_NO_MEMORY, fn);
        s->ev = e;
        s->cap_ev = cap;
    }
    char *n = strdup(note);
    if (!n) return SCMSG_ERROR(L, MSG_SC_NO_MEMORY, fn);
    scen_event *e = &s->ev[s->nev];
    memset(e, 0, sizeof *e);
    e->id = (int)s->nev + 1;
    snprintf(e->type, sizeof e->type, "%s", type);
    snprintf(e->mn, sizeof e->mn, "%s", mn);
    e->start = sched_now(s->sc);
    e->end = e->start;
    e->open = 1;
    e->note = n;
    s->nev++;
    lua_pushinteger(L, e->id);
    return 1;
}

static int l_truth_finish(lua_State *L)
{
    scen *s = scen_of(L);
    lua_Integer id = luaL_checkinteger(L, 1);
    if (!(id >= 1 && (size_t)id <= s->nev)) return scmsg_argerror(L, 1, MSG_SC_NO_EVENT, NULL, 0);
    scen_event *e = &s->ev[id - 1];
    if (!e->open) {
        lua_pushboolean(L, 0); /* already finished: a no-op */
        return 1;
    }
    e->open = 0;
    e->end = sched_now(s->sc);
    lua_pushboolean(L, 1);
    return 1;
}

/* ---- hjrange: what library modules get from the program ----
 * hjrange.lang   "en" or "zh", the CLI's language
 * hjrange.text(key, ...)   the row MSG_LIB_<KEY> of sim/scenario/i18n-scen.h in that language,
 *                          filled with tostring of the arguments (scmsg templates)
 * hjrange.suggest(word, names)   the name of the list closest to word if it looks like a
 *                                typo of it ("did you mean"), else nil
 * hjrange.fraud_types()   the fraud catalogue's type keys in catalogue order, a new list
 *                         each call (proto/hjfraud.h: the library's fraud.types)
 * hjrange.codes([kind])   the water codes by their short names, { cod = "w01018", ... }, a new
 *                   table each call (proto/hjcode.h); codes("gas"): the gas codes, { so2 = "a21026", ... }
 * hjrange.local_seconds(text)   "YYYY-MM-DD HH:MM[:SS]" (China time, a real date) as seconds
 *                               of China time since 1970-01-01 00:00, or nil (proto/hjtime.h)
 * hjrange.local_text(seconds)   the inverse: "YYYY-MM-DD HH:MM:SS" */

static const struct {
    const char *id;
    i18n_msg msg;
} LIB_TEXTS[] = {
#define SCEN_LIB_ROW(id, en, zh) {#id, id},
    I18N_MESSAGES_SCEN(SCEN_LIB_ROW)
#undef SCEN_LIB_ROW
};

static int l_hj_text(lua_State *L)
{
    enum { MAX_ARGS = 16 };
    const char *key = luaL_checkstring(L, 1), *args[MAX_ARGS];
    int n = lua_gettop(L) - 1;
    for (size_t i = 0; i < sizeof LIB_TEXTS / sizeof LIB_TEXTS[0]; i++) {
        if (strncmp(LIB_TEXTS[i].id, "MSG_LIB_", 8) != 0 || strcasecmp(LIB_TEXTS[i].id + 4, key) != 0)
            continue;
        if (n > MAX_ARGS) n = MAX_ARGS;
        for (int a = 0; a < n; a++)
            args[a] = luaL_tolstring(L, a + 2, NULL);
        scmsg_push(L, LIB_TEXTS[i].msg, args, n);
        return 1;
    }
    return luaL_argerror(L, 1, lua_pushfstring(L, "no text '%s' (sim/scenario/i18n-scen.h: MSG_LIB_*)", key));
}

static int l_hj_suggest(lua_State *L)
{
    enum { MAX_NAMES = 256 };
    const char *word = luaL_checkstring(L, 1), *names[MAX_NAMES + 1];
    size_t k = 0;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 2);
    for (lua_Integer i = 1; i <= n && k < MAX_NAMES; i++) {
        if (lua_rawgeti(L, 2, i) == LUA_TSTRING) names[k++] = lua_tostring(L, -1);
        lua_pop(L, 1); /* the string stays in the list */
    }
    names[k] = NULL;
    const char *pick = scmsg_suggest(word, names);
    if (pick)
        lua_pushstring(L, pick);
    else
        lua_pushnil(L);
    return 1;
}

static int l_hj_fraud_types(lua_State *L)
{
    lua_createtable(L, (int)hjfraud_count(), 0);
    for (size_t i = 0; i < hjfraud_count(); i++) {
        lua_pushstring(L, hjfraud_at(i)->key);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int l_hj_codes(lua_State *L)
{
    static const char *const kinds[] = {"water", "gas", NULL};
    int kind = luaL_checkoption(L, 1, "water", kinds) ? HJCODE_GAS : HJCODE_WATER;
    lua_newtable(L);
    for (size_t i = 0; i < hjcode_count(); i++) {
        const hjcode *c = hjcode_at(i);
        if ((int)c->kind != kind || !c->alias) continue;
        lua_pushstring(L, c->code);
        lua_setfield(L, -2, c->alias);
    }
    return 1;
}

static int l_hj_local_seconds(lua_State *L)
{
    int64_t t = 0;
    const char *text = lua_tostring(L, 1);
    if (lua_type(L, 1) != LUA_TSTRING || hjtime_parse_datetime(text, &t) != 0) {
        lua_pushnil(L);
        return 1;
    }
    /* exact: China time is a whole number of seconds from UTC */
    lua_pushinteger(L, (lua_Integer)((t + HJTIME_TZ_MS) / HJTIME_SECOND_MS));
    return 1;
}

static int l_hj_local_text(lua_State *L)
{
    lua_Integer local = luaL_checkinteger(L, 1);
    /* the calendar's range in seconds, far beyond any drill */
    luaL_argcheck(L, local > -((lua_Integer)1 << 50) && local < ((lua_Integer)1 << 50), 1,
                  "time out of range");
    char text[40];
    hjtime_format((int64_t)local * HJTIME_SECOND_MS - HJTIME_TZ_MS, text, sizeof text);
    lua_pushstring(L, text);
    return 1;
}

/* ---- life ---- */

static void default_log(void *ctx, int64_t t, const char *text)
{
    (void)ctx;
    char ts[32];
    fmt_local(t, ts, sizeof ts);
    fprintf(stderr, "[%s] %s\n", ts, text);
}

static void sb_log(void *ud, int64_t t, const char *text)
{
    scen *s = ud;
    if (s->opts.log)
        s->opts.log(s->opts.log_ctx, t, text);
    else
        default_log(NULL, t, text);
}

static double sb_uniform(void *ud)
{
    return rng_uniform(&((scen *)ud)->rng);
}
static double sb_normal(void *ud, double mu, double sigma)
{
    return rng_normal(&((scen *)ud)->rng, mu, sigma);
}

static int take_global(lua_State *L, const char *name)
{
    lua_getglobal(L, name);
    return luaL_ref(L, LUA_REGISTRYINDEX);
}

scen *scen_new(const scen_opts *opts, char *err, size_t errlen)
{
    scen *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (opts) s->opts = *opts;
    if (s->opts.shard_count < 0 || s->opts.shard_count > SCEN_MAX_STATIONS ||
        (s->opts.shard_count > 0 &&
         (s->opts.shard_index < 1 || s->opts.shard_index > s->opts.shard_count))) {
        snprintf(err, errlen, "shard %d/%d: 1 <= I <= N expected", s->opts.shard_index,
                 s->opts.shard_count);
        free(s);
        return NULL;
    }
    s->seed = s->opts.seed_override ? s->opts.seed : 1;
    rng_seed(&s->rng, s->seed, rng_stream_id(0, "scenario"));
    for (size_t i = 0; i < SCEN_MAX_FILTERS; i++)
        s->filters[i].ref = LUA_NOREF;
    s->sb = sandbox_new(s->opts.limits);
    if (!s->sb) {
        snprintf(err, errlen, "cannot create the Lua sandbox");
        goto fail;
    }
    sandbox_set_log(s->sb, sb_log, s);
    sandbox_set_rng(s->sb, sb_uniform, sb_normal, s);
    if (s->opts.lib_dir) sandbox_set_lib_dir(s->sb, s->opts.lib_dir);
    s->sc = sched_new(s->sb, 0, 0);
    if (!s->sc) {
        snprintf(err, errlen, "cannot create the scheduler");
        goto fail;
    }
    lua_State *L = sandbox_state(s->sb);
    lua_pushlightuserdata(L, s);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &REG_KEY);
    s->at_ref = take_global(L, "at");
    s->after_ref = take_global(L, "after");
    s->every_ref = take_global(L, "every");
    s->sleep_ref = take_global(L, "sleep");
    static const luaL_Reg records[] = {{"work_order", l_work_order}, {"lab", l_lab}, {NULL, NULL}};
    static const luaL_Reg truth[] = {
        {"begin", l_truth_begin}, {"finish", l_truth_finish}, {NULL, NULL}};
    static const luaL_Reg hj[] = {{"text", l_hj_text},
                                  {"suggest", l_hj_suggest},
                                  {"fraud_types", l_hj_fraud_types},
                                  {"codes", l_hj_codes},
                                  {"local_seconds", l_hj_local_seconds},
                                  {"local_text", l_hj_local_text},
                                  {NULL, NULL}};
    if (sandbox_register(s->sb, "scenario", l_scenario) < 0 ||
        sandbox_register(s->sb, "station", l_station) < 0 ||
        sandbox_register(s->sb, "at", l_at) < 0 || sandbox_register(s->sb, "after", l_after) < 0 ||
        sandbox_register(s->sb, "every", l_every) < 0 ||
        sandbox_register_lib(s->sb, "records", records) < 0 ||
        sandbox_register_lib(s->sb, "truth", truth) < 0 ||
        sandbox_register_lib(s->sb, "hjrange", hj) < 0) {
        snprintf(err, errlen, "cannot register the scenario API");
        goto fail;
    }
    lua_getglobal(L, "hjrange");
    lua_pushstring(L, i18n_get() == I18N_ZH ? "zh" : "en");
    lua_setfield(L, -2, "lang");
    lua_pop(L, 1);
    scen_obj_register(L);
    return s;
fail:
    scen_free(s);
    return NULL;
}

void scen_free(scen *s)
{
    if (!s) return;
    scen_obj_filters_free(s);
    if (s->rec_f) fclose(s->rec_f);
    sched_free(s->sc);
    sandbox_free(s->sb);
    for (size_t i = 0; i < s->nev; i++)
        free(s->ev[i].note);
    for (size_t i = 0; i < s->nrec; i++)
        cJSON_free(s->rec[i].line);
    for (size_t i = 0; i < s->nprob; i++)
        free(s->problems[i].text);
    free(s->problems);
    for (size_t i = 0; s->models && i < s->n; i++)
        station_free(s->models[i]);
    free(s->models);
    free(s->dau_off);
    free(s->poll_next);
    free(s->nfilters);
    free(s->ev);
    free(s->rec);
    free(s->cfgs);
    free(s->where);
    free(s->ridx);
    free(s);
}

/* Text scan for `truth.begin { ... type = "X" ... }` with an X not in the catalogue:
 * truth.begin calls inside at() functions only run with time, check reports them now. */
static void scan_truth_types(scen *s, const char *path, const char *buf)
{
    const char *p = buf;
    while ((p = strstr(p, "truth.begin")) != NULL) {
        const char *q = p + 11, *stop = strchr(q, '}');
        if (!stop) break;
        const char *ty = strstr(q, "type");
        while (ty && ty < stop) {
            const char *v = ty + 4;
            while (*v == ' ' || *v == '\t')
                v++;
            if (*v == '=') {
                v++;
                while (*v == ' ' || *v == '\t')
                    v++;
                if (*v == '"' || *v == '\'') {
                    char quote = *v++, word[64];
                    size_t k = 0;
                    while (v[k] && v[k] != quote && k < sizeof word - 1) {
                        word[k] = v[k];
                        k++;
                    }
                    word[k] = '\0';
                    const char *after = v[k] == quote ? v + k + 1 : v + k;
                    while (*after == ' ' || *after == '\t')
                        after++;
                    int whole = strchr(",;}\r\n", *after) != NULL && *after; /* not "a" .. b */
                    if (whole && !hjfraud_find(word)) {
                        int line = 1;
                        for (const char *c = buf; c < ty; c++)
                            line += *c == '\n';
                        char w[1100], text[200];
                        snprintf(w, sizeof w, "%s:%d:", path, line);
                        const char *pick = scmsg_suggest(word, hjfraud_keys());
                        if (pick)
                            SCMSG(text, sizeof text, MSG_SC_UNKNOWN_TYPE_MEAN, "truth.begin", word,
                                  pick);
                        else
                            SCMSG(text, sizeof text, MSG_SC_SCAN_TYPE, "truth.begin", word);
                        scen_problem_add(s, SCEN_ERROR, INT64_MIN, w, text);
                    }
                }
                break;
            }
            ty = strstr(ty + 4, "type");
        }
        p = stop;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int line_of(const char *buf, const char *at)
{
    int line = 1;
    for (const char *c = buf; c < at; c++)
        line += *c == '\n';
    return line;
}

/* Text scan for `fraud.NAME` where the fraud library (if it loads) has no NAME: a typo in
 * a call that only runs with time. Lines commented out with -- are skipped. */
static void scan_fraud_calls(scen *s, const char *path, const char *buf)
{
    if (!strstr(buf, "fraud.") || !sandbox_alive(s->sb)) return;
    lua_State *L = sandbox_state(s->sb);
    lua_getglobal(L, "require");
    lua_pushstring(L, "fraud");
    const char *em = NULL;
    if (sandbox_pcall(s->sb, 1, 1, &em) != 0) { /* no library: nothing to check */
        if (!sandbox_alive(s->sb)) snprintf(s->err, sizeof s->err, "%s", em); /* a kill */
        return;
    }
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    for (const char *p = strstr(buf, "fraud."); p; p = strstr(p + 6, "fraud.")) {
        if (p > buf && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.')) continue;
        const char *ls = p;
        while (ls > buf && ls[-1] != '\n')
            ls--;
        const char *dash = strstr(ls, "--");
        if (dash && dash < p) continue;
        char name[64];
        size_t k = 0;
        while ((isalnum((unsigned char)p[6 + k]) || p[6 + k] == '_') && k < sizeof name - 1) {
            name[k] = p[6 + k];
            k++;
        }
        name[k] = '\0';
        if (!k) continue;
        lua_pushstring(L, name);
        int ty = lua_rawget(L, -2);
        lua_pop(L, 1);
        if (ty == LUA_TNIL) { /* the text of the library's own error (fraud.lua's __index) */
            char w[1100], text[1024], list[700] = "";
            const char *names[65], *pick = NULL;
            size_t nn = 0;
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION && nn < 64)
                    names[nn++] = lua_tostring(L, -2);
                lua_pop(L, 1);
            }
            names[nn] = NULL;
            qsort(names, nn, sizeof names[0], cmp_str);
            for (size_t i = 0; i < nn; i++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                         names[i]);
            pick = scmsg_suggest(name, names);
            snprintf(w, sizeof w, "%s:%d:", path, line_of(buf, p));
            if (pick)
                SCMSG(text, sizeof text, MSG_LIB_NO_FUNCTION_MEAN, "fraud", name, pick);
            else
                SCMSG(text, sizeof text, MSG_LIB_NO_FUNCTION, "fraud", name, list);
            scen_problem_add(s, SCEN_ERROR, INT64_MIN, w, text);
        }
    }
    lua_pop(L, 1);
}

int scen_load(scen *s, const char *path)
{
    const char *em = NULL;
    snprintf(s->path, sizeof s->path, "%s", path);
    s->loading = 1;
    int rc = sandbox_dofile(s->sb, path, &em);
    s->loading = 0;
    if (rc != 0) {
        snprintf(s->err, sizeof s->err, "%s", em ? em : "error");
        return -1;
    }
    FILE *f = fopen(path, "rb");
    char *buf = malloc(SCEN_SCAN_MAX + 1);
    if (f && buf) {
        size_t n = fread(buf, 1, SCEN_SCAN_MAX, f);
        buf[n] = '\0';
        scan_truth_types(s, path, buf);
        scan_fraud_calls(s, path, buf);
    }
    if (f) fclose(f);
    free(buf);
    if (!sandbox_alive(s->sb)) return -1; /* killed in the scan: s->err has the kill */
    if (!s->have_scenario) {
        SCMSG(s->err, sizeof s->err, MSG_SC_NO_SCENARIO, path);
        return -1;
    }
    if (s->n == 0) {
        SCMSG(s->err, sizeof s->err, MSG_SC_NO_STATION, path);
        return -1;
    }
    return 0;
}

const char *scen_errmsg(const scen *s)
{
    return s->err;
}
size_t scen_problem_count(const scen *s)
{
    return s->nprob;
}
const char *scen_problem(const scen *s, size_t i)
{
    return i < s->nprob ? s->problems[i].text : NULL;
}
int scen_problem_is_error(const scen *s, size_t i)
{
    return i < s->nprob && s->problems[i].error;
}
int64_t scen_problem_time(const scen *s, size_t i, int last)
{
    if (i >= s->nprob) return INT64_MIN;
    return last ? s->problems[i].last : s->problems[i].first;
}
unsigned scen_problem_repeats(const scen *s, size_t i)
{
    return i < s->nprob ? s->problems[i].count : 0;
}
size_t scen_error_count(const scen *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->nprob; i++)
        k += (size_t)s->problems[i].error;
    return k;
}
size_t scen_warning_count(const scen *s)
{
    return s->nprob - scen_error_count(s);
}
const char *scen_name(const scen *s)
{
    return s->name;
}
uint64_t scen_seed(const scen *s)
{
    return s->seed;
}
int64_t scen_start(const scen *s)
{
    return s->start;
}
int64_t scen_end(const scen *s)
{
    return s->end;
}
size_t scen_station_count(const scen *s)
{
    return s->n;
}
const station_cfg *scen_stations(const scen *s)
{
    return s->cfgs;
}
int scen_failed(const scen *s)
{
    return s->failed;
}
size_t scen_pending(const scen *s)
{
    return sched_pending(s->sc);
}
size_t scen_event_count(const scen *s)
{
    return s->nev;
}
int scen_event_at(const scen *s, size_t i, scen_event_info *out)
{
    if (i >= s->nev) return -1;
    const scen_event *e = &s->ev[i];
    *out = (scen_event_info){e->id, e->type, e->mn, e->start, e->open ? 0 : e->end, e->open};
    return 0;
}
size_t scen_record_count(const scen *s)
{
    return s->nrec;
}

int scen_station_local(const scen *s, size_t i)
{
    if (s->opts.shard_count <= 0) return 1;
    return (int)(i % (size_t)s->opts.shard_count) == s->opts.shard_index - 1;
}

size_t scen_local_count(const scen *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        k += (size_t)scen_station_local(s, i);
    return k;
}

int scen_attach(scen *s, range *r)
{
    if (!r || range_count(r) != scen_local_count(s)) return -1;
    int *ridx = malloc((s->n ? s->n : 1) * sizeof *ridx);
    if (!ridx) return -1;
    int k = 0;
    for (size_t i = 0; i < s->n; i++)
        ridx[i] = scen_station_local(s, i) ? k++ : -1;
    free(s->ridx);
    s->ridx = ridx;
    s->r = r;
    return 0;
}

int scen_attached(const scen *s)
{
    return s->r != NULL || s->models != NULL;
}

station *scen_range_station(scen *s, int i)
{
    if (i < 0 || (size_t)i >= s->n) return NULL;
    if (s->models) { /* check steps a model when it is used: the state at a time does not
                        depend on how time was cut (station.h) */
        station_step(s->models[i], sched_now(s->sc));
        return s->models[i];
    }
    if (!s->r || !s->ridx || s->ridx[i] < 0) return NULL;
    return range_station(s->r, (size_t)s->ridx[i]);
}

dau *scen_range_dau(scen *s, int i)
{
    if (!s->r || !s->ridx || i < 0 || (size_t)i >= s->n || s->ridx[i] < 0) return NULL;
    return range_dau(s->r, (size_t)s->ridx[i]);
}

int scen_attach_models(scen *s)
{
    if (s->r || s->models || s->n == 0) return -1;
    s->models = calloc(s->n, sizeof *s->models);
    s->dau_off = calloc(s->n, sizeof *s->dau_off);
    s->poll_next = calloc(s->n, sizeof *s->poll_next);
    s->nfilters = calloc(s->n, sizeof *s->nfilters);
    if (!s->models || !s->dau_off || !s->poll_next || !s->nfilters) {
        snprintf(s->err, sizeof s->err, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        char err[256] = "";
        s->models[i] = station_new(&s->cfgs[i], s->seed, s->start, err, sizeof err);
        if (!s->models[i]) {
            snprintf(s->err, sizeof s->err, "%s: station %s: %s", s->where[i], s->cfgs[i].mn,
                     err[0] ? err : "out of memory");
            return -1;
        }
        s->poll_next[i] = s->start; /* a DAU polls first at its start */
    }
    return 0;
}

static void step_stations(scen *s, int64_t t)
{
    if (s->r) {
        range_lock(s->r);
        for (size_t i = 0; i < range_count(s->r); i++)
            station_step(range_station(s->r, i), t);
        range_unlock(s->r);
    }
    /* check's models are stepped when an act or a poll uses them (scen_range_station) */
}

/* A message of the scheduler or a filter, "[virtual time] text", as a check error found
 * at t: the time apart, the file named as in scen_run_until. */
void scen_check_error(scen *s, int64_t t, const char *em)
{
    if (!em || !em[0]) em = "scenario error";
    if (em[0] == '[') { /* "[YYYY-MM-DD HH:MM:SS] " */
        const char *close = strstr(em, "] ");
        if (close && close - em < 40) em = close + 2;
    }
    /* the text scans of the file (scan_truth_types, scan_fraud_calls) found what time now
     * shows with its traceback: their entry of that line goes */
    size_t lp = strlen(s->path);
    if (strncmp(em, s->path, lp) == 0 && em[lp] == ':') {
        const char *e = em + lp + 1;
        while (*e >= '0' && *e <= '9')
            e++;
        size_t key = (size_t)(e - em) + 1; /* "file:line:" */
        for (size_t i = 0; *e == ':' && i < s->nprob; i++) {
            scen_problem_t *p = &s->problems[i];
            if (p->error && p->first == INT64_MIN && strncmp(p->text, em, key) == 0) {
                free(p->text);
                memmove(p, p + 1, (s->nprob - i - 1) * sizeof *p);
                s->nprob--;
                break;
            }
        }
    }
    if (strstr(em, s->path)) {
        scen_problem_add(s, SCEN_ERROR, t, "", em);
    } else {
        char w[sizeof s->path + 2];
        snprintf(w, sizeof w, "%s:", s->path);
        scen_problem_add(s, SCEN_ERROR, t, w, em);
    }
}

size_t scen_check_run(scen *s)
{
    size_t errors = 0;
    if (!s->models) return 0;
    while (sandbox_alive(s->sb) && errors < SCEN_CHECK_MAX_ERRORS) {
        int64_t ts = INT64_MAX, tp = scen_obj_next_poll(s);
        if (!sched_next_time(s->sc, &ts)) ts = INT64_MAX;
        int64_t t = ts < tp ? ts : tp;
        if (t > s->end) break;
        step_stations(s, t);
        if (ts == t) { /* the tasks first, then the polls of that instant (as in a run) */
            const char *em = NULL;
            if (sched_run_until(s->sc, t, &em) < 0) {
                scen_check_error(s, t, em);
                errors++;
            }
            continue;
        }
        sandbox_set_time(s->sb, t);
        errors += scen_obj_check_polls(s, t);
    }
    if (errors >= SCEN_CHECK_MAX_ERRORS) { /* the rest of the timeline is not checked */
        char num[SCMSG_NUM], text[256];
        SCMSG(text, sizeof text, MSG_SC_CHECK_STOPPED, scmsg_int(num, SCEN_CHECK_MAX_ERRORS));
        scen_problem_add(s, SCEN_ERROR, sched_now(s->sc), "", text);
    }
    return scen_error_count(s);
}

int scen_next_time(const scen *s, int64_t *t)
{
    if (s->failed || !sandbox_alive(s->sb)) return 0;
    int any = sched_next_time(s->sc, t);
    /* an O&M record reaches records.jsonl (and the platform) at its own time, not at the
     * next task's */
    for (size_t i = s->rec_written; i < s->nrec; i++)
        if (!any || s->rec[i].t < *t) {
            *t = s->rec[i].t;
            any = 1;
        }
    return any;
}

static int rec_cmp(const void *a, const void *b)
{
    const scen_record *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Appends the records due at t (all with t = INT64_MAX) in time order. */
static void records_release(scen *s, int64_t t)
{
    if (s->rec_written >= s->nrec) return;
    qsort(s->rec + s->rec_written, s->nrec - s->rec_written, sizeof *s->rec, rec_cmp);
    if (s->rec_written > 0 && s->rec[s->rec_written].t < s->rec[s->rec_written - 1].t)
        s->rec_unordered = 1;
    while (s->rec_written < s->nrec && s->rec[s->rec_written].t <= t) {
        if (s->rec_f) fprintf(s->rec_f, "%s\n", s->rec[s->rec_written].line);
        s->rec_written++;
    }
    if (s->rec_f) fflush(s->rec_f);
}

int scen_run_until(scen *s, int64_t t)
{
    if (s->failed) return -1;
    step_stations(s, t);
    const char *em = NULL;
    if (sched_run_until(s->sc, t, &em) < 0) {
        if (!em) em = "scenario error";
        if (strstr(em, s->path))
            scen_fail(s, "%s", em);
        else
            scen_fail(s, "%s: %s", s->path, em); /* name the file in every message */
        return -1;
    }
    records_release(s, t);
    return s->failed ? -1 : 0;
}

void scen_finish(scen *s, int64_t t)
{
    for (size_t i = 0; i < s->nev; i++)
        if (s->ev[i].open) {
            s->ev[i].open = 0;
            s->ev[i].end = t > s->ev[i].start ? t : s->ev[i].start;
        }
}

int scen_records_open(scen *s, const char *path)
{
    snprintf(s->rec_path, sizeof s->rec_path, "%s", path);
    s->rec_f = fopen(path, "wb");
    return s->rec_f ? 0 : -1;
}

int scen_records_close(scen *s)
{
    if (!s->rec_f) return -1;
    records_release(s, INT64_MAX);
    int rc = 0;
    if (s->rec_unordered) { /* some record came after a later one: rewrite in order */
        qsort(s->rec, s->nrec, sizeof *s->rec, rec_cmp);
        rc = freopen(s->rec_path, "wb", s->rec_f) ? 0 : -1;
        if (rc == 0)
            for (size_t i = 0; i < s->nrec; i++)
                fprintf(s->rec_f, "%s\n", s->rec[i].line);
        else
            s->rec_f = NULL;
    }
    if (s->rec_f && fclose(s->rec_f) != 0) rc = -1;
    s->rec_f = NULL;
    return rc;
}

/* The station with this MN is held here (an unknown MN counts as held). */
static int mn_local(const scen *s, const char *mn)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->cfgs[i].mn, mn) == 0) return scen_station_local(s, i);
    return 1;
}

int scen_write_truth(const scen *s, const char *path)
{
    char a[40], b[40], seed[32];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", s->name);
    snprintf(seed, sizeof seed, "%" PRIu64, s->seed);
    cJSON_AddItemToObject(o, "seed", cJSON_CreateRaw(seed));
    iso(s->start, a, sizeof a);
    iso(s->end, b, sizeof b);
    cJSON_AddStringToObject(o, "start", a);
    cJSON_AddStringToObject(o, "end", b);
    cJSON *sts = cJSON_AddArrayToObject(o, "stations");
    for (size_t i = 0; i < s->n; i++) {
        if (!scen_station_local(s, i)) continue; /* another shard's */
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "mn", s->cfgs[i].mn);
        cJSON_AddStringToObject(x, "name", s->cfgs[i].name);
        cJSON_AddItemToArray(sts, x);
    }
    cJSON *evs = cJSON_AddArrayToObject(o, "events");
    for (size_t i = 0; i < s->nev; i++) {
        const scen_event *e = &s->ev[i];
        if (!mn_local(s, e->mn)) continue; /* another shard's: ids stay those of the file */
        cJSON *x = cJSON_CreateObject();
        cJSON_AddNumberToObject(x, "id", e->id);
        cJSON_AddStringToObject(x, "type", e->type);
        cJSON_AddStringToObject(x, "mn", e->mn);
        iso(e->start, a, sizeof a);
        iso(e->end, b, sizeof b);
        cJSON_AddStringToObject(x, "start", a);
        cJSON_AddStringToObject(x, "end", b);
        cJSON_AddStringToObject(x, "note", e->note ? e->note : "");
        cJSON_AddItemToArray(evs, x);
    }
    char *txt = cJSON_Print(o);
    cJSON_Delete(o);
    if (!txt) {
        errno = ENOMEM;
        return -1;
    }
    FILE *f = fopen(path, "wb");
    int rc = -1;
    if (f) {
        rc = fputs(txt, f) < 0 || fputc('\n', f) == EOF ? -1 : 0;
        if (fclose(f) != 0) rc = -1;
    }
    cJSON_free(txt);
    return rc;
}

int scen_stage(scen *s, int idx, const char *fraud, int64_t at, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(s->sb);
    if (!fraud || !L || idx < 0 || (size_t)idx >= s->n) {
        snprintf(err, errlen, "%s", L ? "no such station or fraud type" : "scenario stopped");
        return -1;
    }
    static const char chunk[] = "local st, ty, at = ...\n"
                                "local fraud = require 'fraud'\n"
                                "fraud[ty](st, { at = at })\n";
    char when[32];
    hjtime_format(at, when, sizeof when);
    const char *em = NULL;
    int top = lua_gettop(L);
    if (luaL_loadbufferx(L, chunk, sizeof chunk - 1, "=view", "t") != LUA_OK) {
        em = lua_tostring(L, -1);
    } else {
        scen_obj_push_station(L, s, idx);
        lua_pushstring(L, fraud);
        lua_pushstring(L, when);
        if (sandbox_pcall(s->sb, 3, 0, &em) == 0)
            em = NULL;
        else if (!em)
            em = "?";
    }
    if (em) snprintf(err, errlen, "%s", em);
    if (lua_gettop(L) > top) lua_settop(L, top);
    return em ? -1 : 0;
}
