/*
 * score.c — loading truth.json and alerts.jsonl, and the metrics (docs/scoring.md).
 * The report writers are in score-report.c.
 */
#include "score.h"

#include "hjfraud.h"
#include "hjtime.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MIN_MS     60000LL                  /* one BATADAL bin */
#define MAX_RUN_MS (3660LL * HJTIME_DAY_MS) /* refuse runs longer than ~10 years */
#define MAX_ALERTS ((size_t)50000000)       /* raises kept from one file */
#define NAB_A_TP   1.0
#define NAB_A_FP   0.11 /* magnitude; an FP adds A_FP x scaledSigmoid (<= 0) */
#define NAB_A_FN   1.0

static void seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- time ---- */

int score_parse_duration(const char *s, int64_t *ms)
{
    if (!s || !ms || !*s) return -1;
    if (strcmp(s, "0") == 0) {
        *ms = 0;
        return 0;
    }
    const char *p = s;
    double total = 0;
    while (*p) {
        if (!(*p >= '0' && *p <= '9') && *p != '.') return -1;
        char *end = NULL;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno != 0 || !(v >= 0)) return -1;
        double unit = 0;
        switch (*end) {
        case 's':
            unit = 1000;
            break;
        case 'm':
            unit = 60000;
            break;
        case 'h':
            unit = 3600000;
            break;
        case 'd':
            unit = 86400000;
            break;
        default:
            return -1;
        }
        total += v * unit;
        p = end + 1;
    }
    if (!(total <= (double)MAX_RUN_MS)) return -1;
    *ms = (int64_t)llround(total);
    return 0;
}

/* ---- truth ---- */

struct score_truth {
    char scenario[SCORE_NAME_MAX];
    char start_s[SCORE_TIME_MAX], end_s[SCORE_TIME_MAX];
    int64_t start, end;
    char (*mn)[SCORE_MN_MAX]; /* in file order */
    size_t *sorted;           /* station indices sorted by mn */
    size_t nst;
    score_event *ev;
    size_t nev;
};

void score_truth_free(score_truth *t)
{
    if (!t) return;
    free(t->mn);
    free(t->sorted);
    free(t->ev);
    free(t);
}

const char *score_truth_scenario(const score_truth *t)
{
    return t->scenario;
}
int64_t score_truth_start(const score_truth *t)
{
    return t->start;
}
int64_t score_truth_end(const score_truth *t)
{
    return t->end;
}
size_t score_truth_nstations(const score_truth *t)
{
    return t->nst;
}
const char *score_truth_station(const score_truth *t, size_t i)
{
    return i < t->nst ? t->mn[i] : NULL;
}
size_t score_truth_nevents(const score_truth *t)
{
    return t->nev;
}
const score_event *score_truth_event(const score_truth *t, size_t i)
{
    return i < t->nev ? &t->ev[i] : NULL;
}

typedef struct named {
    const char *name;
    size_t i;
} named;

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* Index of station mn, or -1. */
static long station_find(const score_truth *t, const char *mn)
{
    size_t lo = 0, hi = t->nst;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(mn, t->mn[t->sorted[mid]]);
        if (c == 0) return (long)t->sorted[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* Copies string member `key` of o into buf[n]. what names the object in messages. */
static int get_str(const cJSON *o, const char *key, char *buf, size_t n, const char *name,
                   const char *what, char *err, size_t errlen)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) {
        seterr(err, errlen, "%s: %s: missing \"%s\"", name, what, key);
        return -1;
    }
    if (!cJSON_IsString(v) || !v->valuestring) {
        seterr(err, errlen, "%s: %s: \"%s\" is not a string", name, what, key);
        return -1;
    }
    size_t len = strlen(v->valuestring);
    if (len == 0 || len >= n) {
        seterr(err, errlen, "%s: %s: \"%s\" is %s", name, what, key,
               len == 0 ? "empty" : "too long");
        return -1;
    }
    memcpy(buf, v->valuestring, len + 1);
    return 0;
}

static int get_time(const cJSON *o, const char *key, char *buf, int64_t *ms, const char *name,
                    const char *what, char *err, size_t errlen)
{
    if (get_str(o, key, buf, SCORE_TIME_MAX, name, what, err, errlen)) return -1;
    if (hjtime_parse_iso_any(buf, ms)) {
        seterr(err, errlen,
               "%s: %s: \"%s\" is not an ISO 8601 time with offset: \"%s\" (want e.g. "
               "2022-02-08T10:05:00+08:00)",
               name, what, key, buf);
        return -1;
    }
    return 0;
}

