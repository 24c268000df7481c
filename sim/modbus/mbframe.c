/*
 * mbframe.c — MBAP framing; see mbframe.h.
 */
#include "mbframe.h"

#include <string.h>

void mbframe_init(mbframe_buf *b)
{
    b->off = 0;
    b->len = 0;
}

uint8_t *mbframe_space(mbframe_buf *b, size_t *avail)
{
    *avail = sizeof b->data - b->len;
    return b->data + b->len;
}

void mbframe_commit(mbframe_buf *b, size_t n)
{
    if (n > sizeof b->data - b->len) n = sizeof b->data - b->len;
    b->len += n;
}

int mbframe_check(const uint8_t *p, size_t n, size_t *len, const char **why)
{
    if (n < 6) return 0;
    unsigned pid = (unsigned)p[2] << 8 | p[3];
    unsigned mlen = (unsigned)p[4] << 8 | p[5];
    if (pid != 0) {
        *why = "protocol id is not 0";
        return -1;
    }
    if (mlen < 2) {
        *why = "MBAP length below 2";
        return -1;
    }
    if (mlen > MBFRAME_MAX_ADU - 6) {
        *why = "MBAP length above 254 (frame over 260 bytes)";
        return -1;
    }
    if (n < 6 + (size_t)mlen) return 0;
    *len = 6 + (size_t)mlen;
    return 1;
}

int mbframe_next(mbframe_buf *b, const uint8_t **frame, size_t *len, const char **why)
{
    size_t flen = 0;
    int rc = mbframe_check(b->data + b->off, b->len - b->off, &flen, why);
    if (rc == 1) {
        *frame = b->data + b->off;
        *len = flen;
        b->off += flen;
        return 1;
    }
    if (rc == 0 && b->off > 0) {
        /* Keep the partial frame at the front so that the tail has room for the rest. */
        memmove(b->data, b->data + b->off, b->len - b->off);
        b->len -= b->off;
        b->off = 0;
    }
    return rc;
}

int mbframe_ready(const mbframe_buf *b)
{
    size_t len = 0;
    const char *why = NULL;
    return mbframe_check(b->data + b->off, b->len - b->off, &len, &why) == 1;
}
