/*
 * replay.c — rules_replay: runs the detection engine over a finished run's platform
 * database (hjrange run --out DIR: DIR/platform.db) and its records.jsonl, as the platform
 * would have pushed it (detect/replay.h: uploads in commit order; the records feed loaded
 * first, as `hjrange detect --records` does), and writes alerts.jsonl.
 *
 *   rules_replay DB RECORDS|- ALERTS [THRESHOLDS|- [STATIONS]]
 *
 * STATIONS: the run's registry (DIR/stations.json: each station's limits and production
 * meters, as the run's platform had them). A work order's "filed" is kept (when it reached
 * the O&M system).
 */
#include "engine.h"
#include "registry.h"
#include "replay.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load_records(engine *e, const char *path, FILE *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    static char line[65536];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        cJSON *o = cJSON_Parse(line);
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(o, "mn");
        if (cJSON_IsString(kind) && cJSON_IsString(mn)) {
            if (strcmp(kind->valuestring, "work_order") == 0) {
                const char *k[5] = {"task", "start", "end", "who", "filed"};
                const char *v[5] = {"", "", "", "", NULL};
                for (int i = 0; i < 5; i++) {
                    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k[i]);
                    if (cJSON_IsString(x)) v[i] = x->valuestring;
                }
                if (engine_work_order(e, mn->valuestring, v[0], v[1], v[2], v[3], v[4]) == 0) n++;
            } else if (strcmp(kind->valuestring, "lab") == 0) {
                const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "param");
                const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "time");
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
                if (cJSON_IsString(p) && cJSON_IsString(t) && cJSON_IsNumber(v) &&
                    engine_lab(e, mn->valuestring, p->valuestring, t->valuestring, v->valuedouble,
                               out) >= 0)
                    n++;
            }
        }
        cJSON_Delete(o);
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: rules_replay DB RECORDS|- ALERTS [THRESHOLDS|- [STATIONS]]\n");
        return 2;
    }
    char err[300] = "";
    registry *reg = NULL;
    if (argc > 5 && !(reg = registry_load(argv[5], err, sizeof err))) {
        fprintf(stderr, "rules_replay: %s\n", err);
        return 1;
    }
    engine_cfg ec = {argc > 4 && strcmp(argv[4], "-") != 0 ? argv[4] : NULL, NULL, 0, reg};
    engine *e = engine_new(&ec, err, sizeof err);
    replay *rp = e ? replay_open(argv[1], err, sizeof err) : NULL;
    if (!rp) {
        fprintf(stderr, "rules_replay: %s\n", err);
        engine_free(e);
        registry_free(reg);
        return 1;
    }
    FILE *out = fopen(argv[3], "wb");
    if (!out) {
        perror(argv[3]);
        replay_free(rp);
        engine_free(e);
        registry_free(reg);
        return 1;
    }
    if (strcmp(argv[2], "-") != 0 && load_records(e, argv[2], out) < 0) perror(argv[2]);
    int rc = replay_poll(rp, e, out);
    if (rc < 0) fprintf(stderr, "rules_replay: %s\n", replay_errmsg(rp));
    engine_stats s = engine_stats_get(e);
    fprintf(stderr,
            "rules_replay: %lu records, %lu stations, %lu hits, %lu raises, %lu orders, %lu labs\n",
            s.records, s.stations, s.hits, s.raises, s.work_orders, s.labs);
    fclose(out);
    replay_free(rp);
    engine_free(e);
    registry_free(reg);
    return rc < 0 ? 1 : 0;
}
