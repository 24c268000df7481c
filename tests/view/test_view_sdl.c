/*
 * test_view_sdl.c — the SDL driver's event path (run under xvfb-run): SDL events pushed
 * with SDL_PushEvent go through view_sdl_run's pump into the core: open the finding
 * dialog (F), type the interval (Tab, Backspace, text input), file it (Enter), pause with
 * a mouse click on the pause button, quit.
 */
#include "view-sdl.h"
#include "view.h"

#include <SDL.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static void key(SDL_Keycode k)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void type_text(const char *s)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof e.text.text, "%s", s);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void clear(void)
{
    for (int i = 0; i < 20; i++)
        key(SDLK_BACKSPACE);
}

static void test_events(void **state)
{
    (void)state;
    view_opts o;
    memset(&o, 0, sizeof o);
    o.scenario = HJ_SRC "/scenarios/demo.lua";
    o.out_dir = VIEW_TEST_OUT "/sdl";
    o.lang = I18N_ZH;
    char err[1024] = "";
    view *v = view_new(&o, err, sizeof err);
    assert_non_null(v);
    int64_t t = 0;
    assert_int_equal(view_parse_time(v, "12:00", &t), 0);
    assert_int_equal(view_run_to(v, t), 0);
    view_sdl *d = view_sdl_new(1, err, sizeof err);
    if (!d) fprintf(stderr, "view_sdl_new: %s\n", err);
    assert_non_null(d);
    const view_model *m = view_get_model(v);
    int px = -1, py = -1;
    for (int i = 0; i < m->nbuttons; i++)
        if (m->buttons[i].action == VIEW_A_PAUSE) {
            px = m->buttons[i].r.x + m->buttons[i].r.w / 2;
            py = m->buttons[i].r.y + m->buttons[i].r.h / 2;
        }
    assert_true(px > 0);
    key(SDLK_f);
    key(SDLK_TAB);
    clear();
    type_text("10:30");
    key(SDLK_TAB);
    clear();
    type_text("11:00");
    key(SDLK_TAB);
    type_text("样品杯注水");
    key(SDLK_RETURN);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = px;
    e.button.y = py;
    assert_int_equal(SDL_PushEvent(&e), 1);
    memset(&e, 0, sizeof e);
    e.type = SDL_QUIT;
    assert_int_equal(SDL_PushEvent(&e), 1);
    assert_int_equal(view_sdl_run(d, v), 0);
    assert_int_equal(m->nfindings, 1);
    assert_int_equal(m->findings[0].start, t - 90 * 60000);
    assert_int_equal(m->findings[0].end, t - 60 * 60000);
    assert_string_equal(m->findings[0].evidence, "样品杯注水");
    assert_string_equal(m->findings[0].type, "sample_cup_injection");
    assert_int_equal(m->paused, 1);
    assert_int_equal(m->dlg.open, 0);
    view_sdl_free(d);
    view_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_events)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
