/* Plant: schedule, production lag, treatment stop time constant, bypass, facilities,
 * upsets, noise statistics, configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hjtime.h"
#include "cfgerr.h"
#include "plant.h"

#define T_0208 INT64_C(1644249600000) /* 2022-02-08 00:00 +08:00 */
#define STEP   (10 * HJTIME_SECOND_MS)

static void near_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want))) fail_msg("got %.12g want %.12g", got, want);
}

/* A quiet plant: no noise, flat patterns. */
static plant *quiet(int profile, const char *shift, int64_t t0)
{
    plant_cfg c;
    assert_int_equal(plant_cfg_default(&c, profile), 0);
    c.noise = 0;
    c.pattern = 0;
    if (shift) assert_int_equal(plant_cfg_add_shift(&c, shift), 0);
    char err[128];
    plant *p = plant_new(&c, 1, 0, t0, err, sizeof err);
    assert_non_null(p);
    return p;
}

static void run_to(plant *p, int64_t *t, int64_t until)
{
    while (*t < until) {
        *t += STEP;
        plant_step(p, *t);
    }
}

static void test_schedule(void **state)
{
    plant *p = quiet(PLANT_DYEING, "08:00-20:00", T_0208);
    int64_t h = HJTIME_HOUR_MS, m = HJTIME_MINUTE_MS;
    assert_int_equal(plant_scheduled(p, T_0208 + 7 * h + 59 * m), 0);
    assert_int_equal(plant_scheduled(p, T_0208 + 8 * h), 1);
    assert_int_equal(plant_scheduled(p, T_0208 + 19 * h + 59 * m), 1);
    assert_int_equal(plant_scheduled(p, T_0208 + 20 * h), 0);
    /* starts at midnight outside the shift: dry */
    assert_true(plant_output(p)->raw_m3h == 0);
    int64_t t = T_0208;
    run_to(p, &t, T_0208 + 7 * h + 59 * m);
    assert_true(plant_output(p)->raw_m3h == 0);
    plant_facility f;
    assert_int_equal(plant_facility_get(p, 0, &f), 0);
    assert_string_equal(f.name, "line1");
    assert_int_equal(f.kind, PLANT_FAC_PRODUCTION);
    assert_int_equal(f.on, 0);
    /* five lags (lag 15 min) after the shift starts: within 1 % of 80 m3/h */
    run_to(p, &t, T_0208 + 9 * h + 15 * m);
    near_rel(plant_output(p)->raw_m3h, 80, 0.01);
    assert_int_equal(plant_facility_get(p, 0, &f), 0);
    assert_true(f.on);
    near_rel(f.load, 0.85, 1e-12);
    run_to(p, &t, T_0208 + 19 * h + 59 * m + 50000);
    near_rel(plant_output(p)->raw_m3h, 80, 1e-9);
    /* after the shift: first-order decay, the step ending at 20:00 already sees the stop */
    run_to(p, &t, T_0208 + 20 * h + 15 * m);
    near_rel(plant_output(p)->raw_m3h, 80 * exp(-910.0 / 900.0), 1e-9);
    assert_int_equal(plant_facility_get(p, 0, &f), 0);
    assert_int_equal(f.on, 0);
    run_to(p, &t, T_0208 + 24 * h);
    assert_true(plant_output(p)->raw_m3h == 0);
    assert_true(plant_output(p)->outfall_m3h == 0);
    plant_free(p);

    /* a night shift wraps midnight */
    p = quiet(PLANT_FOOD, "22:00-06:00", T_0208);
    assert_int_equal(plant_scheduled(p, T_0208 + 23 * h), 1);
    assert_int_equal(plant_scheduled(p, T_0208 + 5 * h + 59 * m), 1);
    assert_int_equal(plant_scheduled(p, T_0208 + 6 * h), 0);
    assert_int_equal(plant_scheduled(p, T_0208 + 12 * h), 0);
    plant_free(p);
}

