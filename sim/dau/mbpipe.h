/*
 * mbpipe.h — pipelined Modbus/TCP reads: several FC03 requests in flight on one
 * connection, as a DAU polls the devices behind one gateway concurrently.
 *
 * Modbus/TCP lets a client keep several transactions open on a connection; the MBAP
 * transaction id pairs each reply with its request, whatever order they come back in.
 * libmodbus (3.1) has one request in flight per context and matches no transaction ids,
 * so the DAU frames these reads itself on the socket of its libmodbus context (which
 * still connects, times out and closes it) and keeps modbus_read_registers for lone reads.
 *
 * Every request goes out in one write, and the replies are read as they come: one
 * exchange per poll instead of one per device block. Plain sockets, no allocation.
 * Dependencies: libc.
 */
#ifndef MBPIPE_H
#define MBPIPE_H

#include <stdint.h>

enum {
    MBPIPE_MAX = 40,      /* reads in one exchange */
    MBPIPE_MAX_REGS = 125 /* registers of one read (the Modbus PDU limit) */
};

/* One read of n holding registers of unit at addr; rc and w are the outcome. */
typedef struct mbpipe_read {
    uint8_t unit;
    uint16_t addr, n;
    int rc;      /* 0: w[0..n) read; > 0: the Modbus exception code; -1: no valid reply */
    uint16_t *w; /* the caller's room for n registers */
} mbpipe_read;

/* Who answers when nobody else does: while waiting for replies, mbpipe_read_all also
 * waits on fd and calls fn(ctx) whenever it is readable, so the caller's own thread can
 * serve the endpoint the requests went to (the range's one-thread mode). */
typedef struct mbpipe_serve {
    int fd;
    void (*fn)(void *ctx);
    void *ctx;
} mbpipe_serve;

/* Sends the n reads (n <= MBPIPE_MAX, else -1 and nothing done) on the connected stream socket fd with transaction
 * ids *tid, *tid + 1, ... (*tid advances past them), then reads the replies until every
 * read has one or timeout_ms (real time, the whole exchange) passed. Returns 0 when every
 * read was answered (registers or an exception), -1 when the connection must be dropped:
 * write or read error, peer closed, timeout, or a reply that is malformed or answers no
 * open request (the reads left unanswered keep rc = -1). sv: NULL, or the server to run
 * while waiting (above). */
int mbpipe_read_all(int fd, mbpipe_read *r, int n, int timeout_ms, uint16_t *tid,
                    const mbpipe_serve *sv);

#endif
