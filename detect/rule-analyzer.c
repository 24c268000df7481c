/*
 * rule-analyzer.c — what one batch analyzer's measurements show: a measurement off the
 * schedule (extra_measurement), a one-cycle drop and the rebound after it (sudden_drop,
 * rebound: the sample cup), identical values (frozen_value), a SampleTime that stopped
 * (sampletime_stalled), values bunched just under the limit (bunching_under_limit),
 * values gone flat (variance_collapse), and a TOC analyzer's COD sent apart from its own TOC
 * (cod_toc_mismatch).
 */
#include "rule-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the schedule ---- */

/* Learns the analyzer's cycle (from 3020 i13003, or two equal intervals) and phase. An
 * analyzer starts its scheduled measurements on its own clock, so the phase stays. */
static void learn_schedule(rule_analyzer *an, int64_t sampled)
{
    if (an->cycle_set > 0 && an->cycle != an->cycle_set) {
        an->cycle = an->cycle_set; /* the interval read from 3020: its grid is new */
        an->phase = 0;
    }
    if (an->nhist == 0) return;
    int64_t d = sampled - an->hist[an->nhist - 1].sampled;
    if (!an->cycle_set && d >= 5 * MIN_MS) {
        if (an->cycle_seen && llabs(d - an->cycle_seen) <= MIN_MS) {
            if (++an->ncycle_seen >= 2 && !an->cycle) an->cycle = an->cycle_seen;
        } else if (!an->cycle || d < an->cycle) {
            an->cycle_seen = d;
            an->ncycle_seen = 1;
        }
    }
    if (an->cycle && !an->phase) an->phase = sampled % an->cycle + 1; /* +1: 0 means unknown */
}

/* How far t lies off the analyzer's schedule (ms, 0 on it). */
static int64_t phase_off(const rule_analyzer *an, int64_t t)
{
    int64_t ph = (t - (an->phase - 1)) % an->cycle;
    if (ph < 0) ph += an->cycle;
    return ph < an->cycle - ph ? ph : an->cycle - ph;
}

int rule_on_schedule(const rule_cfg *c, const rule_analyzer *an, int64_t sampled)
{
    return an->cycle && an->phase && phase_off(an, sampled) <= c->phase_tol_min * MIN_MS;
}

/* A measurement too soon after the one before, or off the schedule's phase, while the
 * analyzer had been measuring on its schedule; *prev: the one before. The first
 * measurement after the analyzer was not measuring (stopped, fault, maintenance,
 * calibration, a hole in the data) is a start by hand, not an extra one; a measurement one
 * cycle after the one before on another phase means the schedule itself moved. */
static int off_schedule(const rule_cfg *c, rule_analyzer *an, int64_t sampled, int64_t *prev)
{
    if (!an->cycle || !an->phase || an->nhist == 0) return 0;
    *prev = an->hist[an->nhist - 1].sampled;
    int64_t d = sampled - *prev, tol = c->phase_tol_min * MIN_MS;
    int early = d < (int64_t)(c->extra_interval * (double)an->cycle);
    int off = phase_off(an, sampled) > tol;
    if (an->restarted) {
        an->restarted = 0;
        return 0;
    }
    if (off && !early && llabs(d - an->cycle) <= tol) {
        an->phase = sampled % an->cycle + 1;
        return 0;
    }
    /* on its schedule after a measurement off it (a restart by hand): the schedule goes on,
     * the one before was the extra one if any */
    if (!off && phase_off(an, *prev) > tol) return 0;
    return early || off;
}

/* An extra measurement (a manual start: the cup), outside a work order. */
void rule_check_schedule(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    int64_t prev = 0;
    m->extra = off_schedule(&st->cfg, an, m->sampled, &prev);
    if (!m->extra) {
        learn_schedule(an, m->sampled);
        return;
    }
    if (m->covered) return;
    rule_hit *h = rule_raise(k, RULE_EXTRA_MEASUREMENT, prev, m->sampled, 0);
    if (h) {
        char hm[8], hm_prev[8];
        rule_format_hm(m->sampled, hm, sizeof hm);
        rule_format_hm(prev, hm_prev, sizeof hm_prev);
        evidence_en(h->en, sizeof h->en, EV_EXTRA_MEASUREMENT, code_en(m->ci), hm,
                    (long long)(an->cycle / MIN_MS), hm_prev);
        evidence_zh(h->zh, sizeof h->zh, EV_EXTRA_MEASUREMENT, code_zh(m->ci), hm,
                    (long long)(an->cycle / MIN_MS), hm_prev);
    }
    m->anomalous = 1;
}

