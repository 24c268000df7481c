/*
 * dau_gas.c — the DAU of a flue-gas or VOCs station (ST 31, GAS.md): polls the CEMS over
 * Modbus/TCP by the fields of hw-models' maps, flags every minute, converts to the
 * reference O2 and aggregates as HJ 75 asks (docs/dau.md, "Gas and VOCs stations").
 *
 * A poll is one minute value (poll_ms, default 60 s). Its flag per code: B no answer, D the
 * device's fault, F the plant stopped (every production meter off), M maintenance or a
 * blowback (the sampling system's hold register: the extracted gases only), C a check or
 * calibration, T over range, N. T and N are valid; the others are excluded from averages.
 * Converted: Zs = C (21 - O2_ref)/(21 - O2) with this minute's O2 (O2 above 19 % counts as
 * 19 %), a pollutant's minute invalid when its O2 is. Loads: C Qsn dt 1e-6 kg over the
 * valid minutes, Qsn the minute's standard dry flow (m3/h), dt its length in hours.
 * An hour is averaged with at least 45 valid minutes, else only its flag is sent (the
 * flag of most of its invalid minutes); a day with at least 20 valid hours.
 */
#include "dau-private.h"

#include "gas.h"
#include "gasan.h"
#include "gcfid.h"
#include "flue.h"
#include "meter.h"
#include "pmmon.h"
#include "sampling.h"

#include "hjtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The gas codes, in packet order (the code table's). */
enum {
    G_FLOW = 0, G_VEL, G_TEMP, G_PRES, G_HUM, G_CO2, G_CH4, G_O2, G_NOX, G_NO, G_NO2, G_CO, G_SO2,
    G_THC, G_NMHC, G_PM, G__COUNT
};

typedef struct gchan {
    int code;      /* hjcode_id */
    int zs;        /* converted to the reference O2 */
    int extracted; /* held by a blowback */
} gchan;

static const gchan GCH[G__COUNT] = {
    [G_FLOW] = {HJCODE_GAS_FLOW, 0, 0},     [G_VEL] = {HJCODE_GAS_VELOCITY, 0, 0},
    [G_TEMP] = {HJCODE_GAS_TEMP, 0, 0},     [G_PRES] = {HJCODE_GAS_PRESSURE, 0, 0},
    [G_HUM] = {HJCODE_GAS_HUMIDITY, 0, 0},  [G_CO2] = {HJCODE_CO2, 0, 1},
    [G_CH4] = {HJCODE_CH4, 0, 1},           [G_O2] = {HJCODE_O2, 0, 1},
    [G_NOX] = {HJCODE_NOX, 1, 1},           [G_NO] = {HJCODE_NO, 1, 1},
    [G_NO2] = {HJCODE_NO2, 1, 1},           [G_CO] = {HJCODE_CO, 1, 1},
    [G_SO2] = {HJCODE_SO2, 1, 1},           [G_THC] = {HJCODE_THC, 0, 1},
    [G_NMHC] = {HJCODE_NMHC, 0, 1},         [G_PM] = {HJCODE_PM, 1, 0},
};


#define VALID_HOUR_MIN 45 /* HJ 75: valid minutes for an hourly value */
#define VALID_DAY_H    20 /* HJ 75: valid hours for a daily value */
#define O2_CAP         19.0

typedef struct gacc {
    long n, n_all;
    double sum, zsum, min, max, cou;
    long nflag[8]; /* invalid minutes by flag rank */
} gacc;

typedef struct gperiod {
    int64_t start;
    gacc a[G__COUNT];
} gperiod;

/* The instruments with a 3020 (their state, alarm and parameters): the gas analyzers on
 * units 1..5 and the GC-FID. PolId: the code of GCH[chan]; the status fields are read in
 * one request from state to chg (it holds the calibration time too); the parameters
 * range, intercept, slope and detection limit (HJ 212's i13001 i13007 i13008 i13009; the
 * GC-FID's of THC) in one request from p_first to p_last. */
enum { NGP = 4, NINST = 6, INST_GCFID = 5 };
static const int GP_CODE[NGP] = {HJCODE_I_RANGE, HJCODE_I_INTERCEPT, HJCODE_I_SLOPE, HJCODE_I_DL};

typedef struct ginst {
    int unit, dev, chan;
    int f_state, f_hj, f_alarm, f_cal, f_chg;
    int p_first, p_last;
    int pfield[NGP];
} ginst;

