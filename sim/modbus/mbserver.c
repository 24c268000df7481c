/*
 * mbserver.c — one station's Modbus/TCP endpoint; see mbserver.h (contract) and mbloop.h
 * (threading model).
 */
#include "mbserver.h"
#include "mbframe.h"
#include "mbreply.h"

#include <modbus.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
    MBSERVER_ACCEPT_BATCH = 64, /* accepts per listener event: others get their turn */
    MBSERVER_OUT_MIN = 1024,
    MBSERVER_BATCH = 4096 /* replies gathered per read before queueing */
};

/* A client's source address, for the per-source limit (IPv4-mapped IPv6 as IPv4). */
typedef struct mbsource {
    int family;
    uint8_t addr[16];
} mbsource;

typedef struct mbconn {
    mbloop_watch w;
    mbserver *srv;
    struct mbconn *prev, *next;   /* by valid_ms, oldest first: the idle sweep */
    struct mbconn *pprev, *pnext; /* with a partial frame, by part_ms, oldest first */
    int64_t valid_ms;             /* last complete, valid request; until one: accepted */
    int64_t part_ms;              /* first byte of the pending partial frame; -1 none */
    int valid;                    /* 1 once a valid request came */
    int partial;                  /* 1 while on the partial list */
    mbsource src;
    char peer[64];
    uint8_t *out; /* queued reply bytes [out_off, out_len), capacity out_cap <= out_limit */
    size_t out_off, out_len, out_cap;
    mbframe_buf in;
} mbconn;

struct mbserver {
    mbloop *loop;
    mbloop_watch lw; /* listener */
    mbloop_tick tick;
    int port;
    mbserver_config cfg;
    mbserver_write_fn on_write;
    void *on_write_ctx;
    mbconn *head, *tail;   /* every client, by valid_ms */
    mbconn *phead, *ptail; /* clients with a partial frame, by part_ms */
    int nconns;
    mbserver_stats st;
    hwdev units[MBSERVER_UNIT_MAX + 1]; /* [0] unused; ops NULL = no device */
};

mbserver_config mbserver_defaults(void)
{
    mbserver_config c = {.max_conns = 32,
                         .max_per_source = 8,
                         .out_limit = 64 * 1024,
                         .idle_ms = 120000, /* twice the DAU's 60 s poll interval */
                         .frame_ms = 10000,
                         .sockbuf = 0};
    return c;
}

/* ---- connection list ---- */

static void list_unlink(mbserver *s, mbconn *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else
        s->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        s->tail = c->prev;
    c->prev = c->next = NULL;
}

static void list_append(mbserver *s, mbconn *c)
{
    c->prev = s->tail;
    c->next = NULL;
    if (s->tail)
        s->tail->next = c;
    else
        s->head = c;
    s->tail = c;
}

static void partial_unlink(mbserver *s, mbconn *c)
{
    if (!c->partial) return;
    if (c->pprev)
        c->pprev->pnext = c->pnext;
    else
        s->phead = c->pnext;
    if (c->pnext)
        c->pnext->pprev = c->pprev;
    else
        s->ptail = c->pprev;
    c->pprev = c->pnext = NULL;
    c->partial = 0;
}

static void partial_append(mbserver *s, mbconn *c)
{
    c->pprev = s->ptail;
    c->pnext = NULL;
    if (s->ptail)
        s->ptail->pnext = c;
    else
        s->phead = c;
    s->ptail = c;
    c->partial = 1;
}

/* After a read: frames taken (complete, valid requests), and whether a partial frame
 * remains. Only complete requests restart the idle time; a partial frame's deadline runs
 * from its first byte and its later bytes do not move it. */
static void conn_progress(mbconn *c, int frames, int partial, int64_t now)
{
    mbserver *s = c->srv;
    if (frames) {
        c->valid = 1;
        c->valid_ms = now;
        if (s->tail != c) {
            list_unlink(s, c);
            list_append(s, c);
        }
    }
    if (!partial) {
        partial_unlink(s, c);
        c->part_ms = -1;
    } else if (frames || !c->partial) { /* a new frame started in this read */
        partial_unlink(s, c);
        c->part_ms = now;
        partial_append(s, c);
        if (s->cfg.frame_ms >= 0) mbloop_tick_due(s->loop, now + s->cfg.frame_ms);
    }
}

