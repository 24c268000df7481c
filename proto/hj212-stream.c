/*
 * hj212-stream.c — HJ 212 streaming decoder for a TCP byte stream.
 *
 * Invariants: buf[head..tail) holds unconsumed bytes, never more than cap (the largest
 * frame with its CR LF, plus a little); bytes before a "##" are garbage and are dropped
 * (counted in `skipped`); an oversize frame is refused from its header and the rest of it
 * dropped as it arrives (`discard`), unless a new "##dddd" shows up inside it first.
 * A frame that fails at its declared end is checked for a corrupted length (a CR LF closing
 * a valid frame elsewhere) or a cut (a valid frame starting inside it), so that a bad
 * packet never costs the next good one.
 */
#include "hj212.h"
#include "hj212-private.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct hj212_stream {
    hj212_opts opts;
    size_t max; /* effective maximum data segment */
    char *buf;
    size_t cap, head, tail;
    size_t discard; /* bytes of a refused oversize frame still to drop */
    size_t scan;    /* offset from head scanned for '\n' while waiting for a frame */
    uint16_t rc;    /* CRC of buf[head+6 .. head+rpos), for inner_resync */
    size_t rpos;
    int eat_crlf; /* drop one CR LF left after a discarded frame */
    int eof;
    size_t pending_skip; /* garbage skipped since the last event */
    int failed;          /* the frame at head was refused at its declared end: */
    hj212_err ferr;      /* why */
    const char *fwhy;
    hj212_stream_stats stats;
    hj212_packet pkt;
};

hj212_stream *hj212_stream_new(const hj212_opts *o)
{
    hj212_stream *s = malloc(sizeof *s); /* the packet's arrays need no zeroing */
    if (!s) return NULL;
    s->opts.max_len = o ? o->max_len : 0;
    s->opts.cipher = o ? o->cipher : NULL;
    s->max = hj212__maxlen(o);
    s->cap = s->max + 6 + 4 + 2 + 64;
    s->buf = malloc(s->cap);
    if (!s->buf) {
        free(s);
        return NULL;
    }
    hj212_stream_reset(s);
    return s;
}

void hj212_stream_reset(hj212_stream *s)
{
    hj212_opts o = s->opts;
    size_t max = s->max, cap = s->cap;
    char *buf = s->buf;
    memset(s, 0, offsetof(hj212_stream, pkt));
    s->opts = o;
    s->max = max;
    s->cap = cap;
    s->buf = buf;
    s->rc = 0xFFFF;
    s->rpos = 6;
    hj212__reset(&s->pkt);
}

void hj212_stream_free(hj212_stream *s)
{
    if (!s) return;
    free(s->buf);
    free(s);
}

size_t hj212_stream_feed(hj212_stream *s, const char *data, size_t n)
{
    s->eof = 0;
    if (s->head == s->tail) s->head = s->tail = 0;
    if (s->cap - s->tail < n && s->head > 0) {
        memmove(s->buf, s->buf + s->head, s->tail - s->head);
        s->tail -= s->head;
        s->head = 0;
    }
    size_t take = s->cap - s->tail < n ? s->cap - s->tail : n;
    memcpy(s->buf + s->tail, data, take);
    s->tail += take;
    return take;
}

size_t hj212_stream_held(const hj212_stream *s)
{
    return s->tail - s->head + s->discard;
}

void hj212_stream_finish(hj212_stream *s)
{
    s->eof = 1;
}

hj212_stream_stats hj212_stream_stats_get(const hj212_stream *s)
{
    return s->stats;
}

static int hex4(const char *p, uint16_t *v)
{
    unsigned r = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)p[i], d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        if (d < 0) return 0;
        r = r << 4 | (unsigned)d;
    }
    *v = (uint16_t)r;
    return 1;
}

/* p[0..end) is "##dddd" + segment + CRC whose length and CRC match (framing only). */
static int valid_frame(const char *p, size_t end)
{
    unsigned len = 0;
    uint16_t c = 0;
    return end >= 10 && p[0] == '#' && p[1] == '#' && hj212__len4(p + 2, &len) &&
           (size_t)len + 10 == end && hex4(p + end - 4, &c) && hj212_crc(p + 6, len) == c;
}

/* Scans the '\n' in p[from..lim) (p starts with a frame that is not valid at its declared
 * end, or not complete yet), looking only at line ends that look like a frame's end
 * ("&&" + 4 characters [+ CR]). E_LENGTH with *cut past the line end when it closes a frame
 * from p whose CRC matches but whose length field is wrong; E_TRUNC with *cut at a "##"
 * inside when a complete valid frame starts there; HJ212_OK when neither. Linear: the CRC
 * from p+6 runs along in *rc (covering p[6..*rpos)), and each backward search for "##"
 * stops at the previous line end. */
