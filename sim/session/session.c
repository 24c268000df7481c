/*
 * session.c — one run: scenario + range + outputs on one virtual clock (session.h).
 */
#include "session.h"

#include "channel.h"
#include "hjtime.h"
#include "libdir.h"
#include "range.h"
#include "sampleline.h"
#include "scen.h"
#include "score.h"
#include "world.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SESSION_PATH_MAX = 1024 };
#define SESSION_SLICE_MS (10 * HJTIME_MINUTE_MS) /* as fast: a step's most virtual time */
#define PACED_SLICE_REAL 250.0                   /* paced: a step's most real time, ms */

/* The paths of the outputs; the platform keeps pointers to them (it follows the records
 * feed): they live as long as the session. */
typedef struct out_paths {
    char db[SESSION_PATH_MAX + 32], alerts[SESSION_PATH_MAX + 32], records[SESSION_PATH_MAX + 32];
} out_paths;

struct session {
    session_cfg cfg; /* its pointers are the caller's, used during session_open/start only */
    char out[SESSION_PATH_MAX];
    out_paths paths;
    scen *s;                /* NULL: plain stations */
    range *r;               /* after session_start */
    monitor *mon;           /* cfg.monitor */
    station_cfg *loc;       /* this process's stations (the range keeps pointers into them) */
    const station_cfg *cfs; /* the stations: loc, or cfg.stations */
    size_t n;
    int64_t t0, t_end, now;
    int records_open; /* records.jsonl: open until session_finish or session_close */
    int failed, finished;
    double wall0, wall1; /* session_start, session_finish (wall ms) */
    char err[2 * SESSION_PATH_MAX + 256];
};

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
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

static void set_why(session_fail *why, session_fail w)
{
    if (why) *why = w;
}

/* ---- open: the scenario loaded ---- */

/* This shard's stations, in declaration order (all of them without --shard). */
static int pick_local(session *ss)
{
    size_t n_all = scen_station_count(ss->s);
    ss->n = scen_local_count(ss->s);
    ss->loc = calloc(ss->n ? ss->n : 1, sizeof *ss->loc);
    if (!ss->loc) return -1;
    for (size_t i = 0, k = 0; i < n_all; i++)
        if (scen_station_local(ss->s, i)) ss->loc[k++] = scen_stations(ss->s)[i];
    ss->cfs = ss->loc;
    return 0;
}

static int open_scenario(session *ss, const session_cfg *cfg, session_fail *why, char *err,
                         size_t errlen)
{
    char lib[SESSION_PATH_MAX];
    libdir_pick(cfg->scenario, cfg->lib_dir, lib, sizeof lib);
    scen_opts so;
    memset(&so, 0, sizeof so);
    so.lib_dir = lib;
    so.seed_override = cfg->seed_set;
    so.seed = cfg->seed;
    so.log = cfg->log;
    so.log_ctx = cfg->log_ctx;
    so.shard_index = cfg->shard_index;
    so.shard_count = cfg->shard_count;
    ss->s = scen_new(&so, err, errlen);
    if (!ss->s || scen_load(ss->s, cfg->scenario) != 0) {
        if (ss->s) snprintf(err, errlen, "%s", scen_errmsg(ss->s));
        set_why(why, SESSION_FAIL_SCENARIO);
        return -1;
    }
    if (pick_local(ss) != 0) {
        snprintf(err, errlen, "out of memory");
        set_why(why, SESSION_FAIL_RANGE);
        return -1;
    }
    ss->t0 = ss->now = scen_start(ss->s);
    ss->t_end = scen_end(ss->s);
    return 0;
}

