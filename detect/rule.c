/*
 * rule.c — per-station rules and online baselines (see rule.h; docs/detection.md).
 *
 * Invariants: a station's state only ever moves forward with the records fed to it; a
 * baseline learns only from measurements flagged N that no rule found anomalous, and not
 * while an anomaly of the station is active, so a long fraud does not become the normal.
 * Every hit's time is the arrival of the record being fed (or later), never earlier.
 */
#include "rule.h"

#include "evidence.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the codes the rules read (docs/hj212-profile.md; one table) ---- */

enum { K_BATCH, K_FLOW, K_PH, K_COND };

typedef struct code_def {
    const char *code;
    evidence_id name; /* in each language (evidence.h) */
    const char *unit;
    int kind;
} code_def;

/* clang-format off */
static const code_def CODES[] = {
    {"w01018", EV_NAME_COD, "mg/L", K_BATCH},
    {"w01020", EV_NAME_TOC, "mg/L", K_BATCH},
    {"w21003", EV_NAME_NH3N, "mg/L", K_BATCH},
    {"w21011", EV_NAME_TP, "mg/L", K_BATCH},
    {"w21001", EV_NAME_TN, "mg/L", K_BATCH},
    {"w00000", EV_NAME_FLOW, "L/s", K_FLOW},
    {"w01001", EV_NAME_PH, "", K_PH},
    {"w01014", EV_NAME_COND, "uS/cm", K_COND},
};
/* clang-format on */
#define NCODES   (sizeof CODES / sizeof CODES[0])
#define NBATCH   5 /* CODES[0..4] are batch analyzers */
#define C_FLOW   5
#define C_PH     6
#define C_COND   7
#define AUX_CUR  "ea1"    /* ea1NNN: facility current of meter NNN, A */
#define AUX_CAM  "ec"     /* ecK00x: camera K: 1 deviation 2 persons 3 loss 4 cover 5 score */
#define AUX_DOOR "ed1001" /* door open 0/1 (2011); PolId of door 3020 uploads */
#define I_STATE  "i12001" /* analyzer work state */
#define I_CALT   "i13006" /* calibration time */
#define I_DOORLG "i31001" /* door log text */

static const struct {
    const char *code;
    evidence_id name;
} PARAM_NAMES[] = {
    {"i13001", EV_PARAM_RANGE},           {"i13003", EV_PARAM_INTERVAL},
    {"i13004", EV_PARAM_DIGESTION_TEMP},  {"i13005", EV_PARAM_DIGESTION_TIME},
    {"i13007", EV_PARAM_INTERCEPT},       {"i13008", EV_PARAM_SLOPE},
    {"i13009", EV_PARAM_DETECTION_LIMIT}, {"i13013", EV_PARAM_TOC_FACTOR},
};
#define NPARAMNAMES (sizeof PARAM_NAMES / sizeof PARAM_NAMES[0])

static const char *name_en(const code_def *cd)
{
    return evidence_word_en(cd->name);
}

static const char *name_zh(const code_def *cd)
{
    return evidence_word_zh(cd->name);
}

static const char *const RULE_NAMES[RULE__COUNT] = {
    [RULE_SUDDEN_DROP] = "sudden_drop",
    [RULE_REBOUND] = "rebound",
    [RULE_EXTRA_MEASUREMENT] = "extra_measurement",
    [RULE_PROPORTIONAL_FALL] = "proportional_fall",
    [RULE_TOWARD_TAP] = "toward_tap_water",
    [RULE_FLOW_RISE] = "flow_rise",
    [RULE_VARIANCE_COLLAPSE] = "variance_collapse",
    [RULE_TAP_LEVEL] = "tap_level",
    [RULE_NIGHT_FLOW] = "night_flow",
    [RULE_PARAM_CHANGE] = "param_change",
    [RULE_LEVEL_SHIFT] = "level_shift",
    [RULE_CALIBRATION_SHIFT] = "calibration_shift",
    [RULE_LAB_MISMATCH] = "lab_mismatch",
    [RULE_BUNCHING] = "bunching_under_limit",
    [RULE_FLOW_DEFICIT] = "flow_deficit",
    [RULE_TOTALIZER_MISMATCH] = "totalizer_mismatch",
    [RULE_TREATMENT_OFF] = "treatment_off",
    [RULE_CONC_RISE] = "concentration_rise",
    [RULE_FLAG_AFTER_EXCEED] = "flag_after_exceedance",
    [RULE_FLAG_WITHOUT_ORDER] = "flag_without_order",
    [RULE_DATA_GAP] = "data_gap",
    [RULE_GAP_AT_EXCEEDANCE] = "gap_at_exceedance",
    [RULE_FROZEN_VALUE] = "frozen_value",
    [RULE_SAMPLETIME_STALLED] = "sampletime_stalled",
    [RULE_UNIFORM_SCALE] = "uniform_scale",
    [RULE_FLOW_STEP] = "flow_step",
    [RULE_LINK_OUTAGE] = "link_outage",
    [RULE_DECOUPLED_STEP] = "decoupled_step",
    [RULE_CAMERA_MOVED] = "camera_moved",
    [RULE_CAMERA_COVERED] = "camera_covered",
    [RULE_VIDEO_LOSS] = "video_loss",
    [RULE_SCENE_CHANGE] = "scene_change",
    [RULE_DOOR_ENTRY] = "door_entry",
    [RULE_PERSON_SEEN] = "person_seen",
};

const char *rule_name(rule_id id)
{
    return (unsigned)id < RULE__COUNT ? RULE_NAMES[id] : "?";
}

int rule_is_context(rule_id id)
{
    return id >= RULE_CAMERA_MOVED && id <= RULE_PERSON_SEEN;
}

/* ---- configuration ---- */

void rule_cfg_default(rule_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->warmup_cycles = 6;
    c->warmup_minutes = 360;
    c->drop_ratio = 0.5;
    c->drop_ctx_ratio = 0.25;
    c->drop_min_frac = 0.1;
    c->rebound_ratio = 0.7;
    c->extra_interval = 0.6;
    c->phase_tol_min = 10;
    c->context_before_min = 30;
    c->context_after_min = 15;
    c->dilution_fall = 0.2;
    c->dilution_spread = 0.15;
    c->dilution_cycles = 2;
    c->toward_tap_min = 0.1;
    c->tap_cond = 300;
    c->tap_ph = 7.2;
    c->tap_level_frac = 0.15;
    c->sample_fall = 0.5;
    c->scale_fall = 0.3;
    c->scale_cycles = 3;
    c->collapse_ratio = 0.35;
    c->collapse_cycles = 4;
    c->night_flow_ratio = 1.8;
    c->night_start_h = 22;
    c->night_end_h = 6;
    c->night_minutes = 30;
    c->camera_dev_deg = 10;
    c->scene_score = 0.6;
    c->param_rel_tol = 0.001;
    c->shift_ratio = 0.15;
    c->shift_cycles = 2;
    c->lab_tol = 0.3;
    c->lab_window_min = 90;
    c->bunch_band = 0.12;
    c->bunch_window = 12;
    c->bunch_frac = 0.75;
    c->bunch_squeeze = 0.35;
    c->flow_deficit_ratio = 0.6;
    c->flow_deficit_min = 30;
    c->flow_deficit_red_min = 120;
    c->prod_on_frac = 0.5;
    c->prod_steady_min = 60;
    c->flow_step = 0.2;
    c->night_excess = 0.25;
    c->totalizer_tol = 0.15;
    c->treat_off_frac = 0.1;
    c->treat_low_frac = 0.45;
    c->treat_min = 15;
    c->treat_red_min = 60;
    c->conc_rise_ratio = 1.3;
    c->flag_window_min = 60;
    c->gap_intervals = 3;
    c->gap_min_minutes = 10;
    c->gap_grace_min = 30;
    c->gap_near_limit = 0.9;
    c->frozen_cycles = 6;
    c->frozen_red_cycles = 12;
    c->stall_cycles = 3;
    c->incident_gap_min = 360;
    c->incident_join_min = 60;
    static const struct {
        const char *code;
        double v;
    } lim[] = {{"w01018", 200}, {"w21003", 20}, {"w21011", 1.5}, {"w21001", 30}};
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        snprintf(c->limits[i].code, sizeof c->limits[i].code, "%s", lim[i].code);
        c->limits[i].value = lim[i].v;
    }
    c->nlimits = sizeof lim / sizeof lim[0];
    snprintf(c->prod[0], sizeof c->prod[0], "ea1001");
    c->nprod = 1;
    static const struct {
        const char *code;
        double v;
    } tap[] = {
        {"w01018", 2.0}, {"w01020", 1.0}, {"w21003", 0.05}, {"w21011", 0.02}, {"w21001", 1.0}};
    for (size_t i = 0; i < sizeof tap / sizeof tap[0]; i++) {
        snprintf(c->tap[i].code, sizeof c->tap[i].code, "%s", tap[i].code);
        c->tap[i].value = tap[i].v;
    }
    c->ntap = sizeof tap / sizeof tap[0];
}

double rule_cfg_limit(const rule_cfg *c, const char *code)
{
    for (size_t i = 0; i < c->nlimits; i++)
        if (strcmp(c->limits[i].code, code) == 0) return c->limits[i].value;
    return 0;
}

double rule_cfg_tap(const rule_cfg *c, const char *code)
{
    for (size_t i = 0; i < c->ntap; i++)
        if (strcmp(c->tap[i].code, code) == 0) return c->tap[i].value;
    return 0;
}

#define CFG_D(name)                                                                                \
    {                                                                                              \
#name, offsetof(rule_cfg, name), 0                                                         \
    }
#define CFG_I(name)                                                                                \
    {                                                                                              \
#name, offsetof(rule_cfg, name), 1                                                         \
    }
static const struct {
    const char *key;
    size_t off;
    int is_int;
} CFG_KEYS[] = {
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
    CFG_I(shift_cycles),
    CFG_D(lab_tol),
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
    CFG_I(incident_join_min),
};

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
            if (!cJSON_IsObject(it)) goto bad;
            c->nlimits = 0;
            const cJSON *l = NULL;
            cJSON_ArrayForEach(l, it)
            {
                if (!cJSON_IsNumber(l) || c->nlimits == RULE_MAX_LIMITS || strlen(l->string) > 11)
                    goto bad;
                snprintf(c->limits[c->nlimits].code, sizeof c->limits[0].code, "%s", l->string);
                c->limits[c->nlimits++].value = l->valuedouble;
            }
            continue;
        }
        if (strcmp(k, "tap_water") == 0) {
            if (!cJSON_IsObject(it)) goto bad;
            c->ntap = 0;
            const cJSON *l = NULL;
            cJSON_ArrayForEach(l, it)
            {
                if (!cJSON_IsNumber(l) || c->ntap == RULE_MAX_TAP || strlen(l->string) > 11)
                    goto bad;
                snprintf(c->tap[c->ntap].code, sizeof c->tap[0].code, "%s", l->string);
                c->tap[c->ntap++].value = l->valuedouble;
            }
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
        while (i < sizeof CFG_KEYS / sizeof CFG_KEYS[0] && strcmp(CFG_KEYS[i].key, k) != 0)
            i++;
        if (i == sizeof CFG_KEYS / sizeof CFG_KEYS[0]) {
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

/* ---- time (China local time, UTC+8, no DST) ---- */

#define TZ_MS   (8LL * 3600 * 1000)
#define MIN_MS  60000LL
#define HOUR_MS 3600000LL

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int64_t local_ms(int y, int mo, int d, int h, int mi, int s)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000 - TZ_MS;
}

int64_t rule_parse_hj212_time(const char *s)
{
    int y, mo, d, h, mi, se;
    if (!s || strlen(s) < 14 || digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d) ||
        digits(s + 8, 2, &h) || digits(s + 10, 2, &mi) || digits(s + 12, 2, &se))
        return -1;
    return local_ms(y, mo, d, h, mi, se);
}

int64_t rule_parse_iso(const char *s)
{
    int y, mo, d, h, mi, se = 0;
    if (!s || strlen(s) < 16 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
        digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
        return -1;
    const char *p = s + 16;
    if (*p == ':') {
        if (digits(p + 1, 2, &se)) return -1;
        p += 3;
        if (*p == '.')
            for (p++; *p >= '0' && *p <= '9'; p++) {
            }
    }
    int64_t t = local_ms(y, mo, d, h, mi, se);
    if (t < 0) return -1;
    t += TZ_MS; /* as if UTC */
    if (*p == 'Z') return t;
    if (*p == '\0') return t - TZ_MS; /* no offset: China time */
    int oh, om;
    if ((*p != '+' && *p != '-') || digits(p + 1, 2, &oh)) return -1;
    const char *q = p + 3;
    if (*q == ':') q++;
    if (digits(q, 2, &om)) return -1;
    int64_t off = ((int64_t)oh * 60 + om) * MIN_MS;
    return *p == '+' ? t - off : t + off;
}

void rule_format_iso(int64_t t, char *out, size_t cap)
{
    int64_t l = t + TZ_MS;
    int64_t days = l >= 0 ? l / 86400000 : -((-l + 86399999) / 86400000);
    int64_t rem = (l - days * 86400000) / 1000;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(rem / 3600),
             (int)(rem / 60 % 60), (int)(rem % 60));
}

void rule_format_hm(int64_t t, char *out, size_t cap)
{
    int64_t l = (t + TZ_MS) / 1000;
    int64_t rem = ((l % 86400) + 86400) % 86400;
    snprintf(out, cap, "%02d:%02d", (int)(rem / 3600), (int)(rem / 60 % 60));
}

static int local_hour(int64_t t)
{
    int64_t l = (t + TZ_MS) / 1000;
    return (int)((((l % 86400) + 86400) % 86400) / 3600);
}

/* ---- state ---- */

#define HIST      32
#define NLAB      32
#define NWO       128
#define NCTX      32
#define NPARAM    12
#define NMETER    16
#define WO_MARGIN (10 * MIN_MS)

typedef struct meas {
    int64_t st; /* sample time */
    double v;
    char raw[24];
} meas;

typedef struct ewma {
    double mean, var;
    long n;
} ewma;

