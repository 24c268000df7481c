/*
 * scen_obj.c — the station object `st` and its parts (SCENARIO-API.md "Physical acts").
 *
 * Every object is a full userdata whose metatable is locked (__metatable) and has no
 * __gc: { station index, sub-index (analyzer, camera, facility), pipe handle }. `st` and
 * its groups (st.camera, st.facility) keep their members in a user value table that
 * scripts cannot reach. An act first checks its arguments; before the range exists (the
 * file's top level) it is queued to happen at the start, after that it goes to the
 * station between range_lock and range_unlock.
 */
#include "scen_private.h"

#include "clock.h"
#include "hjcode.h"
#include "dau.h"
#include "scmsg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define T_STATION  "hj.station"
#define T_GROUP    "hj.group"
#define T_ANALYZER "hj.analyzer"
#define T_PROBE    "hj.probe"
#define T_FLOW     "hj.flow"
#define T_SAMPLER  "hj.sampler"
#define T_DOOR     "hj.door"
#define T_CAMERA   "hj.camera"
#define T_FACILITY "hj.facility"
#define T_PLANT    "hj.plant"
#define T_CHANNEL  "hj.channel"
#define T_LINE     "hj.sample_line"
#define T_DAU      "hj.dau"
#define T_PIPE     "hj.pipe"

static const char *const PNAME[STATION_P_COUNT] = {"cod", "nh3n", "tp", "tn"};
static const char *const CAMNAME[STATION_CAM_COUNT] = {"station", "outfall"};

static sobj *push_obj(lua_State *L, const char *tname, int st, int sub, int nuv)
{
    sobj *o = lua_newuserdatauv(L, sizeof *o, nuv);
    o->st = st;
    o->sub = sub;
    o->handle = 0;
    luaL_setmetatable(L, tname);
    return o;
}

static sobj *check_obj(lua_State *L, int arg, const char *tname, const char *what)
{
    sobj *o = luaL_testudata(L, arg, tname);
    if (!o)
        SCMSG_ERROR(L, MSG_SC_CALL_COLON, what, tname + 3); /* skip "hj." */
    return o;
}

int scen_obj_check_station(lua_State *L, int arg)
{
    sobj *o = luaL_testudata(L, arg, T_STATION);
    if (!o)
        SCMSG_ERROR(L, MSG_SC_ST_EXPECTED, luaL_typename(L, arg));
    return o->st;
}

/* ---- deferral: acts at the top level happen at the start ---- */

/* After the act of a deferred call: its error names the scenario line that asked for it. */
static int deferred_k(lua_State *L, int status, lua_KContext ctx)
{
    (void)ctx;
    if (status != LUA_OK && status != LUA_YIELD) {
        const char *msg = lua_tostring(L, -1);
        char tail[256];
        SCMSG(tail, sizeof tail, MSG_SC_DEFERRED, msg ? msg : "error");
        lua_pushfstring(L, "%s %s", lua_tostring(L, lua_upvalueindex(3)), tail);
        return lua_error(L);
    }
    return 0;
}

static int deferred(lua_State *L)
{
    int n = (int)lua_tointeger(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(1));
    for (int i = 0; i < n; i++)
        lua_pushvalue(L, lua_upvalueindex(4 + i));
    /* yieldable: an act may wait (st.cod:command(name, { wait = ... })) */
    return deferred_k(L, lua_pcallk(L, n, 0, 0, 0, deferred_k), 0);
}

int scen_defer(lua_State *L, lua_CFunction self, int nargs, int nret)
{
    (void)nret;
    scen *s = scen_of(L);
    if (scen_attached(s)) return 0; /* running: the station is another shard's, a no-op */
    if (nargs > 16) return luaL_error(L, "scen_defer: too many arguments"); /* a binding's bug */
    int base = lua_gettop(L) - nargs; /* args at base+1 .. base+nargs */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->at_ref);
    lua_pushstring(L, "+0s");
    lua_pushcfunction(L, self);
    lua_pushinteger(L, nargs);
    char where[SCEN_WHERE_MAX];
    sandbox_user_where(L, where, sizeof where);
    lua_pushstring(L, where);
    for (int i = 1; i <= nargs; i++) {
        int a = base + i;
        if (lua_type(L, a) == LUA_TTABLE) { /* a copy: later changes to it do not count */
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, a) != 0) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
        } else {
            lua_pushvalue(L, a);
        }
    }
    lua_pushcclosure(L, deferred, 3 + nargs);
    lua_call(L, 2, 0);
    return 0;
}

/* The station of an object, or NULL when the run has not started (defer then) or when
 * another shard holds it (scen_defer is then a no-op). */
static station *live(lua_State *L, int st)
{
    return scen_range_station(scen_of(L), st);
}

/* Around an act on a station of the range (its net thread may serve it); check's models
 * have no other thread. */
static void lock(lua_State *L)
{
    scen *s = scen_of(L);
    if (s->r) range_lock(s->r);
}
static void unlock(lua_State *L)
{
    scen *s = scen_of(L);
    if (s->r) range_unlock(s->r);
}

static const char *st_mn(lua_State *L, int st)
{
    return scen_of(L)->cfgs[st].mn;
}

static int opt_bool_field(lua_State *L, int t, const char *fname, const char *key, int *out)
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

static const char *opt_str_field(lua_State *L, int t, const char *fname, const char *key,
                                 size_t max)
{
    int ty = lua_getfield(L, t, key);
    const char *v = NULL;
    if (ty == LUA_TSTRING || ty == LUA_TNUMBER)
        v = lua_tostring(L, -1);
    else if (ty != LUA_TNIL)
        SCMSG_ERROR(L, MSG_SC_MUST_STRING, fname, key, luaL_typename(L, -1));
    char num[SCMSG_NUM];
    if (v && strlen(v) >= max) SCMSG_ERROR(L, MSG_SC_TOO_LONG, fname, key, scmsg_int(num, (long long)max - 1));
    lua_pop(L, 1); /* still referenced by the table */
    return v;
}

static void check_tbl(lua_State *L, int arg, const char *fname)
{
    if (lua_type(L, arg) != LUA_TTABLE)
        SCMSG_ERROR(L, MSG_SC_TABLE_EXPECTED, fname, luaL_typename(L, arg));
}

/* An act the station refused (a value the device does not take): id is the reason. */
static int act_failed(lua_State *L, const char *fname, i18n_msg why)
{
    return SCMSG_ERROR(L, MSG_SC_ACT_FAILED, fname, i18n(why));
}

/* ---- st ---- */

