/*
 * hjfraud.h — the fraud catalogue (FRAUD-CATALOGUE.md): the `type` strings of truth.json
 * and alerts.jsonl, in catalogue order, with the signals each moves and a name and a
 * one-line description in English and in Chinese.
 *
 * One table for the range (hjfraud-tab.h): the scorer checks types against it, the
 * scenario API checks truth types against it and hands it to Lua (hjrange.fraud_types,
 * the fraud library's `fraud.types`), `hjrange list` prints it, the view and the text
 * reports name types from it. The keys are a contract; the names and descriptions are
 * texts for people. Gas types (GAS.md) join as rows. Everything returned is static and
 * borrowed. Dependencies: libc.
 */
#ifndef HJFRAUD_H
#define HJFRAUD_H

#include <stddef.h>

#include "hjfraud-tab.h"

/* The types, in catalogue order: hjfraud_at(HJFRAUD_TAP_WATER_DILUTION). */
/* clang-format off */
typedef enum hjfraud_id {
#define HJFRAUD_ENUM(id, key, signals, kinds, en, zh, sen, szh) HJFRAUD_##id,
    HJFRAUD_TABLE(HJFRAUD_ENUM)
#undef HJFRAUD_ENUM
    HJFRAUD__COUNT
} hjfraud_id;
/* clang-format on */

typedef struct hjfraud {
    const char *key;     /* "sample_cup_injection" */
    const char *signals; /* the catalogue's signal letters: "C St Dr V" */
    const char *kinds;   /* the stations it is staged at: "w" wastewater, "g" gas, "v" VOCs */
    const char *name_en, *name_zh;
    const char *summary_en, *summary_zh; /* what is done on site, one line */
} hjfraud;

/* How many types the catalogue has (HJFRAUD__COUNT). */
size_t hjfraud_count(void);
/* Type i in catalogue order; NULL past the end. */
const hjfraud *hjfraud_at(size_t i);
/* The type with this key; NULL when key is not a catalogue type ("unknown" is not). */
const hjfraud *hjfraud_find(const char *key);
/* The type's index (its hjfraud_id). */
int hjfraud_index(const hjfraud *t);
/* The keys in catalogue order, NULL-terminated (for "did you mean" lists). */
const char *const *hjfraud_keys(void);
/* Whether the type is staged at stations of this kind: 'w' wastewater, 'g' flue gas,
 * 'v' VOCs. */
int hjfraud_at_kind(const hjfraud *t, char kind);
/* The type's name in a language: zh != 0 Chinese, else English. */
const char *hjfraud_name(const hjfraud *t, int zh);

#endif
