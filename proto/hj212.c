/*
 * hj212.c — HJ 212 CRC, frame and data segment parsing, encoding, builders and replies.
 *
 * Parsing order: framing ("##", length, CRC field, trailer) -> header fields (kept even on
 * a later error so that a 9011 reply can echo QN) -> CRC (over the plaintext CP when CP is
 * encrypted) -> header validation -> CP fields. The first failure names the refusal.
 */
#include "hj212.h"
#include "hj212-private.h"
#include "hj212-tab.h"
#include "hjtime.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__) && !defined(HJ212_NO_SIMD)
#define HJ212_SSE2 1
#include <emmintrin.h>
#endif

/* --- CRC ------------------------------------------------------------------------------ */

/* Only the register's high byte survives into the next byte (reg = T[(reg >> 8) ^ b]): the
 * state between bytes is 8 bits, h' = M(h ^ b) with M linear over GF(2) and M^8 = I. So the
 * state before the last byte is M^m(h0) ^ XOR over k of M^(m-k)(b[k]), where only (m-k) mod 8
 * matters: the bytes fold into 8 lanes by XOR of 64-bit words, then 8 lookups. The last
 * byte goes through T itself to produce all 16 bits. (Hence also the CRC's weakness: it
 * does not see two bytes 8 apart being swapped.) */
uint16_t hj212_crc_update(uint16_t crc, const void *data, size_t n)
{
    const unsigned char *p = data;
    unsigned char lane[8] = {0};
    size_t m = 0, i = 0;
    unsigned h = 0;

    if (n == 0) return crc;
    m = n - 1; /* bytes folded into the state */
#ifdef HJ212_SSE2
    {
        __m128i a0 = _mm_setzero_si128(), a1 = _mm_setzero_si128();
        for (; i + 32 <= m; i += 32) {
            a0 = _mm_xor_si128(a0, _mm_loadu_si128((const __m128i *)(const void *)(p + i)));
            a1 = _mm_xor_si128(a1, _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16)));
        }
        if (i + 16 <= m) {
            a0 = _mm_xor_si128(a0, _mm_loadu_si128((const __m128i *)(const void *)(p + i)));
            i += 16;
        }
        a0 = _mm_xor_si128(a0, a1);
        a0 = _mm_xor_si128(a0, _mm_srli_si128(a0, 8)); /* bytes 8 apart share a lane */
        _mm_storel_epi64((__m128i *)(void *)lane, a0);
        for (; i + 8 <= m; i += 8)
            for (int j = 0; j < 8; j++)
                lane[j] ^= p[i + j];
    }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    {
        uint64_t a0 = 0, a1 = 0, w0 = 0, w1 = 0;
        for (; i + 16 <= m; i += 16) {
            memcpy(&w0, p + i, 8);
            memcpy(&w1, p + i + 8, 8);
            a0 ^= w0;
            a1 ^= w1;
        }
        for (; i + 8 <= m; i += 8) {
            memcpy(&w0, p + i, 8);
            a0 ^= w0;
        }
        a0 ^= a1;
        memcpy(lane, &a0, 8);
    }
#else
    for (; i + 8 <= m; i += 8)
        for (int j = 0; j < 8; j++)
            lane[j] ^= p[i + j];
#endif
    for (size_t j = 0; i < m; i++, j++)
        lane[j] ^= p[i];
    /* lane j holds the bytes at k = j (mod 8): their map is M^((m - j) mod 8), M^0 = M^8 */
    h = hj212_crc_h[(m + 7) % 8][crc >> 8];
    for (unsigned j = 0; j < 8; j++)
        h ^= hj212_crc_h[(m - j + 7) % 8][lane[j]];
    return hj212_crc_t[h ^ p[m]];
}

uint16_t hj212_crc(const void *data, size_t n)
{
    return hj212_crc_update(0xFFFF, data, n);
}

/* --- errors --------------------------------------------------------------------------- */

static const struct {
    const char *name, *text;
    int qnrtn;
} err_tab[HJ212_E__COUNT] = {
    [HJ212_OK] = {"ok", "valid packet", 1},
    [HJ212_E_FRAME] = {"frame", "no \"##\" at the start of the packet", 100},
    [HJ212_E_LENGTH] = {"length", "length field malformed or not matching the data", 100},
    [HJ212_E_TOOBIG] = {"toobig", "packet longer than the configured maximum", 100},
    [HJ212_E_TRUNC] = {"trunc", "input ended inside a packet", 100},
    [HJ212_E_TRAILER] = {"trailer", "no CR LF after the CRC", 100},
    [HJ212_E_CRC] = {"crc", "CRC field malformed or not matching the data", 9},
    [HJ212_E_SYNTAX] = {"syntax", "data segment is not key=value;... up to CP", 100},
    [HJ212_E_QN] = {"qn", "QN missing or not a valid YYYYMMDDhhmmsszzz time", 7},
    [HJ212_E_ST] = {"st", "ST missing or not a number", 5},
    [HJ212_E_CN] = {"cn", "CN missing or not a number", 8},
    [HJ212_E_PW] = {"pw", "PW missing or longer than 6 characters", 3},
    [HJ212_E_MN] = {"mn", "MN missing, empty or longer than 24 characters", 4},
    [HJ212_E_FLAG] = {"flag", "Flag not a number or with unknown version bits", 6},
    [HJ212_E_SPLIT] = {"split", "PNUM/PNO missing or inconsistent with the Flag D bit", 100},
    [HJ212_E_CP] = {"cp", "CP missing, not &&...&&, or a CP field malformed", 100},
    [HJ212_E_LIMIT] = {"limit", "too many CP fields or items", 100},
    [HJ212_E_CRYPT] = {"crypt", "CP encrypted without a key, or decryption failed", 100},
    [HJ212_E_SPACE] = {"space", "output buffer too small", 100},
};

static const char *const warn_tab[HJ212_W__COUNT] = {
    "lowercrc", "spaces", "emptycp", "commaitem", "notrailer", "emptyfield", "noversion",
};

const char *hj212_errname(hj212_err e)
{
    return (unsigned)e < HJ212_E__COUNT ? err_tab[e].name : "unknown";
}

const char *hj212_strerror(hj212_err e)
{
    return (unsigned)e < HJ212_E__COUNT ? err_tab[e].text : "unknown error";
}

int hj212_qnrtn(hj212_err e)
{
    return (unsigned)e < HJ212_E__COUNT ? err_tab[e].qnrtn : 100;
}

const char *hj212_warnname(unsigned bit)
{
    for (unsigned i = 0; i < HJ212_W__COUNT; i++)
        if (bit == (1u << i)) return warn_tab[i];
    return "unknown";
}

