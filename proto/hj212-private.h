/*
 * hj212-private.h — internals shared by the hj212*.c files (not installed, not for callers).
 */
#ifndef HJ212_PRIVATE_H
#define HJ212_PRIVATE_H

#include "hj212.h"

/* The effective maximum data segment: o->max_len (or the default), capped at 9999. */
size_t hj212__maxlen(const hj212_opts *o);

/* Clears the header part of a packet (not the field arrays) and empties its arena. */
void hj212__reset(hj212_packet *pkt);

/* Parses a data segment; when check_crc is set, verifies it against want (over the
 * plaintext CP when CP is encrypted). The arena is not reset, so a caller may keep the
 * segment itself in pkt->cpbuf below pkt->arena. */
hj212_err hj212__parse_seg(hj212_packet *pkt, const char *seg, size_t n, const hj212_opts *o,
                           int check_crc, uint16_t want, const char **why);

/* hj212_parse of a frame whose framing the caller has checked: buf starts with "##" and
 * the length field len (at most the maximum), buf[0..len+10) are there, and crlf tells
 * whether a CR LF follows (else at most one CR or LF, or nothing: W_NOTRAILER). */
hj212_err hj212__parse_framed(hj212_packet *pkt, const char *buf, unsigned len, int crlf,
                              const hj212_opts *o, const char **why);

/* 1 when p[0..4) are 4 decimal digits; *v gets their value. */
static inline int hj212__len4(const char *p, unsigned *v)
{
    unsigned a = (unsigned)(unsigned char)p[0] - '0', b = (unsigned)(unsigned char)p[1] - '0';
    unsigned c = (unsigned)(unsigned char)p[2] - '0', d = (unsigned)(unsigned char)p[3] - '0';
    if ((a > 9) | (b > 9) | (c > 9) | (d > 9)) return 0;
    *v = a * 1000u + b * 100u + c * 10u + d;
    return 1;
}

#endif