/* ---- the sample cup: drop and rebound ---- */

static void raise_rebound(rule_sink *k, const rule_measurement *m, int64_t from)
{
    rule_hit *h = rule_raise(k, RULE_REBOUND, from, m->sampled, 0);
    if (!h) return;
    char hm[8], value_txt[32];
    rule_format_hm(m->sampled, hm, sizeof hm);
    evidence_en(h->en, sizeof h->en, EV_REBOUND, code_en(m->ci),
                rule_num(m->value, value_txt, sizeof value_txt), code_unit(m->ci), hm);
    evidence_zh(h->zh, sizeof h->zh, EV_REBOUND, code_zh(m->ci), hm, value_txt, code_unit(m->ci));
}

/* Marks a drop of this record; the cup check decides at the end of the record. */
static void mark_drop(rule_sink *k, int ci, double before, double value, int64_t from,
                      int64_t sampled)
{
    k->drop[ci].marked = 1;
    k->drop[ci].before = before;
    k->drop[ci].value = value;
    k->drop[ci].from = from;
    k->drop[ci].sampled = sampled;
}

/* The analyzer's first measurement of the run, drawn after an entry into the station room
 * (no work order), stood far under the one after it: a fall seen from its other side, with
 * no measurement before it to show the step down. */
static void first_came_back(rule_sink *k, rule_measurement *m)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_analyzer *an = &st->analyzers[m->ci];
    if (an->nhist != 1 || m->extra || m->covered) return;
    double first = an->hist[0].value, v = m->value;
    int64_t at = an->hist[0].sampled;
    if (!(first > 0) || first >= (1 - c->drop_ctx_ratio) * v) return;
    if (m->limit > 0 && v <= c->drop_min_frac * m->limit) return;
    if (!rule_entered(st, at - 90 * MIN_MS, at) || rule_station_covered(st, at, WO_MARGIN)) return;
    mark_drop(k, m->ci, v, first, at, at);
    raise_rebound(k, m, at);
    m->anomalous = 1;
}

/* The value back up after a drop (rebound); a fall of more than drop_ratio in one cycle,
 * or — after an entry into the station room in the 90 min before — a smaller one that
 * stands out of the analyzer's own variation and came back at the next measurement. */
void rule_check_drop(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    if (an->nhist == 0) return;
    double before = an->hist[an->nhist - 1].value, v = m->value;
    first_came_back(k, m);
    if (an->drop.pending && v >= c->rebound_ratio * an->drop.before)
        raise_rebound(k, m, an->drop.at);
    an->drop.pending = 0;
    /* a small fall after an entry, seen a cycle ago: the cup only if it came back (a value
     * rewritten from then on stays down) */
    if (an->small_drop.pending) {
        an->small_drop.pending = 0;
        if (v >= (1 - an->small_drop.ratio / 2) * an->small_drop.before) {
            mark_drop(k, m->ci, an->small_drop.before, an->small_drop.value, an->small_drop.from,
                      an->small_drop.sampled);
            raise_rebound(k, m, an->small_drop.sampled);
            m->anomalous = 1;
        }
    }
    /* someone entered the station room (no work order) in the last 90 min: a smaller fall
     * counts, as long as it stands out of the analyzer's own variation */
    double ratio = c->drop_ratio;
    if (rule_entered(st, m->sampled - 90 * MIN_MS, m->sampled)) {
        /* the analyzer's own variation, once known; before that (the first measurements of
         * a run) the context ratio alone: the fall must still come back to count */
        double own = an->base.n >= 3 && an->base.mean > 0
                         ? 3 * sqrt(an->base.var) / an->base.mean
                         : c->drop_ctx_ratio;
        ratio = fmin(ratio, fmax(c->drop_ctx_ratio, own));
    }
    int small = v >= (1 - c->drop_ratio) * before;
    if (small && !m->extra && before > 0 && v < (1 - ratio) * before && !m->covered) {
        an->small_drop.pending = 1; /* judged at the next measurement */
        an->small_drop.before = before;
        an->small_drop.value = v;
        an->small_drop.ratio = ratio;
        an->small_drop.from = an->hist[an->nhist - 1].sampled;
        an->small_drop.sampled = m->sampled;
        m->anomalous = 1;
    } else if (before > c->drop_min_frac * (m->limit > 0 ? m->limit : 0) && before > 0 &&
               v < (1 - ratio) * before && !m->covered) {
        mark_drop(k, m->ci, before, v, an->hist[an->nhist - 1].sampled, m->sampled);
        m->anomalous = 1;
    }
}

