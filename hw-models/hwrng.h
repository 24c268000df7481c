/*
 * hwrng.h — the models' deterministic random numbers.
 *
 * xoshiro256** (Blackman & Vigna, 2018), its four words seeded by splitmix64 from one
 * 64-bit seed: the same seed gives the same sequence on every platform. Plain value
 * struct: each model owns one, seeded from its config; nothing global.
 */
#ifndef HWRNG_H
#define HWRNG_H

#include <stdint.h>

typedef struct hw_rng {
    uint64_t s[4];
} hw_rng;

void hw_rng_seed(hw_rng *r, uint64_t seed);
uint64_t hw_rng_next(hw_rng *r);
/* Uniform in [0, 1), 53 random bits. */
double hw_rng_uniform(hw_rng *r);
/* Normal with mean mu and standard deviation sigma (Box-Muller, one value per call). */
double hw_rng_normal(hw_rng *r, double mu, double sigma);

#endif
