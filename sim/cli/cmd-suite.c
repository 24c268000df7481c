/*
 * cmd-suite.c — `hjrange suite DIR`: every scenario of a folder as a child `hjrange run`,
 * N at a time, each scored in-process (score.h) and its report written (cmd_write_report);
 * and `hjrange report OUTDIR`, which (re)draws one run's report.
 *
 * Threading model: one thread. The parent forks/execs /proc/self/exe for each run and
 * polls (100 ms) for finished children and, with --alerts-from tcp:, for the vendor's
 * alert stream on the same loop. Scoring and drawing follow once every run has ended.
 * SIGINT/SIGTERM only set a flag: no new run starts, SIGTERM is passed on to the running
 * ones (a terminal's SIGINT reaches them itself), the suite waits for them and reports the
 * runs not started as failed (exit status 130).
 */
#include "cmd.h"
#include "gen-cli.h"
#include "hjtime.h"
#include "i18n.h"
#include "range.h"
#include "score.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    SU_PATH_MAX = 1024,
    SU_NAME_MAX = 128,
    SU_MAX_SCEN = 4096,
    SU_MAX_JOBS = 256,
    SU_TAIL = 2000,                    /* bytes of a failed run's stderr in the JUnit */
    SU_STREAM_MAX = 256 * 1024 * 1024, /* bytes of vendor alerts kept */
};
#define SU_PROGRESS_S 5.0 /* default of --progress */

static volatile sig_atomic_t suite_interrupted;
static void on_signal(int sig)
{
    suite_interrupted = sig;
}

static const char *lang_name(void)
{
    return i18n_get() == I18N_ZH ? "zh" : "en";
}

/* ---- hjrange report ---- */

int cmd_report(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') return cmd_usage_error(MSG_UNKNOWN_OPT, argv[i]);
        if (dir) return cmd_usage_error(MSG_BAD_VALUE, argv[i]);
        dir = argv[i];
    }
    if (!dir) return cmd_usage_error(MSG_SU_NEED_DIR, NULL);
    char err[768] = "";
    int rc = cmd_write_report(dir, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_SU_REPORT_FAIL), err);
        return 1;
    }
    if (rc > 0) { /* built without the view: report.html alone */
        fprintf(stderr, "hjrange: report.png: %s: %s\n", i18n(MSG_NO_PNG), i18n(MSG_NO_VIEW));
        printf("%s/report.html\n", dir);
        return CMD_EXIT_NO_VIEW;
    }
    printf("%s/report.png\n%s/report.html\n", dir, dir);
    return 0;
}

/* ---- the vendor's alerts: lines from a file or a TCP stream ---- */

typedef struct vline {
    char *text;
    char mn[SCORE_MN_MAX];
    int64_t time_ms;
    int ok;   /* mn and time parsed */
    int used; /* matched a scenario */
} vline;

typedef struct vendor {
    vline *v;
    size_t n, cap, bytes;
    char part[SCORE_LINE_MAX + 1]; /* the incomplete last line of the stream */
    size_t npart;
    int overlong; /* skipping the rest of an overlong line */
    size_t dropped;
} vendor;

static int vendor_add(vendor *vd, const char *line, size_t len)
{
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == len) return 0; /* blank */
    if (vd->bytes + len > SU_STREAM_MAX) {
        vd->dropped++;
        return 0;
    }
    if (vd->n == vd->cap) {
        size_t nc = vd->cap ? vd->cap * 2 : 256;
        vline *nv = realloc(vd->v, nc * sizeof *nv);
        if (!nv) return -1;
        vd->v = nv;
        vd->cap = nc;
    }
    vline *l = &vd->v[vd->n];
    memset(l, 0, sizeof *l);
    l->text = malloc(len + 1);
    if (!l->text) return -1;
    memcpy(l->text, line, len);
    l->text[len] = '\0';
    cJSON *o = cJSON_Parse(l->text);
    const cJSON *mn = cJSON_GetObjectItemCaseSensitive(o, "mn");
    const cJSON *tm = cJSON_GetObjectItemCaseSensitive(o, "time");
    if (cJSON_IsString(mn) && strlen(mn->valuestring) < SCORE_MN_MAX && cJSON_IsString(tm) &&
        hjtime_parse_iso_any(tm->valuestring, &l->time_ms) == 0) {
        snprintf(l->mn, sizeof l->mn, "%s", mn->valuestring);
        l->ok = 1;
    }
    cJSON_Delete(o);
    vd->bytes += len;
    vd->n++;
    return 0;
}

/* Feeds stream bytes; complete lines are added. */
static int vendor_feed(vendor *vd, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (ch == '\n') {
            if (!vd->overlong && vendor_add(vd, vd->part, vd->npart) != 0) return -1;
            vd->npart = 0;
            vd->overlong = 0;
        } else if (vd->npart < SCORE_LINE_MAX) {
            vd->part[vd->npart++] = ch;
        } else if (!vd->overlong) {
            vd->overlong = 1;
            vd->dropped++;
        }
    }
    return 0;
}

static int vendor_finish(vendor *vd)
{
    int rc = 0;
    if (vd->npart && !vd->overlong) rc = vendor_add(vd, vd->part, vd->npart);
    vd->npart = 0;
    return rc;
}