static int l_person_enters(lua_State *L)
{
    const char *fn = "st:person_enters";
    sobj *o = check_obj(L, 1, T_STATION, fn);
    lua_settop(L, 2);
    if (lua_isnoneornil(L, 2)) {
        lua_newtable(L);
        lua_replace(L, 2);
    }
    check_tbl(L, 2, fn);
    static const char *const known[] = {"who", "card", NULL};
    scen_check_fields(L, 2, fn, known);
    const char *who = opt_str_field(L, 2, fn, "who", STATION_WHO_MAX);
    const char *card = opt_str_field(L, 2, fn, "card", 32);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_person_enters, 2, 0);
    lock(L);
    int rc = station_person_enters(st, who ? who : "person", card);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_ROOM_FULL);
    return 0;
}

static int l_person_leaves(lua_State *L)
{
    const char *fn = "st:person_leaves";
    sobj *o = check_obj(L, 1, T_STATION, fn);
    lua_settop(L, 2);
    const char *who = NULL;
    if (!lua_isnil(L, 2)) {
        check_tbl(L, 2, fn);
        static const char *const known[] = {"who", NULL};
        scen_check_fields(L, 2, fn, known);
        who = opt_str_field(L, 2, fn, "who", STATION_WHO_MAX);
    }
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_person_leaves, 2, 0);
    lock(L);
    int rc = station_person_leaves(st, who);
    unlock(L);
    if (rc < 0)
    {
        if (who) return SCMSG_ERROR(L, MSG_SC_NOT_IN_ROOM, fn, who);
        return SCMSG_ERROR(L, MSG_SC_NOBODY_IN_ROOM, fn);
    }
    return 0;
}

static int l_outfall_people(lua_State *L)
{
    const char *fn = "st:outfall_people";
    sobj *o = check_obj(L, 1, T_STATION, fn);
    lua_Integer n = luaL_checkinteger(L, 2);
    if (!(n >= 0 && n <= 100)) return SCMSG_ARGERROR(L, 2, MSG_SC_RANGE_ONLY, "0 .. 100");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_outfall_people, 2, 0);
    lock(L);
    int rc = station_outfall_people(st, (int)n);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static const char *const STATION_KEYS[] = {
    "cod",      "nh3n",  "tp",      "tn",          "ph",  "flow", "sampler", "door", "camera",
    "facility", "plant", "channel", "sample_line", "dau", "mn",   "name",
    /* gas and VOCs stations (GAS.md) */
    "so2", "nox", "o2", "co", "co2", "pm", "nmhc", "probe", "line", "cylinder", "flue", "damper",
    NULL};

/* The names of the string keys of the table at t, sorted (a stable "did you mean"), into
 * names (at most max - 1, NULL-terminated; they live as long as the table). */
static void table_names(lua_State *L, int t, const char **names, size_t max)
{
    size_t k = 0;
    t = lua_absindex(L, t);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && k + 1 < max) names[k++] = lua_tostring(L, -2);
        lua_pop(L, 1);
    }
    names[k] = NULL;
    for (size_t i = 1; i < k; i++) /* insertion sort: a handful of names */
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *x = names[j];
            names[j] = names[j - 1];
            names[j - 1] = x;
        }
}

static int station_index(lua_State *L)
{
    sobj *o = luaL_checkudata(L, 1, T_STATION);
    (void)o;
    lua_getiuservalue(L, 1, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL) return 1;
    lua_pop(L, 2);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1; /* a method */
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    for (size_t i = 0; k && STATION_KEYS[i]; i++)
        if (strcmp(k, STATION_KEYS[i]) == 0) return 1; /* not fitted: nil */
    const char *names[64], *pick = NULL;
    size_t n = 0;
    for (; STATION_KEYS[n]; n++)
        names[n] = STATION_KEYS[n];
    table_names(L, lua_upvalueindex(1), names + n, 64 - n); /* the methods */
    pick = k ? scmsg_suggest(k, names) : NULL;
    if (pick) return SCMSG_ERROR(L, MSG_SC_NO_FIELD_MEAN, "st", k, pick);
    return SCMSG_ERROR(L, MSG_SC_NO_FIELD, "st", k ? k : luaL_typename(L, 2),
                       "cod nh3n tp tn ph flow sampler door camera facility plant channel "
                       "sample_line dau mn name person_enters person_leaves outfall_people");
}

/* How a script names an object: "st.cod", "st.camera.outfall", "st.facility.blower". */
static const char *obj_name(lua_State *L, int idx, char *buf, size_t n)
{
    static const struct {
        const char *tname, *name;
    } names[] = {{T_PROBE, "st.ph"},     {T_FLOW, "st.flow"},       {T_SAMPLER, "st.sampler"},
                 {T_DOOR, "st.door"},    {T_PLANT, "st.plant"},     {T_CHANNEL, "st.channel"},
                 {T_LINE, "st.sample_line"}, {T_DAU, "st.dau"},     {T_PIPE, "pipe"}};
    sobj *o = NULL;
    if ((o = luaL_testudata(L, idx, T_ANALYZER)) != NULL) {
        snprintf(buf, n, "st.%s", PNAME[o->sub]);
    } else if ((o = luaL_testudata(L, idx, T_CAMERA)) != NULL) {
        snprintf(buf, n, "st.camera.%s", CAMNAME[o->sub]);
    } else if ((o = luaL_testudata(L, idx, T_FACILITY)) != NULL) {
        const plant_cfg *pc = &scen_of(L)->cfgs[o->st].world.plant;
        snprintf(buf, n, "st.facility.%s",
                 o->sub < pc->nproduction ? pc->production[o->sub]
                                          : pc->treatment[o->sub - pc->nproduction]);
    } else if (scen_gas_obj_name(L, idx, buf, n)) {
        return buf;
    } else {
        snprintf(buf, n, "object");
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (luaL_testudata(L, idx, names[i].tname)) snprintf(buf, n, "%s", names[i].name);
    }
    return buf;
}

/* __index of the objects with methods only: a name that is not a method is a mistake. */
static int obj_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    const char *names[32], *pick = NULL;
    char on[80];
    table_names(L, lua_upvalueindex(1), names, 32);
    obj_name(L, 1, on, sizeof on);
    pick = k ? scmsg_suggest(k, names) : NULL;
    if (pick) return SCMSG_ERROR(L, MSG_SC_NO_METHOD_MEAN, on, k, pick);
    if (!names[0]) return SCMSG_ERROR(L, MSG_SC_NO_METHODS, on, k ? k : luaL_typename(L, 2));
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; names[i]; i++) {
        if (i) luaL_addstring(&b, ", ");
        luaL_addstring(&b, names[i]);
    }
    luaL_pushresult(&b);
    return SCMSG_ERROR(L, MSG_SC_NO_METHOD, on, k ? k : luaL_typename(L, 2), lua_tostring(L, -1));
}

