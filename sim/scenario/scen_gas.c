/*
 * scen_gas.c — station{ kind = "gas" | "vocs" } and the objects of a gas station
 * (GAS.md "Scenario API"): st.so2 st.nox st.o2 st.co st.co2 st.pm st.nmhc (command, set,
 * freeze), st.plant, st.probe, st.line, st.cylinder(gas), st.flue, st.damper; st.facility,
 * st.door, st.camera and st.dau are the water side's (scen_obj.c).
 *
 * Like every act, each one first checks its arguments (an unknown name raises naming the
 * scenario's line), is deferred to the start at the file's top level, and then reaches the
 * station under the range lock.
 */
#include "scen_private.h"

#include "hjcode.h"
#include "scmsg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The analyzers of a gas station, as sub-indices of T_GAS_AN: STATION_G_* then these. */
enum { GAN_PM = STATION_G_COUNT, GAN_NMHC, GAN_COUNT };
static const char *const GAN_NAME[GAN_COUNT] = {"so2", "nox", "o2", "co", "co2", "pm", "nmhc"};

/* ---- station{}: the gas fields ---- */

static void parse_plant(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: plant";
    static const char *const known[] = {"profile", "load", "flue_nm3h", "pattern", "noise", NULL};
    scen_check_fields(L, t, fn, known);
    stack_cfg *k = &c->gas.stack;
    double v = 0;
    if (scen_opt_number(L, t, fn, "load", &v)) k->load = v;
    if (scen_opt_number(L, t, fn, "flue_nm3h", &v)) k->flue_nm3h = v;
    if (scen_opt_number(L, t, fn, "pattern", &v)) k->pattern = v;
    if (scen_opt_number(L, t, fn, "noise", &v)) k->noise = v;
}

static void parse_limits(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: limits";
    static const char *const known[] = {"so2", "nox", "pm", "co", "nmhc", "o2_ref", NULL};
    scen_check_fields(L, t, fn, known);
    station_gas_cfg *g = &c->gas;
    double v = 0;
    double *at[] = {&g->so2, &g->nox, &g->pm_limit, &g->co, &g->nmhc_limit, &g->stack.o2_ref};
    for (int i = 0; known[i]; i++)
        if (scen_opt_number(L, t, fn, known[i], &v)) {
            if (!(v >= 0 && v <= 1e6)) SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, known[i], "0 .. 1e6");
            *at[i] = v;
        }
}

static int bool_field(lua_State *L, int t, const char *fn, const char *key, int *out)
{
    int ty = lua_getfield(L, t, key);
    if (ty != LUA_TNIL && ty != LUA_TBOOLEAN) SCMSG_ERROR(L, MSG_SC_MUST_BOOL, fn, key, luaL_typename(L, -1));
    if (ty == LUA_TBOOLEAN) *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return ty == LUA_TBOOLEAN;
}

static void parse_analyzers(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: analyzers";
    static const char *const known[] = {"so2", "nox", "o2", "co", "co2", "pm", "nmhc", NULL};
    scen_check_fields(L, t, fn, known);
    station_gas_cfg *g = &c->gas;
    int b = 0;
    for (int a = 0; a < STATION_G_COUNT; a++) {
        if (a == STATION_G_O2) continue;
        if (bool_field(L, t, fn, known[a], &b)) g->an[a] = b;
    }
    if (bool_field(L, t, fn, "pm", &b)) g->pm = b;
    if (bool_field(L, t, fn, "nmhc", &b)) g->nmhc = b;
    int ty = lua_getfield(L, t, "o2");
    if (ty == LUA_TBOOLEAN) {
        g->an[STATION_G_O2] = lua_toboolean(L, -1);
    } else if (ty == LUA_TSTRING && strcmp(lua_tostring(L, -1), "insitu") == 0) {
        g->an[STATION_G_O2] = 1;
        g->o2_mode = STATION_O2_INSITU;
    } else if (ty == LUA_TSTRING && strcmp(lua_tostring(L, -1), "extractive") == 0) {
        g->an[STATION_G_O2] = 1;
        g->o2_mode = STATION_O2_EXTRACTIVE;
    } else if (ty != LUA_TNIL) {
        SCMSG_ERROR(L, MSG_SC_O2_MODE, fn);
    }
    lua_pop(L, 1);
}

