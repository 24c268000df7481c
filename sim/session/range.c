/*
 * range.c — the range engine: stations + DAUs + platform(s) on one virtual clock.
 */
#include "range.h"

#include "clock.h"
#include "detect.h"
#include "hjcode.h"
#include "hjnum.h"
#include "hjtime.h"
#include "platform.h"
#include "registry.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h> /* not <pthread.h>: it includes <sched.h>, shadowed by sim/sched.h */
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct poll_ctx {
    struct range *r;
    size_t i;
} poll_ctx;

struct range {
    range_cfg cfg;
    size_t n;
    station **st;
    dau **dau;
    mbloop *loop;
    detect *det;    /* the in-process platform and its detection engine */
    platform *plat; /* borrowed from det */
    int plat_port;
    thrd_t net_th, plat_th;
    int net_started, plat_started;
    atomic_int stop;
    atomic_llong now; /* the virtual clock, read by the platform thread */
    mtx_t mu;
    FILE *log, *series;
    poll_ctx *pcs; /* one per station: the DAUs' on_poll contexts */
    uint64_t events;
    char err[256];
};

static int64_t range_clock(void *ctx)
{
    return (int64_t)atomic_load(&((range *)ctx)->now);
}

static int net_main(void *arg)
{
    range *r = arg;
    struct pollfd p = {mbloop_fd(r->loop), POLLIN, 0};
    while (!atomic_load(&r->stop)) {
        int n = poll(&p, 1, 50);
        if (n < 0 && errno != EINTR) break;
        mtx_lock(&r->mu);
        mbloop_run_once(r->loop, 0);
        mtx_unlock(&r->mu);
    }
    return 0;
}

static int plat_main(void *arg)
{
    range *r = arg;
    while (!atomic_load(&r->stop))
        if (platform_poll_once(r->plat, 50) < 0) break;
    return 0;
}

static void on_record(void *ctx, int64_t t, int cn, const char *frame, size_t n)
{
    (void)t;
    (void)cn;
    range *r = ctx;
    if (r->log) fwrite(frame, 1, n, r->log);
}

/* One series.csv row: "%s,%s,%s,%.6f,%.6f,%c,%d\n" (the numbers by hjnum_fixed, the same
 * text): one per code per poll. */
static void series_row(FILE *f, const char *ts, const char *mn, const char *code, double truth,
                       double value, char flag, int fresh)
{
    char row[512];
    int n = snprintf(row, sizeof row, "%s,%s,%s,", ts, mn, code);
    int a = n >= 0 && (size_t)n < sizeof row - 2 * HJNUM_MAX - 32
                ? hjnum_fixed(row + n, HJNUM_MAX, truth, 6)
                : -1;
    int b = a >= 0 ? hjnum_fixed(row + n + a + 1, HJNUM_MAX, value, 6) : -1;
    if (b < 0) { /* a long text or a large number: as printf writes it */
        fprintf(f, "%s,%s,%s,%.6f,%.6f,%c,%d\n", ts, mn, code, truth, value, flag, fresh);
        return;
    }
    row[n + a] = ',';
    size_t k = (size_t)(n + a + 1 + b);
    row[k++] = ',';
    row[k++] = flag;
    row[k++] = ',';
    if (fresh == 0 || fresh == 1) {
        row[k++] = (char)('0' + fresh);
        row[k++] = '\n';
        fwrite(row, 1, k, f);
    } else {
        fwrite(row, 1, k, f);
        fprintf(f, "%d\n", fresh);
    }
}

static void on_poll(void *ctx, int64_t t, const double *value, const char *flag, const int *fresh)
{
    poll_ctx *pc = ctx;
    range *r = pc->r;
    if (!r->series || !station_world(r->st[pc->i])) return; /* gas: on_gas_poll */
    const world_out *wo = world_output(station_world(r->st[pc->i]));
    const water *q = &wo->channel.sample;
    double truth[DAU_C_COUNT] = {[DAU_C_FLOW] = wo->channel.meter_m3h / 3.6,
                                 [DAU_C_PH] = q->ph,
                                 [DAU_C_TEMP] = q->temp,
                                 [DAU_C_COND] = q->cond,
                                 [DAU_C_COD] = q->cod,
                                 [DAU_C_TN] = q->tn,
                                 [DAU_C_NH3N] = q->nh3n,
                                 [DAU_C_TP] = q->tp};
    char ts[40];
    hjtime_format_iso(t, ts, sizeof ts);
    for (int c = 0; c < DAU_C_COUNT; c++) {
        if (isnan(value[c])) continue;
        series_row(r->series, ts, station_mn(r->st[pc->i]), dau_code_name(c), truth[c], value[c],
                   flag[c], fresh[c]);
    }
}

