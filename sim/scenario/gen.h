/*
 * gen.h — the scenario generator: fresh, readable drills drawn from the catalogue's space
 * (`hjrange generate`, `hjrange suite --generate`).
 *
 * A set is named by its seed: scenario i of the set is drawn from its own RNG stream
 * (seed, "generate", i), so scenario i does not depend on how many were asked for, and the
 * same seed gives byte-identical files on any machine (only the project's RNG, rng.h, and
 * integer or rounded arithmetic; no libm transcendental, no locale, no clock).
 *
 * Two steps: gen_draw fills a plan (plain data: stations, frauds with their options and
 * times, honest confounders), gen_render writes it as a scenario file of SCENARIO-API.md
 * (a header comment that says what is staged and why, then the code). Every range drawn
 * from is written down in docs/generator.md; the unit test holds the two together.
 *
 * Ownership: gen_render returns a malloc'ed text the caller frees. Errors: -1 with a
 * message in err. Dependencies: hj_world (rng, plant and station defaults), hw-models (the
 * analyzers' cycle times), proto's catalogue (hjfraud.h).
 */
#ifndef GEN_H
#define GEN_H

#include <stddef.h>
#include <stdint.h>

#define GEN_MAX_STATIONS 6
#define GEN_MAX_FRAUDS   4  /* staged frauds at one station (a repeated one counts once) */
#define GEN_MAX_CONF     6  /* honest confounders at one station */
#define GEN_MAX_OPTS     14 /* options of one fraud besides at/duration/days */
#define GEN_MAX_COUNT    100000

typedef enum gen_difficulty {
    GEN_MIXED = 0, /* each scenario draws easy, normal or hard */
    GEN_EASY,
    GEN_NORMAL,
    GEN_HARD
} gen_difficulty;

/* Station kinds of gen_options.kinds (`--kinds wastewater,gas,vocs`). */
enum { GEN_KIND_WATER = 1, GEN_KIND_GAS = 2, GEN_KIND_VOCS = 4, GEN_KIND_ALL = 7 };

/* The narrowing options of `hjrange generate` (gen_options_default: the whole space). */
typedef struct gen_options {
    uint64_t seed;
    uint32_t types;    /* bit hjfraud_id: fraud types drawn from; 0 = every type of the kinds */
    uint32_t profiles; /* bit PLANT_*: wastewater plant profiles; 0 = all */
    uint32_t kinds;    /* GEN_KIND_* bits (default wastewater only) */
    int stations_min;  /* stations per scenario, 1 .. GEN_MAX_STATIONS (default 1 .. 3) */
    int stations_max;
    int days_min; /* run length in days, 1 .. 14 (default 2 .. 3) */
    int days_max;
    double honest;  /* share of honest stations, 0 .. 1 (default 0.3) */
    int difficulty; /* gen_difficulty */
} gen_options;

/* Confounders: honest situations that look like something (docs/generator.md). */
typedef enum gen_conf_kind {
    GEN_C_STANDARD_CHECK = 0, /* standard checks under a work order */
    GEN_C_CALIBRATION,        /* a calibration under a work order (honest bottle) */
    GEN_C_MAINTENANCE,        /* reagent/pump-tube work: M flags, analyzers stopped, restarted */
    GEN_C_REPAIR,             /* a fault repaired (often at night): D flags, stop, restart */
    GEN_C_POWER_FAILURE,      /* the station room loses power; O&M restores it */
    GEN_C_NETWORK_OUTAGE,     /* the link fails; the DAU backfills */
    GEN_C_RAIN,               /* storm runoff into a combined channel, in the open */
    GEN_C_PRODUCTION_STOP,    /* production stopped or cut, treatment running */
    GEN_C_UPSET,              /* raw water stronger: a real exceedance */
    GEN_C__COUNT,
    /* at gas and VOCs stations (docs/generator.md, "Gas and VOCs confounders") */
    GEN_CG_STARTUP = GEN_C__COUNT, /* the plant stopped and started again: F, O2 near 20.9 */
    GEN_CG_CALIBRATION,            /* a calibration by hand under a work order */
    GEN_CG_BLOWBACK,               /* an extra blowback under a work order */
    GEN_CG_LOAD_SWING,             /* the load down for hours, then back */
    GEN_CG_SOOT_BLOWING,           /* dust x 4 for minutes */
    GEN_CG_FGD_SWITCHOVER,         /* the FGD's pumps off for minutes */
    GEN_CG_MAINTENANCE,            /* the sampling system in maintenance under a work order */
    GEN_CG_FUEL_CHANGE,            /* a new fuel: raw SO2 and dust to another level, for good */
    GEN_CG__END
} gen_conf_kind;

/* One option of a fraud as the library takes it: key = Lua literal. */
typedef struct gen_opt {
    char key[20];
    char lua[120]; /* the value as Lua text: 24, "tap", false, { "w01018" } */
} gen_opt;

