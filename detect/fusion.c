/*
 * fusion.c — the decision per family (see fusion.h; docs/detection.md "Fusion"): one
 * function per family in a table; then, for every family but the cameras, a data anomaly
 * with a door, person or camera signal around it is red.
 */
#include "fusion.h"

#include "hjfraud.h"

#include <stdio.h>
#include <string.h>

#define BIT(id) FUSION_BIT(RULE_##id)
/* A type of the fraud catalogue (proto/hjfraud.h): its key, the `type` of an alert. */
#define TYPE(id) (hjfraud_at(HJFRAUD_##id)->key)

#define DAU_RULES                                                                                  \
    (BIT(BUNCHING) | BIT(UNIFORM_SCALE) | BIT(DECOUPLED_STEP) | BIT(TOC_MISMATCH) |                 \
     BIT(GAS_SUM_MISMATCH))
#define CAMERA_RULES (BIT(CAMERA_MOVED) | BIT(CAMERA_COVERED) | BIT(VIDEO_LOSS) | BIT(SCENE_CHANGE))

const char *fusion_level_name(int level)
{
    return level >= FUSION_RED ? "red" : level == FUSION_YELLOW ? "yellow" : "green";
}

/* What a family's decision reads: the incident's own rules, the data rules of the other
 * incidents around it, the context signals around it (door, person, camera; not covered by
 * a work order). */
typedef struct incident_view {
    uint64_t own, others, context;
    int corroborated; /* any context signal */
} incident_view;

static fusion_result result(const char *type, int level)
{
    fusion_result decided = {type, level};
    return decided;
}

/* The drop with an extra cycle (St) or someone in the station room. */
static fusion_result decide_cup(const fusion_input *in, const incident_view *view)
{
    if (!(view->own & (BIT(SUDDEN_DROP) | BIT(EXTRA_MEASUREMENT))))
        return result(TYPE(SAMPLE_CUP_INJECTION), FUSION_GREEN);
    int drop_confirmed =
        (view->own & BIT(SUDDEN_DROP)) && ((view->own & BIT(EXTRA_MEASUREMENT)) || in->ctx_station);
    int extra_entered = (view->own & BIT(EXTRA_MEASUREMENT)) && in->ctx_station &&
                        (view->context & BIT(DOOR_ENTRY));
    int level = drop_confirmed || extra_entered ? FUSION_RED : FUSION_YELLOW;
    /* no manual start, no rebound, and the other analyzers followed it down to tap water or
     * a bucket's flat level: the first analyzer to draw from a moved sampling hose */
    uint64_t line = view->others & (BIT(TAP_LEVEL) | BIT(VARIANCE_COLLAPSE));
    if (line && !(view->own & (BIT(REBOUND) | BIT(EXTRA_MEASUREMENT)))) {
        uint64_t discharge = view->others & (BIT(NIGHT_FLOW) | BIT(TREATMENT_OFF));
        int night = ((in->ctx_outfall || in->night) && discharge) || (in->ctx_outfall && in->night);
        return result(night ? TYPE(NIGHT_DISCHARGE) : TYPE(SAMPLING_HOSE_SWAP), level);
    }
    return result(TYPE(SAMPLE_CUP_INJECTION), level);
}

/* A proportional fall, or clean water let in at the sampling point (flow and conductivity).
 * Concentrations, flow and conductivity are all data: red needs a signal beside them
 * (catalogue: a dilute morning flush or rain also lowers every parameter at a higher flow). */
static fusion_result decide_dilution(const fusion_input *in, const incident_view *view)
{
    (void)in;
    if (!(view->own & (BIT(PROPORTIONAL_FALL) | BIT(WATER_INFLOW))))
        return result(TYPE(TAP_WATER_DILUTION), FUSION_GREEN);
    return result(TYPE(TAP_WATER_DILUTION), view->corroborated ? FUSION_RED : FUSION_YELLOW);
}

/* At night with the outfall camera turned and flow or treatment off: the discharge. */
static fusion_result decide_hose(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(SAMPLING_HOSE_SWAP), FUSION_GREEN);
    uint64_t discharge = view->others & (BIT(NIGHT_FLOW) | BIT(TREATMENT_OFF));
    const char *type = TYPE(SAMPLING_HOSE_SWAP);
    if ((in->ctx_outfall || in->night) && discharge) type = TYPE(NIGHT_DISCHARGE);
    if (in->ctx_outfall && in->night) type = TYPE(NIGHT_DISCHARGE);
    return result(type, view->corroborated || discharge ? FUSION_RED : FUSION_YELLOW);
}