#define GP(p) (GASAN_R_PARAM + GASAN_PC(0, GASAN_P_##p))
#define FP(p) (GCFID_R_PARAM + GCFID_P_##p)
#define GASAN_INST(unit, chan)                                                                    \
    {                                                                                             \
        unit, DEV_GASAN, chan, GASAN_R_STATE, GASAN_R_HJSTATE, GASAN_R_ALARM, GASAN_R_CAL_TIME,   \
            GASAN_R_CHG_COUNT, GP(RANGE), GP(DL), { GP(RANGE), GP(INTERCEPT), GP(SLOPE), GP(DL) } \
    }
static const ginst INST[NINST] = {
    GASAN_INST(1, G_SO2), GASAN_INST(2, G_NOX), GASAN_INST(3, G_O2),
    GASAN_INST(4, G_CO),  GASAN_INST(5, G_CO2),
    {13, DEV_GCFID, G_NMHC, GCFID_R_STATE, GCFID_R_HJSTATE, GCFID_R_ALARM, GCFID_R_CAL_TIME,
     GCFID_R_CHG_COUNT, FP(RANGE), FP(DL),
     {FP(RANGE), FP(INTERCEPT_THC), FP(SLOPE_THC), FP(DL)}},
};

struct dau_gas {
    double val[G__COUNT], zs[G__COUNT];
    char flag[G__COUNT];
    int have[G__COUNT];
    char forced[G__COUNT];
    int hold, stopped, off_before;
    /* analyzers: state and parameters for 3020 */
    int an_seen[NINST];
    uint16_t an_state[NINST], an_alarm[NINST], an_chg[NINST];
    float an_param[NINST][NGP];
    int64_t an_cal[NINST];
    double line_t, chiller_t;
    int samp_ok, samp_alarm;
    uint16_t samp_seen_alarm;
    int samp_reported;
    gperiod pmin, phour;
    /* the day: from the valid hours */
    int64_t day_start;
    long day_n[G__COUNT], day_all[G__COUNT];
    double day_sum[G__COUNT], day_zsum[G__COUNT], day_min[G__COUNT], day_max[G__COUNT],
        day_cou[G__COUNT];
    long day_flag[G__COUNT][8];
    int started;
};

static int rank(char f)
{
    static const char order[] = "NSTCMFBD";
    const char *p = strchr(order, f);
    return p && f ? (int)(p - order) : 0;
}

static int valid(char f)
{
    return f == 'N' || f == 'T' || f == 'S';
}

static char worst(char a, char b)
{
    return rank(b) > rank(a) ? b : a;
}

int dau_gas_code(const char *code)
{
    for (int c = 0; code && c < G__COUNT; c++)
        if (strcmp(hjcode_at((size_t)GCH[c].code)->code, code) == 0) return 1;
    return 0;
}

static int gindex(const char *code)
{
    for (int c = 0; code && c < G__COUNT; c++)
        if (strcmp(hjcode_at((size_t)GCH[c].code)->code, code) == 0) return c;
    return -1;
}

int dau_gas_flag(dau *d, const char *code, char flag)
{
    int c = gindex(code);
    if (c < 0 || (flag && !strchr("NFMSDCTB", flag))) return -1;
    d->gas->forced[c] = flag;
    return 0;
}

int dau_gas_new(dau *d)
{
    d->gas = calloc(1, sizeof *d->gas);
    if (!d->gas) return -1;
    for (int c = 0; c < G__COUNT; c++) {
        d->gas->val[c] = NAN;
        d->gas->zs[c] = NAN;
        d->gas->flag[c] = 'N';
    }
    return 0;
}

void dau_gas_restart(dau *d)
{
    struct dau_gas *g = d->gas;
    memset(g->day_n, 0, sizeof g->day_n);
    memset(g->day_all, 0, sizeof g->day_all);
    memset(g->day_sum, 0, sizeof g->day_sum);
    memset(g->day_zsum, 0, sizeof g->day_zsum);
    memset(g->day_cou, 0, sizeof g->day_cou);
    memset(g->day_flag, 0, sizeof g->day_flag);
    g->off_before = 0;
    g->started = 0; /* new periods from the first poll, as the water side's */
}

void dau_gas_free(dau *d)
{
    free(d->gas);
    d->gas = NULL;
}