static int group_index(lua_State *L)
{
    luaL_checkudata(L, 1, T_GROUP);
    lua_getiuservalue(L, 1, 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    return 1;
}

static int readonly(lua_State *L)
{
    return SCMSG_ERROR(L, MSG_SC_READ_ONLY, lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

static int obj_tostring(lua_State *L)
{
    sobj *o = lua_touserdata(L, 1);
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__name");
    const char *tn = lua_tostring(L, -1);
    scen *s = scen_of(L);
    const char *mn = o && o->st >= 0 && (size_t)o->st < s->n ? s->cfgs[o->st].mn : "?";
    lua_pushfstring(L, "%s %s", tn ? tn + 3 : "object", mn);
    return 1;
}

/* ---- analyzers ---- */

static const char *an_name(lua_State *L, const sobj *o, const char *method, char *buf, size_t n)
{
    (void)L;
    snprintf(buf, n, "st.%s:%s", PNAME[o->sub], method);
    return buf;
}

static int l_add_to_cup(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_ANALYZER, "st.cod:add_to_cup");
    an_name(L, o, "add_to_cup", fn, sizeof fn);
    lua_settop(L, 2);
    check_tbl(L, 2, fn);
    /* ml plus water fields */
    double ml = 0;
    lua_newtable(L); /* the water part */
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "ml") == 0) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 3);
    }
    if (!scen_opt_number(L, 2, fn, "ml", &ml)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "ml");
    if (!(ml > 0 && ml <= 10000)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "ml", "0 .. 10000");
    water q;
    station *st = live(L, o->st);
    if (st)
        station_tap_water(st, &q);
    else
        memset(&q, 0, sizeof q);
    scen_check_water(L, 3, fn, &q, o->st);
    if (!st) {
        lua_settop(L, 2);
        return scen_defer(L, l_add_to_cup, 2, 0);
    }
    lock(L);
    int rc = station_add_to_cup(st, PNAME[o->sub], ml, &q);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

/* The command of l_command on the analyzer at 1, name at 2, options at 3; 4: the retries
 * left, 5: the wait as given. Accepted: true. Refused: after a minute at the panel it
 * tries again while retries are left (sleep, continued here), else a warning naming the
 * scenario line and false, "busy" | "fault" | "refused". */
static int command_k(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    (void)ctx;
    char fn[48];
    sobj *o = lua_touserdata(L, 1);
    const char *cmd = lua_tostring(L, 2);
    an_name(L, o, "command", fn, sizeof fn);
    station *st = live(L, o->st);
    if (!st) return 0; /* another shard's station */
    lock(L);
    int rc = station_analyzer_command(st, PNAME[o->sub], cmd);
    unlock(L);
    if (rc == 0) {
        lua_pushboolean(L, 1);
        return 1;
    }
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    lua_Integer left = lua_tointeger(L, 4);
    if (left > 0) {
        scen *s = scen_of(L);
        lua_pushinteger(L, left - 1);
        lua_replace(L, 4);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->sleep_ref);
        lua_pushliteral(L, "1m");
        lua_callk(L, 1, 0, 0, command_k);
        return command_k(L, LUA_OK, 0); /* sleep always yields; not reached */
    }
    const char *why = rc == HWDEV_EX_BUSY ? "busy" : rc == HWDEV_EX_FAILURE ? "fault" : "refused";
    char text[512], reason[256];
    SCMSG(reason, sizeof reason,
          rc == HWDEV_EX_BUSY      ? MSG_SC_CMD_BUSY
          : rc == HWDEV_EX_FAILURE ? MSG_SC_CMD_FAULT
                                   : MSG_SC_CMD_REFUSED_OTHER,
          PNAME[o->sub]);
    if (lua_isstring(L, 5))
        SCMSG(text, sizeof text, MSG_SC_CMD_REFUSED_WAIT, fn, cmd, lua_tostring(L, 5), reason);
    else
        SCMSG(text, sizeof text, MSG_SC_CMD_REFUSED, fn, cmd, reason);
    scen_warn(L, scen_of(L), text);
    lua_pushboolean(L, 0);
    lua_pushstring(L, why);
    return 2;
}

static int l_command(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_ANALYZER, "st.cod:command");
    an_name(L, o, "command", fn, sizeof fn);
    const char *cmd = luaL_checkstring(L, 2);
    if (analyzer_cmd_by_name(cmd) < 0)
    {
        static const char *const cmds[] = {"measure",        "standard_check", "calibrate",
                                           "stop",           "restart",        "blank_check",
                                           "zero_check",     "span_check",     "zero_calibrate",
                                           "span_calibrate", "two_point_calibrate", "initialise",
                                           NULL};
        const char *pick = scmsg_suggest(cmd, cmds);
        if (pick) return SCMSG_ERROR(L, MSG_SC_UNKNOWN_COMMAND_MEAN, fn, cmd, pick);
        return SCMSG_ERROR(L, MSG_SC_UNKNOWN_COMMAND, fn, cmd,
                           "measure, standard_check, calibrate, stop, restart, blank_check, "
                           "zero_check, span_check, zero_calibrate, span_calibrate, "
                           "two_point_calibrate, initialise");
    }
    lua_settop(L, 3);
    int64_t wait = 0;
    if (!lua_isnil(L, 3)) {
        check_tbl(L, 3, fn);
        static const char *const known[] = {"wait", NULL};
        scen_check_fields(L, 3, fn, known);
        if (lua_getfield(L, 3, "wait") != LUA_TNIL &&
            (lua_type(L, -1) != LUA_TSTRING || sched_parse_duration(lua_tostring(L, -1), &wait) < 0))
            return SCMSG_ERROR(L, MSG_SC_BAD_DURATION_FIELD, fn, "wait", luaL_tolstring(L, -1, NULL),
                               i18n(MSG_LIB_DURATION_FORMS));
        lua_pop(L, 1);
    }
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_command, 3, 0);
    if (wait > 0 && !lua_isyieldable(L))
        return SCMSG_ERROR(L, MSG_SC_WAIT_NEEDS_TASK, fn);
    lua_settop(L, 3);
    lua_pushinteger(L, (lua_Integer)(wait / HJTIME_MINUTE_MS)); /* one try a minute */
    if (wait > 0)
        lua_getfield(L, 3, "wait");
    else
        lua_pushnil(L);
    return command_k(L, LUA_OK, 0);
}

/* cycle and digestion_time: a duration string or seconds. */
static int is_duration_param(int p)
{
    return p == ANALYZER_P_INTERVAL || p == ANALYZER_P_DIGEST_TIME;
}

