/*
 * view-sdl.c — draws the view model with SDL2 (software renderer) and feeds SDL events to
 * the core (view-sdl.h). Text goes through a cache of textures keyed by text, size and
 * colour, so that a steady frame renders no glyphs.
 */
#include "view-sdl.h"

#include "hjtime.h"
#include "sampleline.h"
#include "station.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FONT_S = 0, FONT_M, FONT_L, FONT_COUNT };
enum { CACHE_SLOTS = 2048, CACHE_KEY = 200 };

typedef struct tex_entry {
    char key[CACHE_KEY];
    int font;
    Uint32 rgba;
    SDL_Texture *tex;
    int w, h;
} tex_entry;

struct view_sdl {
    SDL_Window *win;
    SDL_Surface *surf; /* off-screen target when no window */
    SDL_Renderer *ren;
    TTF_Font *font[FONT_COUNT];
    tex_entry *cache;
    size_t ncache;
    int sdl_init, ttf_init;
    view_sdl_drawn drawn; /* of the last frame */
};

typedef struct rgb {
    Uint8 r, g, b, a;
} rgb;

static const rgb C_BG = {22, 26, 34, 255}, C_PANEL = {32, 38, 50, 255},
                 C_PANEL2 = {44, 52, 68, 255}, C_TEXT = {222, 228, 238, 255},
                 C_DIM = {140, 150, 168, 255}, C_GREEN = {56, 190, 92, 255},
                 C_YELLOW = {236, 190, 48, 255}, C_RED = {228, 62, 56, 255},
                 C_ACCENT = {66, 136, 228, 255}, C_GRID = {58, 66, 84, 255},
                 C_WALL = {180, 186, 196, 255};

static const rgb LEVEL_COL[3] = {{56, 190, 92, 255}, {236, 190, 48, 255}, {228, 62, 56, 255}};

/* Bounded copy that does not cut a UTF-8 character. */
static void cpy(char *dst, size_t n, const char *src)
{
    size_t k = src ? strlen(src) : 0;
    if (n == 0) return;
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
            k--;
    }
    if (k) memmove(dst, src, k);
    dst[k] = '\0';
}

/* ---- fonts (fontconfig) ---- */

static int find_font(char *path, size_t n, int *index)
{
    static const char *const names[] = {"Noto Sans CJK SC",    "Noto Sans CJK", "WenQuanYi Zen Hei",
                                        "Droid Sans Fallback", "DejaVu Sans",   "sans"};
    int found = 0;
    if (!FcInit()) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !found; i++) {
        FcPattern *pat = FcNameParse((const FcChar8 *)names[i]);
        if (!pat) continue;
        FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res = FcResultNoMatch;
        FcPattern *m = FcFontMatch(NULL, pat, &res);
        FcChar8 *f = NULL;
        if (m && FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch && f) {
            cpy(path, n, (const char *)f);
            if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch) *index = 0;
            found = 1;
        }
        if (m) FcPatternDestroy(m);
        FcPatternDestroy(pat);
    }
    FcFini();
    return found ? 0 : -1;
}

/* The driver SDL picked shows nothing to a person (and was not asked for by name). */
static int invisible_driver(const char *name)
{
    if (!name || (strcmp(name, "offscreen") != 0 && strcmp(name, "dummy") != 0)) return 0;
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    return !(asked && strstr(asked, name));
}

int view_sdl_can_show(char *driver, size_t n)
{
    cpy(driver, n, "");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return 0;
    const char *name = SDL_GetCurrentVideoDriver();
    cpy(driver, n, name ? name : "");
    int ok = name && !invisible_driver(name);
    SDL_Quit();
    return ok;
}

view_sdl *view_sdl_new(int windowed, char *err, size_t errlen)
{
    view_sdl *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->cache = calloc(CACHE_SLOTS, sizeof *d->cache);
    if (!d->cache) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (SDL_Init(windowed ? SDL_INIT_VIDEO : 0) != 0) {
        snprintf(err, errlen, "SDL_Init: %s", SDL_GetError());
        goto fail;
    }
    d->sdl_init = 1;
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "TTF_Init: %s", TTF_GetError());
        goto fail;
    }
    d->ttf_init = 1;
    if (windowed && invisible_driver(SDL_GetCurrentVideoDriver())) {
        snprintf(err, errlen, "no display (SDL video driver %s)", SDL_GetCurrentVideoDriver());
        goto fail;
    }
    if (windowed) {
        d->win = SDL_CreateWindow("hjrange view", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                  VIEW_W, VIEW_H, 0);
        if (!d->win) {
            snprintf(err, errlen, "SDL_CreateWindow: %s", SDL_GetError());
            goto fail;
        }
        d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
    } else {
        d->surf = SDL_CreateRGBSurfaceWithFormat(0, VIEW_W, VIEW_H, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!d->surf) {
            snprintf(err, errlen, "SDL_CreateRGBSurface: %s", SDL_GetError());
            goto fail;
        }
        d->ren = SDL_CreateSoftwareRenderer(d->surf);
    }
    if (!d->ren) {
        snprintf(err, errlen, "renderer: %s", SDL_GetError());
        goto fail;
    }
    SDL_SetRenderDrawBlendMode(d->ren, SDL_BLENDMODE_BLEND);
    char path[1024] = "";
    int index = 0;
    if (find_font(path, sizeof path, &index) != 0) {
        snprintf(err, errlen, "fontconfig: no font");
        goto fail;
    }
    static const int sizes[FONT_COUNT] = {13, 16, 22};
    for (int i = 0; i < FONT_COUNT; i++) {
        d->font[i] = TTF_OpenFontIndex(path, sizes[i], index);
        if (!d->font[i]) {
            snprintf(err, errlen, "%s: %s", path, TTF_GetError());
            goto fail;
        }
    }
    return d;
fail:
    view_sdl_free(d);
    return NULL;
}

static void cache_clear(view_sdl *d)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (d->cache[i].tex) {
            SDL_DestroyTexture(d->cache[i].tex);
            d->cache[i].tex = NULL;
        }
    d->ncache = 0;
}

void view_sdl_free(view_sdl *d)
{
    if (!d) return;
    if (d->cache) cache_clear(d);
    free(d->cache);
    for (int i = 0; i < FONT_COUNT; i++)
        if (d->font[i]) TTF_CloseFont(d->font[i]);
    if (d->ren) SDL_DestroyRenderer(d->ren);
    if (d->win) SDL_DestroyWindow(d->win);
    if (d->surf) SDL_FreeSurface(d->surf);
    if (d->ttf_init) TTF_Quit();
    if (d->sdl_init) SDL_Quit();
    free(d);
}

/* ---- primitives ---- */

static void colour(view_sdl *d, rgb c)
{
    SDL_SetRenderDrawColor(d->ren, c.r, c.g, c.b, c.a);
}

static rgb alpha(rgb c, Uint8 a)
{
    c.a = a;
    return c;
}

static void fill(view_sdl *d, int x, int y, int w, int h, rgb c)
{
    SDL_Rect r = {x, y, w, h};
    colour(d, c);
    SDL_RenderFillRect(d->ren, &r);
}

static void frame(view_sdl *d, int x, int y, int w, int h, rgb c)
{
    SDL_Rect r = {x, y, w, h};
    colour(d, c);
    SDL_RenderDrawRect(d->ren, &r);
}

static void line(view_sdl *d, int x1, int y1, int x2, int y2, rgb c)
{
    colour(d, c);
    SDL_RenderDrawLine(d->ren, x1, y1, x2, y2);
}

static void thick_line(view_sdl *d, int x1, int y1, int x2, int y2, int w, rgb c)
{
    colour(d, c);
    for (int k = -w / 2; k <= w / 2; k++) {
        if (abs(x2 - x1) > abs(y2 - y1))
            SDL_RenderDrawLine(d->ren, x1, y1 + k, x2, y2 + k);
        else
            SDL_RenderDrawLine(d->ren, x1 + k, y1, x2 + k, y2);
    }
}

static void dashed(view_sdl *d, int x1, int y1, int x2, int y2, rgb c)
{
    double len = hypot(x2 - x1, y2 - y1);
    int n = (int)(len / 8);
    colour(d, c);
    for (int i = 0; i < n; i += 2) {
        double a = (double)i / n, b = (double)(i + 1) / n;
        SDL_RenderDrawLine(d->ren, x1 + (int)((x2 - x1) * a), y1 + (int)((y2 - y1) * a),
                           x1 + (int)((x2 - x1) * b), y1 + (int)((y2 - y1) * b));
    }
}

