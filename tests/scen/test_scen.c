/*
 * test_scen.c — the scenario runtime without a range: scenario{} and station{} into
 * station_cfg, argument errors, check problems, truth.json and records.jsonl text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "hjfraud.h"
#include "hjtime.h"
#include "scen.h"

static char tmpdir[] = "/tmp/test_scen_XXXXXX";

/* Writes text to a file of the temp dir; returns its path (static buffer). */
static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static scen *load(const char *name, const char *text, int expect_rc)
{
    char err[256] = "";
    scen_opts o;
    memset(&o, 0, sizeof o);
    scen *s = scen_new(&o, err, sizeof err);
    assert_non_null(s);
    int rc = scen_load(s, write_file(name, text));
    if (rc != expect_rc) fail_msg("load rc %d: %s", rc, scen_errmsg(s));
    return s;
}

#define HEAD                                                                                       \
    "scenario { name = \"t\", start = \"2022-02-08 00:00\", duration = \"1d\", seed = 5 }\n"

static void test_station_fields(void **state)
{
    (void)state;
    scen *s = load(
        "full.lua",
        HEAD "station { mn = \"33040001DYE0001\", name = \"n\", pw = \"654321\", protocol = "
             "\"2025\",\n"
             "  plant = { profile = \"chemical\", flow_m3h = 55, effluent = { cod = 300, nh3n = "
             "9 },\n"
             "            shifts = { \"08:00-20:00\", \"22:00-02:00\" }, noise = 0.1 },\n"
             "  limits = { cod = 250, ph = { 6.5, 8.5 } },\n"
             "  analyzers = { cod = \"toc\", tn = true, ph = false },\n"
             "  cycle = \"2h\", cameras = { \"outfall\" },\n"
             "  facilities = { production = { \"a\", \"b\" }, treatment = { \"pump\" } },\n"
             "  sample_delay = \"2m\", flow_meter = \"upstream\" }\n"
             "station { mn = \"X2\" }\n",
        0);
    assert_int_equal(scen_station_count(s), 2);
    assert_string_equal(scen_name(s), "t");
    assert_int_equal(scen_seed(s), 5);
    int64_t t0 = 0;
    assert_int_equal(hjtime_parse_datetime("2022-02-08 00:00", &t0), 0);
    assert_true(scen_start(s) == t0 && scen_end(s) == t0 + HJTIME_DAY_MS);
    const station_cfg *c = &scen_stations(s)[0];
    assert_string_equal(c->mn, "33040001DYE0001");
    assert_string_equal(c->pw, "654321");
    assert_int_equal(c->protocol, 2025);
    assert_int_equal(c->world.plant.profile, PLANT_CHEMICAL);
    assert_true(c->world.plant.flow_m3h == 55.0 && c->world.plant.noise == 0.1);
    assert_true(c->world.plant.effluent.cod == 300.0 && c->world.plant.effluent.nh3n == 9.0);
    assert_true(c->world.plant.effluent.toc == 0.0); /* derived from cod */
    assert_int_equal(c->world.plant.nshifts, 2);
    assert_int_equal(c->world.plant.shifts[1].start_min, 22 * 60);
    assert_int_equal(c->world.plant.shifts[1].end_min, 2 * 60);
    assert_true(c->limits.cod == 250.0 && c->limits.ph_lo == 6.5 && c->limits.ph_hi == 8.5);
    assert_int_equal(c->cod, STATION_COD_TOC);
    assert_true(c->fitted[STATION_P_TN] && c->fitted[STATION_P_NH3N] && !c->ph);
    assert_true(c->cycle_ms == 2 * HJTIME_HOUR_MS);
    assert_true(!c->camera[STATION_CAM_STATION] && c->camera[STATION_CAM_OUTFALL]);
    assert_int_equal(c->world.plant.nproduction, 2);
    assert_int_equal(c->world.plant.ntreatment, 1);
    assert_string_equal(c->world.plant.treatment[0], "pump");
    assert_true(c->world.sample_delay_ms == 120000);
    assert_int_equal(c->world.meter, CHANNEL_METER_UPSTREAM);
    /* defaults (dyeing) */
    const station_cfg *d = &scen_stations(s)[1];
    assert_string_equal(d->pw, "123456");
    assert_int_equal(d->protocol, 2017);
    assert_int_equal(d->cod, STATION_COD_DICHROMATE);
    assert_true(!d->fitted[STATION_P_TN] && d->ph && d->cycle_ms == HJTIME_HOUR_MS);
    assert_true(d->limits.cod == 200.0 && d->limits.nh3n == 20.0);
    assert_true(d->camera[0] && d->camera[1]);
    scen_free(s);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"station { mn = \"X\" }\n", "e.lua:1: station{}: declare scenario{} first"},
        {"scenario { name = \"t\", start = \"2022-13-01 00:00\", duration = \"1d\" }\n",
         "e.lua:1: scenario{}: start: bad date \"2022-13-01 00:00\""},
        {"scenario { name = \"t\", start = \"2022-02-08 00:00\", duration = \"1.5d\" }\n",
         "scenario{}: duration: bad duration \"1.5d\""},
        {"scenario { name = \"t\", start = \"2022-02-08 00:00\" }\n",
         "scenario{}: duration is required"},
        {"scenario { name = \"t\", start = \"2022-02-08 00:00\", duration = \"1d\", seed = -1 }\n",
         "seed must be a non-negative integer"},
        {"scenario { name = \"t\", start = \"2022-02-08 00:00\", duration = \"1d\", durtion = 1 "
         "}\n",
         "scenario{}: unknown field 'durtion'"},
        {HEAD "station { mn = \"X\", plant = { profile = \"steel\" } }\n",
         "unknown profile \"steel\""},
        {HEAD "station { mn = \"X\", plant = { flow = 5 } }\n",
         "station{}: plant: unknown field 'flow'"},
        {HEAD "station { mn = \"X\", plant = { effluent = { codd = 5 } } }\n",
         "station{}: plant.effluent: unknown field 'codd'"},
        {HEAD "station { mn = \"X\", limits = { ph = 7 } }\n", "limits.ph must be { low, high }"},
        {HEAD "station { mn = \"X\", analyzers = { cod = \"bod\" } }\n", "analyzers.cod must be"},
        {HEAD "station { mn = \"X\", cameras = { \"roof\" } }\n", "cameras[1] must be"},
        {HEAD "station { mn = \"X\", protocol = \"2011\" }\n",
         "protocol must be \"2017\" or \"2025\""},
        {HEAD "station { mn = \"bad mn!\" }\n", "station{}: mn: letters, digits"},
        {HEAD "station { mn = \"X\", cycle = \"10s\" }\n",
         "cycle must be whole seconds, 1 min .. 24 h"},
        {HEAD "station { mn = \"X\", facilities = { treatment = { \"a\", \"a\" } } }\n",
         "duplicate facility 'a'"},
        {HEAD "local st = station { mn = \"X\" }\nst.cod:add_to_cup { cod = 0 }\n",
         "e.lua:3: st.cod:add_to_cup: ml is required"},
        {HEAD "local st = station { mn = \"X\" }\nst.cod:add_to_cup { ml = 5, bod = 0 }\n",
         "st.cod:add_to_cup: unknown field 'bod'"},
        /* numbers in messages (lua_pushfstring has no %g: these once said "invalid option") */
        {HEAD "local st = station { mn = \"X\" }\nst.cod:add_to_cup { ml = 5, cod = -2.5 }\n",
         "e.lua:3: st.cod:add_to_cup: cod = -2.5 is out of range"},
        {HEAD "local st = station { mn = \"X\" }\nst.cod:set { digestion_temp = 1500.5 }\n",
         NULL}, /* checked when done, at the start: test_check_run */
        {HEAD "local st = station { mn = \"X\" }\nst.nh3n:standard { cod = 5 }\n",
         "st.nh3n:standard: unknown field 'cod'"},
        {HEAD
         "local st = station { mn = \"X\" }\nst.channel:add_inflow { source = \"sea\", m3h = 1 }\n",
         "source must be one of \"tap\", \"rain\", \"custom\", got \"sea\""},
        {HEAD "local st = station { mn = \"X\" }\nst.channel:add_inflow { source = \"custom\", m3h "
              "= 1 }\n",
         "source \"custom\" needs quality"},
        {HEAD "local st = station { mn = \"X\" }\nst.sample_line:connect(\"hose\")\n",
         "source must be one of \"channel\", \"tap\", \"bucket\""},
        {HEAD "local st = station { mn = \"X\" }\nst.camera.outfall:turn { yaw = 3 }\n",
         "st.camera.outfall:turn: unknown field 'yaw'"},
        {HEAD "local st = station { mn = \"X\" }\nst.facility.blower:set { on = 1 }\n",
         "st.facility.blower:set: on must be true or false"},
        {HEAD "local st = station { mn = \"X\" }\nst.dau:offline(\"yes\")\n",
         "st.dau:offline: true or false expected, got string"},
        {HEAD "local st = station { mn = \"X\" }\nst.dau:power(1)\n",
         "st.dau:power: true or false expected, got number"},
        {HEAD "local st = station { mn = \"X\" }\nst.dau:filter(\"cod\", 5)\n",
         "st.dau:filter: a function(value) or nil expected"},
        {HEAD "local st = station { mn = \"X\" }\nst.cod:freeze(\"x\")\n",
         "bad argument #1 to 'freeze'"},
        {HEAD "local st = station { mn = \"X\" }\nst:person_enters { who = \"a\", badge = 1 }\n",
         "st:person_enters: unknown field 'badge'"},
        {HEAD "local st = station { mn = \"X\" }\nrecords.lab { station = st, param = \"cod\", "
              "value = 1 }\n",
         "records.lab: time is required"},
        {HEAD
         "station { mn = \"X\" }\nstation { mn = \"Y\" }\nrecords.lab { param = \"cod\", time = "
         "\"01:00\", value = 1 }\n",
         "records.lab: station is required"},
        {HEAD "local st = station { mn = \"X\" }\ntruth.finish(3)\n",
         "bad argument #1 to 'finish' (no truth event with this id)"},
        {HEAD "station { mn = \"X\" }\nat(\"+1h\", 5)\n",
         "bad argument #2 to 'at' (function expected"},
        {HEAD "station { mn = \"X\" }\nevery(\"0s\", function() end)\n",
         "bad argument #1 to 'every'"},
        {HEAD "station { mn = \"X\" }\nevery(\"1h\", function() end, { form = \"01:00\" })\n",
         "every: unknown field 'form'"},
        {HEAD
         "local st = station { mn = \"X\" }\nat(\"01:00\", function() station { mn = \"Y\" } end)\n"
         "-- never runs here\n",
         NULL}, /* loads: the error would come with time */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scen *s = load("e.lua", cases[i].src, cases[i].want ? -1 : 0);
        if (cases[i].want && !strstr(scen_errmsg(s), cases[i].want))
            fail_msg("case %zu: want \"%s\" in \"%s\"", i, cases[i].want, scen_errmsg(s));
        scen_free(s);
    }
}

