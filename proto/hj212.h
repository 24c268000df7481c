/*
 * hj212.h — HJ 212 packet codec: HJ 212-2017, HJ 212-2025, and HJ/T 212-2005 on input.
 *
 * Frame: "##" + 4-digit decimal length (bytes of the data segment) + data segment
 *        + 4 hex digits CRC (over the data segment) + "\r\n".
 * Data segment: QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;[PNUM=..;PNO=..;]CP=&&...&&
 *
 * Depends on libc and the range's calendar (hjtime.h) only. Encryption (SM4, HJ 212-2025)
 * comes in through a cipher table (hj212_cipher) so that the codec itself stays free of
 * crypto libraries; hj212-sm4.h provides one backed by OpenSSL.
 *
 * Parsing is zero-copy: a parsed packet's slices point into the caller's buffer (or into
 * the packet's own cpbuf after decryption), so the buffer must outlive the packet.
 * Nothing here allocates except the *_new constructors and hj212_reasm_add (its copies of
 * the parts); nothing prints.
 */
#ifndef HJ212_H
#define HJ212_H

#include <stddef.h>
#include <stdint.h>

#define HJ212_MAX_DEFAULT 10240 /* default maximum data segment, bytes */
#define HJ212_MAX_LIMIT   9999  /* the length field has 4 digits */
#define HJ212_MAX_FIELDS  1024  /* CP fields in one packet */
#define HJ212_MAX_ITEMS   512   /* CP items (';'-separated groups) in one packet */
#define HJ212_MAX_HEXTRA  8     /* unknown header fields kept (re-encoded before CP) */

/* Flag bits (low byte of Flag): V5..V0 D A. */
#define HJ212_FLAG_A       0x01u /* the receiver must answer */
#define HJ212_FLAG_D       0x02u /* PNUM/PNO present (split packet) */
#define HJ212_FLAG_VER(f)  (((f) >> 2) & 0x3Fu)
#define HJ212_VERBITS_2005 0u
#define HJ212_VERBITS_2017 1u
#define HJ212_VERBITS_2025 2u

typedef enum hj212_version {
    HJ212_V2005 = 2005,
    HJ212_V2017 = 2017,
    HJ212_V2025 = 2025
} hj212_version;

/* Refusal reasons. Each maps to a QnRtn code where one fits (hj212_qnrtn). */
typedef enum hj212_err {
    HJ212_OK = 0,
    HJ212_E_FRAME,   /* no "##" start, or bytes before it (stream: garbage skipped) */
    HJ212_E_LENGTH,  /* length field not 4 decimal digits, or does not match the bytes */
    HJ212_E_TOOBIG,  /* length beyond the configured maximum */
    HJ212_E_TRUNC,   /* input ended inside a packet */
    HJ212_E_TRAILER, /* no CR LF after the CRC */
    HJ212_E_CRC,     /* CRC field not 4 hex digits, or mismatch */
    HJ212_E_SYNTAX,  /* data segment not key=value;... up to CP */
    HJ212_E_QN,      /* QN missing (2017/2025) or not YYYYMMDDhhmmsszzz */
    HJ212_E_ST,      /* ST missing or not a number */
    HJ212_E_CN,      /* CN missing or not a number */
    HJ212_E_PW,      /* PW missing or longer than 6 */
    HJ212_E_MN,      /* MN missing, empty or longer than 24 */
    HJ212_E_FLAG,    /* Flag not a number, or unknown version bits */
    HJ212_E_SPLIT,   /* D set without PNUM/PNO, or PNO outside 1..PNUM */
    HJ212_E_CP,      /* CP missing, not "&&...&&", or its fields malformed */
    HJ212_E_LIMIT,   /* more fields or items than HJ212_MAX_FIELDS/ITEMS */
    HJ212_E_CRYPT,   /* CP encrypted but no key, or decryption failed */
    HJ212_E_SPACE,   /* encoder: output buffer too small */
    HJ212_E__COUNT
} hj212_err;

