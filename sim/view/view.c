/*
 * view.c — the core of `hjrange view`: it drives a session (session.h) and keeps the model
 * of what is shown from what the session exposes — the platform's screen (monitor.h), the
 * stations as they are on site, the truth — the layout, and the input (view.h). No SDL
 * here.
 */
#include "view.h"

#include "clock.h"
#include "hjcode.h"
#include "hjfraud.h"
#include "session.h"
#include "view-gas.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { VIEW_PATH_MAX = 1100 };
#define VIEW_REFRESH_MS 250.0 /* model refresh at most this often (real) */

const double view_speeds[VIEW_NSPEEDS] = {1, 10, 60, 300, 600, 1800, 3600};

/* The series' codes: rows of the code table (proto/hjcode.h), and whether the series is
 * the converted value (ZsRtd) rather than the measured one (Rtd). */
static const struct {
    int code, zs;
} SERIES_CODE[VIEW_S__COUNT] = {
    [VIEW_S_COD] = {HJCODE_COD, 0},   [VIEW_S_NH3N] = {HJCODE_NH3N, 0},
    [VIEW_S_TP] = {HJCODE_TP, 0},     [VIEW_S_FLOW] = {HJCODE_FLOW, 0},
    [VIEW_S_COND] = {HJCODE_COND, 0}, [VIEW_S_PH] = {HJCODE_PH, 0},
    [VIEW_S_SO2] = {HJCODE_SO2, 0},   [VIEW_S_SO2_ZS] = {HJCODE_SO2, 1},
    [VIEW_S_NOX] = {HJCODE_NOX, 0},   [VIEW_S_NOX_ZS] = {HJCODE_NOX, 1},
    [VIEW_S_PM] = {HJCODE_PM, 0},     [VIEW_S_PM_ZS] = {HJCODE_PM, 1},
    [VIEW_S_NMHC] = {HJCODE_NMHC, 0}, [VIEW_S_NMHC_ZS] = {HJCODE_NMHC, 1},
    [VIEW_S_O2] = {HJCODE_O2, 0},     [VIEW_S_GFLOW] = {HJCODE_GAS_FLOW, 0}};
_Static_assert((int)VIEW_S__COUNT <= (int)MONITOR_MAX_SERIES, "every series on the monitor");

/* The monitor's name of series s: "CODE" (its Rtd) or "CODE-ZsRtd". */
static void series_code(int s, char *b, size_t n)
{
    snprintf(b, n, "%s%s", hjcode_at((size_t)SERIES_CODE[s].code)->code,
             SERIES_CODE[s].zs ? "-ZsRtd" : "");
}

#define TXT_EN(id, en, zh) [id] = en,
#define TXT_ZH(id, en, zh) [id] = zh,
static const char *const TXT[2][MSG__COUNT] = {
    {I18N_MESSAGES_VIEW(TXT_EN) I18N_MESSAGES_SCORE(TXT_EN)}, /* the score's: "unknown" type */
    {I18N_MESSAGES_VIEW(TXT_ZH) I18N_MESSAGES_SCORE(TXT_ZH)}};
#undef TXT_EN
#undef TXT_ZH

_Static_assert((int)VIEW_PKT_LINES <= (int)MONITOR_PACKETS &&
                   (int)VIEW_PKT_LEN <= (int)MONITOR_PACKET_TEXT,
               "the packet console within what the monitor keeps");

struct view {
    view_opts o;
    view_model m;
    session *ss;
    char out[VIEW_PATH_MAX];
    char findings_path[VIEW_PATH_MAX + 32];
    int64_t lab_delay;
    double last_refresh; /* wall ms */
    int dirty;           /* the simulation moved since the last refresh */
    int finding_seq;
    char err[1024];
};

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* A fraud type's name in the model's language: the catalogue's (proto/hjfraud.h). */
static const char *type_name(const view *v, const hjfraud *ft)
{
    return hjfraud_name(ft, v->m.lang == I18N_ZH);
}

enum { VIEW_MAX_TYPES = 64 };

/* The catalogue's types staged at the selected station's kind (hjfraud_at_kind: 'w'
 * wastewater, 'g' flue gas, 'v' VOCs), as catalogue indices in catalogue order: the
 * stage buttons and the finding dialog list them. Returns how many. */
static int fraud_types(const view_model *m, int *out)
{
    int kind = m->nst ? m->st[m->selected].kind : STATION_WATER;
    char k = kind == STATION_GAS ? 'g' : kind == STATION_VOCS ? 'v' : 'w';
    int n = 0;
    for (size_t i = 0; i < hjfraud_count() && n < VIEW_MAX_TYPES; i++)
        if (hjfraud_at_kind(hjfraud_at(i), k)) out[n++] = (int)i;
    return n;
}

/* Whether catalogue type i is staged at the selected station's kind. */
static int fraud_here(const view_model *m, int i)
{
    int t[VIEW_MAX_TYPES], n = fraud_types(m, t);
    for (int k = 0; k < n; k++)
        if (t[k] == i) return 1;
    return 0;
}

/* The type step places from catalogue type i in the selected station's list (wrapping). */
static int fraud_step(const view_model *m, int i, int step)
{
    int t[VIEW_MAX_TYPES], n = fraud_types(m, t), at = 0;
    if (n == 0) return i;
    for (int k = 0; k < n; k++)
        if (t[k] == i) at = k;
    return t[((at + step) % n + n) % n];
}

const char *view_type_label(const view *v, const char *type)
{
    const hjfraud *ft = hjfraud_find(type);
    if (ft) return type_name(v, ft);
    if (!type || strcmp(type, "unknown") == 0) return view_tr(v, MSG_SC_SCORE_T_TYPE_UNKNOWN);
    return type;
}

/* Bounded copy that does not cut a UTF-8 character. */
static void cpy(char *dst, size_t n, const char *src)
{
    size_t k = src ? strlen(src) : 0;
    if (n == 0) return;
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
            k--;
    }
    if (k) memmove(dst, src, k);
    dst[k] = '\0';
}

const char *view_tr(const view *v, i18n_msg id)
{
    if ((unsigned)id >= MSG__COUNT) return "?";
    const char *t = TXT[v->m.lang == I18N_ZH ? 1 : 0][id];
    return t ? t : "?";
}

const char *view_fraud_label(const view *v, int i)
{
    const hjfraud *ft = i >= 0 ? hjfraud_at((size_t)i) : NULL;
    return ft ? type_name(v, ft) : "?";
}

static void scen_log(void *ctx, int64_t t, const char *text)
{
    view *v = ctx;
    char ts[32];
    hjtime_format(t, ts, sizeof ts);
    snprintf(v->m.status, sizeof v->m.status, "[%s] %.120s", ts + 11, text);
}

/* ---- life ---- */

/* The session of a drill: the scenario through the real range and the in-process platform
 * with its engine, as `hjrange run` does, and the platform's screen for the model. */
static session *open_session(view *v, const view_opts *o, char *err, size_t errlen)
{
    static char names[VIEW_S__COUNT][24]; /* the monitor copies them */
    const char *codes[VIEW_S__COUNT];
    for (int s = 0; s < VIEW_S__COUNT; s++) {
        series_code(s, names[s], sizeof names[s]);
        codes[s] = names[s];
    }
    session_cfg sc;
    memset(&sc, 0, sizeof sc);
    sc.scenario = o->scenario;
    sc.lib_dir = o->lib_dir; /* NULL: picked as `hjrange run` does */
    sc.seed_set = o->seed_set;
    sc.seed = o->seed;
    sc.log = scen_log;
    sc.log_ctx = v;
    sc.out_dir = v->out;
    sc.detect = 1;
    sc.lang = v->m.lang == I18N_ZH ? "zh" : "en";
    sc.monitor = 1;
    sc.series_codes = codes;
    sc.n_series = VIEW_S__COUNT;
    sc.series_bins = VIEW_BINS;
    session *ss = session_open(&sc, NULL, err, errlen);
    if (ss && session_start(ss, NULL, err, errlen) != 0) {
        session_close(ss);
        ss = NULL;
    }
    return ss;
}