static hj212_err inner_resync(const char *p, size_t from, size_t lim, size_t max, size_t *cut,
                              uint16_t *rc, size_t *rpos)
{
    uint16_t c = 0;
    if (from < 6) from = 6;
    size_t floor = from;
    while (from < lim) {
        const char *nl = memchr(p + from, '\n', lim - from);
        if (!nl) break;
        size_t i = (size_t)(nl - p);
        size_t fe = p[i - 1] == '\r' ? i - 1 : i; /* frame end before the trailer */
        if (fe >= 16 && p[fe - 6] == '&' && p[fe - 5] == '&' && hex4(p + fe - 4, &c)) {
            if (fe <= max + 10 && *rpos <= fe - 4) {
                *rc = hj212_crc_update(*rc, p + *rpos, fe - 4 - *rpos);
                *rpos = fe - 4;
                if (*rc == c) {
                    *cut = i + 1;
                    return HJ212_E_LENGTH;
                }
            }
            /* the last "##" in p[max(floor, 2) .. fe - 9) */
            size_t q = floor > 2 ? floor : 2, last = 0;
            while (q + 1 < fe - 9) {
                const char *h = memchr(p + q, '#', fe - 10 - q);
                if (!h) break;
                q = (size_t)(h - p);
                if (p[q + 1] == '#') last = q;
                q++;
            }
            if (last >= 2 && valid_frame(p + last, fe - last)) {
                *cut = last;
                return HJ212_E_TRUNC;
            }
        }
        floor = i + 1;
        from = i + 1;
    }
    return HJ212_OK;
}

/* First "##" in p[from..n); with strict, only one followed by 4 digits (or by too few bytes
 * to tell). n when none. */
static size_t find_start(const char *p, size_t from, size_t n, int strict)
{
    unsigned len = 0;
    for (size_t i = from; i + 1 < n; i++) {
        const char *h = memchr(p + i, '#', n - i - 1);
        if (!h) return n;
        i = (size_t)(h - p);
        if (p[i + 1] == '#' && (!strict || n - i < 6 || hj212__len4(p + i + 2, &len))) return i;
    }
    return n;
}

static int emit(hj212_stream *s, hj212_event *ev, hj212_err e, size_t rawlen, const char *why)
{
    ev->err = e;
    ev->pkt = &s->pkt;
    ev->raw = s->buf + s->head;
    ev->rawlen = rawlen;
    ev->skipped = s->pending_skip;
    ev->detail = why;
    s->pending_skip = 0;
    s->head += rawlen;
    s->scan = 0;
    s->rc = 0xFFFF;
    s->rpos = 6;
    s->failed = 0;
    if (e == HJ212_OK)
        s->stats.packets++;
    else
        s->stats.refused++;
    return 1;
}

static int emit_reset(hj212_stream *s, hj212_event *ev, hj212_err e, size_t rawlen, const char *why)
{
    hj212__reset(&s->pkt);
    return emit(s, ev, e, rawlen, why);
}

static void skip(hj212_stream *s, size_t n)
{
    s->head += n;
    s->pending_skip += n;
    s->stats.skipped_bytes += n;
}

/* Drops garbage up to the next "##". 1: go on; 0: more bytes needed (or nothing left). */
static int skip_garbage(hj212_stream *s, const char *p, size_t avail)
{
    size_t q = find_start(p, 0, avail, 0);
    if (q == avail && avail > 0 && p[avail - 1] == '#' && !s->eof)
        q--; /* may be the first half of "##" */
    if (q == 0) return 0;
    skip(s, q);
    return 1;
}

/* The frame at p failed at its declared end (or the input ended inside it): a corrupted
 * length or a cut costs only this frame; otherwise resync on a "##dddd" inside it. */
static int refuse(hj212_stream *s, hj212_event *ev, const char *p, size_t avail, size_t end,
                  size_t tl)
{
    size_t cut = 0, rpos = 6;
    uint16_t rc = 0xFFFF;
    const char *why = NULL;
    hj212_err r = inner_resync(p, 6, avail, s->max, &cut, &rc, &rpos);

    /* A cut at the frame's own declared end means the length was right after all (the
     * CRC matched by chance, e.g. over an encrypted CP): keep the frame's own refusal. */
    if (r == HJ212_E_LENGTH && cut != end + tl) {
        (void)hj212_parse(&s->pkt, p, cut, &s->opts, &why);
        return emit(s, ev, r, cut, why);
    }
    if (r == HJ212_E_TRUNC && cut < end)
        return emit_reset(s, ev, r, cut, "packet cut short by a new frame");
    if (avail < end) { /* end of input inside the frame */
        size_t q = find_start(p, 2, avail, 1);
        return emit_reset(s, ev, HJ212_E_TRUNC, q, "input ends inside the packet");
    }
    size_t q = find_start(p, 2, end, 1);
    return emit(s, ev, s->ferr, q < end ? q : end + tl, s->fwhy);
}

