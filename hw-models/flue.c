/* flue.c — pitot velocity, flue temperature, pressure, humidity, HJ 75 flows. */
#include "flue.h"
#include "gas.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const PARAM_NAMES[FLUE_P_COUNT] = {"kv", "kp", "area", "rho_n"};

struct flue {
    hwreg_layout lay;
    hw_rng rng;
    double t;
    double kv_stack, kp_pitot, rho_n; /* the stack's, the pitot's, the gas's: true */
    double p[FLUE_P_COUNT];
    double tau[FLUE_CH], noise[FLUE_CH], offset[FLUE_CH];
    flue_state in;
    double ch_in[FLUE_CH], y[FLUE_CH], out[FLUE_CH];
    int fault;
    unsigned changes;
    int change_src, change_param;
};

void flue_config_default(flue_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->kv = 1.0;
    c->kp = 0.84;
    c->area_m2 = 7.07;
    c->rho_n = 1.34;
    c->tau[FLUE_PD] = 5.0;
    c->tau[FLUE_T] = 30.0;
    c->tau[FLUE_PS] = 5.0;
    c->tau[FLUE_H2O] = 60.0;
    c->noise[FLUE_PD] = 0.01;
    c->noise[FLUE_T] = 0.2;
    c->noise[FLUE_PS] = 0.01;
    c->noise[FLUE_H2O] = 0.1;
    c->initial.v = 10.0;
    c->initial.t = 50.0;
    c->initial.ps = -0.2;
    c->initial.h2o = 10.0;
    c->initial.ba = GAS_P0_KPA;
}

static int param_ok(int param, double v)
{
    if (!isfinite(v) || !(v > 0.0)) return 0;
    switch (param) {
    case FLUE_P_KV:
    case FLUE_P_KP:
        return v <= 2.0;
    case FLUE_P_AREA:
        return v <= 200.0;
    case FLUE_P_RHO_N:
        return v <= 5.0;
    default:
        return 0;
    }
}

/* Density at flue conditions, kg/m3. */
static double density(double rho_n, double t, double ps, double ba)
{
    return rho_n * 273.0 / (273.0 + t) * (ba + ps) / GAS_P0_KPA;
}

/* The channels' true inputs from the stack state. */
static void inputs(flue *f)
{
    const flue_state *s = &f->in;
    double rho = density(f->rho_n, s->t, s->ps, s->ba);
    double vp = (s->v > 0.0 ? s->v : 0.0) / f->kv_stack / f->kp_pitot;
    f->ch_in[FLUE_PD] = rho / 2.0 * vp * vp;
    f->ch_in[FLUE_T] = s->t;
    f->ch_in[FLUE_PS] = s->ps;
    f->ch_in[FLUE_H2O] = s->h2o;
}

flue *flue_new(const flue_config *c)
{
    if (!c || !isfinite(c->start) || !param_ok(FLUE_P_KV, c->kv) || !param_ok(FLUE_P_KP, c->kp) ||
        !param_ok(FLUE_P_AREA, c->area_m2) || !param_ok(FLUE_P_RHO_N, c->rho_n) ||
        !(c->initial.ba > 0.0))
        return NULL;
    for (int i = 0; i < FLUE_CH; i++)
        if (!(c->tau[i] >= 0.0) || !(c->noise[i] >= 0.0)) return NULL;
    flue *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->lay = c->layout;
    hw_rng_seed(&f->rng, c->seed);
    f->t = c->start;
    f->kv_stack = c->kv;
    f->kp_pitot = c->kp;
    f->rho_n = c->rho_n;
    f->p[FLUE_P_KV] = c->kv;
    f->p[FLUE_P_KP] = c->kp;
    f->p[FLUE_P_AREA] = c->area_m2;
    f->p[FLUE_P_RHO_N] = c->rho_n;
    memcpy(f->tau, c->tau, sizeof f->tau);
    memcpy(f->noise, c->noise, sizeof f->noise);
    f->in = c->initial;
    inputs(f);
    memcpy(f->y, f->ch_in, sizeof f->y);
    memcpy(f->out, f->ch_in, sizeof f->out);
    return f;
}

void flue_free(flue *f)
{
    free(f);
}

void flue_set_state(flue *f, const flue_state *s)
{
    if (!s || !isfinite(s->v) || !isfinite(s->t) || !isfinite(s->ps) || !isfinite(s->h2o) ||
        !(s->ba > 0.0))
        return;
    f->in = *s;
    inputs(f);
}

void flue_step(flue *f, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    f->t += dt;
    if (f->fault) return; /* a faulted monitor holds its last readings */
    for (int i = 0; i < FLUE_CH; i++) {
        double a = f->tau[i] > 0.0 ? 1.0 - exp(-dt / f->tau[i]) : 1.0;
        f->y[i] += (f->ch_in[i] - f->y[i]) * a;
        double sd = i == FLUE_PD ? f->noise[i] * f->y[i] : f->noise[i];
        double n = sd > 0.0 ? hw_rng_normal(&f->rng, 0.0, sd) : 0.0;
        f->out[i] = f->y[i] + n + f->offset[i];
    }
    if (f->out[FLUE_PD] < 0.0) f->out[FLUE_PD] = 0.0;
}

double flue_time(const flue *f)
{
    return f->t;
}

double flue_density(const flue *f)
{
    return density(f->p[FLUE_P_RHO_N], f->out[FLUE_T], f->out[FLUE_PS], f->in.ba);
}

