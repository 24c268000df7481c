/*
 * batch.h — what one commit of the platform stored, as it is pushed to the detection
 * engine (engine_push): plain data, borrowed for the duration of the call.
 *
 * Order is part of the contract, because the engine's judgement depends on it: the work
 * orders first, then the uploads in commit order, then the lab results — the order a
 * reader of the database finds them in (work_orders and lab_results by rowid, packets by
 * id). An upload's fields are the readings it stored, in the key order of the store's
 * `readings` (polid, code, field; store.h), texts as sent but cut to BATCH_TEXT - 1 bytes,
 * at most BATCH_MAX_FIELDS of them. A re-sent upload (nothing new stored) is not listed;
 * it is only counted. The work orders and lab results are those the records feed stored
 * since the previous push.
 */
#ifndef BATCH_H
#define BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BATCH_TEXT       64  /* bytes of one field text, NUL included */
#define BATCH_MAX_FIELDS 512 /* fields of one upload */

/* One field of a stored upload (a row of the store's readings). */
typedef struct batch_field {
    const char *polid; /* "" outside 3020 */
    const char *code;  /* "w01018", "SB1", "i13008" */
    const char *field; /* "Rtd", "Avg", "Flag", "SampleTime", "Info", "RS" ... */
    const char *value;
    char flag; /* the first character of the code's -Flag value ('N' ...), 0 when none */
} batch_field;

/* A data upload with the readings it stored. */
typedef struct batch_upload {
    const char *mn;
    int cn;
    const char *datatime; /* "YYYYMMDDhhmmss", "" when the upload had none */
    int64_t received_ms;  /* the platform's clock when it was received */
    const batch_field *fields;
    size_t nfields;
    const char *raw; /* the packet as stored (the store's packets.raw), "" when the batch
                        has none (a replay) */
    int st;          /* its ST (31 flue gas, 32 wastewater); 0 unknown (a replay) */
} batch_upload;

/* A work order of the records feed (times ISO 8601 as in records.jsonl). */
typedef struct batch_order {
    const char *mn, *task, *start, *end, *who;
    const char *filed; /* NULL: not given */
} batch_order;

/* A lab result of the records feed. */
typedef struct batch_lab {
    const char *mn, *param, *time;
    double value;
} batch_lab;

typedef struct batch {
    const batch_order *orders;
    size_t norders;
    const batch_upload *uploads;
    size_t nuploads;
    const batch_lab *labs;
    size_t nlabs;
    size_t resent; /* uploads of the commit that stored nothing new */
} batch;

/* --- building one ---------------------------------------------------------------------- */

/* A batch being built: owns copies of every text (fields cut to BATCH_TEXT - 1 bytes, at
 * most BATCH_MAX_FIELDS per upload, as the contract above says). */
typedef struct batch_buf batch_buf;

/* A text that need not end in NUL (hj212_str, a store column): p[0..n), cut at a NUL. */
typedef struct batch_text {
    const char *p;
    size_t n;
} batch_text;

#define BATCH_TEXT_OF(s) ((batch_text){(s), strlen(s)})

batch_buf *batch_buf_new(void);
void batch_buf_free(batch_buf *b);  /* NULL is a no-op */
void batch_buf_clear(batch_buf *b); /* empty again; its memory is kept */

/* Each returns 0, or -1 when out of memory (the batch is then as before the call). */
int batch_buf_upload(batch_buf *b, batch_text mn, int cn, batch_text datatime, int64_t received_ms);
/* The packet text of the upload added last (batch_upload.raw), kept whole. */
int batch_buf_raw(batch_buf *b, batch_text raw);
/* The ST of the upload added last (batch_upload.st). */
int batch_buf_st(batch_buf *b, int st);
/* A field of the upload added last (beyond BATCH_MAX_FIELDS: ignored). flag: the code's
 * -Flag value (its first character is kept; p NULL: none). */
int batch_buf_field(batch_buf *b, batch_text polid, batch_text code, batch_text field,
                    batch_text value, batch_text flag);
int batch_buf_order(batch_buf *b, const char *mn, const char *task, const char *start,
                    const char *end, const char *who, const char *filed);
int batch_buf_lab(batch_buf *b, const char *mn, const char *param, const char *time, double value);

/* How much is in it, to go back to (batch_buf_rewind) when what was added since must not
 * count (e.g. a records load whose transaction failed). */
typedef struct batch_mark {
    size_t orders, uploads, fields, labs, text;
} batch_mark;
batch_mark batch_buf_mark(const batch_buf *b);
void batch_buf_rewind(batch_buf *b, batch_mark m);

/* The batch as built so far; valid until the buffer changes. NULL when out of memory. */
const batch *batch_buf_get(batch_buf *b);

#endif
