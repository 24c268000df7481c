/* test_hwreg.c — register encodings: word/byte orders, BCD dates, map serving, blocks and
 * reserved words, the invariants of every device's map. */
#include "hwtest.h"
#include "analyzer.h"
#include "camera.h"
#include "damper.h"
#include "door.h"
#include "flowmeter.h"
#include "flue.h"
#include "gasan.h"
#include "gcfid.h"
#include "hwdev.h"
#include "hwrng.h"
#include "meter.h"
#include "pmmon.h"
#include "probe.h"
#include "sampler.h"
#include "sampling.h"
#include "water.h"

#include <string.h>

static void test_f32_orders(void **state)
{
    uint16_t w[2] = {0};
    hwreg_put_f32(w, 1.0f, HWREG_ABCD);
    assert_int_equal(w[0], 0x3F80);
    assert_int_equal(w[1], 0x0000);
    hwreg_put_f32(w, 1.0f, HWREG_CDAB);
    assert_int_equal(w[0], 0x0000);
    assert_int_equal(w[1], 0x3F80);
    hwreg_put_f32(w, 1.0f, HWREG_BADC);
    assert_int_equal(w[0], 0x803F);
    assert_int_equal(w[1], 0x0000);
    hwreg_put_f32(w, 1.0f, HWREG_DCBA);
    assert_int_equal(w[0], 0x0000);
    assert_int_equal(w[1], 0x803F);
    for (int o = 0; o < 4; o++) {
        hwreg_put_f32(w, 182.375f, o);
        assert_true(hwreg_get_f32(w, o) == 182.375f);
    }
    /* 123.456f = 0x42F6E979 */
    hwreg_put_f32(w, 123.456f, HWREG_CDAB);
    assert_int_equal(w[0], 0xE979);
    assert_int_equal(w[1], 0x42F6);
}

static void test_u32_f64(void **state)
{
    uint16_t w[4] = {0};
    hwreg_put_u32(w, 0x12345678u, HWREG_CDAB);
    assert_int_equal(w[0], 0x5678);
    assert_int_equal(w[1], 0x1234);
    assert_int_equal(hwreg_get_u32(w, HWREG_CDAB), 0x12345678u);
    hwreg_put_f64(w, 1.0, HWREG_ABCD); /* 0x3FF0000000000000 */
    assert_int_equal(w[0], 0x3FF0);
    assert_int_equal(w[3], 0x0000);
    hwreg_put_f64(w, 1.0, HWREG_CDAB);
    assert_int_equal(w[3], 0x3FF0);
    for (int o = 0; o < 4; o++) {
        hwreg_put_f64(w, 12345.678901234, o);
        assert_true(hwreg_get_f64(w, o) == 12345.678901234);
    }
}

static void test_bcd(void **state)
{
    uint16_t w[3] = {0};
    double t = cst(2022, 2, 8, 10, 5, 9);
    assert_int_equal(hwreg_put_bcd(w, t, HJTIME_TZ_S), 0);
    assert_int_equal(w[0], 0x2202);
    assert_int_equal(w[1], 0x0810);
    assert_int_equal(w[2], 0x0509);
    double back = 0.0;
    assert_int_equal(hwreg_get_bcd(w, HJTIME_TZ_S, &back), 0);
    assert_true(back == t);
    /* New year's eve across UTC midnight: 2023-12-31 23:59:59 +08 */
    t = cst(2023, 12, 31, 23, 59, 59);
    hwreg_put_bcd(w, t, HJTIME_TZ_S);
    assert_int_equal(w[0], 0x2312);
    assert_int_equal(w[1], 0x3123);
    assert_int_equal(w[2], 0x5959);
    /* never */
    hwreg_put_bcd(w, NAN, HJTIME_TZ_S);
    assert_int_equal(w[0] | w[1] | w[2], 0);
    /* invalid: month 13, 30 February, a hex digit */
    uint16_t bad1[3] = {0x2213, 0x0110, 0x0000};
    uint16_t bad2[3] = {0x2402, 0x3000, 0x0000};
    uint16_t bad3[3] = {0x2202, 0x0A10, 0x0000};
    assert_int_equal(hwreg_get_bcd(bad1, HJTIME_TZ_S, &back), -1);
    assert_int_equal(hwreg_get_bcd(bad2, HJTIME_TZ_S, &back), -1);
    assert_int_equal(hwreg_get_bcd(bad3, HJTIME_TZ_S, &back), -1);
    uint16_t leap[3] = {0x2402, 0x2900, 0x0000};
    assert_int_equal(hwreg_get_bcd(leap, HJTIME_TZ_S, &back), 0);
    assert_true(back == cst(2024, 2, 29, 0, 0, 0));
}

