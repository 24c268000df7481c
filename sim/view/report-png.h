/*
 * report-png.h — report.png of a run (report.h holds the data and writes report.html): per
 * station the concentration and flow trends, limits, truth windows, alerts; a title with
 * the score. Layout and colours: docs/reports.md.
 *
 * Drawing: SDL2 software renderer on an off-screen surface (no window, no display),
 * SDL2_ttf with a font found through fontconfig ("Noto Sans CJK SC", else any sans),
 * PNG through SDL2_image. Not thread-safe (SDL_ttf's global state): one report at a time.
 */
#ifndef REPORT_PNG_H
#define REPORT_PNG_H

#include "report.h"

#include <stddef.h>

/* Colours (R, G, B), opaque. */
#define REPORT_C_WINDOW   255, 214, 170 /* truth window shading */
#define REPORT_C_RED      215, 25, 25   /* red alert marker */
#define REPORT_C_YELLOW   235, 175, 0   /* yellow alert marker */
#define REPORT_C_GREEN    40, 160, 60   /* green alert marker */
#define REPORT_C_REPORTED 25, 90, 200
#define REPORT_C_TRUE     175, 190, 215
#define REPORT_C_LIMIT    150, 0, 150
#define REPORT_C_TYPE     140, 60, 0 /* fraud type of a truth window, in its first panel */

/* Writes report.png into dir. lang "zh" or anything else (English). Returns 0 or -1 (err
 * says why). */
int report_png_write(const report *r, const char *dir, const char *lang, char *err, size_t errlen);
/* report.png, then report.html showing it (report_write_html), into dir; 0 or -1 with err. */
int report_png_render(const report *r, const char *dir, const char *lang, char *err, size_t errlen);
/* report_load + report_png_render into out_dir; 0 or -1 with err. */
int report_png_render_dir(const char *out_dir, const char *lang, char *err, size_t errlen);

#endif
