/* damper.c — bypass damper: actuator, transmitter, limit switches, counters. */
#include "damper.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SW_CLOSED 0.02
#define SW_OPEN   0.98

struct damper {
    hwreg_layout lay;
    double t, stroke_s;
    double pos, target, fake;
    int fault;
    int was_closed; /* reported, at the end of the last step */
    unsigned openings;
    double open_s, true_open_s, last_open;
};

void damper_config_default(damper_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->stroke_s = 60.0;
}

static double clamp01(double v)
{
    return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

damper *damper_new(const damper_config *c)
{
    if (!c || !isfinite(c->start) || !(c->stroke_s > 0.0) || !(c->initial >= 0.0) ||
        !(c->initial <= 1.0))
        return NULL;
    damper *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->lay = c->layout;
    d->t = c->start;
    d->stroke_s = c->stroke_s;
    d->pos = d->target = c->initial;
    d->fake = NAN;
    d->was_closed = c->initial <= SW_CLOSED;
    d->last_open = NAN;
    return d;
}

void damper_free(damper *d)
{
    free(d);
}

void damper_set_target(damper *d, double opening)
{
    if (isfinite(opening)) d->target = clamp01(opening);
}

double damper_reported(const damper *d)
{
    return isnan(d->fake) ? d->pos : d->fake;
}

/* Counts an opening when the reported opening leaves the closed switch. */
static void edge(damper *d)
{
    int closed = damper_reported(d) <= SW_CLOSED;
    if (d->was_closed && !closed) {
        d->openings++;
        d->last_open = d->t;
    }
    d->was_closed = closed;
}

void damper_step(damper *d, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double pos0 = d->pos, rep0 = damper_reported(d);
    if (!d->fault) {
        double room = d->target - d->pos, move = dt / d->stroke_s;
        /* arrived (within rounding: 1/6 + 1/3 is not exactly 1/2) */
        d->pos = fabs(room) <= move + 1e-12 ? d->target : d->pos + (room > 0.0 ? move : -move);
    }
    /* time off the closed switch, exact: the move runs at 1/stroke_s from the step's start */
    double a = pos0, b = d->pos, off = 0.0;
    if (a > SW_CLOSED && b > SW_CLOSED)
        off = dt;
    else if (a <= SW_CLOSED && b > SW_CLOSED)
        off = dt - (SW_CLOSED - a) * d->stroke_s;
    else if (a > SW_CLOSED && b <= SW_CLOSED)
        off = (a - SW_CLOSED) * d->stroke_s;
    d->true_open_s += off;
    if (isnan(d->fake))
        d->open_s += off;
    else if (rep0 > SW_CLOSED)
        d->open_s += dt;
    d->t += dt;
    edge(d);
}

double damper_time(const damper *d)
{
    return d->t;
}

double damper_bypass_fraction(const damper *d)
{
    return d->pos;
}

int damper_state(const damper *d)
{
    if (d->fault) return DAMPER_FAULT;
    double r = damper_reported(d);
    if (isnan(d->fake) && d->pos != d->target) return DAMPER_MOVING;
    if (r <= SW_CLOSED) return DAMPER_CLOSED;
    if (r >= SW_OPEN) return DAMPER_OPEN;
    return DAMPER_PART;
}

double damper_true_open_seconds(const damper *d)
{
    return d->true_open_s;
}

void damper_fake_signal(damper *d, double v)
{
    d->fake = isnan(v) ? NAN : clamp01(v);
    edge(d);
}

void damper_set_fault(damper *d, int code)
{
    d->fault = code;
}

static const hwreg_field MAP[] = {
    {0x00, HWREG_F32, 0, DAMPER_R_POSITION},  {0x02, HWREG_F32, 0, DAMPER_R_TARGET},
    {0x04, HWREG_U16, 0, DAMPER_R_STATE},     {0x05, HWREG_U16, 0, DAMPER_R_CLOSED_SW},
    {0x06, HWREG_U16, 0, DAMPER_R_OPEN_SW},   {0x07, HWREG_U16, 0, DAMPER_R_FAULT},
    {0x08, HWREG_U16, 0, DAMPER_R_OPENINGS},  {0x09, HWREG_F32, 0, DAMPER_R_OPEN_H},
    {0x0B, HWREG_BCD, 0, DAMPER_R_LAST_OPEN}, {0x0E, HWREG_BCD, 0, DAMPER_R_CLOCK},
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x11, "readings"},
};
const hwreg_map damper_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    const damper *d = dev;
    switch (id) {
    case DAMPER_R_POSITION:
        return 100.0 * damper_reported(d);
    case DAMPER_R_TARGET:
        return 100.0 * d->target;
    case DAMPER_R_STATE:
        return damper_state(d);
    case DAMPER_R_CLOSED_SW:
        return damper_reported(d) <= SW_CLOSED;
    case DAMPER_R_OPEN_SW:
        return damper_reported(d) >= SW_OPEN;
    case DAMPER_R_FAULT:
        return d->fault;
    case DAMPER_R_OPENINGS:
        return d->openings % 65536u;
    case DAMPER_R_OPEN_H:
        return d->open_s / 3600.0;
    case DAMPER_R_LAST_OPEN:
        return d->last_open;
    case DAMPER_R_CLOCK:
        return d->t;
    default:
        return 0;
    }
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    damper *d = dev;
    return hwreg_read(&damper_regmap, &d->lay, table, addr, n, out, reg_get, d);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    return HWDEV_EX_ADDRESS; /* nothing writable: the plant's DCS drives the damper */
}

const hwdev_ops damper_hwdev_ops = {.kind = "damper", .read = ops_read, .write = ops_write};

hwdev damper_hwdev(damper *d)
{
    hwdev d_ = {&damper_hwdev_ops, d};
    return d_;
}
