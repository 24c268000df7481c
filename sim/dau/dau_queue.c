/*
 * dau_queue.c — bounded FIFO of text records with an append-only file mirror.
 * Invariant: the in-memory ring holds exactly the records of the file after head_off.
 */
#include "dau_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COMPACT_MIN (1u << 20)

typedef struct qrec {
    char *p;
    size_t n;
} qrec;

struct dau_queue {
    qrec *ring;
    size_t cap, first, len, bytes;
    size_t max_records, max_bytes;
    uint64_t dropped;
    int fsync_on;
    int fd, hfd;        /* records file, head file; -1 without disk */
    long long head_off; /* file offset of the first queued record */
    long long file_size;
    char *path;
};

static int q_write_head(dau_queue *q)
{
    if (q->hfd < 0) return 0;
    char buf[64];
    int n =
        snprintf(buf, sizeof buf, "%020lld %020llu\n", q->head_off, (unsigned long long)q->dropped);
    if (pwrite(q->hfd, buf, (size_t)n, 0) != n) return -1;
    if (q->fsync_on && fsync(q->hfd) != 0) return -1;
    return 0;
}

static int q_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int q_grow(dau_queue *q)
{
    size_t ncap = q->cap ? q->cap * 2 : 64;
    qrec *nr = calloc(ncap, sizeof *nr);
    if (!nr) return -1;
    for (size_t i = 0; i < q->len; i++)
        nr[i] = q->ring[(q->first + i) % q->cap];
    free(q->ring);
    q->ring = nr;
    q->cap = ncap;
    q->first = 0;
    return 0;
}

static int q_mem_push(dau_queue *q, const char *rec, size_t n)
{
    if (q->len == q->cap && q_grow(q) != 0) return -1;
    char *p = malloc(n + 1);
    if (!p) return -1;
    memcpy(p, rec, n);
    p[n] = '\0';
    q->ring[(q->first + q->len) % q->cap] = (qrec){p, n};
    q->len++;
    q->bytes += n;
    return 0;
}

static void q_mem_pop(dau_queue *q)
{
    qrec *r = &q->ring[q->first];
    q->bytes -= r->n;
    free(r->p);
    r->p = NULL;
    q->first = (q->first + 1) % q->cap;
    q->len--;
}

