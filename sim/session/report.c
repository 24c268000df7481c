/*
 * report.c — loads a run's out folder (truth, series, alerts, limits) into per-station,
 * per-pixel-column aggregates laid out in panels, and writes report.html (report.h). The
 * picture is drawn from the same data by sim/view/report-png.c.
 *
 * Memory is bounded by the picture, not by the run: series.csv is folded into one column
 * aggregate (min, max, last of reported and true values) per pixel of the plot width.
 */
#include "report.h"

#include "hjfraud.h"
#include "hjcode.h"
#include "hjtime.h"
#include "i18n.h"
#include "score.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
    REPORT_PATH_MAX = 1200,
    REPORT_JSON_MAX = 16 * 1024 * 1024,
    REPORT_HTML_ALERTS = 2000, /* alerts listed in report.html */
    REPORT_MAX_WORK = 100000   /* work orders read from records.jsonl */
};
#define WORK_NEAR_MS (2 * 3600 * 1000LL) /* work orders this close to an alert's window */
#define OUTAGE_MS    (30 * 60 * 1000LL)  /* no rows of a code this long: the DAU was off */

/* The panels' codes: rows of the code table (proto/hjcode.h). A pollutant (Cou in kg)
 * has a discharge limit in the truth's "limits", under its short name ("cod"). */
static const int RCODE[REPORT_NCODES] = {
    [REPORT_COD] = HJCODE_COD, [REPORT_NH3N] = HJCODE_NH3N, [REPORT_TP] = HJCODE_TP,
    [REPORT_TN] = HJCODE_TN,   [REPORT_FLOW] = HJCODE_FLOW,
};

static const hjcode *rcode(int c)
{
    return hjcode_at((size_t)RCODE[c]);
}

/* The texts of i18n-suite.h, and the scorer's level and 'unknown' names of i18n-score.h,
 * without linking the command's i18n.c. */
#define TXT_EN(id, en, zh) [id] = en,
#define TXT_ZH(id, en, zh) [id] = zh,
static const char *const TXT[2][MSG__COUNT] = {
    {I18N_MESSAGES_SUITE(TXT_EN) I18N_MESSAGES_SCORE(TXT_EN)},
    {I18N_MESSAGES_SUITE(TXT_ZH) I18N_MESSAGES_SCORE(TXT_ZH)}};
#undef TXT_EN
#undef TXT_ZH

typedef struct name_label {
    const char *name;
    i18n_msg label;
} name_label;

/* Work order tasks of the scenarios and the fraud library; others are shown as written. */
static const name_label TASKS[] = {{"calibration", MSG_SU_R_TASK_CALIBRATION},
                                   {"maintenance", MSG_SU_R_TASK_MAINTENANCE},
                                   {"standard_check", MSG_SU_R_TASK_STANDARD_CHECK},
                                   {"inspection", MSG_SU_R_TASK_INSPECTION},
                                   {"repair", MSG_SU_R_TASK_REPAIR}};

static const char *label_of(const name_label *tab, size_t n, const char *name, const char *const *t)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(tab[i].name, name) == 0) return t[tab[i].label];
    return name;
}

/* A fraud type in the report's language ("sample_cup_injection" -> 样品杯注水): the names
 * of the catalogue (proto/hjfraud.h); "unknown" as the scorer's reports name it. */
const char *report_type_label(const char *type, const char *const *t)
{
    const hjfraud *ft = hjfraud_find(type);
    if (ft) return hjfraud_name(ft, t == TXT[1]);
    return strcmp(type, "unknown") == 0 ? t[MSG_SC_SCORE_T_TYPE_UNKNOWN] : type;
}

/* One alert id with its raises folded (report.html lists alerts, not raises). */
typedef struct ralert {
    size_t best;              /* index in alerts: its highest level, the last raise of it */
    size_t raises;            /* lines of this id */
    int64_t first_ms;         /* when it was first raised */
    int64_t start_ms, end_ms; /* window of the best raise; INT64_MIN: none given */
    char *ev[2];              /* evidence of the best raise, en / zh, lines joined by '\n' */
} ralert;

/* A work order of records.jsonl (the O&M system's records). */
typedef struct rwork {
    char mn[SCORE_MN_MAX];
    char task[64], who[64];
    int64_t start_ms, end_ms;
} rwork;

