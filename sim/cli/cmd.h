/*
 * cmd.h — the subcommands of `hjrange`. Each takes the arguments after its name
 * (argv[0] is the command name) and returns the process exit status.
 */
#ifndef CMD_H
#define CMD_H

#include "hj212.h"
#include "i18n.h"

#include <stddef.h>

int cmd_hj212(int argc, char **argv);
int cmd_station(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_suite(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_registry(int argc, char **argv);
int cmd_generate(int argc, char **argv);

/* Exit status of `hjrange view` and `hjrange report` in a build without the view
 * (HJ_HEADLESS): what they were asked for is not in this build. */
#define CMD_EXIT_NO_VIEW 3

/* Prints "hjrange: <msg>[: detail]" to stderr in the user's language; returns 2. */
int cmd_usage_error(i18n_msg msg, const char *detail);

/* ---- shared by the commands (cmd-common.c) ---- */

/* An option comes as "--name VALUE" or as "--name=VALUE". cmd_opt_name: the option's name,
 * arg up to its '=' copied into buf[n]; arg itself when it has no '='. */
const char *cmd_opt_name(const char *arg, char *buf, size_t n);
/* The value of the option at argv[*i]: the text after its '=', else argv[*i + 1] (*i then
 * steps onto it); NULL when there is none. */
const char *cmd_opt_value(int argc, char **argv, int *i);
/* For an option that takes no value: 0, or a usage error (2) when it came with "=...". */
int cmd_opt_no_value(const char *arg);

/* Usage errors for a bad option value that say what is valid; each returns 2.
 *   cmd_bad_choice  ...; valid values: trainee|instructor      (choices as given)
 *   cmd_bad_value   ...; expected: <what>                      (what in the user's language)
 *   cmd_bad_form    ...; accepted forms: <i18n(forms)>          (times, durations)
 *   cmd_bad_int     ...; expected: an integer lo..hi
 *   cmd_bad_number  ...; expected: a number <range>, e.g. "(0, 1e9]" */
int cmd_bad_choice(const char *opt, const char *value, const char *choices);
int cmd_bad_value(const char *opt, const char *value, const char *what);
int cmd_bad_form(const char *opt, const char *value, i18n_msg forms);
int cmd_bad_int(const char *opt, const char *value, long long lo, long long hi);
int cmd_bad_number(const char *opt, const char *value, const char *range);

/* The reason of a codec refusal in the user's language (hj212_strerror in English). */
const char *cmd_hj212_err_text(hj212_err e);

/* The report of a run's out folder, in the user's language: report.png and report.html (0);
 * in a build without the view (HJ_HEADLESS) report.html alone, which says why (1); -1 when
 * it cannot be read or written (err says why). cmd-draw.c, or cmd-headless.c without the
 * view. */
int cmd_write_report(const char *dir, char *err, size_t n);

/* "elapsed M:SS, ETA M:SS" in the user's language; the ETA assumes the rest goes at the
 * pace so far (frac: the fraction done, 0..1; "-" while nothing is done). */
void cmd_progress_times(char *buf, size_t n, double elapsed_s, double frac);

#endif