static double test_get(void *dev, int id)
{
    return id == 1 ? 2.5 : id == 2 ? 7 : 0;
}

static double written[4];
static int test_set(void *dev, int id, double v)
{
    written[id] = v;
    return v < 0 ? HWDEV_EX_VALUE : 0;
}

static void test_map_serving(void **state)
{
    static const hwreg_field fs[] = {
        {0x0, HWREG_F32, 1, 1}, {0x2, HWREG_U16, 0, 2}, {0x5, HWREG_I16, 1, 3}};
    static const hwreg_block bs[] = {{0x0, 3, "a"}, {0x5, 1, "b"}};
    const hwreg_map m = {fs, 3, bs, 2}, *f = &m;
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0x100);
    uint16_t out[8] = {0};
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0x100, 3, out, test_get, NULL), 0);
    assert_true(hwreg_get_f32(out, HWREG_CDAB) == 2.5f);
    assert_int_equal(out[2], 7);
    /* a range starting inside a float: the covered word only */
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0x101, 1, out, test_get, NULL), 0);
    assert_int_equal(out[0], 0x4020);
    /* 0x103, 0x104 outside every block */
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0x102, 4, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0xFF, 1, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(f, &lay, HWDEV_INPUT, 0x100, 1, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0x100, 0, out, test_get, NULL),
                     HWDEV_EX_VALUE);
    assert_int_equal(hwreg_read(f, &lay, HWDEV_HOLDING, 0xFFFF, 2, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    uint16_t in[2] = {0};
    hwreg_put_f32(in, 0.75f, HWREG_CDAB);
    assert_int_equal(hwreg_write(f, &lay, 0x100, 2, in, test_set, NULL), 0);
    assert_true(written[1] == 0.75);
    assert_int_equal(hwreg_write(f, &lay, 0x100, 1, in, test_set, NULL), HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_write(f, &lay, 0x101, 1, in, test_set, NULL), HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_write(f, &lay, 0x102, 1, in, test_set, NULL), HWDEV_EX_ADDRESS);
    in[0] = 0xFFFE; /* -2 */
    assert_int_equal(hwreg_write(f, &lay, 0x105, 1, in, test_set, NULL), HWDEV_EX_VALUE);
    assert_true(written[3] == -2.0);
    hwreg_put_f32(in, NAN, HWREG_CDAB);
    assert_int_equal(hwreg_write(f, &lay, 0x100, 2, in, test_set, NULL), HWDEV_EX_VALUE);
}

/* A block with reserved words: 0x103, 0x104 and 0x107 are inside it, no field covers them. */
static void test_reserved_words(void **state)
{
    static const hwreg_field fs[] = {
        {0x0, HWREG_F32, 1, 1}, {0x2, HWREG_U16, 0, 2}, {0x5, HWREG_I16, 1, 3}};
    static const hwreg_block bs[] = {{0x0, 8, "data"}, {0x10, 2, "more"}};
    static const hwreg_field fs2[] = {{0x10, HWREG_U16, 1, 1}, {0x11, HWREG_U16, 1, 2}};
    const hwreg_map m = {fs, 3, bs, 1}, m2 = {fs2, 2, bs + 1, 1};
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0x100);
    assert_int_equal(lay.strict, 0);
    uint16_t out[16];
    memset(out, 0xAB, sizeof out);
    /* the whole block: fields and zeros */
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x100, 8, out, test_get, NULL), 0);
    assert_true(hwreg_get_f32(out, HWREG_CDAB) == 2.5f);
    assert_int_equal(out[2], 7);
    assert_int_equal(out[3], 0);
    assert_int_equal(out[4], 0);
    assert_int_equal(out[5], 0); /* test_get gives 0 for field 3 as well */
    assert_int_equal(out[6], 0);
    assert_int_equal(out[7], 0);
    /* reserved words alone; a range starting inside a float and ending in them */
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x103, 2, out, test_get, NULL), 0);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 0);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x101, 4, out, test_get, NULL), 0);
    assert_int_equal(out[0], 0x4020);
    assert_int_equal(out[1], 7);
    /* past the end of the block, before it, on the other table: still unmapped */
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x100, 9, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x108, 1, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0xFF, 2, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_INPUT, 0x103, 1, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    /* writes to reserved words are refused, alone or inside a range */
    uint16_t in[4] = {1, 2, 3, 4};
    assert_int_equal(hwreg_write(&m, &lay, 0x103, 1, in, test_set, NULL), HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_write(&m, &lay, 0x105, 3, in, test_set, NULL), HWDEV_EX_ADDRESS);
    /* strict: the old behaviour, any word no field covers is unmapped */
    lay.strict = 1;
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x100, 8, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x103, 1, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    assert_int_equal(hwreg_read(&m, &lay, HWDEV_HOLDING, 0x100, 3, out, test_get, NULL), 0);
    lay.strict = 0;
    /* a read across two adjacent blocks is served; with a gap between them it is not */
    static const hwreg_block adj[] = {{0x0, 8, "data"}, {0x8, 2, "tail"}};
    static const hwreg_field fs3[] = {{0x0, HWREG_U16, 0, 2}, {0x9, HWREG_U16, 0, 2}};
    const hwreg_map m3 = {fs3, 2, adj, 2};
    assert_int_equal(hwreg_read(&m3, &lay, HWDEV_HOLDING, 0x100, 10, out, test_get, NULL), 0);
    assert_int_equal(out[0], 7);
    assert_int_equal(out[8], 0);
    assert_int_equal(out[9], 7);
    assert_int_equal(hwreg_read(&m3, &lay, HWDEV_HOLDING, 0x100, 11, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
    hwreg_layout_default(&lay, 0x0);
    assert_int_equal(hwreg_read(&m2, &lay, HWDEV_HOLDING, 0x0F, 2, out, test_get, NULL),
                     HWDEV_EX_ADDRESS);
}

static void test_map_check(void **state)
{
    const char *why = NULL;
    static const hwreg_field fs[] = {{0x0, HWREG_F32, 1, 1}, {0x4, HWREG_BCD, 0, 2}};
    static const hwreg_block ok[] = {{0x0, 2, "a"}, {0x4, 4, "b"}};
    static const hwreg_block across[] = {{0x0, 5, "a"}, {0x5, 2, "b"}}; /* BCD 4..6 in both */
    static const hwreg_block unsorted[] = {{0x4, 4, "b"}, {0x0, 2, "a"}};
    static const hwreg_block empty[] = {{0x0, 2, "a"}, {0x4, 0, "b"}, {0x4, 4, "c"}};
    static const hwreg_block past[] = {{0xFFF0, 0x20, "a"}};
    static const hwreg_field overlap[] = {{0x0, HWREG_F32, 1, 1}, {0x1, HWREG_U16, 0, 2}};
    const hwreg_map good = {fs, 2, ok, 2};
    assert_int_equal(hwreg_map_check(&good, &why), 0);
    const hwreg_map bad[] = {
        {fs, 2, across, 2}, {fs, 2, unsorted, 2}, {fs, 2, empty, 3},
        {fs, 2, past, 1},   {fs, 2, ok, 1},       {overlap, 2, ok, 2},
    };
    for (size_t i = 0; i < HWREG_COUNT(bad); i++) {
        why = NULL;
        if (hwreg_map_check(&bad[i], &why) != -1) fail_msg("bad map %zu passed", i);
        assert_non_null(why);
    }
}

/* Every device's map keeps the invariants (each field inside one block ...). */
static void test_device_maps(void **state)
{
    static const struct {
        const char *name;
        const hwreg_map *m;
    } maps[] = {
        {"analyzer", &analyzer_regmap}, {"probe", &probe_regmap}, {"flowmeter", &flowmeter_regmap},
        {"sampler", &sampler_regmap},   {"door", &door_regmap},   {"camera", &camera_regmap},
        {"meter", &meter_regmap},       {"gasan", &gasan_regmap}, {"sampling", &sampling_regmap},
        {"flue", &flue_regmap},         {"pmmon", &pmmon_regmap}, {"gcfid", &gcfid_regmap},
        {"damper", &damper_regmap},
    };
    for (size_t i = 0; i < HWREG_COUNT(maps); i++) {
        const char *why = NULL;
        if (hwreg_map_check(maps[i].m, &why) != 0) fail_msg("%s: %s", maps[i].name, why);
        assert_true(maps[i].m->nblocks >= 1);
    }
}

/* The client side: the ranges a DAU reads, found in the maps (the addresses and counts of
 * docs/registers.md), and the values decoded from what the device served. */
static void test_client_spans(void **state)
{
    static const struct {
        const hwreg_map *m;
        uint16_t base;
        int first, last;
        uint16_t addr, n;
    } want[] = {
        {&analyzer_regmap, 0x1000, ANALYZER_R_VALUE, ANALYZER_R_COUNT, 0x1000, 11},
        {&analyzer_regmap, 0x1000, ANALYZER_R_STATE, ANALYZER_R_CYC_MANUAL, 0x1080, 21},
        {&analyzer_regmap, 0x1000, ANALYZER_R_PARAM + ANALYZER_P_INTERVAL, ANALYZER_R_CAL_TIME,
         0x10A0, 31},
        {&flowmeter_regmap, 0, FLOWMETER_R_M3H, FLOWMETER_R_FAULT, 0, 14},
        {&probe_regmap, 0, PROBE_R_PH, PROBE_R_FAULT, 0, 8},
        {&door_regmap, 0, DOOR_R_STATE, DOOR_R_COUNT, 0, 3},
        {&door_regmap, 0, DOOR_R_EVENT(0, DOOR_R_EV_SEQ),
         DOOR_R_EVENT(DOOR_R_EVENTS - 1, DOOR_R_EV_HAS_CARD), 0x10, 64},
        {&camera_regmap, 0, CAMERA_R_POWER, CAMERA_R_PEOPLE, 0, 11},
        {&camera_regmap, 0, CAMERA_R_SCORE, CAMERA_R_SCORE, 0x0B, 2},
        {&meter_regmap, 0, METER_R_CURRENT, METER_R_RS, 0, 9},
        {&gasan_regmap, 0, GASAN_R_VALUE, GASAN_R_NCOMP, 0, 0x17},
        {&gasan_regmap, 0, GASAN_R_CHECK(0, GASAN_R_CHK_VALUE),
         GASAN_R_CHECK(3, GASAN_R_CHK_RESULT), 0x20, 0x20},
        {&gasan_regmap, 0, GASAN_R_STATE, GASAN_R_CHK_COUNT, 0x40, 0x1A},
        {&gasan_regmap, 0, GASAN_R_PARAM + GASAN_P_RANGE, GASAN_R_PARAM + GASAN_P_PURGE, 0x60,
         0x2A},
        {&sampling_regmap, 0, SAMPLING_R_PROBE_T, SAMPLING_R_CHG_PARAM, 0, 0x1C},
        {&sampling_regmap, 0, SAMPLING_R_LINE_T, SAMPLING_R_CHILLER_T, 2, 4},
        {&flue_regmap, 0, FLUE_R_V, FLUE_R_CHG_SRC, 0, 0x1A},
        {&flue_regmap, 0, FLUE_R_PARAM + FLUE_P_KV, FLUE_R_PARAM + FLUE_P_RHO_N, 0x20, 8},
        {&pmmon_regmap, 0, PMMON_R_VALUE, PMMON_R_CHG_COUNT, 0, 0x10},
        {&gcfid_regmap, 0, GCFID_R_NMHC, GCFID_R_AREA_CH4, 0, 0x10},
        {&gcfid_regmap, 0, GCFID_R_STATE, GCFID_R_CHG_SRC, 0x30, 0x14},
        {&damper_regmap, 0, DAMPER_R_POSITION, DAMPER_R_CLOCK, 0, 0x11},
    };
    for (size_t i = 0; i < HWREG_COUNT(want); i++) {
        hwreg_layout lay;
        hwreg_layout_default(&lay, want[i].base);
        uint16_t addr = 0, n = 0;
        assert_int_equal(hwreg_span(want[i].m, &lay, want[i].first, want[i].last, &addr, &n), 0);
        assert_int_equal(addr, want[i].addr);
        assert_int_equal(n, want[i].n);
    }
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0x1000);
    uint16_t addr = 0, n = 0;
    assert_int_equal(
        hwreg_span(&analyzer_regmap, &lay, ANALYZER_R_COUNT, ANALYZER_R_VALUE, &addr, &n),
        -1); /* last below first */
    assert_int_equal(hwreg_span(&analyzer_regmap, &lay, ANALYZER_R_VALUE, 9999, &addr, &n), -1);
    assert_int_equal(
        hwreg_span(&analyzer_regmap, &lay, ANALYZER_R_VALUE, ANALYZER_R_CMD_TIME, &addr, &n),
        -1); /* 0x204 words: more than one read */
    assert_null(hwreg_field_of(&analyzer_regmap, 9999));
    assert_int_equal(hwreg_field_of(&analyzer_regmap, ANALYZER_R_TOC)->off, 0x008);
}

