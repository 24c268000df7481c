/*
 * store.c — SQLite store of the platform (see store.h for the schema and contracts).
 */
#include "store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

enum {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_PACKET,
    ST_PACKET_DEL,
    ST_WORK,
    ST_LAB,
    ST_PART_PUT,
    ST_PART_MSG,
    ST_PART_STATION,
    ST_PART_ALL,
    ST_PART_LOAD,
    ST_PART_DROP,
    ST_PART_OLDEST,
    ST_PART_EXPIRE,
    ST__WRITER, /* the statements above are prepared at open by a writer; those below on
                   first use (a read-only store may open a file the writer has not made yet) */
    ST_READ_PACKETS = ST__WRITER,
    ST_READ_READINGS,
    ST_READ_ORDERS,
    ST_READ_LABS,
    ST_HAS_DATA,
    ST__COUNT
};

static const char *const stmt_sql[ST__COUNT] = {
    [ST_BEGIN] = "BEGIN",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_PACKET] = "INSERT INTO packets(mn, cn, qn, datatime, received, raw) VALUES(?,?,?,?,?,?)",
    [ST_PACKET_DEL] = "DELETE FROM packets WHERE id = ?",
    [ST_WORK] = "INSERT OR IGNORE INTO work_orders(mn, task, start, end, who, filed)"
                " VALUES(?,?,?,?,?,?)",
    [ST_LAB] = "INSERT OR IGNORE INTO lab_results(mn, param, time, value) VALUES(?,?,?,?)",
    [ST_PART_PUT] = "INSERT OR IGNORE INTO split_parts(mn, qn, cn, pnum, pno, received, encrypted,"
                    " hdr, cp) VALUES(?,?,?,?,?,?,?,?,?)",
    [ST_PART_MSG] = "SELECT count(*), coalesce(sum(length(cp)), 0) FROM split_parts"
                    " WHERE mn = ?1 AND qn = ?2 AND cn = ?3 AND pnum = ?4",
    [ST_PART_STATION] = "SELECT count(DISTINCT qn || '/' || cn || '/' || pnum),"
                        " coalesce(sum(length(cp)), 0) FROM split_parts WHERE mn = ?1",
    [ST_PART_ALL] = "SELECT count(*) FROM (SELECT 1 FROM split_parts GROUP BY mn, qn, cn, pnum)",
    [ST_PART_LOAD] = "SELECT pno, encrypted, hdr, cp FROM split_parts"
                     " WHERE mn = ?1 AND qn = ?2 AND cn = ?3 AND pnum = ?4 ORDER BY pno",
    [ST_PART_DROP] = "DELETE FROM split_parts WHERE mn = ?1 AND qn = ?2 AND cn = ?3 AND pnum = ?4",
    [ST_PART_OLDEST] = "SELECT mn, qn, cn, pnum FROM split_parts GROUP BY mn, qn, cn, pnum"
                       " ORDER BY max(received) LIMIT 1",
    [ST_PART_EXPIRE] = "DELETE FROM split_parts WHERE (mn, qn, cn, pnum) IN (SELECT mn, qn, cn,"
                       " pnum FROM split_parts GROUP BY mn, qn, cn, pnum HAVING max(received) < ?1)",
    [ST_READ_PACKETS] = "SELECT id, mn, cn, datatime, received FROM packets WHERE id > ?1"
                        " ORDER BY id LIMIT ?2",
    [ST_READ_READINGS] = "SELECT polid, code, field, value, flag FROM readings WHERE mn = ?1"
                         " AND cn = ?2 AND datatime = ?3 AND packet = ?4"
                         " ORDER BY polid, code, field",
    [ST_READ_ORDERS] = "SELECT rowid, mn, task, start, end, who, filed FROM work_orders"
                       " WHERE rowid > ?1 ORDER BY rowid",
    [ST_READ_LABS] = "SELECT rowid, mn, param, time, value FROM lab_results WHERE rowid > ?1"
                     " ORDER BY rowid",
    [ST_HAS_DATA] = "SELECT EXISTS(SELECT 1 FROM packets) OR EXISTS(SELECT 1 FROM work_orders)"
                    " OR EXISTS(SELECT 1 FROM lab_results)",
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS packets(id INTEGER PRIMARY KEY, mn TEXT NOT NULL,"
    " cn INTEGER NOT NULL, qn TEXT, datatime TEXT NOT NULL, received INTEGER NOT NULL,"
    " raw TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS readings(mn TEXT NOT NULL, cn INTEGER NOT NULL,"
    " datatime TEXT NOT NULL, polid TEXT NOT NULL, code TEXT NOT NULL, field TEXT NOT NULL,"
    " value TEXT NOT NULL, flag TEXT, packet INTEGER,"
    " PRIMARY KEY(mn, cn, datatime, polid, code, field)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS work_orders(mn TEXT NOT NULL, task TEXT NOT NULL,"
    " start TEXT NOT NULL, end TEXT NOT NULL, who TEXT NOT NULL, filed TEXT,"
    " UNIQUE(mn, task, start));"
    "CREATE TABLE IF NOT EXISTS lab_results(mn TEXT NOT NULL, param TEXT NOT NULL,"
    " time TEXT NOT NULL, value REAL NOT NULL, UNIQUE(mn, param, time));"
    "CREATE TABLE IF NOT EXISTS split_parts(mn TEXT NOT NULL, qn TEXT NOT NULL,"
    " cn INTEGER NOT NULL, pnum INTEGER NOT NULL, pno INTEGER NOT NULL,"
    " received INTEGER NOT NULL, encrypted INTEGER NOT NULL, hdr TEXT NOT NULL,"
    " cp TEXT NOT NULL, PRIMARY KEY(mn, qn, cn, pnum, pno)) WITHOUT ROWID;";

#define STORE_ROWS 64 /* readings inserted by one statement: a whole minute record of a CEMS
                       (33 rows) or a water station in one VDBE run */

/* One reading waiting for its multi-row INSERT. */
typedef struct store_row {
    hj212_str polid, code, field, value;
    const hj212_field *flag;
} store_row;

struct store {
    sqlite3 *db;
    sqlite3_stmt *st[ST__COUNT];
    sqlite3_stmt *rows[STORE_ROWS + 1]; /* rows[k]: INSERT of k readings, made on first use */
    store_row *put;                     /* the readings of the upload being stored (for
                                           store_put_upload's report), made on first use */
    int in_tx;
    int readonly;
    char err[256];
};

static void set_err(store *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s", what, s->db ? sqlite3_errmsg(s->db) : "no db");
}

store *store_open(const char *path, store_sync sync, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* WAL: a commit appends to the log (one fsync with FULL); a larger page cache and
     * fewer checkpoints keep the B-tree pages of the hot stations in memory. */
    const char *pragmas = sync == STORE_SYNC_FULL
                              ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;"
                              : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;";
    char *msg = NULL;
    if (sqlite3_exec(s->db, pragmas, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(s->db, schema_sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        goto fail;
    }
    /* a database made before work orders had their filing time */
    sqlite3_exec(s->db, "ALTER TABLE work_orders ADD COLUMN filed TEXT", NULL, NULL, NULL);
    for (int i = 0; i < ST__WRITER; i++) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
            goto fail;
        }
    }
    return s;
fail:
    store_close(s);
    return NULL;
}

store *store_open_readonly(const char *path, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->readonly = 1;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    return s;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->in_tx) store_commit(s);
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(s->st[i]);
    for (int i = 0; i <= STORE_ROWS; i++)
        sqlite3_finalize(s->rows[i]);
    sqlite3_close(s->db);
    free(s->put);
    free(s);
}

