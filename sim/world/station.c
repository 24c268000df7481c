/*
 * station.c — a station room: world + devices + endpoint, stepped on the world's grid.
 */
#include "station.h"
#include "station-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgerr.h"
#include "channel.h"
#include "hjtime.h"
#include "plant.h"
#include "rng.h"
#include "sampleline.h"

/* ---- configuration ---- */

/* Default limits: dyeing GB 4287-2012 (indirect discharge), electroplating GB 21900-2008
 * table 2, chemical and food GB/T 31962-2015 class B (to a sewer), municipal GB 18918-2002
 * class 1A. pH 6-9 for all. */
static const station_limits LIMITS[PLANT_PROFILE_COUNT] = {
    [PLANT_DYEING] = {200, 20, 1.5, 30, 6, 9},  [PLANT_ELECTROPLATING] = {80, 15, 1.0, 20, 6, 9},
    [PLANT_CHEMICAL] = {500, 45, 8, 70, 6, 9},  [PLANT_FOOD] = {500, 45, 8, 70, 6, 9},
    [PLANT_MUNICIPAL] = {50, 5, 0.5, 15, 6, 9},
};

int station_limits_default(station_limits *l, int profile)
{
    if (profile < 0 || profile >= PLANT_PROFILE_COUNT) return -1;
    *l = LIMITS[profile];
    return 0;
}

int station_cfg_default(station_cfg *cfg, int profile)
{
    if (profile < 0 || profile >= PLANT_PROFILE_COUNT) return -1;
    memset(cfg, 0, sizeof *cfg);
    if (world_cfg_default(&cfg->world, profile) < 0) return -1;
    snprintf(cfg->pw, sizeof cfg->pw, "123456");
    cfg->protocol = 2017;
    station_limits_default(&cfg->limits, profile);
    cfg->cod = STATION_COD_DICHROMATE;
    cfg->fitted[STATION_P_COD] = 1;
    cfg->fitted[STATION_P_NH3N] = 1;
    cfg->fitted[STATION_P_TP] = 1;
    cfg->fitted[STATION_P_TN] = profile == PLANT_MUNICIPAL;
    cfg->ph = 1;
    cfg->cycle_ms = HJTIME_HOUR_MS;
    cfg->camera[STATION_CAM_STATION] = 1;
    cfg->camera[STATION_CAM_OUTFALL] = 1;
    cfg->analyzer_noise = 0.02;
    cfg->meter_nominal_a = 30.0;
    return 0;
}

static int fail(char *err, size_t n, const char *what)
{
    if (err && n) snprintf(err, n, "station: %s", what);
    return -1;
}

/* -(the reason's code), with "station: " and its English text in err. */
static int refuse(char *err, size_t n, cfgerr e)
{
    if (err && n) snprintf(err, n, "station: %s", cfgerr_en(e));
    return -(int)e;
}

static int in_range(double x, double lo, double hi)
{
    return x >= lo && x <= hi; /* false for NaN */
}

