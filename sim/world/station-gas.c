/*
 * station-gas.c — the flue-gas and VOCs station room (GAS.md): the source (stack.h) feeds
 * the sampling chain, the analyzers, the flue monitor, the particulate monitor, the GC-FID
 * and the facility meters on the station's grid; the knobs of the scenario API.
 *
 * Feeds, per grid step:
 *   sampling system  <- the stack gas (composition, temperature, absolute pressure)
 *   gas analyzers    <- the sampling system's output (conditioned: leak, condensate,
 *                       chiller moisture); the O2 analyzer in situ <- the stack gas itself
 *   GC-FID           <- the sampling system's output
 *   particulate      <- the stack's dust at flue conditions (actual, wet)
 *   flue monitor     <- the stack's velocity, temperature, pressure, moisture
 *   damper           -> the share of the flue gas that bypasses the stack
 *   current meters   <- the source's facilities (fan by the flow, treatment by its state)
 */
#include "station-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hjcode.h"
#include "hjtime.h"

static const gasan_kind GKIND[STATION_G_COUNT] = {GASAN_SO2, GASAN_NOX, GASAN_O2, GASAN_CO,
                                                  GASAN_CO2};
static const char *const GNAME[STATION_G_COUNT] = {"so2", "nox", "o2", "co", "co2"};

/* Default limits, mg/m3 converted (the range's defaults; a permit's values go in limits{}):
 * ultra-low emission for coal boilers (35/50/10), gas boilers (35/50/5), and values in the
 * order of the sector standards for the others. */
static const double LIMITS[STACK_PROFILE_COUNT][5] = {
    /* so2, nox, pm, co, nmhc */
    [STACK_COAL_BOILER] = {35, 50, 10, 0, 0},     [STACK_GAS_BOILER] = {35, 50, 5, 0, 0},
    [STACK_GLASS_KILN] = {100, 400, 20, 0, 0},    [STACK_WASTE_INCINERATOR] = {100, 250, 20, 100, 0},
    [STACK_COATING_VOCS] = {0, 0, 0, 0, 60},      [STACK_CHEMICAL_VOCS] = {0, 0, 0, 0, 60},
};

int station_cfg_default_gas(station_cfg *cfg, int profile)
{
    if (station_cfg_default(cfg, PLANT_DYEING) < 0) return -1;
    station_gas_cfg *g = &cfg->gas;
    if (stack_cfg_default(&g->stack, profile) < 0) return -1;
    int vocs = stack_profile_is_vocs(profile);
    cfg->kind = vocs ? STATION_VOCS : STATION_GAS;
    for (int a = 0; a < STATION_G_COUNT; a++)
        g->an[a] = !vocs && a != STATION_G_CO2;
    g->pm = !vocs;
    g->nmhc = vocs;
    g->o2_mode = vocs ? STATION_O2_EXTRACTIVE : STATION_O2_INSITU;
    g->so2 = LIMITS[profile][0];
    g->nox = LIMITS[profile][1];
    g->pm_limit = LIMITS[profile][2];
    g->co = LIMITS[profile][3];
    g->nmhc_limit = LIMITS[profile][4];
    /* no water devices; the facilities, named as the scenario API names them */
    memset(cfg->fitted, 0, sizeof cfg->fitted);
    cfg->cod = STATION_COD_NONE;
    cfg->ph = 0;
    plant_cfg *pc = &cfg->world.plant;
    pc->nproduction = pc->ntreatment = 0;
    for (int f = 0; f < STACK_FAC_COUNT; f++)
        if (g->stack.fitted[f])
            plant_cfg_add_facility(pc, f == STACK_FAN ? PLANT_FAC_PRODUCTION : PLANT_FAC_TREATMENT,
                                   stack_fac_name(f));
    return 0;
}

/* ---- construction ---- */

