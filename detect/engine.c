/*
 * engine.c — stations, incidents, alerts (see engine.h; docs/detection.md).
 *
 * Invariants: an incident's level only rises; an alert line is written only when the
 * level rises or the type changes at the same level; its time is the raise time of the
 * hit or context signal that caused it, which is never before the arrival of the data.
 */
#include "engine.h"

#include "evidence.h"
#include "fusion.h"
#include "registry.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKET 1024
#define NINC    8  /* incidents kept per station (the oldest is reused) */
#define NHITS   64 /* hits of one record */
#define MIN_MS  60000LL

/* One alert: its id and what fusion made of its hits. */
typedef struct incident {
    int used;
    unsigned long id;
    fusion_incident f;
} incident;

_Static_assert(ENGINE_MAX_EVIDENCE == FUSION_MAX_EVIDENCE,
               "an alert carries an incident's evidence");

typedef struct station {
    char mn[25];
    rule_station *rs;
    incident inc[NINC];
    struct station *next;          /* hash chain */
    struct station *newer, *older; /* by the last time it was fed */
} station;

struct engine {
    rule_cfg cfg;
    int zh;
    char *cfg_text; /* the thresholds file, or NULL */
    const registry *stations;
    station *bucket[NBUCKET];
    station *newest, *oldest;
    size_t nstations, max_stations;
    int64_t clock;        /* the newest time ticked or fed */
    int64_t next_silence; /* no station falls silent before this (0: look) */
    int64_t next_due;     /* no held red is due before this (0: look) */
    unsigned long next_id;
    void (*on_alert)(void *ctx, const engine_alert *a);
    void *alert_ctx;
    engine_stats st;
    char err[256];
};

static int want_zh(const char *lang)
{
    if (lang) return strncmp(lang, "zh", 2) == 0;
    const char *vars[] = {"HJRANGE_LANG", "LC_ALL", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncmp(v, "zh", 2) == 0;
    }
    return 0;
}

engine *engine_new(const engine_cfg *cfg, char *err, size_t errlen)
{
    engine *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    rule_cfg_default(&e->cfg);
    e->zh = want_zh(cfg ? cfg->lang : NULL);
    e->max_stations = cfg ? cfg->max_stations : 0;
    e->stations = cfg ? cfg->stations : NULL;
    /* the thresholds file: the caller's, else $HJRANGE_THRESHOLDS, else the defaults */
    const char *tpath =
        cfg && cfg->thresholds_path ? cfg->thresholds_path : getenv("HJRANGE_THRESHOLDS");
    if (tpath && *tpath) {
        FILE *f = fopen(tpath, "rb");
        char *buf = malloc(65536);
        size_t n = f && buf ? fread(buf, 1, 65535, f) : 0;
        if (f) fclose(f);
        if (!f || !buf) {
            snprintf(err, errlen, "%s: cannot read", tpath);
            free(buf);
            free(e);
            return NULL;
        }
        buf[n] = '\0';
        int rc = rule_cfg_parse(&e->cfg, buf, err, errlen);
        if (rc != 0) {
            free(buf);
            free(e);
            return NULL;
        }
        e->cfg_text = buf; /* kept for the per-station entries */
    }
    return e;
}

void engine_free(engine *e)
{
    if (!e) return;
    for (size_t i = 0; i < NBUCKET; i++) {
        station *s = e->bucket[i];
        while (s) {
            station *n = s->next;
            rule_station_free(s->rs);
            free(s);
            s = n;
        }
    }
    free(e->cfg_text);
    free(e);
}

void engine_on_alert(engine *e, void (*fn)(void *ctx, const engine_alert *a), void *ctx)
{
    e->on_alert = fn;
    e->alert_ctx = ctx;
}

engine_stats engine_stats_get(const engine *e)
{
    return e->st;
}

const rule_cfg *engine_rule_cfg(const engine *e)
{
    return &e->cfg;
}

const char *engine_errmsg(const engine *e)
{
    return e->err;
}

