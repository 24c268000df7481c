/*
 * batch.c — building a batch (batch.h): texts copied into one growing buffer, records kept
 * as offsets into it, pointers made only when the batch is asked for (the buffer moves
 * while it grows).
 */
#include "batch.h"

#include <stdint.h>
#include <stdlib.h>

#define MN_MAX       24 /* bytes of an MN (the codec's limit) */
#define DATATIME_MAX 23

#define NO_TEXT SIZE_MAX /* an offset for no text: "" */

typedef struct upload_rec {
    size_t mn, datatime, raw;
    int cn;
    int64_t received_ms;
    size_t first, nfields;
    int st; /* the packet's ST; 0 unknown */
} upload_rec;

typedef struct field_rec {
    size_t polid, code, field, value;
    char flag;
} field_rec;

typedef struct order_rec {
    size_t mn, task, start, end, who, filed;
    int has_filed;
} order_rec;

typedef struct lab_rec {
    size_t mn, param, time;
    double value;
} lab_rec;

/* A growing array: items of one size, count and capacity. */
typedef struct vec {
    void *items;
    size_t n, cap;
} vec;

struct batch_buf {
    char *text;
    size_t ntext, captext;
    vec uploads, fields, orders, labs; /* upload_rec, field_rec, order_rec, lab_rec */
    /* the batch handed out, and the arrays its pointers are in */
    batch out;
    vec out_uploads, out_fields, out_orders, out_labs;
};

/* Room for `need` items of `size` bytes in v; 0, or -1 when out of memory. */
static int vec_reserve(vec *v, size_t need, size_t size)
{
    if (need <= v->cap) return 0;
    size_t cap = v->cap ? v->cap : 64;
    while (cap < need)
        cap *= 2;
    void *p = realloc(v->items, cap * size);
    if (!p) return -1;
    v->items = p;
    v->cap = cap;
    return 0;
}

/* A slot at the end of v (counted), or NULL when out of memory. */
static void *vec_push(vec *v, size_t size)
{
    if (vec_reserve(v, v->n + 1, size) != 0) return NULL;
    return (char *)v->items + size * v->n++;
}

batch_buf *batch_buf_new(void)
{
    return calloc(1, sizeof(batch_buf));
}

void batch_buf_free(batch_buf *b)
{
    if (!b) return;
    free(b->text);
    vec *all[] = {&b->uploads,     &b->fields,     &b->orders,     &b->labs,
                  &b->out_uploads, &b->out_fields, &b->out_orders, &b->out_labs};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]->items);
    free(b);
}

void batch_buf_clear(batch_buf *b)
{
    b->ntext = 0;
    b->uploads.n = b->fields.n = b->orders.n = b->labs.n = 0;
}

batch_mark batch_buf_mark(const batch_buf *b)
{
    return (batch_mark){b->orders.n, b->uploads.n, b->fields.n, b->labs.n, b->ntext};
}

void batch_buf_rewind(batch_buf *b, batch_mark m)
{
    b->orders.n = m.orders;
    b->uploads.n = m.uploads;
    b->fields.n = m.fields;
    b->labs.n = m.labs;
    b->ntext = m.text;
}

/* Copies t (up to max bytes, and not past a NUL) and a NUL; its offset into *off. */
static int put_text(batch_buf *b, batch_text t, size_t max, size_t *off)
{
    size_t n = t.p ? t.n : 0;
    if (n > max) n = max;
    const char *nul = n ? memchr(t.p, '\0', n) : NULL;
    if (nul) n = (size_t)(nul - t.p);
    if (b->ntext + n + 1 > b->captext) {
        size_t cap = b->captext ? b->captext : 4096;
        while (cap < b->ntext + n + 1)
            cap *= 2;
        char *p = realloc(b->text, cap);
        if (!p) return -1;
        b->text = p;
        b->captext = cap;
    }
    *off = b->ntext;
    if (n) memcpy(b->text + b->ntext, t.p, n);
    b->text[b->ntext + n] = '\0';
    b->ntext += n + 1;
    return 0;
}

int batch_buf_upload(batch_buf *b, batch_text mn, int cn, batch_text datatime, int64_t received_ms)
{
    batch_mark m = batch_buf_mark(b);
    upload_rec u = {0, 0, NO_TEXT, cn, received_ms, b->fields.n, 0, 0};
    upload_rec *slot = NULL;
    if (put_text(b, mn, MN_MAX, &u.mn) != 0 ||
        put_text(b, datatime, DATATIME_MAX, &u.datatime) != 0 ||
        !(slot = vec_push(&b->uploads, sizeof u))) {
        batch_buf_rewind(b, m);
        return -1;
    }
    *slot = u;
    return 0;
}

int batch_buf_raw(batch_buf *b, batch_text raw)
{
    if (!b->uploads.n) return -1;
    upload_rec *u = (upload_rec *)b->uploads.items + (b->uploads.n - 1);
    return put_text(b, raw, SIZE_MAX, &u->raw);
}

int batch_buf_st(batch_buf *b, int st)
{
    if (!b->uploads.n) return -1;
    ((upload_rec *)b->uploads.items + (b->uploads.n - 1))->st = st;
    return 0;
}