typedef struct param {
    char code[8];
    double reg, last;
} iparam;

/* One batch analyzer code. */
typedef struct analyzer {
    int seen;
    int64_t last_st;    /* SampleTime of the newest measurement */
    int64_t st_changed; /* DataTime at which SampleTime last advanced */
    char flag;          /* the latest real-time flag */
    meas h[HIST];       /* normal measurements, oldest first */
    size_t nh;
    ewma base;
    ewma wcv;        /* CV of collapse_cycles-long windows in normal operation */
    double last_wcv; /* the newest window's CV, -1 unknown */
    double hmean[24];
    int hn[24];
    int64_t cycle, phase; /* schedule (ms); 0 unknown */
    int64_t cand;         /* candidate cycle and its count */
    int ncand;
    int64_t i13003; /* interval from 3020, ms */
    int drop_pending;
    double drop_prev;
    int64_t drop_t;
    int64_t last_exceed;    /* SampleTime of the newest value over the limit */
    int64_t last_exceed_at; /* ... and when it was reported (the result comes after the sample) */
    double last_exceed_v;
    int same;         /* identical consecutive values */
    int frozen_level; /* 0, 1 yellow sent, 2 red sent */
    int stall_sent;
    int bunch_sent;
    int collapse_sent, taplevel_sent;
    int64_t calib_t;         /* a calibration happened (ms); 0 none */
    int calib_shifted;       /* ... and the level stepped down after it */
    int dec_count, dec_sent; /* decoupled step: cycles low while the others hold */
    int small_pending;       /* a small fall after an entry, waiting for its rebound */
    int64_t stp_at;          /* stepped down (SampleTime of the first low value), 0 none */
    int64_t stp_seen;        /* the newest measurement judged */
    double stp_pre, stp_pcv; /* mean and CV of the values before the step */
    double small_pv, small_v, small_dr;
    int64_t small_from, small_st;
    int64_t dec_st, dec_from;
    double dec_pre, dec_cv, dec_sum, dec_fsum;
    double dec_r[NBATCH]; /* ratios to the other analyzers before the step */
    double calib_pre;
    double calib_sum;
    int calib_n;
    int64_t shift_t; /* a parameter changed without order; level watched */
    double shift_pre, shift_sum;
    int shift_n;
    iparam p[NPARAM];
    size_t np;
    int64_t calt;  /* last i13006 seen */
    int flag_sent; /* a flag episode was reported */
    int fl_state;  /* flag episode: 0 none, 1 open (judged an hour in), 2 judged */
    char fl_flag;
    int fl_after; /* it began right after a value over the limit */
    int64_t fl_start, fl_end, fl_over_t;
    double fl_over_v;
    double last_v; /* the last value sent, flagged or not */
} analyzer;

typedef struct meter {
    char code[12];
    int prod;
    double last;
    ewma base;
    int rs; /* 2021 running state, -1 unknown */
} meter;

struct rule_station {
    rule_cfg cfg;
    analyzer b[NBATCH];
    ewma cont[NCODES];      /* flow, pH, conductivity baselines */
    double snap[4][NCODES]; /* hourly snapshots of cont[].mean, oldest first */
    int nsnap;
    int64_t snap_hour;
    double last[NCODES];
    int have[NCODES];
    double fhour[24]; /* flow by hour of day */
    int fhn[24];
    ewma ratio;    /* flow per production ampere */
    double rh[24]; /* ... by hour of day (a plant's flow follows its day, its current not) */
    int rhn[24];
    meter m[NMETER];
    size_t nm;
    double cam[3][6]; /* last camera values [1..2][1..5] */
    int door_open;
    int64_t minutes;      /* minutes of real-time data seen */
    int64_t last_rt;      /* latest 2011 DataTime */
    int64_t rt_int;       /* real-time interval (ms) */
    int64_t gap_a, gap_b; /* a hole in the real-time data waiting for a backfill */
    long gap_fill;
    /* minute-level episodes */
    int64_t deficit_t, treat_t, night_t;
    double rq[60], rp[60]; /* the last hour of flow and production current, by sample */
    double cr[24];         /* the last conductivity samples (ring) */
    size_t cn, ci;
    int64_t cstep_t; /* conductivity stepped toward tap water (a pipe opened), 0 none */
    int cs_sent;     /* a common step of all analyzers was reported */
    double cstep_pre, cstep_post;
    size_t nr, ri;
    int64_t prod_since;      /* producing since (0: not producing) */
    double pre_mean, pre_sd; /* flow before a deficit or step began */
    int64_t step_t;
    double step_pre, step_presd, step_sum, step_sq, step_slope, step_first;
    int step_n, step_sent;
    double def_sum, def_sq, def_n;
    int deficit_level, treat_level, night_sent, rise_sent;
    int dil_count, dil_sent;
    int scale_count, scale_sent;
    int64_t outage_t, outage_end; /* data arriving late: a link outage being backfilled */
    int64_t outage_seen_at;
    int channel_still;    /* analyzers fell but the channel's probe did not move */
    int64_t active_until; /* an anomaly is active: baselines hold */
    int64_t now;
    struct {
        char task[32];
        int64_t start, end, filed;
    } wo[NWO];
    size_t nwo;
    struct {
        int code;
        int64_t t;
        double v;
        int done;
    } lab[NLAB];
    size_t nlab;
    rule_context ctx[NCTX];
    size_t nctx;
    unsigned long dropped;
};

/* Where hits of one call go. */
typedef struct sink {
    rule_station *s;
    rule_hit *out;
    size_t cap, n;
    int64_t time;
    int measured; /* a batch measurement in this record */
    int drop[NBATCH];
    double drop_pv[NBATCH], drop_v[NBATCH];
    int64_t drop_from[NBATCH], drop_st[NBATCH];
} sink;

static rule_hit *hit(sink *k, rule_id id, int64_t start, int64_t end, int strong)
{
    if (k->n == k->cap) {
        k->s->dropped++;
        return NULL;
    }
    rule_hit *h = &k->out[k->n++];
    memset(h, 0, sizeof *h);
    h->id = id;
    h->time = k->time;
    h->start = start;
    h->end = end > start ? end : start;
    h->strong = strong;
    if (!rule_is_context(id)) k->s->active_until = k->time + 2 * HOUR_MS;
    return h;
}

rule_station *rule_station_new(const rule_cfg *cfg)
{
    rule_station *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cfg = *cfg;
    for (size_t i = 0; i < NMETER; i++)
        s->m[i].rs = -1;
    return s;
}

void rule_station_free(rule_station *s)
{
    free(s);
}

unsigned long rule_station_dropped(const rule_station *s)
{
    return s->dropped;
}

int64_t rule_station_now(const rule_station *s)
{
    return s->now;
}

static void ewma_add(ewma *e, double x, double alpha)
{
    if (e->n == 0) {
        e->mean = x;
        e->var = 0;
    } else {
        double a = e->n < 1.0 / alpha ? 1.0 / (double)(e->n + 1) : alpha;
        double d = x - e->mean;
        e->mean += a * d;
        e->var = (1 - a) * (e->var + a * d * d);
    }
    e->n++;
}

/* "%.4g" without a trailing exponent surprise for plain numbers. */
static const char *num(double v, char *b, size_t cap)
{
    if (fabs(v) >= 1000)
        snprintf(b, cap, "%.0f", v);
    else
        snprintf(b, cap, "%.3g", v);
    return b;
}

int rule_station_covered(const rule_station *s, int64_t t, int64_t margin_ms)
{
    for (size_t i = 0; i < s->nwo; i++)
        if (t >= s->wo[i].start - margin_ms && t <= s->wo[i].end + margin_ms) return 1;
    return 0;
}

/* Covered by an order the O&M system had received by known_at. */
static int covered_known(const rule_station *s, int64_t t, int64_t margin_ms, int64_t known_at)
{
    for (size_t i = 0; i < s->nwo; i++)
        if (s->wo[i].filed <= known_at && t >= s->wo[i].start - margin_ms &&
            t <= s->wo[i].end + margin_ms)
            return 1;
    return 0;
}

void rule_station_work_order(rule_station *s, const char *task, int64_t start, int64_t end,
                             int64_t filed, const char *who)
{
    (void)who;
    if (s->nwo == NWO) { /* keep the newest */
        memmove(s->wo, s->wo + 1, (NWO - 1) * sizeof s->wo[0]);
        s->nwo--;
    }
    snprintf(s->wo[s->nwo].task, sizeof s->wo[0].task, "%s", task);
    s->wo[s->nwo].start = start;
    s->wo[s->nwo].end = end;
    s->wo[s->nwo].filed = filed;
    s->nwo++;
    /* a door entry inside the order is the O&M staff */
    for (size_t i = 0; i < s->nctx; i++)
        if (rule_station_covered(s, s->ctx[i].start, WO_MARGIN)) s->ctx[i].covered = 1;
}

size_t rule_station_context(const rule_station *s, int64_t from, int64_t to,
                            const rule_context **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < s->nctx && n < cap; i++)
        if (s->ctx[i].start <= to && s->ctx[i].end >= from) out[n++] = &s->ctx[i];
    return n;
}

/* Records a context signal; also returned as a hit (fusion re-evaluates open alerts). */
static rule_context *context(sink *k, rule_id id, int which, int64_t t, int lasting)
{
    rule_station *s = k->s;
    /* the same signal again within 5 minutes (door state and door log) is one */
    for (size_t i = s->nctx; i-- > 0;) {
        rule_context *c = &s->ctx[i];
        if (c->id == id && c->which == which && llabs(c->start - t) <= 5 * MIN_MS) return NULL;
    }
    if (s->nctx == NCTX) {
        memmove(s->ctx, s->ctx + 1, (NCTX - 1) * sizeof s->ctx[0]);
        s->nctx--;
    }
    rule_context *c = &s->ctx[s->nctx++];
    memset(c, 0, sizeof *c);
    c->id = id;
    c->which = which;
    c->start = t;
    c->end = lasting ? INT64_MAX : t;
    c->covered = rule_station_covered(s, t, WO_MARGIN);
    rule_hit *h = hit(k, id, t, t, 0);
    if (h) h->variant = which;
    return c;
}

static void context_text(sink *k, rule_context *c, const char *en, const char *zh)
{
    if (!c) return;
    snprintf(c->en, sizeof c->en, "%s", en);
    snprintf(c->zh, sizeof c->zh, "%s", zh);
    rule_hit *h = k->n ? &k->out[k->n - 1] : NULL;
    if (h && h->id == c->id) {
        snprintf(h->en, sizeof h->en, "%s", en);
        snprintf(h->zh, sizeof h->zh, "%s", zh);
    }
}

static void context_end(rule_station *s, rule_id id, int which, int64_t t)
{
    for (size_t i = s->nctx; i-- > 0;)
        if (s->ctx[i].id == id && s->ctx[i].which == which && s->ctx[i].end == INT64_MAX)
            s->ctx[i].end = t;
}

/* A door entry or a person in the station room, outside any work order, in [from, to]. */
static int entered(const rule_station *s, int64_t from, int64_t to)
{
    for (size_t i = 0; i < s->nctx; i++) {
        const rule_context *c = &s->ctx[i];
        if (c->covered || c->start > to || c->end < from) continue;
        if (c->id == RULE_DOOR_ENTRY || (c->id == RULE_PERSON_SEEN && c->which != 2)) return 1;
    }
    return 0;
}

static int code_index(const char *code)
{
    for (size_t i = 0; i < NCODES; i++)
        if (strcmp(CODES[i].code, code) == 0) return (int)i;
    return -1;
}

/* A continuous signal's baseline as it was about three hours ago (a slow fraud does not
 * drag its own reference along). */
static double ref_of(const rule_station *s, int i)
{
    return s->nsnap ? s->snap[0][i] : s->cont[i].mean;
}

static double base_of(const analyzer *b, int64_t t)
{
    int h = local_hour(t);
    if (b->hn[h] >= 2) return 0.5 * (b->hmean[h] + b->base.mean);
    return b->base.mean;
}

/* An anomaly of the station is going on (or just was): baselines hold still. */
static int learning(const rule_station *s, int64_t now)
{
    return now >= s->active_until && !s->deficit_t && !s->night_t && !s->treat_t && !s->step_t &&
           !s->dil_sent && !s->scale_count && !s->b[0].taplevel_sent && !s->outage_t;
}

static int warm(const rule_station *s, const analyzer *b)
{
    return b->base.n >= s->cfg.warmup_cycles;
}

/* ---- lab results ---- */

static void lab_check(sink *k, int ci, int64_t lt, double lv, int *done)
{
    rule_station *s = k->s;
    analyzer *b = &s->b[ci];
    const meas *best = NULL;
    for (size_t i = 0; i < b->nh; i++)
        if (llabs(b->h[i].st - lt) <= s->cfg.lab_window_min * MIN_MS &&
            (!best || llabs(b->h[i].st - lt) < llabs(best->st - lt)))
            best = &b->h[i];
    if (!best) return;
    *done = 1;
    if (lv <= 0 || best->v >= (1 - s->cfg.lab_tol) * lv) return;
    int64_t from = best->st < lt ? best->st : lt;
    /* the level has been low since a calibration that shifted it: the lab speaks of that */
    if (b->calib_shifted && b->calib_t && b->calib_t < from && from - b->calib_t < 7 * 24 * HOUR_MS)
        from = b->calib_t;
    rule_hit *h = hit(k, RULE_LAB_MISMATCH, from, best->st > lt ? best->st : lt, 0);
    if (!h) return;
    if (h->time < lt) h->time = lt;
    char a[32], c[32], hm[8];
    rule_format_hm(lt, hm, sizeof hm);
    double pct = (best->v - lv) / lv * 100;
    evidence_en(h->en, sizeof h->en, EV_LAB_MISMATCH, name_en(&CODES[ci]), num(lv, a, sizeof a),
                CODES[ci].unit, hm, num(best->v, c, sizeof c), pct);
    evidence_zh(h->zh, sizeof h->zh, EV_LAB_MISMATCH, name_zh(&CODES[ci]), a, CODES[ci].unit, hm, c,
                pct);
}

