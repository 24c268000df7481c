/*
 * rule-cfg.c — the rules' thresholds (rule_cfg): the compiled defaults, one table of every
 * key with its default (detect/thresholds.json holds the same values: a test checks it),
 * and the reader of that file's format.
 */
#include "rule-private.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cfg_key {
    const char *key;
    size_t off;
    int is_int;
    double def; /* the default */
} cfg_key;

#define CFG_D(name, value)                                                                         \
    {                                                                                              \
#name, offsetof(rule_cfg, name), 0, value                                                  \
    }
#define CFG_I(name, value)                                                                         \
    {                                                                                              \
#name, offsetof(rule_cfg, name), 1, value                                                  \
    }

/* clang-format off */
static const cfg_key CFG_KEYS[] = {
    CFG_I(warmup_cycles, 6),
    CFG_I(warmup_minutes, 360),
    CFG_D(drop_ratio, 0.5),
    CFG_D(drop_ctx_ratio, 0.25),
    CFG_D(drop_min_frac, 0.1),
    CFG_D(rebound_ratio, 0.7),
    CFG_D(extra_interval, 0.6),
    CFG_I(phase_tol_min, 10),
    CFG_I(context_before_min, 30),
    CFG_I(context_after_min, 15),
    CFG_D(dilution_fall, 0.2),
    CFG_D(dilution_spread, 0.15),
    CFG_I(dilution_cycles, 2),
    CFG_D(toward_tap_min, 0.1),
    CFG_D(tap_cond, 300),
    CFG_D(tap_ph, 7.2),
    CFG_D(tap_level_frac, 0.15),
    CFG_D(sample_fall, 0.5),
    CFG_D(scale_fall, 0.3),
    CFG_I(scale_cycles, 3),
    CFG_I(prod_steady_min, 60),
    CFG_D(flow_step, 0.2),
    CFG_D(night_excess, 0.25),
    CFG_D(collapse_ratio, 0.35),
    CFG_I(collapse_cycles, 4),
    CFG_D(night_flow_ratio, 1.8),
    CFG_I(night_start_h, 22),
    CFG_I(night_end_h, 6),
    CFG_I(night_minutes, 30),
    CFG_D(camera_dev_deg, 10),
    CFG_D(scene_score, 0.6),
    CFG_D(param_rel_tol, 0.001),
    CFG_D(shift_ratio, 0.15),
    CFG_I(shift_cycles, 2),
    CFG_D(lab_tol, 0.3),
    CFG_I(lab_window_min, 90),
    CFG_D(bunch_band, 0.12),
    CFG_I(bunch_window, 12),
    CFG_D(bunch_frac, 0.75),
    CFG_D(bunch_squeeze, 0.35),
    CFG_D(flow_deficit_ratio, 0.6),
    CFG_I(flow_deficit_min, 30),
    CFG_I(flow_deficit_red_min, 120),
    CFG_D(prod_on_frac, 0.5),
    CFG_D(totalizer_tol, 0.15),
    CFG_D(treat_off_frac, 0.1),
    CFG_D(treat_low_frac, 0.45),
    CFG_I(treat_min, 15),
    CFG_I(treat_red_min, 60),
    CFG_D(conc_rise_ratio, 1.3),
    CFG_I(flag_window_min, 60),
    CFG_D(gap_intervals, 3),
    CFG_I(gap_min_minutes, 10),
    CFG_I(gap_grace_min, 30),
    CFG_D(gap_near_limit, 0.9),
    CFG_I(frozen_cycles, 6),
    CFG_I(frozen_red_cycles, 12),
    CFG_D(stall_cycles, 3),
    CFG_I(incident_gap_min, 360),
    CFG_I(incident_join_min, 60),
};
/* clang-format on */
#define NKEYS (sizeof CFG_KEYS / sizeof CFG_KEYS[0])

/* Discharge limits by code: the dyeing profile's (GB 4287-2012). */
static const struct {
    const char *code;
    double value;
} DEFAULT_LIMITS[] = {{"w01018", 200}, {"w21003", 20}, {"w21011", 1.5}, {"w21001", 30}};

/* The current meters of production facilities: the range's default facilities (line1). */
static const char *const DEFAULT_PRODUCTION[] = {"ea1001"};

/* Tap water as the analyzers read it (physics.md: what the range pours into a cup). */
static const struct {
    const char *code;
    double value;
} DEFAULT_TAP[] = {
    {"w01018", 2.0}, {"w01020", 1.0}, {"w21003", 0.05}, {"w21011", 0.02}, {"w21001", 1.0}};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

