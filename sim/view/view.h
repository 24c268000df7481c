/*
 * view.h — the core of the training range view (`hjrange view`): it drives a session
 * (session.h: the scenario through the real range and the in-process platform, wired as
 * `hjrange run` does) and reads only what the session exposes — the platform's screen
 * (monitor.h: the packets stored, the stations' real-time values, the engine's alerts),
 * the stations as they are on site, the truth, the trainee's and instructor's actions. It
 * keeps the model of what is shown and the layout, and takes input as plain function
 * calls. It never calls SDL: view-sdl.c draws the model and feeds SDL events in (STYLE.md
 * principle 5).
 *
 * Time: the simulation advances on the caller's tick by virtual time = speed x real dt
 * (view_tick), or jumps (view_run_to). Everything runs on the caller's thread (the
 * session's own threads are described in session.h).
 *
 * Output folder (opts.out_dir): the session's (session.h: platform.db, hj212.log,
 * series.csv, records.jsonl, alerts.jsonl of the engine, truth.json written when the drill
 * ends) and findings.jsonl (the trainee's findings, the alerts schema of DESIGN.md).
 * Dependencies: session, proto's vocabulary (the fraud catalogue hjfraud.h, the code table
 * hjcode.h, hjtime.h), clock (scenario time forms).
 */
#ifndef HJ_VIEW_H
#define HJ_VIEW_H

#include "i18n.h"
#include "monitor.h"

#include <stddef.h>
#include <stdint.h>

enum {
    VIEW_W = 1600,
    VIEW_H = 900,
    VIEW_MAX_ST = 32,
    VIEW_BINS = 720,    /* chart columns over the whole run */
    VIEW_JOIN_BINS = 3, /* chart points this many columns apart or closer are joined */
    VIEW_PKT_LINES = 7, /* packet console */
    VIEW_PKT_LEN = 200, /* characters of a packet shown */
    VIEW_MAX_ALERTS = MONITOR_ALERTS,      /* alerts kept (newest replace oldest) */
    VIEW_EVID = MONITOR_EVIDENCE,          /* evidence lines per alert: all the engine has */
    VIEW_EVID_TXT = MONITOR_EVIDENCE_TEXT, /* one evidence line */
    VIEW_TXT = 160,                        /* one line of text */
    VIEW_MAX_BUTTONS = 80,
    VIEW_MAX_FINDINGS = 32,
    VIEW_MAX_GRABS = 12,
    VIEW_MAX_TRUTH = 24,
    VIEW_LOG_LINES = 8,
    VIEW_NSPEEDS = 7
};

typedef enum view_screen {
    VIEW_SCREEN_PLATFORM = 0,
    VIEW_SCREEN_ROOM,
    VIEW_SCREEN_CAMERA,
    VIEW_SCREEN__COUNT
} view_screen;

typedef enum view_role { VIEW_TRAINEE = 0, VIEW_INSTRUCTOR = 1 } view_role;

/* Series on the platform screen (the platform's CN=2011 Rtd values; _ZS: ZsRtd, the
 * values converted to the reference O2). */
enum {
    VIEW_S_COD = 0, /* w01018 mg/L */
    VIEW_S_NH3N,    /* w21003 mg/L */
    VIEW_S_TP,      /* w21011 mg/L */
    VIEW_S_FLOW,    /* w00000 L/s */
    VIEW_S_COND,    /* w01014 uS/cm */
    VIEW_S_PH,      /* w01001 */
    VIEW_S_SO2,     /* a21026 mg/m3 */
    VIEW_S_SO2_ZS,
    VIEW_S_NOX, /* a21002 mg/m3 (as NO2) */
    VIEW_S_NOX_ZS,
    VIEW_S_PM, /* a34013 mg/m3 */
    VIEW_S_PM_ZS,
    VIEW_S_NMHC, /* a24088 mg/m3 (as C) */
    VIEW_S_NMHC_ZS,
    VIEW_S_O2,    /* a19001 % */
    VIEW_S_GFLOW, /* a00000 m3/h, standard dry */
    VIEW_S__COUNT
};

