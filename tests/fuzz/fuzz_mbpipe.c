/*
 * fuzz_mbpipe.c — libFuzzer target for the DAU's side of Modbus/TCP: the replies of a
 * pipelined poll (sim/dau/mbpipe.c), from a device that may answer anything.
 *
 * The first bytes of the input choose the poll: how many reads (1..8), each one's unit,
 * address and count, and the first transaction id; the rest is what the "devices" send
 * back, queued on the other end of a socket pair, which then half-closes. The reads'
 * register rooms are exactly their size (ASan sees any write past them). A poll that
 * returns 0 has every read answered with registers or an exception code; the transaction
 * id advances by the number of reads; nothing blocks (the peer's end makes the reader
 * stop).
 */
#include "mbpipe.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) {
        signal(SIGPIPE, SIG_IGN);
        once = 1;
    }
    if (size < 3) return 0;
    int n = 1 + data[0] % 8;
    uint16_t tid = (uint16_t)(data[1] << 8 | data[2]);
    size_t off = 3;
    mbpipe_read r[8];
    uint16_t *room[8];
    for (int i = 0; i < n; i++) {
        uint8_t u = off < size ? data[off++] : 1;
        uint8_t a = off < size ? data[off++] : 0;
        uint8_t c = off < size ? data[off++] : 1;
        r[i].unit = (uint8_t)(u % 4 + 1);
        r[i].addr = (uint16_t)(a << 4);
        r[i].n = (uint16_t)(1 + c % MBPIPE_MAX_REGS);
        r[i].rc = 12345;
        room[i] = malloc(r[i].n * sizeof(uint16_t));
        if (!room[i]) abort();
        r[i].w = room[i];
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) abort();
    size_t left = off < size ? size - off : 0;
    if (left && send(sv[1], data + off, left, MSG_NOSIGNAL) != (ssize_t)left) abort();
    shutdown(sv[1], SHUT_WR);
    uint16_t t = tid;
    int rc = mbpipe_read_all(sv[0], r, n, 200, &t, NULL);
    if (t != (uint16_t)(tid + n)) abort();
    for (int i = 0; i < n; i++) {
        if (r[i].rc == 12345) abort(); /* every read has an outcome */
        if (rc == 0 && r[i].rc < 0) abort();
        if (r[i].rc > 255) abort();
        free(room[i]);
    }
    close(sv[0]);
    close(sv[1]);
    return 0;
}