/* Lenient fixes made while parsing (the standard's own examples have such typos). */
enum {
    HJ212_W_LOWERCRC = 1u << 0,   /* CRC in lowercase hex */
    HJ212_W_SPACES = 1u << 1,     /* blanks around a CP key or value ("i12003-Info =0") */
    HJ212_W_EMPTYCP = 1u << 2,    /* "CP=&& &&" */
    HJ212_W_COMMAITEM = 1u << 3,  /* ',' used where ';' separates items (field code changed) */
    HJ212_W_NOTRAILER = 1u << 4,  /* LF only, or no CR LF at the end of the input */
    HJ212_W_EMPTYFIELD = 1u << 5, /* empty element (";;" or ",,") skipped */
    HJ212_W_NOVERSION = 1u << 6,  /* HJ/T 212-2005 packet: no QN and/or no Flag */
    HJ212_W__COUNT = 7
};

/* A slice of bytes; not NUL-terminated. */
typedef struct hj212_str {
    const char *p;
    uint32_t n;
} hj212_str;

/* One CP field "code-Suffix=value", e.g. key "w01018-Rtd", code "w01018", suffix "Rtd".
 * A key without '-' (DataTime, PolId, QnRtn ...) has code == key and an empty suffix. */
typedef struct hj212_field {
    hj212_str key;
    hj212_str code;
    hj212_str suffix;
    hj212_str value;
} hj212_field;

/* One CP item: the fields between two ';' (fields[first .. first+count)). */
typedef struct hj212_item {
    uint16_t first;
    uint16_t count;
} hj212_item;

typedef struct hj212_packet {
    hj212_version version; /* from the Flag version bits; V2005 when Flag is absent */
    hj212_str qn, st, cn, pw, mn;
    hj212_str seg;     /* the whole data segment as received (ciphertext CP if encrypted) */
    hj212_str cp;      /* CP content between "&&" and "&&" (plaintext) */
    int st_num;        /* ST as a number */
    int cn_num;        /* CN as a number */
    unsigned flag;     /* Flag value; 0 when absent */
    int has_qn;        /* QN present */
    int has_flag;      /* Flag present */
    int pnum, pno;     /* 0 when not split */
    int encrypted;     /* CP arrived encrypted and was decrypted */
    unsigned warnings; /* HJ212_W_* */
    uint16_t crc;      /* CRC as received (or computed, for an encoded packet) */
    uint16_t nfields, nitems;
    uint16_t nhx; /* unknown header fields "K=V;" (e.g. a 2025 header field), in order */
    hj212_field hx[HJ212_MAX_HEXTRA]; /* key/value only; re-encoded after Flag/PNUM/PNO */
    hj212_field fields[HJ212_MAX_FIELDS];
    hj212_item items[HJ212_MAX_ITEMS];
    uint32_t arena;                     /* bytes of cpbuf in use */
    char cpbuf[HJ212_MAX_DEFAULT + 64]; /* decrypted CP, or built strings, live here */
    char detail[96];                    /* storage for a formatted error detail */
} hj212_packet;                         /* about 80 KiB: allocate it, or keep one per connection */

/* Encryption of CP (HJ 212-2025). Ciphertext on the wire is uppercase hex; the CRC covers
 * the data segment with the plaintext CP; the length counts the bytes sent. A received CP
 * is taken as encrypted when its content is non-empty, only hex digits and a multiple of 32
 * characters (whole SM4 blocks): a plaintext CP with a field always has '='. Such a CP is
 * decrypted with opts.cipher, or refused with HJ212_E_CRYPT when there is none.
 * Functions return the output length or -1. */
typedef struct hj212_cipher {
    int (*encrypt)(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap);
    int (*decrypt)(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap);
    void *ctx;
} hj212_cipher;

typedef struct hj212_opts {
    size_t max_len;             /* maximum data segment; 0 means HJ212_MAX_DEFAULT */
    const hj212_cipher *cipher; /* NULL: an encrypted CP is refused with HJ212_E_CRYPT */
} hj212_opts;

/* --- CRC ------------------------------------------------------------------------------ */

/* The HJ 212 CRC (not CRC-16/MODBUS): "123456789" -> 0x2F80, empty -> 0xFFFF. */
uint16_t hj212_crc(const void *data, size_t n);
/* Continues a CRC over more bytes: hj212_crc(ab) == hj212_crc_update(hj212_crc(a), b).
 * Start from 0xFFFF. */
