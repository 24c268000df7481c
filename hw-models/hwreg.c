/* hwreg.c — register encodings and table-driven register maps. */
#include "hwreg.h"
#include "hwdev.h"
#include "hjtime.h"

#include <math.h>
#include <string.h>

int hwreg_words(int type)
{
    switch (type) {
    case HWREG_U32:
    case HWREG_F32:
        return 2;
    case HWREG_F64:
        return 4;
    case HWREG_BCD:
        return 3;
    default:
        return 1;
    }
}

void hwreg_layout_default(hwreg_layout *lay, uint16_t base)
{
    lay->base = base;
    lay->order = HWREG_CDAB;
    lay->table = HWDEV_HOLDING;
    lay->tz_s = HJTIME_TZ_S;
    lay->strict = 0;
}

/* Big-endian words w[0..n) (most significant first) <-> wire order. */
static void order_words(uint16_t *dst, const uint16_t *src, int n, int order)
{
    for (int i = 0; i < n; i++) {
        int j = (order == HWREG_CDAB || order == HWREG_DCBA) ? n - 1 - i : i;
        uint16_t v = src[j];
        if (order == HWREG_BADC || order == HWREG_DCBA) v = (uint16_t)((v >> 8) | (v << 8));
        dst[i] = v;
    }
}

static void put_u64(uint16_t *w, uint64_t v, int nwords, int order)
{
    uint16_t be[4] = {0};
    for (int i = 0; i < nwords; i++)
        be[i] = (uint16_t)(v >> (16 * (nwords - 1 - i)));
    order_words(w, be, nwords, order);
}

static uint64_t get_u64(const uint16_t *w, int nwords, int order)
{
    uint16_t be[4] = {0};
    uint64_t v = 0;
    order_words(be, w, nwords, order); /* the permutation is its own inverse */
    for (int i = 0; i < nwords; i++)
        v = (v << 16) | be[i];
    return v;
}

void hwreg_put_u32(uint16_t *w, uint32_t v, int order)
{
    put_u64(w, v, 2, order);
}

uint32_t hwreg_get_u32(const uint16_t *w, int order)
{
    return (uint32_t)get_u64(w, 2, order);
}

void hwreg_put_f32(uint16_t *w, float v, int order)
{
    uint32_t u = 0;
    memcpy(&u, &v, sizeof u);
    put_u64(w, u, 2, order);
}

float hwreg_get_f32(const uint16_t *w, int order)
{
    uint32_t u = (uint32_t)get_u64(w, 2, order);
    float v = 0.0f;
    memcpy(&v, &u, sizeof v);
    return v;
}

void hwreg_put_f64(uint16_t *w, double v, int order)
{
    uint64_t u = 0;
    memcpy(&u, &v, sizeof u);
    put_u64(w, u, 4, order);
}

double hwreg_get_f64(const uint16_t *w, int order)
{
    uint64_t u = get_u64(w, 4, order);
    double v = 0.0;
    memcpy(&v, &u, sizeof v);
    return v;
}

static uint16_t bcd2(int v)
{
    return (uint16_t)(((v / 10) << 4) | (v % 10));
}

static int unbcd2(unsigned v)
{
    unsigned hi = (v >> 4) & 0xF, lo = v & 0xF;
    if (hi > 9 || lo > 9) return -1;
    return (int)(hi * 10 + lo);
}

int hwreg_put_bcd(uint16_t w[3], double t, int tz_s)
{
    w[0] = w[1] = w[2] = 0;
    if (isnan(t)) return 0;
    if (!(fabs(t) < 1e12)) return -1; /* infinities: no out-of-range conversion to int64 */
    int64_t s = (int64_t)floor(t) + tz_s;
    int64_t days = (s >= 0 ? s : s - 86399) / 86400;
    int64_t sod = s - days * 86400;
    int64_t y = 0;
    int m = 0, d = 0;
    hjtime_civil_from_days(days, &y, &m, &d);
    if (y < 2000 || y > 2099) return -1;
    int hh = (int)(sod / 3600), mi = (int)(sod / 60 % 60), ss = (int)(sod % 60);
    w[0] = (uint16_t)(bcd2((int)(y - 2000)) << 8 | bcd2(m));
    w[1] = (uint16_t)(bcd2(d) << 8 | bcd2(hh));
    w[2] = (uint16_t)(bcd2(mi) << 8 | bcd2(ss));
    return 0;
}

