/*
 * score-report.c — the reports of score.h: text (any language, from a label table),
 * JSON, JUnit XML, leaderboard. Writers only write to the FILE * they are given.
 */
#include "score.h"

#include "hjfraud.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const texts_en[SCORE_T__COUNT] = {
#define SCORE_TEXT_ROW(id, en) [id] = en,
    SCORE_TEXTS(SCORE_TEXT_ROW)
#undef SCORE_TEXT_ROW
};

static const char *const level_names[] = {"green", "yellow", "red"};

#define RANK_RULE                                                                                  \
    "nab_score desc, recall desc, false_alarms asc, median_ttd_minutes asc, team asc; "            \
    "null last"

const char *score_text_en(score_text t)
{
    return (unsigned)t < SCORE_T__COUNT ? texts_en[t] : "?";
}

static const char *L(const char *const *labels, score_text t)
{
    if (labels && labels[t]) return labels[t];
    return score_text_en(t);
}

/* Display width of UTF-8 text: East Asian wide characters count 2 columns. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp = *p;
        int n = 1;
        if (cp >= 0xF0) {
            cp &= 0x07;
            n = 4;
        } else if (cp >= 0xE0) {
            cp &= 0x0F;
            n = 3;
        } else if (cp >= 0xC0) {
            cp &= 0x1F;
            n = 2;
        }
        int k = 1;
        for (; k < n && (p[k] & 0xC0) == 0x80; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        p += k;
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
    }
    return w;
}

/* Writes s padded with spaces to `width` display columns (at least one space after). */
static void put_col(FILE *f, const char *s, size_t width)
{
    size_t w = text_width(s);
    fputs(s, f);
    do {
        fputc(' ', f);
        w++;
    } while (w < width);
}

static void fmt_num(char *buf, size_t n, double v, int prec, const char *na)
{
    if (isnan(v))
        snprintf(buf, n, "%s", na);
    else
        snprintf(buf, n, "%.*f", prec, v);
}

#define KEYW 32 /* display width of the metric names column */

static void metric_line(FILE *f, const char *label, const char *value)
{
    fputs("  ", f);
    put_col(f, label, KEYW);
    fprintf(f, "%s\n", value);
}

/* What the text reports print for a fraud type (see score_write_text_names). */
static const char *type_label(const char *type, const char *const *labels,
                              const char *const *type_names)
{
    if (!type_names) return type;
    if (strcmp(type, "unknown") == 0) return L(labels, SCORE_T_TYPE_UNKNOWN);
    const hjfraud *t = hjfraud_find(type);
    if (t && type_names[hjfraud_index(t)]) return type_names[hjfraud_index(t)];
    return type;
}

static const score_text level_label[] = {SCORE_T_LEVEL_GREEN, SCORE_T_LEVEL_YELLOW,
                                         SCORE_T_LEVEL_RED};

int score_write_text(FILE *f, const score_result *r, const char *const *labels)
{
    return score_write_text_names(f, r, labels, NULL);
}

