/*
 * daut.h — helpers of the DAU/range tests: station sets, running tools, reading outputs.
 */
#ifndef DAUT_H
#define DAUT_H

#include "range.h"

#include <stddef.h>
#include <stdint.h>

#define DAUT_T0 1644249600000LL /* 2022-02-08T00:00:00+08:00 */

/* Station i of a test set: profile dyeing (i % 3 == 0), municipal (TN, 2025 for i % 3 == 1,
 * a TOC analyzer), food (2017); MN "33040001DAU%04d". */
void daut_station(station_cfg *cfg, int i);
/* A fresh directory /tmp/hjdau-NAME-PID (emptied); returns its path (static per slot). */
const char *daut_dir(const char *name);
/* Removes every daut_dir of this process (call when the tests passed). */
void daut_cleanup(void);
/* Reads a whole file (NUL-terminated, malloc'd); NULL when absent. */
char *daut_slurp(const char *path, size_t *n);
/* Runs a command line through sh -c, output into a malloc'd string; returns exit status. */
int daut_run(const char *cmd, char **out);
/* Starts `BIN detect --listen ADDR ARGS...`; returns the port and sets *pid, or -1. */
int daut_spawn_detect(const char *bin, const char *listen, const char *const *args, int *pid);
void daut_kill(int pid, int sig);
/* Lines of hj212.log with this CN (and MN when not NULL); returns the count. */
int daut_count_cn(const char *log, int cn, const char *mn);
/* The value of "key=" in a frame, up to ';' ',' '&'; 0 or -1. */
int daut_field(const char *frame, const char *key, char *out, size_t cap);
/* Result of one SQL query returning one integer on the db; -1 on error. */
long long daut_sql_int(const char *db, const char *sql);

#endif