static void parse_stack(lua_State *L, int t, station_cfg *c)
{
    const char *fn = "station{}: stack";
    static const char *const known[] = {"area_m2", "kv", "temp_c", "bypass", NULL};
    scen_check_fields(L, t, fn, known);
    stack_cfg *k = &c->gas.stack;
    double v = 0;
    if (scen_opt_number(L, t, fn, "area_m2", &v)) k->area_m2 = v;
    if (scen_opt_number(L, t, fn, "kv", &v)) k->kv = v;
    if (scen_opt_number(L, t, fn, "temp_c", &v)) k->t_c = v;
    int b = 0;
    if (bool_field(L, t, fn, "bypass", &b)) k->bypass = b;
}

void scen_gas_parse(lua_State *L, station_cfg *c)
{
    static const struct {
        const char *key;
        void (*fn)(lua_State *, int, station_cfg *);
    } parts[] = {{"plant", parse_plant},
                 {"limits", parse_limits},
                 {"analyzers", parse_analyzers},
                 {"stack", parse_stack}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (lua_getfield(L, 1, parts[i].key) != LUA_TNIL) {
            char what[48];
            snprintf(what, sizeof what, "station{}: %s", parts[i].key);
            if (!lua_istable(L, -1)) SCMSG_ERROR(L, MSG_SC_TABLE_EXPECTED, what, luaL_typename(L, -1));
            parts[i].fn(L, lua_gettop(L), c);
        }
        lua_pop(L, 1);
    }
}

static void need_table(lua_State *L, int arg, const char *fn)
{
    if (!lua_istable(L, arg)) SCMSG_ERROR(L, MSG_SC_TABLE_EXPECTED, fn, luaL_typename(L, arg));
}

/* ---- the analyzers: command, set, freeze ---- */

static const char *an_fn(const sobj *o, const char *method, char *buf, size_t n)
{
    snprintf(buf, n, "st.%s:%s", GAN_NAME[o->sub], method);
    return buf;
}

