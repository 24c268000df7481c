/* sampler.c — refrigerated 24-bottle sampler. */
#include "sampler.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sampler {
    hwreg_layout lay;
    double t, interval, next_sched, bottle_ml;
    double fridge, fridge_set, room, tau;
    int fridge_fault;
    water q;
    sampler_bottle b[SAMPLER_BOTTLES];
    int next; /* rotation position */
    int last; /* last bottle filled, -1 none */
    unsigned count;
};

void sampler_config_default(sampler_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->interval_s = 3600.0;
    c->bottle_ml = 500.0;
    c->fridge_set = 4.0;
    c->room_temp = 25.0;
    c->fridge_tau = 1800.0;
}

static double sched_after(const sampler *s, double t, int inclusive)
{
    if (!(s->interval > 0.0)) return INFINITY;
    double local = t + s->lay.tz_s;
    double next = floor(local / s->interval) * s->interval;
    if (next < local || (!inclusive && next <= local)) next += s->interval;
    return next - s->lay.tz_s;
}

sampler *sampler_new(const sampler_config *c)
{
    if (!c || !isfinite(c->start) || !(c->interval_s >= 0.0) || !(c->fridge_tau > 0.0)) return NULL;
    sampler *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->lay = c->layout;
    s->t = c->start;
    s->interval = c->interval_s;
    s->bottle_ml = c->bottle_ml;
    s->fridge = c->fridge_set;
    s->fridge_set = c->fridge_set;
    s->room = c->room_temp;
    s->tau = c->fridge_tau;
    s->last = -1;
    s->next_sched = sched_after(s, s->t, 1);
    for (int i = 0; i < SAMPLER_BOTTLES; i++)
        s->b[i].time = NAN;
    return s;
}

void sampler_free(sampler *s)
{
    free(s);
}

void sampler_set_water(sampler *s, const water *w)
{
    if (w) s->q = *w;
}

static int fill(sampler *s, int reason)
{
    for (int k = 0; k < SAMPLER_BOTTLES; k++) {
        int i = (s->next + k) % SAMPLER_BOTTLES;
        if (s->b[i].state == SAMPLER_RETAINED) continue;
        s->b[i].state = reason == SAMPLER_SCHEDULED ? SAMPLER_FILLED : SAMPLER_RETAINED;
        s->b[i].reason = reason;
        s->b[i].time = s->t;
        s->b[i].ml = s->bottle_ml;
        s->b[i].q = s->q;
        s->next = (i + 1) % SAMPLER_BOTTLES;
        s->last = i;
        s->count++;
        return i;
    }
    return -1;
}

static void fridge_advance(sampler *s, double dt)
{
    double target = s->fridge_fault ? s->room : s->fridge_set;
    s->fridge = target + (s->fridge - target) * exp(-dt / s->tau);
}

void sampler_step(sampler *s, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = s->t + dt;
    while (s->next_sched <= t_end) {
        fridge_advance(s, s->next_sched - s->t);
        s->t = s->next_sched;
        fill(s, SAMPLER_SCHEDULED);
        s->next_sched = sched_after(s, s->t, 0);
    }
    fridge_advance(s, t_end - s->t);
    s->t = t_end;
}

double sampler_time(const sampler *s)
{
    return s->t;
}

int sampler_trigger(sampler *s, int reason)
{
    if (reason != SAMPLER_OVERLIMIT && reason != SAMPLER_MANUAL) return -1;
    return fill(s, reason);
}

int sampler_bottle_get(const sampler *s, int i, sampler_bottle *out)
{
    if (i < 0 || i >= SAMPLER_BOTTLES) return -1;
    *out = s->b[i];
    return 0;
}

void sampler_empty(sampler *s, int i)
{
    for (int k = 0; k < SAMPLER_BOTTLES; k++) {
        if (i >= 0 && k != i) continue;
        memset(&s->b[k], 0, sizeof s->b[k]);
        s->b[k].time = NAN;
    }
}

int sampler_set_interval(sampler *s, double seconds)
{
    if (!isfinite(seconds) || seconds < 0.0 || (seconds > 0.0 && seconds < 60.0)) return -1;
    s->interval = seconds;
    s->next_sched = sched_after(s, s->t, 0);
    return 0;
}

double sampler_fridge_temp(const sampler *s)
{
    return s->fridge;
}

void sampler_set_fridge_fault(sampler *s, int on)
{
    s->fridge_fault = on != 0;
}

unsigned sampler_count(const sampler *s)
{
    return s->count;
}

