/*
 * view-gas.c — the CEMS room of the view core (view-gas.h): the analyzer cabinet, the
 * sampling system (probe, heated line, chiller), the flue probes, the bypass damper and
 * the facility meters as the simulated devices stand; the instruments' front panels; the
 * inspector's thermometer, leak test, cylinder check and portable analyzer. No SDL here.
 */
#include "view-gas.h"

#include "hjtime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { PANEL_MAX = 24 };

static void line_add(view_model *m, const char *text)
{
    if (m->npanel_lines >= PANEL_MAX) return;
    snprintf(m->panel_lines[m->npanel_lines++], VIEW_TXT, "%s", text);
}

int view_gas_station(const view_model *m, int i)
{
    return i >= 0 && (size_t)i < m->nst && m->st[i].kind != STATION_WATER;
}

/* "MM-DD HH:MM" of an instrument time (UTC s). */
static void hm(double utc_s, char *b, size_t n)
{
    char ts[32];
    if (isnan(utc_s) || hjtime_format((int64_t)(utc_s * 1000.0), ts, sizeof ts) < 0) {
        snprintf(b, n, "--:--");
        return;
    }
    snprintf(b, n, "%.11s", ts + 5);
}

static int gasan_busy(int state)
{
    switch (state) {
    case GASAN_MEASURING:
        return 0;
    case GASAN_MAINTENANCE:
        return 2;
    case GASAN_FAULT:
        return 3;
    default:
        return 1; /* zero, span check, calibrating */
    }
}

static int gcfid_busy(int state)
{
    switch (state) {
    case GCFID_ANALYSING:
        return 0;
    case GCFID_MAINTENANCE:
    case GCFID_STANDBY:
        return 2;
    case GCFID_FLAME_OUT:
    case GCFID_FAULT:
        return 3;
    default:
        return 1; /* checks, calibration, igniting */
    }
}

static int pmmon_busy(int state)
{
    return state == PMMON_MEASURING     ? 0
           : state == PMMON_MAINTENANCE ? 2
           : state == PMMON_FAULT       ? 3
                                        : 1;
}

/* Whether a cylinder's content differs from its label by more than 2 % of the range (what
 * the portable analyzer tells of it). */
static int cylinder_bad(const gasan *a, int c, int cyl)
{
    double label =
        gasan_get(a, GASAN_PC(c, cyl == GASAN_CYL_ZERO ? GASAN_P_ZERO_LABEL : GASAN_P_SPAN_LABEL));
    return fabs(gasan_cylinder(a, c, cyl) - label) >
           0.02 * gasan_get(a, GASAN_PC(c, GASAN_P_RANGE));
}

/* The cabinet's instruments as their front panels show them. */
static void read_cabinet(view_model *m, station *st)
{
    view_cems *g = &m->gas;
    for (int k = 0; k < STATION_G_COUNT; k++) {
        gasan *a = station_gasan_at(st, k);
        view_gan *x = &g->an[k];
        if (!(x->fitted = a != NULL)) continue;
        gasan_status s;
        gasan_get_status(a, &s);
        x->busy = gasan_busy(s.state);
        x->flag = s.flag ? s.flag : 'N';
        x->value[0] = s.value[0];
        x->value[1] = gasan_components(a) > 1 ? s.value[1] : NAN;
        x->value[2] = gasan_components(a) > 1 ? s.nox : NAN;
        for (int c = 0; c < gasan_components(a) && c < 2; c++) {
            x->span_label[c] = gasan_get(a, GASAN_PC(c, GASAN_P_SPAN_LABEL));
            x->cyl_bad[c] = g->cyl_bad_found[k][c];
        }
    }
    pmmon *pm = station_pmmon(st);
    view_gan *x = &g->an[VIEW_GAN_PM];
    if ((x->fitted = pm != NULL)) {
        x->busy = pmmon_busy(pmmon_state(pm));
        x->flag = pmmon_flag(pm);
        x->value[0] = pmmon_value(pm);
    }
    gcfid *gc = station_gcfid(st);
    x = &g->an[VIEW_GAN_GC];
    if ((x->fitted = gc != NULL)) {
        x->busy = gcfid_busy(gcfid_state(gc));
        x->flag = gcfid_flag(gc);
        x->value[0] = gcfid_nmhc(gc);
        x->value[1] = gcfid_thc(gc);
        x->value[2] = gcfid_ch4(gc);
        x->span_label[0] = gcfid_get(gc, GCFID_P_THC_LABEL);
        x->span_label[1] = gcfid_get(gc, GCFID_P_CH4_LABEL);
        g->gc_cycle_s = gcfid_get(gc, GCFID_P_CYCLE);
        double sod = (double)hjtime_local_ms_of_day(m->now) / 1000.0;
        g->gc_cycle_pos = g->gc_cycle_s > 0 ? fmod(sod, g->gc_cycle_s) / g->gc_cycle_s : 0;
    }
}