static int l_command(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.so2:command");
    an_fn(o, "command", fn, sizeof fn);
    const char *cmd = luaL_checkstring(L, 2);
    static const char *const gas_cmds[] = {"zero_check", "span_check", "zero_calibrate",
                                           "span_calibrate", "calibrate", "abort",
                                           "maintenance_on", "maintenance_off", NULL};
    static const char *const pm_cmds[] = {"zero_check", "span_check", "check", "abort", NULL};
    static const char *const gc_cmds[] = {"zero_check", "span_check", "calibrate",
                                          "abort", "stop", "start", NULL};
    const char *const *cmds = o->sub == GAN_PM ? pm_cmds : o->sub == GAN_NMHC ? gc_cmds : gas_cmds;
    int ok = 0;
    for (int i = 0; cmds[i]; i++)
        ok |= strcmp(cmd, cmds[i]) == 0;
    if (!ok) {
        const char *pick = scmsg_suggest(cmd, cmds);
        if (pick) return SCMSG_ERROR(L, MSG_SC_UNKNOWN_COMMAND_MEAN, fn, cmd, pick);
        return SCMSG_ERROR(L, MSG_SC_UNKNOWN_COMMAND, fn, cmd, o->sub == GAN_PM ? "zero_check, span_check, check, abort"
                           : o->sub == GAN_NMHC ? "zero_check, span_check, calibrate, abort, stop, start"
                           : "zero_check, span_check, zero_calibrate, span_calibrate, calibrate, abort, "
                             "maintenance_on, maintenance_off");
    }
    lua_settop(L, 2);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_command, 2, 0);
    scen_obj_lock(L);
    int rc = station_gas_command(st, GAN_NAME[o->sub], cmd);
    scen_obj_unlock(L);
    if (rc != 0) {
        char text[512], reason[256];
        SCMSG(reason, sizeof reason,
              rc == HWDEV_EX_BUSY ? MSG_SC_CMD_BUSY : rc == HWDEV_EX_FAILURE ? MSG_SC_CMD_FAULT
                                                                         : MSG_SC_CMD_REFUSED_OTHER,
              GAN_NAME[o->sub]);
        SCMSG(text, sizeof text, MSG_SC_CMD_REFUSED, fn, cmd, reason);
        scen_warn(L, scen_of(L), text);
        lua_pushboolean(L, 0);
        return 1;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* Whether name is a parameter of the device behind sub-index a. */
static int param_known(int a, const char *name)
{
    if (a == GAN_PM) return pmmon_param_by_name(name) >= 0;
    if (a == GAN_NMHC) return gcfid_param_by_name(name) >= 0;
    return gasan_param_by_name(name) >= 0;
}

static int l_set(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.so2:set");
    an_fn(o, "set", fn, sizeof fn);
    need_table(L, 2, fn);
    const char *names[24];
    double vals[24];
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (!k || !param_known(o->sub, k)) {
            const char *known[GASAN_P_COUNT + 1] = {NULL}, *pick = NULL;
            for (int p = 0, m = 0; o->sub < GAN_PM && p < GASAN_P_COUNT; p++)
                if (gasan_param_name(p)) known[m++] = gasan_param_name(p);
            pick = k && known[0] ? scmsg_suggest(k, known) : NULL;
            if (pick) return SCMSG_ERROR(L, MSG_SC_UNKNOWN_PARAM_MEAN, fn, k, pick);
            return SCMSG_ERROR(L, MSG_SC_UNKNOWN_PARAM, fn, k ? k : luaL_typename(L, -2),
                               "docs/scenario-api.md, gas stations");
        }
        if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
            return SCMSG_ERROR(L, MSG_SC_MUST_NUMBER, fn, k, luaL_typename(L, -1));
        if (n < 24) {
            names[n] = k;
            vals[n++] = lua_tonumber(L, -1);
        }
        lua_pop(L, 1);
    }
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_set, 2, 0);
    /* a fixed order (the names sorted): runs replay */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *x = names[j];
            double v = vals[j];
            names[j] = names[j - 1];
            vals[j] = vals[j - 1];
            names[j - 1] = x;
            vals[j - 1] = v;
        }
    for (int i = 0; i < n; i++) {
        scen_obj_lock(L);
        int rc = station_gas_param(st, GAN_NAME[o->sub], names[i], vals[i]);
        scen_obj_unlock(L);
        if (rc < 0) {
            char num[SCMSG_NUM];
            return SCMSG_ERROR(L, MSG_SC_PARAM_REFUSED, fn, names[i], scmsg_num(num, vals[i]));
        }
    }
    return 0;
}

static int l_freeze(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.so2:freeze");
    an_fn(o, "freeze", fn, sizeof fn);
    lua_settop(L, 2);
    int release = lua_isnil(L, 2);
    double v = release ? 0 : luaL_checknumber(L, 2);
    if (!(release || isfinite(v))) return SCMSG_ARGERROR(L, 2, MSG_SC_FINITE_OR_NIL, fn);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_freeze, 2, 0);
    scen_obj_lock(L);
    int rc = station_gas_freeze(st, GAN_NAME[o->sub], v, release);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* st.so2:standard { so2 = 200 } (or value =): what the span cylinder truly holds, its label
 * kept (GAS.md: "standard as water"); st.nmhc:standard { thc = 55, ch4 = 20 }. */