static int build_analyzers(station *st, uint64_t seed, double t0s)
{
    const station_gas_cfg *g = &st->cfg.gas;
    for (int a = 0; a < STATION_G_COUNT; a++) {
        if (!g->an[a]) continue;
        gasan_config c;
        gasan_config_default(&c, GKIND[a]);
        c.start = t0s;
        c.seed = station_dev_seed(seed, st->stream, GNAME[a]);
        if (!(st->gan[a] = gasan_new(&c))) return -1;
    }
    if (g->pm) {
        pmmon_config c;
        pmmon_config_default(&c);
        c.start = t0s;
        c.seed = station_dev_seed(seed, st->stream, "pm");
        if (!(st->pm = pmmon_new(&c))) return -1;
        /* its daily checks inside the gas analyzers' calibration (02:00-02:15): the
         * converted dust needs the O2, so the hour loses those minutes once, not twice */
        pmmon_set(st->pm, PMMON_P_CHECK_START, 2 * 3600 + 5 * 60, HWDEV_SRC_PANEL);
    }
    if (g->nmhc) {
        gcfid_config c;
        gcfid_config_default(&c);
        c.start = t0s;
        c.seed = station_dev_seed(seed, st->stream, "nmhc");
        if (!(st->gc = gcfid_new(&c))) return -1;
    }
    return 0;
}

static int build_stack_side(station *st, uint64_t seed, double t0s)
{
    const stack_cfg *sc = &st->cfg.gas.stack;
    flue_config fc;
    flue_config_default(&fc);
    fc.start = t0s;
    fc.seed = station_dev_seed(seed, st->stream, "flue");
    fc.kv = sc->kv;
    fc.area_m2 = sc->area_m2;
    const stack_out *o = stack_output(st->sk);
    fc.initial = (flue_state){o->v, o->t_c, o->ps_kpa, o->g.h2o, o->ba_kpa};
    if (!(st->fl = flue_new(&fc))) return -1;
    sampling_config sp;
    sampling_config_default(&sp);
    sp.start = t0s;
    sp.seed = station_dev_seed(seed, st->stream, "sampling");
    if (!(st->smpl = sampling_new(&sp))) return -1;
    if (sc->bypass) {
        damper_config dc;
        damper_config_default(&dc);
        dc.start = t0s;
        if (!(st->dmp = damper_new(&dc))) return -1;
    }
    return 0;
}

static int build_room(station *st, uint64_t seed, double t0s)
{
    door_config dc;
    door_config_default(&dc);
    dc.start = t0s;
    if (!(st->dr = door_new(&dc))) return -1;
    for (int c = 0; c < STATION_CAM_COUNT; c++) {
        if (!st->cfg.camera[c]) continue;
        camera_config cc;
        camera_config_default(&cc);
        cc.start = t0s;
        if (!(st->cam[c] = camera_new(&cc))) return -1;
    }
    const stack_cfg *sc = &st->cfg.gas.stack;
    for (int f = 0; f < STACK_FAC_COUNT && st->nmeters < NMETERS; f++) {
        if (!sc->fitted[f]) continue;
        meter_config mc;
        meter_config_default(&mc);
        mc.start = t0s;
        mc.seed = station_dev_seed(seed, st->stream, stack_fac_name(f));
        mc.nominal_a = sc->nominal_a[f];
        meter_slot *s = &st->meters[st->nmeters++];
        if (!(s->m = meter_new(&mc))) return -1;
        s->fac = f;
        s->nominal_a = mc.nominal_a;
    }
    return 0;
}

static void feed(station *st);

int station_gas_build(station *st, uint64_t seed, char *err, size_t errlen)
{
    double t0s = (double)st->t / 1000.0;
    st->sk = stack_new(&st->cfg.gas.stack, seed, st->stream, st->t, st->step_ms);
    if (!st->sk) {
        if (err && errlen) snprintf(err, errlen, "station: bad gas source");
        return -1;
    }
    if (build_analyzers(st, seed, t0s) < 0 || build_stack_side(st, seed, t0s) < 0 ||
        build_room(st, seed, t0s) < 0)
        return -1;
    feed(st);
    /* a station that has been running: the cells at their gas, the dust read */
    for (int a = 0; a < STATION_G_COUNT; a++)
        if (st->gan[a]) gasan_settle(st->gan[a]);
    return 0;
}

void station_gas_free(station *st)
{
    for (int a = 0; a < STATION_G_COUNT; a++)
        gasan_free(st->gan[a]);
    pmmon_free(st->pm);
    gcfid_free(st->gc);
    flue_free(st->fl);
    sampling_free(st->smpl);
    damper_free(st->dmp);
    stack_free(st->sk);
}

/* ---- stepping ---- */

