/*
 * test_scmsg.c — the scenario texts: templates filled (sequential and numbered
 * arguments, cut to the buffer, raised as Lua errors), both languages of every row of
 * sim/scenario/i18n-scen.h and of the run/check rows using the same arguments, "did you mean".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "scmsg.h"

static void test_format(void **state)
{
    (void)state;
    char buf[64];
    i18n_set(I18N_EN);
    size_t n = SCMSG(buf, sizeof buf, MSG_SC_WARNING_LINE, "x.lua:3: it");
    assert_string_equal(buf, "warning: x.lua:3: it");
    assert_int_equal(n, strlen(buf));
    i18n_set(I18N_ZH);
    SCMSG(buf, sizeof buf, MSG_SC_WARNING_LINE, "x.lua:3: it");
    assert_string_equal(buf, "警告：x.lua:3: it");
    i18n_set(I18N_EN);
    /* cut, NUL-terminated, the whole length returned */
    char small[8];
    n = SCMSG(small, sizeof small, MSG_SC_WARNING_LINE, "abcdef");
    assert_string_equal(small, "warning");
    assert_int_equal(n, strlen("warning: abcdef"));
    /* a missing argument reads "?" */
    n = scmsg_format(buf, sizeof buf, MSG_SC_WARNING_LINE, NULL, 0);
    assert_string_equal(buf, "warning: ?");
}

static void test_refs(void **state)
{
    (void)state;
    int idx[8];
    assert_int_equal(scmsg_refs("a %s b %s %% c", idx, 8), 2);
    assert_true(idx[0] == 1 && idx[1] == 2);
    assert_int_equal(scmsg_refs("%2$s then %1$s", idx, 8), 2);
    assert_true(idx[0] == 2 && idx[1] == 1);
    assert_int_equal(scmsg_refs("50% off", idx, 8), 0);
    assert_int_equal(scmsg_refs("%1s", idx, 8), -1);
    assert_int_equal(scmsg_refs("%0$s", idx, 8), -1);
}

/* Sorted argument references of a template, as a string ("1 2 2 3"). */
static void refs_key(const char *t, char *out, size_t n)
{
    int idx[32], k = scmsg_refs(t, idx, 32);
    assert_true(k >= 0 && k <= 32);
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
            int x = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = x;
        }
    out[0] = '\0';
    for (int i = 0; i < k; i++)
        snprintf(out + strlen(out), n - strlen(out), "%d ", idx[i]);
}

static void test_tables(void **state)
{
    (void)state;
    static const struct {
        const char *id, *en, *zh;
    } rows[] = {
#define ROW(id, en, zh) {#id, en, zh},
        I18N_MESSAGES_SCEN(ROW) I18N_MESSAGES_RUN(ROW)
#undef ROW
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char a[200], b[200];
        if (strstr(rows[i].id, "_HELP")) continue; /* help texts: no arguments, may hold % */
        refs_key(rows[i].en, a, sizeof a);
        refs_key(rows[i].zh, b, sizeof b);
        if (strcmp(a, b) != 0) fail_msg("%s: English uses [%s], Chinese [%s]", rows[i].id, a, b);
        if (!rows[i].zh[0] || !rows[i].en[0]) fail_msg("%s: an empty text", rows[i].id);
    }
}

static int raise(lua_State *L)
{
    return SCMSG_ERROR(L, MSG_SC_WARNING_LINE, lua_tostring(L, 1));
}

static void test_error(void **state)
{
    (void)state;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "raise", raise);
    assert_int_equal(luaL_loadstring(L, "\nraise('it')"), LUA_OK);
    assert_int_equal(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
    assert_string_equal(lua_tostring(L, -1), "[string \"...\"]:2: warning: it");
    lua_close(L);
}

static void test_suggest(void **state)
{
    (void)state;
    static const char *const names[] = {"sample_cup_injection", "tap_water_dilution",
                                        "frozen_value", "cod", "nh3n", "tp", NULL};
    assert_string_equal(scmsg_suggest("sample_cup_injectoin", names), "sample_cup_injection");
    assert_string_equal(scmsg_suggest("tap_water_dillution", names), "tap_water_dilution");
    assert_string_equal(scmsg_suggest("cdo", names), "cod");
    assert_string_equal(scmsg_suggest("frozen_values", names), "frozen_value");
    assert_null(scmsg_suggest("camera", names));
    assert_null(scmsg_suggest("x", names));
    assert_null(scmsg_suggest("", names));
    assert_null(scmsg_suggest("cod", names)); /* not a typo */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format), cmocka_unit_test(test_refs),
        cmocka_unit_test(test_tables), cmocka_unit_test(test_error),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