int station_cfg_check(const station_cfg *cfg, char *err, size_t errlen)
{
    size_t n = strnlen(cfg->mn, STATION_MN_MAX);
    if (n == 0 || n > 24) return refuse(err, errlen, WMSG_CFG_MN_LEN);
    for (size_t i = 0; i < n; i++) {
        char c = cfg->mn[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '_'))
            return refuse(err, errlen, WMSG_CFG_MN_CHARS);
    }
    if (strnlen(cfg->name, STATION_NAME_MAX) == STATION_NAME_MAX)
        return refuse(err, errlen, WMSG_CFG_NAME_LONG);
    if (strnlen(cfg->pw, STATION_PW_MAX) == STATION_PW_MAX) return refuse(err, errlen, WMSG_CFG_PW_LONG);
    if (cfg->protocol != 2017 && cfg->protocol != 2025)
        return refuse(err, errlen, WMSG_CFG_PROTOCOL);
    const station_limits *l = &cfg->limits;
    if (!in_range(l->cod, 0, 1e6) || !in_range(l->nh3n, 0, 1e6) || !in_range(l->tp, 0, 1e6) ||
        !in_range(l->tn, 0, 1e6))
        return refuse(err, errlen, WMSG_CFG_LIMITS);
    if (!in_range(l->ph_lo, 0, 14) || !in_range(l->ph_hi, 0, 14) || !(l->ph_lo < l->ph_hi))
        return refuse(err, errlen, WMSG_CFG_PH);
    if (cfg->cod < STATION_COD_NONE || cfg->cod > STATION_COD_TOC)
        return refuse(err, errlen, WMSG_CFG_COD_KIND);
    if (cfg->cycle_ms < HJTIME_MINUTE_MS || cfg->cycle_ms > HJTIME_DAY_MS ||
        cfg->cycle_ms % HJTIME_SECOND_MS != 0)
        return refuse(err, errlen, WMSG_CFG_CYCLE);
    if (!in_range(cfg->analyzer_noise, 0, 0.5))
        return refuse(err, errlen, WMSG_CFG_NOISE);
    if (!in_range(cfg->meter_nominal_a, 0.1, 1e5))
        return refuse(err, errlen, WMSG_CFG_METER);
    if (cfg->kind != STATION_WATER) {
        if (cfg->kind != STATION_GAS && cfg->kind != STATION_VOCS)
            return refuse(err, errlen, WMSG_CFG_KIND);
        int rc = stack_cfg_check(&cfg->gas.stack, NULL, 0);
        if (rc < 0) return refuse(err, errlen, (cfgerr)-rc);
    }
    int rc = plant_cfg_check(&cfg->world.plant, NULL, 0);
    if (rc < 0) return refuse(err, errlen, (cfgerr)-rc);
    return 0;
}

/* ---- construction ---- */

/* A device seed from the station's stream and the device's name. */
unsigned long long station_dev_seed(uint64_t seed, uint64_t stream, const char *name)
{
    uint64_t x = seed ^ rng_stream_id(stream, name);
    return rng_splitmix64(&x);
}

static const analyzer_kind KIND_OF[STATION_P_COUNT] = {ANALYZER_COD, ANALYZER_NH3N, ANALYZER_TP,
                                                       ANALYZER_TN};
static const char *const PARAM_NAME[STATION_P_COUNT] = {"cod", "nh3n", "tp", "tn"};

