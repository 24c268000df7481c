/*
 * report-png.c — draws report.png of a loaded report (report.h): SDL2's software renderer
 * on an off-screen surface, SDL2_ttf, fontconfig, SDL2_image (report-png.h).
 */
#include "report-png.h"

#include "hjtime.h"
#include "i18n.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { REPORT_PATH_MAX = 1200 };

static void set_err(char *err, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t n, const char *fmt, ...)
{
    if (!err || !n) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

/* The run's start and end: the truth's. */
static int64_t T0(const report *r)
{
    return score_truth_start(report_truth(r));
}

static int64_t T1(const report *r)
{
    return score_truth_end(report_truth(r));
}

static void fmt_num(double v, char *buf, size_t n)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else if (fabs(v) >= 100 || v == floor(v))
        snprintf(buf, n, "%.0f", v);
    else if (fabs(v) >= 1)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.2f", v);
}

typedef struct draw {
    SDL_Renderer *ren;
    TTF_Font *small, *mid, *big;
} draw;

static void color(draw *d, int r, int g, int b)
{
    SDL_SetRenderDrawColor(d->ren, (Uint8)r, (Uint8)g, (Uint8)b, 255);
}
#define COLOR(d, c) color(d, c)

static void fill(draw *d, int x, int y, int w, int h)
{
    SDL_Rect rc = {x, y, w, h};
    SDL_RenderFillRect(d->ren, &rc);
}

/* align: 0 left, 1 centre, 2 right of x. Returns the width drawn. */
static int text(draw *d, TTF_Font *f, const char *s, int x, int y, SDL_Color c, int align)
{
    if (!f || !s || !s[0]) return 0;
    SDL_Surface *ts = TTF_RenderUTF8_Blended(f, s, c);
    if (!ts) return 0;
    SDL_Texture *tx = SDL_CreateTextureFromSurface(d->ren, ts);
    int w = ts->w;
    SDL_Rect dst = {align == 1 ? x - ts->w / 2 : align == 2 ? x - ts->w : x, y, ts->w, ts->h};
    if (tx) {
        SDL_RenderCopy(d->ren, tx, NULL, &dst);
        SDL_DestroyTexture(tx);
    }
    SDL_FreeSurface(ts);
    return w;
}

static const SDL_Color INK = {40, 40, 40, 255}, GREY = {110, 110, 110, 255};

static void triangle_down(draw *d, int x, int y, int size)
{
    for (int k = 0; k < size; k++) {
        int hw = (size - k) / 2;
        SDL_RenderDrawLine(d->ren, x - hw, y + k, x + hw, y + k);
    }
}

static void dashed_h(draw *d, int x0, int x1, int y, int on, int off)
{
    for (int x = x0; x < x1; x += on + off) {
        int e = x + on - 1 < x1 - 1 ? x + on - 1 : x1 - 1;
        SDL_RenderDrawLine(d->ren, x, y, e, y);
    }
}

static void dashed_v(draw *d, int x, int y0, int y1, int on, int off)
{
    for (int y = y0; y < y1; y += on + off) {
        int e = y + on - 1 < y1 - 1 ? y + on - 1 : y1 - 1;
        SDL_RenderDrawLine(d->ren, x, y, x, e);
    }
}

/* Time ticks: the smallest step giving at most 12 ticks, aligned to local time. */
static int64_t tick_step(const report *r)
{
    static const int64_t steps_h[] = {1, 2, 3, 6, 12, 24, 48, 168, 336, 720};
    int64_t span = T1(r) - T0(r);
    for (size_t i = 0; i < sizeof steps_h / sizeof steps_h[0]; i++)
        if (span / (steps_h[i] * 3600000LL) <= 12) return steps_h[i] * 3600000LL;
    return span / 10 > 0 ? span / 10 : 1;
}

/* The first tick at or after t0: a multiple of step from local midnight. */
static int64_t first_tick(const report *r, int64_t step)
{
    return hjtime_local_next(T0(r) - 1, step);
}

/* A polyline, 2 px thick when `thick` (drawn again one pixel lower). */
static void polyline(draw *d, SDL_Point *pts, int np, int thick)
{
    if (np == 1) SDL_RenderDrawPoint(d->ren, pts[0].x, pts[0].y);
    if (np < 2) return;
    SDL_RenderDrawLines(d->ren, pts, np);
    if (!thick) return;
    for (int i = 0; i < np; i++)
        pts[i].y += 1;
    SDL_RenderDrawLines(d->ren, pts, np);
}

/* Columns of one line (reported or true) as a polyline broken at gaps (no sample for more
 * than 3 columns and 30 minutes), plus each column's min-max span. */