static int l_set(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_ANALYZER, "st.cod:set");
    an_name(L, o, "set", fn, sizeof fn);
    check_tbl(L, 2, fn);
    double val[ANALYZER_P_COUNT];
    int has[ANALYZER_P_COUNT] = {0};
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        int p = k ? analyzer_param_by_name(k) : -1;
        if (p < 0)
        {
            static const char *const params[] = {
                "slope",          "intercept",      "range",       "cycle",      "digestion_temp",
                "digestion_time", "detection_limit", "toc_factor", "toc_offset", "range_low",
                "standard_label", "span_label",     "dilution",    NULL};
            const char *pick = k ? scmsg_suggest(k, params) : NULL;
            if (pick) return SCMSG_ERROR(L, MSG_SC_UNKNOWN_PARAM_MEAN, fn, k, pick);
            return SCMSG_ERROR(L, MSG_SC_UNKNOWN_PARAM, fn, k ? k : luaL_typename(L, -2),
                               "slope, intercept, range, cycle, digestion_temp, digestion_time, "
                               "detection_limit, toc_factor, toc_offset, range_low, "
                               "standard_label, span_label, dilution");
        }
        if (has[p]) return SCMSG_ERROR(L, MSG_SC_GIVEN_TWICE, fn, k);
        double v = 0;
        if (is_duration_param(p) && lua_type(L, -1) == LUA_TSTRING) {
            int64_t ms = 0;
            if (clock_parse_duration(lua_tostring(L, -1), &ms) < 0)
                return SCMSG_ERROR(L, MSG_SC_BAD_DURATION_FIELD, fn, k, lua_tostring(L, -1),
                                   i18n(MSG_LIB_DURATION_FORMS));
            v = (double)ms / 1000.0;
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
            v = lua_tonumber(L, -1);
            if (!isfinite(v)) return SCMSG_ERROR(L, MSG_SC_MUST_FINITE, fn, k);
        } else {
            return SCMSG_ERROR(L, is_duration_param(p) ? MSG_SC_MUST_SECONDS : MSG_SC_MUST_NUMBER,
                               fn, k, luaL_typename(L, -1));
        }
        val[p] = v;
        has[p] = 1;
        lua_pop(L, 1);
    }
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_set, 2, 0);
    for (int p = 0; p < ANALYZER_P_COUNT; p++) { /* a fixed order: runs replay */
        if (!has[p]) continue;
        lock(L);
        int rc = station_analyzer_set(st, PNAME[o->sub], analyzer_param_name(p), val[p]);
        unlock(L);
        if (rc < 0)
        {
            char num[SCMSG_NUM];
            return SCMSG_ERROR(L, MSG_SC_PARAM_REFUSED, fn, analyzer_param_name(p),
                               scmsg_num(num, val[p]));
        }
    }
    return 0;
}

static int l_standard(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_ANALYZER, "st.cod:standard");
    an_name(L, o, "standard", fn, sizeof fn);
    check_tbl(L, 2, fn);
    const char *known[4] = {PNAME[o->sub], "value", NULL, NULL};
    if (o->sub == STATION_P_COD) known[2] = "toc";
    scen_check_fields(L, 2, fn, known);
    double v = 0;
    int n = 0;
    for (int i = 0; known[i]; i++)
        n += scen_opt_number(L, 2, fn, known[i], &v);
    if (n != 1)
        return SCMSG_ERROR(L, MSG_SC_CONC_ONCE, fn, PNAME[o->sub]);
    if (!(v >= 0 && v <= 1e6)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, PNAME[o->sub], "0 .. 1e6");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_standard, 2, 0);
    lock(L);
    int rc = station_analyzer_standard(st, PNAME[o->sub], v);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int l_freeze(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_ANALYZER, "st.cod:freeze");
    an_name(L, o, "freeze", fn, sizeof fn);
    lua_settop(L, 2);
    int release = lua_isnil(L, 2);
    double v = release ? 0 : luaL_checknumber(L, 2);
    if (!(release || isfinite(v))) return SCMSG_ARGERROR(L, 2, MSG_SC_FINITE_OR_NIL, fn);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_freeze, 2, 0);
    lock(L);
    int rc = release ? station_analyzer_unfreeze(st, PNAME[o->sub])
                     : station_analyzer_freeze(st, PNAME[o->sub], v);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

/* ---- door, flow, cameras, facilities ---- */

static int door_act(lua_State *L, int open, lua_CFunction self)
{
    const char *fn = open ? "st.door:open" : "st.door:close";
    sobj *o = check_obj(L, 1, T_DOOR, fn);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, self, 1, 0);
    lock(L);
    int rc = open ? station_door_open(st) : station_door_close(st);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}
static int l_door_open(lua_State *L)
{
    return door_act(L, 1, l_door_open);
}
static int l_door_close(lua_State *L)
{
    return door_act(L, 0, l_door_close);
}

static int l_flow_set(lua_State *L)
{
    const char *fn = "st.flow:set";
    sobj *o = check_obj(L, 1, T_FLOW, fn);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"factor", NULL};
    scen_check_fields(L, 2, fn, known);
    double f = 1;
    if (!scen_opt_number(L, 2, fn, "factor", &f))
        return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "factor");
    if (!(f >= 0 && f <= 100)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "factor", "0 .. 100");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_flow_set, 2, 0);
    lock(L);
    int rc = station_flow_factor(st, f);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int l_cam_turn(lua_State *L)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_CAMERA, "st.camera:turn");
    snprintf(fn, sizeof fn, "st.camera.%s:turn", CAMNAME[o->sub]);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"pan", "tilt", NULL};
    scen_check_fields(L, 2, fn, known);
    double pan = 0, tilt = 0;
    scen_opt_number(L, 2, fn, "pan", &pan);
    scen_opt_number(L, 2, fn, "tilt", &tilt);
    if (!(fabs(pan) <= 360 && fabs(tilt) <= 180))
        return SCMSG_ERROR(L, MSG_SC_PAN_TILT, fn);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_cam_turn, 2, 0);
    lock(L);
    int rc = station_camera_turn(st, CAMNAME[o->sub], pan, tilt);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int cam_bool(lua_State *L, int cover, lua_CFunction self)
{
    char fn[48];
    sobj *o = check_obj(L, 1, T_CAMERA, cover ? "st.camera:cover" : "st.camera:power");
    snprintf(fn, sizeof fn, "st.camera.%s:%s", CAMNAME[o->sub], cover ? "cover" : "power");
    if (lua_type(L, 2) != LUA_TBOOLEAN)
        return SCMSG_ERROR(L, MSG_SC_BOOL_EXPECTED, fn, luaL_typename(L, 2));
    int on = lua_toboolean(L, 2);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, self, 2, 0);
    lock(L);
    int rc = cover ? station_camera_cover(st, CAMNAME[o->sub], on)
                   : station_camera_power(st, CAMNAME[o->sub], on);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}
static int l_cam_cover(lua_State *L)
{
    return cam_bool(L, 1, l_cam_cover);
}
static int l_cam_power(lua_State *L)
{
    return cam_bool(L, 0, l_cam_power);
}

