/* sampling.c — probe, heated line, chiller, pump, blowback: the conditioned sample. */
#include "sampling.h"
#include "hwrng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CHILLER_MAX 6.0  /* degC: a cold-dry system's chiller runs at 4 +- 2 */
#define DEW_FULL    10.0 /* degC below the dew point at which the condensate takes its full share */

/* Shares of each gas the condensate takes (the non-methane hydrocarbons: thc - ch4). */
#define K_SO2  0.9
#define K_NO2  0.5
#define K_NO   0.03
#define K_NMHC 0.3

static const char *const PARAM_NAMES[SAMPLING_P_COUNT] = {
    "probe_c", "line_c", "chiller_c", "blowback_interval", "blowback_s", "recovery_s",
};

enum { BB_NONE = 0, BB_BLOW = 1, BB_RECOVER = 2 };

struct sampling {
    hwreg_layout lay;
    hw_rng rng;
    double t;
    double p[SAMPLING_P_COUNT];
    double probe_tau, line_tau, chiller_tau, flow_nom, clog_rate, residual;
    double noise_temp, noise_flow;

    gas stack, out;
    double t_stack, p_kpa, t_amb, t_cab;
    double probe_t, line_t, chiller_t; /* true */
    double rep[4];                     /* reported probe, line, chiller, flow */
    double clog, leak, flow;
    int probe_heat, line_heat, chiller_on, pump_on, maint, fault, hold_knob;
    int moisture;

    int bb;
    double bb_end, next_bb, bb_last;
    unsigned bb_count;
    unsigned changes;
    int change_src, change_param, last_cmd;
};

void sampling_config_default(sampling_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->seed = 1;
    c->probe_set = 180.0;
    c->line_set = 150.0;
    c->chiller_set = 4.0;
    c->probe_tau = 300.0;
    c->line_tau = 600.0;
    c->chiller_tau = 900.0;
    c->flow_lpm = 2.0;
    c->bb_interval = 14400.0;
    c->bb_duration = 60.0;
    c->bb_recovery = 120.0;
    c->clog_rate = 0.01;
    c->blowback_residual = 0.2;
    c->noise_temp = 0.2;
    c->noise_flow = 0.01;
}

static int param_ok(int param, double v)
{
    if (!isfinite(v)) return 0;
    switch (param) {
    case SAMPLING_P_PROBE_SET:
    case SAMPLING_P_LINE_SET:
    case SAMPLING_P_CHILLER_SET:
        return v >= -50.0 && v <= 300.0;
    case SAMPLING_P_BB_INTERVAL:
        return v == 0.0 || (v >= 600.0 && v <= 86400.0);
    case SAMPLING_P_BB_DURATION:
        return v >= 5.0 && v <= 600.0;
    case SAMPLING_P_BB_RECOVERY:
        return v >= 0.0 && v <= 1800.0;
    default:
        return 0;
    }
}

/* The next scheduled blowback strictly after t (every interval from local midnight). */
static double bb_from(const sampling *s, double t)
{
    double iv = s->p[SAMPLING_P_BB_INTERVAL];
    if (!(iv > 0.0)) return INFINITY;
    double local = t + s->lay.tz_s;
    double next = floor(local / iv) * iv;
    if (next <= local) next += iv;
    return next - s->lay.tz_s;
}