static void vendor_free(vendor *vd)
{
    for (size_t i = 0; i < vd->n; i++)
        free(vd->v[i].text);
    free(vd->v);
}

static int vendor_read_file(vendor *vd, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char buf[65536];
    size_t got = 0;
    int rc = 0;
    while (rc == 0 && (got = fread(buf, 1, sizeof buf, f)) > 0)
        rc = vendor_feed(vd, buf, got);
    if (ferror(f)) rc = -1;
    fclose(f);
    return rc ? rc : vendor_finish(vd);
}

static int tcp_connect(const char *hostport)
{
    char host[256];
    const char *colon = strrchr(hostport, ':');
    if (!colon || colon == hostport || (size_t)(colon - hostport) >= sizeof host) return -1;
    snprintf(host, sizeof host, "%.*s", (int)(colon - hostport), hostport);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, colon + 1, &hints, &res) != 0) return -1;
    int fd = -1;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* Reads what the stream has; -1 closes it (EOF or error). */
static int tcp_pump(vendor *vd, int fd)
{
    char buf[65536];
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got > 0) {
            if (vendor_feed(vd, buf, (size_t)got) != 0) return -1;
            continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        if (got < 0 && errno == EINTR) continue;
        return -1;
    }
}

/* ---- the runs ---- */

typedef enum { J_PENDING = 0, J_RUNNING, J_DONE } job_state;

typedef struct job {
    char name[SU_NAME_MAX];
    char path[SU_PATH_MAX];
    char out[SU_PATH_MAX];
    job_state state;
    pid_t pid;
    int exit_code; /* 128 + signal when killed */
    double t0, wall;
    score_result *res;    /* NULL: not scored */
    char err[768];        /* why it failed or was not scored */
    char report_err[256]; /* drawing failed (not a failure of the suite) */
} job;

typedef struct suite_opts {
    const char *dir, *out, *json, *junit, *platform, *alerts_from, *seed;
    long jobs;
    int64_t grace_ms;
    double tcp_wait;
    double progress_s; /* --progress: seconds between progress lines off a terminal */
    int no_report;
    suite_gen gen; /* --generate K, --matrix (gen-cli.h) */
} suite_opts;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_job(const void *a, const void *b)
{
    return strcmp(((const job *)a)->name, ((const job *)b)->name);
}

/* *.lua files directly in dir (not lib/), sorted by name. */
static job *list_scenarios(const suite_opts *o, size_t *n)
{
    *n = 0;
    DIR *d = opendir(o->dir);
    if (!d) return NULL;
    job *jobs = NULL;
    size_t cap = 0;
    struct dirent *e = NULL;
    while ((e = readdir(d)) != NULL && *n < SU_MAX_SCEN) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".lua") != 0 || e->d_name[0] == '.') continue;
        if (len - 4 >= SU_NAME_MAX) continue;
        char path[SU_PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", o->dir, e->d_name) >= (int)sizeof path) continue;
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            job *nj = realloc(jobs, nc * sizeof *nj);
            if (!nj) break;
            jobs = nj;
            cap = nc;
        }
        job *j = &jobs[*n];
        memset(j, 0, sizeof *j);
        snprintf(j->name, sizeof j->name, "%.*s", (int)(len - 4), e->d_name);
        snprintf(j->path, sizeof j->path, "%s", path);
        if (snprintf(j->out, sizeof j->out, "%s/%s", o->out, j->name) >= (int)sizeof j->out)
            continue;
        (*n)++;
    }
    closedir(d);
    if (*n) qsort(jobs, *n, sizeof *jobs, cmp_job);
    return jobs;
}

static int start_job(job *j, const suite_opts *o)
{
    static const char *const stale[] = {"truth.json", "alerts.jsonl", "report.json", "report.png",
                                        "report.html"};
    if (range_mkdir_p(j->out) != 0) {
        snprintf(j->err, sizeof j->err, "%s: %.600s: %s", i18n(MSG_SU_CANNOT_WRITE), j->out,
                 strerror(errno));
        return -1;
    }
    char p[SU_PATH_MAX + 32], po[SU_PATH_MAX + 32], pe[SU_PATH_MAX + 32];
    for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", j->out, stale[i]);
        remove(p);
    }
    snprintf(po, sizeof po, "%s/stdout.txt", j->out);
    snprintf(pe, sizeof pe, "%s/stderr.txt", j->out);
    /* writable copies: execv takes char *const [] */
    char a_name[] = "hjrange", a_run[] = "run", a_fast[] = "--fast", a_out[] = "--out";
    char a_seed[] = "--seed", a_plat[] = "--platform", a_nodet[] = "--no-detect";
    char a_prog[] = "--progress", a_zero[] = "0";
    char seed[32], plat[300];
    snprintf(seed, sizeof seed, "%s", o->seed ? o->seed : "");
    snprintf(plat, sizeof plat, "%s", o->platform ? o->platform : "");
    char *args[16];
    int na = 0;
    args[na++] = a_name;
    args[na++] = a_run;
    args[na++] = j->path;
    args[na++] = a_fast;
    args[na++] = a_out;
    args[na++] = j->out;
    args[na++] = a_prog; /* its stderr is a file: no progress lines in it */
    args[na++] = a_zero;
    if (o->seed) {
        args[na++] = a_seed;
        args[na++] = seed;
    }
    if (o->platform) {
        args[na++] = a_plat;
        args[na++] = plat;
        args[na++] = a_nodet;
    }
    args[na] = NULL;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(j->err, sizeof j->err, "%s: fork: %s", i18n(MSG_SU_CANNOT_RUN), strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int fo = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int fi = open("/dev/null", O_RDONLY);
        if (fo >= 0) dup2(fo, 1);
        if (fe >= 0) dup2(fe, 2);
        if (fi >= 0) dup2(fi, 0);
        setenv("HJRANGE_LANG", lang_name(), 1);
        execv("/proc/self/exe", args);
        dprintf(2, "hjrange: exec /proc/self/exe: %s\n", strerror(errno));
        _exit(127);
    }
    j->pid = pid;
    j->state = J_RUNNING;
    j->t0 = now_s();
    return 0;
}

