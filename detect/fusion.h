/*
 * fusion.h — from the rules that fired (and the context signals around them) to a fraud
 * type and a warning level, as FRAUD-CATALOGUE.md defines them:
 *   green  nothing suspicious;
 *   yellow one data-only anomaly;
 *   red    a data anomaly corroborated by another signal (door, camera, current, records,
 *          parameters), or any parameter/flag abuse without a work order.
 * Each data rule belongs to one family (the signature it is part of: rule.h); an alert is
 * one family's incident. The decision is in fusion.c and docs/detection.md.
 */
#ifndef FUSION_H
#define FUSION_H

#include "rule.h"

#include <stdint.h>

/* The families are the rules' (rule.h: rule_family, rule_family_of). */

enum { FUSION_GREEN = 0, FUSION_YELLOW = 1, FUSION_RED = 2 };

#define FUSION_BIT(id) (UINT64_C(1) << (id))

typedef struct fusion_input {
    uint64_t rules;  /* the incident's own rules */
    uint64_t others; /* data rules of other incidents of the station around it */
    uint64_t ctx;    /* context signals around it not covered by a work order */
    int ctx_station; /* a context signal of the station room (door, camera 1) */
    int ctx_outfall; /* a context signal of the outfall camera (camera 2) */
    int strong;      /* a rule that is abuse by itself, or that lasted */
    int flowmeter;   /* FLOW_DEFICIT looked like a scaled meter */
    int night;       /* it began at night (night_start_h .. night_end_h) */
} fusion_input;

typedef struct fusion_result {
    const char *type; /* a FRAUD-CATALOGUE.md type, or "unknown" */
    int level;        /* FUSION_GREEN .. FUSION_RED */
} fusion_result;

fusion_result fusion_decide(rule_family family, const fusion_input *in);
const char *fusion_level_name(int level); /* "green" "yellow" "red" */

#endif
