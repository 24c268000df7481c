/*
 * dau.c — the data acquisition unit: Modbus polling, HJ 356 aggregation, HJ 212 records,
 * queued links with ack/resend/backfill, commands from the platform. See dau.h, docs/dau.md.
 *
 * Invariants: a record is queued on every link before it is first sent, and leaves a
 * link's queue only when that link's platform acknowledged it (9014 echoing its QN) or
 * when the full queue drops it (counted). At most one record is in flight per link, so the
 * queue order is the order the platform stores them in.
 */
#include "dau.h"
#include "dau-private.h"
#include "dau_queue.h"
#include "mbpipe.h"

#include "analyzer.h"
#include "camera.h"
#include "door.h"
#include "flowmeter.h"
#include "flue.h"
#include "gasan.h"
#include "gcfid.h"
#include "meter.h"
#include "pmmon.h"
#include "probe.h"
#include "sampling.h"
#include "damper.h"

#include "hj212-sm4.h"
#include "hj212.h"
#include "hjcode.h"
#include "hjnum.h"
#include "hjtime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <modbus.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HIST_MIN  432 /* 3 days of 10-minute records */
#define HIST_DAY  93

/* ---- what the DAU sends: rows of the code table (proto/hjcode.h, docs/hj212-profile.md) ---- */

/* The water codes of DAU_C_*, in packet order: the code's row, and the batch analyzer. */
typedef struct chan_def {
    int code;     /* hjcode_id */
    int analyzer; /* slot 0..3 (unit - 1) of a batch analyzer, -1 for continuous */
} chan_def;

static const chan_def CHANS[DAU_C_COUNT] = {
    [DAU_C_FLOW] = {HJCODE_FLOW, -1}, [DAU_C_PH] = {HJCODE_PH, -1},
    [DAU_C_TEMP] = {HJCODE_TEMP, -1}, [DAU_C_COND] = {HJCODE_COND, -1},
    [DAU_C_COD] = {HJCODE_COD, 0},    [DAU_C_TN] = {HJCODE_TN, 3},
    [DAU_C_NH3N] = {HJCODE_NH3N, 1},  [DAU_C_TP] = {HJCODE_TP, 2},
};
static const int SLOT_CODE[4] = {DAU_C_COD, DAU_C_NH3N, DAU_C_TP, DAU_C_TN};

static const hjcode *chan_code(int c)
{
    return hjcode_at((size_t)CHANS[c].code);
}

static const char *code_str(int id)
{
    return hjcode_at((size_t)id)->code;
}

/* 3020 parameter codes and the analyzer's register fields they are read from (its map,
 * hw-models/analyzer.h); the decimals are the code table's (the standard's formats where it
 * gives one: i13003 N4 and i13005 N2 whole minutes, i13004 N3.1); i13006 is a date,
 * YYYYMMDDhhmmss, or left out. name: how the run log (i11001) names a changed parameter. */
typedef struct param_def {
    int code;  /* hjcode_id */
    int field; /* ANALYZER_R_* */
    const char *name;
} param_def;
#define AP(p) (ANALYZER_R_PARAM + ANALYZER_P_##p)
static const param_def PARAMS[] = {
    {HJCODE_I_INTERVAL, AP(INTERVAL), "interval_min"},
    {HJCODE_I_DIGEST_T, AP(DIGEST_TEMP), "digest_temp"},
    {HJCODE_I_DIGEST_MIN, AP(DIGEST_TIME), "digest_time_min"},
    {HJCODE_I_RANGE, AP(RANGE_HI), "range_high"},
    {HJCODE_I_SLOPE, AP(SLOPE), "slope"},
    {HJCODE_I_INTERCEPT, AP(INTERCEPT), "intercept"},
    {HJCODE_I_DL, AP(DETECTION_LIMIT), "detection_limit"},
    {HJCODE_I_CAL_TIME, ANALYZER_R_CAL_TIME, "calibration_time"},
};
#define NPARAMS (sizeof PARAMS / sizeof PARAMS[0])
_Static_assert(NPARAMS == DAU_NPARAMS, "DAU_NPARAMS is the length of PARAMS");
/* A TOC analyzer's COD = k·TOC + b: k uploaded too (profile code; HJ 212-2017 has none) */
static const param_def TOC_PARAM = {HJCODE_I_TOC_K, AP(TOC_FACTOR), "toc_factor"};
/* The parameter block the DAU reads: the first parameter to the calibration time. */
#define PBLOCK_FIRST AP(INTERVAL)
#define PBLOCK_LAST  ANALYZER_R_CAL_TIME

/* ---- the devices' register maps: the tables hw-models serves them from ---- */


static long long real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The first multiple of period (counted from local midnight) strictly after t. */
static int64_t next_aligned(int64_t t, int64_t step)
{
    return hjtime_local_next(t, step);
}

static int flag_rank(char f)
{
    switch (f) {
    case 'S':
        return 1;
    case 'T':
        return 2;
    case 'C':
        return 3;
    case 'M':
        return 4;
    case 'F':
        return 5;
    case 'B':
        return 6;
    case 'D':
        return 7;
    default:
        return 0;
    }
}

/* HJ 356: values flagged M C D F (and B: nothing measured) are not valid. */
static int flag_valid(char f)
{
    return f == 'N' || f == 'T' || f == 'S';
}

static void acc_reset(acc *a)
{
    memset(a, 0, sizeof *a);
    a->flag = 'N';
}

static void acc_add(acc *a, double v, char f)
{
    if (isnan(v)) return;
    if (a->n_all == 0 || v < a->min_all) a->min_all = v;
    if (a->n_all == 0 || v > a->max_all) a->max_all = v;
    a->sum_all += v;
    a->n_all++;
    if (flag_valid(f)) {
        if (a->n == 0 || v < a->min) a->min = v;
        if (a->n == 0 || v > a->max) a->max = v;
        a->sum += v;
        a->n++;
    }
    if (flag_rank(f) > flag_rank(a->flag)) a->flag = f;
}

static void period_reset(period *p, int64_t t_start, double tot, int tot_ok)
{
    memset(p, 0, sizeof *p);
    p->start = t_start;
    for (int c = 0; c < DAU_C_COUNT; c++)
        acc_reset(&p->a[c]);
    p->tot0 = tot;
    p->tot0_ok = tot_ok;
    p->vol_ok = 1;
}

void dau_hist_push(histring *r, int64_t t, const char *cp)
{
    if (r->cap == 0) return;
    char *copy = strdup(cp);
    if (!copy) return;
    if (r->len == r->cap) {
        free(r->h[r->first].cp);
        r->first = (r->first + 1) % r->cap;
        r->len--;
    }
    r->h[(r->first + r->len) % r->cap] = (hist){t, copy};
    r->len++;
}

static void hist_free(histring *r)
{
    for (size_t i = 0; i < r->len; i++)
        free(r->h[(r->first + i) % r->cap].cp);
    free(r->h);
    memset(r, 0, sizeof *r);
}

static int hist_init(histring *r, size_t cap)
{
    r->h = calloc(cap ? cap : 1, sizeof *r->h);
    r->cap = r->h ? cap : 0;
    return r->h ? 0 : -1;
}

/* ---- building records ---- */

void dau_cp_add(cpbuf *b, int new_item, const char *fmt, ...)
{
    if (b->over) return;
    if (b->n > 0) {
        if (b->n + 1 >= sizeof b->s) {
            b->over = 1;
            return;
        }
        b->s[b->n++] = new_item ? ';' : ',';
    }
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= sizeof b->s - b->n) {
        b->over = 1;
        return;
    }
    b->n += (size_t)w;
}

/* Room for one more field: the separator written (as dau_cp_add does), else over. */
static int cp_sep(cpbuf *b, int new_item)
{
    if (b->over) return 0;
    if (b->n > 0) {
        if (b->n + 1 >= sizeof b->s) {
            b->over = 1;
            return 0;
        }
        b->s[b->n++] = new_item ? ';' : ',';
    }
    return 1;
}

/* Appends "code-field=" and tail (tn bytes); over when it does not fit with a NUL. */
static void cp_put(cpbuf *b, const char *code, const char *field, const char *tail, size_t tn)
{
    size_t cl = strlen(code), fl = strlen(field);
    size_t w = cl + 1 + fl + 1 + tn;
    if (w >= sizeof b->s - b->n) {
        b->over = 1;
        return;
    }
    char *o = b->s + b->n;
    memcpy(o, code, cl);
    o[cl] = '-';
    memcpy(o + cl + 1, field, fl);
    o[cl + 1 + fl] = '=';
    memcpy(o + cl + 2 + fl, tail, tn);
    o[w] = '\0';
    b->n += w;
}