static void draw_series(draw *d, const report *r, const report_series *se, int top, int use_true)
{
    SDL_Point pts[REPORT_NCOLS];
    int np = 0, last_c = -10;
    int64_t col_ms = (T1(r) - T0(r)) / REPORT_NCOLS + 1;
    int gap = (int)(30 * 60000LL / col_ms);
    if (gap < 3) gap = 3;
    for (int c = 0; c < REPORT_NCOLS; c++) {
        const report_col *k = &se->cols[c];
        if (!(use_true ? k->n : k->rn)) continue;
        double lo = use_true ? k->tmin : k->rmin, hi = use_true ? k->tmax : k->rmax;
        double v = use_true ? k->tlast : k->rlast;
        int x = REPORT_PLOT_LEFT + c;
        if (c - last_c > gap && np) { /* a gap in the data: break the line */
            polyline(d, pts, np, !use_true);
            np = 0;
        }
        int ylo = report_series_y(se, top, lo), yhi = report_series_y(se, top, hi);
        if (ylo != yhi) SDL_RenderDrawLine(d->ren, x, ylo, x, yhi);
        pts[np].x = x;
        pts[np].y = report_series_y(se, top, v);
        np++;
        last_c = c;
    }
    polyline(d, pts, np, !use_true);
}

/* Whether a line of the series passes through rows [ya, yb] in plot columns [xa, xb). */
static int lines_in(const report *r, const report_series *se, int top, int xa, int xb, int ya,
                    int yb)
{
    (void)r;
    if (!se->cols) return 0;
    for (int x = xa; x < xb; x++) {
        int c = x - REPORT_PLOT_LEFT;
        if (c < 0 || c >= REPORT_NCOLS) continue;
        const report_col *k = &se->cols[c];
        /* each line's span in the column, widened to the neighbours' last values (the
         * polyline joins them) */
        for (int tr = 0; tr < 2; tr++) {
            if (!(tr ? k->n : k->rn)) continue;
            double lo = tr ? k->tmin : k->rmin, hi = tr ? k->tmax : k->rmax;
            for (int dc = -1; dc <= 1; dc += 2) {
                const report_col *nb =
                    c + dc >= 0 && c + dc < REPORT_NCOLS ? &se->cols[c + dc] : NULL;
                if (!nb || !(tr ? nb->n : nb->rn)) continue;
                double v = tr ? nb->tlast : nb->rlast;
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
            int yhi = report_series_y(se, top, hi) - 1, ylo = report_series_y(se, top, lo) + 1;
            if (yhi <= yb && ylo >= ya) return 1;
        }
    }
    return 0;
}

/* A w x h place for the label of the line at y: just above or below it, from the right
 * end leftwards, where no line of the series passes; the right end above it if none. */
static SDL_Rect free_spot(const report *r, const report_series *se, int top, int y, int w, int h)
{
    const int x0 = REPORT_PLOT_LEFT + 2, x1 = REPORT_PLOT_RIGHT - 2;
    const int y0 = top + REPORT_PLOT_TOP + 1, y1 = top + REPORT_PLOT_BOT - 1;
    for (int x = x1 - w; x >= x0; x -= 40)
        for (int below = 0; below < 2; below++) {
            int ly = below ? y + 3 : y - 2 - h;
            if (ly < y0 || ly + h > y1) continue;
            if (!lines_in(r, se, top, x, x + w, ly, ly + h)) return (SDL_Rect){x, ly, w, h};
        }
    int ly = y - 2 - h < y0 ? y + 3 : y - 2 - h;
    return (SDL_Rect){x1 - w, ly, w, h};
}

static void draw_panel(draw *d, const report *r, size_t si, int c, const char *const *t)
{
    const report_station *s = report_station_at(r, si);
    const report_series *se = &s->s[c];
    const int top = s->panel_top[c];
    const int x0 = REPORT_PLOT_LEFT, x1 = REPORT_PLOT_RIGHT;
    const int y0 = top + REPORT_PLOT_TOP, y1 = top + REPORT_PLOT_BOT;
    char buf[128], limit_lab[160] = "";
    int limit_y = 0;

    /* grid: values, then times */
    color(d, 232, 232, 232);
    for (double v = se->ystep; v < se->ymax + se->ystep / 2; v += se->ystep)
        SDL_RenderDrawLine(d->ren, x0, report_series_y(se, top, v), x1 - 1,
                           report_series_y(se, top, v));
    int64_t step = tick_step(r);
    for (int64_t tt = first_tick(r, step); tt <= T1(r); tt += step)
        SDL_RenderDrawLine(d->ren, report_time_x(r, tt), y0, report_time_x(r, tt), y1);

    /* truth windows (opaque, over the grid) */
    COLOR(d, REPORT_C_WINDOW);
    for (size_t i = 0; i < score_truth_nevents(report_truth(r)); i++) {
        const score_event *e = score_truth_event(report_truth(r), i);
        if (strcmp(e->mn, s->mn) != 0) continue;
        int xa = report_time_x(r, e->start_ms), xb = report_time_x(r, e->end_ms);
        fill(d, xa, y0, xb - xa + 1, y1 - y0 + 1);
    }

    /* alerts: a dashed line through the plot, the span and a marker in the strip */
    const int strip = top + REPORT_STRIP_TOP;
    for (int lvl = SCORE_GREEN; lvl <= SCORE_RED; lvl++) {
        for (size_t i = 0; report_alerts(r) && i < score_alerts_count(report_alerts(r)); i++) {
            const score_alert *a = score_alerts_get(report_alerts(r), i);
            if ((int)a->level != lvl || strcmp(a->mn, s->mn) != 0) continue;
            if (a->time_ms < T0(r) || a->time_ms > T1(r)) continue;
            int x = report_time_x(r, a->time_ms);
            int64_t st = report_alert_start(r, i);
            if (lvl == SCORE_RED)
                color(d, 240, 150, 150);
            else if (lvl == SCORE_YELLOW)
                color(d, 250, 222, 130);
            else
                color(d, 160, 215, 170);
            if (st != INT64_MIN && st < a->time_ms) { /* span start .. end (or time) */
                int64_t en = a->has_end && a->end_ms > st ? a->end_ms : a->time_ms;
                int xa = report_time_x(r, st), xb = report_time_x(r, en);
                fill(d, xa, strip + REPORT_STRIP_H - 5, xb - xa + 1, 4);
            }
            if (lvl == SCORE_RED)
                COLOR(d, REPORT_C_RED);
            else if (lvl == SCORE_YELLOW)
                COLOR(d, REPORT_C_YELLOW);
            else
                COLOR(d, REPORT_C_GREEN);
            if (lvl != SCORE_GREEN) dashed_v(d, x, y0, y1, 4, 4);
            triangle_down(d, x, strip, lvl == SCORE_GREEN ? 8 : 12);
        }
    }

    /* limit */
    if (!isnan(s->limit[c])) {
        COLOR(d, REPORT_C_LIMIT);
        int y = report_series_y(se, top, s->limit[c]);
        dashed_h(d, x0, x1, y, 10, 6);
        dashed_h(d, x0, x1, y + 1, 10, 6);
        fmt_num(s->limit[c], buf, sizeof buf);
        snprintf(limit_lab, sizeof limit_lab, "%s %s", t[MSG_SU_R_LIMIT], buf);
        limit_y = y;
    }

    /* data: true values faintly, then the reported ones */
    if (se->cols) {
        COLOR(d, REPORT_C_TRUE);
        draw_series(d, r, se, top, 1);
        COLOR(d, REPORT_C_REPORTED);
        draw_series(d, r, se, top, 0);
    } else {
        text(d, d->mid, t[MSG_SU_R_NO_DATA], (x0 + x1) / 2, (y0 + y1) / 2 - 10, GREY, 1);
    }
    /* the limit's label where the lines are not, on white */
    int lw = 0, lh = 0;
    if (limit_lab[0] && d->small && TTF_SizeUTF8(d->small, limit_lab, &lw, &lh) == 0) {
        SDL_Rect lr = free_spot(r, se, top, limit_y, lw + 6, lh + 2);
        color(d, 255, 255, 255);
        fill(d, lr.x, lr.y, lr.w, lr.h);
        text(d, d->small, limit_lab, lr.x + 3, lr.y + 1, (SDL_Color){REPORT_C_LIMIT, 255}, 0);
    }

    /* the truth windows' fraud types, in the station's first panel, on the window colour */
    int first_panel = 1;
    for (int k = 0; k < c; k++)
        if (s->panel_top[k] >= 0) first_panel = 0;
    for (size_t i = 0; first_panel && i < score_truth_nevents(report_truth(r)); i++) {
        const score_event *e = score_truth_event(report_truth(r), i);
        if (strcmp(e->mn, s->mn) != 0 || e->end_ms < T0(r) || e->start_ms > T1(r)) continue;
        int xa = report_time_x(r, e->start_ms);
        const char *lab = report_type_label(e->type, t);
        int w = 0, h = 0;
        if (!d->small || TTF_SizeUTF8(d->small, lab, &w, &h) != 0) continue;
        if (xa + 3 + w > x1 - 2) xa = x1 - 5 - w; /* near the right end: inside the plot */
        COLOR(d, REPORT_C_WINDOW);
        fill(d, xa + 1, y0 + 1, w + 4, h + 2);
        text(d, d->small, lab, xa + 3, y0 + 2, (SDL_Color){REPORT_C_TYPE, 255}, 0);
    }

    /* frame, axes labels */
    color(d, 120, 120, 120);
    SDL_Rect fr = {x0, y0, x1 - x0, y1 - y0 + 1};
    SDL_RenderDrawRect(d->ren, &fr);
    /* short label; the long name when it differs (Chinese); the unit */
    const char *name = hjcode_name(report_code(c), t == report_texts("zh"));
    const char *label = report_code(c)->symbol ? report_code(c)->symbol : name;
    text(d, d->mid, label, 10, top + 4, INK, 0);
    int uy = top + 26;
    if (strcmp(label, name) != 0) {
        text(d, d->small, name, 10, uy, INK, 0);
        uy += 18;
    }
    text(d, d->small, report_code(c)->unit, 10, uy, GREY, 0);
    int dec = 0; /* tick labels: as many decimals as the step needs */
    while (dec < 4 && fabs(se->ystep * pow(10, dec) - round(se->ystep * pow(10, dec))) > 1e-6)
        dec++;
    for (double v = 0; v < se->ymax + se->ystep / 2; v += se->ystep) {
        snprintf(buf, sizeof buf, "%.*f", dec, v);
        text(d, d->small, buf, x0 - 6, report_series_y(se, top, v) - 8, GREY, 2);
    }
    int prev_day = -1;
    for (int64_t tt = first_tick(r, step); tt <= T1(r); tt += step) {
        int x = report_time_x(r, tt);
        SDL_RenderDrawLine(d->ren, x, y1, x, y1 + 4);
        int day = (int)hjtime_local_day(tt);
        report_fmt_local(tt, buf, sizeof buf, day != prev_day);
        prev_day = day;
        text(d, d->small, buf, x, y1 + 6, GREY, 1);
    }
}

static void legend_item(draw *d, int *x, int y, int kind, int cr, int cg, int cb, const char *label)
{
    color(d, cr, cg, cb);
    if (kind == 0) { /* line */
        fill(d, *x, y + 8, 26, 2);
    } else if (kind == 1) { /* area */
        fill(d, *x, y + 2, 26, 14);
    } else if (kind == 2) { /* dashed */
        dashed_h(d, *x, *x + 26, y + 8, 6, 4);
        dashed_h(d, *x, *x + 26, y + 9, 6, 4);
    } else { /* marker */
        triangle_down(d, *x + 13, y + 2, 12);
    }
    *x += 32;
    *x += text(d, d->small, label, *x, y, INK, 0) + 22;
}

static void draw_all(draw *d, const report *r, const char *const *t)
{
    char buf[512], a[32], b[32];
    color(d, 255, 255, 255);
    SDL_RenderClear(d->ren);
    SDL_Color title = {20, 20, 20, 255};
    snprintf(buf, sizeof buf, "%s — %s", t[MSG_SU_R_TITLE], score_truth_scenario(report_truth(r)));
    text(d, d->big, buf, 16, 10, title, 0);
    report_fmt_local(T0(r), a, sizeof a, 2);
    report_fmt_local(T1(r), b, sizeof b, 2);
    snprintf(buf, sizeof buf, "%s %s .. %s (%s)%s%s", t[MSG_SU_R_RUN], a, b, t[MSG_SU_R_TZ],
             report_seed(r)[0] ? " · seed " : "", report_seed(r));
    text(d, d->mid, buf, 16, 44, GREY, 0);
    report_score_line(r, t, buf, sizeof buf);
    text(d, d->mid, buf, 16, 66, INK, 0);
    int x = 16, y = 92;
    legend_item(d, &x, y, 0, REPORT_C_REPORTED, t[MSG_SU_R_REPORTED]);
    legend_item(d, &x, y, 0, REPORT_C_TRUE, t[MSG_SU_R_TRUE]);
    legend_item(d, &x, y, 2, REPORT_C_LIMIT, t[MSG_SU_R_LIMIT]);
    legend_item(d, &x, y, 1, REPORT_C_WINDOW, t[MSG_SU_R_WINDOW]);
    legend_item(d, &x, y, 3, REPORT_C_YELLOW, t[MSG_SU_R_YELLOW]);
    legend_item(d, &x, y, 3, REPORT_C_RED, t[MSG_SU_R_RED]);

    for (size_t i = 0; i < report_ndrawn(r); i++) {
        const report_station *s = report_station_at(r, i);
        int top = -1;
        for (int c = 0; c < REPORT_NCODES && top < 0; c++)
            top = s->panel_top[c];
        if (top < 0) continue;
        color(d, 236, 240, 246);
        fill(d, 0, top - REPORT_ST_HDR_H, REPORT_WIDTH, REPORT_ST_HDR_H - 2);
        snprintf(buf, sizeof buf, "%s %s  %s", t[MSG_SU_R_STATION], s->mn, s->name);
        text(d, d->mid, buf, 10, top - REPORT_ST_HDR_H + 5, title, 0);
        for (int c = 0; c < REPORT_NCODES; c++)
            if (s->panel_top[c] >= 0) draw_panel(d, r, i, c, t);
    }
    if (report_nstations(r) > report_ndrawn(r)) {
        snprintf(buf, sizeof buf, "%zu %s", report_nstations(r) - report_ndrawn(r),
                 t[MSG_SU_R_MORE]);
        text(d, d->mid, buf, 16, report_height(r) - REPORT_FOOT_H - 22, GREY, 0);
    }
}

/* The font file fontconfig picks for "Noto Sans CJK SC" (any sans without it). */
static int find_font(char *file, size_t n, int *index)
{
    static const char *const names[] = {"Noto Sans CJK SC", "sans-serif:lang=zh-cn", "sans-serif"};
    if (!FcInit()) return -1;
    int rc = -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && rc < 0; i++) {
        FcPattern *pat = FcNameParse((const FcChar8 *)names[i]);
        if (!pat) continue;
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res = FcResultNoMatch;
        FcPattern *m = FcFontMatch(NULL, pat, &res);
        FcChar8 *f = NULL;
        if (m && FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch && f) {
            snprintf(file, n, "%s", (const char *)f);
            if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch) *index = 0;
            rc = 0;
        }
        if (m) FcPatternDestroy(m);
        FcPatternDestroy(pat);
    }
    FcFini(); /* releases the configuration and caches FcInit loaded */
    return rc;
}

