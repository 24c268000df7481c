/*
 * station.h — one simulated station room: the site's physics (world.h) + the instruments
 * (hw-models/) + its Modbus/TCP endpoint (mbserver.h).
 *
 * Units of the endpoint (docs/station.md, maps in docs/registers.md):
 *   1 COD or TOC analyzer   2 NH3-N   3 TP   4 TN   5 pH probe (temp, conductivity)
 *   6 flow meter   7 sampler   8 door   9 station camera   10 outfall camera
 *   11 ... facility current meters: production facilities, then treatment facilities.
 * A device not fitted is absent: its unit answers the endpoint's unknown-unit exception.
 *
 * Time: int64 ms since the epoch (UTC), as the world. The station advances on the world's
 * fixed grid (cfg.world.step_ms, default 10 s, anchored at t0): station_step(st, t) runs
 * every grid step up to t, and for each one steps the world, hands its outputs to the
 * devices and steps every device by the grid step. So the station's state at a virtual
 * time does not depend on how the caller cut time (--fast or paced): same cfg, seed and
 * calls = same registers. Knobs act at the station's time (the last grid step <= t).
 * No allocation after station_new (station_serve allocates the endpoint once).
 *
 * Feeds, per grid step (what each device is fed from):
 *   analyzers (cup)  <- the sample line's delivery (world_out.line), 1 ml/s
 *   pH probe         <- the channel at the sampling point
 *   sampler          <- the channel at the sampling point
 *   flow meter       <- the flow (m3/h) passing the meter
 *   current meters   <- the plant's facility loads (switched on, load fraction)
 *   station camera   <- people in the room, the sampling hose's source, the hose water
 *   outfall camera   <- people at the outfall (knob), added pipes not hidden, channel water
 * A new analyzer result above its limit triggers an over-limit retention sample.
 *
 * Knobs are thin wrappers over the world and device functions, one per physical act of
 * the scenario API (/work/shared/SCENARIO-API.md); the Lua bindings call them. They
 * return 0, or -1 for a bad argument (unknown name, absent device, value out of range),
 * leaving the station unchanged. Acts at the analyzer panel or the flow meter are logged
 * by the device with source HWDEV_SRC_PANEL (a person on site).
 * Dependencies: world, plant, channel, sampleline, rng, clock, hw-models, mbserver.
 */
#ifndef STATION_H
#define STATION_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "camera.h"
#include "damper.h"
#include "door.h"
#include "flowmeter.h"
#include "flue.h"
#include "gasan.h"
#include "gcfid.h"
#include "hwdev.h"
#include "mbloop.h"
#include "mbserver.h"
#include "meter.h"
#include "pmmon.h"
#include "probe.h"
#include "sampler.h"
#include "sampling.h"
#include "stack.h"
#include "water.h"
#include "world.h"

enum {
    STATION_MN_MAX = 32, /* incl. NUL; HJ 212 MN is at most 24 characters */
    STATION_NAME_MAX = 128,
    STATION_PW_MAX = 32,
    STATION_PEOPLE_MAX = 16, /* persons tracked in the room */
    STATION_WHO_MAX = 32
};

/* Unit ids. */
enum {
    STATION_UNIT_COD = 1,
    STATION_UNIT_NH3N = 2,
    STATION_UNIT_TP = 3,
    STATION_UNIT_TN = 4,
    STATION_UNIT_PH = 5,
    STATION_UNIT_FLOW = 6,
    STATION_UNIT_SAMPLER = 7,
    STATION_UNIT_DOOR = 8,
    STATION_UNIT_CAM_STATION = 9,
    STATION_UNIT_CAM_OUTFALL = 10,
    STATION_UNIT_METER0 = 11,
    STATION_UNIT_LAST = STATION_UNIT_METER0 + 2 * PLANT_MAX_FACILITIES - 1
};

/* Station kinds: wastewater (ST 32), flue gas and VOCs (ST 31, GAS.md). */
enum { STATION_WATER = 0, STATION_GAS = 1, STATION_VOCS = 2 };

/* Unit ids of a gas or VOCs station (docs/registers.md, "Gas and VOCs stations"); the door
 * and the cameras keep the water ids 8, 9, 10. Meters: fan first, then the treatment. */
enum {
    STATION_UNIT_SO2 = 1,
    STATION_UNIT_NOX = 2,
    STATION_UNIT_O2 = 3,
    STATION_UNIT_CO = 4,
    STATION_UNIT_CO2 = 5,
    STATION_UNIT_PM = 6,
    STATION_UNIT_FLUE = 7,
    STATION_UNIT_SAMPLING = 11,
    STATION_UNIT_DAMPER = 12,
    STATION_UNIT_GCFID = 13,
    STATION_UNIT_GMETER0 = 21
};