sampling *sampling_new(const sampling_config *c)
{
    if (!c || !isfinite(c->start) || !param_ok(SAMPLING_P_PROBE_SET, c->probe_set) ||
        !param_ok(SAMPLING_P_LINE_SET, c->line_set) ||
        !param_ok(SAMPLING_P_CHILLER_SET, c->chiller_set) ||
        !param_ok(SAMPLING_P_BB_INTERVAL, c->bb_interval) ||
        !param_ok(SAMPLING_P_BB_DURATION, c->bb_duration) ||
        !param_ok(SAMPLING_P_BB_RECOVERY, c->bb_recovery) || !(c->probe_tau > 0.0) ||
        !(c->line_tau > 0.0) || !(c->chiller_tau > 0.0) || !(c->flow_lpm > 0.0) ||
        !(c->clog_rate >= 0.0) || !(c->blowback_residual >= 0.0 && c->blowback_residual <= 1.0) ||
        !(c->noise_temp >= 0.0) || !(c->noise_flow >= 0.0))
        return NULL;
    sampling *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->lay = c->layout;
    hw_rng_seed(&s->rng, c->seed);
    s->t = c->start;
    s->p[SAMPLING_P_PROBE_SET] = c->probe_set;
    s->p[SAMPLING_P_LINE_SET] = c->line_set;
    s->p[SAMPLING_P_CHILLER_SET] = c->chiller_set;
    s->p[SAMPLING_P_BB_INTERVAL] = c->bb_interval;
    s->p[SAMPLING_P_BB_DURATION] = c->bb_duration;
    s->p[SAMPLING_P_BB_RECOVERY] = c->bb_recovery;
    s->probe_tau = c->probe_tau;
    s->line_tau = c->line_tau;
    s->chiller_tau = c->chiller_tau;
    s->flow_nom = c->flow_lpm;
    s->clog_rate = c->clog_rate;
    s->residual = c->blowback_residual;
    s->noise_temp = c->noise_temp;
    s->noise_flow = c->noise_flow;
    s->t_stack = 20.0;
    s->p_kpa = GAS_P0_KPA;
    s->t_amb = 20.0;
    s->t_cab = 25.0;
    /* a system that has been running: at its set points */
    s->probe_t = c->probe_set;
    s->line_t = c->line_set;
    s->chiller_t = c->chiller_set;
    s->probe_heat = s->line_heat = s->chiller_on = s->pump_on = 1;
    s->flow = s->flow_nom;
    s->rep[0] = s->probe_t;
    s->rep[1] = s->line_t;
    s->rep[2] = s->chiller_t;
    s->rep[3] = s->flow;
    s->next_bb = bb_from(s, s->t);
    s->bb_last = NAN;
    return s;
}

void sampling_free(sampling *s)
{
    free(s);
}

double sampling_time(const sampling *s)
{
    return s->t;
}

void sampling_set_ambient(sampling *s, double ambient_c, double cabinet_c)
{
    if (isfinite(ambient_c)) s->t_amb = ambient_c;
    if (isfinite(cabinet_c)) s->t_cab = cabinet_c;
}

/* ---- the sample ---- */

/* Share of a gas with condensate share k kept by a part at t_c below the dew point. */
static double keep(double k, double dew, double t_c)
{
    double u = (dew - t_c) / DEW_FULL;
    if (!(u > 0.0)) return 1.0;
    return 1.0 - k * (u < 1.0 ? u : 1.0);
}

/* Applies the keep factors of one cold part (dew point dew, temperature t_c) to g. */
static void condense(gas *g, double dew, double t_c)
{
    double nmhc = g->thc - g->ch4;
    g->so2 *= keep(K_SO2, dew, t_c);
    g->no2 *= keep(K_NO2, dew, t_c);
    g->no *= keep(K_NO, dew, t_c);
    g->thc = g->ch4 + nmhc * keep(K_NMHC, dew, t_c);
}

/* The conditioned sample from the stack gas and the temperatures now. */
static void condition(sampling *s)
{
    gas g;
    gas_mix(&s->stack, &gas_air, s->leak, &g);
    double dew = gas_dew_point(g.h2o, s->p_kpa);
    condense(&g, dew, s->probe_t);
    condense(&g, dew, s->line_t);
    double w = gas_h2o_saturated(s->chiller_t, s->p_kpa, g.h2o);
    double w2 = gas_h2o_saturated(s->t_cab, s->p_kpa, w);
    s->moisture = w2 < w;
    condense(&g, gas_dew_point(w, s->p_kpa), s->t_cab);
    double dry = 1.0 - w2 / 100.0;
    for (int i = 0; i < GAS_SPECIES; i++)
        if (i != GAS_H2O) gas_set(&g, i, gas_get(&g, i) * dry);
    g.pm = 0.0; /* the probe filter */
    g.h2o = w2;
    s->out = g;
}