int batch_buf_field(batch_buf *b, batch_text polid, batch_text code, batch_text field,
                    batch_text value, batch_text flag)
{
    if (!b->uploads.n) return -1;
    upload_rec *u = (upload_rec *)b->uploads.items + (b->uploads.n - 1);
    if (u->nfields >= BATCH_MAX_FIELDS) return 0;
    batch_mark m = batch_buf_mark(b);
    field_rec f = {0, 0, 0, 0, flag.p && flag.n ? flag.p[0] : 0};
    field_rec *slot = NULL;
    if (put_text(b, polid, BATCH_TEXT - 1, &f.polid) != 0 ||
        put_text(b, code, BATCH_TEXT - 1, &f.code) != 0 ||
        put_text(b, field, BATCH_TEXT - 1, &f.field) != 0 ||
        put_text(b, value, BATCH_TEXT - 1, &f.value) != 0 ||
        !(slot = vec_push(&b->fields, sizeof f))) {
        batch_buf_rewind(b, m);
        return -1;
    }
    *slot = f;
    u->nfields++;
    return 0;
}

int batch_buf_order(batch_buf *b, const char *mn, const char *task, const char *start,
                    const char *end, const char *who, const char *filed)
{
    batch_mark m = batch_buf_mark(b);
    order_rec o = {0, 0, 0, 0, 0, 0, filed != NULL};
    order_rec *slot = NULL;
    if (put_text(b, BATCH_TEXT_OF(mn), SIZE_MAX, &o.mn) != 0 ||
        put_text(b, BATCH_TEXT_OF(task), SIZE_MAX, &o.task) != 0 ||
        put_text(b, BATCH_TEXT_OF(start), SIZE_MAX, &o.start) != 0 ||
        put_text(b, BATCH_TEXT_OF(end), SIZE_MAX, &o.end) != 0 ||
        put_text(b, BATCH_TEXT_OF(who), SIZE_MAX, &o.who) != 0 ||
        (filed && put_text(b, BATCH_TEXT_OF(filed), SIZE_MAX, &o.filed) != 0) ||
        !(slot = vec_push(&b->orders, sizeof o))) {
        batch_buf_rewind(b, m);
        return -1;
    }
    *slot = o;
    return 0;
}

int batch_buf_lab(batch_buf *b, const char *mn, const char *param, const char *time, double value)
{
    batch_mark m = batch_buf_mark(b);
    lab_rec l = {0, 0, 0, value};
    lab_rec *slot = NULL;
    if (put_text(b, BATCH_TEXT_OF(mn), SIZE_MAX, &l.mn) != 0 ||
        put_text(b, BATCH_TEXT_OF(param), SIZE_MAX, &l.param) != 0 ||
        put_text(b, BATCH_TEXT_OF(time), SIZE_MAX, &l.time) != 0 ||
        !(slot = vec_push(&b->labs, sizeof l))) {
        batch_buf_rewind(b, m);
        return -1;
    }
    *slot = l;
    return 0;
}

const batch *batch_buf_get(batch_buf *b)
{
    if (vec_reserve(&b->out_uploads, b->uploads.n, sizeof(batch_upload)) != 0 ||
        vec_reserve(&b->out_fields, b->fields.n, sizeof(batch_field)) != 0 ||
        vec_reserve(&b->out_orders, b->orders.n, sizeof(batch_order)) != 0 ||
        vec_reserve(&b->out_labs, b->labs.n, sizeof(batch_lab)) != 0)
        return NULL;
    const char *t = b->text;
    batch_field *fields = b->out_fields.items;
    const field_rec *fr = b->fields.items;
    for (size_t i = 0; i < b->fields.n; i++)
        fields[i] = (batch_field){t + fr[i].polid, t + fr[i].code, t + fr[i].field, t + fr[i].value,
                                  fr[i].flag};
    batch_upload *uploads = b->out_uploads.items;
    const upload_rec *ur = b->uploads.items;
    for (size_t i = 0; i < b->uploads.n; i++)
        uploads[i] = (batch_upload){t + ur[i].mn,
                                    ur[i].cn,
                                    t + ur[i].datatime,
                                    ur[i].received_ms,
                                    ur[i].nfields ? fields + ur[i].first : NULL,
                                    ur[i].nfields,
                                    ur[i].raw == NO_TEXT ? "" : t + ur[i].raw,
                                    ur[i].st};
    batch_order *orders = b->out_orders.items;
    const order_rec *orr = b->orders.items;
    for (size_t i = 0; i < b->orders.n; i++)
        orders[i] = (batch_order){t + orr[i].mn,    t + orr[i].task,
                                  t + orr[i].start, t + orr[i].end,
                                  t + orr[i].who,   orr[i].has_filed ? t + orr[i].filed : NULL};
    batch_lab *labs = b->out_labs.items;
    const lab_rec *lr = b->labs.items;
    for (size_t i = 0; i < b->labs.n; i++)
        labs[i] = (batch_lab){t + lr[i].mn, t + lr[i].param, t + lr[i].time, lr[i].value};
    b->out = (batch){orders, b->orders.n, uploads, b->uploads.n, labs, b->labs.n, 0};
    return &b->out;
}