#define CLS(c, k) (hj212_cls[(unsigned char)(c)] & (k))

/* --- small helpers -------------------------------------------------------------------- */

size_t hj212__maxlen(const hj212_opts *o)
{
    size_t m = (o && o->max_len) ? o->max_len : HJ212_MAX_DEFAULT;
    return m > HJ212_MAX_LIMIT ? HJ212_MAX_LIMIT : m;
}

void hj212__reset(hj212_packet *pkt)
{
    memset(pkt, 0, offsetof(hj212_packet, hx));
    pkt->version = HJ212_V2005;
    pkt->arena = 0;
    pkt->detail[0] = '\0';
}

static int is_digit(int c)
{
    return (unsigned)(c - '0') < 10u;
}

static int hexval(int c)
{
    if (is_digit(c)) return c - '0';
    if ((unsigned)(c - 'A') < 6u) return c - 'A' + 10;
    if ((unsigned)(c - 'a') < 6u) return c - 'a' + 10;
    return -1;
}

/* 4 hex digits; *lower set when any is a lowercase letter. */
static int crc_field(const char *p, uint16_t *v, int *lower)
{
    unsigned r = 0;
    *lower = 0;
    for (int i = 0; i < 4; i++) {
        int d = hexval((unsigned char)p[i]);
        if (d < 0) return 0;
        if (p[i] >= 'a') *lower = 1;
        r = r << 4 | (unsigned)d;
    }
    *v = (uint16_t)r;
    return 1;
}

/* A decimal number of 1..maxd digits. */
static int str_uint(hj212_str s, unsigned maxd, long *v)
{
    long r = 0;
    if (s.n == 0 || s.n > maxd) return 0;
    for (uint32_t i = 0; i < s.n; i++) {
        if (!is_digit(s.p[i])) return 0;
        r = r * 10 + (s.p[i] - '0');
    }
    *v = r;
    return 1;
}

static int str_eq(hj212_str s, const char *lit, size_t n)
{
    return s.n == n && memcmp(s.p, lit, n) == 0;
}

/* The 8 bytes of w are all decimal digits (bytewise, so any byte order). */
static int digits8(uint64_t w)
{
    const uint64_t hi = 0xF0F0F0F0F0F0F0F0ull, d0 = 0x3030303030303030ull;
    return (w & hi) == d0 && ((w + 0x0606060606060606ull) & hi) == d0;
}

/* YYYYMMDDhhmmsszzz with a real calendar date and time of day (hjtime: from the year 1900).
 * The digits are checked eight at a time here, the date by the calendar. */
static int qn_valid(hj212_str s)
{
    uint64_t a = 0, b = 0;
    if (s.n != 17) return 0;
    memcpy(&a, s.p, 8);
    memcpy(&b, s.p + 8, 8);
    return digits8(a) && digits8(b) && is_digit(s.p[16]) && hjtime_stamp_valid(s.p);
}

/* CP content that is only hex digits, a whole number of SM4 blocks: encrypted (a plaintext
 * CP with any field has '='). Stops at the first non-hex byte, so plaintext costs little. */
static int cp_looks_encrypted(const char *p, size_t n)
{
    if (n == 0 || n % 32 != 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (hexval((unsigned char)p[i]) < 0) return 0;
    return 1;
}

/* Scans to the first byte that is not a key byte / that ends a plain value. Sixteen bytes
 * at a time with SSE2 while 16 remain before e; the scalar tail stops at the sentinel e[0]. */
#ifdef HJ212_SSE2
static inline __m128i in_range(__m128i x, char lo, char span)
{
    __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
}

static inline const char *skip_key(const char *p, const char *e, const char **dash)
{
    while (e - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i ok = _mm_or_si128(in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25),
                                  in_range(x, '0', 9));
        ok = _mm_or_si128(ok,
                          _mm_or_si128(in_range(x, '-', 1), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
        unsigned m = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
        unsigned d = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')));
        if (m) d &= (1u << __builtin_ctz(m)) - 1u;
        if (d && !*dash) *dash = p + __builtin_ctz(d);
        if (m) return p + __builtin_ctz(m);
        p += 16;
    }
    for (; CLS(*p, HJ212_C_KEY); p++)
        if (*p == '-' && !*dash) *dash = p;
    return p;
}

static inline const char *simd_value(const char *p, const char *e)
{
    while (e - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i st = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8(';')));
        st = _mm_or_si128(st, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('=')),
                                           _mm_cmpeq_epi8(x, _mm_set1_epi8('&'))));
        __m128i ctl =
            _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')), in_range(x, 0, 0x1F));
        st = _mm_or_si128(st, _mm_or_si128(ctl, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
        unsigned m = (unsigned)_mm_movemask_epi8(st);
        if (m) return p + __builtin_ctz(m);
        p += 16;
    }
    return p;
}

static inline const char *skip_value(const char *p, const char *e)
{
    p = simd_value(p, e);
    while (!CLS(*p, HJ212_C_VSTOP))
        p++;
    return p;
}
#else
static const char *simd_value(const char *p, const char *e)
{
    (void)e;
    return p;
}

static const char *skip_key(const char *p, const char *e, const char **dash)
{
    (void)e;
    for (; CLS(*p, HJ212_C_KEY); p++)
        if (*p == '-' && !*dash) *dash = p;
    return p;
}

static const char *skip_value(const char *p, const char *e)
{
    (void)e;
    while (!CLS(*p, HJ212_C_VSTOP))
        p++;
    return p;
}
#endif

/* --- header --------------------------------------------------------------------------- */

enum { H_QN = 1, H_ST = 2, H_CN = 4, H_PW = 8, H_MN = 16, H_FLAG = 32, H_PNUM = 64, H_PNO = 128 };

