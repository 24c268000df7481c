/* hjcode: the code table — lookups, families, decimals, the table's own consistency. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hjcode.h"

static void test_water(void **state)
{
    (void)state;
    static const struct {
        int id;
        const char *code, *alias;
        int decimals, cou, cou_decimals;
    } want[] = {
        {HJCODE_FLOW, "w00000", "flow", 3, HJCODE_COU_M3, 3},
        {HJCODE_PH, "w01001", "ph", 2, HJCODE_COU_NONE, 0},
        {HJCODE_TEMP, "w01010", "temp", 1, HJCODE_COU_NONE, 0},
        {HJCODE_COND, "w01014", "cond", 1, HJCODE_COU_NONE, 0},
        {HJCODE_COD, "w01018", "cod", 2, HJCODE_COU_KG, 4},
        {HJCODE_TOC, "w01020", "toc", 2, HJCODE_COU_KG, 4},
        {HJCODE_TN, "w21001", "tn", 3, HJCODE_COU_KG, 4},
        {HJCODE_NH3N, "w21003", "nh3n", 3, HJCODE_COU_KG, 4},
        {HJCODE_TP, "w21011", "tp", 3, HJCODE_COU_KG, 4},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const hjcode *c = hjcode_at((size_t)want[i].id);
        assert_non_null(c);
        assert_string_equal(c->code, want[i].code);
        assert_string_equal(c->alias, want[i].alias);
        assert_int_equal(c->kind, HJCODE_WATER);
        assert_int_equal(c->decimals, want[i].decimals);
        assert_int_equal(c->cou, want[i].cou);
        assert_int_equal(c->cou_decimals, want[i].cou_decimals);
        assert_ptr_equal(hjcode_find(want[i].code), c);
        assert_ptr_equal(hjcode_by_alias(want[i].alias), c);
        assert_ptr_equal(hjcode_lookup(want[i].code), c);
        assert_ptr_equal(hjcode_lookup(want[i].alias), c);
        assert_int_equal(hjcode_index(c), want[i].id);
    }
    const hjcode *cod = hjcode_at(HJCODE_COD);
    assert_string_equal(cod->symbol, "COD");
    assert_string_equal(cod->unit, "mg/L");
    assert_string_equal(hjcode_name(cod, 1), "化学需氧量");
    assert_string_equal(hjcode_name(cod, 0), "COD");
    assert_string_equal(hjcode_name(hjcode_at(HJCODE_NH3N), 1), "氨氮");
    /* running Chinese text: COD and TOC by their symbols, the others by name */
    static const char *const short_zh[][2] = {
        {"w01018", "COD"},  {"w01020", "TOC"},  {"w21003", "氨氮"}, {"w21011", "总磷"},
        {"w21001", "总氮"}, {"w00000", "流量"}, {"w01001", "pH"},   {"w01014", "电导率"}};
    for (size_t i = 0; i < sizeof short_zh / sizeof short_zh[0]; i++)
        assert_string_equal(hjcode_find(short_zh[i][0])->short_zh, short_zh[i][1]);
    assert_string_equal(hjcode_name(hjcode_at(HJCODE_FLOW), 0), "flow");
    assert_null(hjcode_at(HJCODE_FLOW)->symbol);
    assert_string_equal(hjcode_at(HJCODE_FLOW)->unit, "L/s");
    /* the packet order of the DAU: water codes sorted by code */
    for (int i = HJCODE_FLOW + 1; i <= HJCODE_TP; i++)
        assert_true(strcmp(hjcode_at((size_t)i - 1)->code, hjcode_at((size_t)i)->code) < 0);
}