static void progress(const job *jobs, size_t n, size_t done)
{
    char line[160];
    int bar = 24, k = n ? (int)(done * (size_t)bar / n) : bar;
    int len = snprintf(line, sizeof line, "\r\033[K[");
    for (int i = 0; i < bar; i++)
        line[len++] = i < k ? '#' : '.';
    len += snprintf(line + len, sizeof line - (size_t)len, "] %zu/%zu  %s:", done, n,
                    i18n(MSG_SU_RUNNING));
    for (size_t i = 0; i < n && len < (int)sizeof line - 1; i++) {
        if (jobs[i].state != J_RUNNING) continue;
        int w = snprintf(line + len, sizeof line - (size_t)len, " %s", jobs[i].name);
        if (w < 0 || len + w >= (int)sizeof line - 4) {
            snprintf(line + len, sizeof line - (size_t)len, " ...");
            len = (int)strlen(line);
            break;
        }
        len += w;
    }
    fputs(line, stderr);
    fflush(stderr);
}

/* Off a terminal (a CI log): one line every --progress seconds, no control characters. */
static void progress_line(size_t n, size_t done, size_t running, double elapsed_s)
{
    char times[128];
    cmd_progress_times(times, sizeof times, elapsed_s, n ? (double)done / (double)n : 1.0);
    fprintf(stderr, "hjrange suite: %zu/%zu %s, %s %zu, %s\n", done, n, i18n(MSG_PROG_DONE),
            i18n(MSG_SU_RUNNING), running, times);
    fflush(stderr);
}

/* ---- scoring ---- */

static int truth_has_mn(const score_truth *t, const char *mn)
{
    for (size_t i = 0; i < score_truth_nstations(t); i++)
        if (strcmp(score_truth_station(t, i), mn) == 0) return 1;
    return 0;
}

/* Scores one finished run: its alerts.jsonl, or the vendor's lines of its stations and run
 * time (written into its alerts.jsonl so that the report shows them). */
static void score_job(job *j, const suite_opts *o, vendor *vd)
{
    char path[SU_PATH_MAX + 32], e[4096] = "";
    snprintf(path, sizeof path, "%s/truth.json", j->out);
    score_truth *t = score_truth_load(path, e, sizeof e);
    if (!t) {
        snprintf(j->err, sizeof j->err, "%s", e);
        return;
    }
    snprintf(path, sizeof path, "%s/alerts.jsonl", j->out);
    score_alerts *a = NULL;
    if (vd) {
        a = score_alerts_new();
        FILE *f = fopen(path, "wb");
        size_t lineno = 0;
        int bad = 0;
        for (size_t i = 0; a && i < vd->n; i++) {
            vline *l = &vd->v[i];
            if (!l->ok || !truth_has_mn(t, l->mn) || l->time_ms < score_truth_start(t) ||
                l->time_ms > score_truth_end(t) + o->grace_ms)
                continue;
            l->used = 1;
            lineno++;
            if (f) fprintf(f, "%s\n", l->text);
            if (score_alerts_add_line(a, l->text, "vendor alerts", lineno, e, sizeof e) < 0)
                bad = 1;
        }
        if (f) fclose(f);
        if (bad) {
            score_alerts_free(a);
            a = NULL;
        }
    } else {
        a = score_alerts_load(path, e, sizeof e);
    }
    if (!a) {
        snprintf(j->err, sizeof j->err, "%s", e[0] ? e : "out of memory");
        score_truth_free(t);
        return;
    }
    score_options opt = score_options_default();
    opt.grace_ms = o->grace_ms;
    opt.team = j->name;
    j->res = score_compute(t, a, &opt, e, sizeof e);
    if (!j->res) snprintf(j->err, sizeof j->err, "%s", e);
    score_alerts_free(a);
    score_truth_free(t);
}