/* A gas or VOCs station's poll: one row per code, the truth at the monitoring section
 * (station_gas_truth) beside what the DAU reported. */
static void on_gas_poll(void *ctx, int64_t t, int n, const int *code, const double *value,
                        const char *flag)
{
    poll_ctx *pc = ctx;
    range *r = pc->r;
    if (!r->series) return;
    station *st = r->st[pc->i];
    char ts[40];
    hjtime_format_iso(t, ts, sizeof ts);
    for (int k = 0; k < n; k++)
        series_row(r->series, ts, station_mn(st), hjcode_at((size_t)code[k])->code,
                   station_gas_truth(st, code[k]), value[k], flag[k], flag[k] != 'B');
}

/*
 * Threading model of a run.
 *  - The caller's thread (the "range thread") owns the virtual clock, the stations' models
 *    and the DAUs. For each event time t (the earliest DAU work), it steps every station to
 *    t holding r->mu, releases it, then runs every DAU due at t in station order: the DAU
 *    polls its station over Modbus/TCP (blocking libmodbus calls) and sends HJ 212; then
 *    it waits (poll(2) on the DAUs' sockets, real time, at most dau_cfg.ack_wait_ms) until
 *    every record in flight is acknowledged, and only then moves the clock on. So the world
 *    does not change while a DAU polls (lockstep), and the data are a function of virtual
 *    time only.
 *  - The net thread runs the mbloop of every station endpoint: it waits on the loop's fd
 *    and handles the ready requests holding r->mu, so it never reads a model while the
 *    range thread steps it (or a knob changes it: callers take range_lock()).
 *  - The in-process platform, if any, runs platform_poll_once in its own thread, and with
 *    it the detection engine each commit is pushed to (detect.h): the alert callback
 *    (range_cfg.platform_on_alert) is called there. Its clock is the range's virtual clock
 *    (an atomic), so `received` times are virtual.
 * Nothing else shares state between threads. Shutdown: stop flag, join, free.
 *  - cfg.one_thread (--fast): neither thread is started and the caller's thread does all of
 *    it, in the same order: a DAU's poll sends its requests, serves the loop (serve_loop,
 *    holding r->mu) and reads the replies; range_settle runs platform_poll_once between
 *    the DAUs' reads of their acks. The same bytes cross the same sockets, and no thread
 *    waits for another to be scheduled.
 */
/* A limit as the range has always handed it to the platform: 6 significant digits. */
static double limit_value(double v)
{
    char text[32];
    snprintf(text, sizeof text, "%.6g", v);
    return strtod(text, NULL);
}

void range_registry_entry(const station_cfg *sc, const char *sm4_key, registry_station *out)
{
    static const int codes[4] = {HJCODE_COD, HJCODE_NH3N, HJCODE_TP, HJCODE_TN};
    const double values[4] = {sc->limits.cod, sc->limits.nh3n, sc->limits.tp, sc->limits.tn};
    memset(out, 0, sizeof *out);
    snprintf(out->mn, sizeof out->mn, "%.24s", sc->mn); /* the DAU refuses longer ones */
    snprintf(out->pw, sizeof out->pw, "%.6s", sc->pw);
    out->protocol = sc->protocol;
    if (sm4_key) snprintf(out->key, sizeof out->key, "%s", sm4_key);
    out->has_limits = 1;
    out->nlimits = 4;
    if (sc->kind != STATION_WATER) { /* mg/m3 converted, the codes of GAS.md; 0: none */
        static const int gcodes[5] = {HJCODE_SO2, HJCODE_NOX, HJCODE_PM, HJCODE_CO, HJCODE_NMHC};
        const station_gas_cfg *g = &sc->gas;
        const double gv[5] = {g->so2, g->nox, g->pm_limit, g->co, g->nmhc_limit};
        out->nlimits = 0;
        for (int i = 0; i < 5; i++) {
            if (!(gv[i] > 0)) continue;
            snprintf(out->limits[out->nlimits].code, sizeof out->limits[0].code, "%s",
                     hjcode_at((size_t)gcodes[i])->code);
            out->limits[out->nlimits++].value = gv[i];
        }
    }
    for (int i = 0; i < 4 && sc->kind == STATION_WATER; i++) {
        snprintf(out->limits[i].code, sizeof out->limits[i].code, "%s",
                 hjcode_at((size_t)codes[i])->code);
        out->limits[i].value = limit_value(values[i]);
    }
    /* the facilities' current meters in order, production lines first (ea1001 ...) */
    out->has_meters = 1;
    for (int k = 0; k < sc->world.plant.nproduction && k < REGISTRY_MAX_METERS; k++)
        hjcode_format(hjcode_at(HJCODE_CURRENT), k + 1, out->production_meters[out->nmeters++],
                      REGISTRY_CODE);
}

