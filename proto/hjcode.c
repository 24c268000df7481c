/*
 * hjcode.c — the code table (hjcode.h). Water codes and decimals as HJ 212-2017 and
 * HJ 356 give them, the range's own codes and the field information of
 * docs/hj212-profile.md; the gas codes of GAS.md (HJ 212-2017, HJ 75: concentrations on a
 * dry basis at standard conditions, NOx as NO2, THC/CH4/NMHC as carbon, flow standard dry).
 */
#include "hjcode.h"

#include <stdio.h>
#include <string.h>

#define KW HJCODE_WATER
#define KA HJCODE_GAS /* air: a gas parameter */
#define KR HJCODE_RANGE
#define KI HJCODE_INFO
#define NO HJCODE_COU_NONE
#define M3 HJCODE_COU_M3
#define KG HJCODE_COU_KG

/* clang-format off */
static const hjcode CODES[HJCODE__COUNT] = {
    /* [row] = {code, kind, short name, symbol, unit, decimals, Cou, Cou decimals,
     *          name_en, name_zh, short_zh} */
    [HJCODE_FLOW] = {"w00000", KW, "flow", NULL, "L/s", 3, M3, 3,
                     "flow", "流量", "流量"},
    [HJCODE_PH] = {"w01001", KW, "ph", "pH", "", 2, NO, 0,
                   "pH", "pH", "pH"},
    [HJCODE_TEMP] = {"w01010", KW, "temp", NULL, "degC", 1, NO, 0,
                     "water temperature", "水温", "水温"},
    [HJCODE_COND] = {"w01014", KW, "cond", NULL, "uS/cm", 1, NO, 0,
                     "conductivity", "电导率", "电导率"},
    [HJCODE_COD] = {"w01018", KW, "cod", "COD", "mg/L", 2, KG, 4,
                    "COD", "化学需氧量", "COD"},
    [HJCODE_TOC] = {"w01020", KW, "toc", "TOC", "mg/L", 2, KG, 4,
                    "TOC", "总有机碳", "TOC"},
    [HJCODE_TN] = {"w21001", KW, "tn", "TN", "mg/L", 3, KG, 4,
                   "TN", "总氮", "总氮"},
    [HJCODE_NH3N] = {"w21003", KW, "nh3n", "NH3-N", "mg/L", 3, KG, 4,
                     "NH3-N", "氨氮", "氨氮"},
    [HJCODE_TP] = {"w21011", KW, "tp", "TP", "mg/L", 3, KG, 4,
                   "TP", "总磷", "总磷"},

    [HJCODE_CURRENT] = {"ea1%03d", KR, NULL, NULL, "A", 2, NO, 0,
                        "facility current", "设施电流", "设施电流"},
    [HJCODE_CAM_DEV] = {"ec%d001", KR, NULL, NULL, "deg", 1, NO, 0,
                        "camera off its preset", "摄像机偏离预置位", "摄像机偏离预置位"},
    [HJCODE_CAM_PERSONS] = {"ec%d002", KR, NULL, NULL, "", 0, NO, 0,
                            "persons seen", "画面人数", "画面人数"},
    [HJCODE_CAM_LOSS] = {"ec%d003", KR, NULL, NULL, "", 0, NO, 0,
                         "video loss", "视频丢失", "视频丢失"},
    [HJCODE_CAM_COVER] = {"ec%d004", KR, NULL, NULL, "", 0, NO, 0,
                          "camera covered", "摄像机遮挡", "摄像机遮挡"},
    [HJCODE_CAM_SCORE] = {"ec%d005", KR, NULL, NULL, "", 2, NO, 0,
                          "scene-change score", "画面变化评分", "画面变化评分"},
    [HJCODE_DOOR] = {"ed1001", KR, NULL, NULL, "", 0, NO, 0,
                     "station door open", "站房门开启", "站房门开启"},

    [HJCODE_I_LOG] = {"i11001", KI, NULL, NULL, "", -1, NO, 0,
                      "run log", "运行日志", "运行日志"},
    [HJCODE_I_STATE] = {"i12001", KI, NULL, NULL, "", 0, NO, 0,
                        "work state", "工作状态", "工作状态"},
    [HJCODE_I_ALARM] = {"i12003", KI, NULL, NULL, "", 0, NO, 0,
                        "alarm", "报警状态", "报警状态"},
    [HJCODE_I_RANGE] = {"i13001", KI, NULL, NULL, "mg/L", 3, NO, 0,
                        "range", "量程", "量程"},
    [HJCODE_I_INTERVAL] = {"i13003", KI, NULL, NULL, "min", 0, NO, 0,
                           "measuring interval", "测量间隔", "测量间隔"},
    [HJCODE_I_DIGEST_T] = {"i13004", KI, NULL, NULL, "degC", 1, NO, 0,
                           "digestion temperature", "消解温度", "消解温度"},
    [HJCODE_I_DIGEST_MIN] = {"i13005", KI, NULL, NULL, "min", 0, NO, 0,
                             "digestion time", "消解时长", "消解时长"},
    [HJCODE_I_CAL_TIME] = {"i13006", KI, NULL, NULL, "", -1, NO, 0,
                           "calibration time", "校准时间", "校准时间"},
    [HJCODE_I_INTERCEPT] = {"i13007", KI, NULL, NULL, "mg/L", 4, NO, 0,
                            "intercept", "截距", "截距"},
    [HJCODE_I_SLOPE] = {"i13008", KI, NULL, NULL, "", 4, NO, 0,
                        "slope", "斜率", "斜率"},
    [HJCODE_I_DL] = {"i13009", KI, NULL, NULL, "mg/L", 4, NO, 0,
                     "detection limit", "检出限", "检出限"},
    [HJCODE_I_TOC_K] = {"i13013", KI, NULL, NULL, "", 4, NO, 0,
                        "TOC-to-COD factor", "TOC-COD 换算系数", "TOC-COD 换算系数"},
    [HJCODE_I_DOOR_LOG] = {"i31001", KI, NULL, NULL, "", -1, NO, 0,
                           "door access log", "门禁记录", "门禁记录"},
    [HJCODE_I_DOOR_STATE] = {"i32001", KI, NULL, NULL, "", 0, NO, 0,
                             "door state", "门状态", "门状态"},

    [HJCODE_GAS_FLOW] = {"a00000", KA, "flue_flow", NULL, "m3/h", 2, M3, 2,
                         "flue-gas flow", "烟气流量", "烟气流量"},
    [HJCODE_GAS_VELOCITY] = {"a01011", KA, "velocity", NULL, "m/s", 2, NO, 0,
                             "flue-gas velocity", "烟气流速", "烟气流速"},
    [HJCODE_GAS_TEMP] = {"a01012", KA, "flue_temp", NULL, "degC", 1, NO, 0,
                         "flue-gas temperature", "烟气温度", "烟气温度"},
    [HJCODE_GAS_PRESSURE] = {"a01013", KA, "flue_pressure", NULL, "kPa", 3, NO, 0,
                             "flue-gas pressure", "烟气压力", "烟气压力"},
    [HJCODE_GAS_HUMIDITY] = {"a01014", KA, "humidity", NULL, "%", 2, NO, 0,
                             "flue-gas humidity", "烟气湿度", "烟气湿度"},
    [HJCODE_CO2] = {"a05001", KA, "co2", "CO2", "%", 2, NO, 0,
                    "CO2", "二氧化碳", "二氧化碳"},
    [HJCODE_CH4] = {"a05002", KA, "ch4", "CH4", "mg/m3", 3, KG, 4,
                    "CH4", "甲烷", "甲烷"},
    [HJCODE_O2] = {"a19001", KA, "o2", "O2", "%", 2, NO, 0,
                   "O2", "氧气含量", "氧含量"},
    [HJCODE_NOX] = {"a21002", KA, "nox", "NOx", "mg/m3", 3, KG, 4,
                    "NOx", "氮氧化物", "氮氧化物"},
    [HJCODE_NO] = {"a21003", KA, "no", "NO", "mg/m3", 3, KG, 4,
                   "NO", "一氧化氮", "一氧化氮"},
    [HJCODE_NO2] = {"a21004", KA, "no2", "NO2", "mg/m3", 3, KG, 4,
                    "NO2", "二氧化氮", "二氧化氮"},
    [HJCODE_CO] = {"a21005", KA, "co", "CO", "mg/m3", 3, KG, 4,
                   "CO", "一氧化碳", "一氧化碳"},
    [HJCODE_SO2] = {"a21026", KA, "so2", "SO2", "mg/m3", 3, KG, 4,
                    "SO2", "二氧化硫", "二氧化硫"},
    [HJCODE_THC] = {"a24087", KA, "thc", "THC", "mg/m3", 3, KG, 4,
                    "THC", "总烃", "总烃"},
    [HJCODE_NMHC] = {"a24088", KA, "nmhc", "NMHC", "mg/m3", 3, KG, 4,
                     "NMHC", "非甲烷总烃", "非甲烷总烃"},
    [HJCODE_PM] = {"a34013", KA, "pm", "PM", "mg/m3", 3, KG, 4,
                   "particulate", "颗粒物", "颗粒物"},

    [HJCODE_I_LINE_T] = {"i33001", KI, NULL, NULL, "degC", 1, NO, 0,
                         "heated-line temperature", "伴热管线温度", "伴热管线温度"},
    [HJCODE_I_CHILLER_T] = {"i33002", KI, NULL, NULL, "degC", 1, NO, 0,
                            "chiller temperature", "制冷器温度", "制冷器温度"},
};
/* clang-format on */

