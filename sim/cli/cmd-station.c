/*
 * cmd-station.c — `hjrange station`: the station emulator alone, for a real or test DAU.
 *
 * Threading model: one thread, one loop, one session without a scenario (session.h: the
 * stations and their endpoints only, no DAU, no platform, no thread of its own). This
 * thread owns the session: every station (world + devices) and every endpoint. The main
 * loop alternates two things and never overlaps them: (1) session_advance steps every
 * station to the virtual time due (paced: start + speed x elapsed monotonic wall time;
 * before a --hold-at: as fast as possible, in slices of virtual time so that clients are
 * still answered); (2) session_serve, which serves Modbus requests from the device models
 * and runs the write callback, with a timeout up to the next grid step (at most 100 ms).
 * So a client always reads a whole grid step, never a half-stepped station.
 * SIGINT/SIGTERM only set a flag (sigaction without SA_RESTART: the loop's wait returns at
 * once); the loop then frees everything in order.
 */
#include "cmd.h"
#include "i18n.h"
#include "session.h"
#include "station.h"

#include "clock.h"
#include "hjcode.h"
#include "plant.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { ST_COUNT_MAX = 1000 };
#define ST_SLICE_MS (10 * HJTIME_MINUTE_MS) /* virtual time between loop turns when catching up */

static volatile sig_atomic_t st_stop;

static void on_signal(int sig)
{
    st_stop = sig;
}

typedef struct st_opts {
    int profile;
    int gas_profile; /* a gas or VOCs station's (stack.h), -1: a water station */
    const char *mn;
    int count;
    int port;
    const char *listen;
    int64_t start;
    int has_start;
    uint64_t seed;
    double speed;
    const char *hold_at;
    const char *snapshot;
    int64_t duration;
    int has_duration;
} st_opts;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int parse_opts(int argc, char **argv, st_opts *o)
{
    memset(o, 0, sizeof *o);
    o->profile = PLANT_DYEING;
    o->gas_profile = -1;
    o->mn = "HJRANGE00000001";
    o->count = 1;
    o->port = 1502;
    o->listen = "127.0.0.1";
    o->seed = 1;
    o->speed = 1.0;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (strncmp(a, "--", 2) != 0) return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
        long n = 0;
        if (strcmp(a, "--profile") == 0) {
            o->gas_profile = stack_profile_from_name(v);
            if (o->gas_profile < 0 && (o->profile = plant_profile_from_name(v)) < 0) {
                char valid[256] = "";
                for (int p = 0; p < PLANT_PROFILE_COUNT; p++)
                    snprintf(valid + strlen(valid), sizeof valid - strlen(valid), "%s%s",
                             p ? "|" : "", plant_profile_name(p));
                for (int p = 0; p < STACK_PROFILE_COUNT; p++)
                    snprintf(valid + strlen(valid), sizeof valid - strlen(valid), "|%s",
                             stack_profile_name(p));
                return cmd_bad_choice(a, v, valid);
            }
        } else if (strcmp(a, "--mn") == 0) {
            o->mn = v;
        } else if (strcmp(a, "--count") == 0) {
            if (parse_long(v, 1, ST_COUNT_MAX, &n) < 0) return cmd_bad_int(a, v, 1, ST_COUNT_MAX);
            o->count = (int)n;
        } else if (strcmp(a, "--modbus-port") == 0) {
            if (parse_long(v, 0, 65535, &n) < 0) return cmd_bad_int(a, v, 0, 65535);
            o->port = (int)n;
        } else if (strcmp(a, "--listen") == 0) {
            o->listen = v;
        } else if (strcmp(a, "--start") == 0) {
            if (hjtime_parse_datetime(v, &o->start) < 0)
                return cmd_bad_form(a, v, MSG_OPT_FORMS_DATETIME);
            o->has_start = 1;
        } else if (strcmp(a, "--seed") == 0) {
            char *end = NULL;
            errno = 0;
            unsigned long long s = strtoull(v, &end, 10);
            if (errno || end == v || *end || v[0] == '-') {
                char what[64];
                snprintf(what, sizeof what, "%s >= 0", i18n(MSG_OPT_INTEGER));
                return cmd_bad_value(a, v, what);
            }
            o->seed = s;
        } else if (strcmp(a, "--speed") == 0) {
            char *end = NULL;
            double s = strtod(v, &end);
            if (end == v || *end || !(s > 0 && s <= 1e6)) return cmd_bad_number(a, v, "(0, 1e6]");
            o->speed = s;
        } else if (strcmp(a, "--hold-at") == 0) {
            int64_t t = 0; /* the form now; the time once the start is known */
            if (clock_parse_time(v, 0, &t) < 0) return cmd_bad_form(a, v, MSG_OPT_FORMS_TIME);
            o->hold_at = v;
        } else if (strcmp(a, "--snapshot") == 0) {
            if (!*v) return cmd_usage_error(MSG_ST_SNAPSHOT_NEEDS, NULL);
            o->snapshot = v;
        } else if (strcmp(a, "--duration") == 0) {
            if (clock_parse_duration(v, &o->duration) < 0 || o->duration <= 0)
                return cmd_bad_form(a, v, MSG_OPT_FORMS_DURATION);
            o->has_duration = 1;
        } else {
            return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        }
    }
    if (o->port > 0 && o->port + o->count - 1 > 65535)
        return cmd_usage_error(MSG_BAD_VALUE, "--modbus-port");
    return 0;
}

