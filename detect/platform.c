/*
 * platform.c — HJ 212 receiver: epoll loop, connections, auth, batched commit, replies.
 *
 * Threading model: one thread. Everything here (listeners, connections, the stream
 * decoders, the store) is owned by the thread that calls platform_poll_once; nothing
 * blocks except epoll_wait. Sockets are non-blocking and level-triggered. One iteration =
 * epoll_wait -> read every ready socket -> decode, authenticate, stage data uploads (and
 * split parts) into one open SQLite transaction while the replies are appended behind each
 * connection's commit mark -> COMMIT -> move the marks (or withdraw the replies if the
 * commit failed) -> write what is released -> close the connections condemned so far ->
 * accept -> time-outs -> close what accept and the time-outs condemned. A connection is
 * freed only in commit_and_release, so no event of the same epoll batch can point to freed
 * memory; a connection is on the pending list at most once (its dirty mark stays set
 * until it has been flushed and, if condemned, freed).
 */
#define _GNU_SOURCE /* accept4 */
#include "platform.h"

#include "records.h"
#include "registry.h"

#include <arpa/inet.h>
#include <errno.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PLATFORM_MAX_LISTEN  8
#define PLATFORM_MAX_EVENTS  1024
#define PLATFORM_READ_CHUNK  65536
#define PLATFORM_READ_BUDGET (256 * 1024) /* bytes read from one socket per iteration */
#define PLATFORM_ACCEPT_MAX  256          /* accepts per listener per iteration */
#define PLATFORM_REPLY_MAX   512          /* one reply frame fits in this */
#define ADDR_BUCKETS         1024
#define QNRTN_REFUSED        100 /* the upload itself is refused: resending it cannot help */

/* Live connections of one source address. */
typedef struct addr_slot {
    unsigned char a[16];
    unsigned char len;
    size_t n;
    struct addr_slot *next;
} addr_slot;

typedef struct conn {
    int fd;
    hj212_stream *in;
    char *out;
    size_t out_off, out_mark, out_len, out_cap; /* [off, mark) released, [mark, len) held */
    int64_t last_valid_ms; /* accept time, or the last valid packet */
    int64_t partial_ms;    /* bytes since then that made no valid packet: the first's time */
    uint64_t nvalid;       /* valid packets received */
    int closing;           /* condemned: freed at the end of the iteration */
    int eof;               /* peer closed its side: flush, then close */
    int dirty;             /* on the pending list */
    int want_out;          /* EPOLLOUT registered */
    int garbage_logged;
    addr_slot *addr; /* its source address while it counts there (not once condemned) */
    char why[48];    /* reason for closing */
    char peer[64];
    struct conn *prev, *next;   /* all connections */
    struct conn *uprev, *unext; /* never validated and not condemned, oldest first */
    struct conn *next_pending;  /* this iteration's dirty/condemned list */
} conn;

/* Rate limit of the log: per event kind, lines written and left out in this interval. */
typedef struct log_gate {
    int64_t start;
    unsigned lines[PLATFORM_EV__COUNT];
    uint64_t left[PLATFORM_EV__COUNT];
} log_gate;

struct platform {
    platform_cfg cfg;
    int ep;
    int listeners[PLATFORM_MAX_LISTEN];
    size_t nlisteners;
    int spare_fd; /* released to accept-and-close a connection when out of descriptors */
    store *st;
    registry *reg;
    hj212_opts opts;
    hj212_packet *scratch; /* re-parse with a station key */
    hj212_packet *joined;  /* a reassembled split message */
    char *encbuf;          /* raw text of a joined message */
    char *partbuf;         /* the CPs of a split message's parts, read back */
    hj212_str *parts;
    char *rbuf;
    conn *conns;
    conn *uhead, *utail; /* never validated, oldest first */
    conn *pending;       /* connections touched in this iteration */
    size_t nconns;       /* allocated */
    size_t nlive;        /* allocated and not condemned */
    addr_slot *addrs[ADDR_BUCKETS];
    /* what this iteration stored, for cfg.on_commit (kept only when it is set) */
    batch_buf *uploads;     /* the uploads with the readings they stored */
    batch_buf *records;     /* work orders and lab results stored since the last push */
    size_t stored_uploads;  /* uploads stored in this iteration, new or re-sent */
    size_t resent;          /* ... of which re-sent */
    int64_t now;
    int64_t last_scan;
    log_gate gate;
    platform_stats stats;
    long records_size; /* bytes of the records feed read so far */
    dev_t records_dev; /* the file they were read from */
    ino_t records_ino;
    char err[256];
};

static char listen_tag; /* epoll data.ptr of every listener */

static int64_t wall_ms(void *ctx)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *const event_names[PLATFORM_EV__COUNT] = {
    [PLATFORM_EV_ACCEPT] = "accept",         [PLATFORM_EV_CLOSE] = "close",
    [PLATFORM_EV_CONN_LIMIT] = "conn_limit", [PLATFORM_EV_TIMEOUT] = "timeout",
    [PLATFORM_EV_OUT_LIMIT] = "out_limit",   [PLATFORM_EV_GARBAGE] = "garbage",
    [PLATFORM_EV_REFUSED] = "refused",       [PLATFORM_EV_UNKNOWN_MN] = "unknown_mn",
    [PLATFORM_EV_BAD_PW] = "bad_pw",         [PLATFORM_EV_SPLIT] = "split",
    [PLATFORM_EV_STORE] = "store",           [PLATFORM_EV_DATATIME] = "datatime",
    [PLATFORM_EV_EVICT] = "evict",           [PLATFORM_EV_SUPPRESSED] = "suppressed",
};

const char *platform_event_name(platform_event ev)
{
    return (unsigned)ev < PLATFORM_EV__COUNT ? event_names[ev] : "?";
}

