/*
 * evidence.h — the detection rules' texts by language: one table per language
 * (evidence-en.h, evidence-zh.h, X-macro lists under the same ids). An evidence line is
 * made in each language from its own table with the arguments that language wants (names
 * and pieces of text from the same tables).
 */
#ifndef EVIDENCE_H
#define EVIDENCE_H

#include "evidence-en.h"
#include "evidence-zh.h"

#include <stddef.h>

typedef enum evidence_id {
#define EVIDENCE_ID(id, text) id,
    EVIDENCE_EN(EVIDENCE_ID)
#undef EVIDENCE_ID
        EV__COUNT
} evidence_id;

/* A text as it is (a name, a piece of a line). */
const char *evidence_word_en(evidence_id id);
const char *evidence_word_zh(evidence_id id);

/* The text of id formatted (printf) with the arguments that follow into out (cap bytes,
 * cut if longer). */
void evidence_en(char *out, size_t cap, evidence_id id, ...);
void evidence_zh(char *out, size_t cap, evidence_id id, ...);

#endif