static void test_production_stop(void **state)
{
    plant *p = quiet(PLANT_DYEING, NULL, T_0208);
    near_rel(plant_output(p)->raw_m3h, 80, 1e-12);
    int64_t t = T_0208;
    run_to(p, &t, T_0208 + HJTIME_HOUR_MS);
    assert_int_equal(plant_set_production(p, 0.5), 0);
    run_to(p, &t, T_0208 + 4 * HJTIME_HOUR_MS);
    near_rel(plant_output(p)->raw_m3h, 40, 1e-4);
    near_rel(plant_output(p)->production, 0.5, 1e-12);
    assert_int_equal(plant_set_production(p, 0), 0);
    int64_t t1 = t;
    run_to(p, &t, t1 + 15 * HJTIME_MINUTE_MS); /* one lag */
    near_rel(plant_output(p)->raw_m3h, 40 * exp(-1.0), 1e-4);
    run_to(p, &t, t1 + 5 * HJTIME_HOUR_MS);
    assert_true(plant_output(p)->raw_m3h == 0);
    plant_facility f;
    plant_facility_get(p, plant_facility_find(p, "line1"), &f);
    assert_true(f.load == 0 && !f.on);
    /* treatment keeps running with no flow: the blower idles at 48 %, the pump stops */
    plant_facility_get(p, plant_facility_find(p, "blower"), &f);
    near_rel(f.load, 0.8 * 0.6, 1e-12);
    assert_true(f.on);
    plant_facility_get(p, plant_facility_find(p, "lift_pump"), &f);
    assert_true(f.load == 0 && !f.on);
    /* out-of-range knobs are refused and leave the knob alone */
    assert_int_equal(plant_set_production(p, -0.1), -1);
    assert_int_equal(plant_set_production(p, NAN), -1);
    assert_int_equal(plant_set_treatment(p, 1.5), -1);
    assert_int_equal(plant_set_bypass(p, -1), -1);
    assert_true(plant_get_knobs(p)->production == 0);
    plant_free(p);
}

static void test_treatment_stop(void **state)
{
    plant *p = quiet(PLANT_DYEING, NULL, T_0208);
    const plant_out *o = plant_output(p);
    near_rel(o->effluent.cod, 150, 1e-12);
    near_rel(o->effluent.toc, 50, 1e-12); /* cod / 3 */
    near_rel(o->effluent.ph, 7.6, 1e-9);
    near_rel(o->equalised.cod, 1500, 1e-12);
    int64_t t = T_0208;
    run_to(p, &t, T_0208 + 2 * HJTIME_HOUR_MS);
    near_rel(o->effluent.cod, 150, 1e-12); /* steady */
    assert_int_equal(plant_set_treatment(p, 0), 0);
    int64_t t1 = t;
    run_to(p, &t, t1 + STEP);
    assert_true(o->effluent.cod > 150 && o->effluent.cod < 151); /* gradual, not a jump */
    /* C(t) = raw - (raw - eff) exp(-t / hrt), hrt = 8 h at 80 m3/h */
    run_to(p, &t, t1 + 8 * HJTIME_HOUR_MS);
    near_rel(o->effluent.cod, 1500 - 1350 * exp(-1.0), 1e-9);
    near_rel(o->effluent.nh3n, 30 - 22 * exp(-1.0), 1e-9);
    /* pH moves on ions: the net acidity relaxes linearly, pH does not */
    double a = water_ph_to_acid(10.5) * (1 - exp(-1.0)) + water_ph_to_acid(7.6) * exp(-1.0);
    near_rel(o->effluent.ph, water_acid_to_ph(a), 1e-9);
    assert_true(o->effluent.ph > 10.29 && o->effluent.ph < 10.31);
    run_to(p, &t, t1 + 3 * 24 * HJTIME_HOUR_MS); /* nine time constants */
    near_rel(o->effluent.cod, 1500, 2e-4);
    near_rel(o->effluent.ph, 10.5, 1e-3);
    assert_true(o->treatment == 0);
    plant_facility f;
    plant_facility_get(p, plant_facility_find(p, "blower"), &f);
    assert_true(f.load == 0 && !f.on);
    /* back on: returns to the effluent mean with the same time constant */
    plant_set_treatment(p, 1);
    int64_t t2 = t;
    run_to(p, &t, t2 + 8 * HJTIME_HOUR_MS);
    double c0 = 1500 - 1350 * exp(-72.0 / 8.0);
    near_rel(o->effluent.cod, 150 + (c0 - 150) * exp(-1.0), 1e-9);
    plant_free(p);
}

