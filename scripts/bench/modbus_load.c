/*
 * modbus_load.c — Modbus/TCP load generator for scripts/bench/modbus.
 *
 * N client threads, one connection each, request/response in a tight loop for S seconds:
 *   --mode lib  libmodbus modbus_read_registers (FC03, --count registers, --unit)
 *   --mode raw  the same 12-byte FC03 request on a plain socket, then exactly --reply
 *               bytes read back (29 for 10 registers; 12 against an echo server)
 * Prints one line: mode clients seconds requests errors req_per_s.
 * Threading model: one thread per client, nothing shared but the counters read at the end.
 */
#include <modbus.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct client {
    pthread_t th;
    int port, unit, addr, count, raw, reply;
    double end;
    unsigned long long ok, errors;
} client;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_lib(client *c)
{
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", c->port);
    if (!ctx || modbus_connect(ctx) < 0) {
        c->errors++;
        if (ctx) modbus_free(ctx);
        return;
    }
    modbus_set_slave(ctx, c->unit);
    uint16_t regs[125];
    while (now_s() < c->end) {
        for (int i = 0; i < 64; i++) {
            if (modbus_read_registers(ctx, c->addr, c->count, regs) == c->count)
                c->ok++;
            else
                c->errors++;
        }
    }
    modbus_close(ctx);
    modbus_free(ctx);
}

static void run_raw(client *c)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)c->port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        c->errors++;
        if (fd >= 0) close(fd);
        return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    uint8_t req[12] = {0,
                       0,
                       0,
                       0,
                       0,
                       6,
                       (uint8_t)c->unit,
                       3,
                       (uint8_t)(c->addr >> 8),
                       (uint8_t)c->addr,
                       (uint8_t)(c->count >> 8),
                       (uint8_t)c->count};
    uint8_t rsp[512];
    uint16_t tid = 0;
    while (now_s() < c->end) {
        for (int i = 0; i < 64; i++) {
            tid++;
            req[0] = (uint8_t)(tid >> 8);
            req[1] = (uint8_t)tid;
            if (send(fd, req, sizeof req, MSG_NOSIGNAL) != (ssize_t)sizeof req) {
                c->errors++;
                goto out;
            }
            int got = 0;
            while (got < c->reply) {
                ssize_t k = recv(fd, rsp + got, (size_t)(c->reply - got), 0);
                if (k <= 0) {
                    c->errors++;
                    goto out;
                }
                got += (int)k;
            }
            if (rsp[0] == req[0] && rsp[1] == req[1])
                c->ok++;
            else
                c->errors++;
        }
    }
out:
    close(fd);
}

static void *run(void *p)
{
    client *c = p;
    if (c->raw)
        run_raw(c);
    else
        run_lib(c);
    return NULL;
}

int main(int argc, char **argv)
{
    int port = 0, clients = 4, unit = 1, addr = 0, count = 10, raw = 0, reply = 29;
    double seconds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--port") == 0)
            port = atoi(v);
        else if (strcmp(k, "--clients") == 0)
            clients = atoi(v);
        else if (strcmp(k, "--seconds") == 0)
            seconds = atof(v);
        else if (strcmp(k, "--unit") == 0)
            unit = atoi(v);
        else if (strcmp(k, "--addr") == 0)
            addr = (int)strtol(v, NULL, 0);
        else if (strcmp(k, "--count") == 0)
            count = atoi(v);
        else if (strcmp(k, "--mode") == 0)
            raw = strcmp(v, "raw") == 0;
        else if (strcmp(k, "--reply") == 0)
            reply = atoi(v);
        else {
            fprintf(stderr, "modbus_load: unknown option %s\n", k);
            return 2;
        }
    }
    if (port <= 0 || clients < 1 || clients > 256 || count < 1 || count > 125 || reply < 1 ||
        reply > 512) {
        fprintf(stderr, "usage: modbus_load --port P [--clients N] [--seconds S] [--mode "
                        "lib|raw] [--reply BYTES] [--unit U] [--addr A] [--count C]\n");
        return 2;
    }
    client *cs = calloc((size_t)clients, sizeof *cs);
    if (!cs) return 1;
    double t0 = now_s();
    for (int i = 0; i < clients; i++) {
        cs[i] = (client){.port = port,
                         .unit = unit,
                         .addr = addr,
                         .count = count,
                         .raw = raw,
                         .reply = reply,
                         .end = t0 + seconds};
        pthread_create(&cs[i].th, NULL, run, &cs[i]);
    }
    unsigned long long ok = 0, errors = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(cs[i].th, NULL);
        ok += cs[i].ok;
        errors += cs[i].errors;
    }
    double dt = now_s() - t0;
    printf("mode=%s clients=%d seconds=%.2f requests=%llu errors=%llu req_per_s=%.0f\n",
           raw ? "raw" : "lib", clients, dt, ok, errors, ok / dt);
    free(cs);
    return errors ? 1 : 0;
}