uint16_t hj212_crc_update(uint16_t crc, const void *data, size_t n);

/* --- errors --------------------------------------------------------------------------- */

const char *hj212_errname(hj212_err e);   /* stable short name: "crc", "length", ... */
const char *hj212_strerror(hj212_err e);  /* English sentence */
int hj212_qnrtn(hj212_err e);             /* QnRtn code (3..9), or 100 when none fits */
const char *hj212_warnname(unsigned bit); /* short name of one HJ212_W_* bit */

/* --- parsing -------------------------------------------------------------------------- */

/* Parses one frame buf[0..n): "##" ... CRC, with or without the trailing CR LF.
 * On error the packet may be partly filled (qn, mn, cn are set as far as they were read,
 * so that a reply can still echo the QN). *detail, when not NULL, receives a short English
 * explanation in static or packet storage ("computed 6E80, received 6E81"); may be NULL. */
hj212_err hj212_parse(hj212_packet *pkt, const char *buf, size_t n, const hj212_opts *o,
                      const char **detail);

/* Parses a data segment without framing and without a CRC check (used after reassembly). */
hj212_err hj212_parse_segment(hj212_packet *pkt, const char *seg, size_t n, const hj212_opts *o,
                              const char **detail);

/* Finds a field by key in the packet; NULL when absent. */
const hj212_field *hj212_find(const hj212_packet *pkt, const char *key);

/* --- encoding ------------------------------------------------------------------------- */

/* Encodes pkt (its header slices and items/fields) into out as a complete frame with
 * CR LF, uppercase CRC. When o->cipher is set and pkt->encrypted is nonzero, CP is sent
 * encrypted. A packet without has_qn / has_flag is encoded without them (2005 style).
 * Returns the frame length, or -1 with *err set (HJ212_E_SPACE, HJ212_E_TOOBIG, ...). */
int hj212_encode(const hj212_packet *pkt, char *out, size_t cap, const hj212_opts *o,
                 hj212_err *err);

/* Builder for packets made in code: header strings, keys and values are copied into the
 * packet's cpbuf arena, so the sources need not outlive it. */
void hj212_init(hj212_packet *pkt, hj212_version v, const char *qn, int st, int cn, const char *pw,
                const char *mn, unsigned flag_ad /* A and D bits */);
/* Adds a field; new_item starts a new ';' item. Returns 0, or -1 when the packet is full. */
int hj212_add(hj212_packet *pkt, const char *key, const char *value, int new_item);
/* Adds a field with a formatted numeric value ("%.*f"). */
int hj212_addf(hj212_packet *pkt, const char *key, double value, int decimals, int new_item);

/* Reply to a received packet: 9011 (QnRtn=code), 9012 (ExeRtn=code), 9013 or 9014 (no CP),
 * 9015 (2025 heartbeat). QN, PW and MN are echoed; ST=91; Flag carries the request's
 * version bits with A=0. Returns the frame length or -1. */
int hj212_reply(const hj212_packet *req, int cn, int code, char *out, size_t cap,
                const hj212_opts *o);

/* A DataTime (and any field HJ 212 formats as a date): exactly YYYYMMDDhhmmss, a real
 * calendar date from the year 1900 and a time of day, read as China time (UTC+8). Returns 1
 * and (when ms_utc is not NULL) the ms since the Unix epoch, or 0. The calendar's
 * hjtime_parse_hj212 with the codec's 1/0 convention; a QN or DataTime is made with
 * hjtime_format_qn / hjtime_format_hj212 (hjtime.h). */
int hj212_datatime(const char *s, size_t n, int64_t *ms_utc);

/* --- streaming decoder ---------------------------------------------------------------- */

typedef struct hj212_stream hj212_stream;

typedef struct hj212_event {
    hj212_err err;           /* HJ212_OK: pkt is a valid packet */
    const hj212_packet *pkt; /* valid until the next call on the stream; may be partly
                              * filled on error (see hj212_parse) */
    const char *raw;         /* the frame bytes (or the refused bytes) */
    size_t rawlen;
    size_t skipped;     /* garbage bytes skipped before this frame */
    const char *detail; /* short explanation, may be NULL */
} hj212_event;

