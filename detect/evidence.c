/*
 * evidence.c — the language tables (see evidence.h).
 */
#include "evidence.h"

#include <stdarg.h>
#include <stdio.h>

#define EVIDENCE_ROW(id, text) [id] = text,
static const char *const TEXT_EN[EV__COUNT] = {EVIDENCE_EN(EVIDENCE_ROW)};
static const char *const TEXT_ZH[EV__COUNT] = {EVIDENCE_ZH(EVIDENCE_ROW)};
#undef EVIDENCE_ROW

/* every id once in the Chinese table too (a repeated one: -Woverride-init) */
enum {
#define EVIDENCE_ZH_ID(id, text) ZH_##id,
    EVIDENCE_ZH(EVIDENCE_ZH_ID)
#undef EVIDENCE_ZH_ID
        EV_ZH__COUNT
};
_Static_assert((int)EV_ZH__COUNT == (int)EV__COUNT, "every text in both languages");

const char *evidence_word_en(evidence_id id)
{
    return (unsigned)id < EV__COUNT ? TEXT_EN[id] : "";
}

const char *evidence_word_zh(evidence_id id)
{
    return (unsigned)id < EV__COUNT ? TEXT_ZH[id] : "";
}

/* The formats are the tables' (not literals at the call): their arguments are checked by
 * tests/rules/test_evidence.c, which compares the conversions of both languages. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void format(char *out, size_t cap, const char *fmt, va_list ap)
{
    vsnprintf(out, cap, fmt, ap);
}
#pragma GCC diagnostic pop

void evidence_en(char *out, size_t cap, evidence_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    format(out, cap, evidence_word_en(id), ap);
    va_end(ap);
}

void evidence_zh(char *out, size_t cap, evidence_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    format(out, cap, evidence_word_zh(id), ap);
    va_end(ap);
}
