/*
 * cmd-score.c — `hjrange score TRUTH ALERTS... [--json|--junit] [--grace D]`: the CLI of
 * score/ (definitions in docs/scoring.md). One ALERTS file: its report; several: a
 * leaderboard, then each team's report. Exit 0 scored, 2 bad usage or bad input.
 */
#include "cmd.h"
#include "i18n.h"
#include "hjfraud.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 256
#define ERR_MAX   8192

/* Labels of the text report in the user's language (MSG_SC_<SCORE_T_x>). */
static const i18n_msg label_msg[SCORE_T__COUNT] = {
#define SCORE_LABEL_ROW(id, en) [id] = MSG_SC_##id,
    SCORE_TEXTS(SCORE_LABEL_ROW)
#undef SCORE_LABEL_ROW
};

/* Team name: the file's basename without its last extension. */
static void team_name(const char *path, char *buf, size_t n)
{
    if (strcmp(path, "-") == 0) {
        snprintf(buf, n, "stdin");
        return;
    }
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(buf, n, "%s", b);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf) *dot = '\0';
}

int cmd_score(int argc, char **argv)
{
    enum { FMT_TEXT, FMT_JSON, FMT_JUNIT } fmt = FMT_TEXT;
    int nfmt = 0;
    score_options opt = score_options_default();
    const char *files[MAX_FILES + 1] = {NULL};
    size_t nfiles = 0;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (strcmp(a, "--json") == 0 || strcmp(a, "--junit") == 0) {
            if (cmd_opt_no_value(argv[i])) return 2;
            fmt = strcmp(a, "--json") == 0 ? FMT_JSON : FMT_JUNIT;
            nfmt++;
        } else if (strcmp(a, "--grace") == 0) {
            const char *v = cmd_opt_value(argc, argv, &i);
            if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
            if (score_parse_duration(v, &opt.grace_ms))
                return cmd_bad_form(a, v, MSG_OPT_FORMS_GRACE);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        } else {
            if (nfiles > MAX_FILES) return cmd_usage_error(MSG_BAD_VALUE, "too many files");
            files[nfiles++] = a;
        }
    }
    if (nfmt > 1) return cmd_usage_error(MSG_SC_FORMATS, NULL);
    if (nfiles < 2) return cmd_usage_error(MSG_SC_NEEDS_FILES, NULL);

    static char err[ERR_MAX];
    err[0] = '\0';
    score_truth *t = score_truth_load(files[0], err, sizeof err);
    if (!t) {
        fprintf(stderr, "hjrange: score: %s: %s\n", i18n(MSG_SC_BAD_INPUT), err);
        return 2;
    }
    size_t n = nfiles - 1;
    score_result **res = calloc(n, sizeof *res);
    char(*teams)[SCORE_NAME_MAX] = calloc(n, sizeof *teams);
    int status = 0, stdin_used = 0;
    if (!res || !teams) {
        fprintf(stderr, "hjrange: score: out of memory\n");
        status = 1;
        goto done;
    }
    /* Every file is read, and every bad line reported, before giving up. */
    for (size_t i = 0; i < n; i++) {
        const char *path = files[i + 1];
        score_alerts *a = NULL;
        err[0] = '\0';
        if (strcmp(path, "-") == 0) {
            if (stdin_used++) {
                status = cmd_usage_error(MSG_BAD_VALUE, "'-' given twice");
                goto done;
            }
            a = score_alerts_read(stdin, "stdin", err, sizeof err);
        } else {
            a = score_alerts_load(path, err, sizeof err);
        }
        if (!a) {
            fprintf(stderr, "hjrange: score: %s:\n%s\n", i18n(MSG_SC_BAD_INPUT), err);
            status = 2;
            continue;
        }
        team_name(path, teams[i], sizeof teams[i]);
        opt.team = teams[i];
        res[i] = score_compute(t, a, &opt, err, sizeof err);
        score_alerts_free(a);
        if (!res[i]) {
            fprintf(stderr, "hjrange: score: %s\n", err);
            status = 1;
        }
    }
    if (status) goto done;

    const char *labels[SCORE_T__COUNT] = {NULL};
    for (int k = 0; k < SCORE_T__COUNT; k++)
        labels[k] = i18n(label_msg[k]);
    /* Chinese reports name the fraud types; English ones keep the keys of the files */
    const char **type_names = NULL;
    if (i18n_get() == I18N_ZH && (type_names = calloc(hjfraud_count(), sizeof *type_names)))
        for (size_t k = 0; k < hjfraud_count(); k++)
            type_names[k] = hjfraud_at(k)->name_zh;
    const char *const *tn = (const char *const *)type_names;
    const score_result *const *cres = (const score_result *const *)res;
    int rc = 0;
    if (fmt == FMT_JUNIT) {
        rc = score_write_junit(stdout, cres, n);
    } else if (fmt == FMT_JSON) {
        rc = n == 1 ? score_write_json(stdout, res[0])
                    : score_write_leaderboard_json(stdout, cres, n);
    } else if (n == 1) {
        rc = score_write_text_names(stdout, res[0], labels, tn);
    } else {
        size_t order[MAX_FILES] = {0};
        rc = score_write_leaderboard_text(stdout, cres, n, labels);
        score_rank(cres, n, order, NULL);
        for (size_t i = 0; i < n && rc == 0; i++) {
            fputc('\n', stdout);
            rc = score_write_text_names(stdout, res[order[i]], labels, tn);
        }
    }
    free(type_names);
    if (rc || fflush(stdout)) {
        fprintf(stderr, "hjrange: score: write error\n");
        status = 1;
    }
done:
    if (res)
        for (size_t i = 0; i < n; i++)
            score_result_free(res[i]);
    free(res);
    free(teams);
    score_truth_free(t);
    return status;
}