/* The model's fixed part: the scenario, its times and stations. */
static void model_init(view *v)
{
    view_model *m = &v->m;
    cpy(m->scenario, sizeof m->scenario, session_name(v->ss));
    m->t0 = m->now = session_t0(v->ss);
    m->t_end = session_t_end(v->ss);
    size_t n = session_station_count(v->ss);
    m->nst = n < VIEW_MAX_ST ? n : VIEW_MAX_ST;
    for (size_t i = 0; i < m->nst; i++) {
        const station_cfg *cf = session_station_cfg(v->ss, i);
        cpy(m->st[i].mn, sizeof m->st[i].mn, cf->mn);
        cpy(m->st[i].name, sizeof m->st[i].name, cf->name);
        m->st[i].limit_cod = cf->limits.cod;
        m->st[i].limit_nh3n = cf->limits.nh3n;
        m->st[i].limit_tp = cf->limits.tp;
        m->st[i].kind = cf->kind;
        if (cf->kind != STATION_WATER) {
            m->st[i].limit_so2 = cf->gas.so2;
            m->st[i].limit_nox = cf->gas.nox;
            m->st[i].limit_pm = cf->gas.pm_limit;
            m->st[i].limit_nmhc = cf->gas.nmhc_limit;
            m->st[i].o2_ref = cf->gas.stack.o2_ref;
        }
    }
    m->dlg.type = 0;
}

view *view_new(const view_opts *o, char *err, size_t errlen)
{
    view *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    v->o = *o;
    v->m.lang = o->lang == I18N_ZH ? I18N_ZH : I18N_EN;
    v->m.role = o->role == VIEW_INSTRUCTOR ? VIEW_INSTRUCTOR : VIEW_TRAINEE;
    v->lab_delay = o->lab_delay_ms > 0 ? o->lab_delay_ms : 30 * HJTIME_MINUTE_MS;
    v->m.speed_idx = 2;
    double sp = o->speed > 0 ? o->speed : 60;
    for (int i = 0; i < VIEW_NSPEEDS; i++)
        if (view_speeds[i] <= sp) v->m.speed_idx = i;
    cpy(v->out, sizeof v->out, o->out_dir ? o->out_dir : "out/view");
    v->ss = open_session(v, o, err, errlen);
    if (!v->ss) goto fail;
    snprintf(v->findings_path, sizeof v->findings_path, "%s/findings.jsonl", v->out);
    FILE *ff = fopen(v->findings_path, "wb"); /* a new drill: no findings yet */
    if (!ff) {
        snprintf(err, errlen, "%s: %s", v->out, strerror(errno));
        goto fail;
    }
    fclose(ff);
    model_init(v);
    v->dirty = 1;
    view_refresh(v);
    return v;
fail:
    view_free(v);
    return NULL;
}

void view_free(view *v)
{
    if (!v) return;
    session_close(v->ss);
    free(v);
}

int64_t view_now(const view *v)
{
    return v->m.now;
}

const char *view_errmsg(const view *v)
{
    return v->err;
}

const view_model *view_get_model(const view *v)
{
    return &v->m;
}

int view_parse_time(const view *v, const char *s, int64_t *t)
{
    return clock_parse_time(s, v->m.t0, t);
}

/* ---- the simulation: the session's steps, cut by a wall-time budget ---- */

static void end_drill(view *v);

static int advance(view *v, int64_t target, double budget_ms)
{
    view_model *m = &v->m;
    if (target > m->t_end) target = m->t_end;
    if (m->now < target) v->dirty = 1;
    int rc = session_advance(v->ss, target, budget_ms);
    m->now = session_now(v->ss);
    if (rc != 0) {
        cpy(v->err, sizeof v->err, session_errmsg(v->ss));
        return -1;
    }
    if (m->now >= m->t_end && !m->drill_over) end_drill(v);
    return 0;
}

int view_tick(view *v, double real_dt_s, double budget_ms)
{
    view_model *m = &v->m;
    int rc = 0;
    if (!m->paused && !m->drill_over && real_dt_s > 0) {
        double dv = view_speeds[m->speed_idx] * real_dt_s * 1000.0;
        if (dv > 6.0 * HJTIME_HOUR_MS) dv = 6.0 * HJTIME_HOUR_MS;
        rc = advance(v, m->now + (int64_t)dv, budget_ms);
    }
    if (v->dirty && wall_ms() - v->last_refresh >= VIEW_REFRESH_MS) view_refresh(v);
    return rc;
}

int view_run_to(view *v, int64_t t)
{
    int rc = advance(v, t, 0);
    view_refresh(v);
    return rc;
}

/* ---- the platform's screen (what the in-process platform stored and raised) ---- */

static void read_platform(view *v)
{
    view_model *m = &v->m;
    monitor *mon = session_monitor(v->ss);
    for (size_t i = 0; i < m->nst; i++) {
        monitor_station ms = monitor_station_get(mon, i);
        if (ms.has_data) {
            m->st[i].has_data = 1;
            m->st[i].last_rx = ms.last_data;
        }
        m->st[i].level = ms.level;
    }
    char text[VIEW_PKT_LINES][MONITOR_PACKET_TEXT];
    long total = 0;
    size_t n = monitor_packets(mon, text, VIEW_PKT_LINES, &total);
    for (size_t i = 0; i < n; i++) { /* oldest first: the console scrolls up */
        cpy(m->packets[i], VIEW_PKT_LEN, text[i]);
        m->packets[i][strcspn(m->packets[i], "\r\n")] = '\0';
    }
    m->npackets = (int)n;
    m->packets_total = total;
    /* series of the selected station, folded into columns over the whole run */
    for (int s = 0; s < VIEW_S__COUNT; s++)
        if (m->nst == 0 ||
            monitor_series(mon, (size_t)m->selected, (size_t)s, m->series[s], VIEW_BINS) != 0)
            for (int b = 0; b < VIEW_BINS; b++)
                m->series[s][b] = NAN;
    m->nalerts = (int)monitor_alerts(mon, m->alerts, VIEW_MAX_ALERTS);
}

/* ---- the station as it is on site (the selected one) ---- */

static const char *state_name(const view *v, int state)
{
    switch (state) {
    case ANALYZER_IDLE:
        return view_tr(v, MSG_VW_AS_IDLE);
    case ANALYZER_MEASURING:
        return view_tr(v, MSG_VW_AS_MEASURING);
    case ANALYZER_STD_CHECK:
    case ANALYZER_BLANK_CHECK:
    case ANALYZER_ZERO_CHECK:
    case ANALYZER_SPAN_CHECK:
        return view_tr(v, MSG_VW_AS_CHECK);
    case ANALYZER_INITIALISING:
        return view_tr(v, MSG_VW_AS_INIT);
    case ANALYZER_MAINTENANCE:
        return view_tr(v, MSG_VW_AS_MAINT);
    case ANALYZER_FAULT:
        return view_tr(v, MSG_VW_AS_FAULT);
    case ANALYZER_CALIBRATING:
        return view_tr(v, MSG_VW_AS_CAL);
    default:
        return view_tr(v, MSG_VW_AS_STANDBY);
    }
}

static void fmt_hm(double utc_s, char *b, size_t n)
{
    char ts[32];
    if (isnan(utc_s) || hjtime_format((int64_t)(utc_s * 1000.0), ts, sizeof ts) < 0) {
        snprintf(b, n, "--:--");
        return;
    }
    snprintf(b, n, "%.11s", ts + 5); /* "MM-DD HH:MM" */
}