int range_write_registry(const station_cfg *st, size_t n, const char *const *sm4_keys, FILE *out)
{
    registry_station *rs = calloc(n ? n : 1, sizeof *rs);
    if (!rs) return -1;
    for (size_t i = 0; i < n; i++)
        range_registry_entry(&st[i], sm4_keys ? sm4_keys[i] : NULL, &rs[i]);
    int rc = registry_write(out, rs, n);
    free(rs);
    return rc;
}

/* The in-process platform's registry: out_dir/stations.json. */
static int write_stations(const range_cfg *cfg, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int rc = range_write_registry(cfg->stations, cfg->n_stations, cfg->sm4_keys, f);
    if (fclose(f) != 0) rc = -1;
    return rc;
}

/* One thread: a DAU waiting for its replies has the endpoints' ready requests served. */
static void serve_loop(void *ctx)
{
    range *r = ctx;
    mtx_lock(&r->mu);
    mbloop_run_once(r->loop, 0);
    mtx_unlock(&r->mu);
}

/* The range object and its per-station arrays (the stations and DAUs come later). */
static range *range_alloc(const range_cfg *cfg, char *err, size_t errlen)
{
    range *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->cfg = *cfg;
    r->n = cfg->n_stations;
    atomic_store(&r->now, (long long)cfg->t0);
    mtx_init(&r->mu, mtx_plain);
    r->st = calloc(r->n, sizeof *r->st);
    r->dau = calloc(r->n, sizeof *r->dau);
    r->pcs = calloc(r->n, sizeof *r->pcs);
    if (!r->st || !r->dau || !r->pcs) {
        snprintf(err, errlen, "out of memory");
        range_free(r);
        return NULL;
    }
    return r;
}

/* out_dir/hj212.log and out_dir/series.csv (with its header). */
static int open_outputs(range *r, const char *out_dir, char *err, size_t errlen)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/hj212.log", out_dir);
    r->log = fopen(path, "wb");
    snprintf(path, sizeof path, "%s/series.csv", out_dir);
    r->series = fopen(path, "wb");
    if (!r->log || !r->series) {
        snprintf(err, errlen, "%s: %s", out_dir, strerror(errno));
        return -1;
    }
    fputs("time,mn,code,true,reported,flag,fresh\n", r->series);
    return 0;
}

/* Every station built and listening on the loop (cfg.modbus_port, +1 ... or ephemeral). */
static int serve_stations(range *r, const range_cfg *cfg, const char *addr, char *err,
                          size_t errlen)
{
    r->loop = mbloop_new(err, errlen);
    if (!r->loop) return -1;
    for (size_t i = 0; i < r->n; i++) {
        r->st[i] = station_new(&cfg->stations[i], cfg->seed, cfg->t0, err, errlen);
        int port = cfg->modbus_port > 0 ? cfg->modbus_port + (int)i : 0;
        if (!r->st[i] || station_serve(r->st[i], r->loop, addr, port, err, errlen) != 0) return -1;
    }
    return 0;
}

