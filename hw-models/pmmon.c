/* pmmon.c — particulate monitor: scatter signal, K factor, checks. */
#include "pmmon.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LN10       2.302585092994046
#define CHECK_PASS 2.5 /* % of the range */

static const char *const PARAM_NAMES[PMMON_P_COUNT] = {
    "k", "b", "range", "t90", "span_ref", "check_auto", "check_start",
};

struct pmmon {
    hwreg_layout lay;
    hw_rng rng;
    double t, dust_k, noise_fs, check_s;
    double p[PMMON_P_COUNT];
    double dust, y, raw, val, soiling;
    int over, frozen, hold_flag, maint, fault, last_cmd;
    double frozen_v;
    int seq, phase; /* seq: the command running; phase: PMMON_ZERO_CHECK / SPAN_CHECK */
    double seq_end, next_check;
    double zero_val, zero_time, span_val, span_err, span_time;
    int span_fail;
    unsigned changes;
};

void pmmon_config_default(pmmon_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->dust_k = 1.0;
    c->check_s = 120.0;
}

static int param_ok(int param, double v)
{
    if (!isfinite(v)) return 0;
    switch (param) {
    case PMMON_P_K:
    case PMMON_P_RANGE:
    case PMMON_P_SPAN_REF:
        return v > 0.0;
    case PMMON_P_B:
        return 1;
    case PMMON_P_T90:
        return v > 0.0 && v <= 3600.0;
    case PMMON_P_CHECK_AUTO:
        return v == 0.0 || v == 1.0;
    case PMMON_P_CHECK_START:
        return v >= 0.0 && v < 86400.0;
    default:
        return 0;
    }
}

/* The next daily check strictly after t. */
static double check_from(const pmmon *p, double t)
{
    double off = p->p[PMMON_P_CHECK_START], local = t + p->lay.tz_s;
    double next = off + floor((local - off) / 86400.0) * 86400.0;
    if (next <= local) next += 86400.0;
    return next - p->lay.tz_s;
}

pmmon *pmmon_new(const pmmon_config *c)
{
    if (!c || !isfinite(c->start) || !(c->dust_k > 0.0) || !(c->noise_fs >= 0.0) ||
        !(c->check_s > 0.0) || !(c->initial >= 0.0))
        return NULL;
    pmmon *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->lay = c->layout;
    hw_rng_seed(&p->rng, c->seed);
    p->t = c->start;
    p->dust_k = c->dust_k;
    p->noise_fs = c->noise_fs;
    p->check_s = c->check_s;
    p->p[PMMON_P_K] = c->dust_k;
    p->p[PMMON_P_B] = 0.0;
    p->p[PMMON_P_RANGE] = 200.0;
    p->p[PMMON_P_T90] = 60.0;
    p->p[PMMON_P_SPAN_REF] = 0.8 * 200.0 / c->dust_k;
    p->p[PMMON_P_CHECK_AUTO] = 1.0;
    p->p[PMMON_P_CHECK_START] = 2.5 * 3600.0;
    p->dust = c->initial;
    p->y = c->initial / c->dust_k;
    p->raw = p->y;
    p->val = c->initial;
    p->next_check = check_from(p, p->t);
    p->zero_time = p->span_time = NAN;
    return p;
}

void pmmon_free(pmmon *p)
{
    free(p);
}

void pmmon_set_dust(pmmon *p, double mg_m3)
{
    p->dust = isfinite(mg_m3) && mg_m3 > 0.0 ? mg_m3 : 0.0;
}

double pmmon_time(const pmmon *p)
{
    return p->t;
}

/* The scatter signal the optics see now (SU, no lag). */
static double signal_in(const pmmon *p)
{
    return (1.0 - p->soiling) * p->dust / p->dust_k;
}

static double reading(const pmmon *p, double raw)
{
    return p->p[PMMON_P_K] * raw + p->p[PMMON_P_B];
}

static double noise(pmmon *p)
{
    double sd = p->noise_fs * p->p[PMMON_P_RANGE] / p->p[PMMON_P_K];
    return sd > 0.0 ? hw_rng_normal(&p->rng, 0.0, sd) : 0.0;
}

static void seq_start(pmmon *p, int cmd)
{
    p->seq = cmd;
    p->phase = cmd == PMMON_CMD_SPAN_CHECK ? PMMON_SPAN_CHECK : PMMON_ZERO_CHECK;
    p->seq_end = p->t + p->check_s;
}