struct report {
    score_truth *truth;
    score_alerts *alerts; /* NULL when alerts.jsonl has bad lines */
    int64_t *line_start;  /* parallel to alerts: each raise's "start", INT64_MIN none */
    ralert *ra;           /* the distinct alerts, by first raise */
    size_t nra;
    rwork *work; /* work orders of records.jsonl, in file order */
    size_t nwork;
    score_result *score; /* NULL without alerts */
    char seed[32];
    report_station *st;
    size_t nst, ndrawn;
    int64_t t0, t1;
    int height;
};

static void set_err(char *err, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t n, const char *fmt, ...)
{
    if (!err || !n) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

/* ---- loading ---- */

static char *read_text(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            size_t nc = cap ? cap * 2 : 8192;
            if (nc > max + 1) nc = max + 1;
            if (nc <= n + 1) break; /* too big: truncated, cJSON will refuse it */
            char *nb = realloc(buf, nc);
            if (!nb) break;
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    return buf;
}

static report_station *find_station(report *r, const char *mn)
{
    for (size_t i = 0; i < r->nst; i++)
        if (strcmp(r->st[i].mn, mn) == 0) return &r->st[i];
    return NULL;
}

/* Station names and limits from a JSON file with "stations": [{"mn", "name", "limits"}]. */
static void load_station_extras(report *r, const char *path, int take_seed)
{
    char *text = read_text(path, REPORT_JSON_MAX);
    if (!text) return;
    cJSON *o = cJSON_Parse(text);
    free(text);
    if (!o) return;
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(o, "seed");
    if (take_seed && cJSON_IsNumber(seed))
        snprintf(r->seed, sizeof r->seed, "%.0f", seed->valuedouble);
    const cJSON *sts = cJSON_GetObjectItemCaseSensitive(o, "stations"), *x = NULL;
    cJSON_ArrayForEach(x, sts)
    {
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(x, "mn");
        if (!cJSON_IsString(mn)) continue;
        report_station *s = find_station(r, mn->valuestring);
        if (!s) continue;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(x, "name");
        if (cJSON_IsString(name) && !s->name[0])
            snprintf(s->name, sizeof s->name, "%s", name->valuestring);
        const cJSON *lim = cJSON_GetObjectItemCaseSensitive(x, "limits");
        for (int c = 0; c < REPORT_NCODES; c++) {
            if (rcode(c)->cou != HJCODE_COU_KG) continue;
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(lim, rcode(c)->alias);
            if (cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble > 0)
                s->limit[c] = v->valuedouble;
        }
    }
    cJSON_Delete(o);
}

static int code_index(const char *code)
{
    for (int c = 0; c < REPORT_NCODES; c++)
        if (strcmp(rcode(c)->code, code) == 0) return c;
    return -1;
}

static int time_col(const report *r, int64_t t)
{
    if (t <= r->t0) return 0;
    if (t >= r->t1) return REPORT_NCOLS - 1;
    int64_t c = (t - r->t0) * REPORT_NCOLS / (r->t1 - r->t0);
    return c >= REPORT_NCOLS ? REPORT_NCOLS - 1 : (int)c;
}

/* One row into column c; has_rv 0: the DAU had no value yet (rv is the register's 0). */
static void fold(report_series *s, int c, double tv, double rv, int has_rv)
{
    report_col *k = &s->cols[c];
    if (k->n == 0) k->tmin = k->tmax = (float)tv;
    if (tv < k->tmin) k->tmin = (float)tv;
    if (tv > k->tmax) k->tmax = (float)tv;
    k->tlast = (float)tv;
    k->n++;
    if (tv > s->vmax) s->vmax = tv;
    if (!has_rv) return;
    if (k->rn == 0) k->rmin = k->rmax = (float)rv;
    if (rv < k->rmin) k->rmin = (float)rv;
    if (rv > k->rmax) k->rmax = (float)rv;
    k->rlast = (float)rv;
    k->rn++;
    if (rv > s->vmax) s->vmax = rv;
}

/* series.csv: time,mn,code,true,reported,flag,fresh. Bad or foreign lines are skipped.
 * A code's reported value counts from its first fresh row (a new measurement) or its first
 * value other than 0 (one the analyzer already held): before, the DAU polls an analyzer
 * that has measured nothing and holds the register's 0, which it does not send to the
 * platform either. The same after an outage (no rows for more than OUTAGE_MS: the DAU was
 * off), when an analyzer may come back empty. Files without the fresh column: all rows. */
static int load_series(report *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0; /* no series: empty charts */
    char line[512], last_time[SCORE_TIME_MAX] = "";
    int64_t t = 0;
    int t_ok = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) { /* overlong: skip the rest */
            int ch = 0;
            while ((ch = fgetc(f)) != EOF && ch != '\n') {
            }
            continue;
        }
        char *field[7] = {NULL};
        int nf = 0;
        char *p = line;
        while (nf < 7) {
            field[nf++] = p;
            char *comma = strchr(p, ',');
            if (!comma) break;
            *comma = '\0';
            p = comma + 1;
        }
        if (nf < 5) continue;
        int c = code_index(field[2]);
        if (c < 0) continue;
        report_station *s = find_station(r, field[1]);
        if (!s) continue;
        if (strcmp(field[0], last_time) != 0) { /* rows of one poll share their time */
            snprintf(last_time, sizeof last_time, "%s", field[0]);
            t_ok = hjtime_parse_iso_any(field[0], &t) == 0;
        }
        if (!t_ok || t < r->t0 || t > r->t1) continue;
        char *e1 = NULL, *e2 = NULL;
        double tv = strtod(field[3], &e1), rv = strtod(field[4], &e2);
        if (e1 == field[3] || e2 == field[4] || !isfinite(tv) || !isfinite(rv)) continue;
        report_series *se = &s->s[c];
        if (!se->cols) {
            se->cols = calloc(REPORT_NCOLS, sizeof *se->cols);
            if (!se->cols) {
                fclose(f);
                set_err(err, errlen, "%s: out of memory", path);
                return -1;
            }
        }
        if (se->last_ms != INT64_MIN && t - se->last_ms > OUTAGE_MS) se->measured = 0;
        se->last_ms = t;
        if (nf < 7 || atoi(field[6]) != 0 || rv != 0) se->measured = 1;
        fold(se, time_col(r, t), tv, rv, se->measured);
    }
    fclose(f);
    return 0;
}