/* Ends the log interval when it is over: one line sums up what was left out. */
static void gate_roll(platform *p)
{
    log_gate *g = &p->gate;
    if (p->now - g->start < p->cfg.log_interval_ms && p->now >= g->start) return;
    char detail[200];
    size_t n = 0;
    detail[0] = '\0';
    for (int k = 0; k < PLATFORM_EV__COUNT; k++) {
        if (!g->left[k] || n >= sizeof detail) continue;
        int w = snprintf(detail + n, sizeof detail - n, "%s%s %llu", n ? ", " : "",
                         event_names[k], (unsigned long long)g->left[k]);
        if (w > 0) n += (size_t)w;
    }
    if (n && p->cfg.log) {
        if (n < sizeof detail)
            snprintf(detail + n, sizeof detail - n, " (%d s)", p->cfg.log_interval_ms / 1000);
        p->cfg.log(p->cfg.log_ctx, PLATFORM_EV_SUPPRESSED, "", NULL, detail);
    }
    memset(g, 0, sizeof *g);
    g->start = p->now;
}

static void logf_(platform *p, platform_event ev, const conn *c, const hj212_str *mn,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Whether a line of this kind may be written now; counts it either way. */
static int gate_pass(platform *p, platform_event ev)
{
    if (!p->cfg.log) return 0;
    gate_roll(p);
    if (p->gate.lines[ev] >= PLATFORM_LOG_BURST) {
        p->gate.left[ev]++;
        p->stats.log_suppressed++;
        return 0;
    }
    p->gate.lines[ev]++;
    return 1;
}

static void logf_(platform *p, platform_event ev, const conn *c, const hj212_str *mn,
                  const char *fmt, ...)
{
    if (!gate_pass(p, ev)) return;
    char detail[200] = "";
    char mnbuf[25] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
    }
    if (mn && mn->n) snprintf(mnbuf, sizeof mnbuf, "%.*s", (int)(mn->n > 24 ? 24 : mn->n), mn->p);
    p->cfg.log(p->cfg.log_ctx, ev, c ? c->peer : "", mnbuf[0] ? mnbuf : NULL, fmt ? detail : NULL);
}

/* --- construction ------------------------------------------------------------------- */

platform *platform_new(const platform_cfg *cfg, char *err, size_t errlen)
{
    platform *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->cfg = *cfg;
    p->ep = -1;
    p->spare_fd = -1;
    if (!p->cfg.max_conns) p->cfg.max_conns = 2048;
    if (!p->cfg.max_per_addr) p->cfg.max_per_addr = 256;
    if (!p->cfg.max_packet) p->cfg.max_packet = HJ212_MAX_DEFAULT;
    if (!p->cfg.max_out) p->cfg.max_out = 64 * 1024;
    if (!p->cfg.idle_timeout_ms) p->cfg.idle_timeout_ms = 2 * 3600 * 1000;
    if (!p->cfg.frame_timeout_ms) p->cfg.frame_timeout_ms = 30 * 1000;
    if (!p->cfg.now_ms) p->cfg.now_ms = wall_ms;
    if (!p->cfg.future_ms) p->cfg.future_ms = 24 * 3600 * 1000LL;
    if (!p->cfg.split_msgs) p->cfg.split_msgs = 8;
    if (!p->cfg.split_bytes || p->cfg.split_bytes > HJ212_MAX_DEFAULT)
        p->cfg.split_bytes = HJ212_MAX_DEFAULT; /* the joined packet must fit in one */
    if (!p->cfg.split_all) p->cfg.split_all = 4096;
    if (!p->cfg.split_timeout_ms) p->cfg.split_timeout_ms = 3600 * 1000LL;
    if (p->cfg.log_interval_ms <= 0) p->cfg.log_interval_ms = 10 * 1000;
    p->opts.max_len = p->cfg.max_packet;
    p->opts.cipher = NULL;
    if (!cfg->db_path) {
        snprintf(err, errlen, "no database file");
        goto fail;
    }
    p->ep = epoll_create1(EPOLL_CLOEXEC);
    if (p->ep < 0) {
        snprintf(err, errlen, "epoll: %s", strerror(errno));
        goto fail;
    }
    p->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    p->st = store_open(cfg->db_path, cfg->sync, err, errlen);
    if (!p->st) goto fail;
    if (cfg->stations_path) {
        p->reg = registry_load(cfg->stations_path, err, errlen);
        if (!p->reg) goto fail;
    }
    if (p->cfg.on_commit &&
        (!(p->uploads = batch_buf_new()) || !(p->records = batch_buf_new()))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    p->scratch = malloc(sizeof *p->scratch);
    p->joined = malloc(sizeof *p->joined);
    p->encbuf = malloc(HJ212_MAX_DEFAULT + 64);
    p->partbuf = malloc(p->cfg.split_bytes);
    p->parts = malloc(HJ212_SPLIT_PARTS_MAX * sizeof *p->parts);
    p->rbuf = malloc(PLATFORM_READ_CHUNK);
    if (!p->scratch || !p->joined || !p->encbuf || !p->partbuf || !p->parts || !p->rbuf) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    p->now = p->cfg.now_ms(p->cfg.clock_ctx);
    p->last_scan = p->now;
    p->gate.start = p->now;
    return p;
fail:
    platform_free(p);
    return NULL;
}

/* --- source addresses and the never-validated list ---------------------------------- */

static addr_slot **addr_bucket(platform *p, const unsigned char *a, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ a[i]) * 16777619u;
    return &p->addrs[h % ADDR_BUCKETS];
}

