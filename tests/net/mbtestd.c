/*
 * mbtestd.c — a Modbus/TCP test station for the independent clients (mbpoll, pymodbus)
 * and the benchmark: one endpoint on 127.0.0.1, test devices (testdev.h) under
 *   unit 1, 2, 3  read-write ("analyzer"), 4 powered off, 5 read-only ("camera").
 * Prints "port N" once listening. Then, one line per event on stdout:
 *   write unit=U fc=F addr=A n=N values=v1,v2,.. client=IP:PORT
 * and answers commands read from stdin, straight from the models (not over Modbus):
 *   get UNIT holding|input ADDR   ->  value V   (-1: unmapped)
 *   stats                         ->  stats requests=.. exceptions=.. writes=.. bad_frames=..
 * Exits when stdin closes, or with --no-stdin runs until killed.
 * Options: --port N (default 0: ephemeral), --max-conns N, --max-per-source N (-1: none),
 * --idle-ms N, --frame-ms N (-1: never), --no-stdin; the others as mbserver_defaults().
 *
 * Threading model: one thread. With stdin: poll() over stdin and mbloop_fd(), the loop
 * stepped with timeout 0 (the integration path); with --no-stdin: mbloop_run_once alone.
 */
#include "mbloop.h"
#include "mbserver.h"
#include "testdev.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_write(void *ctx, const mbserver_write *w)
{
    printf("write unit=%d fc=%d addr=%u n=%u values=", w->unit, w->function, w->addr, w->n);
    for (int i = 0; i < w->n; i++)
        printf("%s%u", i ? "," : "", w->values[i]);
    printf(" client=%s\n", w->client);
    fflush(stdout);
}

static void command(const char *line, const testdev *devs, const mbserver *srv)
{
    int unit = 0;
    unsigned addr = 0;
    char table[16] = "";
    if (sscanf(line, "get %d %15s %i", &unit, table, (int *)&addr) == 3) {
        int v = -1;
        if (unit >= 1 && unit <= 5 && addr <= 0xFFFF)
            v = testdev_value(&devs[unit],
                              strcmp(table, "input") == 0 ? HWDEV_INPUT : HWDEV_HOLDING,
                              (uint16_t)addr);
        printf("value %d\n", v);
    } else if (strncmp(line, "stats", 5) == 0) {
        mbserver_stats st = mbserver_get_stats(srv);
        printf("stats requests=%llu exceptions=%llu writes=%llu bad_frames=%llu accepted=%llu "
               "refused=%llu refused_source=%llu evicted=%llu dropped_idle=%llu "
               "dropped_frame=%llu\n",
               (unsigned long long)st.requests, (unsigned long long)st.exceptions,
               (unsigned long long)st.writes, (unsigned long long)st.bad_frames,
               (unsigned long long)st.accepted, (unsigned long long)st.refused,
               (unsigned long long)st.refused_source, (unsigned long long)st.evicted,
               (unsigned long long)st.dropped_idle, (unsigned long long)st.dropped_frame);
    } else {
        printf("error unknown command\n");
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int port = 0, use_stdin = 1;
    mbserver_config cfg = mbserver_defaults();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = atoi(argv[++i]);
        else if (strcmp(argv[i], "--max-conns") == 0 && i + 1 < argc)
            cfg.max_conns = atoi(argv[++i]);
        else if (strcmp(argv[i], "--max-per-source") == 0 && i + 1 < argc)
            cfg.max_per_source = atoi(argv[++i]);
        else if (strcmp(argv[i], "--idle-ms") == 0 && i + 1 < argc)
            cfg.idle_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--frame-ms") == 0 && i + 1 < argc)
            cfg.frame_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-stdin") == 0)
            use_stdin = 0;
        else {
            fprintf(stderr, "usage: mbtestd [--port N] [--max-conns N] [--max-per-source N] "
                            "[--idle-ms N] [--frame-ms N] [--no-stdin]\n");
            return 2;
        }
    }
    char err[256] = "";
    mbloop *loop = mbloop_new(err, sizeof err);
    mbserver *srv = loop ? mbserver_new("127.0.0.1", port, loop, &cfg, err, sizeof err) : NULL;
    if (!srv) {
        fprintf(stderr, "mbtestd: %s\n", err);
        mbloop_free(loop);
        return 1;
    }
    static testdev devs[6];
    for (int u = 1; u <= 5; u++) {
        testdev_init(&devs[u], u);
        hwdev h = testdev_hwdev(&devs[u], u == 5);
        mbserver_set_unit(srv, u, &h);
    }
    devs[4].powered = 0;
    mbserver_on_write(srv, on_write, NULL);
    printf("port %d\n", mbserver_port(srv));
    fflush(stdout);

    char line[256];
    size_t llen = 0;
    struct pollfd pfd[2] = {{.fd = mbloop_fd(loop), .events = POLLIN},
                            {.fd = use_stdin ? STDIN_FILENO : -1, .events = POLLIN}};
    while (!use_stdin)
        mbloop_run_once(loop, 1000); /* the stepping path; until killed */
    for (;;) {
        if (poll(pfd, 2, 1000) < 0) continue;
        mbloop_run_once(loop, 0); /* events, and the idle sweep on poll timeouts */
        if (pfd[1].revents & (POLLIN | POLLHUP)) {
            char c = 0;
            ssize_t n = read(STDIN_FILENO, &c, 1);
            if (n <= 0) break;
            if (c == '\n' || llen + 1 >= sizeof line) {
                line[llen] = 0;
                command(line, devs, srv);
                llen = 0;
            } else {
                line[llen++] = c;
            }
        }
    }
    mbserver_free(srv);
    mbloop_free(loop);
    return 0;
}
