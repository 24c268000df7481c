/*
 * libdir.c — the default require() folder (libdir.h).
 */
#include "libdir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HJ_SCEN_LIB_DIR
#define HJ_SCEN_LIB_DIR "scenarios/lib"
#endif
#ifndef HJ_LIBDIR_REL
#define HJ_LIBDIR_REL "../share/hjrange/lib"
#endif

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int put(char *out, size_t n, const char *s)
{
    int w = snprintf(out, n, "%s", s);
    return w >= 0 && (size_t)w < n ? 0 : -1;
}

int libdir_installed(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0) return -1;
    exe[k] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return -1;
    *slash = '\0';
#ifdef HJ_BUILD_DIR
    /* a binary in its build folder is not installed: ../share there is nobody's */
    char build[PATH_MAX];
    if (realpath(HJ_BUILD_DIR, build) && strcmp(build, exe) == 0) return -1;
#endif
    char lib[PATH_MAX + sizeof HJ_LIBDIR_REL + 1];
    snprintf(lib, sizeof lib, "%s/%s", exe, HJ_LIBDIR_REL);
    char real[PATH_MAX];
    if (!realpath(lib, real) || !is_dir(real)) return -1;
    return put(out, n, real);
}

int libdir_pick(const char *scenario, const char *opt, char *out, size_t n)
{
    if (opt) return put(out, n, opt);
    if (scenario) { /* a scenario shipped with its own modules */
        const char *slash = strrchr(scenario, '/');
        int w = slash ? snprintf(out, n, "%.*s/lib", (int)(slash - scenario), scenario)
                      : snprintf(out, n, "lib");
        if (w >= 0 && (size_t)w < n && is_dir(out)) return 0;
    }
    if (libdir_installed(out, n) == 0) return 0;
    return put(out, n, HJ_SCEN_LIB_DIR);
}