int score_write_text_names(FILE *f, const score_result *r, const char *const *labels,
                           const char *const *type_names)
{
    const char *na = L(labels, SCORE_T_NA);
    char v[256] = "", a[64] = "", b[64] = "", c[64] = "";
    fprintf(f, "%s", L(labels, SCORE_T_TITLE));
    if (r->team[0]) fprintf(f, " — %s %s", L(labels, SCORE_T_TEAM), r->team);
    if (r->scenario[0]) fprintf(f, " — %s %s", L(labels, SCORE_T_SCENARIO), r->scenario);
    fprintf(f, "\n  %s %s .. %s\n", L(labels, SCORE_T_RUN), r->start, r->end);
    fprintf(f, "  %s %zu, %s %.2f, %s %.0f\n\n", L(labels, SCORE_T_STATIONS), r->stations,
            L(labels, SCORE_T_DAYS), r->days, L(labels, SCORE_T_GRACE),
            (double)r->grace_ms / 60000.0);
    snprintf(v, sizeof v, "%zu", r->events);
    metric_line(f, L(labels, SCORE_T_EVENTS), v);
    snprintf(v, sizeof v, "%zu", r->detected);
    metric_line(f, L(labels, SCORE_T_DETECTED), v);
    fmt_num(v, sizeof v, r->recall, 3, na);
    metric_line(f, L(labels, SCORE_T_RECALL), v);
    fmt_num(v, sizeof v, r->type_accuracy, 3, na);
    metric_line(f, L(labels, SCORE_T_TYPE_ACC), v);
    snprintf(v, sizeof v, "%zu", r->false_alarms);
    metric_line(f, L(labels, SCORE_T_FA), v);
    snprintf(v, sizeof v, "%zu", r->red_false_alarms);
    metric_line(f, L(labels, SCORE_T_RED_FA), v);
    fmt_num(v, sizeof v, r->false_alarms_per_station_day, 3, na);
    metric_line(f, L(labels, SCORE_T_FA_PER_SD), v);
    snprintf(v, sizeof v, "%zu", r->unknown_station_alerts);
    for (size_t i = 0; i < r->n_unknown_mns && strlen(v) + SCORE_MN_MAX + 4 < sizeof v; i++)
        snprintf(v + strlen(v), sizeof v - strlen(v), "%s%s", i ? ", " : " (", r->unknown_mns[i]);
    if (r->n_unknown_mns) {
        size_t listed = 0;
        for (const char *p = strchr(v, '('); p; p = strchr(p + 1, ','))
            listed++;
        snprintf(v + strlen(v), sizeof v - strlen(v), "%s)",
                 listed < r->n_unknown_mns ? ", ..." : "");
    }
    metric_line(f, L(labels, SCORE_T_UNKNOWN), v);
    fmt_num(v, sizeof v, r->median_ttd_minutes, 1, na);
    metric_line(f, L(labels, SCORE_T_MEDIAN_TTD), v);
    snprintf(v, sizeof v, "%.3f (S_TTD %.3f, S_CM %.3f, TPR %.3f, TNR %.3f)", r->batadal_s,
             r->s_ttd, r->s_cm, r->tpr, r->tnr);
    metric_line(f, L(labels, SCORE_T_BATADAL), v);
    fmt_num(a, sizeof a, r->nab_score, 2, na);
    snprintf(v, sizeof v, "%s (TP %zu, FP %zu, FN %zu)", a, r->nab_tp, r->nab_fp, r->nab_fn);
    metric_line(f, L(labels, SCORE_T_NAB), v);

    if (r->events) {
        fprintf(f, "\n%s\n  ", L(labels, SCORE_T_EVENT_LIST));
        put_col(f, L(labels, SCORE_T_COL_ID), 6);
        put_col(f, L(labels, SCORE_T_COL_TYPE), 26);
        put_col(f, L(labels, SCORE_T_COL_MN), 18);
        put_col(f, L(labels, SCORE_T_COL_START), 27);
        put_col(f, L(labels, SCORE_T_COL_TTD), 11);
        put_col(f, L(labels, SCORE_T_COL_TYPE_OK), 9);
        fprintf(f, "%s\n", L(labels, SCORE_T_COL_ALERTS));
        for (size_t i = 0; i < r->events; i++) {
            const score_event_result *e = &r->ev[i];
            snprintf(a, sizeof a, "%lld", e->ev.id);
            if (e->detected)
                snprintf(b, sizeof b, "%.1f", e->ttd_minutes);
            else
                snprintf(b, sizeof b, "%s", L(labels, SCORE_T_MISSED));
            snprintf(c, sizeof c, "%s",
                     e->detected ? L(labels, e->type_correct ? SCORE_T_YES : SCORE_T_NO) : "-");
            fputs("  ", f);
            put_col(f, a, 6);
            put_col(f, type_label(e->ev.type, labels, type_names), 26);
            put_col(f, e->ev.mn, 18);
            put_col(f, e->ev.start, 27);
            put_col(f, b, 11);
            put_col(f, c, 9);
            for (size_t k = 0; k < e->n_alert_ids; k++)
                fprintf(f, "%s%s", k ? "," : "", e->alert_ids[k]);
            if (!e->n_alert_ids) fputc('-', f);
            fputc('\n', f);
        }
    }
    if (r->false_alarms) {
        fprintf(f, "\n%s\n  ", L(labels, SCORE_T_FA_LIST));
        put_col(f, L(labels, SCORE_T_COL_ID), 10);
        put_col(f, L(labels, SCORE_T_COL_MN), 18);
        put_col(f, L(labels, SCORE_T_COL_TIME), 27);
        put_col(f, L(labels, SCORE_T_COL_LEVEL), 8);
        fprintf(f, "%s\n", L(labels, SCORE_T_COL_TYPE));
        for (size_t i = 0; i < r->false_alarms; i++) {
            const score_false_alarm *x = &r->fa[i];
            fputs("  ", f);
            put_col(f, x->id, 10);
            put_col(f, x->mn, 18);
            put_col(f, x->time, 27);
            put_col(f, L(labels, level_label[x->level]), 8);
            fprintf(f, "%s%s%s%s\n", type_label(x->type, labels, type_names),
                    x->unknown_station ? " (" : "",
                    x->unknown_station ? L(labels, SCORE_T_UNKNOWN_STATION) : "",
                    x->unknown_station ? ")" : "");
        }
    }
    return ferror(f) ? -1 : 0;
}