/* The slot of a peer's address, made when it has none; NULL when out of memory. */
static addr_slot *addr_get(platform *p, const struct sockaddr_storage *ss)
{
    unsigned char a[16];
    size_t len = 0;
    if (ss->ss_family == AF_INET6) {
        memcpy(a, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
        len = 16;
    } else if (ss->ss_family == AF_INET) {
        memcpy(a, &((const struct sockaddr_in *)ss)->sin_addr, 4);
        len = 4;
    } /* else: one slot for every peer without an address */
    addr_slot **b = addr_bucket(p, a, len);
    for (addr_slot *s = *b; s; s = s->next)
        if (s->len == len && memcmp(s->a, a, len) == 0) return s;
    addr_slot *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    memcpy(s->a, a, len);
    s->len = (unsigned char)len;
    s->next = *b;
    *b = s;
    return s;
}

/* Frees the slot once it counts nobody. */
static void addr_release(platform *p, addr_slot *s)
{
    if (!s || s->n > 0) return;
    for (addr_slot **b = addr_bucket(p, s->a, s->len); *b; b = &(*b)->next)
        if (*b == s) {
            *b = s->next;
            free(s);
            return;
        }
}

static void unvalidated_remove(platform *p, conn *c)
{
    if (c->uprev)
        c->uprev->unext = c->unext;
    else if (p->uhead == c)
        p->uhead = c->unext;
    else
        return; /* not on the list */
    if (c->unext)
        c->unext->uprev = c->uprev;
    else
        p->utail = c->uprev;
    c->uprev = c->unext = NULL;
}

/* A connection stops counting against the slots (condemned, or freed while live). */
static void conn_unlist(platform *p, conn *c)
{
    unvalidated_remove(p, c);
    if (c->addr) {
        c->addr->n--;
        addr_release(p, c->addr);
        c->addr = NULL;
    }
    p->nlive--;
}

static void conn_free(platform *p, conn *c)
{
    if (!c->closing) conn_unlist(p, c);
    epoll_ctl(p->ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    hj212_stream_free(c->in);
    free(c->out);
    if (c->prev)
        c->prev->next = c->next;
    else
        p->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    p->nconns--;
    p->stats.closed++;
    free(c);
}

static void follow_records(platform *p, records_stats *out);

void platform_free(platform *p)
{
    if (!p) return;
    if (p->st && store_in_tx(p->st)) store_commit(p->st);
    if (p->st) follow_records(p, NULL); /* the feed's last lines, written at the very end */
    while (p->conns)
        conn_free(p, p->conns);
    for (size_t i = 0; i < ADDR_BUCKETS; i++)
        while (p->addrs[i]) { /* none is left: every connection gave its count back */
            addr_slot *n = p->addrs[i]->next;
            free(p->addrs[i]);
            p->addrs[i] = n;
        }
    for (size_t i = 0; i < p->nlisteners; i++)
        close(p->listeners[i]);
    if (p->ep >= 0) close(p->ep);
    if (p->spare_fd >= 0) close(p->spare_fd);
    /* the last connection to close checkpoints the WAL and removes platform.db-wal / -shm:
     * a reader (replay.h) closes first */
    store_close(p->st);
    registry_free(p->reg);
    batch_buf_free(p->uploads);
    batch_buf_free(p->records);
    free(p->scratch);
    free(p->joined);
    free(p->encbuf);
    free(p->partbuf);
    free(p->parts);
    free(p->rbuf);
    free(p);
}

const char *platform_errmsg(const platform *p)
{
    return p->err;
}

store *platform_store(platform *p)
{
    return p->st;
}

size_t platform_stations(const platform *p)
{
    return registry_count(p->reg);
}

const registry *platform_registry(const platform *p)
{
    return p->reg;
}

int platform_fd(const platform *p)
{
    return p->ep;
}

platform_stats platform_stats_get(const platform *p)
{
    platform_stats s = p->stats;
    s.current_conns = p->nlive;
    return s;
}

/* --- listening ---------------------------------------------------------------------- */

int platform_listen(platform *p, const char *addr_port)
{
    char host[256];
    const char *colon = strrchr(addr_port, ':');
    if (!colon || (size_t)(colon - addr_port) >= sizeof host || !colon[1]) {
        snprintf(p->err, sizeof p->err, "%s: expected ADDR:PORT", addr_port);
        return -1;
    }
    if (p->nlisteners == PLATFORM_MAX_LISTEN) {
        snprintf(p->err, sizeof p->err, "too many listening addresses");
        return -1;
    }
    memcpy(host, addr_port, (size_t)(colon - addr_port));
    host[colon - addr_port] = '\0';
    char *h = host;
    size_t hl = strlen(h);
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') { /* [::1]:port */
        h[hl - 1] = '\0';
        h++;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int gai = getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res);
    if (gai != 0) {
        snprintf(p->err, sizeof p->err, "%s: %s", addr_port, gai_strerror(gai));
        return -1;
    }
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
        snprintf(p->err, sizeof p->err, "%s: %s", addr_port, strerror(errno));
        if (fd >= 0) close(fd);
        freeaddrinfo(res);
        return -1;
    }
    freeaddrinfo(res);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    int port = -1;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        port = ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port)
                                        : ntohs(((struct sockaddr_in *)&ss)->sin_port);
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.ptr = &listen_tag;
    if (port < 0 || epoll_ctl(p->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
        snprintf(p->err, sizeof p->err, "%s: %s", addr_port, strerror(errno));
        close(fd);
        return -1;
    }
    p->listeners[p->nlisteners++] = fd;
    return port;
}

static void peer_name(int fd, char *out, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET6) {
            const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
            port = ntohs(a->sin6_port);
        } else if (ss.ss_family == AF_INET) {
            const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
            port = ntohs(a->sin_port);
        }
    }
    snprintf(out, cap, "%s:%d", host, port);
}

