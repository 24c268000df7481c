/*
 * gen.c — drawing a generated scenario (gen.h): the stations, the frauds with their options
 * and times, the honest confounders. Every range here is a row of docs/generator.md; the
 * unit test (tests/generate/test_gen.c) holds them to the numbers written there. They were
 * set before the detector was measured on generated sets and change only for realism.
 *
 * Numbers are drawn with rng_uniform / rng_below only and rounded to a fixed grid before
 * they are used, so that the files are the same on every machine.
 */
#include "gen-private.h"

#include "analyzer.h"
#include "hjcode.h"
#include "hjfraud.h"
#include "hjtime.h"
#include "plant.h"
#include "rng.h"
#include "station.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- small things ---- */

void gen_sb_init(gen_sb *b, char *buf, size_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = 0;
    if (cap) buf[0] = '\0';
}

void gen_sb_printf(gen_sb *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->cap) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (k < 0) return;
    b->len += (size_t)k;
    if (b->len >= b->cap) b->len = b->cap - 1;
}

void gen_fmt_time(int64_t t, char *buf, size_t n)
{
    int64_t day = t >= 0 ? t / GEN_DAY : -((-t + GEN_DAY - 1) / GEN_DAY);
    int64_t s = t - day * GEN_DAY, y = 0;
    int m = 0, d = 0;
    hjtime_civil_from_days(day, &y, &m, &d);
    if (s % 60)
        snprintf(buf, n, "%04lld-%02d-%02d %02lld:%02lld:%02lld", (long long)y, m, d,
                 (long long)(s / 3600), (long long)(s / 60 % 60), (long long)(s % 60));
    else
        snprintf(buf, n, "%04lld-%02d-%02d %02lld:%02lld", (long long)y, m, d,
                 (long long)(s / 3600), (long long)(s / 60 % 60));
}

void gen_fmt_dur(int64_t s, char *buf, size_t n)
{
    gen_sb b;
    gen_sb_init(&b, buf, n);
    if (s <= 0) {
        gen_sb_printf(&b, "0s");
        return;
    }
    static const struct {
        char u;
        int64_t k;
    } g[] = {{'d', GEN_DAY}, {'h', GEN_HOUR}, {'m', GEN_MIN}, {'s', 1}};
    for (size_t i = 0; i < 4; i++)
        if (s >= g[i].k) {
            gen_sb_printf(&b, "%lld%c", (long long)(s / g[i].k), g[i].u);
            s %= g[i].k;
        }
}

const char *gen_param_label(const char *param)
{
    if (strcmp(param, "cod") == 0) return "COD";
    if (strcmp(param, "nh3n") == 0) return "NH3-N";
    if (strcmp(param, "tp") == 0) return "TP";
    if (strcmp(param, "tn") == 0) return "TN";
    return param;
}

static const char *const CONF_NAMES[GEN_CG__END] = {
    [GEN_C_STANDARD_CHECK] = "standard_check",
    [GEN_C_CALIBRATION] = "calibration",
    [GEN_C_MAINTENANCE] = "maintenance",
    [GEN_C_REPAIR] = "repair",
    [GEN_C_POWER_FAILURE] = "power_failure",
    [GEN_C_NETWORK_OUTAGE] = "network_outage",
    [GEN_C_RAIN] = "rain",
    [GEN_C_PRODUCTION_STOP] = "production_stop",
    [GEN_C_UPSET] = "upset",
    [GEN_CG_STARTUP] = "startup_shutdown",
    [GEN_CG_CALIBRATION] = "gas_calibration",
    [GEN_CG_BLOWBACK] = "blowback",
    [GEN_CG_LOAD_SWING] = "load_swing",
    [GEN_CG_SOOT_BLOWING] = "soot_blowing",
    [GEN_CG_FGD_SWITCHOVER] = "fgd_switchover",
    [GEN_CG_MAINTENANCE] = "sampling_maintenance",
    [GEN_CG_FUEL_CHANGE] = "fuel_change",
};

const char *gen_conf_name(int kind)
{
    return kind >= 0 && kind < GEN_CG__END ? CONF_NAMES[kind] : "?";
}

static const char *const DIFF_NAMES[] = {"mixed", "easy", "normal", "hard"};

const char *gen_difficulty_name(int d)
{
    return d >= 0 && d <= GEN_HARD ? DIFF_NAMES[d] : "?";
}

int gen_difficulty_from_name(const char *s)
{
    for (int i = 0; i <= GEN_HARD; i++)
        if (s && strcmp(s, DIFF_NAMES[i]) == 0) return i;
    return -1;
}

void gen_file_name(unsigned index, char *buf, size_t n)
{
    snprintf(buf, n, "gen-%04u.lua", index + 1);
}

void gen_options_default(gen_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->stations_min = 1;
    o->stations_max = 3;
    o->days_min = 2;
    o->days_max = 3;
    o->honest = 0.3;
    o->difficulty = GEN_MIXED;
    o->kinds = 1;
}

uint32_t gen_kind_types(uint32_t kinds)
{
    static const struct {
        uint32_t bit;
        char kind;
    } K[] = {{GEN_KIND_WATER, 'w'}, {GEN_KIND_GAS, 'g'}, {GEN_KIND_VOCS, 'v'}};
    uint32_t m = 0;
    for (size_t i = 0; i < hjfraud_count(); i++)
        for (size_t k = 0; k < sizeof K / sizeof K[0]; k++)
            if ((kinds & K[k].bit) && hjfraud_at_kind(hjfraud_at(i), K[k].kind)) m |= 1u << i;
    return m;
}

/* The types the generator stages at wastewater stations. */
static uint32_t all_types(void)
{
    return gen_kind_types(GEN_KIND_WATER);
}

int gen_options_check(const gen_options *o, char *err, size_t errlen)
{
    const char *bad = NULL;
    if (o->stations_min < 1 || o->stations_max > GEN_MAX_STATIONS ||
        o->stations_min > o->stations_max)
        bad = "stations";
    else if (o->days_min < 1 || o->days_max > 14 || o->days_min > o->days_max)
        bad = "days";
    else if (!(o->honest >= 0 && o->honest <= 1))
        bad = "honest";
    else if (o->difficulty < GEN_MIXED || o->difficulty > GEN_HARD)
        bad = "difficulty";
    else if (o->kinds & ~(uint32_t)GEN_KIND_ALL)
        bad = "kinds";
    else if (o->types & ~gen_kind_types(o->kinds ? o->kinds : GEN_KIND_WATER))
        bad = "types";
    else if (o->profiles & ~((1u << PLANT_PROFILE_COUNT) - 1))
        bad = "profiles";
    if (bad) {
        snprintf(err, errlen, "%s", bad);
        return -1;
    }
    return 0;
}

/* ---- the drawing context ---- */

typedef struct busy {
    int64_t a[48][2];
    int n;
} busy;

typedef gen_ctx ctx;

static double U(ctx *c, double lo, double hi)
{
    return lo + (hi - lo) * rng_uniform(&c->r);
}

static int I(ctx *c, int lo, int hi)
{
    return lo + (int)rng_below(&c->r, (uint64_t)(hi - lo + 1));
}

static int chance(ctx *c, double p)
{
    return rng_uniform(&c->r) < p;
}

/* Index drawn with weights w[0..n-1] (zero weights never). */
static int pick(ctx *c, const int *w, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i] > 0 ? w[i] : 0;
    if (sum <= 0) return 0;
    int k = (int)rng_below(&c->r, (uint64_t)sum);
    for (int i = 0; i < n; i++) {
        if (w[i] <= 0) continue;
        if (k < w[i]) return i;
        k -= w[i];
    }
    return n - 1;
}

/* x on a grid of `step` */
static double q(double x, double step)
{
    return (double)llround(x / step) * step;
}

/* x to 2 significant digits (flows), at least 1 */
static double q2(double x)
{
    if (x < 1) return 1;
    double step = x >= 1000 ? 100 : x >= 100 ? 10 : x >= 10 ? 1 : 0.1;
    return q(x, step);
}

/* lerp from the weak end (intensity 0) to the strong end (1) */
static double lerp(double weak, double strong, double u)
{
    return weak + (strong - weak) * u;
}

static double intensity(ctx *c)
{
    static const double lo[] = {0, 0.55, 0.25, 0.0}, hi[] = {0, 1.0, 1.0, 0.6};
    return q(U(c, lo[c->diff], hi[c->diff]), 0.01);
}

/* the drawing helpers for gen-gas.c (gen-private.h) */
double gen_u(gen_ctx *c, double lo, double hi) { return U(c, lo, hi); }
int gen_i(gen_ctx *c, int lo, int hi) { return I(c, lo, hi); }
int gen_chance(gen_ctx *c, double p) { return chance(c, p); }
int gen_pick(gen_ctx *c, const int *w, int n) { return pick(c, w, n); }
double gen_q(double x, double step) { return q(x, step); }
double gen_q2(double x) { return q2(x); }
double gen_intensity(gen_ctx *c) { return intensity(c); }

static void busy_add(busy *b, int64_t a, int64_t e)
{
    if (b->n < 48) {
        b->a[b->n][0] = a;
        b->a[b->n][1] = e;
        b->n++;
    }
}

/* Does [a, e] come within margin of a busy interval? */
static int busy_hit(const busy *b, int64_t a, int64_t e, int64_t margin)
{
    for (int i = 0; i < b->n; i++)
        if (a < b->a[i][1] + margin && e > b->a[i][0] - margin) return 1;
    return 0;
}

/* ---- options of a fraud ---- */

