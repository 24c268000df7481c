/*
 * gen-render.c — a drawn plan (gen.h) as a scenario file: a header comment that tells a
 * reader what is staged, where, when and why, then scenario{}, the stations, the frauds
 * (fraud.<type> calls, or the raw API acts drawn with them) and the honest confounders.
 */
#include "gen-private.h"

#include "hjfraud.h"
#include "plant.h"
#include "stack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RENDER_CAP = 1 << 20, WRAP = 96 };

/* Appends text as comment lines of at most WRAP columns (UTF-8 characters counted as one,
 * CJK as two), the first with lead, the others with cont. */
static void comment(gen_sb *b, const char *lead, const char *cont, const char *text)
{
    const char *p = text;
    const char *pre = lead;
    while (*p) {
        int width = (int)strlen(pre), cut = -1, w = width;
        size_t i = 0, last_space = 0;
        for (; p[i]; i++) {
            unsigned char ch = (unsigned char)p[i];
            if ((ch & 0xC0) == 0x80) continue;
            w += ch >= 0xE0 ? 2 : 1;
            if (ch == ' ') last_space = i;
            if (w > WRAP && last_space) {
                cut = (int)last_space;
                break;
            }
        }
        if (cut < 0) {
            gen_sb_printf(b, "%s%s\n", pre, p);
            return;
        }
        gen_sb_printf(b, "%s%.*s\n", pre, cut, p);
        p += cut + 1;
        pre = cont;
    }
}

static void shift_text(const gen_station *s, char *buf, size_t n)
{
    gen_sb b;
    gen_sb_init(&b, buf, n);
    if (!s->nshifts) {
        gen_sb_printf(&b, "around the clock");
        return;
    }
    for (int i = 0; i < s->nshifts; i++)
        gen_sb_printf(&b, "%s%02d:%02d-%02d:%02d", i ? ", " : "", s->shift[i][0] / 60,
                      s->shift[i][0] % 60, s->shift[i][1] / 60, s->shift[i][1] % 60);
}

static const char *const LEVEL_WORDS[] = {"well under the limit", "near the limit",
                                          "over the limit: honest exceedance"};

/* the times of a fraud in words */
static void when_text(const gen_plan *p, const gen_fraud *f, char *buf, size_t n)
{
    gen_sb b;
    gen_sb_init(&b, buf, n);
    char t[32], d[32];
    if (f->type == HJFRAUD_SAMPLE_CUP_INJECTION) {
        gen_sb_printf(&b, "at ");
        for (int i = 0; i < f->reps; i++) {
            gen_fmt_time(f->rep_at[i], t, sizeof t);
            gen_sb_printf(&b, "%s%s", i ? (i + 1 == f->reps ? " and " : ", ") : "", t);
        }
        return;
    }
    gen_fmt_time(f->at, t, sizeof t);
    if (!f->dur) {
        gen_sb_printf(&b, "from %s to the end of the run", t);
        return;
    }
    gen_fmt_dur(f->dur, d, sizeof d);
    gen_sb_printf(&b, "from %s for %s", t, d);
    if (f->days > 1) gen_sb_printf(&b, ", %d days running at the same time", f->days);
    int64_t tod = (f->at - p->start) % GEN_DAY;
    if (f->at - p->start < 6 * GEN_HOUR)
        gen_sb_printf(&b, " (the first hours of the run)");
    else if (tod >= 20 * GEN_HOUR || tod < 5 * GEN_HOUR)
        gen_sb_printf(&b, " (at night)");
}

static int events_of(const gen_fraud *f)
{
    return f->type == HJFRAUD_SAMPLE_CUP_INJECTION ? f->reps : f->days;
}

static const char *const RECIPES[] = {"", "treatment cut, then false flags over its exceedances",
                                      "dilution with the outfall camera turned away",
                                      "two frauds in turn"};

static void station_events(gen_sb *b, const gen_plan *p, const gen_station *s);
static void header_end(gen_sb *b, const gen_plan *p);

/* A gas or VOCs station's source and instruments in words. */
static void gas_lines(gen_sb *b, const gen_station *s)
{
    char line[600];
    const gen_gas *g = &s->gas;
    snprintf(line, sizeof line, "%s source: %s, scheduled load %g, full-load flue gas %g m3/h%s",
             s->kind == 1 ? "flue-gas" : "VOCs", stack_profile_name(g->profile), g->load, g->flue_nm3h,
             g->bypass ? ", with a bypass flue and its damper" : "");
    comment(b, "--   ", "--     ", line);
    snprintf(line, sizeof line, "instruments: %s; HJ 212-%d; cameras: station, outfall; limits: the profile's",
             s->kind == 1 ? (g->o2_extractive ? "SO2, NOx, CO, particulate, O2 extractive"
                                              : "SO2, NOx, CO, particulate, O2 in situ")
                          : "GC-FID (THC, CH4, NMHC)",
             s->protocol);
    comment(b, "--   ", "--     ", line);
}