/* A read statement, prepared on its first use; NULL with the error set. */
static sqlite3_stmt *read_stmt(store *s, int which)
{
    if (!s->st[which] && sqlite3_prepare_v3(s->db, stmt_sql[which], -1,
                                            SQLITE_PREPARE_PERSISTENT, &s->st[which],
                                            NULL) != SQLITE_OK) {
        set_err(s, stmt_sql[which]);
        return NULL;
    }
    return s->st[which];
}

const char *store_errmsg(const store *s)
{
    return s->err;
}

static int run(store *s, int which)
{
    sqlite3_stmt *st = s->st[which];
    if (!st) { /* a write on a read-only store */
        snprintf(s->err, sizeof s->err, "%s: the store is read-only", stmt_sql[which]);
        return -1;
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, stmt_sql[which]);
        return -1;
    }
    return 0;
}

int store_begin(store *s)
{
    if (s->in_tx) return 0;
    if (run(s, ST_BEGIN) != 0) return -1;
    s->in_tx = 1;
    return 0;
}

int store_commit(store *s)
{
    if (!s->in_tx) return 0;
    if (run(s, ST_COMMIT) != 0) {
        /* A failed COMMIT may leave the transaction open: roll it back so that the
         * caller's view (nothing of this batch stored) is the database's view. */
        if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->in_tx = 0;
        return -1;
    }
    s->in_tx = 0;
    return 0;
}

