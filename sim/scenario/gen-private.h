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

/* The analyzer position's name in texts: "COD", "NH3-N", "TP", "TN". */
const char *gen_param_label(const char *param);

#endif
