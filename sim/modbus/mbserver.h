/*
 * mbserver.h — one station's Modbus/TCP endpoint: a listening socket and a table of units.
 *
 * The station shows each device (hw-models/hwdev.h) under a unit id 1..247 of one TCP
 * endpoint, as behind a Modbus gateway. The server frames MBAP itself on non-blocking
 * sockets (a client that stalls mid-frame, sends garbage or floods delays nobody), asks
 * the device for its verdict and lets libmodbus format the reply (see mbreply.h).
 * All servers of a station set run on one mbloop, on one thread: see mbloop.h for the
 * threading model and the clock of the idle timeout.
 *
 * Answers:
 *   functions 03, 04 (read holding / input registers), 06, 16 (write holding registers);
 *   any other function code, 0x00..0xFF         -> exception 1 (illegal function), its
 *                                                  function code fc | 0x80 (0x80..0xFF: fc)
 *   quantity out of 03/04: 1..125, 16: 1..123,
 *   16 byte count != 2 * quantity, or a PDU
 *   whose length does not match its function   -> exception 3 (illegal data value)
 *   address + quantity beyond 0xFFFF            -> exception 2 (illegal data address)
 *   otherwise the device's verdict: 2 when any register of the range is unmapped, 3 for
 *   a refused value, 4 powered off/faulted, 6 busy (a return outside 1..11 becomes 4);
 *   a device without a write function answers 06/16 with exception 1;
 *   unit id without a device (0, 248..255 or not set) -> exception 0x0B (gateway target
 *   device failed to respond: what a DAU gets from a real gateway when a device is absent).
 * A bad MBAP header (protocol id not 0, length outside 2..254) closes the connection and
 * counts a bad frame. Accepted writes reach the device at once and are reported to the
 * write callback.
 *
 * Replies: a lone request (the DAU's lock-step polling) is answered straight into the
 * socket; pipelined requests are answered in one batch. Whatever the socket does not take
 * is queued on the connection.
 * Limits (mbserver_config; docs/station.md states them for users):
 *   - connections per server (max_conns) and per source address (max_per_source). A new
 *     connection over either limit takes the slot of the oldest connection that has never
 *     sent a valid request (of the same source for the per-source limit), which is closed;
 *     when there is none, the new connection is closed at once;
 *   - idle time: a client is closed idle_ms after its last complete, valid request (after
 *     its accept until it sends one); bytes of a partial frame do not count;
 *   - frame time: a frame must be complete frame_ms after its first byte (a client that
 *     trickles a frame is closed; its further bytes do not extend it);
 *   - output bytes queued per connection (a client that does not read its replies is
 *     dropped when its queue would exceed it, or when a lone reply only partly fits in its
 *     full socket); kernel socket buffers.
 * A valid request is a whole frame with a good MBAP header, whatever the answer.
 * Library code: prints nothing; errors are -1/NULL with a message.
 */
#ifndef MBSERVER_H
#define MBSERVER_H

#include "hwdev.h"
#include "mbloop.h"

#include <stddef.h>
#include <stdint.h>

enum { MBSERVER_UNIT_MAX = 247, MBSERVER_EX_NO_UNIT = 0x0B };

typedef struct mbserver mbserver;

typedef struct mbserver_config {
    int max_conns;      /* simultaneous clients; default 32 */
    int max_per_source; /* simultaneous clients from one address; default 8; < 1 none */
    size_t out_limit;   /* queued reply bytes per client; default 64 KiB (min 1 KiB) */
    int idle_ms;        /* close a client this long after its last valid request (or its
                           accept); default 120000; -1 never */
    int frame_ms;       /* close a client whose frame is not complete this long after its
                           first byte; default 10000; -1 never */
    int sockbuf;        /* SO_SNDBUF and SO_RCVBUF of each client socket; 0 = kernel default */
} mbserver_config;

typedef struct mbserver_stats {
    uint64_t requests;         /* whole frames answered */
    uint64_t exceptions;       /* of which exception replies */
    uint64_t writes;           /* accepted 06/16 writes */
    uint64_t bad_frames;       /* bad MBAP headers (connection closed) */
    uint64_t accepted;         /* connections accepted */
    uint64_t refused;          /* connections closed at once: max_conns, nobody to evict */
    uint64_t refused_source;   /* connections closed at once: max_per_source, nobody to evict */
    uint64_t evicted;          /* closed to make room: had never sent a valid request */
    uint64_t dropped_idle;     /* closed: idle timeout */
    uint64_t dropped_frame;    /* closed: frame not complete in time */
    uint64_t dropped_overflow; /* closed: output queue over its limit */
    uint64_t closed;           /* connections ended for any reason (peer, error, drops) */
} mbserver_stats;

/* An accepted write: unit, function (6 or 16), first address, count, values, client
 * "ip:port". Pointers are valid during the call only. */
typedef struct mbserver_write {
    int unit;
    int function;
    uint16_t addr;
    uint16_t n;
    const uint16_t *values;
    const char *client;
} mbserver_write;

typedef void (*mbserver_write_fn)(void *ctx, const mbserver_write *w);

/* Default configuration values. */
mbserver_config mbserver_defaults(void);

/* Listens on addr ("127.0.0.1", "0.0.0.0", NULL = any) port (0 = ephemeral) and serves
 * on loop (borrowed; must outlive the server). cfg NULL = defaults. NULL on failure with
 * a message in err. */
mbserver *mbserver_new(const char *addr, int port, mbloop *loop, const mbserver_config *cfg,
                       char *err, size_t errlen);

/* Closes the listener and every client. Not from inside a callback of this loop. */
void mbserver_free(mbserver *srv);

/* The bound TCP port. */
int mbserver_port(const mbserver *srv);

/* Shows dev (copied; dev->dev borrowed) under unit 1..247; dev NULL removes the unit.
 * Returns 0, or -1 for a unit out of range or a device without ops. */
int mbserver_set_unit(mbserver *srv, int unit, const hwdev *dev);

/* Sets (or clears, fn NULL) the accepted-write callback. It runs on the loop's thread and
 * must not free this server or the loop. */
void mbserver_on_write(mbserver *srv, mbserver_write_fn fn, void *ctx);

mbserver_stats mbserver_get_stats(const mbserver *srv);

/* Connected clients now. */
int mbserver_clients(const mbserver *srv);

#endif
