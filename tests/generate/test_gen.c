/*
 * test_gen.c — the scenario generator (sim/scenario/gen.h): the same seed draws the same
 * plan and writes the same bytes (also a fixed digest of a few files, so that a change of
 * the output on another machine or by a change of code shows), scenario i does not depend
 * on the others, every drawn value stays inside the ranges written in docs/generator.md
 * (the numbers below are that document's, not the generator's constants), the narrowing
 * options hold, and the whole space is reached.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "hjfraud.h"
#include "plant.h"

#define DAY  86400
#define HOUR 3600

static char err[512];

static gen_plan *draw(const gen_options *o, unsigned i)
{
    gen_plan *p = malloc(sizeof *p);
    assert_non_null(p);
    if (gen_draw(o, i, p, err, sizeof err) != 0) fail_msg("gen_draw: %s", err);
    return p;
}

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    gen_options o;
    gen_options_default(&o);
    o.seed = 20250101;
    for (unsigned i = 0; i < 20; i++) {
        gen_plan *a = draw(&o, i), *b = draw(&o, i);
        assert_memory_equal(a, b, sizeof *a);
        char *ta = gen_render(a), *tb = gen_render(b);
        assert_string_equal(ta, tb);
        free(ta);
        free(tb);
        free(a);
        free(b);
    }
    /* another seed, another set */
    gen_options o2 = o;
    o2.seed = 20250102;
    gen_plan *a = draw(&o, 0), *b = draw(&o2, 0);
    char *ta = gen_render(a), *tb = gen_render(b);
    assert_string_not_equal(ta, tb);
    free(ta);
    free(tb);
    free(a);
    free(b);
}

/* The digests of the first files of seed 20250101: written once, on the machine the ranges
 * were frozen on; a machine or a change that writes other bytes fails here. */
static void test_digest(void **state)
{
    (void)state;
    static const uint64_t want[] = {GEN_DIGESTS};
    gen_options o;
    gen_options_default(&o);
    o.seed = 20250101;
    int bad = 0;
    for (unsigned i = 0; i < 5; i++) {
        gen_plan *p = draw(&o, i);
        char *t = gen_render(p);
        uint64_t h = fnv(t);
        printf("scenario %u: digest 0x%016llxull\n", i, (unsigned long long)h);
        bad |= i >= sizeof want / sizeof want[0] || h != want[i];
        free(t);
        free(p);
    }
    if (bad) fail_msg("the digests differ from tests/generate/CMakeLists.txt's GEN_DIGESTS");
}

/* Ranges of docs/generator.md, per fraud type: what `strength` holds and its bounds. */
typedef struct range {
    int type;
    double s_lo, s_hi; /* strength */
    double d_lo, d_hi; /* duration in hours when given (0 0: not checked) */
} range;

static const range RANGES[] = {
    {HJFRAUD_SAMPLE_CUP_INJECTION, 40, 200, 0, 0},    /* ml */
    {HJFRAUD_TAP_WATER_DILUTION, 0.15, 0.60, 2, 36},  /* share of the mixed flow */
    {HJFRAUD_SAMPLING_HOSE_SWAP, 0, 0.70, 2, 10},     /* bucket COD / limit (0: tap) */
    {HJFRAUD_CAMERA_TAMPERING, 30, 180, 1, 8},        /* pan degrees (180: cover, power) */
    {HJFRAUD_NIGHT_DISCHARGE, 0.5, 1.0, 1.5, 6},      /* 1 - treatment */
    {HJFRAUD_ANALYZER_PARAM_TAMPER, 0.1, 1.1, 3, 48}, /* value / registered or / limit */
    {HJFRAUD_STANDARD_SOLUTION_TAMPER, 1.1, 1.6, 4, 48},
    {HJFRAUD_DAU_TAMPER, 0.1, 0.98, 3, 48},
    {HJFRAUD_FLOWMETER_TAMPER, 0.3, 0.8, 3, 48},
    {HJFRAUD_TREATMENT_STOPPED, 0.4, 1.0, 2, 12}, /* 1 - level, or 0.5/1 for facilities */
    {HJFRAUD_FALSE_FLAG, 1, 16, 1, 10},           /* hours (a recipe's: up to 16) */
    {HJFRAUD_TRANSMISSION_CUT, 0, 1.0, 1, 8},     /* 1 - treatment meanwhile (0: none) */
    {HJFRAUD_FROZEN_VALUE, 2, 30, 2, 30},         /* hours */
    {HJFRAUD_BYPASS_DISCHARGE, 0.15, 0.60, 2, 24},
};