/* The channel's conductivity moved toward tap water as far as water let in would move it
 * to make the analyzer fall by `fall` (a share f of tap water lowers the concentration and
 * the conductivity's excess over tap water alike: half of it at least, for the channel's
 * own swing and the probe's place), or water let in at the sampling point when a sample
 * drawn at `drawn` was taken. */
static int probe_moved(const rule_station *st, int64_t drawn, double fall)
{
    int probe = 0;
    double moved = rule_tap_move(st, &probe);
    return probe && (moved >= fmax(st->cfg.toward_tap_min, 0.5 * fall) ||
                     (st->diluted_at && st->diluted_at >= drawn - 5 * MIN_MS));
}

/* Once every analyzer of the record was read: a fall of one analyzer only is the cup
 * (several at once: dilution or the sample line) — unless the channel's water moves toward
 * tap water (dilution: the other analyzers follow at their own cycles). */
void rule_check_cup(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    int drops = 0;
    /* a TOC analyzer's COD is its TOC times a factor: both fall alike in one record, and
     * that is one instrument's fall */
    if (k->drop[C_COD].marked && k->drop[C_TOC].marked && k->drop[C_COD].before > 0 &&
        k->drop[C_TOC].before > 0 &&
        fabs(k->drop[C_COD].value / k->drop[C_COD].before -
             k->drop[C_TOC].value / k->drop[C_TOC].before) <= 0.02)
        k->drop[C_TOC].marked = 0;
    for (int ci = 0; ci < NBATCH; ci++)
        drops += k->drop[ci].marked;
    /* water let in while the sample was drawn (rain, a pipe; the other analyzers follow at
     * their own cycles) */
    int64_t drawn = INT64_MAX;
    double fall = 0;
    for (int ci = 0; ci < NBATCH; ci++)
        if (k->drop[ci].marked) {
            drawn = k->drop[ci].sampled;
            fall = k->drop[ci].before > 0 ? 1 - k->drop[ci].value / k->drop[ci].before : 0;
        }
    if (drops == 1 && probe_moved(st, drawn, fall)) drops = 0;
    for (int ci = 0; ci < NBATCH && drops == 1; ci++) {
        if (!k->drop[ci].marked) continue;
        double before = k->drop[ci].before, v = k->drop[ci].value;
        double limit = rule_cfg_limit(&st->cfg, rule_code(ci));
        const char *after_en =
            limit > 0 && before > limit ? evidence_word_en(EV_AFTER_EXCEEDANCE) : "";
        const char *after_zh =
            limit > 0 && before > limit ? evidence_word_zh(EV_AFTER_EXCEEDANCE) : "";
        char before_txt[32], value_txt[32];
        rule_hit *h = rule_raise(k, RULE_SUDDEN_DROP, k->drop[ci].from, k->drop[ci].sampled, 0);
        if (h) {
            evidence_en(h->en, sizeof h->en, EV_SUDDEN_DROP, code_en(ci),
                        rule_num(before, before_txt, sizeof before_txt),
                        rule_num(v, value_txt, sizeof value_txt), code_unit(ci),
                        (v - before) / before * 100, after_en);
            evidence_zh(h->zh, sizeof h->zh, EV_SUDDEN_DROP, code_zh(ci), before_txt, value_txt,
                        code_unit(ci), (v - before) / before * 100, after_zh);
        }
        rule_analyzer *an = &st->analyzers[ci];
        an->drop.pending = 1; /* its rebound is watched for */
        an->drop.before = before;
        an->drop.at = k->drop[ci].sampled;
    }
    (void)ev;
}

/* ---- values that stand ---- */