/* ---- JSON ---- */

static void add_num(cJSON *o, const char *key, double v)
{
    if (isnan(v))
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, round(v * 1e6) / 1e6);
}

/* The JSON of one result; rank > 0 puts "rank" first (leaderboard). */
static cJSON *result_json(const score_result *r, size_t rank)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    if (rank) add_num(o, "rank", (double)rank);
    cJSON_AddStringToObject(o, "team", r->team);
    cJSON_AddStringToObject(o, "scenario", r->scenario);
    cJSON_AddStringToObject(o, "start", r->start);
    cJSON_AddStringToObject(o, "end", r->end);
    add_num(o, "grace_minutes", (double)r->grace_ms / 60000.0);
    add_num(o, "stations", (double)r->stations);
    add_num(o, "days", r->days);
    add_num(o, "station_days", r->station_days);
    add_num(o, "events", (double)r->events);
    add_num(o, "detected", (double)r->detected);
    add_num(o, "recall", r->recall);
    add_num(o, "type_accuracy", r->type_accuracy);
    add_num(o, "false_alarms", (double)r->false_alarms);
    add_num(o, "red_false_alarms", (double)r->red_false_alarms);
    add_num(o, "false_alarms_per_station_day", r->false_alarms_per_station_day);
    add_num(o, "unknown_station_alerts", (double)r->unknown_station_alerts);
    cJSON *um = cJSON_AddArrayToObject(o, "unknown_stations");
    for (size_t i = 0; um && i < r->n_unknown_mns; i++)
        cJSON_AddItemToArray(um, cJSON_CreateString(r->unknown_mns[i]));
    add_num(o, "median_ttd_minutes", r->median_ttd_minutes);
    add_num(o, "batadal_s", r->batadal_s);
    add_num(o, "s_ttd", r->s_ttd);
    add_num(o, "s_cm", r->s_cm);
    add_num(o, "tpr", r->tpr);
    add_num(o, "tnr", r->tnr);
    add_num(o, "nab_score", r->nab_score);
    add_num(o, "nab_raw", r->nab_raw);
    add_num(o, "nab_tp", (double)r->nab_tp);
    add_num(o, "nab_fp", (double)r->nab_fp);
    add_num(o, "nab_fn", (double)r->nab_fn);
    cJSON *evs = cJSON_AddArrayToObject(o, "per_event");
    for (size_t i = 0; evs && i < r->events; i++) {
        const score_event_result *e = &r->ev[i];
        cJSON *x = cJSON_CreateObject();
        if (!x) break;
        cJSON_AddItemToArray(evs, x);
        add_num(x, "id", (double)e->ev.id);
        cJSON_AddStringToObject(x, "type", e->ev.type);
        cJSON_AddStringToObject(x, "mn", e->ev.mn);
        cJSON_AddStringToObject(x, "start", e->ev.start);
        cJSON_AddStringToObject(x, "end", e->ev.end);
        cJSON_AddBoolToObject(x, "detected", e->detected);
        add_num(x, "ttd_minutes", e->ttd_minutes);
        cJSON *ids = cJSON_AddArrayToObject(x, "alert_ids");
        for (size_t k = 0; ids && k < e->n_alert_ids; k++)
            cJSON_AddItemToArray(ids, cJSON_CreateString(e->alert_ids[k]));
        cJSON_AddBoolToObject(x, "type_correct", e->type_correct);
    }
    cJSON *fas = cJSON_AddArrayToObject(o, "false_alarm_list");
    for (size_t i = 0; fas && i < r->false_alarms; i++) {
        const score_false_alarm *a = &r->fa[i];
        cJSON *x = cJSON_CreateObject();
        if (!x) break;
        cJSON_AddItemToArray(fas, x);
        cJSON_AddStringToObject(x, "id", a->id);
        cJSON_AddStringToObject(x, "mn", a->mn);
        cJSON_AddStringToObject(x, "time", a->time);
        cJSON_AddStringToObject(x, "level", level_names[a->level]);
        cJSON_AddStringToObject(x, "type", a->type);
        cJSON_AddBoolToObject(x, "unknown_station", a->unknown_station);
    }
    return o;
}

