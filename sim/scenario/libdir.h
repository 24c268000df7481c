/*
 * libdir.h — where a scenario's require() looks when --lib is not given: one rule for
 * `hjrange run`, `check` and `view`, agreeing with the layout of `cmake --install`.
 *
 * Configuration (compile definitions, sim/scenario/CMakeLists.txt): HJ_SCEN_LIB_DIR the source tree's
 * scenarios/lib, HJ_BUILD_DIR the build folder, HJ_LIBDIR_REL the installed library
 * relative to the installed executable's folder (../share/hjrange/lib).
 */
#ifndef HJ_LIBDIR_H
#define HJ_LIBDIR_H

#include <stddef.h>

/* Writes into out (n bytes) the folder require() loads modules from:
 *   opt when it is not NULL (--lib);
 *   else SCENARIO_DIR/lib when it is a folder (a scenario shipped with its own modules;
 *     not looked for when scenario is NULL);
 *   else, for an installed hjrange, the fraud library installed beside it
 *     (PREFIX/bin/hjrange -> PREFIX/share/hjrange/lib, whatever PREFIX is);
 *   else the source tree's scenarios/lib (hjrange run from its build folder).
 * Returns 0, or -1 when the result did not fit (out holds a truncated path then). */
int libdir_pick(const char *scenario, const char *opt, char *out, size_t n);

/* The fraud library installed beside the running executable, when there is one: 0 and
 * the folder in out, else -1. */
int libdir_installed(char *out, size_t n);

#endif