/* The same value as sent for frozen_cycles measurements (strong at frozen_red_cycles), not
 * at tap level (that is the sample line), outside a work order. */
void rule_check_frozen(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    int tapish = rule_warm(st, an) && m->value <= c->tap_level_frac * rule_base(an, m->sampled);
    if (an->nhist == 0 || strcmp(m->raw, an->hist[an->nhist - 1].raw) != 0 || tapish) {
        an->same = 0;
        an->frozen_level = 0;
        return;
    }
    an->same++;
    int count = an->same + 1;
    int level = count >= c->frozen_red_cycles ? 2 : count >= c->frozen_cycles ? 1 : 0;
    if (level > an->frozen_level && !m->covered) {
        an->frozen_level = level;
        int64_t from = an->hist[an->nhist - (size_t)an->same].sampled;
        rule_hit *h = rule_raise(k, RULE_FROZEN_VALUE, from, m->sampled, level == 2);
        if (h) {
            char hm_from[8];
            rule_format_hm(from, hm_from, sizeof hm_from);
            evidence_en(h->en, sizeof h->en, EV_FROZEN_VALUE, code_en(m->ci), m->raw,
                        code_unit(m->ci), count, hm_from);
            evidence_zh(h->zh, sizeof h->zh, EV_FROZEN_VALUE, code_zh(m->ci), hm_from, count,
                        m->raw, code_unit(m->ci));
        }
    }
    m->anomalous |= an->frozen_level > 0;
}

/* SampleTime not advancing for stall_cycles cycles while the records keep coming (flag N:
 * the value stands while "measuring"; F: the analyzer was stopped and its last value left
 * standing), with no work order during the stop. */
void rule_check_stall(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    int64_t t = ev->t;
    for (int ci = 0; ci < NBATCH; ci++) {
        rule_analyzer *an = &st->analyzers[ci];
        if (!an->seen || !an->cycle || (an->flag != 'N' && an->flag != 'F') || an->stall_sent ||
            !an->sampled_moved_at)
            continue;
        if (t - an->sampled_moved_at <= (int64_t)(st->cfg.stall_cycles * (double)an->cycle))
            continue;
        /* an O&M job during the stop explains it (a fault repaired under a work order) */
        if (rule_station_overlaps(st, an->sampled_moved_at, t, WO_MARGIN)) continue;
        an->stall_sent = 1;
        rule_hit *h = rule_raise(k, RULE_SAMPLETIME_STALLED, an->last_sampled, t, 0);
        if (!h) continue;
        char hm[8];
        rule_format_hm(an->last_sampled, hm, sizeof hm);
        double hours = (double)(t - an->last_sampled) / HOUR_MS;
        if (an->flag == 'F') {
            const char *last = an->nhist ? an->hist[an->nhist - 1].raw : "?";
            evidence_en(h->en, sizeof h->en, EV_ANALYZER_STOPPED, code_en(ci), last, code_unit(ci),
                        hm, hours);
            evidence_zh(h->zh, sizeof h->zh, EV_ANALYZER_STOPPED, code_zh(ci), hm, last,
                        code_unit(ci), hours);
        } else {
            evidence_en(h->en, sizeof h->en, EV_SAMPLETIME_STALLED, code_en(ci), hm, hours);
            evidence_zh(h->zh, sizeof h->zh, EV_SAMPLETIME_STALLED, code_zh(ci), hm, hours);
        }
    }
}

/* ---- the spread of the values ---- */

/* The mean CV of the other analyzers' last n values (0 when none has them). */
static double others_cv(const rule_station *st, const rule_analyzer *an, size_t n)
{
    double sum = 0;
    int count = 0;
    for (int j = 0; j < NBATCH; j++) {
        const rule_analyzer *o = &st->analyzers[j];
        if (o == an || !o->seen || o->nhist < n) continue;
        double cv = 0;
        if (rule_tail_stats(o, 0, n, &cv) > 0) {
            sum += cv;
            count++;
        }
    }
    return count ? sum / count : 0;
}

/* bunch_frac of the last bunch_window values within bunch_band under the limit, none over,
 * where values over the limit were seen or the usual level is at it, and squeezed: their CV
 * under bunch_squeeze x the other analyzers' CV over the same hours (no history needed; the
 * same water varies alike in all of them, a calm night calms them all), or, with no other
 * analyzer, their spread under bunch_squeeze x its usual spread; their mean at most 93 % of
 * the limit (a cap sits a little under it; an honest plant right at it is no cap). */