static void feed(station *st)
{
    const stack_out *o = stack_output(st->sk);
    double p_abs = o->ba_kpa + o->ps_kpa;
    double h = (double)hjtime_local_ms_of_day(o->t) / 3.6e6;
    sampling_set_ambient(st->smpl, 15 + 5 * cos(2 * M_PI * (h - 15) / 24), 25);
    sampling_set_stack(st->smpl, &o->g, o->t_c, p_abs);
    gas sample;
    sampling_output(st->smpl, &sample);
    for (int a = 0; a < STATION_G_COUNT; a++) {
        if (!st->gan[a]) continue;
        int insitu = a == STATION_G_O2 && st->cfg.gas.o2_mode == STATION_O2_INSITU;
        gasan_set_sample(st->gan[a], insitu ? &o->g : &sample);
    }
    if (st->gc) gcfid_set_sample(st->gc, &sample);
    if (st->pm) pmmon_set_dust(st->pm, o->g.pm * gas_std_dry_factor(o->t_c, p_abs, o->g.h2o));
    flue_state fs = {o->v, o->t_c, o->ps_kpa, o->g.h2o, o->ba_kpa};
    flue_set_state(st->fl, &fs);
    for (int i = 0; i < st->nmeters; i++) {
        meter_slot *s = &st->meters[i];
        s->on = o->fac_on[s->fac];
        s->load = o->fac_load[s->fac];
        meter_set_on(s->m, s->on);
        meter_set_load(s->m, s->load);
    }
    if (st->cam[STATION_CAM_STATION]) {
        camera_scene sc = {0};
        sc.people = st->npeople;
        camera_set_scene(st->cam[STATION_CAM_STATION], &sc);
    }
    if (st->cam[STATION_CAM_OUTFALL]) {
        camera_scene sc = {0};
        sc.people = st->outfall_people;
        camera_set_scene(st->cam[STATION_CAM_OUTFALL], &sc);
    }
}

void station_gas_step(station *st, double dt)
{
    if (st->dmp) stack_set_bypass(st->sk, damper_bypass_fraction(st->dmp));
    stack_step(st->sk, st->t + st->step_ms);
    feed(st);
    sampling_step(st->smpl, dt);
    for (int a = 0; a < STATION_G_COUNT; a++)
        if (st->gan[a]) gasan_step(st->gan[a], dt);
    if (st->gc) gcfid_step(st->gc, dt);
    if (st->pm) pmmon_step(st->pm, dt);
    flue_step(st->fl, dt);
    if (st->dmp) damper_step(st->dmp, dt);
    door_step(st->dr, dt);
    for (int c = 0; c < STATION_CAM_COUNT; c++)
        if (st->cam[c]) camera_step(st->cam[c], dt);
    for (int i = 0; i < st->nmeters; i++)
        meter_step(st->meters[i].m, dt);
}

hwdev station_gas_device(station *st, int unit)
{
    hwdev none = {NULL, NULL};
    if (unit >= STATION_UNIT_SO2 && unit <= STATION_UNIT_CO2)
        return st->gan[unit - 1] ? gasan_hwdev(st->gan[unit - 1]) : none;
    switch (unit) {
    case STATION_UNIT_PM:
        return st->pm ? pmmon_hwdev(st->pm) : none;
    case STATION_UNIT_FLUE:
        return flue_hwdev(st->fl);
    case STATION_UNIT_DOOR:
        return door_hwdev(st->dr);
    case STATION_UNIT_CAM_STATION:
    case STATION_UNIT_CAM_OUTFALL: {
        camera *c = st->cam[unit - STATION_UNIT_CAM_STATION];
        return c ? camera_hwdev(c) : none;
    }
    case STATION_UNIT_SAMPLING:
        return sampling_hwdev(st->smpl);
    case STATION_UNIT_DAMPER:
        return st->dmp ? damper_hwdev(st->dmp) : none;
    case STATION_UNIT_GCFID:
        return st->gc ? gcfid_hwdev(st->gc) : none;
    default:
        break;
    }
    int i = unit - STATION_UNIT_GMETER0;
    return i >= 0 && i < st->nmeters ? meter_hwdev(st->meters[i].m) : none;
}

/* ---- accessors ---- */

int station_get_kind(const station *st)
{
    return st->cfg.kind;
}

stack *station_stack(station *st)
{
    return st->sk;
}

