/*
 * cmd-list.c — `hjrange list [--json] [--lib DIR]`: what a scenario can use. Every fact comes
 * from the table that owns it: the fraud catalogue (proto/hjfraud.h), the plant profiles
 * (plant.h) with the station defaults of each (station_cfg_default), the DAU's default ST,
 * and the scenario files of the folder that holds the fraud library.
 */
#include "cmd.h"
#include "libdir.h"
#include "dau.h"
#include "hjfraud.h"
#include "i18n.h"
#include "plant.h"
#include "station.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { LS_PATH_MAX = 4096, LS_MAX_FILES = 4096, LS_DESC_MAX = 600, LS_DESC_COLS = 90 };

/* Names of the plant profiles, by PLANT_* (plant.h keeps the keys). */
static const i18n_msg profile_msg[PLANT_PROFILE_COUNT] = {[PLANT_DYEING] = MSG_LS_PR_DYEING,
                                                          [PLANT_ELECTROPLATING] =
                                                              MSG_LS_PR_ELECTROPLATING,
                                                          [PLANT_CHEMICAL] = MSG_LS_PR_CHEMICAL,
                                                          [PLANT_FOOD] = MSG_LS_PR_FOOD,
                                                          [PLANT_MUNICIPAL] = MSG_LS_PR_MUNICIPAL};

/* Names of the gas and VOCs profiles, by STACK_* (stack.h keeps the keys). */
static const i18n_msg gas_profile_msg[STACK_PROFILE_COUNT] = {
    [STACK_COAL_BOILER] = MSG_LS_PR_COAL_BOILER,
    [STACK_GAS_BOILER] = MSG_LS_PR_GAS_BOILER,
    [STACK_GLASS_KILN] = MSG_LS_PR_GLASS_KILN,
    [STACK_WASTE_INCINERATOR] = MSG_LS_PR_WASTE_INCINERATOR,
    [STACK_COATING_VOCS] = MSG_LS_PR_COATING_VOCS,
    [STACK_CHEMICAL_VOCS] = MSG_LS_PR_CHEMICAL_VOCS};

/* The station kinds the range builds, with the ST their DAU sends. */
typedef struct station_kind {
    const char *key;
    i18n_msg name, desc;
    int st;
} station_kind;

static const station_kind KINDS[] = {
    {"wastewater", MSG_LS_KIND_WATER, MSG_LS_KIND_WATER_DESC, 32},
    {"gas", MSG_LS_KIND_GAS, MSG_LS_KIND_GAS_DESC, 31},
    {"vocs", MSG_LS_KIND_VOCS, MSG_LS_KIND_VOCS_DESC, 31},
};

/* A gas profile's limits, mg/m3 converted (0 left out). */
static cJSON *gas_limits_json(const station_gas_cfg *g)
{
    cJSON *o = cJSON_CreateObject();
    const char *k[] = {"so2", "nox", "pm", "co", "nmhc"};
    const double v[] = {g->so2, g->nox, g->pm_limit, g->co, g->nmhc_limit};
    for (int i = 0; i < 5; i++)
        if (v[i] > 0) cJSON_AddNumberToObject(o, k[i], v[i]);
    return o;
}

/* A message in one language, whatever the user's. */
static const char *text_in(i18n_msg m, i18n_lang lang)
{
    i18n_lang cur = i18n_get();
    i18n_set(lang);
    const char *t = i18n(m);
    i18n_set(cur);
    return t;
}

/* ---- the scenario files ---- */

typedef struct scen_file {
    char name[256];
    char desc[LS_DESC_MAX];
    int is_dir;
    size_t count; /* folders: their *.lua files */
} scen_file;

static int ends_with_lua(const char *n)
{
    size_t len = strlen(n);
    return len > 4 && strcmp(n + len - 4, ".lua") == 0 && n[0] != '.';
}

static size_t count_lua(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t k = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        k += ends_with_lua(e->d_name);
    closedir(d);
    return k;
}

