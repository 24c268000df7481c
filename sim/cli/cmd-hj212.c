/*
 * cmd-hj212.c — `hjrange hj212 decode|encode`: the protocol tool.
 *
 * decode: stdin bytes -> streaming decoder -> one JSON object a packet on stdout.
 * encode: one JSON object a line on stdin -> one packet a line on stdout.
 * Values stay strings in both directions so that a decode/encode round trip is exact.
 */
#include "cmd.h"
#include "hj212-sm4.h"
#include "hj212.h"
#include "i18n.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES (1u << 20) /* an encode input line longer than this is refused */

typedef struct tool_opts {
    hj212_opts codec;
    hj212_cipher *cipher; /* owned */
} tool_opts;

static cJSON *str_json(hj212_str s)
{
    char small[256];
    char *buf = s.n < sizeof small ? small : malloc((size_t)s.n + 1);
    if (!buf) return NULL;
    memcpy(buf, s.p, s.n);
    buf[s.n] = '\0';
    cJSON *j = cJSON_CreateString(buf);
    if (buf != small) free(buf);
    return j;
}

static void add_str(cJSON *obj, const char *key, hj212_str s)
{
    cJSON_AddItemToObject(obj, key, str_json(s));
}

static cJSON *packet_json(const hj212_packet *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "version", (double)p->version);
    if (p->has_qn) add_str(o, "qn", p->qn);
    add_str(o, "st", p->st);
    add_str(o, "cn", p->cn);
    add_str(o, "pw", p->pw);
    add_str(o, "mn", p->mn);
    if (p->has_flag) {
        cJSON_AddNumberToObject(o, "flag", (double)p->flag);
        cJSON *fb = cJSON_AddObjectToObject(o, "flag_bits");
        cJSON_AddNumberToObject(fb, "version", (double)HJ212_FLAG_VER(p->flag));
        cJSON_AddNumberToObject(fb, "d", (p->flag & HJ212_FLAG_D) ? 1 : 0);
        cJSON_AddNumberToObject(fb, "a", (p->flag & HJ212_FLAG_A) ? 1 : 0);
    }
    if (p->pnum > 0) {
        cJSON_AddNumberToObject(o, "pnum", p->pnum);
        cJSON_AddNumberToObject(o, "pno", p->pno);
    }
    if (p->encrypted) cJSON_AddTrueToObject(o, "encrypt");
    cJSON_AddNumberToObject(o, "length", (double)p->seg.n);
    char crc[5];
    snprintf(crc, sizeof crc, "%04X", (unsigned)p->crc);
    cJSON_AddStringToObject(o, "crc", crc);
    if (p->warnings) {
        cJSON *w = cJSON_AddArrayToObject(o, "warnings");
        for (unsigned b = 0; b < HJ212_W__COUNT; b++)
            if (p->warnings & (1u << b))
                cJSON_AddItemToArray(w, cJSON_CreateString(hj212_warnname(1u << b)));
    }
    cJSON *cp = cJSON_AddArrayToObject(o, "cp");
    for (unsigned i = 0; i < p->nitems; i++) {
        cJSON *item = cJSON_CreateObject();
        const hj212_item *it = &p->items[i];
        for (unsigned k = it->first; k < (unsigned)it->first + it->count; k++) {
            char key[128];
            const hj212_field *f = &p->fields[k];
            size_t kn = f->key.n < sizeof key - 1 ? f->key.n : sizeof key - 1;
            memcpy(key, f->key.p, kn);
            key[kn] = '\0';
            cJSON_AddItemToObject(item, key, str_json(f->value));
        }
        cJSON_AddItemToArray(cp, item);
    }
    return o;
}

static void print_json(cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        cJSON_free(s);
    }
    cJSON_Delete(o);
}

static void print_error(hj212_err e, const hj212_packet *p, const char *detail, size_t skipped)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", hj212_errname(e));
    char msg[512];
    if (e == HJ212_E_FRAME && skipped > 0)
        snprintf(msg, sizeof msg, "%zu %s", skipped, i18n(MSG_GARBAGE));
    else if (detail && *detail)
        snprintf(msg, sizeof msg, "%s (%s)", cmd_hj212_err_text(e), detail);
    else
        snprintf(msg, sizeof msg, "%s", cmd_hj212_err_text(e));
    cJSON_AddStringToObject(o, "message", msg);
    cJSON_AddNumberToObject(o, "qnrtn", hj212_qnrtn(e));
    if (p && p->has_qn && p->qn.n) add_str(o, "qn", p->qn);
    if (p && p->mn.n) add_str(o, "mn", p->mn);
    if (p && p->cn.n) add_str(o, "cn", p->cn);
    print_json(o);
}

/* Comment filter: lines whose first byte is '#' not followed by '#' are dropped, and so is
 * blank space at the start of a line, so that a file of packets with notes decodes clean. */
typedef struct cfilter {
    enum { CF_LINESTART, CF_HASH, CF_COMMENT, CF_TEXT } st;
} cfilter;