static void phase_end(pmmon *p)
{
    if (p->phase == PMMON_ZERO_CHECK) {
        p->zero_val = reading(p, noise(p));
        p->zero_time = p->t;
        if (p->seq == PMMON_CMD_CHECK) {
            p->phase = PMMON_SPAN_CHECK;
            p->seq_end = p->t + p->check_s;
            return;
        }
    } else {
        double ref = p->p[PMMON_P_SPAN_REF];
        p->span_val = reading(p, (1.0 - p->soiling) * ref + noise(p));
        p->span_err = 100.0 * (p->span_val - reading(p, ref)) / p->p[PMMON_P_RANGE];
        p->span_time = p->t;
        p->span_fail = fabs(p->span_err) > CHECK_PASS;
    }
    p->seq = 0;
    p->phase = 0;
}

static void advance(pmmon *p, double dt)
{
    if (!(dt > 0.0)) return;
    p->y += (signal_in(p) - p->y) * (1.0 - exp(-dt * LN10 / p->p[PMMON_P_T90]));
}

void pmmon_step(pmmon *p, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = p->t + dt;
    for (;;) { /* every event moves time forward or ends: the loop terminates */
        double next = p->next_check;
        int ev = 2;
        if (p->seq && p->seq_end <= next) {
            next = p->seq_end;
            ev = 1;
        }
        if (next > t_end) break;
        advance(p, next - p->t);
        p->t = next;
        if (ev == 1) {
            phase_end(p);
        } else {
            if (p->p[PMMON_P_CHECK_AUTO] != 0.0 && !p->seq && !p->maint && !p->fault)
                seq_start(p, PMMON_CMD_CHECK);
            p->next_check = check_from(p, p->t);
        }
    }
    advance(p, t_end - p->t);
    p->t = t_end;
    if (p->fault || p->seq) return; /* the output holds */
    p->raw = p->y + noise(p);
    double v = reading(p, p->raw);
    p->over = v > p->p[PMMON_P_RANGE];
    if (p->over) v = p->p[PMMON_P_RANGE];
    p->val = v > 0.0 ? v : 0.0;
}

double pmmon_value(const pmmon *p)
{
    return p->frozen ? p->frozen_v : p->val;
}

double pmmon_raw(const pmmon *p)
{
    return p->raw;
}

int pmmon_state(const pmmon *p)
{
    if (p->fault) return PMMON_FAULT;
    if (p->seq) return p->phase;
    if (p->maint) return PMMON_MAINTENANCE;
    return PMMON_MEASURING;
}

char pmmon_flag(const pmmon *p)
{
    int st = pmmon_state(p);
    if (st == PMMON_FAULT) return 'D';
    if (st == PMMON_ZERO_CHECK || st == PMMON_SPAN_CHECK || p->hold_flag) return 'C';
    if (st == PMMON_MAINTENANCE) return 'M';
    return p->over && !p->frozen ? 'T' : 'N';
}

int pmmon_alarm(const pmmon *p)
{
    return (p->over ? PMMON_ALARM_OVER_RANGE : 0) | (p->soiling > 0.3 ? PMMON_ALARM_SOILED : 0) |
           (p->span_fail ? PMMON_ALARM_CHECK_FAIL : 0) | (p->fault ? PMMON_ALARM_FAULT : 0);
}

int pmmon_set(pmmon *p, int param, double v, int source)
{
    if (param < 0 || param >= PMMON_P_COUNT || !param_ok(param, v)) return -1;
    (void)source;
    p->p[param] = v;
    if (param == PMMON_P_CHECK_START) p->next_check = check_from(p, p->t);
    p->changes++;
    return 0;
}

double pmmon_get(const pmmon *p, int param)
{
    return param >= 0 && param < PMMON_P_COUNT ? p->p[param] : NAN;
}

int pmmon_param_by_name(const char *name)
{
    for (int i = 0; name && i < PMMON_P_COUNT; i++)
        if (strcmp(name, PARAM_NAMES[i]) == 0) return i;
    return -1;
}

int pmmon_command(pmmon *p, int cmd, int source)
{
    (void)source;
    if (cmd < PMMON_CMD_ZERO_CHECK || cmd > PMMON_CMD_ABORT) return HWDEV_EX_VALUE;
    if (p->fault && cmd != PMMON_CMD_MAINT_ON && cmd != PMMON_CMD_MAINT_OFF)
        return HWDEV_EX_FAILURE;
    p->last_cmd = cmd;
    switch (cmd) {
    case PMMON_CMD_MAINT_ON:
    case PMMON_CMD_MAINT_OFF:
        p->maint = cmd == PMMON_CMD_MAINT_ON;
        return 0;
    case PMMON_CMD_ABORT:
        p->seq = 0;
        p->phase = 0;
        return 0;
    default:
        if (p->seq) return HWDEV_EX_BUSY;
        seq_start(p, cmd);
        return 0;
    }
}

void pmmon_set_soiling(pmmon *p, double s)
{
    if (isfinite(s) && s >= 0.0 && s <= 1.0) p->soiling = s;
}

