/*
 * test_hjfraud.c — the fraud catalogue (proto/hjfraud.h): 24 types in catalogue order (14
 * water types, then GAS.md's 10 gas types), the kinds of station each is staged at, names and
 * descriptions in both languages, found by key. The Lua binding is tested with the scenario
 * runtime (tests/scen/test_scen.c, test_fraud_types).
 */
#include "hjfraud.h"

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
    assert_int_equal(hjfraud_count(), 24);
    assert_int_equal(HJFRAUD__COUNT, 24);
    assert_null(hjfraud_at(24));
    const char *const *keys = hjfraud_keys();
    for (size_t i = 0; i < hjfraud_count(); i++) {
        const hjfraud *t = hjfraud_at(i);
        assert_non_null(t);
        assert_ptr_equal(hjfraud_find(t->key), t);
        assert_int_equal(hjfraud_index(t), (int)i);
        assert_string_equal(keys[i], t->key);
        assert_true(t->signals[0] && t->name_en[0] && t->summary_en[0]);
        /* every type is staged at some kind of station, and only at the three kinds */
        assert_true(hjfraud_at_kind(t, 'w') || hjfraud_at_kind(t, 'g') || hjfraud_at_kind(t, 'v'));
        assert_int_equal(strspn(t->kinds, "wgv "), strlen(t->kinds));
        assert_false(hjfraud_at_kind(t, 'x') || hjfraud_at_kind(t, 0) || hjfraud_at_kind(t, ' '));
        assert_false(has_cjk(t->name_en) || has_cjk(t->summary_en));
        assert_true(has_cjk(t->name_zh) && has_cjk(t->summary_zh));
        assert_string_equal(hjfraud_name(t, 1), t->name_zh);
        assert_string_equal(hjfraud_name(t, 0), t->name_en);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(hjfraud_at(k)->key, t->key);
    }
    assert_null(keys[hjfraud_count()]);
    assert_null(hjfraud_find("unknown"));
    assert_null(hjfraud_find(NULL));
    assert_null(hjfraud_find("Sample_cup_injection"));
}

/* The keys (a contract of truth.json and alerts.jsonl) and the Chinese names, in order. */
static void test_keys_and_names(void **state)
{
    (void)state;
    static const char *const want[][2] = {
        {"sample_cup_injection", "样品杯注水"},
        {"tap_water_dilution", "自来水稀释"},
        {"sampling_hose_swap", "采样管调包"},
        {"camera_tampering", "干扰摄像机"},
        {"night_discharge", "夜间偷排"},
        {"analyzer_param_tamper", "篡改分析仪参数"},
        {"standard_solution_tamper", "标准溶液作假"},
        {"dau_tamper", "篡改数采仪"},
        {"flowmeter_tamper", "流量计作假"},
        {"treatment_stopped", "治理设施停运"},
        {"false_flag", "虚假标记"},
        {"transmission_cut", "断网断电"},
        {"frozen_value", "数据恒值"},
        {"bypass_discharge", "旁路偷排"},
        {"probe_dilution", "探头稀释"},
        {"o2_tamper", "篡改氧含量"},
        {"span_gas_tamper", "标气作假"},
        {"heat_trace_off", "伴热管线降温"},
        {"calibration_flag_abuse", "滥用校准标记"},
        {"fake_shutdown", "虚假停运"},
        {"flow_param_tamper", "篡改流量参数"},
        {"bypass_flue", "旁路烟道偷排"},
        {"vocs_dilution", "挥发性有机物采样稀释"},
        {"rto_bypass", "蓄热焚烧炉旁路降温"},
    };
    assert_int_equal(sizeof want / sizeof want[0], hjfraud_count());
    for (size_t i = 0; i < hjfraud_count(); i++) {
        assert_string_equal(hjfraud_at(i)->key, want[i][0]);
        assert_string_equal(hjfraud_at(i)->name_zh, want[i][1]);
    }
    assert_string_equal(hjfraud_at(HJFRAUD_SAMPLE_CUP_INJECTION)->key, "sample_cup_injection");
    assert_string_equal(hjfraud_at(HJFRAUD_TAP_WATER_DILUTION)->signals, "C Q V");
    assert_string_equal(hjfraud_at(HJFRAUD_BYPASS_DISCHARGE)->name_en, "bypass discharge");
    /* GAS.md: the water side's common types apply to gas stations; the gas types do not
     * apply to water, and the VOCs-only ones not to flue gas */
    static const int common[] = {HJFRAUD_ANALYZER_PARAM_TAMPER, HJFRAUD_DAU_TAMPER,
                                 HJFRAUD_CAMERA_TAMPERING,      HJFRAUD_FALSE_FLAG,
                                 HJFRAUD_TRANSMISSION_CUT,      HJFRAUD_FROZEN_VALUE,
                                 HJFRAUD_TREATMENT_STOPPED};
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        for (const char *k = "wgv"; *k; k++)
            assert_true(hjfraud_at_kind(hjfraud_at((size_t)common[i]), *k));
    assert_false(hjfraud_at_kind(hjfraud_at(HJFRAUD_SAMPLE_CUP_INJECTION), 'g'));
    assert_false(hjfraud_at_kind(hjfraud_at(HJFRAUD_PROBE_DILUTION), 'w'));
    assert_true(hjfraud_at_kind(hjfraud_at(HJFRAUD_PROBE_DILUTION), 'v'));
    assert_false(hjfraud_at_kind(hjfraud_at(HJFRAUD_VOCS_DILUTION), 'g'));
    assert_false(hjfraud_at_kind(hjfraud_at(HJFRAUD_O2_TAMPER), 'v'));
    /* the water types come first (the view's water room lists the first rows) */
    for (size_t i = 0; i < hjfraud_count(); i++)
        assert_int_equal(hjfraud_at_kind(hjfraud_at(i), 'w'), i <= HJFRAUD_BYPASS_DISCHARGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_keys_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