session *session_open(const session_cfg *cfg, session_fail *why, char *err, size_t errlen)
{
    set_why(why, SESSION_FAIL_NONE);
    session *ss = calloc(1, sizeof *ss);
    if (!ss) {
        snprintf(err, errlen, "out of memory");
        set_why(why, SESSION_FAIL_RANGE);
        return NULL;
    }
    ss->cfg = *cfg;
    if (cfg->scenario && !cfg->out_dir) {
        snprintf(err, errlen, "session: a scenario needs an output folder");
        set_why(why, SESSION_FAIL_OUTPUT);
        goto fail;
    }
    if (cfg->out_dir) {
        cpy(ss->out, sizeof ss->out, cfg->out_dir);
        if (range_mkdir_p(ss->out) != 0) {
            snprintf(err, errlen, "%s: %s", ss->out, strerror(errno));
            set_why(why, SESSION_FAIL_OUTPUT);
            goto fail;
        }
    }
    if (cfg->scenario) {
        if (open_scenario(ss, cfg, why, err, errlen) != 0) goto fail;
    } else {
        ss->cfs = cfg->stations;
        ss->n = cfg->n_stations;
        ss->t0 = ss->now = cfg->t0;
        ss->t_end = INT64_MAX;
    }
    return ss;
fail:
    session_close(ss);
    return NULL;
}

/* ---- start: the range running ---- */

static void on_alert(void *ctx, const engine_alert *a)
{
    monitor_alert_raised(ctx, a);
}

static void on_batch(void *ctx, const batch *b)
{
    monitor_batch(ctx, b);
}

static int make_monitor(session *ss)
{
    const char **mns = calloc(ss->n ? ss->n : 1, sizeof *mns);
    if (!mns) return -1;
    for (size_t i = 0; i < ss->n; i++)
        mns[i] = ss->cfs[i].mn;
    monitor_cfg mc = {mns,
                      ss->n,
                      ss->cfg.series_codes,
                      ss->cfg.n_series,
                      ss->cfg.series_bins,
                      ss->t0,
                      ss->t_end,
                      ss->cfg.lang && strcmp(ss->cfg.lang, "zh") == 0};
    ss->mon = monitor_new(&mc);
    free(mns);
    return ss->mon ? 0 : -1;
}

/* A fresh platform every run: its database and the files SQLite keeps beside it. */
static void remove_platform_db(const char *db)
{
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char p[SESSION_PATH_MAX + 80];
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        remove(p);
    }
}

static range_cfg range_cfg_of(session *ss, const out_paths *p)
{
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = ss->loc;
    rc.n_stations = ss->n;
    rc.seed = scen_seed(ss->s);
    rc.t0 = ss->t0;
    rc.out_dir = ss->out;
    rc.modbus_port = ss->cfg.modbus_port;
    rc.modbus_addr = ss->cfg.modbus_addr;
    rc.platforms = ss->cfg.platforms;
    rc.n_platforms = ss->cfg.n_platforms;
    rc.in_process_platform = ss->cfg.detect;
    rc.one_thread = ss->cfg.one_thread;
    rc.platform_db = p->db;
    if (ss->cfg.detect) {
        /* the engine writes the alerts; the platform follows the O&M records feed as the
         * scenario appends to it */
        rc.platform_alerts = p->alerts;
        rc.platform_records = p->records;
        rc.platform_lang = ss->cfg.lang;
    }
    if (ss->mon) {
        rc.platform_on_alert = on_alert;
        rc.platform_alert_ctx = ss->mon;
        rc.platform_on_batch = on_batch;
        rc.platform_batch_ctx = ss->mon;
    }
    return rc;
}

/* Without a scenario: the stations and their endpoints, served on the caller's thread. */
static int start_stations(session *ss, session_fail *why, char *err, size_t errlen)
{
    range_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.stations = ss->cfg.stations;
    rc.n_stations = ss->cfg.n_stations;
    rc.seed = ss->cfg.seed;
    rc.t0 = ss->t0;
    rc.modbus_port = ss->cfg.modbus_port;
    rc.modbus_addr = ss->cfg.modbus_addr;
    rc.stations_only = 1;
    ss->r = range_new(&rc, err, errlen);
    if (!ss->r) {
        set_why(why, SESSION_FAIL_RANGE);
        return -1;
    }
    ss->wall0 = wall_ms();
    return 0;
}

