/*
 * hj212-split.c — reassembly of split packets (Flag D bit, PNUM/PNO).
 *
 * Each message in assembly keeps a copy of its header (from the first part seen, D
 * cleared, without PNUM/PNO) and of each part's plaintext CP. The joined CP is the parts'
 * CPs in PNO order separated by ';'; a later part that starts with the same "DataTime=..."
 * item as part 1 has that item dropped (each part of a split upload repeats it).
 * Bounds: max_pending messages, max_bytes of copies in all (parts refused beyond them), and
 * messages idle longer than timeout_ms (by the caller's clock) are dropped.
 */
#include "hj212.h"
#include "hj212-private.h"

#include <stdlib.h>
#include <string.h>

#define HDR_MAX HJ212_SPLIT_HDR_MAX

typedef struct rmsg {
    struct rmsg *next;
    char key[96]; /* MN \0 QN */
    size_t keylen;
    int cn, pnum, got, encrypted;
    int64_t last_ms;
    size_t bytes; /* accounted bytes of this message */
    char hdr[HDR_MAX];
    size_t hdrlen;
    char **part; /* [pnum] CP copies, NULL until received */
    uint32_t *plen;
} rmsg;

struct hj212_reasm {
    size_t max_pending, max_bytes, pending, bytes;
    int64_t timeout_ms;
    rmsg *head;
};

hj212_reasm *hj212_reasm_new(size_t max_pending, size_t max_bytes, int64_t timeout_ms)
{
    hj212_reasm *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->max_pending = max_pending;
    r->max_bytes = max_bytes;
    r->timeout_ms = timeout_ms;
    return r;
}

static void msg_free(hj212_reasm *r, rmsg **link)
{
    rmsg *m = *link;
    *link = m->next;
    for (int i = 0; i < m->pnum; i++)
        free(m->part[i]);
    free(m->part);
    free(m->plen);
    r->bytes -= m->bytes;
    r->pending--;
    free(m);
}

void hj212_reasm_free(hj212_reasm *r)
{
    if (!r) return;
    while (r->head)
        msg_free(r, &r->head);
    free(r);
}

size_t hj212_reasm_pending(const hj212_reasm *r)
{
    return r->pending;
}

size_t hj212_reasm_expire(hj212_reasm *r, int64_t now_ms)
{
    size_t n = 0;
    rmsg **link = &r->head;
    while (*link) {
        if (now_ms - (*link)->last_ms > r->timeout_ms) {
            msg_free(r, link);
            n++;
        } else {
            link = &(*link)->next;
        }
    }
    return n;
}

static int fail(hj212_err *err, hj212_err e)
{
    if (err) *err = e;
    return -1;
}

static size_t append(char *dst, size_t at, size_t cap, const char *s, size_t n)
{
    if (at > cap || n > cap - at) return cap + 1;
    memcpy(dst + at, s, n);
    return at + n;
}

size_t hj212_split_header(const hj212_packet *p, char *h, size_t cap)
{
    size_t n = 0;
    char num[8];
    int k = 0;
#define ADD(s, len) (n = append(h, n, cap, (s), (len)))
    if (p->has_qn) {
        ADD("QN=", 3);
        ADD(p->qn.p, p->qn.n);
        ADD(";", 1);
    }
    ADD("ST=", 3);
    ADD(p->st.p, p->st.n);
    ADD(";CN=", 4);
    ADD(p->cn.p, p->cn.n);
    ADD(";PW=", 4);
    ADD(p->pw.p, p->pw.n);
    ADD(";MN=", 4);
    ADD(p->mn.p, p->mn.n);
    ADD(";", 1);
    if (p->has_flag) {
        unsigned f = p->flag & ~HJ212_FLAG_D;
        k = 0;
        if (f >= 100) num[k++] = (char)('0' + f / 100);
        if (f >= 10) num[k++] = (char)('0' + f / 10 % 10);
        num[k++] = (char)('0' + f % 10);
        ADD("Flag=", 5);
        ADD(num, (size_t)k);
        ADD(";", 1);
    }
    for (unsigned i = 0; i < p->nhx && i < HJ212_MAX_HEXTRA; i++) {
        ADD(p->hx[i].key.p, p->hx[i].key.n);
        ADD("=", 1);
        ADD(p->hx[i].value.p, p->hx[i].value.n);
        ADD(";", 1);
    }
    ADD("CP=&&", 5);
#undef ADD
    return n;
}

/* Length of part 1's leading "DataTime=...", 0 when it has none. */
static size_t datetime_item(const char *cp, size_t n)
{
    if (n < 9 || memcmp(cp, "DataTime=", 9) != 0) return 0;
    const char *semi = memchr(cp, ';', n);
    return semi ? (size_t)(semi - cp) : n;
}

