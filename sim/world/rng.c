/*
 * rng.c — streams of xoshiro256** (hw-models/hwrng.c) seeded by splitmix64 from (seed,
 * stream); Box–Muller normals.
 */
#include "rng.h"

#include <math.h>

#define GOLDEN UINT64_C(0x9E3779B97F4A7C15)

uint64_t rng_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += GOLDEN);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* The splitmix64 output function alone, as a hash. */
static uint64_t mix64(uint64_t z)
{
    uint64_t x = z;
    return rng_splitmix64(&x);
}

void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = mix64(seed) ^ mix64(stream + GOLDEN);
    uint64_t *st = r->core.s;
    for (int i = 0; i < 4; i++)
        st[i] = rng_splitmix64(&x);
    /* all-zero state is the one fixed point of xoshiro; splitmix64 cannot give four zeros
     * in a row, but keep the invariant explicit */
    if ((st[0] | st[1] | st[2] | st[3]) == 0) st[0] = GOLDEN;
    r->spare = 0.0;
    r->has_spare = 0;
}

void rng_set_state(rng *r, const uint64_t s[4])
{
    uint64_t *st = r->core.s;
    for (int i = 0; i < 4; i++)
        st[i] = s[i];
    if ((st[0] | st[1] | st[2] | st[3]) == 0) st[0] = GOLDEN;
    r->spare = 0.0;
    r->has_spare = 0;
}

void rng_split(rng *parent, uint64_t stream, rng *child)
{
    rng_seed(child, rng_u64(parent), stream);
}

uint64_t rng_stream_id(uint64_t parent, const char *name)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325) ^ parent;
    for (const unsigned char *p = (const unsigned char *)name; p && *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t rng_u64(rng *r)
{
    return hw_rng_next(&r->core);
}

double rng_uniform(rng *r)
{
    return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

uint64_t rng_below(rng *r, uint64_t n)
{
    if (n == 0) return 0;
    uint64_t lim = UINT64_MAX - UINT64_MAX % n; /* reject the incomplete last block */
    uint64_t x = rng_u64(r);
    while (x >= lim)
        x = rng_u64(r);
    return x % n;
}

double rng_normal(rng *r, double mu, double sigma)
{
    if (r->has_spare) {
        r->has_spare = 0;
        return mu + sigma * r->spare;
    }
    double u1 = 1.0 - rng_uniform(r); /* (0, 1] */
    double u2 = rng_uniform(r);
    double rad = sqrt(-2.0 * log(u1));
    double th = 6.283185307179586 * u2;
    r->spare = rad * sin(th);
    r->has_spare = 1;
    return mu + sigma * rad * cos(th);
}
