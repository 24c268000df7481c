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
 *   work_orders(mn, task, start, end, who), UNIQUE(mn, task, start)
 *   lab_results(mn, param, time, value), UNIQUE(mn, param, time)
 *
 * Writes go into one explicit transaction (store_begin .. store_commit); a caller may
 * batch many packets into it. Nothing here prints; errors are in store_errmsg().
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

/* Records feed rows. Return 1 when stored, 0 when already present, -1 on error. */
int store_put_work_order(store *s, const char *mn, const char *task, const char *start,
                         const char *end, const char *who);
int store_put_lab(store *s, const char *mn, const char *param, const char *time, double value);

/* Prints mn,cn,datatime,code,field,value,flag (header first) for one CN, optionally one MN,
 * sorted by mn, datatime, code, field. A 3020 field's code is "PolId/code". Returns the
 * number of rows or -1. */
long store_dump(store *s, const char *cn, const char *mn, FILE *out);

/* Counts for tests and reports: rows in packets / readings / work_orders / lab_results. */
long store_count(store *s, const char *table);

#endif
