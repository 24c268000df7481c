/*
 * fraud.h — the fraud catalogue (FRAUD-CATALOGUE.md): the `type` strings of truth.json and
 * alerts.jsonl, in catalogue order, with the signals each moves and a name and a one-line
 * description in English and in Chinese.
 *
 * One table for the range (fraud.c): the scorer checks types against it, `hjrange list`
 * prints it, the text reports name types from it. The keys are a contract; the names and
 * descriptions are texts for people. Everything returned is static and borrowed.
 * Depends on nothing.
 */
#ifndef FRAUD_H
#define FRAUD_H

#include <stddef.h>

typedef struct fraud_type {
    const char *key;     /* "sample_cup_injection" */
    const char *signals; /* the catalogue's signal letters: "C St Dr V" */
    const char *name_en, *name_zh;
    const char *summary_en, *summary_zh; /* what is done on site, one line */
} fraud_type;

/* How many types the catalogue has. */
size_t fraud_type_count(void);
/* Type i in catalogue order; NULL past the end. */
const fraud_type *fraud_type_at(size_t i);
/* The type with this key; NULL when key is not a catalogue type ("unknown" is not). */
const fraud_type *fraud_type_find(const char *key);

#endif