void dau_cp_num(cpbuf *b, int new_item, const char *code, const char *field, int decimals,
                double v)
{
    if (!cp_sep(b, new_item)) return;
    char num[HJNUM_MAX + 320]; /* printf's text of a large value fits too */
    int n = hjnum_fixed(num, sizeof num, v, decimals);
    if (n < 0) {
        b->over = 1;
        return;
    }
    cp_put(b, code, field, num, (size_t)n);
}

void dau_cp_flag(cpbuf *b, int new_item, const char *code, const char *field, char c)
{
    if (!cp_sep(b, new_item)) return;
    cp_put(b, code, field, &c, 1);
}

void dau_cp_datatime(cpbuf *b, int64_t t)
{
    char dt[32];
    hjtime_format_hj212(t, dt, sizeof dt);
    dau_cp_add(b, 1, "DataTime=%s", dt);
}

/* A QN unique per DAU: the virtual time plus 1 ms for every earlier record at that time. */
static void dau_qn(dau *d, int64_t t, char qn[18])
{
    if (t == d->last_qn_t) {
        d->qn_k++;
    } else {
        d->last_qn_t = t;
        d->qn_k = 0;
    }
    hjtime_format_qn(t + d->qn_k, qn, 18);
}

static int dau_flagbits(const dau *d, int a)
{
    unsigned v = d->ver == HJ212_V2025 ? HJ212_VERBITS_2025 : HJ212_VERBITS_2017;
    return (int)((v << 2) | (a ? HJ212_FLAG_A : 0u));
}

/* Makes a record: data segment with CP b, logged, queued on every dlink. */
void dau_record(dau *d, int64_t t, int cn, const cpbuf *b)
{
    if (b->over) {
        snprintf(d->errmsg, sizeof d->errmsg, "CN %d: CP too long, record dropped", cn);
        return;
    }
    char qn[18];
    dau_qn(d, t, qn);
    char *line = d->line;
    int hdr = snprintf(line, sizeof d->line, "%lld QN=%s;ST=%d;CN=%d;PW=%s;MN=%s;Flag=%d;CP=&&",
                       (long long)t, qn, d->cfg.st, cn, d->pw, d->mn, dau_flagbits(d, 1));
    if (hdr < 0 || (size_t)hdr + b->n + 3 > sizeof d->line) return;
    memcpy(line + hdr, b->s, b->n);
    memcpy(line + hdr + b->n, "&&", 3);
    size_t n = (size_t)hdr + b->n + 2;
    d->seq++;
    d->st.records++;
    if (d->cfg.on_record) {
        const char *seg = strchr(line, ' ') + 1;
        size_t sn = n - (size_t)(seg - line);
        int fl = snprintf(d->frame, sizeof d->frame, "##%04zu%.*s%04X\r\n", sn, (int)sn, seg,
                          (unsigned)hj212_crc(seg, sn));
        if (fl > 0) d->cfg.on_record(d->cfg.record_ctx, t, cn, d->frame, (size_t)fl);
    }
    for (int i = 0; i < d->nlinks; i++) {
        size_t before = dau_queue_len(d->links[i].q);
        uint64_t dropped0 = dau_queue_dropped(d->links[i].q);
        if (dau_queue_push(d->links[i].q, line, n) != 0 && dau_queue_len(d->links[i].q) == before)
            continue;
        uint64_t dr = dau_queue_dropped(d->links[i].q) - dropped0;
        /* the record in flight was dropped: forget it */
        if (dr && d->links[i].inflight) d->links[i].inflight = 0;
        if (dau_queue_len(d->links[i].q) > d->st.max_queued)
            d->st.max_queued = dau_queue_len(d->links[i].q);
    }
}

/* ---- Modbus ---- */

/* The Modbus/TCP connection: the DAU connects it itself (non-blocking connect, poll(2) for
 * up to the response timeout), as it frames its reads itself (mbpipe), and hands the socket
 * to its libmodbus context, which closes it. libmodbus's own connect waits with select(2),
 * which limits a socket to FD_SETSIZE (1024): a city of 768 stations holds more sockets
 * than that. No select anywhere on the DAU's side, so a socket's number does not matter. */
static int mb_connect(dau *d)
{
    if (d->mb_ok) return 0;
    if (!d->mb) {
        d->mb = modbus_new_tcp(d->host, d->cfg.modbus_port);
        if (!d->mb) return -1;
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)d->cfg.modbus_port);
    if (inet_pton(AF_INET, d->host, &sa.sin_addr) != 1) return -1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    int rc = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    if (rc != 0 && errno == EINPROGRESS) {
        struct pollfd p = {fd, POLLOUT, 0};
        int err = 0;
        socklen_t el = sizeof err;
        int ms = d->cfg.modbus_timeout_ms > 0 ? d->cfg.modbus_timeout_ms : 1;
        if (poll(&p, 1, ms) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
            err == 0)
            rc = 0;
    }
    if (rc != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    modbus_set_socket(d->mb, fd);
    d->mb_ok = 1;
    return 0;
}

/* Modbus exceptions after which the connection is kept (as libmodbus keeps it). */
static int exception_keeps(int code)
{
    return code == MODBUS_EXCEPTION_ILLEGAL_FUNCTION ||
           code == MODBUS_EXCEPTION_ILLEGAL_DATA_ADDRESS ||
           code == MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE ||
           code == MODBUS_EXCEPTION_SLAVE_OR_SERVER_FAILURE ||
           code == MODBUS_EXCEPTION_GATEWAY_PATH || code == MODBUS_EXCEPTION_GATEWAY_TARGET;
}

/* Sends the n reads at once on the Modbus connection (connecting first) and takes the
 * replies; each failed read counts as a Modbus error. The connection is dropped after a
 * timeout, a reset or a stray reply, not after an exception that keeps it. */
static void mb_exchange(dau *d, mbpipe_read *q, int n)
{
    if (n <= 0) return;
    int drop = 0;
    mbpipe_serve sv = {d->cfg.serve_fd, d->cfg.serve, d->cfg.serve_ctx};
    if (mb_connect(d) == 0) {
        d->st.modbus_exchanges++;
        drop = mbpipe_read_all(modbus_get_socket(d->mb), q, n, d->cfg.modbus_timeout_ms,
                               &d->mb_tid, d->cfg.serve ? &sv : NULL) != 0;
    } else {
        for (int i = 0; i < n; i++)
            q[i].rc = -1;
    }
    for (int i = 0; i < n; i++) {
        if (q[i].rc == 0) continue;
        d->st.modbus_errors++;
        if (q[i].rc > 0 && !exception_keeps(q[i].rc)) drop = 1;
    }
    if (drop && d->mb_ok) {
        modbus_close(d->mb);
        d->mb_ok = 0;
    }
}

static void devmaps_init(devmap *dm)
{
    analyzer_config ac;
    probe_config pc;
    flowmeter_config fc;
    door_config dc;
    camera_config cc;
    meter_config mc;
    analyzer_config_default(&ac, ANALYZER_COD);
    probe_config_default(&pc);
    flowmeter_config_default(&fc);
    door_config_default(&dc);
    camera_config_default(&cc);
    meter_config_default(&mc);
    dm[DEV_ANALYZER] = (devmap){&analyzer_regmap, ac.layout};
    dm[DEV_PROBE] = (devmap){&probe_regmap, pc.layout};
    dm[DEV_FLOWMETER] = (devmap){&flowmeter_regmap, fc.layout};
    dm[DEV_DOOR] = (devmap){&door_regmap, dc.layout};
    dm[DEV_CAMERA] = (devmap){&camera_regmap, cc.layout};
    dm[DEV_METER] = (devmap){&meter_regmap, mc.layout};
    gasan_config gc;
    pmmon_config pm;
    flue_config fl;
    sampling_config sp;
    gcfid_config gf;
    damper_config dp;
    gasan_config_default(&gc, GASAN_SO2);
    pmmon_config_default(&pm);
    flue_config_default(&fl);
    sampling_config_default(&sp);
    gcfid_config_default(&gf);
    damper_config_default(&dp);
    dm[DEV_GASAN] = (devmap){&gasan_regmap, gc.layout};
    dm[DEV_PMMON] = (devmap){&pmmon_regmap, pm.layout};
    dm[DEV_FLUE] = (devmap){&flue_regmap, fl.layout};
    dm[DEV_SAMPLING] = (devmap){&sampling_regmap, sp.layout};
    dm[DEV_GCFID] = (devmap){&gcfid_regmap, gf.layout};
    dm[DEV_DAMPER] = (devmap){&damper_regmap, dp.layout};
}

/* Reads the registers of fields first .. last of device kind dev on unit, alone (a read
 * that depends on what the poll found: an analyzer's parameters after its change counter
 * moved, the door's new events): 0 or -1 (failed, or the fields make no read). */
