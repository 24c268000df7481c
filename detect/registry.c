/*
 * registry.c — station registry from a JSON array (format in registry.h).
 */
#include "registry.h"

#include "hj212-sm4.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGISTRY_MAX_FILE (16u << 20) /* a stations file larger than this is refused */

struct registry {
    registry_station *st; /* sorted by mn */
    hj212_cipher **ciphers;
    size_t n;
};

static int cmp_station(const void *a, const void *b)
{
    return strcmp(((const registry_station *)a)->mn, ((const registry_station *)b)->mn);
}

void registry_free(registry *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++)
        hj212_sm4_free(r->ciphers[i]);
    free(r->ciphers);
    free(r->st);
    free(r);
}

size_t registry_count(const registry *r)
{
    return r ? r->n : 0;
}

static const char *get_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

registry *registry_parse(const char *json, char *err, size_t errlen)
{
    cJSON *root = cJSON_Parse(json);
    registry *r = NULL;
    if (!cJSON_IsArray(root)) {
        snprintf(err, errlen, "not a JSON array of stations");
        goto fail;
    }
    size_t n = (size_t)cJSON_GetArraySize(root);
    r = calloc(1, sizeof *r);
    if (!r) goto oom;
    r->st = calloc(n ? n : 1, sizeof *r->st);
    r->ciphers = calloc(n ? n : 1, sizeof *r->ciphers);
    if (!r->st || !r->ciphers) goto oom;
    size_t i = 0;
    const cJSON *e = NULL;
    cJSON_ArrayForEach(e, root)
    {
        registry_station *s = &r->st[i];
        if (!cJSON_IsObject(e)) {
            snprintf(err, errlen, "entry %zu: not an object", i + 1);
            goto fail;
        }
        const char *mn = get_string(e, "mn"), *pw = get_string(e, "pw");
        const char *key = get_string(e, "key");
        const cJSON *proto = cJSON_GetObjectItemCaseSensitive(e, "protocol");
        if (!mn || !*mn || strlen(mn) > 24) {
            snprintf(err, errlen, "entry %zu: \"mn\" missing or not 1..24 characters", i + 1);
            goto fail;
        }
        if (!pw || !*pw || strlen(pw) > 6) {
            snprintf(err, errlen, "entry %zu: \"pw\" missing or not 1..6 characters", i + 1);
            goto fail;
        }
        s->protocol = 2017;
        if (proto) {
            if (!cJSON_IsNumber(proto) ||
                (proto->valuedouble != 2017.0 && proto->valuedouble != 2025.0)) {
                snprintf(err, errlen, "entry %zu: \"protocol\" must be 2017 or 2025", i + 1);
                goto fail;
            }
            s->protocol = (int)proto->valuedouble;
        }
        if (key) {
            unsigned char k[16];
            if (hj212_sm4_key_parse(key, k) != 0) {
                snprintf(err, errlen, "entry %zu: \"key\" must be 32 hex digits", i + 1);
                goto fail;
            }
            r->ciphers[i] = hj212_sm4_new(k);
            if (!r->ciphers[i]) {
                snprintf(err, errlen, "entry %zu: SM4 not available", i + 1);
                r->n = i;
                goto fail;
            }
            s->cipher = r->ciphers[i];
        }
        snprintf(s->mn, sizeof s->mn, "%s", mn);
        snprintf(s->pw, sizeof s->pw, "%s", pw);
        i++;
        r->n = i;
    }
    /* ciphers[] keeps ownership in file order; the sorted entries point into it */
    qsort(r->st, r->n, sizeof *r->st, cmp_station);
    for (size_t k = 1; k < r->n; k++) {
        if (strcmp(r->st[k - 1].mn, r->st[k].mn) == 0) {
            snprintf(err, errlen, "MN %s listed twice", r->st[k].mn);
            goto fail;
        }
    }
    cJSON_Delete(root);
    return r;
oom:
    snprintf(err, errlen, "out of memory");
fail:
    cJSON_Delete(root);
    registry_free(r);
    return NULL;
}

registry *registry_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return NULL;
    }
    char *buf = malloc(REGISTRY_MAX_FILE + 1);
    size_t n = buf ? fread(buf, 1, REGISTRY_MAX_FILE + 1, f) : 0;
    fclose(f);
    if (!buf || n > REGISTRY_MAX_FILE) {
        snprintf(err, errlen, "%s: %s", path, buf ? "too large" : "out of memory");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    char sub[200] = "";
    registry *r = registry_parse(buf, sub, sizeof sub);
    free(buf);
    if (!r) snprintf(err, errlen, "%s: %s", path, sub);
    return r;
}

const registry_station *registry_find(const registry *r, const char *mn, size_t mnlen)
{
    if (!r || mnlen > 24) return NULL;
    char key[25];
    memcpy(key, mn, mnlen);
    key[mnlen] = '\0';
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, r->st[mid].mn);
        if (c == 0) return &r->st[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
