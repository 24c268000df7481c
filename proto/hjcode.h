/*
 * hjcode.h — the code table: every HJ 212 code the range sends or reads, written once.
 *
 * One row per code: the code, its kind (water pollutant, gas pollutant, the range's own
 * code, field information), the scenario's short name ("cod"), a language-neutral symbol
 * ("NH3-N"), names in English and Chinese (and the short Chinese one of running text), the
 * unit, the decimals the DAU formats values with, and what its -Cou totals (m3 for flow, kg
 * for pollutants). The DAU, the scenario
 * API, the reports, the view and the platform's thresholds take codes from here
 * (docs/hj212-profile.md is the table for people).
 *
 * The range's own codes come in families numbered by a device: their code is a pattern
 * with one printf-style number ("ea1%03d": meter 1 is "ea1001"; "ec%d001": camera 1 is
 * "ec1001"); hjcode_format fills it in and hjcode_find recognises a member.
 * Gas codes (GAS.md) join as rows of kind HJCODE_GAS. Everything returned is static and
 * borrowed. Dependencies: libc.
 */
#ifndef HJCODE_H
#define HJCODE_H

#include <stddef.h>

typedef enum hjcode_kind {
    HJCODE_WATER = 1, /* a wastewater parameter (ST 32) */
    HJCODE_GAS,       /* a flue-gas or VOCs parameter (ST 31), GAS.md */
    HJCODE_RANGE,     /* the range's own (no code in the standard): currents, cameras, door */
    HJCODE_INFO       /* field information (3020): i1xxxx, i3xxxx */
} hjcode_kind;

/* What -Cou totals over a period. */
typedef enum hjcode_cou {
    HJCODE_COU_NONE = 0,
    HJCODE_COU_M3, /* volume, m3 (flow) */
    HJCODE_COU_KG  /* load, kg (a pollutant: mean mg/L x m3 / 1000) */
} hjcode_cou;

/* The rows, in table order (hjcode_at(HJCODE_COD)). */
typedef enum hjcode_id {
    /* water, in code order (the order of a DAU's packets) */
    HJCODE_FLOW = 0, /* w00000 */
    HJCODE_PH,       /* w01001 */
    HJCODE_TEMP,     /* w01010 */
    HJCODE_COND,     /* w01014 */
    HJCODE_COD,      /* w01018 */
    HJCODE_TOC,      /* w01020 */
    HJCODE_TN,       /* w21001 */
    HJCODE_NH3N,     /* w21003 */
    HJCODE_TP,       /* w21011 */
    /* the range's own */
    HJCODE_CURRENT,     /* ea1NNN, meter NNN */
    HJCODE_CAM_DEV,     /* ecK001, camera K (1 station, 2 outfall) */
    HJCODE_CAM_PERSONS, /* ecK002 */
    HJCODE_CAM_LOSS,    /* ecK003 */
    HJCODE_CAM_COVER,   /* ecK004 */
    HJCODE_CAM_SCORE,   /* ecK005 */
    HJCODE_DOOR,        /* ed1001 */
    /* field information */
    HJCODE_I_LOG,        /* i11001 */
    HJCODE_I_STATE,      /* i12001 */
    HJCODE_I_ALARM,      /* i12003 */
    HJCODE_I_RANGE,      /* i13001 */
    HJCODE_I_INTERVAL,   /* i13003 */
    HJCODE_I_DIGEST_T,   /* i13004 */
    HJCODE_I_DIGEST_MIN, /* i13005 */
    HJCODE_I_CAL_TIME,   /* i13006 */
    HJCODE_I_INTERCEPT,  /* i13007 */
    HJCODE_I_SLOPE,      /* i13008 */
    HJCODE_I_DL,         /* i13009 */
    HJCODE_I_TOC_K,      /* i13013, a profile code of the range (docs/hj212-profile.md) */
    HJCODE_I_DOOR_LOG,   /* i31001 */
    HJCODE_I_DOOR_STATE, /* i32001 */
    /* gas (GAS.md), in code order (the order of a DAU's packets) */
    HJCODE_GAS_FLOW,     /* a00000, standard dry flue-gas flow */
    HJCODE_GAS_VELOCITY, /* a01011 */
    HJCODE_GAS_TEMP,     /* a01012 */
    HJCODE_GAS_PRESSURE, /* a01013 */
    HJCODE_GAS_HUMIDITY, /* a01014 */
    HJCODE_CO2,          /* a05001 */
    HJCODE_CH4,          /* a05002 */
    HJCODE_O2,           /* a19001 */
    HJCODE_NOX,          /* a21002, as NO2 */
    HJCODE_NO,           /* a21003 */
    HJCODE_NO2,          /* a21004 */
    HJCODE_CO,           /* a21005 */
    HJCODE_SO2,          /* a21026 */
    HJCODE_THC,          /* a24087, as C */
    HJCODE_NMHC,         /* a24088, as C */
    HJCODE_PM,           /* a34013 */
    /* the gas station's field information */
    HJCODE_I_LINE_T,    /* i33001 */
    HJCODE_I_CHILLER_T, /* i33002 */
    HJCODE__COUNT
} hjcode_id;

typedef struct hjcode {
    const char *code;     /* "w01018"; a family: "ea1%03d" */
    int kind;             /* hjcode_kind */
    const char *alias;    /* the scenario's short name ("cod"); NULL: none */
    const char *symbol;   /* language-neutral short label ("COD", "NH3-N"); NULL: the name */
    const char *unit;     /* "mg/L", "L/s"; "" for none */
    int decimals;         /* of -Rtd -Avg -Min -Max and -Info; -1: not a number (date, text) */
    int cou;              /* hjcode_cou */
    int cou_decimals;     /* of -Cou */
    const char *name_en;  /* "COD", "flow", "conductivity" */
    const char *name_zh;  /* "化学需氧量", "流量", "电导率" */
    const char *short_zh; /* in running Chinese text: "COD", "氨氮", "流量" (the name, or for
                             COD and TOC the symbol, as Chinese texts write them) */
} hjcode;

/* How many rows the table has (HJCODE__COUNT). */
size_t hjcode_count(void);
/* Row i (an hjcode_id); NULL past the end. */
const hjcode *hjcode_at(size_t i);
/* The row of a code: an exact code, or a member of a family ("ea1003", "ec2005");
 * NULL when the table has none. */
const hjcode *hjcode_find(const char *code);
/* The row of a scenario short name ("cod"); NULL when none. */
const hjcode *hjcode_by_alias(const char *alias);
/* A code or a short name, as the scenario API takes them. NULL when neither. */
const hjcode *hjcode_lookup(const char *code_or_alias);
/* The row's index (its hjcode_id). */
int hjcode_index(const hjcode *c);
/* The code of member n of a family ("ea1%03d", 3 -> "ea1003"); a plain code is copied.
 * Returns the length, or -1 (buf "") when it does not fit or n does not. */
int hjcode_format(const hjcode *c, int n, char *buf, size_t cap);
/* How many characters a family's codes share before the member's number ("ea1%03d": 3,
 * "ec%d001": 2); a plain code's whole length. */
size_t hjcode_prefix_len(const hjcode *c);
/* The row's name in a language: zh != 0 Chinese, else English. */
const char *hjcode_name(const hjcode *c, int zh);

#endif