static void header(gen_sb *b, const gen_plan *p)
{
    char fn[64], t[32], line[600];
    gen_file_name(p->index, fn, sizeof fn);
    gen_fmt_time(p->start, t, sizeof t);
    snprintf(line, sizeof line,
             "%s — a generated drill: scenario %u of the set of seed %llu (`hjrange generate "
             "--seed %llu`; the same seed writes the same file). Every value below is drawn from "
             "the ranges of docs/generator.md. Difficulty: %s.",
             fn, p->index + 1, (unsigned long long)p->set_seed, (unsigned long long)p->set_seed,
             gen_difficulty_name(p->difficulty));
    comment(b, "-- ", "-- ", line);
    snprintf(line, sizeof line, "%d station%s, %d day%s from %s; scenario seed %llu.", p->nst,
             p->nst > 1 ? "s" : "", p->days, p->days > 1 ? "s" : "", t,
             (unsigned long long)p->seed);
    comment(b, "-- ", "-- ", line);
    for (int i = 0; i < p->nst; i++) {
        const gen_station *s = &p->st[i];
        char sh[64];
        shift_text(s, sh, sizeof sh);
        gen_sb_printf(b, "--\n-- %s  %s  %s%s\n", s->var, s->mn, s->name,
                      s->honest ? "  (honest: no fraud)" : "");
        if (s->kind) {
            gas_lines(b, s);
            station_events(b, p, s);
            continue;
        }
        snprintf(line, sizeof line, "plant: %s, %g m3/h, production %s, noise %g%s",
                 plant_profile_name(s->profile), s->flow_m3h, sh, s->noise,
                 s->combined ? "; the outfall channel also takes storm water (combined, by design)"
                             : "");
        comment(b, "--   ", "--     ", line);
        snprintf(line, sizeof line,
                 "limits (the profile's standard): COD %g, NH3-N %g, TP %g, TN %g mg/L, pH %g-%g",
                 s->lim_cod, s->lim_nh3n, s->lim_tp, s->lim_tn, s->ph_lo, s->ph_hi);
        comment(b, "--   ", "--     ", line);
        snprintf(line, sizeof line, "effluent means: COD %g (%s: %.2f of it), NH3-N %g, TP %g",
                 s->eff_cod, LEVEL_WORDS[s->level], s->cod_ratio, s->eff_nh3n, s->eff_tp);
        comment(b, "--   ", "--     ", line);
        char cams[32];
        snprintf(cams, sizeof cams, "%s%s%s", s->cam_station ? "station" : "",
                 s->cam_station && s->cam_outfall ? ", " : "", s->cam_outfall ? "outfall" : "");
        snprintf(line, sizeof line,
                 "instruments: COD (%s)%s%s%s, pH; every %d min; HJ 212-%d; cameras: %s; flow "
                 "meter %s the sampling point",
                 s->toc ? "TOC analyzer" : "dichromate", s->nh3n ? ", NH3-N" : "",
                 s->tp ? ", TP" : "", s->tn ? ", TN" : "", s->cycle_min, s->protocol,
                 cams[0] ? cams : "none", s->meter_upstream ? "upstream of" : "downstream of");
        comment(b, "--   ", "--     ", line);
        station_events(b, p, s);
    }
    header_end(b, p);
}

/* Per station: its frauds and confounders in words. */
static void station_events(gen_sb *b, const gen_plan *p, const gen_station *s)
{
    char line[600];
    {
        for (int k = 0; k < s->nfraud; k++) {
            const gen_fraud *f = &s->fraud[k];
            char when[300];
            when_text(p, f, when, sizeof when);
            snprintf(line, sizeof line, "fraud %d: %s — %s, intensity %.2f%s%s%s", k + 1,
                     hjfraud_at((size_t)f->type)->key, f->raw ? "raw API" : "fraud library",
                     f->intensity, f->recipe ? " (" : "", f->recipe ? RECIPES[f->recipe] : "",
                     f->recipe ? ")" : "");
            comment(b, "--   ", "--     ", line);
            comment(b, "--     when: ", "--       ", when);
            comment(b, "--     what: ", "--       ", f->what);
            comment(b, "--     why: ", "--       ", f->why);
        }
        for (int k = 0; k < s->nconf; k++) {
            const gen_conf *c = &s->conf[k];
            char when[64];
            gen_fmt_time(c->at, when, sizeof when);
            snprintf(line, sizeof line, "honest %s at %s: %s", gen_conf_name(c->kind), when,
                     c->what);
            comment(b, "--   ", "--     ", line);
        }
    }
}

