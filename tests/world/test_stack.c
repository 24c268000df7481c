/*
 * The flue-gas source (sim/world/stack.c): excess air falls with the load; the converted
 * raw gas does not move with the excess air; the flow follows fuel x excess air; FGD, SCR
 * and bag filter by their state; the RTO's efficiency by its chamber temperature; start-up
 * and shut-down fill the flue with air; the bypass share; a fuel change; determinism from
 * the seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "hjtime.h"
#include "stack.h"

#define T0   INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */
#define STEP INT64_C(10000)
#define MIN  HJTIME_MINUTE_MS
#define HOUR HJTIME_HOUR_MS

static stack *mk(int profile, double load)
{
    stack_cfg c;
    assert_int_equal(stack_cfg_default(&c, profile), 0);
    c.noise = 0;
    c.pattern = 0;
    c.load = load;
    stack *s = stack_new(&c, 1, 2, T0, STEP);
    assert_non_null(s);
    return s;
}

/* The SO2 at the reference O2 of the output. */
static double so2_ref(const stack *s)
{
    const stack_out *o = stack_output(s);
    return o->g.so2 * (21 - stack_config(s)->o2_ref) / (21 - o->g.o2);
}

static void excess_air_and_conversion(void **state)
{
    (void)state;
    stack *hi = mk(STACK_COAL_BOILER, 1.0), *lo = mk(STACK_COAL_BOILER, 0.4);
    stack_step(hi, T0 + 3 * HOUR);
    stack_step(lo, T0 + 3 * HOUR);
    const stack_out *h = stack_output(hi), *l = stack_output(lo);
    assert_true(fabs(h->g.o2 - 5.5) < 1e-6);       /* O2 at full load */
    assert_true(fabs(l->g.o2 - (5.5 + 4 * 0.6)) < 1e-3);
    assert_true(l->g.so2 < h->g.so2);                /* diluted by more air ... */
    assert_true(fabs(so2_ref(hi) - so2_ref(lo)) < 1e-6 * so2_ref(hi)); /* ... not converted */
    assert_true(fabs(so2_ref(hi) - 2000 * (1 - 0.988)) < 1e-6);
    /* Qsn = full x load x (21 - O2 full)/(21 - O2) */
    double want = 250000 * 0.4 * (21 - 5.5) / (21 - l->g.o2);
    assert_true(fabs(l->qsn - want) < 1e-6 * want);
    stack_free(hi);
    stack_free(lo);
}

static void treatment_by_state(void **state)
{
    (void)state;
    stack *s = mk(STACK_COAL_BOILER, 0.85);
    stack_step(s, T0 + HOUR);
    gas before = stack_output(s)->g;
    assert_int_equal(stack_fac_set(s, STACK_FGD, 0), 0);
    assert_int_equal(stack_fac_set(s, STACK_BAG, 0), 0);
    stack_step(s, T0 + HOUR + STEP);
    const stack_out *o = stack_output(s);
    assert_true(fabs(o->g.so2 / before.so2 - 1 / (1 - 0.988)) < 1e-6);
    assert_true(fabs(o->g.pm / before.pm - 1 / (1 - 0.9995)) < 1e-3);
    assert_true(fabs(o->g.no - before.no) < 1e-9); /* the SCR still runs */
    assert_int_equal(o->fac_on[STACK_FGD], 0);
    assert_true(o->fac_load[STACK_FGD] == 0 && o->fac_load[STACK_SCR] > 0);
    assert_int_equal(stack_fac_set(s, STACK_RTO, 0), -1); /* a boiler has none */
    stack_free(s);
}

static void rto_by_temperature(void **state)
{
    (void)state;
    stack *s = mk(STACK_COATING_VOCS, 0.8);
    stack_step(s, T0 + HOUR);
    const stack_out *o = stack_output(s);
    double nmhc = o->g.thc - o->g.ch4;
    assert_true(o->rto_c > 800);
    assert_true(fabs(nmhc - 600 * 0.03) < 1e-6); /* 97 % at >= 760 degC */
    assert_int_equal(stack_rto_set(s, 605), 0);
    stack_step(s, T0 + 30 * HOUR);              /* cooled to ~605 degC: half the design */
    o = stack_output(s);
    double k = (o->rto_c - 450) / (760 - 450);
    assert_true(fabs(o->rto_c - 605) < 1);
    assert_true(fabs((o->g.thc - o->g.ch4) - 600 * (1 - 0.97 * k)) < 1e-6);
    stack_free(s);
}