void pmmon_freeze(pmmon *p, double v)
{
    if (!isfinite(v)) return;
    p->frozen = 1;
    p->frozen_v = v;
}

void pmmon_unfreeze(pmmon *p)
{
    p->frozen = 0;
}

void pmmon_hold_cal_flag(pmmon *p, int on)
{
    p->hold_flag = on != 0;
}

void pmmon_set_fault(pmmon *p, int code)
{
    p->fault = code;
    if (code) {
        p->seq = 0;
        p->phase = 0;
    }
}

void pmmon_set_maintenance(pmmon *p, int on)
{
    p->maint = on != 0;
}

#define W 1
#define R 0
static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, R, PMMON_R_VALUE},
    {0x02, HWREG_F32, R, PMMON_R_RAW},
    {0x04, HWREG_F32, R, PMMON_R_MA},
    {0x06, HWREG_U16, R, PMMON_R_FLAG},
    {0x07, HWREG_U16, R, PMMON_R_STATE},
    {0x08, HWREG_U16, R, PMMON_R_ALARM},
    {0x09, HWREG_U16, R, PMMON_R_FAULT},
    {0x0A, HWREG_F32, R, PMMON_R_SOILING},
    {0x0C, HWREG_BCD, R, PMMON_R_CLOCK},
    {0x0F, HWREG_U16, R, PMMON_R_CHG_COUNT},
    {0x10, HWREG_F32, R, PMMON_R_ZERO_VAL},
    {0x12, HWREG_BCD, R, PMMON_R_ZERO_TIME},
    {0x15, HWREG_F32, R, PMMON_R_SPAN_VAL},
    {0x17, HWREG_F32, R, PMMON_R_SPAN_ERR},
    {0x19, HWREG_BCD, R, PMMON_R_SPAN_TIME},
    {0x20, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_K},
    {0x22, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_B},
    {0x24, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_RANGE},
    {0x26, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_T90},
    {0x28, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_SPAN_REF},
    {0x2A, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_CHECK_AUTO},
    {0x2C, HWREG_F32, W, PMMON_R_PARAM + PMMON_P_CHECK_START},
    {0x30, HWREG_U16, W, PMMON_R_CMD},
};
#undef W
#undef R
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x10, "data"},
    {0x10, 0x0C, "checks"},
    {0x20, 0x0E, "parameters"},
    {0x30, 1, "command"},
};
const hwreg_map pmmon_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    const pmmon *p = dev;
    if (id >= PMMON_R_PARAM) {
        int param = id - PMMON_R_PARAM;
        return param == PMMON_P_CHECK_START ? p->p[param] / 60.0 : p->p[param];
    }
    switch (id) {
    case PMMON_R_VALUE:
        return pmmon_value(p);
    case PMMON_R_RAW:
        return p->raw;
    case PMMON_R_MA:
        return 4.0 + 16.0 * pmmon_value(p) / p->p[PMMON_P_RANGE];
    case PMMON_R_FLAG:
        return (double)(unsigned char)pmmon_flag(p);
    case PMMON_R_STATE:
        return pmmon_state(p);
    case PMMON_R_ALARM:
        return pmmon_alarm(p);
    case PMMON_R_FAULT:
        return p->fault;
    case PMMON_R_SOILING:
        return 100.0 * p->soiling;
    case PMMON_R_CLOCK:
        return p->t;
    case PMMON_R_CHG_COUNT:
        return p->changes % 65536u;
    case PMMON_R_ZERO_VAL:
        return p->zero_val;
    case PMMON_R_ZERO_TIME:
        return p->zero_time;
    case PMMON_R_SPAN_VAL:
        return p->span_val;
    case PMMON_R_SPAN_ERR:
        return p->span_err;
    case PMMON_R_SPAN_TIME:
        return p->span_time;
    case PMMON_R_CMD:
        return p->last_cmd;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    pmmon *p = dev;
    if (id >= PMMON_R_PARAM) {
        int param = id - PMMON_R_PARAM;
        if (param == PMMON_P_CHECK_START) v *= 60.0;
        return pmmon_set(p, param, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    }
    if (id == PMMON_R_CMD) return pmmon_command(p, (int)v, HWDEV_SRC_MODBUS);
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    pmmon *p = dev;
    return hwreg_read(&pmmon_regmap, &p->lay, table, addr, n, out, reg_get, p);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    pmmon *p = dev;
    return hwreg_write(&pmmon_regmap, &p->lay, addr, n, in, reg_set, p);
}

const hwdev_ops pmmon_hwdev_ops = {.kind = "pmmon", .read = ops_read, .write = ops_write};

hwdev pmmon_hwdev(pmmon *p)
{
    hwdev d = {&pmmon_hwdev_ops, p};
    return d;
}
