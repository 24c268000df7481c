/*
 * mbframe.h — Modbus/TCP (MBAP) framing over a per-connection input buffer.
 *
 * An MBAP header is 7 bytes: transaction id (2), protocol id (2, must be 0), length (2:
 * the unit id plus the PDU, 2..254 so that the ADU stays within 260 bytes), unit id (1).
 * The buffer accumulates bytes as they arrive (any split, several frames per read) and
 * hands out whole frames in order. A header is judged as soon as its 6 first bytes are
 * there, so an oversize or foreign stream is refused without waiting for its body.
 * Plain data, no sockets, no allocation.
 */
#ifndef MBFRAME_H
#define MBFRAME_H

#include <stddef.h>
#include <stdint.h>

enum {
    MBFRAME_HEADER = 7,    /* MBAP header, unit id included */
    MBFRAME_MAX_ADU = 260, /* Modbus/TCP maximum frame */
    MBFRAME_BUFSIZE = 2048 /* input buffer of one connection: several pipelined frames */
};

typedef struct mbframe_buf {
    size_t off; /* start of the first unconsumed byte */
    size_t len; /* end of the buffered bytes; off <= len <= MBFRAME_BUFSIZE */
    uint8_t data[MBFRAME_BUFSIZE];
} mbframe_buf;

void mbframe_init(mbframe_buf *b);

/* Where to put new bytes: returns the free tail and its size in *avail (never 0 after
 * mbframe_next returned 0, because a partial frame is at most 259 bytes). */
uint8_t *mbframe_space(mbframe_buf *b, size_t *avail);

/* Records that n bytes were written at mbframe_space(). */
void mbframe_commit(mbframe_buf *b, size_t n);

/* Takes the next whole frame: 1 with *frame and *len (valid until the next call that changes
 * the buffer), 0 when more bytes are needed (the remainder is moved to the front), or -1
 * with a static reason in *why when the header is invalid (the stream cannot be resynced:
 * close the connection). */
int mbframe_next(mbframe_buf *b, const uint8_t **frame, size_t *len, const char **why);

/* 1 when a whole frame is buffered (the next mbframe_next returns it), else 0. */
int mbframe_ready(const mbframe_buf *b);

/* Checks a header prefix of n bytes: 1 whole frame of *len bytes available, 0 need more,
 * -1 invalid (reason in *why). */
int mbframe_check(const uint8_t *p, size_t n, size_t *len, const char **why);

#endif