static fusion_result decide_night(const fusion_input *in, const incident_view *view)
{
    (void)in;
    if (!view->own) return result(TYPE(NIGHT_DISCHARGE), FUSION_GREEN);
    uint64_t with = view->others & (BIT(TREATMENT_OFF) | BIT(VARIANCE_COLLAPSE) | BIT(TAP_LEVEL));
    return result(TYPE(NIGHT_DISCHARGE), view->corroborated || with ? FUSION_RED : FUSION_YELLOW);
}

/* A camera alone is yellow at most: it corroborates the others. */
static fusion_result decide_camera(const fusion_input *in, const incident_view *view)
{
    (void)in;
    return result(TYPE(CAMERA_TAMPERING), view->own & CAMERA_RULES ? FUSION_YELLOW : FUSION_GREEN);
}

static fusion_result decide_param(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(ANALYZER_PARAM_TAMPER), FUSION_GREEN);
    return result(TYPE(ANALYZER_PARAM_TAMPER),
                  (view->own & BIT(PARAM_CHANGE)) || in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* A calibration without an order is strong; the records corroborate the level step (or the
 * step explains the lab result). */
static fusion_result decide_calib(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result("unknown", FUSION_GREEN);
    const char *type = (view->others & BIT(PARAM_CHANGE)) ? TYPE(ANALYZER_PARAM_TAMPER)
                       : (view->others & DAU_RULES)       ? TYPE(DAU_TAMPER)
                                                          : TYPE(STANDARD_SOLUTION_TAMPER);
    int level = in->strong ? FUSION_RED : FUSION_YELLOW;
    if ((view->own & BIT(LAB_MISMATCH)) &&
        ((view->own & BIT(CALIBRATION_SHIFT)) || (view->others & (BIT(PARAM_CHANGE) | DAU_RULES))))
        level = FUSION_RED;
    return result(type, level);
}

static fusion_result decide_dau(const fusion_input *in, const incident_view *view)
{
    (void)in;
    if (!view->own) return result(TYPE(DAU_TAMPER), FUSION_GREEN);
    /* the analyzer's own TOC (a gas analyzer's own components: NO and NO2, THC and CH4) said
     * otherwise for long: the value was rewritten after the analyzer (catalogue: its own
     * record and the upload disagree) */
    int strong = (view->own & (BIT(TOC_MISMATCH) | BIT(GAS_SUM_MISMATCH))) && in->strong;
    return result(TYPE(DAU_TAMPER),
                  strong || (view->others & BIT(LAB_MISMATCH)) ? FUSION_RED : FUSION_YELLOW);
}

/* Meter or outlet, by how the flow fell against the flow a treatment pump's current says
 * passes the plant: scaled by a factor (its swings shrink with it) is the meter, short by a
 * fixed amount an outlet; a totalizer that disagrees is the meter. When the flow cannot
 * tell: the meter is reached in the station room (an entry, a person, its camera), a hidden
 * outlet needs neither. The current corroborates the flow once the deficit lasted. */
static fusion_result decide_flow(const fusion_input *in, const incident_view *view)
{
    int meter = in->flowmeter == 1 || (view->own & BIT(TOTALIZER_MISMATCH)) ||
                (in->flowmeter == 0 && in->ctx_station);
    const char *type = meter ? TYPE(FLOWMETER_TAMPER) : TYPE(BYPASS_DISCHARGE);
    if (!view->own) return result(type, FUSION_GREEN);
    int deficit_and_total =
        (view->own & BIT(FLOW_DEFICIT)) && (view->own & BIT(TOTALIZER_MISMATCH));
    return result(type, in->strong || deficit_and_total ? FUSION_RED : FUSION_YELLOW);
}

/* At night with the outfall camera turned away or covered: the night discharge. */
static fusion_result decide_treat(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(TREATMENT_STOPPED), FUSION_GREEN);
    const char *type = TYPE(TREATMENT_STOPPED);
    if (in->night &&
        (in->ctx_outfall || (view->others & (BIT(TAP_LEVEL) | BIT(VARIANCE_COLLAPSE)))))
        type = TYPE(NIGHT_DISCHARGE);
    return result(type, in->strong || (view->own & BIT(CONC_RISE)) ? FUSION_RED : FUSION_YELLOW);
}