void rule_check_bunching(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    double limit = m->limit;
    size_t window = (size_t)c->bunch_window;
    if (limit <= 0 || an->nhist < window) return;
    int in = 0, over = 0;
    for (size_t i = an->nhist - window; i < an->nhist; i++) {
        if (an->hist[i].value >= limit)
            over++;
        else if (an->hist[i].value >= (1 - c->bunch_band) * limit)
            in++;
    }
    double cv = 0, mean = rule_tail_stats(an, 0, window, &cv), sd = cv * mean;
    int warm = rule_warm(st, an);
    int near = an->exceed.sampled || (warm && an->base.mean >= (1 - c->bunch_band) * limit);
    double usual_sd = warm ? sqrt(an->base.var) : 0;
    double other_cv = others_cv(st, an, window);
    int squeezed_others = other_cv > 0 && mean > 0 && sd / mean < c->bunch_squeeze * other_cv;
    /* the other analyzers of the same water vary with it (a calm night calms them all): a
     * cap squeezes one of them; alone, it is judged against its own usual spread */
    int squeezed =
        other_cv > 0 ? squeezed_others : usual_sd > 0 && sd < c->bunch_squeeze * usual_sd;
    near = near || squeezed_others;
    if (!(!over && near && squeezed && mean <= 0.93 * limit &&
          in >= c->bunch_frac * c->bunch_window)) {
        if (in < c->bunch_frac * c->bunch_window / 2) an->bunching_sent = 0;
        return;
    }
    m->anomalous = 1;
    if (an->bunching_sent) return;
    an->bunching_sent = 1;
    int64_t from = an->hist[an->nhist - window].sampled;
    rule_hit *h = rule_raise(k, RULE_BUNCHING, from, m->sampled, 0);
    if (!h) return;
    char limit_txt[32];
    double spread = mean > 0 ? 100 * sd / mean : 0;
    double usual = an->base.mean > 0 ? 100 * usual_sd / an->base.mean : 0;
    evidence_en(h->en, sizeof h->en, EV_BUNCHING, code_en(m->ci), in, c->bunch_window,
                c->bunch_band * 100, rule_num(limit, limit_txt, sizeof limit_txt), spread, usual);
    evidence_zh(h->zh, sizeof h->zh, EV_BUNCHING, code_zh(m->ci), c->bunch_window, in, limit_txt,
                c->bunch_band * 100, spread, usual);
}

/* The last collapse_cycles values flat (CV under collapse_ratio x the usual window CV) and
 * sample_fall under the baseline while the channel did not move: the analyzer measures a
 * bucket or the tap. */
void rule_check_collapse(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_measurement *m = ev->m;
    rule_analyzer *an = &st->analyzers[m->ci];
    if (!rule_warm(st, an)) return;
    size_t w = (size_t)c->collapse_cycles;
    double usual_cv = an->window_cv.mean;
    if (an->nhist < w || an->window_cv.n < 4 || usual_cv <= 0.005) return;
    /* water let in during the window (rain of a steady quality): the channel's, not the line's */
    if (st->diluted_at && st->diluted_at >= an->hist[an->nhist - w].sampled) return;
    double sum = 0, sq = 0;
    for (size_t i = an->nhist - w; i < an->nhist; i++)
        sum += an->hist[i].value;
    double mean = sum / (double)w;
    for (size_t i = an->nhist - w; i < an->nhist; i++)
        sq += (an->hist[i].value - mean) * (an->hist[i].value - mean);
    double cv = mean > 0 ? sqrt(sq / (double)(w - 1)) / mean : 0;
    m->window_cv = cv;
    if (!(cv < c->collapse_ratio * usual_cv &&
          mean < (1 - c->sample_fall) * rule_base(an, m->sampled) && !m->covered &&
          (st->channel_still || !st->have[C_COND]))) {
        if (cv > 0.6 * usual_cv) an->collapse_sent = 0;
        return;
    }
    m->anomalous = 1;
    if (an->collapse_sent) return;
    an->collapse_sent = 1;
    /* flat since the first value of the spell, not of the window that judged it (it may
     * have been judged late: after a work order) */
    size_t first = an->nhist - w;
    double tol = fmax(3 * cv, 0.02) * mean;
    while (first > 0 && fabs(an->hist[first - 1].value - mean) <= tol)
        first--;
    int64_t from = an->hist[first].sampled;
    char hm_from[8], mean_txt[32];
    rule_format_hm(from, hm_from, sizeof hm_from);
    rule_hit *h = rule_raise(k, RULE_VARIANCE_COLLAPSE, from, m->sampled, 0);
    if (!h) return;
    evidence_en(h->en, sizeof h->en, EV_FLAT, code_en(m->ci),
                rule_num(mean, mean_txt, sizeof mean_txt), code_unit(m->ci), hm_from, cv * 100,
                usual_cv * 100);
    evidence_zh(h->zh, sizeof h->zh, EV_FLAT, code_zh(m->ci), hm_from, mean_txt, code_unit(m->ci),
                cv * 100, usual_cv * 100);
}