/* The in-process platform and its detection engine, listening on 127.0.0.1:ephemeral. */
static int start_platform(range *r, const range_cfg *cfg, char *err, size_t errlen)
{
    detect_cfg dc;
    memset(&dc, 0, sizeof dc);
    platform_cfg pc;
    memset(&pc, 0, sizeof pc);
    pc.db_path = cfg->platform_db;
    pc.stations_path = cfg->platform_stations;
    pc.records_path = cfg->platform_records;
    dc.alerts_path = cfg->platform_alerts;
    /* the compiled thresholds unless the caller names a file ("": not even the file
     * $HJRANGE_THRESHOLDS names) */
    dc.thresholds_path = cfg->platform_thresholds ? cfg->platform_thresholds : "";
    dc.lang = cfg->platform_lang;
    char stpath[1024];
    if (!pc.stations_path && cfg->out_dir) {
        snprintf(stpath, sizeof stpath, "%s/stations.json", cfg->out_dir);
        if (write_stations(cfg, stpath) != 0) {
            snprintf(err, errlen, "%s: %s", stpath, strerror(errno));
            return -1;
        }
        pc.stations_path = stpath;
    }
    pc.sync = cfg->platform_sync_full ? STORE_SYNC_FULL : STORE_SYNC_NORMAL;
    pc.idle_timeout_ms = -1;             /* virtual clock jumps: no idle close */
    pc.max_per_addr = PLATFORM_NO_LIMIT; /* every DAU of the range is on this host */
    pc.now_ms = range_clock;
    pc.clock_ctx = r;
    pc.log = cfg->platform_log;
    pc.log_ctx = cfg->platform_log_ctx;
    dc.platform = pc;
    dc.on_alert = cfg->platform_on_alert;
    dc.alert_ctx = cfg->platform_alert_ctx;
    dc.on_batch = cfg->platform_on_batch;
    dc.batch_ctx = cfg->platform_batch_ctx;
    r->det = detect_new(&dc, err, errlen);
    if (!r->det) return -1;
    r->plat = detect_platform(r->det);
    r->plat_port = platform_listen(r->plat, "127.0.0.1:0");
    if (r->plat_port <= 0) {
        snprintf(err, errlen, "platform: %s", platform_errmsg(r->plat));
        return -1;
    }
    return 0;
}

/* The DAU settings of station i: cfg.dau (or the defaults) with the station's identity,
 * its endpoint and its fitted devices. */
static dau_cfg dau_cfg_of(range *r, const range_cfg *cfg, size_t i, const char *addr)
{
    const station_cfg *sc = &cfg->stations[i];
    dau_cfg dc;
    if (cfg->dau)
        dc = *cfg->dau;
    else
        dau_cfg_default(&dc);
    dc.mn = sc->mn;
    dc.pw = sc->pw;
    dc.protocol = sc->protocol;
    dc.modbus_host = addr;
    dc.modbus_port = station_port(r->st[i]);
    for (int p = 0; p < 4; p++)
        dc.analyzer[p] = station_analyzer_at(r->st[i], p) != NULL;
    dc.toc = sc->cod == STATION_COD_TOC;
    dc.ph = station_probe(r->st[i]) != NULL;
    dc.door = station_door(r->st[i]) != NULL;
    for (int k = 0; k < 2; k++)
        dc.camera[k] = station_camera_at(r->st[i], k) != NULL;
    dc.n_meters = station_meter_count(r->st[i]);
    if (dc.n_meters > DAU_MAX_METERS) dc.n_meters = DAU_MAX_METERS;
    if (sc->kind != STATION_WATER) {
        const station_gas_cfg *g = &sc->gas;
        dc.st = 31; /* HJ 212: flue gas */
        dc.gas.on = 1;
        for (int a = 0; a < STATION_G_COUNT && a < 5; a++)
            dc.gas.an[a] = station_gasan_at(r->st[i], a) != NULL;
        dc.gas.pm = station_pmmon(r->st[i]) != NULL;
        dc.gas.gcfid = station_gcfid(r->st[i]) != NULL;
        dc.gas.damper = station_damper(r->st[i]) != NULL;
        dc.gas.o2_insitu = g->o2_mode == STATION_O2_INSITU;
        dc.gas.o2_ref = g->an[STATION_G_O2] ? g->stack.o2_ref : 0;
        dc.gas.n_production = sc->world.plant.nproduction;
        dc.meter_unit0 = STATION_UNIT_GMETER0;
        for (int p = 0; p < 4; p++)
            dc.analyzer[p] = 0;
        dc.ph = 0;
    }
    dc.state_dir = cfg->state_dir;
    dc.sm4_key = cfg->sm4_keys ? cfg->sm4_keys[i] : NULL;
    if (cfg->one_thread) {
        dc.serve_fd = mbloop_fd(r->loop);
        dc.serve = serve_loop;
        dc.serve_ctx = r;
    }
    dc.on_record = on_record;
    dc.record_ctx = r;
    r->pcs[i] = (poll_ctx){r, i};
    dc.on_poll = on_poll;
    dc.on_gas_poll = on_gas_poll;
    dc.poll_ctx = &r->pcs[i];
    return dc;
}

