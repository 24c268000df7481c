/*
 * test_fraud.c — the fraud catalogue (score/fraud.h): 14 types with names and descriptions in
 * both languages, found by key; the scenario runtime's list of types (scen.h) is the same,
 * in the same order, until it reads this table itself.
 */
#include "fraud.h"
#include "scen.h"
#include "score.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

static int has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9) return 1; /* lead byte of U+3000..U+9FFF */
    return 0;
}

static void test_table(void **state)
{
    (void)state;
    assert_int_equal(fraud_type_count(), 14);
    assert_null(fraud_type_at(14));
    for (size_t i = 0; i < fraud_type_count(); i++) {
        const fraud_type *t = fraud_type_at(i);
        assert_non_null(t);
        assert_ptr_equal(fraud_type_find(t->key), t);
        assert_true(score_is_fraud_type(t->key));
        assert_true(t->signals[0] && t->name_en[0] && t->summary_en[0]);
        assert_false(has_cjk(t->name_en) || has_cjk(t->summary_en));
        assert_true(has_cjk(t->name_zh) && has_cjk(t->summary_zh));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(fraud_type_at(k)->key, t->key);
    }
    assert_string_equal(fraud_type_at(0)->key, "sample_cup_injection");
    assert_null(fraud_type_find("unknown"));
    assert_null(fraud_type_find(NULL));
    assert_false(score_is_fraud_type("unknown"));
}

static void test_same_as_scenario_runtime(void **state)
{
    (void)state;
    size_t n = 0;
    for (; scen_fraud_type((int)n); n++) {
        assert_non_null(fraud_type_at(n));
        assert_string_equal(scen_fraud_type((int)n), fraud_type_at(n)->key);
    }
    assert_int_equal(n, fraud_type_count());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_same_as_scenario_runtime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