static uint32_t mn_hash(const char *mn)
{
    uint32_t h = 2166136261u;
    for (const char *p = mn; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    return h;
}

static void lru_unlink(engine *e, station *s)
{
    if (s->newer)
        s->newer->older = s->older;
    else
        e->newest = s->older;
    if (s->older)
        s->older->newer = s->newer;
    else
        e->oldest = s->newer;
    s->newer = s->older = NULL;
}

static void lru_front(engine *e, station *s)
{
    s->older = e->newest;
    s->newer = NULL;
    if (e->newest) e->newest->newer = s;
    e->newest = s;
    if (!e->oldest) e->oldest = s;
}

/* Forgets the station fed least recently. */
static void station_evict(engine *e)
{
    station *s = e->oldest;
    if (!s) return;
    lru_unlink(e, s);
    for (station **b = &e->bucket[mn_hash(s->mn) % NBUCKET]; *b; b = &(*b)->next)
        if (*b == s) {
            *b = s->next;
            break;
        }
    rule_station_free(s->rs);
    free(s);
    e->nstations--;
    e->st.evicted++;
}

/* A station's registry entry over its thresholds: limits and production meters replace
 * the lists when given. -1 when the rules cannot hold them (the caller takes the common
 * values, as for a bad entry of the thresholds file). */
static int apply_registry(rule_cfg *c, const registry_station *rs)
{
    _Static_assert(REGISTRY_MAX_LIMITS <= RULE_MAX_LIMITS, "a registry's limits fit the rules");
    _Static_assert(REGISTRY_CODE <= sizeof c->limits[0].code, "codes fit the rules");
    _Static_assert(REGISTRY_CODE <= sizeof c->prod[0], "meter codes fit the rules");
    if (rs->has_limits) {
        c->nlimits = rs->nlimits;
        for (size_t i = 0; i < rs->nlimits; i++) {
            memcpy(c->limits[i].code, rs->limits[i].code, REGISTRY_CODE);
            c->limits[i].value = rs->limits[i].value;
        }
    }
    if (rs->has_meters) {
        if (rs->nmeters > RULE_MAX_PROD) return -1;
        c->nprod = rs->nmeters;
        for (size_t i = 0; i < rs->nmeters; i++)
            memcpy(c->prod[i], rs->production_meters[i], REGISTRY_CODE);
    }
    return 0;
}

/* A new station's settings: the common ones, its entry of the thresholds file, then its
 * registry entry. */
static rule_cfg station_cfg(engine *e, const char *mn)
{
    rule_cfg sc = e->cfg;
    if (e->cfg_text) {
        char err[200];
        rule_cfg_default(&sc);
        if (rule_cfg_parse_station(&sc, e->cfg_text, mn, err, sizeof err) != 0) {
            sc = e->cfg; /* a bad station entry: the file's common values */
            snprintf(e->err, sizeof e->err, "%s", err);
        }
    }
    const registry_station *rs = registry_find(e->stations, mn, strlen(mn));
    if (rs) {
        rule_cfg with = sc;
        if (apply_registry(&with, rs) == 0)
            sc = with;
        else
            snprintf(e->err, sizeof e->err, "%s: more than %d production meters", mn,
                     RULE_MAX_PROD);
    }
    return sc;
}

static station *station_get(engine *e, const char *mn)
{
    station **b = &e->bucket[mn_hash(mn) % NBUCKET];
    for (station *s = *b; s; s = s->next)
        if (strcmp(s->mn, mn) == 0) {
            if (e->newest != s) {
                lru_unlink(e, s);
                lru_front(e, s);
            }
            return s;
        }
    if (e->max_stations && e->nstations >= e->max_stations) station_evict(e);
    station *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    rule_cfg sc = station_cfg(e, mn);
    s->rs = rule_station_new(&sc);
    if (!s->rs) {
        free(s);
        return NULL;
    }
    snprintf(s->mn, sizeof s->mn, "%s", mn);
    s->next = *b;
    *b = s;
    lru_front(e, s);
    e->nstations++;
    e->st.stations++;
    return s;
}

/* ---- alerts ---- */

/* One raise of an incident at time now: to the callback, and as a line of alerts.jsonl. */
static void write_alert(engine *e, const station *s, const incident *inc, int64_t now, FILE *out)
{
    const fusion_incident *f = &inc->f;
    char id[32], raised[40], start[40], end[40];
    snprintf(id, sizeof id, "a%lu", inc->id);
    rule_format_iso(now, raised, sizeof raised);
    rule_format_iso(f->start, start, sizeof start);
    rule_format_iso(f->end, end, sizeof end);
    const char *en[ENGINE_MAX_EVIDENCE], *zh[ENGINE_MAX_EVIDENCE];
    for (size_t i = 0; i < f->nevidence; i++) {
        en[i] = f->en[i];
        zh[i] = f->zh[i];
    }
    e->st.raises++;
    if (e->on_alert) {
        engine_alert al = {id,       s->mn,        f->type,  fusion_level_name(f->level),
                           f->level, now,          f->start, f->end,
                           f->rules, f->nevidence, en,       zh};
        e->on_alert(e->alert_ctx, &al);
    }
    if (!out) return;
    cJSON *o = cJSON_CreateObject();
    if (!o) return;
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "mn", s->mn);
    cJSON_AddStringToObject(o, "time", raised);
    cJSON_AddStringToObject(o, "level", fusion_level_name(f->level));
    cJSON_AddStringToObject(o, "type", f->type);
    cJSON_AddStringToObject(o, "start", start);
    cJSON_AddStringToObject(o, "end", end);
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (int r = 0; r < RULE__COUNT; r++)
        if (f->rules & FUSION_BIT(r))
            cJSON_AddItemToArray(rules, cJSON_CreateString(rule_name((rule_id)r)));
    cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
    cJSON *ev_en = cJSON_AddArrayToObject(o, "evidence_en");
    cJSON *ev_zh = cJSON_AddArrayToObject(o, "evidence_zh");
    for (size_t i = 0; i < f->nevidence; i++) {
        cJSON_AddItemToArray(ev, cJSON_CreateString(e->zh ? zh[i] : en[i]));
        cJSON_AddItemToArray(ev_en, cJSON_CreateString(en[i]));
        cJSON_AddItemToArray(ev_zh, cJSON_CreateString(zh[i]));
    }
    char *line = cJSON_PrintUnformatted(o);
    if (line) {
        fputs(line, out);
        fputc('\n', out);
        fflush(out);
        free(line);
    }
    cJSON_Delete(o);
}

