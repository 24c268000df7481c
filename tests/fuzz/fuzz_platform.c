/*
 * fuzz_platform.c — libFuzzer target for the platform as a DAU meets it: HJ 212 over a real
 * loopback TCP connection into the receiver, the SQLite store and the detection engine
 * (detect.h: the whole pipeline, rules and fusion included).
 *
 * One platform (its database in a temporary directory, alerts to /dev/null, no registry so
 * that any MN is a station, at most 64 stations kept by the engine, no DataTime check) lives
 * across runs, as a platform does across its DAUs' connections. Each input is one
 * connection: its bytes go out in pieces whose sizes come from a PRNG seeded by the input,
 * the platform polls between pieces (its clock a minute further at each poll), and the
 * client then either half-closes and reads what is left or resets the connection (SO_LINGER
 * 0: an RST, perhaps in the middle of a reply). The platform must never fail, must let
 * every connection go, and every byte it answers must be whole HJ 212 packets that parse.
 */
#include "detect.h"
#include "hj212.h"
#include "fuzz_net.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OUTMAX = 1 << 16 };

static detect *d;
static platform *p;
static int port;
static char dir[64];
static int64_t clock_ms = INT64_C(1644249600000); /* 2022-02-08 00:00 +08:00 */
static char out[OUTMAX];

static int64_t fake_now(void *ctx)
{
    (void)ctx;
    return clock_ms;
}

static void cleanup(void)
{
    detect_free(d);
    d = NULL;
    fuzz_rmdb(dir);
}

static void setup(void)
{
    char err[512] = "", db[96];
    signal(SIGPIPE, SIG_IGN);
    fuzz_tmpdir(dir, "hjfuzz-platform");
    snprintf(db, sizeof db, "%s/platform.db", dir);
    detect_cfg c;
    memset(&c, 0, sizeof c);
    c.platform.db_path = db;
    c.platform.sync = STORE_SYNC_NORMAL;
    c.platform.future_ms = -1;
    c.platform.now_ms = fake_now;
    c.platform.idle_timeout_ms = -1;
    c.alerts_path = "/dev/null";
    c.lang = "en";
    c.max_stations = 64;
    d = detect_new(&c, err, sizeof err);
    if (!d) {
        fprintf(stderr, "detect_new: %s\n", err);
        abort();
    }
    atexit(cleanup);
    p = detect_platform(d);
    port = platform_listen(p, "127.0.0.1:0");
    if (port <= 0) abort();
}

static void poll_platform(void)
{
    clock_ms += 60000;
    if (platform_poll_once(p, 1) < 0) {
        fprintf(stderr, "platform_poll_once: %s\n", platform_errmsg(p));
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!d) setup();
    uint64_t x = 0x9E3779B97F4A7C15ull ^ size;
    for (size_t i = 0; i < size && i < 16; i++)
        x = (x ^ data[i]) * 0x100000001B3ull;
    int reset = (x >> 61) == 0; /* one input in eight ends in an RST */
    int fd = fuzz_connect(port);
    size_t sent = 0, got = 0;
    int closed = 0;
    poll_platform(); /* accept */
    while (sent < size && !closed) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t piece = (x & 3) == 0 ? size - sent : 1 + (size_t)(x >> 33) % 257;
        if (piece > size - sent) piece = size - sent;
        ssize_t w = send(fd, data + sent, piece, MSG_NOSIGNAL);
        if (w > 0)
            sent += (size_t)w;
        else if (w < 0 && errno != EAGAIN && errno != EINTR)
            closed = 1;
        poll_platform();
        closed |= fuzz_drain(fd, (uint8_t *)out, OUTMAX, &got, 1);
    }
    if (!reset) {
        shutdown(fd, SHUT_WR);
        for (int i = 0; i < 20 && !closed; i++) {
            poll_platform();
            closed = fuzz_drain(fd, (uint8_t *)out, OUTMAX, &got, 1);
        }
    }
    fuzz_reset(fd); /* an RST in mid-exchange, or no TIME_WAIT once it is over */
    for (int i = 0; i < 200 && platform_stats_get(p).current_conns > 0; i++)
        poll_platform();
    if (platform_stats_get(p).current_conns != 0) abort(); /* the platform let go */

    /* What the platform answered: whole packets that parse. */
    if (!reset && got < OUTMAX) {
        hj212_packet pk;
        for (size_t off = 0; off < got;) {
            const char *nl = memchr(out + off, '\n', got - off);
            if (!nl) abort(); /* a reply cut short */
            size_t len = (size_t)(nl + 1 - (out + off));
            if (hj212_parse(&pk, out + off, len, NULL, NULL) != HJ212_OK) {
                fprintf(stderr, "reply does not parse: %.*s\n", (int)len, out + off);
                abort();
            }
            off += len;
        }
    }
    return 0;
}
