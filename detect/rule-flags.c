/*
 * rule-flags.c — the flag family: an analyzer set to maintenance, fault or calibration (M,
 * D, C) right after a value over the limit, or while it reads over it
 * (flag_after_exceedance, strong), or with no work order (flag_without_order).
 */
#include "rule-private.h"

static int flagged(char flag)
{
    return flag == 'M' || flag == 'D' || flag == 'C';
}

/* A flag episode begins: judged an hour later (a work order may be filed during the job). */
static void episode_start(rule_station *st, rule_analyzer *an, char flag, int64_t t)
{
    if (an->episode.state == 1) return; /* M -> D within one episode */
    an->episode.state = 1;
    an->episode.flag = flag;
    an->episode.start = t;
    an->episode.end = 0;
    an->episode.over_at = 0;
    an->episode.measured = 0;
    an->episode.after_exceed = an->exceed.sampled &&
                               t - an->exceed.reported <= st->cfg.flag_window_min * MIN_MS &&
                               t >= an->exceed.sampled;
}

/* The episode right after a value over the limit, or hiding values over it: false_flag. */
static void judge_exceedance(rule_sink *k, int ci, int64_t end, const char *hm,
                             const char *limit_txt, evidence_id meaning)
{
    rule_analyzer *an = &k->st->analyzers[ci];
    char flag = an->episode.flag, hm_value[8], value_txt[32];
    an->episode.state = 2;
    int64_t from = an->episode.after_exceed ? an->exceed.sampled : an->episode.start;
    rule_hit *h = rule_raise(k, RULE_FLAG_AFTER_EXCEED, from, end, 1);
    if (!h) return;
    if (an->episode.after_exceed) {
        long long mins = (long long)((an->episode.start - an->exceed.sampled) / MIN_MS);
        rule_format_hm(an->exceed.sampled, hm_value, sizeof hm_value);
        evidence_en(h->en, sizeof h->en, EV_FLAG_AFTER_EXCEED, code_en(ci), flag,
                    evidence_word_en(meaning), hm, mins,
                    rule_num(an->exceed.value, value_txt, sizeof value_txt), code_unit(ci),
                    limit_txt, hm_value);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_AFTER_EXCEED, code_zh(ci), hm, flag,
                    evidence_word_zh(meaning), hm_value, value_txt, code_unit(ci), limit_txt, mins);
        return;
    }
    rule_format_hm(an->episode.over_at, hm_value, sizeof hm_value);
    evidence_en(h->en, sizeof h->en, EV_FLAG_OVER_LIMIT, code_en(ci), flag,
                evidence_word_en(meaning), hm,
                rule_num(an->episode.over_value, value_txt, sizeof value_txt), code_unit(ci),
                limit_txt, hm_value);
    evidence_zh(h->zh, sizeof h->zh, EV_FLAG_OVER_LIMIT, code_zh(ci), hm, flag,
                evidence_word_zh(meaning), hm_value, value_txt, code_unit(ci), limit_txt);
}

/* An analyzer's flag in a real-time record: an M, D or C begins an episode; every record
 * ticks the open one (the values sent under it, when it ended), and an hour in it is judged
 * against the work orders filed by then. */
void rule_check_flag(rule_sink *k, rule_event *ev)
{
    rule_station *st = k->st;
    int ci = ev->ci;
    rule_analyzer *an = &st->analyzers[ci];
    int64_t t = ev->t;
    if (ev->flag != ev->flag_before && flagged(ev->flag)) episode_start(st, an, ev->flag, t);
    if (an->episode.state != 1) return;
    double limit = rule_cfg_limit(&st->cfg, rule_code(ci));
    if (flagged(ev->flag) && limit > 0 && ev->value > limit && !an->episode.over_at) {
        an->episode.over_at = t;
        an->episode.over_value = ev->value;
    }
    if (!flagged(ev->flag) && !an->episode.end) an->episode.end = t;
    int64_t end = an->episode.end ? an->episode.end : t;
    if (t - an->episode.start < 60 * MIN_MS) return;
    /* what the platform knew when it judges (an hour in): an order filed later, e.g. the
     * next day to cover the flags, does not count even when a replay has it already */
    if (rule_covered_known(st, an->episode.start, WO_MARGIN, t)) {
        an->episode.state = 2;
        return;
    }
    char flag = an->episode.flag;
    evidence_id meaning = flag == 'M' ? EV_FLAG_M : flag == 'D' ? EV_FLAG_D : EV_FLAG_C;
    char hm[8], limit_txt[32];
    rule_format_hm(an->episode.start, hm, sizeof hm);
    rule_num(limit, limit_txt, sizeof limit_txt);
    if (an->episode.after_exceed || an->episode.over_at) {
        judge_exceedance(k, ci, end, hm, limit_txt, meaning);
        return;
    }
    /* a maintenance or calibration flag with no order; a fault flag only when it lasts (an
     * analyzer fault is honest, hours of it with nobody sent are not) */
    int64_t mins = (end - an->episode.start) / MIN_MS;
    /* a fault the analyzer does not have: it goes on measuring its schedule under the flag and
     * its own work state and alarm (3020) say it is well — the flag was set after it */
    int measuring = flag == 'D' && an->episode.measured > 0 && an->hj_state <= 0 && !an->hj_alarm;
    if (flag == 'D' && mins < 240 && !measuring) {
        if (an->episode.end) an->episode.state = 2; /* ended short */
        return;
    }
    an->episode.state = 2;
    rule_hit *h = rule_raise(k, RULE_FLAG_WITHOUT_ORDER, an->episode.start, end, 0);
    if (!h) return;
    if (measuring && mins < 240) {
        evidence_en(h->en, sizeof h->en, EV_FLAG_FAULT_MEASURING, code_en(ci), flag,
                    evidence_word_en(meaning), hm, an->episode.measured);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_FAULT_MEASURING, code_zh(ci), hm, flag,
                    evidence_word_zh(meaning), an->episode.measured);
    } else if (flag == 'D') {
        evidence_en(h->en, sizeof h->en, EV_FLAG_FAULT_LASTING, code_en(ci), flag,
                    evidence_word_en(meaning), hm, (long long)mins);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_FAULT_LASTING, code_zh(ci), hm, flag,
                    evidence_word_zh(meaning), (long long)mins);
    } else {
        evidence_en(h->en, sizeof h->en, EV_FLAG_WITHOUT_ORDER, code_en(ci), flag,
                    evidence_word_en(meaning), hm);
        evidence_zh(h->zh, sizeof h->zh, EV_FLAG_WITHOUT_ORDER, code_zh(ci), hm, flag,
                    evidence_word_zh(meaning));
    }
}