static int print_json(FILE *f, cJSON *o)
{
    if (!o) return -1;
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    if (!s) return -1;
    fprintf(f, "%s\n", s);
    cJSON_free(s);
    return ferror(f) ? -1 : 0;
}

int score_write_json(FILE *f, const score_result *r)
{
    return print_json(f, result_json(r, 0));
}

int score_write_leaderboard_json(FILE *f, const score_result *const *r, size_t n)
{
    size_t *order = calloc(n ? n : 1, sizeof *order), *rank = calloc(n ? n : 1, sizeof *rank);
    cJSON *o = cJSON_CreateObject();
    if (!order || !rank || !o) {
        free(order);
        free(rank);
        cJSON_Delete(o);
        return -1;
    }
    score_rank(r, n, order, rank);
    cJSON_AddStringToObject(o, "scenario", n ? r[0]->scenario : "");
    cJSON_AddStringToObject(o, "rank_rule", RANK_RULE);
    cJSON *lb = cJSON_AddArrayToObject(o, "leaderboard");
    for (size_t i = 0; lb && i < n; i++) {
        cJSON *x = result_json(r[order[i]], rank[i]);
        if (!x) break;
        cJSON_AddItemToArray(lb, x);
    }
    free(order);
    free(rank);
    return print_json(f, o);
}

