/*
 * rule-cfg.c — the rules' thresholds (rule_cfg): one table of every key, and the reader of
 * the thresholds file's format. The defaults are detect/thresholds.json itself, compiled in
 * by the build (thresholds-default.h): the detector's knowledge (thresholds, the limits of
 * the default profile, the production meters, tap water as the analyzers read it) is
 * written once, in that file.
 */
#include "rule-private.h"

#include "thresholds-default.h" /* RULE_THRESHOLDS_DEFAULT: detect/thresholds.json */

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cfg_key {
    const char *key;
    size_t off;
    int is_int;
} cfg_key;

#define CFG_D(name) {#name, offsetof(rule_cfg, name), 0}
#define CFG_I(name) {#name, offsetof(rule_cfg, name), 1}

/* clang-format off */
static const cfg_key CFG_KEYS[] = {
    CFG_I(warmup_cycles),
    CFG_I(warmup_minutes),
    CFG_D(drop_ratio),
    CFG_D(drop_ctx_ratio),
    CFG_D(drop_min_frac),
    CFG_D(rebound_ratio),
    CFG_D(extra_interval),
    CFG_I(phase_tol_min),
    CFG_I(context_before_min),
    CFG_I(context_after_min),
    CFG_D(dilution_fall),
    CFG_D(dilution_spread),
    CFG_I(dilution_cycles),
    CFG_D(toward_tap_min),
    CFG_D(inflow_share),
    CFG_D(inflow_tap_tol),
    CFG_D(rain_cond),
    CFG_I(inflow_min),
    CFG_D(inflow_seen),
    CFG_D(tap_cond),
    CFG_D(tap_ph),
    CFG_D(tap_level_frac),
    CFG_D(sample_fall),
    CFG_D(scale_fall),
    CFG_I(scale_cycles),
    CFG_I(prod_steady_min),
    CFG_D(flow_step),
    CFG_D(night_excess),
    CFG_D(collapse_ratio),
    CFG_I(collapse_cycles),
    CFG_D(night_flow_ratio),
    CFG_I(night_start_h),
    CFG_I(night_end_h),
    CFG_I(night_minutes),
    CFG_D(camera_dev_deg),
    CFG_D(scene_score),
    CFG_D(param_rel_tol),
    CFG_D(shift_ratio),
    CFG_D(calib_effect),
    CFG_I(shift_cycles),
    CFG_D(lab_tol),
    CFG_D(toc_tol),
    CFG_I(toc_red_cycles),
    CFG_I(lab_window_min),
    CFG_D(bunch_band),
    CFG_I(bunch_window),
    CFG_D(bunch_frac),
    CFG_D(bunch_squeeze),
    CFG_D(flow_deficit_ratio),
    CFG_I(flow_deficit_min),
    CFG_I(flow_deficit_red_min),
    CFG_D(prod_on_frac),
    CFG_D(totalizer_tol),
    CFG_D(treat_off_frac),
    CFG_D(treat_low_frac),
    CFG_D(treat_cut),
    CFG_I(treat_min),
    CFG_I(treat_red_min),
    CFG_D(conc_rise_ratio),
    CFG_I(flag_window_min),
    CFG_D(gap_intervals),
    CFG_I(gap_min_minutes),
    CFG_I(gap_grace_min),
    CFG_D(gap_near_limit),
    CFG_I(frozen_cycles),
    CFG_I(frozen_red_cycles),
    CFG_D(stall_cycles),
    CFG_I(incident_gap_min),
    CFG_I(order_filing_min),
    CFG_I(incident_join_min),
};
/* clang-format on */
#define NKEYS (sizeof CFG_KEYS / sizeof CFG_KEYS[0])

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

void rule_cfg_default(rule_cfg *c)
{
    char err[160];
    memset(c, 0, sizeof *c);
    if (rule_cfg_parse(c, RULE_THRESHOLDS_DEFAULT, err, sizeof err) != 0) {
        /* the build's own file; tests/rules checks it is read whole */
        fprintf(stderr, "detect/thresholds.json as compiled in: %s\n", err);
        abort();
    }
}

int rule_cfg_complete(const char *json, char *err, size_t errlen)
{
    cJSON *o = cJSON_Parse(json);
    int rc = 0;
    for (size_t i = 0; i < NKEYS && rc == 0; i++)
        if (!cJSON_GetObjectItemCaseSensitive(o, CFG_KEYS[i].key)) {
            snprintf(err, errlen, "thresholds: no \"%s\"", CFG_KEYS[i].key);
            rc = -1;
        }
    static const char *const LISTS[] = {"limits", "tap_water", "production_meters"};
    for (size_t i = 0; i < COUNT(LISTS) && rc == 0; i++)
        if (!cJSON_GetObjectItemCaseSensitive(o, LISTS[i])) {
            snprintf(err, errlen, "thresholds: no \"%s\"", LISTS[i]);
            rc = -1;
        }
    cJSON_Delete(o);
    return rc;
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