/* Line and column (1-based) of offset pos in text. */
static void line_col(const char *text, size_t pos, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < pos && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int parse_truth_events(score_truth *t, const cJSON *evs, const char *name, char *err,
                              size_t errlen)
{
    if (!cJSON_IsArray(evs)) {
        seterr(err, errlen, "%s: \"events\" is %s", name, evs ? "not an array" : "missing");
        return -1;
    }
    size_t n = (size_t)cJSON_GetArraySize(evs);
    t->ev = calloc(n ? n : 1, sizeof *t->ev);
    if (!t->ev) {
        seterr(err, errlen, "%s: out of memory", name);
        return -1;
    }
    const cJSON *e = NULL;
    cJSON_ArrayForEach(e, evs)
    {
        char what[48] = "";
        snprintf(what, sizeof what, "events[%zu]", t->nev);
        score_event *ev = &t->ev[t->nev];
        if (!cJSON_IsObject(e)) {
            seterr(err, errlen, "%s: %s: not an object", name, what);
            return -1;
        }
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (!cJSON_IsNumber(id) || id->valuedouble != floor(id->valuedouble) ||
            fabs(id->valuedouble) > 9e15) {
            seterr(err, errlen, "%s: %s: \"id\" is %s", name, what,
                   id ? "not an integer" : "missing");
            return -1;
        }
        ev->id = (long long)id->valuedouble;
        snprintf(what, sizeof what, "event %lld", ev->id);
        for (size_t j = 0; j < t->nev; j++)
            if (t->ev[j].id == ev->id) {
                seterr(err, errlen, "%s: %s: id appears twice", name, what);
                return -1;
            }
        if (get_str(e, "type", ev->type, sizeof ev->type, name, what, err, errlen)) return -1;
        if (!hjfraud_find(ev->type)) {
            seterr(err, errlen, "%s: %s: \"%s\" is not a fraud type of the catalogue", name, what,
                   ev->type);
            return -1;
        }
        if (get_str(e, "mn", ev->mn, sizeof ev->mn, name, what, err, errlen)) return -1;
        if (station_find(t, ev->mn) < 0) {
            seterr(err, errlen, "%s: %s: mn %s is not among \"stations\"", name, what, ev->mn);
            return -1;
        }
        if (get_time(e, "start", ev->start, &ev->start_ms, name, what, err, errlen) ||
            get_time(e, "end", ev->end, &ev->end_ms, name, what, err, errlen))
            return -1;
        if (ev->end_ms <= ev->start_ms) {
            seterr(err, errlen, "%s: %s: end %s is not after start %s", name, what, ev->end,
                   ev->start);
            return -1;
        }
        if (ev->start_ms < t->start || ev->end_ms > t->end) {
            seterr(err, errlen, "%s: %s: [%s, %s] is not inside the run", name, what, ev->start,
                   ev->end);
            return -1;
        }
        t->nev++;
    }
    return 0;
}

static int parse_truth_obj(score_truth *t, const cJSON *root, const char *name, char *err,
                           size_t errlen)
{
    if (!cJSON_IsObject(root)) {
        seterr(err, errlen, "%s: not a JSON object", name);
        return -1;
    }
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    if (sc) {
        if (!cJSON_IsString(sc) || strlen(sc->valuestring) >= sizeof t->scenario) {
            seterr(err, errlen, "%s: \"scenario\" is not a string (or too long)", name);
            return -1;
        }
        snprintf(t->scenario, sizeof t->scenario, "%s", sc->valuestring);
    }
    if (get_time(root, "start", t->start_s, &t->start, name, "run", err, errlen) ||
        get_time(root, "end", t->end_s, &t->end, name, "run", err, errlen))
        return -1;
    if (t->end <= t->start || t->end - t->start > MAX_RUN_MS) {
        seterr(err, errlen, "%s: run: end must be after start (and within 3660 days)", name);
        return -1;
    }
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "stations");
    if (!cJSON_IsArray(st) || cJSON_GetArraySize(st) == 0) {
        seterr(err, errlen, "%s: \"stations\" is %s", name,
               !st                 ? "missing"
               : cJSON_IsArray(st) ? "empty"
                                   : "not an array");
        return -1;
    }
    size_t n = (size_t)cJSON_GetArraySize(st);
    t->mn = calloc(n, sizeof *t->mn);
    t->sorted = calloc(n, sizeof *t->sorted);
    if (!t->mn || !t->sorted) {
        seterr(err, errlen, "%s: out of memory", name);
        return -1;
    }
    const cJSON *s = NULL;
    cJSON_ArrayForEach(s, st)
    {
        char what[48] = "";
        snprintf(what, sizeof what, "stations[%zu]", t->nst);
        if (!cJSON_IsObject(s)) {
            seterr(err, errlen, "%s: %s: not an object", name, what);
            return -1;
        }
        if (get_str(s, "mn", t->mn[t->nst], SCORE_MN_MAX, name, what, err, errlen)) return -1;
        t->sorted[t->nst] = t->nst;
        t->nst++;
    }
    named *tmp = calloc(t->nst, sizeof *tmp);
    if (!tmp) {
        seterr(err, errlen, "%s: out of memory", name);
        return -1;
    }
    for (size_t i = 0; i < t->nst; i++)
        tmp[i] = (named){t->mn[i], i};
    qsort(tmp, t->nst, sizeof *tmp, cmp_named);
    for (size_t i = 0; i < t->nst; i++)
        t->sorted[i] = tmp[i].i;
    free(tmp);
    for (size_t i = 1; i < t->nst; i++)
        if (strcmp(t->mn[t->sorted[i - 1]], t->mn[t->sorted[i]]) == 0) {
            seterr(err, errlen, "%s: station %s appears twice", name, t->mn[t->sorted[i]]);
            return -1;
        }
    return parse_truth_events(t, cJSON_GetObjectItemCaseSensitive(root, "events"), name, err,
                              errlen);
}

