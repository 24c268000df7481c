/*
 * score.h — ground truth (truth.json) against alerts or a trainee's findings
 * (alerts.jsonl): detection, time to detect, type accuracy, false alarms, BATADAL S,
 * NAB score, leaderboard; reports as text, JSON and JUnit XML.
 *
 * Depends on the file formats only (DESIGN.md "File formats"); never on the range.
 * Exact definitions of every metric: docs/scoring.md.
 *
 * Errors: loaders return NULL (or -1) and write a message naming the file and the
 * line (alerts) or the problem and position (truth) into err[errlen]. A truncated
 * message is still NUL-terminated. Nothing here prints except the writers, which
 * write to the FILE * they are given.
 *
 * Ownership: *_new / *_load / *_parse return objects owned by the caller, released
 * with the matching *_free (free of NULL is a no-op). Everything else is borrowed.
 */
#ifndef SCORE_H
#define SCORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Limits of the identifiers kept (longer values are refused as bad input). */
#define SCORE_ID_MAX    64    /* alert id, with NUL */
#define SCORE_MN_MAX    64    /* station MN, with NUL */
#define SCORE_TYPE_MAX  40    /* fraud type, with NUL */
#define SCORE_TIME_MAX  40    /* an ISO 8601 time string as given, with NUL */
#define SCORE_NAME_MAX  128   /* scenario or team name, with NUL */
#define SCORE_LINE_MAX  65536 /* longest alerts.jsonl line, bytes */
#define SCORE_ERR_LINES 20    /* bad alert lines listed in one error message */

#define SCORE_GRACE_DEFAULT_MS (2 * 3600 * 1000LL) /* 2 h */

/* ---- time ---- */

/* Parses a duration: one or more <number><unit> with unit s, m, h or d ("2h", "1h30m",
 * "90m", "0"). Returns 0 or -1. */
int score_parse_duration(const char *s, int64_t *ms);

/* ---- truth ---- */

typedef struct score_event {
    long long id;
    char type[SCORE_TYPE_MAX];
    char mn[SCORE_MN_MAX];
    char start[SCORE_TIME_MAX], end[SCORE_TIME_MAX];
    int64_t start_ms, end_ms; /* start_ms < end_ms */
} score_event;

typedef struct score_truth score_truth;

/* Loads truth.json. Checks: start < end; at least one station, MNs distinct; every
 * event has an integer id (distinct), a catalogue type, a known station mn, start <
 * end, inside the run. */
score_truth *score_truth_load(const char *path, char *err, size_t errlen);
/* The same from text (`name` names it in messages). */
score_truth *score_truth_parse(const char *text, const char *name, char *err, size_t errlen);
void score_truth_free(score_truth *t);

const char *score_truth_scenario(const score_truth *t);
int64_t score_truth_start(const score_truth *t);
int64_t score_truth_end(const score_truth *t);
size_t score_truth_nstations(const score_truth *t);
const char *score_truth_station(const score_truth *t, size_t i);
size_t score_truth_nevents(const score_truth *t);
const score_event *score_truth_event(const score_truth *t, size_t i);

/* ---- alerts ---- */

typedef enum score_level { SCORE_GREEN = 0, SCORE_YELLOW = 1, SCORE_RED = 2 } score_level;

/* One line of alerts.jsonl: one raise of an alert (an id may be raised again). */
typedef struct score_alert {
    char id[SCORE_ID_MAX]; /* a numeric id is kept as its decimal text */
    char mn[SCORE_MN_MAX];
    char type[SCORE_TYPE_MAX]; /* a catalogue type or "unknown" */
    char time[SCORE_TIME_MAX];
    score_level level;
    int64_t time_ms;
    int has_end; /* the optional "end" field was given */
    int64_t end_ms;
    size_t line; /* 1-based line number in its file */
} score_alert;

typedef struct score_alerts score_alerts;

score_alerts *score_alerts_new(void);
void score_alerts_free(score_alerts *a);
/* Adds one line (without or with its newline). Blank lines are accepted and ignored.
 * Returns 1 if an alert was added, 0 for a blank line, -1 for a bad line (err says why,
 * prefixed "name:line: "). Re-raising an id for another station is a bad line. */
int score_alerts_add_line(score_alerts *a, const char *line, const char *name, size_t lineno,
                          char *err, size_t errlen);
/* Reads every line of f. Bad lines do not stop the reading: all are reported in err
 * (up to SCORE_ERR_LINES listed, one a line, then a count) and NULL is returned. */