static void free_alerts(report *r)
{
    for (size_t i = 0; r->ra && i < r->nra; i++) {
        free(r->ra[i].ev[0]);
        free(r->ra[i].ev[1]);
    }
    free(r->ra);
    r->ra = NULL;
    r->nra = 0;
    free(r->line_start);
    r->line_start = NULL;
}

/* A line longer than the buffer: skipped to its end. 1 when it was one. */
static int skip_long(FILE *f, const char *line)
{
    size_t len = strlen(line);
    if (!len || line[len - 1] == '\n' || feof(f)) return 0;
    int ch = 0;
    while ((ch = fgetc(f)) != EOF && ch != '\n') {
    }
    return 1;
}

static int64_t opt_time(const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    int64_t ms = 0;
    if (cJSON_IsString(x) && hjtime_parse_iso_any(x->valuestring, &ms) == 0) return ms;
    return INT64_MIN;
}

/* The strings of a JSON array joined by '\n' (newlines inside them become spaces);
 * NULL when there is none. */
static char *join_lines(const cJSON *arr)
{
    size_t n = 0;
    const cJSON *x = NULL;
    cJSON_ArrayForEach(x, arr) if (cJSON_IsString(x)) n += strlen(x->valuestring) + 1;
    if (n == 0) return NULL;
    char *out = malloc(n), *p = out;
    if (!out) return NULL;
    cJSON_ArrayForEach(x, arr)
    {
        if (!cJSON_IsString(x)) continue;
        if (p > out) *p++ = '\n';
        for (const char *c = x->valuestring; *c; c++)
            *p++ = *c == '\n' || *c == '\r' ? ' ' : *c;
    }
    *p = '\0';
    return out;
}

typedef struct raise_ref {
    const char *id;
    size_t i; /* index in alerts (file order) */
} raise_ref;

static int cmp_raise(const void *a, const void *b)
{
    const raise_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c) return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_first(const void *a, const void *b)
{
    const ralert *x = a, *y = b;
    if (x->first_ms != y->first_ms) return x->first_ms < y->first_ms ? -1 : 1;
    return x->best < y->best ? -1 : x->best > y->best;
}

/* Folds the raises into distinct alerts: per id the raise of the highest level (the last
 * of them), the first raise time and the count; sorted by first raise. */