int hj212_join(hj212_packet *out, const char *hdr, size_t hdrlen, const hj212_str *parts,
               int nparts, int encrypted, hj212_err *err)
{
    char *b = out->cpbuf;
    size_t cap = sizeof out->cpbuf, n = 0, first = 0;
    const char *why = NULL;

    hj212__reset(out);
    out->nhx = 0;
    n = append(b, n, cap, hdr, hdrlen);
    for (int i = 0; i < nparts; i++) {
        const char *cp = parts[i].p;
        size_t cn = parts[i].n;
        if (i == 0) {
            first = datetime_item(cp, cn);
        } else if (first > 0 && cn >= first && memcmp(cp, parts[0].p, first) == 0 &&
                   (cn == first || cp[first] == ';')) {
            cp += first + (cn > first);
            cn -= first + (cn > first);
        }
        if (cn == 0) continue;
        if (n > hdrlen) n = append(b, n, cap, ";", 1);
        n = append(b, n, cap, cp, cn);
    }
    n = append(b, n, cap, "&&", 2);
    if (n > cap) return fail(err, HJ212_E_TOOBIG);
    out->arena = (uint32_t)n;
    hj212_err e = hj212__parse_seg(out, b, n, NULL, 0, 0, &why);
    if (e != HJ212_OK) return fail(err, e);
    out->encrypted = encrypted;
    if (err) *err = HJ212_OK;
    return 1;
}

static int join(rmsg *m, hj212_packet *out, hj212_err *err)
{
    hj212_str *parts = malloc((size_t)m->pnum * sizeof *parts);
    if (!parts) return fail(err, HJ212_E_LIMIT);
    for (int i = 0; i < m->pnum; i++) {
        parts[i].p = m->part[i];
        parts[i].n = m->plen[i];
    }
    int rc = hj212_join(out, m->hdr, m->hdrlen, parts, m->pnum, m->encrypted, err);
    free(parts);
    return rc;
}

int hj212_reasm_add(hj212_reasm *r, const hj212_packet *part, int64_t now_ms, hj212_packet *out,
                    hj212_err *err)
{
    char key[96];
    size_t kl = 0;
    rmsg **link = NULL, *m = NULL;

    hj212_reasm_expire(r, now_ms);
    if (part->pnum < 1 || part->pno < 1 || part->pno > part->pnum ||
        (part->has_flag && !(part->flag & HJ212_FLAG_D)))
        return fail(err, HJ212_E_SPLIT);
    if (part->mn.n + part->qn.n + 1 > sizeof key) return fail(err, HJ212_E_MN);
    memcpy(key, part->mn.p, part->mn.n);
    key[part->mn.n] = '\0';
    memcpy(key + part->mn.n + 1, part->qn.p, part->qn.n);
    kl = part->mn.n + 1 + part->qn.n;
    for (link = &r->head; *link; link = &(*link)->next) {
        m = *link;
        if (m->keylen == kl && m->cn == part->cn_num && m->pnum == part->pnum &&
            memcmp(m->key, key, kl) == 0)
            break;
    }
    m = *link;
    if (!m) {
        size_t need = sizeof *m + (size_t)part->pnum * (sizeof(char *) + sizeof(uint32_t));
        if (r->pending >= r->max_pending || r->bytes > r->max_bytes ||
            need > r->max_bytes - r->bytes)
            return fail(err, HJ212_E_LIMIT);
        m = calloc(1, sizeof *m);
        if (!m) return fail(err, HJ212_E_LIMIT);
        m->part = calloc((size_t)part->pnum, sizeof *m->part);
        m->plen = calloc((size_t)part->pnum, sizeof *m->plen);
        m->hdrlen = hj212_split_header(part, m->hdr, HDR_MAX);
        if (!m->part || !m->plen || m->hdrlen > HDR_MAX) {
            free(m->part);
            free(m->plen);
            free(m);
            return fail(err, !m ? HJ212_E_LIMIT : HJ212_E_SYNTAX);
        }
        memcpy(m->key, key, kl);
        m->keylen = kl;
        m->cn = part->cn_num;
        m->pnum = part->pnum;
        m->encrypted = part->encrypted;
        m->bytes = need;
        m->next = NULL;
        *link = m;
        r->pending++;
        r->bytes += need;
    }
    int i = part->pno - 1;
    if (m->part[i]) return fail(err, HJ212_E_SPLIT); /* duplicate part */
    if (r->bytes > r->max_bytes || part->cp.n > r->max_bytes - r->bytes ||
        !(m->part[i] = malloc(part->cp.n + 1))) {
        if (m->got == 0) msg_free(r, link); /* nothing of it was kept */
        return fail(err, HJ212_E_LIMIT);
    }
    memcpy(m->part[i], part->cp.p, part->cp.n);
    m->plen[i] = part->cp.n;
    m->bytes += part->cp.n;
    r->bytes += part->cp.n;
    m->last_ms = now_ms;
    if (++m->got < m->pnum) {
        if (err) *err = HJ212_OK;
        return 0;
    }
    int rc = join(m, out, err);
    msg_free(r, link);
    return rc;
}