static void touch(platform *p, conn *c);
static void condemn(platform *p, conn *c, const char *why);

/* Makes room for a newcomer: the oldest live connection that never sent a valid packet
 * (of the address slot a, or of any address when a is NULL) is condemned. 0 when one was,
 * -1 when there is none. */
static int evict_one(platform *p, const addr_slot *a)
{
    conn *v = p->uhead;
    while (v && a && v->addr != a)
        v = v->unext;
    if (!v) return -1;
    p->stats.evicted++;
    logf_(p, PLATFORM_EV_EVICT, v, NULL, "%s", a ? "per-address limit" : "max_conns");
    condemn(p, v, "evicted: no valid packet, slot needed");
    return 0;
}

static void refuse_conn(platform *p, int fd, const char *why)
{
    close(fd);
    p->stats.refused_conns++;
    logf_(p, PLATFORM_EV_CONN_LIMIT, NULL, NULL, "%s", why);
}

static void accept_some(platform *p, int lfd)
{
    for (int i = 0; i < PLATFORM_ACCEPT_MAX; i++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        memset(&ss, 0, sizeof ss);
        int fd = accept4(lfd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if ((errno == EMFILE || errno == ENFILE) && p->spare_fd >= 0) {
                /* out of descriptors: take the connection with the spare one and close
                 * it, or the level-triggered listener would wake us forever */
                close(p->spare_fd);
                int tmp = accept(lfd, NULL, NULL);
                if (tmp >= 0) close(tmp);
                p->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                p->stats.refused_conns++;
                logf_(p, PLATFORM_EV_CONN_LIMIT, NULL, NULL, "%s", strerror(EMFILE));
            }
            return;
        }
        addr_slot *a = addr_get(p, &ss);
        if (!a) {
            refuse_conn(p, fd, "out of memory");
            continue;
        }
        if (p->cfg.max_per_addr != PLATFORM_NO_LIMIT && a->n >= p->cfg.max_per_addr &&
            evict_one(p, a) != 0) {
            addr_release(p, a);
            refuse_conn(p, fd, "max_per_addr: every connection from this address is a DAU");
            continue;
        }
        if (p->nlive >= p->cfg.max_conns && evict_one(p, NULL) != 0) {
            addr_release(p, a);
            refuse_conn(p, fd, "max_conns: every connection is a DAU");
            continue;
        }
        conn *c = calloc(1, sizeof *c);
        hj212_stream *in = c ? hj212_stream_new(&p->opts) : NULL;
        struct epoll_event ev;
        memset(&ev, 0, sizeof ev);
        ev.events = EPOLLIN;
        ev.data.ptr = c;
        if (!in || epoll_ctl(p->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
            hj212_stream_free(in);
            free(c);
            addr_release(p, a);
            refuse_conn(p, fd, "out of memory");
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c->fd = fd;
        c->in = in;
        c->last_valid_ms = p->now;
        c->addr = a;
        a->n++;
        peer_name(fd, c->peer, sizeof c->peer);
        c->next = p->conns;
        if (p->conns) p->conns->prev = c;
        p->conns = c;
        c->uprev = p->utail; /* never validated yet: the newest of that list */
        if (p->utail)
            p->utail->unext = c;
        else
            p->uhead = c;
        p->utail = c;
        p->nconns++;
        p->nlive++;
        p->stats.accepted++;
        if (gate_pass(p, PLATFORM_EV_ACCEPT))
            p->cfg.log(p->cfg.log_ctx, PLATFORM_EV_ACCEPT, c->peer, NULL, NULL);
    }
}

/* --- replies ------------------------------------------------------------------------ */

static void touch(platform *p, conn *c)
{
    if (c->dirty) return;
    c->dirty = 1;
    c->next_pending = p->pending;
    p->pending = c;
}

static void condemn(platform *p, conn *c, const char *why)
{
    if (!c->closing) {
        snprintf(c->why, sizeof c->why, "%s", why);
        c->closing = 1;
        conn_unlist(p, c); /* its slot is free for a newcomer at once */
    }
    touch(p, c);
}

/* Appends a reply behind the commit mark; it goes out after this iteration's commit. */
static void reply(platform *p, conn *c, const hj212_packet *req, int cn, int code,
                  const hj212_cipher *cipher)
{
    if (c->closing) return;
    if (c->out_len - c->out_off + PLATFORM_REPLY_MAX > p->cfg.max_out) {
        p->stats.out_limit++;
        logf_(p, PLATFORM_EV_OUT_LIMIT, c, &req->mn, "%zu", p->cfg.max_out);
        condemn(p, c, "output limit");
        return;
    }
    if (c->out_cap - c->out_len < PLATFORM_REPLY_MAX) {
        if (c->out_off > 0) { /* move the unsent bytes to the front */
            memmove(c->out, c->out + c->out_off, c->out_len - c->out_off);
            c->out_mark -= c->out_off;
            c->out_len -= c->out_off;
            c->out_off = 0;
        }
        if (c->out_cap - c->out_len < PLATFORM_REPLY_MAX) {
            size_t cap = c->out_cap ? c->out_cap * 2 : 4096;
            while (cap - c->out_len < PLATFORM_REPLY_MAX)
                cap *= 2;
            char *nb = realloc(c->out, cap);
            if (!nb) {
                condemn(p, c, "out of memory");
                return;
            }
            c->out = nb;
            c->out_cap = cap;
        }
    }
    hj212_opts o = p->opts;
    o.cipher = req->encrypted ? cipher : NULL;
    int n = hj212_reply(req, cn, code, c->out + c->out_len, PLATFORM_REPLY_MAX, &o);
    if (n <= 0) return;
    c->out_len += (size_t)n;
    touch(p, c);
    if (cn == 9014) p->stats.acks++;
    p->stats.replies++;
}

/* Would the reply to a packet the codec refused be a packet a DAU can read? Its header
 * comes from what the refused packet held (an MN cut short by the next "##", a QN that is no
 * date): such a reply is not sent (the refusal is counted as dropped). Rare, so the reply is
 * simply built once more here and parsed. */
static int reply_readable(platform *p, const hj212_packet *req, int cn, int code)
{
    char buf[PLATFORM_REPLY_MAX];
    hj212_opts o = p->opts;
    o.cipher = NULL;
    int n = hj212_reply(req, cn, code, buf, sizeof buf, &o);
    if (n <= 0 || req == p->scratch) return 0;
    return hj212_parse(p->scratch, buf, (size_t)n, &o, NULL) == HJ212_OK;
}

/* Answers a refused request: 9011 with QnRtn when the peer asked for a reply. */
static void refuse(platform *p, conn *c, const hj212_packet *pkt, int want, int code,
                   const hj212_cipher *cipher)
{
    if (want)
        reply(p, c, pkt, 9011, code, cipher);
    else
        p->stats.dropped++;
}

/* --- packets ------------------------------------------------------------------------ */

static int is_upload(int cn)
{
    return (cn >= 2000 && cn < 3000) || cn == 3020;
}

/* The peer sent a valid packet: it holds its slot as a DAU, and its clocks restart. */
static void validated(platform *p, conn *c)
{
    c->last_valid_ms = p->now;
    c->partial_ms = 0;
    if (c->nvalid++ == 0) unvalidated_remove(p, c);
}

/* NULL when the upload's DataTime (when it has one) is a date not too far ahead of the
 * platform's clock, else why not. */
static const char *datatime_refusal(const platform *p, const hj212_packet *pkt)
{
    const hj212_field *dt = hj212_find(pkt, "DataTime");
    int64_t t = 0;
    if (!dt) return NULL;
    if (!hj212_datatime(dt->value.p, dt->value.n, &t))
        return "DataTime is not a date and time (YYYYMMDDhhmmss)";
    if (p->cfg.future_ms >= 0 && t - p->now > p->cfg.future_ms)
        return "DataTime is ahead of the platform's clock by more than the allowed margin";
    return NULL;
}

static void store_failed(platform *p, conn *c, const hj212_str *mn)
{
    p->stats.store_errors++;
    logf_(p, PLATFORM_EV_STORE, c, mn, "%s", store_errmsg(p->st));
}

static batch_text text_of(hj212_str s)
{
    return (batch_text){s.p, s.n};
}

/* A reading the upload being stored stored: into this iteration's batch. */
static void batch_reading(void *ctx, const store_reading *r)
{
    platform *p = ctx;
    batch_buf_field(p->uploads, text_of(r->polid), text_of(r->code), text_of(r->field),
                    text_of(r->value), text_of(r->flag));
}

/* Stores one complete upload; returns 0 when stored (new or duplicate), -1 on error. With
 * cfg.on_commit, the upload and the readings it stored join this iteration's batch (out of
 * memory: the batch misses it; the store has it). */
static int store_upload(platform *p, conn *c, const hj212_packet *pkt, const char *raw,
                        size_t rawlen)
{
    if (store_begin(p->st) != 0) {
        store_failed(p, c, &pkt->mn);
        return -1;
    }
    int in_batch = 0;
    batch_mark before = {0, 0, 0, 0, 0};
    if (p->uploads) {
        const hj212_field *dt = hj212_find(pkt, "DataTime");
        before = batch_buf_mark(p->uploads);
        in_batch = batch_buf_upload(p->uploads, text_of(pkt->mn), pkt->cn_num,
                                    dt ? text_of(dt->value) : (batch_text){"", 0}, p->now) == 0;
        if (in_batch) batch_buf_raw(p->uploads, (batch_text){raw, raw ? rawlen : 0});
        if (in_batch) batch_buf_st(p->uploads, pkt->st_num);
    }
    int added = store_put_upload(p->st, pkt, raw, rawlen, p->now, in_batch ? batch_reading : NULL,
                                 p);
    if (in_batch && added <= 0) batch_buf_rewind(p->uploads, before); /* a re-send, or failed */
    if (added < 0) {
        store_failed(p, c, &pkt->mn);
        return -1;
    }
    if (added > 0) {
        p->stats.stored++;
        p->stats.readings += (uint64_t)added;
    } else {
        p->stats.duplicates++;
        p->resent++;
    }
    p->stored_uploads++;
    return 0;
}

/* Joins a message whose parts are all stored, stores it and drops its parts. 0, or -1 when
 * the store failed (nothing of this iteration will be acknowledged); a message that does
 * not join is dropped and refused (1). */
static int split_complete(platform *p, conn *c, const store_split_key *k)
{
    char hdr[HJ212_SPLIT_HDR_MAX];
    size_t hl = 0;
    int enc = 0;
    hj212_err e = HJ212_OK;
    int n = store_split_load(p->st, k, p->partbuf, p->cfg.split_bytes, p->parts, hdr, sizeof hdr,
                             &hl, &enc);
    if (n != k->pnum || hj212_join(p->joined, hdr, hl, p->parts, n, enc, &e) != 1) {
        if (n >= 0 && store_split_drop(p->st, k) < 0) return store_failed(p, c, &k->mn), -1;
        p->stats.split_dropped++;
        logf_(p, PLATFORM_EV_SPLIT, c, &k->mn, "message does not join: %s",
              n < 0 ? store_errmsg(p->st) : hj212_errname(e));
        return 1;
    }
    p->stats.split_joined++;
    hj212_opts o = p->opts;
    hj212_err ee = HJ212_OK;
    int len = hj212_encode(p->joined, p->encbuf, HJ212_MAX_DEFAULT + 64, &o, &ee);
    /* a joined message longer than one frame may hold is kept without raw */
    if (store_upload(p, c, p->joined, p->encbuf, len > 0 ? (size_t)len : 0) != 0) return -1;
    if (store_split_drop(p->st, k) < 0) return store_failed(p, c, &k->mn), -1;
    return 0;
}

/* One part of a split upload: stored (durable once this iteration commits) and then
 * acknowledged, or refused at once. Caps are per station; a message whose parts cannot
 * fit in one joined packet is refused at its first part. */
static void handle_part(platform *p, conn *c, const hj212_packet *pkt, int want,
                        const hj212_cipher *cipher)
{
    store_split_key k = {pkt->mn, pkt->qn, pkt->cn_num, pkt->pnum};
    char hdr[HJ212_SPLIT_HDR_MAX];
    const char *why = NULL;
    store_split_use u;
    p->stats.split_parts++;
    size_t hl = hj212_split_header(pkt, hdr, sizeof hdr);
    size_t cap = p->cfg.split_bytes;
    if (pkt->pno < 1 || pkt->pno > pkt->pnum || !pkt->has_qn ||
        (pkt->has_flag && !(pkt->flag & HJ212_FLAG_D)))
        why = "PNO outside 1..PNUM, no QN, or Flag without D";
    else if (hl > sizeof hdr)
        why = "header too long";
    else if (hl + pkt->cp.n > cap ||
             (pkt->pno < pkt->pnum && (uint64_t)pkt->pnum * pkt->cp.n + hl > cap))
        why = "the message would be larger than one joined packet";
    if (why) goto refused;
    if (store_begin(p->st) != 0 ||
        store_split_expire(p->st, p->now - p->cfg.split_timeout_ms) < 0 ||
        store_split_usage(p->st, &k, &u) != 0) {
        store_failed(p, c, &pkt->mn);
        return;
    }
    if (u.parts == 0) { /* the first part of a new message */
        if ((size_t)u.station_msgs >= p->cfg.split_msgs) {
            why = "the station has too many split messages in assembly";
            goto refused;
        }
        if ((size_t)u.all_msgs >= p->cfg.split_all) {
            if (store_split_drop_oldest(p->st) < 0) {
                store_failed(p, c, &pkt->mn);
                return;
            }
            p->stats.split_dropped++;
            logf_(p, PLATFORM_EV_SPLIT, c, &pkt->mn, "oldest split message dropped (%zu in all)",
                  p->cfg.split_all);
        }
    }
    if ((uint64_t)u.bytes + pkt->cp.n + hl > cap) {
        if (store_split_drop(p->st, &k) < 0) {
            store_failed(p, c, &pkt->mn);
            return;
        }
        p->stats.split_dropped++;
        why = "the message is larger than one joined packet";
        goto refused;
    }
    int r = store_split_put(p->st, &k, pkt->pno, pkt->encrypted, hdr, hl, pkt->cp, p->now);
    if (r < 0) {
        store_failed(p, c, &pkt->mn);
        return;
    }
    if (u.parts + r == pkt->pnum) {
        int done = split_complete(p, c, &k);
        if (done < 0) return; /* no ack: the DAU resends */
        if (done > 0) {
            refuse(p, c, pkt, want, QNRTN_REFUSED, cipher);
            return;
        }
    }
    /* a waiting part is acknowledged once it is stored (the reply waits for the commit):
     * the DAU sends the next part only after this reply */
    if (want) reply(p, c, pkt, 9014, 0, cipher);
    return;
refused:
    p->stats.split_refused++;
    logf_(p, PLATFORM_EV_SPLIT, c, &pkt->mn, "PNO %d/%d: %s", pkt->pno, pkt->pnum, why);
    refuse(p, c, pkt, want, QNRTN_REFUSED, cipher);
}

static void handle_packet(platform *p, conn *c, const hj212_packet *pkt, const char *raw,
                          size_t rawlen)
{
    int want = (pkt->flag & HJ212_FLAG_A) != 0;
    const registry_station *sta = NULL;
    p->stats.packets++;
    if (p->reg) {
        sta = registry_find(p->reg, pkt->mn.p, pkt->mn.n);
        int code = 0;
        if (!sta) {
            p->stats.auth_mn++;
            logf_(p, PLATFORM_EV_UNKNOWN_MN, c, &pkt->mn, "CN=%d", pkt->cn_num);
            code = 4;
        } else if (pkt->pw.n != strlen(sta->pw) || memcmp(pkt->pw.p, sta->pw, pkt->pw.n) != 0) {
            p->stats.auth_pw++;
            logf_(p, PLATFORM_EV_BAD_PW, c, &pkt->mn, "CN=%d", pkt->cn_num);
            code = 3;
        }
        if (code) {
            refuse(p, c, pkt, want, code, NULL);
            return;
        }
    }
    validated(p, c);
    const hj212_cipher *cipher = sta ? sta->cipher : NULL;
    int cn = pkt->cn_num;
    if (is_upload(cn)) {
        const char *why = datatime_refusal(p, pkt);
        if (why) {
            p->stats.datatime++;
            logf_(p, PLATFORM_EV_DATATIME, c, &pkt->mn, "CN=%d: %s", cn, why);
            refuse(p, c, pkt, want, QNRTN_REFUSED, cipher);
            return;
        }
        if (pkt->pnum > 0) {
            handle_part(p, c, pkt, want, cipher);
            return;
        }
        if (store_upload(p, c, pkt, raw, rawlen) != 0) return; /* no ack: the DAU resends */
        if (want) reply(p, c, pkt, 9014, 0, cipher);
    } else if (cn == 9015) {
        if (want) reply(p, c, pkt, 9015, 0, cipher);
    } else if (cn >= 9011 && cn <= 9014) {
        /* a reply from the DAU: nothing to answer */
    } else if (want) {
        reply(p, c, pkt, 9013, 0, cipher);
    }
}

static void handle_event(platform *p, conn *c, const hj212_event *ev)
{
    if (ev->skipped) {
        p->stats.garbage_bytes += ev->skipped;
        if (!c->garbage_logged) logf_(p, PLATFORM_EV_GARBAGE, c, NULL, "%zu", ev->skipped);
        c->garbage_logged = 1;
    }
    if (ev->err == HJ212_OK) {
        handle_packet(p, c, ev->pkt, ev->raw, ev->rawlen);
        return;
    }
    const hj212_packet *pkt = ev->pkt;
    if (ev->err == HJ212_E_CRYPT && pkt && pkt->mn.n && p->reg) {
        /* encrypted CP: the station's key comes from the registry by MN */
        const registry_station *sta = registry_find(p->reg, pkt->mn.p, pkt->mn.n);
        if (sta && sta->cipher) {
            hj212_opts o = p->opts;
            o.cipher = sta->cipher;
            const char *detail = NULL;
            hj212_err e = hj212_parse(p->scratch, ev->raw, ev->rawlen, &o, &detail);
            if (e == HJ212_OK) {
                handle_packet(p, c, p->scratch, ev->raw, ev->rawlen);
                return;
            }
        }
    }
    p->stats.refused++;
    logf_(p, PLATFORM_EV_REFUSED, c, pkt ? &pkt->mn : NULL, "%s%s%s", hj212_errname(ev->err),
          ev->detail ? ": " : "", ev->detail ? ev->detail : "");
    if (pkt && pkt->qn.n > 0 && reply_readable(p, pkt, 9011, hj212_qnrtn(ev->err)))
        reply(p, c, pkt, 9011, hj212_qnrtn(ev->err), NULL);
    else
        p->stats.dropped++;
}

/* Drains the decoder's ready events. */
static void drain(platform *p, conn *c)
{
    hj212_event ev;
    while (!c->closing && hj212_stream_next(c->in, &ev) == 1)
        handle_event(p, c, &ev);
}

static void read_conn(platform *p, conn *c)
{
    size_t budget = PLATFORM_READ_BUDGET;
    while (budget > 0 && !c->closing && !c->eof) {
        ssize_t n = recv(c->fd, p->rbuf, PLATFORM_READ_CHUNK, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) condemn(p, c, strerror(errno));
            break;
        }
        if (n == 0) {
            c->eof = 1;
            hj212_stream_finish(c->in);
            drain(p, c);
            condemn(p, c, "closed by peer");
            break;
        }
        budget -= (size_t)n > budget ? budget : (size_t)n;
        uint64_t valid_before = c->nvalid;
        size_t off = 0;
        while (off < (size_t)n && !c->closing) {
            size_t took = hj212_stream_feed(c->in, p->rbuf + off, (size_t)n - off);
            off += took;
            hj212_event ev;
            int got = 0;
            while (!c->closing && hj212_stream_next(c->in, &ev) == 1) {
                handle_event(p, c, &ev);
                got = 1;
            }
            if (took == 0 && !got) { /* the decoder neither takes bytes nor yields events */
                condemn(p, c, "decoder stalled");
                break;
            }
        }
        /* The frame clock runs while bytes have come that made no valid packet: from the
         * first of them, or from the last valid packet when bytes are left after it. */
        if (c->nvalid == valid_before) {
            if (!c->partial_ms) c->partial_ms = p->now;
        } else if (hj212_stream_held(c->in) > 0) {
            c->partial_ms = p->now;
        }
    }
}

/* Writes the released part of c's output. */
static void flush_conn(platform *p, conn *c)
{
    while (c->out_off < c->out_mark) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_mark - c->out_off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                c->out_off = c->out_mark = c->out_len = 0;
                condemn(p, c, strerror(errno)); /* c is still on the list being released */
                return;
            }
            break;
        }
        c->out_off += (size_t)n;
    }
    if (c->out_off == c->out_len) c->out_off = c->out_mark = c->out_len = 0;
    int want = c->out_off < c->out_mark;
    if (want != c->want_out && !c->closing) {
        struct epoll_event ev;
        memset(&ev, 0, sizeof ev);
        ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
        ev.data.ptr = c;
        if (epoll_ctl(p->ep, EPOLL_CTL_MOD, c->fd, &ev) == 0) c->want_out = want;
    }
}