static int group_alerts(report *r)
{
    size_t n = score_alerts_count(r->alerts);
    if (n == 0) return 0;
    raise_ref *idx = malloc(n * sizeof *idx);
    r->ra = calloc(n, sizeof *r->ra);
    if (!idx || !r->ra) {
        free(idx);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = (raise_ref){score_alerts_get(r->alerts, i)->id, i};
    qsort(idx, n, sizeof *idx, cmp_raise);
    for (size_t i = 0; i < n; i++) {
        const score_alert *a = score_alerts_get(r->alerts, idx[i].i);
        ralert *g = r->nra ? &r->ra[r->nra - 1] : NULL;
        if (!g || strcmp(score_alerts_get(r->alerts, g->best)->id, a->id) != 0) {
            g = &r->ra[r->nra++];
            g->best = idx[i].i;
            g->first_ms = a->time_ms;
            g->start_ms = g->end_ms = INT64_MIN;
        }
        g->raises++;
        if (a->time_ms < g->first_ms) g->first_ms = a->time_ms;
        if (a->level >= score_alerts_get(r->alerts, g->best)->level) g->best = idx[i].i;
    }
    free(idx);
    qsort(r->ra, r->nra, sizeof *r->ra, cmp_first);
    return 0;
}

/* alerts.jsonl through the scorer's line parser, plus each raise's optional "start"; then
 * the distinct alerts, and a second reading for the evidence of their best raises. */
static int load_alerts(report *r, const char *path, char *err, size_t errlen)
{
    r->alerts = score_alerts_new();
    if (!r->alerts) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) return 0; /* no alerts file: no alerts */
    char *line = malloc(SCORE_LINE_MAX + 2);
    if (!line) {
        fclose(f);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    size_t lineno = 0, n = 0, cap = 0;
    int bad = 0;
    char e[256];
    while (fgets(line, SCORE_LINE_MAX + 2, f)) {
        lineno++;
        if (skip_long(f, line)) {
            bad = 1;
            break;
        }
        int rc = score_alerts_add_line(r->alerts, line, "alerts.jsonl", lineno, e, sizeof e);
        if (rc < 0) {
            bad = 1;
            break;
        }
        if (rc == 0) continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            int64_t *ns = realloc(r->line_start, nc * sizeof *ns);
            if (!ns) {
                bad = 1;
                break;
            }
            r->line_start = ns;
            cap = nc;
        }
        cJSON *o = cJSON_Parse(line);
        r->line_start[n++] = opt_time(o, "start");
        cJSON_Delete(o);
    }
    if (!bad && n == score_alerts_count(r->alerts) && group_alerts(r) == 0) {
        /* the evidence and window of each alert's best raise */
        size_t nlines = lineno;
        size_t *want = calloc(nlines + 1, sizeof *want); /* line number -> alert + 1 */
        for (size_t g = 0; want && g < r->nra; g++)
            want[score_alerts_get(r->alerts, r->ra[g].best)->line] = g + 1;
        rewind(f);
        lineno = 0;
        while (want && fgets(line, SCORE_LINE_MAX + 2, f)) {
            lineno++;
            if (skip_long(f, line) || lineno > nlines || !want[lineno]) continue;
            ralert *g = &r->ra[want[lineno] - 1];
            cJSON *o = cJSON_Parse(line);
            const cJSON *all = cJSON_GetObjectItemCaseSensitive(o, "evidence");
            const cJSON *en = cJSON_GetObjectItemCaseSensitive(o, "evidence_en");
            const cJSON *zh = cJSON_GetObjectItemCaseSensitive(o, "evidence_zh");
            g->ev[0] = join_lines(cJSON_IsArray(en) ? en : all);
            g->ev[1] = join_lines(cJSON_IsArray(zh) ? zh : all);
            g->start_ms = opt_time(o, "start");
            g->end_ms = opt_time(o, "end");
            cJSON_Delete(o);
        }
        free(want);
    } else {
        bad = 1;
    }
    free(line);
    fclose(f);
    if (bad) { /* drawn without alerts */
        score_alerts_free(r->alerts);
        r->alerts = NULL;
        free_alerts(r);
    }
    return 0;
}

static void copy_str(char *dst, size_t n, const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    snprintf(dst, n, "%s", cJSON_IsString(x) ? x->valuestring : "");
}