size_t hjcode_count(void)
{
    return HJCODE__COUNT;
}

const hjcode *hjcode_at(size_t i)
{
    return i < HJCODE__COUNT ? &CODES[i] : NULL;
}

int hjcode_index(const hjcode *c)
{
    return (int)(c - CODES);
}

/* A family's pattern: prefix, number width ("%03d": 3, "%d": 1), suffix. */
typedef struct pattern {
    size_t pre;
    int width;
    const char *rest;
} pattern;

static int split(const char *f, pattern *p)
{
    const char *pc = strchr(f, '%');
    if (!pc) return 0;
    p->pre = (size_t)(pc - f);
    p->width = pc[1] == '0' && pc[2] >= '1' && pc[2] <= '6' ? pc[2] - '0' : 1;
    const char *d = strchr(pc, 'd');
    p->rest = d ? d + 1 : "";
    return 1;
}

size_t hjcode_prefix_len(const hjcode *c)
{
    const char *pc = strchr(c->code, '%');
    return pc ? (size_t)(pc - c->code) : strlen(c->code);
}

int hjcode_format(const hjcode *c, int n, char *buf, size_t cap)
{
    pattern p;
    if (cap == 0) return -1;
    if (!split(c->code, &p)) {
        size_t l = strlen(c->code);
        if (l + 1 > cap) {
            buf[0] = '\0';
            return -1;
        }
        memcpy(buf, c->code, l + 1);
        return (int)l;
    }
    char num[32];
    int nl = snprintf(num, sizeof num, "%0*d", p.width, n % 1000000);
    size_t rl = strlen(p.rest);
    if (nl < 0 || p.pre + (size_t)nl + rl + 1 > cap) {
        buf[0] = '\0';
        return -1;
    }
    memcpy(buf, c->code, p.pre);
    memcpy(buf + p.pre, num, (size_t)nl);
    memcpy(buf + p.pre + (size_t)nl, p.rest, rl + 1);
    return (int)(p.pre + (size_t)nl + rl);
}

