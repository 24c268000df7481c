/*
 * records.h — the O&M records feed (records.jsonl, DESIGN.md) into the store.
 *
 * One JSON object a line:
 *   {"kind": "work_order", "mn": "...", "task": "calibration", "start": "...", "end": "...",
 *    "who": "运维 张工"}
 *   {"kind": "lab", "mn": "...", "param": "w01018", "time": "...", "value": 182.0}
 * Blank lines are skipped. A malformed line is reported (line number, reason, detail) and
 * skipped; the others are stored. Re-reading the same file stores nothing twice.
 */
#ifndef RECORDS_H
#define RECORDS_H

#include "store.h"

#include <stddef.h>

#define RECORDS_MAX_LINE 65536 /* a longer line is refused as RECORDS_E_LONG */

typedef enum records_err {
    RECORDS_E_JSON = 1, /* not a JSON object */
    RECORDS_E_KIND,     /* "kind" missing or not work_order / lab; detail = the kind */
    RECORDS_E_FIELD,    /* a required field missing or of the wrong type; detail = its name */
    RECORDS_E_LONG,     /* line longer than RECORDS_MAX_LINE */
    RECORDS_E_STORE     /* the store refused it; detail = the SQLite message */
} records_err;

typedef struct records_stats {
    unsigned long lines, work_orders, labs, duplicates, bad;
} records_stats;

/* Called once for each bad line. */
typedef void (*records_report_fn)(void *ctx, unsigned long line, records_err err,
                                  const char *detail);

/* Told of each record a load stored (not of those already there), as stored, in the order
 * of the file; texts valid during the call. They are durable once the load returned 0. */
typedef struct records_sink {
    void (*work_order)(void *ctx, const char *mn, const char *task, const char *start,
                       const char *end, const char *who, const char *filed /* NULL: none */);
    void (*lab)(void *ctx, const char *mn, const char *param, const char *time, double value);
    void *ctx;
} records_sink;

/* Reads path into s (one transaction); sink may be NULL. Returns 0, or -1 when the file
 * cannot be read (errno set; EFBIG over 256 MiB) or the store fails to commit (st holds
 * what was read so far). */
int records_load(store *s, const char *path, records_report_fn report, void *ctx,
                 const records_sink *sink, records_stats *st);
/* The same for a text already in memory (tests). */
int records_load_text(store *s, const char *text, size_t n, records_report_fn report, void *ctx,
                      const records_sink *sink, records_stats *st);

#endif