int score_write_leaderboard_text(FILE *f, const score_result *const *r, size_t n,
                                 const char *const *labels)
{
    size_t *order = calloc(n ? n : 1, sizeof *order), *rank = calloc(n ? n : 1, sizeof *rank);
    if (!order || !rank) {
        free(order);
        free(rank);
        return -1;
    }
    score_rank(r, n, order, rank);
    const char *na = L(labels, SCORE_T_NA);
    fprintf(f, "%s", L(labels, SCORE_T_LEADERBOARD));
    if (n && r[0]->scenario[0]) fprintf(f, " — %s %s", L(labels, SCORE_T_SCENARIO), r[0]->scenario);
    fprintf(f, "\n(%s)\n\n  ", L(labels, SCORE_T_RANK_RULE));
    put_col(f, L(labels, SCORE_T_RANK), 6);
    put_col(f, L(labels, SCORE_T_TEAM), 20);
    put_col(f, "NAB", 9);
    put_col(f, L(labels, SCORE_T_RECALL), 8);
    put_col(f, L(labels, SCORE_T_FA), 14);
    put_col(f, L(labels, SCORE_T_RED_FA), 18);
    put_col(f, L(labels, SCORE_T_COL_TTD), 11);
    put_col(f, L(labels, SCORE_T_BATADAL), 11);
    fprintf(f, "%s\n", L(labels, SCORE_T_TYPE_ACC));
    for (size_t i = 0; i < n; i++) {
        const score_result *x = r[order[i]];
        char a[64] = "", b[64] = "", c[64] = "", d[64] = "", e[64] = "", g[64] = "", h[64] = "";
        snprintf(a, sizeof a, "%zu", rank[i]);
        fmt_num(b, sizeof b, x->nab_score, 2, na);
        fmt_num(c, sizeof c, x->recall, 3, na);
        snprintf(d, sizeof d, "%zu", x->false_alarms);
        snprintf(e, sizeof e, "%zu", x->red_false_alarms);
        fmt_num(g, sizeof g, x->median_ttd_minutes, 1, na);
        fmt_num(h, sizeof h, x->batadal_s, 3, na);
        fputs("  ", f);
        put_col(f, a, 6);
        put_col(f, x->team[0] ? x->team : "-", 20);
        put_col(f, b, 9);
        put_col(f, c, 8);
        put_col(f, d, 14);
        put_col(f, e, 18);
        put_col(f, g, 11);
        put_col(f, h, 11);
        fmt_num(a, sizeof a, x->type_accuracy, 3, na);
        fprintf(f, "%s\n", a);
    }
    free(order);
    free(rank);
    return ferror(f) ? -1 : 0;
}

/* ---- JUnit ---- */

/* Text in an XML attribute or element: the markup characters escaped
 * (an apostrophe does not: attributes are in double quotes), control characters that XML
 * does not allow as a blank. */
static void xml_put(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '<')
            fputs("&lt;", f);
        else if (ch == '>')
            fputs("&gt;", f);
        else if (ch == '&')
            fputs("&amp;", f);
        else if (ch == '"')
            fputs("&quot;", f);
        else if (ch < 0x20 && ch != '\n' && ch != '\t')
            fputc(' ', f); /* not allowed in XML */
        else
            fputc(*s, f);
    }
}

static void junit_prop(FILE *f, const char *name, double v)
{
    fprintf(f, "      <property name=\"%s\" value=\"", name);
    if (isnan(v))
        fputs("null", f);
    else
        fprintf(f, "%.6g", v);
    fputs("\"/>\n", f);
}

static size_t junit_fails(const score_result *r)
{
    size_t fails = r->false_alarms;
    for (size_t i = 0; i < r->events; i++)
        if (!r->ev[i].detected || !r->ev[i].type_correct) fails++;
    return fails;
}

static void junit_time(FILE *f, double t)
{
    if (t < 0)
        fputs("0", f);
    else
        fprintf(f, "%.3f", t);
}

/* The testcases of a result: its events, then its false alarms. */
static void junit_cases(FILE *f, const score_result *r)
{
    const char *team = r->team[0] ? r->team : "alerts";
    for (size_t i = 0; i < r->events; i++) {
        const score_event_result *e = &r->ev[i];
        fputs("    <testcase classname=\"", f);
        xml_put(f, team);
        fprintf(f, ".events\" name=\"event %lld ", e->ev.id);
        xml_put(f, e->ev.type);
        fputc(' ', f);
        xml_put(f, e->ev.mn);
        fputs("\" time=\"0\">\n", f);
        if (!e->detected) {
            fputs("      <failure type=\"undetected\" message=\"not detected from ", f);
            xml_put(f, e->ev.start);
            fprintf(f, " to end + %.0f min\"/>\n", (double)r->grace_ms / 60000.0);
        } else if (!e->type_correct) {
            fputs("      <failure type=\"wrong_type\" message=\"detected after ", f);
            fprintf(f, "%.1f min, but no detecting alert has type ", e->ttd_minutes);
            xml_put(f, e->ev.type);
            fputs("\"/>\n", f);
        } else {
            fprintf(f, "      <system-out>detected after %.1f min by", e->ttd_minutes);
            for (size_t k = 0; k < e->n_alert_ids; k++) {
                fputc(' ', f);
                xml_put(f, e->alert_ids[k]);
            }
            fputs("</system-out>\n", f);
        }
        fputs("    </testcase>\n", f);
    }
    for (size_t i = 0; i < r->false_alarms; i++) {
        const score_false_alarm *a = &r->fa[i];
        fputs("    <testcase classname=\"", f);
        xml_put(f, team);
        fputs(".false_alarms\" name=\"alert ", f);
        xml_put(f, a->id);
        fputc(' ', f);
        xml_put(f, a->mn);
        fputs("\" time=\"0\">\n      <failure type=\"false_alarm\" message=\"", f);
        fprintf(f, "%s ", level_names[a->level]);
        xml_put(f, a->type);
        fputs(" raised at ", f);
        xml_put(f, a->time);
        fputs(a->unknown_station ? " for a station not in the truth"
                                 : " outside every event window",
              f);
        fputs("\"/>\n    </testcase>\n", f);
    }
}