/* The end of the filing window of an incident's job: its end + order_filing_min. */
static int64_t filing_due(const engine *e, const incident *inc)
{
    return inc->f.end + (int64_t)e->cfg.order_filing_min * MIN_MS;
}

/* Judges one incident at time now with the signals and the other incidents around it;
 * writes a raise when fusion says so (its level rose, its type changed, or (grew) a data
 * rule joined it). A red an O&M job explains waits for the job's order (held): the engine
 * judges it again when the filing window has passed (engine_tick). */
static int evaluate(engine *e, station *s, incident *inc, int64_t now, int grew, FILE *out)
{
    const rule_cfg *c = &e->cfg;
    int64_t from = inc->f.start - c->context_before_min * MIN_MS;
    int64_t to = inc->f.end + c->context_after_min * MIN_MS;
    const rule_context *signals[32];
    fusion_around around = {signals, rule_station_context(s->rs, from, to, signals, 32), 0,
                            rule_is_night(c, rule_local_hour(inc->f.start)), now, 0, 0,
                            NULL, NULL};
    for (size_t i = 0; i < NINC; i++) {
        const incident *o = &s->inc[i];
        if (!o->used || o == inc || o->f.end < from - 2 * 60 * MIN_MS || o->f.start > to) continue;
        around.others |= o->f.rules;
    }
    char due_en[RULE_TEXT], due_zh[RULE_TEXT];
    if (c->order_filing_min > 0) {
        around.filing_due = filing_due(e, inc);
        around.order_filed = rule_station_order_filed(s->rs, inc->f.start, inc->f.end, now);
        char hm_from[8], hm_to[8], hm_due[8];
        rule_format_hm(inc->f.start, hm_from, sizeof hm_from);
        rule_format_hm(inc->f.end, hm_to, sizeof hm_to);
        rule_format_hm(around.filing_due, hm_due, sizeof hm_due);
        long long hours = c->order_filing_min / 60;
        evidence_en(due_en, sizeof due_en, EV_NO_ORDER_FILED, hm_from, hm_to, hm_due, hours);
        evidence_zh(due_zh, sizeof due_zh, EV_NO_ORDER_FILED, hm_from, hm_to, hm_due, hours);
        around.due_en = due_en;
        around.due_zh = due_zh;
    }
    int raised = fusion_incident_judge(&inc->f, &around, grew);
    if (inc->f.held && around.filing_due < e->next_due) e->next_due = around.filing_due;
    if (!raised) return 0;
    write_alert(e, s, inc, now, out);
    return 1;
}