/* The stack side: the plant, the flue monitor, the damper, the facility meters. */
static void read_stack_side(view_model *m, station *st)
{
    view_cems *g = &m->gas;
    stack *sk = station_stack(st);
    const stack_out *o = sk ? stack_output(sk) : NULL;
    g->running = o ? o->running : 0;
    g->load = o ? o->load : 0;
    g->rto_c = o ? o->rto_c : 0;
    flue *fl = station_flue(st);
    if (fl) {
        g->velocity = flue_velocity(fl);
        g->flue_t = flue_temp(fl);
        g->flue_ps = flue_pressure(fl);
        g->flue_h2o = flue_humidity(fl);
        g->qsn = flue_qsn(fl);
    }
    damper *dm = station_damper(st);
    g->damper = dm != NULL;
    g->damper_signal = dm ? damper_reported(dm) : 0;
    g->damper_pos = dm ? damper_bypass_fraction(dm) : 0;
    g->nmeters = 0;
    int n = station_meter_count(st);
    for (int i = 0; i < n && g->nmeters < 6; i++) {
        meter *mt = station_meter_at(st, i);
        const char *name = station_meter_name(st, i);
        int on = 0;
        double load = 0, nominal = 0;
        if (!mt || station_meter_feed(st, i, &on, &load, &nominal) != 0) continue;
        int k = g->nmeters++;
        snprintf(g->meter_name[k], sizeof g->meter_name[k], "%s", name ? name : "?");
        g->meter_fac[k] = stack_fac_from_name(name);
        g->meter_a[k] = meter_current(mt);
        g->meter_nominal[k] = nominal;
    }
}

static void read_sampling(view_model *m, station *st)
{
    view_cems *g = &m->gas;
    sampling *sp = station_sampling(st);
    if (!sp) return;
    gas out;
    g->smpl_state = sampling_state(sp);
    g->smpl_alarm = sampling_alarm(sp);
    g->probe_c = sampling_probe_temp(sp);
    g->line_c = sampling_line_temp(sp);
    g->chiller_c = sampling_chiller_temp(sp);
    g->probe_set = sampling_get(sp, SAMPLING_P_PROBE_SET);
    g->line_set = sampling_get(sp, SAMPLING_P_LINE_SET);
    g->chiller_set = sampling_get(sp, SAMPLING_P_CHILLER_SET);
    g->sample_lpm = sampling_output(sp, &out);
    g->blowbacks = sampling_blowbacks(sp);
}

/* ---- the front panels ---- */

static const char *species(int sp)
{
    static const char *const N[GAS_SPECIES] = {"SO2", "NO",  "NO2", "CO", "O2",
                                               "CO2", "THC", "CH4", "PM", "H2O"};
    return sp >= 0 && sp < GAS_SPECIES ? N[sp] : "?";
}

static const char *unit_of(int sp)
{
    return sp == GAS_O2 || sp == GAS_CO2 ? "%" : "mg/m3";
}

static const char *busy_name(const view *v, int busy)
{
    static const i18n_msg B[4] = {MSG_VW_AS_MEASURING, MSG_VW_AS_CHECK, MSG_VW_AS_MAINT,
                                  MSG_VW_AS_FAULT};
    return view_tr(v, B[busy < 0 || busy > 3 ? 3 : busy]);
}