int hwreg_get_bcd(const uint16_t w[3], int tz_s, double *t)
{
    int yy = unbcd2(w[0] >> 8), mo = unbcd2(w[0] & 0xFF);
    int dd = unbcd2(w[1] >> 8), hh = unbcd2(w[1] & 0xFF);
    int mi = unbcd2(w[2] >> 8), ss = unbcd2(w[2] & 0xFF);
    if (yy < 0 || mo < 1 || mo > 12 || dd < 1 || dd > hjtime_days_in_month(2000 + yy, mo) ||
        hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) /* 31 February too */
        return -1;
    int64_t days = hjtime_days_from_civil(2000 + yy, mo, dd);
    *t = (double)(days * 86400 + hh * 3600 + mi * 60 + ss - tz_s);
    return 0;
}

static const hwreg_field *field_at(const hwreg_map *m, uint32_t off)
{
    for (size_t i = 0; i < m->nfields; i++) {
        const hwreg_field *f = &m->fields[i];
        if (off >= f->off && off < (uint32_t)f->off + (uint32_t)hwreg_words(f->type)) return f;
    }
    return NULL;
}

static int in_block(const hwreg_map *m, uint32_t off)
{
    for (size_t i = 0; i < m->nblocks; i++)
        if (off >= m->blocks[i].off && off < (uint32_t)m->blocks[i].off + m->blocks[i].n) return 1;
    return 0;
}

int hwreg_map_check(const hwreg_map *m, const char **why)
{
    for (size_t i = 0; i < m->nblocks; i++) {
        const hwreg_block *b = &m->blocks[i];
        if (b->n == 0 || (uint32_t)b->off + b->n > 0x10000u) {
            *why = "empty block, or a block past 0xFFFF";
            return -1;
        }
        if (i > 0 && b->off < (uint32_t)m->blocks[i - 1].off + m->blocks[i - 1].n) {
            *why = "blocks not sorted, or overlapping";
            return -1;
        }
    }
    for (size_t i = 0; i < m->nfields; i++) {
        const hwreg_field *f = &m->fields[i];
        uint32_t end = (uint32_t)f->off + (uint32_t)hwreg_words(f->type);
        for (uint32_t a = f->off; a < end; a++) {
            if (field_at(m, a) != f) {
                *why = "fields overlapping";
                return -1;
            }
        }
        const hwreg_block *in = NULL;
        for (size_t k = 0; k < m->nblocks && !in; k++)
            if (f->off >= m->blocks[k].off && end <= (uint32_t)m->blocks[k].off + m->blocks[k].n)
                in = &m->blocks[k];
        if (!in) {
            *why = "a field outside every block, or across two";
            return -1;
        }
    }
    return 0;
}

static void encode(const hwreg_field *f, double v, const hwreg_layout *lay, uint16_t *w)
{
    switch (f->type) {
    case HWREG_U16:
        w[0] = isnan(v) || v <= 0.0 ? 0 : v >= 65535.0 ? 65535 : (uint16_t)lround(v);
        break;
    case HWREG_I16: {
        long r = isnan(v) ? 0 : v <= -32768.0 ? -32768 : v >= 32767.0 ? 32767 : lround(v);
        w[0] = (uint16_t)(r & 0xFFFF);
        break;
    }
    case HWREG_U32: {
        uint32_t u = isnan(v) || v <= 0.0 ? 0
                     : v >= 4294967295.0  ? 0xFFFFFFFFu
                                          : (uint32_t)llround(v);
        hwreg_put_u32(w, u, lay->order);
        break;
    }
    case HWREG_F32:
        hwreg_put_f32(w, (float)v, lay->order);
        break;
    case HWREG_F64:
        hwreg_put_f64(w, v, lay->order);
        break;
    case HWREG_BCD:
        hwreg_put_bcd(w, v, lay->tz_s);
        break;
    default:
        w[0] = 0;
    }
}

/* The value of field f from its registers w: 0, or -1 for a BCD that is not a date. */
static int decode(const hwreg_field *f, const uint16_t *w, const hwreg_layout *lay, double *v)
{
    switch (f->type) {
    case HWREG_I16:
        *v = (int16_t)w[0];
        return 0;
    case HWREG_U32:
        *v = hwreg_get_u32(w, lay->order);
        return 0;
    case HWREG_F32:
        *v = hwreg_get_f32(w, lay->order);
        return 0;
    case HWREG_F64:
        *v = hwreg_get_f64(w, lay->order);
        return 0;
    case HWREG_BCD:
        return hwreg_get_bcd(w, lay->tz_s, v);
    default: /* HWREG_U16 */
        *v = w[0];
        return 0;
    }
}