int store_rollback(store *s)
{
    if (!s->in_tx) return 0;
    s->in_tx = 0;
    if (sqlite3_get_autocommit(s->db)) return 0;
    return run(s, ST_ROLLBACK);
}

int store_in_tx(const store *s)
{
    return s->in_tx;
}

static int str_eq(hj212_str a, const char *lit)
{
    size_t n = strlen(lit);
    return a.n == n && memcmp(a.p, lit, n) == 0;
}

static int str_same(hj212_str a, hj212_str b)
{
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static void bind_str(sqlite3_stmt *st, int i, hj212_str v)
{
    sqlite3_bind_text(st, i, v.n ? v.p : "", (int)v.n, SQLITE_STATIC);
}

/* The "code-Flag" field of code within fields [lo, hi), or NULL. */
static const hj212_field *find_flag(const hj212_packet *pkt, unsigned lo, unsigned hi,
                                    hj212_str code)
{
    for (unsigned i = lo; i < hi; i++) {
        const hj212_field *f = &pkt->fields[i];
        if (str_eq(f->suffix, "Flag") && str_same(f->code, code)) return f;
    }
    return NULL;
}

/* Whether code has a field other than its Flag within fields [lo, hi). */
static int has_other_field(const hj212_packet *pkt, unsigned lo, unsigned hi, hj212_str code)
{
    for (unsigned i = lo; i < hi; i++) {
        const hj212_field *f = &pkt->fields[i];
        if (!str_eq(f->suffix, "Flag") && str_same(f->code, code)) return 1;
    }
    return 0;
}

/* The INSERT of k readings. */
static sqlite3_stmt *rows_stmt(store *s, int k)
{
    if (s->rows[k]) return s->rows[k];
    char sql[128 + 48 * STORE_ROWS];
    int n = snprintf(sql, sizeof sql,
                     "INSERT OR IGNORE INTO readings(mn, cn, datatime, polid, code, field, "
                     "value, flag, packet) VALUES");
    for (int i = 0; i < k; i++)
        n += snprintf(sql + n, sizeof sql - (size_t)n, "%s(?1,?2,?3,?%d,?%d,?%d,?%d,?%d,?4)",
                      i ? "," : "", 5 + 5 * i, 6 + 5 * i, 7 + 5 * i, 8 + 5 * i, 9 + 5 * i);
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->rows[k], NULL) !=
        SQLITE_OK) {
        set_err(s, "prepare");
        return NULL;
    }
    return s->rows[k];
}

/* Inserts k pending readings; returns how many were new, or -1. */
static int flush_rows(store *s, const hj212_packet *pkt, hj212_str datatime, sqlite3_int64 id,
                      const store_row *rows, int k)
{
    sqlite3_stmt *st = rows_stmt(s, k);
    if (!st) return -1;
    bind_str(st, 1, pkt->mn);
    sqlite3_bind_int(st, 2, pkt->cn_num);
    bind_str(st, 3, datatime);
    sqlite3_bind_int64(st, 4, id);
    for (int i = 0; i < k; i++) {
        int b = 5 + 5 * i;
        bind_str(st, b, rows[i].polid);
        bind_str(st, b + 1, rows[i].code);
        bind_str(st, b + 2, rows[i].field);
        bind_str(st, b + 3, rows[i].value);
        if (rows[i].flag)
            bind_str(st, b + 4, rows[i].flag->value);
        else
            sqlite3_bind_null(st, b + 4);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, "insert readings");
        return -1;
    }
    return sqlite3_changes(s->db);
}

/* Byte order of two texts, as SQLite's BINARY collation has it. */
static int str_cmp(hj212_str a, hj212_str b)
{
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    if (c) return c;
    return a.n < b.n ? -1 : a.n > b.n;
}