static void test_client_decode(void **state)
{
    static const hwreg_field fs[] = {{0x0, HWREG_F32, 0, 1}, {0x2, HWREG_U16, 0, 2},
                                     {0x3, HWREG_I16, 0, 3}, {0x4, HWREG_U32, 0, 4},
                                     {0x6, HWREG_F64, 0, 5}, {0xA, HWREG_BCD, 0, 6},
                                     {0xD, HWREG_BCD, 0, 7}};
    static const hwreg_block bs[] = {{0x0, 0x10, "all"}};
    const hwreg_map m = {fs, HWREG_COUNT(fs), bs, 1};
    hwreg_layout lay;
    hwreg_layout_default(&lay, 0x200);
    uint16_t w[16] = {0};
    hwreg_put_f32(w, 182.375f, lay.order);
    w[2] = 65535;
    w[3] = 0xFFFE;
    hwreg_put_u32(w + 4, 4000000000u, lay.order);
    hwreg_put_f64(w + 6, 12345.678901234, lay.order);
    double t0 = cst(2022, 2, 8, 10, 5, 9);
    hwreg_put_bcd(w + 0xA, t0, lay.tz_s);
    hwreg_put_bcd(w + 0xD, NAN, lay.tz_s); /* never */
    uint16_t addr = 0, n = 0;
    assert_int_equal(hwreg_span(&m, &lay, 1, 7, &addr, &n), 0);
    assert_int_equal(addr, 0x200);
    assert_int_equal(n, 16);
    assert_true(hwreg_decode(&m, &lay, 1, addr, n, w) == 182.375);
    assert_true(hwreg_decode(&m, &lay, 2, addr, n, w) == 65535.0);
    assert_true(hwreg_decode(&m, &lay, 3, addr, n, w) == -2.0);
    assert_true(hwreg_decode(&m, &lay, 4, addr, n, w) == 4000000000.0);
    assert_true(hwreg_decode(&m, &lay, 5, addr, n, w) == 12345.678901234);
    assert_true(hwreg_decode(&m, &lay, 6, addr, n, w) == t0);
    assert_true(isnan(hwreg_decode(&m, &lay, 7, addr, n, w)));
    /* a read that starts later: offsets follow; fields outside it are NaN */
    assert_true(hwreg_decode(&m, &lay, 2, 0x202, 2, w + 2) == 65535.0);
    assert_true(isnan(hwreg_decode(&m, &lay, 1, 0x202, 2, w + 2)));
    assert_true(isnan(hwreg_decode(&m, &lay, 4, 0x202, 3, w + 2))); /* cut in half */
    assert_true(isnan(hwreg_decode(&m, &lay, 42, addr, n, w)));
}