/* Charts on the platform screen. A water station: COD; NH3-N (left axis) and TP (right
 * axis); flow; conductivity (left) and pH (right). A gas station: SO2, NOx and PM, each
 * measured and converted on one axis; flue-gas flow (left) and O2 (right). A VOCs
 * station: NMHC measured and converted; flow and O2 (the last two charts unused). */
enum { VIEW_C_COD = 0, VIEW_C_NP, VIEW_C_FLOW, VIEW_C_CP, VIEW_C__COUNT };

/* Right-hand panel of the station-room screen. */
typedef enum view_panel {
    VIEW_PANEL_NONE = 0,
    VIEW_PANEL_ANALYZER, /* panel_arg: STATION_P_* */
    VIEW_PANEL_BOTTLES,
    VIEW_PANEL_LAB,
    VIEW_PANEL_GAS_ANALYZER, /* CEMS room, panel_arg: VIEW_GAN_* */
    VIEW_PANEL_CYLINDERS,    /* CEMS room: the cylinders as found */
    VIEW_PANEL_PORTABLE      /* CEMS room: the portable analyzer's readings */
} view_panel;

/* The instruments of a CEMS room: the gas analyzers (STATION_G_* order), the particulate
 * monitor, the GC-FID (VOCs). */
enum {
    VIEW_GAN_SO2 = 0,
    VIEW_GAN_NOX,
    VIEW_GAN_O2,
    VIEW_GAN_CO,
    VIEW_GAN_CO2,
    VIEW_GAN_PM,
    VIEW_GAN_GC,
    VIEW_GAN__COUNT
};

/* Actions of buttons, keys and clicks. */
typedef enum view_action {
    VIEW_A_NONE = 0,
    VIEW_A_SCREEN,   /* arg: view_screen */
    VIEW_A_PAUSE,    /* toggles */
    VIEW_A_SPEED,    /* arg: index into view_speeds */
    VIEW_A_STATION,  /* arg: station index */
    VIEW_A_ANALYZER, /* arg: STATION_P_* */
    VIEW_A_INSPECT_LINE,
    VIEW_A_INSPECT_CHANNEL,
    VIEW_A_GRAB,
    VIEW_A_BOTTLES,
    VIEW_A_LAB,
    VIEW_A_FINDING, /* opens the finding dialog */
    VIEW_A_END,     /* ends the drill now and scores */
    VIEW_A_STAGE,   /* instructor: arg fraud type index */
    VIEW_A_F_TYPE,  /* dialog: arg fraud type index */
    VIEW_A_F_FIELD, /* dialog: arg field */
    VIEW_A_F_FILE,
    VIEW_A_F_CANCEL,
    VIEW_A_ALERT_SCROLL, /* arg: +1 older, -1 newer (the alerts panel, newest first) */
    /* the CEMS room (a gas or VOCs station) */
    VIEW_A_GAS_ANALYZER,  /* arg: VIEW_GAN_* */
    VIEW_A_INSPECT_GLINE, /* the heated line and the chiller, by thermometer */
    VIEW_A_CHECK_PROBE,   /* the probe: filter, blowback, tightness */
    VIEW_A_CYLINDERS,     /* the calibration cylinders, by the portable analyzer */
    VIEW_A_PORTABLE       /* a manual measurement at the sampling port */
} view_action;

/* Keys (the driver maps its key codes); letters are VIEW_KEY_A + (c - 'a'). */
typedef enum view_key {
    VIEW_KEY_SPACE = 1,
    VIEW_KEY_TAB,
    VIEW_KEY_ENTER,
    VIEW_KEY_ESC,
    VIEW_KEY_BACKSPACE,
    VIEW_KEY_UP,
    VIEW_KEY_DOWN,
    VIEW_KEY_PLUS,
    VIEW_KEY_MINUS,
    VIEW_KEY_F1,
    VIEW_KEY_F2,
    VIEW_KEY_F3,
    VIEW_KEY_0,
    VIEW_KEY_PGUP = VIEW_KEY_0 + 10,
    VIEW_KEY_PGDN,
    VIEW_KEY_A = 100 /* ... VIEW_KEY_A + 25 */
} view_keycode;