/* The work orders of records.jsonl (missing: none; bad lines are skipped). */
static void load_work_orders(report *r, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char *line = malloc(SCORE_LINE_MAX + 2);
    size_t cap = 0;
    while (line && r->nwork < REPORT_MAX_WORK && fgets(line, SCORE_LINE_MAX + 2, f)) {
        if (skip_long(f, line) || !strstr(line, "work_order")) continue;
        cJSON *o = cJSON_Parse(line);
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
        rwork w;
        memset(&w, 0, sizeof w);
        w.start_ms = opt_time(o, "start");
        w.end_ms = opt_time(o, "end");
        copy_str(w.mn, sizeof w.mn, o, "mn");
        copy_str(w.task, sizeof w.task, o, "task");
        copy_str(w.who, sizeof w.who, o, "who");
        int is_work = cJSON_IsString(kind) && strcmp(kind->valuestring, "work_order") == 0;
        cJSON_Delete(o);
        if (!is_work || !w.mn[0] || w.start_ms == INT64_MIN) continue;
        if (w.end_ms == INT64_MIN || w.end_ms < w.start_ms) w.end_ms = w.start_ms;
        if (r->nwork == cap) {
            size_t nc = cap ? 2 * cap : 32;
            rwork *nw = realloc(r->work, nc * sizeof *nw);
            if (!nw) break;
            r->work = nw;
            cap = nc;
        }
        r->work[r->nwork++] = w;
    }
    free(line);
    fclose(f);
}

/* A "nice" step (1, 2, 2.5, 5 x 10^k) for about n ticks up to top. */
static double nice_step(double top, int n)
{
    double raw = top / n, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * mag;
}

static void layout(report *r)
{
    int y = REPORT_TITLE_H;
    r->ndrawn = r->nst < REPORT_MAX_STATIONS ? r->nst : REPORT_MAX_STATIONS;
    for (size_t i = 0; i < r->nst; i++) {
        report_station *s = &r->st[i];
        int any = 0;
        for (int c = 0; c < REPORT_NCODES; c++) {
            s->panel_top[c] = -1;
            report_series *se = &s->s[c];
            double top = se->vmax;
            if (!isnan(s->limit[c]) && s->limit[c] > top) top = s->limit[c];
            top *= 1.08;
            if (!(top > 0)) top = 1;
            se->ystep = nice_step(top, 4);
            se->ymax = ceil(top / se->ystep - 1e-9) * se->ystep;
            if (se->cols) any = 1;
        }
        if (i >= r->ndrawn) continue;
        y += REPORT_ST_HDR_H;
        for (int c = 0; c < REPORT_NCODES; c++) {
            if (!s->s[c].cols && (any || c != REPORT_COD)) continue;
            s->panel_top[c] = y; /* without any data: one empty COD panel */
            y += REPORT_PANEL_H;
        }
        y += REPORT_ST_GAP;
    }
    if (r->nst > r->ndrawn) y += 24; /* "N more stations not drawn" */
    r->height = y + REPORT_FOOT_H;
}

void report_free(report *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->nst; i++)
        for (int c = 0; c < REPORT_NCODES; c++)
            free(r->st[i].s[c].cols);
    free(r->st);
    free_alerts(r);
    free(r->work);
    score_result_free(r->score);
    score_alerts_free(r->alerts);
    score_truth_free(r->truth);
    free(r);
}

