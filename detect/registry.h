/*
 * registry.h — the platform's station registry: MN, PW, protocol, optional SM4 key.
 *
 * File format (--stations): a JSON array of objects
 *   [{"mn": "33040001DYE0001", "pw": "123456", "protocol": 2017},
 *    {"mn": "33040001DYE0002", "pw": "654321", "protocol": 2025,
 *     "key": "0123456789ABCDEF0123456789ABCDEF"}]
 * mn: 1..24 characters; pw: 1..6 characters; protocol: 2017 or 2025 (default 2017);
 * key: 32 hex digits, the SM4 key of a station that encrypts CP (HJ 212-2025).
 * A duplicate MN is an error.
 */
#ifndef REGISTRY_H
#define REGISTRY_H

#include "hj212.h"

#include <stddef.h>

typedef struct registry registry;

typedef struct registry_station {
    char mn[25];
    char pw[7];
    int protocol;               /* 2017 or 2025 */
    const hj212_cipher *cipher; /* SM4 for this station's key, or NULL; owned by registry */
} registry_station;

/* Loads the file. NULL on failure with err filled ("entry 3: pw missing"). */
registry *registry_load(const char *path, char *err, size_t errlen);
/* Parses a JSON text (the same format); for tests and embedding. */
registry *registry_parse(const char *json, char *err, size_t errlen);
void registry_free(registry *r);
size_t registry_count(const registry *r);
/* The station with this MN, or NULL. */
const registry_station *registry_find(const registry *r, const char *mn, size_t mnlen);

#endif