/* Reads "key=value;" pairs up to "CP=&&"; fills the packet's header slices as it goes. */
static hj212_err parse_header(hj212_packet *pkt, const char *seg, size_t n, const char **cpp,
                              unsigned *seenp, const char **why)
{
    const char *p = seg, *end = seg + n;
    unsigned seen = 0;

    while (p < end) {
        const char *k = p;
        unsigned bit = 0;
        hj212_str *dst = NULL;
        if (end - p >= 5) { /* the usual keys, known by their bytes up to '=' */
            switch (p[0]) {
            case 'C':
                if (p[1] == 'P' && p[2] == '=' && p[3] == '&' && p[4] == '&') {
                    *cpp = p + 5;
                    *seenp = seen;
                    return HJ212_OK;
                }
                if (p[1] == 'N' && p[2] == '=') bit = H_CN, dst = &pkt->cn;
                break;
            case 'Q':
                if (p[1] == 'N' && p[2] == '=') bit = H_QN, dst = &pkt->qn;
                break;
            case 'S':
                if (p[1] == 'T' && p[2] == '=') bit = H_ST, dst = &pkt->st;
                break;
            case 'P':
                if (p[1] == 'W' && p[2] == '=') bit = H_PW, dst = &pkt->pw;
                break;
            case 'M':
                if (p[1] == 'N' && p[2] == '=') bit = H_MN, dst = &pkt->mn;
                break;
            case 'F':
                if (p[1] == 'l' && p[2] == 'a' && p[3] == 'g' && p[4] == '=') bit = H_FLAG;
                break;
            default:
                break;
            }
        }
        hj212_str key = {k, 0};
        if (bit != 0) {
            p += bit == H_FLAG ? 4 : 2;
            key.n = (uint32_t)(p - k);
        } else {
            while (p < end && CLS(*p, HJ212_C_KEY))
                p++;
            if (p == end || *p != '=' || p == k) {
                *seenp = seen;
                if (p == end && (size_t)(p - k) <= 2 && memcmp(k, "CP", (size_t)(p - k)) == 0)
                    return *why = "CP missing", HJ212_E_CP;
                return *why = "header field is not key=value", HJ212_E_SYNTAX;
            }
            key.n = (uint32_t)(p - k);
        }
        const char *v = ++p;
        p = simd_value(p, end); /* stops early at ',' or '&': the loop goes on from there */
        while (p < end && !CLS(*p, HJ212_C_HSTOP))
            p++;
        if (p < end && *p != ';')
            return *seenp = seen, *why = "bad character in a header value", HJ212_E_SYNTAX;
        hj212_str val = {v, (uint32_t)(p - v)};
        if (p == end) {
            *seenp = seen;
            if (str_eq(key, "CP", 2)) return *why = "CP does not start with &&", HJ212_E_CP;
            return *why = "header field not ended by ';' (CP missing?)", HJ212_E_CP;
        }
        p++;
        if (bit == 0) {
            switch (key.n) {
            case 2:
                if (str_eq(key, "QN", 2))
                    bit = H_QN, dst = &pkt->qn;
                else if (str_eq(key, "ST", 2))
                    bit = H_ST, dst = &pkt->st;
                else if (str_eq(key, "CN", 2))
                    bit = H_CN, dst = &pkt->cn;
                else if (str_eq(key, "PW", 2))
                    bit = H_PW, dst = &pkt->pw;
                else if (str_eq(key, "MN", 2))
                    bit = H_MN, dst = &pkt->mn;
                else if (str_eq(key, "CP", 2))
                    return *seenp = seen, *why = "CP does not start with &&", HJ212_E_CP;
                break;
            case 3:
                if (str_eq(key, "PNO", 3)) bit = H_PNO;
                break;
            case 4:
                if (str_eq(key, "Flag", 4))
                    bit = H_FLAG;
                else if (str_eq(key, "PNUM", 4))
                    bit = H_PNUM;
                break;
            default:
                break;
            }
        }
        if (bit == 0) {
            if (pkt->nhx >= HJ212_MAX_HEXTRA)
                return *seenp = seen, *why = "too many unknown header fields", HJ212_E_SYNTAX;
            hj212_field *x = &pkt->hx[pkt->nhx++];
            x->key = x->code = key;
            x->suffix.p = key.p + key.n;
            x->suffix.n = 0;
            x->value = val;
            continue;
        }
        if (seen & bit) return *seenp = seen, *why = "header field repeated", HJ212_E_SYNTAX;
        seen |= bit;
        if (dst) {
            *dst = val;
            pkt->has_qn |= bit == H_QN; /* kept on a later error, for the reply */
            continue;
        }
        long num = 0;
        if (bit == H_FLAG) {
            pkt->has_flag = 1;
            if (!str_uint(val, 3, &num) || num > 255)
                return *seenp = seen, *why = "Flag is not a number 0..255", HJ212_E_FLAG;
            pkt->flag = (unsigned)num;
            if (HJ212_FLAG_VER(pkt->flag) == HJ212_VERBITS_2017)
                pkt->version = HJ212_V2017;
            else if (HJ212_FLAG_VER(pkt->flag) == HJ212_VERBITS_2025)
                pkt->version = HJ212_V2025;
        } else {
            if (!str_uint(val, 4, &num) || num < 1)
                return *seenp = seen, *why = "PNUM/PNO is not a number 1..9999", HJ212_E_SPLIT;
            if (bit == H_PNUM)
                pkt->pnum = (int)num;
            else
                pkt->pno = (int)num;
        }
    }
    *seenp = seen;
    return *why = "CP missing", HJ212_E_CP;
}

static hj212_err validate_header(hj212_packet *pkt, unsigned seen, const char **why)
{
    long num = 0;

    pkt->has_qn = (seen & H_QN) != 0;
    if (pkt->has_flag) {
        unsigned vb = HJ212_FLAG_VER(pkt->flag);
        if (vb == HJ212_VERBITS_2017)
            pkt->version = HJ212_V2017;
        else if (vb == HJ212_VERBITS_2025)
            pkt->version = HJ212_V2025;
        else if (vb == HJ212_VERBITS_2005)
            pkt->version = HJ212_V2005;
        else
            return *why = "unknown version bits in Flag", HJ212_E_FLAG;
    } else {
        pkt->version = HJ212_V2005;
    }
    if (!pkt->has_qn || !pkt->has_flag) pkt->warnings |= HJ212_W_NOVERSION;
    if (pkt->has_qn ? !qn_valid(pkt->qn) : pkt->version != HJ212_V2005)
        return *why = pkt->has_qn ? "QN is not a valid YYYYMMDDhhmmsszzz" : "QN missing",
               HJ212_E_QN;
    if (!(seen & H_ST) || !str_uint(pkt->st, 5, &num))
        return *why = "ST missing or not a number", HJ212_E_ST;
    pkt->st_num = (int)num;
    if (!(seen & H_CN) || !str_uint(pkt->cn, 5, &num))
        return *why = "CN missing or not a number", HJ212_E_CN;
    pkt->cn_num = (int)num;
    if (!(seen & H_PW) || pkt->pw.n > 6) return *why = "PW missing or longer than 6", HJ212_E_PW;
    if (!(seen & H_MN) || pkt->mn.n == 0 || pkt->mn.n > 24)
        return *why = "MN missing, empty or longer than 24", HJ212_E_MN;
    int has_split = (seen & (H_PNUM | H_PNO)) != 0;
    if (has_split && (seen & (H_PNUM | H_PNO)) != (H_PNUM | H_PNO))
        return *why = "PNUM without PNO or PNO without PNUM", HJ212_E_SPLIT;
    if (pkt->has_flag && (pkt->flag & HJ212_FLAG_D) && !has_split)
        return *why = "Flag D bit set without PNUM/PNO", HJ212_E_SPLIT;
    if (pkt->has_flag && !(pkt->flag & HJ212_FLAG_D) && has_split)
        return *why = "PNUM/PNO present but the Flag D bit is clear", HJ212_E_SPLIT;
    if (has_split && pkt->pno > pkt->pnum) return *why = "PNO greater than PNUM", HJ212_E_SPLIT;
    return HJ212_OK;
}