/* code is member n >= 1 of family c, written as hjcode_format writes it. */
static int member(const hjcode *c, const char *code)
{
    pattern p;
    if (!split(c->code, &p)) return 0;
    size_t len = strlen(code), rl = strlen(p.rest);
    if (len <= p.pre + rl || len - p.pre - rl > 6) return 0;
    if (memcmp(code, c->code, p.pre) != 0 || strcmp(code + len - rl, p.rest) != 0) return 0;
    int n = 0;
    for (size_t i = p.pre; i < len - rl; i++) {
        if (code[i] < '0' || code[i] > '9') return 0;
        n = n * 10 + (code[i] - '0');
    }
    char again[32];
    return n >= 1 && hjcode_format(c, n, again, sizeof again) > 0 && strcmp(again, code) == 0;
}

const hjcode *hjcode_find(const char *code)
{
    if (!code) return NULL;
    if (strchr(code, '%')) return NULL; /* a pattern is not a code */
    for (size_t i = 0; i < HJCODE__COUNT; i++)
        if (strcmp(CODES[i].code, code) == 0) return &CODES[i];
    for (size_t i = 0; i < HJCODE__COUNT; i++)
        if (member(&CODES[i], code)) return &CODES[i];
    return NULL;
}

const hjcode *hjcode_by_alias(const char *alias)
{
    for (size_t i = 0; alias && i < HJCODE__COUNT; i++)
        if (CODES[i].alias && strcmp(CODES[i].alias, alias) == 0) return &CODES[i];
    return NULL;
}

const hjcode *hjcode_lookup(const char *s)
{
    const hjcode *c = hjcode_by_alias(s);
    return c ? c : hjcode_find(s);
}

const char *hjcode_name(const hjcode *c, int zh)
{
    return zh ? c->name_zh : c->name_en;
}