static int flowing(const sampling *s)
{
    return s->pump_on && !s->fault && s->bb != BB_BLOW;
}

void sampling_set_stack(sampling *s, const gas *g, double t_c, double p_kpa)
{
    if (g) s->stack = *g;
    if (isfinite(t_c)) s->t_stack = t_c;
    if (isfinite(p_kpa) && p_kpa > 0.0) s->p_kpa = p_kpa;
    if (s->flow > 0.0) condition(s); /* flowing: the analyzers see it at once */
}

static double lag(double y, double target, double dt, double tau)
{
    return y + (target - y) * (1.0 - exp(-dt / tau));
}

/* Temperatures and clogging over dt with the inputs held. */
static void advance(sampling *s, double dt)
{
    if (!(dt > 0.0)) return;
    double pt = s->t_stack, lt = s->t_amb;
    if (s->probe_heat && s->p[SAMPLING_P_PROBE_SET] > pt) pt = s->p[SAMPLING_P_PROBE_SET];
    if (s->line_heat && s->p[SAMPLING_P_LINE_SET] > lt) lt = s->p[SAMPLING_P_LINE_SET];
    s->probe_t = lag(s->probe_t, pt, dt, s->probe_tau);
    s->line_t = lag(s->line_t, lt, dt, s->line_tau);
    s->chiller_t = lag(s->chiller_t, s->chiller_on ? s->p[SAMPLING_P_CHILLER_SET] : s->t_cab, dt,
                       s->chiller_tau);
    if (flowing(s)) {
        double k = s->clog_rate * (s->stack.pm > 0.0 ? s->stack.pm : 0.0) / 10.0 / 3600.0;
        s->clog = 1.0 - (1.0 - s->clog) * exp(-k * dt);
    }
}

static void bb_start(sampling *s)
{
    s->bb = BB_BLOW;
    s->bb_end = s->t + s->p[SAMPLING_P_BB_DURATION];
    s->bb_last = s->t;
    s->bb_count++;
    s->clog *= s->residual;
}

static void bb_next(sampling *s)
{
    if (s->bb == BB_BLOW) {
        s->bb = BB_RECOVER;
        s->bb_end = s->t + s->p[SAMPLING_P_BB_RECOVERY];
    } else {
        s->bb = BB_NONE;
    }
}

static double noisy(sampling *s, double v, double sd)
{
    return sd > 0.0 ? v + hw_rng_normal(&s->rng, 0.0, sd) : v;
}

void sampling_step(sampling *s, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = s->t + dt;
    for (;;) { /* every event moves time forward or ends: the loop terminates */
        double next = s->next_bb;
        int ev = 2;
        if (s->bb && s->bb_end <= next) {
            next = s->bb_end;
            ev = 1;
        }
        if (next > t_end) break;
        advance(s, next - s->t);
        s->t = next;
        if (ev == 1) {
            bb_next(s);
        } else {
            /* a scheduled blowback skips a running one, maintenance and a fault */
            if (!s->bb && !s->maint && !s->fault) bb_start(s);
            s->next_bb = bb_from(s, s->t);
        }
    }
    advance(s, t_end - s->t);
    s->t = t_end;
    s->flow = flowing(s) ? s->flow_nom * (1.0 - s->clog) : 0.0;
    if (s->flow > 0.0) condition(s);
    s->rep[0] = noisy(s, s->probe_t, s->noise_temp);
    s->rep[1] = noisy(s, s->line_t, s->noise_temp);
    s->rep[2] = noisy(s, s->chiller_t, s->noise_temp);
    s->rep[3] = s->flow > 0.0 ? fmax(0.0, noisy(s, s->flow, s->noise_flow)) : 0.0;
}