/* ---- a TOC analyzer: its COD is k·TOC ---- */

/* The factor k the analyzer reported (3020 i13013 with PolId w01018); 0 unknown. */
static double toc_factor(const rule_analyzer *cod)
{
    for (size_t j = 0; j < cod->nparams; j++)
        if (strcmp(cod->params[j].code, code_of(HJCODE_I_TOC_K)) == 0) return cod->params[j].last;
    return 0;
}

/* A TOC analyzer measures TOC and sends COD = k·TOC (k from 3020; the range's analyzers
 * have no offset unless a parameter change says so): a COD measurement that is not k times
 * the TOC sent beside it was rewritten after the analyzer. Red once it held for
 * toc_red_cycles measurements running. Not within a day of a parameter change or a
 * calibration of the COD analyzer (their own rules), nor under a work order. */
void rule_check_toc(rule_sink *k, rule_event *ev)
{
    (void)ev;
    rule_station *st = k->st;
    const rule_cfg *c = &st->cfg;
    rule_analyzer *cod = &st->analyzers[C_COD], *toc = &st->analyzers[C_TOC];
    if (!toc->seen || cod->nhist == 0) return;
    const rule_sample *m = &cod->hist[cod->nhist - 1];
    if (m->sampled == cod->toc.judged || cod->last_sampled != m->sampled) return;
    cod->toc.judged = m->sampled;
    double kf = toc_factor(cod), t = toc->last_value, v = m->value;
    int64_t day = 24 * HOUR_MS;
    int quiet = (cod->calib.at && m->sampled - cod->calib.at < day) ||
                (cod->shift.at && m->sampled - cod->shift.at < day) ||
                rule_station_covered(st, m->sampled, WO_MARGIN);
    if (!(kf > 0) || !(t > 0) || toc->flag != 'N' || quiet) {
        cod->toc.run = 0;
        return;
    }
    double want = kf * t;
    /* the last decimals sent (2) of both values */
    if (fabs(v - want) <= c->toc_tol * want + kf * 0.006 + 0.006) {
        cod->toc.run = 0;
        cod->toc.sent = 0;
        return;
    }
    if (cod->toc.run++ == 0) cod->toc.from = m->sampled;
    int level = cod->toc.run >= c->toc_red_cycles ? 2 : 1;
    if (level <= cod->toc.sent) return;
    cod->toc.sent = level;
    rule_hit *h = rule_raise(k, RULE_TOC_MISMATCH, cod->toc.from, m->sampled, level == 2);
    if (!h) return;
    char hm[8], v_txt[32], t_txt[32], want_txt[32], k_txt[32];
    rule_format_hm(m->sampled, hm, sizeof hm);
    rule_num(v, v_txt, sizeof v_txt);
    rule_num(t, t_txt, sizeof t_txt);
    rule_num(want, want_txt, sizeof want_txt);
    rule_num(kf, k_txt, sizeof k_txt);
    double off = (v - want) / want * 100;
    evidence_en(h->en, sizeof h->en, EV_TOC_MISMATCH, v_txt, hm, t_txt, want_txt, k_txt, off,
                cod->toc.run);
    evidence_zh(h->zh, sizeof h->zh, EV_TOC_MISMATCH, hm, v_txt, t_txt, want_txt, k_txt, off,
                cod->toc.run);
}