static size_t cfilter_run(cfilter *cf, const char *in, size_t n, char *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        switch (cf->st) {
        case CF_LINESTART:
            if (c == '#')
                cf->st = CF_HASH;
            else if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
                ;
            else {
                out[m++] = c;
                cf->st = CF_TEXT;
            }
            break;
        case CF_HASH:
            if (c == '#') {
                out[m++] = '#';
                out[m++] = '#';
                cf->st = CF_TEXT;
            } else
                cf->st = c == '\n' ? CF_LINESTART : CF_COMMENT;
            break;
        case CF_COMMENT:
            if (c == '\n') cf->st = CF_LINESTART;
            break;
        case CF_TEXT:
            out[m++] = c;
            if (c == '\n') cf->st = CF_LINESTART;
            break;
        }
    }
    return m;
}

static void drain(hj212_stream *s, unsigned long *ok, unsigned long *bad)
{
    hj212_event ev;
    while (hj212_stream_next(s, &ev) == 1) {
        if (ev.skipped > 0 && ev.err != HJ212_E_FRAME) {
            print_error(HJ212_E_FRAME, NULL, NULL, ev.skipped);
            (*bad)++;
        }
        if (ev.err == HJ212_OK) {
            print_json(packet_json(ev.pkt));
            (*ok)++;
        } else {
            print_error(ev.err, ev.pkt, ev.detail, ev.skipped);
            (*bad)++;
        }
    }
}

static int do_decode(const tool_opts *t)
{
    hj212_stream *s = hj212_stream_new(&t->codec);
    if (!s) {
        perror("hjrange");
        return 2;
    }
    static char in[65536], filtered[2 * 65536];
    cfilter cf = {CF_LINESTART};
    unsigned long ok = 0, bad = 0;
    size_t r;
    while ((r = fread(in, 1, sizeof in, stdin)) > 0) {
        size_t m = cfilter_run(&cf, in, r, filtered);
        size_t off = 0;
        while (off < m) {
            off += hj212_stream_feed(s, filtered + off, m - off);
            drain(s, &ok, &bad);
        }
    }
    hj212_stream_finish(s);
    drain(s, &ok, &bad);
    hj212_stream_free(s);
    fprintf(stderr, "hjrange: %s %lu, %s %lu\n", i18n(MSG_VALID), ok, i18n(MSG_INVALID), bad);
    return bad ? 1 : 0;
}

/* Copies a JSON string or number member into the packet as a header slice. */
static int header_str(const cJSON *o, const char *key, hj212_str *dst, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) return required ? -1 : 0;
    if (!cJSON_IsString(v)) return -1;
    dst->p = v->valuestring;
    dst->n = (uint32_t)strlen(v->valuestring);
    return 1;
}

static int json_int(const cJSON *o, const char *key, long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) return 0;
    if (cJSON_IsNumber(v)) {
        *out = (long)v->valuedouble;
        return 1;
    }
    if (cJSON_IsString(v)) {
        char *end = NULL;
        errno = 0;
        *out = strtol(v->valuestring, &end, 10);
        return (errno == 0 && end && *end == '\0' && end != v->valuestring) ? 1 : -1;
    }
    return -1;
}

/* Builds pkt from a decoded-style JSON object. Returns NULL or an English error text. */
static const char *packet_from_json(const cJSON *o, hj212_packet *p)
{
    long version = 2017, flag = 5, st = 0, cn = 0;
    if (json_int(o, "version", &version) < 0) return "version must be a number";
    int hf = json_int(o, "flag", &flag);
    if (hf < 0) return "flag must be a number";
    if (json_int(o, "st", &st) <= 0) return "st missing or not a number";
    if (json_int(o, "cn", &cn) <= 0) return "cn missing or not a number";
    hj212_str qn = {0}, pw = {0}, mn = {0};
    int hq = header_str(o, "qn", &qn, 0);
    if (hq < 0) return "qn must be a string";
    if (header_str(o, "pw", &pw, 1) < 0) return "pw missing or not a string";
    if (header_str(o, "mn", &mn, 1) < 0) return "mn missing or not a string";

    char qnbuf[32] = "", pwbuf[16] = "", mnbuf[64] = "";
    if (qn.n >= sizeof qnbuf || pw.n >= sizeof pwbuf || mn.n >= sizeof mnbuf)
        return "qn, pw or mn too long";
    memcpy(qnbuf, qn.p ? qn.p : "", qn.n);
    memcpy(pwbuf, pw.p, pw.n);
    memcpy(mnbuf, mn.p, mn.n);
    hj212_version v = version == 2025 ? HJ212_V2025 : version == 2005 ? HJ212_V2005 : HJ212_V2017;
    hj212_init(p, v, hq ? qnbuf : NULL, (int)st, (int)cn, pwbuf, mnbuf,
               hf ? (unsigned)flag & (HJ212_FLAG_A | HJ212_FLAG_D) : 0);
    /* keep the exact header as given: full Flag, presence of QN and Flag, ST/CN spelling */
    p->has_qn = hq > 0;
    p->has_flag = hf > 0;
    if (hf > 0) p->flag = (unsigned)flag;
    header_str(o, "st", &p->st, 0);
    header_str(o, "cn", &p->cn, 0);
    long pnum = 0, pno = 0;
    if (json_int(o, "pnum", &pnum) < 0 || json_int(o, "pno", &pno) < 0)
        return "pnum/pno must be numbers";
    p->pnum = (int)pnum;
    p->pno = (int)pno;
    p->encrypted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "encrypt"));

    const cJSON *cp = cJSON_GetObjectItemCaseSensitive(o, "cp");
    if (cp && !cJSON_IsArray(cp)) return "cp must be an array of objects";
    const cJSON *item;
    cJSON_ArrayForEach(item, cp)
    {
        if (!cJSON_IsObject(item)) return "cp must be an array of objects";
        int first = 1;
        const cJSON *f;
        cJSON_ArrayForEach(f, item)
        {
            char num[64];
            const char *val = NULL;
            if (cJSON_IsString(f))
                val = f->valuestring;
            else if (cJSON_IsNumber(f)) {
                snprintf(num, sizeof num, "%.15g", f->valuedouble);
                val = num;
            } else
                return "cp values must be strings or numbers";
            if (hj212_add(p, f->string, val, first) != 0) return "too many CP fields";
            first = 0;
        }
    }
    return NULL;
}