static void conn_close(mbconn *c)
{
    mbserver *s = c->srv;
    mbloop_del(s->loop, &c->w);
    close(c->w.fd);
    list_unlink(s, c);
    partial_unlink(s, c);
    s->nconns--;
    s->st.closed++;
    free(c->out);
    free(c);
}

/* ---- output ---- */

/* Sends what is queued. 0 (maybe still pending), -1 on a socket error. */
static int conn_flush(mbconn *c)
{
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->w.fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (n > 0) {
            c->out_off += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        return -1;
    }
    unsigned want = MBLOOP_IN;
    if (c->out_off == c->out_len) {
        c->out_off = c->out_len = 0;
    } else {
        want |= MBLOOP_OUT;
    }
    return mbloop_modify(c->srv->loop, &c->w, want);
}

/* Queues reply bytes behind what is pending; sends at once when nothing is. -1 on a socket
 * error or when the queue would exceed out_limit (the caller drops the client). */
static int conn_send(mbconn *c, const uint8_t *p, size_t len)
{
    if (len == 0) return 0;
    if (c->out_off == c->out_len) {
        while (len > 0) {
            ssize_t n = send(c->w.fd, p, len, MSG_NOSIGNAL);
            if (n > 0) {
                p += n;
                len -= (size_t)n;
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            return -1;
        }
        if (len == 0) return 0;
    }
    size_t pending = c->out_len - c->out_off;
    if (pending + len > c->srv->cfg.out_limit) return -2;
    if (c->out_off > 0) {
        memmove(c->out, c->out + c->out_off, pending);
        c->out_off = 0;
        c->out_len = pending;
    }
    if (pending + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : MBSERVER_OUT_MIN;
        while (cap < pending + len)
            cap *= 2;
        if (cap > c->srv->cfg.out_limit) cap = c->srv->cfg.out_limit;
        uint8_t *nb = realloc(c->out, cap);
        if (!nb) return -1;
        c->out = nb;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, p, len);
    c->out_len += len;
    return mbloop_modify(c->srv->loop, &c->w, MBLOOP_IN | MBLOOP_OUT);
}

/* ---- requests ---- */

static int device_verdict(int rc)
{
    return rc >= 1 && rc <= MBSERVER_EX_NO_UNIT ? rc : HWDEV_EX_FAILURE;
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void report_write(mbserver *s, mbconn *c, int unit, int fc, uint16_t addr, uint16_t n,
                         const uint16_t *v)
{
    s->st.writes++;
    if (!s->on_write) return;
    mbserver_write w = {unit, fc, addr, n, v, c->peer};
    s->on_write(s->on_write_ctx, &w);
}

/* What a request came to: an exception, registers read, or an accepted write. */
typedef struct outcome {
    int ex;
    int read; /* 1: regs[0..n) to send */
    uint16_t n;
    uint16_t regs[MBFRAME_MAX_ADU / 2];
} outcome;

/* Asks the device about one whole frame f (MBAP included). */
static void serve(mbserver *s, mbconn *c, const uint8_t *f, size_t flen, outcome *o)
{
    int unit = f[6], fc = f[7];
    size_t pdu = flen - MBFRAME_HEADER; /* function code included, >= 1 */
    const hwdev *d =
        unit >= 1 && unit <= MBSERVER_UNIT_MAX && s->units[unit].ops ? &s->units[unit] : NULL;
    int ex = 0;

    o->read = 0;
    if (!d) {
        ex = MBSERVER_EX_NO_UNIT;
    } else if (fc == 3 || fc == 4) {
        uint16_t addr = pdu == 5 ? be16(f + 8) : 0, n = pdu == 5 ? be16(f + 10) : 0;
        if (!d->ops->read)
            ex = HWDEV_EX_FUNCTION;
        else if (pdu != 5 || n < 1 || n > 125)
            ex = HWDEV_EX_VALUE;
        else if ((uint32_t)addr + n > 0x10000u)
            ex = HWDEV_EX_ADDRESS;
        else if ((ex = d->ops->read(d->dev, fc == 3 ? HWDEV_HOLDING : HWDEV_INPUT, addr, n,
                                    o->regs)) == 0) {
            o->read = 1;
            o->n = n;
        }
    } else if (fc == 6) {
        uint16_t addr = pdu == 5 ? be16(f + 8) : 0;
        o->regs[0] = pdu == 5 ? be16(f + 10) : 0;
        if (!d->ops->write)
            ex = HWDEV_EX_FUNCTION;
        else if (pdu != 5)
            ex = HWDEV_EX_VALUE;
        else if ((ex = d->ops->write(d->dev, addr, 1, o->regs)) == 0)
            report_write(s, c, unit, fc, addr, 1, o->regs);
    } else if (fc == 16) {
        uint16_t addr = pdu >= 6 ? be16(f + 8) : 0, n = pdu >= 6 ? be16(f + 10) : 0;
        size_t bytes = pdu >= 6 ? f[12] : 0;
        if (!d->ops->write)
            ex = HWDEV_EX_FUNCTION;
        else if (pdu < 6 || n < 1 || n > 123 || bytes != 2u * n || pdu != 6 + bytes)
            ex = HWDEV_EX_VALUE;
        else if ((uint32_t)addr + n > 0x10000u)
            ex = HWDEV_EX_ADDRESS;
        else {
            for (uint16_t i = 0; i < n; i++)
                o->regs[i] = be16(f + 13 + 2 * i);
            if ((ex = d->ops->write(d->dev, addr, n, o->regs)) == 0)
                report_write(s, c, unit, fc, addr, n, o->regs);
        }
    } else {
        ex = HWDEV_EX_FUNCTION;
    }
    o->ex = ex ? device_verdict(ex) : 0;
}

/* Has libmodbus send the reply: to fd >= 0 directly, else captured into out. Returns the
 * captured length (0 when sent), or -1 (errno) when the direct send failed. */
static int emit(mbreply *r, int fd, const uint8_t *f, size_t flen, const outcome *o, uint8_t *out,
                size_t cap)
{
    if (o->ex) return mbreply_exception(r, fd, f, flen, o->ex, out, cap);
    if (o->read) return mbreply_read(r, fd, f, flen, o->regs, o->n, out, cap);
    return mbreply_write(r, fd, f, flen, out, cap);
}

/* Drops the client for a failed send: -2 means its queue is full. */
static void conn_fail(mbconn *c, int rc)
{
    if (rc == -2) c->srv->st.dropped_overflow++;
    conn_close(c);
}

static void conn_read(mbconn *c)
{
    mbserver *s = c->srv;
    mbreply *r = mbloop_reply(s->loop);
    size_t avail = 0;
    uint8_t *p = mbframe_space(&c->in, &avail);
    ssize_t n = recv(c->w.fd, p, avail, 0);
    if (n == 0) {
        conn_close(c);
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) conn_close(c);
        return;
    }
    mbframe_commit(&c->in, (size_t)n);
    int64_t now = mbloop_now(s->loop); /* when the bytes came, not when replies went out */

    /* One read per event, every whole frame in it: a flooding client gets one buffer's
     * worth per turn like everybody else. A lone frame with nothing pending is answered
     * straight into the socket (libmodbus cannot say how much of a partial write went
     * out, so that drops the client); pipelined frames are answered into batch, sent
     * with one send(), the rest queued. */
    uint8_t batch[MBSERVER_BATCH];
    size_t blen = 0;
    const uint8_t *f = NULL;
    size_t flen = 0;
    const char *why = NULL;
    int rc = 0, frames = 0;
    outcome o;
    while ((rc = mbframe_next(&c->in, &f, &flen, &why)) == 1) {
        frames++;
        s->st.requests++;
        serve(s, c, f, flen, &o);
        if (o.ex) s->st.exceptions++;
        if (blen == 0 && c->out_off == c->out_len && !mbframe_ready(&c->in)) {
            if (emit(r, c->w.fd, f, flen, &o, NULL, 0) >= 0) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                /* EMBBADDATA: part of a reply went out and the socket is full, so the
                 * client stopped reading; any other error: the socket is dead. */
                conn_fail(c, errno == EMBBADDATA ? -2 : -1);
                return;
            }
        }
        if (blen + MBFRAME_MAX_ADU > sizeof batch) {
            int sr = conn_send(c, batch, blen);
            if (sr < 0) {
                conn_fail(c, sr);
                return;
            }
            blen = 0;
        }
        int k = emit(r, -1, f, flen, &o, batch + blen, sizeof batch - blen);
        if (k > 0) blen += (size_t)k;
    }
    int sr = conn_send(c, batch, blen);
    if (sr < 0) {
        conn_fail(c, sr);
        return;
    }
    if (rc < 0) {
        s->st.bad_frames++;
        conn_close(c);
        return;
    }
    conn_progress(c, frames, c->in.len > c->in.off, now);
}