static void panel_gasan(const view *v, view_model *m, gasan *a)
{
    char b[VIEW_TXT], t1[24];
    gasan_status s;
    gasan_get_status(a, &s);
    snprintf(b, sizeof b, "%s: %s (i12001 = %d)  %c", view_tr(v, MSG_VW_STATE),
             busy_name(v, gasan_busy(s.state)), s.i12001, s.flag ? s.flag : 'N');
    line_add(m, b);
    for (int c = 0; c < gasan_components(a); c++) {
        int sp = gasan_species(a, c);
        snprintf(b, sizeof b, "%s %.2f %s  %s 0-%.0f  %s %.3f  %s %.2f", species(sp), s.value[c],
                 unit_of(sp), view_tr(v, MSG_VW_AP_RANGE), gasan_get(a, GASAN_PC(c, GASAN_P_RANGE)),
                 view_tr(v, MSG_VW_AP_SLOPE), gasan_get(a, GASAN_PC(c, GASAN_P_SLOPE)),
                 view_tr(v, MSG_VW_AP_INTERCEPT), gasan_get(a, GASAN_PC(c, GASAN_P_INTERCEPT)));
        line_add(m, b);
        snprintf(b, sizeof b, "  %s %.1f  %s %.1f", view_tr(v, MSG_VW_GP_ZERO_LABEL),
                 gasan_get(a, GASAN_PC(c, GASAN_P_ZERO_LABEL)), view_tr(v, MSG_VW_GP_SPAN_LABEL),
                 gasan_get(a, GASAN_PC(c, GASAN_P_SPAN_LABEL)));
        line_add(m, b);
    }
    if (gasan_components(a) > 1) {
        snprintf(b, sizeof b, "NOx (NO2) %.2f mg/m3", s.nox);
        line_add(m, b);
    }
    hm(s.cal_time, t1, sizeof t1);
    snprintf(b, sizeof b, "%s: %s", view_tr(v, MSG_VW_GP_LAST_CAL), t1);
    line_add(m, b);
    snprintf(b, sizeof b, "%s:", view_tr(v, MSG_VW_GP_CHECKS));
    line_add(m, b);
    size_t n = gasan_check_count(a);
    for (size_t i = 0; i < n && i < 6; i++) {
        gasan_check ck;
        if (gasan_check_get(a, i, &ck) != 0) break;
        hm(ck.time, t1, sizeof t1);
        snprintf(b, sizeof b, "  %s %s %s %.2f / %.2f  %s %+.1f %%%s", t1,
                 species(gasan_species(a, ck.comp)),
                 view_tr(v, ck.cyl == GASAN_CYL_ZERO ? MSG_VW_GP_ZERO : MSG_VW_GP_SPAN), ck.value,
                 ck.label, view_tr(v, MSG_VW_GP_ERROR), ck.error, ck.calibrated ? "  *" : "");
        line_add(m, b);
    }
    snprintf(b, sizeof b, "%s:", view_tr(v, MSG_VW_CHANGES));
    line_add(m, b);
    n = gasan_changes_count(a);
    for (size_t i = 0; i < n && i < 4; i++) {
        gasan_change ch;
        if (gasan_change_get(a, i, &ch) != 0) break;
        hm(ch.time, t1, sizeof t1);
        const char *pn = gasan_param_name(ch.param);
        snprintf(b, sizeof b, "  %s  %s %.3f -> %.3f", t1, pn ? pn : "?", ch.old_v, ch.new_v);
        line_add(m, b);
    }
}

static void panel_pm(const view *v, view_model *m, pmmon *p)
{
    char b[VIEW_TXT];
    snprintf(b, sizeof b, "%s: %s  %c", view_tr(v, MSG_VW_STATE),
             busy_name(v, pmmon_busy(pmmon_state(p))), pmmon_flag(p));
    line_add(m, b);
    snprintf(b, sizeof b, "PM %.2f mg/m3  (%.1f SU)", pmmon_value(p), pmmon_raw(p));
    line_add(m, b);
    snprintf(b, sizeof b, "K %.3f  B %.2f  %s 0-%.0f", pmmon_get(p, PMMON_P_K),
             pmmon_get(p, PMMON_P_B), view_tr(v, MSG_VW_AP_RANGE), pmmon_get(p, PMMON_P_RANGE));
    line_add(m, b);
}