/* Totals pooled over every event of the scored runs (docs/reports.md). */
typedef struct totals {
    size_t scored, events, detected, type_correct, fa, red_fa;
    double station_days, recall, type_acc, fa_sd, median_ttd, s_ttd, s_cm, s, nab;
} totals;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void compute_totals(const job *jobs, size_t n, totals *T)
{
    memset(T, 0, sizeof *T);
    double ttd_sum = 0, cm_w = 0, nab_raw = 0, nab_w = 0;
    size_t nttd = 0, cap = 0;
    double *ttd = NULL;
    for (size_t i = 0; i < n; i++) {
        const score_result *r = jobs[i].res;
        if (!r) continue;
        T->scored++;
        T->events += r->events;
        T->detected += r->detected;
        T->type_correct += r->type_correct;
        T->fa += r->false_alarms;
        T->red_fa += r->red_false_alarms;
        T->station_days += r->station_days;
        cm_w += r->s_cm * r->station_days;
        nab_raw += r->nab_raw;
        nab_w += (double)r->nab_windows;
        for (size_t k = 0; k < r->events; k++) {
            const score_event_result *e = &r->ev[k];
            double dt = (double)(e->ev.end_ms - e->ev.start_ms) / 60000.0;
            ttd_sum += e->detected ? fmin(e->ttd_minutes, dt) / dt : 1.0;
            if (!e->detected) continue;
            if (nttd == cap) {
                size_t nc = cap ? cap * 2 : 64;
                double *nt = realloc(ttd, nc * sizeof *nt);
                if (!nt) continue;
                ttd = nt;
                cap = nc;
            }
            ttd[nttd++] = e->ttd_minutes;
        }
    }
    T->recall = T->events ? (double)T->detected / (double)T->events : NAN;
    T->type_acc = T->detected ? (double)T->type_correct / (double)T->detected : NAN;
    T->fa_sd = T->station_days > 0 ? (double)T->fa / T->station_days : NAN;
    if (nttd) {
        qsort(ttd, nttd, sizeof *ttd, cmp_double);
        T->median_ttd = nttd % 2 ? ttd[nttd / 2] : (ttd[nttd / 2 - 1] + ttd[nttd / 2]) / 2;
    } else {
        T->median_ttd = NAN;
    }
    free(ttd);
    T->s_ttd = T->events ? 1.0 - ttd_sum / (double)T->events : 1.0;
    T->s_cm = T->station_days > 0 ? cm_w / T->station_days : NAN;
    T->s = T->scored ? 0.5 * T->s_ttd + 0.5 * T->s_cm : NAN;
    T->nab = nab_w > 0 ? 100.0 * (nab_raw + nab_w) / (2.0 * nab_w) : NAN;
}

/* ---- outputs ---- */

/* v with `decimals` decimals, "-" for NAN. */
static void cell(char *b, size_t n, double v, int decimals)
{
    if (isnan(v))
        snprintf(b, n, "-");
    else
        snprintf(b, n, "%.*f", decimals, v);
}

/* Terminal columns of UTF-8 text: CJK (3- and 4-byte sequences) take two. */
static int display_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;
        w += *p >= 0xE0 ? 2 : 1;
    }
    return w;
}

/* s padded to width columns (right-aligned when right), then one space (not after the
 * last column). */
static void put_cell(const char *s, int width, int right, int last)
{
    int pad = last && !right ? 0 : width - display_width(s);
    if (right)
        for (int i = 0; i < pad; i++)
            putchar(' ');
    fputs(s, stdout);
    if (!right)
        for (int i = 0; i < pad; i++)
            putchar(' ');
    if (!last) putchar(' ');
}

static const int COLW[13] = {32, 6, 5, 6, 8, 5, 8, 9, 8, 6, 6, 6, 7};

static void print_row(const char *name, size_t ev, size_t det, double rec, double tacc, size_t fa,
                      size_t red, double fasd, double ttd, double s, double nab, const char *st,
                      double wall)
{
    char c[6][32];
    cell(c[0], sizeof c[0], rec, 2);
    cell(c[1], sizeof c[1], tacc, 2);
    cell(c[2], sizeof c[2], fasd, 2);
    cell(c[3], sizeof c[3], ttd, 1);
    cell(c[4], sizeof c[4], s, 3);
    cell(c[5], sizeof c[5], nab, 1);
    char num[4][32];
    snprintf(num[0], sizeof num[0], "%zu", ev);
    snprintf(num[1], sizeof num[1], "%zu", det);
    snprintf(num[2], sizeof num[2], "%zu", fa);
    snprintf(num[3], sizeof num[3], "%zu", red);
    char w[32];
    snprintf(w, sizeof w, "%.1f", wall);
    const char *cells[13] = {name, num[0], num[1], c[0], c[1], num[2], num[3],
                             c[2], c[3],   c[4],   c[5], st,   w};
    for (int i = 0; i < 13; i++)
        put_cell(cells[i], COLW[i], i != 0 && i != 11, i == 12);
    putchar('\n');
}