typedef struct gen_fraud {
    int type;    /* hjfraud_id */
    int raw;     /* 1: staged with the raw API, 0: through fraud.<type> */
    int variant; /* dau_tamper: 0 cap, 1 scale, 2 offset (drawn before the station) */
    int recipe;  /* 0 alone; 1 treatment cut + false flags; 2 dilution + camera; 3 one of
                    two frauds in turn */
    int64_t at;  /* the central act, local seconds (hjtime_days_from_civil * 86400 + s) */
    int64_t dur; /* seconds; 0: to the end of the run (or instantaneous: cup injection) */
    int days;    /* occurrences a day apart (the library's `days`) */
    int reps;    /* cup injections: how many, at rep_at[] */
    int64_t rep_at[4];
    double intensity; /* 0 weakest .. 1 strongest over the type's range */
    double strength;  /* what the intensity drove, in its own unit (docs/generator.md) */
    int64_t end;      /* when the truth window ends (last occurrence), local seconds */
    gen_opt opt[GEN_MAX_OPTS];
    int nopt;
    char what[320];  /* one line for the header: the options in words */
    char why[200];   /* why it is staged this way */
    char code[6144]; /* raw: the Lua that stages it (at() blocks), "" for the library */
} gen_fraud;

typedef struct gen_conf {
    int kind;         /* gen_conf_kind */
    int64_t at;       /* local seconds */
    int64_t dur;      /* seconds */
    int days;         /* repeated daily (standard checks): occurrences */
    uint32_t skip;    /* bit k: the occurrence of day k is left out (a fraud is on then) */
    double level;     /* production level, upset factor, rain m3/h ... */
    char param[3][8]; /* analyzers touched */
    int nparam;
    int filed_late; /* the work order filed after the work (paperwork the next morning) */
    char who[24], card[8];
    char what[200];
    char code[8192]; /* the Lua that stages it */
} gen_conf;

/* A gas or VOCs station's own draws (gen_station.kind 1 or 2). */
typedef struct gen_gas {
    int profile; /* STACK_* */
    double load, flue_nm3h;
    int o2_extractive, bypass;
} gen_gas;

typedef struct gen_station {
    char var[12]; /* Lua variable: st1 */
    int kind;     /* 0 wastewater, 1 gas, 2 VOCs */
    gen_gas gas;  /* kind 1, 2: the source; the water fields below are unused */
    char mn[24], name[96];
    int profile;  /* PLANT_* */
    int protocol; /* 2017 or 2025 */
    double flow_m3h, noise;
    int level;        /* 0 well under, 1 near, 2 over the COD limit */
    double cod_ratio; /* effluent COD mean / limit */
    double eff_cod, eff_nh3n, eff_tp;
    double lim_cod, lim_nh3n, lim_tp, lim_tn, ph_lo, ph_hi;
    int toc, nh3n, tp, tn; /* analyzers fitted (COD always: toc 1 = a TOC analyzer) */
    int cycle_min;         /* 30, 60 or 120 */
    int cam_station, cam_outfall;
    int meter_upstream;
    int nshifts;     /* 0: around the clock */
    int shift[2][2]; /* minutes of the day [start, end) */
    int nlines;      /* production lines */
    int dosing;      /* a dosing unit besides the blower and the lift pump */
    int combined;    /* the outfall channel also takes storm water, by design */
    int honest;      /* no fraud staged here */
    gen_fraud fraud[GEN_MAX_FRAUDS];
    int nfraud;
    gen_conf conf[GEN_MAX_CONF];
    int nconf;
} gen_station;

typedef struct gen_plan {
    uint64_t set_seed;
    unsigned index; /* 0-based in the set; the file is gen-(index+1) */
    uint64_t seed;  /* the scenario's seed (scenario{ seed }) */
    int difficulty; /* GEN_EASY .. GEN_HARD as drawn */
    int64_t start;  /* local seconds, 00:00 of a day */
    int days;
    gen_station st[GEN_MAX_STATIONS];
    int nst;
} gen_plan;

/* The whole space: seed 1, every water type and profile, 1 .. 3 stations, 2 .. 3 days,
 * 30 % honest stations, mixed difficulty. */
void gen_options_default(gen_options *o);
/* 0, or -1 with a message naming the bad field. */
int gen_options_check(const gen_options *o, char *err, size_t errlen);

/* Draws scenario `index` of the set of o->seed. 0, or -1 with a message (bad options, or
 * no station can carry the types asked for). */
int gen_draw(const gen_options *o, unsigned index, gen_plan *p, char *err, size_t errlen);
/* The plan as a scenario file (malloc'ed, NUL-terminated); NULL when out of memory. */
char *gen_render(const gen_plan *p);
/* "gen-0001.lua" for index 0. */
void gen_file_name(unsigned index, char *buf, size_t n);
/* Draws and writes scenarios first .. first+count-1 into dir (created with its parents).
 * 0, or -1 with a message. */
int gen_write_set(const gen_options *o, unsigned first, unsigned count, const char *dir, char *err,
                  size_t errlen);

/* Names of the confounder kinds ("standard_check" ...), for texts and tests. */
const char *gen_conf_name(int kind);
/* Name of a difficulty ("mixed" "easy" "normal" "hard"); gen_difficulty_from_name: -1 if
 * unknown. */
const char *gen_difficulty_name(int d);
int gen_difficulty_from_name(const char *s);

#endif