static void put(dau *d, int c, double v, char f)
{
    struct dau_gas *g = d->gas;
    const char *code = hjcode_at((size_t)GCH[c].code)->code;
    if (!isnan(v)) v = dau_filter_value(d, code, v);
    g->val[c] = v;
    g->flag[c] = f;
    g->have[c] = 1;
}

static char dev_flag(double f)
{
    char c = (char)((unsigned)f & 0xFF);
    return strchr("NCMDT", c) && c ? c : 'N';
}

/* ---- polling ---- */

static void upload_3020(dau *d, int64_t t, int s, const char *log)
{
    struct dau_gas *g = d->gas;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    dau_cp_add(&b, 1, "PolId=%s", hjcode_at((size_t)GCH[INST[s].chan].code)->code);
    if (log) dau_cp_add(&b, 1, "%s-Info=//%s//", hjcode_at(HJCODE_I_LOG)->code, log);
    dau_cp_add(&b, 1, "%s-Info=%u", hjcode_at(HJCODE_I_STATE)->code, (unsigned)g->an_state[s]);
    dau_cp_add(&b, 1, "%s-Info=%d", hjcode_at(HJCODE_I_ALARM)->code, g->an_alarm[s] ? 1 : 0);
    for (size_t k = 0; k < NGP; k++) {
        const hjcode *pc = hjcode_at((size_t)GP_CODE[k]);
        dau_cp_add(&b, 1, "%s-Info=%.*f", pc->code, pc->decimals, (double)g->an_param[s][k]);
    }
    char ts[32];
    if (g->an_cal[s] >= 0 && hjtime_format_hj212(g->an_cal[s], ts, sizeof ts) == 14)
        dau_cp_add(&b, 1, "%s-Info=%s", hjcode_at(HJCODE_I_CAL_TIME)->code, ts);
    d->st.uploads_3020++;
    dau_record(d, t, 3020, &b);
}

/* The parameters of instrument s; a log of what changed into log. */
static void read_params(dau *d, int s, char *log, size_t n)
{
    struct dau_gas *g = d->gas;
    const ginst *in = &INST[s];
    regs pr;
    if (dau_mb_fields(d, in->unit, in->dev, in->p_first, in->p_last, &pr) != 0) return;
    size_t ln = 0;
    for (size_t k = 0; k < NGP; k++) {
        float v = (float)dau_field(d, in->dev, &pr, in->pfield[k]);
        if (g->an_seen[s] && v != g->an_param[s][k] && ln < n) {
            int w = snprintf(log + ln, n - ln, "%s%s %.4g->%.4g", ln ? " " : "",
                             hjcode_at((size_t)GP_CODE[k])->code, (double)g->an_param[s][k],
                             (double)v);
            if (w > 0) ln += (size_t)w;
        }
        g->an_param[s][k] = v;
    }
}

/* Instrument s's status block, read: a 3020 at the start and when its state, alarm or
 * parameters change. */
static void instrument_status(dau *d, int64_t t, int s, const regs *st)
{
    struct dau_gas *g = d->gas;
    const ginst *in = &INST[s];
    uint16_t state = (uint16_t)dau_field(d, in->dev, st, in->f_hj);
    uint16_t alarm = (uint16_t)dau_field(d, in->dev, st, in->f_alarm);
    uint16_t chg = (uint16_t)dau_field(d, in->dev, st, in->f_chg);
    g->an_cal[s] = dau_field_time(d, in->dev, st, in->f_cal);
    int first = !g->an_seen[s];
    int params = first || chg != g->an_chg[s];
    int changed = params || state != g->an_state[s] || alarm != g->an_alarm[s];
    g->an_state[s] = state;
    g->an_alarm[s] = alarm;
    g->an_chg[s] = chg;
    if (!changed) return;
    char log[200] = "";
    if (params) read_params(d, s, log, sizeof log);
    g->an_seen[s] = 1;
    upload_3020(d, t, s, log[0] ? log : NULL);
}

/* Gas analyzer s (unit s + 1) out of its data block dr and status block st (NULL: that
 * read failed). */
