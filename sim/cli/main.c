/*
 * main.c — the `hjrange` command: one program, subcommands.
 *
 * Threading model: each subcommand owns the process. Network-facing subcommands run one
 * thread with one event loop (see the command's entry point); nothing here starts threads.
 */
#include "cmd.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

#ifndef HJRANGE_VERSION
#define HJRANGE_VERSION "0.1.0"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    i18n_msg summary;
    i18n_msg help; /* full help text, or MSG__COUNT when the summary says it all */
} command;

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const command commands[] = {
    {"run", cmd_run, MSG_RUN_CMD, MSG_RUN_HELP},
    {"check", cmd_check, MSG_CHECK_CMD, MSG_CHECK_HELP},
    {"generate", cmd_generate, MSG_GEN_CMD, MSG_GEN_HELP},
    {"hj212", cmd_hj212, MSG_CMD_HJ212, MSG_HJ212_HELP},
    {"station", cmd_station, MSG_ST_CMD, MSG_ST_HELP},
    {"detect", cmd_detect, MSG_CMD_DETECT, MSG_DETECT_HELP},
    {"db", cmd_db, MSG_CMD_DB, MSG_DB_HELP},
    {"score", cmd_score, MSG_SC_CMD, MSG_SC_HELP},
    {"suite", cmd_suite, MSG_SU_CMD, MSG_SU_HELP},
    {"report", cmd_report, MSG_SU_REPORT_CMD, MSG_SU_REPORT_HELP},
    {"view", cmd_view, MSG_VW_CMD, MSG_VW_HELP},
    {"list", cmd_list, MSG_LS_CMD, MSG_LS_HELP},
    {"registry", cmd_registry, MSG_RG_CMD, MSG_RG_HELP},
    {"help", cmd_help, MSG_CMD_HELP, MSG__COUNT},
    {"version", cmd_version, MSG_CMD_VERSION, MSG__COUNT},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

int cmd_usage_error(i18n_msg msg, const char *detail)
{
    if (detail)
        fprintf(stderr, "hjrange: %s: %s\n", i18n(msg), detail);
    else
        fprintf(stderr, "hjrange: %s\n", i18n(msg));
    return 2;
}

static void print_overview(FILE *f)
{
    fprintf(f, "hjrange %s — %s\n\n%s: hjrange [--lang zh|en] CMD [OPTIONS]\n\n%s:\n",
            HJRANGE_VERSION, i18n(MSG_TAGLINE), i18n(MSG_USAGE), i18n(MSG_COMMANDS));
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, i18n(commands[i].summary));
    fprintf(f, "\n%s\n%s\n", i18n(MSG_HELP_HINT), i18n(MSG_OPT_FORM_HINT));
}

static void print_command_help(const command *c)
{
    printf("hjrange %s — %s\n\n", c->name, i18n(c->summary));
    if (c->help != MSG__COUNT) printf("%s", i18n(c->help));
}

static int cmd_help(int argc, char **argv)
{
    if (argc > 1) {
        const command *c = find_command(argv[1]);
        if (!c) return cmd_usage_error(MSG_UNKNOWN_CMD, argv[1]);
        print_command_help(c);
        return 0;
    }
    print_overview(stdout);
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    printf("hjrange %s\n", HJRANGE_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    i18n_init_from_env();
    /* --lang (or --lang=) may stand anywhere; it is taken out before the command sees its
     * arguments. */
    int n = 0;
    for (int i = 0; i < argc; i++) {
        char name[16];
        if (i > 0 && strcmp(cmd_opt_name(argv[i], name, sizeof name), "--lang") == 0 &&
            (strchr(argv[i], '=') || i + 1 < argc)) {
            const char *v = cmd_opt_value(argc, argv, &i);
            if (i18n_set_name(v) != 0) return cmd_bad_choice("--lang", v, "zh|en");
            continue;
        }
        argv[n++] = argv[i];
    }
    argc = n;
    argv[argc] = NULL;

    if (argc < 2) {
        print_overview(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) name = "help";
    if (strcmp(name, "--version") == 0) name = "version";
    const command *c = find_command(name);
    if (!c) {
        cmd_usage_error(MSG_UNKNOWN_CMD, argv[1]);
        print_overview(stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_command_help(c);
            return 0;
        }
    }
    return c->run(argc - 1, argv + 1);
}
