/*
 * replay.c — a store read back into an engine (see replay.h).
 */
#include "replay.h"

#include <stdlib.h>
#include <string.h>

#define REPLAY_CHUNK 4096 /* uploads read per query */

struct replay {
    store *st;
    int owns_store;
    char *path; /* to open read-only; NULL when borrowed */
    int64_t last_packet, last_order, last_lab;
    store_packet_row *rows;
    batch_buf *upload; /* one upload with its readings */
    engine *e;         /* during replay_poll */
    FILE *alerts;
    int raised;
    char err[256];
};

replay *replay_new(store *s)
{
    replay *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->st = s;
    return r;
}

replay *replay_open(const char *db_path, char *err, size_t errlen)
{
    replay *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(db_path))) {
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->owns_store = 1;
    return r;
}

void replay_free(replay *r)
{
    if (!r) return;
    if (r->owns_store) store_close(r->st);
    free(r->path);
    free(r->rows);
    batch_buf_free(r->upload);
    free(r);
}

const char *replay_errmsg(const replay *r)
{
    return r->err;
}

static void on_order(void *ctx, const store_order_row *o)
{
    replay *r = ctx;
    r->last_order = o->rowid;
    engine_work_order(r->e, o->mn, o->task, o->start, o->end, o->who, o->filed);
}

static void on_lab(void *ctx, const store_lab_row *l)
{
    replay *r = ctx;
    r->last_lab = l->rowid;
    int n = engine_lab(r->e, l->mn, l->param, l->time, l->value, r->alerts);
    if (n > 0) r->raised += n;
}

static void on_reading(void *ctx, const store_reading *x)
{
    batch_buf *b = ctx;
    batch_buf_field(b, (batch_text){x->polid.p, x->polid.n}, (batch_text){x->code.p, x->code.n},
                    (batch_text){x->field.p, x->field.n}, (batch_text){x->value.p, x->value.n},
                    (batch_text){x->flag.p, x->flag.n});
}

/* One stored upload with its readings to the engine. */
static void feed_upload(replay *r, const store_packet_row *p)
{
    batch_buf_clear(r->upload);
    if (batch_buf_upload(r->upload, BATCH_TEXT_OF(p->mn), p->cn, BATCH_TEXT_OF(p->datatime),
                         p->received_ms) != 0)
        return;
    if (store_read_readings(r->st, p, on_reading, r->upload) != 0) return;
    const batch *b = batch_buf_get(r->upload);
    if (b) r->raised += engine_push(r->e, b, r->alerts);
}

int replay_poll(replay *r, engine *e, FILE *alerts)
{
    if (!r->st) {
        char err[200] = "";
        r->st = store_open_readonly(r->path, err, sizeof err);
        if (!r->st) {
            snprintf(r->err, sizeof r->err, "%s", err);
            return -1;
        }
    }
    if (!r->rows && !(r->rows = malloc(REPLAY_CHUNK * sizeof *r->rows))) goto oom;
    if (!r->upload && !(r->upload = batch_buf_new())) goto oom;
    r->e = e;
    r->alerts = alerts;
    r->raised = 0;
    store_read_orders(r->st, r->last_order, on_order, r);
    /* uploads before lab results: a lab result compares with the measurements around it */
    for (;;) {
        long n = store_read_packets(r->st, r->last_packet, r->rows, REPLAY_CHUNK);
        for (long i = 0; i < n; i++) {
            feed_upload(r, &r->rows[i]);
            r->last_packet = r->rows[i].id;
        }
        if (n < REPLAY_CHUNK) break;
    }
    store_read_labs(r->st, r->last_lab, on_lab, r);
    r->e = NULL;
    r->alerts = NULL;
    return r->raised;
oom:
    snprintf(r->err, sizeof r->err, "out of memory");
    return -1;
}