int hwreg_read(const hwreg_map *m, const hwreg_layout *lay, int table, uint16_t addr, uint16_t n,
               uint16_t *out, hwreg_get_fn get, void *dev)
{
    if (table != HWDEV_HOLDING && table != HWDEV_INPUT) return HWDEV_EX_FUNCTION;
    if (n == 0 || n > HWREG_MAX_READ) return HWDEV_EX_VALUE;
    if (table != lay->table || addr < lay->base || (uint32_t)addr + n > 0x10000u)
        return HWDEV_EX_ADDRESS;
    uint32_t off0 = (uint32_t)(addr - lay->base);
    /* the field at each register of the range, the first of the map's order (field_at's
     * answer), found in one pass over the fields */
    const hwreg_field *at[HWREG_MAX_READ] = {0};
    for (size_t j = 0; j < m->nfields; j++) {
        const hwreg_field *f = &m->fields[j];
        uint32_t lo = f->off, hi = (uint32_t)f->off + (uint32_t)hwreg_words(f->type);
        if (lo < off0) lo = off0;
        if (hi > off0 + n) hi = off0 + n;
        for (uint32_t a = lo; a < hi; a++)
            if (!at[a - off0]) at[a - off0] = f;
    }
    for (uint32_t i = 0; i < n; i++)
        if (!at[i] && (lay->strict || !in_block(m, off0 + i))) return HWDEV_EX_ADDRESS;
    uint32_t i = 0;
    while (i < n) {
        const hwreg_field *fl = at[i];
        if (!fl) { /* reserved */
            out[i++] = 0;
            continue;
        }
        uint16_t w[4] = {0};
        encode(fl, get(dev, fl->id), lay, w);
        int nw = hwreg_words(fl->type);
        /* a range may start or end in the middle of a field: copy the covered words */
        for (int k = (int)(off0 + i - fl->off); k < nw && i < n; k++, i++)
            out[i] = w[k];
    }
    return 0;
}

int hwreg_write(const hwreg_map *m, const hwreg_layout *lay, uint16_t addr, uint16_t n,
                const uint16_t *in, hwreg_set_fn set, void *dev)
{
    if (n == 0 || n > HWREG_MAX_WRITE) return HWDEV_EX_VALUE;
    if (addr < lay->base || (uint32_t)addr + n > 0x10000u) return HWDEV_EX_ADDRESS;
    uint32_t off0 = (uint32_t)(addr - lay->base);
    double vals[HWREG_MAX_WRITE] = {0};
    const hwreg_field *fs[HWREG_MAX_WRITE] = {0};
    int nv = 0;
    /* validate the whole request before anything acts */
    for (uint32_t i = 0; i < n;) {
        const hwreg_field *fl = field_at(m, off0 + i);
        if (!fl || !fl->writable || fl->off != off0 + i) return HWDEV_EX_ADDRESS;
        uint32_t nw = (uint32_t)hwreg_words(fl->type);
        if (i + nw > n) return HWDEV_EX_ADDRESS;
        double v = 0.0;
        if (decode(fl, in + i, lay, &v) != 0) return HWDEV_EX_VALUE;
        if (!isfinite(v)) return HWDEV_EX_VALUE;
        vals[nv] = v;
        fs[nv] = fl;
        nv++;
        i += nw;
    }
    for (int k = 0; k < nv; k++) {
        int rc = set(dev, fs[k]->id, vals[k]);
        if (rc != 0) return rc;
    }
    return 0;
}

/* ---- the client side ---- */

const hwreg_field *hwreg_field_of(const hwreg_map *m, int id)
{
    for (size_t i = 0; i < m->nfields; i++)
        if (m->fields[i].id == id) return &m->fields[i];
    return NULL;
}

int hwreg_span(const hwreg_map *m, const hwreg_layout *lay, int first, int last, uint16_t *addr,
               uint16_t *n)
{
    const hwreg_field *a = hwreg_field_of(m, first), *b = hwreg_field_of(m, last);
    if (!a || !b || b->off < a->off) return -1;
    uint32_t count = (uint32_t)b->off + (uint32_t)hwreg_words(b->type) - a->off;
    if (count > HWREG_MAX_READ || (uint32_t)lay->base + a->off > 0xFFFFu) return -1;
    *addr = (uint16_t)(lay->base + a->off);
    *n = (uint16_t)count;
    return 0;
}

double hwreg_decode(const hwreg_map *m, const hwreg_layout *lay, int id, uint16_t addr, uint16_t n,
                    const uint16_t *regs)
{
    const hwreg_field *f = hwreg_field_of(m, id);
    if (!f) return NAN;
    uint32_t at = (uint32_t)lay->base + f->off;
    if (at < addr || at + (uint32_t)hwreg_words(f->type) > (uint32_t)addr + n) return NAN;
    double v = 0;
    return decode(f, regs + (at - addr), lay, &v) == 0 ? v : NAN;
}