/* Fields of the finding dialog. */
enum { VIEW_F_TYPE = 0, VIEW_F_START, VIEW_F_END, VIEW_F_EVIDENCE, VIEW_F__COUNT };

typedef struct view_rect {
    int x, y, w, h;
} view_rect;

/* A value axis from 0 to top = ndiv x step, step 1, 2 or 5 x 10^k. */
typedef struct view_axis {
    double step, top;
    int ndiv;
} view_axis;

typedef struct view_button {
    view_rect r;
    int action, arg;
    char label[64];
    int on; /* highlighted (current screen, speed, selection) */
} view_button;

/* One chart: where it is and what it shows (layout of the platform screen). */
typedef struct view_chart {
    view_rect r;     /* the panel */
    view_rect plot;  /* the plot area: bins left to right over the run, 0 at the bottom */
    int title;       /* i18n_msg of its title */
    int s[2];        /* the series on the left and the right axis; -1: none (s[0] < 0: no
                        chart there) */
    int shared;      /* s[1] is on the left axis too (measured and converted) */
    view_axis ax[2]; /* the right axis has the left one's ndiv: its ticks sit on the grid */
    double limit[2]; /* the station's limit of each series, 0: none */
} view_chart;

typedef struct view_station {
    char mn[32], name[128];
    int kind;         /* STATION_WATER, STATION_GAS, STATION_VOCS (station.h) */
    int level;        /* highest alert level: 0 green 1 yellow 2 red */
    int has_data;     /* the platform stored packets of it */
    int64_t last_rx;  /* newest DataTime received (ms), 0 none */
    double limit_cod; /* registered limits (the platform's registry knows them) */
    double limit_nh3n, limit_tp;
    double limit_so2, limit_nox, limit_pm, limit_nmhc; /* gas: mg/m3 converted */
    double o2_ref;                                     /* gas: reference O2 %, 0 none */
} view_station;

/* An alert as the platform last raised it, first raised at `first` (monitor.h). */
typedef monitor_alert view_alert;

typedef struct view_finding {
    char id[16], mn[32], type[40];
    int64_t time, start, end;
    char evidence[VIEW_TXT];
} view_finding;

typedef struct view_grab {
    char mn[32];
    int64_t taken, ready;
    double cod, nh3n, tp, ph; /* the true channel quality when taken */
} view_grab;

/* A portable analyzer's reading at the sampling port (the true flue gas at that moment)
 * beside what the CEMS showed then. */
typedef struct view_portable {
    char mn[32];
    int64_t taken;
    double so2, nox, o2, co, nmhc;                 /* portable: mg/m3, O2 % (dry) */
    double so2_zs, nox_zs;                         /* portable, converted (NAN: no reference O2) */
    double cems_so2, cems_nox, cems_o2, cems_nmhc; /* the analyzers' readings; NAN: none */
} view_portable;

/* One instrument of the CEMS cabinet as its front panel shows it. */
typedef struct view_gan {
    int fitted;
    int busy;             /* 0 measuring; 1 check/calibration; 2 maintenance; 3 fault/flame out */
    char flag;            /* 'N' 'C' 'M' 'D' 'T' */
    double value[3];      /* SO2; NO, NO2, NOx; O2; ...; PM; NMHC, THC, CH4 */
    double span_label[2]; /* the span cylinders' labels (their parameters) */
    int cyl_bad[2]; /* found at the last inspection: a cylinder of the component off its label */
} view_gan;

