/*
 * fusion.c — the fusion table (see fusion.h; docs/detection.md "Fusion").
 */
#include "fusion.h"

#define B(id) FUSION_BIT(RULE_##id)

const char *fusion_level_name(int level)
{
    return level >= FUSION_RED ? "red" : level == FUSION_YELLOW ? "yellow" : "green";
}

#define DAU_BITS    (B(BUNCHING) | B(UNIFORM_SCALE) | B(DECOUPLED_STEP))
#define CAMERA_BITS (B(CAMERA_MOVED) | B(CAMERA_COVERED) | B(VIDEO_LOSS) | B(SCENE_CHANGE))

fusion_result fusion_decide(rule_family fam, const fusion_input *in)
{
    fusion_result r = {"unknown", FUSION_GREEN};
    uint64_t R = in->rules, O = in->others, C = in->ctx;
    int corroborated = C != 0; /* door, person or camera around it */
    switch (fam) {
    case RULE_FAMILY_CUP:
        r.type = "sample_cup_injection";
        if (!(R & (B(SUDDEN_DROP) | B(EXTRA_MEASUREMENT)))) break;
        r.level = FUSION_YELLOW;
        /* the drop with an extra cycle (St) or someone in the station room */
        if (((R & B(SUDDEN_DROP)) && ((R & B(EXTRA_MEASUREMENT)) || in->ctx_station)) ||
            ((R & B(EXTRA_MEASUREMENT)) && in->ctx_station && (C & B(DOOR_ENTRY))))
            r.level = FUSION_RED;
        break;
    case RULE_FAMILY_DILUTION:
        r.type = "tap_water_dilution";
        if (!(R & B(PROPORTIONAL_FALL))) break;
        r.level = FUSION_YELLOW;
        /* concentrations and flow are both data: red needs a signal beside them (catalogue:
         * a dilute morning flush or rain also lowers every parameter at a higher flow) */
        if (corroborated) r.level = FUSION_RED;
        break;
    case RULE_FAMILY_HOSE:
        r.type = "sampling_hose_swap";
        if (!R) break;
        r.level = FUSION_YELLOW;
        /* at night with the outfall camera turned and flow or treatment off: the discharge */
        if ((in->ctx_outfall || in->night) && (O & (B(NIGHT_FLOW) | B(TREATMENT_OFF))))
            r.type = "night_discharge";
        if (in->ctx_outfall && in->night) r.type = "night_discharge";
        if (corroborated || (O & (B(NIGHT_FLOW) | B(TREATMENT_OFF)))) r.level = FUSION_RED;
        break;
    case RULE_FAMILY_NIGHT:
        r.type = "night_discharge";
        if (!R) break;
        r.level = FUSION_YELLOW;
        if (corroborated || (O & (B(TREATMENT_OFF) | B(VARIANCE_COLLAPSE) | B(TAP_LEVEL))))
            r.level = FUSION_RED;
        break;
    case RULE_FAMILY_CAMERA:
        r.type = "camera_tampering";
        if (R & CAMERA_BITS) r.level = FUSION_YELLOW;
        break;
    case RULE_FAMILY_PARAM:
        r.type = "analyzer_param_tamper";
        if (!R) break;
        r.level = (R & B(PARAM_CHANGE)) || in->strong ? FUSION_RED : FUSION_YELLOW;
        break;
    case RULE_FAMILY_CALIB:
        if (!R) break;
        r.type = (O & B(PARAM_CHANGE)) ? "analyzer_param_tamper"
                 : (O & DAU_BITS)      ? "dau_tamper"
                                       : "standard_solution_tamper";
        r.level = in->strong ? FUSION_RED : FUSION_YELLOW; /* a calibration without an order */
        /* the records corroborate the level step (or the step explains the lab) */
        if ((R & B(LAB_MISMATCH)) &&
            ((R & B(CALIBRATION_SHIFT)) || (O & (B(PARAM_CHANGE) | DAU_BITS))))
            r.level = FUSION_RED;
        break;
    case RULE_FAMILY_DAU:
        r.type = "dau_tamper";
        if (!R) break;
        r.level = (O & B(LAB_MISMATCH)) ? FUSION_RED : FUSION_YELLOW;
        break;
    case RULE_FAMILY_FLOW:
        /* the meter is reached in the station room (an entry, a person, its camera) or its
         * totalizer disagrees; a hidden outlet needs neither */
        r.type = in->ctx_station || (R & B(TOTALIZER_MISMATCH)) ? "flowmeter_tamper"
                                                                : "bypass_discharge";
        if (!R) break;
        r.level = FUSION_YELLOW;
        /* flow against the production current: the current corroborates once it lasts */
        if (in->strong || ((R & B(FLOW_DEFICIT)) && (R & B(TOTALIZER_MISMATCH))))
            r.level = FUSION_RED;
        break;
    case RULE_FAMILY_TREAT:
        r.type = "treatment_stopped";
        if (!R) break;
        /* at night with the outfall camera turned away or covered: the night discharge */
        if (in->night && (in->ctx_outfall || (O & (B(TAP_LEVEL) | B(VARIANCE_COLLAPSE)))))
            r.type = "night_discharge";
        r.level = in->strong || (R & B(CONC_RISE)) ? FUSION_RED : FUSION_YELLOW;
        break;
    case RULE_FAMILY_FLAG:
        r.type = "false_flag";
        if (!R) break;
        r.level = (R & B(FLAG_AFTER_EXCEED)) ? FUSION_RED : FUSION_YELLOW;
        break;
    case RULE_FAMILY_GAP:
        r.type = "transmission_cut";
        if (!R) break;
        if (R & (B(DATA_GAP) | B(GAP_AT_EXCEEDANCE)))
            r.level = (R & B(GAP_AT_EXCEEDANCE)) ? FUSION_RED : FUSION_YELLOW;
        /* an outage the DAU backfilled is honest by itself; with values near the limit,
         * analyzers stopped meanwhile, or someone in the room before it: the cut */
        else if (in->strong || corroborated ||
                 (O & (B(SAMPLETIME_STALLED) | B(FROZEN_VALUE) | B(TREATMENT_OFF))))
            r.level = FUSION_RED;
        break;
    case RULE_FAMILY_FROZEN:
        r.type = "frozen_value";
        if (!R) break;
        r.level = in->strong ? FUSION_RED : FUSION_YELLOW;
        break;
    default:
        break;
    }
    /* a data-only anomaly with a door, person or camera signal around it (a backfilled
     * outage alone is no anomaly: green stays green) */
    if (r.level == FUSION_YELLOW && fam != RULE_FAMILY_CAMERA && corroborated) r.level = FUSION_RED;
    return r;
}