score_alerts *score_alerts_read(FILE *f, const char *name, char *err, size_t errlen);
score_alerts *score_alerts_parse(const char *text, const char *name, char *err, size_t errlen);
score_alerts *score_alerts_load(const char *path, char *err, size_t errlen);
size_t score_alerts_count(const score_alerts *a);
const score_alert *score_alerts_get(const score_alerts *a, size_t i);

/* ---- metrics ---- */

typedef struct score_options {
    int64_t grace_ms; /* detection window is [start, end + grace] */
    const char *team; /* name shown in reports and the leaderboard; may be NULL */
} score_options;

/* Default options: grace 2 h, no team name. */
score_options score_options_default(void);

typedef struct score_event_result {
    score_event ev;
    int detected;
    double ttd_minutes; /* NAN when not detected */
    int type_correct;
    /* the type it was detected as: its own type when an alarm in its window names it, else
     * the type of the first alarm in the window ("unknown" included); "" when missed */
    char detected_type[SCORE_TYPE_MAX];
    char (*alert_ids)[SCORE_ID_MAX]; /* distinct ids of the raises that detect it */
    size_t n_alert_ids;
} score_event_result;

typedef struct score_false_alarm {
    char id[SCORE_ID_MAX];
    char mn[SCORE_MN_MAX];
    char type[SCORE_TYPE_MAX]; /* type of its first yellow/red raise */
    char time[SCORE_TIME_MAX]; /* its first yellow/red raise */
    int64_t time_ms;
    score_level level; /* highest level it reached */
    int unknown_station;
} score_false_alarm;

/* The metrics of one alerts file against one truth. Ratios that have no denominator
 * (recall without events, type accuracy without detections, median TTD without
 * detections, NAB without events) are NAN: JSON null, text "n/a". */
typedef struct score_result {
    char team[SCORE_NAME_MAX];
    char scenario[SCORE_NAME_MAX];
    char start[SCORE_TIME_MAX], end[SCORE_TIME_MAX]; /* the run, as in the truth */
    int64_t grace_ms;
    size_t stations;
    double days;         /* run duration */
    double station_days; /* stations x days */
    size_t events, detected, type_correct;
    double recall, type_accuracy;
    size_t false_alarms, red_false_alarms;
    size_t unknown_station_alerts; /* distinct ids (any level) for MNs not in the truth */
    double false_alarms_per_station_day;
    double median_ttd_minutes;
    double s_ttd, tpr, tnr, s_cm, batadal_s;
    size_t nab_windows, nab_tp, nab_fp, nab_fn;
    double nab_raw, nab_score;
    score_event_result *ev;
    score_false_alarm *fa;
    char (*unknown_mns)[SCORE_MN_MAX]; /* distinct, sorted */
    size_t n_unknown_mns;
} score_result;

/* Computes every metric. Returns NULL only when out of memory (err says so). */
score_result *score_compute(const score_truth *t, const score_alerts *a, const score_options *opt,
                            char *err, size_t errlen);
void score_result_free(score_result *r);

/* Leaderboard order: NAB score (higher first), then recall (higher), then fewer false
 * alarms, then lower median TTD, then team name (byte order); NAN ranks last in each
 * key. Writes the order of r[0..n-1] into order[] and the rank (1-based, equal for
 * results that tie on every metric key) into rank[] (may be NULL). */
void score_rank(const score_result *const *r, size_t n, size_t *order, size_t *rank);

/* ---- reports ---- */

/* Labels of the text reports, English by default; a caller may pass its own table
 * (SCORE_T__COUNT strings) to print another language. */
