/*
 * hjfraud.c — the fraud catalogue table (hjfraud.h), made from hjfraud-tab.h.
 */
#include "hjfraud.h"

#include <string.h>

#define HJFRAUD_ROW(id, key, signals, kinds, en, zh, sen, szh)                                     \
    [HJFRAUD_##id] = {key, signals, kinds, en, zh, sen, szh},
static const hjfraud TYPES[HJFRAUD__COUNT] = {HJFRAUD_TABLE(HJFRAUD_ROW)};
#undef HJFRAUD_ROW

#define HJFRAUD_KEY(id, key, signals, kinds, en, zh, sen, szh) key,
static const char *const KEYS[HJFRAUD__COUNT + 1] = {HJFRAUD_TABLE(HJFRAUD_KEY) NULL};
#undef HJFRAUD_KEY

size_t hjfraud_count(void)
{
    return HJFRAUD__COUNT;
}

const hjfraud *hjfraud_at(size_t i)
{
    return i < HJFRAUD__COUNT ? &TYPES[i] : NULL;
}

const hjfraud *hjfraud_find(const char *key)
{
    for (size_t i = 0; key && i < HJFRAUD__COUNT; i++)
        if (strcmp(key, TYPES[i].key) == 0) return &TYPES[i];
    return NULL;
}

int hjfraud_index(const hjfraud *t)
{
    return (int)(t - TYPES);
}

const char *const *hjfraud_keys(void)
{
    return KEYS;
}

const char *hjfraud_name(const hjfraud *t, int zh)
{
    return zh ? t->name_zh : t->name_en;
}

int hjfraud_at_kind(const hjfraud *t, char kind)
{
    return t && kind && kind != ' ' && strchr(t->kinds, kind) != NULL;
}
