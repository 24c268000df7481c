/*
 * cfgerr.h — why a station's configuration is refused (station_cfg_check, plant_cfg_check,
 * stack_cfg_check), in English and Chinese: one row per reason, X(id, English, Chinese).
 * The rows are part of the i18n table (sim/scenario/i18n-scen.h includes them, so the
 * scenario writer and `hjrange station` read them in the CLI's language); the checks
 * themselves return the reason's code (cfgerr) and write the English text for callers
 * that have no language. No "%" in these texts: they are also scmsg templates.
 */
#ifndef CFGERR_H
#define CFGERR_H

#define WORLD_CFG_ERRORS(X)                                                                   \
    X(MSG_CFG_MN_LEN, "mn: 1 to 24 characters required", "mn：须为 1 至 24 个字符")           \
    X(MSG_CFG_MN_CHARS, "mn: letters, digits, '-' and '_' only",                              \
      "mn：只能含字母、数字、'-' 和 '_'")                                                      \
    X(MSG_CFG_NAME_LONG, "name too long", "name 过长")                                        \
    X(MSG_CFG_PW_LONG, "pw too long", "pw 过长")                                              \
    X(MSG_CFG_PROTOCOL, "protocol must be \"2017\" or \"2025\"",                               \
      "protocol 必须是 \"2017\" 或 \"2025\"")                                                  \
    X(MSG_CFG_LIMITS, "limits must be 0 .. 1e6 mg/L", "limits 必须在 0 .. 1e6 mg/L 之间")     \
    X(MSG_CFG_PH, "limits.ph: {lo, hi} with 0 <= lo < hi <= 14",                               \
      "limits.ph：应为 {lo, hi}，且 0 <= lo < hi <= 14")                                       \
    X(MSG_CFG_COD_KIND, "analyzers.cod must be \"cod\" or \"toc\"",                            \
      "analyzers.cod 必须是 \"cod\" 或 \"toc\"")                                               \
    X(MSG_CFG_CYCLE, "cycle must be whole seconds, 1 min .. 24 h",                             \
      "cycle 必须是整秒数，1 min .. 24 h")                                                     \
    X(MSG_CFG_NOISE, "analyzer noise must be 0 .. 0.5", "分析仪噪声必须在 0 .. 0.5 之间")     \
    X(MSG_CFG_METER, "meter nominal current must be 0.1 .. 1e5 A",                             \
      "电流表额定电流必须在 0.1 .. 1e5 A 之间")                                                \
    X(MSG_CFG_KIND, "kind must be \"water\", \"gas\" or \"vocs\"",                             \
      "kind 必须是 \"water\"、\"gas\" 或 \"vocs\"")                                            \
    X(MSG_CFG_PLANT_PROFILE, "plant: unknown profile", "plant：未知的 profile")               \
    X(MSG_CFG_PLANT_FLOW, "plant: flow_m3h must be 0 .. 1e6", "plant：flow_m3h 必须在 0 .. 1e6 之间") \
    X(MSG_CFG_PLANT_RAW, "plant: raw quality out of range", "plant：原水水质超出范围")        \
    X(MSG_CFG_PLANT_EFFLUENT, "plant: effluent quality out of range",                          \
      "plant：出水水质超出范围")                                                               \
    X(MSG_CFG_PLANT_NOISE, "plant: noise must be 0 .. 1", "plant：noise 必须在 0 .. 1 之间")  \
    X(MSG_CFG_PLANT_PATTERN, "plant: pattern must be 0 .. 1",                                  \
      "plant：pattern 必须在 0 .. 1 之间")                                                     \
    X(MSG_CFG_PLANT_COD_TOC, "plant: cod_toc must be 1 .. 10",                                 \
      "plant：cod_toc 必须在 1 .. 10 之间")                                                    \
    X(MSG_CFG_PLANT_HOURS, "plant: eq_h, hrt_h must be 0 .. 240 and lag_h 0 .. 48 hours",       \
      "plant：eq_h、hrt_h 必须在 0 .. 240 小时之间，lag_h 在 0 .. 48 小时之间")                 \
    X(MSG_CFG_PLANT_SHIFTS, "plant: too many shifts", "plant：班次过多")                       \
    X(MSG_CFG_PLANT_SHIFT, "plant: bad shift", "plant：班次无效")                              \
    X(MSG_CFG_PLANT_FACILITIES, "plant: too many facilities", "plant：设施过多")               \
    X(MSG_CFG_STACK_PROFILE, "plant.profile unknown", "plant.profile 未知")                    \
    X(MSG_CFG_STACK_LOAD, "plant.load must be 0 .. 1.2", "plant.load 必须在 0 .. 1.2 之间")   \
    X(MSG_CFG_STACK_FLUE, "plant.flue_nm3h must be 1 .. 1e7",                                  \
      "plant.flue_nm3h 必须在 1 .. 1e7 之间")                                                  \
    X(MSG_CFG_STACK_PATTERN, "plant.pattern must be 0 .. 3", "plant.pattern 必须在 0 .. 3 之间") \
    X(MSG_CFG_STACK_NOISE, "plant.noise must be 0 .. 0.5", "plant.noise 必须在 0 .. 0.5 之间") \
    X(MSG_CFG_STACK_O2, "plant.o2 must stay within 0 .. 20.9 (percent by volume)",             \
      "plant.o2 必须在 0 .. 20.9（体积百分数）之内")                                          \
    X(MSG_CFG_STACK_O2_REF, "limits.o2_ref must be 0 .. 20 (percent by volume)",               \
      "limits.o2_ref 必须在 0 .. 20（体积百分数）之间")                                         \
    X(MSG_CFG_STACK_AREA, "stack.area_m2 must be 0.01 .. 200",                                 \
      "stack.area_m2 必须在 0.01 .. 200 之间")                                                 \
    X(MSG_CFG_STACK_KV, "stack.kv must be 0.1 .. 2", "stack.kv 必须在 0.1 .. 2 之间")         \
    X(MSG_CFG_STACK_TEMP, "stack.temp_c must be -20 .. 600", "stack.temp_c 必须在 -20 .. 600 之间") \
    X(MSG_CFG_STACK_ETA, "treatment efficiencies must be 0 .. 1", "治理设施效率必须在 0 .. 1 之间")

/* The reasons' codes (0: accepted). The i18n ids are these names without the leading W. */
typedef enum cfgerr {
    CFGERR_OK = 0,
#define CFGERR_ENUM(id, en, zh) W##id,
    WORLD_CFG_ERRORS(CFGERR_ENUM)
#undef CFGERR_ENUM
    CFGERR__COUNT
} cfgerr;

/* The English text of a reason ("" for CFGERR_OK or an unknown code). */
const char *cfgerr_en(cfgerr e);

#endif