/* --- CP ------------------------------------------------------------------------------- */

/* Appends field k..ke = v..ve (dash: the first '-' in the key, or ke); a new item when
 * *newitem (or when a ',' separates two codes: the standard's comma typo). */
static hj212_err add_field(hj212_packet *pkt, unsigned *nfp, unsigned *nip, int *newitem,
                           const char *k, const char *ke, const char *dash, const char *v,
                           const char *ve, const char **why)
{
    unsigned nf = *nfp, ni = *nip;
    hj212_str code = {k, (uint32_t)(dash - k)};
    hj212_str suffix = {dash < ke ? dash + 1 : ke, (uint32_t)(dash < ke ? ke - dash - 1 : 0)};
    if (!*newitem && nf > 0 && suffix.n > 0) {
        const hj212_field *prev = &pkt->fields[nf - 1];
        int same = prev->code.n == code.n && memcmp(prev->code.p, code.p, code.n) == 0;
        if (prev->suffix.n > 0 && !same) {
            *newitem = 1; /* "a-Rtd=1,b-Rtd=2": the standard's comma typo */
            pkt->warnings |= HJ212_W_COMMAITEM;
        }
    }
    if (nf >= HJ212_MAX_FIELDS) return *why = "more than HJ212_MAX_FIELDS CP fields", HJ212_E_LIMIT;
    if (*newitem || ni == 0) {
        if (ni >= HJ212_MAX_ITEMS)
            return *why = "more than HJ212_MAX_ITEMS CP items", HJ212_E_LIMIT;
        pkt->items[ni].first = (uint16_t)nf;
        pkt->items[ni].count = 0;
        ni++;
        *newitem = 0;
    }
    hj212_field *f = &pkt->fields[nf++];
    f->key.p = k;
    f->key.n = (uint32_t)(ke - k);
    f->code = code;
    f->suffix = suffix;
    f->value.p = v;
    f->value.n = (uint32_t)(ve - v);
    pkt->items[ni - 1].count++;
    *nfp = nf;
    *nip = ni;
    return HJ212_OK;
}

/* Splits CP content p[0..e) into fields and items. e[0] must be readable and not a key
 * byte nor a value byte ('&' of the closing "&&"): it stops the scans without bounds
 * checks in the inner loops. */
static hj212_err parse_cp(hj212_packet *pkt, const char *p, const char *e, const char **why)
{
    unsigned nf = 0, ni = 0;
    int newitem = 1;
    const char *q = p;

    while (q < e && CLS(*q, HJ212_C_BLANK))
        q++;
    if (q == e) {
        if (p < e) pkt->warnings |= HJ212_W_EMPTYCP;
        pkt->nfields = pkt->nitems = 0;
        return HJ212_OK;
    }
    while (p < e) {
        const char *k, *ke, *v, *ve, *dash;
        if (CLS(*p, HJ212_C_BLANK)) {
            while (p < e && CLS(*p, HJ212_C_BLANK))
                p++;
            pkt->warnings |= HJ212_W_SPACES;
        }
        k = p;
        dash = NULL;
        ke = p = skip_key(p, e, &dash);
        if (p > e) return *why = "CP field runs past the end", HJ212_E_CP; /* decrypted garbage */
        if (p < e && CLS(*p, HJ212_C_BLANK)) {
            while (p < e && CLS(*p, HJ212_C_BLANK))
                p++;
            pkt->warnings |= HJ212_W_SPACES;
        }
        if (k == ke && (p == e || *p == ';' || *p == ',')) {
            pkt->warnings |= HJ212_W_EMPTYFIELD; /* ";;" ",," or a separator at an end */
            if (p < e) {
                newitem |= *p == ';';
                p++;
            }
            continue;
        }
        if (k == ke || p == e || *p != '=') return *why = "CP field is not key=value", HJ212_E_CP;
        p++;
        if (CLS(*p, HJ212_C_BLANK) && p < e) {
            while (p < e && CLS(*p, HJ212_C_BLANK))
                p++;
            pkt->warnings |= HJ212_W_SPACES;
        }
        v = p;
        if (p[0] == '/' && e - p >= 2 && p[1] == '/') {
            /* //log text//: may hold ';' ',' '='; ends at "//" before a separator or CP end */
            const char *s = p + 2;
            for (;;) {
                s = memchr(s, '/', (size_t)(e - s));
                if (!s || e - s < 2) return *why = "log text not closed by //", HJ212_E_CP;
                if (s[1] == '/' && (e - s == 2 || s[2] == ';' || s[2] == ',')) {
                    p = s + 2;
                    break;
                }
                s++;
            }
            ve = p;
        } else {
            for (;;) {
                p = skip_value(p, e);
                if (*p == '&' && p < e) { /* '&' inside a value */
                    p++;
                    continue;
                }
                break;
            }
            if (p > e || (p < e && *p != ';' && *p != ','))
                return *why = "bad character in a CP value", HJ212_E_CP;
            ve = p;
            if (ve > v && CLS(ve[-1], HJ212_C_BLANK)) {
                while (ve > v && CLS(ve[-1], HJ212_C_BLANK))
                    ve--;
                pkt->warnings |= HJ212_W_SPACES;
            }
        }
        hj212_err fe = add_field(pkt, &nf, &ni, &newitem, k, ke, dash ? dash : ke, v, ve, why);
        if (fe != HJ212_OK) return fe;
        if (p < e) {
            newitem = *p == ';';
            if (++p == e) pkt->warnings |= HJ212_W_EMPTYFIELD; /* separator before the closing && */
        }
    }
    pkt->nfields = (uint16_t)nf;
    pkt->nitems = (uint16_t)ni;
    return HJ212_OK;
}

#ifdef HJ212_SSE2
/* Fast path for the common CP: every byte a key byte or one of '=' ',' ';', every element
 * "key=value" with a non-empty key. Bit masks of the structure (by 64 bytes) make one pass
 * over the bytes; the fields are then read off the masks. Anything else (blanks, "//log//",
 * '&' or other value bytes, empty elements, limits) is left to parse_cp, which gives the
 * same result on what this accepts. */