int session_start(session *ss, session_fail *why, char *err, size_t errlen)
{
    set_why(why, SESSION_FAIL_NONE);
    if (!ss->s) return start_stations(ss, why, err, errlen);
    out_paths *p = &ss->paths;
    snprintf(p->db, sizeof p->db, "%s/platform.db", ss->out);
    snprintf(p->alerts, sizeof p->alerts, "%s/alerts.jsonl", ss->out);
    snprintf(p->records, sizeof p->records, "%s/records.jsonl", ss->out);
    remove_platform_db(p->db);
    set_why(why, SESSION_FAIL_RANGE);
    if (ss->n == 0) {
        snprintf(err, errlen, "shard %d/%d: no station (the scenario has %zu)", ss->cfg.shard_index,
                 ss->cfg.shard_count, scen_station_count(ss->s));
        return -1;
    }
    if (ss->cfg.monitor && make_monitor(ss) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    range_cfg rc = range_cfg_of(ss, p);
    FILE *af = fopen(p->alerts, "wb"); /* empty without detection */
    int alerts_made = af != NULL;
    if (af) fclose(af);
    ss->r = range_new(&rc, err, errlen);
    if (!ss->r) return -1;
    /* cannot fail: the range is built from scen_local_count stations */
    if (scen_attach(ss->s, ss->r) != 0) {
        snprintf(err, errlen, "attach");
        return -1;
    }
    int io_fail = scen_records_open(ss->s, p->records) != 0 || !alerts_made;
    if (io_fail) {
        snprintf(err, errlen, "%s: %s", ss->out, strerror(errno));
        set_why(why, SESSION_FAIL_OUTPUT);
        return -1;
    }
    ss->records_open = 1;
    set_why(why, SESSION_FAIL_NONE);
    ss->wall0 = wall_ms();
    return 0;
}

void session_close(session *ss)
{
    if (!ss) return;
    if (ss->records_open) scen_records_close(ss->s);
    scen_free(ss->s);  /* before the range: it removes its DAU filters */
    range_free(ss->r); /* the platform's last commit: the alerts are complete now */
    monitor_free(ss->mon);
    free(ss->loc); /* the range kept pointers into them */
    free(ss);
}

/* ---- accessors ---- */

const char *session_name(const session *ss)
{
    return ss->s ? scen_name(ss->s) : "";
}
uint64_t session_seed(const session *ss)
{
    return ss->s ? scen_seed(ss->s) : ss->cfg.seed;
}
int64_t session_t0(const session *ss)
{
    return ss->t0;
}
int64_t session_t_end(const session *ss)
{
    return ss->t_end;
}
int64_t session_now(const session *ss)
{
    return ss->now;
}
size_t session_problem_count(const session *ss)
{
    return ss->s ? scen_problem_count(ss->s) : 0;
}
const char *session_problem(const session *ss, size_t i)
{
    return ss->s ? scen_problem(ss->s, i) : NULL;
}
size_t session_station_count(const session *ss)
{
    return ss->n;
}
const station_cfg *session_station_cfg(const session *ss, size_t i)
{
    return i < ss->n ? &ss->cfs[i] : NULL;
}
station *session_station(session *ss, size_t i)
{
    return ss->r ? range_station(ss->r, i) : NULL;
}
int session_modbus_port(const session *ss, size_t i)
{
    return ss->r ? range_modbus_port(ss->r, i) : 0;
}
int session_platform_port(const session *ss)
{
    return ss->r ? range_platform_port(ss->r) : 0;
}
void session_lock(session *ss)
{
    range_lock(ss->r);
}
void session_unlock(session *ss)
{
    range_unlock(ss->r);
}
monitor *session_monitor(session *ss)
{
    return ss->mon;
}
const char *session_errmsg(const session *ss)
{
    return ss->s && scen_failed(ss->s) ? scen_errmsg(ss->s) : ss->err;
}

/* ---- time ---- */

/* Paced: sleeps until the real time of virtual time t. */
static void pace_wait(const session *ss, int64_t t, double speed)
{
    double wait = ss->wall0 + (double)(t - ss->t0) / speed - wall_ms();
    if (wait <= 0) return;
    struct timespec sl = {(time_t)(wait / 1000),
                          (long)((wait - 1000.0 * (double)(time_t)(wait / 1000)) * 1e6)};
    nanosleep(&sl, NULL);
}

static int step_failed(session *ss)
{
    ss->failed = 1;
    return -1;
}

int session_step(session *ss, int64_t goal, const session_pace *pace)
{
    double speed = pace ? pace->speed : 0;
    int64_t slice = pace && pace->slice_ms > 0 ? pace->slice_ms : SESSION_SLICE_MS;
    if (goal > ss->t_end) goal = ss->t_end;
    int64_t ts = INT64_MAX; /* the scenario's next instant */
    if (!ss->s || !scen_next_time(ss->s, &ts) || ts > ss->t_end) ts = INT64_MAX;
    int at_scen = ts <= goal;
    int64_t stop = at_scen ? ts - 1 : goal; /* the range runs up to stop (inclusive) */
    if (speed > 0) {
        int64_t e = range_next_event(ss->r);
        int64_t lim = e > ss->now ? e : ss->now + 1;
        int64_t most = (int64_t)(speed * PACED_SLICE_REAL) + 1;
        if (ss->now + most < lim) lim = ss->now + most;
        if (stop > lim) {
            stop = lim;
            at_scen = 0;
        }
        pace_wait(ss, stop, speed);
    } else if (stop > ss->now + slice) {
        stop = ss->now + slice;
        at_scen = 0;
    }
    if (stop >= ss->now && range_run_until(ss->r, stop) != 0) {
        snprintf(ss->err, sizeof ss->err, "%s", range_errmsg(ss->r));
        return step_failed(ss);
    }
    if (stop > ss->now) ss->now = stop;
    if (ss->s && scen_failed(ss->s)) return step_failed(ss);
    if (at_scen) {
        if (speed > 0) pace_wait(ss, ts, speed); /* the scenario's instant at its real time */
        if (scen_run_until(ss->s, ts) != 0) return step_failed(ss);
        if (ts > ss->now) ss->now = ts;
    }
    return ss->now >= goal && !at_scen ? 0 : 1;
}

int session_advance(session *ss, int64_t t, double budget_ms)
{
    if (t > ss->t_end) t = ss->t_end;
    double w0 = wall_ms();
    while (ss->now < t) {
        if (session_step(ss, t, NULL) < 0) return -1;
        if (budget_ms > 0 && wall_ms() - w0 > budget_ms) break;
    }
    return 0;
}

int session_serve(session *ss, int timeout_ms)
{
    return range_serve(ss->r, timeout_ms);
}

/* ---- on site ---- */

int session_inspect_line(session *ss, size_t i)
{
    range_lock(ss->r);
    station *st = range_station(ss->r, i);
    int src = st && station_world(st) ? sampleline_source(world_sampleline(station_world(st))) : SAMPLELINE_CHANNEL;
    range_unlock(ss->r);
    return src;
}

int session_inspect_channel(session *ss, size_t i, double *hidden_m3h)
{
    int pipes = 0;
    double m3h = 0;
    range_lock(ss->r);
    station *st = range_station(ss->r, i);
    channel *ch = st && station_world(st) ? world_channel(station_world(st)) : NULL;
    for (int k = 0; ch && k < channel_inflow_count(ch); k++) {
        channel_inflow in;
        int h = 0;
        if (channel_inflow_get(ch, k, &in, &h) == 0 && in.hidden && in.m3h > 0) {
            pipes++;
            m3h += in.m3h;
        }
    }
    range_unlock(ss->r);
    if (hidden_m3h) *hidden_m3h = m3h;
    return pipes;
}

water session_grab_sample(session *ss, size_t i)
{
    water q;
    memset(&q, 0, sizeof q);
    range_lock(ss->r);
    station *st = range_station(ss->r, i);
    if (st && station_world(st)) q = world_output(station_world(st))->channel.sample;
    range_unlock(ss->r);
    return q;
}

int session_stage(session *ss, size_t i, const char *fraud, int64_t at, char *err, size_t errlen)
{
    if (!ss->s || i >= ss->n) {
        snprintf(err, errlen, "no scenario or no such station");
        return -1;
    }
    size_t k = 0, seen = 0; /* station i of this process: its index in the scenario */
    for (; k < scen_station_count(ss->s); k++)
        if (scen_station_local(ss->s, k) && seen++ == i) break;
    return scen_stage(ss->s, (int)k, fraud, at, err, errlen);
}

size_t session_truth_count(const session *ss)
{
    return ss->s ? scen_event_count(ss->s) : 0;
}

int session_truth_at(const session *ss, size_t i, session_truth *out)
{
    scen_event_info e;
    if (!ss->s || scen_event_at(ss->s, i, &e) != 0) return -1;
    memset(out, 0, sizeof *out);
    cpy(out->type, sizeof out->type, e.type);
    cpy(out->mn, sizeof out->mn, e.mn);
    out->start = e.start;
    out->end = e.end;
    out->open = e.open;
    return 0;
}

/* ---- the end ---- */

static void iso(int64_t t, char *b, size_t n)
{
    if (hjtime_format_iso(t, b, n) < 0) snprintf(b, n, "?");
}

/* report.json's stations: this process's, with their DAUs' counts. */
static void report_stations(const session *ss, cJSON *o)
{
    cJSON *sts = cJSON_AddArrayToObject(o, "stations");
    const station_cfg *cf = scen_stations(ss->s);
    size_t k = 0; /* the station's index in the range */
    for (size_t i = 0; i < scen_station_count(ss->s); i++) {
        if (!scen_station_local(ss->s, i)) continue; /* another shard's */
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "mn", cf[i].mn);
        cJSON_AddStringToObject(x, "name", cf[i].name);
        cJSON_AddNumberToObject(x, "protocol", cf[i].protocol);
        cJSON *lim = cJSON_AddObjectToObject(x, "limits"); /* mg/L, for the report's lines */
        cJSON_AddNumberToObject(lim, "cod", cf[i].limits.cod);
        cJSON_AddNumberToObject(lim, "nh3n", cf[i].limits.nh3n);
        cJSON_AddNumberToObject(lim, "tp", cf[i].limits.tp);
        cJSON_AddNumberToObject(lim, "tn", cf[i].limits.tn);
        cJSON_AddNumberToObject(x, "modbus_port", range_modbus_port(ss->r, k));
        dau_stats d = dau_stats_get(range_dau(ss->r, k));
        cJSON_AddNumberToObject(x, "records", (double)d.records);
        cJSON_AddNumberToObject(x, "sent", (double)d.sent);
        cJSON_AddNumberToObject(x, "acked", (double)d.acked);
        cJSON_AddItemToArray(sts, x);
        k++;
    }
}