static void print_table(const job *jobs, size_t n, const totals *T)
{
    static const i18n_msg head[13] = {
        MSG_SU_COL_SCEN, MSG_SU_COL_EVENTS, MSG_SU_COL_DET,   MSG_SU_COL_RECALL, MSG_SU_COL_TYPE,
        MSG_SU_COL_FA,   MSG_SU_COL_RED_FA, MSG_SU_COL_FA_SD, MSG_SU_COL_TTD,    MSG_SU_COL_S,
        MSG_SU_COL_NAB,  MSG_SU_COL_STATUS, MSG_SU_COL_TIME};
    for (int i = 0; i < 13; i++)
        put_cell(i18n(head[i]), COLW[i], i != 0 && i != 11, i == 12);
    putchar('\n');
    double wall = 0;
    for (size_t i = 0; i < n; i++) {
        const job *j = &jobs[i];
        const score_result *r = j->res;
        const char *st = j->exit_code == 0 && r ? i18n(MSG_SU_OK) : i18n(MSG_SU_FAILED);
        wall += j->wall;
        if (!r) {
            print_row(j->name, 0, 0, NAN, NAN, 0, 0, NAN, NAN, NAN, NAN, st, j->wall);
            continue;
        }
        print_row(j->name, r->events, r->detected, r->recall, r->type_accuracy, r->false_alarms,
                  r->red_false_alarms, r->false_alarms_per_station_day, r->median_ttd_minutes,
                  r->batadal_s, r->nab_score, st, j->wall);
    }
    print_row(i18n(MSG_SU_TOTAL), T->events, T->detected, T->recall, T->type_acc, T->fa, T->red_fa,
              T->fa_sd, T->median_ttd, T->s, T->nab, "", wall);
}

static char *read_tail(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    long size = 0;
    if (fseek(f, 0, SEEK_END) == 0) size = ftell(f);
    long from = size > (long)max ? size - (long)max : 0;
    fseek(f, from, SEEK_SET);
    char *buf = malloc(max + 1);
    size_t got = buf ? fread(buf, 1, max, f) : 0;
    fclose(f);
    if (!buf) return NULL;
    buf[got] = '\0';
    size_t k = 0; /* start at a UTF-8 character boundary */
    while (from > 0 && k < got && ((unsigned char)buf[k] & 0xC0) == 0x80)
        k++;
    memmove(buf, buf + k, got - k + 1);
    return buf;
}

static FILE *open_out(const char *path)
{
    return strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
}

static int close_out(FILE *f)
{
    if (f == stdout) return fflush(f) == 0 && !ferror(f) ? 0 : -1;
    int bad = ferror(f);
    return fclose(f) == 0 && !bad ? 0 : -1;
}

/* JUnit through the scorer's writer: one testsuite per scenario, its "run" testcase
 * first passing (then the scored events and false alarms) or failing with the exit status
 * and the tail of the run's stderr. */
static int write_junit(const char *path, const job *jobs, size_t n)
{
    FILE *f = open_out(path);
    if (!f) return -1;
    score_junit_suite *s = calloc(n ? n : 1, sizeof *s);
    char(*msg)[900] = calloc(n ? n : 1, sizeof *msg);
    char **tails = calloc(n ? n : 1, sizeof *tails);
    int rc = -1;
    if (!s || !msg || !tails) goto done;
    for (size_t i = 0; i < n; i++) {
        const job *j = &jobs[i];
        s[i].name = j->name;
        s[i].r = j->res;
        s[i].run_case = 1;
        s[i].time_s = j->wall;
        if (j->res) continue;
        char p[SU_PATH_MAX + 32];
        snprintf(p, sizeof p, "%s/stderr.txt", j->out);
        tails[i] = read_tail(p, SU_TAIL);
        s[i].fail_type = j->exit_code ? "run_failed" : "not_scored";
        if (j->exit_code)
            snprintf(msg[i], sizeof msg[i], "exit status %d%s%s", j->exit_code,
                     j->err[0] ? ": " : "", j->err);
        else
            snprintf(msg[i], sizeof msg[i], "%s", j->err);
        s[i].fail_msg = msg[i];
        s[i].fail_text = tails[i];
    }
    rc = score_write_junit_suites(f, "hjrange suite", s, n);
done:
    for (size_t i = 0; tails && i < n; i++)
        free(tails[i]);
    free(tails);
    free(msg);
    free(s);
    if (close_out(f) != 0) rc = -1;
    return rc;
}

static void json_num(cJSON *o, const char *k, double v)
{
    if (isnan(v))
        cJSON_AddNullToObject(o, k);
    else
        cJSON_AddNumberToObject(o, k, v);
}