/* The CEMS room of the selected station (kind gas or vocs): the simulated hardware. */
typedef struct view_cems {
    view_gan an[VIEW_GAN__COUNT];
    int o2_insitu;       /* O2 by zirconia probe in the stack */
    double gc_cycle_s;   /* GC-FID cycle */
    double gc_cycle_pos; /* 0..1 through the running cycle */
    int smpl_state;      /* SAMPLING_* */
    int smpl_alarm;
    double probe_c, line_c, chiller_c; /* the sampling system's readings (i33001, i33002) */
    double probe_set, line_set, chiller_set;
    double sample_lpm; /* sample flow */
    unsigned blowbacks;
    int running; /* the plant fires */
    double load;
    double rto_c;                     /* the RTO's chamber temperature (a source with an RTO) */
    int damper;                       /* a bypass damper is fitted */
    double damper_signal, damper_pos; /* transmitter; the position indicator on the actuator */
    double velocity, flue_t, flue_ps, flue_h2o, qsn; /* the flue monitor's readings */
    int nmeters;
    char meter_name[6][24];
    int meter_fac[6]; /* STACK_FAN ... */
    double meter_a[6], meter_nominal[6];
    /* inspections, as found */
    int line_done, probe_done, cyl_done;
    int64_t line_at, probe_at, cyl_at;
    double line_c_found, probe_c_found, chiller_c_found; /* thermometer */
    double leak_found; /* air drawn in at the probe, share of the sample */
    double clog_found; /* filter clogging 0..1 */
    unsigned blowbacks_found;
    int cyl_bad_found[VIEW_GAN__COUNT][2]; /* per component: a cylinder off its label */
    char cyl_lines[12][VIEW_TXT];          /* the cylinders' panel as found */
    int ncyl_lines;
} view_cems;

typedef struct view_camera {
    int fitted, powered, covered, video_loss, visible;
    double pan_dev, tilt_dev;
    int people, hose, pipe;
    double colour, turbidity;
} view_camera;

typedef struct view_truth {
    char type[40], mn[32];
    int64_t start, end; /* end 0 while open */
    int open;           /* under way: the scenario has not finished it yet */
    int active;         /* started and not ended at now */
} view_truth;

/* The finding dialog. */
typedef struct view_dialog {
    int open;
    int field; /* VIEW_F_* with the focus */
    int type;  /* fraud type index */
    char start[32], end[32], evidence[VIEW_TXT];
    char msg[VIEW_TXT]; /* last error, "" none */
} view_dialog;

/* Everything the driver draws; refreshed by the core. Plain data. */
typedef struct view_model {
    int lang; /* I18N_EN / I18N_ZH */
    int role; /* view_role */
    int screen, paused, speed_idx, selected, drill_over;
    char scenario[128];
    int64_t t0, t_end, now;
    size_t nst;
    view_station st[VIEW_MAX_ST];
    /* platform screen, selected station */
    float series[VIEW_S__COUNT][VIEW_BINS]; /* NAN: no data in that column */
    char packets[VIEW_PKT_LINES][VIEW_PKT_LEN];
    int npackets;
    long packets_total;
    view_alert alerts[VIEW_MAX_ALERTS]; /* oldest first */
    int nalerts;
    int alert_scroll;       /* alerts panel: newest alerts skipped (0: starts at the newest) */
    view_rect alerts_panel; /* platform screen */
    view_chart charts[VIEW_C__COUNT];
    view_rect packets_panel;
    view_finding findings[VIEW_MAX_FINDINGS];
    int nfindings;
    /* station room, selected station */
    view_camera cam[2];     /* STATION_CAM_* */
    int analyzer_fitted[4]; /* STATION_P_* */
    int door_open, people_in_room, outfall_people;
    int pipes_visible; /* added inflows not hidden (seen by anyone) */
    int line_inspected, channel_inspected;
    int64_t line_inspected_at, channel_inspected_at;
    int line_source;   /* SAMPLELINE_* found at the inspection */
    int hidden_pipes;  /* found at the inspection */
    double hidden_m3h; /* their flow */
    double water_colour;
    double flow_m3h; /* what the flow meter shows on site */
    int panel, panel_arg;
    char panel_lines[24][VIEW_TXT];
    int npanel_lines;
    view_grab grabs[VIEW_MAX_GRABS];
    int ngrabs;
    /* CEMS room, selected station (kind gas or vocs) */
    view_cems gas;
    view_portable portables[VIEW_MAX_GRABS];
    int nportables;
    /* instructor */
    view_truth truth[VIEW_MAX_TRUTH];
    int ntruth;
    /* dialog, messages, score */
    view_dialog dlg;
    char status[VIEW_TXT];
    char keys_hint[600]; /* the keys of this screen and what they do (view_key's table) */
    int scored;
    size_t sc_events, sc_detected, sc_type_ok, sc_false;
    double sc_nab;
    view_button buttons[VIEW_MAX_BUTTONS];
    int nbuttons;
} view_model;

