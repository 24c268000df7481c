/*
 * test_rule_table.c — the rules' tables (detect/rule.c): a descriptor for every rule id,
 * in id order, with a unique name and a family; every check a rule names runs at some
 * stage, and every check that runs raises some rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fusion.h"
#include "rule-private.h"

#include <string.h>

#define MAX_CHECKS 64

static void test_descriptors(void **state)
{
    (void)state;
    for (int id = 0; id < RULE__COUNT; id++) {
        const rule_desc *d = rule_describe((rule_id)id);
        assert_non_null(d);
        assert_int_equal(d->id, id);
        assert_string_equal(rule_name((rule_id)id), d->name);
        assert_non_null(d->checks[0]);
        assert_true(d->inputs != 0);
        for (int other = 0; other < id; other++)
            assert_string_not_equal(d->name, rule_name((rule_id)other));
        /* the context signals (door, person) have no family of their own; every data rule
         * and camera signal has one */
        if (id == RULE_DOOR_ENTRY || id == RULE_PERSON_SEEN)
            assert_int_equal(rule_family_of((rule_id)id), RULE_FAMILY_NONE);
        else
            assert_true(rule_family_of((rule_id)id) >= 0 &&
                        rule_family_of((rule_id)id) < RULE_FAMILY__COUNT);
    }
    assert_null(rule_describe(RULE__COUNT));
    assert_string_equal(rule_name(RULE__COUNT), "?");
    assert_int_equal(rule_family_of(RULE__COUNT), RULE_FAMILY_NONE);
}

static void test_checks(void **state)
{
    (void)state;
    const char *names[MAX_CHECKS];
    rule_stage stages[MAX_CHECKS];
    rule_check_fn fns[MAX_CHECKS];
    size_t n = rule_checks(names, stages, fns, MAX_CHECKS);
    assert_true(n > 0 && n <= MAX_CHECKS);
    for (size_t i = 0; i < n; i++) {
        assert_true(stages[i] >= 0 && stages[i] < RULE_STAGES);
        assert_true(names[i] && names[i][0]);
        /* grouped by stage, in the order the stages run */
        if (i) assert_true(stages[i - 1] <= stages[i]);
        int raises = 0;
        for (int id = 0; id < RULE__COUNT; id++) {
            const rule_desc *d = rule_describe((rule_id)id);
            raises |= d->checks[0] == fns[i] || d->checks[1] == fns[i];
        }
        if (!raises) fail_msg("check \"%s\" raises no rule", names[i]);
    }
    for (int id = 0; id < RULE__COUNT; id++) {
        const rule_desc *d = rule_describe((rule_id)id);
        for (int k = 0; k < 2; k++) {
            if (!d->checks[k]) continue;
            int runs = 0;
            for (size_t i = 0; i < n; i++)
                runs |= fns[i] == d->checks[k];
            if (!runs) fail_msg("a check of %s never runs", d->name);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptors),
        cmocka_unit_test(test_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
