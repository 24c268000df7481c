/*
 * evidence-zh.h — the detection rules' texts in Chinese, X(id, text), under the ids of
 * evidence-en.h (which explains them); each takes its English text's arguments, in the
 * order this text names them.
 */
#ifndef EVIDENCE_ZH_H
#define EVIDENCE_ZH_H

#define EVIDENCE_ZH(X)                                                                                            \
    /* what a flag means */                                                                                       \
    X(EV_FLAG_M, "维护")                                                                                          \
    X(EV_FLAG_D, "故障")                                                                                          \
    X(EV_FLAG_C, "校准")                                                                                          \
    /* cameras */                                                                                                 \
    X(EV_CAMERA_STATION, "站房摄像头")                                                                            \
    X(EV_CAMERA_OUTFALL, "排放口摄像头")                                                                          \
    /* pieces of longer lines */                                                                                  \
    X(EV_LIST_SEPARATOR, "，")                                                                                    \
    X(EV_AND_CHANNEL_UNCHANGED, "，排放渠电导率亦未变")                                                           \
    X(EV_WHILE_CHANNEL_UNCHANGED, "，而排放渠电导率未变")                                                         \
    X(EV_AFTER_EXCEEDANCE, "，紧接超标值之后")                                                                    \
    X(EV_RUNNING_STATE_OFF, "，运行状态为停")                                                                     \
    X(EV_CAMERA_SAW_NOTHING, "；排口摄像头未见来水")                                                              \
    /* one analyzer (rule-analyzer.c) */                                                                          \
    X(EV_SUDDEN_DROP, "%s 从 %s 降至 %s %s（%+.0f%%），一个周期内%s")                                             \
    X(EV_REBOUND, "%s 于 %s 回升至 %s %s")                                                                        \
    X(EV_EXTRA_MEASUREMENT, "%s 在 %s 额外测量一次，偏离 %lld 分钟的测量周期（上次 %s）")                         \
    X(EV_FROZEN_VALUE, "%s 自 %s 起连续 %d 个周期数值相同（%s %s）")                                              \
    X(EV_ANALYZER_STOPPED, "%s 分析仪停运（标记 F），%s 的末次值 %s %s 保持 %.1f 小时，"       \
                           "无运维工单")                                                                          \
    X(EV_SAMPLETIME_STALLED, "%s 采样时间停在 %s 已 %.1f 小时，数据仍在上传")                                     \
    X(EV_FLAT, "%s 自 %s 起稳定在 %s %s（波动 %.1f%%，正常 %.1f%%），不再随流量和日变化")                         \
    X(EV_BUNCHING, "%s 最近 %d 个值中 %d 个集中在限值 %s 以下 %.0f%% 内，"                         \
                   "无一超标，波动 %.1f%%（通常 %.1f%%）")                                                        \
    /* the analyzers and the channel (rule-channel.c) */                                                          \
    X(EV_DECOUPLED_STEP, "%s 于 %s 由 %s 阶跃至 %s %s（%+.0f%%）"                                          \
                         "并持续 %d 个周期，而其他分析仪未变（%s）%s：读数与水质不符")                            \
    X(EV_COMMON_STEP_FLAT, "%s 起各分析仪读数同时下降（%s）且此后几乎不变（波动 %.1f%%，" \
                           "此前 %.1f%%）%s：分析仪所测并非排放渠水样")                                           \
    X(EV_COMMON_STEP_SCALED, "%s 起各分析仪读数同时按同一比例下降（约 %.0f%%："                \
                             "%s），波动如常%s：数据疑被改写")                                                    \
    X(EV_TAP_LEVEL, "%s 起分析仪读数接近自来水（%s）%s")                                                          \
    X(EV_SAMPLE_NOT_CHANNEL, "%s 起分析仪读数下降 %.0f%%（%s）"                                         \
                             "，而排放渠电导率未变：所测水样并非渠内废水")                                        \
    X(EV_PROPORTIONAL_FALL, "%s 起各项指标同比例下降（约 %.0f%%）：%s")                                           \
    X(EV_TOWARD_TAP, "电导率 %s → %s uS/cm，向自来水（%.0f）靠近 %.0f%%，pH %.2f")                                \
    X(EV_FLOW_RISE, "流量 %s → %s L/s 上升，而生产未增加")                                                        \
    X(EV_INFLOW, "%s 起流量 %s → %s L/s 上升、电导率 %s → %s uS/cm 同时下降：约 %.0f%% "       \
                 "类似自来水（%.0f uS/cm）的水在采样点混入%s")                                                    \
    X(EV_INFLOW_UNMETERED, "%s 起电导率 %s → %s uS/cm 阶跃下降，约 %.0f%% 类似自来水（%.0f "    \
                           "uS/cm）的水在采样点混入，而计量流量保持 %s L/s（流量计未计入）%s")                    \
    /* flow (rule-flow.c) */                                                                                      \
    X(EV_FLOW_DEFICIT, "%s 起流量 %s L/s，按生产电流 %s A 应约 %s L/s（持续 %lld 分钟）")                         \
    X(EV_FLOW_STEP, "%s 流量由 %s 骤降至 %s L/s，"                                                         \
                    "而生产电流保持 %s A；其后 30 分钟均值 %s L/s，"                               \
                    "较此前水平 %+.0f%%")                                                                         \
    X(EV_NIGHT_FLOW, "%s 起夜间流量 %s L/s，为该时段常值 %s L/s 的 %.1f 倍")                                      \
    X(EV_TOTALIZER, "%s 时段累计流量 %s m3，而平均流量折算为 %s m3")                                              \
    X(EV_FLOW_BACK, "%s 流量回升 %s → %s L/s，此前 %s 由 %s 降至 %s L/s%s")                                       \
    X(EV_FLOW_BY_FACTOR, "：两次变化均与当时流量成比例，系按系数缩放（流量计被改）")                              \
    X(EV_FLOW_BY_AMOUNT, "：不同流量下变化量相同，系分流排走（暗管）")                                            \
    /* treatment (rule-treatment.c) */                                                                            \
    X(EV_TREATMENT_STATE_OFF, "%s 起治理设施电表 %s 仅 %s A 且运行状态为停，"                     \
                              "而生产电流 %s A（持续 %lld 分钟）")                                                \
    X(EV_TREATMENT_OFF, "%s 起治理设施电表 %s 仅 %s A（正常 %s A）"                                   \
                        "，而生产电流 %s A（持续 %lld 分钟）%s")                                                  \
    X(EV_TREATMENT_CUT, "%s 治理设施电表 %s 由 %s A 骤降至 %s A（%+.0f%%），而生产电流（%s "   \
                        "A）与流量均未变：治理设施降负荷运行（持续 %lld 分钟）")                                  \
    X(EV_CONC_RISE, "治理设施停运期间 %s 上升 %s → %s %s")                                                        \
    X(EV_OVER_RANGE, "治理设施停运期间 %s 于 %s 超出仪器量程（标记 T）")                                          \
    /* flags (rule-flags.c) */                                                                                    \
    X(EV_FLAG_AFTER_EXCEED, "%s 于 %s 被标记为 %c（%s）"                                                   \
                            "，距 %s 超标值 %s %s（限值 %s）"                                            \
                            "仅 %lld 分钟，无运维工单")                                                           \
    X(EV_FLAG_OVER_LIMIT, "%s 自 %s 起被标记为 %c（%s）"                                                  \
                          "，%s 时读数 %s %s 超过限值 %s，无运维工单")                                            \
    X(EV_FLAG_FAULT_LASTING, "%s 自 %s 起被标记为 %c（%s）已 %lld 分钟，无运维工单")                              \
    X(EV_FLAG_WITHOUT_ORDER, "%s 于 %s 被标记为 %c（%s），无运维工单")                                            \
    X(EV_FLAG_FAULT_MEASURING, "%s 于 %s 起被标记为 %c（%s），无运维工单，而分析仪仍按周期测量"          \
                               "（%d 次）且自身状态正常：该标记并非分析仪所报")                            \
    /* gaps and outages (rule-gaps.c) */                                                                          \
    X(EV_GAP_NEAR_LIMIT, "%s–%s 无数据（%.1f 小时）且未补传；缺失前后 %s %s %s（限值 %s）")                       \
    X(EV_GAP, "%s–%s 无数据（%.1f 小时）且未补传")                                                                \
    X(EV_OUTAGE_NEAR_LIMIT, "%s–%s 传输中断（%.1f 小时），事后补传；前后 %s %s %s")                               \
    X(EV_OUTAGE, "%s–%s 传输中断（%.1f 小时），事后补传")                                                         \
    X(EV_SILENCE, "站点自 %s 起无任何数据上传（%lld 分钟）")                                                      \
    /* a red that waited for a work order (engine.c) */                                            \
    X(EV_NO_ORDER_FILED, "%s–%s 期间至 %s（之后 %lld 小时）仍无运维工单")                                      \
    /* cameras and the door (rule-camera-door.c) */                                                               \
    X(EV_CAMERA_MOVED, "%s %s 偏离预置位 %.0f°")                                                                  \
    X(EV_PERSON_SEEN, "%s %s 检测到 %.0f 人")                                                                     \
    X(EV_VIDEO_LOSS, "%s %s 视频丢失")                                                                            \
    X(EV_CAMERA_COVERED, "%s %s 被遮挡")                                                                          \
    X(EV_SCENE_CHANGE, "%s %s 画面变化（得分 %.2f）")                                                             \
    X(EV_DOOR_FORCED, "%s 门被强行打开")                                                                          \
    X(EV_DOOR_CARD, "%s 门禁刷卡 %04lu 开门")                                                                     \
    X(EV_DOOR_OPENED, "%s 站房门打开")                                                                            \
    /* parameters, calibration, lab results (rule-params.c) */                                                    \
    X(EV_PARAM_CHANGE, "%s %s由 %s 改为 %s（3020 %s，备案值 %s），%s，无运维工单")                                \
    X(EV_CALIBRATION_SET, "%s %s 由 %s 改为 %s（3020 %s），系 %s 无工单校准所致")                                 \
    X(EV_CALIBRATION_SHIFT, "%s 于 %s 校准后水平 %s → %s %s（%+.0f%%）")                                          \
    X(EV_CALIBRATION_EFFECT, "%s 于 %s 校准将%s由 %s 改为 %s（3020 %s）：此后读数变化 "           \
                             "%+.0f%%，超出真实标液校准应有的幅度")                                               \
    X(EV_LEVEL_SHIFT, "%s 于 %s 参数修改后水平 %s → %s %s（%+.0f%%）")                                            \
    X(EV_LAB_MISMATCH, "%s 比对监测 %s %s（%s），仪器 %s（%+.0f%%）")                                     \
    X(EV_TOC_MISMATCH, "%s 的测量上传 COD %s mg/L，而 TOC 分析仪自身 TOC %s mg/L 折算为 %s mg/L"   \
                       "（COD = %s × TOC）：%+.0f%%，连续 %d 次")                                         \
    /* 废气与 VOCs 站点（rule-gas*.c） */                                                          \
    X(EV_GAS_F_RUNNING, "%s 起标记 F（停产）已 %lld 分钟，而风机电流 %s A（运行时 %s A），"        \
      "烟气流量 %s m3/h：实际在生产")                                                              \
    X(EV_GAS_FLAG_EXCEED, "各气体标记 %c（%s），%s 起持续 %lld 分钟，不在每日校准时段，紧随 %s "  \
      "%s mg/m3 超标（限值 %s，%s）；无运维工单")                                                  \
    X(EV_GAS_FLAG_LONG, "各气体标记 %c（%s），%s 起持续 %lld 分钟，超出每日校准和反吹时长；"      \
      "无运维工单")                                                                                \
    X(EV_GAS_FROZEN, "%s 数值恒为 %s %s，自 %s 起连续 %d 个有效分钟")                             \
    X(EV_GAS_PARAM, "%s 分析仪：%s 由 %s 改为 %s（3020 %s），时间 %s，无校准亦无运维工单")       \
    X(EV_GAS_DILUTION, "%s 起各抽取气体同步下降约 %.0f%%（%s），而风机电流保持 %s A、"           \
      "流量不变；O2 %s %%：样气中混入空气")                                                        \
    X(EV_VOCS_FALL, "%s 起 NMHC 与总烃同步下降约 %.0f%%（%s），而风机电流保持 %s A、"             \
      "流量不变（O2 %s）：NMHC 样气中混入洁净或环境空气")                                          \
    X(EV_GAS_CO2_FIT, "；CO2 变化 %+.0f%%，而 O2 真实下降应使其变化 %+.0f%%")                     \
    X(EV_GAS_O2_LOW, "%s 起 O2 由 %s 降至 %s %%，风机电流（%s A）与流量不变："                    \
      "折算值变化 %+.0f%%%s")                                                                      \
    X(EV_GAS_LINE_TEMP, "%s 采样系统温度越限：伴热管线 %s °C（应为 120–180），冷凝器 %s °C")    \
    X(EV_GAS_SO2_SPLIT, "%s 由 %s 降至 %s mg/m3（%+.0f%%，%s 起），而 %s 保持（%s → %s），"     \
      "伴热管线温度越限：SO2 溶于冷凝水")                                                          \
    X(EV_GAS_ALONE, "%s 由 %s 降至 %s mg/m3（%+.0f%%，%s 起），而 %s 保持（%s → %s），"          \
      "风机与管线温度不变、无校准：数值不反映烟道实况")                                              \
    X(EV_GAS_PARAM_LEVEL, "%s 由 %s 降至 %s mg/m3（%+.0f%%，%s 起），系参数修改所致，而 %s 保持"   \
      "（%s → %s）")                                                                               \
    X(EV_GAS_SPAN_STEP, "%s 浓度水平由 %s 变为 %s mg/m3（%s 校准后），相对未同时校准的气体 "     \
      "%+.0f%%")                                                                                   \
    X(EV_GAS_SPAN_SLOPE, "%s 于 %s 校准，斜率由 %s 改为 %s（%+.0f%%）")                            \
    X(EV_GAS_FLOW, "%s 起烟气流量由 %s 降至 %s m3/h（%+.0f%%），流速 %s → %s m/s，"               \
      "而风机电流保持 %s A")                                                                       \
    X(EV_GAS_RTO, "%s 起 NMHC 由 %s 升至 %s mg/m3，风机（%s A）与流量不变，RTO 仍耗电 "           \
      "%s A：炉膛降温或被旁通")                                                                   \
    X(EV_GAS_FLAG_DAU, "%s 标记 %c（%s），%s 起持续 %lld 分钟，而%s：该标记并非分析仪所给；"       \
      "无运维工单")                                                                                \
    X(EV_GAS_FLAG_DAU_EXCEED, "%s 标记 %c（%s），%s 起持续 %lld 分钟，而%s，且紧随 %s %s mg/m3 "    \
      "超标（限值 %s，%s）：该标记并非分析仪所给；无运维工单")                                     \
    X(EV_GAS_WHY_MEASURING, "其分析仪上报为测量状态（3020 i12001 = 0）")                           \
    X(EV_GAS_WHY_PARTS, "同一分析仪同时段的其他输出未被标记")                                       \
    X(EV_GAS_FLAG_REPEAT, "%d 次校准或反吹（标记 %c），%s 起，最近一次 %s：按计划每天校准一次、"   \
      "每隔数小时反吹一次；无运维工单")                                                            \
    X(EV_GAS_SUM, "%s 上传 %s mg/m3（%s 起），而分析仪自身的 %s 合计为 %s mg/m3（%+.0f%%），"       \
      "连续 %d 个有效分钟：数值在分析仪之后被改动")

#endif