enum { CPF_MAX = 4096, CPF_WORDS = CPF_MAX / 64 };

/* Bytes of x in lo..lo+span (span < 127): one add, one signed compare. */
static inline __m128i cpf_range(__m128i x, int lo, int span)
{
    __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + span + 1)));
}

/* Masks of 64 bytes at p: separators (',' ';' '='), '-'. *ok keeps 0xFF only in the
 * bytes where every block so far had a key byte or a separator. */
static inline void cpf_block(const char *p, uint64_t *st, uint64_t *da, __m128i *ok)
{
    uint64_t s = 0, d = 0;
    __m128i acc = *ok;
    for (int c = 0; c < 4; c++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * c));
        __m128i ms = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8(';')));
        ms = _mm_or_si128(ms, _mm_cmpeq_epi8(x, _mm_set1_epi8('=')));
        __m128i md = _mm_cmpeq_epi8(x, _mm_set1_epi8('-'));
        __m128i k = _mm_or_si128(cpf_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25),
                                 cpf_range(x, ',', 2)); /* , - . */
        k = _mm_or_si128(k,
                         _mm_or_si128(cpf_range(x, '0', 9), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
        acc = _mm_and_si128(acc, _mm_or_si128(k, ms));
        unsigned sh = 16u * (unsigned)c;
        s |= (uint64_t)(unsigned)_mm_movemask_epi8(ms) << sh;
        d |= (uint64_t)(unsigned)_mm_movemask_epi8(md) << sh;
    }
    *st = s;
    *da = d;
    *ok = acc;
}