static int param_code_index(const char *p)
{
    static const char *const alias[NBATCH] = {"cod", "toc", "nh3n", "tp", "tn"};
    for (int i = 0; i < NBATCH; i++)
        if (strcmp(p, CODES[i].code) == 0 || strcmp(p, alias[i]) == 0) return i;
    return -1;
}

size_t rule_station_lab(rule_station *s, const char *param, int64_t t, double value, rule_hit *out,
                        size_t cap)
{
    int ci = param_code_index(param);
    if (ci < 0) return 0;
    sink k;
    memset(&k, 0, sizeof k);
    k.s = s;
    k.out = out;
    k.cap = cap;
    k.time = s->now > t ? s->now : t;
    int done = 0;
    lab_check(&k, ci, t, value, &done);
    if (!done) {
        if (s->nlab == NLAB) {
            memmove(s->lab, s->lab + 1, (NLAB - 1) * sizeof s->lab[0]);
            s->nlab--;
        }
        s->lab[s->nlab].code = ci;
        s->lab[s->nlab].t = t;
        s->lab[s->nlab].v = value;
        s->lab[s->nlab].done = 0;
        s->nlab++;
    }
    return k.n;
}

/* ---- one new measurement of a batch analyzer ---- */

static void learn_schedule(rule_station *s, analyzer *b, int64_t st)
{
    (void)s;
    if (b->i13003 > 0) b->cycle = b->i13003;
    if (b->nh == 0) return;
    int64_t d = st - b->h[b->nh - 1].st;
    if (!b->i13003 && d >= 5 * MIN_MS) {
        if (b->cand && llabs(d - b->cand) <= MIN_MS) {
            if (++b->ncand >= 2 && !b->cycle) b->cycle = b->cand;
        } else if (!b->cycle || d < b->cycle) {
            b->cand = d;
            b->ncand = 1;
        }
    }
    if (b->cycle && !b->phase) b->phase = st % b->cycle + 1; /* +1: 0 means unknown */
}

static int off_schedule(const rule_station *s, const analyzer *b, int64_t st, int64_t *prev)
{
    if (!b->cycle || !b->phase || b->nh == 0) return 0;
    *prev = b->h[b->nh - 1].st;
    int64_t d = st - *prev;
    int64_t ph = (st - (b->phase - 1)) % b->cycle;
    if (ph < 0) ph += b->cycle;
    int64_t off = ph < b->cycle - ph ? ph : b->cycle - ph;
    return d < (int64_t)(s->cfg.extra_interval * (double)b->cycle) ||
           off > s->cfg.phase_tol_min * MIN_MS;
}

static void push_meas(analyzer *b, int64_t st, double v, const char *raw)
{
    if (b->nh == HIST) {
        memmove(b->h, b->h + 1, (HIST - 1) * sizeof b->h[0]);
        b->nh--;
    }
    b->h[b->nh].st = st;
    b->h[b->nh].v = v;
    snprintf(b->h[b->nh].raw, sizeof b->h[0].raw, "%s", raw);
    b->nh++;
}

/* How far the channel's conductivity moved from its baseline toward tap water (0 none,
 * 1 all the way); *probe says whether there is a probe with a baseline. */
static double tap_move(const rule_station *s, int *probe)
{
    double g = 0;
    *probe = s->have[C_COND] && s->cont[C_COND].n > 30;
    if (*probe) {
        double cb = ref_of(s, C_COND), cv = s->last[C_COND];
        if (fabs(cb - s->cfg.tap_cond) > 1) g = (cb - cv) / (cb - s->cfg.tap_cond);
    }
    return g;
}

/* The analyzer's newest measurement is recent (within two of its cycles). */
static int fresh(const analyzer *b, int64_t t)
{
    return t - b->h[b->nh - 1].st <= 2 * (b->cycle ? b->cycle : HOUR_MS);
}

/* Appends "NAME what" to lists of analyzers in both languages (only whole items: an
 * evidence line never ends in a cut value). */
static void list_item(char *en, size_t ce, char *zh, size_t cz, int ci, const char *what)
{
    size_t le = strlen(en), lz = strlen(zh);
    /* room for the separator and a space (checked with one byte more in Chinese) */
    if (le + strlen(name_en(&CODES[ci])) + strlen(what) + 3 < ce)
        snprintf(en + le, ce - le, "%s%s %s", le ? evidence_word_en(EV_LIST_SEPARATOR) : "",
                 name_en(&CODES[ci]), what);
    if (lz + strlen(name_zh(&CODES[ci])) + strlen(what) + 5 < cz)
        snprintf(zh + lz, cz - lz, "%s%s %s", lz ? evidence_word_zh(EV_LIST_SEPARATOR) : "",
                 name_zh(&CODES[ci]), what);
}

/* Mean and CV of m measurements of an analyzer, ending `skip` before its newest (skip 0:
 * the newest included); the caller makes sure they exist (m + skip <= nh). */
static double tail_stats(const analyzer *b, size_t skip, size_t m, double *cv)
{
    size_t end = b->nh - skip;
    double sum = 0, sq = 0;
    for (size_t q = end - m; q < end; q++)
        sum += b->h[q].v;
    double pm = sum / (double)m;
    for (size_t q = end - m; q < end; q++)
        sq += (b->h[q].v - pm) * (b->h[q].v - pm);
    if (cv) *cv = pm > 0 && m > 1 ? sqrt(sq / (double)(m - 1)) / pm : 1;
    return pm;
}

/* One analyzer stepped down and stays down while the other analyzers hold and the channel's
 * probe did not move: the same water measured by the others is not diluted, so the value is
 * rewritten between the analyzer and the platform (DAU; a COD value scaled, a TOC station's
 * COD decoupled from its TOC). Judged on the ratios to the other analyzers (the day's
 * pattern and the plant's common variation cancel in them) against their last 6 values: no
 * learned baseline needed. Not after a calibration or a parameter change (their own rules),
 * not for identical values (frozen), not inside a work order. */
static void check_decoupled(sink *k, int64_t t, int probe, double g)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    double lev[NBATCH] = {0}; /* each analyzer's newest value against its own recent mean */
    int ok[NBATCH] = {0};
    for (int i = 0; i < NBATCH; i++) {
        const analyzer *b = &s->b[i];
        if (!b->seen || b->nh < 4) continue;
        if (!fresh(b, t)) continue;
        if (b->h[b->nh - 1].v <= 0) continue;
        size_t m = b->nh - 1 < 6 ? b->nh - 1 : 6;
        double pm = tail_stats(b, 1, m, NULL);
        if (pm <= 0) continue;
        lev[i] = 1 - b->h[b->nh - 1].v / pm;
        ok[i] = 1;
    }
    int covered = rule_station_covered(s, t, WO_MARGIN);
    for (int i = 0; i < NBATCH; i++) {
        analyzer *b = &s->b[i];
        if (!ok[i] || b->h[b->nh - 1].st == b->dec_st) continue; /* judged already */
        b->dec_st = b->h[b->nh - 1].st;
        double vi = b->h[b->nh - 1].v;
        /* the ratio to each other analyzer against its recent mean (or the one before the
         * step, during an episode) */
        double fsum = 0, cvsum = 0, rmean[NBATCH] = {0};
        int others = 0, hold = 1;
        char en[120] = "", zh[120] = "";
        for (int j = 0; j < NBATCH; j++) {
            const analyzer *o = &s->b[j];
            if (j == i || !ok[j]) continue;
            size_t m = b->nh - 1 < o->nh - 1 ? b->nh - 1 : o->nh - 1;
            if (m > 6) m = 6;
            double sum = 0, sq = 0, r[6];
            for (size_t q = 0; q < m; q++) {
                double den = o->h[o->nh - 2 - q].v;
                r[q] = den > 0 ? b->h[b->nh - 2 - q].v / den : 0;
                sum += r[q];
            }
            double rm = sum / (double)m;
            for (size_t q = 0; q < m; q++)
                sq += (r[q] - rm) * (r[q] - rm);
            double rcv = rm > 0 && m > 1 ? sqrt(sq / (double)(m - 1)) / rm : 1;
            rmean[j] = rm;
            double ref = b->dec_count && b->dec_r[j] > 0 ? b->dec_r[j] : rm;
            if (ref <= 0) continue;
            fsum += 1 - vi / o->h[o->nh - 1].v / ref;
            cvsum += rcv;
            others++;
            if (fabs(lev[j]) > 0.3) hold = 0;
            char what[16];
            snprintf(what, sizeof what, "%+.0f%%", -lev[j] * 100);
            list_item(en, sizeof en, zh, sizeof zh, j, what);
        }
        if (!others) continue;
        double f = fsum / others, rcv = b->dec_count ? b->dec_cv : cvsum / others;
        /* someone in the station room (no work order) before it: a smaller step counts */
        int64_t from = b->dec_count ? b->dec_from : b->h[b->nh - 1].st;
        int onsite = entered(s, from - 2 * HOUR_MS, from);
        double need = onsite ? fmax(0.15, 2.5 * rcv) : fmax(0.25, 3 * rcv);
        int64_t day = 24 * HOUR_MS;
        int changed = (b->calib_t && t - b->calib_t < day) || (b->shift_t && t - b->shift_t < day);
        /* the channel's water itself changed (a step toward tap water, or far toward it) */
        int diluted = probe && (s->cstep_t || g >= 0.3);
        double li = b->dec_count && b->dec_pre > 0 ? 1 - vi / b->dec_pre : lev[i];
        double lmin = onsite ? 0.12 : 0.2;
        /* a step starts at full size; once started, half of it keeps the episode going and
         * its mean over the cycles decides */
        double k0 = b->dec_count ? 0.5 : 1;
        int low = f >= k0 * need && li >= k0 * lmin && hold && !diluted && !changed &&
                  b->same == 0 && !covered;
        if (!low) {
            b->dec_count = 0;
            if (f < need / 2) b->dec_sent = 0;
            continue;
        }
        if (b->dec_count == 0) {
            /* it begins with a step from a normal value, not with a slow slide */
            size_t m = b->nh - 1 < 6 ? b->nh - 1 : 6;
            double cv = 0, pm = tail_stats(b, 1, m, &cv);
            if (b->h[b->nh - 2].v < (1 - need / 2) * pm) continue;
            b->dec_from = b->h[b->nh - 1].st;
            b->dec_pre = pm;
            b->dec_cv = cvsum / others;
            for (int j = 0; j < NBATCH; j++)
                b->dec_r[j] = rmean[j];
            b->dec_sum = b->dec_fsum = 0;
        }
        b->dec_count++;
        b->dec_sum += vi;
        b->dec_fsum += f;
        if (b->dec_count < c->scale_cycles || b->dec_sent) continue;
        double mv0 = b->dec_sum / b->dec_count;
        if (b->dec_fsum / b->dec_count < need || 1 - mv0 / b->dec_pre < lmin) continue;
        b->dec_sent = 1;
        rule_hit *h = hit(k, RULE_DECOUPLED_STEP, b->dec_from, b->h[b->nh - 1].st, 0);
        if (!h) continue;
        char a[32], bb[32], hm[8];
        double mv = b->dec_sum / b->dec_count;
        rule_format_hm(b->dec_from, hm, sizeof hm);
        evidence_en(h->en, sizeof h->en, EV_DECOUPLED_STEP, name_en(&CODES[i]),
                    num(b->dec_pre, a, sizeof a), num(mv, bb, sizeof bb), CODES[i].unit,
                    (mv / b->dec_pre - 1) * 100, hm, b->dec_count, en,
                    probe ? evidence_word_en(EV_AND_CHANNEL_UNCHANGED) : "");
        evidence_zh(h->zh, sizeof h->zh, EV_DECOUPLED_STEP, name_zh(&CODES[i]), hm, a, bb,
                    CODES[i].unit, (mv / b->dec_pre - 1) * 100, b->dec_count, zh,
                    probe ? evidence_word_zh(EV_AND_CHANNEL_UNCHANGED) : "");
    }
}

/* All analyzers stepped down together (within 90 min, each from a normal value, against its
 * own last values: no learned baseline needed) while the channel's conductivity did not
 * move: the analyzers no longer measure the channel's water as it is. Flat since (a bucket,
 * the tap: the sample line) or still varying as before and fallen alike (one factor: values
 * rewritten by the DAU). */