static int l_standard(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.so2:standard");
    an_fn(o, "standard", fn, sizeof fn);
    need_table(L, 2, fn);
    double v = -1, thc = -1, ch4 = -1;
    if (o->sub == GAN_NMHC) {
        static const char *const known[] = {"thc", "ch4", NULL};
        scen_check_fields(L, 2, fn, known);
        if (!scen_opt_number(L, 2, fn, "thc", &thc)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "thc");
        if (!scen_opt_number(L, 2, fn, "ch4", &ch4)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "ch4");
    } else if (o->sub == GAN_PM) {
        return scen_obj_refused(L, fn); /* the particulate monitor has no cylinder */
    } else {
        const char *known[] = {GAN_NAME[o->sub], "value", NULL};
        scen_check_fields(L, 2, fn, known);
        int n = scen_opt_number(L, 2, fn, known[0], &v) + scen_opt_number(L, 2, fn, "value", &v);
        if (n != 1) return SCMSG_ERROR(L, MSG_SC_CONC_ONCE, fn, GAN_NAME[o->sub]);
    }
    if (!(v < 1e6 && thc < 1e6 && ch4 < 1e6) || (o->sub != GAN_NMHC && v < 0) ||
        (o->sub == GAN_NMHC && (thc < 0 || ch4 < 0)))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, GAN_NAME[o->sub], "0 .. 1e6");
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_standard, 2, 0);
    scen_obj_lock(L);
    int rc = o->sub == GAN_NMHC ? station_gcfid_cylinder(st, thc, ch4)
                                : station_cylinder_swap(st, GAN_NAME[o->sub], 0, -1, v);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* st.o2:zero_gas { share = 0.3 } / zero_gas(nil): a zero-gas (N2) line teed onto the cell, a
 * share of what reaches it; a gas analyzer's only (the O2 tamper of GAS.md). */
static int l_zero_gas(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.o2:zero_gas");
    an_fn(o, "zero_gas", fn, sizeof fn);
    lua_settop(L, 2);
    double f = 0;
    if (!lua_isnil(L, 2)) {
        need_table(L, 2, fn);
        static const char *const known[] = {"share", NULL};
        scen_check_fields(L, 2, fn, known);
        if (!scen_opt_number(L, 2, fn, "share", &f)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "share");
        if (!(f >= 0 && f <= 1)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "share", "0 .. 1");
    }
    if (o->sub >= GAN_PM) return scen_obj_refused(L, fn);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_zero_gas, 2, 0);
    scen_obj_lock(L);
    int rc = station_gas_zero_gas(st, GAN_NAME[o->sub], f);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* st.so2:hold_flag(true|false): the status kept at calibration (flag C) while it measures. */
static int l_hold_flag(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_GAS_AN, "st.so2:hold_flag");
    an_fn(o, "hold_flag", fn, sizeof fn);
    luaL_checktype(L, 2, LUA_TBOOLEAN);
    lua_settop(L, 2);
    if (o->sub >= GAN_PM) return scen_obj_refused(L, fn);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_hold_flag, 2, 0);
    scen_obj_lock(L);
    int rc = station_gas_hold_flag(st, GAN_NAME[o->sub], lua_toboolean(L, 2));
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* ---- plant, probe, line, flue, damper ---- */

static int l_plant_set(lua_State *L)
{
    const char *fn = "st.plant:set";
    sobj *o = scen_obj_check(L, 1, T_GPLANT, fn);
    need_table(L, 2, fn);
    static const char *const known[] = {"load", "running", "soot_blowing", "fuel", NULL};
    scen_check_fields(L, 2, fn, known);
    double load = 0, fuel = 1;
    int running = 1, soot = 0;
    int has_load = scen_opt_number(L, 2, fn, "load", &load);
    int has_run = bool_field(L, 2, fn, "running", &running);
    int has_soot = bool_field(L, 2, fn, "soot_blowing", &soot);
    int has_fuel = scen_opt_number(L, 2, fn, "fuel", &fuel);
    if (has_load && !(load >= 0 && load <= 1.2)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "load", "0 .. 1.2");
    if (has_fuel && !(fuel >= STACK_FUEL_MIN && fuel <= STACK_FUEL_MAX))
        return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "fuel", "0.2 .. 5");
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_plant_set, 2, 0);
    scen_obj_lock(L);
    int rc = station_gas_plant(st, has_load ? &load : NULL, has_run ? &running : NULL,
                               has_soot ? &soot : NULL, has_fuel ? &fuel : NULL);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