#define B(i)                                                                                       \
    {(uint16_t)(0x40 + 4 * (i)), HWREG_U16, 0, (uint16_t)(SAMPLER_R_BOTTLE + 2 * (i))},            \
    {                                                                                              \
        (uint16_t)(0x41 + 4 * (i)), HWREG_BCD, 0, (uint16_t)(SAMPLER_R_BOTTLE + 2 * (i) + 1)       \
    }
static const hwreg_field MAP[] = {
    {0x00, HWREG_U16, 0, SAMPLER_R_STATUS},
    {0x01, HWREG_F32, 0, SAMPLER_R_FRIDGE},
    {0x03, HWREG_U16, 0, SAMPLER_R_LAST},
    {0x04, HWREG_BCD, 0, SAMPLER_R_LAST_TIME},
    {0x07, HWREG_U16, 0, SAMPLER_R_LAST_REASON},
    {0x08, HWREG_U16, 0, SAMPLER_R_FILLED},
    {0x09, HWREG_U16, 0, SAMPLER_R_RETAINED},
    {0x0A, HWREG_U16, 0, SAMPLER_R_COUNT},
    {0x0B, HWREG_BCD, 0, SAMPLER_R_CLOCK},
    {0x0E, HWREG_F32, 1, SAMPLER_R_INTERVAL},
    {0x10, HWREG_U16, 1, SAMPLER_R_TRIGGER},
    B(0),
    B(1),
    B(2),
    B(3),
    B(4),
    B(5),
    B(6),
    B(7),
    B(8),
    B(9),
    B(10),
    B(11),
    B(12),
    B(13),
    B(14),
    B(15),
    B(16),
    B(17),
    B(18),
    B(19),
    B(20),
    B(21),
    B(22),
    B(23),
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x11, "status"},
    {0x40, 0x60, "bottles"},
};
const hwreg_map sampler_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};
#undef B

static double reg_get(void *dev, int id)
{
    sampler *s = dev;
    int filled = 0, retained = 0;
    for (int i = 0; i < SAMPLER_BOTTLES; i++) {
        filled += s->b[i].state != SAMPLER_EMPTY;
        retained += s->b[i].state == SAMPLER_RETAINED;
    }
    if (id >= SAMPLER_R_BOTTLE) {
        const sampler_bottle *b = &s->b[(id - SAMPLER_R_BOTTLE) / 2];
        return (id - SAMPLER_R_BOTTLE) % 2 ? b->time : (double)(b->state | b->reason << 8);
    }
    switch (id) {
    case SAMPLER_R_STATUS:
        return s->fridge_fault ? 2 : retained == SAMPLER_BOTTLES ? 1 : 0;
    case SAMPLER_R_FRIDGE:
        return s->fridge;
    case SAMPLER_R_LAST:
        return s->last + 1;
    case SAMPLER_R_LAST_TIME:
        return s->last >= 0 ? s->b[s->last].time : NAN;
    case SAMPLER_R_LAST_REASON:
        return s->last >= 0 ? s->b[s->last].reason : 0;
    case SAMPLER_R_FILLED:
        return filled;
    case SAMPLER_R_RETAINED:
        return retained;
    case SAMPLER_R_COUNT:
        return s->count % 65536u;
    case SAMPLER_R_CLOCK:
        return s->t;
    case SAMPLER_R_INTERVAL:
        return s->interval / 60.0;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    sampler *s = dev;
    if (id == SAMPLER_R_INTERVAL)
        return sampler_set_interval(s, v * 60.0) == 0 ? 0 : HWDEV_EX_VALUE;
    if (id == SAMPLER_R_TRIGGER) {
        int reason = v == 1 ? SAMPLER_OVERLIMIT : v == 2 ? SAMPLER_MANUAL : 0;
        if (!reason) return HWDEV_EX_VALUE;
        return sampler_trigger(s, reason) >= 0 ? 0 : HWDEV_EX_FAILURE;
    }
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    sampler *s = dev;
    return hwreg_read(&sampler_regmap, &s->lay, table, addr, n, out, reg_get, s);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    sampler *s = dev;
    return hwreg_write(&sampler_regmap, &s->lay, addr, n, in, reg_set, s);
}

const hwdev_ops sampler_hwdev_ops = {.kind = "sampler", .read = ops_read, .write = ops_write};

hwdev sampler_hwdev(sampler *s)
{
    hwdev d = {&sampler_hwdev_ops, s};
    return d;
}