/* MN of station i of count: the base itself for one station; else its trailing digits
 * count up from their value (width kept), or two digits are appended. -1 on overflow. */
static int make_mn(const char *base, int i, int count, char *out, size_t n)
{
    size_t len = strlen(base);
    if (count == 1) return snprintf(out, n, "%s", base) < (int)n ? 0 : -1;
    size_t d = len;
    while (d > 0 && base[d - 1] >= '0' && base[d - 1] <= '9' && len - d < 9)
        d--;
    if (d == len) return snprintf(out, n, "%s%02d", base, i + 1) < (int)n ? 0 : -1;
    int width = (int)(len - d);
    long v = strtol(base + d, NULL, 10) + i;
    long lim = 1;
    for (int k = 0; k < width; k++)
        lim *= 10;
    if (v >= lim) return -1;
    return snprintf(out, n, "%.*s%0*ld", (int)d, base, width, v) < (int)n ? 0 : -1;
}

/* ---- write log ---- */

static void on_write(void *ctx, station *st, const mbserver_write *w)
{
    char vals[123 * 6 + 1];
    size_t k = 0;
    vals[0] = '\0';
    for (int i = 0; i < w->n && k < sizeof vals; i++) {
        int r = snprintf(vals + k, sizeof vals - k, "%s%u", i ? "," : "", (unsigned)w->values[i]);
        if (r < 0) break;
        k += (size_t)r;
    }
    char tb[32] = "";
    hjtime_format(station_time(st), tb, sizeof tb);
    printf("write %s unit=%d fc=%d addr=%u n=%u values=%s client=%s time=\"%s\"\n", station_mn(st),
           w->unit, w->function, (unsigned)w->addr, (unsigned)w->n, vals,
           w->client ? w->client : "", tb);
    fflush(stdout);
}

/* ---- snapshot ---- */