static void panel_gc(const view *v, view_model *m, gcfid *gc)
{
    char b[VIEW_TXT], t1[24];
    snprintf(b, sizeof b, "%s: %s  %c  %s %s", view_tr(v, MSG_VW_STATE),
             busy_name(v, gcfid_busy(gcfid_state(gc))), gcfid_flag(gc), view_tr(v, MSG_VW_GP_FLAME),
             view_tr(v, gcfid_flame(gc) ? MSG_VW_GP_LIT : MSG_VW_GP_OUT));
    line_add(m, b);
    snprintf(b, sizeof b, "NMHC %.2f  THC %.2f  CH4 %.2f mg/m3 (C)", gcfid_nmhc(gc), gcfid_thc(gc),
             gcfid_ch4(gc));
    line_add(m, b);
    snprintf(b, sizeof b, "%s %.0f s  %s 0-%.0f", view_tr(v, MSG_VW_AP_INTERVAL),
             gcfid_get(gc, GCFID_P_CYCLE), view_tr(v, MSG_VW_AP_RANGE),
             gcfid_get(gc, GCFID_P_RANGE));
    line_add(m, b);
    snprintf(b, sizeof b, "%s THC %.3f CH4 %.3f  %s THC %.2f CH4 %.2f", view_tr(v, MSG_VW_AP_SLOPE),
             gcfid_get(gc, GCFID_P_SLOPE_THC), gcfid_get(gc, GCFID_P_SLOPE_CH4),
             view_tr(v, MSG_VW_AP_INTERCEPT), gcfid_get(gc, GCFID_P_INTERCEPT_THC),
             gcfid_get(gc, GCFID_P_INTERCEPT_CH4));
    line_add(m, b);
    snprintf(b, sizeof b, "%s THC %.1f CH4 %.1f", view_tr(v, MSG_VW_GP_SPAN_LABEL),
             gcfid_get(gc, GCFID_P_THC_LABEL), gcfid_get(gc, GCFID_P_CH4_LABEL));
    line_add(m, b);
    snprintf(b, sizeof b, "%s:", view_tr(v, MSG_VW_LOG));
    line_add(m, b);
    size_t n = gcfid_log_count(gc);
    for (size_t i = 0; i < n && i < 8; i++) {
        gcfid_result r;
        if (gcfid_log_get(gc, i, &r) != 0) break;
        hm(r.sample_time, t1, sizeof t1);
        static const i18n_msg SRC[3] = {MSG_VW_GP_SAMPLE, MSG_VW_GP_ZERO, MSG_VW_GP_SPAN};
        snprintf(b, sizeof b, "  %s  NMHC %.2f THC %.2f CH4 %.2f  %c %s", t1, r.nmhc, r.thc, r.ch4,
                 r.flag ? r.flag : 'N',
                 view_tr(v, SRC[r.source < 0 || r.source > 2 ? 0 : r.source]));
        line_add(m, b);
    }
}

/* The cylinders as the inspector found them: each label against what the portable
 * analyzer reads from the cylinder. */
static void cyl_line(view_cems *g, const char *text)
{
    if (g->ncyl_lines < (int)(sizeof g->cyl_lines / sizeof g->cyl_lines[0]))
        snprintf(g->cyl_lines[g->ncyl_lines++], VIEW_TXT, "%s", text);
}

/* The cylinders as the inspector finds them now, kept for the panel and the plan. */
static void found_cylinders(const view *v, view_model *m, station *st)
{
    view_cems *g = &m->gas;
    char b[VIEW_TXT], t1[32];
    g->ncyl_lines = 0;
    memset(g->cyl_bad_found, 0, sizeof g->cyl_bad_found);
    hjtime_format(g->cyl_at, t1, sizeof t1);
    snprintf(b, sizeof b, "%s (%s %.5s)", view_tr(v, MSG_VW_CYLINDERS),
             view_tr(v, MSG_VW_INSPECTED_AT), t1 + 11);
    cyl_line(g, b);
    for (int k = 0; k < STATION_G_COUNT; k++) {
        gasan *a = station_gasan_at(st, k);
        for (int c = 0; a && c < gasan_components(a); c++)
            for (int cyl = GASAN_CYL_ZERO; cyl <= GASAN_CYL_SPAN; cyl++) {
                int sp = gasan_species(a, c);
                double label =
                    gasan_get(a, GASAN_PC(c, cyl == GASAN_CYL_ZERO ? GASAN_P_ZERO_LABEL
                                                                   : GASAN_P_SPAN_LABEL));
                double got = gasan_cylinder(a, c, cyl);
                int bad = cylinder_bad(a, c, cyl);
                if (bad && c < 2) g->cyl_bad_found[k][c] = 1;
                snprintf(b, sizeof b, "%s%s %s  %s %.1f  %s %.1f %s  %s", bad ? "! " : "",
                         species(sp),
                         view_tr(v, cyl == GASAN_CYL_ZERO ? MSG_VW_GP_ZERO : MSG_VW_GP_SPAN),
                         view_tr(v, MSG_VW_GP_LABEL), label, view_tr(v, MSG_VW_GP_READS), got,
                         unit_of(sp), view_tr(v, bad ? MSG_VW_CYL_DIFFERS : MSG_VW_CYL_OK));
                cyl_line(g, b);
            }
    }
    gcfid *gc = station_gcfid(st);
    if (gc) {
        snprintf(b, sizeof b, "GC-FID %s THC %.1f CH4 %.1f  (%s)", view_tr(v, MSG_VW_GP_LABEL),
                 gcfid_get(gc, GCFID_P_THC_LABEL), gcfid_get(gc, GCFID_P_CH4_LABEL),
                 view_tr(v, MSG_VW_GP_NOT_CHECKED));
        cyl_line(g, b);
    }
}