static void check_common_step(sink *k, int64_t t, int probe, double g)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    int n = 0, all = 1;
    int64_t first = INT64_MAX, last = 0;
    for (int i = 0; i < NBATCH; i++) {
        analyzer *b = &s->b[i];
        if (!b->seen || b->nh < 3) continue;
        if (!fresh(b, t)) continue;
        const meas *nw = &b->h[b->nh - 1];
        if (nw->st != b->stp_seen) {
            b->stp_seen = nw->st;
            if (!b->stp_at) {
                size_t m = b->nh - 1 < 6 ? b->nh - 1 : 6;
                double cv = 0, pm = tail_stats(b, 1, m, &cv);
                if (pm > 0 && nw->v < 0.8 * pm && b->h[b->nh - 2].v >= 0.85 * pm) {
                    b->stp_at = nw->st;
                    b->stp_pre = pm;
                    b->stp_pcv = cv;
                }
            } else if (nw->v >= 0.9 * b->stp_pre) {
                b->stp_at = 0; /* back */
            }
        }
        n++;
        if (!b->stp_at) {
            all = 0;
            continue;
        }
        if (b->stp_at < first) first = b->stp_at;
        if (b->stp_at > last) last = b->stp_at;
    }
    if (n < 2 || !all) {
        if (n && !all) s->cs_sent = 0;
        return;
    }
    if (s->cs_sent || last - first > 90 * MIN_MS) return;
    if (probe && ((s->cstep_t && s->cstep_t >= first - HOUR_MS) || g >= 0.3)) return;
    if (rule_station_covered(s, first, WO_MARGIN)) return;
    double lmin = 2, lmax = -2, lsum = 0, cvs = 0, pcvs = 0;
    int flat = 1;
    char en[150] = "", zh[150] = "";
    for (int i = 0; i < NBATCH; i++) {
        const analyzer *b = &s->b[i];
        if (!b->seen || b->nh < 3 || !b->stp_at) continue;
        if (!fresh(b, t)) continue;
        int64_t day = 24 * HOUR_MS;
        if ((b->calib_t && t - b->calib_t < day) || (b->shift_t && t - b->shift_t < day)) return;
        double sum = 0, sq = 0;
        size_t m = 0;
        for (size_t j = 0; j < b->nh; j++)
            if (b->h[j].st >= b->stp_at) {
                sum += b->h[j].v;
                m++;
            }
        if (m < 3) return; /* three cycles each */
        double pm = sum / (double)m;
        for (size_t j = 0; j < b->nh; j++)
            if (b->h[j].st >= b->stp_at) sq += (b->h[j].v - pm) * (b->h[j].v - pm);
        double cv = pm > 0 ? sqrt(sq / (double)(m - 1)) / pm : 0;
        double lv = 1 - pm / b->stp_pre;
        if (lv < 0.2) return;
        /* back to the usual level after a raised spell (an upset, treatment off) */
        if (warm(s, b) && pm >= 0.8 * b->base.mean) return;
        if (lv < lmin) lmin = lv;
        if (lv > lmax) lmax = lv;
        lsum += lv;
        /* flat: under a third of the variation before (taken as at least 6 %: a process
         * varies that much over hours), or under 3 %: an analyzer measuring one bucket
         * varies by its own precision only */
        if (cv >= 0.35 * fmax(b->stp_pcv, 0.06) && cv >= 0.03) flat = 0;
        cvs += cv;
        pcvs += b->stp_pcv;
        char a[32], bb[32], what[72];
        snprintf(what, sizeof what, "%s→%s", num(b->stp_pre, a, sizeof a), num(pm, bb, sizeof bb));
        list_item(en, sizeof en, zh, sizeof zh, i, what);
    }
    /* rewritten alike: a larger fall than the day's pattern makes of all analyzers at once */
    int alike = lmax - lmin <= c->dilution_spread && lmin >= c->scale_fall;
    if (!flat && !alike) return;
    s->cs_sent = 1;
    char hm[8];
    rule_format_hm(first, hm, sizeof hm);
    const char *ch_en = probe ? evidence_word_en(EV_WHILE_CHANNEL_UNCHANGED) : "";
    const char *ch_zh = probe ? evidence_word_zh(EV_WHILE_CHANNEL_UNCHANGED) : "";
    if (flat) {
        rule_hit *h = hit(k, RULE_VARIANCE_COLLAPSE, first, t, 0);
        if (!h) return;
        evidence_en(h->en, sizeof h->en, EV_COMMON_STEP_FLAT, hm, en, 100 * cvs / n, 100 * pcvs / n,
                    ch_en);
        evidence_zh(h->zh, sizeof h->zh, EV_COMMON_STEP_FLAT, hm, zh, 100 * cvs / n, 100 * pcvs / n,
                    ch_zh);
    } else {
        rule_hit *h = hit(k, RULE_UNIFORM_SCALE, first, t, 0);
        if (!h) return;
        evidence_en(h->en, sizeof h->en, EV_COMMON_STEP_SCALED, hm, 100 * lsum / n, en, ch_en);
        evidence_zh(h->zh, sizeof h->zh, EV_COMMON_STEP_SCALED, hm, 100 * lsum / n, zh, ch_zh);
    }
}

/* Dilution / hose swap: all analyzers against their baselines (called per COD cycle). */
static void check_fall(sink *k, int64_t t)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    double fmin = 2, fmax = -2, fsum = 0;
    int n = 0, all_tap = 1;
    char en[150] = "", zh[150] = ""; /* the values, inside a longer line */
    for (int i = 0; i < NBATCH; i++) {
        analyzer *b = &s->b[i];
        if (!b->seen || b->nh == 0 || !warm(s, b)) continue;
        if (!fresh(b, t)) continue;
        double base = base_of(b, t);
        if (base <= 0) continue;
        double v = b->h[b->nh - 1].v;
        double f = 1 - v / base;
        if (f < fmin) fmin = f;
        if (f > fmax) fmax = f;
        fsum += f;
        n++;
        if (v > c->tap_level_frac * base && v > 3 * rule_cfg_tap(c, CODES[i].code)) all_tap = 0;
        char a[32], bb[32], what[72];
        snprintf(what, sizeof what, "%s→%s", num(base, a, sizeof a), num(v, bb, sizeof bb));
        list_item(en, sizeof en, zh, sizeof zh, i, what);
    }
    int probe = 0;
    double g = tap_move(s, &probe);
    check_decoupled(k, t, probe, g);
    check_common_step(k, t, probe, g);
    if (n == 0) return;
    double fm = fsum / n;
    char hm[8];
    rule_format_hm(t, hm, sizeof hm);
    int start_ok = fmin >= c->dilution_fall;
    s->channel_still = probe && g < c->toward_tap_min;
    /* flat (a bucket, the tap) or still following the process (values rewritten)? */
    const analyzer *b0 = &s->b[0];
    int flat =
        b0->wcv.n >= 4 && b0->last_wcv >= 0 && b0->last_wcv < c->collapse_ratio * b0->wcv.mean;
    int alike = n >= 2 && fmax - fmin <= c->dilution_spread;
    /* the episode must start with a step (the DAU switched on), not a slow change */
    int stepped = 1;
    if (s->scale_count == 0) {
        for (int i = 0; i < NBATCH; i++) {
            const analyzer *b = &s->b[i];
            if (!b->seen || b->nh < 2 || !warm(s, b)) continue;
            if (b->h[b->nh - 2].v < (1 - c->scale_fall / 2) * base_of(b, t)) stepped = 0;
        }
    }
    /* the sample line: one of the two cycles before was still normal (a swap is abrupt) */
    int recent = 0;
    for (int i = 0; i < NBATCH; i++) {
        const analyzer *b = &s->b[i];
        if (!b->seen || !warm(s, b)) continue;
        for (size_t j = 2; j <= 3 && j <= b->nh; j++)
            if (b->h[b->nh - j].v >= (1 - c->scale_fall / 2) * base_of(b, b->h[b->nh - j].st))
                recent = 1;
    }
    if (s->channel_still && alike && fmin >= c->scale_fall && !all_tap && !flat && stepped) {
        /* reported by check_common_step; the fall is no dilution or hose swap either */
        ++s->scale_count;
        return;
    }
    s->scale_count = 0;
    if (fmin < c->dilution_fall) s->scale_sent = 0;
    if (start_ok && (all_tap || (probe && n >= 2 && fmin >= c->sample_fall && recent)) &&
        (!probe || g < c->toward_tap_min)) {
        /* the analyzers read tap (or bucket) water, the channel does not: the sample line */
        if (!s->b[0].taplevel_sent) {
            s->b[0].taplevel_sent = 1;
            rule_hit *h = hit(k, RULE_TAP_LEVEL, t - HOUR_MS, t, 0);
            if (h && all_tap) {
                evidence_en(h->en, sizeof h->en, EV_TAP_LEVEL, hm, en,
                            probe ? evidence_word_en(EV_WHILE_CHANNEL_UNCHANGED) : "");
                evidence_zh(h->zh, sizeof h->zh, EV_TAP_LEVEL, hm, zh,
                            probe ? evidence_word_zh(EV_WHILE_CHANNEL_UNCHANGED) : "");
            } else if (h) {
                evidence_en(h->en, sizeof h->en, EV_SAMPLE_NOT_CHANNEL, fm * 100, hm, en);
                evidence_zh(h->zh, sizeof h->zh, EV_SAMPLE_NOT_CHANNEL, hm, fm * 100, zh);
            }
        }
        return;
    }
    if (!start_ok) s->b[0].taplevel_sent = 0;
    int prop = start_ok && n >= 2 && fmax - fmin <= c->dilution_spread && fmax < 0.95;
    if (prop && probe && g < c->toward_tap_min) prop = 0; /* channel unchanged: not dilution */
    /* water let in is a step of the channel's conductivity (the day's pattern is not) */
    if (prop && probe && !s->cstep_t) prop = 0;
    /* the channel itself is mostly tap water (a hidden pipe while production is stopped):
     * every analyzer reads tap levels, so their spread says nothing */
    if (start_ok && probe && g >= 0.5) prop = 1;
    if (!prop) {
        s->dil_count = 0;
        s->dil_sent = 0;
        return;
    }
    if (++s->dil_count < c->dilution_cycles || s->dil_sent) return;
    s->dil_sent = 1;
    rule_hit *h = hit(k, RULE_PROPORTIONAL_FALL, t - (int64_t)c->dilution_cycles * HOUR_MS, t, 0);
    if (h) {
        evidence_en(h->en, sizeof h->en, EV_PROPORTIONAL_FALL, fm * 100, hm, en);
        evidence_zh(h->zh, sizeof h->zh, EV_PROPORTIONAL_FALL, hm, fm * 100, zh);
    }
    if (probe && g >= c->toward_tap_min) {
        h = hit(k, RULE_TOWARD_TAP, t - HOUR_MS, t, 0);
        if (h) {
            char a[32], bb[32];
            evidence_en(h->en, sizeof h->en, EV_TOWARD_TAP, num(ref_of(s, C_COND), a, sizeof a),
                        num(s->last[C_COND], bb, sizeof bb), g * 100, c->tap_cond, s->last[C_PH]);
            evidence_zh(h->zh, sizeof h->zh, EV_TOWARD_TAP, a, bb, c->tap_cond, g * 100,
                        s->last[C_PH]);
        }
    }
    if (s->have[C_FLOW] && s->cont[C_FLOW].n > 30 && s->last[C_FLOW] > 1.15 * ref_of(s, C_FLOW)) {
        h = hit(k, RULE_FLOW_RISE, t - HOUR_MS, t, 0);
        if (h) {
            char a[32], bb[32];
            evidence_en(h->en, sizeof h->en, EV_FLOW_RISE, num(ref_of(s, C_FLOW), a, sizeof a),
                        num(s->last[C_FLOW], bb, sizeof bb));
            evidence_zh(h->zh, sizeof h->zh, EV_FLOW_RISE, a, bb);
        }
    }
}

static void emit_drop(sink *k, int ci)
{
    rule_station *s = k->s;
    analyzer *b = &s->b[ci];
    const code_def *cd = &CODES[ci];
    double pv = k->drop_pv[ci], v = k->drop_v[ci];
    double limit = rule_cfg_limit(&s->cfg, cd->code);
    char a[32], bb[32];
    rule_hit *h = hit(k, RULE_SUDDEN_DROP, k->drop_from[ci], k->drop_st[ci], 0);
    if (h) {
        evidence_en(h->en, sizeof h->en, EV_SUDDEN_DROP, name_en(cd), num(pv, a, sizeof a),
                    num(v, bb, sizeof bb), cd->unit, (v - pv) / pv * 100,
                    limit > 0 && pv > limit ? evidence_word_en(EV_AFTER_EXCEEDANCE) : "");
        evidence_zh(h->zh, sizeof h->zh, EV_SUDDEN_DROP, name_zh(cd), a, bb, cd->unit,
                    (v - pv) / pv * 100,
                    limit > 0 && pv > limit ? evidence_word_zh(EV_AFTER_EXCEEDANCE) : "");
    }
    b->drop_pending = 1;
    b->drop_prev = pv;
    b->drop_t = k->drop_st[ci];
}