static int write_json(const char *path, const suite_opts *o, const job *jobs, size_t n,
                      const totals *T, size_t unmatched)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "suite", o->dir);
    cJSON_AddStringToObject(root, "out", o->out);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    for (size_t i = 0; i < n; i++) {
        const job *j = &jobs[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", j->name);
        cJSON_AddStringToObject(x, "file", j->path);
        cJSON_AddStringToObject(x, "out", j->out);
        cJSON_AddStringToObject(x, "status",
                                j->exit_code ? "failed"
                                : j->res     ? "ok"
                                             : "not_scored");
        cJSON_AddNumberToObject(x, "exit_code", j->exit_code);
        cJSON_AddNumberToObject(x, "wall_s", j->wall);
        if (j->err[0]) cJSON_AddStringToObject(x, "error", j->err);
        if (j->report_err[0]) cJSON_AddStringToObject(x, "report_error", j->report_err);
        if (j->res) {
            char *buf = NULL;
            size_t len = 0;
            FILE *m = open_memstream(&buf, &len);
            if (m) {
                score_write_json(m, j->res);
                fclose(m);
                cJSON *s = buf ? cJSON_Parse(buf) : NULL;
                if (s) cJSON_AddItemToObject(x, "score", s);
                free(buf);
            }
        }
        cJSON_AddItemToArray(arr, x);
    }
    cJSON *t = cJSON_AddObjectToObject(root, "totals");
    cJSON_AddNumberToObject(t, "scenarios", (double)n);
    cJSON_AddNumberToObject(t, "scored", (double)T->scored);
    cJSON_AddNumberToObject(t, "events", (double)T->events);
    cJSON_AddNumberToObject(t, "detected", (double)T->detected);
    cJSON_AddNumberToObject(t, "type_correct", (double)T->type_correct);
    json_num(t, "recall", T->recall);
    json_num(t, "type_accuracy", T->type_acc);
    cJSON_AddNumberToObject(t, "false_alarms", (double)T->fa);
    cJSON_AddNumberToObject(t, "red_false_alarms", (double)T->red_fa);
    json_num(t, "station_days", T->station_days);
    json_num(t, "false_alarms_per_station_day", T->fa_sd);
    json_num(t, "median_ttd_minutes", T->median_ttd);
    json_num(t, "s_ttd", T->s_ttd);
    json_num(t, "s_cm", T->s_cm);
    json_num(t, "batadal_s", T->s);
    json_num(t, "nab_score", T->nab);
    if (o->alerts_from) cJSON_AddNumberToObject(root, "unmatched_alerts", (double)unmatched);
    cJSON *set = o->gen.json ? cJSON_Parse(o->gen.json) : NULL;
    if (set) cJSON_AddItemToObject(root, "set", set);
    char *txt = cJSON_Print(root);
    cJSON_Delete(root);
    if (!txt) return -1;
    FILE *f = open_out(path);
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "%s\n", txt);
        rc = close_out(f);
    }
    cJSON_free(txt);
    return rc;
}

/* ---- hjrange suite ---- */

static int parse_suite_args(int argc, char **argv, suite_opts *o)
{
    memset(o, 0, sizeof *o);
    o->out = "suite-out";
    o->grace_ms = SCORE_GRACE_DEFAULT_MS;
    o->tcp_wait = 10;
    o->progress_s = SU_PROGRESS_S;
    long np = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = np > 0 ? np : 1;
    suite_gen_init(&o->gen);
    int out_given = 0;
    for (int i = 1; i < argc; i++) {
        char name[32];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (a[0] != '-') {
            if (o->dir) return cmd_usage_error(MSG_BAD_VALUE, a);
            o->dir = a;
            continue;
        }
        if (strcmp(a, "--no-report") == 0) {
            if (cmd_opt_no_value(argv[i])) return 2;
            o->no_report = 1;
            continue;
        }
        int g = suite_gen_arg(&o->gen, argc, argv, &i);
        if (g != 1) {
            if (g) return g;
            continue;
        }
        static const char *const with_value[] = {
            "--jobs",     "--out",         "--json",  "--junit",    "--seed",
            "--platform", "--alerts-from", "--grace", "--tcp-wait", "--progress"};
        int known = 0;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            known |= strcmp(a, with_value[k]) == 0;
        if (!known) return cmd_usage_error(MSG_UNKNOWN_OPT, a);
        const char *v = cmd_opt_value(argc, argv, &i);
        if (!v) return cmd_usage_error(MSG_MISSING_ARG, a);
        char *end = NULL;
        if (strcmp(a, "--jobs") == 0) {
            long n = strtol(v, &end, 10);
            if (end == v || *end || n < 1 || n > SU_MAX_JOBS)
                return cmd_bad_int(a, v, 1, SU_MAX_JOBS);
            o->jobs = n;
        } else if (strcmp(a, "--out") == 0) {
            if (!v[0] || strlen(v) > 700) return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
            o->out = v;
            out_given = 1;
        } else if (strcmp(a, "--json") == 0) {
            if (!v[0]) return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
            o->json = v;
        } else if (strcmp(a, "--junit") == 0) {
            if (!v[0]) return cmd_bad_value(a, v, i18n(MSG_OPT_PATH));
            o->junit = v;
        } else if (strcmp(a, "--seed") == 0) {
            if (!v[0] || v[strspn(v, "0123456789")] != '\0' || strlen(v) > 19 ||
                strtoull(v, NULL, 10) > (unsigned long long)INT64_MAX)
                return cmd_bad_int(a, v, 0, INT64_MAX);
            o->seed = v;
        } else if (strcmp(a, "--platform") == 0) {
            const char *colon = strrchr(v, ':');
            long port = colon ? strtol(colon + 1, &end, 10) : 0;
            if (!colon || colon == v || end == colon + 1 || *end || port < 1 || port > 65535 ||
                strlen(v) >= 300)
                return cmd_bad_value(a, v, i18n(MSG_OPT_HOSTPORT));
            o->platform = v;
        } else if (strcmp(a, "--alerts-from") == 0) {
            if (!v[0]) return cmd_bad_value(a, v, i18n(MSG_OPT_ALERTS_FROM));
            o->alerts_from = v;
        } else if (strcmp(a, "--grace") == 0) {
            if (score_parse_duration(v, &o->grace_ms) != 0)
                return cmd_bad_form(a, v, MSG_OPT_FORMS_GRACE);
        } else if (strcmp(a, "--progress") == 0) {
            double w = strtod(v, &end);
            if (end == v || *end || !(w >= 0 && w <= 86400))
                return cmd_bad_number(a, v, "[0, 86400]");
            o->progress_s = w;
        } else { /* --tcp-wait */
            double w = strtod(v, &end);
            if (end == v || *end || !(w >= 0 && w <= 3600))
                return cmd_bad_number(a, v, "[0, 3600]");
            o->tcp_wait = w;
        }
    }
    if (o->gen.count) { /* the folder is a generated set */
        int rc = suite_gen_prepare(&o->gen, o->dir != NULL, out_given, &o->dir, &o->out, &o->seed);
        if (rc) return rc;
    }
    if (!o->dir) return cmd_usage_error(MSG_SU_NEED_DIR, NULL);
    if (o->alerts_from && !o->platform) return cmd_usage_error(MSG_SU_ALERTS_NEEDS_PLATFORM, NULL);
    if (o->json && o->junit && strcmp(o->json, "-") == 0 && strcmp(o->junit, "-") == 0)
        return cmd_usage_error(MSG_BAD_VALUE, "--json - --junit -");
    return 0;
}