static void on_conn(void *ctx, unsigned re)
{
    mbconn *c = ctx;
    if (re & MBLOOP_ERR) {
        conn_close(c);
        return;
    }
    if (re & MBLOOP_OUT) {
        if (conn_flush(c) < 0) {
            conn_close(c);
            return;
        }
    }
    if (re & MBLOOP_IN) conn_read(c);
}

/* ---- listener ---- */

static void peer_name(const struct sockaddr_storage *ss, char *buf, size_t len)
{
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
    }
    snprintf(buf, len, "%s:%d", host, port);
}

static void source_of(const struct sockaddr_storage *ss, mbsource *src)
{
    static const uint8_t v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    memset(src, 0, sizeof *src);
    if (ss->ss_family == AF_INET) {
        src->family = AF_INET;
        memcpy(src->addr, &((const struct sockaddr_in *)ss)->sin_addr, 4);
    } else if (ss->ss_family == AF_INET6) {
        const uint8_t *a = ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
        if (memcmp(a, v4mapped, sizeof v4mapped) == 0) {
            src->family = AF_INET;
            memcpy(src->addr, a + 12, 4);
        } else {
            src->family = AF_INET6;
            memcpy(src->addr, a, 16);
        }
    }
}

static int same_source(const mbsource *a, const mbsource *b)
{
    return a->family == b->family && memcmp(a->addr, b->addr, sizeof a->addr) == 0;
}