score_truth *score_truth_parse(const char *text, const char *name, char *err, size_t errlen)
{
    if (!name) name = "truth";
    if (!text) {
        seterr(err, errlen, "%s: no text", name);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        size_t line = 0, col = 0;
        size_t pos = end && end >= text ? (size_t)(end - text) : 0;
        line_col(text, pos, &line, &col);
        seterr(err, errlen, "%s:%zu:%zu: malformed JSON (at byte %zu)", name, line, col, pos);
        return NULL;
    }
    score_truth *t = calloc(1, sizeof *t);
    if (!t) {
        cJSON_Delete(root);
        seterr(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    int rc = parse_truth_obj(t, root, name, err, errlen);
    cJSON_Delete(root);
    if (rc) {
        score_truth_free(t);
        return NULL;
    }
    return t;
}

/* Reads a whole file into a NUL-terminated buffer; refuses NUL bytes inside. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            if (cap > ((size_t)1 << 30)) {
                seterr(err, errlen, "%s: file too large (over 1 GiB)", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) break;
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
    }
    if (!buf) {
        seterr(err, errlen, "%s: out of memory", path);
        fclose(f);
        return NULL;
    }
    if (ferror(f)) {
        seterr(err, errlen, "%s: read error", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        seterr(err, errlen, "%s: contains a NUL byte", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

score_truth *score_truth_load(const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = slurp(path, &len, err, errlen);
    if (!text) return NULL;
    score_truth *t = score_truth_parse(text, path, err, errlen);
    free(text);
    return t;
}

/* ---- alerts ---- */

struct score_alerts {
    score_alert *v;
    size_t n, cap;
    size_t *hash; /* open addressing: first raise index + 1 of each id, 0 = empty */
    size_t hcap;  /* power of two, > 2 * number of ids */
    size_t nids;
};

score_alerts *score_alerts_new(void)
{
    return calloc(1, sizeof(score_alerts));
}

void score_alerts_free(score_alerts *a)
{
    if (!a) return;
    free(a->v);
    free(a->hash);
    free(a);
}

size_t score_alerts_count(const score_alerts *a)
{
    return a ? a->n : 0;
}

const score_alert *score_alerts_get(const score_alerts *a, size_t i)
{
    return a && i < a->n ? &a->v[i] : NULL;
}

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603ULL & (size_t)-1;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

/* Slot of id in the table: its slot if present, else the empty slot to use. */
static size_t hash_slot(const score_alerts *a, const char *id)
{
    size_t i = hash_str(id) & (a->hcap - 1);
    while (a->hash[i] && strcmp(a->v[a->hash[i] - 1].id, id) != 0)
        i = (i + 1) & (a->hcap - 1);
    return i;
}

static int hash_grow(score_alerts *a)
{
    size_t ncap = a->hcap ? a->hcap * 2 : 64;
    size_t *nh = calloc(ncap, sizeof *nh);
    if (!nh) return -1;
    size_t *old = a->hash, ocap = a->hcap;
    a->hash = nh;
    a->hcap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i]) a->hash[hash_slot(a, a->v[old[i] - 1].id)] = old[i];
    free(old);
    return 0;
}

static const char *const level_names[] = {"green", "yellow", "red"};

