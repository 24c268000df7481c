/* camera.c — camera geometry and analytics. */
#include "camera.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct camera {
    hwreg_layout lay;
    double t, fov_h, fov_v, tau, dev_alarm;
    int npresets, preset;
    double pan, tilt; /* offsets from the preset */
    int powered, covered;
    camera_scene scene;
    /* what the analytics last saw: for change detection */
    int seen_valid, seen_visible, seen_people, seen_hose, seen_pipe, seen_powered, seen_covered;
    double seen_pan, seen_tilt, seen_colour, seen_turb;
    double transient;
    int alarm;
    unsigned events;
};

void camera_config_default(camera_config *c)
{
    memset(c, 0, sizeof *c);
    hwreg_layout_default(&c->layout, 0x0000);
    c->fov_h = 60.0;
    c->fov_v = 34.0;
    c->scene_tau = 60.0;
    c->dev_alarm_deg = 5.0;
    c->npresets = 1;
}

camera *camera_new(const camera_config *c)
{
    if (!c || !isfinite(c->start) || !(c->fov_h > 0.0) || !(c->fov_v > 0.0) ||
        !(c->scene_tau > 0.0) || c->npresets < 1 || c->npresets > CAMERA_PRESETS)
        return NULL;
    camera *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    k->lay = c->layout;
    k->t = c->start;
    k->fov_h = c->fov_h;
    k->fov_v = c->fov_v;
    k->tau = c->scene_tau;
    k->dev_alarm = c->dev_alarm_deg;
    k->npresets = c->npresets;
    k->powered = 1;
    return k;
}

void camera_free(camera *c)
{
    free(c);
}

void camera_set_scene(camera *c, const camera_scene *s)
{
    if (s) c->scene = *s;
}

static int visible(const camera *c)
{
    return c->powered && !c->covered && fabs(c->pan) <= c->fov_h / 2.0 &&
           fabs(c->tilt) <= c->fov_v / 2.0;
}

static double deviation(const camera *c)
{
    return sqrt(c->pan * c->pan + c->tilt * c->tilt);
}

/* Difference of the current view from the preset's reference view. */
static double persistent(const camera *c)
{
    if (!c->powered) return 0.0;
    if (c->covered) return 1.0;
    double d = deviation(c) / c->fov_h;
    return d > 1.0 ? 1.0 : d;
}

static double clamp1(double x)
{
    return x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
}

/* The magnitude of what changed since the analytics last looked. */
static double change(const camera *c)
{
    if (!c->seen_valid) return 0.0;
    if (c->powered != c->seen_powered || c->covered != c->seen_covered) return 1.0;
    if (!c->powered) return 0.0;
    double m =
        clamp1((fabs(c->pan - c->seen_pan) + fabs(c->tilt - c->seen_tilt)) / (c->fov_h / 2.0));
    int vis = visible(c);
    if (vis != c->seen_visible) m = 1.0;
    if (vis) {
        m = fmax(m, clamp1(0.25 * abs(c->scene.people - c->seen_people)));
        if (c->scene.hose != c->seen_hose || c->scene.pipe != c->seen_pipe) m = fmax(m, 0.5);
        m = fmax(m, clamp1(fabs(c->scene.colour - c->seen_colour)));
        m = fmax(m, clamp1(fabs(c->scene.turbidity - c->seen_turb) / 100.0));
    }
    return m;
}

static void remember(camera *c)
{
    c->seen_valid = 1;
    c->seen_powered = c->powered;
    c->seen_covered = c->covered;
    c->seen_visible = visible(c);
    c->seen_pan = c->pan;
    c->seen_tilt = c->tilt;
    c->seen_people = c->scene.people;
    c->seen_hose = c->scene.hose;
    c->seen_pipe = c->scene.pipe;
    c->seen_colour = c->scene.colour;
    c->seen_turb = c->scene.turbidity;
}

static double score(const camera *c)
{
    return c->powered ? fmax(persistent(c), c->transient) : 0.0;
}

static int alarm_bits(const camera *c)
{
    int a = 0;
    if (!c->powered) return CAMERA_ALARM_VIDEO_LOSS;
    if (c->covered) a |= CAMERA_ALARM_OCCLUSION;
    if (deviation(c) > c->dev_alarm) a |= CAMERA_ALARM_DEVIATION;
    if (score(c) > 0.5) a |= CAMERA_ALARM_SCENE;
    if (visible(c) && c->scene.people > 0) a |= CAMERA_ALARM_PERSON;
    return a;
}

void camera_step(camera *c, double dt)
{
    if (!(dt > 0.0) || !isfinite(dt)) return;
    c->t += dt;
    c->transient *= exp(-dt / c->tau);
    c->transient = fmax(c->transient, change(c));
    remember(c);
    int a = alarm_bits(c);
    if (a & ~c->alarm) c->events++;
    c->alarm = a;
}

double camera_time(const camera *c)
{
    return c->t;
}

void camera_turn(camera *c, double pan, double tilt)
{
    if (isfinite(pan)) c->pan = pan;
    if (isfinite(tilt)) c->tilt = tilt;
}

