/*
 * hj212_bench.c — throughput of HJ 212 decode+validate through the streaming decoder.
 *
 * Generates N packets (default 1,000,000) into memory as a station's DAU sends them, with
 * the codec's own encoder: 2011 real-time data with 7 parameters (60 %), 2051 minute data
 * and 2061 hourly data with Cou/Min/Avg/Max/Flag (15 % and 10 %), 3020 instrument
 * information (5 %) and 9014 data replies (10 %); 50 stations (MN), 2017 and 2025 Flags.
 * Then feeds the whole stream in 64 KiB reads (as from a socket) on one core and times
 * hj212_stream_feed/next; every packet must come out valid. Usage: bench_hj212 [N] [runs]
 */
#include "hj212.h"
#include "hjtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static double frand(double lo, double hi)
{
    return lo + (hi - lo) * (rnd() % 1000000) / 1e6;
}

static const char *const water[7] = {"w01018", "w21003", "w21011", "w21001",
                                     "w01001", "w01010", "w00000"};
static const double lo[7] = {10, 0.1, 0.01, 1, 6.5, 5, 1};
static const double hi[7] = {80, 5, 0.5, 20, 8.5, 30, 50};

static void datatime(char *out, int64_t ms)
{
    hjtime_format_hj212(ms, out, 15);
}

/* One packet of kind k into pkt; returns its name for the mix table. */
static int build(hj212_packet *pkt, int k, int64_t ms, int station)
{
    char qn[18], dt[15], mn[25], key[32];
    hj212_version v = station % 5 == 0 ? HJ212_V2025 : HJ212_V2017;
    hjtime_format_qn(ms, qn, sizeof qn);
    snprintf(mn, sizeof mn, "33010000A89%05d", station);
    if (k == 4) {
        hj212_init(pkt, v, qn, 91, 9014, "123456", mn, 0);
        return 0;
    }
    static const int cns[4] = {2011, 2051, 2061, 3020};
    hj212_init(pkt, v, qn, 32, cns[k], "123456", mn, HJ212_FLAG_A);
    datatime(dt, ms - (k == 2 ? 3600000 : k == 1 ? 600000 : 0));
    hj212_add(pkt, "DataTime", dt, 1);
    if (k == 3) {
        hj212_add(pkt, "PolId", water[rnd() % 4], 1);
        hj212_add(pkt, "i12001-Info", "0", 1);
        hj212_addf(pkt, "i13004-Info", frand(160, 170), 1, 1);
        hj212_add(pkt, "i13005-Info", "40", 1);
        hj212_addf(pkt, "i13008-Info", frand(0.9, 1.1), 4, 1);
        return 0;
    }
    for (int i = 0; i < 7; i++) {
        const char *w = water[i];
        if (k == 0) {
            if (i < 4) {
                snprintf(key, sizeof key, "%s-SampleTime", w);
                hj212_add(pkt, key, dt, 1);
            }
            snprintf(key, sizeof key, "%s-Rtd", w);
            hj212_addf(pkt, key, frand(lo[i], hi[i]), 2, i >= 4);
        } else {
            if (i == 0 || i == 6) {
                snprintf(key, sizeof key, "%s-Cou", w);
                hj212_addf(pkt, key, frand(lo[i], hi[i]) * 3.6, 2, 1);
            }
            snprintf(key, sizeof key, "%s-Min", w);
            hj212_addf(pkt, key, frand(lo[i], hi[i]), 2, !(i == 0 || i == 6));
            snprintf(key, sizeof key, "%s-Avg", w);
            hj212_addf(pkt, key, frand(lo[i], hi[i]), 2, 0);
            snprintf(key, sizeof key, "%s-Max", w);
            hj212_addf(pkt, key, frand(lo[i], hi[i]), 2, 0);
        }
        snprintf(key, sizeof key, "%s-Flag", w);
        hj212_add(pkt, key, rnd() % 50 ? "N" : "M", 0);
    }
    return 0;
}

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    static const char *const names[5] = {"2011 real-time, 7 params", "2051 minute", "2061 hourly",
                                         "3020 info", "9014 reply"};
    long count[5] = {0};
    size_t bytes[5] = {0};
    hj212_packet *pkt = malloc(sizeof *pkt);
    size_t cap = (size_t)n * 700 + 4096, len = 0;
    char *data = malloc(cap);
    if (!pkt || !data || n <= 0 || runs <= 0) return 2;
    int64_t ms = 1785456000000LL; /* 2026-07-31 */
    for (long i = 0; i < n; i++) {
        uint32_t r = rnd() % 100;
        int k = r < 60 ? 0 : r < 75 ? 1 : r < 85 ? 2 : r < 90 ? 3 : 4;
        build(pkt, k, ms, (int)(i % 50));
        ms += 617;
        hj212_err e = HJ212_OK;
        int m = hj212_encode(pkt, data + len, cap - len, NULL, &e);
        if (m < 0) {
            fprintf(stderr, "encode failed: %s\n", hj212_errname(e));
            return 1;
        }
        len += (size_t)m;
        count[k]++;
        bytes[k] += (size_t)m;
    }
    printf("packets: %ld, %.1f MB, mean %.1f bytes\n", n, len / 1e6, (double)len / n);
    for (int k = 0; k < 5; k++)
        printf("  %-26s %5.1f %%  mean %6.1f bytes\n", names[k], 100.0 * count[k] / n,
               count[k] ? (double)bytes[k] / count[k] : 0.0);
    double best = 1e30, best_cpu = 1e30;
    for (int run = 0; run < runs; run++) {
        hj212_stream *s = hj212_stream_new(NULL);
        hj212_event ev;
        long ok = 0, bad = 0;
        double t0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
        for (size_t off = 0; off < len;) {
            size_t chunk = len - off < 65536 ? len - off : 65536;
            size_t end = off + chunk;
            while (off < end) {
                off += hj212_stream_feed(s, data + off, end - off);
                while (hj212_stream_next(s, &ev)) {
                    if (ev.err == HJ212_OK)
                        ok++;
                    else
                        bad++;
                }
            }
        }
        hj212_stream_finish(s);
        while (hj212_stream_next(s, &ev))
            bad++;
        double t = now_s(CLOCK_MONOTONIC) - t0, c = now_s(CLOCK_THREAD_CPUTIME_ID) - c0;
        hj212_stream_free(s);
        if (ok != n || bad != 0) {
            fprintf(stderr, "decoded %ld valid, %ld refused of %ld\n", ok, bad, n);
            return 1;
        }
        printf("run %d: %.3f s, %.0f packets/s, %.1f MB/s (thread CPU %.3f s)\n", run + 1, t, n / t,
               len / t / 1e6, c);
        if (t < best) best = t;
        if (c < best_cpu) best_cpu = c;
    }
    printf("best: %.0f packets/s, %.1f MB/s (one core, decode+validate, stream; wall time)\n",
           n / best, len / best / 1e6);
    printf("best by thread CPU time: %.0f packets/s, %.1f MB/s\n", n / best_cpu,
           len / best_cpu / 1e6);
    free(data);
    free(pkt);
    return 0;
}