static void shutdown_fills_with_air(void **state)
{
    (void)state;
    stack *s = mk(STACK_GAS_BOILER, 0.8);
    stack_step(s, T0 + HOUR);
    stack_set_running(s, 0);
    stack_step(s, T0 + HOUR + 10 * MIN); /* one time constant */
    const stack_out *o = stack_output(s);
    assert_true(o->g.o2 > 10 && o->g.o2 < 20.9);
    assert_int_equal(o->fac_on[STACK_FAN], 1); /* the fan purges */
    stack_step(s, T0 + 3 * HOUR);
    o = stack_output(s);
    assert_true(fabs(o->g.o2 - 20.9) < 0.01 && o->fac_on[STACK_FAN] == 0);
    assert_true(fabs(o->qsn - 0.05 * 30000) < 20);
    stack_set_running(s, 1);
    stack_step(s, T0 + 5 * HOUR);
    assert_true(fabs(stack_output(s)->g.o2 - (3.5 + 3 * 0.2)) < 0.05);
    stack_free(s);
}

static void bypass_share(void **state)
{
    (void)state;
    stack *s = mk(STACK_COAL_BOILER, 0.85);
    stack_step(s, T0 + HOUR);
    stack_set_bypass(s, 0.3);
    stack_step(s, T0 + HOUR + STEP);
    const stack_out *o = stack_output(s);
    assert_true(fabs(o->qsn - 0.7 * o->qsn_total) < 1e-9 * o->qsn_total);
    stack_free(s);
}

/* A fuel change: raw SO2 and dust follow the new fuel's sulphur and ash through the
 * bunker's hour of mixing; NOx, O2 and the flow do not move. */
static void fuel_change(void **state)
{
    (void)state;
    stack *s = mk(STACK_COAL_BOILER, 0.9);
    stack_step(s, T0 + 3 * HOUR);
    stack_out before = *stack_output(s);
    double so2 = so2_ref(s);
    assert_int_equal(stack_set_fuel(s, 6), -1);
    assert_int_equal(stack_set_fuel(s, 0.1), -1);
    assert_int_equal(stack_set_fuel(s, 1.5), 0);
    stack_step(s, T0 + 3 * HOUR + 10 * MIN); /* the bunker still burns the old coal */
    assert_true(so2_ref(s) > so2 && so2_ref(s) < 1.25 * so2);
    stack_step(s, T0 + 9 * HOUR);
    const stack_out *o = stack_output(s);
    assert_true(fabs(so2_ref(s) / so2 - 1.5) < 0.01);
    assert_true(fabs(o->g.pm / before.g.pm - 1.5) < 0.01);
    assert_true(fabs(o->g.no - before.g.no) < 1e-6 * before.g.no);
    assert_true(fabs(o->g.o2 - before.g.o2) < 1e-9);
    assert_true(fabs(o->qsn - before.qsn) < 1e-6 * before.qsn);
    stack_free(s);
}

static void same_seed_same_source(void **state)
{
    (void)state;
    stack_cfg c;
    stack_cfg_default(&c, STACK_WASTE_INCINERATOR);
    stack *a = stack_new(&c, 9, 3, T0, STEP), *b = stack_new(&c, 9, 3, T0, STEP),
          *d = stack_new(&c, 10, 3, T0, STEP);
    stack_step(a, T0 + 6 * HOUR);
    for (int64_t t = T0; t <= T0 + 6 * HOUR; t += 7 * MIN)
        stack_step(b, t);
    stack_step(b, T0 + 6 * HOUR);
    stack_step(d, T0 + 6 * HOUR);
    assert_true(stack_output(a)->g.so2 == stack_output(b)->g.so2);
    assert_true(stack_output(a)->qsn == stack_output(b)->qsn);
    assert_true(stack_output(a)->g.so2 != stack_output(d)->g.so2);
    assert_int_equal(stack_profile_from_name("glass_kiln"), STACK_GLASS_KILN);
    assert_int_equal(stack_profile_from_name("kiln"), -1);
    c.load = 2;
    assert_null(stack_new(&c, 1, 1, T0, STEP));
    stack_free(a);
    stack_free(b);
    stack_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(excess_air_and_conversion), cmocka_unit_test(treatment_by_state),
        cmocka_unit_test(rto_by_temperature),        cmocka_unit_test(shutdown_fills_with_air),
        cmocka_unit_test(bypass_share),              cmocka_unit_test(same_seed_same_source),
        cmocka_unit_test(fuel_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
