/*
 * fuzz_score.c — libFuzzer target for the scorer's readers (score/score.c): the ground
 * truth (truth.json) and the alerts (alerts.jsonl), files that come from other tools and
 * vendors.
 *
 * The input is split at its first NUL byte: the part before is read as a truth file, the
 * part after as an alerts file (an input without NUL is tried as both). When both are
 * accepted they are scored: every event is detected or not, a detected one has a time to
 * detect of at least zero, the counts add up, and the reports (JSON, JUnit, text) are
 * written.
 */
#include "score.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char *dup_text(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) abort();
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t tn = nul ? (size_t)(nul - data) : size;
    char *tt = dup_text(data, tn);
    char *at = nul ? dup_text(nul + 1, size - tn - 1) : dup_text(data, size);
    char err[4096];
    score_truth *t = score_truth_parse(tt, "truth.json", err, sizeof err);
    if (!t && strlen(err) == 0) abort(); /* a refusal says why */
    score_alerts *a = score_alerts_parse(at, "alerts.jsonl", err, sizeof err);
    if (!a && strlen(err) == 0) abort();
    if (t && a) {
        score_options o = score_options_default();
        score_result *r = score_compute(t, a, &o, err, sizeof err);
        if (r) {
            if (r->detected > r->events) abort();
            for (size_t i = 0; i < r->events; i++) {
                const score_event_result *e = &r->ev[i];
                if (e->detected && !(e->ttd_minutes >= 0)) abort();
                if (!e->detected && !isnan(e->ttd_minutes)) abort();
            }
            /* the reports of a result: JSON, JUnit, text (to nowhere) */
            static FILE *null;
            if (!null) null = fopen("/dev/null", "w");
            if (!null) abort();
            if (score_write_json(null, r) != 0) abort();
            const score_result *one[1] = {r};
            if (score_write_junit(null, one, 1) != 0) abort();
            if (score_write_text(null, r, NULL) != 0) abort();
            score_result_free(r);
        }
    }
    score_truth_free(t);
    score_alerts_free(a);
    free(tt);
    free(at);
    return 0;
}
