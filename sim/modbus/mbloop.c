/*
 * mbloop.c — epoll loop for the Modbus/TCP endpoints; see mbloop.h for the threading model.
 */
#include "mbloop.h"
#include "mbreply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

enum { MBLOOP_BATCH = 256 };

struct mbloop {
    int epfd;
    mbloop_clock_fn clock;
    void *clock_ctx;
    mbloop_tick *ticks; /* list of tick hooks */
    int64_t next_tick;  /* absolute ms of the earliest tick deadline, -1 none */
    mbreply *reply;
    /* the batch being dispatched: mbloop_del clears a removed watch's later events */
    struct epoll_event evs[MBLOOP_BATCH];
    int nevs, cur;
};

static int64_t monotonic_ms(void *ctx)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

mbloop *mbloop_new(char *err, size_t errlen)
{
    mbloop *loop = calloc(1, sizeof *loop);
    if (!loop) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    loop->clock = monotonic_ms;
    loop->next_tick = -1;
    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (loop->epfd < 0) {
        snprintf(err, errlen, "epoll_create1: %s", strerror(errno));
        goto fail;
    }
    loop->reply = mbreply_new(err, errlen);
    if (!loop->reply) goto fail;
    return loop;
fail:
    mbloop_free(loop);
    return NULL;
}

void mbloop_free(mbloop *loop)
{
    if (!loop) return;
    if (loop->epfd >= 0) close(loop->epfd);
    mbreply_free(loop->reply);
    free(loop);
}

int mbloop_fd(const mbloop *loop)
{
    return loop->epfd;
}

void mbloop_set_clock(mbloop *loop, mbloop_clock_fn fn, void *ctx)
{
    loop->clock = fn ? fn : monotonic_ms;
    loop->clock_ctx = fn ? ctx : NULL;
    loop->next_tick = loop->ticks ? 0 : -1; /* deadlines were on the old clock */
}

int64_t mbloop_now(const mbloop *loop)
{
    return loop->clock(loop->clock_ctx);
}

mbreply *mbloop_reply(mbloop *loop)
{
    return loop->reply;
}

static uint32_t epoll_mask(unsigned events)
{
    return (events & MBLOOP_IN ? EPOLLIN : 0u) | (events & MBLOOP_OUT ? EPOLLOUT : 0u);
}

int mbloop_add(mbloop *loop, mbloop_watch *w)
{
    struct epoll_event ev = {.events = epoll_mask(w->events), .data.ptr = w};
    return epoll_ctl(loop->epfd, EPOLL_CTL_ADD, w->fd, &ev);
}

int mbloop_modify(mbloop *loop, mbloop_watch *w, unsigned events)
{
    if (w->events == events) return 0;
    struct epoll_event ev = {.events = epoll_mask(events), .data.ptr = w};
    if (epoll_ctl(loop->epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0) return -1;
    w->events = events;
    return 0;
}

void mbloop_del(mbloop *loop, mbloop_watch *w)
{
    epoll_ctl(loop->epfd, EPOLL_CTL_DEL, w->fd, NULL);
    for (int i = loop->cur + 1; i < loop->nevs; i++)
        if (loop->evs[i].data.ptr == w) loop->evs[i].data.ptr = NULL;
}

void mbloop_tick_add(mbloop *loop, mbloop_tick *t)
{
    t->prev = NULL;
    t->next = loop->ticks;
    if (loop->ticks) loop->ticks->prev = t;
    loop->ticks = t;
    loop->next_tick = 0; /* run it at the next step */
}

void mbloop_tick_due(mbloop *loop, int64_t at_ms)
{
    if (loop->next_tick < 0 || at_ms < loop->next_tick) loop->next_tick = at_ms;
}

void mbloop_tick_del(mbloop *loop, mbloop_tick *t)
{
    if (t->prev)
        t->prev->next = t->next;
    else if (loop->ticks == t)
        loop->ticks = t->next;
    if (t->next) t->next->prev = t->prev;
    t->prev = t->next = NULL;
}

static void run_ticks(mbloop *loop)
{
    int64_t now = mbloop_now(loop);
    if (loop->next_tick < 0 || now < loop->next_tick) return;
    int64_t next = -1;
    for (mbloop_tick *t = loop->ticks; t; t = t->next) {
        int64_t in = t->fn(t->ctx, now);
        if (in >= 0 && (next < 0 || in < next)) next = in;
    }
    loop->next_tick = next < 0 ? -1 : now + next;
}

int mbloop_run_once(mbloop *loop, int timeout_ms)
{
    run_ticks(loop);
    int wait = timeout_ms;
    if (loop->next_tick >= 0) {
        int64_t until = loop->next_tick - mbloop_now(loop);
        if (until < 0) until = 0;
        if (wait < 0 || until < wait) wait = (int)(until > 3600000 ? 3600000 : until);
    }
    int n = epoll_wait(loop->epfd, loop->evs, MBLOOP_BATCH, wait);
    if (n < 0) {
        if (errno == EINTR)
            n = 0;
        else
            return -1;
    }
    /* A handler may remove any watch, its own or another one of this batch (a server
     * evicting a connection to admit a new one): mbloop_del clears the removed watch's
     * events still to come in the batch, before its owner frees it. */
    loop->nevs = n;
    for (loop->cur = 0; loop->cur < n; loop->cur++) {
        const struct epoll_event *ev = &loop->evs[loop->cur];
        mbloop_watch *w = ev->data.ptr;
        if (!w) continue;
        unsigned re = 0;
        if (ev->events & (EPOLLIN | EPOLLHUP)) re |= MBLOOP_IN;
        if (ev->events & EPOLLOUT) re |= MBLOOP_OUT;
        if (ev->events & EPOLLERR) re |= MBLOOP_ERR;
        w->fn(w->ctx, re);
    }
    loop->nevs = loop->cur = 0;
    run_ticks(loop);
    return n;
}
