/*
 * client.h — a small HJ 212 client for the platform tests (plays a DAU).
 */
#ifndef DETECT_TEST_CLIENT_H
#define DETECT_TEST_CLIENT_H

#include <stddef.h>

/* Connects to 127.0.0.1:port (blocking socket); -1 on failure. */
int tc_connect(int port);
/* Sends all bytes; 0 or -1. */
int tc_send(int fd, const char *p, size_t n);
/* Reads one frame ending in "\r\n" into out (NUL-terminated) within timeout_ms. Returns
 * its length, 0 when the peer closed, -1 on timeout or error. Bytes after the frame stay
 * in the per-fd buffer kept in *state (pass the same tc_reader for the same fd). */
typedef struct tc_reader {
    char buf[8192];
    size_t n;
} tc_reader;
int tc_read_frame(int fd, tc_reader *r, char *out, size_t cap, int timeout_ms);
/* Builds a 2017 upload: cn 2061 style with DataTime and w01018/w00000 Avg+Flag, A=1.
 * qn_ms: QN as ms since the epoch. Returns the frame length. */
int tc_upload(char *out, size_t cap, int cn, const char *mn, const char *pw, long long qn_ms,
              const char *datatime, double cod);
/* The value of "key=" in a frame (up to ';', ',' or '&'), copied into out; 0 or -1. */
int tc_field(const char *frame, const char *key, char *out, size_t cap);
/* Starts `BIN detect --listen 127.0.0.1:0 ARGS...` with stdout on a pipe (and stderr into
 * stderr_path when not NULL), waits for its "listening ... port N" line; returns N and
 * sets *pid, or -1. */
int tc_spawn_detect(const char *bin, const char *const *args, const char *stderr_path, int *pid);
/* Monotonic ms. */
long long tc_now_ms(void);

#endif