/* Reads a live device as the DAU does: span, the device's own read, decode. */
static void test_client_device(void **state)
{
    door_config c;
    door_config_default(&c);
    c.start = cst(2022, 2, 8, 10, 0, 0);
    door *d = door_new(&c);
    door_card(d, "0012");
    door_step(d, 30.0);
    door_close(d);
    hwdev h = door_hwdev(d);
    uint16_t addr = 0, n = 0, w[HWREG_MAX_READ];
    assert_int_equal(hwreg_span(&door_regmap, &c.layout, DOOR_R_EVENT(0, DOOR_R_EV_SEQ),
                                DOOR_R_EVENT(1, DOOR_R_EV_HAS_CARD), &addr, &n),
                     0);
    assert_int_equal(h.ops->read(h.dev, HWDEV_HOLDING, addr, n, w), 0);
#define EV(i, k) hwreg_decode(&door_regmap, &c.layout, DOOR_R_EVENT(i, DOOR_R_EV_##k), addr, n, w)
    assert_true(EV(0, SEQ) == 2.0 && EV(0, TYPE) == DOOR_EV_CLOSE && EV(0, HAS_CARD) == 0.0);
    assert_true(EV(1, SEQ) == 1.0 && EV(1, TYPE) == DOOR_EV_CARD && EV(1, CARD) == 12.0);
    assert_true(EV(1, HAS_CARD) == 1.0 && EV(1, TIME) == c.start);
#undef EV
    door_free(d);
}