#define SCORE_TEXTS(X)                                                                             \
    X(SCORE_T_TITLE, "Score")                                                                      \
    X(SCORE_T_SCENARIO, "scenario")                                                                \
    X(SCORE_T_TEAM, "team")                                                                        \
    X(SCORE_T_RUN, "run")                                                                          \
    X(SCORE_T_STATIONS, "stations")                                                                \
    X(SCORE_T_DAYS, "days")                                                                        \
    X(SCORE_T_GRACE, "grace (min)")                                                                \
    X(SCORE_T_EVENTS, "events")                                                                    \
    X(SCORE_T_DETECTED, "detected")                                                                \
    X(SCORE_T_RECALL, "recall")                                                                    \
    X(SCORE_T_TYPE_ACC, "type accuracy")                                                           \
    X(SCORE_T_FA, "false alarms")                                                                  \
    X(SCORE_T_RED_FA, "red false alarms")                                                          \
    X(SCORE_T_FA_PER_SD, "false alarms per station-day")                                           \
    X(SCORE_T_UNKNOWN, "alerts for unknown stations")                                              \
    X(SCORE_T_MEDIAN_TTD, "median time to detect (min)")                                           \
    X(SCORE_T_BATADAL, "BATADAL S")                                                                \
    X(SCORE_T_NAB, "NAB score (standard profile)")                                                 \
    X(SCORE_T_EVENT_LIST, "events")                                                                \
    X(SCORE_T_FA_LIST, "false alarms")                                                             \
    X(SCORE_T_COL_ID, "id")                                                                        \
    X(SCORE_T_COL_TYPE, "type")                                                                    \
    X(SCORE_T_COL_MN, "MN")                                                                        \
    X(SCORE_T_COL_START, "start")                                                                  \
    X(SCORE_T_COL_TTD, "TTD (min)")                                                                \
    X(SCORE_T_COL_TYPE_OK, "type ok")                                                              \
    X(SCORE_T_COL_ALERTS, "alerts")                                                                \
    X(SCORE_T_COL_TIME, "time")                                                                    \
    X(SCORE_T_COL_LEVEL, "level")                                                                  \
    X(SCORE_T_YES, "yes")                                                                          \
    X(SCORE_T_NO, "no")                                                                            \
    X(SCORE_T_MISSED, "missed")                                                                    \
    X(SCORE_T_NA, "n/a")                                                                           \
    X(SCORE_T_UNKNOWN_STATION, "unknown station")                                                  \
    X(SCORE_T_LEADERBOARD, "Leaderboard")                                                          \
    X(SCORE_T_RANK, "rank")                                                                        \
    X(SCORE_T_RANK_RULE,                                                                           \
      "ranked by NAB score, then recall, then fewer false alarms, then median TTD")                \
    X(SCORE_T_LEVEL_GREEN, "green")                                                                \
    X(SCORE_T_LEVEL_YELLOW, "yellow")                                                              \
    X(SCORE_T_LEVEL_RED, "red")                                                                    \
    X(SCORE_T_TYPE_UNKNOWN, "unknown")

typedef enum score_text {
#define SCORE_TEXT_ENUM(id, en) id,
    SCORE_TEXTS(SCORE_TEXT_ENUM)
#undef SCORE_TEXT_ENUM
        SCORE_T__COUNT
} score_text;

/* English label of t. */
const char *score_text_en(score_text t);

/* Writers return 0, or -1 on a write error. labels may be NULL (English). The text reports
 * print fraud types as their keys ("sample_cup_injection"). */
int score_write_text(FILE *f, const score_result *r, const char *const *labels);
/* The same with the fraud types named by type_names: hjfraud_count() strings in
 * catalogue order (proto/hjfraud.h), e.g. the Chinese names; NULL (or a NULL entry)
 * prints the key.
 * "unknown" prints labels[SCORE_T_TYPE_UNKNOWN]. */
int score_write_text_names(FILE *f, const score_result *r, const char *const *labels,
                           const char *const *type_names);
int score_write_json(FILE *f, const score_result *r);
/* One <testsuite> per result inside one <testsuites name="hjrange score">. */
int score_write_junit(FILE *f, const score_result *const *r, size_t n);

/* One testsuite of a JUnit report (score_write_junit_suites): a scored result, or a run
 * that failed before it could be scored. */
typedef struct score_junit_suite {
    const char *name;      /* the testsuite's name; NULL: the result's team ("alerts") */
    const score_result *r; /* NULL: the run failed (one failing "NAME.run" testcase) */
    int run_case;          /* with r: 1 adds a passed "NAME.run" testcase */
    double time_s;         /* time attributes of the suite and its run testcase; < 0: 0 */
    const char *fail_type; /* without r: the failure's type ("run_failed") */
    const char *fail_msg;  /* without r: its message */
    const char *fail_text; /* without r: its text (a stderr tail); may be NULL */
} score_junit_suite;

/* The one JUnit writer: <testsuites name="NAME"> with every suite, counts summed. Events
 * are testcases "TEAM.events" (failing when undetected or wrongly typed), false alarms
 * "TEAM.false_alarms" (failing). 0, or -1 on a write error. */
int score_write_junit_suites(FILE *f, const char *name, const score_junit_suite *s, size_t n);
int score_write_leaderboard_text(FILE *f, const score_result *const *r, size_t n,
                                 const char *const *labels);
/* {"rank_rule": ..., "leaderboard": [{"rank": 1, <the JSON of one result>}, ...]} */
int score_write_leaderboard_json(FILE *f, const score_result *const *r, size_t n);

#endif
