/* daut.c — see daut.h. */
#include "daut.h"

#include "plant.h"

#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void daut_station(station_cfg *cfg, int i)
{
    static const int prof[3] = {PLANT_DYEING, PLANT_MUNICIPAL, PLANT_FOOD};
    station_cfg_default(cfg, prof[i % 3]);
    snprintf(cfg->mn, sizeof cfg->mn, "33040001DAU%04d", i);
    if (i % 3 == 1) {
        cfg->protocol = 2025;
        cfg->cod = STATION_COD_TOC;
        cfg->fitted[STATION_P_COD] = 1;
    }
}

const char *daut_dir(const char *name)
{
    static char bufs[8][256];
    static int k;
    char *p = bufs[k++ % 8];
    snprintf(p, 256, "/tmp/hjdau-%s-%d", name, (int)getpid());
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p);
    if (system(cmd) != 0) return NULL;
    mkdir(p, 0755);
    return p;
}

void daut_cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf /tmp/hjdau-*-%d", (int)getpid());
    if (system(cmd) != 0) return;
}

char *daut_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + len, 1, cap - len - 1, f)) > 0) {
        len += k;
        if (cap - len < 2) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!b) return NULL;
    b[len] = 0;
    if (n) *n = len;
    return b;
}

int daut_run(const char *cmd, char **out)
{
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    size_t cap = 1 << 16, len = 0, k;
    char *b = malloc(cap);
    while (b && (k = fread(b + len, 1, cap - len - 1, p)) > 0) {
        len += k;
        if (cap - len < 2) {
            char *nb = realloc(b, cap * 2);
            if (!nb) break;
            b = nb;
            cap *= 2;
        }
    }
    if (b) b[len] = 0;
    int st = pclose(p);
    if (out)
        *out = b;
    else
        free(b);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int daut_spawn_detect(const char *bin, const char *listen, const char *const *args, int *pid)
{
    int pfd[2];
    if (pipe(pfd) != 0) return -1;
    pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        char *argv[32];
        int n = 0;
        argv[n++] = (char *)(uintptr_t)bin;
        argv[n++] = (char *)(uintptr_t) "detect";
        argv[n++] = (char *)(uintptr_t) "--listen";
        argv[n++] = (char *)(uintptr_t)listen;
        for (int i = 0; args[i] && n < 31; i++)
            argv[n++] = (char *)(uintptr_t)args[i];
        argv[n] = NULL;
        dup2(pfd[1], 1);
        close(pfd[0]);
        close(pfd[1]);
        int e = open("/dev/null", O_WRONLY);
        if (e >= 0) dup2(e, 2);
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
        if (k <= 0 || line[n] == '\n') break;
        n++;
    }
    line[n] = '\0';
    close(pfd[0]);
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

void daut_kill(int pid, int sig)
{
    if (pid <= 0) return;
    kill(pid, sig);
    waitpid(pid, NULL, 0);
}

int daut_count_cn(const char *log, int cn, const char *mn)
{
    char pat[32], mpat[64];
    snprintf(pat, sizeof pat, ";CN=%d;", cn);
    if (mn) snprintf(mpat, sizeof mpat, ";MN=%s;", mn);
    int count = 0;
    for (const char *l = log; l && *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        char *line = strndup(l, len);
        if (line && strstr(line, pat) && (!mn || strstr(line, mpat))) count++;
        free(line);
        l = e ? e + 1 : l + len;
    }
    return count;
}

int daut_field(const char *frame, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = frame; (p = strstr(p, key)) != NULL; p++) {
        char before = p == frame ? ';' : p[-1];
        if ((before == ';' || before == ',' || before == '&') && p[kl] == '=') {
            const char *v = p + kl + 1;
            size_t n = strcspn(v, ";,&\r\n");
            if (n + 1 > cap) return -1;
            memcpy(out, v, n);
            out[n] = 0;
            return 0;
        }
    }
    return -1;
}

long long daut_sql_int(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return -1;
    }
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}