static int l_probe_leak(lua_State *L)
{
    const char *fn = "st.probe:leak";
    sobj *o = scen_obj_check(L, 1, T_GPROBE, fn);
    lua_settop(L, 2);
    double f = 0;
    if (!lua_isnil(L, 2)) {
        need_table(L, 2, fn);
        static const char *const known[] = {"air", NULL};
        scen_check_fields(L, 2, fn, known);
        if (!scen_opt_number(L, 2, fn, "air", &f)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "air");
        if (!(f >= 0 && f <= 1)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "air", "0 .. 1");
    }
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_probe_leak, 2, 0);
    scen_obj_lock(L);
    int rc = station_probe_leak(st, f);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

static int l_probe_blowback(lua_State *L)
{
    const char *fn = "st.probe:blowback";
    sobj *o = scen_obj_check(L, 1, T_GPROBE, fn);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_probe_blowback, 1, 0);
    scen_obj_lock(L);
    int rc = station_probe_blowback(st);
    scen_obj_unlock(L);
    if (rc != 0) { /* one running already: as a panel button, nothing happens */
        char text[256];
        SCMSG(text, sizeof text, MSG_SC_CMD_REFUSED, fn, "blowback", "busy");
        scen_warn(L, scen_of(L), text);
    }
    return 0;
}

static int l_line_set(lua_State *L)
{
    const char *fn = "st.line:set";
    sobj *o = scen_obj_check(L, 1, T_GLINE, fn);
    need_table(L, 2, fn);
    static const char *const known[] = {"heat",   "chiller", "maintenance", "chiller_c",
                                        "line_c", "probe_c", NULL};
    scen_check_fields(L, 2, fn, known);
    double v[6] = {0};
    int has[6] = {0};
    for (int i = 0; i < 6; i++) {
        int b = 0;
        if (i < 3) {
            has[i] = bool_field(L, 2, fn, known[i], &b);
            v[i] = b;
        } else {
            has[i] = scen_opt_number(L, 2, fn, known[i], &v[i]);
            if (has[i] && !(v[i] >= -50 && v[i] <= 300))
                return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, known[i], "-50 .. 300");
        }
    }
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_line_set, 2, 0);
    int rc = 0;
    scen_obj_lock(L);
    for (int i = 0; i < 6; i++)
        if (has[i] && station_line_set(st, known[i], v[i]) < 0) rc = -1;
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

static int l_flue_set(lua_State *L)
{
    const char *fn = "st.flue:set";
    sobj *o = scen_obj_check(L, 1, T_GFLUE, fn);
    need_table(L, 2, fn);
    static const char *const known[] = {"area", "kp", "kv", "rho_n", NULL};
    scen_check_fields(L, 2, fn, known);
    double v[4] = {0};
    int has[4];
    for (int i = 0; i < 4; i++)
        has[i] = scen_opt_number(L, 2, fn, known[i], &v[i]);
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_flue_set, 2, 0);
    int rc = 0;
    scen_obj_lock(L);
    for (int i = 0; i < 4; i++)
        if (has[i] && station_flue_set(st, known[i], v[i]) < 0) rc = -1;
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

static int l_damper_set(lua_State *L)
{
    const char *fn = "st.damper:set";
    sobj *o = scen_obj_check(L, 1, T_GDAMPER, fn);
    need_table(L, 2, fn);
    static const char *const known[] = {"bypass", NULL};
    scen_check_fields(L, 2, fn, known);
    double f = 0;
    if (!scen_opt_number(L, 2, fn, "bypass", &f)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "bypass");
    if (!(f >= 0 && f <= 1)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "bypass", "0 .. 1");
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_damper_set, 2, 0);
    scen_obj_lock(L);
    int rc = station_damper_set(st, f);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* ---- cylinders ---- */

static const char *const CYL_GAS[] = {"so2", "nox", "o2", "co", "co2", "no2", NULL};