/* DAU i's links: the in-process platform first, then the external ones ("HOST:PORT"). */
static int add_links(range *r, const range_cfg *cfg, size_t i, char *err, size_t errlen)
{
    if (r->plat && dau_add_link(r->dau[i], "127.0.0.1", r->plat_port, err, errlen) < 0) return -1;
    for (size_t k = 0; k < cfg->n_platforms; k++) {
        char host[64];
        int port = 0;
        const char *colon = strrchr(cfg->platforms[k], ':');
        if (!colon || (size_t)(colon - cfg->platforms[k]) >= sizeof host ||
            sscanf(colon + 1, "%d", &port) != 1) {
            snprintf(err, errlen, "range: bad platform %s (HOST:PORT)", cfg->platforms[k]);
            return -1;
        }
        snprintf(host, sizeof host, "%.*s", (int)(colon - cfg->platforms[k]), cfg->platforms[k]);
        if (dau_add_link(r->dau[i], host, port, err, errlen) < 0) return -1;
    }
    return 0;
}

/* The net thread, and the platform thread when there is a platform. */
static int start_threads(range *r, char *err, size_t errlen)
{
    if (thrd_create(&r->net_th, net_main, r) != thrd_success) {
        snprintf(err, errlen, "range: cannot start the net thread");
        return -1;
    }
    r->net_started = 1;
    if (r->plat) {
        if (thrd_create(&r->plat_th, plat_main, r) != thrd_success) {
            snprintf(err, errlen, "range: cannot start the platform thread");
            return -1;
        }
        r->plat_started = 1;
    }
    return 0;
}

range *range_new(const range_cfg *cfg, char *err, size_t errlen)
{
    if (!cfg->stations || cfg->n_stations == 0) {
        snprintf(err, errlen, "range: no stations");
        return NULL;
    }
    if (cfg->in_process_platform && !cfg->platform_db) {
        snprintf(err, errlen, "range: the in-process platform needs a database path");
        return NULL;
    }
    range *r = range_alloc(cfg, err, errlen);
    if (!r) return NULL;
    const char *addr = cfg->modbus_addr ? cfg->modbus_addr : "127.0.0.1";
    if (cfg->stations_only) { /* no DAU, no platform, no thread: the caller serves */
        if (serve_stations(r, cfg, addr, err, errlen) != 0) goto fail;
        goto done;
    }
    if (cfg->out_dir && open_outputs(r, cfg->out_dir, err, errlen) != 0) goto fail;
    if (serve_stations(r, cfg, addr, err, errlen) != 0) goto fail;
    if (cfg->in_process_platform && start_platform(r, cfg, err, errlen) != 0) goto fail;
    for (size_t i = 0; i < r->n; i++) {
        dau_cfg dc = dau_cfg_of(r, cfg, i, addr);
        r->dau[i] = dau_new(&dc, cfg->t0, err, errlen);
        if (!r->dau[i] || add_links(r, cfg, i, err, errlen) != 0) goto fail;
    }
    if (!cfg->one_thread && start_threads(r, err, errlen) != 0) goto fail;
done:
    r->cfg.stations = NULL; /* borrowed only during range_new */
    r->cfg.sm4_keys = NULL;
    r->cfg.platforms = NULL;
    r->cfg.dau = NULL;
    return r;
fail:
    range_free(r);
    return NULL;
}

void range_free(range *r)
{
    if (!r) return;
    atomic_store(&r->stop, 1);
    if (r->net_started) thrd_join(r->net_th, NULL);
    if (r->plat_started) thrd_join(r->plat_th, NULL);
    for (size_t i = 0; r->dau && i < r->n; i++)
        dau_free(r->dau[i]);
    detect_free(r->det);
    for (size_t i = 0; r->st && i < r->n; i++)
        station_free(r->st[i]);
    mbloop_free(r->loop);
    if (r->log) fclose(r->log);
    if (r->series) fclose(r->series);
    free(r->pcs);
    free(r->st);
    free(r->dau);
    mtx_destroy(&r->mu);
    free(r);
}

int64_t range_next_event(const range *r)
{
    int64_t n = INT64_MAX;
    for (size_t i = 0; i < r->n && !r->cfg.stations_only; i++) {
        int64_t e = dau_next_event(r->dau[i]);
        if (e < n) n = e;
    }
    return n;
}

/* Waits (real time) until no DAU has a record in flight younger than its ack wait. With
 * one thread, runs the in-process platform meanwhile, until it has nothing left to read. */