void rule_cfg_default(rule_cfg *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NKEYS; i++) {
        char *p = (char *)c + CFG_KEYS[i].off;
        if (CFG_KEYS[i].is_int) {
            int v = (int)CFG_KEYS[i].def;
            memcpy(p, &v, sizeof v);
        } else {
            memcpy(p, &CFG_KEYS[i].def, sizeof(double));
        }
    }
    for (size_t i = 0; i < COUNT(DEFAULT_LIMITS); i++) {
        snprintf(c->limits[i].code, sizeof c->limits[i].code, "%s", DEFAULT_LIMITS[i].code);
        c->limits[i].value = DEFAULT_LIMITS[i].value;
    }
    c->nlimits = COUNT(DEFAULT_LIMITS);
    for (size_t i = 0; i < COUNT(DEFAULT_PRODUCTION); i++)
        snprintf(c->prod[i], sizeof c->prod[i], "%s", DEFAULT_PRODUCTION[i]);
    c->nprod = COUNT(DEFAULT_PRODUCTION);
    for (size_t i = 0; i < COUNT(DEFAULT_TAP); i++) {
        snprintf(c->tap[i].code, sizeof c->tap[i].code, "%s", DEFAULT_TAP[i].code);
        c->tap[i].value = DEFAULT_TAP[i].value;
    }
    c->ntap = COUNT(DEFAULT_TAP);
}

static double value_of(const rule_code_value *list, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, code) == 0) return list[i].value;
    return 0;
}

double rule_cfg_limit(const rule_cfg *c, const char *code)
{
    return value_of(c->limits, c->nlimits, code);
}

double rule_cfg_tap(const rule_cfg *c, const char *code)
{
    return value_of(c->tap, c->ntap, code);
}

/* {"w01018": 200, ...} into list (the whole list replaced); 0, or -1 when it is not an
 * object of at most max numbers under codes of at most 11 characters. */
static int parse_code_values(const cJSON *o, rule_code_value *list, size_t max, size_t *n)
{
    if (!cJSON_IsObject(o)) return -1;
    *n = 0;
    const cJSON *l = NULL;
    cJSON_ArrayForEach(l, o)
    {
        if (!cJSON_IsNumber(l) || *n == max || strlen(l->string) > 11) return -1;
        snprintf(list[*n].code, sizeof list[0].code, "%s", l->string);
        list[(*n)++].value = l->valuedouble;
    }
    return 0;
}

int rule_cfg_parse(rule_cfg *c, const char *json, char *err, size_t errlen)
{
    cJSON *o = cJSON_Parse(json);
    int rc = -1;
    if (!cJSON_IsObject(o)) {
        snprintf(err, errlen, "thresholds: not a JSON object");
        goto out;
    }
    const cJSON *it = NULL;
    cJSON_ArrayForEach(it, o)
    {
        const char *k = it->string;
        if (k[0] == '_' || strcmp(k, "stations") == 0) continue; /* comments; per station */
        if (strcmp(k, "limits") == 0) {
            if (parse_code_values(it, c->limits, RULE_MAX_LIMITS, &c->nlimits) != 0) goto bad;
            continue;
        }
        if (strcmp(k, "tap_water") == 0) {
            if (parse_code_values(it, c->tap, RULE_MAX_TAP, &c->ntap) != 0) goto bad;
            continue;
        }
        if (strcmp(k, "production_meters") == 0) {
            if (!cJSON_IsArray(it)) goto bad;
            c->nprod = 0;
            const cJSON *m = NULL;
            cJSON_ArrayForEach(m, it)
            {
                if (!cJSON_IsString(m) || c->nprod == RULE_MAX_PROD || strlen(m->valuestring) > 11)
                    goto bad;
                snprintf(c->prod[c->nprod++], sizeof c->prod[0], "%s", m->valuestring);
            }
            continue;
        }
        size_t i = 0;
        while (i < NKEYS && strcmp(CFG_KEYS[i].key, k) != 0)
            i++;
        if (i == NKEYS) {
            snprintf(err, errlen, "thresholds: unknown key \"%s\"", k);
            goto out;
        }
        if (!cJSON_IsNumber(it) || it->valuedouble < 0) goto bad;
        char *p = (char *)c + CFG_KEYS[i].off;
        if (CFG_KEYS[i].is_int) {
            if (it->valuedouble > 1e9) goto bad; /* also keeps the conversion defined */
            int v = (int)it->valuedouble;
            memcpy(p, &v, sizeof v);
        } else {
            double v = it->valuedouble;
            memcpy(p, &v, sizeof v);
        }
        continue;
    bad:
        snprintf(err, errlen, "thresholds: bad value for \"%s\"", k);
        goto out;
    }
    rc = 0;
out:
    cJSON_Delete(o);
    return rc;
}

int rule_cfg_parse_station(rule_cfg *c, const char *json, const char *mn, char *err, size_t errlen)
{
    if (rule_cfg_parse(c, json, err, errlen) != 0) return -1;
    cJSON *o = cJSON_Parse(json);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "stations");
    const cJSON *one = st ? cJSON_GetObjectItemCaseSensitive(st, mn) : NULL;
    int rc = 0;
    if (one) {
        char *txt = cJSON_PrintUnformatted(one);
        rc = txt ? rule_cfg_parse(c, txt, err, errlen) : -1;
        free(txt);
    }
    cJSON_Delete(o);
    return rc;
}