int hj212_stream_next(hj212_stream *s, hj212_event *ev)
{
    for (;;) {
        const char *p = s->buf + s->head;
        size_t avail = s->tail - s->head;
        unsigned len = 0;

        if (s->discard > 0) {
            size_t take = avail < s->discard ? avail : s->discard;
            size_t q = find_start(p, 0, take, 1);
            if (q < take && (avail - q >= 6 || !s->eof)) {
                /* a frame may start inside the oversize one: stop dropping there */
                s->head += q;
                if (avail - q < 6) return 0;
                s->discard = 0;
                continue;
            }
            s->head += take;
            s->discard -= take;
            if (s->discard > 0) return 0;
            s->eat_crlf = 1;
            continue;
        }
        if (s->eat_crlf && avail > 0) {
            s->eat_crlf = p[0] == '\r';
            if (p[0] == '\r' || p[0] == '\n') {
                s->head++;
                continue;
            }
        }
        if (avail < 2 || p[0] != '#' || p[1] != '#') {
            if (skip_garbage(s, p, avail)) continue;
            if (s->eof && avail > 0) {
                skip(s, avail);
                continue;
            }
            if (s->eof && s->pending_skip > 0)
                return emit_reset(s, ev, HJ212_E_FRAME, 0, "garbage at the end of the input");
            return 0;
        }
        if (avail < 6) {
            if (!s->eof) return 0;
            return emit_reset(s, ev, HJ212_E_TRUNC, avail, "input ends inside the frame header");
        }
        if (!hj212__len4(p + 2, &len)) {
            if (p[2] == '#') {
                skip(s, 1); /* "###": the first '#' is garbage */
                continue;
            }
            return emit_reset(s, ev, HJ212_E_LENGTH, 2, "length field is not 4 decimal digits");
        }
        if (len > s->max) {
            s->discard = (size_t)len + 4;
            return emit_reset(s, ev, HJ212_E_TOOBIG, 6, "length beyond the configured maximum");
        }
        size_t end = 6 + (size_t)len + 4, tl = 0, cut = 0;
        if (s->failed) {
            /* refused at its declared end: wait for a '\n' to tell a corrupted length or a
             * cut from a corrupted frame (bounded: the buffer holds one frame at most) */
            size_t from = s->scan > end ? s->scan : end;
            if (!s->eof && avail < s->cap &&
                (from >= avail || !memchr(p + from, '\n', avail - from))) {
                s->scan = avail;
                return 0;
            }
            tl = avail >= end + 2 && p[end] == '\r' && p[end + 1] == '\n' ? 2
                 : avail > end && (p[end] == '\n' || p[end] == '\r')      ? 1
                                                                          : 0;
            return refuse(s, ev, p, avail, end, tl);
        }
        if (avail < end + 2 && !(avail > end && p[end] != '\r') && !s->eof) {
            /* waiting: look at the new bytes for the signs of a cut or a corrupted length */
            hj212_err e = inner_resync(p, s->scan, avail, s->max, &cut, &s->rc, &s->rpos);
            s->scan = avail;
            if (e == HJ212_E_LENGTH) {
                const char *why = NULL;
                (void)hj212_parse(&s->pkt, p, cut, &s->opts, &why);
                return emit(s, ev, e, cut, why);
            }
            if (e == HJ212_E_TRUNC)
                return emit_reset(s, ev, e, cut, "packet cut short by a new frame");
            return 0;
        }
        if (avail < end) return refuse(s, ev, p, avail, end, 0);
        if (avail >= end + 2 && p[end] == '\r' && p[end + 1] == '\n')
            tl = 2;
        else if (avail > end && (p[end] == '\n' || p[end] == '\r'))
            tl = 1;
        const char *why = NULL;
        hj212_err e = hj212__parse_framed(&s->pkt, p, len, tl == 2, &s->opts, &why);
        if (e == HJ212_OK) {
            if (tl != 2) s->pkt.warnings |= HJ212_W_NOTRAILER;
            return emit(s, ev, e, end + tl, NULL);
        }
        s->failed = 1;
        s->ferr = e;
        s->fwhy = why;
        s->scan = 0;
    }
}