static void take_gasan(dau *d, int64_t t, int s, const regs *dr, const regs *st)
{
    struct dau_gas *g = d->gas;
    int c = INST[s].chan;
    if (!dr || !st) {
        put(d, c, g->val[c], 'B');
        if (s == 1) {
            put(d, G_NO, g->val[G_NO], 'B');
            put(d, G_NO2, g->val[G_NO2], 'B');
        }
        return;
    }
    char f = dev_flag(dau_field(d, DEV_GASAN, dr, GASAN_R_FLAG));
    if (s == 1) {
        put(d, G_NOX, dau_field(d, DEV_GASAN, dr, GASAN_R_NOX), f);
        put(d, G_NO, dau_field(d, DEV_GASAN, dr, GASAN_R_VALUE), f);
        put(d, G_NO2, dau_field(d, DEV_GASAN, dr, GASAN_R_VALUE2), f);
    } else {
        put(d, c, dau_field(d, DEV_GASAN, dr, GASAN_R_VALUE), f);
    }
    instrument_status(d, t, s, st);
}

/* The flue probes (r) and the particulate monitor (pm), whose reading is brought to
 * standard dry conditions with the flue's; with no flue reading the particulate keeps
 * its last value and flag. */
static void take_flue(dau *d, const regs *r, const regs *pm)
{
    struct dau_gas *g = d->gas;
    if (!r) {
        for (int c = G_FLOW; c <= G_HUM; c++)
            put(d, c, g->val[c], 'B');
        return;
    }
    char f = dau_field(d, DEV_FLUE, r, FLUE_R_STATUS) == 2 ? 'D' : 'N';
    put(d, G_FLOW, dau_field(d, DEV_FLUE, r, FLUE_R_QSN), f);
    put(d, G_VEL, dau_field(d, DEV_FLUE, r, FLUE_R_V), f);
    put(d, G_TEMP, dau_field(d, DEV_FLUE, r, FLUE_R_T), f);
    put(d, G_PRES, dau_field(d, DEV_FLUE, r, FLUE_R_PS), f);
    put(d, G_HUM, dau_field(d, DEV_FLUE, r, FLUE_R_H2O), f);
    double ba = dau_field(d, DEV_FLUE, r, FLUE_R_BA);
    if (d->cfg.gas.pm && pm) {
        double act = dau_field(d, DEV_PMMON, pm, PMMON_R_VALUE);
        double k = gas_std_dry_factor(g->val[G_TEMP], ba + g->val[G_PRES], g->val[G_HUM]);
        put(d, G_PM, k > 0 ? act / k : act, dev_flag(dau_field(d, DEV_PMMON, pm, PMMON_R_FLAG)));
    } else if (d->cfg.gas.pm) {
        put(d, G_PM, g->val[G_PM], 'B');
    }
}

static void take_gcfid(dau *d, int64_t t, const regs *r, const regs *st)
{
    struct dau_gas *g = d->gas;
    if (!r || !st) {
        put(d, G_CH4, g->val[G_CH4], 'B');
        put(d, G_THC, g->val[G_THC], 'B');
        put(d, G_NMHC, g->val[G_NMHC], 'B');
        return;
    }
    char f = dev_flag(dau_field(d, DEV_GCFID, r, GCFID_R_FLAG));
    put(d, G_NMHC, dau_field(d, DEV_GCFID, r, GCFID_R_NMHC), f);
    put(d, G_THC, dau_field(d, DEV_GCFID, r, GCFID_R_THC), f);
    put(d, G_CH4, dau_field(d, DEV_GCFID, r, GCFID_R_CH4), f);
    instrument_status(d, t, INST_GCFID, st);
}

static void take_sampling(dau *d, int64_t t, const regs *r)
{
    struct dau_gas *g = d->gas;
    g->samp_ok = r != NULL;
    if (!g->samp_ok) return;
    g->hold = dau_field(d, DEV_SAMPLING, r, SAMPLING_R_HOLD) != 0;
    g->line_t = dau_field(d, DEV_SAMPLING, r, SAMPLING_R_LINE_T);
    g->chiller_t = dau_field(d, DEV_SAMPLING, r, SAMPLING_R_CHILLER_T);
    uint16_t alarm = (uint16_t)dau_field(d, DEV_SAMPLING, r, SAMPLING_R_ALARM);
    /* i33001/i33002: at the start, every hour (dau_gas_periods) and when an alarm changes */
    if (g->samp_reported && alarm == g->samp_seen_alarm) return;
    g->samp_seen_alarm = alarm;
    g->samp_reported = 1;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    const hjcode *lt = hjcode_at(HJCODE_I_LINE_T), *ct = hjcode_at(HJCODE_I_CHILLER_T);
    dau_cp_add(&b, 1, "%s-Info=%.*f", lt->code, lt->decimals, g->line_t);
    dau_cp_add(&b, 1, "%s-Info=%.*f", ct->code, ct->decimals, g->chiller_t);
    d->st.uploads_3020++;
    dau_record(d, t, 3020, &b);
}

