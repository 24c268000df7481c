/* meter.c — facility current meter. */
#include "meter.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct meter {
    hwreg_layout lay;
    hw_rng rng;
    double t, nominal, volt, pf, noise, threshold;
    int on, fault, maint;
    double load, current;
    double kwh_s, kwh_c; /* Neumaier sum */
    double run_s;
};

void meter_config_default(meter_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->nominal_a = 30.0;
    c->voltage = 380.0;
    c->pf = 0.85;
    c->noise_rel = 0.02;
    c->threshold_rel = 0.1;
}

meter *meter_new(const meter_config *c)
{
    if (!c || !isfinite(c->start) || !(c->nominal_a > 0.0) || !(c->voltage > 0.0) ||
        !(c->pf > 0.0 && c->pf <= 1.0) || !(c->noise_rel >= 0.0) || !(c->threshold_rel >= 0.0))
        return NULL;
    meter *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->lay = c->layout;
    hw_rng_seed(&m->rng, c->seed);
    m->t = c->start;
    m->nominal = c->nominal_a;
    m->volt = c->voltage;
    m->pf = c->pf;
    m->noise = c->noise_rel;
    m->threshold = c->threshold_rel;
    m->load = 1.0;
    return m;
}

void meter_free(meter *m)
{
    free(m);
}

void meter_set_on(meter *m, int on)
{
    m->on = on != 0;
}

void meter_set_load(meter *m, double fraction)
{
    if (isfinite(fraction) && fraction >= 0.0) m->load = fraction;
}

void meter_set_fault(meter *m, int code)
{
    m->fault = code;
}

void meter_set_maintenance(meter *m, int on)
{
    m->maint = on != 0;
}

double meter_power_kw(const meter *m)
{
    return sqrt(3.0) * m->volt * m->current * m->pf / 1000.0;
}

int meter_state(const meter *m)
{
    if (m->fault || m->current > 1.2 * m->nominal) return METER_ALARM;
    if (m->maint) return METER_MAINTENANCE;
    if (m->current < m->threshold * m->nominal) return METER_OFF;
    return METER_RUNNING;
}

void meter_step(meter *m, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double i = 0.0;
    if (m->on) {
        i = m->nominal * m->load;
        if (m->noise > 0.0) i *= 1.0 + hw_rng_normal(&m->rng, 0.0, m->noise);
        if (i < 0.0) i = 0.0;
    }
    m->current = i;
    double x = meter_power_kw(m) * dt / 3600.0;
    double t = m->kwh_s + x;
    m->kwh_c += fabs(m->kwh_s) >= fabs(x) ? (m->kwh_s - t) + x : (x - t) + m->kwh_s;
    m->kwh_s = t;
    if (meter_state(m) == METER_RUNNING) m->run_s += dt;
    m->t += dt;
}

double meter_time(const meter *m)
{
    return m->t;
}

double meter_current(const meter *m)
{
    return m->current;
}

double meter_kwh(const meter *m)
{
    return m->kwh_s + m->kwh_c;
}

double meter_run_seconds(const meter *m)
{
    return m->run_s;
}

static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, 0, METER_R_CURRENT}, {0x02, HWREG_F32, 0, METER_R_KW},
    {0x04, HWREG_F64, 0, METER_R_KWH},     {0x08, HWREG_U16, 0, METER_R_RS},
    {0x09, HWREG_U16, 0, METER_R_ON},      {0x0A, HWREG_F32, 0, METER_R_LOAD},
    {0x0C, HWREG_F32, 0, METER_R_NOMINAL}, {0x0E, HWREG_F64, 0, METER_R_RUN_H},
    {0x12, HWREG_BCD, 0, METER_R_CLOCK},   {0x15, HWREG_U16, 0, METER_R_FAULT},
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x16, "readings"},
};
const hwreg_map meter_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    meter *m = dev;
    switch (id) {
    case METER_R_CURRENT:
        return m->current;
    case METER_R_KW:
        return meter_power_kw(m);
    case METER_R_KWH:
        return meter_kwh(m);
    case METER_R_RS:
        return meter_state(m);
    case METER_R_ON:
        return m->on;
    case METER_R_LOAD:
        return m->load;
    case METER_R_NOMINAL:
        return m->nominal;
    case METER_R_RUN_H:
        return m->run_s / 3600.0;
    case METER_R_CLOCK:
        return m->t;
    case METER_R_FAULT:
        return m->fault;
    default:
        return 0;
    }
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    meter *m = dev;
    return hwreg_read(&meter_regmap, &m->lay, table, addr, n, out, reg_get, m);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    return HWDEV_EX_ADDRESS; /* nothing writable */
}

const hwdev_ops meter_hwdev_ops = {.kind = "meter", .read = ops_read, .write = ops_write};

hwdev meter_hwdev(meter *m)
{
    hwdev d = {&meter_hwdev_ops, m};
    return d;
}