int score_alerts_add_line(score_alerts *a, const char *line, const char *name, size_t lineno,
                          char *err, size_t errlen)
{
    if (!name) name = "alerts";
    char where[SCORE_NAME_MAX + 32] = "";
    snprintf(where, sizeof where, "%s:%zu", name, lineno);
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == len) return 0;
    if (len > SCORE_LINE_MAX) {
        seterr(err, errlen, "%s: line too long (over %d bytes)", where, SCORE_LINE_MAX);
        return -1;
    }
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!o) {
        size_t col = end && end >= line ? (size_t)(end - line) + 1 : 1;
        seterr(err, errlen, "%s: malformed JSON (column %zu)", where, col);
        return -1;
    }
    score_alert al;
    memset(&al, 0, sizeof al);
    al.line = lineno;
    int rc = -1;
    const cJSON *lv = NULL, *id = NULL, *e = NULL;
    if (end && (size_t)(end - line) < len) {
        const char *p = end;
        while (p < line + len && (*p == ' ' || *p == '\t'))
            p++;
        if (p < line + len) {
            seterr(err, errlen, "%s: text after the JSON object (column %zu)", where,
                   (size_t)(p - line) + 1);
            goto out;
        }
    }
    if (!cJSON_IsObject(o)) {
        seterr(err, errlen, "%s: not a JSON object", where);
        goto out;
    }
    id = cJSON_GetObjectItemCaseSensitive(o, "id");
    if (cJSON_IsNumber(id) && id->valuedouble == floor(id->valuedouble) &&
        fabs(id->valuedouble) < 9e15) {
        snprintf(al.id, sizeof al.id, "%lld", (long long)id->valuedouble);
    } else if (get_str(o, "id", al.id, sizeof al.id, where, "alert", err, errlen)) {
        goto out;
    }
    if (get_str(o, "mn", al.mn, sizeof al.mn, where, "alert", err, errlen) ||
        get_time(o, "time", al.time, &al.time_ms, where, "alert", err, errlen) ||
        get_str(o, "type", al.type, sizeof al.type, where, "alert", err, errlen))
        goto out;
    if (!hjfraud_find(al.type) && strcmp(al.type, "unknown") != 0) {
        seterr(err, errlen, "%s: alert: type \"%s\" is neither a fraud type nor \"unknown\"", where,
               al.type);
        goto out;
    }
    lv = cJSON_GetObjectItemCaseSensitive(o, "level");
    if (!cJSON_IsString(lv)) {
        seterr(err, errlen, "%s: alert: \"level\" is %s", where, lv ? "not a string" : "missing");
        goto out;
    }
    int lvl = -1;
    for (int i = 0; i < 3; i++)
        if (strcmp(lv->valuestring, level_names[i]) == 0) lvl = i;
    al.level = lvl < 0 ? SCORE_GREEN : (score_level)lvl;
    if (lvl < 0) {
        seterr(err, errlen, "%s: alert: level \"%.32s\" is not green, yellow or red", where,
               lv->valuestring);
        goto out;
    }
    e = cJSON_GetObjectItemCaseSensitive(o, "start");
    if (e && !cJSON_IsNull(e)) {
        char buf[SCORE_TIME_MAX] = "";
        int64_t ms = 0;
        if (get_time(o, "start", buf, &ms, where, "alert", err, errlen)) goto out;
    }
    e = cJSON_GetObjectItemCaseSensitive(o, "end");
    if (e && !cJSON_IsNull(e)) {
        char buf[SCORE_TIME_MAX] = "";
        if (get_time(o, "end", buf, &al.end_ms, where, "alert", err, errlen)) goto out;
        al.has_end = 1;
    }
    if (a->n >= MAX_ALERTS) {
        seterr(err, errlen, "%s: too many alerts (limit %zu)", where, MAX_ALERTS);
        goto out;
    }
    if ((a->nids + 1) * 2 >= a->hcap && hash_grow(a)) {
        seterr(err, errlen, "%s: out of memory", where);
        goto out;
    }
    size_t slot = hash_slot(a, al.id);
    if (a->hash[slot] && strcmp(a->v[a->hash[slot] - 1].mn, al.mn) != 0) {
        seterr(err, errlen, "%s: alert %s re-raised for station %s, first raised for %s", where,
               al.id, al.mn, a->v[a->hash[slot] - 1].mn);
        goto out;
    }
    if (a->n == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 64;
        score_alert *nv = realloc(a->v, ncap * sizeof *nv);
        if (!nv) {
            seterr(err, errlen, "%s: out of memory", where);
            goto out;
        }
        a->v = nv;
        a->cap = ncap;
    }
    a->v[a->n++] = al;
    if (!a->hash[slot]) {
        a->hash[slot] = a->n;
        a->nids++;
    }
    rc = 1;
out:
    cJSON_Delete(o);
    return rc;
}

/* Appends msg as one line of the error list in err. */
static void err_append(char *err, size_t errlen, const char *msg)
{
    if (!err || errlen == 0) return;
    size_t used = strlen(err);
    if (used + 1 >= errlen) return;
    snprintf(err + used, errlen - used, "%s%s", used ? "\n" : "", msg);
}