static void test_facility_off(void **state)
{
    plant *p = quiet(PLANT_DYEING, NULL, T_0208);
    int bl = plant_facility_find(p, "blower");
    assert_true(bl >= 0);
    assert_int_equal(plant_facility_count(p), 3);
    assert_int_equal(plant_facility_find(p, "nope"), -1);
    assert_int_equal(plant_facility_enable(p, bl, 0), 0);
    assert_int_equal(plant_facility_enable(p, 99, 0), -1);
    int64_t t = T_0208;
    run_to(p, &t, T_0208 + 5 * 24 * HJTIME_HOUR_MS);
    const plant_out *o = plant_output(p);
    near_rel(o->treatment, 0.5, 1e-12); /* one of two treatment facilities off */
    near_rel(o->effluent.cod, 1500 * (0.5 + 0.5 * 0.1), 1e-4);
    plant_facility f;
    plant_facility_get(p, bl, &f);
    assert_true(f.load == 0 && !f.on && !f.enabled);
    plant_free(p);
}

static void test_bypass(void **state)
{
    plant *p = quiet(PLANT_DYEING, NULL, T_0208);
    int64_t t = T_0208;
    assert_int_equal(plant_set_bypass(p, 30), 0);
    run_to(p, &t, T_0208 + HJTIME_MINUTE_MS);
    const plant_out *o = plant_output(p);
    near_rel(o->raw_m3h, 80, 1e-12);
    near_rel(o->bypass_m3h, 30, 1e-12);
    near_rel(o->outfall_m3h, 50, 1e-12);
    plant_set_bypass(p, 100); /* more than there is: all of it */
    run_to(p, &t, T_0208 + 2 * HJTIME_MINUTE_MS);
    near_rel(o->bypass_m3h, 80, 1e-12);
    assert_true(o->outfall_m3h == 0);
    plant_free(p);
}

static void test_upset(void **state)
{
    plant *p = quiet(PLANT_CHEMICAL, NULL, T_0208);
    const plant_out *o = plant_output(p);
    int64_t t = T_0208;
    assert_int_equal(plant_set_upset(p, 3, T_0208 + HJTIME_HOUR_MS), 0);
    assert_int_equal(plant_set_upset(p, 0, 0), -1);
    run_to(p, &t, T_0208 + 30 * HJTIME_MINUTE_MS);
    near_rel(o->raw.cod, 9000, 1e-12);
    near_rel(o->raw.cond, 6000, 1e-12);   /* salts are not part of the upset */
    assert_true(o->equalised.cod > 3000); /* on its way up, smoothed by 12 h */
    run_to(p, &t, T_0208 + HJTIME_HOUR_MS);
    near_rel(o->raw.cod, 3000, 1e-12);
    assert_true(plant_get_knobs(p)->upset == 1);
    /* the tank (tau 12 h) took 359 steps of triple strength; the step at 1 h is normal */
    near_rel(o->equalised.cod, 3000 + 6000 * (1 - exp(-3590.0 / 43200.0)) * exp(-10.0 / 43200.0),
             1e-9);
    plant_free(p);
}