/* The analyzer parameters by ANALYZER_P_* (the change log names them). */
static const i18n_msg PARAM_LABEL[ANALYZER_P_COUNT] = {
    [ANALYZER_P_INTERVAL] = MSG_VW_AP_INTERVAL,
    [ANALYZER_P_DIGEST_TEMP] = MSG_VW_AP_DIGEST_TEMP,
    [ANALYZER_P_DIGEST_TIME] = MSG_VW_AP_DIGEST_TIME,
    [ANALYZER_P_RANGE_LO] = MSG_VW_AP_RANGE_LO,
    [ANALYZER_P_RANGE_HI] = MSG_VW_AP_RANGE_HI,
    [ANALYZER_P_SLOPE] = MSG_VW_AP_SLOPE,
    [ANALYZER_P_INTERCEPT] = MSG_VW_AP_INTERCEPT,
    [ANALYZER_P_STD_LABEL] = MSG_VW_AP_STD_LABEL,
    [ANALYZER_P_SPAN_LABEL] = MSG_VW_AP_SPAN_LABEL,
    [ANALYZER_P_DETECTION_LIMIT] = MSG_VW_AP_DETECTION_LIMIT,
    [ANALYZER_P_DILUTION] = MSG_VW_AP_DILUTION,
    [ANALYZER_P_TOC_FACTOR] = MSG_VW_AP_TOC_FACTOR,
    [ANALYZER_P_TOC_OFFSET] = MSG_VW_AP_TOC_OFFSET};

static const char *param_label(const view *v, int param)
{
    if (param >= 0 && param < ANALYZER_P_COUNT && PARAM_LABEL[param])
        return view_tr(v, PARAM_LABEL[param]);
    const char *n = analyzer_param_name(param);
    return n ? n : "?";
}

static void panel_line(view_model *m, const char *text)
{
    if (m->npanel_lines < (int)(sizeof m->panel_lines / sizeof m->panel_lines[0]))
        cpy(m->panel_lines[m->npanel_lines++], VIEW_TXT, text);
}

static void read_analyzer_panel(view *v, station *st)
{
    view_model *m = &v->m;
    analyzer *a = station_analyzer_at(st, m->panel_arg);
    char b[VIEW_TXT], t1[24];
    if (!a) return;
    analyzer_status as;
    analyzer_get_status(a, &as);
    snprintf(b, sizeof b, "%s: %s (i12001 = %d)", view_tr(v, MSG_VW_STATE), state_name(v, as.state),
             as.i12001);
    panel_line(m, b);
    const char *min = view_tr(v, MSG_VW_MINUTES);
    snprintf(b, sizeof b, "%s: %s %.3f  %s %.2f  %s %.0f-%.0f", view_tr(v, MSG_VW_PARAMS),
             view_tr(v, MSG_VW_AP_SLOPE), analyzer_get(a, ANALYZER_P_SLOPE),
             view_tr(v, MSG_VW_AP_INTERCEPT), analyzer_get(a, ANALYZER_P_INTERCEPT),
             view_tr(v, MSG_VW_AP_RANGE), analyzer_get(a, ANALYZER_P_RANGE_LO),
             analyzer_get(a, ANALYZER_P_RANGE_HI));
    panel_line(m, b);
    snprintf(b, sizeof b, "  %s %.0f %s  %s %.0f °C %.0f %s  %s %.2f",
             view_tr(v, MSG_VW_AP_INTERVAL), analyzer_get(a, ANALYZER_P_INTERVAL) / 60.0, min,
             view_tr(v, MSG_VW_AP_DIGESTION), analyzer_get(a, ANALYZER_P_DIGEST_TEMP),
             analyzer_get(a, ANALYZER_P_DIGEST_TIME) / 60.0, min, view_tr(v, MSG_VW_AP_TOC_FACTOR),
             analyzer_get(a, ANALYZER_P_TOC_FACTOR));
    panel_line(m, b);
    snprintf(b, sizeof b, "%s:", view_tr(v, MSG_VW_LOG));
    panel_line(m, b);
    size_t n = analyzer_log_count(a);
    for (size_t i = 0; i < n && i < VIEW_LOG_LINES; i++) {
        analyzer_meas me;
        if (analyzer_log_get(a, i, &me) != 0) break;
        fmt_hm(me.sample_time, t1, sizeof t1);
        snprintf(b, sizeof b, "  %s  %8.2f mg/L  %c%s%s", t1, me.value, me.flag ? me.flag : 'N',
                 me.manual ? "  " : "", me.manual ? view_tr(v, MSG_VW_MANUAL) : "");
        panel_line(m, b);
    }
    snprintf(b, sizeof b, "%s:", view_tr(v, MSG_VW_CHANGES));
    panel_line(m, b);
    n = analyzer_changes_count(a);
    for (size_t i = 0; i < n && i < 5; i++) {
        analyzer_change ch;
        if (analyzer_change_get(a, i, &ch) != 0) break;
        fmt_hm(ch.time, t1, sizeof t1);
        snprintf(b, sizeof b, "  %s  %s %.3f -> %.3f", t1, param_label(v, ch.param), ch.old_v,
                 ch.new_v);
        panel_line(m, b);
    }
}

static void read_bottles(view *v, station *st)
{
    view_model *m = &v->m;
    sampler *sp = station_sampler(st);
    if (!sp) return;
    char b[VIEW_TXT], t1[24];
    for (int i = 0; i < SAMPLER_BOTTLES; i += 2) {
        size_t len = 0;
        b[0] = '\0';
        for (int k = i; k < i + 2; k++) {
            sampler_bottle sb;
            if (sampler_bottle_get(sp, k, &sb) != 0) continue;
            if (sb.state == SAMPLER_EMPTY) {
                len += (size_t)snprintf(b + len, sizeof b - len, "%2d %-34s", k + 1,
                                        view_tr(v, MSG_VW_EMPTY));
            } else {
                fmt_hm(sb.time, t1, sizeof t1);
                len += (size_t)snprintf(
                    b + len, sizeof b - len, "%2d %s COD %.0f %s  ", k + 1, t1 + 6, sb.q.cod,
                    sb.state == SAMPLER_RETAINED ? view_tr(v, MSG_VW_RETAINED)
                                                 : view_tr(v, MSG_VW_SCHEDULED));
            }
            if (len >= sizeof b) len = sizeof b - 1;
        }
        panel_line(m, b);
    }
}

static void read_lab(view *v)
{
    view_model *m = &v->m;
    char b[VIEW_TXT], t1[32];
    for (int i = 0; i < m->ngrabs; i++) {
        const view_grab *g = &m->grabs[i];
        hjtime_format(g->taken, t1, sizeof t1);
        if (m->now < g->ready)
            snprintf(b, sizeof b, "%s  %s  %s", g->mn, t1 + 5, view_tr(v, MSG_VW_PENDING));
        else
            snprintf(b, sizeof b, "%s  %s  COD %.1f  NH3-N %.2f  TP %.3f  pH %.2f", g->mn, t1 + 5,
                     g->cod, g->nh3n, g->tp, g->ph);
        panel_line(m, b);
    }
}

static void read_station(view *v)
{
    view_model *m = &v->m;
    if (m->nst == 0) return;
    session_lock(v->ss);
    station *st = session_station(v->ss, (size_t)m->selected);
    m->npanel_lines = 0;
    if (view_gas_station(m, m->selected)) view_gas_read(v, m, st);
    for (int k = 0; k < 2; k++) {
        camera *c = station_camera_at(st, k);
        view_camera *vc = &m->cam[k];
        memset(vc, 0, sizeof *vc);
        if (!c) continue;
        camera_view cv;
        camera_get_view(c, &cv);
        vc->fitted = 1;
        vc->powered = cv.powered;
        vc->covered = cv.covered;
        vc->video_loss = cv.video_loss;
        vc->visible = cv.visible;
        vc->pan_dev = cv.pan_dev;
        vc->tilt_dev = cv.tilt_dev;
        vc->people = cv.people;
        vc->hose = cv.hose;
        vc->pipe = cv.pipe;
        vc->colour = cv.colour;
        vc->turbidity = cv.turbidity;
    }
    for (int p = 0; p < 4; p++)
        m->analyzer_fitted[p] = station_analyzer_at(st, p) != NULL;
    door *d = station_door(st);
    m->door_open = d ? door_is_open(d) : 0;
    m->people_in_room = station_people(st);
    /* a gas or VOCs station has no water (its room is not drawn yet: the water one, empty) */
    const world_out *wo = station_world(st) ? world_output(station_world(st)) : NULL;
    m->water_colour = wo ? wo->channel.sample.cod / 400.0 : 0;
    if (m->water_colour > 1) m->water_colour = 1;
    flowmeter *fm = station_flowmeter(st);
    m->flow_m3h = fm ? flowmeter_flow_m3h(fm) : 0;
    channel *ch = station_world(st) ? world_channel(station_world(st)) : NULL;
    m->pipes_visible = 0;
    for (int i = 0; ch && i < channel_inflow_count(ch); i++) {
        channel_inflow in;
        int h = 0;
        if (channel_inflow_get(ch, i, &in, &h) == 0 && !in.hidden && in.m3h > 0) m->pipes_visible++;
    }
    if (m->panel == VIEW_PANEL_ANALYZER) read_analyzer_panel(v, st);
    if (m->panel == VIEW_PANEL_BOTTLES) read_bottles(v, st);
    session_unlock(v->ss);
    if (m->panel == VIEW_PANEL_LAB) read_lab(v);
}