static void header_end(gen_sb *b, const gen_plan *p)
{
    char line[600];
    int nev = 0;
    gen_sb hb;
    char honest[200];
    gen_sb_init(&hb, honest, sizeof honest);
    for (int i = 0; i < p->nst; i++) {
        for (int k = 0; k < p->st[i].nfraud; k++)
            nev += events_of(&p->st[i].fraud[k]);
        if (p->st[i].honest) gen_sb_printf(&hb, "%s%s", hb.len ? ", " : "", p->st[i].var);
    }
    snprintf(line, sizeof line, "Ground truth: %d event%s (each fraud occurrence above)%s%s%s.",
             nev, nev == 1 ? "" : "s", hb.len ? "; honest stations: " : "", honest,
             hb.len ? " (any alarm there is a false one)" : "");
    gen_sb_printf(b, "--\n");
    comment(b, "-- ", "-- ", line);
}

static void gas_station_code(gen_sb *b, const gen_station *s)
{
    const gen_gas *g = &s->gas;
    gen_sb_printf(b, "local %s = station {\n", s->var);
    gen_sb_printf(b, "  kind      = \"%s\",\n", s->kind == 1 ? "gas" : "vocs");
    gen_sb_printf(b, "  mn        = \"%s\",\n", s->mn);
    gen_sb_printf(b, "  name      = \"%s\",\n", s->name);
    gen_sb_printf(b, "  protocol  = \"%d\",\n", s->protocol);
    gen_sb_printf(b, "  plant     = { profile = \"%s\", load = %g, flue_nm3h = %g },\n",
                  stack_profile_name(g->profile), g->load, g->flue_nm3h);
    if (s->kind == 1) {
        gen_sb_printf(b, "  analyzers = { o2 = \"%s\" },\n", g->o2_extractive ? "extractive" : "insitu");
        gen_sb_printf(b, "  stack     = { bypass = %s },\n", g->bypass ? "true" : "false");
    }
    gen_sb_printf(b, "}\n\n");
}

static void station_code(gen_sb *b, const gen_station *s)
{
    if (s->kind) {
        gas_station_code(b, s);
        return;
    }
    gen_sb_printf(b, "local %s = station {\n", s->var);
    gen_sb_printf(b, "  mn        = \"%s\",\n", s->mn);
    gen_sb_printf(b, "  name      = \"%s\",\n", s->name);
    gen_sb_printf(b, "  protocol  = \"%d\",\n", s->protocol);
    gen_sb_printf(b, "  plant     = { profile = \"%s\", flow_m3h = %g, noise = %g,\n",
                  plant_profile_name(s->profile), s->flow_m3h, s->noise);
    gen_sb_printf(b, "                effluent = { cod = %g, nh3n = %g, tp = %g }", s->eff_cod,
                  s->eff_nh3n, s->eff_tp);
    if (s->nshifts) {
        char sh[64];
        gen_sb_printf(b, ",\n                shifts = { ");
        for (int i = 0; i < s->nshifts; i++) {
            gen_sb one;
            gen_sb_init(&one, sh, sizeof sh);
            gen_sb_printf(&one, "\"%02d:%02d-%02d:%02d\"", s->shift[i][0] / 60, s->shift[i][0] % 60,
                          s->shift[i][1] / 60, s->shift[i][1] % 60);
            gen_sb_printf(b, "%s%s", i ? ", " : "", sh);
        }
        gen_sb_printf(b, " }");
    }
    gen_sb_printf(b, " },\n");
    gen_sb_printf(b, "  limits    = { cod = %g, nh3n = %g, tp = %g, tn = %g, ph = { %g, %g } },\n",
                  s->lim_cod, s->lim_nh3n, s->lim_tp, s->lim_tn, s->ph_lo, s->ph_hi);
    gen_sb_printf(b, "  analyzers = { cod = \"%s\", nh3n = %s, tp = %s, tn = %s, ph = true },\n",
                  s->toc ? "toc" : "cod", s->nh3n ? "true" : "false", s->tp ? "true" : "false",
                  s->tn ? "true" : "false");
    gen_sb_printf(b, "  cycle     = \"%s\",\n",
                  s->cycle_min == 30   ? "30m"
                  : s->cycle_min == 60 ? "1h"
                                       : "2h");
    if (!s->cam_station && !s->cam_outfall)
        gen_sb_printf(b, "  cameras   = {},\n");
    else
        gen_sb_printf(b, "  cameras   = { %s%s%s },\n", s->cam_station ? "\"station\"" : "",
                      s->cam_station && s->cam_outfall ? ", " : "",
                      s->cam_outfall ? "\"outfall\"" : "");
    gen_sb_printf(b,
                  "  facilities = { production = { \"line1\"%s }, treatment = { \"blower\", "
                  "\"lift_pump\"%s } },\n",
                  s->nlines > 1 ? ", \"line2\"" : "", s->dosing ? ", \"dosing\"" : "");
    if (s->meter_upstream) gen_sb_printf(b, "  flow_meter = \"upstream\",\n");
    gen_sb_printf(b, "}\n\n");
}