static const range *range_of(int type)
{
    for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++)
        if (RANGES[i].type == type) return &RANGES[i];
    return NULL;
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

typedef struct seen {
    int type[HJFRAUD__COUNT], raw[2], recipe[4], conf[GEN_C__COUNT], level[3], cycle[3],
        profile[PLANT_PROFILE_COUNT], diff[4], protocol[2], first_hours, night, to_end, days;
} seen;

static void check_plan(const gen_options *o, const gen_plan *p, seen *sn)
{
    static const double ilo[] = {0, 0.55, 0.25, 0.0}, ihi[] = {0, 1.0, 1.0, 0.6};
    assert_true(p->nst >= o->stations_min && p->nst <= o->stations_max);
    assert_true(p->days >= o->days_min && p->days <= o->days_max);
    assert_int_equal(p->start % DAY, 0);
    assert_true(p->seed >= 1 && p->seed <= 999999);
    assert_true(p->difficulty >= GEN_EASY && p->difficulty <= GEN_HARD);
    if (o->difficulty) assert_int_equal(p->difficulty, o->difficulty);
    sn->diff[p->difficulty]++;
    int64_t end = p->start + (int64_t)p->days * DAY;
    for (int i = 0; i < p->nst; i++) {
        const gen_station *s = &p->st[i];
        for (int k = 0; k < i; k++)
            assert_string_not_equal(s->mn, p->st[k].mn);
        assert_int_equal(strlen(s->mn), 14);
        if (o->profiles) assert_true((o->profiles >> s->profile) & 1);
        sn->profile[s->profile]++;
        plant_cfg pc;
        plant_cfg_default(&pc, s->profile);
        assert_true(s->flow_m3h >= 0.45 * pc.flow_m3h && s->flow_m3h <= 2.05 * pc.flow_m3h);
        assert_true(s->noise >= 0.8 * pc.noise - 0.006 && s->noise <= 1.3 * pc.noise + 0.006);
        static const double rlo[] = {0.3, 0.8, 1.0}, rhi[] = {0.65, 0.97, 1.15};
        assert_true(s->cod_ratio >= rlo[s->level] - 1e-9 && s->cod_ratio <= rhi[s->level] + 1e-9);
        sn->level[s->level]++;
        assert_true(s->cycle_min == 30 || s->cycle_min == 60 || s->cycle_min == 120);
        sn->cycle[s->cycle_min == 30 ? 0 : s->cycle_min == 60 ? 1 : 2]++;
        if (s->cycle_min == 30) assert_true(s->toc); /* a dichromate cycle takes 30 min */
        assert_true(s->protocol == 2017 || s->protocol == 2025);
        sn->protocol[s->protocol == 2025]++;
        if (s->profile == PLANT_MUNICIPAL) assert_int_equal(s->nshifts, 0);
        if (s->honest) assert_int_equal(s->nfraud, 0);
        for (int k = 0; k < s->nfraud; k++) {
            const gen_fraud *f = &s->fraud[k];
            assert_true(f->type >= 0 && f->type < HJFRAUD__COUNT);
            if (o->types) assert_true((o->types >> f->type) & 1);
            sn->type[f->type]++;
            sn->raw[f->raw]++;
            sn->recipe[f->recipe]++;
            assert_true(f->intensity >= ilo[p->difficulty] - 1e-9 &&
                        f->intensity <= ihi[p->difficulty] + 1e-9);
            const range *r = range_of(f->type);
            assert_non_null(r);
            if (f->strength < r->s_lo - 1e-9 || f->strength > r->s_hi + 1e-9)
                fail_msg("%s: strength %g outside %g .. %g", hjfraud_at((size_t)f->type)->key,
                         f->strength, r->s_lo, r->s_hi);
            if (f->recipe == 1 || f->recipe == 2) {
                /* the second of a recipe covers the first: flags over the treatment cut's
                 * exceedances, the camera turned over the dilution */
                if (k == 1) {
                    const gen_fraud *a = &s->fraud[0];
                    assert_true(f->at >= a->at - 30 * 60 && f->at < a->at + a->dur);
                    assert_true(f->end >= a->end - 15 * 60 || f->end >= end - 15 * 60);
                }
            } else if (f->dur && r->d_hi > 0 &&
                       (f->dur < r->d_lo * HOUR - 1 || f->dur > r->d_hi * HOUR + 1))
                fail_msg("%s: duration %lld s outside %g .. %g h", hjfraud_at((size_t)f->type)->key,
                         (long long)f->dur, r->d_lo, r->d_hi);
            assert_true(f->at > p->start && f->at < end);
            assert_true(f->end <= end);
            assert_true(f->days >= 1 && f->days <= 3);
            if (f->days > 1) sn->days++;
            if (!f->dur && f->type != HJFRAUD_SAMPLE_CUP_INJECTION) sn->to_end++;
            if (f->at - p->start < 6 * HOUR) sn->first_hours++;
            int64_t tod = (f->at - p->start) % DAY;
            if (tod >= 20 * HOUR || tod < 4 * HOUR) sn->night++;
            if (f->type == HJFRAUD_SAMPLE_CUP_INJECTION) assert_true(f->reps >= 1 && f->reps <= 3);
            if (f->type == HJFRAUD_NIGHT_DISCHARGE) assert_int_equal(s->nshifts, 0);
            if (f->type == HJFRAUD_DAU_TAMPER && f->variant == 0) assert_int_equal(s->level, 2);
            if (f->raw) {
                assert_true(ends_with(f->code, "end)\n"));
            } else {
                assert_string_equal(f->code, "");
            }
            assert_true(strlen(f->what) > 0 && strlen(f->why) > 0);
        }
        for (int k = 0; k < s->nconf; k++) {
            const gen_conf *c = &s->conf[k];
            assert_true(c->kind >= 0 && c->kind < GEN_C__COUNT);
            sn->conf[c->kind]++;
            if (c->kind == GEN_C_RAIN) assert_true(s->combined);
            if (c->kind == GEN_C_PRODUCTION_STOP) assert_int_not_equal(s->profile, PLANT_MUNICIPAL);
            assert_true(c->at > p->start && c->at + c->dur < end);
            assert_true(ends_with(c->code, "end)\n"));
        }
    }
}