static void read_truth(view *v)
{
    view_model *m = &v->m;
    m->ntruth = 0;
    session_truth e;
    for (size_t i = 0; m->ntruth < VIEW_MAX_TRUTH && session_truth_at(v->ss, i, &e) == 0; i++) {
        view_truth *t = &m->truth[m->ntruth++];
        cpy(t->type, sizeof t->type, e.type);
        cpy(t->mn, sizeof t->mn, e.mn);
        t->start = e.start;
        t->open = e.open; /* its end is known when the scenario finishes it */
        t->end = e.end;
        t->active = e.start <= m->now && (e.open || e.end > m->now);
    }
}

/* ---- keys ---- */

/* The keys outside the finding dialog. view_key dispatches through this table and the key
 * hint of each screen (model keys_hint) is made from it: the hint names exactly the keys
 * that act on that screen. */
typedef struct key_def {
    int first, last; /* a key, or a range (F1-F3, 1-4): arg + (key - first) */
    int action, arg;
    int step;         /* arg is a step from the current speed / station */
    const char *keys; /* the keys as the hint names them; NULL: keys_msg; "" with the one before */
    i18n_msg keys_msg, what;
    int screen; /* -1 every screen, else only there */
    int kind;   /* KEY_ANY, or only at a water station's room (KEY_WATER) or a CEMS (KEY_GAS) */
} key_def;
enum { KEY_ANY = 0, KEY_WATER, KEY_GAS };

#define KEY_LETTER(c) (VIEW_KEY_A + ((c) - 'a'))
static const key_def KEYS[] = {
    {VIEW_KEY_SPACE, VIEW_KEY_SPACE, VIEW_A_PAUSE, 0, 0, NULL, MSG_VW_KEY_SPACE, MSG_VW_K_PAUSE, -1,
     KEY_ANY},
    {VIEW_KEY_PLUS, VIEW_KEY_PLUS, VIEW_A_SPEED, 1, 1, "+/-", 0, MSG_VW_K_SPEED, -1, KEY_ANY},
    {VIEW_KEY_MINUS, VIEW_KEY_MINUS, VIEW_A_SPEED, -1, 1, "", 0, 0, -1, KEY_ANY},
    {VIEW_KEY_F1, VIEW_KEY_F3, VIEW_A_SCREEN, 0, 0, "F1-F3", 0, MSG_VW_K_SCREENS, -1, KEY_ANY},
    {VIEW_KEY_UP, VIEW_KEY_UP, VIEW_A_STATION, -1, 1, "↑↓", 0, MSG_VW_K_STATION, -1, KEY_ANY},
    {VIEW_KEY_DOWN, VIEW_KEY_DOWN, VIEW_A_STATION, 1, 1, "", 0, 0, -1, KEY_ANY},
    {KEY_LETTER('f'), KEY_LETTER('f'), VIEW_A_FINDING, 0, 0, "F", 0, MSG_VW_K_FINDING, -1, KEY_ANY},
    {KEY_LETTER('e'), KEY_LETTER('e'), VIEW_A_END, 0, 0, "E", 0, MSG_VW_K_END, -1, KEY_ANY},
    {VIEW_KEY_PGUP, VIEW_KEY_PGUP, VIEW_A_ALERT_SCROLL, -1, 0, "PgUp/PgDn", 0, MSG_VW_K_ALERTS,
     VIEW_SCREEN_PLATFORM, KEY_ANY},
    {VIEW_KEY_PGDN, VIEW_KEY_PGDN, VIEW_A_ALERT_SCROLL, 1, 0, "", 0, 0, VIEW_SCREEN_PLATFORM,
     KEY_ANY},
    {KEY_LETTER('i'), KEY_LETTER('i'), VIEW_A_INSPECT_LINE, 0, 0, "I", 0, MSG_VW_K_LINE,
     VIEW_SCREEN_ROOM, KEY_WATER},
    {KEY_LETTER('c'), KEY_LETTER('c'), VIEW_A_INSPECT_CHANNEL, 0, 0, "C", 0, MSG_VW_K_CHANNEL,
     VIEW_SCREEN_ROOM, KEY_WATER},
    {KEY_LETTER('g'), KEY_LETTER('g'), VIEW_A_GRAB, 0, 0, "G", 0, MSG_VW_K_GRAB, VIEW_SCREEN_ROOM,
     KEY_WATER},
    {KEY_LETTER('b'), KEY_LETTER('b'), VIEW_A_BOTTLES, 0, 0, "B", 0, MSG_VW_K_BOTTLES,
     VIEW_SCREEN_ROOM, KEY_WATER},
    {KEY_LETTER('l'), KEY_LETTER('l'), VIEW_A_LAB, 0, 0, "L", 0, MSG_VW_K_LAB, VIEW_SCREEN_ROOM,
     KEY_WATER},
    {VIEW_KEY_0 + 1, VIEW_KEY_0 + 4, VIEW_A_ANALYZER, 0, 0, "1-4", 0, MSG_VW_K_ANALYZER,
     VIEW_SCREEN_ROOM, KEY_WATER},
    {KEY_LETTER('i'), KEY_LETTER('i'), VIEW_A_INSPECT_GLINE, 0, 0, "I", 0, MSG_VW_K_GLINE,
     VIEW_SCREEN_ROOM, KEY_GAS},
    {KEY_LETTER('p'), KEY_LETTER('p'), VIEW_A_CHECK_PROBE, 0, 0, "P", 0, MSG_VW_K_PROBE,
     VIEW_SCREEN_ROOM, KEY_GAS},
    {KEY_LETTER('y'), KEY_LETTER('y'), VIEW_A_CYLINDERS, 0, 0, "Y", 0, MSG_VW_K_CYL,
     VIEW_SCREEN_ROOM, KEY_GAS},
    {KEY_LETTER('m'), KEY_LETTER('m'), VIEW_A_PORTABLE, 0, 0, "M", 0, MSG_VW_K_PORTABLE,
     VIEW_SCREEN_ROOM, KEY_GAS},
    {VIEW_KEY_0 + 1, VIEW_KEY_0 + VIEW_GAN__COUNT, VIEW_A_GAS_ANALYZER, 0, 0, "1-7", 0,
     MSG_VW_K_ANALYZER, VIEW_SCREEN_ROOM, KEY_GAS},
};
_Static_assert(VIEW_GAN__COUNT == 7, "the key hint names keys 1-7");
#undef KEY_LETTER

static int key_here(const key_def *k, const view_model *m)
{
    if (k->screen >= 0 && k->screen != m->screen) return 0;
    if (k->kind == KEY_ANY) return 1;
    return (k->kind == KEY_GAS) == view_gas_station(m, m->selected);
}

/* "Space pause  +/- speed  ..." for the current screen. Inside an item the spaces are
 * no-break spaces (U+00A0): a wrapped hint breaks between items only. */
static void keys_hint(view *v)
{
    view_model *m = &v->m;
    size_t len = 0;
    m->keys_hint[0] = '\0';
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        const key_def *k = &KEYS[i];
        if (!key_here(k, m) || (k->keys && !k->keys[0])) continue;
        char item[160];
        snprintf(item, sizeof item, "%s %s", k->keys ? k->keys : view_tr(v, k->keys_msg),
                 view_tr(v, k->what));
        size_t at = len;
        if (len && len + 2 < sizeof m->keys_hint) {
            memcpy(m->keys_hint + len, "  ", 2);
            len += 2;
        }
        for (const char *p = item; *p && len + 3 < sizeof m->keys_hint; p++) {
            if (*p == ' ') {
                m->keys_hint[len++] = (char)0xC2;
                m->keys_hint[len++] = (char)0xA0;
            } else {
                m->keys_hint[len++] = *p;
            }
        }
        if (len + 3 >= sizeof m->keys_hint) { /* full: the last whole item */
            len = at;
            break;
        }
    }
    m->keys_hint[len] = '\0';
}