/* The key order of readings within one upload. */
static int row_cmp(const void *x, const void *y)
{
    const store_row *a = x, *b = y;
    int c = str_cmp(a->polid, b->polid);
    if (!c) c = str_cmp(a->code, b->code);
    if (!c) c = str_cmp(a->field, b->field);
    return c;
}

static const char *column_text(sqlite3_stmt *st, int i, size_t *len)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    *len = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return t ? (const char *)t : "";
}

static hj212_str column_str(sqlite3_stmt *st, int i)
{
    size_t n = 0;
    const char *p = column_text(st, i, &n);
    return (hj212_str){p, (uint32_t)n};
}

/* The readings stored under packet id, in key order, to fn. 0, or -1. */
static int read_readings(store *s, hj212_str mn, int cn, hj212_str datatime, int64_t id,
                         store_reading_fn fn, void *ctx)
{
    sqlite3_stmt *st = read_stmt(s, ST_READ_READINGS);
    if (!st) return -1;
    bind_str(st, 1, mn);
    sqlite3_bind_int(st, 2, cn);
    bind_str(st, 3, datatime);
    sqlite3_bind_int64(st, 4, id);
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_reading r = {column_str(st, 0), column_str(st, 1), column_str(st, 2),
                           column_str(st, 3), {NULL, 0}};
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) r.flag = column_str(st, 4);
        fn(ctx, &r);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, "read readings");
        return -1;
    }
    return 0;
}

/* Reports the readings an upload stored: when every row it tried went in, they are the
 * rows it built (sorted into key order); when some were already there (a partial re-send)
 * or repeated within it, the ones under its packet id are read back. */
static int report_stored(store *s, const hj212_packet *pkt, hj212_str datatime, sqlite3_int64 id,
                         size_t nput, int all_new, store_reading_fn fn, void *ctx)
{
    if (!all_new) return read_readings(s, pkt->mn, pkt->cn_num, datatime, id, fn, ctx);
    /* the keys are distinct (all went in), so their order is one: a record's fields mostly
     * come in it already */
    size_t run = 1;
    while (run < nput && row_cmp(&s->put[run - 1], &s->put[run]) < 0)
        run++;
    if (run < nput) qsort(s->put, nput, sizeof *s->put, row_cmp);
    for (size_t i = 0; i < nput; i++) {
        const store_row *w = &s->put[i];
        store_reading r = {w->polid, w->code, w->field, w->value, {NULL, 0}};
        if (w->flag) r.flag = w->flag->value;
        fn(ctx, &r);
    }
    return 0;
}

int store_put_packet(store *s, const hj212_packet *pkt, const char *raw, size_t rawlen,
                     int64_t received_ms)
{
    return store_put_upload(s, pkt, raw, rawlen, received_ms, NULL, NULL);
}

