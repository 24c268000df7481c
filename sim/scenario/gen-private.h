/*
 * gen-private.h — what gen.c (drawing) and gen-render.c (writing) share: local time as
 * text, a bounded string builder.
 */
#ifndef GEN_PRIVATE_H
#define GEN_PRIVATE_H

#include "gen.h"

#include <stddef.h>
#include <stdint.h>

#define GEN_DAY  86400
#define GEN_HOUR 3600
#define GEN_MIN  60

/* "YYYY-MM-DD HH:MM", with ":SS" when t has seconds. t: local seconds. */
void gen_fmt_time(int64_t t, char *buf, size_t n);
/* "1d2h30m", "45m", "90s" (whole seconds; "0s" for 0). */
void gen_fmt_dur(int64_t s, char *buf, size_t n);

/* A text builder over a fixed buffer: appends are cut at the end, always NUL-terminated. */
typedef struct gen_sb {
    char *buf;
    size_t cap, len;
} gen_sb;

void gen_sb_init(gen_sb *b, char *buf, size_t cap);
void gen_sb_printf(gen_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include "rng.h"

/* The drawing context of one scenario (gen.c). */
typedef struct gen_ctx {
    rng r;
    gen_plan *p;
    const gen_options *o;
    int64_t start, end;
    int diff;
    int no_repeat, no_to_end; /* recipes: one occurrence, with a duration */
} gen_ctx;

/* gen.c's draws, for gen-gas.c: uniform in [lo, hi), integer in [lo, hi], a chance, an
 * index by weights, x on a grid, x to two significant digits, a fraud's intensity. */
double gen_u(gen_ctx *c, double lo, double hi);
int gen_i(gen_ctx *c, int lo, int hi);
int gen_chance(gen_ctx *c, double p);
int gen_pick(gen_ctx *c, const int *w, int n);
double gen_q(double x, double step);
double gen_q2(double x);
double gen_intensity(gen_ctx *c);
/* An option of a fraud: key = text (Lua). */
void gen_opt_add(gen_fraud *f, const char *key, const char *text);
/* The fraud types staged at the kinds (GEN_KIND_* bits), as hjfraud_id bits. */
uint32_t gen_kind_types(uint32_t kinds);
/* MN prefix and city of a drawn city (gen.c's table). */
void gen_city(gen_ctx *c, char *code, size_t ncode, char *city, size_t ncity);
/* Draws a gas (kind 1) or VOCs (kind 2) station into s (gen-gas.c). 0. */
int gen_gas_station(gen_ctx *c, gen_station *s, int index, int kind, int honest);

/* The analyzer position's name in texts: "COD", "NH3-N", "TP", "TN". */
const char *gen_param_label(const char *param);

#endif