/* Commits the batch and releases (or withdraws) the held replies of this iteration, then
 * frees the condemned connections. A connection stays marked dirty until it is done here,
 * so a condemnation during its flush (the peer reset) cannot put it on the list twice. */
/* Hands what the commit stored to cfg.on_commit: this iteration's uploads and the records
 * stored since the last call (held until a commit stores uploads, as a reader of the
 * database would find them: orders, uploads, labs). */
static void push_batch(platform *p)
{
    const batch *u = batch_buf_get(p->uploads);
    const batch *r = batch_buf_get(p->records);
    if (!u || !r) return; /* out of memory: the store has it all */
    batch b = {r->orders, r->norders, u->uploads, u->nuploads, r->labs, r->nlabs, p->resent};
    p->cfg.on_commit(p->cfg.commit_ctx, &b);
    batch_buf_clear(p->records);
}

static void commit_and_release(platform *p)
{
    int ok = 1;
    if (store_in_tx(p->st)) {
        if (store_commit(p->st) == 0) {
            p->stats.commits++;
            if (p->cfg.on_commit && p->stored_uploads) push_batch(p);
        } else {
            ok = 0;
            p->stats.store_errors++;
            logf_(p, PLATFORM_EV_STORE, NULL, NULL, "%s", store_errmsg(p->st));
        }
    }
    if (p->uploads) batch_buf_clear(p->uploads);
    p->stored_uploads = p->resent = 0;
    conn *c = p->pending;
    p->pending = NULL;
    while (c) {
        conn *next = c->next_pending;
        c->next_pending = NULL;
        if (ok)
            c->out_mark = c->out_len;
        else
            c->out_len = c->out_mark; /* nothing of this iteration was stored: no reply */
        flush_conn(p, c);
        c->dirty = 0;
        if (c->closing) {
            if (c->why[0]) logf_(p, PLATFORM_EV_CLOSE, c, NULL, "%s", c->why);
            conn_free(p, c);
        }
        c = next;
    }
}

