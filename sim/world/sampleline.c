/*
 * sampleline.c — a ring of time bins.
 * Invariant: after a step at bin k, ring[j % n] holds the intake of bin j for every
 * j in (k - n, k]; the output is bin k - d with d = n - 1.
 */
#include "sampleline.h"

#include <stdlib.h>
#include <string.h>

struct sampleline {
    int64_t res, t0, t;
    int64_t k; /* bin of the last step */
    int n;     /* ring length = delay bins + 1 */
    int source;
    water bucket, intake;
    water *ring;
};

static int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

sampleline *sampleline_new(int64_t delay_ms, int64_t res_ms, int64_t t0, const water *initial)
{
    if (delay_ms < 0 || res_ms <= 0 || !initial) return NULL;
    int64_t d = (delay_ms + res_ms / 2) / res_ms;
    if (d + 1 > SAMPLELINE_MAX_BINS) return NULL;
    sampleline *sl = calloc(1, sizeof *sl);
    if (!sl) return NULL;
    sl->n = (int)d + 1;
    sl->ring = calloc((size_t)sl->n, sizeof *sl->ring);
    if (!sl->ring) {
        free(sl);
        return NULL;
    }
    for (int i = 0; i < sl->n; i++)
        sl->ring[i] = *initial;
    sl->res = res_ms;
    sl->t0 = t0;
    sl->t = t0;
    sl->k = 0;
    sl->source = SAMPLELINE_CHANNEL;
    sl->intake = *initial;
    sl->bucket = *initial;
    return sl;
}

void sampleline_free(sampleline *sl)
{
    if (!sl) return;
    free(sl->ring);
    free(sl);
}

int sampleline_source_from_name(const char *name)
{
    static const char *const names[] = {"channel", "tap", "bucket"};
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

int sampleline_connect(sampleline *sl, int source, const water *bucket)
{
    if (source != SAMPLELINE_CHANNEL && source != SAMPLELINE_TAP && source != SAMPLELINE_BUCKET)
        return -1;
    if (source == SAMPLELINE_BUCKET) {
        if (!bucket) return -1;
        sl->bucket = *bucket;
    }
    sl->source = source;
    return 0;
}

int sampleline_source(const sampleline *sl)
{
    return sl->source;
}

int64_t sampleline_delay(const sampleline *sl)
{
    return (int64_t)(sl->n - 1) * sl->res;
}

void sampleline_step(sampleline *sl, int64_t t, const water *channel, const water *tap)
{
    if (t <= sl->t) return;
    sl->t = t;
    sl->intake = sl->source == SAMPLELINE_CHANNEL ? *channel
                 : sl->source == SAMPLELINE_TAP   ? *tap
                                                  : sl->bucket;
    int64_t k = floordiv(t - sl->t0, sl->res);
    int64_t from = k - sl->k >= sl->n ? k - sl->n + 1 : sl->k + 1;
    if (from > k) from = k; /* same bin again: the latest intake holds it */
    for (int64_t j = from; j <= k; j++)
        sl->ring[j % sl->n] = sl->intake;
    sl->k = k;
}

const water *sampleline_output(const sampleline *sl)
{
    /* bin k - (n - 1) == k + 1 (mod n) */
    return &sl->ring[(sl->k + 1) % sl->n];
}

const water *sampleline_intake(const sampleline *sl)
{
    return &sl->intake;
}