double sampling_output(const sampling *s, gas *out)
{
    if (out) *out = s->out;
    return s->flow;
}

int sampling_hold(const sampling *s)
{
    return s->bb != BB_NONE || s->maint || s->hold_knob;
}

int sampling_state(const sampling *s)
{
    if (s->fault) return SAMPLING_FAULT;
    if (s->bb == BB_BLOW) return SAMPLING_BLOWBACK;
    if (s->bb == BB_RECOVER) return SAMPLING_RECOVERY;
    if (s->maint) return SAMPLING_MAINTENANCE;
    if (!s->pump_on) return SAMPLING_STOPPED;
    return SAMPLING_SAMPLING;
}

int sampling_alarm(const sampling *s)
{
    int a = 0;
    if (s->probe_t < s->p[SAMPLING_P_PROBE_SET] - 20.0) a |= SAMPLING_ALARM_PROBE_TEMP;
    if (s->line_t < s->p[SAMPLING_P_LINE_SET] - 10.0 || s->line_t < 120.0)
        a |= SAMPLING_ALARM_LINE_TEMP;
    if (s->chiller_t > s->p[SAMPLING_P_CHILLER_SET] + 3.0 || s->chiller_t > CHILLER_MAX)
        a |= SAMPLING_ALARM_CHILLER_TEMP;
    if (s->bb != BB_BLOW && (!s->pump_on || s->flow < 0.5 * s->flow_nom))
        a |= SAMPLING_ALARM_LOW_FLOW;
    if (s->clog > 0.6) a |= SAMPLING_ALARM_FILTER;
    if (s->moisture && s->flow > 0.0) a |= SAMPLING_ALARM_MOISTURE;
    if (s->fault) a |= SAMPLING_ALARM_FAULT;
    return a;
}

double sampling_probe_temp(const sampling *s)
{
    return s->probe_t;
}

double sampling_line_temp(const sampling *s)
{
    return s->line_t;
}

double sampling_chiller_temp(const sampling *s)
{
    return s->chiller_t;
}

double sampling_clog(const sampling *s)
{
    return s->clog;
}

unsigned sampling_blowbacks(const sampling *s)
{
    return s->bb_count;
}

/* ---- knobs ---- */

void sampling_leak(sampling *s, double f)
{
    s->leak = isfinite(f) && f > 0.0 ? (f < 1.0 ? f : 1.0) : 0.0;
}

double sampling_leak_fraction(const sampling *s)
{
    return s->leak;
}

int sampling_blowback(sampling *s, int source)
{
    if (s->fault) return HWDEV_EX_FAILURE;
    if (s->bb) return HWDEV_EX_BUSY;
    (void)source;
    bb_start(s);
    return 0;
}

void sampling_hold_flag(sampling *s, int on)
{
    s->hold_knob = on != 0;
}

void sampling_set_probe_heat(sampling *s, int on)
{
    s->probe_heat = on != 0;
}

void sampling_set_line_heat(sampling *s, int on)
{
    s->line_heat = on != 0;
}

void sampling_set_chiller(sampling *s, int on)
{
    s->chiller_on = on != 0;
}

void sampling_set_pump(sampling *s, int on)
{
    s->pump_on = on != 0;
}

void sampling_set_clog(sampling *s, double c)
{
    if (isfinite(c) && c >= 0.0 && c < 1.0) s->clog = c;
}

void sampling_set_fault(sampling *s, int code)
{
    s->fault = code;
}

void sampling_set_maintenance(sampling *s, int on)
{
    s->maint = on != 0;
}

