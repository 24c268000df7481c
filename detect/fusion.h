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

#include <stddef.h>
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
    int flowmeter;   /* the flow looked scaled (1: a meter), short by an amount (2: an outlet),
                        or could not tell (0) */
    int night;       /* it began at night (night_start_h .. night_end_h) */
} fusion_input;

typedef struct fusion_result {
    const char *type; /* a FRAUD-CATALOGUE.md type, or "unknown" */
    int level;        /* FUSION_GREEN .. FUSION_RED */
} fusion_result;

fusion_result fusion_decide(rule_family family, const fusion_input *in);
const char *fusion_level_name(int level); /* "green" "yellow" "red" */

/* ---- incidents: the hits of one family at one station, judged as they come ---- */

#define FUSION_MAX_EVIDENCE 10

/* What an alert of the incident says: its rules (and the context signals that corroborated
 * it), the interval the data shows, its level and type, its evidence lines — the hits'
 * lines in the order they came, then those of the context that made it red. */
typedef struct fusion_incident {
    rule_family family;
    uint64_t rules;
    int strong;    /* a rule that is abuse by itself, or that lasted */
    int flowmeter; /* the flow looked scaled (1), short by an amount (2), or unknown (0) */
    int64_t start, end;
    int64_t last; /* the newest hit's raise time */
    int level;    /* FUSION_GREEN .. FUSION_RED; it only rises */
    int held;     /* its red waits for a work order's filing window (fusion_around) */
    const char *type;
    size_t nevidence;
    rule_id evidence_rule[FUSION_MAX_EVIDENCE];
    char en[FUSION_MAX_EVIDENCE][RULE_TEXT];
    char zh[FUSION_MAX_EVIDENCE][RULE_TEXT];
} fusion_incident;

/* A new incident of family, at the interval of the hit that opens it (add the hit next). */
void fusion_incident_open(fusion_incident *inc, rule_family family, const rule_hit *h);
/* A hit of the incident's family joins it. 1 when a rule new to an incident already raised
 * joined it (its alert is raised again with the new evidence), else 0. An evidence line
 * already there is not repeated; when the list is full, a newer line of the same rule
 * replaces the older one, and others are left out. */
int fusion_incident_add(fusion_incident *inc, const rule_hit *h);

/* What is around an incident when it is judged. */
typedef struct fusion_around {
    const rule_context *const *signals; /* the station's context signals over its window */
    size_t nsignals;
    uint64_t others; /* the data rules of the station's other incidents around it */
    int night;       /* it began at night */
    int64_t now;     /* a signal that starts later has not arrived yet */
    /* A work order may be filed hours after its job. A red resting only on what an O&M
     * job leaves (flags, a hole or a silence, a stopped analyzer, the engineer's card at
     * the door) waits for it: yellow until filing_due, red from then when no order filed
     * by then covers the incident (fusion_om_explains). */
    int64_t filing_due;          /* the end of the filing window (0: nothing waits) */
    int order_filed;             /* an order filed by now overlaps the incident */
    const char *due_en, *due_zh; /* the evidence line of a red raised at filing_due */
} fusion_around;

/* The red that fusion decided rests only on what an O&M job explains (flags, a hole, a
 * stopped analyzer, the door): nothing beside it that no analyzer job does (treatment off,
 * a camera turned or covered, values frozen for hours). */
int fusion_om_explains(rule_family family, const fusion_input *in);

/* Judges the incident with what is around it: the signals not covered by a work order and
 * arrived by now corroborate it (a camera incident is not corroborated by cameras); a red
 * that an O&M job explains is yellow while its order may still be filed (held), and stays
 * yellow once an order filed covers it. Returns
 * 1 when an alert is to be raised — the level rose, a more specific type at the same level,
 * or grew (a rule joined) — with its level, type, rules and evidence (the signals that
 * corroborated it) updated; 0 leaves it as it was. */
int fusion_incident_judge(fusion_incident *inc, const fusion_around *around, int grew);

#endif