int store_put_upload(store *s, const hj212_packet *pkt, const char *raw, size_t rawlen,
                     int64_t received_ms, store_reading_fn stored, void *ctx)
{
    if (stored && !s->put && !(s->put = malloc(HJ212_MAX_FIELDS * sizeof *s->put))) {
        snprintf(s->err, sizeof s->err, "out of memory");
        return -1;
    }
    int own_tx = !s->in_tx;
    if (own_tx && store_begin(s) != 0) return -1;

    const hj212_field *dt = hj212_find(pkt, "DataTime");
    hj212_str datatime = dt ? dt->value : (hj212_str){"", 0};

    sqlite3_stmt *sp = s->st[ST_PACKET];
    bind_str(sp, 1, pkt->mn);
    sqlite3_bind_int(sp, 2, pkt->cn_num);
    if (pkt->has_qn)
        bind_str(sp, 3, pkt->qn);
    else
        sqlite3_bind_null(sp, 3);
    bind_str(sp, 4, datatime);
    sqlite3_bind_int64(sp, 5, received_ms);
    sqlite3_bind_text(sp, 6, raw ? raw : "", (int)rawlen, SQLITE_STATIC);
    if (run(s, ST_PACKET) != 0) goto fail;
    sqlite3_int64 id = sqlite3_last_insert_rowid(s->db);

    int added = 0, k = 0, all_new = 1;
    size_t nput = 0;
    store_row rows[STORE_ROWS];
    hj212_str polid = {"", 0};
    for (unsigned it = 0; it < pkt->nitems; it++) {
        unsigned lo = pkt->items[it].first, hi = lo + pkt->items[it].count;
        for (unsigned i = lo; i < hi; i++) {
            const hj212_field *f = &pkt->fields[i];
            if (str_eq(f->key, "DataTime")) continue; /* part of the key */
            if (str_eq(f->key, "PolId")) {
                polid = f->value; /* the fields that follow belong to this pollutant */
                continue;
            }
            const hj212_field *flag = NULL;
            if (str_eq(f->suffix, "Flag")) {
                /* kept in the flag column of its siblings; a row of its own only when
                 * the code has nothing else in this item */
                if (has_other_field(pkt, lo, hi, f->code)) continue;
                flag = f;
            } else if (f->suffix.n) {
                flag = find_flag(pkt, lo, hi, f->code);
                if (!flag) flag = find_flag(pkt, 0, pkt->nfields, f->code);
            }
            rows[k++] = (store_row){polid, f->code, f->suffix, f->value, flag};
            if (stored) s->put[nput++] = rows[k - 1];
            if (k == STORE_ROWS) {
                int n = flush_rows(s, pkt, datatime, id, rows, k);
                if (n < 0) goto fail;
                added += n;
                all_new &= n == k;
                k = 0;
            }
        }
    }
    if (k > 0) {
        int n = flush_rows(s, pkt, datatime, id, rows, k);
        if (n < 0) goto fail;
        added += n;
        all_new &= n == k;
    }
    if (added == 0) { /* a re-sent record: keep no second copy of the packet */
        sqlite3_bind_int64(s->st[ST_PACKET_DEL], 1, id);
        if (run(s, ST_PACKET_DEL) != 0) goto fail;
    } else if (stored &&
               report_stored(s, pkt, datatime, id, nput, all_new, stored, ctx) != 0) {
        goto fail;
    }
    if (own_tx && store_commit(s) != 0) return -1;
    return added;
fail:
    if (own_tx) store_rollback(s);
    return -1;
}

int store_put_work_order(store *s, const char *mn, const char *task, const char *start,
                         const char *end, const char *who, const char *filed)
{
    sqlite3_stmt *st = s->st[ST_WORK];
    if (filed)
        sqlite3_bind_text(st, 6, filed, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 6);
    sqlite3_bind_text(st, 1, mn, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, task, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, end, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, who, -1, SQLITE_STATIC);
    if (run(s, ST_WORK) != 0) return -1;
    return sqlite3_changes(s->db) > 0;
}

int store_put_lab(store *s, const char *mn, const char *param, const char *time, double value)
{
    sqlite3_stmt *st = s->st[ST_LAB];
    sqlite3_bind_text(st, 1, mn, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, param, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, time, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 4, value);
    if (run(s, ST_LAB) != 0) return -1;
    return sqlite3_changes(s->db) > 0;
}

/* --- split messages in assembly ------------------------------------------------------ */

static void bind_key(sqlite3_stmt *st, const store_split_key *k)
{
    bind_str(st, 1, k->mn);
    bind_str(st, 2, k->qn);
    sqlite3_bind_int(st, 3, k->cn);
    sqlite3_bind_int(st, 4, k->pnum);
}

/* Steps a one-row query; its reset is the caller's. */
static int row(store *s, int which)
{
    int rc = sqlite3_step(s->st[which]);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s->st[which]);
        set_err(s, stmt_sql[which]);
        return -1;
    }
    return 0;
}

int store_split_put(store *s, const store_split_key *k, int pno, int encrypted, const char *hdr,
                    size_t hdrlen, hj212_str cp, int64_t received_ms)
{
    sqlite3_stmt *st = s->st[ST_PART_PUT];
    bind_key(st, k);
    sqlite3_bind_int(st, 5, pno);
    sqlite3_bind_int64(st, 6, received_ms);
    sqlite3_bind_int(st, 7, encrypted != 0);
    sqlite3_bind_text(st, 8, hdr, (int)hdrlen, SQLITE_STATIC);
    bind_str(st, 9, cp);
    if (run(s, ST_PART_PUT) != 0) return -1;
    return sqlite3_changes(s->db) > 0;
}

