/*
 * monitor.c — what the platform stored and raised, in bounded memory (monitor.h).
 */
#include "monitor.h"

#include "batch.h"
#include "engine.h"
#include "hjtime.h"
#include "rule.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

_Static_assert(MONITOR_EVIDENCE >= ENGINE_MAX_EVIDENCE, "every evidence line of an alert");
_Static_assert(MONITOR_EVIDENCE_TEXT >= RULE_TEXT, "a whole evidence line");

enum { MN_TEXT = 32, DATATIME_TEXT = 24 };

/* One station: its MN and what the platform holds of it. */
typedef struct mon_station {
    char mn[MN_TEXT];
    int has_data;
    char last_dt[DATATIME_TEXT]; /* the greatest DataTime stored ("" sorts first) */
    int level;
    float *val;  /* ncodes x bins: the value of the newest DataTime in the column */
    int64_t *dt; /* its DataTime (ms); INT64_MIN: none */
} mon_station;

struct monitor {
    monitor_cfg cfg;
    mtx_t mu;
    mon_station *st;
    mon_station **by_mn;                                /* the stations sorted by MN */
    char codes[MONITOR_MAX_SERIES][16];                 /* the code ... */
    char fields[MONITOR_MAX_SERIES][16];                /* ... and the field of each series */
    char packets[MONITOR_PACKETS][MONITOR_PACKET_TEXT]; /* a ring */
    size_t next_packet;
    long total_packets;
    monitor_alert alerts[MONITOR_ALERTS]; /* oldest first */
    size_t nalerts;
};

/* Bounded copy that does not cut a UTF-8 character. */
static void cpy(char *dst, size_t n, const char *src)
{
    size_t k = src ? strlen(src) : 0;
    if (n == 0) return;
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
            k--;
    }
    if (k) memmove(dst, src, k);
    dst[k] = '\0';
}

static int cmp_mn(const void *a, const void *b)
{
    return strcmp((*(mon_station *const *)a)->mn, (*(mon_station *const *)b)->mn);
}

monitor *monitor_new(const monitor_cfg *cfg)
{
    monitor *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->cfg = *cfg;
    m->cfg.mns = NULL;
    m->cfg.codes = NULL;
    if (m->cfg.ncodes > MONITOR_MAX_SERIES) m->cfg.ncodes = MONITOR_MAX_SERIES;
    if (m->cfg.bins < 0) m->cfg.bins = 0;
    for (size_t k = 0; k < m->cfg.ncodes; k++) { /* "CODE" or "CODE-Field" */
        const char *c = cfg->codes[k] ? cfg->codes[k] : "", *dash = strchr(c, '-');
        size_t n = dash ? (size_t)(dash - c) : strlen(c);
        snprintf(m->codes[k], sizeof m->codes[k], "%.*s", (int)n, c);
        cpy(m->fields[k], sizeof m->fields[k], dash ? dash + 1 : "Rtd");
    }
    mtx_init(&m->mu, mtx_plain);
    size_t n = cfg->n, cells = m->cfg.ncodes * (size_t)m->cfg.bins;
    m->st = calloc(n ? n : 1, sizeof *m->st);
    m->by_mn = calloc(n ? n : 1, sizeof *m->by_mn);
    if (!m->st || !m->by_mn) goto fail;
    for (size_t i = 0; i < n; i++) {
        mon_station *s = &m->st[i];
        cpy(s->mn, sizeof s->mn, cfg->mns[i]);
        m->by_mn[i] = s;
        if (!cells) continue;
        s->val = malloc(cells * sizeof *s->val);
        s->dt = malloc(cells * sizeof *s->dt);
        if (!s->val || !s->dt) goto fail;
        for (size_t c = 0; c < cells; c++) {
            s->val[c] = NAN;
            s->dt[c] = INT64_MIN;
        }
    }
    qsort(m->by_mn, n, sizeof *m->by_mn, cmp_mn);
    return m;
fail:
    monitor_free(m);
    return NULL;
}

void monitor_free(monitor *m)
{
    if (!m) return;
    for (size_t i = 0; m->st && i < m->cfg.n; i++) {
        free(m->st[i].val);
        free(m->st[i].dt);
    }
    free(m->st);
    free(m->by_mn);
    mtx_destroy(&m->mu);
    free(m);
}