/* The continuous gas analyzers, indexed as their unit id - 1. */
enum { STATION_G_SO2 = 0, STATION_G_NOX, STATION_G_O2, STATION_G_CO, STATION_G_CO2, STATION_G_COUNT };

/* O2 measured in the stack (zirconia) or in the extracted sample. */
enum { STATION_O2_INSITU = 0, STATION_O2_EXTRACTIVE = 1 };

/* A gas or VOCs station's own part of the station{} table (GAS.md). */
typedef struct station_gas_cfg {
    stack_cfg stack;             /* plant{profile, load, flue_nm3h, ...}, stack{area_m2, kv,
                                    bypass}, limits.o2_ref */
    int an[STATION_G_COUNT];     /* analyzers fitted: so2 nox o2 co co2 */
    int pm, nmhc;                /* particulate monitor; GC-FID (VOCs) */
    int o2_mode;                 /* STATION_O2_* (default in situ for combustion, else extractive) */
    double so2, nox, pm_limit, co, nmhc_limit; /* limits, mg/m3 converted; 0: none */
} station_gas_cfg;

/* The batch analyzers, indexed as their unit id - 1. */
enum { STATION_P_COD = 0, STATION_P_NH3N, STATION_P_TP, STATION_P_TN, STATION_P_COUNT };

/* Analyzer on the COD position. */
enum { STATION_COD_NONE = 0, STATION_COD_DICHROMATE = 1, STATION_COD_TOC = 2 };

enum { STATION_CAM_STATION = 0, STATION_CAM_OUTFALL = 1, STATION_CAM_COUNT };

/* Discharge limits (mg/L; pH range). */
typedef struct station_limits {
    double cod, nh3n, tp, tn;
    double ph_lo, ph_hi;
} station_limits;

/* The station{} table of the scenario API. Every field has a default from the profile. */
typedef struct station_cfg {
    int kind;                    /* STATION_WATER (default), STATION_GAS, STATION_VOCS */
    station_gas_cfg gas;         /* kind != STATION_WATER only */
    char mn[STATION_MN_MAX];     /* required (station_cfg_check), unique */
    char name[STATION_NAME_MAX]; /* default "" */
    char pw[STATION_PW_MAX];     /* default "123456" */
    int protocol;                /* 2017 (default) or 2025 */
    world_cfg world;             /* plant{profile, flow_m3h, effluent, raw, shifts, noise} and the
                                    facilities{production, treatment} live in world.plant */
    station_limits limits;
    int cod;                       /* STATION_COD_*: "cod" (default), "toc", or none */
    int fitted[STATION_P_COUNT];   /* [STATION_P_COD] follows cod; nh3n, tp on; tn off
                                      (on for municipal) */
    int ph;                        /* pH probe fitted, default 1 */
    int64_t cycle_ms;              /* batch analyzers' interval, default 1 h */
    int camera[STATION_CAM_COUNT]; /* default both */
    double analyzer_noise;         /* relative repeatability of the analyzers, default 0.02 */
    double meter_nominal_a;        /* rated current of every facility meter, default 30 A */
} station_cfg;

typedef struct station station;

/* Defaults for a profile (PLANT_DYEING ...): -1 for an unknown one. mn is left empty. */
int station_cfg_default(station_cfg *cfg, int profile);
/* Defaults of a gas or VOCs station for a stack profile (STACK_COAL_BOILER ...): kind from
 * the profile, the analyzers it needs, its facilities named in world.plant (production
 * "fan", then the treatment) so that the registry and st.facility see them. -1 unknown. */
int station_cfg_default_gas(station_cfg *cfg, int stack_profile);
/* 0, or -(the reason's code, cfgerr.h) with its English text, naming the bad field, in
 * err (i18n_cfgerr gives it in the CLI's language). */
int station_cfg_check(const station_cfg *cfg, char *err, size_t errlen);
/* Default limits of a profile (docs/station.md gives the standards); -1 if unknown. */
int station_limits_default(station_limits *l, int profile);

/* A station at t0 (UTC ms). The world's noise and every device's noise derive from
 * (seed, MN): another station does not change this one's numbers. NULL with a message on
 * a bad cfg, NULL without one on allocation failure. */
station *station_new(const station_cfg *cfg, uint64_t seed, int64_t t0, char *err, size_t errlen);
/* Frees the station and its endpoint. Not from inside the endpoint's write callback. */
void station_free(station *st);