static void opt(gen_fraud *f, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void gen_opt_add(gen_fraud *f, const char *key, const char *text)
{
    opt(f, key, "%s", text);
}

static void opt(gen_fraud *f, const char *key, const char *fmt, ...)
{
    if (f->nopt >= GEN_MAX_OPTS) return;
    gen_opt *o = &f->opt[f->nopt++];
    snprintf(o->key, sizeof o->key, "%s", key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->lua, sizeof o->lua, fmt, ap);
    va_end(ap);
}

/* ---- people ---- */

static const char *const OPERATORS[] = {"operator", "车间主任", "环保专员", "污水站班长"};
static const char *const OP_CARDS[] = {"0031", "0044", "0052", "0063"};
static const char *const OM_NAMES[] = {"运维 张工", "运维 李工", "运维 王工", "运维 刘工",
                                       "运维 陈工"};
static const char *const OM_CARDS[] = {"0007", "0008", "0009", "0011", "0012"};

typedef struct person {
    const char *who;
    const char *card; /* NULL: forced or tailgated entry */
} person;

static person draw_operator(ctx *c, double p_card)
{
    int k = I(c, 0, 3);
    person p = {OPERATORS[k], OP_CARDS[k]};
    if (!chance(c, p_card)) p.card = NULL;
    return p;
}

static person draw_om(ctx *c)
{
    int k = I(c, 0, 4);
    person p = {OM_NAMES[k], OM_CARDS[k]};
    return p;
}

static void opt_person(gen_fraud *f, person p)
{
    opt(f, "who", "\"%s\"", p.who);
    if (p.card)
        opt(f, "card", "\"%s\"", p.card);
    else
        opt(f, "card", "false");
}

static const char *entry_words(person p, char *buf, size_t n)
{
    if (p.card)
        snprintf(buf, n, "%s enters with card %s", p.who, p.card);
    else
        snprintf(buf, n, "%s enters without a card (forced/tailgated)", p.who);
    return buf;
}

/* ---- analyzers ---- */

/* Seconds one measurement takes, from the analyzer model (sample, digestion, cooling,
 * reading with the default parameters). */
static int64_t meas_seconds(const gen_station *s, const char *param)
{
    analyzer_kind k = ANALYZER_COD;
    if (strcmp(param, "cod") == 0)
        k = s->toc ? ANALYZER_TOC : ANALYZER_COD;
    else if (strcmp(param, "nh3n") == 0)
        k = ANALYZER_NH3N;
    else if (strcmp(param, "tp") == 0)
        k = ANALYZER_TP;
    else
        k = ANALYZER_TN;
    analyzer_config cfg;
    analyzer_config_default(&cfg, k);
    analyzer *a = analyzer_new(&cfg);
    if (!a) return 1800;
    double sec = analyzer_cycle_seconds(a);
    analyzer_free(a);
    return (int64_t)llround(sec);
}

/* The analyzer's default of a parameter (its registered value). */
static double analyzer_default(const gen_station *s, const char *param, int which)
{
    analyzer_kind k = strcmp(param, "cod") == 0    ? (s->toc ? ANALYZER_TOC : ANALYZER_COD)
                      : strcmp(param, "nh3n") == 0 ? ANALYZER_NH3N
                      : strcmp(param, "tp") == 0   ? ANALYZER_TP
                                                   : ANALYZER_TN;
    analyzer_config cfg;
    analyzer_config_default(&cfg, k);
    analyzer *a = analyzer_new(&cfg);
    if (!a) return 0;
    double v = analyzer_get(a, which);
    analyzer_free(a);
    return v;
}

static double limit_of(const gen_station *s, const char *param)
{
    if (strcmp(param, "cod") == 0) return s->lim_cod;
    if (strcmp(param, "nh3n") == 0) return s->lim_nh3n;
    if (strcmp(param, "tp") == 0) return s->lim_tp;
    return s->lim_tn;
}

/* cod 70, nh3n 20, tp 10 among those fitted */
static const char *draw_param(ctx *c, const gen_station *s)
{
    int w[3] = {70, s->nh3n ? 20 : 0, s->tp ? 10 : 0};
    static const char *const names[] = {"cod", "nh3n", "tp"};
    return names[pick(c, w, 3)];
}

/* The HJ 212 code of a short name (the code table's alias: "cod" -> "w01018"). */
static const char *code_of(const char *param)
{
    const hjcode *c = hjcode_by_alias(param);
    return c ? c->code : hjcode_at(HJCODE_TN)->code;
}

/* ---- placing a fraud in time ---- */

enum { H_FIRST = 0, H_NIGHT, H_DAY };

/* A time in [lo, hi] (local seconds, on the minute) of the hour class drawn with w[]:
 * the first 6 hours of the run, the night (20:00-04:00), the day (08:00-18:00); when the
 * class has no room in [lo, hi] (or after 40 tries), uniform in it. -1 if hi < lo. */
static int64_t place(ctx *c, int64_t lo, int64_t hi, const int w[3])
{
    if (hi < lo) return -1;
    int cls = pick(c, w, 3);
    for (int k = 0; k < 40; k++) {
        int64_t t = -1;
        if (cls == H_FIRST) {
            t = c->start + (int64_t)U(c, 5 * GEN_MIN, 6 * GEN_HOUR);
        } else {
            int64_t day = c->start + GEN_DAY * I(c, 0, c->p->days - 1);
            int64_t tod = cls == H_NIGHT ? (int64_t)U(c, 20 * GEN_HOUR, 28 * GEN_HOUR)
                                         : (int64_t)U(c, 8 * GEN_HOUR, 18 * GEN_HOUR);
            t = day + tod;
        }
        t -= t % GEN_MIN;
        if (t >= lo && t <= hi) return t;
        if (cls == H_FIRST) break;
    }
    int64_t t = lo + (int64_t)U(c, 0, (double)(hi - lo));
    t -= t % GEN_MIN;
    return t < lo ? lo : t;
}

/* How a fraud takes its time. */
typedef struct timing {
    double dlo_h, dhi_h; /* duration drawn in this range (hours) */
    double dmin_h;       /* shortest acceptable after fitting into the slot */
    int to_end_pct;      /* % of draws that last to the end of the run (no duration) */
    int days_max;        /* repetition: occurrences a day apart, 1 = none */
    int days_pct;        /* % of draws that repeat (when it fits) */
    int64_t lead, tail;  /* staging before `at` and after the duration (seconds) */
    int w[3];            /* hour classes: first hours, night, day */
} timing;

/* Sets f->at, dur, days, end inside the slot [lo, hi]; busy gets the windows. -1 when it
 * cannot fit. */
static int fit(ctx *c, gen_fraud *f, int64_t lo, int64_t hi, const timing *tm, busy *b)
{
    int64_t room = hi - lo - tm->lead - tm->tail;
    if (room < (int64_t)(tm->dmin_h * GEN_HOUR)) return -1;
    int to_end = hi == c->end && tm->to_end_pct && I(c, 1, 100) <= tm->to_end_pct;
    if (c->no_to_end) to_end = 0;
    int64_t dur = 0;
    if (!to_end) {
        dur = (int64_t)(q(U(c, tm->dlo_h, tm->dhi_h), 0.25) * GEN_HOUR);
        int64_t cap = room * 4 / 5;
        if (dur > cap) dur = cap - cap % (15 * GEN_MIN);
        if (dur < (int64_t)(tm->dmin_h * GEN_HOUR)) dur = (int64_t)(tm->dmin_h * GEN_HOUR);
    }
    int days = 1;
    if (!to_end && !c->no_repeat && tm->days_max > 1 && dur + tm->lead + tm->tail < 20 * GEN_HOUR &&
        I(c, 1, 100) <= tm->days_pct) {
        int fits = (int)((room - dur) / GEN_DAY) + 1;
        int mx = tm->days_max < fits ? tm->days_max : fits;
        if (mx >= 2) days = I(c, 2, mx);
    }
    int64_t alo = lo + tm->lead;
    int64_t ahi = to_end ? c->end - 6 * GEN_HOUR : hi - tm->tail - dur - (days - 1) * GEN_DAY;
    if (ahi < alo) return -1;
    int64_t at = place(c, alo, ahi, tm->w);
    if (at < 0) return -1;
    f->at = at;
    f->dur = dur;
    f->days = days;
    f->end = to_end ? c->end : at + (days - 1) * GEN_DAY + dur + tm->tail;
    for (int k = 0; k < days; k++)
        busy_add(b, at - tm->lead + k * GEN_DAY,
                 to_end ? c->end : at + k * GEN_DAY + dur + tm->tail);
    return 0;
}

/* ---- the raw API: the acts written out ---- */

typedef struct raw {
    gen_sb b;
    const gen_station *s;
} raw;

static void raw_init(raw *w, gen_fraud *f, const gen_station *s)
{
    gen_sb_init(&w->b, f->code, sizeof f->code);
    w->s = s;
}

static void raw_at(raw *w, int64_t t)
{
    char tb[32];
    gen_fmt_time(t, tb, sizeof tb);
    gen_sb_printf(&w->b, "at(\"%s\", function()\n", tb);
}

static void raw_sleep(raw *w, int64_t s)
{
    if (s <= 0) return;
    char d[32];
    gen_fmt_dur(s, d, sizeof d);
    gen_sb_printf(&w->b, "  sleep(\"%s\")\n", d);
}

static void raw_line(raw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void raw_line(raw *w, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    gen_sb_printf(&w->b, "  %s\n", line);
}

static void raw_begin(raw *w, int type, const char *note)
{
    raw_line(w, "local id = truth.begin { type = \"%s\", station = %s,",
             hjfraud_at((size_t)type)->key, w->s->var);
    raw_line(w, "  note = \"%s\" }", note);
}

static void raw_end(raw *w)
{
    raw_line(w, "truth.finish(id)");
    gen_sb_printf(&w->b, "end)\n");
}

static void raw_enter(raw *w, person p)
{
    if (p.card)
        raw_line(w, "%s:person_enters { who = \"%s\", card = \"%s\" }", w->s->var, p.who, p.card);
    else
        raw_line(w, "%s:person_enters { who = \"%s\" } -- no card: forced or tailgated", w->s->var,
                 p.who);
}

static void raw_leave(raw *w, person p)
{
    raw_line(w, "%s:person_leaves { who = \"%s\" }", w->s->var, p.who);
}

/* A camera act and its undo; how: 0 turn, 1 cover, 2 power. */
typedef struct camact {
    int on;
    const char *which;
    int how;
    int pan;
} camact;

static void raw_cam(raw *w, camact a, int undo)
{
    if (!a.on) return;
    if (a.how == 0)
        raw_line(w, "%s.camera.%s:turn { pan = %d }", w->s->var, a.which, undo ? 0 : a.pan);
    else if (a.how == 1)
        raw_line(w, "%s.camera.%s:cover(%s)", w->s->var, a.which, undo ? "false" : "true");
    else
        raw_line(w, "%s.camera.%s:power(%s)", w->s->var, a.which, undo ? "true" : "false");
}

static const char *cam_words(camact a, char *buf, size_t n)
{
    if (!a.on)
        snprintf(buf, n, "%s", "");
    else if (a.how == 0)
        snprintf(buf, n, "; %s camera turned %d° off its preset", a.which, a.pan);
    else
        snprintf(buf, n, "; %s camera %s", a.which, a.how == 1 ? "covered" : "powered off");
    return buf;
}

static void opt_cam(gen_fraud *f, const char *key, camact a)
{
    static const char *const how[] = {"turn", "cover", "power"};
    if (!a.on) return;
    if (a.how == 0)
        opt(f, key, "{ which = \"%s\", how = \"turn\", pan = %d }", a.which, a.pan);
    else
        opt(f, key, "{ which = \"%s\", how = \"%s\" }", a.which, how[a.how]);
}

/* ---- the fraud types ---- */

static int64_t hour_ceil(int64_t t)
{
    return t - t % GEN_HOUR + GEN_HOUR;
}

/* 1. sample_cup_injection: 1..3 pours at different times, each after a result */
static int draw_cup(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    const char *param = draw_param(c, s);
    double u = f->intensity;
    int pours = chance(c, 0.2) ? 2 : 1;
    int ml = (int)q(lerp(40, 200, u), 5);
    int restart = chance(c, 0.8) || (s->cycle_min < 40 && strcmp(param, "cod") != 0);
    person p = draw_operator(c, 0.65);
    camact cam = {0, "station", 0, 0};
    if (s->cam_station) {
        int k = pick(c, (const int[]){60, 25, 15}, 3);
        if (k) cam = (camact){1, "station", k == 1 ? 0 : 1, (int)q(U(c, 60, 150), 5)};
    }
    int maxreps = c->diff == GEN_EASY ? 1 : c->diff == GEN_NORMAL ? 2 : 3;
    int reps = I(c, 1, maxreps);
    int64_t meas = meas_seconds(s, param), cyc = (int64_t)s->cycle_min * GEN_MIN;
    static const int hw[3] = {15, 25, 60};
    f->reps = 0;
    for (int r = 0; r < reps && f->reps < 4; r++) {
        for (int tries = 0; tries < 20; tries++) {
            int64_t t = place(c, lo + 15 * GEN_MIN, hi - 3 * GEN_HOUR, hw);
            if (t < 0) break;
            int64_t bnd = t - (t - c->start) % cyc; /* the cycle boundary before t */
            int64_t at = 0, draw = 0;
            if (restart) {
                at = bnd + meas + (int64_t)I(c, 3, 20) * GEN_MIN;
                at -= at % GEN_MIN;
                draw = at;
            } else {
                draw = bnd + cyc;
                at = draw - I(c, 40, 90);
            }
            int64_t from = at - 4 * GEN_MIN - (cam.on ? GEN_MIN : 0);
            int64_t until = hour_ceil(draw + meas);
            if (from < lo || until > hi - 10 * GEN_MIN || busy_hit(b, from, until, 3 * GEN_HOUR))
                continue;
            f->rep_at[f->reps++] = at;
            busy_add(b, from, until);
            break;
        }
    }
    if (!f->reps) return -1;
    /* in time order */
    for (int i = 1; i < f->reps; i++)
        for (int k = i; k > 0 && f->rep_at[k] < f->rep_at[k - 1]; k--) {
            int64_t x = f->rep_at[k];
            f->rep_at[k] = f->rep_at[k - 1];
            f->rep_at[k - 1] = x;
        }
    f->at = f->rep_at[0];
    f->dur = 0;
    f->days = 1;
    f->strength = ml;
    f->end = 0;
    for (int i = 0; i < f->reps; i++) {
        int64_t draw =
            restart ? f->rep_at[i] : f->rep_at[i] + (cyc - (f->rep_at[i] - c->start) % cyc) % cyc;
        int64_t until = hour_ceil(draw + meas);
        if (until > f->end) f->end = until;
    }
    int mlp = pours == 2 ? (int)q(ml / 2.0, 5) : ml;
    opt(f, "param", "\"%s\"", param);
    if (strcmp(param, "cod") == 0) opt(f, "analyzer", "\"%s\"", s->toc ? "toc" : "cod");
    opt(f, "ml", "%d", mlp);
    if (pours == 2) opt(f, "pours", "2");
    if (!restart) opt(f, "restart", "false");
    opt_person(f, p);
    opt_cam(f, "camera", cam);
    char e[96], cw[80];
    snprintf(f->what, sizeof f->what, "%d ml of tap water into the %s sample cup%s%s%s; %s%s",
             mlp * pours, gen_param_label(param),
             strcmp(param, "cod") == 0 ? (s->toc ? " (TOC analyzer)" : " (dichromate)") : "",
             pours == 2 ? " in two pours" : "",
             restart ? ", measurement restarted" : ", just before the scheduled draw",
             entry_words(p, e, sizeof e), cam_words(cam, cw, sizeof cw));
    snprintf(f->why, sizeof f->why, "%s",
             restart ? "just after a result, so that an extra, low manual value enters the hour"
                     : "a minute before the scheduled draw, so that the hour's value is low");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int i = 0; i < f->reps; i++) {
        int64_t at = f->rep_at[i];
        int64_t t_in = at - 3 * GEN_MIN - (cam.on ? GEN_MIN : 0);
        int64_t draw = restart ? at : at + (cyc - (at - c->start) % cyc) % cyc;
        int64_t until = hour_ceil(draw + meas);
        raw_at(&w, t_in);
        char note[200];
        snprintf(note, sizeof note, "%d ml of tap water poured into the %s sample cup%s",
                 mlp * pours, param, restart ? ", measurement restarted" : "");
        raw_begin(&w, f->type, note);
        if (cam.on) {
            raw_cam(&w, cam, 0);
            raw_sleep(&w, GEN_MIN);
        }
        raw_enter(&w, p);
        raw_sleep(&w, at - t_in - (cam.on ? GEN_MIN : 0));
        for (int k = 0; k < pours; k++)
            raw_line(&w, "%s.%s:add_to_cup { ml = %d }", s->var, param, mlp);
        if (restart) raw_line(&w, "%s.%s:command(\"restart\")", s->var, param);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        int64_t now = at + 2 * GEN_MIN;
        if (cam.on) {
            raw_sleep(&w, GEN_MIN);
            raw_cam(&w, cam, 1);
            now += GEN_MIN;
        }
        raw_line(&w, "-- in effect to the end of the hour whose mean the low value enters");
        raw_sleep(&w, until - now);
        raw_end(&w);
    }
    return 0;
}

/* 2. tap_water_dilution */
static int draw_dilution(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b,
                         int no_camera)
{
    double u = f->intensity, share = q(lerp(0.15, 0.6, u), 0.01);
    double m3h = q2(s->flow_m3h * share / (1 - share));
    int custom = chance(c, 0.2);
    double wc = q(U(c, 8, 25), 0.1), wn = q(U(c, 0.2, 1.0), 0.01), wp = q(U(c, 0.05, 0.2), 0.01);
    double wph = q(U(c, 7.0, 7.8), 0.1), wcond = q(U(c, 300, 600), 10);
    int hidden = chance(c, 0.9);
    camact cam = {0, "outfall", 0, 0};
    if (!no_camera && s->cam_outfall && chance(c, 0.25))
        cam = (camact){1, "outfall", 0, (int)q(U(c, 60, 150), 5)};
    timing tm = {4, 36, 2, 20, 3, 25, cam.on ? 5 * GEN_MIN : 0, 0, {15, 45, 40}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = share;
    opt(f, "m3h", "%g", m3h);
    if (custom) {
        opt(f, "source", "\"custom\"");
        opt(f, "water", "{ cod = %g, nh3n = %g, tp = %g, ph = %g, cond = %g }", wc, wn, wp, wph,
            wcond);
    }
    if (!hidden) opt(f, "hidden", "false");
    opt_cam(f, "camera", cam);
    char cw[80];
    snprintf(f->what, sizeof f->what,
             "%g m3/h of %s into the channel at the sampling point (%.0f %% of the mixed flow)%s%s",
             m3h, custom ? "river water" : "tap water", share * 100,
             hidden ? " through a hidden pipe" : ", the pipe in the outfall camera's view",
             cam_words(cam, cw, sizeof cw));
    snprintf(f->why, sizeof f->why,
             "every parameter falls by the same factor; the flow meter is %s the inflow",
             s->meter_upstream ? "upstream of (does not see)" : "downstream of (sees)");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        int64_t at = f->at + k * GEN_DAY;
        raw_at(&w, at - (cam.on ? 5 * GEN_MIN : 0));
        char note[160];
        snprintf(note, sizeof note, "%g m3/h of %s piped into the channel at the sampling point",
                 m3h, custom ? "river water" : "tap water");
        raw_begin(&w, f->type, note);
        if (cam.on) {
            raw_cam(&w, cam, 0);
            raw_sleep(&w, 5 * GEN_MIN);
        }
        if (custom)
            raw_line(&w,
                     "local pipe = %s.channel:add_inflow { source = \"custom\", m3h = %g, hidden = "
                     "%s,",
                     s->var, m3h, hidden ? "true" : "false");
        else
            raw_line(
                &w,
                "local pipe = %s.channel:add_inflow { source = \"tap\", m3h = %g, hidden = %s }",
                s->var, m3h, hidden ? "true" : "false");
        if (custom)
            raw_line(&w, "  quality = { cod = %g, nh3n = %g, tp = %g, ph = %g, cond = %g } }", wc,
                     wn, wp, wph, wcond);
        if (f->dur) {
            raw_sleep(&w, f->dur);
            raw_line(&w, "pipe:stop()");
            if (cam.on) raw_cam(&w, cam, 1);
            raw_end(&w);
        } else {
            raw_line(&w, "-- left open to the end of the run: the truth event ends with it");
            gen_sb_printf(&w.b, "end)\n");
        }
    }
    return 0;
}

/* 3. sampling_hose_swap */
static int draw_hose(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    int bucket = chance(c, 0.5);
    double lvl = q(lerp(0.7, 0.25, u), 0.01);
    double bc = q(s->lim_cod * lvl, 0.1), bn = q(s->lim_nh3n * lvl, 0.01),
           bp = q(s->lim_tp * lvl, 0.01), bph = q(U(c, 6.8, 7.6), 0.1);
    camact cam = {0, "station", 0, 0};
    if (s->cam_station && chance(c, 0.5)) cam = (camact){1, "station", 0, (int)q(U(c, 60, 150), 5)};
    person p = draw_operator(c, 0.7);
    int64_t lead = GEN_MIN + (cam.on ? GEN_MIN : 0);
    timing tm = {3, 10, 2, 0, 3, 35, lead, 5 * GEN_MIN, {15, 60, 25}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = bucket ? lvl : 0;
    opt(f, "source", "\"%s\"", bucket ? "bucket" : "tap");
    if (bucket) opt(f, "water", "{ cod = %g, nh3n = %g, tp = %g, ph = %g }", bc, bn, bp, bph);
    opt_person(f, p);
    opt_cam(f, "camera", cam);
    char e[96], cw[80];
    if (bucket)
        snprintf(f->what, sizeof f->what,
                 "sampling hose into a bucket of prepared water (COD %g = %.0f %% of the limit); "
                 "%s%s",
                 bc, lvl * 100, entry_words(p, e, sizeof e), cam_words(cam, cw, sizeof cw));
    else
        snprintf(f->what, sizeof f->what, "sampling hose onto a tap; %s%s",
                 entry_words(p, e, sizeof e), cam_words(cam, cw, sizeof cw));
    snprintf(f->why, sizeof f->why, "%s",
             "the analyzers read a quiet, legal level that no longer follows the plant");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        int64_t at = f->at + k * GEN_DAY;
        raw_at(&w, at - lead);
        raw_begin(&w, f->type,
                  bucket ? "sampling hose put into a bucket of prepared water"
                         : "sampling hose put onto a tap");
        if (cam.on) {
            raw_cam(&w, cam, 0);
            raw_sleep(&w, GEN_MIN);
        }
        raw_enter(&w, p);
        raw_sleep(&w, GEN_MIN);
        if (bucket)
            raw_line(
                &w, "%s.sample_line:connect(\"bucket\", { cod = %g, nh3n = %g, tp = %g, ph = %g })",
                s->var, bc, bn, bp, bph);
        else
            raw_line(&w, "%s.sample_line:connect(\"tap\")", s->var);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        raw_sleep(&w, f->dur - 2 * GEN_MIN);
        raw_enter(&w, p);
        raw_sleep(&w, GEN_MIN);
        raw_line(&w, "%s.sample_line:connect(\"channel\")", s->var);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        if (cam.on) {
            raw_sleep(&w, GEN_MIN);
            raw_cam(&w, cam, 1);
        }
        raw_end(&w);
    }
    return 0;
}

/* 4. camera_tampering; which: NULL draw, else that camera (turned) */
static int draw_camera(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b,
                       const char *which_fixed, int64_t fixed_at, int64_t fixed_dur)
{
    double u = f->intensity;
    const char *which = which_fixed;
    if (!which) {
        int w[2] = {s->cam_outfall ? 55 : 0, s->cam_station ? 45 : 0};
        which = pick(c, w, 2) == 0 ? "outfall" : "station";
    }
    int how = which_fixed ? 0 : pick(c, (const int[]){60, 25, 15}, 3);
    int pan = (int)q(lerp(30, 180, u), 5);
    camact a = {1, which, how, pan};
    int in_room = strcmp(which, "station") == 0 && how != 0;
    person p = draw_operator(c, 0.7);
    if (fixed_at) {
        f->at = fixed_at;
        f->dur = fixed_dur;
        f->days = 1;
        f->end = fixed_at + fixed_dur;
        busy_add(b, fixed_at, f->end);
    } else {
        timing tm = {1, 8, 1, 0, 2, 30, 0, 2 * GEN_MIN, {15, 50, 35}};
        if (fit(c, f, lo, hi, &tm, b)) return -1;
    }
    f->strength = how == 0 ? pan : 180;
    static const char *const hows[] = {"turn", "cover", "power"};
    opt(f, "which", "\"%s\"", which);
    opt(f, "how", "\"%s\"", hows[how]);
    if (how == 0) opt(f, "pan", "%d", pan);
    if (in_room) opt_person(f, p);
    char cw[80], e[96];
    cam_words(a, cw, sizeof cw);
    if (in_room)
        snprintf(f->what, sizeof f->what, "%s (%s)", cw + 2, entry_words(p, e, sizeof e));
    else
        snprintf(f->what, sizeof f->what, "%s", cw + 2);
    snprintf(f->why, sizeof f->why, "%s",
             which_fixed ? "so that the outfall camera does not see the pipe being opened"
                         : "the camera's view lost while it lasts");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        raw_at(&w, f->at + k * GEN_DAY);
        char note[120];
        snprintf(note, sizeof note, "%s", cam_words(a, cw, sizeof cw) + 2);
        raw_begin(&w, f->type, note);
        int64_t extra = 0;
        if (in_room) {
            raw_enter(&w, p);
            raw_sleep(&w, GEN_MIN);
            extra += GEN_MIN;
        }
        raw_cam(&w, a, 0);
        if (in_room) {
            raw_sleep(&w, GEN_MIN);
            raw_leave(&w, p);
            extra += GEN_MIN;
        }
        raw_sleep(&w, f->dur - extra);
        if (in_room) {
            raw_enter(&w, p);
            raw_sleep(&w, GEN_MIN);
        }
        raw_cam(&w, a, 1);
        if (in_room) {
            raw_sleep(&w, GEN_MIN);
            raw_leave(&w, p);
        }
        raw_end(&w);
    }
    return 0;
}