report *report_load(const char *out_dir, char *err, size_t errlen)
{
    char path[REPORT_PATH_MAX], e[512] = "";
    report *r = calloc(1, sizeof *r);
    if (!r) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(path, sizeof path, "%s/truth.json", out_dir);
    r->truth = score_truth_load(path, e, sizeof e);
    if (!r->truth) {
        set_err(err, errlen, "%s", e);
        goto fail;
    }
    r->t0 = score_truth_start(r->truth);
    r->t1 = score_truth_end(r->truth);
    r->nst = score_truth_nstations(r->truth);
    r->st = calloc(r->nst, sizeof *r->st);
    if (!r->st) {
        set_err(err, errlen, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < r->nst; i++) {
        snprintf(r->st[i].mn, sizeof r->st[i].mn, "%s", score_truth_station(r->truth, i));
        for (int c = 0; c < REPORT_NCODES; c++) {
            r->st[i].limit[c] = NAN;
            r->st[i].s[c].last_ms = INT64_MIN;
        }
    }
    load_station_extras(r, path, 1);
    snprintf(path, sizeof path, "%s/report.json", out_dir);
    load_station_extras(r, path, 0);
    snprintf(path, sizeof path, "%s/series.csv", out_dir);
    if (load_series(r, path, err, errlen) != 0) goto fail;
    snprintf(path, sizeof path, "%s/alerts.jsonl", out_dir);
    if (load_alerts(r, path, err, errlen) != 0) goto fail;
    snprintf(path, sizeof path, "%s/records.jsonl", out_dir);
    load_work_orders(r, path);
    if (r->alerts) {
        score_options opt = score_options_default();
        r->score = score_compute(r->truth, r->alerts, &opt, e, sizeof e);
        if (!r->score) {
            set_err(err, errlen, "%s", e);
            goto fail;
        }
    }
    layout(r);
    return r;
fail:
    report_free(r);
    return NULL;
}

/* ---- geometry ---- */

int report_height(const report *r)
{
    return r->height;
}

int report_time_x(const report *r, int64_t ms)
{
    if (ms <= r->t0) return REPORT_PLOT_LEFT;
    if (ms >= r->t1) return REPORT_PLOT_RIGHT - 1;
    int64_t x = REPORT_PLOT_LEFT + (ms - r->t0) * REPORT_NCOLS / (r->t1 - r->t0);
    return x >= REPORT_PLOT_RIGHT ? REPORT_PLOT_RIGHT - 1 : (int)x;
}

int report_panel_top(const report *r, size_t station, const char *code)
{
    int c = code_index(code);
    if (c < 0 || station >= r->nst) return -1;
    return r->st[station].panel_top[c];
}

int report_series_y(const report_series *se, int top, double v)
{
    int y0 = top + REPORT_PLOT_TOP, y1 = top + REPORT_PLOT_BOT;
    double f = v / se->ymax;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    return y1 - (int)lround(f * (y1 - y0));
}

int report_value_y(const report *r, size_t station, const char *code, double v)
{
    int c = code_index(code);
    int top = report_panel_top(r, station, code);
    if (top < 0) return -1;
    return report_series_y(&r->st[station].s[c], top, v);
}

/* ---- text helpers ---- */

void report_fmt_local(int64_t ms, char *buf, size_t n, int with_date)
{
    hjtime_tm tm;
    hjtime_to_local(ms, &tm);
    if (with_date == 2)
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", tm.year, tm.month, tm.day, tm.hour, tm.min);
    else if (with_date)
        snprintf(buf, n, "%02d-%02d %02d:%02d", tm.month, tm.day, tm.hour, tm.min);
    else
        snprintf(buf, n, "%02d:%02d", tm.hour, tm.min);
}

static int same_day(int64_t a, int64_t b)
{
    return hjtime_local_day(a) == hjtime_local_day(b);
}

void report_score_line(const report *r, const char *const *t, char *buf, size_t n)
{
    const score_result *s = r->score;
    if (!s) {
        snprintf(buf, n, "%s", t[MSG_SU_R_NO_SCORE]);
        return;
    }
    char ttd[48];
    if (isnan(s->median_ttd_minutes))
        snprintf(ttd, sizeof ttd, "%s", t[MSG_SU_R_NA]);
    else
        snprintf(ttd, sizeof ttd, "%.0f %s", s->median_ttd_minutes, t[MSG_SU_R_MIN]);
    char recall[16], nab[16], bs[16];
    if (isnan(s->recall))
        snprintf(recall, sizeof recall, "%s", t[MSG_SU_R_NA]);
    else
        snprintf(recall, sizeof recall, "%.0f%%", 100 * s->recall);
    if (isnan(s->nab_score))
        snprintf(nab, sizeof nab, "%s", t[MSG_SU_R_NA]);
    else
        snprintf(nab, sizeof nab, "%.1f", s->nab_score);
    snprintf(bs, sizeof bs, "%.3f", s->batadal_s);
    snprintf(buf, n, "%s %zu · %s %zu · %s %s · %s %zu (%s %zu) · %s %s · BATADAL S %s · NAB %s",
             t[MSG_SU_R_EVENTS], s->events, t[MSG_SU_R_DETECTED], s->detected, t[MSG_SU_R_RECALL],
             recall, t[MSG_SU_R_FA], s->false_alarms, t[MSG_SU_R_RED_FA], s->red_false_alarms,
             t[MSG_SU_R_TTD], ttd, bs, nab);
}

const char *const *report_texts(const char *lang)
{
    return TXT[lang && strcmp(lang, "zh") == 0];
}

/* ---- what the drawing reads ---- */

const score_truth *report_truth(const report *r)
{
    return r->truth;
}

const score_alerts *report_alerts(const report *r)
{
    return r->alerts;
}

int64_t report_alert_start(const report *r, size_t i)
{
    return r->alerts && r->line_start && i < score_alerts_count(r->alerts) ? r->line_start[i]
                                                                           : INT64_MIN;
}

const char *report_seed(const report *r)
{
    return r->seed;
}

size_t report_nstations(const report *r)
{
    return r->nst;
}

size_t report_ndrawn(const report *r)
{
    return r->ndrawn;
}

const report_station *report_station_at(const report *r, size_t i)
{
    return i < r->nst ? &r->st[i] : NULL;
}

const hjcode *report_code(int c)
{
    return rcode(c);
}

/* ---- HTML ---- */

static void html_put(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '"')
            fputs("&quot;", f);
        else
            fputc(*s, f);
    }
}