/* The station of an MN, or NULL. */
static mon_station *station_of(monitor *m, const char *mn)
{
    size_t lo = 0, hi = m->cfg.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        mon_station *s = m->by_mn[mid];
        int c = strcmp(mn, s->mn);
        if (c == 0) return s;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The real-time values (each series' field) of one upload into the station's columns. */
static void fold_series(monitor *m, mon_station *s, const batch_upload *u)
{
    int64_t t = 0;
    double span = (double)(m->cfg.t1 - m->cfg.t0);
    if (!s->val || u->cn != 2011 || span <= 0) return;
    if (hjtime_parse_hj212(u->datatime, strlen(u->datatime), &t) != 0) return;
    int b = (int)((double)(t - m->cfg.t0) / span * m->cfg.bins);
    if (b < 0 || b >= m->cfg.bins) return;
    for (size_t i = 0; i < u->nfields; i++) {
        const batch_field *f = &u->fields[i];
        for (size_t k = 0; k < m->cfg.ncodes; k++) {
            size_t c = k * (size_t)m->cfg.bins + (size_t)b;
            if (strcmp(f->code, m->codes[k]) != 0 || strcmp(f->field, m->fields[k]) != 0 ||
                s->dt[c] > t)
                continue;
            s->val[c] = (float)strtod(f->value, NULL);
            s->dt[c] = t;
        }
    }
}

void monitor_batch(monitor *m, const batch *b)
{
    mtx_lock(&m->mu);
    for (size_t i = 0; i < b->nuploads; i++) {
        const batch_upload *u = &b->uploads[i];
        cpy(m->packets[m->next_packet], MONITOR_PACKET_TEXT, u->raw);
        m->next_packet = (m->next_packet + 1) % MONITOR_PACKETS;
        m->total_packets++;
        mon_station *s = station_of(m, u->mn);
        if (!s) continue;
        if (!s->has_data || strcmp(u->datatime, s->last_dt) > 0)
            cpy(s->last_dt, sizeof s->last_dt, u->datatime);
        s->has_data = 1;
        fold_series(m, s, u);
    }
    mtx_unlock(&m->mu);
}

void monitor_alert_raised(monitor *m, const engine_alert *a)
{
    mtx_lock(&m->mu);
    size_t k = MONITOR_ALERTS;
    for (size_t i = 0; i < m->nalerts; i++)
        if (strcmp(m->alerts[i].id, a->id) == 0) k = i;
    if (k == MONITOR_ALERTS) {
        if (m->nalerts == MONITOR_ALERTS) { /* the oldest goes */
            memmove(&m->alerts[0], &m->alerts[1], (MONITOR_ALERTS - 1) * sizeof m->alerts[0]);
            m->nalerts--;
        }
        k = m->nalerts++;
        m->alerts[k].id[0] = '\0';
    }
    monitor_alert *x = &m->alerts[k];
    int64_t first = x->id[0] ? x->first : a->time; /* a raise again keeps its first time */
    memset(x, 0, sizeof *x);
    x->first = first;
    cpy(x->id, sizeof x->id, a->id);
    cpy(x->mn, sizeof x->mn, a->mn);
    cpy(x->type, sizeof x->type, a->type);
    x->level = a->level_num;
    x->time = a->time;
    x->start = a->start;
    x->end = a->end;
    const char *const *ev = m->cfg.zh ? a->evidence_zh : a->evidence_en;
    for (size_t i = 0; i < a->nevidence && i < MONITOR_EVIDENCE; i++)
        cpy(x->evidence[x->nevidence++], MONITOR_EVIDENCE_TEXT, ev[i] ? ev[i] : "");
    mon_station *s = a->mn ? station_of(m, a->mn) : NULL;
    if (s && s->level < a->level_num) s->level = a->level_num;
    mtx_unlock(&m->mu);
}

size_t monitor_packets(monitor *m, char (*text)[MONITOR_PACKET_TEXT], size_t max, long *total)
{
    mtx_lock(&m->mu);
    size_t have = m->total_packets < MONITOR_PACKETS ? (size_t)m->total_packets : MONITOR_PACKETS;
    size_t n = have < max ? have : max;
    for (size_t i = 0; i < n; i++) /* the newest n, oldest first */
        memcpy(text[i], m->packets[(m->next_packet + MONITOR_PACKETS - n + i) % MONITOR_PACKETS],
               MONITOR_PACKET_TEXT);
    if (total) *total = m->total_packets;
    mtx_unlock(&m->mu);
    return n;
}

monitor_station monitor_station_get(monitor *m, size_t i)
{
    monitor_station out = {0, 0, 0};
    if (i >= m->cfg.n) return out;
    mtx_lock(&m->mu);
    const mon_station *s = &m->st[i];
    out.has_data = s->has_data;
    out.level = s->level;
    int64_t t = 0;
    if (s->has_data)
        out.last_data = hjtime_parse_hj212(s->last_dt, strlen(s->last_dt), &t) == 0 ? t : -1;
    mtx_unlock(&m->mu);
    return out;
}

int monitor_series(monitor *m, size_t i, size_t k, float *out, int bins)
{
    if (i >= m->cfg.n || k >= m->cfg.ncodes || bins != m->cfg.bins || !m->st[i].val) return -1;
    mtx_lock(&m->mu);
    memcpy(out, m->st[i].val + k * (size_t)bins, (size_t)bins * sizeof *out);
    mtx_unlock(&m->mu);
    return 0;
}

size_t monitor_alerts(monitor *m, monitor_alert *out, size_t max)
{
    mtx_lock(&m->mu);
    size_t n = m->nalerts < max ? m->nalerts : max;
    memcpy(out, m->alerts, n * sizeof *out);
    mtx_unlock(&m->mu);
    return n;
}