int dau_mb_fields(dau *d, int unit, int dev, int first, int last, regs *r)
{
    const devmap *m = &d->dev[dev];
    if (hwreg_span(m->map, &m->lay, first, last, &r->addr, &r->n) != 0) return -1;
    mbpipe_read q = {(uint8_t)unit, r->addr, r->n, -1, r->w};
    mb_exchange(d, &q, 1);
    return q.rc == 0 ? 0 : -1;
}

/* A field's value out of registers read with mb_fields (hwreg_decode). */
double dau_field(const dau *d, int dev, const regs *r, int id)
{
    const devmap *m = &d->dev[dev];
    return hwreg_decode(m->map, &m->lay, id, r->addr, r->n, r->w);
}

/* A date field: UTC ms, -1 for none (never, or not a date). */
int64_t dau_field_time(const dau *d, int dev, const regs *r, int id)
{
    double s = dau_field(d, dev, r, id);
    return isnan(s) ? -1 : (int64_t)s * 1000;
}

/* ---- knobs applied to a polled value ---- */

double dau_filter_value(dau *d, const char *code, double v)
{
    for (int i = 0; i < DAU_MAX_FILTERS; i++)
        if (d->filters[i].fn && strcmp(d->filters[i].code, code) == 0)
            return d->filters[i].fn(d->filters[i].ctx, code, v);
    return v;
}

static double dau_filtered(dau *d, int c, double v)
{
    for (int i = 0; i < DAU_MAX_FILTERS; i++)
        if (d->filters[i].fn && strcmp(d->filters[i].code, chan_code(c)->code) == 0)
            return d->filters[i].fn(d->filters[i].ctx, chan_code(c)->code, v);
    return v;
}

static void set_value(dau *d, int c, double v, char f, int fresh)
{
    if (!isnan(v)) v = dau_filtered(d, c, v);
    if (d->forced[c]) f = d->forced[c];
    d->val[c] = v;
    d->flag[c] = f;
    d->fresh[c] = fresh;
}

static void upload_3020_analyzer(dau *d, int64_t t, int slot, int all, const char *log);

/* An analyzer's data and status blocks as polled (NULL: that read failed). */
static void poll_analyzer(dau *d, int64_t t, int slot, const regs *dr, const regs *sr)
{
    int c = SLOT_CODE[slot];
    if (!dr || !sr) {
        set_value(d, c, d->val[c], 'B', 0);
        return;
    }
#define DATA(id)   dau_field(d, DEV_ANALYZER, dr, ANALYZER_R_##id)
#define STATUS(id) (uint16_t)dau_field(d, DEV_ANALYZER, sr, ANALYZER_R_##id)
    double v = DATA(VALUE);
    char f = (char)((unsigned)DATA(FLAG) & 0xFF);
    if (f != 'N' && f != 'T' && f != 'D') f = 'N';
    uint16_t cnt = (uint16_t)DATA(COUNT), i12 = STATUS(HJSTATE), mode = STATUS(MODE),
             alarm = STATUS(ALARM), pcount = STATUS(CHG_COUNT);
    if (mode == 2 || i12 == 1)
        f = 'M';
    else if (i12 == 2)
        f = 'D';
    else if (i12 == 3)
        f = 'C';
    else if (mode == 1 || i12 == 9)
        f = 'F';
    int fresh = d->have_counter[slot] && cnt != d->counter[slot];
    d->sample_time[c] = dau_field_time(d, DEV_ANALYZER, dr, ANALYZER_R_VALUE_TIME);
    if (slot == 0) d->toc = DATA(TOC);
#undef DATA
#undef STATUS
    set_value(d, c, v, f, fresh);
    /* state, alarms, parameters: 3020 at start and on every change */
    int first = !d->have_counter[slot];
    int changed_state = !first && (i12 != d->i12001[slot] || alarm != d->alarm[slot]);
    int changed_params = !first && pcount != d->pcount[slot];
    d->have_counter[slot] = 1;
    d->counter[slot] = cnt;
    d->i12001[slot] = i12;
    d->alarm[slot] = alarm;
    d->pcount[slot] = pcount;
    if (first || changed_params) {
        regs pr;
        float old[NPARAMS + 1];
        memcpy(old, d->params[slot], sizeof old);
        int had = d->params_ok[slot];
        if (dau_mb_fields(d, slot + 1, DEV_ANALYZER, PBLOCK_FIRST, PBLOCK_LAST, &pr) == 0) {
            for (size_t k = 0; k <= NPARAMS; k++) {
                const param_def *pd = k < NPARAMS ? &PARAMS[k] : &TOC_PARAM;
                if (pd->field != ANALYZER_R_CAL_TIME)
                    d->params[slot][k] = (float)dau_field(d, DEV_ANALYZER, &pr, pd->field);
            }
            d->cal_time[slot] = dau_field_time(d, DEV_ANALYZER, &pr, ANALYZER_R_CAL_TIME);
            d->params_ok[slot] = 1;
        }
        char log[200] = "";
        if (had && d->params_ok[slot]) {
            size_t ln = 0;
            for (size_t k = 0; k <= NPARAMS; k++) {
                const param_def *pd = k < NPARAMS ? &PARAMS[k] : &TOC_PARAM;
                if (k == NPARAMS && !(slot == 0 && d->cfg.toc)) break;
                if (pd->field == ANALYZER_R_CAL_TIME || old[k] == d->params[slot][k]) continue;
                int w = snprintf(log + ln, sizeof log - ln, "%s%s %.4g->%.4g", ln ? " " : "",
                                 pd->name, (double)old[k], (double)d->params[slot][k]);
                if (w > 0 && (size_t)w < sizeof log - ln) ln += (size_t)w;
            }
        }
        upload_3020_analyzer(d, t, slot, 1, log[0] ? log : NULL);
    } else if (changed_state) {
        upload_3020_analyzer(d, t, slot, 0, NULL);
    }
}

static void upload_3020_analyzer(dau *d, int64_t t, int slot, int all, const char *log)
{
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    dau_cp_add(&b, 1, "PolId=%s", chan_code(SLOT_CODE[slot])->code);
    if (log) dau_cp_add(&b, 1, "%s-Info=//%s//", code_str(HJCODE_I_LOG), log);
    dau_cp_add(&b, 1, "%s-Info=%u", code_str(HJCODE_I_STATE), (unsigned)d->i12001[slot]);
    /* i12003 is N1, 0 normal / 1 alarm: whether any bit of the alarm register is set */
    dau_cp_add(&b, 1, "%s-Info=%d", code_str(HJCODE_I_ALARM), d->alarm[slot] ? 1 : 0);
    if (all && d->params_ok[slot]) {
        for (size_t k = 0; k < NPARAMS; k++) {
            if (PARAMS[k].field == ANALYZER_R_CAL_TIME) {
                /* a date field holds a date (14 digits): never calibrated, or no readable
                 * time in the analyzer, means no field */
                char ts[32];
                if (d->cal_time[slot] >= 0 &&
                    hjtime_format_hj212(d->cal_time[slot], ts, sizeof ts) == 14)
                    dau_cp_add(&b, 1, "%s-Info=%s", code_str(PARAMS[k].code), ts);
            } else {
                const hjcode *pc = hjcode_at((size_t)PARAMS[k].code);
                dau_cp_add(&b, 1, "%s-Info=%.*f", pc->code, pc->decimals,
                       (double)d->params[slot][k]);
            }
        }
        if (slot == 0 && d->cfg.toc)
            dau_cp_add(&b, 1, "%s-Info=%.*f", code_str(TOC_PARAM.code),
                   hjcode_at((size_t)TOC_PARAM.code)->decimals,
                   (double)d->params[slot][NPARAMS]);
    }
    d->st.uploads_3020++;
    dau_record(d, t, 3020, &b);
}

