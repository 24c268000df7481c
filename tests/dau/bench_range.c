/*
 * bench_range.c — measures a fast-mode run: N stations for H virtual hours with the
 * in-process platform. Usage: dau_bench N HOURS OUTDIR [threads|one]: with the range's net
 * and platform threads (default), or all on this thread (range_cfg.one_thread, as `hjrange
 * run --fast`). Prints wall time, the virtual/wall ratio, records (packets) per second,
 * polls per second.
 */
#include "daut.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4 && !(argc == 5 && (!strcmp(argv[4], "threads") || !strcmp(argv[4], "one")))) {
        fprintf(stderr, "usage: dau_bench N HOURS OUTDIR [threads|one]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    double hours = atof(argv[2]);
    if (n <= 0 || hours <= 0) return 2;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { /* 4 descriptors per station */
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    station_cfg *sc = calloc((size_t)n, sizeof *sc);
    for (int i = 0; i < n; i++)
        daut_station(&sc[i], i);
    char db[512];
    snprintf(db, sizeof db, "%s/platform.db", argv[3]);
    remove(db);
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = sc;
    rc.n_stations = (size_t)n;
    rc.seed = 7;
    rc.t0 = DAUT_T0;
    rc.out_dir = argv[3];
    rc.in_process_platform = 1;
    rc.one_thread = argc == 5 && strcmp(argv[4], "one") == 0;
    rc.platform_db = db;
    char err[256];
    range *r = range_new(&rc, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int rc2 = range_run_until(r, rc.t0 + (int64_t)(hours * 3600000.0));
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (rc2 != 0) fprintf(stderr, "%s\n", range_errmsg(r));
    range_stats s = range_stats_get(r);
    double w = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%d stations, %.1f h virtual: wall %.2f s, virtual/wall %.0fx, records %llu "
           "(%.0f/s), acked %llu, resends %llu, polls %llu (%.0f/s), modbus errors %llu\n",
           n, hours, w, hours * 3600.0 / w, (unsigned long long)s.records, (double)s.records / w,
           (unsigned long long)s.acked, (unsigned long long)s.resends, (unsigned long long)s.polls,
           (double)s.polls / w, (unsigned long long)s.modbus_errors);
    range_free(r);
    free(sc);
    return rc2 == 0 ? 0 : 1;
}