/* Rewrites the file with the queued records only (head offset back to 0). */
static int q_compact(dau_queue *q)
{
    size_t pl = strlen(q->path);
    char *tmp = malloc(pl + 8);
    if (!tmp) return -1;
    snprintf(tmp, pl + 8, "%s.tmp", q->path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int rc = fd >= 0 ? 0 : -1;
    long long size = 0;
    for (size_t i = 0; rc == 0 && i < q->len; i++) {
        const qrec *r = &q->ring[(q->first + i) % q->cap];
        if (q_write_all(fd, r->p, r->n) != 0 || q_write_all(fd, "\n", 1) != 0) rc = -1;
        size += (long long)r->n + 1;
    }
    if (rc == 0 && q->fsync_on && fsync(fd) != 0) rc = -1;
    if (fd >= 0) close(fd);
    if (rc == 0) {
        /* Head 0 before the rename: a crash between the two re-sends the acknowledged
         * prefix of the old file (the platform dedups) instead of losing the queue. */
        long long old = q->head_off;
        q->head_off = 0;
        if (q_write_head(q) != 0 || rename(tmp, q->path) != 0) {
            q->head_off = old;
            q_write_head(q);
            rc = -1;
        }
    }
    if (rc == 0) {
        int nfd = open(q->path, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (nfd < 0) {
            rc = -1;
        } else {
            close(q->fd);
            q->fd = nfd;
            q->file_size = size;
        }
    } else {
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

static int q_load(dau_queue *q)
{
    FILE *f = fopen(q->path, "rb");
    if (!f) return 0;
    int rc = 0;
    if (fseeko(f, (off_t)q->head_off, SEEK_SET) != 0) {
        fclose(f);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    long long good = q->head_off;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n') break; /* partial last line: cut off below */
        if (n > 1 && q_mem_push(q, line, (size_t)n - 1) != 0) {
            rc = -1;
            break;
        }
        good += n;
    }
    free(line);
    fclose(f);
    if (rc == 0 && truncate(q->path, (off_t)good) != 0) rc = -1;
    q->file_size = good;
    return rc;
}

dau_queue *dau_queue_open(const char *path, size_t max_records, size_t max_bytes, int fsync_on,
                          char *err, size_t errlen)
{
    dau_queue *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    q->max_records = max_records ? max_records : 1;
    q->max_bytes = max_bytes ? max_bytes : 1;
    q->fsync_on = fsync_on;
    q->fd = -1;
    q->hfd = -1;
    if (!path) return q;
    size_t pl = strlen(path);
    q->path = malloc(pl + 1);
    char *hpath = malloc(pl + 8);
    if (!q->path || !hpath) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    memcpy(q->path, path, pl + 1);
    snprintf(hpath, pl + 8, "%s.head", path);
    q->hfd = open(hpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (q->hfd < 0) {
        snprintf(err, errlen, "%s: %s", hpath, strerror(errno));
        goto fail;
    }
    char hb[64] = {0};
    ssize_t hn = pread(q->hfd, hb, sizeof hb - 1, 0);
    if (hn > 0) {
        long long off = 0;
        unsigned long long dr = 0;
        if (sscanf(hb, "%lld %llu", &off, &dr) == 2 && off >= 0) {
            q->head_off = off;
            q->dropped = dr;
        }
    }
    if (q_load(q) != 0) {
        snprintf(err, errlen, "%s: cannot read the queue: %s", path, strerror(errno));
        goto fail;
    }
    if (q->head_off > q->file_size) q->head_off = q->file_size;
    q->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (q->fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    free(hpath);
    hpath = NULL;
    if (q_write_head(q) != 0) {
        snprintf(err, errlen, "%s: cannot write the head file", path);
        goto fail;
    }
    /* Enforce the bounds on what was reloaded (they may have shrunk). */
    while (q->len > q->max_records || q->bytes > q->max_bytes) {
        q->head_off += (long long)q->ring[q->first].n + 1;
        q_mem_pop(q);
        q->dropped++;
    }
    q_write_head(q);
    return q;
fail:
    free(hpath);
    dau_queue_close(q);
    return NULL;
}

void dau_queue_close(dau_queue *q)
{
    if (!q) return;
    while (q->len > 0)
        q_mem_pop(q);
    free(q->ring);
    if (q->fd >= 0) close(q->fd);
    if (q->hfd >= 0) close(q->hfd);
    free(q->path);
    free(q);
}

int dau_queue_push(dau_queue *q, const char *rec, size_t n)
{
    if (n == 0 || n > q->max_bytes || memchr(rec, '\n', n)) return -1;
    int dropped = 0;
    while (q->len > 0 && (q->len + 1 > q->max_records || q->bytes + n > q->max_bytes)) {
        q->head_off += (long long)q->ring[q->first].n + 1;
        q_mem_pop(q);
        q->dropped++;
        dropped = 1;
    }
    if (q_mem_push(q, rec, n) != 0) return -1;
    if (q->fd < 0) return 0;
    int rc = 0;
    if (q_write_all(q->fd, rec, n) != 0 || q_write_all(q->fd, "\n", 1) != 0) rc = -1;
    q->file_size += (long long)n + 1;
    if (rc == 0 && q->fsync_on && fsync(q->fd) != 0) rc = -1;
    if (dropped && q_write_head(q) != 0) rc = -1;
    return rc;
}

const char *dau_queue_head(const dau_queue *q, size_t *n)
{
    if (q->len == 0) return NULL;
    if (n) *n = q->ring[q->first].n;
    return q->ring[q->first].p;
}

int dau_queue_pop(dau_queue *q)
{
    if (q->len == 0) return -1;
    q->head_off += (long long)q->ring[q->first].n + 1;
    q_mem_pop(q);
    if (q->fd < 0) return 0;
    if (q->head_off > (long long)COMPACT_MIN && q->head_off > q->file_size / 2) return q_compact(q);
    return q_write_head(q);
}

size_t dau_queue_len(const dau_queue *q)
{
    return q->len;
}
size_t dau_queue_bytes(const dau_queue *q)
{
    return q->bytes;
}
uint64_t dau_queue_dropped(const dau_queue *q)
{
    return q->dropped;
}