typedef struct view_opts {
    const char *scenario; /* required */
    const char *out_dir;  /* default "out/view" */
    const char *lib_dir;  /* require() folder; NULL: picked as `hjrange run` does */
    int role;             /* view_role */
    int lang;             /* I18N_EN / I18N_ZH */
    double speed;         /* initial speed; 0: 60 */
    int seed_set;
    uint64_t seed;
    int64_t lab_delay_ms; /* grab sample results after this; 0: 30 min */
} view_opts;

typedef struct view view;

extern const double view_speeds[VIEW_NSPEEDS];

/* Opens and starts the session: loads the scenario, builds the range (stations,
 * endpoints, DAUs, the in-process platform with its detection engine). NULL with a
 * message. */
view *view_new(const view_opts *o, char *err, size_t errlen);
void view_free(view *v); /* NULL no-op */

/* Advances virtual time by speed x real_dt_s unless paused or over, spending at most
 * budget_ms of wall time (the rest of the debt is dropped: the view stays responsive).
 * Then refreshes the model when due. 0, or -1 (view_errmsg) when the scenario failed. */
int view_tick(view *v, double real_dt_s, double budget_ms);
/* Runs to t (clamped to the end) as fast as possible and refreshes the model. */
int view_run_to(view *v, int64_t t);
/* Parses a scenario time ("HH:MM", "+2h", "YYYY-MM-DD HH:MM") against the start. */
int view_parse_time(const view *v, const char *s, int64_t *t);
int64_t view_now(const view *v);
const char *view_errmsg(const view *v);

/* Re-reads the platform's screen and the station state into the model, rebuilds the
 * layout. */
void view_refresh(view *v);
const view_model *view_get_model(const view *v);

/* Input: each returns 1 when it changed something, 0 otherwise. */
int view_key(view *v, int key);
int view_text(view *v, const char *utf8);
int view_click(view *v, int x, int y);
int view_do(view *v, int action, int arg);

/* The axis for values up to vmax: ndiv 0 picks the smallest 1-2-5 step that needs at most
 * 5 divisions (then 3 to 5); ndiv > 0 the smallest that reaches vmax in ndiv divisions. */
void view_axis_for(double vmax, int ndiv, view_axis *a);
/* Pixel x of a chart column (bin), y of a value on the chart's left (0) or right (1) axis. */
int view_chart_x(const view_chart *c, int bin);
int view_chart_y(const view_chart *c, int side, double v);
/* Where a w x h label of the horizontal line at y fits in the chart's plot: just above or
 * below the line, from the right end leftwards, where no line of the chart's series passes
 * (as the driver draws them); the right end above the line when there is no such place. */
view_rect view_label_spot(const view_model *m, const view_chart *c, int y, int w, int h);

/* The name of fraud type index i (catalogue order, hjfraud_at) in the model's language,
 * from the catalogue's table (proto/hjfraud.h). */
const char *view_fraud_label(const view *v, int i);
/* The name of a catalogue type string ("tap_water_dilution") in the model's language
 * (proto/hjfraud.h); "unknown" (or NULL) as the scorer names it; any other string as it is. */
const char *view_type_label(const view *v, const char *type);
/* A view text in the model's language. */
const char *view_tr(const view *v, i18n_msg id);

#endif
