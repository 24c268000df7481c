/*
 * fuzz_modbus_server.c — libFuzzer target for the stations' Modbus/TCP endpoint
 * (sim/modbus: framing, request checks, libmodbus's replies), over a real loopback socket.
 *
 * One endpoint with test devices (tests/net/testdev.h: read-only and read/write blocks,
 * holes, a powered-off unit, a camera without writes) lives across runs, as a station's
 * does. Each input is one client: its bytes go out in pieces whose sizes come from a PRNG
 * seeded by the input, the loop runs between pieces, then the client half-closes and reads
 * what came back until the endpoint closes or goes quiet. Every reply must be a whole,
 * well-formed MBAP frame answering a request the client sent (its transaction id and unit),
 * with a function code the endpoint serves or that function's exception; no more replies
 * than whole requests; and the endpoint must drop the client when it is gone.
 */
#include "mbloop.h"
#include "mbserver.h"
#include "testdev.h"
#include "fuzz_net.h"

#include <signal.h>
#include <stdint.h>

enum { NDEV = 8, OUTMAX = 1 << 16 };

static mbloop *loop;
static mbserver *srv;
static int port;
static testdev devs[NDEV];
static uint8_t out[OUTMAX];

static void setup(void)
{
    char err[256] = "";
    signal(SIGPIPE, SIG_IGN);
    loop = mbloop_new(err, sizeof err);
    if (!loop) abort();
    mbserver_config cfg = mbserver_defaults();
    cfg.idle_ms = -1;
    cfg.frame_ms = -1;
    srv = mbserver_new("127.0.0.1", 0, loop, &cfg, err, sizeof err);
    if (!srv) abort();
    port = mbserver_port(srv);
    for (int u = 1; u < NDEV; u++) {
        testdev_init(&devs[u], u);
        hwdev h = testdev_hwdev(&devs[u], u == 5); /* unit 5: a camera, read-only */
        if (mbserver_set_unit(srv, u, &h) != 0) abort();
    }
    devs[4].powered = 0;
}

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loop) setup();
    uint64_t x = 0xC2B2AE3D27D4EB4Full ^ size;
    for (size_t i = 0; i < size && i < 16; i++)
        x = (x ^ data[i]) * 0x100000001B3ull;
    int fd = fuzz_connect(port);
    size_t got = 0, sent = 0;
    int closed = 0;
    mbloop_run_once(loop, 0); /* accept */
    while (sent < size && !closed) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t piece = (x & 3) == 0 ? size - sent : 1 + (size_t)(x >> 33) % 61;
        if (piece > size - sent) piece = size - sent;
        ssize_t w = send(fd, data + sent, piece, MSG_NOSIGNAL);
        if (w > 0) sent += (size_t)w;
        else if (w < 0 && errno != EAGAIN && errno != EINTR) closed = 1;
        mbloop_run_once(loop, 1);
        closed |= fuzz_drain(fd, out, OUTMAX, &got, 0);
    }
    shutdown(fd, SHUT_WR);
    for (int i = 0; i < 200 && !closed; i++) {
        mbloop_run_once(loop, 1);
        closed = fuzz_drain(fd, out, OUTMAX, &got, 0);
    }
    fuzz_reset(fd); /* no TIME_WAIT: the exchange is over */
    for (int i = 0; i < 200 && mbserver_clients(srv) > 0; i++)
        mbloop_run_once(loop, 1);
    if (mbserver_clients(srv) != 0) abort(); /* the endpoint let go of the client */

    /* The whole requests of the input, in order (the endpoint stops at a bad header). */
    size_t nreq = 0;
    for (size_t off = 0; off + 7 <= sent;) {
        unsigned pid = be16(data + off + 2), len = be16(data + off + 4);
        if (pid != 0 || len < 2 || len > 254 || off + 6 + len > sent) break;
        nreq++;
        off += 6 + len;
    }
    size_t nrep = 0;
    for (size_t off = 0; off < got;) {
        if (got - off < 9) abort(); /* a reply cut short */
        const uint8_t *r = out + off;
        unsigned tid = be16(r), pid = be16(r + 2), len = be16(r + 4), fc = r[7];
        if (pid != 0 || len < 3 || len > 254 || off + 6 + len > got) abort();
        unsigned base = fc & 0x7F;
        if (fc & 0x80) {
            if (len != 3 || r[8] < 1 || r[8] > 0x0B) abort(); /* exception: one code */
        } else if (base != 3 && base != 4 && base != 6 && base != 16) {
            abort(); /* only the functions the devices serve succeed */
        }
        /* it answers a request of the input with that transaction id, unit and function */
        int found = 0;
        for (size_t q = 0; q + 8 <= sent && !found;) {
            unsigned qlen = be16(data + q + 4);
            if (be16(data + q + 2) != 0 || qlen < 2 || qlen > 254 || q + 6 + qlen > sent) break;
            if (be16(data + q) == tid && data[q + 6] == r[6] && (data[q + 7] & 0x7F) == base)
                found = 1;
            q += 6 + qlen;
        }
        if (!found) abort();
        nrep++;
        off += 6 + len;
    }
    if (nrep > nreq) abort();
    return 0;
}