/* fraud.<type>(st, { at = ..., ... }) wrapped at WRAP columns */
static void library_call(gen_sb *b, const gen_station *s, const gen_fraud *f, int64_t at)
{
    char items[GEN_MAX_OPTS + 3][160];
    int n = 0;
    char t[32], d[32];
    gen_fmt_time(at, t, sizeof t);
    snprintf(items[n++], sizeof items[0], "at = \"%s\"", t);
    if (f->dur) {
        gen_fmt_dur(f->dur, d, sizeof d);
        snprintf(items[n++], sizeof items[0], "duration = \"%s\"", d);
    }
    if (f->days > 1) snprintf(items[n++], sizeof items[0], "days = %d", f->days);
    for (int i = 0; i < f->nopt; i++)
        snprintf(items[n++], sizeof items[0], "%s = %s", f->opt[i].key, f->opt[i].lua);
    char head[96];
    snprintf(head, sizeof head, "fraud.%s(%s, { ", hjfraud_at((size_t)f->type)->key, s->var);
    gen_sb_printf(b, "%s", head);
    int col = (int)strlen(head);
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(items[i]) + (i + 1 < n ? 1 : 3);
        if (i) {
            if (col + 1 + len > WRAP) {
                gen_sb_printf(b, ",\n  ");
                col = 2;
            } else {
                gen_sb_printf(b, ", ");
                col += 2;
            }
        }
        gen_sb_printf(b, "%s", items[i]);
        col += len;
    }
    gen_sb_printf(b, " })\n");
}

char *gen_render(const gen_plan *p)
{
    char *buf = malloc(RENDER_CAP);
    if (!buf) return NULL;
    gen_sb b;
    gen_sb_init(&b, buf, RENDER_CAP);
    header(&b, p);
    char t[32], d[32];
    gen_fmt_time(p->start, t, sizeof t);
    gen_fmt_dur((int64_t)p->days * GEN_DAY, d, sizeof d);
    gen_sb_printf(&b, "\nscenario {\n");
    gen_sb_printf(&b, "  name     = \"generated drill %u (set seed %llu)\",\n", p->index + 1,
                  (unsigned long long)p->set_seed);
    gen_sb_printf(&b, "  start    = \"%s\",\n  duration = \"%s\",\n  seed     = %llu,\n}\n\n", t, d,
                  (unsigned long long)p->seed);
    int lib = 0;
    for (int i = 0; i < p->nst; i++)
        for (int k = 0; k < p->st[i].nfraud; k++)
            lib |= !p->st[i].fraud[k].raw;
    if (lib) gen_sb_printf(&b, "local fraud = require \"fraud\"\n\n");
    for (int i = 0; i < p->nst; i++)
        station_code(&b, &p->st[i]);
    for (int i = 0; i < p->nst; i++) {
        const gen_station *s = &p->st[i];
        for (int k = 0; k < s->nfraud; k++) {
            const gen_fraud *f = &s->fraud[k];
            gen_sb_printf(&b, "-- %s, fraud %d: %s (%s)\n", s->var, k + 1,
                          hjfraud_at((size_t)f->type)->key, f->raw ? "raw API" : "fraud library");
            if (f->raw) {
                gen_sb_printf(&b, "%s", f->code);
            } else if (f->type == HJFRAUD_SAMPLE_CUP_INJECTION) {
                for (int r = 0; r < f->reps; r++)
                    library_call(&b, s, f, f->rep_at[r]);
            } else {
                library_call(&b, s, f, f->at);
            }
            gen_sb_printf(&b, "\n");
        }
        for (int k = 0; k < s->nconf; k++) {
            const gen_conf *c = &s->conf[k];
            gen_sb_printf(&b, "-- %s, honest: %s\n%s\n", s->var, gen_conf_name(c->kind), c->code);
        }
    }
    /* one trailing newline */
    while (b.len > 1 && buf[b.len - 1] == '\n' && buf[b.len - 2] == '\n')
        buf[--b.len] = '\0';
    return buf;
}