static void report_packets(const session *ss, cJSON *o)
{
    range_stats st = range_stats_get(ss->r);
    cJSON *p = cJSON_AddObjectToObject(o, "packets");
    cJSON_AddNumberToObject(p, "records", (double)st.records);
    cJSON_AddNumberToObject(p, "sent", (double)st.sent);
    cJSON_AddNumberToObject(p, "acked", (double)st.acked);
    cJSON_AddNumberToObject(p, "resends", (double)st.resends);
    cJSON_AddNumberToObject(p, "refused", (double)st.refused);
    cJSON_AddNumberToObject(p, "dropped", (double)st.dropped);
    cJSON_AddNumberToObject(p, "queued", (double)st.queued);
    cJSON_AddNumberToObject(p, "polls", (double)st.polls);
    cJSON_AddNumberToObject(p, "modbus_errors", (double)st.modbus_errors);
    cJSON_AddNumberToObject(p, "modbus_exchanges", (double)st.modbus_exchanges);
    cJSON_AddNumberToObject(o, "range_events", (double)st.events);
}

/* report.json (docs/reports.md): the run, its stations, the wire's counts, the pace. */
static int write_report(const session *ss, const char *path, const char *status, const char *error)
{
    char a[40], seed[32];
    double wall = ss->wall1 - ss->wall0;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", scen_name(ss->s));
    snprintf(seed, sizeof seed, "%" PRIu64, scen_seed(ss->s));
    cJSON_AddItemToObject(o, "seed", cJSON_CreateRaw(seed));
    iso(ss->t0, a, sizeof a);
    cJSON_AddStringToObject(o, "start", a);
    iso(ss->t_end, a, sizeof a);
    cJSON_AddStringToObject(o, "end", a);
    iso(ss->now, a, sizeof a);
    cJSON_AddStringToObject(o, "reached", a);
    cJSON_AddStringToObject(o, "status", status);
    if (error) cJSON_AddStringToObject(o, "error", error);
    if (ss->cfg.shard_count > 0) {
        cJSON *sh = cJSON_AddObjectToObject(o, "shard");
        cJSON_AddNumberToObject(sh, "index", ss->cfg.shard_index);
        cJSON_AddNumberToObject(sh, "count", ss->cfg.shard_count);
        cJSON_AddNumberToObject(sh, "stations_total", (double)scen_station_count(ss->s));
    }
    report_stations(ss, o);
    report_packets(ss, o);
    cJSON_AddNumberToObject(o, "events", (double)scen_event_count(ss->s));
    cJSON_AddNumberToObject(o, "records", (double)scen_record_count(ss->s));
    cJSON_AddNumberToObject(o, "wall_s", wall / 1000.0);
    cJSON_AddNumberToObject(o, "speed", wall > 0 ? (double)(ss->now - ss->t0) / wall : 0);
    char *txt = cJSON_Print(o);
    cJSON_Delete(o);
    FILE *f = txt ? fopen(path, "wb") : NULL;
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "%s\n", txt);
        if (fclose(f) != 0) rc = -1;
    }
    cJSON_free(txt);
    return rc;
}

