/*
 * test_view_core.c — the view core without SDL: a scripted drill through the input
 * functions (select a station, pause, open the finding dialog, choose a type, type the
 * interval and the evidence, file), the findings file, the score; the platform data the
 * model shows; the inspections and the grab sample; the instructor's live staging.
 */
#include "hjtime.h"
#include "hjfraud.h"
#include "sampleline.h"
#include "scen.h"
#include "station.h"
#include "view-sdl.h"
#include "view.h"

#include <SDL.h>
#include <SDL_image.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static view *open_view(const char *scenario, const char *out, int role)
{
    view_opts o;
    memset(&o, 0, sizeof o);
    o.scenario = scenario;
    o.out_dir = out;
    o.role = role;
    o.lang = I18N_EN;
    char err[1024] = "";
    view *v = view_new(&o, err, sizeof err);
    if (!v) fprintf(stderr, "view_new: %s\n", err);
    return v;
}

static int64_t at(const view *v, const char *s)
{
    int64_t t = 0;
    assert_int_equal(view_parse_time(v, s, &t), 0);
    return t;
}

static void click_button(view *v, int action, int arg)
{
    const view_model *m = view_get_model(v);
    for (int i = 0; i < m->nbuttons; i++)
        if (m->buttons[i].action == action && m->buttons[i].arg == arg) {
            const view_rect *r = &m->buttons[i].r;
            assert_int_equal(view_click(v, r->x + r->w / 2, r->y + r->h / 2), 1);
            return;
        }
    fail_msg("no button for action %d arg %d", action, arg);
}

