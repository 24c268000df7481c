/*
 * rule-camera-door.c — the context signals: the cameras (camera_moved, camera_covered,
 * video_loss, scene_change, person_seen) and the station-room door (door_entry). They
 * corroborate the data rules (fusion.h); the camera family's own alerts are yellow at most.
 * A signal is kept with its interval (a camera turned lasts until it is back) and raised as
 * a hit, so that fusion re-evaluates the open alerts around it.
 */
#include "rule-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One value of camera cam (1 station room, 2 outfall): what 1 deviation from the preset
 * (deg), 2 persons, 3 video lost, 4 covered, 5 scene-change score. A signal starts when the
 * value crosses its threshold and ends when it falls back. */
static void camera_value(rule_sink *k, int cam, int what, double v, int64_t t)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    double old = st->camera[cam][what];
    st->camera[cam][what] = v;
    if (cam == 2) {
        st->outfall_cam = 1;
        if (what == 5 && v >= c->inflow_seen) st->outfall_seen = t;
    }
    rule_id id = RULE__COUNT;
    int on = 0, was = 0;
    switch (what) {
    case 1:
        id = RULE_CAMERA_MOVED;
        on = fabs(v) >= c->camera_dev_deg;
        was = fabs(old) >= c->camera_dev_deg;
        break;
    case 2:
        id = RULE_PERSON_SEEN;
        on = v >= 1;
        was = old >= 1;
        break;
    case 3:
        id = RULE_VIDEO_LOSS;
        on = v >= 1;
        was = old >= 1;
        break;
    case 4:
        id = RULE_CAMERA_COVERED;
        on = v >= 1;
        was = old >= 1;
        break;
    case 5:
        id = RULE_SCENE_CHANGE;
        on = v >= c->scene_score;
        was = old >= c->scene_score;
        break;
    default:
        return;
    }
    if (!on && was) rule_context_end(st, id, cam, t);
    if (!on || was) return;
    /* a signal starts: its evidence (only then: a camera reports every minute) */
    const char *name_en = evidence_word_en(cam == 1 ? EV_CAMERA_STATION : EV_CAMERA_OUTFALL);
    const char *name_zh = evidence_word_zh(cam == 1 ? EV_CAMERA_STATION : EV_CAMERA_OUTFALL);
    char hm[8], en[RULE_TEXT], zh[RULE_TEXT];
    rule_format_hm(t, hm, sizeof hm);
    switch (what) {
    case 1:
        evidence_en(en, sizeof en, EV_CAMERA_MOVED, name_en, v, hm);
        evidence_zh(zh, sizeof zh, EV_CAMERA_MOVED, name_zh, hm, v);
        break;
    case 2:
        evidence_en(en, sizeof en, EV_PERSON_SEEN, name_en, v, hm);
        evidence_zh(zh, sizeof zh, EV_PERSON_SEEN, name_zh, hm, v);
        break;
    case 3:
        evidence_en(en, sizeof en, EV_VIDEO_LOSS, name_en, hm);
        evidence_zh(zh, sizeof zh, EV_VIDEO_LOSS, name_zh, hm);
        break;
    case 4:
        evidence_en(en, sizeof en, EV_CAMERA_COVERED, name_en, hm);
        evidence_zh(zh, sizeof zh, EV_CAMERA_COVERED, name_zh, hm);
        break;
    default: /* 5 */
        evidence_en(en, sizeof en, EV_SCENE_CHANGE, name_en, v, hm);
        evidence_zh(zh, sizeof zh, EV_SCENE_CHANGE, name_zh, hm, v);
        break;
    }
    rule_context_text(k, rule_context_add(k, id, cam, t, id != RULE_PERSON_SEEN), en, zh);
}

/* ecK00W of a real-time record: camera K's value W. */
void rule_check_camera(rule_sink *k, rule_event *ev)
{
    const char *code = ev->field->code;
    if (ev->record->cn == 3020 || !code_in_family(code, HJCODE_CAM_DEV)) return;
    int cam = code[2] - '0', what = code[5] - '0';
    if (cam >= 1 && cam <= 2 && what >= 1 && what <= 5)
        camera_value(k, cam, what, ev->value, ev->t);
}

/* The door opened at t; text: the door log (3020), NULL for the open state (2011). */
static void door_event(rule_sink *k, int64_t t, const char *text)
{
    char hm[8], en[RULE_TEXT], zh[RULE_TEXT];
    rule_format_hm(t, hm, sizeof hm);
    const char *card = NULL;
    for (const char *p = text ? strstr(text, "card ") : NULL; p; p = strstr(p + 5, "card "))
        if (p[5] >= '0' && p[5] <= '9') card = p;
    if (text && strstr(text, "closed")) return;
    if (text && strstr(text, "forced")) {
        evidence_en(en, sizeof en, EV_DOOR_FORCED, hm);
        evidence_zh(zh, sizeof zh, EV_DOOR_FORCED, hm);
    } else if (card) {
        unsigned long n = strtoul(card + 5, NULL, 10);
        evidence_en(en, sizeof en, EV_DOOR_CARD, hm, n);
        evidence_zh(zh, sizeof zh, EV_DOOR_CARD, hm, n);
    } else {
        evidence_en(en, sizeof en, EV_DOOR_OPENED, hm);
        evidence_zh(zh, sizeof zh, EV_DOOR_OPENED, hm);
    }
    rule_context_text(k, rule_context_add(k, RULE_DOOR_ENTRY, 0, t, 0), en, zh);
}

/* The door: its open state in a real-time record (ed1001, an entry when it opens), or its
 * log in a 3020 upload (PolId ed1001, i31001: a card, forced, closed). */
void rule_check_door(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_field *f = ev->field;
    if (ev->record->cn == 3020) {
        if (strcmp(f->code, code_of(HJCODE_I_DOOR_LOG)) == 0) door_event(k, ev->t, f->value);
        return;
    }
    if (strcmp(f->code, code_of(HJCODE_DOOR)) != 0) return;
    int open = ev->value >= 1;
    if (open && !st->door_open) door_event(k, ev->t, NULL);
    st->door_open = open;
}
