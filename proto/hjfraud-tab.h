/*
 * hjfraud-tab.h — the fraud catalogue (FRAUD-CATALOGUE.md) as one X-macro list, the
 * source of hjfraud.h's enum and hjfraud.c's table. Order, keys and signals as in the
 * catalogue; signals: C concentration, Q flow, St analyzer status/parameters, V camera,
 * Dr door, I facility current, R O&M records.
 * X(ID, key, signals, name_en, name_zh, summary_en, summary_zh)
 */
#ifndef HJFRAUD_TAB_H
#define HJFRAUD_TAB_H

/* clang-format off */
#define HJFRAUD_TABLE(X) \
    X(SAMPLE_CUP_INJECTION, "sample_cup_injection", "C St Dr V", \
      "sample cup injection", "样品杯注水", \
      "tap water poured into the analyzer's sample cup and a measurement restarted, pulling the hourly mean down", \
      "进入站房向分析仪样品杯倒入自来水并重新启动测量，拉低小时均值") \
    X(TAP_WATER_DILUTION, "tap_water_dilution", "C Q V", \
      "tap water dilution", "自来水稀释", \
      "a hidden pipe feeds tap water into the discharge channel at the sampling point", \
      "暗管向采样点处的排放渠道注入自来水") \
    X(SAMPLING_HOSE_SWAP, "sampling_hose_swap", "C V Dr", \
      "sampling hose swap", "采样管调包", \
      "the sampling hose put onto a tap or into a bucket of prepared water", \
      "采样管接到自来水龙头或插入预先配好的水桶（挂瓶/挂桶）") \
    X(CAMERA_TAMPERING, "camera_tampering", "V", \
      "camera tampering", "干扰摄像机", \
      "a camera turned off its preset, covered or powered off", \
      "摄像机被转离预置位、遮挡或断电") \
    X(NIGHT_DISCHARGE, "night_discharge", "Q C V I", \
      "night discharge", "夜间偷排", \
      "discharge at night with the camera turned away, treatment off and the data faked", \
      "夜间排放，同时转开摄像机、停运治理设施并伪造数据") \
    X(ANALYZER_PARAM_TAMPER, "analyzer_param_tamper", "St C", \
      "analyzer parameter tamper", "篡改分析仪参数", \
      "slope, intercept, range, TOC-to-COD factor or digestion settings changed on the analyzer", \
      "修改分析仪的斜率、截距、量程、TOC-COD 换算系数或消解参数") \
    X(STANDARD_SOLUTION_TAMPER, "standard_solution_tamper", "St C R", \
      "standard solution tamper", "标准溶液作假", \
      "the standard-solution bottle swapped or diluted so that calibration shifts the analyzer low", \
      "调换或稀释标准溶液，使校准后分析仪读数偏低") \
    X(DAU_TAMPER, "dau_tamper", "C", \
      "DAU tamper", "篡改数采仪", \
      "the DAU's firmware or a hidden interface rewrites values before upload", \
      "数采仪固件或隐藏接口在上传前改写数据") \
    X(FLOWMETER_TAMPER, "flowmeter_tamper", "Q I", \
      "flow meter tamper", "流量计作假", \
      "the flow meter scaled down or its sensor moved", \
      "流量计被调低系数或传感器被移位") \
    X(TREATMENT_STOPPED, "treatment_stopped", "I C", \
      "treatment stopped", "治理设施停运", \
      "treatment facilities (blowers, pumps) stopped while production runs", \
      "生产期间停运治理设施（风机、泵）") \
    X(FALSE_FLAG, "false_flag", "St R", \
      "false flag", "虚假标记", \
      "maintenance, fault or calibration flags set right after an over-limit value, so the data is invalid", \
      "超标后立即将数采仪或分析仪置为维护、故障或校准状态，使数据无效") \
    X(TRANSMISSION_CUT, "transmission_cut", "St", \
      "transmission cut", "断网断电", \
      "link or power cut while discharging over the limit", \
      "超标排放期间切断网络或电源") \
    X(FROZEN_VALUE, "frozen_value", "C St", \
      "frozen value", "数据恒值", \
      "the analyzer stopped and its last value left standing, or a constant written", \
      "分析仪停止测量而保留最后数值，或写入恒定值") \
    X(BYPASS_DISCHARGE, "bypass_discharge", "Q I", \
      "bypass discharge", "旁路偷排", \
      "part of the wastewater leaves by a hidden outlet that skips the monitored outfall", \
      "部分废水经暗管绕过监控排放口排出")
/* clang-format on */

#endif