/* The first sentence of the file's header comment, without its "-- NAME.lua — " lead. */
static void header_sentence(const char *path, const char *fname, char *out, size_t n)
{
    out[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char line[512];
    size_t len = 0;
    for (int k = 0; k < 8 && fgets(line, sizeof line, f); k++) {
        if (strncmp(line, "--", 2) != 0) break;
        char *p = line + 2;
        while (*p == '-' || *p == ' ')
            p++;
        p[strcspn(p, "\r\n")] = '\0';
        if (!*p) break; /* the paragraph ends */
        if (k == 0 && strncmp(p, fname, strlen(fname)) == 0) {
            p += strlen(fname);
            while (*p == ' ')
                p++;
            if (strncmp(p, "—", strlen("—")) == 0)
                p += strlen("—");
            else if (*p == '-' || *p == ':')
                p++;
            while (*p == ' ')
                p++;
        }
        len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? " " : "", p);
        if (len >= n) break;
        char *stop = strstr(out, ". ");
        size_t ol = strlen(out);
        if (stop) {
            stop[1] = '\0';
            break;
        }
        if (ol && out[ol - 1] == '.') break;
    }
    fclose(f);
    if (len >= n && n > 4) { /* cut: end on a whole UTF-8 character */
        size_t k = n - 4;
        while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
            k--;
        snprintf(out + k, n - k, "...");
    }
}

static int cmp_file(const void *a, const void *b)
{
    const scen_file *x = a, *y = b;
    if (x->is_dir != y->is_dir) return x->is_dir - y->is_dir; /* files first */
    return strcmp(x->name, y->name);
}

/* *.lua files of dir and its sub-folders holding some (not lib/), sorted. */
static scen_file *list_files(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    scen_file *v = NULL;
    size_t cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && *n < LS_MAX_FILES;) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "lib") == 0) continue;
        char path[LS_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || strlen(e->d_name) >= sizeof v->name) continue;
        int sub = S_ISDIR(sb.st_mode);
        size_t count = sub ? count_lua(path) : 0;
        if (sub ? count == 0 : !(S_ISREG(sb.st_mode) && ends_with_lua(e->d_name))) continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            scen_file *nv = realloc(v, nc * sizeof *nv);
            if (!nv) break;
            v = nv;
            cap = nc;
        }
        scen_file *x = &v[(*n)++];
        memset(x, 0, sizeof *x);
        snprintf(x->name, sizeof x->name, "%s", e->d_name);
        x->is_dir = sub;
        x->count = count;
        if (!sub) header_sentence(path, e->d_name, x->desc, sizeof x->desc);
    }
    closedir(d);
    if (*n) qsort(v, *n, sizeof *v, cmp_file);
    return v;
}

/* ---- text ---- */

/* s padded to width display columns (CJK characters take two). */
static void put_pad(const char *s, int width)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
    fputs(s, stdout);
    do
        putchar(' ');
    while (++w < width);
}

/* s on one line: cut after a word near cols display columns, with "..." */
static void print_cut(const char *s, int cols)
{
    int w = 0;
    const char *p = s, *space = NULL;
    for (; *p && w < cols; p++) {
        if ((*p & 0xC0) != 0x80) w += (unsigned char)*p >= 0xE0 ? 2 : 1;
        if (*p == ' ') space = p;
    }
    if (!*p) {
        printf("%s\n", s);
        return;
    }
    if (!space || space - s < cols / 2) /* no word end near: cut at a character */
        while (p > s && ((unsigned char)*p & 0xC0) == 0x80)
            p--;
    else
        p = space;
    printf("%.*s ...\n", (int)(p - s), s);
}

/* "name / other-language name" */
static void both_names(char *buf, size_t n, const char *en, const char *zh)
{
    int zh_first = i18n_get() == I18N_ZH;
    snprintf(buf, n, "%s / %s", zh_first ? zh : en, zh_first ? en : zh);
}