int sampling_set(sampling *s, int param, double v, int source)
{
    if (param < 0 || param >= SAMPLING_P_COUNT || !param_ok(param, v)) return -1;
    s->p[param] = v;
    if (param == SAMPLING_P_BB_INTERVAL) s->next_bb = bb_from(s, s->t);
    s->changes++;
    s->change_src = source;
    s->change_param = param;
    return 0;
}

double sampling_get(const sampling *s, int param)
{
    return param >= 0 && param < SAMPLING_P_COUNT ? s->p[param] : NAN;
}

int sampling_param_by_name(const char *name)
{
    for (int i = 0; name && i < SAMPLING_P_COUNT; i++)
        if (strcmp(name, PARAM_NAMES[i]) == 0) return i;
    return -1;
}

int sampling_command(sampling *s, int cmd, int source)
{
    if (cmd < SAMPLING_CMD_BLOWBACK || cmd > SAMPLING_CMD_MAINT_OFF) return HWDEV_EX_VALUE;
    s->last_cmd = cmd;
    switch (cmd) {
    case SAMPLING_CMD_BLOWBACK:
        return sampling_blowback(s, source);
    case SAMPLING_CMD_PUMP_ON:
    case SAMPLING_CMD_PUMP_OFF:
        s->pump_on = cmd == SAMPLING_CMD_PUMP_ON;
        return 0;
    case SAMPLING_CMD_HEAT_ON:
    case SAMPLING_CMD_HEAT_OFF:
        s->probe_heat = s->line_heat = cmd == SAMPLING_CMD_HEAT_ON;
        return 0;
    case SAMPLING_CMD_CHILLER_ON:
    case SAMPLING_CMD_CHILLER_OFF:
        s->chiller_on = cmd == SAMPLING_CMD_CHILLER_ON;
        return 0;
    default:
        s->maint = cmd == SAMPLING_CMD_MAINT_ON;
        return 0;
    }
}

/* ---- registers ---- */

#define W 1
#define R 0
static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, R, SAMPLING_R_PROBE_T},
    {0x02, HWREG_F32, R, SAMPLING_R_LINE_T},
    {0x04, HWREG_F32, R, SAMPLING_R_CHILLER_T},
    {0x06, HWREG_F32, R, SAMPLING_R_FLOW},
    {0x08, HWREG_F32, R, SAMPLING_R_FILTER_DP},
    {0x0A, HWREG_F32, R, SAMPLING_R_CABINET_T},
    {0x0C, HWREG_U16, R, SAMPLING_R_STATE},
    {0x0D, HWREG_U16, R, SAMPLING_R_HOLD},
    {0x0E, HWREG_U16, R, SAMPLING_R_ALARM},
    {0x0F, HWREG_U16, R, SAMPLING_R_FAULT},
    {0x10, HWREG_U16, R, SAMPLING_R_OUTPUTS},
    {0x11, HWREG_U16, R, SAMPLING_R_REMAIN},
    {0x12, HWREG_U16, R, SAMPLING_R_BB_COUNT},
    {0x13, HWREG_BCD, R, SAMPLING_R_BB_TIME},
    {0x16, HWREG_BCD, R, SAMPLING_R_CLOCK},
    {0x19, HWREG_U16, R, SAMPLING_R_CHG_COUNT},
    {0x1A, HWREG_U16, R, SAMPLING_R_CHG_SRC},
    {0x1B, HWREG_U16, R, SAMPLING_R_CHG_PARAM},
    {0x20, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_PROBE_SET},
    {0x22, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_LINE_SET},
    {0x24, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_CHILLER_SET},
    {0x26, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_BB_INTERVAL},
    {0x28, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_BB_DURATION},
    {0x2A, HWREG_F32, W, SAMPLING_R_PARAM + SAMPLING_P_BB_RECOVERY},
    {0x30, HWREG_U16, W, SAMPLING_R_CMD},
};
#undef W
#undef R
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x1C, "readings"},
    {0x20, 0x0C, "settings"},
    {0x30, 1, "command"},
};
const hwreg_map sampling_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

