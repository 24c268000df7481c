/* door.c — door access controller with an event ring. */
#include "door.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct door {
    hwreg_layout lay;
    double t, held_s, opened_at;
    int open, alarm, held_logged;
    door_event log[DOOR_LOG_CAP];
    size_t n, head;
    unsigned seq;
};

void door_config_default(door_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->held_s = 120.0;
}

door *door_new(const door_config *c)
{
    if (!c || !isfinite(c->start) || !(c->held_s > 0.0)) return NULL;
    door *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->lay = c->layout;
    d->t = c->start;
    d->held_s = c->held_s;
    return d;
}

void door_free(door *d)
{
    free(d);
}

static void log_event(door *d, int type, const char *card)
{
    door_event *e = &d->log[d->head];
    memset(e, 0, sizeof *e);
    e->seq = ++d->seq;
    e->time = d->t;
    e->type = type;
    if (card) {
        strncpy(e->card, card, DOOR_CARD_MAX - 1);
        e->card[DOOR_CARD_MAX - 1] = '\0';
    }
    d->head = (d->head + 1) % DOOR_LOG_CAP;
    if (d->n < DOOR_LOG_CAP) d->n++;
}

void door_step(door *d, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    double t_end = d->t + dt;
    if (d->open && !d->held_logged && d->opened_at + d->held_s <= t_end) {
        d->t = fmax(d->t, d->opened_at + d->held_s); /* the event carries its own time */
        d->held_logged = 1;
        d->alarm |= DOOR_ALARM_HELD;
        log_event(d, DOOR_EV_HELD_OPEN, NULL);
    }
    d->t = t_end;
}

double door_time(const door *d)
{
    return d->t;
}

static void set_open(door *d)
{
    if (!d->open) {
        d->open = 1;
        d->opened_at = d->t;
        d->held_logged = 0;
    }
}

void door_card(door *d, const char *card)
{
    log_event(d, DOOR_EV_CARD, card ? card : "");
    set_open(d);
}

void door_open(door *d)
{
    if (d->open) return;
    log_event(d, DOOR_EV_FORCED, NULL);
    d->alarm |= DOOR_ALARM_FORCED;
    set_open(d);
}

void door_close(door *d)
{
    if (!d->open) return;
    d->open = 0;
    d->alarm = 0;
    log_event(d, DOOR_EV_CLOSE, NULL);
}

int door_is_open(const door *d)
{
    return d->open;
}

int door_alarm(const door *d)
{
    return d->alarm;
}

unsigned door_counter(const door *d)
{
    return d->seq;
}

size_t door_log_count(const door *d)
{
    return d->n;
}

int door_log_get(const door *d, size_t i, door_event *out)
{
    if (i >= d->n) return -1;
    *out = d->log[(d->head + DOOR_LOG_CAP - 1 - i) % DOOR_LOG_CAP];
    return 0;
}

/* Card number as a register value: its decimal digits; 0 without a card. */
static double card_number(const char *card)
{
    double v = 0.0;
    for (const char *p = card; *p; p++)
        if (*p >= '0' && *p <= '9') v = v * 10.0 + (*p - '0');
    return v > 4294967295.0 ? 4294967295.0 : v;
}

enum { EV_WORDS = 8 };

#define E(i)                                                                                       \
    {(uint16_t)(0x10 + EV_WORDS * (i)), HWREG_U16, 0, DOOR_R_EVENT(i, DOOR_R_EV_SEQ)},             \
        {(uint16_t)(0x11 + EV_WORDS * (i)), HWREG_U16, 0, DOOR_R_EVENT(i, DOOR_R_EV_TYPE)},        \
        {(uint16_t)(0x12 + EV_WORDS * (i)), HWREG_BCD, 0, DOOR_R_EVENT(i, DOOR_R_EV_TIME)},        \
        {(uint16_t)(0x15 + EV_WORDS * (i)), HWREG_U32, 0, DOOR_R_EVENT(i, DOOR_R_EV_CARD)},        \
    {                                                                                              \
        (uint16_t)(0x17 + EV_WORDS * (i)), HWREG_U16, 0, DOOR_R_EVENT(i, DOOR_R_EV_HAS_CARD)       \
    }
static const hwreg_field MAP[] = {
    {0x00, HWREG_U16, 0, DOOR_R_STATE},
    {0x01, HWREG_U16, 0, DOOR_R_ALARM},
    {0x02, HWREG_U16, 0, DOOR_R_COUNT},
    {0x03, HWREG_BCD, 0, DOOR_R_CLOCK},
    E(0),
    E(1),
    E(2),
    E(3),
    E(4),
    E(5),
    E(6),
    E(7),
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 6, "status"},
    {0x10, 0x40, "events"},
};
const hwreg_map door_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};
#undef E

static double reg_get(void *dev, int id)
{
    door *d = dev;
    if (id >= DOOR_R_EV) {
        door_event e;
        int k = (id - DOOR_R_EV) % DOOR_R_EV_IDS;
        if (door_log_get(d, (size_t)((id - DOOR_R_EV) / DOOR_R_EV_IDS), &e) != 0)
            return k == DOOR_R_EV_TIME ? NAN : 0.0;
        switch (k) {
        case DOOR_R_EV_SEQ:
            return e.seq % 65536u;
        case DOOR_R_EV_TYPE:
            return e.type;
        case DOOR_R_EV_TIME:
            return e.time;
        case DOOR_R_EV_CARD:
            return card_number(e.card);
        default:
            return e.card[0] != '\0';
        }
    }
    switch (id) {
    case DOOR_R_STATE:
        return d->open;
    case DOOR_R_ALARM:
        return d->alarm;
    case DOOR_R_COUNT:
        return d->seq % 65536u;
    case DOOR_R_CLOCK:
        return d->t;
    default:
        return 0;
    }
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    door *d = dev;
    return hwreg_read(&door_regmap, &d->lay, table, addr, n, out, reg_get, d);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    return HWDEV_EX_ADDRESS; /* nothing writable */
}

const hwdev_ops door_hwdev_ops = {.kind = "door", .read = ops_read, .write = ops_write};

hwdev door_hwdev(door *d)
{
    hwdev h = {&door_hwdev_ops, d};
    return h;
}