double station_gas_truth(station *st, int code)
{
    if (!st->sk) return NAN;
    const stack_out *o = stack_output(st->sk);
    const gas *g = &o->g;
    switch (code) {
    case HJCODE_GAS_FLOW: return o->qsn;
    case HJCODE_GAS_VELOCITY: return o->v;
    case HJCODE_GAS_TEMP: return o->t_c;
    case HJCODE_GAS_PRESSURE: return o->ps_kpa;
    case HJCODE_GAS_HUMIDITY: return g->h2o;
    case HJCODE_CO2: return g->co2;
    case HJCODE_CH4: return g->ch4;
    case HJCODE_O2: return g->o2;
    case HJCODE_NOX: return gas_nox(g);
    case HJCODE_NO: return g->no;
    case HJCODE_NO2: return g->no2;
    case HJCODE_CO: return g->co;
    case HJCODE_SO2: return g->so2;
    case HJCODE_THC: return g->thc;
    case HJCODE_NMHC: return gas_nmhc(g);
    case HJCODE_PM: return g->pm;
    default: return NAN;
    }
}

static int gindex(const char *name)
{
    for (int a = 0; name && a < STATION_G_COUNT; a++)
        if (strcmp(name, GNAME[a]) == 0) return a;
    return -1;
}

gasan *station_gasan(station *st, const char *name)
{
    return station_gasan_at(st, gindex(name));
}

gasan *station_gasan_at(station *st, int g)
{
    return g >= 0 && g < STATION_G_COUNT ? st->gan[g] : NULL;
}

pmmon *station_pmmon(station *st)
{
    return st->pm;
}

flue *station_flue(station *st)
{
    return st->fl;
}

sampling *station_sampling(station *st)
{
    return st->smpl;
}

damper *station_damper(station *st)
{
    return st->dmp;
}

gcfid *station_gcfid(station *st)
{
    return st->gc;
}

/* ---- knobs ---- */

int station_gas_plant(station *st, const double *load, const int *running, const int *soot,
                      const double *fuel)
{
    if (!st->sk) return -1;
    if (load && stack_set_load(st->sk, *load) < 0) return -1;
    if (fuel && stack_set_fuel(st->sk, *fuel) < 0) return -1;
    if (running) stack_set_running(st->sk, *running);
    if (soot) stack_set_soot_blowing(st->sk, *soot);
    return 0;
}

int station_probe_leak(station *st, double f)
{
    if (!st->smpl || !(f >= 0 && f <= 1)) return -1;
    sampling_leak(st->smpl, f);
    return 0;
}

int station_probe_blowback(station *st)
{
    if (!st->smpl) return -1;
    return sampling_blowback(st->smpl, HWDEV_SRC_PANEL);
}

int station_line_set(station *st, const char *name, double v)
{
    if (!st->smpl || !name || !isfinite(v)) return -1;
    if (strcmp(name, "heat") == 0) {
        sampling_set_probe_heat(st->smpl, v != 0);
        sampling_set_line_heat(st->smpl, v != 0);
        return 0;
    }
    if (strcmp(name, "chiller") == 0) {
        sampling_set_chiller(st->smpl, v != 0);
        return 0;
    }
    if (strcmp(name, "maintenance") == 0) { /* the panel's switch: data held and flagged */
        sampling_set_maintenance(st->smpl, v != 0);
        return 0;
    }
    int p = sampling_param_by_name(name);
    if (p < 0) return -1;
    return sampling_set(st->smpl, p, v, HWDEV_SRC_PANEL) == 0 ? 0 : -1;
}

int station_cylinder_swap(station *st, const char *gas_name, int zero, double label, double actual)
{
    int comp = 0;
    gasan *a = station_gasan(st, gas_name);
    if (!a && gas_name && strcmp(gas_name, "no2") == 0) {
        a = st->gan[STATION_G_NOX];
        comp = 1;
    }
    if (!a || !(actual >= 0 && actual < 1e6)) return -1;
    if (label >= 0 &&
        gasan_set(a, GASAN_PC(comp, zero ? GASAN_P_ZERO_LABEL : GASAN_P_SPAN_LABEL), label,
                  HWDEV_SRC_PANEL) != 0)
        return -1;
    gasan_set_cylinder(a, comp, zero ? GASAN_CYL_ZERO : GASAN_CYL_SPAN, actual);
    return 0;
}

int station_gcfid_cylinder(station *st, double thc, double ch4)
{
    if (!st->gc || !(thc >= 0 && ch4 >= 0 && thc < 1e6 && ch4 < 1e6)) return -1;
    gcfid_set_cylinder(st->gc, GCFID_CYL_SPAN, thc, ch4);
    return 0;
}