static void test_noise_statistics(void **state)
{
    plant_cfg c;
    plant_cfg_default(&c, PLANT_DYEING);
    plant *p = plant_new(&c, 7, 1, T_0208, NULL, 0);
    assert_non_null(p);
    int64_t t = T_0208;
    const int n = 7 * 24 * 6; /* every 10 min for a week */
    static double x[7 * 24 * 6];
    double s = 0, s2 = 0, q = 0;
    for (int i = 0; i < n; i++) {
        run_to(p, &t, t + 10 * HJTIME_MINUTE_MS);
        x[i] = plant_output(p)->effluent.cod;
        s += x[i];
        s2 += x[i] * x[i];
        q += plant_output(p)->outfall_m3h;
    }
    double mean = s / n, var = s2 / n - mean * mean, cv = sqrt(var) / mean;
    near_rel(mean, 150, 0.1);
    near_rel(q / n, 80, 0.1);
    assert_true(cv > 0.04 && cv < 0.16);
    double ac = 0;
    for (int i = 1; i < n; i++)
        ac += (x[i] - mean) * (x[i - 1] - mean);
    ac /= (n - 1) * var;
    assert_true(ac > 0.8); /* autocorrelated over 10 min, not white */
    plant_free(p);
}

/* Every profile with its defaults: a week's means sit at the configured means. */
static void test_profile_means(void **state)
{
    for (int pr = 0; pr < PLANT_PROFILE_COUNT; pr++) {
        plant_cfg c;
        plant_cfg_default(&c, pr);
        plant *p = plant_new(&c, 11, (uint64_t)pr, T_0208, NULL, 0);
        int64_t t = T_0208;
        double q = 0, cod = 0, nh3n = 0, ph = 0;
        const int n = 7 * 24 * 6;
        for (int i = 0; i < n; i++) {
            run_to(p, &t, t + 10 * HJTIME_MINUTE_MS);
            const plant_out *o = plant_output(p);
            q += o->outfall_m3h;
            cod += o->effluent.cod;
            nh3n += o->effluent.nh3n;
            ph += o->effluent.ph;
        }
        printf("%-15s flow %8.1f cod %7.1f nh3n %6.2f ph %5.2f\n", plant_profile_name(pr), q / n,
               cod / n, nh3n / n, ph / n);
        near_rel(q / n, c.flow_m3h, 0.1);
        near_rel(cod / n, c.effluent.cod, 0.12);
        near_rel(nh3n / n, c.effluent.nh3n, 0.12);
        assert_true(fabs(ph / n - c.effluent.ph) < 0.1);
        plant_free(p);
    }
}

/* flow_m3h holds while producing, whatever the shift: a food plant on nights. */
static void test_shift_normalised(void **state)
{
    plant_cfg c;
    plant_cfg_default(&c, PLANT_FOOD);
    c.noise = 0;
    c.lag_h = 0;
    plant_cfg_add_shift(&c, "22:00-06:00");
    plant *p = plant_new(&c, 1, 0, T_0208, NULL, 0);
    int64_t t = T_0208;
    double q = 0, off = 0;
    int n = 0;
    while (t < T_0208 + HJTIME_DAY_MS) {
        t += 60 * HJTIME_SECOND_MS;
        plant_step(p, t);
        if (plant_scheduled(p, t)) {
            q += plant_output(p)->raw_m3h;
            n++;
        } else {
            off += plant_output(p)->raw_m3h;
        }
    }
    assert_int_equal(n, 8 * 60);
    near_rel(q / n, 30, 0.01);
    assert_true(off == 0);
    plant_free(p);
}

/* Only the effluent given, above the profile's raw mean: the raw mean follows. */
static void test_effluent_above_raw(void **state)
{
    plant_cfg c;
    plant_cfg_default(&c, PLANT_DYEING);
    c.noise = 0;
    c.pattern = 0;
    c.effluent.cod = 2000;
    plant *p = plant_new(&c, 1, 0, T_0208, NULL, 0);
    near_rel(plant_config(p)->raw.cod, 20000, 1e-12);
    near_rel(plant_config(p)->raw.nh3n, 30, 1e-12); /* untouched */
    near_rel(plant_output(p)->effluent.cod, 2000, 1e-12);
    plant_free(p);
}