/* ---- charts ---- */

void view_axis_for(double vmax, int ndiv, view_axis *a)
{
    static const double mant[3] = {1, 2, 5};
    if (!(vmax > 0) || !isfinite(vmax)) vmax = 1;
    double mag = pow(10, floor(log10(ndiv > 0 ? vmax / ndiv : vmax / 5))) / 10;
    for (int k = 0; k < 40; k++) { /* from below the answer upwards */
        double step = mant[k % 3] * mag * pow(10, k / 3);
        int n = (int)ceil(vmax / step - 1e-9);
        if (ndiv > 0 ? n <= ndiv : n <= 5) {
            a->step = step;
            a->ndiv = ndiv > 0 ? ndiv : n < 1 ? 1 : n;
            a->top = a->ndiv * step;
            return;
        }
    }
    a->step = vmax;
    a->ndiv = 1;
    a->top = vmax;
}

int view_chart_x(const view_chart *c, int bin)
{
    return c->plot.x + (int)((double)bin * c->plot.w / VIEW_BINS);
}

int view_chart_y(const view_chart *c, int side, double v)
{
    double top = c->ax[side != 0].top;
    double f = top > 0 ? v / top : 0;
    if (f < 0) f = 0;
    if (f > 1.02) f = 1.02;
    return c->plot.y + c->plot.h - (int)lround(c->plot.h * f);
}

/* Whether a drawn line of series s (on axis side) passes rows [ya, yb] in columns [xa, xb). */
static int series_in(const view_model *m, const view_chart *c, int side, int xa, int xb, int ya,
                     int yb)
{
    int s = c->s[side], lb = -1, ly = 0;
    if (s < 0 || c->plot.w <= 0) return 0;
    /* the columns under [xa, xb), and the few before whose points a line may join */
    int b0 = (int)((double)(xa - c->plot.x - 2) * VIEW_BINS / c->plot.w) - VIEW_JOIN_BINS - 1;
    int b1 = (int)((double)(xb - c->plot.x + 2) * VIEW_BINS / c->plot.w) + 1;
    if (b0 < 0) b0 = 0;
    if (b1 > VIEW_BINS) b1 = VIEW_BINS;
    for (int b = b0; b < b1; b++) {
        float val = m->series[s][b];
        if (isnan(val)) continue;
        int x = view_chart_x(c, b), y = view_chart_y(c, side, val);
        int x0 = x, y0 = y, y1 = y;
        if (lb >= 0 && b - lb <= VIEW_JOIN_BINS) { /* joined to the point before */
            x0 = view_chart_x(c, lb);
            y0 = ly < y ? ly : y;
            y1 = ly > y ? ly : y;
        }
        if (x + 1 >= xa && x0 - 1 < xb && y1 + 1 >= ya && y0 - 1 <= yb) return 1;
        lb = b;
        ly = y;
    }
    return 0;
}

view_rect view_label_spot(const view_model *m, const view_chart *c, int y, int w, int h)
{
    const view_rect *p = &c->plot;
    for (int x = p->x + p->w - w - 4; x >= p->x + 2; x -= 20)
        for (int below = 0; below < 2; below++) {
            int ly = below ? y + 3 : y - 3 - h;
            if (ly < p->y || ly + h > p->y + p->h) continue;
            if (!series_in(m, c, 0, x, x + w, ly, ly + h) &&
                !series_in(m, c, 1, x, x + w, ly, ly + h))
                return (view_rect){x, ly, w, h};
        }
    int ly = y - 3 - h < p->y ? y + 3 : y - 3 - h;
    return (view_rect){p->x + p->w - w - 4, ly, w, h};
}