/* a[0..n) == b[0..n), without reading past either. */
static inline int cpf_same(const char *a, const char *b, size_t n)
{
    uint64_t x = 0, y = 0;
    uint32_t u = 0, v = 0, u2 = 0, v2 = 0;
    if (n >= 4 && n <= 8) {
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        memcpy(&u2, a + n - 4, 4);
        memcpy(&v2, b + n - 4, 4);
        return u == v && u2 == v2;
    }
    if (n > 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y) return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* 1 when CP p[0..n) was parsed into pkt; 0 when parse_cp must do it (pkt's fields and
 * items may then hold garbage, its counts and warnings are untouched). p[n] is readable
 * (the closing '&'). */
static int parse_cp_fast(hj212_packet *pkt, const char *p, size_t n)
{
    uint64_t st[CPF_WORDS], da[CPF_WORDS];
    size_t nb = (n + 63) / 64, full = n / 64;
    __m128i ok = _mm_set1_epi8(-1);

    if (n == 0 || n > CPF_MAX) return 0;
    for (size_t b = 0; b < full; b++)
        cpf_block(p + 64 * b, &st[b], &da[b], &ok);
    if (full < nb) {
        unsigned r = (unsigned)(n - 64 * full); /* 1..63 bytes left */
        if (full > 0) { /* the last 64 bytes, shifted down: no copy, no read past n */
            uint64_t s = 0, d = 0;
            cpf_block(p + n - 64, &s, &d, &ok);
            st[full] = s >> (64 - r);
            da[full] = d >> (64 - r);
        } else {
            char tail[64];
            memset(tail, 'a', sizeof tail);
            memcpy(tail, p, r);
            cpf_block(tail, &st[0], &da[0], &ok);
        }
    }
    if (_mm_movemask_epi8(ok) != 0xFFFF) return 0;

    hj212_field *f = pkt->fields, *fend = pkt->fields + HJ212_MAX_FIELDS;
    unsigned ni = 0, first = 0, warn = 0;
    int newitem = 1;
    size_t pos = 0, w = 0;
    uint64_t cur = st[0]; /* separators not yet consumed, in word w */
    for (;;) {
        size_t i = 0, j = 0, d = 0;
        while (cur == 0) {
            if (++w >= nb) return 0; /* no '=' */
            cur = st[w];
        }
        i = w * 64 + (unsigned)__builtin_ctzll(cur); /* the '=' */
        cur &= cur - 1;
        if (i == pos || p[i] != '=') return 0;
        while (cur == 0) {
            if (++w >= nb) break;
            cur = st[w];
        }
        j = cur ? w * 64 + (unsigned)__builtin_ctzll(cur) : n; /* the separator, or the end */
        cur &= cur - 1;
        if (p[j] == '=') return 0; /* p[n] is '&' */
        uint64_t dx = da[pos >> 6] >> (pos & 63);
        if (dx) {
            d = pos + (unsigned)__builtin_ctzll(dx);
        } else {
            d = i;
            for (size_t k = (pos >> 6) + 1; k * 64 < i; k++)
                if (da[k]) {
                    d = k * 64 + (unsigned)__builtin_ctzll(da[k]);
                    break;
                }
        }
        if (d > i) d = i;
        uint32_t cn = (uint32_t)(d - pos), sn = d < i ? (uint32_t)(i - d - 1) : 0;
        if (!newitem && sn > 0 && f[-1].suffix.n > 0 &&
            !(f[-1].code.n == cn && cpf_same(f[-1].code.p, p + pos, cn))) {
            newitem = 1; /* "a-Rtd=1,b-Rtd=2": the standard's comma typo */
            warn |= HJ212_W_COMMAITEM;
        }
        if (f == fend) return 0;
        unsigned nf = (unsigned)(f - pkt->fields);
        if (newitem) {
            if (ni >= HJ212_MAX_ITEMS) return 0;
            if (ni > 0) pkt->items[ni - 1].count = (uint16_t)(nf - first);
            pkt->items[ni].first = (uint16_t)nf;
            first = nf;
            ni++;
        }
        f->key.p = p + pos;
        f->key.n = (uint32_t)(i - pos);
        f->code.p = p + pos;
        f->code.n = cn;
        f->suffix.p = p + d + (d < i);
        f->suffix.n = sn;
        f->value.p = p + i + 1;
        f->value.n = (uint32_t)(j - i - 1);
        f++;
        if (j == n) break;
        newitem = p[j] == ';';
        pos = j + 1;
        if (pos == n) return 0; /* separator before the closing && */
    }
    unsigned nf = (unsigned)(f - pkt->fields);
    pkt->items[ni - 1].count = (uint16_t)(nf - first);
    pkt->nfields = (uint16_t)nf;
    pkt->nitems = (uint16_t)ni;
    pkt->warnings |= warn;
    return 1;
}
#else
static int parse_cp_fast(hj212_packet *pkt, const char *p, size_t n)
{
    (void)pkt;
    (void)p;
    (void)n;
    return 0;
}
#endif

/* --- segment -------------------------------------------------------------------------- */

static hj212_err decrypt_cp(hj212_packet *pkt, const char *cp, size_t n, const hj212_opts *o,
                            const char **why)
{
    size_t m = n / 2, room = sizeof pkt->cpbuf - pkt->arena;
    unsigned char *bin = (unsigned char *)pkt->cpbuf + pkt->arena;

    if (!o || !o->cipher) return *why = "CP is encrypted and no key is configured", HJ212_E_CRYPT;
    if (m * 2 + 2 > room) return *why = "encrypted CP too long", HJ212_E_CRYPT;
    for (size_t i = 0; i < m; i++)
        bin[i] = (unsigned char)(hexval((unsigned char)cp[2 * i]) << 4 |
                                 hexval((unsigned char)cp[2 * i + 1]));
    int r = o->cipher->decrypt(o->cipher->ctx, bin, m, bin + m, room - m - 2);
    if (r < 0 || (size_t)r > room - m - 2)
        return *why = "CP decryption failed (wrong key?)", HJ212_E_CRYPT;
    memcpy(bin + m + r, "&&", 2); /* parse_cp's sentinel */
    pkt->cp.p = (const char *)bin + m;
    pkt->cp.n = (uint32_t)r;
    pkt->arena += (uint32_t)(m + (size_t)r + 2);
    pkt->encrypted = 1;
    return HJ212_OK;
}

hj212_err hj212__parse_seg(hj212_packet *pkt, const char *seg, size_t n, const hj212_opts *o,
                           int check_crc, uint16_t want, const char **why)
{
    const char *cp = NULL, *hwhy = NULL;
    unsigned seen = 0;
    uint16_t got = 0;
    hj212_err e;

    pkt->seg.p = seg;
    pkt->seg.n = (uint32_t)n;
    hj212_err he = parse_header(pkt, seg, n, &cp, &seen, &hwhy);
    int closed = he == HJ212_OK && seg + n - cp >= 2 && seg[n - 2] == '&' && seg[n - 1] == '&';
    if (closed && cp_looks_encrypted(cp, (size_t)(seg + n - 2 - cp))) {
        e = decrypt_cp(pkt, cp, (size_t)(seg + n - 2 - cp), o, why);
        if (e != HJ212_OK) return e;
        got = hj212_crc_update(hj212_crc(seg, (size_t)(cp - seg)), pkt->cp.p, pkt->cp.n);
        got = hj212_crc_update(got, "&&", 2);
    } else {
        got = check_crc ? hj212_crc(seg, n) : 0;
        if (closed) {
            pkt->cp.p = cp;
            pkt->cp.n = (uint32_t)(seg + n - 2 - cp);
        }
    }
    if (check_crc && got != want) {
        snprintf(pkt->detail, sizeof pkt->detail, "CRC computed %04X, received %04X", (unsigned)got,
                 (unsigned)want);
        return *why = pkt->detail, HJ212_E_CRC;
    }
    if (he != HJ212_OK) return *why = hwhy, he;
    if (!closed) return *why = "CP not closed by && at the end of the data segment", HJ212_E_CP;
    e = validate_header(pkt, seen, why);
    if (e != HJ212_OK) return e;
    if (parse_cp_fast(pkt, pkt->cp.p, pkt->cp.n)) return HJ212_OK;
    return parse_cp(pkt, pkt->cp.p, pkt->cp.p + pkt->cp.n, why);
}

hj212_err hj212_parse_segment(hj212_packet *pkt, const char *seg, size_t n, const hj212_opts *o,
                              const char **detail)
{
    const char *why = NULL;
    hj212__reset(pkt);
    hj212_err e = n > hj212__maxlen(o)
                      ? (why = "data segment longer than the maximum", HJ212_E_TOOBIG)
                      : hj212__parse_seg(pkt, seg, n, o, 0, 0, &why);
    if (detail) *detail = why;
    return e;
}

/* --- frame ---------------------------------------------------------------------------- */

/* When the length field is wrong but the input is a whole frame (its CRC matches at the
 * real end), says so: a corrupted length, not a truncated or corrupted packet. */
static int wrong_length(hj212_packet *pkt, const char *buf, size_t n, unsigned len,
                        const char **why)
{
    uint16_t c = 0;
    int lower = 0;
    if (n >= 2 && buf[n - 2] == '\r' && buf[n - 1] == '\n')
        n -= 2;
    else if (n >= 1 && buf[n - 1] == '\n')
        n -= 1;
    if (n < 10 || n - 10 == len || !crc_field(buf + n - 4, &c, &lower)) return 0;
    if (hj212_crc(buf + 6, n - 10) != c) return 0;
    snprintf(pkt->detail, sizeof pkt->detail, "length field says %u, data segment has %zu bytes",
             len, n - 10);
    *why = pkt->detail;
    return 1;
}

/* The frame's CRC field and data segment, once its framing checked out (buf[0..len+10)). */
static hj212_err frame_body(hj212_packet *pkt, const char *buf, unsigned len, int crlf,
                            const hj212_opts *o, const char **why)
{
    uint16_t want = 0;
    int lower = 0;

    if (!crlf) pkt->warnings |= HJ212_W_NOTRAILER;
    if (!crc_field(buf + 6 + len, &want, &lower)) {
        const char *cp = NULL, *hw = NULL;
        unsigned seen = 0;
        (void)parse_header(pkt, buf + 6, len, &cp, &seen, &hw); /* QN for the reply */
        return *why = "CRC field is not 4 hex digits", HJ212_E_CRC;
    }
    if (lower) pkt->warnings |= HJ212_W_LOWERCRC;
    pkt->crc = want;
    return hj212__parse_seg(pkt, buf + 6, len, o, 1, want, why);
}

hj212_err hj212__parse_framed(hj212_packet *pkt, const char *buf, unsigned len, int crlf,
                              const hj212_opts *o, const char **why)
{
    hj212__reset(pkt);
    return frame_body(pkt, buf, len, crlf, o, why);
}

static hj212_err parse_frame(hj212_packet *pkt, const char *buf, size_t n, const hj212_opts *o,
                             const char **why)
{
    unsigned len = 0;
    uint16_t want = 0;
    int lower = 0;

    if (n < 2 || buf[0] != '#' || buf[1] != '#')
        return *why = "no \"##\" at the start", HJ212_E_FRAME;
    if (n < 6) {
        for (size_t i = 2; i < n; i++)
            if (!is_digit(buf[i]))
                return *why = "length field is not 4 decimal digits", HJ212_E_LENGTH;
        return *why = "input ends inside the length field", HJ212_E_TRUNC;
    }
    if (!hj212__len4(buf + 2, &len))
        return *why = "length field is not 4 decimal digits", HJ212_E_LENGTH;
    if (len > hj212__maxlen(o)) {
        snprintf(pkt->detail, sizeof pkt->detail, "length %u beyond the maximum %zu", len,
                 hj212__maxlen(o));
        return *why = pkt->detail, HJ212_E_TOOBIG;
    }
    size_t end = 6 + (size_t)len + 4;
    if (n < end) {
        if (wrong_length(pkt, buf, n, len, why)) return HJ212_E_LENGTH;
        snprintf(pkt->detail, sizeof pkt->detail, "input ends after %zu of %zu bytes", n, end);
        return *why = pkt->detail, HJ212_E_TRUNC;
    }
    size_t rest = n - end;
    const char *t = buf + end;
    if (!(rest == 0 || (rest == 1 && (t[0] == '\n' || t[0] == '\r')) ||
          (rest == 2 && t[0] == '\r' && t[1] == '\n'))) {
        if (wrong_length(pkt, buf, n, len, why)) return HJ212_E_LENGTH;
        if (crc_field(buf + end - 4, &want, &lower) && hj212_crc(buf + 6, len) == want)
            return *why = "bytes after the CRC are not CR LF", HJ212_E_TRAILER;
        return *why = "length field does not match the frame", HJ212_E_LENGTH;
    }
    return frame_body(pkt, buf, len, rest == 2, o, why);
}

hj212_err hj212_parse(hj212_packet *pkt, const char *buf, size_t n, const hj212_opts *o,
                      const char **detail)
{
    const char *why = NULL;
    hj212__reset(pkt);
    hj212_err e = parse_frame(pkt, buf, n, o, &why);
    if (detail) *detail = why;
    return e;
}

const hj212_field *hj212_find(const hj212_packet *pkt, const char *key)
{
    size_t n = strlen(key);
    for (unsigned i = 0; i < pkt->nfields; i++) {
        const hj212_field *f = &pkt->fields[i];
        if (f->key.n == n && memcmp(f->key.p, key, n) == 0) return f;
    }
    return NULL;
}

/* --- encoding ------------------------------------------------------------------------- */

typedef struct wbuf {
    char *p, *end;
    int ovf;
} wbuf;

static void wput(wbuf *w, const void *s, size_t n)
{
    if (n == 0) return; /* s may be NULL (an empty slice) */
    if ((size_t)(w->end - w->p) < n) {
        w->ovf = 1;
        return;
    }
    memcpy(w->p, s, n);
    w->p += n;
}

static void wlit(wbuf *w, const char *s)
{
    wput(w, s, strlen(s));
}

static void wstr(wbuf *w, hj212_str s)
{
    wput(w, s.p, s.n);
}

static void wuint(wbuf *w, unsigned long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    wput(w, tmp + i, sizeof tmp - i);
}

static void wfield(wbuf *w, const char *key, hj212_str v)
{
    wlit(w, key);
    wstr(w, v);
    wput(w, ";", 1);
}

static void wnum(wbuf *w, const char *key, hj212_str s, long num)
{
    wlit(w, key);
    if (s.n > 0)
        wstr(w, s);
    else
        wuint(w, (unsigned long)(num < 0 ? 0 : num));
    wput(w, ";", 1);
}

static unsigned verbits(hj212_version v)
{
    return v == HJ212_V2025   ? HJ212_VERBITS_2025
           : v == HJ212_V2017 ? HJ212_VERBITS_2017
                              : HJ212_VERBITS_2005;
}

/* The segment is at out+6 .. w->p, its CP content at cps .. w->p (no closing "&&" yet):
 * encrypts CP if asked, closes it, checks the length and writes the framing. */
static int enc_finish(wbuf *w, char *out, char *cps, int encrypt, const hj212_opts *o,
                      hj212_err *err)
{
    static const char hex[] = "0123456789ABCDEF";
    char *seg = out + 6;
    uint16_t crc = 0;
    hj212_err e = HJ212_OK;

    if (w->ovf) {
        e = HJ212_E_SPACE;
        goto fail;
    }
    if (encrypt && w->p > cps) {
        unsigned char ct[HJ212_MAX_LIMIT / 2 + 32];
        size_t pn = (size_t)(w->p - cps);
        crc = hj212_crc_update(hj212_crc(seg, (size_t)(cps - seg)), cps, pn);
        crc = hj212_crc_update(crc, "&&", 2);
        if (pn + 16 > sizeof ct) {
            e = HJ212_E_TOOBIG;
            goto fail;
        }
        int m = o->cipher->encrypt(o->cipher->ctx, (const unsigned char *)cps, pn, ct, sizeof ct);
        if (m < 0 || (size_t)m > sizeof ct) {
            e = HJ212_E_CRYPT;
            goto fail;
        }
        w->p = cps;
        if ((size_t)(w->end - w->p) < 2 * (size_t)m) {
            e = HJ212_E_SPACE;
            goto fail;
        }
        for (int i = 0; i < m; i++) {
            *w->p++ = hex[ct[i] >> 4];
            *w->p++ = hex[ct[i] & 15];
        }
        wput(w, "&&", 2);
    } else {
        wput(w, "&&", 2);
        crc = hj212_crc(seg, (size_t)(w->p - seg));
    }
    size_t len = (size_t)(w->p - seg);
    if (len > hj212__maxlen(o)) {
        e = HJ212_E_TOOBIG;
        goto fail;
    }
    char tail[6] = {
        hex[crc >> 12], hex[crc >> 8 & 15], hex[crc >> 4 & 15], hex[crc & 15], '\r', '\n'};
    wput(w, tail, 6);
    if (w->ovf) {
        e = HJ212_E_SPACE;
        goto fail;
    }
    out[0] = out[1] = '#';
    out[2] = (char)('0' + len / 1000);
    out[3] = (char)('0' + len / 100 % 10);
    out[4] = (char)('0' + len / 10 % 10);
    out[5] = (char)('0' + len % 10);
    if (err) *err = HJ212_OK;
    return (int)(w->p - out);
fail:
    if (err) *err = e;
    return -1;
}

int hj212_encode(const hj212_packet *pkt, char *out, size_t cap, const hj212_opts *o,
                 hj212_err *err)
{
    wbuf w = {out + 6, out + cap, 0};
    if (cap < 6) {
        if (err) *err = HJ212_E_SPACE;
        return -1;
    }
    if (pkt->has_qn) wfield(&w, "QN=", pkt->qn);
    wnum(&w, "ST=", pkt->st, pkt->st_num);
    wnum(&w, "CN=", pkt->cn, pkt->cn_num);
    wfield(&w, "PW=", pkt->pw);
    wfield(&w, "MN=", pkt->mn);
    if (pkt->has_flag) {
        wlit(&w, "Flag=");
        wuint(&w, pkt->flag);
        wput(&w, ";", 1);
    }
    if (pkt->pnum > 0) {
        wlit(&w, "PNUM=");
        wuint(&w, (unsigned long)pkt->pnum);
        wlit(&w, ";PNO=");
        wuint(&w, (unsigned long)pkt->pno);
        wput(&w, ";", 1);
    }
    for (unsigned i = 0; i < pkt->nhx && i < HJ212_MAX_HEXTRA; i++) {
        wstr(&w, pkt->hx[i].key);
        wput(&w, "=", 1);
        wstr(&w, pkt->hx[i].value);
        wput(&w, ";", 1);
    }
    wlit(&w, "CP=&&");
    char *cps = w.p;
    hj212_item all = {0, pkt->nfields};
    const hj212_item *items = pkt->nitems ? pkt->items : &all;
    unsigned nitems = pkt->nitems ? pkt->nitems : (pkt->nfields ? 1u : 0u);
    for (unsigned i = 0; i < nitems && !w.ovf; i++) {
        if (i > 0) wput(&w, ";", 1);
        for (unsigned j = 0; j < items[i].count; j++) {
            unsigned fi = items[i].first + j;
            if (fi >= pkt->nfields) break;
            if (j > 0) wput(&w, ",", 1);
            wstr(&w, pkt->fields[fi].key);
            wput(&w, "=", 1);
            wstr(&w, pkt->fields[fi].value);
        }
    }
    int enc = pkt->encrypted && o && o->cipher;
    if (pkt->encrypted && !enc) {
        if (err) *err = HJ212_E_CRYPT;
        return -1;
    }
    return enc_finish(&w, out, cps, enc, o, err);
}

/* --- builders ------------------------------------------------------------------------- */

static int arena_put(hj212_packet *pkt, const char *s, size_t n, hj212_str *dst)
{
    if (n > sizeof pkt->cpbuf - pkt->arena) return -1;
    memcpy(pkt->cpbuf + pkt->arena, s, n);
    dst->p = pkt->cpbuf + pkt->arena;
    dst->n = (uint32_t)n;
    pkt->arena += (uint32_t)n;
    return 0;
}

static void arena_str(hj212_packet *pkt, const char *s, hj212_str *dst)
{
    dst->p = pkt->cpbuf;
    dst->n = 0;
    if (s) (void)arena_put(pkt, s, strnlen(s, 64), dst);
}

static void arena_int(hj212_packet *pkt, int v, hj212_str *dst)
{
    char tmp[16];
    wbuf w = {tmp, tmp + sizeof tmp, 0};
    wuint(&w, (unsigned long)(v < 0 ? 0 : v));
    (void)arena_put(pkt, tmp, (size_t)(w.p - tmp), dst);
}

void hj212_init(hj212_packet *pkt, hj212_version v, const char *qn, int st, int cn, const char *pw,
                const char *mn, unsigned flag_ad)
{
    hj212__reset(pkt);
    pkt->nhx = 0;
    pkt->version = v;
    pkt->has_qn = qn != NULL && qn[0] != '\0';
    arena_str(pkt, pkt->has_qn ? qn : NULL, &pkt->qn);
    pkt->st_num = st;
    pkt->cn_num = cn;
    arena_int(pkt, st, &pkt->st);
    arena_int(pkt, cn, &pkt->cn);
    arena_str(pkt, pw, &pkt->pw);
    arena_str(pkt, mn, &pkt->mn);
    /* 2005 units sent Flag only for the A/D bits; later versions always carry it */
    pkt->has_flag = v != HJ212_V2005 || (flag_ad & 3u) != 0;
    pkt->flag = verbits(v) << 2 | (flag_ad & 3u);
}

int hj212_add(hj212_packet *pkt, const char *key, const char *value, int new_item)
{
    size_t kn = strlen(key), vn = strlen(value);
    int start = new_item || pkt->nitems == 0;

    if (pkt->nfields >= HJ212_MAX_FIELDS || (start && pkt->nitems >= HJ212_MAX_ITEMS) || kn == 0 ||
        kn + vn > sizeof pkt->cpbuf - pkt->arena)
        return -1;
    hj212_field *f = &pkt->fields[pkt->nfields];
    (void)arena_put(pkt, key, kn, &f->key);
    (void)arena_put(pkt, value, vn, &f->value);
    const char *dash = memchr(f->key.p, '-', kn);
    f->code.p = f->key.p;
    f->code.n = (uint32_t)(dash ? (size_t)(dash - f->key.p) : kn);
    f->suffix.p = dash ? dash + 1 : f->key.p + kn;
    f->suffix.n = (uint32_t)(dash ? kn - f->code.n - 1 : 0);
    if (start) {
        pkt->items[pkt->nitems].first = pkt->nfields;
        pkt->items[pkt->nitems].count = 0;
        pkt->nitems++;
    }
    pkt->items[pkt->nitems - 1].count++;
    pkt->nfields++;
    return 0;
}

int hj212_addf(hj212_packet *pkt, const char *key, double value, int decimals, int new_item)
{
    char buf[64];
    if (!isfinite(value) || value >= 1e18 || value <= -1e18) return -1;
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    int n = snprintf(buf, sizeof buf, "%.*f", decimals, value);
    if (n < 0 || (size_t)n >= sizeof buf) return -1;
    return hj212_add(pkt, key, buf, new_item);
}

int hj212_reply(const hj212_packet *req, int cn, int code, char *out, size_t cap,
                const hj212_opts *o)
{
    wbuf w = {out + 6, out + cap, 0};
    hj212_err e = HJ212_OK;

    if (cap < 6 || cn < 9011 || cn > 9015) return -1;
    if (req->has_qn) wfield(&w, "QN=", req->qn);
    wlit(&w, "ST=91;CN=");
    wuint(&w, (unsigned long)cn);
    wput(&w, ";", 1);
    wfield(&w, "PW=", req->pw);
    wfield(&w, "MN=", req->mn);
    if (req->has_flag || req->version != HJ212_V2005) {
        wlit(&w, "Flag=");
        wuint(&w, verbits(req->version) << 2);
        wput(&w, ";", 1);
    }
    wlit(&w, "CP=&&");
    char *cps = w.p;
    if (cn == 9011 || cn == 9012) {
        wlit(&w, cn == 9011 ? "QnRtn=" : "ExeRtn=");
        wuint(&w, (unsigned long)(code < 0 ? 0 : code));
    }
    return enc_finish(&w, out, cps, req->encrypted && o && o->cipher, o, &e);
}

int hj212_datatime(const char *s, size_t n, int64_t *ms_utc)
{
    return hjtime_parse_hj212(s, n, ms_utc) == 0;
}