static void range_settle(range *r, int64_t t)
{
    enum { MAXFD = 4096 };
    struct pollfd pf[MAXFD];
    int own = r->cfg.one_thread && r->plat; /* the platform is ours to run */
    for (;;) {
        int busy = 0;
        nfds_t nf = 0;
        for (size_t i = 0; i < r->n; i++) {
            dau_io(r->dau[i], t);
            if (!dau_busy(r->dau[i])) continue;
            busy = 1;
            int fds[DAU_MAX_LINKS];
            int k = dau_fds(r->dau[i], fds, DAU_MAX_LINKS);
            for (int j = 0; j < k && nf < MAXFD - 1; j++)
                pf[nf++] = (struct pollfd){fds[j], POLLIN, 0};
        }
        /* ours, the platform has taken everything sent before the clock moves on, however
         * long this thread waited for a core (an ack's real-time wait may have run out) */
        if (own && platform_poll_once(r->plat, 0) > 0) continue; /* acks may be out */
        if (!busy) return;
        if (own) pf[nf++] = (struct pollfd){platform_fd(r->plat), POLLIN, 0};
        poll(pf, nf, 5);
    }
}

static int range_step_to(range *r, int64_t t)
{
    atomic_store(&r->now, (long long)t);
    mtx_lock(&r->mu);
    for (size_t i = 0; i < r->n; i++)
        station_step(r->st[i], t);
    mtx_unlock(&r->mu);
    return 0;
}

int range_run_until(range *r, int64_t t)
{
    for (;;) {
        int64_t e = range_next_event(r);
        if (e > t) break;
        if (e < range_now(r)) e = range_now(r);
        range_step_to(r, e);
        for (size_t i = 0; i < r->n; i++) {
            if (dau_next_event(r->dau[i]) > e) continue;
            if (dau_run(r->dau[i], e) != 0) {
                snprintf(r->err, sizeof r->err, "%s: %s", dau_mn(r->dau[i]), dau_errmsg(r->dau[i]));
                return -1;
            }
        }
        range_settle(r, e);
        r->events++;
    }
    if (t > range_now(r)) range_step_to(r, t);
    if (r->log) fflush(r->log);
    if (r->series) fflush(r->series);
    return 0;
}

int range_run_paced(range *r, int64_t t, double speed)
{
    if (speed <= 0) return range_run_until(r, t);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double real0 = (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
    int64_t v0 = range_now(r);
    while (range_now(r) < t) {
        int64_t e = range_next_event(r);
        if (e > t) e = t;
        /* sleep until the real time of e, in slices so that callers stay responsive */
        double due = real0 + (double)(e - v0) / speed;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        double now = (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
        if (due > now) {
            double ms = due - now;
            struct timespec sl = {(time_t)(ms / 1000), (long)(fmod(ms, 1000.0) * 1e6)};
            nanosleep(&sl, NULL);
        }
        if (range_run_until(r, e) != 0) return -1;
    }
    return 0;
}

int64_t range_now(const range *r)
{
    return (int64_t)atomic_load(&r->now);
}
size_t range_count(const range *r)
{
    return r->n;
}
station *range_station(range *r, size_t i)
{
    return i < r->n ? r->st[i] : NULL;
}
dau *range_dau(range *r, size_t i)
{
    return i < r->n ? r->dau[i] : NULL;
}
int range_modbus_port(const range *r, size_t i)
{
    return i < r->n ? station_port(r->st[i]) : 0;
}
int range_serve(range *r, int timeout_ms)
{
    return mbloop_run_once(r->loop, timeout_ms);
}
int range_platform_port(const range *r)
{
    return r->plat_port;
}
void range_lock(range *r)
{
    mtx_lock(&r->mu);
}
void range_unlock(range *r)
{
    mtx_unlock(&r->mu);
}
const char *range_errmsg(const range *r)
{
    return r->err;
}

range_stats range_stats_get(const range *r)
{
    range_stats s;
    memset(&s, 0, sizeof s);
    s.events = r->events;
    s.now = range_now(r);
    for (size_t i = 0; i < r->n && !r->cfg.stations_only; i++) {
        dau_stats d = dau_stats_get(r->dau[i]);
        s.polls += d.polls;
        s.modbus_errors += d.modbus_errors;
        s.modbus_exchanges += d.modbus_exchanges;
        s.records += d.records;
        s.sent += d.sent;
        s.acked += d.acked;
        s.resends += d.resends;
        s.refused += d.refused;
        s.dropped += d.dropped;
        s.queued += d.queued;
        if (d.max_queued > s.max_queued) s.max_queued = d.max_queued;
        s.commands += d.commands;
    }
    return s;
}

int range_mkdir_p(const char *dir)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
    struct stat sb;
    return stat(tmp, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 : -1;
}