station *station_new(const station_cfg *cfg, uint64_t seed, int64_t t0, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (station_cfg_check(cfg, err, errlen) < 0) return NULL;
    station *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->cfg = *cfg;
    st->stream = rng_stream_id(0, cfg->mn);
    if (cfg->kind != STATION_WATER) {
        st->t = t0;
        st->step_ms = cfg->world.step_ms;
        if (station_gas_build(st, seed, err, errlen) < 0) goto err;
        return st;
    }
    st->w = world_new(&cfg->world, seed, st->stream, t0, err, errlen);
    if (!st->w) goto err;
    st->t = t0;
    st->step_ms = cfg->world.step_ms;
    const world_out *o = world_output(st->w);
    double t0s = (double)t0 / 1000.0;

    for (int p = 0; p < STATION_P_COUNT; p++) {
        if (!cfg->fitted[p] || (p == STATION_P_COD && cfg->cod == STATION_COD_NONE)) continue;
        analyzer_kind k = KIND_OF[p];
        if (p == STATION_P_COD && cfg->cod == STATION_COD_TOC) k = ANALYZER_TOC;
        analyzer_config ac;
        analyzer_config_default(&ac, k);
        ac.start = t0s;
        ac.seed = station_dev_seed(seed, st->stream, PARAM_NAME[p]);
        ac.noise_rel = cfg->analyzer_noise;
        analyzer *a = analyzer_new(&ac);
        if (!a) goto err;
        st->an[p] = a;
        /* the cup is full of what the line delivers: a running station, not a new one */
        analyzer_set_line(a, &o->line, ac.line_ml_s);
        analyzer_add_to_cup(a, ac.cup_ml, &o->line);
        if (cfg->cycle_ms != HJTIME_HOUR_MS)
            analyzer_set(a, ANALYZER_P_INTERVAL, (double)cfg->cycle_ms / 1000.0, HWDEV_SRC_PANEL);
        if (p == STATION_P_COD && k == ANALYZER_TOC)
            analyzer_set(a, ANALYZER_P_TOC_FACTOR, cfg->world.plant.cod_toc, HWDEV_SRC_PANEL);
    }
    if (cfg->ph) {
        probe_config pc;
        probe_config_default(&pc);
        pc.start = t0s;
        pc.seed = station_dev_seed(seed, st->stream, "ph");
        pc.initial = o->channel.sample;
        if (!(st->ph = probe_new(&pc))) goto err;
        probe_set_water(st->ph, &o->channel.sample);
    }
    flowmeter_config fc;
    flowmeter_config_default(&fc);
    fc.start = t0s;
    fc.seed = station_dev_seed(seed, st->stream, "flow");
    if (!(st->flow = flowmeter_new(&fc))) goto err;
    flowmeter_set_flow(st->flow, o->channel.meter_m3h);
    sampler_config sc;
    sampler_config_default(&sc);
    sc.start = t0s;
    if (!(st->smp = sampler_new(&sc))) goto err;
    sampler_set_water(st->smp, &o->channel.sample);
    door_config dc;
    door_config_default(&dc);
    dc.start = t0s;
    if (!(st->dr = door_new(&dc))) goto err;
    for (int c = 0; c < STATION_CAM_COUNT; c++) {
        if (!cfg->camera[c]) continue;
        camera_config cc;
        camera_config_default(&cc);
        cc.start = t0s;
        if (!(st->cam[c] = camera_new(&cc))) goto err;
    }
    plant *pl = world_plant(st->w);
    int nf = plant_facility_count(pl);
    for (int i = 0; i < nf && st->nmeters < NMETERS; i++) {
        plant_facility f;
        plant_facility_get(pl, i, &f);
        meter_config mc;
        meter_config_default(&mc);
        mc.start = t0s;
        mc.seed = station_dev_seed(seed, st->stream, f.name);
        mc.nominal_a = cfg->meter_nominal_a;
        meter_slot *s = &st->meters[st->nmeters];
        if (!(s->m = meter_new(&mc))) goto err;
        s->fac = i;
        s->nominal_a = mc.nominal_a;
        s->on = f.enabled;
        s->load = f.load;
        meter_set_on(s->m, s->on);
        meter_set_load(s->m, s->load);
        st->nmeters++;
    }
    return st;
err:
    station_free(st);
    return NULL;
}

void station_free(station *st)
{
    if (!st) return;
    mbserver_free(st->srv);
    station_gas_free(st);
    for (int p = 0; p < STATION_P_COUNT; p++)
        analyzer_free(st->an[p]);
    probe_free(st->ph);
    flowmeter_free(st->flow);
    sampler_free(st->smp);
    door_free(st->dr);
    for (int c = 0; c < STATION_CAM_COUNT; c++)
        camera_free(st->cam[c]);
    for (int i = 0; i < st->nmeters; i++)
        meter_free(st->meters[i].m);
    world_free(st->w);
    free(st);
}

/* ---- stepping ---- */

static int hose_of(int source)
{
    switch (source) {
    case SAMPLELINE_TAP:
        return CAMERA_HOSE_TAP;
    case SAMPLELINE_BUCKET:
        return CAMERA_HOSE_BUCKET;
    default:
        return CAMERA_HOSE_CHANNEL;
    }
}

/* What a camera makes of a water: a colour index 0..1 and turbidity (NTU), both rising
 * with the organic load (documented in docs/station.md). */
static void looks(const water *q, double *colour, double *turbidity)
{
    double cod = q->cod > 0 ? q->cod : 0;
    *colour = cod / (cod + 500.0);
    *turbidity = 0.1 * cod;
}

static int pipe_visible(channel *ch)
{
    int n = channel_inflow_count(ch);
    for (int i = 0; i < n; i++) {
        channel_inflow in;
        int h = 0;
        if (channel_inflow_get(ch, i, &in, &h) == 0 && !in.hidden && in.m3h > 0) return 1;
    }
    return 0;
}