/* The door's status as polled (NULL: the read failed); new events are read after it. */
static void poll_door(dau *d, int64_t t, const regs *r)
{
    if (!r) {
        d->door_ok = 0;
        return;
    }
    d->door_ok = 1;
    d->door_open = (int)dau_field(d, DEV_DOOR, r, DOOR_R_STATE);
    uint16_t seq = (uint16_t)dau_field(d, DEV_DOOR, r, DOOR_R_COUNT);
    if (!d->started) {
        d->door_seq = seq;
        return;
    }
    if (seq == d->door_seq) return;
    regs ev;
    if (dau_mb_fields(d, 8, DEV_DOOR, DOOR_R_EVENT(0, DOOR_R_EV_SEQ),
                  DOOR_R_EVENT(DOOR_R_EVENTS - 1, DOOR_R_EV_HAS_CARD), &ev) != 0)
        return;
    /* events newest first: upload the new ones oldest first, one 3020 each */
    for (int i = DOOR_R_EVENTS - 1; i >= 0; i--) {
#define EV(k) dau_field(d, DEV_DOOR, &ev, DOOR_R_EVENT(i, DOOR_R_EV_##k))
        uint16_t es = (uint16_t)EV(SEQ), type = (uint16_t)EV(TYPE);
        if (es == 0 || (uint16_t)(es - d->door_seq) == 0 || (uint16_t)(es - d->door_seq) > 0x8000)
            continue;
        static const char *const what[] = {"?", "card", "forced", "closed", "held_open"};
        int64_t et = dau_field_time(d, DEV_DOOR, &ev, DOOR_R_EVENT(i, DOOR_R_EV_TIME));
        unsigned card = (unsigned)EV(CARD);
        int has_card = EV(HAS_CARD) != 0;
#undef EV
        cpbuf b = {{0}, 0, 0, 0};
        dau_cp_datatime(&b, et >= 0 ? et : t);
        dau_cp_add(&b, 1, "PolId=%s", code_str(HJCODE_DOOR));
        if (has_card)
            dau_cp_add(&b, 1, "%s-Info=//%s card %u//", code_str(HJCODE_I_DOOR_LOG),
                   what[type <= 4 ? type : 0], card);
        else
            dau_cp_add(&b, 1, "%s-Info=//%s//", code_str(HJCODE_I_DOOR_LOG), what[type <= 4 ? type : 0]);
        dau_cp_add(&b, 1, "%s-Info=%d", code_str(HJCODE_I_DOOR_STATE), type == DOOR_EV_CLOSE ? 0 : 1);
        d->st.uploads_3020++;
        dau_record(d, t, 3020, &b);
    }
    d->door_seq = seq;
}

/* ---- one poll: every device block read in one pipelined exchange ---- */

/* Plans a read of fields first .. last of device kind dev on unit (see dau-private.h); as
 * mb_fields, fields that make no read are a failed read that is neither sent nor counted. */
int dau_plan_add(dau *d, pollplan *p, int unit, int dev, int first, int last)
{
    const devmap *m = &d->dev[dev];
    if (p->n >= MBPIPE_MAX) return -1;
    regs *r = &p->r[p->n];
    if (hwreg_span(m->map, &m->lay, first, last, &r->addr, &r->n) != 0) return -1;
    p->q[p->n] = (mbpipe_read){(uint8_t)unit, r->addr, r->n, -1, r->w};
    return p->n++;
}

const regs *dau_plan_got(const pollplan *p, int i)
{
    return i >= 0 && p->q[i].rc == 0 ? &p->r[i] : NULL;
}

/* What every kind of station has: the door, the cameras, the facility meters. */
static void plan_room(dau *d, pollplan *p)
{
    p->door = d->cfg.door ? dau_plan_add(d, p, 8, DEV_DOOR, DOOR_R_STATE, DOOR_R_COUNT) : -1;
    for (int k = 0; k < 2; k++)
        p->cam[k] = d->cfg.camera[k]
                        ? dau_plan_add(d, p, 9 + k, DEV_CAMERA, CAMERA_R_POWER, CAMERA_R_SCORE)
                        : -1;
    int unit0 = d->cfg.meter_unit0 ? d->cfg.meter_unit0 : 11;
    for (int m = 0; m < d->cfg.n_meters && m < DAU_MAX_METERS; m++)
        p->meter[m] = dau_plan_add(d, p, unit0 + m, DEV_METER, METER_R_CURRENT, METER_R_RS);
}

/* The door, cameras and meters out of a poll's replies. */
static void take_room(dau *d, int64_t t, const pollplan *p)
{
    const regs *r;
    if (d->cfg.door) poll_door(d, t, dau_plan_got(p, p->door));
    for (int k = 0; k < 2; k++) {
        d->cam_ok[k] = 0;
        if (!d->cfg.camera[k] || !(r = dau_plan_got(p, p->cam[k]))) continue;
        d->cam_ok[k] = 1;
        d->cam[k][CAM(HJCODE_CAM_LOSS)] = dau_field(d, DEV_CAMERA, r, CAMERA_R_LOSS);
        d->cam[k][CAM(HJCODE_CAM_COVER)] = dau_field(d, DEV_CAMERA, r, CAMERA_R_OCCL);
        d->cam[k][CAM(HJCODE_CAM_DEV)] = dau_field(d, DEV_CAMERA, r, CAMERA_R_DEV);
        d->cam[k][CAM(HJCODE_CAM_PERSONS)] = dau_field(d, DEV_CAMERA, r, CAMERA_R_PEOPLE);
        d->cam[k][CAM(HJCODE_CAM_SCORE)] = dau_field(d, DEV_CAMERA, r, CAMERA_R_SCORE);
    }
    for (int m = 0; m < d->cfg.n_meters && m < DAU_MAX_METERS; m++) {
        d->meter_ok[m] = 0;
        if (!(r = dau_plan_got(p, p->meter[m]))) continue;
        d->meter_ok[m] = 1;
        d->aux_current[m] = dau_field(d, DEV_METER, r, METER_R_CURRENT);
        d->meter_rs[m] = (int)dau_field(d, DEV_METER, r, METER_R_RS);
    }
}

/* What a real DAU asks its devices every poll: one read per device block. */
static void plan_poll(dau *d, pollplan *p)
{
    p->n = 0;
    p->flow = dau_plan_add(d, p, 6, DEV_FLOWMETER, FLOWMETER_R_M3H, FLOWMETER_R_FAULT);
    p->probe = d->cfg.ph ? dau_plan_add(d, p, 5, DEV_PROBE, PROBE_R_PH, PROBE_R_FAULT) : -1;
    for (int s = 0; s < 4; s++) {
        p->an[s][0] = p->an[s][1] = -1;
        if (!d->cfg.analyzer[s]) continue;
        p->an[s][0] = dau_plan_add(d, p, s + 1, DEV_ANALYZER, ANALYZER_R_VALUE, ANALYZER_R_COUNT);
        p->an[s][1] = dau_plan_add(d, p, s + 1, DEV_ANALYZER, ANALYZER_R_STATE, ANALYZER_R_CYC_MANUAL);
    }
    plan_room(d, p);
}

static void poll_all(dau *d, int64_t t)
{
    d->st.polls++;
    pollplan p;
    if (d->gas) { /* the CEMS and the room in one exchange, as water's */
        p.n = 0;
        dau_gas_plan(d, &p);
        plan_room(d, &p);
        mb_exchange(d, p.q, p.n);
        dau_gas_take(d, t, &p);
        take_room(d, t, &p);
        return;
    }
    plan_poll(d, &p);
    mb_exchange(d, p.q, p.n);
    const regs *r = dau_plan_got(&p, p.flow);
    if (r) {
        unsigned st = (unsigned)dau_field(d, DEV_FLOWMETER, r, FLOWMETER_R_STATUS);
        char f = st == 2 ? 'D' : st == 3 ? 'T' : 'N';
        set_value(d, DAU_C_FLOW, dau_field(d, DEV_FLOWMETER, r, FLOWMETER_R_LS), f, 1);
        d->total_m3 = dau_field(d, DEV_FLOWMETER, r, FLOWMETER_R_TOTAL);
        d->total_ok = 1;
    } else {
        set_value(d, DAU_C_FLOW, d->val[DAU_C_FLOW], 'B', 0);
        d->total_ok = 0;
    }
    if (d->cfg.ph) {
        if ((r = dau_plan_got(&p, p.probe)) != NULL) {
            char f = dau_field(d, DEV_PROBE, r, PROBE_R_STATUS) == 2 ? 'D' : 'N';
            set_value(d, DAU_C_PH, dau_field(d, DEV_PROBE, r, PROBE_R_PH), f, 1);
            set_value(d, DAU_C_TEMP, dau_field(d, DEV_PROBE, r, PROBE_R_TEMP), f, 1);
            set_value(d, DAU_C_COND, dau_field(d, DEV_PROBE, r, PROBE_R_COND), f, 1);
        } else {
            for (int c = DAU_C_PH; c <= DAU_C_COND; c++)
                set_value(d, c, d->val[c], 'B', 0);
        }
    }
    for (int s = 0; s < 4; s++)
        if (d->cfg.analyzer[s])
            poll_analyzer(d, t, s, dau_plan_got(&p, p.an[s][0]), dau_plan_got(&p, p.an[s][1]));
    take_room(d, t, &p);
    if (d->cfg.on_poll) d->cfg.on_poll(d->cfg.poll_ctx, t, d->val, d->flag, d->fresh);
}

/* ---- periodic records ---- */

static void add_avg_fields(cpbuf *b, int c, const acc *a, double cou, int has_cou)
{
    const hjcode *cd = chan_code(c);
    int valid = a->n > 0;
    double avg = valid ? a->sum / (double)a->n : a->sum_all / (double)a->n_all;
    double mn = valid ? a->min : a->min_all, mx = valid ? a->max : a->max_all;
    dau_cp_num(b, 1, cd->code, "Avg", cd->decimals, avg);
    dau_cp_num(b, 0, cd->code, "Min", cd->decimals, mn);
    dau_cp_num(b, 0, cd->code, "Max", cd->decimals, mx);
    if (has_cou) dau_cp_num(b, 0, cd->code, "Cou", cd->cou_decimals, cou);
    dau_cp_flag(b, 0, cd->code, "Flag", valid ? a->flag : (a->flag == 'N' ? 'D' : a->flag));
}

