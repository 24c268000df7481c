/*
 * cmd-registry.c — `hjrange registry SCENARIO.lua [--out FILE]`: the platform's station
 * registry (detect/registry.h: [{"mn","pw","protocol","limits","production_meters"}]) of a
 * scenario, from its station{} declarations, so that `hjrange detect --stations` can be
 * started before the run; the same file `hjrange run` writes for its own platform.
 */
#include "cmd.h"
#include "libdir.h"
#include "i18n.h"
#include "range.h"
#include "scen.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RG_PATH_MAX = 1024, RG_MN_MAX = 24, RG_PW_MAX = 6 }; /* registry.h's limits */

int cmd_registry(int argc, char **argv)
{
    const char *file = NULL, *out = NULL, *lib_opt = NULL;
    int seed_set = 0;
    uint64_t seed = 0;
    for (int i = 1; i < argc; i++) {
        char name[16];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (file) return cmd_usage_error(MSG_BAD_VALUE, a);
            file = a;
            continue;
        }
        if (strcmp(a, "--out") != 0 && strcmp(a, "--lib") != 0 && strcmp(a, "--seed") != 0)
            return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
        if (strcmp(a, "--seed") == 0) {
            char *end = NULL;
            errno = 0;
            unsigned long long s = strtoull(v, &end, 10);
            if (!v[0] || v[0] == '-' || errno || *end || s > (unsigned long long)INT64_MAX)
                return cmd_bad_int(a, v, 0, INT64_MAX);
            seed = s;
            seed_set = 1;
        } else if (!v[0]) {
            return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
        } else if (strcmp(a, "--out") == 0) {
            out = v;
        } else {
            lib_opt = v;
        }
    }
    if (!file) return cmd_usage_error(MSG_RUN_NEEDS_FILE, NULL);

    char lib[RG_PATH_MAX], err[512] = "";
    libdir_pick(file, lib_opt, lib, sizeof lib);
    scen_opts so;
    memset(&so, 0, sizeof so);
    so.lib_dir = lib;
    so.seed_override = seed_set;
    so.seed = seed;
    scen *s = scen_new(&so, err, sizeof err);
    if (!s) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_SCEN_ERROR), err);
        return 1;
    }
    if (scen_load(s, file) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_RUN_SCEN_ERROR), scen_errmsg(s));
        scen_free(s);
        return 1;
    }
    /* one station a line: readable, and still one JSON array */
    const station_cfg *cf = scen_stations(s);
    size_t n = scen_station_count(s);
    char *buf = NULL;
    size_t len = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (strlen(cf[i].mn) > RG_MN_MAX || strlen(cf[i].pw) > RG_PW_MAX) {
            fprintf(stderr, "hjrange: %s: %s: %s\n", file, cf[i].mn, i18n(MSG_RG_TOO_LONG));
            rc = 1;
        }
    }
    FILE *m = rc ? NULL : open_memstream(&buf, &len);
    if (!rc && (!m || range_write_registry(cf, n, NULL, m) != 0)) rc = 1;
    if (m && fclose(m) != 0) rc = 1;
    scen_free(s);
    if (rc) {
        free(buf);
        return 1;
    }
    FILE *f = out ? fopen(out, "wb") : stdout;
    int werr = !f || fwrite(buf, 1, len, f) != len;
    if (f && f != stdout) werr |= fclose(f) != 0;
    if (f == stdout) werr |= fflush(stdout) != 0;
    free(buf);
    if (werr) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_RUN_OUT_FAIL), out ? out : "stdout",
                strerror(errno));
        return 1;
    }
    if (out) fprintf(stderr, "hjrange: %zu %s %s\n", n, i18n(MSG_RG_WRITTEN), out);
    return 0;
}