static void add_time(cJSON *o, const char *key, double t)
{
    if (isnan(t)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    cJSON_AddNumberToObject(o, key, t);
}

static cJSON *snap_analyzer(analyzer *a, const char *param)
{
    cJSON *o = cJSON_CreateObject();
    analyzer_status s;
    analyzer_get_status(a, &s);
    static const char *const kinds[] = {"cod", "toc", "nh3n", "tp", "tn"};
    int k = analyzer_get_kind(a);
    char flag[2] = {s.flag, 0};
    cJSON_AddStringToObject(o, "kind", "analyzer");
    cJSON_AddStringToObject(o, "param", param);
    cJSON_AddStringToObject(o, "type", k >= 0 && k < ANALYZER_KIND_COUNT ? kinds[k] : "?");
    cJSON_AddNumberToObject(o, "value", s.value);
    add_time(o, "value_time", s.value_time);
    cJSON_AddStringToObject(o, "flag", flag);
    cJSON_AddNumberToObject(o, "toc", s.toc);
    cJSON_AddNumberToObject(o, "count", s.count);
    cJSON_AddNumberToObject(o, "state", s.state);
    cJSON_AddNumberToObject(o, hjcode_at(HJCODE_I_STATE)->code, s.i12001);
    cJSON_AddNumberToObject(o, "phase", s.phase);
    cJSON_AddNumberToObject(o, "alarm", s.alarm);
    cJSON_AddNumberToObject(o, "fault", s.fault);
    cJSON_AddNumberToObject(o, "manual", s.manual);
    cJSON_AddNumberToObject(o, "change_counter", s.change_counter);
    add_time(o, "clock", analyzer_time(a));
    cJSON *p = cJSON_AddObjectToObject(o, "params");
    for (int i = 0; i < ANALYZER_P_COUNT; i++)
        cJSON_AddNumberToObject(p, analyzer_param_name(i), analyzer_get(a, i));
    cJSON_AddNumberToObject(o, "standard_true", analyzer_standard(a));
    water cup;
    cJSON_AddNumberToObject(o, "cup_ml", analyzer_cup(a, &cup));
    /* the latest measurement with its ground truth (the model's log) */
    analyzer_meas m;
    if (analyzer_log_get(a, 0, &m) == 0) {
        cJSON *l = cJSON_AddObjectToObject(o, "last_cycle");
        add_time(l, "sample_time", m.sample_time);
        cJSON_AddNumberToObject(l, "value", m.value);
        cJSON_AddNumberToObject(l, "truth", m.truth);
        cJSON_AddNumberToObject(l, "type", m.type);
        cJSON_AddNumberToObject(l, "published", m.published);
    }
    return o;
}

static cJSON *snap_probe(probe *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "probe");
    cJSON_AddNumberToObject(o, "ph", probe_value(p, PROBE_PH));
    cJSON_AddNumberToObject(o, "temp", probe_value(p, PROBE_TEMP));
    cJSON_AddNumberToObject(o, "cond", probe_value(p, PROBE_COND));
    cJSON_AddNumberToObject(o, "fault", probe_fault(p));
    add_time(o, "clock", probe_time(p));
    return o;
}

static cJSON *snap_flow(flowmeter *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "flowmeter");
    cJSON_AddNumberToObject(o, "flow_m3h", flowmeter_flow_m3h(f));
    cJSON_AddNumberToObject(o, "flow_ls", flowmeter_flow_ls(f));
    cJSON_AddNumberToObject(o, "total", flowmeter_total(f));
    cJSON_AddNumberToObject(o, "true_total", flowmeter_true_total(f));
    cJSON_AddNumberToObject(o, "status", flowmeter_status(f));
    cJSON_AddNumberToObject(o, "factor", flowmeter_factor(f));
    cJSON_AddNumberToObject(o, "changes", flowmeter_change_counter(f));
    add_time(o, "clock", flowmeter_time(f));
    return o;
}

static cJSON *snap_sampler(sampler *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "sampler");
    cJSON_AddNumberToObject(o, "fridge_temp", sampler_fridge_temp(s));
    cJSON_AddNumberToObject(o, "count", sampler_count(s));
    add_time(o, "clock", sampler_time(s));
    cJSON *b = cJSON_AddArrayToObject(o, "bottles");
    for (int i = 0; i < SAMPLER_BOTTLES; i++) {
        sampler_bottle sb;
        if (sampler_bottle_get(s, i, &sb) < 0) break;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddNumberToObject(x, "state", sb.state);
        cJSON_AddNumberToObject(x, "reason", sb.reason);
        add_time(x, "time", sb.state ? sb.time : NAN);
        cJSON_AddNumberToObject(x, "cod", sb.q.cod);
        cJSON_AddItemToArray(b, x);
    }
    return o;
}

static cJSON *snap_door(door *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "door");
    cJSON_AddNumberToObject(o, "open", door_is_open(d));
    cJSON_AddNumberToObject(o, "alarm", door_alarm(d));
    cJSON_AddNumberToObject(o, "counter", door_counter(d));
    add_time(o, "clock", door_time(d));
    cJSON *ev = cJSON_AddArrayToObject(o, "events"); /* newest first */
    size_t n = door_log_count(d);
    for (size_t i = 0; i < n; i++) {
        door_event e;
        if (door_log_get(d, i, &e) < 0) break;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddNumberToObject(x, "seq", e.seq);
        cJSON_AddNumberToObject(x, "type", e.type);
        add_time(x, "time", e.time);
        cJSON_AddStringToObject(x, "card", e.card);
        cJSON_AddItemToArray(ev, x);
    }
    return o;
}