static void test_families(void **state)
{
    (void)state;
    char b[16];
    const hjcode *cur = hjcode_at(HJCODE_CURRENT);
    assert_int_equal(hjcode_format(cur, 1, b, sizeof b), 6);
    assert_string_equal(b, "ea1001");
    assert_int_equal(hjcode_format(cur, 16, b, sizeof b), 6);
    assert_string_equal(b, "ea1016");
    assert_int_equal(hjcode_format(hjcode_at(HJCODE_CAM_SCORE), 2, b, sizeof b), 6);
    assert_string_equal(b, "ec2005");
    assert_int_equal(hjcode_format(hjcode_at(HJCODE_DOOR), 7, b, sizeof b), 6);
    assert_string_equal(b, "ed1001");
    assert_int_equal(hjcode_format(hjcode_at(HJCODE_COD), 0, b, sizeof b), 6);
    assert_string_equal(b, "w01018");
    assert_int_equal(hjcode_format(cur, 1, b, 6), -1); /* no room for the NUL */
    assert_string_equal(b, "");
    assert_ptr_equal(hjcode_find("ea1003"), cur);
    assert_ptr_equal(hjcode_find("ea1016"), cur);
    assert_ptr_equal(hjcode_find("ec1001"), hjcode_at(HJCODE_CAM_DEV));
    assert_ptr_equal(hjcode_find("ec2004"), hjcode_at(HJCODE_CAM_COVER));
    assert_ptr_equal(hjcode_find("ed1001"), hjcode_at(HJCODE_DOOR));
    static const char *const bad[] = {"ea1000",  "ea13",   "ea10003", "ea1%03d", "ec001",
                                      "ec01001", "ecx001", "ec1006",  "w0101",   "W01018",
                                      "cod",     "",       "i13002",  "ea1-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hjcode_find(bad[i])) fail_msg("found \"%s\"", bad[i]);
    assert_null(hjcode_find(NULL));
    assert_null(hjcode_lookup("COD"));
    assert_null(hjcode_by_alias("w01018"));
}