static void feed(station *st)
{
    const world_out *o = world_output(st->w);
    for (int p = 0; p < STATION_P_COUNT; p++)
        if (st->an[p]) analyzer_set_line(st->an[p], &o->line, 1.0);
    if (st->ph) probe_set_water(st->ph, &o->channel.sample);
    sampler_set_water(st->smp, &o->channel.sample);
    flowmeter_set_flow(st->flow, o->channel.meter_m3h);

    plant *pl = world_plant(st->w);
    for (int i = 0; i < st->nmeters; i++) {
        meter_slot *s = &st->meters[i];
        plant_facility f;
        if (plant_facility_get(pl, s->fac, &f) < 0) continue;
        s->on = f.enabled;
        s->load = f.load;
        meter_set_on(s->m, s->on);
        meter_set_load(s->m, s->load);
    }

    sampleline *sl = world_sampleline(st->w);
    if (st->cam[STATION_CAM_STATION]) {
        camera_scene sc = {0};
        sc.people = st->npeople;
        sc.hose = hose_of(sampleline_source(sl));
        looks(sampleline_intake(sl), &sc.colour, &sc.turbidity);
        camera_set_scene(st->cam[STATION_CAM_STATION], &sc);
    }
    if (st->cam[STATION_CAM_OUTFALL]) {
        camera_scene sc = {0};
        sc.people = st->outfall_people;
        sc.pipe = pipe_visible(world_channel(st->w));
        looks(&o->channel.sample, &sc.colour, &sc.turbidity);
        camera_set_scene(st->cam[STATION_CAM_OUTFALL], &sc);
    }
}

static double limit_of(const station *st, int p)
{
    switch (p) {
    case STATION_P_COD:
        return st->cfg.limits.cod;
    case STATION_P_NH3N:
        return st->cfg.limits.nh3n;
    case STATION_P_TP:
        return st->cfg.limits.tp;
    default:
        return st->cfg.limits.tn;
    }
}

/* A new published result above its limit retains a sample (超标留样). */
static void check_limits(station *st)
{
    int trigger = 0;
    for (int p = 0; p < STATION_P_COUNT; p++) {
        if (!st->an[p]) continue;
        analyzer_status s;
        analyzer_get_status(st->an[p], &s);
        if (s.count == st->an_count[p]) continue;
        st->an_count[p] = s.count;
        double lim = limit_of(st, p);
        if (lim > 0 && s.value > lim && s.flag != 'D') trigger = 1;
    }
    if (trigger) sampler_trigger(st->smp, SAMPLER_OVERLIMIT);
}

int64_t station_step(station *st, int64_t t)
{
    int64_t n = 0;
    double dt = (double)st->step_ms / 1000.0;
    while (t - st->t >= st->step_ms) {
        int64_t next = st->t + st->step_ms;
        if (!st->w) { /* a gas or VOCs station */
            station_gas_step(st, dt);
            st->t = next;
            if (st->door_close_at && st->t >= st->door_close_at) {
                st->door_close_at = 0;
                door_close(st->dr);
            }
            n++;
            continue;
        }
        world_step(st->w, next);
        feed(st);
        for (int p = 0; p < STATION_P_COUNT; p++)
            if (st->an[p]) analyzer_step(st->an[p], dt);
        if (st->ph) probe_step(st->ph, dt);
        flowmeter_step(st->flow, dt);
        sampler_step(st->smp, dt);
        door_step(st->dr, dt);
        for (int c = 0; c < STATION_CAM_COUNT; c++)
            if (st->cam[c]) camera_step(st->cam[c], dt);
        for (int i = 0; i < st->nmeters; i++)
            meter_step(st->meters[i].m, dt);
        st->t = next;
        if (st->door_close_at && st->t >= st->door_close_at) {
            st->door_close_at = 0;
            door_close(st->dr);
        }
        check_limits(st);
        n++;
    }
    return n;
}