static void new_measurement(sink *k, int ci, int64_t st, double v, const char *raw, char flag,
                            int64_t dt)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    analyzer *b = &s->b[ci];
    const code_def *cd = &CODES[ci];
    double limit = rule_cfg_limit(c, cd->code);
    char a[32], bb[32], hm[8], hm2[8];
    rule_format_hm(st, hm, sizeof hm);
    b->last_st = st;
    b->st_changed = dt;
    b->stall_sent = 0;
    if (flag != 'N') return; /* flagged data is judged by the flag rules */
    int covered = rule_station_covered(s, st, WO_MARGIN);
    int anomalous = 0;
    /* schedule */
    int64_t prev_st = 0;
    int extra = off_schedule(s, b, st, &prev_st);
    if (extra && !covered) {
        rule_hit *h = hit(k, RULE_EXTRA_MEASUREMENT, prev_st, st, 0);
        if (h) {
            rule_format_hm(prev_st, hm2, sizeof hm2);
            evidence_en(h->en, sizeof h->en, EV_EXTRA_MEASUREMENT, name_en(cd), hm,
                        (long long)(b->cycle / MIN_MS), hm2);
            evidence_zh(h->zh, sizeof h->zh, EV_EXTRA_MEASUREMENT, name_zh(cd), hm,
                        (long long)(b->cycle / MIN_MS), hm2);
        }
        anomalous = 1;
    }
    if (!extra) learn_schedule(s, b, st);
    /* drop and rebound */
    if (b->nh > 0) {
        double pv = b->h[b->nh - 1].v;
        if (b->drop_pending && v >= c->rebound_ratio * b->drop_prev) {
            rule_hit *h = hit(k, RULE_REBOUND, b->drop_t, st, 0);
            if (h) {
                evidence_en(h->en, sizeof h->en, EV_REBOUND, name_en(cd), num(v, a, sizeof a),
                            cd->unit, hm);
                evidence_zh(h->zh, sizeof h->zh, EV_REBOUND, name_zh(cd), hm, a, cd->unit);
            }
        }
        b->drop_pending = 0;
        /* a small fall after an entry, seen a cycle ago: the cup only if it came back (a value
         * rewritten from then on stays down) */
        if (b->small_pending) {
            b->small_pending = 0;
            if (v >= (1 - b->small_dr / 2) * b->small_pv) {
                k->drop[ci] = 1;
                k->drop_pv[ci] = b->small_pv;
                k->drop_v[ci] = b->small_v;
                k->drop_from[ci] = b->small_from;
                k->drop_st[ci] = b->small_st;
                rule_hit *h = hit(k, RULE_REBOUND, b->small_st, st, 0);
                if (h) {
                    evidence_en(h->en, sizeof h->en, EV_REBOUND, name_en(cd), num(v, a, sizeof a),
                                cd->unit, hm);
                    evidence_zh(h->zh, sizeof h->zh, EV_REBOUND, name_zh(cd), hm, a, cd->unit);
                }
                anomalous = 1;
            }
        }
        /* someone entered the station room (no work order) in the last 90 min: a smaller
         * fall counts, as long as it stands out of the analyzer's own variation */
        double dr = c->drop_ratio;
        if (entered(s, st - 90 * MIN_MS, st) && b->base.n >= 3 && b->base.mean > 0)
            dr = fmin(dr, fmax(c->drop_ctx_ratio, 3 * sqrt(b->base.var) / b->base.mean));
        int small = v >= (1 - c->drop_ratio) * pv;
        if (small && !extra && pv > 0 && v < (1 - dr) * pv && !covered) {
            b->small_pending = 1; /* judged at the next measurement */
            b->small_pv = pv;
            b->small_v = v;
            b->small_dr = dr;
            b->small_from = b->h[b->nh - 1].st;
            b->small_st = st;
            anomalous = 1;
        } else if (pv > c->drop_min_frac * (limit > 0 ? limit : 0) && pv > 0 && v < (1 - dr) * pv &&
                   !covered) {
            /* decided at the end of the record: a fall of one analyzer only is the cup */
            k->drop[ci] = 1;
            k->drop_pv[ci] = pv;
            k->drop_v[ci] = v;
            k->drop_from[ci] = b->h[b->nh - 1].st;
            k->drop_st[ci] = st;
            anomalous = 1;
        }
    }
    /* exceedance */
    if (limit > 0 && v > limit) {
        b->last_exceed = st;
        b->last_exceed_at = dt > st ? dt : st;
        b->last_exceed_v = v;
    }
    /* frozen values (not at tap level: that is the sample line) */
    int tapish = warm(s, b) && v <= c->tap_level_frac * base_of(b, st);
    if (b->nh > 0 && strcmp(raw, b->h[b->nh - 1].raw) == 0 && !tapish) {
        b->same++;
        int lvl = b->same + 1 >= c->frozen_red_cycles ? 2 : b->same + 1 >= c->frozen_cycles ? 1 : 0;
        if (lvl > b->frozen_level && !covered) {
            b->frozen_level = lvl;
            int64_t from = b->h[b->nh - (size_t)b->same].st;
            rule_hit *h = hit(k, RULE_FROZEN_VALUE, from, st, lvl == 2);
            if (h) {
                rule_format_hm(from, hm2, sizeof hm2);
                evidence_en(h->en, sizeof h->en, EV_FROZEN_VALUE, name_en(cd), raw, cd->unit,
                            b->same + 1, hm2);
                evidence_zh(h->zh, sizeof h->zh, EV_FROZEN_VALUE, name_zh(cd), hm2, b->same + 1,
                            raw, cd->unit);
            }
        }
        anomalous |= b->frozen_level > 0;
    } else {
        b->same = 0;
        b->frozen_level = 0;
    }
    push_meas(b, st, v, raw);
    /* bunching under the limit */
    if (limit > 0 && b->nh >= (size_t)c->bunch_window) {
        int in = 0, over = 0;
        for (size_t i = b->nh - (size_t)c->bunch_window; i < b->nh; i++) {
            if (b->h[i].v >= limit)
                over++;
            else if (b->h[i].v >= (1 - c->bunch_band) * limit)
                in++;
        }
        double wcv = 0, wm = tail_stats(b, 0, (size_t)c->bunch_window, &wcv), wsd = wcv * wm;
        /* only where values over the limit were seen, or the normal level is at it */
        int near = b->last_exceed || (warm(s, b) && b->base.mean >= (1 - c->bunch_band) * limit);
        /* and squeezed: a plant honestly at its limit varies as it always did; values
         * rewritten under it sit in a band narrower than the plant's own variation */
        double usd = warm(s, b) ? sqrt(b->base.var) : 0;
        /* ... or narrower than the other analyzers' variation over the same hours (the same
         * water: without history, a cap shows against them) */
        double ocv = 0;
        int on = 0;
        for (int j = 0; j < NBATCH; j++) {
            const analyzer *o = &s->b[j];
            if (o == b || !o->seen || o->nh < (size_t)c->bunch_window) continue;
            double cv = 0;
            if (tail_stats(o, 0, (size_t)c->bunch_window, &cv) > 0) {
                ocv += cv;
                on++;
            }
        }
        ocv = on ? ocv / on : 0;
        int squeezed_o = ocv > 0 && wm > 0 && wsd / wm < c->bunch_squeeze * ocv;
        int squeezed = (usd > 0 && wsd < c->bunch_squeeze * usd) || squeezed_o;
        near = near || squeezed_o;
        /* a cap sits a little under the limit; an honest plant right at it is no cap */
        if (!over && near && squeezed && wm <= 0.93 * limit &&
            in >= c->bunch_frac * c->bunch_window) {
            if (!b->bunch_sent) {
                b->bunch_sent = 1;
                int64_t from = b->h[b->nh - (size_t)c->bunch_window].st;
                rule_hit *h = hit(k, RULE_BUNCHING, from, st, 0);
                if (h) {
                    evidence_en(h->en, sizeof h->en, EV_BUNCHING, name_en(cd), in, c->bunch_window,
                                c->bunch_band * 100, num(limit, a, sizeof a),
                                wm > 0 ? 100 * wsd / wm : 0,
                                b->base.mean > 0 ? 100 * usd / b->base.mean : 0);
                    evidence_zh(h->zh, sizeof h->zh, EV_BUNCHING, name_zh(cd), c->bunch_window, in,
                                a, c->bunch_band * 100, wm > 0 ? 100 * wsd / wm : 0,
                                b->base.mean > 0 ? 100 * usd / b->base.mean : 0);
                }
            }
            anomalous = 1;
        } else if (in < c->bunch_frac * c->bunch_window / 2) {
            b->bunch_sent = 0;
        }
    }
    /* level after a calibration / a parameter change */
    if (b->calib_t && st > b->calib_t && b->calib_n < c->shift_cycles) {
        b->calib_sum += v;
        if (++b->calib_n == c->shift_cycles && b->calib_pre > 0) {
            double m = b->calib_sum / b->calib_n;
            /* down by shift_ratio, and by more than the analyzer's own variation (two
             * values: 2 x its CV) */
            double cv = b->base.mean > 0 ? sqrt(b->base.var) / b->base.mean : 0;
            if (m < (1 - fmax(c->shift_ratio, 2 * cv)) * b->calib_pre) {
                b->calib_shifted = 1;
                rule_hit *h = hit(k, RULE_CALIBRATION_SHIFT, b->calib_t, st, 0);
                if (h) {
                    rule_format_hm(b->calib_t, hm2, sizeof hm2);
                    evidence_en(h->en, sizeof h->en, EV_CALIBRATION_SHIFT, name_en(cd),
                                num(b->calib_pre, a, sizeof a), num(m, bb, sizeof bb), cd->unit,
                                (m - b->calib_pre) / b->calib_pre * 100, hm2);
                    evidence_zh(h->zh, sizeof h->zh, EV_CALIBRATION_SHIFT, name_zh(cd), hm2, a, bb,
                                cd->unit, (m - b->calib_pre) / b->calib_pre * 100);
                }
                anomalous = 1;
            }
        }
    }
    if (b->shift_t && st > b->shift_t && b->shift_n < c->shift_cycles) {
        b->shift_sum += v;
        if (++b->shift_n == c->shift_cycles && b->shift_pre > 0) {
            double m = b->shift_sum / b->shift_n;
            if (fabs(m - b->shift_pre) > c->shift_ratio * b->shift_pre) {
                rule_hit *h = hit(k, RULE_LEVEL_SHIFT, b->shift_t, st, 1);
                if (h) {
                    rule_format_hm(b->shift_t, hm2, sizeof hm2);
                    evidence_en(h->en, sizeof h->en, EV_LEVEL_SHIFT, name_en(cd),
                                num(b->shift_pre, a, sizeof a), num(m, bb, sizeof bb), cd->unit,
                                (m - b->shift_pre) / b->shift_pre * 100, hm2);
                    evidence_zh(h->zh, sizeof h->zh, EV_LEVEL_SHIFT, name_zh(cd), hm2, a, bb,
                                cd->unit, (m - b->shift_pre) / b->shift_pre * 100);
                }
            }
        }
    }
    /* pending lab results */
    for (size_t i = 0; i < s->nlab; i++)
        if (!s->lab[i].done && s->lab[i].code == ci && st >= s->lab[i].t) /* nearest known */
            lab_check(k, ci, s->lab[i].t, s->lab[i].v, &s->lab[i].done);
    /* baselines (after warm-up: variance collapse, rises) */
    double window_cv = -1;
    b->last_wcv = -1;
    if (b->nh >= (size_t)c->collapse_cycles && c->collapse_cycles >= 2) {
        size_t w = (size_t)c->collapse_cycles;
        double sum = 0, sq = 0;
        for (size_t i = b->nh - w; i < b->nh; i++)
            sum += b->h[i].v;
        double m = sum / (double)w;
        for (size_t i = b->nh - w; i < b->nh; i++)
            sq += (b->h[i].v - m) * (b->h[i].v - m);
        window_cv = m > 0 ? sqrt(sq / (double)(w - 1)) / m : -1;
        b->last_wcv = window_cv;
    }
    if (warm(s, b)) {
        double base = base_of(b, st);
        if (base > 0 && v > c->conc_rise_ratio * base && s->treat_t && !s->rise_sent) {
            s->rise_sent = 1;
            rule_hit *h = hit(k, RULE_CONC_RISE, s->treat_t, st, 0);
            if (h) {
                evidence_en(h->en, sizeof h->en, EV_CONC_RISE, name_en(cd), num(base, a, sizeof a),
                            num(v, bb, sizeof bb), cd->unit);
                evidence_zh(h->zh, sizeof h->zh, EV_CONC_RISE, name_zh(cd), a, bb, cd->unit);
            }
        }
        size_t w = (size_t)c->collapse_cycles;
        double bcv = b->wcv.mean;
        if (b->nh >= w && b->wcv.n >= 4 && bcv > 0.005) {
            double sum = 0, sq = 0;
            for (size_t i = b->nh - w; i < b->nh; i++)
                sum += b->h[i].v;
            double m = sum / (double)w;
            for (size_t i = b->nh - w; i < b->nh; i++)
                sq += (b->h[i].v - m) * (b->h[i].v - m);
            double cv = m > 0 ? sqrt(sq / (double)(w - 1)) / m : 0;
            window_cv = cv;
            if (cv < c->collapse_ratio * bcv && m < (1 - c->sample_fall) * base && !covered &&
                (s->channel_still || !s->have[C_COND])) {
                if (!b->collapse_sent) {
                    b->collapse_sent = 1;
                    /* flat since the first value of the spell, not of the window that
                     * judged it (it may have been judged late: after a work order) */
                    size_t first = b->nh - w;
                    double tol = fmax(3 * cv, 0.02) * m;
                    while (first > 0 && fabs(b->h[first - 1].v - m) <= tol)
                        first--;
                    int64_t from = b->h[first].st;
                    rule_format_hm(from, hm2, sizeof hm2);
                    rule_hit *h = hit(k, RULE_VARIANCE_COLLAPSE, from, st, 0);
                    if (h) {
                        evidence_en(h->en, sizeof h->en, EV_FLAT, name_en(cd), num(m, a, sizeof a),
                                    cd->unit, hm2, cv * 100, bcv * 100);
                        evidence_zh(h->zh, sizeof h->zh, EV_FLAT, name_zh(cd), hm2, a, cd->unit,
                                    cv * 100, bcv * 100);
                    }
                }
                anomalous = 1;
            } else if (cv > 0.6 * bcv) {
                b->collapse_sent = 0;
            }
        }
    }
    k->measured = 1;
    if (!anomalous && !b->dec_count && learning(s, k->time)) {
        if (window_cv >= 0) ewma_add(&b->wcv, window_cv, 0.1);
        /* slower upward: a real upset does not make its own end look like a fall */
        ewma_add(&b->base, v, v > b->base.mean ? 0.02 : 0.05);
        int hr = local_hour(st);
        double ha = v > b->hmean[hr] ? 0.1 : 0.2;
        b->hmean[hr] = b->hn[hr] ? b->hmean[hr] + ha * (v - b->hmean[hr]) : v;
        b->hn[hr]++;
    }
}

/* ---- flags ---- */

static void new_flag(sink *k, int ci, char flag, int64_t t)
{
    rule_station *s = k->s;
    analyzer *b = &s->b[ci];
    char old = b->flag;
    b->flag = flag;
    if (flag == old) return;
    if (flag == 'N') {
        b->flag_sent = 0;
        return;
    }
    if (flag == 'T' && s->treat_t && !s->rise_sent) {
        /* over the analyzer's range while treatment is off: the rise, as high as it reads */
        s->rise_sent = 1;
        rule_hit *h = hit(k, RULE_CONC_RISE, s->treat_t, t, 0);
        if (h) {
            char hm0[8];
            rule_format_hm(t, hm0, sizeof hm0);
            evidence_en(h->en, sizeof h->en, EV_OVER_RANGE, name_en(&CODES[ci]), hm0);
            evidence_zh(h->zh, sizeof h->zh, EV_OVER_RANGE, name_zh(&CODES[ci]), hm0);
        }
        return;
    }
    if (flag != 'M' && flag != 'D' && flag != 'C') return;
    /* a flag episode: judged an hour later (a work order may be filed during the job) */
    if (b->fl_state == 1) return; /* M -> D within one episode */
    b->fl_state = 1;
    b->fl_flag = flag;
    b->fl_start = t;
    b->fl_end = 0;
    b->fl_over_t = 0;
    b->fl_after = b->last_exceed && t - b->last_exceed_at <= s->cfg.flag_window_min * MIN_MS &&
                  t >= b->last_exceed;
}