static void test_problems(void **state)
{
    (void)state;
    scen *s = load("p.lua",
                   HEAD "local st = station { mn = \"X\" }\n"
                        "at(\"23:00\", function() end)\n"
                        "at(\"2022-02-09 00:00\", function() end)\n" /* the end: runs */
                        "at(\"2022-02-09 00:01\", function() end)\n"
                        "after(\"25h\", function() truth.begin { type = \"bypass\" } end)\n",
                   0);
    assert_int_equal(scen_problem_count(s), 3);
    /* a time after the end is a warning (the run goes on); a bad type an error */
    assert_false(scen_problem_is_error(s, 0) || scen_problem_is_error(s, 1));
    assert_true(scen_problem_is_error(s, 2));
    assert_int_equal(scen_error_count(s), 1);
    assert_int_equal(scen_warning_count(s), 2);
    assert_non_null(strstr(scen_problem(s, 0),
                           "p.lua:5: at(\"2022-02-09 00:01\"): 2022-02-09 00:01:00 "
                           "is after the end of the run (2022-02-09 00:00:00)"));
    assert_non_null(strstr(scen_problem(s, 1), "p.lua:6: after(\"25h\")"));
    assert_non_null(strstr(scen_problem(s, 2), "p.lua:6: truth.begin: unknown type \"bypass\""));
    assert_int_equal(scen_pending(s), 4);
    scen_free(s);
}

