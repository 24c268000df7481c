/*
 * station-private.h — the station room's insides, shared by station.c (the water side and
 * what every station has) and station-gas.c (the flue-gas and VOCs side). Not for callers.
 */
#ifndef STATION_PRIVATE_H
#define STATION_PRIVATE_H

#include "station.h"

enum { NMETERS = 2 * PLANT_MAX_FACILITIES };

typedef struct meter_slot {
    meter *m;
    int fac;     /* plant facility index */
    int on;      /* last handed to the meter */
    double load; /* last handed to the meter */
    double nominal_a;
} meter_slot;

struct station {
    station_cfg cfg;
    uint64_t stream; /* from the MN */
    world *w;
    int64_t t, step_ms;

    analyzer *an[STATION_P_COUNT];
    unsigned an_count[STATION_P_COUNT]; /* published results seen (over-limit check) */
    probe *ph;
    flowmeter *flow;
    sampler *smp;
    door *dr;
    camera *cam[STATION_CAM_COUNT];
    meter_slot meters[NMETERS];
    int nmeters;

    char people[STATION_PEOPLE_MAX][STATION_WHO_MAX];
    int npeople;
    int outfall_people;
    int64_t door_close_at; /* automatic close behind a person; 0 none */

    /* gas and VOCs stations (cfg.kind != STATION_WATER; w is NULL then) */
    stack *sk;
    gasan *gan[STATION_G_COUNT];
    pmmon *pm;
    flue *fl;
    sampling *smpl;
    damper *dmp;
    gcfid *gc;

    mbserver *srv;
    station_write_fn on_write;
    void *on_write_ctx;
};


/* station-gas.c */
int station_gas_build(station *st, uint64_t seed, char *err, size_t errlen);
void station_gas_free(station *st);
void station_gas_step(station *st, double dt);
hwdev station_gas_device(station *st, int unit);
unsigned long long station_dev_seed(uint64_t seed, uint64_t stream, const char *name);

#endif