static void print_text(const char *scen_dir, const scen_file *files, size_t nfiles)
{
    int zh = i18n_get() == I18N_ZH;
    char buf[512];
    printf("%s\n", i18n(MSG_LS_FRAUD));
    for (size_t i = 0; i < hjfraud_count(); i++) {
        const hjfraud *t = hjfraud_at(i);
        fputs("  ", stdout);
        put_pad(t->key, 26);
        both_names(buf, sizeof buf, t->name_en, t->name_zh);
        put_pad(buf, 44);
        printf("[%s]\n%28s%s\n", t->signals, "", zh ? t->summary_zh : t->summary_en);
    }
    printf("  (%s)\n\n%s\n", i18n(MSG_LS_SIGNALS), i18n(MSG_LS_PROFILES));
    for (int p = 0; p < PLANT_PROFILE_COUNT; p++) {
        station_cfg c;
        if (station_cfg_default(&c, p) != 0) continue;
        const plant_cfg *pc = &c.world.plant;
        fputs("  ", stdout);
        put_pad(plant_profile_name(p), 16);
        both_names(buf, sizeof buf, text_in(profile_msg[p], I18N_EN),
                   text_in(profile_msg[p], I18N_ZH));
        printf("%s\n%18s%s %g m3/h; %s COD %g NH3-N %g TP %g TN %g mg/L, pH %g;"
               " %s COD %g NH3-N %g TP %g TN %g mg/L, pH %g-%g\n",
               buf, "", i18n(MSG_LS_FLOW), pc->flow_m3h, i18n(MSG_LS_EFFLUENT), pc->effluent.cod,
               pc->effluent.nh3n, pc->effluent.tp, pc->effluent.tn, pc->effluent.ph,
               i18n(MSG_LS_LIMITS), c.limits.cod, c.limits.nh3n, c.limits.tp, c.limits.tn,
               c.limits.ph_lo, c.limits.ph_hi);
    }
    for (int p = 0; p < STACK_PROFILE_COUNT; p++) {
        station_cfg c;
        if (station_cfg_default_gas(&c, p) != 0) continue;
        const station_gas_cfg *g = &c.gas;
        fputs("  ", stdout);
        put_pad(stack_profile_name(p), 16);
        both_names(buf, sizeof buf, text_in(gas_profile_msg[p], I18N_EN),
                   text_in(gas_profile_msg[p], I18N_ZH));
        printf("%s\n%18s%s %g m3/h, %s %g %%; %s SO2 %g NOx %g PM %g NMHC %g mg/m3\n", buf, "",
               i18n(MSG_LS_FLUE), g->stack.flue_nm3h, i18n(MSG_LS_O2_REF), g->stack.o2_ref,
               i18n(MSG_LS_LIMITS), g->so2, g->nox, g->pm_limit, g->nmhc_limit);
    }
    printf("\n%s\n", i18n(MSG_LS_KINDS));
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        fputs("  ", stdout);
        put_pad(KINDS[k].key, 16);
        both_names(buf, sizeof buf, text_in(KINDS[k].name, I18N_EN),
                   text_in(KINDS[k].name, I18N_ZH));
        printf("%s  (HJ 212 ST=%d)\n%18s%s\n", buf, KINDS[k].st, "", i18n(KINDS[k].desc));
    }
    printf("\n%s: %s\n", i18n(MSG_LS_SCENARIOS), scen_dir ? scen_dir : i18n(MSG_LS_NO_SCEN));
    for (size_t i = 0; i < nfiles; i++) {
        const scen_file *f = &files[i];
        fputs("  ", stdout);
        if (f->is_dir) {
            snprintf(buf, sizeof buf, "%s/", f->name);
            put_pad(buf, 34);
            printf("%zu %s: hjrange suite %s/%s\n", f->count, i18n(MSG_LS_FOLDER), scen_dir,
                   f->name);
        } else {
            put_pad(f->name, 34);
            print_cut(f->desc, LS_DESC_COLS);
        }
    }
}