static void test_ranges_and_space(void **state)
{
    (void)state;
    gen_options o;
    gen_options_default(&o);
    o.seed = 77;
    seen sn;
    memset(&sn, 0, sizeof sn);
    for (unsigned i = 0; i < 600; i++) {
        gen_plan *p = draw(&o, i);
        check_plan(&o, p, &sn);
        free(p);
    }
    for (int t = 0; t < HJFRAUD__COUNT; t++) {
        int at_water = hjfraud_at_kind(hjfraud_at((size_t)t), 'w');
        if (at_water && sn.type[t] < 10)
            fail_msg("%s drawn %d times", hjfraud_at((size_t)t)->key, sn.type[t]);
        if (!at_water && sn.type[t]) /* a gas type at a water station */
            fail_msg("%s drawn %d times", hjfraud_at((size_t)t)->key, sn.type[t]);
    }
    for (int k = 0; k < GEN_C__COUNT; k++)
        if (sn.conf[k] < 5) fail_msg("%s drawn %d times", gen_conf_name(k), sn.conf[k]);
    for (int k = 0; k < 4; k++)
        assert_true(sn.recipe[k] > 0);
    assert_true(sn.raw[0] > 0 && sn.raw[1] > 0);
    for (int k = 0; k < 3; k++)
        assert_true(sn.level[k] > 0 && sn.cycle[k] > 0);
    for (int k = 0; k < PLANT_PROFILE_COUNT; k++)
        assert_true(sn.profile[k] > 0);
    for (int k = GEN_EASY; k <= GEN_HARD; k++)
        assert_true(sn.diff[k] > 0);
    assert_true(sn.protocol[0] > 0 && sn.protocol[1] > 0);
    assert_true(sn.first_hours > 0 && sn.night > 0 && sn.to_end > 0 && sn.days > 0);
}