static void clear_field(view *v)
{
    for (int i = 0; i < 40; i++)
        view_key(v, VIEW_KEY_BACKSPACE);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_drill(void **state)
{
    (void)state;
    const char *out = VIEW_TEST_OUT "/drill";
    view *v = open_view(HJ_SRC "/scenarios/demo.lua", out, VIEW_TRAINEE);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal((int)m->nst, 1);
    assert_int_equal(view_run_to(v, at(v, "12:00")), 0);
    assert_int_equal(m->now, at(v, "12:00"));

    /* the platform screen shows what the platform stored: 12 h of minute data ... */
    assert_true(m->packets_total > 700);
    assert_int_equal(m->npackets, VIEW_PKT_LINES);
    assert_non_null(strstr(m->packets[VIEW_PKT_LINES - 1], "MN=33040001DYE0001"));
    int cod_cols = 0, late = 0;
    for (int b = 0; b < VIEW_BINS; b++)
        if (!isnan(m->series[VIEW_S_COD][b])) {
            cod_cols++;
            if (b > VIEW_BINS / 2 + 1) late++;
        }
    /* first COD result 00:30, then every minute up to 11:59: 11.5 h of 24 h = 345 of 720 */
    assert_int_equal(cod_cols, 345);
    assert_int_equal(late, 0); /* nothing from the future */
    /* ... and the engine's red alert for the 10:35 sample-cup injection */
    assert_true(m->nalerts >= 1);
    assert_string_equal(m->alerts[0].type, "sample_cup_injection");
    assert_int_equal(m->alerts[0].level, 2);
    assert_int_equal(m->st[0].level, 2);

    /* the drill: select the station, pause, file a finding with the dialog */
    click_button(v, VIEW_A_STATION, 0);
    assert_int_equal(m->selected, 0);
    assert_int_equal(view_key(v, VIEW_KEY_SPACE), 1);
    assert_int_equal(m->paused, 1);
    int64_t t_pause = m->now;
    assert_int_equal(view_tick(v, 1.0, 0), 0); /* paused: no virtual time passes */
    assert_int_equal(m->now, t_pause);
    assert_int_equal(view_key(v, VIEW_KEY_A + ('f' - 'a')), 1);
    assert_int_equal(m->dlg.open, 1);
    click_button(v, VIEW_A_F_TYPE, 0); /* sample_cup_injection */
    assert_int_equal(m->dlg.type, 0);
    view_key(v, VIEW_KEY_TAB);
    assert_int_equal(m->dlg.field, VIEW_F_START);
    clear_field(v);
    view_text(v, "10:3");
    view_text(v, "0");
    view_key(v, VIEW_KEY_TAB);
    clear_field(v);
    view_text(v, "11:00");
    view_key(v, VIEW_KEY_TAB);
    view_text(v, "COD 218 → 83 mg/L, door 10:32");
    assert_int_equal(view_key(v, VIEW_KEY_ENTER), 1);
    assert_int_equal(m->dlg.open, 0);
    assert_int_equal(m->nfindings, 1);

    /* a second finding, wrongly typed: a bypass at night; a bad time first */
    click_button(v, VIEW_A_FINDING, 0);
    view_key(v, VIEW_KEY_UP); /* wraps to the last type: bypass_discharge */
    assert_int_equal(m->dlg.type, HJFRAUD_BYPASS_DISCHARGE); /* the last water type */
    view_key(v, VIEW_KEY_TAB);
    clear_field(v);
    view_text(v, "25:99");
    assert_int_equal(view_key(v, VIEW_KEY_ENTER), 0);
    assert_int_equal(m->dlg.open, 1);
    assert_true(m->dlg.msg[0] != '\0');
    clear_field(v);
    view_text(v, "02:00");
    view_key(v, VIEW_KEY_TAB);
    clear_field(v);
    view_text(v, "03:00");
    click_button(v, VIEW_A_F_FILE, 0);
    assert_int_equal(m->nfindings, 2);

    char path[512];
    snprintf(path, sizeof path, "%s/findings.jsonl", out);
    char *txt = slurp(path);
    assert_non_null(txt);
    char *nl = strchr(txt, '\n');
    assert_non_null(nl);
    *nl = '\0';
    cJSON *o = cJSON_Parse(txt);
    assert_non_null(o);
    assert_string_equal(cJSON_GetObjectItem(o, "id")->valuestring, "f1");
    assert_string_equal(cJSON_GetObjectItem(o, "mn")->valuestring, "33040001DYE0001");
    assert_string_equal(cJSON_GetObjectItem(o, "type")->valuestring, "sample_cup_injection");
    assert_string_equal(cJSON_GetObjectItem(o, "level")->valuestring, "red");
    assert_string_equal(cJSON_GetObjectItem(o, "time")->valuestring, "2022-02-08T12:00:00+08:00");
    assert_string_equal(cJSON_GetObjectItem(o, "start")->valuestring, "2022-02-08T10:30:00+08:00");
    assert_string_equal(cJSON_GetObjectItem(o, "end")->valuestring, "2022-02-08T11:00:00+08:00");
    cJSON *ev = cJSON_GetObjectItem(o, "evidence");
    assert_int_equal(cJSON_GetArraySize(ev), 1);
    assert_string_equal(cJSON_GetArrayItem(ev, 0)->valuestring, "COD 218 → 83 mg/L, door 10:32");
    cJSON_Delete(o);
    o = cJSON_Parse(nl + 1);
    assert_non_null(o);
    assert_string_equal(cJSON_GetObjectItem(o, "type")->valuestring, "bypass_discharge");
    assert_string_equal(cJSON_GetObjectItem(o, "start")->valuestring, "2022-02-08T02:00:00+08:00");
    cJSON_Delete(o);

    /* on site: inspect the sample line and the channel (nothing staged there), a grab sample
     * whose lab result comes 30 min later */
    view_key(v, VIEW_KEY_F2);
    assert_int_equal(m->screen, VIEW_SCREEN_ROOM);
    click_button(v, VIEW_A_INSPECT_LINE, 0);
    assert_int_equal(m->line_inspected, 1);
    assert_int_equal(m->line_source, SAMPLELINE_CHANNEL);
    click_button(v, VIEW_A_INSPECT_CHANNEL, 0);
    assert_int_equal(m->channel_inspected, 1);
    assert_int_equal(m->hidden_pipes, 0);
    click_button(v, VIEW_A_GRAB, 0);
    assert_int_equal(m->ngrabs, 1);
    assert_int_equal(m->grabs[0].ready - m->grabs[0].taken, 30 * HJTIME_MINUTE_MS);
    assert_non_null(strstr(m->panel_lines[0], "pending"));
    assert_true(m->grabs[0].cod > 50 && m->grabs[0].cod < 400);
    assert_int_equal(view_run_to(v, at(v, "12:31")), 0);
    assert_null(strstr(m->panel_lines[0], "pending"));
    assert_non_null(strstr(m->panel_lines[0], "COD"));
    click_button(v, VIEW_A_ANALYZER, 0);
    assert_int_equal(m->panel, VIEW_PANEL_ANALYZER);
    assert_true(m->npanel_lines > 5);
    int manual = 0;
    for (int i = 0; i < m->npanel_lines; i++)
        if (strstr(m->panel_lines[i], "manual")) manual++;
    assert_int_equal(manual, 1); /* the 10:35 restart */
    click_button(v, VIEW_A_BOTTLES, 0);
    assert_int_equal(m->npanel_lines, 12);

    /* the end: scored against the truth (only the 10:35 event has begun by 12:31) */
    assert_int_equal(view_key(v, VIEW_KEY_A + ('e' - 'a')), 1);
    assert_int_equal(m->drill_over, 1);
    assert_int_equal(m->scored, 1);
    assert_int_equal((int)m->sc_events, 1);
    assert_int_equal((int)m->sc_detected, 1);
    assert_int_equal((int)m->sc_type_ok, 1);
    /* findings are matched by the time they were made (docs/scoring.md): the second one,
     * made at 12:00 inside the event's window, is not a false alarm */
    assert_int_equal((int)m->sc_false, 0);
    int64_t t_end = m->now;
    view_key(v, VIEW_KEY_SPACE); /* over: no more running */
    assert_int_equal(view_tick(v, 10.0, 0), 0);
    assert_int_equal(m->now, t_end);
    view_free(v);
}

/* The instructor stages a tap-water dilution live through the fraud library; the truth
 * shows it, and an inspection of the channel finds the hidden pipe. */
static void test_stage(void **state)
{
    (void)state;
    view *v = open_view(HJ_SRC "/scenarios/demo.lua", VIEW_TEST_OUT "/stage", VIEW_INSTRUCTOR);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "03:00")), 0);
    view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
    int ntruth = m->ntruth;
    click_button(v, VIEW_A_STAGE, 1); /* tap_water_dilution */
    assert_non_null(strstr(m->status, "staged"));
    assert_int_equal(view_run_to(v, at(v, "03:30")), 0);
    assert_int_equal(m->ntruth, ntruth + 1);
    assert_string_equal(m->truth[m->ntruth - 1].type, "tap_water_dilution");
    assert_int_equal(m->truth[m->ntruth - 1].start, at(v, "03:01"));
    assert_int_equal(m->truth[m->ntruth - 1].active, 1);
    click_button(v, VIEW_A_INSPECT_CHANNEL, 0);
    assert_int_equal(m->hidden_pipes, 1);
    assert_true(m->hidden_m3h > 0);
    /* a trainee cannot stage */
    view_free(v);
    v = open_view(HJ_SRC "/scenarios/demo.lua", VIEW_TEST_OUT "/stage2", VIEW_TRAINEE);
    assert_non_null(v);
    assert_int_equal(view_do(v, VIEW_A_STAGE, 1), 0);
    view_free(v);
}