static incident *incident_for(engine *e, station *s, rule_family fam, const rule_hit *h)
{
    int64_t gap = e->cfg.incident_gap_min * MIN_MS, join = e->cfg.incident_join_min * MIN_MS;
    incident *oldest = NULL;
    for (size_t i = 0; i < NINC; i++) {
        incident *inc = &s->inc[i];
        if (!inc->used) {
            if (!oldest || oldest->used) oldest = inc;
            continue;
        }
        /* the same episode: it starts within incident_join_min of the incident's end and
         * the incident spoke within incident_gap_min; else a new alert */
        if (inc->f.family == fam && h->start <= inc->f.end + join &&
            (h->time - inc->f.last <= gap || h->id == RULE_LAB_MISMATCH))
            return inc;
        if (!oldest || (oldest->used && inc->f.last < oldest->f.last)) oldest = inc;
    }
    incident *inc = oldest;
    memset(inc, 0, sizeof *inc);
    inc->used = 1;
    inc->id = ++e->next_id;
    fusion_incident_open(&inc->f, fam, h);
    return inc;
}

static int handle_hits(engine *e, station *s, const rule_hit *hits, size_t n, FILE *out)
{
    int raised = 0;
    int touched[NINC] = {0};
    int grew[NINC] = {0}; /* a data rule joined: raised again with the new evidence */
    int64_t when = 0;
    int any_signal = 0;
    e->st.hits += n;
    /* first every hit of the record into its incident, then fuse: one raise per record */
    for (size_t i = 0; i < n; i++) {
        const rule_hit *h = &hits[i];
        rule_family fam = rule_family_of(h->id);
        if (h->time > when) when = h->time;
        any_signal = 1;
        if (fam == RULE_FAMILY_NONE) continue;
        if (fam == RULE_FAMILY_CAMERA && rule_station_covered(s->rs, h->start, 10 * MIN_MS))
            continue; /* camera work under a work order */
        incident *inc = incident_for(e, s, fam, h);
        if (fusion_incident_add(&inc->f, h)) grew[inc - s->inc] = 1;
        touched[inc - s->inc] = 1;
    }
    if (!any_signal) return 0;
    /* the touched incidents, then the others the new signals may corroborate */
    for (size_t j = 0; j < NINC; j++)
        if (touched[j]) raised += evaluate(e, s, &s->inc[j], when, grew[j], out);
    for (size_t j = 0; j < NINC; j++) {
        incident *inc = &s->inc[j];
        if (!inc->used || touched[j]) continue;
        if (when - inc->f.last > e->cfg.incident_gap_min * MIN_MS) continue;
        raised += evaluate(e, s, inc, when, 0, out);
    }
    return raised;
}

/* ---- time passing: silent stations, held reds ---- */

/* A station fallen silent at `at` (inc NULL), or an incident whose red waited for its work
 * order until `at` (its id: the slot may have been reused since). */
typedef struct due_item {
    station *s;
    int64_t at;
    incident *inc;
    unsigned long id;
} due_item;

/* By time, then MN, then silences before held reds, then id: the order does not depend on
 * the hash table. */
