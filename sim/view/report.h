/*
 * report.h — the report of one run: report.png (per station: concentration and flow trends,
 * limits, truth windows, alerts; a title with the score) and report.html that shows it with
 * the score and the lists of events and alerts. Layout and colours: docs/reports.md.
 *
 * Reads from the run's out folder: truth.json (required), series.csv (missing: empty
 * charts), alerts.jsonl (missing or empty: no alerts; bad lines: drawn without alerts and
 * without a score), report.json (optional: per-station "limits" {"cod","nh3n","tp","tn"},
 * also accepted in truth.json's stations).
 *
 * Drawing: SDL2 software renderer on an off-screen surface (no window, no display),
 * SDL2_ttf with a font found through fontconfig ("Noto Sans CJK SC", else any sans),
 * PNG through SDL2_image. Not thread-safe (SDL_ttf's global state): one report at a time.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdint.h>

#define REPORT_WIDTH        1600 /* px */
#define REPORT_MAX_STATIONS 12   /* stations drawn; more are listed as not drawn */

/* Geometry (px). A report is: title block, then per station a header and one panel per
 * code present in series.csv (COD, NH3-N, TP, TN, flow in that order; one empty panel if
 * none), then a footer. Height = TITLE_H + sum(ST_HDR_H + panels * PANEL_H + ST_GAP) + FOOT_H. */
#define REPORT_TITLE_H    118
#define REPORT_ST_HDR_H   30
#define REPORT_PANEL_H    200
#define REPORT_ST_GAP     12
#define REPORT_FOOT_H     12
#define REPORT_PLOT_LEFT  130                 /* plot area x0 */
#define REPORT_PLOT_RIGHT (REPORT_WIDTH - 50) /* plot area x1 (exclusive) */
#define REPORT_STRIP_TOP  6                   /* alert strip, from the panel top */
#define REPORT_STRIP_H    16
#define REPORT_PLOT_TOP   26                    /* plot area, from the panel top */
#define REPORT_PLOT_BOT   (REPORT_PANEL_H - 30) /* plot area bottom, from the panel top */

/* Colours (R, G, B), opaque. */
#define REPORT_C_WINDOW   255, 214, 170 /* truth window shading */
#define REPORT_C_RED      215, 25, 25   /* red alert marker */
#define REPORT_C_YELLOW   235, 175, 0   /* yellow alert marker */
#define REPORT_C_GREEN    40, 160, 60   /* green alert marker */
#define REPORT_C_REPORTED 25, 90, 200
#define REPORT_C_TRUE     175, 190, 215
#define REPORT_C_LIMIT    150, 0, 150
#define REPORT_C_TYPE     140, 60, 0 /* fraud type of a truth window, in its first panel */

typedef struct report report;

/* Loads the out folder. NULL on error (err says which file and why). */
report *report_load(const char *out_dir, char *err, size_t errlen);
void report_free(report *r);

/* Writes report.png and report.html into dir. lang "zh" or anything else (English).
 * Returns 0 or -1 (err says why). */
int report_render(const report *r, const char *dir, const char *lang, char *err, size_t errlen);

/* report_load + report_render into out_dir; 0 or -1 with err. */
int report_write_err(const char *out_dir, const char *lang, char *err, size_t errlen);
/* The same without a message (for `hjrange run`): 0 or -1. */
int report_write(const char *out_dir, const char *lang);

/* ---- geometry of a loaded report (tests, image maps) ---- */

int report_height(const report *r);
/* x pixel of a time (ms since the epoch), clamped to the plot area. */
int report_time_x(const report *r, int64_t ms);
/* Top y of the panel of code (e.g. "w01018") of the i-th station of the truth; -1 if it
 * has no such panel or is not drawn. */
int report_panel_top(const report *r, size_t station, const char *code);
/* y pixel of a value in that panel; -1 as above. */
int report_value_y(const report *r, size_t station, const char *code, double v);

#endif