/* The camera states reach the model: covered, powered off; the hose on the tap. */
static void test_tamper(void **state)
{
    (void)state;
    view *v = open_view(HJ_SRC "/tests/view/tamper.lua", VIEW_TEST_OUT "/tamper", VIEW_TRAINEE);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "00:20")), 0);
    assert_int_equal(m->cam[0].covered, 0);
    assert_int_equal(m->cam[1].powered, 1);
    assert_int_equal(view_run_to(v, at(v, "01:00")), 0);
    assert_int_equal(m->cam[0].covered, 1);
    assert_int_equal(m->cam[1].powered, 0);
    view_do(v, VIEW_A_INSPECT_LINE, 0);
    assert_int_equal(m->line_source, SAMPLELINE_TAP);
    view_do(v, VIEW_A_INSPECT_CHANNEL, 0);
    assert_int_equal(m->hidden_pipes, 1);
    assert_true(fabs(m->hidden_m3h - 30) < 1e-9);
    assert_int_equal(m->pipes_visible, 0);
    /* what the inspector found is drawn: the hose to the tap and the hidden pipe in red
     * (off-screen surface: no display needed) */
    view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
    char err[512] = "";
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    view_sdl_draw(d, v);
    assert_int_equal(view_sdl_save_png(d, VIEW_TEST_OUT "/room-inspected.png", err, sizeof err), 0);
    SDL_Surface *png = IMG_Load(VIEW_TEST_OUT "/room-inspected.png");
    assert_non_null(png);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(png);
    assert_non_null(s);
    long pipe = 0, hose = 0;
    for (int y = 0; y < VIEW_H; y++)
        for (int x = 0; x < VIEW_W; x++) {
            Uint32 p = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
            int r = (int)((p >> 16) & 255), g = (int)((p >> 8) & 255), b = (int)(p & 255);
            int red = abs(r - 228) < 12 && abs(g - 62) < 12 && abs(b - 56) < 12;
            if (red && x >= 380 && x < 402 && y >= 770 && y < 836) pipe++;
            if (red && x >= 250 && x < 270 && y >= 230 && y < 410) hose++;
        }
    SDL_FreeSurface(s);
    printf("red pixels: hidden pipe %ld, hose to the tap %ld\n", pipe, hose);
    assert_true(pipe > 22 * 60);
    assert_true(hose > 4 * 170);
    view_sdl_free(d);
    view_free(v);
}

/* The evidence lines of the alert's last raise in alerts.jsonl (the engine's file). */
static int file_evidence(const char *out, const char *id, char ev[][400], int max)
{
    char path[512];
    snprintf(path, sizeof path, "%s/alerts.jsonl", out);
    char *txt = slurp(path);
    assert_non_null(txt);
    int n = 0;
    for (char *line = strtok(txt, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *o = cJSON_Parse(line);
        assert_non_null(o);
        if (strcmp(cJSON_GetObjectItem(o, "id")->valuestring, id) == 0) {
            const cJSON *a = cJSON_GetObjectItem(o, "evidence_en"), *x = NULL;
            n = 0;
            cJSON_ArrayForEach(x, a) if (n < max) snprintf(ev[n++], 400, "%s", x->valuestring);
        }
        cJSON_Delete(o);
    }
    return n;
}

/* Every evidence line the platform has for an alert is in the model and drawn (the alerts
 * panel showed 3 of 5: the camera's person count and the rebound were cut); the alerts
 * panel scrolls when the alerts do not fit. */
static void test_evidence(void **state)
{
    (void)state;
    const char *out = VIEW_TEST_OUT "/evidence";
    view *v = open_view(HJ_SRC "/scenarios/demo.lua", out, VIEW_TRAINEE);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "12:40")), 0);
    assert_int_equal(m->nalerts, 1);
    char ev[VIEW_EVID][400];
    int n = file_evidence(out, "a1", ev, VIEW_EVID);
    assert_int_equal(n, 5);
    const view_alert *a = &m->alerts[0];
    assert_int_equal(a->nevidence, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(a->evidence[i], ev[i]);
    assert_int_equal(a->first, at(v, "11:05")); /* first raised; raised again at 12:30 */
    assert_int_equal(a->time, at(v, "12:30"));
    char err[512] = "";
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    view_sdl_drawn dr;
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    printf("alerts drawn %d of %d, evidence %d of %d, texts cut %d\n", dr.alerts, m->nalerts,
           dr.evidence, dr.evidence_total, dr.texts_cut);
    assert_int_equal(dr.alerts, 1);
    assert_int_equal(dr.evidence_total, 5);
    assert_int_equal(dr.evidence, 5);
    assert_int_equal(dr.texts_cut, 0);
    /* two alerts at 23:00, newest first; PgDn scrolls to the older one, PgUp back */
    assert_int_equal(view_run_to(v, at(v, "23:00")), 0);
    assert_int_equal(m->nalerts, 2);
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    assert_int_equal(dr.alerts, 2);
    assert_int_equal(dr.evidence, dr.evidence_total);
    assert_int_equal(dr.evidence_total, m->alerts[0].nevidence + m->alerts[1].nevidence);
    assert_int_equal(view_key(v, VIEW_KEY_PGDN), 1);
    assert_int_equal(m->alert_scroll, 1);
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    assert_int_equal(dr.alerts, 1);
    assert_int_equal(dr.evidence, m->alerts[0].nevidence); /* a1, the older */
    assert_int_equal(view_key(v, VIEW_KEY_PGDN), 0);       /* at the oldest */
    assert_int_equal(view_key(v, VIEW_KEY_PGUP), 1);
    assert_int_equal(m->alert_scroll, 0);
    view_sdl_free(d);
    view_free(v);
}

/* The instructor's truth list: an event still under way has no end yet (it showed the
 * scenario's end, 00:00 of the next day, printed without its date); once finished, its
 * real end. */