/* st.cylinder("so2"): the span (and zero) cylinders of that gas. */
static int l_cylinder(lua_State *L)
{
    int st = (int)lua_tointeger(L, lua_upvalueindex(1));
    const char *g = luaL_checkstring(L, 1);
    for (int i = 0; CYL_GAS[i]; i++)
        if (strcmp(g, CYL_GAS[i]) == 0) {
            scen_obj_push(L, T_CYLINDER, st, i, 0);
            return 1;
        }
    const char *pick = scmsg_suggest(g, CYL_GAS);
    if (pick) return SCMSG_ERROR(L, MSG_SC_NO_FIELD_MEAN, "st.cylinder", g, pick);
    return SCMSG_ERROR(L, MSG_SC_NO_FIELD, "st.cylinder", g, "so2 nox o2 co co2 no2");
}

static int l_cyl_swap(lua_State *L)
{
    char fn[48];
    sobj *o = scen_obj_check(L, 1, T_CYLINDER, "st.cylinder:swap");
    snprintf(fn, sizeof fn, "st.cylinder(\"%s\"):swap", CYL_GAS[o->sub]);
    need_table(L, 2, fn);
    static const char *const known[] = {"label", "actual", "zero", NULL};
    scen_check_fields(L, 2, fn, known);
    double label = -1, actual = 0;
    int zero = 0;
    scen_opt_number(L, 2, fn, "label", &label);
    if (!scen_opt_number(L, 2, fn, "actual", &actual)) return SCMSG_ERROR(L, MSG_SC_REQUIRED, fn, "actual");
    bool_field(L, 2, fn, "zero", &zero);
    if (!(actual >= 0 && actual < 1e6)) return SCMSG_ERROR(L, MSG_SC_IN_RANGE, fn, "actual", "0 .. 1e6");
    station *st = scen_obj_live(L, o->st);
    if (!st) return scen_defer(L, l_cyl_swap, 2, 0);
    scen_obj_lock(L);
    int rc = station_cylinder_swap(st, CYL_GAS[o->sub], zero, label, actual);
    scen_obj_unlock(L);
    return rc < 0 ? scen_obj_refused(L, fn) : 0;
}

/* ---- the station's fields and the types ---- */

void scen_gas_push_fields(lua_State *L, scen *s, int i)
{
    const station_gas_cfg *g = &s->cfgs[i].gas;
    for (int a = 0; a < GAN_COUNT; a++) {
        int fitted = a < STATION_G_COUNT ? g->an[a] : a == GAN_PM ? g->pm : g->nmhc;
        if (!fitted) continue;
        scen_obj_push(L, T_GAS_AN, i, a, 0);
        lua_setfield(L, -2, GAN_NAME[a]);
    }
    static const struct {
        const char *key, *tname;
    } parts[] = {{"plant", T_GPLANT}, {"probe", T_GPROBE}, {"line", T_GLINE}, {"flue", T_GFLUE}};
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        scen_obj_push(L, parts[k].tname, i, 0, 0);
        lua_setfield(L, -2, parts[k].key);
    }
    if (g->stack.bypass) {
        scen_obj_push(L, T_GDAMPER, i, 0, 0);
        lua_setfield(L, -2, "damper");
    }
    lua_pushinteger(L, i);
    lua_pushcclosure(L, l_cylinder, 1);
    lua_setfield(L, -2, "cylinder");
}

void scen_gas_register(lua_State *L)
{
    static const luaL_Reg an_m[] = {
        {"command", l_command}, {"set", l_set}, {"freeze", l_freeze}, {"standard", l_standard},
        {"zero_gas", l_zero_gas}, {"hold_flag", l_hold_flag}, {NULL, NULL}};
    static const luaL_Reg plant_m[] = {{"set", l_plant_set}, {NULL, NULL}};
    static const luaL_Reg probe_m[] = {
        {"leak", l_probe_leak}, {"blowback", l_probe_blowback}, {NULL, NULL}};
    static const luaL_Reg line_m[] = {{"set", l_line_set}, {NULL, NULL}};
    static const luaL_Reg flue_m[] = {{"set", l_flue_set}, {NULL, NULL}};
    static const luaL_Reg damper_m[] = {{"set", l_damper_set}, {NULL, NULL}};
    static const luaL_Reg cyl_m[] = {{"swap", l_cyl_swap}, {NULL, NULL}};
    scen_obj_new_type(L, T_GAS_AN, an_m);
    scen_obj_new_type(L, T_GPLANT, plant_m);
    scen_obj_new_type(L, T_GPROBE, probe_m);
    scen_obj_new_type(L, T_GLINE, line_m);
    scen_obj_new_type(L, T_GFLUE, flue_m);
    scen_obj_new_type(L, T_GDAMPER, damper_m);
    scen_obj_new_type(L, T_CYLINDER, cyl_m);
}

