/*
 * registry.h — the platform's station registry: MN, PW, protocol, optional SM4 key, and
 * the site facts the HJ 212 stream does not carry: discharge limits and which current
 * meters are production facilities (the detection engine's per-station settings).
 *
 * File format (--stations): a JSON array of objects
 *   [{"mn": "33040001DYE0001", "pw": "123456", "protocol": 2017},
 *    {"mn": "33040001DYE0002", "pw": "654321", "protocol": 2025,
 *     "key": "0123456789ABCDEF0123456789ABCDEF",
 *     "limits": {"w01018": 200, "w21003": 20}, "production_meters": ["ea1001", "ea1002"]}]
 * mn: 1..24 characters; pw: 1..6 characters; protocol: 2017 or 2025 (default 2017);
 * key: 32 hex digits, the SM4 key of a station that encrypts CP (HJ 212-2025);
 * limits: discharge limits by code (at most REGISTRY_MAX_LIMITS; a number each; codes
 * 1..11 characters); production_meters: the ea1nnn meters of production facilities (at
 * most REGISTRY_MAX_METERS; the others are treatment). Without limits / production_meters
 * the detection engine's thresholds file decides. A duplicate MN is an error.
 */
#ifndef REGISTRY_H
#define REGISTRY_H

#include "hj212.h"

#include <stddef.h>
#include <stdio.h>

typedef struct registry registry;

#define REGISTRY_MAX_LIMITS 8
#define REGISTRY_MAX_METERS 16
#define REGISTRY_CODE       12 /* a code (w01018, ea1001) with its NUL */

typedef struct registry_limit {
    char code[REGISTRY_CODE];
    double value;
} registry_limit;

typedef struct registry_station {
    char mn[25];
    char pw[7];
    int protocol;               /* 2017 or 2025 */
    const hj212_cipher *cipher; /* SM4 for this station's key, or NULL; owned by registry */
    char key[33];               /* the key as written (32 hex digits), "" when none */
    int has_limits;             /* "limits" given (possibly empty) */
    size_t nlimits;
    registry_limit limits[REGISTRY_MAX_LIMITS];
    int has_meters; /* "production_meters" given (possibly empty) */
    size_t nmeters;
    char production_meters[REGISTRY_MAX_METERS][REGISTRY_CODE];
} registry_station;

/* Loads the file. NULL on failure with err filled ("entry 3: pw missing"). */
registry *registry_load(const char *path, char *err, size_t errlen);
/* Parses a JSON text (the same format); for tests and embedding. */
registry *registry_parse(const char *json, char *err, size_t errlen);
void registry_free(registry *r);
size_t registry_count(const registry *r);
/* The station with this MN, or NULL. */
const registry_station *registry_find(const registry *r, const char *mn, size_t mnlen);

/* Writes stations in the file format, one station a line ("[", "  {...},", "]"); cipher is
 * not read (key is). 0, or -1 when writing failed. */
int registry_write(FILE *out, const registry_station *st, size_t n);

#endif