static void test_truth_open(void **state)
{
    (void)state;
    view *v = open_view(HJ_SRC "/scenarios/demo.lua", VIEW_TEST_OUT "/truth", VIEW_INSTRUCTOR);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "22:00")), 0);
    assert_int_equal(m->ntruth, 2);
    const view_truth *t = &m->truth[1];
    assert_string_equal(t->type, "camera_tampering");
    assert_int_equal(t->start, at(v, "21:30"));
    assert_int_equal(t->active, 1);
    assert_int_equal(t->open, 1);
    assert_int_equal(t->end, 0); /* not known yet */
    assert_int_equal(m->truth[0].open, 0);
    assert_int_equal(m->truth[0].end, at(v, "12:00"));
    assert_int_equal(view_run_to(v, at(v, "23:45")), 0);
    assert_int_equal(t->open, 0);
    assert_int_equal(t->active, 0);
    assert_int_equal(t->end, at(v, "23:30"));
    view_free(v);
}

/* The key hint names every key that acts on the screen, in both languages (the English
 * one was cut before "E end", and neither named I C G B L 1-4 or the arrows), and the
 * driver draws it whole; keys of another screen do nothing. */
static void test_keys(void **state)
{
    (void)state;
    static const struct {
        int key;
        const char *label_en, *label_zh;
        int screens; /* bit per screen */
    } keys[] = {
        /* U+00A0 between a key and what it does: the hint wraps between items */
        {VIEW_KEY_SPACE, "Space\u00a0pause", "空格\u00a0暂停", 7},
        {VIEW_KEY_PLUS, "+/-", "+/-", 7},
        {VIEW_KEY_F2, "F1-F3", "F1-F3", 7},
        {VIEW_KEY_DOWN, "↑↓", "↑↓", 7},
        {VIEW_KEY_A + ('f' - 'a'), "F\u00a0", "F\u00a0", 7},
        {VIEW_KEY_A + ('e' - 'a'), "E\u00a0", "E\u00a0", 7},
        {VIEW_KEY_PGDN, "PgUp/PgDn", "PgUp/PgDn", 1},
        {VIEW_KEY_A + ('i' - 'a'), "I\u00a0", "I\u00a0", 2},
        {VIEW_KEY_A + ('c' - 'a'), "C\u00a0", "C\u00a0", 2},
        {VIEW_KEY_A + ('g' - 'a'), "G\u00a0", "G\u00a0", 2},
        {VIEW_KEY_A + ('b' - 'a'), "B\u00a0", "B\u00a0", 2},
        {VIEW_KEY_A + ('l' - 'a'), "L\u00a0", "L\u00a0", 2},
        {VIEW_KEY_0 + 1, "1-4", "1-4", 2},
    };
    char err[512] = "";
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    for (int lang = 0; lang < 2; lang++) {
        view_opts o;
        memset(&o, 0, sizeof o);
        o.scenario = HJ_SRC "/scenarios/demo.lua";
        o.out_dir = VIEW_TEST_OUT "/keys";
        o.lang = lang ? I18N_ZH : I18N_EN;
        o.role = lang ? VIEW_INSTRUCTOR : VIEW_TRAINEE;
        view *v = view_new(&o, err, sizeof err);
        assert_non_null(v);
        const view_model *m = view_get_model(v);
        assert_int_equal(view_run_to(v, at(v, "01:00")), 0);
        for (int sc = 0; sc < VIEW_SCREEN__COUNT; sc++) {
            view_do(v, VIEW_A_SCREEN, sc);
            printf("[%s %d] %s\n", lang ? "zh" : "en", sc, m->keys_hint);
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                const char *label = lang ? keys[k].label_zh : keys[k].label_en;
                int here = (keys[k].screens >> sc) & 1;
                if (here) assert_non_null(strstr(m->keys_hint, label));
            }
            view_sdl_drawn dr;
            view_sdl_draw(d, v);
            view_sdl_last_drawn(d, &dr);
            assert_int_equal(dr.texts_cut, 0);
        }
        /* room keys do nothing on the platform screen: no grab taken */
        view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_PLATFORM);
        assert_int_equal(view_key(v, VIEW_KEY_A + ('g' - 'a')), 0);
        assert_int_equal(m->ngrabs, 0);
        view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
        assert_int_equal(view_key(v, VIEW_KEY_A + ('g' - 'a')), 1);
        assert_int_equal(m->ngrabs, 1);
        assert_int_equal(view_key(v, VIEW_KEY_0 + 2), 1);
        assert_int_equal(m->panel, VIEW_PANEL_ANALYZER);
        assert_int_equal(m->panel_arg, 1);
        assert_int_equal(view_key(v, VIEW_KEY_PLUS), 1);
        assert_int_equal(m->speed_idx, 3);
        assert_int_equal(view_key(v, VIEW_KEY_MINUS), 1);
        assert_int_equal(m->speed_idx, 2);
        view_free(v);
    }
    view_sdl_free(d);
}

static int is_125(double step)
{
    double m = step / pow(10, floor(log10(step) + 1e-9));
    return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6;
}

/* Axis ticks are round: 1-2-5 steps, 3 to 5 divisions, the smallest such top over the data
 * (the platform charts had 273, 204.8, 136.5, 68.25). */