int station_flue_set(station *st, const char *name, double v)
{
    int p = flue_param_by_name(name);
    if (!st->fl || p < 0) return -1;
    return flue_set(st->fl, p, v, HWDEV_SRC_PANEL) == 0 ? 0 : -1;
}

int station_damper_set(station *st, double share)
{
    if (!st->dmp || !(share >= 0 && share <= 1)) return -1;
    damper_set_target(st->dmp, share);
    return 0;
}

int station_gas_command(station *st, const char *dev, const char *cmd)
{
    gasan *a = station_gasan(st, dev);
    if (a) {
        int c = gasan_cmd_by_name(cmd);
        if (cmd && strcmp(cmd, "maintenance_on") == 0) c = GASAN_CMD_MAINT_ON;
        if (cmd && strcmp(cmd, "maintenance_off") == 0) c = GASAN_CMD_MAINT_OFF;
        return c < 0 ? -1 : gasan_command(a, c, HWDEV_SRC_PANEL);
    }
    if (dev && strcmp(dev, "nmhc") == 0 && st->gc) {
        int c = gcfid_cmd_by_name(cmd);
        return c < 0 ? -1 : gcfid_command(st->gc, c, HWDEV_SRC_PANEL);
    }
    if (dev && strcmp(dev, "pm") == 0 && st->pm && cmd) {
        int c = strcmp(cmd, "zero_check") == 0   ? PMMON_CMD_ZERO_CHECK
                : strcmp(cmd, "span_check") == 0 ? PMMON_CMD_SPAN_CHECK
                : strcmp(cmd, "check") == 0      ? PMMON_CMD_CHECK
                : strcmp(cmd, "abort") == 0      ? PMMON_CMD_ABORT
                                                 : -1;
        return c < 0 ? -1 : pmmon_command(st->pm, c, HWDEV_SRC_PANEL);
    }
    return -1;
}

int station_gas_param(station *st, const char *dev, const char *name, double v)
{
    gasan *a = station_gasan(st, dev);
    if (a) {
        int p = gasan_param_by_name(name);
        return p < 0 || gasan_set(a, p, v, HWDEV_SRC_PANEL) != 0 ? -1 : 0;
    }
    if (dev && strcmp(dev, "nmhc") == 0 && st->gc) {
        int p = gcfid_param_by_name(name);
        return p < 0 || gcfid_set(st->gc, p, v, HWDEV_SRC_PANEL) != 0 ? -1 : 0;
    }
    if (dev && strcmp(dev, "pm") == 0 && st->pm) {
        int p = pmmon_param_by_name(name);
        return p < 0 || pmmon_set(st->pm, p, v, HWDEV_SRC_PANEL) != 0 ? -1 : 0;
    }
    return -1;
}

int station_gas_freeze(station *st, const char *dev, double v, int release)
{
    if (!release && !isfinite(v)) return -1;
    gasan *a = station_gasan(st, dev);
    if (a) {
        if (release)
            gasan_unfreeze(a);
        else
            gasan_freeze(a, 0, v);
        return 0;
    }
    if (dev && strcmp(dev, "nmhc") == 0 && st->gc) {
        if (release)
            gcfid_unfreeze(st->gc);
        else
            gcfid_freeze(st->gc, v, v + gcfid_ch4(st->gc), gcfid_ch4(st->gc));
        return 0;
    }
    if (dev && strcmp(dev, "pm") == 0 && st->pm) {
        if (release)
            pmmon_unfreeze(st->pm);
        else
            pmmon_freeze(st->pm, v);
        return 0;
    }
    return -1;
}

int station_gas_zero_gas(station *st, const char *dev, double f)
{
    static const gas zero_gas; /* nitrogen: no species at all */
    gasan *a = station_gasan(st, dev);
    if (!a || !(f >= 0.0 && f <= 1.0)) return -1;
    gasan_inject(a, f > 0.0 ? &zero_gas : NULL, f);
    return 0;
}

int station_gas_hold_flag(station *st, const char *dev, int on)
{
    gasan *a = station_gasan(st, dev);
    if (!a) return -1;
    gasan_hold_cal_flag(a, on);
    return 0;
}

int station_rto_set(station *st, double temp_c)
{
    return st->sk ? stack_rto_set(st->sk, temp_c) : -1;
}
