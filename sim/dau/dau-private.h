/*
 * dau-private.h — the DAU's insides, shared by dau.c (polling, water aggregation, records,
 * links) and dau_gas.c (the flue-gas and VOCs side: HJ 75 aggregation). Not for callers.
 */
#ifndef DAU_PRIVATE_H
#define DAU_PRIVATE_H

#include "dau.h"
#include "dau_queue.h"
#include "mbpipe.h"

#include "hj212.h"
#include "hjcode.h"
#include "hwreg.h"

#include <modbus.h>
#include <stdint.h>

#define SEG_MAX   4096 /* our own data segments stay far below this */
#define FRAME_MAX (2 * SEG_MAX + 64)
#define DAU_NPARAMS 8 /* the water analyzers' 3020 parameters (PARAMS in dau.c) */

enum {
    DEV_ANALYZER = 0,
    DEV_PROBE,
    DEV_FLOWMETER,
    DEV_DOOR,
    DEV_CAMERA,
    DEV_METER,
    DEV_GASAN, /* the gas station's devices */
    DEV_PMMON,
    DEV_FLUE,
    DEV_SAMPLING,
    DEV_GCFID,
    DEV_DAMPER,
    DEV__COUNT
};

typedef struct devmap {
    const hwreg_map *map;
    hwreg_layout lay; /* the device's default layout: base address, word order, China time */
} devmap;

/* Registers read from a device: n from addr. */
typedef struct regs {
    uint16_t addr, n;
    uint16_t w[HWREG_MAX_READ];
} regs;

/* The reads of one poll, made in one pipelined exchange (mbpipe): where each device's
 * block is in q/r, -1 where it is not read. The water side's and the gas side's fields
 * each belong to their station kind; the room (door, cameras, meters) to every kind. */
typedef struct pollplan {
    mbpipe_read q[MBPIPE_MAX];
    regs r[MBPIPE_MAX];
    int n;
    int flow, probe, an[4][2], door, cam[2], meter[DAU_MAX_METERS];
    int gan[5][2], flue, pm, gcfid[2], sampling; /* gas: data and status blocks */
} pollplan;

/* The cameras' values, in the order of their codes HJCODE_CAM_DEV .. HJCODE_CAM_SCORE. */
#define NCAM_VALUES (HJCODE_CAM_SCORE - HJCODE_CAM_DEV + 1)
#define CAM(id)     ((id)-HJCODE_CAM_DEV)

/* ---- state ---- */

typedef struct acc {
    double sum, min, max;
    long n;
    double sum_all, min_all, max_all;
    long n_all;
    char flag; /* worst flag seen, 'N' when none */
} acc;

typedef struct period {
    int64_t start;
    acc a[DAU_C_COUNT];
    double tot0; /* flow totalizer at start (m3) */
    int tot0_ok;
    /* day only: hourly sums for flow weighting and loads */
    double wsum[DAU_C_COUNT], wvol[DAU_C_COUNT], cou[DAU_C_COUNT], vol;
    int vol_ok;
} period;

typedef struct dlink {
    char host[64];
    int port;
    int fd;
    dau_queue *q;
    hj212_stream *rx;
    int inflight;
    char qn[18];
    int64_t sent_t;
    long long sent_real;
    int tries;
    int64_t next_connect, hold_until;
    int64_t last_tx;
} dlink;

typedef struct hist {
    int64_t t;
    char *cp;
} hist;

typedef struct histring {
    hist *h;
    size_t cap, first, len;
} histring;

typedef struct filt {
    char code[DAU_CODE_MAX];
    dau_filter_fn fn;
    void *ctx;
} filt;