static void test_axis(void **state)
{
    (void)state;
    static const struct {
        double vmax, step, top;
    } cases[] = {{273, 100, 300},    {218 * 1.0, 50, 250}, {27.3, 10, 30},  {28.64, 10, 30},
                 {220, 50, 250},     {0.84, 0.2, 1.0},     {1.0, 0.2, 1.0}, {7.3, 2, 8},
                 {3600, 1000, 4000}, {0, 0.2, 1.0},        {9.1, 2, 10}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        view_axis a;
        view_axis_for(cases[i].vmax, 0, &a);
        printf("vmax %g: step %g top %g (%d)\n", cases[i].vmax, a.step, a.top, a.ndiv);
        assert_true(fabs(a.step - cases[i].step) < 1e-9 * cases[i].step);
        assert_true(fabs(a.top - cases[i].top) < 1e-9 * cases[i].top);
    }
    for (double v = 0.013; v < 2e5; v *= 1.37) {
        view_axis a, b;
        view_axis_for(v, 0, &a);
        assert_true(is_125(a.step));
        assert_true(a.ndiv >= 3 && a.ndiv <= 5);
        assert_true(a.top >= v && a.top < v + a.step + 1e-9);
        view_axis_for(v / 7.3, a.ndiv, &b); /* a second axis on the same grid */
        assert_true(is_125(b.step));
        assert_int_equal(b.ndiv, a.ndiv);
        assert_true(b.top >= v / 7.3);
    }
}

/* The platform charts at 23:30: NH3-N with its limit on the left axis and TP with its own
 * limit on the right axis; conductivity and pH (the evidence cites conductivity); each
 * limit's label placed where no line of the chart passes (the COD label at its old place,
 * the plot's right end above the line, was crossed by the trace). */
static void test_charts(void **state)
{
    (void)state;
    view *v = open_view(HJ_SRC "/scenarios/demo.lua", VIEW_TEST_OUT "/charts", VIEW_TRAINEE);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "23:30")), 0);
    const view_chart *np = &m->charts[VIEW_C_NP], *cp = &m->charts[VIEW_C_CP];
    assert_int_equal(np->s[0], VIEW_S_NH3N);
    assert_int_equal(np->s[1], VIEW_S_TP);
    assert_true(np->limit[0] == 20 && np->limit[1] == 1.5);
    assert_int_equal(np->ax[1].ndiv, np->ax[0].ndiv);
    assert_true(np->ax[1].top >= 1.5);
    assert_int_equal(cp->s[0], VIEW_S_COND);
    assert_int_equal(cp->s[1], VIEW_S_PH);
    int cond = 0, ph = 0;
    for (int b = 0; b < VIEW_BINS; b++) {
        cond += !isnan(m->series[VIEW_S_COND][b]);
        ph += !isnan(m->series[VIEW_S_PH][b]);
    }
    printf("conductivity columns %d, pH columns %d\n", cond, ph);
    assert_true(cond > 600 && ph > 600);
    for (int i = 0; i < VIEW_C__COUNT; i++)
        for (int k = 0; k < 2; k++)
            if (m->charts[i].s[k] >= 0) {
                assert_true(is_125(m->charts[i].ax[k].step));
                assert_true(m->charts[i].ax[k].top > 0);
            }
    /* the COD limit's label: the old place is crossed, the chosen one is free */
    const view_chart *c = &m->charts[VIEW_C_COD];
    int ly = view_chart_y(c, 0, c->limit[0]);
    const int w = 80, h = 16;
    view_rect old = {c->plot.x + c->plot.w - w - 4, ly - 3 - h, w, h};
    view_rect got = view_label_spot(m, c, ly, w, h);
    int crossed_old = 0, crossed_new = 0, lb = -1, lyp = 0;
    for (int b = 0; b < VIEW_BINS; b++) {
        float val = m->series[VIEW_S_COD][b];
        if (isnan(val)) continue;
        int x = view_chart_x(c, b), y = view_chart_y(c, 0, val);
        int x0 = lb >= 0 && b - lb <= VIEW_JOIN_BINS ? view_chart_x(c, lb) : x;
        int y0 = lb >= 0 && b - lb <= VIEW_JOIN_BINS ? (lyp < y ? lyp : y) : y;
        int y1 = lb >= 0 && b - lb <= VIEW_JOIN_BINS ? (lyp > y ? lyp : y) : y;
        const view_rect *r[2] = {&old, &got};
        for (int k = 0; k < 2; k++)
            if (x >= r[k]->x && x0 < r[k]->x + r[k]->w && y1 >= r[k]->y && y0 <= r[k]->y + r[k]->h)
                *(k ? &crossed_new : &crossed_old) += 1;
        lb = b;
        lyp = y;
    }
    printf("limit label at (%d,%d), old place crossed %d times, new %d\n", got.x, got.y,
           crossed_old, crossed_new);
    assert_true(crossed_old > 0);
    assert_int_equal(crossed_new, 0);
    assert_true(got.y + h <= ly || got.y >= ly); /* beside the line, not on it */
    view_free(v);
}

/* In Chinese the analyzer panel has no English words left (parameter names, units of
 * time); the room with the panel is drawn to VIEW_TEST_OUT/room-analyzer-zh.png. */
static void test_panel_zh(void **state)
{
    (void)state;
    view_opts o;
    memset(&o, 0, sizeof o);
    o.scenario = HJ_SRC "/scenarios/demo.lua";
    o.out_dir = VIEW_TEST_OUT "/panel-zh";
    o.lang = I18N_ZH;
    o.role = VIEW_INSTRUCTOR;
    char err[1024] = "";
    view *v = view_new(&o, err, sizeof err);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(view_run_to(v, at(v, "12:00")), 0);
    view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
    view_do(v, VIEW_A_ANALYZER, 0);
    assert_true(m->npanel_lines > 5);
    static const char *const english[] = {"slope",      "intercept", "range",  "cycle", "digestion",
                                          "toc_factor", "min",       "manual", "degC"};
    for (int i = 0; i < m->npanel_lines; i++) {
        printf("%s\n", m->panel_lines[i]);
        for (size_t k = 0; k < sizeof english / sizeof english[0]; k++)
            assert_null(strstr(m->panel_lines[i], english[k]));
    }
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    view_sdl_draw(d, v);
    assert_int_equal(view_sdl_save_png(d, VIEW_TEST_OUT "/room-analyzer-zh.png", err, sizeof err),
                     0);
    view_sdl_free(d);
    view_free(v);
}