static cJSON *snap_camera(camera *c, const char *which)
{
    cJSON *o = cJSON_CreateObject();
    camera_view v;
    camera_get_view(c, &v);
    cJSON_AddStringToObject(o, "kind", "camera");
    cJSON_AddStringToObject(o, "which", which);
    cJSON_AddNumberToObject(o, "powered", v.powered);
    cJSON_AddNumberToObject(o, "video_loss", v.video_loss);
    cJSON_AddNumberToObject(o, "covered", v.covered);
    cJSON_AddNumberToObject(o, "preset", v.preset + 1);
    cJSON_AddNumberToObject(o, "pan", v.pan_dev);
    cJSON_AddNumberToObject(o, "tilt", v.tilt_dev);
    cJSON_AddNumberToObject(o, "deviation", v.deviation);
    cJSON_AddNumberToObject(o, "people", v.people);
    cJSON_AddNumberToObject(o, "score", v.score);
    cJSON_AddNumberToObject(o, "visible", v.visible);
    cJSON_AddNumberToObject(o, "hose", v.hose);
    cJSON_AddNumberToObject(o, "pipe", v.pipe);
    cJSON_AddNumberToObject(o, "colour", v.colour);
    cJSON_AddNumberToObject(o, "turbidity", v.turbidity);
    cJSON_AddNumberToObject(o, "alarm", v.alarm);
    cJSON_AddNumberToObject(o, "events", v.events);
    add_time(o, "clock", camera_time(c));
    return o;
}

static cJSON *snap_meter(station *st, int i)
{
    cJSON *o = cJSON_CreateObject();
    meter *m = station_meter_at(st, i);
    int on = 0;
    double load = 0, nominal = 0;
    station_meter_feed(st, i, &on, &load, &nominal);
    cJSON_AddStringToObject(o, "kind", "meter");
    cJSON_AddStringToObject(o, "facility", station_meter_name(st, i));
    cJSON_AddNumberToObject(o, "current", meter_current(m));
    cJSON_AddNumberToObject(o, "power_kw", meter_power_kw(m));
    cJSON_AddNumberToObject(o, "kwh", meter_kwh(m));
    cJSON_AddNumberToObject(o, "state", meter_state(m));
    cJSON_AddNumberToObject(o, "on", on);
    cJSON_AddNumberToObject(o, "load", load);
    cJSON_AddNumberToObject(o, "nominal", nominal);
    cJSON_AddNumberToObject(o, "run_hours", meter_run_seconds(m) / 3600.0);
    add_time(o, "clock", meter_time(m));
    return o;
}

/* A gas analyzer's component 1 (the NOx analyzer: NO, and NO2 as component 2). */
static cJSON *snap_gasan(gasan *a)
{
    cJSON *o = cJSON_CreateObject();
    gasan_status s;
    gasan_get_status(a, &s);
    cJSON_AddStringToObject(o, "kind", "gasan");
    cJSON_AddStringToObject(o, "gas", gasan_kind_name(gasan_get_kind(a)));
    cJSON_AddNumberToObject(o, "value", gasan_value(a, 0));
    cJSON_AddNumberToObject(o, "value2", gasan_components(a) > 1 ? gasan_value(a, 1) : 0);
    cJSON_AddNumberToObject(o, "range", gasan_get(a, GASAN_PC(0, GASAN_P_RANGE)));
    cJSON_AddNumberToObject(o, "slope", gasan_get(a, GASAN_PC(0, GASAN_P_SLOPE)));
    cJSON_AddNumberToObject(o, "span_label", gasan_get(a, GASAN_PC(0, GASAN_P_SPAN_LABEL)));
    cJSON_AddNumberToObject(o, "state", s.state);
    return o;
}

