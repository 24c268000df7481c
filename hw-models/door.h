/*
 * door.h — station-room door access controller.
 *
 * A card swipe opens the door and logs the card number; opening without a card is a
 * forced entry (alarm latched until the door closes); a door left open longer than
 * held_s logs a held-open event. Events go into a ring of the last DOOR_LOG_CAP with a
 * sequence counter (the DAU polls it; HJ 212 i31001/i32001). Registers: docs/registers.md.
 */
#ifndef DOOR_H
#define DOOR_H

#include <stddef.h>

#include "hwdev.h"
#include "hwreg.h"

enum { DOOR_LOG_CAP = 64, DOOR_CARD_MAX = 16 };
enum { DOOR_EV_CARD = 1, DOOR_EV_FORCED = 2, DOOR_EV_CLOSE = 3, DOOR_EV_HELD_OPEN = 4 };
enum { DOOR_ALARM_FORCED = 1, DOOR_ALARM_HELD = 2 };

typedef struct door_event {
    unsigned seq;             /* 1, 2, ... */
    double time;              /* UTC s */
    int type;                 /* DOOR_EV_* */
    char card[DOOR_CARD_MAX]; /* "" without a card */
} door_event;

typedef struct door_config {
    double start;        /* UTC s */
    hwreg_layout layout; /* default base 0x0000, CDAB, holding, UTC+8 */
    double held_s;       /* default 120 */
} door_config;

typedef struct door door;

void door_config_default(door_config *c);
door *door_new(const door_config *c);
void door_free(door *d);

void door_step(door *d, double dt);
double door_time(const door *d);
/* A card swipe: logs DOOR_EV_CARD and opens the door. card: digits, truncated to 15. */
void door_card(door *d, const char *card);
/* Opened without a card (forced or tailgating when closed): DOOR_EV_FORCED. No-op if open. */
void door_open(door *d);
void door_close(door *d);
int door_is_open(const door *d);
int door_alarm(const door *d);
unsigned door_counter(const door *d); /* events so far (the last seq) */
size_t door_log_count(const door *d);
int door_log_get(const door *d, size_t i, door_event *out); /* i = 0 newest; 0 or -1 */

/* Register fields: the ids of door_regmap (docs/registers.md), what a client reads with
 * hwreg_span / hwreg_decode. The event window holds the DOOR_R_EVENTS newest events,
 * newest first; field k (DOOR_R_EV_*) of event i is DOOR_R_EVENT(i, k). */
enum { DOOR_R_STATE = 1, DOOR_R_ALARM, DOOR_R_COUNT, DOOR_R_CLOCK, DOOR_R_EV = 100 };
enum { DOOR_R_EV_SEQ = 0, DOOR_R_EV_TYPE, DOOR_R_EV_TIME, DOOR_R_EV_CARD, DOOR_R_EV_HAS_CARD };
enum { DOOR_R_EV_IDS = 8, DOOR_R_EVENTS = 8 };
#define DOOR_R_EVENT(i, k) ((uint16_t)(DOOR_R_EV + DOOR_R_EV_IDS * (i) + (k)))

extern const hwdev_ops door_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map door_regmap;
hwdev door_hwdev(door *d);

#endif