/* The view names fraud types from the catalogue's one table (proto/hjfraud.h): every type
 * in catalogue order, with its Chinese name in Chinese. */
static void test_fraud_table(void **state)
{
    (void)state;
    view_opts o;
    memset(&o, 0, sizeof o);
    o.scenario = HJ_SRC "/scenarios/demo.lua";
    o.out_dir = VIEW_TEST_OUT "/fraud-table";
    o.lang = I18N_ZH;
    char err[1024] = "";
    view *v = view_new(&o, err, sizeof err);
    assert_non_null(v);
    for (int i = 0; i < (int)hjfraud_count(); i++) {
        const hjfraud *ft = hjfraud_at((size_t)i);
        assert_string_equal(view_type_label(v, ft->key), ft->name_zh);
        assert_string_equal(view_fraud_label(v, i), ft->name_zh);
        assert_true((unsigned char)ft->name_zh[0] >= 0x80); /* Chinese */
    }
    assert_string_equal(view_fraud_label(v, (int)hjfraud_count()), "?");
    assert_string_equal(view_type_label(v, "unknown"), "未知类型");
    view_free(v);
}

/* The model's panel holds a line containing needle. */
static int panel_has(const view_model *m, const char *needle)
{
    for (int i = 0; i < m->npanel_lines; i++)
        if (strstr(m->panel_lines[i], needle)) return 1;
    return 0;
}

/* Pixels of a rectangle of a PNG that pass a test of their colour. */
typedef int (*px_test)(int r, int g, int b);
static long count_px(const char *png, int x0, int y0, int w, int h, px_test t)
{
    SDL_Surface *p = IMG_Load(png);
    assert_non_null(p);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(p, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(p);
    assert_non_null(s);
    long n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            Uint32 q = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
            n += t((int)((q >> 16) & 255), (int)((q >> 8) & 255), (int)(q & 255));
        }
    SDL_FreeSurface(s);
    return n;
}

static int is_cold(int r, int g, int b)
{
    (void)g;
    return b > r + 60;
}

static int is_alarm_red(int r, int g, int b)
{
    return abs(r - 228) < 12 && abs(g - 62) < 12 && abs(b - 56) < 12;
}

/* A CEMS (tests/view/gas.lua): the platform's gas charts (measured and converted values
 * as the platform stored them, the converted limits); the room as the devices stand; the
 * inspector's acts finding what the knobs did: the swapped span cylinder, the air drawn in
 * at the probe (and the portable analyzer reading above the CEMS), the cold heated line. */