/* The units of a gas or VOCs station (docs/registers.md "Gas and VOCs stations"). */
static void snap_gas_units(station *st, cJSON *u)
{
    char key[16];
    for (int g = 0; g < STATION_G_COUNT; g++) {
        if (!station_gasan_at(st, g)) continue;
        snprintf(key, sizeof key, "%d", STATION_UNIT_SO2 + g);
        cJSON_AddItemToObject(u, key, snap_gasan(station_gasan_at(st, g)));
    }
    if (station_pmmon(st)) {
        cJSON *o = cJSON_AddObjectToObject(u, "6");
        cJSON_AddStringToObject(o, "kind", "pmmon");
        cJSON_AddNumberToObject(o, "value", pmmon_value(station_pmmon(st)));
        cJSON_AddNumberToObject(o, "k", pmmon_get(station_pmmon(st), PMMON_P_K));
    }
    flue *fl = station_flue(st);
    cJSON *o = cJSON_AddObjectToObject(u, "7");
    cJSON_AddStringToObject(o, "kind", "flue");
    cJSON_AddNumberToObject(o, "v", flue_velocity(fl));
    cJSON_AddNumberToObject(o, "t", flue_temp(fl));
    cJSON_AddNumberToObject(o, "qsn", flue_qsn(fl));
    cJSON_AddNumberToObject(o, "kv", flue_get(fl, FLUE_P_KV));
    cJSON_AddNumberToObject(o, "area", flue_get(fl, FLUE_P_AREA));
    sampling *sp = station_sampling(st);
    o = cJSON_AddObjectToObject(u, "11");
    cJSON_AddStringToObject(o, "kind", "sampling");
    cJSON_AddNumberToObject(o, "probe_t", sampling_probe_temp(sp));
    cJSON_AddNumberToObject(o, "line_t", sampling_line_temp(sp));
    cJSON_AddNumberToObject(o, "chiller_t", sampling_chiller_temp(sp));
    cJSON_AddNumberToObject(o, "state", sampling_state(sp));
    cJSON_AddNumberToObject(o, "hold", sampling_hold(sp));
    if (station_damper(st)) {
        o = cJSON_AddObjectToObject(u, "12");
        cJSON_AddStringToObject(o, "kind", "damper");
        cJSON_AddNumberToObject(o, "opening", 100.0 * damper_reported(station_damper(st)));
        cJSON_AddNumberToObject(o, "state", damper_state(station_damper(st)));
    }
    if (station_gcfid(st)) {
        o = cJSON_AddObjectToObject(u, "13");
        cJSON_AddStringToObject(o, "kind", "gcfid");
        cJSON_AddNumberToObject(o, "nmhc", gcfid_nmhc(station_gcfid(st)));
        cJSON_AddNumberToObject(o, "thc", gcfid_thc(station_gcfid(st)));
        cJSON_AddNumberToObject(o, "ch4", gcfid_ch4(station_gcfid(st)));
    }
}