/* ---- JSON ---- */

static cJSON *limits_json(const station_limits *l)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "cod", l->cod);
    cJSON_AddNumberToObject(o, "nh3n", l->nh3n);
    cJSON_AddNumberToObject(o, "tp", l->tp);
    cJSON_AddNumberToObject(o, "tn", l->tn);
    const double ph[2] = {l->ph_lo, l->ph_hi};
    cJSON_AddItemToObject(o, "ph", cJSON_CreateDoubleArray(ph, 2));
    return o;
}

static cJSON *water_json(const water *w)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "cod", w->cod);
    cJSON_AddNumberToObject(o, "nh3n", w->nh3n);
    cJSON_AddNumberToObject(o, "tp", w->tp);
    cJSON_AddNumberToObject(o, "tn", w->tn);
    cJSON_AddNumberToObject(o, "ph", w->ph);
    return o;
}

static int print_json(const char *scen_dir, const scen_file *files, size_t nfiles)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *ft = cJSON_AddArrayToObject(root, "fraud_types");
    for (size_t i = 0; i < hjfraud_count(); i++) {
        const hjfraud *t = hjfraud_at(i);
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "type", t->key);
        cJSON_AddStringToObject(x, "name_en", t->name_en);
        cJSON_AddStringToObject(x, "name_zh", t->name_zh);
        cJSON_AddStringToObject(x, "description_en", t->summary_en);
        cJSON_AddStringToObject(x, "description_zh", t->summary_zh);
        cJSON *sig = cJSON_AddArrayToObject(x, "signals");
        char s[64];
        snprintf(s, sizeof s, "%s", t->signals);
        for (char *save = NULL, *w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save))
            cJSON_AddItemToArray(sig, cJSON_CreateString(w));
        cJSON *kinds = cJSON_AddArrayToObject(x, "kinds");
        static const struct { char k; const char *name; } K[] = {
            {'w', "wastewater"}, {'g', "gas"}, {'v', "vocs"}};
        for (size_t k = 0; k < sizeof K / sizeof K[0]; k++)
            if (hjfraud_at_kind(t, K[k].k))
                cJSON_AddItemToArray(kinds, cJSON_CreateString(K[k].name));
        cJSON_AddItemToArray(ft, x);
    }
    cJSON *pr = cJSON_AddArrayToObject(root, "profiles");
    for (int p = 0; p < PLANT_PROFILE_COUNT; p++) {
        station_cfg c;
        if (station_cfg_default(&c, p) != 0) continue;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "profile", plant_profile_name(p));
        cJSON_AddStringToObject(x, "name_en", text_in(profile_msg[p], I18N_EN));
        cJSON_AddStringToObject(x, "name_zh", text_in(profile_msg[p], I18N_ZH));
        cJSON_AddNumberToObject(x, "flow_m3h", c.world.plant.flow_m3h);
        cJSON_AddItemToObject(x, "effluent", water_json(&c.world.plant.effluent));
        cJSON_AddItemToObject(x, "raw", water_json(&c.world.plant.raw));
        cJSON_AddItemToObject(x, "limits", limits_json(&c.limits));
        cJSON_AddBoolToObject(x, "tn_analyzer", c.fitted[STATION_P_TN]);
        cJSON_AddItemToArray(pr, x);
    }
    for (int p = 0; p < STACK_PROFILE_COUNT; p++) {
        station_cfg c;
        if (station_cfg_default_gas(&c, p) != 0) continue;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "profile", stack_profile_name(p));
        cJSON_AddStringToObject(x, "name_en", text_in(gas_profile_msg[p], I18N_EN));
        cJSON_AddStringToObject(x, "name_zh", text_in(gas_profile_msg[p], I18N_ZH));
        cJSON_AddStringToObject(x, "kind", c.kind == STATION_VOCS ? "vocs" : "gas");
        cJSON_AddNumberToObject(x, "flue_nm3h", c.gas.stack.flue_nm3h);
        cJSON_AddNumberToObject(x, "o2_ref", c.gas.stack.o2_ref);
        cJSON_AddItemToObject(x, "limits", gas_limits_json(&c.gas));
        cJSON_AddItemToArray(pr, x);
    }
    cJSON *sk = cJSON_AddArrayToObject(root, "station_kinds");
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "kind", KINDS[k].key);
        cJSON_AddStringToObject(x, "name_en", text_in(KINDS[k].name, I18N_EN));
        cJSON_AddStringToObject(x, "name_zh", text_in(KINDS[k].name, I18N_ZH));
        cJSON_AddStringToObject(x, "description_en", text_in(KINDS[k].desc, I18N_EN));
        cJSON_AddStringToObject(x, "description_zh", text_in(KINDS[k].desc, I18N_ZH));
        cJSON_AddNumberToObject(x, "st", KINDS[k].st);
        cJSON_AddItemToArray(sk, x);
    }
    if (scen_dir)
        cJSON_AddStringToObject(root, "scenarios_dir", scen_dir);
    else
        cJSON_AddNullToObject(root, "scenarios_dir");
    cJSON *sc = cJSON_AddArrayToObject(root, "scenarios");
    cJSON *fo = cJSON_AddArrayToObject(root, "folders");
    for (size_t i = 0; i < nfiles; i++) {
        const scen_file *f = &files[i];
        char path[LS_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", scen_dir, f->name);
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, f->is_dir ? "folder" : "file", f->name);
        cJSON_AddStringToObject(x, "path", path);
        if (f->is_dir)
            cJSON_AddNumberToObject(x, "scenarios", (double)f->count);
        else
            cJSON_AddStringToObject(x, "description", f->desc);
        cJSON_AddItemToArray(f->is_dir ? fo : sc, x);
    }
    char *txt = cJSON_Print(root);
    cJSON_Delete(root);
    if (!txt) return -1;
    int rc = puts(txt) < 0 ? -1 : 0;
    cJSON_free(txt);
    return rc;
}