/* The flagged values of an episode (the DAU still sends them) and its judgement. */
static void flag_tick(sink *k, int ci, char flag, double v, int64_t t)
{
    rule_station *s = k->s;
    analyzer *b = &s->b[ci];
    if (b->fl_state != 1) return;
    const code_def *cd = &CODES[ci];
    double limit = rule_cfg_limit(&s->cfg, cd->code);
    int flagged = flag == 'M' || flag == 'D' || flag == 'C';
    if (flagged && limit > 0 && v > limit && !b->fl_over_t) {
        b->fl_over_t = t;
        b->fl_over_v = v;
    }
    if (!flagged && !b->fl_end) b->fl_end = t;
    int64_t end = b->fl_end ? b->fl_end : t;
    if (t - b->fl_start < 60 * MIN_MS) return;
    /* what the platform knew when it judges (an hour in): an order filed later, e.g. the
     * next day to cover the flags, does not count even when a replay has it already */
    if (covered_known(s, b->fl_start, WO_MARGIN, t)) {
        b->fl_state = 2;
        return;
    }
    static const evidence_id meaning[] = {EV_FLAG_M, EV_FLAG_D, EV_FLAG_C};
    char f = b->fl_flag;
    int w = f == 'M' ? 0 : f == 'D' ? 1 : 2;
    char hm[8], hm2[8], a[32], lim[32];
    rule_format_hm(b->fl_start, hm, sizeof hm);
    num(limit, lim, sizeof lim);
    if (b->fl_after || b->fl_over_t) {
        /* right after a value over the limit, or hiding values over it: the false flag */
        b->fl_state = 2;
        int64_t from = b->fl_after ? b->last_exceed : b->fl_start;
        rule_hit *h = hit(k, RULE_FLAG_AFTER_EXCEED, from, end, 1);
        if (!h) return;
        if (b->fl_after) {
            rule_format_hm(b->last_exceed, hm2, sizeof hm2);
            evidence_en(h->en, sizeof h->en, EV_FLAG_AFTER_EXCEED, name_en(cd), f,
                        evidence_word_en(meaning[w]), hm,
                        (long long)((b->fl_start - b->last_exceed) / MIN_MS),
                        num(b->last_exceed_v, a, sizeof a), cd->unit, lim, hm2);
            evidence_zh(h->zh, sizeof h->zh, EV_FLAG_AFTER_EXCEED, name_zh(cd), hm, f,
                        evidence_word_zh(meaning[w]), hm2, a, cd->unit, lim,
                        (long long)((b->fl_start - b->last_exceed) / MIN_MS));
        } else {
            rule_format_hm(b->fl_over_t, hm2, sizeof hm2);
            evidence_en(h->en, sizeof h->en, EV_FLAG_OVER_LIMIT, name_en(cd), f,
                        evidence_word_en(meaning[w]), hm, num(b->fl_over_v, a, sizeof a), cd->unit,
                        lim, hm2);
            evidence_zh(h->zh, sizeof h->zh, EV_FLAG_OVER_LIMIT, name_zh(cd), hm, f,
                        evidence_word_zh(meaning[w]), hm2, a, cd->unit, lim);
        }
        return;
    }
    /* a maintenance or calibration flag with no order; a fault flag only when it lasts (an
     * analyzer fault is honest, hours of it with nobody sent are not) */
    int64_t mins = (end - b->fl_start) / MIN_MS;
    if (f == 'D' && mins < 240) {
        if (b->fl_end) b->fl_state = 2; /* ended short */
        return;
    }
    b->fl_state = 2;
    rule_hit *h = hit(k, RULE_FLAG_WITHOUT_ORDER, b->fl_start, end, 0);
    if (!h) return;
    if (f == 'D') {
        evidence_en(h->en, sizeof h->en, EV_FLAG_FAULT_LASTING, name_en(cd), f,
                    evidence_word_en(meaning[w]), hm, (long long)mins);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_FAULT_LASTING, name_zh(cd), hm, f,
                    evidence_word_zh(meaning[w]), (long long)mins);
    } else {
        evidence_en(h->en, sizeof h->en, EV_FLAG_WITHOUT_ORDER, name_en(cd), f,
                    evidence_word_en(meaning[w]), hm);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_WITHOUT_ORDER, name_zh(cd), hm, f,
                    evidence_word_zh(meaning[w]));
    }
}

/* ---- one real-time record (2011) ---- */

static int parse_num(const char *v, double *out)
{
    char *end = NULL;
    double d = strtod(v, &end);
    if (end == v || *end != '\0' || !isfinite(d)) return -1;
    *out = d;
    return 0;
}

static meter *meter_get(rule_station *s, const char *code)
{
    for (size_t i = 0; i < s->nm; i++)
        if (strcmp(s->m[i].code, code) == 0) return &s->m[i];
    if (s->nm == NMETER) return NULL;
    meter *m = &s->m[s->nm++];
    snprintf(m->code, sizeof m->code, "%s", code);
    m->prod = 0;
    for (size_t i = 0; i < s->cfg.nprod; i++)
        if (strcmp(s->cfg.prod[i], code) == 0) m->prod = 1;
    m->rs = -1;
    return m;
}

static void camera_value(sink *k, int cam, int what, double v, int64_t t)
{
    rule_station *s = k->s;
    double old = s->cam[cam][what];
    s->cam[cam][what] = v;
    const evidence_id camera = cam == 1 ? EV_CAMERA_STATION : EV_CAMERA_OUTFALL;
    char hm[8], en[RULE_TEXT], zh[RULE_TEXT];
    rule_format_hm(t, hm, sizeof hm);
    rule_id id = RULE__COUNT;
    int on = 0, was = 0;
    switch (what) {
    case 1:
        id = RULE_CAMERA_MOVED;
        on = fabs(v) >= s->cfg.camera_dev_deg;
        was = fabs(old) >= s->cfg.camera_dev_deg;
        evidence_en(en, sizeof en, EV_CAMERA_MOVED, evidence_word_en(camera), v, hm);
        evidence_zh(zh, sizeof zh, EV_CAMERA_MOVED, evidence_word_zh(camera), hm, v);
        break;
    case 2:
        id = RULE_PERSON_SEEN;
        on = v >= 1;
        was = old >= 1;
        evidence_en(en, sizeof en, EV_PERSON_SEEN, evidence_word_en(camera), v, hm);
        evidence_zh(zh, sizeof zh, EV_PERSON_SEEN, evidence_word_zh(camera), hm, v);
        break;
    case 3:
        id = RULE_VIDEO_LOSS;
        on = v >= 1;
        was = old >= 1;
        evidence_en(en, sizeof en, EV_VIDEO_LOSS, evidence_word_en(camera), hm);
        evidence_zh(zh, sizeof zh, EV_VIDEO_LOSS, evidence_word_zh(camera), hm);
        break;
    case 4:
        id = RULE_CAMERA_COVERED;
        on = v >= 1;
        was = old >= 1;
        evidence_en(en, sizeof en, EV_CAMERA_COVERED, evidence_word_en(camera), hm);
        evidence_zh(zh, sizeof zh, EV_CAMERA_COVERED, evidence_word_zh(camera), hm);
        break;
    case 5:
        id = RULE_SCENE_CHANGE;
        on = v >= s->cfg.scene_score;
        was = old >= s->cfg.scene_score;
        evidence_en(en, sizeof en, EV_SCENE_CHANGE, evidence_word_en(camera), v, hm);
        evidence_zh(zh, sizeof zh, EV_SCENE_CHANGE, evidence_word_zh(camera), hm, v);
        break;
    default:
        return;
    }
    if (on && !was)
        context_text(k, context(k, id, cam, t, id != RULE_PERSON_SEEN), en, zh);
    else if (!on && was)
        context_end(s, id, cam, t);
}

static void door_event(sink *k, int64_t t, const char *text)
{
    char hm[8], en[RULE_TEXT], zh[RULE_TEXT];
    rule_format_hm(t, hm, sizeof hm);
    const char *card = NULL;
    for (const char *p = text ? strstr(text, "card ") : NULL; p; p = strstr(p + 5, "card "))
        if (p[5] >= '0' && p[5] <= '9') card = p;
    if (text && strstr(text, "closed")) return;
    if (text && strstr(text, "forced")) {
        evidence_en(en, sizeof en, EV_DOOR_FORCED, hm);
        evidence_zh(zh, sizeof zh, EV_DOOR_FORCED, hm);
    } else if (card) {
        unsigned long n = strtoul(card + 5, NULL, 10);
        evidence_en(en, sizeof en, EV_DOOR_CARD, hm, n);
        evidence_zh(zh, sizeof zh, EV_DOOR_CARD, hm, n);
    } else {
        evidence_en(en, sizeof en, EV_DOOR_OPENED, hm);
        evidence_zh(zh, sizeof zh, EV_DOOR_OPENED, hm);
    }
    context_text(k, context(k, RULE_DOOR_ENTRY, 0, t, 0), en, zh);
}

/* Conductivity stepping toward tap water within minutes: water piped into the channel
 * (dilution, also rain) — a day's pattern moves it over hours. The step stands while the
 * conductivity stays at least half way down it. */
static void cond_step(rule_station *s, int64_t t)
{
    if (!s->have[C_COND]) return;
    double cv = s->last[C_COND], tap = s->cfg.tap_cond;
    if (s->cstep_t && cv > s->cstep_pre - 0.5 * (s->cstep_pre - s->cstep_post)) s->cstep_t = 0;
    s->cr[s->ci] = cv;
    s->ci = (s->ci + 1) % 24;
    if (s->cn < 24) s->cn++;
    if (s->cn < 24) return;
    /* the last 3 samples against samples 10..20 before now */
    double now = 0, m = 0, sd = 0;
    for (size_t i = 0; i < 3; i++)
        now += s->cr[(s->ci + 24 - 1 - i) % 24];
    now /= 3;
    for (size_t i = 10; i < 21; i++)
        m += s->cr[(s->ci + 24 - 1 - i) % 24];
    m /= 11;
    for (size_t i = 10; i < 21; i++) {
        double d = s->cr[(s->ci + 24 - 1 - i) % 24] - m;
        sd += d * d;
    }
    sd = sqrt(sd / 10);
    if (m - tap < 1) return;
    double drop = m - now;
    if (drop >= 0.05 * (m - tap) && drop >= 6 * sd && (!s->cstep_t || now < s->cstep_post)) {
        if (!s->cstep_t) {
            s->cstep_t = t;
            s->cstep_pre = m;
        }
        s->cstep_post = now;
    }
}

