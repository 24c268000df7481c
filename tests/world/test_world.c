/* World: same seed = same week, different seeds differ, grid independence from the
 * caller's step pattern, a staged dilution end to end, and the cost of a step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "hjtime.h"
#include "rng.h"
#include "world.h"

#define T_0208 INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */
#define WEEK   (7 * HJTIME_DAY_MS)

static world *mk(int profile, uint64_t seed, const char *mn)
{
    world_cfg c;
    assert_int_equal(world_cfg_default(&c, profile), 0);
    char err[128];
    world *w = world_new(&c, seed, rng_stream_id(0, mn), T_0208, err, sizeof err);
    if (!w) fail_msg("%s", err);
    return w;
}

/* Field-wise compare (structs hold padding and a borrowed pointer-free layout). */
static int same_water(const water *a, const water *b)
{
    return a->cod == b->cod && a->toc == b->toc && a->nh3n == b->nh3n && a->tp == b->tp &&
           a->tn == b->tn && a->ph == b->ph && a->temp == b->temp && a->cond == b->cond;
}

static int same_out(const world_out *a, const world_out *b)
{
    return a->t == b->t && a->plant.raw_m3h == b->plant.raw_m3h &&
           a->plant.outfall_m3h == b->plant.outfall_m3h &&
           same_water(&a->plant.raw, &b->plant.raw) &&
           same_water(&a->plant.effluent, &b->plant.effluent) &&
           a->channel.sample_m3h == b->channel.sample_m3h &&
           a->channel.meter_m3h == b->channel.meter_m3h &&
           same_water(&a->channel.sample, &b->channel.sample) && same_water(&a->line, &b->line);
}

static void test_same_seed_same_week(void **state)
{
    world *a = mk(PLANT_DYEING, 7, "33040001DYE0001");
    world *b = mk(PLANT_DYEING, 7, "33040001DYE0001");
    world *c = mk(PLANT_DYEING, 8, "33040001DYE0001");
    world *d = mk(PLANT_DYEING, 7, "33040001DYE0002"); /* another station, same seed */
    int differ_c = 0, differ_d = 0;
    for (int64_t t = T_0208; t < T_0208 + WEEK;) {
        t += 10 * HJTIME_SECOND_MS;
        world_step(a, t);
        world_step(b, t);
        world_step(c, t);
        world_step(d, t);
        if (!same_out(world_output(a), world_output(b))) fail_msg("diverged at %lld", (long long)t);
        differ_c += world_output(a)->channel.sample.cod != world_output(c)->channel.sample.cod;
        differ_d += world_output(a)->channel.sample.cod != world_output(d)->channel.sample.cod;
    }
    assert_true(differ_c > 60000 - 100);
    assert_true(differ_d > 60000 - 100);
    world_free(a);
    world_free(b);
    world_free(c);
    world_free(d);
}

/* Jumping an hour at a time (fast mode) sees exactly what 10 s steps see. */
static void test_grid_independence(void **state)
{
    world *a = mk(PLANT_MUNICIPAL, 3, "M1");
    world *b = mk(PLANT_MUNICIPAL, 3, "M1");
    int64_t ta = T_0208;
    for (int64_t h = 1; h <= 48; h++) {
        int64_t target = T_0208 + h * HJTIME_HOUR_MS + 7 * HJTIME_SECOND_MS; /* off-grid */
        while (ta < target) {
            ta += 3 * HJTIME_SECOND_MS;
            if (ta > target) ta = target;
            world_step(a, ta);
        }
        assert_int_equal(world_step(b, target), h == 1 ? 360 : 360);
        assert_true(same_out(world_output(a), world_output(b)));
        assert_int_equal(world_output(b)->t, T_0208 + h * HJTIME_HOUR_MS);
    }
    world_free(a);
    world_free(b);
}

/* A hidden tap pipe and a hose swap, end to end through the world. */
static void test_staged_dilution(void **state)
{
    world_cfg c;
    world_cfg_default(&c, PLANT_DYEING);
    c.plant.noise = 0;
    c.plant.pattern = 0;
    c.meter = CHANNEL_METER_UPSTREAM;
    world *w = world_new(&c, 1, 0, T_0208, NULL, 0);
    assert_non_null(w);
    int64_t t = T_0208 + HJTIME_HOUR_MS;
    world_step(w, t);
    const world_out *o = world_output(w);
    assert_true(fabs(o->line.cod - 150) < 1e-9);
    channel_inflow in = {.source = CHANNEL_TAP, .m3h = 25, .hidden = 1};
    int pipe = channel_add_inflow(world_channel(w), &in);
    assert_true(pipe > 0);
    world_step(w, t + 60 * HJTIME_SECOND_MS);
    double want = (80 * 150 + 25 * o->channel.tap.cod) / 105.0;
    assert_true(fabs(o->channel.sample.cod - want) < 1e-9);
    assert_true(fabs(o->channel.meter_m3h - 80) < 1e-9); /* meter upstream: flow unchanged */
    assert_true(fabs(o->line.cod - 150) < 1e-9);         /* still in the line */
    world_step(w, t + 100 * HJTIME_SECOND_MS);
    assert_true(fabs(o->line.cod - want) < 1e-9); /* arrived after 90 s */
    channel_stop(world_channel(w), pipe);
    sampleline_connect(world_sampleline(w), SAMPLELINE_TAP, NULL);
    world_step(w, t + 200 * HJTIME_SECOND_MS);
    assert_true(fabs(o->line.cod - o->channel.tap.cod) < 1e-9);
    assert_true(fabs(o->channel.sample.cod - 150) < 1e-9);
    plant_set_bypass(world_plant(w), 30);
    world_step(w, t + 300 * HJTIME_SECOND_MS);
    assert_true(fabs(o->plant.bypass_m3h - 30) < 1e-9);
    assert_true(fabs(o->channel.meter_m3h - 50) < 1e-9);
    world_free(w);

    char err[128];
    c.step_ms = 0;
    assert_null(world_new(&c, 1, 0, T_0208, err, sizeof err));
    assert_non_null(strstr(err, "step"));
    world_free(NULL);
}

/* Cost of a station-step: printed, and bounded loosely (sanitizers are slow). */
static void test_bench(void **state)
{
    enum { N = 64 };
    world *w[N];
    for (int i = 0; i < N; i++) {
        char mn[32];
        snprintf(mn, sizeof mn, "STATION%03d", i);
        w[i] = mk(i % PLANT_PROFILE_COUNT, 1, mn);
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int64_t steps = 0;
    for (int i = 0; i < N; i++)
        steps += world_step(w[i], T_0208 + HJTIME_DAY_MS);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / steps;
    double city_week = ns * 1e-9 * 476.0 * (double)(WEEK / (10 * HJTIME_SECOND_MS));
    printf("world: %lld station-steps, %.0f ns per station-step (10 s grid); "
           "476 stations x 1 week = %.1f s of CPU\n",
           (long long)steps, ns, city_week);
    assert_int_equal(steps, (int64_t)N * 8640);
    assert_true(ns < 50000);
    for (int i = 0; i < N; i++)
        world_free(w[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_week),
        cmocka_unit_test(test_grid_independence),
        cmocka_unit_test(test_staged_dilution),
        cmocka_unit_test(test_bench),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