static void test_info(void **state)
{
    (void)state;
    static const struct {
        int id;
        const char *code;
        int decimals;
    } want[] = {{HJCODE_I_LOG, "i11001", -1},       {HJCODE_I_STATE, "i12001", 0},
                {HJCODE_I_ALARM, "i12003", 0},      {HJCODE_I_RANGE, "i13001", 3},
                {HJCODE_I_INTERVAL, "i13003", 0},   {HJCODE_I_DIGEST_T, "i13004", 1},
                {HJCODE_I_DIGEST_MIN, "i13005", 0}, {HJCODE_I_CAL_TIME, "i13006", -1},
                {HJCODE_I_INTERCEPT, "i13007", 4},  {HJCODE_I_SLOPE, "i13008", 4},
                {HJCODE_I_DL, "i13009", 4},         {HJCODE_I_TOC_K, "i13013", 4},
                {HJCODE_I_DOOR_LOG, "i31001", -1},  {HJCODE_I_DOOR_STATE, "i32001", 0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const hjcode *c = hjcode_find(want[i].code);
        assert_ptr_equal(c, hjcode_at((size_t)want[i].id));
        assert_int_equal(c->kind, HJCODE_INFO);
        assert_int_equal(c->decimals, want[i].decimals);
    }
    assert_string_equal(hjcode_at(HJCODE_I_SLOPE)->name_zh, "斜率");
    assert_string_equal(hjcode_at(HJCODE_I_TOC_K)->name_en, "TOC-to-COD factor");
}

/* The gas rows (GAS.md), appended after the others: codes, short names, units, decimals. */
static void test_gas(void **state)
{
    (void)state;
    static const struct {
        int id;
        const char *code, *alias, *unit;
        int decimals, cou;
    } want[] = {
        {HJCODE_GAS_FLOW, "a00000", "flue_flow", "m3/h", 2, HJCODE_COU_M3},
        {HJCODE_GAS_VELOCITY, "a01011", "velocity", "m/s", 2, HJCODE_COU_NONE},
        {HJCODE_GAS_TEMP, "a01012", "flue_temp", "degC", 1, HJCODE_COU_NONE},
        {HJCODE_GAS_PRESSURE, "a01013", "flue_pressure", "kPa", 3, HJCODE_COU_NONE},
        {HJCODE_GAS_HUMIDITY, "a01014", "humidity", "%", 2, HJCODE_COU_NONE},
        {HJCODE_CO2, "a05001", "co2", "%", 2, HJCODE_COU_NONE},
        {HJCODE_CH4, "a05002", "ch4", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_O2, "a19001", "o2", "%", 2, HJCODE_COU_NONE},
        {HJCODE_NOX, "a21002", "nox", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_NO, "a21003", "no", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_NO2, "a21004", "no2", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_CO, "a21005", "co", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_SO2, "a21026", "so2", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_THC, "a24087", "thc", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_NMHC, "a24088", "nmhc", "mg/m3", 3, HJCODE_COU_KG},
        {HJCODE_PM, "a34013", "pm", "mg/m3", 3, HJCODE_COU_KG},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const hjcode *c = hjcode_at((size_t)want[i].id);
        assert_non_null(c);
        assert_string_equal(c->code, want[i].code);
        assert_string_equal(c->alias, want[i].alias);
        assert_string_equal(c->unit, want[i].unit);
        assert_int_equal(c->kind, HJCODE_GAS);
        assert_int_equal(c->decimals, want[i].decimals);
        assert_int_equal(c->cou, want[i].cou);
        assert_ptr_equal(hjcode_find(want[i].code), c);
        assert_ptr_equal(hjcode_lookup(want[i].alias), c);
        assert_int_equal(hjcode_index(c), want[i].id);
    }
    /* appended after the rows that were there: water and the rest keep their places */
    assert_true(HJCODE_GAS_FLOW == HJCODE_I_DOOR_STATE + 1);
    assert_int_equal(HJCODE_I_DOOR_STATE, 29);
    /* the packet order: gas codes sorted by code */
    for (int i = HJCODE_GAS_FLOW + 1; i <= HJCODE_PM; i++)
        assert_true(strcmp(hjcode_at((size_t)i - 1)->code, hjcode_at((size_t)i)->code) < 0);
    assert_string_equal(hjcode_at(HJCODE_SO2)->name_zh, "二氧化硫");
    assert_string_equal(hjcode_at(HJCODE_NMHC)->symbol, "NMHC");
    assert_string_equal(hjcode_name(hjcode_at(HJCODE_O2), 0), "O2");
    assert_string_equal(hjcode_at(HJCODE_GAS_FLOW)->name_en, "flue-gas flow");
    /* the water short names still find water rows */
    assert_ptr_equal(hjcode_lookup("temp"), hjcode_at(HJCODE_TEMP));
    assert_ptr_equal(hjcode_lookup("flow"), hjcode_at(HJCODE_FLOW));
    static const struct {
        int id;
        const char *code;
    } info[] = {{HJCODE_I_LINE_T, "i33001"}, {HJCODE_I_CHILLER_T, "i33002"}};
    for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
        const hjcode *c = hjcode_find(info[i].code);
        assert_ptr_equal(c, hjcode_at((size_t)info[i].id));
        assert_int_equal(c->kind, HJCODE_INFO);
        assert_string_equal(c->unit, "degC");
        assert_int_equal(c->decimals, 1);
        assert_null(c->alias);
    }
}

/* Every row is filled, codes are unique, no family shadows a plain code. */
static void test_table(void **state)
{
    (void)state;
    assert_int_equal(hjcode_count(), HJCODE__COUNT);
    assert_null(hjcode_at(HJCODE__COUNT));
    for (size_t i = 0; i < hjcode_count(); i++) {
        const hjcode *c = hjcode_at(i);
        assert_non_null(c->code);
        assert_non_null(c->name_en);
        assert_non_null(c->name_zh);
        assert_non_null(c->short_zh);
        assert_non_null(c->unit);
        assert_true(c->kind >= HJCODE_WATER && c->kind <= HJCODE_INFO);
        assert_true(c->decimals >= -1 && c->decimals <= 6);
        assert_true(c->cou == HJCODE_COU_NONE || c->kind == HJCODE_WATER || c->kind == HJCODE_GAS);
        char b[16];
        assert_true(hjcode_format(c, 1, b, sizeof b) > 0);
        assert_ptr_equal(hjcode_find(b), c);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(c->code, hjcode_at(j)->code);
            if (c->alias && hjcode_at(j)->alias)
                assert_string_not_equal(c->alias, hjcode_at(j)->alias);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_water), cmocka_unit_test(test_families), cmocka_unit_test(test_info),
        cmocka_unit_test(test_gas),   cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