static void minute_rules(sink *k, int64_t t, int64_t dt_ms)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    double prod = 0, prod_base = 0;
    int nprod = 0;
    for (size_t i = 0; i < s->nm; i++)
        if (s->m[i].prod) {
            prod += s->m[i].last;
            prod_base += s->m[i].base.mean;
            nprod++;
        }
    int warmed = s->minutes >= c->warmup_minutes;
    int producing = nprod && prod_base > 1 && prod >= c->prod_on_frac * prod_base;
    int covered = rule_station_covered(s, t, WO_MARGIN);
    double q = s->last[C_FLOW];
    char hm[8], a[32], bb[32], cc[32];
    if (producing) {
        if (!s->prod_since) s->prod_since = t;
    } else {
        s->prod_since = 0;
    }
    int steady = producing && t - s->prod_since >= c->prod_steady_min * MIN_MS;
    /* the last 30 samples before now (ring), for the flow's recent level and spread */
    double rm = 0, rs = 0;
    size_t rn = s->nr < 30 ? s->nr : 30;
    for (size_t i = 0; i < rn; i++)
        rm += s->rq[(s->ri + 60 - 1 - i) % 60];
    if (rn) {
        rm /= (double)rn;
        for (size_t i = 0; i < rn; i++) {
            size_t j = (s->ri + 60 - 1 - i) % 60;
            rs += (s->rq[j] - rm) * (s->rq[j] - rm);
        }
        rs = rn > 1 ? sqrt(rs / (double)(rn - 1)) : 0;
    }
    /* flow deficit: flow far below what production implies — per ampere overall, or at this
     * hour of day once learned if lower, else the lowest hourly ratio seen (a day's pattern
     * is no deficit) */
    int hr0 = local_hour(t);
    double er = s->ratio.mean;
    if (s->rhn[hr0] >= 30) {
        if (s->rh[hr0] < er) er = s->rh[hr0];
    } else {
        for (int h = 0; h < 24; h++)
            if (s->rhn[h] >= 30 && s->rh[h] < er) er = s->rh[h];
    }
    int below_hour = s->fhn[hr0] < 10 || q < c->flow_deficit_ratio * s->fhour[hr0];
    if (warmed && s->have[C_FLOW] && steady && s->ratio.n > 60 && below_hour &&
        q < c->flow_deficit_ratio * er * prod) {
        if (!s->deficit_t) {
            s->deficit_t = t;
            s->def_sum = s->def_sq = s->def_n = 0;
            if (!s->step_t) {
                s->pre_mean = rm;
                s->pre_sd = rs;
            } else { /* it began with the step */
                s->pre_mean = s->step_pre;
                s->pre_sd = s->step_presd;
            }
        }
        s->def_sum += q;
        s->def_sq += q * q;
        s->def_n += 1;
        int64_t mins = (t - s->deficit_t) / MIN_MS;
        int lvl = mins >= c->flow_deficit_red_min ? 2 : mins >= c->flow_deficit_min ? 1 : 0;
        if (lvl > s->deficit_level && !covered) {
            s->deficit_level = lvl;
            rule_hit *h = hit(k, RULE_FLOW_DEFICIT, s->deficit_t, t, lvl == 2);
            if (h) {
                double expect = er * prod;
                double m = s->def_sum / s->def_n;
                double sd = sqrt(fmax(0, s->def_sq / s->def_n - m * m));
                double mr = s->pre_mean > 0 ? m / s->pre_mean : 0;
                double sr = s->pre_sd > 0 ? sd / s->pre_sd : 1;
                h->variant = fabs(sr - mr) < fabs(sr - 1); /* scaled: the meter */
                rule_format_hm(s->deficit_t, hm, sizeof hm);
                evidence_en(h->en, sizeof h->en, EV_FLOW_DEFICIT, num(m, a, sizeof a),
                            num(expect, bb, sizeof bb), num(prod, cc, sizeof cc), hm,
                            (long long)mins);
                evidence_zh(h->zh, sizeof h->zh, EV_FLOW_DEFICIT, hm, a, cc, bb, (long long)mins);
            }
        }
    } else if (s->deficit_t) {
        s->deficit_t = 0;
        s->deficit_level = 0;
    } else if (s->have[C_FLOW] && steady && learning(s, k->time) && q > 0) {
        ewma_add(&s->ratio, q / prod, 0.01);
        s->rh[hr0] = s->rhn[hr0] ? s->rh[hr0] + 0.05 * (q / prod - s->rh[hr0]) : q / prod;
        s->rhn[hr0]++;
    }
    /* a step down of the flow while production holds: the meter or an outlet opened (no
     * ratio needed: caught even before one is learned). Against the level of the last 3
     * samples (a flow ramping with the day has left its half-hour mean behind), most of the
     * fall within the last 5 minutes: a step, not a decline over the half hour. */
    double q2 = q, r3 = 0;
    for (size_t i = 1; i <= 5 && i <= rn; i++)
        if (s->rq[(s->ri + 60 - i) % 60] > q2) q2 = s->rq[(s->ri + 60 - i) % 60];
    double p5 = 0; /* production of the last 5 samples: it holds across the step */
    for (size_t i = 1; i <= 3 && i <= rn; i++)
        r3 += s->rq[(s->ri + 60 - i) % 60] / (double)(rn < 3 ? rn : 3);
    for (size_t i = 1; i <= 5 && i <= rn; i++)
        p5 += s->rp[(s->ri + 60 - i) % 60] / (double)(rn < 5 ? rn : 5);
    if (s->have[C_FLOW] && steady && rn >= 10 && !s->step_t && !s->step_sent && r3 > 0 &&
        q < (1 - c->flow_step) * r3 && q2 - q >= 0.6 * (r3 - q) && fabs(prod - p5) <= 0.15 * p5 &&
        !covered) {
        s->step_t = t;
        s->step_pre = r3;
        s->step_first = q;
        /* the flow was rising with the day's pattern: it would have gone on rising */
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        size_t sn = rn < 10 ? rn : 10; /* the last 10 minutes' trend */
        for (size_t i = 1; i <= sn; i++) {
            double x = -(double)i, y = s->rq[(s->ri + 60 - i) % 60];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = (double)sn * sxx - sx * sx;
        s->step_slope = den > 0 ? fmax(0, ((double)sn * sxy - sx * sy) / den) : 0;
        s->step_presd = rs;
        s->step_sum = s->step_sq = 0;
        s->step_n = 0;
    }
    if (s->step_t) {
        s->step_sum += q;
        s->step_sq += q * q;
        s->step_n++;
        double m = s->step_sum / s->step_n;
        int short_of = s->ratio.n <= 240 || m < (1 - c->flow_step / 2) * er * prod;
        double pre = s->step_pre + s->step_slope * (s->step_n + 1) / 2.0;
        if (m >= (1 - c->flow_step / 2) * pre || !producing || (s->step_n >= 30 && !short_of)) {
            s->step_t = 0; /* it came back: a fluctuation */
        } else if (s->step_n >= 30 && !s->step_sent) {
            s->step_sent = 1;
            double sd = sqrt(fmax(0, s->step_sq / s->step_n - m * m));
            double mr = m / pre, sr = s->step_presd > 0 ? sd / s->step_presd : 1;
            rule_hit *h = hit(k, RULE_FLOW_STEP, s->step_t, t, 0);
            if (h) {
                h->variant = fabs(sr - mr) < fabs(sr - 1);
                rule_format_hm(s->step_t, hm, sizeof hm);
                char dd[32];
                evidence_en(h->en, sizeof h->en, EV_FLOW_STEP, num(s->step_pre, a, sizeof a),
                            num(s->step_first, bb, sizeof bb), hm, num(prod, cc, sizeof cc),
                            num(m, dd, sizeof dd), (mr - 1) * 100);
                evidence_zh(h->zh, sizeof h->zh, EV_FLOW_STEP, hm, a, bb, cc, dd, (mr - 1) * 100);
            }
        }
    }
    if (s->step_sent && !s->step_t && rn && q >= 0.8 * s->step_pre) s->step_sent = 0;
    if (s->step_sent && s->step_t && q >= 0.8 * s->step_pre) {
        s->step_t = 0;
        s->step_sent = 0;
    }
    cond_step(s, t);
    if (s->have[C_FLOW]) {
        s->rq[s->ri] = q;
        s->rp[s->ri] = prod;
        s->ri = (s->ri + 1) % 60;
        if (s->nr < 60) s->nr++;
    }
    /* treatment stopped (or run at part load: its current far under usual while the flow it
     * treats is not low — pumps follow the flow) while production runs */
    int off = 0, part = 0;
    const meter *offm = NULL;
    int flow_ok =
        steady && (!s->have[C_FLOW] || (s->ratio.n > 60 && q >= 0.7 * s->ratio.mean * prod));
    int rs_only = 0; /* a facility reports itself stopped (2021 running state): no history needed */
    for (size_t i = 0; i < s->nm; i++) {
        const meter *m = &s->m[i];
        if (m->prod) continue;
        if (m->rs == 0 && m->last < 0.5 && steady && (m->base.n <= 30 || m->base.mean <= 1)) {
            if (!off) rs_only = 1;
            off = 1;
            offm = m;
            continue;
        }
        if (m->base.n <= 30 || m->base.mean <= 1) continue;
        if (m->last < c->treat_off_frac * m->base.mean) {
            rs_only = 0;
            off = 1;
            offm = m;
        } else if (!off && flow_ok && m->last < c->treat_low_frac * m->base.mean) {
            part = 1;
            offm = m;
        }
    }
    if (off) part = 0;
    if ((warmed || rs_only) && (off || part) && producing) {
        if (!s->treat_t) s->treat_t = t;
        int64_t mins = (t - s->treat_t) / MIN_MS;
        /* part load is one data anomaly (yellow); a concentration rise corroborates it */
        int lvl = mins >= c->treat_red_min && off ? 2 : mins >= c->treat_min ? 1 : 0;
        if (lvl > s->treat_level && !covered) {
            s->treat_level = lvl;
            rule_hit *h = hit(k, RULE_TREATMENT_OFF, s->treat_t, t, lvl == 2);
            if (h && rs_only) { /* no usual current known yet: the facility says it */
                rule_format_hm(s->treat_t, hm, sizeof hm);
                evidence_en(h->en, sizeof h->en, EV_TREATMENT_STATE_OFF, offm->code,
                            num(offm->last, a, sizeof a), num(prod, cc, sizeof cc), hm,
                            (long long)mins);
                evidence_zh(h->zh, sizeof h->zh, EV_TREATMENT_STATE_OFF, hm, offm->code, a, cc,
                            (long long)mins);
            } else if (h) {
                rule_format_hm(s->treat_t, hm, sizeof hm);
                evidence_en(h->en, sizeof h->en, EV_TREATMENT_OFF, offm->code,
                            num(offm->last, a, sizeof a), num(offm->base.mean, bb, sizeof bb),
                            num(prod, cc, sizeof cc), hm, (long long)mins,
                            offm->rs == 0 ? evidence_word_en(EV_RUNNING_STATE_OFF) : "");
                evidence_zh(h->zh, sizeof h->zh, EV_TREATMENT_OFF, hm, offm->code, a, bb, cc,
                            (long long)mins,
                            offm->rs == 0 ? evidence_word_zh(EV_RUNNING_STATE_OFF) : "");
            }
        }
    } else if (!off && !part) {
        s->treat_t = 0;
        s->treat_level = 0;
        s->rise_sent = 0;
    }
    /* night flow */
    int hr = local_hour(t);
    int night = c->night_start_h > c->night_end_h ? (hr >= c->night_start_h || hr < c->night_end_h)
                                                  : (hr >= c->night_start_h && hr < c->night_end_h);
    double fb = 0;
    if (s->fhn[hr] >= 10) {
        fb = s->fhour[hr];
    } else { /* the night hours learned so far */
        double sum = 0;
        int n = 0;
        for (int h = 0; h < 24; h++) {
            int nh = c->night_start_h > c->night_end_h
                         ? (h >= c->night_start_h || h < c->night_end_h)
                         : (h >= c->night_start_h && h < c->night_end_h);
            if (nh && s->fhn[h] >= 10) {
                sum += s->fhour[h];
                n++;
            }
        }
        fb = n ? sum / n : 0;
    }
    /* more than the production explains (of the last hour: a tank drains for a while after
     * production stops), and not a trickle */
    double pmax = prod;
    for (size_t i = 0; i < s->nr; i++)
        if (s->rp[i] > pmax) pmax = s->rp[i];
    int unexplained = !nprod || s->ratio.n <= 60 || q > 1.5 * s->ratio.mean * pmax;
    if (warmed && night && fb > 0 && q > c->night_flow_ratio * fb && unexplained &&
        q - fb >= c->night_excess * ref_of(s, C_FLOW)) {
        if (!s->night_t) s->night_t = t;
        if (!s->night_sent && t - s->night_t >= c->night_minutes * MIN_MS && !covered) {
            s->night_sent = 1;
            rule_hit *h = hit(k, RULE_NIGHT_FLOW, s->night_t, t, 0);
            if (h) {
                rule_format_hm(s->night_t, hm, sizeof hm);
                evidence_en(h->en, sizeof h->en, EV_NIGHT_FLOW, num(q, a, sizeof a), hm, q / fb,
                            num(fb, bb, sizeof bb));
                evidence_zh(h->zh, sizeof h->zh, EV_NIGHT_FLOW, hm, a, bb, q / fb);
            }
        }
    } else {
        s->night_t = 0;
        s->night_sent = 0;
    }
    /* baselines of the continuous signals */
    if (t / HOUR_MS != s->snap_hour) {
        s->snap_hour = t / HOUR_MS;
        if (s->nsnap == 4) {
            memmove(s->snap, s->snap + 1, 3 * sizeof s->snap[0]);
            s->nsnap--;
        }
        for (size_t i = 0; i < NCODES; i++)
            s->snap[s->nsnap][i] = s->cont[i].mean;
        s->nsnap++;
    }
    if (learning(s, k->time)) {
        for (int i = C_FLOW; i < (int)NCODES; i++)
            if (s->have[i]) ewma_add(&s->cont[i], s->last[i], 0.01);
        if (s->have[C_FLOW]) {
            s->fhour[hr] = s->fhn[hr] ? s->fhour[hr] + 0.02 * (q - s->fhour[hr]) : q;
            s->fhn[hr]++;
        }
        for (size_t i = 0; i < s->nm; i++)
            if (s->m[i].last > 0.5 || s->m[i].base.n == 0)
                ewma_add(&s->m[i].base, s->m[i].last, 0.01);
    }
    s->minutes += dt_ms / MIN_MS > 0 ? dt_ms / MIN_MS : 1;
}

/* Holes in the real-time data that no backfill fills. */
static void gap_rules(sink *k, int64_t t)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    if (s->gap_a && t > s->gap_a && t < s->gap_b) {
        s->gap_fill++;
        return;
    }
    if (s->last_rt && t > s->last_rt) {
        int64_t d = t - s->last_rt;
        if (s->rt_int && !s->gap_a && d > (int64_t)(c->gap_intervals * (double)s->rt_int) &&
            d >= c->gap_min_minutes * MIN_MS) {
            s->gap_a = s->last_rt;
            s->gap_b = t;
            s->gap_fill = 0;
        } else if (!s->rt_int || d < s->rt_int) {
            if (d >= 1000) s->rt_int = d;
        }
    }
    if (s->gap_a && t >= s->gap_b + c->gap_grace_min * MIN_MS) {
        int64_t a = s->gap_a, b = s->gap_b;
        s->gap_a = s->gap_b = 0;
        double expect = s->rt_int ? (double)(b - a) / (double)s->rt_int - 1 : 1;
        if ((double)s->gap_fill >= 0.5 * expect || rule_station_covered(s, a, WO_MARGIN)) return;
        /* over the limit next to it? */
        int near = -1;
        double nv = 0;
        for (int i = 0; i < NBATCH; i++) {
            const analyzer *bt = &s->b[i];
            double lim = rule_cfg_limit(c, CODES[i].code);
            if (lim <= 0) continue;
            for (size_t j = 0; j < bt->nh; j++) {
                const meas *m = &bt->h[j];
                if (m->st >= a - 2 * HOUR_MS && m->st <= b + 2 * HOUR_MS &&
                    m->v >= c->gap_near_limit * lim && m->v > nv) {
                    near = i;
                    nv = m->v;
                }
            }
        }
        char ha[8], hb[8], x[32], y[32];
        rule_format_hm(a, ha, sizeof ha);
        rule_format_hm(b, hb, sizeof hb);
        double hours = (double)(b - a) / HOUR_MS;
        rule_hit *h = hit(k, near >= 0 ? RULE_GAP_AT_EXCEEDANCE : RULE_DATA_GAP, a, b, near >= 0);
        if (!h) return;
        if (near >= 0) {
            num(nv, x, sizeof x);
            num(rule_cfg_limit(c, CODES[near].code), y, sizeof y);
            evidence_en(h->en, sizeof h->en, EV_GAP_NEAR_LIMIT, ha, hb, hours,
                        name_en(&CODES[near]), x, CODES[near].unit, y);
            evidence_zh(h->zh, sizeof h->zh, EV_GAP_NEAR_LIMIT, ha, hb, hours,
                        name_zh(&CODES[near]), x, CODES[near].unit, y);
        } else {
            evidence_en(h->en, sizeof h->en, EV_GAP, ha, hb, hours);
            evidence_zh(h->zh, sizeof h->zh, EV_GAP, ha, hb, hours);
        }
    }
}

/* Records arriving long after their DataTime: the link was down and the DAU backfills.
 * Honest by itself (the data is complete); reported so that fusion can weigh what the
 * backfilled hours hold (stopped analyzers, values near the limit, a door before it). */