/* The vendor's alerts (--alerts-from): a TCP stream connected now, or a file read at the
 * end. 0, or 2 with the message printed. */
static int vendor_open(const suite_opts *o, vendor **vd, int *tcp)
{
    *vd = NULL;
    *tcp = -1;
    if (!o->alerts_from) return 0;
    *vd = calloc(1, sizeof **vd);
    int bad = !*vd;
    if (*vd && strncmp(o->alerts_from, "tcp:", 4) == 0) {
        *tcp = tcp_connect(o->alerts_from + 4);
        bad = *tcp < 0;
    }
    if (bad) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_SU_ALERTS_FAIL), o->alerts_from,
                strerror(errno));
        free(*vd);
        *vd = NULL;
        return 2;
    }
    return 0;
}

/* Reads what the stream has when it is readable; closes it at its end. */
static void vendor_pump(vendor *vd, int *tcp, int timeout_ms)
{
    struct pollfd pf = {*tcp, POLLIN, 0};
    poll(*tcp >= 0 ? &pf : NULL, *tcp >= 0 ? 1 : 0, timeout_ms);
    if (*tcp >= 0 && (pf.revents & (POLLIN | POLLHUP | POLLERR)) && tcp_pump(vd, *tcp) != 0) {
        close(*tcp);
        *tcp = -1;
    }
}

/* After the runs: the stream's last alerts (a grace period of --tcp-wait), or the file.
 * 0, or 2 with the message printed. */
static int vendor_close(const suite_opts *o, vendor *vd, int tcp)
{
    if (!vd) return 0;
    if (strncmp(o->alerts_from, "tcp:", 4) == 0) {
        double until = now_s() + o->tcp_wait;
        while (tcp >= 0 && now_s() < until && !suite_interrupted)
            vendor_pump(vd, &tcp, 100);
        if (tcp >= 0) close(tcp);
        vendor_finish(vd);
        return 0;
    }
    if (vendor_read_file(vd, o->alerts_from) != 0) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_SU_ALERTS_FAIL), o->alerts_from,
                strerror(errno));
        return 2;
    }
    return 0;
}

/* An interrupt: no new runs (those not started fail with 130), SIGTERM passed on to the
 * running ones (a terminal's SIGINT reached them itself). Returns the runs counted done. */
static size_t stop_jobs(job *jobs, size_t n, size_t *next)
{
    size_t done = 0;
    for (; *next < n; (*next)++, done++) {
        jobs[*next].state = J_DONE;
        jobs[*next].exit_code = 130;
        snprintf(jobs[*next].err, sizeof jobs[*next].err, "not started: interrupted");
    }
    for (size_t i = 0; i < n; i++)
        if (jobs[i].state == J_RUNNING && suite_interrupted == SIGTERM) kill(jobs[i].pid, SIGTERM);
    return done;
}

/* The children that ended: their exit status and wall time. Returns how many. */
static size_t reap_jobs(job *jobs, size_t n)
{
    size_t ended = 0;
    int st = 0;
    pid_t pid = 0;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        for (size_t i = 0; i < n; i++) {
            job *j = &jobs[i];
            if (j->state != J_RUNNING || j->pid != pid) continue;
            j->state = J_DONE;
            j->wall = now_s() - j->t0;
            j->exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            ended++;
        }
    }
    return ended;
}

/* The runs: the loop of the threading model above, --jobs at a time, each an `hjrange run`
 * (one session) of its own; the vendor's stream read on the same loop. */
