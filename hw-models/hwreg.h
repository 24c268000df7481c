/*
 * hwreg.h — register encodings and table-driven register maps for the device models.
 *
 * A device describes its map (hwreg_map) as an array of hwreg_field (offset from the
 * layout's base, type, writable, the device's own field id) and an array of hwreg_block:
 * the address ranges its documentation gives (a data block, a status block ...). Every
 * field lies inside a block; a word of a block that no field covers is reserved.
 * hwreg_read/hwreg_write serve a Modbus request from the map through a get/set callback:
 *   - a read whose range leaves every block is HWDEV_EX_ADDRESS (a range may span
 *     adjacent blocks);
 *   - reserved words read 0, as on real analyzers; with layout.strict they are unmapped
 *     instead and make the whole read HWDEV_EX_ADDRESS;
 *   - a write must cover whole writable fields: a reserved or read-only word in its range
 *     makes it HWDEV_EX_ADDRESS, whatever the layout (nothing is written).
 *
 * Word/byte order of multi-register values (a value's bytes A B C D ..., A most
 * significant): HWREG_ABCD big-endian words in order; HWREG_CDAB words least significant
 * first (the national-station convention for floats); HWREG_BADC bytes swapped in each
 * word; HWREG_DCBA both. 64-bit values follow the same rule over four words.
 *
 * Dates (HWREG_BCD): three registers of BCD in local time: 0xYYMM, 0xDDhh, 0xmmss
 * (2022-02-08 10:05:09 -> 0x2202 0x0810 0x0509; years 2000-2099). The value "never"
 * (NaN) is encoded 0x0000 0x0000 0x0000. The calendar is proto's (hjtime.h).
 * Dependencies: libc, libm, proto/hjtime.
 */
#ifndef HWREG_H
#define HWREG_H

#include <stddef.h>
#include <stdint.h>

enum { HWREG_ABCD = 0, HWREG_CDAB = 1, HWREG_BADC = 2, HWREG_DCBA = 3 };

enum {
    HWREG_U16 = 0, /* one register, unsigned; values are rounded and clamped */
    HWREG_I16,     /* one register, two's complement */
    HWREG_U32,     /* two registers */
    HWREG_F32,     /* two registers, IEEE 754 single */
    HWREG_F64,     /* four registers, IEEE 754 double */
    HWREG_BCD      /* three registers, date-time (see above) */
};

enum { HWREG_MAX_READ = 125, HWREG_MAX_WRITE = 123 }; /* Modbus PDU limits */

/* Where and how a device's map is served: per-device settings. */
typedef struct hwreg_layout {
    uint16_t base; /* address of the map's offset 0 */
    int order;     /* HWREG_ABCD ... for multi-register values */
    int table;     /* HWDEV_HOLDING or HWDEV_INPUT: the table reads are served on */
    int tz_s;      /* local time offset for BCD dates, seconds east of UTC (HJTIME_TZ_S) */
    int strict;    /* 0 (default): reserved words inside a block read 0; 1: they are
                      unmapped, a read touching one is HWDEV_EX_ADDRESS */
} hwreg_layout;

typedef struct hwreg_field {
    uint16_t off;     /* from layout.base */
    uint8_t type;     /* HWREG_* */
    uint8_t writable; /* 1: FC 06/16 may write it */
    uint16_t id;      /* the device's own field id, handed to get/set */
} hwreg_field;

/* One documented address range of a device: off, n from layout.base. */
typedef struct hwreg_block {
    uint16_t off;
    uint16_t n;
    const char *name; /* as in docs/registers.md: "data", "status" ... */
} hwreg_block;

/* A device's register map: fields (any order) and blocks (sorted, not overlapping). */
typedef struct hwreg_map {
    const hwreg_field *fields;
    size_t nfields;
    const hwreg_block *blocks;
    size_t nblocks;
} hwreg_map;

#define HWREG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Field value as a double: numbers, or UTC seconds since 1970 for HWREG_BCD (NaN: never). */
typedef double (*hwreg_get_fn)(void *dev, int id);
/* Applies a written value; returns 0 or an HWDEV_EX_* code. */
typedef int (*hwreg_set_fn)(void *dev, int id, double v);

int hwreg_words(int type);
void hwreg_layout_default(hwreg_layout *lay, uint16_t base);

void hwreg_put_u32(uint16_t *w, uint32_t v, int order);
uint32_t hwreg_get_u32(const uint16_t *w, int order);
void hwreg_put_f32(uint16_t *w, float v, int order);
float hwreg_get_f32(const uint16_t *w, int order);
void hwreg_put_f64(uint16_t *w, double v, int order);
double hwreg_get_f64(const uint16_t *w, int order);
/* t: UTC seconds (NaN: never). Returns 0, or -1 when the date is outside 2000-2099. */
int hwreg_put_bcd(uint16_t w[3], double t, int tz_s);
/* Returns 0 and the UTC seconds in *t, or -1 when the registers are not a valid BCD date. */
int hwreg_get_bcd(const uint16_t w[3], int tz_s, double *t);

/* Checks a map's invariants: blocks non-empty, sorted, not overlapping, within 0..0xFFFF;
 * fields not overlapping, each inside one block. 0, or -1 with the first problem in why. */
int hwreg_map_check(const hwreg_map *m, const char **why);

/* Serves a read of n registers of table at addr (see the rules above). Returns 0 or
 * HWDEV_EX_*. */
int hwreg_read(const hwreg_map *m, const hwreg_layout *lay, int table, uint16_t addr, uint16_t n,
               uint16_t *out, hwreg_get_fn get, void *dev);
/* Serves a write: the range must consist of whole writable fields (else HWDEV_EX_ADDRESS);
 * values are decoded and applied in address order; NaN/inf floats -> HWDEV_EX_VALUE. */
int hwreg_write(const hwreg_map *m, const hwreg_layout *lay, uint16_t addr, uint16_t n,
                const uint16_t *in, hwreg_set_fn set, void *dev);

/* ---- the client side: reading a device through its map (the DAU reads the devices
 * through the same tables they are served from) ---- */

/* The field with this id; NULL when the map has none. */
const hwreg_field *hwreg_field_of(const hwreg_map *m, int id);
/* The registers from field `first` to the end of field `last` (first at the lower
 * offset): *addr = lay->base + first's offset, *n the count. 0, or -1 when a field is
 * missing, last lies below first, or n would exceed HWREG_MAX_READ. */
int hwreg_span(const hwreg_map *m, const hwreg_layout *lay, int first, int last, uint16_t *addr,
               uint16_t *n);
/* Decodes field id out of n registers read at addr (in lay's word order): the value as the
 * device's get gives it (a number; for HWREG_BCD UTC seconds, NaN for "never" or a date
 * that is not one). NaN when the field is missing or not wholly inside what was read. */
double hwreg_decode(const hwreg_map *m, const hwreg_layout *lay, int id, uint16_t addr, uint16_t n,
                    const uint16_t *regs);

#endif
