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

/* "limits": {"w01018": 200, ...} into s; 0, or -1 with err. */
static int parse_limits(registry_station *s, const cJSON *o, size_t entry, char *err, size_t errlen)
{
    s->has_limits = 1;
    const cJSON *l = NULL;
    cJSON_ArrayForEach(l, o)
    {
        size_t len = strlen(l->string);
        if (!cJSON_IsNumber(l) || s->nlimits == REGISTRY_MAX_LIMITS || !len ||
            len >= REGISTRY_CODE) {
            snprintf(err, errlen,
                     "entry %zu: \"limits\" must map at most %d codes (1..%d characters) to "
                     "numbers",
                     entry, REGISTRY_MAX_LIMITS, REGISTRY_CODE - 1);
            return -1;
        }
        registry_limit *x = &s->limits[s->nlimits++];
        snprintf(x->code, sizeof x->code, "%s", l->string);
        x->value = l->valuedouble;
    }
    return 0;
}

/* "production_meters": ["ea1001", ...] into s; 0, or -1 with err. */
static int parse_meters(registry_station *s, const cJSON *a, size_t entry, char *err, size_t errlen)
{
    s->has_meters = 1;
    const cJSON *m = NULL;
    cJSON_ArrayForEach(m, a)
    {
        size_t len = cJSON_IsString(m) ? strlen(m->valuestring) : 0;
        if (!len || len >= REGISTRY_CODE || s->nmeters == REGISTRY_MAX_METERS) {
            snprintf(err, errlen,
                     "entry %zu: \"production_meters\" must list at most %d codes (1..%d "
                     "characters)",
                     entry, REGISTRY_MAX_METERS, REGISTRY_CODE - 1);
            return -1;
        }
        snprintf(s->production_meters[s->nmeters++], REGISTRY_CODE, "%s", m->valuestring);
    }
    return 0;
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
            snprintf(s->key, sizeof s->key, "%s", key);
        }
        const cJSON *limits = cJSON_GetObjectItemCaseSensitive(e, "limits");
        const cJSON *meters = cJSON_GetObjectItemCaseSensitive(e, "production_meters");
        if (limits && (!cJSON_IsObject(limits) || parse_limits(s, limits, i + 1, err, errlen))) {
            if (!cJSON_IsObject(limits))
                snprintf(err, errlen, "entry %zu: \"limits\" must be an object", i + 1);
            r->n = i + 1; /* its cipher is freed with the others */
            goto fail;
        }
        if (meters && (!cJSON_IsArray(meters) || parse_meters(s, meters, i + 1, err, errlen))) {
            if (!cJSON_IsArray(meters))
                snprintf(err, errlen, "entry %zu: \"production_meters\" must be an array", i + 1);
            r->n = i + 1;
            goto fail;
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

int registry_write(FILE *out, const registry_station *st, size_t n)
{
    int rc = fputs("[\n", out) < 0 ? -1 : 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const registry_station *s = &st[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) return -1;
        cJSON_AddStringToObject(o, "mn", s->mn);
        cJSON_AddStringToObject(o, "pw", s->pw);
        cJSON_AddNumberToObject(o, "protocol", s->protocol);
        if (s->key[0]) cJSON_AddStringToObject(o, "key", s->key);
        if (s->has_limits) {
            cJSON *l = cJSON_AddObjectToObject(o, "limits");
            for (size_t k = 0; l && k < s->nlimits; k++)
                cJSON_AddNumberToObject(l, s->limits[k].code, s->limits[k].value);
        }
        if (s->has_meters) {
            cJSON *m = cJSON_AddArrayToObject(o, "production_meters");
            for (size_t k = 0; m && k < s->nmeters; k++)
                cJSON_AddItemToArray(m, cJSON_CreateString(s->production_meters[k]));
        }
        char *t = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        if (!t || fprintf(out, "  %s%s\n", t, i + 1 < n ? "," : "") < 0) rc = -1;
        cJSON_free(t);
    }
    if (rc == 0 && fputs("]\n", out) < 0) rc = -1;
    return rc;
}