/* Runs the grid steps up to t; returns the number run. */
int64_t station_step(station *st, int64_t t);
int64_t station_time(const station *st); /* the last grid step */

/* ---- the Modbus/TCP endpoint ---- */

/* A write accepted over Modbus, after it reached the device. */
typedef void (*station_write_fn)(void *ctx, station *st, const mbserver_write *w);

/* Serves the station's units on addr:port (0 = ephemeral) on loop (borrowed, outlives
 * the station). Once per station. 0, or -1 with a message. */
int station_serve(station *st, mbloop *loop, const char *addr, int port, char *err, size_t errlen);
int station_port(const station *st); /* the bound port, 0 when not serving */
mbserver *station_server(station *st);
/* Sets (fn NULL clears) the callback run for every write accepted over Modbus. */
void station_on_write(station *st, station_write_fn fn, void *ctx);

/* ---- accessors (borrowed; NULL when not fitted) ---- */

const station_cfg *station_config(const station *st);
const char *station_mn(const station *st);
const char *station_name(const station *st);
const char *station_pw(const station *st);
int station_protocol(const station *st);
world *station_world(station *st);
/* "cod" (also "toc": the analyzer on unit 1), "nh3n", "tp", "tn". */
analyzer *station_analyzer(station *st, const char *param);
analyzer *station_analyzer_at(station *st, int p); /* STATION_P_* */
probe *station_probe(station *st);
flowmeter *station_flowmeter(station *st);
sampler *station_sampler(station *st);
door *station_door(station *st);
camera *station_camera(station *st, const char *which); /* "station", "outfall" */
camera *station_camera_at(station *st, int which);      /* STATION_CAM_* */
int station_meter_count(const station *st);
meter *station_meter(station *st, const char *facility);
meter *station_meter_at(station *st, int i); /* unit STATION_UNIT_METER0 + i */
const char *station_meter_name(const station *st, int i);
/* What the station last handed meter i: switched on, load fraction; nominal current. */
int station_meter_feed(const station *st, int i, int *on, double *load, double *nominal_a);
/* Gas and VOCs stations (NULL / -1 on a water station or when not fitted). */
int station_get_kind(const station *st);
stack *station_stack(station *st);
gasan *station_gasan(station *st, const char *name); /* "so2" "nox" "o2" "co" "co2" */
gasan *station_gasan_at(station *st, int g);          /* STATION_G_* */
pmmon *station_pmmon(station *st);
flue *station_flue(station *st);
sampling *station_sampling(station *st);
damper *station_damper(station *st);
gcfid *station_gcfid(station *st);
/* The truth at a gas station's monitoring section for HJ 212 code id code (HJCODE_SO2 ...,
 * the gas codes the DAU sends), in the units the DAU reports it: the stack gas as it is
 * before the probe, the line and the analyzers (dry, standard conditions; NOx as NO2,
 * NMHC = THC - CH4 as C), the flue's true velocity, temperature, static pressure and
 * moisture, the standard dry flow through the monitored stack (a bypass's share is not in
 * it). NaN for another code or a water station. */
double station_gas_truth(station *st, int code);
/* The device under a unit id; ops NULL when absent. */
hwdev station_device(station *st, int unit);
/* Persons in the station room. */
int station_people(const station *st);

/* ---- knobs: the physical acts of the scenario API ---- */

/* st:person_enters{who, card}: a card swipe opens the door (logged with the card), the
 * door closes behind the person after STATION_DOOR_PASS_MS unless propped open; card NULL
 * is a forced entry (tailgating when the door is already open: nothing logged). */
#define STATION_DOOR_PASS_MS 10000
int station_person_enters(station *st, const char *who, const char *card);
/* st:person_leaves{who}: -1 if that person is not in the room (who NULL: anyone). */
int station_person_leaves(station *st, const char *who);
/* st.door:open() (propped open: no automatic close; forced if closed) / close(). */
int station_door_open(station *st);
int station_door_close(station *st);
/* People at the outfall, seen by the outfall camera (an addition to the API). */
int station_outfall_people(station *st, int n);

/* st.sample_line:connect(source[, bucket]): "channel", "tap", "bucket" (q required; a
 * whole water, see station_tap_water). */
int station_sample_line_connect(station *st, const char *source, const water *bucket);
/* Tap water of the moment: fills the fields a scenario leaves out of a bucket or a pour. */
void station_tap_water(const station *st, water *out);

/* st.channel:add_inflow{source, m3h, hidden}: returns a handle >= 1, or -1. quality is
 * used for source "custom" only. */
int station_add_inflow(station *st, const char *source, double m3h, int hidden,
                       const water *quality);
