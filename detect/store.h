/*
 * store.h — the platform's SQLite store: data uploads, work orders, lab results.
 *
 * Schema (created on open; WAL journal):
 *   packets(id INTEGER PRIMARY KEY, mn, cn, qn, datatime, received, raw)
 *       one row per stored upload; received = ms since the epoch (caller's clock).
 *   readings(mn, cn, datatime, polid, code, field, value, flag, packet)
 *       one row per CP field; PRIMARY KEY (mn, cn, datatime, polid, code, field) is the
 *       dedup key: a re-sent record inserts nothing. flag = the value of "code-Flag" of
 *       the same code (a Flag field gets a row of its own only when its code has no other
 *       field). polid = the PolId the field follows (3020), else ''.
 *   work_orders(mn, task, start, end, who, filed), UNIQUE(mn, task, start); filed: when
 *       the order reached the O&M system (NULL when not given: taken as its start)
 *   lab_results(mn, param, time, value), UNIQUE(mn, param, time)
 *   split_parts(mn, qn, cn, pnum, pno, received, encrypted, hdr, cp)
 *       the parts of split messages (Flag D) still in assembly, plaintext CP; a part is
 *       acknowledged only once it is here, so an acknowledged part survives a crash.
 *
 * Writes go into one explicit transaction (store_begin .. store_commit); a caller may
 * batch many packets into it. Every SQL statement of detect/ is in store.c: the rest of the
 * platform, and the detection engine, reach the database through these functions. Nothing
 * here prints; errors are in store_errmsg().
 */
#ifndef STORE_H
#define STORE_H

#include "hj212.h"

#include <stdint.h>
#include <stdio.h>

typedef struct store store;

typedef enum store_sync {
    STORE_SYNC_FULL = 0, /* fsync at every commit: a committed record survives power loss */
    STORE_SYNC_NORMAL    /* WAL fsync at checkpoints only: survives a process crash */
} store_sync;

/* Opens (creating) the database at path. NULL on failure with err filled. */
store *store_open(const char *path, store_sync sync, char *err, size_t errlen);
void store_close(store *s); /* commits an open transaction; NULL is a no-op */
const char *store_errmsg(const store *s);

int store_begin(store *s);    /* starts a transaction unless one is open; 0 or -1 */
int store_commit(store *s);   /* commits the open transaction (0 when none); 0 or -1 */
int store_rollback(store *s); /* rolls back the open transaction; 0 or -1 */
int store_in_tx(const store *s);

/* Stores one data upload (inside the open transaction, or its own). Returns the number of
 * new readings (0: every field was already stored, the packet is a duplicate), or -1. */
int store_put_packet(store *s, const hj212_packet *pkt, const char *raw, size_t rawlen,
                     int64_t received_ms);

/* One reading as stored: the texts of a readings row (flag.p NULL: the row has no flag). */
typedef struct store_reading {
    hj212_str polid, code, field, value, flag;
} store_reading;

/* Receives readings one at a time, in the key order of `readings` (polid, code, field,
 * compared byte by byte); the texts are valid during the call only. */
typedef void (*store_reading_fn)(void *ctx, const store_reading *r);

/* store_put_packet, and then `stored` (may be NULL) is called with each reading this upload
 * stored — the rows a reader of the database finds under its packet, in their key order:
 * what the detection engine is fed (engine.h). */
int store_put_upload(store *s, const hj212_packet *pkt, const char *raw, size_t rawlen,
                     int64_t received_ms, store_reading_fn stored, void *ctx);

/* Records feed rows. Return 1 when stored, 0 when already present, -1 on error. */
int store_put_work_order(store *s, const char *mn, const char *task, const char *start,
                         const char *end, const char *who, const char *filed /* NULL: none */);
int store_put_lab(store *s, const char *mn, const char *param, const char *time, double value);