int store_split_usage(store *s, const store_split_key *k, store_split_use *u)
{
    sqlite3_stmt *st = s->st[ST_PART_MSG];
    bind_key(st, k);
    if (row(s, ST_PART_MSG) != 0) return -1;
    u->parts = (long)sqlite3_column_int64(st, 0);
    u->bytes = (long)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    st = s->st[ST_PART_STATION];
    bind_str(st, 1, k->mn);
    if (row(s, ST_PART_STATION) != 0) return -1;
    u->station_msgs = (long)sqlite3_column_int64(st, 0);
    u->station_bytes = (long)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    st = s->st[ST_PART_ALL];
    if (row(s, ST_PART_ALL) != 0) return -1;
    u->all_msgs = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

int store_split_load(store *s, const store_split_key *k, char *buf, size_t cap, hj212_str *parts,
                     char *hdr, size_t hdrcap, size_t *hdrlen, int *encrypted)
{
    sqlite3_stmt *st = s->st[ST_PART_LOAD];
    size_t used = 0;
    int n = 0, rc = 0;
    bind_key(st, k);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cp = (const char *)sqlite3_column_text(st, 3);
        size_t len = (size_t)sqlite3_column_bytes(st, 3);
        if (sqlite3_column_int(st, 0) != n + 1 || n >= k->pnum || len > cap - used) {
            sqlite3_reset(st);
            snprintf(s->err, sizeof s->err, "split message: parts missing or too large");
            return -1;
        }
        if (n == 0) {
            const char *h = (const char *)sqlite3_column_text(st, 2);
            size_t hl = (size_t)sqlite3_column_bytes(st, 2);
            if (hl > hdrcap) hl = hdrcap;
            memcpy(hdr, h ? h : "", hl);
            *hdrlen = hl;
            *encrypted = sqlite3_column_int(st, 1);
        }
        memcpy(buf + used, cp ? cp : "", len);
        parts[n].p = buf + used;
        parts[n].n = (uint32_t)len;
        used += len;
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, "load split parts");
        return -1;
    }
    return n;
}

int store_split_drop(store *s, const store_split_key *k)
{
    bind_key(s->st[ST_PART_DROP], k);
    if (run(s, ST_PART_DROP) != 0) return -1;
    return sqlite3_changes(s->db);
}

int store_split_drop_oldest(store *s)
{
    sqlite3_stmt *st = s->st[ST_PART_OLDEST];
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return 0;
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        set_err(s, "oldest split message");
        return -1;
    }
    /* the key's texts live in the statement's row: drop before resetting it */
    sqlite3_stmt *del = s->st[ST_PART_DROP];
    sqlite3_bind_value(del, 1, sqlite3_column_value(st, 0));
    sqlite3_bind_value(del, 2, sqlite3_column_value(st, 1));
    sqlite3_bind_int(del, 3, sqlite3_column_int(st, 2));
    sqlite3_bind_int(del, 4, sqlite3_column_int(st, 3));
    int r = run(s, ST_PART_DROP);
    sqlite3_reset(st);
    return r == 0 ? 1 : -1;
}

long store_split_expire(store *s, int64_t before_ms)
{
    sqlite3_bind_int64(s->st[ST_PART_EXPIRE], 1, before_ms);
    if (run(s, ST_PART_EXPIRE) != 0) return -1;
    return sqlite3_changes(s->db);
}