score_alerts *score_alerts_read(FILE *f, const char *name, char *err, size_t errlen)
{
    if (!name) name = "alerts";
    if (err && errlen) err[0] = '\0';
    score_alerts *a = score_alerts_new();
    char *line = malloc(SCORE_LINE_MAX + 2);
    if (!a || !line) {
        free(line);
        score_alerts_free(a);
        seterr(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    size_t lineno = 0, bad = 0;
    char msg[512] = "";
    int c = 0;
    while (c != EOF) {
        size_t len = 0;
        int nul = 0;
        while ((c = getc(f)) != EOF && c != '\n') {
            if (c == '\0') nul = 1;
            if (len <= SCORE_LINE_MAX) line[len++] = (char)c;
        }
        if (c == EOF && len == 0) break;
        line[len] = '\0';
        lineno++;
        int pre = 1;
        if (len > SCORE_LINE_MAX)
            snprintf(msg, sizeof msg, "%s:%zu: line too long (over %d bytes)", name, lineno,
                     SCORE_LINE_MAX);
        else if (nul)
            snprintf(msg, sizeof msg, "%s:%zu: NUL byte in line", name, lineno);
        else
            pre = 0;
        if (pre || score_alerts_add_line(a, line, name, lineno, msg, sizeof msg) < 0) {
            bad++;
            if (bad <= SCORE_ERR_LINES) err_append(err, errlen, msg);
        }
    }
    if (ferror(f)) {
        bad++;
        snprintf(msg, sizeof msg, "%s: read error", name);
        err_append(err, errlen, msg);
    }
    free(line);
    if (bad) {
        if (bad > SCORE_ERR_LINES) {
            snprintf(msg, sizeof msg, "%s: %zu bad lines in all", name, bad);
            err_append(err, errlen, msg);
        }
        score_alerts_free(a);
        return NULL;
    }
    return a;
}

score_alerts *score_alerts_parse(const char *text, const char *name, char *err, size_t errlen)
{
    if (!name) name = "alerts";
    if (!text) text = "";
    FILE *f = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    if (!f && strlen(text) == 0) return score_alerts_new(); /* fmemopen may refuse size 0 */
    if (!f) {
        seterr(err, errlen, "%s: %s", name, strerror(errno));
        return NULL;
    }
    score_alerts *a = score_alerts_read(f, name, err, errlen);
    fclose(f);
    return a;
}

score_alerts *score_alerts_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    score_alerts *a = score_alerts_read(f, path, err, errlen);
    fclose(f);
    return a;
}

/* ---- metrics ---- */

score_options score_options_default(void)
{
    score_options o = {SCORE_GRACE_DEFAULT_MS, NULL};
    return o;
}

void score_result_free(score_result *r)
{
    if (!r) return;
    if (r->ev)
        for (size_t i = 0; i < r->events; i++)
            free(r->ev[i].alert_ids);
    free(r->ev);
    free(r->fa);
    free(r->unknown_mns);
    free(r);
}

/* One raise as the metrics see it. */
typedef struct raise {
    const score_alert *al;
    long st;    /* station index, -1 unknown */
    size_t idn; /* index of its id group */
} raise;

/* One alert id: its first yellow/red raise and highest level. */
typedef struct idgroup {
    const score_alert *first_alarm; /* NULL when only green */
    score_level max;
    long st;
    int fa;
} idgroup;

static int cmp_raise_id(const void *a, const void *b)
{
    const raise *x = a, *y = b;
    int c = strcmp(x->al->id, y->al->id);
    if (c) return c;
    if (x->al->time_ms != y->al->time_ms) return x->al->time_ms < y->al->time_ms ? -1 : 1;
    return x->al->line < y->al->line ? -1 : x->al->line > y->al->line;
}

static int cmp_raise_st(const void *a, const void *b)
{
    const raise *x = a, *y = b;
    if (x->st != y->st) return x->st < y->st ? -1 : 1;
    if (x->al->time_ms != y->al->time_ms) return x->al->time_ms < y->al->time_ms ? -1 : 1;
    return x->al->line < y->al->line ? -1 : x->al->line > y->al->line;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_fa(const void *a, const void *b)
{
    const score_false_alarm *x = a, *y = b;
    if (x->time_ms != y->time_ms) return x->time_ms < y->time_ms ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int cmp_mn(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* NAB's scaled sigmoid: 2/(1+e^(5y)) - 1, and -1 beyond y > 3. */
static double nab_sigmoid(double y)
{
    if (y > 3.0) return -1.0;
    return 2.0 / (1.0 + exp(5.0 * y)) - 1.0;
}

typedef struct window {
    int64_t s, e;
    int hit;
} window;

static int cmp_window(const void *a, const void *b)
{
    const window *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    return x->e < y->e ? -1 : x->e > y->e;
}

/* Floor division of a time offset into 1-minute bins. */
static int64_t bin_of(int64_t off)
{
    return off >= 0 ? off / MIN_MS : -((-off + MIN_MS - 1) / MIN_MS);
}

/* BATADAL confusion counts of one station; alarms are its yellow/red raises. */
static int cm_station(const score_truth *t, long st, const raise *alarms, size_t na,
                      int64_t counts[4])
{
    int64_t nb = (t->end - t->start + MIN_MS - 1) / MIN_MS;
    unsigned char *bin = calloc((size_t)nb, 1); /* bit 0 attack, bit 1 flagged */
    if (!bin) return -1;
    for (size_t i = 0; i < t->nev; i++) {
        const score_event *e = &t->ev[i];
        if (station_find(t, e->mn) != st) continue;
        int64_t b0 = bin_of(e->start_ms - t->start), b1 = bin_of(e->end_ms - 1 - t->start);
        for (int64_t b = b0 < 0 ? 0 : b0; b <= b1 && b < nb; b++)
            bin[b] |= 1;
    }
    for (size_t i = 0; i < na; i++) {
        const score_alert *al = alarms[i].al;
        int64_t b0 = bin_of(al->time_ms - t->start), b1 = b0;
        if (al->has_end && al->end_ms > al->time_ms) b1 = bin_of(al->end_ms - 1 - t->start);
        for (int64_t b = b0 < 0 ? 0 : b0; b <= b1 && b < nb; b++)
            bin[b] |= 2;
    }
    for (int64_t b = 0; b < nb; b++) {
        int attack = bin[b] & 1, flag = (bin[b] & 2) != 0;
        counts[attack ? 0 : 2]++;          /* attack bins, normal bins */
        if (attack && flag) counts[1]++;   /* true positives */
        if (!attack && !flag) counts[3]++; /* true negatives */
    }
    free(bin);
    return 0;
}

/* NAB raw score of one station: TP/FN over its merged windows, FPs of its false alarms. */
static int nab_station(const score_truth *t, long st, int64_t grace, const raise *alarms, size_t na,
                       const idgroup *ids, score_result *r)
{
    size_t nw = 0;
    window *w = calloc(t->nev ? t->nev : 1, sizeof *w);
    if (!w) return -1;
    for (size_t i = 0; i < t->nev; i++)
        if (station_find(t, t->ev[i].mn) == st) {
            w[nw].s = t->ev[i].start_ms;
            w[nw].e = t->ev[i].end_ms + grace;
            nw++;
        }
    qsort(w, nw, sizeof *w, cmp_window);
    size_t m = 0; /* merge overlapping windows */
    for (size_t i = 0; i < nw; i++) {
        if (m && w[i].s <= w[m - 1].e) {
            if (w[i].e > w[m - 1].e) w[m - 1].e = w[i].e;
        } else {
            w[m++] = w[i];
        }
    }
    nw = m;
    const double max_tp = nab_sigmoid(-1.0);
    for (size_t i = 0; i < na; i++) {
        const score_alert *al = alarms[i].al;
        int64_t tm = al->time_ms;
        long in = -1, prev = -1;
        for (size_t k = 0; k < nw; k++) {
            if (w[k].s <= tm && tm <= w[k].e) in = (long)k;
            if (w[k].e < tm) prev = (long)k;
        }
        if (in >= 0) {
            window *x = &w[in];
            if (x->hit) continue;
            x->hit = 1;
            double pos = -(double)(x->e - tm) / (double)(x->e - x->s);
            r->nab_raw += NAB_A_TP * nab_sigmoid(pos) / max_tp;
            r->nab_tp++;
        } else if (ids[alarms[i].idn].fa && ids[alarms[i].idn].first_alarm == al) {
            double y = -1.0;
            if (prev >= 0) {
                const window *p = &w[prev];
                y = nab_sigmoid((double)(tm - p->e) / (double)(p->e - p->s));
            }
            r->nab_raw += NAB_A_FP * y;
            r->nab_fp++;
        }
    }
    for (size_t k = 0; k < nw; k++)
        if (!w[k].hit) {
            r->nab_raw -= NAB_A_FN;
            r->nab_fn++;
        }
    r->nab_windows += nw;
    free(w);
    return 0;
}

static int event_detection(const score_truth *t, int64_t grace, const raise *alarms, size_t na,
                           score_event_result *er)
{
    const score_event *e = &er->ev;
    er->ttd_minutes = NAN;
    long st = station_find(t, e->mn);
    int64_t wend = e->end_ms + grace;
    /* alarms are sorted by (station, time): start at the first (st, >= start) */
    size_t lo = 0, hi = na;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (alarms[mid].st < st || (alarms[mid].st == st && alarms[mid].al->time_ms < e->start_ms))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < na && alarms[i].st == st && alarms[i].al->time_ms <= wend; i++) {
        const score_alert *al = alarms[i].al;
        if (!er->detected) {
            er->detected = 1;
            er->ttd_minutes = (double)(al->time_ms - e->start_ms) / 60000.0;
            memcpy(er->detected_type, al->type, sizeof er->detected_type);
        }
        if (strcmp(al->type, e->type) == 0) {
            er->type_correct = 1;
            memcpy(er->detected_type, e->type, sizeof er->detected_type);
        }
        int seen = 0;
        for (size_t k = 0; k < er->n_alert_ids && !seen; k++)
            seen = strcmp(er->alert_ids[k], al->id) == 0;
        if (seen) continue;
        char(*nv)[SCORE_ID_MAX] =
            realloc(er->alert_ids, (er->n_alert_ids + 1) * sizeof *er->alert_ids);
        if (!nv) return -1;
        er->alert_ids = nv;
        memcpy(er->alert_ids[er->n_alert_ids++], al->id, SCORE_ID_MAX);
    }
    return 0;
}

static int in_some_window(const score_truth *t, long st, int64_t grace, int64_t tm)
{
    for (size_t i = 0; i < t->nev; i++) {
        const score_event *e = &t->ev[i];
        if (tm >= e->start_ms && tm <= e->end_ms + grace && station_find(t, e->mn) == st) return 1;
    }
    return 0;
}

score_result *score_compute(const score_truth *t, const score_alerts *a, const score_options *opt,
                            char *err, size_t errlen)
{
    score_options o = opt ? *opt : score_options_default();
    size_t nr = a ? a->n : 0;
    score_result *r = calloc(1, sizeof *r);
    raise *rs = calloc(nr ? nr : 1, sizeof *rs);
    idgroup *ids = calloc(nr ? nr : 1, sizeof *ids);
    double *ttd = calloc(t->nev ? t->nev : 1, sizeof *ttd);
    if (!r || !rs || !ids || !ttd) goto oom;
    r->ev = calloc(t->nev ? t->nev : 1, sizeof *r->ev);
    if (!r->ev) goto oom;
    snprintf(r->team, sizeof r->team, "%s", o.team ? o.team : "");
    snprintf(r->scenario, sizeof r->scenario, "%s", t->scenario);
    memcpy(r->start, t->start_s, sizeof r->start);
    memcpy(r->end, t->end_s, sizeof r->end);
    r->grace_ms = o.grace_ms;
    r->stations = t->nst;
    r->days = (double)(t->end - t->start) / (double)HJTIME_DAY_MS;
    r->station_days = (double)t->nst * r->days;
    r->events = t->nev;

    /* Group raises by id. */
    for (size_t i = 0; i < nr; i++) {
        rs[i].al = &a->v[i];
        rs[i].st = station_find(t, a->v[i].mn);
    }
    qsort(rs, nr, sizeof *rs, cmp_raise_id);
    size_t nid = 0;
    for (size_t i = 0; i < nr; i++) {
        if (i == 0 || strcmp(rs[i].al->id, rs[i - 1].al->id) != 0) {
            ids[nid].st = rs[i].st;
            ids[nid].max = SCORE_GREEN;
            nid++;
        }
        idgroup *g = &ids[nid - 1];
        rs[i].idn = nid - 1;
        if (rs[i].al->level > g->max) g->max = rs[i].al->level;
        if (rs[i].al->level >= SCORE_YELLOW && !g->first_alarm) g->first_alarm = rs[i].al;
    }

    /* False alarms and unknown stations, per id. */
    r->fa = calloc(nid ? nid : 1, sizeof *r->fa);
    /* one slot a raise: an id raised again (or several ids) at one unknown station */
    r->unknown_mns = calloc(nr ? nr : 1, sizeof *r->unknown_mns);
    if (!r->fa || !r->unknown_mns) goto oom;
    for (size_t i = 0; i < nid; i++) {
        idgroup *g = &ids[i];
        if (g->st < 0) r->unknown_station_alerts++;
        if (!g->first_alarm) continue;
        if (g->st >= 0 && in_some_window(t, g->st, o.grace_ms, g->first_alarm->time_ms)) continue;
        g->fa = 1;
        score_false_alarm *f = &r->fa[r->false_alarms++];
        memcpy(f->id, g->first_alarm->id, sizeof f->id);
        memcpy(f->mn, g->first_alarm->mn, sizeof f->mn);
        memcpy(f->type, g->first_alarm->type, sizeof f->type);
        memcpy(f->time, g->first_alarm->time, sizeof f->time);
        f->time_ms = g->first_alarm->time_ms;
        f->level = g->max;
        f->unknown_station = g->st < 0;
        if (g->max == SCORE_RED) r->red_false_alarms++;
    }
    qsort(r->fa, r->false_alarms, sizeof *r->fa, cmp_fa);
    for (size_t i = 0; i < nr; i++)
        if (rs[i].st < 0) memcpy(r->unknown_mns[r->n_unknown_mns++], rs[i].al->mn, SCORE_MN_MAX);
    qsort(r->unknown_mns, r->n_unknown_mns, sizeof *r->unknown_mns, cmp_mn);
    size_t u = 0;
    for (size_t i = 0; i < r->n_unknown_mns; i++)
        if (u == 0 || strcmp(r->unknown_mns[i], r->unknown_mns[u - 1]) != 0)
            memmove(r->unknown_mns[u++], r->unknown_mns[i], SCORE_MN_MAX);
    r->n_unknown_mns = u;
    r->false_alarms_per_station_day = (double)r->false_alarms / r->station_days;

    /* Alarms (yellow/red raises) of known stations, by station then time. */
    qsort(rs, nr, sizeof *rs, cmp_raise_st);
    size_t first_known = 0, na = 0;
    while (first_known < nr && rs[first_known].st < 0)
        first_known++;
    raise *alarms = rs + first_known;
    for (size_t i = first_known; i < nr; i++)
        if (rs[i].al->level >= SCORE_YELLOW) rs[first_known + na++] = rs[i];

    /* Detection, time to detect, type. */
    double sum_ttd = 0;
    size_t nd = 0;
    for (size_t i = 0; i < t->nev; i++) {
        score_event_result *er = &r->ev[i];
        er->ev = t->ev[i];
        if (event_detection(t, o.grace_ms, alarms, na, er)) goto oom;
        double dt = (double)(er->ev.end_ms - er->ev.start_ms) / 60000.0;
        if (er->detected) {
            r->detected++;
            ttd[nd++] = er->ttd_minutes;
            sum_ttd += (er->ttd_minutes < dt ? er->ttd_minutes : dt) / dt;
            if (er->type_correct) r->type_correct++;
        } else {
            sum_ttd += 1.0;
        }
    }
    r->recall = t->nev ? (double)r->detected / (double)t->nev : NAN;
    r->type_accuracy = r->detected ? (double)r->type_correct / (double)r->detected : NAN;
    r->median_ttd_minutes = NAN;
    if (nd) {
        qsort(ttd, nd, sizeof *ttd, cmp_double);
        r->median_ttd_minutes = nd % 2 ? ttd[nd / 2] : (ttd[nd / 2 - 1] + ttd[nd / 2]) / 2.0;
    }
    r->s_ttd = t->nev ? 1.0 - sum_ttd / (double)t->nev : 1.0;

    /* BATADAL S_CM and NAB, station by station. */
    int64_t cm[4] = {0, 0, 0, 0};
    size_t lo = 0;
    for (long st = 0; st < (long)t->nst; st++) {
        size_t hi = lo;
        while (hi < na && alarms[hi].st == st)
            hi++;
        if (cm_station(t, st, alarms + lo, hi - lo, cm) ||
            nab_station(t, st, o.grace_ms, alarms + lo, hi - lo, ids, r))
            goto oom;
        lo = hi;
    }
    /* False alarms of unknown stations: no window before them, A_FP x -1 each. */
    for (size_t i = 0; i < nid; i++)
        if (ids[i].fa && ids[i].st < 0) {
            r->nab_raw -= NAB_A_FP;
            r->nab_fp++;
        }
    r->tpr = cm[0] ? (double)cm[1] / (double)cm[0] : 1.0;
    r->tnr = cm[2] ? (double)cm[3] / (double)cm[2] : 1.0;
    r->s_cm = (r->tpr + r->tnr) / 2.0;
    r->batadal_s = 0.5 * r->s_ttd + 0.5 * r->s_cm;
    if (r->nab_windows) {
        double null_raw = -NAB_A_FN * (double)r->nab_windows;
        double perfect = NAB_A_TP * (double)r->nab_windows;
        r->nab_score = 100.0 * (r->nab_raw - null_raw) / (perfect - null_raw);
    } else {
        r->nab_score = NAN;
    }
    free(rs);
    free(ids);
    free(ttd);
    return r;
oom:
    seterr(err, errlen, "score: out of memory");
    free(rs);
    free(ids);
    free(ttd);
    score_result_free(r);
    return NULL;
}

/* ---- leaderboard order ---- */

/* -1 if x ranks before y on key value (higher better when hi), NAN last. */
static int cmp_key(double x, double y, int hi)
{
    if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
    if (x == y) return 0;
    return (hi ? x > y : x < y) ? -1 : 1;
}

static int cmp_metrics(const score_result *x, const score_result *y)
{
    int c = cmp_key(x->nab_score, y->nab_score, 1);
    if (!c) c = cmp_key(x->recall, y->recall, 1);
    if (!c) c = cmp_key((double)x->false_alarms, (double)y->false_alarms, 0);
    if (!c) c = cmp_key(x->median_ttd_minutes, y->median_ttd_minutes, 0);
    return c;
}

typedef struct ranked {
    const score_result *r;
    size_t i;
} ranked;

static int cmp_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int c = cmp_metrics(x->r, y->r);
    if (!c) c = strcmp(x->r->team, y->r->team);
    if (!c) c = x->i < y->i ? -1 : 1;
    return c;
}

/* Insertion sort: leaderboards are short, and this needs no allocation. */
void score_rank(const score_result *const *r, size_t n, size_t *order, size_t *rank)
{
    for (size_t i = 0; i < n; i++) {
        ranked cur = {r[i], i};
        size_t j = i;
        while (j > 0) {
            ranked prev = {r[order[j - 1]], order[j - 1]};
            if (cmp_rank(&prev, &cur) <= 0) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    if (!rank) return;
    for (size_t i = 0; i < n; i++)
        rank[i] = i > 0 && cmp_metrics(r[order[i]], r[order[i - 1]]) == 0 ? rank[i - 1] : i + 1;
}