static const char *level_class(score_level l)
{
    return l == SCORE_RED ? "red" : l == SCORE_YELLOW ? "yellow" : "green";
}

static const char *level_label(score_level l, const char *const *t)
{
    return t[l == SCORE_RED      ? MSG_SC_SCORE_T_LEVEL_RED
             : l == SCORE_YELLOW ? MSG_SC_SCORE_T_LEVEL_YELLOW
                                 : MSG_SC_SCORE_T_LEVEL_GREEN];
}

/* Lines separated by '\n' as <li> items. */
static void html_lines(FILE *f, const char *s)
{
    fputs("<ul>", f);
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
        fputs("<li>", f);
        html_put(f, buf);
        fputs("</li>", f);
        s = nl ? nl + 1 : s + n;
    }
    fputs("</ul>", f);
}

/* One alert: its best raise, first raise, window, evidence, and the work orders of its
 * station that overlap its window widened by WORK_NEAR_MS. */
static void html_alert(FILE *f, const report *r, const ralert *g, const char *const *t, int zh)
{
    const score_alert *al = score_alerts_get(r->alerts, g->best);
    char a[32], b[32];
    fputs("<tr id=\"alert-", f);
    html_put(f, al->id);
    fputs("\"><td>", f);
    html_put(f, al->id);
    fputs("</td><td>", f);
    html_put(f, al->mn);
    report_fmt_local(g->first_ms, a, sizeof a, 2);
    report_fmt_local(al->time_ms, b, sizeof b, 2);
    fprintf(f, "</td><td>%s</td><td class=\"%s\">%s</td><td>%s</td><td>%zu</td><td>", a,
            level_class(al->level), level_label(al->level, t), b, g->raises);
    html_put(f, report_type_label(al->type, t));
    fputs("</td><td>", f);
    int64_t ws = g->start_ms != INT64_MIN ? g->start_ms : al->time_ms;
    int64_t we = g->end_ms != INT64_MIN && g->end_ms >= ws ? g->end_ms : al->time_ms;
    if (we < ws) we = ws;
    report_fmt_local(ws, a, sizeof a, 2);
    report_fmt_local(we, b, sizeof b, same_day(ws, we) ? 0 : 1);
    if (g->start_ms != INT64_MIN) fprintf(f, "%s .. %s", a, b);
    fputs("</td><td>", f);
    html_lines(f, g->ev[zh] ? g->ev[zh] : g->ev[!zh]);
    fputs("</td><td><ul>", f);
    for (size_t i = 0; i < r->nwork; i++) {
        const rwork *w = &r->work[i];
        if (strcmp(w->mn, al->mn) != 0 || w->end_ms < ws - WORK_NEAR_MS ||
            w->start_ms > we + WORK_NEAR_MS)
            continue;
        report_fmt_local(w->start_ms, a, sizeof a, 1);
        report_fmt_local(w->end_ms, b, sizeof b, same_day(w->start_ms, w->end_ms) ? 0 : 1);
        fprintf(f, "<li>%s .. %s ", a, b);
        html_put(f, label_of(TASKS, sizeof TASKS / sizeof TASKS[0], w->task, t));
        fputs(" · ", f);
        html_put(f, w->who);
        fputs("</li>", f);
    }
    fputs("</ul></td></tr>\n", f);
}