static fusion_result decide_flag(const fusion_input *in, const incident_view *view)
{
    (void)in;
    if (!view->own) return result(TYPE(FALSE_FLAG), FUSION_GREEN);
    return result(TYPE(FALSE_FLAG), view->own & BIT(FLAG_AFTER_EXCEED) ? FUSION_RED : FUSION_YELLOW);
}

/* A hole not backfilled is a data anomaly (yellow), next to an exceedance too: a power
 * failure leaves the same hole, so red wants a signal beside it — someone in the room
 * before it, analyzers stopped or treatment off meanwhile. An outage the DAU backfilled, or
 * a station silent while it lasts, is honest by itself (a link down); with values near the
 * limit, one of those signals, or someone in the room before it: the cut. */
static fusion_result decide_gap(const fusion_input *in, const incident_view *view)
{
    int level = FUSION_GREEN;
    uint64_t beside =
        view->others & (BIT(SAMPLETIME_STALLED) | BIT(FROZEN_VALUE) | BIT(TREATMENT_OFF));
    if (view->own & (BIT(DATA_GAP) | BIT(GAP_AT_EXCEEDANCE)))
        level = beside ? FUSION_RED : FUSION_YELLOW;
    else if ((view->own & (BIT(LINK_OUTAGE) | BIT(SILENCE))) &&
             (in->strong || view->corroborated || beside))
        level = FUSION_RED;
    return result(TYPE(TRANSMISSION_CUT), level);
}

static fusion_result decide_frozen(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(FROZEN_VALUE), FUSION_GREEN);
    return result(TYPE(FROZEN_VALUE), in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* ---- gas and VOCs stations (GAS.md): the physics checks' families ---- */

/* Air in the sample: the gases, the fan, the flow are all data of the same minutes: red
 * when it lasted (hours at the same load) or with a signal beside it. */
static fusion_result decide_gas_probe(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(PROBE_DILUTION), FUSION_GREEN);
    return result(TYPE(PROBE_DILUTION), in->strong ? FUSION_RED : FUSION_YELLOW);
}