static double series_max(const view_model *m, int s)
{
    double mx = 0;
    for (int b = 0; s >= 0 && b < VIEW_BINS; b++)
        if (!isnan(m->series[s][b]) && m->series[s][b] > mx) mx = m->series[s][b];
    return mx;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The 98th percentile of series s over the columns: a gas chart's scale, so that the few
 * minutes of a calibration (the converted values soar when the O2 cell sees its span
 * gas) do not flatten the rest; what passes the axis is drawn at its top. */
static double series_p98(const view_model *m, int s)
{
    float v[VIEW_BINS];
    int n = 0;
    for (int b = 0; s >= 0 && b < VIEW_BINS; b++)
        if (!isnan(m->series[s][b])) v[n++] = m->series[s][b];
    if (n == 0) return 0;
    qsort(v, (size_t)n, sizeof v[0], cmp_float);
    return v[(int)(0.98 * (n - 1))];
}

/* The charts of each kind of station: where, which series, on one axis or two. */
typedef struct chart_def {
    int y, h, s0, s1, shared;
    i18n_msg title;
} chart_def;
static const chart_def CHARTS[3][VIEW_C__COUNT] = {
    [STATION_WATER] = {{50, 230, VIEW_S_COD, -1, 0, MSG_VW_CHART_COD},
                       {284, 180, VIEW_S_NH3N, VIEW_S_TP, 0, MSG_VW_CHART_N_P},
                       {468, 130, VIEW_S_FLOW, -1, 0, MSG_VW_CHART_FLOW},
                       {602, 150, VIEW_S_COND, VIEW_S_PH, 0, MSG_VW_CHART_C_P}},
    [STATION_GAS] = {{50, 196, VIEW_S_SO2, VIEW_S_SO2_ZS, 1, MSG_VW_CHART_SO2},
                     {250, 196, VIEW_S_NOX, VIEW_S_NOX_ZS, 1, MSG_VW_CHART_NOX},
                     {450, 150, VIEW_S_GFLOW, VIEW_S_O2, 0, MSG_VW_CHART_GFLOW},
                     {604, 148, VIEW_S_PM, VIEW_S_PM_ZS, 1, MSG_VW_CHART_PM}},
    [STATION_VOCS] = {{50, 350, VIEW_S_NMHC, VIEW_S_NMHC_ZS, 1, MSG_VW_CHART_NMHC},
                      {404, 348, VIEW_S_GFLOW, VIEW_S_O2, 0, MSG_VW_CHART_GFLOW},
                      {0, 0, -1, -1, 0, 0},
                      {0, 0, -1, -1, 0, 0}}};

/* The limit of series s at the station: the converted series carry the gas limits (and the
 * measured ones when the station converts nothing: no reference O2). */
static double series_limit(const view_station *st, int s)
{
    int conv = st->o2_ref > 0;
    switch (s) {
    case VIEW_S_COD:
        return st->limit_cod;
    case VIEW_S_NH3N:
        return st->limit_nh3n;
    case VIEW_S_TP:
        return st->limit_tp;
    case VIEW_S_SO2_ZS:
        return st->limit_so2;
    case VIEW_S_NOX_ZS:
        return st->limit_nox;
    case VIEW_S_PM_ZS:
        return st->limit_pm;
    case VIEW_S_NMHC_ZS:
        return conv ? st->limit_nmhc : 0;
    case VIEW_S_NMHC:
        return conv ? 0 : st->limit_nmhc;
    default:
        return 0;
    }
}

/* The platform screen's charts: panels, plots, series, axes (1-2-5 steps over the data
 * and the limit), limits of the selected station. Measured and converted values share
 * the left axis. */
static void layout_charts(view_model *m)
{
    const view_station *st = m->nst ? &m->st[m->selected] : NULL;
    int kind = st && st->kind >= 0 && st->kind <= STATION_VOCS ? st->kind : STATION_WATER;
    for (int i = 0; i < VIEW_C__COUNT; i++) {
        const chart_def *cd = &CHARTS[kind][i];
        view_chart *c = &m->charts[i];
        memset(c, 0, sizeof *c);
        c->s[0] = cd->s0;
        c->s[1] = cd->s1;
        c->title = (int)cd->title;
        c->shared = cd->shared;
        if (cd->s0 < 0) continue; /* no chart there */
        if (kind == STATION_VOCS && c->s[0] == VIEW_S_NMHC && !(st->o2_ref > 0)) {
            c->s[1] = -1; /* measured only: the station converts nothing */
            c->shared = 0;
            c->title = (int)MSG_VW_CHART_NMHC_M;
        }
        c->r = (view_rect){316, cd->y, 860, cd->h};
        int right = c->s[1] >= 0 && !c->shared ? 52 : 0;
        c->plot = (view_rect){c->r.x + 62, c->r.y + 36, c->r.w - 62 - 16 - right, c->r.h - 62};
        for (int k = 0; k < 2 && st; k++)
            c->limit[k] = c->s[k] >= 0 ? series_limit(st, c->s[k]) : 0;
        for (int k = 0; k < 2; k++) {
            if (c->s[k] < 0) continue;
            double mx = series_max(m, c->s[k]);
            if (c->limit[k] > 0 && c->limit[k] * 1.1 > mx) mx = c->limit[k] * 1.1;
            view_axis_for(mx, k ? c->ax[0].ndiv : 0, &c->ax[k]);
        }
        if (c->shared) { /* one axis over both, spikes cut at its top */
            double mx = fmax(series_p98(m, c->s[0]), series_p98(m, c->s[1])) * 1.25;
            mx = fmax(mx, 1.1 * fmax(c->limit[0], c->limit[1]));
            view_axis_for(mx, 0, &c->ax[0]);
            c->ax[1] = c->ax[0];
        }
    }
    m->packets_panel = (view_rect){316, 756, 860, 134};
}

/* ---- layout ---- */

static view_button *button(view_model *m, int x, int y, int w, int h, int action, int arg,
                           const char *label, int on)
{
    if (m->nbuttons >= VIEW_MAX_BUTTONS) return NULL;
    view_button *b = &m->buttons[m->nbuttons++];
    b->r = (view_rect){x, y, w, h};
    b->action = action;
    b->arg = arg;
    cpy(b->label, sizeof b->label, label);
    b->on = on;
    return b;
}

/* The CEMS room's actions: the inspections, the portable analyzer, the instruments'
 * panels (the fitted ones). */
static void layout_gas_room(view *v)
{
    view_model *m = &v->m;
    int y = 56;
    button(m, 1190, y, 196, 34, VIEW_A_INSPECT_GLINE, 0, view_tr(v, MSG_VW_INSPECT_GLINE),
           m->gas.line_done);
    button(m, 1394, y, 196, 34, VIEW_A_CHECK_PROBE, 0, view_tr(v, MSG_VW_CHECK_PROBE),
           m->gas.probe_done);
    y += 40;
    button(m, 1190, y, 196, 34, VIEW_A_CYLINDERS, 0, view_tr(v, MSG_VW_INSPECT_CYL),
           m->panel == VIEW_PANEL_CYLINDERS);
    button(m, 1394, y, 196, 34, VIEW_A_PORTABLE, 0, view_tr(v, MSG_VW_PORTABLE),
           m->panel == VIEW_PANEL_PORTABLE);
    y += 40;
    static const char *const NAME[VIEW_GAN__COUNT] = {"SO2", "NOx", "O2", "CO", "CO2", "PM", "GC"};
    for (int p = 0, k = 0; p < VIEW_GAN__COUNT; p++)
        if (m->gas.an[p].fitted)
            button(m, 1190 + k++ * 57, y, 53, 34, VIEW_A_GAS_ANALYZER, p, NAME[p],
                   m->panel == VIEW_PANEL_GAS_ANALYZER && m->panel_arg == p);
}

static void layout(view *v)
{
    view_model *m = &v->m;
    m->nbuttons = 0;
    keys_hint(v);
    layout_charts(m);
    static const i18n_msg tabs[VIEW_SCREEN__COUNT] = {MSG_VW_TAB_PLATFORM, MSG_VW_TAB_ROOM,
                                                      MSG_VW_TAB_CAMERA};
    for (int i = 0; i < VIEW_SCREEN__COUNT; i++)
        button(m, 10 + i * 150, 6, 144, 32, VIEW_A_SCREEN, i, view_tr(v, tabs[i]), m->screen == i);
    button(m, 480, 6, 60, 32, VIEW_A_PAUSE, 0, m->paused ? ">" : "||", m->paused);
    for (int i = 0; i < VIEW_NSPEEDS; i++) {
        char l[16];
        snprintf(l, sizeof l, "%gx", view_speeds[i]);
        button(m, 546 + i * 62, 6, 58, 32, VIEW_A_SPEED, i, l, m->speed_idx == i);
    }
    button(m, 1290, 6, 150, 32, VIEW_A_FINDING, 0, view_tr(v, MSG_VW_FILE_FINDING), m->dlg.open);
    button(m, 1446, 6, 144, 32, VIEW_A_END, 0, view_tr(v, MSG_VW_END_DRILL), m->drill_over);
    if (m->screen == VIEW_SCREEN_PLATFORM) {
        int ah = m->role == VIEW_INSTRUCTOR ? 470 : 560;
        m->alerts_panel = (view_rect){1182, 50, 414, ah};
        if (m->nalerts > 1) { /* the panel scrolls (also PgUp / PgDn, the mouse wheel) */
            button(m, 1182 + 414 - 64, 54, 28, 22, VIEW_A_ALERT_SCROLL, -1, "▲",
                   m->alert_scroll > 0);
            button(m, 1182 + 414 - 33, 54, 28, 22, VIEW_A_ALERT_SCROLL, 1, "▼", 0);
        }
        /* 14 stations fit above the key hint; the list follows the selection (up, down) */
        size_t first = m->selected >= 14 ? (size_t)m->selected - 13 : 0;
        for (size_t i = first; i < m->nst && i < first + 14; i++)
            button(m, 10, 84 + (int)(i - first) * 46, 290, 42, VIEW_A_STATION, (int)i, m->st[i].mn,
                   m->selected == (int)i);
    }
    if (m->screen == VIEW_SCREEN_ROOM && view_gas_station(m, m->selected)) layout_gas_room(v);
    if (m->screen == VIEW_SCREEN_ROOM && !view_gas_station(m, m->selected)) {
        int y = 56;
        button(m, 1190, y, 196, 34, VIEW_A_INSPECT_LINE, 0, view_tr(v, MSG_VW_INSPECT_LINE), 0);
        button(m, 1394, y, 196, 34, VIEW_A_INSPECT_CHANNEL, 0, view_tr(v, MSG_VW_INSPECT_CHANNEL),
               0);
        y += 40;
        button(m, 1190, y, 130, 34, VIEW_A_GRAB, 0, view_tr(v, MSG_VW_GRAB), 0);
        button(m, 1326, y, 130, 34, VIEW_A_BOTTLES, 0, view_tr(v, MSG_VW_BOTTLES),
               m->panel == VIEW_PANEL_BOTTLES);
        button(m, 1462, y, 128, 34, VIEW_A_LAB, 0, view_tr(v, MSG_VW_LAB),
               m->panel == VIEW_PANEL_LAB);
        y += 40;
        static const int pn[4] = {HJCODE_COD, HJCODE_NH3N, HJCODE_TP, HJCODE_TN};
        for (int p = 0; p < 4; p++)
            if (m->analyzer_fitted[p])
                button(m, 1190 + p * 100, y, 96, 34, VIEW_A_ANALYZER, p,
                       hjcode_at((size_t)pn[p])->symbol,
                       m->panel == VIEW_PANEL_ANALYZER && m->panel_arg == p);
    }
    int types[VIEW_MAX_TYPES], nt = fraud_types(m, types);
    int rows = (nt + 1) / 2;
    if (m->screen == VIEW_SCREEN_ROOM && m->role == VIEW_INSTRUCTOR) {
        int rh = rows > 7 ? 208 / rows : 30; /* above the key hint */
        for (int i = 0; i < nt; i++)
            button(m, 1190 + (i % 2) * 202, 596 + (i / 2) * rh, 198, rh - 3, VIEW_A_STAGE, types[i],
                   view_fraud_label(v, types[i]), 0);
    }
    if (m->dlg.open) {
        int rh = rows > 7 ? 228 / rows : 32; /* above the start field */
        for (int i = 0; i < nt; i++)
            button(m, 420 + (i % 2) * 384, 250 + (i / 2) * rh, 378, rh - 4, VIEW_A_F_TYPE, types[i],
                   view_fraud_label(v, types[i]), m->dlg.type == types[i]);
        button(m, 560, 480, 240, 32, VIEW_A_F_FIELD, VIEW_F_START, m->dlg.start,
               m->dlg.field == VIEW_F_START);
        button(m, 940, 480, 240, 32, VIEW_A_F_FIELD, VIEW_F_END, m->dlg.end,
               m->dlg.field == VIEW_F_END);
        button(m, 560, 524, 620, 32, VIEW_A_F_FIELD, VIEW_F_EVIDENCE, m->dlg.evidence,
               m->dlg.field == VIEW_F_EVIDENCE);
        button(m, 820, 620, 170, 36, VIEW_A_F_FILE, 0, view_tr(v, MSG_VW_FILE_FINDING), 1);
        button(m, 1000, 620, 170, 36, VIEW_A_F_CANCEL, 0, view_tr(v, MSG_VW_CANCEL), 0);
    }
}

void view_refresh(view *v)
{
    view_model *m = &v->m;
    if (m->selected < 0 || (size_t)m->selected >= m->nst) m->selected = 0;
    read_platform(v);
    read_station(v);
    read_truth(v);
    layout(v);
    v->dirty = 0;
    v->last_refresh = wall_ms();
}

/* ---- trainee actions ---- */

static void inspect_line(view *v)
{
    view_model *m = &v->m;
    m->line_source = session_inspect_line(v->ss, (size_t)m->selected);
    m->line_inspected = 1;
    m->line_inspected_at = m->now;
}

static void inspect_channel(view *v)
{
    view_model *m = &v->m;
    m->hidden_pipes = session_inspect_channel(v->ss, (size_t)m->selected, &m->hidden_m3h);
    m->channel_inspected = 1;
    m->channel_inspected_at = m->now;
}

static void grab_sample(view *v)
{
    view_model *m = &v->m;
    if (m->ngrabs == VIEW_MAX_GRABS) {
        memmove(&m->grabs[0], &m->grabs[1], (VIEW_MAX_GRABS - 1) * sizeof m->grabs[0]);
        m->ngrabs--;
    }
    view_grab *g = &m->grabs[m->ngrabs++];
    memset(g, 0, sizeof *g);
    water q = session_grab_sample(v->ss, (size_t)m->selected);
    g->cod = q.cod;
    g->nh3n = q.nh3n;
    g->tp = q.tp;
    g->ph = q.ph;
    cpy(g->mn, sizeof g->mn, m->st[m->selected].mn);
    g->taken = m->now;
    g->ready = m->now + v->lab_delay;
    m->panel = VIEW_PANEL_LAB;
}

static void open_dialog(view *v)
{
    view_model *m = &v->m;
    if (m->drill_over) return;
    if (!fraud_here(m, m->dlg.type)) m->dlg.type = fraud_step(m, -1, 0); /* the station's first */
    char a[32], b[32];
    int64_t s0 = m->now - 2 * HJTIME_HOUR_MS;
    if (s0 < m->t0) s0 = m->t0;
    hjtime_format(s0, a, sizeof a);
    hjtime_format(m->now, b, sizeof b);
    m->dlg.open = 1;
    m->dlg.field = VIEW_F_TYPE;
    snprintf(m->dlg.start, sizeof m->dlg.start, "%.16s", a);
    snprintf(m->dlg.end, sizeof m->dlg.end, "%.16s", b);
    m->dlg.evidence[0] = '\0';
    m->dlg.msg[0] = '\0';
}

/* "HH:MM" is the last such moment at or before now (an inspector dates what happened),
 * else any scenario time (clock_parse_time). */
static int finding_time(const view *v, const char *s, int64_t *t)
{
    int hh = 0, mm = 0;
    char extra = 0;
    if (sscanf(s, "%d:%d%c", &hh, &mm, &extra) == 2 && hh >= 0 && hh < 24 && mm >= 0 && mm < 60) {
        int64_t day = v->m.now - hjtime_local_ms_of_day(v->m.now);
        int64_t x = day + hh * HJTIME_HOUR_MS + mm * HJTIME_MINUTE_MS;
        if (x > v->m.now) x -= HJTIME_DAY_MS;
        *t = x;
        return 0;
    }
    return clock_parse_time(s, v->m.t0, t);
}

static int file_finding(view *v)
{
    view_model *m = &v->m;
    view_dialog *d = &m->dlg;
    int64_t t1 = 0, t2 = m->now;
    if (finding_time(v, d->start, &t1) != 0 || (d->end[0] && finding_time(v, d->end, &t2) != 0) ||
        t1 >= t2) {
        cpy(d->msg, sizeof d->msg, view_tr(v, MSG_VW_F_BAD_TIME));
        return 0;
    }
    if (m->nfindings == VIEW_MAX_FINDINGS) {
        memmove(&m->findings[0], &m->findings[1], (VIEW_MAX_FINDINGS - 1) * sizeof m->findings[0]);
        m->nfindings--;
    }
    view_finding *f = &m->findings[m->nfindings];
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "f%d", ++v->finding_seq);
    cpy(f->mn, sizeof f->mn, m->st[m->selected].mn);
    const hjfraud *ft = hjfraud_at((size_t)d->type);
    cpy(f->type, sizeof f->type, ft ? ft->key : NULL);
    f->time = m->now;
    f->start = t1;
    f->end = t2;
    cpy(f->evidence, sizeof f->evidence, d->evidence);
    char ts[40], s1[40], s2[40];
    hjtime_format_iso(f->time, ts, sizeof ts);
    hjtime_format_iso(t1, s1, sizeof s1);
    hjtime_format_iso(t2, s2, sizeof s2);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", f->id);
    cJSON_AddStringToObject(o, "mn", f->mn);
    cJSON_AddStringToObject(o, "time", ts);
    cJSON_AddStringToObject(o, "level", "red");
    cJSON_AddStringToObject(o, "type", f->type);
    cJSON_AddStringToObject(o, "start", s1);
    cJSON_AddStringToObject(o, "end", s2);
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    cJSON_AddItemToArray(rules, cJSON_CreateString("trainee"));
    cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
    if (f->evidence[0]) cJSON_AddItemToArray(ev, cJSON_CreateString(f->evidence));
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    FILE *fp = line ? fopen(v->findings_path, "ab") : NULL;
    int ok = fp && fprintf(fp, "%s\n", line) > 0;
    if (fp && fclose(fp) != 0) ok = 0;
    cJSON_free(line);
    if (!ok) {
        cpy(d->msg, sizeof d->msg, view_tr(v, MSG_VW_F_WRITE_FAIL));
        return 0;
    }
    m->nfindings++;
    d->open = 0;
    snprintf(m->status, sizeof m->status, "%s: %s %s", view_tr(v, MSG_VW_F_FILED), f->id,
             view_fraud_label(v, d->type));
    return 1;
}