static void junit_suite(FILE *f, const score_junit_suite *s)
{
    const score_result *r = s->r;
    const char *name = s->name ? s->name : r && r->team[0] ? r->team : "alerts";
    fputs("  <testsuite name=\"", f);
    xml_put(f, name);
    if (!r) { /* the run failed: its one testcase */
        fputs("\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"", f);
        junit_time(f, s->time_s);
        fputs("\">\n    <testcase classname=\"", f);
        xml_put(f, name);
        fputs(".run\" name=\"run\" time=\"", f);
        junit_time(f, s->time_s);
        fprintf(f, "\">\n      <failure type=\"%s\" message=\"", s->fail_type ? s->fail_type : "");
        xml_put(f, s->fail_msg ? s->fail_msg : "");
        fputs("\">", f);
        if (s->fail_text) xml_put(f, s->fail_text);
        fputs("</failure>\n    </testcase>\n  </testsuite>\n", f);
        return;
    }
    int run = s->run_case != 0;
    fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"",
            r->events + r->false_alarms + (size_t)run, junit_fails(r));
    junit_time(f, s->time_s);
    fputs("\">\n", f);
    fputs("    <properties>\n", f);
    junit_prop(f, "recall", r->recall);
    junit_prop(f, "type_accuracy", r->type_accuracy);
    junit_prop(f, "false_alarms", (double)r->false_alarms);
    junit_prop(f, "red_false_alarms", (double)r->red_false_alarms);
    junit_prop(f, "false_alarms_per_station_day", r->false_alarms_per_station_day);
    junit_prop(f, "median_ttd_minutes", r->median_ttd_minutes);
    junit_prop(f, "batadal_s", r->batadal_s);
    junit_prop(f, "nab_score", r->nab_score);
    fputs("    </properties>\n", f);
    junit_cases(f, r);
    if (run) {
        fputs("    <testcase classname=\"", f);
        xml_put(f, name);
        fputs(".run\" name=\"run\" time=\"", f);
        junit_time(f, s->time_s);
        fputs("\"/>\n", f);
    }
    fputs("  </testsuite>\n", f);
}

int score_write_junit_suites(FILE *f, const char *name, const score_junit_suite *s, size_t n)
{
    size_t tests = 0, fails = 0;
    for (size_t i = 0; i < n; i++) {
        if (!s[i].r) {
            tests++;
            fails++;
            continue;
        }
        tests += s[i].r->events + s[i].r->false_alarms + (s[i].run_case != 0);
        fails += junit_fails(s[i].r);
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"", f);
    xml_put(f, name);
    fprintf(f, "\" tests=\"%zu\" failures=\"%zu\">\n", tests, fails);
    for (size_t i = 0; i < n; i++)
        junit_suite(f, &s[i]);
    fputs("</testsuites>\n", f);
    return ferror(f) ? -1 : 0;
}

int score_write_junit(FILE *f, const score_result *const *r, size_t n)
{
    score_junit_suite *s = calloc(n ? n : 1, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < n; i++) {
        s[i].r = r[i];
        s[i].time_s = -1;
    }
    int rc = score_write_junit_suites(f, "hjrange score", s, n);
    free(s);
    return rc;
}