int64_t station_time(const station *st)
{
    return st->t;
}

/* ---- endpoint ---- */

static void write_cb(void *ctx, const mbserver_write *w)
{
    station *st = ctx;
    if (st->on_write) st->on_write(st->on_write_ctx, st, w);
}

int station_serve(station *st, mbloop *loop, const char *addr, int port, char *err, size_t errlen)
{
    if (st->srv) return fail(err, errlen, "already served");
    st->srv = mbserver_new(addr, port, loop, NULL, err, errlen);
    if (!st->srv) return -1;
    for (int u = 1; u <= STATION_UNIT_LAST; u++) {
        hwdev d = station_device(st, u);
        if (d.ops) mbserver_set_unit(st->srv, u, &d);
    }
    mbserver_on_write(st->srv, write_cb, st);
    return 0;
}

int station_port(const station *st)
{
    return st->srv ? mbserver_port(st->srv) : 0;
}

mbserver *station_server(station *st)
{
    return st->srv;
}

void station_on_write(station *st, station_write_fn fn, void *ctx)
{
    st->on_write = fn;
    st->on_write_ctx = ctx;
}

/* ---- accessors ---- */

const station_cfg *station_config(const station *st)
{
    return &st->cfg;
}

const char *station_mn(const station *st)
{
    return st->cfg.mn;
}

const char *station_name(const station *st)
{
    return st->cfg.name;
}

const char *station_pw(const station *st)
{
    return st->cfg.pw;
}

int station_protocol(const station *st)
{
    return st->cfg.protocol;
}

world *station_world(station *st)
{
    return st->w;
}

static int param_index(const char *param)
{
    if (!param) return -1;
    if (strcmp(param, "toc") == 0) return STATION_P_COD;
    for (int p = 0; p < STATION_P_COUNT; p++)
        if (strcmp(param, PARAM_NAME[p]) == 0) return p;
    return -1;
}

analyzer *station_analyzer(station *st, const char *param)
{
    return station_analyzer_at(st, param_index(param));
}

analyzer *station_analyzer_at(station *st, int p)
{
    return p >= 0 && p < STATION_P_COUNT ? st->an[p] : NULL;
}

probe *station_probe(station *st)
{
    return st->ph;
}

flowmeter *station_flowmeter(station *st)
{
    return st->flow;
}

sampler *station_sampler(station *st)
{
    return st->smp;
}

door *station_door(station *st)
{
    return st->dr;
}

static int camera_index(const char *which)
{
    if (!which) return -1;
    if (strcmp(which, "station") == 0) return STATION_CAM_STATION;
    if (strcmp(which, "outfall") == 0) return STATION_CAM_OUTFALL;
    return -1;
}

camera *station_camera(station *st, const char *which)
{
    return station_camera_at(st, camera_index(which));
}

camera *station_camera_at(station *st, int which)
{
    return which >= 0 && which < STATION_CAM_COUNT ? st->cam[which] : NULL;
}

int station_meter_count(const station *st)
{
    return st->nmeters;
}

static int meter_index(const station *st, const char *facility)
{
    int f = st->w ? plant_facility_find(world_plant(st->w), facility) : stack_fac_from_name(facility);
    for (int i = 0; f >= 0 && i < st->nmeters; i++)
        if (st->meters[i].fac == f) return i;
    return -1;
}

meter *station_meter(station *st, const char *facility)
{
    return station_meter_at(st, meter_index(st, facility));
}

meter *station_meter_at(station *st, int i)
{
    return i >= 0 && i < st->nmeters ? st->meters[i].m : NULL;
}

const char *station_meter_name(const station *st, int i)
{
    plant_facility f;
    if (i < 0 || i >= st->nmeters) return NULL;
    if (!st->w) return stack_fac_name(st->meters[i].fac);
    if (plant_facility_get(world_plant(st->w), st->meters[i].fac, &f) < 0) return NULL;
    return f.name;
}