static cJSON *snap_station(station *st, const char *addr)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "mn", station_mn(st));
    cJSON_AddStringToObject(o, "address", addr);
    cJSON_AddNumberToObject(o, "port", station_port(st));
    if (!station_world(st)) { /* a gas or VOCs station */
        cJSON *u = cJSON_AddObjectToObject(o, "units");
        char key[16];
        cJSON_AddStringToObject(o, "kind", station_get_kind(st) == STATION_VOCS ? "vocs" : "gas");
        snap_gas_units(st, u);
        cJSON_AddItemToObject(u, "8", snap_door(station_door(st)));
        for (int k = 0; k < STATION_CAM_COUNT; k++)
            if (station_camera_at(st, k)) {
                snprintf(key, sizeof key, "%d", STATION_UNIT_CAM_STATION + k);
                cJSON_AddItemToObject(u, key, snap_camera(station_camera_at(st, k), k ? "outfall" : "station"));
            }
        for (int i = 0; i < station_meter_count(st); i++) {
            snprintf(key, sizeof key, "%d", STATION_UNIT_GMETER0 + i);
            cJSON_AddItemToObject(u, key, snap_meter(st, i));
        }
        return o;
    }
    const world_out *w = world_output(station_world(st));
    cJSON *truth = cJSON_AddObjectToObject(o, "world");
    cJSON_AddNumberToObject(truth, "outfall_m3h", w->plant.outfall_m3h);
    cJSON_AddNumberToObject(truth, "channel_m3h", w->channel.sample_m3h);
    cJSON_AddNumberToObject(truth, "channel_cod", w->channel.sample.cod);
    cJSON_AddNumberToObject(truth, "line_cod", w->line.cod);
    cJSON *u = cJSON_AddObjectToObject(o, "units");
    char key[16];
    for (int p = 0; p < STATION_P_COUNT; p++) {
        analyzer *a = station_analyzer_at(st, p);
        static const char *const names[] = {"cod", "nh3n", "tp", "tn"};
        if (!a) continue;
        snprintf(key, sizeof key, "%d", p + 1);
        cJSON_AddItemToObject(u, key, snap_analyzer(a, names[p]));
    }
    if (station_probe(st)) cJSON_AddItemToObject(u, "5", snap_probe(station_probe(st)));
    cJSON_AddItemToObject(u, "6", snap_flow(station_flowmeter(st)));
    cJSON_AddItemToObject(u, "7", snap_sampler(station_sampler(st)));
    cJSON_AddItemToObject(u, "8", snap_door(station_door(st)));
    if (station_camera_at(st, STATION_CAM_STATION))
        cJSON_AddItemToObject(u, "9",
                              snap_camera(station_camera_at(st, STATION_CAM_STATION), "station"));
    if (station_camera_at(st, STATION_CAM_OUTFALL))
        cJSON_AddItemToObject(u, "10",
                              snap_camera(station_camera_at(st, STATION_CAM_OUTFALL), "outfall"));
    for (int i = 0; i < station_meter_count(st); i++) {
        snprintf(key, sizeof key, "%d", STATION_UNIT_METER0 + i);
        cJSON_AddItemToObject(u, key, snap_meter(st, i));
    }
    return o;
}

/* Writes the snapshot to path (through a temporary file, renamed: a reader never sees
 * half a file). 0 or -1. */
static int write_snapshot(const char *path, session *ss, const char *addr, int64_t t)
{
    cJSON *root = cJSON_CreateObject();
    char iso[40] = "";
    hjtime_format_iso(t, iso, sizeof iso);
    cJSON_AddStringToObject(root, "time", iso);
    cJSON_AddNumberToObject(root, "t_ms", (double)t);
    cJSON *arr = cJSON_AddArrayToObject(root, "stations");
    for (size_t i = 0; i < session_station_count(ss); i++)
        cJSON_AddItemToArray(arr, snap_station(session_station(ss, i), addr));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) return -1;
    char tmp[4096];
    int rc = -1;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) < (int)sizeof tmp) {
        FILE *f = fopen(tmp, "w");
        if (f) {
            size_t len = strlen(text);
            int ok = fwrite(text, 1, len, f) == len && fputc('\n', f) != EOF;
            if (fclose(f) == 0 && ok && rename(tmp, path) == 0) rc = 0;
        }
    }
    free(text);
    return rc;
}

/* ---- the run ---- */

static void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* The stations' configurations: the profile's defaults, the MNs counted up from --mn.
 * 0, or 2 with the usage error printed. */
static int make_cfgs(const st_opts *o, station_cfg *cfgs)
{
    char err[256] = "";
    for (int i = 0; i < o->count; i++) {
        if (o->gas_profile >= 0)
            station_cfg_default_gas(&cfgs[i], o->gas_profile);
        else
            station_cfg_default(&cfgs[i], o->profile);
        if (make_mn(o->mn, i, o->count, cfgs[i].mn, sizeof cfgs[i].mn) < 0) {
            cmd_usage_error(MSG_ST_MN_COUNT, o->mn);
            return 2;
        }
        int bad = station_cfg_check(&cfgs[i], err, sizeof err);
        if (bad < 0) {
            cmd_usage_error(MSG_ST_BAD_STATION, i18n_cfgerr(-bad));
            return 2;
        }
    }
    return 0;
}

/* The loop of the threading model above, until a signal, the end of --duration or of the
 * hold. 0, or 1 with the message printed. */
