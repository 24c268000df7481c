/*
 * keep_modules.c — preloaded (LD_PRELOAD) into the view tests of the sanitizer build:
 * dlclose() leaves the module mapped. SDL loads the window's GL driver (libGL, the Mesa DRI
 * driver, ...) with dlopen and unloads it at SDL_Quit; LeakSanitizer checks at exit, when
 * that module's memory is gone: the blocks only it pointed to then look leaked, and their
 * stacks end in "<unknown module>", which no suppression can name. With the module kept,
 * its data is scanned like any library's, and a real leak inside it carries the module's
 * name for tests/lsan.supp. Nothing else changes: our own allocations are checked as
 * before. Built without sanitizers: it is preloaded into xvfb-run, Xvfb and the shell too.
 */
#include <dlfcn.h>

int dlclose(void *handle)
{
    (void)handle;
    return 0;
}
