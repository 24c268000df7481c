/*
 * cmd.h — the subcommands of `hjrange`. Each takes the arguments after its name
 * (argv[0] is the command name) and returns the process exit status.
 */
#ifndef CMD_H
#define CMD_H

#include "i18n.h"

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

/* Prints "hjrange: <msg>[: detail]" to stderr in the user's language; returns 2. */
int cmd_usage_error(i18n_msg msg, const char *detail);

#endif
