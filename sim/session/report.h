/*
 * report.h — the report of one run, without a picture: a run's out folder loaded (the
 * truth, the alerts folded per id with their evidence, the work orders, the score, the
 * stations' names and limits, series.csv folded per pixel column of report.png and laid
 * out in panels) and report.html written from it. report.png is drawn from the same loaded
 * report by sim/view/report-png.h (SDL2); a build without the view (HJ_HEADLESS) writes
 * report.html alone. Layout and colours: docs/reports.md.
 *
 * Reads from the run's out folder: truth.json (required), series.csv (missing: empty
 * charts), alerts.jsonl (missing or empty: no alerts; bad lines: drawn without alerts and
 * without a score), records.jsonl (optional: work orders), report.json (optional:
 * per-station "limits" {"cod","nh3n","tp","tn"}, also accepted in truth.json's stations).
 *
 * Depends on the file formats (score.h), proto's vocabulary and the report's texts
 * (sim/cli/i18n-suite.h, i18n-score.h: their tables, not i18n.c). No SDL.
 */
#ifndef REPORT_H
#define REPORT_H

#include "hjcode.h"
#include "score.h"

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
#define REPORT_NCOLS      (REPORT_PLOT_RIGHT - REPORT_PLOT_LEFT) /* pixel columns of a plot */

/* The panels of a station, in their order: rows of the code table (proto/hjcode.h). */
enum { REPORT_COD = 0, REPORT_NH3N, REPORT_TP, REPORT_TN, REPORT_FLOW, REPORT_NCODES };

typedef struct report report;

/* Loads the out folder. NULL on error (err says which file and why). */
report *report_load(const char *out_dir, char *err, size_t errlen);
void report_free(report *r);

/* Writes report.html into dir. lang "zh" or anything else (English). with_png 1: it shows
 * report.png (drawn beside it, sim/view/report-png.h); 0: it says that the picture is not
 * drawn, in a build without the view. Returns 0 or -1 (err says why). */
int report_write_html(const report *r, const char *dir, const char *lang, int with_png, char *err,
                      size_t errlen);

/* ---- geometry of a loaded report (the drawing, tests, image maps) ---- */

int report_height(const report *r);
/* x pixel of a time (ms since the epoch), clamped to the plot area. */
int report_time_x(const report *r, int64_t ms);
/* Top y of the panel of code (e.g. "w01018") of the i-th station of the truth; -1 if it
 * has no such panel or is not drawn. */
int report_panel_top(const report *r, size_t station, const char *code);
/* y pixel of a value in that panel; -1 as above. */
int report_value_y(const report *r, size_t station, const char *code, double v);

/* ---- what the drawing reads (plain data, owned by the report) ---- */

/* One pixel column of a panel: the rows of series.csv whose time falls in it. */
typedef struct report_col {
    float rmin, rmax, rlast, tmin, tmax, tlast;
    int n;  /* samples folded in; 0: no data in this column */
    int rn; /* of them with a reported value (none before the first measurement) */
} report_col;

/* One code of one station. */
typedef struct report_series {
    report_col *cols;   /* REPORT_NCOLS; NULL: no row of this code */
    double vmax;        /* largest value, reported or true */
    double ymax, ystep; /* the value axis: 0 .. ymax, a tick every ystep */
    int measured;       /* while loading: the DAU has a value of it */
    int64_t last_ms;    /* while loading: time of its last row (INT64_MIN none) */
} report_series;

typedef struct report_station {
    char mn[SCORE_MN_MAX];
    char name[160];
    double limit[REPORT_NCODES]; /* NAN: none */
    report_series s[REPORT_NCODES];
    int panel_top[REPORT_NCODES]; /* -1: no panel */
} report_station;

const score_truth *report_truth(const report *r);
/* NULL when alerts.jsonl has bad lines (drawn without alerts). */
const score_alerts *report_alerts(const report *r);
/* The "start" of the i-th raise of report_alerts; INT64_MIN when it has none. */
int64_t report_alert_start(const report *r, size_t i);
/* The run's seed as truth.json gives it; "" without one. */
const char *report_seed(const report *r);
/* The stations of the truth, and how many of them are drawn (REPORT_MAX_STATIONS). */
size_t report_nstations(const report *r);
size_t report_ndrawn(const report *r);
const report_station *report_station_at(const report *r, size_t i);
/* The code of panel c (REPORT_COD ...). */
const hjcode *report_code(int c);
/* y pixel of value v in a panel of series se whose top is top. */
int report_series_y(const report_series *se, int top, double v);

/* ---- texts, shared with the drawing ---- */

/* The report's texts in lang ("zh" or English), indexed by i18n_msg (sim/cli/i18n.h). */
const char *const *report_texts(const char *lang);
/* A fraud type in the language of the table t ("sample_cup_injection" -> 样品杯注水). */
const char *report_type_label(const char *type, const char *const *t);
/* A local time (UTC+8): with_date 0 "HH:MM", 1 "MM-DD HH:MM", 2 "YYYY-MM-DD HH:MM". */
void report_fmt_local(int64_t ms, char *buf, size_t n, int with_date);
/* The score line of the title and the HTML. */
void report_score_line(const report *r, const char *const *t, char *buf, size_t n);

#endif