int camera_goto_preset(camera *c, int preset)
{
    if (preset < 0 || preset >= c->npresets) return -1;
    c->preset = preset;
    c->pan = 0.0;
    c->tilt = 0.0;
    return 0;
}

void camera_cover(camera *c, int covered)
{
    c->covered = covered != 0;
}

void camera_power(camera *c, int on)
{
    c->powered = on != 0;
}

void camera_get_view(const camera *c, camera_view *v)
{
    int vis = visible(c);
    memset(v, 0, sizeof *v);
    v->powered = c->powered;
    v->covered = c->covered;
    v->video_loss = !c->powered;
    v->visible = vis;
    v->preset = c->preset;
    v->pan_dev = c->pan;
    v->tilt_dev = c->tilt;
    v->deviation = deviation(c);
    v->people = vis ? c->scene.people : 0;
    v->hose = vis ? c->scene.hose : 0;
    v->pipe = vis ? c->scene.pipe : 0;
    v->colour = vis ? c->scene.colour : 0.0;
    v->turbidity = vis ? c->scene.turbidity : 0.0;
    v->score = score(c);
    v->alarm = c->alarm;
    v->events = c->events;
}

static const hwreg_field MAP[] = {
    {0x00, HWREG_U16, 0, CAMERA_R_POWER},  {0x01, HWREG_U16, 0, CAMERA_R_LOSS},
    {0x02, HWREG_U16, 0, CAMERA_R_OCCL},   {0x03, HWREG_U16, 0, CAMERA_R_PRESET},
    {0x04, HWREG_F32, 0, CAMERA_R_PAN},    {0x06, HWREG_F32, 0, CAMERA_R_TILT},
    {0x08, HWREG_F32, 0, CAMERA_R_DEV},    {0x0A, HWREG_U16, 0, CAMERA_R_PEOPLE},
    {0x0B, HWREG_F32, 0, CAMERA_R_SCORE},  {0x0D, HWREG_U16, 0, CAMERA_R_VISIBLE},
    {0x0E, HWREG_U16, 0, CAMERA_R_HOSE},   {0x0F, HWREG_U16, 0, CAMERA_R_PIPE},
    {0x10, HWREG_F32, 0, CAMERA_R_COLOUR}, {0x12, HWREG_F32, 0, CAMERA_R_TURB},
    {0x14, HWREG_BCD, 0, CAMERA_R_CLOCK},  {0x17, HWREG_U16, 0, CAMERA_R_ALARM},
    {0x18, HWREG_U16, 0, CAMERA_R_EVENTS}, {0x20, HWREG_U16, 1, CAMERA_R_GOTO},
};
/* The blocks of docs/registers.md. */
static const hwreg_block BLOCKS[] = {
    {0x00, 0x19, "analytics"},
    {0x20, 1, "control"},
};
const hwreg_map camera_regmap = {MAP, HWREG_COUNT(MAP), BLOCKS, HWREG_COUNT(BLOCKS)};

static double reg_get(void *dev, int id)
{
    camera *c = dev;
    camera_view v;
    camera_get_view(c, &v);
    switch (id) {
    case CAMERA_R_POWER:
        return v.powered;
    case CAMERA_R_LOSS:
        return v.video_loss;
    case CAMERA_R_OCCL:
        return v.covered;
    case CAMERA_R_PRESET:
    case CAMERA_R_GOTO:
        return v.preset + 1;
    case CAMERA_R_PAN:
        return v.pan_dev;
    case CAMERA_R_TILT:
        return v.tilt_dev;
    case CAMERA_R_DEV:
        return v.deviation;
    case CAMERA_R_PEOPLE:
        return v.people;
    case CAMERA_R_SCORE:
        return v.score;
    case CAMERA_R_VISIBLE:
        return v.visible;
    case CAMERA_R_HOSE:
        return v.hose;
    case CAMERA_R_PIPE:
        return v.pipe;
    case CAMERA_R_COLOUR:
        return v.colour;
    case CAMERA_R_TURB:
        return v.turbidity;
    case CAMERA_R_CLOCK:
        return c->t;
    case CAMERA_R_ALARM:
        return v.alarm;
    case CAMERA_R_EVENTS:
        return v.events % 65536u;
    default:
        return 0;
    }
}

static int reg_set(void *dev, int id, double v)
{
    camera *c = dev;
    if (id == CAMERA_R_GOTO) return camera_goto_preset(c, (int)v - 1) == 0 ? 0 : HWDEV_EX_VALUE;
    return HWDEV_EX_ADDRESS;
}

static int ops_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    camera *c = dev;
    return hwreg_read(&camera_regmap, &c->lay, table, addr, n, out, reg_get, c);
}

static int ops_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    camera *c = dev;
    return hwreg_write(&camera_regmap, &c->lay, addr, n, in, reg_set, c);
}

const hwdev_ops camera_hwdev_ops = {.kind = "camera", .read = ops_read, .write = ops_write};

hwdev camera_hwdev(camera *c)
{
    hwdev d = {&camera_hwdev_ops, c};
    return d;
}
