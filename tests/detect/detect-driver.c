/*
 * detect-driver.c — runs `detect` and `db` like hjrange does, for the process-level tests
 * until sim/main.c lists them (then the tests use hjrange itself).
 */
#include "cmd.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

int cmd_detect(int argc, char **argv);
int cmd_db(int argc, char **argv);

int cmd_usage_error(i18n_msg msg, const char *detail)
{
    fprintf(stderr, "hjrange: %s%s%s\n", i18n(msg), detail ? ": " : "", detail ? detail : "");
    return 2;
}

int main(int argc, char **argv)
{
    i18n_init_from_env();
    if (argc >= 2 && strcmp(argv[1], "detect") == 0) return cmd_detect(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "db") == 0) return cmd_db(argc - 1, argv + 1);
    fprintf(stderr, "usage: %s detect|db ...\n", argv[0]);
    return 2;
}