static int l_facility_set(lua_State *L)
{
    char fn[80];
    sobj *o = check_obj(L, 1, T_FACILITY, "st.facility:set");
    scen *s = scen_of(L);
    const plant_cfg *pc = &s->cfgs[o->st].world.plant;
    const char *name =
        o->sub < pc->nproduction ? pc->production[o->sub] : pc->treatment[o->sub - pc->nproduction];
    snprintf(fn, sizeof fn, "st.facility.%s:set", name);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"on", "temp_c", NULL};
    scen_check_fields(L, 2, fn, known);
    int on = 1;
    double temp = 0;
    int has_on = opt_bool_field(L, 2, fn, "on", &on);
    int has_temp = scen_opt_number(L, 2, fn, "temp_c", &temp); /* an RTO's chamber (GAS.md) */
    if (!has_on && !has_temp) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "on");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_facility_set, 2, 0);
    lock(L);
    int rc = has_on ? station_facility_set(st, name, on) : 0;
    if (rc == 0 && has_temp) rc = strcmp(name, "rto") == 0 ? station_rto_set(st, temp) : -1;
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

/* ---- plant, channel, sample line ---- */

static int l_plant_set(lua_State *L)
{
    const char *fn = "st.plant:set";
    sobj *o = check_obj(L, 1, T_PLANT, fn);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"production", "treatment", "bypass_m3h", "upset", NULL};
    scen_check_fields(L, 2, fn, known);
    double v[4] = {0};
    int has[4];
    for (int i = 0; i < 4; i++)
        has[i] = scen_opt_number(L, 2, fn, known[i], &v[i]);
    if (has[0] && !(v[0] >= 0 && v[0] <= 2))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "production", "0 .. 2");
    if (has[1] && !(v[1] >= 0 && v[1] <= 1))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "treatment", "0 .. 1");
    if (has[2] && !(v[2] >= 0 && v[2] <= 1e6))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "bypass_m3h", ">= 0");
    if (has[3] && !(v[3] > 0 && v[3] <= 100))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "upset", "> 0 .. 100");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_plant_set, 2, 0);
    lock(L);
    int rc = 0;
    if (has[0] && station_plant_production(st, v[0]) < 0) rc = -1;
    if (has[1] && station_plant_treatment(st, v[1]) < 0) rc = -1;
    if (has[2] && station_plant_bypass(st, v[2]) < 0) rc = -1;
    if (has[3] && plant_set_upset(world_plant(station_world(st)), v[3], 0) < 0) rc = -1;
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int l_add_inflow(lua_State *L)
{
    const char *fn = "st.channel:add_inflow";
    sobj *o = check_obj(L, 1, T_CHANNEL, fn);
    lua_settop(L, 3);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"source", "m3h", "hidden", "quality", NULL};
    scen_check_fields(L, 2, fn, known);
    const char *src = opt_str_field(L, 2, fn, "source", 16);
    if (!src) src = "tap";
    int s = channel_source_from_name(src);
    if (s < 0)
        return SCMSG_ERROR(L, MSG_SC_ONE_OF, fn, "source", "\"tap\", \"rain\", \"custom\"", src);
    double m3h = 0;
    if (!scen_opt_number(L, 2, fn, "m3h", &m3h)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "m3h");
    if (!(m3h >= 0 && m3h <= 1e5)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "m3h", "0 .. 100000");
    int hidden = 0;
    opt_bool_field(L, 2, fn, "hidden", &hidden);
    water q;
    memset(&q, 0, sizeof q);
    station *st = live(L, o->st);
    if (st) station_tap_water(st, &q);
    if (lua_getfield(L, 2, "quality") != LUA_TNIL) {
        if (s != CHANNEL_CUSTOM) return SCMSG_ERROR(L, MSG_SC_QUALITY_CUSTOM, fn);
        scen_check_water(L, -1, "st.channel:add_inflow: quality", &q, o->st);
    } else if (s == CHANNEL_CUSTOM) {
        return SCMSG_ERROR(L, MSG_SC_CUSTOM_QUALITY, fn);
    }
    lua_pop(L, 1);
    sobj *pipe = luaL_testudata(L, 3, T_PIPE); /* given by a deferred call */
    if (!st) {
        lua_settop(L, 2);
        push_obj(L, T_PIPE, o->st, 0, 0);
        scen_defer(L, l_add_inflow, 3, 0);
        return 1; /* the pipe, its handle filled at the start */
    }
    lock(L);
    int h = station_add_inflow(st, src, m3h, hidden, &q);
    unlock(L);
    if (h < 0) return act_failed(L, fn, MSG_SC_MAX_INFLOWS);
    if (pipe) {
        pipe->handle = h;
        return 0;
    }
    sobj *p = push_obj(L, T_PIPE, o->st, 0, 0);
    p->handle = h;
    return 1;
}

static int l_pipe_stop(lua_State *L)
{
    const char *fn = "pipe:stop";
    sobj *o = check_obj(L, 1, T_PIPE, fn);
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_pipe_stop, 1, 0);
    if (o->handle <= 0) {
        lua_pushboolean(L, 0); /* already stopped */
        return 1;
    }
    lock(L);
    station_inflow_stop(st, o->handle);
    unlock(L);
    o->handle = -1;
    lua_pushboolean(L, 1);
    return 1;
}