/* Volume of a period in m3: the totalizer difference, else mean flow x duration. */
static double period_volume(const dau *d, const period *p, int64_t end)
{
    if (p->tot0_ok && d->total_ok && d->total_m3 >= p->tot0) return d->total_m3 - p->tot0;
    const acc *a = &p->a[DAU_C_FLOW];
    double avg = a->n ? a->sum / (double)a->n : 0;
    return avg * (double)(end - p->start) / 1e6; /* L/s x ms -> m3 */
}

/* Closes a 10-minute or hourly period: 2051/2061. Feeds the day with the hour's sums. */
static void close_period(dau *d, period *p, int64_t end, int cn)
{
    double vol = period_volume(d, p, end);
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, p->start);
    int any = 0;
    for (int c = 0; c < DAU_C_COUNT; c++) {
        const acc *a = &p->a[c];
        if (a->n_all == 0) continue;
        any = 1;
        double cou = 0;
        int kind = chan_code(c)->cou, has_cou = kind != HJCODE_COU_NONE;
        if (kind == HJCODE_COU_M3)
            cou = vol;
        else if (kind == HJCODE_COU_KG)
            cou = a->n ? a->sum / (double)a->n * vol / 1000.0 : 0;
        add_avg_fields(&b, c, a, cou, has_cou);
        if (cn == 2061) {
            period *day = &d->pday;
            if (kind == HJCODE_COU_KG && a->n) {
                double avg = a->sum / (double)a->n;
                day->wsum[c] += avg * vol;
                day->wvol[c] += vol;
                day->cou[c] += cou;
            }
        }
    }
    if (cn == 2061) {
        d->pday.vol += vol;
        if (!(p->tot0_ok && d->total_ok)) d->pday.vol_ok = 0;
    }
    if (!any) return;
    dau_record(d, end, cn, &b);
    histring *h = cn == 2061 ? &d->hhour : &d->hmin;
    char *cp = b.s;
    dau_hist_push(h, p->start, cp);
}

static void close_day(dau *d, int64_t end)
{
    period *p = &d->pday;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, p->start);
    int any = 0;
    for (int c = 0; c < DAU_C_COUNT; c++) {
        acc a = p->a[c];
        if (a.n_all == 0) continue;
        any = 1;
        double cou = 0;
        int kind = chan_code(c)->cou;
        if (kind == HJCODE_COU_M3) cou = p->vol;
        if (kind == HJCODE_COU_KG) {
            cou = p->cou[c];
            if (p->wvol[c] > 0) {
                /* flow-weighted daily mean; Min/Max stay those of the valid values */
                a.sum = p->wsum[c] / p->wvol[c];
                a.n = a.n ? 1 : 0;
            }
        }
        add_avg_fields(&b, c, &a, cou, kind != HJCODE_COU_NONE);
    }
    if (!any) return;
    dau_record(d, end, 2031, &b);
    dau_hist_push(&d->hday, p->start, b.s);
}

void dau_rtd_tail(dau *d, cpbuf *b)
{
    char code[DAU_CODE_MAX];
    for (int m = 0; m < d->cfg.n_meters && m < DAU_MAX_METERS; m++) {
        if (!d->meter_ok[m]) continue;
        const hjcode *cur = hjcode_at(HJCODE_CURRENT);
        hjcode_format(cur, m + 1, code, sizeof code);
        dau_cp_num(b, 1, code, "Rtd", cur->decimals, d->aux_current[m]);
    }
    for (int k = 0; k < 2; k++) {
        if (!d->cam_ok[k]) continue;
        for (int a = HJCODE_CAM_DEV; a <= HJCODE_CAM_SCORE; a++) {
            const hjcode *cc = hjcode_at((size_t)a);
            hjcode_format(cc, k + 1, code, sizeof code);
            dau_cp_num(b, 1, code, "Rtd", cc->decimals, d->cam[k][CAM(a)]);
        }
    }
    if (d->door_ok) dau_cp_add(b, 1, "%s-Rtd=%d", code_str(HJCODE_DOOR), d->door_open);
}

static void send_rtd(dau *d, int64_t t)
{
    if (d->gas) {
        dau_gas_rtd(d, t);
        return;
    }
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    for (int c = 0; c < DAU_C_COUNT; c++) {
        const hjcode *cd = chan_code(c);
        int batch = CHANS[c].analyzer >= 0;
        if (isnan(d->val[c])) continue;
        if (batch && d->sample_time[c] < 0 && d->flag[c] != 'B') continue; /* none yet */
        dau_cp_num(&b, 1, cd->code, "Rtd", cd->decimals, d->val[c]);
        dau_cp_flag(&b, 0, cd->code, "Flag", d->flag[c]);
        if (batch && d->sample_time[c] > 0) {
            char ts[32];
            hjtime_format_hj212(d->sample_time[c], ts, sizeof ts);
            dau_cp_add(&b, 0, "%s-SampleTime=%s", cd->code, ts);
        }
        if (c == DAU_C_COD && d->cfg.toc && d->flag[c] != 'B') {
            const hjcode *toc = hjcode_at(HJCODE_TOC);
            dau_cp_num(&b, 1, toc->code, "Rtd", toc->decimals, d->toc);
            dau_cp_flag(&b, 0, toc->code, "Flag", d->flag[c]);
        }
    }
    dau_rtd_tail(d, &b);
    dau_record(d, t, 2011, &b);
}

void dau_send_states(dau *d, int64_t t, int force)
{
    int changed = force;
    for (int m = 0; m < d->cfg.n_meters && m < DAU_MAX_METERS; m++)
        if (d->meter_ok[m] && d->meter_rs[m] != d->last_rs[m]) changed = 1;
    if (!changed || d->cfg.n_meters == 0) return;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    int any = 0;
    for (int m = 0; m < d->cfg.n_meters && m < DAU_MAX_METERS; m++) {
        if (!d->meter_ok[m]) continue;
        dau_cp_add(&b, 1, "SB%d-RS=%d", m + 1, d->meter_rs[m]);
        d->last_rs[m] = d->meter_rs[m];
        any = 1;
    }
    if (any) dau_record(d, t, 2021, &b);
}

/* ---- links ---- */

static void link_close(dau *d, dlink *l)
{
    if (l->fd >= 0) {
        close(l->fd);
        d->st.disconnects++;
    }
    l->fd = -1;
    if (l->inflight) l->tries = 1; /* the next send of it is a resend */
    l->inflight = 0;
    hj212_stream_reset(l->rx);
}

static int link_connect(dau *d, dlink *l)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)l->port);
    if (inet_pton(AF_INET, l->host, &sa.sin_addr) != 1) return -1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    int rc = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    if (rc != 0 && errno == EINPROGRESS) {
        struct pollfd p = {fd, POLLOUT, 0};
        int err = 0;
        socklen_t el = sizeof err;
        if (poll(&p, 1, 2000) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
            err == 0)
            rc = 0;
    }
    if (rc != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    l->fd = fd;
    d->st.connects++;
    return 0;
}