static TTF_Font *open_font(const char *file, int index, int size, int bold)
{
    if (!file[0]) return NULL;
    TTF_Font *f = TTF_OpenFontIndex(file, size, index);
    if (f && bold) TTF_SetFontStyle(f, TTF_STYLE_BOLD);
    return f;
}

static int write_png(const report *r, const char *path, const char *const *t, char *err,
                     size_t errlen)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, REPORT_WIDTH, report_height(r), 32,
                                                       SDL_PIXELFORMAT_RGBA32);
    if (!surf) {
        set_err(err, errlen, "SDL_CreateRGBSurfaceWithFormat: %s", SDL_GetError());
        return -1;
    }
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(surf);
    if (!ren) {
        set_err(err, errlen, "SDL_CreateSoftwareRenderer: %s", SDL_GetError());
        SDL_FreeSurface(surf);
        return -1;
    }
    draw d = {ren, NULL, NULL, NULL};
    char file[1024] = "";
    int index = 0, ttf = TTF_Init() == 0;
    if (ttf && find_font(file, sizeof file, &index) == 0) {
        d.small = open_font(file, index, 13, 0);
        d.mid = open_font(file, index, 15, 0);
        d.big = open_font(file, index, 21, 1);
    }
    draw_all(&d, r, t);
    SDL_RenderPresent(ren);
    if (d.small) TTF_CloseFont(d.small);
    if (d.mid) TTF_CloseFont(d.mid);
    if (d.big) TTF_CloseFont(d.big);
    if (ttf) TTF_Quit();
    SDL_DestroyRenderer(ren);
    int rc = IMG_SavePNG(surf, path) == 0 ? 0 : -1;
    if (rc) set_err(err, errlen, "%s: IMG_SavePNG: %s", path, IMG_GetError());
    SDL_FreeSurface(surf);
    return rc;
}

int report_png_write(const report *r, const char *dir, const char *lang, char *err, size_t errlen)
{
    char path[REPORT_PATH_MAX];
    snprintf(path, sizeof path, "%s/report.png", dir);
    return write_png(r, path, report_texts(lang), err, errlen);
}

int report_png_render(const report *r, const char *dir, const char *lang, char *err, size_t errlen)
{
    if (report_png_write(r, dir, lang, err, errlen) != 0) return -1;
    return report_write_html(r, dir, lang, 1, err, errlen);
}

int report_png_render_dir(const char *out_dir, const char *lang, char *err, size_t errlen)
{
    report *r = report_load(out_dir, err, errlen);
    if (!r) return -1;
    int rc = report_png_render(r, out_dir, lang, err, errlen);
    report_free(r);
    return rc;
}