/* The plant stopped: every production meter read and off, at this poll and the one before
 * (a DAU's debounce of the production signal; a meter not yet read at power-up is not a
 * stop). */
static int plant_stopped(dau *d)
{
    int n = d->cfg.gas.n_production, off = 0;
    for (int m = 0; m < n && m < DAU_MAX_METERS; m++)
        if (d->meter_ok[m] && d->meter_rs[m] == 0) off++;
    int now = n > 0 && off == n, was = d->gas->off_before;
    d->gas->off_before = now;
    return now && was;
}

/* The minute's flags and converted values, once every device is read. */
static void finish_minute(dau *d)
{
    struct dau_gas *g = d->gas;
    g->stopped = plant_stopped(d);
    double ref = d->cfg.gas.o2_ref, o2 = g->val[G_O2];
    for (int c = 0; c < G__COUNT; c++) {
        if (!g->have[c]) continue;
        char f = g->flag[c];
        if (f != 'B' && f != 'D') {
            if (g->stopped) f = worst(f, 'F');
            int held = GCH[c].extracted && g->hold && !(c == G_O2 && d->cfg.gas.o2_insitu);
            if (held) f = worst(f, 'M');
        }
        if (g->forced[c]) f = g->forced[c];
        g->flag[c] = f;
    }
    for (int c = 0; c < G__COUNT; c++) {
        g->zs[c] = NAN;
        if (!g->have[c] || !GCH[c].zs || !(ref > 0) || !g->have[G_O2] || isnan(o2)) continue;
        double x = o2 > O2_CAP ? O2_CAP : o2;
        g->zs[c] = g->val[c] * (21 - ref) / (21 - x);
        if (!valid(g->flag[G_O2]) && valid(g->flag[c])) g->flag[c] = g->flag[G_O2];
    }
}

/* One read per device block, all in the poll's one exchange: per gas analyzer its data
 * block (value .. NOx) and its status block (state .. change counter), the flue probes,
 * the particulate monitor, the GC-FID's data and status, the sampling system. */
void dau_gas_plan(dau *d, pollplan *p)
{
    for (int s = 0; s < 5; s++) {
        p->gan[s][0] = p->gan[s][1] = -1;
        if (!d->cfg.gas.an[s]) continue;
        p->gan[s][0] = dau_plan_add(d, p, s + 1, DEV_GASAN, GASAN_R_VALUE, GASAN_R_NOX);
        p->gan[s][1] = dau_plan_add(d, p, s + 1, DEV_GASAN, GASAN_R_STATE, GASAN_R_CHG_COUNT);
    }
    p->flue = dau_plan_add(d, p, 7, DEV_FLUE, FLUE_R_V, FLUE_R_STATUS);
    p->pm = d->cfg.gas.pm ? dau_plan_add(d, p, 6, DEV_PMMON, PMMON_R_VALUE, PMMON_R_STATE) : -1;
    p->gcfid[0] = p->gcfid[1] = -1;
    if (d->cfg.gas.gcfid) {
        p->gcfid[0] = dau_plan_add(d, p, 13, DEV_GCFID, GCFID_R_NMHC, GCFID_R_FLAG);
        p->gcfid[1] = dau_plan_add(d, p, 13, DEV_GCFID, GCFID_R_STATE, GCFID_R_CHG_COUNT);
    }
    p->sampling = dau_plan_add(d, p, 11, DEV_SAMPLING, SAMPLING_R_PROBE_T, SAMPLING_R_ALARM);
}

/* The replies in the order the lone reads had: the analyzers (each 3020 as its state
 * asks), the flue and particulate, the GC-FID, the sampling system. */
void dau_gas_take(dau *d, int64_t t, const pollplan *p)
{
    for (int s = 0; s < 5; s++)
        if (d->cfg.gas.an[s])
            take_gasan(d, t, s, dau_plan_got(p, p->gan[s][0]), dau_plan_got(p, p->gan[s][1]));
    take_flue(d, dau_plan_got(p, p->flue), dau_plan_got(p, p->pm));
    if (d->cfg.gas.gcfid)
        take_gcfid(d, t, dau_plan_got(p, p->gcfid[0]), dau_plan_got(p, p->gcfid[1]));
    take_sampling(d, t, dau_plan_got(p, p->sampling));
}