static fusion_result decide_vocs(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(VOCS_DILUTION), FUSION_GREEN);
    return result(TYPE(VOCS_DILUTION), in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* O2 low for the load: red when its parameters were changed without an order, when CO2
 * disagrees, or when it lasted. */
static fusion_result decide_gas_o2(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(O2_TAMPER), FUSION_GREEN);
    return result(TYPE(O2_TAMPER), in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* A step at a calibration is data; the slope the calibration set (3020) corroborates it. */
static fusion_result decide_gas_span(const fusion_input *in, const incident_view *view)
{
    (void)in;
    if (!view->own) return result(TYPE(SPAN_GAS_TAMPER), FUSION_GREEN);
    int both = (view->own & BIT(GAS_SPAN_STEP)) && (view->own & BIT(GAS_SPAN_SLOPE));
    return result(TYPE(SPAN_GAS_TAMPER), both ? FUSION_RED : FUSION_YELLOW);
}

/* The line's temperature (3020) and SO2 falling alone: two signals of the same act. */
static fusion_result decide_gas_heat(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(HEAT_TRACE_OFF), FUSION_GREEN);
    int both = (view->own & BIT(GAS_LINE_TEMP)) && (view->own & BIT(GAS_SO2_SPLIT));
    return result(TYPE(HEAT_TRACE_OFF), both || in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* Calibration or maintenance status beyond the schedule, no order: flag abuse (strong). */
static fusion_result decide_gas_calflag(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(CALIBRATION_FLAG_ABUSE), FUSION_GREEN);
    return result(TYPE(CALIBRATION_FLAG_ABUSE), in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* F against the fan's current: the current corroborates once it lasted. */
static fusion_result decide_gas_shutdown(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(FAKE_SHUTDOWN), FUSION_GREEN);
    return result(TYPE(FAKE_SHUTDOWN), in->strong ? FUSION_RED : FUSION_YELLOW);
}

/* The flow cannot tell a lowered coefficient from an open damper: the flue monitor is set
 * in the station room (an entry, a person), a VOCs line has no bypass flue; else the
 * damper. */
static fusion_result decide_gas_flow(const fusion_input *in, const incident_view *view)
{
    const char *type =
        in->flowmeter == 1 || in->ctx_station ? TYPE(FLOW_PARAM_TAMPER) : TYPE(BYPASS_FLUE);
    if (!view->own) return result(type, FUSION_GREEN);
    return result(type, in->strong ? FUSION_RED : FUSION_YELLOW);
}

static fusion_result decide_gas_rto(const fusion_input *in, const incident_view *view)
{
    if (!view->own) return result(TYPE(RTO_BYPASS), FUSION_GREEN);
    return result(TYPE(RTO_BYPASS), in->strong ? FUSION_RED : FUSION_YELLOW);
}

static fusion_result (*const DECIDE[RULE_FAMILY__COUNT])(const fusion_input *,
                                                         const incident_view *) = {
    [RULE_FAMILY_CUP] = decide_cup,       [RULE_FAMILY_DILUTION] = decide_dilution,
    [RULE_FAMILY_HOSE] = decide_hose,     [RULE_FAMILY_NIGHT] = decide_night,
    [RULE_FAMILY_CAMERA] = decide_camera, [RULE_FAMILY_PARAM] = decide_param,
    [RULE_FAMILY_CALIB] = decide_calib,   [RULE_FAMILY_DAU] = decide_dau,
    [RULE_FAMILY_FLOW] = decide_flow,     [RULE_FAMILY_TREAT] = decide_treat,
    [RULE_FAMILY_FLAG] = decide_flag,     [RULE_FAMILY_GAP] = decide_gap,
    [RULE_FAMILY_FROZEN] = decide_frozen,
    [RULE_FAMILY_GAS_PROBE] = decide_gas_probe,   [RULE_FAMILY_VOCS] = decide_vocs,
    [RULE_FAMILY_GAS_O2] = decide_gas_o2,         [RULE_FAMILY_GAS_SPAN] = decide_gas_span,
    [RULE_FAMILY_GAS_HEAT] = decide_gas_heat,     [RULE_FAMILY_GAS_CALFLAG] = decide_gas_calflag,
    [RULE_FAMILY_GAS_SHUTDOWN] = decide_gas_shutdown, [RULE_FAMILY_GAS_FLOW] = decide_gas_flow,
    [RULE_FAMILY_GAS_RTO] = decide_gas_rto,
};

fusion_result fusion_decide(rule_family family, const fusion_input *in)
{
    if ((unsigned)family >= RULE_FAMILY__COUNT) return result("unknown", FUSION_GREEN);
    incident_view view = {in->rules, in->others, in->ctx, in->ctx != 0};
    fusion_result decided = DECIDE[family](in, &view);
    /* a data-only anomaly with a door, person or camera signal around it (a backfilled
     * outage alone is no anomaly: green stays green) */
    if (decided.level == FUSION_YELLOW && family != RULE_FAMILY_CAMERA && view.corroborated)
        decided.level = FUSION_RED;
    return decided;
}

int fusion_om_explains(rule_family family, const fusion_input *in)
{
    /* identical values on new measurements: no analyzer job leaves them (a stopped analyzer's
     * sample time stands: sampletime_stalled) */
    if (family == RULE_FAMILY_FROZEN && (in->strong || (in->rules & BIT(FROZEN_VALUE)))) return 0;
    if (family != RULE_FAMILY_FLAG && family != RULE_FAMILY_GAP && family != RULE_FAMILY_FROZEN)
        return 0;
    /* what no analyzer job does: the treatment stopped, values frozen while the analyzer
     * measures, the station camera turned away or covered */
    if (in->others & (BIT(TREATMENT_OFF) | BIT(CONC_RISE) | BIT(FROZEN_VALUE))) return 0;
    if (in->ctx & (BIT(CAMERA_MOVED) | BIT(CAMERA_COVERED))) return 0;
    return 1;
}

/* ---- incidents ---- */

void fusion_incident_open(fusion_incident *inc, rule_family family, const rule_hit *h)
{
    memset(inc, 0, sizeof *inc);
    inc->family = family;
    inc->start = h->start;
    inc->end = h->end;
    inc->type = "unknown";
}

static void add_evidence(fusion_incident *inc, rule_id id, const char *en, const char *zh)
{
    if (!en[0]) return;
    for (size_t i = 0; i < inc->nevidence; i++)
        if (strcmp(inc->en[i], en) == 0) return;
    size_t slot = inc->nevidence;
    if (slot == FUSION_MAX_EVIDENCE) {
        /* a newer line of the same rule replaces the older one; else the list is full */
        for (size_t i = 0; i < inc->nevidence; i++)
            if (inc->evidence_rule[i] == id) slot = i;
        if (slot == FUSION_MAX_EVIDENCE) return;
    } else {
        inc->nevidence++;
    }
    inc->evidence_rule[slot] = id;
    snprintf(inc->en[slot], RULE_TEXT, "%s", en);
    snprintf(inc->zh[slot], RULE_TEXT, "%s", zh);
}

int fusion_incident_add(fusion_incident *inc, const rule_hit *h)
{
    /* grew: a rule new to it, or the episode again after its window (a second pour, a
     * second night): raised again, so that the alert's window shows it */
    int grew = (!(inc->rules & FUSION_BIT(h->id)) || h->start > inc->end) && inc->level > 0;
    inc->rules |= FUSION_BIT(h->id);
    inc->strong |= h->strong;
    /* the newest look at the flow that could tell meter from outlet (it saw the most) */
    if ((h->id == RULE_FLOW_STEP || h->id == RULE_FLOW_DEFICIT || h->id == RULE_GAS_FLOW_DEFICIT) &&
        h->variant)
        inc->flowmeter = h->variant;
    if (h->start < inc->start) inc->start = h->start;
    if (h->end > inc->end) inc->end = h->end;
    inc->last = h->time;
    add_evidence(inc, h->id, h->en, h->zh);
    return grew;
}

/* A signal that corroborates the incident: not covered by a work order, arrived by now,
 * not a camera for a camera incident, not one from inside a hole for a hole. */
static int corroborates(const fusion_incident *inc, const rule_context *signal, int64_t now)
{
    if (signal->covered || signal->start > now) return 0;
    /* a hole in the data: someone entering before it went dark, not after (a signal from
     * inside the hole came with a backfill: the DAU was alive, the link down) */
    if (inc->family == RULE_FAMILY_GAP && signal->start > inc->start + 5 * 60000LL) return 0;
    return !(inc->family == RULE_FAMILY_CAMERA && rule_family_of(signal->id) == RULE_FAMILY_CAMERA);
}

int fusion_incident_judge(fusion_incident *inc, const fusion_around *around, int grew)
{
    fusion_input in = {inc->rules,     around->others, 0, 0, 0, inc->strong,
                       inc->flowmeter, around->night};
    for (size_t i = 0; i < around->nsignals; i++) {
        const rule_context *signal = around->signals[i];
        if (!corroborates(inc, signal, around->now)) continue;
        in.ctx |= FUSION_BIT(signal->id);
        if (signal->which == 2)
            in.ctx_outfall = 1;
        else
            in.ctx_station = 1;
    }
    fusion_result decided = fusion_decide(inc->family, &in);
    /* the O&M job's red: its order may come hours after the job (a night repair filed in
     * the morning) — yellow while it may, and for good once an order filed covers it */
    int due = 0;
    inc->held = 0;
    if (decided.level == FUSION_RED && inc->level < FUSION_RED &&
        fusion_om_explains(inc->family, &in)) {
        if (around->order_filed)
            decided.level = FUSION_YELLOW;
        else if (around->now < around->filing_due)
            decided.level = FUSION_YELLOW, inc->held = 1;
        else
            due = around->filing_due > 0;
    }
    if (decided.level < inc->level) return 0;
    if (decided.level == inc->level && !(decided.level > 0 && (decided.type != inc->type || grew)))
        return 0;
    /* the context that made it red goes into the evidence */
    for (size_t i = 0; i < around->nsignals; i++) {
        const rule_context *signal = around->signals[i];
        if (!signal->covered && (in.ctx & FUSION_BIT(signal->id)) && signal->start <= around->now) {
            add_evidence(inc, signal->id, signal->en, signal->zh);
            inc->rules |= FUSION_BIT(signal->id);
        }
    }
    if (due && around->due_en) add_evidence(inc, RULE__COUNT, around->due_en, around->due_zh);
    inc->level = decided.level;
    inc->type = decided.type;
    return 1;
}