/* Makes room for a client from src: 0 when it may be admitted (possibly after evicting
 * the oldest connection that never sent a valid request: of the same source at the
 * per-source limit, of any source at max_conns), -1 when it must be refused. Scans the
 * clients: O(max_conns) per accept. */
static int make_room(mbserver *s, const mbsource *src)
{
    int n = 0;
    mbconn *own_idle = NULL, *any_idle = NULL; /* oldest never-valid: of src, of anyone */
    for (mbconn *c = s->head; c; c = c->next) {
        int mine = same_source(&c->src, src);
        n += mine;
        if (!c->valid && !any_idle) any_idle = c;
        if (!c->valid && mine && !own_idle) own_idle = c;
    }
    if (s->cfg.max_per_source > 0 && n >= s->cfg.max_per_source) {
        if (!own_idle) {
            s->st.refused_source++;
            return -1;
        }
        s->st.evicted++;
        conn_close(own_idle);
        return 0;
    }
    if (s->nconns >= s->cfg.max_conns) {
        if (!any_idle) {
            s->st.refused++;
            return -1;
        }
        s->st.evicted++;
        conn_close(any_idle);
    }
    return 0;
}

static void on_listen(void *ctx, unsigned re)
{
    mbserver *s = ctx;
    for (int i = 0; i < MBSERVER_ACCEPT_BATCH; i++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        memset(&ss, 0, sizeof ss);
        int fd = accept(s->lw.fd, (struct sockaddr *)&ss, &sl);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return; /* EAGAIN, or out of fds: try again at the next event */
        }
        if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
            close(fd);
            continue;
        }
        mbsource src;
        source_of(&ss, &src);
        if (make_room(s, &src) < 0) {
            close(fd);
            continue;
        }
        mbconn *c = malloc(sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        memset(c, 0, offsetof(mbconn, in));
        mbframe_init(&c->in);
        c->w.fd = fd;
        c->w.events = MBLOOP_IN;
        c->w.fn = on_conn;
        c->w.ctx = c;
        c->srv = s;
        c->src = src;
        c->part_ms = -1;
        peer_name(&ss, c->peer, sizeof c->peer);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (s->cfg.sockbuf > 0) {
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &s->cfg.sockbuf, sizeof s->cfg.sockbuf);
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &s->cfg.sockbuf, sizeof s->cfg.sockbuf);
        }
        if (mbloop_add(s->loop, &c->w) < 0) {
            close(fd);
            free(c);
            continue;
        }
        c->valid_ms = mbloop_now(s->loop);
        list_append(s, c);
        s->nconns++;
        s->st.accepted++;
        if (s->cfg.idle_ms >= 0) mbloop_tick_due(s->loop, c->valid_ms + s->cfg.idle_ms);
    }
}

