/*
 * test_evidence.c — the rules' language tables (detect/evidence*.h): every text in both
 * languages, and the printf conversions of a text take the same arguments in English and
 * Chinese (the same kinds, each language in its own order), since the compiler cannot
 * check formats that come from a table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "evidence.h"
#include "hjcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int kind_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The conversions of fmt as a sorted string of their kinds ("d", "lld", "s", "f", "c"...);
 * -1 for one a text must not hold. */
static int kinds(const char *fmt, char *out, size_t cap)
{
    char list[32][8];
    size_t n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == '%') continue;
        while (strchr("+- #0", *p))
            p++;
        while ((*p >= '0' && *p <= '9') || *p == '.')
            p++;
        char kind[8] = "";
        size_t k = 0;
        while (strchr("hlLzjt", *p) && k < 3)
            kind[k++] = *p++;
        if (!strchr("dicsfgeuxX", *p) || n == 32) return -1; /* %n, %*, %$ ... */
        kind[k++] = *p == 'i' ? 'd' : (*p == 'g' || *p == 'e') ? 'f' : *p;
        kind[k] = '\0';
        snprintf(list[n++], sizeof list[0], "%s", kind);
    }
    qsort(list, n, sizeof list[0], kind_cmp);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, list[i], cap - strlen(out) - 2);
        strncat(out, " ", cap - strlen(out) - 1);
    }
    return (int)n;
}

static void test_same_arguments(void **state)
{
    (void)state;
    for (int id = 0; id < EV__COUNT; id++) {
        const char *en = evidence_word_en((evidence_id)id), *zh = evidence_word_zh((evidence_id)id);
        assert_non_null(en);
        assert_non_null(zh);
        char ke[256], kz[256];
        int ne = kinds(en, ke, sizeof ke), nz = kinds(zh, kz, sizeof kz);
        if (ne < 0 || nz < 0 || strcmp(ke, kz) != 0)
            fail_msg("text %d: \"%s\" [%s] vs \"%s\" [%s]", id, en, ke, zh, kz);
    }
}

/* Formatting: both languages, cut to the buffer, never past it. */
static void test_format(void **state)
{
    (void)state;
    char en[320], zh[320];
    evidence_en(en, sizeof en, EV_SUDDEN_DROP, hjcode_at(HJCODE_COD)->name_en, "182", "41", "mg/L",
                -77.0, "");
    evidence_zh(zh, sizeof zh, EV_SUDDEN_DROP, hjcode_at(HJCODE_COD)->short_zh, "182", "41", "mg/L",
                -77.0, evidence_word_zh(EV_AFTER_EXCEEDANCE));
    assert_string_equal(en, "COD 182 → 41 mg/L (-77%) in one cycle");
    assert_string_equal(zh, "COD 从 182 降至 41 mg/L（-77%），一个周期内，紧接超标值之后");
    char small[8];
    evidence_en(small, sizeof small, EV_DOOR_CARD, "10:01", 12UL);
    assert_string_equal(small, "door op");
    assert_string_equal(hjcode_at(HJCODE_NH3N)->short_zh, "氨氮");
    assert_string_equal(evidence_word_en(EV__COUNT), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_arguments),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