static void disc(view_sdl *d, int cx, int cy, int r, rgb c)
{
    colour(d, c);
    for (int dy = -r; dy <= r; dy++) {
        int dx = (int)sqrt((double)(r * r - dy * dy));
        SDL_RenderDrawLine(d->ren, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

/* A filled triangle by scanlines. */
static void triangle(view_sdl *d, double x0, double y0, double x1, double y1, double x2, double y2,
                     rgb c)
{
    double ymin = fmin(y0, fmin(y1, y2)), ymax = fmax(y0, fmax(y1, y2));
    const double xs[3] = {x0, x1, x2}, ys[3] = {y0, y1, y2};
    colour(d, c);
    for (int y = (int)ceil(ymin); y <= (int)floor(ymax); y++) {
        double lo = 1e9, hi = -1e9;
        for (int e = 0; e < 3; e++) {
            double ya = ys[e], yb = ys[(e + 1) % 3], xa = xs[e], xb = xs[(e + 1) % 3];
            if ((y < ya && y < yb) || (y > ya && y > yb) || ya == yb) continue;
            double x = xa + (xb - xa) * ((double)y - ya) / (yb - ya);
            lo = fmin(lo, x);
            hi = fmax(hi, x);
        }
        if (lo <= hi) SDL_RenderDrawLine(d->ren, (int)lo, y, (int)hi, y);
    }
}

static Uint32 hash_key(const char *s, int font, Uint32 rgba)
{
    Uint32 h = 2166136261u ^ (Uint32)font ^ (rgba * 16777619u);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Draws text at x,y (top-left); max_w > 0 clips it. Returns the width drawn. */
static int text(view_sdl *d, int font, int x, int y, rgb c, int max_w, const char *s)
{
    if (!s || !s[0]) return 0;
    Uint32 rgba = ((Uint32)c.r << 24) | ((Uint32)c.g << 16) | ((Uint32)c.b << 8) | c.a;
    char key[CACHE_KEY];
    cpy(key, sizeof key, s);
    Uint32 h = hash_key(key, font, rgba);
    tex_entry *e = NULL;
    for (size_t k = 0; k < 8; k++) {
        tex_entry *t = &d->cache[(h + k) % CACHE_SLOTS];
        if (!t->tex || (t->font == font && t->rgba == rgba && strcmp(t->key, key) == 0)) {
            e = t;
            break;
        }
    }
    if (!e || d->ncache > CACHE_SLOTS * 3 / 4) {
        if (!e || !e->tex) { /* full: start over */
            cache_clear(d);
            e = &d->cache[h % CACHE_SLOTS];
        }
    }
    if (!e->tex) {
        SDL_Color sc = {c.r, c.g, c.b, c.a};
        SDL_Surface *sf = TTF_RenderUTF8_Blended(d->font[font], key, sc);
        if (!sf) return 0;
        e->tex = SDL_CreateTextureFromSurface(d->ren, sf);
        e->w = sf->w;
        e->h = sf->h;
        SDL_FreeSurface(sf);
        if (!e->tex) return 0;
        cpy(e->key, sizeof e->key, key);
        e->font = font;
        e->rgba = rgba;
        d->ncache++;
    }
    int w = e->w;
    if (max_w > 0 && w > max_w) w = max_w;
    SDL_Rect src = {0, 0, w, e->h}, dst = {x, y, w, e->h};
    SDL_RenderCopy(d->ren, e->tex, &src, &dst);
    return w;
}

static int text_w(view_sdl *d, int font, const char *s)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(d->font[font], s, &w, &h) != 0) return 0;
    return w;
}

/* Break offsets of s into lines of at most w pixels (at a space when there is one), kept
 * in a small cache: measuring is the costly part. */
enum { WRAP_MAX = 8 };
typedef struct wrap_entry {
    Uint32 h;
    int w, n, cut;     /* cut: the text needs more than WRAP_MAX lines */
    int off[WRAP_MAX]; /* end of each line */
} wrap_entry;

static int wrap_lines(view_sdl *d, int font, int w, const char *s, int *off, int *cut)
{
    static wrap_entry cache[128];
    Uint32 h = hash_key(s, font, (Uint32)w);
    wrap_entry *e = &cache[h % 128];
    if (e->h == h && e->w == w && e->n > 0) {
        memcpy(off, e->off, sizeof e->off);
        *cut = e->cut;
        return e->n;
    }
    size_t len = strlen(s), start = 0;
    int n = 0;
    char buf[512];
    while (start < len && n < WRAP_MAX) {
        size_t lo = start, hi = len; /* largest end with width <= w */
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            while (mid < len && ((unsigned char)s[mid] & 0xC0) == 0x80)
                mid++;
            size_t k = mid - start < sizeof buf - 1 ? mid - start : sizeof buf - 1;
            memcpy(buf, s + start, k);
            buf[k] = '\0';
            if (text_w(d, font, buf) <= w) {
                lo = mid;
            } else {
                size_t prev = mid - 1;
                while (prev > start && ((unsigned char)s[prev] & 0xC0) == 0x80)
                    prev--;
                hi = prev;
            }
            if (lo == mid && hi < mid) break;
        }
        size_t end = lo > start ? lo : start + 1;
        if (end < len) { /* the last break opportunity: after a space, or next to a
                            non-ASCII (CJK) character; not inside an ASCII word */
            for (size_t k = end; k > start + 1; k--) {
                unsigned char a = (unsigned char)s[k - 1], b = (unsigned char)s[k];
                if ((b & 0xC0) == 0x80) continue; /* inside a character */
                if (a == ' ' || a >= 0x80 || b >= 0x80) {
                    end = k;
                    break;
                }
            }
        }
        off[n++] = (int)end;
        start = end;
    }
    e->h = h;
    e->w = w;
    e->n = n;
    e->cut = *cut = start < len;
    memcpy(e->off, off, sizeof e->off);
    return n;
}

/* Lines s takes wrapped into w pixels (at most WRAP_MAX). */
static int wrap_count(view_sdl *d, int font, int w, const char *s)
{
    int off[WRAP_MAX] = {0}, cut = 0;
    return s && s[0] ? wrap_lines(d, font, w, s, off, &cut) : 0;
}

/* Draws s wrapped into w pixels, at most max lines of line_h; returns the lines drawn. A
 * text that needs more lines is counted as cut. */
static int text_wrap(view_sdl *d, int font, int x, int y, rgb c, int w, int line_h, int max,
                     const char *s)
{
    int off[WRAP_MAX] = {0}, cut = 0;
    if (!s || !s[0]) return 0;
    int n = wrap_lines(d, font, w, s, off, &cut);
    if (cut || n > max) d->drawn.texts_cut++;
    if (n > max) n = max;
    int start = 0;
    char buf[512];
    for (int i = 0; i < n; i++) {
        size_t k =
            (size_t)(off[i] - start) < sizeof buf - 1 ? (size_t)(off[i] - start) : sizeof buf - 1;
        memcpy(buf, s + start, k);
        buf[k] = '\0';
        text(d, font, x, y + i * line_h, c, w, buf[0] == ' ' ? buf + 1 : buf);
        start = off[i];
    }
    return n;
}

static void fmt_time(int64_t t, char *b, size_t n)
{
    if (hjtime_format(t, b, n) < 0) snprintf(b, n, "?");
}

/* ---- widgets ---- */

/* The screen's key hint in lines of at most w px, broken between its items only (they are
 * separated by two spaces), its last line ending at y_bottom. */
static void draw_hint(view_sdl *d, const view_model *m, int x, int y_bottom, int w)
{
    enum { MAX_LINES = 6 };
    static char lines[MAX_LINES][sizeof m->keys_hint], last[sizeof m->keys_hint];
    static int n = 0, last_w = 0, last_cut = 0;
    if (last_w == w && strcmp(last, m->keys_hint) == 0) { /* measured before */
        d->drawn.texts_cut += last_cut;
        for (int i = 0; i <= n; i++)
            text(d, FONT_S, x, y_bottom - 15 * (n + 1 - i), C_DIM, w, lines[i]);
        return;
    }
    int cut0 = d->drawn.texts_cut;
    n = 0;
    lines[0][0] = '\0';
    for (const char *p = m->keys_hint; *p && n < MAX_LINES;) {
        const char *e = strstr(p, "  ");
        size_t k = e ? (size_t)(e - p) : strlen(p);
        char item[sizeof m->keys_hint], cand[2 * sizeof m->keys_hint];
        snprintf(item, sizeof item, "%.*s", (int)k, p);
        snprintf(cand, sizeof cand, "%s%s%s", lines[n], lines[n][0] ? "  " : "", item);
        if (!lines[n][0] || text_w(d, FONT_S, cand) <= w) {
            cpy(lines[n], sizeof lines[n], cand);
        } else if (++n < MAX_LINES) {
            cpy(lines[n], sizeof lines[n], item);
        }
        if (n < MAX_LINES && text_w(d, FONT_S, item) > w) d->drawn.texts_cut++;
        p = e ? e + 2 : p + k;
    }
    if (n == MAX_LINES) {
        d->drawn.texts_cut++;
        n--;
    }
    cpy(last, sizeof last, m->keys_hint);
    last_w = w;
    last_cut = d->drawn.texts_cut - cut0;
    for (int i = 0; i <= n; i++)
        text(d, FONT_S, x, y_bottom - 15 * (n + 1 - i), C_DIM, w, lines[i]);
}

static void draw_button(view_sdl *d, const view_model *m, const view_button *b)
{
    int field = b->action == VIEW_A_F_FIELD;
    rgb bg = field ? (rgb){16, 20, 28, 255} : (b->on ? C_ACCENT : C_PANEL2);
    fill(d, b->r.x, b->r.y, b->r.w, b->r.h, bg);
    frame(d, b->r.x, b->r.y, b->r.w, b->r.h, b->on ? C_TEXT : C_GRID);
    if (b->action == VIEW_A_STATION) {
        const view_station *s = &m->st[b->arg];
        rgb dot = s->has_data ? LEVEL_COL[s->level < 0 ? 0 : s->level > 2 ? 2 : s->level] : C_DIM;
        disc(d, b->r.x + 16, b->r.y + b->r.h / 2, 9, dot);
        text(d, FONT_M, b->r.x + 32, b->r.y + 2, C_TEXT, b->r.w - 36, s->mn);
        text(d, FONT_S, b->r.x + 32, b->r.y + 22, b->on ? C_TEXT : C_DIM, b->r.w - 36, s->name);
        return;
    }
    int font = b->r.h >= 32 ? FONT_M : FONT_S;
    int h = TTF_FontHeight(d->font[font]);
    if (field) {
        int w = text(d, font, b->r.x + 8, b->r.y + (b->r.h - h) / 2, C_TEXT, b->r.w - 16, b->label);
        if (b->on) fill(d, b->r.x + 10 + w, b->r.y + 6, 2, b->r.h - 12, C_TEXT);
        return;
    }
    int w = text_w(d, font, b->label);
    int x = b->r.x + (b->r.w - w) / 2;
    if (x < b->r.x + 4) x = b->r.x + 4;
    text(d, font, x, b->r.y + (b->r.h - h) / 2, C_TEXT, b->r.w - 8, b->label);
}

static void panel(view_sdl *d, int x, int y, int w, int h, const char *title)
{
    fill(d, x, y, w, h, C_PANEL);
    frame(d, x, y, w, h, C_GRID);
    if (title) text(d, FONT_M, x + 10, y + 6, C_TEXT, w - 20, title);
}

/* ---- platform screen ---- */

/* Colours and legend names of the series (view.h VIEW_S_*). */
/* A measured gas value is drawn grey-blue beside its converted one in colour. */
static const rgb SERIES_COL[VIEW_S__COUNT] = {
    [VIEW_S_COD] = {250, 150, 60, 255},   [VIEW_S_NH3N] = {120, 200, 250, 255},
    [VIEW_S_TP] = {236, 190, 48, 255},    [VIEW_S_FLOW] = {110, 220, 170, 255},
    [VIEW_S_COND] = {200, 140, 250, 255}, [VIEW_S_PH] = {240, 120, 180, 255},
    [VIEW_S_SO2] = {150, 162, 186, 255},  [VIEW_S_SO2_ZS] = {250, 150, 60, 255},
    [VIEW_S_NOX] = {150, 162, 186, 255},  [VIEW_S_NOX_ZS] = {120, 200, 250, 255},
    [VIEW_S_PM] = {150, 162, 186, 255},   [VIEW_S_PM_ZS] = {236, 190, 48, 255},
    [VIEW_S_NMHC] = {150, 162, 186, 255}, [VIEW_S_NMHC_ZS] = {200, 140, 250, 255},
    [VIEW_S_O2] = {240, 120, 180, 255},   [VIEW_S_GFLOW] = {110, 220, 170, 255}};
static const i18n_msg SERIES_NAME[VIEW_S__COUNT] = {
    [VIEW_S_COD] = MSG_VW_S_COD,   [VIEW_S_NH3N] = MSG_VW_S_NH3N,
    [VIEW_S_TP] = MSG_VW_S_TP,     [VIEW_S_FLOW] = MSG_VW_S_FLOW,
    [VIEW_S_COND] = MSG_VW_S_COND, [VIEW_S_PH] = MSG_VW_S_PH,
    [VIEW_S_SO2] = MSG_VW_S_MEAS,  [VIEW_S_SO2_ZS] = MSG_VW_S_CONV,
    [VIEW_S_NOX] = MSG_VW_S_MEAS,  [VIEW_S_NOX_ZS] = MSG_VW_S_CONV,
    [VIEW_S_PM] = MSG_VW_S_MEAS,   [VIEW_S_PM_ZS] = MSG_VW_S_CONV,
    [VIEW_S_NMHC] = MSG_VW_S_MEAS, [VIEW_S_NMHC_ZS] = MSG_VW_S_CONV,
    [VIEW_S_O2] = MSG_VW_S_O2,     [VIEW_S_GFLOW] = MSG_VW_S_FLOW};

/* A tick value with the decimals its step needs. */
static void fmt_tick(double v, double step, char *b, size_t n)
{
    int dec = 0;
    while (dec < 4 && fabs(step * pow(10, dec) - round(step * pow(10, dec))) > 1e-6)
        dec++;
    snprintf(b, n, "%.*f", dec, v);
}

static void chart_series(view_sdl *d, const view_model *m, const view_chart *c, int side)
{
    int s = c->s[side], lb = -1, lx = 0, ly = 0;
    for (int b = 0; b < VIEW_BINS; b++) {
        float val = m->series[s][b];
        if (isnan(val)) continue;
        int x = view_chart_x(c, b), y = view_chart_y(c, side, val);
        if (lb >= 0 && b - lb <= VIEW_JOIN_BINS)
            thick_line(d, lx, ly, x, y, 2, SERIES_COL[s]);
        else
            fill(d, x - 1, y - 1, 2, 2, SERIES_COL[s]);
        lb = b;
        lx = x;
        ly = y;
    }
}

/* One chart of the platform screen (layout: the model's charts): grid and 1-2-5 ticks on
 * the left axis (and the right one for a second series), limits dashed red with their
 * label where no line passes, the series, now, and a legend when there are two series. */
static void chart(view_sdl *d, const view *v, int which)
{
    const view_model *m = view_get_model(v);
    const view_chart *c = &m->charts[which];
    const view_rect *p = &c->plot;
    const int dual = c->s[1] >= 0;
    char b[160];
    if (c->s[0] < 0) return; /* no chart there (a VOCs station's) */
    panel(d, c->r.x, c->r.y, c->r.w, c->r.h, view_tr(v, (i18n_msg)c->title));
    for (int g = 0; g <= c->ax[0].ndiv; g++) {
        int gy = view_chart_y(c, 0, g * c->ax[0].step);
        line(d, p->x, gy, p->x + p->w, gy, C_GRID);
        for (int k = 0; k < 1 + (dual && !c->shared); k++) {
            fmt_tick(g * c->ax[k].step, c->ax[k].step, b, sizeof b);
            rgb tc = dual && !c->shared ? SERIES_COL[c->s[k]] : C_DIM;
            if (k == 0)
                text(d, FONT_S, p->x - 6 - text_w(d, FONT_S, b), gy - 8, tc, 0, b);
            else
                text(d, FONT_S, p->x + p->w + 6, gy - 8, tc, 0, b);
        }
    }
    for (int g = 0; g <= 4; g++) {
        int gx = p->x + p->w * g / 4;
        line(d, gx, p->y, gx, p->y + p->h, C_GRID);
        fmt_time(m->t0 + (m->t_end - m->t0) * g / 4, b, sizeof b);
        b[16] = '\0'; /* "YYYY-MM-DD HH:MM" */
        int tw = text_w(d, FONT_S, b + 5);
        text(d, FONT_S, gx - (g == 4 ? tw : g ? tw / 2 : 0), p->y + p->h + 4, C_DIM, 0, b + 5);
    }
    for (int k = 0; k < 1 + dual; k++) /* limit lines under the data */
        if (c->limit[k] > 0) {
            int ly = view_chart_y(c, k, c->limit[k]);
            dashed(d, p->x, ly, p->x + p->w, ly, C_RED);
        }
    for (int k = 0; k < 1 + dual; k++)
        chart_series(d, m, c, k);
    if (m->t_end > m->t0) { /* now */
        int nx = p->x + (int)((double)(m->now - m->t0) / (double)(m->t_end - m->t0) * p->w);
        line(d, nx, p->y, nx, p->y + p->h, alpha(C_TEXT, 120));
    }
    for (int k = 0; k < 1 + dual; k++) /* limit labels, where the lines are not */
        if (c->limit[k] > 0) {
            char num[32];
            fmt_tick(c->limit[k], c->limit[k], num, sizeof num);
            if (dual)
                snprintf(b, sizeof b, "%s %s %s", view_tr(v, SERIES_NAME[c->s[k]]),
                         view_tr(v, MSG_VW_LIMIT), num);
            else
                snprintf(b, sizeof b, "%s %s", view_tr(v, MSG_VW_LIMIT), num);
            int ly = view_chart_y(c, k, c->limit[k]);
            view_rect r = view_label_spot(m, c, ly, text_w(d, FONT_S, b) + 8, 17);
            fill(d, r.x, r.y, r.w, r.h, C_PANEL);
            text(d, FONT_S, r.x + 4, r.y, C_RED, 0, b);
        }
    if (!dual) return;
    int lx = c->r.x + c->r.w - 12; /* legend, right-aligned in the title row */
    for (int k = 1; k >= 0; k--) {
        if (c->shared)
            snprintf(b, sizeof b, "%s", view_tr(v, SERIES_NAME[c->s[k]]));
        else
            snprintf(b, sizeof b, "%s (%s)", view_tr(v, SERIES_NAME[c->s[k]]),
                     view_tr(v, k ? MSG_VW_AXIS_RIGHT : MSG_VW_AXIS_LEFT));
        lx -= text_w(d, FONT_S, b);
        text(d, FONT_S, lx, c->r.y + 8, C_TEXT, 0, b);
        lx -= 26;
        fill(d, lx, c->r.y + 15, 20, 3, SERIES_COL[c->s[k]]);
        lx -= 18;
    }
}

static void draw_platform(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    char b[256];
    panel(d, 4, 50, 306, 840, view_tr(v, MSG_VW_STATIONS));
    const view_station *sel = &m->st[m->selected];
    for (int i = 0; i < VIEW_C__COUNT; i++)
        chart(d, v, i);
    snprintf(b, sizeof b, "%s  %s", sel->mn, sel->name);
    int nx = 336 + text_w(d, FONT_M, view_tr(v, (i18n_msg)m->charts[0].title)) + 24;
    text(d, FONT_S, nx > 600 ? nx : 600, 56, C_DIM, 1176 - 210 - (nx > 600 ? nx : 600), b);
    const view_rect *pp = &m->packets_panel;
    snprintf(b, sizeof b, "%s (%ld)", view_tr(v, MSG_VW_PACKETS), m->packets_total);
    panel(d, pp->x, pp->y, pp->w, pp->h, b);
    for (int i = 0; i < m->npackets; i++)
        text(d, FONT_S, pp->x + 8, pp->y + 28 + i * 14, C_GREEN, pp->w - 16, m->packets[i]);
    if (m->npackets == 0)
        text(d, FONT_S, pp->x + 8, pp->y + 30, C_DIM, 0, view_tr(v, MSG_VW_NO_DATA));

    /* alerts, newest first, each with every evidence line; the panel scrolls */
    const view_rect ap = m->alerts_panel;
    int ah = ap.h;
    panel(d, ap.x, ap.y, ap.w, ap.h, view_tr(v, MSG_VW_ALERTS));
    int y = ap.y + 30, bottom = ap.y + ap.h - 22;
    int drawn_any = 0, ia = m->nalerts - 1 - m->alert_scroll;
    if (m->alert_scroll > 0) {
        snprintf(b, sizeof b, "▲ %d %s", m->alert_scroll, view_tr(v, MSG_VW_NEWER));
        text(d, FONT_S, ap.x + 12, y, C_DIM, ap.w - 24, b);
        y += 18;
    }
    for (; ia >= 0; ia--) {
        const view_alert *a = &m->alerts[ia];
        const int ew = ap.w - 40;
        int need = 20 + 16 + 6;
        for (int k = 0; k < a->nevidence; k++)
            need += 16 * wrap_count(d, FONT_S, ew, a->evidence[k]);
        if (drawn_any && y + need > bottom) break; /* the rest: below, PgDn */
        char t1[32], t2[32], t3[32], t4[32];
        fmt_time(a->first, t1, sizeof t1);
        fmt_time(a->start, t2, sizeof t2);
        fmt_time(a->end, t3, sizeof t3);
        fmt_time(a->time, t4, sizeof t4);
        disc(d, ap.x + 14, y + 9, 6, LEVEL_COL[a->level < 0 ? 0 : a->level > 2 ? 2 : a->level]);
        snprintf(b, sizeof b, "%s %.5s  %s", a->id, t1 + 11, view_type_label(v, a->type));
        text(d, FONT_M, ap.x + 26, y, C_TEXT, ap.w - 36, b);
        y += 20;
        if (a->time != a->first)
            snprintf(b, sizeof b, "%s  %.11s .. %.5s  %s %.5s", a->mn, t2 + 5, t3 + 11,
                     view_tr(v, MSG_VW_UPDATED), t4 + 11);
        else
            snprintf(b, sizeof b, "%s  %.11s .. %.5s", a->mn, t2 + 5, t3 + 11);
        text(d, FONT_S, ap.x + 26, y, C_DIM, ap.w - 36, b);
        y += 16;
        int whole = 1;
        for (int k = 0; k < a->nevidence; k++) {
            int want = wrap_count(d, FONT_S, ew, a->evidence[k]);
            int room = (bottom - y) / 16;
            if (room < 1) { /* one alert taller than the panel: what fits */
                d->drawn.texts_cut++;
                whole = 0;
                break;
            }
            int got = text_wrap(d, FONT_S, ap.x + 32, y, C_YELLOW, ew, 16, room, a->evidence[k]);
            y += 16 * got;
            if (got == want) d->drawn.evidence++;
        }
        d->drawn.evidence_total += a->nevidence;
        d->drawn.alerts += whole;
        drawn_any = 1;
        y += 6;
    }
    if (ia >= 0) {
        snprintf(b, sizeof b, "▼ %d %s", ia + 1, view_tr(v, MSG_VW_OLDER));
        text(d, FONT_S, ap.x + 12, ap.y + ap.h - 20, C_DIM, ap.w - 24, b);
    }
    if (m->nalerts == 0) text(d, FONT_S, ap.x + 12, y, C_DIM, 0, view_tr(v, MSG_VW_NO_ALERTS));

    int fy = 50 + ah + 4;
    int fh = m->role == VIEW_INSTRUCTOR ? 140 : 900 - fy - 10;
    panel(d, 1182, fy, 414, fh, view_tr(v, MSG_VW_FINDINGS));
    y = fy + 28;
    for (int i = m->nfindings - 1; i >= 0 && y < fy + fh - 18; i--) {
        const view_finding *f = &m->findings[i];
        char t2[32], t3[32];
        fmt_time(f->start, t2, sizeof t2);
        fmt_time(f->end, t3, sizeof t3);
        snprintf(b, sizeof b, "%s %s %s %s..%s", f->id, f->mn + 8, view_type_label(v, f->type),
                 t2 + 5, t3 + 11);
        text(d, FONT_S, 1192, y, C_TEXT, 396, b);
        y += 16;
    }
    if (m->role == VIEW_INSTRUCTOR) {
        int ty = fy + fh + 4;
        panel(d, 1182, ty, 414, 900 - ty - 10, view_tr(v, MSG_VW_TRUTH));
        y = ty + 28;
        for (int i = 0; i < m->ntruth && y < 880; i++) {
            const view_truth *t = &m->truth[i];
            char t2[32], t3[32], t4[48];
            fmt_time(t->start, t2, sizeof t2);
            fmt_time(t->end, t3, sizeof t3);
            if (t->open) /* no end yet */
                snprintf(t4, sizeof t4, "(%s)", view_tr(v, MSG_VW_ACTIVE));
            else if (strncmp(t2, t3, 10) != 0) /* another day: with its date */
                snprintf(t4, sizeof t4, "%.11s", t3 + 5);
            else
                snprintf(t4, sizeof t4, "%.5s", t3 + 11);
            snprintf(b, sizeof b, "%s%s %s %.11s .. %s", t->active ? "* " : "",
                     view_type_label(v, t->type), t->mn + 8, t2 + 5, t4);
            text(d, FONT_S, 1192, y, t->active ? C_RED : C_TEXT, 396, b);
            y += 16;
        }
    }
    draw_hint(d, m, 12, 864, 290);
    text(d, FONT_S, 12, 866, C_YELLOW, 290, m->status);
}

/* ---- station room ---- */

static void person(view_sdl *d, int x, int y, rgb c)
{
    disc(d, x, y - 22, 7, c);
    fill(d, x - 6, y - 14, 12, 20, c);
    thick_line(d, x - 4, y + 6, x - 6, y + 20, 3, c);
    thick_line(d, x + 4, y + 6, x + 6, y + 20, 3, c);
}

static rgb water_rgb(double colour)
{
    if (colour < 0) colour = 0;
    if (colour > 1) colour = 1;
    return (rgb){(Uint8)(60 + 110 * colour), (Uint8)(120 + 10 * colour),
                 (Uint8)(200 - 150 * colour), 255};
}

/* Camera at (x, y), preset direction deg (0 = +x, clockwise on screen), field of view. */
static void camera_cone(view_sdl *d, const view *v, int x, int y, double preset_deg,
                        const view_camera *c, const char *label, int lx, int ly)
{
    const double fov = 60, len = 230;
    double a0 = preset_deg * M_PI / 180.0, h = fov / 2 * M_PI / 180.0;
    dashed(d, x, y, x + (int)(len * cos(a0 - h)), y + (int)(len * sin(a0 - h)), C_DIM);
    dashed(d, x, y, x + (int)(len * cos(a0 + h)), y + (int)(len * sin(a0 + h)), C_DIM);
    if (c->fitted && c->powered && !c->video_loss) {
        double a = (preset_deg + c->pan_dev) * M_PI / 180.0;
        rgb cc = c->covered ? (rgb){90, 90, 90, 110} : (rgb){250, 230, 120, 70};
        if (fabs(c->pan_dev) > 1) cc = c->covered ? cc : (rgb){250, 90, 80, 80};
        triangle(d, x, y, x + len * cos(a - h), y + len * sin(a - h), x + len * cos(a + h),
                 y + len * sin(a + h), cc);
    }
    fill(d, x - 10, y - 8, 20, 16, c->powered ? C_TEXT : C_RED);
    char b[256];
    if (!c->fitted) return;
    if (!c->powered || c->video_loss)
        snprintf(b, sizeof b, "%s: %s", label, view_tr(v, MSG_VW_NO_SIGNAL));
    else if (c->covered)
        snprintf(b, sizeof b, "%s: %s", label, view_tr(v, MSG_VW_COVERED));
    else if (fabs(c->pan_dev) > 1)
        snprintf(b, sizeof b, "%s: %s %.0f°", label, view_tr(v, MSG_VW_OFF_PRESET), c->pan_dev);
    else
        snprintf(b, sizeof b, "%s: %s", label, view_tr(v, MSG_VW_ON_PRESET));
    text(d, FONT_S, lx, ly, fabs(c->pan_dev) > 1 || c->covered || !c->powered ? C_RED : C_DIM, 0,
         b);
}

/* ---- CEMS room (a gas or VOCs station) ---- */

/* A temperature's colour: hot red-orange down to cold blue. */
static rgb temp_rgb(double t_c)
{
    double f = t_c / 180.0;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    return (rgb){(Uint8)(70 + 180 * f), (Uint8)(120 - 40 * f), (Uint8)(230 - 190 * f), 255};
}

static int line_in_band(double t_c)
{
    return t_c >= 120 && t_c <= 180; /* the heated line's band (i33001) */
}

static const char *const GAN_NAME[VIEW_GAN__COUNT] = {"SO2", "NOx", "O2",    "CO",
                                                      "CO2", "PM",  "GC-FID"};

static void gan_reading(const view_gan *a, int k, char *b, size_t n)
{
    switch (k) {
    case VIEW_GAN_NOX:
        snprintf(b, n, "NO %.1f  NO2 %.1f  NOx %.1f", a->value[0], a->value[1], a->value[2]);
        break;
    case VIEW_GAN_O2:
    case VIEW_GAN_CO2:
        snprintf(b, n, "%.2f %%", a->value[0]);
        break;
    case VIEW_GAN_GC:
        snprintf(b, n, "NMHC %.2f  THC %.2f  CH4 %.2f", a->value[0], a->value[1], a->value[2]);
        break;
    default:
        snprintf(b, n, "%.2f mg/m3", a->value[0]);
    }
}

/* One instrument's front panel in the cabinet (or on the stack): name, reading, flag; its
 * colour tells its state (green measuring, blue check, yellow maintenance, red fault). */
static void gan_module(view_sdl *d, const view *v, int x, int y, int w, int k)
{
    const view_model *m = view_get_model(v);
    const view_gan *a = &m->gas.an[k];
    static const rgb STATE_COL[4] = {
        {30, 90, 60, 255}, {40, 70, 140, 255}, {120, 100, 30, 255}, {140, 40, 40, 255}};
    int sel = m->panel == VIEW_PANEL_GAS_ANALYZER && m->panel_arg == k;
    char b[160];
    fill(d, x, y, w, 52, sel ? C_ACCENT : C_PANEL2);
    frame(d, x, y, w, 52, C_TEXT);
    if (w < 200) { /* on the stack: the name over the display */
        snprintf(b, sizeof b, "%s  %c  %d", GAN_NAME[k], a->flag ? a->flag : 'N', k + 1);
        text(d, FONT_S, x + 6, y + 3, C_TEXT, w - 12, b);
        fill(d, x + 6, y + 21, w - 12, 26, STATE_COL[a->busy < 0 || a->busy > 3 ? 3 : a->busy]);
        gan_reading(a, k, b, sizeof b);
        text(d, FONT_S, x + 10, y + 25, (rgb){150, 240, 190, 255}, w - 20, b);
        return;
    }
    fill(d, x + 96, y + 6, w - 104, 40, STATE_COL[a->busy < 0 || a->busy > 3 ? 3 : a->busy]);
    text(d, FONT_M, x + 8, y + 6, C_TEXT, 86, GAN_NAME[k]);
    snprintf(b, sizeof b, "%c  %d", a->flag ? a->flag : 'N', k + 1);
    text(d, FONT_S, x + 8, y + 30, C_DIM, 86, b);
    gan_reading(a, k, b, sizeof b);
    text(d, FONT_S, x + 102, y + 8, (rgb){150, 240, 190, 255}, w - 112, b);
    static const i18n_msg BUSY[4] = {MSG_VW_AS_MEASURING, MSG_VW_AS_CHECK, MSG_VW_AS_MAINT,
                                     MSG_VW_AS_FAULT};
    text(d, FONT_S, x + 102, y + 26, C_TEXT, w - 112,
         view_tr(v, BUSY[a->busy < 0 || a->busy > 3 ? 3 : a->busy]));
    if (k == VIEW_GAN_GC && m->gas.gc_cycle_s > 0) { /* where the GC is in its cycle */
        int bw = 90;
        fill(d, x + w - bw - 10, y + 30, bw, 8, C_GRID);
        fill(d, x + w - bw - 10, y + 30, (int)(bw * m->gas.gc_cycle_pos), 8, C_GREEN);
    }
}

/* The stack with its flue probes, the particulate monitor, the in-situ O2 probe, the
 * sampling probe and the bypass damper. */
static void draw_stack(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    const view_cems *g = &m->gas;
    char b[200];
    const int sx = 170, sw = 110, top = 80, bot = 800;
    fill(d, sx, top, sw, bot - top, (rgb){88, 92, 100, 255});
    frame(d, sx, top, sw, bot - top, C_WALL);
    for (int y = bot - 60; y > top + 40; y -= 110) /* the flue gas going up */
        triangle(d, sx + sw / 2 - 12, y, sx + sw / 2 + 12, y, sx + sw / 2, y - 22,
                 alpha(C_TEXT, g->running ? 140 : 40));
    text(d, FONT_M, sx + 20, top + 8, C_TEXT, sw - 24, view_tr(v, MSG_VW_STACK));
    snprintf(b, sizeof b, "%s · %s %.0f %%",
             view_tr(v, g->running ? MSG_VW_PLANT_RUNNING : MSG_VW_PLANT_STOPPED),
             view_tr(v, MSG_VW_LOAD), 100 * g->load);
    text(d, FONT_S, 14, bot + 52, g->running ? C_GREEN : C_YELLOW, 400, b);
    /* flue probes (pitot, thermocouple, pressure, humidity) on the left */
    fill(d, sx - 40, 170, 40, 12, C_WALL);
    text(d, FONT_S, 14, 130, C_TEXT, 150, view_tr(v, MSG_VW_FLUE_PROBES));
    snprintf(b, sizeof b, "%s %.1f m/s", view_tr(v, MSG_VW_VELOCITY), g->velocity);
    text(d, FONT_S, 14, 190, C_DIM, 150, b);
    snprintf(b, sizeof b, "%s %.0f °C", view_tr(v, MSG_VW_TEMPERATURE), g->flue_t);
    text(d, FONT_S, 14, 206, C_DIM, 150, b);
    snprintf(b, sizeof b, "%s %.2f kPa", view_tr(v, MSG_VW_PRESSURE), g->flue_ps);
    text(d, FONT_S, 14, 222, C_DIM, 150, b);
    snprintf(b, sizeof b, "%s %.1f %%", view_tr(v, MSG_VW_HUMIDITY), g->flue_h2o);
    text(d, FONT_S, 14, 238, C_DIM, 150, b);
    snprintf(b, sizeof b, "Qsn %.0f m3/h", g->qsn);
    text(d, FONT_S, 14, 254, C_DIM, 150, b);
    /* the particulate monitor and the in-situ O2 probe, on the stack */
    int y = 290;
    if (g->an[VIEW_GAN_PM].fitted) {
        gan_module(d, v, 10, y, 156, VIEW_GAN_PM);
        fill(d, 166, y + 22, sx - 166, 8, C_WALL);
        y += 62;
    }
    if (g->an[VIEW_GAN_O2].fitted && g->o2_insitu) {
        gan_module(d, v, 10, y, 156, VIEW_GAN_O2);
        fill(d, 166, y + 22, sx - 166, 8, C_WALL);
    }
    /* the sampling probe on the right, its filter and blowback */
    const int py = 420;
    rgb pc = temp_rgb(g->probe_c);
    fill(d, sx + sw - 50, py, 100, 26, pc);
    frame(d, sx + sw - 50, py, 100, 26, C_TEXT);
    if (g->smpl_state == SAMPLING_BLOWBACK)
        for (int k = 0; k < 3; k++)
            triangle(d, sx + sw - 56 - k * 18, py + 2, sx + sw - 56 - k * 18, py + 24,
                     sx + sw - 72 - k * 18, py + 13, C_YELLOW);
    text(d, FONT_S, sx + sw + 10, py - 52, C_TEXT, 200, view_tr(v, MSG_VW_PROBE));
    snprintf(b, sizeof b, "%.0f °C (%s %.0f)  %s %u", g->probe_c, view_tr(v, MSG_VW_SET),
             g->probe_set, view_tr(v, MSG_VW_BLOWBACKS), g->blowbacks);
    text(d, FONT_S, sx + sw + 10, py - 34, C_DIM, 205, b);
    if (m->gas.probe_done) {
        char t1[32];
        fmt_time(g->probe_at, t1, sizeof t1);
        int leak = g->leak_found > 0.01;
        if (leak)
            snprintf(b, sizeof b, "%s: %.0f %% (%.5s)", view_tr(v, MSG_VW_LEAK_FOUND),
                     100 * g->leak_found, t1 + 11);
        else
            snprintf(b, sizeof b, "%s (%.5s)", view_tr(v, MSG_VW_NO_LEAK), t1 + 11);
        int n = text_wrap(d, FONT_S, sx + sw + 10, py + 36, leak ? C_RED : C_GREEN, 205, 16, 3, b);
        snprintf(b, sizeof b, "%s %s %.0f %%", view_tr(v, MSG_VW_FILTER),
                 view_tr(v, MSG_VW_CLOGGED), 100 * g->clog_found);
        text(d, FONT_S, sx + sw + 10, py + 36 + 16 * n, g->clog_found > 0.6 ? C_RED : C_GREEN, 205,
             b);
    }
    /* the bypass flue and its damper, at the foot of the stack */
    if (!g->damper) return;
    const int dy = 700;
    fill(d, 10, dy, sx - 10, 50, (rgb){70, 74, 82, 255});
    frame(d, 10, dy, sx - 10, 50, C_WALL);
    double a = g->damper_pos * M_PI / 2; /* the blade: across the duct closed, along it open */
    int cx = 90, cy = dy + 25, ex = (int)(22 * sin(a)), ey = (int)(22 * cos(a));
    thick_line(d, cx - ex, cy - ey, cx + ex, cy + ey, 4, g->damper_pos > 0.02 ? C_RED : C_GREEN);
    text(d, FONT_S, 14, dy - 56, C_TEXT, 150, view_tr(v, MSG_VW_DAMPER));
    snprintf(b, sizeof b, "%s %.0f %%", view_tr(v, MSG_VW_DAMPER_SIGNAL), 100 * g->damper_signal);
    text(d, FONT_S, 14, dy - 38, g->damper_signal > 0.02 ? C_RED : C_DIM, 150, b);
    snprintf(b, sizeof b, "%s %.0f %%", view_tr(v, MSG_VW_DAMPER_POS), 100 * g->damper_pos);
    text(d, FONT_S, 14, dy - 21, g->damper_pos > 0.02 ? C_RED : C_DIM, 150, b);
}

/* The heated line from the probe up to the shelter and the chiller's box. */
static void draw_line_chiller(view_sdl *d, const view *v, int rx, int ry)
{
    const view_model *m = view_get_model(v);
    const view_cems *g = &m->gas;
    char b[200];
    rgb lc = temp_rgb(g->line_c);
    const int x0 = 330, y0 = 433, lx = 470, ly = ry + 130;
    thick_line(d, x0, y0, lx, y0, 6, lc);
    thick_line(d, lx, y0, lx, ly, 6, lc);
    thick_line(d, lx, ly, rx, ly, 6, lc);
    int ok = line_in_band(g->line_c);
    snprintf(b, sizeof b, "%s %.0f °C (%s %.0f) i33001", view_tr(v, MSG_VW_HEATED_LINE), g->line_c,
             view_tr(v, MSG_VW_SET), g->line_set);
    text_wrap(d, FONT_S, 292, ry + 40, ok ? C_TEXT : C_RED, 170, 16, 3, b);
    /* the chiller */
    const int cx = rx + 350, cy = ry + 40;
    fill(d, cx, cy, 170, 110, C_PANEL2);
    frame(d, cx, cy, 170, 110, C_TEXT);
    fill(d, cx + 10, cy + 34, 150, 30, temp_rgb(g->chiller_c * 10));
    text(d, FONT_S, cx + 8, cy + 8, C_TEXT, 154, view_tr(v, MSG_VW_CHILLER));
    snprintf(b, sizeof b, "%.1f °C (%s %.0f) i33002", g->chiller_c, view_tr(v, MSG_VW_SET),
             g->chiller_set);
    text(d, FONT_S, cx + 14, cy + 40, g->chiller_c > 6 ? C_RED : C_TEXT, 144, b);
    snprintf(b, sizeof b, "%s %.1f L/min", view_tr(v, MSG_VW_SAMPLE_FLOW), g->sample_lpm);
    text(d, FONT_S, cx + 8, cy + 72, C_DIM, 158, b);
    static const i18n_msg SS[6] = {MSG_VW_SS_SAMPLING, MSG_VW_BLOWBACK,   MSG_VW_SS_RECOVERY,
                                   MSG_VW_AS_MAINT,    MSG_VW_SS_STOPPED, MSG_VW_AS_FAULT};
    int st = g->smpl_state < 0 || g->smpl_state > 5 ? 5 : g->smpl_state;
    text(d, FONT_S, cx + 8, cy + 88, st ? C_YELLOW : C_GREEN, 118, view_tr(v, SS[st]));
    thick_line(d, rx, ly, rx + 340, ly, 3, C_DIM); /* the line into the chiller, to the cabinet */
    thick_line(d, rx + 340, ly, cx, ly, 3, C_DIM);
    if (g->line_done) {
        char t1[32];
        fmt_time(g->line_at, t1, sizeof t1);
        int bad = !line_in_band(g->line_c_found) || g->chiller_c_found > 6;
        snprintf(b, sizeof b, "%s %.0f °C, %s %.0f °C, %s %.1f °C — %s (%.5s)",
                 view_tr(v, MSG_VW_LINE_FOUND), g->line_c_found, view_tr(v, MSG_VW_PROBE),
                 g->probe_c_found, view_tr(v, MSG_VW_CHILLER), g->chiller_c_found,
                 view_tr(v, bad ? MSG_VW_BAND_BAD : MSG_VW_BAND_OK), t1 + 11);
        text_wrap(d, FONT_S, 292, 540, bad ? C_RED : C_GREEN, 200, 16, 5, b);
    }
}

/* The cylinders standing in the shelter: the zero gas and a span cylinder per component,
 * each with its label; red once an inspection found its content off its label. */
static void draw_cylinders(view_sdl *d, const view *v, int x, int y)
{
    const view_model *m = view_get_model(v);
    char b[64];
    text(d, FONT_S, x, y, C_TEXT, 300, view_tr(v, MSG_VW_CYLINDERS));
    int cx = x;
    y += 12;
    fill(d, cx, y + 24, 34, 130, (rgb){60, 110, 70, 255}); /* zero gas: N2 */
    disc(d, cx + 17, y + 24, 12, (rgb){60, 110, 70, 255});
    text(d, FONT_S, cx + 4, y + 160, C_DIM, 40, "N2");
    cx += 44;
    for (int k = 0; k < VIEW_GAN__COUNT && cx < x + 300; k++) {
        const view_gan *a = &m->gas.an[k];
        if (!a->fitted || k == VIEW_GAN_PM) continue;
        int ncomp = k == VIEW_GAN_NOX || k == VIEW_GAN_GC ? 2 : 1;
        for (int c = 0; c < ncomp && cx < x + 300; c++, cx += 44) {
            rgb col = a->cyl_bad[c] ? C_RED : (rgb){170, 176, 190, 255};
            fill(d, cx, y + 24, 34, 130, col);
            disc(d, cx + 17, y + 24, 12, col);
            fill(d, cx + 3, y + 70, 28, 34, (rgb){240, 240, 230, 255}); /* the label */
            static const char *const COMP[VIEW_GAN__COUNT][2] = {
                {"SO2", ""}, {"NO", "NO2"}, {"O2", ""},    {"CO", ""},
                {"CO2", ""}, {"", ""},      {"THC", "CH4"}};
            text(d, FONT_S, cx + 4, y + 72, (rgb){20, 20, 20, 255}, 26, COMP[k][c]);
            snprintf(b, sizeof b, "%.0f", a->span_label[c]);
            text(d, FONT_S, cx + 4, y + 87, (rgb){20, 20, 20, 255}, 26, b);
        }
    }
    if (m->gas.cyl_done) {
        int bad = 0;
        for (int k = 0; k < VIEW_GAN__COUNT; k++)
            bad += m->gas.an[k].cyl_bad[0] + m->gas.an[k].cyl_bad[1];
        text(d, FONT_S, x, y + 178, bad ? C_RED : C_GREEN, 300,
             view_tr(v, bad ? MSG_VW_CYL_DIFFERS : MSG_VW_CYL_OK));
    }
}

/* The facility current meters: a bar per facility (current against its rating). */
static void draw_meters(view_sdl *d, const view *v, int x, int y, int w)
{
    const view_model *m = view_get_model(v);
    const view_cems *g = &m->gas;
    static const i18n_msg FAC[5] = {MSG_VW_FAC_FAN, MSG_VW_FAC_FGD, MSG_VW_FAC_SCR, MSG_VW_FAC_BAG,
                                    MSG_VW_FAC_RTO};
    char b[160];
    panel(d, x, y, w, 44 + 30 * (g->nmeters ? g->nmeters : 1), view_tr(v, MSG_VW_FACILITIES));
    for (int i = 0; i < g->nmeters; i++) {
        int yy = y + 34 + i * 30, f = g->meter_fac[i];
        const char *name = f >= 0 && f < 5 ? view_tr(v, FAC[f]) : g->meter_name[i];
        text(d, FONT_S, x + 10, yy, C_TEXT, 130, name);
        double frac = g->meter_nominal[i] > 0 ? g->meter_a[i] / g->meter_nominal[i] : 0;
        if (frac > 1.2) frac = 1.2;
        if (frac < 0) frac = 0;
        int bw = w - 330;
        fill(d, x + 150, yy + 2, bw, 14, C_GRID);
        fill(d, x + 150, yy + 2, (int)(bw * frac / 1.2), 14, frac > 0.05 ? C_GREEN : C_RED);
        if (f == STACK_RTO) /* its chamber: full efficiency from 760 degC */
            snprintf(b, sizeof b, "%.1f A / %.0f A  %.0f °C", g->meter_a[i], g->meter_nominal[i],
                     g->rto_c);
        else
            snprintf(b, sizeof b, "%.1f A / %.0f A", g->meter_a[i], g->meter_nominal[i]);
        text(d, FONT_S, x + 160 + bw, yy, C_DIM, 160, b);
    }
}

static void draw_cems(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    const view_station *sel = &m->st[m->selected];
    const view_cems *g = &m->gas;
    char b[256];
    snprintf(b, sizeof b, "%s  %s  %s", view_tr(v, MSG_VW_CEMS_ROOM), sel->mn, sel->name);
    panel(d, 4, 50, 1172, 840, b);
    draw_stack(d, v);
    /* the shelter */
    const int rx = 500, ry = 100, rw = 660, rh = 500;
    thick_line(d, rx, ry, rx + rw, ry, 6, C_WALL);
    thick_line(d, rx, ry, rx, ry + rh, 6, C_WALL);
    thick_line(d, rx + rw, ry, rx + rw, ry + rh, 6, C_WALL);
    thick_line(d, rx, ry + rh, rx + 480, ry + rh, 6, C_WALL);
    thick_line(d, rx + 560, ry + rh, rx + rw, ry + rh, 6, C_WALL);
    thick_line(d, rx + 480, ry + rh, m->door_open ? rx + 470 : rx + 560,
               m->door_open ? ry + rh + 70 : ry + rh, 4, m->door_open ? C_YELLOW : C_ACCENT);
    text(d, FONT_S, rx + 470, ry + rh + 10, m->door_open ? C_YELLOW : C_DIM, 0,
         view_tr(v, m->door_open ? MSG_VW_DOOR_OPEN : MSG_VW_DOOR_CLOSED));
    camera_cone(d, v, rx + 14, ry + rh - 14, 320, &m->cam[0], view_tr(v, MSG_VW_CAM_STATION),
                rx + 200, ry + rh + 30);
    draw_line_chiller(d, v, rx, ry);
    /* the analyzer cabinet: the extracted gases and the GC-FID */
    const int cx = rx + 20, cy = ry + 40;
    text(d, FONT_S, cx, cy - 24, C_TEXT, 300, view_tr(v, MSG_VW_CABINET));
    int y = cy;
    for (int k = 0; k < VIEW_GAN__COUNT; k++) {
        if (!g->an[k].fitted || k == VIEW_GAN_PM || (k == VIEW_GAN_O2 && g->o2_insitu)) continue;
        gan_module(d, v, cx, y, 310, k);
        y += 58;
    }
    frame(d, cx - 6, cy - 6, 322, y - cy + 6, C_WALL);
    draw_cylinders(d, v, rx + 350, ry + 200);
    for (int i = 0; i < m->people_in_room && i < 6; i++)
        person(d, rx + 380 + i * 40, ry + 470, C_YELLOW);
    draw_meters(d, v, 500, 650, 660);
    /* right column: actions and the panel */
    panel(d, 1182, 50, 414, 840, NULL);
    y = 180;
    for (int i = 0; i < m->npanel_lines && y < 580; i++, y += 17)
        text(d, FONT_S, 1192, y, C_TEXT, 396, m->panel_lines[i]);
    if (m->role == VIEW_INSTRUCTOR)
        text(d, FONT_M, 1190, 570, C_RED, 400, view_tr(v, MSG_VW_STAGE));
    draw_hint(d, m, 1192, 864, 396);
    text(d, FONT_S, 1192, 866, C_YELLOW, 396, m->status);
}

static void draw_room(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    char b[256];
    if (m->st[m->selected].kind != STATION_WATER) { /* a gas or VOCs station */
        draw_cems(d, v);
        return;
    }
    const view_station *sel = &m->st[m->selected];
    snprintf(b, sizeof b, "%s  %s  %s", view_tr(v, MSG_VW_TAB_ROOM), sel->mn, sel->name);
    panel(d, 4, 50, 1172, 840, b);
    /* room walls, door gap at the bottom wall */
    const int rx = 60, ry = 100, rw = 700, rh = 440;
    thick_line(d, rx, ry, rx + rw, ry, 6, C_WALL);
    thick_line(d, rx, ry, rx, ry + rh, 6, C_WALL);
    thick_line(d, rx + rw, ry, rx + rw, ry + rh, 6, C_WALL);
    thick_line(d, rx, ry + rh, rx + 480, ry + rh, 6, C_WALL);
    thick_line(d, rx + 560, ry + rh, rx + rw, ry + rh, 6, C_WALL);
    if (m->door_open)
        thick_line(d, rx + 480, ry + rh, rx + 470, ry + rh + 70, 4, C_YELLOW);
    else
        thick_line(d, rx + 480, ry + rh, rx + 560, ry + rh, 4, C_ACCENT);
    text(d, FONT_S, rx + 470, ry + rh + 10, m->door_open ? C_YELLOW : C_DIM, 0,
         view_tr(v, m->door_open ? MSG_VW_DOOR_OPEN : MSG_VW_DOOR_CLOSED));
    /* cameras: station camera in the top-right corner looking at the rack; outfall camera
     * on its pole looking down the channel. Their fields of view lie on the floor (the
     * water): drawn under the equipment, so that they hide none of it. */
    camera_cone(d, v, rx + rw - 14, ry + 14, 165, &m->cam[0], view_tr(v, MSG_VW_CAM_STATION),
                rx + rw + 12, ry + 6);
    /* analyzers */
    static const char *const pn[4] = {"COD", "NH3-N", "TP", "TN"};
    text(d, FONT_S, rx + 20, ry + 12, C_DIM, 0, view_tr(v, MSG_VW_ANALYZERS));
    for (int p = 0; p < 4; p++) {
        int ax = rx + 20 + p * 100, ay = ry + 32;
        int sel_p = m->panel == VIEW_PANEL_ANALYZER && m->panel_arg == p;
        if (m->analyzer_fitted[p]) {
            fill(d, ax, ay, 86, 90, sel_p ? C_ACCENT : C_PANEL2);
            fill(d, ax + 10, ay + 10, 66, 28, (rgb){30, 80, 60, 255});
            frame(d, ax, ay, 86, 90, C_TEXT);
        } else {
            frame(d, ax, ay, 86, 90, C_GRID);
        }
        text(d, FONT_S, ax + 8, ay + 60, m->analyzer_fitted[p] ? C_TEXT : C_GRID, 76, pn[p]);
    }
    /* sampler */
    fill(d, rx + 440, ry + 32, 110, 90, C_PANEL2);
    frame(d, rx + 440, ry + 32, 110, 90, C_TEXT);
    text(d, FONT_S, rx + 448, ry + 60, C_TEXT, 96, view_tr(v, MSG_VW_SAMPLER));
    /* tap on the left wall */
    fill(d, rx + 6, ry + 300, 30, 14, C_WALL);
    fill(d, rx + 28, ry + 312, 8, 16, C_WALL);
    text(d, FONT_S, rx + 10, ry + 332, C_DIM, 0, view_tr(v, MSG_VW_TAP));
    /* the channel outside */
    const int cy = 680, ch = 90;
    rgb wc = water_rgb(m->water_colour);
    fill(d, 20, cy, 1130, ch, wc);
    thick_line(d, 20, cy, 1150, cy, 3, C_WALL);
    thick_line(d, 20, cy + ch, 1150, cy + ch, 3, C_WALL);
    for (int ax = 80; ax < 1120; ax += 160)
        triangle(d, ax, cy + 38, ax, cy + 52, ax + 20, cy + 45, alpha(C_TEXT, 120));
    snprintf(b, sizeof b, "%s  ->  %s", view_tr(v, MSG_VW_CHANNEL), view_tr(v, MSG_VW_TAB_ROOM));
    text(d, FONT_S, 30, cy + ch + 6, C_DIM, 0, view_tr(v, MSG_VW_CHANNEL));
    text(d, FONT_M, 1040, cy + ch + 6, C_DIM, 0, view_tr(v, MSG_VW_OUTFALL));
    /* the outfall camera's field of view on the water, under the flow meter */
    camera_cone(d, v, 960, 590, 110, &m->cam[1], view_tr(v, MSG_VW_CAM_OUTFALL), 600, 600);
    /* flow meter */
    fill(d, 760, cy - 16, 40, ch + 32, alpha(C_PANEL2, 220));
    frame(d, 760, cy - 16, 40, ch + 32, C_TEXT);
    snprintf(b, sizeof b, "%s %.1f m3/h", view_tr(v, MSG_VW_FLOWMETER), m->flow_m3h);
    text(d, FONT_S, 700, cy - 40, C_TEXT, 0, b);
    /* sample line: from the analyzers out under the wall to the sampling point, or to the
     * tap / a bucket when the inspector found it so */
    int lx = rx + 200;
    const char *line_msg = view_tr(v, MSG_VW_NOT_INSPECTED);
    rgb line_c = C_DIM;
    if (m->line_inspected && m->line_source == SAMPLELINE_TAP) {
        thick_line(d, lx, ry + 122, lx, ry + 320, 4, C_RED);
        thick_line(d, lx, ry + 320, rx + 36, ry + 320, 4, C_RED);
        line_msg = view_tr(v, MSG_VW_HOSE_TAP);
        line_c = C_RED;
    } else if (m->line_inspected && m->line_source == SAMPLELINE_BUCKET) {
        thick_line(d, lx, ry + 122, lx, ry + 360, 4, C_RED);
        fill(d, lx - 30, ry + 360, 60, 50, (rgb){70, 110, 200, 255});
        frame(d, lx - 30, ry + 360, 60, 50, C_TEXT);
        text(d, FONT_S, lx + 36, ry + 380, C_TEXT, 0, view_tr(v, MSG_VW_BUCKET));
        line_msg = view_tr(v, MSG_VW_HOSE_BUCKET);
        line_c = C_RED;
    } else {
        thick_line(d, lx, ry + 122, lx, cy + 40, 4, m->line_inspected ? C_GREEN : C_DIM);
        disc(d, lx, cy + 40, 7, m->line_inspected ? C_GREEN : C_DIM);
        if (m->line_inspected) {
            line_msg = view_tr(v, MSG_VW_HOSE_CHANNEL);
            line_c = C_GREEN;
        }
    }
    snprintf(b, sizeof b, "%s: %s", view_tr(v, MSG_VW_SAMPLE_LINE), line_msg);
    text(d, FONT_M, lx + 12, ry + 200, line_c, 520, b);
    /* pipes into the channel: visible ones always, hidden ones once inspected */
    if (m->pipes_visible > 0) {
        fill(d, 480, cy + ch, 26, 80, (rgb){200, 200, 200, 255});
        text(d, FONT_S, 512, cy + ch + 40, C_YELLOW, 0, view_tr(v, MSG_VW_PIPE));
    }
    if (m->channel_inspected) {
        char t1[32];
        fmt_time(m->channel_inspected_at, t1, sizeof t1);
        if (m->hidden_pipes > 0) {
            fill(d, 380, cy + ch - 4, 22, 70, C_RED);
            disc(d, 391, cy + ch - 4, 12, C_RED);
            snprintf(b, sizeof b, "%s: %d, %.0f m3/h (%s %s)", view_tr(v, MSG_VW_HIDDEN_PIPE),
                     m->hidden_pipes, m->hidden_m3h, view_tr(v, MSG_VW_INSPECTED_AT), t1 + 11);
            text(d, FONT_M, 410, cy + ch + 20, C_RED, 700, b);
        } else {
            snprintf(b, sizeof b, "%s (%s %s)", view_tr(v, MSG_VW_NO_PIPE),
                     view_tr(v, MSG_VW_INSPECTED_AT), t1 + 11);
            text(d, FONT_S, 410, cy + ch + 24, C_GREEN, 700, b);
        }
    }
    /* people */
    for (int i = 0; i < m->people_in_room && i < 6; i++)
        person(d, rx + 300 + i * 40, ry + 330, C_YELLOW);
    for (int i = 0; i < m->cam[1].people && i < 4; i++)
        person(d, 900 + i * 40, cy - 30, C_YELLOW);
    snprintf(b, sizeof b, "%s: %d", view_tr(v, MSG_VW_PEOPLE), m->people_in_room);
    text(d, FONT_S, rx + 300, ry + 370, C_DIM, 0, b);

    /* right column: actions and the panel */
    panel(d, 1182, 50, 414, 840, NULL);
    int y = 180;
    for (int i = 0; i < m->npanel_lines && y < 580; i++, y += 17)
        text(d, FONT_S, 1192, y, C_TEXT, 396, m->panel_lines[i]);
    if (m->role == VIEW_INSTRUCTOR)
        text(d, FONT_M, 1190, 570, C_RED, 400, view_tr(v, MSG_VW_STAGE));
    draw_hint(d, m, 1192, 864, 396);
    text(d, FONT_S, 1192, 866, C_YELLOW, 396, m->status);
}

/* ---- camera feeds ---- */

static void scene_station(view_sdl *d, int x, int y, int w, int h, const view_camera *c,
                          const int *fitted)
{
    static const char *const pn[4] = {"COD", "NH3-N", "TP", "TN"};
    fill(d, x, y, w, h * 2 / 3, (rgb){150, 156, 160, 255});
    fill(d, x, y + h * 2 / 3, w, h / 3, (rgb){96, 98, 104, 255});
    for (int p = 0, slot = 0; p < 4; p++) { /* the analyzer rack: the fitted ones */
        if (!fitted[p]) continue;
        int ax = x + w / 8 + slot++ * w / 7;
        fill(d, ax, y + h / 4, w / 8, h / 2, (rgb){220, 222, 216, 255});
        fill(d, ax + 8, y + h / 4 + 12, w / 8 - 16, h / 10, (rgb){30, 90, 70, 255});
        text(d, FONT_S, ax + 12, y + h / 4 + 16, (rgb){150, 240, 190, 255}, w / 8 - 24, pn[p]);
        frame(d, ax, y + h / 4, w / 8, h / 2, (rgb){60, 60, 60, 255});
    }
    fill(d, x + w * 3 / 4, y + h / 3, w / 7, h / 2.5, (rgb){200, 210, 230, 255});
    frame(d, x + w * 3 / 4, y + h / 3, w / 7, h / 2.5, (rgb){60, 60, 60, 255});
    int hx = x + w / 8 + w / 16;
    if (c->hose == 2) { /* the hose runs to the tap */
        thick_line(d, hx, y + h * 3 / 4, x + 20, y + h * 3 / 4, 5, (rgb){240, 240, 240, 255});
        fill(d, x + 4, y + h * 3 / 4 - 20, 24, 14, (rgb){200, 200, 200, 255});
    } else if (c->hose == 3) {
        thick_line(d, hx, y + h * 3 / 4, hx, y + h - 40, 5, (rgb){240, 240, 240, 255});
        fill(d, hx - 25, y + h - 50, 50, 40, (rgb){60, 100, 200, 255});
    } else {
        thick_line(d, hx, y + h * 3 / 4, hx, y + h, 5, (rgb){40, 40, 40, 255});
    }
    for (int i = 0; i < c->people && i < 5; i++)
        person(d, x + w / 3 + i * 70, y + h * 3 / 4, (rgb){40, 60, 120, 255});
}

/* The station camera of a CEMS: the analyzer cabinet (a display per instrument in it), the
 * chiller, the cylinders, people. */
static void scene_cems(view_sdl *d, int x, int y, int w, int h, const view_camera *c,
                       const view_cems *g)
{
    fill(d, x, y, w, h * 2 / 3, (rgb){150, 156, 160, 255});
    fill(d, x, y + h * 2 / 3, w, h / 3, (rgb){96, 98, 104, 255});
    int cx = x + w / 8, cw = w / 4, cy = y + h / 8;
    fill(d, cx, cy, cw, h * 2 / 3, (rgb){220, 222, 216, 255});
    frame(d, cx, cy, cw, h * 2 / 3, (rgb){60, 60, 60, 255});
    for (int k = 0, row = 0; k < VIEW_GAN__COUNT; k++) {
        if (!g->an[k].fitted || k == VIEW_GAN_PM || (k == VIEW_GAN_O2 && g->o2_insitu)) continue;
        int ry = cy + 14 + row++ * (h / 9);
        fill(d, cx + 10, ry, cw - 20, h / 12, (rgb){30, 90, 70, 255});
        text(d, FONT_S, cx + 16, ry + 4, (rgb){150, 240, 190, 255}, cw - 32, GAN_NAME[k]);
    }
    fill(d, x + w / 2, y + h / 3, w / 8, h / 3, (rgb){200, 210, 230, 255}); /* chiller */
    frame(d, x + w / 2, y + h / 3, w / 8, h / 3, (rgb){60, 60, 60, 255});
    for (int i = 0; i < 4; i++) /* cylinders */
        fill(d, x + w * 7 / 10 + i * (w / 16), y + h / 3, w / 24, h / 2,
             i ? (rgb){170, 176, 190, 255} : (rgb){60, 110, 70, 255});
    for (int i = 0; i < c->people && i < 5; i++)
        person(d, x + w / 3 + i * 70, y + h * 3 / 4, (rgb){40, 60, 120, 255});
}

/* The outside camera of a CEMS: the stack with its plume while the plant fires, and a
 * plume from the bypass flue too while its damper stands open. */
static void scene_stack(view_sdl *d, int x, int y, int w, int h, const view_camera *c,
                        const view_cems *g)
{
    fill(d, x, y, w, h, (rgb){120, 160, 200, 255});
    fill(d, x, y + h * 3 / 4, w, h / 4, (rgb){90, 120, 70, 255});
    int sx = x + w / 2 - w / 24, st = y + h / 8;
    fill(d, sx, st, w / 12, h * 3 / 4 - h / 8, (rgb){170, 170, 165, 255});
    fill(d, x + w / 2 - w / 6, y + h * 3 / 5, w / 3, h * 3 / 20, (rgb){150, 140, 130, 255});
    rgb smoke = {230, 230, 230, 200};
    if (g->running) triangle(d, sx, st, sx + w / 12, st, sx + w / 5, st - h / 10, smoke);
    if (g->damper && g->damper_pos > 0.02) { /* the bypass flue's outlet, low on the left */
        fill(d, x + w / 4, y + h * 11 / 20, w / 20, h / 20, (rgb){110, 105, 100, 255});
        triangle(d, x + w / 4, y + h * 11 / 20, x + w / 4 + w / 20, y + h * 11 / 20, x + w / 6,
                 y + h * 2 / 5, smoke);
    }
    for (int i = 0; i < c->people && i < 5; i++)
        person(d, x + w / 10 + i * 60, y + h * 5 / 6, (rgb){40, 40, 40, 255});
}

static void scene_outfall(view_sdl *d, int x, int y, int w, int h, const view_camera *c)
{
    fill(d, x, y, w, h / 3, (rgb){120, 160, 200, 255});
    fill(d, x, y + h / 3, w, h * 2 / 3, (rgb){90, 120, 70, 255});
    rgb wc = water_rgb(c->colour);
    triangle(d, x + w * 0.42, y + h / 3.0, x + w * 0.58, y + h / 3.0, x + w * 0.85, y + h, wc);
    triangle(d, x + w * 0.42, y + h / 3.0, x + w * 0.85, y + h, x + w * 0.15, y + h, wc);
    line(d, x + w * 42 / 100, y + h / 3, x + w * 15 / 100, y + h, (rgb){70, 70, 70, 255});
    line(d, x + w * 58 / 100, y + h / 3, x + w * 85 / 100, y + h, (rgb){70, 70, 70, 255});
    if (c->pipe) {
        fill(d, x + w * 80 / 100, y + h * 2 / 3, w / 6, 16, (rgb){230, 230, 230, 255});
        triangle(d, x + w * 0.8, y + h * 2 / 3.0 + 16, x + w * 0.78, y + h * 2 / 3.0 + 40,
                 x + w * 0.82, y + h * 2 / 3.0 + 40, (rgb){200, 220, 255, 255});
    }
    for (int i = 0; i < c->people && i < 5; i++)
        person(d, x + w / 10 + i * 60, y + h * 2 / 3, (rgb){40, 40, 40, 255});
}

static void feed(view_sdl *d, const view *v, int x, int y, int w, int h, int which,
                 const char *label)
{
    const view_model *m = view_get_model(v);
    const view_camera *c = &m->cam[which];
    SDL_Rect clip = {x, y, w, h};
    char b[256], t[32];
    SDL_RenderSetClipRect(d->ren, &clip);
    if (!c->fitted || !c->powered || c->video_loss) {
        fill(d, x, y, w, h, (rgb){8, 8, 12, 255});
        for (int k = 0; k < 40; k++) { /* a little snow */
            unsigned r = (unsigned)(k * 2654435761u + (unsigned)(m->now / 1000));
            fill(d, x + (int)(r % (unsigned)w), y + (int)((r / 7) % (unsigned)h), 3, 2,
                 (rgb){70, 70, 70, 255});
        }
        text(d, FONT_L, x + w / 2 - 140, y + h / 2 - 14, C_RED, 0, view_tr(v, MSG_VW_NO_SIGNAL));
    } else if (c->covered) {
        fill(d, x, y, w, h, (rgb){38, 38, 40, 255});
        text(d, FONT_L, x + w / 2 - 40, y + h / 2 - 14, C_DIM, 0, view_tr(v, MSG_VW_COVERED));
    } else if (!c->visible) { /* turned past its field of view: another wall */
        fill(d, x, y, w, h, (rgb){170, 160, 140, 255});
        fill(d, x, y + h * 3 / 4, w, h / 4, (rgb){110, 100, 90, 255});
        fill(d, x + w / 2 - 60, y + h / 4, 120, 90, (rgb){150, 190, 220, 255});
        frame(d, x + w / 2 - 60, y + h / 4, 120, 90, (rgb){80, 70, 60, 255});
    } else {
        int shift = (int)(-c->pan_dev / 60.0 * w);
        if (which == 0 && m->st[m->selected].kind != STATION_WATER)
            scene_cems(d, x + shift, y, w, h, c, &m->gas);
        else if (which == 0)
            scene_station(d, x + shift, y, w, h, c, m->analyzer_fitted);
        else if (m->st[m->selected].kind != STATION_WATER)
            scene_stack(d, x + shift, y, w, h, c, &m->gas);
        else
            scene_outfall(d, x + shift, y, w, h, c);
    }
    fmt_time(m->now, t, sizeof t);
    snprintf(b, sizeof b, "%s  CAM%d", t, which + 1);
    fill(d, x, y, 300, 22, (rgb){0, 0, 0, 140});
    text(d, FONT_S, x + 6, y + 3, (rgb){255, 255, 255, 255}, 0, b);
    SDL_RenderSetClipRect(d->ren, NULL);
    frame(d, x, y, w, h, C_GRID);
    text(d, FONT_M, x, y + h + 6, C_TEXT, 0, label);
    if (!c->fitted) return;
    snprintf(b, sizeof b, "%s %.0f°   %s %d",
             fabs(c->pan_dev) > 1 ? view_tr(v, MSG_VW_OFF_PRESET) : view_tr(v, MSG_VW_ON_PRESET),
             c->pan_dev, view_tr(v, MSG_VW_PEOPLE), c->people);
    text(d, FONT_S, x, y + h + 30, fabs(c->pan_dev) > 1 ? C_RED : C_DIM, 0, b);
    /* a compass of the pan: the preset (dashed), the field of view now */
    int cx = x + 120, cy = y + h + 200, r = 110;
    frame(d, cx - r, cy - r, 2 * r, 2 * r, C_GRID);
    dashed(d, cx, cy, cx, cy - r, C_DIM);
    if (c->powered && !c->video_loss) {
        double a = (c->pan_dev - 90) * M_PI / 180.0, hf = 30 * M_PI / 180.0;
        triangle(d, cx, cy, cx + r * cos(a - hf), cy + r * sin(a - hf), cx + r * cos(a + hf),
                 cy + r * sin(a + hf),
                 c->covered             ? (rgb){90, 90, 90, 160}
                 : fabs(c->pan_dev) > 1 ? (rgb){250, 90, 80, 140}
                                        : (rgb){250, 230, 120, 110});
    }
    disc(d, cx, cy, 6, c->powered ? C_TEXT : C_RED);
    int ty = y + h + 100;
    snprintf(b, sizeof b, "%s %+.0f°  %s %+.0f°", view_tr(v, MSG_VW_PAN), c->pan_dev,
             view_tr(v, MSG_VW_TILT), c->tilt_dev);
    text(d, FONT_M, x + 260, ty, C_TEXT, 500, b);
    if (c->covered) text(d, FONT_M, x + 260, ty + 26, C_RED, 500, view_tr(v, MSG_VW_COVERED));
    cpy(b, sizeof b, (!c->powered || c->video_loss) ? view_tr(v, MSG_VW_NO_SIGNAL) : "");
    text(d, FONT_M, x + 260, ty + 52, C_RED, 500, b);
}

static void draw_camera(view_sdl *d, const view *v)
{
    feed(d, v, 10, 56, 780, 440, 0, view_tr(v, MSG_VW_CAM_STATION));
    feed(d, v, 806, 56, 780, 440, 1, view_tr(v, MSG_VW_CAM_OUTFALL));
    const view_model *m = view_get_model(v);
    draw_hint(d, m, 12, 864, 1500);
    text(d, FONT_S, 12, 866, C_YELLOW, 1500, m->status);
}

/* ---- dialog, score, top bar ---- */

static void draw_dialog(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    fill(d, 0, 0, VIEW_W, VIEW_H, (rgb){0, 0, 0, 150});
    panel(d, 400, 190, 800, 490, view_tr(v, MSG_VW_FINDING_TITLE));
    char b[256];
    snprintf(b, sizeof b, "%s  %s", m->st[m->selected].mn, m->st[m->selected].name);
    text(d, FONT_S, 600, 198, C_DIM, 580, b);
    text(d, FONT_S, 420, 230, C_DIM, 0, view_tr(v, MSG_VW_F_TYPE));
    text(d, FONT_M, 420, 486, C_TEXT, 130, view_tr(v, MSG_VW_F_START));
    text(d, FONT_M, 840, 486, C_TEXT, 90, view_tr(v, MSG_VW_F_END));
    text(d, FONT_M, 420, 530, C_TEXT, 130, view_tr(v, MSG_VW_F_EVIDENCE));
    text(d, FONT_S, 420, 580, C_DIM, 760, view_tr(v, MSG_VW_F_HINT));
    text(d, FONT_M, 420, 630, C_RED, 390, m->dlg.msg);
}

static void draw_score(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    char b[256];
    panel(d, 500, 330, 600, 230, view_tr(v, MSG_VW_SCORE));
    text(d, FONT_L, 520, 370, C_TEXT, 0, view_tr(v, MSG_VW_DRILL_OVER));
    snprintf(b, sizeof b, "%s %zu   %s %zu   %s %zu   %s %zu", view_tr(v, MSG_VW_EVENTS),
             m->sc_events, view_tr(v, MSG_VW_DETECTED), m->sc_detected, view_tr(v, MSG_VW_TYPE_OK),
             m->sc_type_ok, view_tr(v, MSG_VW_FALSE), m->sc_false);
    text(d, FONT_M, 520, 420, C_TEXT, 560, b);
    snprintf(b, sizeof b, "%s %.1f", view_tr(v, MSG_VW_NAB), isnan(m->sc_nab) ? 0.0 : m->sc_nab);
    text(d, FONT_L, 520, 460, m->sc_detected ? C_GREEN : C_RED, 0, b);
}

void view_sdl_last_drawn(const view_sdl *d, view_sdl_drawn *out)
{
    *out = d->drawn;
}

void view_sdl_draw(view_sdl *d, const view *v)
{
    const view_model *m = view_get_model(v);
    memset(&d->drawn, 0, sizeof d->drawn);
    colour(d, C_BG);
    SDL_RenderClear(d->ren);
    fill(d, 0, 0, VIEW_W, 44, C_PANEL);
    if (m->screen == VIEW_SCREEN_PLATFORM) draw_platform(d, v);
    if (m->screen == VIEW_SCREEN_ROOM) draw_room(d, v);
    if (m->screen == VIEW_SCREEN_CAMERA) draw_camera(d, v);
    char t[40], b[200];
    fmt_time(m->now, t, sizeof t);
    cpy(b, sizeof b, t);
    text(d, FONT_L, 986, 8, C_TEXT, 0, b);
    snprintf(b, sizeof b, "%s · %s", view_tr(v, m->paused ? MSG_VW_PAUSED : MSG_VW_RUNNING),
             view_tr(v, m->role == VIEW_INSTRUCTOR ? MSG_VW_ROLE_INSTRUCTOR : MSG_VW_ROLE_TRAINEE));
    text(d, FONT_S, 1190, 4, m->paused ? C_YELLOW : C_GREEN, 0,
         view_tr(v, m->paused ? MSG_VW_PAUSED : MSG_VW_RUNNING));
    text(d, FONT_S, 1190, 22, C_DIM, 96,
         view_tr(v, m->role == VIEW_INSTRUCTOR ? MSG_VW_ROLE_INSTRUCTOR : MSG_VW_ROLE_TRAINEE));
    if (m->dlg.open) draw_dialog(d, v);
    for (int i = 0; i < m->nbuttons; i++) {
        const view_button *bt = &m->buttons[i];
        if (m->dlg.open && bt->action < VIEW_A_F_TYPE) {
            if (bt->r.y > 44) continue; /* under the dialog's shade */
        }
        draw_button(d, m, bt);
    }
    if (m->drill_over && m->scored) draw_score(d, v);
}

int view_sdl_save_png(view_sdl *d, const char *path, char *err, size_t errlen)
{
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, VIEW_W, VIEW_H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        cpy(err, errlen, SDL_GetError());
        return -1;
    }
    int rc = SDL_RenderReadPixels(d->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    if (rc == 0) rc = IMG_SavePNG(s, path);
    if (rc != 0) snprintf(err, errlen, "%s: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void present(view_sdl *d)
{
    if (d->win) SDL_RenderPresent(d->ren);
}

void view_sdl_bench(view_sdl *d, const view *v, int n, view_sdl_bench_result *res)
{
    double draw = 0, total = 0, mx = 0;
    for (int i = 0; i < n; i++) {
        double t0 = now_ms();
        view_sdl_draw(d, v);
        SDL_RenderFlush(d->ren); /* the batched draw calls are rasterised here */
        double t1 = now_ms();
        present(d);
        double dt = now_ms() - t0;
        draw += t1 - t0;
        total += dt;
        if (dt > mx) mx = dt;
    }
    res->draw_ms = n > 0 ? draw / n : 0;
    res->frame_ms = n > 0 ? total / n : 0;
    res->max_ms = mx;
    res->windowed = d->win != NULL;
}

static int map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_SPACE:
        return VIEW_KEY_SPACE;
    case SDLK_TAB:
        return VIEW_KEY_TAB;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return VIEW_KEY_ENTER;
    case SDLK_ESCAPE:
        return VIEW_KEY_ESC;
    case SDLK_BACKSPACE:
        return VIEW_KEY_BACKSPACE;
    case SDLK_UP:
        return VIEW_KEY_UP;
    case SDLK_DOWN:
        return VIEW_KEY_DOWN;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        return VIEW_KEY_PLUS;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        return VIEW_KEY_MINUS;
    case SDLK_F1:
        return VIEW_KEY_F1;
    case SDLK_F2:
        return VIEW_KEY_F2;
    case SDLK_F3:
        return VIEW_KEY_F3;
    case SDLK_PAGEUP:
        return VIEW_KEY_PGUP;
    case SDLK_PAGEDOWN:
        return VIEW_KEY_PGDN;
    default:
        if (k >= SDLK_a && k <= SDLK_z) return VIEW_KEY_A + (int)(k - SDLK_a);
        if (k >= SDLK_0 && k <= SDLK_9) return VIEW_KEY_0 + (int)(k - SDLK_0);
        return 0;
    }
}

/* Fixed 60 Hz tick: input, then the simulation (speed x dt of virtual time, at most 8 ms
 * of wall time per tick so that drawing keeps its pace), then one frame. */
int view_sdl_run(view_sdl *d, view *v)
{
    const double tick = 1000.0 / 60.0;
    double last = now_ms();
    SDL_StartTextInput();
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            if (e.type == SDL_QUIT) {
                SDL_StopTextInput();
                return 0;
            }
            if (e.type == SDL_KEYDOWN) view_key(v, map_key(e.key.keysym.sym));
            if (e.type == SDL_TEXTINPUT) view_text(v, e.text.text);
            if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT)
                view_click(v, e.button.x, e.button.y);
            if (e.type == SDL_MOUSEWHEEL && e.wheel.y != 0) { /* over the alerts: scroll */
                const view_model *m = view_get_model(v);
                const view_rect *r = &m->alerts_panel;
                int mx = 0, my = 0;
                SDL_GetMouseState(&mx, &my);
                if (m->screen == VIEW_SCREEN_PLATFORM && !m->dlg.open && mx >= r->x &&
                    mx < r->x + r->w && my >= r->y && my < r->y + r->h)
                    view_do(v, VIEW_A_ALERT_SCROLL, e.wheel.y > 0 ? -1 : 1);
            }
        }
        double t = now_ms();
        if (view_tick(v, (t - last) / 1000.0, 8.0) != 0) {
            SDL_StopTextInput();
            return -1;
        }
        last = t;
        view_sdl_draw(d, v);
        present(d);
        double spent = now_ms() - t;
        if (spent < tick) SDL_Delay((Uint32)(tick - spent));
    }
}