static void expire(platform *p)
{
    if (p->now - p->last_scan < 250 && p->now >= p->last_scan) return;
    p->last_scan = p->now;
    if (p->cfg.log) gate_roll(p); /* the summary of a quiet interval's tail */
    for (conn *c = p->conns; c; c = c->next) {
        const char *why = NULL;
        if (c->closing) continue;
        if (c->partial_ms && p->now - c->partial_ms > p->cfg.frame_timeout_ms)
            why = c->nvalid ? "frame timeout" : "frame timeout (no valid packet)";
        else if (p->cfg.idle_timeout_ms > 0 && p->now - c->last_valid_ms > p->cfg.idle_timeout_ms)
            why = c->nvalid ? "idle timeout" : "idle timeout (no valid packet)";
        if (why) {
            p->stats.timeouts++;
            logf_(p, PLATFORM_EV_TIMEOUT, c, NULL, "%s", why);
            condemn(p, c, why);
        }
    }
}

static void records_report_cb(void *ctx, unsigned long line, records_err err, const char *detail)
{
    platform *p = ctx;
    if (p->cfg.records_report) p->cfg.records_report(p->cfg.records_ctx, line, (int)err, detail);
}

static void record_order(void *ctx, const char *mn, const char *task, const char *start,
                         const char *end, const char *who, const char *filed)
{
    platform *p = ctx;
    batch_buf_order(p->records, mn, task, start, end, who, filed);
}

