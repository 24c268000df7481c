/*
 * score-set.c — metrics over a set of scored runs (score-set.h): pooled counts, Wilson
 * intervals, false alarms at honest stations, the confusion matrix of the fraud types.
 */
#include "score-set.h"

#include "hjfraud.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct score_set {
    size_t runs, events, detected, type_correct, fa, red;
    double station_days;
    size_t honest, honest_fa, honest_red;
    double honest_sd;
    double *ttd;
    size_t nttd, cap;
    size_t *cell; /* ntypes x (ntypes + 2) */
};

static const char *const TEXTS_EN[SCORE_SET_T__COUNT] = {
#define SCORE_SET_TEXT_EN(id, en) [id] = en,
    SCORE_SET_TEXTS(SCORE_SET_TEXT_EN)
#undef SCORE_SET_TEXT_EN
};

const char *score_set_text_en(score_set_text t)
{
    return (unsigned)t < SCORE_SET_T__COUNT ? TEXTS_EN[t] : "?";
}

void score_wilson(size_t k, size_t n, double z, double *lo, double *hi)
{
    if (n == 0 || k > n) {
        *lo = *hi = NAN;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double den = 1.0 + z2 / nn;
    double mid = (p + z2 / (2.0 * nn)) / den;
    double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / den;
    *lo = k == 0 ? 0.0 : mid - half;
    *hi = k == n ? 1.0 : mid + half;
}

size_t score_set_ntypes(void)
{
    return hjfraud_count();
}

static size_t ncols(void)
{
    return hjfraud_count() + 2;
}

score_set *score_set_new(void)
{
    score_set *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cell = calloc(hjfraud_count() * ncols(), sizeof *s->cell);
    if (!s->cell) {
        free(s);
        return NULL;
    }
    return s;
}

void score_set_free(score_set *s)
{
    if (!s) return;
    free(s->ttd);
    free(s->cell);
    free(s);
}

/* Is mn the station of one of r's events? */
static int has_event(const score_result *r, const char *mn)
{
    for (size_t i = 0; i < r->events; i++)
        if (strcmp(r->ev[i].ev.mn, mn) == 0) return 1;
    return 0;
}

int score_set_add(score_set *s, const score_result *r)
{
    s->runs++;
    s->events += r->events;
    s->detected += r->detected;
    s->type_correct += r->type_correct;
    s->fa += r->false_alarms;
    s->red += r->red_false_alarms;
    s->station_days += r->station_days;
    /* honest stations: those without an event */
    size_t with_events = 0;
    for (size_t i = 0; i < r->events; i++) {
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(r->ev[k].ev.mn, r->ev[i].ev.mn) != 0;
        with_events += first;
    }
    size_t honest = r->stations > with_events ? r->stations - with_events : 0;
    s->honest += honest;
    s->honest_sd += (double)honest * r->days;
    for (size_t i = 0; i < r->false_alarms; i++) {
        const score_false_alarm *f = &r->fa[i];
        if (f->unknown_station || has_event(r, f->mn)) continue;
        s->honest_fa++;
        if (f->level == SCORE_RED) s->honest_red++;
    }
    for (size_t i = 0; i < r->events; i++) {
        const score_event_result *e = &r->ev[i];
        const hjfraud *t = hjfraud_find(e->ev.type);
        if (e->detected) {
            if (s->nttd == s->cap) {
                size_t nc = s->cap ? 2 * s->cap : 64;
                double *nt = realloc(s->ttd, nc * sizeof *nt);
                if (!nt) return -1;
                s->ttd = nt;
                s->cap = nc;
            }
            s->ttd[s->nttd++] = e->ttd_minutes;
        }
        if (!t) continue; /* the truth loader refuses such a type */
        size_t row = (size_t)hjfraud_index(t), col = SCORE_SET_MISSED;
        if (e->detected) {
            const hjfraud *d = hjfraud_find(e->detected_type);
            col = d ? (size_t)hjfraud_index(d) : SCORE_SET_UNKNOWN;
        }
        s->cell[row * ncols() + col]++;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void score_set_totals_get(const score_set *s, score_set_totals *t)
{
    memset(t, 0, sizeof *t);
    t->runs = s->runs;
    t->events = s->events;
    t->detected = s->detected;
    t->type_correct = s->type_correct;
    t->recall = s->events ? (double)s->detected / (double)s->events : NAN;
    score_wilson(s->detected, s->events, 1.96, &t->recall_lo, &t->recall_hi);
    t->type_accuracy = s->detected ? (double)s->type_correct / (double)s->detected : NAN;
    score_wilson(s->type_correct, s->detected, 1.96, &t->type_lo, &t->type_hi);
    t->false_alarms = s->fa;
    t->red_false_alarms = s->red;
    t->station_days = s->station_days;
    t->false_alarms_per_station_day = s->station_days > 0 ? (double)s->fa / s->station_days : NAN;
    t->honest_stations = s->honest;
    t->honest_false_alarms = s->honest_fa;
    t->honest_red_false_alarms = s->honest_red;
    t->honest_station_days = s->honest_sd;
    t->false_alarms_per_honest_station_day =
        s->honest_sd > 0 ? (double)s->honest_fa / s->honest_sd : NAN;
    t->median_ttd_minutes = NAN;
    if (s->nttd) {
        double *v = malloc(s->nttd * sizeof *v);
        if (v) {
            memcpy(v, s->ttd, s->nttd * sizeof *v);
            qsort(v, s->nttd, sizeof *v, cmp_double);
            size_t n = s->nttd;
            t->median_ttd_minutes = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
            free(v);
        }
    }
}

size_t score_set_cell(const score_set *s, size_t truth, size_t detected)
{
    if (truth >= hjfraud_count() || detected >= ncols()) return 0;
    return s->cell[truth * ncols() + detected];
}

size_t score_set_row(const score_set *s, size_t truth)
{
    size_t n = 0;
    for (size_t c = 0; c < ncols(); c++)
        n += score_set_cell(s, truth, c);
    return n;
}

/* ---- writers ---- */

static const char *L(const char *const *labels, score_set_text t)
{
    return labels && labels[t] ? labels[t] : TEXTS_EN[t];
}

static void ratio(char *b, size_t n, double v, const char *na)
{
    if (isnan(v))
        snprintf(b, n, "%s", na);
    else
        snprintf(b, n, "%.3f", v);
}

int score_set_write_text(FILE *f, const score_set *s, const char *const *labels,
                         const char *const *type_names)
{
    score_set_totals t;
    score_set_totals_get(s, &t);
    const char *na = L(labels, SCORE_SET_T_NA);
    char a[32], lo[32], hi[32];
    fprintf(f, "%s: %s %zu, %s %zu\n", L(labels, SCORE_SET_T_TITLE), L(labels, SCORE_SET_T_RUNS),
            t.runs, L(labels, SCORE_SET_T_EVENTS), t.events);
    ratio(a, sizeof a, t.recall, na);
    ratio(lo, sizeof lo, t.recall_lo, na);
    ratio(hi, sizeof hi, t.recall_hi, na);
    fprintf(f, "  %s %s (%zu/%zu), %s %s .. %s\n", L(labels, SCORE_SET_T_RECALL), a, t.detected,
            t.events, L(labels, SCORE_SET_T_CI), lo, hi);
    ratio(a, sizeof a, t.type_accuracy, na);
    ratio(lo, sizeof lo, t.type_lo, na);
    ratio(hi, sizeof hi, t.type_hi, na);
    fprintf(f, "  %s %s (%zu/%zu), %s %s .. %s\n", L(labels, SCORE_SET_T_TYPE_ACC), a,
            t.type_correct, t.detected, L(labels, SCORE_SET_T_CI), lo, hi);
    ratio(a, sizeof a, t.false_alarms_per_station_day, na);
    fprintf(f, "  %s %zu (%s %zu), %s %s\n", L(labels, SCORE_SET_T_FA), t.false_alarms,
            L(labels, SCORE_SET_T_RED), t.red_false_alarms, L(labels, SCORE_SET_T_PER_SD), a);
    ratio(a, sizeof a, t.false_alarms_per_honest_station_day, na);
    fprintf(f, "  %s %s %zu (%s %zu), %s %.1f, %s %s\n", L(labels, SCORE_SET_T_FA),
            L(labels, SCORE_SET_T_HONEST), t.honest_false_alarms, L(labels, SCORE_SET_T_RED),
            t.honest_red_false_alarms, L(labels, SCORE_SET_T_HONEST_SD), t.honest_station_days,
            L(labels, SCORE_SET_T_PER_HONEST_SD), a);
    if (isnan(t.median_ttd_minutes))
        fprintf(f, "  %s %s\n", L(labels, SCORE_SET_T_TTD), na);
    else
        fprintf(f, "  %s %.1f\n", L(labels, SCORE_SET_T_TTD), t.median_ttd_minutes);

    size_t nt = hjfraud_count();
    fprintf(f, "\n%s\n(%s)\n", L(labels, SCORE_SET_T_MATRIX), L(labels, SCORE_SET_T_LEGEND));
    fprintf(f, "%-32s", L(labels, SCORE_SET_T_COL_TRUTH));
    for (size_t c = 0; c < nt; c++)
        fprintf(f, "%4zu", c + 1);
    fprintf(f, "%4s%4s %5s %7s %7s\n", "?", "-", L(labels, SCORE_SET_T_COL_N),
            L(labels, SCORE_SET_T_COL_RECALL), L(labels, SCORE_SET_T_COL_TYPE_OK));
    for (size_t r = 0; r < nt; r++) {
        size_t n = score_set_row(s, r);
        if (!n) continue;
        const char *name = type_names && type_names[r] ? type_names[r] : hjfraud_at(r)->key;
        char head[160];
        snprintf(head, sizeof head, "%2zu %s", r + 1, name);
        /* pad by display columns: CJK characters take two */
        int w = 0;
        for (const unsigned char *p = (const unsigned char *)head; *p; p++)
            if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
        fprintf(f, "%s%*s", head, w < 32 ? 32 - w : 1, "");
        for (size_t c = 0; c < nt + 2; c++) {
            size_t v = score_set_cell(s, r, c);
            if (v)
                fprintf(f, "%4zu", v);
            else
                fprintf(f, "%4s", ".");
        }
        size_t missed = score_set_cell(s, r, SCORE_SET_MISSED);
        size_t ok = score_set_cell(s, r, r);
        char rec[32], tok[32];
        ratio(rec, sizeof rec, (double)(n - missed) / (double)n, na);
        ratio(tok, sizeof tok, n - missed ? (double)ok / (double)(n - missed) : NAN, na);
        fprintf(f, " %5zu %7s %7s\n", n, rec, tok);
    }
    return ferror(f) ? -1 : 0;
}

static void jnum(FILE *f, double v)
{
    if (isnan(v))
        fputs("null", f);
    else
        fprintf(f, "%.6g", v);
}

int score_set_write_json(FILE *f, const score_set *s)
{
    score_set_totals t;
    score_set_totals_get(s, &t);
    fprintf(f, "{\"runs\": %zu, \"events\": %zu, \"detected\": %zu, \"type_correct\": %zu, ",
            t.runs, t.events, t.detected, t.type_correct);
    fputs("\"recall\": ", f);
    jnum(f, t.recall);
    fputs(", \"recall_ci95\": [", f);
    jnum(f, t.recall_lo);
    fputs(", ", f);
    jnum(f, t.recall_hi);
    fputs("], \"type_accuracy\": ", f);
    jnum(f, t.type_accuracy);
    fputs(", \"type_accuracy_ci95\": [", f);
    jnum(f, t.type_lo);
    fputs(", ", f);
    jnum(f, t.type_hi);
    fprintf(f, "], \"false_alarms\": %zu, \"red_false_alarms\": %zu, \"station_days\": ",
            t.false_alarms, t.red_false_alarms);
    jnum(f, t.station_days);
    fputs(", \"false_alarms_per_station_day\": ", f);
    jnum(f, t.false_alarms_per_station_day);
    fprintf(f,
            ", \"honest_stations\": %zu, \"honest_false_alarms\": %zu, "
            "\"honest_red_false_alarms\": %zu, \"honest_station_days\": ",
            t.honest_stations, t.honest_false_alarms, t.honest_red_false_alarms);
    jnum(f, t.honest_station_days);
    fputs(", \"false_alarms_per_honest_station_day\": ", f);
    jnum(f, t.false_alarms_per_honest_station_day);
    fputs(", \"median_ttd_minutes\": ", f);
    jnum(f, t.median_ttd_minutes);
    size_t nt = hjfraud_count();
    fputs(", \"confusion\": {\"columns\": [", f);
    for (size_t c = 0; c < nt; c++)
        fprintf(f, "\"%s\", ", hjfraud_at(c)->key);
    fputs("\"unknown\", \"missed\"], \"rows\": [", f);
    int first = 1;
    for (size_t r = 0; r < nt; r++) {
        size_t n = score_set_row(s, r);
        if (!n) continue;
        size_t missed = score_set_cell(s, r, SCORE_SET_MISSED), ok = score_set_cell(s, r, r);
        fprintf(f,
                "%s{\"truth\": \"%s\", \"events\": %zu, \"detected\": %zu, \"type_correct\": %zu, "
                "\"recall\": ",
                first ? "" : ", ", hjfraud_at(r)->key, n, n - missed, ok);
        jnum(f, (double)(n - missed) / (double)n);
        fputs(", \"counts\": [", f);
        for (size_t c = 0; c < nt + 2; c++)
            fprintf(f, "%s%zu", c ? ", " : "", score_set_cell(s, r, c));
        fputs("]}", f);
        first = 0;
    }
    fputs("]}}\n", f);
    return ferror(f) ? -1 : 0;
}
