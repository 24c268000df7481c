/* flowmeter.c — flow meter and exact totalizer. */
#include "flowmeter.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Neumaier compensated sum: total = s + c. */
typedef struct ksum {
    double s, c;
} ksum;

static void ksum_add(ksum *k, double x)
{
    double t = k->s + x;
    if (fabs(k->s) >= fabs(x))
        k->c += (k->s - t) + x;
    else
        k->c += (x - t) + k->s;
    k->s = t;
}

struct flowmeter {
    hwreg_layout lay;
    hw_rng rng;
    double t, noise_rel, range;
    double q_true, q_rep, factor;
    ksum total, true_total;
    int fault;
    unsigned changes;
    int change_src;
};

void flowmeter_config_default(flowmeter_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->range_m3h = 500.0;
}

flowmeter *flowmeter_new(const flowmeter_config *c)
{
    if (!c || !isfinite(c->start) || !(c->noise_rel >= 0.0) || !(c->range_m3h > 0.0) ||
        !isfinite(c->total0))
        return NULL;
    flowmeter *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->lay = c->layout;
    hw_rng_seed(&f->rng, c->seed);
    f->t = c->start;
    f->noise_rel = c->noise_rel;
    f->range = c->range_m3h;
    f->factor = 1.0;
    f->total.s = c->total0;
    f->true_total.s = c->total0;
    return f;
}

void flowmeter_free(flowmeter *f)
{
    free(f);
}

static double reported(flowmeter *f)
{
    if (f->fault) return 0.0;
    double q = f->factor * f->q_true;
    if (f->noise_rel > 0.0) q *= 1.0 + hw_rng_normal(&f->rng, 0.0, f->noise_rel);
    return q > 0.0 ? q : 0.0;
}

void flowmeter_set_flow(flowmeter *f, double m3h)
{
    f->q_true = isfinite(m3h) && m3h > 0.0 ? m3h : 0.0;
    if (f->noise_rel == 0.0)
        f->q_rep = reported(f); /* noise is drawn only by steps: the sequence stays fixed */
}

void flowmeter_step(flowmeter *f, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    f->q_rep = reported(f);
    ksum_add(&f->total, f->q_rep * dt / 3600.0);
    ksum_add(&f->true_total, f->q_true * dt / 3600.0);
    f->t += dt;
}

double flowmeter_time(const flowmeter *f)
{
    return f->t;
}

double flowmeter_flow_m3h(const flowmeter *f)
{
    return f->q_rep;
}

double flowmeter_flow_ls(const flowmeter *f)
{
    return f->q_rep / 3.6;
}

double flowmeter_total(const flowmeter *f)
{
    return f->total.s + f->total.c;
}

double flowmeter_true_total(const flowmeter *f)
{
    return f->true_total.s + f->true_total.c;
}

int flowmeter_set_factor(flowmeter *f, double factor, int source)
{
    if (!isfinite(factor) || factor < 0.0) return -1;
    f->factor = factor;
    f->changes++;
    f->change_src = source;
    if (f->noise_rel == 0.0) f->q_rep = reported(f);
    return 0;
}

double flowmeter_factor(const flowmeter *f)
{
    return f->factor;
}

unsigned flowmeter_change_counter(const flowmeter *f)
{
    return f->changes;
}

int flowmeter_last_change_source(const flowmeter *f)
{
    return f->change_src;
}

void flowmeter_set_fault(flowmeter *f, int code)
{
    f->fault = code;
    if (f->noise_rel == 0.0) f->q_rep = reported(f);
}

int flowmeter_status(const flowmeter *f)
{
    if (f->fault) return FLOWMETER_FAULT;
    if (f->q_rep > f->range) return FLOWMETER_OVER;
    if (f->q_true <= 0.0) return FLOWMETER_EMPTY;
    return FLOWMETER_OK;
}

static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, 0, FLOWMETER_R_M3H},        {0x02, HWREG_F32, 0, FLOWMETER_R_LS},
    {0x04, HWREG_F64, 0, FLOWMETER_R_TOTAL},      {0x08, HWREG_U32, 0, FLOWMETER_R_TOTAL_INT},
    {0x0A, HWREG_F32, 0, FLOWMETER_R_TOTAL_FRAC}, {0x0C, HWREG_U16, 0, FLOWMETER_R_STATUS},
    {0x0D, HWREG_U16, 0, FLOWMETER_R_FAULT},      {0x0E, HWREG_BCD, 0, FLOWMETER_R_TIME},
    {0x11, HWREG_U16, 0, FLOWMETER_R_CHANGES},    {0x20, HWREG_F32, 1, FLOWMETER_R_FACTOR},
    {0x22, HWREG_F32, 0, FLOWMETER_R_RANGE},
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x12, "measurements"},
    {0x20, 4, "settings"},
};
const hwreg_map flowmeter_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    flowmeter *f = dev;
    double tot = flowmeter_total(f);
    switch (id) {
    case FLOWMETER_R_M3H:
        return f->q_rep;
    case FLOWMETER_R_LS:
        return flowmeter_flow_ls(f);
    case FLOWMETER_R_TOTAL:
        return tot;
    case FLOWMETER_R_TOTAL_INT:
        return floor(tot);
    case FLOWMETER_R_TOTAL_FRAC:
        return tot - floor(tot);
    case FLOWMETER_R_STATUS:
        return flowmeter_status(f);
    case FLOWMETER_R_FAULT:
        return f->fault;
    case FLOWMETER_R_TIME:
        return f->t;
    case FLOWMETER_R_CHANGES:
        return f->changes % 65536u;
    case FLOWMETER_R_FACTOR:
        return f->factor;
    case FLOWMETER_R_RANGE:
        return f->range;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    flowmeter *f = dev;
    if (id == FLOWMETER_R_FACTOR)
        return flowmeter_set_factor(f, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    flowmeter *f = dev;
    return hwreg_read(&flowmeter_regmap, &f->lay, table, addr, n, out, reg_get, f);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    flowmeter *f = dev;
    return hwreg_write(&flowmeter_regmap, &f->lay, addr, n, in, reg_set, f);
}

const hwdev_ops flowmeter_hwdev_ops = {.kind = "flowmeter", .read = ops_read, .write = ops_write};

hwdev flowmeter_hwdev(flowmeter *f)
{
    hwdev d = {&flowmeter_hwdev_ops, f};
    return d;
}