static void test_municipal_pattern(void **state)
{
    plant_cfg c;
    plant_cfg_default(&c, PLANT_MUNICIPAL);
    c.noise = 0;
    plant *p = plant_new(&c, 1, 0, T_0208, NULL, 0);
    int64_t t = T_0208;
    run_to(p, &t, T_0208 + 4 * HJTIME_HOUR_MS + 30 * HJTIME_MINUTE_MS);
    double night = plant_output(p)->raw_m3h;
    run_to(p, &t, T_0208 + 9 * HJTIME_HOUR_MS + 30 * HJTIME_MINUTE_MS);
    double morning = plant_output(p)->raw_m3h;
    run_to(p, &t, T_0208 + 15 * HJTIME_HOUR_MS + 30 * HJTIME_MINUTE_MS);
    double afternoon = plant_output(p)->raw_m3h;
    run_to(p, &t, T_0208 + 20 * HJTIME_HOUR_MS);
    double evening = plant_output(p)->raw_m3h;
    assert_true(night < 0.6 * 2000);
    assert_true(morning > 1.25 * 2000);
    assert_true(evening > afternoon * 1.15);
    plant_free(p);
}

static void test_config(void **state)
{
    assert_int_equal(plant_profile_from_name("electroplating"), PLANT_ELECTROPLATING);
    assert_int_equal(plant_profile_from_name("steel"), -1);
    assert_string_equal(plant_profile_name(PLANT_FOOD), "food");
    assert_null(plant_profile_name(99));
    plant_cfg c;
    assert_int_equal(plant_cfg_default(&c, 99), -1);
    for (int i = 0; i < PLANT_PROFILE_COUNT; i++) {
        assert_int_equal(plant_cfg_default(&c, i), 0);
        assert_int_equal(plant_cfg_check(&c, NULL, 0), 0);
        assert_true(c.effluent.cod < c.raw.cod && c.effluent.nh3n < c.raw.nh3n);
        assert_true(c.effluent.ph >= 6 && c.effluent.ph <= 9);
    }
    plant_shift s;
    assert_int_equal(plant_parse_shift("08:00-20:00", &s), 0);
    assert_int_equal(s.start_min, 480);
    assert_int_equal(s.end_min, 1200);
    assert_int_equal(plant_parse_shift("00:00-24:00", &s), 0);
    assert_int_equal(s.end_min, 1440);
    static const char *bad[] = {"8:00-20:00",  "08:00-08:00", "08:00 20:00",  "08:00-24:01",
                                "24:00-08:00", "08:60-20:00", "08:00-20:00x", "",
                                "08:00-00:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(plant_parse_shift(bad[i], &s), -1);
    plant_cfg_default(&c, PLANT_DYEING);
    assert_int_equal(c.nproduction, 1);
    assert_int_equal(plant_cfg_add_facility(&c, PLANT_FAC_PRODUCTION, "dye_vat"), 0);
    assert_int_equal(plant_cfg_add_facility(&c, PLANT_FAC_PRODUCTION, "stenter"), 0);
    assert_int_equal(c.nproduction, 2); /* replaced the default "line1" */
    assert_string_equal(c.production[0], "dye_vat");
    assert_int_equal(
        plant_cfg_add_facility(&c, PLANT_FAC_TREATMENT, "a_name_far_too_long_for_the_meter_table"),
        -1);
    assert_int_equal(c.ntreatment, 2);
    char err[128] = "";
    c.noise = 2;
    assert_int_equal(plant_cfg_check(&c, err, sizeof err), -(int)WMSG_CFG_PLANT_NOISE);
    assert_string_equal(err, "plant: noise must be 0 .. 1");
    assert_null(plant_new(&c, 1, 0, 0, err, sizeof err));
    c.noise = 0.1;
    c.effluent.ph = 15;
    assert_int_equal(plant_cfg_check(&c, err, sizeof err), -(int)WMSG_CFG_PLANT_EFFLUENT);
    assert_string_equal(err, "plant: effluent quality out of range");
    plant_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_production_stop),
        cmocka_unit_test(test_treatment_stop),
        cmocka_unit_test(test_facility_off),
        cmocka_unit_test(test_bypass),
        cmocka_unit_test(test_upset),
        cmocka_unit_test(test_noise_statistics),
        cmocka_unit_test(test_municipal_pattern),
        cmocka_unit_test(test_profile_means),
        cmocka_unit_test(test_shift_normalised),
        cmocka_unit_test(test_effluent_above_raw),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