static int due_cmp(const void *a, const void *b)
{
    const due_item *x = a, *y = b;
    if (x->at != y->at) return x->at < y->at ? -1 : 1;
    int c = strcmp(x->s->mn, y->s->mn);
    if (c) return c;
    if ((x->inc == NULL) != (y->inc == NULL)) return x->inc == NULL ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int due_push(due_item **due, size_t *n, size_t *cap, due_item item)
{
    if (*n == *cap) {
        size_t grow = *cap ? 2 * *cap : 16;
        due_item *more = realloc(*due, grow * sizeof *more);
        if (!more) return -1;
        *due = more;
        *cap = grow;
    }
    (*due)[(*n)++] = item;
    return 0;
}

int engine_tick(engine *e, int64_t now, FILE *alerts)
{
    if (now > e->clock) e->clock = now;
    if (now < e->next_silence && now < e->next_due) return 0;
    size_t n = 0, cap = 0;
    due_item *due = NULL;
    int64_t next = INT64_MAX, next_due = INT64_MAX;
    int short_of_memory = 0;
    for (size_t b = 0; b < NBUCKET && !short_of_memory; b++)
        for (station *s = e->bucket[b]; s && !short_of_memory; s = s->next) {
            int64_t at = rule_station_silent_at(s->rs);
            if (at > now) {
                if (at < next) next = at;
            } else if (due_push(&due, &n, &cap, (due_item){s, at, NULL, 0}) != 0) {
                short_of_memory = 1; /* judged at the next tick */
                break;
            }
            for (size_t i = 0; i < NINC; i++) {
                incident *inc = &s->inc[i];
                if (!inc->used || !inc->f.held) continue;
                int64_t when = filing_due(e, inc);
                if (when > now) {
                    if (when < next_due) next_due = when;
                } else if (due_push(&due, &n, &cap, (due_item){s, when, inc, inc->id}) != 0) {
                    short_of_memory = 1;
                    break;
                }
            }
        }
    e->next_silence = short_of_memory ? 0 : next;
    e->next_due = short_of_memory ? 0 : next_due;
    if (n) qsort(due, n, sizeof *due, due_cmp);
    int raised = 0;
    for (size_t i = 0; i < n; i++) {
        if (!due[i].inc) {
            rule_hit hits[NHITS];
            size_t nh = rule_station_silence(due[i].s->rs, hits, NHITS);
            raised += handle_hits(e, due[i].s, hits, nh, alerts);
            continue;
        }
        /* the filing window passed: judged again at its end with the orders filed by then
         * (still held when the incident grew since: its window moved with its end) */
        incident *inc = due[i].inc;
        if (!inc->used || inc->id != due[i].id || !inc->f.held) continue;
        int64_t when = filing_due(e, inc);
        if (when > now) {
            if (when < e->next_due) e->next_due = when;
            continue;
        }
        raised += evaluate(e, due[i].s, inc, when, 0, alerts);
    }
    free(due);
    return raised;
}

/* ---- feeding ---- */

/* When a record can be said to have arrived: the end of its data's own period, or the
 * platform's receive time when that is later and plausible (the same clock). */
static int64_t arrival(int cn, int64_t dt, int64_t received)
{
    int64_t end = dt;
    if (dt >= 0) {
        if (cn == 2051) end = dt + 10 * MIN_MS;
        if (cn == 2061) end = dt + 60 * MIN_MS;
        if (cn == 2031) end = dt + 24 * 60 * MIN_MS;
    }
    if (end < 0) return received;
    /* a period that claims to end well after it arrived (a DAU that labels a part period
     * by its power-on time): it is placed where it arrived, never ahead of the clock */
    if (received > 0 && received < end - 5 * MIN_MS) return received;
    if (received >= end - 5 * MIN_MS && received - end <= 2LL * 24 * 60 * MIN_MS)
        return received > end ? received : end;
    return end;
}

int engine_feed(engine *e, const char *mn, int cn, const char *datatime, int64_t received_ms,
                const rule_field *f, size_t n, FILE *out)
{
    if (!mn || !*mn || strlen(mn) > 24) {
        snprintf(e->err, sizeof e->err, "bad MN");
        return -1;
    }
    station *s = station_get(e, mn);
    if (!s) {
        snprintf(e->err, sizeof e->err, "out of memory");
        return -1;
    }
    int64_t dt = datatime && *datatime ? rule_parse_hj212_time(datatime) : -1;
    int64_t arr = arrival(cn, dt, received_ms);
    if (arr < 0) return 0; /* no time at all: nothing can be placed */
    /* the silences that began before this arrival, first (this station's among them) */
    int raised = engine_tick(e, arr, out);
    rule_record r = {cn, dt, arr, f, n};
    rule_hit hits[NHITS];
    size_t nh = rule_station_feed(s->rs, &r, hits, NHITS);
    e->st.records++;
    /* it spoke: its next silence is due after this arrival */
    int64_t at = rule_station_silent_at(s->rs);
    if (at < e->next_silence) e->next_silence = at;
    return raised + handle_hits(e, s, hits, nh, out);
}

int engine_feed_packet(engine *e, const hj212_packet *pkt, int64_t received_ms, FILE *out)
{
    static const rule_field none = {"", "", "", "", 0};
    rule_field *f = malloc(HJ212_MAX_FIELDS * sizeof *f);
    char *text = malloc(HJ212_MAX_FIELDS * 4 * 64);
    if (!f || !text) {
        free(f);
        free(text);
        return -1;
    }
    char mn[25], dt[24] = "";
    snprintf(mn, sizeof mn, "%.*s", (int)(pkt->mn.n > 24 ? 24 : pkt->mn.n), pkt->mn.p);
    size_t n = 0, used = 0;
    const char *polid = "";
    for (unsigned it = 0; it < pkt->nitems; it++) {
        unsigned lo = pkt->items[it].first, hi = lo + pkt->items[it].count;
        for (unsigned i = lo; i < hi && n < HJ212_MAX_FIELDS; i++) {
            const hj212_field *x = &pkt->fields[i];
            char *slot = text + used;
            if (used + 4 * 64 > (size_t)HJ212_MAX_FIELDS * 4 * 64) break;
            snprintf(slot, 64, "%.*s", (int)(x->key.n > 63 ? 63 : x->key.n), x->key.p);
            snprintf(slot + 64, 64, "%.*s", (int)(x->value.n > 63 ? 63 : x->value.n), x->value.p);
            if (strcmp(slot, "DataTime") == 0) {
                snprintf(dt, sizeof dt, "%s", slot + 64);
                continue;
            }
            if (strcmp(slot, "PolId") == 0) {
                used += 4 * 64;
                polid = slot + 64;
                continue;
            }
            snprintf(slot + 128, 64, "%.*s", (int)(x->code.n > 63 ? 63 : x->code.n), x->code.p);
            snprintf(slot + 192, 64, "%.*s", (int)(x->suffix.n > 63 ? 63 : x->suffix.n),
                     x->suffix.p);
            used += 4 * 64;
            f[n] = none;
            f[n].polid = polid;
            f[n].code = slot + 128;
            f[n].field = slot + 192;
            f[n].value = slot + 64;
            n++;
        }
    }
    /* a -Flag field's value is the flag of its code's other fields (as the store keeps it) */
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k < n && !f[j].flag; k++)
            if (strcmp(f[k].field, "Flag") == 0 && strcmp(f[k].code, f[j].code) == 0 &&
                f[k].value[0])
                f[j].flag = f[k].value[0];
    int rc = engine_feed(e, mn, pkt->cn_num, dt, received_ms, f, n, out);
    free(f);
    free(text);
    return rc;
}

