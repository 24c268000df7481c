/*
 * gen-gas.c — the gas and VOCs stations of generated drills (docs/generator.md, "Gas and
 * VOCs stations"): the source, one or two frauds staged through the fraud library, and the
 * honest confounders of GAS.md. Every range here is one of that page's frozen tables.
 */
#include "gen-private.h"

#include "hjfraud.h"
#include "stack.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const GAS_SITE[STACK_PROFILE_COUNT] = {
    [STACK_COAL_BOILER] = "某热电有限公司 1#锅炉排口",
    [STACK_GAS_BOILER] = "某食品有限公司 燃气锅炉排口",
    [STACK_GLASS_KILN] = "某玻璃有限公司 熔窑排口",
    [STACK_WASTE_INCINERATOR] = "某环保能源有限公司 焚烧炉排口",
    [STACK_COATING_VOCS] = "某汽车零部件有限公司 涂装RTO排口",
    [STACK_CHEMICAL_VOCS] = "某化工有限公司 RTO排口",
};

static const char *const OM[][2] = {{"运维 张工", "0007"}, {"运维 李工", "0008"},
                                    {"运维 王工", "0009"}, {"运维 刘工", "0011"}};

static void optf(gen_fraud *f, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void optf(gen_fraud *f, const char *key, const char *fmt, ...)
{
    char text[120];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    gen_opt_add(f, key, text);
}

static double lerp(double weak, double strong, double u)
{
    return weak + (strong - weak) * u;
}

/* ---- the source ---- */

static void draw_source(gen_ctx *c, gen_station *s, int index, int kind)
{
    char code[16], city[32];
    gen_gas *g = &s->gas;
    snprintf(s->var, sizeof s->var, "st%d", (index + 1) % 1000);
    gen_city(c, code, sizeof code, city, sizeof city);
    snprintf(s->mn, sizeof s->mn, "%s%08u", code, (unsigned)gen_i(c, 0, 99999999) % 100000000u);
    s->kind = kind;
    if (kind == 1)
        g->profile = STACK_COAL_BOILER + gen_pick(c, (const int[]){30, 30, 15, 25}, 4);
    else
        g->profile = STACK_COATING_VOCS + gen_pick(c, (const int[]){60, 40}, 2);
    snprintf(s->name, sizeof s->name, "%s%s", city, GAS_SITE[g->profile]);
    s->protocol = gen_chance(c, 0.5) ? 2017 : 2025;
    g->load = gen_q(gen_u(c, 0.6, 0.95), 0.05);
    stack_cfg sc;
    stack_cfg_default(&sc, g->profile);
    static const double mult[] = {0.5, 0.75, 1, 1.25, 1.5};
    g->flue_nm3h = gen_q2(sc.flue_nm3h * mult[gen_i(c, 0, 4)]);
    g->o2_extractive = kind == 1 && gen_chance(c, 0.3);
    g->bypass = g->profile == STACK_COAL_BOILER || (kind == 1 && gen_chance(c, 0.3));
    s->cam_station = s->cam_outfall = 1;
}

static int has_fgd(const gen_station *s)
{
    int p = s->gas.profile;
    return p == STACK_COAL_BOILER || p == STACK_GLASS_KILN || p == STACK_WASTE_INCINERATOR;
}

/* ---- frauds ---- */

static int can_carry(const gen_station *s, int type)
{
    if (!hjfraud_at_kind(hjfraud_at((size_t)type), s->kind == 1 ? 'g' : 'v')) return 0;
    if (type == HJFRAUD_BYPASS_FLUE) return s->gas.bypass;
    return 1;
}

static int draw_type(gen_ctx *c, const gen_station *s)
{
    int w[HJFRAUD__COUNT], any = 0;
    for (int i = 0; i < HJFRAUD__COUNT; i++) {
        w[i] = can_carry(s, i) && (!c->o->types || ((c->o->types >> i) & 1));
        any |= w[i];
    }
    return any ? gen_pick(c, w, HJFRAUD__COUNT) : -1;
}

/* Hours of a duration on a 15-minute grid. */
static int64_t hours(gen_ctx *c, double lo, double hi)
{
    return (int64_t)(gen_q(gen_u(c, lo, hi), 0.25) * GEN_HOUR);
}

/* The options of f (its type set) and its duration range; *to_end: the chance that it
 * lasts to the end of the run. */
static void draw_options(gen_ctx *c, const gen_station *s, gen_fraud *f, double *lo, double *hi,
                         double *to_end)
{
    double u = f->intensity;
    int vocs = s->kind == 2;
    *to_end = 0;
    switch (f->type) {
    case HJFRAUD_PROBE_DILUTION: {
        static const char *const where[] = {"probe", "line", "pump"};
        f->strength = gen_q(lerp(0.15, 0.5, u), 0.01);
        optf(f, "air", "%g", f->strength);
        optf(f, "where", "\"%s\"", where[gen_pick(c, (const int[]){20, 30, 50}, 3)]);
        if (gen_chance(c, 0.3)) optf(f, "camera", "true");
        *lo = 2, *hi = 10;
        snprintf(f->what, sizeof f->what, "ambient air %g of the sample", f->strength);
        break;
    }
    case HJFRAUD_O2_TAMPER: {
        int m = gen_pick(c, (const int[]){50, 30, 20}, 3);
        static const char *const method[] = {"zero_gas", "param", "dau"};
        optf(f, "method", "\"%s\"", method[m]);
        f->strength = m == 0 ? gen_q(lerp(0.1, 0.4, u), 0.01) : m == 1 ? gen_q(lerp(0.9, 0.6, u), 0.01) : 0.7;
        if (m == 0) optf(f, "share", "%g", f->strength);
        if (m == 1) optf(f, "slope", "%g", f->strength);
        *lo = 2, *hi = 12;
        snprintf(f->what, sizeof f->what, "O2 lowered: %s %g", method[m], f->strength);
        break;
    }
    case HJFRAUD_SPAN_GAS_TAMPER: {
        const char *p = vocs ? "nmhc" : gen_chance(c, 0.6) ? "so2" : "nox";
        f->strength = gen_q(lerp(1.1, 1.8, u), 0.01);
        optf(f, "param", "\"%s\"", p);
        optf(f, "factor", "%g", f->strength);
        if (gen_chance(c, 0.3)) optf(f, "calibrate", "true");
        *to_end = 0.5, *lo = 12, *hi = 30;
        snprintf(f->what, sizeof f->what, "%s span cylinder x%g its label", p, f->strength);
        break;
    }
    case HJFRAUD_HEAT_TRACE_OFF: {
        int h = gen_pick(c, (const int[]){60, 20, 20}, 3);
        static const char *const how[] = {"heat", "chiller", "chiller_c"};
        optf(f, "how", "\"%s\"", how[h]);
        f->strength = h == 2 ? gen_q(lerp(12, 25, u), 1) : 0;
        if (h == 2) optf(f, "chiller_c", "%g", f->strength);
        *lo = 2, *hi = 8;
        snprintf(f->what, sizeof f->what, "sampling line: %s", how[h]);
        break;
    }
    case HJFRAUD_CALIBRATION_FLAG_ABUSE: {
        static const char *const gm[] = {"hold", "calibrate", "blowback", "maintenance"};
        int m = vocs ? 1 + gen_pick(c, (const int[]){50, 20, 30}, 3)
                     : gen_pick(c, (const int[]){40, 25, 15, 20}, 4);
        optf(f, "method", "\"%s\"", gm[m]);
        if (m == 1 || m == 2) optf(f, "every", "\"%dm\"", 5 * gen_i(c, 3, 6));
        *lo = 1, *hi = 4;
        snprintf(f->what, sizeof f->what, "flags C/M by %s, no work order", gm[m]);
        break;
    }
    case HJFRAUD_FAKE_SHUTDOWN:
        if (!gen_chance(c, 0.7)) optf(f, "on_site", "false");
        *lo = 2, *hi = 8;
        snprintf(f->what, sizeof f->what, "the DAU reports F while the plant runs");
        break;
    case HJFRAUD_FLOW_PARAM_TAMPER:
        f->strength = gen_q(lerp(0.85, 0.5, u), 0.01);
        optf(f, "setting", "\"kp\"");
        optf(f, "factor", "%g", f->strength);
        *to_end = 0.3, *lo = 4, *hi = 24;
        snprintf(f->what, sizeof f->what, "pitot factor x%g", f->strength);
        break;
    case HJFRAUD_BYPASS_FLUE:
        f->strength = gen_q(lerp(0.2, 0.7, u), 0.01);
        optf(f, "share", "%g", f->strength);
        if (gen_chance(c, 0.4)) optf(f, "camera", "true");
        *lo = 2, *hi = 8;
        snprintf(f->what, sizeof f->what, "bypass damper: %g of the flue gas unmonitored", f->strength);
        break;
    case HJFRAUD_VOCS_DILUTION:
        f->strength = gen_q(lerp(0.3, 0.85, u), 0.01);
        optf(f, "air", "%g", f->strength);
        if (gen_chance(c, 0.3)) optf(f, "camera", "true");
        *lo = 2, *hi = 10;
        snprintf(f->what, sizeof f->what, "ambient air %g of the NMHC sample", f->strength);
        break;
    case HJFRAUD_RTO_BYPASS:
        if (gen_chance(c, 0.75)) {
            f->strength = gen_q(lerp(720, 500, u), 10);
            optf(f, "temp_c", "%g", f->strength);
        } else {
            optf(f, "method", "\"off\"");
        }
        *lo = 3, *hi = 12;
        snprintf(f->what, sizeof f->what, "RTO %s", f->strength > 0 ? "run cold" : "off");
        break;
    default:
        *lo = 0, *hi = 0; /* a common type: gen-gas.c's common_options */
        break;
    }
}

/* The common types (FRAUD-CATALOGUE.md) at a gas or VOCs station. */
static void common_options(gen_ctx *c, const gen_station *s, gen_fraud *f, double *lo, double *hi)
{
    double u = f->intensity;
    int vocs = s->kind == 2;
    const char *main_p = vocs ? "nmhc" : gen_chance(c, 0.6) ? "so2" : "nox";
    switch (f->type) {
    case HJFRAUD_CAMERA_TAMPERING: {
        static const char *const how[] = {"turn", "cover", "power"};
        optf(f, "which", "\"%s\"", gen_chance(c, 0.5) ? "station" : "outfall");
        optf(f, "how", "\"%s\"", how[gen_pick(c, (const int[]){60, 25, 15}, 3)]);
        *lo = 1, *hi = 6;
        break;
    }
    case HJFRAUD_ANALYZER_PARAM_TAMPER:
        f->strength = gen_q(lerp(0.85, 0.5, u), 0.01);
        optf(f, "param", "\"%s\"", main_p);
        optf(f, "setting", "\"%s\"", vocs ? "thc_slope" : "slope");
        optf(f, "value", "%g", f->strength);
        *lo = 2, *hi = 12;
        break;
    case HJFRAUD_DAU_TAMPER:
        f->strength = gen_q(lerp(0.85, 0.5, u), 0.01);
        optf(f, "mode", "\"scale\"");
        optf(f, "factor", "%g", f->strength);
        *lo = 3, *hi = 24;
        break;
    case HJFRAUD_FALSE_FLAG: {
        static const char *const fl[] = {"M", "D", "C"};
        optf(f, "flag", "\"%s\"", fl[gen_pick(c, (const int[]){50, 30, 20}, 3)]);
        *lo = 1, *hi = 6;
        break;
    }
    case HJFRAUD_TRANSMISSION_CUT:
        optf(f, "method", "\"%s\"", gen_chance(c, 0.5) ? "cable" : "power");
        *lo = 1, *hi = 6;
        break;
    case HJFRAUD_FROZEN_VALUE:
        optf(f, "param", "\"%s\"", main_p);
        if (vocs && gen_chance(c, 0.5)) {
            optf(f, "method", "\"stop\"");
        } else {
            f->strength = vocs ? gen_q(gen_u(c, 2, 10), 0.1) : gen_q(gen_u(c, 5, 25), 0.1);
            optf(f, "method", "\"freeze\"");
            optf(f, "value", "%g", f->strength);
        }
        *lo = 2, *hi = 12;
        break;
    default: /* treatment_stopped: the library's default facility */
        *lo = 2, *hi = 8;
        break;
    }
    snprintf(f->what, sizeof f->what, "%s at a %s station", hjfraud_at((size_t)f->type)->key,
             vocs ? "VOCs" : "gas");
}

/* A 02:00 inside [lo, hi] (the automatic calibration a span swap waits for), or 0. */
static int64_t calibration_in(int64_t lo, int64_t hi)
{
    int64_t t = lo - lo % GEN_DAY + 2 * GEN_HOUR;
    while (t < lo)
        t += GEN_DAY;
    return t <= hi ? t : 0;
}

/* Places f in [lo, hi): at on the 5-minute grid, 1 h after lo, ending 30 min before hi. A
 * span swap without its own calibration is placed 3 .. 12 h before a 02:00 calibration of
 * the run and lasts past it. */
static int place(gen_ctx *c, gen_fraud *f, int64_t lo, int64_t hi, double dlo, double dhi, double to_end)
{
    int waits = f->type == HJFRAUD_SPAN_GAS_TAMPER;
    for (int k = 0; k < f->nopt && waits; k++)
        if (strcmp(f->opt[k].key, "calibrate") == 0) waits = 0;
    int end = to_end > 0 && hi == c->end && gen_chance(c, to_end);
    int64_t dur = end ? 0 : hours(c, dlo, dhi);
    int64_t first = lo + GEN_HOUR, last = hi - 30 * GEN_MIN - (end ? 3 * GEN_HOUR : dur), cal = 0;
    if (waits) {
        cal = calibration_in(first + 3 * GEN_HOUR, hi - 2 * GEN_HOUR);
        if (!cal) return -1;
        last = cal - 3 * GEN_HOUR;
        if (cal - 12 * GEN_HOUR > first) first = cal - 12 * GEN_HOUR;
    }
    if (last < first) return -1;
    f->at = first + 5 * GEN_MIN * gen_i(c, 0, (int)((last - first) / (5 * GEN_MIN)));
    if (cal && dur && f->at + dur < cal + 2 * GEN_HOUR) dur = cal + 3 * GEN_HOUR - f->at;
    if (dur && f->at + dur > hi - 30 * GEN_MIN) {
        if (hi != c->end) return -1;
        dur = 0; /* the run ends first */
    }
    f->dur = dur;
    f->days = 1;
    f->end = dur ? f->at + dur : c->end;
    return 0;
}

/* Sequences started by hand must not meet the analyzers' own: a calibration_flag_abuse
 * window keeps clear of the 02:00 automatic calibration (01:30 .. 03:00) and, blowing back,
 * of the probe's scheduled blowbacks (every 4 h from midnight, 5 min either side). */
static int clear_of_schedule(const gen_fraud *f)
{
    int blowback = 0;
    for (int k = 0; k < f->nopt; k++)
        if (strcmp(f->opt[k].key, "method") == 0 && strcmp(f->opt[k].lua, "\"blowback\"") == 0) blowback = 1;
    for (int64_t t = f->at - 10 * GEN_MIN; t <= f->end + 10 * GEN_MIN; t += 5 * GEN_MIN) {
        int64_t tod = t % GEN_DAY;
        if (tod >= 90 * GEN_MIN && tod <= 3 * GEN_HOUR) return 0;
        if (blowback && tod % (4 * GEN_HOUR) == 0) return 0;
    }
    return 1;
}

static int draw_fraud(gen_ctx *c, gen_station *s, gen_fraud *f, int type, int64_t lo, int64_t hi)
{
    memset(f, 0, sizeof *f);
    f->type = type;
    f->raw = 0;
    f->intensity = gen_intensity(c);
    double dlo = 0, dhi = 0, to_end = 0;
    draw_options(c, s, f, &dlo, &dhi, &to_end);
    if (dhi == 0) common_options(c, s, f, &dlo, &dhi);
    snprintf(f->why, sizeof f->why, "GAS.md's %s, staged through the fraud library",
             hjfraud_at((size_t)type)->key);
    if (place(c, f, lo, hi, dlo, dhi, to_end) != 0) return -1;
    return type == HJFRAUD_CALIBRATION_FLAG_ABUSE && !clear_of_schedule(f) ? -1 : 0;
}

/* ---- honest confounders ---- */

/* Is [a, e] clear of the frauds (1 h) and the other confounders (30 min)? */
static int clear(const gen_station *s, int64_t a, int64_t e)
{
    for (int i = 0; i < s->nfraud; i++)
        if (a < s->fraud[i].end + GEN_HOUR && e > s->fraud[i].at - GEN_HOUR) return 0;
    for (int i = 0; i < s->nconf; i++)
        if (a < s->conf[i].at + s->conf[i].dur + 30 * GEN_MIN && e > s->conf[i].at - 30 * GEN_MIN)
            return 0;
    return 1;
}

static void lua_at(gen_sb *b, int64_t t)
{
    char tb[32];
    gen_fmt_time(t, tb, sizeof tb);
    gen_sb_printf(b, "at(\"%s\", function()\n", tb);
}

static void lua_order(gen_sb *b, const gen_station *s, const char *task, int64_t a, int64_t e,
                      const char *who)
{
    char ta[32], te[32];
    gen_fmt_time(a, ta, sizeof ta);
    gen_fmt_time(e, te, sizeof te);
    gen_sb_printf(b, "records.work_order { station = %s, task = \"%s\", start = \"%s\", [\"end\"] = \"%s\", "
                     "who = \"%s\" }\n", s->var, task, ta, te, who);
}

/* The code of confounder k (kind, at, dur, level set). */
static void conf_code(const gen_station *s, gen_conf *k)
{
    gen_sb b;
    char d[32];
    gen_sb_init(&b, k->code, sizeof k->code);
    gen_fmt_dur(k->dur, d, sizeof d);
    const char *v = s->var;
    switch (k->kind) {
    case GEN_CG_STARTUP:
    case GEN_CG_LOAD_SWING:
    case GEN_CG_SOOT_BLOWING:
    case GEN_CG_FGD_SWITCHOVER: {
        char a[64], z[64];
        if (k->kind == GEN_CG_STARTUP) {
            snprintf(a, sizeof a, "plant:set { running = false }");
            snprintf(z, sizeof z, "plant:set { running = true }");
        } else if (k->kind == GEN_CG_LOAD_SWING) {
            snprintf(a, sizeof a, "plant:set { load = %g }", k->level);
            snprintf(z, sizeof z, "plant:set { load = %g }", s->gas.load);
        } else if (k->kind == GEN_CG_SOOT_BLOWING) {
            snprintf(a, sizeof a, "plant:set { soot_blowing = true }");
            snprintf(z, sizeof z, "plant:set { soot_blowing = false }");
        } else {
            snprintf(a, sizeof a, "facility.fgd:set { on = false }");
            snprintf(z, sizeof z, "facility.fgd:set { on = true }");
        }
        lua_at(&b, k->at);
        gen_sb_printf(&b, "  %s.%s\n  sleep(\"%s\")\n  %s.%s\nend)\n", v, a, d, v, z);
        break;
    }
    case GEN_CG_FUEL_CHANGE: /* for good: the new fuel stays to the end of the run */
        lua_at(&b, k->at);
        gen_sb_printf(&b, "  %s.plant:set { fuel = %g }\nend)\n", v, k->level);
        break;
    default: { /* O&M under a work order: calibration, blowback, maintenance */
        const char *task = k->kind == GEN_CG_CALIBRATION ? "calibration" : "maintenance";
        lua_order(&b, s, task, k->at, k->at + k->dur + 20 * GEN_MIN, k->who);
        lua_at(&b, k->at + 5 * GEN_MIN);
        gen_sb_printf(&b, "  %s:person_enters { who = \"%s\", card = \"%s\" }\n  sleep(\"2m\")\n", v, k->who,
                      k->card);
        if (k->kind == GEN_CG_CALIBRATION)
            gen_sb_printf(&b, "  %s.%s:command(\"calibrate\")\n  sleep(\"25m\")\n", v, s->kind == 2 ? "nmhc" : "so2");
        else if (k->kind == GEN_CG_BLOWBACK)
            gen_sb_printf(&b, "  %s.probe:blowback()\n  sleep(\"10m\")\n", v);
        else
            gen_sb_printf(&b, "  %s.line:set { maintenance = true }\n  sleep(\"%s\")\n"
                              "  %s.line:set { maintenance = false }\n  sleep(\"5m\")\n",
                          v, d, v);
        gen_sb_printf(&b, "  %s:person_leaves { who = \"%s\" }\nend)\n", v, k->who);
        break;
    }
    }
}

static int draw_conf(gen_ctx *c, gen_station *s, gen_conf *k)
{
    int fgd = s->kind == 1 && has_fgd(s);
    int soot = s->gas.profile == STACK_COAL_BOILER || s->gas.profile == STACK_WASTE_INCINERATOR;
    int fuel = s->gas.profile == STACK_COAL_BOILER || s->gas.profile == STACK_GLASS_KILN ||
               s->gas.profile == STACK_WASTE_INCINERATOR;
    int w[8] = {14, 14, 10, 16, soot ? 12 : 0, fgd ? 10 : 0, 12, fuel ? 10 : 0};
    memset(k, 0, sizeof *k);
    k->kind = GEN_CG_STARTUP + gen_pick(c, w, 8);
    int om = gen_i(c, 0, 3);
    snprintf(k->who, sizeof k->who, "%s", OM[om][0]);
    snprintf(k->card, sizeof k->card, "%s", OM[om][1]);
    int64_t tod_lo = 0, tod_hi = 24 * GEN_HOUR - 5 * GEN_MIN;
    switch (k->kind) {
    case GEN_CG_STARTUP:
        k->dur = hours(c, 2, 10);
        if (gen_chance(c, 0.6)) tod_lo = 20 * GEN_HOUR, tod_hi = 23 * GEN_HOUR;
        snprintf(k->what, sizeof k->what, "the plant stopped for %.2g h and started again", k->dur / 3600.0);
        break;
    case GEN_CG_LOAD_SWING:
        k->dur = hours(c, 2, 8);
        k->level = gen_q(s->gas.load * gen_u(c, 0.45, 0.75), 0.01);
        snprintf(k->what, sizeof k->what, "the load down to %g for %.2g h", k->level, k->dur / 3600.0);
        break;
    case GEN_CG_SOOT_BLOWING:
        k->dur = 5 * GEN_MIN * gen_i(c, 2, 6);
        snprintf(k->what, sizeof k->what, "soot blowing, %lld min", (long long)(k->dur / 60));
        break;
    case GEN_CG_FUEL_CHANGE: /* 0.60 .. 0.85 or 1.15 .. 1.60, step 0.05; 2 h: the mixing */
        k->dur = 2 * GEN_HOUR;
        k->level = 0.05 * gen_i(c, 12, 17);
        if (gen_chance(c, 0.5)) k->level = 0.05 * gen_i(c, 23, 32);
        snprintf(k->what, sizeof k->what, "a fuel change: sulphur and ash x %.2f from then on", k->level);
        break;
    case GEN_CG_FGD_SWITCHOVER:
        k->dur = GEN_MIN * gen_i(c, 2, 6);
        snprintf(k->what, sizeof k->what, "FGD pump switch-over, %lld min off", (long long)(k->dur / 60));
        break;
    default:
        k->dur = k->kind == GEN_CG_CALIBRATION ? GEN_HOUR
                 : k->kind == GEN_CG_BLOWBACK  ? 30 * GEN_MIN
                                               : 5 * GEN_MIN * gen_i(c, 4, 12);
        tod_lo = 8 * GEN_HOUR + 30 * GEN_MIN, tod_hi = 16 * GEN_HOUR;
        char who[24];
        snprintf(who, sizeof who, "%s", k->who);
        snprintf(k->what, sizeof k->what, "%s by %s under a work order",
                 k->kind == GEN_CG_CALIBRATION ? "a calibration" : k->kind == GEN_CG_BLOWBACK ? "a blowback"
                                                                                               : "sampling maintenance",
                 who);
        break;
    }
    int days = (int)((c->end - c->start) / GEN_DAY);
    for (int tries = 0; tries < 30; tries++) {
        int64_t tod = tod_lo + 5 * GEN_MIN * gen_i(c, 0, (int)((tod_hi - tod_lo) / (5 * GEN_MIN)));
        if (k->kind == GEN_CG_CALIBRATION || k->kind == GEN_CG_BLOWBACK || k->kind == GEN_CG_MAINTENANCE)
            tod = tod - tod % GEN_HOUR + 30 * GEN_MIN; /* clear of the blowbacks on the hour */
        int64_t at = c->start + (int64_t)gen_i(c, 0, days - 1) * GEN_DAY + tod;
        int64_t e = at + k->dur + 35 * GEN_MIN;
        if (at < c->start + 30 * GEN_MIN || e > c->end - 15 * GEN_MIN || !clear(s, at, e)) continue;
        k->at = at;
        conf_code(s, k);
        return 0;
    }
    return -1;
}

/* ---- the station ---- */

int gen_gas_station(gen_ctx *c, gen_station *s, int index, int kind, int honest)
{
    draw_source(c, s, index, kind);
    s->honest = 1;
    if (!honest) {
        int two = c->diff == GEN_HARD && gen_chance(c, 0.35);
        int64_t mid = c->start + (c->end - c->start) / 2;
        for (int i = 0; i < (two ? 2 : 1); i++) {
            int type = draw_type(c, s);
            if (type < 0) break;
            int64_t lo = two && i ? mid : c->start, hi = two && !i ? mid : c->end;
            int ok = draw_fraud(c, s, &s->fraud[s->nfraud], type, lo, hi) == 0;
            for (int tries = 0; !ok && tries < 8; tries++)
                ok = draw_fraud(c, s, &s->fraud[s->nfraud], draw_type(c, s), lo, hi) == 0;
            if (ok) s->nfraud++;
        }
        s->honest = s->nfraud == 0;
    }
    static const int lo[] = {0, 0, 1, 2}, hi[] = {0, 1, 2, 3};
    int n = gen_i(c, lo[c->diff], hi[c->diff]);
    for (int i = 0; i < n && s->nconf < GEN_MAX_CONF; i++)
        if (draw_conf(c, s, &s->conf[s->nconf]) == 0) s->nconf++;
    return 0;
}
