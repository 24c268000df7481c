/*
 * client.c — a small HJ 212 client for the platform tests.
 */
#include "client.h"

#include "hj212.h"
#include "hjtime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <signal.h>
#include <unistd.h>

long long tc_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int tc_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int tc_send(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int tc_read_frame(int fd, tc_reader *r, char *out, size_t cap, int timeout_ms)
{
    long long end = tc_now_ms() + timeout_ms;
    for (;;) {
        for (size_t i = 1; i < r->n; i++) {
            if (r->buf[i - 1] == '\r' && r->buf[i] == '\n') {
                size_t len = i + 1;
                if (len >= cap) return -1;
                memcpy(out, r->buf, len);
                out[len] = '\0';
                memmove(r->buf, r->buf + len, r->n - len);
                r->n -= len;
                return (int)len;
            }
        }
        if (r->n == sizeof r->buf) return -1;
        long long left = end - tc_now_ms();
        if (left <= 0) return -1;
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = poll(&pfd, 1, (int)left);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) return -1;
        ssize_t k = recv(fd, r->buf + r->n, sizeof r->buf - r->n, 0);
        if (k == 0) return 0;
        if (k < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        r->n += (size_t)k;
    }
}

int tc_upload(char *out, size_t cap, int cn, const char *mn, const char *pw, long long qn_ms,
              const char *datatime, double cod)
{
    static hj212_packet pkt; /* large: keep it off the stack; tests are single-threaded here */
    char qn[18];
    hjtime_format_qn(qn_ms, qn, sizeof qn);
    hj212_init(&pkt, HJ212_V2017, qn, 32, cn, pw, mn, HJ212_FLAG_A);
    hj212_add(&pkt, "DataTime", datatime, 1);
    hj212_addf(&pkt, "w01018-Avg", cod, 1, 1);
    hj212_add(&pkt, "w01018-Flag", "N", 0);
    hj212_addf(&pkt, "w00000-Avg", 12.5, 2, 1);
    hj212_add(&pkt, "w00000-Flag", "N", 0);
    hj212_err e = HJ212_OK;
    return hj212_encode(&pkt, out, cap, NULL, &e);
}

int tc_field(const char *frame, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "%s=", key);
    const char *p = strstr(frame, pat);
    /* a key starts the data segment (after "##" and the length) or follows a separator */
    while (p && p != frame + 6 && p[-1] != ';' && p[-1] != ',' && p[-1] != '&')
        p = strstr(p + 1, pat);
    if (!p) return -1;
    p += strlen(pat);
    size_t n = strcspn(p, ";,&");
    if (n >= cap) return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

int tc_spawn_detect(const char *bin, const char *const *args, const char *stderr_path, int *pid)
{
    int pfd[2];
    if (pipe(pfd) != 0) return -1;
    pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        char *argv[32]; /* writable copies: execv takes char *const[] */
        int n = 0;
        argv[n++] = strdup(bin);
        argv[n++] = strdup("detect");
        argv[n++] = strdup("--listen");
        argv[n++] = strdup("127.0.0.1:0");
        for (int i = 0; args[i] && n < 31; i++)
            argv[n++] = strdup(args[i]);
        argv[n] = NULL;
        dup2(pfd[1], 1);
        close(pfd[0]);
        close(pfd[1]);
        if (stderr_path) {
            int e = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (e >= 0) dup2(e, 2);
        }
        setenv("HJRANGE_LANG", "en", 1);
        execv(bin, argv);
        _exit(127);
    }
    close(pfd[1]);
    char line[256];
    size_t n = 0;
    while (n + 1 < sizeof line) {
        struct pollfd p = {pfd[0], POLLIN, 0};
        if (poll(&p, 1, 10000) <= 0) break;
        ssize_t k = read(pfd[0], line + n, 1);
        if (k <= 0) break;
        if (line[n] == '\n') break;
        n++;
    }
    line[n] = '\0';
    close(pfd[0]); /* the platform prints nothing more on stdout */
    const char *sp = strrchr(line, ' ');
    int port = sp ? atoi(sp + 1) : -1;
    if (port <= 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        return -1;
    }
    *pid = (int)child;
    return port;
}
