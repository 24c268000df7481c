/*
 * score-set.h — metrics over a set of scored runs (a suite, a generated set): the events
 * pooled, recall and type accuracy with their 95 % Wilson intervals, false alarms at the
 * honest stations (those without a truth event), the median time to detect, and the
 * confusion matrix of the fraud types: truth type x detected type, plus missed.
 *
 * Depends on score.h's results only (the file formats). Definitions: docs/scoring.md,
 * "Sets". Ownership: score_set_new / score_set_free; results added are copied from, not
 * kept. Writers return 0 or -1 on a write error.
 */
#ifndef SCORE_SET_H
#define SCORE_SET_H

#include "score.h"

#include <stddef.h>
#include <stdio.h>

/* Wilson score interval of k successes in n trials at z (1.96: 95 %). n == 0: NAN, NAN. */
void score_wilson(size_t k, size_t n, double z, double *lo, double *hi);

typedef struct score_set score_set;

score_set *score_set_new(void);
void score_set_free(score_set *s);
/* Adds one run's result. 0, or -1 when out of memory. */
int score_set_add(score_set *s, const score_result *r);

typedef struct score_set_totals {
    size_t runs, events, detected, type_correct;
    double recall, recall_lo, recall_hi;    /* NAN without events */
    double type_accuracy, type_lo, type_hi; /* NAN without detections */
    size_t false_alarms, red_false_alarms;  /* every station */
    double station_days, false_alarms_per_station_day;
    size_t honest_stations, honest_false_alarms, honest_red_false_alarms;
    double honest_station_days, false_alarms_per_honest_station_day; /* NAN without any */
    double median_ttd_minutes;                                       /* NAN without detections */
} score_set_totals;

void score_set_totals_get(const score_set *s, score_set_totals *t);

/* The matrix: rows are the catalogue's types (hjfraud order); columns the catalogue's
 * types, then SCORE_SET_UNKNOWN (detected as "unknown" or a type outside the catalogue),
 * then SCORE_SET_MISSED. */
size_t score_set_ntypes(void);
#define SCORE_SET_UNKNOWN (score_set_ntypes())
#define SCORE_SET_MISSED  (score_set_ntypes() + 1)
size_t score_set_cell(const score_set *s, size_t truth, size_t detected);
/* Events of a truth type (the row's sum). */
size_t score_set_row(const score_set *s, size_t truth);

/* Labels of the text report, English by default (a caller may pass its own table of
 * SCORE_SET_T__COUNT strings). */
#define SCORE_SET_TEXTS(X)                                                                         \
    X(SCORE_SET_T_TITLE, "Set")                                                                    \
    X(SCORE_SET_T_RUNS, "runs scored")                                                             \
    X(SCORE_SET_T_EVENTS, "events")                                                                \
    X(SCORE_SET_T_RECALL, "recall")                                                                \
    X(SCORE_SET_T_TYPE_ACC, "type accuracy")                                                       \
    X(SCORE_SET_T_CI, "95 % interval (Wilson)")                                                    \
    X(SCORE_SET_T_FA, "false alarms")                                                              \
    X(SCORE_SET_T_RED, "red")                                                                      \
    X(SCORE_SET_T_PER_SD, "per station-day")                                                       \
    X(SCORE_SET_T_HONEST, "at honest stations")                                                    \
    X(SCORE_SET_T_HONEST_SD, "honest station-days")                                                \
    X(SCORE_SET_T_PER_HONEST_SD, "per honest station-day")                                         \
    X(SCORE_SET_T_TTD, "median time to detect (min)")                                              \
    X(SCORE_SET_T_MATRIX, "confusion matrix: truth type (rows) x detected type (columns)")         \
    X(SCORE_SET_T_LEGEND, "? detected as unknown, - missed, . none")                               \
    X(SCORE_SET_T_COL_TRUTH, "truth type")                                                         \
    X(SCORE_SET_T_COL_N, "n")                                                                      \
    X(SCORE_SET_T_COL_RECALL, "recall")                                                            \
    X(SCORE_SET_T_COL_TYPE_OK, "type ok")                                                          \
    X(SCORE_SET_T_NA, "n/a")

typedef enum score_set_text {
#define SCORE_SET_TEXT_ENUM(id, en) id,
    SCORE_SET_TEXTS(SCORE_SET_TEXT_ENUM)
#undef SCORE_SET_TEXT_ENUM
        SCORE_SET_T__COUNT
} score_set_text;

const char *score_set_text_en(score_set_text t);

/* The totals and the matrix as text; labels and type_names (the catalogue's names in
 * order, e.g. Chinese) may be NULL: English labels, type keys. */
int score_set_write_text(FILE *f, const score_set *s, const char *const *labels,
                         const char *const *type_names);
/* One JSON object: the totals, "recall_ci95": [lo, hi], "type_accuracy_ci95", and
 * "confusion": {"columns": [...types, "unknown", "missed"], "rows": [{"truth", "events",
 * "detected", "type_correct", "recall", "counts": [...]}]} (rows with events only). */
int score_set_write_json(FILE *f, const score_set *s);

#endif