static void run_jobs(job *jobs, size_t n, const suite_opts *o, vendor *vd, int *tcp)
{
    int tty = isatty(2);
    double t_start = now_s(), last_line = t_start;
    size_t next = 0, done = 0, running = 0;
    int forwarded = 0;
    while (done < n) {
        if (suite_interrupted && !forwarded) {
            forwarded = 1;
            done += stop_jobs(jobs, n, &next);
        }
        while (running < (size_t)o->jobs && next < n) {
            job *j = &jobs[next++];
            if (start_job(j, o) != 0) {
                j->state = J_DONE;
                j->exit_code = 127;
                done++;
            } else {
                running++;
            }
        }
        vendor_pump(vd, tcp, 100);
        size_t ended = reap_jobs(jobs, n);
        running -= ended;
        done += ended;
        if (tty) {
            progress(jobs, n, done);
        } else if (o->progress_s > 0 && done < n && now_s() - last_line >= o->progress_s) {
            last_line = now_s();
            progress_line(n, done, running, last_line - t_start);
        }
    }
    if (tty) fputs("\r\033[K", stderr);
}

/* Scores each finished run and, when the vendor's alerts were written into its folder,
 * draws its report again; 1 when a run failed or was not scored. (A run that exits 0 has
 * drawn its report from its own files, in parallel with the others: the same picture.) */
static int score_jobs(job *jobs, size_t n, const suite_opts *o, vendor *vd)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        if (j->exit_code == 0) score_job(j, o, vd);
        if (j->exit_code != 0 || !j->res) failed = 1;
        if (j->exit_code == 0 && !o->no_report && vd &&
            cmd_write_report(j->out, j->report_err, sizeof j->report_err) < 0)
            fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_SU_REPORT_FAIL), j->name,
                    j->report_err);
        if (j->exit_code != 0 || !j->res)
            fprintf(stderr, "hjrange: %s: %s %d%s%s\n", j->name, i18n(MSG_SU_FAILED), j->exit_code,
                    j->err[0] ? ": " : "", j->err);
    }
    return failed;
}

/* The table (or JSON / JUnit) of the scored runs. The exit status: 1 when a run failed or
 * an output could not be written. */
static int write_results(const job *jobs, size_t n, suite_opts *o, const vendor *vd, int failed)
{
    size_t unmatched = 0;
    for (size_t i = 0; vd && i < vd->n; i++)
        unmatched += !vd->v[i].used;
    if (vd) unmatched += vd->dropped;
    totals T;
    compute_totals(jobs, n, &T);
    int to_stdout =
        (o->json && strcmp(o->json, "-") == 0) || (o->junit && strcmp(o->junit, "-") == 0);
    if (!to_stdout) print_table(jobs, n, &T);
    if (o->gen.matrix) { /* the set's intervals and confusion matrix */
        const score_result **rs = calloc(n, sizeof *rs);
        for (size_t i = 0; rs && i < n; i++)
            rs[i] = jobs[i].res;
        if (rs) suite_gen_report(&o->gen, to_stdout ? stderr : stdout, rs, n);
        free(rs);
    }
    size_t nfail = 0;
    for (size_t i = 0; i < n; i++)
        nfail += jobs[i].exit_code != 0 || !jobs[i].res;
    fprintf(to_stdout ? stderr : stdout, "%s: %zu / %zu\n", i18n(MSG_SU_SUMMARY), n - nfail, nfail);
    if (vd && unmatched)
        fprintf(stderr, "hjrange: %s: %zu\n", i18n(MSG_SU_ALERTS_UNMATCHED), unmatched);
    int rc = failed ? 1 : 0;
    if (o->json && write_json(o->json, o, jobs, n, &T, unmatched) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_SU_CANNOT_WRITE), o->json);
        rc = 1;
    }
    if (o->junit && write_junit(o->junit, jobs, n) != 0) {
        fprintf(stderr, "hjrange: %s: %s\n", i18n(MSG_SU_CANNOT_WRITE), o->junit);
        rc = 1;
    }
    return rc;
}

int cmd_suite(int argc, char **argv)
{
    suite_opts o;
    int urc = parse_suite_args(argc, argv, &o);
    if (urc) return urc;
    size_t n = 0;
    job *jobs = list_scenarios(&o, &n);
    if (!n) {
        free(jobs);
        return cmd_usage_error(MSG_SU_NO_SCEN, o.dir);
    }
    if (range_mkdir_p(o.out) != 0) {
        fprintf(stderr, "hjrange: %s: %s: %s\n", i18n(MSG_SU_CANNOT_WRITE), o.out, strerror(errno));
        free(jobs);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    vendor *vd = NULL;
    int tcp = -1, rc = vendor_open(&o, &vd, &tcp);
    if (rc == 0) {
        run_jobs(jobs, n, &o, vd, &tcp);
        rc = vendor_close(&o, vd, tcp);
    }
    if (rc == 0) {
        int failed = score_jobs(jobs, n, &o, vd);
        rc = write_results(jobs, n, &o, vd, failed);
    }
    for (size_t i = 0; i < n; i++)
        score_result_free(jobs[i].res);
    if (vd) vendor_free(vd);
    free(vd);
    free(jobs);
    suite_gen_free(&o.gen);
    return rc;
}