static int l_pipe_set(lua_State *L)
{
    const char *fn = "pipe:set";
    sobj *o = check_obj(L, 1, T_PIPE, fn);
    check_tbl(L, 2, fn);
    static const char *const known[] = {"m3h", NULL};
    scen_check_fields(L, 2, fn, known);
    double m3h = 0;
    if (!scen_opt_number(L, 2, fn, "m3h", &m3h) || !(m3h >= 0 && m3h <= 1e5))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "m3h", "0 .. 100000");
    station *st = live(L, o->st);
    if (!st) return scen_defer(L, l_pipe_set, 2, 0);
    if (o->handle <= 0) return SCMSG_ERROR(L, MSG_SC_PIPE_STOPPED, fn);
    lock(L);
    int rc = channel_set_inflow_m3h(world_channel(station_world(st)), o->handle, m3h);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int l_connect(lua_State *L)
{
    const char *fn = "st.sample_line:connect";
    sobj *o = check_obj(L, 1, T_LINE, fn);
    lua_settop(L, 3);
    const char *src = luaL_checkstring(L, 2);
    int s = sampleline_source_from_name(src);
    if (s < 0)
        return SCMSG_ERROR(L, MSG_SC_ONE_OF, fn, "source", "\"channel\", \"tap\", \"bucket\"", src);
    water q;
    memset(&q, 0, sizeof q);
    station *st = live(L, o->st);
    if (st) station_tap_water(st, &q);
    if (s == SAMPLELINE_BUCKET) {
        if (lua_isnil(L, 3))
            return SCMSG_ERROR(L, MSG_SC_BUCKET_WATER, fn);
        scen_check_water(L, 3, "st.sample_line:connect: bucket", &q, o->st);
    } else if (!lua_isnil(L, 3)) {
        return SCMSG_ERROR(L, MSG_SC_WATER_BUCKET, fn);
    }
    if (!st) return scen_defer(L, l_connect, 3, 0);
    lock(L);
    int rc = station_sample_line_connect(st, src, s == SAMPLELINE_BUCKET ? &q : NULL);
    unlock(L);
    if (rc < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

/* ---- the DAU ---- */

/* A code the DAU sends (DAU_C_*), given as a code or its short name ("cod"); -1 if none. */
static int dau_code(const char *p)
{
    const hjcode *hc = hjcode_lookup(p);
    for (int c = 0; hc && c < DAU_C_COUNT; c++)
        if (strcmp(hc->code, dau_code_name(c)) == 0) return c;
    return -1;
}

/* The code of argument 2 as the station's DAU sends it: a water code (DAU_C_*) or, at a
 * gas station, a gas code of the code table. */
static const char *check_code(lua_State *L, const char *fn, int st)
{
    const char *code = luaL_checkstring(L, 2);
    if (scen_of(L)->cfgs[st].kind != STATION_WATER) {
        const hjcode *hc = hjcode_lookup(code);
        if (!hc || hc->kind != HJCODE_GAS) SCMSG_ERROR(L, MSG_SC_UNKNOWN_CODE, fn, code);
        return hc->code;
    }
    int c = dau_code(code);
    if (c < 0)
        SCMSG_ERROR(L, MSG_SC_UNKNOWN_CODE, fn, code);
    return dau_code_name(c);
}

/* Calls filter f on v at virtual time now: 0 and *out, or -1 with the message (the form
 * a run stops with) in err. */
static int filter_call(scen_filter *f, const char *code, int64_t now, double v, double *out,
                       char *err, size_t errlen)
{
    scen *s = f->s;
    lua_State *L = sandbox_state(s->sb);
    char ts[32];
    *out = v;
    if (!L) return 0;
    sandbox_set_time(s->sb, now);
    lua_rawgeti(L, LUA_REGISTRYINDEX, f->ref);
    lua_pushnumber(L, v);
    const char *em = NULL;
    hjtime_format(now, ts, sizeof ts);
    sandbox_set_origin(s->sb, f->origin);
    int rc = sandbox_pcall(s->sb, 1, 1, &em);
    sandbox_set_origin(s->sb, NULL);
    if (rc != 0) {
        char head[SCEN_WHERE_MAX];
        SCMSG(head, sizeof head, MSG_SC_FILTER_OF, code, s->cfgs[f->station].mn);
        snprintf(err, errlen, "[%s] %s: %s", ts, head, em ? em : "error");
        return -1;
    }
    if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1))) {
        char head[SCEN_WHERE_MAX], text[256];
        SCMSG(head, sizeof head, MSG_SC_FILTER_OF, code, s->cfgs[f->station].mn);
        SCMSG(text, sizeof text, MSG_SC_FILTER_RETURN, luaL_typename(L, -1));
        snprintf(err, errlen, "[%s] %s: %s", ts, head, text);
        lua_pop(L, 1);
        return -1;
    }
    *out = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return 0;
}

static double filter_cb(void *ctx, const char *code, double v)
{
    scen_filter *f = ctx;
    scen *s = f->s;
    if (s->failed || f->ref == LUA_NOREF || !sandbox_alive(s->sb)) return v;
    int64_t now = s->r ? range_now(s->r) : sched_now(s->sc); /* the poll's virtual time */
    char err[SCEN_ERR_MAX];
    double r = v;
    if (filter_call(f, code, now, v, &r, err, sizeof err) != 0) {
        scen_fail(s, "%s", err);
        return v;
    }
    return r;
}

/* ---- check: the DAU's polls without a DAU ---- */

/* The value the device behind a DAU code shows (what the DAU would poll); NaN when the
 * device is absent or has nothing yet. */
static double model_value(station *st, int c)
{
    static const int AN[DAU_C_COUNT] = {[DAU_C_COD] = STATION_P_COD + 1,
                                        [DAU_C_NH3N] = STATION_P_NH3N + 1,
                                        [DAU_C_TP] = STATION_P_TP + 1,
                                        [DAU_C_TN] = STATION_P_TN + 1};
    probe *p = station_probe(st);
    if (AN[c]) {
        analyzer *a = station_analyzer_at(st, AN[c] - 1);
        analyzer_status as;
        if (!a) return NAN;
        analyzer_get_status(a, &as);
        return as.value;
    }
    switch (c) {
    case DAU_C_FLOW:
        return station_flowmeter(st) ? flowmeter_flow_ls(station_flowmeter(st)) : NAN;
    case DAU_C_PH:
        return p ? probe_value(p, PROBE_PH) : NAN;
    case DAU_C_TEMP:
        return p ? probe_value(p, PROBE_TEMP) : NAN;
    case DAU_C_COND:
        return p ? probe_value(p, PROBE_COND) : NAN;
    default:
        return NAN;
    }
}

/* The DAU's poll period (dau.h's default: a fact of the DAU, not repeated here). */
static int64_t poll_period(void)
{
    static int64_t p;
    if (!p) {
        dau_cfg c;
        dau_cfg_default(&c);
        p = c.poll_ms > 0 ? c.poll_ms : 60000;
    }
    return p;
}

int64_t scen_obj_next_poll(scen *s)
{
    int64_t next = INT64_MAX, now = sched_now(s->sc), p = poll_period();
    for (size_t i = 0; s->models && i < s->n; i++) {
        if (s->dau_off[i] || s->nfilters[i] == 0) continue;
        if (s->poll_next[i] < now) /* a poll grid the DAU kept while no filter was there */
            s->poll_next[i] = (now + p - 1) / p * p;
        if (s->poll_next[i] < next) next = s->poll_next[i];
    }
    return next;
}