int station_inflow_stop(station *st, int handle); /* pipe:stop() */

/* st.plant:set{production = x, treatment = y, bypass_m3h = z}. */
int station_plant_production(station *st, double production);
int station_plant_treatment(station *st, double treatment);
int station_plant_bypass(station *st, double m3h);

/* st.cod:add_to_cup{ml, ...}: q is a whole water. */
int station_add_to_cup(station *st, const char *param, double ml, const water *q);
/* st.cod:command(name): analyzer_cmd_by_name names. Returns 0, -1 for a bad name or an
 * absent analyzer, or the analyzer's HWDEV_EX_* refusal (6 busy, 4 fault). */
int station_analyzer_command(station *st, const char *param, const char *cmd);
/* st.cod:set{name = v}: analyzer_param_by_name names, in C API units (s, degC, mg/L). */
int station_analyzer_set(station *st, const char *param, const char *name, double v);
/* st.cod:standard{cod = conc}: what the standard bottle really holds. */
int station_analyzer_standard(station *st, const char *param, double conc);
/* st.cod:freeze(v); freeze(nil) is station_analyzer_unfreeze. */
int station_analyzer_freeze(station *st, const char *param, double v);
int station_analyzer_unfreeze(station *st, const char *param);

/* st.flow:set{factor = f}. */
int station_flow_factor(station *st, double factor);

/* st.camera.X:turn{pan, tilt} / cover(on) / power(on); which "station" or "outfall". */
int station_camera_turn(station *st, const char *which, double pan, double tilt);
int station_camera_cover(station *st, const char *which, int covered);
int station_camera_power(station *st, const char *which, int on);

/* st.facility.NAME:set{on = b}: switched off by hand (its share of production or
 * treatment lost, its meter reads 0) or back to automatic. */
int station_facility_set(station *st, const char *name, int on);

/* ---- knobs of a gas or VOCs station (GAS.md "Scenario API"): -1 on a water station,
 * an absent device or a value out of range ---- */

/* st.plant:set{load, running, soot_blowing, fuel}: NULL for a field not given. */
int station_gas_plant(station *st, const double *load, const int *running, const int *soot,
                      const double *fuel);
/* st.probe:leak{air = f} (f 0..1; 0 removes); st.probe:blowback(). */
int station_probe_leak(station *st, double f);
int station_probe_blowback(station *st);
/* st.line:set{heat = b} (probe and line heaters), {chiller = b}, {maintenance = b} (the
 * sampling system's maintenance switch: data held), {chiller_c = x}, {line_c = x},
 * {probe_c = x}: name and value. */
int station_line_set(station *st, const char *name, double v);
/* st.cylinder("so2"):swap{label, actual}: the span cylinder (zero: which "zero") of an
 * analyzer ("so2", "nox" = its NO, "no2", "o2", "co", "co2") holds actual; label, when
 * given (>= 0), is written on it (the span or zero label parameter). */
int station_cylinder_swap(station *st, const char *gas_name, int zero, double label, double actual);
/* st.nmhc:standard{thc, ch4}: what the GC-FID's span cylinder truly holds (mg/m3 as C). */
int station_gcfid_cylinder(station *st, double thc, double ch4);
/* st.flue:set{kv, kp, area, rho_n}: the monitor's parameters, by name. */
int station_flue_set(station *st, const char *name, double v);
/* st.damper:set{bypass = share}: the plant opens the bypass to that share (0..1). */
int station_damper_set(station *st, double share);
/* st.so2:command(name) / set{name = v} / freeze(v) / freeze(nil) on a gas analyzer, the
 * particulate monitor ("pm") or the GC-FID ("nmhc"): the devices' names (gasan_cmd_by_name,
 * gasan_param_by_name ...; a gas analyzer also "maintenance_on", "maintenance_off").
 * Command results as station_analyzer_command. */
int station_gas_command(station *st, const char *dev, const char *cmd);
int station_gas_param(station *st, const char *dev, const char *name, double v);
int station_gas_freeze(station *st, const char *dev, double v, int release);
/* st.o2:zero_gas{share = f}: a zero-gas (N2) line teed onto the analyzer's cell, f of what
 * reaches it (0 removes): every reading (1 - f) of the sample's. */
int station_gas_zero_gas(station *st, const char *dev, double f);
/* st.so2:hold_flag(b): the analyzer's status kept at calibration (flag C) while it measures. */
int station_gas_hold_flag(station *st, const char *dev, int on);
/* st.facility.rto:set{temp_c = x}. */
int station_rto_set(station *st, double temp_c);

#endif