static void test_gas(void **state)
{
    (void)state;
    view *v = open_view(HJ_SRC "/tests/view/gas.lua", VIEW_TEST_OUT "/gas", VIEW_TRAINEE);
    assert_non_null(v);
    const view_model *m = view_get_model(v);
    assert_int_equal(m->st[0].kind, STATION_GAS);
    assert_int_equal(view_run_to(v, at(v, "00:50")), 0);
    /* charts: SO2, NOx, flow and O2, PM; measured and converted on one axis */
    const view_chart *c = &m->charts[VIEW_C_COD];
    assert_int_equal(c->s[0], VIEW_S_SO2);
    assert_int_equal(c->s[1], VIEW_S_SO2_ZS);
    assert_int_equal(c->shared, 1);
    assert_true(c->limit[0] == 0 && c->limit[1] == 35);
    assert_true(m->charts[VIEW_C_NP].limit[1] == 50 && m->charts[VIEW_C_CP].limit[1] == 10);
    assert_int_equal(m->charts[VIEW_C_FLOW].s[0], VIEW_S_GFLOW);
    assert_int_equal(m->charts[VIEW_C_FLOW].s[1], VIEW_S_O2);
    /* the platform's ZsRtd is the measured value at the reference O2 (6 %) */
    int cols = 0, cod = 0;
    for (int b = 0; b < VIEW_BINS; b++) {
        double so2 = m->series[VIEW_S_SO2][b], zs = m->series[VIEW_S_SO2_ZS][b];
        double o2 = m->series[VIEW_S_O2][b];
        cod += !isnan(m->series[VIEW_S_COD][b]);
        if (isnan(so2) || isnan(zs) || isnan(o2)) continue;
        cols++;
        assert_true(fabs(zs - so2 * 15.0 / (21.0 - o2)) <= 0.02 * zs + 0.1);
    }
    printf("SO2 columns %d\n", cols);
    assert_true(cols >= 30);
    assert_int_equal(cod, 0);
    assert_true(!isnan(m->series[VIEW_S_GFLOW][30]) && m->series[VIEW_S_GFLOW][30] > 1e5);

    /* the room: what the coal boiler's CEMS has, where it is */
    view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
    const view_cems *g = &m->gas;
    static const int fitted[VIEW_GAN__COUNT] = {1, 1, 1, 1, 0, 1, 0};
    for (int k = 0; k < VIEW_GAN__COUNT; k++)
        assert_int_equal(g->an[k].fitted, fitted[k]);
    assert_int_equal(g->o2_insitu, 1);
    assert_true(g->line_c >= 120 && g->line_c <= 180);
    assert_true(g->chiller_c < 6);
    assert_true(g->running && g->load > 0.5 && g->qsn > 1e5 && g->velocity > 1);
    assert_int_equal(g->damper, 1);
    assert_true(g->damper_pos < 0.01);
    assert_int_equal(g->nmeters, 4); /* fan, FGD, SCR, bag filter */
    assert_true(g->meter_a[0] > 10);
    assert_non_null(strstr(m->keys_hint, "portable"));
    assert_null(strstr(m->keys_hint, "grab"));
    assert_int_equal(view_key(v, VIEW_KEY_A + ('g' - 'a')), 0); /* no water to grab */
    /* honest so far: the inspections find nothing */
    view_do(v, VIEW_A_INSPECT_GLINE, 0);
    view_do(v, VIEW_A_CHECK_PROBE, 0);
    assert_int_equal(view_key(v, VIEW_KEY_A + ('y' - 'a')), 1);
    assert_true(g->line_done && g->probe_done && g->cyl_done);
    assert_true(g->line_c_found >= 120 && g->leak_found == 0);
    assert_int_equal(m->panel, VIEW_PANEL_CYLINDERS);
    assert_true(panel_has(m, "SO2 span") && !panel_has(m, "differs"));
    assert_int_equal(g->an[VIEW_GAN_SO2].cyl_bad[0], 0);

    /* 02:30: the SO2 span cylinder holds 240 under a label of 160; the plan shows what the
     * last inspection found until the inspector looks again */
    assert_int_equal(view_run_to(v, at(v, "02:30")), 0);
    assert_int_equal(g->an[VIEW_GAN_SO2].cyl_bad[0], 0);
    assert_true(!panel_has(m, "differs"));
    view_do(v, VIEW_A_CYLINDERS, 0);
    assert_int_equal(g->an[VIEW_GAN_SO2].cyl_bad[0], 1);
    assert_int_equal(g->an[VIEW_GAN_NOX].cyl_bad[0], 0);
    assert_true(panel_has(m, "! SO2 span  label 160.0  reads 240.0"));
    /* the analyzer's panel: its calibration from that cylinder, labels, the state */
    assert_int_equal(view_key(v, VIEW_KEY_0 + 1), 1);
    assert_int_equal(m->panel, VIEW_PANEL_GAS_ANALYZER);
    assert_int_equal(m->panel_arg, VIEW_GAN_SO2);
    assert_true(panel_has(m, "span gas (label) 160.0") && panel_has(m, "calibration"));
    assert_int_equal(view_key(v, VIEW_KEY_0 + 5), 0); /* no CO2 analyzer */

    /* 04:00: air drawn in at the probe: the portable analyzer reads the flue gas */
    assert_int_equal(view_run_to(v, at(v, "04:00")), 0);
    assert_int_equal(view_key(v, VIEW_KEY_A + ('m' - 'a')), 1);
    assert_int_equal(m->nportables, 1);
    const view_portable *p = &m->portables[0];
    double ratio = p->cems_so2 / p->so2;
    printf("portable SO2 %.1f, CEMS %.1f (x %.2f); O2 %.2f / %.2f\n", p->so2, p->cems_so2, ratio,
           p->o2, p->cems_o2);
    assert_true(ratio > 0.3 && ratio < 0.5);     /* 0.6 (leak) x 160/240 (the cylinder) */
    assert_true(fabs(p->cems_o2 - p->o2) < 0.5); /* O2 in situ: not diluted */
    assert_true(fabs(p->so2_zs - p->so2 * 15.0 / (21.0 - p->o2)) < 1e-9);
    assert_true(panel_has(m, "portable"));
    char err[512] = "";
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    view_sdl_drawn dr;
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    assert_int_equal(dr.texts_cut, 0);
    assert_int_equal(view_sdl_save_png(d, VIEW_TEST_OUT "/cems-portable.png", err, sizeof err), 0);
    view_do(v, VIEW_A_CHECK_PROBE, 0);
    assert_true(fabs(g->leak_found - 0.4) < 1e-9);

    /* 09:00: the bypass half open, the heated line cold */
    assert_int_equal(view_run_to(v, at(v, "09:00")), 0);
    assert_true(fabs(g->damper_pos - 0.5) < 0.01 && fabs(g->damper_signal - 0.5) < 0.01);
    assert_true(g->line_c < 120);
    /* the O2 reading frozen at 3 %: the portable analyzer's O2 is the flue gas's */
    assert_int_equal(view_key(v, VIEW_KEY_A + ('m' - 'a')), 1);
    p = &m->portables[m->nportables - 1];
    printf("O2 portable %.2f, CEMS %.2f\n", p->o2, p->cems_o2);
    assert_true(fabs(p->cems_o2 - 3.0) < 0.05 && p->o2 > 5);
    view_do(v, VIEW_A_INSPECT_GLINE, 0);
    assert_true(g->line_c_found < 120 && g->line_at == m->now);
    view_do(v, VIEW_A_CYLINDERS, 0);
    /* drawn: the cold line blue, the swapped cylinder and the leak in red */
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    assert_int_equal(dr.texts_cut, 0);
    const char *png = VIEW_TEST_OUT "/cems-inspected.png";
    assert_int_equal(view_sdl_save_png(d, png, err, sizeof err), 0);
    long cold = count_px(png, 340, 431, 120, 5, is_cold);
    long red_cyl = count_px(png, 896, 420, 30, 40, is_alarm_red); /* below its label */
    printf("cold line pixels %ld, red SO2 cylinder pixels %ld\n", cold, red_cyl);
    assert_true(cold > 500);
    assert_true(red_cyl > 30 * 38);
    /* a finding on a gas station is filed like any other, among the types staged at gas
     * stations (the catalogue's kinds): camera tampering first, no water type */
    assert_int_equal(view_key(v, VIEW_KEY_A + ('f' - 'a')), 1);
    assert_int_equal(m->dlg.type, HJFRAUD_CAMERA_TAMPERING);
    int types = 0;
    for (int i = 0; i < m->nbuttons; i++)
        if (m->buttons[i].action == VIEW_A_F_TYPE) {
            types++;
            assert_true(hjfraud_at_kind(hjfraud_at((size_t)m->buttons[i].arg), 'g'));
        }
    assert_int_equal(types, 15);
    assert_int_equal(view_do(v, VIEW_A_F_TYPE, HJFRAUD_SAMPLE_CUP_INJECTION), 0);
    view_key(v, VIEW_KEY_UP); /* wraps to the last gas type */
    assert_int_equal(m->dlg.type, HJFRAUD_BYPASS_FLUE);
    click_button(v, VIEW_A_F_TYPE, HJFRAUD_PROBE_DILUTION);
    view_sdl_draw(d, v);
    view_sdl_last_drawn(d, &dr);
    assert_int_equal(dr.texts_cut, 0);
    assert_int_equal(view_sdl_save_png(d, VIEW_TEST_OUT "/cems-dialog.png", err, sizeof err), 0);
    assert_int_equal(view_do(v, VIEW_A_F_FILE, 0), 1);
    assert_int_equal(m->nfindings, 1);
    assert_string_equal(m->findings[0].mn, "33040001VIEWG01");
    assert_string_equal(m->findings[0].type, "probe_dilution");
    view_sdl_free(d);
    view_free(v);
}

