/*
 * hjnum.c — fixed-point texts (see hjnum.h).
 *
 * A finite double is m * 2^e exactly (m < 2^53). Its value times 10^d is m * 10^d / 2^-e:
 * m * 10^d < 2^83 fits in 128 bits (and the result, below 10^18, in 64), so the quotient and the remainder are exact, and the
 * rounding (to nearest, ties to even: what glibc's printf does in the default rounding
 * mode) is decided on them, not on a rounded product.
 */
#include "hjnum.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128; /* GCC and Clang on 64-bit targets */

static const uint64_t pow10_tab[10] = {1,      10,      100,      1000,      10000,
                                       100000, 1000000, 10000000, 100000000, 1000000000};

static int by_printf(char *out, size_t cap, double v, int decimals)
{
    int n = snprintf(out, cap, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= cap) {
        if (cap) out[0] = '\0';
        return -1;
    }
    return n;
}

int hjnum_fixed(char *out, size_t cap, double v, int decimals)
{
    if (!isfinite(v) || fabs(v) >= 1e9 || decimals < 0 || decimals > 9)
        return by_printf(out, cap, v, decimals);
    int neg = signbit(v) != 0;
    double a = fabs(v);
    uint64_t q = 0; /* round(a * 10^d) */
    if (a != 0.0) {
        int e = 0;
        double fr = frexp(a, &e); /* a = fr * 2^e, fr in [0.5, 1) */
        uint64_t m = (uint64_t)ldexp(fr, 53);
        int k = 53 - e; /* a = m / 2^k; a < 1e9 < 2^30: k > 23 */
        u128 x = (u128)m * pow10_tab[decimals];
        if (k >= 128) {
            q = 0; /* x / 2^k < 2^83 / 2^128: far below one half */
        } else {
            u128 one = 1;
            u128 r = x & ((one << k) - 1), half = one << (k - 1);
            q = (uint64_t)(x >> k);
            if (r > half || (r == half && (q & 1))) q++;
        }
    }
    /* the digits, from the right */
    char tmp[HJNUM_MAX];
    size_t n = sizeof tmp;
    int d = decimals;
    do {
        tmp[--n] = (char)('0' + q % 10);
        q /= 10;
        if (--d == 0) tmp[--n] = '.';
    } while (q > 0 || d > -1);
    if (neg) tmp[--n] = '-';
    size_t len = sizeof tmp - n;
    if (len + 1 > cap) {
        if (cap) out[0] = '\0';
        return -1;
    }
    memcpy(out, tmp + n, len);
    out[len] = '\0';
    return (int)len;
}