double flue_velocity(const flue *f)
{
    return f->p[FLUE_P_KV] * f->p[FLUE_P_KP] * sqrt(2.0 * f->out[FLUE_PD] / flue_density(f));
}

double flue_temp(const flue *f)
{
    return f->out[FLUE_T];
}

double flue_pressure(const flue *f)
{
    return f->out[FLUE_PS];
}

double flue_humidity(const flue *f)
{
    return f->out[FLUE_H2O];
}

double flue_pd(const flue *f)
{
    return f->out[FLUE_PD];
}

double flue_qs(const flue *f)
{
    return flue_velocity(f) * f->p[FLUE_P_AREA] * 3600.0;
}

double flue_qsn(const flue *f)
{
    return flue_qs(f) *
           gas_std_dry_factor(f->out[FLUE_T], f->in.ba + f->out[FLUE_PS], f->out[FLUE_H2O]);
}

int flue_set(flue *f, int param, double v, int source)
{
    if (param < 0 || param >= FLUE_P_COUNT || !param_ok(param, v)) return -1;
    f->p[param] = v;
    f->changes++;
    f->change_src = source;
    f->change_param = param;
    return 0;
}

double flue_get(const flue *f, int param)
{
    return param >= 0 && param < FLUE_P_COUNT ? f->p[param] : NAN;
}

int flue_param_by_name(const char *name)
{
    for (int i = 0; name && i < FLUE_P_COUNT; i++)
        if (strcmp(name, PARAM_NAMES[i]) == 0) return i;
    return -1;
}

unsigned flue_change_counter(const flue *f)
{
    return f->changes;
}

void flue_set_offset(flue *f, int ch, double offset)
{
    if (ch >= 0 && ch < FLUE_CH && isfinite(offset)) f->offset[ch] = offset;
}

void flue_set_fault(flue *f, int code)
{
    f->fault = code;
}

#define W 1
#define R 0
static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, R, FLUE_R_V},
    {0x02, HWREG_F32, R, FLUE_R_T},
    {0x04, HWREG_F32, R, FLUE_R_PS},
    {0x06, HWREG_F32, R, FLUE_R_H2O},
    {0x08, HWREG_F32, R, FLUE_R_PD},
    {0x0A, HWREG_F32, R, FLUE_R_QS},
    {0x0C, HWREG_F32, R, FLUE_R_QSN},
    {0x0E, HWREG_F32, R, FLUE_R_BA},
    {0x10, HWREG_F32, R, FLUE_R_RHO},
    {0x12, HWREG_U16, R, FLUE_R_STATUS},
    {0x13, HWREG_U16, R, FLUE_R_FAULT},
    {0x14, HWREG_BCD, R, FLUE_R_CLOCK},
    {0x17, HWREG_U16, R, FLUE_R_CHG_COUNT},
    {0x18, HWREG_U16, R, FLUE_R_CHG_PARAM},
    {0x19, HWREG_U16, R, FLUE_R_CHG_SRC},
    {0x20, HWREG_F32, W, FLUE_R_PARAM + FLUE_P_KV},
    {0x22, HWREG_F32, W, FLUE_R_PARAM + FLUE_P_KP},
    {0x24, HWREG_F32, W, FLUE_R_PARAM + FLUE_P_AREA},
    {0x26, HWREG_F32, W, FLUE_R_PARAM + FLUE_P_RHO_N},
};
#undef W
#undef R
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x1A, "readings"},
    {0x20, 8, "parameters"},
};
const hwreg_map flue_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    const flue *f = dev;
    if (id >= FLUE_R_PARAM) return f->p[id - FLUE_R_PARAM];
    switch (id) {
    case FLUE_R_V:
        return flue_velocity(f);
    case FLUE_R_T:
        return f->out[FLUE_T];
    case FLUE_R_PS:
        return f->out[FLUE_PS];
    case FLUE_R_H2O:
        return f->out[FLUE_H2O];
    case FLUE_R_PD:
        return f->out[FLUE_PD];
    case FLUE_R_QS:
        return flue_qs(f);
    case FLUE_R_QSN:
        return flue_qsn(f);
    case FLUE_R_BA:
        return f->in.ba;
    case FLUE_R_RHO:
        return flue_density(f);
    case FLUE_R_STATUS:
        return f->fault ? 2 : 0;
    case FLUE_R_FAULT:
        return f->fault;
    case FLUE_R_CLOCK:
        return f->t;
    case FLUE_R_CHG_COUNT:
        return f->changes % 65536u;
    case FLUE_R_CHG_PARAM:
        return f->changes ? f->lay.base + 0x20 + 2 * f->change_param : 0;
    case FLUE_R_CHG_SRC:
        return f->changes ? f->change_src : 0;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    flue *f = dev;
    if (id >= FLUE_R_PARAM)
        return flue_set(f, id - FLUE_R_PARAM, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    flue *f = dev;
    return hwreg_read(&flue_regmap, &f->lay, table, addr, n, out, reg_get, f);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    flue *f = dev;
    return hwreg_write(&flue_regmap, &f->lay, addr, n, in, reg_set, f);
}

const hwdev_ops flue_hwdev_ops = {.kind = "flue", .read = ops_read, .write = ops_write};

hwdev flue_hwdev(flue *f)
{
    hwdev d = {&flue_hwdev_ops, f};
    return d;
}