static void end_drill(view *v)
{
    view_model *m = &v->m;
    m->drill_over = 1;
    m->paused = 1;
    m->dlg.open = 0;
    if (session_finish(v->ss, "ok") != 0) { /* truth.json */
        snprintf(m->status, sizeof m->status, "%.150s", session_errmsg(v->ss));
        return;
    }
    char err[512] = "";
    session_score sc;
    if (session_score_file(v->ss, v->findings_path, "trainee", &sc, err, sizeof err) == 0) {
        m->scored = 1;
        m->sc_events = sc.events;
        m->sc_detected = sc.detected;
        m->sc_type_ok = sc.type_correct;
        m->sc_false = sc.false_alarms;
        m->sc_nab = sc.nab;
    } else {
        snprintf(m->status, sizeof m->status, "%.150s", err);
    }
}

/* Instructor: the fraud library's fraud.<type> on the selected station, a minute from now. */
static int stage_fraud(view *v, int type)
{
    view_model *m = &v->m;
    const hjfraud *ft = type >= 0 ? hjfraud_at((size_t)type) : NULL;
    if (!ft || m->drill_over || !fraud_here(m, type)) return 0;
    int64_t at = m->now + HJTIME_MINUTE_MS;
    char em[256] = "", when[32];
    if (session_stage(v->ss, (size_t)m->selected, ft->key, at, em, sizeof em) != 0) {
        snprintf(m->status, sizeof m->status, "%s: %.140s", view_tr(v, MSG_VW_STAGE_FAIL), em);
        return 0;
    }
    hjtime_format(at, when, sizeof when);
    snprintf(m->status, sizeof m->status, "%s: %s %s %s", view_tr(v, MSG_VW_STAGED),
             view_fraud_label(v, type), m->st[m->selected].mn, when + 11);
    return 1;
}