size_t scen_obj_check_polls(scen *s, int64_t t)
{
    size_t errors = 0;
    int64_t p = poll_period();
    for (size_t i = 0; s->models && i < s->n; i++) {
        if (s->dau_off[i] || s->nfilters[i] == 0 || s->poll_next[i] != t) continue;
        s->poll_next[i] = t / p * p + p; /* the DAU's next aligned poll */
        station_step(s->models[i], t);
        for (size_t k = 0; k < SCEN_MAX_FILTERS && sandbox_alive(s->sb); k++) {
            scen_filter *f = &s->filters[k];
            if (f->ref == LUA_NOREF || f->station != (int)i) continue;
            int c = dau_code(f->code);
            double v = c >= 0 ? model_value(s->models[i], c)
                              : scen_gas_model_value(s->models[i], f->code),
                   out = 0;
            char err[SCEN_ERR_MAX];
            if (isnan(v)) continue; /* the DAU does not filter a missing value either */
            if (filter_call(f, f->code, t, v, &out, err, sizeof err) == 0) continue;
            scen_check_error(s, t, err);
            errors++;
            if (sandbox_alive(s->sb)) luaL_unref(sandbox_state(s->sb), LUA_REGISTRYINDEX, f->ref);
            f->ref = LUA_NOREF; /* reported once: the timeline goes on without it */
            free(f->origin);
            f->origin = NULL;
            s->nfilters[i]--;
        }
    }
    return errors;
}

static int l_dau_filter(lua_State *L)
{
    const char *fn = "st.dau:filter";
    sobj *o = check_obj(L, 1, T_DAU, fn);
    lua_settop(L, 3);
    const char *code = check_code(L, fn, o->st);
    if (!lua_isnil(L, 3) && !lua_isfunction(L, 3))
        return SCMSG_ERROR(L, MSG_SC_FILTER_FN, fn, luaL_typename(L, 3));
    scen *s = scen_of(L);
    if (!scen_attached(s)) return scen_defer(L, l_dau_filter, 3, 0);
    scen_filter *slot = NULL, *free_slot = NULL;
    for (size_t i = 0; i < SCEN_MAX_FILTERS; i++) {
        scen_filter *f = &s->filters[i];
        if (f->ref != LUA_NOREF && f->station == o->st && strcmp(f->code, code) == 0) slot = f;
        if (f->ref == LUA_NOREF && !free_slot) free_slot = f;
    }
    dau *d = scen_range_dau(s, o->st);
    int model = s->models != NULL; /* check: no DAU, the filter is called by scen_check_run */
    if (!d && !model) return 0;    /* another shard's station */
    if (lua_isnil(L, 3)) {
        if (slot) {
            if (d) dau_filter(d, code, NULL, NULL);
            luaL_unref(L, LUA_REGISTRYINDEX, slot->ref);
            slot->ref = LUA_NOREF;
            free(slot->origin);
            slot->origin = NULL;
            if (model) s->nfilters[o->st]--;
        }
        return 0;
    }
    if (!slot && model && s->nfilters[o->st] >= DAU_MAX_FILTERS)
        return SCMSG_ERROR(L, MSG_SC_MAX_FILTERS, fn);
    if (!slot) slot = free_slot;
    if (!slot) return SCMSG_ERROR(L, MSG_SC_MAX_FILTERS, fn);
    lua_pushvalue(L, 3);
    int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (d && dau_filter(d, code, filter_cb, slot) < 0) {
        luaL_unref(L, LUA_REGISTRYINDEX, ref);
        return SCMSG_ERROR(L, MSG_SC_MAX_FILTERS, fn);
    }
    if (slot->ref != LUA_NOREF)
        luaL_unref(L, LUA_REGISTRYINDEX, slot->ref);
    else if (model)
        s->nfilters[o->st]++;
    slot->s = s;
    slot->ref = ref;
    slot->station = o->st;
    snprintf(slot->code, sizeof slot->code, "%s", code);
    free(slot->origin);
    slot->origin = NULL;
    char lib[SCEN_WHERE_MAX], user[SCEN_WHERE_MAX];
    sandbox_lib_where(L, lib, sizeof lib);
    sandbox_user_where(L, user, sizeof user);
    if (lib[0] && user[0]) slot->origin = strdup(user); /* NULL on failure: no origin */
    return 0;
}

void scen_obj_filters_free(scen *s)
{
    lua_State *L = s->sb && sandbox_alive(s->sb) ? sandbox_state(s->sb) : NULL;
    for (size_t i = 0; i < SCEN_MAX_FILTERS; i++) {
        scen_filter *f = &s->filters[i];
        if (f->ref == LUA_NOREF) continue;
        dau *d = scen_range_dau(s, f->station);
        if (d) dau_filter(d, f->code, NULL, NULL);
        if (L) luaL_unref(L, LUA_REGISTRYINDEX, f->ref);
        f->ref = LUA_NOREF;
        free(f->origin);
        f->origin = NULL;
    }
}

static int l_dau_flag(lua_State *L)
{
    const char *fn = "st.dau:flag";
    sobj *o = check_obj(L, 1, T_DAU, fn);
    lua_settop(L, 3);
    const char *code = check_code(L, fn, o->st);
    char flag = 0;
    if (!lua_isnil(L, 3)) {
        const char *f = lua_tostring(L, 3);
        if (lua_type(L, 3) != LUA_TSTRING || strlen(f) != 1 || !strchr("NFMSDCTB", f[0]))
            return SCMSG_ERROR(L, MSG_SC_FLAG, fn);
        flag = f[0];
    }
    scen *s = scen_of(L);
    if (!scen_attached(s)) return scen_defer(L, l_dau_flag, 3, 0);
    dau *d = scen_range_dau(s, o->st);
    if (!d) return 0; /* another shard's station */
    if (dau_flag(d, code, flag) < 0) return act_failed(L, fn, MSG_SC_REFUSED);
    return 0;
}

static int l_dau_offline(lua_State *L)
{
    const char *fn = "st.dau:offline";
    sobj *o = check_obj(L, 1, T_DAU, fn);
    if (lua_type(L, 2) != LUA_TBOOLEAN)
        return SCMSG_ERROR(L, MSG_SC_BOOL_EXPECTED, fn, luaL_typename(L, 2));
    scen *s = scen_of(L);
    if (!scen_attached(s)) return scen_defer(L, l_dau_offline, 2, 0);
    dau *d = scen_range_dau(s, o->st);
    if (d) dau_offline(d, lua_toboolean(L, 2)); /* NULL: another shard's station */
    return 0;
}

static int l_dau_power(lua_State *L)
{
    const char *fn = "st.dau:power";
    sobj *o = check_obj(L, 1, T_DAU, fn);
    if (lua_type(L, 2) != LUA_TBOOLEAN)
        return SCMSG_ERROR(L, MSG_SC_BOOL_EXPECTED, fn, luaL_typename(L, 2));
    scen *s = scen_of(L);
    if (!scen_attached(s)) return scen_defer(L, l_dau_power, 2, 0);
    if (s->models) { /* check: no DAU; off, it polls (calls filters) no more */
        int on = lua_toboolean(L, 2);
        if (on && s->dau_off[o->st]) s->poll_next[o->st] = sched_now(s->sc); /* starts anew */
        s->dau_off[o->st] = !on;
        return 0;
    }
    dau *d = scen_range_dau(s, o->st);
    if (d) dau_power(d, lua_toboolean(L, 2), sched_now(s->sc)); /* NULL: another shard's station */
    return 0;
}