/* 5. night_discharge */
static int draw_night(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    double treat = q(lerp(0.5, 0, u), 0.05), prod = q(lerp(1.1, 1.8, u), 0.05);
    int hose = pick(c, (const int[]){50, 30, 20}, 3); /* tap, bucket, none */
    int turn = s->cam_outfall && chance(c, 0.7);
    int blower_off = chance(c, 0.3);
    person p = draw_operator(c, 0.7);
    int64_t lead = (turn ? 10 * GEN_MIN : 0) + (hose != 2 ? 5 * GEN_MIN : 0);
    int64_t tail = (hose != 2 ? 20 * GEN_MIN + 3 * GEN_MIN : 0) + 5 * GEN_MIN;
    /* the central act between 21:00 and 02:00 */
    timing tm = {2, 6, 1.5, 0, 3, 40, lead, tail, {0, 100, 0}};
    int ok = -1;
    for (int tries = 0; tries < 10 && ok; tries++) {
        busy tmp = *b;
        if (fit(c, f, lo, hi, &tm, &tmp)) return -1;
        int64_t tod = (f->at - c->start) % GEN_DAY;
        if (tod >= 21 * GEN_HOUR || tod <= 2 * GEN_HOUR) {
            *b = tmp;
            ok = 0;
        }
    }
    if (ok) return -1;
    f->strength = 1 - treat;
    if (!turn) opt(f, "turn_camera", "false");
    opt(f, "treatment", "%g", treat);
    opt(f, "production", "%g", prod);
    double bc = q(s->lim_cod * 0.3, 0.1), bn = q(s->lim_nh3n * 0.3, 0.01),
           bp = q(s->lim_tp * 0.3, 0.01);
    if (hose == 1) {
        opt(f, "hose", "\"bucket\"");
        opt(f, "water", "{ cod = %g, nh3n = %g, tp = %g, ph = 7.3 }", bc, bn, bp);
    } else if (hose == 2) {
        opt(f, "hose", "false");
    }
    if (blower_off) opt(f, "facilities_off", "{ \"blower\" }");
    opt_person(f, p);
    char e[96];
    snprintf(f->what, sizeof f->what, "treatment run at %g, production x%g%s%s%s; %s", treat, prod,
             hose == 0   ? ", sampling hose on a tap"
             : hose == 1 ? ", sampling hose in a bucket"
                         : "",
             turn ? ", outfall camera turned first" : "", blower_off ? ", blower switched off" : "",
             entry_words(p, e, sizeof e));
    snprintf(f->why, sizeof f->why, "%s",
             "untreated water leaves at night while the analyzers read something quiet");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    camact cam = {turn, "outfall", 0, 120};
    for (int k = 0; k < f->days; k++) {
        int64_t at = f->at + k * GEN_DAY;
        raw_at(&w, at - lead);
        raw_begin(&w, f->type, "discharge at night with treatment down");
        if (turn) {
            raw_cam(&w, cam, 0);
            raw_sleep(&w, 10 * GEN_MIN);
        }
        if (hose != 2) {
            raw_enter(&w, p);
            raw_sleep(&w, GEN_MIN);
            if (hose == 0)
                raw_line(&w, "%s.sample_line:connect(\"tap\")", s->var);
            else
                raw_line(&w,
                         "%s.sample_line:connect(\"bucket\", { cod = %g, nh3n = %g, tp = %g, ph = "
                         "7.3 })",
                         s->var, bc, bn, bp);
            raw_sleep(&w, 2 * GEN_MIN);
            raw_leave(&w, p);
            raw_sleep(&w, 2 * GEN_MIN);
        }
        raw_line(&w, "%s.plant:set { treatment = %g, production = %g }", s->var, treat, prod);
        if (blower_off) raw_line(&w, "%s.facility.blower:set { on = false }", s->var);
        raw_sleep(&w, f->dur);
        raw_line(&w, "%s.plant:set { treatment = 1, production = 1 }", s->var);
        if (blower_off) raw_line(&w, "%s.facility.blower:set { on = true }", s->var);
        if (hose != 2) {
            raw_sleep(&w, 20 * GEN_MIN);
            raw_enter(&w, p);
            raw_sleep(&w, GEN_MIN);
            raw_line(&w, "%s.sample_line:connect(\"channel\")", s->var);
            raw_sleep(&w, 2 * GEN_MIN);
            raw_leave(&w, p);
        }
        raw_sleep(&w, 5 * GEN_MIN);
        if (turn) raw_cam(&w, cam, 1);
        raw_end(&w);
    }
    return 0;
}