static void test_truth_and_records(void **state)
{
    (void)state;
    scen *s = load(
        "t.lua",
        "scenario { name = \"名\\\"q\", start = \"2022-02-08 00:00\", duration = \"2h\", seed = 7 "
        "}\n"
        "local st = station { mn = \"A1\", name = \"站\" }\n"
        "local id = truth.begin { type = \"frozen_value\", station = st, note = \"n\" }\n"
        "truth.begin { type = \"dau_tamper\" }\n"
        "assert(id == 1 and truth.finish(id) and not truth.finish(id))\n"
        "records.work_order { task = \"calibration\", start = \"+1h\", [\"end\"] = \"+1h30m\" }\n"
        "records.lab { station = \"A1\", param = \"tp\", time = \"00:30\", value = 0.25 }\n",
        0);
    char path[512];
    snprintf(path, sizeof path, "%s/records.jsonl", tmpdir);
    assert_int_equal(scen_records_open(s, path), 0);
    scen_finish(s, scen_end(s));
    assert_int_equal(scen_records_close(s), 0);
    char buf[4096];
    FILE *f = fopen(path, "rb");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(
        buf, "{\"kind\":\"lab\",\"mn\":\"A1\",\"param\":\"w21011\",\"time\":\"2022-02-08T00:30:"
             "00+08:00\",\"value\":0.25}\n"
             "{\"kind\":\"work_order\",\"mn\":\"A1\",\"task\":\"calibration\",\"start\":\"2022-"
             "02-08T01:00:00+08:00\",\"end\":\"2022-02-08T01:30:00+08:00\",\"who\":\"O&M\"}\n");
    snprintf(path, sizeof path, "%s/truth.json", tmpdir);
    assert_int_equal(scen_write_truth(s, path), 0);
    f = fopen(path, "rb");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(
        buf, "{\n\t\"scenario\":\t\"名\\\"q\",\n\t\"seed\":\t7,\n"
             "\t\"start\":\t\"2022-02-08T00:00:00+08:00\",\n"
             "\t\"end\":\t\"2022-02-08T02:00:00+08:00\",\n"
             "\t\"stations\":\t[{\n\t\t\t\"mn\":\t\"A1\",\n\t\t\t\"name\":\t\"站\"\n\t\t}],\n"
             "\t\"events\":\t[{\n\t\t\t\"id\":\t1,\n\t\t\t\"type\":\t\"frozen_value\",\n"
             "\t\t\t\"mn\":\t\"A1\",\n\t\t\t\"start\":\t\"2022-02-08T00:00:00+08:00\",\n"
             "\t\t\t\"end\":\t\"2022-02-08T00:00:00+08:00\",\n\t\t\t\"note\":\t\"n\"\n\t\t}, {\n"
             "\t\t\t\"id\":\t2,\n\t\t\t\"type\":\t\"dau_tamper\",\n\t\t\t\"mn\":\t\"A1\",\n"
             "\t\t\t\"start\":\t\"2022-02-08T00:00:00+08:00\",\n"
             "\t\t\t\"end\":\t\"2022-02-08T02:00:00+08:00\",\n\t\t\t\"note\":\t\"\"\n\t\t}]\n}\n");
    scen_free(s);
}