/* An act in the CEMS room of the selected station (a gas or VOCs station): 1 when done. */
static int gas_act(view *v, int action, int arg)
{
    view_model *m = &v->m;
    if (!view_gas_station(m, m->selected)) return 0;
    if (action == VIEW_A_GAS_ANALYZER) {
        if (arg < 0 || arg >= VIEW_GAN__COUNT || !m->gas.an[arg].fitted) return 0;
        m->panel = VIEW_PANEL_GAS_ANALYZER;
        m->panel_arg = arg;
        return 1;
    }
    session_lock(v->ss);
    station *st = session_station(v->ss, (size_t)m->selected);
    if (action == VIEW_A_INSPECT_GLINE) view_gas_inspect_line(m, st);
    if (action == VIEW_A_CHECK_PROBE) view_gas_check_probe(m, st);
    if (action == VIEW_A_CYLINDERS) view_gas_cylinders(v, m, st);
    if (action == VIEW_A_PORTABLE) view_gas_portable(m, st);
    session_unlock(v->ss);
    return 1;
}

/* ---- input ---- */

int view_do(view *v, int action, int arg)
{
    view_model *m = &v->m;
    int changed = 1;
    switch (action) {
    case VIEW_A_SCREEN:
        if (arg >= 0 && arg < VIEW_SCREEN__COUNT) m->screen = arg;
        break;
    case VIEW_A_PAUSE:
        if (!m->drill_over) m->paused = !m->paused;
        break;
    case VIEW_A_SPEED:
        if (arg >= 0 && arg < VIEW_NSPEEDS) m->speed_idx = arg;
        break;
    case VIEW_A_STATION:
        if (arg >= 0 && (size_t)arg < m->nst && arg != m->selected) {
            if (view_gas_station(m, arg) != view_gas_station(m, m->selected))
                m->panel = VIEW_PANEL_NONE; /* the other room's panels */
            m->selected = arg;
            m->line_inspected = m->channel_inspected = 0;
            memset(&m->gas, 0, sizeof m->gas);
        }
        break;
    case VIEW_A_GAS_ANALYZER:
    case VIEW_A_INSPECT_GLINE:
    case VIEW_A_CHECK_PROBE:
    case VIEW_A_CYLINDERS:
    case VIEW_A_PORTABLE:
        changed = gas_act(v, action, arg);
        break;
    case VIEW_A_ANALYZER:
        if (arg >= 0 && arg < 4 && m->analyzer_fitted[arg]) {
            m->panel = VIEW_PANEL_ANALYZER;
            m->panel_arg = arg;
        } else {
            changed = 0;
        }
        break;
    case VIEW_A_INSPECT_LINE:
        inspect_line(v);
        break;
    case VIEW_A_INSPECT_CHANNEL:
        inspect_channel(v);
        break;
    case VIEW_A_GRAB:
        grab_sample(v);
        break;
    case VIEW_A_BOTTLES:
        m->panel = VIEW_PANEL_BOTTLES;
        break;
    case VIEW_A_LAB:
        m->panel = VIEW_PANEL_LAB;
        break;
    case VIEW_A_FINDING:
        open_dialog(v);
        break;
    case VIEW_A_END:
        if (!m->drill_over) end_drill(v);
        break;
    case VIEW_A_STAGE:
        changed = m->role == VIEW_INSTRUCTOR ? stage_fraud(v, arg) : 0;
        break;
    case VIEW_A_F_TYPE:
        if (fraud_here(m, arg))
            m->dlg.type = arg;
        else
            changed = 0; /* not a type of this kind of station */
        break;
    case VIEW_A_F_FIELD:
        if (arg >= 0 && arg < VIEW_F__COUNT) m->dlg.field = arg;
        break;
    case VIEW_A_F_FILE:
        changed = m->dlg.open ? file_finding(v) : 0;
        break;
    case VIEW_A_F_CANCEL:
        m->dlg.open = 0;
        break;
    case VIEW_A_ALERT_SCROLL: {
        int k = m->alert_scroll + (arg < 0 ? -1 : 1);
        changed = k >= 0 && k < m->nalerts;
        if (changed) m->alert_scroll = k;
        break;
    }
    default:
        changed = 0;
    }
    view_refresh(v);
    return changed;
}

static char *dlg_field(view_model *m, size_t *cap)
{
    switch (m->dlg.field) {
    case VIEW_F_START:
        *cap = sizeof m->dlg.start;
        return m->dlg.start;
    case VIEW_F_END:
        *cap = sizeof m->dlg.end;
        return m->dlg.end;
    case VIEW_F_EVIDENCE:
        *cap = sizeof m->dlg.evidence;
        return m->dlg.evidence;
    default:
        *cap = 0;
        return NULL;
    }
}

int view_key(view *v, int key)
{
    view_model *m = &v->m;
    if (m->dlg.open) {
        size_t cap = 0;
        char *f = dlg_field(m, &cap);
        switch (key) {
        case VIEW_KEY_TAB:
            return view_do(v, VIEW_A_F_FIELD, (m->dlg.field + 1) % VIEW_F__COUNT);
        case VIEW_KEY_UP:
            return view_do(v, VIEW_A_F_TYPE, fraud_step(m, m->dlg.type, -1));
        case VIEW_KEY_DOWN:
            return view_do(v, VIEW_A_F_TYPE, fraud_step(m, m->dlg.type, 1));
        case VIEW_KEY_ENTER:
            return view_do(v, VIEW_A_F_FILE, 0);
        case VIEW_KEY_ESC:
            return view_do(v, VIEW_A_F_CANCEL, 0);
        case VIEW_KEY_BACKSPACE:
            if (f && f[0]) { /* remove one UTF-8 character */
                size_t n = strlen(f);
                do
                    n--;
                while (n > 0 && ((unsigned char)f[n] & 0xC0) == 0x80);
                f[n] = '\0';
                layout(v);
                return 1;
            }
            return 0;
        default:
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        const key_def *k = &KEYS[i];
        if (key < k->first || key > k->last || !key_here(k, m)) continue;
        int arg = k->arg + (key - k->first);
        if (k->step && k->action == VIEW_A_SPEED) {
            arg += m->speed_idx;
            if (arg < 0 || arg >= VIEW_NSPEEDS) return 0;
        } else if (k->step && k->action == VIEW_A_STATION) {
            arg += m->selected;
            if (arg < 0 || (size_t)arg >= m->nst) return 0;
        }
        return view_do(v, k->action, arg);
    }
    return 0;
}

int view_text(view *v, const char *utf8)
{
    view_model *m = &v->m;
    size_t cap = 0;
    char *f = m->dlg.open ? dlg_field(m, &cap) : NULL;
    if (!f || !utf8) return 0;
    size_t n = strlen(f), k = strlen(utf8);
    if (n + k + 1 > cap) return 0;
    memcpy(f + n, utf8, k + 1);
    layout(v);
    return 1;
}

int view_click(view *v, int x, int y)
{
    const view_model *m = &v->m;
    for (int i = m->nbuttons - 1; i >= 0; i--) {
        const view_rect *r = &m->buttons[i].r;
        if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h) {
            /* a modal dialog takes only its own buttons */
            if (m->dlg.open && m->buttons[i].action < VIEW_A_F_TYPE) return 0;
            return view_do(v, m->buttons[i].action, m->buttons[i].arg);
        }
    }
    return 0;
}
