/* probe.c — lagged, noisy pH / temperature / conductivity probe. */
#include "probe.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct probe {
    hwreg_layout lay;
    hw_rng rng;
    double t;
    double tau[PROBE_CH], noise[PROBE_CH], offset[PROBE_CH];
    double in[PROBE_CH], y[PROBE_CH], out[PROBE_CH];
    int fault;
};

void probe_config_default(probe_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->tau[PROBE_PH] = 30.0;
    c->tau[PROBE_TEMP] = 60.0;
    c->tau[PROBE_COND] = 20.0;
    c->noise[PROBE_PH] = 0.01;
    c->noise[PROBE_TEMP] = 0.05;
    c->noise[PROBE_COND] = 1.0;
    c->initial.ph = 7.0;
    c->initial.temp = 20.0;
    c->initial.cond = 500.0;
}

static void from_water(const water *w, double v[PROBE_CH])
{
    v[PROBE_PH] = w->ph;
    v[PROBE_TEMP] = w->temp;
    v[PROBE_COND] = w->cond;
}

probe *probe_new(const probe_config *c)
{
    if (!c || !isfinite(c->start)) return NULL;
    for (int i = 0; i < PROBE_CH; i++)
        if (!(c->tau[i] >= 0.0) || !(c->noise[i] >= 0.0)) return NULL;
    probe *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->lay = c->layout;
    hw_rng_seed(&p->rng, c->seed);
    p->t = c->start;
    memcpy(p->tau, c->tau, sizeof p->tau);
    memcpy(p->noise, c->noise, sizeof p->noise);
    from_water(&c->initial, p->in);
    memcpy(p->y, p->in, sizeof p->y);
    memcpy(p->out, p->in, sizeof p->out);
    return p;
}

void probe_free(probe *p)
{
    free(p);
}

void probe_set_water(probe *p, const water *w)
{
    if (w) from_water(w, p->in);
}

void probe_step(probe *p, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    p->t += dt;
    if (p->fault) return; /* a faulted probe holds its last reading */
    for (int i = 0; i < PROBE_CH; i++) {
        double a = p->tau[i] > 0.0 ? 1.0 - exp(-dt / p->tau[i]) : 1.0;
        p->y[i] += (p->in[i] - p->y[i]) * a;
        double n = p->noise[i] > 0.0 ? hw_rng_normal(&p->rng, 0.0, p->noise[i]) : 0.0;
        p->out[i] = p->y[i] + n + p->offset[i];
    }
}

double probe_time(const probe *p)
{
    return p->t;
}

double probe_value(const probe *p, int ch)
{
    return ch >= 0 && ch < PROBE_CH ? p->out[ch] : NAN;
}

double probe_sensor(const probe *p, int ch)
{
    return ch >= 0 && ch < PROBE_CH ? p->y[ch] : NAN;
}

void probe_set_offset(probe *p, int ch, double offset)
{
    if (ch >= 0 && ch < PROBE_CH && isfinite(offset)) p->offset[ch] = offset;
}

void probe_set_fault(probe *p, int code)
{
    p->fault = code;
}

int probe_fault(const probe *p)
{
    return p->fault;
}

static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, 0, PROBE_R_PH},       {0x02, HWREG_F32, 0, PROBE_R_TEMP},
    {0x04, HWREG_F32, 0, PROBE_R_COND},     {0x06, HWREG_U16, 0, PROBE_R_STATUS},
    {0x07, HWREG_U16, 0, PROBE_R_FAULT},    {0x08, HWREG_BCD, 0, PROBE_R_TIME},
    {0x10, HWREG_F32, 0, PROBE_R_TAU_PH},   {0x12, HWREG_F32, 0, PROBE_R_TAU_TEMP},
    {0x14, HWREG_F32, 0, PROBE_R_TAU_COND},
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x0B, "readings"},
    {0x10, 6, "time constants"},
};
const hwreg_map probe_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    probe *p = dev;
    switch (id) {
    case PROBE_R_PH:
        return p->out[PROBE_PH];
    case PROBE_R_TEMP:
        return p->out[PROBE_TEMP];
    case PROBE_R_COND:
        return p->out[PROBE_COND];
    case PROBE_R_STATUS:
        return p->fault ? 2 : 0;
    case PROBE_R_FAULT:
        return p->fault;
    case PROBE_R_TIME:
        return p->t;
    case PROBE_R_TAU_PH:
        return p->tau[PROBE_PH];
    case PROBE_R_TAU_TEMP:
        return p->tau[PROBE_TEMP];
    case PROBE_R_TAU_COND:
        return p->tau[PROBE_COND];
    default:
        return 0;
    }
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    probe *p = dev;
    return hwreg_read(&probe_regmap, &p->lay, table, addr, n, out, reg_get, p);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    return HWDEV_EX_ADDRESS; /* nothing writable */
}

const hwdev_ops probe_hwdev_ops = {.kind = "probe", .read = ops_read, .write = ops_write};

hwdev probe_hwdev(probe *p)
{
    hwdev d = {&probe_hwdev_ops, p};
    return d;
}