int session_finish(session *ss, const char *status)
{
    ss->wall1 = wall_ms();
    ss->finished = 1;
    if (!ss->s) return 0;
    const char *error = ss->failed ? session_errmsg(ss) : NULL;
    char path[SESSION_PATH_MAX + 32];
    int rc = 0;
    scen_finish(ss->s, ss->now);
    snprintf(path, sizeof path, "%s/truth.json", ss->out);
    if (scen_write_truth(ss->s, path) != 0) {
        snprintf(ss->err, sizeof ss->err, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    if (ss->records_open) {
        ss->records_open = 0;
        if (scen_records_close(ss->s) != 0 && rc == 0) {
            snprintf(ss->err, sizeof ss->err, "%s/records.jsonl: %s", ss->out, strerror(errno));
            rc = -1;
        }
    }
    snprintf(path, sizeof path, "%s/report.json", ss->out);
    if (ss->cfg.report && ss->r && write_report(ss, path, status, error) != 0 && rc == 0) {
        snprintf(ss->err, sizeof ss->err, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

int session_score_file(session *ss, const char *path, const char *team, session_score *out,
                       char *err, size_t errlen)
{
    char truth[SESSION_PATH_MAX + 32];
    snprintf(truth, sizeof truth, "%s/truth.json", ss->out);
    score_truth *t = score_truth_load(truth, err, errlen);
    score_alerts *a = t ? score_alerts_load(path, err, errlen) : NULL;
    score_options so = score_options_default();
    so.team = team;
    score_result *r = a ? score_compute(t, a, &so, err, errlen) : NULL;
    int rc = r ? 0 : -1;
    if (r) {
        out->events = r->events;
        out->detected = r->detected;
        out->type_correct = r->type_correct;
        out->false_alarms = r->false_alarms;
        out->nab = r->nab_score;
    }
    score_result_free(r);
    score_alerts_free(a);
    score_truth_free(t);
    return rc;
}

session_stats session_stats_get(const session *ss)
{
    session_stats st;
    memset(&st, 0, sizeof st);
    if (ss->r) {
        range_stats rs = range_stats_get(ss->r);
        st.records = rs.records;
        st.sent = rs.sent;
        st.acked = rs.acked;
        st.resends = rs.resends;
    }
    if (ss->s) {
        st.truth_events = scen_event_count(ss->s);
        st.om_records = scen_record_count(ss->s);
    }
    st.wall_ms = (ss->finished ? ss->wall1 : wall_ms()) - ss->wall0;
    return st;
}
