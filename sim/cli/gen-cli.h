/*
 * gen-cli.h — the scenario generator on the command line: its narrowing options (shared by
 * `hjrange generate` and `hjrange suite --generate`), and what the suite adds for a set:
 * the generated folder, the set's totals with their intervals and the confusion matrix
 * (computed by score-set.h).
 */
#ifndef GEN_CLI_H
#define GEN_CLI_H

#include "gen.h"
#include "score.h"

#include <stdint.h>
#include <stdio.h>

/* name: an option name as cmd_opt_name gives it. If it is a narrowing option of the
 * generator (--types --profiles --kinds --stations --days --honest --difficulty), parses
 * value into o and returns 0; a bad value prints a usage error and returns 2; any other
 * name returns 1. */
int gen_cli_option(const char *name, const char *value, gen_options *o);
/* A seed 0 .. 2^64-1: 0, or a usage error (2). */
int gen_cli_seed(const char *opt, const char *value, uint64_t *seed);
/* --types against --kinds after all options: 0, or 2 with the usage message printed. */
int gen_cli_check(const gen_options *o);

/* What `hjrange suite` keeps for --generate and --matrix. */
typedef struct suite_gen {
    long count;      /* --generate K; 0: a folder of the user's */
    int matrix;      /* --matrix, implied by --generate */
    gen_options opt; /* narrowing options given to the suite */
    char out[1024];  /* a temporary out folder, when --out was not given */
    char dir[1100];  /* where the scenarios were written */
    char *json;      /* the set's JSON (score_set_write_json), malloc'ed */
} suite_gen;

void suite_gen_init(suite_gen *g);
void suite_gen_free(suite_gen *g);
/* One argument of `hjrange suite` at argv[*i]: 0 taken (with its value: *i advanced), 1 not
 * a generator option, 2 usage error (printed). */
int suite_gen_arg(suite_gen *g, int argc, char **argv, int *i);
/* With --generate: writes the set drawn from *seed (required) into OUT/scenarios, OUT being
 * --out or a new temporary folder (kept, with the results), points *dir at it and clears
 * *seed (the runs keep the scenarios' own seeds). dir_given: a DIR was given too (an
 * error). 0, or the exit status. */
int suite_gen_prepare(suite_gen *g, int dir_given, int out_given, const char **dir,
                      const char **out, const char **seed);
/* The set's totals and matrix as text on f (in the user's language), and its JSON kept in
 * g->json. res: the runs' results, NULL for a run not scored. */
void suite_gen_report(suite_gen *g, FILE *f, const score_result *const *res, size_t n);

#endif