static int serve_loop(session *ss, const st_opts *o, int64_t hold)
{
    int64_t step_ms = station_config(session_station(ss, 0))->world.step_ms;
    int64_t end = o->has_duration && !o->hold_at ? o->start + o->duration : INT64_MAX;
    int64_t vt = o->start; /* virtual time reached */
    int64_t m0 = mono_ms();
    int64_t held_since = -1; /* monotonic ms of the hold */
    while (!st_stop) {
        int timeout = 100;
        if (o->hold_at && held_since < 0 && vt < hold) {
            /* catching up to the hold: as fast as possible, a slice per loop turn */
            vt = vt + ST_SLICE_MS < hold ? vt + ST_SLICE_MS : hold;
            session_advance(ss, vt, 0);
            timeout = 0;
        } else if (o->hold_at && held_since < 0) {
            held_since = mono_ms();
            char tb[32] = "";
            hjtime_format(hold, tb, sizeof tb);
            if (o->snapshot && write_snapshot(o->snapshot, ss, o->listen, hold) < 0) {
                fprintf(stderr, "hjrange station: %s: %s\n", i18n(MSG_ST_SNAPSHOT_FAIL),
                        o->snapshot);
                return 1;
            }
            printf("held %s\n", tb);
            fflush(stdout);
        } else if (held_since >= 0) {
            if (o->has_duration && mono_ms() - held_since >= o->duration) break;
        } else {
            /* paced: virtual = start + speed x elapsed wall time */
            double el = (double)(mono_ms() - m0) * o->speed;
            int64_t due = o->start + (int64_t)el;
            if (due > end) due = end;
            if (due > vt) {
                vt = due;
                session_advance(ss, vt, 0);
            }
            if (vt >= end) break;
            /* wake up for the next grid step */
            int64_t next = station_time(session_station(ss, 0)) + step_ms - vt;
            double wait = (double)next / o->speed;
            if (wait < timeout) timeout = wait < 1 ? 1 : (int)wait;
        }
        if (session_serve(ss, timeout) < 0 && errno != EINTR) {
            fprintf(stderr, "hjrange station: %s\n", strerror(errno));
            return 1;
        }
    }
    if (o->snapshot && !o->hold_at && write_snapshot(o->snapshot, ss, o->listen, vt) < 0) {
        fprintf(stderr, "hjrange station: %s: %s\n", i18n(MSG_ST_SNAPSHOT_FAIL), o->snapshot);
        return 1;
    }
    return 0;
}

/* Drives a session without a scenario: the stations and their endpoints only. */
int cmd_station(int argc, char **argv)
{
    st_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    if (!o.has_start) { /* now, on the minute */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        o.start = (int64_t)ts.tv_sec * 1000 / HJTIME_MINUTE_MS * HJTIME_MINUTE_MS;
    }
    int64_t hold = INT64_MAX;
    if (o.hold_at) {
        if (clock_parse_time(o.hold_at, o.start, &hold) < 0)
            return cmd_bad_form("--hold-at", o.hold_at, MSG_OPT_FORMS_TIME);
        if (hold < o.start) return cmd_usage_error(MSG_ST_HOLD_BEFORE_START, o.hold_at);
    }
    raise_nofile();
    station_cfg *cfgs = calloc((size_t)o.count, sizeof *cfgs);
    if (!cfgs) {
        fprintf(stderr, "hjrange station: out of memory\n");
        return 1;
    }
    int status = make_cfgs(&o, cfgs);
    session *ss = NULL;
    char err[256] = "";
    if (status == 0) {
        session_cfg sc;
        memset(&sc, 0, sizeof sc);
        sc.stations = cfgs;
        sc.n_stations = (size_t)o.count;
        sc.seed = o.seed;
        sc.t0 = o.start;
        sc.modbus_addr = o.listen;
        sc.modbus_port = o.port;
        ss = session_open(&sc, NULL, err, sizeof err);
        if (!ss || session_start(ss, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "hjrange station: %s: %s\n", i18n(MSG_ST_LISTEN_FAIL), err);
            status = 1;
        }
    }
    if (status == 0) {
        for (size_t i = 0; i < session_station_count(ss); i++) {
            station *st = session_station(ss, i);
            station_on_write(st, on_write, NULL);
            printf("%s %s:%d\n", station_mn(st), o.listen, station_port(st));
        }
        fflush(stdout);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        status = serve_loop(ss, &o, hold);
    }
    session_close(ss);
    free(cfgs);
    return status;
}
