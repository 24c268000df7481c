/*
 * scen_private.h — internals shared by scen.c (runtime, scenario{}, station{}, records,
 * truth) and scen_obj.c (the station objects and their physical acts).
 */
#ifndef SCEN_PRIVATE_H
#define SCEN_PRIVATE_H

#include "rng.h"
#include "scen.h"
#include "vsched.h"

#include <lauxlib.h>
#include <lua.h>

enum {
    SCEN_SCAN_MAX = 1 << 20, /* bytes of a scenario file scanned by check */
    SCEN_ERR_MAX = 4096,
    SCEN_WHERE_MAX = 512, /* "file:line:" of a problem */
    SCEN_MAX_PROBLEMS = 1000, /* distinct problems kept for check */
    SCEN_CHECK_MAX_ERRORS = 100000, /* check stops after this many errors during time */
    SCEN_MAX_FILTERS = SCEN_MAX_STATIONS * 16
};

typedef struct scen_event {
    int id;
    char type[40];
    char mn[STATION_MN_MAX];
    int64_t start, end;
    int open;
    char *note;
} scen_event;

typedef struct scen_record {
    int64_t t;    /* the record's own time (work order start, lab sample time) */
    uint64_t seq; /* order of making: the tie break */
    char *line;   /* the JSON line, without newline */
} scen_record;

/* A st.dau:filter function: the DAU calls filter_cb(ctx = this). */
typedef struct scen_filter {
    struct scen *s;
    int ref; /* registry reference of the Lua function, LUA_NOREF when free */
    int station;
    char code[16];
    char *origin; /* set by a library: the scenario line it stands for (malloc), or NULL */
} scen_filter;

/* A problem check reports (scen_problem_add). */
typedef struct scen_problem_t {
    char *text; /* "file:line: message" (+ traceback), without the virtual time */
    int error;  /* 1 error, 0 warning */
    unsigned count;
    int64_t first, last; /* virtual times found; INT64_MIN while the file loaded */
} scen_problem_t;

enum { SCEN_WARNING = 0, SCEN_ERROR = 1 };

struct scen {
    sandbox *sb;
    sched *sc;
    rng rng;
    scen_opts opts;
    char path[1024];
    int loading; /* running the top level */
    int have_scenario;
    char name[SCEN_NAME_MAX];
    uint64_t seed;
    int64_t start, end;
    station_cfg *cfgs;
    size_t n;
    char (*where)[128]; /* file:line of each station{} */
    range *r;           /* NULL until scen_attach: acts are deferred to the start */
    int *ridx;          /* per station: its index in r, -1: another shard's (NULL: none) */
    scen_event *ev;
    size_t nev, cap_ev;
    scen_record *rec;
    size_t nrec, cap_rec, rec_written;
    uint64_t rec_seq;
    int rec_unordered; /* a record was released after a later one: rewrite at the close */
    FILE *rec_f;
    char rec_path[1024];
    scen_problem_t *problems;
    size_t nprob, cap_prob;
    /* check (scen_attach_models): the stations as models, per station whether its DAU is
     * switched off (st.dau:power) and its next poll (when filters are called) */
    station **models;
    int *dau_off;
    int64_t *poll_next;
    int *nfilters; /* per station: filters set (check) */
    scen_filter filters[SCEN_MAX_FILTERS];
    int failed;
    char err[SCEN_ERR_MAX];
    int at_ref, after_ref, every_ref, sleep_ref; /* the scheduler's own at/after/every/sleep */
};

/* The scen of a state (stored in its registry). */
scen *scen_of(lua_State *L);
/* Registers the object metatables and the station methods (scen_obj.c). */
void scen_obj_register(lua_State *L);
/* Builds the `st` object of station i (its cfg is s->cfgs[i]); leaves it on the stack. */
void scen_obj_push_station(lua_State *L, scen *s, int i);
/* Station index of a `st` argument (raises otherwise). */
int scen_obj_check_station(lua_State *L, int arg);
/* Queues the running C function with its arguments to run at the start (at "+0s");
 * returns nresults from the values pushed after the arguments (see scen_obj.c). */