static void test_rng(void **state)
{
    hw_rng a, b;
    hw_rng_seed(&a, 7);
    hw_rng_seed(&b, 7);
    for (int i = 0; i < 1000; i++)
        assert_true(hw_rng_next(&a) == hw_rng_next(&b));
    /* splitmix64(0) first output, the published reference value */
    hw_rng_seed(&a, 0);
    assert_true(a.s[0] == 0xE220A8397B1DCDAFull);
    double sum = 0.0, sum2 = 0.0;
    hw_rng_seed(&a, 42);
    for (int i = 0; i < 100000; i++) {
        double x = hw_rng_normal(&a, 0.0, 1.0);
        sum += x;
        sum2 += x * x;
    }
    assert_near(sum / 100000, 0.0, 0.02);
    assert_near(sqrt(sum2 / 100000), 1.0, 0.02);
}

static void test_water_mix(void **state)
{
    water a = {.cod = 200, .ph = 4, .temp = 10, .cond = 1000};
    water b = {.cod = 0, .ph = 10, .temp = 30, .cond = 200};
    water w2[2] = {a, b}, m = {0};
    double v[2] = {50, 50};
    assert_true(water_mix(2, v, w2, &m) == 100);
    assert_near(m.cod, 100, 1e-12);
    assert_near(m.ph, 7.0, 1e-9);
    assert_near(m.temp, 20, 1e-12);
    assert_near(m.cond, 600, 1e-12);
    w2[0] = (water){.ph = 3};
    w2[1] = (water){.ph = 7};
    v[0] = 1;
    v[1] = 9;
    water_mix(2, v, w2, &m);
    double net = (1e-3 - 1e-11) / 10.0;
    double h = 0.5 * (net + sqrt(net * net + 4e-14));
    assert_near(m.ph, -log10(h), 1e-9);
    assert_near(m.ph, 4.0, 1e-3);
    /* 1:1 of pH 10.5 and pH 7: 10.2 on ions (a linear mean would say 8.75) */
    w2[0].ph = 10.5;
    v[0] = v[1] = 1;
    water_mix(2, v, w2, &m);
    double h0 = pow(10, -10.5), acid = 0.5 * (h0 - 1e-14 / h0);
    double hm = 2e-14 / (sqrt(acid * acid + 4e-14) - acid);
    assert_near(m.ph, -log10(hm), 1e-9);
    assert_near(m.ph, 10.199, 1e-3);
    /* round trip of the linear pH quantity; its sign: acid positive */
    for (double ph = 0.5; ph < 14; ph += 0.25)
        assert_near(water_acid_to_ph(water_ph_to_acid(ph)), ph, 1e-9);
    assert_true(water_ph_to_acid(3) > 0 && water_ph_to_acid(11) < 0);
    /* no volume (zero, negative, NaN): the water left as it was */
    water keep = {.cod = 150, .ph = 7.6};
    v[0] = 0;
    v[1] = NAN;
    assert_true(water_mix(2, v, w2, &keep) == 0);
    assert_near(keep.cod, 150, 0);
    v[1] = -3;
    assert_true(water_mix(2, v, w2, &keep) == 0);
    /* a zero volume adds nothing */
    w2[0] = (water){.cod = 1000, .ph = 2};
    w2[1] = (water){.cod = 10, .ph = 7.6};
    v[0] = 0;
    v[1] = 5;
    assert_true(water_mix(2, v, w2, &m) == 5);
    assert_near(m.cod, 10, 0);
    assert_near(m.ph, 7.6, 1e-12);
    /* on linear quantities, in place: the cup of an analyzer */
    double cup[WATER_LIN], tap[WATER_LIN], l[2][WATER_LIN];
    water_to_lin(&w2[1], cup);
    water_to_lin(&water_tap, tap);
    memcpy(l[0], cup, sizeof cup);
    memcpy(l[1], tap, sizeof tap);
    v[0] = 60;
    v[1] = 40;
    assert_true(water_lin_mix(2, v, (const double(*)[WATER_LIN])l, cup) == 100);
    assert_near(cup[WATER_L_COD], (10 * 60 + 2.0 * 40) / 100.0, 1e-12);
    /* more than WATER_MIX_MAX waters: refused, nothing touched */
    water many[WATER_MIX_MAX + 1];
    double vm[WATER_MIX_MAX + 1];
    for (int i = 0; i <= WATER_MIX_MAX; i++) {
        many[i] = water_tap;
        vm[i] = 1;
    }
    keep.cod = 150;
    assert_true(water_mix(WATER_MIX_MAX + 1, vm, many, &keep) == 0);
    assert_near(keep.cod, 150, 0);
    assert_true(water_mix(WATER_MIX_MAX, vm, many, &keep) == WATER_MIX_MAX);
    assert_near(keep.cod, water_tap.cod, 1e-12);
}

/* Tap water: the range's one definition (docs/physics.md). */
static void test_water_tap(void **state)
{
    assert_near(water_tap.cod, 2.0, 0);
    assert_near(water_tap.toc, 1.0, 0);
    assert_near(water_tap.nh3n, 0.05, 0);
    assert_near(water_tap.tp, 0.02, 0);
    assert_near(water_tap.tn, 1.0, 0);
    assert_near(water_tap.ph, 7.2, 0);
    assert_near(water_tap.cond, 300, 0);
    assert_near(water_tap.temp, 16.5, 0);
    assert_near(WATER_TAP_TEMP_AMP, 8.5, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_f32_orders),
        cmocka_unit_test(test_u32_f64),
        cmocka_unit_test(test_bcd),
        cmocka_unit_test(test_map_serving),
        cmocka_unit_test(test_reserved_words),
        cmocka_unit_test(test_map_check),
        cmocka_unit_test(test_device_maps),
        cmocka_unit_test(test_client_spans),
        cmocka_unit_test(test_client_decode),
        cmocka_unit_test(test_client_device),
        cmocka_unit_test(test_rng),
        cmocka_unit_test(test_water_mix),
        cmocka_unit_test(test_water_tap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