static void outage_rules(sink *k, int64_t t, int64_t arrived)
{
    rule_station *s = k->s;
    const rule_cfg *c = &s->cfg;
    int64_t late = arrived - t;
    if (late > c->gap_min_minutes * MIN_MS) {
        if (!s->outage_t) s->outage_t = t;
        if (t > s->outage_end) s->outage_end = t;
        return;
    }
    if (!s->outage_t || late > 2 * MIN_MS) return;
    int64_t a = s->outage_t, b = s->outage_end;
    s->outage_t = s->outage_end = 0;
    if (b - a < c->gap_min_minutes * MIN_MS) return;
    int near = -1;
    double nv = 0;
    for (int i = 0; i < NBATCH; i++) {
        const analyzer *bt = &s->b[i];
        double lim = rule_cfg_limit(c, CODES[i].code);
        if (lim <= 0) continue;
        for (size_t j = 0; j < bt->nh; j++)
            if (bt->h[j].st >= a - 2 * HOUR_MS && bt->h[j].st <= b + 2 * HOUR_MS &&
                bt->h[j].v >= c->gap_near_limit * lim && bt->h[j].v > nv) {
                near = i;
                nv = bt->h[j].v;
            }
    }
    rule_hit *h = hit(k, RULE_LINK_OUTAGE, a, b, 0); /* backfilled: the values are there */
    if (!h) return;
    char ha[8], hb[8], x[32];
    rule_format_hm(a, ha, sizeof ha);
    rule_format_hm(b, hb, sizeof hb);
    double hours = (double)(b - a) / HOUR_MS;
    if (near >= 0) {
        num(nv, x, sizeof x);
        evidence_en(h->en, sizeof h->en, EV_OUTAGE_NEAR_LIMIT, ha, hb, hours, name_en(&CODES[near]),
                    x, CODES[near].unit);
        evidence_zh(h->zh, sizeof h->zh, EV_OUTAGE_NEAR_LIMIT, ha, hb, hours, name_zh(&CODES[near]),
                    x, CODES[near].unit);
    } else {
        evidence_en(h->en, sizeof h->en, EV_OUTAGE, ha, hb, hours);
        evidence_zh(h->zh, sizeof h->zh, EV_OUTAGE, ha, hb, hours);
    }
}

static void stall_rules(sink *k, int64_t t)
{
    rule_station *s = k->s;
    for (int i = 0; i < NBATCH; i++) {
        analyzer *b = &s->b[i];
        /* N: the value stands while "measuring"; F: the analyzer was stopped (standby)
         * and its last value left standing, without a work order */
        if (!b->seen || !b->cycle || (b->flag != 'N' && b->flag != 'F') || b->stall_sent ||
            !b->st_changed)
            continue;
        if (t - b->st_changed <= (int64_t)(s->cfg.stall_cycles * (double)b->cycle)) continue;
        if (rule_station_covered(s, t, WO_MARGIN)) continue;
        b->stall_sent = 1;
        rule_hit *h = hit(k, RULE_SAMPLETIME_STALLED, b->last_st, t, 0);
        if (!h) continue;
        char hm[8];
        rule_format_hm(b->last_st, hm, sizeof hm);
        double hrs = (double)(t - b->last_st) / HOUR_MS;
        if (b->flag == 'F') {
            const char *last = b->nh ? b->h[b->nh - 1].raw : "?";
            evidence_en(h->en, sizeof h->en, EV_ANALYZER_STOPPED, name_en(&CODES[i]), last,
                        CODES[i].unit, hm, hrs);
            evidence_zh(h->zh, sizeof h->zh, EV_ANALYZER_STOPPED, name_zh(&CODES[i]), hm, last,
                        CODES[i].unit, hrs);
        } else {
            evidence_en(h->en, sizeof h->en, EV_SAMPLETIME_STALLED, name_en(&CODES[i]), hm, hrs);
            evidence_zh(h->zh, sizeof h->zh, EV_SAMPLETIME_STALLED, name_zh(&CODES[i]), hm, hrs);
        }
    }
}

static void feed_rtd(sink *k, const rule_record *r)
{
    rule_station *s = k->s;
    int64_t t = r->datatime;
    if (t < 0) return;
    outage_rules(k, t, r->arrived);
    if (s->last_rt && t <= s->last_rt) { /* late (backfilled) record: fills a hole only */
        gap_rules(k, t);
        return;
    }
    gap_rules(k, t);
    int64_t dt = s->last_rt ? t - s->last_rt : 0;
    /* continuous values, currents, cameras, door */
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->field, "Rtd") != 0) continue;
        double v = 0;
        if (parse_num(f->value, &v) != 0) continue;
        int ci = code_index(f->code);
        if (ci >= C_FLOW) {
            if (f->flag && f->flag != 'N') continue;
            s->last[ci] = v;
            s->have[ci] = 1;
        } else if (strncmp(f->code, AUX_CUR, 3) == 0 && strlen(f->code) == 6) {
            meter *m = meter_get(s, f->code);
            if (m) m->last = v;
        } else if (strncmp(f->code, AUX_CAM, 2) == 0 && strlen(f->code) == 6) {
            int cam = f->code[2] - '0', what = f->code[5] - '0';
            if (cam >= 1 && cam <= 2 && what >= 1 && what <= 5) camera_value(k, cam, what, v, t);
        } else if (strcmp(f->code, AUX_DOOR) == 0) {
            int open = v >= 1;
            if (open && !s->door_open) door_event(k, t, NULL);
            s->door_open = open;
        }
    }
    /* batch values: new SampleTime = new measurement */
    for (int ci = 0; ci < NBATCH; ci++) {
        const rule_field *val = NULL;
        int64_t st = -1;
        for (size_t i = 0; i < r->n; i++) {
            if (strcmp(r->f[i].code, CODES[ci].code) != 0) continue;
            if (strcmp(r->f[i].field, "Rtd") == 0) val = &r->f[i];
            if (strcmp(r->f[i].field, "SampleTime") == 0) st = rule_parse_hj212_time(r->f[i].value);
        }
        if (!val) continue;
        analyzer *b = &s->b[ci];
        double v = 0;
        char flag = val->flag ? val->flag : 'N';
        if (parse_num(val->value, &v) != 0) continue;
        new_flag(k, ci, flag, t);
        flag_tick(k, ci, flag, v, t);
        /* no SampleTime: a changed value is a new measurement (against the last value sent,
         * flagged or not: a flag lifted is no measurement) */
        if (st < 0) st = (b->seen && b->last_v == v) ? b->last_st : t;
        b->last_v = v;
        if (!b->seen) {
            b->seen = 1;
            b->st_changed = t;
            b->last_st = st;
            if (flag == 'N') push_meas(b, st, v, val->value);
            continue;
        }
        if (st != b->last_st) new_measurement(k, ci, st, v, val->value, flag, t);
    }
    if (k->measured) {
        int drops = 0;
        for (int ci = 0; ci < NBATCH; ci++)
            drops += k->drop[ci];
        /* one analyzer fell: the cup — unless the channel's water moves toward tap water
         * (dilution: the other analyzers follow at their own cycles) */
        int probe = 0;
        if (drops == 1 && tap_move(s, &probe) >= s->cfg.toward_tap_min && probe) drops = 0;
        for (int ci = 0; ci < NBATCH && drops == 1; ci++)
            if (k->drop[ci]) emit_drop(k, ci);
        check_fall(k, t);
    }
    minute_rules(k, t, dt);
    stall_rules(k, t);
    s->last_rt = t;
}

static void feed_3020(sink *k, const rule_record *r)
{
    rule_station *s = k->s;
    int64_t t = r->datatime >= 0 ? r->datatime : s->now;
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->polid, AUX_DOOR) == 0) {
            if (strcmp(f->code, I_DOORLG) == 0) door_event(k, t, f->value);
            continue;
        }
        int ci = code_index(f->polid);
        if (ci < 0 || ci >= NBATCH) continue;
        analyzer *b = &s->b[ci];
        double v = 0;
        if (strcmp(f->code, I_STATE) == 0) {
            if (parse_num(f->value, &v) == 0 && v == 3.0 && t - b->calib_t > HOUR_MS) {
                b->calib_t = t; /* a calibration: watch the level after it */
                b->calib_shifted = 0;
                b->calib_pre = warm(s, b) ? base_of(b, t) : 0;
                b->calib_sum = 0;
                b->calib_n = 0;
            }
            continue;
        }
        if (strcmp(f->code, I_CALT) == 0) {
            int64_t ct = rule_parse_hj212_time(f->value);
            if (ct > 0 && b->calt && ct != b->calt && t - b->calib_t > HOUR_MS) {
                b->calib_t = t;
                b->calib_pre = warm(s, b) ? base_of(b, t) : 0;
                b->calib_sum = 0;
                b->calib_n = 0;
            }
            if (ct > 0) b->calt = ct;
            continue;
        }
        if (strncmp(f->code, "i13", 3) != 0 || parse_num(f->value, &v) != 0) continue;
        iparam *p = NULL;
        for (size_t j = 0; j < b->np; j++)
            if (strcmp(b->p[j].code, f->code) == 0) p = &b->p[j];
        if (!p) {
            if (b->np == NPARAM) continue;
            p = &b->p[b->np++];
            snprintf(p->code, sizeof p->code, "%s", f->code);
            p->reg = p->last = v; /* the first upload is the registered value */
            if (strcmp(f->code, "i13003") == 0 && v > 0 && v < 1e6)
                b->i13003 = (int64_t)(v * MIN_MS);
            continue;
        }
        double old = p->last;
        p->last = v;
        if (strcmp(f->code, "i13003") == 0 && v > 0 && v < 1e6) b->i13003 = (int64_t)(v * MIN_MS);
        if (fabs(v - p->reg) <= s->cfg.param_rel_tol * fmax(fabs(p->reg), 1e-9)) continue;
        if (rule_station_covered(s, t, WO_MARGIN)) {
            p->reg = v; /* changed under a work order: the new registered value */
            continue;
        }
        if (fabs(v - old) <= s->cfg.param_rel_tol * fmax(fabs(old), 1e-9)) continue; /* told */
        const char *en = f->code, *zh = f->code;
        for (size_t j = 0; j < NPARAMNAMES; j++)
            if (strcmp(PARAM_NAMES[j].code, f->code) == 0) {
                en = evidence_word_en(PARAM_NAMES[j].name);
                zh = evidence_word_zh(PARAM_NAMES[j].name);
            }
        /* slope or intercept set by a calibration (begun within 2 h, no work order): the
         * standard solution decides them — the calibration family, strong all the same */
        int by_cal = b->calib_t && t >= b->calib_t && t - b->calib_t <= 2 * HOUR_MS &&
                     (strcmp(f->code, "i13007") == 0 || strcmp(f->code, "i13008") == 0);
        if (by_cal) {
            p->reg = v;
            rule_hit *h = hit(k, RULE_CALIBRATION_SHIFT, b->calib_t, t, 1);
            if (h) {
                char hm[8], a[32], bb[32];
                rule_format_hm(b->calib_t, hm, sizeof hm);
                num(old, a, sizeof a);
                num(v, bb, sizeof bb);
                evidence_en(h->en, sizeof h->en, EV_CALIBRATION_SET, name_en(&CODES[ci]), en, a, bb,
                            f->code, hm);
                evidence_zh(h->zh, sizeof h->zh, EV_CALIBRATION_SET, name_zh(&CODES[ci]), zh, a, bb,
                            f->code, hm);
            }
            continue;
        }
        rule_hit *h = hit(k, RULE_PARAM_CHANGE, t, t, 1);
        if (h) {
            char hm[8], a[32], bb[32], cc[32];
            rule_format_hm(t, hm, sizeof hm);
            num(old, a, sizeof a);
            num(v, bb, sizeof bb);
            num(p->reg, cc, sizeof cc);
            evidence_en(h->en, sizeof h->en, EV_PARAM_CHANGE, name_en(&CODES[ci]), en, a, bb,
                        f->code, cc, hm);
            evidence_zh(h->zh, sizeof h->zh, EV_PARAM_CHANGE, name_zh(&CODES[ci]), zh, a, bb,
                        f->code, cc, hm);
        }
        if (!b->shift_t || t - b->shift_t > HOUR_MS) {
            b->shift_t = t;
            b->shift_pre = warm(s, b) ? base_of(b, t) : (b->nh ? b->h[b->nh - 1].v : 0);
            b->shift_sum = 0;
            b->shift_n = 0;
        }
    }
}

static void feed_hour(sink *k, const rule_record *r)
{
    rule_station *s = k->s;
    double avg = -1, cou = -1;
    char flag = 'N';
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strcmp(f->code, CODES[C_FLOW].code) != 0) continue;
        if (f->flag) flag = f->flag;
        if (strcmp(f->field, "Avg") == 0) parse_num(f->value, &avg);
        if (strcmp(f->field, "Cou") == 0) parse_num(f->value, &cou);
    }
    if (flag != 'N' || avg <= 0 || cou <= 1) return;
    double expect = avg * 3.6; /* L/s over an hour, m3 */
    if (fabs(cou - expect) / cou <= s->cfg.totalizer_tol) return;
    rule_hit *h = hit(k, RULE_TOTALIZER_MISMATCH, r->datatime, r->datatime + HOUR_MS, 0);
    if (!h) return;
    char hm[8], a[32], bb[32];
    rule_format_hm(r->datatime, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_TOTALIZER, hm, num(cou, a, sizeof a),
                num(expect, bb, sizeof bb));
    evidence_zh(h->zh, sizeof h->zh, EV_TOTALIZER, hm, a, bb);
}

static void feed_states(rule_station *s, const rule_record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const rule_field *f = &r->f[i];
        if (strncmp(f->code, "SB", 2) != 0 || strcmp(f->field, "RS") != 0) continue;
        int n = atoi(f->code + 2);
        char code[12];
        snprintf(code, sizeof code, "ea1%03d", n > 0 && n < 1000 ? n : 0);
        meter *m = meter_get(s, code);
        if (m) m->rs = atoi(f->value);
    }
}

size_t rule_station_feed(rule_station *s, const rule_record *r, rule_hit *out, size_t cap)
{
    if (r->arrived > s->now) s->now = r->arrived;
    sink k;
    memset(&k, 0, sizeof k);
    k.s = s;
    k.out = out;
    k.cap = cap;
    k.time = r->arrived; /* never before this record arrived */
    switch (r->cn) {
    case 2011:
        feed_rtd(&k, r);
        break;
    case 3020:
        feed_3020(&k, r);
        break;
    case 2061:
        feed_hour(&k, r);
        break;
    case 2021:
        feed_states(s, r);
        break;
    default:
        break;
    }
    return k.n;
}
