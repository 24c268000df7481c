/*
 * rng.h — the seeded random numbers of the world.
 *
 * Algorithm (a contract: runs must replay): xoshiro256** 1.0 (Blackman & Vigna), its
 * 256-bit state filled by four outputs of splitmix64. A stream is keyed by (seed, stream
 * id): the splitmix64 start value is mix64(seed) XOR mix64(stream + golden ratio), so each
 * station and purpose draws from its own sequence and adding a station does not change
 * another station's numbers. Derive stream ids from names with rng_stream_id().
 *   uniform: the top 53 bits of a draw / 2^53, in [0,1).
 *   normal:  Box–Muller on two uniforms (u1 taken as 1 - u so that log() never sees 0);
 *            the second deviate of a pair is cached in the state and used next.
 * Plain data: embed an rng in the object that uses it; no allocation.
 */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

#include "hwrng.h"

typedef struct rng {
    hw_rng core;   /* the generator (hw-models/hwrng.h: xoshiro256**) */
    double spare;  /* cached second Box–Muller deviate */
    int has_spare; /* 1 when spare is valid */
} rng;

/* Seeds r for (seed, stream). */
void rng_seed(rng *r, uint64_t seed, uint64_t stream);
/* Seeds r with an explicit xoshiro256** state (for reference vectors); s must not be all 0. */
void rng_set_state(rng *r, const uint64_t s[4]);
/* A child stream: seeded by (next draw of parent, stream); advances the parent by one. */
void rng_split(rng *parent, uint64_t stream, rng *child);
/* A stream id from a name and a parent id (FNV-1a 64 over the bytes, starting from parent). */
uint64_t rng_stream_id(uint64_t parent, const char *name);

/* One splitmix64 step: advances *x and returns the output. */
uint64_t rng_splitmix64(uint64_t *x);
uint64_t rng_u64(rng *r);
/* Uniform in [0, 1). */
double rng_uniform(rng *r);
/* Uniform integer in [0, n) without modulo bias; 0 if n == 0. */
uint64_t rng_below(rng *r, uint64_t n);
/* Normal deviate with mean mu and standard deviation sigma. */
double rng_normal(rng *r, double mu, double sigma);

#endif
