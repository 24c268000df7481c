/*
 * hjfraud-tab.h — the fraud catalogue (FRAUD-CATALOGUE.md) as one X-macro list, the
 * source of hjfraud.h's enum and hjfraud.c's table. Order, keys and signals as in the
 * catalogue; signals: C concentration, Q flow, St analyzer status/parameters, V camera,
 * Dr door, I facility current, R O&M records; gas rows (GAS.md) add O O2, T line and
 * chiller temperatures (i33001/i33002), L load.
 * Kinds: the stations a type is staged at: w wastewater, g flue gas, v VOCs (GAS.md: the
 * water side's common types apply to gas stations too).
 * X(ID, key, signals, kinds, name_en, name_zh, summary_en, summary_zh)
 */
#ifndef HJFRAUD_TAB_H
#define HJFRAUD_TAB_H

/* clang-format off */
#define HJFRAUD_TABLE(X) \
    X(SAMPLE_CUP_INJECTION, "sample_cup_injection", "C St Dr V", "w", \
      "sample cup injection", "样品杯注水", \
      "tap water poured into the analyzer's sample cup and a measurement restarted, pulling the hourly mean down", \
      "进入站房向分析仪样品杯倒入自来水并重新启动测量，拉低小时均值") \
    X(TAP_WATER_DILUTION, "tap_water_dilution", "C Q V", "w", \
      "tap water dilution", "自来水稀释", \
      "a hidden pipe feeds tap water into the discharge channel at the sampling point", \
      "暗管向采样点处的排放渠道注入自来水") \
    X(SAMPLING_HOSE_SWAP, "sampling_hose_swap", "C V Dr", "w", \
      "sampling hose swap", "采样管调包", \
      "the sampling hose put onto a tap or into a bucket of prepared water", \
      "采样管接到自来水龙头或插入预先配好的水桶（挂瓶/挂桶）") \
    X(CAMERA_TAMPERING, "camera_tampering", "V", "w g v", \
      "camera tampering", "干扰摄像机", \
      "a camera turned off its preset, covered or powered off", \
      "摄像机被转离预置位、遮挡或断电") \
    X(NIGHT_DISCHARGE, "night_discharge", "Q C V I", "w", \
      "night discharge", "夜间偷排", \
      "discharge at night with the camera turned away, treatment off and the data faked", \
      "夜间排放，同时转开摄像机、停运治理设施并伪造数据") \
    X(ANALYZER_PARAM_TAMPER, "analyzer_param_tamper", "St C", "w g v", \
      "analyzer parameter tamper", "篡改分析仪参数", \
      "slope, intercept, range, TOC-to-COD factor or digestion settings changed on the analyzer", \
      "修改分析仪的斜率、截距、量程、TOC-COD 换算系数或消解参数") \
    X(STANDARD_SOLUTION_TAMPER, "standard_solution_tamper", "St C R", "w", \
      "standard solution tamper", "标准溶液作假", \
      "the standard-solution bottle swapped or diluted so that calibration shifts the analyzer low", \
      "调换或稀释标准溶液，使校准后分析仪读数偏低") \
    X(DAU_TAMPER, "dau_tamper", "C", "w g v", \
      "DAU tamper", "篡改数采仪", \
      "the DAU's firmware or a hidden interface rewrites values before upload", \
      "数采仪固件或隐藏接口在上传前改写数据") \
    X(FLOWMETER_TAMPER, "flowmeter_tamper", "Q I", "w", \
      "flow meter tamper", "流量计作假", \
      "the flow meter scaled down or its sensor moved", \
      "流量计被调低系数或传感器被移位") \
    X(TREATMENT_STOPPED, "treatment_stopped", "I C", "w g v", \
      "treatment stopped", "治理设施停运", \
      "treatment facilities (blowers, pumps) stopped while production runs", \
      "生产期间停运治理设施（风机、泵）") \
    X(FALSE_FLAG, "false_flag", "St R", "w g v", \
      "false flag", "虚假标记", \
      "maintenance, fault or calibration flags set right after an over-limit value, so the data is invalid", \
      "超标后立即将数采仪或分析仪置为维护、故障或校准状态，使数据无效") \
    X(TRANSMISSION_CUT, "transmission_cut", "St", "w g v", \
      "transmission cut", "断网断电", \
      "link or power cut while discharging over the limit", \
      "超标排放期间切断网络或电源") \
    X(FROZEN_VALUE, "frozen_value", "C St", "w g v", \
      "frozen value", "数据恒值", \
      "the analyzer stopped and its last value left standing, or a constant written", \
      "分析仪停止测量而保留最后数值，或写入恒定值") \
    X(BYPASS_DISCHARGE, "bypass_discharge", "Q I", "w", \
      "bypass discharge", "旁路偷排", \
      "part of the wastewater leaves by a hidden outlet that skips the monitored outfall", \
      "部分废水经暗管绕过监控排放口排出") \
    X(PROBE_DILUTION, "probe_dilution", "C O L I", "g v", \
      "probe dilution", "探头稀释", \
      "ambient air let into the sampling probe, line or pump inlet, so every gas reads low and O2 high", \
      "在采样探头、管线或泵入口处引入环境空气，使各气体读数偏低、氧含量偏高") \
    X(O2_TAMPER, "o2_tamper", "O C St", "g", \
      "O2 tamper", "篡改氧含量", \
      "the O2 reading lowered or fixed (parameter, zero gas on the O2 cell, DAU), so converted values fall", \
      "通过参数、向氧传感器通零气或数采仪压低或固定氧含量读数，使折算浓度降低") \
    X(SPAN_GAS_TAMPER, "span_gas_tamper", "C St R", "g v", \
      "span gas tamper", "标气作假", \
      "a span cylinder stronger than its label, so the calibration makes the analyzer read low", \
      "使用实际浓度高于标签值的量程标气，使校准后分析仪读数偏低") \
    X(HEAT_TRACE_OFF, "heat_trace_off", "C T", "g", \
      "heat trace off", "伴热管线降温", \
      "the heated line turned down or off, or the chiller warmed, so SO2 dissolves in condensate", \
      "关闭或调低伴热管线、升高冷凝器温度，使 SO2 溶于冷凝水而读数偏低") \
    X(CALIBRATION_FLAG_ABUSE, "calibration_flag_abuse", "St R", "g v", \
      "calibration flag abuse", "滥用校准标记", \
      "calibration or blowback status kept on, or started, to flag exceedances away", \
      "在超标时启动或持续保持校准、反吹状态，使超标数据被标记为无效") \
    X(FAKE_SHUTDOWN, "fake_shutdown", "St I Q", "g v", \
      "fake shutdown", "虚假停运", \
      "the plant reported stopped (F) while it runs", \
      "生产设施运行时上报停运（F）标记") \
    X(FLOW_PARAM_TAMPER, "flow_param_tamper", "Q St I", "g v", \
      "flow parameter tamper", "篡改流量参数", \
      "the velocity field coefficient, stack area or pitot factor lowered, so flow and load fall", \
      "调低速度场系数、烟道截面积或皮托管系数，使流量和排放量降低") \
    X(BYPASS_FLUE, "bypass_flue", "Q I", "g", \
      "bypass flue", "旁路烟道偷排", \
      "the bypass damper opened, so part of the flue gas leaves unmonitored", \
      "打开旁路挡板，使部分烟气不经监测直接排放") \
    X(VOCS_DILUTION, "vocs_dilution", "C", "v", \
      "VOCs dilution", "挥发性有机物采样稀释", \
      "clean or ambient air let into the NMHC sample", \
      "向非甲烷总烃采样气路引入洁净或环境空气") \
    X(RTO_BYPASS, "rto_bypass", "I C", "v", \
      "RTO bypass", "蓄热焚烧炉旁路降温", \
      "the RTO cooled or bypassed to save fuel", \
      "为节省燃料降低 RTO 炉温或旁通 RTO")
/* clang-format on */

#endif
