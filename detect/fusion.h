/*
 * fusion.h — from the rules that fired (and the context signals around them) to a fraud
 * type and a warning level, as FRAUD-CATALOGUE.md defines them:
 *   green  nothing suspicious;
 *   yellow one data-only anomaly;
 *   red    a data anomaly corroborated by another signal (door, camera, current, records,
 *          parameters), or any parameter/flag abuse without a work order.
 * Each data rule belongs to one family (the signature it is part of); an alert is one
 * family's incident. The table is in fusion.c and docs/detection.md.
 */
#ifndef FUSION_H
#define FUSION_H

#include "rule.h"

#include <stdint.h>

typedef enum fusion_family {
    FUSION_CUP = 0,  /* sudden_drop, rebound, extra_measurement */
    FUSION_DILUTION, /* proportional_fall, toward_tap_water, flow_rise */
    FUSION_HOSE,     /* variance_collapse, tap_level */
    FUSION_NIGHT,    /* night_flow */
    FUSION_CAMERA,   /* camera_moved, camera_covered, video_loss, scene_change */
    FUSION_PARAM,    /* param_change, level_shift */
    FUSION_CALIB,    /* calibration_shift, lab_mismatch */
    FUSION_DAU,      /* bunching_under_limit, uniform_scale */
    FUSION_FLOW,     /* flow_deficit, flow_step, totalizer_mismatch */
    FUSION_TREAT,    /* treatment_off, concentration_rise */
    FUSION_FLAG,     /* flag_after_exceedance, flag_without_order */
    FUSION_GAP,      /* data_gap, gap_at_exceedance, link_outage */
    FUSION_FROZEN,   /* frozen_value, sampletime_stalled */
    FUSION__COUNT,
    FUSION_NONE = -1 /* door_entry, person_seen: context only */
} fusion_family;

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

fusion_family fusion_family_of(rule_id id);
fusion_result fusion_decide(fusion_family fam, const fusion_input *in);
const char *fusion_level_name(int level); /* "green" "yellow" "red" */

#endif