int station_meter_feed(const station *st, int i, int *on, double *load, double *nominal_a)
{
    if (i < 0 || i >= st->nmeters) return -1;
    if (on) *on = st->meters[i].on;
    if (load) *load = st->meters[i].load;
    if (nominal_a) *nominal_a = st->meters[i].nominal_a;
    return 0;
}

hwdev station_device(station *st, int unit)
{
    hwdev none = {NULL, NULL};
    if (!st->w) return station_gas_device(st, unit);
    if (unit >= STATION_UNIT_COD && unit <= STATION_UNIT_TN)
        return st->an[unit - 1] ? analyzer_hwdev(st->an[unit - 1]) : none;
    switch (unit) {
    case STATION_UNIT_PH:
        return st->ph ? probe_hwdev(st->ph) : none;
    case STATION_UNIT_FLOW:
        return flowmeter_hwdev(st->flow);
    case STATION_UNIT_SAMPLER:
        return sampler_hwdev(st->smp);
    case STATION_UNIT_DOOR:
        return door_hwdev(st->dr);
    case STATION_UNIT_CAM_STATION:
    case STATION_UNIT_CAM_OUTFALL: {
        camera *c = st->cam[unit - STATION_UNIT_CAM_STATION];
        return c ? camera_hwdev(c) : none;
    }
    default:
        break;
    }
    int i = unit - STATION_UNIT_METER0;
    return i >= 0 && i < st->nmeters ? meter_hwdev(st->meters[i].m) : none;
}

int station_people(const station *st)
{
    return st->npeople;
}

/* ---- knobs ---- */

static int person_find(const station *st, const char *who)
{
    for (int i = 0; i < st->npeople; i++)
        if (!who || strcmp(st->people[i], who) == 0) return i;
    return -1;
}

int station_person_enters(station *st, const char *who, const char *card)
{
    if (!who) who = "someone";
    if (strlen(who) >= STATION_WHO_MAX) return -1;
    if (card) {
        size_t n = strlen(card);
        if (n == 0 || n >= DOOR_CARD_MAX) return -1;
        for (size_t i = 0; i < n; i++)
            if (card[i] < '0' || card[i] > '9') return -1;
    }
    if (person_find(st, who) < 0) {
        if (st->npeople >= STATION_PEOPLE_MAX) return -1;
        snprintf(st->people[st->npeople++], STATION_WHO_MAX, "%s", who);
    }
    int was_open = door_is_open(st->dr);
    if (card)
        door_card(st->dr, card);
    else
        door_open(st->dr); /* forced; nothing logged when tailgating an open door */
    if (!was_open || st->door_close_at) st->door_close_at = st->t + STATION_DOOR_PASS_MS;
    return 0;
}

int station_person_leaves(station *st, const char *who)
{
    int i = person_find(st, who);
    if (i < 0) return -1;
    memmove(st->people[i], st->people[i + 1], (size_t)(st->npeople - i - 1) * STATION_WHO_MAX);
    st->npeople--;
    return 0;
}

int station_door_open(station *st)
{
    st->door_close_at = 0; /* propped open */
    door_open(st->dr);
    return 0;
}

int station_door_close(station *st)
{
    st->door_close_at = 0;
    door_close(st->dr);
    return 0;
}

int station_outfall_people(station *st, int n)
{
    if (n < 0 || n > 100) return -1;
    st->outfall_people = n;
    return 0;
}

int station_sample_line_connect(station *st, const char *source, const water *bucket)
{
    if (!st->w) return -1; /* a gas station has none */
    int s = sampleline_source_from_name(source);
    if (s < 0 || (s == SAMPLELINE_BUCKET && !bucket)) return -1;
    return sampleline_connect(world_sampleline(st->w), s, bucket);
}

void station_tap_water(const station *st, water *out)
{
    channel_tap_quality(st->t, out);
}

int station_add_inflow(station *st, const char *source, double m3h, int hidden,
                       const water *quality)
{
    if (!st->w) return -1;
    int s = channel_source_from_name(source);
    if (s < 0 || !in_range(m3h, 0, 1e6) || (s == CHANNEL_CUSTOM && !quality)) return -1;
    channel_inflow in;
    memset(&in, 0, sizeof in);
    in.source = s;
    in.m3h = m3h;
    in.hidden = hidden != 0;
    if (quality) in.quality = *quality;
    return channel_add_inflow(world_channel(st->w), &in);
}

