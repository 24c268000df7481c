/*
 * cmd-generate.c — `hjrange generate --seed N [--count K] [--out DIR] [narrowing options]`:
 * fresh scenario files drawn by the generator (sim/scenario/gen.h); and the generator's part
 * of `hjrange suite` (gen-cli.h): --generate, --matrix, the set's report.
 *
 * Threading model: one thread; it writes files and returns.
 */
#include "cmd.h"
#include "gen-cli.h"
#include "hjfraud.h"
#include "i18n.h"
#include "plant.h"
#include "score-set.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the narrowing options ---- */

/* A comma-separated list of names into a bit mask; -1 on an unknown name. */
static int name_list(const char *v, const char *const *names, size_t n, uint32_t *mask)
{
    *mask = 0;
    const char *p = v;
    while (*p) {
        size_t len = strcspn(p, ",");
        size_t k = 0;
        for (; k < n; k++)
            if (strlen(names[k]) == len && strncmp(names[k], p, len) == 0) break;
        if (k == n || len == 0) return -1;
        *mask |= 1u << k;
        p += len;
        if (*p == ',') p++;
    }
    return *mask ? 0 : -1;
}

static void join(const char *const *names, size_t n, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "", names[i]);
}

/* "N" or "N-M" within lo..hi */
static int range_of(const char *v, int lo, int hi, int *a, int *b)
{
    char *end = NULL;
    long x = strtol(v, &end, 10), y = x;
    if (end == v) return -1;
    if (*end == '-') {
        const char *w = end + 1;
        y = strtol(w, &end, 10);
        if (end == w) return -1;
    }
    if (*end || x < lo || y > hi || x > y) return -1;
    *a = (int)x;
    *b = (int)y;
    return 0;
}

int gen_cli_option(const char *name, const char *value, gen_options *o)
{
    char what[600];
    if (strcmp(name, "--types") == 0) {
        const char *const *keys = hjfraud_keys();
        size_t n = hjfraud_count();
        if (name_list(value, keys, n, &o->types) != 0) {
            join(keys, n, what, sizeof what);
            return cmd_bad_choice(name, value, what);
        }
        return 0;
    }
    if (strcmp(name, "--profiles") == 0) {
        const char *names[PLANT_PROFILE_COUNT];
        for (int i = 0; i < PLANT_PROFILE_COUNT; i++)
            names[i] = plant_profile_name(i);
        if (name_list(value, names, PLANT_PROFILE_COUNT, &o->profiles) != 0) {
            join(names, PLANT_PROFILE_COUNT, what, sizeof what);
            return cmd_bad_choice(name, value, what);
        }
        return 0;
    }
    if (strcmp(name, "--kinds") == 0) {
        static const char *const kinds[] = {"wastewater", "gas", "vocs"}; /* GEN_KIND_* bits */
        if (name_list(value, kinds, 3, &o->kinds) != 0)
            return cmd_bad_choice(name, value, "wastewater, gas, vocs");
        return 0;
    }
    if (strcmp(name, "--stations") == 0) {
        if (range_of(value, 1, GEN_MAX_STATIONS, &o->stations_min, &o->stations_max) != 0) {
            snprintf(what, sizeof what, "%s, 1..%d", i18n(MSG_GEN_RANGE), GEN_MAX_STATIONS);
            return cmd_bad_value(name, value, what);
        }
        return 0;
    }
    if (strcmp(name, "--days") == 0) {
        if (range_of(value, 1, 14, &o->days_min, &o->days_max) != 0) {
            snprintf(what, sizeof what, "%s, 1..14", i18n(MSG_GEN_RANGE));
            return cmd_bad_value(name, value, what);
        }
        return 0;
    }
    if (strcmp(name, "--honest") == 0) {
        char *end = NULL;
        double x = strtod(value, &end);
        if (end == value || *end || !(x >= 0 && x <= 1))
            return cmd_bad_value(name, value, i18n(MSG_GEN_SHARE));
        o->honest = x;
        return 0;
    }
    if (strcmp(name, "--difficulty") == 0) {
        int d = gen_difficulty_from_name(value);
        if (d < 0) return cmd_bad_choice(name, value, "easy|normal|hard|mixed");
        o->difficulty = d;
        return 0;
    }
    return 1;
}

/* --types against --kinds, once both are read: a type no asked kind carries is a usage
 * error (exit 2) like any bad value. */
int gen_cli_check(const gen_options *o)
{
    char err[64] = "";
    if (gen_options_check(o, err, sizeof err) == 0) return 0;
    if (strcmp(err, "types") == 0) return cmd_bad_value("--types", "", i18n(MSG_GEN_TYPE_KIND));
    return cmd_bad_value(strcmp(err, "kinds") == 0 ? "--kinds" : err, "", "");
}

int gen_cli_seed(const char *opt, const char *value, uint64_t *seed)
{
    if (!value[0] || value[strspn(value, "0123456789")] != '\0' || strlen(value) > 20)
        return cmd_bad_value(opt, value, "0 .. 18446744073709551615");
    errno = 0;
    unsigned long long v = strtoull(value, NULL, 10);
    if (errno) return cmd_bad_value(opt, value, "0 .. 18446744073709551615");
    *seed = (uint64_t)v;
    return 0;
}

/* ---- hjrange generate ---- */