/* ---- records ---- */

void dau_gas_rtd(dau *d, int64_t t)
{
    struct dau_gas *g = d->gas;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, t);
    for (int c = 0; c < G__COUNT; c++) {
        if (!g->have[c] || isnan(g->val[c])) continue;
        const hjcode *cd = hjcode_at((size_t)GCH[c].code);
        dau_cp_num(&b, 1, cd->code, "Rtd", cd->decimals, g->val[c]);
        if (!isnan(g->zs[c])) dau_cp_num(&b, 0, cd->code, "ZsRtd", cd->decimals, g->zs[c]);
        dau_cp_flag(&b, 0, cd->code, "Flag", g->flag[c]);
    }
    dau_rtd_tail(d, &b);
    dau_record(d, t, 2011, &b);
}

static void acc_add(gacc *a, double v, double zs, char f, double cou)
{
    a->n_all++;
    if (!valid(f)) {
        a->nflag[rank(f)]++;
        return;
    }
    if (a->n == 0 || v < a->min) a->min = v;
    if (a->n == 0 || v > a->max) a->max = v;
    a->sum += v;
    a->zsum += isnan(zs) ? 0 : zs;
    a->cou += cou;
    a->n++;
}

/* The flag of most of the invalid minutes (the worse one on a tie); 'D' when none (too few
 * minutes, none flagged: the DAU was off or had just started). */
static char main_flag(const long *nflag)
{
    static const char order[] = "NSTCMFBD";
    int best = -1;
    for (int k = 7; k >= 0; k--)
        if (nflag[k] > 0 && (best < 0 || nflag[k] > nflag[best])) best = k;
    return best < 0 ? 'D' : order[best];
}

/* One code's fields of a period: averaged when valid, else its flag alone. */
static void add_fields(cpbuf *b, int c, int ok, double avg, double zs, double mn, double mx,
                       double cou, char flag)
{
    const hjcode *cd = hjcode_at((size_t)GCH[c].code);
    if (!ok) {
        dau_cp_flag(b, 1, cd->code, "Flag", flag);
        return;
    }
    dau_cp_num(b, 1, cd->code, "Avg", cd->decimals, avg);
    if (!isnan(zs)) dau_cp_num(b, 0, cd->code, "ZsAvg", cd->decimals, zs);
    dau_cp_num(b, 0, cd->code, "Min", cd->decimals, mn);
    dau_cp_num(b, 0, cd->code, "Max", cd->decimals, mx);
    if (cd->cou != HJCODE_COU_NONE) dau_cp_num(b, 0, cd->code, "Cou", cd->cou_decimals, cou);
    dau_cp_flag(b, 0, cd->code, "Flag", 'N');
}

/* 2051 (min_valid 1) or 2061 (45 minutes); an hour's valid values feed the day. */
static void close_period(dau *d, gperiod *p, int64_t end, int cn, long min_valid)
{
    struct dau_gas *g = d->gas;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, p->start);
    int any = 0;
    for (int c = 0; c < G__COUNT; c++) {
        const gacc *a = &p->a[c];
        if (a->n_all == 0) continue;
        any = 1;
        int ok = a->n >= min_valid;
        double n = (double)a->n;
        double zs = GCH[c].zs && d->cfg.gas.o2_ref > 0 && g->have[G_O2] ? a->zsum / n : NAN;
        add_fields(&b, c, ok, a->sum / n, zs, a->min, a->max, a->cou, main_flag(a->nflag));
        if (cn != 2061) continue;
        g->day_all[c]++;
        if (!ok) {
            g->day_flag[c][rank(main_flag(a->nflag))]++;
            continue;
        }
        if (g->day_n[c] == 0 || a->min < g->day_min[c]) g->day_min[c] = a->min;
        if (g->day_n[c] == 0 || a->max > g->day_max[c]) g->day_max[c] = a->max;
        g->day_sum[c] += a->sum / n;
        g->day_zsum[c] += isnan(zs) ? 0 : zs;
        g->day_cou[c] += a->cou;
        g->day_n[c]++;
    }
    if (!any) return;
    dau_record(d, end, cn, &b);
    dau_hist_push(cn == 2061 ? &d->hhour : &d->hmin, p->start, b.s);
}