/* The stream buffers at most max_len + framing bytes; never more. */
hj212_stream *hj212_stream_new(const hj212_opts *o);
void hj212_stream_free(hj212_stream *s); /* NULL is a no-op */
/* Back to the state of a new stream (same options, stats zeroed), e.g. for a new connection. */
void hj212_stream_reset(hj212_stream *s);
/* Appends bytes; returns how many were taken (fewer than n when the buffer is full:
 * call hj212_stream_next until it returns 0, then feed the rest). */
size_t hj212_stream_feed(hj212_stream *s, const char *data, size_t n);
/* Next packet or refusal: 1 and *ev filled, or 0 when more bytes are needed. Garbage
 * between packets is skipped (resync on "##") and reported in ev->skipped; an oversize
 * length is refused (HJ212_E_TOOBIG) and its bytes discarded as they come (until a
 * "##dddd" shows up inside them: a corrupted length must not swallow the next packet).
 * A frame refused at its declared end is checked for a corrupted length (E_LENGTH: a CR LF
 * closes a frame with a matching CRC elsewhere) or a cut (E_TRUNC: a valid frame starts
 * inside it); resync is on the next "##dddd". Garbage at the end of the input comes out
 * as an HJ212_E_FRAME event after hj212_stream_finish. */
int hj212_stream_next(hj212_stream *s, hj212_event *ev);
/* End of input: a frame that lacks only its CR LF is still delivered (warning); what
 * remains otherwise is refused as HJ212_E_TRUNC by the following hj212_stream_next. */
void hj212_stream_finish(hj212_stream *s);
/* Bytes taken but not yet given out as an event (a frame begun), plus the bytes of a
 * refused oversize frame still to drop. */
size_t hj212_stream_held(const hj212_stream *s);
/* Counters since creation. */
typedef struct hj212_stream_stats {
    uint64_t packets, refused, skipped_bytes;
} hj212_stream_stats;
hj212_stream_stats hj212_stream_stats_get(const hj212_stream *s);

/* --- split packets (PNUM/PNO) --------------------------------------------------------- */

typedef struct hj212_reasm hj212_reasm;

/* At most max_pending messages in assembly, max_bytes of copies in all (headers and CPs;
 * a message costs about 700 bytes plus its CPs), and a message whose last part is older
 * than timeout_ms (by the caller's clock) is dropped. */
hj212_reasm *hj212_reasm_new(size_t max_pending, size_t max_bytes, int64_t timeout_ms);
void hj212_reasm_free(hj212_reasm *r);
/* Offers one part (a parsed packet with D set; its CP is copied). Returns 1 when the
 * message is complete: *out holds the joined packet (D cleared, PNUM/PNO gone, CP items in
 * PNO order, a "DataTime=" item repeated at the start of later parts dropped); 0 when
 * waiting; -1 when the part is refused (duplicate or bad PNO: E_SPLIT; over a bound:
 * E_LIMIT) with *err set. Parts belong together by (MN, QN, CN, PNUM). */
int hj212_reasm_add(hj212_reasm *r, const hj212_packet *part, int64_t now_ms, hj212_packet *out,
                    hj212_err *err);
/* The pieces of hj212_reasm_add, for a receiver that keeps the parts elsewhere (the
 * platform keeps them in its database, so that an acknowledged part survives a crash).
 * hj212_split_header: the joined message's header made from one part (D cleared, PNUM/PNO
 * gone, up to "CP=&&"); returns its length, or more than cap when it does not fit.
 * hj212_join: joins the parts' plaintext CPs, given in PNO order, behind that header, as
 * hj212_reasm_add does; 1 and *out filled, or -1 with *err (E_TOOBIG: over one packet). */
#define HJ212_SPLIT_HDR_MAX   512
#define HJ212_SPLIT_PARTS_MAX 9999 /* PNUM has at most 4 digits */
size_t hj212_split_header(const hj212_packet *part, char *out, size_t cap);
int hj212_join(hj212_packet *out, const char *hdr, size_t hdrlen, const hj212_str *parts,
               int nparts, int encrypted, hj212_err *err);
/* Drops messages whose last part is older than the timeout; returns how many. */
size_t hj212_reasm_expire(hj212_reasm *r, int64_t now_ms);
size_t hj212_reasm_pending(const hj212_reasm *r);

#endif