/* Filter differential pressure, kPa: 0.2 clean, rising steeply as the filter clogs. */
static double filter_dp(const sampling *s)
{
    double open = 1.0 - s->clog;
    return 0.2 + (1.0 / (open * open) - 1.0);
}

static int outputs(const sampling *s)
{
    return (s->probe_heat ? SAMPLING_OUT_PROBE_HEAT : 0) |
           (s->line_heat ? SAMPLING_OUT_LINE_HEAT : 0) |
           (s->chiller_on ? SAMPLING_OUT_CHILLER : 0) |
           (s->pump_on && !s->fault ? SAMPLING_OUT_PUMP : 0) |
           (s->bb == BB_BLOW ? SAMPLING_OUT_BLOWBACK : 0);
}

/* Settings in register units: the blowback interval in minutes. */
static double param_reg(int param, double v)
{
    return param == SAMPLING_P_BB_INTERVAL ? v / 60.0 : v;
}

static double reg_get(void *dev, int id)
{
    const sampling *s = dev;
    if (id >= SAMPLING_R_PARAM)
        return param_reg(id - SAMPLING_R_PARAM, s->p[id - SAMPLING_R_PARAM]);
    switch (id) {
    case SAMPLING_R_PROBE_T:
    case SAMPLING_R_LINE_T:
    case SAMPLING_R_CHILLER_T:
    case SAMPLING_R_FLOW:
        return s->rep[id - SAMPLING_R_PROBE_T];
    case SAMPLING_R_FILTER_DP:
        return filter_dp(s);
    case SAMPLING_R_CABINET_T:
        return s->t_cab;
    case SAMPLING_R_STATE:
        return sampling_state(s);
    case SAMPLING_R_HOLD:
        return sampling_hold(s);
    case SAMPLING_R_ALARM:
        return sampling_alarm(s);
    case SAMPLING_R_FAULT:
        return s->fault;
    case SAMPLING_R_OUTPUTS:
        return outputs(s);
    case SAMPLING_R_REMAIN:
        return s->bb ? ceil(s->bb_end - s->t) : 0;
    case SAMPLING_R_BB_COUNT:
        return s->bb_count % 65536u;
    case SAMPLING_R_BB_TIME:
        return s->bb_last;
    case SAMPLING_R_CLOCK:
        return s->t;
    case SAMPLING_R_CHG_COUNT:
        return s->changes % 65536u;
    case SAMPLING_R_CHG_SRC:
        return s->changes ? s->change_src : 0;
    case SAMPLING_R_CHG_PARAM: {
        const hwreg_field *f = hwreg_field_of(&sampling_regmap, SAMPLING_R_PARAM + s->change_param);
        return s->changes && f ? s->lay.base + f->off : 0;
    }
    case SAMPLING_R_CMD:
        return s->last_cmd;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    sampling *s = dev;
    if (id >= SAMPLING_R_PARAM) {
        int param = id - SAMPLING_R_PARAM;
        if (param == SAMPLING_P_BB_INTERVAL) v *= 60.0;
        return sampling_set(s, param, v, HWDEV_SRC_MODBUS) == 0 ? 0 : HWDEV_EX_VALUE;
    }
    if (id == SAMPLING_R_CMD) return sampling_command(s, (int)v, HWDEV_SRC_MODBUS);
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    sampling *s = dev;
    return hwreg_read(&sampling_regmap, &s->lay, table, addr, n, out, reg_get, s);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    sampling *s = dev;
    return hwreg_write(&sampling_regmap, &s->lay, addr, n, in, reg_set, s);
}

const hwdev_ops sampling_hwdev_ops = {.kind = "sampling", .read = ops_read, .write = ops_write};

hwdev sampling_hwdev(sampling *s)
{
    hwdev d = {&sampling_hwdev_ops, s};
    return d;
}