/* Split messages in assembly. A message is (MN, QN, CN, PNUM); its parts are rows. */
typedef struct store_split_key {
    hj212_str mn, qn;
    int cn, pnum;
} store_split_key;

typedef struct store_split_use {
    long parts, bytes;               /* of this message: parts stored, CP bytes */
    long station_msgs, station_bytes; /* of its station: messages in assembly, CP bytes */
    long all_msgs;                   /* messages in assembly, all stations */
} store_split_use;

/* Stores one part (hdr: the joined message's header, hj212_split_header). 1 when stored,
 * 0 when that part was already stored, -1 on error. */
int store_split_put(store *s, const store_split_key *k, int pno, int encrypted, const char *hdr,
                    size_t hdrlen, hj212_str cp, int64_t received_ms);
int store_split_usage(store *s, const store_split_key *k, store_split_use *u);
/* Reads the message's parts in PNO order: their CPs are copied into buf (cap bytes) and
 * pointed to by parts[0..pnum); the header into hdr. Returns the number of parts (they are
 * 1..n without a gap), or -1 (a gap, more than cap bytes, or an SQLite error). */
int store_split_load(store *s, const store_split_key *k, char *buf, size_t cap, hj212_str *parts,
                     char *hdr, size_t hdrcap, size_t *hdrlen, int *encrypted);
/* Deletes the message's parts; returns how many, or -1. */
int store_split_drop(store *s, const store_split_key *k);
/* Deletes the message whose newest part is the oldest: 1, 0 when none, -1 on error. */
int store_split_drop_oldest(store *s);
/* Deletes the messages whose newest part was received before before_ms; returns the number
 * of parts deleted, or -1. */
long store_split_expire(store *s, int64_t before_ms);

/* Prints mn,cn,datatime,code,field,value,flag (header first) for one CN, optionally one MN,
 * sorted by mn, datatime, code, field. A 3020 field's code is "PolId/code". Returns the
 * number of rows or -1. */
long store_dump(store *s, const char *cn, const char *mn, FILE *out);

/* Counts for tests and reports: rows in packets / readings / work_orders / lab_results /
 * split_parts. */
long store_count(store *s, const char *table);

/* --- reading back in commit order (replay.h: a restarted platform's catch-up, tools) ---- */

/* Opens an existing database read-only (WAL: it sees what the writer committed). The
 * statements are prepared on first use, so the file may still be empty. */
store *store_open_readonly(const char *path, char *err, size_t errlen);

/* 1 when packets, work_orders or lab_results hold a row, 0 when none, -1 on error. */
int store_has_data(store *s);

/* A stored upload (a packets row); mn and datatime as a reader keeps them (24 and 23
 * bytes at most: what the codec accepts). */
typedef struct store_packet_row {
    int64_t id;
    char mn[25];
    int cn;
    char datatime[24];
    int64_t received_ms;
} store_packet_row;

/* The uploads with id > after_id in id (commit) order, at most cap of them, copied into
 * rows. Returns how many, or -1. */
long store_read_packets(store *s, int64_t after_id, store_packet_row *rows, size_t cap);
/* Calls fn with each reading of the upload p, in key order. 0, or -1. */
int store_read_readings(store *s, const store_packet_row *p, store_reading_fn fn, void *ctx);

/* A work order or a lab result as stored, with its rowid (insertion order); texts valid
 * during the call; filed NULL when none was given. */
typedef struct store_order_row {
    int64_t rowid;
    const char *mn, *task, *start, *end, *who, *filed;
} store_order_row;
typedef struct store_lab_row {
    int64_t rowid;
    const char *mn, *param, *time;
    double value;
} store_lab_row;

/* Calls fn with each row whose rowid > after, in rowid order. Returns how many, or -1. */
long store_read_orders(store *s, int64_t after, void (*fn)(void *ctx, const store_order_row *r),
                       void *ctx);
long store_read_labs(store *s, int64_t after, void (*fn)(void *ctx, const store_lab_row *r),
                     void *ctx);

#endif