int scen_defer(lua_State *L, lua_CFunction self, int nargs, int nret);
/* Adds a problem "where text" (for check): SCEN_ERROR or SCEN_WARNING, found at virtual
 * time t (INT64_MIN: while the file loads). An equal one already there counts once more. */
void scen_problem_add(scen *s, int severity, int64_t t, const char *where, const char *text);
/* A warning during time: "where text" into the problems and "warning: where text" into
 * the run log; where is the scenario's own line responsible (sandbox_user_where). */
void scen_warn(lua_State *L, scen *s, const char *text);
/* Water fields from table idx into q (q holds the defaults): unknown keys raise naming
 * `what`. cod without toc gives toc = cod / cod_toc of station i. */
void scen_check_water(lua_State *L, int idx, const char *what, water *q, int st_idx);
/* Records the first error of a filter call and marks the scenario failed. */
void scen_fail(scen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A field of a table argument as a number / boolean / string, or raises. */
int scen_opt_number(lua_State *L, int t, const char *fname, const char *key, double *out);
/* The fields of a table must be among `known` (NULL-terminated); raises naming the first
 * unknown one. */
void scen_check_fields(lua_State *L, int t, const char *fname, const char *const *known);
/* 1 once acts reach stations: a range (scen_attach) or check's models. */
int scen_attached(const scen *s);
/* Station / DAU i of the scenario in the attached range (or check's model station; no DAU
 * there); NULL when not attached or held by another shard (--shard: acts on it are
 * no-ops). */
station *scen_range_station(scen *s, int i);
dau *scen_range_dau(scen *s, int i);
/* check: the next time a DAU with filters polls (INT64_MAX: none), and the polls due at t:
 * every filter of those stations called once with the value the device shows; returns
 * the errors found (each a problem, its filter dropped). */
int64_t scen_obj_next_poll(scen *s);
size_t scen_obj_check_polls(scen *s, int64_t t);
/* A check error from a message "[virtual time] text" found at t. */
void scen_check_error(scen *s, int64_t t, const char *em);
/* Removes the filters of a station's DAU set by the scenario (at the end). */
void scen_obj_filters_free(scen *s);

/* ---- the objects' plumbing, shared by scen_obj.c and scen_gas.c ---- */

/* An object: { station index, sub-index (analyzer, camera, facility ...), pipe handle }. */
typedef struct sobj {
    int st;
    int sub;
    int handle;
} sobj;

/* The gas station's objects (GAS.md "Scenario API"). */
#define T_GAS_AN   "hj.gas_analyzer"
#define T_GPROBE   "hj.gas_probe"
#define T_GLINE    "hj.gas_line"
#define T_CYLINDER "hj.cylinder"
#define T_GFLUE    "hj.flue"
#define T_GDAMPER  "hj.damper"
#define T_GPLANT   "hj.gas_plant"

sobj *scen_obj_push(lua_State *L, const char *tname, int st, int sub, int nuv);
/* The object at arg of type tname, or raises "call it with a colon". */
sobj *scen_obj_check(lua_State *L, int arg, const char *tname, const char *what);
/* A metatable for tname with methods (locked, no __gc, errors naming unknown methods). */
void scen_obj_new_type(lua_State *L, const char *tname, const luaL_Reg *methods);
/* The live station of an act (NULL: defer, or another shard's), and the range lock. */
station *scen_obj_live(lua_State *L, int st);
void scen_obj_lock(lua_State *L);
void scen_obj_unlock(lua_State *L);
/* Raises "fname: refused by the station". */
int scen_obj_refused(lua_State *L, const char *fname);

/* scen_gas.c: station{ kind = "gas" | "vocs" } and its objects */
/* Parses the gas fields of the station{} table at index 1 into c (defaults already set). */
void scen_gas_parse(lua_State *L, station_cfg *c);
/* The gas station's fields into the table on top of the stack (the `st` user value). */
void scen_gas_push_fields(lua_State *L, scen *s, int i);
void scen_gas_register(lua_State *L);
/* How a script names a gas object ("st.probe"), or NULL when idx is none of them. */
const char *scen_gas_obj_name(lua_State *L, int idx, char *buf, size_t n);
/* check: what the device behind a gas code shows (the value a DAU would poll, before its
 * conversions); NaN on a water station or when not fitted. */
double scen_gas_model_value(station *st, const char *code);

#endif