static int do_encode(const tool_opts *t)
{
    hj212_packet *p = malloc(sizeof *p);
    char *line = malloc(LINE_MAX_BYTES + 2);
    char *out = malloc(HJ212_MAX_LIMIT + 64);
    if (!p || !line || !out) {
        free(p);
        free(line);
        free(out);
        perror("hjrange");
        return 2;
    }
    unsigned long lineno = 0, bad = 0;
    while (fgets(line, LINE_MAX_BYTES + 2, stdin)) {
        lineno++;
        size_t n = strlen(line);
        if (n > LINE_MAX_BYTES) { /* overlong: refuse it and skip to its end */
            fprintf(stderr, "hjrange: %s %lu: > %u bytes\n", i18n(MSG_LINE), lineno, LINE_MAX_BYTES);
            bad++;
            int c;
            while ((c = getchar()) != EOF && c != '\n')
                ;
            continue;
        }
        const char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (*s == '\n' || *s == '\r' || *s == '\0' || *s == '#') continue;
        cJSON *o = cJSON_Parse(s);
        if (!cJSON_IsObject(o)) {
            fprintf(stderr, "hjrange: %s %lu: %s\n", i18n(MSG_LINE), lineno, i18n(MSG_BAD_JSON));
            cJSON_Delete(o);
            bad++;
            continue;
        }
        const char *why = packet_from_json(o, p);
        if (why) {
            fprintf(stderr, "hjrange: %s %lu: %s\n", i18n(MSG_LINE), lineno, why);
            bad++;
        } else {
            hj212_err e = HJ212_OK;
            int len = hj212_encode(p, out, HJ212_MAX_LIMIT + 64, &t->codec, &e);
            if (len < 0) {
                fprintf(stderr, "hjrange: %s %lu: %s\n", i18n(MSG_LINE), lineno, cmd_hj212_err_text(e));
                bad++;
            } else
                fwrite(out, 1, (size_t)len, stdout);
        }
        cJSON_Delete(o);
    }
    free(p);
    free(line);
    free(out);
    return bad ? 1 : 0;
}

int cmd_hj212(int argc, char **argv)
{
    if (argc < 2) return cmd_usage_error(MSG_MISSING_ARG, "decode|encode");
    const char *sub = argv[1];
    if (strcmp(sub, "decode") != 0 && strcmp(sub, "encode") != 0)
        return cmd_usage_error(MSG_UNKNOWN_CMD, sub);
    tool_opts t = {{0, NULL}, NULL};
    int rc = 0;
    for (int i = 2; i < argc; i++) {
        char name[16];
        const char *a = cmd_opt_name(argv[i], name, sizeof name);
        if (strcmp(a, "--key") == 0 || strcmp(a, "--max") == 0) {
            const char *v = cmd_opt_value(argc, argv, &i);
            if (!v) {
                rc = cmd_usage_error(MSG_MISSING_ARG, a);
                goto out;
            }
            if (a[2] == 'k') {
                unsigned char key[16];
                if (hj212_sm4_key_parse(v, key) != 0) {
                    rc = cmd_usage_error(MSG_BAD_KEY, v);
                    goto out;
                }
                hj212_sm4_free(t.cipher);
                t.cipher = hj212_sm4_new(key);
                if (!t.cipher) {
                    rc = cmd_usage_error(MSG_BAD_KEY, "OpenSSL SM4");
                    goto out;
                }
                t.codec.cipher = t.cipher;
            } else {
                char *end = NULL;
                long n = strtol(v, &end, 10);
                if (end == v || *end || n < 16 || n > 1000000) {
                    rc = cmd_bad_int(a, v, 16, 1000000);
                    goto out;
                }
                t.codec.max_len = (size_t)n;
            }
        } else {
            rc = cmd_usage_error(MSG_UNKNOWN_OPT, argv[i]);
            goto out;
        }
    }
    rc = sub[0] == 'd' ? do_decode(&t) : do_encode(&t);
out:
    hj212_sm4_free(t.cipher);
    return rc;
}
