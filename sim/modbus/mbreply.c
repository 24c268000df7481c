/*
 * mbreply.c — libmodbus as a reply formatter; see mbreply.h.
 */
#include "mbreply.h"
#include "mbframe.h"

#include <modbus.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct mbreply {
    modbus_t *ctx;         /* TCP backend, never connected: its socket is sink[0] */
    modbus_mapping_t *map; /* 125 holding + 125 input registers, window moved per request */
    int sink[2];           /* libmodbus writes to [0], we drain [1] */
};

void mbreply_free(mbreply *r)
{
    if (!r) return;
    if (r->map) modbus_mapping_free(r->map);
    if (r->ctx) modbus_free(r->ctx);
    if (r->sink[0] >= 0) close(r->sink[0]);
    if (r->sink[1] >= 0) close(r->sink[1]);
    free(r);
}

mbreply *mbreply_new(char *err, size_t errlen)
{
    mbreply *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->sink[0] = r->sink[1] = -1;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, r->sink) < 0) {
        snprintf(err, errlen, "socketpair: %s", strerror(errno));
        goto fail;
    }
    r->ctx = modbus_new_tcp("127.0.0.1", 502);
    r->map = modbus_mapping_new_start_address(0, 0, 0, 0, 0, MODBUS_MAX_READ_REGISTERS, 0,
                                              MODBUS_MAX_READ_REGISTERS);
    if (!r->ctx || !r->map) {
        snprintf(err, errlen, "libmodbus: %s", modbus_strerror(errno));
        goto fail;
    }
    if (modbus_set_socket(r->ctx, r->sink[0]) < 0) {
        snprintf(err, errlen, "modbus_set_socket: %s", modbus_strerror(errno));
        goto fail;
    }
    return r;
fail:
    mbreply_free(r);
    return NULL;
}

/* Points libmodbus at the client (fd >= 0) or at the capture socket. */
static void target(mbreply *r, int fd)
{
    modbus_set_socket(r->ctx, fd >= 0 ? fd : r->sink[0]);
}

/* Direct sends: restore the capture socket, keep errno. */
static int direct_done(mbreply *r, int rc)
{
    int e = errno;
    modbus_set_socket(r->ctx, r->sink[0]);
    errno = e;
    return rc;
}

/* Takes what libmodbus just sent. A reply is at most 260 bytes into an empty unix stream
 * socket, so it is all there once send() has returned: one recv takes it, and only a
 * short one (never expected) reads on to the socket's end. */
static int drain(mbreply *r, int sent, uint8_t *out, size_t cap)
{
    size_t got = 0;
    for (;;) {
        if (sent > 0 && got == (size_t)sent) break;
        uint8_t scratch[MBFRAME_MAX_ADU];
        uint8_t *dst = got < cap ? out + got : scratch;
        size_t room = got < cap ? cap - got : sizeof scratch;
        ssize_t n = recv(r->sink[1], dst, room, 0);
        if (n > 0) {
            got += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        break;
    }
    if (sent < 0 || got > cap || (size_t)sent != got) return -1;
    return (int)got;
}

int mbreply_read(mbreply *r, int fd, const uint8_t *req, size_t len, const uint16_t *regs,
                 uint16_t n, uint8_t *out, size_t cap)
{
    if (len < MBFRAME_HEADER + 5 || len > MBFRAME_MAX_ADU || n < 1 ||
        n > MODBUS_MAX_READ_REGISTERS) {
        errno = EINVAL;
        return -1;
    }
    uint16_t addr = (uint16_t)(req[8] << 8 | req[9]);
    if (req[7] == MODBUS_FC_READ_INPUT_REGISTERS) {
        memcpy(r->map->tab_input_registers, regs, n * sizeof *regs);
        r->map->start_input_registers = addr;
        r->map->nb_input_registers = n;
    } else {
        memcpy(r->map->tab_registers, regs, n * sizeof *regs);
        r->map->start_registers = addr;
        r->map->nb_registers = n;
    }
    target(r, fd);
    int rc = modbus_reply(r->ctx, req, (int)len, r->map);
    return fd >= 0 ? direct_done(r, rc) : drain(r, rc, out, cap);
}

int mbreply_write(mbreply *r, int fd, const uint8_t *req, size_t len, uint8_t *out, size_t cap)
{
    if (len < MBFRAME_HEADER + 5 || len > MBFRAME_MAX_ADU) {
        errno = EINVAL;
        return -1;
    }
    /* libmodbus stores the values in its window too: give it one that fits the request. */
    r->map->start_registers = req[8] << 8 | req[9];
    r->map->nb_registers = MODBUS_MAX_READ_REGISTERS;
    target(r, fd);
    int rc = modbus_reply(r->ctx, req, (int)len, r->map);
    return fd >= 0 ? direct_done(r, rc) : drain(r, rc, out, cap);
}

int mbreply_exception(mbreply *r, int fd, const uint8_t *req, size_t len, int code, uint8_t *out,
                      size_t cap)
{
    if (len < MBFRAME_HEADER + 1 || code < 1 || code > MODBUS_EXCEPTION_GATEWAY_TARGET) {
        errno = EINVAL;
        return -1;
    }
    /* libmodbus writes function + 0x80 into a byte: for 0x80..0xFF that wraps to 0x00..0x7F,
     * a malformed reply. The spec's function | 0x80 is what it computes from fc & 0x7F. */
    uint8_t head[MBFRAME_HEADER + 1];
    memcpy(head, req, sizeof head);
    head[MBFRAME_HEADER] &= 0x7F;
    target(r, fd);
    int rc = modbus_reply_exception(r->ctx, head, (unsigned)code);
    return fd >= 0 ? direct_done(r, rc) : drain(r, rc, out, cap);
}