/* with_png: the picture is shown (report.png beside it). */
static int write_html(const report *r, const char *path, const char *const *t, int zh, int with_png,
                      char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char buf[512], a[32], b[32];
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            zh ? "zh-CN" : "en");
    html_put(f, t[MSG_SU_R_TITLE]);
    fputs(" — ", f);
    html_put(f, score_truth_scenario(r->truth));
    fputs("</title>\n<style>body{font-family:\"Noto Sans CJK SC\",sans-serif;margin:16px}"
          "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
          "img{max-width:100%}td{vertical-align:top}td "
          "ul{margin:0;padding-left:1.2em}.red{color:#d71919}.yellow{color:#b08000}.green{color:#"
          "28a03c}"
          "</style>\n</head>\n<body>\n<h1>",
          f);
    html_put(f, t[MSG_SU_R_TITLE]);
    fputs(" — ", f);
    html_put(f, score_truth_scenario(r->truth));
    report_fmt_local(r->t0, a, sizeof a, 2);
    report_fmt_local(r->t1, b, sizeof b, 2);
    fprintf(f, "</h1>\n<p>%s %s .. %s (%s)</p>\n<p>", t[MSG_SU_R_RUN], a, b, t[MSG_SU_R_TZ]);
    report_score_line(r, t, buf, sizeof buf);
    html_put(f, buf);
    if (with_png) {
        fputs("</p>\n<p><img src=\"report.png\" alt=\"report.png\"></p>\n<h2>", f);
    } else {
        fputs("</p>\n<p>", f);
        html_put(f, t[MSG_SU_R_NO_PNG]);
        fputs("</p>\n<h2>", f);
    }
    html_put(f, t[MSG_SU_R_TRUTH_LIST]);
    fprintf(f,
            "</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>MN</th><th>%s</th><th>%s</th><th>%s</"
            "th></tr>\n",
            t[MSG_SU_R_COL_ID], t[MSG_SU_R_COL_TYPE], t[MSG_SU_R_COL_START], t[MSG_SU_R_COL_END],
            t[MSG_SU_R_COL_RESULT]);
    for (size_t i = 0; i < score_truth_nevents(r->truth); i++) {
        const score_event *e = score_truth_event(r->truth, i);
        report_fmt_local(e->start_ms, a, sizeof a, 2);
        report_fmt_local(e->end_ms, b, sizeof b, 2);
        fprintf(f, "<tr><td>%lld</td><td>", e->id);
        html_put(f, report_type_label(e->type, t));
        fputs("</td><td>", f);
        html_put(f, e->mn);
        fprintf(f, "</td><td>%s</td><td>%s</td><td>", a, b);
        const score_event_result *er = r->score && i < r->score->events ? &r->score->ev[i] : NULL;
        if (!er)
            fputs("-", f);
        else if (!er->detected)
            fprintf(f, "<span class=\"red\">%s</span>", t[MSG_SU_R_MISSED]);
        else
            fprintf(f, "TTD %.0f %s", er->ttd_minutes, t[MSG_SU_R_MIN]);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<h2>", f);
    html_put(f, t[MSG_SU_R_ALERT_LIST]);
    fprintf(f, " (%zu)</h2>\n<p>", r->alerts ? r->nra : 0);
    html_put(f, t[MSG_SU_R_ALERTS_NOTE]);
    fprintf(f,
            "</p>\n<table>\n<tr><th>%s</th><th>MN</th><th>%s</th><th>%s</th><th>%s</th>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            t[MSG_SU_R_COL_ID], t[MSG_SU_R_COL_FIRST], t[MSG_SU_R_COL_LEVEL], t[MSG_SU_R_COL_LAST],
            t[MSG_SU_R_COL_RAISES], t[MSG_SU_R_COL_TYPE], t[MSG_SU_R_COL_WINDOW],
            t[MSG_SU_R_COL_EVIDENCE], t[MSG_SU_R_COL_WORK]);
    for (size_t i = 0; r->alerts && i < r->nra && i < REPORT_HTML_ALERTS; i++)
        html_alert(f, r, &r->ra[i], t, zh);
    fputs("</table>\n", f);
    if (r->alerts && r->nra > REPORT_HTML_ALERTS)
        fprintf(f, "<p>%zu %s</p>\n", r->nra - REPORT_HTML_ALERTS, t[MSG_SU_R_MORE_ALERTS]);
    fputs("</body>\n</html>\n", f);
    int rc = ferror(f) ? -1 : 0;
    if (fclose(f) != 0) rc = -1;
    if (rc) set_err(err, errlen, "%s: write error", path);
    return rc;
}

int report_write_html(const report *r, const char *dir, const char *lang, int with_png, char *err,
                      size_t errlen)
{
    int zh = lang && strcmp(lang, "zh") == 0;
    char path[REPORT_PATH_MAX];
    snprintf(path, sizeof path, "%s/report.html", dir);
    return write_html(r, path, TXT[zh], zh, with_png, err, errlen);
}