const char *scen_gas_obj_name(lua_State *L, int idx, char *buf, size_t n)
{
    static const struct {
        const char *tname, *name;
    } names[] = {{T_GPLANT, "st.plant"}, {T_GPROBE, "st.probe"}, {T_GLINE, "st.line"},
                 {T_GFLUE, "st.flue"},   {T_GDAMPER, "st.damper"}};
    sobj *o = luaL_testudata(L, idx, T_GAS_AN);
    if (o) {
        snprintf(buf, n, "st.%s", GAN_NAME[o->sub]);
        return buf;
    }
    if ((o = luaL_testudata(L, idx, T_CYLINDER)) != NULL) {
        snprintf(buf, n, "st.cylinder(\"%s\")", CYL_GAS[o->sub]);
        return buf;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (luaL_testudata(L, idx, names[i].tname)) {
            snprintf(buf, n, "%s", names[i].name);
            return buf;
        }
    return NULL;
}

double scen_gas_model_value(station *st, const char *code)
{
    const hjcode *hc = hjcode_lookup(code);
    if (!hc || station_get_kind(st) == STATION_WATER) return NAN;
    gasan *nox = station_gasan_at(st, STATION_G_NOX);
    gcfid *gc = station_gcfid(st);
    flue *fl = station_flue(st);
    switch (hjcode_index(hc)) {
    case HJCODE_SO2:
    case HJCODE_O2:
    case HJCODE_CO:
    case HJCODE_CO2: {
        static const struct { int code, g; } A[] = {{HJCODE_SO2, STATION_G_SO2}, {HJCODE_O2, STATION_G_O2},
                                                   {HJCODE_CO, STATION_G_CO}, {HJCODE_CO2, STATION_G_CO2}};
        for (size_t i = 0; i < sizeof A / sizeof A[0]; i++)
            if (A[i].code == hjcode_index(hc) && station_gasan_at(st, A[i].g))
                return gasan_value(station_gasan_at(st, A[i].g), 0);
        return NAN;
    }
    case HJCODE_NOX: {
        gasan_status gs;
        if (!nox) return NAN;
        gasan_get_status(nox, &gs);
        return gs.nox;
    }
    case HJCODE_NO:
        return nox ? gasan_value(nox, 0) : NAN;
    case HJCODE_NO2:
        return nox ? gasan_value(nox, 1) : NAN;
    case HJCODE_PM:
        return station_pmmon(st) ? pmmon_value(station_pmmon(st)) : NAN;
    case HJCODE_NMHC:
        return gc ? gcfid_nmhc(gc) : NAN;
    case HJCODE_THC:
        return gc ? gcfid_thc(gc) : NAN;
    case HJCODE_CH4:
        return gc ? gcfid_ch4(gc) : NAN;
    case HJCODE_GAS_FLOW:
        return fl ? flue_qsn(fl) : NAN;
    case HJCODE_GAS_VELOCITY:
        return fl ? flue_velocity(fl) : NAN;
    case HJCODE_GAS_TEMP:
        return fl ? flue_temp(fl) : NAN;
    case HJCODE_GAS_PRESSURE:
        return fl ? flue_pressure(fl) : NAN;
    case HJCODE_GAS_HUMIDITY:
        return fl ? flue_humidity(fl) : NAN;
    default:
        return NAN;
    }
}