/* The catalogue handed to Lua: hjrange.fraud_types() is the table of proto/hjfraud.h, in
 * order, a new list each call; the fraud library's fraud.types is that list, each with its
 * function (the water types; the gas types as the library stages them); hjrange.codes() gives the code table's water codes by short name. */
static void test_fraud_types(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text,
             HEAD "station { mn = \"FT0001\" }\n"
                  "local t = hjrange.fraud_types()\n"
                  "assert(#t == %zu, 'count ' .. #t)\n"
                  "assert(t[1] == '%s' and t[#t] == '%s')\n"
                  "t[1] = 'changed'\n"
                  "assert(hjrange.fraud_types()[1] == '%s', 'a new list each call')\n"
                  "local fraud = require 'fraud'\n"
                  "assert(#fraud.types == #t)\n"
                  "for i, k in ipairs(hjrange.fraud_types()) do\n"
                  "  assert(fraud.types[i] == k, k)\n"
                  "  assert(type(fraud[k]) == 'function', k)\n"
                  "end\n"
                  "local c = hjrange.codes()\n"
                  "assert(c.cod == 'w01018' and c.toc == 'w01020' and c.nh3n == 'w21003')\n"
                  "assert(c.flow == 'w00000' and c.ph == 'w01001' and c.cond == 'w01014')\n"
                  "local n = 0 for _ in pairs(c) do n = n + 1 end\n"
                  "assert(n == 9, 'water codes ' .. n)\n"
                  "local g = hjrange.codes('gas')\n"
                  "assert(g.so2 == 'a21026' and g.o2 == 'a19001' and g.nmhc == 'a24088' and g.cod == nil)\n"
                  "assert(not pcall(hjrange.codes, 'air'))\n",
             hjfraud_count(), hjfraud_at(0)->key, hjfraud_at(hjfraud_count() - 1)->key,
             hjfraud_at(0)->key);
    char err[256] = "";
    scen_opts o;
    memset(&o, 0, sizeof o);
    o.lib_dir = HJ_SCEN_LIB_DIR; /* the bundled fraud library */
    scen *s = scen_new(&o, err, sizeof err);
    assert_non_null(s);
    if (scen_load(s, write_file("fraud_types.lua", text)) != 0) fail_msg("%s", scen_errmsg(s));
    scen_free(s);
    assert_int_equal(hjfraud_count(), 24);
    assert_string_equal(hjfraud_at(HJFRAUD_BYPASS_DISCHARGE)->key, "bypass_discharge");
}