int station_inflow_stop(station *st, int handle)
{
    if (!st->w) return -1; /* a gas station has none */
    return channel_stop(world_channel(st->w), handle);
}

int station_plant_production(station *st, double production)
{
    if (!st->w) return -1; /* a gas station has none */
    return plant_set_production(world_plant(st->w), production);
}

int station_plant_treatment(station *st, double treatment)
{
    if (!st->w) return -1; /* a gas station has none */
    return plant_set_treatment(world_plant(st->w), treatment);
}

int station_plant_bypass(station *st, double m3h)
{
    if (!st->w) return -1; /* a gas station has none */
    return plant_set_bypass(world_plant(st->w), m3h);
}

int station_add_to_cup(station *st, const char *param, double ml, const water *q)
{
    analyzer *a = station_analyzer(st, param);
    return a ? analyzer_add_to_cup(a, ml, q) : -1;
}

int station_analyzer_command(station *st, const char *param, const char *cmd)
{
    analyzer *a = station_analyzer(st, param);
    int c = analyzer_cmd_by_name(cmd);
    if (!a || c < 0) return -1;
    return analyzer_command(a, c, HWDEV_SRC_PANEL);
}

int station_analyzer_set(station *st, const char *param, const char *name, double v)
{
    analyzer *a = station_analyzer(st, param);
    int p = analyzer_param_by_name(name);
    if (!a || p < 0) return -1;
    return analyzer_set(a, p, v, HWDEV_SRC_PANEL);
}

int station_analyzer_standard(station *st, const char *param, double conc)
{
    analyzer *a = station_analyzer(st, param);
    if (!a || !in_range(conc, 0, 1e6)) return -1;
    analyzer_set_standard(a, conc);
    return 0;
}

int station_analyzer_freeze(station *st, const char *param, double v)
{
    analyzer *a = station_analyzer(st, param);
    if (!a || !isfinite(v)) return -1;
    analyzer_freeze(a, v);
    return 0;
}

int station_analyzer_unfreeze(station *st, const char *param)
{
    analyzer *a = station_analyzer(st, param);
    if (!a) return -1;
    analyzer_unfreeze(a);
    return 0;
}

int station_flow_factor(station *st, double factor)
{
    if (!st->w) return -1; /* a gas station has none */
    return flowmeter_set_factor(st->flow, factor, HWDEV_SRC_PANEL);
}

int station_camera_turn(station *st, const char *which, double pan, double tilt)
{
    camera *c = station_camera(st, which);
    if (!c || !in_range(pan, -360, 360) || !in_range(tilt, -180, 180)) return -1;
    camera_turn(c, pan, tilt);
    return 0;
}

int station_camera_cover(station *st, const char *which, int covered)
{
    camera *c = station_camera(st, which);
    if (!c) return -1;
    camera_cover(c, covered != 0);
    return 0;
}

int station_camera_power(station *st, const char *which, int on)
{
    camera *c = station_camera(st, which);
    if (!c) return -1;
    camera_power(c, on != 0);
    return 0;
}

int station_facility_set(station *st, const char *name, int on)
{
    if (!st->w) {
        int m = meter_index(st, name);
        return m < 0 ? -1 : stack_fac_set(st->sk, st->meters[m].fac, on);
    }
    plant *pl = world_plant(st->w);
    int i = plant_facility_find(pl, name);
    if (i < 0) return -1;
    if (plant_facility_enable(pl, i, on != 0) < 0) return -1;
    /* the meter follows at once: switching off is seen on the next read, not the next step */
    int m = meter_index(st, name);
    if (m >= 0 && !on) {
        st->meters[m].on = 0;
        st->meters[m].load = 0;
        meter_set_on(st->meters[m].m, 0);
        meter_set_load(st->meters[m].m, 0);
    }
    return 0;
}