int cmd_list(int argc, char **argv)
{
    int json = 0;
    const char *lib_opt = NULL;
    for (int i = 1; i < argc; i++) {
        char name[16];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (strcmp(a, "--json") == 0) {
            if (cmd_opt_no_value(argv[i])) return 2;
            json = 1;
        } else if (strcmp(a, "--lib") == 0) {
            lib_opt = cmd_opt_value(argc, argv, &i);
            if (!lib_opt) return cmd_usage_error(MSG_MISSING_ARG, a);
            if (!lib_opt[0]) return cmd_bad_value(a, lib_opt, i18n(MSG_OPT_PATH));
        } else {
            return cmd_usage_error(a[0] == '-' ? MSG_UNKNOWN_OPT : MSG_BAD_VALUE, a);
        }
    }
    /* the scenarios: the folder that holds the fraud library */
    char lib[LS_PATH_MAX], dir[LS_PATH_MAX];
    libdir_pick(NULL, lib_opt, lib, sizeof lib);
    size_t len = strlen(lib);
    while (len > 1 && lib[len - 1] == '/')
        lib[--len] = '\0';
    const char *slash = strrchr(lib, '/');
    if (slash == lib)
        snprintf(dir, sizeof dir, "/");
    else if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - lib), lib);
    else
        snprintf(dir, sizeof dir, ".");
    char real[LS_PATH_MAX];
    const char *scen_dir = realpath(dir, real) ? real : NULL;
    size_t n = 0;
    scen_file *files = scen_dir ? list_files(scen_dir, &n) : NULL;
    if (!files) n = 0;
    int rc = 0;
    if (json)
        rc = print_json(scen_dir, files, n);
    else
        print_text(scen_dir, files, n);
    free(files);
    if (rc || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "hjrange list: write error\n");
        return 1;
    }
    return 0;
}