/* The fraud library that check's text scan loads (a scenario's own lib/ may hold a
 * hostile one) kills the sandbox: the load fails with the kill, it does not pass. */
static void test_scan_kill(void **state)
{
    (void)state;
    char err[256] = "", lib[600];
    snprintf(lib, sizeof lib, "%s/lib", tmpdir);
    assert_int_equal(mkdir(lib, 0700), 0);
    write_file("lib/fraud.lua", "-- a library that never returns\nwhile true do end\n");
    scen_opts o;
    memset(&o, 0, sizeof o);
    o.lib_dir = lib;
    scen *s = scen_new(&o, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(scen_load(s, write_file("scan.lua", HEAD "station { mn = \"SCAN0001\" }\n"
                                                             "local name = \"fraud.x\"\n")),
                     -1);
    assert_non_null(strstr(scen_errmsg(s), "lib/fraud.lua:2: instruction budget of 10000000 "
                                           "per call exhausted"));
    scen_free(s);
}

/* check's timeline: tasks run against the models (no range), errors are problems with
 * their virtual time and the timeline goes on; acts reach the models. */
static void test_check_run(void **state)
{
    (void)state;
    scen *s = load("c.lua",
                   HEAD "local st = station { mn = \"C1\" }\n"
                        "at(\"01:00\", function() local x; x.y = 1 end)\n"
                        "every(\"6h\", function() st.cod:set { slope = \"x\" } end)\n"
                        "at(\"02:00\", function() st.flow:set { factor = 0.5 }\n"
                        "  st.dau:filter(\"flow\", function(v) return v * 2 end) end)\n"
                        "at(\"03:00\", function() st:person_leaves { who = \"ghost\" } end)\n"
                        "st.cod:set { digestion_temp = 1500.5 }\n",
                   0);
    assert_int_equal(scen_attach_models(s), 0);
    assert_int_equal(scen_check_run(s), 4);
    assert_int_equal(scen_problem_count(s), 4);
    /* the top-level act, done at the start, refused by the analyzer */
    assert_non_null(strstr(scen_problem(s, 0), "c.lua:8: st.cod:set: digestion_temp = 1500.5 "
                                               "refused (out of the analyzer's range) (called "
                                               "at the top level: done at the start)"));
    int64_t t0 = scen_start(s);
    assert_true(scen_problem_time(s, 0, 0) == t0);
    assert_non_null(strstr(scen_problem(s, 1), "c.lua:3: attempt to index a nil value"));
    assert_true(scen_problem_time(s, 1, 0) == t0 + HJTIME_HOUR_MS);
    assert_non_null(strstr(scen_problem(s, 2), "'ghost' is not in the station room"));
    assert_true(scen_problem_time(s, 2, 0) == t0 + 3 * HJTIME_HOUR_MS);
    assert_non_null(strstr(scen_problem(s, 3), "c.lua:4: st.cod:set: slope must be a number"));
    assert_int_equal(scen_problem_repeats(s, 3), 4); /* 06, 12, 18 h and the end */
    assert_true(scen_problem_time(s, 3, 1) == scen_end(s));
    scen_free(s);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_station_fields), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_problems),       cmocka_unit_test(test_truth_and_records),
        cmocka_unit_test(test_fraud_types),    cmocka_unit_test(test_scan_kill),
        cmocka_unit_test(test_check_run),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) rc = rc ? rc : 1;
    return rc;
}
