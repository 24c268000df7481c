/*
 * records.c — records.jsonl reader (see records.h).
 */
#include "records.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORDS_MAX_FILE (256u << 20) /* a larger records file is refused */

static const char *get_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* Stores one line; returns 1 work order stored, 2 lab result stored, 0 duplicate, -1 bad
 * (reported). */
static int one_line(store *s, unsigned long no, const char *line, records_report_fn report,
                    void *ctx, const records_sink *sink)
{
    cJSON *o = cJSON_Parse(line);
    int rc = -1;
    if (!cJSON_IsObject(o)) {
        report(ctx, no, RECORDS_E_JSON, NULL);
        goto out;
    }
    const char *kind = get_str(o, "kind");
    const char *mn = get_str(o, "mn");
    if (!kind || (strcmp(kind, "work_order") != 0 && strcmp(kind, "lab") != 0)) {
        report(ctx, no, RECORDS_E_KIND, kind ? kind : "");
        goto out;
    }
    if (!mn || strlen(mn) > 24) {
        report(ctx, no, RECORDS_E_FIELD, "mn");
        goto out;
    }
    if (strcmp(kind, "work_order") == 0) {
        static const char *const need[] = {"task", "start", "end", "who"};
        const char *v[4] = {NULL, NULL, NULL, NULL};
        for (int i = 0; i < 4; i++) {
            v[i] = get_str(o, need[i]);
            if (!v[i]) {
                report(ctx, no, RECORDS_E_FIELD, need[i]);
                goto out;
            }
        }
        const cJSON *filed = cJSON_GetObjectItemCaseSensitive(o, "filed");
        if (filed && !cJSON_IsString(filed)) {
            report(ctx, no, RECORDS_E_FIELD, "filed");
            goto out;
        }
        const char *when = filed ? filed->valuestring : NULL;
        rc = store_put_work_order(s, mn, v[0], v[1], v[2], v[3], when);
        if (rc == 1 && sink && sink->work_order)
            sink->work_order(sink->ctx, mn, v[0], v[1], v[2], v[3], when);
    } else {
        const char *param = get_str(o, "param"), *time = get_str(o, "time");
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(o, "value");
        if (!param || !time || !cJSON_IsNumber(value)) {
            report(ctx, no, RECORDS_E_FIELD, !param ? "param" : !time ? "time" : "value");
            goto out;
        }
        rc = store_put_lab(s, mn, param, time, value->valuedouble);
        if (rc == 1 && sink && sink->lab) sink->lab(sink->ctx, mn, param, time, value->valuedouble);
        if (rc == 1) rc = 2;
    }
    if (rc < 0) report(ctx, no, RECORDS_E_STORE, store_errmsg(s));
out:
    cJSON_Delete(o);
    return rc;
}

static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return 0;
    return 1;
}

int records_load_text(store *s, const char *text, size_t n, records_report_fn report, void *ctx,
                      const records_sink *sink, records_stats *st)
{
    records_stats local = {0, 0, 0, 0, 0};
    if (!st) st = &local;
    *st = local;
    if (store_begin(s) != 0) return -1;
    char *line = malloc(RECORDS_MAX_LINE + 1);
    if (!line) return -1;
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(text + pos, '\n', n - pos);
        size_t len = nl ? (size_t)(nl - (text + pos)) : n - pos;
        unsigned long no = ++st->lines;
        if (len > RECORDS_MAX_LINE) {
            report(ctx, no, RECORDS_E_LONG, NULL);
            st->bad++;
        } else if (!is_blank(text + pos, len)) {
            memcpy(line, text + pos, len);
            line[len] = '\0';
            if (memchr(line, '\0', len)) { /* a NUL inside the line: not JSON text */
                report(ctx, no, RECORDS_E_JSON, NULL);
                st->bad++;
            } else {
                int rc = one_line(s, no, line, report, ctx, sink);
                if (rc < 0)
                    st->bad++;
                else if (rc == 0)
                    st->duplicates++;
                else if (rc == 2)
                    st->labs++;
                else
                    st->work_orders++;
            }
        }
        pos += len + (nl ? 1 : 0);
    }
    free(line);
    return store_commit(s);
}

int records_load(store *s, const char *path, records_report_fn report, void *ctx,
                 const records_sink *sink, records_stats *st)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int rc = -1;
    while (buf) {
        if (n == cap) {
            if (cap >= RECORDS_MAX_FILE) { /* too large: refused */
                errno = EFBIG;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) break;
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (!ferror(f)) rc = 0;
            break;
        }
    }
    fclose(f);
    if (rc == 0) rc = records_load_text(s, buf, n, report, ctx, sink, st);
    free(buf);
    return rc;
}
