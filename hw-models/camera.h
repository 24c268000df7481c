/*
 * camera.h — PTZ camera with video analytics (station room or outfall).
 *
 * The caller describes the scene at the camera's preset target each step; the camera sees
 * it only when powered, uncovered, and pointed within half its field of view of the
 * preset (|pan offset| <= fov_h/2 and |tilt offset| <= fov_v/2). Analytics: person count,
 * preset deviation, scene-change score, video loss, occlusion. The scene-change score is
 * max(difference from the preset's reference view, a transient that jumps on every change
 * and decays with scene_tau): covered -> 1; turned -> deviation/fov_h (capped at 1) plus a
 * transient; people/hose/pipe/colour changes -> transients. Registers: docs/registers.md.
 */
#ifndef CAMERA_H
#define CAMERA_H

#include "hwdev.h"
#include "hwreg.h"

enum { CAMERA_PRESETS = 8 };
enum { CAMERA_HOSE_NONE = 0, CAMERA_HOSE_CHANNEL = 1, CAMERA_HOSE_TAP = 2, CAMERA_HOSE_BUCKET = 3 };
enum {
    CAMERA_ALARM_VIDEO_LOSS = 1,
    CAMERA_ALARM_OCCLUSION = 2,
    CAMERA_ALARM_DEVIATION = 4, /* deviation above dev_alarm_deg */
    CAMERA_ALARM_SCENE = 8,     /* score above 0.5 */
    CAMERA_ALARM_PERSON = 16
};

/* What is at the preset's target, as the world describes it. */
typedef struct camera_scene {
    int people;       /* persons in view of the preset */
    int hose;         /* CAMERA_HOSE_*: where the sampling hose is */
    int pipe;         /* 1: an added pipe is visible */
    double colour;    /* water colour index 0..1 (0 clear) */
    double turbidity; /* NTU */
} camera_scene;

typedef struct camera_config {
    double start;         /* UTC s */
    hwreg_layout layout;  /* default base 0x0000, CDAB, holding, UTC+8 */
    double fov_h, fov_v;  /* degrees, default 60, 34 */
    double scene_tau;     /* s, transient decay; default 60 */
    double dev_alarm_deg; /* default 5 */
    int npresets;         /* default 1 */
    double preset_pan[CAMERA_PRESETS], preset_tilt[CAMERA_PRESETS];
} camera_config;

typedef struct camera_view {
    int powered, covered, video_loss, visible;
    int preset;                          /* 0-based */
    double pan_dev, tilt_dev, deviation; /* degrees off the preset */
    int people;                          /* persons seen */
    int hose, pipe;                      /* seen (0 when not visible) */
    double colour, turbidity;            /* seen (0 when not visible) */
    double score;                        /* scene change 0..1 */
    int alarm;                           /* CAMERA_ALARM_* */
    unsigned events;                     /* alarm rising edges */
} camera_view;

typedef struct camera camera;

void camera_config_default(camera_config *c);
camera *camera_new(const camera_config *c);
void camera_free(camera *c);

void camera_set_scene(camera *c, const camera_scene *s);
void camera_step(camera *c, double dt);
double camera_time(const camera *c);
/* Turns the camera to pan/tilt degrees off its current preset (0, 0 restores). */
void camera_turn(camera *c, double pan, double tilt);
int camera_goto_preset(camera *c, int preset); /* 0 or -1; clears the offsets */
void camera_cover(camera *c, int covered);
void camera_power(camera *c, int on);
void camera_get_view(const camera *c, camera_view *v);

/* Register fields: the ids of camera_regmap (docs/registers.md), what a client reads
 * with hwreg_span / hwreg_decode. */
enum {
    CAMERA_R_POWER = 1,
    CAMERA_R_LOSS,
    CAMERA_R_OCCL,
    CAMERA_R_PRESET,
    CAMERA_R_PAN,
    CAMERA_R_TILT,
    CAMERA_R_DEV,
    CAMERA_R_PEOPLE,
    CAMERA_R_SCORE,
    CAMERA_R_VISIBLE,
    CAMERA_R_HOSE,
    CAMERA_R_PIPE,
    CAMERA_R_COLOUR,
    CAMERA_R_TURB,
    CAMERA_R_CLOCK,
    CAMERA_R_ALARM,
    CAMERA_R_EVENTS,
    CAMERA_R_GOTO
};

extern const hwdev_ops camera_hwdev_ops;
/* The register map served by it (offsets from the layout's base). */
extern const hwreg_map camera_regmap;
hwdev camera_hwdev(camera *c);

#endif