int cmd_generate(int argc, char **argv)
{
    gen_options o;
    gen_options_default(&o);
    long count = 10;
    const char *out = "generated";
    int have_seed = 0;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (a[0] != '-') return cmd_usage_error(MSG_BAD_VALUE, a);
        static const char *const known[] = {"--seed",     "--count",     "--out",      "--types",
                                            "--profiles", "--kinds",     "--stations", "--days",
                                            "--honest",   "--difficulty"};
        int k = 0;
        for (size_t j = 0; j < sizeof known / sizeof known[0]; j++)
            k |= strcmp(a, known[j]) == 0;
        if (!k) return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
        if (strcmp(a, "--seed") == 0) {
            if (gen_cli_seed(a, v, &o.seed)) return 2;
            have_seed = 1;
        } else if (strcmp(a, "--count") == 0) {
            char *end = NULL;
            count = strtol(v, &end, 10);
            if (end == v || *end || count < 1 || count > GEN_MAX_COUNT)
                return cmd_bad_int(a, v, 1, GEN_MAX_COUNT);
        } else if (strcmp(a, "--out") == 0) {
            if (!v[0] || strlen(v) > 900) return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
            out = v;
        } else {
            int rc = gen_cli_option(a, v, &o);
            if (rc) return 2;
        }
    }
    if (!have_seed) return cmd_usage_error(MSG_GEN_NEED_SEED, NULL);
    if (gen_cli_check(&o)) return 2;
    char err[1200] = "";
    if (gen_write_set(&o, 0, (unsigned)count, out, err, sizeof err) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_GEN_FAIL), err);
        return 1;
    }
    for (long i = 0; i < count; i++) {
        char fn[64];
        gen_file_name((unsigned)i, fn, sizeof fn);
        printf("%s/%s\n", out, fn);
    }
    fprintf(stderr, "hjrange: %ld %s %s (seed %llu)\n", count, i18n(MSG_GEN_WROTE), out,
            (unsigned long long)o.seed);
    return 0;
}

/* ---- hjrange suite --generate K / --matrix ---- */

void suite_gen_init(suite_gen *g)
{
    memset(g, 0, sizeof *g);
    gen_options_default(&g->opt);
}

void suite_gen_free(suite_gen *g)
{
    free(g->json);
    g->json = NULL;
}

int suite_gen_arg(suite_gen *g, int argc, char **argv, int *i)
{
    char name[32];
    const char *a = cmd_opt_name(argv[*i], name, sizeof name);
    if (strcmp(a, "--matrix") == 0) {
        if (cmd_opt_no_value(argv[*i])) return 2;
        g->matrix = 1;
        return 0;
    }
    static const char *const with_value[] = {"--generate", "--types", "--profiles", "--kinds",
                                             "--stations", "--days",  "--honest",   "--difficulty"};
    int k = 0;
    for (size_t j = 0; j < sizeof with_value / sizeof with_value[0]; j++)
        k |= strcmp(a, with_value[j]) == 0;
    if (!k) return 1;
    const char *v = cmd_opt_value(argc, argv, i);
    if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
    if (strcmp(a, "--generate") == 0) {
        char *end = NULL;
        g->count = strtol(v, &end, 10);
        if (end == v || *end || g->count < 1 || g->count > GEN_MAX_COUNT)
            return cmd_bad_int(a, v, 1, GEN_MAX_COUNT);
        g->matrix = 1;
        return 0;
    }
    return gen_cli_option(a, v, &g->opt) ? 2 : 0;
}

int suite_gen_prepare(suite_gen *g, int dir_given, int out_given, const char **dir,
                      const char **out, const char **seed)
{
    if (dir_given) return cmd_usage_error(MSG_GEN_SU_DIR_ARG, NULL);
    if (!*seed) return cmd_usage_error(MSG_GEN_NEED_SEED, NULL);
    if (gen_cli_seed("--seed", *seed, &g->opt.seed)) return 2;
    if (gen_cli_check(&g->opt)) return 2;
    if (!out_given) {
        const char *tmp = getenv("TMPDIR");
        snprintf(g->out, sizeof g->out, "%s/hjrange-suite-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(g->out)) {
            fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_GEN_FAIL), g->out, strerror(errno));
            return 1;
        }
        *out = g->out;
    }
    snprintf(g->dir, sizeof g->dir, "%s/scenarios", *out);
    char err[1200] = "";
    if (gen_write_set(&g->opt, 0, (unsigned)g->count, g->dir, err, sizeof err) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_GEN_FAIL), err);
        return 1;
    }
    fprintf(stderr, "hjrange suite: %ld %s (seed %llu): %s\n", g->count, i18n(MSG_GEN_SU_DIR),
            (unsigned long long)g->opt.seed, g->dir);
    *dir = g->dir;
    *seed = NULL;
    return 0;
}

void suite_gen_report(suite_gen *g, FILE *f, const score_result *const *res, size_t n)
{
    static const i18n_msg label_msg[SCORE_SET_T__COUNT] = {
#define GS_LABEL(id, en) [id] = MSG_GS_##id,
        SCORE_SET_TEXTS(GS_LABEL)
#undef GS_LABEL
    };
    score_set *s = score_set_new();
    if (!s) return;
    for (size_t i = 0; i < n; i++)
        if (res[i] && score_set_add(s, res[i]) != 0) break;
    const char *labels[SCORE_SET_T__COUNT];
    for (int k = 0; k < SCORE_SET_T__COUNT; k++)
        labels[k] = i18n(label_msg[k]);
    const char **names = NULL;
    if (i18n_get() == I18N_ZH && (names = calloc(hjfraud_count(), sizeof *names)))
        for (size_t k = 0; k < hjfraud_count(); k++)
            names[k] = hjfraud_at(k)->name_zh;
    fputc('\n', f);
    score_set_write_text(f, s, labels, (const char *const *)names);
    free(names);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m) {
        score_set_write_json(m, s);
        fclose(m);
        free(g->json);
        g->json = buf;
    }
    score_set_free(s);
}