static int link_write(dau *d, dlink *l, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(l->fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            link_close(d, l);
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Encodes a queue line ("T SEGMENT") for sending; RF=1 (2025) when it is a resend or was
 * made earlier than now (backfill). Returns the frame length or -1. */
static int encode_line(dau *d, const char *line, size_t n, int rf, char qn[18])
{
    const char *sp = memchr(line, ' ', n);
    if (!sp) return -1;
    const char *seg = sp + 1;
    size_t sn = n - (size_t)(seg - line);
    const char *det = NULL;
    if (hj212_parse_segment(d->in, seg, sn, &d->opts_plain, &det) != HJ212_OK) return -1;
    snprintf(qn, 18, "%.*s", (int)d->in->qn.n, d->in->qn.p);
    if (d->ver == HJ212_V2025 && rf && d->in->nhx < HJ212_MAX_HEXTRA) {
        static const char rfk[] = "RF", rfv[] = "1";
        d->in->hx[d->in->nhx].key = (hj212_str){rfk, 2};
        d->in->hx[d->in->nhx].value = (hj212_str){rfv, 1};
        d->in->nhx++;
    }
    d->in->encrypted = d->cipher != NULL;
    hj212_err e = HJ212_OK;
    return hj212_encode(d->in, d->frame, sizeof d->frame, &d->opts, &e);
}

static void link_send_head(dau *d, dlink *l, int64_t t)
{
    if (l->fd < 0 || l->inflight || t < l->hold_until) return;
    size_t n = 0;
    const char *line = dau_queue_head(l->q, &n);
    if (!line) return;
    int64_t made = strtoll(line, NULL, 10);
    char qn[18];
    int fl = encode_line(d, line, n, l->tries > 0 || made < t, qn);
    if (fl < 0) { /* cannot happen with our own records: drop it rather than loop */
        dau_queue_pop(l->q);
        snprintf(d->errmsg, sizeof d->errmsg, "queue record unreadable, dropped");
        return;
    }
    if (link_write(d, l, d->frame, (size_t)fl) != 0) return;
    memcpy(l->qn, qn, 18);
    l->inflight = 1;
    l->sent_t = t;
    l->sent_real = real_ms();
    l->last_tx = t;
    if (l->tries > 0) d->st.resends++;
    d->st.sent++;
}

static void send_reply(dau *d, dlink *l, const hj212_packet *req, int cn, int code)
{
    char out[512];
    int n = hj212_reply(req, cn, code, out, sizeof out, &d->opts);
    if (n > 0) link_write(d, l, out, (size_t)n);
}

/* A data answer to a command: the request's QN, A=0, not queued. */
static void send_answer(dau *d, dlink *l, const hj212_packet *req, int cn, const char *cp)
{
    char qn[18];
    snprintf(qn, sizeof qn, "%.*s", (int)req->qn.n, req->qn.p);
    char *seg = d->line;
    int n = snprintf(seg, sizeof d->line, "QN=%s;ST=%d;CN=%d;PW=%s;MN=%s;Flag=%d;CP=&&%s&&", qn,
                     d->cfg.st, cn, d->pw, d->mn, dau_flagbits(d, 0), cp);
    if (n < 0 || (size_t)n >= sizeof d->line) return;
    const char *det = NULL;
    if (hj212_parse_segment(d->in, seg, (size_t)n, &d->opts_plain, &det) != HJ212_OK) return;
    d->in->encrypted = d->cipher != NULL;
    hj212_err e = HJ212_OK;
    int fl = hj212_encode(d->in, d->frame, sizeof d->frame, &d->opts, &e);
    if (fl > 0) link_write(d, l, d->frame, (size_t)fl);
}

/* A date field of a command (SystemTime, BeginTime, EndTime): YYYYMMDDhhmmss, China time. */
static int cp_time(const hj212_packet *p, const char *key, int64_t *out)
{
    const hj212_field *f = hj212_find(p, key);
    return f ? hjtime_parse_hj212(f->value.p, f->value.n, out) : -1;
}

static int cp_int(const hj212_packet *p, const char *key, long *out)
{
    const hj212_field *f = hj212_find(p, key);
    if (!f || f->value.n == 0 || f->value.n > 15) return -1;
    char s[16];
    memcpy(s, f->value.p, f->value.n);
    s[f->value.n] = 0;
    char *e = NULL;
    *out = strtol(s, &e, 10);
    return *e ? -1 : 0;
}

/* Commands from the platform: 9011, the data, 9012 (docs/hj212-profile.md). */
static void handle_command(dau *d, dlink *l, const hj212_packet *p, int64_t t)
{
    d->st.commands++;
    char cp[SEG_MAX];
    int exe = 1;
    int cn = p->cn_num;
    static const int known[] = {1000, 1011, 1012, 1061, 1062, 1063, 1064,
                                2011, 2012, 2031, 2051, 2061, 3020};
    int ok = 0;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        ok |= known[i] == cn;
    if (strncmp(p->pw.p, d->pw, p->pw.n) != 0 || strlen(d->pw) != p->pw.n) {
        send_reply(d, l, p, 9011, 3);
        return;
    }
    if (!ok) {
        send_reply(d, l, p, 9011, 8);
        return;
    }
    send_reply(d, l, p, 9011, 1);
    char ts[32];
    long v = 0;
    int64_t b = 0, e = 0;
    switch (cn) {
    case 1000:
        if (cp_int(p, "OverTime", &v) == 0 && v > 0 && v < 3600)
            d->cfg.over_time_s = (int)v;
        else
            exe = 3;
        if (cp_int(p, "ReCount", &v) == 0 && v >= 0 && v < 100) d->cfg.recount = (int)v;
        break;
    case 1011:
        hjtime_format_hj212(t, ts, sizeof ts);
        snprintf(cp, sizeof cp, "SystemTime=%s", ts);
        send_answer(d, l, p, 1011, cp);
        break;
    case 1012:
        exe = cp_time(p, "SystemTime", &b) == 0 ? 1 : 3; /* the range's clock is the truth */
        break;
    case 1061:
        snprintf(cp, sizeof cp, "RtdInterval=%lld", (long long)(d->cfg.rtd_ms / 1000));
        send_answer(d, l, p, 1061, cp);
        break;
    case 1062:
        if (cp_int(p, "RtdInterval", &v) == 0 && v >= 30 && v <= 3600) {
            d->cfg.rtd_ms = v * 1000;
            d->next_rtd = next_aligned(t, d->cfg.rtd_ms);
        } else {
            exe = 3;
        }
        break;
    case 1063:
        snprintf(cp, sizeof cp, "MinInterval=%lld", (long long)(d->cfg.min_ms / 60000));
        send_answer(d, l, p, 1063, cp);
        break;
    case 1064:
        if (cp_int(p, "MinInterval", &v) == 0 && v >= 1 && v <= 60 && 60 % v == 0) {
            d->cfg.min_ms = v * 60000;
            d->next_min = next_aligned(t, d->cfg.min_ms);
        } else {
            exe = 3;
        }
        break;
    case 2011:
        d->cfg.rtd_on = 1;
        break;
    case 2012:
        d->cfg.rtd_on = 0;
        break;
    case 2031:
    case 2051:
    case 2061: {
        if (cp_time(p, "BeginTime", &b) != 0 || cp_time(p, "EndTime", &e) != 0 || e < b) {
            exe = 3;
            break;
        }
        histring *h = cn == 2061 ? &d->hhour : cn == 2051 ? &d->hmin : &d->hday;
        int sent = 0;
        for (size_t i = 0; i < h->len; i++) {
            const hist *x = &h->h[(h->first + i) % h->cap];
            if (x->t < b || x->t > e) continue;
            send_answer(d, l, p, cn, x->cp);
            sent++;
        }
        if (!sent) exe = 100;
        break;
    }
    case 3020:
        for (int s = 0; s < 4; s++)
            if (d->cfg.analyzer[s] && d->have_counter[s]) upload_3020_analyzer(d, t, s, 1, NULL);
        break;
    default:
        break;
    }
    send_reply(d, l, p, 9012, exe);
}

static void link_read(dau *d, dlink *l, int64_t t)
{
    char buf[4096];
    for (;;) {
        if (l->fd < 0) return;
        ssize_t r = recv(l->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            link_close(d, l);
            l->next_connect = t; /* reconnect at the next run */
            return;
        }
        if (r < 0) return;
        size_t off = 0;
        while (off < (size_t)r) {
            off += hj212_stream_feed(l->rx, buf + off, (size_t)r - off);
            hj212_event ev;
            while (hj212_stream_next(l->rx, &ev)) {
                if (ev.err != HJ212_OK || !ev.pkt) continue;
                const hj212_packet *p = ev.pkt;
                char qn[18];
                snprintf(qn, sizeof qn, "%.*s", (int)p->qn.n, p->qn.p);
                if (p->cn_num == 9014 && l->inflight && strcmp(qn, l->qn) == 0) {
                    dau_queue_pop(l->q);
                    l->inflight = 0;
                    l->tries = 0;
                    d->st.acked++;
                } else if (p->cn_num == 9011 && l->inflight && strcmp(qn, l->qn) == 0) {
                    const hj212_field *f = hj212_find(p, "QnRtn");
                    long rtn = 1;
                    if (f && f->value.n > 0 && f->value.n < 8) {
                        char v[8];
                        memcpy(v, f->value.p, f->value.n);
                        v[f->value.n] = 0;
                        rtn = strtol(v, NULL, 10);
                    }
                    if (rtn == 2 || rtn == 3 || rtn == 4) {
                        /* rejected, PW or MN: a setting on one side; retry later */
                        d->st.refused++;
                        l->inflight = 0;
                        l->tries = 1;
                        l->hold_until = t + d->cfg.reconnect_ms;
                    } else if (rtn != 1) {
                        /* the platform refused the frame itself: the same bytes would be
                         * refused again, so drop the record instead of blocking the queue */
                        d->st.rejected++;
                        dau_queue_pop(l->q);
                        l->inflight = 0;
                        l->tries = 0;
                    }
                } else if (p->cn_num >= 1000 && p->cn_num < 9000) {
                    handle_command(d, l, p, t);
                }
            }
        }
        if (!l->inflight) link_send_head(d, l, t);
    }
}

/* ---- public ---- */

void dau_cfg_default(dau_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->protocol = 2017;
    c->st = 32;
    c->modbus_host = "127.0.0.1";
    c->modbus_timeout_ms = 1000;
    c->analyzer[0] = c->analyzer[1] = c->analyzer[2] = 1;
    c->ph = 1;
    c->door = 1;
    c->camera[0] = c->camera[1] = 1;
    c->poll_ms = 60000;
    c->rtd_ms = 60000;
    c->min_ms = 600000;
    c->rtd_on = 1;
    c->over_time_s = 10;
    c->recount = 3;
    c->reconnect_ms = 60000;
    c->heartbeat_ms = 60000;
    c->ack_wait_ms = 2000;
    c->queue_max_records = 50000;
    c->queue_max_bytes = 32u << 20;
    c->history_hours = 24 * 31;
}

dau *dau_new(const dau_cfg *cfg, int64_t t0, char *err, size_t errlen)
{
    if (!cfg->mn || !cfg->mn[0] || strlen(cfg->mn) > 24 || !cfg->pw || strlen(cfg->pw) > 6 ||
        cfg->modbus_port <= 0 || cfg->modbus_port > 65535) {
        snprintf(err, errlen, "dau: mn (1-24), pw (<= 6) and modbus_port are required");
        return NULL;
    }
    if (cfg->protocol != 2017 && cfg->protocol != 2025) {
        snprintf(err, errlen, "dau: protocol must be 2017 or 2025");
        return NULL;
    }
    if (cfg->poll_ms < 1000 || cfg->rtd_ms < 30000 || cfg->rtd_ms > 3600000 ||
        cfg->min_ms < 60000 || HJTIME_HOUR_MS % cfg->min_ms || cfg->n_meters > DAU_MAX_METERS ||
        cfg->n_meters < 0) {
        snprintf(err, errlen,
                 "dau: poll >= 1 s, RtdInterval 30-3600 s, MinInterval dividing "
                 "an hour, at most %d meters",
                 DAU_MAX_METERS);
        return NULL;
    }
    dau *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->cfg = *cfg;
    snprintf(d->mn, sizeof d->mn, "%s", cfg->mn);
    snprintf(d->pw, sizeof d->pw, "%s", cfg->pw);
    snprintf(d->host, sizeof d->host, "%s", cfg->modbus_host ? cfg->modbus_host : "127.0.0.1");
    d->cfg.mn = d->mn;
    d->cfg.pw = d->pw;
    d->cfg.modbus_host = d->host;
    if (cfg->state_dir) {
        snprintf(d->state_dir, sizeof d->state_dir, "%s", cfg->state_dir);
        d->cfg.state_dir = d->state_dir;
    }
    d->cfg.sm4_key = NULL;
    d->ver = cfg->protocol == 2025 ? HJ212_V2025 : HJ212_V2017;
    if (cfg->sm4_key) {
        unsigned char key[16];
        if (cfg->protocol != 2025 || hj212_sm4_key_parse(cfg->sm4_key, key) != 0 ||
            !(d->cipher = hj212_sm4_new(key))) {
            snprintf(err, errlen, "dau: SM4 needs protocol 2025 and a key of 32 hex digits");
            dau_free(d);
            return NULL;
        }
    }
    d->opts.max_len = HJ212_MAX_DEFAULT;
    d->opts.cipher = d->cipher;
    d->opts_plain.max_len = HJ212_MAX_DEFAULT;
    devmaps_init(d->dev);
    d->pkt = malloc(sizeof *d->pkt);
    d->in = malloc(sizeof *d->in);
    if (!d->pkt || !d->in || hist_init(&d->hmin, HIST_MIN) ||
        hist_init(&d->hhour, cfg->history_hours) || hist_init(&d->hday, HIST_DAY)) {
        snprintf(err, errlen, "out of memory");
        dau_free(d);
        return NULL;
    }
    for (int c = 0; c < DAU_C_COUNT; c++) {
        d->val[c] = NAN;
        d->flag[c] = 'N';
    }
    for (int m = 0; m < DAU_MAX_METERS; m++)
        d->last_rs[m] = -1;
    if (cfg->gas.on && dau_gas_new(d) != 0) {
        snprintf(err, errlen, "out of memory");
        dau_free(d);
        return NULL;
    }
    d->t0 = t0;
    d->now = t0;
    d->last_qn_t = INT64_MIN;
    d->next_poll = t0;
    d->next_rtd = next_aligned(t0 - 1, d->cfg.rtd_ms);
    d->next_min = next_aligned(t0, d->cfg.min_ms);
    d->next_hour = next_aligned(t0, HJTIME_HOUR_MS);
    d->next_day = next_aligned(t0, HJTIME_DAY_MS);
    return d;
}

void dau_free(dau *d)
{
    if (!d) return;
    for (int i = 0; i < d->nlinks; i++) {
        if (d->links[i].fd >= 0) close(d->links[i].fd);
        dau_queue_close(d->links[i].q);
        hj212_stream_free(d->links[i].rx);
    }
    if (d->mb) {
        modbus_close(d->mb);
        modbus_free(d->mb);
    }
    hj212_sm4_free(d->cipher);
    hist_free(&d->hmin);
    hist_free(&d->hhour);
    hist_free(&d->hday);
    dau_gas_free(d);
    free(d->pkt);
    free(d->in);
    free(d);
}

int dau_add_link(dau *d, const char *host, int port, char *err, size_t errlen)
{
    if (d->nlinks >= DAU_MAX_LINKS || !host || strlen(host) >= sizeof d->links[0].host ||
        port <= 0 || port > 65535) {
        snprintf(err, errlen, "dau: bad dlink (at most %d, IPv4 host, port 1-65535)",
                 DAU_MAX_LINKS);
        return -1;
    }
    dlink *l = &d->links[d->nlinks];
    memset(l, 0, sizeof *l);
    snprintf(l->host, sizeof l->host, "%s", host);
    l->port = port;
    l->fd = -1;
    l->next_connect = INT64_MIN;
    l->hold_until = INT64_MIN;
    char path[600];
    const char *qp = NULL;
    if (d->cfg.state_dir) {
        snprintf(path, sizeof path, "%s/%s-%d.q", d->cfg.state_dir, d->mn, d->nlinks);
        qp = path;
    }
    l->q = dau_queue_open(qp, d->cfg.queue_max_records, d->cfg.queue_max_bytes, d->cfg.queue_fsync,
                          err, errlen);
    hj212_opts ro = {HJ212_MAX_DEFAULT, d->cipher};
    l->rx = hj212_stream_new(&ro);
    if (!l->q || !l->rx) {
        if (l->rx == NULL && l->q) snprintf(err, errlen, "out of memory");
        dau_queue_close(l->q);
        hj212_stream_free(l->rx);
        memset(l, 0, sizeof *l);
        return -1;
    }
    /* a record left by an earlier run may have been sent already: RF on its next send */
    if (dau_queue_len(l->q) > 0) l->tries = 1;
    return d->nlinks++;
}

int64_t dau_next_event(const dau *d)
{
    if (d->off) return INT64_MAX; /* only the scenario turns it on again */
    int64_t n = d->next_poll;
    if (d->cfg.rtd_on && d->next_rtd < n) n = d->next_rtd;
    if (d->next_min < n) n = d->next_min;
    if (d->next_hour < n) n = d->next_hour;
    if (d->next_day < n) n = d->next_day;
    if (d->offline) return n;
    for (int i = 0; i < d->nlinks; i++) {
        const dlink *l = &d->links[i];
        int64_t e = INT64_MAX;
        if (l->fd < 0 && dau_queue_len(l->q) > 0)
            e = l->next_connect;
        else if (l->inflight)
            e = l->sent_t + (int64_t)d->cfg.over_time_s * 1000;
        else if (l->fd >= 0 && dau_queue_len(l->q) > 0)
            e = l->hold_until;
        if (e < d->now + 1) e = d->now + 1; /* never in the past */
        if (e < n) n = e;
    }
    return n;
}

/* Closes the water periods that end at or before t (with the totalizer read now), then
 * takes this poll's values into the open ones. */
static void water_periods(dau *d, int64_t t)
{
    /* periods that end at or before t close with the totalizer read now; this poll's
     * values belong to the next period */
    if (t >= d->next_min) {
        close_period(d, &d->pmin, d->next_min, 2051);
        dau_send_states(d, t, 1);
        period_reset(&d->pmin, d->next_min, d->total_m3, d->total_ok);
        d->next_min = next_aligned(t, d->cfg.min_ms);
    }
    if (t >= d->next_hour) {
        close_period(d, &d->phour, d->next_hour, 2061);
        period_reset(&d->phour, d->next_hour, d->total_m3, d->total_ok);
        d->next_hour = next_aligned(t, HJTIME_HOUR_MS);
    }
    if (t >= d->next_day) {
        close_day(d, d->next_day);
        period_reset(&d->pday, d->next_day, d->total_m3, d->total_ok);
        d->next_day = next_aligned(t, HJTIME_DAY_MS);
    }
    for (int c = 0; c < DAU_C_COUNT; c++) {
        if (CHANS[c].analyzer >= 0 ? !d->fresh[c] : (d->flag[c] == 'B' || isnan(d->val[c])))
            continue;
        acc_add(&d->pmin.a[c], d->val[c], d->flag[c]);
        acc_add(&d->phour.a[c], d->val[c], d->flag[c]);
        acc_add(&d->pday.a[c], d->val[c], d->flag[c]);
    }
}

int dau_run(dau *d, int64_t t)
{
    if (t < d->now) {
        snprintf(d->errmsg, sizeof d->errmsg, "dau_run: time went back");
        return -1;
    }
    d->now = t;
    if (d->off) return 0;
    int due = t >= d->next_poll || (d->cfg.rtd_on && t >= d->next_rtd) || t >= d->next_min ||
              t >= d->next_hour || t >= d->next_day;
    if (due) {
        memset(d->fresh, 0, sizeof d->fresh);
        poll_all(d, t);
        if (!d->started) { /* the periods that hold t, from their aligned starts (DataTime:
                              * a DAU powered on at 21:44 sends the hour of 21:00) */
            period_reset(&d->pmin, next_aligned(t - d->cfg.min_ms, d->cfg.min_ms), d->total_m3,
                         d->total_ok);
            period_reset(&d->phour, next_aligned(t - HJTIME_HOUR_MS, HJTIME_HOUR_MS), d->total_m3,
                         d->total_ok);
            period_reset(&d->pday, next_aligned(t - HJTIME_DAY_MS, HJTIME_DAY_MS), d->total_m3,
                         d->total_ok);
            d->started = 1;
        }
        if (d->gas)
            dau_gas_periods(d, t);
        else
            water_periods(d, t);
        dau_send_states(d, t, 0);
        if (d->cfg.rtd_on && t >= d->next_rtd) {
            send_rtd(d, t);
            d->next_rtd = next_aligned(t, d->cfg.rtd_ms);
        }
        if (t >= d->next_poll) d->next_poll = next_aligned(t, d->cfg.poll_ms);
    }
    if (d->offline) return 0;
    for (int i = 0; i < d->nlinks; i++) {
        dlink *l = &d->links[i];
        if (l->fd < 0 && (dau_queue_len(l->q) > 0 || d->ver == HJ212_V2025) &&
            t >= l->next_connect) {
            if (link_connect(d, l) != 0) {
                l->next_connect = t + d->cfg.reconnect_ms;
                continue;
            }
        }
        if (l->fd < 0) continue;
        link_read(d, l, t);
        if (l->inflight && t >= l->sent_t + (int64_t)d->cfg.over_time_s * 1000) {
            if (l->tries >= d->cfg.recount) {
                /* ReCount resends unanswered: the dlink is dead; reconnect later */
                link_close(d, l);
                l->next_connect = t + d->cfg.reconnect_ms;
                continue;
            }
            l->inflight = 0;
            l->tries++;
        }
        link_send_head(d, l, t);
        if (d->ver == HJ212_V2025 && d->cfg.heartbeat_ms > 0 && l->fd >= 0 && !l->inflight &&
            t - l->last_tx >= d->cfg.heartbeat_ms) {
            /* through the codec like every frame, CP encrypted with a key; QN t + 999 ms
             * never meets a record's (t + k for the k-th record at t) and leaves the
             * records' QNs independent of link timing */
            char qn[18];
            hjtime_format_qn(t + 999, qn, sizeof qn);
            hj212_init(d->pkt, HJ212_V2025, qn, 91, 9015, d->pw, d->mn, HJ212_FLAG_A);
            d->pkt->encrypted = d->cipher != NULL;
            hj212_err e = HJ212_OK;
            int fl = hj212_encode(d->pkt, d->frame, sizeof d->frame, &d->opts, &e);
            if (fl > 0 && link_write(d, l, d->frame, (size_t)fl) == 0) {
                d->st.heartbeats++;
                l->last_tx = t;
            }
        }
    }
    return 0;
}

void dau_io(dau *d, int64_t t)
{
    if (d->offline || d->off) return;
    for (int i = 0; i < d->nlinks; i++) {
        dlink *l = &d->links[i];
        if (l->fd < 0) continue;
        link_read(d, l, t);
        link_send_head(d, l, t);
    }
}

int dau_fds(const dau *d, int *fds, int max)
{
    int n = 0;
    for (int i = 0; i < d->nlinks && n < max; i++)
        if (d->links[i].fd >= 0) fds[n++] = d->links[i].fd;
    return n;
}

int dau_busy(const dau *d)
{
    if (d->offline || d->off) return 0;
    long long now = real_ms();
    for (int i = 0; i < d->nlinks; i++) {
        const dlink *l = &d->links[i];
        if (l->fd >= 0 && l->inflight && now - l->sent_real < d->cfg.ack_wait_ms) return 1;
    }
    return 0;
}

static int code_index(const char *code)
{
    for (int c = 0; c < DAU_C_COUNT; c++)
        if (strcmp(chan_code(c)->code, code) == 0) return c;
    return -1;
}

int dau_filter(dau *d, const char *code, dau_filter_fn fn, void *ctx)
{
    if (!code || (d->gas ? !dau_gas_code(code) : code_index(code) < 0)) return -1;
    int free_i = -1;
    for (int i = 0; i < DAU_MAX_FILTERS; i++) {
        if (d->filters[i].fn && strcmp(d->filters[i].code, code) == 0) {
            d->filters[i].fn = fn;
            d->filters[i].ctx = ctx;
            return 0;
        }
        if (!d->filters[i].fn && free_i < 0) free_i = i;
    }
    if (!fn) return 0;
    if (free_i < 0) return -1;
    snprintf(d->filters[free_i].code, sizeof d->filters[free_i].code, "%s", code);
    d->filters[free_i].fn = fn;
    d->filters[free_i].ctx = ctx;
    return 0;
}

int dau_flag(dau *d, const char *code, char flag)
{
    if (d->gas) return dau_gas_flag(d, code, flag);
    int c = code ? code_index(code) : -1;
    if (c < 0 || (flag && !strchr("NFMSDCTB", flag))) return -1;
    d->forced[c] = flag;
    return 0;
}

void dau_offline(dau *d, int offline)
{
    if (offline && !d->offline)
        for (int i = 0; i < d->nlinks; i++)
            link_close(d, &d->links[i]);
    if (!offline && d->offline)
        for (int i = 0; i < d->nlinks; i++)
            d->links[i].next_connect = d->now;
    d->offline = offline != 0;
}

void dau_power(dau *d, int on, int64_t t)
{
    if (!on && !d->off) {
        for (int i = 0; i < d->nlinks; i++)
            link_close(d, &d->links[i]);
        if (d->mb) modbus_close(d->mb);
        d->mb_ok = 0;
        d->off = 1;
        d->st.power_offs++;
        return;
    }
    if (!on || !d->off) return;
    /* a start, as after a power cut: new periods from the first poll, the platform told
     * when it restarted (2081), the links reconnect; what was queued is still queued */
    if (t < d->now) t = d->now;
    d->off = 0;
    d->now = t;
    d->started = 0;
    if (d->gas) dau_gas_restart(d);
    d->next_poll = t;
    d->next_rtd = t;
    d->next_min = next_aligned(t, d->cfg.min_ms);
    d->next_hour = next_aligned(t, HJTIME_HOUR_MS);
    d->next_day = next_aligned(t, HJTIME_DAY_MS);
    for (int i = 0; i < d->nlinks; i++)
        d->links[i].next_connect = t;
    cpbuf b = {{0}, 0, 0, 0};
    char rt[32];
    dau_cp_datatime(&b, t);
    hjtime_format_hj212(t, rt, sizeof rt);
    dau_cp_add(&b, 1, "RestartTime=%s", rt);
    dau_record(d, t, 2081, &b);
}

dau_stats dau_stats_get(const dau *d)
{
    dau_stats s = d->st;
    s.queued = 0;
    s.dropped = 0;
    for (int i = 0; i < d->nlinks; i++) {
        s.queued += dau_queue_len(d->links[i].q);
        s.dropped += dau_queue_dropped(d->links[i].q);
    }
    return s;
}

const char *dau_errmsg(const dau *d)
{
    return d->errmsg;
}
const char *dau_mn(const dau *d)
{
    return d->mn;
}
const char *dau_code_name(int c)
{
    return c >= 0 && c < DAU_C_COUNT ? chan_code(c)->code : NULL;
}

long dau_backlog(const dau *d, int i)
{
    if (i < 0 || i >= d->nlinks) return -1;
    return (long)dau_queue_len(d->links[i].q);
}