static void close_day(dau *d, int64_t end)
{
    struct dau_gas *g = d->gas;
    cpbuf b = {{0}, 0, 0, 0};
    dau_cp_datatime(&b, g->day_start);
    int any = 0;
    for (int c = 0; c < G__COUNT; c++) {
        if (g->day_all[c] == 0) continue;
        any = 1;
        double n = (double)g->day_n[c];
        double zs = GCH[c].zs && d->cfg.gas.o2_ref > 0 && g->have[G_O2] ? g->day_zsum[c] / n : NAN;
        add_fields(&b, c, g->day_n[c] >= VALID_DAY_H, g->day_sum[c] / n, zs, g->day_min[c],
                   g->day_max[c], g->day_cou[c], main_flag(g->day_flag[c]));
    }
    if (any) {
        dau_record(d, end, 2031, &b);
        dau_hist_push(&d->hday, g->day_start, b.s);
    }
    memset(g->day_n, 0, sizeof g->day_n);
    memset(g->day_all, 0, sizeof g->day_all);
    memset(g->day_sum, 0, sizeof g->day_sum);
    memset(g->day_zsum, 0, sizeof g->day_zsum);
    memset(g->day_cou, 0, sizeof g->day_cou);
    memset(g->day_flag, 0, sizeof g->day_flag);
    g->day_start = end;
}

static void reset(gperiod *p, int64_t start)
{
    memset(p, 0, sizeof *p);
    p->start = start;
}

void dau_gas_periods(dau *d, int64_t t)
{
    struct dau_gas *g = d->gas;
    finish_minute(d);
    if (d->cfg.on_gas_poll) {
        int code[G__COUNT], n = 0;
        double v[G__COUNT];
        char f[G__COUNT];
        for (int c = 0; c < G__COUNT; c++) {
            if (!g->have[c] || isnan(g->val[c])) continue;
            code[n] = GCH[c].code;
            v[n] = g->val[c];
            f[n++] = g->flag[c];
        }
        d->cfg.on_gas_poll(d->cfg.poll_ctx, t, n, code, v, f);
    }
    long per_hour = (long)(HJTIME_HOUR_MS / d->cfg.poll_ms);
    long hour_valid = (VALID_HOUR_MIN * per_hour + 59) / 60;
    if (!g->started) { /* the periods that hold t, from their aligned starts (DataTime) */
        reset(&g->pmin, hjtime_local_next(t - d->cfg.min_ms, d->cfg.min_ms));
        reset(&g->phour, hjtime_local_next(t - HJTIME_HOUR_MS, HJTIME_HOUR_MS));
        g->day_start = hjtime_local_next(t - HJTIME_DAY_MS, HJTIME_DAY_MS);
        g->started = 1;
    }
    if (t >= d->next_min) {
        close_period(d, &g->pmin, d->next_min, 2051, 1);
        dau_send_states(d, t, 1);
        reset(&g->pmin, d->next_min);
        d->next_min = hjtime_local_next(t, d->cfg.min_ms);
    }
    if (t >= d->next_hour) {
        close_period(d, &g->phour, d->next_hour, 2061, hour_valid);
        reset(&g->phour, d->next_hour);
        d->next_hour = hjtime_local_next(t, HJTIME_HOUR_MS);
        g->samp_reported = 0; /* i33001/i33002 every hour */
    }
    if (t >= d->next_day) {
        close_day(d, d->next_day);
        d->next_day = hjtime_local_next(t, HJTIME_DAY_MS);
    }
    double dt_h = (double)d->cfg.poll_ms / HJTIME_HOUR_MS;
    double qsn = g->have[G_FLOW] && !isnan(g->val[G_FLOW]) ? g->val[G_FLOW] : 0;
    for (int c = 0; c < G__COUNT; c++) {
        if (!g->have[c] || isnan(g->val[c])) continue;
        int kind = hjcode_at((size_t)GCH[c].code)->cou;
        double cou = kind == HJCODE_COU_M3   ? qsn * dt_h
                     : kind == HJCODE_COU_KG ? g->val[c] * qsn * dt_h * 1e-6
                                             : 0;
        acc_add(&g->pmin.a[c], g->val[c], g->zs[c], g->flag[c], cou);
        acc_add(&g->phour.a[c], g->val[c], g->zs[c], g->flag[c], cou);
    }
}