static void record_lab(void *ctx, const char *mn, const char *param, const char *time,
                       double value)
{
    platform *p = ctx;
    batch_buf_lab(p->records, mn, param, time, value);
}

/* Reads the records feed again when it has appeared, grown or been replaced and ends with a
 * whole line: the store keeps nothing twice, so a re-read only adds the new records. */
static void follow_records(platform *p, records_stats *out)
{
    struct stat sb;
    if (!p->cfg.records_path || stat(p->cfg.records_path, &sb) != 0) return; /* not yet there */
    if (sb.st_dev != p->records_dev || sb.st_ino != p->records_ino ||
        sb.st_size < p->records_size)
        p->records_size = 0; /* a new file (a new run writes it afresh): read it whole */
    if (sb.st_size <= p->records_size) return;
    int fd = open(p->cfg.records_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    char last = 0;
    ssize_t got = pread(fd, &last, 1, sb.st_size - 1);
    close(fd);
    if (got != 1 || last != '\n') return; /* a line still being written */
    records_stats rs = {0, 0, 0, 0, 0};
    records_sink sink = {record_order, record_lab, p};
    batch_mark before = {0, 0, 0, 0, 0};
    if (p->records) before = batch_buf_mark(p->records);
    if (records_load(p->st, p->cfg.records_path, records_report_cb, p, p->records ? &sink : NULL,
                     &rs) == 0) {
        p->records_size = (long)sb.st_size;
        p->records_dev = sb.st_dev;
        p->records_ino = sb.st_ino;
    } else if (p->records) {
        batch_buf_rewind(p->records, before); /* not committed: not stored */
    }
    if (out) *out = rs;
}

int platform_records_follow(platform *p, records_stats *st)
{
    long before = p->records_size;
    follow_records(p, st);
    return p->records_size != before;
}

int64_t platform_clock(const platform *p)
{
    return p->cfg.now_ms(p->cfg.clock_ctx);
}

int platform_poll_once(platform *p, int timeout_ms)
{
    struct epoll_event evs[PLATFORM_MAX_EVENTS];
    int n = epoll_wait(p->ep, evs, PLATFORM_MAX_EVENTS, timeout_ms);
    if (n < 0) {
        if (errno != EINTR) {
            snprintf(p->err, sizeof p->err, "epoll_wait: %s", strerror(errno));
            return -1;
        }
        n = 0;
    }
    p->now = p->cfg.now_ms(p->cfg.clock_ctx);
    follow_records(p, NULL); /* work orders before the data they explain */
    for (int i = 0; i < n; i++) {
        if (evs[i].data.ptr == &listen_tag) continue; /* accepted after the reads */
        conn *c = evs[i].data.ptr;
        if (c->closing) continue;
        if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) read_conn(p, c);
        if ((evs[i].events & EPOLLOUT) && !c->closing) touch(p, c);
    }
    commit_and_release(p);
    for (int i = 0; i < n; i++) {
        if (evs[i].data.ptr != &listen_tag) continue;
        for (size_t k = 0; k < p->nlisteners; k++)
            accept_some(p, p->listeners[k]);
        break;
    }
    expire(p);
    if (p->pending) commit_and_release(p); /* condemned by a timeout: close them now */
    if (p->cfg.on_tick) p->cfg.on_tick(p->cfg.tick_ctx, p->now);
    return n;
}