static void fmt_or_dash(char *b, size_t n, double x, int dec)
{
    if (isnan(x))
        snprintf(b, n, "--");
    else
        snprintf(b, n, "%.*f", dec, x);
}

static void panel_portable(const view *v, view_model *m)
{
    char b[VIEW_TXT], t1[32], c1[24], c2[24], c3[24];
    line_add(m, view_tr(v, MSG_VW_PORTABLE_TITLE));
    for (int i = m->nportables - 1; i >= 0 && m->npanel_lines < PANEL_MAX - 3; i--) {
        const view_portable *p = &m->portables[i];
        hjtime_format(p->taken, t1, sizeof t1);
        snprintf(b, sizeof b, "%s  %s", t1 + 5, p->mn);
        line_add(m, b);
        if (!isnan(p->cems_nmhc) || isnan(p->cems_so2)) { /* a VOCs station */
            fmt_or_dash(c1, sizeof c1, p->cems_nmhc, 2);
            snprintf(b, sizeof b, "  NMHC %s %.2f  CEMS %s mg/m3", view_tr(v, MSG_VW_GP_PORTABLE),
                     p->nmhc, c1);
            line_add(m, b);
        }
        if (!isnan(p->cems_so2) || !isnan(p->cems_nox)) {
            fmt_or_dash(c1, sizeof c1, p->so2_zs, 1);
            fmt_or_dash(c2, sizeof c2, p->cems_so2, 1);
            fmt_or_dash(c3, sizeof c3, p->cems_nox, 1);
            char c4[24];
            fmt_or_dash(c4, sizeof c4, p->nox_zs, 1);
            snprintf(b, sizeof b, "  SO2 %.1f (%s %s) CEMS %s   NOx %.1f (%s %s) CEMS %s", p->so2,
                     view_tr(v, MSG_VW_GP_CONV), c1, c2, p->nox, view_tr(v, MSG_VW_GP_CONV), c4,
                     c3);
            line_add(m, b);
        }
        fmt_or_dash(c1, sizeof c1, p->cems_o2, 2);
        snprintf(b, sizeof b, "  O2 %s %.2f %%  CEMS %s %%   CO %.1f mg/m3",
                 view_tr(v, MSG_VW_GP_PORTABLE), p->o2, c1, p->co);
        line_add(m, b);
    }
}

