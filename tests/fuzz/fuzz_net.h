/*
 * fuzz_net.h — what the fuzz targets that meet a real socket or a real database share:
 * a loopback client, reading what a peer sent back, and a database directory of the run's
 * own (under TMPDIR, which the bounded ctest runs point at a directory they remove).
 * Harness code only; header-only, each target includes it once.
 */
#ifndef FUZZ_NET_H
#define FUZZ_NET_H

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A non-blocking TCP connection to 127.0.0.1:port. Loopback ports run short under
 * millions of connections: it waits for one (up to a second), then gives up (abort). */
static inline int fuzz_connect(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int tries = 0;; tries++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) abort();
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
            return fd;
        }
        close(fd);
        if (tries == 1000) abort();
        usleep(1000);
    }
}

/* Closes fd with an RST (SO_LINGER 0): no TIME_WAIT left, or a reset in mid-reply. */
static inline void fuzz_reset(int fd)
{
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

/* Reads what the peer sent into buf[*got..cap). When buf is full: with discard, the rest is
 * read and dropped (*got stays cap); without, reading stops (the peer's output backs up).
 * Returns 1 when the peer closed (or the connection failed), else 0. */
static inline int fuzz_drain(int fd, uint8_t *buf, size_t cap, size_t *got, int discard)
{
    for (;;) {
        uint8_t sink[4096];
        int full = *got >= cap;
        if (full && !discard) return 0;
        ssize_t r = recv(fd, full ? sink : buf + *got, full ? sizeof sink : cap - *got, 0);
        if (r > 0) {
            if (!full) *got += (size_t)r;
            continue;
        }
        if (r == 0) return 1;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : 1;
    }
}

/* A directory for the run's database, "<TMPDIR or /tmp>/<name>-XXXXXX", into dir[64]. */
static inline void fuzz_tmpdir(char dir[64], const char *name)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) + strlen(name) > 48) tmp = "/tmp";
    snprintf(dir, 64, "%s/%s-XXXXXX", tmp, name);
    if (!mkdtemp(dir)) abort();
}

/* Removes dir/platform.db with its WAL files, then dir. */
static inline void fuzz_rmdb(const char *dir)
{
    static const char *const ext[] = {"", "-wal", "-shm"};
    char path[96];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/platform.db%s", dir, ext[i]);
        unlink(path);
    }
    rmdir(dir);
}

#endif
