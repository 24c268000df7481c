/*
 * fuzz_records.c — libFuzzer target for the O&M records feed (detect/records.c,
 * records.jsonl: work orders and lab results, one JSON object a line) into the platform's
 * real SQLite store.
 *
 * One store (a database in a temporary directory, as the platform keeps it) lives across
 * runs; each input is loaded as a records file. Every line is counted once, as stored, a
 * duplicate or bad; each bad line is reported exactly once, with its line number; what the
 * sink is told matches the counts; a load always ends with its transaction committed; and
 * loading the same text again stores nothing new.
 */
#include "records.h"
#include "store.h"
#include "fuzz_net.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static store *db;
static char dir[64];
static unsigned long reported, last_line, told;

static void cleanup(void)
{
    store_close(db);
    db = NULL;
    fuzz_rmdb(dir);
}

static void report(void *ctx, unsigned long line, records_err err, const char *detail)
{
    (void)ctx;
    (void)detail;
    if (err < RECORDS_E_JSON || err > RECORDS_E_STORE) abort();
    if (line <= last_line) abort(); /* once a line, in order */
    last_line = line;
    reported++;
}

static void on_wo(void *ctx, const char *mn, const char *task, const char *start, const char *end,
                  const char *who, const char *filed)
{
    (void)ctx;
    (void)filed;
    if (!mn || !task || !start || !end || !who) abort();
    told++;
}

static void on_lab(void *ctx, const char *mn, const char *param, const char *time, double value)
{
    (void)ctx;
    (void)value;
    if (!mn || !param || !time) abort();
    told++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db) {
        char err[256] = "", path[96];
        fuzz_tmpdir(dir, "hjfuzz-records");
        snprintf(path, sizeof path, "%s/platform.db", dir);
        db = store_open(path, STORE_SYNC_NORMAL, err, sizeof err);
        if (!db) abort();
        atexit(cleanup);
    }
    records_sink sink = {on_wo, on_lab, NULL};
    records_stats st;
    reported = last_line = told = 0;
    if (records_load_text(db, (const char *)data, size, report, NULL, &sink, &st) != 0) abort();
    if (store_in_tx(db)) abort();
    if (st.work_orders + st.labs + st.duplicates + st.bad > st.lines) abort();
    if (reported != st.bad) abort();
    if (told != st.work_orders + st.labs) abort();
    records_stats again;
    reported = last_line = told = 0;
    if (records_load_text(db, (const char *)data, size, report, NULL, &sink, &again) != 0) abort();
    if (again.work_orders + again.labs != 0 || told != 0) abort(); /* nothing stored twice */
    if (again.bad != st.bad || again.lines != st.lines) abort();
    return 0;
}