void view_gas_read(const view *v, view_model *m, station *st)
{
    view_cems *g = &m->gas;
    view_cems keep = *g; /* the inspections stay as found */
    memset(g, 0, sizeof *g);
    g->line_done = keep.line_done;
    g->probe_done = keep.probe_done;
    g->cyl_done = keep.cyl_done;
    g->line_at = keep.line_at;
    g->probe_at = keep.probe_at;
    g->cyl_at = keep.cyl_at;
    g->line_c_found = keep.line_c_found;
    g->probe_c_found = keep.probe_c_found;
    g->chiller_c_found = keep.chiller_c_found;
    g->leak_found = keep.leak_found;
    g->clog_found = keep.clog_found;
    g->blowbacks_found = keep.blowbacks_found;
    memcpy(g->cyl_bad_found, keep.cyl_bad_found, sizeof g->cyl_bad_found);
    memcpy(g->cyl_lines, keep.cyl_lines, sizeof g->cyl_lines);
    g->ncyl_lines = keep.ncyl_lines;
    g->o2_insitu = station_config(st)->gas.o2_mode == STATION_O2_INSITU;
    read_cabinet(m, st);
    read_stack_side(m, st);
    read_sampling(m, st);
    if (m->panel == VIEW_PANEL_GAS_ANALYZER) {
        gasan *a = m->panel_arg < STATION_G_COUNT ? station_gasan_at(st, m->panel_arg) : NULL;
        if (a) panel_gasan(v, m, a);
        if (m->panel_arg == VIEW_GAN_PM && station_pmmon(st)) panel_pm(v, m, station_pmmon(st));
        if (m->panel_arg == VIEW_GAN_GC && station_gcfid(st)) panel_gc(v, m, station_gcfid(st));
    }
    for (int i = 0; m->panel == VIEW_PANEL_CYLINDERS && i < g->ncyl_lines; i++)
        line_add(m, g->cyl_lines[i]);
    if (m->panel == VIEW_PANEL_PORTABLE) panel_portable(v, m);
}

/* ---- the inspector's acts ---- */

void view_gas_inspect_line(view_model *m, station *st)
{
    sampling *sp = station_sampling(st);
    if (!sp) return;
    m->gas.line_done = 1;
    m->gas.line_at = m->now;
    m->gas.line_c_found = sampling_line_temp(sp); /* the line's true temperature */
    m->gas.probe_c_found = sampling_probe_temp(sp);
    m->gas.chiller_c_found = sampling_chiller_temp(sp);
}

void view_gas_check_probe(view_model *m, station *st)
{
    sampling *sp = station_sampling(st);
    if (!sp) return;
    m->gas.probe_done = 1;
    m->gas.probe_at = m->now;
    m->gas.leak_found = sampling_leak_fraction(sp); /* the tightness test: air drawn in */
    m->gas.clog_found = sampling_clog(sp);
    m->gas.blowbacks_found = sampling_blowbacks(sp);
}

void view_gas_cylinders(const view *v, view_model *m, station *st)
{
    m->gas.cyl_done = 1;
    m->gas.cyl_at = m->now;
    found_cylinders(v, m, st);
    m->panel = VIEW_PANEL_CYLINDERS;
}

static double converted(double c, double o2, double o2_ref)
{
    if (!(o2_ref > 0) || !(o2 < 20.9)) return NAN;
    return c * (21.0 - o2_ref) / (21.0 - o2);
}

void view_gas_portable(view_model *m, station *st)
{
    stack *sk = station_stack(st);
    if (!sk) return;
    if (m->nportables == VIEW_MAX_GRABS) {
        memmove(&m->portables[0], &m->portables[1], (VIEW_MAX_GRABS - 1) * sizeof m->portables[0]);
        m->nportables--;
    }
    view_portable *p = &m->portables[m->nportables++];
    memset(p, 0, sizeof *p);
    const gas *g = &stack_output(sk)->g; /* the flue gas at the sampling port */
    snprintf(p->mn, sizeof p->mn, "%s", station_mn(st));
    p->taken = m->now;
    p->so2 = g->so2;
    p->nox = gas_nox(g);
    p->o2 = g->o2;
    p->co = g->co;
    p->nmhc = gas_nmhc(g);
    double o2_ref = station_config(st)->gas.stack.o2_ref;
    p->so2_zs = converted(p->so2, p->o2, o2_ref);
    p->nox_zs = converted(p->nox, p->o2, o2_ref);
    gasan_status s;
    gasan *a;
    p->cems_so2 = p->cems_nox = p->cems_o2 = p->cems_nmhc = NAN;
    if ((a = station_gasan_at(st, STATION_G_SO2))) {
        gasan_get_status(a, &s);
        p->cems_so2 = s.value[0];
    }
    if ((a = station_gasan_at(st, STATION_G_NOX))) {
        gasan_get_status(a, &s);
        p->cems_nox = s.nox;
    }
    if ((a = station_gasan_at(st, STATION_G_O2))) {
        gasan_get_status(a, &s);
        p->cems_o2 = s.value[0];
    }
    if (station_gcfid(st)) p->cems_nmhc = gcfid_nmhc(station_gcfid(st));
    m->panel = VIEW_PANEL_PORTABLE;
}