static void test_narrowing(void **state)
{
    (void)state;
    gen_options o;
    gen_options_default(&o);
    o.seed = 5;
    o.types = 1u << HJFRAUD_TAP_WATER_DILUTION | 1u << HJFRAUD_BYPASS_DISCHARGE;
    o.profiles = 1u << PLANT_MUNICIPAL;
    o.stations_min = o.stations_max = 2;
    o.days_min = 4;
    o.days_max = 5;
    o.honest = 0;
    o.difficulty = GEN_HARD;
    seen sn;
    memset(&sn, 0, sizeof sn);
    int frauds = 0;
    for (unsigned i = 0; i < 100; i++) {
        gen_plan *p = draw(&o, i);
        check_plan(&o, p, &sn);
        for (int k = 0; k < p->nst; k++)
            frauds += p->st[k].nfraud > 0;
        free(p);
    }
    assert_true(frauds >= 190); /* honest 0: a station is honest only when nothing fits */
    assert_true(sn.type[HJFRAUD_TAP_WATER_DILUTION] > 0 && sn.type[HJFRAUD_BYPASS_DISCHARGE] > 0);

    o.honest = 1;
    for (unsigned i = 0; i < 50; i++) {
        gen_plan *p = draw(&o, i);
        for (int k = 0; k < p->nst; k++)
            assert_int_equal(p->st[k].nfraud, 0);
        free(p);
    }
}

static void test_bad_options(void **state)
{
    (void)state;
    gen_options o;
    gen_options_default(&o);
    gen_plan *p = malloc(sizeof *p);
    o.stations_max = GEN_MAX_STATIONS + 1;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    assert_string_equal(err, "stations");
    gen_options_default(&o);
    o.days_min = 3;
    o.days_max = 2;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    assert_string_equal(err, "days");
    gen_options_default(&o);
    o.honest = 1.5;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    gen_options_default(&o);
    o.types = 1u << 30;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    assert_string_equal(err, "types");
    free(p);
    assert_int_equal(gen_difficulty_from_name("hard"), GEN_HARD);
    assert_int_equal(gen_difficulty_from_name("brutal"), -1);
    char fn[32];
    gen_file_name(41, fn, sizeof fn);
    assert_string_equal(fn, "gen-0042.lua");
}

/* The option of f named key as a number (its Lua text), or -1 when absent. */
static double opt_num(const gen_fraud *f, const char *key)
{
    for (int i = 0; i < f->nopt; i++)
        if (strcmp(f->opt[i].key, key) == 0) return atof(f->opt[i].lua);
    return -1;
}

static int opt_is(const gen_fraud *f, const char *key, const char *lua)
{
    for (int i = 0; i < f->nopt; i++)
        if (strcmp(f->opt[i].key, key) == 0) return strcmp(f->opt[i].lua, lua) == 0;
    return 0;
}

/* --kinds gas,vocs (docs/generator.md, "Gas and VOCs stations"): only those kinds, each
 * fraud a type of its station's kind through the library, options and times inside the
 * frozen ranges, gas confounders only; every gas type and confounder is reached; a type no
 * asked kind carries is a bad option; and the wastewater default is not touched (test_digest). */
