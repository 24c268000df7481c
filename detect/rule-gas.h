/*
 * rule-gas.h — what the gas rules (rule-gas.c, rule-gas-chain.c, rule-gas-plant.c) keep of a
 * flue-gas or VOCs station (GAS.md; docs/detection.md "Gas and VOCs stations"): the minute
 * values of its codes in a ring of the last 90 minutes, baselines learned in normal
 * operation, the sampling system's temperatures, the analyzers' parameters (3020) and the
 * episodes of the checks. A rule_station holds one (allocated at its first gas record); the
 * water rules never read it. Included by rule-private.h only.
 */
#ifndef RULE_GAS_H
#define RULE_GAS_H

#include <stdint.h>

/* The channels the gas rules read, by their rows in the code table (rule-gas.c). */
enum { G_SO2, G_NOX, G_CO, G_CO2, G_O2, G_PM, G_NMHC, G_THC, G_CH4, G_FLOW, G_VEL, G_NCH };

#define G_RING   90 /* minutes kept */
#define G_NPARAM 4  /* range, intercept, slope, detection limit (3020) */

typedef struct gas_ewma {
    double mean, var;
    long n;
} gas_ewma;

/* A check's episode: since when its condition holds, the levels before it, what was sent. */
typedef struct gas_episode {
    int64_t since;              /* first minute the condition held; 0: not holding */
    int run;                    /* consecutive minutes it held */
    int miss;                   /* consecutive minutes it did not (an episode tolerates a few) */
    int level;                  /* 0 nothing sent, 1 a hit, 2 a strong hit */
    double ref[G_NCH], ref_fan; /* the levels before it */
    double ref_treat;           /* ... and the treatment meters' current */
} gas_episode;

typedef struct gas_chan {
    int have;                              /* sent in the newest minute */
    int valid;                             /* ... flagged N or T, the plant running */
    double v;                              /* Rtd */
    double z;                              /* ZsRtd, or Rtd when the code has none */
    char flag;                             /* its newest flag ('N' when none) */
    double ring_v[G_RING], ring_z[G_RING]; /* valid minutes; NAN otherwise */
    gas_ewma base;                         /* z in normal operation */
    char last_raw[24];
    int same, longest; /* identical valid minutes running; the longest run that ended */
    long changes;      /* how often a valid value differed from the one before */
    int frozen_level;
    int64_t over_at; /* its newest valid minute over the limit (converted), 0 none */
    double over_value;
    /* 3020 parameters and the last calibration */
    int params_known;
    double param[G_NPARAM];
    int64_t cal_time;
    /* a calibration (C) episode: the level before it, judged after it */
    int64_t c_start, c_end;
    double c_before, c_companion;
    int c_judge;      /* 1: waiting for its level after */
    int64_t c_at;     /* its newest minute flagged C (a calibration: its drift removed) */
    int64_t param_at; /* a parameter changed without a calibration or an order (0 none) */
    int64_t slope_at; /* the 3020 at a calibration that moved its slope (0 none) */
    double slope_from, slope_to;
    int state; /* its analyzer's work state (3020 i12001; 0 measuring), -1 not known */
} gas_chan;

/* A code one analyzer sends beside a channel, read only to check the channel against it
 * (NO and NO2 beside NOx). */
typedef struct gas_part {
    int have;
    double v;
    char flag;
    char last_raw[24];
    int same, longest; /* identical valid minutes running; the longest run that ended */
    long changes;
} gas_part;

typedef struct rule_gas {
    int vocs;        /* a GC-FID station (NMHC) */
    int64_t minutes; /* gas minutes seen */
    int64_t last_t;
    int ring_at, nring; /* ring position of the newest minute */
    gas_chan ch[G_NCH];
    double fan_ring[G_RING]; /* production (fan) current, NAN when none */
    double treat_ring[G_RING]; /* the treatment meters' current (an RTO's), NAN when none */
    double fan, fan_base;    /* now, and its usual while running */
    int running;             /* the fan runs */
    int64_t run_since;       /* ... since (not stopped, no F), 0 when it does not */
    gas_ewma fan_ewma;
    /* the sampling system (3020 i33001, i33002) */
    int line_known;
    double line_c, chiller_c;
    int line_bad;
    int64_t line_bad_since;
    /* a C or M episode of the extracted gases */
    struct {
        int64_t start;
        char flag;
        int judged, at_exceed;
        int64_t over_at;
        double over_value;
        int code_row; /* the code over the limit */
        int dev, dau;   /* its minutes the devices' own status explains / contradicts */
        int state_said; /* ... an analyzer's 3020 said it measured */
    } flags;
    int64_t seq_starts[4]; /* the newest C/M episodes of the devices, not under an order */
    int nseq;
    int seq_level;
    gas_part no, no2;
    struct { /* a code sent apart from its own components (NOx, NMHC) */
        int64_t since;
        int run, miss, level, ch;
        double sent, parts; /* the newest minute apart: the code and its components' sum */
    } sum;
    int cal_minutes[4]; /* local minute of day the last C episodes began */
    int ncal;
    int64_t f_since; /* F while the fan runs */
    int f_level;
    gas_episode dil, o2, split, flow, rto, span;
    gas_ewma o2_jump; /* the square of O2's fall over an hour at a held fan, normal operation */
    int64_t o2_param_at;
} rule_gas;

#endif