struct dau {
    dau_cfg cfg;
    char mn[32], pw[16], host[64], state_dir[512];
    hj212_version ver;
    hj212_cipher *cipher;
    hj212_opts opts, opts_plain;
    modbus_t *mb;
    int mb_ok;
    uint16_t mb_tid; /* transaction ids of the pipelined reads (mbpipe) */
    int64_t t0, now;
    int64_t next_poll, next_rtd, next_min, next_hour, next_day;
    int64_t last_qn_t;
    int qn_k;
    int started;
    int offline;
    int off; /* powered off: nothing polled, recorded or sent */
    /* last poll */
    double val[DAU_C_COUNT];
    char flag[DAU_C_COUNT];
    int fresh[DAU_C_COUNT];
    int64_t sample_time[DAU_C_COUNT];
    double toc;
    double total_m3;
    int total_ok;
    /* analyzers */
    int have_counter[4];
    uint16_t counter[4], pcount[4], i12001[4], alarm[4];
    float params[4][DAU_NPARAMS + 1]; /* by PARAMS index; TOC_PARAM last */
    int64_t cal_time[4];
    int params_ok[4];
    /* door, facilities, cameras */
    uint16_t door_seq;
    int door_ok, door_open;
    double aux_current[DAU_MAX_METERS];
    int meter_rs[DAU_MAX_METERS], meter_ok[DAU_MAX_METERS];
    int last_rs[DAU_MAX_METERS];
    double cam[2][NCAM_VALUES];
    int cam_ok[2];
    /* aggregation */
    period pmin, phour, pday;
    histring hmin, hhour, hday;
    /* knobs */
    filt filters[DAU_MAX_FILTERS];
    char forced[DAU_C_COUNT];
    /* links */
    dlink links[DAU_MAX_LINKS];
    int nlinks;
    uint64_t seq;
    dau_stats st;
    devmap dev[DEV__COUNT];
    struct dau_gas *gas; /* a gas or VOCs station (cfg.gas.on); NULL for water */
    hj212_packet *pkt; /* scratch for building/encoding */
    hj212_packet *in;  /* scratch for parsing queue lines */
    char frame[FRAME_MAX];
    char line[SEG_MAX + 256];
    char errmsg[256];
};

typedef struct cpbuf {
    char s[SEG_MAX];
    size_t n;
    int items;
    int over;
} cpbuf;

/* dau.c, for dau_gas.c */
__attribute__((format(printf, 3, 4))) void dau_cp_add(cpbuf *b, int new_item, const char *fmt, ...);
/* "code-field=value", value as "%.*f" writes it (proto/hjnum.h), and "code-field=c": the
 * same text as dau_cp_add with those formats, for the fields written per value per poll. */
void dau_cp_num(cpbuf *b, int new_item, const char *code, const char *field, int decimals,
                double v);
void dau_cp_flag(cpbuf *b, int new_item, const char *code, const char *field, char c);
void dau_cp_datatime(cpbuf *b, int64_t t);
void dau_record(dau *d, int64_t t, int cn, const cpbuf *b);
int dau_mb_fields(dau *d, int unit, int dev, int first, int last, regs *r);
/* Plans a read of fields first .. last of device kind dev on unit into p: its index, or -1
 * when the fields make no read (no request, not counted). */
int dau_plan_add(dau *d, pollplan *p, int unit, int dev, int first, int last);
/* The registers of planned read i, NULL when it failed or was not made. */
const regs *dau_plan_got(const pollplan *p, int i);
double dau_field(const dau *d, int dev, const regs *r, int id);
int64_t dau_field_time(const dau *d, int dev, const regs *r, int id);
void dau_hist_push(histring *r, int64_t t, const char *cp);
/* The meters', cameras' and door's fields of a 2011 record (every kind of station). */
void dau_rtd_tail(dau *d, cpbuf *b);
/* 2021 with the meters' SBn-RS when one changed, or always (force). */
void dau_send_states(dau *d, int64_t t, int force);
/* The filter knob on a value of code (the value itself without one). */
double dau_filter_value(dau *d, const char *code, double v);

/* dau_gas.c */
int dau_gas_new(dau *d);
void dau_gas_free(dau *d);
/* On again after dau_power(off): new periods from the next poll. */
void dau_gas_restart(dau *d);
/* The CEMS's reads of a poll into p (the analyzers', flue probes', particulate monitor's,
 * GC-FID's and sampling system's blocks), then, once p's exchange is done, their values. */
void dau_gas_plan(dau *d, pollplan *p);
void dau_gas_take(dau *d, int64_t t, const pollplan *p);
/* Closes the periods that end at or before t (2051 2061 2031), then takes this poll's
 * minute into the open ones. */
void dau_gas_periods(dau *d, int64_t t);
void dau_gas_rtd(dau *d, int64_t t);
/* 1 when code is a gas code the DAU sends (filters and forced flags). */
int dau_gas_code(const char *code);
int dau_gas_flag(dau *d, const char *code, char flag);

#endif