/* Closes the clients past the idle time (since their last valid request) or the frame
 * time (since the first byte of their pending frame); returns the ms to the next such
 * deadline, -1 none. */
static int64_t idle_sweep(void *ctx, int64_t now)
{
    mbserver *s = ctx;
    int64_t next = -1;
    if (s->cfg.frame_ms >= 0) {
        while (s->phead && now - s->phead->part_ms >= s->cfg.frame_ms) {
            s->st.dropped_frame++;
            conn_close(s->phead);
        }
        if (s->phead) next = s->phead->part_ms + s->cfg.frame_ms - now;
    }
    if (s->cfg.idle_ms >= 0) {
        while (s->head && now - s->head->valid_ms >= s->cfg.idle_ms) {
            s->st.dropped_idle++;
            conn_close(s->head);
        }
        int64_t in = s->head ? s->head->valid_ms + s->cfg.idle_ms - now : -1;
        if (in >= 0 && (next < 0 || in < next)) next = in;
    }
    return next;
}

/* ---- public ---- */

mbserver *mbserver_new(const char *addr, int port, mbloop *loop, const mbserver_config *cfg,
                       char *err, size_t errlen)
{
    if (!loop || port < 0 || port > 65535) {
        snprintf(err, errlen, "mbserver_new: bad loop or port %d", port);
        return NULL;
    }
    mbserver *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->loop = loop;
    s->lw.fd = -1;
    s->cfg = cfg ? *cfg : mbserver_defaults();
    if (s->cfg.max_conns < 1) s->cfg.max_conns = 1;
    if (s->cfg.out_limit < MBSERVER_OUT_MIN) s->cfg.out_limit = MBSERVER_OUT_MIN;

    char service[8];
    snprintf(service, sizeof service, "%d", port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(addr, service, &hints, &res);
    if (gai != 0) {
        snprintf(err, errlen, "%s: %s", addr ? addr : "*", gai_strerror(gai));
        free(s);
        return NULL;
    }
    int fd = socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, SOMAXCONN) < 0) {
        snprintf(err, errlen, "listen on %s:%d: %s", addr ? addr : "*", port, strerror(errno));
        freeaddrinfo(res);
        if (fd >= 0) close(fd);
        free(s);
        return NULL;
    }
    freeaddrinfo(res);

    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    memset(&ss, 0, sizeof ss);
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    s->port = ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port)
                                       : ntohs(((struct sockaddr_in *)&ss)->sin_port);
    s->lw.fd = fd;
    s->lw.events = MBLOOP_IN;
    s->lw.fn = on_listen;
    s->lw.ctx = s;
    if (mbloop_add(loop, &s->lw) < 0) {
        snprintf(err, errlen, "epoll: %s", strerror(errno));
        close(fd);
        free(s);
        return NULL;
    }
    s->tick.fn = idle_sweep;
    s->tick.ctx = s;
    mbloop_tick_add(loop, &s->tick);
    return s;
}

void mbserver_free(mbserver *s)
{
    if (!s) return;
    while (s->head)
        conn_close(s->head);
    mbloop_tick_del(s->loop, &s->tick);
    mbloop_del(s->loop, &s->lw);
    close(s->lw.fd);
    free(s);
}

int mbserver_port(const mbserver *s)
{
    return s->port;
}

int mbserver_set_unit(mbserver *s, int unit, const hwdev *dev)
{
    if (unit < 1 || unit > MBSERVER_UNIT_MAX || (dev && !dev->ops)) return -1;
    if (dev)
        s->units[unit] = *dev;
    else
        memset(&s->units[unit], 0, sizeof s->units[unit]);
    return 0;
}

void mbserver_on_write(mbserver *s, mbserver_write_fn fn, void *ctx)
{
    s->on_write = fn;
    s->on_write_ctx = ctx;
}

mbserver_stats mbserver_get_stats(const mbserver *s)
{
    return s->st;
}

int mbserver_clients(const mbserver *s)
{
    return s->nconns;
}