/* One CSV cell: quoted when it holds a comma, quote or line break. */
static void csv_cell(FILE *out, const char *v)
{
    if (!v) return;
    if (!strpbrk(v, ",\"\r\n")) {
        fputs(v, out);
        return;
    }
    fputc('"', out);
    for (const char *c = v; *c; c++) {
        if (*c == '"') fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

long store_dump(store *s, const char *cn, const char *mn, FILE *out)
{
    const char *sql = mn ? "SELECT mn, cn, datatime, polid, code, field, value, flag FROM readings"
                           " WHERE cn = ?1 AND mn = ?2 ORDER BY mn, datatime, polid, code, field"
                         : "SELECT mn, cn, datatime, polid, code, field, value, flag FROM readings"
                           " WHERE cn = ?1 ORDER BY mn, datatime, polid, code, field";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        set_err(s, "dump");
        return -1;
    }
    sqlite3_bind_int(st, 1, atoi(cn));
    if (mn) sqlite3_bind_text(st, 2, mn, -1, SQLITE_STATIC);
    fputs("mn,cn,datatime,code,field,value,flag\n", out);
    long rows = 0;
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *polid = (const char *)sqlite3_column_text(st, 3);
        csv_cell(out, (const char *)sqlite3_column_text(st, 0));
        fprintf(out, ",%d,", sqlite3_column_int(st, 1));
        csv_cell(out, (const char *)sqlite3_column_text(st, 2));
        fputc(',', out);
        if (polid && *polid) {
            csv_cell(out, polid);
            fputc('/', out);
        }
        csv_cell(out, (const char *)sqlite3_column_text(st, 4));
        fputc(',', out);
        csv_cell(out, (const char *)sqlite3_column_text(st, 5));
        fputc(',', out);
        csv_cell(out, (const char *)sqlite3_column_text(st, 6));
        fputc(',', out);
        csv_cell(out, (const char *)sqlite3_column_text(st, 7));
        fputc('\n', out);
        rows++;
    }
    if (rc != SQLITE_DONE) {
        set_err(s, "dump");
        rows = -1;
    }
    sqlite3_finalize(st);
    return rows;
}

long store_count(store *s, const char *table)
{
    static const char *const known[] = {"packets", "readings", "work_orders", "lab_results",
                                        "split_parts"};
    char sql[64];
    int ok = 0;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(table, known[i]) == 0) ok = 1;
    if (!ok) return -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* --- reading back in commit order ------------------------------------------------------ */

int store_has_data(store *s)
{
    sqlite3_stmt *st = read_stmt(s, ST_HAS_DATA);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    int has = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
    sqlite3_reset(st);
    if (has < 0) set_err(s, "has data");
    return has;
}

long store_read_packets(store *s, int64_t after_id, store_packet_row *rows, size_t cap)
{
    sqlite3_stmt *st = read_stmt(s, ST_READ_PACKETS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    long n = 0;
    int rc = 0;
    while ((size_t)n < cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_packet_row *p = &rows[n++];
        size_t len = 0;
        p->id = sqlite3_column_int64(st, 0);
        snprintf(p->mn, sizeof p->mn, "%s", column_text(st, 1, &len));
        p->cn = sqlite3_column_int(st, 2);
        snprintf(p->datatime, sizeof p->datatime, "%s", column_text(st, 3, &len));
        p->received_ms = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if ((size_t)n < cap && rc != SQLITE_DONE) {
        set_err(s, "read packets");
        return -1;
    }
    return n;
}

int store_read_readings(store *s, const store_packet_row *p, store_reading_fn fn, void *ctx)
{
    hj212_str mn = {p->mn, (uint32_t)strlen(p->mn)};
    hj212_str dt = {p->datatime, (uint32_t)strlen(p->datatime)};
    return read_readings(s, mn, p->cn, dt, p->id, fn, ctx);
}

static const char *column_or_null(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

long store_read_orders(store *s, int64_t after, void (*fn)(void *ctx, const store_order_row *r),
                       void *ctx)
{
    sqlite3_stmt *st = read_stmt(s, ST_READ_ORDERS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, after);
    long n = 0;
    int rc = 0;
    size_t len = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_order_row r = {sqlite3_column_int64(st, 0), column_text(st, 1, &len),
                             column_text(st, 2, &len),     column_text(st, 3, &len),
                             column_text(st, 4, &len),     column_text(st, 5, &len),
                             column_or_null(st, 6)};
        fn(ctx, &r);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, "read work orders");
        return -1;
    }
    return n;
}

long store_read_labs(store *s, int64_t after, void (*fn)(void *ctx, const store_lab_row *r),
                     void *ctx)
{
    sqlite3_stmt *st = read_stmt(s, ST_READ_LABS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, after);
    long n = 0;
    int rc = 0;
    size_t len = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_lab_row r = {sqlite3_column_int64(st, 0), column_text(st, 1, &len),
                           column_text(st, 2, &len), column_text(st, 3, &len),
                           sqlite3_column_double(st, 4)};
        fn(ctx, &r);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_err(s, "read lab results");
        return -1;
    }
    return n;
}