static void test_gas_kinds(void **state)
{
    (void)state;
    gen_options o;
    gen_options_default(&o);
    o.seed = 4242;
    o.kinds = GEN_KIND_GAS | GEN_KIND_VOCS;
    int seen_t[HJFRAUD__COUNT] = {0}, conf[GEN_CG__END] = {0}, kinds[3] = {0};
    for (unsigned i = 0; i < 400; i++) {
        gen_plan *p = draw(&o, i);
        int64_t end = p->start + (int64_t)p->days * DAY;
        for (int k = 0; k < p->nst; k++) {
            const gen_station *s = &p->st[k];
            assert_true(s->kind == 1 || s->kind == 2);
            kinds[s->kind]++;
            assert_true(s->gas.load >= 0.6 - 1e-9 && s->gas.load <= 0.95 + 1e-9);
            if (s->kind == 2) assert_false(s->gas.bypass);
            for (int j = 0; j < s->nfraud; j++) {
                const gen_fraud *f = &s->fraud[j];
                assert_true(hjfraud_at_kind(hjfraud_at((size_t)f->type), s->kind == 1 ? 'g' : 'v'));
                assert_int_equal(f->raw, 0);
                assert_true(f->at >= p->start + HOUR && f->at % 300 == 0);
                assert_true(f->end <= end && f->end > f->at);
                if (f->dur) assert_true(f->at + f->dur <= end - 1800);
                seen_t[f->type]++;
                double x;
                switch (f->type) {
                case HJFRAUD_PROBE_DILUTION:
                    x = opt_num(f, "air");
                    assert_true(x >= 0.15 && x <= 0.5);
                    break;
                case HJFRAUD_BYPASS_FLUE:
                    assert_true(s->gas.bypass);
                    x = opt_num(f, "share");
                    assert_true(x >= 0.2 && x <= 0.7);
                    break;
                case HJFRAUD_SPAN_GAS_TAMPER:
                    x = opt_num(f, "factor");
                    assert_true(x >= 1.1 && x <= 1.8);
                    break;
                case HJFRAUD_VOCS_DILUTION:
                    x = opt_num(f, "air");
                    assert_true(x >= 0.3 && x <= 0.85);
                    break;
                case HJFRAUD_RTO_BYPASS:
                    x = opt_num(f, "temp_c");
                    assert_true(x == -1 || (x >= 500 && x <= 720));
                    break;
                case HJFRAUD_FLOW_PARAM_TAMPER:
                    x = opt_num(f, "factor");
                    assert_true(x >= 0.5 && x <= 0.85);
                    break;
                case HJFRAUD_CALIBRATION_FLAG_ABUSE:
                    if (s->kind == 2) assert_false(opt_is(f, "method", "\"hold\""));
                    assert_true(f->end - f->at <= 4 * HOUR);
                    break;
                default:
                    break;
                }
            }
            for (int j = 0; j < s->nconf; j++) {
                const gen_conf *c = &s->conf[j];
                assert_true(c->kind >= GEN_CG_STARTUP && c->kind < GEN_CG__END);
                if (c->kind == GEN_CG_FGD_SWITCHOVER) assert_true(c->dur >= 120 && c->dur <= 360);
                if (c->kind == GEN_CG_STARTUP) assert_true(c->dur >= 2 * HOUR && c->dur <= 10 * HOUR);
                assert_true(c->at >= p->start && c->at + c->dur <= end);
                conf[c->kind]++;
            }
        }
        char *text = gen_render(p);
        assert_non_null(strstr(text, "kind      = \""));
        assert_null(strstr(text, "effluent"));
        free(text);
        free(p);
    }
    for (int t = 0; t < HJFRAUD__COUNT; t++) {
        const hjfraud *h = hjfraud_at((size_t)t);
        int gas = hjfraud_at_kind(h, 'g') || hjfraud_at_kind(h, 'v');
        if (gas && seen_t[t] < 3) fail_msg("%s drawn %d times", h->key, seen_t[t]);
        if (!gas) assert_int_equal(seen_t[t], 0);
    }
    for (int k = GEN_CG_STARTUP; k < GEN_CG__END; k++)
        if (conf[k] < 5) fail_msg("%s drawn %d times", gen_conf_name(k), conf[k]);
    assert_true(kinds[1] > kinds[2] / 2 && kinds[2] > kinds[1] / 2);
    /* a type no asked kind carries */
    gen_plan *p = malloc(sizeof *p);
    o.kinds = GEN_KIND_WATER;
    o.types = 1u << HJFRAUD_PROBE_DILUTION;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    assert_string_equal(err, "types");
    o.kinds = 8;
    o.types = 0;
    assert_int_equal(gen_draw(&o, 0, p, err, sizeof err), -1);
    assert_string_equal(err, "kinds");
    /* narrowed to a gas type: VOCs stations that cannot carry it are honest */
    o.kinds = GEN_KIND_GAS | GEN_KIND_VOCS | GEN_KIND_WATER;
    o.types = 1u << HJFRAUD_HEAT_TRACE_OFF;
    for (unsigned i = 0; i < 40; i++) {
        assert_int_equal(gen_draw(&o, i, p, err, sizeof err), 0);
        for (int k = 0; k < p->nst; k++) {
            if (p->st[k].kind != 1) assert_int_equal(p->st[k].nfraud, 0);
            for (int j = 0; j < p->st[k].nfraud; j++)
                assert_int_equal(p->st[k].fraud[j].type, HJFRAUD_HEAT_TRACE_OFF);
        }
    }
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes), cmocka_unit_test(test_digest),
        cmocka_unit_test(test_ranges_and_space),     cmocka_unit_test(test_narrowing),
        cmocka_unit_test(test_bad_options),          cmocka_unit_test(test_gas_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
