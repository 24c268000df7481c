/*
 * fuzz_config.c — libFuzzer target for the platform's configuration files, written by
 * operators and vendors: the station registry (--stations, detect/registry.c) and the
 * detection thresholds (--thresholds, detect/rule-cfg.c, with per-station entries).
 *
 * The first byte chooses the reader; the rest is the file's text. The registry either
 * refuses with a reason or holds stations whose fields keep their limits (MN 1..24, PW
 * 1..6, protocol 2017 or 2025, at most so many limits and meters), each found by its MN.
 * The thresholds either refuse with a reason or leave a configuration whose lists keep
 * their bounds.
 */
#include "registry.h"
#include "rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char *text = malloc(size);
    if (!text) abort();
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char err[512] = "";
    if (data[0] & 1) {
        registry *r = registry_parse(text, err, sizeof err);
        if (!r) {
            if (!err[0]) abort(); /* a refusal says why */
        } else {
            static const char *const mns[] = {"33040001PWR0201", "33040001DYE0001", "A", ""};
            for (int i = 0; i < 4; i++) {
                const registry_station *s = registry_find(r, mns[i], strlen(mns[i]));
                if (!s) continue;
                size_t n = strlen(s->mn), w = strlen(s->pw);
                if (n < 1 || n > 24 || strcmp(s->mn, mns[i]) != 0 || w < 1 || w > 6) abort();
                if (s->protocol != 2017 && s->protocol != 2025) abort();
                if (s->nlimits > REGISTRY_MAX_LIMITS || s->nmeters > REGISTRY_MAX_METERS) abort();
            }
            registry_free(r);
        }
    } else {
        rule_cfg c;
        rule_cfg_default(&c);
        int rc = (data[0] & 2) ? rule_cfg_parse_station(&c, text, "33040001DYE0001", err, sizeof err)
                               : rule_cfg_parse(&c, text, err, sizeof err);
        if (rc != 0 && !err[0]) abort();
        if (rc == 0 && (c.ntap > RULE_MAX_TAP)) abort();
        (void)rule_cfg_complete(text, err, sizeof err);
    }
    free(text);
    return 0;
}