/* 6. analyzer_param_tamper */
static int draw_param_tamper(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    const char *param = draw_param(c, s);
    int is_toc = strcmp(param, "cod") == 0 && s->toc;
    /* slope, intercept, range, toc_factor, dilution, digestion_time */
    int sw[6] = {35, 15, 15, is_toc ? 15 : 0, 10, is_toc ? 0 : 10};
    static const char *const names[] = {"slope",      "intercept", "range",
                                        "toc_factor", "dilution",  "digestion_time"};
    int k = pick(c, sw, 6);
    double lim = limit_of(s, param), value = 0, restore = 0;
    switch (k) {
    case 0:
        value = q(lerp(0.85, 0.5, u), 0.01);
        restore = 1;
        f->strength = value;
        break;
    case 1:
        value = -q(lim * lerp(0.1, 0.4, u), lim >= 10 ? 1 : 0.01);
        restore = 0;
        f->strength = -value / lim;
        break;
    case 2:
        value = q(lim * lerp(1.1, 0.9, u), lim >= 10 ? 1 : 0.01);
        restore = analyzer_default(s, param, ANALYZER_P_RANGE_HI);
        f->strength = value / lim;
        break;
    case 3: {
        plant_cfg pc;
        plant_cfg_default(&pc, s->profile);
        restore = pc.cod_toc;
        value = q(restore * lerp(0.85, 0.5, u), 0.01);
        f->strength = value / restore;
        break;
    }
    case 4:
        value = q(lerp(0.85, 0.5, u), 0.01);
        restore = 1;
        f->strength = value;
        break;
    default:
        restore = analyzer_default(s, param, ANALYZER_P_DIGEST_TIME);
        value = q(restore * lerp(0.33, 0.125, u), 10);
        f->strength = value / restore;
        break;
    }
    person p = draw_operator(c, 0.75);
    camact cam = {0, "station", 0, 0};
    if (s->cam_station && chance(c, 0.3)) cam = (camact){1, "station", 0, (int)q(U(c, 60, 150), 5)};
    int64_t lead = 2 * GEN_MIN + (cam.on ? GEN_MIN : 0);
    timing tm = {6, 48, 3, 30, 1, 0, lead, 6 * GEN_MIN, {15, 25, 60}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    opt(f, "param", "\"%s\"", param);
    opt(f, "setting", "\"%s\"", names[k]);
    opt(f, "value", "%g", value);
    if (k == 3 || k == 5) opt(f, "restore", "%g", restore);
    opt_person(f, p);
    opt_cam(f, "camera", cam);
    char e[96], cw[80];
    snprintf(f->what, sizeof f->what, "%s analyzer %s set to %g (registered %g) at the panel; %s%s",
             gen_param_label(param), names[k], value, restore, entry_words(p, e, sizeof e),
             cam_words(cam, cw, sizeof cw));
    snprintf(f->why, sizeof f->why, "%s",
             k == 2   ? "values clip at the new range top, under or near the limit"
             : k == 5 ? "a short digestion oxidises less: the readings fall"
                      : "the readings step down with no calibration work order");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    raw_at(&w, f->at - lead);
    char note[160];
    snprintf(note, sizeof note, "%s analyzer %s set to %g at the panel", param, names[k], value);
    raw_begin(&w, f->type, note);
    if (cam.on) {
        raw_cam(&w, cam, 0);
        raw_sleep(&w, GEN_MIN);
    }
    raw_enter(&w, p);
    raw_sleep(&w, 2 * GEN_MIN);
    raw_line(&w, "%s.%s:set { %s = %g }", s->var, param, names[k], value);
    raw_sleep(&w, 3 * GEN_MIN);
    raw_leave(&w, p);
    if (cam.on) {
        raw_sleep(&w, GEN_MIN);
        raw_cam(&w, cam, 1);
    }
    if (f->dur) {
        raw_sleep(&w, f->dur - 3 * GEN_MIN - (cam.on ? GEN_MIN : 0));
        raw_enter(&w, p);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_line(&w, "%s.%s:set { %s = %g }", s->var, param, names[k], restore);
        raw_sleep(&w, GEN_MIN);
        raw_leave(&w, p);
        raw_end(&w);
    } else {
        raw_line(&w, "-- the setting stays to the end of the run: the truth event ends with it");
        gen_sb_printf(&w.b, "end)\n");
    }
    return 0;
}

/* 7. standard_solution_tamper */
static int draw_stdsol(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    const char *param = draw_param(c, s);
    double factor = q(lerp(1.1, 1.6, u), 0.01);
    double label = analyzer_default(s, param, ANALYZER_P_STD_LABEL);
    int wo = chance(c, 0.8);
    person p = draw_om(c);
    /* by day: 08:30 .. 16:30 */
    timing tm = {12, 48, 4, 50, 1, 0, 2 * GEN_MIN, 50 * GEN_MIN, {0, 0, 100}};
    int ok = -1;
    for (int tries = 0; tries < 10 && ok; tries++) {
        busy tmp = *b;
        if (fit(c, f, lo, hi, &tm, &tmp)) return -1;
        int64_t tod = (f->at - c->start) % GEN_DAY;
        if (tod >= 8 * GEN_HOUR + 30 * GEN_MIN && tod <= 16 * GEN_HOUR + 30 * GEN_MIN) {
            *b = tmp;
            ok = 0;
        }
    }
    if (ok) return -1;
    f->strength = factor;
    opt(f, "param", "\"%s\"", param);
    opt(f, "factor", "%g", factor);
    if (!wo) opt(f, "work_order", "false");
    opt_person(f, p);
    char e[96];
    snprintf(
        f->what, sizeof f->what,
        "%s standard bottle labelled %g really holds %g (x%g), the analyzer calibrated on it%s; "
        "%s",
        gen_param_label(param), label, q(label * factor, 0.001), factor,
        wo ? ", filed as a routine calibration" : ", no work order", entry_words(p, e, sizeof e));
    snprintf(f->why, sizeof f->why, "readings low by %.0f %% while later standard checks pass",
             (1 - 1 / factor) * 100);
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    char t0[32], t1[32];
    if (wo) {
        gen_fmt_time(f->at - 2 * GEN_MIN, t0, sizeof t0);
        gen_fmt_time(f->at - 2 * GEN_MIN + 90 * GEN_MIN, t1, sizeof t1);
        gen_sb_printf(&w.b,
                      "records.work_order { station = %s, task = \"calibration\", start = \"%s\", "
                      "[\"end\"] = \"%s\", who = \"%s\" }\n",
                      s->var, t0, t1, p.who);
    }
    /* with a duration the truth id crosses two at() blocks: a file-level local keeps it */
    char id[40];
    snprintf(id, sizeof id, "%s_std%d", s->var, (int)(f - s->fraud) + 1);
    if (f->dur) gen_sb_printf(&w.b, "local %s\n", id);
    raw_at(&w, f->at - 2 * GEN_MIN);
    char note[160];
    snprintf(note, sizeof note, "%s standard bottle labelled %g swapped for %g, calibrated on it",
             param, label, q(label * factor, 0.001));
    if (f->dur) {
        raw_line(&w, "%s = truth.begin { type = \"%s\", station = %s,", id,
                 hjfraud_at((size_t)f->type)->key, s->var);
        raw_line(&w, "  note = \"%s\" }", note);
    } else {
        raw_begin(&w, f->type, note);
    }
    raw_enter(&w, p);
    raw_sleep(&w, 2 * GEN_MIN);
    raw_line(&w, "%s.%s:standard { value = %g }", s->var, param, q(label * factor, 0.001));
    raw_sleep(&w, GEN_MIN);
    raw_line(&w, "%s.%s:command(\"calibrate\", { wait = \"44m\" })", s->var, param);
    raw_sleep(&w, 2 * GEN_MIN);
    raw_leave(&w, p);
    if (f->dur) {
        char tb[32];
        gen_fmt_time(f->at + f->dur, tb, sizeof tb);
        raw_line(&w, "-- the right bottle back and a calibration at %s", tb);
        gen_sb_printf(&w.b, "end)\n");
        raw_at(&w, f->at + f->dur);
        raw_enter(&w, p);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_line(&w, "%s.%s:standard { value = %g }", s->var, param, label);
        raw_line(&w, "%s.%s:command(\"calibrate\", { wait = \"44m\" })", s->var, param);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        gen_sb_printf(&w.b, "  truth.finish(%s)\nend)\n", id);
    } else {
        raw_line(&w, "-- the bottle stays to the end of the run: the truth event ends with it");
        gen_sb_printf(&w.b, "end)\n");
    }
    return 0;
}

/* 8. dau_tamper (the station's level is set to over the limit for a cap: gen_draw) */
static int draw_dau(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b, int mode)
{
    double u = f->intensity;
    double cap = q(s->lim_cod * lerp(0.98, 0.8, u), s->lim_cod >= 100 ? 1 : 0.1);
    double factor = q(lerp(0.85, 0.5, u), 0.01);
    double off = -q(s->lim_cod * lerp(0.1, 0.4, u), s->lim_cod >= 100 ? 1 : 0.1);
    int multi = mode == 1 && chance(c, 0.5);
    int on_site = chance(c, 0.3);
    person p = draw_operator(c, 0.7);
    timing tm = {6, 48, 3, 30, 1, 0, on_site ? 0 : 0, 10 * GEN_MIN, {15, 40, 45}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    const char *codes[3] = {"cod", NULL, NULL};
    int nc = 1;
    if (multi) {
        if (s->nh3n) codes[nc++] = "nh3n";
        if (s->tp) codes[nc++] = "tp";
    }
    char list[80] = "{ ";
    for (int i = 0; i < nc; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s\"%s\"", i ? ", " : "",
                 codes[i]);
    strcat(list, " }");
    opt(f, "codes", "%s", list);
    static const char *const modes[] = {"cap", "scale", "offset"};
    opt(f, "mode", "\"%s\"", modes[mode]);
    if (mode == 0) {
        opt(f, "cap", "%g", cap);
        f->strength = cap / s->lim_cod;
    } else if (mode == 1) {
        opt(f, "factor", "%g", factor);
        f->strength = factor;
    } else {
        opt(f, "offset", "%g", off);
        f->strength = -off / s->lim_cod;
    }
    if (on_site) {
        opt(f, "on_site", "true");
        opt_person(f, p);
    }
    char e[96];
    snprintf(f->what, sizeof f->what, "the DAU rewrites %s before upload: %s%s%s",
             nc > 1 ? "COD, NH3-N and TP" : "COD",
             mode == 0   ? (snprintf(e, sizeof e, "values over %g written just under it", cap), e)
             : mode == 1 ? (snprintf(e, sizeof e, "values x%g", factor), e)
                         : (snprintf(e, sizeof e, "values %+g", off), e),
             on_site ? "; a box plugged into the DAU on site" : "; remotely (firmware)", "");
    snprintf(f->why, sizeof f->why, "%s",
             mode == 0 ? "the plant is over its COD limit: uploads bunch just under it"
                       : "the uploaded values no longer match the analyzers' own records");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    raw_at(&w, f->at);
    raw_begin(&w, f->type, "the DAU rewrites values before upload");
    if (on_site) {
        raw_enter(&w, p);
        raw_sleep(&w, 5 * GEN_MIN);
    }
    for (int i = 0; i < nc; i++) {
        if (mode == 0)
            raw_line(&w,
                     "%s.dau:filter(\"%s\", function(v) if v > %g then return %g * (0.92 + 0.05 * "
                     "((v * 7.31) %% 1)) end return v end)",
                     s->var, code_of(codes[i]), cap, cap);
        else if (mode == 1)
            raw_line(&w, "%s.dau:filter(\"%s\", function(v) return v * %g end)", s->var,
                     code_of(codes[i]), factor);
        else
            raw_line(&w, "%s.dau:filter(\"%s\", function(v) return math.max(0, v + %g) end)",
                     s->var, code_of(codes[i]), off);
    }
    int64_t spent = 0;
    if (on_site) {
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        spent = 7 * GEN_MIN;
    }
    if (f->dur) {
        raw_sleep(&w, f->dur - spent);
        for (int i = 0; i < nc; i++)
            raw_line(&w, "%s.dau:filter(\"%s\", nil)", s->var, code_of(codes[i]));
        raw_end(&w);
    } else {
        raw_line(&w, "-- left in place to the end of the run: the truth event ends with it");
        gen_sb_printf(&w.b, "end)\n");
    }
    return 0;
}

/* 9. flowmeter_tamper */
static int draw_flowmeter(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double factor = q(lerp(0.8, 0.3, f->intensity), 0.01);
    person p = draw_operator(c, 0.75);
    timing tm = {6, 48, 3, 30, 1, 0, 2 * GEN_MIN, 5 * GEN_MIN, {15, 35, 50}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = factor;
    opt(f, "factor", "%g", factor);
    opt_person(f, p);
    char e[96];
    snprintf(f->what, sizeof f->what, "flow meter set to report x%g of the true flow; %s", factor,
             entry_words(p, e, sizeof e));
    snprintf(f->why, sizeof f->why, "%s", "daily loads fall while production and currents do not");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    raw_at(&w, f->at - 2 * GEN_MIN);
    raw_begin(&w, f->type, "flow meter scaled at its converter");
    raw_enter(&w, p);
    raw_sleep(&w, 2 * GEN_MIN);
    raw_line(&w, "%s.flow:set { factor = %g }", s->var, factor);
    raw_sleep(&w, 3 * GEN_MIN);
    raw_leave(&w, p);
    if (f->dur) {
        raw_sleep(&w, f->dur - 3 * GEN_MIN);
        raw_enter(&w, p);
        raw_sleep(&w, 2 * GEN_MIN);
        raw_line(&w, "%s.flow:set { factor = 1 }", s->var);
        raw_sleep(&w, GEN_MIN);
        raw_leave(&w, p);
        raw_end(&w);
    } else {
        raw_line(&w, "-- left scaled to the end of the run: the truth event ends with it");
        gen_sb_printf(&w.b, "end)\n");
    }
    return 0;
}

/* In a shift of the station (or any time around the clock)? */
static int producing(const gen_station *s, int64_t t0, int64_t t1, int64_t start)
{
    if (!s->nshifts) return 1;
    for (int64_t t = t0; t <= t1; t += 15 * GEN_MIN) {
        int m = (int)(((t - start) % GEN_DAY) / 60), in = 0;
        for (int i = 0; i < s->nshifts; i++) {
            int a = s->shift[i][0], e = s->shift[i][1];
            in |= a < e ? (m >= a && m < e) : (m >= a || m < e);
        }
        if (!in) return 0;
    }
    return 1;
}

/* 10. treatment_stopped; level_only: the recipe with false flags */
static int draw_treatment(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b,
                          int level_only)
{
    double u = f->intensity;
    int by_level = level_only || chance(c, 0.4);
    double level = q(lerp(0.6, 0, u), 0.05);
    if (level_only) level = q(lerp(0.5, 0.1, u), 0.05);
    int all = u >= 0.5;
    timing tm = {3, 12, 2, 0, 2, 25, 0, 0, {10, 40, 50}};
    int ok = -1;
    for (int tries = 0; tries < 12 && ok; tries++) {
        busy tmp = *b;
        if (fit(c, f, lo, hi, &tm, &tmp)) return -1;
        if (producing(s, f->at, f->at + f->dur, c->start)) {
            *b = tmp;
            ok = 0;
        }
    }
    if (ok) return -1;
    if (by_level) {
        opt(f, "level", "%g", level);
        f->strength = 1 - level;
        snprintf(f->what, sizeof f->what,
                 "treatment run at %g of its efficiency while production runs", level);
    } else {
        if (all)
            opt(f, "facilities", "%s",
                s->dosing ? "{ \"blower\", \"lift_pump\", \"dosing\" }"
                          : "{ \"blower\", \"lift_pump\" }");
        else
            opt(f, "facilities", "{ \"blower\" }");
        f->strength = all ? 1 : 0.5;
        snprintf(f->what, sizeof f->what, "%s switched off while production runs",
                 all ? "the treatment facilities (blower, lift pump)" : "the blower");
    }
    snprintf(f->why, sizeof f->why, "%s",
             "saves power: concentrations rise over the treatment tank's hours");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        raw_at(&w, f->at + k * GEN_DAY);
        raw_begin(&w, f->type, "treatment stopped while production runs");
        if (by_level) {
            raw_line(&w, "%s.plant:set { treatment = %g }", s->var, level);
        } else {
            raw_line(&w, "%s.facility.blower:set { on = false }", s->var);
            if (all) raw_line(&w, "%s.facility.lift_pump:set { on = false }", s->var);
            if (all && s->dosing) raw_line(&w, "%s.facility.dosing:set { on = false }", s->var);
        }
        raw_sleep(&w, f->dur);
        if (by_level) {
            raw_line(&w, "%s.plant:set { treatment = 1 }", s->var);
        } else {
            raw_line(&w, "%s.facility.blower:set { on = true }", s->var);
            if (all) raw_line(&w, "%s.facility.lift_pump:set { on = true }", s->var);
            if (all && s->dosing) raw_line(&w, "%s.facility.dosing:set { on = true }", s->var);
        }
        raw_end(&w);
    }
    return 0;
}

/* 11. false_flag; fixed_at != 0: the recipe (after a treatment cut) */
static int draw_flag(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b,
                     int64_t fixed_at, int64_t fixed_dur)
{
    int two = s->nh3n && chance(c, 0.4);
    static const char flags[] = {'M', 'D', 'C'};
    char flag = flags[pick(c, (const int[]){50, 30, 20}, 3)];
    if (fixed_at) {
        f->at = fixed_at;
        f->dur = fixed_dur;
        f->days = 1;
        f->end = fixed_at + fixed_dur;
        busy_add(b, f->at, f->end);
    } else {
        timing tm = {2, 10, 1, 0, 2, 25, 0, 0, {15, 40, 45}};
        if (fit(c, f, lo, hi, &tm, b)) return -1;
    }
    f->strength = (double)f->dur / GEN_HOUR;
    opt(f, "codes", "%s", two ? "{ \"cod\", \"nh3n\" }" : "{ \"cod\" }");
    opt(f, "flag", "\"%c\"", flag);
    snprintf(f->what, sizeof f->what, "%s flagged %c (%s) by the DAU, no work order",
             two ? "COD and NH3-N" : "COD", flag,
             flag == 'M'   ? "maintenance"
             : flag == 'D' ? "fault"
                           : "calibration");
    snprintf(f->why, sizeof f->why, "%s",
             fixed_at ? "hides the exceedances the treatment cut causes"
                      : "the flagged hours drop out of the valid data");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        raw_at(&w, f->at + k * GEN_DAY);
        raw_begin(&w, f->type, "data flagged without a work order");
        raw_line(&w, "%s.dau:flag(\"w01018\", \"%c\")", s->var, flag);
        if (two) raw_line(&w, "%s.dau:flag(\"w21003\", \"%c\")", s->var, flag);
        raw_sleep(&w, f->dur);
        raw_line(&w, "%s.dau:flag(\"w01018\", nil)", s->var);
        if (two) raw_line(&w, "%s.dau:flag(\"w21003\", nil)", s->var);
        raw_end(&w);
    }
    return 0;
}

/* 12. transmission_cut */
static int draw_cut(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    int power = chance(c, 0.4);
    int with_treat = chance(c, 0.5);
    double treat = q(lerp(0.6, 0, u), 0.05);
    person p = draw_operator(c, 0.6);
    timing tm = {1, 8, 1, 0, 2, 20, 2 * GEN_MIN, 5 * GEN_MIN, {15, 50, 35}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = with_treat ? 1 - treat : 0;
    opt(f, "method", "\"%s\"", power ? "power" : "cable");
    if (with_treat) opt(f, "treatment", "%g", treat);
    opt_person(f, p);
    char e[96], tw[48] = "";
    if (with_treat) snprintf(tw, sizeof tw, "; treatment run at %g meanwhile", treat);
    snprintf(f->what, sizeof f->what, "%s%s; %s",
             power ? "the station room's power cut (DAU off, analyzers stopped, no backfill)"
                   : "the DAU's network cable pulled (backfilled later)",
             tw, entry_words(p, e, sizeof e));
    snprintf(f->why, sizeof f->why, "%s", "no data reaches the platform while it discharges");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    static const char *const ans[] = {"cod", "nh3n", "tp", "tn"};
    int fitted[4] = {1, s->nh3n, s->tp, s->tn};
    for (int k = 0; k < f->days; k++) {
        raw_at(&w, f->at + k * GEN_DAY - 2 * GEN_MIN);
        raw_begin(&w, f->type, power ? "station-room power cut" : "DAU network cable pulled");
        raw_enter(&w, p);
        raw_sleep(&w, 2 * GEN_MIN);
        if (power) {
            raw_line(&w, "%s.dau:power(false)", s->var);
            for (int i = 0; i < 4; i++)
                if (fitted[i]) raw_line(&w, "%s.%s:command(\"stop\")", s->var, ans[i]);
            if (s->cam_station) raw_line(&w, "%s.camera.station:power(false)", s->var);
        } else {
            raw_line(&w, "%s.dau:offline(true)", s->var);
        }
        raw_sleep(&w, GEN_MIN);
        raw_leave(&w, p);
        if (with_treat) raw_line(&w, "%s.plant:set { treatment = %g }", s->var, treat);
        raw_sleep(&w, f->dur - GEN_MIN);
        if (with_treat) raw_line(&w, "%s.plant:set { treatment = 1 }", s->var);
        raw_enter(&w, p);
        raw_sleep(&w, GEN_MIN);
        if (power) {
            if (s->cam_station) raw_line(&w, "%s.camera.station:power(true)", s->var);
            for (int i = 3; i >= 0; i--)
                if (fitted[i]) raw_line(&w, "%s.%s:command(\"restart\")", s->var, ans[i]);
            raw_line(&w, "%s.dau:power(true)", s->var);
        } else {
            raw_line(&w, "%s.dau:offline(false)", s->var);
        }
        raw_sleep(&w, GEN_MIN);
        raw_leave(&w, p);
        raw_end(&w);
    }
    return 0;
}

/* 13. frozen_value */
static int draw_frozen(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double u = f->intensity;
    const char *param = draw_param(c, s);
    int method = pick(c, (const int[]){40, 30, 30}, 3); /* freeze, stop, dau */
    double lim = limit_of(s, param);
    double value = q(lim * U(c, 0.3, 0.8), lim >= 10 ? 0.1 : 0.01);
    person p = draw_operator(c, 0.7);
    double d = q(lerp(6, 30, u), 0.5);
    int64_t lead = method == 2 ? 0 : 2 * GEN_MIN;
    timing tm = {d, d, 2, 0, 1, 0, lead, 5 * GEN_MIN, {15, 40, 45}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = (double)f->dur / GEN_HOUR;
    static const char *const methods[] = {"freeze", "stop", "dau"};
    opt(f, "param", "\"%s\"", param);
    opt(f, "method", "\"%s\"", methods[method]);
    if (method != 1) opt(f, "value", "%g", value);
    if (method != 2) opt_person(f, p);
    char e[96];
    if (method == 0)
        snprintf(f->what, sizeof f->what, "%s analyzer output held at %g; %s",
                 gen_param_label(param), value, entry_words(p, e, sizeof e));
    else if (method == 1)
        snprintf(f->what, sizeof f->what, "%s analyzer stopped, its last value left standing; %s",
                 gen_param_label(param), entry_words(p, e, sizeof e));
    else
        snprintf(f->what, sizeof f->what, "%s written by the DAU as the constant %g",
                 gen_param_label(param), value);
    snprintf(f->why, sizeof f->why, "%s", "the same value for many cycles while the plant varies");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    raw_at(&w, f->at - lead);
    raw_begin(&w, f->type,
              method == 0   ? "analyzer output held at a value"
              : method == 1 ? "analyzer stopped, last value left standing"
                            : "DAU writes a constant");
    if (method != 2) {
        raw_enter(&w, p);
        raw_sleep(&w, lead);
    }
    if (method == 0)
        raw_line(&w, "%s.%s:freeze(%g)", s->var, param, value);
    else if (method == 1)
        raw_line(&w, "%s.%s:command(\"stop\")", s->var, param);
    else
        raw_line(&w, "%s.dau:filter(\"%s\", function() return %g end)", s->var, code_of(param),
                 value);
    if (method != 2) {
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
        raw_sleep(&w, f->dur - 2 * GEN_MIN);
        raw_enter(&w, p);
        raw_sleep(&w, GEN_MIN);
    } else {
        raw_sleep(&w, f->dur);
    }
    if (method == 0)
        raw_line(&w, "%s.%s:freeze(nil)", s->var, param);
    else if (method == 1)
        raw_line(&w, "%s.%s:command(\"restart\")", s->var, param);
    else
        raw_line(&w, "%s.dau:filter(\"%s\", nil)", s->var, code_of(param));
    if (method != 2) {
        raw_sleep(&w, 2 * GEN_MIN);
        raw_leave(&w, p);
    }
    raw_end(&w);
    return 0;
}

/* 14. bypass_discharge */
static int draw_bypass(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    double share = q(lerp(0.15, 0.6, f->intensity), 0.01);
    double m3h = q2(s->flow_m3h * share);
    timing tm = {4, 24, 2, 20, 3, 30, 0, 0, {15, 50, 35}};
    if (fit(c, f, lo, hi, &tm, b)) return -1;
    f->strength = share;
    opt(f, "m3h", "%g", m3h);
    snprintf(f->what, sizeof f->what,
             "a valve to a hidden outlet: up to %g m3/h (%.0f %% of the flow) skip the monitored "
             "outfall",
             m3h, share * 100);
    snprintf(f->why, sizeof f->why, "%s",
             "the outfall's flow falls below what production and the treatment currents imply");
    if (!f->raw) return 0;
    raw w;
    raw_init(&w, f, s);
    for (int k = 0; k < f->days; k++) {
        raw_at(&w, f->at + k * GEN_DAY);
        raw_begin(&w, f->type, "valve to a hidden outlet opened");
        raw_line(&w, "%s.plant:set { bypass_m3h = %g }", s->var, m3h);
        if (f->dur) {
            raw_sleep(&w, f->dur);
            raw_line(&w, "%s.plant:set { bypass_m3h = 0 }", s->var);
            raw_end(&w);
        } else {
            raw_line(&w, "-- left open to the end of the run: the truth event ends with it");
            gen_sb_printf(&w.b, "end)\n");
        }
    }
    return 0;
}

/* Draws fraud f (type set) in the slot. */
static int draw_fraud(ctx *c, gen_station *s, gen_fraud *f, int64_t lo, int64_t hi, busy *b)
{
    switch (f->type) {
    case HJFRAUD_SAMPLE_CUP_INJECTION:
        return draw_cup(c, s, f, lo, hi, b);
    case HJFRAUD_TAP_WATER_DILUTION:
        return draw_dilution(c, s, f, lo, hi, b, 0);
    case HJFRAUD_SAMPLING_HOSE_SWAP:
        return draw_hose(c, s, f, lo, hi, b);
    case HJFRAUD_CAMERA_TAMPERING:
        return draw_camera(c, s, f, lo, hi, b, NULL, 0, 0);
    case HJFRAUD_NIGHT_DISCHARGE:
        return draw_night(c, s, f, lo, hi, b);
    case HJFRAUD_ANALYZER_PARAM_TAMPER:
        return draw_param_tamper(c, s, f, lo, hi, b);
    case HJFRAUD_STANDARD_SOLUTION_TAMPER:
        return draw_stdsol(c, s, f, lo, hi, b);
    case HJFRAUD_DAU_TAMPER:
        return draw_dau(c, s, f, lo, hi, b, f->variant);
    case HJFRAUD_FLOWMETER_TAMPER:
        return draw_flowmeter(c, s, f, lo, hi, b);
    case HJFRAUD_TREATMENT_STOPPED:
        return draw_treatment(c, s, f, lo, hi, b, 0);
    case HJFRAUD_FALSE_FLAG:
        return draw_flag(c, s, f, lo, hi, b, 0, 0);
    case HJFRAUD_TRANSMISSION_CUT:
        return draw_cut(c, s, f, lo, hi, b);
    case HJFRAUD_FROZEN_VALUE:
        return draw_frozen(c, s, f, lo, hi, b);
    case HJFRAUD_BYPASS_DISCHARGE:
        return draw_bypass(c, s, f, lo, hi, b);
    default:
        return -1;
    }
}

/* ---- honest confounders ---- */

typedef struct craw {
    gen_sb b;
    const gen_station *s;
} craw;

static void c_line(craw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void c_line(craw *w, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    gen_sb_printf(&w->b, "  %s\n", line);
}

static void c_sleep(craw *w, int64_t s)
{
    if (s <= 0) return;
    char d[32];
    gen_fmt_dur(s, d, sizeof d);
    gen_sb_printf(&w->b, "  sleep(\"%s\")\n", d);
}

static void c_at(craw *w, int64_t t)
{
    char tb[32];
    gen_fmt_time(t, tb, sizeof tb);
    gen_sb_printf(&w->b, "at(\"%s\", function()\n", tb);
}

static void c_order(craw *w, const char *task, int64_t a, int64_t e, const char *who, int64_t filed)
{
    char ta[32], te[32], tf[32];
    gen_fmt_time(a, ta, sizeof ta);
    gen_fmt_time(e, te, sizeof te);
    gen_sb_printf(&w->b,
                  "records.work_order { station = %s, task = \"%s\", start = \"%s\", [\"end\"] = "
                  "\"%s\", who = \"%s\"",
                  w->s->var, task, ta, te, who);
    if (filed) {
        gen_fmt_time(filed, tf, sizeof tf);
        gen_sb_printf(&w->b, ", filed = \"%s\"", tf);
    }
    gen_sb_printf(&w->b, " }\n");
}

/* The analyzers fitted, COD first. */
static int fitted_params(const gen_station *s, const char **out)
{
    int n = 0;
    out[n++] = "cod";
    if (s->nh3n) out[n++] = "nh3n";
    if (s->tp) out[n++] = "tp";
    if (s->tn) out[n++] = "tn";
    return n;
}

static void param_list(const gen_conf *k, char *buf, size_t n)
{
    gen_sb b;
    gen_sb_init(&b, buf, n);
    for (int i = 0; i < k->nparam; i++)
        gen_sb_printf(&b, "%s%s", i ? (i + 1 == k->nparam ? " and " : ", ") : "",
                      gen_param_label(k->param[i]));
}

/* Time of day class for a confounder: 0 O&M hours (08:30-16:00), 1 night (20:00-05:00), 2 any,
 * 3 evening (18:00-23:00) */
static int64_t conf_time(ctx *c, int cls, int64_t dur, int64_t tail)
{
    int64_t day = c->start + GEN_DAY * I(c, 0, c->p->days - 1), t = 0;
    if (cls == 0)
        t = day + (int64_t)U(c, 8.5 * GEN_HOUR, 16 * GEN_HOUR);
    else if (cls == 1)
        t = day + (int64_t)U(c, 20 * GEN_HOUR, 29 * GEN_HOUR);
    else if (cls == 3)
        t = day + (int64_t)U(c, 18 * GEN_HOUR, 23 * GEN_HOUR);
    else
        t = c->start + (int64_t)U(c, 10 * GEN_MIN, (double)(c->end - c->start));
    t -= t % GEN_MIN;
    if (t < c->start + 10 * GEN_MIN || t + dur + tail > c->end - 15 * GEN_MIN) return -1;
    return t;
}

static int free_at(const busy *fb, const busy *cb, int64_t a, int64_t e)
{
    return !busy_hit(fb, a, e, GEN_HOUR) && !busy_hit(cb, a, e, 30 * GEN_MIN);
}

/* What the writers of a confounder's code share. */
typedef struct conf_words {
    const char *pl, *dw;
    const char *const *ps;
    int np;
    int64_t dur, tail;
} conf_words;

static void write_om_check(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                           const conf_words *cwd)
{
    (void)c;
    int cal = k->kind == GEN_C_CALIBRATION;
    snprintf(k->what, sizeof k->what, "%s of %s under a work order (%s, card %s)%s",
             cal ? "calibration" : "standard check", cwd->pl, om.who, om.card,
             k->days > 1 ? ", every day" : "");
    for (int d = 0; d < k->days; d++) {
        if (k->skip & (1u << d)) continue;
        int64_t a = k->at + d * GEN_DAY;
        c_order(cw, cal ? "calibration" : "standard_check", a, a + cwd->dur, om.who, 0);
        c_at(cw, a);
        c_line(cw, "%s:person_enters { who = \"%s\", card = \"%s\" }", s->var, om.who, om.card);
        c_sleep(cw, 2 * GEN_MIN);
        for (int i = 0; i < k->nparam; i++)
            c_line(cw, "%s.%s:command(\"%s\", { wait = \"44m\" })", s->var, k->param[i],
                   cal ? "calibrate" : "standard_check");
        c_sleep(cw, 5 * GEN_MIN);
        c_line(cw, "%s:person_leaves { who = \"%s\" }", s->var, om.who);
        gen_sb_printf(&cw->b, "end)\n");
    }
}

static void write_om_stop(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                          const conf_words *cwd)
{
    int rep = k->kind == GEN_C_REPAIR;
    char flag = rep ? 'D' : 'M';
    int64_t filed = 0;
    if (k->filed_late) filed = k->at + cwd->dur + (int64_t)(q(U(c, 1, 10), 0.25) * GEN_HOUR);
    if (filed > c->end - 15 * GEN_MIN) filed = 0, k->filed_late = 0;
    snprintf(k->what, sizeof k->what,
             "%s of the %s analyzer%s for %s under a work order%s: flags %c, analyzer%s stopped "
             "and restarted%s (%s, card %s)",
             rep ? "repair" : "maintenance", cwd->pl, k->nparam > 1 ? "s" : "", cwd->dw,
             filed ? " filed afterwards" : "", flag, k->nparam > 1 ? "s" : "",
             k->level > 0 ? (rep ? ", the DAU off for a while" : "") : "", om.who, om.card);
    c_order(cw, rep ? "repair" : "maintenance", k->at, k->at + cwd->dur + cwd->tail, om.who, filed);
    c_at(cw, k->at);
    c_line(cw, "%s:person_enters { who = \"%s\", card = \"%s\" }", s->var, om.who, om.card);
    c_sleep(cw, 5 * GEN_MIN);
    for (int i = 0; i < k->nparam; i++) {
        c_line(cw, "%s.dau:flag(\"%s\", \"%c\")", s->var, code_of(k->param[i]), flag);
        c_line(cw, "%s.%s:command(\"stop\")", s->var, k->param[i]);
    }
    int64_t left = cwd->dur - 5 * GEN_MIN;
    if (rep && k->level > 0) {
        int64_t off = (int64_t)k->level * GEN_MIN;
        c_sleep(cw, 10 * GEN_MIN);
        c_line(cw, "%s.dau:power(false) -- the DAU's supply is changed too", s->var);
        c_sleep(cw, off);
        c_line(cw, "%s.dau:power(true)", s->var);
        left -= 10 * GEN_MIN + off;
    }
    c_sleep(cw, left);
    for (int i = k->nparam - 1; i >= 0; i--)
        c_line(cw, "%s.%s:command(\"restart\")", s->var, k->param[i]);
    c_sleep(cw, 10 * GEN_MIN);
    for (int i = 0; i < k->nparam; i++)
        c_line(cw, "%s.dau:flag(\"%s\", nil)", s->var, code_of(k->param[i]));
    c_sleep(cw, 5 * GEN_MIN);
    c_line(cw, "%s:person_leaves { who = \"%s\" }", s->var, om.who);
    gen_sb_printf(&cw->b, "end)\n");
}

static void write_power_failure(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                                const conf_words *cwd)
{
    (void)c;
    snprintf(k->what, sizeof k->what,
             "the station room loses power for %s (no backfill); O&M restores it under a repair "
             "work order (%s, card %s)",
             cwd->dw, om.who, om.card);
    c_order(cw, "repair", k->at + cwd->dur - 20 * GEN_MIN, k->at + cwd->dur + 20 * GEN_MIN, om.who,
            0);
    c_at(cw, k->at);
    c_line(cw, "log(\"grid: the station room loses power\")");
    c_line(cw, "%s.dau:power(false)", s->var);
    for (int i = 0; i < cwd->np; i++)
        c_line(cw, "%s.%s:command(\"stop\")", s->var, cwd->ps[i]);
    if (s->cam_station) c_line(cw, "%s.camera.station:power(false)", s->var);
    c_sleep(cw, cwd->dur - 20 * GEN_MIN);
    c_line(cw, "%s:person_enters { who = \"%s\", card = \"%s\" }", s->var, om.who, om.card);
    c_sleep(cw, 20 * GEN_MIN);
    if (s->cam_station) c_line(cw, "%s.camera.station:power(true)", s->var);
    for (int i = cwd->np - 1; i >= 0; i--)
        c_line(cw, "%s.%s:command(\"restart\")", s->var, cwd->ps[i]);
    c_line(cw, "%s.dau:power(true)", s->var);
    c_sleep(cw, 10 * GEN_MIN);
    c_line(cw, "%s:person_leaves { who = \"%s\" }", s->var, om.who);
    gen_sb_printf(&cw->b, "end)\n");
}

static void write_network_outage(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                                 const conf_words *cwd)
{
    (void)c;
    int om_fix = k->level > 0;
    snprintf(k->what, sizeof k->what, "the DAU's link fails for %s and is backfilled%s", cwd->dw,
             om_fix ? "; O&M replaces the router under a work order" : "");
    if (om_fix)
        c_order(cw, "maintenance", k->at + cwd->dur - 25 * GEN_MIN, k->at + cwd->dur + 20 * GEN_MIN,
                om.who, 0);
    c_at(cw, k->at);
    c_line(cw, "log(\"the DAU's link fails\")");
    c_line(cw, "%s.dau:offline(true)", s->var);
    if (om_fix) {
        c_sleep(cw, cwd->dur - 25 * GEN_MIN);
        c_line(cw, "%s:person_enters { who = \"%s\", card = \"%s\" }", s->var, om.who, om.card);
        c_sleep(cw, 25 * GEN_MIN);
        c_line(cw, "%s.dau:offline(false)", s->var);
        c_sleep(cw, 15 * GEN_MIN);
        c_line(cw, "%s:person_leaves { who = \"%s\" }", s->var, om.who);
    } else {
        c_sleep(cw, cwd->dur);
        c_line(cw, "%s.dau:offline(false)", s->var);
    }
    gen_sb_printf(&cw->b, "end)\n");
}

static void write_rain(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                       const conf_words *cwd)
{
    (void)c;
    (void)om;
    snprintf(k->what, sizeof k->what,
             "a storm: %g m3/h of runoff into the combined outfall channel for %s, in the open",
             k->level, cwd->dw);
    c_at(cw, k->at);
    c_line(cw, "log(\"storm: runoff into the combined channel\")");
    c_line(cw, "local rain = %s.channel:add_inflow { source = \"rain\", m3h = %g, hidden = false }",
           s->var, k->level);
    c_sleep(cw, cwd->dur);
    c_line(cw, "rain:stop()");
    gen_sb_printf(&cw->b, "end)\n");
}

static void write_production_stop(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                                  const conf_words *cwd)
{
    (void)c;
    (void)om;
    snprintf(k->what, sizeof k->what, "production %s for %s, treatment running",
             k->level > 0 ? "cut" : "stopped", cwd->dw);
    if (k->level > 0) {
        char lv[48];
        snprintf(lv, sizeof lv, "production cut to %g", k->level);
        snprintf(k->what, sizeof k->what, "%s for %s, treatment running", lv, cwd->dw);
    }
    c_at(cw, k->at);
    c_line(cw, "log(\"production %s\")", k->level > 0 ? "cut" : "stopped");
    c_line(cw, "%s.plant:set { production = %g }", s->var, k->level);
    c_sleep(cw, cwd->dur);
    c_line(cw, "%s.plant:set { production = 1 }", s->var);
    gen_sb_printf(&cw->b, "end)\n");
}

static void write_upset(ctx *c, const gen_station *s, gen_conf *k, craw *cw, person om,
                        const conf_words *cwd)
{
    (void)c;
    (void)om;
    snprintf(k->what, sizeof k->what,
             "a process upset: raw water x%g for %s (a real rise, perhaps over the limit)",
             k->level, cwd->dw);
    c_at(cw, k->at);
    c_line(cw, "log(\"process upset: raw water x%g\")", k->level);
    c_line(cw, "%s.plant:set { upset = %g }", s->var, k->level);
    c_sleep(cw, cwd->dur);
    c_line(cw, "%s.plant:set { upset = 1 }", s->var);
    gen_sb_printf(&cw->b, "end)\n");
}

static int draw_conf(ctx *c, gen_station *s, gen_conf *k, busy *fb, busy *cb)
{
    int kw[GEN_C__COUNT] = {[GEN_C_STANDARD_CHECK] = 16,
                            [GEN_C_CALIBRATION] = 12,
                            [GEN_C_MAINTENANCE] = 12,
                            [GEN_C_REPAIR] = 12,
                            [GEN_C_POWER_FAILURE] = 6,
                            [GEN_C_NETWORK_OUTAGE] = 12,
                            [GEN_C_RAIN] = s->combined ? 8 : 0,
                            [GEN_C_PRODUCTION_STOP] = 10,
                            [GEN_C_UPSET] = 12};
    if (s->profile == PLANT_MUNICIPAL) kw[GEN_C_PRODUCTION_STOP] = 0; /* a town does not stop */
    memset(k, 0, sizeof *k);
    k->kind = pick(c, kw, GEN_C__COUNT);
    person om = draw_om(c);
    snprintf(k->who, sizeof k->who, "%s", om.who);
    snprintf(k->card, sizeof k->card, "%s", om.card);
    const char *ps[4];
    int np = fitted_params(s, ps);
    int64_t dur = 0, tail = 0;
    int cls = 2;
    switch (k->kind) {
    case GEN_C_STANDARD_CHECK:
        k->nparam = I(c, 1, np < 3 ? np : 3);
        dur = (30 + 45 * k->nparam + 45) * GEN_MIN;
        cls = 0;
        break;
    case GEN_C_CALIBRATION:
        k->nparam = 1;
        dur = 2 * GEN_HOUR;
        cls = 0;
        break;
    case GEN_C_MAINTENANCE:
        k->nparam = I(c, 1, np < 2 ? np : 2);
        dur = (int64_t)(q(U(c, 1, 3), 0.25) * GEN_HOUR);
        tail = 15 * GEN_MIN;
        cls = 0;
        break;
    case GEN_C_REPAIR:
        k->nparam = 1;
        dur = (int64_t)(q(U(c, 0.5, 3), 0.25) * GEN_HOUR);
        tail = 15 * GEN_MIN;
        cls = chance(c, 0.5) ? 1 : 0;
        k->level = chance(c, 0.3) ? q(U(c, 5, 20), 1) : 0; /* DAU power off, minutes */
        break;
    case GEN_C_POWER_FAILURE:
        dur = (int64_t)(q(U(c, 1, 4), 0.25) * GEN_HOUR);
        tail = 20 * GEN_MIN;
        break;
    case GEN_C_NETWORK_OUTAGE:
        dur = (int64_t)(q(U(c, 1, 10), 0.25) * GEN_HOUR);
        tail = 20 * GEN_MIN;
        k->level = chance(c, 0.5); /* fixed by O&M under a work order */
        break;
    case GEN_C_RAIN:
        dur = (int64_t)(q(U(c, 2, 8), 0.25) * GEN_HOUR);
        k->level = q2(s->flow_m3h * U(c, 0.3, 1.5));
        break;
    case GEN_C_PRODUCTION_STOP:
        dur = (int64_t)(q(U(c, 8, 36), 0.5) * GEN_HOUR);
        k->level = chance(c, 0.6) ? 0 : q(U(c, 0.2, 0.6), 0.05);
        cls = chance(c, 0.6) ? 3 : 2;
        break;
    default: /* upset */
        dur = (int64_t)(q(U(c, 3, 14), 0.25) * GEN_HOUR);
        k->level = q(U(c, 1.5, 3.0), 0.1);
        break;
    }
    /* the analyzers touched: COD first, then others at random */
    if (k->nparam) {
        int first = k->kind == GEN_C_STANDARD_CHECK || chance(c, 0.6) ? 0 : I(c, 0, np - 1);
        for (int i = 0; i < k->nparam; i++)
            snprintf(k->param[i], sizeof k->param[i], "%s", ps[(first + i) % np]);
    }
    /* a time: the run may be too short or too busy for it (then it is left out) */
    int64_t t = -1;
    int64_t span = dur + tail;
    for (int tries = 0; tries < 30 && t < 0; tries++) {
        int64_t x = conf_time(c, cls, dur, tail);
        if (x >= 0 && free_at(fb, cb, x, x + span)) t = x;
    }
    if (t < 0) return -1;
    k->at = t;
    k->dur = dur;
    k->days = 1;
    if (k->kind == GEN_C_STANDARD_CHECK && c->p->days > 1 && chance(c, 0.4)) {
        /* daily at the same time; a day whose check would meet a fraud is left out */
        int64_t day0 = (t - c->start) / GEN_DAY;
        k->at = t - day0 * GEN_DAY;
        k->days = c->p->days;
        for (int d = 0; d < k->days; d++) {
            int64_t a = k->at + d * GEN_DAY;
            if (a + span > c->end - 15 * GEN_MIN || !free_at(fb, cb, a, a + span))
                k->skip |= 1u << d;
        }
    }
    for (int d = 0; d < k->days; d++)
        if (!(k->skip & (1u << d))) busy_add(cb, k->at + d * GEN_DAY, k->at + d * GEN_DAY + span);
    /* hard drills: a repair's paperwork may be filed hours after the work */
    k->filed_late = k->kind == GEN_C_REPAIR && c->diff == GEN_HARD && chance(c, 0.3);

    /* the code */
    craw w = {{0}, s};
    gen_sb_init(&w.b, k->code, sizeof k->code);
    char pl[64];
    param_list(k, pl, sizeof pl);
    char dw[32];
    gen_fmt_dur(dur, dw, sizeof dw);
    conf_words cwd = {pl, dw, ps, np, dur, tail};
    switch (k->kind) {
    case GEN_C_STANDARD_CHECK:
    case GEN_C_CALIBRATION:
        write_om_check(c, s, k, &w, om, &cwd);
        break;
    case GEN_C_MAINTENANCE:
    case GEN_C_REPAIR:
        write_om_stop(c, s, k, &w, om, &cwd);
        break;
    case GEN_C_POWER_FAILURE:
        write_power_failure(c, s, k, &w, om, &cwd);
        break;
    case GEN_C_NETWORK_OUTAGE:
        write_network_outage(c, s, k, &w, om, &cwd);
        break;
    case GEN_C_RAIN:
        write_rain(c, s, k, &w, om, &cwd);
        break;
    case GEN_C_PRODUCTION_STOP:
        write_production_stop(c, s, k, &w, om, &cwd);
        break;
    default:
        write_upset(c, s, k, &w, om, &cwd);
        break;
    }
    return 0;
}

/* ---- stations ---- */

static const struct {
    const char *code, *city;
} CITIES[] = {{"330400", "嘉兴"}, {"330500", "湖州"}, {"330600", "绍兴"}, {"330100", "杭州"},
              {"330300", "温州"}, {"320500", "苏州"}, {"320200", "无锡"}, {"370400", "枣庄"},
              {"350200", "厦门"}, {"310100", "上海"}, {"440300", "深圳"}, {"330200", "宁波"}};

static const char *const SITE[PLANT_PROFILE_COUNT] = {
    [PLANT_DYEING] = "某印染有限公司 废水总排口",
    [PLANT_ELECTROPLATING] = "某电镀有限公司 废水排放口",
    [PLANT_CHEMICAL] = "某化工有限公司 污水排放口",
    [PLANT_FOOD] = "某食品有限公司 废水总排口",
    [PLANT_MUNICIPAL] = "某污水处理厂 出水口",
};

static const double FLOW_MULT[] = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0};

typedef struct fplan {
    int types[2];
    int n;
    int recipe; /* 0 single, 1 treatment + flags, 2 dilution + camera, 3 two in turn */
    int variant[2];
} fplan;

/* At a wastewater station: a water type asked for (or any, when none is named). */
static int allowed(const gen_options *o, int type)
{
    uint32_t m = o->types ? o->types & all_types() : all_types();
    return (m >> type) & 1;
}

static int draw_type(ctx *c)
{
    int w[HJFRAUD__COUNT];
    for (int i = 0; i < HJFRAUD__COUNT; i++)
        w[i] = allowed(c->o, i);
    return pick(c, w, HJFRAUD__COUNT);
}

static void draw_fplan(ctx *c, fplan *fp)
{
    static const double combined[] = {0, 0, 0.15, 0.35};
    memset(fp, 0, sizeof *fp);
    int r1 = allowed(c->o, HJFRAUD_TREATMENT_STOPPED) && allowed(c->o, HJFRAUD_FALSE_FLAG);
    int r2 = allowed(c->o, HJFRAUD_TAP_WATER_DILUTION) && allowed(c->o, HJFRAUD_CAMERA_TAMPERING);
    if (chance(c, combined[c->diff])) {
        int w[3] = {r1 ? 35 : 0, r2 ? 15 : 0, 50};
        fp->recipe = 1 + pick(c, w, 3);
    }
    if (fp->recipe == 1) {
        fp->types[0] = HJFRAUD_TREATMENT_STOPPED;
        fp->types[1] = HJFRAUD_FALSE_FLAG;
        fp->n = 2;
    } else if (fp->recipe == 2) {
        fp->types[0] = HJFRAUD_TAP_WATER_DILUTION;
        fp->types[1] = HJFRAUD_CAMERA_TAMPERING;
        fp->n = 2;
    } else {
        fp->types[0] = draw_type(c);
        fp->n = 1;
        if (fp->recipe == 3) fp->types[fp->n++] = draw_type(c);
    }
    for (int i = 0; i < fp->n; i++)
        if (fp->types[i] == HJFRAUD_DAU_TAMPER)
            fp->variant[i] = pick(c, (const int[]){45, 40, 15}, 3);
}

static int has(const fplan *fp, int type)
{
    for (int i = 0; i < fp->n; i++)
        if (fp->types[i] == type) return 1;
    return 0;
}

static int draw_profile(ctx *c)
{
    int w[PLANT_PROFILE_COUNT];
    for (int i = 0; i < PLANT_PROFILE_COUNT; i++)
        w[i] = c->o->profiles ? (int)((c->o->profiles >> i) & 1) : 1;
    return pick(c, w, PLANT_PROFILE_COUNT);
}

void gen_city(gen_ctx *c, char *code, size_t ncode, char *city, size_t ncity)
{
    int k = I(c, 0, (int)(sizeof CITIES / sizeof CITIES[0]) - 1);
    snprintf(code, ncode, "%s", CITIES[k].code);
    snprintf(city, ncity, "%s", CITIES[k].city);
}

static void draw_station_props(ctx *c, gen_station *s, const fplan *fp, int index)
{
    int k = I(c, 0, (int)(sizeof CITIES / sizeof CITIES[0]) - 1);
    snprintf(s->var, sizeof s->var, "st%d", (index + 1) % 1000);
    snprintf(s->mn, sizeof s->mn, "%s%08u", CITIES[k].code,
             (unsigned)I(c, 0, 99999999) % 100000000u);
    s->profile = draw_profile(c);
    snprintf(s->name, sizeof s->name, "%s%s", CITIES[k].city, SITE[s->profile]);
    s->protocol = chance(c, 0.5) ? 2017 : 2025;
    plant_cfg pc;
    plant_cfg_default(&pc, s->profile);
    s->flow_m3h = q2(pc.flow_m3h * FLOW_MULT[I(c, 0, 10)]);
    s->noise = q(pc.noise * U(c, 0.8, 1.3), 0.01);
    station_limits lim;
    station_limits_default(&lim, s->profile);
    s->lim_cod = lim.cod;
    s->lim_nh3n = lim.nh3n;
    s->lim_tp = lim.tp;
    s->lim_tn = lim.tn;
    s->ph_lo = lim.ph_lo;
    s->ph_hi = lim.ph_hi;
    static const int lw[4][3] = {{0}, {55, 35, 10}, {45, 35, 20}, {30, 40, 30}};
    s->level = pick(c, lw[c->diff], 3);
    for (int i = 0; i < fp->n; i++)
        if (fp->types[i] == HJFRAUD_DAU_TAMPER && fp->variant[i] == 0) s->level = 2;
    static const double rlo[] = {0.3, 0.8, 1.0}, rhi[] = {0.65, 0.97, 1.15};
    s->cod_ratio = q(U(c, rlo[s->level], rhi[s->level]), 0.01);
    s->eff_cod = q(s->lim_cod * s->cod_ratio, s->lim_cod >= 100 ? 1 : 0.1);
    s->eff_nh3n = q(s->lim_nh3n * U(c, 0.25, 0.75), s->lim_nh3n >= 10 ? 0.1 : 0.01);
    s->eff_tp = q(s->lim_tp * U(c, 0.25, 0.75), 0.01);
    /* cycle first: a 30-minute cycle only with a TOC analyzer on the COD position */
    int cyc = pick(c, (const int[]){20, 55, 25}, 3);
    s->cycle_min = cyc == 0 ? 30 : cyc == 1 ? 60 : 120;
    s->toc = cyc == 0 || chance(c, 0.35);
    int muni = s->profile == PLANT_MUNICIPAL;
    s->nh3n = muni || chance(c, 0.9);
    s->tp = muni || chance(c, 0.75);
    s->tn = muni || chance(c, 0.15);
    int cam = pick(c, (const int[]){80, 7, 7, 6}, 4);
    s->cam_station = cam == 0 || cam == 1;
    s->cam_outfall = cam == 0 || cam == 2;
    if (has(fp, HJFRAUD_CAMERA_TAMPERING) && !s->cam_station && !s->cam_outfall)
        s->cam_station = s->cam_outfall = 1;
    if (fp->recipe == 2) s->cam_outfall = 1;
    s->meter_upstream = chance(c, 0.2);
    int sh = muni ? 0 : pick(c, (const int[]){40, 35, 15, 10}, 4);
    if (has(fp, HJFRAUD_NIGHT_DISCHARGE)) sh = 0;
    s->nshifts = 0;
    if (sh == 1) {
        int a = 7 * 60 + 30 * I(c, 0, 4);
        s->nshifts = 1;
        s->shift[0][0] = a;
        s->shift[0][1] = a + 60 * I(c, 10, 12);
    } else if (sh == 2) {
        s->nshifts = 1;
        s->shift[0][0] = 6 * 60;
        s->shift[0][1] = 22 * 60;
    } else if (sh == 3) {
        s->nshifts = 2;
        s->shift[0][0] = 8 * 60;
        s->shift[0][1] = 12 * 60;
        s->shift[1][0] = 13 * 60;
        s->shift[1][1] = 20 * 60;
    }
    s->nlines = chance(c, 0.3) ? 2 : 1;
    s->dosing = chance(c, 0.25);
    s->combined = chance(c, muni ? 0.5 : 0.1);
}

/* Draws the frauds of fp at the station; 0, or -1 when one does not fit. */
static int draw_frauds(ctx *c, gen_station *s, const fplan *fp, busy *b)
{
    static const double p_raw = 0.25;
    int64_t mid = c->start + (c->end - c->start) / 2;
    s->nfraud = 0;
    for (int i = 0; i < fp->n; i++) {
        gen_fraud *f = &s->fraud[s->nfraud];
        memset(f, 0, sizeof *f);
        f->type = fp->types[i];
        f->variant = fp->variant[i];
        f->recipe = fp->recipe;
        f->raw = chance(c, p_raw);
        f->intensity = intensity(c);
        int rc = -1;
        c->no_repeat = c->no_to_end = fp->recipe != 0;
        if (fp->recipe == 3) {
            rc = i == 0 ? draw_fraud(c, s, f, c->start, mid - GEN_HOUR, b)
                        : draw_fraud(c, s, f, mid + GEN_HOUR, c->end, b);
        } else if (fp->recipe == 1 && i == 0) {
            rc = draw_treatment(c, s, f, c->start, c->end - 6 * GEN_HOUR, b, 1);
        } else if (fp->recipe == 1) {
            const gen_fraud *ts = &s->fraud[0];
            int64_t at = ts->at + (int64_t)(q(U(c, 1, 3), 0.25) * GEN_HOUR);
            int64_t until = ts->at + ts->dur + (int64_t)(q(U(c, 1, 3), 0.25) * GEN_HOUR);
            if (until > c->end - 15 * GEN_MIN) until = c->end - 15 * GEN_MIN;
            rc = until - at >= GEN_HOUR ? draw_flag(c, s, f, 0, 0, b, at, until - at) : -1;
        } else if (fp->recipe == 2 && i == 0) {
            rc = draw_dilution(c, s, f, c->start, c->end, b, 1);
        } else if (fp->recipe == 2) {
            const gen_fraud *dl = &s->fraud[0];
            int64_t at = dl->at - (int64_t)I(c, 10, 30) * GEN_MIN;
            int64_t until = dl->at + dl->dur + (int64_t)I(c, 20, 60) * GEN_MIN;
            if (until > c->end - 15 * GEN_MIN) until = c->end - 15 * GEN_MIN;
            rc = at > c->start ? draw_camera(c, s, f, 0, 0, b, "outfall", at, until - at) : -1;
        } else {
            rc = draw_fraud(c, s, f, c->start, c->end, b);
        }
        c->no_repeat = c->no_to_end = 0;
        if (rc) return -1;
        s->nfraud++;
    }
    return 0;
}

static int draw_station(ctx *c, gen_station *s, int index, int honest)
{
    memset(s, 0, sizeof *s);
    /* the kind is drawn only when --kinds asks for more than wastewater, so that a
     * wastewater set draws exactly what it drew before gas existed */
    uint32_t kinds = c->o->kinds ? c->o->kinds : GEN_KIND_WATER;
    if (kinds != GEN_KIND_WATER) {
        int kw[3] = {kinds & GEN_KIND_WATER ? 476 : 0, kinds & GEN_KIND_GAS ? 162 : 0,
                     kinds & GEN_KIND_VOCS ? 130 : 0}; /* Jiaxing's stations (GAS.md) */
        int kind = pick(c, kw, 3);
        if (kind) return gen_gas_station(c, s, index, kind, honest);
        if (c->o->types && !(c->o->types & all_types())) honest = 1; /* no water type asked */
    }
    fplan fp;
    memset(&fp, 0, sizeof fp);
    if (!honest) draw_fplan(c, &fp);
    draw_station_props(c, s, &fp, index);
    busy fb = {.n = 0}, cb = {.n = 0};
    s->honest = honest;
    if (!honest) {
        /* a plan that does not fit the run (too short, too busy) is drawn again, alone */
        int ok = draw_frauds(c, s, &fp, &fb) == 0;
        for (int tries = 0; !ok && tries < 8; tries++) {
            fb.n = 0;
            fp.recipe = 0;
            fp.n = 1;
            fp.types[0] = draw_type(c);
            fp.variant[0] = fp.types[0] == HJFRAUD_DAU_TAMPER ? 1 : 0; /* the level is drawn */
            if (fp.types[0] == HJFRAUD_NIGHT_DISCHARGE && s->nshifts) continue;
            ok = draw_frauds(c, s, &fp, &fb) == 0;
        }
        if (!ok) {
            s->nfraud = 0;
            s->honest = 1;
        }
    }
    static const int lo[] = {0, 0, 1, 2}, hi[] = {0, 1, 2, 3};
    int n = I(c, lo[c->diff], hi[c->diff]);
    s->nconf = 0;
    for (int i = 0; i < n && s->nconf < GEN_MAX_CONF; i++)
        if (draw_conf(c, s, &s->conf[s->nconf], &fb, &cb) == 0) s->nconf++;
    return 0;
}

/* ---- the scenario ---- */

int gen_draw(const gen_options *o, unsigned index, gen_plan *p, char *err, size_t errlen)
{
    if (gen_options_check(o, err, errlen)) return -1;
    memset(p, 0, sizeof *p);
    ctx c;
    memset(&c, 0, sizeof c);
    char name[32];
    snprintf(name, sizeof name, "scenario-%u", index);
    rng_seed(&c.r, o->seed, rng_stream_id(rng_stream_id(0, "generate"), name));
    c.p = p;
    c.o = o;
    p->set_seed = o->seed;
    p->index = index;
    p->difficulty = o->difficulty == GEN_MIXED ? I(&c, GEN_EASY, GEN_HARD) : o->difficulty;
    c.diff = p->difficulty;
    p->seed = (uint64_t)I(&c, 1, 999999);
    int y = 2019 + I(&c, 0, 6), m = I(&c, 1, 12), d = I(&c, 1, 28);
    p->start = hjtime_days_from_civil(y, m, d) * GEN_DAY;
    p->days = I(&c, o->days_min, o->days_max);
    c.start = p->start;
    c.end = p->start + (int64_t)p->days * GEN_DAY;
    p->nst = I(&c, o->stations_min, o->stations_max);
    for (int i = 0; i < p->nst; i++) {
        int honest = chance(&c, o->honest);
        draw_station(&c, &p->st[i], i, honest);
        for (int k = 0; k < i; k++) /* MNs unique in the scenario */
            if (strcmp(p->st[k].mn, p->st[i].mn) == 0) {
                p->st[i].mn[13] = (char)('0' + (p->st[i].mn[13] - '0' + 1) % 10);
                k = -1;
            }
    }
    return 0;
}

/* ---- writing a set ---- */

static int mkdir_p(const char *dir)
{
    char buf[1024];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) return -1;
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int gen_write_set(const gen_options *o, unsigned first, unsigned count, const char *dir, char *err,
                  size_t errlen)
{
    if (gen_options_check(o, err, errlen)) return -1;
    if (mkdir_p(dir) != 0) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    gen_plan *p = malloc(sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    for (unsigned i = first; i < first + count && rc == 0; i++) {
        if (gen_draw(o, i, p, err, errlen) != 0) {
            rc = -1;
            break;
        }
        char *text = gen_render(p);
        char fn[64], path[1200];
        gen_file_name(i, fn, sizeof fn);
        snprintf(path, sizeof path, "%s/%s", dir, fn);
        FILE *f = text ? fopen(path, "wb") : NULL;
        if (!text) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        } else if (!f) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            rc = -1;
        } else {
            size_t len = strlen(text);
            if (fwrite(text, 1, len, f) != len) rc = -1;
            if (fclose(f) != 0) rc = -1;
            if (rc) snprintf(err, errlen, "%s: %s", path, strerror(errno));
        }
        free(text);
    }
    free(p);
    return rc;
}
