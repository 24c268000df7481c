/*
 * view-sdl.h — the SDL2 driver of the view core (view.h): window or off-screen surface,
 * software renderer at VIEW_W x VIEW_H, fonts through fontconfig (Noto Sans CJK SC for
 * both languages), drawing of the model, the event pump, PNG screenshots.
 * Only this file pair calls SDL. Dependencies: SDL2, SDL2_ttf, SDL2_image, fontconfig.
 */
#ifndef HJ_VIEW_SDL_H
#define HJ_VIEW_SDL_H

#include "view.h"

typedef struct view_sdl view_sdl;

/* Whether SDL can show a window to a person here. SDL falls back to its invisible
 * "offscreen" (or "dummy") video driver when no display is reachable (no DISPLAY, no
 * WAYLAND_DISPLAY): a window then opens, but nobody sees it. Those drivers count only when
 * SDL_VIDEODRIVER names them. driver receives the driver SDL picked ("" none). 1 or 0. */
int view_sdl_can_show(char *driver, size_t n);

/* windowed 1: a window with the software renderer (needs a display, e.g. x11 under
 * Xvfb: view_sdl_can_show); 0: an off-screen surface (no display needed). NULL with a
 * message. */
view_sdl *view_sdl_new(int windowed, char *err, size_t errlen);
void view_sdl_free(view_sdl *d); /* NULL no-op */

/* Draws the model of v into the renderer (not presented). */
void view_sdl_draw(view_sdl *d, const view *v);
/* What the last view_sdl_draw put on screen that pixels do not tell a test. */
typedef struct view_sdl_drawn {
    int alerts;         /* alerts drawn whole in the alerts panel */
    int evidence;       /* their evidence lines drawn whole */
    int evidence_total; /* the evidence lines those alerts have */
    int texts_cut;      /* wrapped texts (evidence, key hint) that did not fit their box */
} view_sdl_drawn;
void view_sdl_last_drawn(const view_sdl *d, view_sdl_drawn *out);
/* Writes the last drawn frame as PNG. 0 or -1 with a message. */
int view_sdl_save_png(view_sdl *d, const char *path, char *err, size_t errlen);
typedef struct view_sdl_bench_result {
    double draw_ms;  /* mean time to draw a frame into the renderer */
    double frame_ms; /* mean time of draw + present (the window's copy to the display) */
    double max_ms;   /* worst draw + present */
    int windowed;
} view_sdl_bench_result;

/* Draws (and presents) n frames of v without advancing it. */
void view_sdl_bench(view_sdl *d, const view *v, int n, view_sdl_bench_result *res);
/* The interactive loop: events -> view input, view_tick on a fixed 60 Hz tick, draw,
 * present; until the window is closed. 0, or -1 when the scenario failed (view_errmsg). */
int view_sdl_run(view_sdl *d, view *v);

#endif