int engine_work_order(engine *e, const char *mn, const char *task, const char *start,
                      const char *end, const char *who, const char *filed)
{
    int64_t a = rule_parse_iso(start), b = rule_parse_iso(end);
    int64_t f = filed && *filed ? rule_parse_iso(filed) : a;
    if (a < 0 || b < 0 || f < 0) {
        snprintf(e->err, sizeof e->err, "work order: bad time");
        return -1;
    }
    station *s = station_get(e, mn);
    if (!s) return -1;
    rule_station_work_order(s->rs, task, a, b, f, who);
    e->st.work_orders++;
    return 0;
}

int engine_lab(engine *e, const char *mn, const char *param, const char *time, double value,
               FILE *out)
{
    int64_t t = rule_parse_iso(time);
    if (t < 0) {
        snprintf(e->err, sizeof e->err, "lab: bad time");
        return -1;
    }
    station *s = station_get(e, mn);
    if (!s) return -1;
    rule_hit hits[NHITS];
    size_t n = rule_station_lab(s->rs, param, t, value, hits, NHITS);
    e->st.labs++;
    return handle_hits(e, s, hits, n, out);
}

/* ---- a committed batch ---- */

#define ST_WASTEWATER 32 /* HJ 212 ST of a wastewater station */
#define ST_FLUE_GAS   31 /* ... of a flue-gas or VOCs station (GAS.md: rule-gas*.c) */

int engine_push(engine *e, const batch *b, FILE *alerts)
{
    int raised = 0;
    for (size_t i = 0; i < b->norders; i++) {
        const batch_order *o = &b->orders[i];
        engine_work_order(e, o->mn, o->task, o->start, o->end, o->who, o->filed);
    }
    /* uploads before lab results: a lab result compares with the measurements around it */
    for (size_t i = 0; i < b->nuploads; i++) {
        const batch_upload *u = &b->uploads[i];
        /* the rules know wastewater (ST 32) and flue-gas or VOCs stations (ST 31: the gas
         * rules read their gas codes, rule-gas*.c); other kinds are stored and shown only */
        if (u->st && u->st != ST_WASTEWATER && u->st != ST_FLUE_GAS) continue;
        int r = engine_feed(e, u->mn, u->cn, u->datatime, u->received_ms, u->fields, u->nfields,
                            alerts);
        if (r > 0) raised += r;
    }
    for (size_t i = 0; i < b->nlabs; i++) {
        const batch_lab *l = &b->labs[i];
        int r = engine_lab(e, l->mn, l->param, l->time, l->value, alerts);
        if (r > 0) raised += r;
    }
    return raised;
}