/* ---- the plumbing for scen_gas.c ---- */

sobj *scen_obj_push(lua_State *L, const char *tname, int st, int sub, int nuv)
{
    return push_obj(L, tname, st, sub, nuv);
}

sobj *scen_obj_check(lua_State *L, int arg, const char *tname, const char *what)
{
    return check_obj(L, arg, tname, what);
}

station *scen_obj_live(lua_State *L, int st)
{
    return live(L, st);
}

void scen_obj_lock(lua_State *L)
{
    lock(L);
}

void scen_obj_unlock(lua_State *L)
{
    unlock(L);
}

int scen_obj_refused(lua_State *L, const char *fname)
{
    return act_failed(L, fname, MSG_SC_REFUSED);
}

/* ---- registration ---- */

void scen_obj_new_type(lua_State *L, const char *tname, const luaL_Reg *methods)
{
    luaL_newmetatable(L, tname);
    lua_newtable(L);
    if (methods) luaL_setfuncs(L, methods, 0);
    lua_pushcclosure(L, obj_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, obj_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushstring(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

void scen_obj_register(lua_State *L)
{
    static const luaL_Reg st_m[] = {{"person_enters", l_person_enters},
                                    {"person_leaves", l_person_leaves},
                                    {"outfall_people", l_outfall_people},
                                    {NULL, NULL}};
    static const luaL_Reg an_m[] = {
        {"add_to_cup", l_add_to_cup}, {"command", l_command}, {"set", l_set},
        {"standard", l_standard},     {"freeze", l_freeze},   {NULL, NULL}};
    static const luaL_Reg door_m[] = {{"open", l_door_open}, {"close", l_door_close}, {NULL, NULL}};
    static const luaL_Reg flow_m[] = {{"set", l_flow_set}, {NULL, NULL}};
    static const luaL_Reg cam_m[] = {
        {"turn", l_cam_turn}, {"cover", l_cam_cover}, {"power", l_cam_power}, {NULL, NULL}};
    static const luaL_Reg fac_m[] = {{"set", l_facility_set}, {NULL, NULL}};
    static const luaL_Reg plant_m[] = {{"set", l_plant_set}, {NULL, NULL}};
    static const luaL_Reg ch_m[] = {{"add_inflow", l_add_inflow}, {NULL, NULL}};
    static const luaL_Reg pipe_m[] = {{"stop", l_pipe_stop}, {"set", l_pipe_set}, {NULL, NULL}};
    static const luaL_Reg line_m[] = {{"connect", l_connect}, {NULL, NULL}};
    static const luaL_Reg dau_m[] = {
        {"filter", l_dau_filter}, {"flag", l_dau_flag}, {"offline", l_dau_offline},
        {"power", l_dau_power},   {NULL, NULL}};
    scen_obj_new_type(L, T_ANALYZER, an_m);
    scen_obj_new_type(L, T_PROBE, NULL);
    scen_obj_new_type(L, T_FLOW, flow_m);
    scen_obj_new_type(L, T_SAMPLER, NULL);
    scen_obj_new_type(L, T_DOOR, door_m);
    scen_obj_new_type(L, T_CAMERA, cam_m);
    scen_obj_new_type(L, T_FACILITY, fac_m);
    scen_obj_new_type(L, T_PLANT, plant_m);
    scen_obj_new_type(L, T_CHANNEL, ch_m);
    scen_obj_new_type(L, T_LINE, line_m);
    scen_obj_new_type(L, T_DAU, dau_m);
    scen_obj_new_type(L, T_PIPE, pipe_m);
    /* st: fields from its user value, then the methods, else an error for unknown keys */
    scen_obj_new_type(L, T_STATION, NULL);
    luaL_getmetatable(L, T_STATION);
    lua_newtable(L);
    luaL_setfuncs(L, st_m, 0);
    lua_pushcclosure(L, station_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    scen_obj_new_type(L, T_GROUP, NULL);
    luaL_getmetatable(L, T_GROUP);
    lua_pushcfunction(L, group_index);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    scen_gas_register(L);
}

void scen_obj_push_station(lua_State *L, scen *s, int i)
{
    const station_cfg *c = &s->cfgs[i];
    push_obj(L, T_STATION, i, 0, 1);
    lua_newtable(L); /* its fields */
    if (c->kind != STATION_WATER) scen_gas_push_fields(L, s, i);
    for (int p = 0; p < STATION_P_COUNT; p++) {
        if (!c->fitted[p] || (p == STATION_P_COD && c->cod == STATION_COD_NONE)) continue;
        push_obj(L, T_ANALYZER, i, p, 0);
        lua_setfield(L, -2, PNAME[p]);
    }
    if (c->ph) {
        push_obj(L, T_PROBE, i, 0, 0);
        lua_setfield(L, -2, "ph");
    }
    struct {
        const char *key, *tname;
    } parts[] = {{"flow", T_FLOW},   {"sampler", T_SAMPLER}, {"door", T_DOOR},
                 {"plant", T_PLANT}, {"channel", T_CHANNEL}, {"sample_line", T_LINE},
                 {"dau", T_DAU}};
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        if (c->kind != STATION_WATER && strcmp(parts[k].key, "door") != 0 && strcmp(parts[k].key, "dau") != 0)
            continue; /* a gas station has its own plant and no water parts */
        push_obj(L, parts[k].tname, i, 0, 0);
        lua_setfield(L, -2, parts[k].key);
    }
    push_obj(L, T_GROUP, i, 0, 1);
    lua_newtable(L);
    for (int k = 0; k < STATION_CAM_COUNT; k++) {
        if (!c->camera[k]) continue;
        push_obj(L, T_CAMERA, i, k, 0);
        lua_setfield(L, -2, CAMNAME[k]);
    }
    lua_setiuservalue(L, -2, 1);
    lua_setfield(L, -2, "camera");
    push_obj(L, T_GROUP, i, 0, 1);
    lua_newtable(L);
    const plant_cfg *pc = &c->world.plant;
    for (int k = 0; k < pc->nproduction + pc->ntreatment; k++) {
        push_obj(L, T_FACILITY, i, k, 0);
        lua_setfield(L, -2,
                     k < pc->nproduction ? pc->production[k] : pc->treatment[k - pc->nproduction]);
    }
    lua_setiuservalue(L, -2, 1);
    lua_setfield(L, -2, "facility");
    lua_pushstring(L, c->mn);
    lua_setfield(L, -2, "mn");
    lua_pushstring(L, c->name);
    lua_setfield(L, -2, "name");
    lua_setiuservalue(L, -2, 1);
    (void)st_mn;
}
