/*
 * cmd-common.c — what several subcommands share: the "--name=value" form of options,
 * usage errors that say which values are valid, and the elapsed/ETA part of progress lines.
 * (Where the fraud library is: libdir.h.)
 */
#include "cmd.h"
#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- options ---- */

const char *cmd_opt_name(const char *arg, char *buf, size_t n)
{
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (!eq || n == 0) return arg;
    size_t k = (size_t)(eq - arg);
    if (k >= n) k = n - 1;
    memcpy(buf, arg, k);
    buf[k] = '\0';
    return buf;
}

const char *cmd_opt_value(int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (eq) return eq + 1;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

int cmd_opt_no_value(const char *arg)
{
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (!eq) return 0;
    fprintf(stderr, "hjrange: %s: %.*s\n", i18n(MSG_OPT_NO_VALUE), (int)(eq - arg), arg);
    return 2;
}

static int bad(const char *opt, const char *value, i18n_msg kind, const char *what)
{
    fprintf(stderr, "hjrange: %s: %s \"%s\"; %s: %s\n", i18n(MSG_BAD_VALUE), opt,
            value ? value : "", i18n(kind), what);
    return 2;
}

int cmd_bad_choice(const char *opt, const char *value, const char *choices)
{
    return bad(opt, value, MSG_OPT_VALID, choices);
}

int cmd_bad_value(const char *opt, const char *value, const char *what)
{
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

int cmd_bad_form(const char *opt, const char *value, i18n_msg forms)
{
    return bad(opt, value, MSG_OPT_FORMS, i18n(forms));
}

int cmd_bad_int(const char *opt, const char *value, long long lo, long long hi)
{
    char what[128];
    snprintf(what, sizeof what, "%s %lld..%lld", i18n(MSG_OPT_INTEGER), lo, hi);
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

int cmd_bad_number(const char *opt, const char *value, const char *range)
{
    char what[128];
    snprintf(what, sizeof what, "%s %s", i18n(MSG_OPT_NUMBER), range);
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

/* ---- progress ---- */

/* s seconds as M:SS or H:MM:SS. */
static void hms(double s, char *buf, size_t n)
{
    if (!(s >= 0) || s > 1e9) {
        snprintf(buf, n, "-");
        return;
    }
    long long t = llround(s);
    if (t >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%lld:%02lld", t / 60, t % 60);
}

void cmd_progress_times(char *buf, size_t n, double elapsed_s, double frac)
{
    char a[32], b[32];
    hms(elapsed_s, a, sizeof a);
    /* the rest at the pace so far; unknown until some of the work is done */
    hms(frac > 0 && frac <= 1 ? elapsed_s * (1 - frac) / frac : -1, b, sizeof b);
    snprintf(buf, n, "%s %s, %s %s", i18n(MSG_PROG_ELAPSED), a, i18n(MSG_PROG_ETA), b);
}