/* A park of water and gas stations (scenarios/gas/honest_mixed_park.lua): each station
 * shows its own kind's charts, room, keys and panels, in both languages, nothing cut. */
static void test_mixed(void **state)
{
    (void)state;
    char err[512] = "";
    view_sdl *d = view_sdl_new(0, err, sizeof err);
    assert_non_null(d);
    for (int lang = 0; lang < 2; lang++) {
        view_opts o;
        memset(&o, 0, sizeof o);
        o.scenario = HJ_SRC "/scenarios/gas/honest_mixed_park.lua";
        o.out_dir = VIEW_TEST_OUT "/mixed";
        o.lang = lang ? I18N_ZH : I18N_EN;
        o.role = lang ? VIEW_INSTRUCTOR : VIEW_TRAINEE;
        view *v = view_new(&o, err, sizeof err);
        assert_non_null(v);
        const view_model *m = view_get_model(v);
        assert_int_equal((int)m->nst, 3);
        assert_int_equal(view_run_to(v, at(v, "10:00")), 0);
        static const int kind[3] = {STATION_WATER, STATION_GAS, STATION_VOCS};
        static const int chart0[3] = {VIEW_S_COD, VIEW_S_SO2, VIEW_S_NMHC};
        for (int i = 0; i < 3; i++) {
            view_do(v, VIEW_A_STATION, i);
            assert_int_equal(m->st[i].kind, kind[i]);
            assert_int_equal(m->charts[0].s[0], chart0[i]);
            int cols = 0;
            for (int b = 0; b < VIEW_BINS; b++)
                cols += !isnan(m->series[chart0[i]][b]);
            assert_true(cols > 100);
            for (int sc = 0; sc < VIEW_SCREEN__COUNT; sc++) {
                view_do(v, VIEW_A_SCREEN, sc);
                view_sdl_drawn dr;
                view_sdl_draw(d, v);
                view_sdl_last_drawn(d, &dr);
                assert_int_equal(dr.texts_cut, 0);
            }
            /* the room's own acts: the grab sample at water, the portable analyzer at gas;
             * the instructor stages the types of the station's kind */
            view_do(v, VIEW_A_SCREEN, VIEW_SCREEN_ROOM);
            int staged = 0, want = 0;
            for (size_t t = 0; t < hjfraud_count(); t++)
                want += hjfraud_at_kind(hjfraud_at(t), "wgv"[i]);
            for (int b = 0; b < m->nbuttons; b++)
                if (m->buttons[b].action == VIEW_A_STAGE) {
                    staged++;
                    assert_true(m->buttons[b].r.y + m->buttons[b].r.h <= 806);
                }
            assert_int_equal(staged, lang ? want : 0);
            int grab = view_key(v, VIEW_KEY_A + ('g' - 'a'));
            int portable = view_key(v, VIEW_KEY_A + ('m' - 'a'));
            assert_int_equal(grab, i == 0);
            assert_int_equal(portable, i != 0);
        }
        assert_int_equal(m->charts[2].s[0], -1); /* the VOCs station: two charts */
        assert_int_equal(m->gas.an[VIEW_GAN_GC].fitted, 1);
        assert_true(m->gas.gc_cycle_s > 0);
        assert_int_equal(view_key(v, VIEW_KEY_0 + 7), 1);
        assert_int_equal(m->panel, VIEW_PANEL_GAS_ANALYZER);
        assert_true(panel_has(m, "NMHC") && panel_has(m, "THC"));
        assert_true(m->portables[m->nportables - 1].nmhc > 0);
        /* back at the water station: its panels again, the CEMS's gone */
        view_do(v, VIEW_A_STATION, 0);
        assert_int_equal(m->panel, VIEW_PANEL_NONE);
        assert_int_equal(m->gas.an[VIEW_GAN_GC].fitted, 0);
        assert_int_equal(view_key(v, VIEW_KEY_0 + 1), 1);
        assert_int_equal(m->panel, VIEW_PANEL_ANALYZER);
        view_free(v);
    }
    view_sdl_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drill),    cmocka_unit_test(test_stage),
        cmocka_unit_test(test_tamper),   cmocka_unit_test(test_fraud_table),
        cmocka_unit_test(test_evidence), cmocka_unit_test(test_truth_open),
        cmocka_unit_test(test_keys),     cmocka_unit_test(test_axis),
        cmocka_unit_test(test_charts),   cmocka_unit_test(test_panel_zh),
        cmocka_unit_test(test_gas),      cmocka_unit_test(test_mixed),
    };
    if (getenv("VIEW_TEST")) cmocka_set_test_filter(getenv("VIEW_TEST")); /* one test by name */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
